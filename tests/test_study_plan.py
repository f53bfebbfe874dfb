"""A study session follows the daily plan: with an exam date whose plan asks more new
cards a day than the default 10, Study offers the plan's number, and says so ("16 new
cards today (daily plan)") on Home, after a session and in `study --plain`; an explicit
`--new-per-day` still rules. One rule for both front ends (`exam.coach.new_cards_a_day`),
on a real history."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from support import run_cli
from textual.widgets import Static

from exam_sim.decks import resolve_deck
from exam_sim.exam import SessionRequest, study_cards
from exam_sim.exam.coach import new_cards_a_day, readiness, study_summary
from exam_sim.history import History
from exam_sim.models import AttemptMode
from exam_sim.present.study import due_line
from exam_sim.schedule.study import DEFAULT_NEW_PER_DAY, NewCards
from exam_sim.tui.app import create_app

DECK = "aws-ml-specialty"
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
SOON = date(2026, 11, 29)  # 5 days: every card to see, no week kept for mocks
FAR = date(2027, 6, 1)  # the starter plan asks fewer than the default


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("exam_sim.exam.coach.utc_now", lambda: NOW)


def _history_with_exam(db: Path, day: date | None) -> None:
    with History(db) as history:
        history.set_exam_date(DECK, None if day is None else day.isoformat())


def test_the_plan_sets_the_limit_when_it_asks_more_than_the_default(tmp_path: Path) -> None:
    deck = resolve_deck(DECK)
    db = tmp_path / "history.sqlite3"
    _history_with_exam(db, SOON)
    with History(db) as history:
        planned = readiness(history, deck, SOON, now=NOW).new_per_day
        assert planned is not None and planned > DEFAULT_NEW_PER_DAY
        assert planned == -(-len(deck.cards) // 5)  # every card seen in the 5 days left
        assert new_cards_a_day(history, deck, now=NOW) == NewCards(planned, planned=True)
        summary = study_summary(history, deck, now=NOW)
        assert summary.new_today == planned and summary.planned
        assert f"{planned} new cards today (daily plan)" in due_line(summary, NOW)
        request = SessionRequest(mode=AttemptMode.STUDY, count=len(deck.cards))
        assert len(study_cards(request, deck, history, now=NOW).new) == planned
        # An explicit limit rules, as `--new-per-day` gives it.
        explicit = SessionRequest(
            mode=AttemptMode.STUDY, count=len(deck.cards), new_cards=NewCards(4)
        )
        assert len(study_cards(explicit, deck, history, now=NOW).new) == 4
        # A plan asking fewer leaves the default: more is never in the way of the plan.
        history.set_exam_date(DECK, FAR.isoformat())
        far = readiness(history, deck, FAR, now=NOW).new_per_day
        assert far is not None and far < DEFAULT_NEW_PER_DAY
        assert new_cards_a_day(history, deck, now=NOW) == NewCards()
        assert len(study_cards(request, deck, history, now=NOW).new) == DEFAULT_NEW_PER_DAY
        # No exam date, no plan: the default.
        history.set_exam_date(DECK, None)
        assert "daily plan" not in due_line(study_summary(history, deck, now=NOW), NOW)


def test_plain_study_offers_the_plans_new_cards_and_an_explicit_limit_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "history.sqlite3"
    _history_with_exam(db, SOON)
    with History(db) as history:
        planned = readiness(history, resolve_deck(DECK), SOON, now=NOW).new_per_day
    code, out, _ = run_cli(
        monkeypatch, capsys, ["--db", str(db), "study", DECK, "--plain"], "quit\n"
    )
    assert code == 0
    assert f"{planned} cards (0 due, {planned} new)" in out
    assert f"{planned} new cards today (daily plan)" in out
    code, out, _ = run_cli(
        monkeypatch, capsys,
        ["--db", str(db), "study", DECK, "--plain", "--new-per-day", "3"], "quit\n",
    )  # fmt: skip
    assert code == 0 and "3 cards (0 due, 3 new)" in out
    assert "3 new cards today" in out and "daily plan" not in out


async def test_home_says_the_plan_sets_todays_new_cards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "history.sqlite3"
    _history_with_exam(db, SOON)
    with History(db) as history:
        planned = readiness(history, resolve_deck(DECK), SOON, now=NOW).new_per_day
    app = create_app(db=db, seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        coach = " ".join(str(app.screen.query_one("#coach", Static).content).split())
        assert f"{planned} new cards today (daily plan)" in coach
        assert f"at least {planned} new cards a day" in coach  # the plan it follows

        def worked_out_again(*args: object, **kwargs: object) -> NewCards:
            raise AssertionError("Study worked out the plan Home had already")

        # Home's forecast gave today's new cards: Study and its end line reuse them (on a
        # large deck, working the plan out again took seconds on the UI thread).
        monkeypatch.setattr("exam_sim.exam.coach.new_cards_a_day", worked_out_again)
        monkeypatch.setattr("exam_sim.exam.coach.deck_readiness", worked_out_again)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "StudyScreen"
        assert len(screen.session.questions) == planned  # type: ignore[attr-defined]
        await pilot.press("escape")  # stop at once: the end line says today's limit
        await pilot.pause()
