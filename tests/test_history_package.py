"""What the history package promises beyond the store's API: the old import names, rows read
by name, SQLite errors told by their code, and exports streamed from one snapshot."""

from __future__ import annotations

import csv
import inspect
import io
import json
import sqlite3
from pathlib import Path

import pytest
from support.history import answer, make_attempt, report_for

import exam_sim.history as history_package
from exam_sim.history import History, HistoryError, export, guards, rows
from exam_sim.history.records import Confusion
from exam_sim.models import AttemptStatus


@pytest.fixture
def history(tmp_path: Path):
    with History(tmp_path / "history.sqlite3") as opened:
        yield opened


def _finished(history: History, started_at: str) -> int:
    attempt = make_attempt(started_at=started_at)
    attempt_id = history.create_attempt(attempt)
    history.save_answer(attempt_id, answer(0, 1))
    history.finish_attempt(
        attempt_id,
        status=AttemptStatus.SUBMITTED,
        finished_at=started_at,
        elapsed_seconds=60.0,
        report=report_for(attempt, {0: 1}),
    )
    return attempt_id


def test_every_name_the_single_module_offered_is_still_importable() -> None:
    for name in (
        "APPLICATION_ID",
        "BUSY_TIMEOUT_MS",
        "LETTERS",
        "MIGRATIONS",
        "SCHEMA_VERSION",
        "AttemptSummary",
        "CardStats",
        "Confusion",
        "History",
        "HistoryError",
        "TopicAverage",
        "TopicTrendPoint",
        "utc_now",
    ):
        assert hasattr(history_package, name), name
    assert history_package.Confusion is Confusion


def test_rows_are_read_by_name(history: History) -> None:
    assert history._db.row_factory is sqlite3.Row


def test_a_select_that_does_not_name_the_record_fields_is_refused(history: History) -> None:
    sql = "SELECT id AS attempt_id, started_at FROM attempts"
    with pytest.raises(AssertionError, match="the record needs"):
        rows.fetch_as(history._db, rows.trend_point_row, rows.TREND_FIELDS, sql)


def test_busy_is_told_by_the_error_code_not_the_message(tmp_path: Path) -> None:
    path = tmp_path / "lock.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    waiter = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError) as caught:
            waiter.execute("BEGIN IMMEDIATE")
        assert caught.value.sqlite_errorname == "SQLITE_BUSY"
        assert guards.is_busy(caught.value)
        with pytest.raises(sqlite3.OperationalError) as syntax:
            waiter.execute("SELEC 1")
        assert not guards.is_busy(syntax.value)
    finally:
        holder.close()
        waiter.close()
    # Words alone do not make an error "busy": only SQLite's code does.
    assert not guards.is_busy(sqlite3.OperationalError("database is locked"))
    assert not guards.is_busy(sqlite3.ProgrammingError("Cannot operate on a closed database."))


def test_a_write_that_waited_too_long_says_another_exam_sim_held_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guards, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "history.sqlite3"
    with History(path) as history:
        attempt_id = history.create_attempt(make_attempt())
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(HistoryError, match="another exam-sim held it") as caught:
                history.save_elapsed(attempt_id, 5.0)
            assert "could not be written" in str(caught.value)
        finally:
            other.close()
        history.save_elapsed(attempt_id, 5.0)  # and once it is free, the write goes through


class _Recorder(io.StringIO):
    """Counts the writes, and may run something after the first one."""

    def __init__(self, after_first=None) -> None:
        super().__init__()
        self.writes = 0
        self.after_first = after_first

    def write(self, text: str) -> int:
        self.writes += 1
        written = super().write(text)
        if self.writes == 2 and self.after_first is not None:  # the header, then attempt 1
            self.after_first()
        return written


def test_exports_are_generators_written_piece_by_piece(history: History) -> None:
    for day in (1, 2, 3):
        _finished(history, f"2026-01-0{day}T10:00:00Z")
    conn = history._db
    for produce in (export.attempt_documents, export.attempt_rows, export.answer_rows):
        assert inspect.isgenerator(produce(conn)), produce.__name__
    out = _Recorder()
    history.export_json(out)
    assert out.writes == 1 + 3 + 1  # opening, one per attempt, closing
    out = _Recorder()
    history.export_csv(out, table="answers")
    assert out.writes == 1 + 3 * 3  # the header, then one per question (csv writes each row)


def test_an_export_is_one_snapshot_while_another_exam_sim_deletes(history: History) -> None:
    ids = [_finished(history, f"2026-01-0{day}T10:00:00Z") for day in (1, 2, 3)]

    def delete(attempt_id: int) -> None:
        with History(history.path) as other:  # a second connection, as another process has
            other.delete_attempt(attempt_id)

    out = _Recorder(after_first=lambda: delete(ids[-1]))
    history.export_json(out)
    assert [a["id"] for a in json.loads(out.getvalue())["attempts"]] == ids
    assert [s.id for s in history.attempts()] == ids[1::-1]  # the delete itself went through

    out = _Recorder(after_first=lambda: delete(ids[0]))
    history.export_csv(out, table="attempts")
    exported = [row["attempt_id"] for row in csv.DictReader(io.StringIO(out.getvalue()))]
    assert exported == [str(ids[0]), str(ids[1])]
    assert [s.id for s in history.attempts()] == [ids[1]]
