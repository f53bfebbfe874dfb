"""What a running session needs from the history (`exam_sim.history.History` provides it):
a protocol, so the session never imports the history package."""

from __future__ import annotations

from typing import Protocol

from exam_sim.models import Answer, Attempt, AttemptStatus, Question, ScoreReport


class SessionStore(Protocol):
    """What the engine needs from the history; `exam_sim.history.History` provides it."""

    def create_attempt(self, attempt: Attempt) -> int: ...
    def save_answer(
        self, attempt_id: int, answer: Answer, *, elapsed_seconds: float | None = None
    ) -> None: ...
    def add_question(self, attempt_id: int, question: Question) -> int: ...
    def drop_questions_from(self, attempt_id: int, keep: int) -> None: ...
    def finish_attempt(
        self,
        attempt_id: int,
        *,
        status: AttemptStatus,
        finished_at: str,
        elapsed_seconds: float,
        report: ScoreReport,
    ) -> None: ...
    def release(self, attempt_id: int) -> None: ...
