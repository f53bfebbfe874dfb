"""One session per attempt: the lease an open attempt's session holds in the history.

Two sessions writing one attempt (two terminals running `resume N`, or the TUI and
`--plain`) each kept their own copy of the answers and wrote it back, so one overwrote an
answer the other had acknowledged. Now an attempt in progress is open in one session at a
time: the session holds a row of ``attempt_leases`` (its token, process id, host, front
end, since when, and a heartbeat that every write refreshes).

* `claim` (resume) and `create` (a new attempt) take the lease. Another session's lease is
  respected unless it is stale (its process is gone: on this host, no such process id; on
  another host, no write for `STALE_AFTER_SECONDS`), or the learner asks to take over
  (`exam-sim resume N --take-over`), which is refused otherwise in one sentence that says
  where the attempt is open.
* `hold` runs inside every write of an attempt in progress, in the same transaction: a
  session whose lease was taken over gets `AttemptTakenOver` and writes nothing, so the
  answer it was about to acknowledge is refused instead of silently lost, and the new
  holder, which read the attempt after taking the lease, has every answer acknowledged
  before.
* The lease goes when the attempt finishes, and when the session is left (`release`).

The token is per `History` object; the same process counts as the same session, so a
process that reopens the file (the TUI's resume, the tests) is never refused by itself.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from exam_sim.history.records import HistoryError

# Another host's session that has written nothing for this long is taken to be gone.
STALE_AFTER_SECONDS = 15 * 60

HOST = socket.gethostname()


class AttemptInUse(HistoryError):
    """The attempt is open in another live session."""


class AttemptTakenOver(HistoryError):
    """This session's lease was taken by another session: it must stop writing."""


@dataclass(frozen=True)
class Holder:
    """Who holds (or asks for) a lease."""

    token: str
    pid: int
    host: str
    front_end: str

    @classmethod
    def this_process(cls, front_end: str) -> Holder:
        return cls(token=uuid.uuid4().hex, pid=os.getpid(), host=HOST, front_end=front_end)


def create_table(conn: sqlite3.Connection) -> None:
    """The table (schema version 3)."""
    conn.execute(
        """
        CREATE TABLE attempt_leases (
            attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
            token TEXT NOT NULL,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            front_end TEXT NOT NULL,
            since TEXT NOT NULL,
            heartbeat REAL NOT NULL
        )"""
    )


def _row(conn: sqlite3.Connection, attempt_id: int) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT token, pid, host, front_end, since, heartbeat FROM attempt_leases "
        "WHERE attempt_id = ?",
        (attempt_id,),
    ).fetchone()
    return row


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's live process
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Has the process ended, though its parent has not reaped it yet? Killed (kill -9) by
    a parent that waits later, it still answers `os.kill(pid, 0)`, and its attempt would
    seem open elsewhere. Read from /proc where there is one (Linux)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as stat:
            fields = stat.read().rpartition(")")[2].split()  # the name may hold spaces
    except OSError:
        return False
    return bool(fields) and fields[0] in ("Z", "X")


def _stale(row: sqlite3.Row) -> bool:
    if row["host"] == HOST:
        return not _alive(int(row["pid"]))
    return time.time() - float(row["heartbeat"]) > STALE_AFTER_SECONDS


def _same_process(row: sqlite3.Row, holder: Holder) -> bool:
    return bool(row["token"] == holder.token or (row["host"] == HOST and row["pid"] == holder.pid))


def where_open(row: sqlite3.Row) -> str:
    """'exam-sim --plain, process 123 on host, since 2026-12-02 14:02 UTC'."""
    since = datetime.fromisoformat(row["since"]).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"{row['front_end']}, process {row['pid']} on {row['host']}, since {since}"


def _write(conn: sqlite3.Connection, attempt_id: int, holder: Holder) -> None:
    conn.execute(
        """
        INSERT INTO attempt_leases (attempt_id, token, pid, host, front_end, since, heartbeat)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (attempt_id) DO UPDATE SET token = excluded.token, pid = excluded.pid,
            host = excluded.host, front_end = excluded.front_end, since = excluded.since,
            heartbeat = excluded.heartbeat""",
        (
            attempt_id,
            holder.token,
            holder.pid,
            holder.host,
            holder.front_end,
            datetime.now(UTC).isoformat(timespec="seconds"),
            time.time(),
        ),
    )


def claim(conn: sqlite3.Connection, attempt_id: int, holder: Holder, *, take_over: bool) -> None:
    """Take the lease of an attempt in progress (inside a write transaction)."""
    row = _row(conn, attempt_id)
    if row is not None and not (_same_process(row, holder) or _stale(row) or take_over):
        raise AttemptInUse(
            f"attempt {attempt_id} is open in another session ({where_open(row)}); "
            "finish or quit it there, or continue it here with: "
            f"exam-sim resume {attempt_id} --take-over (the other session then stops "
            "saving, and keeps every answer it acknowledged)."
        )
    _write(conn, attempt_id, holder)


def hold(conn: sqlite3.Connection, attempt_id: int, holder: Holder, *, claimed: bool) -> None:
    """Inside a write of an attempt in progress: refuse it unless this session holds the
    lease (or can take a free or stale one, when it never held it); refresh the heartbeat."""
    row = _row(conn, attempt_id)
    if row is not None and row["token"] == holder.token:
        conn.execute(
            "UPDATE attempt_leases SET heartbeat = ? WHERE attempt_id = ?",
            (time.time(), attempt_id),
        )
        return
    if claimed and row is not None and not _same_process(row, holder):
        raise AttemptTakenOver(
            f"attempt {attempt_id} was taken over by another session ({where_open(row)}); "
            "this one stopped, and every answer it acknowledged is "
            "saved: carry on there."
        )
    if claimed and row is None:
        # Released by a take-over that has finished or left since: still not ours.
        raise AttemptTakenOver(
            f"attempt {attempt_id} was taken over by another exam-sim session; this one "
            f"stopped, and every answer it acknowledged is saved (resume it with: "
            f"exam-sim resume {attempt_id})."
        )
    claim(conn, attempt_id, holder, take_over=False)


def release(conn: sqlite3.Connection, attempt_id: int, holder: Holder) -> None:
    conn.execute(
        "DELETE FROM attempt_leases WHERE attempt_id = ? AND token = ?",
        (attempt_id, holder.token),
    )
