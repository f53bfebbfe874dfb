"""The base classes of every screen: `self.app` is typed as `ExamSimApp`.

Textual's `getters.app` declares the property, so a screen calls `self.app.start(…)` or
reads `self.app.deck` with the type checker following, and no `# type: ignore`.
"""

from __future__ import annotations

from typing import TypeVar

from textual import getters
from textual.screen import ModalScreen, Screen

from exam_sim.tui.app import ExamSimApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    """A full screen of exam-sim."""

    app = getters.app(ExamSimApp)


class AppModal(ModalScreen[ResultType]):
    """A dialog of exam-sim."""

    app = getters.app(ExamSimApp)
