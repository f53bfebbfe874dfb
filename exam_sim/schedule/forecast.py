"""The readiness forecast: the expected scaled score on the exam date, its 80 % interval,
each domain, the domains at risk, and a daily plan to reach the pass mark.

The model (docs/study.md says it for learners, benchmarks/readiness.py measures it):

* each card's chance of a right answer on the exam day is FSRS's recall at that date plus a
  lucky guess among the options when it is not recalled: R + (1 − R)/k (k = 4 options; a
  written question's own number: `units.option_counts`);
  a card nothing has taught yet (never answered, or only in mocks, which show no answer
  until the end: `forecast_from_history`) has the chance the learner's first sights of
  cards show (`Sightings.known_share`: what they knew before studying, nothing until
  there are some), known the better the more first sights there are;
* a domain's expected share is the mean over its cards; the exam's is the blueprint-weighted
  mean of the domains (a mock draws its questions that way);
* what the mocks say: each finished mock is compared with what the model predicted for its
  questions on cards already reviewed, just before it was taken; the mean difference
  (shrunk toward 0 by one full mock's worth of prior weight) corrects the forecast, and its
  spread widens the interval;
* the interval adds the exam's own sampling noise (a binomial over its questions) to the
  model's error (`MODEL_ERROR`, calibrated by the simulated-learner benchmark, plus what the
  mocks show), and grows with the time left until the exam.

With fewer than `MIN_REVIEWED_CARDS` cards reviewed it says so instead of guessing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta

from exam_sim.models import Deck
from exam_sim.schedule.daily_plan import KEPT_RECALL, DailyPlan, daily_plan
from exam_sim.schedule.evidence import (
    NO_SIGHTINGS,
    OPTIONS,
    PRIOR_FIRST_SIGHTS,
    MemoriesBefore,
    MockEvidence,
    Sightings,
    answered_chance,
    chance_right,
    mock_correction,
    mock_evidence,
    unseen_chance,
)
from exam_sim.schedule.memory import Memory
from exam_sim.schedule.units import StudyUnits, option_counts, study_units
from exam_sim.units import by_topic, counted

Z80 = 1.2816  # the normal quantile of an 80 % two-sided interval
MIN_REVIEWED_CARDS = 20
STARTER_SPARE_DAYS = 7  # a starter plan leaves the last week for mocks and reviews
# The model's own error in the expected share of right answers (standard deviation), and
# how it grows per 30 days to the exam; calibrated with benchmarks/readiness.py.
MODEL_ERROR = 0.01
MODEL_ERROR_GROWTH = 0.005


def exam_moment(day: date) -> datetime:
    """The time an exam date stands for: noon local time that day, in UTC."""
    return datetime.combine(day, time(12)).astimezone().astimezone(UTC)


@dataclass(frozen=True)
class DomainForecast:
    topic: str | None
    name: str
    weight: float  # share of the exam (0–1)
    cards: int
    reviewed: int
    expected_percent: float
    low_percent: float
    high_percent: float
    at_risk: bool  # expected below the share a domain needs


# Why a deck with neither cards nor questions (made in code, not read) has no forecast.
NO_UNITS = "no forecast, as this deck has no cards and no questions"


def reviews_needed(cards: int) -> int:
    """Cards (a bank's questions) to have reviewed before a forecast is made (the whole
    deck, if smaller)."""
    return min(MIN_REVIEWED_CARDS, cards)


def passed_reason(exam_day: date) -> str:
    """Why an exam date gone by (set before the day came) has no forecast."""
    return f"the exam of {exam_day.isoformat()} has passed: set the date of your next exam"


# What `Forecast.as_json` leaves null on a deck scored in percent (`Forecast.graded`).
_SCALE_KEYS = ("expected_scaled", "low_scaled", "high_scaled", "pass_score", "score_min",
               "score_max")  # fmt: skip


@dataclass(frozen=True)
class Forecast:
    exam_date: str  # ISO date
    days_left: int
    passed: bool  # the exam date is a day gone by (set before it came): no forecast
    enough_history: bool
    reason: str  # why there is no forecast ("" when there is one)
    reviewed_cards: int
    total_cards: int
    mocks: int
    expected_percent: float
    low_percent: float
    high_percent: float
    expected_scaled: int
    low_scaled: int
    high_scaled: int
    pass_score: int
    score_min: int
    score_max: int
    # False on a deck that gives no blueprint: its mocks are scored as percentages, so the
    # forecast is said in percent against `aim_percent` (the share a topic needs, which the
    # pass mark of the blueprint exam-sim made up stands for), never in a made-up scale.
    graded: bool
    aim_percent: float
    pass_chance: float  # 0–1: of the pass mark, or of the aim
    domains: tuple[DomainForecast, ...]
    plan: DailyPlan
    # What the forecast follows (`schedule.units`): "card", or "question" on a question
    # bank; `reviewed_cards`, `total_cards` and each domain's `cards` count these.
    noun: str = "card"
    # The deck's cards that are no units: those no question is made of (`never_asked`).
    left_out: int = 0

    @property
    def left_out_aside(self) -> str:
        return left_out_aside(self.left_out)

    @property
    def at_risk(self) -> tuple[DomainForecast, ...]:
        return tuple(d for d in self.domains if d.at_risk)

    @property
    def by_domain(self) -> bool:
        """False when the deck gives no topics: the one "(no topic)" domain would only
        repeat the whole, so it is neither listed nor named at risk."""
        return by_topic(d.topic for d in self.domains)

    @property
    def goal(self) -> str:
        """What the forecast is measured against: "the pass mark", or "72 %"."""
        return "the pass mark" if self.graded else f"{self.aim_percent:.0f} %"

    @property
    def below_pass(self) -> bool:
        """The expected score on the exam date, as things stand, is under the pass mark."""
        return self.enough_history and self.expected_scaled < self.pass_score

    @property
    def starter(self) -> bool:
        """Too little history for a forecast, the exam ahead and cards never reviewed: a
        starter plan says how to see them all in time (a date set on the first day gets
        advice, not only "too little history")."""
        ahead = not self.passed and self.days_left > 0
        return not self.enough_history and ahead and self.reviewed_cards < self.total_cards

    @property
    def has_plan(self) -> bool:
        """Whether there is a daily plan to show: the modelled one once there is history
        enough, else a starter plan (`starter`). The one rule Home, History and `plan`
        (text and JSON) follow."""
        return self.enough_history or self.starter

    @property
    def new_per_day(self) -> int | None:
        """New cards a day the plan shown asks (the modelled one's, else the starter
        plan's); None when there is no plan. A study session offers at least this many."""
        if self.enough_history:
            return self.plan.new_per_day
        return _starter_per_day(self) if self.starter else None

    @property
    def plan_text(self) -> str:
        """The daily plan in one sentence, the same on Home, in History and in `plan`;
        "" when there is no plan (`has_plan`)."""
        if self.enough_history:
            return plan_sentence(self)
        return starter_sentence(self) if self.starter else ""

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["at_risk"] = [d.name for d in self.at_risk]
        if not self.enough_history:  # the reason says why: no plan numbers on a guess
            data["plan"] = None
        data["plan_text"] = self.plan_text or None
        if not self.graded:  # scored in percent: a scale the deck never gave means nothing
            for key in _SCALE_KEYS:
                data[key] = None
        return data


def left_out_aside(left_out: int) -> str:
    """ " (12 that cannot be asked left out)", said after a count of the study units
    (`schedule.units.never_asked`: `exam-sim check` lists those cards and says why), which
    the deck's own count ("162 cards" on Home) would otherwise contradict; "" when none
    is."""
    if not left_out:
        return ""
    return f" ({left_out:,} that cannot be asked left out)"


def _work_on(forecast: Forecast) -> str:
    """The domains to work on: those at risk (every one of three or more: "every domain",
    the weakest first), else the two weakest; a deck without topics, its weak spots."""
    if not forecast.by_domain:
        return "your weak spots"
    weakest = sorted(forecast.domains, key=lambda d: d.expected_percent)
    risky = forecast.at_risk
    if len(risky) == len(weakest) > 2:
        return f"every domain, {weakest[0].name} first"
    return ", ".join(d.name for d in (risky or weakest[:2]))


def plan_sentence(forecast: Forecast) -> str:
    """ "Daily plan: 8 new cards and about 25 reviews a day (peak 40) to pass with 80 %
    confidence". Below the pass mark it never reads as if all were fine: the plan holds only
    if every review ends right (the model keeps reviewed cards at 90 % recall), so it says
    which domains to relearn, or that even that falls short. On a deck scored as a
    percentage, "pass" is "reach 72 %" (`Forecast.goal`)."""
    plan = forecast.plan
    reach = "pass" if forecast.graded else f"reach {forecast.goal}"
    needs = "the pass mark needs" if forecast.graded else f"that reaching {forecast.goal} needs"
    if plan.days <= 0:
        return "The exam date has come: no plan left to make."
    reviews = f"about {round(plan.reviews_per_day)} reviews a day (peak {plan.peak_reviews})"
    new = counted(plan.new_per_day, f"new {forecast.noun}")
    new = new if plan.new_per_day else f"no new {forecast.noun}s"
    if not plan.reachable:
        return (
            f"Daily plan: {new}, {reviews}, but even every {forecast.noun} kept at "
            f"{100 * KEPT_RECALL:.0f} % recall falls short of the {plan.target_percent:.0f} % "
            f"correct {needs}: drill {_work_on(forecast)}, then sit more mocks"
        )
    if forecast.below_pass:
        return (
            f"Daily plan: {new}, {reviews}, but "
            f"{'passing' if forecast.graded else f'reaching {forecast.goal}'} "
            f"({100 * forecast.pass_chance:.0f} % chance as things stand) needs every "
            f"review right: drill {_work_on(forecast)}, then sit a mock"
        )
    if not plan.new_per_day:
        return (
            f"Daily plan: no new {forecast.noun}s needed; keep up with the reviews due, {reviews}"
        )
    return f"Daily plan: {new} and {reviews} to {reach} with 80 % confidence"


def starter_sentence(forecast: Forecast) -> str:
    """ "Starter plan: at least 3 new cards a day to have seen all 78 by 2027-01-08,
    leaving the last week for mocks; the forecast and a fitted plan come once 20 cards are
    reviewed". Cards spread evenly, the last week kept free when the exam is over two weeks
    away ("at least": a study session offers 10 new cards a day when the plan asks fewer).
    On a question bank, "questions" (`Forecast.noun`)."""
    noun = forecast.noun
    unseen = forecast.total_cards - forecast.reviewed_cards
    spare = _starter_spare_days(forecast)
    per_day = _starter_per_day(forecast)
    cards = f"the one {noun}" if unseen == 1 else f"all {unseen:,}"
    if forecast.reviewed_cards:
        cards += " not yet reviewed"
    if spare:
        by = date.fromisoformat(forecast.exam_date) - timedelta(days=spare)
        when = f"by {by.isoformat()}, leaving the last week for mocks"
    else:
        when = "before the exam"
    needed = reviews_needed(forecast.total_cards)
    return (
        f"Starter plan: at least {counted(per_day, f'new {noun}')} a day to have "
        f"seen {cards} {when}; the forecast and a fitted plan come once "
        f"{counted(needed, noun)} {'is' if needed == 1 else 'are'} reviewed"
    )


def _starter_spare_days(forecast: Forecast) -> int:
    """The days a starter plan keeps free at the end: the last week, when the exam is over
    two weeks away."""
    return STARTER_SPARE_DAYS if forecast.days_left > 2 * STARTER_SPARE_DAYS else 0


def _starter_per_day(forecast: Forecast) -> int:
    """New cards a day to see every card not yet reviewed before the starter plan's end."""
    unseen = forecast.total_cards - forecast.reviewed_cards
    return math.ceil(unseen / (forecast.days_left - _starter_spare_days(forecast)))


def _normal_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _weights(deck: Deck, units: StudyUnits) -> dict[str | None, float]:
    """Each domain's share of the exam: the blueprint's weights, else unit counts. Only
    domains with study units (`schedule.units`): the forecast is made from the units
    reviewed, and a domain with none (in a deck with cards, one of written items only)
    would be a guess (and had nothing to average: a crash)."""
    counts = units.counts(t.id for t in deck.topics)
    if deck.topics and any(t.weight for t in deck.topics):
        raw: dict[str | None, float] = {
            t.id: t.weight or 0.0 for t in deck.topics if counts.get(t.id)
        }
    else:
        raw = {topic: float(n) for topic, n in counts.items() if n}
    total = sum(raw.values()) or 1.0
    return {topic: w / total for topic, w in raw.items() if w > 0}


def forecast_from_history(
    deck: Deck,
    memories: Mapping[str, Memory],
    seen: Sightings,
    mocks: Sequence[tuple[datetime, Sequence[tuple[str, bool]]]],
    memories_before: MemoriesBefore,
    *,
    exam_day: date,
    now: datetime,
    with_plan: bool = True,
) -> Forecast:
    """`forecast` from what a history holds: the schedule's `memories` (every answer), the
    deck's `Sightings`, its latest finished mocks (start, and each question's card and
    whether it was right) and each card's memory before a moment. The one reading of a
    history the app and benchmarks/readiness.py share.

    A mock shows no answer until it ends: a card only mocks have met is forecast from the
    first sights, not from the memory its answers gave the schedule (FSRS would have a card
    missed once recalled half the time two weeks later, as if its answer had been shown)."""
    taught = {c: m for c, m in memories.items() if c in seen.taught_at}
    return forecast(
        deck,
        taught,
        exam_day=exam_day,
        now=now,
        evidence=(
            mock_evidence(mocks, seen.taught_at, memories_before, option_counts(deck))
            if mocks
            else []
        ),
        seen=seen,
        schedule=memories,
        with_plan=with_plan,
    )


def forecast(
    deck: Deck,
    memories: Mapping[str, Memory],
    *,
    exam_day: date,
    now: datetime,
    evidence: Sequence[MockEvidence] = (),
    seen: Sightings = NO_SIGHTINGS,
    schedule: Mapping[str, Memory] | None = None,
    with_plan: bool = True,
) -> Forecast:
    """The forecast for `deck` on `exam_day`, if the learner stopped studying now; the plan
    says what studying until then needs. `memories`: the cards taught so far; the others
    have the chance the first sights in `seen` show (`Sightings.first_sight`; a card
    answered moves from it by its own first answer, `answered_chance`). The cards
    `seen` answered, in any attempt, count as reviewed (a card met only in a mock has
    shown what the learner knew of it). `schedule`: the schedule's memories (every
    answer; None: `memories`), which the daily plan keeps up: a card missed in a mock is
    due, and its review teaches it."""
    blueprint = deck.effective_blueprint
    at = exam_moment(exam_day)
    today = now.astimezone().date()
    days_left = max(0, (exam_day - today).days)
    passed = exam_day < today
    units = study_units(deck)
    weights = _weights(deck, units)
    names: dict[str | None, str] = {t.id: t.name for t in deck.topics}
    # A written question's lucky guess is one in its own number of options (a true/false
    # one: a half); a card's question has OPTIONS.
    options = option_counts(deck)
    known = seen.known_share((lambda u: 1 / options.get(u, OPTIONS)) if options else None)
    chance = _chances(units.ids, memories, seen, known, at, options)
    first_sight = seen.first_sight
    bias, extra = mock_correction(evidence)
    error = MODEL_ERROR + MODEL_ERROR_GROWTH * days_left / 30
    model_var = error**2 + extra
    # How well the first sights know the untaught cards' chance: binomial over them.
    unseen_var = first_sight * (1 - first_sight) / (len(seen.seen) + PRIOR_FIRST_SIGHTS)
    reviewed_ids = seen.seen.union(memories)
    untaught_share = 0.0
    n = blueprint.questions
    threshold = blueprint.topic_threshold / 100
    domains: list[DomainForecast] = []
    expected = binomial = 0.0
    for topic, weight in weights.items():
        cards = units.by_topic[topic]
        p = min(1.0, max(0.0, sum(chance[c] for c in cards) / len(cards) + bias))
        expected += weight * p
        questions = max(1.0, n * weight)
        binomial += weight * weight * p * (1 - p) / questions
        untaught = sum(1 for c in cards if c not in memories) / len(cards)
        untaught_share += weight * untaught
        domain_var = model_var + untaught**2 * unseen_var
        spread = Z80 * math.sqrt(p * (1 - p) / questions + domain_var)
        domains.append(
            DomainForecast(
                topic=topic,
                name=names.get(topic) or (topic or "(no topic)"),
                weight=weight,
                cards=len(cards),
                reviewed=sum(1 for c in cards if c in reviewed_ids),
                expected_percent=100 * p,
                low_percent=100 * max(0.0, p - spread),
                high_percent=100 * min(1.0, p + spread),
                at_risk=p < threshold,
            )
        )
    sd = math.sqrt(binomial + model_var + untaught_share**2 * unseen_var)
    low, high = max(0.0, expected - Z80 * sd), min(1.0, expected + Z80 * sd)
    pass_share = (blueprint.pass_score - blueprint.score_min) / (
        blueprint.score_max - blueprint.score_min
    )
    reviewed = sum(1 for u in units.ids if u in reviewed_ids)
    total = len(units.ids)
    left_out = len(deck.cards) + len(deck.items) - total
    needed = reviews_needed(total)
    enough = reviewed >= needed and bool(total) and not passed
    if enough:
        reason = ""
    elif passed:
        reason = passed_reason(exam_day)
    elif total:
        reason = (
            f"too little history: {reviewed:,} of {counted(total, units.noun)} reviewed"
            f"{left_out_aside(left_out)}, at least {needed} needed"
        )
    else:
        reason = NO_UNITS
    return Forecast(
        exam_date=exam_day.isoformat(),
        days_left=days_left,
        passed=passed,
        enough_history=enough,
        reason=reason,
        reviewed_cards=reviewed,
        total_cards=total,
        left_out=left_out,
        mocks=len(evidence),
        expected_percent=100 * expected,
        low_percent=100 * low,
        high_percent=100 * high,
        expected_scaled=blueprint.scaled(expected),
        low_scaled=blueprint.scaled(low),
        high_scaled=blueprint.scaled(high),
        pass_score=blueprint.pass_score,
        score_min=blueprint.score_min,
        score_max=blueprint.score_max,
        graded=blueprint.graded,
        aim_percent=blueprint.topic_threshold,
        pass_chance=1 - _normal_cdf((pass_share - expected) / sd) if sd else float(
            expected >= pass_share
        ),
        domains=tuple(domains),
        plan=daily_plan(
            units, memories if schedule is None else schedule, chance, weights, now=now,
            days=days_left if with_plan else 0, target=min(1.0, pass_share + Z80 * sd), bias=bias,
            options=options,
        ),
        noun=units.noun,
    )  # fmt: skip


def _chances(
    units: Sequence[str],
    memories: Mapping[str, Memory],
    seen: Sightings,
    known: float,
    at: datetime,
    options: Mapping[str, int],
) -> dict[str, float]:
    """Each unit's chance of a right answer at `at`: from its memory once taught, else
    from what was known beforehand (`known`) and its own first answer, if any. A unit
    without memory has one of three chances for its number of options, worked out once
    (a forecast of 100,000 cards reads them 100,000 times)."""
    # By number of options: (never answered, first answer wrong, first answer right).
    untaught: dict[int, tuple[float, float, float]] = {}
    chance: dict[str, float] = {}
    for unit in units:
        count = options.get(unit, OPTIONS) if options else OPTIONS
        memory = memories.get(unit)
        if memory is not None:
            chance[unit] = chance_right(memory.recall_at(at), count)
            continue
        if count not in untaught:
            untaught[count] = (
                unseen_chance(known, count),
                answered_chance(known, False, count),
                answered_chance(known, True, count),
            )
        if unit not in seen.seen:
            chance[unit] = untaught[count][0]
        else:
            chance[unit] = untaught[count][2 if unit in seen.right_first else 1]
    return chance
