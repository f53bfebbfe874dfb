"""Home's deck panel as `deck_panel` writes it from a deck's catalog facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import OptionList, Static

from exam_sim.deck_panel import deck_panel
from exam_sim.decks import parse_delimited
from exam_sim.decks.catalog import facts_of


@pytest.mark.parametrize(
    ("rows", "summary"),
    [
        ("A,Alpha letter,Greek\nB,Beta letter,Greek\n", "2 cards · 1 topic"),
        ("A,Alpha letter,Greek\nB,Beta letter,Latin\n", "2 cards · 2 topics"),
        ("A,Alpha letter\nB,Beta letter\n", "2 cards · no topics"),
        # No topics but tags: its reports are scored by tag, and Home says so.
        (
            "Front,Back,Tags\nA,Alpha letter,greek vowel\nB,Beta letter,greek\n",
            "2 cards · no topics, scored by its 2 tags",
        ),
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


def test_a_deck_scored_by_tag_lists_its_largest_tags_as_rows() -> None:
    """Home lists what a deck is scored by: its topics, or, without topics, its tags, the
    largest first (Anki's hierarchy as people read it), at most TAGS_LISTED of them."""
    from exam_sim.decks.catalog import TAGS_LISTED

    cards = [f"Q{n},Answer number {n},{'big' if n % 3 else 'lang::es'}" for n in range(6)]
    deck = parse_delimited("Front,Back,Tags\n" + "\n".join(cards) + "\n", file="t.csv")
    panel = deck_panel(facts_of(deck), [])
    assert panel.row_heading == "Tag"
    assert [(row.name, row.cards) for row in panel.topics] == [("big", "4"), ("lang › es", "2")]
    many = [f"Q{n},Answer number {n},tag{n:02d}" for n in range(TAGS_LISTED + 2)]
    deck = parse_delimited("Front,Back,Tags\n" + "\n".join(many) + "\n", file="t.csv")
    rows = deck_panel(facts_of(deck), []).topics
    assert len(rows) == TAGS_LISTED + 1 and rows[-1].name == "… and 2 more tags"
    topical = parse_delimited("A,Alpha letter,Greek\nB,Beta letter,Greek\n", file="g.csv")
    assert deck_panel(facts_of(topical), []).row_heading == "Topic"


def test_a_question_bank_is_counted_in_items_not_as_zero_cards() -> None:
    """An Aiken or GIFT bank has items and no cards: "0 cards" would call it empty."""
    from exam_sim.decks.gift import parse_gift

    bank = parse_gift("$CATEGORY: Prep\nWhich one? {=Right ~Wrong}\n\nAnd this? {=Yes ~No}\n",
                      file="bank.gift")  # fmt: skip
    panel = deck_panel(facts_of(bank), [])
    assert panel.summary == "2 items · 1 topic"
    assert panel.count_heading == "Items"
    assert [(row.name, row.cards) for row in panel.topics] == [("Prep", "2")]


def _drawn(widget: Static) -> str:
    """The lines a widget draws, as text."""
    width, height = widget.size
    return "\n".join(s.text for s in widget.render_lines(Region(0, 0, width, height)))


async def test_home_counts_a_bank_in_items_and_leaves_out_an_empty_weight_column(
    tmp_path: Path,
) -> None:
    """Home on a GIFT bank: "Items" heads the topic counts, and a deck that weights no
    topic shows no column of blank weights."""
    from exam_sim.tui.app import create_app

    bank = tmp_path / "bank.gift"
    # Matching items only: a study session asks them too (before: "nothing to study").
    bank.write_text("$CATEGORY: Prep\nMatch. {=a -> 1 =b -> 2 =c -> 3}\n\n"
                    "$CATEGORY: Tune\nAnd these. {=d -> 4 =e -> 5 =f -> 6}\n",
                    encoding="utf-8")  # fmt: skip
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(bank))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        title = str(app.screen.query_one("#deck-title", Static).render())
        assert "2 items · 2 topics" in title
        table = _drawn(app.screen.query_one("#deck-topics", Static))
        assert "Items" in table and "Prep" in table and "Weight" not in table
        coach = " ".join(_drawn(app.screen.query_one("#coach", Static)).split())
        assert coach.startswith("Study: 0 due today · 2 new questions today")
        actions = app.screen.query_one("#actions", OptionList)
        study = str(actions.get_option("study").prompt)
        assert study.endswith("Study  2 to do")
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "StudyScreen"
