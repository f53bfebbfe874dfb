"""The lists the History screen and the commands page through, each one indexed read.

* `attempts_page` / `last_attempts_page`: a deck's attempts list, newest first, a page at a
  time by keyset on the (deck_id, started_at) index, so a page costs the same at row 50,000
  as at row 1 (an OFFSET would walk every row before it);
* `attempt_count` and `deck_ids`: from ``deck_attempts``, which triggers keep, not a count
  of every attempt;
* `full_mocks`: a deck's finished mocks of one length (graded ones only, for a deck with a
  blueprint), for the score trend, from the ``attempts_graded`` index.

Every function takes a connection inside a read transaction its caller opened (store.py).
"""

from __future__ import annotations

import sqlite3

from exam_sim.history.records import AttemptSummary
from exam_sim.history.rows import SUMMARY_COLUMNS, SUMMARY_FIELDS, fetch_as, summary_row


def attempts_page(
    conn: sqlite3.Connection,
    deck_id: str,
    *,
    after: AttemptSummary | None,
    before: AttemptSummary | None,
    limit: int,
) -> list[AttemptSummary]:
    """A page of the deck's attempts, newest first: the first page, the page that follows
    `after`, or the page that precedes `before`."""
    sql = f"SELECT {SUMMARY_COLUMNS} FROM attempts WHERE deck_id = ?"
    params: list[object] = [deck_id]
    order = "DESC"
    if after is not None:
        sql += " AND (started_at, id) < (?, ?)"
        params += [after.started_at, after.id]
    elif before is not None:
        sql += " AND (started_at, id) > (?, ?)"
        params += [before.started_at, before.id]
        order = "ASC"
    sql += f" ORDER BY started_at {order}, id {order} LIMIT ?"
    params.append(max(0, limit))
    page = list(fetch_as(conn, summary_row, SUMMARY_FIELDS, sql, params))
    return page if order == "DESC" else page[::-1]


def last_attempts_page(conn: sqlite3.Connection, deck_id: str, limit: int) -> list[AttemptSummary]:
    """The oldest `limit` attempts of the deck, newest first: the end of the list."""
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM attempts WHERE deck_id = ? "
        "ORDER BY started_at ASC, id ASC LIMIT ?"
    )
    return list(fetch_as(conn, summary_row, SUMMARY_FIELDS, sql, (deck_id, limit)))[::-1]


def attempt_count(conn: sqlite3.Connection, deck_id: str | None) -> int:
    """How many attempts there are (of one deck)."""
    sql = "SELECT coalesce(sum(attempts), 0) FROM deck_attempts"
    if deck_id is None:
        return int(conn.execute(sql).fetchone()[0])
    return int(conn.execute(sql + " WHERE deck_id = ?", (deck_id,)).fetchone()[0])


def deck_ids(conn: sqlite3.Connection) -> list[str]:
    """The decks that have attempts, in id order."""
    return [row[0] for row in conn.execute("SELECT deck_id FROM deck_attempts ORDER BY deck_id")]


def full_mocks(
    conn: sqlite3.Connection, deck_id: str, question_count: int, limit: int, *, graded: bool
) -> list[AttemptSummary]:
    """The deck's last `limit` finished mocks of exactly `question_count` questions (a full
    mock, for the score trend), oldest first; with `graded`, only those with a scaled
    score (a deck without a blueprint scores its mocks as percentages)."""
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM attempts WHERE deck_id = ? AND mode = 'mock' "
        f"AND question_count = ? {'AND scaled IS NOT NULL ' if graded else ''}"
        "AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?"
    )
    params = (deck_id, question_count, limit)
    return list(fetch_as(conn, summary_row, SUMMARY_FIELDS, sql, params))[::-1]
