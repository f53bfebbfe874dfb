"""What the history shows beside the memory model: the learner's first sights of cards
(what they knew before anything taught them) and the finished mocks (how the model's
predictions fared). The readiness forecast (`forecast`) reads both."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Rating

from exam_sim.schedule.memory import Memory, Review, replay

OPTIONS = 4  # options per question (models.DEFAULT_OPTIONS): the chance of a lucky guess
GUESS = 1 / OPTIONS
PRIOR_MOCK_QUESTIONS = 65  # how much a mock must show before it moves the forecast
PRIOR_FIRST_SIGHTS = 10  # first sights it takes to move the unseen cards' chance from a guess


def chance_right(recall: float, options: int = OPTIONS) -> float:
    """Recalled, or a lucky guess among the options."""
    return recall + (1.0 - recall) / options


@dataclass(frozen=True)
class MockEvidence:
    """A finished mock: the share the model predicted just before it, and what happened."""

    predicted: float
    actual: float
    questions: int


@dataclass(frozen=True)
class Sightings:
    """What the forecast reads of a deck's reviews beside each card's memory: the cards
    answered at least once (in any attempt), those whose first answer was right, and when
    each card was first taught (its first review whose answer was then shown:
    `Review.taught`)."""

    seen: frozenset[str]
    right_first: frozenset[str]
    taught_at: Mapping[str, datetime]

    @property
    def first_sight(self) -> float:
        """The chance of a right answer on a card nothing has taught: the share of first
        reviews that were not Again, shrunk toward a blind guess by `PRIOR_FIRST_SIGHTS`
        (`known_share` of cards of `OPTIONS` options each, said as a chance)."""
        return unseen_chance(self.known_share())

    def known_share(self, guess: Callable[[str], float] | None = None) -> float:
        """The share of cards the learner knew before anything taught them: the first
        answers that were right beyond the lucky guesses each one's options allow (`guess`:
        a unit's chance of a blind guess, 1/4 unless told), shrunk toward none by
        `PRIOR_FIRST_SIGHTS` first sights. Below 0 when first answers go worse than
        guessing. (With 4 options everywhere, `first_sight` is 1/4 + 3/4 of it.) A bank of
        true/false questions answered half right on sight shows nothing known; read as 4
        options each, it showed a third of them known."""
        lucky = len(self.seen) * GUESS if guess is None else sum(map(guess, self.seen))
        return (len(self.right_first) - lucky) / (
            len(self.seen) - lucky + PRIOR_FIRST_SIGHTS * (1 - GUESS)
        )


# Nothing answered yet: every card's chance is a blind guess (`Sightings.first_sight`).
NO_SIGHTINGS = Sightings(frozenset(), frozenset(), {})


def unseen_chance(known: float, options: int = OPTIONS) -> float:
    """The chance of a right answer on a card nothing has taught and never answered: known
    beforehand (`Sightings.known_share`), else a lucky guess among its options."""
    guess = 1 / options
    return guess + known * (1 - guess)


def answered_chance(known: float, right: bool, options: int = OPTIONS) -> float:
    """The chance of a right answer on a card nothing has taught, given how its own first
    answer went: a first answer is right when the card was known beforehand (`known`, the
    share `Sightings.known_share` says) or by a lucky guess. Right: known with the chance
    that share over the chance of a right answer, else a guess; wrong: not known, a guess.
    Over the cards this averages to `unseen_chance` again, but a domain whose first
    answers went well is forecast higher than one whose went badly."""
    guess = 1 / options
    chance = unseen_chance(known, options)
    if known <= 0:  # no sign of cards known beforehand: all alike
        return chance
    if not right:
        return guess
    known_if_right = known / chance
    return known_if_right + (1 - known_if_right) * guess


def sightings(log: Iterable[tuple[str, Review]]) -> Sightings:
    """The `Sightings` of a review log (oldest first). The history reads the same from
    each card's own rows, without the log (`history.History.sightings`)."""
    seen: set[str] = set()
    right: set[str] = set()
    taught_at: dict[str, datetime] = {}
    for card_id, review in log:
        if card_id not in seen:
            seen.add(card_id)
            if review.rating is not Rating.Again:
                right.add(card_id)
        if review.taught:
            taught_at.setdefault(card_id, review.reviewed_at)
    return Sightings(frozenset(seen), frozenset(right), taught_at)


# The memory of each of some cards just before a moment (cards with no review before it
# are left out): the history reads the state stored with each review.
MemoriesBefore = Callable[[Sequence[str], datetime], Mapping[str, Memory]]


def replayed_before(log: Sequence[tuple[str, Review]]) -> MemoriesBefore:
    """`MemoriesBefore` by replaying a review log (oldest first): what the history stores."""
    by_card: dict[str, list[Review]] = {}
    for card_id, review in log:
        by_card.setdefault(card_id, []).append(review)

    def before(card_ids: Sequence[str], moment: datetime) -> dict[str, Memory]:
        found = {
            card_id: replay(
                card_id, [r for r in by_card.get(card_id, ()) if r.reviewed_at < moment]
            )
            for card_id in card_ids
        }
        return {card_id: memory for card_id, memory in found.items() if memory is not None}

    return before


def mock_evidence(
    mocks: Sequence[tuple[datetime, Sequence[tuple[str, bool]]]],
    taught_at: Mapping[str, datetime],
    memories_before: MemoriesBefore,
    options: Mapping[str, int] | None = None,
) -> list[MockEvidence]:
    """Each mock (its start, and each question's card and whether it was right) against
    what the model predicted from the reviews before it. Only the questions on cards
    taught before the mock count: a first sight of a card says what the learner knew
    beforehand (`Sightings.first_sight`), and a card met only in mocks is not forecast from
    its memory. `options`: a written question's number of options, for its lucky guess
    (a card's question has `OPTIONS`)."""
    evidence = []
    options = options or {}
    for started, outcomes in mocks:
        taught = sorted({c for c, _ in outcomes if taught_at.get(c, started) < started})
        memories = memories_before(taught, started) if taught else {}
        predicted = actual = 0.0
        asked = 0
        for card_id, right in outcomes:
            memory = memories.get(card_id)
            if memory is None:
                continue
            predicted += chance_right(memory.recall_at(started), options.get(card_id, OPTIONS))
            actual += right
            asked += 1
        if asked:
            evidence.append(MockEvidence(predicted / asked, actual / asked, asked))
    return evidence


def mock_correction(evidence: Sequence[MockEvidence]) -> tuple[float, float]:
    """(bias, extra variance) the mocks show: the mean of actual − predicted, shrunk toward 0
    by one full mock's worth of prior, and the spread of the differences beyond what a
    mock's own sampling explains."""
    if not evidence:
        return 0.0, 0.0
    weight = sum(e.questions for e in evidence)
    bias = sum(e.questions * (e.actual - e.predicted) for e in evidence) / (
        weight + PRIOR_MOCK_QUESTIONS
    )
    excess = [
        (e.actual - e.predicted - bias) ** 2 - e.predicted * (1 - e.predicted) / max(e.questions, 1)
        for e in evidence
    ]
    extra = max(0.0, sum(excess) / (len(excess) + 2))
    return bias, extra
