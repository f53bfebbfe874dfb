"""Excel workbooks read as decks: before, an .xlsx was refused ("a zip file but not an
Anki package"), and the learner had to save each sheet as CSV."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from exam_sim.decks import packed
from exam_sim.decks.loader import load_deck
from exam_sim.models import DeckError


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    first = True
    for name, rows in sheets.items():
        sheet = book.active if first else book.create_sheet(name)
        assert sheet is not None
        sheet.title, first = name, False
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_each_sheet_of_cards_is_a_topic(tmp_path: Path) -> None:
    path = _book(tmp_path / "glossary.xlsx", {
        "Networking": [["Term", "Definition"], ["TCP", "Reliable ordered transport"],
                       ["Port of HTTPS", 443], ["DNS", "Resolves names to addresses"]],
        "Storage": [["Term", "Definition"], ["S3", "Object storage"],
                    ["Launch of S3", datetime.datetime(2006, 3, 14)]],
        "Empty": [],
    })  # fmt: skip
    deck = load_deck(path)
    topics = {t.id: t.name for t in deck.topics}
    assert [(c.term, c.definition, topics[c.topic or ""], c.line) for c in deck.cards] == [
        ("TCP", "Reliable ordered transport", "Networking", 2),
        ("Port of HTTPS", "443", "Networking", 3),  # a number as the sheet shows it
        ("DNS", "Resolves names to addresses", "Networking", 4),
        ("S3", "Object storage", "Storage", 2),
        ("Launch of S3", "2006-03-14", "Storage", 3),  # a date in its ISO form
    ]
    assert deck.notes == ("read 2 sheets of cards, each sheet's name their topic",)
    assert deck.title == "Glossary"


def test_a_title_above_the_table_and_a_file_named_otherwise(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["AWS glossary for the exam"], [], ["Term", "Definition"],
        ["S3", "Object storage"], ["EBS", "Block storage"], ["EFS", "NFS file system"],
    ]  # fmt: skip
    path = _book(tmp_path / "export.bin", {"Sheet1": rows})  # known by its content
    deck = load_deck(path)
    assert deck.title == "AWS glossary for the exam"
    assert [c.term for c in deck.cards] == ["S3", "EBS", "EFS"]
    assert deck.notes == (
        "the row above the table, 'AWS glossary for the exam', read as the title",
    )


def test_a_sheet_of_questions_is_a_question_bank(tmp_path: Path) -> None:
    path = _book(tmp_path / "bank.xlsx", {"Q": [
        ["Question", "A", "B", "C", "D", "Answer"],
        ["Which service stores objects?", "S3", "EBS", "EFS", "RDS", "A"],
        ["Which service is a relational database?", "S3", "EBS", "EFS", "RDS", "D"],
    ]})  # fmt: skip
    deck = load_deck(path)
    assert len(deck.items) == 2 and not deck.cards
    assert [option.text for option in deck.items[1].options if option.correct] == ["RDS"]


def test_a_problem_names_the_sheet_and_the_row(tmp_path: Path) -> None:
    path = _book(tmp_path / "broken.xlsx", {
        "Net": [["Term", "Definition"], ["TCP", "transport"], ["UDP", None]],
        "Store": [["Term", "Definition"], ["S3", "objects"]],
    })  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"exam-sim: {path}, sheet 'Net', row 3: the term 'UDP' has no definition."
    )
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    try:
        load_deck(fake)
    except DeckError as error:
        assert "an Excel workbook that cannot be read" in str(error)
    else:
        raise AssertionError("a text file named .xlsx was read")


_CELL = st.one_of(
    st.none(),
    st.integers(-5, 500),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(_CELL, max_size=4), max_size=8))
def test_any_sheet_is_read_or_refused_in_one_sentence(
    tmp_path: Path, rows: list[list[object]]
) -> None:
    path = _book(tmp_path / "any.xlsx", {"Sheet": rows})
    try:
        deck = load_deck(path)
    except DeckError as error:
        assert "\n" not in str(error) and str(error).startswith(str(path))
        return
    assert all(card.term and card.definition for card in deck.cards)


def test_a_workbook_that_unpacks_past_the_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a zip of a few kilobytes may unpack to gigabytes: the entries' sizes are read first
    path = _book(tmp_path / "big.xlsx", {"S": [["Term", "Definition"], ["a", "b" * 5_000]]})
    monkeypatch.setattr(packed, "MAX_UNPACKED_BYTES", 4_000)
    with pytest.raises(DeckError, match=r"an Excel workbook that unpacks to 0 MB, more than"):
        load_deck(path)
