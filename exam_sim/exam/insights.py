"""What an attempt says beyond its score, from its questions and answers (pure):

* **confidence**: how often each certainty level (guess / unsure / sure) was right, and the
  certainty-based score of Moodle's scheme: +1 / +2 / +3 for a right answer marked guess /
  unsure / sure, 0 / −2 / −6 for a wrong one (only marked answers count);
* **answer changes**: of the answers changed before they were final, how many went
  wrong → right, right → wrong and wrong → wrong (from the first answer given);
* **pacing**: the time spent per domain against the blueprint's budget for its questions,
  and the slowest questions.

The results screen, `exam-sim history show` and the JSON export all read these.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from exam_sim.enums import AttemptMode, Confidence
from exam_sim.models import Attempt

# Moodle's certainty-based marking: (points when right, points when wrong) per level.
CBM_POINTS = {
    Confidence.GUESS: (1, 0),
    Confidence.UNSURE: (2, -2),
    Confidence.SURE: (3, -6),
}
SLOWEST = 3  # the slowest questions listed


@dataclass(frozen=True)
class LevelCalibration:
    level: Confidence
    answered: int
    right: int

    @property
    def percent(self) -> float:
        return 100 * self.right / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class ConfidenceSummary:
    levels: tuple[LevelCalibration, ...]  # guess, unsure, sure (those used)
    marked: int
    cbm_score: int  # Moodle's certainty-based score over the marked answers
    cbm_max: int  # 3 per marked answer: every one right and sure
    # Questions (1-based) answered wrongly and marked sure: the ones to look at first.
    confident_errors: tuple[int, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "marked": self.marked,
            "cbm_score": self.cbm_score,
            "cbm_max": self.cbm_max,
            "confident_errors": list(self.confident_errors),
            "levels": [
                {"level": c.level.value, "answered": c.answered, "right": c.right}
                for c in self.levels
            ],
        }


@dataclass(frozen=True)
class ChangeSummary:
    wrong_to_right: int
    right_to_wrong: int
    wrong_to_wrong: int
    unclassified: int  # changed before exam-sim kept the first answer (history schema 4)


@dataclass(frozen=True)
class DomainPace:
    topic: str | None
    questions: int
    seconds: float
    budget_seconds: float


@dataclass(frozen=True)
class SlowQuestion:
    number: int  # 1-based
    topic: str | None
    seconds: float
    right: bool
    answered: bool = True  # False: looked at for that long, and left blank


@dataclass(frozen=True)
class Pacing:
    domains: tuple[DomainPace, ...]
    slowest: tuple[SlowQuestion, ...]
    timed: bool = True  # False: the budgets are the real exam's pace, not this attempt's


def confidence_summary(attempt: Attempt) -> ConfidenceSummary | None:
    """Calibration and the certainty-based score; None when nothing was marked."""
    counts = {level: [0, 0] for level in Confidence}
    score = 0
    errors: list[int] = []
    for question, answer in zip(attempt.questions, attempt.answers, strict=True):
        if answer.confidence is None or answer.choice is None:
            continue
        right = answer.is_correct(question)
        if not right and answer.confidence is Confidence.SURE:
            errors.append(answer.position + 1)
        counts[answer.confidence][0] += 1
        counts[answer.confidence][1] += right
        score += CBM_POINTS[answer.confidence][0 if right else 1]
    marked = sum(n for n, _ in counts.values())
    if not marked:
        return None
    return ConfidenceSummary(
        levels=tuple(LevelCalibration(level, n, r) for level, (n, r) in counts.items() if n),
        marked=marked,
        cbm_score=score,
        cbm_max=3 * marked,
        confident_errors=tuple(errors),
    )


def change_summary(attempt: Attempt) -> ChangeSummary:
    counts = {"wrong_to_right": 0, "right_to_wrong": 0, "wrong_to_wrong": 0, "unclassified": 0}
    for question, answer in zip(attempt.questions, attempt.answers, strict=True):
        if not answer.changes or answer.choice is None:
            continue
        if answer.first_choice is None:
            counts["unclassified"] += 1
            continue
        first_right = answer.first_choice == question.answer
        final_right = answer.is_correct(question)
        if not first_right and final_right:
            counts["wrong_to_right"] += 1
        elif first_right and not final_right:
            counts["right_to_wrong"] += 1
        elif not first_right:
            counts["wrong_to_wrong"] += 1
    return ChangeSummary(**counts)


def pacing(attempt: Attempt) -> Pacing:
    """Time per domain against the blueprint's pace for its questions; the slowest ones.
    A study session has no time per domain: it is paced by the schedule, not the exam, and
    "0:02 of 2:46, against the exam's pace" said nothing of it."""
    per_question = attempt.blueprint.seconds_per_question
    totals: dict[str | None, list[float]] = {}
    if attempt.mode is not AttemptMode.STUDY:
        for question, answer in zip(attempt.questions, attempt.answers, strict=True):
            bucket = totals.setdefault(question.topic, [0, 0.0])
            bucket[0] += 1
            bucket[1] += answer.seconds
    domains = tuple(
        DomainPace(topic, int(n), seconds, n * per_question)
        for topic, (n, seconds) in totals.items()
    )
    ranked = sorted(
        zip(attempt.questions, attempt.answers, strict=True),
        key=lambda pair: (-pair[1].seconds, pair[1].position),
    )
    slowest = tuple(
        SlowQuestion(a.position + 1, q.topic, a.seconds, a.is_correct(q), a.choice is not None)
        for q, a in ranked[:SLOWEST]
        if a.seconds >= 1  # under a second shows as 0:00: nothing to call slow
    )
    return Pacing(domains, slowest, timed=bool(attempt.time_limit_seconds))


def insights_json(attempt: Attempt) -> dict[str, object]:
    """The three, as the JSON export and `history show --json` give them."""
    confidence = confidence_summary(attempt)
    pace = pacing(attempt)
    return {
        "confidence": None if confidence is None else confidence.as_json(),
        "changes": asdict(change_summary(attempt)),
        "pacing": {
            "domains": [asdict(d) for d in pace.domains],
            "slowest": [asdict(s) for s in pace.slowest],
        },
    }
