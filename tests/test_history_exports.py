"""Exports that deck text cannot turn against the reader, and that never hide damage;
question texts stored once without changing what an old attempt shows."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from support import run_cli
from support.history import answer, make_attempt, report_for

from exam_sim.history import History, spreadsheet_safe
from exam_sim.models import AttemptStatus, Direction, Question

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Deck text as a hostile deck writes it: every cell would start a formula.
HOSTILE = {
    "stem": '=HYPERLINK("http://evil.example","click")',
    "key": "+1+cmd|' /C calc'!A0",
    "wrong": "-2+3",
    "other": "@SUM(1+1)",
    "tabbed": "\t=1+1",
    "returned": "\r=1+1",
}


def _hostile_question() -> Question:
    return Question(
        id="cmd:d2t",
        card_id="cmd",
        topic="ai",
        direction=Direction.DEFINITION_TO_TERM,
        stem=HOSTILE["stem"],
        options=(HOSTILE["key"], HOSTILE["wrong"], HOSTILE["other"], HOSTILE["tabbed"]),
        option_card_ids=("cmd", "minus", "plus", "at"),
        answer=0,
        explanations=(HOSTILE["returned"], "", "", ""),
    )


def _finished_hostile(history: History) -> int:
    attempt = make_attempt(deck_id="hostile", questions=(_hostile_question(),))
    attempt = attempt.model_copy(update={"deck_title": "=Deck title"})
    attempt_id = history.create_attempt(attempt)
    history.save_answer(attempt_id, answer(0, 1))
    report = report_for(attempt, {0: 1})
    hostile_topics = tuple(t.model_copy(update={"name": "=Topic name"}) for t in report.topics)
    report = report.model_copy(update={"topics": hostile_topics})
    history.finish_attempt(
        attempt_id,
        status=AttemptStatus.SUBMITTED,
        finished_at="2026-01-01T11:00:00+00:00",
        elapsed_seconds=30.0,
        report=report,
    )
    return attempt_id


def _is_inert(cell: str) -> bool:
    """A cell no spreadsheet evaluates: no formula start, unless it is a plain number."""
    if not cell.startswith(FORMULA_STARTS):
        return True
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_spreadsheet_safe_follows_the_owasp_advice() -> None:
    for text in HOSTILE.values():
        assert spreadsheet_safe(text) == "'" + text
    assert spreadsheet_safe("Amazon SageMaker") == "Amazon SageMaker"
    assert spreadsheet_safe("") == ""


def test_csv_cells_from_deck_text_never_start_a_formula(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "history.sqlite3"
    with History(db) as history:
        _finished_hostile(history)
    checked = 0
    for view in (
        ["history", "--csv"],
        ["history", "--csv", "--table", "answers"],
        ["history", "show", "1", "--csv"],
        ["history", "topics", "--csv"],
        ["history", "confusions", "--csv"],
    ):
        code, out, err = run_cli(monkeypatch, capsys, ["--db", str(db), *view])
        assert (code, err) == (0, ""), view
        rows = list(csv.reader(io.StringIO(out, newline="")))
        assert len(rows) >= 2, view
        for row in rows:
            for cell in row:
                assert _is_inert(cell), (view, cell)
                checked += 1
    # The text is all there, behind its quote: nothing was dropped.
    code, out, _ = run_cli(monkeypatch, capsys, ["--db", str(db), "history", "show", "1", "--csv"])
    (row,) = list(csv.DictReader(io.StringIO(out, newline="")))
    assert row["stem"] == "'" + HOSTILE["stem"]
    assert row["key_text"] == "'" + HOSTILE["key"]
    assert row["chosen_text"] == "'" + HOSTILE["wrong"]
    assert checked > 50
    # JSON is data for programs, not spreadsheets: it keeps the text exactly.
    code, out, _ = run_cli(monkeypatch, capsys, ["--db", str(db), "history", "--json"])
    (attempt,) = json.loads(out)["attempts"]
    assert attempt["questions"][0]["stem"] == HOSTILE["stem"]


def _damaged_history(path: Path, attempts: int = 300) -> None:
    """A history whose attempts table lost most of its rows *without* SQLite noticing: the
    root page's cell count is cut to 1, so a scan of the table ends early with no error,
    while the indexes still list every attempt (what a torn write can leave behind)."""
    with History(path) as history:
        for number in range(attempts):
            attempt = make_attempt(started_at=f"2026-01-01T10:{number % 60:02d}:00+00:00")
            history.create_attempt(attempt.model_copy(update={"notes": ("n" * 1500,)}))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root, page_size = conn.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_schema "
        "WHERE name = 'attempts'"
    ).fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    header = (root - 1) * page_size
    assert data[header] == 0x05  # an interior table page: many attempts
    data[header + 3 : header + 5] = (1).to_bytes(2, "big")  # number of cells
    path.write_bytes(bytes(data))
    readable = sqlite3.connect(path).execute("SELECT count(*) FROM attempts NOT INDEXED")
    assert readable.fetchone()[0] < attempts  # silently fewer: the damage the export must see


@pytest.mark.parametrize(
    "view", [["--json"], ["--csv"], ["--csv", "--table", "answers"]], ids=" ".join
)
def test_exports_of_a_damaged_history_fail_in_one_sentence(tmp_path: Path, view: list[str]) -> None:
    db = tmp_path / "damaged.sqlite3"
    _damaged_history(db)
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "--db", str(db), "history", *view],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""  # nothing half-exported
    assert result.stderr.count("\n") == 1
    assert "is damaged: it lists 300 attempts but only" in result.stderr
    assert "Traceback" not in result.stderr


def test_lost_question_rows_are_reported_not_skipped(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    with History(db) as history:
        history.create_attempt(make_attempt())
    conn = sqlite3.connect(db)  # as a damaged page would: the answers of question 2 gone
    conn.execute("DELETE FROM answers WHERE position = 1")
    conn.commit()
    conn.close()
    with History(db) as history:
        for export in (
            lambda out: history.export_json(out),
            lambda out: history.export_csv(out, table="answers"),
        ):
            with pytest.raises(Exception, match="is damaged") as caught:
                export(io.StringIO())
            assert "attempt 1" in str(caught.value)


def test_each_text_is_stored_once_and_every_attempt_shows_exactly_what_was_asked(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    near = Question(  # texts that differ only in ways a careless dedup would merge
        id="near:d2t",
        card_id="near",
        topic=None,
        direction=Direction.DEFINITION_TO_TERM,
        stem="Amazon Translate",
        options=("Amazon Translate ", "amazon translate", "Amazon  Translate", "Amazon Translate"),
        option_card_ids=("a", "b", "c", "near"),
        answer=3,
        explanations=("é", "é", "", ""),  # composed and decomposed é
    )
    with History(db) as history:
        first = make_attempt()
        ids = [history.create_attempt(first) for _ in range(20)]
        odd = make_attempt(questions=(near,))
        odd_id = history.create_attempt(odd)
        for attempt_id in ids:
            assert history.load_attempt(attempt_id).questions == first.questions
        assert history.load_attempt(odd_id).questions == odd.questions
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM texts").fetchone()[0]
    distinct = {  # since schema 9 the card ids, topics and directions are texts too
        text
        for attempt in (first, odd)
        for q in attempt.questions
        for text in (q.stem, *q.options, *q.explanations, q.card_id, *q.option_card_ids,
                     q.direction.value, *([q.topic] if q.topic else []))
    }  # fmt: skip
    assert stored == len(distinct)
    conn.close()
