"""How long the readiness forecast takes on a deck with many attempts (issue 12).

Home works the forecast out on the UI thread, the History screen's Trend tab in a thread
worker (which holds the history's lock while it reads); both call
`exam.coach.deck_readiness`. It compares the model with the deck's latest mocks, so it must
find them without walking every drill. This builds, in a temporary folder, three real full
mocks of the bundled AWS deck (sat through `ExamSession`, so they have reviews and card
memory) and then `--attempts` finished drills started after them (bulk SQL: attempt rows
only, which is all the search for the latest mocks reads), sets an exam date, and prints,
best of `--runs` wall-clock runs on a warm connection:

* the reference, measured in the same run: a page of the History screen's attempts list;
* the search for the deck's latest 10 mocks as it was (every finished attempt of the deck
  listed, then filtered) and as it is (`History.attempts(mode=MOCK, limit=10)`, from the
  index `attempts_by_deck_mode_start`);
* the whole forecast (`deck_readiness`).

Then, on the bulk history of benchmarks/history.py (`--review-attempts` attempts, default
1,000) with one FSRS review per answered question (benchmarks/history_reviews.py), the whole
forecast beside the reference, in the same run: the forecast read as it was until
2026-12-05, every review of the deck read into Python and each of the latest mocks' cards
replayed up to the mock (`schedule.evidence.sightings` and `replayed_before` over
`History.review_log`), one run; and whether both forecast the same score.

Then, on a synthetic deck of `--cards` cards (default 100,000) with no history and an exam
in 60 days, the whole forecast (`readiness`, the daily plan included: every card is to be
learned) beside the reference: the plan's review simulation as it was before 2026-12-03,
one FSRS card per card to learn (now one per day's cohort, the same counts: checked here).

    python benchmarks/forecast_speed.py [--attempts N] [--runs N] [--review-attempts N]
        [--cards N]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from _decks import synthetic_deck

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.forecast import reviews_card_by_card

from exam_sim.decks import resolve_deck
from exam_sim.exam import ExamSession, SessionRequest, plan_session, topic_names_of
from exam_sim.exam.coach import deck_readiness
from exam_sim.history import History
from exam_sim.models import AttemptMode, AttemptStatus, Deck

DECK = "aws-ml-specialty"


def sit_mocks(db: Path, deck: Deck) -> None:
    """Three full mocks, right on their first 38, 44 and 52 questions."""
    with History(db) as history:
        for seed, right in enumerate((38, 44, 52)):
            request = SessionRequest(mode=AttemptMode.MOCK, seed=seed)
            setup = plan_session(request, deck, history=history)
            session = ExamSession(
                setup.new_attempt(), store=history, topic_names=topic_names_of(deck)
            )
            for position, question in enumerate(session.questions):
                session.go(position)
                wrong = (question.answer + 1) % len(question.options)
                session.answer(question.answer if position < right else wrong)
            session.submit()


def add_drills(db: Path, count: int) -> None:
    """`count` finished drills started after the mocks: copies of the first attempt's row."""
    conn = sqlite3.connect(db)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(attempts)") if row[1] != "id"]
    template = conn.execute(f"SELECT {', '.join(columns)} FROM attempts WHERE id = 1").fetchone()
    rows = []
    for number in range(count):
        row = dict(zip(columns, template, strict=True))
        clock = f"{number // 3600:02d}:{number // 60 % 60:02d}:{number % 60:02d}"
        moment = f"2099-01-01T{clock}+00:00"  # after every mock, in order (under 360,000)
        row.update(mode="drill", started_at=moment, finished_at=moment)
        rows.append(tuple(row.values()))
    marks = ", ".join("?" * len(columns))
    conn.executemany(f"INSERT INTO attempts ({', '.join(columns)}) VALUES ({marks})", rows)
    conn.commit()
    conn.close()


def best_ms(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def with_reviews(attempts: int, runs: int) -> None:
    from _history_build import build
    from history_reviews import add_reviews

    from exam_sim.exam.coach import latest_mocks, readiness
    from exam_sim.schedule.evidence import replayed_before, sightings
    from exam_sim.schedule.forecast import forecast_from_history

    deck = resolve_deck(DECK)
    exam = date.today() + timedelta(days=60)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "h.sqlite3"
        build(path, attempts, deck)
        reviews, _ = add_reviews(path)
        with History(path) as history:
            now = datetime.now(UTC)
            mocks = latest_mocks(history, deck)

            def as_before() -> object:
                log = history.review_log(deck.id)
                return forecast_from_history(
                    deck, history.memories(deck.id), sightings(log), mocks,
                    replayed_before(log), exam_day=exam, now=now,
                )  # fmt: skip

            print(f"\n{attempts:,} attempts with {reviews:,} reviews of {len(deck.cards)} cards")
            start = time.perf_counter()
            before = as_before()
            old = 1000 * (time.perf_counter() - start)
            print(f"  {'reference: the forecast as before (one run)':<46} {old:8.1f} ms")
            now_ms = best_ms(lambda: readiness(history, deck, exam, now=now), runs)
            print(f"  {f'the whole forecast (readiness), best of {runs}':<46} {now_ms:8.1f} ms")
            made = readiness(history, deck, exam, now=now)
            same = made.expected_scaled == before.expected_scaled  # type: ignore[attr-defined]
            print(f"  the same expected score: {'yes' if same else 'NO'} ({made.expected_scaled})")


def large_deck(cards: int, runs: int) -> None:
    from exam_sim.exam.coach import readiness
    from exam_sim.schedule.daily_plan import simulated_reviews

    deck = synthetic_deck(cards)
    now = datetime.now(UTC)
    exam = (now + timedelta(days=60)).date()
    with tempfile.TemporaryDirectory() as folder, History(Path(folder) / "h.sqlite3") as history:
        forecast = readiness(history, deck, exam, now=now)
        plan = forecast.plan
        assert plan is not None
        args = (plan.new_per_day, plan.cards_to_learn)
        same = simulated_reviews({}, *args, now=now, days=plan.days) == reviews_card_by_card(
            {}, *args, now=now, days=plan.days
        )
        print(f"\n{cards:,} cards, no history, exam in 60 days: {plan.cards_to_learn:,} cards to "
              f"learn, {plan.new_per_day:,} a day; best of {runs}")  # fmt: skip
        figures = {
            "reference: the plan's simulation, card by card": lambda: reviews_card_by_card(
                {}, *args, now=now, days=plan.days
            ),
            "the plan's simulation, by cohort": lambda: simulated_reviews(
                {}, *args, now=now, days=plan.days
            ),
            "the whole forecast (readiness)": lambda: readiness(history, deck, exam, now=now),
        }
        for name, function in figures.items():
            print(f"  {name:<46} {best_ms(function, runs):8.1f} ms")
        print(f"  the same reviews per day: {'yes' if same else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=50_000, help="drills (default 50,000)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--review-attempts", type=int, default=1_000, help="bulk, with reviews")
    parser.add_argument("--cards", type=int, default=100_000, help="the large deck (100,000)")
    args = parser.parse_args()
    deck = resolve_deck(DECK)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "history.sqlite3"
        sit_mocks(db, deck)
        add_drills(db, args.attempts)
        with History(db) as history:
            history.set_exam_date(deck.id, (date.today() + timedelta(days=60)).isoformat())
            finished = (AttemptStatus.SUBMITTED, AttemptStatus.TIMED_OUT)
            figures = {
                "reference: a page of the attempts list (30)": lambda: history.attempts_page(
                    deck.id, limit=30
                ),
                "the latest 10 mocks, as before (list, filter)": lambda: [
                    a
                    for a in history.attempts(deck_id=deck.id, status=finished)
                    if a.mode is AttemptMode.MOCK
                ][:10],
                "the latest 10 mocks": lambda: history.attempts(
                    deck_id=deck.id, status=finished, mode=AttemptMode.MOCK, limit=10
                ),
                "the whole forecast (deck_readiness)": lambda: deck_readiness(history, deck),
            }
            print(f"{history.attempt_count(deck.id):,} attempts on {deck.id}, best of {args.runs}")
            for name, function in figures.items():
                print(f"  {name:<46} {best_ms(function, args.runs):8.2f} ms")
    with_reviews(args.review_attempts, min(args.runs, 3))
    large_deck(args.cards, min(args.runs, 3))


if __name__ == "__main__":
    main()
