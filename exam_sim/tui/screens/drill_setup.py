"""Choose what a topic drill covers: topics and/or tags, how many questions, timed or not.

The dialog returns a `SessionRequest`; what it means (0 or blank minutes: untimed) is
decided by the core, as for `exam-sim drill`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from exam_sim.exam import DEFAULT_COUNT, SessionError, SessionRequest
from exam_sim.models import AttemptMode, Deck
from exam_sim.tui.base import AppModal
from exam_sim.tui.widgets.selection import MarkedSelectionList


class DrillSetupScreen(AppModal[SessionRequest | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="drill_setup.cancel", tooltip="Back to Home"),
        Binding("ctrl+s", "start", "Start", id="drill_setup.start", tooltip="Start the drill"),
    ]

    def __init__(self, deck: Deck) -> None:
        super().__init__()
        self.deck = deck

    def compose(self) -> ComposeResult:
        counts = self.deck.topic_counts()
        tag_counts: dict[str, int] = {}
        for card in self.deck.cards:
            for tag in card.tags:
                tag_counts[tag] = tag_counts.get(tag, 0) + 1
        selections: list[Selection[str]] = [
            Selection(Content(f"Topic: {t.name} ({counts.get(t.id, 0)})"), f"topic:{t.id}")
            for t in self.deck.topics
        ]
        selections += [
            Selection(Content(f"Tag: {tag} ({n})"), f"tag:{tag}")
            for tag, n in sorted(tag_counts.items())
        ]
        with Vertical(id="dialog", classes="wide"):
            yield Static(AttemptMode.DRILL.label, id="dialog-title")
            yield Static(
                "Space toggles (✓ = chosen). Nothing chosen = every card. Topics and tags combine.",
                classes="dim",
            )
            yield MarkedSelectionList(*selections, id="drill-scope")
            with Horizontal(id="drill-numbers"):
                yield Static("Questions", classes="label")
                yield Input(str(DEFAULT_COUNT), id="drill-count", type="integer", max_length=4)
                yield Static("Minutes (blank = untimed)", classes="label")
                yield Input("", id="drill-minutes", type="number", max_length=5)
            with Horizontal(id="dialog-buttons"):
                yield Button("Start (ctrl+s)", id="start", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)
    def action_start(self) -> None:
        chosen = self.query_one(SelectionList).selected
        count_text = self.query_one("#drill-count", Input).value.strip()
        minutes_text = self.query_one("#drill-minutes", Input).value.strip()
        try:
            count = int(count_text or DEFAULT_COUNT)
            minutes = float(minutes_text) if minutes_text else None
        except ValueError:
            self.notify("Questions and minutes must be numbers.", severity="error")
            return
        try:
            request = SessionRequest(
                mode=AttemptMode.DRILL,
                topics=tuple(v.split(":", 1)[1] for v in chosen if v.startswith("topic:")),
                tags=tuple(v.split(":", 1)[1] for v in chosen if v.startswith("tag:")),
                count=count,
                minutes=minutes,
            )
        except SessionError as error:
            self.notify(f"{str(error)[:1].upper()}{str(error)[1:]}.", severity="error")
            return
        self.dismiss(request)
