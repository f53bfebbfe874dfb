"""`exam-sim exam|drill --confidence --plain`: the marking protocol line by line, what it
refuses, the results line, and the marks in the JSON and CSV exports (in-process CLI on a
real SQLite file)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import lines, run_cli

from exam_sim.history import History
from exam_sim.models import Confidence

DECK = "aws-ml-specialty"
PROMPT = "How sure are you? 7 guess · 8 unsure · 9 sure (Enter: skip)"


def test_a_mock_asks_takes_only_a_mark_and_marks_again_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "history.sqlite3")
    script = lines("a", "s", "9", "b", "", "go 2", "guess", "go 3", "c", "8", "s", "y")
    code, out, _ = run_cli(
        monkeypatch,
        capsys,
        ["--db", db, "exam", DECK, "--plain", "--questions", "3", "--seed", "4", "--confidence"],
        script,
    )
    assert code == 0
    assert "After each answer, say how sure you are: 7 guess · 8 unsure · 9 sure" in out
    assert "--seed 4 --questions 3 --confidence" in out  # the same exam again, marking too
    assert out.count(PROMPT) == 3
    # A stray `s` at the prompt is never a submit.
    assert "First say how sure you are: 7 guess · 8 unsure · 9 sure, or Enter to skip." in out
    assert "saved: question 1 marked sure" in out
    assert "saved: question 2 marked guess" in out  # marked later, after go 2
    assert "saved: question 3 marked unsure" in out
    assert "✓ Correct" not in out and "✗ Wrong" not in out  # a mock gives no feedback
    assert "Confidence: " in out and "certainty-based score" in out
    with History(db) as history:
        attempt = history.load_attempt(1)
    assert attempt.asks_confidence and len(attempt.questions) == 3
    assert [a.confidence for a in attempt.answers] == [
        Confidence.SURE,
        Confidence.GUESS,
        Confidence.UNSURE,
    ]


def test_a_drill_takes_no_mark_after_its_feedback_and_plain_drills_do_not_ask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "history.sqlite3")
    argv = ["--db", db, "drill", DECK, "--plain", "--count", "2", "--seed", "4"]
    code, out, _ = run_cli(monkeypatch, capsys, [*argv, "--confidence"], lines("a", "", "p", "9"))
    assert code == 0
    feedback = out.index("✓ Correct") if "✓ Correct" in out else out.index("✗ Wrong")
    assert out.index(PROMPT) < feedback  # asked before the feedback
    assert "in a drill an answer is marked right after it is given, before its feedback." in out
    code, out, _ = run_cli(monkeypatch, capsys, argv, lines("a", "9"))
    assert PROMPT not in out
    assert "this session does not ask how sure you are" in out


def test_the_exports_carry_each_answers_mark_and_first_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "history.sqlite3")
    # Question 1: A then changed to B (its first choice stays A), marked sure.
    script = lines("a", "7", "go 1", "b", "9", "c", "", "s", "y")
    _, results, _ = run_cli(
        monkeypatch,
        capsys,
        ["--db", db, "exam", DECK, "--plain", "--questions", "2", "--seed", "4", "--confidence"],
        script,
    )
    # The plain results say what the TUI's do: the change, the time per topic (the slowest
    # questions too, once one took a second: tests/test_insights.py).
    report = results[results.index("Score report") :]
    assert "Answer changes: " in report and " right → wrong, " in report
    assert "Time by topic (used of budget): " in report
    export = ["--db", db, "history", "--csv", "--table", "answers"]
    code, out, _ = run_cli(monkeypatch, capsys, export)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["number"], r["choice"], r["first_choice"], r["confidence"]) for r in rows] == [
        ("1", "B", "A", "sure"),
        ("2", "C", "C", ""),
    ]
    code, out, _ = run_cli(monkeypatch, capsys, ["--db", db, "history", "--json"])
    (attempt,) = json.loads(out)["attempts"]
    assert attempt["asks_confidence"] is True
    marks = attempt["insights"]["confidence"]
    assert marks["marked"] == 1 and marks["cbm_max"] == 3
    wrong = rows[0]["correct"] == "0"
    assert marks["confident_errors"] == ([1] if wrong else [])
    assert marks["cbm_score"] == (-6 if wrong else 3)


def test_retry_takes_confidence_like_exam_and_drill(tmp_path: Path) -> None:
    """`exam-sim retry N --confidence`, run as a learner runs it (a subprocess, stdin piped):
    it asks how sure each answer was before the feedback, and keeps the marks."""
    db = str(tmp_path / "history.sqlite3")

    def cli(*argv: str, stdin: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "exam_sim", "--db", db, *argv],
            input=stdin, capture_output=True, text=True, timeout=60,
            env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        )  # fmt: skip

    # A mock left unanswered: all three questions are missed, so the retry asks all three.
    mock = cli("exam", DECK, "--plain", "--questions", "3", "--seed", "4", stdin=lines("s", "y"))
    assert mock.returncode == 0, mock.stderr
    retry = cli("retry", "1", "--confidence", stdin=lines("a", "9", "b", "7", "c", "", "s", "y"))
    assert retry.returncode == 0, retry.stderr
    assert "After each answer, say how sure you are: 7 guess · 8 unsure · 9 sure" in retry.stdout
    assert retry.stdout.count(PROMPT) == 3
    assert "Confidence: " in retry.stdout and "certainty-based score" in retry.stdout
    with History(db) as history:
        again = history.load_attempt(2)
    # A wrong answer marked sure is asked once more at the end (hypercorrection): 3 or 4.
    assert again.asks_confidence and len(again.questions) in (3, 4)
    marks = [a.confidence for a in again.answers[:3]]
    assert marks == [Confidence.SURE, Confidence.GUESS, None]
    plain = cli("retry", "1", stdin=lines("a", "9"))  # without the flag it does not ask
    assert plain.returncode == 0, plain.stderr
    assert PROMPT not in plain.stdout
