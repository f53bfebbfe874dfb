"""PDF documents (.pdf): a glossary, a list of acronyms or a study guide's key terms,
printed to PDF or handed out as one.

A PDF keeps no paragraphs, lists or tables: only characters placed on pages
(`decks.pdf_text`). They are read back into what a reader sees, then written as escaped
Markdown and read as a Markdown glossary is (`decks.markdown`), as a Word document is:

- the running heads and feet of the pages (a title, "Page 3 of 40") are left out: a
  line at a page's top or bottom that comes back at the same height on a few pages, or
  numbered in step with the pages, a page number, and a table of contents' entries;
- lines in a font larger than the body's are headings: the largest first, each a
  topic of the cards under it (the first, the deck's title); a short bold line of the
  body's size over entries that open in bold is a heading too;
- lines whose pieces stand in columns are a table (term | definition, or a header row
  naming the columns, bold or by its names), its rows told apart by their first column:
  a cell's wrapped lines join it, however the row is aligned; a table set twice side by
  side under its header said twice is read down each half;
- the other lines join into paragraphs, a paragraph ending where a line ends short, the
  spacing widens, the font changes, the indent changes, or a bold term opens the next
  line; the next page or column goes on where a line left off; a paragraph opening in
  bold is a term and its definition ("**Term**: …", "**Term** …"), and so is a short
  bold paragraph over one that is not ("Term", then its definition below it), where the
  document has three such; a line opening with a bullet or a number ("12.") is a list
  item; a word split by a hyphen at a line's end is one word again.

Places are said as pages ("page 4"). A PDF of scanned pages has no text, and is refused
saying so; a password or a damaged file likewise.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from exam_sim.decks.common import display_name
from exam_sim.decks.markdown_lines import MarkdownLines, escaped, runs_markdown
from exam_sim.decks.pdf_text import Line, Piece, pdf_pages
from exam_sim.models import Deck, DeckError

PDF_MAGIC = b"%PDF-"
_NO_CARDS = (
    "no cards found: a PDF gives them as a table (term | definition), or lines such as "
    "'term: definition' or opening with a bold term"
)
_NO_TEXT = (
    "a PDF with no text to read: its pages are pictures (a scan?), and exam-sim reads "
    "a PDF's text, not its pictures"
)
_HEADING_RATIO = 1.15  # a line this much larger than the body's text is a heading
_HEADING_MAX_CHARS = 150
_MAX_COLUMNS = 12  # a line of more pieces is text spaced out, not a table's row
_TERM_MAX_WORDS = 12  # a bold paragraph alone, over its definition: a term
_TERMS_OVER_DEFINITIONS = 3  # so many at least: a glossary written so
_PARAGRAPH_GAP = 1.7  # baselines further apart than this many font sizes part paragraphs
_SHORT_EMS = 4.0  # a line ending this many font sizes before the text's right edge ends
_EDGE_LINES = 2  # lines at a page's top and at its bottom that may be its running head
# A page number alone: "3", "- 3 -", "Page 3 of 40", "iv" (a roman numeral, not "civil").
_PAGE_NUMBER = re.compile(
    r"^\W*(?:page|p\.|seite|página|pagina)?\s*"
    r"(?:\d+|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
    r"(?:\s*(?:of|/|von|de|di)\s*\d+)?\W*$",
    re.IGNORECASE,
)
# A table of contents' entry: its title led by dots (or an ellipsis) to its page number.
_CONTENTS_ENTRY = re.compile(r"(?:\.\s?){4,}\s*\d+$|…\s*\d+$")
_EDGE_NUMBER = re.compile(r"^(\d{1,5})\b|\b(\d{1,5})$")
_BULLETS = frozenset("•●▪■◦‣·○➢►✓")
_DASHES = frozenset("-–—*")  # bullets too, but a wrapped line may open with one
_NUMBERED = re.compile(r"\s*\(?\d{1,3}[.)]\s+(?=\S)")  # "12. ", "3) ", "(4) ": a list's number


def looks_like_pdf(data: bytes) -> bool:
    """A PDF file: its header, which the format lets stand anywhere in the first 1,024
    bytes (after a mail header, say)."""
    return PDF_MAGIC in data[:1024]


def parse_pdf(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """The deck of a PDF's glossary (the module's docstring)."""
    name = display_name(file)
    if isinstance(data, str):
        raise DeckError("a PDF document is binary data, not text", file=name)
    pages = pdf_pages(data, name)
    if not any(pages):
        raise DeckError(_NO_TEXT, file=name)
    lines = _without_running_heads(pages)
    if not lines:  # page numbers at most
        raise DeckError(_NO_TEXT, file=name)
    body = _body_size(lines)
    reading = _Reading(body, _heading_levels(lines, body), _right_edges(lines))
    reading.read(lines)
    return reading.markdown.deck(
        file=name, title=title, deck_id=deck_id, no_cards=_NO_CARDS, read_as="a PDF document"
    )


def _without_running_heads(pages: list[list[Line]]) -> list[Line]:
    """Every page's lines but its running head and foot, and a table of contents: lines
    among the top and bottom `_EDGE_LINES` of a page that read the same (numbers aside)
    at the same height on three pages (two, in a shorter file: a book's heads name the
    chapter), page numbers, and lines led by dots to a page number. A table's header
    row, repeated at the top of each page it runs over, is no running head."""
    edges: list[list[Line]] = []
    for lines in pages:
        by_height = sorted(lines, key=lambda line: -line.baseline)
        following = dict(zip(map(id, lines), lines[1:], strict=False))
        edges.append([
            line
            for line in by_height[:_EDGE_LINES] + by_height[-_EDGE_LINES:]
            if not _heads_a_table(line, following.get(id(line)))
        ])  # fmt: skip
    seen = Counter(key for page in edges for key in {_running_key(line) for line in page})
    needed = 2 if len(pages) < 6 else 3
    # A head that names the chapter changes with it, but its page number keeps step with
    # the page: numbered so, it is a running head however it reads.
    steps = Counter(step for page in edges for step in {_numbered(line) for line in page})
    steps.pop(None, None)
    dropped = {
        id(line)
        for page in edges
        for line in page
        if seen[_running_key(line)] >= needed
        or _PAGE_NUMBER.match(line.text)
        or steps[_numbered(line)] >= needed
    }
    return [
        line
        for lines in pages
        for line in lines
        if id(line) not in dropped and not _CONTENTS_ENTRY.search(line.text)
    ]


def _heads_a_table(line: Line, below: Line | None) -> bool:
    """`line` is a table's first row: the line below has two pieces or more standing
    where two of its own start (a running head's left and right ends stand over no
    table's columns)."""
    if below is None or len(line.pieces) < 2:
        return False
    size = max(line.size, 1.0)
    lefts = [piece.left for piece in line.pieces]
    under = sum(any(abs(p.left - left) <= size for left in lefts) for p in below.pieces)
    return under >= 2


def _numbered(line: Line) -> int | None:
    """How far the page number a line opens or ends with stands from its page's place
    in the file (front matter numbered apart makes it other than 0); None without one."""
    found = _EDGE_NUMBER.search(line.text)
    if found is None:
        return None
    return int(found[1] or found[2]) - line.page


def _running_key(line: Line) -> tuple[str, float, int]:
    """A line as it comes back on every page: its text, numbers aside, its size and its
    height on the page (a title on the first page is no running head, though the heads
    repeat it; nor is the last row of a table that runs over every page)."""
    text = re.sub(r"\d+", "#", " ".join(line.text.lower().split()))
    return text, line.size, round(line.baseline)


def _body_size(lines: list[Line]) -> float:
    """The font size most of the text is in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        for piece in line.pieces:
            sizes.update(piece.sizes)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _heading_levels(lines: list[Line], body: float) -> dict[float, int]:
    """Each heading size's level, the largest 1."""
    sizes = {line.size for line in lines if _heading_sized(line, body)}
    return {size: level for level, size in enumerate(sorted(sizes, reverse=True), start=1)}


def _heading_sized(line: Line, body: float) -> bool:
    return line.size >= body * _HEADING_RATIO and len(line.text) <= _HEADING_MAX_CHARS


_Column = tuple[int, int, float]  # a page, a left edge in font sizes, a font size


def _right_edges(lines: list[Line]) -> dict[_Column, float]:
    """Where full lines end, by page, left edge (in font sizes) and size: a column's
    right edge, seen from the lines that start where a line starts."""
    edges: dict[_Column, float] = {}
    for line in lines:
        key = _column_key(line)
        edges[key] = max(edges.get(key, 0.0), line.right)
    return edges


def _column_key(line: Line) -> _Column:
    return line.page, round(line.left / max(line.size, 1.0)), line.size


@dataclass
class _Paragraph:
    lines: list[Line]
    runs: list[tuple[str, bool]] = field(default_factory=list)
    bullet: bool = False
    reach: float = 0.0  # the right end of its widest line
    item_page: int = 0  # the page of a numbered list's item read from a table (no lines)

    @property
    def page(self) -> int:
        return self.lines[0].page if self.lines else self.item_page

    @property
    def bold(self) -> bool:
        return all(bold for text, bold in self.runs if text.strip())

    @property
    def opens_bold(self) -> bool:
        first = next((run for run in self.runs if run[0].strip()), None)
        return first is not None and first[1]

    def words(self) -> int:
        return sum(len(text.split()) for text, _ in self.runs)


@dataclass
class _Heading:
    level: int
    text: str
    page: int
    last: Line  # its last line, which a wrapped heading's next line stands under


@dataclass
class _Rows:
    """A table as read: its rows (page, cells), and whether the first names the columns."""

    rows: list[tuple[int, list[str]]]
    header: bool


@dataclass
class _Table:
    columns: list[float]  # each column's left edge
    size: float
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    filled: set[int] = field(default_factory=set)  # the columns the last row has text in
    bolds: list[bool] = field(default_factory=list)  # each row's first line is all bold

    @property
    def bold_header(self) -> bool:
        """The first row is bold and the next is not: it names the columns."""
        return len(self.bolds) > 1 and self.bolds[0] and not self.bolds[1]

    def column_of(self, piece: Piece) -> int | None:
        """The column a piece stands in: it starts at the column's left edge and ends
        before the next column's."""
        slack = self.size
        for at, left in enumerate(self.columns):
            if abs(piece.left - left) <= slack:
                if at + 1 < len(self.columns) and piece.right > self.columns[at + 1] + slack:
                    return None  # it runs over the next column: a paragraph's line
                return at
        return None

    def take(self, line: Line) -> bool:
        """Add a line to the table: a new row when it opens in the first column and the
        row above has text beyond it, else the row above's next lines. False when the
        line is not the table's."""
        if abs(line.size - self.size) > 0.5:
            return False
        columns = [self.column_of(piece) for piece in line.pieces]
        if None in columns:
            return False
        if columns[0] == 0 and (self.filled - {0} or not self.rows):
            self.rows.append((line.page, [""] * len(self.columns)))
            self.bolds.append(all(piece.bold for piece in line.pieces))
            self.filled = set()
        cells = self.rows[-1][1]
        for piece, at in zip(line.pieces, columns, strict=True):
            assert at is not None
            cells[at] = f"{cells[at]} {piece.text.strip()}".strip()
            self.filled.add(at)
        return True


class _Reading:
    """The lines read into headings, tables and paragraphs, written as Markdown."""

    def __init__(self, body: float, levels: dict[float, int], edges: dict[_Column, float]) -> None:
        self.markdown = MarkdownLines()
        self.body = body
        self.levels = levels
        self.edges = edges
        self.blocks: list[_Heading | _Rows | _Paragraph] = []

    def read(self, lines: list[Line]) -> None:
        table: _Table | None = None
        paragraph: _Paragraph | None = None
        for at, line in enumerate(lines):
            if table is not None and table.take(line):
                continue
            if table is not None:
                self._end_table(table)
                table = None
            if _heading_sized(line, self.body):
                self._end_paragraph(paragraph)
                paragraph = None
                self._heading(line)
                continue
            if 1 < len(line.pieces) <= _MAX_COLUMNS and not _bulleted(line):
                started = self._table_at(lines, at)
                if started is not None:
                    self._end_paragraph(paragraph)
                    paragraph, table = None, started
                    continue
            if paragraph is not None and self._goes_on(paragraph, line):
                self._join(paragraph, line)
            else:
                self._end_paragraph(paragraph)
                paragraph = self._opened(line)
        if table is not None:
            self._end_table(table)
        self._end_paragraph(paragraph)
        self._write()

    def _table_at(self, lines: list[Line], at: int) -> _Table | None:
        """A table starting at `lines[at]`: the next lines on its page stand in its
        columns, and one of them beyond the first (not a paragraph under a line that
        happens to have a gap)."""
        line = lines[at]
        table = _Table([piece.left for piece in line.pieces], line.size)
        table.take(line)
        following = [later for later in lines[at + 1 : at + 3] if later.page == line.page]
        probe = _Table(list(table.columns), table.size, [(0, [""] * len(table.columns))])
        taken = [later for later in following if probe.take(later)]
        beyond = any(probe.column_of(piece) for later in taken for piece in later.pieces)
        return table if taken and taken[0] is following[0] and beyond else None

    def _end_table(self, table: _Table) -> None:
        """The table's rows, a header row repeated on later pages left out; a table set
        twice side by side under one header said twice ("Acronym | Spelled out | Acronym
        | Spelled out") is read down its left half, then its right, page by page."""
        first_page, header = table.rows[0]
        rows = [row for row in table.rows[1:] if row[1] != header]
        half = len(header) // 2
        names = [cell.casefold() for cell in header]
        if half >= 2 and len(header) == 2 * half and all(names) and names[:half] == names[half:]:
            header, rows = header[:half], _halves(rows, half)
        rows = [(first_page, header), *rows]
        if not table.bold_header and _numbered_list(rows):
            # A numbered list set as one: its numbers in a column of their own.
            for page, cells in rows:
                text = " ".join(cell for cell in cells[1:] if cell)
                self.blocks.append(_Paragraph([], [(text, False)], bullet=True, item_page=page))
            return
        self.blocks.append(_Rows(rows, table.bold_header))

    def _heading(self, line: Line) -> None:
        level = self.levels.get(line.size, 6)
        last = self.blocks[-1] if self.blocks else None
        if (
            isinstance(last, _Heading)
            and (last.level, last.page) == (level, line.page)
            and len(last.text) <= _HEADING_MAX_CHARS
            and _wrapped(last.last, line)
        ):
            last.text, last.last = f"{last.text} {line.text}", line  # a heading wrapped
            return
        self.blocks.append(_Heading(level, line.text, line.page, line))

    def _opened(self, line: Line) -> _Paragraph:
        paragraph = _Paragraph([line], reach=line.right)
        for number, piece in enumerate(line.pieces):
            paragraph.runs += ([(" ", False)] if number else []) + piece.runs
        # A bullet, or an item's number ("12. TCP: …"), opens a list item: its mark is
        # no part of the term.
        opening = paragraph.runs[0][0]
        mark = _NUMBERED.match(opening) or (_bulleted(line) and re.match(r"\s*\S\s*", opening))
        if mark:
            paragraph.bullet = True
            paragraph.runs = [(opening[mark.end() :], paragraph.runs[0][1]), *paragraph.runs[1:]]
            if not paragraph.runs[0][0]:
                paragraph.runs = paragraph.runs[1:] or [("", False)]
        return paragraph

    def _goes_on(self, paragraph: _Paragraph, line: Line) -> bool:
        """`line` is the next line of `paragraph` (the module's docstring)."""
        last = paragraph.lines[-1]
        size = max(last.size, 1.0)
        if abs(line.size - last.size) > 0.5 or _bulleted(line, dashes=False):
            return False
        if paragraph.bullet and (_bulleted(line) or _NUMBERED.match(line.text)):
            return False  # the list's next item
        # The next page, or the top of the next column, goes on where the line above ends.
        turned = line.page != last.page or (
            line.baseline > last.baseline and line.left > last.right - size
        )
        if not turned and not 0 < last.baseline - line.baseline <= _PARAGRAPH_GAP * size:
            return False
        if self._ended_short(paragraph, line, turned):
            return False  # the line above was its paragraph's last
        first = len(paragraph.lines) == 1
        indented = line.left - last.left
        if not turned and not first and abs(indented) > 0.5 * size:
            return False  # a new indent: a new paragraph
        opens_bold = bool(line.pieces[0].runs) and line.pieces[0].runs[0][1]
        ends_bold = bool(paragraph.runs) and paragraph.runs[-1][1]
        return not (opens_bold and not ends_bold and paragraph.opens_bold)

    def _ended_short(self, paragraph: _Paragraph, line: Line, turned: bool) -> bool:
        """The paragraph's last line ends short of its column's right edge (as far as
        the lines starting where it starts reach), or where the next line's first word
        would have fitted: a line wraps only when the next word does not fit."""
        last = paragraph.lines[-1]
        size = max(last.size, 1.0)
        page, left, font = _column_key(last)
        edge = max(self.edges.get((page, left + step, font), 0.0) for step in (-1, 0, 1))
        if last.right < edge - _SHORT_EMS * size:
            return True
        if turned:  # on another page or column: its edges are not this one's
            return False
        piece = line.pieces[0]
        word = len(piece.text.lstrip().split(" ", 1)[0]) + 1  # and a space before it
        width = word * (piece.right - piece.left) / max(len(piece.text), 1)
        return last.right + width < max(line.right, paragraph.reach) - 0.5 * size

    def _join(self, paragraph: _Paragraph, line: Line) -> None:
        text, bold = paragraph.runs[-1]
        if text.endswith("\x02") or (text.endswith("-") and line.text[:1].islower()):
            paragraph.runs[-1] = (text.rstrip("\x02"), bold)  # a word split at the line's end
        else:
            paragraph.runs.append((" ", bold))
        for number, piece in enumerate(line.pieces):
            paragraph.runs += ([(" ", False)] if number else []) + piece.runs
        paragraph.lines.append(line)
        paragraph.reach = max(paragraph.reach, line.right)

    def _end_paragraph(self, paragraph: _Paragraph | None) -> None:
        if paragraph is not None:
            paragraph.runs = [(text.replace("\x02", ""), bold) for text, bold in paragraph.runs]
            self.blocks.append(paragraph)

    def _write(self) -> None:
        """The blocks as Markdown: a short bold paragraph over one that opens plain is its
        term (where three or more are, a glossary written so: one alone is a label over
        prose); over one that opens in bold, a heading of the entries below it."""
        smallest = max(self.levels.values(), default=0)
        blocks = self.blocks
        roles = [
            _role(block, blocks[at + 1] if at + 1 < len(blocks) else None)
            for at, block in enumerate(blocks)
        ]
        if roles.count("term") < _TERMS_OVER_DEFINITIONS:
            roles = [None if role == "term" else role for role in roles]
        for block, role in zip(blocks, roles, strict=True):
            if isinstance(block, _Heading):
                hashes = "#" * min(block.level, 6)
                self.markdown.add(f"{hashes} {escaped(block.text)}", "page", block.page)
            elif isinstance(block, _Rows):
                self.markdown.add_table(block.rows, "page", header=block.header)
            elif text := runs_markdown(block.runs):
                if role == "label":
                    plain = " ".join(text.replace("**", "").split())
                    self.markdown.add(f"{'#' * min(smallest + 1, 6)} {plain}", "page", block.page)
                elif role == "term":  # the definition below goes on the same paragraph
                    self.markdown.add_line(text, "page", block.page)
                else:
                    self.markdown.add(f"- {text}" if block.bullet else text, "page", block.page)


_LIST_NUMBER = re.compile(r"\(?(\d{1,3})[.)]?")


def _numbered_list(rows: list[tuple[int, list[str]]]) -> bool:
    """Do the rows' first cells count 1, 2, 3 … (or from another number, one by one):
    a numbered list's items, not terms?"""
    numbers = [_LIST_NUMBER.fullmatch(cells[0].strip()) if cells else None for _, cells in rows]
    if len(numbers) < 2 or not all(numbers):
        return False
    values = [int(match[1]) for match in numbers if match]
    return values == list(range(values[0], values[0] + len(values)))


def _wrapped(above: Line, line: Line) -> bool:
    """Is `line` the next line of the heading ending with `above`: right under it, set
    as it is (from the same left edge, or centred on the same middle)? A centred title
    over a heading set left, the same size, is two headings."""
    size = max(above.size, 1.0)
    if not 0 < above.baseline - line.baseline <= _PARAGRAPH_GAP * size:
        return False
    middle = (above.left + above.right) / 2 - (line.left + line.right) / 2
    return abs(above.left - line.left) <= 0.5 * size or abs(middle) <= size


def _halves(rows: list[tuple[int, list[str]]], half: int) -> list[tuple[int, list[str]]]:
    """Rows of two tables set side by side, each page's left table, then its right."""
    pages: dict[int, list[list[str]]] = {}
    for page, cells in rows:
        pages.setdefault(page, []).append(cells)
    return [
        (page, cells[start : start + half])
        for page, cells_of_page in pages.items()
        for start in (0, half)
        for cells in cells_of_page
    ]


def _role(
    block: _Heading | _Rows | _Paragraph, following: _Heading | _Rows | _Paragraph | None
) -> str | None:
    """ "term" for a short bold paragraph over one that opens plain (its definition),
    "label" over one that opens in bold (the entries it heads), else None."""
    if not (
        isinstance(block, _Paragraph)
        and isinstance(following, _Paragraph)
        and block.bold
        and not block.bullet
        and block.words() <= _TERM_MAX_WORDS
        and not following.bullet
        and following.page - block.page <= 1
    ):
        return None
    return "label" if following.opens_bold else "term"


def _bulleted(line: Line, *, dashes: bool = True) -> bool:
    """The line opens with a bullet and a space; with a dash too, when `dashes`."""
    text = line.pieces[0].text.lstrip()
    marks = _BULLETS | _DASHES if dashes else _BULLETS
    return bool(text) and text[0] in marks and (len(text) == 1 or text[1].isspace())
