"""A full disk and a damaged file (issue 14 items 5 and 6).

- During a session: one sentence (the disk is full, nothing acknowledged was lost, how to
  resume), exit code 2, no traceback; every acknowledged answer is in the file afterwards.
- Opening a healthy history on a full disk says so, never "not an exam-sim history".
- A file that fails `PRAGMA quick_check` gets no new attempt.

The full disk is real: a 1 MB tmpfs where the system lets the test mount one (root, or an
unprivileged user namespace), else SQLite's own page limit (`PRAGMA max_page_count`, which
fails writes with the same SQLITE_FULL) on a real file in tmp_path.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from exam_sim.errors import HistoryError
from exam_sim.exam import ExamSession, SessionRequest, plan_session
from exam_sim.history import History
from exam_sim.history.records import DiskFull
from exam_sim.models import AttemptMode, AttemptStatus

DECK = "aws-ml-specialty"


def _mount_tmpfs(folder: Path) -> bool:
    folder.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB file system of its own (skipped where mounting is not allowed)."""
    folder = tmp_path / "tiny"
    if not _mount_tmpfs(folder):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def _fill(folder: Path) -> None:
    descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _exam_sim(db: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exam_sim", "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_full_disk_during_a_session_is_one_sentence(tiny_disk: Path) -> None:
    db = tiny_disk / "history.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-m", "exam_sim", "--db", str(db), "exam", DECK, "--plain",
         "--questions", "65", "--seed", "1"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    child.stdin.write("a\nb\n")
    child.stdin.flush()
    acknowledged = 0
    while acknowledged < 2:
        line = child.stdout.readline()
        assert line, "exam-sim ended early"
        acknowledged += line.startswith("saved: ")
    _fill(tiny_disk)
    out, err = child.communicate("".join("c\n" for _ in range(40)) + "submit\ny\n", timeout=120)
    assert child.returncode == 2
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert err.startswith(f"exam-sim: the disk holding {db} is full: every answer confirmed ")
    assert "resume 1." in err
    (tiny_disk / "filler").unlink()
    with History(db) as history:
        attempt = history.load_attempt(1)
    assert attempt.status is AttemptStatus.IN_PROGRESS
    given = [a.choice for a in attempt.answers if a.choice is not None]
    assert given[:2] == [0, 1]  # acknowledged before the disk filled: kept
    # What the learner was told was saved is in the file, and nothing more.
    assert len(given) == 2 + out.count("saved: ")


def test_a_healthy_history_on_a_full_disk_is_not_called_foreign(tiny_disk: Path) -> None:
    db = tiny_disk / "history.sqlite3"
    made = _exam_sim(db, "exam", DECK, "--plain", "--questions", "3", stdin="a\nquit\n")
    assert made.returncode == 0, made.stderr
    _fill(tiny_disk)
    for args in (("history",), ("history", "show", "1"), ("resume", "1", "--plain")):
        result = _exam_sim(db, *args)
        assert "not an exam-sim history" not in result.stderr
        assert "Traceback" not in result.stderr
        if result.returncode:
            assert result.returncode == 2
            assert "full" in result.stderr, result.stderr


def _open_attempt(history: History) -> ExamSession:
    from exam_sim.decks import resolve_deck

    setup = plan_session(
        SessionRequest(mode=AttemptMode.MOCK, questions=65, seed=3), resolve_deck(DECK)
    )
    return ExamSession(setup.new_attempt(), store=history)


def test_the_page_limit_gives_the_same_sentence_and_keeps_every_answer(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    with History(db) as history:
        session = _open_attempt(history)
        for _ in range(65):
            session.answer(session.current % 2)
            session.next()
        # SQLite's own limit: the next write that needs a page fails with SQLITE_FULL.
        pages = history._db.execute("PRAGMA page_count").fetchone()[0]
        history._db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFull) as refused:
            session.submit()  # the score's rows (per card, per topic) need new pages
        assert "is full: every answer confirmed as saved is in the history" in str(refused.value)
        assert refused.value.sentence().endswith("resume 1.")
        with pytest.raises(DiskFull, match="nothing was changed; free some space"):
            _open_attempt(history)  # a new attempt needs pages too
    with History(db) as history:
        attempt = history.load_attempt(1)
        assert attempt.status is AttemptStatus.IN_PROGRESS  # the submit was not half-done
        assert [a.choice for a in attempt.answers] == [n % 2 for n in range(65)]
        assert len(history.attempts()) == 1
        assert history._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _damage(db: Path) -> None:
    """Overwrite one page of the questions table in the middle of the file."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'questions'")
        page = root.fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with db.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xff" * size)


def test_no_attempt_is_written_into_a_file_that_fails_quick_check(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    made = _exam_sim(db, "exam", DECK, "--plain", "--questions", "3", stdin="a\nquit\n")
    assert made.returncode == 0, made.stderr
    _damage(db)
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
    started = _exam_sim(db, "exam", DECK, "--plain", "--questions", "3", stdin="a\nquit\n")
    assert started.returncode == 2
    assert "Traceback" not in started.stderr
    assert f"{db} is damaged (" in started.stderr
    assert "no session was started or saved in it" in started.stderr
    resumed = _exam_sim(db, "resume", "1", "--plain", stdin="b\n")  # its questions are gone
    assert resumed.returncode == 2 and "Traceback" not in resumed.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == before
    with History(db) as history, pytest.raises(HistoryError, match="is damaged"):
        history.check_before_writing()
