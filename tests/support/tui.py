"""Pilot helpers several TUI test modules share: the exam screen on top, and the letter of
a right or a wrong option of its current question."""

from __future__ import annotations

from exam_sim.tui.app import ExamSimApp
from exam_sim.tui.screens.exam import ExamScreen

LETTERS = "abcdef"


def exam_screen(app: ExamSimApp) -> ExamScreen:
    assert isinstance(app.screen, ExamScreen), type(app.screen).__name__
    return app.screen


def right_letter(app: ExamSimApp) -> str:
    return LETTERS[exam_screen(app).session.question.answer]


def wrong_letter(app: ExamSimApp) -> str:
    return LETTERS[(exam_screen(app).session.question.answer + 1) % 4]
