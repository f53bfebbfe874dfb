"""Two words one edit apart whose glosses share nothing are two words ("le poisson": "the
fish", "le poison": "the poison"; "le livre", "la livre"), each the other's best wrong
option; a name misspelt beside a gloss that says the same stays one card written twice
(docs/generator.md, *the same thing*)."""

from __future__ import annotations

from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.apart import glosses_apart
from exam_sim.models import Deck, make_card

FRENCH = [
    ("le poisson", "the fish"),
    ("le poison", "the poison"),
    ("le livre", "the book"),
    ("la livre", "the pound"),
    ("le dessert", "a sweet course"),
    ("le désert", "arid land"),
    ("la pomme", "the apple"),
    ("la poire", "the pear"),
]


def _french() -> Deck:
    return Deck(id="fr", title="French", cards=[make_card(t, d) for t, d in FRENCH])


def test_words_one_edit_apart_with_glosses_sharing_nothing_are_two_words() -> None:
    generator = QuestionGenerator(_french())
    ix = generator.index
    for i in (0, 2, 4):
        assert ix._spelled_alike(i, i + 1), FRENCH[i]
        assert not ix.same_thing(i, i + 1), FRENCH[i]
    offered = {
        card_id
        for direction in generator.directions_for("le-poisson")
        for seed in range(8)
        for card_id in generator.question("le-poisson", direction, seed=seed).option_card_ids
    }
    assert "le-poison" in offered
    assert not [f for f in check_deck(_french()) if f.code == "near-duplicate"]


def test_a_misspelt_name_with_a_gloss_saying_the_same_stays_one() -> None:
    cards = [
        make_card("beeswax", "beeswax"),
        make_card("bees wax", "bee's wax"),  # one gloss spelled two ways
        make_card("receive", "to get"),
        make_card("recieve", "to get"),
        make_card("honey", "sweet food made by bees"),
        make_card("hive", "a home for bees"),
    ]
    ix = QuestionGenerator(Deck(id="en", title="En", cards=cards)).index
    assert ix.same_thing(2, 3)
    stems = ix.def_stems
    assert not glosses_apart(ix, 0, 1, stems(0), stems(1))


def test_longer_definitions_sharing_no_word_are_no_proof() -> None:
    # three stems or more: a definition reworded, not another word's gloss
    cards = [
        make_card("behaviour", "the way a person acts towards other people"),
        make_card("behavior", "how someone conducts themselves in company"),
        make_card("shape", "the outline of an object"),
        make_card("size", "how big something is"),
    ]
    ix = QuestionGenerator(Deck(id="en", title="En", cards=cards)).index
    assert ix.same_thing(0, 1)
