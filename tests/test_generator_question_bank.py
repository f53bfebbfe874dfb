"""A question bank whose answers are a word or two ("What is the capital of Australia?" →
"Canberra"): every question is asked, among answers of the same kind, which come from
alike questions, not from alike answers (one word shares no stem with another)."""

from __future__ import annotations

from pathlib import Path

import pytest

import exam_sim.generator.index as index_module
from exam_sim.decks.audit import audit_deck
from exam_sim.decks.check import check_deck
from exam_sim.decks.loader import load_deck
from exam_sim.generator import GeneratorError, QuestionGenerator
from exam_sim.generator.numbers import number_answer
from exam_sim.models import Deck, Direction, make_card

BANK = Path(__file__).parent / "data" / "trivia-question-bank.csv"


def answers_to(deck: Deck, word: str) -> set[str]:
    return {card.definition for card in deck.cards if word in card.term.lower()}


def test_every_question_of_a_bank_of_short_answers_is_asked() -> None:
    deck = load_deck(BANK)
    generator = QuestionGenerator(deck)
    directions = {card.term: generator.directions_for(card.id) for card in deck.cards}
    # "The Pacific Ocean" repeats its question's word: asked from the answer, "The
    # Pacific ____" (tests/test_generator_echoes.py).
    assert directions.pop("What is the largest ocean?") == (Direction.ANSWER_TO_QUESTION,)
    assert set(directions.values()) == {(Direction.QUESTION_TO_ANSWER,)}
    assert audit_deck(deck).unaskable == []


def test_wrong_options_are_answers_to_alike_questions() -> None:
    """Four capitals for each capital question; numbers among numbers (of their size and
    kind: tests/test_generator_numbers.py)."""
    deck = load_deck(BANK)
    generator = QuestionGenerator(deck)
    capitals = answers_to(deck, "capital of")
    numbers = {c.definition for c in deck.cards if c.definition[0].isdigit()}
    for card in deck.cards:
        if generator.directions_for(card.id) != (Direction.QUESTION_TO_ANSWER,):
            continue  # the ocean: asked from its answer
        for seed in range(10):
            question = generator.question(card.id, Direction.QUESTION_TO_ANSWER, seed=seed)
            if card.definition in capitals:
                assert set(question.options) == capitals, question.options
            if card.definition in numbers:
                assert all(map(number_answer, question.options)), question.options


def test_a_question_opening_names_the_kind_of_answer() -> None:
    """ "Who discovered penicillin?" shares no word with "Who wrote 1984?", yet both ask
    for a person: the wrong options of a who-question are people (190 of 240 over ten
    seeds from the questions' words alone, 238 with their openings)."""
    deck = load_deck(BANK)
    generator = QuestionGenerator(deck)
    people = {c.definition for c in deck.cards if c.term.startswith("Who")}
    wrong = [
        option
        for card in deck.cards
        if card.definition in people
        for seed in range(10)
        for option in generator.question(card.id, Direction.QUESTION_TO_ANSWER, seed=seed).options
        if option != card.definition
    ]
    assert sum(option in people for option in wrong) >= 0.95 * len(wrong)


def test_a_short_answer_stands_only_among_short_answers() -> None:
    """ "Paris" among three sentences would be the odd one out at a glance: a question
    answered in a word is asked only when enough answers of a few words can stand beside
    it, and the audit says why not."""
    glossary = [
        ("Heron", "A wading bird with long legs that hunts fish in shallow water."),
        ("Otter", "A river mammal with thick fur that eats fish and shellfish."),
        ("Badger", "A burrowing mammal with a striped face that digs setts in woodland."),
        ("Kestrel", "A small falcon that hovers in the air before diving on voles."),
        ("Newt", "A small amphibian that returns to ponds to breed in spring."),
        ("Wren", "A tiny brown bird with a loud song and an upright tail."),
    ]
    cards = [make_card(t, d) for t, d in glossary]
    question = make_card("What is the capital of France?", "Paris")
    deck = Deck(id="mixed", title="Mixed", cards=(*cards, question))
    reasons = {u.card.term: u.reason for u in audit_deck(deck).unaskable}
    assert reasons == {
        "What is the capital of France?": "question → answer: a question answered in one "
        "word ('Paris') has 0 other short answers to stand among, 4 options need 3"
    }


def test_check_calls_a_question_bank_one_and_lists_no_warning_per_question() -> None:
    findings = [f for f in check_deck(load_deck(BANK)) if f.code == "question-card"]
    assert [(f.severity, f.message, len(f.card_ids)) for f in findings] == [
        (
            "info",
            "32 of 32 cards are questions (a question bank): each is asked as a question "
            "(from its answer where that repeats the question) and never offered among terms",
            32,
        )
    ]


def test_a_large_bank_says_when_the_question_spells_its_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A question holding its own answer, and no other answer as close to it, would give
    it away whatever the draw: the large-deck path refuses it, saying so of a question
    (it has no other direction to be asked in)."""
    monkeypatch.setattr(index_module, "FULL_SCAN_LIMIT", 0)  # the large-deck path
    rows = [(f"Which year is written {1500 + 7 * n} in the chronicle?", str(1500 + 7 * n))
            for n in range(12)]  # fmt: skip
    deck = Deck(id="years", title="Years", cards=tuple(make_card(q, a) for q, a in rows))
    generator = QuestionGenerator(deck)
    card = deck.cards[0]
    with pytest.raises(GeneratorError, match="its answer is spelled like its question"):
        generator.question(card.id, Direction.QUESTION_TO_ANSWER, seed=1)
