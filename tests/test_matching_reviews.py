"""A matching item made from cards is a review of each prompt's card, rated by its own pair,
and counts each card right or wrong by it (history schema 12): the spaced-repetition memory
and the weak-spot ranking learn of every card the item asked, not only of its key card, and
a history from before gains those reviews and counts on upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fsrs import Rating
from support.matching import (
    count_as_before_schema_12,
    matched_wrongly,
    matching_deck,
    reviews_as_before_schema_12,
)

import exam_sim.history.memory as memory_module
from exam_sim.enums import Confidence, Direction, ItemKind
from exam_sim.history import History
from exam_sim.history.schema import SCHEMA_VERSION
from exam_sim.models import Answer, Deck, Question
from exam_sim.schedule.rating import SLOW_SECONDS, cards_reviewed


@pytest.fixture(scope="module")
def deck() -> Deck:
    return matching_deck()


def _prompt_cards(question: Question) -> list[str]:
    return [question.option_card_ids[key] for key in question.keys]


def test_each_prompt_card_is_reviewed_by_its_own_pair(deck: Deck, tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history:
        attempt_id, question = matched_wrongly(history, deck)
        cards = _prompt_cards(question)
        assert question.card_id in cards  # the key card is one of the prompts
        log = {card: review.rating for card, review in history.review_log(deck.id)}
        assert set(log) == set(cards)  # every other question was left blank
        assert [log[card] for card in cards[:2]] == [Rating.Again, Rating.Again]
        assert all(log[card] is not Rating.Again for card in cards[2:])
        memories = history.memories(deck.id)
        assert set(memories) == set(cards)
        assert all(memories[card].reviews == 1 for card in cards)
        # Its right and wrong counts (the weak-spot ranking's) are each card's own pair's
        # (the mock's other questions were left blank: they count only as unanswered).
        stats = history.card_stats(deck.id)
        assert [(stats[c].correct, stats[c].wrong) for c in cards] == [
            (0, 1), (0, 1), *[(1, 0)] * (len(cards) - 2),
        ]  # fmt: skip
        # The running memory is what a rebuild from the stored attempts gives.
        history.rebuild_memory()
        assert history.memories(deck.id) == memories
        # Deleting the attempt takes every one of its reviews back out.
        history.delete_attempt(attempt_id)
        assert history.review_log(deck.id) == []
        assert history.memories(deck.id) == {}


def test_a_history_from_before_schema_12_gains_the_prompts_reviews_on_upgrade(
    deck: Deck, tmp_path: Path
) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        _, question = matched_wrongly(history, deck)
        expected = (
            history.review_log(deck.id), history.memories(deck.id), history.card_stats(deck.id)
        )  # fmt: skip
    cards = _prompt_cards(question)
    # Taken back to what schema 11 kept: one review of the item, of its key card, rated by
    # the whole item (wrong: Again), and the item counted as its key card's wrong answer.
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    count_as_before_schema_12(conn, question)
    reviews_as_before_schema_12(conn)
    conn.execute("UPDATE reviews SET rating = ?", (int(Rating.Again),))
    conn.execute("DELETE FROM card_memory WHERE card_id != ?", (question.card_id,))
    conn.execute("PRAGMA user_version = 11")
    conn.execute("COMMIT")
    conn.close()
    with History(path) as history:
        assert [card for card, _ in history.review_log(deck.id)] != [] and len(cards) > 1
        upgraded = (
            history.review_log(deck.id), history.memories(deck.id), history.card_stats(deck.id)
        )  # fmt: skip
        assert upgraded == expected
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def _matching(keys: tuple[int, ...], cards: tuple[str, ...]) -> Question:
    return Question(
        id="a:card_set", card_id=cards[keys[0]], topic=None, direction=Direction.CARD_SET,
        stem="Match each term to its description.", kind=ItemKind.MATCHING,
        options=tuple(f"definition {c}" for c in cards), option_card_ids=cards,
        answer=keys[0], keys=keys, prompts=tuple(f"term {cards[k]}" for k in keys),
    )  # fmt: skip


def test_a_prompt_is_rated_in_its_share_of_the_items_time() -> None:
    question = _matching((0, 1, 2), ("a", "b", "c", "d"))
    # 150 s for three pairs: 50 s each, in time; the whole item would have been slow.
    answer = Answer(position=0, choice=0, response=(0, 1, 3), seconds=150.0)
    assert 150.0 > SLOW_SECONDS > 50.0
    assert cards_reviewed(question, answer, feedback=False) == [
        ("a", Rating.Good), ("b", Rating.Good), ("c", Rating.Again),
    ]  # fmt: skip
    # Unsure of the item: each right pair is Hard, as a right single answer would be.
    unsure = answer.model_copy(update={"confidence": Confidence.UNSURE})
    assert [r for _, r in cards_reviewed(question, unsure, feedback=False)] == [
        Rating.Hard, Rating.Hard, Rating.Again,
    ]  # fmt: skip


def test_an_authored_matching_item_stays_one_review_of_its_card() -> None:
    authored = _matching((0, 1), ("item-1", "item-1")).model_copy(
        update={"direction": Direction.QUESTION_TO_ANSWER}
    )
    answer = Answer(position=0, choice=0, response=(0, 1), seconds=10.0)
    assert cards_reviewed(authored, answer, feedback=False) == [("item-1", Rating.Good)]


def test_the_upgrade_replays_each_card_once_whatever_the_attempts(
    deck: Deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Replaying the cards of each attempt in turn replayed a card's whole history once per
    # attempt: 300 mocks with matching items took 75.7 s to upgrade, once per card 1.25 s.
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        for _ in range(3):
            matched_wrongly(history, deck)
        expected = history.memories(deck.id)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    reviews_as_before_schema_12(conn)
    conn.execute("PRAGMA user_version = 11")
    conn.execute("COMMIT")
    conn.close()
    replayed: list[str] = []
    real = memory_module.replay_steps

    def counted(card_id: str, *args: Any, **kwargs: Any) -> Any:
        replayed.append(card_id)
        return real(card_id, *args, **kwargs)

    monkeypatch.setattr(memory_module, "replay_steps", counted)
    with History(path) as history:
        assert history.memories(deck.id) == expected
    assert replayed and len(replayed) == len(set(replayed))
