"""`exam-sim study` and `exam-sim plan`, as a learner runs them: a study session fed on
stdin in a subprocess updates the schedule, a second run the same minute has fewer cards
due, and `plan --json` prints the forecast, each domain and the daily plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from support import lines, run_cli

from exam_sim.decks import resolve_deck
from exam_sim.exam import ExamSession, SessionRequest, plan_session, topic_names_of
from exam_sim.history import History
from exam_sim.models import AttemptMode

MOCK, DRILL = AttemptMode.MOCK, AttemptMode.DRILL

DECK = "aws-ml-specialty"


def _study(home: Path, stdin: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exam_sim", "study", DECK, "--plain", *extra],
        input=stdin, capture_output=True, text=True, timeout=60,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.usefixtures("local_noon")  # reviews minutes ahead are due today
def test_study_updates_the_schedule_and_a_second_run_has_fewer_cards(home: Path) -> None:
    # No "sure" here: a wrong answer marked sure would come back as a seventh card.
    first = _study(home, lines("a", "u", "b", "u", "a", "", "b", "g"), "--new-per-day", "6")
    assert first.returncode == 0, first.stderr
    assert "6 cards (0 due, 6 new)" in first.stdout
    # The hint a mock or drill shows (one scheme); study still takes g u s, as above.
    assert "How sure were you? 7 guess · 8 unsure · 9 sure" in first.stdout
    assert "g guess" not in first.stdout
    assert "Studied 4 cards: " in first.stdout
    assert "Stopped before 2: they wait in your queue." in first.stdout
    with History(home / "history.sqlite3") as history:
        memories = history.memories(DECK)
        assert len(memories) == 4  # the four answered cards, none of the two left
        (study,) = history.attempts()
        assert study.mode is AttemptMode.STUDY and study.finished
        # The two cards never reached are not in the attempt: not missed, not seen.
        stored = history.load_attempt(study.id)
        assert len(stored.questions) == 4 and study.question_count == 4
        marks = [a.confidence for a in stored.answers]
        assert marks == ["unsure", "unsure", None, "guess"]
        stats = history.card_stats(DECK)
        seen = {card for card, s in stats.items() if s.seen}
        assert seen == {q.card_id for q in stored.questions}
        assert not any(s.unanswered for s in stats.values())
        assert sum(t.total for t in history.topic_averages(DECK)) == 4
    second = _study(home, lines("a", "s", "a", "s"), "--new-per-day", "6")
    assert second.returncode == 0, second.stderr
    # Nothing answered a minute ago is due yet; two new cards are left for today.
    assert "2 cards (0 due, 2 new)" in second.stdout
    third = _study(home, "", "--new-per-day", "6")
    assert third.returncode == 0
    assert third.stdout.startswith("Nothing to study now:")
    assert "6 due today · next review in" in third.stdout


def test_leaving_at_once_saves_nothing(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(monkeypatch, capsys, ["study", DECK, "--plain"], "quit\n")
    assert code == 0 and "Nothing answered, nothing saved." in out
    with History(home / "history.sqlite3") as history:
        assert history.attempts() == []


def sit_mock(
    db: Path, right: int, monkeypatch: pytest.MonkeyPatch, at: str, mode: AttemptMode = MOCK
) -> None:
    """A full mock (or a 65-question drill) answered right on its first `right` questions,
    wrong after, at `at`, stored in the history file `db`."""
    deck = resolve_deck(DECK)
    with monkeypatch.context() as patch, History(db) as history:
        patch.setattr("exam_sim.exam.session.now_iso", lambda: at)
        request = SessionRequest(mode=mode, seed=3, count=65)
        setup = plan_session(request, deck, history=history)
        session = ExamSession(setup.new_attempt(), store=history, topic_names=topic_names_of(deck))
        for position, question in enumerate(session.questions):
            session.go(position)
            wrong = (question.answer + 1) % len(question.options)
            session.answer(question.answer if position < right else wrong)
        session.submit()


def plan_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *, days: int
) -> tuple[str, dict[str, Any]]:
    """`plan --json` with the exam `days` from today: (the date, the parsed output)."""
    exam_day = (date.today() + timedelta(days=days)).isoformat()
    code, out, _ = run_cli(monkeypatch, capsys, ["plan", DECK, "--exam-date", exam_day, "--json"])
    assert code == 0
    return exam_day, json.loads(out)


def test_plan_says_too_little_history_instead_of_guessing(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        monkeypatch, capsys, ["plan", DECK, "--exam-date", "2027-01-15", "--json"]
    )
    assert code == 0
    data = json.loads(out)
    assert data["enough_history"] is False
    assert data["reason"].startswith("too little history: 0 of ")
    code, out, _ = run_cli(monkeypatch, capsys, ["plan", DECK])  # the date was remembered
    assert code == 0 and "Exam 2027-01-15" in out and "too little history" in out
    assert "Daily plan:" not in out  # no plan on a guess, as Home and History


def test_plan_json_has_the_score_interval_domains_and_daily_plan(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The mock asks cards the drill taught: the forecast compares it.
    sit_mock(home / "history.sqlite3", 40, monkeypatch, "2026-11-01T10:00:00+00:00", DRILL)
    sit_mock(home / "history.sqlite3", 50, monkeypatch, "2026-11-20T10:00:00+00:00")
    exam_day, data = plan_json(monkeypatch, capsys, days=30)
    assert data["enough_history"] is True and data["mocks"] == 1
    assert data["low_scaled"] <= data["expected_scaled"] <= data["high_scaled"]
    assert data["pass_score"] == 750
    assert len(data["domains"]) == 4
    assert abs(sum(d["weight"] for d in data["domains"]) - 1) < 1e-9
    for domain in data["domains"]:
        assert domain["low_percent"] <= domain["expected_percent"] <= domain["high_percent"]
    assert data["plan"]["days"] == 30
    # 65 of 78 cards already seen, most right: doing the reviews due is enough.
    assert data["plan"]["reachable"] is True
    assert data["plan"]["new_per_day"] >= 0 and data["plan"]["reviews_per_day"] > 0
    assert set(data["at_risk"]) == {d["name"] for d in data["domains"] if d["at_risk"]}
    code, text, _ = run_cli(monkeypatch, capsys, ["plan", DECK])
    assert code == 0
    assert f"Exam {exam_day} (30 days): expected " in text
    assert "80 % interval" in text and "Daily plan:" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", DECK], "has no exam date yet; give one with --exam-date YYYY-MM-DD"),
        (
            ["plan", DECK, "--exam-date", "15/01/2027"],
            "--exam-date: '15/01/2027' is not a date written YYYY-MM-DD.",
        ),
        (
            ["plan", DECK, "--exam-date", "2020-01-01"],
            "--exam-date: 2020-01-01 has passed: give the day you sit the exam.",
        ),
        # Written YYYY-MM-DD, but no day of the calendar: which part is wrong is said.
        (
            ["plan", DECK, "--exam-date", "2099-02-30"],
            "--exam-date: '2099-02-30' is not a day: February 2099 has 28 days.",
        ),
        (
            ["plan", DECK, "--exam-date", "2096-02-30"],
            "--exam-date: '2096-02-30' is not a day: February 2096 has 29 days.",
        ),
        (
            ["plan", DECK, "--exam-date", "2099-13-01"],
            "--exam-date: '2099-13-01' has no month 13: months run from 01 to 12.",
        ),
        (["study", DECK, "--new-per-day", "-1"], "--new-per-day"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    code, out, err = run_cli(monkeypatch, capsys, argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_plan_below_the_pass_mark_says_what_passing_needs_in_text_and_json(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two mocks well under the pass mark: the reviews due are not "all it takes".
    sit_mock(home / "history.sqlite3", 35, monkeypatch, "2026-11-01T10:00:00+00:00")
    sit_mock(home / "history.sqlite3", 38, monkeypatch, "2026-11-20T10:00:00+00:00")
    exam_day = (date.today() + timedelta(days=30)).isoformat()
    code, out, _ = run_cli(monkeypatch, capsys, ["plan", DECK, "--exam-date", exam_day, "--json"])
    assert code == 0
    data = json.loads(out)
    assert data["expected_scaled"] < data["pass_score"] and data["pass_chance"] < 0.5
    sentence = data["plan_text"]
    assert "no new cards needed" not in sentence
    assert "needs every review right" in sentence or "falls short" in sentence
    # The domains to work on: each one at risk, or every one (the weakest named first).
    weakest = min(data["domains"], key=lambda d: d["expected_percent"])["name"]
    assert all(name in sentence for name in data["at_risk"]) or (
        f"every domain, {weakest} first" in sentence
    )
    code, text, _ = run_cli(monkeypatch, capsys, ["plan", DECK])
    assert code == 0 and text.rstrip("\n").endswith(sentence)  # the same sentence


def test_plan_after_one_mock_forecasts_what_the_mock_showed(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mock taught nothing (no answer shown until its end): read from a real history
    file, its 20 right of 65 forecast about that share two weeks on, not the 60 % and more
    a mock's wrong answers taken as lessons gave."""
    sit_mock(home / "history.sqlite3", 20, monkeypatch, "2026-11-01T10:00:00+00:00")
    _, data = plan_json(monkeypatch, capsys, days=14)
    assert data["enough_history"] is True and data["reviewed_cards"] == 65
    assert abs(data["expected_percent"] - 100 * (20 + 2.5) / (65 + 10)) < 1
    # The plan keeps up the schedule, which takes every answer: the 65 cards the mock met
    # are due at once (their reviews teach them), as Home's study line says.
    assert data["plan"]["peak_reviews"] >= 65
