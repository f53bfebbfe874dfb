"""Anki's "Notes in Plain Text" export.

Leading `#key:value` header lines describe the file: `#separator:` (tab, comma,
semicolon, pipe, space, colon or a literal character), `#html:true|false`,
`#tags column:N`, `#deck column:N`, `#notetype column:N`, `#guid column:N` (1-based),
and optionally `#columns:` (field names), `#deck:` and `#notetype:`. GUID and notetype
columns are skipped; the deck column becomes the card's topic; the tags column its tags.
Of the remaining columns the first is the term and the second the definition (further
note fields are ignored), unless `#columns:` names them (`field_sides`). HTML is
stripped to text: `<br>` and block elements (`<div>`, `<p>`, `<li>`…) become line
breaks, table cells spaces, entities are decoded. Media
references (`[sound:…]`, `<img …>`) are removed and counted in the deck's `notes` (the
import summary prints them); a card left with no text on one side is skipped and counted.
A cloze note makes one card per cloze number (`decks.cloze`, applied by `build_deck`).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from exam_sim.decks.bank_columns import bank_columns
from exam_sim.decks.banks import RawItem, items_deck
from exam_sim.decks.column_names import NoteFields, column_role, says_the_term, side_names
from exam_sim.decks.common import (
    RawCard,
    build_deck,
    clean_field,
    decode,
    display_name,
    iter_lines,
    read_bytes,
    split_lines,
)
from exam_sim.decks.csv_records import text_lines
from exam_sim.decks.delimited import allow_long_fields, sniff_delimiter
from exam_sim.models import Deck, DeckError
from exam_sim.text import strip_media
from exam_sim.units import counted

_HEADER = re.compile(r"^#([a-z][a-z ]*):(.*)$", re.IGNORECASE)
_KNOWN_HEADERS = {
    "separator", "html", "tags column", "deck column", "notetype column", "guid column",
    "columns", "deck", "notetype", "tags", "if matches",
}  # fmt: skip
_SEPARATORS = {
    "tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":",
}  # fmt: skip


def has_anki_headers(text: str) -> bool:
    """True when the text starts with Anki's `#separator:` / `#html:` … header lines."""
    headers, _ = _read_headers(text.removeprefix("\ufeff"))
    return any(
        key
        in {
            "separator",
            "html",
            "tags column",
            "deck column",
            "notetype column",
            "guid column",
            "columns",
        }
        for key in headers
    )


def _read_headers(text: str) -> tuple[dict[str, str], int]:
    """The leading header lines as {key: value} and how many lines they take."""
    headers: dict[str, str] = {}
    count = 0
    for line in iter_lines(text):
        match = _HEADER.match(line.strip())
        if not match or match[1].strip().lower() not in _KNOWN_HEADERS:
            break
        headers[match[1].strip().lower()] = match[2].strip()
        count += 1
    return headers, count


def read_anki(path: str | Path, **options: object) -> Deck:
    return parse_anki(read_bytes(path), file=str(path), **options)  # type: ignore[arg-type]


def parse_anki(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    name = display_name(file)
    text = decode(data, name)
    headers, header_lines = _read_headers(text)
    body_lines = split_lines(text)[header_lines:]
    body = "\n".join(body_lines)
    if not body.strip():
        raise DeckError("no cards found after the header lines", file=name)

    allow_long_fields()
    separator = _separator(headers.get("separator"), body, name)
    html = _html_flag(headers.get("html"), name)
    special: dict[str, int] = {}
    for key in ("tags", "deck", "notetype", "guid"):
        value = headers.get(f"{key} column")
        if value is not None:
            special[key] = _column_number(value, f"#{key} column", name, header_lines)
    field_columns_needed = 2
    # `#columns:` names every column: the note fields' names choose term and definition.
    named = headers.get("columns")
    term_at, definition_at = 0, 1
    sides, joins = None, NoteFields()
    bank = None
    turn = True  # the fields' names unknown: which is the term, the file does not say
    if named:
        names = named.split(separator)
        field_names = [n for i, n in enumerate(names) if i + 1 not in special.values()]
        term_at, definition_at = field_sides(field_names)
        sides, joins = fields_named(field_names), NoteFields.of(field_names)
        bank = bank_columns(field_names)  # multiple-choice notes: questions
        turn = not term_field_named(field_names)
    items: list[RawItem] = []

    reader = csv.reader(text_lines(body), delimiter=separator, strict=False)
    raws: list[RawCard] = []
    media = MediaCount()
    start = 1
    try:
        for row in reader:
            line = header_lines + start
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            special_cells = {
                key: row[col - 1] if col - 1 < len(row) else "" for key, col in special.items()
            }
            skip = {col - 1 for col in special.values()}
            fields = [cell for index, cell in enumerate(row) if index not in skip]
            if bank is not None:
                if item := bank.item(line, [media.strip(f) for f in fields], name, html=html):
                    item.topic = special_cells.get("deck", "").strip()
                    items.append(item)
                continue
            if len(fields) < field_columns_needed:
                raise DeckError(
                    f"expected at least {field_columns_needed} note fields (front and back), "
                    f"found {len(fields)}",
                    file=name,
                    line=line,
                )
            front = fields[term_at] if term_at < len(fields) else ""
            back = fields[definition_at] if definition_at < len(fields) else ""
            term, definition = media.strip(front), media.strip(back)
            if media.emptied(term, definition, [front, back]):
                continue
            deck_name = special_cells.get("deck", "").strip() or None
            # "会う" read "あう": "会う (あう)"; "(adj.) …; e.g. "…"" from its kind and example
            term, definition = joins.joined(
                clean_field(term, html=html), clean_field(definition, html=html), fields,
                lambda field: clean_field(media.strip(field), html=html),
            )  # fmt: skip
            raws.append(
                RawCard(
                    term=term,
                    definition=definition,
                    line=line,
                    topic=deck_name,
                    tags=[t for t in special_cells.get("tags", "").split() if t],
                )
            )
    except csv.Error as error:
        raise DeckError(
            f"not valid Anki text ({error})", file=name, line=header_lines + start
        ) from None

    title = title or headers.get("deck")
    if items:
        return deck_with_items(raws, items, media, name, title, deck_id, sides, turn=turn)
    return anki_deck(raws, media, file=name, title=title, deck_id=deck_id, sides=sides, turn=turn)


def deck_with_items(
    raws: list[RawCard], items: list[RawItem], media: MediaCount, file: str,
    title: str | None, deck_id: str | None, sides: tuple[str, str] | None, *,
    place: str = "line", turn: bool = False,
) -> Deck:  # fmt: skip
    """An export holding multiple-choice notes: their items, beside the cards of its
    other notes; topics the deck names below their common parent, as for cards."""
    prefix = common_parent([t for t in (*(r.topic for r in raws), *(i.topic for i in items)) if t])
    for item in items:
        if prefix and item.topic.startswith(prefix):
            item.topic = item.topic[len(prefix) :]
    title = title or (prefix.rstrip(":") if prefix else None)
    if not raws:
        return items_deck(
            items, file=file, title=title, deck_id=deck_id, reader_notes=media.notes()
        )
    asked = items_deck(items, file=file, title=title, deck_id=deck_id)
    cards = anki_deck(raws, media, file=file, title=title or asked.title,
                      deck_id=deck_id or asked.id, place=place, sides=sides,
                      turn=turn)  # fmt: skip
    known = {topic.id for topic in cards.topics}
    topics = (*cards.topics, *(t for t in asked.topics if t.id not in known))
    return cards.model_copy(update={"items": asked.items, "topics": topics})


def fields_named(names: list[str]) -> tuple[str, str] | None:
    """What the fields a note type is asked by (`field_sides`) call its sides
    (`column_names.side_names`: "Kanji", "Meaning"), or None."""
    term, definition = field_sides(names)
    if max(term, definition) >= len(names):
        return None
    return side_names(names[term], names[definition])


def term_field_named(names: list[str]) -> bool:
    """Does the field a note type is asked by (`field_sides`) say it holds the term
    ("Word", "Term"), not only the side shown first ("Front")? (`decks.turned`)"""
    term = field_sides(names)[0]
    return term < len(names) and says_the_term(names[term])


def field_sides(names: list[str]) -> tuple[int, int]:
    """(term field, definition field) of a note type with these field names, read as CSV
    column names are (`delimited.column_role`): "Word, Reading, Meaning" asks the word and
    its meaning, not its reading. Naming no term field: the first; no definition field:
    the second (the first, when the term is the second)."""
    roles = [column_role(name) for name in names]
    term = roles.index("term") if "term" in roles else 0
    definition = roles.index("definition") if "definition" in roles else None
    if definition is None or definition == term:
        definition = 1 if term == 0 else 0
    return term, definition


def anki_deck(
    raws: list[RawCard],
    media: MediaCount,
    *,
    file: str,
    title: str | None,
    deck_id: str | None,
    place: str = "line",
    sides: tuple[str, str] | None = None,
    turn: bool = False,
) -> Deck:
    """The deck of an Anki export's notes, whose topics are their Anki deck names
    ("AWS::Modeling"): when every card sits under one parent deck, the parent is the deck
    itself (its title, unless one is given), and the topics are the sub-deck names."""
    prefix = common_parent([raw.topic for raw in raws if raw.topic])
    if prefix:
        for raw in raws:
            if raw.topic and raw.topic.startswith(prefix):
                raw.topic = raw.topic[len(prefix) :] or None
    deck_title = title or (prefix.rstrip(":") if prefix else None)
    return build_deck(
        raws,
        file=file,
        title=deck_title,
        deck_id=deck_id,
        reader_notes=media.notes(),
        place=place,
        sides=sides,
        turn=turn,
    )


class MediaCount:
    """The media references removed from a file's fields, and the cards they emptied."""

    def __init__(self) -> None:
        self.sounds = self.images = self.skipped = 0

    def strip(self, field: str) -> str:
        text, sounds, images = strip_media(field)
        self.sounds += sounds
        self.images += images
        return text

    def emptied(self, term: str, definition: str, original: list[str]) -> bool:
        """True (and counted) when a side had only media: the card has nothing to ask."""
        empty = not term.strip() or not definition.strip()
        had_media = term != original[0] or definition != original[1]
        if empty and had_media:
            self.skipped += 1
        return empty and had_media

    def notes(self) -> tuple[str, ...]:
        kinds = [counted(self.sounds, "sound"), counted(self.images, "image")]
        counts = (self.sounds, self.images)
        removed = " and ".join(k for k, n in zip(kinds, counts, strict=True) if n)
        notes = []
        if removed:
            notes.append(f"{removed} removed (media references: exam-sim shows text only)")
        if self.skipped:
            cards = counted(self.skipped, "card")
            notes.append(f"{cards} with nothing but media on one side skipped")
        return tuple(notes)


def _separator(value: str | None, body: str, file: str) -> str:
    if value is None:
        return sniff_delimiter(body, file)
    named = _SEPARATORS.get(value.lower())
    if named:
        return named
    if len(value) == 1 and value not in '\r\n"':
        return value
    raise DeckError(
        f"unknown #separator {value!r} (use tab, comma, semicolon, pipe, space, colon or one "
        "character)",
        file=file,
        line=1,
    )


def _html_flag(value: str | None, file: str) -> bool | None:
    if value is None:
        return None  # strip only fields that look like HTML
    lowered = value.lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise DeckError(f"#html must be true or false, not {value!r}", file=file)


def _column_number(value: str, header: str, file: str, header_lines: int) -> int:
    if not value.isdigit() or int(value) < 1:
        raise DeckError(
            f"{header} must be a column number from 1, not {value!r}",
            file=file,
            line=header_lines or None,
        )
    return int(value)


def common_parent(deck_names: list[str]) -> str:
    """ "AWS::" when every deck name is "AWS::something" (and not all the same), else ""."""
    if not deck_names or len(set(deck_names)) < 2:
        return ""
    parents = {name.split("::", 1)[0] for name in deck_names}
    if len(parents) == 1 and all("::" in name for name in deck_names):
        return parents.pop() + "::"
    return ""
