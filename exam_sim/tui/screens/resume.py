"""Every unfinished attempt, of any deck: resume one, discard one, or start afresh.

R on Home opens it; so does M (or W, D…) when attempts of that kind are still open on this
deck, so unfinished mocks do not pile up unseen: the learner resumes one or says "new".
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from exam_sim.history import AttemptSummary
from exam_sim.present import attempt_date, saved_state
from exam_sim.tui.base import AppModal


@dataclass(frozen=True)
class ResumeChoice:
    """What the dialog returns: an attempt to resume, or `new` (start the session asked
    for)."""

    attempt_id: int | None = None
    new: bool = False


def attempt_line(summary: AttemptSummary, *, this_deck: str | None) -> Text:
    """ "#12 Mock exam · 11 of 65 answered, 2:41:10 left · 2026-11-24 09:30" (+ the deck
    when it is not the open one)."""
    line = Text(f"#{summary.id} ", style="bold")
    line.append(summary.mode.label)
    state = saved_state(summary.answered, summary.question_count, summary.time_left_seconds)
    line.append(f" · {state} · {attempt_date(summary.started_at, None)}", style="dim")
    if summary.deck_id != this_deck:
        line.append(f"\n   {summary.deck_title}", style="italic")
    return line


class ResumeScreen(AppModal[ResumeChoice | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Back", id="resume.cancel", tooltip="Back, nothing started"),
        Binding("delete,x", "discard", "Discard", id="resume.discard",
                tooltip="Delete the highlighted unfinished attempt (asks first)"),
        Binding("n", "new", "New", id="resume.new", tooltip="Start a new session instead"),
    ]  # fmt: skip
    HELP_NOTES = ("↑ ↓ choose an attempt; Enter resumes it where it was left.",)

    def __init__(self, *, new: str | None = None) -> None:
        """`new`: the session the learner asked for ("mock exam"), offered beside the
        open ones; None when the dialog only resumes (R)."""
        super().__init__()
        self.new = new

    def compose(self) -> ComposeResult:
        title = (
            "Resume an unfinished attempt"
            if self.new is None
            else (f"You have unfinished attempts: resume one, or start a new {self.new}?")
        )
        with Vertical(id="dialog", classes="wide"):
            yield Static(title, id="dialog-title", markup=False)
            yield OptionList(id="unfinished")
            yield Static(
                "Enter resumes · x or Delete discards (asks first) · Esc back",
                classes="dim",
            )
            with Horizontal(id="dialog-buttons"):
                if self.new is not None:
                    yield Button(f"New {self.new} (N)", id="new", variant="primary")
                yield Button("Back (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.refill()
        self.query_one("#unfinished", OptionList).focus()

    def refill(self) -> None:
        history, deck_id = self.app.history, self.app.deck.id
        options = self.query_one("#unfinished", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        unfinished = history.unfinished()
        # This deck's first, then the others (newest first within each).
        unfinished.sort(key=lambda s: s.deck_id != deck_id)
        for summary in unfinished:
            options.add_option(Option(attempt_line(summary, this_deck=deck_id), id=str(summary.id)))
        if not unfinished:
            options.add_option(Option("Nothing is unfinished.", disabled=True))
        else:
            options.highlighted = min(highlighted or 0, len(unfinished) - 1)

    def _highlighted_id(self) -> int | None:
        options = self.query_one("#unfinished", OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return int(option.id) if option.id and not option.disabled else None

    @on(OptionList.OptionSelected, "#unfinished")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.dismiss(ResumeChoice(attempt_id=int(event.option.id)))

    def action_discard(self) -> None:
        from exam_sim.tui.screens.confirm import ConfirmScreen

        attempt_id = self._highlighted_id()
        if attempt_id is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.history.delete_attempt(attempt_id)
                self.notify(f"Attempt {attempt_id} discarded.")
                self.refill()

        self.app.push_screen(
            ConfirmScreen(
                f"Discard attempt {attempt_id}?",
                "Its answers are deleted; it cannot be resumed afterwards.",
                yes="Discard (Y)",
                no="Keep (N)",
            ),
            confirmed,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # N (a new session) only where one was asked for: not when R only resumes.
        return self.new is not None if action == "new" else True

    @on(Button.Pressed, "#new")
    def action_new(self) -> None:
        if self.new is not None:
            self.dismiss(ResumeChoice(new=True))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
