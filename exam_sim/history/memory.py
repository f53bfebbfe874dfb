"""The spaced-repetition state in the history: one review per answered question of a
finished attempt, and each card's FSRS memory replayed from its reviews.

* ``reviews``: one row per answered question of a finished attempt (key: attempt and
  position), written in the transaction that finishes the attempt. An attempt is finished
  once (the store refuses a second finish), and the key refuses a second row, so a review
  is never counted twice; a killed session keeps its answers, and its reviews are written
  when it is resumed and finished, so none is lost.
* ``card_memory``: each card's state (exam_sim.schedule.memory.Memory), the replay of its
  reviews in time order (reviewed_at, then attempt, then position), so the state is always
  exactly what the remaining answers say (a test compares it with a full rebuild).
* (version 8) each review row also holds the card's state just after it (``state`` ..
  ``lapses``). Finishing an attempt folds only its new reviews into the stored state;
  deleting one restores each card it touched to its last review before the deleted ones
  and replays only the reviews after them (none when the attempt was the card's latest;
  all the later ones when it was old), instead of every review of the card.
* ``exam_dates``: the exam date a learner gave a deck.

Every function takes a connection inside a transaction its caller opened (see store.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from fsrs import Rating, State

from exam_sim.history.rows import read_attempt
from exam_sim.schedule.memory import Memory, Review, parse_utc, replay_steps
from exam_sim.schedule.rating import rating_for

# The state after a review, stored with it (version 8); times as whole seconds since the
# epoch, the precision card_memory keeps them at (its ISO text is to the second).
STATE_COLUMNS = "state, step, stability, difficulty, due_epoch, last_review_epoch, reviews, lapses"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)
# The order every replay follows (an index of reviews serves it).
_ORDER = "reviewed_at, attempt_id, position"


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
    new: dict[str, list[tuple[int, Review]]] = {}
    for row in rows:  # in position order, as a replay orders them
        new.setdefault(row[3], []).append((row[1], Review(parse_utc(row[4]), Rating(row[5]))))
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
    reviews: list[tuple[int, Review]],
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
    steps = list(replay_steps(card_id, (review for _, review in reviews), start=stored))
    _store_steps(conn, [(attempt_id, position) for position, _ in reviews], steps)
    first_review = row["first_review"] if row is not None else iso(reviews[0][1].reviewed_at)
    _store(conn, deck_id, steps[-1], first_review)
    return True


def reviewed_cards(conn: sqlite3.Connection, attempt_id: int) -> tuple[str, dict[str, str]]:
    """The deck an attempt's reviews are of, and each card they touched with the time of
    its first review in the attempt (read before the attempt is deleted)."""
    rows = conn.execute(
        "SELECT deck_id, card_id, min(reviewed_at) AS first FROM reviews WHERE attempt_id = ?"
        " GROUP BY deck_id, card_id",
        (attempt_id,),
    ).fetchall()
    deck = rows[0]["deck_id"] if rows else ""
    return deck, {row["card_id"]: row["first"] for row in rows}


def forget_reviews(
    conn: sqlite3.Connection, deck_id: str, attempt_id: int, touched: dict[str, str]
) -> None:
    """After a deleted attempt's reviews are gone: each card they touched takes back the
    state stored with its last review before them, and replays only the reviews after
    them (rewriting the states stored with those). The order is the replay's (_ORDER), so
    the result is the full replay's; `touched` is reviewed_cards' answer."""
    for card_id, first in sorted(touched.items()):
        key = (deck_id, card_id, first, attempt_id)
        before = conn.execute(
            f"SELECT card_id, {STATE_COLUMNS} FROM reviews WHERE deck_id = ? AND card_id = ?"
            " AND (reviewed_at, attempt_id) < (?, ?)"
            " ORDER BY reviewed_at DESC, attempt_id DESC, position DESC LIMIT 1",
            key,
        ).fetchone()
        if before is not None and before["state"] is None:  # never filled: replay it all
            refresh_cards(conn, deck_id, [card_id])
            continue
        later = conn.execute(
            "SELECT attempt_id, position, reviewed_at, rating FROM reviews"
            " WHERE deck_id = ? AND card_id = ? AND (reviewed_at, attempt_id) > (?, ?)"
            f" ORDER BY {_ORDER}",
            key,
        ).fetchall()
        start = None if before is None else _memory_of_review(before)
        steps = list(replay_steps(card_id, (_review_of(row) for row in later), start=start))
        _store_steps(conn, [(row["attempt_id"], row["position"]) for row in later], steps)
        memory = steps[-1] if steps else start
        if memory is None:
            conn.execute(
                "DELETE FROM card_memory WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
            )
            continue
        if before is None:
            first_review = later[0]["reviewed_at"]
        else:  # the card's first review is still there, and still its first
            first_review = conn.execute(
                "SELECT first_review FROM card_memory WHERE deck_id = ? AND card_id = ?",
                (deck_id, card_id),
            ).fetchone()["first_review"]
        _store(conn, deck_id, memory, first_review)


def refresh_cards(conn: sqlite3.Connection, deck_id: str, card_ids: Iterable[str]) -> None:
    """Replay each card's reviews into its stored memory and the state stored with each
    review (the memory is removed when no review is left)."""
    for card_id in sorted(card_ids):
        rows = conn.execute(
            "SELECT attempt_id, position, reviewed_at, rating FROM reviews"
            f" WHERE deck_id = ? AND card_id = ? ORDER BY {_ORDER}",
            (deck_id, card_id),
        ).fetchall()
        steps = list(replay_steps(card_id, (_review_of(r) for r in rows)))
        if not steps:
            conn.execute(
                "DELETE FROM card_memory WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
            )
            continue
        _store_steps(conn, [(r["attempt_id"], r["position"]) for r in rows], steps)
        _store(conn, deck_id, steps[-1], rows[0]["reviewed_at"])


def fill_review_states(conn: sqlite3.Connection) -> None:
    """The state after each stored review, replayed once (the version 8 migration)."""
    cards = conn.execute("SELECT DISTINCT deck_id, card_id FROM reviews").fetchall()
    for row in cards:
        refresh_cards(conn, row["deck_id"], [row["card_id"]])


def _review_of(row: sqlite3.Row) -> Review:
    return Review(parse_utc(row["reviewed_at"]), Rating(row["rating"]))


def _epoch(moment: datetime) -> int:
    return (moment - _EPOCH) // _SECOND


def _store_steps(
    conn: sqlite3.Connection, keys: list[tuple[int, int]], steps: list[Memory]
) -> None:
    """Each review's resulting state (keys: attempt and position, in step order)."""
    conn.executemany(
        "UPDATE reviews SET state = ?, step = ?, stability = ?, difficulty = ?, due_epoch = ?,"
        " last_review_epoch = ?, reviews = ?, lapses = ? WHERE attempt_id = ? AND position = ?",
        (
            (
                int(memory.state),
                memory.step,
                memory.stability,
                memory.difficulty,
                _epoch(memory.due),
                None if memory.last_review is None else _epoch(memory.last_review),
                memory.reviews,
                memory.lapses,
                attempt_id,
                position,
            )
            for (attempt_id, position), memory in zip(keys, steps, strict=True)
        ),
    )


def _memory_of_review(row: sqlite3.Row) -> Memory:
    """The state stored with a review, as card_memory would give it back."""
    last = row["last_review_epoch"]
    return _memory(
        row,
        due=_EPOCH + row["due_epoch"] * _SECOND,
        last_review=None if last is None else _EPOCH + last * _SECOND,
    )


def _memory(row: sqlite3.Row, *, due: datetime, last_review: datetime | None) -> Memory:
    """A Memory from a row of card_memory or reviews (which store the times apart)."""
    return Memory(
        card_id=row["card_id"],
        state=State(row["state"]),
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=due,
        last_review=last_review,
        reviews=row["reviews"],
        lapses=row["lapses"],
    )


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
    last = row["last_review"]
    return _memory(
        row, due=parse_utc(row["due"]), last_review=None if last is None else parse_utc(last)
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
