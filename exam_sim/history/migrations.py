"""Each version of the history's schema, as the migration that makes it from the one
before (schema.py keeps the version bookkeeping and runs them: see its docstring for the
layout). Migrations are never edited once shipped: a change is a new version.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable

from exam_sim.history.card_totals import count_matching_prompts, count_wrong_pairs
from exam_sim.history.leases import create_table as create_leases_table
from exam_sim.history.memory import iso, micros, review_matching_prompts
from exam_sim.history.stats import fill_tag_scores, insert_topic_scores, rebuild_stats
from exam_sim.history.texts import content_hash, id_list, store_texts
from exam_sim.models import ScoreReport
from exam_sim.schedule.memory import parse_utc

# PRAGMA application_id: marks the file as ours ("EXMS"), so another program's SQLite
# database is recognised and left alone.
APPLICATION_ID = 0x45584D53


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
    finished = conn.execute(
        "SELECT id, deck_id, finished_at, report FROM attempts WHERE report IS NOT NULL"
    ).fetchall()
    for row in finished:
        report = ScoreReport.model_validate_json(row["report"])
        insert_topic_scores(conn, row["id"], row["deck_id"], row["finished_at"], report.topics)
    rebuild_stats(conn, None, inline_texts=True)


def _migrate_to_v3(conn: sqlite3.Connection) -> None:
    """One session per attempt: the lease an open attempt's session holds (leases.py)."""
    create_leases_table(conn)


def _migrate_to_v4(conn: sqlite3.Connection) -> None:
    """Spaced repetition (issue 12): the confidence marked on an answer and the first answer
    given (to classify answer changes), one FSRS review per
    answered question of a finished attempt, each card's memory replayed from them, and the
    exam date of a deck. Earlier attempts become reviews at their finish time."""
    conn.execute("ALTER TABLE answers ADD COLUMN confidence TEXT")
    conn.execute("ALTER TABLE answers ADD COLUMN first_choice INTEGER")
    conn.execute(
        """
        CREATE TABLE reviews (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            reviewed_at TEXT NOT NULL,
            rating INTEGER NOT NULL,
            -- One review per question of an attempt: never counted twice.
            PRIMARY KEY (attempt_id, position)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """
        CREATE TABLE card_memory (
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT NOT NULL,
            last_review TEXT,
            reviews INTEGER NOT NULL,
            lapses INTEGER NOT NULL,
            first_review TEXT NOT NULL,
            PRIMARY KEY (deck_id, card_id)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        "CREATE TABLE exam_dates (deck_id TEXT PRIMARY KEY, exam_date TEXT NOT NULL) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX reviews_by_card ON reviews(deck_id, card_id, reviewed_at)")
    conn.execute("CREATE INDEX card_memory_by_due ON card_memory(deck_id, due)")
    # The tables are filled by `upgrade` once every step has run (see MEMORY_VERSION).


def _migrate_to_v5(conn: sqlite3.Connection) -> None:
    """Question texts stored once (a 100k-attempt history was mostly the same card texts
    over and over), running topic totals (averages no longer sum every topic score), and an
    index for the score trend of full mocks."""
    conn.execute(
        """
        CREATE TABLE texts (
            id INTEGER PRIMARY KEY,
            hash BLOB NOT NULL UNIQUE,  -- BLAKE2b-128 of the text's UTF-8 bytes
            text TEXT NOT NULL
        )"""
    )
    # The questions table is rebuilt: one pass that reads every question and writes it with
    # text ids (adding columns, updating and dropping the old ones rewrote it four times).
    # Store._migrate runs migrations with foreign keys off, as SQLite's table rebuild needs,
    # and checks them before the commit.
    conn.execute(
        """
        CREATE TABLE questions_v3 (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            topic TEXT,
            direction TEXT NOT NULL,
            stem_text INTEGER NOT NULL,  -- texts.id
            option_texts TEXT NOT NULL,  -- JSON list of texts.id
            option_card_ids TEXT NOT NULL,
            answer INTEGER NOT NULL,
            explanation_texts TEXT NOT NULL DEFAULT '[]',  -- JSON list of texts.id
            PRIMARY KEY (attempt_id, position)
        )"""
    )
    numbered: dict[str, int] = {}  # each distinct text -> its id, in the order met

    def text_id(text: str) -> int:
        found = numbered.get(text)
        if found is None:
            found = numbered[text] = len(numbered) + 1
        return found

    def text_ids(stored: str) -> str:
        return id_list([text_id(text) for text in json.loads(stored)])

    conn.create_function("exam_sim_text_id", 1, text_id)
    conn.create_function("exam_sim_text_ids", 1, text_ids)
    conn.execute(
        """
        INSERT INTO questions_v3 (attempt_id, position, question_id, card_id, topic, direction,
            stem_text, option_texts, option_card_ids, answer, explanation_texts)
        SELECT attempt_id, position, question_id, card_id, topic, direction,
            exam_sim_text_id(stem), exam_sim_text_ids(options), option_card_ids, answer,
            exam_sim_text_ids(explanations)
        FROM questions ORDER BY attempt_id, position"""
    )
    conn.executemany(
        "INSERT INTO texts (id, hash, text) VALUES (?, ?, ?)",
        ((number, content_hash(text), text) for text, number in numbered.items()),
    )
    conn.execute("DROP TABLE questions")
    conn.execute("ALTER TABLE questions_v3 RENAME TO questions")
    conn.execute(
        """
        CREATE TABLE topic_totals (
            deck_id TEXT NOT NULL,
            topic TEXT NOT NULL,  -- '' for questions without a topic
            attempts INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            total INTEGER NOT NULL,
            PRIMARY KEY (deck_id, topic)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        "INSERT INTO topic_totals (deck_id, topic, attempts, correct, total) "
        "SELECT deck_id, coalesce(topic, ''), count(*), sum(correct), sum(total) "
        "FROM topic_scores GROUP BY deck_id, coalesce(topic, '')"
    )
    # Attempts per deck, kept by triggers: the History screen shows the count at once.
    conn.execute(
        "CREATE TABLE deck_attempts (deck_id TEXT PRIMARY KEY, attempts INTEGER NOT NULL)"
        " WITHOUT ROWID"
    )
    conn.execute(
        "INSERT INTO deck_attempts (deck_id, attempts) "
        "SELECT deck_id, count(*) FROM attempts GROUP BY deck_id"
    )
    conn.execute(
        """
        CREATE TRIGGER attempts_counted AFTER INSERT ON attempts BEGIN
            INSERT INTO deck_attempts (deck_id, attempts) VALUES (new.deck_id, 1)
            ON CONFLICT (deck_id) DO UPDATE SET attempts = attempts + 1;
        END"""
    )
    conn.execute(
        """
        CREATE TRIGGER attempts_uncounted AFTER DELETE ON attempts BEGIN
            UPDATE deck_attempts SET attempts = attempts - 1 WHERE deck_id = old.deck_id;
            DELETE FROM deck_attempts WHERE deck_id = old.deck_id AND attempts <= 0;
        END"""
    )
    # The score trend: a deck's graded mocks of one length, newest first, from the index.
    conn.execute(
        "CREATE INDEX attempts_graded ON attempts(deck_id, mode, question_count, finished_at)"
        " WHERE scaled IS NOT NULL"
    )


def _migrate_to_v6(conn: sqlite3.Connection) -> None:
    """Item kinds (docs/exams.md): a question's kind, keys, prompts, case study, rationale,
    references and whether it is scored, as JSON in `questions.item` (NULL for a plain
    single-answer question, so every older row reads as it did); an answer's whole
    response to a multiple-response, ordering or matching item and the options struck
    out, as JSON in `answers.response` and `answers.struck`. `answers.choice` keeps a
    summary of such a response (the key when right, -1 when wrong), so every count that
    reads it still holds."""
    conn.execute("ALTER TABLE questions ADD COLUMN item TEXT")
    conn.execute("ALTER TABLE answers ADD COLUMN response TEXT")
    conn.execute("ALTER TABLE answers ADD COLUMN struck TEXT")


def _migrate_to_v7(conn: sqlite3.Connection) -> None:
    """Confidence marking chosen per session (issue 12): `attempts.asks_confidence`, so a
    resumed mock or drill keeps asking. Study sessions always asked, and an attempt with a
    marked answer was one that asked."""
    conn.execute("ALTER TABLE attempts ADD COLUMN asks_confidence INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        """
        UPDATE attempts SET asks_confidence = 1
        WHERE mode = 'study' OR EXISTS (
            SELECT 1 FROM answers a WHERE a.attempt_id = attempts.id
            AND a.confidence IS NOT NULL)"""
    )
    # The forecast reads a deck's latest mocks (Home, History, plan): from the index, not
    # by walking every drill started since (0.08 s at 50,000 drills).
    conn.execute("CREATE INDEX attempts_by_deck_mode_start ON attempts(deck_id, mode, started_at)")


def _migrate_to_v8(conn: sqlite3.Connection) -> None:
    """Each review keeps the card's memory just after it (issue 14): deleting an attempt
    restores each card it touched from its last review before the attempt and replays only
    the reviews after, where it replayed every review of the card (seconds at 5,000
    attempts). Existing reviews are replayed once by `upgrade`, after the last step (it
    reads the reviews through today's code, which expects version 9's table)."""
    for column in (
        "state INTEGER",
        "step INTEGER",
        "stability REAL",
        "difficulty REAL",
        "due_epoch INTEGER",  # whole seconds since 1970, UTC
        "last_review_epoch INTEGER",
        "reviews INTEGER",  # how many reviews of the card up to this one
        "lapses INTEGER",
    ):
        conn.execute(f"ALTER TABLE reviews ADD COLUMN {column}")


def _migrate_to_v9(conn: sqlite3.Connection) -> None:
    """Compact rows (issue 14: 39 KB a real attempt, 16 KB of it question rows repeating
    card ids as text, 12 KB reviews and their index repeating deck id, card id and time as
    text). Card ids, option card ids, topics and directions become ids into `texts`; a
    question id that is the generator's "card:direction:seed" is left NULL and made again
    on reading; questions and reviews are WITHOUT ROWID; a review's time is microseconds
    since 1970 and its table is clustered by card in replay order, so the index
    reviews_by_card goes (one index by attempt remains, for the delete). What an old
    attempt shows is unchanged: every value is read back exactly (a test compares)."""
    strings: set[str] = set()
    for sql in (
        "SELECT DISTINCT card_id FROM questions",
        "SELECT DISTINCT direction FROM questions",
        "SELECT DISTINCT topic FROM questions WHERE topic IS NOT NULL",
        "SELECT DISTINCT j.value FROM questions q, json_each(q.option_card_ids) j",
        "SELECT DISTINCT deck_id FROM reviews",
        "SELECT DISTINCT card_id FROM reviews",
    ):
        strings.update(row[0] for row in conn.execute(sql))
    ids = store_texts(conn, strings)

    def text_id(text: str | None) -> int | None:
        return None if text is None else ids[text]

    # Cached: an attempt's 65 reviews share one time, and SQLite evaluates a function once
    # per use in the statement (the conversion took 20 s at 5,000 attempts without).
    @functools.lru_cache(maxsize=65_536)
    def text_ids(stored: str) -> str:
        return id_list([ids[text] for text in json.loads(stored)])

    @functools.lru_cache(maxsize=65_536)
    def canonical(stamp: str) -> bool:  # as the app writes it: text order is time order
        return iso(parse_utc(stamp)) == stamp

    conn.create_function("exam_sim_text_id", 1, text_id, deterministic=True)
    conn.create_function("exam_sim_text_ids", 1, text_ids, deterministic=True)
    conn.create_function(
        "exam_sim_micros", 1, functools.lru_cache(maxsize=65_536)(micros), deterministic=True
    )
    conn.create_function("exam_sim_canonical", 1, canonical, deterministic=True)
    conn.execute(
        """
        CREATE TABLE questions_v9 (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question_id TEXT,  -- NULL: "{card id}:{direction}:{the attempt's seed}"
            card_text INTEGER NOT NULL,  -- texts.id of the card id
            topic_text INTEGER,  -- texts.id of the topic id; NULL: no topic
            direction_text INTEGER NOT NULL,  -- texts.id of the direction
            stem_text INTEGER NOT NULL,  -- texts.id
            option_texts TEXT NOT NULL,  -- JSON list of texts.id
            option_card_texts TEXT NOT NULL,  -- JSON list of texts.id of the cards' ids
            answer INTEGER NOT NULL,
            explanation_texts TEXT NOT NULL DEFAULT '[]',  -- JSON list of texts.id
            item TEXT,
            PRIMARY KEY (attempt_id, position)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """
        INSERT INTO questions_v9 (attempt_id, position, question_id, card_text, topic_text,
            direction_text, stem_text, option_texts, option_card_texts, answer,
            explanation_texts, item)
        SELECT q.attempt_id, q.position,
            CASE WHEN q.question_id = q.card_id || ':' || q.direction || ':' || a.seed
                 THEN NULL ELSE q.question_id END,
            exam_sim_text_id(q.card_id), exam_sim_text_id(q.topic),
            exam_sim_text_id(q.direction), q.stem_text, q.option_texts,
            exam_sim_text_ids(q.option_card_ids), q.answer, q.explanation_texts, q.item
        FROM questions q LEFT JOIN attempts a ON a.id = q.attempt_id
        ORDER BY q.attempt_id, q.position"""
    )
    conn.execute("DROP TABLE questions")
    conn.execute("ALTER TABLE questions_v9 RENAME TO questions")
    conn.execute(
        """
        CREATE TABLE reviews_v9 (
            deck_text INTEGER NOT NULL,  -- texts.id of the deck id
            card_text INTEGER NOT NULL,  -- texts.id of the card id
            reviewed_at INTEGER NOT NULL,  -- microseconds since 1970, UTC
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            rating INTEGER NOT NULL,
            state INTEGER,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due INTEGER,  -- whole seconds since 1970, UTC
            last_review INTEGER,  -- the same; NULL: the second of reviewed_at
            -- A card's reviews in replay order: a replay is one range read.
            PRIMARY KEY (deck_text, card_text, reviewed_at, attempt_id, position)
        ) WITHOUT ROWID"""
    )
    # A state is kept only where the order it was replayed in (text order of the stored
    # times) is the new one; `upgrade` replays the cards left without (fill_review_states).
    conn.execute(
        """
        INSERT INTO reviews_v9 (deck_text, card_text, reviewed_at, attempt_id, position,
            rating, state, step, stability, difficulty, due, last_review)
        SELECT exam_sim_text_id(deck_id), exam_sim_text_id(card_id),
            exam_sim_micros(reviewed_at), attempt_id, position, rating,
            CASE WHEN ok THEN state END, CASE WHEN ok THEN step END,
            CASE WHEN ok THEN stability END, CASE WHEN ok THEN difficulty END,
            CASE WHEN ok THEN due_epoch END,
            CASE WHEN ok AND last_review_epoch != exam_sim_micros(reviewed_at) / 1000000
                 THEN last_review_epoch END
        FROM (SELECT *, exam_sim_canonical(reviewed_at) AND state IS NOT NULL AS ok
              FROM reviews)"""
    )
    conn.execute("DROP TABLE reviews")
    conn.execute("ALTER TABLE reviews_v9 RENAME TO reviews")
    # One review per question of an attempt (never counted twice); the delete's lookup.
    conn.execute("CREATE UNIQUE INDEX reviews_by_attempt ON reviews(attempt_id, position)")


def _migrate_to_v10(conn: sqlite3.Connection) -> None:
    """A mock on a deck that gives no blueprint keeps its verdict against the aim in
    `passed` (the attempts lists read it there; it was only in the stored report)."""
    conn.execute(
        """UPDATE attempts SET passed = json_extract(report, '$.aim_reached')
        WHERE mode = 'mock' AND scaled IS NULL AND passed IS NULL AND report IS NOT NULL
          AND json_extract(report, '$.aim_reached') IS NOT NULL"""
    )


def _migrate_to_v11(conn: sqlite3.Connection) -> None:
    """`attempts.deck_path`: the deck file an attempt was taken on, for its resume (NULL
    for older ones); a matching item's wrong pairs counted as confusions; a deck scored
    by tag keeps its tags' scores with its topic scores."""
    conn.execute("ALTER TABLE attempts ADD COLUMN deck_path TEXT")
    count_wrong_pairs(conn)
    fill_tag_scores(conn)


def _migrate_to_v12(conn: sqlite3.Connection) -> None:
    """A matching item made from cards reviews each prompt's card, rated by its own pair
    (`schedule.rating.cards_reviewed`), and counts it right or wrong in `card_stats` by
    that pair (`units.matched_pairs`): a question's position may hold a review of each of
    its cards, so the key of an attempt's reviews adds the card. The reviews and counts of
    the matching items already answered are made again (`review_matching_prompts`,
    `count_matching_prompts`)."""
    conn.execute("DROP INDEX reviews_by_attempt")
    conn.execute(
        "CREATE UNIQUE INDEX reviews_by_attempt ON reviews(attempt_id, position, card_text)"
    )
    review_matching_prompts(conn)
    count_matching_prompts(conn)


# Index i migrates a database at user_version i to user_version i + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _migrate_to_v1,
    _migrate_to_v2,
    _migrate_to_v3,
    _migrate_to_v4,
    _migrate_to_v5,
    _migrate_to_v6,
    _migrate_to_v7,
    _migrate_to_v8,
    _migrate_to_v9,
    _migrate_to_v10,
    _migrate_to_v11,
    _migrate_to_v12,
)
