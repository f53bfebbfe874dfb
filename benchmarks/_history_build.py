"""The bulk build of benchmarks/history.py: a history of many attempts written by SQL
through the real schema, and `check`, which proves its totals equal exam-sim's own."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from exam_sim.history import History
from exam_sim.history.texts import store_texts
from exam_sim.models import Deck

QUESTIONS = 65
DECK_ID = "aws-ml-specialty"
DIRECTION = "definition_to_term"


# --------------------------------------------------------------------------- building


def _option(slot: int, field: str) -> str:
    """The SQL for option `slot`'s `field`: the key sits at position `key`, the three
    distractors fill the other places in order."""
    cases = " ".join(
        f"WHEN {shift} THEN {card}.{field}" for shift, card in enumerate(("k", "d1", "d2", "d3"))
    )
    return f"(CASE ({slot} - key + 4) % 4 {cases} END)"


def _id_list(field: str) -> str:
    return "'[' || " + " || ',' || ".join(_option(s, field) for s in range(4)) + " || ']'"


def build(path: Path, attempts: int, deck: Deck) -> float:
    """Fill a new history at `path` by bulk SQL; returns the seconds taken."""
    start = time.perf_counter()
    history = History(path)
    conn = history._db  # bulk load: a few big statements in one transaction
    conn.execute("BEGIN IMMEDIATE")
    # Since schema 9 card ids, topics and the direction are texts too (ids in questions).
    texts = store_texts(
        conn,
        [
            *(t for c in deck.cards for t in (c.term, c.definition, c.id)),
            *(c.topic for c in deck.cards if c.topic is not None),
            DIRECTION,
        ],
    )
    conn.execute(
        "CREATE TEMP TABLE cards (idx INTEGER PRIMARY KEY, card_id TEXT, topic TEXT, "
        "term INTEGER, definition INTEGER, term_text TEXT, card_text INTEGER, "
        "topic_text INTEGER)"
    )
    conn.executemany(
        "INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                i, c.id, c.topic, texts[c.term], texts[c.definition], c.term, texts[c.id],
                None if c.topic is None else texts[c.topic],
            )
            for i, c in enumerate(deck.cards)
        ],
    )  # fmt: skip
    conn.execute("CREATE INDEX temp.cards_by_text ON cards(card_text)")
    conn.execute(
        "CREATE TEMP TABLE topics (topic TEXT PRIMARY KEY, position INTEGER, name TEXT,"
        " topic_text INTEGER)"
    )
    topic_texts = store_texts(conn, [t.id for t in deck.topics])
    conn.executemany(
        "INSERT INTO topics VALUES (?, ?, ?, ?)",
        [(t.id, i, t.name, topic_texts[t.id]) for i, t in enumerate(deck.topics)],
    )
    blueprint = deck.blueprint
    assert blueprint is not None
    cards = len(deck.cards)
    conn.execute(
        """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :attempts)
        INSERT INTO attempts (id, deck_id, deck_title, mode, status, started_at, finished_at,
            time_limit_seconds, elapsed_seconds, seed, blueprint, question_count, answered)
        SELECT i, :deck_id, :title, CASE WHEN i % 10 = 0 THEN 'drill' ELSE 'mock' END,
            CASE WHEN i % 20 = 0 THEN 'in_progress' ELSE 'submitted' END,
            strftime('%Y-%m-%dT%H:%M:%S+00:00', 1700000000 + i * 3600, 'unixepoch'),
            CASE WHEN i % 20 = 0 THEN NULL
                 ELSE strftime('%Y-%m-%dT%H:%M:%S+00:00', 1700007000 + i * 3600, 'unixepoch')
            END,
            10800.0, 7000.0, i, :blueprint, :questions, 0
        FROM n""",
        {
            "attempts": attempts,
            "deck_id": DECK_ID,
            "title": deck.title,
            "blueprint": blueprint.model_dump_json(),
            "questions": QUESTIONS,
        },
    )
    # Key card, three distinct distractors (a stride below a third of the deck), key place.
    conn.execute(
        f"""
        WITH RECURSIVE p(pos) AS (SELECT 0 UNION ALL SELECT pos + 1 FROM p WHERE pos < 64),
        slots AS (
            SELECT a.id AS attempt_id, p.pos AS position,
                (a.id * 7 + p.pos * 11) % {cards} AS k_idx,
                1 + (a.id + p.pos) % 19 AS stride, (a.id + p.pos * 3) % 4 AS key
            FROM attempts a, p
        )
        INSERT INTO questions (attempt_id, position, question_id, card_text, topic_text,
            direction_text, option_card_texts, answer, stem_text, option_texts,
            explanation_texts)
        SELECT attempt_id, position, NULL, k.card_text, k.topic_text, {texts[DIRECTION]},
            {_id_list("card_text")}, key, k.definition, {_id_list("term")},
            {_id_list("definition")}
        FROM slots
        JOIN cards k ON k.idx = k_idx
        JOIN cards d1 ON d1.idx = (k_idx + stride) % {cards}
        JOIN cards d2 ON d2.idx = (k_idx + 2 * stride) % {cards}
        JOIN cards d3 ON d3.idx = (k_idx + 3 * stride) % {cards}"""
    )
    conn.execute(
        """
        INSERT INTO answers (attempt_id, position, choice, seconds, changes, flagged)
        SELECT attempt_id, position,
            CASE WHEN r < 70 THEN answer WHEN r < 75 THEN NULL
                 ELSE (answer + 1 + r % 3) % 4 END,
            20.0 + r, r % 3 = 0, r % 10 = 0
        FROM (SELECT attempt_id, position, answer,
                     ((attempt_id * 2654435761 + position * 40503) / 7) % 100 AS r
              FROM questions)"""
    )
    _derive(conn, blueprint.pass_score)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    history.close()
    return time.perf_counter() - start


def _derive(conn: object, pass_score: int) -> None:
    """Scores, topic scores, reports and running totals, as finishing each attempt would."""
    run = conn.execute  # type: ignore[attr-defined]
    run(
        """
        CREATE TEMP TABLE scores AS
        SELECT q.attempt_id AS id, sum(an.choice = q.answer) AS correct,
            sum(an.choice IS NOT NULL) AS answered
        FROM questions q JOIN answers an USING (attempt_id, position) GROUP BY q.attempt_id"""
    )
    run(
        """
        UPDATE attempts SET answered = s.answered,
            correct = CASE WHEN status != 'in_progress' THEN s.correct END,
            total = CASE WHEN status != 'in_progress' THEN question_count END,
            scaled = CASE WHEN status != 'in_progress' AND mode = 'mock'
                          THEN 100 + CAST(round(900.0 * s.correct / question_count) AS INTEGER) END
        FROM scores s WHERE s.id = attempts.id"""
    )
    run("UPDATE attempts SET passed = (scaled >= ?) WHERE scaled IS NOT NULL", (pass_score,))
    run(
        """
        INSERT INTO topic_scores (deck_id, finished_at, attempt_id, position, topic, name,
            correct, total, verdict)
        SELECT a.deck_id, a.finished_at, a.id, t.position, t.topic, t.name,
            sum(an.choice = q.answer), count(*), ''
        FROM attempts a JOIN questions q ON q.attempt_id = a.id
        JOIN answers an ON an.attempt_id = q.attempt_id AND an.position = q.position
        JOIN topics t ON t.topic_text = q.topic_text
        WHERE a.finished_at IS NOT NULL GROUP BY a.id, t.topic"""
    )
    run(
        """
        UPDATE attempts SET report = json_object(
            'correct', correct, 'total', total, 'answered', answered, 'scaled', scaled,
            'passed', json(CASE WHEN passed THEN 'true' WHEN passed = 0 THEN 'false'
                                ELSE 'null' END),
            'scaled_estimate', json('true'), 'pass_score', ?, 'score_min', 100,
            'score_max', 1000,
            'topics', (SELECT json_group_array(json_object('topic', topic, 'name', name,
                           'correct', correct, 'total', total, 'verdict', verdict))
                       FROM topic_scores WHERE attempt_id = attempts.id),
            'time_used_seconds', elapsed_seconds, 'time_budget_seconds', time_limit_seconds,
            'notes', json('[]'))
        WHERE finished_at IS NOT NULL""",
        (pass_score,),
    )
    run(
        "INSERT INTO topic_totals (deck_id, topic, attempts, correct, total) "
        "SELECT deck_id, coalesce(topic, ''), count(*), sum(correct), sum(total) "
        "FROM topic_scores GROUP BY deck_id, coalesce(topic, '')"
    )
    run(
        """
        CREATE TEMP TABLE outcomes AS
        SELECT a.deck_id AS deck_id, a.finished_at AS finished_at, k.card_id AS card_id,
            q.answer AS answer, an.choice AS choice, c.card_id AS chosen
        FROM attempts a JOIN questions q ON q.attempt_id = a.id
        JOIN answers an ON an.attempt_id = q.attempt_id AND an.position = q.position
        JOIN cards k ON k.card_text = q.card_text
        LEFT JOIN cards c
            ON c.card_text = json_extract(q.option_card_texts, '$[' || an.choice || ']')
        WHERE a.finished_at IS NOT NULL"""
    )
    run(
        """
        INSERT INTO confusions (deck_id, key_card_id, chosen_card_id, times, key_text,
            chosen_text)
        SELECT o.deck_id, o.card_id, o.chosen, count(*), k.term_text, c.term_text
        FROM outcomes o JOIN cards k ON k.card_id = o.card_id
        JOIN cards c ON c.card_id = o.chosen
        WHERE o.choice IS NOT NULL AND o.choice != o.answer GROUP BY o.card_id, o.chosen"""
    )
    run(
        """
        INSERT INTO card_stats (deck_id, card_id, label, seen, correct, wrong, unanswered,
            chosen_wrongly, last_seen)
        SELECT o.deck_id, o.card_id, c.term_text, count(*), sum(o.choice = o.answer),
            sum(o.choice != o.answer), sum(o.choice IS NULL),
            coalesce((SELECT sum(times) FROM confusions f WHERE f.chosen_card_id = o.card_id),
                     0),
            max(o.finished_at)
        FROM outcomes o JOIN cards c ON c.card_id = o.card_id GROUP BY o.card_id"""
    )
    for table in ("scores", "outcomes", "cards", "topics"):
        run(f"DROP TABLE temp.{table}")


def check(deck: Deck) -> int:
    """The bulk build's totals equal what exam-sim itself computes from the answers."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "check.sqlite3"
        build(path, 300, deck)
        with History(path) as history:
            built = (
                history.card_stats(DECK_ID),
                history.confusions(DECK_ID, limit=10_000),
                history.topic_averages(DECK_ID),
            )
            reports = [history.load_report(i) for i in (1, 2, 19)]
            history.rebuild_stats()
            rebuilt = (
                history.card_stats(DECK_ID),
                history.confusions(DECK_ID, limit=10_000),
                history.topic_averages(DECK_ID),
            )
            attempt = history.load_attempt(7)
    same = built == rebuilt
    valid = all(r is not None for r in reports) and len(attempt.questions) == QUESTIONS
    print(
        f"bulk build check at 300 attempts: totals equal rebuild_stats: {same}; "
        f"reports and attempts load: {valid}"
    )
    return 0 if same and valid else 1
