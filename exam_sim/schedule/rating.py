"""How an answered multiple-choice question becomes an FSRS rating.

FSRS was made for self-graded flashcards (Again / Hard / Good / Easy). Here the grade is
what happened, not what the learner felt (issue 12: right/wrong-only FSRS loses almost
nothing against four buttons, log-loss 0.3256 against 0.3214):

* wrong → Again: the card was not known;
* right after a guess → Again: a right guess among four options is luck, not recall, and
  scheduling it as known would hide the card for days;
* right but unsure, slow (over ``SLOW_SECONDS``) or changed before it was final → Hard:
  recalled, with effort or only by recognising it among the options; but in a mode that
  shows the answer after each question, a change came after seeing the key → Again;
* right, in time, unchanged and not marked unsure → Good.

Easy is never given: picking the key among options is recognition, weaker evidence than the
free recall Easy stands for in FSRS, and an Easy interval would come back too late.
A question left unanswered is not a review (a mock that ran out of time never reached it).
A matching item made from cards is a review of each prompt's card, rated by its own pair
(`cards_reviewed`).
"""

from __future__ import annotations

from fsrs import Rating

from exam_sim.enums import Confidence, Direction, ItemKind
from exam_sim.models import Answer, Question
from exam_sim.units import matched_pairs

# A right answer that took longer than this was worked out, not recalled (seconds).
SLOW_SECONDS = 60.0


def rating_for(
    *,
    correct: bool,
    seconds: float,
    changes: int,
    confidence: Confidence | None,
    feedback: bool = False,
) -> Rating:
    """The FSRS rating of one answered question (see the module's docstring for why).
    `feedback`: the mode showed the key after each answer (a drill, study)."""
    if not correct or confidence is Confidence.GUESS or (feedback and changes > 0):
        return Rating.Again
    if confidence is Confidence.UNSURE or changes > 0 or seconds > SLOW_SECONDS:
        return Rating.Hard
    return Rating.Good


def cards_reviewed(
    question: Question, answer: Answer, *, feedback: bool
) -> list[tuple[str, Rating]]:
    """The cards an answered question reviews, each with its rating (`rating_for`). A
    matching item made from cards asks each prompt's card: each is rated by its own pair,
    in its share of the item's time (before history schema 12, only the item's key card
    was reviewed, rated by the whole item). Any other question reviews its card."""

    def rated(correct: bool, seconds: float) -> Rating:
        return rating_for(
            correct=correct, seconds=seconds, changes=answer.changes,
            confidence=answer.confidence, feedback=feedback,
        )  # fmt: skip

    response = answer.response
    if (
        question.kind is ItemKind.MATCHING
        and question.direction is Direction.CARD_SET
        and response is not None
        and question.is_whole(response)
    ):
        pairs = matched_pairs(question.keys, response, question.option_card_ids)
        if pairs:
            share = answer.seconds / len(question.keys)
            return [(card, rated(right, share)) for card, right in pairs]
    return [(question.card_id, rated(answer.is_correct(question), answer.seconds))]
