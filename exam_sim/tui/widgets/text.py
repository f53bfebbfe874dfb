"""Deck text is data, never markup: every card string shown goes through these.

Options and explanations are laid out as two-column grids so that a long option wraps
under its own text (a hanging indent) instead of under its letter.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.content import Content

from exam_sim.present import letter
from exam_sim.text import BLANK
from exam_sim.units import is_made, made_beside, one_explanation


def literal(text: str) -> Content:
    """Content that shows `text` exactly, `[bold]` and `[/]` included."""
    return Content(text)


def mark_grid(mark_width: int = 4) -> Table:
    """Two columns: a mark of `mark_width` cells, then text that wraps under itself."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, width=mark_width)
    grid.add_column(ratio=1, overflow="fold")
    return grid


class Hanging:
    """A mark, then text wrapping under itself: what a two-column `mark_grid` row draws, line
    for line, at a fraction of the cost (a rich Table measures and lays out every cell; the
    exam screen draws one per option on every key, issue 14 item 12)."""

    def __init__(self, mark: Text, text: Text, mark_width: int) -> None:
        self.mark, self.text, self.mark_width = mark, text, mark_width
        # The segments at each width: Textual renders an option to measure its height,
        # again to lay the list out and again to draw it (about 30 times per option on
        # one key); the text never changes, so once per width is enough.
        self._rendered: dict[tuple[int, int], list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (id(console), options.max_width)
        segments = self._rendered.get(key)
        if segments is None:
            segments = self._rendered[key] = list(self._render(console, options.max_width))
        yield from segments

    def _render(self, console: Console, max_width: int) -> Iterator[Segment]:
        width = max(1, max_width - self.mark_width - 1)  # the grid's 1-cell gap
        lines = self.text.wrap(console, width, overflow="fold")
        lines = lines or [Text()]  # type: ignore[assignment]
        mark = self.mark.copy()
        mark.truncate(self.mark_width, overflow="ellipsis", pad=True)  # as the no_wrap column
        indent = " " * (self.mark_width + 1)
        for number, line in enumerate(lines):
            line.truncate(width, pad=True)
            row = Text.assemble(mark, " ", line) if number == 0 else Text.assemble(indent, line)
            yield from row.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)  # expands, as the grid did


def option_label(
    index: int, text: str | Text, *, marker: str = "", pointer: str = ""
) -> RenderableType:
    """ "▸ ● B) text" with the text wrapping under itself: the pointer (or a space), the
    option's mark, its letter. `text` is shown literally (a `Text` keeps its style: a
    struck-out option)."""
    mark = f"{pointer or ' '} {marker or ' '} {letter(index)})"
    shown = text if isinstance(text, Text) else Text(text)
    return Hanging(Text(mark, style="bold"), shown, mark_width=6)


def prompt_label(number: int, text: str, answer: str, *, current: bool) -> RenderableType:
    """ "▶ 1. prompt → B" with the prompt wrapping under itself (a matching item's prompt;
    `current`: the one the next response goes to). `text` is shown literally."""
    shown = Text(text)
    shown.append(f" → {answer}", style="bold")
    mark = Text(f"{'▶' if current else ' '} {number}.", style="bold")
    return Hanging(mark, shown, mark_width=len(mark))


def _same_text(full: str, shown: str) -> bool:
    """True when `shown` is `full` with some names blanked out (`BLANK`)."""
    if BLANK not in shown:
        return full.strip() == shown.strip()
    pattern = ".+?".join(re.escape(part) for part in shown.strip().split(BLANK))
    return re.fullmatch(pattern, full.strip(), flags=re.DOTALL) is not None


def _new_part(explanation: str, option: str) -> str:
    """The part of an explanation ("Term — definition") that the option does not already
    show: the term under a definition option, the definition under a term option."""
    if is_made(explanation):
        return made_beside(explanation, option)
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
    key: int | Collection[int],
    chosen: int | Collection[int] | None,
    header: Text | None = None,
    stem: str = "",
) -> RenderableType:
    """Every option marked ✓ (a key) / ✗ (the learner's wrong choice), each followed by its
    own card's explanation, dimmed. Used by drill feedback and by review; `key` and
    `chosen` are sets for a multiple-response item. An explanation that only says the
    `stem` again (the key's definition asked for its term, or its term asked for its
    definition: "= term") is left out, as it is just above; a stem with words blanked is
    not the same (its explanation shows them)."""
    keys = {key} if isinstance(key, int) else set(key)
    picked = set() if chosen is None else {chosen} if isinstance(chosen, int) else set(chosen)
    grid = mark_grid()
    if header is not None:
        grid.add_row("", header)
    shared = one_explanation(explanations)  # a true/false question's one card: said once
    for index, option in enumerate(options):
        is_key, is_choice = index in keys, index in picked
        mark = "✓" if is_key else ("✗" if is_choice else " ")
        line = Text(option, style="bold" if is_key else "")
        notes = [n for n, on in (("right answer", is_key), ("your answer", is_choice)) if on]
        if notes:
            line.append(f"  ← {' · '.join(notes)}", style="italic")
        grid.add_row(Text(f"{mark} {letter(index)})", style="bold"), line)
        if shared is None and index < len(explanations) and explanations[index]:
            said = _new_part(explanations[index], option)
            if said.removeprefix("= ").split() != stem.split():
                grid.add_row("", Text(said, style="dim"))
    if shared is not None:
        grid.add_row("", Text(shared, style="dim"))
    return grid
