"""Word documents read as decks: before, a .docx was refused ("a zip file but not an Anki
package"), and a glossary kept in Word had to be copied out by hand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exam_sim.decks.loader import load_deck
from exam_sim.models import DeckError


def _glossary(path: Path) -> Path:
    document = Document()
    document.add_heading("Biology glossary", 0)
    document.add_paragraph("Terms from chapters 1 to 3, for the midterm.")
    document.add_heading("Cells", 1)
    paragraph = document.add_paragraph()
    paragraph.add_run("Mitochondria").bold = True
    paragraph.add_run(": the organelle that makes most of the cell's ATP")
    paragraph = document.add_paragraph()
    paragraph.add_run("Ribosome").bold = True
    paragraph.add_run(" – builds proteins from amino acids (*not* lipids)")
    document.add_paragraph("Nucleus: holds the cell's DNA", style="List Bullet")
    document.add_heading("Transport", 1)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Term", "Definition"
    for term, definition in [
        ("Osmosis", "Diffusion of water across a membrane"),
        ("Diffusion", "From high to low concentration | passive"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = term, definition
    document.add_heading("Genetics", 1)
    table = document.add_table(rows=0, cols=2)  # no header: its first row is a card
    for term, definition in [
        ("Allele", "One of two or more versions of a gene"),
        ("Genotype", "The genes an organism carries"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = term, definition
    document.save(path)
    return path


def test_a_word_glossary_reads_as_its_cards(tmp_path: Path) -> None:
    deck = load_deck(_glossary(tmp_path / "bio.docx"))
    assert deck.title == "Biology glossary"  # the Title style
    topics = {t.id: t.name for t in deck.topics}
    assert [(c.term, c.definition, topics[c.topic or ""]) for c in deck.cards] == [
        ("Mitochondria", "the organelle that makes most of the cell's ATP", "Cells"),
        ("Ribosome", "builds proteins from amino acids (*not* lipids)", "Cells"),  # as typed
        ("Nucleus", "holds the cell's DNA", "Cells"),
        ("Osmosis", "Diffusion of water across a membrane", "Transport"),
        ("Diffusion", "From high to low concentration | passive", "Transport"),
        ("Allele", "One of two or more versions of a gene", "Genetics"),
        ("Genotype", "The genes an organism carries", "Genetics"),
    ]  # fmt: skip
    assert deck.notes == (
        "read as a Word document: 7 cards, 2 from paragraphs, 1 from lists, 4 from tables; "
        "1 paragraph without a term skipped (paragraph 2)",
    )
    assert all(card.line is None for card in deck.cards)  # a document has no lines
    # known by its content whatever its name
    renamed = tmp_path / "bio.zip"
    renamed.write_bytes((tmp_path / "bio.docx").read_bytes())
    assert len(load_deck(renamed).cards) == 7


def test_a_document_without_a_glossary_is_refused_saying_what_one_looks_like(
    tmp_path: Path,
) -> None:
    document = Document()
    document.add_paragraph("Just prose, no glossary at all.")
    document.save(tmp_path / "prose.docx")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(tmp_path / "prose.docx")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith(
        "no cards found: a Word document gives them as a table (term | definition), or "
        "paragraphs and list items such as 'term: definition' or opening with a bold term."
    )
    (tmp_path / "fake.docx").write_text("not a document", encoding="utf-8")
    try:
        load_deck(tmp_path / "fake.docx")
    except DeckError as error:
        assert "a Word document that cannot be read" in str(error)
    else:
        raise AssertionError("a text file named .docx was read")


_TERM = st.text(alphabet="abcdefghij ", min_size=1, max_size=10).filter(str.strip)
_DEFINITION = st.text(alphabet="abc *_`[]()#|<>!\\~=+-.", min_size=1, max_size=20).filter(
    lambda text: any(c.isalpha() for c in text)
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(_TERM, _DEFINITION), min_size=1, max_size=6))
def test_markdown_marks_in_a_document_stay_text(
    tmp_path: Path, cards: list[tuple[str, str]]
) -> None:
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Term", "Definition"
    for term, definition in cards:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = term, definition
    document.save(tmp_path / "marks.docx")
    try:
        deck = load_deck(tmp_path / "marks.docx")
    except DeckError as error:
        assert "\n" not in str(error)
        return
    read = {" ".join(c.definition.split()) for c in deck.cards}
    assert read <= {" ".join(d.split()) for _, d in cards}
