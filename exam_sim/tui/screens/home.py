"""Home: the open deck, its topics and recent scores, and every way to start practising."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from exam_sim.enums import AttemptMode
from exam_sim.present import counted, saved_state
from exam_sim.tui.base import AppScreen
from exam_sim.tui.widgets.keybar import KeyBar

# Nothing from the core that needs pydantic: Home is drawn before the deck is opened.
from exam_sim.tui.widgets.units_text import KeepUnits
from exam_sim.tui.worker_messages import report_unless_cancelled

if TYPE_CHECKING:
    # Loaded by the start-up glance (`app.glanced`), when Home is first drawn.
    from exam_sim.deck_panel import DeckPanel
    from exam_sim.models import Deck
    from exam_sim.schedule.forecast import Forecast
    from exam_sim.schedule.study import DueSummary, NewCards

ACTIONS = (
    ("mock", "M", AttemptMode.MOCK.label),
    ("drill", "D", AttemptMode.DRILL.label),
    ("weak", "W", AttemptMode.WEAK.label),
    ("study", "S", AttemptMode.STUDY.label),
    ("resume", "R", "Resume"),
    ("history", "H", "History"),
    ("deck", "O", "Open another deck"),
    ("date", "E", "Exam date"),
    ("charts", "C", "Charts"),
    ("confidence", "K", "Mark confidence"),
)


@dataclass
class HomeForecast(Message):
    """Home's study line and forecast, worked out in a thread worker for a large deck."""

    deck: Deck
    coach: Text
    new_cards: NewCards  # today's, as the forecast's plan says
    study: str  # the Study action's detail ("10 to do")


class HomeScreen(AppScreen[None]):
    BINDINGS = [
        Binding("m", "start('mock')", "Mock exam", id="home.mock",
                tooltip="A timed exam shaped like the real one"),
        Binding("d", "start('drill')", "Drill", id="home.drill",
                tooltip="Practise chosen topics or tags with instant feedback"),
        Binding("w", "start('weak')", "Weak spots", id="home.weak",
                tooltip="Drill the cards you miss, confuse or have never seen"),
        # Listed in the action panel, not in the key bar: at 80 columns the bar would
        # otherwise drop History, Deck and Help.
        Binding("s", "start('study')", "Study", id="home.study", show=False,
                tooltip="The cards your spaced-repetition schedule says are due"),
        Binding("e", "start('date')", "Exam date", id="home.exam_date", show=False,
                tooltip="Set the exam date: forecast and daily plan"),
        Binding("c", "start('charts')", "Charts", id="home.charts", show=False,
                tooltip="Score trend, domains, calibration and the forecast, as charts"),
        Binding("k", "start('confidence')", "Confidence", id="home.confidence", show=False,
                tooltip="Mocks and drills ask how sure each answer was (7 8 9): on or off"),
        Binding("r", "start('resume')", "Resume", id="home.resume",
                tooltip="Every unfinished attempt, of any deck: resume or discard one"),
        Binding("h", "start('history')", "History", id="home.history",
                tooltip="Past attempts, score trend, weak spots and confusions"),
        Binding("o", "start('deck')", "Deck", id="home.deck",
                tooltip="Open a bundled deck, one from your library, or a file"),
    ]  # fmt: skip
    HELP_NOTES = ("↑ ↓ and Enter choose an action too.",)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with VerticalScroll(id="deck-panel"):
                yield Static(id="deck-title")
                yield Static(id="coach")
                yield Static(id="deck-topics")
                yield Static(id="recent", classes="section")
            with Vertical(id="action-panel"):
                yield Static("Practise", classes="section")
                yield OptionList(id="actions")
                yield Static(id="resume-hint", classes="dim", markup=False)  # a deck title
        yield KeyBar()

    AUTO_FOCUS = "#actions"

    # An action chosen while the deck is still opening runs as soon as it is open.
    _pending: str | None = None
    # The open deck's facts, counted once per deck (20 ms at 100,000 cards, on every
    # return to Home otherwise).
    _facts: tuple[object, dict[str, Any]] | None = None
    _mock: tuple[object, str] | None = None  # the open deck's mock, as M's detail says it
    # The actions' details shown, for the worker's Study detail to join.
    _details: dict[str, str] = {}  # replaced, never changed in place
    _can_resume = True
    # A large deck's study line is being counted (`_work_out_coach`): S waits for it, as
    # the session would count the same cards on the UI thread.
    _counting = False

    def on_mount(self) -> None:
        self.refresh_deck()

    def on_screen_resume(self) -> None:
        self.refresh_deck()

    def refresh_deck(self) -> None:
        app = self.app
        if not app.is_open:
            self._show_opening()
            return
        deck, history = app.deck, app.history
        from exam_sim.deck_panel import RECENT_READ, deck_panel
        from exam_sim.decks.catalog import facts_of

        attempts = history.attempts(deck_id=deck.id, limit=RECENT_READ)
        if self._facts is None or self._facts[0] is not deck:
            self._facts = (deck, facts_of(deck))
        self.show_panel(deck_panel(self._facts[1], attempts))
        study = self._show_coach()

        # Every unfinished attempt, of any deck: R lists them all.
        # The newest two and a count: a history can hold thousands of unfinished attempts.
        unfinished = history.unfinished(limit=2)
        open_count = history.unfinished_count() if unfinished else 0
        resume = f"{open_count} open" if unfinished else "nothing open"
        topics = int(self._facts[1]["declared_topics"])  # as the panel and the dialog count
        details = {
            "mock": self._mock_said(deck),
            "drill": counted(topics, "topic") if topics else "",
            "resume": resume,
            "study": study,
            "confidence": "on: 7 8 9 after each answer" if app.marks_confidence else "off",
        }
        self._details, self._can_resume = details, bool(unfinished)
        self._fill_actions(details, can_resume=bool(unfinished))
        hint = ""
        if unfinished:
            first = unfinished[0]
            hint = (
                f"Unfinished: #{first.id} {first.mode.label.lower()}, "
                f"{saved_state(first.answered, first.question_count, first.time_left_seconds)}"
            )
            if first.deck_id != deck.id:
                hint += f" ({first.deck_title})"
            hint += f"{' and more' if len(unfinished) > 1 else ''}. R lists them."
        self.query_one("#resume-hint", Static).update(hint)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.action_start(pending)

    def _mock_said(self, deck: Deck) -> str:
        """ "65 q · 180 min", fewer when the deck can ask fewer (`exam.mock_size`), counted
        once per deck; a deck of BACKGROUND_PLANNING_CARDS or more is not counted (the
        generator reads every card for it) and shows its blueprint's."""
        if self._mock is None or self._mock[0] is not deck:
            from exam_sim.exam import mock_size
            from exam_sim.tui.warm_up import BACKGROUND_PLANNING_CARDS

            small = len(deck.cards) < BACKGROUND_PLANNING_CARDS
            size = mock_size(deck, self.app.warm_up.source(deck) if small else None)
            self._mock = (deck, size.said())
        return self._mock[1]

    def show_panel(self, panel: DeckPanel) -> None:
        """The deck's title, counts, topics and recent attempts (`exam_sim.deck_panel`);
        at start-up from the catalog (`app.glanced`), before the deck is open."""
        from exam_sim.deck_panel import NO_ATTEMPTS

        title = Text(panel.title, style="bold")
        title.append(f"\n{panel.summary}")
        self.query_one("#deck-title", Static).update(title)
        table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
        table.add_column(panel.row_heading, overflow="fold", ratio=1)
        table.add_column(panel.count_heading, justify="right")
        weighted = any(row.weight for row in panel.topics)  # no empty column of weights
        if weighted:
            table.add_column("Weight", justify="right")
        for row in panel.topics:
            table.add_row(Text(row.name), row.cards, *([row.weight] if weighted else []))
        topics = self.query_one("#deck-topics", Static)
        topics.update(table)
        topics.display = bool(panel.topics)
        recent = Text("Recent attempts\n", style="bold")
        if not panel.recent:
            recent.append(NO_ATTEMPTS, style="italic")
        for line in panel.recent:
            recent.append(f"{line}\n")
        self.query_one("#recent", Static).update(recent)

    def _show_coach(self) -> str:
        """The study line and the forecast; returns the short form for the Study action.

        On a deck of BACKGROUND_PLANNING_CARDS or more they are worked out in a thread
        worker, as the History screen's forecast (0.35 s at 100,000 cards, seconds at a
        million), and the line says so meanwhile: the forecast reads every card, and the
        study line the cards no question is made of (`schedule.units.never_asked`: the
        generator reads each card once per deck opened, 0.8 s at 10,000)."""
        from exam_sim.exam import coach as coaching
        from exam_sim.exam.coach import new_cards_of, readiness, study_summary
        from exam_sim.schedule.units import knows_never_asked
        from exam_sim.tui.warm_up import BACKGROUND_PLANNING_CARDS

        app, deck = self.app, self.app.deck
        now = coaching.utc_now()
        exam_day = app.history.exam_date(deck.id)
        day = date.fromisoformat(exam_day) if exam_day is not None else None
        large = len(deck.cards) + len(deck.items) >= BACKGROUND_PLANNING_CARDS
        counted_now = not large or knows_never_asked(deck)
        forecast = None
        if day is not None and not large:
            forecast = readiness(app.history, deck, day, now=now)
        # A large deck's limit of new cards is the usual one until its forecast (and plan)
        # comes from the worker.
        new_cards = new_cards_of(forecast)
        if day is None or forecast is not None:  # known: Study need not work it out again
            app.new_cards = (deck, new_cards)
        if counted_now:
            summary = study_summary(app.history, deck, now=now, new_cards=new_cards)
            head, study = _study_head(summary, now), _study_detail(summary, now)
        else:
            head, study = Text("Study: counting today's cards…", style="dim"), "counting…"
        self.query_one("#coach", Static).update(KeepUnits(_coach(head, exam_day, forecast)))
        self._counting = not counted_now
        if large and (day is not None or not counted_now):  # once the line says so
            self._work_out_coach(deck, day)
        return study

    @work(thread=True, exclusive=True, group="home-forecast", description="Home's forecast")
    def _work_out_coach(self, deck: Deck, exam_day: date | None) -> None:
        from exam_sim.exam import coach as coaching

        def worked_out() -> HomeForecast:
            history, now = self.app.history, coaching.utc_now()
            forecast = None
            if exam_day is not None:
                forecast = coaching.readiness(history, deck, exam_day, now=now)
            new_cards = coaching.new_cards_of(forecast)
            summary = coaching.study_summary(history, deck, now=now, new_cards=new_cards)
            head = _study_head(summary, now)
            coach = _coach(head, None if exam_day is None else exam_day.isoformat(), forecast)
            return HomeForecast(deck, coach, new_cards, _study_detail(summary, now))

        # The index is being built for the deck just opened (`WarmUp`): the study line
        # needs it too, and building it a second time on this thread would slow both.
        if self.app.warm_up.wait(deck, lambda: get_current_worker().is_cancelled):
            report_unless_cancelled(worked_out, self.post_message)

    @on(HomeForecast)
    def _forecast_done(self, message: HomeForecast) -> None:
        if self.app.is_open and message.deck is self.app.deck:  # not a deck since left
            self.query_one("#coach", Static).update(KeepUnits(message.coach))
            self.app.new_cards = (message.deck, message.new_cards)
            self._details = {**self._details, "study": message.study}
            self._fill_actions(self._details, can_resume=self._can_resume)
            self._counting = False
            if self._pending == "study":
                self._pending = None
                self.action_start("study")

    def _show_opening(self) -> None:
        panel = self.app.glanced  # from the catalog, without the core
        if panel is not None:
            self.app.sub_title = panel.title  # as the opened deck's title will be
            self.show_panel(panel)
        else:
            self.query_one("#deck-title", Static).update(Text("Opening the deck…", style="dim"))
        # No details yet, and Resume stays enabled: a key pressed now waits for the deck.
        self._fill_actions({}, can_resume=True)

    def _fill_actions(self, details: dict[str, str], *, can_resume: bool) -> None:
        options = self.query_one("#actions", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for key, letter, label in ACTIONS:
            prompt = Text.assemble((f"{letter}  ", "bold"), label)
            if details.get(key):
                prompt.append(f"  {details[key]}", style="dim")
            options.add_option(Option(prompt, id=key, disabled=key == "resume" and not can_resume))
        options.highlighted = highlighted if highlighted is not None else 0

    @on(OptionList.OptionSelected, "#actions")
    def _action_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.action_start(event.option.id)

    def action_start(self, what: str) -> None:
        app = self.app
        if not app.is_open or (what == "study" and self._counting):
            self._pending = what
            return
        # The core is loaded once the deck is open.
        from exam_sim.exam import SessionRequest

        if what in ("mock", "weak"):
            mode = AttemptMode(what)
            request = SessionRequest(mode=mode, confidence=app.marks_confidence)
            self._unless_unfinished(mode, lambda: app.start(request))
        elif what == "drill":
            from exam_sim.tui.screens.drill_setup import DrillSetupScreen

            def chosen(request: SessionRequest | None) -> None:
                if request is not None:
                    app.start(request)

            self._unless_unfinished(
                AttemptMode.DRILL,
                lambda: app.push_screen(
                    DrillSetupScreen(
                        app.deck,
                        confidence=app.marks_confidence,
                        source=lambda: app.warm_up.source(app.deck),
                    ),
                    chosen,
                ),
            )
        elif what == "study":
            from exam_sim.schedule.study import DEFAULT_STUDY_COUNT

            request = SessionRequest(
                mode=AttemptMode.STUDY, count=DEFAULT_STUDY_COUNT, new_cards=app.known_new_cards()
            )
            app.start(request)
        elif what == "date":
            self._ask_exam_date()
        elif what == "confidence":
            self._toggle_confidence()
        elif what == "charts":
            from exam_sim.tui.screens.charts import ChartsScreen

            app.push_screen(ChartsScreen())
        elif what == "resume":
            self._offer_unfinished(None, lambda: None)
        elif what == "history":
            app.open_history()
        elif what == "deck":
            self._pick_deck()

    def _pick_deck(self) -> None:
        """O: the deck picker; the deck picked opens here, and what its reader made of a
        file (`Deck.notes`) is said in a notice, as `exam-sim import` prints it."""
        from exam_sim.tui.screens.deck_picker import DeckPickerScreen

        app = self.app

        def picked(deck: Deck | None) -> None:
            if deck is not None:
                app.switch_deck(deck)
                if deck.notes:
                    app.notify("\n".join(deck.notes), title=deck.title, timeout=15)

        app.push_screen(DeckPickerScreen(current=app.deck.id), picked)

    def _toggle_confidence(self) -> None:
        """K: mocks and drills started from now on ask how sure each answer was, or not
        (kept in the preferences; the drill dialog can still change it per drill)."""
        from exam_sim.tui.preferences import update_preferences

        app = self.app
        try:
            app.preferences = update_preferences(confidence_marks=not app.marks_confidence)
        except OSError as error:
            self.notify(f"The choice cannot be kept: {error}.", severity="warning")
            return
        state = "on" if app.marks_confidence else "off"
        self.notify(
            f"Confidence marking is {state} for the mocks and drills you start."
            + (" After each answer: 7 guess · 8 unsure · 9 sure." if app.marks_confidence else ""),
            timeout=6,
        )
        self.refresh_deck()

    def _ask_exam_date(self) -> None:
        from exam_sim.tui.screens.exam_date import ExamDateScreen

        app = self.app

        def chosen(value: str | None) -> None:
            if value is not None:
                app.history.set_exam_date(app.deck.id, value or None)
                self.refresh_deck()

        app.push_screen(ExamDateScreen(app.history.exam_date(app.deck.id)), chosen)

    def _unless_unfinished(self, mode: AttemptMode, start: Callable[[], object]) -> None:
        """Start at once, unless attempts of this kind are still open on this deck: then
        offer them first (resume one, discard one, or start the new one)."""
        app = self.app
        open_here = [s for s in app.history.unfinished(deck_id=app.deck.id) if s.mode is mode]
        if open_here:
            self._offer_unfinished(mode.label.lower(), start)
        else:
            start()

    def _offer_unfinished(self, new: str | None, start: Callable[[], object]) -> None:
        from exam_sim.exam import ResumeRequest
        from exam_sim.tui.screens.resume import ResumeChoice, ResumeScreen

        app = self.app

        def chosen(choice: ResumeChoice | None) -> None:
            if choice is None:
                self.refresh_deck()  # one may have been discarded
            elif choice.new:
                start()
            elif choice.attempt_id is not None:
                app.resume(ResumeRequest(attempt_id=choice.attempt_id))

        app.push_screen(ResumeScreen(new=new), chosen)


def _study_head(summary: DueSummary, now: datetime) -> Text:
    """ "Study: 3 due today · …": the first line of Home's coach."""
    from exam_sim.present.study import due_line

    head = Text("Study: ", style="bold")
    head.append(due_line(summary, now))
    return head


def _study_detail(summary: DueSummary, now: datetime) -> str:
    """The Study action's detail: "10 to do", "next in 3 h", "nothing due"."""
    from exam_sim.present import wait_text

    due = summary.due_now + summary.new_today
    if not summary.total:  # a deck with neither cards nor items (made in code)
        return "nothing to study"
    if due:
        return f"{due} to do"
    if summary.next_due is not None:
        return f"next {wait_text((summary.next_due - now).total_seconds())}"
    return "nothing due"


def _coach(head: Text, exam_day: str | None, forecast: Forecast | None) -> Text:
    """Home's coach: the study line, then the forecast (or what stands for it)."""
    if forecast is not None:
        return _with_forecast(head, forecast)
    coach = head.copy()
    if exam_day is None:
        coach.append("\nNo exam date: E sets one for a forecast and a daily plan.", style="dim")
    else:
        coach.append(f"\nExam {exam_day}: working out the forecast…", style="dim")
    return coach


def _with_forecast(head: Text, forecast: Forecast) -> Text:
    """The study line, then the forecast and, when the core says there is one, the plan
    (its rule, as History's and `plan`)."""
    from exam_sim.present.study import forecast_line, plan_line

    coach = head.copy()
    coach.append("\n" + forecast_line(forecast))
    if forecast.has_plan:
        coach.append("\n" + plan_line(forecast))
    return coach
