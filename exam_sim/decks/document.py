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

import io
import re
from typing import TYPE_CHECKING

from exam_sim.decks.common import display_name
from exam_sim.decks.markdown_lines import MarkdownLines, runs_markdown
from exam_sim.decks.packed import damage_refused, zip_bytes
from exam_sim.models import Deck

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

DOCUMENT_PART = "word/document.xml"  # what makes a zip a Word document
_NO_CARDS = (
    "no cards found: a Word document gives them as a table (term | definition), or "
    "paragraphs and list items such as 'term: definition' or opening with a bold term"
)
_HEADING_STYLE = re.compile(r"heading (\d)", re.IGNORECASE)


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

    with damage_refused("a Word document", name):
        document = Document(io.BytesIO(data))
    markdown = MarkdownLines()
    paragraphs = tables = 0
    # Each style's name by its id, read once: python-docx's `paragraph.style` looks
    # through every style of the document for each paragraph (0.9 ms: 100,000 paragraphs
    # took 90 s).
    styles = {style.style_id: style.name or "" for style in document.styles}
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in block.rows]
            markdown.add_table(list(enumerate(rows, start=1)), f"table {tables}, row")
        else:
            paragraphs += 1
            _paragraph(block, styles.get(block._p.style or "", ""), paragraphs, markdown)
    return markdown.deck(
        file=name, title=title, deck_id=deck_id, no_cards=_NO_CARDS, read_as="a Word document"
    )


def _paragraph(paragraph: Paragraph, style: str, number: int, markdown: MarkdownLines) -> None:
    """A paragraph as Markdown, as its style (its name: "Heading 2", "List Bullet") says."""
    text = _runs(paragraph)
    if not text.strip():
        return
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
    """A paragraph's text as Markdown, its bold runs in "**" (`runs_markdown`)."""
    return runs_markdown((run.text, bool(run.bold)) for run in paragraph.runs if run.text)
