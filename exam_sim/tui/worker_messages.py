"""What the app's workers report: posted from their threads, handled on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from textual.message import Message
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from exam_sim.errors import ExamSimError
    from exam_sim.exam import SessionSetup
    from exam_sim.history import History
    from exam_sim.models import Deck
    from exam_sim.tui.preferences import Preferences


@dataclass
class Opened(Message):
    """The deck and the history are open; the preferences are read."""

    deck: Deck
    history: History
    preferences: Preferences
    # Why the deck open last time was not opened again (it moved or no longer reads).
    notice: str | None = None


@dataclass
class OpenFailed(Message):
    """The deck or the history cannot be opened: the one-sentence reason."""

    reason: str


@dataclass
class Planned(Message):
    """A session planned in the background is ready to start."""

    setup: SessionSetup


@dataclass
class PlanFailed(Message):
    """A session planned in the background cannot start: why (said in one sentence)."""

    error: ExamSimError


_Result = TypeVar("_Result")


def report_unless_cancelled(
    work: Callable[[], _Result], report: Callable[[_Result], object]
) -> None:
    """In a thread worker: `report(work())`, unless the worker was cancelled meanwhile. An
    error raised once it was cancelled (its screen went away, the app quit and closed the
    history) is dropped; any other is a bug, and keeps its traceback."""
    try:
        result = work()
    except Exception:
        if get_current_worker().is_cancelled:
            return
        raise
    if not get_current_worker().is_cancelled:
        report(result)
