"""What the readiness forecast reads of a deck's reviews beside each card's memory
(`schedule.evidence`): which cards were answered and how the first answers went, when
each card was first taught (a review from an attempt that showed the answer: every mode
but the mock, `AttemptMode.gives_feedback`), and a card's memory just before a moment,
read from the state stored with each review (no replay).

Every function takes a connection inside a transaction its caller opened (see store.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from fsrs import Rating

from exam_sim.history.memory import (
    REPLAY_ORDER,
    card_keys,
    memory_of_review,
    micros,
    moment_of,
    review_of,
)
from exam_sim.history.texts import find_text_ids
from exam_sim.models import AttemptMode
from exam_sim.schedule.evidence import Sightings
from exam_sim.schedule.memory import Memory, Review, replay

_TAUGHT_MODES = tuple(mode.value for mode in AttemptMode if mode.gives_feedback)
_IS_TAUGHT = f"a.mode IN ({', '.join('?' * len(_TAUGHT_MODES))})"
_CHUNK = 900  # cards per statement (bound parameters)


def review_log(conn: sqlite3.Connection, deck_id: str) -> list[tuple[str, Review]]:
    """Every review of the deck, oldest first: (card_id, review), each marked taught or not
    (`Review.taught`)."""
    deck_text = find_text_ids(conn, [deck_id]).get(deck_id)
    return [
        (
            row["card_id"],
            Review(moment_of(row["reviewed_at"]), Rating(row["rating"]), row["taught"]),
        )
        for row in conn.execute(
            f"SELECT c.text AS card_id, r.reviewed_at, r.rating, {_IS_TAUGHT} AS taught"
            " FROM reviews r JOIN texts c ON c.id = r.card_text"
            " JOIN attempts a ON a.id = r.attempt_id"
            f" WHERE r.deck_text = ? ORDER BY {REPLAY_ORDER}",
            (*_TAUGHT_MODES, deck_text),
        )
    ]


def sightings(conn: sqlite3.Connection, deck_id: str) -> Sightings:
    """The deck's `Sightings`, as `schedule.evidence.sightings` reads them from the review
    log: each reviewed card (card_memory has one row for each) and its first review and
    first taught review, each found by the reviews' key, so the cost follows the cards,
    not the reviews (a log of 293,306 reviews of 78 cards took 2.4 s to read into Python,
    one pass of SQL over it 0.5 s; this, 1 ms)."""
    cards = [row[0] for row in conn.execute(
        "SELECT card_id FROM card_memory WHERE deck_id = ?", (deck_id,)
    )]  # fmt: skip
    keys = card_keys(conn, deck_id, cards)
    deck_text = next(iter(keys.values())).deck_text if keys else None
    by_text = {key.card_text: card for card, key in keys.items()}
    right: set[str] = set()
    taught_at: dict[str, datetime] = {}
    texts = list(by_text)
    for start in range(0, len(texts), _CHUNK):
        chunk = texts[start : start + _CHUNK]
        rows = conn.execute(
            "SELECT t.id, (SELECT r.rating FROM reviews r WHERE r.deck_text = ?"
            f"  AND r.card_text = t.id ORDER BY {REPLAY_ORDER}"
            "  LIMIT 1),"
            " (SELECT r.reviewed_at FROM reviews r JOIN attempts a ON a.id = r.attempt_id"
            f"  WHERE r.deck_text = ? AND r.card_text = t.id AND {_IS_TAUGHT}"
            f"  ORDER BY {REPLAY_ORDER} LIMIT 1)"
            f" FROM texts t WHERE t.id IN ({','.join('?' * len(chunk))})",
            (deck_text, deck_text, *_TAUGHT_MODES, *chunk),
        )
        for text_id, first_rating, taught in rows:
            if first_rating is not None and first_rating != Rating.Again:
                right.add(by_text[text_id])
            if taught is not None:
                taught_at[by_text[text_id]] = moment_of(taught)
    return Sightings(frozenset(by_text.values()), frozenset(right), taught_at)


def memories_before(
    conn: sqlite3.Connection, deck_id: str, card_ids: Sequence[str], moment: datetime
) -> dict[str, Memory]:
    """Each card's memory after its last review before `moment` (a card with none is left
    out): the state stored with that review; replayed from the card's reviews where none is
    stored (rows an upgrade has not filled yet)."""
    before = micros(moment.isoformat())
    found: dict[str, Memory] = {}
    for card_id, card in card_keys(conn, deck_id, card_ids).items():
        key = (card.deck_text, card.card_text, before)
        row = conn.execute(
            "SELECT * FROM reviews WHERE deck_text = ? AND card_text = ? AND reviewed_at < ?"
            " ORDER BY reviewed_at DESC, attempt_id DESC, position DESC LIMIT 1",
            key,
        ).fetchone()
        if row is None:
            continue
        if row["state"] is not None:
            found[card_id] = memory_of_review(row, card_id)
            continue
        rows = conn.execute(
            "SELECT reviewed_at, rating FROM reviews WHERE deck_text = ? AND card_text = ?"
            f" AND reviewed_at < ? ORDER BY {REPLAY_ORDER}",
            key,
        )
        if (memory := replay(card_id, map(review_of, rows))) is not None:
            found[card_id] = memory
    return found


def outcomes(conn: sqlite3.Connection, attempt_id: int) -> list[tuple[str, bool]]:
    """Each question of an attempt, in order: its card, and whether its answer was right.
    An answer stores the choice it summarises to (`Answer.summary`: an item's key index
    when its whole response is right), so right is the choice equal to the question's
    answer, for every kind; read without the question's texts (a mock loaded whole for
    this took about half of the forecast's time)."""
    rows = conn.execute(
        "SELECT t.text, a.choice IS NOT NULL AND a.choice = q.answer FROM questions q"
        " JOIN texts t ON t.id = q.card_text"
        " LEFT JOIN answers a ON a.attempt_id = q.attempt_id AND a.position = q.position"
        " WHERE q.attempt_id = ? ORDER BY q.position",
        (attempt_id,),
    )
    return [(card_id, bool(right)) for card_id, right in rows]
