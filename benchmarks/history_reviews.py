"""Deleting an attempt whose answers fed the FSRS schedule (issue 14, schemas 8 and 9).

Builds the bulk history of benchmarks/history.py (--attempts, default 5,000), copies it,
and gives the copy one review per answered question of each finished attempt (right:
Good, wrong: Again, at the attempt's finish time, as the store writes them), with the
memory after each review filled by the upgrade's replay, fill_review_states (its time is
printed: what an upgrade costs once). Then deletes the newest, a middle and the oldest attempt from
each, and prints, in the same run:

* the delete on the history without reviews (the cost to match);
* the delete with reviews (back to the card's state before the attempt, then replay the
  later reviews until the replayed state is the one stored with a review: schema 9; schema
  8 replayed every later review of its cards);
* the reference: the work main's delete did before schema 8, replaying every review of
  every card the attempt touched (measured on the same file, read only).

Each figure is the best of --runs deletes, each on a fresh copy (CPU ms, as the machine is
shared). It also checks that the fast delete leaves every card's memory, and the state
stored with every review, equal to a full replay.

    python benchmarks/history_reviews.py [--attempts N] [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _history_build import DECK_ID, build
from fsrs import Rating

from exam_sim.decks import resolve_deck
from exam_sim.history import History
from exam_sim.history.memory import fill_review_states, refresh_cards, reviewed_cards
from exam_sim.history.texts import store_texts
from exam_sim.schedule.memory import Review, replay

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def add_reviews(path: Path) -> tuple[int, float]:
    """One review per answered question of every finished attempt, and the memory after
    each (the migration's replay); returns (reviews, seconds the replay took)."""
    with History(path) as history:
        conn = history._db
        conn.execute("BEGIN IMMEDIATE")
        deck_text = store_texts(conn, [DECK_ID])[DECK_ID]
        conn.execute(
            """
            INSERT INTO reviews (deck_text, card_text, reviewed_at, attempt_id, position,
                rating)
            SELECT ?, q.card_text, unixepoch(a.finished_at) * 1000000, a.id, q.position,
                CASE WHEN s.choice = q.answer THEN 3 ELSE 1 END
            FROM attempts a JOIN questions q ON q.attempt_id = a.id
            JOIN answers s ON s.attempt_id = q.attempt_id AND s.position = q.position
            WHERE a.finished_at IS NOT NULL AND s.choice IS NOT NULL""",
            (deck_text,),
        )
        count = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
        start = time.process_time()
        fill_review_states(conn)
        seconds = time.process_time() - start
        conn.execute("COMMIT")
    return count, seconds


def _old_delete_work(conn: sqlite3.Connection, attempt_id: int) -> float:
    """CPU ms of what main's delete did before schema 8 for this attempt: read and replay
    every review of every card it touched (its writes, a few rows, left out)."""
    start = time.process_time()
    _deck, touched = reviewed_cards(conn, attempt_id)
    for card_id, gone in sorted(touched.items()):
        rows = conn.execute(
            "SELECT reviewed_at, rating FROM reviews WHERE deck_text = ? AND card_text = ?"
            " AND attempt_id != ? ORDER BY reviewed_at, attempt_id, position",
            (gone.key.deck_text, gone.key.card_text, attempt_id),
        ).fetchall()
        replay(card_id, (Review(_EPOCH + r[0] * _MICROSECOND, Rating(r[1])) for r in rows))
    return (time.process_time() - start) * 1000


def _memory(conn: sqlite3.Connection) -> list[list[tuple[object, ...]]]:
    """Every card's memory and the state stored with every review."""
    return [
        conn.execute("SELECT * FROM card_memory ORDER BY deck_id, card_id").fetchall(),
        conn.execute("SELECT * FROM reviews ORDER BY attempt_id, position").fetchall(),
    ]


def delete_figures(path: Path, attempt_id: int, runs: int, *, check: bool) -> float:
    """Best CPU ms of `runs` deletes of the attempt, each on a fresh copy of `path`."""
    best = float("inf")
    for run in range(runs):
        copy = path.with_name(f"copy-{path.name}")
        shutil.copyfile(path, copy)
        try:
            with History(copy) as history:
                start = time.process_time()
                history.delete_attempt(attempt_id)
                best = min(best, (time.process_time() - start) * 1000)
                if check and run == 0:
                    conn = history._db
                    fast = _memory(conn)
                    conn.execute("BEGIN IMMEDIATE")
                    cards = [r[0] for r in conn.execute("SELECT card_id FROM card_stats")]
                    refresh_cards(conn, DECK_ID, cards)
                    full = _memory(conn)
                    conn.execute("ROLLBACK")
                    if fast != full:
                        raise SystemExit(f"attempt {attempt_id}: fast delete != full replay")
        finally:
            for leftover in copy.parent.glob(copy.name + "*"):
                leftover.unlink()
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    deck = resolve_deck(DECK_ID)
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain.sqlite3"
        build(plain, args.attempts, deck)
        reviewed = Path(folder) / "reviewed.sqlite3"
        shutil.copyfile(plain, reviewed)
        reviews, fill_seconds = add_reviews(reviewed)
        print(
            f"history with reviews: {args.attempts:,} attempts, {reviews:,} reviews of "
            f"{len(deck.cards)} cards; the replay that fills the states took "
            f"{fill_seconds:.1f} s CPU; best of {args.runs} deletes, CPU ms"
        )
        print()
        print(
            f"{'delete an attempt':22} {'no reviews':>11} {'with reviews':>13} "
            f"{'main (full replay)':>19}"
        )
        for label, attempt_id in (
            ("newest", args.attempts - 1),  # every 20th is unfinished
            ("middle", args.attempts // 2 + 1),
            ("oldest", 1),
        ):
            without = delete_figures(plain, attempt_id, args.runs, check=False)
            fast = delete_figures(reviewed, attempt_id, args.runs, check=True)
            with History(reviewed) as history:
                old = min(_old_delete_work(history._db, attempt_id) for _ in range(args.runs))
            print(f"{label:22} {without:11.1f} {fast:13.1f} {old:19.1f}")
    print()
    print("every fast delete left each card's memory equal to a full replay")
    return 0


if __name__ == "__main__":
    sys.exit(main())
