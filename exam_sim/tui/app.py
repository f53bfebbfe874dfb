"""The Textual app: one factory (`create_app`) shared by the CLI and the tests.

The app owns the open deck, the history store and the clock, and turns the learner's
choices into calls on the core: a `SessionRequest` goes to `exam_sim.exam.prepare` and
its plan becomes an `ExamSession`, exactly as on the command line. Screens render, and
reach the app through their typed `app` (`tui.base`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.worker import get_current_worker

from exam_sim.errors import ExamSimError  # imports nothing: free on the start-up path
from exam_sim.lexicon import capitalised
from exam_sim.tui.start_up import DEFAULT_DECK, peek_last_deck, peek_theme
from exam_sim.tui.warm_up import BACKGROUND_PLANNING_CARDS, WarmUp
from exam_sim.tui.worker_messages import Opened, OpenFailed, PlanFailed, Planned

if TYPE_CHECKING:
    # Only for type hints: the core (and pydantic with it) is imported by the opening
    # worker after the home screen is drawn, which keeps start-up close to bare Textual.
    from exam_sim.deck_panel import DeckPanel
    from exam_sim.exam import (
        Clock,
        ExamSession,
        Preparation,
        ResumeRequest,
        SessionRequest,
        SessionSetup,
    )
    from exam_sim.history import History
    from exam_sim.models import Attempt, Deck
    from exam_sim.schedule.study import NewCards
    from exam_sim.tui.preferences import Preferences


class AppOptions(TypedDict, total=False):
    """What the app is built with, declared once for `ExamSimApp`, `create_app` and
    `run_app`. Nothing is read until the app runs."""

    db: str | Path | None  # the history database (default: in the data folder)
    deck: str | Deck | None  # a deck id, a path, or a loaded Deck (default: the AWS deck)
    clock: Clock  # monotonic seconds; tests drive time-outs with a fake one
    start: SessionRequest | ResumeRequest | None  # a session to open once the deck is open
    seed: int | None  # the seed of every session that names none (tests, reproducible runs)


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

    def __init__(self, **options: Unpack[AppOptions]) -> None:
        unknown = sorted(set(options) - set(AppOptions.__annotations__))
        if unknown:  # an old caller's `options=` or `attempt_id=` would be lost silently
            raise TypeError(f"ExamSimApp() got unexpected arguments: {', '.join(unknown)}")
        super().__init__()
        self._db = options.get("db")
        self._deck_spec = options.get("deck")
        self.clock: Clock = options.get("clock") or time.monotonic
        self._start = options.get("start")
        # Fixed seed for tests and reproducible exams; otherwise a fresh exam every time.
        self._seed = options.get("seed")
        # Set when the opening worker reports (`Opened`); screens other than Home are only
        # reachable once they are, and reach them through `deck` and `history`.
        self._deck: Deck | None = None
        self._history: History | None = None
        # Today's new cards for a deck, once Home has its forecast (`known_new_cards`).
        self.new_cards: tuple[Deck, NewCards] | None = None
        self.preferences: Preferences | None = None
        self.keymap: dict[str, str] = {}  # binding id → keys, from the preferences
        # The one-sentence reason the app could not open (bad deck, unusable database);
        # `run_app` prints it after the terminal is restored and exits with 2.
        self.error_message: str | None = None
        # What `run_app` prints once the terminal is restored: how to resume an exam left
        # open by ctrl+q.
        self.exit_message: str | None = None
        self._open_done = asyncio.Event()
        self._busy: Widget | None = None  # shows "loading" while a session is planned
        self.warm_up = WarmUp()  # a large deck's index, built once it is open
        self._notices: dict[tuple[str, str, str], float] = {}  # shown until (monotonic)
        self._saved_theme = ""

    @property
    def is_open(self) -> bool:
        """True once the deck and the history store are open."""
        return self._history is not None

    @property
    def deck(self) -> Deck:
        if self._deck is None:
            raise RuntimeError("the deck is not open yet (see is_open)")
        return self._deck

    @property
    def history(self) -> History:
        if self._history is None:
            raise RuntimeError("the history is not open yet (see is_open)")
        return self._history

    def _handle_exception(self, error: Exception) -> None:
        """A learner-fixable error raised while a session writes (the disk is full, the
        attempt was taken over by another session) ends the app like a failed opening:
        exit code 2 and the one sentence printed after the terminal is restored, no
        traceback. Anything else is a bug and keeps Textual's traceback."""
        if isinstance(error, ExamSimError):
            self.error_message = error.sentence()
            self.exit(return_code=2)
            return
        super()._handle_exception(error)

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
        stacked again (pressing N on the last question ten times says so once). `markup` is
        ignored: a screen's or widget's `notify` passes Textual's default, True."""
        del markup
        key = (message, title, severity)
        now = time.monotonic()
        if self._notices.get(key, 0.0) > now:
            return
        shown_for = timeout if timeout is not None else self.NOTIFICATION_TIMEOUT
        self._notices = {k: until for k, until in self._notices.items() if until > now}
        self._notices[key] = now + shown_for
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def clear_notifications(self) -> None:
        """Textual's, forgetting which notices were on screen too: one can be said again."""
        self._notices.clear()
        super().clear_notifications()
        # Textual redraws only the top screen's toasts (the others when they come back),
        # but a dialog's translucent background shows those of the screen behind it.
        for screen in self.screen_stack[:-1]:
            for rack in screen.query("#textual-toastrack"):
                rack.remove_children()

    # -- lifecycle ------------------------------------------------------------------
    def on_mount(self) -> None:
        # The theme the learner chose last time (ctrl+p → "Change theme"), before the first
        # frame, so the screen does not flash in the default one.
        theme = peek_theme()
        if theme in self.available_themes:
            self.theme = theme
        self._saved_theme = self.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._watch_terminal()

    def _watch_terminal(self) -> None:
        """Quit once the terminal is gone. Closing the window under `make run` hangs up
        make, not exam-sim, and Textual's input thread then reads nothing from the dead
        terminal, again and again, for ever (a core at 40-90 %). Every answer is saved."""
        terminal = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1

        def check() -> None:
            if not os.isatty(terminal):
                self.exit(return_code=1)

        if terminal >= 0 and os.isatty(terminal):
            self.set_interval(1, check)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self._saved_theme:
            return
        from exam_sim.tui.preferences import update_preferences

        try:
            self.preferences = update_preferences(theme=theme.name)
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

    @cached_property
    def glanced(self) -> DeckPanel | None:
        """Home's deck panel before the deck is open (`deck_panel.glance`: no pydantic, a
        few ms), read once as Home is first drawn; None when a session opens at once."""
        from exam_sim.deck_panel import glance

        return glance(self._launch_deck[0], self._db) if not self._start else None

    @cached_property
    def _launch_deck(self) -> tuple[str | Deck, bool]:
        """The deck to open, and whether it is the one open last time: the deck named, else
        that one (`last_deck` in the preferences), else the bundled deck."""
        if self._deck_spec is not None:
            return self._deck_spec, False
        last = peek_last_deck()
        return (last, True) if last is not None else (DEFAULT_DECK, False)

    @work(thread=True, exclusive=True, group="open", description="open the deck and history")
    def _open_deck_and_history(self) -> None:
        """Open the deck and the history and read the preferences; report with `Opened` or
        `OpenFailed`. Anything else is a bug: the worker fails and Textual shows it."""
        from exam_sim.deck_panel import catalogue
        from exam_sim.decks import resolve_deck
        from exam_sim.exam import ResumeRequest, deck_of
        from exam_sim.history import History
        from exam_sim.models import DeckError
        from exam_sim.tui.preferences import load_preferences

        spec, remembered = self._launch_deck
        if remembered and isinstance(self._start, ResumeRequest) and self._start.attempt_id:
            spec, remembered = DEFAULT_DECK, False  # the attempt's own deck opens below
        notice = None
        try:
            if isinstance(spec, str):
                try:
                    deck = resolve_deck(spec)
                except (DeckError, OSError) as error:
                    if not remembered:
                        raise
                    # The deck of last time moved or no longer reads: not worth refusing
                    # to start over; the bundled deck opens, and Home says why.
                    reason = error.sentence() if isinstance(error, DeckError) else str(error)
                    notice = f"The deck open last time was not opened: {reason}"
                    spec = DEFAULT_DECK
                    deck = resolve_deck(spec)
                catalogue(spec, deck)  # for the next start-up's glance
            else:
                deck = spec
            history = History.open_default(
                self._db, front_end="the exam-sim TUI", on_upgrade=self._say_upgrading
            )
        except OSError as error:  # e.g. a data folder that cannot be created
            where = error.filename or "exam-sim"
            self.post_message(OpenFailed(f"{where}: {error.strerror or error}."))
            return
        except ExamSimError as error:  # a deck or database that cannot be used
            self.post_message(OpenFailed(error.sentence()))
            return
        try:
            start = self._start
            named = self._deck_spec is not None
            if isinstance(start, ResumeRequest) and start.attempt_id is not None and not named:
                # Resuming: open the attempt's own deck when it still exists.
                attempt = history.load_attempt(start.attempt_id)
                if attempt.deck_id != deck.id:
                    deck = deck_of(attempt) or deck
            preferences = load_preferences()
        except BaseException:
            history.close()
            raise
        self.post_message(
            Opened(deck=deck, history=history, preferences=preferences, notice=notice)
        )

    def _say_upgrading(self, sentence: str) -> None:
        """From the opening worker: a long history upgrade is under way (Home waits)."""
        self.call_from_thread(self.notify, capitalised(sentence), timeout=60)

    @on(OpenFailed)
    def _open_failed(self, message: OpenFailed) -> None:
        self.error_message = message.reason
        self._open_done.set()
        self.exit(return_code=2)

    @on(Opened)
    def _opened(self, message: Opened) -> None:
        from exam_sim.exam import ResumeRequest, SessionRequest

        self._history = message.history
        self.apply_preferences(message.preferences)
        self.switch_deck(message.deck)
        if message.notice is not None:
            self.notify(message.notice, severity="warning", timeout=15)
        if self._deck_spec is not None and message.deck.notes:  # what its reader made of it
            self.notify("\n".join(message.deck.notes), title=message.deck.title, timeout=15)
        self._verify_history()
        start = self._start
        if isinstance(start, SessionRequest):
            self.start(start)
        elif isinstance(start, ResumeRequest):
            self.resume(start)
        self._open_done.set()

    @work(thread=True, exclusive=True, group="verify", description="check the history")
    def _verify_history(self) -> None:
        """Check the file (`History.verify`, a quick_check on its own connection) while the
        learner reads Home, so the first session does not wait for it."""
        self.history.verify()

    def apply_preferences(self, preferences: Preferences) -> None:
        """Key remaps through Textual's keymap, and the theme if it was not peeked."""
        from exam_sim.tui.keys import unknown_binding_ids

        self.preferences = preferences
        unknown = unknown_binding_ids(preferences.keymap)
        if unknown:
            self.notify(
                f"Preferences: no key has the id {', '.join(unknown)} (? lists them all).",
                severity="warning",
                timeout=10,
            )
        self.keymap = {k: v for k, v in preferences.keymap.items() if k not in unknown}
        self.set_keymap(self.keymap)
        if preferences.theme in self.available_themes and preferences.theme != self.theme:
            self._saved_theme = preferences.theme
            self.theme = preferences.theme

    def on_unmount(self) -> None:
        if self._history is not None:
            self._history.close()

    # -- the open deck --------------------------------------------------------------
    def known_new_cards(self) -> NewCards | None:
        """Today's new cards for the open deck as Home worked them out; None if not yet."""
        return self.new_cards[1] if self.new_cards and self.new_cards[0] is self.deck else None

    def switch_deck(self, deck: Deck) -> None:
        self._deck = deck
        self.warm_up.start(deck)
        self.sub_title = deck.title
        self._remember_deck(deck)
        from exam_sim.tui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_deck()

    def _remember_deck(self, deck: Deck) -> None:
        """Keep the open deck in the preferences, to open it again next time."""
        from exam_sim.decks.catalog import reopening_spec
        from exam_sim.tui.preferences import update_preferences

        spec = reopening_spec(deck)
        if spec is None or self.preferences is None or self.preferences.last_deck == spec:
            return
        # Unlike a theme, not worth a warning: the bundled deck opens next time instead.
        with contextlib.suppress(OSError):
            self.preferences = update_preferences(last_deck=spec)

    @property
    def marks_confidence(self) -> bool:
        """Sessions started here ask how sure each answer was (K on Home toggles it)."""
        return bool(self.preferences and self.preferences.confidence_marks)

    @property
    def topic_names(self) -> dict[str | None, str]:
        from exam_sim.exam import topic_names_of

        return topic_names_of(self.deck)

    # -- starting sessions ----------------------------------------------------------
    def start(self, request: SessionRequest) -> None:
        """Start the session `request` asks for on the open deck, as the CLI would.

        The request is checked and the history read here (the connection is used from the
        UI thread); planning is pure work on the deck. A small deck plans in milliseconds,
        inline. A large one takes seconds (the similarity index is built on first use:
        about 0.7 s at 10,000 cards), so it plans in a thread worker while the screen
        shows it is busy.
        """
        # The core is already loaded by the opening worker; these imports cost nothing.
        from exam_sim.exam import prepare
        from exam_sim.tui.base import main_area

        try:
            preparation = prepare(request.with_seed(self._seed), self.deck, history=self.history)
            if preparation.needs_generator and len(self.deck.cards) >= BACKGROUND_PLANNING_CARDS:
                self._busy = main_area(self.screen)
                self._busy.loading = True
                self._plan_in_background(preparation)
                return
            setup = preparation.plan()
        except ExamSimError as error:  # a session error, a generator error…
            self._cannot_start(error)
            return
        self._begin(setup)

    @work(thread=True, exclusive=True, group="plan", description="plan the session")
    def _plan_in_background(self, preparation: Preparation) -> None:
        if not self.warm_up.wait(preparation.deck, lambda: get_current_worker().is_cancelled):
            return
        try:
            setup = preparation.plan()
        except ExamSimError as error:
            message: Message = PlanFailed(error)
        else:
            message = Planned(setup)
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    @on(Planned)
    def _planned(self, message: Planned) -> None:
        self._not_busy()
        self._begin(message.setup)

    @on(PlanFailed)
    def _plan_failed(self, message: PlanFailed) -> None:
        self._not_busy()
        self._cannot_start(message.error)

    def _not_busy(self) -> None:
        if self._busy is not None:
            self._busy.loading = False
            self._busy = None

    def _cannot_start(self, error: ExamSimError) -> None:
        """Say why a session cannot start (no card matches, too few cards…). A study
        session with nothing to ask is no failure: it says so as `exam-sim study` does."""
        from exam_sim.exam import NothingDue

        said = error.sentence()
        if isinstance(error, NothingDue):
            self.notify(capitalised(said), title="Nothing to study now", timeout=8)
        else:
            self.notify(said, title="Cannot start", severity="error", timeout=8)

    def _begin(self, setup: SessionSetup) -> None:
        from exam_sim.exam import ExamSession

        try:
            attempt = setup.new_attempt()
            session = ExamSession.on_deck(attempt, setup.deck, store=self.history, clock=self.clock)
        except ExamSimError as error:  # a damaged history, a full disk
            self._cannot_start(error)
            return
        self.open_session(session)

    def start_retry(self, attempt: Attempt) -> None:
        from exam_sim.exam import SessionRequest
        from exam_sim.models import AttemptMode

        if attempt.id is not None:
            self.start(SessionRequest(mode=AttemptMode.RETRY, retry_of=attempt.id,
                                      confidence=self.marks_confidence))  # fmt: skip

    def resume(self, request: ResumeRequest) -> None:
        """Open an attempt again: unfinished, where it was left; finished, its results."""
        from exam_sim.exam import ExamSession, deck_of, resumable

        try:
            attempt = resumable(self.history, request)
        except ExamSimError as error:  # open in another session, say
            self.notify(error.sentence(), title="Cannot resume", severity="error", timeout=12)
            return
        if attempt is None:
            self.notify("Nothing to resume on this deck.")
            return
        if attempt.deck_id != self.deck.id and (deck := deck_of(attempt)) is not None:
            self.switch_deck(deck)  # when gone, the attempt's own questions do
        session = ExamSession.on_deck(attempt, self.deck, store=self.history, clock=self.clock)
        if session.finished:
            self.show_results(session)
        else:
            self.open_session(session)

    # -- navigation -----------------------------------------------------------------
    def open_session(self, session: ExamSession) -> None:
        from exam_sim.models import AttemptMode

        self.clear_notifications()  # a deck's notes (15 s) would lie over the questions
        if session.attempt.mode is AttemptMode.STUDY:
            from exam_sim.tui.screens.study import StudyScreen

            self.push_screen(StudyScreen(session))
            return
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

    def home_action(self, what: str) -> None:
        """One of Home's actions from anywhere (the command palette): Home, then the action."""
        from exam_sim.tui.screens.home import HomeScreen

        self.go_home()
        if isinstance(self.screen, HomeScreen):
            self.screen.action_start(what)

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

    async def action_quit(self) -> None:
        """ctrl+q: an exam in progress is paused first (its clock saved), and how to resume
        it is printed once the terminal is restored; leaving is never silent."""
        from exam_sim.tui.screens.exam import ExamScreen

        for screen in self.screen_stack:
            if isinstance(screen, ExamScreen) and not screen.session.finished:
                screen.session.close()
                self.exit_message = f"exam-sim: {screen.paused_sentence(home=False)}"
        self.exit()

    def action_help(self) -> None:
        from exam_sim.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(type(self.screen)))

    # -- command palette ------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        from exam_sim.tui.palette import system_commands

        yield from system_commands(self, super().get_system_commands(screen))


def create_app(**options: Unpack[AppOptions]) -> ExamSimApp:
    """Build the app; nothing is read until it runs. The deck (a name, a path or a loaded
    Deck) and the database open in a thread worker once Home is drawn; if either fails,
    the app exits with code 2 and `error_message` says why in one sentence. `start`, a
    `SessionRequest` or a `ResumeRequest`, opens that session once they are open."""
    return ExamSimApp(**options)


def run_app(**options: Unpack[AppOptions]) -> int:
    """Entry point used by the CLI; returns the exit code."""
    app = create_app(**options)
    app.run()
    if app.error_message:
        print(f"exam-sim: {app.error_message}", file=sys.stderr)
    elif app.exit_message:
        print(app.exit_message)
    return app.return_code or 0
