"""What several test modules share (importable because pytest puts tests/ on sys.path).

- here: `run_cli` (exam-sim in-process with a given stdin), `lines` (a --plain script),
  `Terminal` (a stdin that says it is a terminal), `WORDS` (distinct words for synthetic
  decks), `TAGGED` (a CSV deck with tags and no topics, scored by tag);
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


# A deck that gives no topics but tags its cards: scored by tag. "[b]cardio" is markup to a
# Rich console, shown as written; "Warfarin" counts under two tags.
TAGGED = """\
Front,Back,Tags
Metformin,Biguanide; first-line oral drug for type 2 diabetes,endocrine
Glipizide,Sulfonylurea; stimulates insulin release from beta cells,endocrine
Levothyroxine,Synthetic T4 used for hypothyroidism,endocrine
Lisinopril,ACE inhibitor; lowers blood pressure; causes a dry cough,[b]cardio
Losartan,Angiotensin II receptor blocker; lowers blood pressure without cough,[b]cardio
Metoprolol,Cardioselective beta-1 blocker; lowers heart rate,[b]cardio
Warfarin,Vitamin K antagonist anticoagulant monitored by INR,heme [b]cardio
Heparin,Anticoagulant that activates antithrombin; monitored by aPTT,heme
"""


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
