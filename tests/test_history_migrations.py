"""Forward migrations: a database written by an earlier exam-sim opens without data loss.

The version-1 database is written here by hand, with the SQL version 1 shipped, so the test
keeps checking the real upgrade path even after the code's own schema moves on.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from support.history import answer, make_attempt, report_for
from support.matching import reviews_as_before_schema_12

from exam_sim.history import APPLICATION_ID, SCHEMA_VERSION, History, HistoryError
from exam_sim.models import AttemptStatus

V1_SCHEMA = f"""
PRAGMA application_id = {APPLICATION_ID};
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    deck_id TEXT NOT NULL,
    deck_title TEXT NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    time_limit_seconds REAL,
    elapsed_seconds REAL NOT NULL DEFAULT 0,
    seed INTEGER NOT NULL DEFAULT 0,
    blueprint TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '[]',
    correct INTEGER,
    total INTEGER,
    scaled INTEGER,
    passed INTEGER,
    report TEXT,
    CHECK ((status = 'in_progress') = (finished_at IS NULL))
);
CREATE TABLE questions (
    attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    topic TEXT,
    direction TEXT NOT NULL,
    stem TEXT NOT NULL,
    options TEXT NOT NULL,
    option_card_ids TEXT NOT NULL,
    answer INTEGER NOT NULL,
    explanations TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (attempt_id, position)
);
CREATE TABLE answers (
    attempt_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    choice INTEGER,
    seconds REAL NOT NULL DEFAULT 0,
    flagged INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (attempt_id, position),
    FOREIGN KEY (attempt_id, position)
        REFERENCES questions(attempt_id, position) ON DELETE CASCADE
) WITHOUT ROWID;
PRAGMA user_version = 1;
"""

FINISHED_ANSWERS = {0: 1, 1: 1, 2: None}  # translate taken for transcribe, kinesis right


def _write_v1(path: Path, *, report_override: str | None = None) -> dict:
    """A version-1 database holding one finished and one unfinished attempt."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.execute("PRAGMA journal_mode = WAL")  # version 1 used WAL too
    finished = make_attempt(started_at="2025-06-01T09:00:00+00:00")
    report = report_for(finished, FINISHED_ANSWERS)
    running = make_attempt(started_at="2025-06-02T09:00:00+00:00", time_limit_seconds=900.0)
    rows = [
        (1, finished, "submitted", "2025-06-01T10:00:00+00:00", 120.0, report),
        (2, running, "in_progress", None, 33.5, None),
    ]
    for attempt_id, attempt, status, finished_at, elapsed, score in rows:
        conn.execute(
            "INSERT INTO attempts (id, deck_id, deck_title, mode, status, started_at, "
            "finished_at, time_limit_seconds, elapsed_seconds, seed, blueprint, notes, correct, "
            "total, scaled, passed, report) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                attempt_id,
                attempt.deck_id,
                attempt.deck_title,
                attempt.mode.value,
                status,
                attempt.started_at,
                finished_at,
                attempt.time_limit_seconds,
                elapsed,
                attempt.seed,
                attempt.blueprint.model_dump_json(),
                json.dumps(list(attempt.notes)),
                score and score.correct,
                score and score.total,
                score and score.scaled,
                score and int(score.passed),
                report_override if score and report_override else score and score.model_dump_json(),
            ),
        )
        for position, q in enumerate(attempt.questions):
            conn.execute(
                "INSERT INTO questions VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    attempt_id,
                    position,
                    q.id,
                    q.card_id,
                    q.topic,
                    q.direction.value,
                    q.stem,
                    json.dumps(list(q.options)),
                    json.dumps(list(q.option_card_ids)),
                    q.answer,
                    json.dumps(list(q.explanations)),
                ),
            )
    answers = [(1, p, c, 10.0 + p, 0) for p, c in FINISHED_ANSWERS.items()]
    answers += [(2, 0, 2, 4.0, 1), (2, 1, None, 0.0, 1), (2, 2, 0, 6.5, 0)]
    conn.executemany("INSERT INTO answers VALUES (?,?,?,?,?)", answers)
    conn.commit()
    conn.close()
    return {"finished": finished, "running": running, "report": report}


def _schema(path: Path) -> dict:
    """Tables with their columns and indexes with their columns, independent of SQL layout."""
    conn = sqlite3.connect(path)
    shape = {}
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ):
        if kind == "table":
            columns = conn.execute(f"PRAGMA table_info({name})").fetchall()
            shape[name] = [(c[1], c[2], c[3], c[4], c[5]) for c in columns]
        elif kind == "index":
            shape[name] = [c[2] for c in conn.execute(f"PRAGMA index_info({name})")]
    shape["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    return shape


def test_version_1_database_migrates_without_data_loss(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    written = _write_v1(path)
    with History(path) as history:
        finished = history.load_attempt(1)
        assert finished.status is AttemptStatus.SUBMITTED
        assert finished.questions == written["finished"].questions
        assert finished.blueprint == written["finished"].blueprint
        assert finished.notes == written["finished"].notes
        assert [a.choice for a in finished.answers] == [1, 1, None]
        assert [a.seconds for a in finished.answers] == [10.0, 11.0, 12.0]
        assert all(a.changes == 0 for a in finished.answers)  # column new in version 2
        assert history.load_report(1) == written["report"]

        running = history.load_attempt(2)
        assert running.status is AttemptStatus.IN_PROGRESS
        assert running.elapsed_seconds == 33.5
        assert [(a.choice, a.flagged) for a in running.answers] == [
            (2, True),
            (None, True),
            (0, False),
        ]
        (resumable,) = history.unfinished()
        assert (resumable.id, resumable.answered, resumable.question_count) == (2, 2, 3)
        assert resumable.time_left_seconds == pytest.approx(900.0 - 33.5)

        # Version 2's derived tables were filled from the version-1 rows.
        summary = history.attempts(status="submitted")[0]
        assert (summary.answered, summary.question_count, summary.correct) == (2, 3, 1)
        trend = history.topic_trend("aws")
        assert [(p.topic, p.correct, p.total) for p in trend] == [("ai", 0, 2), ("data", 1, 1)]
        assert trend[0].finished_at == "2025-06-01T10:00:00+00:00"
        stats = history.card_stats("aws")
        assert (stats["translate"].seen, stats["translate"].wrong) == (1, 1)
        assert stats["transcribe"].unanswered == 1
        assert stats["transcribe"].chosen_wrongly == 1
        (confusion,) = history.confusions("aws")
        assert (confusion.key_card_id, confusion.chosen_card_id) == ("translate", "transcribe")

        # And the migrated database keeps working.
        history.save_answer(2, running.answers[1].model_copy(update={"choice": 1, "changes": 1}))
        assert history.load_attempt(2).answers[1].changes == 1

    fresh = tmp_path / "fresh.sqlite3"
    History(fresh).close()
    assert _schema(path) == _schema(fresh)
    assert _schema(path)["user_version"] == SCHEMA_VERSION


def test_failed_migration_rolls_back_and_keeps_version_1(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _write_v1(path, report_override="{not json")
    with pytest.raises(HistoryError, match="could not be upgraded") as caught:
        History(path)
    assert "left unchanged at schema 1" in str(caught.value)
    assert "\n" not in str(caught.value)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 6
    columns = [c[1] for c in conn.execute("PRAGMA table_info(answers)")]
    assert "changes" not in columns
    assert (
        conn.execute("SELECT name FROM sqlite_master WHERE name = 'topic_scores'").fetchall() == []
    )
    conn.close()


def test_every_schema_version_has_a_migration() -> None:
    from exam_sim.history import MIGRATIONS

    assert len(MIGRATIONS) == SCHEMA_VERSION


# A card's reviews in replay order, for the counts version 8 kept with each review.
_BY_CARD = (
    "(PARTITION BY r.deck_text, r.card_text ORDER BY r.reviewed_at, r.attempt_id, r.position)"
)


def _write_version(path: Path, version: int) -> dict:
    """A database at `version` with the data an exam-sim of that version left: written with
    version 1's SQL, then taken up by the migrations exactly as they shipped them (they are
    never edited once shipped), plus what each version added (a lease at 3, a confidence,
    a first choice, an exam date and the spaced-repetition state at 4)."""
    from exam_sim.history.schema import MEMORY_VERSION, MIGRATIONS, QUICK_UPGRADE_FROM

    written = _write_v1(path)
    if version >= QUICK_UPGRADE_FROM:
        # From version 9 on a file differs from today's only in what later steps fill in
        # (10: a mock's verdict against the aim; 11: the deck file of each attempt; 12: the
        # key of an attempt's reviews):
        # today's file, taken back.
        History(path).close()
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        if version < 11:
            conn.execute("ALTER TABLE attempts DROP COLUMN deck_path")
        if version < 12:  # one review of a question, whatever cards it asked
            reviews_as_before_schema_12(conn)
        conn.execute("UPDATE attempts SET passed = NULL WHERE scaled IS NULL")
        _add_what_versions_added(conn)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
        conn.close()
        return written
    if version >= MEMORY_VERSION:
        # The reviews and card memory an exam-sim at version 4 filled in when it upgraded:
        # the same rows today's code makes (in the columns of those days: version 8 added
        # the state after each review), taken from a copy of the file upgraded now.
        copy = path.with_name(f"memory-of-{path.name}")
        _write_v1(copy)
        History(copy).close()
        source = sqlite3.connect(copy)
        memory_rows = {
            table: source.execute(sql).fetchall()
            for table, sql in (
                (  # in the columns of version 8 (version 9 made them ids and microseconds)
                    "reviews",
                    "SELECT r.attempt_id, r.position, d.text, c.text,"
                    " strftime('%Y-%m-%dT%H:%M:%S+00:00', r.reviewed_at / 1000000, 'unixepoch'),"
                    " r.rating, r.state, r.step, r.stability, r.difficulty, r.due,"
                    " coalesce(r.last_review, r.reviewed_at / 1000000),"
                    f" count(*) OVER {_BY_CARD}, sum(r.rating = 1) OVER {_BY_CARD}"
                    " FROM reviews r JOIN texts d ON d.id = r.deck_text"
                    " JOIN texts c ON c.id = r.card_text",
                ),
                ("card_memory", "SELECT * FROM card_memory"),
            )
        }
        source.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("BEGIN IMMEDIATE")
    for step in MIGRATIONS[1:version]:
        step(conn)
    if version >= 3:
        _add_lease(conn)
    if version >= MEMORY_VERSION:
        _add_confidence_and_exam_date(conn)
        if version < 8:  # the state after each review came with version 8
            memory_rows["reviews"] = [row[:6] for row in memory_rows["reviews"]]
        for table, rows in memory_rows.items():
            marks = ",".join("?" * len(rows[0]))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("COMMIT")
    conn.close()
    return written


def _add_lease(conn: sqlite3.Connection) -> None:
    """Version 3's lease: attempt 2 open elsewhere."""
    conn.execute(
        "INSERT INTO attempt_leases VALUES (2, 'token', 1, 'elsewhere', 'exam-sim',"
        " '2025-06-02T09:00:00+00:00', 0.0)"
    )


def _add_confidence_and_exam_date(conn: sqlite3.Connection) -> None:
    """Version 4's confidence, first choice and exam date."""
    conn.execute(
        "UPDATE answers SET confidence = 'sure', first_choice = 1"
        " WHERE attempt_id = 2 AND position = 0"
    )
    conn.execute("INSERT INTO exam_dates VALUES ('aws', '2027-01-15')")


def _add_what_versions_added(conn: sqlite3.Connection) -> None:
    _add_lease(conn)
    _add_confidence_and_exam_date(conn)


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_every_earlier_version_migrates_to_the_current_one(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.sqlite3"
    written = _write_version(path, version)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    conn.close()
    with History(path) as history:
        finished, running = history.load_attempt(1), history.load_attempt(2)
        # Exactly what was asked, text for text, after the texts moved to their own table.
        assert finished.questions == written["finished"].questions
        assert running.questions == written["running"].questions
        assert history.load_report(1) == written["report"]
        assert (history.deck_ids(), history.attempt_count("aws")) == (["aws"], 2)
        averages = {
            a.topic: (a.attempts, a.correct, a.total) for a in history.topic_averages("aws")
        }
        assert averages == {"ai": (1, 0, 2), "data": (1, 1, 1)}
        before = (history.card_stats("aws"), history.confusions("aws"))
        history.rebuild_stats()
        assert (history.card_stats("aws"), history.confusions("aws")) == before
        # The finished attempt's two answered questions are reviews at its finish time
        # (made by the upgrade before version 4, kept by it from 4); the unfinished one's
        # answers are not (they count once it is finished).
        log = history.review_log("aws")
        assert [(card, review.rating) for card, review in log] == [
            ("translate", 1),  # Again: transcribe was chosen
            ("kinesis", 3),  # Good
        ]
        assert {r.reviewed_at.isoformat() for _, r in log} == {"2025-06-01T10:00:00+00:00"}
        assert set(history.memories("aws")) == {"translate", "kinesis"}
        first = running.answers[0]
        if version >= 4:
            assert (first.confidence and first.confidence.value, first.first_choice) == ("sure", 1)
            assert history.exam_date("aws") == "2027-01-15"
        else:
            assert (first.confidence, history.exam_date("aws")) == (None, None)
        history.set_exam_date("aws", "2027-02-01")
        assert history.exam_date("aws") == "2027-02-01"
        # Still writable: a new attempt shares the stored texts, and deleting one keeps the
        # running topic totals and the card memory right.
        again = history.create_attempt(written["finished"])
        assert history.load_attempt(again).questions == written["finished"].questions
        history.delete_attempt(1)
        assert history.topic_averages("aws") == []
        assert history.review_log("aws") == []
        assert history.attempt_count("aws") == 2  # the running one and the new one
    conn = sqlite3.connect(path)
    columns = {c[1] for c in conn.execute("PRAGMA table_info(questions)")}
    assert {"stem", "options", "explanations"}.isdisjoint(columns)
    distinct = {  # since schema 9 also the card ids, topics, directions and deck id
        text
        for attempt in (written["finished"], written["running"])
        for q in attempt.questions
        for text in (q.stem, *q.options, *q.explanations, q.card_id, *q.option_card_ids,
                     q.direction.value, *([q.topic] if q.topic else []), attempt.deck_id)
    }  # fmt: skip
    assert conn.execute("SELECT count(*) FROM texts").fetchone()[0] == len(distinct)
    conn.close()
    fresh = tmp_path / "fresh.sqlite3"
    History(fresh).close()
    assert _schema(path) == _schema(fresh)


@pytest.mark.parametrize("start", range(1, SCHEMA_VERSION))
def test_every_earlier_version_gains_the_item_columns_and_keeps_its_answers(
    tmp_path: Path, start: int
) -> None:
    """Version 6 (item kinds) on top of a file from every earlier version: the answers
    read as before, a plain question has no item data, and the new columns take a response
    and struck options."""
    path = tmp_path / "old.sqlite3"
    _write_version(path, start)
    with History(path) as history:
        running = history.load_attempt(2)
        assert [(a.choice, a.flagged) for a in running.answers] == [
            (2, True),
            (None, True),
            (0, False),
        ]
        assert all(a.response is None and a.struck == () for a in running.answers)
        assert all(q.kind.value == "single" and not q.scenario for q in running.questions)
        assert [a.choice for a in history.load_attempt(1).answers] == [1, 1, None]
        history.save_answer(2, running.answers[1].model_copy(update={"struck": (0, 2)}))
        assert history.load_attempt(2).answers[1].struck == (0, 2)
    fresh = tmp_path / "fresh.sqlite3"
    History(fresh).close()
    assert _schema(path) == _schema(fresh)


@pytest.mark.parametrize("start", range(1, 7))  # every version before 7's column
def test_every_earlier_version_gains_asks_confidence_from_what_it_holds(
    tmp_path: Path, start: int
) -> None:
    """Version 7 (confidence marking chosen per session): a study attempt, and an attempt
    with a marked answer (version 4 on), asked; any other did not; a new attempt keeps
    what it was started with, and a resumed one reads it back."""
    path = tmp_path / "old.sqlite3"
    _write_version(path, start)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE attempts SET mode = 'study' WHERE id = 1")
    conn.commit()
    conn.close()
    with History(path) as history:
        assert history.load_attempt(1).asks_confidence  # study always asked
        assert history.load_attempt(2).asks_confidence is (start >= 4)  # a marked answer
        asking = make_attempt(started_at="2025-06-03T09:00:00+00:00")
        asking.asks_confidence = True
        plain = make_attempt(started_at="2025-06-04T09:00:00+00:00")
        new_ids = history.create_attempt(asking), history.create_attempt(plain)
        assert [history.load_attempt(i).asks_confidence for i in new_ids] == [True, False]
    fresh = tmp_path / "fresh.sqlite3"
    History(fresh).close()
    assert _schema(path) == _schema(fresh)


@pytest.mark.parametrize("start", range(1, SCHEMA_VERSION))
def test_every_earlier_version_gains_the_memory_after_each_review(
    tmp_path: Path, start: int
) -> None:
    """Version 8: every stored review gets the card's memory just after it (replayed once
    by the upgrade), the same a full replay writes, and a delete starts from it."""
    from exam_sim.history.memory import refresh_cards

    path = tmp_path / "old.sqlite3"
    _write_version(path, start)

    def review_rows() -> list[tuple[object, ...]]:
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT * FROM reviews ORDER BY attempt_id, position").fetchall()
        conn.close()
        return rows

    with History(path) as history:
        upgraded = review_rows()
        # state, stability, difficulty, due (step is NULL in review; last_review NULL when
        # it is the review's own second, schema 9)
        assert len(upgraded) == 2
        assert all(None not in (row[6], *row[8:11]) for row in upgraded)
        with history._write() as conn:
            refresh_cards(conn, "aws", ["translate", "kinesis"])
        assert review_rows() == upgraded
        before = history.memories("aws")
        again = history.create_attempt(make_attempt(started_at="2025-06-03T09:00:00+00:00"))
        history.save_answer(again, answer(0, 0))
        history.finish_attempt(
            again,
            status=AttemptStatus.SUBMITTED,
            finished_at="2025-06-03T10:00:00+00:00",
            elapsed_seconds=1.0,
            report=report_for(history.load_attempt(again), {0: 0}),
        )
        history.delete_attempt(again)
        assert history.memories("aws") == before


def test_version_8_reviews_keep_their_states_and_times_exactly(tmp_path: Path) -> None:
    """Version 9 turns a review's time into microseconds and keys it by card: a state made
    by version 8 is kept where its time was stored as the app writes it (text order is
    time order), and the card is replayed where it was not (here a time with an offset
    and a fraction of a second, which sorts differently as text)."""
    from exam_sim.history.memory import refresh_cards

    kept, odd = tmp_path / "kept.sqlite3", tmp_path / "odd.sqlite3"
    _write_version(kept, 8)
    _write_version(odd, 8)
    conn = sqlite3.connect(odd)
    conn.execute(  # the same moment as 10:00:00.25 UTC, written another way
        "UPDATE reviews SET reviewed_at = '2025-06-01T12:00:00.250000+02:00', state = 1"
        " WHERE card_id = 'kinesis'"
    )
    conn.commit()
    conn.close()
    for path, when in ((kept, "2025-06-01T10:00:00+00:00"),
                       (odd, "2025-06-01T10:00:00.250000+00:00")):  # fmt: skip
        with History(path) as history:
            log = history.review_log("aws")
            assert [(card, r.reviewed_at.isoformat()) for card, r in log][-1] == (
                "kinesis",
                when,
            )
            conn = history._db
            rows = conn.execute("SELECT * FROM reviews ORDER BY attempt_id, position").fetchall()
            memory = conn.execute("SELECT * FROM card_memory ORDER BY card_id").fetchall()
            with history._write() as write:
                refresh_cards(write, "aws", ["translate", "kinesis"])
            assert (
                conn.execute("SELECT * FROM reviews ORDER BY attempt_id, position").fetchall()
                == rows
            )
            if path == kept:  # untouched by the upgrade: version 8's own replay
                assert (
                    conn.execute("SELECT * FROM card_memory ORDER BY card_id").fetchall() == memory
                )
