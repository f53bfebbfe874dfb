"""The readiness forecast's own rules, on decks and memories made up by hypothesis: the
interval holds the expected score, "too little history" below the threshold, the daily plan
is consistent, mocks move the forecast toward what they showed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fsrs import Rating
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.models import Blueprint, Deck, Topic, make_card
from exam_sim.schedule.forecast import (
    MIN_REVIEWED_CARDS,
    MockEvidence,
    chance_right,
    first_sight,
    forecast,
    mock_correction,
)
from exam_sim.schedule.memory import Review, replay

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def _deck(size: int) -> Deck:
    topics = (Topic(id="a", name="A", weight=0.6), Topic(id="b", name="B", weight=0.4))
    cards = tuple(
        make_card(f"term {i}", f"definition {i}", id=f"c{i}", topic="ab"[i % 2])
        for i in range(size)
    )
    return Deck(id="d", title="D", cards=cards, topics=topics, blueprint=Blueprint())


ratings = st.lists(st.sampled_from([Rating.Again, Rating.Hard, Rating.Good]), max_size=5)


@settings(max_examples=40, deadline=None)
@given(
    size=st.integers(min_value=1, max_value=60),
    histories=st.lists(ratings, max_size=60),
    days=st.integers(min_value=0, max_value=120),
)
def test_interval_holds_the_expected_score_and_history_is_required(
    size: int, histories: list[list[Rating]], days: int
) -> None:
    deck = _deck(size)
    memories = {}
    for card, history in zip(deck.cards, histories, strict=False):
        memory = replay(
            card.id, [Review(NOW - timedelta(days=30 - 5 * i), r) for i, r in enumerate(history)]
        )
        if memory is not None:
            memories[card.id] = memory
    result = forecast(deck, memories, exam_day=NOW.date() + timedelta(days=days), now=NOW)
    assert result.low_scaled <= result.expected_scaled <= result.high_scaled
    assert result.low_scaled >= 100 and result.high_scaled <= 1000
    assert 0 <= result.pass_chance <= 1
    assert result.enough_history == (len(memories) >= min(MIN_REVIEWED_CARDS, size))
    assert abs(sum(d.weight for d in result.domains) - 1) < 1e-9
    for domain in result.domains:
        assert domain.low_percent <= domain.expected_percent <= domain.high_percent
    plan = result.plan
    assert plan.days == result.days_left == days
    assert plan.cards_to_learn <= size - len(memories)
    if days and plan.cards_to_learn:
        assert plan.new_per_day * max(1, days - 1) >= plan.cards_to_learn


def test_an_unstudied_deck_forecasts_a_guess_and_says_too_little_history() -> None:
    deck = _deck(40)
    result = forecast(deck, {}, exam_day=date(2027, 1, 15), now=NOW)
    assert not result.enough_history
    assert result.reason == "too little history: 0 of 40 cards reviewed, at least 20 needed"
    assert abs(result.expected_percent - 25) < 1e-9  # a blind guess among four options
    assert result.plan.cards_to_learn > 0 and result.plan.reachable


def test_first_sights_and_mocks_move_the_forecast_toward_what_they_showed() -> None:
    knew = [(f"c{i}", Review(NOW, Rating.Good)) for i in range(30)]
    assert first_sight([]) == 0.25
    assert 0.25 < first_sight(knew) < 1
    assert first_sight([*knew, ("c0", Review(NOW, Rating.Again))]) == first_sight(knew)
    better = [MockEvidence(predicted=0.6, actual=0.8, questions=65)] * 2
    bias, extra = mock_correction(better)
    assert 0 < bias < 0.2 and extra >= 0
    assert mock_correction([]) == (0.0, 0.0)
    assert chance_right(1.0) == 1.0 and chance_right(0.0) == 0.25
