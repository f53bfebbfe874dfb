"""A yes/no question in a modal, and the wording of the submit confirmation."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from exam_sim.exam import ExamSession
from exam_sim.present import number_list
from exam_sim.tui.base import AppModal


def _numbers(positions: list[int], limit: int = 15) -> str:
    return number_list(positions[:limit]) + (", …" if len(positions) > limit else "")


def submit_question(session: ExamSession) -> tuple[str, str]:
    """Title and body of "submit?": what is unanswered and flagged, by number."""
    unanswered, flagged = session.unanswered(), session.flagged()
    lines = []
    if unanswered:
        lines.append(
            f"✗ {len(unanswered)} unanswered (they count as wrong): {_numbers(unanswered)}"
        )
    else:
        lines.append("✓ Every question is answered.")
    if flagged:
        lines.append(f"⚑ {len(flagged)} flagged for review: {_numbers(flagged)}")
    return (
        f"Submit your answers? ({session.answered_count()} of {session.total} answered)",
        "\n".join(lines),
    )


class ConfirmScreen(AppModal[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Confirm"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="Go back"),
    ]

    def __init__(self, title: str, body: str, *, yes: str = "Yes (Y)", no: str = "No (N)") -> None:
        super().__init__()
        self._title, self._body, self._yes, self._no = title, body, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self._title, id="dialog-title", markup=False)
            yield Static(self._body, id="dialog-body", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(self._yes, id="yes", variant="primary")
                yield Button(self._no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
