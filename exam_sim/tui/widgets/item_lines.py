"""The lines an item shows beside and above its options, in the exam and the study
screens: a case study's scenario (`scenario_content`), what is given so far and how to give
the rest (`item_status`), and a matching item's prompts with the response each has
(`prompt_lines`). Deck text is shown literally."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from textual.content import Content

from exam_sim.models import ItemKind, Question
from exam_sim.present import chosen_count, letter, response_text
from exam_sim.tui.widgets.text import prompt_label

# How to answer each kind, after what is given so far; `strike` adds the key that strikes
# an option out (the exam screen's; a study session has none).
_HOW = {
    ItemKind.ORDERING: "\n(pick the steps first to last; pick one again to undo{strike})",
    ItemKind.MULTIPLE: "  (a letter, Enter or a click toggles an option{strike})",
    ItemKind.MATCHING: "  (a letter matches ▶; [ ] or a click moves ▶)",
}


def scenario_content(question: Question) -> Content:
    """ "Case study: title", then its scenario (Content: it wraps, and deck text is no
    markup)."""
    title = f"Case study: {question.case_title}" if question.case_title else "Case study"
    return Content.assemble((f"{title}\n\n", "bold"), question.scenario)


def item_status(
    question: Question, response: Sequence[int] | None, *, final: bool, strike: bool = True
) -> Content:
    """ "1 of 2 chosen", "2 of 4 steps placed · order: C, A", "1 of 3 matched", then how to
    give the rest, unless the answer is `final` (its feedback is showing). `strike`: the
    exam screen's - that strikes an option out is named too."""
    if question.kind is ItemKind.ORDERING:
        placed = f"{len(response or ())} of {len(question.options)} steps placed"
        order = response_text(question, response) if response else "none yet"
        given = Content.assemble((placed, "bold"), f" · order: {order}")
    else:
        given = Content.styled(chosen_count(question, response), "bold")
    if final:
        return given
    how = _HOW[question.kind].format(strike="; - strikes one out" if strike else "")
    return Content.assemble(given, how)


def prompt_lines(
    question: Question, response: Sequence[int] | None, marked: int
) -> list[RenderableType]:
    """ "▶ 1. prompt → B": the mark on prompt `marked`, the one the next response goes to
    (-1: none, the answer is final)."""
    given = list(response or [-1] * len(question.prompts))
    answers = [letter(n) if n >= 0 else "?" for n in given]
    return [
        prompt_label(number + 1, text, answers[number], current=number == marked)
        for number, text in enumerate(question.prompts)
    ]
