"""CSV/TSV decks as Quizlet and spreadsheets export them.

Columns: term, definition, then optional topic and tags (by position), or any order when
the first row is a header naming them. The delimiter is sniffed among tab, `|`, `;` and
`,` unless given. CSV quoting, including multi-line quoted fields, is supported. Fields
that look like HTML are reduced to text.

Quizlet's export with custom separators (e.g. " - " between term and definition, ";" or a
newline between cards) is not CSV: pass `term_separator` and/or `card_separator`.
"""

from __future__ import annotations

import csv
import functools
import inspect
import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

from exam_sim.decks.bank_columns import (
    HEADERLESS_NOTE,
    BankColumns,
    bank_columns,
    headerless_bank,
)
from exam_sim.decks.column_names import NoteFields, says_the_term, side_names
from exam_sim.decks.common import (
    RawCard,
    build_deck,
    clean_fields,
    decode,
    display_name,
    read_bytes,
    split_tags,
)
from exam_sim.decks.csv_records import QUOTES_AS_TEXT, UnclosedQuote, csv_rows, text_lines
from exam_sim.decks.header_row import (
    HEADER_SAMPLE,
    POSITIONAL,
    FirstRow,
    first_row_roles,
    unread_columns,
)
from exam_sim.decks.phrasebook import Phrasebook
from exam_sim.models import MAX_DEFINITION_CHARS, Deck, DeckError
from exam_sim.units import counted

P = ParamSpec("P")
T = TypeVar("T")

DELIMITERS = ("\t", "|", ";", ",")
_DELIMITER_NAMES = {
    "tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ",
    "colon": ":", "newline": "\n", "\\n": "\n", "\\r\\n": "\n", "crlf": "\n",
}  # fmt: skip

_PROSE_DELIMITERS = {",": "comma", ";": "semicolon"}  # delimiters that prose uses too
_BANK_SAMPLE = 50  # rows after the first read to tell a bank without a header
_SNIFF_RECORDS = 50
# Rows `_card_columns` holds at once: 2,000 (320 KB) peaked 17 MiB below 20,000 at 1M cards.
_ROWS_AT_ONCE = 2_000


def read_delimited(path: str | Path, **options: object) -> Deck:
    return parse_delimited(read_bytes(path), file=str(path), **options)  # type: ignore[arg-type]


@dataclass
class Records:
    """A delimited file read into its cards' columns, which `deck` makes into a deck. Two
    steps, so that a caller holding the file's text can let it go between them: a 1M-card
    file's text is 266 MiB (two bytes a character), and its cards keep its cells."""

    columns: CardColumns
    file: str
    title: str | None
    deck_id: str | None
    notes: tuple[str, ...]  # what the reader says of the file (`header_row`, `_rejoined`)

    def deck(self) -> Deck:
        """The deck of the records, whose columns are used up. The raw cards are handed
        over, not kept: `build_deck` lets them go as it makes the cards (88 MB at 1M)."""
        return build_deck(
            self.columns.raw_cards(), file=self.file, title=self.title, deck_id=self.deck_id,
            reader_notes=self.notes, sides=self.columns.sides, turn=self.columns.unnamed,
        )  # fmt: skip


@dataclass
class CardColumns:
    """The cards' cells as the file gives them, a list per field: 24 bytes a card (48
    with a topic, tags and an id), where a `RawCard` is 88 and a csv row (its list and
    the tuple holding it) 160. A column no card fills so far is None: a 1M-card file of
    terms and definitions is spared three lists of 8 MB while its text is held."""

    lines: list[int] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    topics: list[str | None] | None = None
    tags: list[tuple[str, ...] | list[str]] | None = None
    ids: list[str | None] | None = None
    # What the header calls the terms and the definitions (`column_names.side_names`).
    sides: tuple[str, str] | None = None
    unnamed: bool = False  # no header says which column is the term (`turned`)

    def add(
        self, rows: list[tuple[int, list[str]]], roles: list[str | None], html: bool | None
    ) -> None:
        """The cards of these rows, the cells of a column at a time (a call per cell was
        a fifth of importing a large deck)."""
        before = len(self.lines)
        self.lines += [line for line, _ in rows]
        # The reading joined to the term ("会う (あう)"), the part of speech and the
        # example to the definition ("(adj.) …; e.g. "…""), as every reader joins them.
        terms, definitions = NoteFields.of_roles(roles).joined_columns(
            clean_fields(_column(rows, roles, "term"), html),
            clean_fields(_column(rows, roles, "definition"), html),
            lambda at: clean_fields(_cells(rows, at), html),
        )
        self.terms += terms
        self.definitions += definitions
        if "topic" in roles:
            topics = [topic or None for topic in clean_fields(_column(rows, roles, "topic"), html)]
            self.topics = _filled(self.topics, topics, before, None)
        if "tags" in roles:
            no_tags: tuple[str, ...] = ()  # shared: most cards have none
            tags = [split_tags(cell) if cell else no_tags for cell in _column(rows, roles, "tags")]
            self.tags = _filled(self.tags, tags, before, no_tags)
        if "id" in roles:
            ids = [cell.strip() or None for cell in _column(rows, roles, "id")]
            self.ids = _filled(self.ids, ids, before, None)

    def raw_cards(self) -> list[RawCard]:
        """The cards, the columns emptied. Made at once, once the text and the rows are
        gone, they fill memory of their own, which `build_deck` frees whole."""
        count = len(self.lines)
        no_tags: tuple[str, ...] = ()
        raws = list(
            map(
                RawCard,
                self.terms,
                self.definitions,
                self.lines,
                itertools.repeat(None, count) if self.topics is None else self.topics,
                itertools.repeat(no_tags, count) if self.tags is None else self.tags,
                itertools.repeat(None, count) if self.ids is None else self.ids,
            )
        )
        self.lines, self.terms, self.definitions = [], [], []
        self.topics = self.tags = self.ids = None
        return raws


def _filled(column: list[T] | None, values: list[T], before: int, empty: T) -> list[T] | None:
    """`column` (None: the `before` cards read so far all have `empty` there) and then
    `values`; None while they are all empty too."""
    if column is None:
        if all(value == empty for value in values):
            return None
        column = [empty] * before
    column += values
    return column


def read_records(
    data: str | bytes,
    *,
    file: str | None = None,
    delimiter: str | None = None,
    term_separator: str | None = None,
    card_separator: str | None = None,
    header: bool | None = None,
    html: bool | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Records | BankRecords:
    """The records of a CSV/TSV (or Quizlet custom-separator) deck: `parse_delimited`'s
    first step, which takes the same options. A question bank's (`bank_columns`) are its
    rows, made into items.

    `delimiter`: one character or a name (tab, comma, semicolon, pipe); sniffed when None.
    `header`: force the first row to be (True) or not be (False) a header; detected when None.
    `html`: strip HTML from every field (True), never (False), or when a field looks like
    HTML (None).
    """
    name = display_name(file)
    text = decode(data, name)
    allow_long_fields()
    if term_separator is not None or card_separator is not None:
        rows = _separated_rows(
            text,
            name,
            separator_value(term_separator) if term_separator is not None else "\t",
            separator_value(card_separator) if card_separator is not None else "\n",
        )
        columns, notes = _card_columns(rows, name, header=header, html=html)
        return Records(columns, name, title, deck_id, notes)
    if delimiter is not None:
        delimiter = separator_value(delimiter)
        if len(delimiter) != 1 or delimiter in '\r\n"':
            raise DeckError(f"the delimiter must be one character, not {delimiter!r}", file=name)
    delimiter = delimiter or sniff_delimiter(text, name)
    read = functools.partial(
        _delimited_records, text, name, delimiter, header=header, html=html, title=title,
        deck_id=deck_id,
    )  # fmt: skip
    try:
        return read(quoted=True)
    except UnclosedQuote as unclosed:
        if delimiter != "\t":  # a comma's file quotes its fields: the quote is misplaced
            raise
        # A tab-separated file rarely quotes its fields: a text opening with a quote (" is
        # the inch's symbol) is text, when every row then has its fields.
        try:
            records = read(quoted=False)
        except DeckError:
            raise unclosed from None
        note = f"{QUOTES_AS_TEXT} (line {unclosed.line} opens one no quote closes)"
        records.notes += (note,)
        return records


def _delimited_records(
    text: str,
    name: str,
    delimiter: str,
    *,
    quoted: bool,
    header: bool | None,
    html: bool | None,
    title: str | None,
    deck_id: str | None,
) -> Records | BankRecords:
    """`read_records` of a text split at `delimiter`, quotes read as quoting or not."""
    rows: Iterable[tuple[int, list[str]]] = csv_rows(text, name, delimiter, quoted=quoted)
    prose = delimiter if delimiter in _PROSE_DELIMITERS else None
    return rows_records(
        rows, name, prose=prose, header=header, html=html, title=title, deck_id=deck_id
    )


def rows_records(
    rows: Iterable[tuple[int, list[str]]],
    name: str,
    *,
    prose: str | None,
    header: bool | None,
    html: bool | None,
    title: str | None,
    deck_id: str | None,
) -> Records | BankRecords:
    """The records of a table's rows, (line or row number, cells): a question bank's, or
    cards' (a CSV's, a spreadsheet's: `decks.workbook`). `prose`: the delimiter a text may
    hold unquoted (`_card_columns`)."""
    rows = iter(rows)
    # A question bank's header ("Question,A,B,C,D,Answer"): its rows are items; so are
    # rows shaped so without one ("Which…?,x,y,z,B").
    first = next(rows, None) if header is not False else None
    if first is not None and (bank := bank_columns(first[1])) is not None:
        return BankRecords(bank, rows, name, title, deck_id, html)
    opening = [first, *itertools.islice(rows, _BANK_SAMPLE)] if first is not None else []
    rows = itertools.chain(opening, rows)
    if header is None and (bank := headerless_bank(opening)) is not None:
        return BankRecords(bank, rows, name, title, deck_id, html, (HEADERLESS_NOTE,))
    columns, notes = _card_columns(rows, name, header=header, html=html, prose=prose)
    return Records(columns, name, title, deck_id, notes)


@dataclass
class BankRecords:
    """A question bank's rows (`bank_columns`), which `deck` makes into a deck of items."""

    columns: BankColumns
    rows: Iterable[tuple[int, list[str]]]
    file: str
    title: str | None
    deck_id: str | None
    html: bool | None
    notes: tuple[str, ...] = ()

    def deck(self) -> Deck:
        return self.columns.items(
            self.rows, file=self.file, html=self.html, title=self.title, deck_id=self.deck_id,
            reader_notes=self.notes,
        )  # fmt: skip


def _made_into_a_deck(read: Callable[P, Records | BankRecords]) -> Callable[P, Deck]:
    """`read`, then the deck of its records: its parameters, written once (the loader reads
    the reader's options from them: `loader.reader_options`)."""

    @functools.wraps(read)
    def parse(*args: P.args, **kwargs: P.kwargs) -> Deck:
        return read(*args, **kwargs).deck()

    parse.__name__ = parse.__qualname__ = "parse_delimited"
    parse.__signature__ = inspect.signature(read).replace(return_annotation=Deck)  # type: ignore[attr-defined]
    parse.__doc__ = "Parse a CSV/TSV (or Quizlet custom-separator) deck (`read_records`' options)."
    return parse


parse_delimited = _made_into_a_deck(read_records)


# The separators a Quizlet export offers (and those people type as "custom"), tried when a
# file read without them gives too few cards (`quizlet_hint`).
_HINT_CARD_SEPARATORS = (";", "|", "~")
_HINT_TERM_SEPARATORS = ("\t", " - ", " – ", " — ", ",", " = ", " : ", ": ")
_HINT_MIN_CARDS = 4
# A Quizlet export is small; a large file that failed is not split again to look.
QUIZLET_HINT_MAX_CHARS = 2_000_000  # the loader keeps no longer text for a hint
QUIZLET_HINT_BELOW = _HINT_MIN_CARDS  # fewer cards than a question's options: look again


def quizlet_hint(text: str, cards: int) -> str | None:
    """How to read `text` when it gave only `cards` cards and looks like a Quizlet export
    with custom separators (cards split by ";" and term from definition by " - ", say):
    the options to give and the cards they make, or None."""
    if len(text) > QUIZLET_HINT_MAX_CHARS:
        return None
    for card_separator in _HINT_CARD_SEPARATORS:
        pieces = [piece for piece in text.split(card_separator) if piece.strip()]
        if len(pieces) < max(_HINT_MIN_CARDS, cards + 1):
            continue
        for term_separator in _HINT_TERM_SEPARATORS:
            if all(term_separator in piece for piece in pieces):
                shown = "'\\t'" if term_separator == "\t" else repr(term_separator)
                return (
                    f"as a Quizlet export it gives {len(pieces)} cards: add --card-sep "
                    f"{card_separator!r} --term-sep {shown}"
                )
    return None


def allow_long_fields() -> None:
    # csv's default 128 KiB field limit is below some real HTML definitions.
    limit = 1 << 24
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def separator_value(value: str) -> str:
    """Turn names and backslash escapes ("tab", "\\n", "semicolon") into the characters."""
    named = _DELIMITER_NAMES.get(value.lower())
    if named is not None:
        return named
    return value.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\t", "\t")


def sniff_delimiter(text: str, file: str, *, preferred: str | None = None) -> str:
    """The delimiter under which the first records split most consistently into ≥ 2 fields.

    `csv.Sniffer` guesses badly on multi-line quoted HTML, so each candidate is tried with
    real CSV parsing: the score is the number of records having the most common field count
    (when that count is at least 2). Ties go to `preferred`, then tab, pipe, semicolon, comma.
    """
    order = [preferred, *DELIMITERS] if preferred else list(DELIMITERS)
    best, best_score = None, 0
    for candidate in dict.fromkeys(order):
        assert candidate is not None
        try:
            reader = csv.reader(text_lines(text), delimiter=candidate)
            # Blank records do not count against the budget: a file may open with many.
            records = (row for row in reader if any(cell.strip() for cell in row))
            counts = [len(row) for _, row in zip(range(_SNIFF_RECORDS), records, strict=False)]
        except csv.Error:
            continue
        if not counts:
            continue
        width, score = Counter(counts).most_common(1)[0]
        if width >= 2 and score > best_score:
            best, best_score = candidate, score
    if best is None:
        raise DeckError(
            "no delimiter found: every row should be term and definition separated by a tab, "
            "'|', ';' or ','",
            file=file,
            line=1,
        )
    return best


def _separated_rows(
    text: str, file: str, term_separator: str, card_separator: str
) -> list[tuple[int, list[str]]]:
    """Rows of a Quizlet custom-separator export: cards split by `card_separator`, each card
    split once at the first `term_separator`."""
    if not term_separator or not card_separator:
        raise DeckError("term and card separators must not be empty", file=file)
    if term_separator == card_separator:
        raise DeckError("term and card separators must differ", file=file)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: list[tuple[int, list[str]]] = []
    # Lines counted as the cards go (the text's line breaks are "\n" now): counted from
    # the start for each card, 100,000 cards took minutes.
    offset = counted_to = 0
    line = 1
    for chunk in text.split(card_separator):
        if chunk.strip():
            start = offset + len(chunk) - len(chunk.lstrip())
            line += text.count("\n", counted_to, start)
            counted_to = start
            term, found, definition = chunk.partition(term_separator)
            rows.append((line, [term, definition] if found else [term]))
        offset += len(chunk) + len(card_separator)
    return rows


def _card_columns(
    rows: Iterable[tuple[int, list[str]]],
    file: str,
    *,
    header: bool | None,
    html: bool | None,
    prose: str | None = None,
    rows_at_once: int = _ROWS_AT_ONCE,
) -> tuple[CardColumns, tuple[str, ...]]:
    """The cards' columns of these rows and what the reader says of them. `prose`: the
    delimiter (a comma or a semicolon) when text may hold it unquoted, as Quizlet's comma
    export writes (`_rejoined`).

    A chunk of rows at a time, each let go before the next is read, whose rows reuse its
    memory: a 1M-card file's rows held at once (157 MB), then freed, left holes between
    the cells the cards keep; its load peaked at 877 MiB and kept 723 (now 595 and 546).
    The rows are all read even after one is found wrong: a CSV error further on is said
    first."""
    rows = iter(rows)
    # The first row, and the HEADER_SAMPLE after it that `header_row` reads.
    opening = list(itertools.islice(rows, HEADER_SAMPLE + 1))
    if not opening:
        raise DeckError("no cards found", file=file)
    first_line, first = opening[0]
    book = Phrasebook.of(opening) if header is None else None
    if book is not None:  # a language, another, a phrase and its translation: no header
        rows = book.rows(opening, rows)
        opening = list(itertools.islice(rows, HEADER_SAMPLE + 1))
    roles, notes, numbers = (
        FirstRow(None) if book else first_row_roles(first_line, first, opening, header, file)
    )
    rejoin, width, at = None, 0, 1  # prose's delimiter; past `width` fields, rejoined at `at`
    sides = book.pair if book is not None else None
    term_named = False  # the header says which column holds the terms
    if roles is not None:
        del opening[0]
        named = [
            first[roles.index(role)] if roles.index(role) < len(first) else ""
            for role in ("term", "definition")
        ]
        term_named = says_the_term(named[0])
        sides = side_names(*named, numbers=numbers)
        # A row longer than its header, whose field after the definition opens with a space,
        # is a definition's unquoted comma ("Show the history, newest first"), not a topic.
        at = roles.index("definition")
        rejoin, width = prose, max(len(first), at + 1)
        required = max(roles.index("term"), roles.index("definition")) + 1
        if unused := [name.strip() for name in unread_columns(first[: len(roles)], roles)]:
            names = ", ".join(f'"{name}"' for name in unused)
            was = "column {} was" if len(unused) == 1 else "columns {} were"
            notes += (f"the {was.format(names)} not read (exam-sim reads a term, definition, "
                      "topic, tags and id column)",)  # fmt: skip
        for role, read in (
            ("kind", 'labels, each opening its definition ("(adj.) …")'),
            ("example", 'usage examples, each after its definition ("e.g. …")'),
        ):
            if role in roles and roles.index(role) < len(first):
                label = " ".join(first[roles.index(role)].split())
                notes += (f'the column "{label}" was read as {read}',)
    else:
        roles, required, rejoin = list(POSITIONAL), 2, prose
    # No header, or one naming only the side shown first ("Front"): which is the term,
    # the file does not say (`turned`).
    columns = CardColumns(sides=sides, unnamed=book is None and not term_named)
    rejoined = 0
    problem: DeckError | None = None
    chunk = opening
    while chunk:
        if problem is None:
            rejoined += _rejoined(chunk, rejoin, width, at) if rejoin is not None else 0
            problem = _too_few_columns(chunk, required, file)
        if problem is None and "example" in roles:  # joined to the definition: its limit
            problem = _too_long(chunk, roles.index("example"), "example", file)
        if problem is None:
            columns.add(chunk, roles, html)
        del chunk  # before the next is read: its rows reuse this one's memory
        chunk = list(itertools.islice(rows, rows_at_once))
    if problem is not None:
        raise problem
    if not columns.lines:
        raise DeckError("no cards found: only a header row", file=file, line=first_line)
    if book is not None:
        notes += (book.note(),)
    if rejoined:
        assert rejoin is not None
        notes += (
            f"{counted(rejoined, 'definition')} held an unquoted "
            f"{_PROSE_DELIMITERS[rejoin]} followed by a space: read as text, not as more "
            "columns",
        )
    return columns, notes


def _too_few_columns(
    rows: list[tuple[int, list[str]]], required: int, file: str
) -> DeckError | None:
    """The error of the first row with fewer than `required` fields, or None."""
    for line, row in rows:
        if len(row) < required:
            return DeckError(
                f"expected {required} columns (term and definition), found {len(row)}: "
                f"{row[0].strip()[:50]!r}",
                file=file,
                line=line,
            )
    return None


def _too_long(
    rows: list[tuple[int, list[str]]], at: int, named: str, file: str
) -> DeckError | None:
    """The error of the first row whose field `at` is longer than a definition may be."""
    for line, row in rows:
        if at < len(row) and len(row[at]) > MAX_DEFINITION_CHARS:
            return DeckError(
                f"{named}: is {len(row[at]):,} characters long; at most "
                f"{MAX_DEFINITION_CHARS:,} are allowed",
                file=file,
                line=line,
            )
    return None


def _rejoined(
    rows: list[tuple[int, list[str]]], delimiter: str, width: int = 0, at: int = 1
) -> int:
    """Rows whose field after the definition (field `at`) starts with a space: their
    definition and what follows joined again, in place; how many. A CSV writer puts no
    space after a delimiter (and quotes a field holding one), prose does: "Epoch,One pass
    over the data, start to end" is a card whose definition says ", start to end", not a
    topic " start to end" (unless the definition starts with a space too: the file's own
    style). Without a header (`width` 0) all the rest is joined; under a header of `width`
    columns, as many as it has past the header. In place: a copy of a large
    file's rows would double them."""
    count = 0
    for n, (line, row) in enumerate(rows):
        extra = len(row) - width if width else len(row) - at - 1
        if extra < 1 or row[at][:1].isspace():
            continue
        if row[at + 1][:1].isspace():
            rows[n] = (
                line,
                [*row[:at], delimiter.join(row[at : at + 1 + extra]), *row[at + 1 + extra :]],
            )
            count += 1
    return count


def _column(rows: list[tuple[int, list[str]]], roles: list[str | None], role: str) -> list[str]:
    """Each row's cell of the first column with this role ("" when there is none)."""
    if role not in roles:
        return [""] * len(rows)
    return _cells(rows, roles.index(role))


def _cells(rows: list[tuple[int, list[str]]], at: int) -> list[str]:
    """Each row's cell of column `at` ("" in a row too short for it)."""
    return [row[at] if at < len(row) else "" for _, row in rows]
