"""`check` says when a question's kind is too small for its wrong options to be of it:
three chemical symbols among 32 trivia questions are each asked beside "Canberra"."""

from __future__ import annotations

from pathlib import Path

from exam_sim.decks.check import check_deck
from exam_sim.decks.loader import load_deck
from exam_sim.models import Deck, make_card

DATA = Path(__file__).parent / "data"
CAPITALS = [
    (f"What is the capital of {country}?", city)
    for country, city in (("France", "Paris"), ("Spain", "Madrid"), ("Peru", "Lima"))
]


def _few(deck: Deck) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.message, f.card_ids) for f in check_deck(deck) if f.code == "few-of-a-kind"]


def test_three_symbols_among_a_bank_are_too_few() -> None:
    deck = load_deck(DATA / "trivia-question-bank.csv")
    [(message, card_ids)] = _few(deck)
    assert message.startswith(
        "3 questions are answered by a symbol or acronym: 'What is the chemical symbol for "
        "gold?' (line 15), "
    )
    assert message.endswith(
        "too few for a question's 4 options to be of one kind, so answers of another kind "
        "stand among them, which a guesser strikes out (add questions answered by one)"
    )
    answers = {c.id: c.definition for c in deck.cards}
    assert sorted(answers[i] for i in card_ids) == ["Au", "Fe", "Na"]


def test_one_question_asking_for_a_person_is_named_alone() -> None:
    rows = [("Who painted the Mona Lisa?", "Leonardo da Vinci")]
    rows += CAPITALS
    deck = Deck(id="quiz", title="Quiz", cards=tuple(make_card(q, a) for q, a in rows))
    [(message, card_ids)] = _few(deck)
    assert message.startswith("1 question asks for a person ('Who…?'): 'Who painted the Mona")
    assert card_ids == (deck.cards[0].id,)


def test_enough_of_a_kind_and_yes_no_answers_are_no_finding() -> None:
    """The history bank asks for twelve people; a bare "No" is a true/false verdict."""
    assert _few(load_deck(DATA / "history-question-bank.csv")) == []
    rows = [("Can S3 hold a 10 TB object?", "No")]
    rows += CAPITALS
    deck = Deck(id="quiz", title="Quiz", cards=tuple(make_card(q, a) for q, a in rows))
    assert _few(deck) == []


def test_two_places_are_too_few() -> None:
    rows = [("Where is the Prado?", "Madrid"), ("Where is the Louvre?", "Paris")]
    deck = Deck(id="quiz", title="Quiz", cards=tuple(make_card(q, a) for q, a in rows + CAPITALS))
    [(message, card_ids)] = _few(deck)
    assert message.startswith("2 questions ask for a place ('Where…?'): 'Where is the Prado?'")
    assert len(card_ids) == 2
