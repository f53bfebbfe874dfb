"""The drill dialog says how many questions a small selection can make: each card asked
both ways at most, and a cloze (asked one way only) gives one: a cloze deck of 9 cards
said "at most 18" and made 9, in silence."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from exam_sim.tui.app import create_app

DATA = Path(__file__).parent / "data"


async def test_more_questions_than_cards_says_what_can_be_made(tmp_path: Path) -> None:
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(DATA / "decks-plain.tsv"))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.press("d")
        await pilot.pause()
        selected = str(app.screen.query_one("#drill-selected", Static).render())
        assert selected == (
            "4 cards selected: 10 questions ask some cards twice (once each way); at most 8 "
            "can be made, fewer where a card is asked one way only (a cloze)."
        )
