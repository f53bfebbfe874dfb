"""Decks written elsewhere by other people (tests/data, listed in tests/data/README.md).

Every deck the README lists must load with the loader and give the number of cards its
file holds; for the real-world decks, a question must be generated for every card. Three
of them hold terms that are equal once folded ('九' twice, 'Abriss'/'Abriß',
'-ig-'/'-iĝ-'): they load, and those cards are never options together.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from exam_sim.decks import load_deck
from exam_sim.generator import GeneratorError, QuestionGenerator
from exam_sim.models import Deck

DATA = Path(__file__).parent / "data"


class Expected:
    """What one file in tests/data must give: its card count and the options it needs."""

    def __init__(self, cards: int, real: bool = False, **options: Any) -> None:
        self.cards = cards
        self.real = real  # written elsewhere by other people (questions are generated too)
        self.options = options


# Card counts are the number of cards (rows, pairs) in each file as written.
EXPECTED: dict[str, Expected] = {
    "seed-aws-ml-specialty.txt": Expected(55),
    "google-ml-glossary-es.csv": Expected(225),
    "decks-native.toml": Expected(6),
    "decks-quizlet.txt": Expected(4, term_separator=" - ", card_separator=";"),
    "decks-anki.txt": Expected(4),
    "decks-header.csv": Expected(4),
    "decks-plain.tsv": Expected(4),
    "hi-ml-glossary.csv": Expected(14),
    "zh-hsk1-vocabulary.csv": Expected(42),
    "network-numbers.csv": Expected(78),
    "network-acronyms.csv": Expected(50),
    "trivia-question-bank.csv": Expected(32),
    "history-question-bank.csv": Expected(35),
    "pmp-formulas.csv": Expected(25),
    "es-senses-vocabulary.csv": Expected(40),
    "ko-vocabulary.csv": Expected(40),
    "es-verb-conjugations.csv": Expected(36),
    "git-commands.csv": Expected(28),
    "calculus-rules.csv": Expected(16),
    "rx-sig-abbreviations.csv": Expected(37),
    "ru-vocabulary.csv": Expected(41),
    "anatomy-bones.csv": Expected(36),
    "ions.csv": Expected(28),
    "fr-nouns.csv": Expected(26),
    "operators.csv": Expected(28),
    "programming-notation.csv": Expected(43),
    "medical-word-parts.csv": Expected(30),
    "en-vocabulary-examples.csv": Expected(28),
    "pharmacology-classes.csv": Expected(30),
    "history-dates.csv": Expected(24),
    "system-design-qa.csv": Expected(30),
    "cloud-glossary.md": Expected(18),
    "edge-computing-glossary.tsv": Expected(71, real=True),
    "ja-jlpt-n5-vocabulary.csv": Expected(225, real=True),
    "de-nouns-wiktionary-masculine.tsv": Expected(162, real=True),
    # Every line holds " : ": read a card a line without being told (loader.line_separator).
    "eo-espdic-excerpt.txt": Expected(464, real=True),
}


def readme_files() -> list[str]:
    """The file names in the first column of tests/data/README.md's table."""
    text = (DATA / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE)


def cases(names: list[str], *marks: dict[str, pytest.MarkDecorator]) -> list[Any]:
    params = []
    for name in names:
        applied = [table[name] for table in marks if name in table]
        params.append(pytest.param(name, id=name, marks=applied))
    return params


def load(name: str) -> Deck:
    return load_deck(DATA / name, **EXPECTED[name].options)


REAL = [name for name, expected in EXPECTED.items() if expected.real]


def test_readme_lists_every_deck_here() -> None:
    listed = readme_files()
    assert sorted(listed) == sorted(EXPECTED), "tests/data/README.md and EXPECTED disagree"
    for name in listed:
        assert (DATA / name).is_file(), name


@pytest.mark.parametrize("name", cases(list(EXPECTED)))
def test_deck_loads_with_all_its_cards(name: str) -> None:
    deck = load(name)
    assert len(deck.cards) == EXPECTED[name].cards
    assert all(card.term.strip() and card.definition.strip() for card in deck.cards)
    assert len({card.id for card in deck.cards}) == len(deck.cards)


@pytest.mark.parametrize("name", cases(REAL))
def test_a_question_for_every_card(name: str) -> None:
    """Every card is asked in each direction the generator offers for it; the only
    failure allowed is the generator's own refusal (too few usable wrong options)."""
    deck = load(name)
    generator = QuestionGenerator(deck)
    cards = {card.id: card for card in deck.cards}
    asked = 0
    for card in deck.cards:
        for direction in generator.directions_for(card.id)[:1]:
            try:
                question = generator.question(card.id, direction, seed=0)
            except GeneratorError:
                continue
            asked += 1
            assert question.card_id == card.id
            assert question.option_card_ids[question.answer] == card.id
            assert len(set(question.options)) == len(question.options)
            assert all(option_id in cards for option_id in question.option_card_ids)
    assert asked >= 0.9 * len(deck.cards)


@pytest.mark.parametrize("name", cases(list(EXPECTED)))
def test_can_ask_agrees_with_directions_for(name: str) -> None:
    """`can_ask` reads a card alone (so `check` can ask it of every card) and must say what
    `directions_for`, which also weighs the other cards, says: never asked, or asked."""
    deck = load(name)
    generator = QuestionGenerator(deck)
    assert [generator.can_ask(c.id) for c in deck.cards] == [
        bool(generator.directions_for(c.id)) for c in deck.cards
    ]
