"""A fill-in-the-blank card ("The powerhouse of the cell is the ____." → mitochondrion)
is a question: asked from its sentence among other cards' answers, never from its answer,
and shown whole with its answer filled in (docs/decks.md, *fill in the blank*)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.plain_cards import may_be_questions
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.wording import card_line
from exam_sim.models import CardKind, Deck, Direction, make_card
from exam_sim.text import filled, looks_like_question

FILL_IN = """front,back
The powerhouse of the cell is the ____.,mitochondrion
Proteins are made on the ___.,ribosome
Photosynthesis takes place in the ______.,chloroplast
The ____ holds the cell's chromosomes.,nucleus
Water crosses a membrane by ____.,osmosis
Plant cells have a rigid ____ outside the membrane.,cell wall
Digestive enzymes are stored in the ____.,lysosome
Four haploid cells are made in ____.,meiosis
"""


def _deck(tmp_path: Path) -> Path:
    path = tmp_path / "fill-in.csv"
    path.write_text(FILL_IN, encoding="utf-8")
    return path


def test_a_sentence_with_a_blank_is_a_question_card(tmp_path: Path) -> None:
    deck = load_deck(_deck(tmp_path))
    assert {card.kind for card in deck.cards} == {CardKind.QUESTION}
    # the bulk reading of a CSV and a card made one at a time agree
    one = make_card("Proteins are made on the ___.", "ribosome")
    assert one.kind is CardKind.QUESTION


def test_it_is_asked_from_its_sentence_and_shown_whole(tmp_path: Path) -> None:
    deck = load_deck(_deck(tmp_path))
    generator = QuestionGenerator(deck)
    answers = {card.definition for card in deck.cards}
    for card in deck.cards:
        # "cell wall" repeats "cell" of its sentence: still never asked from its answer,
        # which would read "____ wall"
        assert generator.directions_for(card.id) == (Direction.QUESTION_TO_ANSWER,)
        question = generator.question(card.id, Direction.QUESTION_TO_ANSWER, seed=1)
        assert question.stem == card.term
        assert set(question.options) <= answers
        key = question.explanations[question.answer]
        assert "_" not in key and card.definition in key
    wall = next(card for card in deck.cards if card.definition == "cell wall")
    assert card_line(wall) == "Plant cells have a rigid cell wall outside the membrane."


def test_a_written_blank_of_any_length_is_filled_with_its_hint() -> None:
    assert filled("Made on the ______ (organelle).", "ribosome") == "Made on the ribosome."
    assert (
        filled("Kinesis ____ loads into ____", "Firehose, S3") == "Kinesis Firehose loads into S3"
    )
    assert filled("No blank here", "x") == "No blank here"


@given(st.lists(st.text(st.sampled_from("ab _?w\u00e9"), min_size=1, max_size=12), max_size=6))
def test_every_term_read_as_a_question_is_found_by_the_bulk_scan(terms: list[str]) -> None:
    terms = [term.strip() for term in terms if term.strip()]
    found = set(may_be_questions(terms))
    assert {k for k, term in enumerate(terms) if looks_like_question(term)} <= found


def test_no_wrong_answer_is_said_by_its_question() -> None:
    # "A nucleus divides … in ____." is not asking for "nucleus"; "Which planet is closest
    # to the Sun?" not for "The Sun": a guesser strikes them out.
    cards = [
        make_card("A nucleus divides into two identical nuclei in ____.", "mitosis"),
        make_card("Four haploid cells are made in ____.", "meiosis"),
        make_card("The ____ holds the cell's chromosomes.", "nucleus"),
        make_card("Water crosses a membrane by ____.", "osmosis"),
        make_card("Which planet is closest to the Sun?", "Mercury"),
        make_card("What is the star at the centre of the solar system?", "The Sun"),
        make_card("Particles spread from high to low concentration by ____.", "diffusion"),
    ]
    generator = QuestionGenerator(Deck(id="bio", title="Biology", cards=cards))
    for card, said in ((cards[0], "nucleus"), (cards[4], "The Sun")):
        for seed in range(20):
            question = generator.question(card.id, Direction.QUESTION_TO_ANSWER, seed=seed)
            assert said not in question.options, question.options
