"""Word documents (.docx): a glossary or a vocabulary list kept in Word, read without
saving it as another format first.

Read by python-docx, the document is written out as Markdown, a line a paragraph and a
line a table row, and read as a Markdown glossary is (`decks.markdown`): a table's
header row names its columns, a heading (Word's "Heading 1"… styles; "Title" is the
deck's title) the topic of what follows, a paragraph or list item opening with a bold
term, or "Term: definition" / "Term – definition", a card. The text is escaped first, so
that "*", "#" or "|" in it stay text. A problem names the paragraph, or the table and its
row ("terms.docx, table 2, row 5: …"). Before, a Word document was refused: "a zip file
but not an Anki package".
"""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from exam_sim.decks.common import display_name, zip_bytes
from exam_sim.decks.header_row import header_roles
from exam_sim.decks.markdown import NO_CARDS, parse_markdown
from exam_sim.models import Deck, DeckError

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

DOCUMENT_PART = "word/document.xml"  # what makes a zip a Word document
# CommonMark lets a backslash escape any ASCII punctuation: the text stays as written.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINES_SAID = re.compile(r"\(lines? ([\d, …]+)\)")  # "(lines 4, 9)" in a reader's note
_NO_CARDS = (
    "no cards found: a Word document gives them as a table (term | definition), or "
    "paragraphs and list items such as 'term: definition' or opening with a bold term"
)
_HEADING_STYLE = re.compile(r"heading (\d)", re.IGNORECASE)


@dataclass
class _Markdown:
    """The document written as Markdown, and where each line came from."""

    lines: list[str] = field(default_factory=list)
    places: list[tuple[str, int]] = field(default_factory=list)  # ("paragraph", 4) …

    def add(self, text: str, place: str, number: int) -> None:
        self.lines += [text, ""]  # a blank line: every paragraph its own
        self.places += [(place, number), (place, number)]

    def said(self, note: str) -> str:
        """The Markdown reader's note as of the document: "read as a Word document: …;
        1 paragraph without a term skipped (paragraph 2)", not the lines written here."""

        def places(match: re.Match[str]) -> str:
            found = [self.place_of(int(n)) for n in re.findall(r"\d+", match[1])]
            more = ", …" if "…" in match[1] else ""
            if all(place == "paragraph" for place, _ in found):
                plural = "s" if len(found) > 1 or more else ""
                return f"(paragraph{plural} {', '.join(str(n) for _, n in found)}{more})"
            return f"({'; '.join(f'{place} {n}' for place, n in found)}{more})"

        note = note.replace("read as Markdown", "read as a Word document")
        return _LINES_SAID.sub(places, note)

    def place_of(self, line: int | None) -> tuple[str, int | None]:
        if line is None or not 0 < line <= len(self.places):
            return "paragraph", None
        return self.places[line - 1]


def parse_docx(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """The deck of a Word document's glossary (the module's docstring)."""
    name = display_name(file)
    data = zip_bytes(data, "a Word document", name)
    # Imported here: a deck that is no Word document should not pay for python-docx.
    from docx import Document
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises what its parts raise: zip, XML, key
        raise DeckError(
            f"a Word document that cannot be read, damaged or incomplete ({error})", file=name
        ) from None
    markdown = _Markdown()
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            _table(block, tables, markdown)
        else:
            paragraphs += 1
            _paragraph(block, paragraphs, markdown)
    try:
        deck = parse_markdown("\n".join(markdown.lines), file=name, title=title, deck_id=deck_id)
    except DeckError as error:
        if error.problem == NO_CARDS.rstrip("."):
            raise DeckError(_NO_CARDS, file=name) from None
        place, number = markdown.place_of(error.line)
        raise DeckError(error.problem, file=name, line=number, place=place) from None
    # A document has no lines: a card's place is said by `check` as "line" of the text
    # written here, which the learner never sees.
    cards = tuple(dataclasses.replace(card, line=None) for card in deck.cards)
    notes = tuple(markdown.said(note) for note in deck.notes)
    return deck.model_copy(update={"cards": cards, "notes": notes})


def _paragraph(paragraph: Paragraph, number: int, markdown: _Markdown) -> None:
    text = _runs(paragraph)
    if not text.strip():
        return
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = _HEADING_STYLE.fullmatch(style.strip())
    if style.strip().lower() == "title":
        text = f"# {text}"
    elif heading:
        text = f"{'#' * min(int(heading[1]), 6)} {text}"
    elif _listed(paragraph, style):
        text = f"- {text}"
    markdown.add(text, "paragraph", number)


def _listed(paragraph: Paragraph, style: str) -> bool:
    """Is the paragraph a list item: numbered or bulleted, by its style or its own?"""
    properties = paragraph._p.pPr  # python-docx exposes no public flag for it
    return "list" in style.lower() or (properties is not None and properties.numPr is not None)


def _runs(paragraph: Paragraph) -> str:
    """A paragraph's text, escaped, its bold runs in "**" (adjacent ones as one)."""
    pieces: list[str] = []
    bold_open = False
    for run in paragraph.runs:
        if not run.text:
            continue
        bold = bool(run.bold) and bool(run.text.strip())
        if bold != bold_open:
            pieces.append("**")
            bold_open = bold
        pieces.append(_escaped(run.text))
    if bold_open:
        pieces.append("**")
    text = "".join(pieces)
    # "**Term **: …" reads as no bold in CommonMark: the space goes outside the marks.
    # (From the start of a run of spaces only: from each space, a long run was read again.)
    return re.sub(r"(?<!\s)\s+\*\*(?=\W|$)", "** ", text).strip()


def _table(table: Table, number: int, markdown: _Markdown) -> None:
    """A table as a Markdown table: its first row the header when it names the columns
    ("Term | Definition"), else an empty header above it, so that it is a card too."""
    rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]
    numbered = [(at, row) for at, row in enumerate(rows, start=1) if any(row)]
    if not numbered:
        return
    width = max(len(row) for _, row in numbered)
    place = f"table {number}, row"
    if header_roles(numbered[0][1]) is None:
        numbered.insert(0, (0, [""] * width))
    for at, (row_number, row) in enumerate(numbered):
        cells = [_escaped(cell) for cell in row] + [""] * (width - len(row))
        markdown.lines.append("| " + " | ".join(cells) + " |")
        markdown.places.append((place, row_number))
        if at == 0:  # the header row's rule
            markdown.lines.append("|" + " --- |" * width)
            markdown.places.append((place, row_number))
    markdown.lines.append("")
    markdown.places.append((place, numbered[-1][0]))


def _escaped(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", text.replace("\n", " "))
