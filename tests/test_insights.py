"""Confidence calibration and Moodle's certainty-based score, answer changes classified from
the first answer, pacing against the budget, a confident error asked again; in the JSON
export and `history show`."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from support import run_cli
from support.history import make_attempt

from exam_sim.exam import ExamSession
from exam_sim.exam.insights import change_summary, confidence_summary, pacing
from exam_sim.history import History
from exam_sim.models import Answer, AttemptMode, Confidence


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _session(history: History, mode: AttemptMode = AttemptMode.MOCK) -> tuple[ExamSession, Clock]:
    clock = Clock()
    attempt = make_attempt(mode=mode)
    attempt.answers = [Answer(position=i) for i in range(len(attempt.questions))]
    return ExamSession(attempt, store=history, clock=clock), clock


def test_calibration_and_certainty_based_score(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history:
        session, _ = _session(history)
        # Keys: translate A (0), kinesis B (1), transcribe C (2).
        for choice, level in ((0, Confidence.SURE), (0, Confidence.SURE), (2, Confidence.GUESS)):
            session.answer(choice)
            session.mark_confidence(level)
            session.next()
        summary = confidence_summary(session.attempt)
        assert summary is not None
        by_level = {c.level: (c.right, c.answered) for c in summary.levels}
        assert by_level == {Confidence.SURE: (1, 2), Confidence.GUESS: (1, 1)}
        # Moodle: sure right +3, sure wrong −6, guess right +1.
        assert (summary.cbm_score, summary.cbm_max, summary.marked) == (-2, 9, 3)
        assert confidence_summary(_session(history)[0].attempt) is None


def test_answer_changes_are_classified_from_the_first_answer(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history:
        session, _ = _session(history)
        session.answer(1)  # translate: wrong, then right
        session.answer(0)
        session.go(1)
        session.answer(1)  # kinesis: right, then wrong, then wrong again
        session.answer(0)
        session.answer(2)
        session.go(2)
        session.answer(0)  # transcribe: wrong → wrong
        session.answer(1)
        stored = history.load_attempt(session.attempt.id or 0)
        changes = change_summary(stored)
        assert (changes.wrong_to_right, changes.right_to_wrong, changes.wrong_to_wrong) == (1, 1, 1)
        assert [a.first_choice for a in stored.answers] == [1, 1, 0]


def test_pacing_per_topic_against_the_budget_and_the_slowest(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history:
        session, clock = _session(history)
        for seconds in (30.0, 300.0, 0.4):
            clock.now += seconds
            session.answer(0)
            session.next()
        pace = pacing(session.attempt)
        budget = session.attempt.blueprint.seconds_per_question  # 10 min / 3 questions
        by_topic = {
            d.topic: (d.questions, round(d.seconds), d.budget_seconds) for d in pace.domains
        }
        assert by_topic == {"ai": (2, 30, 2 * budget), "data": (1, 300, budget)}
        # Question 3 took under a second (shown 0:00): not called slow.
        assert [(q.number, round(q.seconds), q.right) for q in pace.slowest] == [
            (2, 300, False), (1, 30, True),
        ]  # fmt: skip


def test_a_slow_question_left_blank_is_called_unanswered_not_wrong(tmp_path: Path) -> None:
    from exam_sim.present import insight_lines

    with History(tmp_path / "h.sqlite3") as history:
        session, clock = _session(history)
        clock.now += 50.0  # looked at for 50 s, then skipped
        session.next()
        clock.now += 20.0
        session.answer(2)  # kinesis's key is B: wrong
        session.next()
        session.submit()
        pace = pacing(session.attempt)
        assert [(q.number, q.right, q.answered) for q in pace.slowest] == [
            (1, False, False), (2, False, True),
        ]  # fmt: skip
        lines = insight_lines(None, change_summary(session.attempt), pace, {})
        assert "Slowest: question 1 (0:50, unanswered), question 2 (0:20, wrong)" in lines


def test_an_untimed_attempt_sets_its_times_against_the_exam_pace_not_a_budget() -> None:
    """An untimed drill had no budget: its time by topic says the exam's pace instead."""
    from exam_sim.present import insight_lines

    timed, untimed = make_attempt(), make_attempt(time_limit_seconds=None)
    for attempt in (timed, untimed):
        attempt.answers = [
            Answer(position=n, choice=0, seconds=20.0) for n in range(len(attempt.questions))
        ]
    assert pacing(timed).timed and not pacing(untimed).timed
    changes = change_summary(timed)
    names: dict[str | None, str] = {}
    timed_lines = insight_lines(None, changes, pacing(timed), names)
    untimed_lines = insight_lines(None, changes, pacing(untimed), names)
    assert any(line.startswith("Time by topic (used of budget): ") for line in timed_lines)
    # "0:01 of 14:00" stays on one line where a narrow terminal wraps the list.
    by_topic = next(line for line in timed_lines if line.startswith("Time by topic"))
    assert re.search(r"\d:\d\d\u00a0of\u00a0\d+:\d\d", by_topic), by_topic
    assert any(
        line.startswith("Time by topic (used, against the exam's pace): ") for line in untimed_lines
    )
    # A study session is paced by the schedule, not the exam: no time by topic, and the
    # slowest questions still said.
    study = make_attempt(mode=AttemptMode.STUDY, time_limit_seconds=None)
    study.answers = [
        Answer(position=n, choice=0, seconds=20.0) for n in range(len(study.questions))
    ]
    study_lines = insight_lines(None, change_summary(study), pacing(study), names)
    assert pacing(study).domains == () and pacing(untimed).domains
    assert not any(line.startswith("Time by topic") for line in study_lines)
    assert any(line.startswith("Slowest: ") for line in study_lines)
    # The topics in the order they are named (the deck's, as the score table lists them),
    # not the order of the questions.
    topics = list(dict.fromkeys(q.topic for q in timed.questions))
    assert len(topics) > 1
    names = {topic: f"Topic {topic}" for topic in reversed(topics)}
    by_topic = next(line for line in insight_lines(None, changes, pacing(timed), names)
                    if line.startswith("Time by topic"))  # fmt: skip
    shown = [by_topic.index(f"Topic {topic} ") for topic in reversed(topics)]
    assert shown == sorted(shown), by_topic


def test_a_confident_error_is_asked_again_once_at_the_end(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history:
        session, _ = _session(history, AttemptMode.STUDY)
        session.answer(1)  # wrong
        session.mark_confidence(Confidence.SURE)
        assert session.ask_again_if_confident_error()
        assert not session.ask_again_if_confident_error()  # already coming back
        assert session.total == 4
        again = session.questions[3]
        assert again.card_id == "translate" and again.stem == session.questions[0].stem
        stored = history.load_attempt(session.attempt.id or 0)
        assert len(stored.questions) == 4 and history.attempts()[0].question_count == 4
        session.go(3)
        session.answer(again.answer)
        session.mark_confidence(Confidence.SURE)
        assert not session.ask_again_if_confident_error()  # right now
        session.submit()
        ratings = [int(r.rating) for card, r in history.review_log("aws") if card == "translate"]
        assert ratings == [1, 3]  # Again, then Good: the card comes back soon
        buffer = io.StringIO()
        history.export_json(buffer)
        (document,) = json.loads(buffer.getvalue())["attempts"]
        assert document["insights"]["confidence"]["cbm_score"] == -6 + 3
        assert document["insights"]["changes"]["wrong_to_right"] == 0
        # Study is paced by the schedule, not against the exam: no time by topic.
        assert document["insights"]["pacing"]["domains"] == []


def test_history_show_prints_the_insights(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with History(home / "history.sqlite3") as history:
        session, clock = _session(history)
        clock.now = 40.0
        session.answer(1)
        session.answer(0)
        session.mark_confidence(Confidence.UNSURE)
        session.submit()
    code, out, _ = run_cli(monkeypatch, capsys, ["history", "show", "1"])
    assert code == 0
    assert "Confidence: unsure 1/1 right (100 %) · certainty-based score +2 of +3" in out
    assert "Answer changes: 1 wrong → right, 0 right → wrong, 0 wrong → wrong" in out
    assert "Time by topic (used of budget): " in out
    assert "Slowest: question 1 (0:40, right)" in out


def test_a_topic_never_reached_shows_its_budget_unused() -> None:
    """A timed attempt whose last topic's questions were never visited still lists it,
    "0:00 of …": the learner sees the time left on the table, not a missing topic."""
    from exam_sim.present import insight_lines

    attempt = make_attempt()
    topics = list(dict.fromkeys(q.topic for q in attempt.questions))
    last = topics[-1]
    attempt.answers = [
        Answer(position=n, choice=0, seconds=20.0)
        if q.topic != last
        else Answer(position=n, choice=None, seconds=0.0)
        for n, q in enumerate(attempt.questions)
    ]
    names = {topic: f"Topic {topic}" for topic in topics}
    lines = insight_lines(None, change_summary(attempt), pacing(attempt), names)
    by_topic = next(line for line in lines if line.startswith("Time by topic"))
    assert f"Topic {last} 0:00\u00a0of\u00a0" in by_topic, by_topic
