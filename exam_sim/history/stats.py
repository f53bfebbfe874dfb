"""Statistics over finished attempts: topic trends and averages, card totals, confusions.

Only finished attempts count; an abandoned attempt's half-given answers do not.

* Trends read ``topic_scores``: one row per topic of each finished attempt, clustered by deck
  and finish time, so a deck's trend is one ordered range read instead of a scan of the
  answers.
* ``card_stats`` and ``confusions`` are running totals. Finishing an attempt adds its share
  (`record_finished`; what it adds is counted in card_totals.py) and deleting one takes it
  back out (`take_out`), in the transaction
  that finishes or deletes it, so the weak-spot drill and the confusion list never rescan
  hundreds of thousands of answers. `rebuild_stats` recomputes them from the answers: the
  version-2 migration fills the tables with it, and the tests check that the running totals
  always equal a rebuild.

Every function takes a connection inside a transaction its caller opened (see store.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, fields

from exam_sim.controls import visible
from exam_sim.gc_pause import gc_paused
from exam_sim.history.card_totals import (
    StatsDelta,
    attempt_delta,
    read_outcomes,
)
from exam_sim.history.records import (
    TAG_TOPIC,
    CardStats,
    Confusion,
    TopicAverage,
    TopicTrendPoint,
)
from exam_sim.history.rows import (
    TREND_COLUMNS,
    TREND_FIELDS,
    fetch_as,
    records_of,
    trend_point_row,
)
from exam_sim.history.texts import TextReader, find_text_ids
from exam_sim.models import ScoreReport, TopicScore
from exam_sim.units import percent_of


def _tag_scores(report: ScoreReport) -> list[TopicScore]:
    """A report's tag rows of `topic_scores` (a deck scored by tag), each as the topic
    TAG_TOPIC + the tag, which no topic id can be; they follow its topic rows."""
    return [score.model_copy(update={"topic": TAG_TOPIC + score.name}) for score in report.tags]


def _totals_of(scores: Sequence[TopicScore]) -> list[tuple[str | None, int, int]]:
    """The (topic, correct, total) rows `_change_topic_totals` adds or takes out."""
    return [(score.topic, score.correct, score.total) for score in scores]


def _by_tag(tags: bool) -> str:
    """The condition on `topic` that keeps a deck's topic rows, or its tag rows."""
    tag = f"topic LIKE '{TAG_TOPIC}%'"
    return tag if tags else f"(topic IS NULL OR NOT {tag})"


def insert_topic_scores(
    conn: sqlite3.Connection,
    attempt_id: int,
    deck_id: str,
    finished_at: str,
    scores: Sequence[TopicScore],
    first: int = 0,
) -> None:
    """Store an attempt's `scores` rows at positions first, first + 1, …"""
    conn.executemany(
        "INSERT INTO topic_scores (deck_id, finished_at, attempt_id, position, topic, name, "
        "correct, total, verdict) VALUES (:deck_id, :finished_at, :attempt_id, :position, "
        ":topic, :name, :correct, :total, :verdict)",
        [
            {
                "deck_id": deck_id,
                "finished_at": finished_at,
                "attempt_id": attempt_id,
                "position": position,
                "topic": score.topic,
                "name": score.name,
                "correct": score.correct,
                "total": score.total,
                "verdict": score.verdict,
            }
            for position, score in enumerate(scores, start=first)
        ],
    )


def fill_tag_scores(conn: sqlite3.Connection) -> None:
    """The schema 11 migration's part: the tag rows of the finished attempts of decks
    scored by tag, from their stored reports (those that keep tags), and their totals."""
    for row in conn.execute(
        "SELECT id, deck_id, finished_at, report FROM attempts WHERE finished_at IS NOT NULL "
        "AND report IS NOT NULL AND json_array_length(report, '$.tags') > 0"
    ).fetchall():
        report = ScoreReport.model_validate_json(row["report"])
        tags = _tag_scores(report)
        first = len(report.topics)  # after the topic rows, as a finish stores them
        insert_topic_scores(conn, row["id"], row["deck_id"], row["finished_at"], tags, first)
        _change_topic_totals(conn, row["deck_id"], _totals_of(tags), +1)


def _change_topic_totals(
    conn: sqlite3.Connection,
    deck_id: str,
    scores: Sequence[tuple[str | None, int, int]],
    sign: int,
) -> None:
    """Add (sign +1) or take out (-1) one attempt's (topic, correct, total) scores."""
    conn.executemany(
        """
        INSERT INTO topic_totals (deck_id, topic, attempts, correct, total)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (deck_id, topic) DO UPDATE SET
            attempts = attempts + excluded.attempts,
            correct = correct + excluded.correct,
            total = total + excluded.total""",
        [
            (deck_id, topic or "", sign, sign * correct, sign * total)
            for topic, correct, total in scores
        ],
    )
    if sign < 0:
        conn.execute("DELETE FROM topic_totals WHERE deck_id = ? AND attempts <= 0", (deck_id,))


def record_finished(
    conn: sqlite3.Connection, attempt_id: int, deck_id: str, finished_at: str, report: ScoreReport
) -> None:
    """Add a just-finished attempt: its topic scores and its share of the running totals."""
    scores = [*report.topics, *_tag_scores(report)]
    insert_topic_scores(conn, attempt_id, deck_id, finished_at, scores)
    _change_topic_totals(conn, deck_id, _totals_of(scores), +1)
    attempt_delta(conn, attempt_id, finished_at).apply(conn, deck_id, +1)


def topic_scores_of(conn: sqlite3.Connection, attempt_id: int) -> list[tuple[str | None, int, int]]:
    """An attempt's (topic, correct, total) rows, read before it is deleted."""
    return [
        (row["topic"], row["correct"], row["total"])
        for row in conn.execute(
            "SELECT topic, correct, total FROM topic_scores WHERE attempt_id = ?", (attempt_id,)
        )
    ]


def take_out(
    conn: sqlite3.Connection,
    deck_id: str,
    delta: StatsDelta,
    finished_at: str,
    topic_scores: list[tuple[str | None, int, int]],
) -> None:
    """Remove a deleted attempt's share (its rows are gone already, its topic scores with
    them through the cascade)."""
    _change_topic_totals(conn, deck_id, topic_scores, -1)
    delta.apply(conn, deck_id, -1)
    # Only cards last seen in this very attempt need their last_seen looked up again.
    stale = [card for card, when in delta.last_seen.items() if when == finished_at]
    latest = _last_seen(conn, deck_id, stale)
    conn.executemany(
        "UPDATE card_stats SET last_seen = ? WHERE deck_id = ? AND card_id = ? AND last_seen = ?",
        [(latest.get(card), deck_id, card, finished_at) for card in stale],
    )


def _last_seen(conn: sqlite3.Connection, deck_id: str, card_ids: list[str]) -> dict[str, str]:
    """card_id -> when a finished attempt of the deck last asked it, for cards still seen.

    The deck's finished attempts are walked newest first, in batches that double, and the
    walk stops once every card is found: a card asked in a recent attempt costs a few
    attempts' questions, not a join of every question ever stored (36 s at 100,000
    attempts). A card no other attempt asked (seen 0 after the take-out) is not looked for.
    """
    wanted: set[str] = set()
    for start in range(0, len(card_ids), 500):  # SQLite's limit on bound parameters
        chunk = card_ids[start : start + 500]
        wanted.update(
            row["card_id"]
            for row in conn.execute(
                f"SELECT card_id FROM card_stats WHERE deck_id = ? AND seen > 0 "
                f"AND card_id IN ({','.join('?' * len(chunk))})",
                (deck_id, *chunk),
            )
        )
    found: dict[str, str] = {}
    card_of = {text_id: card for card, text_id in find_text_ids(conn, wanted).items()}
    offset, batch = 0, 16
    while wanted:
        attempts = conn.execute(
            "SELECT id, finished_at FROM attempts WHERE deck_id = ? AND finished_at IS NOT NULL"
            " ORDER BY finished_at DESC, id DESC LIMIT ? OFFSET ?",
            (deck_id, batch, offset),
        ).fetchall()
        if not attempts:
            break
        when = {row["id"]: row["finished_at"] for row in attempts}
        marks = ",".join("?" * len(when))
        for row in conn.execute(
            f"SELECT attempt_id, card_text FROM questions WHERE attempt_id IN ({marks})",
            tuple(when),
        ):
            card = card_of.get(row["card_text"])
            if card in wanted and (card not in found or when[row["attempt_id"]] > found[card]):
                found[card] = when[row["attempt_id"]]
        wanted -= found.keys()
        offset, batch = offset + batch, min(batch * 2, 400)
    return found


def rebuild_stats(
    conn: sqlite3.Connection, deck_id: str | None, *, inline_texts: bool = False
) -> None:
    """Recompute card_stats and confusions from the stored attempts (one deck, or all).
    `inline_texts`: the questions still hold their texts (schema 2, during migration)."""
    finished = "SELECT id, deck_id, finished_at FROM attempts WHERE finished_at IS NOT NULL"
    if deck_id is None:
        conn.execute("DELETE FROM card_stats")
        conn.execute("DELETE FROM confusions")
        attempts = conn.execute(finished + " ORDER BY finished_at, id").fetchall()
    else:
        conn.execute("DELETE FROM card_stats WHERE deck_id = ?", (deck_id,))
        conn.execute("DELETE FROM confusions WHERE deck_id = ?", (deck_id,))
        attempts = conn.execute(
            finished + " AND deck_id = ? ORDER BY finished_at, id", (deck_id,)
        ).fetchall()
    deltas: dict[str, StatsDelta] = {}
    texts = None if inline_texts else TextReader(conn)
    for attempt in attempts:
        delta = deltas.setdefault(attempt["deck_id"], StatsDelta())
        for outcome in read_outcomes(conn, attempt["id"], texts):
            delta.add(outcome, attempt["finished_at"])
    for attempt_deck, delta in deltas.items():
        delta.apply(conn, attempt_deck, +1)
    if texts is not None:  # topic_totals exists from schema 5 on
        where = "" if deck_id is None else "WHERE deck_id = :deck_id"
        conn.execute(f"DELETE FROM topic_totals {where}", {"deck_id": deck_id})
        conn.execute(
            "INSERT INTO topic_totals (deck_id, topic, attempts, correct, total) "
            "SELECT deck_id, coalesce(topic, ''), count(*), sum(correct), sum(total) "
            f"FROM topic_scores {where} GROUP BY deck_id, coalesce(topic, '')",
            {"deck_id": deck_id},
        )


# --------------------------------------------------------------------------- queries


def topic_trend(
    conn: sqlite3.Connection, deck_id: str, limit_attempts: int | None, *, tags: bool = False
) -> list[TopicTrendPoint]:
    """See History.topic_trend."""
    params: dict[str, object] = {"deck_id": deck_id}
    sql = f"SELECT {TREND_COLUMNS} FROM topic_scores WHERE deck_id = :deck_id AND {_by_tag(tags)}"
    if limit_attempts is not None:
        if limit_attempts <= 0:
            return []
        # The oldest of the last N finished attempts; with fewer than N, no bound at all.
        bound = conn.execute(
            "SELECT finished_at, id FROM attempts WHERE deck_id = ? AND finished_at IS NOT NULL "
            "ORDER BY finished_at DESC, id DESC LIMIT 1 OFFSET ?",
            (deck_id, limit_attempts - 1),
        ).fetchone()
        if bound is not None:
            sql += " AND (finished_at, attempt_id) >= (:finished_at, :attempt_id)"
            params.update(finished_at=bound["finished_at"], attempt_id=bound["id"])
    sql += " ORDER BY finished_at, attempt_id, position"
    with gc_paused():
        return list(fetch_as(conn, trend_point_row, TREND_FIELDS, sql, params))


@dataclass(slots=True)
class _RecentSums:
    correct: int = 0
    total: int = 0
    attempts: int = 0


def topic_averages(
    conn: sqlite3.Connection, deck_id: str, *, tags: bool = False
) -> list[TopicAverage]:
    """See History.topic_averages."""
    recent = TopicAverage.RECENT
    # Running sums (topic_totals), so the cost does not grow with the history. No topic is
    # kept there as '' (a key), which the condition on tags takes for a topic row.
    totals = {
        row["topic"] or None: row
        for row in conn.execute(
            "SELECT topic, attempts, correct, total FROM topic_totals WHERE deck_id = ? AND "
            + _by_tag(tags),
            (deck_id,),
        )
    }
    # Newest first, stopping once every topic has its RECENT attempts (or all it has).
    newest: dict[str | None, sqlite3.Row] = {}  # its name and place in the newest report
    sums: dict[str | None, _RecentSums] = {}
    waiting = len(totals)
    for row in conn.execute(
        "SELECT topic, name, position, correct, total FROM topic_scores "
        f"WHERE deck_id = ? AND {_by_tag(tags)} ORDER BY finished_at DESC, attempt_id DESC",
        (deck_id,),
    ):
        topic = row["topic"]
        newest.setdefault(topic, row)
        topic_sums = sums.setdefault(topic, _RecentSums())
        if topic_sums.attempts == recent:
            continue
        topic_sums.correct += row["correct"]
        topic_sums.total += row["total"]
        topic_sums.attempts += 1
        if topic_sums.attempts in (recent, totals[topic]["attempts"]):
            waiting -= 1
            if not waiting:
                break
    result = []
    for topic, total_row in totals.items():
        count, correct, total = total_row["attempts"], total_row["correct"], total_row["total"]
        recent_sums = sums[topic]
        earlier_correct = correct - recent_sums.correct
        earlier_total = total - recent_sums.total
        result.append(
            TopicAverage(
                topic=topic,
                name=visible(newest[topic]["name"]),
                attempts=count,
                correct=correct,
                total=total,
                recent_percent=percent_of(recent_sums.correct, recent_sums.total),
                earlier_percent=(
                    percent_of(earlier_correct, earlier_total)
                    if count > recent and earlier_total
                    else None
                ),
            )
        )
    if tags:  # by name, as a report lists them, those of older reports too
        result.sort(key=lambda average: average.name.casefold())
    else:  # in the order the newest report listed the topics
        result.sort(key=lambda average: (newest[average.topic]["position"], average.name))
    return result


_CARD_COLUMNS = ", ".join(f.name for f in fields(CardStats))


def card_stats(conn: sqlite3.Connection, deck_id: str) -> dict[str, CardStats]:
    """See History.card_stats."""
    sql = f"SELECT {_CARD_COLUMNS} FROM card_stats WHERE deck_id = ?"
    return {stats.card_id: stats for stats in records_of(conn, CardStats, sql, (deck_id,))}


_CONFUSIONS_SQL = """
    SELECT c.deck_id AS deck_id, c.key_card_id AS key_card_id,
        coalesce(k.label, c.key_text) AS key_text, c.chosen_card_id AS chosen_card_id,
        coalesce(w.label, c.chosen_text) AS chosen_text, c.times AS times
    FROM confusions c
    LEFT JOIN card_stats k ON k.deck_id = c.deck_id AND k.card_id = c.key_card_id
    LEFT JOIN card_stats w ON w.deck_id = c.deck_id AND w.card_id = c.chosen_card_id
    {where}
    ORDER BY c.times DESC, c.key_card_id, c.chosen_card_id LIMIT :limit"""


def confusions(conn: sqlite3.Connection, deck_id: str | None, limit: int) -> list[Confusion]:
    """See History.confusions."""
    where = "" if deck_id is None else "WHERE c.deck_id = :deck_id"
    params = {"deck_id": deck_id, "limit": max(0, limit)}
    return list(records_of(conn, Confusion, _CONFUSIONS_SQL.format(where=where), params))


def confused_times(conn: sqlite3.Connection, deck_id: str) -> dict[str, int]:
    """See History.confused_times: every confusion of the deck summed per key, in SQL."""
    rows = conn.execute(
        "SELECT key_card_id, sum(times) FROM confusions WHERE deck_id = ? GROUP BY key_card_id",
        (deck_id,),
    ).fetchall()
    return {row[0]: row[1] for row in rows}
