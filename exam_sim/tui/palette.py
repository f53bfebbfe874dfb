"""The command palette's commands (ctrl+p): Textual's own, with our help in place of its
"Keys" panel, and the sessions and screens of the open deck."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from exam_sim.tui.app import ExamSimApp

# Home's actions as the palette names them (Home's key bar is terser: "Deck",
# "Confidence"): (the binding's id, Home's `action_start` argument, the title).
HOME_COMMANDS = (
    ("home.mock", "mock", "Mock exam"),
    ("home.drill", "drill", "Drill"),
    ("home.weak", "weak", "Weak-spot drill"),
    ("home.study", "study", "Study"),
    ("home.resume", "resume", "Resume an unfinished attempt"),
    ("home.history", "history", "History"),
    ("home.charts", "charts", "Charts"),
    ("home.exam_date", "date", "Exam date"),
    ("home.confidence", "confidence", "Mark confidence on or off"),
    ("home.deck", "deck", "Open another deck"),
)


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
    from exam_sim.tui.keys import live_keys
    from exam_sim.tui.screens.exam import ExamScreen
    from exam_sim.tui.screens.home import HomeScreen

    # Not while an exam is running: it would carry on (and time out) under the new one.
    if any(isinstance(s, ExamScreen) for s in app.screen_stack):
        return
    # Every action of Home, by Home's own action (`action_start`: the same checks, such as
    # an attempt still open offered first), with its tooltip and its key as set now.
    keys = {key.id: key for key in live_keys(HomeScreen, app, app.keymap)}
    for binding_id, what, title in HOME_COMMANDS:
        key = keys[binding_id]
        pressed = f" ({' '.join(key.keys)} on Home)" if key.keys else ""
        yield SystemCommand(title, f"{key.tooltip}{pressed}", partial(app.home_action, what))
    yield SystemCommand("Home", "Back to the home screen", app.go_home)
