"""A row of tabs drawn as text: the labels, and a bar under the active one.

Textual's TabbedContent mounts a widget per tab, an animated underline and a pane per
tab; on the History screen it was about 60 ms of CPU of the screen's opening, more than
everything else on it (issue 14). This draws the same two lines from one widget; the
screen shows the active tab's pane with a ContentSwitcher.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

GAP = 1  # a space on each side of a label, as Textual draws tabs


class TabLine(Widget):
    DEFAULT_CSS = """
    TabLine {
        height: 2;
        width: 100%;
        & > .tab-line--active { text-style: bold; color: $foreground; }
        & > .tab-line--inactive { color: $foreground 50%; }
        & > .tab-line--bar { color: $block-cursor-background; }
        & > .tab-line--rule { color: $foreground 15%; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tab-line--active",
        "tab-line--inactive",
        "tab-line--bar",
        "tab-line--rule",
    }

    active: reactive[str] = reactive("")

    class Activated(Message):
        """A tab was clicked."""

        def __init__(self, tab_line: TabLine, tab: str) -> None:
            super().__init__()
            self.tab_line, self.tab = tab_line, tab

        @property
        def control(self) -> TabLine:
            return self.tab_line

    def __init__(self, tabs: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        """`tabs`: (id, label) pairs, in order; the first is active."""
        super().__init__(id=id)
        self.tabs = tuple(tabs)
        self.set_reactive(TabLine.active, self.tabs[0][0])

    def _spans(self) -> list[tuple[str, int, int]]:
        """(tab id, first column, width) of each label with its gaps."""
        spans, column = [], 0
        for tab, label in self.tabs:
            width = cell_len(label) + 2 * GAP
            spans.append((tab, column, width))
            column += width
        return spans

    def render(self) -> RenderResult:
        style = self.get_component_rich_style
        labels, bars = [], []
        for (tab, label), (_, _, width) in zip(self.tabs, self._spans(), strict=True):
            on = tab == self.active
            text = f"{' ' * GAP}{label}{' ' * GAP}"
            labels.append((text, style("tab-line--active" if on else "tab-line--inactive")))
            bars.append(("━" * width, style("tab-line--bar" if on else "tab-line--rule")))
        rest = max(0, self.size.width - sum(width for _, _, width in self._spans()))
        bars.append(("━" * rest, style("tab-line--rule")))
        return Text.assemble(*labels, "\n", *bars, no_wrap=True, end="")

    def on_click(self, event: events.Click) -> None:
        for tab, start, width in self._spans():
            if start <= event.x < start + width:
                self.active = tab
                self.post_message(self.Activated(self, tab))
                return
