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

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from exam_sim.enums import AttemptMode, AttemptStatus, Direction
from exam_sim.units import LETTERS, letter, percent_of
from exam_sim.vocabulary import answer_index  # the rule is the vocabulary's; kept here too

if TYPE_CHECKING:
    from exam_sim.models import Blueprint, ScoreReport

__all__ = [
    "LETTERS",
    "PROMPTS",
    "TRUE_FALSE_PROMPT",
    "answer_index",
    "attempt_date",
    "blueprint_summary",
    "duration",
    "durations",
    "graded",
    "letter",
    "local_time",
    "number_list",
    "percent",
    "percent_of",
    "prompt",
    "resume_command",
    "saved_state",
    "scale_note",
    "scale_rule",
    "score_text",
    "tag_label",
    "time_used",
    "topic_rule",
    "topic_verdict",
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


def tag_label(tag: str) -> str:
    """A tag as people read it: Anki's hierarchy "spanish::irregular" as
    "spanish › irregular" (the id stays as written: --tag takes either)."""
    return " › ".join(part for part in tag.split("::") if part) or tag


def number_list(positions: Sequence[int]) -> str:
    """0-based positions as the 1-based question numbers people read: "4, 9, 12"."""
    return ", ".join(str(p + 1) for p in positions)


# -- numbers --------------------------------------------------------------------------


def percent(value: float, digits: int = 1) -> str:
    """ "72.2 %" (or "72 %" with `digits=0`): a number, a space, the sign."""
    return f"{value:.{digits}f} %"


def duration(seconds: float, *, hours: bool = False) -> str:
    """1:02:03 or 4:05: how exam consoles show time (`hours=True`: always h:mm:ss)."""
    seconds = max(0, int(seconds))
    whole_hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if whole_hours or hours:
        return f"{whole_hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def durations(*seconds: float) -> tuple[str, ...]:
    """Times shown side by side, in one shape: all h:mm:ss when any reaches an hour
    ("0:03:18 of 3:00:00", never "3:18 of 3:00:00")."""
    hours = any(int(s) >= 3600 for s in seconds)
    return tuple(duration(s, hours=hours) for s in seconds)


def time_used(used: float, budget: float | None, questions: int, *, timed_out: bool = False) -> str:
    """ "Time used 0:03:18 of 3:00:00 · 0:03 per question (budget 2:46)". A budget is
    shown only for a timed attempt: an untimed drill never had one."""
    per = used / questions if questions else 0.0
    if budget:
        used_text, budget_text = durations(used, budget)
        per_text, budget_per = durations(per, budget / max(questions, 1))
        line = f"Time used {used_text} of {budget_text} · {per_text} per question"
        line += f" (budget {budget_per})"
    else:
        line = f"Time used {duration(used)} · {duration(per)} per question (untimed)"
    if timed_out:
        line += " · time ran out"
    return line


def saved_state(answered: int, total: int, time_left: float | None) -> str:
    """ "11 of 65 answered, 2:41:10 left": what a paused attempt keeps."""
    state = f"{answered} of {total} answered"
    if time_left is not None:
        state += f", {duration(time_left)} left"
    return state


def resume_command(attempt_id: int, *, plain: bool = False) -> str:
    """The command that continues an attempt: `exam-sim resume 12`."""
    return f"exam-sim resume {attempt_id}{' --plain' if plain else ''}"


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


def topic_rule(report: ScoreReport) -> str:
    """What the ✓ beside a topic means. A graded mock says it as the exam's report does
    (its threshold is the pass mark's share of the scale); anything else, a drill or a
    deck without a blueprint, just says the percentage."""
    threshold = percent(report.topic_threshold, 0)
    if report.graded:
        return f"✓ at {threshold} or more, the pass mark's share of the scale"
    return f"✓ at {threshold} or more correct"


def topic_verdict(report: ScoreReport, meets: bool) -> str:
    """ "✓ Meets competencies" on a graded mock; "✓" / "✗ below" otherwise (the exam's
    wording belongs to the exam)."""
    if report.graded:
        return "✓ Meets competencies" if meets else "✗ Needs improvement"
    return "✓" if meets else "✗ below"


def blueprint_summary(blueprint: Blueprint) -> str:
    """ "65 questions, 180 min, pass 750/1000" for a deck's own blueprint."""
    return (
        f"{blueprint.questions} questions, {blueprint.minutes} min, "
        f"pass {blueprint.pass_score}/{blueprint.score_max}"
    )
