"""The history's schema: its version bookkeeping and upgrade (each version's migration
is in migrations.py).

The version is ``PRAGMA user_version``; ``PRAGMA application_id`` marks the file as ours.
A new file runs every migration from version 0, so the whole chain is exercised each time a
history is created, and an old file ends up with exactly the schema a new one has (a test
compares them). Migrations are never edited once shipped: a change is a new version.

Layout (docs/history.md has every column, and what each version changed):

* ``attempts``: one row per session, with its blueprint and, once finished, its score and
  the full score report as JSON;
* ``questions``: every question exactly as shown, so an old attempt can be reviewed after
  the deck changed; its stem, options and explanations are ids into ``texts``, where each
  distinct text is stored once (texts.py);
* ``answers``: the learner's state per question: choice, seconds, changed-answer count, flag,
  and (v6) the whole response to a non-single item and the options struck out;
* ``topic_scores``: one row per topic of each finished attempt (trends read only these),
  and ``topic_totals``, their running sums per deck and topic;
* ``card_stats`` and ``confusions``: running totals over finished attempts (see stats.py);
* ``attempt_leases``: which session has an attempt in progress open (see leases.py);
* ``reviews``, ``card_memory`` and ``exam_dates``: the spaced-repetition state (memory.py),
  each review with the card's memory just after it, so deleting an attempt replays only
  the reviews after it;
* ``deck_attempts``: how many attempts each deck has, kept by triggers.

Since version 9 a question's card ids, topic and direction are ids into ``texts`` too, and
``questions`` and ``reviews`` are WITHOUT ROWID, clustered as they are read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from exam_sim.history.memory import fill_review_states, rebuild_memory
from exam_sim.history.migrations import APPLICATION_ID, MIGRATIONS
from exam_sim.history.records import HistoryError
from exam_sim.models import ItemKind

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "upgrade"]

SCHEMA_VERSION = len(MIGRATIONS)
# An upgrade expected to take this long or longer is said before it runs, so that it never
# looks like a hang; seconds it takes per 10,000 attempts (measured on bulk-built mocks,
# docs/history.md): before version 9 it rewrites every stored question, from 9 on it reads
# the stored items and reports and rebuilds one index of the reviews.
UPGRADE_NOTICE_SECONDS = 1.2
REWRITE_SECONDS_PER_10K = 6.0
QUICK_SECONDS_PER_10K = 0.7
QUICK_UPGRADE_FROM = 9  # from here on no upgrade rewrites the stored questions
# Schema 12 replays the memory of every card a stored matching item asked, when there is
# one: seconds per 10,000 reviews (300 mocks with 6 matching items each, 24,402 reviews:
# the whole upgrade from 11 took 1.25 s).
REPLAY_SECONDS_PER_10K_REVIEWS = 0.5
# The version that added the spaced-repetition state. Its reviews are made from the stored
# attempts through today's row readers (rows.read_attempt), which expect today's columns,
# so `upgrade` fills them after the last step, never in the middle of the chain.
MEMORY_VERSION = 4
# The version whose reviews table today's code reads: the state after each review (added
# at 8) is replayed by `upgrade` for a file from before it, after the last step.
STATES_VERSION = 9


def upgrade(
    conn: sqlite3.Connection,
    path: Path,
    version: int,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Bring a file at `version` to SCHEMA_VERSION. The caller holds the write transaction
    and rolls it back if this raises, which is what leaves the file at its old version.
    `announce` is told, in one sentence, of an upgrade long enough to be noticed."""
    if announce is not None and 0 < version < SCHEMA_VERSION:
        attempts, seconds = _expected(conn, version)
        if seconds >= UPGRADE_NOTICE_SECONDS:
            announce(
                f"upgrading the history {path} ({attempts:,} attempts) to schema "
                f"{SCHEMA_VERSION}: this is done once, and takes about {_about(seconds)}; "
                "nothing is lost if it is stopped."
            )
    try:
        for step in MIGRATIONS[version:]:
            step(conn)
        if version < MEMORY_VERSION:
            rebuild_memory(conn)
        elif version < STATES_VERSION:
            fill_review_states(conn)
    except (HistoryError, sqlite3.Error):
        raise
    except Exception as error:
        # Bad data met by a migration step (say, an unreadable stored report).
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise HistoryError(
            f"{path} could not be upgraded to history schema {SCHEMA_VERSION} "
            f"({reason}); it was left unchanged at schema {version}."
        ) from error
    if version != SCHEMA_VERSION:
        # Migrations run with foreign keys off (store.py; schema 5 rebuilds a table).
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise HistoryError(
                f"{path} could not be upgraded to history schema {SCHEMA_VERSION} "
                f"(a {broken[0]} row lost its {broken[2]} row); it was left unchanged at "
                f"schema {version}."
            )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _about(seconds: float) -> str:
    return f"{max(1, round(seconds))} s" if seconds < 90 else f"{round(seconds / 60):,} min"


def _expected(conn: sqlite3.Connection, version: int) -> tuple[int, float]:
    """How many attempts the file holds, and about how long its upgrade takes."""
    attempts: int = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
    rate = REWRITE_SECONDS_PER_10K if version < QUICK_UPGRADE_FROM else QUICK_SECONDS_PER_10K
    seconds = attempts / 10_000 * rate
    # Matching items are stored from version 6 on; their reviews, replayed at 12.
    if (
        6 <= version < 12
        and conn.execute(
            "SELECT 1 FROM questions WHERE item IS NOT NULL AND json_extract(item, '$.kind') = ?"
            " LIMIT 1",
            (ItemKind.MATCHING.value,),
        ).fetchone()
    ):
        reviews = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
        seconds += reviews / 10_000 * REPLAY_SECONDS_PER_10K_REVIEWS
    return attempts, seconds
