"""File guards: is this file an exam-sim history we may write to? If not, say so in one sentence.

Nothing may write to a file (not even the switch to WAL) before it is known to be ours. A
file that is not (random bytes, a truncated database, another program's SQLite file, a
newer schema, a directory, an unreadable file) is refused with a `HistoryError` naming the
file, and its bytes and folder stay exactly as they were (the tests hash them). The checks
go from the safest up: the raw header bytes, then a read-only connection, and only then the
real one, set up for WAL and durable commits.

SQLite errors are told apart by their error code (`is_busy`), never by their message text.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
import time
from collections.abc import Callable
from pathlib import Path

from exam_sim.history.records import HistoryError
from exam_sim.history.schema import APPLICATION_ID, SCHEMA_VERSION, upgrade

BUSY_TIMEOUT_MS = 10_000

_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds a lock we need (SQLITE_BUSY or SQLITE_LOCKED, extended
    codes included: their low byte is the primary code)."""
    # Errors raised by the sqlite3 module itself (a closed connection) carry no code.
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _BUSY_CODES


# Below this much free space, an I/O error is taken to be the full disk it most likely is.
_NEARLY_FULL_BYTES = 1 << 20


def is_full(error: sqlite3.Error, path: Path | None = None) -> bool:
    """The disk is full: SQLITE_FULL (SQLite's name for ENOSPC, and for a file at its page
    limit), or an I/O error (SQLite reports a failed -shm mapping so) while the disk
    holding `path` has next to no free space."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return False
    if code & 0xFF == sqlite3.SQLITE_FULL:
        return True
    if path is None or code & 0xFF not in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
        return False
    try:
        return shutil.disk_usage(path.parent).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def full_at_open(path: Path) -> HistoryError:
    """The sentence for a history that cannot be opened because its disk is full."""
    return HistoryError(
        f"{path} cannot be opened because the disk holding it is full; the history was "
        "left untouched and nothing in it is lost: free some space and try again."
    )


def _damage(error: sqlite3.Error) -> bool:
    """The file's content is wrong (not a database, or damaged), not the disk around it."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def check_header(path: Path, size: int) -> None:
    """Refuse, from the raw bytes alone, a file SQLite must never be allowed to write to."""
    shown = str(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise HistoryError(f"{shown} cannot be read ({error.strerror}).") from error
    if not header.startswith(_SQLITE_MAGIC):
        raise HistoryError(
            f"{shown} is not an exam-sim history database (file is not a database); "
            "it was left untouched."
        )
    if len(header) < 100:
        raise HistoryError(
            f"{shown} is a truncated database ({size} bytes, shorter than its own header); "
            "it was left untouched."
        )
    # Offsets from the SQLite file format's database header.
    (raw_page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise HistoryError(
            f"{shown} is not an exam-sim history database (damaged header); it was left untouched."
        )
    change_counter, page_count = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    # SQLite writes whole pages, so a partial page means the file was cut.
    truncated = size % page_size != 0
    # The page count in the header is trustworthy when valid_for matches the change counter.
    # With a -wal file present a checkpoint may be extending the file right now, so the
    # read-only probe decides instead.
    wal_present = path.with_name(path.name + "-wal").exists()
    if page_count and valid_for == change_counter and not wal_present:
        truncated = truncated or page_count * page_size > size
    if truncated:
        raise HistoryError(
            f"{shown} is a truncated or damaged database ({size} bytes); it was left untouched."
        )


def probe(path: Path) -> None:
    """Read-only look inside: is this an exam-sim history we can open? Never writes."""
    shown = str(path)
    # Without a -wal file nobody is writing: read the file as immutable, which creates no
    # -wal/-shm files next to a file that may not even be ours. With one, a live exam-sim
    # may be mid-checkpoint, so read it properly (through locks and that -wal file).
    live = path.with_name(path.name + "-wal").exists()
    uri = path.resolve().as_uri() + ("?mode=ro" if live else "?mode=ro&immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise HistoryError(f"{shown} cannot be opened ({error}); it was left untouched.") from error
    conn.row_factory = sqlite3.Row
    try:
        check_identity(conn, path)
        if "attempts" in tables(conn):
            # Touches the attempts table's pages: a damaged file fails here, before any write.
            conn.execute("SELECT count(*) FROM attempts").fetchone()
    except sqlite3.DatabaseError as error:
        if is_full(error, path):
            raise full_at_open(path) from error
        if _damage(error) or getattr(error, "sqlite_errorcode", None) is None:
            raise HistoryError(
                f"{shown} is not an exam-sim history database ({error}); it was left untouched."
            ) from error
        raise HistoryError(f"{shown} cannot be read ({error}); it was left untouched.") from error
    finally:
        conn.close()


def tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row["name"] for row in rows if not row["name"].startswith("sqlite_")}


def check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version, after making sure it is ours (or empty) and not too new."""
    version: int = conn.execute("PRAGMA user_version").fetchone()["user_version"]
    app_id: int = conn.execute("PRAGMA application_id").fetchone()["application_id"]
    if app_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"{path} was made by a newer exam-sim (history schema {version}, this one "
                f"understands up to {SCHEMA_VERSION}); upgrade exam-sim. "
                "The file was left untouched."
            )
        return version
    if app_id == 0 and version == 0 and not tables(conn):
        return 0  # an empty SQLite file: ours to set up
    raise HistoryError(
        f"{path} is an SQLite database of another program, not an exam-sim history; "
        "it was left untouched."
    )


def use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL unless it already is. The switch needs a moment of exclusive
    access and SQLite does not wait for that through busy_timeout, so when two processes
    open a new history at once the loser retries until the winner has switched it."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        if conn.execute("PRAGMA journal_mode").fetchone()["journal_mode"].lower() == "wal":
            return
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _kind_of(path: Path) -> str:
    if path.is_char_device():
        return "a character device"
    if path.is_block_device():
        return "a block device"
    if path.is_fifo():
        return "a named pipe"
    if path.is_socket():
        return "a socket"
    return "not a file"


def open_connection(path: Path) -> sqlite3.Connection:
    """A connection to `path`, refused in one sentence unless the file is missing, empty or
    an exam-sim history this version understands; set up for WAL and durable commits.
    The schema is not touched yet: the store migrates it under the write lock."""
    if path.is_dir():
        raise HistoryError(f"{path} is a directory, not an exam-sim history database.")
    if path.exists() and not path.is_file():
        # /dev/null, a pipe, a device (also through a symlink): SQLite cannot keep a
        # history there, and used to fail with "cannot rollback".
        raise HistoryError(
            f"{path} is not a regular file (it is {_kind_of(path)}); "
            "give the history a file of its own with --db."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise HistoryError(f"cannot create the folder for {path} ({error.strerror}).") from error
    try:
        size = path.stat().st_size if path.exists() else 0
    except OSError as error:
        raise HistoryError(f"{path} cannot be read ({error.strerror}).") from error
    if size > 0:
        check_header(path, size)
        probe(path)
    try:
        conn = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # the store issues BEGIN IMMEDIATE / COMMIT itself
            check_same_thread=False,  # the TUI opens it in a worker; a lock serialises use
        )
    except sqlite3.Error as error:
        raise HistoryError(f"{path} cannot be opened ({error}).") from error
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        use_wal(conn)
        # FULL: a committed answer survives a power cut too, not only a killed process.
        conn.execute("PRAGMA synchronous = FULL")
        # 16 MB of page cache (default 2 MB) keeps a big history's hot pages in memory.
        conn.execute("PRAGMA cache_size = -16384")
    except sqlite3.Error as error:
        conn.close()
        if is_full(error, path):
            raise full_at_open(path) from error
        raise HistoryError(f"{path} cannot be used as a history database ({error}).") from error
    return conn


def quick_check(path: Path) -> str:
    """ "" when `PRAGMA quick_check` passes on `path`, else the sentence refusing to write a
    session into it. Checks every page and index entry (not index contents against their
    rows, which `integrity_check` adds for about 25 % more time), read-only."""
    try:
        conn = sqlite3.connect(
            path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as error:
        problems = [str(error)]
    else:
        try:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
        except sqlite3.DatabaseError as error:
            problems = [str(error)]
        finally:
            conn.close()
    if problems == ["ok"]:
        return ""
    return (
        f"{path} is damaged ({problems[0]}), so no session was started or saved in it; "
        "its attempts can still be listed and exported (exam-sim history --json); move the "
        "file away to start a new history."
    )


def migrate(
    conn: sqlite3.Connection, path: Path, announce: Callable[[str], None] | None = None
) -> None:
    """Bring the file to the current schema in one write transaction (rolled back, file
    unchanged, if a step fails). The identity is checked again under the write lock:
    another process may have created or upgraded the file since the read-only probe. A
    migration may rebuild a table, which SQLite allows only with foreign keys off (a DROP
    TABLE would cascade); `schema.upgrade` checks them before the commit instead."""
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            upgrade(conn, path, check_identity(conn, path), announce)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
