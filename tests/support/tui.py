"""Pilot helpers several TUI test modules share: the exam screen on top, the letter of a
right or a wrong option of its current question, the History screen's Confusions tab, and
Study opened from Home."""

from __future__ import annotations

from textual.pilot import Pilot

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
