"""The question navigator: every question's state at a glance; pick one to go to it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Button, Static

from exam_sim.exam import ExamSession
from exam_sim.tui.base import AppModal


def cell_label(number: int, answered: bool, flagged: bool, current: bool = False) -> str:
    """Cell text: "12✓" answered, "12·" unanswered, "⚑" when flagged, "▸" before the
    question on screen, so the state reads without colour."""
    return f"{'▸' if current else ''}{number}{'✓' if answered else '·'}{'⚑' if flagged else ''}"


COLUMNS = 10  # matches grid-size in exam_sim.tcss


class NavigatorScreen(AppModal[int | None]):
    BINDINGS = [
        Binding("escape,g", "close", "Close", id="navigator.close", tooltip="Back to the question"),
        Binding("u", "first_unanswered", "First unanswered", id="navigator.unanswered",
                tooltip="Go to the first unanswered question"),
        Binding("f", "first_flagged", "First flagged", id="navigator.flagged",
                tooltip="Go to the first flagged question"),
        Binding("left", "move(-1)", show=False, id="navigator.left",
                tooltip="Previous question in the grid"),
        Binding("right", "move(1)", show=False, id="navigator.right",
                tooltip="Next question in the grid"),
        Binding("up", f"move(-{COLUMNS})", show=False, id="navigator.up",
                tooltip="The question one row up"),
        Binding("down", f"move({COLUMNS})", show=False, id="navigator.down",
                tooltip="The question one row down"),
    ]  # fmt: skip

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        with Vertical(id="navigator"):
            yield Static(
                f"Go to a question: {session.answered_count()} of {session.total} answered, "
                f"{len(session.flagged())} flagged.\n"
                "✓ answered   · unanswered   ⚑ flagged   ▸ current   "
                "u first unanswered   f first flagged",
                id="navigator-title",
            )
            with Grid(id="navigator-grid"):
                for answer in session.answers:
                    button = Button(
                        cell_label(
                            answer.position + 1,
                            answer.choice is not None,
                            answer.flagged,
                            answer.position == session.current,
                        ),
                        id=f"q{answer.position}",
                        classes="nav-cell",
                    )
                    button.set_class(answer.choice is not None, "-answered")
                    button.set_class(answer.flagged, "-flagged")
                    button.set_class(answer.position == session.current, "-current")
                    yield button

    def on_mount(self) -> None:
        self.query_one(f"#q{self.session.current}", Button).focus()

    @on(Button.Pressed, ".nav-cell")
    def _chosen(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(int(event.button.id[1:]))

    def action_move(self, delta: int) -> None:
        focused = self.focused
        current = int(focused.id[1:]) if focused and focused.id else self.session.current
        target = min(max(current + delta, 0), self.session.total - 1)
        self.query_one(f"#q{target}", Button).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_first_unanswered(self) -> None:
        unanswered = self.session.unanswered()
        self.dismiss(unanswered[0] if unanswered else None)

    def action_first_flagged(self) -> None:
        flagged = self.session.flagged()
        self.dismiss(flagged[0] if flagged else None)
