"""The data behind the charts (TUI) and `exam-sim history charts --json`, for one deck:

* **score trend**: the last finished full mocks (`full_mocks`: a scaled score on the deck's
  blueprint and its full length; a 3-question drill is not a point beside a 65-question
  mock), with the pass mark; the History screen's trend reads the same function;
* **domain trend**: each domain's percentage in those mocks;
* **calibration**: how often each certainty level was right, over the deck's attempts;
* **forecast**: the expected score and its 80 % interval if the exam were on each of a few
  days from today to the exam date (none without an exam date or with too little history).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from exam_sim.enums import AttemptStatus, Confidence
from exam_sim.exam import coach
from exam_sim.exam.coach import CoachHistory, readiness
from exam_sim.exam.insights import confidence_summary
from exam_sim.models import Deck

if TYPE_CHECKING:
    from exam_sim.history import AttemptSummary, TopicTrendPoint

RECENT_ATTEMPTS = 50  # the attempts calibration reads
TREND_MOCKS = 10  # the full mocks of a score trend
FORECAST_POINTS = 8


@dataclass(frozen=True)
class ScorePoint:
    attempt_id: int
    finished_at: str
    scaled: int
    passed: bool


@dataclass(frozen=True)
class DomainPoint:
    attempt_id: int
    finished_at: str
    topic: str | None
    name: str
    percent: float


@dataclass(frozen=True)
class CalibrationPoint:
    level: str
    answered: int
    right: int
    percent: float


@dataclass(frozen=True)
class ForecastPoint:
    day: str  # ISO date
    expected: int
    low: int
    high: int


@dataclass(frozen=True)
class Charts:
    deck_id: str
    pass_score: int
    score_min: int
    score_max: int
    scores: tuple[ScorePoint, ...]
    domains: tuple[DomainPoint, ...]
    calibration: tuple[CalibrationPoint, ...]
    exam_date: str | None
    forecast: tuple[ForecastPoint, ...]
    forecast_note: str  # why there is no forecast ("" when there is one)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


class TrendHistory(Protocol):
    def graded_mocks(
        self, deck_id: str, *, question_count: int, limit: int
    ) -> list[AttemptSummary]: ...


def full_mocks(
    history: TrendHistory, deck: Deck, *, limit: int = TREND_MOCKS
) -> list[AttemptSummary]:
    """The attempts of a score trend, oldest first: the deck's last `limit` finished
    mocks with a scaled score (graded on its blueprint) and the blueprint's full number of
    questions. Drills, retries, study and shorter mocks are left out: a 3-question drill's
    percentage says little beside a 65-question mock. The charts and the History screen's
    trend both read this, so they always show the same attempts."""
    questions = deck.effective_blueprint.questions
    return history.graded_mocks(deck.id, question_count=questions, limit=limit)


class ChartsHistory(CoachHistory, TrendHistory, Protocol):
    """What the charts read (`exam_sim.history.History` provides it)."""

    def exam_date(self, deck_id: str) -> str | None: ...
    def topic_trend(
        self, deck_id: str, *, limit_attempts: int | None = None
    ) -> list[TopicTrendPoint]: ...


def charts(history: ChartsHistory, deck: Deck, *, now: datetime | None = None) -> Charts:
    now = now or coach.utc_now()  # looked up at call time: tests fix the clock there
    blueprint = deck.effective_blueprint
    mocks = full_mocks(history, deck)
    scores = tuple(
        ScorePoint(a.id, a.finished_at or a.started_at, int(a.scaled or 0), bool(a.passed))
        for a in mocks
    )
    mock_ids = {a.id for a in mocks}
    domains = tuple(
        DomainPoint(p.attempt_id, p.finished_at, p.topic, p.name, p.percent)
        for p in history.topic_trend(deck.id)
        if p.attempt_id in mock_ids
    )
    totals = {level: [0, 0] for level in Confidence}
    finished = (AttemptStatus.SUBMITTED, AttemptStatus.TIMED_OUT)
    for summary in history.attempts(deck_id=deck.id, status=finished, limit=RECENT_ATTEMPTS):
        marks = confidence_summary(history.load_attempt(summary.id))
        for level in marks.levels if marks else ():
            totals[level.level][0] += level.answered
            totals[level.level][1] += level.right
    calibration = tuple(
        CalibrationPoint(level.value, n, r, 100 * r / n) for level, (n, r) in totals.items() if n
    )
    stored = history.exam_date(deck.id)
    points: list[ForecastPoint] = []
    note = "no exam date" if stored is None else ""
    if stored is not None:
        exam_day = date.fromisoformat(stored)
        today = now.astimezone().date()
        span = max(0, (exam_day - today).days)
        days = sorted({round(span * i / (FORECAST_POINTS - 1)) for i in range(FORECAST_POINTS)})
        for offset in days:
            day = today + timedelta(days=offset)
            result = readiness(history, deck, day, now=now, with_plan=False)
            if not result.enough_history:
                note = result.reason
                points = []
                break
            points.append(
                ForecastPoint(day.isoformat(), result.expected_scaled, result.low_scaled,
                              result.high_scaled)
            )  # fmt: skip
    return Charts(
        deck_id=deck.id,
        pass_score=blueprint.pass_score,
        score_min=blueprint.score_min,
        score_max=blueprint.score_max,
        scores=scores,
        domains=domains,
        calibration=calibration,
        exam_date=stored,
        forecast=tuple(points),
        forecast_note=note,
    )
