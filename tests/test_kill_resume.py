"""Nothing lost: a `--plain` exam killed with SIGKILL at a random moment keeps every answer
and flag it acknowledged, and `exam-sim resume` shows them.

Each run starts a real `python -m exam_sim` process on a fresh SQLite file, feeds it
commands one line at a time and reads its output through the pipe (no sleeps: the test
waits for the acknowledgement line, or deliberately does not). The kill lands
- right after an acknowledgement was read,
- in the middle of feeding: after writing commands whose acknowledgements were not awaited,
- in the middle of a line: half a command written, no newline.
Whatever was acknowledged must be in the database; what was sent but not acknowledged may
or may not be, but nothing else may appear.
"""

from __future__ import annotations

import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from exam_sim.history import History
from exam_sim.models import AttemptStatus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

DECK = "aws-ml-specialty"
QUESTIONS = 6
RUNS = 24
STYLES = ("after_ack", "mid_feed", "partial_line")
LINE_TIMEOUT = 30.0  # a safety net against a hung child, never a synchronisation
ACK = re.compile(r"^saved: question (\d+) (?:→ ([A-F])|(flagged|unflagged))$")
HEADER = re.compile(r"^Question (\d+) of \d+ · ")


class Child:
    """A running exam-sim process whose stdout lines arrive through a queue."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
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
        """The next output line matching `pattern` (reading past the others)."""
        while True:
            line = self.lines.get(timeout=LINE_TIMEOUT)
            if line is None:
                raise AssertionError(f"exam-sim ended before {pattern.pattern!r}: {self.seen}")
            self.seen.append(line)
            match = pattern.match(line)
            if match:
                return match

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=LINE_TIMEOUT)
        assert self.proc.returncode == -signal.SIGKILL


@dataclass
class Model:
    """What the learner has been told was saved, and what may have been saved besides."""

    current: int = 1
    choices: dict[int, str] = field(default_factory=dict)  # acknowledged: question → letter
    flags: dict[int, bool] = field(default_factory=dict)
    maybe_choices: dict[int, set[str]] = field(default_factory=dict)  # sent, not acknowledged
    maybe_flags: set[int] = field(default_factory=set)


def make_script(rng: random.Random, length: int) -> list[str]:
    """Answers (A or B: every question has at least two options), flags and jumps."""
    script = []
    for _ in range(length):
        roll = rng.random()
        if roll < 0.6:
            script.append(rng.choice("ab"))
        elif roll < 0.8:
            script.append("flag")
        else:
            script.append(f"go {rng.randint(1, QUESTIONS)}")
    return script


def apply_acknowledged(child: Child, model: Model, command: str) -> None:
    """Send one command and wait for its effect to be printed."""
    child.send(command + "\n")
    if command.startswith("go "):
        target = int(command.split()[1])
        child.expect(re.compile(rf"^Question {target} of "))
        model.current = target
        return
    match = child.expect(ACK)
    number = int(match[1])
    assert number == model.current
    if match[2]:
        model.choices[number] = match[2]
        if model.current < QUESTIONS:
            model.current += 1
    else:
        model.flags[number] = match[3] == "flagged"


def note_unacknowledged(model: Model, command: str) -> None:
    """A command sent without waiting: it may or may not have reached the database."""
    if command.startswith("go "):
        model.current = int(command.split()[1])
    elif command == "flag":
        model.maybe_flags.add(model.current)
    else:
        model.maybe_choices.setdefault(model.current, set()).add(command.upper())
        if model.current < QUESTIONS:
            model.current += 1


def check_database(db: Path, model: Model) -> None:
    with History(db) as store:
        attempt = store.load_attempt(1)
    assert attempt.status is AttemptStatus.IN_PROGRESS
    for answer in attempt.answers:
        number = answer.position + 1
        stored = None if answer.choice is None else "ABCDEF"[answer.choice]
        allowed = set(model.maybe_choices.get(number, set()))
        allowed.add(model.choices.get(number))  # None when never acknowledged
        assert stored in allowed, f"question {number}: stored {stored}, allowed {allowed}"
        if number not in model.maybe_flags:
            assert answer.flagged == model.flags.get(number, False), f"flag of {number}"


def check_resume_output(db: Path, env: dict[str, str], model: Model) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "--db", str(db), "resume", "--plain"],
        input="",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=LINE_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    match = re.search(r"^Your answers so far: (.*)$", result.stdout, re.M)
    assert match, result.stdout
    shown = dict(
        (int(number), letter) for number, letter in re.findall(r"(\d+) → ([A-F])", match[1])
    )
    for number, letter in model.choices.items():
        if number not in model.maybe_choices:
            assert shown.get(number) == letter, f"resume lost question {number}: {shown}"
    flagged = re.search(r"^Flagged: (.*)$", result.stdout, re.M)
    shown_flags = {int(n) for n in flagged[1].split(", ")} if flagged else set()
    for number, is_flagged in model.flags.items():
        if number not in model.maybe_flags:
            assert (number in shown_flags) == is_flagged, f"resume flag of {number}"


@pytest.mark.slow
@pytest.mark.parametrize("run", range(RUNS))
def test_sigkill_loses_no_acknowledged_answer(tmp_path: Path, run: int) -> None:
    rng = random.Random(7_919 * (run + 1))
    style = STYLES[run % len(STYLES)]
    script = make_script(rng, rng.randint(2, 14))
    # How many commands are sent and acknowledged before the kill (after_ack: at least one).
    if style == "after_ack":
        acknowledged = rng.randint(1, len(script))
    else:
        acknowledged = rng.randint(0, len(script) - 1)
    db = tmp_path / "history.sqlite3"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")  # EXAM_SIM_HOME: the `home` fixture
    child = Child(
        [sys.executable, "-m", "exam_sim", "--db", str(db), "exam", DECK, "--plain",
         "--questions", str(QUESTIONS), "--seed", str(run)],
        env,
    )  # fmt: skip
    model = Model()
    try:
        child.expect(HEADER)  # the attempt exists once the first question is shown
        for command in script[:acknowledged]:
            apply_acknowledged(child, model, command)
        if style == "mid_feed":
            for command in script[acknowledged:]:
                child.send(command + "\n")
                note_unacknowledged(model, command)
        elif style == "partial_line":
            command = script[acknowledged]
            child.send(command[: max(1, len(command) // 2)])
            # Half a "flag" or "go N" is no command; half of "a" is "a" without its newline,
            # which the session cannot act on before it sees the end of the line.
        child.kill()
    finally:
        if child.proc.poll() is None:
            child.proc.kill()
            child.proc.wait()
    check_database(db, model)
    if run % 4 == 0:
        check_resume_output(db, env, model)
