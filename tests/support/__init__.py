"""What several test modules share (importable because pytest puts tests/ on sys.path).

- here: `run_cli` (exam-sim in-process with a given stdin), `lines` (a --plain script),
  `Terminal` (a stdin that says it is a terminal), `WORDS` (distinct words for synthetic
  decks);
- `support.history`: builders for attempts, answers and reports, also used by the child
  processes of the history tests.

The fixtures are in tests/conftest.py: every test runs with `EXAM_SIM_HOME` in its own
temporary folder (the `home` fixture), so no test reads or writes the learner's files and
tests can run in parallel (`pytest -n auto`).
"""

from __future__ import annotations

import io
import sys

import pytest

from exam_sim.cli import main

# Twelve distinct words to build synthetic cards from (terms and definitions that differ).
WORDS = (
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
    "golf", "hotel", "india", "juliet", "kilo", "lima",
)  # fmt: skip


def run_cli(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: str = "",
) -> tuple[int, str, str]:
    """Run `exam-sim ARGV` in-process with STDIN; return (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def lines(*commands: str) -> str:
    """A --plain session's input: one command per line."""
    return "".join(f"{c}\n" for c in commands)


class Terminal(io.StringIO):
    """Typed input that says it is a terminal: a command that asks first asks it."""

    def isatty(self) -> bool:
        return True
