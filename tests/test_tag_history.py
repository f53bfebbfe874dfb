"""A deck scored by tag keeps its tags' scores in the history, as a deck with topics keeps
its topics': `history topics` (text, JSON, CSV), the History screen's Trend tab and the
domain chart show them, a delete takes them out, a rebuild agrees, and the schema 11
upgrade fills them in from the reports stored before."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from support import TAGGED, run_cli
from textual.widgets import DataTable, Static

from exam_sim.decks import load_deck
from exam_sim.exam import ExamSession, SessionRequest, plan_session
from exam_sim.exam.charts import charts
from exam_sim.history import History
from exam_sim.models import AttemptMode, Deck
from exam_sim.tui.app import create_app


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    path = tmp_path / "pharm.csv"
    path.write_text(TAGGED, encoding="utf-8")
    return load_deck(path)


def _mock(history: History, deck: Deck, seed: int) -> dict[str, list[int]]:
    """A finished full mock: every endocrine card answered right, the others wrong.
    Returns each tag's [right, asked], as the report should count them."""
    setup = plan_session(SessionRequest(mode=AttemptMode.MOCK, seed=seed), deck)
    session = ExamSession.on_deck(setup.new_attempt(), deck, store=history)
    tags = {card.id: card.tags for card in deck.cards}
    expected: dict[str, list[int]] = {}
    for position, question in enumerate(session.questions):
        session.go(position)
        right = "endocrine" in tags[question.card_id]
        session.answer(question.answer if right else (question.answer + 1) % 4)
        for tag in tags[question.card_id]:
            tally = expected.setdefault(tag, [0, 0])
            tally[0] += right
            tally[1] += 1
    report = session.submit()
    assert {t.name: [t.correct, t.total] for t in report.tags} == expected
    return expected


def _tag_figures(history: History, deck: Deck) -> dict[str, tuple[int, int, int]]:
    return {
        a.name: (a.attempts, a.correct, a.total) for a in history.topic_averages(deck.id, tags=True)
    }


def test_tag_scores_are_kept_taken_out_and_rebuilt(deck: Deck, tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3") as history:
        first = _mock(history, deck, seed=1)
        second = _mock(history, deck, seed=2)
        figures = _tag_figures(history, deck)
        assert figures == {
            tag: (2, first[tag][0] + second[tag][0], first[tag][1] + second[tag][1])
            for tag in first
        }
        assert list(figures) == sorted(figures, key=str.casefold)
        # The topic rows are as they were: one, the whole.
        assert [a.topic for a in history.topic_averages(deck.id)] == [None]
        trend = history.topic_trend(deck.id, tags=True)
        assert {p.name for p in trend} == set(first) and {p.attempt_id for p in trend} == {1, 2}
        assert all(p.topic is None for p in history.topic_trend(deck.id))
        history.rebuild_stats()
        assert _tag_figures(history, deck) == figures
        history.delete_attempt(2)
        assert _tag_figures(history, deck) == {
            tag: (1, right, asked) for tag, (right, asked) in first.items()
        }


def test_the_schema_11_upgrade_fills_them_from_the_stored_reports(
    deck: Deck, tmp_path: Path
) -> None:
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        _mock(history, deck, seed=1)
        expected = _tag_figures(history, deck)
    # Taken back to what schema 10 kept: the reports with their tags, no tag rows.
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM topic_scores WHERE topic LIKE '#%'")
    conn.execute("DELETE FROM topic_totals WHERE topic LIKE '#%'")
    conn.execute("ALTER TABLE attempts DROP COLUMN deck_path")
    conn.execute("PRAGMA user_version = 10")
    conn.execute("COMMIT")
    conn.close()
    with History(path) as history:
        assert _tag_figures(history, deck) == expected


def test_history_topics_lists_the_tags_in_text_json_and_csv(
    deck: Deck,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with History(home / "history.sqlite3") as history:
        expected = _mock(history, deck, seed=1)
    code, out, err = run_cli(monkeypatch, capsys, ["history", "topics"])
    assert code == 0, err
    assert "all cards" in out and "By tag, a question counts under each tag of its card." in out
    tag_lines = out[out.index("Tag ") :].splitlines()
    for tag, (right, asked) in expected.items():
        assert any(line.startswith(tag) and f"{right}/{asked}" in line for line in tag_lines)
    code, out, _ = run_cli(monkeypatch, capsys, ["history", "topics", "--json"])
    (document,) = json.loads(out)
    assert {t["tag"]: [t["correct"], t["total"]] for t in document["tags"]} == expected
    assert [t["topic"] for t in document["topics"]] == [None]
    code, out, _ = run_cli(monkeypatch, capsys, ["history", "topics", "--csv"])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["tag"]: [int(r["correct"]), int(r["total"])] for r in rows if r["tag"]} == {
        # A cell from deck text never starts a formula; "[b]cardio" needs no guard.
        tag: counts
        for tag, counts in expected.items()
    }
    assert [r["topic"] for r in rows] == [""] * len(rows)


def test_the_domain_chart_of_a_deck_scored_by_tag_draws_its_tags(
    deck: Deck, tmp_path: Path
) -> None:
    with History(tmp_path / "h.sqlite3") as history:
        expected = _mock(history, deck, seed=1)
        drawn = charts(history, deck)
    assert drawn.domains_are_tags and drawn.by_domain
    assert {p.name for p in drawn.domains} == set(expected)


async def test_the_trend_tab_shows_the_tags(deck: Deck, tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    with History(db) as history:
        expected = _mock(history, deck, seed=1)
    app = create_app(db=db, deck=deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        title = str(app.screen.query_one("#topics-title", Static).render())
        assert title.startswith("Per tag")
        table = app.screen.query_one("#topics", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
        assert [row[0].strip() for row in rows] == sorted(expected, key=str.casefold)
        assert str(table.ordered_columns[0].label) == "Tag"
