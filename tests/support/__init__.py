"""Helpers shared by the CLI tests (importable because pytest puts tests/ on sys.path)."""

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
