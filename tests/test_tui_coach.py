"""The coach in the TUI: Study from Home (answer, feedback, confidence keys, stop), the exam
date dialog, and the forecast on Home; Pilot flows on a real history, and snapshots at
100×30 and 80×24."""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from support.tui import open_study, shown_text
from textual.pilot import Pilot
from textual.widgets import Static

from exam_sim.decks import resolve_deck
from exam_sim.exam import (
    ExamSession,
    ResumeRequest,
    SessionRequest,
    SessionSetup,
    plan_session,
    topic_names_of,
)
from exam_sim.exam.coach import readiness
from exam_sim.history import History
from exam_sim.models import AttemptMode, AttemptStatus, Confidence
from exam_sim.present import prompt
from exam_sim.present.study import plan_line
from exam_sim.tui.app import ExamSimApp, create_app
from exam_sim.tui.screens.study import Marked, StudyScreen

DECK = "aws-ml-specialty"
SIZES = [(100, 30), (80, 24)]
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # the time now_iso gives attempts


class FixedClock:
    def __call__(self) -> float:
        return 1000.0


@pytest.fixture(autouse=True)
def _fixed_world(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr("exam_sim.exam.session.now_iso", lambda: "2026-11-24T09:30:00+00:00")
    monkeypatch.setattr("exam_sim.exam.coach.utc_now", lambda: NOW)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _letter(app: ExamSimApp, right: bool) -> str:
    screen = app.screen
    assert isinstance(screen, StudyScreen)
    question = screen.session.question
    return "abcdef"[question.answer if right else (question.answer + 1) % len(question.options)]


@functools.cache
def _planned_mock(seed: int) -> SessionSetup:
    """A mock's plan is pure (deck and seed): planned once per test process, since the
    chart histories sit the same mocks in many tests (each sitting is its own attempt)."""
    return plan_session(SessionRequest(mode=AttemptMode.MOCK, seed=seed), resolve_deck(DECK))


def _sit_mock(db: Path, right: int, *, at: str | None = None, marks: bool = False) -> None:
    """A finished full mock, right on its first `right` questions (finished `at`; with
    `marks`, every answer marked sure, unsure, guess in turn)."""
    setup = _planned_mock(seed=3 + right)
    levels = (Confidence.SURE, Confidence.UNSURE, Confidence.GUESS)
    with contextlib.ExitStack() as stack, History(db) as history:
        if at is not None:
            stack.enter_context(patch("exam_sim.exam.session.now_iso", lambda: at))
        names = topic_names_of(setup.deck)
        session = ExamSession(setup.new_attempt(), store=history, topic_names=names)
        for position, question in enumerate(session.questions):
            session.go(position)
            wrong = (question.answer + 1) % len(question.options)
            session.answer(question.answer if position < right else wrong)
            if marks:
                session.mark_confidence(levels[position % 3])
        session.submit()


def _coach_text(app: ExamSimApp) -> str:
    return str(app.screen.query_one("#coach", Static).content)


async def test_study_from_home_marks_confidence_and_schedules_on_stop(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    app = create_app(db=db, seed=3, clock=FixedClock())
    marked: list[Marked] = []

    def hook(message: object) -> None:
        # A message is seen once per node it bubbles through: count each one once.
        if isinstance(message, Marked) and not any(m is message for m in marked):
            marked.append(message)

    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await app.wait_until_open()
        assert "0 due today · 10 new cards today" in _coach_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        # What the options are is said above the stem, as in an exam.
        asks = app.screen.query_one("#study-prompt", Static)
        assert str(asks.render()) == prompt(app.screen.session.question) != ""
        await pilot.press("g")  # before answering, a confidence key does nothing
        assert marked == []
        await pilot.press(_letter(app, right=False))
        await pilot.press("s")  # sure, and wrong: a confident error
        await pilot.press("enter")
        await pilot.press(_letter(app, right=True), "u", "enter")
        await pilot.press(_letter(app, right=True))  # answered, not marked
        await pilot.press("escape")
        await pilot.pause()
        # Eleven questions with the confident error asked again; the seven cards not
        # reached are not part of the attempt (the one asked again was studied).
        assert "Studied 3 cards: 2 right. Stopped before 7: they wait in your queue." in str(
            app.screen.query_one("#study-stem", Static).render()
        )
        assert not app.screen.query_one("#study-prompt", Static).display
        await pilot.press("enter")
        await pilot.pause()
        assert "3 due today · next review in" in _coach_text(app)
        assert "7 new cards today" in _coach_text(app)
    assert [(m.position, m.confidence) for m in marked] == [
        (0, Confidence.SURE),
        (1, Confidence.UNSURE),
    ]
    with History(db) as history:
        (attempt,) = history.attempts()
        assert attempt.mode is AttemptMode.STUDY and attempt.status is AttemptStatus.SUBMITTED
        answers = history.load_attempt(attempt.id).answers
        assert [a.confidence for a in answers] == ["sure", "unsure", None]
        assert history.load_report(attempt.id).total == 3  # type: ignore[union-attr]
        assert len(history.review_log(DECK)) == 3


async def test_study_stopped_at_once_leaves_no_attempt(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    app = create_app(db=db, seed=3, clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    with History(db) as history:
        assert history.attempts() == []


async def test_exam_date_dialog_sets_the_date_and_home_shows_the_forecast(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    _sit_mock(db, right=40)
    app = create_app(db=db, seed=3, clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        assert "No exam date: E sets one" in _coach_text(app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"15/01/2027", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExamDateScreen"
        problem = str(app.screen.query_one("#exam-date-problem", Static).render())
        assert "is not a date written YYYY-MM-DD" in problem
        for _ in range(10):
            await pilot.press("backspace")
        await pilot.press(*"2020-01-01", "enter")  # a day gone by: no forecast to make
        await pilot.pause()
        problem = str(app.screen.query_one("#exam-date-problem", Static).render())
        assert problem == "2020-01-01 has passed: give the day you sit the exam."
        for _ in range(10):
            await pilot.press("backspace")
        await pilot.press(*"2027-01-15", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        text = _coach_text(app)
        assert "Exam 2027-01-15 (52 days): expected " in text
        assert "(likely " in text and "pass 750" in text
        home_text = " ".join(text.split())
    with History(db) as history:
        assert history.exam_date(DECK) == "2027-01-15"
        forecast = readiness(history, resolve_deck(DECK), date(2027, 1, 15))
    # Home says the daily plan in the core's sentence, the one History and `plan` print;
    # 40 of 65 right is below the pass mark, so it says what passing needs.
    assert forecast.below_pass and "no new cards needed" not in forecast.plan_text
    assert plan_line(forecast) == forecast.plan_text
    assert " ".join(forecast.plan_text.split()) in home_text


async def test_charts_from_home_switch_tabs_and_say_when_there_is_no_data(
    tmp_path: Path,
) -> None:
    from textual.widgets import TabbedContent
    from textual_plotext import PlotextPlot

    app = create_app(db=tmp_path / "history.sqlite3", seed=3, clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChartsScreen"
        notes = {
            name: str(app.screen.query_one(f"#{name}-note", Static).render())
            for name in ("scores", "domains", "calibration", "forecast")
        }
        assert notes["scores"].startswith("No full mock yet")
        assert notes["calibration"].startswith("No confidence marked yet")
        assert notes["forecast"] == ("No forecast: no exam date. Set the exam date with E on Home.")
        assert not app.screen.query_one("#scores-plot", PlotextPlot).display
        for key, tab in (("2", "domains"), ("3", "calibration"), ("4", "forecast")):
            await pilot.press(key)
            assert app.screen.query_one(TabbedContent).active == tab
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


def test_history_charts_json_has_the_data_of_each_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from support import run_cli

    db = tmp_path / "history.sqlite3"
    _with_charts(db)
    _sit_mock(db, 3, at="2026-11-22T10:00:00+00:00")  # a full mock: a point of its own
    code, out, _ = run_cli(
        monkeypatch, capsys, ["--db", str(db), "history", "charts", "--deck", DECK, "--json"]
    )
    assert code == 0
    data = json.loads(out)
    assert [p["scaled"] for p in data["scores"]] == [
        100 + 900 * right // 65 for right in (38, 44, 52, 3)
    ]
    assert data["pass_score"] == 750
    assert len(data["domains"]) == 4 * 4  # four domains in each of four mocks
    levels = {p["level"]: p["answered"] for p in data["calibration"]}
    assert set(levels) == {"guess", "unsure", "sure"} and sum(levels.values()) == 3 * 65
    assert data["exam_date"] == "2027-01-15"
    first, last = data["forecast"][0], data["forecast"][-1]
    assert first["day"] == "2026-11-24" and last["day"] == "2027-01-15"
    assert all(p["low"] <= p["expected"] <= p["high"] for p in data["forecast"])


async def _study_feedback(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.press(_letter(pilot.app, right=False))  # type: ignore[arg-type]
    await pilot.press("s")
    await pilot.pause()


async def _study_how_sure(pilot: Pilot[Any]) -> None:
    """Answered, not yet marked: the prompt and key bar show 7 8 9, as a mock or drill."""
    await pilot.pause()
    await pilot.press(_letter(pilot.app, right=True))  # type: ignore[arg-type]
    await pilot.pause()


async def _study_over(pilot: Pilot[Any]) -> None:
    """Wrong and sure, right, wrong, then stop: the end shows the score by topic, how
    sure, and the cards missed, each with the card chosen for it."""
    await pilot.pause()
    for right in (False, True, False):
        await pilot.press(_letter(pilot.app, right=right))  # type: ignore[arg-type]
        if not right:
            await pilot.press("9")
        await pilot.press("enter")
    await pilot.press("escape")
    await pilot.pause()


async def _study_over_right(pilot: Pilot[Any]) -> None:
    """Right and sure, then right, then stop: no card missed; at 80 columns the topic line
    wraps, "1 of 1" kept whole."""
    await pilot.pause()
    await pilot.press(_letter(pilot.app, right=True), "9", "enter")  # type: ignore[arg-type]
    await pilot.press(_letter(pilot.app, right=True))  # type: ignore[arg-type]
    await pilot.press("escape")
    await pilot.pause()


async def _exam_date(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()


def _with_forecast(db: Path) -> None:
    _sit_mock(db, right=45)
    with History(db) as history:
        history.set_exam_date(DECK, "2027-01-15")


def _with_charts(db: Path) -> None:
    for day, right in (("10", 38), ("16", 44), ("21", 52)):
        _sit_mock(db, right, at=f"2026-11-{day}T10:00:00+00:00", marks=True)
    with History(db) as history:
        history.set_exam_date(DECK, "2027-01-15")


def _chart(tab: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def scenario(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(tab)
        await pilot.pause()

    return scenario


Prepare = Callable[[Path], None] | None
Scenario = tuple[dict[str, Any], Prepare, Callable[[Pilot[Any]], Awaitable[None]], str]
SCENARIOS: dict[str, Scenario] = {
    "study_feedback": (
        {"start": SessionRequest(mode=AttemptMode.STUDY)},
        None,
        _study_feedback,
        "StudyScreen",
    ),
    "study_how_sure": (
        {"start": SessionRequest(mode=AttemptMode.STUDY)},
        None,
        _study_how_sure,
        "StudyScreen",
    ),
    "study_over": (
        {"start": SessionRequest(mode=AttemptMode.STUDY)},
        None,
        _study_over,
        "StudyScreen",
    ),
    "study_over_right": (
        {"start": SessionRequest(mode=AttemptMode.STUDY)},
        None,
        _study_over_right,
        "StudyScreen",
    ),
    "exam_date": ({}, None, _exam_date, "ExamDateScreen"),
    "home_forecast": ({}, _with_forecast, lambda pilot: pilot.pause(), "HomeScreen"),
    "chart_scores": ({}, _with_charts, _chart("1"), "ChartsScreen"),
    "chart_domains": ({}, _with_charts, _chart("2"), "ChartsScreen"),
    "chart_calibration": ({}, _with_charts, _chart("3"), "ChartsScreen"),
    "chart_forecast": ({}, _with_charts, _chart("4"), "ChartsScreen"),
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_coach_snapshot(
    name: str, size: tuple[int, int], tmp_path: Path, snap_compare: Callable[..., bool]
) -> None:
    assert snapshot_matches(SCENARIOS[name], size, tmp_path, snap_compare)


def snapshot_matches(
    scenario_spec: Scenario,
    size: tuple[int, int],
    tmp_path: Path,
    snap_compare: Callable[..., bool],
) -> bool:
    """Run a scenario on a fixed clock and compare the screen it ends on (of the expected
    type) with its snapshot (shared by the coach and confidence snapshots)."""
    kwargs, prepare, scenario, expected = scenario_spec
    db = tmp_path / "history.sqlite3"
    if prepare is not None:
        prepare(db)
    app: ExamSimApp = create_app(db=db, seed=3, clock=FixedClock(), **kwargs)

    async def run_before(pilot: Pilot[Any]) -> None:
        await app.wait_until_open()
        await scenario(pilot)
        assert type(app.screen).__name__ == expected

    return snap_compare(app, run_before=run_before, terminal_size=size)


async def test_study_asks_the_same_cards_in_plain_and_in_the_tui(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One rule for both faces: on the same history, `study --plain` and Study on Home ask
    the same cards in the same order (due ones first, then today's new ones)."""
    import shutil

    from support import run_cli

    first = tmp_path / "plain.sqlite3"
    _sit_mock(first, 40, at="2026-11-20T09:00:00+00:00")  # 65 cards due by now (09:30)
    second = tmp_path / "tui.sqlite3"
    shutil.copy(first, second)
    code, _, _ = run_cli(
        monkeypatch, capsys, ["--db", str(first), "study", DECK, "--plain"], "quit\n"
    )
    assert code == 0
    with History(first) as history:
        history_ids = [a.id for a in history.attempts() if a.mode is AttemptMode.STUDY]
        assert history_ids == []  # nothing answered: nothing kept
    from exam_sim.exam import study_cards

    with History(first) as history:
        expected = study_cards(
            SessionRequest(mode=AttemptMode.STUDY, count=20), resolve_deck(DECK), history
        ).card_ids
    app = create_app(db=second, seed=3, clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_study(app, pilot)
        asked = tuple(q.card_id for q in screen.session.questions)
    assert asked == expected and len(asked) == 20
    plain_out = run_cli(
        monkeypatch, capsys, ["--db", str(first), "study", DECK, "--plain"], "a\n\nquit\n"
    )[1]
    assert "20 cards (20 due, 0 new)" in plain_out
    with History(first) as history:
        (study,) = [a for a in history.attempts() if a.mode is AttemptMode.STUDY]
        plain_cards = tuple(q.card_id for q in history.load_attempt(study.id).questions)
    assert plain_cards == asked[:1]  # a stopped session keeps only the cards it asked


async def test_study_shows_the_confidence_keys_a_mock_or_drill_uses(tmp_path: Path) -> None:
    """One scheme on screen (7 8 9, the vocabulary's hint) in the prompt and the key bar at
    80×24; study's old G U S keys still mark."""
    from exam_sim.tui.widgets.keybar import KeyBar
    from exam_sim.vocabulary import CONFIDENCE_HINT

    db = tmp_path / "history.sqlite3"
    app = create_app(
        db=db, seed=3, clock=FixedClock(), start=SessionRequest(mode=AttemptMode.STUDY)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        await pilot.press(_letter(app, right=True))
        await pilot.pause()
        prompt = str(app.screen.query_one("#study-confidence", Static).render())
        assert CONFIDENCE_HINT in prompt and "G guess" not in prompt
        bar = app.screen.query_one(KeyBar)
        shown = {k.description: k.display for k in bar.shown_keys()}
        assert (shown["Guess"], shown["Unsure"], shown["Sure"]) == ("7", "8", "9")
        line = bar.render().plain
        assert "7 Guess" in line and "9 Sure" in line and len(line) <= 80
        await pilot.press("u")  # the old key still marks
        await pilot.pause()
        assert "Marked: unsure." in str(app.screen.query_one("#study-confidence", Static).render())


async def test_study_with_nothing_due_says_when_the_next_card_is_as_plain_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 6-card deck of which one card can be asked (`exam-sim check`): study asks that
    one, passing over the five new cards it cannot ask, then says there is nothing to
    study, when the next review is, and why the new cards wait, as `exam-sim study` does."""
    from support import run_cli

    db = tmp_path / "history.sqlite3"
    deck = str(Path(__file__).parent / "data" / "decks-native.toml")
    app = create_app(deck=deck, db=db, seed=3, clock=FixedClock())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.session.total == 1
        await pilot.press(_letter(app, right=True), "9", "enter")
        await pilot.pause()
        assert "Studied 1 card: 1 right." in str(app.screen.query_one("#study-stem").render())
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        (notice,) = app._notifications
        assert notice.title == "Nothing to study now" and notice.severity == "information"
    assert notice.message == (
        "No card of Tiny native deck is due yet (the next in 10 min), and none of the 5 new "
        "cards left can be asked (exam-sim check says why)."
    )
    code, out, _ = run_cli(monkeypatch, capsys, ["--db", str(db), "study", deck, "--plain"])
    assert (code, out) == (0, f"Nothing to study now: n{notice.message[1:]}\n")


async def test_study_resumed_after_an_answer_left_unmarked_shows_its_feedback_and_asks_the_mark(
    tmp_path: Path,
) -> None:
    """A study session ended (killed) between an answer and its mark: resumed in the TUI,
    the card shows its feedback and asks how sure, as `--plain` does; it neither offers
    the options again (the session refuses a second answer) nor loses the first."""
    db = tmp_path / "history.sqlite3"
    deck = resolve_deck(DECK)
    with History(db) as history:
        request = SessionRequest(mode=AttemptMode.STUDY, count=3, seed=5)
        setup = plan_session(request, deck, history=history)
        session = ExamSession(setup.new_attempt(), store=history, topic_names=topic_names_of(deck))
        first = session.questions[0]
        wrong = (first.answer + 1) % len(first.options)
        session.answer(wrong)  # and nothing more: the process ends here
        attempt_id = session.attempt.id
    app = create_app(db=db, seed=3, clock=FixedClock(), start=ResumeRequest(attempt_id=attempt_id))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.session.current == 0
        body = shown_text(screen.query_one("#study-body", Static))
        assert f"Not quite: the answer is {'ABCDEF'[first.answer]}" in body
        assert "How sure were you?" in shown_text(screen.query_one("#study-confidence", Static))
        await pilot.press("abcdef"[first.answer])  # no second answer is taken
        await pilot.press("9", "enter")
        assert screen.session.current == 1
        await pilot.press(_letter(app, right=True))
        assert "Correct" in shown_text(screen.query_one("#study-body", Static))
    with History(db) as history:
        answers = history.load_attempt(attempt_id or 0).answers
    assert answers[0].choice == wrong and answers[0].confidence == "sure"
    assert answers[1].choice is not None
