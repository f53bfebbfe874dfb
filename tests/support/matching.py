"""A mock with a matching item made from cards, answered with two pairs swapped, and a
history taken back to before schema 12: shared by the tests of what such an item counts
(confusions) and schedules (reviews), and by benchmarks/history_matching_upgrade.py."""

from __future__ import annotations

import sqlite3

from exam_sim.decks import resolve_deck
from exam_sim.enums import AttemptMode, Direction, ItemKind
from exam_sim.exam import ExamSession, SessionRequest, plan_session
from exam_sim.history import History
from exam_sim.models import Deck, Question

DECK = "aws-ml-specialty"


def matching_deck() -> Deck:
    """The bundled deck, its mocks with a matching item in every ten questions."""
    bundled = resolve_deck(DECK)
    blueprint = bundled.effective_blueprint.model_copy(update={"matching": 0.1})
    return bundled.model_copy(update={"blueprint": blueprint})


def matched_wrongly(history: History, deck: Deck) -> tuple[int, Question]:
    """A finished mock whose first matching item has its first two prompts' responses
    swapped (the others right) and every other question left blank."""
    setup = plan_session(SessionRequest(mode=AttemptMode.MOCK, seed=5), deck)
    session = ExamSession(setup.new_attempt(), store=history)
    position = next(n for n, q in enumerate(session.questions) if q.kind is ItemKind.MATCHING)
    session.go(position)
    question = session.question
    assert question.direction is Direction.CARD_SET
    response = list(question.keys)
    response[0], response[1] = response[1], response[0]
    session.respond(tuple(response))
    session.submit()
    assert session.attempt.id is not None
    return session.attempt.id, question


def count_as_before_schema_12(conn: sqlite3.Connection, question: Question) -> None:
    """Take the counts of `matched_wrongly`'s item back to what schema 11 kept: its key
    card asked and answered wrongly (the whole item), none of its other prompts' cards
    (schema 12 counts each prompt's card by its own pair)."""
    for key, card in ((key, question.option_card_ids[key]) for key in question.keys):
        right = key not in question.keys[:2]  # the first two pairs were swapped
        conn.execute(
            "UPDATE card_stats SET seen = seen - 1, correct = correct - ?, wrong = wrong - ?"
            " WHERE card_id = ?",
            (int(right), int(not right), card),
        )
    conn.execute(
        "UPDATE card_stats SET seen = seen + 1, wrong = wrong + 1 WHERE card_id = ?",
        (question.card_id,),
    )


def reviews_as_before_schema_12(conn: sqlite3.Connection) -> None:
    """Take the reviews back to what schema 11 kept: one review of each question, of its
    key card (schema 12 reviews each prompt's card of a matching item), under the key
    `(attempt_id, position)`. In the caller's transaction."""
    conn.execute(
        "DELETE FROM reviews WHERE card_text != (SELECT q.card_text FROM questions q"
        " WHERE q.attempt_id = reviews.attempt_id AND q.position = reviews.position)"
    )
    conn.execute("DROP INDEX reviews_by_attempt")
    conn.execute("CREATE UNIQUE INDEX reviews_by_attempt ON reviews(attempt_id, position)")
