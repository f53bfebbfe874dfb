"""The `History` store: open a history file, write attempts as they happen, read them back.

Every write is its own ``BEGIN IMMEDIATE`` transaction, committed before the call returns:
a second process waits for the write lock (``busy_timeout``) instead of failing with
"database is locked", and an answer is on disk (``synchronous=FULL``) when ``save_answer``
returns. Reads that take several statements run in one read transaction, so they see one
snapshot. The file checks are in guards.py, the schema in schema.py, the statistics in
stats.py and the export in export.py; this module ties them to one connection.
"""

from __future__ import annotations

import contextlib
import json
import shlex
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from exam_sim import paths
from exam_sim.gc_pause import gc_paused
from exam_sim.history import card_totals, export, guards, leases, lists, memory, stats, texts
from exam_sim.history.coaching import SpacedRepetition
from exam_sim.history.export import Exports
from exam_sim.history.records import (
    AttemptSummary,
    CardStats,
    Confusion,
    DiskFull,
    HistoryError,
    TopicAverage,
    TopicTrendPoint,
)
from exam_sim.history.rows import (
    SUMMARY_COLUMNS,
    SUMMARY_FIELDS,
    confidence_column,
    fetch_as,
    list_column,
    read_attempt,
    report_from_column,
    summary_row,
)
from exam_sim.models import Answer, Attempt, AttemptMode, AttemptStatus, ScoreReport

_IN_PROGRESS = AttemptStatus.IN_PROGRESS.value


def _status_values(
    status: AttemptStatus | str | Iterable[AttemptStatus | str] | None,
) -> list[str] | None:
    if status is None:
        return None
    if isinstance(status, str):
        return [AttemptStatus(status).value]
    return [AttemptStatus(s).value for s in status]


class History(SpacedRepetition, Exports):
    """The history database. Open it, use it, close it (or use it as a context manager).

    A connection may be shared between threads (calls are serialised by a lock); separate
    processes coordinate through SQLite's own locking.
    """

    ATTEMPT_CSV_COLUMNS = export.ATTEMPT_CSV_COLUMNS
    ANSWER_CSV_COLUMNS = export.ANSWER_CSV_COLUMNS

    def __init__(
        self,
        path: Path | str,
        *,
        front_end: str = "exam-sim",
        on_upgrade: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path).expanduser()
        self._on_upgrade = on_upgrade  # told of a long schema upgrade (`schema.upgrade`)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        # This session's identity for the attempts it opens (leases.py), and the attempts
        # it has held: a write to one of them after a take-over is refused.
        self.holder = leases.Holder.this_process(front_end)
        self._claimed: set[int] = set()
        # "" once quick_check passed, else its refusal (verify); None: not checked yet.
        self._verified: str | None = None
        self._verify_lock = threading.Lock()
        self._conn = self._open()

    @classmethod
    def open_default(
        cls,
        db: str | Path | None = None,
        *,
        front_end: str = "exam-sim",
        on_upgrade: Callable[[str], None] | None = None,
    ) -> History:
        """The database named by ``--db``, else the one in the exam-sim data folder.
        `front_end` names this session when another one finds an attempt open in it;
        `on_upgrade` is told when opening it upgrades many attempts (a minute at 100,000)."""
        path = db if db is not None else paths.default_db_path()
        return cls(path, front_end=front_end, on_upgrade=on_upgrade)

    # ----------------------------------------------------------------- opening

    def _open(self) -> sqlite3.Connection:
        conn = guards.open_connection(self.path)
        try:
            self._migrate(conn)
        except HistoryError:
            conn.close()
            raise
        except sqlite3.Error as error:
            conn.close()
            if guards.is_full(error, self.path):
                raise guards.full_at_open(self.path) from error
            raise HistoryError(
                f"{self.path} cannot be used as a history database ({error})."
            ) from error
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        guards.migrate(conn, self.path, self._on_upgrade)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                for attempt_id in sorted(self._claimed):
                    with contextlib.suppress(HistoryError):
                        self.release(attempt_id)
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
    def _write(self, attempt_id: int | None = None) -> Iterator[sqlite3.Connection]:
        """One committed write transaction. IMMEDIATE takes the write lock up front, so a
        concurrent writer waits (busy_timeout) instead of failing half-way. `attempt_id`
        names the attempt written, for the sentence if the disk is full."""
        with self._lock:
            conn = self._db
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise self._error("could not be written", error, attempt_id) from error
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as error:
                self._rollback(conn)
                raise self._error("could not be written", error, attempt_id) from error
            except BaseException:
                self._rollback(conn)
                raise

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        # SQLite may have rolled back already (a full disk does): then there is nothing
        # to undo, and the error to report is the one that caused it.
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")

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
                    if conn.in_transaction:
                        conn.execute("COMMIT")
            except sqlite3.Error as error:
                raise self._error("could not be read", error) from error

    def _error(
        self, what: str, error: sqlite3.Error, attempt_id: int | None = None
    ) -> HistoryError:
        if guards.is_busy(error):
            return HistoryError(
                f"{self.path} {what}: another exam-sim held it for more than "
                f"{guards.BUSY_TIMEOUT_MS // 1000} s ({error})."
            )
        if guards.is_full(error, self.path):
            return DiskFull(self._full_sentence(attempt_id))
        return HistoryError(f"{self.path} {what} ({error}).")

    def _full_sentence(self, attempt_id: int | None) -> str:
        where = f"the disk holding {self.path} is full"
        if attempt_id is None:
            return f"{where}: nothing was changed; free some space and try again."
        db = "" if self.path == paths.default_db_path() else f" --db {shlex.quote(str(self.path))}"
        return (
            f"{where}: every answer confirmed as saved is in the history, only the last "
            f"action was not saved; free some space, then continue attempt {attempt_id} "
            f"with: exam-sim{db} resume {attempt_id}."
        )

    def _attempt_row(self, conn: sqlite3.Connection, attempt_id: int) -> sqlite3.Row:
        row: sqlite3.Row | None = conn.execute(
            "SELECT status, deck_id, finished_at, question_count FROM attempts WHERE id = ?",
            (attempt_id,),
        ).fetchone()
        if row is None:
            raise HistoryError(f"{self.path} has no attempt {attempt_id}.")
        return row

    def _open_attempt_row(self, conn: sqlite3.Connection, attempt_id: int) -> sqlite3.Row:
        """The attempt, which must still be in progress: a stored score never drifts."""
        row = self._attempt_row(conn, attempt_id)
        if row["status"] != _IN_PROGRESS:
            raise HistoryError(f"attempt {attempt_id} is already finished ({row['status']}).")
        return row

    # ----------------------------------------------------------------- writes

    def create_attempt(self, attempt: Attempt) -> int:
        """Store a new attempt with every question as shown and one answer row per question
        (the attempt's own answers where it has them). Returns the new id."""
        if attempt.status is not AttemptStatus.IN_PROGRESS:
            raise ValueError("create_attempt takes an attempt in progress; use finish_attempt")
        self.check_before_writing()
        given = {answer.position: answer for answer in attempt.answers}
        for position in given:
            if not 0 <= position < len(attempt.questions):
                raise ValueError(f"answer for position {position} has no question")
        with self._write() as conn:
            cursor = conn.execute(
                """
                INSERT INTO attempts (deck_id, deck_title, mode, status, started_at,
                    time_limit_seconds, elapsed_seconds, seed, blueprint, notes,
                    question_count, answered, asks_confidence, deck_path)
                VALUES (:deck_id, :deck_title, :mode, :status, :started_at,
                    :time_limit_seconds, :elapsed_seconds, :seed, :blueprint, :notes,
                    :question_count, :answered, :asks_confidence, :deck_path)""",
                {
                    "deck_id": attempt.deck_id,
                    "deck_title": attempt.deck_title,
                    "mode": attempt.mode.value,
                    "status": _IN_PROGRESS,
                    "started_at": attempt.started_at,
                    "time_limit_seconds": attempt.time_limit_seconds,
                    "elapsed_seconds": attempt.elapsed_seconds,
                    "seed": attempt.seed,
                    "blueprint": attempt.blueprint.model_dump_json(),
                    "notes": json.dumps(list(attempt.notes), ensure_ascii=False),
                    "question_count": len(attempt.questions),
                    "answered": sum(1 for a in given.values() if a.choice is not None),
                    "asks_confidence": int(attempt.asks_confidence),
                    "deck_path": attempt.deck_path,
                },
            )
            attempt_id = int(cursor.lastrowid or 0)
            leases.claim(conn, attempt_id, self.holder, take_over=False)
            texts.insert_questions(conn, attempt_id, attempt.questions)
            conn.executemany(
                "INSERT INTO answers (attempt_id, position, choice, seconds, changes, flagged,"
                " confidence, first_choice, response, struck)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        attempt_id,
                        position,
                        a.choice,
                        a.seconds,
                        a.changes,
                        int(a.flagged),
                        confidence_column(a),
                        a.first_choice,
                        list_column(a.response),
                        list_column(a.struck),
                    )
                    for position in range(len(attempt.questions))
                    for a in [given.get(position) or Answer(position=position)]
                ],
            )
        self._claimed.add(attempt_id)
        return attempt_id

    def claim(self, attempt_id: int, *, take_over: bool = False) -> None:
        """Open an attempt in progress in this session (leases.py): refused in one sentence
        while another live session has it open, unless `take_over`."""
        self.check_before_writing()
        with self._write() as conn:
            self._open_attempt_row(conn, attempt_id)
            leases.claim(conn, attempt_id, self.holder, take_over=take_over)
        self._claimed.add(attempt_id)

    def check_before_writing(self) -> None:
        """Refuse to start or resume a session in a damaged file (see `verify`)."""
        problem = self.verify()
        if problem is not None:
            raise HistoryError(problem)

    def verify(self) -> str | None:
        """`PRAGMA quick_check` of the whole file, once per opened history: None when it
        passes, else the one-sentence refusal every later session write gets. Runs on its
        own read-only connection, so the TUI runs it in a worker without holding the store;
        costs about 2.3 ms per MB of history (docs/history.md)."""
        with self._verify_lock:
            if self._verified is None:
                self._verified = guards.quick_check(self.path)
            return self._verified or None

    def release(self, attempt_id: int) -> None:
        """Leave an attempt: another session may open it without taking it over."""
        self._claimed.discard(attempt_id)
        with self._write() as conn:
            leases.release(conn, attempt_id, self.holder)

    def _held_row(self, conn: sqlite3.Connection, attempt_id: int) -> sqlite3.Row:
        """The attempt, in progress and open in this session (else refused)."""
        row = self._open_attempt_row(conn, attempt_id)
        leases.hold(conn, attempt_id, self.holder, claimed=attempt_id in self._claimed)
        self._claimed.add(attempt_id)
        return row

    def save_answer(
        self, attempt_id: int, answer: Answer, *, elapsed_seconds: float | None = None
    ) -> None:
        """Commit one question's state (choice, seconds, changes, flag); with
        ``elapsed_seconds``, the attempt's clock in the same transaction."""
        with self._write(attempt_id) as conn:
            count = self._held_row(conn, attempt_id)["question_count"]
            if not 0 <= answer.position < count:
                raise HistoryError(
                    f"attempt {attempt_id} has no question {answer.position + 1} (it has {count})."
                )
            conn.execute(
                """
                INSERT INTO answers (attempt_id, position, choice, seconds, changes, flagged,
                    confidence, first_choice, response, struck)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (attempt_id, position) DO UPDATE SET
                    choice = excluded.choice, seconds = excluded.seconds,
                    changes = excluded.changes, flagged = excluded.flagged,
                    confidence = excluded.confidence, first_choice = excluded.first_choice,
                    response = excluded.response, struck = excluded.struck""",
                (
                    attempt_id,
                    answer.position,
                    answer.choice,
                    answer.seconds,
                    answer.changes,
                    int(answer.flagged),
                    confidence_column(answer),
                    answer.first_choice,
                    list_column(answer.response),
                    list_column(answer.struck),
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
        with self._write(attempt_id) as conn:
            self._held_row(conn, attempt_id)
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
        with self._write(attempt_id) as conn:
            deck_id = self._held_row(conn, attempt_id)["deck_id"]
            self._check_report(conn, attempt_id, report)
            conn.execute("DELETE FROM attempt_leases WHERE attempt_id = ?", (attempt_id,))
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
                    "passed": None if report.verdict is None else int(report.verdict),
                    "report": report.model_dump_json(),
                    "id": attempt_id,
                },
            )
            stats.record_finished(conn, attempt_id, deck_id, finished_at, report)
            # The spaced-repetition reviews, in the same transaction: all or none.
            memory.record_reviews(conn, attempt_id)
        self._claimed.discard(attempt_id)

    def _check_report(self, conn: sqlite3.Connection, attempt_id: int, report: ScoreReport) -> None:
        """A report is stored only if it is the stored answers' own score (the blueprint's
        unscored items, `questions.item` "scored": false, count in neither)."""
        answered, correct = conn.execute(
            "SELECT count(a.choice), coalesce(sum(a.choice = q.answer), 0) FROM answers a "
            "JOIN questions q ON q.attempt_id = a.attempt_id AND q.position = a.position "
            "WHERE a.attempt_id = ? AND coalesce(json_extract(q.item, '$.scored'), 1)",
            (attempt_id,),
        ).fetchone()
        if (answered, correct) != (report.answered, report.correct):
            raise HistoryError(
                f"attempt {attempt_id} was not submitted: its stored answers ({answered} "
                f"answered, {correct} correct) differ from this session's ({report.answered}, "
                f"{report.correct}); resume it with: exam-sim resume {attempt_id}."
            )

    def delete_attempt(self, attempt_id: int) -> None:
        """Remove an attempt, its questions and answers, and its share of the totals."""
        with self._write() as conn:
            row = self._attempt_row(conn, attempt_id)
            finished_at = row["finished_at"]
            # Its share is read before the rows go (the cascade takes them with it).
            finished = row["status"] != _IN_PROGRESS
            delta = card_totals.attempt_delta(conn, attempt_id, finished_at) if finished else None
            topic_scores = stats.topic_scores_of(conn, attempt_id)
            reviewed_deck, touched = memory.reviewed_cards(conn, attempt_id)
            conn.execute("DELETE FROM attempts WHERE id = ?", (attempt_id,))
            if delta is not None:
                stats.take_out(conn, row["deck_id"], delta, finished_at, topic_scores)
            # Its reviews went with it: the cards they touched go back to their state
            # before them and replay only the reviews that came after.
            memory.forget_reviews(conn, reviewed_deck, attempt_id, touched)

    def rebuild_stats(self, deck_id: str | None = None) -> None:
        """Recompute the card and confusion totals from the stored attempts (a repair tool;
        the totals are normally kept up to date as attempts finish)."""
        with self._write() as conn:
            stats.rebuild_stats(conn, deck_id)

    # ----------------------------------------------------------------- reads

    def load_attempt(self, attempt_id: int) -> Attempt:
        """An attempt with its questions and answers exactly as stored."""
        with self._read() as conn:
            attempt = read_attempt(conn, attempt_id)
        if attempt is None:
            raise HistoryError(f"{self.path} has no attempt {attempt_id}.")
        return attempt

    def load_report(self, attempt_id: int) -> ScoreReport | None:
        """The stored score report; None while the attempt is in progress."""
        with self._read() as conn:
            row = conn.execute("SELECT report FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        if row is None:
            raise HistoryError(f"{self.path} has no attempt {attempt_id}.")
        return report_from_column(row["report"])

    def attempts(
        self,
        *,
        deck_id: str | None = None,
        limit: int | None = None,
        status: AttemptStatus | str | Iterable[AttemptStatus | str] | None = None,
        mode: AttemptMode | None = None,
    ) -> list[AttemptSummary]:
        """Attempts newest first (by start time), optionally of one deck, status and/or
        mode (with a limit, a deck's latest mocks are read without listing its drills)."""
        where: list[str] = []
        params: list[object] = []
        if deck_id is not None:
            where.append("deck_id = ?")
            params.append(deck_id)
        if mode is not None:
            where.append("mode = ?")
            params.append(AttemptMode(mode).value)
        statuses = _status_values(status)
        if statuses is not None:
            if not statuses:
                return []
            where.append(f"status IN ({','.join('?' * len(statuses))})")
            params.extend(statuses)
        sql = f"SELECT {SUMMARY_COLUMNS} FROM attempts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY started_at DESC, id DESC LIMIT ?"
        params.append(-1 if limit is None else max(0, limit))
        with self._read() as conn, gc_paused():
            return list(fetch_as(conn, summary_row, SUMMARY_FIELDS, sql, params))

    def attempts_page(  # the History screen's pages, counts, decks and trend: lists.py
        self,
        deck_id: str,
        *,
        after: AttemptSummary | None = None,
        before: AttemptSummary | None = None,
        limit: int = 100,
    ) -> list[AttemptSummary]:
        with self._read() as conn:
            return lists.attempts_page(conn, deck_id, after=after, before=before, limit=limit)

    def last_attempts_page(self, deck_id: str, *, limit: int = 100) -> list[AttemptSummary]:
        with self._read() as conn:
            return lists.last_attempts_page(conn, deck_id, limit)

    def attempt_count(self, deck_id: str | None = None) -> int:
        with self._read() as conn:
            return lists.attempt_count(conn, deck_id)

    def deck_ids(self) -> list[str]:
        with self._read() as conn:
            return lists.deck_ids(conn)

    def full_mocks(
        self, deck_id: str, *, question_count: int, limit: int, graded: bool = True
    ) -> list[AttemptSummary]:
        with self._read() as conn:
            return lists.full_mocks(conn, deck_id, question_count, limit, graded=graded)

    def attempt_summary(self, attempt_id: int) -> AttemptSummary:
        sql = f"SELECT {SUMMARY_COLUMNS} FROM attempts WHERE id = ?"
        with self._read() as conn:
            summary = next(fetch_as(conn, summary_row, SUMMARY_FIELDS, sql, (attempt_id,)), None)
        if summary is None:
            raise HistoryError(f"{self.path} has no attempt {attempt_id}.")
        return summary

    def unfinished(
        self, deck_id: str | None = None, *, limit: int | None = None
    ) -> list[AttemptSummary]:
        """Attempts that can be resumed, newest first (the newest `limit` of them)."""
        return self.attempts(deck_id=deck_id, status=AttemptStatus.IN_PROGRESS, limit=limit)

    def unfinished_count(self) -> int:
        """How many attempts can be resumed, of any deck (on the status index)."""
        with self._read() as conn:
            sql = "SELECT count(*) AS n FROM attempts WHERE status = ?"
            return int(conn.execute(sql, (_IN_PROGRESS,)).fetchone()["n"])

    def topic_trend(
        self, deck_id: str, *, limit_attempts: int | None = None, tags: bool = False
    ) -> list[TopicTrendPoint]:
        """Per-topic scores (`tags`: per-tag, on a deck scored by tag) of the deck's finished
        attempts (the last ``limit_attempts``), oldest first: a trend reads left to right."""
        with self._read() as conn:
            return stats.topic_trend(conn, deck_id, limit_attempts, tags=tags)

    def topic_averages(self, deck_id: str, *, tags: bool = False) -> list[TopicAverage]:
        """Each topic (`tags`: each tag) over the deck's finished attempts, with its recent
        trend (see TopicAverage), in the order the latest report listed them."""
        with self._read() as conn:
            return stats.topic_averages(conn, deck_id, tags=tags)

    def card_stats(self, deck_id: str) -> dict[str, CardStats]:
        """card_id -> its totals over the deck's finished attempts (cards never asked and
        never picked are absent)."""
        with self._read() as conn:
            return stats.card_stats(conn, deck_id)

    def confused_times(self, deck_id: str) -> dict[str, int]:
        """key card id -> how often another card was taken for it (the weak-spot input)."""
        with self._read() as conn:
            return stats.confused_times(conn, deck_id)

    def confusions(self, deck_id: str | None = None, limit: int = 10) -> list[Confusion]:
        """The wrong options picked most often for a key, most frequent first. Texts are the
        cards' terms where a question showed them, else the option text as shown."""
        with self._read() as conn:
            return stats.confusions(conn, deck_id, limit)
