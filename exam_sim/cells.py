"""Text measured as a terminal shows it: in display cells, not characters.

A CJK character or a wide symbol takes two cells and a combining mark none, so a column
padded with `str.ljust` or wrapped with `textwrap` drifts out of line as soon as a deck's
topic or title is written in Japanese ("動物" is 2 characters and 4 cells). Every table
the command line prints pads and wraps through here (Rich's cell widths: the ones Textual
draws the TUI with, so both front ends measure alike).
"""

from __future__ import annotations

import functools
import io
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console


def cell_width(text: str) -> int:
    """How many terminal cells `text` takes (one line)."""
    if text.isascii():  # one cell a character; Rich's tables load only for the rest (8 ms)
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def pad(text: str, width: int, align: Literal["<", ">"] = "<") -> str:
    """`text` filled with spaces to `width` cells, on the right ("<") or the left (">");
    text already that wide is returned as it is."""
    fill = " " * max(width - cell_width(text), 0)
    return text + fill if align == "<" else fill + text


@functools.lru_cache(maxsize=4)
def _console(width: int) -> Console:
    from rich.console import Console

    return Console(width=width, file=io.StringIO(), color_system=None, markup=False,
                   highlight=False, emoji=False)  # fmt: skip


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` wrapped between words into lines of at most `width` cells (a word longer
    than that folded); at least one line, trailing spaces dropped."""
    from rich.text import Text

    width = max(width, 1)
    folded = Text(text).wrap(_console(width), width, overflow="fold")
    return [line for line in (str(piece).rstrip() for piece in folded) if line] or [""]
