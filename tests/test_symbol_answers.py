"""A bare yes/no word is no option ("No" among "Paris" and "Berlin"), except where it is a
symbol among symbols: in a deck of chemical elements, "Si" is silicon's and "No"
nobelium's, asked like "Na" or "Fe" (they were "a bare yes/no word, not an option")."""

from __future__ import annotations

from support.decks import ELEMENTS, MORE_ELEMENTS, deck_of

from exam_sim.decks.audit import audit_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.cues import solve
from exam_sim.models import Deck, Direction, make_card


def test_yes_no_words_written_as_symbols_are_symbols_in_a_deck_of_symbols() -> None:
    deck = deck_of(*ELEMENTS, deck_id="elements")
    generator = QuestionGenerator(deck)
    for term in ("Silicon", "Nobelium"):
        card = next(c for c in deck.cards if c.term == term)
        assert Direction.DEFINITION_TO_TERM in generator.directions_for(card.id)
    offered = {
        option
        for card in deck.cards
        for direction in generator.directions_for(card.id)
        if direction is Direction.TERM_TO_DEFINITION
        for seed in range(6)
        for option in generator.question(card.id, direction, seed=seed).options
    }
    assert {"Si", "No"} <= offered
    assert not audit_deck(deck).unaskable


def test_a_bare_no_among_words_is_still_no_option() -> None:
    cards = [
        make_card("Paris", "capital of France"),
        make_card("Berlin", "capital of Germany"),
        make_card("Madrid", "capital of Spain"),
        make_card("Rome", "capital of Italy"),
        make_card("Nope", "No"),
    ]
    deck = Deck(id="capitals", title="Capitals", cards=tuple(cards))
    generator = QuestionGenerator(deck)
    assert generator.directions_for("nope") == ()
    for card in cards[:4]:
        for direction in generator.directions_for(card.id):
            assert "No" not in generator.question(card.id, direction, seed=0).options


def test_a_question_answered_no_stays_true_or_false_among_symbols() -> None:
    cards = [make_card(*c) for c in ELEMENTS]
    cards.append(make_card("Is helium a noble gas?", "Yes"))
    deck = Deck(id="elements", title="Elements", cards=tuple(cards))
    generator = QuestionGenerator(deck)
    assert generator.directions_for(cards[-1].id) == (Direction.TRUE_FALSE,)


def test_symbols_drawn_like_the_key_leave_it_off_the_centre() -> None:
    """ "Ne", "Ni" and "N" drawn for "Na" made it the option most like the others in 0.36
    of the term → definition questions of 30 elements (chance 0.25): options read at a
    glance get the numbers' treatment (`draw.read_at_a_glance`)."""
    deck = deck_of(*ELEMENTS, *MORE_ELEMENTS, deck_id="elements")
    generator = QuestionGenerator(deck)
    central = [
        solve(generator.question(card.id, direction, seed=seed), generator.index.lexicon)[
            "most central"
        ]
        for card in deck.cards
        for direction in generator.directions_for(card.id)
        if direction is Direction.TERM_TO_DEFINITION
        for seed in range(10)
    ]
    assert len(central) >= 150
    assert sum(central) / len(central) <= 0.33


def test_a_term_spelled_like_its_definition_is_asked_from_the_term() -> None:
    """An element named "Helium" holds its symbol "He", which no other name does: asked
    "He" → which element, the key would always be the option most like the stem. Such a
    card is asked the other way ("Helium" → He, H, Li, I: symbols spelled as much like
    it); one whose definition is spelled like some other terms too stays asked both ways."""
    deck = deck_of(*ELEMENTS, *MORE_ELEMENTS, deck_id="elements")
    generator = QuestionGenerator(deck)
    assert generator.directions_for("helium") == (Direction.TERM_TO_DEFINITION,)
    assert generator.directions_for("beryllium") == (Direction.TERM_TO_DEFINITION,)
    both = (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION)
    assert generator.directions_for("lithium") == both  # "li" is in more names: "Silicon"
    assert generator.directions_for("iron") == both  # "Fe" is in none: no cue
    like_stem = [
        solve(q, generator.index.lexicon)["most like the stem"]
        for card in deck.cards
        for direction in generator.directions_for(card.id)
        for q in (generator.question(card.id, direction, seed=s) for s in range(10))
        if q.direction is Direction.DEFINITION_TO_TERM
    ]
    assert len(like_stem) >= 200 and sum(like_stem) / len(like_stem) <= 0.35
