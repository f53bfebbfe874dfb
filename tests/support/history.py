"""Builders shared by the history tests (and the child processes they start)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from exam_sim.models import (
    Answer,
    Attempt,
    AttemptMode,
    Blueprint,
    Direction,
    Question,
    ScoreReport,
    TopicScore,
)

# Four cards, two topics: Translate and Transcribe are the classic look-alikes.
CARDS = {
    "translate": ("Amazon Translate", "Translates text between languages.", "ai"),
    "transcribe": ("Amazon Transcribe", "Turns speech into text.", "ai"),
    "polly": ("Amazon Polly", "Turns text into lifelike speech.", "ai"),
    "kinesis": ("Amazon Kinesis", "Collects and processes streaming data.", "data"),
}


def make_question(
    card_id: str,
    others: tuple[str, ...],
    *,
    direction: Direction = Direction.DEFINITION_TO_TERM,
    key_at: int = 0,
) -> Question:
    """A question on `card_id` with `others` as distractors, the key at option `key_at`."""
    ids = list(others)
    ids.insert(key_at, card_id)
    term, definition, topic = CARDS[card_id]
    terms = [CARDS[i][0] for i in ids]
    definitions = [CARDS[i][1] for i in ids]
    if direction is Direction.TERM_TO_DEFINITION:
        stem, options, explanations = term, definitions, terms
    else:
        stem, options, explanations = definition, terms, definitions
    return Question(
        id=f"{card_id}:{direction.value}",
        card_id=card_id,
        topic=topic,
        direction=direction,
        stem=stem,
        options=tuple(options),
        option_card_ids=tuple(ids),
        answer=key_at,
        explanations=tuple(explanations),
    )


def standard_questions() -> tuple[Question, ...]:
    """Three questions: translate (key A), kinesis (key B), transcribe as term→definition."""
    return (
        make_question("translate", ("transcribe", "polly"), key_at=0),
        make_question("kinesis", ("polly", "translate"), key_at=1),
        make_question(
            "transcribe", ("translate", "polly"), direction=Direction.TERM_TO_DEFINITION, key_at=2
        ),
    )


def make_attempt(
    *,
    deck_id: str = "aws",
    started_at: str = "2026-01-01T10:00:00+00:00",
    questions: tuple[Question, ...] | None = None,
    mode: AttemptMode = AttemptMode.MOCK,
    time_limit_seconds: float | None = 600.0,
) -> Attempt:
    questions = questions if questions is not None else standard_questions()
    return Attempt(
        deck_id=deck_id,
        deck_title=f"Deck {deck_id} – “quoted”",
        mode=mode,
        started_at=started_at,
        time_limit_seconds=time_limit_seconds,
        seed=7,
        blueprint=Blueprint(questions=len(questions), minutes=10),
        questions=questions,
        answers=[],
        notes=("Data had 1 card, 1 question moved",),
    )


def report_for(attempt: Attempt, answers: dict[int, int | None]) -> ScoreReport:
    """A score report computed the plain way (unanswered counts wrong)."""
    topics: dict[str | None, list[int]] = {}
    correct = 0
    for position, question in enumerate(attempt.questions):
        right = answers.get(position) == question.answer
        correct += right
        counts = topics.setdefault(question.topic, [0, 0])
        counts[0] += right
        counts[1] += 1
    fraction = correct / len(attempt.questions)
    scaled = attempt.blueprint.scaled(fraction)
    return ScoreReport(
        correct=correct,
        total=len(attempt.questions),
        answered=sum(1 for choice in answers.values() if choice is not None),
        scaled=scaled,
        passed=scaled >= attempt.blueprint.pass_score,
        scaled_estimate=True,
        pass_score=attempt.blueprint.pass_score,
        score_min=100,
        score_max=1000,
        topics=tuple(
            TopicScore(
                topic=topic,
                name=(topic or "none").upper(),
                correct=c,
                total=t,
                verdict="Meets competencies" if c * 10 >= t * 7 else "Needs improvement",
            )
            for topic, (c, t) in topics.items()
        ),
        time_used_seconds=90.0,
        time_budget_seconds=600.0,
    )


def answer(position: int, choice: int | None, **extra: object) -> Answer:
    return Answer(position=position, choice=choice, **extra)  # type: ignore[arg-type]


def file_state(path: Path) -> tuple[str, list[str]]:
    """The file's SHA-256 and the names in its folder: a refused file must keep both."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, sorted(p.name for p in path.parent.iterdir())
