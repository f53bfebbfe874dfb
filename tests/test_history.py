"""The history store's API on a real SQLite file: writes, reads, statistics, exports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from support.history import (
    answer,
    make_attempt,
    make_question,
    report_for,
    standard_questions,
)

from exam_sim import history as history_module
from exam_sim.history import (
    SCHEMA_VERSION,
    AttemptSummary,
    History,
    HistoryError,
    TopicAverage,
    TopicTrendPoint,
)
from exam_sim.models import Attempt, AttemptMode, AttemptStatus, Direction
from exam_sim.present import EXPANSION_PROMPT, prompt
from exam_sim.report import confusion_sentence


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "sub" / "dir" / "history.sqlite3"


@pytest.fixture
def history(db: Path):
    with History(db) as opened:
        yield opened


def finish(history: History, attempt_id: int, answers: dict[int, int | None], when: str) -> None:
    attempt = history.load_attempt(attempt_id)
    for position, choice in answers.items():
        history.save_answer(attempt_id, answer(position, choice))
    history.finish_attempt(
        attempt_id,
        status=AttemptStatus.SUBMITTED,
        finished_at=when,
        elapsed_seconds=90.0,
        report=report_for(attempt, answers),
    )


# ----------------------------------------------------------------------- opening


def test_new_database_is_created_with_parents_wal_and_current_schema(db: Path) -> None:
    with History(db) as history:
        assert history.path == db
    assert db.is_file()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == history_module.APPLICATION_ID
    conn.close()


def test_connection_settings(history: History) -> None:
    conn = history._db
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == history_module.BUSY_TIMEOUT_MS


def test_open_default_uses_exam_sim_home_or_the_given_path(db: Path, tmp_path: Path) -> None:
    with History.open_default() as history:
        assert history.path == tmp_path / "home" / "history.sqlite3"
    with History.open_default(str(db)) as history:
        assert history.path == db


def test_reopening_keeps_data(db: Path) -> None:
    with History(db) as history:
        attempt_id = history.create_attempt(make_attempt())
    with History(db) as history:
        assert history.load_attempt(attempt_id).deck_id == "aws"


def test_closed_history_refuses_use(history: History) -> None:
    history.close()
    with pytest.raises(HistoryError, match="closed"):
        history.attempts()


# ----------------------------------------------------------------------- writes and reads


def test_attempt_round_trips_exactly_as_shown(history: History) -> None:
    original = make_attempt()
    attempt_id = history.create_attempt(original)
    loaded = history.load_attempt(attempt_id)
    assert loaded.id == attempt_id
    assert loaded.questions == original.questions
    assert loaded.blueprint == original.blueprint
    assert loaded.notes == original.notes
    assert loaded.deck_title == original.deck_title
    assert loaded.status is AttemptStatus.IN_PROGRESS
    assert [a.position for a in loaded.answers] == [0, 1, 2]
    assert all(a.choice is None and not a.flagged for a in loaded.answers)
    # Everything but the id and the answers padded to one per question is the same.
    assert loaded.model_dump(exclude={"id", "answers"}) == original.model_dump(
        exclude={"id", "answers"}
    )


def test_a_question_s_own_task_is_stored_and_shown_as_asked(history: History) -> None:
    asked = make_question("kinesis", ("polly", "translate"), direction=Direction.TERM_TO_DEFINITION)
    asked = asked.model_copy(update={"task": EXPANSION_PROMPT})
    usual = standard_questions()[0]
    attempt_id = history.create_attempt(make_attempt(questions=(asked, usual)))
    loaded = history.load_attempt(attempt_id).questions
    assert loaded == (asked, usual)
    assert prompt(loaded[0]) == EXPANSION_PROMPT
    assert prompt(loaded[1]) == "Which term matches this description?"


def test_create_keeps_answers_the_attempt_already_has(history: History) -> None:
    attempt = make_attempt().model_copy(
        update={"answers": [answer(1, 2, seconds=4.5, flagged=True)]}
    )
    attempt_id = history.create_attempt(attempt)
    loaded = history.load_attempt(attempt_id)
    assert loaded.answers[1].choice == 2 and loaded.answers[1].flagged
    assert history.attempts()[0].answered == 1


def test_create_rejects_finished_attempts(history: History) -> None:
    finished = make_attempt().model_copy(
        update={"status": AttemptStatus.SUBMITTED, "finished_at": "2026-01-01T11:00:00+00:00"}
    )
    with pytest.raises(ValueError, match="in progress"):
        history.create_attempt(finished)


def test_stored_questions_survive_text_with_quotes_newlines_and_markup(history: History) -> None:
    question = make_question("translate", ("transcribe",)).model_copy(
        update={"stem": 'Line one\nline "two" [bold]x[/bold] <b>y</b> ✓', "options": ("A\tb", "ü")}
    )
    attempt_id = history.create_attempt(make_attempt(questions=(question,)))
    assert history.load_attempt(attempt_id).questions == (question,)


def test_save_answer_upserts_every_field_and_counts_answered(history: History) -> None:
    attempt_id = history.create_attempt(make_attempt())
    history.save_answer(attempt_id, answer(0, 1, seconds=12.5, changes=0))
    history.save_answer(
        attempt_id,
        answer(0, 2, seconds=20.0, changes=1, flagged=True, confidence="sure", first_choice=1),
    )
    history.save_answer(attempt_id, answer(2, None, seconds=3.0, flagged=True))
    loaded = history.load_attempt(attempt_id)
    assert loaded.answers[0].model_dump() == {
        "position": 0,
        "choice": 2,
        "seconds": 20.0,
        "changes": 1,
        "flagged": True,
        "response": None,
        "struck": (),
        "confidence": "sure",
        "mark_skipped": False,
        "first_choice": 1,
    }
    assert loaded.answers[2].flagged and loaded.answers[2].choice is None
    summary = history.attempts()[0]
    assert summary.answered == 1
    # Clearing an answer counts down again.
    history.save_answer(attempt_id, answer(0, None))
    assert history.attempts()[0].answered == 0
    # A mark asked and skipped reads back as skipped, not as never asked.
    history.save_answer(attempt_id, answer(1, 0, mark_skipped=True))
    skipped = history.load_attempt(attempt_id).answers[1]
    assert skipped.mark_skipped and skipped.confidence is None


def test_save_answer_can_save_the_clock_in_the_same_transaction(history: History) -> None:
    attempt_id = history.create_attempt(make_attempt())
    history.save_answer(attempt_id, answer(0, 0), elapsed_seconds=42.0)
    assert history.load_attempt(attempt_id).elapsed_seconds == 42.0


def test_save_answer_refuses_bad_position_unknown_and_finished_attempts(history: History) -> None:
    attempt_id = history.create_attempt(make_attempt())
    with pytest.raises(HistoryError, match="no question 4"):
        history.save_answer(attempt_id, answer(3, 0))
    with pytest.raises(HistoryError, match="no attempt 99"):
        history.save_answer(99, answer(0, 0))
    finish(history, attempt_id, {0: 0}, "2026-01-01T10:05:00+00:00")
    with pytest.raises(HistoryError, match="already finished"):
        history.save_answer(attempt_id, answer(1, 0))
    with pytest.raises(HistoryError, match="already finished"):
        history.save_elapsed(attempt_id, 5.0)
    # The refused writes changed nothing.
    assert history.load_attempt(attempt_id).answers[1].choice is None


def test_save_elapsed_gives_time_left_for_resume(history: History) -> None:
    attempt_id = history.create_attempt(make_attempt(time_limit_seconds=600.0))
    history.save_elapsed(attempt_id, 250.0)
    (summary,) = history.unfinished()
    assert summary.elapsed_seconds == 250.0
    assert summary.time_left_seconds == 350.0
    assert history.load_attempt(attempt_id).elapsed_seconds == 250.0


def test_every_write_is_visible_to_another_connection_at_once(history: History, db: Path) -> None:
    attempt_id = history.create_attempt(make_attempt())
    history.save_answer(attempt_id, answer(1, 2, flagged=True))
    other = sqlite3.connect(db)
    try:
        row = other.execute(
            "SELECT choice, flagged FROM answers WHERE attempt_id = ? AND position = 1",
            (attempt_id,),
        ).fetchone()
        assert row == (2, 1)
        # And through a second History as well.
        with History(db) as second:
            assert second.load_attempt(attempt_id).answers[1].choice == 2
    finally:
        other.close()


def test_finish_stores_report_status_and_summary(history: History) -> None:
    attempt_id = history.create_attempt(make_attempt())
    assert history.load_report(attempt_id) is None
    attempt = history.load_attempt(attempt_id)
    report = report_for(attempt, {0: 0, 1: 0})
    history.save_answer(attempt_id, answer(0, 0))
    history.save_answer(attempt_id, answer(1, 0))
    history.finish_attempt(
        attempt_id,
        status=AttemptStatus.TIMED_OUT,
        finished_at="2026-01-01T10:10:00+00:00",
        elapsed_seconds=600.0,
        report=report,
    )
    assert history.load_report(attempt_id) == report
    loaded = history.load_attempt(attempt_id)
    assert loaded.status is AttemptStatus.TIMED_OUT
    assert loaded.finished_at == "2026-01-01T10:10:00+00:00"
    assert loaded.elapsed_seconds == 600.0
    (summary,) = history.attempts()
    assert (summary.correct, summary.scaled, summary.passed) == (1, report.scaled, False)
    assert summary.answered == 2 and summary.question_count == 3
    assert summary.finished and summary.percent == pytest.approx(100 / 3)
    assert history.unfinished() == []
    with pytest.raises(HistoryError, match="already finished"):
        history.finish_attempt(
            attempt_id,
            status=AttemptStatus.SUBMITTED,
            finished_at="2026-01-01T10:11:00+00:00",
            elapsed_seconds=1.0,
            report=report,
        )
    with pytest.raises(ValueError):
        history.finish_attempt(
            attempt_id,
            status=AttemptStatus.IN_PROGRESS,
            finished_at="x",
            elapsed_seconds=1.0,
            report=report,
        )


def test_load_unknown_attempt_is_a_clear_error(history: History) -> None:
    with pytest.raises(HistoryError, match="no attempt 5"):
        history.load_attempt(5)
    with pytest.raises(HistoryError, match="no attempt 5"):
        history.load_report(5)


def test_attempts_newest_first_with_filters(history: History) -> None:
    ids = [
        history.create_attempt(make_attempt(deck_id=deck, started_at=f"2026-01-0{day}T10:00:00Z"))
        for deck, day in (("aws", 1), ("gcp", 2), ("aws", 3), ("aws", 4))
    ]
    finish(history, ids[0], {0: 0}, "2026-01-01T11:00:00Z")
    assert [s.id for s in history.attempts()] == [ids[3], ids[2], ids[1], ids[0]]
    assert [s.id for s in history.attempts(deck_id="aws", limit=2)] == [ids[3], ids[2]]
    assert [s.id for s in history.attempts(status="submitted")] == [ids[0]]
    assert [s.id for s in history.attempts(status=[AttemptStatus.SUBMITTED])] == [ids[0]]
    assert [s.id for s in history.unfinished("aws")] == [ids[3], ids[2]]
    assert history.attempts(limit=0) == []
    assert history.attempts(status=[]) == []
    summary = history.attempts(deck_id="gcp")[0]
    assert isinstance(summary, AttemptSummary)
    assert summary.mode is AttemptMode.MOCK and summary.status is AttemptStatus.IN_PROGRESS
    assert summary.correct is None and summary.passed is None and summary.percent is None


def test_summary_objects_are_real_frozen_dataclasses(history: History) -> None:
    history.create_attempt(make_attempt())
    summary = history.attempts()[0]
    rebuilt = AttemptSummary(**{name: getattr(summary, name) for name in summary.__dict__})
    assert rebuilt == summary and hash(rebuilt) == hash(summary)
    with pytest.raises(AttributeError):
        summary.answered = 3  # type: ignore[misc]
    assert replace(summary, answered=3).answered == 3


def test_delete_attempt_removes_everything_it_owned(history: History, db: Path) -> None:
    keep = history.create_attempt(make_attempt())
    gone = history.create_attempt(make_attempt())
    finish(history, gone, {0: 1}, "2026-01-01T11:00:00Z")
    history.delete_attempt(gone)
    with pytest.raises(HistoryError):
        history.load_attempt(gone)
    conn = history._db
    for table in ("questions", "answers", "topic_scores"):
        count = conn.execute(f"SELECT count(*) FROM {table} WHERE attempt_id = ?", (gone,))
        assert count.fetchone()[0] == 0, table
    assert history.load_attempt(keep).questions
    with pytest.raises(HistoryError, match="no attempt"):
        history.delete_attempt(gone)


# ----------------------------------------------------------------------- statistics


def test_topic_trend_oldest_first_and_limited_to_recent_attempts(history: History) -> None:
    results = [{0: 0, 1: 1, 2: 2}, {0: 1, 1: 1, 2: 2}, {0: 1, 1: 0, 2: 0}]
    ids = []
    for day, answers in enumerate(results, start=1):
        attempt_id = history.create_attempt(make_attempt(started_at=f"2026-01-0{day}T09:00:00Z"))
        finish(history, attempt_id, answers, f"2026-01-0{day}T10:00:00Z")
        ids.append(attempt_id)
    history.create_attempt(make_attempt())  # unfinished: not part of any trend
    trend = history.topic_trend("aws")
    assert [(p.attempt_id, p.topic, p.correct, p.total) for p in trend] == [
        (ids[0], "ai", 2, 2),
        (ids[0], "data", 1, 1),
        (ids[1], "ai", 1, 2),
        (ids[1], "data", 1, 1),
        (ids[2], "ai", 0, 2),
        (ids[2], "data", 0, 1),
    ]
    assert trend[2].percent == 50.0 and trend[2].name == "AI"
    assert trend[2] == TopicTrendPoint(ids[1], "2026-01-02T10:00:00Z", "ai", "AI", 1, 2)
    assert trend[0].finished_at == "2026-01-01T10:00:00Z"
    recent = history.topic_trend("aws", limit_attempts=2)
    assert [p.attempt_id for p in recent] == [ids[1], ids[1], ids[2], ids[2]]
    assert history.topic_trend("aws", limit_attempts=10) == trend
    assert history.topic_trend("aws", limit_attempts=0) == []
    assert history.topic_trend("other") == []


def test_topic_averages_compare_last_three_with_earlier(history: History) -> None:
    # "ai" topic: 2 of 2 right in the first two attempts, then 0 of 2 in the last three.
    plan = [{0: 0, 2: 2}, {0: 0, 2: 2}, {}, {}, {}]
    for day, answers in enumerate(plan, start=1):
        attempt_id = history.create_attempt(make_attempt(started_at=f"2026-01-0{day}T09:00:00Z"))
        finish(history, attempt_id, answers, f"2026-01-0{day}T10:00:00Z")
    averages = {a.topic: a for a in history.topic_averages("aws")}
    ai = averages["ai"]
    assert (ai.attempts, ai.correct, ai.total) == (5, 4, 10)
    assert ai.percent == 40.0
    assert ai.recent_percent == 0.0 and ai.earlier_percent == 100.0
    assert ai.trend == -100.0
    assert ai.name == "AI"
    assert [a.topic for a in history.topic_averages("aws")] == ["ai", "data"]
    # With no more attempts than the recent window there is nothing to compare with.
    assert TopicAverage.RECENT == 3


def test_topic_average_trend_is_none_with_few_attempts(history: History) -> None:
    attempt_id = history.create_attempt(make_attempt())
    finish(history, attempt_id, {0: 0}, "2026-01-01T10:00:00Z")
    (ai, data) = history.topic_averages("aws")
    assert ai.trend is None and ai.recent_percent == 50.0
    assert data.attempts == 1


def test_card_stats_and_confusions(history: History) -> None:
    # Translate (key A) answered "Amazon Transcribe" (B) twice and right once.
    for day, answers in enumerate([{0: 1, 1: 1}, {0: 1, 1: 0}, {0: 0, 1: 1, 2: 0}], start=1):
        attempt_id = history.create_attempt(make_attempt(started_at=f"2026-01-0{day}T09:00:00Z"))
        finish(history, attempt_id, answers, f"2026-01-0{day}T10:00:00Z")
    stats = history.card_stats("aws")
    translate = stats["translate"]
    assert (translate.seen, translate.correct, translate.wrong) == (3, 1, 2)
    assert translate.unanswered == 0
    assert translate.last_seen == "2026-01-03T10:00:00Z"
    assert translate.label == "Amazon Translate"
    transcribe = stats["transcribe"]
    # Asked three times (term → definition), never answered but once, wrong that once;
    # and picked twice in place of Translate.
    assert (transcribe.seen, transcribe.wrong, transcribe.unanswered) == (3, 1, 2)
    assert transcribe.chosen_wrongly == 2
    assert transcribe.label == "Amazon Transcribe"  # the stem of its term→definition question
    kinesis = stats["kinesis"]
    assert (kinesis.seen, kinesis.correct, kinesis.wrong) == (3, 2, 1)

    confusions = history.confusions("aws")
    top = confusions[0]
    assert (top.key_card_id, top.chosen_card_id, top.times) == ("translate", "transcribe", 2)
    assert confusion_sentence(top) == "you took Amazon Transcribe for Amazon Translate 2 times"
    assert confusion_sentence(replace(top, times=1)).endswith("Amazon Translate once")
    assert {(c.key_card_id, c.chosen_card_id, c.times) for c in confusions} == {
        ("translate", "transcribe", 2),
        ("kinesis", "polly", 1),
        ("transcribe", "translate", 1),
    }
    assert history.confusions("aws", limit=1) == confusions[:1]
    assert history.confusions("nope") == []
    assert history.confusions(None)[0] == top


def test_unfinished_attempts_do_not_count_in_statistics(history: History) -> None:
    attempt_id = history.create_attempt(make_attempt())
    history.save_answer(attempt_id, answer(0, 1))
    assert history.card_stats("aws") == {}
    assert history.confusions() == []
    assert history.topic_trend("aws") == []
    assert history.topic_averages("aws") == []


def test_true_false_and_self_picks_are_not_confusions(history: History) -> None:
    true_false = make_question("polly", ("translate",)).model_copy(
        update={"direction": Direction.TRUE_FALSE, "options": ("True", "False")}
    )
    attempt_id = history.create_attempt(make_attempt(questions=(true_false,)))
    finish(history, attempt_id, {0: 1}, "2026-01-01T10:00:00Z")
    assert history.confusions() == []
    assert history.card_stats("aws")["polly"].wrong == 1


def _stats_snapshot(history: History) -> tuple:
    conn = history._db
    cards = conn.execute(
        "SELECT deck_id, card_id, seen, correct, wrong, unanswered, chosen_wrongly, last_seen "
        "FROM card_stats ORDER BY 1, 2"
    ).fetchall()
    confusions = conn.execute(
        "SELECT deck_id, key_card_id, chosen_card_id, times FROM confusions ORDER BY 1, 2, 3"
    ).fetchall()
    return cards, confusions


def test_running_totals_match_a_full_rebuild_after_finishes_and_deletes(
    history: History,
) -> None:
    ids = []
    plans = [{0: 1, 1: 0}, {0: 1, 2: 1}, {1: 2}, {0: 0, 1: 1, 2: 2}, {0: 2}]
    for day, answers in enumerate(plans, start=1):
        deck = "aws" if day % 2 else "gcp"
        attempt_id = history.create_attempt(
            make_attempt(deck_id=deck, started_at=f"2026-01-0{day}T09:00:00Z")
        )
        finish(history, attempt_id, answers, f"2026-01-0{day}T10:00:00Z")
        ids.append(attempt_id)
    history.create_attempt(make_attempt())  # in progress: deleting it touches no totals
    incremental = _stats_snapshot(history)
    history.rebuild_stats()
    assert _stats_snapshot(history) == incremental

    # Deleting the newest "aws" attempt must also roll last_seen back.
    history.delete_attempt(ids[4])
    history.delete_attempt(ids[1])
    after_delete = _stats_snapshot(history)
    history.rebuild_stats()
    assert _stats_snapshot(history) == after_delete
    assert history.card_stats("aws")["translate"].last_seen == "2026-01-03T10:00:00Z"
    history.rebuild_stats("aws")
    assert _stats_snapshot(history) == after_delete


# ----------------------------------------------------------------------- export


def _two_attempts(history: History) -> tuple[int, int]:
    done = history.create_attempt(make_attempt(started_at="2026-01-01T09:00:00Z"))
    finish(history, done, {0: 0, 1: 2}, "2026-01-01T10:00:00Z")
    running = history.create_attempt(make_attempt(started_at="2026-01-02T09:00:00Z"))
    history.save_answer(running, answer(2, 1, flagged=True, seconds=7.25, changes=2))
    return done, running


def test_export_json_round_trips_attempts_and_reports(history: History) -> None:
    done, running = _two_attempts(history)
    out = io.StringIO()
    history.export_json(out)
    data = json.loads(out.getvalue())
    assert data["format"] == "exam-sim-history"
    assert data["schema_version"] == SCHEMA_VERSION
    assert [a["id"] for a in data["attempts"]] == [done, running]
    first, second = data["attempts"]
    assert first["report"]["correct"] == 1 and first["report"]["topics"][0]["name"] == "AI"
    assert second["report"] is None
    for exported in data["attempts"]:
        report = exported.pop("report")
        assert Attempt.model_validate(exported) == history.load_attempt(exported["id"])
        del report

    one = io.StringIO()
    history.export_json(one, attempt_id=running)
    assert [a["id"] for a in json.loads(one.getvalue())["attempts"]] == [running]
    with pytest.raises(HistoryError, match="no attempt 42"):
        history.export_json(io.StringIO(), attempt_id=42)


def test_export_json_of_an_empty_history_is_valid(history: History) -> None:
    out = io.StringIO()
    history.export_json(out)
    assert json.loads(out.getvalue())["attempts"] == []


def test_export_csv_answers(history: History) -> None:
    done, running = _two_attempts(history)
    out = io.StringIO()
    history.export_csv(out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == History.ANSWER_CSV_COLUMNS
    assert len(rows) == 6
    first = rows[0]
    assert first["attempt_id"] == str(done) and first["number"] == "1"
    assert (first["choice"], first["key"], first["correct"]) == ("A", "A", "1")
    assert first["chosen_text"] == "Amazon Translate" and first["key_card_id"] == "translate"
    second = rows[1]
    assert (second["choice"], second["chosen_card_id"]) == ("C", "translate")
    assert second["correct"] == "0"
    unanswered = rows[2]
    assert unanswered["choice"] == "" and unanswered["correct"] == "0"
    flagged = rows[5]
    assert flagged["attempt_id"] == str(running)
    assert (flagged["flagged"], flagged["changes"], flagged["seconds"]) == ("1", "2", "7.2")
    assert flagged["finished_at"] == "" and flagged["status"] == "in_progress"
    assert flagged["stem"] == "Amazon Transcribe"

    only = io.StringIO()
    history.export_csv(only, attempt_id=running)
    assert {r["attempt_id"] for r in csv.DictReader(io.StringIO(only.getvalue()))} == {str(running)}


def test_export_csv_attempts(history: History) -> None:
    done, running = _two_attempts(history)
    out = io.StringIO()
    history.export_csv(out, table="attempts")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == History.ATTEMPT_CSV_COLUMNS
    assert [r["attempt_id"] for r in rows] == [str(done), str(running)]  # oldest first
    assert rows[0]["deck_title"] == "Deck aws – “quoted”"
    assert (rows[0]["correct"], rows[0]["percent"], rows[0]["passed"]) == ("1", "33.3", "no")
    assert (rows[1]["correct"], rows[1]["passed"], rows[1]["answered"]) == ("", "", "1")
    only = io.StringIO()
    history.export_csv(only, table="attempts", attempt_id=running)
    assert len(list(csv.DictReader(io.StringIO(only.getvalue())))) == 1
    with pytest.raises(ValueError):
        history.export_csv(io.StringIO(), table="cards")  # type: ignore[arg-type]


def test_reviewing_an_old_attempt_does_not_need_the_deck(history: History) -> None:
    questions = standard_questions()
    attempt_id = history.create_attempt(make_attempt(questions=questions))
    # The deck could be edited or gone; what was asked is in the database.
    loaded = history.load_attempt(attempt_id)
    assert [q.stem for q in loaded.questions] == [q.stem for q in questions]
    assert [q.explanations for q in loaded.questions] == [q.explanations for q in questions]


def test_exports_of_one_deck_leave_other_decks_out(history: History) -> None:
    aws = [history.create_attempt(make_attempt(deck_id="aws")) for _ in range(2)]
    gcp = history.create_attempt(make_attempt(deck_id="gcp"))
    out = io.StringIO()
    history.export_json(out, deck_id="aws")
    assert [a["id"] for a in json.loads(out.getvalue())["attempts"]] == aws
    out = io.StringIO()
    history.export_csv(out, deck_id="gcp", table="attempts")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["attempt_id"] for r in rows] == [str(gcp)]
    out = io.StringIO()
    history.export_csv(out, deck_id="aws", table="answers")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["attempt_id"] for r in rows} == {str(a) for a in aws}
    assert len(rows) == 2 * len(standard_questions())
