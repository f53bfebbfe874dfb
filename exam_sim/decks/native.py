"""The native deck format (TOML, `format = "exam-sim/1"`): read with full validation, write.

The format itself is declared once, as pydantic models, in `native_schema`; this module
parses the TOML, validates it against them, checks the references between tables and
builds the `Deck`. Every problem names a line: TOML syntax errors take it from tomllib's
message; a validation error is placed by its location (a card's problem on the line of
that card's `[[cards]]` header, which `native_lines` finds in the raw text: tomllib does
not report positions of values). Ids are explicit here, so a repeated id is an error,
while two cards with the same term load (`check` warns).
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any

import pytomlpp
import tomli_w
from pydantic import ValidationError

from exam_sim.authored import Case, Item
from exam_sim.decks import native_schema
from exam_sim.decks.column_names import side_names
from exam_sim.decks.common import (
    decode,
    display_name,
    read_bytes,
    split_lines,
    validation_problem,
)
from exam_sim.decks.native_cards import CardEntry, card_chunks, card_entries, drained
from exam_sim.decks.native_lines import TextLines
from exam_sim.decks.native_schema import (
    BLUEPRINT_NOT_IN_FILES,
    FORMAT,
    NativeBlueprint,
    NativeCard,
    NativeDeck,
)
from exam_sim.decks.plain_cards import may_be_questions
from exam_sim.gc_pause import gc_paused
from exam_sim.models import Blueprint, Card, Deck, DeckError, Topic, make_card
from exam_sim.text import BULK_CHUNK, looks_like_question

__all__ = [
    "BLUEPRINT_NOT_IN_FILES", "FORMAT", "deck_to_toml", "parse_native", "read_native",
    "write_native",
]  # fmt: skip

_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def read_native(path: str | Path) -> Deck:
    from exam_sim.decks.native_stream import read_plain_native  # which imports this module

    return read_plain_native(Path(path)) or parse_native(read_bytes(path), file=str(path))


def parse_native(data: str | bytes, *, file: str | None = None) -> Deck:
    """Parse and validate a native TOML deck."""
    with gc_paused():
        return _parse_native(data, file)


def _parse_native(data: str | bytes, file: str | None) -> Deck:
    name = display_name(file)
    text = decode(data, name)
    lines = TextLines(text)  # before the document: its list of lines is then already gone
    chunks = card_chunks(text)
    if chunks is not None:
        try:
            head = parse_toml(text[: chunks[0][0]])
        except (RecursionError, tomllib.TOMLDecodeError):
            head = {"cards": "unread"}  # read whole below, which says what is wrong
        if "cards" not in head:
            try:
                return _validated(head, _chunked(text, chunks), text, lines, name)
            except _ReadWhole:
                pass  # a piece toml++ refuses: the whole text decides, and explains
    try:
        document = parse_toml(text)
    except (RecursionError, tomllib.TOMLDecodeError) as error:
        raise _toml_error(error, text, name) from None
    raw_cards: Any = document.get("cards")
    if not isinstance(raw_cards, list):
        return _validated(document, None, text, lines, name)  # the schema says what is wrong
    del document["cards"]
    return _validated(document, drained(raw_cards), text, lines, name)


class _ReadWhole(Exception):
    """A piece of the text that is not TOML on its own (`_chunked`)."""


def _chunked(text: str, chunks: list[tuple[int, int]]) -> Iterator[Any]:
    """The card tables, parsed a piece of the text at a time (`card_chunks`)."""
    for start, end in chunks:
        try:
            tables = pytomlpp.loads(text[start:end])["cards"]
        except Exception:  # any refusal: the whole text is read instead
            raise _ReadWhole from None
        yield from drained(tables)


def _validated(
    document: dict[str, Any], tables: Iterator[Any] | None, text: str, lines: TextLines, name: str
) -> Deck:
    """The deck of a document read without its cards and of its card `tables`, or, with
    `tables` None, of the whole document (its `cards` are missing or not tables)."""
    # The cards are validated and built one table at a time (`native_cards`), each table
    # dropped once built: the document, validated copies and the cards are never all in
    # memory at once (they were 3 KB per card, against 200 bytes of file).
    try:
        native = NativeDeck.model_validate(
            document if tables is None else {**document, "cards": []}
        )
        del document
        entries = native.cards if tables is None else card_entries(tables)
        return _build(native, entries, lines, name)
    except ValidationError:
        schema_error = _schema_error(text, lines, name)
        if schema_error is None:
            raise  # unreachable: both parsers read the same document
        raise schema_error from None
    except DeckError:
        # A problem the schema does not see (an id used twice) was met before the schema
        # had read every card: as when reading all at once, a schema problem comes first.
        schema_error = None if tables is None else _schema_error(text, lines, name)
        if schema_error is None:
            raise
        raise schema_error from None


def _schema_error(text: str, lines: TextLines, name: str) -> DeckError | None:
    """The first problem the schema finds in the whole file, as the author meets it, or
    None. Read from tomllib's document: its keys are in file order (toml++ sorts them), so
    of two unknown keys the one named is the one written first."""
    try:
        document = tomllib.loads(text)
    except (RecursionError, tomllib.TOMLDecodeError) as error:
        return _toml_error(error, text, name)  # only if toml++ read what tomllib refuses
    try:
        NativeDeck.model_validate(document)
    except ValidationError as error:
        first = min(error.errors(), key=native_schema.order)
        return DeckError(native_schema.problem(first, document), file=name, line=lines.of(first))
    return None


def _toml_error(error: RecursionError | tomllib.TOMLDecodeError, text: str, name: str) -> DeckError:
    """tomllib's refusal as one sentence with the line."""
    if isinstance(error, RecursionError):
        return DeckError("not valid TOML: arrays or tables nested too deeply", file=name)
    message = str(error)
    match = _AT_LINE.search(message)
    if match:
        line: int | None = int(match[1])
        problem = _AT_LINE.sub("", message)
    elif _AT_END.search(message):
        line = len(split_lines(text.rstrip("\r\n"))) or 1
        problem = _AT_END.sub("", message) + " (the file ends too early)"
    else:
        line, problem = getattr(error, "lineno", None), message
    problem = problem[:1].lower() + problem[1:]
    return DeckError(f"not valid TOML: {problem}", file=name, line=line)


def parse_toml(text: str) -> dict[str, Any]:
    """The TOML document, read by toml++ (`pytomlpp`, compiled: about 6 times faster than
    the pure-Python `tomllib` on a large deck). Whatever it refuses is read again by
    `tomllib`, the reference: it either reads it too (its document is then the one kept) or
    raises the error, with line and column, that the message to the author is made from."""
    if text.startswith("\ufeff"):
        return tomllib.loads(text)  # toml++ skips a byte-order mark there; tomllib refuses it
    try:
        document: dict[str, Any] = pytomlpp.loads(text)
    except Exception:  # any refusal: tomllib decides, and explains
        return tomllib.loads(text)
    return document


def _build(
    native: NativeDeck, entries: Iterable[CardEntry | NativeCard], lines: TextLines, file: str
) -> Deck:
    """The validated file as a `Deck`: references checked (ids used once, known topics
    and related cards), aliases and kinds derived, undeclared topics declared."""

    def fail(problem: str, line: int | None = None) -> DeckError:
        return DeckError(problem, file=file, line=line)

    topics, topic_ids = deck_topics(native, lines, fail)
    cards: list[Card] = []
    card_lines: dict[str, int | None] = {}
    for index, entry in enumerate(entries):
        line = lines.card(index)
        what = f"card {entry.id!r}: "
        if entry.id in card_lines:
            first = card_lines[entry.id]
            raise fail(f"card id {entry.id!r} is used twice (first on line {first})", line)
        card_lines[entry.id] = line
        if entry.topic is not None and topics and entry.topic not in topic_ids:
            known = ", ".join(topic_ids)
            raise fail(f"{what}unknown topic {entry.topic!r} (topics: {known})", line)
        try:
            cards.append(card_of(entry, line))
        except ValidationError as error:
            raise fail(f"{what}{validation_problem(error)}", line) from None
    for index, card in enumerate(cards):
        for other in card.related:
            if other == card.id:
                raise fail(f"card {card.id!r} is related to itself", lines.card(index))
            if other not in card_lines:
                raise fail(
                    f"card {card.id!r} is related to unknown card {other!r}", lines.card(index)
                )
    return built_deck(native, topics, topic_ids, cards, lines, file)


def deck_topics(
    native: NativeDeck, lines: TextLines, fail: Callable[[str, int | None], DeckError]
) -> tuple[list[Topic], list[str]]:
    """The `[[topics]]` tables as topics (ids used once), and their ids."""
    topics: list[Topic] = []
    topic_lines: dict[str, int | None] = {}
    for index, topic in enumerate(native.topics):
        line = lines.topic(index)
        if topic.id in topic_lines:
            first = topic_lines[topic.id]
            raise fail(f"topic id {topic.id!r} is used twice (first on line {first})", line)
        topic_lines[topic.id] = line
        topics.append(Topic(id=topic.id, name=topic.name or topic.id, weight=topic.weight))
    return topics, list(topic_lines)


def card_of(entry: CardEntry | NativeCard, line: int | None) -> Card:
    """The card of a validated `[[cards]]` table (aliases and kind derived)."""
    return make_card(
        entry.term,
        entry.definition,
        id=entry.id,
        topic=entry.topic,
        tags=_listed(entry.tags),
        aliases=_listed(entry.aliases),
        kind=entry.kind or None,
        related=entry.related,
        references=entry.references,
        line=line,
    )


def built_deck(
    native: NativeDeck,
    topics: list[Topic],
    topic_ids: list[str],
    cards: Sequence[Card],
    lines: TextLines,
    file: str,
) -> Deck:
    """The deck of the file's checked cards: its cases and items checked, topics that
    cards and items name declared when the file declares none."""

    def fail(problem: str, line: int | None = None) -> DeckError:
        return DeckError(problem, file=file, line=line)

    cases, items = _authored(native, lines, fail, topic_ids if topics else None)
    if items and cards:
        _ids_apart(cards, items, fail)
    if not cards and not items:
        raise fail("the deck has no cards (add [[cards]] tables)")
    if not topics:
        # Topics named by cards and items but not declared: declare them in order of appearance.
        names = dict.fromkeys(topic for part in (cards, items) for topic in map(_topic_of, part))
        topics = [Topic(id=topic, name=topic) for topic in names if topic]
    try:
        return Deck(
            id=native.id,
            title=native.title,
            description=native.description,
            source=native.source,
            # read as a header's names are: a name that is no noun stands as the default
            sides=side_names(native.sides[0], native.sides[1]) if native.sides else None,
            cards=tuple(cards),
            topics=tuple(topics),
            blueprint=_blueprint(native.blueprint),
            cases=cases,
            items=items,
            path=file,
        )
    except ValidationError as error:  # the schema and the checks above catch everything
        raise fail(validation_problem(error)) from None


_topic_of = attrgetter("topic")


def _ids_apart(
    cards: Sequence[Card], items: Sequence[Item], fail: Callable[[str, int | None], DeckError]
) -> None:
    """Refuse an item whose id is a card's: the history keeps one schedule, one set of
    answers and one weak spot per id, so the two would be taken for one (a study session
    asked the item where the card was due)."""
    card_lines = {card.id: card.line for card in cards}
    for item in items:
        if item.id in card_lines:
            raise fail(
                f"item id {item.id!r} is also the id of a card (line {card_lines[item.id]}): "
                "the history keeps one schedule per id, so give the item an id of its own",
                item.line,
            )


def _authored(
    native: NativeDeck,
    lines: TextLines,
    fail: Callable[[str, int | None], DeckError],
    topic_ids: list[str] | None,
) -> tuple[tuple[Case, ...], tuple[Item, ...]]:
    """The `[[cases]]` and `[[items]]` tables: ids used once, cases and topics known, each
    item's shape right for its type (`authored.Item`)."""
    cases: dict[str, Case] = {}
    case_lines: dict[str, int | None] = {}
    for index, entry in enumerate(native.cases):
        line = lines.entry("cases", index)
        if entry.id in cases:
            first = case_lines[entry.id]
            raise fail(f"case id {entry.id!r} is used twice (first on line {first})", line)
        case_lines[entry.id] = line
        cases[entry.id] = Case(id=entry.id, title=entry.title, scenario=entry.scenario, line=line)
    items: list[Item] = []
    item_lines: dict[str, int | None] = {}
    for index, native_item in enumerate(native.items):
        line = lines.entry("items", index)
        what = f"item {native_item.id!r}: "
        if native_item.id in item_lines:
            first = item_lines[native_item.id]
            raise fail(f"item id {native_item.id!r} is used twice (first on line {first})", line)
        item_lines[native_item.id] = line
        if native_item.case is not None and native_item.case not in cases:
            known = ", ".join(cases) or "none"
            raise fail(f"{what}unknown case {native_item.case!r} (cases: {known})", line)
        if topic_ids is not None and native_item.topic not in (None, *topic_ids):
            known = ", ".join(topic_ids)
            raise fail(f"{what}unknown topic {native_item.topic!r} (topics: {known})", line)
        fields = native_item.model_dump(exclude={"type"})
        fields["tags"] = _listed(native_item.tags)
        fields["references"] = _listed(native_item.references)
        try:
            items.append(Item(kind=native_item.type, line=line, **fields))
        except ValidationError as error:
            raise fail(f"{what}{validation_problem(error)}", line) from None
    return tuple(cases.values()), tuple(items)


def _listed(values: list[str]) -> list[str]:
    """A list of strings as written, without the blank ones (strings are stripped)."""
    return [value for value in values if value]


def _blueprint(blueprint: NativeBlueprint | None) -> Blueprint | None:
    # The file's [blueprint] forbids unknown keys; the deck holds the plain model.
    return None if blueprint is None else Blueprint(**blueprint.model_dump())


def deck_to_toml(deck: Deck) -> str:
    """The deck as native TOML; multi-line text is written as multi-line strings.

    Sections are dumped one table at a time so topics and cards are always written as
    `[[topics]]` / `[[cards]]` headers (the form people edit, and whose lines our error
    messages point at), never as inline arrays.
    """
    return "\n".join(_toml_parts(deck))


def _toml_parts(deck: Deck) -> Iterator[str]:
    """`deck_to_toml`'s parts, one table at a time (`write_native` writes them as they
    come: a large deck's text is never whole in memory)."""
    head: dict[str, Any] = {"format": FORMAT, "id": deck.id, "title": deck.title}
    if deck.description:
        head["description"] = deck.description
    if deck.source:
        head["source"] = deck.source
    if deck.sides:
        head["sides"] = list(deck.sides)
    yield _dump(head)
    if deck.blueprint is not None:
        yield "[blueprint]\n" + _dump(deck.blueprint.model_dump(exclude=BLUEPRINT_NOT_IN_FILES))
    for topic in deck.topics:
        table = {k: v for k, v in topic.model_dump().items() if v is not None}
        yield "[[topics]]\n" + _dump(table)
    for start in range(0, len(deck.cards), BULK_CHUNK):
        cards = deck.cards[start : start + BULK_CHUNK]
        # The terms that may read as a question, a column at a time; the others cannot.
        may_ask = set(may_be_questions([card.term for card in cards]))
        for n, card in enumerate(cards):
            yield "[[cards]]\n" + card_text(card, n in may_ask)
    for case in deck.cases:
        case_table = {"id": case.id, "title": case.title, "scenario": case.scenario}
        yield "[[cases]]\n" + _dump({k: v for k, v in case_table.items() if v})
    for item in deck.items:
        yield _item_tables(item)


def _item_tables(item: Item) -> str:
    """One `[[items]]` table and its `[[items.options]]` (steps, pairs) sub-tables."""
    head: dict[str, Any] = {"id": item.id, "type": item.kind.value}
    for key in ("topic", "tags", "case", "stem", "explanation", "references", "extra_responses"):
        value = getattr(item, key)
        if value:
            head[key] = list(value) if isinstance(value, tuple) else value
    text = "[[items]]\n" + _dump(head)
    for key in ("options", "steps", "pairs"):
        for part in getattr(item, key):
            # Defaults left out; a weight of 0 is kept (0 == False, but it says "no credit").
            table = {k: v for k, v in part.model_dump().items()
                     if v is not None and v != "" and v is not False}  # fmt: skip
            text += f"\n[[items.{key}]]\n" + _dump(table)
    return text


def _dump(table: dict[str, Any]) -> str:
    return tomli_w.dumps(table, multiline_strings=True)


# Characters a TOML basic string must escape (tomli_w's ILLEGAL_BASIC_STR_CHARS), and how
# tomli_w writes each (`format_string`): a compact escape, else \uXXXX; in a multi-line
# string (a text with a line feed, "\r\n" made "\n" first) a line feed as itself.
_TO_ESCAPE = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')
_COMPACT_ESCAPES = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_ESCAPES = {
    code: _COMPACT_ESCAPES.get(chr(code), f"\\u{code:04x}")
    for code in (*range(0x09), *range(0x0A, 0x20), 0x7F, ord('"'), ord("\\"))
}
_MULTI_LINE_ESCAPES = {**_ESCAPES, ord("\n"): "\n"}


def card_text(card: Card, may_ask: bool = True) -> str:
    """The card's table as tomli_w writes it (`may_ask` False: its term cannot read as a
    question, `may_be_questions` says). A table of strings only (every card without
    tags, aliases, related cards or references) is written here, as tomli_w would: its
    writer walks every string a character at a time (most of an import's time on a large
    deck)."""
    table = _card_table(card, may_ask)
    try:
        joined = "".join(table.values())  # one scan of every value for what needs escaping
    except TypeError:  # a list (tags, aliases…): tomli_w writes it
        return _dump(table)
    if _TO_ESCAPE.search(joined):
        return "".join(f"{key} = {_basic_string(value)}\n" for key, value in table.items())
    return "".join(f'{key} = "{value}"\n' for key, value in table.items())


def _basic_string(text: str) -> str:
    """`text` as a TOML basic string, as tomli_w writes it with multi-line strings on."""
    if "\n" in text:
        return '"""\n' + text.replace("\r\n", "\n").translate(_MULTI_LINE_ESCAPES) + '"""'
    return '"' + text.translate(_ESCAPES) + '"'


def _card_table(card: Card, may_ask: bool = True) -> dict[str, Any]:
    table: dict[str, Any] = {"id": card.id, "term": card.term, "definition": card.definition}
    if card.topic:
        table["topic"] = card.topic
    if card.tags:
        table["tags"] = list(card.tags)
    if card.aliases:
        table["aliases"] = list(card.aliases)
    asked = may_ask and looks_like_question(card.term)
    derived = "question" if asked else "definition"
    if card.kind.value != derived:  # only say what reading the term would not tell
        table["kind"] = card.kind.value
    if card.related:
        table["related"] = list(card.related)
    if card.references:
        table["references"] = list(card.references)
    return table


def write_native(deck: Deck, path: str | Path, *, overwrite: bool = True) -> Path:
    """Write the deck atomically (temp file, then rename), so a crash never leaves half a
    deck. With `overwrite=False` the file appears only if nothing has that name yet
    (a hard link, which the file system creates or refuses in one step), else
    `FileExistsError`: two imports under one id never overwrite each other."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for number, part in enumerate(_toml_parts(deck)):
                handle.write(f"\n{part}" if number else part)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temp, target)
        else:
            _create(Path(temp), target)
    finally:
        Path(temp).unlink(missing_ok=True)
    return target


def _create(temp: Path, target: Path) -> None:
    """`temp` under the name `target`, only if that name is free (FileExistsError)."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system: reserve the name exclusively, then fill it.
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        os.replace(temp, target)
