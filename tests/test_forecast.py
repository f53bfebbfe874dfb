"""The readiness forecast's own rules, on decks and memories made up by hypothesis: the
interval holds the expected score, "too little history" below the threshold, the daily plan
is consistent, mocks move the forecast toward what they showed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fsrs import Rating
from hypothesis import given, settings
from hypothesis import strategies as st
from support.forecast import reviews_card_by_card

from exam_sim.models import Blueprint, Deck, Topic, make_card
from exam_sim.schedule.evidence import (
    MockEvidence,
    Sightings,
    answered_chance,
    chance_right,
    mock_correction,
    replayed_before,
    sightings,
)
from exam_sim.schedule.forecast import (
    MIN_REVIEWED_CARDS,
    forecast,
    forecast_from_history,
    plan_sentence,
)
from exam_sim.schedule.memory import Memory, Review, replay

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
    if result.below_pass and days:  # never "no new cards needed" as if all were fine
        assert "no new cards needed" not in result.plan_text
        assert "needs every review right" in result.plan_text or "falls short" in result.plan_text


def test_an_unstudied_deck_forecasts_a_guess_and_says_too_little_history() -> None:
    deck = _deck(40)
    result = forecast(deck, {}, exam_day=date(2027, 1, 15), now=NOW)
    assert not result.enough_history
    assert result.reason == "too little history: 0 of 40 cards reviewed, at least 20 needed"
    assert abs(result.expected_percent - 25) < 1e-9  # a blind guess among four options
    assert result.plan.cards_to_learn > 0 and result.plan.reachable


def test_too_little_history_gets_a_starter_plan_to_see_every_card_in_time() -> None:
    """A date set on the first day gets advice: the unseen cards spread over the days
    left, the last week kept for mocks when the exam is over two weeks away; no fitted
    numbers (the JSON's `plan` stays None)."""
    deck = _deck(40)
    far = forecast(deck, {}, exam_day=date(2027, 1, 15), now=NOW)  # 45 days: 38 to learn in
    assert far.starter and far.has_plan
    assert far.plan_text == (
        "Starter plan: at least 2 new cards a day to have seen all 40 by 2027-01-08, leaving "
        "the last week for mocks; the forecast and a fitted plan come once 20 cards are "
        "reviewed"
    )
    assert far.as_json()["plan"] is None and far.as_json()["plan_text"] == far.plan_text
    assert far.new_per_day == 2  # what a study session offers at least (`NewCards`)
    near = forecast(deck, {}, exam_day=date(2026, 12, 11), now=NOW)  # 10 days: all of them
    assert near.plan_text.startswith(
        "Starter plan: at least 4 new cards a day to have seen all 40 before the exam;"
    )
    # Once there is history enough, the fitted plan instead; a date gone by, none.
    good = [Review(NOW - timedelta(days=10), Rating.Good)]
    memories = {
        card.id: memory
        for card in deck.cards[:MIN_REVIEWED_CARDS]
        if (memory := replay(card.id, good)) is not None
    }
    fitted = forecast(deck, memories, exam_day=date(2027, 1, 15), now=NOW)
    assert not fitted.starter and fitted.plan_text.startswith("Daily plan:")
    assert fitted.new_per_day == fitted.plan.new_per_day
    assert f"{fitted.plan.new_per_day} new card" in fitted.plan_text
    gone = forecast(deck, {}, exam_day=date(2026, 11, 30), now=NOW)
    assert not gone.starter and not gone.has_plan and gone.plan_text == ""
    assert gone.new_per_day is None


def test_first_sights_and_mocks_move_the_forecast_toward_what_they_showed() -> None:
    knew = [(f"c{i}", Review(NOW, Rating.Good)) for i in range(30)]
    assert sightings([]).first_sight == 0.25
    assert 0.25 < sightings(knew).first_sight < 1
    again = ("c0", Review(NOW, Rating.Again))
    assert sightings([*knew, again]).first_sight == sightings(knew).first_sight
    better = [MockEvidence(predicted=0.6, actual=0.8, questions=65)] * 2
    bias, extra = mock_correction(better)
    assert 0 < bias < 0.2 and extra >= 0
    assert mock_correction([]) == (0.0, 0.0)
    assert chance_right(1.0) == 1.0 and chance_right(0.0) == 0.25


def _all_missed(deck: Deck) -> dict[str, Memory]:
    """Every card reviewed twice, both wrong: known to the schedule, not to the learner."""
    reviews = [Review(NOW - timedelta(days=20), Rating.Again), Review(NOW, Rating.Again)]
    return {c.id: m for c in deck.cards if (m := replay(c.id, reviews)) is not None}


def test_below_the_pass_mark_the_plan_says_what_passing_needs() -> None:
    deck = _deck(40)
    result = forecast(deck, _all_missed(deck), exam_day=date(2027, 1, 15), now=NOW)
    assert result.enough_history and result.below_pass and result.pass_chance < 0.2
    # Every card is reviewed: no new cards to learn, and keeping every card at 90 % recall
    # would pass, but only if the reviews due are answered right; the sentence says so.
    assert result.plan.reachable and result.plan.new_per_day == 0
    text = plan_sentence(result)
    assert text == result.plan_text == result.as_json()["plan_text"]
    assert text.startswith("Daily plan: no new cards, about ")
    chance = f"{100 * result.pass_chance:.0f} %"
    assert f"but passing ({chance} chance as things stand) needs every review right" in text
    assert text.endswith("drill A, B, then sit a mock")  # both domains at risk


def test_when_mocks_fall_short_of_the_model_even_every_card_kept_falls_short() -> None:
    deck = _deck(40)
    memories = _all_missed(deck)
    # Mocks well below what the model predicted: the plan counts that too, as the forecast.
    worse = [MockEvidence(predicted=0.7, actual=0.3, questions=65)] * 3
    result = forecast(deck, memories, exam_day=date(2027, 1, 15), now=NOW, evidence=worse)
    assert result.below_pass and not result.plan.reachable
    assert "but even every card kept at 90 % recall falls short of the " in result.plan_text
    assert "% correct the pass mark needs: drill A, B, then sit more mocks" in result.plan_text
    kept = forecast(deck, memories, exam_day=date(2027, 1, 15), now=NOW)
    assert kept.plan.reachable  # the same cards without those mocks: reachable


def test_at_or_above_the_pass_mark_the_plan_stays_short() -> None:
    deck = _deck(40)
    reviews = [Review(NOW - timedelta(days=20), Rating.Good), Review(NOW, Rating.Good)]
    memories = {c.id: m for c in deck.cards if (m := replay(c.id, reviews)) is not None}
    result = forecast(deck, memories, exam_day=date(2026, 12, 20), now=NOW)
    assert not result.below_pass and result.plan.reachable
    assert result.plan_text.startswith("Daily plan: no new cards needed; keep up with the ")


@settings(max_examples=30, deadline=None)
@given(
    histories=st.lists(ratings, max_size=8),
    new_per_day=st.integers(min_value=0, max_value=7),
    learn=st.integers(min_value=0, max_value=60),
    days=st.integers(min_value=0, max_value=40),
)
def test_the_plan_simulates_each_days_new_cards_as_one_and_counts_the_same(
    histories: list[list[Rating]], new_per_day: int, learn: int, days: int
) -> None:
    """New cards learned on one day stay alike (all answered right), so the simulation
    keeps one card per day with its count: the same reviews per day as one card each."""
    from exam_sim.schedule.daily_plan import simulated_reviews

    memories: dict[str, Memory] = {}
    for n, history in enumerate(histories):
        reviews = [Review(NOW - timedelta(days=30 - 3 * i), r) for i, r in enumerate(history)]
        memory = replay(f"c{n}", reviews)
        if memory is not None:
            memories[f"c{n}"] = memory
    expected = reviews_card_by_card(memories, new_per_day, learn, now=NOW, days=days)
    assert simulated_reviews(memories, new_per_day, learn, now=NOW, days=days) == expected


def _log_of(outcomes: list[tuple[str, list[tuple[int, bool, bool]]]]) -> list[tuple[str, Review]]:
    """A review log from each card's (day, right, taught) answers, oldest first."""
    log = [
        (card_id, Review(NOW - timedelta(days=60 - day), Rating.Good if right else Rating.Again,
                         taught))
        for card_id, answers in outcomes
        for day, right, taught in answers
    ]  # fmt: skip
    return sorted(log, key=lambda entry: entry[1].reviewed_at)


answers = st.lists(
    st.tuples(st.integers(0, 59), st.booleans(), st.booleans()), min_size=1, max_size=5
).map(sorted)


@settings(max_examples=60, deadline=None)
@given(st.lists(answers, min_size=1, max_size=8))
def test_the_forecast_remembers_only_cards_something_taught(
    histories: list[list[tuple[int, bool, bool]]],
) -> None:
    """A mock shows no answer: a card met only in mocks is forecast from the first sights
    (as a card never answered), any other from the schedule's memory of it; every card
    answered counts as reviewed, and the first sights are each card's first answer."""
    deck = _deck(8)
    log = _log_of([(f"c{n}", history) for n, history in enumerate(histories)])
    seen = sightings(log)
    schedule = {
        f"c{n}": memory
        for n in range(len(histories))
        if (memory := replay(f"c{n}", [r for c, r in log if c == f"c{n}"])) is not None
    }
    day = NOW.date() + timedelta(days=10)
    made = forecast_from_history(
        deck, schedule, seen, [], replayed_before(log), exam_day=day, now=NOW
    )
    taught = {f"c{n}" for n, history in enumerate(histories) if any(t for _, _, t in history)}
    assert set(seen.taught_at) == taught
    alone = forecast(
        deck, {c: schedule[c] for c in taught}, exam_day=day, now=NOW, seen=seen,
        schedule=schedule,
    )  # fmt: skip
    assert made == alone
    assert made.reviewed_cards == len(histories)
    firsts = [history[0][1] for history in histories]
    assert len(seen.right_first) == sum(firsts)


def test_a_mock_alone_forecasts_what_it_showed_not_a_lesson_learned() -> None:
    """One mock on a fresh deck, 12 of 40 right, then nothing: the forecast two weeks on is
    about the mock's share, shrunk toward a guess, never the half recall FSRS gives a card
    missed once (as if its answer had been shown); 40 cards answered count as reviewed."""
    deck = _deck(40)
    moment = NOW - timedelta(hours=2)
    outcomes = [(card.id, n < 12) for n, card in enumerate(deck.cards)]
    log = [
        (card_id, Review(moment, Rating.Good if right else Rating.Again, taught=False))
        for card_id, right in outcomes
    ]
    schedule = {c: m for c, r in log if (m := replay(c, [r])) is not None}
    day = NOW.date() + timedelta(days=14)
    mocks = [(moment, outcomes)]
    result = forecast_from_history(
        deck, schedule, sightings(log), mocks, replayed_before(log), exam_day=day, now=NOW
    )
    assert result.enough_history and result.reviewed_cards == 40 and result.mocks == 0
    # About the first sights' rate, shrunk toward a guess (each card's own first answer
    # moves its chance; they average to the rate at the observed share, 12 of 40).
    assert abs(result.expected_percent - 100 * (12 + 2.5) / 50) < 0.5
    # The same answers taken as lessons (a drill's) forecast far more than the mock showed.
    lessons = [(c, Review(r.reviewed_at, r.rating)) for c, r in log]
    taught = forecast_from_history(
        deck, schedule, sightings(lessons), [], replayed_before(lessons), exam_day=day, now=NOW
    )
    assert taught.expected_percent > result.expected_percent + 25

    # How well 40 first sights know the chance widens the interval beyond the model's own
    # (first sights of other decks' cards here: 29 % right of 40, and of 4,000).
    def first_sights(count: int, right: int) -> Sightings:
        cards = [f"other {n}" for n in range(count)]
        return Sightings(frozenset(cards), frozenset(cards[:right]), {})

    few, many = first_sights(40, 12), first_sights(4000, 1160)
    assert round(few.first_sight, 2) == round(many.first_sight, 2) == 0.29
    lucky = forecast(deck, {}, exam_day=day, now=NOW, seen=few)
    sure = forecast(deck, {}, exam_day=day, now=NOW, seen=many)
    assert lucky.high_percent - lucky.low_percent > sure.high_percent - sure.low_percent


def _first_answer(first_sight: float, right: bool) -> float:
    """`answered_chance` of a 4-option card, from the first sights' rate of right answers
    (the share known is what that rate shows beyond a quarter's guesses)."""
    return answered_chance((first_sight - 0.25) / 0.75, right)


@given(st.floats(min_value=0.0, max_value=1.0))
def test_a_cards_own_first_answer_moves_its_chance_and_the_mean_stays(first_sight: float) -> None:
    """Right first, the card was known or lucky; wrong first, not known: a guess. Over
    cards answered right at the rate the first sights say, the mean is that rate again."""
    right, wrong = _first_answer(first_sight, True), _first_answer(first_sight, False)
    assert 0 <= wrong <= right <= 1
    mean = first_sight * right + (1 - first_sight) * wrong
    assert mean == pytest.approx(first_sight)
    if first_sight > 0.25:
        assert wrong == 0.25 < first_sight <= right


def test_the_domain_whose_first_answers_went_worst_is_the_one_to_work_on_first() -> None:
    """One mock on a fresh deck, topic a's cards mostly right, topic b's mostly wrong: b is
    forecast lower (all cards at one first-sight rate, the plan named a, listed first)."""
    deck = _deck(40)
    moment = NOW - timedelta(hours=2)
    outcomes = [(card.id, (card.topic == "a") == (n % 5 != 0)) for n, card in enumerate(deck.cards)]
    log = [
        (card_id, Review(moment, Rating.Good if right else Rating.Again, taught=False))
        for card_id, right in outcomes
    ]
    schedule = {c: m for c, r in log if (m := replay(c, [r])) is not None}
    result = forecast_from_history(
        deck, schedule, sightings(log), [(moment, outcomes)], replayed_before(log),
        exam_day=NOW.date() + timedelta(days=14), now=NOW,
    )  # fmt: skip
    by_topic = {d.topic: d.expected_percent for d in result.domains}
    assert by_topic["b"] < by_topic["a"]
    assert "drill every domain" not in result.plan_text or "B first" in result.plan_text


def _true_false_bank(size: int, options: int = 2) -> Deck:
    from exam_sim.authored import Item, ItemOption

    wrong = ("False", "Neither", "Both")[: options - 1]
    items = tuple(
        Item(id=f"q{n}", kind="single", stem=f"Statement number {n} holds.",
             options=(ItemOption(text="True", correct=True),
                      *(ItemOption(text=text) for text in wrong)))
        for n in range(size)
    )  # fmt: skip
    return Deck(id="tf", title="True or false", items=items)


def test_a_true_false_banks_lucky_guess_is_a_half() -> None:
    """A bank of true/false questions answered half right on sight shows nothing known: it
    is forecast at a coin's 50 %, not at the 46 % that reading them as 4-option cards gave
    (below a blind guess on every question)."""
    bank = _true_false_bank(30)
    ids = [item.id for item in bank.items]
    half = Sightings(frozenset(ids), frozenset(ids[::2]), {})
    assert half.known_share(lambda _: 0.5) == 0
    result = forecast(bank, {}, exam_day=date(2027, 1, 15), now=NOW, seen=half)
    assert result.enough_history and result.noun == "question"
    assert result.expected_percent == pytest.approx(50.0)
    # The same first sights on 4-option questions: some were known (a quarter is a guess),
    # the right ones likelier known than the wrong ones (a guess), as cards are read.
    four = _true_false_bank(30, options=4)
    as_four = forecast(four, {}, exam_day=date(2027, 1, 15), now=NOW, seen=half)
    right, wrong = _first_answer(half.first_sight, True), 0.25
    assert (
        as_four.expected_percent
        == pytest.approx(50 * (right + wrong))
        == pytest.approx(46.43, abs=0.01)
    )


def test_a_mock_predicts_a_written_questions_lucky_guess_from_its_options() -> None:
    """The model's prediction of a mock question on a 2-option written question that is
    forgotten is a half, not a quarter."""
    from exam_sim.schedule.evidence import mock_evidence

    started = NOW
    memory = replay("q", [Review(NOW - timedelta(days=400), Rating.Again)])
    assert memory is not None and memory.recall_at(started) < 0.5

    def before(card_ids: object, moment: datetime) -> dict[str, Memory]:
        return {"q": memory}

    taught = {"q": NOW - timedelta(days=400)}
    mocks = [(started, [("q", True)])]
    as_card = mock_evidence(mocks, taught, before)[0].predicted
    as_written = mock_evidence(mocks, taught, before, {"q": 2})[0].predicted
    recall = memory.recall_at(started)
    assert as_card == pytest.approx(chance_right(recall, 4))
    assert as_written == pytest.approx(chance_right(recall, 2)) and as_written > as_card


def test_a_written_questions_lucky_guess_is_one_whole_response_among_all() -> None:
    """Every kind is scored all or nothing, so a blind guess is right once in as many
    whole responses as it has: 4 options; 2 of 5 (10 ways); 4 steps (24 orders); 3 prompts
    each taking one of 4 responses (64)."""
    from pathlib import Path

    from exam_sim.decks import load_deck
    from exam_sim.schedule.units import option_counts

    deck = load_deck(Path(__file__).parent / "data" / "authored.toml")
    assert option_counts(deck) == {
        "feature-store-online": 4, "monitoring-two": 10, "monitor-setup-order": 24,
        "service-match": 64,
    }  # fmt: skip
