"""The exam clock shown on every question."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static

from exam_sim.present import duration


def clock_text(seconds_left: float | None, seconds_used: float) -> str:
    """ "⏱ 2:41:10 left", or "⏱ 12:03 used" when untimed."""
    if seconds_left is None:
        return f"⏱ {duration(seconds_used)} used"
    return f"⏱ {duration(seconds_left)} left"


class Countdown(Static):
    """Shows time left (or time used when untimed). The parent owns the value and sets it
    (`show`), four times a second; the clock is drawn again only when the text it shows
    changes, once a second, not on every setting."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = clock_text(None, 0.0)

    def show(self, seconds_left: float | None, seconds_used: float) -> None:
        self.set_class(seconds_left is not None and seconds_left <= 600, "-low")
        self.set_class(seconds_left is not None and seconds_left <= 60, "-critical")
        text = clock_text(seconds_left, seconds_used)
        if text != self._text:
            resized = cell_len(text) != cell_len(self._text)  # "1:00:00" → "59:59"
            self._text = text
            self.refresh(layout=resized)

    def render(self) -> str:
        return self._text
