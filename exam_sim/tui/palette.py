"""The command palette's commands (ctrl+p): Textual's own, with our help in place of its
"Keys" panel, and the sessions and screens of the open deck."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from exam_sim.tui.app import ExamSimApp


def system_commands(app: ExamSimApp, textual: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """`textual`: the commands Textual offers on the screen."""
    # Textual's "Keys" panel docks beside the screen (it squeezed Home's columns) and
    # Esc does not close it: our help (?) lists every key of every screen instead.
    for command in textual:
        if command.title != "Keys":
            yield command
    yield SystemCommand(
        "Keys", "Every key of every screen, and how scoring works (?)", app.action_help
    )
    if not app.is_open:  # nothing to start or show until the deck and history are open
        return
    from exam_sim.exam import SessionRequest
    from exam_sim.models import AttemptMode
    from exam_sim.tui.screens.exam import ExamScreen

    # Not while an exam is running: it would carry on (and time out) under the new one.
    if not any(isinstance(s, ExamScreen) for s in app.screen_stack):
        marks = app.marks_confidence
        yield SystemCommand(
            AttemptMode.MOCK.label,
            "Start a timed mock exam on this deck",
            partial(app.start, SessionRequest(AttemptMode.MOCK, confidence=marks)),
        )
        yield SystemCommand(
            AttemptMode.WEAK.label,
            "Drill the cards you miss most",
            partial(app.start, SessionRequest(AttemptMode.WEAK, confidence=marks)),
        )
        yield SystemCommand("History", "Past attempts, trends and confusions", app.open_history)
        yield SystemCommand("Home", "Back to the home screen", app.go_home)
