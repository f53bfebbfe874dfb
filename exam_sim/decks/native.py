"""The native deck format (TOML, `format = "exam-sim/1"`): read with full validation, write.

Every problem names a line: TOML syntax errors take it from tomllib's message; problems
with a card name the line of that card's `[[cards]]` header (found by scanning the raw
text, since tomllib does not report positions of values). Ids are explicit here, so a
repeated id is an error, while two cards with the same term load (`check` warns).
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from exam_sim.decks.common import (
    decode,
    display_name,
    read_bytes,
    split_lines,
    validation_problem,
)
from exam_sim.models import MAX_DECK_ID, Blueprint, Card, Deck, DeckError, Topic, make_card
from exam_sim.text import looks_like_question

FORMAT = "exam-sim/1"
# Blueprint fields that exam-sim sets itself and a deck file cannot (see Blueprint.assumed).
BLUEPRINT_NOT_IN_FILES = {"assumed"}
_DECK_KEYS = {"format", "id", "title", "description", "source", "blueprint", "topics", "cards"}
_CARD_KEYS = {"id", "term", "definition", "topic", "tags", "aliases", "kind", "related"}
_TOPIC_KEYS = {"id", "name", "weight"}
_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def read_native(path: str | Path) -> Deck:
    return parse_native(read_bytes(path), file=str(path))


def parse_native(data: str | bytes, *, file: str | None = None) -> Deck:
    """Parse and validate a native TOML deck."""
    name = display_name(file)
    text = decode(data, name)
    try:
        document = tomllib.loads(text)
    except RecursionError:
        raise DeckError("not valid TOML: arrays or tables nested too deeply", file=name) from None
    except tomllib.TOMLDecodeError as error:
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
        raise DeckError(f"not valid TOML: {problem}", file=name, line=line) from None
    return _NativeReader(text, name).deck(document)


class _NativeReader:
    """Validates a parsed TOML document against the native schema, naming lines."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.lines = text.splitlines()
        self.card_lines = self._header_lines("cards", array=True)
        self.topic_lines = self._header_lines("topics", array=True)
        blueprint = self._header_lines("blueprint", array=False)
        self.blueprint_line = blueprint[0] if blueprint else self._key_line("blueprint")

    def _header_lines(self, table: str, *, array: bool) -> list[int]:
        pattern = (
            re.compile(rf"^\s*\[\[\s*{table}\s*\]\]")
            if array
            else re.compile(rf"^\s*\[\s*{table}\s*\]")
        )
        return [n for n, line in enumerate(self.lines, start=1) if pattern.match(line)]

    def _key_line(self, key: str) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for n, line in enumerate(self.lines, start=1):
            if line.lstrip().startswith("["):
                return None  # past the top-level keys
            if pattern.match(line):
                return n
        return None

    def fail(self, problem: str, line: int | None = None) -> DeckError:
        return DeckError(problem, file=self.file, line=line)

    def card_line(self, index: int) -> int | None:
        return self.card_lines[index] if index < len(self.card_lines) else None

    def topic_line(self, index: int) -> int | None:
        return self.topic_lines[index] if index < len(self.topic_lines) else None

    def deck(self, doc: dict[str, Any]) -> Deck:
        unknown = sorted(set(doc) - _DECK_KEYS)
        if unknown:
            raise self.fail(
                f"unknown key {unknown[0]!r} (a deck has: {', '.join(sorted(_DECK_KEYS))})",
                self._key_line(unknown[0]),
            )
        if "format" not in doc:
            raise self.fail(f'missing format = "{FORMAT}" at the top', 1)
        if doc["format"] != FORMAT:
            raise self.fail(
                f"format is {doc['format']!r}, expected {FORMAT!r}", self._key_line("format")
            )
        deck_id = self._string(doc, "id", self._key_line("id"), required=True)
        if not _ID.match(deck_id):
            raise self.fail(
                f"deck id {deck_id!r} must be lower-case letters, digits, '.', '_' or '-'",
                self._key_line("id"),
            )
        if len(deck_id) > MAX_DECK_ID:
            raise self.fail(
                f"the deck id is {len(deck_id)} characters long; at most {MAX_DECK_ID} are "
                "allowed, since it names the deck's file in the library",
                self._key_line("id"),
            )
        title = self._string(doc, "title", self._key_line("title"), required=True)
        description = self._string(doc, "description", self._key_line("description"))
        source = self._string(doc, "source", self._key_line("source"))
        blueprint = self._blueprint(doc.get("blueprint"))
        topics = self._topics(doc.get("topics", []))
        cards = self._cards(doc.get("cards"), topics)
        if not topics and any(card.topic for card in cards):
            # Topics named by cards but not declared: declare them in order of appearance.
            names = dict.fromkeys(card.topic for card in cards if card.topic)
            topics = [Topic(id=topic, name=topic) for topic in names if topic]
        try:
            return Deck(
                id=deck_id,
                title=title,
                description=description,
                source=source,
                cards=tuple(cards),
                topics=tuple(topics),
                blueprint=blueprint,
                path=self.file,
            )
        except ValidationError as error:  # the checks above should have caught everything
            raise self.fail(validation_problem(error)) from None

    def _string(
        self,
        table: dict[str, Any],
        key: str,
        line: int | None,
        *,
        required: bool = False,
        what: str = "",
    ) -> str:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(f"{what}missing {key!r}", line)
            return ""
        if not isinstance(value, str):
            raise self.fail(f"{what}{key!r} must be a string, not {type(value).__name__}", line)
        if required and not value.strip():
            raise self.fail(f"{what}{key!r} is empty", line)
        return value.strip()

    def _strings(self, table: dict[str, Any], key: str, line: int | None, what: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{what}{key!r} must be a list of strings", line)
        return [v.strip() for v in value if v.strip()]

    def _blueprint(self, value: object) -> Blueprint | None:
        if value is None:
            return None
        line = self.blueprint_line
        if not isinstance(value, dict):
            raise self.fail("'blueprint' must be a table", line)
        known = set(Blueprint.model_fields) - BLUEPRINT_NOT_IN_FILES
        unknown = sorted(set(value) - known)
        if unknown:
            raise self.fail(
                f"blueprint: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})", line
            )
        try:
            return Blueprint.model_validate(value, strict=True)
        except ValidationError as error:
            raise self.fail(f"blueprint {validation_problem(error)}", line) from None

    def _topics(self, value: object) -> list[Topic]:
        if not isinstance(value, list):
            raise self.fail(
                "'topics' must be an array of tables ([[topics]])", self._key_line("topics")
            )
        topics: list[Topic] = []
        seen: dict[str, int | None] = {}
        for index, entry in enumerate(value):
            line = self.topic_line(index)
            what = f"topic {index + 1}: "
            if not isinstance(entry, dict):
                raise self.fail(f"{what}must be a table", line)
            unknown = sorted(set(entry) - _TOPIC_KEYS)
            if unknown:
                raise self.fail(
                    f"{what}unknown key {unknown[0]!r} (a topic has: id, name, weight)", line
                )
            topic_id = self._string(entry, "id", line, required=True, what=what)
            if topic_id in seen:
                raise self.fail(
                    f"topic id {topic_id!r} is used twice (first on line {seen[topic_id]})", line
                )
            seen[topic_id] = line
            name = self._string(entry, "name", line, what=what) or topic_id
            weight = entry.get("weight")
            if weight is not None and (
                isinstance(weight, bool) or not isinstance(weight, int | float)
            ):
                raise self.fail(f"{what}'weight' must be a number", line)
            try:
                topics.append(Topic(id=topic_id, name=name, weight=weight))
            except ValidationError as error:
                raise self.fail(f"topic {topic_id!r}: {validation_problem(error)}", line) from None
        return topics

    def _cards(self, value: object, topics: list[Topic]) -> list[Card]:
        if value is None:
            raise self.fail("the deck has no cards (add [[cards]] tables)")
        if not isinstance(value, list):
            raise self.fail(
                "'cards' must be an array of tables ([[cards]])", self._key_line("cards")
            )
        if not value:
            raise self.fail("the deck has no cards (add [[cards]] tables)")
        topic_ids = [t.id for t in topics]
        cards: list[Card] = []
        id_lines: dict[str, int | None] = {}
        for index, entry in enumerate(value):
            line = self.card_line(index)
            what = f"card {index + 1}: "
            if not isinstance(entry, dict):
                raise self.fail(f"{what}must be a table", line)
            unknown = sorted(set(entry) - _CARD_KEYS)
            if unknown:
                raise self.fail(
                    f"{what}unknown key {unknown[0]!r} "
                    f"(a card has: {', '.join(sorted(_CARD_KEYS))})",
                    line,
                )
            card_id = self._string(entry, "id", line, required=True, what=what)
            what = f"card {card_id!r}: "
            if not _ID.match(card_id):
                raise self.fail(
                    f"{what}the id must be lower-case letters, digits, '.', '_' or '-'", line
                )
            if card_id in id_lines:
                raise self.fail(
                    f"card id {card_id!r} is used twice (first on line {id_lines[card_id]})", line
                )
            id_lines[card_id] = line
            term = self._string(entry, "term", line, required=True, what=what)
            definition = self._string(entry, "definition", line, required=True, what=what)
            topic = self._string(entry, "topic", line, what=what) or None
            if topic is not None and topics and topic not in topic_ids:
                raise self.fail(
                    f"{what}unknown topic {topic!r} (topics: {', '.join(topic_ids)})", line
                )
            if topic is not None and not _ID.match(topic):
                raise self.fail(f"{what}topic {topic!r} is not a valid id", line)
            kind = self._string(entry, "kind", line, what=what) or None
            if kind is not None and kind not in ("definition", "question"):
                raise self.fail(
                    f"{what}kind must be 'definition' or 'question', not {kind!r}", line
                )
            try:
                cards.append(
                    make_card(
                        term,
                        definition,
                        id=card_id,
                        topic=topic,
                        tags=self._strings(entry, "tags", line, what),
                        aliases=self._strings(entry, "aliases", line, what),
                        kind=kind,
                        related=self._strings(entry, "related", line, what),
                        line=line,
                    )
                )
            except ValidationError as error:
                raise self.fail(f"{what}{validation_problem(error)}", line) from None
        for index, card in enumerate(cards):
            for other in card.related:
                if other == card.id:
                    raise self.fail(f"card {card.id!r} is related to itself", self.card_line(index))
                if other not in id_lines:
                    raise self.fail(
                        f"card {card.id!r} is related to unknown card {other!r}",
                        self.card_line(index),
                    )
        return cards


def deck_to_toml(deck: Deck) -> str:
    """The deck as native TOML; multi-line text is written as multi-line strings.

    Sections are dumped one table at a time so topics and cards are always written as
    `[[topics]]` / `[[cards]]` headers (the form people edit, and whose lines our error
    messages point at), never as inline arrays.
    """
    head: dict[str, Any] = {"format": FORMAT, "id": deck.id, "title": deck.title}
    if deck.description:
        head["description"] = deck.description
    if deck.source:
        head["source"] = deck.source
    parts = [_dump(head)]
    if deck.blueprint is not None:
        parts.append(
            "[blueprint]\n" + _dump(deck.blueprint.model_dump(exclude=BLUEPRINT_NOT_IN_FILES))
        )
    for topic in deck.topics:
        table = {k: v for k, v in topic.model_dump().items() if v is not None}
        parts.append("[[topics]]\n" + _dump(table))
    for card in deck.cards:
        parts.append("[[cards]]\n" + _dump(_card_table(card)))
    return "\n".join(parts)


def _dump(table: dict[str, Any]) -> str:
    return tomli_w.dumps(table, multiline_strings=True)


def _card_table(card: Card) -> dict[str, Any]:
    table: dict[str, Any] = {"id": card.id, "term": card.term, "definition": card.definition}
    if card.topic:
        table["topic"] = card.topic
    if card.tags:
        table["tags"] = list(card.tags)
    if card.aliases:
        table["aliases"] = list(card.aliases)
    derived = "question" if looks_like_question(card.term) else "definition"
    if card.kind.value != derived:  # only say what reading the term would not tell
        table["kind"] = card.kind.value
    if card.related:
        table["related"] = list(card.related)
    return table


def write_native(deck: Deck, path: str | Path) -> Path:
    """Write the deck atomically (temp file + rename), so a crash never leaves half a deck."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = deck_to_toml(deck)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
