"""The crash-proof history of practice sessions: one SQLite file, every write committed at once.

Layout (schema version 2, see docs/history.md):

* ``attempts``: one row per session, with its blueprint and, once finished, its score and the
  full score report as JSON;
* ``questions``: every question exactly as shown (stem, options, their card ids, key,
  explanations), so an old attempt can be reviewed after the deck changed;
* ``answers``: the learner's state per question: choice, seconds, changed-answer count, flag;
* ``topic_scores``: one row per topic of each finished attempt (trend queries read only these);
* ``card_stats`` and ``confusions``: running totals over finished attempts, kept up to date
  in the transaction that finishes or deletes an attempt, so weak-spot and confusion queries
  never rescan hundreds of thousands of answers.

Every write is its own ``BEGIN IMMEDIATE`` transaction: a second process waits for the write
lock (``busy_timeout``) instead of failing with "database is locked", and an answer is on disk
when ``save_answer`` returns. A file that is not ours (random bytes, a truncated database,
another program's SQLite file, a newer schema) is refused before anything writes to it.
"""

from __future__ import annotations

import csv
import gc
import json
import sqlite3
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, TextIO, TypeVar

from exam_sim import paths
from exam_sim.models import (
    Answer,
    Attempt,
    AttemptMode,
    AttemptStatus,
    Blueprint,
    Direction,
    Question,
    ScoreReport,
)

SCHEMA_VERSION = 2
# PRAGMA application_id: marks the file as ours ("EXMS"), so another program's SQLite
# database is recognised and left alone.
APPLICATION_ID = 0x45584D53
BUSY_TIMEOUT_MS = 10_000
LETTERS = "ABCDEFGHIJ"

_SQLITE_MAGIC = b"SQLite format 3\x00"
_IN_PROGRESS = AttemptStatus.IN_PROGRESS.value
_T = TypeVar("_T")


class HistoryError(Exception):
    """The history database cannot be used. One sentence naming the file and the problem."""


def utc_now() -> str:
    """The current time as the ISO-8601 UTC string the history stores."""
    return datetime.now(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class AttemptSummary:
    """One line of the attempts list."""

    id: int
    deck_id: str
    deck_title: str
    mode: AttemptMode
    status: AttemptStatus
    started_at: str
    finished_at: str | None
    elapsed_seconds: float
    time_limit_seconds: float | None
    question_count: int
    answered: int
    correct: int | None  # None until finished
    scaled: int | None
    passed: bool | None

    @property
    def finished(self) -> bool:
        return self.status is not AttemptStatus.IN_PROGRESS

    @property
    def percent(self) -> float | None:
        if self.correct is None or not self.question_count:
            return None
        return 100.0 * self.correct / self.question_count

    @property
    def time_left_seconds(self) -> float | None:
        """What a resumed attempt still has on its clock (time counts only while open)."""
        if self.time_limit_seconds is None:
            return None
        return max(0.0, self.time_limit_seconds - self.elapsed_seconds)


@dataclass(frozen=True)
class TopicTrendPoint:
    """A topic's score in one finished attempt."""

    attempt_id: int
    finished_at: str
    topic: str | None
    name: str
    correct: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class TopicAverage:
    """A topic over all finished attempts of a deck, with its recent direction.

    ``trend`` is the pooled percent of the last ``RECENT`` attempts that had the topic minus
    the pooled percent of all the attempts before them, in percentage points (positive:
    improving); None while there are no earlier attempts to compare with.
    """

    RECENT = 3

    topic: str | None
    name: str
    attempts: int
    correct: int
    total: int
    recent_percent: float
    earlier_percent: float | None

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0

    @property
    def trend(self) -> float | None:
        if self.earlier_percent is None:
            return None
        return self.recent_percent - self.earlier_percent


@dataclass(frozen=True, slots=True)
class CardStats:
    """How a card fared as the key of questions in finished attempts.

    ``chosen_wrongly`` counts the times the card was picked as a wrong option for another
    card: the learner mistook it for something else, which is a weakness of its own.
    """

    deck_id: str
    card_id: str
    label: str | None  # the card's term as last shown, when a question showed it
    seen: int
    correct: int
    wrong: int
    unanswered: int
    chosen_wrongly: int
    last_seen: str | None

    @property
    def missed(self) -> int:
        return self.wrong + self.unanswered

    @property
    def miss_rate(self) -> float:
        return self.missed / self.seen if self.seen else 0.0


@dataclass(frozen=True, slots=True)
class Confusion:
    """The learner picked ``chosen`` when the key was ``key``, ``times`` times."""

    deck_id: str
    key_card_id: str
    key_text: str
    chosen_card_id: str
    chosen_text: str
    times: int

    def describe(self) -> str:
        times = "once" if self.times == 1 else f"{self.times} times"
        return f"you took {self.chosen_text} for {self.key_text} {times}"


# --------------------------------------------------------------------------- schema


def _migrate_to_v1(conn: sqlite3.Connection) -> None:
    """The first schema: attempts, questions as shown, answers with their flag."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(
        """
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
        )"""
    )
    conn.execute(
        """
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
        )"""
    )
    conn.execute(
        """
        CREATE TABLE answers (
            attempt_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            choice INTEGER,
            seconds REAL NOT NULL DEFAULT 0,
            flagged INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (attempt_id, position),
            FOREIGN KEY (attempt_id, position)
                REFERENCES questions(attempt_id, position) ON DELETE CASCADE
        ) WITHOUT ROWID"""
    )


def _migrate_to_v2(conn: sqlite3.Connection) -> None:
    """Changed-answer counts, per-topic scores, running card and confusion totals, and the
    indexes that keep the attempts list, trends and confusions fast on a big history."""
    conn.execute("ALTER TABLE answers ADD COLUMN changes INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE attempts ADD COLUMN question_count INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE attempts ADD COLUMN answered INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        """
        UPDATE attempts SET
            question_count = (SELECT count(*) FROM questions q WHERE q.attempt_id = attempts.id),
            answered = (SELECT count(*) FROM answers a
                        WHERE a.attempt_id = attempts.id AND a.choice IS NOT NULL)"""
    )
    conn.execute(
        """
        CREATE TABLE topic_scores (
            deck_id TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            topic TEXT,
            name TEXT NOT NULL,
            correct INTEGER NOT NULL,
            total INTEGER NOT NULL,
            verdict TEXT NOT NULL DEFAULT '',
            -- Clustered by deck and finish time: a trend is one ordered range scan.
            PRIMARY KEY (deck_id, finished_at, attempt_id, position)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """
        CREATE TABLE card_stats (
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            label TEXT,
            seen INTEGER NOT NULL DEFAULT 0,
            correct INTEGER NOT NULL DEFAULT 0,
            wrong INTEGER NOT NULL DEFAULT 0,
            unanswered INTEGER NOT NULL DEFAULT 0,
            chosen_wrongly INTEGER NOT NULL DEFAULT 0,
            last_seen TEXT,
            PRIMARY KEY (deck_id, card_id)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """
        CREATE TABLE confusions (
            deck_id TEXT NOT NULL,
            key_card_id TEXT NOT NULL,
            chosen_card_id TEXT NOT NULL,
            times INTEGER NOT NULL,
            key_text TEXT NOT NULL,
            chosen_text TEXT NOT NULL,
            PRIMARY KEY (deck_id, key_card_id, chosen_card_id)
        ) WITHOUT ROWID"""
    )
    for statement in (
        # Covers the whole attempts list, so it is read in order from the index alone.
        "CREATE INDEX attempts_list ON attempts(started_at, id, deck_id, deck_title, mode, status,"
        " finished_at, elapsed_seconds, time_limit_seconds, question_count, answered, correct,"
        " scaled, passed)",
        "CREATE INDEX attempts_by_deck_start ON attempts(deck_id, started_at)",
        "CREATE INDEX attempts_by_deck_finish ON attempts(deck_id, finished_at)",
        "CREATE INDEX attempts_by_status_start ON attempts(status, started_at)",
        "CREATE INDEX topic_scores_by_attempt ON topic_scores(attempt_id)",
        "CREATE INDEX confusions_by_times ON confusions(times)",
        "CREATE INDEX confusions_by_deck_times ON confusions(deck_id, times)",
    ):
        conn.execute(statement)
    # v1 kept per-topic scores only inside the report JSON.
    rows = conn.execute(
        "SELECT id, deck_id, finished_at, report FROM attempts WHERE report IS NOT NULL"
    ).fetchall()
    for attempt_id, deck_id, finished_at, report_json in rows:
        report = ScoreReport.model_validate_json(report_json)
        _insert_topic_scores(conn, attempt_id, deck_id, finished_at, report)
    _rebuild_stats(conn, None)


# Index i migrates a database at user_version i to user_version i + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_to_v1, _migrate_to_v2)
assert len(MIGRATIONS) == SCHEMA_VERSION


# --------------------------------------------------------------------------- file checks


def _check_header(path: Path, size: int) -> None:
    """Refuse, from the raw bytes alone, a file SQLite must never be allowed to write to."""
    shown = str(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise HistoryError(f"{shown} cannot be read ({error.strerror}).") from error
    if not header.startswith(_SQLITE_MAGIC):
        raise HistoryError(
            f"{shown} is not an exam-sim history database (file is not a database); "
            "it was left untouched."
        )
    if len(header) < 100:
        raise HistoryError(
            f"{shown} is a truncated database ({size} bytes, shorter than its own header); "
            "it was left untouched."
        )
    raw_page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise HistoryError(
            f"{shown} is not an exam-sim history database (damaged header); it was left untouched."
        )
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    # SQLite writes whole pages, so a partial page means the file was cut.
    truncated = size % page_size != 0
    # The page count in the header is trustworthy when valid_for matches the change counter.
    # With a -wal file present a checkpoint may be extending the file right now, so the
    # read-only probe decides instead.
    wal_present = path.with_name(path.name + "-wal").exists()
    if page_count and valid_for == change_counter and not wal_present:
        truncated = truncated or page_count * page_size > size
    if truncated:
        raise HistoryError(
            f"{shown} is a truncated or damaged database ({size} bytes); it was left untouched."
        )


def _probe(path: Path) -> None:
    """Read-only look inside: is this an exam-sim history we can open? Never writes."""
    shown = str(path)
    # Without a -wal file nobody is writing: read the file as immutable, which creates no
    # -wal/-shm files next to a file that may not even be ours. With one, a live exam-sim
    # may be mid-checkpoint, so read it properly (through locks and that -wal file).
    live = path.with_name(path.name + "-wal").exists()
    uri = path.resolve().as_uri() + ("?mode=ro" if live else "?mode=ro&immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise HistoryError(f"{shown} cannot be opened ({error}); it was left untouched.") from error
    try:
        _check_identity(conn, path)
        tables = _tables(conn)
        if "attempts" in tables:
            # Touches the attempts table's pages: a damaged file fails here, before any write.
            conn.execute("SELECT count(*) FROM attempts").fetchone()
    except sqlite3.DatabaseError as error:
        raise HistoryError(
            f"{shown} is not an exam-sim history database ({error}); it was left untouched."
        ) from error
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows if not name.startswith("sqlite_")}


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version, after making sure it is ours (or empty) and not too new."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"{path} was made by a newer exam-sim (history schema {version}, this one "
                f"understands up to {SCHEMA_VERSION}); upgrade exam-sim. "
                "The file was left untouched."
            )
        return version
    tables = _tables(conn)
    if app_id == 0 and version == 0 and not tables:
        return 0  # an empty SQLite file: ours to set up
    raise HistoryError(
        f"{path} is an SQLite database of another program, not an exam-sim history; "
        "it was left untouched."
    )


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL unless it already is. The switch needs a moment of exclusive
    access and SQLite does not wait for that through busy_timeout, so when two processes
    open a new history at once the loser retries until the winner has switched it."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
            return
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


# --------------------------------------------------------------------------- stats helpers


@dataclass(slots=True)
class _QuestionOutcome:
    card_id: str
    direction: str
    stem: str
    options: list[str]
    option_card_ids: list[str]
    answer: int
    choice: int | None


def _term_labels(outcome: _QuestionOutcome) -> dict[str, str]:
    """Card terms this question showed verbatim (only where the layout says what is a term)."""
    if outcome.direction == Direction.DEFINITION_TO_TERM.value:
        return {
            cid: text
            for cid, text in zip(outcome.option_card_ids, outcome.options, strict=False)
            if cid
        }
    if outcome.direction in (
        Direction.TERM_TO_DEFINITION.value,
        Direction.QUESTION_TO_ANSWER.value,
    ):
        return {outcome.card_id: outcome.stem}
    return {}


class _StatsDelta:
    """Running-total changes contributed by finished attempts (added, or removed on delete)."""

    def __init__(self) -> None:
        # card_id -> [seen, correct, wrong, unanswered, chosen_wrongly]
        self.cards: dict[str, list[int]] = {}
        self.last_seen: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        # (key, chosen) -> [times, key_text, chosen_text]
        self.confusions: dict[tuple[str, str], list] = {}

    def add(self, outcome: _QuestionOutcome, finished_at: str) -> None:
        counts = self.cards.setdefault(outcome.card_id, [0, 0, 0, 0, 0])
        counts[0] += 1
        if outcome.choice is None:
            counts[3] += 1
        elif outcome.choice == outcome.answer:
            counts[1] += 1
        else:
            counts[2] += 1
        if finished_at > self.last_seen.get(outcome.card_id, ""):
            self.last_seen[outcome.card_id] = finished_at
        labels = _term_labels(outcome)
        self.labels.update(labels)
        choice = outcome.choice
        if (
            choice is None
            or choice == outcome.answer
            or outcome.direction == Direction.TRUE_FALSE.value
            or not 0 <= choice < len(outcome.option_card_ids)
        ):
            return
        chosen = outcome.option_card_ids[choice]
        if not chosen or chosen == outcome.card_id:
            return
        self.cards.setdefault(chosen, [0, 0, 0, 0, 0])[4] += 1
        key_text = labels.get(outcome.card_id, outcome.options[outcome.answer])
        chosen_text = labels.get(chosen, outcome.options[choice])
        entry = self.confusions.setdefault((outcome.card_id, chosen), [0, key_text, chosen_text])
        entry[0] += 1
        entry[1], entry[2] = key_text, chosen_text

    def apply(self, conn: sqlite3.Connection, deck_id: str, sign: int) -> None:
        conn.executemany(
            """
            INSERT INTO card_stats (deck_id, card_id, label, seen, correct, wrong, unanswered,
                                    chosen_wrongly, last_seen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (deck_id, card_id) DO UPDATE SET
                label = coalesce(excluded.label, label),
                seen = seen + excluded.seen,
                correct = correct + excluded.correct,
                wrong = wrong + excluded.wrong,
                unanswered = unanswered + excluded.unanswered,
                chosen_wrongly = chosen_wrongly + excluded.chosen_wrongly,
                last_seen = CASE
                    WHEN excluded.last_seen IS NULL THEN last_seen
                    WHEN last_seen IS NULL OR excluded.last_seen > last_seen THEN excluded.last_seen
                    ELSE last_seen END""",
            [
                (
                    deck_id,
                    card_id,
                    self.labels.get(card_id) if sign > 0 else None,
                    *(sign * n for n in counts),
                    self.last_seen.get(card_id) if sign > 0 else None,
                )
                for card_id, counts in self.cards.items()
            ],
        )
        conn.executemany(
            """
            INSERT INTO confusions (deck_id, key_card_id, chosen_card_id, times, key_text,
                                    chosen_text)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (deck_id, key_card_id, chosen_card_id) DO UPDATE SET
                times = times + excluded.times,
                key_text = CASE WHEN excluded.times > 0 THEN excluded.key_text ELSE key_text END,
                chosen_text = CASE WHEN excluded.times > 0 THEN excluded.chosen_text
                                   ELSE chosen_text END""",
            [
                (deck_id, key, chosen, sign * times, key_text, chosen_text)
                for (key, chosen), (times, key_text, chosen_text) in self.confusions.items()
            ],
        )
        if sign < 0:
            conn.execute(
                "DELETE FROM card_stats WHERE deck_id = ? AND seen <= 0 AND chosen_wrongly <= 0",
                (deck_id,),
            )
            conn.execute("DELETE FROM confusions WHERE deck_id = ? AND times <= 0", (deck_id,))


_OUTCOME_SQL = """
    SELECT q.card_id, q.direction, q.stem, q.options, q.option_card_ids, q.answer, an.choice
    FROM questions q LEFT JOIN answers an
        ON an.attempt_id = q.attempt_id AND an.position = q.position
    WHERE q.attempt_id = ? ORDER BY q.position"""


def _outcomes(conn: sqlite3.Connection, attempt_id: int) -> Iterator[_QuestionOutcome]:
    for card_id, direction, stem, options, option_ids, answer, choice in conn.execute(
        _OUTCOME_SQL, (attempt_id,)
    ):
        yield _QuestionOutcome(
            card_id, direction, stem, json.loads(options), json.loads(option_ids), answer, choice
        )


def _attempt_delta(conn: sqlite3.Connection, attempt_id: int, finished_at: str) -> _StatsDelta:
    delta = _StatsDelta()
    for outcome in _outcomes(conn, attempt_id):
        delta.add(outcome, finished_at)
    return delta


def _rebuild_stats(conn: sqlite3.Connection, deck_id: str | None) -> None:
    """Recompute card_stats and confusions from the stored attempts (one deck, or all)."""
    if deck_id is None:
        conn.execute("DELETE FROM card_stats")
        conn.execute("DELETE FROM confusions")
        rows = conn.execute(
            "SELECT id, deck_id, finished_at FROM attempts WHERE finished_at IS NOT NULL "
            "ORDER BY finished_at, id"
        ).fetchall()
    else:
        conn.execute("DELETE FROM card_stats WHERE deck_id = ?", (deck_id,))
        conn.execute("DELETE FROM confusions WHERE deck_id = ?", (deck_id,))
        rows = conn.execute(
            "SELECT id, deck_id, finished_at FROM attempts WHERE deck_id = ? "
            "AND finished_at IS NOT NULL ORDER BY finished_at, id",
            (deck_id,),
        ).fetchall()
    deltas: dict[str, _StatsDelta] = {}
    for attempt_id, attempt_deck, finished_at in rows:
        delta = deltas.setdefault(attempt_deck, _StatsDelta())
        for outcome in _outcomes(conn, attempt_id):
            delta.add(outcome, finished_at)
    for attempt_deck, delta in deltas.items():
        delta.apply(conn, attempt_deck, +1)


def _insert_topic_scores(
    conn: sqlite3.Connection, attempt_id: int, deck_id: str, finished_at: str, report: ScoreReport
) -> None:
    conn.executemany(
        "INSERT INTO topic_scores (deck_id, finished_at, attempt_id, position, topic, name, "
        "correct, total, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (deck_id, finished_at, attempt_id, i, t.topic, t.name, t.correct, t.total, t.verdict)
            for i, t in enumerate(report.topics)
        ],
    )


# --------------------------------------------------------------------------- the store

_SUMMARY_COLUMNS = (
    "id, deck_id, deck_title, mode, status, started_at, finished_at, elapsed_seconds, "
    "time_limit_seconds, question_count, answered, correct, scaled, passed"
)


_MODES = {mode.value: mode for mode in AttemptMode}
_STATUSES = {status.value: status for status in AttemptStatus}
_PASSED = {None: None, 0: False, 1: True}
_SUMMARY_FIELDS = tuple(f.name for f in fields(AttemptSummary))
_TREND_FIELDS = tuple(f.name for f in fields(TopicTrendPoint))
_new = object.__new__


def _fast_new(cls: type[_T], names: tuple[str, ...], values: Iterable[object]) -> _T:
    """A frozen dataclass instance without its generated __init__, which pays one
    object.__setattr__ call per field; filling __dict__ at once is about three times
    cheaper, which matters for the 10,000-row lists the benchmark times. Values must
    already have the field types."""
    instance = _new(cls)
    instance.__dict__.update(zip(names, values, strict=True))
    return instance


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a long result list is built: every few
    hundred new objects it would otherwise rescan the young ones, and now and then the
    whole heap, which costs more than building the list itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _summary(row: tuple) -> AttemptSummary:
    summary = _fast_new(AttemptSummary, _SUMMARY_FIELDS, row)
    fields_ = summary.__dict__
    fields_["mode"] = _MODES[row[3]]
    fields_["status"] = _STATUSES[row[4]]
    fields_["passed"] = _PASSED[row[13]]
    return summary


def _question_from_row(row: tuple) -> Question:
    qid, card_id, topic, direction, stem, options, option_ids, key, explanations = row
    return Question(
        id=qid,
        card_id=card_id,
        topic=topic,
        direction=Direction(direction),
        stem=stem,
        options=tuple(json.loads(options)),
        option_card_ids=tuple(json.loads(option_ids)),
        answer=key,
        explanations=tuple(json.loads(explanations)),
    )


def _status_values(
    status: AttemptStatus | str | Iterable[AttemptStatus | str] | None,
) -> list[str] | None:
    if status is None:
        return None
    if isinstance(status, str):
        return [AttemptStatus(status).value]
    return [AttemptStatus(s).value for s in status]


class History:
    """The history database. Open it, use it, close it (or use it as a context manager).

    A connection may be shared between threads (calls are serialised by a lock); separate
    processes coordinate through SQLite's own locking.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path).expanduser()
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._conn = self._open()

    @classmethod
    def open_default(cls, db: str | Path | None = None) -> History:
        """The database named by ``--db``, else the one in the exam-sim data folder."""
        return cls(db if db is not None else paths.default_db_path())

    # ----------------------------------------------------------------- opening

    def _open(self) -> sqlite3.Connection:
        path = self.path
        if path.is_dir():
            raise HistoryError(f"{path} is a directory, not an exam-sim history database.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(
                f"cannot create the folder for {path} ({error.strerror})."
            ) from error
        try:
            size = path.stat().st_size if path.exists() else 0
        except OSError as error:
            raise HistoryError(f"{path} cannot be read ({error.strerror}).") from error
        if size > 0:
            # Nothing may write (not even the WAL switch) before the file is known to be ours.
            _check_header(path, size)
            _probe(path)
        try:
            conn = sqlite3.connect(
                path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,  # we issue BEGIN IMMEDIATE / COMMIT ourselves
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise HistoryError(f"{path} cannot be opened ({error}).") from error
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            _use_wal(conn)
            # FULL: a committed answer survives a power cut too, not only a killed process.
            conn.execute("PRAGMA synchronous = FULL")
            # 16 MB of page cache (default 2 MB) keeps a big history's hot pages in memory.
            conn.execute("PRAGMA cache_size = -16384")
            self._migrate(conn)
        except HistoryError:
            conn.close()
            raise
        except sqlite3.Error as error:
            conn.close()
            raise HistoryError(f"{path} cannot be used as a history database ({error}).") from error
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        # The check is repeated under the write lock: another process may have created or
        # upgraded the file since the probe.
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = _check_identity(conn, self.path)
            for step in MIGRATIONS[version:]:
                step(conn)
            if version != SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except (HistoryError, sqlite3.Error):
            conn.execute("ROLLBACK")
            raise
        except Exception as error:
            # Bad data met by a migration step (say, an unreadable stored report).
            conn.execute("ROLLBACK")
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise HistoryError(
                f"{self.path} could not be upgraded to history schema {SCHEMA_VERSION} "
                f"({reason}); it was left unchanged at schema {version}."
            ) from error

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----------------------------------------------------------------- plumbing

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise HistoryError(f"{self.path} is closed.")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed write transaction. IMMEDIATE takes the write lock up front, so a
        concurrent writer waits (busy_timeout) instead of failing half-way."""
        with self._lock:
            conn = self._db
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise self._error("could not be written", error) from error
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as error:
                conn.execute("ROLLBACK")
                raise self._error("could not be written", error) from error
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for multi-statement reads."""
        with self._lock:
            conn = self._db
            try:
                conn.execute("BEGIN")
                try:
                    yield conn
                finally:
                    conn.execute("COMMIT")
            except sqlite3.Error as error:
                raise self._error("could not be read", error) from error

    def _error(self, what: str, error: sqlite3.Error) -> HistoryError:
        if "locked" in str(error) or "busy" in str(error):
            return HistoryError(
                f"{self.path} {what}: another exam-sim held it for more than "
                f"{BUSY_TIMEOUT_MS // 1000} s ({error})."
            )
        return HistoryError(f"{self.path} {what} ({error}).")

    def _require_attempt(self, conn: sqlite3.Connection, attempt_id: int) -> tuple[str, str | None]:
        row = conn.execute(
            "SELECT status, deck_id FROM attempts WHERE id = ?", (attempt_id,)
        ).fetchone()
        if row is None:
            raise HistoryError(f"{self.path} has no attempt {attempt_id}.")
        return row[0], row[1]

    def _require_open(self, conn: sqlite3.Connection, attempt_id: int) -> str:
        status, deck_id = self._require_attempt(conn, attempt_id)
        if status != _IN_PROGRESS:
            raise HistoryError(f"attempt {attempt_id} is already finished ({status}).")
        return deck_id

    # ----------------------------------------------------------------- writes

    def create_attempt(self, attempt: Attempt) -> int:
        """Store a new attempt with every question as shown and one answer row per question
        (the attempt's own answers where it has them). Returns the new id."""
        if attempt.status is not AttemptStatus.IN_PROGRESS:
            raise ValueError("create_attempt takes an attempt in progress; use finish_attempt")
        given = {answer.position: answer for answer in attempt.answers}
        for position in given:
            if not 0 <= position < len(attempt.questions):
                raise ValueError(f"answer for position {position} has no question")
        with self._write() as conn:
            cursor = conn.execute(
                """
                INSERT INTO attempts (deck_id, deck_title, mode, status, started_at,
                    time_limit_seconds, elapsed_seconds, seed, blueprint, notes,
                    question_count, answered)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    attempt.deck_id,
                    attempt.deck_title,
                    attempt.mode.value,
                    _IN_PROGRESS,
                    attempt.started_at,
                    attempt.time_limit_seconds,
                    attempt.elapsed_seconds,
                    attempt.seed,
                    attempt.blueprint.model_dump_json(),
                    json.dumps(list(attempt.notes), ensure_ascii=False),
                    len(attempt.questions),
                    sum(1 for a in given.values() if a.choice is not None),
                ),
            )
            attempt_id = int(cursor.lastrowid or 0)
            conn.executemany(
                """
                INSERT INTO questions (attempt_id, position, question_id, card_id, topic,
                    direction, stem, options, option_card_ids, answer, explanations)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        attempt_id,
                        position,
                        q.id,
                        q.card_id,
                        q.topic,
                        q.direction.value,
                        q.stem,
                        json.dumps(list(q.options), ensure_ascii=False),
                        json.dumps(list(q.option_card_ids), ensure_ascii=False),
                        q.answer,
                        json.dumps(list(q.explanations), ensure_ascii=False),
                    )
                    for position, q in enumerate(attempt.questions)
                ],
            )
            conn.executemany(
                "INSERT INTO answers (attempt_id, position, choice, seconds, changes, flagged) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (attempt_id, position, a.choice, a.seconds, a.changes, int(a.flagged))
                    for position in range(len(attempt.questions))
                    for a in [given.get(position) or Answer(position=position)]
                ],
            )
        return attempt_id

    def save_answer(
        self, attempt_id: int, answer: Answer, *, elapsed_seconds: float | None = None
    ) -> None:
        """Commit one question's state (choice, seconds, changes, flag); with
        ``elapsed_seconds``, the attempt's clock in the same transaction."""
        with self._write() as conn:
            self._require_open(conn, attempt_id)
            count = conn.execute(
                "SELECT question_count FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()[0]
            if not 0 <= answer.position < count:
                raise HistoryError(
                    f"attempt {attempt_id} has no question {answer.position + 1} (it has {count})."
                )
            conn.execute(
                """
                INSERT INTO answers (attempt_id, position, choice, seconds, changes, flagged)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (attempt_id, position) DO UPDATE SET
                    choice = excluded.choice, seconds = excluded.seconds,
                    changes = excluded.changes, flagged = excluded.flagged""",
                (
                    attempt_id,
                    answer.position,
                    answer.choice,
                    answer.seconds,
                    answer.changes,
                    int(answer.flagged),
                ),
            )
            conn.execute(
                "UPDATE attempts SET answered = (SELECT count(*) FROM answers "
                "WHERE attempt_id = ?1 AND choice IS NOT NULL) WHERE id = ?1",
                (attempt_id,),
            )
            if elapsed_seconds is not None:
                conn.execute(
                    "UPDATE attempts SET elapsed_seconds = ? WHERE id = ?",
                    (elapsed_seconds, attempt_id),
                )

    def save_elapsed(self, attempt_id: int, elapsed_seconds: float) -> None:
        """Commit the time spent so far (the clock runs only while the attempt is open)."""
        with self._write() as conn:
            self._require_open(conn, attempt_id)
            conn.execute(
                "UPDATE attempts SET elapsed_seconds = ? WHERE id = ?",
                (elapsed_seconds, attempt_id),
            )

    def finish_attempt(
        self,
        attempt_id: int,
        *,
        status: AttemptStatus,
        finished_at: str,
        elapsed_seconds: float,
        report: ScoreReport,
    ) -> None:
        """Close an attempt with its score: the report, one row per topic, and its share of
        the card and confusion totals, all in one transaction."""
        status = AttemptStatus(status)
        if status is AttemptStatus.IN_PROGRESS:
            raise ValueError("finish_attempt needs a finished status")
        with self._write() as conn:
            deck_id = self._require_open(conn, attempt_id)
            conn.execute(
                """
                UPDATE attempts SET status = :status, finished_at = :finished_at,
                    elapsed_seconds = :elapsed, correct = :correct, total = :total,
                    scaled = :scaled, passed = :passed, report = :report,
                    answered = (SELECT count(*) FROM answers
                                WHERE attempt_id = :id AND choice IS NOT NULL)
                WHERE id = :id""",
                {
                    "status": status.value,
                    "finished_at": finished_at,
                    "elapsed": elapsed_seconds,
                    "correct": report.correct,
                    "total": report.total,
                    "scaled": report.scaled,
                    "passed": int(report.passed),
                    "report": report.model_dump_json(),
                    "id": attempt_id,
                },
            )
            _insert_topic_scores(conn, attempt_id, deck_id, finished_at, report)
            _attempt_delta(conn, attempt_id, finished_at).apply(conn, deck_id, +1)

    def delete_attempt(self, attempt_id: int) -> None:
        """Remove an attempt, its questions and answers, and its share of the totals."""
        with self._write() as conn:
            status, deck_id = self._require_attempt(conn, attempt_id)
            finished_at = conn.execute(
                "SELECT finished_at FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()[0]
            delta = (
                _attempt_delta(conn, attempt_id, finished_at) if status != _IN_PROGRESS else None
            )
            conn.execute("DELETE FROM attempts WHERE id = ?", (attempt_id,))
            if delta is None:
                return
            delta.apply(conn, deck_id, -1)
            # Only cards last seen in this very attempt need their last_seen looked up again.
            stale = [card for card, when in delta.last_seen.items() if when == finished_at]
            for start in range(0, len(stale), 500):
                chunk = stale[start : start + 500]
                marks = ",".join("?" * len(chunk))
                latest = dict(
                    conn.execute(
                        f"""
                        SELECT q.card_id, max(a.finished_at)
                        FROM attempts a JOIN questions q ON q.attempt_id = a.id
                        WHERE a.deck_id = ? AND a.finished_at IS NOT NULL
                            AND q.card_id IN ({marks})
                        GROUP BY q.card_id""",
                        (deck_id, *chunk),
                    ).fetchall()
                )
                conn.executemany(
                    "UPDATE card_stats SET last_seen = ? WHERE deck_id = ? AND card_id = ? "
                    "AND last_seen = ?",
                    [(latest.get(card), deck_id, card, finished_at) for card in chunk],
                )

    def rebuild_stats(self, deck_id: str | None = None) -> None:
        """Recompute the card and confusion totals from the stored attempts (a repair tool;
        the totals are normally kept up to date as attempts finish)."""
        with self._write() as conn:
            _rebuild_stats(conn, deck_id)

    # ----------------------------------------------------------------- reads

    def load_attempt(self, attempt_id: int) -> Attempt:
        """An attempt with its questions and answers exactly as stored."""
        with self._read() as conn:
            row = conn.execute(
                """
                SELECT id, deck_id, deck_title, mode, status, started_at, finished_at,
                    time_limit_seconds, elapsed_seconds, seed, blueprint, notes
                FROM attempts WHERE id = ?""",
                (attempt_id,),
            ).fetchone()
            if row is None:
                raise HistoryError(f"{self.path} has no attempt {attempt_id}.")
            question_rows = conn.execute(
                """
                SELECT question_id, card_id, topic, direction, stem, options,
                    option_card_ids, answer, explanations
                FROM questions WHERE attempt_id = ? ORDER BY position""",
                (attempt_id,),
            ).fetchall()
            questions = [_question_from_row(row) for row in question_rows]
            answers = [
                Answer(
                    position=position,
                    choice=choice,
                    seconds=seconds,
                    changes=changes,
                    flagged=bool(flagged),
                )
                for position, choice, seconds, changes, flagged in conn.execute(
                    "SELECT position, choice, seconds, changes, flagged FROM answers "
                    "WHERE attempt_id = ? ORDER BY position",
                    (attempt_id,),
                )
            ]
        (
            attempt_id,
            deck_id,
            deck_title,
            mode,
            status,
            started_at,
            finished_at,
            limit,
            elapsed,
            seed,
            blueprint,
            notes,
        ) = row
        return Attempt(
            id=attempt_id,
            deck_id=deck_id,
            deck_title=deck_title,
            mode=AttemptMode(mode),
            status=AttemptStatus(status),
            started_at=started_at,
            finished_at=finished_at,
            time_limit_seconds=limit,
            elapsed_seconds=elapsed,
            seed=seed,
            blueprint=Blueprint.model_validate_json(blueprint),
            questions=tuple(questions),
            answers=answers,
            notes=tuple(json.loads(notes)),
        )

    def load_report(self, attempt_id: int) -> ScoreReport | None:
        """The stored score report; None while the attempt is in progress."""
        with self._read() as conn:
            row = conn.execute("SELECT report FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        if row is None:
            raise HistoryError(f"{self.path} has no attempt {attempt_id}.")
        return None if row[0] is None else ScoreReport.model_validate_json(row[0])

    def attempts(
        self,
        *,
        deck_id: str | None = None,
        limit: int | None = None,
        status: AttemptStatus | str | Iterable[AttemptStatus | str] | None = None,
    ) -> list[AttemptSummary]:
        """Attempts newest first (by start time), optionally of one deck and/or status."""
        where: list[str] = []
        params: list[object] = []
        if deck_id is not None:
            where.append("deck_id = ?")
            params.append(deck_id)
        statuses = _status_values(status)
        if statuses is not None:
            if not statuses:
                return []
            where.append(f"status IN ({','.join('?' * len(statuses))})")
            params.extend(statuses)
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM attempts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY started_at DESC, id DESC LIMIT ?"
        params.append(-1 if limit is None else max(0, limit))
        with self._read() as conn:
            rows = conn.execute(sql, params).fetchall()
        with _gc_paused():
            return [_summary(row) for row in rows]

    def attempt_summary(self, attempt_id: int) -> AttemptSummary:
        with self._read() as conn:
            row = conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
        if row is None:
            raise HistoryError(f"{self.path} has no attempt {attempt_id}.")
        return _summary(row)

    def unfinished(self, deck_id: str | None = None) -> list[AttemptSummary]:
        """Attempts that can be resumed, newest first."""
        return self.attempts(deck_id=deck_id, status=AttemptStatus.IN_PROGRESS)

    def topic_trend(
        self, deck_id: str, *, limit_attempts: int | None = None
    ) -> list[TopicTrendPoint]:
        """Per-topic scores of the deck's finished attempts (the most recent
        ``limit_attempts`` of them), oldest first so a trend reads left to right."""
        with self._read() as conn:
            bound: tuple[str, int] | None = None
            if limit_attempts is not None:
                if limit_attempts <= 0:
                    return []
                bound = conn.execute(
                    "SELECT finished_at, id FROM attempts "
                    "WHERE deck_id = ? AND finished_at IS NOT NULL "
                    "ORDER BY finished_at DESC, id DESC LIMIT 1 OFFSET ?",
                    (deck_id, limit_attempts - 1),
                ).fetchone()
            sql = (
                "SELECT attempt_id, finished_at, topic, name, correct, total "
                "FROM topic_scores WHERE deck_id = ?"
            )
            params: tuple = (deck_id,)
            if bound is not None:
                sql += " AND (finished_at, attempt_id) >= (?, ?)"
                params = (deck_id, *bound)
            rows = conn.execute(
                sql + " ORDER BY finished_at, attempt_id, position", params
            ).fetchall()
        with _gc_paused():
            return [_fast_new(TopicTrendPoint, _TREND_FIELDS, row) for row in rows]

    def topic_averages(self, deck_id: str) -> list[TopicAverage]:
        """Each topic over all the deck's finished attempts, with its recent trend
        (see TopicAverage), in the order the latest report listed them."""
        recent = TopicAverage.RECENT
        with self._read() as conn:
            totals = {
                topic: (count, correct, total)
                for topic, count, correct, total in conn.execute(
                    "SELECT topic, count(*), sum(correct), sum(total) FROM topic_scores "
                    "WHERE deck_id = ? GROUP BY topic",
                    (deck_id,),
                )
            }
            # Newest first, stopping once every topic has its RECENT attempts.
            latest: dict[str | None, tuple[str, int]] = {}
            recent_sums: dict[str | None, list[int]] = {}
            cursor = conn.execute(
                "SELECT topic, name, position, correct, total FROM topic_scores "
                "WHERE deck_id = ? ORDER BY finished_at DESC, attempt_id DESC",
                (deck_id,),
            )
            waiting = len(totals)
            for topic, name, position, correct, total in cursor:
                latest.setdefault(topic, (name, position))
                sums = recent_sums.setdefault(topic, [0, 0, 0])
                if sums[2] == recent:
                    continue
                sums[0] += correct
                sums[1] += total
                sums[2] += 1
                if sums[2] == recent or sums[2] == totals[topic][0]:
                    waiting -= 1
                    if not waiting:
                        break
        result = []
        for topic, (count, correct, total) in totals.items():
            r_correct, r_total, _ = recent_sums[topic]
            e_correct, e_total = correct - r_correct, total - r_total
            result.append(
                TopicAverage(
                    topic=topic,
                    name=latest[topic][0],
                    attempts=count,
                    correct=correct,
                    total=total,
                    recent_percent=100.0 * r_correct / r_total if r_total else 0.0,
                    earlier_percent=(
                        100.0 * e_correct / e_total if count > recent and e_total else None
                    ),
                )
            )
        result.sort(key=lambda a: (latest[a.topic][1], a.name))
        return result

    def card_stats(self, deck_id: str) -> dict[str, CardStats]:
        """card_id -> its totals over the deck's finished attempts (cards never asked and
        never picked are absent)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT deck_id, card_id, label, seen, correct, wrong, unanswered, "
                "chosen_wrongly, last_seen FROM card_stats WHERE deck_id = ?",
                (deck_id,),
            ).fetchall()
        return {row[1]: CardStats(*row) for row in rows}

    def confusions(self, deck_id: str | None = None, limit: int = 10) -> list[Confusion]:
        """The wrong options picked most often for a key, most frequent first. Texts are the
        cards' terms where a question showed them, else the option text as shown."""
        sql = """
            SELECT c.deck_id, c.key_card_id, coalesce(k.label, c.key_text),
                c.chosen_card_id, coalesce(w.label, c.chosen_text), c.times
            FROM confusions c
            LEFT JOIN card_stats k ON k.deck_id = c.deck_id AND k.card_id = c.key_card_id
            LEFT JOIN card_stats w ON w.deck_id = c.deck_id AND w.card_id = c.chosen_card_id
            {where}
            ORDER BY c.times DESC, c.key_card_id, c.chosen_card_id LIMIT ?"""
        with self._read() as conn:
            if deck_id is None:
                rows = conn.execute(sql.format(where=""), (max(0, limit),)).fetchall()
            else:
                rows = conn.execute(
                    sql.format(where="WHERE c.deck_id = ?"), (deck_id, max(0, limit))
                ).fetchall()
        return [Confusion(*row) for row in rows]

    # ----------------------------------------------------------------- export

    def _attempt_ids(self, attempt_id: int | None, deck_id: str | None = None) -> list[int]:
        with self._read() as conn:
            if attempt_id is not None:
                self._require_attempt(conn, attempt_id)
                return [attempt_id]
            if deck_id is not None:
                rows = conn.execute(
                    "SELECT id FROM attempts WHERE deck_id = ? ORDER BY id", (deck_id,)
                )
            else:
                rows = conn.execute("SELECT id FROM attempts ORDER BY id")
            return [row[0] for row in rows]

    def export_json(
        self, out: TextIO, *, attempt_id: int | None = None, deck_id: str | None = None
    ) -> None:
        """Write attempts (all, oldest first, those of one deck, or one) as JSON: each
        attempt as the Attempt model dumps it, plus its "report" (null while in progress).
        Streams attempt by attempt."""
        ids = self._attempt_ids(attempt_id, deck_id)
        out.write(
            "{"
            f'"format": "exam-sim-history", "schema_version": {SCHEMA_VERSION}, '
            f'"exported_at": {json.dumps(utc_now())}, "attempts": ['
        )
        written = 0
        for current in ids:
            try:
                data = self.load_attempt(current).model_dump(mode="json")
                report = self.load_report(current)
            except HistoryError:
                if attempt_id is not None:
                    raise
                continue  # deleted by another exam-sim while we were exporting
            data["report"] = None if report is None else report.model_dump(mode="json")
            out.write(("\n" if written == 0 else ",\n") + json.dumps(data, ensure_ascii=False))
            written += 1
        out.write("\n]}\n")

    ATTEMPT_CSV_COLUMNS = (
        "attempt_id",
        "deck_id",
        "deck_title",
        "mode",
        "status",
        "started_at",
        "finished_at",
        "elapsed_seconds",
        "time_limit_seconds",
        "questions",
        "answered",
        "correct",
        "percent",
        "scaled",
        "passed",
    )
    ANSWER_CSV_COLUMNS = (
        "attempt_id",
        "deck_id",
        "mode",
        "status",
        "started_at",
        "finished_at",
        "number",
        "question_id",
        "card_id",
        "topic",
        "direction",
        "stem",
        "choice",
        "chosen_card_id",
        "chosen_text",
        "key",
        "key_card_id",
        "key_text",
        "correct",
        "seconds",
        "changes",
        "flagged",
    )

    def export_csv(
        self,
        out: TextIO,
        *,
        attempt_id: int | None = None,
        deck_id: str | None = None,
        table: Literal["attempts", "answers"] = "answers",
    ) -> None:
        """Write one CSV table with a header row: "attempts" (one row per attempt) or
        "answers" (one row per question of each attempt, with what was chosen); all
        attempts, those of one deck, or one."""
        if table not in ("attempts", "answers"):
            raise ValueError(f"unknown table {table!r}")
        ids = self._attempt_ids(attempt_id) if attempt_id is not None else None
        writer = csv.writer(out)
        if table == "attempts":
            writer.writerow(self.ATTEMPT_CSV_COLUMNS)
            summaries = (
                [self.attempt_summary(ids[0])]
                if ids
                else list(reversed(self.attempts(deck_id=deck_id)))
            )
            for s in summaries:
                writer.writerow(
                    (
                        s.id,
                        s.deck_id,
                        s.deck_title,
                        s.mode.value,
                        s.status.value,
                        s.started_at,
                        s.finished_at or "",
                        f"{s.elapsed_seconds:.1f}",
                        "" if s.time_limit_seconds is None else f"{s.time_limit_seconds:.0f}",
                        s.question_count,
                        s.answered,
                        "" if s.correct is None else s.correct,
                        "" if s.percent is None else f"{s.percent:.1f}",
                        "" if s.scaled is None else s.scaled,
                        "" if s.passed is None else ("yes" if s.passed else "no"),
                    )
                )
            return
        writer.writerow(self.ANSWER_CSV_COLUMNS)
        sql = """
            SELECT a.id, a.deck_id, a.mode, a.status, a.started_at, a.finished_at,
                q.position, q.question_id, q.card_id, q.topic, q.direction, q.stem,
                q.options, q.option_card_ids, q.answer,
                an.choice, an.seconds, an.changes, an.flagged
            FROM attempts a
            JOIN questions q ON q.attempt_id = a.id
            LEFT JOIN answers an ON an.attempt_id = q.attempt_id AND an.position = q.position
            {where} ORDER BY a.id, q.position"""
        with self._read() as conn:
            if ids:
                cursor = conn.execute(sql.format(where="WHERE a.id = ?"), (ids[0],))
            elif deck_id is not None:
                cursor = conn.execute(sql.format(where="WHERE a.deck_id = ?"), (deck_id,))
            else:
                cursor = conn.execute(sql.format(where=""))
            for row in cursor:
                (aid, deck, mode, status, started, finished, position, qid, card, topic,
                 direction, stem, options, option_ids, key, choice, seconds, changes,
                 flagged) = row  # fmt: skip
                options = json.loads(options)
                option_ids = json.loads(option_ids)
                answered = choice is not None and 0 <= choice < len(options)
                writer.writerow(
                    (
                        aid,
                        deck,
                        mode,
                        status,
                        started,
                        finished or "",
                        position + 1,
                        qid,
                        card,
                        topic or "",
                        direction,
                        stem,
                        LETTERS[choice] if answered else "",
                        option_ids[choice] if answered else "",
                        options[choice] if answered else "",
                        LETTERS[key],
                        option_ids[key],
                        options[key],
                        1 if choice == key else 0,
                        f"{seconds or 0:.1f}",
                        changes or 0,
                        1 if flagged else 0,
                    )
                )
