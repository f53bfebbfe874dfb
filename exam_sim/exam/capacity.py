"""How many questions a drill on chosen topics and tags can make, and how to say it; how
many a mock makes (Home says it beside M).

Each card is asked at most once each way, a cloze or a card that gives itself away one way
once, a cross-reference never (`QuestionSource.directions_for`); each written item once.
The drill dialog says it live as the learner chooses, and `plan_drill` makes exactly that
many when asked for more (a parity test holds them together).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

from exam_sim.errors import ExamSimError
from exam_sim.exam.planning import (
    EXACT_PLAN_LIMIT,
    QuestionSource,
    drill_cards,
    drill_items,
    plan_mock,
)
from exam_sim.exam.request import mock_minutes
from exam_sim.models import Deck
from exam_sim.units import counted, deck_size


@dataclass(frozen=True)
class DrillCapacity:
    """What a choice of topics and tags holds, and the most questions a drill makes of it.

    `counted` says whether each card was asked which ways it can be asked (every card
    of a choice up to `EXACT_PLAN_LIMIT` cards, when the deck's generator is at hand);
    otherwise `most` is the bound, each card both ways."""

    cards: int
    items: int
    most: int
    counted: bool = False
    one_way: int = 0  # cards asked one way only
    never: int = 0  # cards that cannot be asked

    def said(self, count: int) -> str:
        """ "4 cards selected", and when `count` asks more than one question a card, what a
        drill of `count` questions makes of it."""
        text = f"{deck_size(self.cards, self.items)} selected"
        if self.cards + self.items == 0:
            return f"{text}: choose fewer topics or tags."
        if self.never:
            text += f" ({'it' if self.cards == 1 else counted(self.never, 'card')} cannot be asked)"
        if count > self.most:
            if not self.counted:
                return (
                    f"{text}: at most {counted(self.most, 'question')} can be made, fewer "
                    "where a card is asked one way only (a cloze)."
                )
            return f"{text}: at most {counted(self.most, 'question')} can be made{self._why()}."
        if count > self.cards - self.never + self.items:
            return f"{text}: {count} questions ask some cards twice (once each way)."
        return text

    def _why(self) -> str:
        askable = self.cards - self.never
        if not askable:
            return ""
        if askable == self.one_way:
            return " (each card one way only)" if askable > 1 else " (the card one way only)"
        if not self.one_way:
            return " (each card once each way)" if askable > 1 else " (the card once each way)"
        one_way = counted(self.one_way, "card")
        return f" (each card once each way, {one_way} one way only)"


def drill_capacity(
    deck: Deck,
    topics: Sequence[str] = (),
    tags: Sequence[str] = (),
    *,
    source: QuestionSource | None = None,
) -> DrillCapacity:
    """The capacity of a drill on these topics and tags (`DRILL_RULE`). With `source`
    (the deck's generator) and at most `EXACT_PLAN_LIMIT` cards chosen, every card is
    asked which ways it can be asked, as `plan_drill` asks them; else the bound."""
    cards = drill_cards(deck, topics, tags)
    items = drill_items(deck, topics, tags)
    if source is None or len(cards) > EXACT_PLAN_LIMIT:
        return DrillCapacity(len(cards), items, 2 * len(cards) + items)
    ways = [len(source.directions_for(card_id)) for card_id in cards]
    return DrillCapacity(
        len(cards),
        items,
        sum(ways) + items,
        counted=True,
        one_way=ways.count(1),
        never=ways.count(0),
    )


@dataclass(frozen=True)
class MockSize:
    """The questions and minutes of the deck's next mock exam."""

    questions: int
    minutes: float

    def said(self) -> str:
        """ "65 q · 180 min", "12 q · 12 min" (Home's detail of its Mock exam action)."""
        return f"{self.questions} q · {self.minutes:g} min"


def mock_size(deck: Deck, source: QuestionSource | None = None) -> MockSize:
    """What a mock of `deck` asks: its blueprint's questions and time, or fewer questions at
    the blueprint's pace when the deck can ask fewer (the mock's notes say so too).

    A mock is short only when the whole deck is (`plan_mock` lends a short topic's questions
    to the others, and slots it did not take stand in for questions that cannot be made:
    `slot_supply.stand_ins`). Where the cards are counted (`drill_capacity`, with `source`)
    and can make half again the blueprint's number, it is not: a question fails only for a
    card whose wrong options run out. Else the mock is planned to count it (milliseconds
    a question, and only for such a deck). Without the generator, or when no mock can be
    made, the blueprint's (the session says why it cannot start)."""
    blueprint = deck.effective_blueprint
    questions = wanted = blueprint.questions
    if source is not None and len(deck.cards) <= EXACT_PLAN_LIMIT:
        capacity = drill_capacity(deck, source=source)
        if 2 * capacity.most < 3 * wanted:
            with contextlib.suppress(ExamSimError):
                questions = min(wanted, len(plan_mock(source, seed=0).questions)) or wanted
    return MockSize(questions, mock_minutes(blueprint, questions))
