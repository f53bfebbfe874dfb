"""Confidence marking survives a SIGKILL: a `--plain` drill and mock started with
`--confidence` keep every mark they acknowledged, the resumed session keeps asking, and the
results show calibration and the certainty-based score.

A real `python -m exam_sim` process on a fresh SQLite file, fed line by line; the test waits
for the acknowledgement lines (no sleeps). The Child harness is test_kill_resume's.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from exam_sim.history import History
from exam_sim.models import AttemptStatus, Confidence
from tests.test_kill_resume import LINE_TIMEOUT, Child

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

DECK = "aws-ml-specialty"
PROMPT = re.compile(r"^How sure are you\? 7 guess · 8 unsure · 9 sure \(Enter: skip\)$")
MARKED = re.compile(r"^saved: question (\d+) marked (guess|unsure|sure)$")
VERDICT = re.compile(r"^(✓ Correct|✗ Wrong)")
AGAIN = re.compile(r"^You were sure, and it was wrong: it is asked again as question (\d+)")
HEADER = re.compile(r"^Question (\d+) of (\d+) · ")


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONIOENCODING="utf-8")  # EXAM_SIM_HOME: the `home` fixture


def _resume(db: Path, script: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "--db", str(db), "resume", "--plain"],
        input=script,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=LINE_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_killed_drill_keeps_its_marks_and_asks_again_when_resumed(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    child = Child(
        [sys.executable, "-m", "exam_sim", "--db", str(db), "drill", DECK, "--plain",
         "--count", "4", "--seed", "11", "--confidence"],
        _env(),
    )  # fmt: skip
    try:
        child.expect(HEADER)
        # Question 1: answered, marked sure; the feedback comes after the mark.
        child.send("a\n")
        child.expect(PROMPT)
        child.send("9\n")
        assert child.expect(MARKED).groups() == ("1", "sure")
        wrong = child.expect(VERDICT)[1].startswith("✗")
        total = 4
        if wrong:  # a confident error: asked again at the end, stored at once
            total = int(child.expect(AGAIN)[1])
            assert total == 5
        assert int(child.expect(HEADER)[2]) == total
        # Question 2: answered, then killed while its mark is asked.
        child.send("b\n")
        child.expect(PROMPT)
        child.kill()
    finally:
        if child.proc.poll() is None:
            child.proc.kill()
            child.proc.wait()
    with History(db) as store:
        attempt = store.load_attempt(1)
    assert attempt.status is AttemptStatus.IN_PROGRESS and attempt.asks_confidence
    assert [a.confidence for a in attempt.answers[:2]] == [Confidence.SURE, None]
    assert attempt.answers[1].choice == 1 and len(attempt.questions) == total
    # Resumed: the marks so far are shown, the mark the kill cut short is asked first (then
    # question 2's feedback, never seen), the session still asks, and the results say it.
    left = total - 2  # questions 3 on, each answered and marked
    pairs = zip("abc"[:left], "789"[:left], strict=True)
    script = "8\n" + "".join(f"{letter}\n{mark}\n" for letter, mark in pairs)
    out = _resume(db, script + "s\ny\n")
    assert re.search(r"^Your answers so far: 1 → A \(sure\) · 2 → B$", out, re.M), out
    assert "After each answer, say how sure you are: 7 guess · 8 unsure · 9 sure" in out
    resumed = out.split("The clock runs again from now.", 1)[1]
    assert re.search(rf"^Question 2 of {total} · ", resumed, re.M), resumed
    marked = resumed.index("saved: question 2 marked unsure")
    assert resumed.index("How sure are you?") < marked
    assert VERDICT.match(resumed[marked:].splitlines()[1])  # then its feedback
    assert "saved: question 3 marked guess" in out
    assert re.search(r"^Confidence: .*certainty-based score [+-]\d+ of \+\d+", out, re.M), out
    with History(db) as store:
        finished = store.load_attempt(1)
    assert finished.status is AttemptStatus.SUBMITTED
    marks = [a.confidence for a in finished.answers]
    assert marks[:3] == [Confidence.SURE, Confidence.UNSURE, Confidence.GUESS]
    assert all(mark is not None for mark in marks[2:])


def test_a_killed_mock_keeps_its_marks_never_asks_again_and_lists_confident_errors(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    child = Child(
        [sys.executable, "-m", "exam_sim", "--db", str(db), "exam", DECK, "--plain",
         "--questions", "3", "--seed", "5", "--confidence"],
        _env(),
    )  # fmt: skip
    try:
        child.expect(HEADER)
        for number, (letter, mark) in enumerate((("a", "9"), ("b", "9")), start=1):
            child.send(f"{letter}\n")
            child.expect(PROMPT)
            child.send(f"{mark}\n")
            assert child.expect(MARKED).groups() == (str(number), "sure")
            # No feedback and no re-asking in a mock: the next question, of 3.
            assert child.expect(HEADER).groups() == (str(number + 1), "3")
        child.kill()
    finally:
        if child.proc.poll() is None:
            child.proc.kill()
            child.proc.wait()
    out = _resume(db, "c\n8\ns\ny\n")
    assert re.search(r"^Your answers so far: 1 → A \(sure\) · 2 → B \(sure\)$", out, re.M), out
    assert "✓ Correct" not in out and "✗ Wrong" not in out
    with History(db) as store:
        attempt = store.load_attempt(1)
    assert len(attempt.questions) == 3  # a mock never adds a question
    assert [a.confidence for a in attempt.answers] == [
        Confidence.SURE,
        Confidence.SURE,
        Confidence.UNSURE,
    ]
    errors = [
        a.position + 1
        for q, a in zip(attempt.questions, attempt.answers, strict=True)
        if a.confidence is Confidence.SURE and not a.is_correct(q)
    ]
    line = next(x for x in out.splitlines() if x.startswith("Confidence: "))
    if errors:
        assert line.endswith(
            f"sure but wrong: question{'s' * (len(errors) > 1)} {', '.join(map(str, errors))}"
        )
    else:
        assert "sure but wrong" not in line
