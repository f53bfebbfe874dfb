"""The question navigator, and the end-of-exam review page built on it.

Every question's state at a glance (answered with which letter, unanswered, flagged);
pick one to go to it. As the review page (opened when the last question is answered, as
the real exam console does) it also submits.
"""

from __future__ import annotations

from typing import Final

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Static

from exam_sim.exam import ExamSession
from exam_sim.models import ItemKind
from exam_sim.present import letter, number_list
from exam_sim.tui.base import AppModal

SUBMIT: Final = "submit"  # what the review page returns when the learner submits
COLUMNS = 10  # matches grid-size in exam_sim.tcss


def cell_label(
    number: int,
    choice: int | None,
    flagged: bool,
    current: bool = False,
    *,
    digits: int = 2,
    item: bool = False,
    right: bool | None = None,
) -> str:
    """ "▸12 B⚑": the pointer on the question on screen, the number, the letter chosen (·
    when unanswered; • for an item with several answers, whose `choice` would give away
    whether it is right), ⚑ when flagged. `right`, for an answer whose feedback has shown
    (a drill's): ✓ or ✗ in place of the letter. Every part has a fixed width, so the
    cells line up and the state reads without colour."""
    pointer = "▸" if current else " "
    chosen = "·" if choice is None else ("•" if item else letter(choice))
    if right is not None:
        chosen = "✓" if right else "✗"
    return f"{pointer}{number:>{digits}} {chosen}{'⚑' if flagged else ' '}"


class NavigatorScreen(AppModal[int | str | None]):
    BINDINGS = [
        Binding("escape,g", "close", "Close", id="navigator.close", tooltip="Back to the question"),
        Binding("u", "first_unanswered", "First unanswered", id="navigator.unanswered",
                tooltip="Go to the first unanswered question"),
        Binding("f", "first_flagged", "First flagged", id="navigator.flagged",
                tooltip="Go to the first flagged question"),
        Binding("s", "submit", "Submit", id="navigator.submit",
                tooltip="End the exam and score it (asks first)"),
        Binding("left", "move(-1)", show=False, id="navigator.left",
                tooltip="Previous question in the grid"),
        Binding("right", "move(1)", show=False, id="navigator.right",
                tooltip="Next question in the grid"),
        Binding("up", f"move(-{COLUMNS})", show=False, id="navigator.up",
                tooltip="The question one row up"),
        Binding("down", f"move({COLUMNS})", show=False, id="navigator.down",
                tooltip="The question one row down"),
    ]  # fmt: skip
    HELP_NOTES = ("Arrows move between cells; Enter goes to the question in the cell.",)

    def __init__(self, session: ExamSession, *, review: bool = False) -> None:
        super().__init__()
        self.session = session
        self.review = review

    def _title(self) -> str:
        session = self.session
        unanswered, flagged = session.unanswered(), session.flagged()
        head = "Review your answers before you submit" if self.review else "Go to a question"
        lines = [
            f"{head}: {session.answered_count()} of {session.total} answered, "
            f"{len(flagged)} flagged.",
        ]
        if self.review:
            lines.append(
                f"Unanswered ({len(unanswered)}): {number_list(unanswered) or 'none'} · "
                f"Flagged ({len(flagged)}): {number_list(flagged) or 'none'}"
            )
        items = any(q.kind is not ItemKind.SINGLE for q in session.questions)
        mine = "B/• your answer" if items else "B your answer"
        if session.gives_feedback:  # a drill's answers are marked as its feedback said
            mine = "✓ right  ✗ wrong"
        # Two spaces between the entries: "·" is the mark of an unanswered question here,
        # so it cannot also separate them.
        lines.append(f"{mine}  · unanswered  ⚑ flagged  ▸ on screen  Enter goes there")
        return "\n".join(lines)

    def compose(self) -> ComposeResult:
        session = self.session
        digits = len(str(session.total))
        wrong = set(session.wrong_so_far())  # the core's rule, as `--plain`'s list says it
        with Vertical(id="navigator"):
            yield Static(self._title(), id="navigator-title", markup=False)
            with Grid(id="navigator-grid"):
                for answer in session.answers:
                    button = Button(
                        cell_label(
                            answer.position + 1,
                            answer.choice,
                            answer.flagged,
                            answer.position == session.current,
                            digits=digits,
                            item=session.questions[answer.position].kind is not ItemKind.SINGLE,
                            right=answer.position not in wrong
                            if session.answer_is_final(answer.position)
                            else None,
                        ),
                        id=f"q{answer.position}",
                        classes="nav-cell",
                    )
                    # No padding inside the 7 columns: the 6-character label fits whole
                    # (the stylesheet parser refuses `line-pad: 0`).
                    button.styles.line_pad = 0
                    button.set_class(answer.choice is not None, "-answered")
                    button.set_class(answer.flagged, "-flagged")
                    button.set_class(answer.position == session.current, "-current")
                    yield button
            with Horizontal(id="dialog-buttons"):
                yield Button("Submit (S)", id="submit", variant="primary")
                yield Button("Back (Esc)", id="back")

    def on_mount(self) -> None:
        self.query_one(f"#q{self.session.current}", Button).focus()

    @on(Button.Pressed, ".nav-cell")
    def _chosen(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(int(event.button.id[1:]))

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        self.dismiss(SUBMIT)

    @on(Button.Pressed, "#back")
    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, delta: int) -> None:
        focused = self.focused
        cell = focused is not None and focused.has_class("nav-cell") and focused.id
        current = int(focused.id[1:]) if cell and focused and focused.id else self.session.current
        target = min(max(current + delta, 0), self.session.total - 1)
        self.query_one(f"#q{target}", Button).focus()

    def action_first_unanswered(self) -> None:
        unanswered = self.session.unanswered()
        self.dismiss(unanswered[0] if unanswered else None)

    def action_first_flagged(self) -> None:
        flagged = self.session.flagged()
        self.dismiss(flagged[0] if flagged else None)
