"""The records of a CSV or TSV text, one at a time: its lines as the csv reader takes
them (`text_lines`), and the fields of each record (`csv_rows`), a quote never closed
said with its line (`UnclosedQuote`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from exam_sim.models import DeckError

QUOTES_AS_TEXT = "quotes read as text, not as the quoting of fields"


class UnclosedQuote(DeckError):
    """A quoted field opened in a record and never closed (`csv_rows`)."""


def text_lines(text: str) -> Iterator[str]:
    """The text's lines with their ends, as `io.StringIO(text, newline="")` gives them to
    the csv reader, taken one at a time from the text: a StringIO holds a copy of the
    whole text at 4 bytes a character (800 MB for a 1M-card CSV, once for each delimiter
    tried), and the sniff reads only the first records."""
    if "\r" in text:  # other line ends: StringIO's rules (`decode` leaves none)
        yield from io.StringIO(text, newline="")
        return
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield text[start : end + 1]
        start = end + 1
    if start < len(text):
        yield text[start:]


def csv_rows(
    text: str, file: str, delimiter: str, *, quoted: bool = True
) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, fields) for every non-empty record, one at a time;
    with `quoted` False, a quote is text like any other character."""
    lines = text_lines(text)
    if quoted:
        reader = csv.reader(lines, delimiter=delimiter, strict=False)
    else:
        reader = csv.reader(lines, delimiter=delimiter, strict=False, quoting=csv.QUOTE_NONE)
    start = last = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield start, row
            last, start = start, reader.line_num + 1
    except csv.Error as error:
        raise DeckError(f"not valid CSV ({error})", file=file, line=start) from None
    if quoted and unclosed(text, reader.line_num - last + 1, delimiter):
        # The lenient reader takes a quote never closed as a field running to the end of
        # the file: every line after it would be one card's text (or, on the last line,
        # the line's end would be).
        raise UnclosedQuote(
            'a quoted field opened in this record is never closed (a stray " at the start '
            "of a field?)",
            file=file,
            line=last,
        )


def unclosed(text: str, lines: int, delimiter: str) -> bool:
    """Does the file's last record, its last `lines` lines, open a quoted field it never
    closes? Read again alone by a strict reader, which calls that "unexpected end of
    data" (the lenient one, which reads the rest of the file, forgives the quotes it can:
    a quote inside a field, 5" screen, is text)."""
    end = len(text)
    while end and text[end - 1] in "\r\n":  # (no `rstrip`: a copy of the whole file)
        end -= 1
    begin = end
    for _ in range(lines):
        begin = text.rfind("\n", 0, begin)
        if begin == -1:
            break
    if text.find('"', begin + 1, end) == -1:
        return False
    try:
        for _ in csv.reader(text_lines(text[begin + 1 : end]), delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False
