"""Export: every attempt, one deck's, or one, as JSON or as a CSV table.

Streamed: the generators here yield one attempt (JSON) or one row (CSV) at a time from the
cursor, and the writers write each as it comes, so exporting 10,000 attempts never holds
them all in memory. The caller (History.export_json / export_csv) runs all of it inside one
read transaction, so an export is a consistent snapshot even while another exam-sim writes.

The CSV cells (option letters, 1/0, yes/no, one decimal) are the export file format that
docs/history.md documents column by column: a format for other programs, kept with the
export; the store's queries themselves return plain numbers.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Literal, TextIO

from exam_sim.exam.insights import insights_json
from exam_sim.history.records import AttemptSummary
from exam_sim.history.rows import (
    ATTEMPT_COLUMNS,
    SUMMARY_COLUMNS,
    SUMMARY_FIELDS,
    attempt_from_row,
    fetch_as,
    report_from_column,
    summary_row,
)
from exam_sim.history.schema import SCHEMA_VERSION
from exam_sim.units import letter

CsvTable = Literal["attempts", "answers"]

ATTEMPT_CSV_COLUMNS = (
    "attempt_id",
    "deck_id",
    "deck_title",
    "mode",
    "status",
    "started_at",
    "finished_at",
    "elapsed_seconds",
    "time_limit_seconds",
    "questions",
    "answered",
    "correct",
    "percent",
    "scaled",
    "passed",
)
ANSWER_CSV_COLUMNS = (
    "attempt_id",
    "deck_id",
    "mode",
    "status",
    "started_at",
    "finished_at",
    "number",
    "question_id",
    "card_id",
    "topic",
    "direction",
    "stem",
    "choice",
    "chosen_card_id",
    "chosen_text",
    "key",
    "key_card_id",
    "key_text",
    "correct",
    "seconds",
    "changes",
    "flagged",
)


def utc_now() -> str:
    """The current time as the ISO-8601 UTC string the history stores."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _selection(
    attempt_id: int | None, deck_id: str | None, table: str = ""
) -> tuple[str, dict[str, object]]:
    """The WHERE clause for one attempt (which wins), one deck, or everything."""
    prefix = f"{table}." if table else ""
    if attempt_id is not None:
        return f"WHERE {prefix}id = :attempt_id", {"attempt_id": attempt_id}
    if deck_id is not None:
        return f"WHERE {prefix}deck_id = :deck_id", {"deck_id": deck_id}
    return "", {}


# --------------------------------------------------------------------------- JSON


def attempt_documents(
    conn: sqlite3.Connection, *, attempt_id: int | None = None, deck_id: str | None = None
) -> Iterator[dict[str, object]]:
    """Each attempt, oldest first, as the Attempt model dumps it to JSON plus its "report"
    (the ScoreReport, null while in progress) and its "insights" (null while in progress)."""
    where, params = _selection(attempt_id, deck_id)
    sql = f"SELECT {ATTEMPT_COLUMNS}, report FROM attempts {where} ORDER BY id"
    for row in conn.execute(sql, params):
        attempt = attempt_from_row(conn, row)
        document = attempt.model_dump(mode="json")
        report = report_from_column(row["report"])
        document["report"] = None if report is None else report.model_dump(mode="json")
        # Confidence, answer changes and pacing (exam.insights), once it is finished.
        document["insights"] = None if report is None else insights_json(attempt)
        yield document


def write_json(
    conn: sqlite3.Connection,
    out: TextIO,
    *,
    attempt_id: int | None = None,
    deck_id: str | None = None,
) -> None:
    out.write(
        "{"
        f'"format": "exam-sim-history", "schema_version": {SCHEMA_VERSION}, '
        f'"exported_at": {json.dumps(utc_now())}, "attempts": ['
    )
    separator = "\n"
    for document in attempt_documents(conn, attempt_id=attempt_id, deck_id=deck_id):
        out.write(separator + json.dumps(document, ensure_ascii=False))
        separator = ",\n"
    out.write("\n]}\n")


# --------------------------------------------------------------------------- CSV


def _attempt_cells(s: AttemptSummary) -> tuple[object, ...]:
    return (
        s.id,
        s.deck_id,
        s.deck_title,
        s.mode.value,
        s.status.value,
        s.started_at,
        s.finished_at or "",
        f"{s.elapsed_seconds:.1f}",
        "" if s.time_limit_seconds is None else f"{s.time_limit_seconds:.0f}",
        s.question_count,
        s.answered,
        "" if s.correct is None else s.correct,
        "" if s.percent is None else f"{s.percent:.1f}",
        "" if s.scaled is None else s.scaled,
        "" if s.passed is None else ("yes" if s.passed else "no"),
    )


def attempt_rows(
    conn: sqlite3.Connection, *, attempt_id: int | None = None, deck_id: str | None = None
) -> Iterator[tuple[object, ...]]:
    """The "attempts" table: one row per attempt, oldest first (by start time)."""
    where, params = _selection(attempt_id, deck_id)
    sql = f"SELECT {SUMMARY_COLUMNS} FROM attempts {where} ORDER BY started_at, id"
    for summary in fetch_as(conn, summary_row, SUMMARY_FIELDS, sql, params):
        yield _attempt_cells(summary)


_ANSWERS_SQL = """
    SELECT a.id AS attempt_id, a.deck_id AS deck_id, a.mode AS mode, a.status AS status,
        a.started_at AS started_at, a.finished_at AS finished_at, q.position AS position,
        q.question_id AS question_id, q.card_id AS card_id, q.topic AS topic,
        q.direction AS direction, q.stem AS stem, q.options AS options,
        q.option_card_ids AS option_card_ids, q.answer AS answer, an.choice AS choice,
        an.seconds AS seconds, an.changes AS changes, an.flagged AS flagged
    FROM attempts a
    JOIN questions q ON q.attempt_id = a.id
    LEFT JOIN answers an ON an.attempt_id = q.attempt_id AND an.position = q.position
    {where} ORDER BY a.id, q.position"""


def answer_rows(
    conn: sqlite3.Connection, *, attempt_id: int | None = None, deck_id: str | None = None
) -> Iterator[tuple[object, ...]]:
    """The "answers" table: one row per question of each attempt, with what was chosen."""
    where, params = _selection(attempt_id, deck_id, table="a")
    for row in conn.execute(_ANSWERS_SQL.format(where=where), params):
        options = json.loads(row["options"])
        option_ids = json.loads(row["option_card_ids"])
        choice, key = row["choice"], row["answer"]
        answered = choice is not None and 0 <= choice < len(options)
        yield (
            row["attempt_id"],
            row["deck_id"],
            row["mode"],
            row["status"],
            row["started_at"],
            row["finished_at"] or "",
            row["position"] + 1,
            row["question_id"],
            row["card_id"],
            row["topic"] or "",
            row["direction"],
            row["stem"],
            letter(choice) if answered else "",
            option_ids[choice] if answered else "",
            options[choice] if answered else "",
            letter(key),
            option_ids[key],
            options[key],
            1 if choice == key else 0,
            f"{row['seconds'] or 0:.1f}",
            row["changes"] or 0,
            1 if row["flagged"] else 0,
        )


def write_csv(
    conn: sqlite3.Connection,
    out: TextIO,
    *,
    table: CsvTable,
    attempt_id: int | None = None,
    deck_id: str | None = None,
) -> None:
    writer = csv.writer(out)
    if table == "attempts":
        writer.writerow(ATTEMPT_CSV_COLUMNS)
        writer.writerows(attempt_rows(conn, attempt_id=attempt_id, deck_id=deck_id))
    else:
        writer.writerow(ANSWER_CSV_COLUMNS)
        writer.writerows(answer_rows(conn, attempt_id=attempt_id, deck_id=deck_id))
