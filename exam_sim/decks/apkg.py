"""Anki packages: a deck as AnkiWeb shares it and Anki exports it (`.apkg`; `.colpkg` for
a whole collection).

A package is a zip holding the collection, an SQLite database: `collection.anki21b`
(zstd-compressed, schema 18: Anki 2.1.50 and later), `collection.anki21` or
`collection.anki2` (schema 11, older Anki, and "support older Anki versions" exports).
Newer Anki puts a stub `collection.anki2` beside the real `anki21b` (one note asking to
update Anki), so the newest collection inside is read.

Each note becomes a card as in Anki's text export (`decks.anki`): its first field is the
term, its second the definition (further fields are ignored), unless its note type names
them (fields named as CSV columns are: "Word", "Reading", "Meaning" asks the word and its
meaning, `_sides`), HTML reduced to text,
media references removed and counted, the deck of its first card the topic (the common
parent deck the title), its tags the tags; a cloze note makes one card per cloze number
(`decks.cloze`). A note of a multiple-choice note type (fields "Question", "Q_1"…,
"Answers" with "0 1 0 0", as Anki's multiple-choice add-on makes them: `bank_columns`)
is a question asked as written, beside the cards of the other notes. A package has no
lines: a problem is named by the note's number, in the order Anki made the notes. Media
files are not read.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from typing import Any

from exam_sim.decks.anki import (
    MediaCount,
    anki_deck,
    deck_with_items,
    field_sides,
    fields_named,
    term_field_named,
)
from exam_sim.decks.bank_columns import BankColumns, bank_columns
from exam_sim.decks.banks import RawItem
from exam_sim.decks.column_names import NoteFields
from exam_sim.decks.common import RawCard, clean_field, display_name
from exam_sim.decks.packed import zip_bytes
from exam_sim.models import Deck, DeckError

# The collections a package may hold, newest first.
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
ZIP_MAGIC = b"PK\x03\x04"
# A collection larger than this is refused rather than unpacked into memory (a zip or a
# zstd frame can claim any size): AnkiWeb's largest shared decks hold well under 100 MB
# of text once their media files are left aside.
MAX_COLLECTION_BYTES = 1 << 30
_FIELD_SEPARATOR = "\x1f"


def is_package(data: bytes) -> bool:
    """Does `data` start like a zip archive (an Anki package, or another zip)?"""
    return data.startswith(ZIP_MAGIC)


def parse_apkg(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    name = display_name(file)
    data = zip_bytes(data, "an Anki package", name)
    conn = _collection(data, name)
    try:
        raws, items, media, sides, turn = _notes(conn, name)
    except sqlite3.Error as error:
        raise DeckError(f"not a readable Anki collection ({error})", file=name) from None
    finally:
        conn.close()
    if not raws and not items:
        raise DeckError("no notes found in the Anki package", file=name)
    if not items:
        return anki_deck(
            raws, media, file=name, title=title, deck_id=deck_id, place="note", sides=sides,
            turn=turn,
        )  # fmt: skip
    return deck_with_items(raws, items, media, name, title, deck_id, sides, place="note", turn=turn)


def _collection(data: bytes, name: str) -> sqlite3.Connection:
    """The package's newest collection, opened in memory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:  # its words ("File is not a zip file") say less than these
        raise DeckError(
            "starts like a zip file (an Anki package) but is damaged or cut short", file=name
        ) from None
    with archive:
        inside = set(archive.namelist())
        member = next((c for c in COLLECTIONS if c in inside), None)
        if member is None:
            raise DeckError(
                "a zip file but not an Anki package (no collection.anki21b, .anki21 or "
                ".anki2 inside); a spreadsheet is read as .xlsx or CSV",
                file=name,
            )
        if archive.getinfo(member).file_size > MAX_COLLECTION_BYTES:
            raise DeckError(_too_large(member), file=name)
        try:
            packed = archive.read(member)
        except (zipfile.BadZipFile, OSError, RuntimeError) as error:
            raise DeckError(f"{member} cannot be unpacked ({error})", file=name) from None
    database = _unzstd(packed, member, name) if member.endswith("b") else packed
    if database[18:20] == b"\x02\x02":
        # Saved in WAL mode, which a database in memory cannot use: read it as a
        # rollback-journal file (the header's two version bytes; the pages are the same).
        database = database[:18] + b"\x01\x01" + database[20:]
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(database)
        # Schema 18 sorts deck and note type names with Anki's own collation; a read
        # that touches their indexes needs it to exist.
        conn.create_collation("unicase", _unicase)
        conn.execute("SELECT count(*) FROM notes").fetchone()
    except sqlite3.Error as error:
        conn.close()
        raise DeckError(
            f"{member} is not a readable Anki collection ({error})", file=name
        ) from None
    return conn


def _unzstd(packed: bytes, member: str, name: str) -> bytes:
    import zstandard  # only for Anki 2.1.50+ packages

    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(packed))
    try:
        database = reader.read(MAX_COLLECTION_BYTES + 1)
    except zstandard.ZstdError as error:
        raise DeckError(f"{member} cannot be unpacked ({error})", file=name) from None
    if len(database) > MAX_COLLECTION_BYTES:
        raise DeckError(_too_large(member), file=name)
    return database


def _too_large(member: str) -> str:
    return f"{member} is larger than {MAX_COLLECTION_BYTES >> 20} MB unpacked; not read"


def _unicase(a: str, b: str) -> int:
    x, y = a.casefold(), b.casefold()
    return (x > y) - (x < y)


def _notes(
    conn: sqlite3.Connection, file: str
) -> tuple[list[RawCard], list[RawItem], MediaCount, tuple[str, str] | None, bool]:
    """The package's notes as raw cards, and as items those of a multiple-choice note
    type (fields named as a spreadsheet of questions names its columns: "Question",
    "Q_1"…, "Answers": `bank_columns`), the media removed from them, the deck's side
    names: those of the fields its notes are asked by, when every note type used names
    them alike ("Kanji", "Meaning": `column_names.side_names`), and whether no note type
    used names its term field so (`anki.term_field_named`: "Front" does not)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    # Schema 18 keeps decks and fields in tables; schema 11, as JSON in `col`.
    decks = _deck_names(conn, "decks" in tables)
    sides, names, joins, banks, term_named = _sides(conn, "fields" in tables)
    items: list[RawItem] = []
    used: set[int] = set()
    # The deck of a note is its first card's (the home deck of a card moved to a
    # filtered deck for a while).
    rows = conn.execute(
        "SELECT n.mid, n.flds, n.tags, (SELECT CASE WHEN c.odid != 0 THEN c.odid ELSE c.did"
        " END FROM cards c WHERE c.nid = n.id ORDER BY c.ord LIMIT 1)"
        " FROM notes n ORDER BY n.id"
    )
    raws: list[RawCard] = []
    media = MediaCount()
    for number, (note_type, fields_text, tags, deck) in enumerate(rows, start=1):
        fields = _text(fields_text).split(_FIELD_SEPARATOR)
        if (bank := banks.get(note_type)) is not None:
            try:
                item = bank.item(number, [media.strip(f) for f in fields], file, html=True)
            except DeckError as error:
                raise DeckError(error.problem, file=file, line=number, place="note") from None
            if item is not None:
                item.topic = decks.get(deck, "") if deck is not None else ""
                items.append(item)
            continue
        term_at, definition_at = sides.get(note_type, (0, 1))
        first = fields[term_at] if term_at < len(fields) else ""
        second = fields[definition_at] if definition_at < len(fields) else ""
        term, definition = media.strip(first), media.strip(second)
        if media.emptied(term, definition, [first, second]):
            continue
        term, definition = joins.get(note_type, _NO_JOINS).joined(
            clean_field(term, html=True), clean_field(definition, html=True), fields,
            lambda field: clean_field(media.strip(field), html=True),
        )  # fmt: skip
        used.add(note_type)
        raws.append(
            RawCard(
                term=term,
                definition=definition,
                line=number,
                topic=decks.get(deck) if deck is not None else None,
                tags=_text(tags).split(),
            )
        )
    named = {names.get(note_type) for note_type in used}
    turn = not any(term_named.get(note_type) for note_type in used)
    return raws, items, media, named.pop() if len(named) == 1 else None, turn


_NO_JOINS = NoteFields()  # a note type without named fields


def _text(value: object) -> str:
    """A column's text: SQLite gives whatever a row holds (a blob, a number, NULL)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


def _deck_names(conn: sqlite3.Connection, modern: bool) -> dict[int, str]:
    """Deck id → name ("AWS::Modeling"); the default deck has no name worth a topic."""
    if modern:
        names = {
            deck: _text(name).replace(_FIELD_SEPARATOR, "::")
            for deck, name in conn.execute("SELECT id, name FROM decks")
        }
    else:
        names = {deck: str(entry.get("name", "")) for deck, entry in _col_json(conn, "decks")}
    return {deck: name for deck, name in names.items() if name and name != "Default"}


def _sides(conn: sqlite3.Connection, modern: bool) -> tuple[
    dict[int, tuple[int, int]], dict[int, tuple[str, str] | None], dict[int, NoteFields],
    dict[int, BankColumns], dict[int, bool],
]:  # fmt: skip
    """Note type id → (term field, definition field), by the fields' names
    (`anki.field_sides`); note type id → what those fields call the sides; note type
    id → the fields joined to its term and definition (a reading, a part of speech, an
    example: `column_names.NoteFields`);
    note type id → where a multiple-choice note keeps its parts (`bank_columns`); and
    note type id → whether its term field's name says it holds the term."""
    fields: dict[int, list[str]] = {}
    if modern:
        for note_type, name in conn.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
            fields.setdefault(note_type, []).append(_text(name))
    else:
        for note_type, model in _col_json(conn, "models"):
            ordered = sorted(
                (f for f in model.get("flds", []) if isinstance(f, dict)),
                key=lambda f: f.get("ord", 0),
            )
            fields[note_type] = [str(f.get("name", "")) for f in ordered]
    sides = {note_type: field_sides(names) for note_type, names in fields.items()}
    named = {note_type: fields_named(names) for note_type, names in fields.items()}
    joins = {note_type: NoteFields.of(names) for note_type, names in fields.items()}
    banks = {
        note_type: bank for note_type, names in fields.items() if (bank := bank_columns(names))
    }
    term_named = {note_type: term_field_named(names) for note_type, names in fields.items()}
    return sides, named, joins, banks, term_named


def _col_json(conn: sqlite3.Connection, column: str) -> list[tuple[int, dict[str, Any]]]:
    """Schema 11's JSON objects in `col` (`decks`, `models`), keyed by their ids."""
    try:
        row = conn.execute(f"SELECT {column} FROM col").fetchone()
        stored = json.loads(row[0]) if row and row[0] else {}
    except (sqlite3.OperationalError, json.JSONDecodeError):
        return []  # not there, or not readable: the names are only a guide
    if not isinstance(stored, dict):
        return []
    return [
        (int(key), value)
        for key, value in stored.items()
        if isinstance(value, dict) and key.lstrip("-").isdigit()
    ]
