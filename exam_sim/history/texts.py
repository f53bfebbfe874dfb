"""Question texts stored once: the ``texts`` table, keyed by a hash of the content.

A mock on a 400-card deck shows the same stems, options and explanations again and again;
stored in every question they made up most of a history (about 100 KB of a 170 KB
attempt). Since schema 5 a question keeps the ids of its texts instead, and each distinct
text is stored once. A text row is never changed or reused for other content (its id is
found through the BLAKE2b hash of the exact text, and a found row is compared with the
text before it is used), so an old attempt still shows exactly what was asked.

Since schema 9 the short strings a question repeats are texts too: its card id, each
option's card id, its topic and its direction (and the deck and card ids of a review), so a
question row is a handful of small integers.

Texts left behind by deleted attempts stay: they are bounded by the decks' own text.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from exam_sim.history.records import HistoryError
from exam_sim.models import Question

# 16 bytes: a collision is not a practical concern, and every hit is compared anyway.
_DIGEST_SIZE = 16
# Ids resolved per statement (SQLite's bound-parameter limit is 32,766 since 3.32).
_CHUNK = 900
# A reader keeps at most this many texts (a deck's worth); beyond it the cache starts over,
# so a streamed export of any history runs in constant memory.
_CACHE_LIMIT = 50_000


def content_hash(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=_DIGEST_SIZE).digest()


def store_texts(conn: sqlite3.Connection, texts: Iterable[str]) -> dict[str, int]:
    """The id of each text, stored first where it is new (inside the caller's write)."""
    by_hash = {content_hash(text): text for text in set(texts)}
    conn.executemany(
        "INSERT OR IGNORE INTO texts (hash, text) VALUES (?, ?)", list(by_hash.items())
    )
    ids: dict[str, int] = {}
    for row in _rows_by_hash(conn, list(by_hash)):
        text = by_hash[row[1]]
        if row[2] != text:  # two texts with one hash: never silently show the other
            raise HistoryError(f"text id {row[0]} has the hash of a different text.")
        ids[text] = row[0]
    return ids


def _rows_by_hash(
    conn: sqlite3.Connection, hashes: list[bytes]
) -> Iterator[tuple[int, bytes, str]]:
    """(id, hash, text) of the stored texts with these hashes, read in chunks (SQLite
    limits the number of parameters of one statement)."""
    for start in range(0, len(hashes), _CHUNK):
        chunk = hashes[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        yield from conn.execute(f"SELECT id, hash, text FROM texts WHERE hash IN ({marks})", chunk)


def id_list(ids: Sequence[int]) -> str:
    """A list of text ids as stored in a questions column: compact JSON."""
    return json.dumps(list(ids), separators=(",", ":"))


# The Question fields stored as JSON in `questions.item` (schema v6), when not defaults.
ITEM_FIELDS = {"kind", "keys", "prompts", "rationale", "references", "case_title", "scenario",
               "scored", "task"}  # fmt: skip


def item_column(question: Question) -> str | None:
    """`questions.item`: what a question has beyond a single answer, NULL when nothing."""
    extra = question.model_dump(mode="json", include=ITEM_FIELDS, exclude_defaults=True)
    return json.dumps(extra, ensure_ascii=False) if extra else None


def question_id_column(question: Question, seed: int) -> str | None:
    """`questions.question_id` (schema 9): NULL when the id is the generator's usual
    "card:direction:seed" (read back by `question_id`), else the id itself."""
    usual = _usual_question_id(question.card_id, question.direction.value, seed)
    return None if question.id == usual else question.id


def question_id(stored: str | None, card_id: str, direction: str, seed: int) -> str:
    """A stored question's id: its `question_id` column, or, where that is NULL, the usual
    id it stands for (see question_id_column)."""
    return _usual_question_id(card_id, direction, seed) if stored is None else stored


def _usual_question_id(card_id: str, direction: str, seed: int) -> str:
    return f"{card_id}:{direction}:{seed}"


def insert_questions(
    conn: sqlite3.Connection, attempt_id: int, questions: Sequence[Question], first: int = 0
) -> None:
    """Store questions of an attempt at positions first, first + 1, ... with their texts,
    card ids, topics and directions stored once in `texts` (a new attempt, or a question
    added to a study session)."""
    seed = conn.execute("SELECT seed FROM attempts WHERE id = ?", (attempt_id,)).fetchone()[0]
    text_ids = store_texts(
        conn,
        (
            text
            for q in questions
            for text in (
                q.stem, *q.options, *q.explanations, q.card_id, *q.option_card_ids,
                q.direction.value, *([q.topic] if q.topic is not None else []),
            )
        ),
    )  # fmt: skip
    conn.executemany(
        """
        INSERT INTO questions (attempt_id, position, question_id, card_text, topic_text,
            direction_text, stem_text, option_texts, option_card_texts, answer,
            explanation_texts, item)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                attempt_id,
                position,
                question_id_column(q, seed),
                text_ids[q.card_id],
                None if q.topic is None else text_ids[q.topic],
                text_ids[q.direction.value],
                text_ids[q.stem],
                id_list([text_ids[o] for o in q.options]),
                id_list([text_ids[c] for c in q.option_card_ids]),
                q.answer,
                id_list([text_ids[e] for e in q.explanations]),
                item_column(q),
            )
            for position, q in enumerate(questions, start=first)
        ],
    )


def find_text_ids(conn: sqlite3.Connection, texts: Iterable[str]) -> dict[str, int]:
    """The ids of the texts already stored (a read: nothing is added)."""
    by_hash = {content_hash(text): text for text in set(texts)}
    found: dict[str, int] = {}
    for row in _rows_by_hash(conn, list(by_hash)):
        if row[2] == by_hash[row[1]]:
            found[row[2]] = row[0]
    return found


class TextReader:
    """Resolves text ids for one read transaction, caching what it has seen."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._texts: dict[int, str] = {}

    def load(self, ids: Iterable[int]) -> None:
        """Fetch the given ids not cached yet, in a few statements."""
        missing = list({i for i in ids if i not in self._texts})
        if len(self._texts) + len(missing) > _CACHE_LIMIT:
            self._texts.clear()
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(
                f"SELECT id, text FROM texts WHERE id IN ({marks})", chunk
            ):
                self._texts[row[0]] = row[1]

    def text(self, text_id: int) -> str:
        found = self._texts.get(text_id)
        if found is None:
            self.load([text_id])
            found = self._texts.get(text_id)
            if found is None:
                raise HistoryError(f"the history has lost text {text_id} of a stored question.")
        return found

    def texts(self, stored: str) -> list[str]:
        """The texts of a stored id list (a questions column)."""
        ids: list[int] = json.loads(stored)
        self.load(ids)
        return [self.text(i) for i in ids]
