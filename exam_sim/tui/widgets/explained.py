"""A question explained once it is answered: a drill's feedback and the review of an
attempt. Every option, step or match is on screen with its mark and its own explanation
beneath it, so the learner never has to look back for what a letter stood for."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from exam_sim.models import Answer, ItemKind, Question
from exam_sim.present import letter
from exam_sim.tui.widgets.text import explained_options, mark_grid

__all__ = ["explained_item"]


def explained_item(question: Question, answer: Answer) -> RenderableType:
    """The options (one answer or several), the steps in the right order or the prompts
    with their right responses, each marked ✓ / ✗ against the learner's answer and
    followed by its explanation; then the item's rationale and its references."""
    body: RenderableType
    if question.kind is ItemKind.ORDERING:
        body = _ordering(question, answer.response or ())
    elif question.kind is ItemKind.MATCHING:
        body = _matching(question, answer.response or ())
    elif question.kind is ItemKind.MULTIPLE:
        body = explained_options(
            question.options, question.explanations,
            key=question.key_set, chosen=answer.response or (),
        )  # fmt: skip
    else:
        body = explained_options(
            question.options, question.explanations,
            key=question.answer, chosen=answer.choice, stem=question.stem,
        )  # fmt: skip
    tail: list[RenderableType] = []
    if question.rationale:
        tail += [Text(""), Text(question.rationale)]
    tail += [Text(f"See: {link}", style="dim") for link in question.references]
    return Group(body, *tail) if tail else body


def _rows(marks: Sequence[str]) -> Table:
    """A grid whose first column fits the widest mark ("✓ 10.")."""
    return mark_grid(max(map(len, marks), default=1))


def _explanation(question: Question, index: int) -> str:
    return question.explanations[index] if index < len(question.explanations) else ""


def _ordering(question: Question, given: tuple[int, ...]) -> Table:
    """The steps in the right order, each ✓ where the learner put it in that place."""
    marks = [f"{'✓' if place < len(given) and given[place] == step else '✗'} {place + 1}."
             for place, step in enumerate(question.keys)]  # fmt: skip
    grid = _rows(marks)
    for place, step in enumerate(question.keys):
        line = Text(f"{letter(step)}) {question.options[step]}")
        if step in given and given.index(step) != place:
            line.append(f"  ← you put it {_ordinal(given.index(step) + 1)}", style="italic")
        elif step not in given:
            line.append("  ← not placed", style="italic")
        grid.add_row(Text(marks[place], style="bold"), line)
        why = _explanation(question, step)
        if why:
            grid.add_row("", Text(why, style="dim"))
    return grid


def _matching(question: Question, given: tuple[int, ...]) -> Table:
    """Each prompt with its right response, ✓ where the learner chose it; then the
    responses that fit no prompt."""
    chosen = [given[n] if n < len(given) else -1 for n in range(len(question.prompts))]
    marks = [f"{'✓' if chosen[n] == right else '✗'} {n + 1}."
             for n, right in enumerate(question.keys)]  # fmt: skip
    grid = _rows(marks)
    for n, (prompt, right) in enumerate(zip(question.prompts, question.keys, strict=True)):
        line = Text(f"{prompt} → ")
        line.append(f"{letter(right)}) {question.options[right]}", style="bold")
        if chosen[n] != right:
            said = f"you chose {letter(chosen[n])}" if chosen[n] >= 0 else "none chosen"
            line.append(f"  ← {said}", style="italic")
        grid.add_row(Text(marks[n], style="bold"), line)
        why = _explanation(question, right)
        # A pair without a rationale is explained by its prompt(s): already on the line.
        named = " ".join(p for p, k in zip(question.prompts, question.keys, strict=True)
                         if k == right)  # fmt: skip
        if why and why.strip() != named.strip():
            grid.add_row("", Text(why, style="dim"))
    for extra in sorted(set(range(len(question.options))) - set(question.keys)):
        line = Text(f"{letter(extra)}) {question.options[extra]}")
        line.append("  ← fits no prompt", style="italic")
        grid.add_row("", line)
    return grid


def _ordinal(number: int) -> str:
    """1 → "1st", 2 → "2nd", 11 → "11th"."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
