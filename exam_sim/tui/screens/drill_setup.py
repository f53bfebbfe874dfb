"""Choose what a drill covers: topics and/or tags, how many questions, timed or not.

The dialog returns a `SessionRequest`; what it means (0 or blank minutes: untimed) is
decided by the core, as for `exam-sim drill`.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from exam_sim.exam import (
    DEFAULT_COUNT,
    DrillCapacity,
    QuestionSource,
    SessionError,
    SessionRequest,
    drill_capacity,
    drill_rule,
    drill_units,
)
from exam_sim.lexicon import capitalised
from exam_sim.models import AttemptMode, Deck
from exam_sim.present import tag_label
from exam_sim.tui.base import AppModal
from exam_sim.tui.widgets.selection import MarkedCheckbox, MarkedSelectionList

SCOPE_SHARE = 0.37  # of the screen's rows, at most, for the topics and tags: 24 rows fit


class DrillSetupScreen(AppModal[SessionRequest | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="drill_setup.cancel", tooltip="Back to Home"),
        Binding("ctrl+s", "start", "Start", id="drill_setup.start", tooltip="Start the drill"),
    ]
    HELP_NOTES = (
        "Space toggles the highlighted topic or tag (✓ = chosen), ↑ ↓ move; Tab goes on to "
        "the number of questions, the minutes and the buttons; Enter in a number starts.",
        "Topics OR topics, tags OR tags, topics AND tags; the dialog counts the cards "
        "selected as you choose.",
    )

    def __init__(
        self,
        deck: Deck,
        *,
        confidence: bool = False,
        source: Callable[[], QuestionSource | None] = lambda: None,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.confidence = confidence  # the box starts as K on Home left it
        # The deck's generator, when at hand without a wait: it says which ways each
        # chosen card can be asked (else the dialog gives the bound, each card both ways).
        self._source = source
        self._selected: dict[tuple[tuple[str, ...], tuple[str, ...]], DrillCapacity] = {}
        self._said = ""  # what the count of the selection says now

    def compose(self) -> ComposeResult:
        counts = self.deck.topic_counts()
        tag_counts: dict[str, int] = {}
        every_tags = [card.tags for card in self.deck.cards] + [i.tags for i in self.deck.items]
        for tags in every_tags:
            for tag in tags:
                tag_counts[tag] = tag_counts.get(tag, 0) + 1
        # The count first, in a column: a long name cut at the dialog's edge took the
        # count with it ("… and Security (4…").
        width = len(f"{max([*counts.values(), *tag_counts.values(), 0]):,}")
        selections: list[Selection[str]] = [
            Selection(Content(f"{counts.get(t.id, 0):>{width},}  Topic: {t.name}"), f"topic:{t.id}")
            for t in self.deck.topics
        ]
        selections += [
            Selection(Content(f"{n:>{width},}  Tag: {tag_label(tag)}"), f"tag:{tag}")
            for tag, n in sorted(tag_counts.items())
        ]
        with Vertical(id="dialog", classes="wide"):
            yield Static(AttemptMode.DRILL.label, id="dialog-title")
            held = {"cards": bool(self.deck.cards), "items": bool(self.deck.items)}
            if selections:
                rule = drill_rule(bool(self.deck.topics), bool(tag_counts), **held)
                yield Static(f"Space toggles (✓ = chosen). {rule}", classes="dim", markup=False)
                yield MarkedSelectionList(*selections, id="drill-scope")
            else:
                # No empty box: there is nothing to choose from.
                every = drill_units(**held).every
                yield Static(
                    f"This deck has no topics or tags: the drill draws from {every}.",
                    classes="dim",
                )
            yield Static(id="drill-selected")
            with Horizontal(id="drill-numbers"):
                yield Static("Questions", classes="label")
                # One row each (compact): the rows go to the list of topics and tags.
                yield Input(
                    str(DEFAULT_COUNT), id="drill-count", type="integer", max_length=4, compact=True
                )
                yield Static("Minutes (blank = untimed)", classes="label")
                yield Input("", id="drill-minutes", type="number", max_length=5, compact=True)
            yield MarkedCheckbox(
                "Mark confidence after each answer (7 guess · 8 unsure · 9 sure)",
                self.confidence,
                id="drill-confidence",
            )
            with Horizontal(id="dialog-buttons"):
                yield Button("Start (ctrl+s)", id="start", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self._show_selected()  # which fits the list of topics to what it says
        scope = self.query(SelectionList)
        (scope.first() if scope else self.query_one("#drill-count", Input)).focus()

    def on_resize(self) -> None:
        self._fit_scope()

    def _fit_scope(self) -> None:
        """The list of topics and tags gets up to SCOPE_SHARE of the screen's rows, set in
        cells: given as `37vh` in the stylesheet, the dialog's height was reckoned without
        that cap, and a long list left its last rows blank. Each line the count of what is
        selected takes past its first comes off the list: at 80×24 a two-line count cut
        the buttons' lower edge."""
        selected = self.query_one("#drill-selected", Static)
        width = selected.content_region.width or max(20, self.app.size.width - 12)
        extra = max(0, len(Content(self._said).wrap(width)) - 1)
        for scope in self.query("#drill-scope"):
            scope.styles.max_height = max(4, int(self.app.size.height * SCOPE_SHARE) - extra)

    def _chosen(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The chosen topic ids and tags."""
        scope = self.query(SelectionList)
        chosen: list[str] = list(scope.first().selected) if scope else []
        topics = tuple(v.split(":", 1)[1] for v in chosen if v.startswith("topic:"))
        tags = tuple(v.split(":", 1)[1] for v in chosen if v.startswith("tag:"))
        return topics, tags

    @on(SelectionList.SelectedChanged)
    @on(Input.Changed, "#drill-count")
    def _show_selected(self) -> None:
        """ "12 cards selected", live, and what a count above them makes: the core's words
        (`DrillCapacity.said`), as `plan_drill` will make the drill."""
        topics, tags = self._chosen()
        # Counted again only when the choice changes, not at each digit typed (a
        # million-card deck takes 0.15 s to count).
        key = (topics, tags)
        if key not in self._selected:
            self._selected[key] = drill_capacity(self.deck, topics, tags, source=self._source())
        count_text = self.query_one("#drill-count", Input).value.strip()
        count = int(count_text) if count_text.isdigit() else DEFAULT_COUNT
        self._said = self._selected[key].said(count)
        self.query_one("#drill-selected", Static).update(Content(self._said))
        self._fit_scope()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)
    def action_start(self) -> None:
        topics, tags = self._chosen()
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
                topics=topics,
                tags=tags,
                count=count,
                minutes=minutes,
                confidence=self.query_one("#drill-confidence", Checkbox).value,
            )
        except SessionError as error:
            self.notify(f"{capitalised(str(error))}.", severity="error")
            return
        self.dismiss(request)
