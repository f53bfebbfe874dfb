"""Every error exam-sim reports to a learner, under one base class.

An `ExamSimError` is something the learner can fix: a deck that cannot be read, a history
file that is not ours, a session that cannot start, a bad option value. Its text is one
sentence naming what and where. Each front end catches the base once: the CLI prints
`exam-sim: <sentence>` and exits 2 (`exam_sim.cli.main`); the TUI shows it (a notice, or
the one line printed after the terminal is restored). Anything else is a bug and keeps
its traceback.

A sentence often quotes deck text or a file name, so `sentence()` and `DeckError` make
terminal controls visible (`exam_sim.controls`, standard library only, so the TUI's
start-up path can still use this module for free). The classes
are also importable from where they used to live (`exam_sim.models.DeckError`,
`exam_sim.history.HistoryError`, `exam_sim.exam.SessionError`,
`exam_sim.generator.GeneratorError`).
"""

from __future__ import annotations

from exam_sim.controls import visible


class ExamSimError(Exception):
    """Bad input or state the learner can fix; reported in one sentence, exit code 2."""

    exit_code = 2

    def sentence(self) -> str:
        """The message as one sentence ending in a full stop."""
        text = visible(str(self).rstrip())
        return text if text.endswith((".", "?", "!")) else f"{text}."


class UsageError(ExamSimError):
    """A command line that asks for something impossible (an attempt number without
    `show`, `--table` without `--csv`, a topic the deck does not have…)."""


class DeckError(ExamSimError):
    """A deck that cannot be used. One sentence naming file, line and problem."""

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        line: int | None = None,
        place: str = "line",
    ) -> None:
        self.problem = problem.rstrip(".")
        self.file = file
        self.line = line
        self.place = place  # what `line` counts: "line", or "note" in an Anki package
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or "deck"
        if self.line is not None:
            where = f"{where}, {self.place} {self.line}"
        return visible(f"{where}: {self.problem}.")


class HistoryError(ExamSimError):
    """The history database cannot be used. One sentence naming the file and the problem."""


class SessionError(ExamSimError, ValueError):
    """An operation the session cannot do (bad question number, attempt already over…)."""


class GeneratorError(ExamSimError, ValueError):
    """A question that cannot be built (too few cards, unknown card, impossible direction).
    `reason`, when the card itself is why: what a learner reads after "3 cards could not
    be asked: " (written for one card or many)."""

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason


# The reasons a card cannot be asked (`GeneratorError.reason`).
TOO_FEW_OPTIONS = "too few wrong options that would not also be right"
SPELLED_LIKE_TERM = "the definition is spelled like the term, and no other comes as close"


__all__ = [
    "SPELLED_LIKE_TERM",
    "TOO_FEW_OPTIONS",
    "DeckError",
    "ExamSimError",
    "GeneratorError",
    "HistoryError",
    "SessionError",
    "UsageError",
]
