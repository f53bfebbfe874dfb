"""The text of a PDF's pages as lines of positioned pieces, for `decks.pdf` to read.

PDFium (pypdfium2: Chrome's PDF engine, in C++, built to read hostile files) gives each
page's characters in the order the page draws them, with the breaks and spaces it infers
between them, and each character's box and font. Here they become lines as a reader sees
them: the characters of one baseline, split into pieces where a gap wider than a space
stands between them (the cells of a table row), each piece its runs of text and whether
they are bold (a bold font, or one drawn with a stroke over its fill, as Word fakes bold).
"""

from __future__ import annotations

import ctypes
import itertools
import math
import operator
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from exam_sim.models import DeckError

MAX_PAGES = 5_000  # a glossary runs to hundreds; a 100,000-page file is no deck
MAX_CHARS = 10_000_000  # of text in all: 2,000 characters on each of 5,000 pages
_GAP_EMS = 1.0  # a gap wider than this many font sizes parts two pieces (a cell's edge)
_SAME_LINE_EMS = 0.3  # baselines within this many font sizes are one line
_BOLD_WEIGHT = 600
_UPRIGHT_RADIANS = 0.05  # text turned further is no line of the page's
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_BREAKS = frozenset("\r\n")
# A page's text in tokens: a run of line breaks, of other spaces, or of what stands
# between them (a word, as PDFium spaced it).
_TOKENS = re.compile(r"[\r\n]+|[^\S\r\n]+|\S+")
# PDFium marks a hyphen that split a word with 0x02; kept so, for the line's end to say
# that the word goes on.
_SOFT_HYPHENS = frozenset("\x02\xad")
# PDFium keeps state per process and is not safe to call from two threads at once (the TUI
# reads decks in worker threads).
_PDFIUM = threading.Lock()


@dataclass
class Piece:
    """A stretch of a line's text with no wide gap in it, as it was read: its parts (a
    word, a space, a character), whether each is bold, and how many characters are in
    each font size."""

    left: float
    right: float
    parts: list[str] = field(default_factory=list)
    bolds: list[bool] = field(default_factory=list)
    sizes: dict[float, int] = field(default_factory=dict)

    @property
    def size(self) -> float:
        """The font size of most of its characters (a bullet may be smaller)."""
        return max(self.sizes, key=self.sizes.__getitem__) if self.sizes else 0.0

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def runs(self) -> list[tuple[str, bool]]:
        """Its text in runs of one weight: (text, bold)."""
        pairs = zip(self.parts, self.bolds, strict=True)
        return [
            ("".join(part for part, _ in run), bold)
            for bold, run in itertools.groupby(pairs, key=operator.itemgetter(1))
        ]

    @property
    def bold(self) -> bool:
        """Every part with a glyph is bold."""
        return all(bold for part, bold in zip(self.parts, self.bolds, strict=True) if part != " ")

    def add(self, text: str, bold: bool, size: float) -> None:
        self.parts.append(text)
        self.bolds.append(bold)
        self.sizes[size] = self.sizes.get(size, 0) + len(text)


@dataclass
class Line:
    """The pieces of one baseline, left to right, and the page they stand on."""

    page: int
    baseline: float
    pieces: list[Piece]

    @property
    def left(self) -> float:
        return self.pieces[0].left

    @property
    def right(self) -> float:
        return self.pieces[-1].right

    @property
    def size(self) -> float:
        """The font size of most of the line's text."""
        sizes: dict[float, int] = {}
        for piece in self.pieces:
            for size, count in piece.sizes.items():
                sizes[size] = sizes.get(size, 0) + count
        return max(sizes, key=sizes.__getitem__)

    @property
    def text(self) -> str:
        return " ".join(piece.text.strip() for piece in self.pieces)


def pdf_pages(data: bytes, name: str) -> list[list[Line]]:
    """Each page's lines, in the order drawn. A file PDFium cannot open
    is refused in one sentence: damaged, protected by a password, or too long."""
    import pypdfium2 as pdfium  # imported here: a deck that is no PDF does not pay for it

    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise DeckError(_unopened(error.err_code), file=name) from None
        try:
            count = len(document)
            if count > MAX_PAGES:
                raise DeckError(
                    f"a PDF of {count:,} pages, more than the {MAX_PAGES:,} exam-sim reads",
                    file=name,
                )
            pages = []
            chars = 0
            for number in range(count):
                page = document[number]
                try:
                    lines, read = _page_lines(page, number + 1, MAX_CHARS - chars)
                finally:
                    page.close()
                pages.append(lines)
                chars += read
                if chars > MAX_CHARS:
                    raise DeckError(
                        f"a PDF of more than {MAX_CHARS:,} characters of text, more than "
                        "exam-sim reads",
                        file=name,
                    )
            return pages
        except pdfium.PdfiumError as error:
            raise DeckError(f"a PDF that cannot be read, damaged ({error})", file=name) from None
        finally:
            document.close()


def _unopened(code: int | None) -> str:
    import pypdfium2.raw as pdfium_c

    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "a PDF protected by a password: save a copy without one, then read that"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return "a PDF locked by a security handler exam-sim cannot open"
    return "a PDF that cannot be read, damaged or incomplete"


class _Fonts:
    """What a text object's font says, asked once per object: its size and whether it
    is bold."""

    def __init__(self, textpage: Any) -> None:
        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.textpage = textpage
        # The text object of a character as a plain address (an int, to key a dict):
        # pypdfium2's binding returns a ctypes pointer, which takes a cast to compare.
        self.object_of = _returning_address(pdfium_c.FPDFText_GetTextObject)
        self.render_mode = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)(
            _address(pdfium_c.FPDFTextObj_GetTextRenderMode)
        )
        self.page = _address(textpage.raw)
        self.known: dict[int | None, tuple[float, bool, bool]] = {}
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()

    def of(self, index: int) -> tuple[float, bool, bool]:
        """The size of a character's font, whether it is bold, and whether the text
        stands upright (a watermark across the page, a label turned on its side: not)."""
        key = self.object_of(self.page, index)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._asked(index, key)
        return found

    def _asked(self, index: int, text_object: int | None) -> tuple[float, bool, bool]:
        c, textpage = self.c, self.textpage.raw
        size = round(c.FPDFText_GetFontSize(textpage, index), 1)
        weight = c.FPDFText_GetFontWeight(textpage, index)
        length = c.FPDFText_GetFontInfo(
            textpage, index, self.name, len(self.name), ctypes.byref(self.flags)
        )
        name = self.name.value.decode("latin-1").lower() if 0 < length <= 128 else ""
        stroked = bool(text_object) and (
            self.render_mode(text_object) == c.FPDF_TEXTRENDERMODE_FILL_STROKE
        )
        bold = weight >= _BOLD_WEIGHT or stroked or any(part in name for part in _BOLD_NAMES)
        angle = c.FPDFText_GetCharAngle(textpage, index)  # radians, counterclockwise
        upright = min(angle, 2 * math.pi - angle) < _UPRIGHT_RADIANS
        return size, bold, upright


def _address(pointer: Any) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _returning_address(function: Any) -> Any:
    """`function(handle, index)` of PDFium's, returning a pointer as an int."""
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
    return prototype(_address(function))


def _page_lines(page: Any, number: int, most: int) -> tuple[list[Line], int]:
    """The page's lines (`Line`), in the order drawn, and its number of characters; a
    page of more than `most` is read no further."""
    import pypdfium2.raw as pdfium_c

    # A page turned by its /Rotate entry: PDFium orders its text for the turned view, not
    # as drawn, breaking lines and table rows apart. Read with the turn set aside (in
    # memory only: the file is never written), its text comes in the order drawn.
    if page.get_rotation():
        page.set_rotation(0)
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        reader = _PageReader(textpage, _Lines(number))
        text = _page_text(raw, min(count, most + 1))
        if text is None:  # PDFium's text does not keep step with its characters
            for index in range(min(count, most + 1)):
                reader.char(index, chr(pdfium_c.FPDFText_GetUnicode(raw, index)))
        else:
            for token in _TOKENS.finditer(text):
                reader.token(token.start(), token[0])
        reader.lines.end_line()
        return reader.lines.lines, count
    finally:
        textpage.close()


def _page_text(raw: Any, count: int) -> str | None:
    """The first `count` characters of the page in one call, or None when their text
    is not a character an index (a character past the BMP, one PDFium left out)."""
    import pypdfium2.raw as pdfium_c

    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    text = bytes(memoryview(buffer).cast("B")[: max(written - 1, 0) * 2]).decode(
        "utf-16-le", errors="replace"
    )
    return text if len(text) == count else None


class _PageReader:
    """A page's characters into `_Lines`: a word at a time where one font draws the
    whole word (its first and last characters' boxes say where it stands), else a
    character at a time."""

    def __init__(self, textpage: Any, lines: _Lines) -> None:
        import pypdfium2.raw as pdfium_c

        self.raw = textpage.raw
        self.fonts = _Fonts(textpage)
        self.box = pdfium_c.FS_RECTF()
        self.box_of = pdfium_c.FPDFText_GetLooseCharBox
        self.lines = lines

    def token(self, start: int, token: str) -> None:
        """A run of breaks, of spaces, or of characters between them (`_TOKENS`)."""
        if token[0] in _BREAKS:
            self.lines.end_line()
        elif token[0].isspace():
            self._spaced(start, token)
        elif len(token) == 1:
            self.char(start, token)
        else:
            end = start + len(token) - 1
            font = self.fonts.of(start)
            if font != self.fonts.of(end) or not token.isprintable():
                for at, char in enumerate(token, start):
                    self.char(at, char)
            elif font[2]:  # upright
                self.box_of(self.raw, start, self.box)
                left, bottom = self.box.left, self.box.bottom
                self.box_of(self.raw, end, self.box)
                self.lines.add(token, left, self.box.right, bottom, font[0], font[1])

    def _spaced(self, start: int, spaces: str) -> None:
        """Spaces between two words: a cell's edge may stand in them unless the page drew
        one space there, stretched (a justified line's word space, however wide)."""
        import pypdfium2.raw as pdfium_c

        self.lines.spaced = True
        self.lines.parted = spaces != " " or bool(pdfium_c.FPDFText_IsGenerated(self.raw, start))

    def char(self, index: int, char: str) -> None:
        if char in _BREAKS:
            self.lines.end_line()
        elif char.isspace():
            self._spaced(index, char)
        elif char.isprintable() or char in _SOFT_HYPHENS:
            size, bold, upright = self.fonts.of(index)
            if upright:
                self.box_of(self.raw, index, self.box)
                box = self.box
                text = char if char.isprintable() else "\x02"
                self.lines.add(text, box.left, box.right, box.bottom, size, bold)


class _Lines:
    """A page's characters, in the order drawn, gathered into lines; pieces of one
    baseline that PDFium broke apart (a table's cells, drawn one after another) are one
    line again."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.lines: list[Line] = []
        self.pieces: list[Piece] = []  # of the line being read
        self.piece: Piece | None = None
        self.baseline = 0.0
        self.spaced = False  # a space (drawn or inferred) since the last glyph
        # ... and a wide gap there may part two cells: no space was drawn (PDFium inferred
        # it), or several, or a tab; a single drawn space is a word space, if stretched.
        self.parted = True

    def add(
        self, text: str, left: float, right: float, bottom: float, size: float, bold: bool
    ) -> None:
        """Characters of one font, from `left` to `right` on the baseline `bottom`."""
        moved = abs(bottom - self.baseline) > _SAME_LINE_EMS * max(size, 1.0)
        piece = self.piece
        wide = left - piece.right > _GAP_EMS * size if piece is not None else False
        if piece is not None and (moved or (wide and (self.parted or not self.spaced))):
            self.pieces.append(piece)
            piece = self.piece = None
        if piece is None:
            if moved and self.pieces:  # a new baseline with no break between: a new line
                self.end_line()
            piece = self.piece = Piece(left, right)
            self.baseline = bottom
        elif self.spaced:
            piece.add(" ", bold, size)
        self.spaced, self.parted = False, True
        piece.add(text, bold, size)
        piece.right = max(piece.right, right)

    def end_line(self) -> None:
        if self.piece is not None:
            self.pieces.append(self.piece)
            self.piece = None
        if not self.pieces:
            return
        line = Line(self.page, self.baseline, self.pieces)
        self.pieces = []
        if self.lines and _same_line(self.lines[-1], line):
            self.lines[-1].pieces += line.pieces
        else:
            self.lines.append(line)


def _same_line(before: Line, after: Line) -> bool:
    """`after` goes on `before`: the same baseline, and it starts right of where `before`
    ends (a table row's next cell, not the next line of a column beside it)."""
    size = max(before.size, after.size, 1.0)
    return abs(before.baseline - after.baseline) <= _SAME_LINE_EMS * size and (
        after.left >= before.right - 0.5 * size
    )
