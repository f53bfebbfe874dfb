"""Confidence marking in mocks and drills (issue 12), the readiness forecast in History, and
the score trend that History and the charts share: Pilot flows on a real history, parity
with --plain, and snapshots at 100×30 and 80×24."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_tui_coach import (  # noqa: F401 (_fixed_world: a fixture)
    DECK,
    FixedClock,
    Scenario,
    _fixed_world,
    _sit_mock,
    snapshot_matches,
)
from textual.pilot import Pilot
from textual.widgets import Checkbox, Static

from exam_sim.commands.plain import PlainSession
from exam_sim.decks import resolve_deck
from exam_sim.exam import ExamSession, SessionError, SessionRequest, plan_session
from exam_sim.exam.charts import charts, full_mocks
from exam_sim.history import History
from exam_sim.models import AttemptMode, Confidence
from exam_sim.tui.app import ExamSimApp, create_app
from exam_sim.tui.screens.charts import ChartsScreen
from exam_sim.tui.screens.drill_setup import DrillSetupScreen
from exam_sim.tui.screens.exam import ExamScreen
from exam_sim.tui.screens.exam_messages import Marked
from exam_sim.tui.screens.history import HistoryScreen
from exam_sim.tui.screens.results import ResultsScreen
from exam_sim.tui.widgets.readiness import NO_DATE, ReadinessPanel
from exam_sim.vocabulary import CONFIDENCE_COMMANDS, command_for, confidence_level

SIZES = [(100, 30), (80, 24)]


def _mock(questions: int = 3) -> SessionRequest:
    return SessionRequest(mode=AttemptMode.MOCK, questions=questions, seed=5, confidence=True)


def _drill(count: int = 3) -> SessionRequest:
    return SessionRequest(mode=AttemptMode.DRILL, count=count, seed=11, confidence=True)


def _exam(app: ExamSimApp) -> ExamScreen:
    assert isinstance(app.screen, ExamScreen), type(app.screen).__name__
    return app.screen


def _line(app: ExamSimApp) -> str:
    line = app.screen.query_one("#confidence-line", Static)
    return str(line.render()) if line.display else ""


def _key(app: ExamSimApp, right: bool) -> str:
    question = _exam(app).session.question
    return "abcde"[question.answer if right else (question.answer + 1) % len(question.options)]


def _hooked(marked: list[Marked]) -> Callable[[object], None]:
    def hook(message: object) -> None:
        if isinstance(message, Marked) and not any(m is message for m in marked):
            marked.append(message)

    return hook


def test_the_marking_words_are_the_tui_keys_and_clash_with_no_exam_key() -> None:
    from textual.binding import Binding

    keys: dict[str | None, set[str]] = {}
    for binding in Binding.make_bindings(ExamScreen.BINDINGS):
        keys.setdefault(binding.id, set()).add(binding.key)
    taken = {k for bid, ks in keys.items() if not (bid or "").startswith("exam.mark_") for k in ks}
    for command in CONFIDENCE_COMMANDS:
        assert keys[f"exam.{command.action}"] == {command.keys[0]}
        assert command.keys[0] in command.words and not {command.keys[0]} & taken
        assert all(command_for(word) is command for word in command.words)
    assert [confidence_level(c) for c in CONFIDENCE_COMMANDS] == [c.value for c in Confidence]


async def test_a_mock_asks_after_each_answer_moves_on_and_lets_a_mark_change(
    tmp_path: Path,
) -> None:
    marked: list[Marked] = []
    app = create_app(db=tmp_path / "history.sqlite3", start=_mock(), clock=FixedClock())
    async with app.run_test(size=(100, 30), message_hook=_hooked(marked)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        session = _exam(app).session
        assert session.asks_confidence and _line(app) == ""  # nothing to mark yet
        await pilot.press("9")  # nothing answered: the key does nothing
        assert marked == [] and session.current == 0
        await pilot.press("a")
        await pilot.pause()
        assert session.current == 0 and "How sure are you?" in _line(app)
        await pilot.press("9")
        await pilot.pause()
        assert session.current == 1 and _line(app) == ""
        await pilot.press("b", "enter")  # Enter skips the mark and moves on
        await pilot.pause()
        assert session.current == 2
        await pilot.press("p")  # back to question 2: a mock lets a mark be given later
        await pilot.pause()
        assert "Not marked" in _line(app) and "7 guess · 8 unsure · 9 sure" in _line(app)
        await pilot.press("8")
        await pilot.pause()
        assert "Marked: unsure" in _line(app) and session.current == 1
        await pilot.press("c")  # a changed answer is asked about again
        await pilot.pause()
        assert "How sure are you?" in _line(app)
        await pilot.press("7")
        await pilot.pause()
        assert len(session.questions) == 3  # a mock never asks a question again
    assert [(m.position, m.confidence) for m in marked] == [
        (0, Confidence.SURE),
        (1, None),
        (1, Confidence.UNSURE),
        (1, Confidence.GUESS),
    ]
    with History(tmp_path / "history.sqlite3") as history:
        attempt = history.load_attempt(1)
    assert attempt.asks_confidence
    assert [a.confidence for a in attempt.answers] == [Confidence.SURE, Confidence.GUESS, None]


async def test_a_drill_asks_before_the_feedback_and_asks_a_confident_error_again(
    tmp_path: Path,
) -> None:
    marked: list[Marked] = []
    app = create_app(db=tmp_path / "history.sqlite3", start=_drill(), clock=FixedClock())
    async with app.run_test(size=(100, 30), message_hook=_hooked(marked)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = _exam(app)
        await pilot.press(_key(app, right=False))
        await pilot.pause()
        assert screen.feedback is None and "How sure are you?" in _line(app)  # not yet
        await pilot.press("9")
        await pilot.pause()
        assert screen.feedback is not None and not screen.feedback.correct
        assert screen.session.total == 4  # the confident error comes back at the end
        await pilot.press("8")  # after the feedback a mark says nothing: refused
        await pilot.press("n")
        await pilot.press(_key(app, right=True), "enter")  # answered, mark skipped
        await pilot.pause()
        assert screen.feedback is not None and screen.feedback.correct
        await pilot.press("n")
        await pilot.press(_key(app, right=True), "7", "n")
        await pilot.press(_key(app, right=True), "9", "n")  # the error, asked again
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = str(app.screen.query_one("#confidence", Static).render())
        assert text.startswith("Confidence: guess 1/1 right (100 %) · sure 1/2 right (50 %)")
        assert "certainty-based score -2 of +9 · sure but wrong: question 1" in text
    assert [(m.position, m.confidence, m.again) for m in marked] == [
        (0, Confidence.SURE, True),
        (1, None, False),
        (2, Confidence.GUESS, False),
        (3, Confidence.SURE, False),
    ]


async def test_a_resumed_drill_asks_the_mark_a_kill_cut_short_and_not_a_skipped_one(
    tmp_path: Path,
) -> None:
    from exam_sim.exam import ResumeRequest

    db = tmp_path / "history.sqlite3"
    deck = resolve_deck(DECK)
    with History(db) as history:
        session = ExamSession(plan_session(_drill(), deck).new_attempt(), store=history)
        session.answer(0)
        session.mark(None)  # skipped: its feedback was seen
        session.go(1)
        session.answer(1)  # ... and the session is killed while this mark is asked
    app = create_app(db=db, start=ResumeRequest(attempt_id=1), clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = _exam(app)
        assert screen.session.current == 1 and "How sure are you?" in _line(app)
        assert screen.feedback is None  # not before the mark
        await pilot.press("8")
        await pilot.pause()
        assert screen.feedback is not None  # question 2's feedback, never seen before
        assert [a.confidence for a in screen.session.answers[:2]] == [None, Confidence.UNSURE]
    with History(db) as history:
        again = ExamSession(history.load_attempt(1), store=history)
        assert again.awaiting_mark is None and again.current == 2  # nothing left to ask
        assert again.answers[0].mark_skipped


async def test_without_marking_the_keys_do_nothing_and_no_line_shows(tmp_path: Path) -> None:
    request = SessionRequest(mode=AttemptMode.DRILL, count=2, seed=11)
    app = create_app(db=tmp_path / "history.sqlite3", start=request, clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = _exam(app)
        await pilot.press("a")
        await pilot.pause()
        assert screen.feedback is not None and _line(app) == ""  # feedback at once
        await pilot.press("9")
        assert all(a.confidence is None for a in screen.session.answers)


async def test_k_on_home_turns_marking_on_for_mocks_and_the_drill_dialog(
    tmp_path: Path,
) -> None:
    app = create_app(db=tmp_path / "history.sqlite3", seed=3, clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert not app.marks_confidence
        await pilot.press("k")
        await pilot.pause()
        assert app.marks_confidence
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DrillSetupScreen)
        box = app.screen.query_one("#drill-confidence", Checkbox)
        assert box.value
        # The box's mark says on or off, not its colour alone.
        assert str(box.render()).startswith("▐✓▌")
        box.toggle()
        await pilot.pause()
        assert not box.value and str(box.render()).startswith("▐ ▌")
        box.toggle()
        await pilot.pause()
        await pilot.press("escape", "m")
        await pilot.pause()
        assert _exam(app).session.asks_confidence
    # Kept for next time, in the preferences.
    from exam_sim.tui.preferences import load_preferences

    assert load_preferences().confidence_marks


async def test_tui_and_plain_mark_the_same_with_the_same_keys(tmp_path: Path) -> None:
    """One script of answers, marks and skips, typed as keys and as --plain lines."""
    script = ("a", "9", "b", "", "c", "7")
    deck = resolve_deck(DECK)
    plain = ExamSession(plan_session(_mock(), deck).new_attempt())
    lines = "\n".join(script) + "\n"
    PlainSession(plain, stdin=io.StringIO(lines), stdout=io.StringIO(), title="t").run()
    app = create_app(db=tmp_path / "history.sqlite3", start=_mock(), clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        tui = _exam(app).session
        for key in script:
            await pilot.press(key or "enter")
            await pilot.pause()
    assert [(a.choice, a.confidence) for a in tui.answers] == [
        (a.choice, a.confidence) for a in plain.answers
    ]
    assert [a.confidence for a in plain.answers] == [Confidence.SURE, None, Confidence.GUESS]


# -- History: the forecast, and the trend it shares with the charts ------------------------


async def _history_trend(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    await pilot.press("2")
    await pilot.pause()
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.screen.query_one(ReadinessPanel).computed


async def _panel_text(app: ExamSimApp) -> str:
    panel = app.screen.query_one(ReadinessPanel)
    return str(panel.content.renderables[1])  # type: ignore[union-attr]


@pytest.mark.parametrize("state", ["no_date", "too_little", "forecast"])
async def test_history_shows_the_forecast_of_the_open_deck(tmp_path: Path, state: str) -> None:
    db = tmp_path / "history.sqlite3"
    with History(db) as history:
        if state != "no_date":
            history.set_exam_date(DECK, "2027-01-15")
    if state == "forecast":
        _sit_mock(db, right=45)
    app = create_app(db=db, seed=3, clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await _history_trend(pilot)
        assert isinstance(app.screen, HistoryScreen)
        panel = app.screen.query_one(ReadinessPanel)
        text = await _panel_text(app)
        if state == "no_date":
            assert panel.forecast is None and text == NO_DATE
        elif state == "too_little":
            assert panel.forecast is not None and not panel.forecast.enough_history
            assert text == (
                "Exam 2027-01-15 (52 days): too little history: 0 of 78 cards reviewed, "
                "at least 20 needed"
            )
        else:
            forecast = panel.forecast
            assert forecast is not None and forecast.enough_history
            assert text.startswith(
                f"Exam 2027-01-15 (52 days): expected {forecast.expected_scaled} "
                f"(likely {forecast.low_scaled}–{forecast.high_scaled}), pass 750"
            )


async def test_history_trend_and_the_score_chart_show_the_same_mocks(tmp_path: Path) -> None:
    """Full mocks only, chosen once by the core: a short mock, a drill and an ungraded
    attempt beside them are in neither."""
    db = tmp_path / "history.sqlite3"
    for day, right in (("10", 38), ("16", 44), ("21", 52)):
        _sit_mock(db, right, at=f"2026-11-{day}T10:00:00+00:00")
    deck = resolve_deck(DECK)
    with History(db) as history:
        for request in (
            SessionRequest(mode=AttemptMode.MOCK, questions=5, seed=1),  # a short mock
            SessionRequest(mode=AttemptMode.DRILL, count=3, seed=2),
        ):
            session = ExamSession(plan_session(request, deck).new_attempt(), store=history)
            for position, question in enumerate(session.questions):
                session.go(position)
                session.answer(question.answer)
            session.submit()
        expected = [m.id for m in full_mocks(history, deck)]
        assert len(expected) == 3
        assert [p.attempt_id for p in charts(history, deck).scores] == expected
    app = create_app(db=db, seed=3, clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await _history_trend(pilot)
        assert isinstance(app.screen, HistoryScreen)
        in_history = [m.id for m in app.screen.trend]
        await pilot.press("escape", "c")
        await pilot.pause()
        assert isinstance(app.screen, ChartsScreen)
    assert in_history == expected


# -- snapshots --------------------------------------------------------------------------


async def _mock_asking(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()


async def _drill_after_mark(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.press(_key(pilot.app, right=False), "9")  # type: ignore[arg-type]
    await pilot.pause()


async def _drill_results(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    app: ExamSimApp = pilot.app  # type: ignore[assignment]
    await pilot.press(_key(app, right=False), "9", "n")
    await pilot.press(_key(app, right=True), "8", "n")
    await pilot.press(_key(app, right=True), "7", "n")
    await pilot.press(_key(app, right=True), "9", "n")
    await pilot.pause()


def _with_forecast(db: Path) -> None:
    _sit_mock(db, right=45)
    with History(db) as history:
        history.set_exam_date(DECK, "2027-01-15")


SCENARIOS: dict[str, Scenario] = {
    "mock_asking": ({"start": _mock()}, None, _mock_asking, "ExamScreen"),
    "drill_feedback_after_mark": ({"start": _drill()}, None, _drill_after_mark, "ExamScreen"),
    "drill_results_calibration": ({"start": _drill()}, None, _drill_results, "ResultsScreen"),
    "history_forecast": ({}, _with_forecast, _history_trend, "HistoryScreen"),
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_confidence_snapshot(
    name: str, size: tuple[int, int], tmp_path: Path, snap_compare: Callable[..., bool]
) -> None:
    assert snapshot_matches(SCENARIOS[name], size, tmp_path, snap_compare)


async def test_study_takes_the_marking_keys_of_mocks_and_drills_too(tmp_path: Path) -> None:
    from exam_sim.tui.screens.study import StudyScreen

    request = SessionRequest(mode=AttemptMode.STUDY)
    app = create_app(db=tmp_path / "history.sqlite3", seed=3, start=request, clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        await pilot.press("a", "8")
        await pilot.pause()
        assert screen.session.answers[0].confidence is Confidence.UNSURE


def test_a_response_made_whole_is_asked_about_and_unmade_is_not() -> None:
    """Items of several answers: the mark is asked once the response is whole, and no
    longer when a pick takes it back below whole."""
    deck = resolve_deck("aws-mla-c01")
    request = SessionRequest(mode=AttemptMode.MOCK, questions=65, seed=1, confidence=True)
    session = ExamSession(plan_session(request, deck).new_attempt())
    position = next(i for i, q in enumerate(session.questions) if q.kind.value == "multiple")
    session.go(position)
    keys = session.question.key_set
    session.respond(keys)
    assert session.awaiting_mark == position and session.can_mark()
    session.respond(keys[:1])
    assert session.awaiting_mark is None and not session.can_mark()
    with pytest.raises(SessionError, match="no answer to mark yet"):
        session.mark(Confidence.SURE)


async def test_a_dialog_opened_after_k_is_not_covered_by_its_notice(tmp_path: Path) -> None:
    """At 80×24 K's notice would sit over the drill dialog's fields: a dialog clears the
    notices on screen (the dialog's own box says the same), and K says it again later."""
    from textual.widgets._toast import Toast

    app = create_app(db=tmp_path / "history.sqlite3", seed=3, clock=FixedClock())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.wait_until_open()
        await pilot.press("k")
        await pilot.pause()
        assert len(app.screen.query(Toast)) == 1
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DrillSetupScreen)
        # Home's too: the dialog's translucent background shows the screen behind it.
        assert [len(screen.query(Toast)) for screen in app.screen_stack] == [0, 0]
        assert app.screen.query_one(Checkbox).value  # what the notice said, in the dialog
        await pilot.press("escape", "k", "k")  # off, on: the same notice is said again
        await pilot.pause()
        assert "Confidence marking is on" in " ".join(
            str(toast.render()) for toast in app.screen.query(Toast)
        )
