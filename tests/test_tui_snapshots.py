"""Snapshots of every screen at 100×30 and 80×24 (pytest-textual-snapshot).

Update after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update`
and look at the report before committing the new SVGs.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button

from exam_sim.exam import SessionRequest
from exam_sim.models import AttemptMode
from exam_sim.tui.app import ExamSimApp, create_app

SIZES = [(100, 30), (80, 24)]


class FixedClock:
    """The clock never moves, so the countdown always reads the same."""

    def __call__(self) -> float:
        return 1000.0


@pytest.fixture(autouse=True)
def _fixed_world(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Time stamps appear on the home and history screens, in local time: UTC here.
    # (Each test's EXAM_SIM_HOME is its own: the autouse `home` fixture in conftest.py.)
    monkeypatch.setattr("exam_sim.exam.session.now_iso", lambda: "2026-11-24T09:30:00+00:00")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _letter(pilot: Pilot[Any], right: bool) -> str:
    session = pilot.app.screen.session  # type: ignore[attr-defined]
    answer = session.question.answer
    return "abcdef"[answer if right else (answer + 1) % len(session.question.options)]


async def _answer_some(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    for right in (True, False, True):
        await pilot.press(_letter(pilot, right))
    await pilot.press("f")


async def _finish(pilot: Pilot[Any]) -> None:
    await _answer_some(pilot)
    await pilot.press("s", "y")
    await pilot.pause()


async def _press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


async def _drill_feedback(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.press(_letter(pilot, right=False))
    await pilot.pause()


async def _deck_picker(pilot: Pilot[Any]) -> None:
    await _press(pilot, "o")
    await pilot.app.workers.wait_for_complete()  # the deck list is read in a worker
    await pilot.pause()


async def _drill_setup_after_k(pilot: Pilot[Any]) -> None:
    await _press(pilot, "k")  # its notice is on Home (and would show through the dialog)
    await _press(pilot, "d")


async def _navigator(pilot: Pilot[Any]) -> None:
    await _answer_some(pilot)
    await _press(pilot, "g")


async def _confirm(pilot: Pilot[Any]) -> None:
    await _answer_some(pilot)
    await _press(pilot, "s")


async def _review_page(pilot: Pilot[Any]) -> None:
    """The end-of-exam review page: the last question answered, one left blank."""
    await _answer_some(pilot)
    await _press(pilot, "n", "b")


async def _resume_list(pilot: Pilot[Any]) -> None:
    """Two unfinished attempts: M offers them before a new mock."""
    await _answer_some(pilot)
    await _press(pilot, "escape", "y")
    await _press(pilot, "d", "ctrl+s")
    await _press(pilot, "a", "escape", "y")
    await _press(pilot, "m")


async def _review(pilot: Pilot[Any]) -> None:
    await _finish(pilot)
    await _press(pilot, "w")


async def _history(pilot: Pilot[Any]) -> None:
    await _finish(pilot)
    await _press(pilot, "h")
    await _press(pilot, "h")


async def _history_trend(pilot: Pilot[Any]) -> None:
    """Three full mocks (one passed) and a 3-question one, which the trend leaves out."""
    from support.history import store_attempt

    history = pilot.app.history  # type: ignore[attr-defined]
    for number, questions, right in ((1, 65, 30), (2, 65, 52), (3, 3, 3), (4, 65, 44)):
        store_attempt(history, number * 1500, questions=questions, right=right)
    await pilot.pause()
    await _press(pilot, "h")
    await _press(pilot, "2")


async def _study_matching(pilot: Pilot[Any]) -> None:
    """A bank's study session, at its matching item with one prompt matched (the questions
    before it answered right, each marked unsure)."""
    from exam_sim.models import ItemKind

    await _press(pilot, "s")
    session = pilot.app.screen.session  # type: ignore[attr-defined]
    while session.question.kind is not ItemKind.MATCHING:
        await _press(pilot, *("abcdef"[n] for n in session.question.key_set), "8", "enter")
    await _press(pilot, "abcdef"[session.question.keys[0]])


Scenario = tuple[dict[str, Any], Callable[[Pilot[Any]], Awaitable[None]]]
MOCK = {"start": SessionRequest(mode=AttemptMode.MOCK, questions=5)}
SCENARIOS: dict[str, Scenario] = {
    "home": ({}, lambda pilot: pilot.pause()),
    "exam": (MOCK, lambda pilot: pilot.pause()),
    "navigator": (MOCK, _navigator),
    # A full mock's 65 cells: every column the same width (no wider gap after the fifth).
    "navigator_full": ({"start": SessionRequest(mode=AttemptMode.MOCK)}, _navigator),
    "confirm_submit": (MOCK, _confirm),
    "review_page": (MOCK, _review_page),
    "resume_list": (MOCK, _resume_list),
    "results": (MOCK, _finish),
    "review": (MOCK, _review),
    "history": (MOCK, _history),
    "history_trend": ({}, _history_trend),
    "drill_feedback": (
        {"start": SessionRequest(mode=AttemptMode.DRILL, topics=("modeling",), count=3)},
        _drill_feedback,
    ),
    # A deck that is not ours, in another script: feedback on a Japanese vocabulary drill.
    "drill_japanese": (
        {
            "deck": str(Path(__file__).parent / "data" / "ja-jlpt-n5-vocabulary.csv"),
            "start": SessionRequest(mode=AttemptMode.DRILL, count=3),
        },
        _drill_feedback,
    ),
    # Study on the bundled deck: the first card, its options the exam's list.
    "study": ({}, lambda pilot: _press(pilot, "s")),
    # A written matching item in a study session: its prompts, ▶ on the next one.
    "study_matching": (
        {"deck": str(Path(__file__).parent / "data" / "bank.gift")},
        _study_matching,
    ),
    "drill_setup": ({}, lambda pilot: _press(pilot, "d")),
    # K's notice ("Confidence marking is on …") must not cover the dialog opened next.
    "drill_setup_after_k": ({}, _drill_setup_after_k),
    "deck_picker": ({}, _deck_picker),
    "help": ({}, lambda pilot: _press(pilot, "question_mark")),
}
# The screen each snapshot must show: a snapshot of a crashed app is a blank screen, which
# would otherwise be recorded and then "pass" forever.
EXPECTED_SCREEN = {
    "home": "HomeScreen",
    "exam": "ExamScreen",
    "navigator": "NavigatorScreen",
    "navigator_full": "NavigatorScreen",
    "confirm_submit": "ConfirmScreen",
    "review_page": "NavigatorScreen",
    "resume_list": "ResumeScreen",
    "results": "ResultsScreen",
    "review": "ReviewScreen",
    "history": "HistoryScreen",
    "history_trend": "HistoryScreen",
    "drill_feedback": "ExamScreen",
    "drill_japanese": "ExamScreen",
    "study": "StudyScreen",
    "study_matching": "StudyScreen",
    "drill_setup": "DrillSetupScreen",
    "drill_setup_after_k": "DrillSetupScreen",
    "deck_picker": "DeckPickerScreen",
    "help": "HelpScreen",
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_screen_snapshot(
    name: str, size: tuple[int, int], tmp_path: Path, snap_compare: Callable[..., bool]
) -> None:
    kwargs, scenario = SCENARIOS[name]
    app: ExamSimApp = create_app(
        db=tmp_path / "history.sqlite3", seed=3, clock=FixedClock(), **kwargs
    )

    async def run_before(pilot: Pilot[Any]) -> None:
        await app.wait_until_open()  # the deck opens in a worker after the first frame
        await scenario(pilot)
        assert type(app.screen).__name__ == EXPECTED_SCREEN[name]
        # Nothing a learner must press is cut off: every button lies wholly inside the
        # visible part of each container around it (a dialog taller than the terminal
        # clips its last row of buttons).
        for button in app.screen.query(Button):
            for around in button.ancestors:
                if around is app.screen or not isinstance(around, Widget):
                    break
                visible = around.scrollable_content_region
                assert visible.contains_region(button.region), f"{button.label} is cut off"

    assert snap_compare(app, run_before=run_before, terminal_size=size)
