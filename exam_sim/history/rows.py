"""How SQL rows become records and models: by column name, never by position.

The connection's row factory is `sqlite3.Row`, so ordinary reads say ``row["status"]``.
Results that can run to tens or hundreds of thousands of rows (the attempts list, trend
points, the answers a statistics rebuild reads) are built by their own row factory instead,
straight from the row: `fetch_as` checks once per query that the SELECT names exactly the
record's fields, in order, so the factory can pair values with field names without looking
each one up (which would cost about half as much again as the whole read).

Used by the store and by the export, which must read the same way inside one snapshot.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import Any, TypeVar

from exam_sim.controls import visible
from exam_sim.history.records import AttemptSummary, TopicTrendPoint
from exam_sim.history.texts import TextReader, question_id
from exam_sim.models import (
    Answer,
    Attempt,
    AttemptMode,
    AttemptStatus,
    Blueprint,
    Confidence,
    Direction,
    ItemKind,
    Question,
    ScoreReport,
)

_T = TypeVar("_T")
RowFactory = Callable[[sqlite3.Cursor, tuple[Any, ...]], _T]

# The attempts and topic_scores columns carry the records' field names, so the SELECT list
# is the field list.
SUMMARY_FIELDS = tuple(f.name for f in fields(AttemptSummary))
SUMMARY_COLUMNS = ", ".join(SUMMARY_FIELDS)
TREND_FIELDS = tuple(f.name for f in fields(TopicTrendPoint))
TREND_COLUMNS = ", ".join(TREND_FIELDS)

_MODES = {mode.value: mode for mode in AttemptMode}
_STATUSES = {status.value: status for status in AttemptStatus}
_PASSED = {None: None, 0: False, 1: True}
_new = object.__new__


def fetch_as(
    conn: sqlite3.Connection,
    factory: RowFactory[_T],
    columns: tuple[str, ...],
    sql: str,
    params: Any = (),
) -> Iterator[_T]:
    """Run `sql`, each row built by `factory`; `columns` are the names its SELECT must give."""
    cursor = conn.cursor()
    cursor.row_factory = factory
    cursor.execute(sql, params)
    named = tuple(description[0] for description in cursor.description)
    if named != columns:
        raise AssertionError(f"the query returns {named}, the record needs {columns}")
    return cursor


def records_of(conn: sqlite3.Connection, cls: type[_T], sql: str, params: Any = ()) -> Iterator[_T]:
    """Rows as `cls` (a dataclass) instances; the SELECT must name its fields in order."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    return fetch_as(conn, lambda _cursor, row: cls(*map(visible_cell, row)), names, sql, params)


def visible_cell(value: _T) -> _T:
    """A cell as a record holds it: text read from the history is deck text, so its
    terminal controls are made visible (a history written before that rule may hold some)."""
    return visible(value) if isinstance(value, str) else value  # type: ignore[return-value]


def _filled(cls: type[_T], names: tuple[str, ...], values: tuple[Any, ...]) -> _T:
    """A frozen dataclass instance without its generated __init__, which pays one
    object.__setattr__ call per field; filling __dict__ at once is about three times
    cheaper, which matters for the 10,000-row lists the benchmark times. Values must
    already have the field types."""
    instance = _new(cls)
    instance.__dict__.update(zip(names, values, strict=True))
    return instance


def summary_row(_cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> AttemptSummary:
    """Row factory for a SELECT of SUMMARY_COLUMNS from attempts."""
    summary = _filled(AttemptSummary, SUMMARY_FIELDS, row)
    values = summary.__dict__
    values["mode"] = _MODES[values["mode"]]
    values["status"] = _STATUSES[values["status"]]
    values["passed"] = _PASSED[values["passed"]]
    values["deck_title"] = visible(values["deck_title"])
    return summary


def trend_point_row(_cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> TopicTrendPoint:
    """Row factory for a SELECT of TREND_COLUMNS from topic_scores."""
    point = _filled(TopicTrendPoint, TREND_FIELDS, row)
    point.__dict__["name"] = visible(point.name)
    return point


# --------------------------------------------------------------------------- attempts

# Every attempts column an Attempt needs (the export adds "report" to the same list).
ATTEMPT_COLUMNS = (
    "id, deck_id, deck_title, mode, status, started_at, finished_at, time_limit_seconds, "
    "elapsed_seconds, seed, blueprint, notes, asks_confidence, deck_path"
)
_QUESTIONS_SQL = """
    SELECT question_id, card_text, topic_text, direction_text, stem_text, option_texts,
        option_card_texts, answer, explanation_texts, item
    FROM questions WHERE attempt_id = ? ORDER BY position"""
_ANSWERS_SQL = """
    SELECT position, choice, seconds, changes, flagged, confidence, first_choice, response,
        struck
    FROM answers WHERE attempt_id = ? ORDER BY position"""


def confidence_column(answer: Answer) -> str | None:
    """`answers.confidence`: the level marked, '' when the learner skipped the question
    (`Answer.mark_skipped`), NULL when it was never asked."""
    if answer.confidence is not None:
        return answer.confidence.value
    return "" if answer.mark_skipped else None


def list_column(values: tuple[int, ...] | None) -> str | None:
    """`answers.response` / `answers.struck`: a JSON list, NULL when None or empty."""
    return json.dumps(list(values)) if values else None


def question_from_row(row: sqlite3.Row, seed: int, texts: TextReader) -> Question:
    """A stored question with its texts resolved (`texts` has them loaded, or loads them);
    `seed` is its attempt's, which a question id left NULL is made from (schema 9)."""
    card_id = texts.text(row["card_text"])
    direction = texts.text(row["direction_text"])
    return Question(
        id=question_id(row["question_id"], card_id, direction, seed),
        card_id=card_id,
        topic=None if row["topic_text"] is None else texts.text(row["topic_text"]),
        direction=Direction(direction),
        stem=texts.text(row["stem_text"]),
        options=tuple(texts.texts(row["option_texts"])),
        option_card_ids=tuple(texts.texts(row["option_card_texts"])),
        answer=row["answer"],
        explanations=tuple(texts.texts(row["explanation_texts"])),
        **(json.loads(row["item"]) if row["item"] else {}),
    )


def question_text_ids(row: sqlite3.Row) -> Iterator[int]:
    """Every text id a stored question row points at (to load them in one go)."""
    yield row["card_text"]
    yield row["direction_text"]
    if row["topic_text"] is not None:
        yield row["topic_text"]
    yield row["stem_text"]
    for column in ("option_texts", "option_card_texts", "explanation_texts"):
        yield from json.loads(row[column])


def read_questions(
    conn: sqlite3.Connection, attempt_id: int, seed: int, texts: TextReader
) -> tuple[Question, ...]:
    """An attempt's questions as shown, their texts fetched in one go."""
    rows = conn.execute(_QUESTIONS_SQL, (attempt_id,)).fetchall()
    texts.load(text_id for row in rows for text_id in question_text_ids(row))
    return tuple(question_from_row(row, seed, texts) for row in rows)


def answer_from_row(row: sqlite3.Row) -> Answer:
    return Answer(
        position=row["position"],
        choice=row["choice"],
        seconds=row["seconds"],
        changes=row["changes"],
        flagged=bool(row["flagged"]),
        response=tuple(json.loads(row["response"])) if row["response"] else None,
        struck=tuple(json.loads(row["struck"])) if row["struck"] else (),
        confidence=Confidence(row["confidence"]) if row["confidence"] else None,
        mark_skipped=row["confidence"] == "",
        first_choice=row["first_choice"],
    )


def attempt_from_row(
    conn: sqlite3.Connection, row: sqlite3.Row, texts: TextReader | None = None
) -> Attempt:
    """The attempt whose ATTEMPT_COLUMNS are `row`, with its questions and answers read
    through `conn`. Call it inside a read transaction, so all the reads see one snapshot;
    an export passes one `texts` reader for all its attempts."""
    attempt_id = row["id"]
    questions = read_questions(conn, attempt_id, row["seed"], texts or TextReader(conn))
    answers = list(map(answer_from_row, conn.execute(_ANSWERS_SQL, (attempt_id,))))
    return Attempt(
        id=attempt_id,
        deck_id=row["deck_id"],
        deck_title=row["deck_title"],
        mode=AttemptMode(row["mode"]),
        status=AttemptStatus(row["status"]),
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        time_limit_seconds=row["time_limit_seconds"],
        elapsed_seconds=row["elapsed_seconds"],
        seed=row["seed"],
        blueprint=Blueprint.model_validate_json(row["blueprint"]),
        questions=questions,
        answers=answers,
        notes=tuple(json.loads(row["notes"])),
        asks_confidence=bool(row["asks_confidence"]),
        deck_path=row["deck_path"],
    )


def read_attempt(conn: sqlite3.Connection, attempt_id: int) -> Attempt | None:
    """The attempt exactly as stored; None if there is none (inside a read transaction)."""
    sql = f"SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE id = ?"
    row = conn.execute(sql, (attempt_id,)).fetchone()
    return None if row is None else attempt_from_row(conn, row)


def report_from_column(stored: str | None) -> ScoreReport | None:
    """The `attempts.report` column: the ScoreReport as JSON, NULL while in progress."""
    return None if stored is None else ScoreReport.model_validate_json(stored)


def answered_matching(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """(id, deck id, finish time) of the finished attempts holding a matching item with a
    response, oldest first: found by `json_extract` over the stored items, never by
    reading every attempt (the schema 11 and 12 upgrades read only these)."""
    return conn.execute(
        """SELECT DISTINCT a.id, a.deck_id, a.finished_at FROM attempts a
        JOIN questions q ON q.attempt_id = a.id
        JOIN answers an ON an.attempt_id = q.attempt_id AND an.position = q.position
        WHERE a.finished_at IS NOT NULL AND q.item IS NOT NULL AND an.response IS NOT NULL
          AND json_extract(q.item, '$.kind') = ?
        ORDER BY a.finished_at, a.id""",
        (ItemKind.MATCHING.value,),
    ).fetchall()
