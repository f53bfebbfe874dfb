"""OpenDocument text (LibreOffice Writer's .odt) read as a Word document is: before, an
.odt was refused ("a zip file but not an Anki package")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support.odt import write_odt

from exam_sim.decks.loader import load_deck
from exam_sim.models import DeckError

_GLOSSARY = (
    '<text:p text:style-name="Title">Biology glossary</text:p>'
    '<text:p text:style-name="Standard">Terms from chapters 1 to 3.</text:p>'
    '<text:h text:style-name="Heading_20_1" text:outline-level="1">Cells</text:h>'
    '<text:p text:style-name="Standard"><text:span text:style-name="T1">Mitochondria'
    "</text:span>: the organelle that makes most of the cell’s ATP<text:note "
    'text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>'
    "<text:p>A footnote.</text:p></text:note-body></text:note></text:p>"
    '<text:p text:style-name="Standard"><text:span text:style-name="T1">Ribosome'
    '<text:s/></text:span>builds proteins from <text:span text:style-name="T2">amino'
    "</text:span> acids</text:p>"
    '<text:list text:style-name="L1"><text:list-item><text:p>Nucleus: holds the cell’s DNA'
    "</text:p></text:list-item></text:list>"
    '<text:h text:outline-level="1">Transport</text:h>'
    '<table:table table:name="Table1"><table:table-column table:number-columns-repeated="2"/>'
    "<table:table-header-rows><table:table-row><table:table-cell><text:p>Term</text:p>"
    "</table:table-cell><table:table-cell><text:p>Definition</text:p></table:table-cell>"
    "</table:table-row></table:table-header-rows>"
    "<table:table-row><table:table-cell><text:p>Osmosis</text:p></table:table-cell>"
    "<table:table-cell><text:p>Diffusion of water</text:p><text:p>across a membrane"
    "</text:p></table:table-cell></table:table-row>"
    "<table:table-row><table:table-cell><text:p>Diffusion</text:p></table:table-cell>"
    "<table:table-cell><text:p>From high to low | *passive*</text:p></table:table-cell>"
    "</table:table-row></table:table>"
)


def test_a_writer_glossary_reads_as_its_cards(tmp_path: Path) -> None:
    deck = load_deck(write_odt(tmp_path / "biology.odt", _GLOSSARY))
    assert deck.title == "Biology glossary"
    topics = {t.id: t.name for t in deck.topics}
    assert [(c.term, c.definition, topics[c.topic or ""]) for c in deck.cards] == [
        ("Mitochondria", "the organelle that makes most of the cell’s ATP", "Cells"),
        ("Ribosome", "builds proteins from amino acids", "Cells"),
        ("Nucleus", "holds the cell’s DNA", "Cells"),
        ("Osmosis", "Diffusion of water across a membrane", "Transport"),
        ("Diffusion", "From high to low | *passive*", "Transport"),  # marks stay text
    ]
    assert deck.notes == (
        "read as an OpenDocument text: 5 cards, 2 from paragraphs, 1 from lists, 2 from "
        "tables; 1 paragraph without a term skipped (paragraph 2)",
    )


def test_a_document_without_a_glossary_or_damaged_is_refused_in_one_sentence(
    tmp_path: Path,
) -> None:
    prose = write_odt(tmp_path / "prose.odt", "<text:p>Just prose, no glossary.</text:p>")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(prose)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith(
        "no cards found: an OpenDocument text gives them as a table (term | definition), or "
        "paragraphs and list items such as 'term: definition' or opening with a bold term."
    )
    broken = write_odt(tmp_path / "broken.odt", "<text:p>unclosed")
    try:
        load_deck(broken)
    except DeckError as error:
        assert "an OpenDocument text that cannot be read, damaged or incomplete" in str(error)
    else:
        raise AssertionError("a damaged document was read")


def test_a_document_nested_past_libxml2_s_limit_is_refused_not_a_recursion_error(
    tmp_path: Path,
) -> None:
    deep = "<text:list><text:list-item>" * 3_000 + "<text:p>a: b</text:p>"
    deep += "</text:list-item></text:list>" * 3_000
    try:
        load_deck(write_odt(tmp_path / "deep.odt", deep))
    except DeckError as error:
        assert str(error).endswith("(nested more than 256 elements deep, which is not read).")
    else:
        raise AssertionError("a document nested 6,000 deep was read")
    many = "".join(
        f'<text:p><text:span text:style-name="T1">t{n}</text:span> d{n}</text:p>'
        for n in range(20_000)
    )
    assert len(load_deck(write_odt(tmp_path / "many.odt", many)).cards) == 20_000


def test_a_comment_anchored_in_a_paragraph_is_no_part_of_it(tmp_path: Path) -> None:
    body = (
        '<text:p><text:span text:style-name="T1">Osmosis</text:span>: diffusion of water'
        '<office:annotation xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
        "<text:p>check this with Sam</text:p></office:annotation> across a membrane</text:p>"
        '<text:p><text:span text:style-name="T1">Diffusion</text:span>: from high to low<text:tab/>'
        "concentration</text:p>"
    )
    deck = load_deck(write_odt(tmp_path / "notes.odt", body))
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("Osmosis", "diffusion of water across a membrane"),
        ("Diffusion", "from high to low concentration"),
    ]
