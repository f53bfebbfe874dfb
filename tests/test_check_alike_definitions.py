"""`check`'s definition-alike: definitions written nearly alike, which the generator
reads as one meaning written twice and never offers together, though no stem overlap
explains it; before, `check` said nothing of them (the Spanish glossary's few-shot and
one-shot learning, 91 % alike, were kept apart in silence)."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_sim.decks import definition_findings, load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Deck, make_card

DATA = Path(__file__).parent / "data"


def _alike(deck: Deck) -> list[tuple[str, ...]]:
    return [f.card_ids for f in check_deck(deck) if f.code == "definition-alike"]


def test_each_run_of_alike_definitions_is_one_finding_the_generator_agrees_with() -> None:
    deck = load_deck(DATA / "eo-espdic-excerpt.txt")
    found = _alike(deck)
    terms = {card.id: card.term for card in deck.cards}
    groups = [sorted(terms[c] for c in ids) for ids in found]
    assert sorted(["aboliciismo", "aboliciisto", "abolicionismo", "abolicionisto",
                   "abolismo", "abolisto"]) in groups  # fmt: skip
    # Masculine and feminine names' diminutives are two sides of one thing: not alike.
    assert not any("-ĉj-" in group for group in groups)
    index = QuestionGenerator(deck).index
    position = {card.id: n for n, card in enumerate(deck.cards)}
    for ids in found:  # every pair of a group is one the generator keeps apart
        first = position[ids[0]]
        assert all(index.same_thing(first, position[other]) for other in ids[1:])


def test_a_contrast_or_an_overlap_is_not_reported_here() -> None:
    deck = load_deck(DATA / "google-ml-glossary-es.csv")
    found = _alike(deck)
    terms = {card.id: card.term for card in deck.cards}
    assert [sorted(terms[c] for c in ids) for ids in found] == [
        ["aprendizaje en pocos intentos (few-shot learning)",
         "aprendizaje en un intento (one-shot learning)"],
    ]  # fmt: skip
    # falso negativo / falso positivo are 96 % alike, and two facts: options together.


def test_a_deck_past_the_read_limit_is_read_along_sorted_neighbours(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past ALIKE_READ cards, every pair is not read (it grows with the square of the
    deck: 1M cards, hours); each definition is compared with its neighbours in
    alphabetical order and read backwards, which finds definitions alike but for their
    last words ("opens into" / "leads into" share their start) or their first word."""
    cards = [
        make_card("Alpha", "The valve that opens into the upper chamber of the heart"),
        make_card("Beta", "The valve that leads into the upper chamber of the heart"),
        make_card(
            "Gamma", "Aortic valve, which opens into the left atrium of a heart with four chambers"
        ),
        make_card(
            "Delta", "Mitral valve, which opens into the left atrium of a heart with four chambers"
        ),
        *(make_card(f"Other {w}", f"A part of the {w} system") for w in ("lymph", "nerve")),
        # Many definitions between the alike ones in both orders, past the window.
        *(
            make_card(f"Filler {n}", f"{word} filler number {n} of the list, unlike {word}")
            for n, word in enumerate(("The valve", "Aortic", "Mitral", "chambers") * 5)
        ),
    ]
    deck = Deck(id="v", title="V", cards=cards)
    every_pair = _alike(deck)
    assert every_pair == [(cards[0].id, cards[1].id), (cards[2].id, cards[3].id)]
    monkeypatch.setattr(definition_findings, "ALIKE_READ", 3)
    assert _alike(deck) == every_pair


def test_definitions_alike_but_for_their_numbers_are_two_facts() -> None:
    """ "The layer 2 of the OSI model, which…" and "The layer 3 of…" are 97 % alike, and
    two layers: each is the other's best wrong option, and no finding."""
    cards = [
        make_card(f"Layer {n}", f"The layer {n} of the OSI reference model, counted from the wire")
        for n in range(1, 5)
    ]
    deck = Deck(id="osi", title="OSI", cards=cards)
    assert not _alike(deck)
    index = QuestionGenerator(deck).index
    assert not index.same_thing(0, 1)


def test_definitions_that_read_the_same_once_blanked_are_said_so() -> None:
    """ "Returns a view of the keys" and "…of the values" are two facts, not one meaning
    written twice: blanked in their own stems they read "Returns a view of the ____", and
    the finding says that."""
    cards = [
        make_card("dict.keys()", "Returns a view of the dictionary's keys"),
        make_card("dict.values()", "Returns a view of the dictionary's values"),
        make_card("len(s)", "The number of items of a container"),
        make_card("sorted(iterable)", "A new sorted list of the items"),
        make_card("any(iterable)", "True when one item at least is true"),
    ]
    deck = Deck(id="py", title="Py", cards=cards)
    found = [f for f in check_deck(deck) if f.code == "definition-alike"]
    assert [f.card_ids for f in found] == [(cards[0].id, cards[1].id)]
    assert "read the same once each card's own name is blanked" in found[0].message
