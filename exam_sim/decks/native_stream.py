"""A native deck file read a piece at a time, its plain card tables parsed in bulk.

`read_native` of a large deck held the file's bytes, then its text (twice the file when
one character is not Latin-1), then the cards, and parsed the card tables 1,000 at a time
with toml++ and a Python check per card. Here the file is read about a megabyte at a
time, cut before a `[[cards]]` header line: neither the bytes nor the text are ever whole
in memory. A piece whose tables are all written as exam-sim writes a plain card
(`[[cards]]`, then `id`, `term`, `definition`, maybe `topic` and `kind`, each a one-line
basic string, or for a text with line feeds a multi-line one) is parsed by one regex
split in C, and its cards are checked and built a
column at a time (`plain_cards`); any other piece goes through toml++ and the per-table
checks as before.

Only a file that needs nothing else is read so: UTF-8 without a byte-order mark, carriage
return, NUL or unusual line end, its cards last and nothing after them. Each piece must be
TOML by itself (a multi-line string cut by a header line is not). Anything else, and any
problem at all (broken TOML, a refused table, a repeated id), gives None: the caller reads
the file whole (`parse_native`), which either reads the same deck or says what is wrong,
as it always did (a broken 1M-card file is thus read twice before it is refused). Tests
compare both ways on every deck we ship or test, their native copies and generated ones.
"""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import accumulate, repeat
from operator import add, attrgetter, contains, is_not, methodcaller
from pathlib import Path
from typing import Any, cast

import pytomlpp
from pydantic import ValidationError

from exam_sim.decks.anki import has_anki_headers
from exam_sim.decks.native import built_deck, card_of, deck_topics, parse_toml
from exam_sim.decks.native_cards import card_entry
from exam_sim.decks.native_lines import HEADER_LINE, NEXT_HEADER_LINE, TextLines
from exam_sim.decks.native_schema import NativeCard, NativeDeck
from exam_sim.decks.plain_cards import plain_cards
from exam_sim.gc_pause import gc_paused
from exam_sim.models import Card, Deck, DeckError

__all__ = ["read_plain_native"]

PIECE_BYTES = 1 << 20  # read at a time; a piece of the file is cut before a card header

# The first `[[cards]]` header line (as `card_chunks` finds it: spaces or tabs around).
_FIRST_CARDS_LINE = re.compile(rb"(?m)^[ \t]*\[\[cards\]\][ \t]*$")
_CUT = b"\n[[cards]]"  # a piece ends before the last such line (and its line feed after)
_CARDS_LINE = re.compile(r"[ \t]*\[\[cards\]\][ \t]*(?:\n|\Z)")
# A line after the first card that opens something other than a `[[cards]]` table.
_OTHER_TABLE_LINE = re.compile(r"\n(?=[ \t]*\[(?!\[cards\]\][ \t]*(?:\n|\Z)))")
# What the whole text must not hold: `decode` would change the text (carriage return) or
# refuse it (NUL), a line end other than "\n" (`TextLines` counts lines another way).
_NOT_IN_BYTES = (b"\r", b"\x00", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e")
_NOT_IN_TEXT = ("\x85", "\u2028", "\u2029")  # the other line ends, not ASCII

# A one-line TOML basic string: no quote, backslash or control but tab, unless escaped
# by one of the escapes JSON reads alike (`\uXXXX` is left to toml++); group 1 its content.
_PLAIN = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'


def _escaped_run(plain: str) -> str:
    """Characters of `plain` and the escapes JSON reads alike, as one group."""
    return rf'({plain}*(?:\\[btnfr"\\]{plain}*)*)'


_VALUE = f'"{_escaped_run(_PLAIN)}"'
# A text as exam-sim writes it: a one-line basic string, or, when it holds a line feed, a
# multi-line one (`deck_to_toml`: three quotes and a line feed, which TOML drops, then
# the text with its line feeds as they are, no quote or backslash unescaped, so no
# line-ending backslash either); group 1 or 2 its content.
_MULTI_PLAIN = r'[^"\\\x00-\x08\x0b-\x1f\x7f]'
_TEXT = rf'(?:{_VALUE}|"""\n{_escaped_run(_MULTI_PLAIN)}""")'
# A plain card table, its blank lines after it in the last group.
_PLAIN_CARD = re.compile(
    r"\[\[cards\]\]\n"
    rf"id = {_VALUE}\n"
    rf"term = {_TEXT}\n"
    rf"definition = {_TEXT}(?:\n|\Z)"
    rf"(?:topic = {_VALUE}(?:\n|\Z))?"
    rf"(?:kind = {_VALUE}(?:\n|\Z))?"
    r"(\n*)"
)
_GROUPS = 9  # `_PLAIN_CARD.split` gives the text between two cards, then its 8 groups
_PLAIN_CARD_LINES = 4  # a plain card's header and three keys, each on one line
# A line of a multi-line text that opens like a table header ("[[cards]]").
_TABLE_LIKE_LINE = re.compile(r"\n[ \t]*\[")


_RELATED = attrgetter("related")


class _NotPlain(Exception):
    """The file is not one read here: it is read whole instead."""


def read_plain_native(path: Path, *, sniff: bool = False) -> Deck | None:
    """The deck of a native file read a piece at a time, or None when it must be read
    whole (see the module). `sniff`: the format was not given, only the `.toml`
    extension says native; None if the file opens with Anki's header lines."""
    try:
        with path.open("rb") as handle, gc_paused():
            pieces = iter(partial(handle.read, PIECE_BYTES), b"")
            return stream_native(pieces, str(path), sniff=sniff)
    except (OSError, _NotPlain):
        return None


def stream_native(pieces: Iterable[bytes], file: str, *, sniff: bool = False) -> Deck:
    """The deck of a file given as consecutive pieces of its bytes (`_NotPlain`: read it
    whole)."""
    blocks = _blocks(pieces)
    head_bytes = next(blocks)
    head = _text(head_bytes)
    if head.startswith("\ufeff"):
        raise _NotPlain  # `decode` drops it
    if sniff and has_anki_headers(head):
        raise _NotPlain
    try:
        document = parse_toml(head)
        if "cards" in document:
            raise _NotPlain
        native = NativeDeck.model_validate({**document, "cards": []})
    except (RecursionError, tomllib.TOMLDecodeError, ValidationError):
        raise _NotPlain from None
    del document
    lines = TextLines(head)
    try:
        topics, topic_ids = deck_topics(native, lines, _refuse)
        known = set(topic_ids) if topics else None
        cards: list[Card] = []
        line = head_bytes.count(b"\n") + 1
        del head, head_bytes
        for block in blocks:
            text = _text(block)
            if not _CARDS_LINE.match(text):
                raise _NotPlain
            cards += _plain_block(text, line, known) or _block(text, line, known)
            line += block.count(b"\n")
        for card in filter(_RELATED, cards):
            if card.id in card.related:
                raise _NotPlain  # (that they exist, `Deck` checks)
        read = tuple(cards)
        del cards  # (the list: 8 MB at 1M cards, and `Deck` copies the tuple once more)
        return built_deck(native, topics, topic_ids, read, lines, file)
    except (DeckError, ValidationError):
        raise _NotPlain from None


def _refuse(problem: str, line: int | None = None) -> DeckError:
    raise _NotPlain


def _blocks(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The bytes before the first `[[cards]]` header line, then the rest in blocks that
    each start with such a line (at least one whole card table each)."""
    head: list[bytes] = []
    data = b""
    pieces = iter(pieces)
    for piece in itertools.chain(pieces, [None]):
        last = piece is None
        data += piece or b""
        whole = len(data) if last else data.rfind(b"\n") + 1  # up to a line's end
        found = _FIRST_CARDS_LINE.search(data, 0, whole)
        if found is None:
            if last:
                raise _NotPlain  # no cards: the whole text says what is wrong
            head.append(data[:whole])
            data = data[whole:]
            continue
        head.append(data[: found.start()])
        data = data[found.start() :]
        break
    yield b"".join(head)
    del head
    held = b""  # a block given once the next is cut: the last card joins the last block
    for piece in pieces:
        data += piece
        cut = data.rfind(_CUT) + 1
        if cut > 0:
            if held:
                yield held
            held, data = data[:cut], data[cut:]
    if held + data:
        yield held + data


def _text(block: bytes) -> str:
    """A block's text, when nothing in it sends the file to be read whole."""
    if any(part in block for part in _NOT_IN_BYTES):
        raise _NotPlain
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:
        raise _NotPlain from None
    if not text.isascii() and any(end in text for end in _NOT_IN_TEXT):
        raise _NotPlain
    return text


_Columns = tuple[list[str], list[str], list[str], list[Any], list[Any], Iterable[int]]


def _plain_block(text: str, line: int, known: set[str] | None) -> list[Card] | None:
    """The cards of a block of plain card tables whose values `plain_cards` takes, or
    None."""
    columns = _split_columns(text, line)
    if columns is None:
        return None
    ids, terms, definitions, topics, kinds, lines = columns
    if known is not None and not known.issuperset(filter(None, topics)):
        return None
    return plain_cards(ids, terms, definitions, topics, kinds, lines)


def _split_columns(text: str, line: int) -> _Columns | None:
    """The columns of a block of plain card tables (`_PLAIN_CARD`), and each table's
    line, or None."""
    parts = _PLAIN_CARD.split(text)
    if any(parts[0::_GROUPS]):  # something between two plain tables, or around them
        return None
    ids, topics, kinds, blanks = (
        parts[1::_GROUPS],
        parts[6::_GROUPS],
        parts[7::_GROUPS],
        parts[8::_GROUPS],
    )
    multi_line = "\n".join(filter(None, itertools.chain(parts[3::_GROUPS], parts[5::_GROUPS])))
    if _TABLE_LIKE_LINE.search("\n" + multi_line):
        return None  # `_card_lines` would count it as a header; `parse_native` knows strings
    terms, term_lines = _either(parts[2::_GROUPS], parts[3::_GROUPS])
    definitions, definition_lines = _either(parts[4::_GROUPS], parts[5::_GROUPS])
    del parts
    if "\\" in text:
        terms, definitions = _unescaped(terms), _unescaped(definitions)
        # An id, topic or kind with an escape is refused by `plain_cards` as written,
        # and would be once read (no id, topic or kind holds a backslash or a control).
    # Each card's header line: the first card's, then the last one's and its lines (a
    # header and three keys, one more for a topic, one for a kind, the lines a multi-line
    # text adds, its blank lines).
    spans = map(
        add,
        map(add, map(len, blanks), map(add, term_lines, definition_lines)),
        map(add, map(is_not, topics, repeat(None)), map(is_not, kinds, repeat(None))),
    )
    lines = accumulate(map(add, spans, repeat(_PLAIN_CARD_LINES)), initial=line)
    return ids, terms, definitions, topics, kinds, lines


def _either(
    one_line: list[str | None], multi_line: list[str | None]
) -> tuple[list[str], list[int]]:
    """The texts of a key written either way (one of the two groups matched), and the
    lines each multi-line one adds to its key's line (its line feeds, the one TOML drops
    included; 0 for a one-line text)."""
    multi = list(map(_FILLED, multi_line, multi_line))
    texts = list(map(add, map(_FILLED, one_line, one_line), multi))
    added = list(map(add, map(_LINE_FEEDS, multi), map(is_not, multi_line, repeat(None))))
    return texts, added


# `.get(x, x)`: the text of a group that matched, else "" (a C call for `map`).
_FILLED = cast(Callable[[str | None, str | None], str], {None: ""}.get)
_LINE_FEEDS = methodcaller("count", "\n")


def _unescaped(values: list[str]) -> list[str]:
    """Basic-string contents with their escapes read: the escapes `_VALUE` lets through
    mean in JSON what they mean in TOML, so one JSON array is read for them all."""
    if not any(map(contains, values, repeat("\\"))):
        return values
    listed: list[str] = json.loads('["' + '","'.join(values) + '"]', strict=False)
    return listed


def _block(text: str, line: int, known: set[str] | None) -> list[Card]:
    """The cards of a block read by toml++ and checked table by table (`card_entry`,
    else `NativeCard`), as `parse_native` reads them."""
    if _OTHER_TABLE_LINE.search(text):
        raise _NotPlain
    try:
        tables: Any = pytomlpp.loads(text)["cards"]
    except Exception:  # any refusal: the whole text is read instead
        raise _NotPlain from None
    lines = _card_lines(text, line)
    if not isinstance(tables, list) or len(tables) != len(lines):
        raise _NotPlain
    cards: list[Card] = []
    for table, card_line in zip(tables, lines, strict=True):
        entry = card_entry(table) or NativeCard.model_validate(table)
        if entry.topic is not None and known is not None and entry.topic not in known:
            raise _NotPlain
        cards.append(card_of(entry, card_line))
    return cards


def _card_lines(text: str, line: int) -> list[int]:
    """The lines of the block's card headers, as `TextLines` numbers them in the whole text
    (the block starts a line)."""
    first = HEADER_LINE.match(text)
    found = [line] if first else []
    headers = [first] if first else []
    counted = 0
    for match in NEXT_HEADER_LINE.finditer(text):
        start = match.start() + 1  # the header's line
        line += text.count("\n", counted, start)
        counted = start
        found.append(line)
        headers.append(match)
    if any(header[1] != "cards" for header in headers):
        raise _NotPlain  # another table's header (`_OTHER_TABLE_LINE` sees only some)
    return found
