"""Text wrapped at spaces, but never between a number and its " %", nor at a no-break
space.

exam-sim writes percentages with a space ("72 %", as the reports and `--plain` do). Rich
and Textual wrap at any whitespace, the no-break space included, so a narrow Home panel
showed "aim 72" at the end of one line and "%" alone at the start of the next. This
renderable wraps a `Text` itself (greedy, at spaces, styles kept) and keeps " %" with the
word before it, and words joined by a no-break space together ("0 right so far").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

# A word (no-break spaces inside it), with a " %" that follows it (and what the % is
# followed by: "%)," or "%."), and the spaces after it: where a line may break.
_WORD = re.compile(r"(?:\S|\xa0)+(?: %(?:\S|\xa0)*)*[^\S\xa0]*")


class KeepUnits:
    """`text` wrapped to the width it is given, never splitting "72 %" or a no-break
    space."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        for paragraph in self.text.split("\n", allow_blank=True):
            yield from _wrapped(paragraph, width, console)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        words = [cell_len(w.group().rstrip()) for w in _WORD.finditer(plain)]
        lines = [cell_len(line) for line in plain.splitlines()]
        return Measurement(max(words, default=1), max(lines, default=1))


def _wrapped(line: Text, width: int, console: Console) -> Iterator[Text]:
    """The line cut at the starts of words so that each piece fits `width` (a word wider
    than that on a piece of its own, folded by the terminal's width as Rich folds)."""
    breaks: list[int] = []
    used = 0
    for word in _WORD.finditer(line.plain):
        shown = cell_len(word.group().rstrip())
        if used and used + shown > width:
            breaks.append(word.start())
            used = 0
        used += cell_len(word.group())
    for piece in line.divide(breaks):
        piece.rstrip()
        if cell_len(piece.plain) <= width:
            yield piece
        else:
            yield from piece.wrap(console, width, overflow="fold")
