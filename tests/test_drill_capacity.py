"""How many questions a drill can make (`exam.capacity`), and what `plan_drill` says of
the drill it made: counted on the questions made, a slot that cannot be filled replaced by
another while there are others."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_sim.decks import resolve_deck
from exam_sim.errors import TOO_FEW_OPTIONS, GeneratorError
from exam_sim.exam import drill_capacity, plan_drill
from exam_sim.exam.items import source_for
from exam_sim.models import Direction, Question

DATA = Path(__file__).parent / "data"
DECKS = [
    "aws-ml-specialty",
    "aws-mla-c01",
    str(DATA / "authored.toml"),
    str(DATA / "bank.gift"),
    str(DATA / "cloud-glossary.md"),
    str(DATA / "de-nouns-wiktionary-masculine.tsv"),
    str(DATA / "decks-plain.tsv"),
    str(DATA / "decks-native.toml"),
    str(DATA / "network-acronyms.csv"),
    str(DATA / "system-design-qa.csv"),
]


@pytest.mark.parametrize("spec", DECKS)
def test_a_drill_never_makes_more_than_the_capacity_said(spec: str) -> None:
    deck = resolve_deck(spec)
    source = source_for(deck)
    capacity = drill_capacity(deck, source=source)
    made = plan_drill(source, count=10**6, seed=1).questions
    assert capacity.counted
    assert len(made) <= capacity.most
    # Only a tiny deck has too few wrong options for some way a card can be asked.
    if len(deck.cards) >= 20:
        assert capacity.most - len(made) <= 1


def test_the_bundled_decks_make_exactly_what_is_said() -> None:
    for spec in ("aws-ml-specialty", "aws-mla-c01"):
        deck = resolve_deck(spec)
        source = source_for(deck)
        capacity = drill_capacity(deck, source=source)
        assert len(plan_drill(source, count=10**6, seed=3).questions) == capacity.most


def test_capacity_says_clozes_references_and_the_bound() -> None:
    deck = resolve_deck(str(DATA / "de-nouns-wiktionary-masculine.tsv"))
    capacity = drill_capacity(deck, source=source_for(deck))
    assert capacity.never == 12  # definitions that only name their term, and references
    said = capacity.said(10**4)
    assert said.startswith("162 cards selected (12 cards cannot be asked): at most 251 ")
    assert said.endswith(f"(each card once each way, {capacity.one_way} cards one way only).")
    # Without the generator (a large deck not yet indexed): the bound, said as one.
    bound = drill_capacity(deck)
    assert not bound.counted and bound.most == 2 * 162
    assert bound.said(10**4) == (
        "162 cards selected: at most 324 questions can be made, fewer where a card is asked "
        "one way only (a cloze)."
    )
    assert (
        bound.said(300) == "162 cards selected: 300 questions ask some cards twice (once each way)."
    )
    assert bound.said(10) == "162 cards selected"


def test_a_bank_and_an_empty_choice() -> None:
    bank = resolve_deck(str(DATA / "bank.gift"))
    assert drill_capacity(bank, source=source_for(bank)).said(50) == (
        "6 items selected: at most 6 questions can be made."
    )
    deck = resolve_deck("aws-ml-specialty")
    assert drill_capacity(deck, tags=["no-such-tag"]).said(10) == (
        "0 cards selected: choose fewer topics or tags."
    )


def test_notes_count_the_questions_made() -> None:
    """XGBoost and Linear Learner name themselves: asked from their definitions only, they
    leave one definition to offer beside KNN's or Amazon Lex's, too few to ask those from
    their terms, and the capacity says so. The notes said "Only 6 questions could be
    made" and "2 cards could not be asked" of a drill of 4."""
    deck = resolve_deck(str(DATA / "decks-plain.tsv"))
    source = source_for(deck)
    assert drill_capacity(deck, source=source).most == 4
    plan = plan_drill(source, count=10, seed=1)
    assert len(plan.questions) == 4
    assert plan.notes == ("Only 4 questions could be made from the chosen cards.",)


def test_a_card_that_fails_one_way_is_asked_one_way_only() -> None:
    deck = resolve_deck("aws-ml-specialty")
    source = source_for(deck)
    both = [c.id for c in deck.cards if len(source.directions_for(c.id)) == 2][:3]
    refusing = _Refusing(set(both), Direction.TERM_TO_DEFINITION)
    plan = plan_drill(refusing, count=10**6, seed=2)
    capacity = drill_capacity(deck, source=source)
    assert len(plan.questions) == capacity.most - 3
    assert plan.notes[-1] == (
        "3 cards are asked one way only: too few wrong options that would not also be right."
    )


class _Refusing:
    """The bundled deck's generator, but the questions of `refused` cards fail (in one
    direction, or every one), as a card with too few wrong options does."""

    def __init__(self, refused: set[str], direction: Direction | None = None) -> None:
        self.inner = source_for(resolve_deck("aws-ml-specialty"))
        self.deck = self.inner.deck
        self.refused = refused
        self.direction = direction  # the one way refused; None: every way

    def directions_for(self, card_id: str) -> tuple[Direction, ...]:
        return self.inner.directions_for(card_id)

    def question(self, card_id: str, direction: Direction, *, seed: int) -> Question:
        if card_id in self.refused and self.direction in (None, direction):
            raise GeneratorError(f"card {card_id!r}: refused", reason=TOO_FEW_OPTIONS)
        return self.inner.question(card_id, direction, seed=seed)


@pytest.mark.parametrize("seed", range(6))
def test_a_slot_that_cannot_be_filled_is_replaced(seed: int) -> None:
    """A drill of 10 whose drawn cards include some that cannot be asked still makes 10,
    from the cards not drawn, and says which were left out."""
    deck = resolve_deck("aws-ml-specialty")
    drawn = plan_drill(source_for(deck), count=10, seed=seed).questions
    refused = {q.card_id for q in drawn[:3]}
    plan = plan_drill(_Refusing(refused), count=10, seed=seed)
    assert len(plan.questions) == 10
    assert not refused & {q.card_id for q in plan.questions}
    assert plan.notes == (
        "3 cards could not be asked: too few wrong options that would not also be right.",
    )


def test_a_card_left_out_both_ways_is_counted_once() -> None:
    """Each of its two slots failed, and the note said "6 cards could not be asked" of 3."""
    deck = resolve_deck("aws-ml-specialty")
    source = source_for(deck)
    both = [c.id for c in deck.cards if len(source.directions_for(c.id)) == 2][:3]
    plan = plan_drill(_Refusing(set(both)), count=10**6, seed=2)
    assert plan.notes[-1] == (
        "3 cards could not be asked: too few wrong options that would not also be right."
    )
    assert not set(both) & {q.card_id for q in plan.questions}
