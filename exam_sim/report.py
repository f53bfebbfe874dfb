"""Plain-text rendering of questions, feedback, score reports and history records.

Used by the `--plain` session and `exam-sim history`; any front end that needs text (a
screen reader, a copy to the clipboard, an e-mail) can reuse it. Letters, prompts, times,
percentages and the scale note come from `exam_sim.present`, as in the TUI. Deck text is
printed literally: nothing here interprets markup. No Textual, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from exam_sim.cells import cell_width, pad, wrap_cells
from exam_sim.exam.scoring import MEETS
from exam_sim.models import Answer, ItemKind, Question, ScoreReport, TopicScore
from exam_sim.present import (
    aim_result,
    breakdown,
    chosen_count,
    duration,
    item_instruction,
    item_lines,
    letter,
    number_list,
    percent,
    prompt,
    response_text,
    scale_note,
    time_used,
    topic_verdict,
)
from exam_sim.text import named_in_sentence
from exam_sim.units import one_explanation

if TYPE_CHECKING:
    from exam_sim.history import Confusion
    from exam_sim.models import Deck

__all__ = [
    "answer_text",
    "confusion_sentence",
    "key_text",
    "letter",
    "no_confusions",
    "number_list",
    "question_header",
    "render_explanations",
    "render_feedback",
    "render_item_feedback",
    "render_item_head",
    "render_options",
    "render_question",
    "render_report",
    "render_review",
]


def _indent_continuation(text: str, indent: str) -> str:
    # Multi-line deck text stays as written; continuation lines line up under the first.
    return text.replace("\n", "\n" + indent)


def render_options(
    question: Question, *, indent: str = "", struck: tuple[int, ...] = ()
) -> list[str]:
    lines = []
    for i, option in enumerate(question.options):
        prefix = f"{indent}{letter(i)}) " + ("(struck out) " if i in struck else "")
        lines.append(prefix + _indent_continuation(option, " " * len(prefix)))
    return lines


def render_item_head(question: Question) -> list[str]:
    """A case study's scenario, then the stem, the instruction and a matching item's
    prompts: everything above the options."""
    lines = []
    if question.scenario:
        lines.append(f"Case study: {question.case_title}" if question.case_title else "Case study")
        lines.append(question.scenario)
        lines.append("")
    lines.append(question.stem)
    instruction = item_instruction(question)
    if instruction:
        lines.append(instruction)
    if question.prompts:
        lines.append("Prompts:")
        for n, text in enumerate(question.prompts, start=1):
            prefix = f"  {n}. "
            lines.append(prefix + _indent_continuation(text, " " * len(prefix)))
        lines.append("Responses:")
    return lines


def answer_text(question: Question, answer: Answer) -> str | None:
    """ "Your answer: A, C (2 of 2 chosen)"; None when nothing is given."""
    if question.kind is ItemKind.SINGLE:
        return None if answer.choice is None else f"Your answer: {letter(answer.choice)}"
    if not answer.response:
        return None
    text = f"Your {'order' if question.kind is ItemKind.ORDERING else 'answer'}: "
    text += response_text(question, answer.response)
    if question.kind is not ItemKind.ORDERING:
        text += f" ({chosen_count(question, answer.response)})"
    return text


def key_text(question: Question) -> str:
    """The right answer in letters: "B"; "A, C"; an order; "1-A, 2-C"."""
    if question.kind is ItemKind.SINGLE:
        return letter(question.answer)
    return response_text(question, question.key_set)


def question_header(
    *,
    number: int,
    total: int,
    topic_name: str | None,
    time_left: float | None,
    elapsed: float,
    answered: int,
    flagged: int,
) -> str:
    """ "Question 3 of 65 · Modeling · 2:54:10 left · 2 answered · 1 flagged"."""
    parts = [f"Question {number} of {total}"]
    if topic_name:
        parts.append(topic_name)
    if time_left is None:
        parts.append(f"{duration(elapsed)} used")
    else:
        parts.append(f"{duration(time_left)} left")
    parts.append(f"{answered} answered")
    parts.append(f"{flagged} flagged")
    return " · ".join(parts)


def render_question(
    question: Question,
    *,
    header: str,
    choice: int | None = None,
    flagged: bool = False,
    answer: Answer | None = None,
) -> str:
    """Header, the task ("Which term matches this description?"), stem, options; then the
    learner's current answer and flag, if any. The task line is what the TUI shows above
    the stem: a screen reader needs it most. `answer`, when given, is the whole state (an
    item's response, struck options)."""
    answer = answer or Answer(position=0, choice=choice)
    task = prompt(question)
    lines = [header, *([f"Task: {task}"] if task else []), *render_item_head(question),
             *render_options(question, struck=answer.struck)]  # fmt: skip
    state = []
    given = answer_text(question, answer)
    if given:
        state.append(given)
    if flagged:
        state.append("flagged for review")
    if state:
        lines.append(" · ".join(state))
    return "\n".join(lines)


def render_explanations(question: Question, *, indent: str = "  ") -> list[str]:
    """Why each option is right or wrong: each option's own card (the generator writes
    "term — definition"), the key marked ✓. A true/false question explains its one card."""
    explanations = question.explanations
    if not any(explanations):
        explanations = ()
    shared = one_explanation(explanations) if question.kind is ItemKind.SINGLE else None
    if shared is not None:
        return [indent + _indent_continuation(shared, indent)]
    lines: list[str] = []
    keys = set(question.key_set) if question.kind is not ItemKind.ORDERING else set()
    for i, why in enumerate(explanations):
        if not why:
            continue
        mark = "✓" if i in keys or (i == question.answer and not keys) else "✗"
        if question.kind is ItemKind.ORDERING:
            mark = f"step {question.keys.index(i) + 1}:"
        prefix = f"{indent}{mark} {letter(i)}) "
        lines.append(prefix + _indent_continuation(why, " " * len(prefix)))
    if question.rationale:
        lines.append(indent + _indent_continuation(question.rationale, indent))
    lines.extend(f"{indent}See: {link}" for link in question.references)
    return lines


def render_item_feedback(question: Question, answer: Answer) -> str:
    """What a drill says once an item's whole response is given."""
    if answer.is_correct(question):
        head = f"✓ Correct: {key_text(question)}"
    else:
        head = (f"✗ Wrong: you gave {response_text(question, answer.response)}; "
                f"the answer is {key_text(question)}")  # fmt: skip
    return "\n".join([head, *render_explanations(question)])


def render_feedback(question: Question, chosen: int) -> str:
    """What a drill says right after an answer."""
    key = f"{letter(question.answer)}) {question.options[question.answer]}"
    if chosen == question.answer:
        head = f"✓ Correct: {_indent_continuation(key, '  ')}"
    else:
        key = _indent_continuation(key, "  ")
        head = f"✗ Wrong: you chose {letter(chosen)}; the answer is {key}"
    return "\n".join([head, *render_explanations(question)])


def render_review(
    question: Question,
    answer: Answer,
    *,
    number: int,
    topic_name: str | None,
    show_key: bool = True,
) -> str:
    """One question of a past attempt: what was asked, what the learner chose, the key.

    `show_key=False` for an attempt still in progress, so reviewing it spoils nothing.
    """
    if answer.choice is None:
        verdict = "unanswered"
    elif not show_key:
        verdict = f"answered {letter(answer.choice)}"
    elif answer.is_correct(question):
        verdict = "✓ correct"
    else:
        verdict = "✗ wrong"
    parts = [f"Question {number}"]
    if topic_name:
        parts.append(topic_name)
    parts.append(verdict)
    if answer.flagged:
        parts.append("flagged")
    if answer.seconds:
        parts.append(duration(answer.seconds))
    if answer.changes:
        parts.append(f"answer changed {answer.changes}×")
    if not question.scored:
        parts.append("unscored")
    task = prompt(question)  # as asked: "Which question does this answer?"
    lines = [" · ".join(parts), *([f"Task: {task}"] if task else []), *render_item_head(question)]
    lines.extend(_marked_options(question, answer, show_key=show_key))
    if question.kind in (ItemKind.ORDERING, ItemKind.MATCHING):
        given = answer_text(question, answer)
        if given:
            lines.append(given)
        if show_key:
            what = "Correct order" if question.kind is ItemKind.ORDERING else "Correct matches"
            lines.append(f"{what}: {key_text(question)}")
    explained = question.rationale or question.references or question.kind is not ItemKind.SINGLE
    if show_key and explained:
        lines.extend(render_explanations(question))
    return "\n".join(lines)


def _marked_options(question: Question, answer: Answer, *, show_key: bool) -> list[str]:
    """The options, those chosen and the keys marked (single answer, multiple response)."""
    single = question.kind is ItemKind.SINGLE
    chosen = {answer.choice} if single else set(answer.response or ())
    keys = {question.answer} if single else set(question.key_set)
    lines = []
    for i, option_line in enumerate(render_options(question, indent="  ")):
        marks = []
        if question.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
            if i in chosen:
                marks.append("your answer")
            if show_key and i in keys:
                marks.append("correct answer")
        first, *rest = option_line.split("\n")
        if marks:
            first += f"  ← {', '.join(marks)}"
        lines.append("\n".join([first, *rest]))
    return lines


def render_report(
    report: ScoreReport, *, title: str | None = None, width: int | None = None
) -> str:
    """The score report: result and scaled score (a graded mock only), the percentage
    correct, every topic, time, plan notes. `width`, a terminal's: a topic table wider
    than it wraps long names within their column, the counts staying in theirs."""
    lines: list[str] = []
    if title:
        lines.append(title)
    if report.graded:
        result = "PASS" if report.passed else "FAIL"
        estimate = " (estimate)" if report.scaled_estimate else ""
        lines.append(
            f"Result: {result} · scaled score {report.scaled}{estimate} on "
            f"{report.score_min}–{report.score_max}, pass mark {report.pass_score}"
        )
    aim = aim_result(report)
    if aim is not None:
        lines.append(
            f"Result: {aim} · {percent(report.percent, 0)} correct (the deck gives no pass mark)"
        )
    lines.append(
        f"Correct: {report.correct} of {report.total} ({percent(report.percent)}) · "
        f"answered {report.answered}, unanswered {report.total - report.answered} "
        "(counted wrong)"
    )
    lines.extend(item_lines(report))
    table = breakdown(report)
    if table is not None:
        lines.append(f"{table.kind.capitalize()}s:")
        lines.extend(_table_rows(report, table.rows, width))
        lines.append(f"  ({table.rule}.)")
    time_line = time_used(report.time_used_seconds, report.time_budget_seconds, report.total)
    lines.append(time_line)
    note = scale_note(report)
    if note:
        lines.append(note)
    if report.notes:
        lines.append("Notes:")
        lines.extend(f"  - {note}" for note in report.notes)
    return "\n".join(lines)


def _table_rows(
    report: ScoreReport, rows: Sequence[tuple[str, TopicScore]], width: int | None
) -> list[str]:
    """ "  Modeling   17/23   73.9 %  ✓ Meets competencies", a row a topic; a name that
    would take the row past `width` is wrapped within its column (not under 12 wide)."""
    count_width = max(len(f"{t.correct}/{t.total}") for _, t in rows)
    verdicts = [topic_verdict(report, topic.verdict == MEETS) for _, topic in rows]
    name_width = max(cell_width(name) for name, _ in rows)
    if width is not None:
        beside = 2 + 2 + count_width + 2 + 7 + 2 + max(len(v) for v in verdicts)
        name_width = max(min(name_width, width - beside), 12)
    lines = []
    for (name, topic), verdict in zip(rows, verdicts, strict=True):
        count = f"{topic.correct}/{topic.total}"
        first, *rest = wrap_cells(name, name_width)
        lines.append(
            f"  {pad(first, name_width)}  {count:>{count_width}}  "
            f"{percent(topic.percent):>7}  {verdict}"
        )
        lines.extend(f"  {more}" for more in rest)
    return lines


# Said by both front ends when nothing was confused yet. A made-up option (an acronym's
# made expansion, a comparison's sides wrongly paired) names no other card: no confusion.
NO_CONFUSIONS = (
    "No confusions yet: each other card's option you take for an answer, and each wrong pair "
    "you match, is counted once its attempt is submitted (made-up options name no card)."
)
# On a question bank there is never one: its written options name no card.
NO_CONFUSIONS_IN_BANK = (
    "No confusions on a question bank: its options are written, not other cards, so a wrong "
    "choice counts as a question missed (the weak-spot drill asks those first)."
)


def no_confusions(deck: Deck | None) -> str:
    """What the confusions list says when it is empty, in the TUI and in `history
    confusions` (`deck`: the one listed, None for every deck)."""
    return NO_CONFUSIONS_IN_BANK if deck is not None and not deck.cards else NO_CONFUSIONS


def confusion_sentence(confusion: Confusion) -> str:
    """ "you took Amazon Transcribe for Amazon Translate 3 times" (lower case: it is read
    inside a sentence or capitalised by the caller)."""
    times = "once" if confusion.times == 1 else f"{confusion.times} times"
    chosen, key = named_in_sentence(confusion.chosen_text), named_in_sentence(confusion.key_text)
    return f"you took {chosen} for {key} {times}"
