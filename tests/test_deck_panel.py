"""Home's deck panel as `deck_panel` writes it from a deck's catalog facts."""

from __future__ import annotations

import pytest

from exam_sim.deck_panel import deck_panel
from exam_sim.decks import parse_delimited
from exam_sim.decks.catalog import facts_of


@pytest.mark.parametrize(
    ("rows", "summary"),
    [
        ("A,Alpha letter,Greek\nB,Beta letter,Greek\n", "2 cards · 1 topic"),
        ("A,Alpha letter,Greek\nB,Beta letter,Latin\n", "2 cards · 2 topics"),
        ("A,Alpha letter\nB,Beta letter\n", "2 cards · no topics"),
    ],
)
def test_the_summary_counts_cards_and_topics_in_words(rows: str, summary: str) -> None:
    deck = parse_delimited(rows, file="letters.csv")
    assert deck_panel(facts_of(deck), []).summary == summary


@pytest.mark.parametrize(
    ("rows", "topics"),
    [
        ("A,Alpha letter,Greek\nB,Beta letter\n", [("Greek", "1"), ("(no topic)", "1")]),
        ("A,Alpha letter\nB,Beta letter\n", []),  # the summary says "no topics": no table
    ],
)
def test_the_topic_rows_name_untopiced_cards_only_beside_topics(
    rows: str, topics: list[tuple[str, str]]
) -> None:
    deck = parse_delimited(rows, file="letters.csv")
    panel = deck_panel(facts_of(deck), [])
    assert [(row.name, row.cards) for row in panel.topics] == topics
