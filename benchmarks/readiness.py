"""Is the readiness forecast honest? Simulated learners with known memory study on the
schedule, sit mocks, then stop; the forecast made at that moment is compared with the
score they get on a simulated exam some days later.

    .venv/bin/python benchmarks/readiness.py [--learners 300] [--seed 1] [--cards 0 400]
        [--bank 200]

Each learner's memory is known to the simulation and NOT to the forecast:

* a learner's own FSRS parameters: the default ones with the initial stabilities scaled by
  a learner factor (log-normal, σ 0.5), the stability growth after a success (w8) and the
  forgetting curve's decay (w20) each by a factor (log-normal, σ 0.2);
* each card's own ease: its stability times a factor (log-normal, σ 0.5);
* prior knowledge: each card known before studying with a learner's probability
  (uniform 0–0.4), as two successful reviews 60 and 20 days before day 0.

The learner studies for 10–45 days: two sessions a day (skipping a day with a learner's
probability, 0–0.3) of the cards the app's schedule says are due and a learner's number of
new cards a day (3–15), and a 65-question mock about once a week. Each answer is right with
the true chance R + (1 − R)/4 and is rated as exam-sim rates it (right: Good, wrong: Again).
A mock shows no answer until it ends, so it teaches no card that study has not taught: on
such a card only a right answer of a card known from before moves the true memory (the
recall strengthens it); exam-sim's schedule takes every answer, as the app does.
At the end the forecast is made for an exam 1, 7 and 30 days later; the learner stops
studying; the exam draws 65 questions by the blueprint's weights, answered with the true
chance on that day. Reported per horizon: how often the 80 % interval held the score
(aim 75–85 %), the mean absolute error and the mean error (bias) of the expected score,
and the mean interval width; learners with "too little history" are counted apart.

A second group of learners sits one mock before studying anything (a diagnostic), then
stops: the forecast then has first sights only. Beside each row, the reference: the
forecast made as exam-sim made it until 2026-12-05, every mock answer taken as a lesson
(a card missed once in a mock was forecast at about half recall two weeks later); only
the interval's widening for the first sights' uncertainty is today's.

`--bank N` runs the same on a synthetic question bank of N written questions (no cards):
a third true/false, a third single answers of 4 options, a third multiple responses
(choose 2 of 5), in the synthetic deck's four weighted topics: what a bank studies and is
forecast on is its questions, of every kind (`schedule.units`), and each answer's lucky
guess is one in its own number of whole responses (2, 4, 10), in the simulation as in the
forecast. Its reference is the same forecast reading every question as a 4-option one (as
it did until 2026-12-06).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import partial

from _decks import synthetic_deck
from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

import exam_sim.schedule.forecast as forecast_module
from exam_sim.authored import Item, ItemOption
from exam_sim.decks import resolve_deck
from exam_sim.exam.planning import allocate
from exam_sim.models import Deck
from exam_sim.schedule.evidence import OPTIONS, chance_right, replayed_before, sightings
from exam_sim.schedule.forecast import exam_moment, forecast_from_history
from exam_sim.schedule.memory import SCHEDULER, Memory, Review
from exam_sim.schedule.study import interleave
from exam_sim.schedule.units import option_counts, study_units

DAY0 = datetime(2026, 1, 5, tzinfo=UTC)
HORIZONS = (1, 7, 30)
MOCK_QUESTIONS = 65


def _bounded(index: int, value: float) -> float:
    return min(UPPER_BOUNDS_PARAMETERS[index], max(LOWER_BOUNDS_PARAMETERS[index], value))


@dataclass
class Learner:
    rng: random.Random
    scheduler: Scheduler  # the learner's true memory dynamics
    ease: dict[str, float]  # per card: its true stability factor
    truth: dict[str, Card] = field(default_factory=dict)  # true memory per card
    model: dict[str, Card] = field(default_factory=dict)  # what exam-sim's schedule holds
    log: list[tuple[str, Review]] = field(default_factory=list)  # exam-sim's reviews
    taught: set[str] = field(default_factory=set)  # cards study has shown the answer of
    options: dict[str, int] = field(default_factory=dict)  # a written question's, if any

    def recall(self, card_id: str, when: datetime) -> float:
        card = self.truth.get(card_id)
        if card is None or card.last_review is None or card.stability is None:
            return 0.0
        days = max(0.0, (when - card.last_review).total_seconds() / 86400)
        stability = card.stability * self.ease[card_id]
        factor = self.scheduler._FACTOR
        return float((1 + factor * days / stability) ** self.scheduler._DECAY)

    def chance(self, card_id: str, when: datetime) -> float:
        """The true chance of a right answer: recalled, or a lucky guess among its options."""
        return chance_right(self.recall(card_id, when), self.options.get(card_id, OPTIONS))

    def answer(self, card_id: str, when: datetime, mock: bool = False) -> bool:
        """Answer one question on the card: right with the true chance; exam-sim's schedule
        and log take the review, and the true memory too unless a mock meets a card study
        has not taught (then only a right answer of a card known before counts)."""
        right = self.rng.random() < self.chance(card_id, when)
        rating = Rating.Good if right else Rating.Again
        teaches = not mock or card_id in self.taught
        if teaches or (right and card_id in self.truth):
            truth = self.truth.get(card_id) or Card(card_id=0, due=when)
            self.truth[card_id], _ = self.scheduler.review_card(truth, rating, when)
        if not mock:
            self.taught.add(card_id)
        model = self.model.get(card_id) or Card(card_id=0, due=when)
        self.model[card_id], _ = SCHEDULER.review_card(model, rating, when)
        self.log.append((card_id, Review(when, rating, taught=not mock)))
        return right

    def memories(self) -> dict[str, Memory]:
        return {
            cid: Memory(cid, c.state, c.step, c.stability, c.difficulty, c.due, c.last_review, 0, 0)
            for cid, c in self.model.items()
        }


def make_learner(deck: Deck, rng: random.Random) -> Learner:
    params = list(DEFAULT_PARAMETERS)
    initial = math.exp(rng.gauss(0, 0.5))
    for index in range(4):
        params[index] = _bounded(index, params[index] * initial)
    params[8] = _bounded(8, params[8] * math.exp(rng.gauss(0, 0.2)))
    params[20] = _bounded(20, params[20] * math.exp(rng.gauss(0, 0.2)))
    units = study_units(deck).ids
    learner = Learner(
        rng=rng,
        scheduler=Scheduler(parameters=params, enable_fuzzing=False),
        ease={unit: math.exp(rng.gauss(0, 0.5)) for unit in units},
        options=option_counts(deck),
    )
    known = rng.uniform(0, 0.4)
    for unit in units:
        if rng.random() < known:
            truth = Card(card_id=0, due=DAY0 - timedelta(days=60))
            for back in (60, 20):
                when = DAY0 - timedelta(days=back)
                truth, _ = learner.scheduler.review_card(truth, Rating.Good, when)
            learner.truth[unit] = truth
    return learner


def mock_questions(deck: Deck, rng: random.Random) -> list[str]:
    """Card (a bank's question) ids of a 65-question exam drawn by the blueprint's weights."""
    weights: dict[str | None, float] = {t.id: t.weight or 0.0 for t in deck.topics}
    by_topic = study_units(deck).by_topic
    chosen: list[str] = []
    for topic, count in allocate(MOCK_QUESTIONS, weights).items():
        cards = by_topic.get(topic, [])
        if count <= len(cards):
            chosen += rng.sample(cards, count)
        else:
            chosen += [rng.choice(cards) for _ in range(count)]
    return chosen


def study(deck: Deck, learner: Learner, days: int) -> list[tuple[datetime, list[tuple[str, bool]]]]:
    """`days` of study on exam-sim's schedule; returns the mocks sat (for the forecast)."""
    rng = learner.rng
    new_per_day = rng.randint(3, 15)
    skip = rng.uniform(0, 0.3)
    units = study_units(deck)
    order = interleave(units.ids, units.topics)
    introduced = 0
    mocks = []
    for day in range(days):
        if rng.random() < skip:
            continue
        for hour, new_cards in ((8, new_per_day), (20, 0)):
            now = DAY0 + timedelta(days=day, hours=hour)
            due = [cid for cid, card in learner.model.items() if card.due <= now]
            fresh = order[introduced : introduced + new_cards]
            introduced += len(fresh)
            for step, card_id in enumerate(due[:100] + fresh):
                learner.answer(card_id, now + timedelta(seconds=20 * step))
            # The learning steps (1 and 10 minutes) come back within the same sitting.
            later = now + timedelta(minutes=30)
            for card_id in [cid for cid, card in learner.model.items() if card.due <= later]:
                learner.answer(card_id, later)
        if day % 7 == 6 and rng.random() < 0.7:
            start = DAY0 + timedelta(days=day, hours=14)
            mocks.append(sit_mock(deck, learner, start))
    return mocks


def sit_mock(
    deck: Deck, learner: Learner, start: datetime
) -> tuple[datetime, list[tuple[str, bool]]]:
    outcomes = [
        (cid, learner.answer(cid, start + timedelta(minutes=2 * i), mock=True))
        for i, cid in enumerate(mock_questions(deck, learner.rng))
    ]
    return start, outcomes


@dataclass
class Outcome:
    group: str
    horizon: int
    enough: bool
    covered: bool
    error: float  # expected − actual, scaled points
    width: float
    reference_error: float  # the same, of the forecast as it was (mock answers as lessons)
    reference_covered: bool


GROUPS = ("studied 10–45 days", "one diagnostic mock, no study")


@contextlib.contextmanager
def _four_options() -> Iterator[None]:
    """The forecast as it read a bank until 2026-12-06: every question of 4 options."""
    names = vars(forecast_module)
    kept = names["option_counts"]
    names["option_counts"] = lambda deck: {}
    try:
        yield
    finally:
        names["option_counts"] = kept


def run(deck: Deck, learners: int, seed: int) -> list[Outcome]:
    outcomes = []
    blueprint = deck.effective_blueprint
    for group in GROUPS:
        for index in range(learners):
            rng = random.Random(seed * 100_003 + index + (group != GROUPS[0]) * 7_919)
            learner = make_learner(deck, rng)
            if group == GROUPS[0]:
                days = rng.randint(10, 45)
                mocks = study(deck, learner, days)
                now = DAY0 + timedelta(days=days - 1, hours=21)
            else:
                mocks = [sit_mock(deck, learner, DAY0 + timedelta(hours=9))]
                now = DAY0 + timedelta(hours=12)
            memories = learner.memories()
            as_lessons = [(cid, replace(review, taught=True)) for cid, review in learner.log]
            for horizon in HORIZONS:
                exam_day = (now + timedelta(days=horizon)).date()

                made = partial(forecast_from_history, deck, memories, exam_day=exam_day, now=now)
                result = made(sightings(learner.log), mocks, replayed_before(learner.log))
                if deck.cards:
                    reference = made(sightings(as_lessons), mocks, replayed_before(as_lessons))
                else:  # a bank's: its questions read as 4-option ones
                    with _four_options():
                        log = learner.log
                        reference = made(sightings(log), mocks, replayed_before(log))
                at = exam_moment(exam_day)
                questions = mock_questions(deck, rng)
                right = sum(rng.random() < learner.chance(cid, at) for cid in questions)
                actual = blueprint.scaled(right / len(questions))
                outcomes.append(
                    Outcome(
                        group=group,
                        horizon=horizon,
                        enough=result.enough_history,
                        covered=result.low_scaled <= actual <= result.high_scaled,
                        error=result.expected_scaled - actual,
                        width=result.high_scaled - result.low_scaled,
                        reference_error=reference.expected_scaled - actual,
                        reference_covered=reference.low_scaled <= actual <= reference.high_scaled,
                    )
                )
    return outcomes


def report(outcomes: list[Outcome], seconds: float, learners: int) -> None:
    print(f"Readiness forecast, {learners} simulated learners ({seconds:.1f} s)")
    print()
    print(
        "| learners | exam in | n | too little history | 80 % coverage | mean abs error | bias "
        "| mean width | reference: coverage, bias |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for group in GROUPS:
        for horizon in HORIZONS:
            rows = [o for o in outcomes if o.horizon == horizon and o.group == group]
            used = [o for o in rows if o.enough]
            if not used:
                continue

            def mean(values: list[float]) -> float:
                return sum(values) / len(used)  # noqa: B023

            coverage = 100 * mean([o.covered for o in used])
            reference = 100 * mean([o.reference_covered for o in used])
            print(
                f"| {group} | {horizon} day{'s' * (horizon != 1)} | {len(used)} | "
                f"{len(rows) - len(used)} | {coverage:.1f} % | "
                f"{mean([abs(o.error) for o in used]):.0f} | {mean([o.error for o in used]):+.0f}"
                f" | {mean([o.width for o in used]):.0f} | {reference:.1f} %, "
                f"{mean([o.reference_error for o in used]):+.0f} |"
            )


def synthetic_bank(size: int) -> Deck:
    """A question bank of `size` questions in the synthetic deck's topics: a third
    true/false, a third single answers of 4 options, a third multiple responses (choose 2
    of 5); the texts matter to no one here."""
    topics = synthetic_deck(4).topics
    rng = random.Random(11)
    shapes = {
        0: ("single", ("True", "False"), 1),
        1: ("single", ("True", "False", "Both", "Neither"), 1),
        2: ("multiple", ("One", "Two", "Three", "Four", "Five"), 2),
    }
    items = []
    for n in range(size):
        kind, texts, keys = shapes[n % 3]
        items.append(
            Item(
                id=f"q{n}",
                kind=kind,
                stem=f"Question {n}",
                topic=rng.choices(topics, weights=[t.weight or 0 for t in topics])[0].id,
                options=tuple(
                    ItemOption(text=text, correct=k < keys) for k, text in enumerate(texts)
                ),
            )
        )
    return Deck(id="bank", title="Synthetic question bank", items=tuple(items), topics=topics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cards", type=int, nargs="+", default=[0, 400],
        help="deck sizes: 0 is the bundled AWS deck (78 cards), else a synthetic deck",
    )  # fmt: skip
    parser.add_argument(
        "--bank", type=int, nargs="*", default=[],
        help="also a synthetic question bank of N questions of three kinds (none: skip)",
    )  # fmt: skip
    parser.add_argument("--model-error", type=float, help="try another MODEL_ERROR")
    parser.add_argument("--growth", type=float, help="try another MODEL_ERROR_GROWTH")
    args = parser.parse_args()
    os.environ["TZ"] = "UTC"  # exam dates are local days: the same everywhere here
    time.tzset()
    if args.model_error is not None:
        forecast_module.MODEL_ERROR = args.model_error
    if args.growth is not None:
        forecast_module.MODEL_ERROR_GROWTH = args.growth
    print(
        f"MODEL_ERROR {forecast_module.MODEL_ERROR}, "
        f"MODEL_ERROR_GROWTH {forecast_module.MODEL_ERROR_GROWTH} per 30 days"
    )
    decks = [resolve_deck("aws-ml-specialty") if n == 0 else synthetic_deck(n) for n in args.cards]
    for deck in [*decks, *(synthetic_bank(n) for n in args.bank)]:
        print()
        size = f"{len(deck.cards)} cards" if deck.cards else f"{len(deck.items)} questions"
        print(f"Deck: {deck.title} ({size})")
        started = time.perf_counter()
        outcomes = run(deck, args.learners, args.seed)
        report(outcomes, time.perf_counter() - started, args.learners)


if __name__ == "__main__":
    main()
