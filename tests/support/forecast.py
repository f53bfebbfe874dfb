"""The daily plan's review simulation as it was before 2026-12-03, one FSRS card per card:
the reference that tests/test_forecast.py and benchmarks/forecast_speed.py hold the
cohort simulation (`schedule.daily_plan.simulated_reviews`) to."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from fsrs import Card, Rating

from exam_sim.schedule.memory import SCHEDULER, Memory


def reviews_card_by_card(
    memories: Mapping[str, Memory], new_per_day: int, learn: int, *, now: datetime, days: int
) -> list[int]:
    """Reviews per day, every card simulated on its own."""
    cards = [m.fsrs_card() for m in memories.values()]
    counts, learned = [], 0
    for day in range(days):
        moment = now + timedelta(days=day)
        done, fresh = 0, min(new_per_day, learn - learned)
        learned += fresh
        for _ in range(fresh):
            card, _ = SCHEDULER.review_card(Card(card_id=0, due=moment), Rating.Good, moment)
            card, _ = SCHEDULER.review_card(card, Rating.Good, moment + timedelta(minutes=10))
            cards.append(card)
            done += 2
        for index, card in enumerate(cards):
            if card.due <= moment + timedelta(hours=12):
                when = max(moment, card.last_review or moment)
                cards[index], _ = SCHEDULER.review_card(card, Rating.Good, when)
                done += 1
        counts.append(done)
    return counts
