"""Pilot flows of what the learner sets for the TUI: the command palette, the theme kept
for next time, keys remapped by binding id, and the help that lists them."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.tui import exam_screen

from exam_sim.tui.app import ExamSimApp, create_app
from exam_sim.tui.screens.exam import ExamScreen
from exam_sim.tui.screens.home import HomeScreen


def _app(tmp_path: Path, **kwargs: object) -> ExamSimApp:
    return create_app(db=tmp_path / "history.sqlite3", seed=7, **kwargs)  # type: ignore[arg-type]


async def test_palette_offers_sessions_only_when_open_and_not_during_an_exam(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import exam_sim.decks

    gate = threading.Event()  # holds the deck back while the palette is looked at
    real_resolve = exam_sim.decks.resolve_deck
    monkeypatch.setattr(
        exam_sim.decks, "resolve_deck", lambda spec: gate.wait(30) and real_resolve(spec)
    )
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not app.is_open and "Mock exam" not in titles and "Quit" in titles
        gate.set()
        await app.wait_until_open()
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Mock exam", "Weak-spot drill", "History", "Home"} <= set(titles)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Mock exam" not in titles and "History" not in titles
        assert "Quit" in titles  # Textual's own commands stay


async def test_palette_offers_every_home_action_and_runs_it_as_home_does(tmp_path: Path) -> None:
    """Every action of Home is in the palette, from any screen; it runs Home's own action,
    so a mock with an attempt still open offers that attempt first, as M does."""
    from exam_sim.tui.palette import HOME_COMMANDS
    from exam_sim.tui.screens.drill_setup import DrillSetupScreen
    from exam_sim.tui.screens.history import HistoryScreen
    from exam_sim.tui.screens.resume import ResumeScreen

    def command(app: ExamSimApp, title: str) -> object:
        (found,) = [c for c in app.get_system_commands(app.screen) if c.title == title]
        assert "on Home)" in found.help  # with its key, as set now
        return found.callback

    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {title for _, _, title in HOME_COMMANDS} <= titles
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        command(app, "Drill")()  # type: ignore[operator]
        await pilot.pause()
        assert isinstance(app.screen, DrillSetupScreen)
        assert isinstance(app.screen_stack[-2], HomeScreen)  # History was left for Home
        await pilot.press("escape")
        await pilot.press("m")  # a mock, left unfinished
        await pilot.pause()
        await pilot.press("escape", "y")  # pause: back to Home, the attempt kept open
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        command(app, "Mock exam")()  # type: ignore[operator]
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)  # as M on Home: the open one first


async def test_the_chosen_theme_is_kept_for_next_time(tmp_path: Path) -> None:
    # EXAM_SIM_HOME holds the config folder too; without it, platformdirs' user config dir.
    preferences = tmp_path / "home" / "preferences.json"
    first = _app(tmp_path)
    async with first.run_test(size=(100, 30)) as pilot:
        await first.wait_until_open()
        assert first.theme != "nord"
        first.theme = "nord"  # what ctrl+p → "Change theme" does
        await pilot.pause()
    assert '"theme": "nord"' in preferences.read_text(encoding="utf-8")
    again = _app(tmp_path)
    async with again.run_test(size=(100, 30)) as pilot:
        assert again.theme == "nord"  # already on the first frame, before the deck opens
        await again.wait_until_open()
        assert again.theme == "nord"
    # A garbled or unknown preference means the default theme, not a failure.
    for text in ("{not json", '{"theme": "no-such-theme"}', "[1, 2]", '{"theme": 3}'):
        preferences.write_text(text, encoding="utf-8")
        app = _app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.wait_until_open()
            assert app.theme == "textual-dark"


async def test_the_theme_of_the_old_settings_file_is_carried_over_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"theme": "gruvbox"}', encoding="utf-8")
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "gruvbox"
        await app.wait_until_open()
        await pilot.pause()
    assert '"theme": "gruvbox"' in (home / "preferences.json").read_text(encoding="utf-8")
    # From now on the preferences file is the one read: the old file no longer matters.
    (home / "settings.json").write_text('{"theme": "nord"}', encoding="utf-8")
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        assert app.theme == "gruvbox"


async def test_keys_are_remapped_by_binding_id_and_the_help_shows_them(tmp_path: Path) -> None:
    from exam_sim.tui.screens.help import HelpScreen

    home = tmp_path / "home"
    home.mkdir()
    (home / "preferences.json").write_text(
        '{"keymap": {"home.mock": "x", "exam.flag": "ctrl+f", "no.such": "z"}, "later": 1}',
        encoding="utf-8",
    )
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert any("no.such" in n.message for n in app._notifications)  # a typo is told
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        # One widget for the whole text: Textual's Markdown widget made 418 (one per
        # paragraph and list item) and took 1.6 s to open (benchmarks/help_open.py).
        assert len(app.screen.query("*")) < 10
        from exam_sim.tui.screens.help import help_markdown

        text = help_markdown(app)
        assert "- `x` Mock exam: A timed exam" in text
        assert "`^f` Flag or unflag this question for review" in text
        await pilot.press("escape")
        await pilot.press("m")  # no longer the mock key
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("x")
        await pilot.pause()
        screen = exam_screen(app)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert screen.session.answers[0].flagged
    # Keys this version does not know are kept when the theme is saved.
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        app.theme = "nord"
        await pilot.pause()
    saved = (home / "preferences.json").read_text(encoding="utf-8")
    assert '"later": 1' in saved and '"home.mock": "x"' in saved


async def test_help_lists_every_key_of_every_screen(tmp_path: Path) -> None:
    """Built from the live bindings: no binding id of any screen is missing."""
    from exam_sim.tui.keys import all_binding_ids
    from exam_sim.tui.screens.help import help_markdown

    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        text = help_markdown(app)
    ids = all_binding_ids()
    assert len(ids) > 40
    for binding_id in ids:
        assert f"`{binding_id}`" in text, binding_id
    assert "`?` Help" in text and "`^q` Quit" in text and "`^p` Command palette" in text
