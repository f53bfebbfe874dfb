"""The running session: answers, flags, the clock and autosave through a store.

Pure apart from the injected clock and store: no Textual, no printing. The TUI and the
`--plain` CLI both drive an `ExamSession`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from exam_sim.exam.errors import SessionError
from exam_sim.exam.items import check_response, complete
from exam_sim.exam.planning import Plan, reshuffle
from exam_sim.exam.scoring import (
    attempt_report_if_finished,
    card_tags_of,
    score,
    topic_names_of,
)
from exam_sim.exam.session_store import SessionStore
from exam_sim.models import (
    Answer,
    Attempt,
    AttemptMode,
    AttemptStatus,
    Blueprint,
    Confidence,
    Deck,
    ItemKind,
    Question,
    ScoreReport,
)

Clock = Callable[[], float]

# The running clock is saved whenever the second it shows changes (and with every answer,
# flag or move), so a kill -9 gives back less than one second.
ELAPSED_SAVE_INTERVAL = 1.0


def now_iso() -> str:
    """The current time as the ISO-8601 UTC string an attempt stores."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_attempt(
    deck: Deck,
    plan: Plan,
    *,
    mode: AttemptMode,
    minutes: float | None,
    seed: int = 0,
    blueprint: Blueprint | None = None,
) -> Attempt:
    """An attempt ready to start. `minutes=None` means untimed; whether a session is timed
    is decided once, by `exam_sim.exam.prepare` (where 0 minutes means untimed)."""
    if minutes is not None and minutes <= 0:
        raise ValueError(f"a time limit must be above zero, not {minutes} minutes")
    return Attempt(
        deck_id=deck.id,
        deck_title=deck.title,
        mode=mode,
        started_at=now_iso(),
        time_limit_seconds=None if minutes is None else minutes * 60.0,
        seed=seed,
        blueprint=blueprint or deck.effective_blueprint,
        questions=plan.questions,
        answers=[Answer(position=i) for i in range(len(plan.questions))],
        notes=plan.notes,
        deck_path=None if deck.path is None else str(Path(deck.path).resolve()),
    )


@dataclass(frozen=True)
class Feedback:
    """What a drill shows right after an answer."""

    correct: bool
    chosen: int
    answer: int
    explanations: tuple[str, ...]


class ExamSession:
    """One attempt being taken. Every change is saved through the store at once.

    Time counts only while the session is open: `elapsed` is what earlier sittings used plus
    the time since this one opened. A mock gives no feedback until submitted; drills do.
    """

    def __init__(
        self,
        attempt: Attempt,
        *,
        store: SessionStore | None = None,
        clock: Clock = time.monotonic,
        topic_names: Mapping[str | None, str] | None = None,
        card_tags: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.attempt = attempt
        self.store = store
        self.clock = clock
        self.topic_names = dict(topic_names or {})
        self.card_tags = dict(card_tags or {})  # scored by tag too, on a deck without topics
        self.current = 0
        self.report: ScoreReport | None = attempt_report_if_finished(
            attempt, self.topic_names, self.card_tags
        )
        self._base_elapsed = attempt.elapsed_seconds
        self._opened_at = clock()
        self._question_opened_at = self._opened_at
        self._saved_second = int(self._base_elapsed)
        # The question just answered whose confidence is being asked (asks_confidence).
        self.awaiting_mark: int | None = None
        self.not_reached = 0  # the cards a stopped study session never asked
        if store is not None and attempt.id is None:
            attempt.id = store.create_attempt(attempt)
        if not self.finished:
            # Resume where the learner was: the first unanswered question, or the answer
            # whose mark was being asked when the session ended (a kill, a lost terminal).
            unanswered = self.unanswered()
            self.current = unanswered[0] if unanswered else 0
            unasked = self._never_marked()
            if unasked is not None:
                self.current = self.awaiting_mark = unasked

    @classmethod
    def on_deck(
        cls,
        attempt: Attempt,
        deck: Deck | None,
        *,
        store: SessionStore | None = None,
        clock: Clock = time.monotonic,
    ) -> ExamSession:
        """A session whose reports name the deck's topics, or score by its cards' tags on
        a deck without topics (None: a deck gone, reports by topic id)."""
        names, tags = topic_names_of(deck), card_tags_of(deck)
        return cls(attempt, store=store, clock=clock, topic_names=names, card_tags=tags)

    # -- state ----------------------------------------------------------------------
    @property
    def questions(self) -> tuple[Question, ...]:
        return self.attempt.questions

    @property
    def answers(self) -> list[Answer]:
        return self.attempt.answers

    @property
    def total(self) -> int:
        return len(self.attempt.questions)

    @property
    def question(self) -> Question:
        return self.attempt.questions[self.current]

    @property
    def answer_state(self) -> Answer:
        return self.attempt.answers[self.current]

    @property
    def gives_feedback(self) -> bool:
        return self.attempt.mode.gives_feedback

    @property
    def asks_confidence(self) -> bool:
        """The learner marks each answer guess / unsure / sure (chosen at the start)."""
        return self.attempt.asks_confidence

    def mark_refusal(self) -> str | None:
        """Why the current question's answer cannot be marked now, None when it can. The
        session must ask, the question be answered and, where answers get feedback, the
        mark come before it: a mark given after seeing the key says nothing about
        calibration. In a mock any answer can be marked again until it is submitted."""
        if not self.asks_confidence:
            return "this session does not ask how sure you are (start it with confidence marking)"
        if self.finished:
            return "this attempt is already over"
        if self.answer_state.choice is None:
            return f"question {self.current + 1} has no answer to mark yet"
        if self.gives_feedback and self.awaiting_mark != self.current:
            return "in a drill an answer is marked right after it is given, before its feedback"
        return None

    def can_mark(self) -> bool:
        return self.mark_refusal() is None

    @property
    def re_asks_confident_errors(self) -> bool:
        """A confident error is asked again at the end of a drill or study session; never
        in a mock, where asking again would give the answer away (it is listed in the
        results instead, and its Again rating brings the card back within minutes)."""
        return self.gives_feedback

    @property
    def finished(self) -> bool:
        return self.attempt.status is not AttemptStatus.IN_PROGRESS

    @property
    def elapsed(self) -> float:
        if self.finished:
            return self.attempt.elapsed_seconds
        return self._base_elapsed + max(0.0, self.clock() - self._opened_at)

    def time_left(self) -> float | None:
        """Seconds left, None when untimed."""
        limit = self.attempt.time_limit_seconds
        if limit is None:
            return None
        return max(0.0, limit - self.elapsed)

    def answered_count(self) -> int:
        return sum(1 for a in self.answers if a.choice is not None)

    def cards_answered(self) -> int:
        """The cards answered (a confident error asked again is one card, two answers)."""
        answered = zip(self.questions, self.answers, strict=True)
        return len({q.card_id for q, a in answered if a.choice is not None})

    def unanswered(self) -> list[int]:
        return [a.position for a in self.answers if a.choice is None]

    def flagged(self) -> list[int]:
        return [a.position for a in self.answers if a.flagged]

    def correct_so_far(self) -> int:
        return sum(1 for q, a in zip(self.questions, self.answers, strict=True) if a.is_correct(q))

    def wrong_so_far(self) -> list[int]:
        """Positions of the answers whose feedback has shown them wrong (a drill's; none in
        a mock, which says nothing of right or wrong before it is submitted)."""
        pairs = enumerate(zip(self.questions, self.answers, strict=True))
        return [n for n, (q, a) in pairs if self.answer_is_final(n) and not a.is_correct(q)]

    def running_score(self) -> tuple[int, int]:
        """A drill's running score, right of answered, leaving out the answer whose
        confidence is being asked: its feedback (and so whether it is right) comes after."""
        right, answered = self.correct_so_far(), self.answered_count()
        if self.awaiting_mark is not None:
            right -= self.answers[self.awaiting_mark].is_correct(self.questions[self.awaiting_mark])
            answered -= 1
        return right, answered

    # -- operations -----------------------------------------------------------------
    def tick(self) -> bool:
        """Call at least once a second: auto-submits at zero, and saves the clock each time
        the whole second it shows has changed. Returns True when this call ended the attempt."""
        if self.finished:
            return False
        left = self.time_left()
        if left is not None and left <= 0:
            self.submit(timed_out=True)
            return True
        if int(self.elapsed) != self._saved_second:
            # The question on screen is charged its time with the clock: killed now, the
            # attempt resumes with every second counted, the per-question ones included.
            self._charge_time()
            self._save(self.current)
        return False

    def _ensure_open(self) -> None:
        if self.finished:
            raise SessionError("this attempt is already over")
        if self.tick():
            raise SessionError("time is up: the attempt was submitted")

    def _charge_time(self) -> None:
        """Add the time spent on the current question since it was shown."""
        now = self.clock()
        spent = max(0.0, now - self._question_opened_at)
        self._question_opened_at = now
        state = self.answers[self.current]
        self.answers[self.current] = state.model_copy(update={"seconds": state.seconds + spent})

    def _save(self, position: int) -> None:
        """Commit one question's state and the clock, in one transaction."""
        if self.store is not None and self.attempt.id is not None:
            elapsed = self.elapsed
            self._saved_second = int(elapsed)
            self.store.save_answer(self.attempt.id, self.answers[position], elapsed_seconds=elapsed)

    def answer_is_final(self, position: int | None = None) -> bool:
        """Is the question's (the current one's) answer final? With feedback, a whole one
        is: the feedback has shown the key, and a changed answer would score and schedule
        what the learner was told rather than what they knew."""
        index = self.current if position is None else position
        # `choice`: set once an answer (an item's too) is whole. While a drill asks its mark
        # the feedback waits, and the answer may still change (study shows it at once).
        waits = self.awaiting_mark == index and self.attempt.mode.feedback_waits_for_mark
        return self.gives_feedback and self.answers[index].choice is not None and not waits

    def _ensure_answerable(self) -> None:
        self._ensure_open()
        if self.answer_is_final():
            raise SessionError(f"question {self.current + 1} is answered, and its feedback has "
                               "shown the answer: the first answer stands")  # fmt: skip

    def answer(self, choice: int) -> Feedback | None:
        """Answer (or change the answer to) the current question. Saved at once. Returns
        feedback in drills (where it is final: `answer_is_final`), None in a mock."""
        self._ensure_answerable()
        question = self.question
        if question.kind is not ItemKind.SINGLE:
            raise SessionError(f"question {self.current + 1} is a {question.kind.label} item")
        if not 0 <= choice < len(question.options):
            raise SessionError(
                f"question {self.current + 1} has options 1–{len(question.options)}, "
                f"not {choice + 1}"
            )
        self._charge_time()
        state = self.answers[self.current]
        changes = state.changes + (1 if state.choice is not None and state.choice != choice else 0)
        first = state.first_choice if state.first_choice is not None else choice
        # A mark belongs to the answer it was given for: a changed answer is asked again.
        same = state.choice == choice
        self.answers[self.current] = state.model_copy(
            update={
                "choice": choice,
                "changes": changes,
                "first_choice": first,
                "confidence": state.confidence if same else None,
                "mark_skipped": state.mark_skipped and same,
            }
        )
        self._save(self.current)
        self._await_mark()
        return self.feedback_for(self.current) if self.gives_feedback else None

    def respond(self, response: Sequence[int]) -> Feedback | None:
        """Give (or change) the whole response to the current multiple-response, ordering
        or matching item (`Answer.response`); saved at once, as `answer` is. An empty
        response clears the item. Feedback in drills once the response is complete."""
        self._ensure_answerable()
        question = self.question
        if question.kind is ItemKind.SINGLE:
            raise SessionError(f"question {self.current + 1} takes one option")
        given = check_response(question, tuple(response))
        self._charge_time()
        state = self.answers[self.current]
        choice = Answer.summary(question, given)
        changed = state.response is not None and complete(question, state.response)
        changes = state.changes + (1 if changed and state.response != given else 0)
        first = state.first_choice if state.first_choice is not None else choice
        same = state.response == (given or None)
        self.answers[self.current] = state.model_copy(
            update={
                "response": given or None,
                "choice": choice,
                "changes": changes,
                "first_choice": first,
                "confidence": state.confidence if same else None,
                "mark_skipped": state.mark_skipped and same,
            }
        )
        self._save(self.current)
        if complete(question, given):
            self._await_mark()
        elif self.awaiting_mark == self.current:
            self.awaiting_mark = None  # no longer a whole response: nothing to mark yet
        if not self.gives_feedback or not complete(question, given):
            return None
        return self.feedback_for(self.current)

    def strike(self, option: int) -> bool:
        """Strike an option of the current question out, or back in; True when struck."""
        self._ensure_open()
        question = self.question
        if not 0 <= option < len(question.options):
            raise SessionError(
                f"question {self.current + 1} has options 1–{len(question.options)}, "
                f"not {option + 1}"
            )
        state = self.answers[self.current]
        struck = set(state.struck) ^ {option}
        self.answers[self.current] = state.model_copy(update={"struck": tuple(sorted(struck))})
        self._save(self.current)
        return option in struck

    def mark_confidence(self, confidence: Confidence | None, position: int | None = None) -> None:
        """Say how sure the answer to a question was (guess / unsure / sure). Saved at once;
        it weighs in the question's spaced-repetition rating (docs/study.md)."""
        self._ensure_open()
        index = self.current if position is None else position
        self._check_position(index)
        state = self.answers[index]
        self.answers[index] = state.model_copy(
            update={"confidence": confidence, "mark_skipped": False}
        )
        self._save(index)

    def _await_mark(self) -> None:
        if self.asks_confidence:
            self.awaiting_mark = self.current

    def _never_marked(self) -> int | None:
        """The answered question whose mark was asked but neither given nor skipped (the
        session ended in between), the latest if several; None if none or not asking."""
        if not self.asks_confidence:
            return None
        asked = [
            a.position
            for a in self.answers
            if a.choice is not None and a.confidence is None and not a.mark_skipped
        ]
        return asked[-1] if asked else None

    def _skip_mark(self, position: int) -> None:
        """The learner went on without marking `position`: saved, so a resume does not ask
        for it again (in a drill its feedback has been seen)."""
        state = self.answers[position]
        if state.choice is not None and state.confidence is None and not state.mark_skipped:
            self.answers[position] = state.model_copy(update={"mark_skipped": True})
            self._save(position)

    def feedback_for(self, position: int) -> Feedback:
        """A drill's feedback on the answer to question `position` (shown again when a
        resumed drill asks the mark it was waiting for)."""
        question, state = self.questions[position], self.answers[position]
        return Feedback(
            correct=state.is_correct(question),
            chosen=state.choice if state.choice is not None else -1,
            answer=question.answer,
            explanations=question.explanations,
        )

    def mark(self, confidence: Confidence | None) -> bool:
        """Mark the answer awaiting a mark (else the current question's), or skip it with
        None. Saved at once. Returns True when it is a confident error now asked again at
        the end (`re_asks_confident_errors`)."""
        if self.awaiting_mark is None and confidence is not None:
            refusal = self.mark_refusal()
            if refusal is not None:
                raise SessionError(refusal)
        position = self.awaiting_mark if self.awaiting_mark is not None else self.current
        self.awaiting_mark = None
        if confidence is None:
            self._skip_mark(position)
            return False
        self.mark_confidence(confidence, position)
        return self.re_asks_confident_errors and self.ask_again_if_confident_error(position)

    def comes_back(self, position: int) -> bool:
        """Is question `position` asked again later in this session (a confident error)?"""
        question_id = self.questions[position].id
        return any(q.id == question_id for q in self.questions[position + 1 :])

    def ask_again_if_confident_error(self, position: int | None = None) -> bool:
        """A wrong answer marked sure is asked again at the end of the session (options
        reshuffled), once: a confident error is easiest to correct when re-tested soon.
        Returns True when the question was added."""
        index = self.current if position is None else position
        question, state = self.questions[index], self.answers[index]
        if state.confidence is not Confidence.SURE or state.is_correct(question):
            return False
        if any(q.id == question.id for q in self.questions[index + 1 :]):
            return False  # already coming back
        if sum(q.id == question.id for q in self.questions) > 1:
            return False  # this was the second asking
        again = reshuffle(question, random.Random(f"{self.attempt.seed}/{question.id}/again"))
        if self.store is not None and self.attempt.id is not None:
            self.store.add_question(self.attempt.id, again)
        self.attempt.questions = (*self.attempt.questions, again)
        self.attempt.answers.append(Answer(position=len(self.attempt.answers)))
        return True

    def clear(self) -> None:
        self._ensure_answerable()
        self._charge_time()
        state = self.answers[self.current]
        self.answers[self.current] = state.model_copy(
            update={"choice": None, "response": None, "confidence": None, "mark_skipped": False}
        )
        self.awaiting_mark = None
        self._save(self.current)

    def set_flag(self, flagged: bool, position: int | None = None) -> None:
        self._ensure_open()
        index = self.current if position is None else position
        self._check_position(index)
        state = self.answers[index]
        self.answers[index] = state.model_copy(update={"flagged": flagged})
        self._save(index)

    def toggle_flag(self) -> bool:
        flagged = not self.answer_state.flagged
        self.set_flag(flagged)
        return flagged

    def _check_position(self, index: int) -> None:
        if not 0 <= index < self.total:
            raise SessionError(f"there is no question {index + 1}; questions run 1–{self.total}")

    def go(self, index: int) -> None:
        """Show question `index` (0-based)."""
        self._check_position(index)
        if self.awaiting_mark is not None:  # moving on skips the mark
            self._skip_mark(self.awaiting_mark)
            self.awaiting_mark = None
        if not self.finished:
            self._charge_time()
            if self.answers[self.current].seconds and self.store is not None:
                self._save(self.current)
        self.current = index

    def next(self) -> bool:
        if self.current + 1 < self.total:
            self.go(self.current + 1)
            return True
        return False

    def prev(self) -> bool:
        if self.current > 0:
            self.go(self.current - 1)
            return True
        return False

    def submit(self, *, timed_out: bool = False) -> ScoreReport:
        """End the attempt and score it (unanswered = wrong; a study session keeps only the
        cards it reached, `_drop_unreached`). Saved at once."""
        if self.finished:
            assert self.report is not None
            return self.report
        self._charge_time()  # to the question on screen, before a study session may drop it
        if self.attempt.mode is AttemptMode.STUDY:
            self._drop_unreached()
        elapsed = self.elapsed
        limit = self.attempt.time_limit_seconds
        if timed_out and limit is not None:
            elapsed = min(elapsed, limit)
        self.attempt.elapsed_seconds = elapsed
        self.attempt.status = AttemptStatus.TIMED_OUT if timed_out else AttemptStatus.SUBMITTED
        self.attempt.finished_at = now_iso()
        self.report = score(
            self.attempt,
            topic_names=self.topic_names,
            card_tags=self.card_tags,
            elapsed_seconds=elapsed,
        )
        if self.store is not None and self.attempt.id is not None:
            for answer in self.answers:
                if answer.seconds:
                    self.store.save_answer(self.attempt.id, answer)
            self.store.finish_attempt(
                self.attempt.id,
                status=self.attempt.status,
                finished_at=self.attempt.finished_at,
                elapsed_seconds=elapsed,
                report=self.report,
            )
        return self.report

    def _drop_unreached(self) -> None:
        """A study session ends where the learner stopped: the questions after the last one
        answered were never asked, so they leave the attempt before it is scored. Its
        score, topic totals, card statistics and weak spots then hold only the cards
        studied, not a miss for every card the session did not reach (they stay due)."""
        reached = max((a.position + 1 for a in self.answers if a.choice is not None), default=0)
        if not 0 < reached < self.total:
            return
        # Cards, not questions: a confident error asked again was studied already.
        studied = {q.card_id for q in self.questions[:reached]}
        self.not_reached = len({q.card_id for q in self.questions[reached:]} - studied)
        if self.store is not None and self.attempt.id is not None:
            self.store.drop_questions_from(self.attempt.id, reached)
        self.attempt.questions = self.attempt.questions[:reached]
        del self.attempt.answers[reached:]
        self.current = min(self.current, reached - 1)
        if self.awaiting_mark is not None and self.awaiting_mark >= reached:
            self.awaiting_mark = None

    def close(self) -> None:
        """Leave without submitting: the attempt stays resumable with the time used so far."""
        if not self.finished:
            self._charge_time()
            self._save(self.current)
            if self.store is not None and self.attempt.id is not None:
                # Another session may now open it without taking it over.
                self.store.release(self.attempt.id)
