"""The Textual app: one factory (`create_app`) shared by the CLI and the tests.

The app owns the open deck, the history store and the clock, and turns the learner's
choices into calls on the core (`exam_sim.exam`, `exam_sim.history`); screens render.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from exam_sim.errors import ExamSimError  # imports nothing: free on the start-up path

if TYPE_CHECKING:
    # Only for type hints: the core (and pydantic with it) is imported by the opening
    # worker after the home screen is drawn, which keeps start-up close to bare Textual.
    from exam_sim.exam import Clock, ExamSession, Plan
    from exam_sim.history import History
    from exam_sim.models import Attempt, AttemptMode, Deck

DEFAULT_DECK = "aws-ml-specialty"
# From this many cards on, a session is planned in a thread worker (see `_plan_then`).
BACKGROUND_PLANNING_CARDS = 1_000


@dataclass(frozen=True)
class Opened:
    """What the opening worker hands to the app: the deck and the history store."""

    deck: Deck
    history: History


@dataclass(frozen=True)
class DrillRequest:
    """What the learner chose on the drill set-up screen."""

    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    count: int = 10
    minutes: float | None = None


class ExamSimApp(App[None]):
    CSS_PATH = "exam_sim.tcss"
    TITLE = "exam-sim"
    BINDINGS = [
        Binding(
            "question_mark",
            "help",
            "Help",
            id="app.help",
            tooltip="Keys, modes and how scoring works",
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            tooltip="Quit; an unfinished exam is saved and can be resumed",
            priority=True,
        ),
    ]

    def __init__(
        self,
        *,
        db: str | Path | None = None,
        deck: str | Deck | None = None,
        clock: Clock = time.monotonic,
        start: str | None = None,
        attempt_id: int | None = None,
        options: dict[str, Any] | None = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self._db = db
        self._deck_spec = deck
        # Both are set by the opening worker (`_open_deck_and_history`); screens other
        # than Home are only reachable once they are.
        self.deck: Deck = None  # type: ignore[assignment]
        self.history: History = None  # type: ignore[assignment]
        self.clock = clock
        self._start = start
        self._attempt_id = attempt_id
        self._options = dict(options or {})
        # Fixed seed for tests and reproducible exams; otherwise a fresh exam every time.
        self._seed = seed
        # The one-sentence reason the app could not open (bad deck, unusable database);
        # `run_app` prints it after the terminal is restored and exits with 2.
        self.error_message: str | None = None
        self._open_done = asyncio.Event()
        self._busy: Widget | None = None  # shows "loading" while a session is planned
        self._notices: dict[tuple[str, str, str], float] = {}  # shown until (monotonic)
        self._saved_theme = ""

    @property
    def is_open(self) -> bool:
        """True once the deck and the history store are open."""
        return self.history is not None

    async def wait_until_open(self) -> None:
        """Return once the deck and the history are open, or opening has failed."""
        await self._open_done.wait()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notify, with two house rules: a message is never markup (it often
        carries deck text, file names or topic names), and a notice already on screen is not
        stacked again (pressing N on the last question ten times says so once)."""
        key = (message, title, severity)
        now = time.monotonic()
        if self._notices.get(key, 0.0) > now:
            return
        shown_for = timeout if timeout is not None else self.NOTIFICATION_TIMEOUT
        self._notices = {k: until for k, until in self._notices.items() if until > now}
        self._notices[key] = now + shown_for
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- lifecycle ------------------------------------------------------------------
    def on_mount(self) -> None:
        # The theme the learner chose last time (ctrl+p → "Change theme"), before the first
        # frame, so the screen does not flash in the default one.
        from exam_sim.tui.settings import load_settings

        theme = load_settings().get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self._saved_theme = self.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self._saved_theme:
            return
        from exam_sim.tui.settings import save_setting

        try:
            save_setting("theme", theme.name)
        except OSError as error:
            self.notify(f"The theme cannot be kept for next time: {error}.", severity="warning")
            return
        self._saved_theme = theme.name

    def get_default_screen(self) -> Screen[Any]:
        # Home is the bottom of the stack: one screen to build at start-up, not two.
        from exam_sim.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_ready(self) -> None:
        # Draw Home first, then open: the deck, the history and pydantic behind them cost
        # about as much as Textual itself to load, and the learner sees the screen meanwhile.
        # `Ready` comes once the first frame is on the terminal, so the worker does not
        # compete with it for the interpreter.
        self._open_deck_and_history()

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _open_deck_and_history(self) -> Opened:
        from exam_sim.decks import resolve_deck
        from exam_sim.history import History
        from exam_sim.models import DeckError

        spec = self._deck_spec
        deck = resolve_deck(spec or DEFAULT_DECK) if spec is None or isinstance(spec, str) else spec
        history = History.open_default(self._db)
        try:
            if self._attempt_id is not None and spec is None:
                # Resuming: open the attempt's own deck when it still exists.
                attempt_deck = history.load_attempt(self._attempt_id).deck_id
                if attempt_deck != deck.id:
                    with contextlib.suppress(DeckError):
                        deck = resolve_deck(attempt_deck)
        except BaseException:
            history.close()
            raise
        return Opened(deck=deck, history=history)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "plan":
            self._planned(event)
            return
        if event.worker.group != "open":
            return
        if event.state is WorkerState.SUCCESS:
            opened = event.worker.result
            assert isinstance(opened, Opened)
            self._opened(opened)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, OSError):  # e.g. a data folder that cannot be created
                self.error_message = f"{error.filename or 'exam-sim'}: {error.strerror or error}."
            elif isinstance(error, ExamSimError):  # a deck or database that cannot be used
                self.error_message = error.sentence()
            else:
                assert error is not None
                raise error  # a bug: let Textual show the traceback
            self._open_done.set()
            self.exit(return_code=2)

    def _opened(self, opened: Opened) -> None:
        self.history = opened.history
        self.switch_deck(opened.deck)
        if self._start == "exam":
            self.start_mock(
                questions=self._options.get("questions"),
                minutes=self._options.get("minutes"),
            )
        elif self._start == "drill":
            self.start_drill(
                DrillRequest(
                    topics=tuple(self._options.get("topics") or ()),
                    tags=tuple(self._options.get("tags") or ()),
                    count=self._options.get("count") or 10,
                    minutes=self._options.get("minutes"),
                )
            )
        elif self._start == "weak":
            self.start_weak(count=self._options.get("count") or 10)
        elif self._start == "resume" and self._attempt_id is not None:
            self.resume(self._attempt_id)
        self._open_done.set()

    def on_unmount(self) -> None:
        if self.history is not None:
            self.history.close()

    def next_seed(self) -> int:
        return self._seed if self._seed is not None else random.randrange(1_000_000)

    # -- the open deck --------------------------------------------------------------
    def switch_deck(self, deck: Deck) -> None:
        self.deck = deck
        self.sub_title = deck.title
        from exam_sim.tui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_deck()

    @property
    def topic_names(self) -> dict[str | None, str]:
        from exam_sim.exam import topic_names_of

        return topic_names_of(self.deck)

    # -- starting sessions ----------------------------------------------------------
    def _begin(self, plan: Plan, *, mode: AttemptMode, minutes: float | None, seed: int) -> None:
        # The core is already loaded by the opening worker; these imports cost nothing.
        from exam_sim.exam import ExamSession, new_attempt

        attempt = new_attempt(self.deck, plan, mode=mode, minutes=minutes, seed=seed)
        session = ExamSession(
            attempt, store=self.history, clock=self.clock, topic_names=self.topic_names
        )
        self.open_session(session)

    def _plan_then(self, planner: Callable[[], Plan], then: Callable[[Plan], None]) -> None:
        """Plan a session (pure work on the deck) and hand the plan to `then`.

        A small deck plans in milliseconds, inline. A large one takes seconds (the
        similarity index is built on first use: about 0.7 s at 10,000 cards), so it plans
        in a thread worker while the screen shows it is busy.
        """
        if len(self.deck.cards) < BACKGROUND_PLANNING_CARDS:
            plan = self._plan_or_warn(planner)
            if plan is not None:
                then(plan)
            return
        self._busy = self._main_area(self.screen)
        self._busy.loading = True
        self._plan_in_background(planner, then)

    @staticmethod
    def _main_area(screen: Screen[Any]) -> Widget:
        """The screen's content below the header and above the key bar (they stay
        usable and visible while it shows a loading indicator)."""
        from textual.widgets import Header

        from exam_sim.tui.widgets.keybar import KeyBar

        for child in screen.children:
            if not isinstance(child, Header | KeyBar):
                return child
        return screen

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan")
    def _plan_in_background(
        self, planner: Callable[[], Plan], then: Callable[[Plan], None]
    ) -> tuple[Plan, Callable[[Plan], None]]:
        return planner(), then

    def _planned(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        if self._busy is not None:
            self._busy.loading = False
            self._busy = None
        if event.state is WorkerState.SUCCESS:
            plan, then = event.worker.result  # type: ignore[misc]
            then(plan)
        elif event.state is WorkerState.ERROR:
            assert event.worker.error is not None
            self._cannot_start(event.worker.error)

    def _plan_or_warn(self, planner: Callable[[], Plan]) -> Plan | None:
        try:
            return planner()
        except Exception as error:  # raised again by _cannot_start unless expected
            self._cannot_start(error)
            return None

    def _cannot_start(self, error: BaseException) -> None:
        """Say why a session cannot start (no card matches, too few cards…); anything
        else is a bug, raised again so that Textual shows its traceback."""
        if not isinstance(error, ExamSimError):
            raise error
        self.notify(str(error), title="Cannot start", severity="error", timeout=8)

    def start_mock(self, *, questions: int | None = None, minutes: float | None = None) -> None:
        from exam_sim.exam import mock_minutes, plan_mock
        from exam_sim.generator import generator_for
        from exam_sim.models import AttemptMode

        seed = self.next_seed()
        deck = self.deck

        def begin(plan: Plan) -> None:
            blueprint = deck.effective_blueprint
            limit = minutes if minutes is not None else mock_minutes(blueprint, len(plan.questions))
            self._begin(plan, mode=AttemptMode.MOCK, minutes=limit, seed=seed)

        self._plan_then(
            lambda: plan_mock(generator_for(deck), questions=questions, seed=seed), begin
        )

    def start_drill(self, request: DrillRequest) -> None:
        from exam_sim.exam import plan_drill
        from exam_sim.generator import generator_for
        from exam_sim.models import AttemptMode

        seed = self.next_seed()
        deck = self.deck

        def planner() -> Plan:
            return plan_drill(
                generator_for(deck),
                topics=request.topics,
                tags=request.tags,
                count=request.count,
                seed=seed,
            )

        self._plan_then(
            planner,
            lambda plan: self._begin(
                plan, mode=AttemptMode.DRILL, minutes=request.minutes, seed=seed
            ),
        )

    def start_weak(self, count: int = 10) -> None:
        from exam_sim.exam import plan_weak, weak_card_history
        from exam_sim.generator import generator_for
        from exam_sim.models import AttemptMode

        seed = self.next_seed()
        deck = self.deck
        # Read here: the database is used from this thread only.
        ranking = weak_card_history(self.history, deck.id)
        self._plan_then(
            lambda: plan_weak(generator_for(deck), ranking, count=count, seed=seed),
            lambda plan: self._begin(plan, mode=AttemptMode.WEAK, minutes=None, seed=seed),
        )

    def start_retry(self, attempt: Attempt) -> None:
        from exam_sim.exam import plan_retry
        from exam_sim.models import AttemptMode

        seed = self.next_seed()
        # The attempt carries its questions: nothing to build, always quick.
        plan = self._plan_or_warn(partial(plan_retry, attempt, seed=seed))
        if plan is not None:
            self._begin(plan, mode=AttemptMode.RETRY, minutes=None, seed=seed)

    def resume(self, attempt_id: int) -> None:
        from exam_sim.decks import resolve_deck
        from exam_sim.exam import ExamSession
        from exam_sim.models import DeckError

        attempt = self.history.load_attempt(attempt_id)
        if attempt.deck_id != self.deck.id:
            # The deck may be gone; the attempt carries its own questions, so go on without it.
            with contextlib.suppress(DeckError):
                self.switch_deck(resolve_deck(attempt.deck_id))
        session = ExamSession(
            attempt, store=self.history, clock=self.clock, topic_names=self.topic_names
        )
        if session.finished:
            self.show_results(session)
        else:
            self.open_session(session)

    # -- navigation -----------------------------------------------------------------
    def open_session(self, session: ExamSession) -> None:
        from exam_sim.tui.screens.exam import ExamScreen

        self.push_screen(ExamScreen(session))

    def show_results(self, session: ExamSession) -> None:
        from exam_sim.tui.screens.results import ResultsScreen

        self._replace_top(ResultsScreen(session))

    def open_review(self, attempt: Attempt, show: str = "all") -> None:
        from exam_sim.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(attempt, show=show, topic_names=self.topic_names))

    def open_history(self) -> None:
        from exam_sim.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def go_home(self) -> None:
        from exam_sim.tui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_deck()

    def _replace_top(self, screen: Screen[Any]) -> None:
        from exam_sim.tui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def action_help(self) -> None:
        from exam_sim.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- command palette ------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not self.is_open:  # nothing to start or show until the deck and history are open
            return
        from exam_sim.tui.screens.exam import ExamScreen

        # Not while an exam is running: it would carry on (and time out) under the new one.
        if not any(isinstance(s, ExamScreen) for s in self.screen_stack):
            yield SystemCommand(
                "Mock exam", "Start a timed mock exam on this deck", self.start_mock
            )
            yield SystemCommand(
                "Weak-spot drill", "Drill the cards you miss most", partial(self.start_weak, 10)
            )
            yield SystemCommand(
                "History", "Past attempts, trends and confusions", self.open_history
            )
            yield SystemCommand("Home", "Back to the home screen", self.go_home)


def create_app(
    *,
    db: str | Path | None = None,
    deck: str | Deck | None = None,
    clock: Clock = time.monotonic,
    start: str | None = None,
    attempt_id: int | None = None,
    options: dict[str, Any] | None = None,
    seed: int | None = None,
) -> ExamSimApp:
    """Build the app; nothing is read until it runs. The deck (a name, a path or a loaded
    Deck) and the database open in a thread worker once Home is drawn; if either fails,
    the app exits with code 2 and `error_message` says why in one sentence."""
    return ExamSimApp(
        db=db,
        deck=deck,
        clock=clock,
        start=start,
        attempt_id=attempt_id,
        options=options,
        seed=seed,
    )


def run_app(
    *,
    db: str | Path | None = None,
    deck: str | Deck | None = None,
    start: str | None = None,
    attempt_id: int | None = None,
    options: dict[str, Any] | None = None,
    seed: int | None = None,
) -> int:
    """Entry point used by the CLI; returns the exit code."""
    app = create_app(
        db=db, deck=deck, start=start, attempt_id=attempt_id, options=options, seed=seed
    )
    app.run()
    if app.error_message:
        print(f"exam-sim: {app.error_message}", file=sys.stderr)
    return app.return_code or 0
