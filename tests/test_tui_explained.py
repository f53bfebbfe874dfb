"""A question explained after it is answered (`explained_item`: a drill's feedback and
review), on a generated question: every option's own card under it, never the stem again."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from exam_sim.decks import load_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Answer, Card, Direction, Question
from exam_sim.tui.widgets.explained import explained_item

DECK = Path(__file__).parent / "data" / "seed-aws-ml-specialty.txt"


def _shown(renderable: object) -> str:
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(renderable)
    return " ".join(console.export_text().split())


def _asked_whole(direction: Direction) -> tuple[QuestionGenerator, Card, Question]:
    """A card asked in `direction` whose stem is its own text whole (a definition with its
    term's words blanked is explained: the explanation shows the words)."""
    generator = QuestionGenerator(load_deck(DECK))
    for card in generator.deck.cards:
        if direction in generator.directions_for(card.id):
            question = generator.question(card.id, direction, seed=1)
            if question.stem in (card.definition, card.term):
                return generator, card, question
    raise AssertionError(f"no card asked {direction} with its text whole")


def _card(generator: QuestionGenerator, card_id: str) -> Card:
    return generator.deck.cards[generator.index.position[card_id]]


def test_the_keys_definition_is_not_said_again_under_a_term_asked_for_it() -> None:
    generator, card, question = _asked_whole(Direction.DEFINITION_TO_TERM)
    wrong = next(n for n in range(len(question.options)) if n != question.answer)
    shown = _shown(explained_item(question, Answer(position=0, choice=wrong)))
    assert " ".join(card.definition.split()) not in shown  # the stem, just above
    for n, option in enumerate(question.options):
        assert option in shown
        if n != question.answer:  # a wrong option says what it really is
            other = _card(generator, question.option_card_ids[n])
            assert " ".join(other.definition.split())[:40] in shown


def test_the_term_asked_is_not_said_again_under_its_definition() -> None:
    generator, card, question = _asked_whole(Direction.TERM_TO_DEFINITION)
    shown = _shown(explained_item(question, Answer(position=0, choice=question.answer)))
    assert f"= {card.term}" not in shown  # the stem, just above
    for n, card_id in enumerate(question.option_card_ids):
        if n != question.answer:  # a wrong option says whose it is
            assert f"= {_card(generator, card_id).term}" in shown


AUTHORED = Path(__file__).parent / "data" / "authored.toml"


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_item_explains_any_response_given_or_partial(data: st.DataObject) -> None:
    """Whatever was given (nothing, part of it, a wrong or a right whole response), every
    option, step or prompt of the item is shown, each with a mark."""
    from exam_sim.decks.native import read_native
    from exam_sim.enums import ItemKind
    from exam_sim.exam.items import question_of

    deck = read_native(AUTHORED)
    item = data.draw(st.sampled_from(deck.items))
    question = question_of(item, None, seed=data.draw(st.integers(0, 9)))
    count = len(question.options)
    if question.kind is ItemKind.MATCHING:
        picks = st.integers(-1, count - 1)
        response = tuple(data.draw(st.lists(picks, min_size=len(question.prompts),
                                            max_size=len(question.prompts))))  # fmt: skip
    elif question.kind is ItemKind.ORDERING:
        response = tuple(
            data.draw(st.permutations(range(count)))[: data.draw(st.integers(0, count))]
        )
    else:
        response = tuple(sorted(data.draw(st.sets(st.integers(0, count - 1), max_size=count))))
    choice = data.draw(st.none() | st.integers(0, count - 1))
    if question.kind is not ItemKind.SINGLE:
        choice = None if not response else (-1 if response != question.key_set else question.answer)
    answer = Answer(position=0, choice=choice, response=response or None)
    shown = _shown(explained_item(question, answer))
    texts = question.prompts if question.kind is ItemKind.MATCHING else question.options
    for text in texts:
        assert " ".join(text.split())[:30] in shown
    assert shown.count("✓") + shown.count("✗") >= (
        len(question.keys) if question.kind is not ItemKind.SINGLE else 1
    )
