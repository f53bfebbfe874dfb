"""Builders shared by the history tests (and the child processes they start)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from exam_sim.history import History
from exam_sim.models import (
    Answer,
    Attempt,
    AttemptMode,
    AttemptStatus,
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


def store_attempt(
    history: History,
    number: int,
    *,
    questions: int = 3,
    finished: bool = True,
    right: int = 3,
    deck_id: str = "aws-ml-specialty",
) -> int:
    """Attempt `number` of a deck (the app's default deck unless told), started `number`
    minutes after midnight on 1 Jan 2026, with `right` right answers, submitted unless
    `finished` is false (then only the right ones are given)."""
    base = standard_questions()
    chosen = tuple(base[i % len(base)] for i in range(questions))
    day, minute = divmod(number, 24 * 60)
    started = f"2026-01-{1 + day:02d}T{minute // 60:02d}:{minute % 60:02d}:00+00:00"
    attempt = make_attempt(deck_id=deck_id, started_at=started, questions=chosen)
    attempt_id = history.create_attempt(attempt)
    given = {p: (q.answer if p < right else (q.answer + 1) % 3) for p, q in enumerate(chosen)}
    if not finished:
        for position in range(right):
            history.save_answer(attempt_id, answer(position, given[position]))
        return attempt_id
    for position, choice in given.items():
        history.save_answer(attempt_id, answer(position, choice))
    history.finish_attempt(
        attempt_id,
        status=AttemptStatus.SUBMITTED,
        finished_at=started.replace(":00+", ":30+"),
        elapsed_seconds=60.0,
        report=report_for(attempt, given),
    )
    return attempt_id
