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
