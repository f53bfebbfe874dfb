"""The spaced-repetition state in the history: one review per answered question of a
finished attempt, and each card's FSRS memory replayed from its reviews.

* ``reviews``: one row per answered question of a finished attempt (key: attempt and
  position), written in the transaction that finishes the attempt. An attempt is finished
  once (the store refuses a second finish), and the key refuses a second row, so a review
  is never counted twice; a killed session keeps its answers, and its reviews are written
  when it is resumed and finished, so none is lost.
* ``card_memory``: each card's state (exam_sim.schedule.memory.Memory), the replay of its
  reviews in time order. Finishing or deleting an attempt replays the cards it touched, so
  the state is always exactly what the remaining answers say (a test compares it with a
  full rebuild).
* ``exam_dates``: the exam date a learner gave a deck.

Every function takes a connection inside a transaction its caller opened (see store.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from fsrs import Rating, State

from exam_sim.history.rows import read_attempt
from exam_sim.schedule.memory import Memory, Review, parse_utc, replay
from exam_sim.schedule.rating import rating_for


def iso(moment: datetime) -> str:
    """The stored form of a time: ISO-8601 UTC to the second, as every other column."""
    return parse_utc(moment.isoformat()).isoformat(timespec="seconds")


def record_reviews(conn: sqlite3.Connection, attempt_id: int) -> None:
    """Turn the answered questions of a just-finished attempt into reviews, and replay the
    memory of the cards they touched. Right or wrong is the model's own judgement
    (`Answer.is_correct`), so every kind of question is rated alike."""
    attempt = read_attempt(conn, attempt_id)
    if attempt is None or attempt.finished_at is None:
        return
    feedback = attempt.mode.gives_feedback
    rows = [
        (
            attempt_id,
            answer.position,
            attempt.deck_id,
            question.card_id,
            attempt.finished_at,
            int(
                rating_for(
                    correct=answer.is_correct(question),
                    seconds=answer.seconds,
                    changes=answer.changes,
                    confidence=answer.confidence,
                    feedback=feedback,
                )
            ),
        )
        for question, answer in zip(attempt.questions, attempt.answers, strict=True)
        if answer.choice is not None
    ]
    inserted = conn.executemany(
        "INSERT OR IGNORE INTO reviews (attempt_id, position, deck_id, card_id, reviewed_at,"
        " rating) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    ).rowcount
    new: dict[str, list[Review]] = {}
    for row in rows:  # in position order, as a replay orders them
        new.setdefault(row[3], []).append(Review(parse_utc(row[4]), Rating(row[5])))
    replayed = set(new)
    if inserted == len(rows):  # else some were there already: replay to be sure
        replayed = {
            card_id
            for card_id, reviews in new.items()
            if not _advance(
                conn, attempt.deck_id, card_id, reviews, attempt_id, attempt.finished_at
            )
        }
    refresh_cards(conn, attempt.deck_id, replayed)


def _advance(
    conn: sqlite3.Connection,
    deck_id: str,
    card_id: str,
    reviews: list[Review],
    attempt_id: int,
    reviewed_at: str,
) -> bool:
    """Add a finished attempt's reviews of a card to its stored memory, without replaying
    the reviews before them (at 100,000 attempts a card has tens of thousands: replaying
    them took seconds a card). Exact, since the memory is a fold over the reviews in
    order: done only when the new reviews are the card's last in that order and the
    stored memory is the fold of every review before them. False when it cannot be."""
    later = conn.execute(
        "SELECT 1 FROM reviews WHERE deck_id = ? AND card_id = ? AND (reviewed_at > ?"
        " OR (reviewed_at = ? AND attempt_id > ?)) LIMIT 1",
        (deck_id, card_id, reviewed_at, reviewed_at, attempt_id),
    ).fetchone()
    if later is not None:
        return False
    row = conn.execute(
        "SELECT card_id, state, step, stability, difficulty, due, last_review, reviews,"
        " lapses, first_review FROM card_memory WHERE deck_id = ? AND card_id = ?",
        (deck_id, card_id),
    ).fetchone()
    stored = None if row is None else _memory_of(row)
    # The stored memory must be the fold of the reviews before these: its last review is
    # the latest of theirs (an index seek; a count would read every review of the card).
    latest = conn.execute(
        "SELECT reviewed_at FROM reviews WHERE deck_id = ? AND card_id = ? AND attempt_id != ?"
        " ORDER BY reviewed_at DESC LIMIT 1",
        (deck_id, card_id, attempt_id),
    ).fetchone()
    if stored is None or stored.last_review is None:
        if latest is not None:
            return False
    elif latest is None or parse_utc(latest["reviewed_at"]) != stored.last_review:
        return False
    memory = replay(card_id, reviews, start=stored)
    assert memory is not None  # there is at least one review
    first_review = row["first_review"] if row is not None else iso(reviews[0].reviewed_at)
    _store(conn, deck_id, memory, first_review)
    return True


def reviewed_cards(conn: sqlite3.Connection, attempt_id: int) -> tuple[str, set[str]]:
    """The deck and the cards an attempt's reviews touched (read before it is deleted)."""
    rows = conn.execute(
        "SELECT deck_id, card_id FROM reviews WHERE attempt_id = ?", (attempt_id,)
    ).fetchall()
    deck = rows[0]["deck_id"] if rows else ""
    return deck, {row["card_id"] for row in rows}


def refresh_cards(conn: sqlite3.Connection, deck_id: str, card_ids: Iterable[str]) -> None:
    """Replay each card's reviews into its stored memory (removed when none is left)."""
    for card_id in sorted(card_ids):
        rows = conn.execute(
            "SELECT reviewed_at, rating FROM reviews WHERE deck_id = ? AND card_id = ?"
            " ORDER BY reviewed_at, attempt_id, position",
            (deck_id, card_id),
        ).fetchall()
        memory = replay(
            card_id, (Review(parse_utc(r["reviewed_at"]), Rating(r["rating"])) for r in rows)
        )
        if memory is None:
            conn.execute(
                "DELETE FROM card_memory WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
            )
            continue
        _store(conn, deck_id, memory, rows[0]["reviewed_at"])


def _store(conn: sqlite3.Connection, deck_id: str, memory: Memory, first_review: str) -> None:
    conn.execute(
        """
        INSERT OR REPLACE INTO card_memory (deck_id, card_id, state, step, stability,
            difficulty, due, last_review, reviews, lapses, first_review)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            deck_id,
            memory.card_id,
            int(memory.state),
            memory.step,
            memory.stability,
            memory.difficulty,
            iso(memory.due),
            None if memory.last_review is None else iso(memory.last_review),
            memory.reviews,
            memory.lapses,
            first_review,
        ),
    )


def rebuild_memory(conn: sqlite3.Connection) -> None:
    """Reviews from every finished attempt and every card's memory, from scratch (the
    migration that adds the tables uses it; tests compare the running state with it)."""
    conn.execute("DELETE FROM reviews")
    conn.execute("DELETE FROM card_memory")
    for row in conn.execute(
        "SELECT id FROM attempts WHERE finished_at IS NOT NULL ORDER BY finished_at, id"
    ).fetchall():
        record_reviews(conn, row["id"])


def memories(conn: sqlite3.Connection, deck_id: str) -> dict[str, Memory]:
    """card_id -> its memory, for every card of the deck that has been reviewed."""
    return {
        row["card_id"]: _memory_of(row)
        for row in conn.execute(
            "SELECT card_id, state, step, stability, difficulty, due, last_review, reviews,"
            " lapses FROM card_memory WHERE deck_id = ?",
            (deck_id,),
        )
    }


def _memory_of(row: sqlite3.Row) -> Memory:
    return Memory(
        card_id=row["card_id"],
        state=State(row["state"]),
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=parse_utc(row["due"]),
        last_review=None if row["last_review"] is None else parse_utc(row["last_review"]),
        reviews=row["reviews"],
        lapses=row["lapses"],
    )


def first_reviews_since(conn: sqlite3.Connection, deck_id: str, since: datetime) -> int:
    """How many of the deck's cards were reviewed for the first time at or after `since`
    (the new cards already introduced today)."""
    row = conn.execute(
        "SELECT count(*) AS n FROM card_memory WHERE deck_id = ? AND first_review >= ?",
        (deck_id, iso(since)),
    ).fetchone()
    return int(row["n"])


def review_log(conn: sqlite3.Connection, deck_id: str) -> list[tuple[str, Review]]:
    """Every review of the deck, oldest first: (card_id, review)."""
    return [
        (row["card_id"], Review(parse_utc(row["reviewed_at"]), Rating(row["rating"])))
        for row in conn.execute(
            "SELECT card_id, reviewed_at, rating FROM reviews WHERE deck_id = ?"
            " ORDER BY reviewed_at, attempt_id, position",
            (deck_id,),
        )
    ]


def exam_date(conn: sqlite3.Connection, deck_id: str) -> str | None:
    row = conn.execute("SELECT exam_date FROM exam_dates WHERE deck_id = ?", (deck_id,)).fetchone()
    return None if row is None else str(row["exam_date"])


def set_exam_date(conn: sqlite3.Connection, deck_id: str, date: str | None) -> None:
    if date is None:
        conn.execute("DELETE FROM exam_dates WHERE deck_id = ?", (deck_id,))
    else:
        conn.execute(
            "INSERT OR REPLACE INTO exam_dates (deck_id, exam_date) VALUES (?, ?)",
            (deck_id, date),
        )
