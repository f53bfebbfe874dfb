"""How exam-sim says things, once for both front ends.

Option letters, what each question direction asks, local times, percentages, durations,
how an attempt's score reads in a list, the note about an estimated scaled score. The CLI
(`report.py`, `commands/`) and the TUI (`tui/`) both call these, so the same attempt reads
the same everywhere: a date is the local time the attempt finished (or started, while it is
unfinished), a drill scores a percentage, and only a mock on a deck with a blueprint has a
scaled score and a verdict.

No pydantic and no Textual at import time: the TUI's home screen uses it before the deck
is loaded. Models appear in type hints only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from exam_sim.enums import AttemptMode, AttemptStatus, Direction, ItemKind
from exam_sim.units import ITEM_LETTERS, LETTERS, letter, percent_of

if TYPE_CHECKING:
    from exam_sim.models import Blueprint, Question, ScoreReport

__all__ = [
    "LETTERS",
    "PROMPTS",
    "TRUE_FALSE_PROMPT",
    "answer_index",
    "attempt_date",
    "blueprint_summary",
    "chosen_count",
    "duration",
    "graded",
    "item_instruction",
    "item_lines",
    "letter",
    "local_time",
    "number_list",
    "option_letters",
    "percent",
    "percent_of",
    "prompt",
    "response_text",
    "scale_note",
    "scale_rule",
    "score_text",
    "verdict_text",
]

# What the learner is asked to do, per direction. A true/false stem starts with the
# question itself (TRUE_FALSE_PROMPT), so its prompt is empty.
PROMPTS = {
    Direction.DEFINITION_TO_TERM: "Which term matches this description?",
    Direction.TERM_TO_DEFINITION: "Which description matches this term?",
    Direction.QUESTION_TO_ANSWER: "Choose the best answer.",
    Direction.TRUE_FALSE: "",
}
TRUE_FALSE_PROMPT = "True or false?"


def prompt(direction: Direction) -> str:
    return PROMPTS.get(direction, "")


def answer_index(word: str) -> int | None:
    """The option a typed answer names: "a"–"f" or "1"–"6" (any case); None otherwise."""
    word = word.strip().upper()
    if len(word) != 1:
        return None
    if word in LETTERS:
        return LETTERS.index(word)
    if word.isdigit() and 1 <= int(word) <= len(LETTERS):
        return int(word) - 1
    return None


def number_list(positions: Sequence[int]) -> str:
    """0-based positions as the 1-based question numbers people read: "4, 9, 12"."""
    return ", ".join(str(p + 1) for p in positions)


# -- numbers --------------------------------------------------------------------------


def percent(value: float, digits: int = 1) -> str:
    """ "72.2 %" (or "72 %" with `digits=0`): a number, a space, the sign."""
    return f"{value:.{digits}f} %"


def duration(seconds: float) -> str:
    """1:02:03 or 4:05: how exam consoles show time."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# -- times ----------------------------------------------------------------------------


def local_time(iso: str | None) -> str:
    """A stored ISO-8601 UTC time as the learner's local date and time, to the minute."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def attempt_date(started_at: str, finished_at: str | None) -> str:
    """An attempt's date in a list: the local time it finished, or started while it is
    unfinished. The CLI's history, the TUI's history and Home all date attempts so."""
    return local_time(finished_at or started_at)


# -- scores ---------------------------------------------------------------------------


class ScoredAttempt(Protocol):
    """What a line of an attempts list needs (`history.AttemptSummary` has it)."""

    @property
    def mode(self) -> AttemptMode: ...
    @property
    def status(self) -> AttemptStatus: ...
    @property
    def question_count(self) -> int: ...
    @property
    def correct(self) -> int | None: ...
    @property
    def scaled(self) -> int | None: ...
    @property
    def passed(self) -> bool | None: ...


def graded(attempt: ScoredAttempt) -> bool:
    """A scaled score and a verdict are shown only for a finished mock that has them (the
    core leaves them out for drills and for mocks on a deck without a blueprint; a drill
    stored by an older exam-sim may still carry them, and is shown as a drill)."""
    return (
        attempt.mode is AttemptMode.MOCK
        and attempt.status is not AttemptStatus.IN_PROGRESS
        and attempt.scaled is not None
        and attempt.passed is not None
    )


def score_text(attempt: ScoredAttempt) -> str:
    """ "820" for a graded mock, "60 %" for anything else finished, "" while unfinished."""
    if attempt.status is AttemptStatus.IN_PROGRESS or attempt.correct is None:
        return ""
    if graded(attempt):
        return str(attempt.scaled)
    return percent(percent_of(attempt.correct, attempt.question_count), 0)


def verdict_text(attempt: ScoredAttempt) -> str:
    """ "pass" or "fail" for a graded mock; "" otherwise."""
    if not graded(attempt):
        return ""
    return "pass" if attempt.passed else "fail"


def scale_rule(score_min: int, score_max: int) -> str:
    """ "100 + 900 × the fraction correct": how an estimated scaled score is made."""
    return f"{score_min} + {score_max - score_min} × the fraction correct"


def scale_note(report: ScoreReport) -> str | None:
    """Under a graded report whose scale is an estimate: how the score was made, from the
    report's own scale (so a deck scored 0–100 says 0 + 100 ×, and names no exam)."""
    if not report.graded or not report.scaled_estimate:
        return None
    return (
        f"The scaled score is an estimate: {scale_rule(report.score_min, report.score_max)} "
        "(the real exam does not publish its mapping)."
    )


def blueprint_summary(blueprint: Blueprint) -> str:
    """ "65 questions, 180 min, pass 750/1000" for a deck's own blueprint."""
    return (
        f"{blueprint.questions} questions, {blueprint.minutes} min, "
        f"pass {blueprint.pass_score}/{blueprint.score_max}"
    )


# --------------------------------------------------------------------------- item kinds

_KIND_INSTRUCTIONS = {
    ItemKind.ORDERING: "Put the steps in order, first to last.",
    ItemKind.MATCHING: "Match each prompt to a response; a response may fit none.",
}


def item_instruction(question: Question) -> str:
    """What an item asks the learner to do, beyond its stem ("" for a single answer)."""
    if question.kind is ItemKind.MULTIPLE:
        said = re.search(r"\((?:choose|select)\s", question.stem, re.IGNORECASE)
        return "" if said else f"Choose {question.choose}."
    return _KIND_INSTRUCTIONS.get(question.kind, "")


def chosen_count(question: Question, response: Sequence[int] | None) -> str:
    """ "1 of 2 chosen" for a multiple-response item; "3 of 4 matched" for matching."""
    given = [n for n in (response or ()) if n >= 0]
    if question.kind is ItemKind.MATCHING:
        return f"{len(given)} of {len(question.prompts)} matched"
    return f"{len(given)} of {question.choose} chosen"


def response_text(question: Question, response: Sequence[int] | None) -> str:
    """A response as letters: "A, C"; an order "C, A, D, B"; matches "1-A, 2-C, 3-?"."""
    if not response:
        return "none"
    if question.kind is ItemKind.MATCHING:
        return ", ".join(
            f"{n}-{letter(k) if k >= 0 else '?'}" for n, k in enumerate(response, start=1)
        )
    return ", ".join(letter(k) for k in response)


def option_letters(text: str, size: int) -> list[int] | None:
    """Option indexes typed as letters ("a c", "a,c", "ac", "c a d b") or as numbers
    ("1 3"), each among the first `size`; None if anything else was typed."""
    cleaned = text.replace(",", " ").upper().split()
    if len(cleaned) == 1 and cleaned[0].isalpha():
        cleaned = list(cleaned[0])
    indexes = []
    for word in cleaned:
        if word.isdigit() and 1 <= int(word) <= size:
            indexes.append(int(word) - 1)
        elif len(word) == 1 and word in ITEM_LETTERS[:size]:
            indexes.append(ITEM_LETTERS.index(word))
        else:
            return None
    return indexes


def item_lines(report: ScoreReport) -> list[str]:
    """What a report says of item kinds: the unscored items (labelled as such, never
    counted) and, when several kinds were asked, the score of each kind."""
    lines = []
    if report.unscored:
        lines.append(
            f"Unscored items: {report.unscored_correct} of {report.unscored} right "
            "(not counted in the score or the topics, as on the real exam)"
        )
    if len(report.kinds) > 1:
        lines.append("By item type: " + " · ".join(
            f"{ItemKind(kind).label} {right}/{asked}"
            for kind, (right, asked) in report.kinds.items()))  # fmt: skip
    return lines
