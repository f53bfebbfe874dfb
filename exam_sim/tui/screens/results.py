"""The score report of a finished attempt, scored by topic like the real exam's report."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from exam_sim.exam import MEETS, ExamSession, weakest_drill
from exam_sim.lexicon import capitalised
from exam_sim.models import AttemptStatus, ScoreReport
from exam_sim.present import (
    Breakdown,
    aim_result,
    attempt_confidence,
    attempt_date,
    attempt_insights,
    breakdown,
    item_lines,
    percent,
    scale_note,
    tag_label,
    time_used,
    topic_verdict,
)
from exam_sim.tui.base import AppScreen
from exam_sim.tui.widgets.bars import score_bar
from exam_sim.tui.widgets.keybar import KeyBar
from exam_sim.tui.widgets.title_bar import TitleBar


def topic_table(report: ScoreReport, rows: Breakdown) -> Table:
    table = Table(box=None, padding=(0, 1), expand=False, show_edge=False)
    table.add_column(rows.kind.capitalize(), overflow="fold", max_width=34)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Verdict", no_wrap=True)
    threshold = report.topic_threshold
    for name, topic in rows.rows:
        table.add_row(
            Text(name),
            f"{topic.correct}/{topic.total} {percent(topic.percent, 0):>5}",
            score_bar(topic.percent, 12, threshold=threshold),
            topic_verdict(report, topic.verdict == MEETS),
        )
    return table


def headline(report: ScoreReport) -> Text:
    """PASS/FAIL and the scaled score for a graded mock; the percentage for every report."""
    text = Text()
    if report.graded:
        estimate = " (estimate)" if report.scaled_estimate else ""
        text.append(f"{'PASS ✓' if report.passed else 'FAIL ✗'}  ", style="bold")
        text.append(f"Scaled score {report.scaled} / {report.score_max}{estimate}", style="bold")
        text.append(f" · pass mark {report.pass_score}\n")
    aim = aim_result(report)
    if aim is not None:
        mark, _, words = aim.partition(" ")  # "✗", "below the 72 % aim": a heading's capital
        text.append(f"{mark} {capitalised(words)}  ", style="bold")
        text.append(f"{percent(report.percent, 0)} correct", style="bold")
        text.append(" · the deck gives no pass mark\n")
    text.append(
        f"{report.correct} of {report.total} correct ({percent(report.percent, 0)})"
        f" · {report.answered} answered"
    )
    return text


def time_line(report: ScoreReport, status: AttemptStatus) -> str:
    return time_used(
        report.time_used_seconds,
        report.time_budget_seconds,
        report.total,
        timed_out=status is AttemptStatus.TIMED_OUT,
    )


class ResultsScreen(AppScreen[None]):
    BINDINGS = [
        Binding("r", "review('all')", "Review", id="results.review_all",
                tooltip="Every question with your answer and why each option is right or wrong"),
        Binding("w", "review('wrong')", "Review wrong", id="results.review_wrong",
                tooltip="Only the questions you got wrong or left blank"),
        Binding("t", "retry", "Retry missed", id="results.retry",
                tooltip="Ask the missed questions again, options reshuffled"),
        Binding("d", "drill_weakest", "Drill weakest", id="results.drill",
                tooltip="A drill on your weakest topic (a deck without topics: tag)"),
        Binding("h", "home", "Home", id="results.home", tooltip="Back to the home screen"),
        # Esc: back to History when the report was opened there, else Home.
        Binding("escape", "back", "History", id="results.back", tooltip="Back to History"),
        Binding("escape", "home", "Home", id="results.escape_home", show=False,
                tooltip="Back to the home screen"),
    ]  # fmt: skip

    def __init__(self, session: ExamSession, *, from_history: bool = False) -> None:
        super().__init__()
        self.from_history = from_history
        self.session = session
        assert session.report is not None
        self.report = session.report

    def compose(self) -> ComposeResult:
        report, attempt = self.report, self.session.attempt
        # Which kind of attempt this is, and on which deck (the app's subtitle names it).
        self.title = f"{attempt.mode.label} result"
        yield TitleBar()
        with VerticalScroll(id="results"):
            if self.from_history and attempt.id is not None:
                # Which attempt this is, when it is one of many in the list.
                when = attempt_date(attempt.started_at, attempt.finished_at)
                yield Static(
                    Text(f"Attempt #{attempt.id} · {attempt.mode.label} · {when}"),
                    id="results-attempt",
                    classes="section",
                )
            yield Static(headline(report), id="headline")
            # Calibration and the certainty-based score, beside the plain score, if marked.
            marks = attempt_confidence(attempt)
            if marks is not None:
                yield Static(Text(marks), id="confidence")
            rows = breakdown(report)
            if rows is not None:
                yield Static(f"By {rows.kind} ({rows.rule}):", classes="section")
                yield Static(topic_table(report, rows), id="topic-table")
            yield Static(time_line(report, attempt.status), id="time-line")
            if item_lines(report):
                yield Static(Text("\n".join(item_lines(report))), id="item-lines")
            # Confidence, answer changes and pacing (exam.insights), when there is any.
            insights = attempt_insights(attempt, report.topic_names, confidence=False)
            if insights:
                yield Static(Text("\n".join(insights)), id="insights")
            notes = list(report.notes)
            note = scale_note(report)
            if note:
                notes.append(note)
            if notes:
                yield Static(Text("\n".join(f"• {n}" for n in notes)), id="notes", classes="dim")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.from_history
        if action == "drill_weakest":
            return weakest_drill(self.report) is not None  # no topic or tag: not offered
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_review(self, show: str) -> None:
        self.app.open_review(self.session.attempt, show)

    def action_retry(self) -> None:
        self.app.start_retry(self.session.attempt)

    def action_drill_weakest(self) -> None:
        drill = weakest_drill(self.report, confidence=self.app.marks_confidence)
        if drill is None:
            self.notify("This deck has no topics or tags to drill.", severity="warning")
            return
        weakest, request = drill
        name = tag_label(weakest.name) if request.tags else weakest.name  # as its table row
        self.notify(f"Drilling {name} ({percent(weakest.percent, 0)}).")
        self.app.start(request)

    def action_home(self) -> None:
        self.app.go_home()
