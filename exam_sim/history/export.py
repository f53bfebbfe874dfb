"""Export: every attempt, one deck's, or one, as JSON or as a CSV table.

Streamed: the generators here yield one attempt (JSON) or one row (CSV) at a time from the
cursor, and the writers write each as it comes, so exporting 10,000 attempts never holds
them all in memory. The caller (History.export_json / export_csv) runs all of it inside one
read transaction, so an export is a consistent snapshot even while another exam-sim writes.

The CSV cells (option letters, 1/0, yes/no, one decimal) are the export file format that
docs/history.md documents column by column: a format for other programs, kept with the
export; the store's queries themselves return plain numbers.

CSV cells that come from deck text are made inert for spreadsheets (`spreadsheet_safe`): a
deck is data from anywhere, and a cell such as ``=HYPERLINK(…)`` would run as a formula
when the file is opened in Excel, LibreOffice or Google Sheets (CSV injection).
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from exam_sim.exam.insights import insights_json
from exam_sim.history.records import AttemptSummary, HistoryError
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
from exam_sim.history.texts import TextReader, question_id
from exam_sim.models import Attempt
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
    "first_choice",
    "confidence",
)


# OWASP "CSV Injection": a cell starting with one of these is read as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text for a CSV cell that no spreadsheet runs: a leading formula character gets a
    single quote before it, which spreadsheets show as text (the OWASP advice; the csv
    module already quotes the separators and double quotes inside the cell)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


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


def check_readable(
    conn: sqlite3.Connection, path: str, where: str, params: dict[str, object]
) -> None:
    """Refuse to export from a damaged file rather than leave attempts out silently: a
    damaged table page can end a scan early *without* an error, so the attempts the table
    yields are counted against those an index lists (two counts, milliseconds at 100k)."""
    in_table = conn.execute(f"SELECT count(*) FROM attempts NOT INDEXED {where}", params)
    in_index = conn.execute(
        f"SELECT count(*) FROM attempts INDEXED BY attempts_by_status_start {where}", params
    )
    readable, listed = in_table.fetchone()[0], in_index.fetchone()[0]
    if readable != listed:
        raise HistoryError(
            f"{path} is damaged: it lists {listed} attempts but only {readable} can be read, "
            "so nothing was exported (a copy made with `sqlite3 FILE .recover` keeps what "
            "can be saved)."
        )


def _check_attempt(path: str, attempt: Attempt, question_count: int) -> None:
    """An attempt whose questions or answers are fewer than it had is damaged."""
    if len(attempt.questions) != question_count or len(attempt.answers) != question_count:
        raise HistoryError(
            f"{path} is damaged: attempt {attempt.id} had {question_count} questions but "
            f"{len(attempt.questions)} questions and {len(attempt.answers)} answers can be read."
        )


# --------------------------------------------------------------------------- JSON


def attempt_documents(
    conn: sqlite3.Connection,
    *,
    path: str = "the history",
    attempt_id: int | None = None,
    deck_id: str | None = None,
) -> Iterator[dict[str, object]]:
    """Each attempt, oldest first, as the Attempt model dumps it to JSON plus its "report"
    (the ScoreReport, null while in progress) and its "insights" (null while in progress).
    A damaged attempt raises HistoryError."""
    where, params = _selection(attempt_id, deck_id)
    if attempt_id is None:
        check_readable(conn, path, where, params)
    sql = f"SELECT {ATTEMPT_COLUMNS}, question_count, report FROM attempts {where} ORDER BY id"
    texts = TextReader(conn)
    for row in conn.execute(sql, params):
        try:
            attempt = attempt_from_row(conn, row, texts)
        except ValueError as error:  # JSON or a model that no longer validates
            raise HistoryError(
                f"{path} is damaged: attempt {row['id']} cannot be read ({error_line(error)})."
            ) from error
        _check_attempt(path, attempt, row["question_count"])
        document = attempt.model_dump(mode="json")
        report = report_from_column(row["report"])
        document["report"] = None if report is None else report.model_dump(mode="json")
        # Confidence, answer changes and pacing (exam.insights), once it is finished.
        document["insights"] = None if report is None else insights_json(attempt)
        yield document


def error_line(error: Exception) -> str:
    """The first line of an error's message (pydantic's run to many)."""
    return (str(error).splitlines() or [type(error).__name__])[0]


def write_json(
    conn: sqlite3.Connection,
    out: TextIO,
    path: str,
    *,
    attempt_id: int | None = None,
    deck_id: str | None = None,
) -> None:
    documents = attempt_documents(conn, path=path, attempt_id=attempt_id, deck_id=deck_id)
    first = next(documents, None)  # the file is checked before anything is written
    out.write(
        "{"
        f'"format": "exam-sim-history", "schema_version": {SCHEMA_VERSION}, '
        f'"exported_at": {json.dumps(utc_now())}, "attempts": ['
    )
    if first is not None:
        out.write("\n" + json.dumps(first, ensure_ascii=False))
    for document in documents:
        out.write(",\n" + json.dumps(document, ensure_ascii=False))
    out.write("\n]}\n")


# --------------------------------------------------------------------------- CSV


def _attempt_cells(s: AttemptSummary) -> tuple[object, ...]:
    return (
        s.id,
        spreadsheet_safe(s.deck_id),
        spreadsheet_safe(s.deck_title),
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
        a.started_at AS started_at, a.finished_at AS finished_at,
        a.question_count AS question_count, a.seed AS seed, q.position AS position,
        q.question_id AS question_id, q.card_text AS card_text, q.topic_text AS topic_text,
        q.direction_text AS direction_text, q.stem_text AS stem, q.option_texts AS options,
        q.option_card_texts AS option_card_texts, q.answer AS answer, an.choice AS choice,
        an.seconds AS seconds, an.changes AS changes, an.flagged AS flagged,
        an.first_choice AS first_choice, an.confidence AS confidence,
        an.position AS answer_position
    FROM attempts a
    LEFT JOIN questions q ON q.attempt_id = a.id
    LEFT JOIN answers an ON an.attempt_id = q.attempt_id AND an.position = q.position
    {where} ORDER BY a.id, q.position"""


def answer_rows(
    conn: sqlite3.Connection,
    *,
    path: str = "the history",
    attempt_id: int | None = None,
    deck_id: str | None = None,
) -> Iterator[tuple[object, ...]]:
    """The "answers" table: one row per question of each attempt, with what was chosen.
    An attempt with fewer rows than questions (a damaged page) raises HistoryError."""
    where, params = _selection(attempt_id, deck_id, table="a")
    texts = TextReader(conn)
    safe = spreadsheet_safe
    current: int | None = None
    expected = count = 0
    for row in conn.execute(_ANSWERS_SQL.format(where=where), params):
        if row["position"] is None:  # an attempt of 0 questions has one row of NULLs
            if row["question_count"]:
                raise _lost_questions(path, row["attempt_id"], row["question_count"])
            continue
        if row["attempt_id"] != current:
            if current is not None and expected != count:
                raise _lost_questions(path, current, count)
            current, expected, count = row["attempt_id"], 0, row["question_count"]
        if row["position"] != expected or row["answer_position"] is None:
            raise _lost_questions(path, row["attempt_id"], count)
        expected += 1
        options = texts.texts(row["options"])
        option_ids = texts.texts(row["option_card_texts"])
        card_id, direction = texts.text(row["card_text"]), texts.text(row["direction_text"])
        choice, key, first = row["choice"], row["answer"], row["first_choice"]
        answered = choice is not None and 0 <= choice < len(options)
        yield (
            row["attempt_id"],
            safe(row["deck_id"]),
            row["mode"],
            row["status"],
            row["started_at"],
            row["finished_at"] or "",
            row["position"] + 1,
            safe(question_id(row["question_id"], card_id, direction, row["seed"])),
            safe(card_id),
            safe("" if row["topic_text"] is None else texts.text(row["topic_text"])),
            direction,
            safe(texts.text(row["stem"])),
            letter(choice) if answered else "",
            safe(option_ids[choice]) if answered else "",
            safe(options[choice]) if answered else "",
            letter(key),
            safe(option_ids[key]),
            safe(options[key]),
            1 if choice == key else 0,
            f"{row['seconds'] or 0:.1f}",
            row["changes"] or 0,
            1 if row["flagged"] else 0,
            letter(first) if first is not None and 0 <= first < len(options) else "",
            row["confidence"] or "",
        )
    if current is not None and expected != count:
        raise _lost_questions(path, current, count)


def _lost_questions(path: str, attempt_id: int, count: int) -> HistoryError:
    return HistoryError(
        f"{path} is damaged: some of the {count} questions or answers of attempt {attempt_id} "
        "cannot be read."
    )


def write_csv(
    conn: sqlite3.Connection,
    out: TextIO,
    path: str,
    *,
    table: CsvTable,
    attempt_id: int | None = None,
    deck_id: str | None = None,
) -> None:
    if attempt_id is None:
        check_readable(conn, path, *_selection(attempt_id, deck_id))
    writer = csv.writer(out)
    if table == "attempts":
        writer.writerow(ATTEMPT_CSV_COLUMNS)
        writer.writerows(attempt_rows(conn, attempt_id=attempt_id, deck_id=deck_id))
    else:
        writer.writerow(ANSWER_CSV_COLUMNS)
        writer.writerows(answer_rows(conn, path=path, attempt_id=attempt_id, deck_id=deck_id))


class Exports:
    """Methods of `History` that stream its exports (they read one snapshot)."""

    if TYPE_CHECKING:  # provided by History
        path: Path

        def _read(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _attempt_row(self, conn: sqlite3.Connection, attempt_id: int) -> sqlite3.Row: ...

    def export_json(
        self, out: TextIO, *, attempt_id: int | None = None, deck_id: str | None = None
    ) -> None:
        """Write attempts (all, oldest first, those of one deck, or one) as JSON: each
        attempt as the Attempt model dumps it, plus its "report" (null while in progress).
        Streams attempt by attempt, from one snapshot."""
        with self._read() as conn:
            if attempt_id is not None:
                self._attempt_row(conn, attempt_id)  # refused before anything is written
            write_json(conn, out, str(self.path), attempt_id=attempt_id, deck_id=deck_id)

    def export_csv(
        self,
        out: TextIO,
        *,
        attempt_id: int | None = None,
        deck_id: str | None = None,
        table: CsvTable = "answers",
    ) -> None:
        """Write one CSV table with a header row: "attempts" (one row per attempt) or
        "answers" (one row per question of each attempt, with what was chosen); all
        attempts, those of one deck, or one. Streams row by row, from one snapshot."""
        if table not in ("attempts", "answers"):
            raise ValueError(f"unknown table {table!r}")
        with self._read() as conn:
            if attempt_id is not None:
                self._attempt_row(conn, attempt_id)
            write_csv(
                conn, out, str(self.path), table=table, attempt_id=attempt_id, deck_id=deck_id
            )
