"""Generated multiple-response and matching items: properties on any deck (hypothesis),
and `exam-sim generate --types` on the bundled deck."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_generator_properties import decks

from exam_sim.authored import choose_count
from exam_sim.enums import ItemKind
from exam_sim.generator import GeneratorError, generator_for
from exam_sim.generator.matching import matching
from exam_sim.generator.multiple_response import multiple_response
from exam_sim.models import Answer, Deck
from exam_sim.text import fold

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


def _cards(deck: Deck) -> dict[str, object]:
    return {card.id: card for card in deck.cards}


@SETTINGS
@given(decks(min_cards=6, max_cards=14), st.integers(0, 3))
def test_multiple_response_has_exactly_the_stated_keys_and_false_pairs(
    deck: Deck, seed: int
) -> None:
    generator = generator_for(deck)
    index = generator.index
    for card in deck.cards:
        try:
            q = multiple_response(generator, card.id, seed=seed)
        except GeneratorError:
            continue
        assert q.kind is ItemKind.MULTIPLE and choose_count(q.stem) == len(q.keys) == 2
        assert len(set(q.option_card_ids)) == len(q.options) == 5  # every term once
        assert len({fold(o) for o in q.options}) == 5
        cards = {c.id: c for c in deck.cards}
        by_definition = {}
        for n, (text, term_id) in enumerate(zip(q.options, q.option_card_ids, strict=True)):
            term = cards[term_id]
            said = text.removeprefix(f"{term.term}: ")
            owners = [c for c in deck.cards if c.definition == said]
            assert owners, "every statement says a card's definition"
            by_definition[n] = owners
            if n in q.keys:
                assert term in owners
            else:
                # False: no card that says this is the term's card or the same thing.
                for owner in owners:
                    i, j = index.position[term.id], index.position[owner.id]
                    assert not index.same_thing(i, j)
        assert q.keys[0] == q.answer and card.id in {q.option_card_ids[k] for k in q.keys}
        assert Answer(position=0, response=tuple(sorted(q.keys))).is_correct(q)
        assert multiple_response(generator, card.id, seed=seed) == q  # seeded


@SETTINGS
@given(decks(min_cards=6, max_cards=14), st.integers(0, 3))
def test_matching_pairs_each_term_with_its_own_definition_only(deck: Deck, seed: int) -> None:
    generator = generator_for(deck)
    index = generator.index
    for card in deck.cards:
        try:
            q = matching(generator, card.id, seed=seed)
        except GeneratorError:
            continue
        cards = {c.id: c for c in deck.cards}
        assert q.kind is ItemKind.MATCHING and len(q.prompts) == len(q.keys) == 4
        assert len(q.options) == 5 and len(set(q.keys)) == 4
        for prompt, key in zip(q.prompts, q.keys, strict=True):
            owner = cards[q.option_card_ids[key]]
            assert owner.term == prompt and q.options[key] == owner.definition
            for other in q.option_card_ids:
                if other != owner.id:
                    assert not index.same_thing(index.position[owner.id], index.position[other])
        assert Answer(position=0, response=q.keys).is_correct(q)
        wrong = (q.keys[1], q.keys[0], *q.keys[2:])
        assert not Answer(position=0, response=wrong).is_correct(q)  # all or nothing


def test_generate_types_prints_type_key_count_and_keys() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "exam_sim", "generate", "aws-ml-specialty", "--json",
         "--types", "multiple-response,matching", "--count", "6"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    items = json.loads(out)
    assert {item["type"] for item in items} == {"multiple", "matching"} and len(items) == 6
    for item in items:
        if item["type"] == "multiple":
            assert item["key_count"] == len(item["keys"]) == 2
            assert "(Choose TWO.)" in item["stem"]
        else:
            assert item["key_count"] == len(item["keys"]) == len(item["prompts"]) == 4


def test_generate_refuses_an_unknown_type_in_one_sentence() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "generate", "aws-ml-specialty", "--types", "essay"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "exam-sim: --types: unknown type 'essay' (known: single, multiple-response, matching)."
    )


def test_matching_gives_no_pair_away_to_a_guesser_matching_by_spelling() -> None:
    """Esperanto words glossed in English are often cognates ("abomena" → "abominable"):
    a guesser giving each term the response spelled most like it scored 0.40 per pair on
    these cards (chance 0.20); the set is now drawn so that it scores about chance."""
    from pathlib import Path

    from rapidfuzz import fuzz
    from rapidfuzz.utils import default_process

    from exam_sim.decks import load_deck
    from exam_sim.generator.card_sets import can_join

    deck = load_deck(Path(__file__).parent / "data" / "eo-espdic-excerpt.txt",
                     term_separator=" : ")  # fmt: skip
    generator = generator_for(deck)
    words = [c for c in deck.cards if can_join(generator, c.id) and not c.term.startswith("-")]
    credit: list[float] = []
    for card in words[:60]:  # the words, not the affixes
        for seed in (0, 1):
            try:
                q = matching(generator, card.id, seed=seed)
            except GeneratorError:
                continue
            assert card.term in q.prompts  # the key card is always asked
            for prompt, key in zip(q.prompts, q.keys, strict=True):
                scores = [fuzz.partial_ratio(prompt, o, processor=default_process)
                          for o in q.options]  # fmt: skip
                tied = [n for n, s in enumerate(scores) if s == max(scores)]
                credit.append((key in tied) / len(tied))
    assert len(credit) >= 300
    assert sum(credit) / len(credit) <= 0.33


def test_a_set_whose_first_neighbours_are_turned_away_asks_its_own_cards_again() -> None:
    # Many of ReLU's neighbours are turned away (one says another's name, or they are the
    # same thing): grown from the first ones found alone, its set stopped short of five
    # cards in 5 of these 10 seeds.
    from pathlib import Path

    from exam_sim.decks import load_deck

    deck = load_deck(Path(__file__).parents[1] / "question_bank" / "aws-ml-specialty.toml")
    generator = generator_for(deck)
    for seed in range(10):
        item = multiple_response(generator, "relu", seed=seed)
        assert len(item.options) == 5
