"""PDF documents read as decks: a glossary printed to PDF, a list of acronyms, a study
guide's key terms. Before, a .pdf was refused as binary data ("NUL byte at line 1")."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fpdf.enums import TextMode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.pdf import UNICODE_FONT, Document, write_pdf

from exam_sim.decks.loader import load_deck
from exam_sim.models import Deck, DeckError

_COMPUTE = [
    ("Amazon EC2", "Resizable virtual servers in the cloud, billed by the second, that you "
     "configure and manage yourself, choosing the instance type and the storage."),
    ("AWS Lambda", "Runs code without servers in response to events."),
]  # fmt: skip
_STORAGE = [
    ("Amazon S3", "Object storage with eleven nines of durability, organised in buckets."),
    ("Amazon EBS", "Block storage volumes attached to one EC2 instance."),
]


def _cards(deck: Deck) -> list[tuple[str, str, str | None]]:
    topics = {topic.id: topic.name for topic in deck.topics}
    return [(c.term, c.definition, topics.get(c.topic or "")) for c in deck.cards]


def _glossary(document: Document) -> None:
    document.heading("Cloud Glossary", size=20)
    document.paragraph("The services this guide covers, by domain.")
    document.heading("Compute")
    for term, definition in _COMPUTE:
        document.entry(term, definition)
    document.add_page()
    document.heading("Storage")
    for term, definition in _STORAGE:
        document.entry(term, definition, separator=" - ")


def test_a_glossary_printed_to_pdf_reads_as_its_cards(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "cloud.pdf", _glossary, head="Cloud Practitioner Study Guide")
    deck = load_deck(path)
    assert deck.title == "Cloud Glossary"
    # The running head and the page numbers are no card, no prose and no topic.
    assert _cards(deck) == [
        *((term, definition, "Compute") for term, definition in _COMPUTE),
        *((term, definition, "Storage") for term, definition in _STORAGE),
    ]
    assert deck.notes == (
        "read as a PDF document: 4 cards from paragraphs; 1 paragraph without a term "
        "skipped (page 1)",
    )


def test_a_term_on_its_own_bold_line_is_defined_by_the_paragraph_below(tmp_path: Path) -> None:
    long = " ".join(["Storage that many instances mount at once over NFS"] * 4) + "."
    entries = [
        ("Amazon EFS", long),  # its wrapped lines joined
        ("Amazon FSx", "Managed Windows and Lustre file systems."),
        ("AWS Backup", "Backs up the other storage services on a schedule."),
    ]

    def build(document: Document) -> None:
        for term, definition in entries:
            document.term_over_definition(term, definition)

    deck = load_deck(write_pdf(tmp_path / "below.pdf", build))
    assert [(c.term, c.definition) for c in deck.cards] == entries


def test_a_bold_label_over_prose_is_no_card(tmp_path: Path) -> None:
    # One short bold line over a paragraph is a label, unless the document is a glossary
    # written so (three or more).
    def build(document: Document) -> None:
        document.term_over_definition("Overview", "This guide covers the storage services.")
        document.entry("Amazon S3", "Object storage organised in buckets.")

    deck = load_deck(write_pdf(tmp_path / "guide.pdf", build))
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("Amazon S3", "Object storage organised in buckets.")
    ]


def test_a_table_of_acronyms_over_several_pages_reads_every_row_once(tmp_path: Path) -> None:
    rows = [(f"AC{n}", f"Access control entry number {n}") for n in range(70)]
    rows[3] = ("SQS", "Simple Queue Service, a fully managed message queue that decouples "
               "the parts of an application so that they scale on their own")  # fmt: skip

    def build(document: Document) -> None:
        document.heading("Acronyms")
        document.table_of([("Acronym", "Spelled out"), *rows])

    path = write_pdf(tmp_path / "acronyms.pdf", build, head="Security+ Exam Objectives")
    deck = load_deck(path)
    # The bold header row names the columns (on every page it is repeated): no card.
    assert [(c.term, c.definition) for c in deck.cards] == rows
    assert deck.notes == ("read as a PDF document: 70 cards from tables",)


def test_an_acronym_list_set_twice_side_by_side_reads_down_each_half(tmp_path: Path) -> None:
    # Exam objectives save paper: "ACRONYM | SPELLED OUT" twice across the page.
    acronyms = [(f"AC{n}", f"Access control entry number {n}") for n in range(90)]

    def build(document: Document) -> None:
        document.set_font("Helvetica", "", 9)
        with document.table(
            col_widths=(20, 60, 20, 60), text_align="LEFT", repeat_headings=1
        ) as table:
            row = table.row()
            for cell in ("ACRONYM", "SPELLED OUT", "ACRONYM", "SPELLED OUT"):
                row.cell(cell)
            per_page = 30  # each page: its left half, then its right half
            for page in range(0, len(acronyms), 2 * per_page):
                left = acronyms[page : page + per_page]
                right = acronyms[page + per_page : page + 2 * per_page]
                for at, (acronym, spelled) in enumerate(left):
                    row = table.row()
                    row.cell(acronym)
                    row.cell(spelled)
                    other = right[at] if at < len(right) else ("", "")
                    row.cell(other[0])
                    row.cell(other[1])

    deck = load_deck(write_pdf(tmp_path / "objectives.pdf", build))
    assert sorted((c.term, c.definition) for c in deck.cards) == sorted(acronyms)
    assert deck.cards[0].term == "AC0"


def test_a_row_whose_term_is_centred_beside_a_wrapped_definition_is_one_row(
    tmp_path: Path,
) -> None:
    wrapped = "A fully managed message queue " * 6

    def build(document: Document) -> None:
        document.set_font("Helvetica", "", 10)
        with document.table(col_widths=(30, 120), text_align="LEFT", v_align="M") as table:
            for cells in (("Term", "Definition"), ("SQS", wrapped), ("SNS", "Pub/sub")):
                row = table.row()
                for cell in cells:
                    row.cell(cell)

    deck = load_deck(write_pdf(tmp_path / "centred.pdf", build))
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("SQS", wrapped.strip()),
        ("SNS", "Pub/sub"),
    ]


def test_terms_set_beside_their_definitions_read_as_a_table(tmp_path: Path) -> None:
    # A glossary typeset with a tab stop: the term in a narrow justified column (its one
    # space stretched wide: no cell's edge), the definition's lines indented beside it.
    entries = [
        ("Amazon EC2", "Resizable virtual servers in the cloud, billed by the second, that "
         "you configure and manage yourself, choosing the instance type and the storage."),
        ("Amazon Simple Storage Service", "Object storage with eleven nines of durability, "
         "organised in buckets that hold any number of objects of up to five terabytes."),
        ("EBS", "Block storage volumes attached to one EC2 instance."),
    ]  # fmt: skip

    def build(document: Document) -> None:
        document.set_font("Helvetica", "", 10)
        for term, definition in entries:
            top = document.get_y()
            document.set_xy(20, top)
            document.multi_cell(35, 5, term, align="J", new_x="RIGHT", new_y="TOP")
            document.set_xy(60, top)
            document.multi_cell(130, 5, definition, align="J", new_x="LMARGIN", new_y="NEXT")
            document.ln(3)

    deck = load_deck(write_pdf(tmp_path / "tabbed.pdf", build))
    assert [(c.term, c.definition) for c in deck.cards] == entries


def test_two_text_columns_read_down_the_first_then_the_second(tmp_path: Path) -> None:
    entries = [(f"Service {n}", f"Definition {n} " + "runs on for a while " * 8) for n in range(8)]

    def build(document: Document) -> None:
        document.set_font("Helvetica", "", 10)
        with document.text_columns(ncols=2, text_align="LEFT") as columns:
            for term, definition in entries:
                paragraph = columns.paragraph(bottom_margin=2)
                document.set_font("Helvetica", "B", 10)
                paragraph.write(term)
                document.set_font("Helvetica", "", 10)
                paragraph.write(f": {definition}")
                columns.end_paragraph()

    deck = load_deck(write_pdf(tmp_path / "columns.pdf", build))
    # An entry that runs from the foot of one column to the top of the next is whole.
    assert [(c.term, c.definition) for c in deck.cards] == [
        (term, definition.strip()) for term, definition in entries
    ]


def test_bulleted_entries_and_a_table_of_contents(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.heading("Contents")
        document.set_font("Helvetica", "", 11)
        for title, page in (("Compute", 2), ("Storage", 3)):
            document.cell(0, 6, f"{title} {'. ' * 40}{page}", new_x="LMARGIN", new_y="NEXT")
        document.add_page()
        document.heading("Networking")
        document.set_font("Helvetica", "", 11)
        for line in ("• VPC: a private network in the cloud", "• Subnet: a range of a VPC"):
            document.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")

    deck = load_deck(write_pdf(tmp_path / "contents.pdf", build))
    assert _cards(deck) == [
        ("VPC", "a private network in the cloud", "Networking"),
        ("Subnet", "a range of a VPC", "Networking"),
    ]


def test_other_scripts_and_markup_are_text_and_control_characters_are_dropped(
    tmp_path: Path,
) -> None:
    def build(document: Document) -> None:
        document.add_font("DejaVu", "", str(UNICODE_FONT))
        document.set_font("DejaVu", "", 18)
        document.cell(0, 10, "Словарь", new_x="LMARGIN", new_y="NEXT")
        for term, definition in (
            ("собака", "домашнее животное, друг человека"),
            ("λόγος", "слово, речь, разум"),
            ("[bold]x[/]", "shown as written \x1b[31m"),
        ):
            document.set_font("DejaVu", "", 11)
            # Bold as Word fakes it for a font without a bold face: a stroke over the fill
            # (in a saved graphics state: fpdf2 does not set the fill-only mode back).
            with document.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.2):
                document.write(6, term)
            document.write(6, f" — {definition}")
            document.ln(10)

    deck = load_deck(write_pdf(tmp_path / "unicode.pdf", build))
    assert deck.title == "Словарь"
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("собака", "домашнее животное, друг человека"),
        ("λόγος", "слово, речь, разум"),
        ("[bold]x[/]", "shown as written [31m"),  # no escape character
    ]


def test_a_pdf_is_known_by_its_bytes_whatever_its_name_and_inside_a_zip(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "cloud.pdf", _glossary)
    unnamed = tmp_path / "download"
    unnamed.write_bytes(path.read_bytes())
    assert len(load_deck(unnamed).cards) == 4
    zipped = tmp_path / "handout.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(path, "handouts/cloud.pdf")
    deck = load_deck(zipped)
    assert len(deck.cards) == 4
    assert deck.notes[0].startswith("read from handouts/cloud.pdf, the deck file inside the zip")
    assert len(load_deck(path, format="pdf").cards) == 4


def _scan(document: Document) -> None:
    document.rect(20, 20, 120, 160, style="F")  # a page that is a picture


def _locked(document: Document) -> None:
    document.set_font("Helvetica", "", 11)
    document.cell(0, 6, "EC2: servers")


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda path: write_pdf(path, _scan),
         "a PDF with no text to read: its pages are pictures (a scan?), and exam-sim reads "
         "a PDF's text, not its pictures"),
        (lambda path: path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50),
         "a PDF that cannot be read, damaged or incomplete"),
        (lambda path: path.write_text("EC2: servers\n"),
         "a PDF that cannot be read, damaged or incomplete"),
    ],
    ids=["scanned", "damaged", "text-named-pdf"],
)  # fmt: skip
def test_a_pdf_that_cannot_be_read_is_refused_in_one_sentence(
    tmp_path: Path, make: object, problem: str
) -> None:
    path = tmp_path / "notes.pdf"
    make(path)  # type: ignore[operator]
    with pytest.raises(DeckError) as raised:
        load_deck(path)
    assert raised.value.problem == problem


def test_check_of_a_locked_pdf_says_so_and_exits_2(tmp_path: Path) -> None:
    document = Document()
    document.set_encryption(owner_password="owner", user_password="secret")
    document.add_page()
    _locked(document)
    path = tmp_path / "locked.pdf"
    document.output(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"exam-sim: {path}: a PDF protected by a password: save a copy without one, then "
        "read that.\n"
    )


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    entries=st.lists(
        st.tuples(
            st.lists(_WORD, min_size=1, max_size=3).map(lambda words: " ".join(words).title()),
            st.lists(_WORD, min_size=1, max_size=40).map(" ".join),
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda entry: entry[0].lower(),
    )
)
def test_bold_term_paragraphs_read_back_as_written(
    tmp_path: Path, entries: list[tuple[str, str]]
) -> None:
    def build(document: Document) -> None:
        for term, definition in entries:
            document.entry(term, definition)

    deck = load_deck(write_pdf(tmp_path / "entries.pdf", build))
    assert [(c.term, c.definition) for c in deck.cards] == entries


@pytest.mark.parametrize(
    ("text", "number"),
    [("3", True), ("- 3 -", True), ("Page 3 of 40", True), ("Seite 4 von 9", True),
     ("xii", True), ("iv", True), ("civil.", False), ("ill", False), ("Term 3", False)],
)  # fmt: skip
def test_a_page_number_alone_is_told_from_a_word_of_roman_letters(text: str, number: bool) -> None:
    # The last line of a page is dropped as its number: "civil." ended a definition.
    from exam_sim.decks.pdf import _PAGE_NUMBER

    assert bool(_PAGE_NUMBER.match(text)) is number


def test_a_page_turned_by_its_rotate_entry_reads_as_upright(tmp_path: Path) -> None:
    # PDFium orders a turned page's text for the turned view, not as drawn: read with
    # its turn set aside. A row whose term is centred beside its wrapped definition
    # needs the order drawn (sorted top-down, the term fell between the definition's
    # lines, and its first line went to the row above).
    import pypdfium2

    def build(document: Document) -> None:
        _glossary(document)
        document.heading("Acronyms")
        document.set_font("Helvetica", "", 10)
        with document.table(col_widths=(30, 120), text_align="LEFT", v_align="M") as table:
            for cells in (("Term", "Definition"), ("KMS", "Key Management Service"),
                          ("SQS", "A fully managed message queue " * 6)):  # fmt: skip
                row = table.row()
                for cell in cells:
                    row.cell(cell)

    upright = write_pdf(tmp_path / "cloud.pdf", build, head="Cloud Practitioner Study Guide")
    document = pypdfium2.PdfDocument(str(upright))
    for page in document:
        page.set_rotation(90)
    turned = tmp_path / "turned.pdf"
    document.save(str(turned))
    document.close()
    assert _cards(load_deck(turned)) == _cards(load_deck(upright))


def test_numbered_entries_are_list_items_their_numbers_no_part_of_the_term(
    tmp_path: Path,
) -> None:
    def build(document: Document) -> None:
        document.set_font("Helvetica", "", 11)
        for line in ("1. TCP: a reliable transport", "2. UDP: a connectionless transport",
                     "(3) ICMP: error and echo messages"):  # fmt: skip
            document.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")

    deck = load_deck(write_pdf(tmp_path / "numbered.pdf", build))
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("TCP", "a reliable transport"),  # before: "1. TCP"
        ("UDP", "a connectionless transport"),
        ("ICMP", "error and echo messages"),
    ]


def test_terms_set_as_headings_over_their_definitions(tmp_path: Path) -> None:
    entries = [
        ("Phishing", "Tricking people into giving away credentials."),
        ("Ransomware", "Malware that encrypts a victim's files for a ransom."),
        ("Zero-day", "A flaw exploited before the vendor knows of it."),
    ]

    def build(document: Document) -> None:
        document.heading("Security Terms", size=20)
        for term, definition in entries:
            document.heading(term, size=13)  # larger than the body: a heading each
            document.paragraph(definition)

    deck = load_deck(write_pdf(tmp_path / "headed.pdf", build))
    assert deck.title == "Security Terms"
    assert [(c.term, c.definition) for c in deck.cards] == entries
    assert deck.notes[0].endswith(
        "each a heading (the term) and the text under it (the definition)"
    )
