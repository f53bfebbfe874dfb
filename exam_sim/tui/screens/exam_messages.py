"""The messages the exam screen posts as the learner acts (answers as messages): whoever
follows an attempt, a test's message hook for one, reads them, not the screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from exam_sim.exam import Feedback
from exam_sim.models import Confidence, ScoreReport


@dataclass
class Answered(Message):
    """The learner answered (or changed) question `position` (0-based) with `choice`."""

    position: int
    choice: int
    feedback: Feedback | None


@dataclass
class Flagged(Message):
    position: int
    flagged: bool


@dataclass
class Marked(Message):
    """The learner said how sure the answer to question `position` was (None: skipped);
    `again`: a confident error, asked again at the end of the drill."""

    position: int
    confidence: Confidence | None
    again: bool


@dataclass
class Finished(Message):
    """The attempt ended: submitted by the learner or when the clock reached zero."""

    report: ScoreReport
    timed_out: bool
