"""OpenDocument spreadsheets (.ods): a deck kept in LibreOffice Calc (its own format), or
saved so from Google Sheets, Numbers or Excel, read as an Excel workbook is
(`decks.workbook`): each sheet's rows as a CSV's, several sheets of cards each a topic,
a title row above the table the title, errors naming the sheet and the row.

The sheets are read from the file's content.xml by lxml, a row at a time (a sheet of
100,000 rows is never a tree in memory), each cell's text as the sheet shows it
(paragraphs joined by a line break, `<text:s/>` runs of spaces, tabs and line breaks
kept). Calc writes the empty rows and columns up to the sheet's end as one row or cell
"repeated" a million times: those are passed over, never unrolled; a row or a cell of
text repeated is read as often as it says, up to a limit. Before, an .ods file was
refused as "a zip file but not an Anki package".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from exam_sim.decks.common import display_name
from exam_sim.decks.opendocument import opened_content, paragraph_text, paragraphs
from exam_sim.decks.workbook import sheets_deck, text_rows
from exam_sim.models import Deck

if TYPE_CHECKING:
    from lxml import etree

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ROW = f"{{{_TABLE}}}table-row"
_CELL = f"{{{_TABLE}}}table-cell"
_COVERED = f"{{{_TABLE}}}covered-table-cell"
_SHEET = f"{{{_TABLE}}}table"
# How often a row or a cell holding text is repeated at most: Calc repeats a cell copied
# down a column; beyond this it is a sheet's filler, not cards.
_MOST_REPEATED = 1_000


def parse_ods(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
    header: bool | None = None,
) -> Deck:
    """The deck of an OpenDocument spreadsheet's sheets (the module's docstring)."""
    name = display_name(file)
    with opened_content(data, "an OpenDocument spreadsheet", name) as content:
        sheets = [(sheet, rows) for sheet, rows in _sheets(content) if rows]
    return sheets_deck(sheets, name, title, deck_id, header)


def _sheets(content: IO[bytes]) -> Iterator[tuple[str, list[tuple[int, list[str]]]]]:
    """Each sheet's name and its rows with text, (row number, cells)."""
    from lxml import etree  # imported here: a deck that is no spreadsheet does not pay for it

    sheet = ""
    values: list[list[str]] = []
    numbers: list[int] = []
    number = 0
    for event, element in etree.iterparse(
        # Not huge_tree: nesting stays within libxml2's 256 levels, which the cells'
        # text is read through (`_paragraph`) without reaching Python's recursion limit.
        content, events=("start", "end"), tag=(_SHEET, _ROW), resolve_entities=False,
        no_network=True,
    ):  # fmt: skip
        if element.tag == _SHEET:
            if event == "start":
                sheet, values, numbers, number = element.get(f"{{{_TABLE}}}name") or "", [], [], 0
            else:
                yield sheet, text_rows(values, numbers)
                element.clear()
            continue
        if event != "end":
            continue
        repeated = _repeat(element, "rows")
        cells = _cells(element)
        if any(cells):
            for _ in range(min(repeated, _MOST_REPEATED)):
                number += 1
                values.append(cells)
                numbers.append(number)
            number += max(0, repeated - _MOST_REPEATED)
        else:
            number += repeated
        element.clear(keep_tail=True)
        while element.getprevious() is not None:  # the rows read: let go of them
            del element.getparent()[0]


def _cells(row: etree._Element) -> list[str]:
    """A row's cells as text, up to its last cell of text (repeated empty cells, a
    sheet's width, are never unrolled)."""
    cells: list[str] = []
    for cell in row:
        if cell.tag not in (_CELL, _COVERED):
            continue
        text = _text(cell)
        repeated = _repeat(cell, "columns")
        if text:
            cells += [text] * min(repeated, _MOST_REPEATED)
        else:
            cells += [""] * min(repeated, _MOST_REPEATED)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _repeat(element: etree._Element, what: str) -> int:
    written = element.get(f"{{{_TABLE}}}number-{what}-repeated") or "1"
    return int(written) if written.isdigit() and int(written) > 0 else 1


def _text(cell: etree._Element) -> str:
    """A cell's text as shown: its paragraphs joined by line breaks."""
    return "\n".join(paragraph_text(p) for p in paragraphs(cell)).strip()
