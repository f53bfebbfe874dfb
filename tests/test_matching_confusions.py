"""A matching item's wrong pairs are confusions: counted when the attempt finishes, taken
out when it is deleted, equal to a rebuild, and added to a history from before schema 11
by its upgrade. An authored matching item (no cards behind its responses) counts none."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support.matching import count_as_before_schema_12, matched_wrongly, matching_deck
from support.tui import open_confusions

from exam_sim.decks.native import read_native
from exam_sim.enums import AttemptMode, ItemKind
from exam_sim.exam import ExamSession, SessionRequest, plan_session
from exam_sim.history import History
from exam_sim.history.schema import SCHEMA_VERSION
from exam_sim.models import Deck, Question

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def deck() -> Deck:
    return matching_deck()


def _card_of_prompt(question: Question, prompt: int) -> str:
    return question.option_card_ids[question.keys[prompt]]


def test_a_wrong_pair_is_a_confusion_both_ways_named_by_the_prompts(
    deck: Deck, tmp_path: Path
) -> None:
    with History(tmp_path / "h.sqlite3") as history:
        attempt_id, question = matched_wrongly(history, deck)
        first, second = _card_of_prompt(question, 0), _card_of_prompt(question, 1)
        found = {(c.key_card_id, c.chosen_card_id): c for c in history.confusions(deck.id)}
        assert set(found) == {(first, second), (second, first)}
        # The prompts are the cards' terms: each confusion reads as two names.
        taken = found[first, second]
        assert (taken.key_text, taken.chosen_text, taken.times) == (
            question.prompts[0],
            question.prompts[1],
            1,
        )
        # Each card was taken once for the other, and is named by its prompt.
        stats = history.card_stats(deck.id)
        assert stats[first].chosen_wrongly == stats[second].chosen_wrongly == 1
        assert (stats[first].label, stats[second].label) == question.prompts[:2]
        assert history.confused_times(deck.id) == {first: 1, second: 1}
        # The running totals equal a rebuild, and a delete takes them back out.
        before = (history.card_stats(deck.id), history.confusions(deck.id))
        history.rebuild_stats()
        assert (history.card_stats(deck.id), history.confusions(deck.id)) == before
        history.delete_attempt(attempt_id)
        assert history.confusions(deck.id) == []


def test_a_history_from_before_schema_11_gains_its_wrong_pairs_on_upgrade(
    deck: Deck, tmp_path: Path
) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        _, question = matched_wrongly(history, deck)
        expected = (history.card_stats(deck.id), history.confusions(deck.id))
    assert len(expected[1]) == 2
    # Taken back to what schema 10 kept: the same attempt, no confusion counted for it.
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM confusions")
    conn.execute("UPDATE card_stats SET chosen_wrongly = 0")
    count_as_before_schema_12(conn, question)
    conn.execute("ALTER TABLE attempts DROP COLUMN deck_path")
    conn.execute("PRAGMA user_version = 10")
    conn.execute("COMMIT")
    conn.close()
    with History(path) as history:
        assert (history.card_stats(deck.id), history.confusions(deck.id)) == expected
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_an_authored_matching_item_counts_no_confusion(tmp_path: Path) -> None:
    authored = read_native(DATA / "authored.toml")
    with History(tmp_path / "h.sqlite3") as history:
        setup = plan_session(SessionRequest(mode=AttemptMode.MOCK, seed=3), authored)
        session = ExamSession(setup.new_attempt(), store=history)
        position = next(n for n, q in enumerate(session.questions) if q.kind is ItemKind.MATCHING)
        session.go(position)
        keys = list(session.question.keys)
        keys[0], keys[1] = keys[1], keys[0]
        session.respond(tuple(keys))
        session.submit()
        assert history.confusions(authored.id) == []
        # Nor does it name the item after a prompt.
        label = history.card_stats(authored.id)[session.question.card_id].label
        assert label not in session.question.prompts


async def test_the_confusions_tab_lists_wrong_pairs_and_says_when_there_are_none(
    deck: Deck, tmp_path: Path
) -> None:
    from textual.widgets import DataTable, Static

    from exam_sim.tui.app import create_app

    empty = tmp_path / "empty.sqlite3"
    matched = tmp_path / "matched.sqlite3"
    with History(matched) as history:
        _, question = matched_wrongly(history, deck)
    for db, pairs in ((empty, 0), (matched, 2)):
        app = create_app(db=db, deck=deck)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_confusions(app, pilot)
            table = app.screen.query_one("#confusions", DataTable)
            assert table.row_count == pairs
            assert app.screen.query_one("#confusions-empty", Static).display is (not pairs)
            # With rows, a line says what they are for; without, the empty text does.
            caption = app.screen.query_one("#confusions-caption", Static)
            assert caption.display is bool(pairs) and "weak-spot drill" in str(caption.render())
            await pilot.press("3")
            await pilot.pause()
            assert app.screen.query_one("#weak-empty", Static).display is (not pairs)
            caption = app.screen.query_one("#weak-caption", Static)
            assert caption.display is bool(pairs) and "weak-spot drill" in str(caption.render())
    named = {str(table.get_row_at(n)[0]).strip() for n in range(pairs)}
    assert named == set(question.prompts[:2])
