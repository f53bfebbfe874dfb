"""The spaced-repetition state in the history: one review per answered question of a
finished attempt, and each card's FSRS memory replayed from its reviews.

* ``reviews``: one row per answered question of a finished attempt, or (version 12) per
  card a matching item made from cards asked (`schedule.rating.cards_reviewed`; key:
  attempt, position and card), written in the transaction that finishes the attempt. An
  attempt is finished once (the store refuses a second finish), and the key refuses a
  second row, so a review is never counted twice; a killed session keeps its answers, and
  its reviews are written when it is resumed and finished, so none is lost.
* ``card_memory``: each card's state (exam_sim.schedule.memory.Memory), the replay of its
  reviews in time order (reviewed_at, then attempt, then position), so the state is always
  exactly what the remaining answers say (a test compares it with a full rebuild).
* (version 8) each review row also holds the card's state just after it (``state`` ..
  ``last_review``). Finishing an attempt folds only its new reviews into the stored state;
  deleting one restores each card it touched to its last review before the deleted ones
  and replays the reviews after them until the replayed state meets the stored one
  (`forget_reviews`), instead of every review of the card.
* (version 9) a review row is small integers: the deck and card as ids into ``texts``, the
  time in microseconds since 1970 (exact), clustered by card in replay order (the key), so
  no second index of the card's reviews is needed; the counts live in ``card_memory`` only.
* ``exam_dates``: the exam date a learner gave a deck.

Every function takes a connection inside a transaction its caller opened (see store.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from fsrs import Rating, State

from exam_sim.history.rows import answered_matching, read_attempt
from exam_sim.history.texts import find_text_ids, store_texts
from exam_sim.models import Attempt, ItemKind
from exam_sim.schedule.memory import Memory, Review, parse_utc, replay_steps
from exam_sim.schedule.rating import cards_reviewed

# The state after a review, stored with it (version 8; version 9 dropped the counts, which
# card_memory keeps). Times as whole seconds since the epoch, the precision card_memory
# keeps them at (its ISO text is to the second); last_review NULL: the review's own second.
STATE_COLUMNS = "state, step, stability, difficulty, due, last_review"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)
_MICROSECOND = timedelta(microseconds=1)
_MICROS_PER_SECOND = 1_000_000
# The order every replay follows (the reviews table is clustered by card in this order).
REPLAY_ORDER = "reviewed_at, attempt_id, position"
# Later reviews read per statement while a delete replays a card (it usually stops early).
_BATCH = 128

StoredState = tuple[int, int | None, float | None, float | None, int, int | None]


def iso(moment: datetime) -> str:
    """The stored form of a time: ISO-8601 UTC to the second, as every other column."""
    return parse_utc(moment.isoformat()).isoformat(timespec="seconds")


def micros(stamp: str) -> int:
    """`reviews.reviewed_at` (version 9): an ISO time as whole microseconds since 1970, UTC
    (exact: the datetime a replay reads back is the one parsed)."""
    return (parse_utc(stamp) - _EPOCH) // _MICROSECOND


def moment_of(stored: int) -> datetime:
    return _EPOCH + stored * _MICROSECOND


def _epoch(moment: datetime) -> int:
    return (moment - _EPOCH) // _SECOND


@dataclass(frozen=True)
class CardKey:
    """A card's reviews: the text ids of its deck id and card id (texts.py)."""

    deck_text: int
    card_text: int


def card_keys(
    conn: sqlite3.Connection, deck_id: str, card_ids: Iterable[str]
) -> dict[str, CardKey]:
    """The key of each card that has its ids in `texts` (a card without has no reviews)."""
    ids = find_text_ids(conn, [deck_id, *card_ids])
    deck_text = ids.get(deck_id)
    if deck_text is None:
        return {}
    return {card: CardKey(deck_text, ids[card]) for card in card_ids if card in ids}


def record_reviews(conn: sqlite3.Connection, attempt_id: int) -> None:
    """Turn the answered questions of a just-finished attempt into reviews, and replay the
    memory of the cards they touched. Right or wrong is the model's own judgement
    (`Answer.is_correct`), so every kind of question is rated alike."""
    attempt = read_attempt(conn, attempt_id)
    if attempt is None or attempt.finished_at is None:
        return
    at = micros(attempt.finished_at)
    rows, ids, inserted = _write_reviews(conn, attempt, at)
    deck_text = ids[attempt.deck_id]
    new: dict[str, list[tuple[int, Review]]] = {}
    for card, position, rating in rows:  # in position order, as a replay orders them
        new.setdefault(card, []).append((position, Review(moment_of(at), Rating(rating))))
    replayed = set(new)
    if inserted == len(rows):  # else some were there already: replay to be sure
        replayed = {
            card_id
            for card_id, reviews in new.items()
            if not _advance(
                conn, attempt.deck_id, CardKey(deck_text, ids[card_id]), card_id, reviews,
                attempt_id, at,
            )
        }  # fmt: skip
    refresh_cards(conn, attempt.deck_id, replayed)


def _write_reviews(
    conn: sqlite3.Connection, attempt: Attempt, at: int, positions: set[int] | None = None
) -> tuple[list[tuple[str, int, int]], dict[str, int], int]:
    """Insert the reviews of a finished attempt's answered questions (only those at
    `positions`, when given), rated by `cards_reviewed`: (card, position, rating) of each,
    the text ids of the deck and cards, and how many rows were new."""
    feedback = attempt.mode.gives_feedback
    rows = [
        (card_id, answer.position, int(rating))
        for question, answer in zip(attempt.questions, attempt.answers, strict=True)
        if answer.choice is not None and (positions is None or answer.position in positions)
        for card_id, rating in cards_reviewed(question, answer, feedback=feedback)
    ]
    ids = store_texts(conn, [attempt.deck_id, *(card for card, _, _ in rows)])
    deck_text = ids[attempt.deck_id]
    inserted: int = conn.executemany(
        "INSERT OR IGNORE INTO reviews (deck_text, card_text, reviewed_at, attempt_id,"
        " position, rating) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (deck_text, ids[card], at, attempt.id, position, rating)
            for card, position, rating in rows
        ],
    ).rowcount
    return rows, ids, inserted


def _advance(
    conn: sqlite3.Connection,
    deck_id: str,
    key: CardKey,
    card_id: str,
    reviews: list[tuple[int, Review]],
    attempt_id: int,
    at: int,
) -> bool:
    """Add a finished attempt's reviews of a card to its stored memory, without replaying
    the reviews before them (at 100,000 attempts a card has tens of thousands: replaying
    them took seconds a card). Exact, since the memory is a fold over the reviews in
    order: done only when the new reviews are the card's last in that order and the
    stored memory is the fold of every review before them. False when it cannot be."""
    card = (key.deck_text, key.card_text)
    later = conn.execute(
        "SELECT 1 FROM reviews WHERE deck_text = ? AND card_text = ? AND (reviewed_at > ?"
        " OR (reviewed_at = ? AND attempt_id > ?)) LIMIT 1",
        (*card, at, at, attempt_id),
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
        "SELECT reviewed_at FROM reviews WHERE deck_text = ? AND card_text = ?"
        " AND attempt_id != ? ORDER BY reviewed_at DESC LIMIT 1",
        (*card, attempt_id),
    ).fetchone()
    if stored is None or stored.last_review is None:
        if latest is not None:
            return False
    elif latest is None or moment_of(latest[0]) != stored.last_review:
        return False
    steps = list(replay_steps(card_id, (review for _, review in reviews), start=stored))
    _store_steps(conn, key, [(at, attempt_id, position) for position, _ in reviews], steps)
    first_review = row["first_review"] if row is not None else iso(reviews[0][1].reviewed_at)
    _store(conn, deck_id, steps[-1], first_review)
    return True


@dataclass(frozen=True)
class Touched:
    """A card a deleted attempt reviewed: its key, the time of those reviews, how many
    there were and how many were rated Again (read before the attempt is deleted)."""

    key: CardKey
    reviewed_at: int
    count: int
    again: int


def reviewed_cards(conn: sqlite3.Connection, attempt_id: int) -> tuple[str, dict[str, Touched]]:
    """The deck an attempt's reviews are of, and each card they touched."""
    rows = conn.execute(
        "SELECT d.text AS deck_id, c.text AS card_id, r.deck_text AS deck_text,"
        " r.card_text AS card_text, min(r.reviewed_at) AS first, count(*) AS count,"
        " sum(r.rating = 1) AS again FROM reviews r JOIN texts d ON d.id = r.deck_text"
        " JOIN texts c ON c.id = r.card_text WHERE r.attempt_id = ?"
        " GROUP BY r.deck_text, r.card_text",
        (attempt_id,),
    ).fetchall()
    deck = rows[0]["deck_id"] if rows else ""
    return deck, {
        row["card_id"]: Touched(
            CardKey(row["deck_text"], row["card_text"]), row["first"], row["count"], row["again"]
        )
        for row in rows
    }


def forget_reviews(
    conn: sqlite3.Connection, deck_id: str, attempt_id: int, touched: dict[str, Touched]
) -> None:
    """After a deleted attempt's reviews are gone: each card they touched takes back the
    state stored with its last review before them, and replays the reviews after them
    only until the replayed state equals the one stored with a review: from there on the
    fold goes on exactly as stored (the same state, then the same reviews), so the later
    states, and the card's memory, are already right. Two histories of a card that differ
    by one early review meet again within about 100-400 reviews (FSRS's difficulty and
    stability settle), so deleting an old attempt no longer replays every later review
    of its cards. The counts (reviews, lapses) are card_memory's less the deleted ones."""
    for card_id, gone in sorted(touched.items()):
        _forget_card(conn, deck_id, card_id, attempt_id, gone)


def _forget_card(
    conn: sqlite3.Connection, deck_id: str, card_id: str, attempt_id: int, gone: Touched
) -> None:
    card = (gone.key.deck_text, gone.key.card_text)
    before = conn.execute(
        f"SELECT reviewed_at, {STATE_COLUMNS} FROM reviews WHERE deck_text = ?"
        " AND card_text = ? AND (reviewed_at, attempt_id) < (?, ?)"
        " ORDER BY reviewed_at DESC, attempt_id DESC, position DESC LIMIT 1",
        (*card, gone.reviewed_at, attempt_id),
    ).fetchone()
    stored = conn.execute(
        "SELECT reviews, lapses, first_review FROM card_memory WHERE deck_id = ? AND card_id = ?",
        (deck_id, card_id),
    ).fetchone()
    if stored is None or (before is not None and before["state"] is None):
        refresh_cards(conn, deck_id, [card_id])  # never filled: replay it all
        return
    start = None if before is None else memory_of_review(before, card_id)
    later = _later_reviews(conn, card, (gone.reviewed_at, attempt_id, -1))
    memory, updates, first_later, converged = start, [], None, False
    for row, memory in _fold(card_id, later, start):  # memory: the last one, after it
        at = row["reviewed_at"]
        first_later = first_later or at
        state = _stored_state(memory, at)
        if state == _row_state(row):
            converged = True
            break
        updates.append((*state, *card, at, row["attempt_id"], row["position"]))
    conn.executemany(_UPDATE_STATE, updates)
    reviews, lapses = stored["reviews"] - gone.count, stored["lapses"] - gone.again
    if reviews <= 0 or memory is None:
        conn.execute(
            "DELETE FROM card_memory WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
        )
        return
    first_review = stored["first_review"]
    if before is None and first_later is not None:  # its first review was deleted
        first_review = iso(moment_of(first_later))
    if converged:  # the memory after the card's last review is the one stored
        conn.execute(
            "UPDATE card_memory SET reviews = ?, lapses = ?, first_review = ?"
            " WHERE deck_id = ? AND card_id = ?",
            (reviews, lapses, first_review, deck_id, card_id),
        )
        return
    _store(conn, deck_id, replace(memory, reviews=reviews, lapses=lapses), first_review)


def _later_reviews(
    conn: sqlite3.Connection, card: tuple[int, int], bound: tuple[int, int, int]
) -> Iterator[sqlite3.Row]:
    """A card's reviews after `bound` (time, attempt, position), in replay order, read
    _BATCH at a time: a delete's replay usually stops long before the last."""
    while True:
        rows = conn.execute(
            f"SELECT reviewed_at, attempt_id, position, rating, {STATE_COLUMNS}"
            " FROM reviews WHERE deck_text = ? AND card_text = ?"
            " AND (reviewed_at, attempt_id, position) > (?, ?, ?)"
            f" ORDER BY {REPLAY_ORDER} LIMIT {_BATCH}",
            (*card, *bound),
        ).fetchall()
        yield from rows
        if len(rows) < _BATCH:
            return
        bound = (rows[-1]["reviewed_at"], rows[-1]["attempt_id"], rows[-1]["position"])


def _fold(
    card_id: str, rows: Iterator[sqlite3.Row], start: Memory | None
) -> Iterator[tuple[sqlite3.Row, Memory]]:
    """Each review row with the card's memory just after it: one replay (one FSRS card
    carried along), over rows read as it goes."""
    current: list[sqlite3.Row] = []

    def reviews() -> Iterator[Review]:
        for row in rows:
            current[:] = (row,)
            yield review_of(row)

    for memory in replay_steps(card_id, reviews(), start):
        yield current[0], memory


def refresh_cards(conn: sqlite3.Connection, deck_id: str, card_ids: Iterable[str]) -> None:
    """Replay each card's reviews into its stored memory and the state stored with each
    review (the memory is removed when no review is left)."""
    wanted = sorted(card_ids)
    keys = card_keys(conn, deck_id, wanted)
    for card_id in wanted:
        key = keys.get(card_id)
        rows = (
            []
            if key is None
            else conn.execute(
                "SELECT reviewed_at, attempt_id, position, rating FROM reviews"
                f" WHERE deck_text = ? AND card_text = ? ORDER BY {REPLAY_ORDER}",
                (key.deck_text, key.card_text),
            ).fetchall()
        )
        steps = list(replay_steps(card_id, (review_of(r) for r in rows)))
        if key is None or not steps:
            conn.execute(
                "DELETE FROM card_memory WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
            )
            continue
        _store_steps(
            conn, key, [(r["reviewed_at"], r["attempt_id"], r["position"]) for r in rows], steps
        )
        _store(conn, deck_id, steps[-1], iso(moment_of(rows[0]["reviewed_at"])))


def fill_review_states(conn: sqlite3.Connection) -> None:
    """The state after each stored review, replayed once for every card that has a review
    without it (the upgrade from before version 9: version 8 filled them, an earlier file
    has none)."""
    cards = conn.execute(
        "SELECT DISTINCT d.text AS deck_id, c.text AS card_id FROM reviews r"
        " JOIN texts d ON d.id = r.deck_text JOIN texts c ON c.id = r.card_text"
        " WHERE r.state IS NULL"
    ).fetchall()
    for row in cards:
        refresh_cards(conn, row["deck_id"], [row["card_id"]])


def review_matching_prompts(conn: sqlite3.Connection) -> None:
    """The schema 12 migration: the matching items made from cards in finished attempts
    review each prompt's card (`cards_reviewed`), not only the item's key card by the whole
    item. Only the attempts holding an answered matching item are read (found by
    `json_extract` over the stored items); their reviews of those items are made again and
    every card they touch replayed once, so the memory is what a rebuild would give."""
    touched: dict[str, set[str]] = {}
    for attempt_id, deck_id, _ in answered_matching(conn):
        attempt = read_attempt(conn, attempt_id)
        if attempt is None or attempt.finished_at is None:
            continue
        positions = {
            answer.position
            for question, answer in zip(attempt.questions, attempt.answers, strict=True)
            if question.kind is ItemKind.MATCHING
        }
        marks = ", ".join("?" * len(positions))
        cards = touched.setdefault(deck_id, set())
        cards.update(
            card
            for (card,) in conn.execute(
                "SELECT c.text FROM reviews r JOIN texts c ON c.id = r.card_text"
                f" WHERE r.attempt_id = ? AND r.position IN ({marks})",
                (attempt_id, *positions),
            )
        )
        conn.execute(
            f"DELETE FROM reviews WHERE attempt_id = ? AND position IN ({marks})",
            (attempt_id, *positions),
        )
        rows, _, _ = _write_reviews(conn, attempt, micros(attempt.finished_at), positions)
        cards.update(card for card, _, _ in rows)
    # Each card replayed once, after every attempt's rows are in: replaying the cards of
    # each attempt in turn would replay a card's whole history once per attempt.
    for deck_id, cards in touched.items():
        refresh_cards(conn, deck_id, cards)


def review_of(row: sqlite3.Row) -> Review:
    return Review(moment_of(row["reviewed_at"]), Rating(row["rating"]))


def _stored_state(memory: Memory, at: int) -> StoredState:
    """The state after a review at `at` (microseconds), as its row stores it."""
    last = None if memory.last_review is None else _epoch(memory.last_review)
    return (
        int(memory.state),
        memory.step,
        memory.stability,
        memory.difficulty,
        _epoch(memory.due),
        None if last == at // _MICROS_PER_SECOND else last,
    )


def _row_state(row: sqlite3.Row) -> StoredState:
    return (
        row["state"],
        row["step"],
        row["stability"],
        row["difficulty"],
        row["due"],
        row["last_review"],
    )


_UPDATE_STATE = (
    "UPDATE reviews SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?,"
    " last_review = ? WHERE deck_text = ? AND card_text = ? AND reviewed_at = ?"
    " AND attempt_id = ? AND position = ?"
)


def _store_steps(
    conn: sqlite3.Connection,
    key: CardKey,
    reviews: list[tuple[int, int, int]],
    steps: list[Memory],
) -> None:
    """Each review's resulting state (reviews: time, attempt and position, in step order)."""
    conn.executemany(
        _UPDATE_STATE,
        (
            (*_stored_state(memory, at), key.deck_text, key.card_text, at, attempt_id, position)
            for (at, attempt_id, position), memory in zip(reviews, steps, strict=True)
        ),
    )


def memory_of_review(row: sqlite3.Row, card_id: str) -> Memory:
    """The state stored with a review, as card_memory would give it back (without the
    counts, which a replay from it does not need: card_memory keeps them)."""
    last = row["last_review"]
    if last is None:
        last = row["reviewed_at"] // _MICROS_PER_SECOND
    return Memory(
        card_id=card_id,
        state=State(row["state"]),
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=_EPOCH + row["due"] * _SECOND,
        last_review=_EPOCH + last * _SECOND,
        reviews=0,
        lapses=0,
    )


def _memory(row: sqlite3.Row, *, due: datetime, last_review: datetime | None) -> Memory:
    """A Memory from a row of card_memory."""
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
