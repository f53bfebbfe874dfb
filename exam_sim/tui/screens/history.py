"""Score history: attempts, the score trend, per-topic averages, weak cards, confusions."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header, Sparkline, Static, TabbedContent, TabPane

from exam_sim.exam import (
    ExamSession,
    ResumeRequest,
    rank_weak_cards,
    topic_name,
    weak_card_history,
)
from exam_sim.models import Attempt, AttemptStatus, Deck
from exam_sim.present import (
    attempt_date,
    duration,
    graded,
    percent,
    percent_of,
    score_text,
    verdict_text,
)
from exam_sim.tui.base import AppScreen
from exam_sim.tui.widgets.bars import score_bar, trend_arrow
from exam_sim.tui.widgets.keybar import KeyBar

TABS = (
    ("tab-attempts", "Attempts"),
    ("tab-trend", "Trend"),
    ("tab-weak", "Weak cards"),
    ("tab-confusions", "Confusions"),
)
TABS_GROUP = Binding.Group(description="Tabs", compact=True)


# Column widths that fit 80 columns; longer names end in "…" rather than being cut mid-word.
TOPIC_WIDTH, CARD_WIDTH, CONFUSION_WIDTH = 34, 44, 33


def _cell(text: str, width: int) -> Text:
    """Deck text for a table cell: literal, on one line, with "…" where it is cut."""
    cell = Text(" ".join(text.split()))
    cell.truncate(width, overflow="ellipsis")
    return cell


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

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="history-tabs"):
            with TabPane("Attempts", id="tab-attempts"):
                yield Static(
                    "Enter reviews the selected attempt (resumes it if unfinished) · "
                    "O its score report · Del deletes it",
                    classes="dim",
                )
                yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
            with TabPane("Trend", id="tab-trend"), VerticalScroll():
                yield Static(id="trend-title", classes="section")
                yield Sparkline([], id="trend-chart")
                yield Static(id="trend-summary", classes="dim")
                yield Static("Per topic (all finished attempts)", classes="section")
                yield DataTable(id="topics", cursor_type="row")
            with TabPane("Weak cards", id="tab-weak"):
                yield DataTable(id="weak", cursor_type="row")
            with TabPane("Confusions", id="tab-confusions"):
                yield DataTable(id="confusions", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"History · {self.app.deck.title}"
        self.load()
        self.query_one("#attempts", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.load()

    def load(self) -> None:
        history, deck = self.app.history, self.app.deck
        names: dict[str | None, str] = {t.id: t.name for t in deck.topics}

        attempts = self.query_one("#attempts", DataTable)
        attempts.clear(columns=True)
        attempts.add_columns("#", "Date", "Mode", "Score", "Result", "Time", "Status")
        rows = history.attempts(deck_id=deck.id)
        for summary in rows:
            # Dated and scored as `exam-sim history` does (`present`): the local time it
            # finished; a graded mock's scaled score and verdict, else a percentage.
            verdict = verdict_text(summary)
            status = summary.status.label
            if not summary.finished:
                status += f" {summary.answered}/{summary.question_count}"
            attempts.add_row(
                str(summary.id),
                attempt_date(summary.started_at, summary.finished_at),
                summary.mode.value,
                score_text(summary),
                f"{'✓' if summary.passed else '✗'} {verdict}" if verdict else "",
                duration(summary.elapsed_seconds),
                status,
                key=str(summary.id),
            )
        if not rows:
            attempts.add_row("", "No attempts yet.", "", "", "", "", "")

        mocks = [s for s in reversed(rows) if graded(s)]
        scores = [s.scaled for s in mocks if s.scaled is not None]
        chart = self.query_one("#trend-chart", Sparkline)
        chart.data = [float(score) for score in scores] or [0.0]
        # One point is no trend: a sparkline of one value is a solid block.
        chart.display = len(mocks) >= 2
        title = self.query_one("#trend-title", Static)
        summary_line = self.query_one("#trend-summary", Static)
        if mocks:
            exams = "1 exam" if len(mocks) == 1 else f"{len(mocks)} exams"
            title.update(f"Mock exam scores, oldest → newest ({exams})")
            if len(mocks) < 2:
                title.update("Mock exam scores: the chart appears after two mock exams")
            summary_line.update(
                f"last {scores[-1]} · best {max(scores)} · mean {sum(scores) / len(scores):.0f}"
                f" · passed {sum(1 for s in mocks if s.passed)} of {len(mocks)}"
            )
        else:
            title.update("Mock exam scores")
            summary_line.update("No finished mock exam yet.")

        topics = self.query_one("#topics", DataTable)
        topics.clear(columns=True)
        topics.add_column("Topic", width=TOPIC_WIDTH)
        topics.add_columns("Correct", "Average", "", "Trend")
        for average in history.topic_averages(deck.id):
            topics.add_row(
                _cell(topic_name(average.topic, names), TOPIC_WIDTH),
                f"{average.correct}/{average.total}",
                percent(average.percent, 0),
                score_bar(average.percent, 10),
                trend_arrow(average.trend),
            )

        weak = self.query_one("#weak", DataTable)
        weak.clear(columns=True)
        weak.add_column("Card", width=CARD_WIDTH)
        weak.add_columns("Seen", "Wrong", "Right %")
        # The order the weak-spot drill (W on Home) uses, so this tab previews it.
        stats = history.card_stats(deck.id)
        ranked = rank_weak_cards(deck, weak_card_history(history, deck.id))
        for card_id in [cid for cid in ranked if cid in stats and stats[cid].seen][:20]:
            card_stats = stats[card_id]
            weak.add_row(
                _cell(_card_term(deck, card_id), CARD_WIDTH),
                str(card_stats.seen),
                str(card_stats.wrong + card_stats.unanswered),
                _percent(card_stats.correct, card_stats.seen),
            )

        confusions = self.query_one("#confusions", DataTable)
        confusions.clear(columns=True)
        confusions.add_column("You chose", width=CONFUSION_WIDTH)
        confusions.add_column("when the answer was", width=CONFUSION_WIDTH)
        confusions.add_column("Times")
        for confusion in history.confusions(deck.id, limit=20):
            confusions.add_row(
                _cell(confusion.chosen_text, CONFUSION_WIDTH),
                _cell(confusion.key_text, CONFUSION_WIDTH),
                str(confusion.times),
            )

    def _selected_id(self) -> int | None:
        table = self.query_one("#attempts", DataTable)
        if table.row_count == 0 or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return int(key) if key and key.isdigit() else None

    def _selected_attempt(self) -> Attempt | None:
        attempt_id = self._selected_id()
        if attempt_id is None:
            return None
        return self.app.history.load_attempt(attempt_id)

    @on(DataTable.RowSelected, "#attempts")
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
        session = ExamSession(attempt, topic_names=self.app.topic_names)
        from exam_sim.tui.screens.results import ResultsScreen

        self.app.push_screen(ResultsScreen(session))

    def action_delete_attempt(self) -> None:
        attempt_id = self._selected_id()
        if attempt_id is None:
            return
        from exam_sim.tui.screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.history.delete_attempt(attempt_id)
                self.notify(f"Attempt #{attempt_id} deleted.")
                self.load()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete attempt #{attempt_id}?",
                "Its answers leave your history, trends and weak-card ranking for good.",
            ),
            confirmed,
        )

    def action_show_tab(self, tab: str) -> None:
        tabs = self.query_one("#history-tabs", TabbedContent)
        tabs.active = tab
        pane = tabs.get_pane(tab)
        tables = pane.query(DataTable)
        if tables:
            tables.first().focus()

    def action_back(self) -> None:
        self.app.pop_screen()


def _percent(correct: int | None, total: int | None) -> str:
    if not total:
        return "–"
    return percent(percent_of(correct or 0, total), 0)


def _card_term(deck: Deck, card_id: str) -> str:
    try:
        return deck.card(card_id).term
    except KeyError:
        return card_id
