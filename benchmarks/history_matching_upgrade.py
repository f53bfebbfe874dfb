"""The schema 12 upgrade of a history whose mocks hold matching items (issue 14's scale, the
learning loop of the ninth session).

Schema 12 makes a matching item made from cards a review of each prompt's card: the upgrade
makes the stored items' reviews again and replays the memory of every card they touched.
This builds --attempts finished mocks of the bundled deck with a matching item in every ten
questions (sat through `ExamSession`, every question answered), takes the file back to what
schema 11 kept (one review of each matching item, of its key card), and prints, in the same
run:

* the upgrade as shipped: every item's rows written, then each touched card replayed once;
* the reference: the same rows, every card of each attempt replayed in turn (what the
  first version of the upgrade did through `record_reviews`: a card's whole history
  replayed once per attempt);
* a full rebuild of the memory from the stored attempts (`rebuild_memory`), for scale.

Each on its own copy of the file, CPU seconds (the machine is shared). It checks that the
upgraded memory equals the rebuild's.

    python benchmarks/history_matching_upgrade.py [--attempts N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.matching import DECK, matching_deck, reviews_as_before_schema_12

import exam_sim.history.memory as memory
from exam_sim.enums import AttemptMode, ItemKind
from exam_sim.exam import ExamSession, SessionRequest, plan_session
from exam_sim.history import History


def build(path: Path, attempts: int) -> None:
    """Finished mocks, every question answered: matching items with their first two pairs
    swapped half the time, single answers right seven times in ten."""
    deck, rng = matching_deck(), random.Random(1)
    with History(path) as history:
        for seed in range(attempts):
            request = SessionRequest(mode=AttemptMode.MOCK, seed=seed)
            session = ExamSession(plan_session(request, deck).new_attempt(), store=history)
            for position, question in enumerate(session.questions):
                session.go(position)
                if question.kind is ItemKind.MATCHING:
                    response = list(question.keys)
                    if rng.random() < 0.5:
                        response[0], response[1] = response[1], response[0]
                    session.respond(tuple(response))
                elif question.kind is ItemKind.SINGLE:
                    wrong = rng.random() >= 0.7
                    session.answer((question.answer + wrong) % len(question.options))
            session.submit()


def as_schema_11(path: Path) -> int:
    """The file as schema 11 kept it: one review of each question, of its key card. The
    reviews left."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    reviews_as_before_schema_12(conn)
    conn.execute("PRAGMA user_version = 11")
    conn.execute("COMMIT")
    reviews: int = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
    conn.close()
    return reviews


def timed(call: object) -> float:
    start = time.process_time()
    call()  # type: ignore[operator]
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attempts", type=int, default=200)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="exam-sim-upgrade-"))
    try:
        built = folder / "built.sqlite3"
        start = time.perf_counter()
        build(built, args.attempts)
        print(f"built {args.attempts:,} mocks in {time.perf_counter() - start:.1f} s")
        old = folder / "schema11.sqlite3"
        shutil.copy(built, old)
        reviews = as_schema_11(old)

        shipped = folder / "shipped.sqlite3"
        shutil.copy(old, shipped)
        upgrade = timed(lambda: History(shipped).close())

        naive = folder / "naive.sqlite3"
        shutil.copy(old, naive)
        real_refresh = memory.refresh_cards
        per_attempt: list[tuple[str, set[str]]] = []

        def each_attempt(conn: sqlite3.Connection, deck_id: str, cards: object) -> None:
            # The reference: the cards of each attempt replayed in turn, as the upgrade's
            # first version did, instead of once at the end.
            del cards
            for attempt_deck, attempt_cards in per_attempt:
                real_refresh(conn, attempt_deck, attempt_cards)

        real_write = memory._write_reviews

        def write(conn: sqlite3.Connection, attempt, at, positions=None):  # type: ignore[no-untyped-def]
            if positions is not None:  # as `record_reviews` did: every card of the attempt
                every, _, _ = real_write(conn, attempt, at)
                per_attempt.append((attempt.deck_id, {card for card, _, _ in every}))
            return real_write(conn, attempt, at, positions)

        memory.refresh_cards, memory._write_reviews = each_attempt, write  # type: ignore[assignment]
        try:
            reference = timed(lambda: History(naive).close())
        finally:
            memory.refresh_cards, memory._write_reviews = real_refresh, real_write  # type: ignore[assignment]

        with History(shipped) as history:
            upgraded = history.memories(DECK)
        rebuilt_at = folder / "rebuilt.sqlite3"
        shutil.copy(shipped, rebuilt_at)
        with History(rebuilt_at) as history:
            rebuild = timed(history.rebuild_memory)
            same = history.memories(DECK) == upgraded
        with History(naive) as history:
            same_naive = history.memories(DECK) == upgraded
        print(
            f"\n{args.attempts:,} finished mocks, {reviews:,} reviews kept by schema 11 "
            "(CPU seconds)\n\n"
            "| upgrade 11 → 12 as shipped (each card replayed once) | reference: each "
            "attempt's cards replayed in turn | full rebuild of the memory |\n"
            "|---:|---:|---:|\n"
            f"| {upgrade:.2f} s | {reference:.2f} s ({reference / upgrade:.0f}×) | "
            f"{rebuild:.2f} s |\n"
        )
        print(f"upgraded memory equal to a rebuild: {'yes' if same else 'NO'}; "
              f"the reference's too: {'yes' if same_naive else 'NO'}")  # fmt: skip
        return 0 if same and same_naive else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
