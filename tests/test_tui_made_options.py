"""A made option's explanation in the drill's feedback: the TUI shows the option just
above it, so it says "Made up: a number near the right one." without naming it again;
--plain, which shows only the letter there, names it ("Made up: 9 is …")."""

from __future__ import annotations

from pathlib import Path

from support.tui import exam_screen, shown_text
from textual.widgets import Static

from exam_sim.exam import SessionRequest
from exam_sim.models import AttemptMode, Deck, make_card
from exam_sim.tui.app import create_app
from exam_sim.units import is_made, made_beside

PLANETS = ["Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn"]


def test_a_made_explanation_beside_its_option_does_not_name_it_again() -> None:
    said = "Made up: 9 is a number near the right one."
    assert made_beside(said, "9") == "Made up: a number near the right one."
    assert made_beside(said, "10") == said  # another option's: as it is
    assert made_beside("LDA — Topic modeling", "LDA") == "LDA — Topic modeling"


async def test_the_drill_feedback_shows_each_made_number_once(tmp_path: Path) -> None:
    cards = [make_card(f"Planet {n}", name) for n, name in enumerate(PLANETS)]
    cards.append(make_card("Planets of the Solar System", "8"))
    deck = Deck(id="planets", title="Planets", cards=tuple(cards))
    request = SessionRequest(mode=AttemptMode.DRILL, count=len(cards))
    app = create_app(db=tmp_path / "history.sqlite3", seed=7, deck=deck, start=request)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        position = next(
            n
            for n, q in enumerate(screen.session.questions)
            if q.card_id == cards[-1].id and any(map(is_made, q.explanations))
        )
        screen.go_to(position)
        await pilot.pause()
        question = screen.session.question
        wrong = next(n for n in range(len(question.options)) if n != question.answer)
        await pilot.press("abcdef"[wrong])
        body = shown_text(screen.query_one("#feedback-body", Static))
        assert body.count("Made up: a number near the right one.") == 3
        for n, option in enumerate(question.options):
            if n != question.answer:
                assert f"Made up: {option} is" not in body
