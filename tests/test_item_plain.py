"""The `--plain` protocol for every item kind, and nothing lost when it is killed (SIGKILL)
after each kind's acknowledgement: every response and strike-out is in the database."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_kill_resume import Child

from exam_sim.decks.native import read_native
from exam_sim.enums import AttemptMode, ItemKind
from exam_sim.exam import SessionRequest, plan_session
from exam_sim.history import History
from exam_sim.models import Question
from exam_sim.present import letter

DECK = Path(__file__).parent / "data" / "authored.toml"
SAVED = re.compile(r"^saved: question (\d+) (.*)$")


def _plan() -> tuple[Question, ...]:
    request = SessionRequest(mode=AttemptMode.MOCK, seed=3)
    return plan_session(request, read_native(DECK)).plan.questions


def _command(question: Question) -> str:
    """The plain command that gives this item its right answer."""
    if question.kind is ItemKind.SINGLE:
        return letter(question.answer).lower()
    if question.kind is ItemKind.MULTIPLE:
        return " ".join(letter(k).lower() for k in question.key_set)
    if question.kind is ItemKind.ORDERING:
        return "order " + " ".join(letter(k).lower() for k in question.keys)
    return "match " + " ".join(f"{n}{letter(k).lower()}" for n, k in
                               enumerate(question.keys, start=1))  # fmt: skip


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_after_every_kind_keeps_every_response_and_strike_out(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    questions = _plan()
    argv = [sys.executable, "-m", "exam_sim", "--db", str(db), "exam", str(DECK), "--plain",
            "--seed", "3"]  # fmt: skip
    child = Child(argv, dict(os.environ))
    acked: list[str] = []
    try:
        for number, question in enumerate(questions, start=1):
            if number > 5:
                break
            child.send(f"go {number}\n")
            child.send("- a\n")
            acked.append(child.expect(SAVED)[2])
            child.send(_command(question) + "\n")
            acked.append(child.expect(SAVED)[2])
    finally:
        child.proc.send_signal(signal.SIGKILL)
        child.proc.wait()
    assert any("chosen" in line for line in acked) or any("matched" in line for line in acked)
    with History(db) as history:
        (unfinished,) = history.unfinished()
        attempt = history.load_attempt(unfinished.id)
    for position, question in enumerate(questions[:5]):
        answer = attempt.answers[position]
        assert answer.is_correct(question), (question.kind, answer)
        assert answer.struck == (0,)


def test_plain_tells_how_to_answer_each_kind_and_saves_nothing_wrong(
    tmp_path: Path,
) -> None:
    questions = _plan()
    by_kind = {q.kind: n for n, q in enumerate(questions, start=1)}
    commands = []
    for kind in (ItemKind.MULTIPLE, ItemKind.ORDERING, ItemKind.MATCHING):
        commands += [f"go {by_kind[kind]}", "b", "order z", "match 9a"]
    commands.append("quit")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "--db", str(tmp_path / "h.sqlite3"), "exam",
         str(DECK), "--plain", "--seed", "3"],
        input="\n".join(commands) + "\n", capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = done.stdout
    assert "saved: question" in out  # the multiple-response item took "b" as a toggle
    assert f"saved: question {by_kind[ItemKind.MULTIPLE]} → B (1 of 2 chosen)" in out
    assert "Type order and every step's letter, first to last (a–d): order a b c d;" in out
    assert "Type match and pairs of prompt number and response letter (a–d): match 1a 2c;" in out
    assert "Case study: Retail demand forecasting" in out
    assert "Choose 2." not in out  # the stem already says (Choose TWO.)
    assert "0 of 10 answered" in out or "1 of 10 answered" in out


def test_an_items_instruction_is_left_out_where_its_stem_says_it() -> None:
    """ "Put the steps in the order in which they run" needs no "Put the steps in order,
    first to last." under it (both front ends print `item_instruction`)."""
    from exam_sim.present import item_instruction

    ordering = next(q for q in _plan() if q.kind is ItemKind.ORDERING)
    said = ordering.model_copy(update={"stem": "Put the pipeline steps in the order they run."})
    unsaid = ordering.model_copy(update={"stem": "How does a pipeline run?"})
    assert item_instruction(said) == ""
    assert item_instruction(unsaid) == "Put the steps in order, first to last."
