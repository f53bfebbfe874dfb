"""No review lost or counted twice: a `--plain` study session killed with SIGKILL keeps its
answers, writes no review until it is finished, and writes each exactly once when the
resumed attempt is finished (reviews are keyed by attempt and question)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_kill_resume import LINE_TIMEOUT, Child

from exam_sim.history import History
from exam_sim.models import AttemptStatus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

CARD = re.compile(r"^Card (\d+) of (\d+)")
SAVED = re.compile(r"^saved: card (\d+) → ([A-F])$")
MARKED = re.compile(r"^saved: (guess|unsure|sure)$")


def _reviews(db: Path) -> list[tuple[int, int]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT attempt_id, position FROM reviews ORDER BY 1, 2").fetchall()
    conn.close()
    return rows


@pytest.mark.slow
@pytest.mark.parametrize("answered", [1, 3])
def test_sigkilled_study_session_counts_each_review_once(tmp_path: Path, answered: int) -> None:
    db = tmp_path / "history.sqlite3"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    child = Child(
        [sys.executable, "-m", "exam_sim", "--db", str(db), "study", "aws-ml-specialty",
         "--plain", "--new-per-day", "5"],
        env,
    )  # fmt: skip
    try:
        child.expect(CARD)
        for number in range(1, answered + 1):
            child.send("a\n")
            assert int(child.expect(SAVED)[1]) == number
            child.send("s\n")
            child.expect(MARKED)
        child.send("b\n")  # sent, maybe saved, never acknowledged
        child.kill()
    finally:
        if child.proc.poll() is None:
            child.proc.kill()
            child.proc.wait()
    with History(db) as history:
        attempt = history.load_attempt(1)
        assert attempt.status is AttemptStatus.IN_PROGRESS
        given = [a.position for a in attempt.answers if a.choice is not None]
        assert given[:answered] == list(range(answered))
        assert all(a.confidence == "sure" for a in attempt.answers[:answered])
    assert _reviews(db) == []  # unfinished: nothing scheduled yet, nothing lost either

    runs = []
    for _ in range(2):  # the second resume finds it finished and changes nothing
        runs.append(subprocess.run(
            [sys.executable, "-m", "exam_sim", "--db", str(db), "resume", "1", "--plain"],
            input="submit\ny\n", capture_output=True, text=True, env=env, timeout=LINE_TIMEOUT,
        ))  # fmt: skip
    # What each resume said, should the reviews below not be what its submit wrote.
    said = [f"exit {run.returncode}: {run.stdout[-600:]} {run.stderr[-600:]}" for run in runs]
    assert runs[0].returncode == 0, said
    assert _reviews(db) == [(1, p) for p in given], said
    with History(db) as history:
        # Finished on resume, it keeps the cards it reached, not the ones never asked.
        assert len(history.load_attempt(1).questions) == max(given) + 1
        memories = history.memories("aws-ml-specialty")
        assert sum(m.reviews for m in memories.values()) == len(given)
        conn = sqlite3.connect(db)
        before = conn.execute("SELECT * FROM card_memory ORDER BY card_id").fetchall()
        history.rebuild_memory()
        assert conn.execute("SELECT * FROM card_memory ORDER BY card_id").fetchall() == before
        conn.close()
