"""Deck text is data, never terminal control: one rule for every way text reaches a screen.

A deck (or a history written from one) may hold escape sequences: CSI that clears the
screen, OSC 0/2 that sets the window title, OSC 52 that writes the clipboard, BEL, and
the 8-bit C1 controls some terminals obey too. `visible` makes every such character a
harmless visible stand-in, so `\\x1b[2J` is shown as `␛[2J`: the learner sees that the
deck holds something odd, and the terminal receives nothing it would act on.

It is applied where text enters the core (every deck model field and error sentence, the
text of history rows as they are read) and, as a last guard, to everything the command
line writes (`exam_sim.cli`). Line breaks (LF or CRLF) and tabs are kept; a lone carriage return
(which would let a line overwrite itself) becomes a line break. Standard library only, so the
start-up path may import it.
"""

from __future__ import annotations

import re
from typing import Any, TextIO, cast

# C0 controls but tab and line feed, DEL, the C1 range (U+0080..U+009F), and a carriage
# return not followed by a line feed (CRLF, as in a CSV export, is only a line end).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\r":
        return "\n"
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␇ for BEL…
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls have no picture: the replacement character


def visible(text: str) -> str:
    """`text` with every terminal control character replaced by a visible stand-in."""
    if _CONTROL.search(text) is None:  # the common case costs one scan in C
        return text
    return _CONTROL.sub(_stand_in, text)


def has_controls(text: str) -> bool:
    """True when `text` holds a character `visible` would replace."""
    return _CONTROL.search(text) is not None


# The ASCII bytes that are no control (printable ones, tab, line feed): `any_controls`
# deletes them from a text's UTF-8 bytes before looking at what is left.
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n"


def any_controls(text: str) -> bool:
    """`has_controls`, for a long text: the regex takes about 15 ns a character, this
    about 1 (UTF-8 bytes without their plain ASCII, the rest, usually nothing, to the
    regex; a carriage return anywhere sends the whole text to it)."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_ASCII)
    if not rest:
        return False
    if b"\r" in rest:
        return has_controls(text)  # whether a line feed follows is in the deleted part
    return has_controls(rest.decode("utf-8", "surrogatepass"))


class _Guarded:
    """A text stream whose writes pass through `visible`; everything else is the stream's.

    It has no `buffer`, so nothing (click included) can write bytes past it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self.stream, name)


def guarded(stream: TextIO) -> TextIO:
    """`stream`, with every write made safe for a terminal (the command line's last guard)."""
    return stream if isinstance(stream, _Guarded) else cast(TextIO, _Guarded(stream))


def unguarded(stream: TextIO) -> TextIO:
    """The stream `guarded` wrapped."""
    return stream.stream if isinstance(stream, _Guarded) else stream
