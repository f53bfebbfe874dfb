"""The exam date of the open deck, in a dialog: typed as YYYY-MM-DD, empty to forget it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from exam_sim.tui.base import AppModal


class ExamDateScreen(AppModal[str | None]):
    """Dismissed with the ISO date, "" to forget the date, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="exam_date.cancel", tooltip="Keep the date"),
    ]

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Exam date", id="dialog-title")
            yield Static(
                "The day you sit the exam (YYYY-MM-DD). Home then forecasts your score on that "
                "day and plans your study. Empty: no date.",
                id="dialog-body",
            )
            yield Input(value=self._current or "", placeholder="2027-01-15", id="exam-date")
            yield Static("", id="exam-date-problem", classes="dim", markup=False)  # says the input

    @on(Input.Submitted, "#exam-date")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss("")
            return
        from exam_sim.exam.coach import exam_day

        try:
            day = exam_day(text)
        except ValueError as problem:
            self.query_one("#exam-date-problem", Static).update(f"{problem}.")
            return
        self.dismiss(day.isoformat())

    def action_cancel(self) -> None:
        self.dismiss(None)
