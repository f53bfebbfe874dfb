"""The history's spaced-repetition reads and writes, mixed into `History` (store.py): each
card's FSRS memory, today's new cards, the review log, the exam date of a deck, and a
question added to a study session (a confident error asked again) and the questions a
stopped one never asked. The tables are
described in memory.py and docs/history.md."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING

from exam_sim.history import memory, sightings, texts
from exam_sim.models import Question
from exam_sim.schedule.evidence import Sightings
from exam_sim.schedule.memory import Memory, Review


class SpacedRepetition:
    """Methods of `History` that concern the spaced-repetition state."""

    if TYPE_CHECKING:  # provided by History

        def _read(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _write(
            self, attempt_id: int | None = None
        ) -> AbstractContextManager[sqlite3.Connection]: ...
        def _held_row(self, conn: sqlite3.Connection, attempt_id: int) -> sqlite3.Row: ...

    def add_question(self, attempt_id: int, question: Question) -> int:
        """Append a question to an attempt in progress (a confident error asked again in
        study), with its empty answer row; returns its position."""
        with self._write(attempt_id) as conn:
            position = int(self._held_row(conn, attempt_id)["question_count"])
            texts.insert_questions(conn, attempt_id, [question], position)
            conn.execute(
                "INSERT INTO answers (attempt_id, position) VALUES (?, ?)", (attempt_id, position)
            )
            conn.execute(
                "UPDATE attempts SET question_count = ? WHERE id = ?", (position + 1, attempt_id)
            )
        return position

    def drop_questions_from(self, attempt_id: int, keep: int) -> None:
        """Remove an attempt in progress's questions from position `keep` on, with their
        answer rows: a study session stopped early never asked them (`ExamSession.submit`)."""
        with self._write(attempt_id) as conn:
            self._held_row(conn, attempt_id)
            conn.execute(
                "DELETE FROM answers WHERE attempt_id = ? AND position >= ?", (attempt_id, keep)
            )
            conn.execute(
                "DELETE FROM questions WHERE attempt_id = ? AND position >= ?", (attempt_id, keep)
            )
            conn.execute("UPDATE attempts SET question_count = ? WHERE id = ?", (keep, attempt_id))

    def memories(self, deck_id: str) -> dict[str, Memory]:
        """card_id -> its FSRS memory, for every reviewed card of the deck."""
        with self._read() as conn:
            return memory.memories(conn, deck_id)

    def new_cards_since(self, deck_id: str, since: datetime) -> int:
        """Cards of the deck first reviewed at or after `since` (today's new cards)."""
        with self._read() as conn:
            return memory.first_reviews_since(conn, deck_id, since)

    def review_log(self, deck_id: str) -> list[tuple[str, Review]]:
        """Every review of the deck, oldest first, as (card_id, review)."""
        with self._read() as conn:
            return sightings.review_log(conn, deck_id)

    def sightings(self, deck_id: str) -> Sightings:
        """The cards of the deck answered, how their first answers went, and when each was
        first taught (what the forecast reads beside the memories)."""
        with self._read() as conn:
            return sightings.sightings(conn, deck_id)

    def outcomes(self, attempt_id: int) -> list[tuple[str, bool]]:
        """Each question of the attempt, in order: its card, and whether it was right."""
        with self._read() as conn:
            return sightings.outcomes(conn, attempt_id)

    def memories_before(
        self, deck_id: str, card_ids: Sequence[str], moment: datetime
    ) -> dict[str, Memory]:
        """Each card's memory just before `moment` (cards not reviewed before it left out)."""
        with self._read() as conn:
            return sightings.memories_before(conn, deck_id, card_ids, moment)

    def rebuild_memory(self) -> None:
        """Recompute every review and card memory from the finished attempts (repair)."""
        with self._write() as conn:
            memory.rebuild_memory(conn)

    def exam_date(self, deck_id: str) -> str | None:
        """The exam date (ISO date) the learner gave the deck, if any."""
        with self._read() as conn:
            return memory.exam_date(conn, deck_id)

    def set_exam_date(self, deck_id: str, date: str | None) -> None:
        """Give the deck an exam date (ISO date), or None to forget it."""
        with self._write() as conn:
            memory.set_exam_date(conn, deck_id, date)
