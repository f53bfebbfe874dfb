"""The exam clock shown on every question."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from exam_sim.present import duration


class Countdown(Static):
    """Shows time left (or time used when untimed). The parent owns the value and sets it."""

    seconds_left: reactive[float | None] = reactive(None)
    seconds_used: reactive[float] = reactive(0.0)

    def render(self) -> str:
        if self.seconds_left is None:
            return f"⏱ {duration(self.seconds_used)} used"
        return f"⏱ {duration(self.seconds_left)} left"

    def watch_seconds_left(self, seconds: float | None) -> None:
        self.set_class(seconds is not None and seconds <= 600, "-low")
        self.set_class(seconds is not None and seconds <= 60, "-critical")
