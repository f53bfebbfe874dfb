"""A session never asks one stem twice when the card can be asked another way: two cards
of one definition ("Beta blocker": Metoprolol and Atenolol) read as the same question
with two answers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from support.sources import OneWaySource

from exam_sim.decks import load_deck
from exam_sim.exam import plan_drill, plan_mock
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Deck, make_card

DATA = Path(__file__).parent / "data"


def test_two_cards_of_one_definition_are_not_asked_with_one_stem() -> None:
    generator = QuestionGenerator(load_deck(DATA / "pharmacology-classes.csv"))
    for seed in range(8):
        plan = plan_mock(generator, seed=seed)
        assert len(plan.questions) == 30  # every card still asked
        assert Counter(q.stem for q in plan.questions).most_common(1)[0][1] == 1, seed
        drill = plan_drill(generator, count=30, seed=seed)
        assert Counter(q.stem for q in drill.questions).most_common(1)[0][1] == 1, seed


def test_a_stem_asked_again_when_no_other_way_can_be() -> None:
    cards = [
        make_card("Metoprolol", "Beta blocker"),
        make_card("Atenolol", "Beta blocker"),
        make_card("Lisinopril", "ACE inhibitor"),
        make_card("Losartan", "Angiotensin receptor blocker"),
        make_card("Amlodipine", "Calcium channel blocker"),
    ]
    plan = plan_mock(OneWaySource(Deck(id="d", title="d", cards=cards)), questions=5, seed=1)
    assert len(plan.questions) == 5 and not plan.notes  # asked again, not left out
    assert Counter(q.stem for q in plan.questions)["Beta blocker"] == 2
