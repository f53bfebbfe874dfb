"""Spaced repetition: the rating of an answer, each card's FSRS memory in the history
(written when an attempt finishes, replayed when one is deleted, equal to a rebuild), the
study queue and the Home summary."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fsrs import Rating
from hypothesis import given, settings
from hypothesis import strategies as st
from support.history import answer, make_attempt, report_for

from exam_sim.history import History
from exam_sim.history.memory import refresh_cards
from exam_sim.models import AttemptMode, AttemptStatus, Confidence
from exam_sim.present import wait_text
from exam_sim.present.study import due_line
from exam_sim.schedule.evidence import replayed_before, sightings
from exam_sim.schedule.memory import Review, replay
from exam_sim.schedule.rating import SLOW_SECONDS, rating_for
from exam_sim.schedule.study import due_summary, interleave, study_queue

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("correct", "seconds", "changes", "confidence", "feedback", "rating"),
    [
        (False, 5, 0, None, False, Rating.Again),
        (False, 5, 0, Confidence.SURE, False, Rating.Again),
        (True, 5, 0, Confidence.GUESS, False, Rating.Again),
        (True, 5, 0, Confidence.UNSURE, False, Rating.Hard),
        (True, SLOW_SECONDS + 1, 0, None, False, Rating.Hard),
        (True, 5, 1, None, False, Rating.Hard),  # changed wrong → right in a mock
        (True, 5, 1, None, True, Rating.Again),  # changed after seeing the key
        (True, 5, 0, None, False, Rating.Good),
        (True, 5, 0, Confidence.SURE, True, Rating.Good),
    ],
)
def test_rating_of_an_answer(
    correct: bool,
    seconds: float,
    changes: int,
    confidence: Confidence | None,
    feedback: bool,
    rating: Rating,
) -> None:
    got = rating_for(
        correct=correct, seconds=seconds, changes=changes, confidence=confidence, feedback=feedback
    )
    assert got is rating


def test_replay_is_deterministic_and_a_lapse_brings_the_card_back_soon() -> None:
    good = [Review(T0, Rating.Good), Review(T0 + timedelta(minutes=11), Rating.Good)]
    first, second = replay("c", good), replay("c", good)
    assert first == second and first is not None
    assert first.due > T0 + timedelta(days=1)
    lapsed = replay("c", [*good, Review(first.due, Rating.Again)])
    assert lapsed is not None and lapsed.lapses == 1
    assert lapsed.due - first.due < timedelta(hours=1)
    assert replay("c", []) is None


def _finish(history: History, attempt_id: int, answers: dict[int, int | None], at: str) -> None:
    attempt = history.load_attempt(attempt_id)
    for position, choice in answers.items():
        history.save_answer(attempt_id, answer(position, choice, seconds=4.0))
    history.finish_attempt(
        attempt_id,
        status=AttemptStatus.SUBMITTED,
        finished_at=at,
        elapsed_seconds=30.0,
        report=report_for(attempt, answers),
    )


def _memory_rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT * FROM card_memory ORDER BY deck_id, card_id").fetchall()
    conn.close()
    return rows


def test_finishing_writes_one_review_per_answered_question(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history:
        attempt_id = history.create_attempt(make_attempt())
        assert history.memories("aws") == {}  # nothing until it is finished
        _finish(history, attempt_id, {0: 0, 1: 0, 2: None}, "2026-03-01T10:00:00+00:00")
        log = history.review_log("aws")
        # translate right (Good), kinesis wrong (Again), transcribe unanswered: no review.
        assert [(card, r.rating) for card, r in log] == [
            ("translate", Rating.Good),
            ("kinesis", Rating.Again),
        ]
        memories = history.memories("aws")
        assert set(memories) == {"translate", "kinesis"}
        assert memories["kinesis"].due < memories["translate"].due


def test_deleting_an_attempt_replays_the_cards_without_it(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        first = history.create_attempt(make_attempt())
        _finish(history, first, {0: 0, 1: 1}, "2026-03-01T10:00:00+00:00")
        after_first = _memory_rows(path)
        second = history.create_attempt(make_attempt(started_at="2026-03-02T10:00:00+00:00"))
        _finish(history, second, {0: 1, 1: 1, 2: 2}, "2026-03-02T10:30:00+00:00")
        assert _memory_rows(path) != after_first
        history.delete_attempt(second)
        assert _memory_rows(path) == after_first
        history.delete_attempt(first)
        assert history.memories("aws") == {}
        assert history.review_log("aws") == []


def sessions_with(third: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    """1-6 finished attempts of the three standard questions: each one's choices, its
    finish in minutes after T0, and `third` of it."""
    choices = st.lists(st.sampled_from([None, 0, 1, 2]), min_size=3, max_size=3)
    minutes = st.integers(min_value=0, max_value=20 * 24 * 60)
    return st.lists(st.tuples(choices, minutes, third), min_size=1, max_size=6)


@settings(max_examples=25, deadline=None)
@given(sessions_with(st.booleans()))  # the third: delete it afterwards
def test_running_memory_always_equals_a_rebuild(
    tmp_path_factory: pytest.TempPathFactory, sessions: list[tuple[list[int | None], int, bool]]
) -> None:
    path = tmp_path_factory.mktemp("memory") / "h.sqlite3"
    with History(path) as history:
        ids = []
        for choices, minutes, _ in sessions:
            attempt_id = history.create_attempt(make_attempt())
            at = (T0 + timedelta(minutes=minutes)).isoformat(timespec="seconds")
            _finish(history, attempt_id, dict(enumerate(choices)), at)
            ids.append(attempt_id)
        for attempt_id, (_, _, delete) in zip(ids, sessions, strict=True):
            if delete:
                history.delete_attempt(attempt_id)
        running = _memory_rows(path)
        # Finishing adds an attempt's reviews to the stored memory when they are the
        # card's latest (memory._advance): the same as replaying every review of each card.
        cards = {card for card, _ in history.review_log("aws")}
        with history._write() as conn:
            refresh_cards(conn, "aws", cards)
        assert _memory_rows(path) == running
        history.rebuild_memory()
        assert _memory_rows(path) == running


def test_study_queue_takes_due_cards_first_then_a_daily_limit_of_new_ones() -> None:
    cards = ["a", "b", "c", "d", "e", "f"]
    memories = {
        "a": replay("a", [Review(T0, Rating.Again)]),  # due a minute later
        "b": replay("b", [Review(T0, Rating.Good), Review(T0, Rating.Good)]),  # due in days
    }
    known = {k: v for k, v in memories.items() if v is not None}
    now = T0 + timedelta(minutes=5)
    queue = study_queue(cards, known, now=now, new_today=1, new_per_day=3)
    assert queue.due == ("a",)
    assert queue.new == ("c", "d")  # three a day, one already introduced today
    assert study_queue(cards, known, now=now, new_today=3, new_per_day=3).new == ()
    capped = study_queue(cards, known, now=now, new_today=0, new_per_day=10, limit=2)
    assert capped.card_ids == ("a", "c")
    summary = due_summary(cards, known, now=now, new_today=1, new_per_day=3)
    assert (summary.due_now, summary.new_today, summary.reviewed) == (1, 2, 2)


def test_new_cards_that_cannot_be_asked_are_passed_over_and_nothing_due_says_when() -> None:
    """A study session's new cards are the first that can be asked (`askable`: one that
    cannot would stay new for ever, ahead of the others); with none to ask, the reason
    says when the next review is, and which limit was reached."""
    from exam_sim.exam.request import nothing_due
    from exam_sim.schedule.study import NewCards

    cards = ["a", "b", "c", "d", "e", "f"]
    known = {"a": replay("a", [Review(T0, Rating.Again)])}  # due a minute after T0
    queue = study_queue(cards, known, now=T0, new_today=0, new_per_day=3)
    assert (queue.due, queue.new, queue.later) == ((), ("b", "c", "d"), ("e", "f"))
    assert queue.next_due == known["a"].due
    assert queue.askable(lambda card: card not in ("b", "d")).new == ("c", "e", "f")
    assert queue.askable(lambda card: card == "f").new == ("f",)
    assert queue.askable(lambda card: False).card_ids == ()
    assert nothing_due("Deck", queue, T0) == (
        "no card of Deck is due yet (the next in 1 min), and none of the 5 new cards left "
        "can be asked (exam-sim check says why)"
    )
    done = study_queue(cards, known, now=T0, new_today=3, new_per_day=3)
    assert done.card_ids == ()
    assert nothing_due("Deck", done, T0, NewCards(3)) == (
        "no card of Deck is due yet (the next in 1 min), and today's 3 new cards are done"
    )
    seen = {card: replay(card, [Review(T0, Rating.Good)]) for card in cards}
    later = T0 + timedelta(days=400)  # every card due long ago: due now, nothing to say
    assert study_queue(cards, seen, now=later, new_today=0).due
    all_seen = study_queue(cards, seen, now=T0, new_today=0)
    assert nothing_due("Deck", all_seen, T0, NewCards()).endswith(", and none is new")
    assert nothing_due("Deck", queue, T0, NewCards(0)).endswith(
        ", and new cards are set to 0 a day"
    )
    assert nothing_due("Deck", study_queue([], {}, now=T0, new_today=0), T0, NewCards()) == (
        "no card of Deck is due, and none is new"
    )


def test_new_cards_alternate_between_topics() -> None:
    topics = {"a1": "a", "a2": "a", "a3": "a", "b1": "b", "c1": "c"}
    assert interleave(list(topics), topics) == ["a1", "b1", "c1", "a2", "a3"]


def test_home_line_says_how_many_are_due_and_when_the_next_is() -> None:
    cards = ["a", "b"]
    memory = replay("a", [Review(T0, Rating.Good), Review(T0, Rating.Good)])
    assert memory is not None
    summary = due_summary(cards, {"a": memory}, now=T0, new_today=0, new_per_day=0)
    line = due_line(summary, T0)
    assert line.startswith("0 due today · next review in ")
    # Every card due today due now: said once.
    later = T0 + timedelta(days=400)
    both = due_summary(cards, {"a": memory}, now=later, new_today=0, new_per_day=0)
    assert both.due_now == both.due_today == 1
    assert due_line(both, later) == "1 due now"
    assert wait_text(3 * 3600) == "in 3 h"
    assert wait_text(90) == "in 2 min"
    assert wait_text(-1) == "now"
    assert wait_text(3 * 86400) == "in 3 days"


def test_study_mode_is_a_feedback_mode() -> None:
    assert AttemptMode.STUDY.gives_feedback
    assert AttemptMode.STUDY.label == "Study"


def _review_rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT * FROM reviews ORDER BY attempt_id, position").fetchall()
    conn.close()
    return rows


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(
                st.just("finish"),
                st.lists(st.sampled_from([None, 0, 1, 2]), min_size=3, max_size=3),
                # few distinct times, so attempts often share one (the order then goes by id)
                st.sampled_from([0, 11, 24 * 60, 20 * 24 * 60]),
            ),
            st.tuples(st.just("delete"), st.integers(min_value=0, max_value=9), st.just(0)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_deleting_restores_from_the_stored_states_exactly_as_a_full_replay(
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple[str, object, int]],
) -> None:
    """Finishes and deletes in any order, an old attempt as often as the latest: the card
    memory and the state stored with each review (version 8) are what replaying every
    remaining review from scratch gives."""
    path = tmp_path_factory.mktemp("delete") / "h.sqlite3"
    with History(path) as history:
        alive: list[int] = []
        for kind, arg, minutes in steps:
            if kind == "finish":
                assert isinstance(arg, list)
                attempt_id = history.create_attempt(make_attempt())
                at = (T0 + timedelta(minutes=minutes)).isoformat(timespec="seconds")
                _finish(history, attempt_id, dict(enumerate(arg)), at)
                alive.append(attempt_id)
            elif alive:
                assert isinstance(arg, int)
                history.delete_attempt(alive.pop(arg % len(alive)))
        running = (_memory_rows(path), _review_rows(path))
        assert all(row[6] is not None for row in running[1])  # every review has its state
        cards = {card for card, _ in history.review_log("aws")}
        with history._write() as conn:
            refresh_cards(conn, "aws", cards)  # every review of each card, from scratch
        assert (_memory_rows(path), _review_rows(path)) == running
        history.rebuild_memory()
        assert (_memory_rows(path), _review_rows(path)) == running


_ALL_WRONG = {0: 1, 1: 0, 2: 0}  # every key missed: three reviews rated Again


def test_deleting_an_old_attempt_replays_only_until_the_cards_meet_their_stored_states(
    tmp_path: Path,
) -> None:
    """After a run of Agains FSRS's state no longer depends on an early review (about 35
    reviews later the replayed state is bit for bit the stored one): deleting the second
    of 150 attempts rewrites the states up to there only, not the 444 after it, and
    leaves exactly what a full replay gives."""
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        ids = []
        for hour in range(150):
            attempt_id = history.create_attempt(make_attempt())
            at = (T0 + timedelta(hours=hour)).isoformat(timespec="seconds")
            _finish(history, attempt_id, _ALL_WRONG, at)
            ids.append(attempt_id)
        later = 3 * 148
        before = history._db.total_changes
        history.delete_attempt(ids[1])
        assert history._db.total_changes - before < later / 3
        running = (_memory_rows(path), _review_rows(path))
        assert [m.reviews for m in history.memories("aws").values()] == [149] * 3
        assert [m.lapses for m in history.memories("aws").values()] == [149] * 3
        with history._write() as conn:
            refresh_cards(conn, "aws", ["translate", "kinesis", "transcribe"])
        assert (_memory_rows(path), _review_rows(path)) == running


@settings(max_examples=8, deadline=None)
@given(
    st.lists(
        st.sampled_from([_ALL_WRONG, _ALL_WRONG, _ALL_WRONG, {0: 0, 1: 1, 2: 2}, {0: None}]),
        min_size=40,
        max_size=70,
    ),
    st.lists(st.integers(min_value=0, max_value=69), min_size=1, max_size=3),
    st.sampled_from([11, 60, 24 * 60]),  # minutes between attempts
)
def test_deleting_old_attempts_of_long_histories_equals_a_full_replay(
    tmp_path_factory: pytest.TempPathFactory,
    sessions: list[dict[int, int | None]],
    deleted: list[int],
    gap: int,
) -> None:
    """Long histories, where a delete's replay can meet the stored states (and stop) or
    run to the end: the memory and every stored state are what a full replay gives."""
    path = tmp_path_factory.mktemp("long") / "h.sqlite3"
    with History(path) as history:
        alive = []
        for number, choices in enumerate(sessions):
            attempt_id = history.create_attempt(make_attempt())
            at = (T0 + timedelta(minutes=gap * number)).isoformat(timespec="seconds")
            _finish(history, attempt_id, choices, at)
            alive.append(attempt_id)
        for index in deleted:
            history.delete_attempt(alive.pop(index % len(alive)))
        running = (_memory_rows(path), _review_rows(path))
        with history._write() as conn:
            refresh_cards(conn, "aws", ["translate", "kinesis", "transcribe"])
        assert (_memory_rows(path), _review_rows(path)) == running


def test_a_card_asked_again_is_one_card_studied_and_never_waits_in_the_queue(
    tmp_path: Path,
) -> None:
    """A confident error is asked again at the end of a study session: the end line counts
    it as one card (and says the answers), and stopping before it says no card waits."""
    from exam_sim.decks import resolve_deck
    from exam_sim.exam import ExamSession, SessionRequest, plan_session, topic_names_of
    from exam_sim.present.study import studied_line

    deck = resolve_deck("aws-ml-specialty")
    with History(tmp_path / "history.sqlite3") as history:
        for stop_before_it in (False, True):
            request = SessionRequest(mode=AttemptMode.STUDY, count=2, seed=5)
            setup = plan_session(request, deck, history=history)
            session = ExamSession(
                setup.new_attempt(), store=history, topic_names=topic_names_of(deck)
            )
            first = session.questions[0]
            session.answer((first.answer + 1) % len(first.options))  # wrong, and sure
            assert session.mark(Confidence.SURE)  # asked again at the end
            session.go(1)
            session.answer(session.questions[1].answer)
            if not stop_before_it:
                session.go(2)
                assert session.questions[2].card_id == first.card_id
                session.answer(session.questions[2].answer)
            report = session.submit()
            line = studied_line(report, session.not_reached, session.cards_answered())
            if stop_before_it:
                assert session.not_reached == 0 and line == "Studied 2 cards: 1 right."
            else:
                assert line == "Studied 2 cards: 2 right of 3 answers."


def test_a_stopped_study_session_keeps_only_the_cards_it_asked(tmp_path: Path) -> None:
    """Stopping after two of ten cards: the eight never shown leave the attempt, so they
    are neither missed nor seen in the score, the topic totals, the card statistics or the
    weak-spot note, and they stay new in the schedule."""
    from exam_sim.decks import resolve_deck
    from exam_sim.exam import ExamSession, SessionRequest, plan_session, topic_names_of
    from exam_sim.exam.planning import with_weak_summary
    from exam_sim.exam.weak_spots import weak_card_history

    deck = resolve_deck("aws-ml-specialty")
    with History(tmp_path / "history.sqlite3") as history:
        request = SessionRequest(mode=AttemptMode.STUDY, count=10, seed=5)
        setup = plan_session(request, deck, history=history)
        session = ExamSession(setup.new_attempt(), store=history, topic_names=topic_names_of(deck))
        assert session.total == 10
        asked = [q.card_id for q in session.questions[:2]]
        first = session.questions[0]
        session.answer((first.answer + 1) % len(first.options))  # wrong
        session.go(1)
        session.answer(session.questions[1].answer)  # right
        session.go(2)  # the third card on screen, never answered
        report = session.submit()
        assert (report.total, report.answered, report.correct) == (2, 2, 1)
        assert session.not_reached == 8 and session.total == 2
        stored = history.load_attempt(session.attempt.id or 0)
        assert [q.card_id for q in stored.questions] == asked
        assert history.load_report(stored.id or 0) == report
        stats = history.card_stats(deck.id)
        assert {card for card, s in stats.items() if s.seen} == set(asked)
        assert [stats[c].wrong + stats[c].unanswered for c in asked] == [1, 0]
        assert sum(t.total for t in history.topic_averages(deck.id)) == 2
        assert set(history.memories(deck.id)) == set(asked)
        known = weak_card_history(history, deck.id)
    drill = with_weak_summary(setup.plan, known)
    assert drill.notes[-1] == (
        "Chosen by weakness from your history, of 10 cards: 1 you missed before (all of "
        "them mistaken for another card), 1 you answered right before, 8 never seen."
    )


@settings(max_examples=25, deadline=None)
@given(
    sessions_with(st.sampled_from([AttemptMode.MOCK, AttemptMode.DRILL, AttemptMode.STUDY])),
    st.lists(st.integers(min_value=-60, max_value=21 * 24 * 60), min_size=1, max_size=4),
)
def test_what_the_forecast_reads_of_the_history_is_what_its_review_log_says(
    tmp_path_factory: pytest.TempPathFactory,
    sessions: list[tuple[list[int | None], int, AttemptMode]],
    moments: list[int],
) -> None:
    """The history reads the forecast's sightings and each card's memory before a moment
    with SQL and the states stored with each review; the core reads them from the review
    log (`evidence.sightings`, `evidence.replayed_before`): the same, in any history of
    mocks (which teach nothing), drills and study."""
    path = tmp_path_factory.mktemp("sightings") / "h.sqlite3"
    with History(path) as history:
        for choices, minutes, mode in sessions:
            attempt_id = history.create_attempt(make_attempt(mode=mode))
            at = (T0 + timedelta(minutes=minutes)).isoformat(timespec="seconds")
            _finish(history, attempt_id, dict(enumerate(choices)), at)
        log = history.review_log("aws")
        in_mocks = sum(
            choice is not None
            for choices, _, mode in sessions
            if mode is AttemptMode.MOCK
            for choice in choices
        )
        assert sum(not review.taught for _, review in log) == in_mocks
        assert history.sightings("aws") == sightings(log)
        cards = ["translate", "kinesis", "transcribe", "missing"]
        for minutes in moments:
            moment = T0 + timedelta(minutes=minutes, seconds=30)
            stored = history.memories_before("aws", cards, moment)
            replayed = replayed_before(log)(cards, moment)
            assert set(stored) == set(replayed)
            for card, memory in replayed.items():
                # Stored states keep times to the second: the same recall to the millionth.
                assert stored[card].state == memory.state
                assert stored[card].stability == pytest.approx(memory.stability)
                assert stored[card].recall_at(moment) == pytest.approx(memory.recall_at(moment))
