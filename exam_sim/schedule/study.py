"""Which cards a study session asks, and the "N due today · next review in 3 h" summary.

A card is *due* when its FSRS due time has come; a card never reviewed is *new*. A study
session asks the due cards first (longest overdue first), then new cards in deck order, up
to a daily limit of new cards (counted from the start of the learner's local day), and at
most `limit` questions in all. With an exam date whose daily plan asks more new cards a
day than the default, the plan's number is the limit (`NewCards`): a learner following the
plan is never held back by a setting they never chose.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from exam_sim.schedule.memory import Memory
from exam_sim.units import counted

DEFAULT_NEW_PER_DAY = 10
DEFAULT_STUDY_COUNT = 20


def start_of_local_day(now: datetime) -> datetime:
    """Midnight of `now`'s day in the machine's time zone, in UTC."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


@dataclass(frozen=True)
class NewCards:
    """How many new cards a study session offers a day, and whether that is the daily
    plan's number (shown, so the learner knows why it is not the usual 10)."""

    per_day: int = DEFAULT_NEW_PER_DAY
    planned: bool = False

    @classmethod
    def for_plan(cls, planned: int | None) -> NewCards:
        """The default, or the plan's number (`Forecast.new_per_day`) when it asks more."""
        if planned is not None and planned > DEFAULT_NEW_PER_DAY:
            return cls(planned, planned=True)
        return cls()

    def label_of(self, noun: str) -> str:
        """What today's limit is, in `noun`s: "25 new cards (daily plan)", "10 new
        questions" (a question bank's)."""
        text = counted(self.per_day, f"new {noun}")
        return f"{text} (daily plan)" if self.planned else text


@dataclass(frozen=True)
class StudyQueue:
    """The cards of one study session: due reviews first, then new cards; `later`, the
    other new cards in the order they come, to stand in for a new card that cannot be
    asked (`askable`); `next_due`, the first review after now, if any."""

    due: tuple[str, ...]
    new: tuple[str, ...]
    later: tuple[str, ...] = ()
    next_due: datetime | None = None

    @property
    def card_ids(self) -> tuple[str, ...]:
        return self.due + self.new

    def askable(self, can_ask: Callable[[str], bool]) -> StudyQueue:
        """The queue with as many new cards, the ones that cannot be asked passed over (a
        card whose definition only names its term, one with no wrong options: `exam-sim
        check` lists them): they would never be asked, and would stay new for ever."""
        unseen = itertools.chain(self.new, self.later)
        new = tuple(itertools.islice(filter(can_ask, unseen), len(self.new)))
        return replace(self, new=new)


def interleave(card_ids: Sequence[str], topics: Mapping[str, str | None]) -> list[str]:
    """The cards in deck order, one topic after another (round robin), so a day's new
    cards are not all from the first chapter of the deck."""
    groups: dict[str | None, list[str]] = {}
    for card_id in card_ids:
        groups.setdefault(topics.get(card_id), []).append(card_id)
    order: list[str] = []
    queues = [iter(group) for group in groups.values()]
    while queues:
        alive = []
        for queue in queues:
            taken = next(queue, None)
            if taken is not None:
                order.append(taken)
                alive.append(queue)
        queues = alive
    return order


def study_queue(
    card_ids: Sequence[str],
    memories: Mapping[str, Memory],
    *,
    now: datetime,
    new_today: int,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
    limit: int = DEFAULT_STUDY_COUNT,
) -> StudyQueue:
    """The cards to ask now (card_ids: the deck's cards, in the order new ones are taken)."""
    due = sorted(
        (cid for cid in card_ids if cid in memories and memories[cid].due <= now),
        key=lambda cid: (memories[cid].due, cid),
    )[:limit]
    allowance = max(0, min(new_per_day - new_today, limit - len(due)))
    unseen = tuple(cid for cid in card_ids if cid not in memories)
    known = [memories[cid] for cid in card_ids if cid in memories]
    return StudyQueue(tuple(due), unseen[:allowance], unseen[allowance:], _next_review(known, now))


def _next_review(known: Sequence[Memory], now: datetime) -> datetime | None:
    """When the first of these cards' reviews after now is due, if any."""
    return min((m.due for m in known if m.due > now), default=None)


@dataclass(frozen=True)
class DueSummary:
    """What Home says about the open deck's schedule."""

    due_now: int
    due_today: int  # due before the end of the local day, including those due now
    new_today: int  # new cards still allowed today
    planned: bool  # today's limit of new cards is the daily plan's (`NewCards`)
    next_due: datetime | None  # the next review after now, if any
    reviewed: int  # cards with a memory
    total: int  # cards in the deck
    noun: str = "card"  # what is studied: "question" on a question bank (`study_units`)


def due_summary(
    card_ids: Sequence[str],
    memories: Mapping[str, Memory],
    *,
    now: datetime,
    new_today: int,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
    planned: bool = False,
    noun: str = "card",
) -> DueSummary:
    end_of_day = start_of_local_day(now) + timedelta(days=1)
    known = [memories[cid] for cid in card_ids if cid in memories]
    unseen = len(card_ids) - len(known)
    return DueSummary(
        due_now=sum(1 for m in known if m.due <= now),
        due_today=sum(1 for m in known if m.due < end_of_day),
        new_today=max(0, min(new_per_day - new_today, unseen)),
        planned=planned,
        next_due=_next_review(known, now),
        reviewed=len(known),
        total=len(card_ids),
        noun=noun,
    )
