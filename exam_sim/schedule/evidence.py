"""What the history shows beside the memory model: the learner's first sights of cards
(what they knew before anything taught them) and the finished mocks (how the model's
predictions fared). The readiness forecast (`forecast`) reads both."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Rating

from exam_sim.schedule.memory import Review, replay, since_taught

OPTIONS = 4  # options per question (models.DEFAULT_OPTIONS): the chance of a lucky guess
PRIOR_MOCK_QUESTIONS = 65  # how much a mock must show before it moves the forecast
PRIOR_FIRST_SIGHTS = 10  # first sights it takes to move the unseen cards' chance from a guess


def chance_right(recall: float, options: int = OPTIONS) -> float:
    """Recalled, or a lucky guess among the options."""
    return recall + (1.0 - recall) / options


@dataclass(frozen=True)
class MockEvidence:
    """A finished mock: the share the model predicted just before it, and what happened."""

    predicted: float
    actual: float
    questions: int


def mock_evidence(
    mocks: Sequence[tuple[datetime, Sequence[tuple[str, bool]]]],
    reviews: Sequence[tuple[str, Review]],
) -> list[MockEvidence]:
    """Each mock (its start, and each question's card and whether it was right) against
    what the model predicted from the reviews before it. Only the questions on cards
    taught before the mock count: a first sight of a card says what the learner knew
    beforehand (`first_sight`), and a card met only in mocks has no memory (`since_taught`)."""
    by_card: dict[str, list[Review]] = {}
    for card_id, review in reviews:
        by_card.setdefault(card_id, []).append(review)
    evidence = []
    for started, outcomes in mocks:
        predicted = actual = 0.0
        asked = 0
        for card_id, right in outcomes:
            before = [r for r in by_card.get(card_id, ()) if r.reviewed_at < started]
            memory = replay(card_id, since_taught(before))
            if memory is None:
                continue
            predicted += chance_right(memory.recall_at(started))
            actual += right
            asked += 1
        if asked:
            evidence.append(MockEvidence(predicted / asked, actual / asked, asked))
    return evidence


def first_sight(reviews: Sequence[tuple[str, Review]], options: int = OPTIONS) -> float:
    """The chance of a right answer on a card never reviewed: the share of first reviews
    that were not Again, shrunk toward a blind guess by `PRIOR_FIRST_SIGHTS` of them."""
    right, total = first_sights(reviews)
    return (right + PRIOR_FIRST_SIGHTS / options) / (total + PRIOR_FIRST_SIGHTS)


def first_sights(reviews: Sequence[tuple[str, Review]]) -> tuple[int, int]:
    """(right, all) of the cards' first reviews."""
    seen: set[str] = set()
    right = 0
    for card_id, review in reviews:
        if card_id not in seen:
            seen.add(card_id)
            right += review.rating is not Rating.Again
    return right, len(seen)


def mock_correction(evidence: Sequence[MockEvidence]) -> tuple[float, float]:
    """(bias, extra variance) the mocks show: the mean of actual − predicted, shrunk toward 0
    by one full mock's worth of prior, and the spread of the differences beyond what a
    mock's own sampling explains."""
    if not evidence:
        return 0.0, 0.0
    weight = sum(e.questions for e in evidence)
    bias = sum(e.questions * (e.actual - e.predicted) for e in evidence) / (
        weight + PRIOR_MOCK_QUESTIONS
    )
    excess = [
        (e.actual - e.predicted - bias) ** 2 - e.predicted * (1 - e.predicted) / max(e.questions, 1)
        for e in evidence
    ]
    extra = max(0.0, sum(excess) / (len(excess) + 2))
    return bias, extra
