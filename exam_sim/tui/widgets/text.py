"""Deck text is data, never markup: every card string shown goes through these.

Options and explanations are laid out as two-column grids so that a long option wraps
under its own text (a hanging indent) instead of under its letter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.content import Content

from exam_sim.present import letter


def literal(text: str) -> Content:
    """Content that shows `text` exactly, `[bold]` and `[/]` included."""
    return Content(text)


def _grid(mark_width: int = 4) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, width=mark_width)
    grid.add_column(ratio=1, overflow="fold")
    return grid


def option_label(
    index: int, text: str | Text, *, marker: str = "", pointer: str = ""
) -> RenderableType:
    """ "▸ ● B) text" with the text wrapping under itself: the pointer (or a space), the
    option's mark, its letter. `text` is shown literally (a `Text` keeps its style: a
    struck-out option)."""
    grid = _grid(mark_width=6)
    mark = f"{pointer or ' '} {marker or ' '} {letter(index)})"
    shown = text if isinstance(text, Text) else Text(text)
    grid.add_row(Text(mark, style="bold"), shown)
    return grid


def prompt_label(number: int, text: str, answer: str, *, current: bool) -> RenderableType:
    """ "▶ 1. prompt → B" with the prompt wrapping under itself (a matching item's prompt;
    `current`: the one the next response goes to). `text` is shown literally."""
    grid = _grid(mark_width=len(f"▶ {number}."))
    shown = Text(text)
    shown.append(f" → {answer}", style="bold")
    grid.add_row(Text(f"{'▶' if current else ' '} {number}.", style="bold"), shown)
    return grid


def _same_text(full: str, shown: str) -> bool:
    """True when `shown` is `full` with some names blanked out as "____"."""
    if "____" not in shown:
        return full.strip() == shown.strip()
    pattern = ".+?".join(re.escape(part) for part in shown.strip().split("____"))
    return re.fullmatch(pattern, full.strip(), flags=re.DOTALL) is not None


def _new_part(explanation: str, option: str) -> str:
    """The part of an explanation ("Term — definition") that the option does not already
    show: the term under a definition option, the definition under a term option."""
    head, sep, tail = explanation.partition(" — ")
    if sep and _same_text(tail, option):
        return f"= {head}"
    if sep and head.strip() == option.strip():
        return tail
    return explanation


def explained_options(
    options: Sequence[str],
    explanations: Sequence[str],
    *,
    key: int,
    chosen: int | None,
    header: Text | None = None,
) -> RenderableType:
    """Every option marked ✓ (key) / ✗ (the learner's wrong choice), each followed by its
    own card's explanation, dimmed. Used by drill feedback and by review."""
    grid = _grid()
    if header is not None:
        grid.add_row("", header)
    for index, option in enumerate(options):
        is_key, is_choice = index == key, index == chosen
        mark = "✓" if is_key else ("✗" if is_choice else " ")
        line = Text(option, style="bold" if is_key else "")
        notes = [n for n, on in (("right answer", is_key), ("your answer", is_choice)) if on]
        if notes:
            line.append(f"  ← {' · '.join(notes)}", style="italic")
        grid.add_row(Text(f"{mark} {letter(index)})", style="bold"), line)
        if index < len(explanations) and explanations[index]:
            grid.add_row("", Text(_new_part(explanations[index], option), style="dim"))
    return grid
