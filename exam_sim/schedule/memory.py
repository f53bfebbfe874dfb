"""Each card's memory state, from its reviews, with the `fsrs` package's scheduler.

The state is never edited in place: it is the replay of the card's reviews in time order,
so a deleted attempt (its reviews gone) gives exactly the state the remaining answers give,
and replaying the same reviews twice gives the same state. Fuzzing is off for that reason:
FSRS's fuzz draws a random number per review, and a replay must be deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler, State

SCHEDULER = Scheduler(enable_fuzzing=False)
DESIRED_RETENTION = SCHEDULER.desired_retention


@dataclass(frozen=True)
class Review:
    """One answered question, as FSRS sees it. `taught`: the learner was shown the answer
    right after (a drill's or study's feedback); a mock's answers are not (its key shows
    only in the report, if it is read)."""

    reviewed_at: datetime  # UTC
    rating: Rating
    taught: bool = True


@dataclass(frozen=True)
class Memory:
    """A card's state after its reviews: what the history stores and the planner reads."""

    card_id: str
    state: State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reviews: int
    lapses: int  # reviews rated Again

    def recall_at(self, when: datetime) -> float:
        """FSRS's retrievability: the chance the card is recalled at `when` (0 if never
        reviewed)."""
        return SCHEDULER.get_card_retrievability(self.fsrs_card(), when)

    def fsrs_card(self) -> Card:
        return Card(
            card_id=0,  # fsrs would otherwise make one from the clock (and sleep 1 ms)
            state=self.state,
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )


def parse_utc(stamp: str) -> datetime:
    """An ISO-8601 time as stored in the history, as an aware UTC datetime (FSRS refuses
    any other zone)."""
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def replay(card_id: str, reviews: Iterable[Review], start: Memory | None = None) -> Memory | None:
    """The card's memory after `reviews`, applied in the order given (oldest first);
    None when there are none. `start`: the memory the card had before `reviews` (which all
    come after its last review): the same fold, without replaying what led to it."""
    last = start
    for step in replay_steps(card_id, reviews, start):
        last = step
    return last


def replay_steps(
    card_id: str, reviews: Iterable[Review], start: Memory | None = None
) -> Iterator[Memory]:
    """The card's memory after each of `reviews` in turn (the fold `replay` finishes)."""
    card: Card | None = None if start is None else start.fsrs_card()
    count = 0 if start is None else start.reviews
    lapses = 0 if start is None else start.lapses
    for review in reviews:
        if card is None:
            card = Card(card_id=0, due=review.reviewed_at)
        when = review.reviewed_at
        if card.last_review is not None and when < card.last_review:
            when = card.last_review  # a clock that went back: never review in the past
        card, _ = SCHEDULER.review_card(card, review.rating, when)
        count += 1
        lapses += review.rating is Rating.Again
        yield Memory(
            card_id=card_id,
            state=card.state,
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
            reviews=count,
            lapses=lapses,
        )
