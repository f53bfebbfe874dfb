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
    conn.executemany(
        "INSERT OR IGNORE INTO reviews (attempt_id, position, deck_id, card_id, reviewed_at,"
        " rating) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    refresh_cards(conn, attempt.deck_id, {row[3] for row in rows})


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
        conn.execute(
            """
            INSERT OR REPLACE INTO card_memory (deck_id, card_id, state, step, stability,
                difficulty, due, last_review, reviews, lapses, first_review)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                deck_id,
                card_id,
                int(memory.state),
                memory.step,
                memory.stability,
                memory.difficulty,
                iso(memory.due),
                None if memory.last_review is None else iso(memory.last_review),
                memory.reviews,
                memory.lapses,
                rows[0]["reviewed_at"],
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
        row["card_id"]: Memory(
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
        for row in conn.execute(
            "SELECT card_id, state, step, stability, difficulty, due, last_review, reviews,"
            " lapses FROM card_memory WHERE deck_id = ?",
            (deck_id,),
        )
    }


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
