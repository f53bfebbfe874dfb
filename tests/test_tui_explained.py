"""A question explained after it is answered (`explained_item`: a drill's feedback and
review), on a generated question: every option's own card under it, never the stem again."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from exam_sim.decks import load_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Answer, Direction
from exam_sim.tui.widgets.explained import explained_item

DECK = Path(__file__).parent / "data" / "seed-aws-ml-specialty.txt"


def _shown(renderable: object) -> str:
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(renderable)
    return " ".join(console.export_text().split())


def test_the_keys_definition_is_not_said_again_under_a_term_asked_for_it() -> None:
    deck = load_deck(DECK)
    generator = QuestionGenerator(deck)
    asked = (
        (card, generator.question(card.id, Direction.DEFINITION_TO_TERM, seed=1))
        for card in deck.cards
        if Direction.DEFINITION_TO_TERM in generator.directions_for(card.id)
    )
    # A definition shown whole (one with its term's words blanked is explained: the
    # explanation shows the words).
    card, question = next((c, q) for c, q in asked if q.stem == c.definition)
    wrong = next(n for n in range(len(question.options)) if n != question.answer)
    shown = _shown(explained_item(question, Answer(position=0, choice=wrong)))
    assert " ".join(card.definition.split()) not in shown  # the stem, just above
    for n, option in enumerate(question.options):
        assert option in shown
        if n != question.answer:  # a wrong option says what it really is
            other = deck.cards[generator.index.position[question.option_card_ids[n]]]
            assert " ".join(other.definition.split())[:40] in shown


def test_the_term_asked_is_not_said_again_under_its_definition() -> None:
    deck = load_deck(DECK)
    generator = QuestionGenerator(deck)
    asked = (
        (card, generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=1))
        for card in deck.cards
        if Direction.TERM_TO_DEFINITION in generator.directions_for(card.id)
    )
    card, question = next((c, q) for c, q in asked if q.stem == c.term)
    shown = _shown(explained_item(question, Answer(position=0, choice=question.answer)))
    assert f"= {card.term}" not in shown  # the stem, just above
    others = [n for n in range(len(question.options)) if n != question.answer]
    named = [deck.cards[generator.index.position[question.option_card_ids[n]]].term
             for n in others]  # fmt: skip
    assert all(f"= {term}" in shown for term in named)  # a wrong option says whose it is
