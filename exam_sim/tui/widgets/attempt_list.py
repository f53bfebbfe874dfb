"""The attempts list of the History screen: a page of rows read at a time, drawn line by line.

A history can hold 100,000 attempts. A DataTable of all of them took seconds to fill, and
even a page of 30 cost about 1.5 ms of CPU a row to add and more to draw; this widget
draws only the rows on screen, each one line of text (Textual's line API), so a row
costs what formatting its cells costs.

The list holds a window of pages: it starts with the newest page, reads the next page
when the cursor reaches the window's last row (the previous one at its first), and Home /
End jump to the first / last attempt of the whole list by reading that page. Every page is
one keyset query on an index (`History.attempts_page`), so it costs the same anywhere in
the list. After a change (a review, a delete, a resumed attempt) `reload` reads the same
part of the list again and keeps the cursor on the same attempt, or on the row that took
its place. The window is trimmed at its far end past `MAX_WINDOW` rows, so walking the
whole list keeps memory flat.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from exam_sim.history import AttemptSummary

PAGE = 50  # rows read at a time: a screenful at 100x30 and more; one query of ~1 ms
MAX_WINDOW = 10 * PAGE  # rows held at most while walking the list
PADDING = 1  # spaces on each side of a cell, as a DataTable draws them


@dataclass(frozen=True)
class AttemptPages:
    """Where the pages come from: the store's keyset queries for one deck."""

    first: Callable[[int], list[AttemptSummary]]  # the newest `limit`
    after: Callable[[AttemptSummary, int], list[AttemptSummary]]  # older than a row
    before: Callable[[AttemptSummary, int], list[AttemptSummary]]  # newer than a row
    last: Callable[[int], list[AttemptSummary]]  # the oldest `limit`, newest first
    count: Callable[[], int]


class AttemptList(Widget, can_focus=True):
    """A list of attempts, newest first, over a window of pages; one line a row."""

    DEFAULT_CSS = """
    AttemptList {
        height: 1fr;
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .attempt-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .attempt-list--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .attempt-list--header { background: ansi_bright_blue; color: ansi_default; }
        & > .attempt-list--even-row { background: $surface-lighten-1 50%; }
        &:dark > .attempt-list--even-row { background: $surface-darken-1 40%; }
        & > .attempt-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .attempt-list--empty { color: $text-muted; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "attempt-list--header",
        "attempt-list--even-row",
        "attempt-list--cursor",
        "attempt-list--empty",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first_attempt", "First", show=False),
        Binding("end,ctrl+end", "last_attempt", "Last", show=False),
    ]

    max_window = MAX_WINDOW  # rows held at most (a test lowers it)

    class Chosen(Message):
        """A row was clicked while it was already the cursor's (as Enter on it)."""

        def __init__(self, attempt_list: AttemptList, summary: AttemptSummary) -> None:
            super().__init__()
            self.attempt_list, self.summary = attempt_list, summary

        @property
        def control(self) -> AttemptList:
            return self.attempt_list

    def __init__(
        self,
        pages: AttemptPages,
        headers: Sequence[str],
        cells: Callable[[AttemptSummary], Sequence[str]],
        empty: str,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.pages, self.headers, self._cells, self.empty = pages, tuple(headers), cells, empty
        self.window: list[AttemptSummary] = []
        self._rows: list[Sequence[str]] = []  # the window's cells, formatted once
        self.total = 0
        self.first_row = 0  # the window's first row is attempt number first_row + 1
        self.cursor_row = 0  # in the window
        self._top = 0  # the window's row drawn first
        self._widths: list[int] = [cell_len(h) for h in self.headers]

    # ------------------------------------------------------------------ reading

    @property
    def row_count(self) -> int:
        return len(self.window)

    @property
    def more_after(self) -> bool:
        return self.first_row + len(self.window) < self.total

    @property
    def selected(self) -> AttemptSummary | None:
        if not 0 <= self.cursor_row < len(self.window):
            return None
        return self.window[self.cursor_row]

    def row_cells(self, row: int) -> Sequence[str]:
        """The cells of a row of the window, as drawn."""
        return self._rows[row]

    # ------------------------------------------------------------------ filling

    def _show(self, window: list[AttemptSummary], first_row: int, cursor: int) -> None:
        self.window, self.first_row = window, first_row
        self._rows = [self._cells(s) for s in window]
        self._measure()
        self.cursor_row = max(0, min(cursor, len(window) - 1))
        self._follow_cursor()
        self.refresh()

    def _measure(self) -> None:
        # Columns only widen: paging from #100000 to #1 must not make them jump back.
        widths = list(self._widths)
        for cells in self._rows:
            widths = [max(w, cell_len(c)) for w, c in zip(widths, cells, strict=True)]
        self._widths = widths

    def show_first(self) -> None:
        self.total = self.pages.count()
        self._show(self.pages.first(PAGE), 0, 0)

    def reload(self) -> None:
        """The same part of the list again, read afresh; the cursor stays on its attempt,
        or (deleted) on the row that took its place."""
        selected, row, top = self.selected, self.cursor_row, self._top
        self.total = self.pages.count()
        size = max(PAGE, len(self.window))
        window, offset = [], 0
        if self.first_row and self.window:
            # From the window's first attempt on (or the one after it, if it went): the
            # window starts after the attempt just newer than it.
            newer = self.pages.before(self.window[0], 1)
            if newer:
                window, offset = self.pages.after(newer[0], size), self.first_row
        if not offset:
            window = self.pages.first(size)
        ids = [s.id for s in window]
        cursor = ids.index(selected.id) if selected is not None and selected.id in ids else row
        self._top = top  # the rows stay where they were on screen
        self._show(window, min(offset, max(0, self.total - len(window))), cursor)

    def _read_after(self) -> None:
        rows = self.pages.after(self.window[-1], PAGE)
        self.window.extend(rows)
        self._rows.extend(self._cells(s) for s in rows)
        extra = len(self.window) - self.max_window
        if extra > 0:  # forget the far end
            del self.window[:extra], self._rows[:extra]
            self.first_row += extra
            self.cursor_row -= extra
            self._top = max(0, self._top - extra)
        self._measure()

    def _read_before(self) -> None:
        newer = self.pages.before(self.window[0], PAGE)
        if not newer:
            return
        self.window[:0] = newer
        self._rows[:0] = [self._cells(s) for s in newer]
        self.first_row -= len(newer)
        self.cursor_row += len(newer)
        self._top += len(newer)
        if len(self.window) > self.max_window:
            del self.window[self.max_window :], self._rows[self.max_window :]
        self._measure()

    # ------------------------------------------------------------------ moving

    @property
    def _visible_rows(self) -> int:
        return max(1, self.size.height - 1)  # the header takes a line

    def _follow_cursor(self) -> None:
        visible = self._visible_rows
        if self.cursor_row < self._top:
            self._top = self.cursor_row
        elif self.cursor_row >= self._top + visible:
            self._top = self.cursor_row - visible + 1
        self._top = max(0, min(self._top, len(self.window) - visible))

    def move_to(self, row: int) -> None:
        """Put the cursor on a row of the window, reading the page beyond it when the row
        is the window's first or last."""
        if not self.window:
            return
        self.cursor_row = max(0, min(row, len(self.window) - 1))
        if self.cursor_row >= len(self.window) - 1 and self.more_after:
            self._read_after()
        elif self.cursor_row == 0 and self.first_row > 0:
            self._read_before()
        self._follow_cursor()
        self.refresh()

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_to(self.cursor_row - self._visible_rows)

    def action_page_down(self) -> None:
        self.move_to(self.cursor_row + self._visible_rows)

    def action_first_attempt(self) -> None:
        if self.first_row:
            self.show_first()
        else:
            self.move_to(0)

    def action_last_attempt(self) -> None:
        if self.more_after:
            self.total = self.pages.count()
            window = self.pages.last(PAGE)
            self._show(window, max(0, self.total - len(window)), len(window) - 1)
        else:
            self.move_to(len(self.window) - 1)

    def on_resize(self, _event: events.Resize) -> None:
        self._follow_cursor()

    def on_click(self, event: events.Click) -> None:
        row = self._top + event.y - 1
        if event.y < 1 or not 0 <= row < len(self.window):
            return
        if row == self.cursor_row:
            self.post_message(self.Chosen(self, self.window[row]))
        else:
            self.move_to(row)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.move_to(self.cursor_row + 3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.move_to(self.cursor_row - 3)

    # ------------------------------------------------------------------ drawing

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + max(1, len(self.window))

    def _line(self, cells: Sequence[str], style: Style, width: int) -> Strip:
        pad = " " * PADDING
        text = "".join(
            f"{pad}{cell}{' ' * (size - cell_len(cell))}{pad}"
            for cell, size in zip(cells, self._widths, strict=True)
        )
        return Strip([Segment(text, style)], cell_len(text)).adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("attempt-list--header")
            return self._line(self.headers, header, width)
        row = self._top + y - 1
        if not self.window:
            if y != 1:
                return Strip.blank(width, base)
            style = base + self.get_component_rich_style("attempt-list--empty")
            text = " " * PADDING + self.empty
            return Strip([Segment(text, style)], len(text)).adjust_cell_length(width, base)
        if row >= len(self.window):
            return Strip.blank(width, base)
        style = base
        if (self.first_row + row) % 2 == 0:  # stripes stay with their attempts when paging
            style += self.get_component_rich_style("attempt-list--even-row")
        if row == self.cursor_row:
            style += self.get_component_rich_style("attempt-list--cursor")
        return self._line(self._rows[row], style, width)
