"""The `[[cards]]` tables of a native deck, read in bulk with plain Python checks.

`NativeCard` (pydantic) is the format's definition of a card table, and it took about
5 µs and a model per card: a 1M-card deck spent most of its load there. Here a table is
accepted as it stands only when plain checks prove `NativeCard` would accept it and give
the same values (`card_entry`); anything else (a missing or unknown key, a wrong type, a
bad id, an empty text, whitespace that only one of Python's and pydantic's stripping would
remove) is handed to `NativeCard` itself, which accepts it or raises the error the author
reads. So the rules and their messages stay written once, in `native_schema`, and a broken
table is refused exactly as before (tests compare both on generated tables).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from exam_sim.decks.native_schema import NativeCard
from exam_sim.ids import WHOLE_ID

_REFERENCE = re.compile(r"https?://\S+")  # `native_schema.Reference`, ASCII only here
# Whitespace that Python's `str.strip` and pydantic's (Rust's `trim`) both remove.
_BOTH_STRIP = " \t\n\r\x0b\x0c"
_KEYS = frozenset(NativeCard.model_fields)
_KINDS = ("definition", "question", "")


class CardEntry(NamedTuple):
    """A card table as `NativeCard` would validate it (the same attribute names)."""

    id: str
    term: str
    definition: str
    topic: str | None
    tags: list[str]
    aliases: list[str]
    kind: str | None
    related: list[str]
    references: list[str]


def card_entries(tables: Iterable[Any]) -> Iterator[CardEntry | NativeCard]:
    """Each table, validated (`card_entry`, else `NativeCard`)."""
    for table in tables:
        yield card_entry(table) or NativeCard.model_validate(table)


def drained(tables: list[Any]) -> Iterator[Any]:
    """The list's items, each dropped from it once given: the document's tables and the
    deck's cards are not all in memory at once."""
    for index, table in enumerate(tables):
        tables[index] = None
        yield table


# A `[[cards]]` header line as exam-sim writes it (matched at a line's start); the line
# feed before one, and before any other line that opens a table ("[" after spaces) or an
# array. Patterns that start with a line feed are looked for by a scan for it, in C.
_CARDS_HEADER = r"[ \t]*\[\[cards\]\][ \t]*(?:\n|\Z)"
_CARDS_LINE = re.compile(_CARDS_HEADER)
_BEFORE_CARDS_LINE = re.compile(rf"\n(?={_CARDS_HEADER})")
_BEFORE_OTHER_TABLE_LINE = re.compile(r"\n(?=[ \t]*\[(?!\[cards\]\][ \t]*(?:\n|\Z)))")
CHUNK_CARDS = 1_000  # card tables parsed at a time (`card_chunks`)


def card_chunks(text: str) -> list[tuple[int, int]] | None:
    """Where to cut the text to parse its card tables `CHUNK_CARDS` at a time: (start,
    end) of each piece, the first piece starting at the first `[[cards]]` header. None
    when the text must be parsed whole: it has no cards, a multi-line string (a header
    could be inside one), or a line after the first card that opens something other
    than a `[[cards]]` table (another table, an array). Parsed whole, a large deck's
    document took about 1 KB per card and left the memory it freed fragmented (2.3 times
    the RSS of reading it in pieces, at 100k cards). Each of these is one scan in C."""
    if '"""' in text or "'''" in text:
        return None
    starts = [0] if _CARDS_LINE.match(text) else []
    starts += [match.start() + 1 for match in _BEFORE_CARDS_LINE.finditer(text)]
    if not starts or _BEFORE_OTHER_TABLE_LINE.search(text, starts[0]) is not None:
        return None
    cuts = [*starts[::CHUNK_CARDS], len(text)]
    return list(itertools.pairwise(cuts))


def card_entry(table: Any) -> CardEntry | None:
    """The table's values when they are plainly valid, else None (`NativeCard` decides)."""
    if type(table) is not dict or not _KEYS.issuperset(table):
        return None
    card_id = _stripped(table.get("id"))
    term = _stripped(table.get("term"))
    definition = _stripped(table.get("definition"))
    if not card_id or not WHOLE_ID.fullmatch(card_id) or not term or not definition:
        return None
    topic = None
    if "topic" in table:
        topic = _stripped(table["topic"])
        if not topic or not WHOLE_ID.fullmatch(topic):
            return None
    kind = None
    if "kind" in table:
        value = table["kind"]
        kind = value.strip() if type(value) is str else None  # `native_schema.Kind`
        if kind not in _KINDS:
            return None
    lists: list[list[str]] = []
    for key in ("tags", "aliases", "related", "references"):
        values = _strings(table.get(key, []))
        if values is None:
            return None
        if key == "related" and not all(WHOLE_ID.fullmatch(value) for value in values):
            return None
        if key == "references" and not all(
            value.isascii() and _REFERENCE.fullmatch(value) for value in values
        ):
            return None
        lists.append(values)
    tags, aliases, related, references = lists
    return CardEntry(card_id, term, definition, topic, tags, aliases, kind, related, references)


def _stripped(value: Any) -> str | None:
    """A string stripped as pydantic strips it, or None when not a string or when its
    ends hold whitespace that Python and pydantic do not agree on."""
    if type(value) is not str:
        return None
    stripped = value.strip(_BOTH_STRIP)
    return stripped if stripped == stripped.strip() else None


def _strings(values: Any) -> list[str] | None:
    if type(values) is not list:
        return None
    stripped = [_stripped(value) for value in values]
    return None if None in stripped else stripped  # type: ignore[return-value]
