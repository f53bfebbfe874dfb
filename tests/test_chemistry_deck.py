"""A chemistry deck as a student writes it: `formula,name,topic` above "CH4,methane".
The header names its topic column, so it is a header; compounds named one letter apart
("methane", "ethane") whose formulas say other numbers are two things, each the other's
best wrong option (docs/decks.md, *a header naming a topic*; docs/generator.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.decks.header_row import header_roles
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Direction

CHEMISTRY = """formula,name,topic
CH4,methane,organic
C2H6,ethane,organic
C2H5OH,ethanol,organic
CH3OH,methanol,organic
C6H12O6,glucose,organic
NaCl,sodium chloride,salts
KCl,potassium chloride,salts
CaCO3,calcium carbonate,salts
"""


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "chemistry.csv"
    path.write_text(CHEMISTRY, encoding="utf-8")
    return path


def test_a_header_naming_its_topic_column_is_a_header(deck_file: Path) -> None:
    deck = load_deck(deck_file)
    assert len(deck.cards) == 8
    assert {card.topic for card in deck.cards} == {"organic", "salts"}
    methane = deck.cards[0]
    # "name" names the term column: the compound's name is the term
    assert (methane.term, methane.definition) == ("methane", "CH4")


@pytest.mark.parametrize(
    ("row", "roles"),
    [
        (["formula", "symbol", "topic"], ["term", "definition", "topic"]),
        (["x", "definition", "tags"], ["term", "definition", "tags"]),
        (["Fachbegriff", "Erläuterung", "Thema"], ["term", "definition", "topic"]),
        (["word", "palabra", "topic"], None),  # two term names: maybe a card
        (["H2O", "water", "compounds"], None),  # no column named
        (["A sentence of many words here", "b", "topic"], None),  # no label
    ],
)
def test_which_rows_name_columns(row: list[str], roles: list[str] | None) -> None:
    assert header_roles(row) == roles


def test_names_one_letter_apart_with_other_numbers_are_two_things(deck_file: Path) -> None:
    deck = load_deck(deck_file)
    assert not [f for f in check_deck(deck) if f.code == "near-duplicate"]
    generator = QuestionGenerator(deck)
    at = generator.index.position
    assert not generator.index.same_thing(at["methane"], at["ethane"])
    together = sum(
        "ethane"
        in generator.question("methane", Direction.TERM_TO_DEFINITION, seed=s).option_card_ids
        for s in range(10)
    )
    assert together >= 5  # the nearest neighbour, never offered before


def test_check_reads_it_from_the_command_line(deck_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(deck_file)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "8 cards, 2 topics" in done.stdout
    assert "was read as a card" not in done.stdout


FORMULAS_FIRST = """CH4,methane,organic
C2H6,ethane,organic
C2H5OH,ethanol,organic
CH3OH,methanol,organic
Na2SO4,sodium sulfate,salts
Na2SO3,sodium sulfite,salts
NaNO3,sodium nitrate,salts
NaNO2,sodium nitrite,salts
NaCl,sodium chloride,salts
"""


def test_names_alike_as_definitions_of_formulas_with_other_numbers_are_two(
    tmp_path: Path,
) -> None:
    # Formula first, no header: "sodium sulfate" and "sodium sulfite" are 93 % alike as
    # text, but Na2SO4 and Na2SO3 say other numbers: two compounds, no card written twice.
    path = tmp_path / "formulas.csv"
    path.write_text(FORMULAS_FIRST, encoding="utf-8")
    deck = load_deck(path)
    assert not [f for f in check_deck(deck) if f.code == "definition-alike"]
    generator = QuestionGenerator(deck)
    for key, other in (("ch4", "c2h6"), ("na2so4", "na2so3"), ("nano3", "nano2")):
        shown = sum(
            other in generator.question(key, Direction.TERM_TO_DEFINITION, seed=s).option_card_ids
            for s in range(10)
        )
        assert shown >= 7, (key, other)


_CELL = st.text(st.sampled_from("ab Z1.,?"), max_size=12)


@given(st.lists(_CELL, min_size=3, max_size=5), st.sampled_from(["topic", "tags", "id"]))
def test_a_row_naming_a_later_column_is_a_header_only_above_two_labels(
    cells: list[str], named: str
) -> None:
    from exam_sim.decks.header_row import _label_like

    row = [*cells[:2], named, *cells[3:]]
    roles = header_roles(row)
    if roles is not None:  # read as a header: two short labels name the term and definition
        assert sorted(roles[:2]) == ["definition", "term"]
        # three words at most, as docs/decks.md says ("Command,What it does,Topic")
        assert all(cell.strip() and _label_like(cell, most_words=3) for cell in row[:2])
        assert roles[2] == named


def test_one_definition_written_twice_is_one_answer_whatever_the_terms_numbers() -> None:
    # Hypothesis found it: "Model (M4)" and "Model Model (MM2)", both "No", were offered
    # side by side once other numbers in the terms parted names alike.
    from exam_sim.models import Deck, make_card

    cards = [
        make_card("Model (M4)", "No"),  # no stems: only the text tells them one
        make_card("Model Model (MM2)", "No"),
        make_card("CH4", "methane"),
        make_card("C2H6", "ethane"),
    ]
    index = QuestionGenerator(Deck(id="d", title="D", cards=cards), options=2).index
    assert index.same_thing(0, 1)
    assert not index.same_thing(2, 3)
