"""Every item kind through planning, the session, scoring, the history and resume."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from exam_sim.decks.native import read_native
from exam_sim.enums import AttemptMode, ItemKind
from exam_sim.exam import ExamSession, SessionError, SessionRequest, plan_session
from exam_sim.exam.planning import plan_mock, plan_retry
from exam_sim.generator import generator_for
from exam_sim.history import History
from exam_sim.history.schema import MIGRATIONS
from exam_sim.models import Answer, Attempt, Confidence, Deck, Question

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def deck() -> Deck:
    return read_native(DATA / "authored.toml")


def _mock(deck: Deck, seed: int = 3) -> tuple[Question, ...]:
    return plan_mock(generator_for(deck), seed=seed).questions


def _by_kind(questions: tuple[Question, ...]) -> dict[ItemKind, int]:
    return {q.kind: n for n, q in enumerate(questions)}


@pytest.mark.parametrize("seed", range(6))
def test_a_mock_mixes_authored_items_by_topic_keeps_cases_together_and_marks_unscored(
    deck: Deck, seed: int
) -> None:
    questions = _mock(deck, seed)
    assert len(questions) == 10
    assert set(_by_kind(questions)) == set(ItemKind)  # every authored item, since 10 = all
    topics = [q.topic for q in questions]
    assert topics.count("data") == topics.count("ops") == 5  # blueprint weights 0.5 / 0.5
    cased = [n for n, q in enumerate(questions) if q.scenario]
    assert len(cased) == 2 and cased[1] == cased[0] + 1
    assert sum(not q.scored for q in questions) == 2  # blueprint unscored = 2 of 10


def test_generated_kinds_come_in_by_the_blueprints_shares() -> None:
    from exam_sim.decks import resolve_deck

    bundled = resolve_deck("aws-ml-specialty")
    blueprint = bundled.effective_blueprint.model_copy(
        update={"multiple_response": 0.2, "matching": 0.1}
    )
    mixed = bundled.model_copy(update={"blueprint": blueprint})
    kinds = [q.kind for q in plan_mock(generator_for(mixed), seed=1).questions]
    assert len(kinds) == 65
    assert kinds.count(ItemKind.MULTIPLE) >= 8 and kinds.count(ItemKind.MATCHING) >= 4
    assert kinds.count(ItemKind.SINGLE) >= 45


def _session(deck: Deck, mode: AttemptMode = AttemptMode.MOCK, store: History | None = None,
             ) -> ExamSession:  # fmt: skip
    request = SessionRequest(mode=mode, seed=3)
    setup = plan_session(request, deck)
    return ExamSession(setup.new_attempt(), store=store)


def _key(question: Question) -> tuple[int, ...]:
    return question.key_set


def test_each_kind_scores_all_or_nothing_and_counts_in_its_topic(deck: Deck) -> None:
    session = _session(deck)
    positions = _by_kind(session.questions)
    for kind, position in positions.items():
        session.go(position)
        question = session.question
        if kind is ItemKind.SINGLE:
            session.answer(question.answer)
        elif kind is ItemKind.MULTIPLE:
            session.respond(question.key_set[:1])  # one of two: not enough
            assert not session.answer_state.is_correct(question)
            assert session.answer_state.choice is None  # half given: still unanswered
            session.respond(
                (
                    question.key_set[0],
                    next(n for n in range(len(question.options)) if n not in question.keys),
                )
            )
            assert session.answer_state.choice == -1  # answered, summarised as wrong
            session.respond(question.key_set)
        elif kind is ItemKind.ORDERING:
            right = question.keys
            session.respond((right[1], right[0], *right[2:]))  # two steps swapped
            assert not session.answer_state.is_correct(question)
        else:
            session.respond(question.keys)
        assert (session.answer_state.choice is not None) is True
    session.submit()
    report = session.report
    assert report is not None
    scored_kinds = {q.kind.value for q in session.questions if q.scored}
    assert set(report.kinds) == scored_kinds
    if "ordering" in report.kinds:
        assert report.kinds["ordering"][0] == 0  # all or nothing: swapped steps score 0
    assert report.total == 8 and report.unscored == 2
    assert sum(t.total for t in report.topics) == 8


def test_responses_are_checked_in_one_sentence(deck: Deck) -> None:
    session = _session(deck)
    positions = _by_kind(session.questions)
    session.go(positions[ItemKind.MULTIPLE])
    with pytest.raises(SessionError, match="choose at most 2 options"):
        session.respond((0, 1, 2))
    with pytest.raises(SessionError, match=r"takes one option|is a multiple response item"):
        session.answer(0)
    session.go(positions[ItemKind.ORDERING])
    with pytest.raises(SessionError, match="put the 4 steps in order, each once"):
        session.respond((0, 0, 1, 2))
    session.go(positions[ItemKind.SINGLE])
    with pytest.raises(SessionError, match="takes one option"):
        session.respond((0,))


def test_a_drill_keeps_the_first_whole_answer_a_mock_lets_it_change(
    deck: Deck, tmp_path: Path
) -> None:
    """A drill's feedback shows the key: an answer changed after it would score (and
    schedule) what the learner was told. A mock's answers change until it is submitted."""
    with History(tmp_path / "h.sqlite3") as history:
        mock = _session(deck, store=history)
        mock.go(_by_kind(mock.questions)[ItemKind.SINGLE])
        wrong = (mock.question.answer + 1) % len(mock.question.options)
        mock.answer(wrong)
        assert not mock.answer_is_final()
        mock.answer(mock.question.answer)  # changed in a mock: fine
        mock.clear()

        drill = _session(deck, AttemptMode.DRILL, store=history)
        for kind, position in _by_kind(drill.questions).items():
            drill.go(position)
            question = drill.question
            if kind is ItemKind.SINGLE:
                wrong = (question.answer + 1) % len(question.options)
                assert drill.answer(wrong) is not None  # feedback: the key is shown
            elif kind is ItemKind.MATCHING:
                drill.respond((*question.keys[1:], question.keys[0]))
            else:
                drill.respond(tuple(reversed(question.key_set)))
                if kind is ItemKind.MULTIPLE:  # the keys in any order: right, so…
                    assert drill.answer_state.is_correct(question)
            assert drill.answer_is_final()
            given = drill.answer_state
            refused = rf"question {position + 1} is answered, and its feedback has shown"
            with pytest.raises(SessionError, match=refused):
                if kind is ItemKind.SINGLE:
                    drill.answer(question.answer)
                else:
                    drill.respond(question.key_set)
            with pytest.raises(SessionError, match=refused):
                drill.clear()
            assert drill.answer_state == given
            drill.next()
        attempt_id = drill.attempt.id
        drill.close()

        # Asked how sure first, the feedback waits: until marked, the answer may change.
        request = SessionRequest(mode=AttemptMode.DRILL, seed=3, confidence=True)
        marked = ExamSession(plan_session(request, deck).new_attempt(), store=history)
        marked.go(_by_kind(marked.questions)[ItemKind.SINGLE])
        key = marked.question.answer
        assert marked.answer((key + 1) % len(marked.question.options)) is not None
        assert not marked.answer_is_final()  # its mark is asked: no feedback shown yet
        marked.answer(key)
        marked.mark(Confidence.SURE)
        assert marked.answer_is_final() and marked.answer_state.choice == key
        marked.close()

        # Study shows the feedback at once and asks the mark after it: final at once.
        study = SessionRequest(mode=AttemptMode.STUDY, seed=3)
        studying = ExamSession(plan_session(study, deck, history=history).new_attempt(),
                               store=history)  # fmt: skip
        question = studying.question
        assert studying.answer((question.answer + 1) % len(question.options)) is not None
        assert studying.awaiting_mark == 0 and studying.answer_is_final()
        with pytest.raises(SessionError, match="the first answer stands"):
            studying.answer(question.answer)
        studying.close()
        assert attempt_id is not None
        stored = history.load_attempt(attempt_id).answers  # nothing else reached the file
        assert [a.choice for a in stored] == [a.choice for a in drill.answers]


def test_every_answer_of_every_kind_and_strike_outs_survive_a_reopen(
    deck: Deck, tmp_path: Path
) -> None:
    path = tmp_path / "history.sqlite3"
    with History(path) as history:
        session = _session(deck, store=history)
        positions = _by_kind(session.questions)
        given: dict[int, Answer] = {}
        for kind, position in positions.items():
            session.go(position)
            question = session.question
            session.strike(len(question.options) - 1)
            if kind is ItemKind.SINGLE:
                session.answer(0)
            elif kind is ItemKind.MATCHING:
                session.respond((question.keys[0], -1, question.keys[2]))  # one left open
            else:
                session.respond(tuple(reversed(question.key_set)))
            given[position] = session.answer_state
        attempt_id = session.attempt.id
        assert attempt_id is not None
    with History(path) as history:
        loaded = history.load_attempt(attempt_id)
    assert loaded.questions == session.questions
    for position, answer in given.items():
        # Time spent is charged on leaving a question, after the answer was taken here.
        keep = {"position", "choice", "response", "struck", "changes", "flagged"}
        assert loaded.answers[position].model_dump(include=keep) == answer.model_dump(include=keep)
        assert loaded.answers[position].struck
    resumed = ExamSession(loaded)
    assert resumed.answered_count() == len(given) - 1  # the half-matched item is not answered


def test_a_retry_reshuffles_every_kind_and_its_keys_follow(deck: Deck) -> None:
    questions = _mock(deck)
    attempt = Attempt(
        id=1, deck_id=deck.id, deck_title=deck.title, mode=AttemptMode.MOCK,
        started_at="2026-01-01T00:00:00+00:00", blueprint=deck.effective_blueprint,
        questions=questions, answers=[Answer(position=n) for n in range(len(questions))],
    )  # fmt: skip
    retried = plan_retry(attempt, seed=5).questions
    for before, after in zip(questions, retried, strict=True):
        keyed = [before.options[k] for k in before.key_set]
        again = [after.options[k] for k in after.key_set]
        if before.kind is ItemKind.MULTIPLE:
            assert sorted(keyed) == sorted(again)
        else:
            assert keyed == again
        if before.kind is ItemKind.ORDERING:
            assert list(after.keys) != sorted(after.keys)


def test_a_version_2_history_gains_the_item_columns_and_keeps_its_answers(
    tmp_path: Path, deck: Deck
) -> None:
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    for step in MIGRATIONS[:2]:
        step(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with History(path) as history:
        session = _session(deck, store=history)
        position = _by_kind(session.questions)[ItemKind.MULTIPLE]
        session.go(position)
        session.respond(session.question.key_set)
        attempt_id = session.attempt.id
        assert attempt_id is not None
        assert history.load_attempt(attempt_id).answers[position].response == (
            session.question.key_set
        )
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == len(MIGRATIONS)


def test_a_mock_with_unscored_items_is_submitted_and_stored(deck: Deck, tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history:
        session = _session(deck, store=history)
        for position, question in enumerate(session.questions):
            session.go(position)
            if question.kind is ItemKind.SINGLE:
                session.answer(question.answer)
            else:
                session.respond(question.key_set)
        report = session.submit()
        assert (report.correct, report.total, report.unscored) == (8, 8, 2)
        attempt_id = session.attempt.id
        assert attempt_id is not None
        assert history.load_report(attempt_id) == report


def _wrong_whole(question: Question) -> tuple[int, ...]:
    """A whole response of the item that is not its key."""
    key = question.key_set
    if question.kind is ItemKind.MULTIPLE:
        others = [n for n in range(len(question.options)) if n not in key]
        return tuple(sorted([*key[:-1], others[0]]))
    if question.kind is ItemKind.ORDERING:
        return key[1:] + key[:1]
    return tuple((n + 1) % len(question.options) for n in key)  # matching: every pair off


@pytest.mark.parametrize("seed", range(4))
def test_the_forecast_reads_each_answer_right_or_wrong_as_the_attempt_scores_it(
    deck: Deck, seed: int, tmp_path: Path
) -> None:
    """`History.outcomes` (a query, without the questions' texts) says what
    `Answer.is_correct` says of every question of a stored mock: every kind, answered
    right, wrong, half-given or not at all."""
    with History(tmp_path / "h.sqlite3") as history:
        setup = plan_session(
            SessionRequest(mode=AttemptMode.MOCK, seed=seed), deck, history=history
        )
        session = ExamSession(setup.new_attempt(), store=history)
        for position, question in enumerate(session.questions):
            session.go(position)
            how = (position + seed) % 4
            if how == 0:
                continue
            if question.kind is ItemKind.SINGLE:
                session.answer(question.answer if how == 1 else (question.answer + 1) % 4)
            elif how == 1:
                session.respond(question.key_set)
            elif how == 2:
                session.respond(_wrong_whole(question))
            elif question.kind is ItemKind.MATCHING:  # half-given: not answered
                session.respond((question.key_set[0], *[-1] * (len(question.key_set) - 1)))
            else:
                session.respond(question.key_set[:1])
        session.submit()
        attempt = history.load_attempt(session.attempt.id)
        expected = [
            (q.card_id, a.is_correct(q))
            for q, a in zip(attempt.questions, attempt.answers, strict=True)
        ]
        assert history.outcomes(session.attempt.id) == expected
        assert any(right for _, right in expected) and not all(right for _, right in expected)
