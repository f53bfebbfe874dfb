"""`check` names a card by its place as the learner finds it in the file: a line of a text
file, a row of a spreadsheet, a page of a PDF, a slide of a presentation
(`Deck.card_places`). A workbook's cards were said to stand on "line 4", and a PDF's or a
presentation's by their term alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook
from support.pdf import Document, write_pdf
from support.slides import Deck as Slides

from exam_sim.decks.check import check_deck
from exam_sim.decks.loader import load_deck
from exam_sim.models import Deck


def _duplicate_term(deck: Deck) -> str:
    (finding,) = [f for f in check_deck(deck) if f.code == "duplicate-term"]
    return finding.message


def test_a_spreadsheets_cards_are_named_by_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [
        ("Term", "Definition"),
        ("TCP", "Transmission Control Protocol, a reliable stream"),
        ("UDP", "User Datagram Protocol, connectionless"),
        ("TCP", "A reliable, ordered byte stream"),
        ("DNS", "Domain Name System"),
        ("ARP", "Address Resolution Protocol"),
    ]:
        sheet.append(row)
    book.save(tmp_path / "net.xlsx")
    deck = load_deck(tmp_path / "net.xlsx")
    assert deck.card_places == "row"
    assert "'TCP' (row 2), 'TCP' (row 4)" in _duplicate_term(deck)


def test_a_pdfs_cards_are_named_by_page(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.heading("Glossary")
        document.entry("Latency", "The time a request takes to be answered.")
        document.entry("Throughput", "The work done in a unit of time.")
        document.add_page()
        document.entry("Bandwidth", "The most data a link carries in a second.")
        document.entry("Latency", "The delay before a transfer of data begins.")
        document.entry("Jitter", "The variation in latency over time.")

    deck = load_deck(write_pdf(tmp_path / "terms.pdf", build))
    assert deck.card_places == "page"
    assert "'Latency' (page 1), 'Latency' (page 2)" in _duplicate_term(deck)
    # --json says what the numbers count, beside each audited card's number.
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(tmp_path / "terms.pdf"), "--json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    report = json.loads(result.stdout)
    assert report["card_places"] == "page"
    assert any("(page 2)" in finding["message"] for finding in report["findings"])


def test_a_presentations_cards_are_named_by_slide(tmp_path: Path) -> None:
    slides = Slides()
    slides.title_slide("Cell biology")
    slides.content("Organelles", [("Ribosome", "makes proteins"), ("Nucleus", "holds the DNA")])
    slides.content(
        "More organelles", [("Ribosome", "reads messenger RNA"), ("Vacuole", "stores water")]
    )
    deck = load_deck(slides.save(tmp_path / "cells.pptx"))
    assert deck.card_places == "slide"
    assert "'Ribosome' (slide 2), 'Ribosome' (slide 3)" in _duplicate_term(deck)


def test_a_word_documents_cards_are_named_by_term_alone(tmp_path: Path) -> None:
    """No viewer numbers a Word document's paragraphs: its cards keep no place."""
    from docx import Document as WordDocument

    document = WordDocument()
    for term, definition in [
        ("Latency", "the delay"),
        ("Jitter", "its variation"),
        ("Latency", "the wait"),
    ]:
        paragraph = document.add_paragraph()
        paragraph.add_run(term).bold = True
        paragraph.add_run(f": {definition}")
    document.save(str(tmp_path / "terms.docx"))
    deck = load_deck(tmp_path / "terms.docx")
    assert all(card.line is None for card in deck.cards)
    assert "the same term on 2 cards: 'Latency', 'Latency';" in _duplicate_term(deck)


def test_a_text_files_cards_are_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "terms.txt"
    path.write_text(
        "Latency\tthe delay\nJitter\tits variation\nLatency\tthe wait\n", encoding="utf-8"
    )
    deck = load_deck(path)
    assert deck.card_places == "line"
    assert "'Latency' (line 1), 'Latency' (line 3)" in _duplicate_term(deck)


def test_a_word_documents_one_table_names_its_cards_by_row(tmp_path: Path) -> None:
    from docx import Document as WordDocument

    document = WordDocument()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Term", "Definition"
    for term, definition in [
        ("TCP", "a reliable stream"),
        ("UDP", "datagrams"),
        ("TCP", "ordered bytes"),
        ("DNS", "names"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = term, definition
    document.save(str(tmp_path / "net.docx"))
    deck = load_deck(tmp_path / "net.docx")
    assert deck.card_places == "row"
    assert "'TCP' (row 2), 'TCP' (row 4)" in _duplicate_term(deck)
