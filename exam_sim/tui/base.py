"""The base classes of every screen: `self.app` is typed as `ExamSimApp`.

Textual's `getters.app` declares the property, so a screen calls `self.app.start(…)` or
reads `self.app.deck` with the type checker following, and no `# type: ignore`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual import getters
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from exam_sim.tui.app import ExamSimApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    """A full screen of exam-sim."""

    app = getters.app(ExamSimApp)


class AppModal(ModalScreen[ResultType]):
    """A dialog of exam-sim, with its own key bar: the screen behind's bar would show
    through and offer keys that do nothing here."""

    app = getters.app(ExamSimApp)

    def on_mount(self) -> None:
        # Runs before the subclass's own on_mount (Textual calls each class's handler).
        from exam_sim.tui.widgets.keybar import KeyBar

        self.mount(KeyBar())
        # A notice about what was done before the dialog would cover its fields (at 80×24
        # K's covers the drill dialog's): the dialog now has the learner's attention.
        self.app.clear_notifications()


def main_area(screen: Screen[Any]) -> Widget:
    """The screen's content below the header and above the key bar (they stay usable and
    visible while it shows a loading indicator)."""
    from textual.widgets import Header

    from exam_sim.tui.widgets.keybar import KeyBar

    for child in screen.children:
        # Textual's own widgets (the notices' rack, the tooltip) come first and are not
        # content.
        if not isinstance(child, Header | KeyBar) and not child.has_class("-textual-system"):
            return child
    return screen
