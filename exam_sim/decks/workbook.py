"""Excel workbooks (.xlsx, .xlsm): a deck kept in a spreadsheet, read without saving it as
CSV first.

Read by openpyxl (values as last saved, not formulas), each sheet's rows as a CSV's are
(`delimited.rows_records`): a header row naming the columns or none, a question bank's
columns ("Question, A, B, C, D, Answer") as items, the same notes. A workbook of several
sheets holding cards files each sheet's cards under the sheet's name (a Topic column
wins); empty sheets are passed over. A number reads as written ("3", "0.25"), a date as
its ISO form, a cell left empty as an empty cell. A problem names the sheet and the row
("deck.xlsx, sheet 'Networking', row 12: …"). Before, a workbook was refused: "a zip file
but not an Anki package".
"""

from __future__ import annotations

import datetime
import io
import itertools
import warnings
from collections.abc import Iterable, Sequence

from exam_sim.decks.common import RawCard, build_deck, display_name
from exam_sim.decks.delimited import BankRecords, Records, rows_records
from exam_sim.decks.packed import damage_refused, zip_bytes
from exam_sim.models import Deck, DeckError
from exam_sim.units import counted

WORKBOOK_PART = "xl/workbook.xml"  # what makes a zip an Excel workbook


def parse_workbook(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
    header: bool | None = None,
) -> Deck:
    """The deck of an Excel workbook's sheets (the module's docstring). `header`: the
    first row of each sheet names the columns (True), is a card (False), or is told by
    its names (None), as for a CSV."""
    name = display_name(file)
    data = zip_bytes(data, "an Excel workbook", name)
    # Imported here: a deck that is no workbook should not pay for openpyxl.
    from openpyxl import load_workbook

    with damage_refused("an Excel workbook", name), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Data Validation extension is not supported"
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = [
            (sheet.title, rows)
            for sheet in book.worksheets
            if (rows := text_rows(sheet.iter_rows(values_only=True)))
        ]
    finally:
        book.close()
    return sheets_deck(sheets, name, title, deck_id, header)


def sheets_deck(
    sheets: list[tuple[str, list[tuple[int, list[str]]]]],
    name: str,
    title: str | None,
    deck_id: str | None,
    header: bool | None,
) -> Deck:
    """The deck of a spreadsheet's sheets, each (its name, its rows with text: `rows`),
    an Excel workbook's or an OpenDocument spreadsheet's (`decks.calc`)."""
    if not sheets:
        raise DeckError("no cards found: every sheet of the workbook is empty", file=name)
    named = len(sheets) > 1
    titles = [_title_rows(rows) for _, rows in sheets]
    read = [(sheet, _records(sheet, rows, name, header, named)) for sheet, rows in sheets]
    if named:
        deck = _sheets_deck(read, name, title, deck_id)
    else:
        records = read[0][1]
        records.title, records.deck_id = title or titles[0], deck_id
        if titles[0]:
            records.notes += (f"the row above the table, {titles[0]!r}, read as the title",)
        try:
            deck = records.deck()
        except DeckError as error:
            raise DeckError(error.problem, file=name, line=error.line, place="row") from None
    # A card's line is its row (of its sheet: the sheet's name is the card's topic unless
    # a Topic column says).
    return deck.model_copy(update={"card_places": "row"})


def _records(
    sheet: str, rows: list[tuple[int, list[str]]], name: str, header: bool | None, named: bool
) -> Records | BankRecords:
    """A sheet's records; a problem said with the sheet's name (when there are several)
    and the row."""
    place = f"sheet {sheet!r}, row" if named else "row"
    try:
        records = rows_records(
            iter(rows), name, prose=None, header=header, html=None, title=None, deck_id=None
        )
    except DeckError as error:
        raise DeckError(error.problem, file=name, line=error.line, place=place) from None
    return records


def _sheets_deck(
    read: list[tuple[str, Records | BankRecords]],
    name: str,
    title: str | None,
    deck_id: str | None,
) -> Deck:
    """One deck of several sheets of cards, each sheet's cards under its name (unless a
    Topic column gives one)."""
    raws: list[RawCard] = []
    lacking: dict[int, str] = {}  # the sheet of a row without a side, to say where it is
    notes: list[str] = []
    turn = True
    for sheet, records in read:
        if isinstance(records, BankRecords):
            raise DeckError(
                f"sheet {sheet!r} holds questions (a question bank) beside other sheets: "
                "keep the questions in a workbook of their own, or save the sheet as CSV",
                file=name,
            )
        turn = turn and records.columns.unnamed
        sheet_raws = records.columns.raw_cards()
        for raw in sheet_raws:
            raw.topic = raw.topic or sheet
        raws += sheet_raws
        for raw in sheet_raws:  # the first sheet's: the one build_deck reads first
            if not (raw.term and raw.definition):
                lacking.setdefault(raw.line, sheet)
        notes += [f"sheet {sheet!r}: {note}" for note in records.notes]
    notes.append(f"read {counted(len(read), 'sheet')} of cards, each sheet's name their topic")
    try:
        return build_deck(
            raws, file=name, title=title, deck_id=deck_id, reader_notes=tuple(notes), turn=turn
        )
    except DeckError as error:
        where = lacking.get(error.line) if error.line is not None else None
        place = "row" if where is None else f"sheet {where!r}, row"
        raise DeckError(error.problem, file=name, line=error.line, place=place) from None


def _title_rows(rows: list[tuple[int, list[str]]]) -> str | None:
    """The rows of one filled cell above a sheet's table (a title in A1, a line of notes)
    taken out of `rows`, and the first one's text: the sheet's title. None when the
    table starts at once."""

    def filled(at: int) -> int:
        return sum(1 for cell in rows[at][1] if cell.strip())

    opening = 0
    while opening < len(rows) - 1 and filled(opening) == 1:
        opening += 1
    if not opening or filled(opening) < 2:  # no table below: no title above it
        return None
    title = next(cell.strip() for cell in rows[0][1] if cell.strip())
    del rows[:opening]
    return title


def text_rows(
    values_by_row: Iterable[Sequence[object]], numbers: Iterable[int] | None = None
) -> list[tuple[int, list[str]]]:
    """A sheet's rows with a cell of text, (row number, cells as text); `numbers` the rows'
    numbers when they do not follow each other from 1."""
    rows = []
    for number, values in zip(numbers or itertools.count(1), values_by_row, strict=False):
        cells = [_cell_text(value) for value in values]
        if not any(cell.strip() for cell in cells):
            continue
        # Cells past the last filled one are the sheet's width, not columns; a term's
        # empty definition is one ("the term 'UDP' has no definition").
        while len(cells) > 2 and not cells[-1].strip():
            cells.pop()
        rows.append((number, cells + [""] * (2 - len(cells))))
    return rows


def _cell_text(value: object) -> str:
    """A cell's value as the sheet shows it: "3" for 3.0, a date's ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)
