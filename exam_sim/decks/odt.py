"""OpenDocument text (.odt): a glossary kept in LibreOffice Writer (its own format), or
saved so from Google Docs or Word, read as a Word document is (`decks.document`).

lxml reads the file's content.xml; its paragraphs, headings, lists and tables are written
out as escaped Markdown and read as a Markdown glossary is: a table whose first row names
its columns, a paragraph or list item opening with a bold term (bold by its style: the
automatic styles Writer gives each run, or a style named "Strong…") or written "Term:
definition", headings (`<text:h>`, by their outline level) as topics, the "Title" style
the deck's title. Places are said as the document's: "paragraph 4", "table 2, row 5".
Before, an .odt was refused as "a zip file but not an Anki package".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exam_sim.decks.common import display_name
from exam_sim.decks.markdown_lines import MarkdownLines, runs_markdown
from exam_sim.decks.opendocument import opened_content, paragraph_runs, paragraph_text
from exam_sim.models import Deck

if TYPE_CHECKING:
    from lxml import etree

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}
_NO_CARDS = (
    "no cards found: an OpenDocument text gives them as a table (term | definition), or "
    "paragraphs and list items such as 'term: definition' or opening with a bold term"
)


def _tag(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


def parse_odt(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """The deck of an OpenDocument text's glossary (the module's docstring)."""
    name = display_name(file)
    from lxml import etree  # imported here: a deck that is no document does not pay for it

    # Not huge_tree: nesting stays within libxml2's 256 levels, which the walk
    # (`_Document.blocks`, `paragraph_runs`) recurses through within Python's limit.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with opened_content(data, "an OpenDocument text", name) as content:
        root = etree.parse(content, parser).getroot()
    document = _Document(_bold_styles(root))
    body = root.find("office:body/office:text", _NS)
    if body is not None:
        document.blocks(body, depth=0)
    return document.markdown.deck(
        file=name, title=title, deck_id=deck_id, no_cards=_NO_CARDS,
        read_as="an OpenDocument text",
    )  # fmt: skip


def _bold_styles(root: etree._Element) -> frozenset[str]:
    """The names of the document's styles that make text bold: its automatic styles whose
    text is bold ("T1", "P3"), and any named as strong ("Strong_20_Emphasis")."""
    bold = set()
    for style in root.iter(_tag("style", "style")):
        name = style.get(_tag("style", "name")) or ""
        properties = style.find("style:text-properties", _NS)
        weight = "" if properties is None else properties.get(_tag("fo", "font-weight")) or ""
        if weight in ("bold", "600", "700", "800", "900") or "Strong" in name:
            bold.add(name)
    return frozenset(bold)


class _Document:
    """The document's blocks written as Markdown, in order."""

    def __init__(self, bold_styles: frozenset[str]) -> None:
        self.markdown = MarkdownLines()
        self.bold_styles = bold_styles
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, parent: etree._Element, depth: int) -> None:
        """The blocks under `parent`; `depth`: how deep in lists they stand."""
        for child in parent:
            tag = child.tag
            if tag == _tag("text", "h"):
                level = child.get(_tag("text", "outline-level")) or "1"
                hashes = "#" * min(int(level) if level.isdigit() else 1, 6)
                self._paragraph(child, f"{hashes} ")
            elif tag == _tag("text", "p"):
                style = child.get(_tag("text", "style-name")) or ""
                opening = "# " if style == "Title" else f"{'  ' * (depth - 1)}- " if depth else ""
                self._paragraph(child, opening)
            elif tag == _tag("text", "list"):
                for item in child.iterfind("text:list-item", _NS):
                    self.blocks(item, depth + 1)
            elif tag == _tag("table", "table"):
                self._table(child)
            elif tag in (_tag("text", "section"), _tag("table", "table-header-rows")):
                self.blocks(child, depth)

    def _paragraph(self, element: etree._Element, opening: str) -> None:
        self.paragraphs += 1
        style = element.get(_tag("text", "style-name")) or ""
        text = runs_markdown(paragraph_runs(element, self.bold_styles, style in self.bold_styles))
        if text:
            self.markdown.add(opening + text, "paragraph", self.paragraphs)

    def _text(self, paragraph: etree._Element) -> str:
        """A paragraph's text alone, one space between words."""
        return " ".join(paragraph_text(paragraph).split())

    def _table(self, table: etree._Element) -> None:
        self.tables += 1
        rows = []
        for number, row in enumerate(table.iter(_tag("table", "table-row")), start=1):
            cells = [
                " ".join(self._text(p) for p in cell.iterfind("text:p", _NS)).strip()
                for cell in row.iterfind("table:table-cell", _NS)
            ]
            rows.append((number, cells))
        self.markdown.add_table(rows, f"table {self.tables}, row")
