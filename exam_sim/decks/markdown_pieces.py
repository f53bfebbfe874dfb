"""Markdown cut into pieces that a parser reads one after another as it would read the
whole: markdown-it's tokens take about 5 KB a card, so a glossary of 100,000 entries is
parsed a few thousand lines at a time (`decks.markdown.parse_markdown_blocks`).

A piece is cut only where nothing before the cut can change what comes after it:

- before a line at the margin that follows a blank line (a new block: it continues no
  list item, quote or paragraph), but not before a definition (`: …`, which may go on a
  term above the blank line), nor inside a fenced block of code;
- between two rows of a table at the margin, the table's header and delimiter rows
  written again at the top of the next piece (counted before its first line, so that
  every row keeps its line).

A document holding a link reference definition (`[id]: url`, which a link anywhere may
use) is one piece.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

PIECE_LINES = 4_000  # lines of Markdown parsed at a time
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:", re.MULTILINE)
_DELIMITER_ROW = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
# What opens a block of its own, and so ends a table: a heading, a quote, a fence, a
# list item, a thematic break.
_BLOCK_OPENING = re.compile(r"^(?:#|>|```|~~~|[-+*]\s|\d{1,9}[.)]\s|[-*_=]{3,}\s*$)")


def markdown_pieces(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """The Markdown of `lines` in pieces of about `PIECE_LINES` lines, each (the number
    of lines before it, its text): see the module's docstring."""
    most = PIECE_LINES
    if len(lines) <= most or any(_REFERENCE.match(line) for line in lines):
        yield 0, "\n".join(lines)
        return
    # The current piece: its first line, and a table's rows written again above it.
    start, prefix = 0, list[str]()
    fence: str | None = None  # the fence of the code block being read
    table: list[str] | None = None  # the header and delimiter rows of the table being read
    for at, line in enumerate(lines):
        if at - start >= most and fence is None:
            previous = lines[at - 1]
            if table is None and not previous.strip() and line[:1] not in ("", " ", "\t", ":"):
                yield start - len(prefix), "\n".join([*prefix, *lines[start:at]])
                start, prefix = at, []
            elif table is not None and _row(line) and at - start > 2:
                yield start - len(prefix), "\n".join([*prefix, *lines[start:at]])
                start, prefix = at, table
        fence = _fenced(line, fence)
        table = _table(lines, at, table) if fence is None else None
    yield start - len(prefix), "\n".join([*prefix, *lines[start:]])


def _fenced(line: str, fence: str | None) -> str | None:
    """The fence open after `line`: one it opens, else the one still open."""
    found = _FENCE.match(line)
    if fence is None:
        return found[1] if found else None
    closes = found is not None and found[1][0] == fence[0] and len(found[1]) >= len(fence)
    return None if closes and not line.strip().strip(fence[0]) else fence


def _table(lines: Sequence[str], at: int, table: list[str] | None) -> list[str] | None:
    """The table being read after `lines[at]`: its header and delimiter rows, while its
    rows stand at the margin and hold a pipe; None outside one."""
    line = lines[at]
    if table is not None:
        return table if _row(line) else None
    if at and _DELIMITER_ROW.match(line) and "-" in line and _row(lines[at - 1]):
        return [lines[at - 1], line]
    return None


def _row(line: str) -> bool:
    """A table's row at the margin: a pipe in it, opening no other block."""
    return "|" in line and line[:1] not in ("", " ", "\t") and not _BLOCK_OPENING.match(line)
