"""Start-up: Home is drawn before the deck and history open, and opening failures are
reported in one sentence with exit code 2. Also the key bar drawn at the bottom."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from support import WORDS
from support.history import store_attempt
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import OptionList, Static

import exam_sim.decks
from exam_sim.deck_panel import RECENT_READ, deck_panel
from exam_sim.decks.catalog import facts_of
from exam_sim.history import History
from exam_sim.models import Deck
from exam_sim.tui.app import DEFAULT_DECK, ExamSimApp, create_app
from exam_sim.tui.screens.exam import ExamScreen
from exam_sim.tui.screens.history import HistoryScreen
from exam_sim.tui.screens.home import HomeScreen
from exam_sim.tui.widgets.keybar import KeyBar

DATA = Path(__file__).parent / "data"


def real_deck() -> Deck:
    return exam_sim.decks.resolve_deck(DEFAULT_DECK)


def _app(tmp_path: Path, **kwargs: object) -> ExamSimApp:
    return create_app(db=tmp_path / "history.sqlite3", seed=7, **kwargs)  # type: ignore[arg-type]


def _hold_the_deck(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make the opening worker wait for the returned event before it reads the deck."""
    gate = threading.Event()
    real_resolve = exam_sim.decks.resolve_deck

    def held_resolve(spec: str) -> object:
        gate.wait(timeout=30)
        return real_resolve(spec)

    monkeypatch.setattr(exam_sim.decks, "resolve_deck", held_resolve)
    return gate


async def test_home_is_drawn_first_and_a_key_pressed_meanwhile_runs_once_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hold the deck back until the test has looked at Home and pressed M.
    gate = _hold_the_deck(monkeypatch)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.is_open
        title = str(app.screen.query_one("#deck-title", Static).render())
        assert "Opening the deck" in title
        assert app.screen.query_one("#actions", OptionList).option_count == 10
        await pilot.press("m")
        assert isinstance(app.screen, HomeScreen)  # nothing to start an exam on yet
        gate.set()
        await app.wait_until_open()
        await pilot.pause()
        assert app.is_open
        assert isinstance(app.screen, ExamScreen)
        assert app.screen.session.attempt.mode == "mock"


async def test_home_shows_the_deck_once_open(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        title = str(home.query_one("#deck-title", Static).render())
        assert "Opening" not in title and "78 cards" in title
        assert "Recent attempts" in str(home.query_one("#recent", Static).render())


async def test_unusable_database_ends_the_app_with_code_2_and_one_sentence(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    db.write_text("these are my notes, not a database\n" * 50)
    before = db.read_bytes()
    app = create_app(db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
    assert app.return_code == 2
    assert app.error_message is not None
    assert str(db) in app.error_message and "\n" not in app.error_message
    assert db.read_bytes() == before  # left untouched


async def test_unknown_deck_ends_the_app_with_code_2(tmp_path: Path) -> None:
    app = _app(tmp_path, deck="no-such-deck")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
    assert app.return_code == 2
    assert app.error_message is not None and "no-such-deck" in app.error_message


async def test_the_deck_open_last_time_opens_again(tmp_path: Path, home: Path) -> None:
    import shutil

    from exam_sim.decks import import_deck
    from exam_sim.tui.preferences import load_preferences

    # A file opened by path is opened again by its path…
    file = tmp_path / "glossary.tsv"
    shutil.copy(DATA / "edge-computing-glossary.tsv", file)
    app = _app(tmp_path, deck=str(file))
    async with app.run_test(size=(100, 30)):
        await app.wait_until_open()
        opened = app.deck.id
    assert load_preferences().last_deck == str(file.resolve())
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)):
        await app.wait_until_open()
        assert app.deck.id == opened
    # …a library deck, by its id (the library folder may move with EXAM_SIM_HOME).
    imported, _ = import_deck(str(DATA / "ja-jlpt-n5-vocabulary.csv"))
    app = _app(tmp_path, deck=imported.id)
    async with app.run_test(size=(100, 30)):
        await app.wait_until_open()
    assert load_preferences().last_deck == imported.id
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert app.deck.id == imported.id
        assert isinstance(app.screen, HomeScreen)
    # Gone since: the bundled deck opens, and Home says why; the app does not end.
    file.unlink()
    (home / "preferences.json").write_text(f'{{"last_deck": "{file}"}}', encoding="utf-8")
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert app.deck.id == DEFAULT_DECK and app.return_code is None
        notices = [n.message for n in app._notifications]
        assert any(
            n.startswith("The deck open last time was not opened: ") and str(file) in n
            for n in notices
        ), notices
    assert load_preferences().last_deck == DEFAULT_DECK


async def test_resuming_an_attempt_opens_its_deck_not_the_one_open_last(
    tmp_path: Path, home: Path
) -> None:
    from exam_sim.exam import ResumeRequest, SessionRequest
    from exam_sim.models import AttemptMode

    app = _app(tmp_path, start=SessionRequest(mode=AttemptMode.MOCK, questions=3))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("a", "ctrl+q")  # one answer, the attempt left open
        await pilot.pause()
    # The deck open last is gone (or might be huge): resuming never reads it.
    gone = tmp_path / "gone.csv"
    (home / "preferences.json").write_text(f'{{"last_deck": "{gone}"}}', encoding="utf-8")
    app = _app(tmp_path, start=ResumeRequest(attempt_id=1))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen) and app.deck.id == DEFAULT_DECK
        assert not any("open last time" in n.message for n in app._notifications)


def test_cli_reports_an_unusable_database_from_the_tui_in_one_line(home: Path) -> None:
    """The real everyday launch (no arguments) in a pseudo-terminal, with a garbled history
    in the data folder: the TUI starts, cannot open it, restores the terminal and prints
    one line; no traceback."""
    home.mkdir()
    db = home / "history.sqlite3"
    db.write_bytes(b"\x00garbage" * 500)
    env = {**os.environ, "TERM": "xterm-256color"}  # EXAM_SIM_HOME: the `home` fixture
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(sys.executable, [sys.executable, "-m", "exam_sim"], env)
    output = b""
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:  # the child has exited and the terminal is closed
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = output.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 2
    assert "Traceback" not in text
    message = text[text.rindex("exam-sim: ") :].strip()
    assert str(db) in message and "\n" not in message


def test_launch_path_loads_no_core_before_the_deck_is_shown(tmp_path: Path) -> None:
    """What `exam-sim` imports before drawing Home and filling its deck panel from the
    catalog: Textual, the TUI and `deck_panel`, not pydantic, the deck readers, the
    engine or the history (they load in the opening worker), nor click and the commands
    (only a command line with arguments needs them)."""
    _catalogue_default_deck()
    with History.open_default() as history:  # the data folder's, as the launch reads
        store_attempt(history, 1)
    code = (
        "import sys, exam_sim.cli, exam_sim.tui.app, exam_sim.tui.screens.home\n"
        "from exam_sim.deck_panel import glance\n"
        "from exam_sim.paths import default_db_path\n"
        "panel = glance('aws-ml-specialty', default_db_path())\n"
        "assert panel is not None and len(panel.recent) == 1, panel\n"
        "heavy = ('pydantic', 'exam_sim.models', 'exam_sim.decks.loader', 'exam_sim.exam',\n"
        "         'exam_sim.history', 'exam_sim.generator', 'exam_sim.commands', 'argparse',\n"
        "         'click')\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# -- the deck panel from the catalog ----------------------------------------------------
def _catalogue_default_deck() -> None:
    from exam_sim.decks.catalog import named_file, remember

    file = named_file(DEFAULT_DECK)
    assert file is not None
    remember(exam_sim.decks.resolve_deck(DEFAULT_DECK), file)


def _panel_lines(app: ExamSimApp) -> list[str]:
    """Home's deck panel as drawn: the title, the topics and the recent attempts."""
    lines = [app.sub_title]
    for name in ("deck-title", "deck-topics", "recent"):
        widget = app.screen.query_one(f"#{name}", Static)
        width, height = widget.size
        lines += [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]
    return lines


async def _glanced_then_opened(
    app: ExamSimApp, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], list[str]]:
    """The deck panel as Home is first drawn, the deck held back, and once the deck is
    open."""
    gate = _hold_the_deck(monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.is_open
        before = _panel_lines(app)
        gate.set()
        await app.wait_until_open()
        await pilot.pause()
        assert app.is_open
        return before, _panel_lines(app)


async def test_deck_panel_from_the_catalog_equals_the_opened_decks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the deck is open, Home shows its panel from the catalog and a plain read of
    the history: line for line what it shows once the deck and the history are open."""
    _catalogue_default_deck()
    db = tmp_path / "history.sqlite3"
    with History(db) as history:
        for number in range(8):  # passed, failed and unfinished among the newest six
            store_attempt(history, number, right=number % 4, finished=number != 6)
    app = _app(tmp_path)
    glanced, opened = await _glanced_then_opened(app, monkeypatch)
    assert app.glanced is not None
    assert glanced == opened
    text = "\n".join(glanced)
    assert "Data Engineering" in text and "Recent attempts" in text
    assert "✓" in text and "✗" in text and "Opening" not in text
    with History(db) as history:
        deck = real_deck()
        full = deck_panel(facts_of(deck), history.attempts(deck_id=deck.id, limit=RECENT_READ))
    assert app.glanced == full


async def test_a_changed_deck_file_is_not_shown_from_its_stale_catalog_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exam_sim.decks.catalog import Catalog, named_file, remember

    file = tmp_path / "mine.toml"
    bundled = named_file(DEFAULT_DECK)
    assert bundled is not None
    file.write_text(bundled.read_text(encoding="utf-8"), encoding="utf-8")
    remember(real_deck(), file)
    text = file.read_text(encoding="utf-8")
    old_title = real_deck().title
    file.write_text(text.replace(old_title, "My changed deck", 1), encoding="utf-8")
    app = _app(tmp_path, deck=str(file))
    glanced, opened = await _glanced_then_opened(app, monkeypatch)
    assert app.glanced is None
    assert "Opening the deck…" in glanced[1] and old_title not in "\n".join(glanced)
    assert "My changed deck" in opened[1]
    entry = Catalog().get(file)  # catalogued afresh by the opening worker
    assert entry is not None and entry["title"] == "My changed deck"


# -- the key bar ------------------------------------------------------------------------
def _bar(app: ExamSimApp) -> KeyBar:
    return app.screen.query_one(KeyBar)


def _drawn(app: ExamSimApp, description: str) -> int:
    """The column where the key with this description starts."""
    for key in _bar(app).drawn:
        if key.description == description:
            return key.start
    raise AssertionError(f"{description!r} is not in the key bar")


async def test_key_bar_click_presses_the_key_and_hover_shows_its_tooltip(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        column = _drawn(app, "History")
        await pilot.hover(KeyBar, offset=(column, 0))
        assert _bar(app).tooltip == "Past attempts, score trend, weak spots and confusions"
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_key_bar_keeps_whole_keys_help_and_the_palette_on_a_narrow_terminal(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(60, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        drawn = _bar(app).drawn
        descriptions = [key.description for key in drawn]
        line = str(_bar(app).render())
        assert len(line) <= 60
        for key in drawn:  # every drawn key is whole
            assert line[key.start : key.end] == f"{key.display} {key.description}"
        assert drawn[-1].palette and drawn[-1].end == 59  # right-hand end, one space in
        assert "Mock exam" in descriptions
        assert "Quit" not in descriptions  # the first to go when space is short
    wide = _app(tmp_path)
    async with wide.run_test(size=(140, 24)) as pilot:
        await wide.wait_until_open()
        await pilot.pause()
        descriptions = [key.description for key in _bar(wide).drawn]
        assert descriptions.index("Help") < descriptions.index("Quit")


def _when_home_works(seen: Callable[[], None]) -> Callable[[object], None]:
    """A message hook that calls `seen` as Home's coach worker starts running (the line
    it shows meanwhile is on the screen then)."""
    from textual.worker import Worker, WorkerState

    def hook(message: object) -> None:
        if (
            isinstance(message, Worker.StateChanged)
            and message.worker.group == "home-forecast"
            and message.state is WorkerState.RUNNING
        ):
            seen()

    return hook


def _large_deck(tmp_path: Path) -> Path:
    """A native deck of BACKGROUND_PLANNING_CARDS + 200 cards: sessions plan in a worker."""
    from exam_sim.tui.warm_up import BACKGROUND_PLANNING_CARDS

    words = WORDS
    size = BACKGROUND_PLANNING_CARDS + 200
    deck_file = tmp_path / "large.toml"
    lines = ['format = "exam-sim/1"', 'id = "large"', 'title = "Large deck"']
    for n in range(size):
        a, b, c = words[n % 12], words[(n // 12) % 12], words[(n // 144) % 12]
        lines += [
            "[[cards]]",
            f'id = "c{n}"',
            f'term = "Term {a} {b} {c} {n}"',
            f'definition = "Number {n} is made of {c}, {b} and {a}, in that order."',
        ]
    deck_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return deck_file


async def test_a_large_deck_plans_its_exam_in_a_worker(tmp_path: Path) -> None:
    """From BACKGROUND_PLANNING_CARDS cards on, M plans in a thread worker (the index
    build takes seconds on big decks) and the exam opens when it is done."""
    from textual.worker import Worker, WorkerState

    states: list[WorkerState] = []

    def record(message: object) -> None:
        if isinstance(message, Worker.StateChanged) and message.worker.group == "plan":
            states.append(message.state)

    app = _app(tmp_path, deck=str(_large_deck(tmp_path)))
    async with app.run_test(size=(100, 30), message_hook=record) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        home = app.screen
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert WorkerState.SUCCESS in states
        assert isinstance(app.screen, ExamScreen)
        assert len(app.screen.session.attempt.questions) == 65
        assert home.query_one("#home").loading is False  # not busy once it is done


async def test_home_shows_it_is_busy_while_a_session_plans(tmp_path: Path) -> None:
    """The busy indicator covers Home's content. It went on Textual's rack for notices
    (in a terminal, a screen's first child), so nothing showed it, and a mock on a
    100,000-card deck looked frozen for the seconds its index took."""
    from textual.worker import Worker, WorkerState

    busy: list[bool] = []
    app = _app(tmp_path, deck=str(_large_deck(tmp_path)))
    homes: list[Screen[object]] = []

    def record(message: object) -> None:
        if (
            isinstance(message, Worker.StateChanged)
            and message.worker.group == "plan"
            and message.state is WorkerState.RUNNING
        ):
            busy.append(homes[0].query_one("#home").loading)

    # As in a terminal: Textual's notices and tooltips are the screen's first children.
    running = app.run_test(size=(100, 30), message_hook=record, notifications=True, tooltips=True)
    async with running as pilot:
        await app.wait_until_open()
        await pilot.pause()
        homes.append(app.screen)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert busy == [True]
        assert isinstance(app.screen, ExamScreen)
        assert homes[0].query_one("#home").loading is False


async def test_key_bar_draws_a_binding_group_as_one_item(tmp_path: Path) -> None:
    """History's tab keys share a Binding.Group: drawn as "1 2 3 4 Tabs", so at 80
    columns Help still fits; each number presses its key, the label presses nothing."""
    from exam_sim.tui.widgets.tab_line import TabLine

    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        line = str(_bar(app).render())
        assert "1 2 3 4 Tabs" in line and "? Help" in line
        three = next(key for key in _bar(app).drawn if key.display == "3")
        await pilot.click(KeyBar, offset=(three.start, 0))
        await pilot.pause()
        tabs = app.screen.query_one(TabLine)
        assert tabs.active == "tab-weak"
        label = line.index("Tabs")
        await pilot.click(KeyBar, offset=(label, 0))
        await pilot.pause()
        assert tabs.active == "tab-weak"  # the label is not a key


async def test_home_works_a_large_decks_forecast_out_in_a_worker(tmp_path: Path) -> None:
    """The forecast reads every card: on a large deck Home says it is working it out
    and fills it in from a thread worker (a 100,000-card deck held the screen 0.35 s on
    every return to Home, and 17 s before the plan simulated cohorts)."""

    deck_file = _large_deck(tmp_path)
    with History(tmp_path / "history.sqlite3") as history:
        history.set_exam_date("large", "2027-01-15")
    lines: list[str] = []
    app = _app(tmp_path, deck=str(deck_file))
    record = _when_home_works(
        lambda: lines.append(str(app.screen.query_one("#coach", Static).content))
    )
    async with app.run_test(size=(100, 30), message_hook=record) as pilot:
        await app.wait_until_open()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Exam 2027-01-15: working out the forecast…" in lines[0]
        shown = str(app.screen.query_one("#coach", Static).content)
        assert "working out" not in shown
        assert "too little history: 0 of 1,200 cards reviewed" in shown


async def test_home_counts_a_large_decks_study_line_in_a_worker(tmp_path: Path) -> None:
    """The study line leaves out the cards no question is made of, which the generator
    reads once per deck opened (0.8 s at 10,000 cards): on a large deck Home says it is
    counting, and a thread worker fills in the line and the Study action's detail."""
    from textual.widgets import OptionList

    lines: list[str] = []
    details: list[str] = []
    app = _app(tmp_path, deck=str(_large_deck(tmp_path)))

    def seen() -> None:
        lines.append(str(app.screen.query_one("#coach", Static).content))
        actions = app.screen.query_one("#actions", OptionList)
        details.append(str(actions.get_option("study").prompt))

    record = _when_home_works(seen)
    async with app.run_test(size=(100, 30), message_hook=record) as pilot:
        await app.wait_until_open()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert lines[0].startswith("Study: counting today's cards…")
        assert details[0].endswith("Study  counting…")
        shown = str(app.screen.query_one("#coach", Static).content)
        assert shown.startswith("Study: 0 due today · 10 new cards today\nNo exam date")
        study = app.screen.query_one("#actions", OptionList).get_option("study")
        assert "10 to do" in str(study.prompt)
        await pilot.press("h")  # and back: counted once, the line is drawn at once
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(lines) == 1
        assert str(app.screen.query_one("#coach", Static).content).startswith("Study: 0 due")


async def test_study_pressed_while_a_large_deck_is_counted_starts_once_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """S at once waits for the count, then starts the session: counted on the UI thread
    as well, the screen would hang the while."""
    import threading

    from exam_sim.schedule import units
    from exam_sim.tui.screens.study import StudyScreen

    pressed = threading.Event()
    real = units._never_asked

    def counted_after_the_key(deck: Deck) -> frozenset[str]:
        pressed.wait(timeout=30)  # the count still runs when S is pressed
        return real(deck)

    monkeypatch.setattr(units, "_never_asked", counted_after_the_key)
    app = _app(tmp_path, deck=str(_large_deck(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.press("s")
        assert isinstance(app.screen, HomeScreen)  # not before the count
        pressed.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)


async def test_a_large_deck_is_indexed_once_as_soon_as_it_is_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index of a large deck is built while the learner reads Home (a minute at a
    million cards), on a thread of its own; the first mock waits for that build instead
    of making a second one."""
    import asyncio

    import exam_sim.generator.index_cache as index_cache

    builds: list[int] = []
    real_build = index_cache._build

    def counted_build(deck: Deck) -> object:
        builds.append(len(deck.cards))
        return real_build(deck)

    monkeypatch.setattr(index_cache, "_build", counted_build)
    # Not an index another test built for a deck of the same content.
    monkeypatch.setattr(index_cache, "_INDEX_CACHE", type(index_cache._INDEX_CACHE)())
    app = _app(tmp_path, deck=str(_large_deck(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.press("m")  # at once: the plan waits for the index being built
        await asyncio.to_thread(app.warm_up.wait, app.deck, lambda: False)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        assert builds == [len(app.deck.cards)]


def test_the_app_quits_when_its_terminal_goes_away(home: Path) -> None:
    """Closing the window under `make run` hangs up make, not exam-sim (no SIGHUP reaches
    it: ignored here), and Textual's input thread then spun on the dead terminal for
    ever. The app sees its terminal gone and quits within seconds."""
    import select
    import signal

    master, slave = os.openpty()
    code = (
        "import signal, sys; signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
        "from exam_sim.cli import main; sys.exit(main([]))\n"
    )
    env = {**os.environ, "TERM": "xterm-256color"}  # EXAM_SIM_HOME: the `home` fixture
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdin=slave, stdout=slave, stderr=slave, env=env,
        start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    shown = b""
    try:
        while b"Mock exam" not in shown:  # Home is drawn: the app is running
            ready, _, _ = select.select([master], [], [], 30)
            assert ready, "the app never drew Home"
            shown += os.read(master, 1 << 16)
    finally:
        os.close(master)  # the terminal goes away
    try:
        assert child.wait(timeout=20) == 1  # quit, as the app chose to
    finally:
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            child.wait()
