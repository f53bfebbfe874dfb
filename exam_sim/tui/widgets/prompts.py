"""A matching item's prompts, one line each, as the exam screen lists them above the
responses: "▶ 1. prompt → B". The mark is on the prompt the next response goes to; a
click on a prompt moves the mark there (what [ and ] do from the keyboard), so a matching
item is answered with the mouse alone: click a prompt, then its response.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import RenderableType
from textual import events
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from exam_sim.authored import MAX_PAIRS


class PromptLine(Static):
    """One prompt; `index` is its place in the item (0-based)."""

    def __init__(self, index: int) -> None:
        super().__init__(id=f"prompt-{index + 1}", classes="prompt-line")
        self.index = index

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(PromptList.Chosen(self.index))


class PromptList(Vertical):
    """The prompts of a matching item (hidden with the options once a drill's feedback,
    which lists each prompt with its right response, shows)."""

    @dataclass
    class Chosen(Message):
        """The learner clicked prompt `index`."""

        index: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[PromptLine] = []

    def show(self, lines: Sequence[RenderableType]) -> None:
        """These prompt lines (deck text already made literal by the caller)."""
        if not self._lines:
            # As many lines as an item can have prompts, mounted with the first matching
            # item and kept, shown or hidden: nothing is mounted or removed afterwards while
            # the learner moves between questions, and a session without matching items
            # never has them (hidden widgets still cost every key its share of each
            # style, layout and idle pass).
            self._lines = [PromptLine(index) for index in range(MAX_PAIRS)]
            self.mount_all(self._lines)
        for line in self._lines:
            line.display = line.index < len(lines)
            line.update(lines[line.index] if line.index < len(lines) else "")
