"""Score history: attempts, the score trend, per-topic averages, weak spots (cards and
written items), confusions."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Static

from exam_sim.exam import (
    ExamSession,
    ResumeRequest,
    drill_units,
    rank_weak_cards,
    topic_name,
    weak_card_history,
    weak_name,
)
from exam_sim.exam.charts import ScoreScale, full_mocks
from exam_sim.exam.coach import named_by_deck
from exam_sim.history import AttemptSummary
from exam_sim.models import Attempt, AttemptStatus
from exam_sim.present import (
    DELETED_ATTEMPT,
    attempt_date,
    duration,
    percent,
    percent_of,
    score_or_progress,
    verdict_text,
)
from exam_sim.report import no_confusions
from exam_sim.tui.base import AppScreen
from exam_sim.tui.widgets.attempt_list import AttemptList, AttemptPages
from exam_sim.tui.widgets.bars import score_bar, trend_arrow
from exam_sim.tui.widgets.keybar import KeyBar
from exam_sim.tui.widgets.readiness import ReadinessPanel
from exam_sim.tui.widgets.score_trend import score_trend
from exam_sim.tui.widgets.tab_line import TabLine
from exam_sim.tui.widgets.title_bar import TitleBar
from exam_sim.units import by_topic

TABS = (
    ("tab-attempts", "Attempts"),
    ("tab-trend", "Trend"),
    ("tab-weak", "Weak spots"),
    ("tab-confusions", "Confusions"),
)
TABS_GROUP = Binding.Group(description="Tabs", compact=True)

# Column widths that fit 80 columns; longer names wrap, and past NAME_LINES end in "…".
TOPIC_WIDTH, CARD_WIDTH, CONFUSION_WIDTH = 34, 44, 33
NAME_LINES = 3
# Measures deck text for wrapping into cells (never prints).
_MEASURE = Console(file=io.StringIO(), width=200, color_system=None)
# Above a tab's rows: what the list is, and what to do with it (one line at 80 columns).
WEAK_CAPTION = "Weakest first: the order the weak-spot drill (W on Home) asks them"
CONFUSIONS_CAPTION = "Cards you took for another: the weak-spot drill (W on Home) asks them too"
# What an empty tab says instead of a bare header.
WEAK_EMPTY = (
    "No finished attempt yet: once one is submitted, the cards it asked are listed here, "
    "weakest first, in the order the weak-spot drill (W on Home) asks them."
)


def _cell(text: str, width: int, lines: int = 1) -> Text:
    """Deck text for a table cell: literal, wrapped to at most `lines` lines of `width`,
    with "…" where it is cut. Two names cut on one line may read the same ("descenso de
    gradientes estocásti…" twice, SGD and mini-batch SGD): a card's name may take more."""
    cell = Text(" ".join(text.split()))
    wrapped = cell.wrap(_MEASURE, width, overflow="fold")
    for line in wrapped:
        line.rstrip()
    if len(wrapped) > lines:
        last = wrapped[lines - 1]
        last.append(" " + wrapped[lines].plain)  # so that the cut shows "…"
        last.truncate(width, overflow="ellipsis")
    return Text("\n").join(wrapped[:lines])


def _lines(*cells: Text) -> int:
    """The height of a table row holding these cells."""
    return max(cell.plain.count("\n") + 1 for cell in cells)


class HistoryScreen(AppScreen[None]):
    BINDINGS = [
        Binding("enter", "open_attempt", "Review", id="history.open",
                tooltip="Review a finished attempt or resume an unfinished one"),
        Binding("o", "open_report", "Report", id="history.report",
                tooltip="The score report of the selected attempt"),
        Binding("delete,backspace", "delete_attempt", "Delete", id="history.delete",
                tooltip="Delete the selected attempt (asks first)"),
        Binding("escape,b", "back", "Back", id="history.back", tooltip="Back to Home"),
        *(
            Binding(str(number), f"show_tab('{tab}')", label, id=f"history.tab_{number}",
                    tooltip=f"Show the {label} tab", group=TABS_GROUP)
            for number, (tab, label) in enumerate(TABS, start=1)
        ),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self._stale: set[str] = set()  # tabs to read again when next shown
        self._shown = False
        self._filled: set[str] = set()  # tabs whose widgets are mounted
        self.trend: list[AttemptSummary] = []  # the full mocks of the Trend tab (core's choice)

    def compose(self) -> ComposeResult:
        # The list reads its first page and the count here, so the first frame shows them
        # (read in on_mount, they took a second layout pass). ScreenResume, which follows,
        # only refreshes other tabs.
        attempts = AttemptList(
            self._attempt_pages(),
            ("#", "Date", "Mode", "Score", "Result", "Time", "Status"),
            _attempt_cells,
            "No attempts yet.",
            id="attempts",
        )
        attempts.show_first()
        self.title = "History"  # the app's subtitle names the deck already
        yield TitleBar()
        yield TabLine(TABS, id="history-tabs")
        # The other tabs are mounted the first time they are shown (`_fill_tab`): the screen
        # opens with the attempts alone, in a fraction of the time (each widget, even empty
        # and hidden, costs its share of every style and layout pass).
        with (
            ContentSwitcher(initial="tab-attempts", id="history-panes"),
            Vertical(id="tab-attempts"),
        ):
            yield Static(_count_text(attempts.total), id="attempts-help", classes="dim tab-caption")
            yield attempts
        yield KeyBar()

    def _trend_tab(self) -> list[Widget]:
        topics = DataTable[str | Text](id="topics", cursor_type="row")  # columns: _load_trend
        return [
            VerticalScroll(
                ReadinessPanel(id="readiness"),
                Static(id="trend-title", classes="section"),
                Static(id="trend-chart"),
                Static(id="trend-summary", classes="dim"),
                Static(id="topics-title", classes="section"),
                topics,
            )
        ]

    def _weak_tab(self) -> list[Widget]:
        weak = DataTable[str | Text](id="weak", cursor_type="row")
        deck = self.app.deck
        named = drill_units(cards=bool(deck.cards), items=bool(deck.items)).one
        weak.add_column(named, width=CARD_WIDTH)
        # "Missed": answered wrong or left blank, as the ranking counts a miss (a mock
        # submitted early left most of its questions blank; "Wrong" said they were wrong).
        weak.add_columns("Seen", "Missed", "Right %")
        # What the list is for, as the Attempts tab says its keys (shown with rows only).
        caption = Static(WEAK_CAPTION, id="weak-caption", classes="dim tab-caption")
        return [caption, weak, Static(WEAK_EMPTY, id="weak-empty", classes="dim")]

    def _confusions_tab(self) -> list[Widget]:
        confusions = DataTable[str | Text](id="confusions", cursor_type="row")
        confusions.add_column("You chose", width=CONFUSION_WIDTH)
        confusions.add_column("when the answer was", width=CONFUSION_WIDTH)
        confusions.add_column("Times")
        caption = Static(CONFUSIONS_CAPTION, id="confusions-caption", classes="dim tab-caption")
        return [
            caption,
            confusions,
            Static(no_confusions(self.app.deck), id="confusions-empty", classes="dim"),
        ]

    async def _fill_tab(self, tab: str) -> None:
        """Mount a tab's widgets the first time it is shown."""
        build = {"tab-trend": self._trend_tab, "tab-weak": self._weak_tab,
                 "tab-confusions": self._confusions_tab}.get(tab)  # fmt: skip
        if build is None or tab in self._filled:
            return
        self._filled.add(tab)
        await self.query_one("#history-panes", ContentSwitcher).mount(Vertical(*build(), id=tab))

    def _attempt_pages(self) -> AttemptPages:
        history, deck_id = self.app.history, self.app.deck.id
        return AttemptPages(
            first=lambda limit: history.attempts_page(deck_id, limit=limit),
            after=lambda row, limit: history.attempts_page(deck_id, after=row, limit=limit),
            before=lambda row, limit: history.attempts_page(deck_id, before=row, limit=limit),
            last=lambda limit: history.last_attempts_page(deck_id, limit=limit),
            count=lambda: history.attempt_count(deck_id),
        )

    def on_mount(self) -> None:
        self._stale = {"tab-trend", "tab-weak", "tab-confusions"}
        self.query_one("#attempts", AttemptList).focus()

    def on_screen_resume(self) -> None:
        """Back from a review, a report, a resumed attempt or a dialog: what may have
        changed is read again, the attempts list keeping its place."""
        if self._shown:
            self._changed()
        else:  # the first showing: on_mount has just read the list
            self._shown = True
            self._refresh_tab(self._active_tab)

    def _count_attempts(self) -> None:
        total = self.query_one("#attempts", AttemptList).total
        self.query_one("#attempts-help", Static).update(_count_text(total))

    def _changed(self) -> None:
        self.query_one("#attempts", AttemptList).reload()
        self._count_attempts()
        self._stale = {"tab-trend", "tab-weak", "tab-confusions"}
        self._refresh_tab(self._active_tab)

    @property
    def _active_tab(self) -> str:
        return self.query_one("#history-tabs", TabLine).active

    @on(TabLine.Activated)
    async def _tab_clicked(self, event: TabLine.Activated) -> None:
        await self.action_show_tab(event.tab)

    def _refresh_tab(self, tab: str) -> None:
        """Only the tab on screen is read; the others when they are shown."""
        if tab not in self._stale or tab not in self._filled:
            return
        self._stale.discard(tab)
        {"tab-trend": self._load_trend, "tab-weak": self._load_weak,
         "tab-confusions": self._load_confusions}[tab]()  # fmt: skip

    def _load_trend(self) -> None:
        history, deck = self.app.history, self.app.deck
        self.query_one(ReadinessPanel).load(history, deck)  # in a worker: never waited for
        blueprint = deck.effective_blueprint
        scale = ScoreScale.of(blueprint)
        # Only full mocks, chosen by the core as the charts choose them (exam.charts).
        mocks = self.trend = full_mocks(history, deck)
        full = f"full mock exam{'s' * (len(mocks) != 1)} ({blueprint.questions} questions)"
        kind = "Scaled scores" if scale.graded else "Scores"
        title = self.query_one("#trend-title", Static)
        chart = self.query_one("#trend-chart", Static)
        summary_line = self.query_one("#trend-summary", Static)
        chart.display = bool(mocks)
        if mocks:
            many = f"the last {len(mocks)} {full}, oldest first"
            title.update(f"{kind} of {many if len(mocks) > 1 else f'your {full}'}")
            chart.update(score_trend(mocks, scale))
            scores = [scale.value(m) for m in mocks]
            summary_line.update(
                f"┃ is {scale.mark_text} · last {scale.text(scores[-1])} · best "
                f"{scale.text(max(scores))} · mean {scale.text(sum(scores) / len(scores))} · "
                f"{'passed' if scale.graded else 'reached'} "
                f"{sum(1 for m in mocks if scale.reached(m))} of {len(mocks)}. Shorter mocks "
                "and drills are in the Attempts tab."
            )
        else:
            title.update(f"{kind} of {full}")
            summary_line.update(
                "No finished full mock exam yet: each one adds a line here. Shorter mocks "
                "and drills are in the Attempts tab."
            )
        names: dict[str | None, str] = {t.id: t.name for t in deck.topics}
        topics = self.query_one("#topics", DataTable)
        averages = history.topic_averages(deck.id)
        # A deck without topics: one "(no topic)" row would only pool every attempt; one
        # scored by tag has its tags' rows instead.
        by_topics = by_topic(average.topic for average in averages)
        if not by_topics:
            averages = history.topic_averages(deck.id, tags=True)
        title = self.query_one("#topics-title", Static)
        title.update(
            "Per topic (all finished attempts)"
            if by_topics
            else "Per tag (all finished attempts; a question counts under each tag of its card)"
        )
        topics.clear(columns=True)
        topics.add_column("Topic" if by_topics else "Tag", width=TOPIC_WIDTH)
        topics.add_columns("Correct", "Average", "", "Trend")
        topics.display = title.display = bool(averages)
        for average in averages:
            topics.add_row(
                _cell(topic_name(average.topic, names) if by_topics else average.name, TOPIC_WIDTH),
                f"{average.correct}/{average.total}",
                percent(average.percent, 0),
                score_bar(average.percent, 10),
                trend_arrow(average.trend),
            )

    def _load_weak(self) -> None:
        history, deck = self.app.history, self.app.deck
        weak = self.query_one("#weak", DataTable)
        weak.clear()
        # The order the weak-spot drill (W on Home) uses, so this tab previews it.
        stats = history.card_stats(deck.id)
        ranked = rank_weak_cards(deck, weak_card_history(history, deck.id))
        for card_id in [cid for cid in ranked if cid in stats and stats[cid].seen][:20]:
            card_stats = stats[card_id]
            name = _cell(weak_name(deck, card_id), CARD_WIDTH, NAME_LINES)
            weak.add_row(
                name,
                str(card_stats.seen),
                str(card_stats.wrong + card_stats.unanswered),
                _percent(card_stats.correct, card_stats.seen),
                height=_lines(name),
            )
        self._caption_or_empty("weak", bool(weak.row_count))

    def _load_confusions(self) -> None:
        confusions = self.query_one("#confusions", DataTable)
        confusions.clear()
        found = self.app.history.confusions(self.app.deck.id, limit=20)
        for confusion in named_by_deck(found, self.app.deck):
            chosen = _cell(confusion.chosen_text, CONFUSION_WIDTH, NAME_LINES)
            key = _cell(confusion.key_text, CONFUSION_WIDTH, NAME_LINES)
            confusions.add_row(chosen, key, str(confusion.times), height=_lines(chosen, key))
        self._caption_or_empty("confusions", bool(confusions.row_count))

    def _caption_or_empty(self, tab: str, rows: bool) -> None:
        """With rows, the line saying what they are for; without, what will appear."""
        self.query_one(f"#{tab}-caption", Static).display = rows
        self.query_one(f"#{tab}-empty", Static).display = not rows

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Review, report and delete act on the attempt selected in the Attempts tab: on
        # another tab it is out of sight, so they are not offered there.
        if action in {"open_attempt", "open_report", "delete_attempt"}:
            return self.query_one("#history-panes", ContentSwitcher).current == "tab-attempts"
        return True

    def _selected_id(self) -> int | None:
        selected = self.query_one("#attempts", AttemptList).selected
        return None if selected is None else selected.id

    def _selected_attempt(self) -> Attempt | None:
        attempt_id = self._selected_id()
        if attempt_id is None:
            return None
        return self.app.history.load_attempt(attempt_id)

    @on(AttemptList.Chosen, "#attempts")
    def action_open_attempt(self) -> None:
        attempt = self._selected_attempt()
        if attempt is None or attempt.id is None:
            return
        if attempt.status is AttemptStatus.IN_PROGRESS:
            self.app.resume(ResumeRequest(attempt_id=attempt.id))
        else:
            self.app.open_review(attempt, "all")

    def action_open_report(self) -> None:
        attempt = self._selected_attempt()
        if attempt is None:
            return
        if attempt.status is AttemptStatus.IN_PROGRESS:
            self.notify("This attempt is unfinished: Enter resumes it.")
            return
        session = ExamSession.on_deck(attempt, self.app.deck)
        from exam_sim.tui.screens.results import ResultsScreen

        # Opened from here, the report names its attempt and Esc comes back here.
        self.app.push_screen(ResultsScreen(session, from_history=True))

    def action_delete_attempt(self) -> None:
        attempt_id = self._selected_id()
        if attempt_id is None:
            return
        from exam_sim.tui.screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.history.delete_attempt(attempt_id)
                self.notify(f"Attempt #{attempt_id} deleted.")
                # The dialog's ScreenResume may already have come and gone: read again
                # here. The cursor stays where it was, now on the next attempt.
                self._changed()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete attempt #{attempt_id}?",
                DELETED_ATTEMPT,
            ),
            confirmed,
        )

    async def action_show_tab(self, tab: str) -> None:
        self.query_one("#history-tabs", TabLine).active = tab
        await self._fill_tab(tab)
        self.query_one("#history-panes", ContentSwitcher).current = tab
        self.refresh_bindings()
        self._refresh_tab(tab)
        tables = self.query_one(f"#{tab}", Vertical).query(DataTable)
        if tables:
            tables.first().focus()
        elif tab == "tab-attempts":
            self.query_one("#attempts", AttemptList).focus()

    def action_back(self) -> None:
        self.app.pop_screen()


def _count_text(total: int) -> str:
    count = "1 attempt" if total == 1 else f"{total:,} attempts"
    # One line at 80 columns, even with 100,000 attempts.
    return f"{count} · Enter: review or resume · O: score report · Del: delete"


def _attempt_cells(summary: AttemptSummary) -> tuple[str, ...]:
    """A row of the attempts list, dated and scored as `exam-sim history` does (`present`):
    the local time it finished; a graded mock's scaled score and verdict, else a
    percentage; an unfinished attempt how far it got."""
    verdict = verdict_text(summary)
    return (
        str(summary.id),
        attempt_date(summary.started_at, summary.finished_at),
        summary.mode.value,
        score_or_progress(summary),
        f"{'✓' if summary.passed else '✗'} {verdict}" if verdict else "",
        duration(summary.elapsed_seconds),
        summary.status.label,
    )


def _percent(correct: int | None, total: int | None) -> str:
    if not total:
        return "–"
    return percent(percent_of(correct or 0, total), 0)
