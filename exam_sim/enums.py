"""The kinds every layer names: card kinds, question directions, item kinds, attempt modes
and statuses, confidence levels.

Each enum carries its label, the words a learner reads for it, so the CLI, the TUI and the
exports say "Weak-spot drill" or "timed out" the same way. No pydantic here: the TUI's
home screen uses these before the deck (and pydantic with it) is loaded. `exam_sim.models`
re-exports them.
"""

from __future__ import annotations

from enum import StrEnum


class CardKind(StrEnum):
    DEFINITION = "definition"  # front is a term, back defines it
    QUESTION = "question"  # front is a question, back answers it


class Direction(StrEnum):
    DEFINITION_TO_TERM = "definition_to_term"  # stem: definition, options: terms
    TERM_TO_DEFINITION = "term_to_definition"  # stem: term, options: definitions
    QUESTION_TO_ANSWER = "question_to_answer"  # stem: a question card's front, options: answers
    # stem: a question card's answer, the question's words blanked; options: questions
    ANSWER_TO_QUESTION = "answer_to_question"
    TRUE_FALSE = "true_false"  # a card whose answer is too short to be an option
    CARD_SET = "card_set"  # several cards at once: generated multiple response and matching
    AUTHORED = "authored"  # an item written in the deck, not generated from a card

    @property
    def options_are_fronts(self) -> bool:
        """Are the options cards' fronts (terms, questions) and the stem a back?"""
        return self in (Direction.DEFINITION_TO_TERM, Direction.ANSWER_TO_QUESTION)

    @property
    def label(self) -> str:
        """ "definition → term": what is shown and what is asked."""
        return _DIRECTION_LABELS[self]


class ItemKind(StrEnum):
    """The shape of an item, as the real exams have them."""

    SINGLE = "single"  # one key among the options
    MULTIPLE = "multiple"  # "(Choose TWO.)": exactly N keys, all-or-nothing
    ORDERING = "ordering"  # 3-5 steps put in order, all-or-nothing
    MATCHING = "matching"  # 3-7 prompts each matched to a response, all-or-nothing

    @property
    def label(self) -> str:
        """ "single answer", "multiple response", "ordering", "matching"."""
        return _KIND_LABELS[self]


class AttemptMode(StrEnum):
    MOCK = "mock"
    DRILL = "drill"
    WEAK = "weak"
    RETRY = "retry"
    STUDY = "study"  # the cards the spaced-repetition schedule says are due

    @property
    def label(self) -> str:
        """ "Mock exam", "Drill", "Weak-spot drill", "Retry missed". A drill is not called a
        topic drill: most decks people bring have no topics (it draws from every card
        then); Home says how many topics a deck offers."""
        return _MODE_LABELS[self]

    @property
    def gives_feedback(self) -> bool:
        """Drills show the answer after each question; a mock only once it is submitted."""
        return self is not AttemptMode.MOCK

    @property
    def feedback_waits_for_mark(self) -> bool:
        """Is how sure an answer was asked before its feedback? In a drill, for
        calibration; study shows the feedback first, and the mark says how the card was
        recalled (docs/study.md)."""
        return self.gives_feedback and self is not AttemptMode.STUDY


class Confidence(StrEnum):
    """How sure the learner says they were, marked after choosing (see docs/study.md)."""

    GUESS = "guess"
    UNSURE = "unsure"
    SURE = "sure"

    @property
    def label(self) -> str:
        return self.value


class AttemptStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    TIMED_OUT = "timed_out"  # auto-submitted when the clock reached zero

    @property
    def label(self) -> str:
        """ "unfinished", "submitted", "timed out"."""
        return _STATUS_LABELS[self]


_DIRECTION_LABELS = {
    Direction.DEFINITION_TO_TERM: "definition → term",
    Direction.TERM_TO_DEFINITION: "term → definition",
    Direction.QUESTION_TO_ANSWER: "question → answer",
    Direction.ANSWER_TO_QUESTION: "answer → question",
    Direction.TRUE_FALSE: "true/false",
    Direction.CARD_SET: "several cards",
    Direction.AUTHORED: "authored item",
}
_KIND_LABELS = {
    ItemKind.SINGLE: "single answer",
    ItemKind.MULTIPLE: "multiple response",
    ItemKind.ORDERING: "ordering",
    ItemKind.MATCHING: "matching",
}
_MODE_LABELS = {
    AttemptMode.MOCK: "Mock exam",
    AttemptMode.DRILL: "Drill",
    AttemptMode.WEAK: "Weak-spot drill",
    AttemptMode.RETRY: "Retry missed",
    AttemptMode.STUDY: "Study",
}
_STATUS_LABELS = {
    AttemptStatus.IN_PROGRESS: "unfinished",
    AttemptStatus.SUBMITTED: "submitted",
    AttemptStatus.TIMED_OUT: "timed out",
}
