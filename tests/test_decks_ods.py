"""OpenDocument spreadsheets (LibreOffice Calc's .ods) read as decks, as Excel workbooks
are: before, an .ods was refused ("a zip file but not an Anki package")."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.ods import write_ods

from exam_sim.decks.loader import load_deck
from exam_sim.models import DeckError


def test_each_sheet_is_a_topic_and_calc_s_filler_is_never_unrolled(tmp_path: Path) -> None:
    # Each sheet ends as Calc writes it: 1,048,570 empty rows of 1,024 empty cells,
    # "repeated" (unrolled, a sheet would be a billion cells).
    path = write_ods(tmp_path / "glossary.ods", {
        "Cells": [["Term", "Definition"], ["Ribosome", "Builds proteins"], ["", ""],
                  ["Nucleus", "Holds the DNA\nin chromosomes"], ["Lysosome", "Digests   parts"]],
        "Numbers": [["Term", "Definition"], ["Port of HTTPS", 443], ["Pi", 3.14159]],
        "Empty": [],
    })  # fmt: skip
    deck = load_deck(path)
    topics = {t.id: t.name for t in deck.topics}
    assert [(c.term, c.definition, topics[c.topic or ""], c.line) for c in deck.cards] == [
        ("Ribosome", "Builds proteins", "Cells", 2),
        ("Nucleus", "Holds the DNA\nin chromosomes", "Cells", 4),  # row 3 is empty
        ("Lysosome", "Digests   parts", "Cells", 5),  # <text:s text:c="2"/>: the spaces
        ("Port of HTTPS", "443", "Numbers", 2),  # a number as the sheet shows it
        ("Pi", "3.14159", "Numbers", 3),
    ]
    assert deck.notes == ("read 2 sheets of cards, each sheet's name their topic",)


def test_a_title_row_and_a_question_bank(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "quiz.ods", {"Sheet1": [
        ["Networking quiz"], [],
        ["Question", "A", "B", "C", "D", "Answer"],
        ["Which port does HTTPS use?", 80, 443, 22, 25, "B"],
        ["Which protocol resolves names?", "DNS", "DHCP", "ARP", "NTP", "A"],
    ]})  # fmt: skip
    deck = load_deck(path)
    assert deck.title == "Networking quiz" and not deck.cards
    assert [[o.text for o in i.options if o.correct] for i in deck.items] == [["443"], ["DNS"]]


def test_a_problem_names_the_sheet_and_the_row(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "broken.ods", {
        "Net": [["Term", "Definition"], ["TCP", "transport"], ["UDP", ""]],
        "Store": [["Term", "Definition"], ["S3", "objects"]],
    })  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.strip() == (
        f"exam-sim: {path}, sheet 'Net', row 3: the term 'UDP' has no definition."
    )
    fake = tmp_path / "fake.ods"
    fake.write_text("not a spreadsheet", encoding="utf-8")
    try:
        load_deck(fake)
    except DeckError as error:
        assert "an OpenDocument spreadsheet that cannot be read" in str(error)
    else:
        raise AssertionError("a text file named .ods was read")


_CELL = st.one_of(
    st.integers(-5, 500),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(_CELL, max_size=4), max_size=8))
def test_any_sheet_is_read_or_refused_in_one_sentence(
    tmp_path: Path, rows: list[list[str | float]]
) -> None:
    path = write_ods(tmp_path / "any.ods", {"Sheet": rows})
    try:
        deck = load_deck(path)
    except DeckError as error:
        assert "\n" not in str(error) and str(error).startswith(str(path))
        return
    assert all(card.term and card.definition for card in deck.cards)


def test_a_row_of_text_repeated_a_million_times_is_read_a_thousand_times(
    tmp_path: Path,
) -> None:
    path = write_ods(tmp_path / "copied.ods", {"S": [["Term", "Definition"], ["a", "b"]]})
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    content = content.replace(
        '<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p>',
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'office:value-type="string" table:number-columns-repeated="1000000"><text:p>a</text:p>',
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    deck = load_deck(path)  # 10^12 cells if unrolled
    assert len(deck.cards) == 1_000 and deck.cards[0].term == "a"


def test_a_comment_on_a_cell_is_no_part_of_its_text(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "noted.ods", {"S": [["Term", "Definition"], ["TCP", "reliable"]]})
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    comment = (
        '<office:annotation><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Sam'
        "</dc:creator><text:p>is this right?</text:p></office:annotation>"
    )
    content = content.replace("<text:p>reliable</text:p>", comment + "<text:p>reliable</text:p>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    assert [(c.term, c.definition) for c in load_deck(path).cards] == [("TCP", "reliable")]
