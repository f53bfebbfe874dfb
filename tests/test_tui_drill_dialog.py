"""The drill dialog says how many questions a selection can make, in the core's words
(`DrillCapacity.said`): each card at most once each way, a cloze or a card that gives
itself away one way once, a cross-reference never. A cloze deck of 9 cards once said
"at most 18" and made 9, in silence."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from exam_sim.decks import resolve_deck
from exam_sim.exam import drill_capacity
from exam_sim.exam.items import source_for
from exam_sim.tui.app import create_app

DATA = Path(__file__).parent / "data"


async def test_more_questions_than_cards_says_what_can_be_made(tmp_path: Path) -> None:
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(DATA / "decks-plain.tsv"))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.press("d")
        await pilot.pause()
        selected = str(app.screen.query_one("#drill-selected", Static).render())
        # XGBoost and Linear Learner name themselves in their definitions: asked one way,
        # they leave too few definitions to ask KNN or Amazon Lex from their terms.
        assert selected == (
            "4 cards selected: at most 4 questions can be made (each card one way only)."
        )


async def test_the_dialog_and_the_core_say_the_same(tmp_path: Path) -> None:
    """Parity: what the dialog shows, for a topic chosen and a count typed, is what the
    core says of that choice; a card that cannot be asked is said."""
    deck_file = tmp_path / "pharm.csv"
    deck_file.write_text(
        "term,definition,topic\n"
        "Losartan,Angiotensin II receptor blocker; used when ACE inhibitors cause cough,CV\n"
        "Valsartan,See Losartan,CV\n"
        "Lisinopril,ACE inhibitor; can cause dry cough and angioedema,CV\n"
        "Amlodipine,Dihydropyridine calcium channel blocker; causes peripheral edema,CV\n"
        "Verapamil,Non-dihydropyridine calcium channel blocker; slows AV conduction,CV\n"
        "Warfarin,Vitamin K antagonist anticoagulant; monitored by INR,Blood\n"
        "Heparin,Anticoagulant that activates antithrombin; monitored by aPTT,Blood\n"
        "Apixaban,Direct factor Xa inhibitor; no routine monitoring,Blood\n",
        encoding="utf-8",
    )
    deck = resolve_deck(str(deck_file))
    core = drill_capacity(deck, ["cv"], source=source_for(deck)).said(40)
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(deck_file))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("space")  # the first topic: CV
        count = app.screen.query_one("#drill-count", Input)
        count.value = "40"
        await pilot.pause()
        selected = str(app.screen.query_one("#drill-selected", Static).render())
    assert selected == core
    assert selected == (
        "5 cards selected (1 card cannot be asked): at most 7 questions can be made (each "
        "card once each way, 1 card one way only)."
    )


async def test_a_long_count_of_the_selection_leaves_the_buttons_whole(tmp_path: Path) -> None:
    """At 80×24, six topics and a count that takes two lines cut the buttons' lower edge:
    the list of topics now gives up a row for each line past the first."""
    deck_file = tmp_path / "six.csv"
    rows = [
        f"{name} {n},The {n}th card of {name} about one thing or another,{name}"
        for name in ("Cardio", "Renal", "Blood", "Endocrine", "Gut", "Mind")
        for n in range(5)
    ]
    deck_file.write_text("term,definition,topic\n" + "\n".join(rows) + "\n", encoding="utf-8")
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(deck_file))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one("#drill-count", Input).value = "99"
        await pilot.pause()
        said = app.screen.query_one("#drill-selected", Static)
        assert said.region.height == 2
        for button in app.screen.query("#dialog-buttons Button"):
            dialog = app.screen.query_one("#dialog")
            assert button.region.bottom <= dialog.content_region.bottom
