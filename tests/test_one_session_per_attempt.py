"""One session per attempt (issue 14 item 2): two `resume --plain` processes on the same
attempt never lose an acknowledged answer.

Real `python -m exam_sim` processes on one SQLite file, fed line by line through pipes
(no sleeps: each step waits for the line that acknowledges it). The second session is
refused in one sentence that says where the attempt is open and how to take it over;
`--take-over` opens it with every answer the first acknowledged, and the first then
stops at its next write instead of overwriting anything; a killed session's attempt is
opened again without asking; the stored report is the stored answers' own score.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from exam_sim.history import History
from exam_sim.models import AttemptStatus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX process ids")

DECK = "aws-ml-specialty"
LINE_TIMEOUT = 60.0  # a safety net against a hung child, never a synchronisation
SAVED = re.compile(r"^saved: question (\d+) → ([A-F])$")
QUESTION = re.compile(r"^Question \d+ of \d+ · ")


class Child:
    """A running exam-sim whose stdout lines arrive through a queue."""

    def __init__(self, db: Path, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "exam_sim", "--db", str(db), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.put(raw.decode("utf-8").rstrip("\n"))
        self.lines.put(None)

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode("utf-8"))
        self.proc.stdin.flush()

    def expect(self, pattern: re.Pattern[str]) -> re.Match[str]:
        while True:
            line = self.lines.get(timeout=LINE_TIMEOUT)
            if line is None:
                raise AssertionError(f"exam-sim ended before {pattern.pattern!r}: {self.seen}")
            self.seen.append(line)
            match = pattern.match(line)
            if match:
                return match

    def finish(self) -> tuple[int, list[str], str]:
        """Close its input; its exit code, remaining stdout lines and stderr."""
        assert self.proc.stdin is not None and self.proc.stderr is not None
        self.proc.stdin.close()
        code = self.proc.wait(timeout=LINE_TIMEOUT)
        rest = []
        while (line := self.lines.get(timeout=LINE_TIMEOUT)) is not None:
            rest.append(line)
        return code, rest, self.proc.stderr.read().decode("utf-8")


def _answers(db: Path, attempt_id: int) -> dict[int, int]:
    with History(db) as history:
        attempt = history.load_attempt(attempt_id)
    return {a.position + 1: a.choice for a in attempt.answers if a.choice is not None}


def _start_attempt(db: Path) -> int:
    """A 6-question mock left unfinished after its first answer."""
    child = Child(db, "exam", DECK, "--plain", "--questions", "6", "--seed", "4")
    child.expect(QUESTION)
    child.send("a\n")
    child.expect(SAVED)
    code, _, stderr = child.finish()
    assert code == 0, stderr
    return 1


def test_a_second_session_is_refused_then_takes_over_without_losing_an_answer(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    attempt_id = _start_attempt(db)
    first = Child(db, "resume", str(attempt_id), "--plain")
    first.expect(QUESTION)
    first.send("b\n")
    assert first.expect(SAVED).groups() == ("2", "B")  # acknowledged by the first session

    second = Child(db, "resume", str(attempt_id), "--plain")
    code, out, err = second.finish()
    assert code == 2
    assert not any(SAVED.match(line) for line in out)
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"attempt {attempt_id} is open in another session (exam-sim --plain, " in err
    assert f"process {first.proc.pid} on {socket.gethostname()}" in err
    assert f"exam-sim resume {attempt_id} --take-over" in err
    assert _answers(db, attempt_id) == {1: 0, 2: 1}  # the refused session wrote nothing

    taker = Child(db, "resume", str(attempt_id), "--plain", "--take-over")
    given = taker.expect(re.compile(r"^Your answers so far: (.*)$"))
    assert given.group(1) == "1 → A · 2 → B"  # every answer the first one acknowledged
    taker.expect(QUESTION)

    first.send("c\n")  # the first session's next write is refused: nothing acknowledged
    code, out, err = first.finish()
    assert code == 2
    assert not any(SAVED.match(line) for line in out)
    assert "was taken over by another session (exam-sim --plain, " in err
    assert "Traceback" not in err and err.count("\n") == 1

    taker.send("d\n")
    assert taker.expect(SAVED).groups() == ("3", "D")
    taker.send("submit\ny\n")
    correct = taker.expect(re.compile(r"^Correct: (\d+) of 6 .*· answered (\d+),"))
    code, _, err = taker.finish()
    assert code == 0, err
    stored = _answers(db, attempt_id)
    assert stored == {1: 0, 2: 1, 3: 3}
    with History(db) as history:
        attempt = history.load_attempt(attempt_id)
        report = history.load_report(attempt_id)
    assert attempt.status is AttemptStatus.SUBMITTED and report is not None
    right = sum(a.is_correct(q) for q, a in zip(attempt.questions, attempt.answers, strict=True))
    assert (report.answered, report.correct) == (3, right)  # the stored rows' own score
    assert correct.groups() == (str(right), "3")


def _killed_after_answering(db: Path, *, reaped: bool) -> tuple[int, Child]:
    """An attempt resumed, answered once more, then its session killed (kill -9): reaped,
    or left a zombie (waited for with WNOWAIT, as a killed process stays until its parent
    waits; it still answers os.kill(pid, 0))."""
    attempt_id = _start_attempt(db)
    first = Child(db, "resume", str(attempt_id), "--plain")
    first.expect(QUESTION)
    first.send("b\n")
    first.expect(SAVED)
    first.proc.send_signal(signal.SIGKILL)
    if reaped:
        first.proc.wait(timeout=LINE_TIMEOUT)
    else:
        os.waitid(os.P_PID, first.proc.pid, os.WEXITED | os.WNOWAIT)
        os.kill(first.proc.pid, 0)
    return attempt_id, first


def _opens_without_take_over(db: Path, attempt_id: int) -> None:
    """The killed session's lease is stale: the attempt opens with every answer."""
    second = Child(db, "resume", str(attempt_id), "--plain")
    assert second.expect(re.compile(r"^Your answers so far: (.*)$")).group(1) == "1 → A · 2 → B"
    code, _, err = second.finish()
    assert code == 0, err


def test_a_killed_session_does_not_keep_its_attempt(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    attempt_id, _ = _killed_after_answering(db, reaped=True)
    _opens_without_take_over(db, attempt_id)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_killed_session_not_yet_reaped_does_not_keep_its_attempt(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    attempt_id, first = _killed_after_answering(db, reaped=False)
    _opens_without_take_over(db, attempt_id)
    first.proc.wait(timeout=LINE_TIMEOUT)


def test_leaving_a_session_frees_its_attempt(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    _start_attempt(db)  # that session quit at the end of its input
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM attempt_leases").fetchone() == (0,)


async def test_the_tui_stops_in_one_sentence_when_its_attempt_is_taken_over(
    tmp_path: Path,
) -> None:
    from exam_sim.exam import SessionRequest
    from exam_sim.models import AttemptMode
    from exam_sim.tui.app import create_app

    db = tmp_path / "history.sqlite3"
    app = create_app(db=db, seed=7, start=SessionRequest(mode=AttemptMode.MOCK, questions=4))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        with sqlite3.connect(db) as conn:  # another live process (pid 1) took it over
            conn.execute(
                "UPDATE attempt_leases SET token = 'other', pid = 1, front_end = 'exam-sim --plain'"
            )
        # The next answer's write is refused and the app exits (so no pilot.press, which
        # would wait for a screen that has gone).
        exam = app.screen
        exam.call_later(exam.action_answer, 1)  # type: ignore[attr-defined]
    assert app.return_code == 2
    assert app.error_message is not None
    assert app.error_message.startswith("attempt 1 was taken over by another session (")
    assert _answers(db, 1) == {1: 0}  # the refused answer was not written
