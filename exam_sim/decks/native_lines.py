"""Where things are in a native deck's raw text: tomllib does not report the positions
of values, so a problem is placed by the line of its table's header (`[[cards]]`,
`[[topics]]`, `[blueprint]`…) or of its key, found here by scanning the text. A header-like
line inside a multi-line string is text, not a header."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from pydantic_core import ErrorDetails

from exam_sim.decks import native_schema

_HEADER_NAMES = ("[cards]", "[topics]", "[cases]", "[items]", "blueprint")
# Line ends `str.splitlines` knows besides "\n" ("\r" is gone after `decode`); without
# them, `HEADER_LINE` finds the header lines in the whole text at once.
_OTHER_LINE_ENDS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# A table header line: `[[cards]]` (an array table, group 1) or `[blueprint]` (group 2).
# `[^\S\n]`: whitespace within the line (on one line alone, any whitespace).
HEADER_LINE = re.compile(
    r"^[^\S\n]*(?:\[\[[^\S\n]*(cards|topics|cases|items)[^\S\n]*\]\]"
    r"|\[[^\S\n]*(blueprint)[^\S\n]*\])",
    re.MULTILINE,
)
# The same after a line feed: a pattern that starts with a character is looked for by a
# scan for that character (4 times faster than trying `^` at every place of the text).
NEXT_HEADER_LINE = re.compile("\n" + HEADER_LINE.pattern.removeprefix("^"))
# The rest of a multi-line string after its opening quotes (possessive: an unterminated
# one fails at once instead of backtracking); `_OPENED` reads the line before an opener:
# a comment mark or an unclosed one-line string means it opens nothing.
_MULTI_LINE_REST = {
    '"""': re.compile(r'(?:[^"\\]++|\\.|"(?!""))*+"{3,5}', re.DOTALL),
    "'''": re.compile(r"(?:[^']++|'(?!''))*+'{3,5}"),
}
_OPENED = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|#|"|\'')


class TextLines:
    """Where things are in the raw text (tomllib does not report positions of values):
    the line of each `[[cards]]` and `[[topics]]` header, of `[blueprint]`, of a key."""

    def __init__(self, text: str) -> None:
        self.text = text  # its lines are not kept: a large deck has millions
        headers = self._headers()
        self.cards = headers["[cards]"]
        self.topics = headers["[topics]"]
        self.cases = headers["[cases]"]
        self.items = headers["[items]"]
        blueprint = headers["blueprint"]
        self.blueprint = blueprint[0] if blueprint else self.key("blueprint")

    def _headers(self) -> dict[str, list[int]]:
        """The lines of the `[[cards]]`, `[[topics]]`, `[[cases]]`, `[[items]]` and
        `[blueprint]` headers, in one pass over the text (not its millions of lines)."""
        if _OTHER_LINE_ENDS.search(self.text):
            return self._headers_by_line()
        return self._headers_in_text()

    def _headers_in_text(self) -> dict[str, list[int]]:
        """`_headers` of a text whose only line end is "\n"."""
        found: dict[str, list[int]] = {name: [] for name in _HEADER_NAMES}
        add = {name.strip("[]"): found[name].append for name in _HEADER_NAMES}  # by group
        first = HEADER_LINE.match(self.text)  # on the first line (no line feed before)
        if first:
            add[first[1] or first[2]](1)
        text = self.text
        inside = _in_multi_line_string(text)
        line, counted = 1, 0
        for match in NEXT_HEADER_LINE.finditer(text):
            start = match.start() + 1  # the header's line
            line += text.count("\n", counted, start)
            counted = start
            if inside is None or not inside(start):
                add[match[1] or match[2]](line)
        return found

    def _headers_by_line(self) -> dict[str, list[int]]:
        """`_headers`, line by line, as `str.splitlines` numbers them."""
        found: dict[str, list[int]] = {name: [] for name in _HEADER_NAMES}
        text = self.text
        inside = _in_multi_line_string(text)
        place = 0  # where the line starts in the text
        for n, line in enumerate(text.splitlines(keepends=True), start=1):
            if "[" in line:
                match = HEADER_LINE.match(line)
                if match and (inside is None or not inside(place)):
                    found[f"[{match[1]}]" if match[1] else match[2]].append(n)
            place += len(line)
        return found

    def key(self, key: str) -> int | None:
        """The line of a top-level `key = …`."""
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        # The top-level keys come before the first table: the lines up to the one with the
        # first "[" (a prefix of the text's lines, so numbered alike).
        first = self.text.find("[")
        end = self.text.find("\n", first) if first != -1 else -1
        head = self.text if end == -1 else self.text[:end]
        for n, line in enumerate(head.splitlines(), start=1):
            if line.lstrip().startswith("["):
                return None  # past the top-level keys
            if pattern.match(line):
                return n
        return None

    def card(self, index: int) -> int | None:
        return self.cards[index] if index < len(self.cards) else None

    def topic(self, index: int) -> int | None:
        return self.topics[index] if index < len(self.topics) else None

    def entry(self, table: str, index: int) -> int | None:
        """The line of the header of entry `index` of an array table."""
        headers: list[int] = getattr(self, table)
        return headers[index] if index < len(headers) else None

    def of(self, error: ErrorDetails) -> int | None:
        """The line a validation error is about."""
        loc = error["loc"]
        if not loc:
            return None
        top = str(loc[0])
        if top in native_schema.ENTRY_TABLES and len(loc) > 1 and isinstance(loc[1], int):
            return self.entry(top, loc[1])
        if top == "blueprint":
            return self.blueprint
        if top == "format" and error["type"] == "missing":
            return 1  # where it belongs
        if top == "cards" and error["type"] in ("missing", "too_short"):
            return None
        return self.key(top)


def _in_multi_line_string(text: str) -> Callable[[int], bool] | None:
    """Whether a place of the text is inside a multi-line string (None: the text has
    none). A header-like line in one ("[[cards]]" in a definition about TOML) is text, not
    a header: counted as one, every card after it was named a line off. Only the strings'
    openers are visited, found by `str.find`."""
    starts: list[int] = []
    ends: list[int] = []
    place = 0
    upcoming = {quotes: text.find(quotes) for quotes in _MULTI_LINE_REST}  # by str.find
    while True:
        for quotes, at in upcoming.items():
            if -1 < at < place:
                upcoming[quotes] = text.find(quotes, place)
        found = [(at, quotes) for quotes, at in upcoming.items() if at != -1]
        if not found:
            break
        start, quotes = min(found)
        line_start = max(text.rfind("\n", 0, start) + 1, place)
        if _opens_nothing(text[line_start:start]):  # in a comment or a one-line string
            place = text.find("\n", start) + 1 or len(text)
            continue
        rest = _MULTI_LINE_REST[quotes].match(text, start + 3)
        if rest is None:
            break  # unterminated: the TOML parser says so
        starts.append(start)
        ends.append(rest.end())
        place = rest.end()
    if not starts:
        return None

    def inside(at: int) -> bool:
        n = bisect.bisect_right(starts, at) - 1
        return n >= 0 and at < ends[n]

    return inside


def _opens_nothing(before: str) -> bool:
    """Does a line, up to a multi-line string's opening quotes, leave them in a comment or
    in a one-line string?"""
    return any(len(token[0]) == 1 for token in _OPENED.finditer(before))
