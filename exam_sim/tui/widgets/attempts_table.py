"""The attempts list of the History screen, read a page at a time.

A history can hold 100,000 attempts; a DataTable of all of them took seconds to fill. This
table holds a window of pages instead: it starts with the newest page, adds the next page
when the cursor reaches the last row (the previous one at the first), and Home / End jump
to the first / last attempt of the whole list by loading that page. Every page is one
keyset query on an index (`History.attempts_page`), so it costs the same anywhere in the
list. After a change (a review, a delete, a resumed attempt) `reload` reads the same
window again and keeps the cursor on the same attempt, or on the row that took its place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from exam_sim.history import AttemptSummary

PAGE = 30  # a screenful at 100x30 and a bit: each DataTable row costs ~1.5 ms of CPU to add

Cells = Sequence[str | Text]


@dataclass(frozen=True)
class AttemptPages:
    """Where the pages come from: the store's keyset queries for one deck."""

    first: Callable[[int], list[AttemptSummary]]  # the newest `limit`
    after: Callable[[AttemptSummary, int], list[AttemptSummary]]  # older than a row
    before: Callable[[AttemptSummary, int], list[AttemptSummary]]  # newer than a row
    last: Callable[[int], list[AttemptSummary]]  # the oldest `limit`, newest first
    count: Callable[[], int]


class AttemptsTable(DataTable[str | Text]):
    """A DataTable over a window of the attempts list; rows are keyed by attempt id."""

    BINDINGS = [
        Binding("home,ctrl+home", "first_attempt", "First", show=False),
        Binding("end,ctrl+end", "last_attempt", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.window: list[AttemptSummary] = []
        self.total = 0
        self.first_row = 0  # the window's first row is attempt number first_row + 1 in the list
        self._pages: AttemptPages | None = None
        self._cells: Callable[[AttemptSummary], Cells] = lambda s: ()
        self._empty: Cells = ()
        self._filling = False

    def configure(
        self, pages: AttemptPages, cells: Callable[[AttemptSummary], Cells], empty: Cells
    ) -> None:
        self._pages, self._cells, self._empty = pages, cells, empty

    @property
    def pages(self) -> AttemptPages:
        assert self._pages is not None, "configure() the table first"
        return self._pages

    @property
    def more_after(self) -> bool:
        return self.first_row + len(self.window) < self.total

    @property
    def selected(self) -> AttemptSummary | None:
        if not self.window or not 0 <= self.cursor_row < len(self.window):
            return None
        return self.window[self.cursor_row]

    # ------------------------------------------------------------------ filling

    def _show(self, window: list[AttemptSummary], first_row: int, cursor: int) -> None:
        self._filling = True  # moving the cursor below must not load more pages
        try:
            self.window, self.first_row = window, first_row
            self.clear()
            if window:
                self.add_rows(self._cells(s) for s in window)
            elif self._empty:
                self.add_row(*self._empty)
            self.move_cursor(row=max(0, min(cursor, len(window) - 1)), animate=False)
        finally:
            self._filling = False

    def _rows_added(self, rows: list[AttemptSummary]) -> None:
        self._filling = True
        try:
            self.window.extend(rows)
            self.add_rows(self._cells(s) for s in rows)
        finally:
            self._filling = False

    def show_first(self) -> None:
        self.total = self.pages.count()
        self._show(self.pages.first(PAGE), 0, 0)

    def reload(self) -> None:
        """The same part of the list again, read afresh; the cursor stays on its attempt,
        or (deleted) on the row that took its place."""
        selected, row = self.selected, self.cursor_row
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
        self._show(window, min(offset, max(0, self.total - len(window))), cursor)

    # ------------------------------------------------------------------ moving

    def action_first_attempt(self) -> None:
        if self.first_row:
            self.show_first()
        else:
            self.move_cursor(row=0)

    def action_last_attempt(self) -> None:
        if self.more_after:
            self.total = self.pages.count()
            window = self.pages.last(PAGE)
            self._show(window, max(0, self.total - len(window)), len(window) - 1)
        else:
            self.move_cursor(row=max(0, len(self.window) - 1))

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if self._filling or not self.window:
            return
        if new.row >= len(self.window) - 1 and self.more_after:
            self._rows_added(self.pages.after(self.window[-1], PAGE))
        elif new.row == 0 and self.first_row > 0:
            newer = self.pages.before(self.window[0], PAGE)
            if newer:
                self._show(newer + self.window, self.first_row - len(newer), len(newer))
