"""Pilot helpers several TUI test modules share: the exam screen on top, the letter of a
right or a wrong option of its current question, the History screen's Confusions tab,
Study opened from Home, and the text a Static shows."""

from __future__ import annotations

import io

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from exam_sim.tui.app import ExamSimApp
from exam_sim.tui.screens.exam import ExamScreen
from exam_sim.tui.screens.study import StudyScreen

LETTERS = "abcdef"


def exam_screen(app: ExamSimApp) -> ExamScreen:
    assert isinstance(app.screen, ExamScreen), type(app.screen).__name__
    return app.screen


def right_letter(app: ExamSimApp) -> str:
    return LETTERS[exam_screen(app).session.question.answer]


def wrong_letter(app: ExamSimApp) -> str:
    return LETTERS[(exam_screen(app).session.question.answer + 1) % 4]


async def open_confusions(app: ExamSimApp, pilot: Pilot[None]) -> None:
    """From Home, once the app is open: History (h), then its Confusions tab (4)."""
    await app.wait_until_open()
    await pilot.press("h")
    await pilot.pause()
    await pilot.press("4")
    await pilot.pause()


async def open_study(app: ExamSimApp, pilot: Pilot[None]) -> StudyScreen:
    """From Home, once the app is open: Study (s), its screen returned."""
    await app.wait_until_open()
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, StudyScreen), type(app.screen).__name__
    return app.screen


def shown_text(static: Static, width: int = 200) -> str:
    """What `static` shows, as plain text at `width` columns (its content may be any Rich
    renderable, a Group, Padding, Text, or Textual content). Plain text is printed as it
    is: deck text such as "[bold]" is no markup here either."""
    console = Console(width=width, record=True, file=io.StringIO())
    content = static.content
    console.print(content.plain if hasattr(content, "plain") else content, markup=False)
    return console.export_text()
