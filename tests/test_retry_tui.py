"""`exam-sim retry N` opens the TUI on the attempt's deck, as exam, drill and resume do;
`--plain`, no terminal, or a deck that is gone run it line by line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import Terminal, lines, run_cli
from support.tui import exam_screen

from exam_sim.decks import resolve_deck
from exam_sim.exam import ExamSession, SessionRequest, plan_session
from exam_sim.history import History
from exam_sim.models import AttemptMode
from exam_sim.tui.app import create_app

DECK = "aws-ml-specialty"


def _finished_with_misses(db: Path) -> list[str]:
    """Attempt 1: a 4-question drill on the bundled deck, the first two answered wrong.
    Returns the missed cards, in order."""
    deck = resolve_deck(DECK)
    with History(db) as history:
        setup = plan_session(SessionRequest(mode=AttemptMode.DRILL, count=4, seed=3), deck)
        session = ExamSession.on_deck(setup.new_attempt(), deck, store=history)
        for position in range(4):
            session.go(position)
            question = session.question
            wrong = (question.answer + 1) % len(question.options)
            session.answer(wrong if position < 2 else question.answer)
        session.submit()
        return [q.card_id for q in session.questions[:2]]


def test_retry_in_a_terminal_opens_the_tui_on_the_attempts_deck(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    import exam_sim.cli as cli

    _finished_with_misses(home / "history.sqlite3")
    opened: list[dict[str, Any]] = []
    monkeypatch.setattr(cli, "open_tui", lambda **start: opened.append(start) or 0)
    with monkeypatch.context() as terminal:  # a terminal on both ends
        terminal.setattr(sys, "stdin", Terminal())
        terminal.setattr(sys, "stdout", Terminal())
        assert cli.main(["retry", "1"]) == 0
    (start,) = opened
    assert start["deck"].id == DECK
    assert start["start"].mode is AttemptMode.RETRY and start["start"].retry_of == 1
    # --plain runs it line by line.
    code, out, err = run_cli(monkeypatch, capsys, ["retry", "1", "--plain"], lines("a"))
    assert code == 0 and "2 questions" in out, err
    assert len(opened) == 1


async def test_the_tui_started_on_a_retry_asks_the_missed_questions(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    missed = _finished_with_misses(db)
    request = SessionRequest(mode=AttemptMode.RETRY, retry_of=1)
    app = create_app(db=db, deck=resolve_deck(DECK), start=request)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        session = exam_screen(app).session
        assert session.attempt.mode is AttemptMode.RETRY
        assert sorted(q.card_id for q in session.questions) == sorted(missed)
