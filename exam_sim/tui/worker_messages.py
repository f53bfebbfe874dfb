"""What the app's workers report: posted from their threads, handled on the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
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
    """A session planned in the background cannot start: the one-sentence reason."""

    reason: str
