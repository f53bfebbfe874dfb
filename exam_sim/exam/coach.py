"""The coach's reads of the history for a deck: the study summary Home shows and the
readiness forecast (`exam-sim plan`, Home, History). The models are in exam_sim.schedule
(pure); this module gathers what they need from the history, for both front ends.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import partial
from typing import TYPE_CHECKING, Protocol

from exam_sim.models import AttemptMode, AttemptStatus, Deck
from exam_sim.schedule.evidence import Sightings
from exam_sim.schedule.forecast import Forecast, forecast_from_history
from exam_sim.schedule.memory import Memory, parse_utc
from exam_sim.schedule.study import (
    DueSummary,
    NewCards,
    due_summary,
    start_of_local_day,
)
from exam_sim.schedule.units import study_ids, study_noun

if TYPE_CHECKING:
    from exam_sim.history import AttemptSummary, Confusion

MOCKS_CONSIDERED = 10  # the latest mocks the forecast compares with its model


def utc_now() -> datetime:
    """The time the schedule is read at (one function, so tests can fix it)."""
    return datetime.now(UTC)


def exam_day(text: str, *, now: datetime | None = None) -> date:
    """The exam date a learner typed (`plan --exam-date`, the TUI's dialog): YYYY-MM-DD,
    today or later (a forecast for a day gone by says nothing); `ValueError` with the
    sentence to show otherwise."""
    written = text.strip()
    try:
        day = date.fromisoformat(written)
    except ValueError:
        raise ValueError(_not_a_day(written)) from None
    today = (now or utc_now()).astimezone().date()
    if day < today:
        raise ValueError(f"{day.isoformat()} has passed: give the day you sit the exam")
    return day


def _not_a_day(written: str) -> str:
    """Why `written` is no exam date: not written YYYY-MM-DD, or so written but not a day
    of the calendar ("2027-02-30": a learner who wrote the form right is told which part
    is wrong, not to write the form)."""
    parts = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", written)
    if parts is None:
        return f"{written!r} is not a date written YYYY-MM-DD"
    year, month, _ = map(int, parts.groups())
    if not 1 <= month <= 12:
        return f"{written!r} has no month {month:02d}: months run from 01 to 12"
    days = calendar.monthrange(year, month)[1]
    return f"{written!r} is not a day: {date(year, month, 1):%B %Y} has {days} days"


class CoachHistory(Protocol):
    """What the coach reads (`exam_sim.history.History` provides it)."""

    def memories(self, deck_id: str) -> dict[str, Memory]: ...
    def new_cards_since(self, deck_id: str, since: datetime) -> int: ...
    def sightings(self, deck_id: str) -> Sightings: ...
    def outcomes(self, attempt_id: int) -> list[tuple[str, bool]]: ...
    def memories_before(
        self, deck_id: str, card_ids: Sequence[str], moment: datetime
    ) -> dict[str, Memory]: ...
    def attempts(
        self,
        *,
        deck_id: str | None = None,
        limit: int | None = None,
        status: AttemptStatus | str | Iterable[AttemptStatus | str] | None = None,
        mode: AttemptMode | None = None,
    ) -> Sequence[AttemptSummary]: ...


class ReadinessHistory(CoachHistory, Protocol):
    def exam_date(self, deck_id: str) -> str | None: ...


def study_summary(
    history: ReadinessHistory,
    deck: Deck,
    *,
    now: datetime | None = None,
    new_cards: NewCards | None = None,
    memories: Mapping[str, Memory] | None = None,
) -> DueSummary:
    """How many of the deck's cards are due today, and when the next one is. `new_cards`:
    today's limit of new cards; None works it out (`new_cards_a_day`). `memories`: the
    deck's, when the caller has read them already (the end of a study session reads them
    for its recap too); None reads them."""
    now = now or utc_now()
    if new_cards is None:
        new_cards = new_cards_a_day(history, deck, now=now)
    return due_summary(
        study_ids(deck),
        history.memories(deck.id) if memories is None else memories,
        now=now,
        new_today=history.new_cards_since(deck.id, start_of_local_day(now)),
        new_per_day=new_cards.per_day,
        planned=new_cards.planned,
        noun=study_noun(deck),
    )


def new_cards_a_day(
    history: ReadinessHistory, deck: Deck, *, now: datetime | None = None
) -> NewCards:
    """Today's limit of new cards for a study session: the default (10), or the daily
    plan's number when the deck has an exam date and its plan asks more."""
    return new_cards_of(deck_readiness(history, deck, now=now))


def new_cards_of(forecast: Forecast | None) -> NewCards:
    """`new_cards_a_day` from a forecast already made (None: the deck has no exam date, or
    its forecast is not made yet), as Home has it."""
    return NewCards.for_plan(None if forecast is None else forecast.new_per_day)


def deck_readiness(
    history: ReadinessHistory, deck: Deck, *, now: datetime | None = None
) -> Forecast | None:
    """The forecast on the deck's exam date, with its daily plan; None when the deck has no
    exam date (what Home's line and the History screen's panel show)."""
    stored = history.exam_date(deck.id)
    if stored is None:
        return None
    return readiness(history, deck, date.fromisoformat(stored), now=now)


def readiness(
    history: CoachHistory,
    deck: Deck,
    exam_day: date,
    *,
    now: datetime | None = None,
    with_plan: bool = True,
) -> Forecast:
    """The forecast for `deck` on `exam_day`, with what the latest mocks say."""
    now = now or utc_now()
    mocks = latest_mocks(history, deck)
    return forecast_from_history(
        deck,
        history.memories(deck.id),
        history.sightings(deck.id),
        mocks,
        partial(history.memories_before, deck.id),
        exam_day=exam_day,
        now=now,
        with_plan=with_plan,
    )


def latest_mocks(
    history: CoachHistory, deck: Deck
) -> list[tuple[datetime, list[tuple[str, bool]]]]:
    """The deck's latest finished mocks as the forecast compares them: each one's start,
    and each question's card and whether it was right."""
    # The latest finished mocks only: a deck's drills are never listed (50,000 attempts
    # took 0.7 s to list and filter here).
    finished = history.attempts(
        deck_id=deck.id,
        status=(AttemptStatus.SUBMITTED, AttemptStatus.TIMED_OUT),
        mode=AttemptMode.MOCK,
        limit=MOCKS_CONSIDERED,
    )
    return [(parse_utc(mock.started_at), history.outcomes(mock.id)) for mock in finished]


def named_by_deck(confusions: Iterable[Confusion], deck: Deck | None) -> list[Confusion]:
    """The confusions with each card of `deck` named by its term. The history names a
    card by what a question showed of it, and a wrong option taken in a term → definition
    question showed a definition ("you took 'Tipo de modelo que da como resultado…' for
    atributo denso"); a confusion reads best as two names. Cards the deck no longer has,
    and other decks' confusions, keep what the history stored."""
    if deck is None:
        return list(confusions)
    terms = {card.id: " ".join(card.term.split()) for card in deck.cards}
    return [
        replace(
            confusion,
            key_text=terms.get(confusion.key_card_id, confusion.key_text),
            chosen_text=terms.get(confusion.chosen_card_id, confusion.chosen_text),
        )
        if confusion.deck_id == deck.id
        else confusion
        for confusion in confusions
    ]
