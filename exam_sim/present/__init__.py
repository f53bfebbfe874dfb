"""How exam-sim says things, once for both front ends.

Option letters, what each question direction asks, local times, percentages, durations,
how an attempt's score reads in a list, the note about an estimated scaled score. The CLI
(`report.py`, `commands/`) and the TUI (`tui/`) both call these, so the same attempt reads
the same everywhere: a date is the local time the attempt finished (or started, while it is
unfinished), a drill scores a percentage, and only a mock on a deck with a blueprint has a
scaled score and a verdict.

The study schedule, the end of a study session and the forecast are worded in
`exam_sim.present.study`.

No pydantic and no Textual at import time: the TUI's home screen uses it before the deck
is loaded. Models appear in type hints only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple, Protocol

from exam_sim.enums import AttemptMode, AttemptStatus, Direction, ItemKind
from exam_sim.units import (
    EXPANSION_PROMPT,
    ITEM_LETTERS,
    LETTERS,
    TRUE_FALSE_PROMPT,
    by_topic,
    counted,
    deck_size,
    letter,
    percent_of,
    size_heading,
    wait_text,
)
from exam_sim.vocabulary import answer_index  # the rule is the vocabulary's; kept here too

if TYPE_CHECKING:
    from exam_sim.exam.insights import ChangeSummary, ConfidenceSummary, Pacing
    from exam_sim.models import Answer, Attempt, Question, ScoreReport, TopicScore

__all__ = [
    "DELETED_ATTEMPT",
    "EXPANSION_PROMPT",
    "LETTERS",
    "PROMPTS",
    "TRUE_FALSE_PROMPT",
    "aim_result",
    "aim_verdict",
    "answer_index",
    "attempt_confidence",
    "attempt_date",
    "attempt_insights",
    "blueprint_summary",
    "breakdown",
    "chosen_count",
    "confidence_line",
    "counted",
    "deck_size",
    "duration",
    "durations",
    "graded",
    "insight_lines",
    "item_instruction",
    "item_lines",
    "letter",
    "local_time",
    "number_list",
    "option_letters",
    "option_marker",
    "percent",
    "percent_of",
    "prompt",
    "response_text",
    "resume_command",
    "saved_state",
    "scale_note",
    "scale_rule",
    "score_or_progress",
    "score_text",
    "size_heading",
    "tag_label",
    "time_used",
    "topic_rule",
    "topic_verdict",
    "verdict_text",
    "wait_text",
]

# What the learner is asked to do, per direction. A true/false stem starts with the
# question itself (TRUE_FALSE_PROMPT), so its prompt is empty.
PROMPTS = {
    Direction.DEFINITION_TO_TERM: "Which term matches this description?",
    Direction.TERM_TO_DEFINITION: "Which description matches this term?",
    Direction.QUESTION_TO_ANSWER: "Choose the best answer.",
    Direction.ANSWER_TO_QUESTION: "Which question does this answer?",
    Direction.TRUE_FALSE: "",
}


def prompt(question: Question) -> str:
    """What is asked: the question's own task where it has one, else its direction's."""
    return question.task or PROMPTS.get(question.direction, "")


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
    else:
        used_text, per_text = duration(used), duration(per)
    if 0 < per < 1:  # answers skimmed through: not "0:00 per question"
        per_text = "under 0:01"
    line = f"Time used {used_text}"
    if budget:
        line += f" of {budget_text} · {per_text} per question (budget {budget_per})"
    else:
        line += f" · {per_text} per question (untimed)"
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


# What deleting an attempt costs, said by the History screen's dialog and `history delete`.
DELETED_ATTEMPT = "Its answers leave your history, trends and weak-card ranking for good."


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


class ProgressAttempt(ScoredAttempt, Protocol):
    @property
    def answered(self) -> int: ...


def score_or_progress(attempt: ProgressAttempt) -> str:
    """ "820", "60 %", or, while unfinished, how far it got: "3/65 answered" (the
    attempts lists of the TUI and of `exam-sim history`, and `history delete`)."""
    if attempt.status is AttemptStatus.IN_PROGRESS:
        return f"{attempt.answered}/{attempt.question_count} answered"
    return score_text(attempt)


def aim_verdict(attempt: ScoredAttempt) -> bool:
    """A finished mock on a deck that gives no blueprint, with its verdict against the aim
    (`ScoreReport.verdict`, kept in `passed`; none in attempts stored before it was)."""
    return (
        attempt.mode is AttemptMode.MOCK
        and attempt.status is not AttemptStatus.IN_PROGRESS
        and attempt.scaled is None
        and attempt.passed is not None
    )


def verdict_text(attempt: ScoredAttempt) -> str:
    """ "pass" or "fail" for a graded mock; "aim met" or "below aim" for a mock on a deck
    that gives no blueprint, against its aim (`aim_result`); "" otherwise."""
    if graded(attempt):
        return "pass" if attempt.passed else "fail"
    if aim_verdict(attempt):
        return "aim met" if attempt.passed else "below aim"
    return ""


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


class Breakdown(NamedTuple):
    """A report's table by topic, or by tag on a deck without topics, as the results
    screen and the plain report show it: what a row is, the rule, each row's name."""

    kind: str  # "topic" or "tag"
    rule: str
    rows: tuple[tuple[str, TopicScore], ...]


def breakdown(report: ScoreReport) -> Breakdown | None:
    """The report's table; None when it has none (no topic and no tag: the total)."""
    if report.scored_by_topic:
        return Breakdown("topic", topic_rule(report), tuple((t.name, t) for t in report.topics))
    if report.tags:
        rule = f"{topic_rule(report)}; a question counts under each tag of its card"
        return Breakdown("tag", rule, tuple((tag_label(t.name), t) for t in report.tags))
    return None


def aim_result(report: ScoreReport) -> str | None:
    """A mock on a deck that gives no blueprint: "✗ below the 72 % aim" or "✓ 72 % aim
    reached" (the aim its topics are marked against); None for any other report. The
    results screen and the plain report both say it (a parity test holds them together)."""
    if report.aim_reached is None:
        return None
    aim = percent(report.topic_threshold, 0)
    return f"✓ {aim} aim reached" if report.aim_reached else f"✗ below the {aim} aim"


def topic_verdict(report: ScoreReport, meets: bool) -> str:
    """ "✓ Meets competencies" on a graded mock; "✓" / "✗ below" otherwise (the exam's
    wording belongs to the exam)."""
    if report.graded:
        return "✓ Meets competencies" if meets else "✗ Needs improvement"
    return "✓" if meets else "✗ below"


class BlueprintFigures(Protocol):
    """What a blueprint's summary needs (`models.Blueprint` has it; so do a deck catalog's
    facts, read without the models: `deck_panel`)."""

    @property
    def questions(self) -> int: ...
    @property
    def minutes(self) -> int: ...
    @property
    def pass_score(self) -> int: ...
    @property
    def score_max(self) -> int: ...


def blueprint_summary(blueprint: BlueprintFigures) -> str:
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
    if question.kind is ItemKind.MATCHING and re.search(r"\bmatch\b", question.stem, re.I):
        return "A response may fit none."  # the stem says what to match already
    if question.kind is ItemKind.ORDERING and re.search(r"\border\b", question.stem, re.I):
        return ""  # "Put the steps in the order in which they run": said already
    return _KIND_INSTRUCTIONS.get(question.kind, "")


def chosen_count(question: Question, response: Sequence[int] | None) -> str:
    """ "1 of 2 chosen" for a multiple-response item; "3 of 4 matched" for matching."""
    given = [n for n in (response or ()) if n >= 0]
    if question.kind is ItemKind.MATCHING:
        return f"{len(given)} of {len(question.prompts)} matched"
    return f"{len(given)} of {question.choose} chosen"


def option_marker(question: Question, answer: Answer, index: int, *, locked: bool) -> str:
    """The mark before option `index`: ○ ● for one answer, ☐ ☑ for several, the place of
    an ordering step, the prompts a response is matched to; once the answer is `locked` (a
    drill's or a study session's feedback shows), ✓ for a key and ✗ for a wrong choice."""
    if question.kind is ItemKind.SINGLE:
        if locked and index == question.answer:
            return "✓"
        if locked and index == answer.choice:
            return "✗"
        return "●" if answer.choice == index else "○"
    given = list(answer.response or ())
    if question.kind is ItemKind.MULTIPLE:
        if locked:
            return "✓" if index in question.keys else ("✗" if index in given else " ")
        return "☑" if index in given else "☐"
    if question.kind is ItemKind.ORDERING:
        return str(given.index(index) + 1) if index in given else "·"
    return "".join(str(p + 1) for p, r in enumerate(given) if r == index)[:3] or "·"


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


# -- what an attempt says beyond its score --------------------------------------------------


def confidence_line(confidence: ConfidenceSummary) -> str:
    """ "Confidence: sure 8/10 right (80 %) · guess 1/4 right (25 %) · certainty-based
    score +14 of +42" (Moodle's scheme: +1/+2/+3 right, 0/−2/−6 wrong)."""
    levels = " · ".join(
        f"{c.level.label} {c.right}/{c.answered} right ({percent(c.percent, 0)})"
        for c in confidence.levels
    )
    text = (
        f"Confidence: {levels} · certainty-based score {confidence.cbm_score:+d} "
        f"of {confidence.cbm_max:+d}"
    )
    errors = confidence.confident_errors
    if errors:
        numbers = ", ".join(str(n) for n in errors)
        text += f" · sure but wrong: question{'s' * (len(errors) > 1)} {numbers}"
    return text


def insight_lines(
    confidence: ConfidenceSummary | None,
    changes: ChangeSummary,
    pace: Pacing,
    topic_names: dict[str | None, str],
) -> list[str]:
    """Calibration and the certainty-based score, answer changes, pacing: a line each."""
    lines = []
    if confidence is not None:
        lines.append(confidence_line(confidence))
    changed = changes.wrong_to_right + changes.right_to_wrong + changes.wrong_to_wrong
    if changed or changes.unclassified:
        text = (
            f"Answer changes: {changes.wrong_to_right} wrong → right, "
            f"{changes.right_to_wrong} right → wrong, {changes.wrong_to_wrong} wrong → wrong"
        )
        if changes.unclassified:
            text += f" ({changes.unclassified} from before first answers were kept)"
        lines.append(text)
    # In the order the topics are named (the deck's, as the topic table has them); once
    # any time was spent, a topic whose questions were never reached shows its "0:00 of".
    place = {topic: n for n, topic in enumerate(topic_names)}
    spent = sorted((d for d in pace.domains if d.seconds > 0 or d.budget_seconds > 0),
                   key=lambda d: place.get(d.topic, len(place)))  # fmt: skip
    if not any(d.seconds > 0 for d in spent):
        spent = []
    # Without a topic anywhere (a deck that gives none) the one row would repeat the time.
    if by_topic(d.topic for d in spent):
        # Each topic's "0:01 of 14:00" kept on one line where the line wraps.
        domains = " · ".join(
            f"{topic_names.get(d.topic) or d.topic or '(no topic)'} {duration(d.seconds)}"
            f"\u00a0of\u00a0{duration(d.budget_seconds)}"
            for d in spent
        )
        # An untimed attempt had no budget: its times are set against the exam's pace.
        heading = "used of budget" if pace.timed else "used, against the exam's pace"
        lines.append(f"Time by topic ({heading}): {domains}")
    if pace.slowest:
        slow = ", ".join(
            f"question {q.number} ({duration(q.seconds)}, {_outcome(q.right, q.answered)})"
            for q in pace.slowest
        )
        lines.append(f"Slowest: {slow}")
    return lines


def _outcome(right: bool, answered: bool) -> str:
    return "right" if right else "wrong" if answered else "unanswered"


def attempt_insights(
    attempt: Attempt, topic_names: dict[str | None, str], *, confidence: bool = True
) -> list[str]:
    """An attempt's insight lines (the core loads pydantic: imported when called); without
    the confidence line when `confidence` is False (the results show it by the score)."""
    from exam_sim.exam.insights import change_summary, confidence_summary, pacing

    marks = confidence_summary(attempt) if confidence else None
    return insight_lines(marks, change_summary(attempt), pacing(attempt), topic_names)


def attempt_confidence(attempt: Attempt) -> str | None:
    """The calibration and certainty-based score line, None when nothing was marked."""
    from exam_sim.exam.insights import confidence_summary

    marks = confidence_summary(attempt)
    return None if marks is None else confidence_line(marks)
