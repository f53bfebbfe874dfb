"""What each finished attempt adds to the running totals of cards and confusions
(`card_stats`, `confusions`): its questions read back with their answers, counted once
here for finishing, deleting and rebuilding alike (stats.py applies them).

A wrong single answer is a confusion of the asked card with the chosen option's card; a
matching item's wrong pair, of the prompt's card with the card whose response it was given.

Every function takes a connection inside a transaction its caller opened (see store.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from exam_sim.history.rows import answered_matching, fetch_as
from exam_sim.history.texts import TextReader
from exam_sim.models import Direction, ItemKind
from exam_sim.units import matched_pairs


@dataclass(slots=True)
class _QuestionOutcome:
    """A question of a finished attempt and what was chosen: all the totals need of it."""

    card_id: str
    direction: str
    stem: str
    options: list[str]
    option_card_ids: list[str]
    answer: int
    choice: int | None
    # A matching item's keys and prompts (`questions.item`) and the response given
    # (`answers.response`), JSON, decoded only when read (None for any other question).
    item: Any = None
    response: Any = None


_OUTCOME_FIELDS = tuple(f.name for f in fields(_QuestionOutcome))
_OUTCOME_SQL = """
    SELECT q.card_text AS card_id, q.direction_text AS direction, q.stem_text AS stem,
        q.option_texts AS options, q.option_card_texts AS option_card_ids,
        q.answer AS answer, an.choice AS choice, q.item AS item, an.response AS response
    FROM questions q LEFT JOIN answers an
        ON an.attempt_id = q.attempt_id AND an.position = q.position
    WHERE q.attempt_id = ? ORDER BY q.position"""
# Before schema 5 the texts were inline, and before schema 9 the card ids and directions
# (the version-2 migration rebuilds from these).
_OUTCOME_SQL_INLINE = """
    SELECT q.card_id AS card_id, q.direction AS direction, q.stem AS stem,
        q.options AS options, q.option_card_ids AS option_card_ids, q.answer AS answer,
        an.choice AS choice, NULL AS item, NULL AS response
    FROM questions q LEFT JOIN answers an
        ON an.attempt_id = q.attempt_id AND an.position = q.position
    WHERE q.attempt_id = ? ORDER BY q.position"""


def _outcome_row(_cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> _QuestionOutcome:
    # A rebuild reads every stored answer: fetch_as has checked the SELECT names the fields
    # in order, so the row goes to the constructor as it is; only the JSON lists are decoded.
    outcome = _QuestionOutcome(*row)
    outcome.options = json.loads(outcome.options)  # type: ignore[arg-type]
    outcome.option_card_ids = json.loads(outcome.option_card_ids)  # type: ignore[arg-type]
    if outcome.item is not None and outcome.response is not None:
        item = json.loads(outcome.item)
        outcome.item = item if item.get("kind") == ItemKind.MATCHING.value else None
        outcome.response = json.loads(outcome.response) if outcome.item else None
    else:
        outcome.item = outcome.response = None
    return outcome


def read_outcomes(
    conn: sqlite3.Connection, attempt_id: int, texts: TextReader | None
) -> list[_QuestionOutcome]:
    """The attempt's questions with their answers; `texts` resolves the stored text ids
    (None: a database from before schema 5, with the texts inline)."""
    sql = _OUTCOME_SQL if texts is not None else _OUTCOME_SQL_INLINE
    outcomes = list(fetch_as(conn, _outcome_row, _OUTCOME_FIELDS, sql, (attempt_id,)))
    if texts is not None:
        texts.load(
            i  # type: ignore[misc]
            for o in outcomes
            for i in (o.card_id, o.direction, o.stem, *o.options, *o.option_card_ids)
        )
        text = texts.text
        for outcome in outcomes:
            outcome.card_id = text(outcome.card_id)  # type: ignore[arg-type]
            outcome.direction = text(outcome.direction)  # type: ignore[arg-type]
            outcome.stem = text(outcome.stem)  # type: ignore[arg-type]
            outcome.options = [text(i) for i in outcome.options]  # type: ignore[arg-type]
            outcome.option_card_ids = [
                text(i)  # type: ignore[arg-type]
                for i in outcome.option_card_ids
            ]
    return outcomes


def _pairs_cards(outcome: _QuestionOutcome) -> bool:
    """Is this a matching item made from cards (each prompt a card's term, each response a
    card's definition)? An authored one's responses all carry the item's own id."""
    return outcome.item is not None and outcome.direction == Direction.CARD_SET.value


def _wrong_pairs(outcome: _QuestionOutcome) -> Iterator[tuple[int, int]]:
    """(key, chosen): the responses of a matching item's prompts matched to another
    card's response, as positions in its options (nothing for any other question)."""
    if not _pairs_cards(outcome) or not outcome.response:
        return
    options = len(outcome.option_card_ids)
    for key, chosen in zip(outcome.item.get("keys", ()), outcome.response, strict=False):
        if key != chosen and 0 <= chosen < options and 0 <= key < options:
            yield key, chosen


def _prompt_pairs(outcome: _QuestionOutcome) -> list[tuple[str, bool]]:
    """An answered matching item made from cards: each prompt's card and whether its own
    pair was right (`units.matched_pairs`, as its reviews are rated); else nothing, and
    the question counts for its one card."""
    if not _pairs_cards(outcome) or outcome.choice is None:
        return []
    return matched_pairs(outcome.item.get("keys", ()), outcome.response, outcome.option_card_ids)


def _term_labels(outcome: _QuestionOutcome) -> dict[str, str]:
    """Card terms this question showed verbatim (only where the layout says what is a term:
    a matching item's prompts are its cards' terms)."""
    if _pairs_cards(outcome):
        keys, prompts = outcome.item.get("keys", ()), outcome.item.get("prompts", ())
        return {
            outcome.option_card_ids[key]: prompt
            for key, prompt in zip(keys, prompts, strict=False)
            if 0 <= key < len(outcome.option_card_ids) and outcome.option_card_ids[key]
        }
    if outcome.direction in (
        Direction.DEFINITION_TO_TERM.value,
        Direction.ANSWER_TO_QUESTION.value,
    ):
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


@dataclass(slots=True)
class _CardCounts:
    seen: int = 0
    correct: int = 0
    wrong: int = 0
    unanswered: int = 0
    chosen_wrongly: int = 0


@dataclass(slots=True)
class _ConfusionCount:
    times: int
    key_text: str
    chosen_text: str


class StatsDelta:
    """Running-total changes contributed by finished attempts (added, or removed on delete)."""

    def __init__(self) -> None:
        self.cards: dict[str, _CardCounts] = {}
        self.last_seen: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.confusions: dict[tuple[str, str], _ConfusionCount] = {}  # (key, chosen) ->

    def _card(self, card_id: str) -> _CardCounts:
        counts = self.cards.get(card_id)
        if counts is None:
            counts = self.cards[card_id] = _CardCounts()
        return counts

    def add(self, outcome: _QuestionOutcome, finished_at: str) -> None:
        pairs = _prompt_pairs(outcome)
        answered = outcome.choice is not None
        for card_id, right in pairs or [(outcome.card_id, outcome.choice == outcome.answer)]:
            self.count(card_id, answered=answered, right=right, finished_at=finished_at)
        labels = _term_labels(outcome)
        self.labels.update(labels)
        if _pairs_cards(outcome):
            self.add_wrong_pairs(outcome, labels)
            return
        choice = outcome.choice
        if (
            choice is None
            or choice == outcome.answer
            or outcome.direction == Direction.TRUE_FALSE.value
            or not 0 <= choice < len(outcome.option_card_ids)
        ):
            return
        self._confuse(outcome, outcome.card_id, outcome.answer, choice, labels)

    def count(
        self, card_id: str, *, answered: bool, right: bool, finished_at: str, times: int = 1
    ) -> None:
        """A card asked `times` times (-1 takes one out), answered right, wrong or not."""
        counts = self._card(card_id)
        counts.seen += times
        if not answered:
            counts.unanswered += times
        elif right:
            counts.correct += times
        else:
            counts.wrong += times
        if times > 0 and finished_at > self.last_seen.get(card_id, ""):
            self.last_seen[card_id] = finished_at

    def add_wrong_pairs(self, outcome: _QuestionOutcome, labels: dict[str, str]) -> None:
        """A matching item's wrong pairs, each a confusion: the prompt's card taken for the
        card whose response it was given (a pairing is the plainest confusion there is)."""
        for key, chosen in _wrong_pairs(outcome):
            self._confuse(outcome, outcome.option_card_ids[key], key, chosen, labels)

    def _confuse(
        self,
        outcome: _QuestionOutcome,
        key_card: str,
        key: int,
        choice: int,
        labels: dict[str, str],
    ) -> None:
        """Count option `choice` (its card) taken for option `key`, card `key_card`."""
        chosen = outcome.option_card_ids[choice]
        if not chosen or chosen == key_card:
            return
        self._card(chosen).chosen_wrongly += 1
        # The newest texts win: a card's term as last shown names it best.
        key_text = labels.get(key_card, outcome.options[key])
        chosen_text = labels.get(chosen, outcome.options[choice])
        entry = self.confusions.get((key_card, chosen))
        if entry is None:
            entry = self.confusions[key_card, chosen] = _ConfusionCount(0, "", "")
        entry.times += 1
        entry.key_text, entry.chosen_text = key_text, chosen_text

    def apply(self, conn: sqlite3.Connection, deck_id: str, sign: int) -> None:
        """Add (sign +1) or take out (sign -1) these counts. Labels and last_seen only move
        forward here; `take_out` looks last_seen up again where it pointed at the attempt."""
        adding = sign > 0
        conn.executemany(
            """
            INSERT INTO card_stats (deck_id, card_id, label, seen, correct, wrong, unanswered,
                                    chosen_wrongly, last_seen)
            VALUES (:deck_id, :card_id, :label, :seen, :correct, :wrong, :unanswered,
                    :chosen_wrongly, :last_seen)
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
                {
                    "deck_id": deck_id,
                    "card_id": card_id,
                    "label": self.labels.get(card_id) if adding else None,
                    "seen": sign * counts.seen,
                    "correct": sign * counts.correct,
                    "wrong": sign * counts.wrong,
                    "unanswered": sign * counts.unanswered,
                    "chosen_wrongly": sign * counts.chosen_wrongly,
                    "last_seen": self.last_seen.get(card_id) if adding else None,
                }
                for card_id, counts in self.cards.items()
            ],
        )
        conn.executemany(
            """
            INSERT INTO confusions (deck_id, key_card_id, chosen_card_id, times, key_text,
                                    chosen_text)
            VALUES (:deck_id, :key_card_id, :chosen_card_id, :times, :key_text, :chosen_text)
            ON CONFLICT (deck_id, key_card_id, chosen_card_id) DO UPDATE SET
                times = times + excluded.times,
                key_text = CASE WHEN excluded.times > 0 THEN excluded.key_text ELSE key_text END,
                chosen_text = CASE WHEN excluded.times > 0 THEN excluded.chosen_text
                                   ELSE chosen_text END""",
            [
                {
                    "deck_id": deck_id,
                    "key_card_id": key,
                    "chosen_card_id": chosen,
                    "times": sign * entry.times,
                    "key_text": entry.key_text,
                    "chosen_text": entry.chosen_text,
                }
                for (key, chosen), entry in self.confusions.items()
            ],
        )
        if not adding:
            conn.execute(
                "DELETE FROM card_stats WHERE deck_id = ? AND seen <= 0 AND chosen_wrongly <= 0",
                (deck_id,),
            )
            conn.execute("DELETE FROM confusions WHERE deck_id = ? AND times <= 0", (deck_id,))


def attempt_delta(conn: sqlite3.Connection, attempt_id: int, finished_at: str) -> StatsDelta:
    """One finished attempt's share of the totals (read before it is deleted)."""
    delta = StatsDelta()
    for outcome in read_outcomes(conn, attempt_id, TextReader(conn)):
        delta.add(outcome, finished_at)
    return delta


def count_matching_prompts(conn: sqlite3.Connection) -> None:
    """The schema 12 migration: an answered matching item made from cards counts each
    prompt's card, right or wrong by its own pair (`StatsDelta.add`), where it counted its
    key card by the whole item: each such item's old count is taken out and its new one
    added, attempt by attempt."""
    deltas: dict[str, StatsDelta] = {}
    texts = TextReader(conn)
    for attempt_id, deck_id, finished_at in answered_matching(conn):
        delta = deltas.setdefault(deck_id, StatsDelta())
        for outcome in read_outcomes(conn, attempt_id, texts):
            pairs = _prompt_pairs(outcome)
            if not pairs:
                continue
            right = outcome.choice == outcome.answer
            delta.count(
                outcome.card_id, answered=True, right=right, finished_at=finished_at, times=-1
            )
            for card_id, pair_right in pairs:
                delta.count(card_id, answered=True, right=pair_right, finished_at=finished_at)
    for deck_id, delta in deltas.items():
        delta.apply(conn, deck_id, +1)


def count_wrong_pairs(conn: sqlite3.Connection) -> None:
    """The schema 11 migration: the running totals gain the wrong pairs of the matching
    items of finished attempts, which exam-sim counted as confusions only from then on
    (`StatsDelta.add_wrong_pairs`). Only the attempts holding an answered matching item
    are read: a scan of the items stored (the whole schema 11 upgrade took 0.31 s at 10,000
    bulk-built attempts)."""
    deltas: dict[str, StatsDelta] = {}
    texts = TextReader(conn)
    for attempt_id, deck_id, _ in answered_matching(conn):
        delta = deltas.setdefault(deck_id, StatsDelta())
        for outcome in read_outcomes(conn, attempt_id, texts):
            if _pairs_cards(outcome):
                delta.add_wrong_pairs(outcome, _term_labels(outcome))
    for deck_id, delta in deltas.items():
        delta.apply(conn, deck_id, +1)
