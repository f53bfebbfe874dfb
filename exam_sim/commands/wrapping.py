"""What a `--plain` session says to a terminal, wrapped between words at its width.

A terminal folds a long line wherever its width ends, mid-word ("remove P" / "II"), and
an option's second line then starts under its letter. On a terminal the session's lines
are wrapped between words instead (Rich's `Text.wrap`: display cells, so CJK text folds
at the width too, and a word longer than the width is folded), and a line that opens on a
marker ("A) ", "✓ B) ", "  2. ") goes on under its text. Into a pipe or a file nothing is
wrapped: a script or a screen reader gets each line whole, as before.
"""

from __future__ import annotations

import os
import re
from typing import Any, TextIO, cast

from exam_sim.cells import cell_width, wrap_cells

# What a line opens with that its continuation lines go on under: indentation, then any of
# a mark (✓ ✗), a step ("step 2:"), a number ("2."), an option's letter ("B)"), "(struck
# out)", each followed by a space.
_HANGING = re.compile(r"\s*(?:(?:[✓✗]|step \d+:|\d+\.|[A-Z]\)|\(struck out\)) )*")
# Below this many columns of text beside the marker, continuation lines start at the
# margin; a terminal narrower than that gets its lines as written (to fold as it will).
LEAST_TEXT = 20


def terminal_columns(stream: TextIO) -> int | None:
    """The width of the terminal `stream` writes to; None when it writes elsewhere."""
    try:
        if not stream.isatty():
            return None
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return None


def wrap_line(line: str, width: int, *, hang: int | None = None) -> str:
    """`line` wrapped between words to lines of at most `width` display cells (a longer
    word folded), continuation lines indented under the text after its marker (`hang`:
    under that column, as a table's last column: `check`'s findings)."""
    if width < LEAST_TEXT or cell_width(line) <= width:
        return line
    head = _HANGING.match(line) if hang is None else None
    marker = head.group() if head else line[: hang or 0]
    indent = cell_width(marker)
    if width - indent < LEAST_TEXT:
        marker, indent = "", 0
    body = line[len(marker) :]
    pieces = wrap_cells(body, width - indent)
    return "\n".join([marker + pieces[0], *(" " * indent + p for p in pieces[1:])])


class _Wrapping:
    """A text stream whose whole lines are wrapped at its terminal's width (read at each
    write: the window may be resized); everything else is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.mid_line = False  # the last write did not end its line

    def write(self, text: str) -> int:
        width = terminal_columns(self.stream)
        if width is None or not text:
            return self.stream.write(text)
        lines = text.split("\n")
        wrapped = [
            line if n == 0 and self.mid_line else wrap_line(line, width)
            for n, line in enumerate(lines)
        ]
        self.mid_line = not text.endswith("\n")
        self.stream.write("\n".join(wrapped))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def wrapping(stream: TextIO) -> TextIO:
    """`stream`, with what is written to it wrapped when it is a terminal."""
    return cast(TextIO, _Wrapping(stream))
