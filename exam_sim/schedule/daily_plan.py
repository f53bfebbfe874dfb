"""The daily plan of the readiness forecast: the fewest cards (a bank's questions) to
learn so the expected share reaches the target by the exam date, and the reviews a day
that keeping them up takes, from an FSRS simulation of the plan (`forecast` makes it)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs import Card, Rating

from exam_sim.schedule.evidence import chance_right
from exam_sim.schedule.memory import SCHEDULER, Memory
from exam_sim.schedule.units import StudyUnits

KEPT_RECALL = SCHEDULER.desired_retention  # a card reviewed whenever due is recalled so


@dataclass(frozen=True)
class DailyPlan:
    """What to do each day until the exam to reach the pass mark (with 80 % confidence)."""

    days: int
    new_per_day: int
    reviews_per_day: float  # mean, from an FSRS simulation of the plan
    peak_reviews: int
    cards_to_learn: int  # new cards the plan introduces
    reachable: bool  # False: even every card learned is short of the target
    target_percent: float


def daily_plan(
    units: StudyUnits,
    memories: Mapping[str, Memory],
    chance: Mapping[str, float],
    weights: Mapping[str | None, float],
    *,
    now: datetime,
    days: int,
    target: float,
    bias: float = 0.0,
    options: Mapping[str, int] | None = None,
) -> DailyPlan:
    """The fewest cards to learn (those that raise the expected share most first) so the
    expected share reaches `target`, spread over the days left; reviews from an FSRS
    simulation of that plan (every review answered right). `bias`: what the mocks say
    (`mock_correction`), as in the forecast: a learner whose mocks fall short of the model
    falls short of it by as much with every card kept at 90 % recall. `options`: a written
    question's number of options (`units.option_counts`)."""
    share = {topic: weights.get(topic, 0.0) / len(ids) for topic, ids in units.by_topic.items()}
    per_card = {unit: share[topic] for unit, topic in units.topics.items()}
    usual = chance_right(KEPT_RECALL)
    kept = {u: chance_right(KEPT_RECALL, n) for u, n in (options or {}).items()}
    # What a unit gains when kept at KEPT_RECALL (its lucky guess is its own options').
    gain = {c: kept.get(c, usual) - p for c, p in chance.items()}
    expected = bias + sum(per_card[c] * chance[c] for c in chance)
    # Reviewed cards are kept up by doing the reviews due; then new cards by gain.
    expected += sum(per_card[c] * max(0.0, gain[c]) for c in memories if c in chance)
    unseen = sorted(
        (u for u in units.ids if u not in memories), key=lambda c: -per_card[c] * gain[c]
    )
    learn = 0
    while expected < target and learn < len(unseen):
        expected += per_card[unseen[learn]] * gain[unseen[learn]]
        learn += 1
    study_days = max(1, days - 1)  # the last day is for the exam
    new_per_day = math.ceil(learn / study_days) if days and learn else 0
    reviews = simulated_reviews(memories, new_per_day, learn, now=now, days=days)
    return DailyPlan(
        days=days,
        new_per_day=new_per_day,
        reviews_per_day=sum(reviews) / len(reviews) if reviews else 0.0,
        peak_reviews=max(reviews, default=0),
        cards_to_learn=learn,
        reachable=expected >= target and days > 0,
        target_percent=100 * target,
    )


@dataclass
class _Cohort:
    """Cards in the same FSRS state, simulated as one."""

    card: Card
    size: int


def simulated_reviews(
    memories: Mapping[str, Memory], new_per_day: int, learn: int, *, now: datetime, days: int
) -> list[int]:
    """Reviews per day when every due card is reviewed (right) and `new_per_day` new cards
    are learned each day (two learning steps on their first day).

    The cards learned on one day start alike and are all answered right, so they stay
    alike: each day's new cards are simulated as one card that counts for all of them
    (the same counts as one card each; a 100,000-card deck's plan took 17 s)."""
    cohorts = [_Cohort(m.fsrs_card(), 1) for m in memories.values()]
    counts: list[int] = []
    learned = 0
    for day in range(days):
        moment = now + timedelta(days=day)
        done = 0
        fresh = min(new_per_day, learn - learned)
        learned += fresh
        if fresh > 0:
            card = Card(card_id=0, due=moment)
            card, _ = SCHEDULER.review_card(card, Rating.Good, moment)
            card, _ = SCHEDULER.review_card(card, Rating.Good, moment + timedelta(minutes=10))
            cohorts.append(_Cohort(card, fresh))
            done += 2 * fresh
        for cohort in cohorts:
            card = cohort.card
            if card.due <= moment + timedelta(hours=12):
                when = max(moment, card.last_review or moment)
                cohort.card, _ = SCHEDULER.review_card(card, Rating.Good, when)
                done += cohort.size
        counts.append(done)
    return counts
