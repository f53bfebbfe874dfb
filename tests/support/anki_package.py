"""Anki packages (.apkg) built for tests, in the two collection schemas Anki writes: 11
(`collection.anki2` / `.anki21`, plain SQLite, decks as JSON in `col`) and 18
(`collection.anki21b`, zstd-compressed, a `decks` table whose names Anki sorts with its
`unicase` collation), with the columns Anki's own tables have."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import zstandard

# (deck name, fields, tags): names as Anki shows them ("AWS::Modeling").
Note = tuple[str, list[str], str]

_NOTES = (
    "CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,"
    " mod integer not null, usn integer not null, tags text not null, flds text not null,"
    " sfld integer not null, csum integer not null, flags integer not null,"
    " data text not null)"
)
_CARDS = (
    "CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,"
    " ord integer not null, mod integer not null, usn integer not null, type integer not null,"
    " queue integer not null, due integer not null, ivl integer not null,"
    " factor integer not null, reps integer not null, lapses integer not null,"
    " left integer not null, odue integer not null, odid integer not null,"
    " flags integer not null, data text not null)"
)


def _unicase(a: str, b: str) -> int:
    return (a.casefold() > b.casefold()) - (a.casefold() < b.casefold())


def _collection(
    path: Path, notes: list[Note], schema: int, *, wal: bool, fields: list[str]
) -> bytes:
    conn = sqlite3.connect(path)
    conn.create_collation("unicase", _unicase)
    if wal:
        conn.execute("PRAGMA journal_mode = wal")
    conn.execute(_NOTES)
    conn.execute(_CARDS)
    names = sorted({deck for deck, _, _ in notes})
    deck_ids = {name: 1_000 + n for n, name in enumerate(names)}
    deck_ids["Default"] = 1
    if schema == 18:
        conn.execute(
            "CREATE TABLE decks (id integer primary key not null,"
            " name text not null collate unicase, mtime_secs integer not null,"
            " usn integer not null, common blob not null, kind blob not null)"
        )
        conn.execute("CREATE UNIQUE INDEX idx_decks_name ON decks (name)")
        conn.executemany(
            "INSERT INTO decks VALUES (?, ?, 0, 0, x'', x'')",
            [(i, name.replace("::", "\x1f")) for name, i in deck_ids.items()],
        )
        conn.execute(
            "CREATE TABLE fields (ntid integer not null, ord integer not null,"
            " name text not null, config blob not null, primary key (ntid, ord))"
        )
        conn.executemany(  # stored out of order: the reader orders them
            "INSERT INTO fields VALUES (1, ?, ?, x'')", reversed(list(enumerate(fields)))
        )
        conn.execute(
            "CREATE TABLE col (id integer primary key, decks text not null, models text not null)"
        )
        conn.execute("INSERT INTO col VALUES (1, '', '')")
    else:
        decks = {str(i): {"id": i, "name": name} for name, i in deck_ids.items()}
        flds = [{"name": name, "ord": n} for n, name in reversed(list(enumerate(fields)))]
        models = {"1": {"id": 1, "name": "Basic", "flds": flds}}
        conn.execute(
            "CREATE TABLE col (id integer primary key, decks text not null, models text not null)"
        )
        conn.execute("INSERT INTO col VALUES (1, ?, ?)", (json.dumps(decks), json.dumps(models)))
    for n, (deck, fields, tags) in enumerate(notes, start=1):
        note_id = 1_600_000_000_000 + n
        conn.execute(
            "INSERT INTO notes VALUES (?, ?, 1, 0, 0, ?, ?, ?, 0, 0, '')",
            (note_id, f"g{n}", f" {tags} " if tags else "", "\x1f".join(fields), fields[0]),
        )
        conn.execute(
            "INSERT INTO cards VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')",
            (note_id + 7, note_id, deck_ids[deck]),
        )
    conn.commit()
    if wal:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.read_bytes()


def write_package(
    path: Path,
    notes: list[Note],
    *,
    schema: int = 18,
    wal: bool = False,
    fields: tuple[str, ...] = ("Front", "Back"),
) -> Path:
    """An .apkg at `path`, its notes of one note type with these `fields`: schema 18 packs
    `collection.anki21b` beside the stub `collection.anki2` newer Anki writes; schema
    11, `collection.anki2` alone."""
    work = path.with_suffix(".work")
    work.mkdir()
    data = _collection(work / "collection", notes, schema, wal=wal, fields=list(fields))
    with zipfile.ZipFile(path, "w") as archive:
        if schema == 18:
            stub = [("Default", ["Please update to the latest Anki version.", ""], "")]
            archive.writestr(
                "collection.anki2",
                _collection(work / "stub", stub, 11, wal=False, fields=["Front", "Back"]),
            )
            archive.writestr(  # as Anki streams it: a frame that does not state its size
                "collection.anki21b",
                zstandard.ZstdCompressor(write_content_size=False).compress(data),
            )
        else:
            archive.writestr("collection.anki2", data)
        archive.writestr("media", "{}")
    return path
