"""The data behind the charts (TUI) and `exam-sim history charts --json`, for one deck:

* **score trend**: the last finished full mocks (`full_mocks`: the deck's full length; a
  3-question drill is not a point beside a 65-question mock), as scaled scores against
  the pass mark on a deck with a blueprint, else as percentages against the share a topic
  needs (`Charts.graded`); the History screen's trend reads the same function;
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
from exam_sim.models import Attempt, Blueprint, Deck
from exam_sim.schedule.forecast import passed_reason
from exam_sim.units import by_topic, gives_topics

if TYPE_CHECKING:
    from exam_sim.history import AttemptSummary, TopicTrendPoint

RECENT_ATTEMPTS = 50  # the attempts calibration reads
TREND_MOCKS = 10  # the full mocks of a score trend
FORECAST_POINTS = 8


class Scored(Protocol):
    """A finished mock's score as a scale reads it (`AttemptSummary`, `ScorePoint`)."""

    @property
    def scaled(self) -> int | None: ...
    @property
    def percent(self) -> float | None: ...


@dataclass(frozen=True)
class ScoreScale:
    """The scale a deck's mock scores, trend and forecast are said on: scaled scores
    against the pass mark on a deck with a blueprint, else percentages against the share
    a topic needs, "the aim" (`Blueprint.graded`). The TUI's trend, its charts and
    `history charts` all say it through this."""

    graded: bool
    low: float
    high: float
    mark: float

    @classmethod
    def of(cls, blueprint: Blueprint) -> ScoreScale:
        return cls.made(
            blueprint.graded, blueprint.score_min, blueprint.score_max, blueprint.pass_score,
            blueprint.topic_threshold,
        )  # fmt: skip

    @classmethod
    def made(
        cls, graded: bool, score_min: float, score_max: float, pass_score: float, aim: float
    ) -> ScoreScale:
        """The scale of a blueprint's figures (also as `Charts` keeps them)."""
        if graded:
            return cls(True, score_min, score_max, pass_score)
        return cls(False, 0.0, 100.0, aim)

    def text(self, value: float) -> str:
        """ "820", or "62 %"."""
        return f"{value:.0f}" if self.graded else f"{value:.0f} %"

    @property
    def mark_text(self) -> str:
        """ "the pass mark (750)", or "the 72 % aim" (its reports mark a topic ✓ there)."""
        return (
            f"the pass mark ({self.mark:.0f})" if self.graded else f"the {self.text(self.mark)} aim"
        )

    @property
    def mark_label(self) -> str:
        """The mark where a chart's scale line names it: "750 pass", or "72 %"."""
        return f"{self.mark:.0f} pass" if self.graded else self.text(self.mark)

    def value(self, mock: Scored) -> float:
        """A finished mock's score on this scale: scaled, or its percentage (a stored
        attempt's, or a chart's point)."""
        return float(mock.scaled or 0) if self.graded else mock.percent or 0.0

    def reached(self, mock: AttemptSummary) -> bool:
        """Passed (a graded mock's stored verdict), or at the aim or above."""
        return bool(mock.passed) if self.graded else self.value(mock) >= self.mark


@dataclass(frozen=True)
class ScorePoint:
    attempt_id: int
    finished_at: str
    scaled: int | None  # None on a deck without a blueprint: scored as a percentage
    passed: bool | None
    percent: float


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
    """The forecast on one day, on the chart's scale (`Charts.graded`)."""

    day: str  # ISO date
    expected: int
    low: int
    high: int


@dataclass(frozen=True)
class Charts:
    deck_id: str
    # True: scores and the forecast are scaled, against the pass mark; False (a deck that
    # gives no blueprint): percentages, against `aim_percent`, as its reports say them.
    graded: bool
    pass_score: int
    score_min: int
    score_max: int
    aim_percent: float  # the share a topic needs: the pass mark's share of the scale
    scores: tuple[ScorePoint, ...]
    domains: tuple[DomainPoint, ...]
    domains_are_tags: bool  # a deck scored by tag: each domain is a tag (each point's topic
    # is the history's TAG_TOPIC + the tag)
    whole_only: bool  # the deck gives no topics and tags no card: no domain, ever
    calibration: tuple[CalibrationPoint, ...]
    exam_date: str | None
    forecast: tuple[ForecastPoint, ...]
    forecast_note: str  # why there is no forecast ("" when there is one)

    @property
    def scale(self) -> ScoreScale:
        """What the score and forecast charts are drawn on (their line: `scale.mark`)."""
        return ScoreScale.made(
            self.graded, self.score_min, self.score_max, self.pass_score, self.aim_percent
        )

    @property
    def by_domain(self) -> bool:
        """False when no mock question had a topic (a deck that gives none): its one
        domain would repeat the score trend."""
        return by_topic(p.topic for p in self.domains)

    def score_of(self, point: ScorePoint) -> float:
        return self.scale.value(point)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


class TrendHistory(Protocol):
    def full_mocks(
        self, deck_id: str, *, question_count: int, limit: int, graded: bool = True
    ) -> list[AttemptSummary]: ...


def full_mocks(
    history: TrendHistory, deck: Deck, *, limit: int = TREND_MOCKS
) -> list[AttemptSummary]:
    """The attempts of a score trend, oldest first: the deck's last `limit` finished
    mocks of the blueprint's full number of questions, each with a scaled score when the
    deck's mocks are graded (`Blueprint.graded`). Drills, retries, study and shorter mocks
    are left out: a 3-question drill's percentage says little beside a 65-question mock.
    The charts and the History screen's trend both read this, so they always show the
    same attempts."""
    blueprint = deck.effective_blueprint
    return history.full_mocks(
        deck.id, question_count=blueprint.questions, limit=limit, graded=blueprint.graded
    )


class ChartsHistory(CoachHistory, TrendHistory, Protocol):
    """What the charts read (`exam_sim.history.History` provides it)."""

    def load_attempt(self, attempt_id: int) -> Attempt: ...
    def exam_date(self, deck_id: str) -> str | None: ...
    def topic_trend(
        self, deck_id: str, *, limit_attempts: int | None = None, tags: bool = False
    ) -> list[TopicTrendPoint]: ...


def charts(history: ChartsHistory, deck: Deck, *, now: datetime | None = None) -> Charts:
    now = now or coach.utc_now()  # looked up at call time: tests fix the clock there
    blueprint = deck.effective_blueprint
    mocks = full_mocks(history, deck)
    graded = blueprint.graded
    scores = tuple(
        ScorePoint(
            attempt_id=a.id,
            finished_at=a.finished_at or a.started_at,
            scaled=a.scaled if graded else None,
            passed=a.passed if graded else None,
            percent=a.percent or 0.0,
        )
        for a in mocks
    )
    mock_ids = {a.id for a in mocks}
    trend = history.topic_trend(deck.id)
    # A deck without topics has one domain, its whole; one scored by tag, its tags.
    by_tags = not by_topic(p.topic for p in trend) and bool(
        tagged := history.topic_trend(deck.id, tags=True)
    )
    domains = tuple(
        DomainPoint(p.attempt_id, p.finished_at, p.topic, p.name, p.percent)
        for p in (tagged if by_tags else trend)
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
        span = (exam_day - today).days
        days = sorted({round(span * i / (FORECAST_POINTS - 1)) for i in range(FORECAST_POINTS)})
        if span < 0:  # no forecast of today for a day gone by: it says so
            days = []
            note = passed_reason(exam_day)
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
                if graded
                else ForecastPoint(day.isoformat(), round(result.expected_percent),
                                   round(result.low_percent), round(result.high_percent))
            )  # fmt: skip
    return Charts(
        deck_id=deck.id,
        graded=graded,
        pass_score=blueprint.pass_score,
        score_min=blueprint.score_min,
        score_max=blueprint.score_max,
        aim_percent=blueprint.topic_threshold,
        scores=scores,
        domains=domains,
        domains_are_tags=by_tags,
        whole_only=not gives_topics(len(deck.topics), (c.topic for c in deck.cards))
        and not any(c.tags for c in deck.cards),
        calibration=calibration,
        exam_date=stored,
        forecast=tuple(points),
        forecast_note=note,
    )
