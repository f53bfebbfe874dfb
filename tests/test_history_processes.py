"""Real processes against one history file: concurrent writers, and SIGKILL after a save."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from exam_sim.history import History
from exam_sim.models import AttemptStatus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")

TESTS = Path(__file__).resolve().parent

# Runs in the child processes. Synchronisation is by pipes, never by sleeping: a child says
# "ready" once imported and waits for "go" on stdin, so the writers start at the same moment.
CHILD = r"""
import sys
from support.history import answer, make_attempt, make_question, report_for
from exam_sim.history import History
from exam_sim.models import AttemptStatus

role, db, count, tag = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
print("ready", flush=True)
assert sys.stdin.readline().strip() == "go"
history = History(db)  # both writers may be creating the file at this very moment

if role == "writer":
    for i in range(count):
        attempt = make_attempt(deck_id=tag, started_at=f"2026-02-01T10:{i // 60:02d}:{i % 60:02d}Z")
        attempt_id = history.create_attempt(attempt)
        choices = {0: i % 3, 1: 1, 2: None}
        for position, choice in choices.items():
            history.save_answer(attempt_id, answer(position, choice, seconds=1.0 + i))
        history.save_elapsed(attempt_id, float(i))
        history.finish_attempt(
            attempt_id, status=AttemptStatus.SUBMITTED, finished_at=attempt.started_at,
            elapsed_seconds=float(i), report=report_for(attempt, choices),
        )
    print("done", flush=True)
elif role == "reader":
    for _ in range(count):
        history.attempts(limit=20)
        history.topic_trend("one")
        history.confusions()
    print("done", flush=True)
elif role == "saver":
    # One long attempt; acknowledge each answer only after save_answer has returned.
    questions = tuple(
        make_question("translate", ("transcribe", "polly"), key_at=i % 3) for i in range(count)
    )
    attempt_id = history.create_attempt(make_attempt(questions=questions))
    print("attempt", attempt_id, flush=True)
    for position in range(count):
        history.save_answer(
            attempt_id,
            answer(position, position % 3, seconds=position + 0.5, flagged=position % 2 == 1),
            elapsed_seconds=float(position),
        )
        print("saved", position, flush=True)
    sys.stdin.read()  # then wait to be killed
"""


def _start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    script = tmp_path / "child.py"
    if not script.exists():
        script.write_text(CHILD)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), *sys.path])}
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _expect(process: subprocess.Popen[str], prefix: str) -> str:
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith(prefix):
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"child said {line!r} instead of {prefix!r}; stderr:\n{err}")
    return line


def test_two_writers_at_the_same_moment_never_fail(tmp_path: Path) -> None:
    db = tmp_path / "shared" / "history.sqlite3"  # does not exist yet: both create it
    count = 30
    children = [
        _start(tmp_path, "writer", str(db), str(count), "one"),
        _start(tmp_path, "writer", str(db), str(count), "two"),
        _start(tmp_path, "reader", str(db), str(count * 3), "-"),
    ]
    for child in children:
        _expect(child, "ready")
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert "locked" not in err and out.strip() == "done"

    with History(db) as history:
        for deck in ("one", "two"):
            attempts = history.attempts(deck_id=deck)
            assert len(attempts) == count
            assert all(a.status is AttemptStatus.SUBMITTED and a.answered == 2 for a in attempts)
            assert history.card_stats(deck)["translate"].seen == count
            assert len(history.topic_trend(deck)) == 2 * count
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 2 * count * 3
    conn.close()


@pytest.mark.parametrize("run", range(4))
def test_sigkill_after_acknowledged_saves_loses_nothing(tmp_path: Path, run: int) -> None:
    db = tmp_path / "history.sqlite3"
    total = 40
    # Kill at a random point: right after the first acknowledgement, mid-stream (the child
    # keeps writing, so the kill may land inside a transaction), or after the last one.
    acknowledged = random.Random(run).choice([1, random.Random(run).randint(2, total - 1), total])
    child = _start(tmp_path, "saver", str(db), str(total), "-")
    _expect(child, "ready")
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()
    attempt_id = int(_expect(child, "attempt").split()[1])
    for position in range(acknowledged):
        assert _expect(child, "saved").split() == ["saved", str(position)]
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    child.stdout.close()  # type: ignore[union-attr]
    child.stderr.close()  # type: ignore[union-attr]
    child.stdin.close()

    with History(db) as history:
        attempt = history.load_attempt(attempt_id)
        for position in range(acknowledged):
            saved = attempt.answers[position]
            assert saved.choice == position % 3, position
            assert saved.seconds == position + 0.5
            assert saved.flagged == (position % 2 == 1)
        assert attempt.elapsed_seconds >= acknowledged - 1
        (resumable,) = history.unfinished()
        assert resumable.id == attempt_id and resumable.answered >= acknowledged
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
