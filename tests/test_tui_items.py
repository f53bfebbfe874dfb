"""The exam console for every item kind (Pilot): a mock with a case study, multiple
response, ordering and matching taken to the end with the keyboard and the mouse,
strike-out included; drill feedback and review of an item; snapshots of each kind at
100×30 and 80×24."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from support.tui import shown_text
from test_tui_snapshots import SIZES, FixedClock
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from exam_sim.enums import ItemKind
from exam_sim.exam import ExamSession, SessionRequest
from exam_sim.history import History
from exam_sim.models import AttemptMode
from exam_sim.tui.app import ExamSimApp, create_app

DECK = str(Path(__file__).parent / "data" / "authored.toml")
MOCK = SessionRequest(mode=AttemptMode.MOCK)


def _app(tmp_path: Path, start: SessionRequest = MOCK) -> ExamSimApp:
    return create_app(deck=DECK, db=tmp_path / "h.sqlite3", seed=3, clock=FixedClock(),
                      start=start)  # fmt: skip


def _session(pilot: Pilot[Any]) -> ExamSession:
    return pilot.app.screen.session  # type: ignore[attr-defined,no-any-return]


def _letters(indexes: tuple[int, ...] | list[int]) -> list[str]:
    return ["abcdefghijkl"[n] for n in indexes]


async def _go_to(pilot: Pilot[Any], kind: ItemKind) -> None:
    await pilot.pause()  # the exam screen is mounted
    session = _session(pilot)
    position = next(n for n, q in enumerate(session.questions) if q.kind is kind)
    pilot.app.screen.go_to(position)  # type: ignore[attr-defined]
    await pilot.pause()


async def test_a_mock_with_every_item_kind_taken_to_the_end(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        session = _session(pilot)
        assert {q.kind for q in session.questions} == set(ItemKind)

        await _go_to(pilot, ItemKind.MULTIPLE)  # a case-study item
        question = session.question
        pane = app.screen.query_one("#scenario-pane")
        assert pane.display
        assert "Retail demand forecasting" in shown_text(app.screen.query_one("#scenario", Static))
        wrong = next(n for n in range(len(question.options)) if n not in question.keys)
        options = app.screen.query_one("#options", OptionList)
        options.highlighted = wrong
        await pilot.press("minus")  # strike a wrong option out of view…
        assert session.answer_state.struck == (wrong,)
        await pilot.press("minus")  # …and back
        assert session.answer_state.struck == ()
        await pilot.press("minus")
        await pilot.click("#options", offset=(8, 0))  # the mouse toggles option A…
        await pilot.click("#options", offset=(8, 0))  # …on and off again
        assert not session.answer_state.response
        first, second = _letters(question.keys)
        await pilot.press(first)
        assert "1 of 2 chosen" in shown_text(app.screen.query_one("#item-status", Static))
        await pilot.press(second)  # two of two: answered, on to the next question
        assert session.answers[session.questions.index(question)].is_correct(question)

        await _go_to(pilot, ItemKind.ORDERING)
        question = session.question
        steps = _letters(question.keys)
        await pilot.press(steps[1], steps[1])  # placed and taken back
        assert not session.answer_state.response
        await pilot.press(*steps)
        assert session.answers[session.questions.index(question)].is_correct(question)

        await _go_to(pilot, ItemKind.MATCHING)
        question = session.question
        responses = _letters(question.keys)
        await pilot.press("right_square_bracket")  # to prompt 2 first
        await pilot.press(responses[1])
        await pilot.press("left_square_bracket", "left_square_bracket")  # back to prompt 1
        await pilot.press(responses[0], responses[2])
        assert session.answers[session.questions.index(question)].is_correct(question)

        await _go_to(pilot, ItemKind.SINGLE)
        await pilot.press(_letters((session.question.answer,))[0])
        await pilot.press("s")
        await pilot.pause()  # the confirmation is up
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
        lines = shown_text(app.screen.query_one("#item-lines", Static))
        assert "Unscored items:" in lines and "By item type:" in lines
        attempt_id = session.attempt.id
    assert attempt_id is not None
    with History(tmp_path / "h.sqlite3") as history:
        stored = history.load_attempt(attempt_id)
    kinds = {q.kind for q, a in zip(stored.questions, stored.answers, strict=True)
             if a.is_correct(q)}  # fmt: skip
    assert {ItemKind.MULTIPLE, ItemKind.ORDERING, ItemKind.MATCHING} <= kinds
    struck = [a.struck for q, a in zip(stored.questions, stored.answers, strict=True)
              if q.kind is ItemKind.MULTIPLE]  # fmt: skip
    assert struck == [(wrong,)]


async def _click_option(pilot: Pilot[Any], index: int) -> None:
    """A click on option `index` of the list (on its letter's line)."""
    options = pilot.app.screen.query_one("#options", OptionList)
    line = options._index_to_line[index]
    await pilot.click("#options", offset=(8, line))
    await pilot.pause()


async def test_ordering_and_matching_by_the_mouse_alone(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        app.clear_notifications()
        await _go_to(pilot, ItemKind.ORDERING)
        session = _session(pilot)
        question = session.question
        for step in question.keys[:2]:  # two steps placed…
            await _click_option(pilot, step)
        assert session.answer_state.response == question.keys[:2]
        await _click_option(pilot, question.keys[1])  # …the second clicked again: taken back
        assert session.answer_state.response == question.keys[:1]
        for step in question.keys[1:]:
            await _click_option(pilot, step)
        assert session.answers[session.questions.index(question)].is_correct(question)

        await _go_to(pilot, ItemKind.MATCHING)
        question = session.question
        status = app.screen.query_one("#prompt-1", Static)
        assert shown_text(status).startswith("▶ 1. ")
        await pilot.click("#prompt-3")  # a click on a prompt puts the mark on it…
        await pilot.pause()
        assert shown_text(app.screen.query_one("#prompt-3", Static)).startswith("▶ 3. ")
        await _click_option(pilot, question.keys[2])  # …and a response goes to it
        assert session.answer_state.response == (-1, -1, question.keys[2])
        await pilot.click("#prompt-2")
        await pilot.pause()
        await _click_option(pilot, question.keys[1])
        assert session.answer_state.response == (-1, question.keys[1], question.keys[2])
        await pilot.click("#prompt-1")
        await pilot.pause()
        await _click_option(pilot, question.keys[0])
        assert session.answers[session.questions.index(question)].is_correct(question)


async def test_a_drill_explains_an_item_and_review_shows_rationale_and_references(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path, SessionRequest(mode=AttemptMode.DRILL, count=10))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await _go_to(pilot, ItemKind.MULTIPLE)
        session = _session(pilot)
        question = session.question
        wrong = [n for n in range(len(question.options)) if n not in question.keys][:2]
        await pilot.press(*_letters(wrong))
        verdict = shown_text(app.screen.query_one("#feedback-verdict", Static))
        assert verdict.startswith("✗ Not quite: the answer is")
        body = shown_text(app.screen.query_one("#feedback-body", Static))
        assert "See: https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor.html" in body
        await pilot.press("s", "y")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        position = session.questions.index(question)
        screen = app.screen
        while screen.positions[screen.index] != position:  # type: ignore[attr-defined]
            await pilot.press("n")
        review = shown_text(screen.query_one("#review-body", Static))
        assert "Macie finds sensitive data in S3" in review  # an option's rationale
        assert "See: https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor.html" in review


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_a_drills_feedback_shows_what_every_letter_stood_for(
    size: tuple[int, int], tmp_path: Path
) -> None:
    """Once an item is answered its options are hidden behind the feedback: the feedback
    shows each option, step or match in full with its mark, not only letters."""
    app = _app(tmp_path, SessionRequest(mode=AttemptMode.DRILL, count=10))
    async with app.run_test(size=size) as pilot:
        await app.wait_until_open()
        await _go_to(pilot, ItemKind.MULTIPLE)
        question = _session(pilot).question
        wrong = [n for n in range(len(question.options)) if n not in question.keys]
        await pilot.press(*_letters(wrong[:2]))
        body = shown_text(app.screen.query_one("#feedback-body", Static))
        for n, option in enumerate(question.options):
            mark = "✓" if n in question.keys else "✗" if n in wrong[:2] else " "
            assert f"{mark} {_letters([n])[0].upper()}) {option}" in body
        status = shown_text(app.screen.query_one("#item-status", Static))
        assert "2 of 2 chosen" in status and "toggles" not in status  # final: no how-to

        await _go_to(pilot, ItemKind.ORDERING)
        question = _session(pilot).question
        backwards = list(reversed(question.keys))
        await pilot.press(*_letters(backwards))
        body = shown_text(app.screen.query_one("#feedback-body", Static))
        last = len(question.keys)
        first = question.keys[0]
        step = f"✗ 1. {_letters([first])[0].upper()}) {question.options[first]}"
        nth = {1: "1st", 2: "2nd", 3: "3rd"}.get(last, f"{last}th")
        assert f"{step}  ← you put it {nth}" in " ".join(body.split("\n"))

        await _go_to(pilot, ItemKind.MATCHING)
        question = _session(pilot).question
        shifted = [question.keys[-1], *question.keys[:-1]]  # every prompt matched wrongly
        await pilot.press(*_letters(shifted))
        body = " ".join(shown_text(app.screen.query_one("#feedback-body", Static)).split())
        for n, (prompt, right) in enumerate(zip(question.prompts, question.keys, strict=True)):
            answer = f"{_letters([right])[0].upper()}) {question.options[right]}"
            chose = _letters([shifted[n]])[0].upper()
            assert f"✗ {n + 1}. {prompt} → {answer} ← you chose {chose}" in body


async def _multiple(pilot: Pilot[Any]) -> None:
    await _go_to(pilot, ItemKind.MULTIPLE)
    question = _session(pilot).question
    wrong = next(n for n in range(len(question.options)) if n not in question.keys)
    pilot.app.screen.query_one("#options", OptionList).highlighted = wrong
    await pilot.press("minus", _letters(question.keys)[0])


async def _ordering(pilot: Pilot[Any]) -> None:
    await _go_to(pilot, ItemKind.ORDERING)
    await pilot.press(*_letters(_session(pilot).question.keys[:2]))


async def _matching(pilot: Pilot[Any]) -> None:
    await _go_to(pilot, ItemKind.MATCHING)
    await pilot.press(*_letters(_session(pilot).question.keys[:2]))


async def _single_case(pilot: Pilot[Any]) -> None:
    session = _session(pilot)
    position = next(n for n, q in enumerate(session.questions)
                    if q.kind is ItemKind.SINGLE and q.scenario)  # fmt: skip
    pilot.app.screen.go_to(position)  # type: ignore[attr-defined]
    await pilot.pause()


SNAPSHOTS: dict[str, Callable[[Pilot[Any]], Awaitable[None]]] = {
    "item_multiple": _multiple,
    "item_ordering": _ordering,
    "item_matching": _matching,
    "item_case_single": _single_case,
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(SNAPSHOTS))
def test_item_snapshot(
    name: str, size: tuple[int, int], tmp_path: Path, snap_compare: Callable[..., bool]
) -> None:
    app = _app(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await app.wait_until_open()
        await pilot.pause()
        await SNAPSHOTS[name](pilot)
        await pilot.pause()
        assert type(app.screen).__name__ == "ExamScreen"

    assert snap_compare(app, run_before=run_before, terminal_size=size)
