"""A final parenthesis many terms write alike is a label of a kind, no name: vocabulary
lists mark each word's part of speech ("abate (v.)", "austere (adj.)"). Read as a name,
every adjective answered to "adj": `check` called each pair a near-duplicate (136
warnings on a 40-word list) and the generator never put two adjectives side by side, so
the key was the one option of its kind: a learner telling a verb's definition from a
noun's guessed among 1.6 options instead of 4 (0.41 credit against chance 0.25)."""

from __future__ import annotations

import re

import pytest

from exam_sim.card_names import every_name
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Deck, make_card
from exam_sim.term_labels import label_of, shared_labels

WORDS = [
    ("hasten (v.)", "to make something happen sooner than planned"),
    ("linger (v.)", "to stay somewhere longer than needed"),
    ("ponder (v.)", "to think about something carefully for a while"),
    ("scold (v.)", "to speak angrily to someone who did wrong"),
    ("wander (v.)", "to walk around with no clear purpose"),
    ("clamour (n.)", "a loud noise made by many people at once"),
    ("haven (n.)", "a place where one is safe from danger"),
    ("riddle (n.)", "a puzzling question posed as a game"),
    ("thrift (n.)", "careful use of money and goods"),
    ("vigour (n.)", "physical strength and good health"),
    ("brittle (adj.)", "hard but easily broken"),
    ("drowsy (adj.)", "sleepy and slow to react"),
    ("frugal (adj.)", "spending little and wasting nothing"),
    ("nimble (adj.)", "quick and light in movement"),
    ("sullen (adj.)", "silent and in a bad mood"),
    ("alas (interj.)", "said to show sadness or regret"),
    ("hurrah (interj.)", "shouted to show joy or approval"),
    ("ouch (interj.)", "said when something hurts suddenly"),
    ("Support Vector Machine (SVM)", "a classifier that finds the widest margin between classes"),
]


@pytest.fixture(scope="module")
def deck() -> Deck:
    return Deck(id="words", title="Words", cards=[make_card(t, d) for t, d in WORDS])


def kind(term: str) -> str:
    found = re.search(r"\(([^()]+)\)$", term)
    return found[1].strip(".") if found else ""


def test_a_parenthesis_many_terms_share_is_a_label_not_a_name(deck: Deck) -> None:
    terms = [card.term for card in deck.cards]
    assert shared_labels(terms) == {"v", "n", "adj", "interj"}  # not "SVM": one card's
    ix = QuestionGenerator(deck).index
    labels = ix.kinds.term_labels
    assert label_of("drowsy (adj.)", labels) == "adj"
    assert label_of("Support Vector Machine (SVM)", labels) == ""
    sullen = deck.card("sullen-adj")
    assert every_name(sullen.names, labels) == ("sullen (adj.)", "sullen")
    assert "SVM" in every_name(deck.card("support-vector-machine-svm").names, labels)
    first, second = (ix.position[c] for c in ("brittle-adj", "drowsy-adj"))
    assert not ix.same_thing(first, second)


def test_check_calls_no_two_words_of_one_kind_near_duplicates(deck: Deck) -> None:
    assert [f.message for f in check_deck(deck) if f.code == "near-duplicate"] == []


def opening_labels(deck: Deck) -> Deck:
    """The same words, each labelled where its definition opens ("(v.) to make…")."""
    cards = [
        make_card(*(re.sub(r" \((.+)\)$", "", t), f"({kind(t)}.) {d}") if kind(t) else (t, d))
        for t, d in WORDS
    ]
    return Deck(id="openings", title="Openings", cards=cards)


@pytest.mark.parametrize("where", ["term", "definition"])
def test_the_wrong_options_are_of_the_key_s_kind(deck: Deck, where: str) -> None:
    """Five words of a kind: the key's four options are all of its kind, so grammar rules
    none out. Three interjections are too few for four options: then any word stands.
    The label may end the term ("abate (v.)") or open the definition ("(v.) to …")."""
    if where == "definition":
        deck = opening_labels(deck)
    generator = QuestionGenerator(deck)
    kinds = {card.id: kind_of(card.term, card.definition) for card in deck.cards}
    mixed = 0
    for card in deck.cards:
        for direction in generator.directions_for(card.id):
            for seed in range(6):
                question = generator.question(card.id, direction, seed=seed)
                shown = {kinds[option] for option in question.option_card_ids}
                if kinds[card.id] == "interj":
                    mixed += len(shown) > 1
                elif kinds[card.id] in {"v", "n", "adj"}:
                    assert shown == {kinds[card.id]}, (card.term, question.options)
    assert mixed > 0  # interjections: asked all the same, among other words


def kind_of(term: str, definition: str) -> str:
    """The label a term ends with or a definition opens with, if any."""
    found = re.search(r"\(([^()]+)\)$", term) or re.match(r"\(([^()]+)\)", definition)
    return found[1].strip(".") if found else ""


def test_two_kinds_are_two_words_whatever_their_definitions_share(deck: Deck) -> None:
    """ "intense and passionate feeling" and "to make an unpleasant feeling less intense"
    share two of three stems, but a noun never answers for a verb: no definition-overlap
    to set apart, and each may be the other's wrong option where kinds mix."""
    pair = Deck(
        id="pair",
        title="Pair",
        cards=[
            *deck.cards,
            make_card("fervour (n.)", "intense and passionate feeling"),
            make_card("soothe (v.)", "to make an unpleasant feeling less intense"),
        ],
    )
    overlaps = [f.card_ids for f in check_deck(pair) if f.code == "definition-overlap"]
    assert not [ids for ids in overlaps if {"fervour-n", "soothe-v"} <= set(ids)]
    ix = QuestionGenerator(pair).index
    assert not ix.same_thing(ix.position["fervour-n"], ix.position["soothe-v"])


def test_a_definition_that_denies_another_is_its_opposite() -> None:
    """ "by mouth" and "nothing by mouth" share every stem (the negation is a stop word)
    and say opposite things: no definition-overlap, and each may be the other's wrong
    option, the likeliest one a learner confuses."""
    abbreviations = [
        ("po", "by mouth"), ("NPO", "nothing by mouth"), ("pr", "by rectum"),
        ("sl", "under the tongue"), ("ac", "before meals"), ("hs", "at bedtime"),
    ]  # fmt: skip
    deck = Deck(id="rx", title="Rx", cards=[make_card(t, d) for t, d in abbreviations])
    assert not [f for f in check_deck(deck) if f.code == "definition-overlap"]
    generator = QuestionGenerator(deck)
    ix = generator.index
    assert not ix.same_thing(ix.position["po"], ix.position["npo"])
    options = {
        option
        for seed in range(10)
        for option in generator.question("po", generator.directions_for("po")[0], seed=seed).options
    }
    assert {"NPO", "nothing by mouth"} & options


def test_a_definition_that_falls_short_of_another_names_another_thing() -> None:
    """ "almost surrounded" is no island: a word that falls short ("almost", "partly";
    German "fast", read in a German deck only) tells two definitions apart as a negation
    does, in the generator and in `check` alike."""
    english = [
        ("island", "Land entirely surrounded by water"),
        ("peninsula", "Land almost entirely surrounded by water"),
        ("translucent", "Letting light partly pass through"),
        ("transparent", "Letting light pass through"),
        ("lake", "A body of fresh water inland"),
        ("river", "A natural stream of flowing water"),
    ]
    german = [
        ("Insel", "Land, das ganz von Wasser umgeben ist"),
        ("Halbinsel", "Land, das fast ganz von Wasser umgeben ist"),
        ("Fluss", "Ein natürliches fließendes Gewässer"),
        ("See", "Ein stehendes Gewässer im Binnenland"),
        ("Gebirge", "Eine Gruppe von Bergen"),
        ("Ozean", "Ein sehr großes Salzwassermeer, das die Kontinente trennt"),
    ]
    for cards, pairs in ((english, [(0, 1), (2, 3)]), (german, [(0, 1)])):
        deck = Deck(id="geo", title="Geography", cards=[make_card(t, d) for t, d in cards])
        assert not [f for f in check_deck(deck) if f.code == "definition-overlap"]
        ix = QuestionGenerator(deck).index
        for i, j in pairs:
            assert not ix.same_thing(i, j), (cards[i], cards[j])


def test_fast_is_a_word_of_its_own_in_english() -> None:
    # "a fast network protocol" is a kind of "a network protocol": one answers for the other
    cards = [
        ("protocol", "A network protocol"),
        ("fast protocol", "A fast network protocol"),
        ("cable", "A copper wire for signals"),
        ("router", "A device that forwards packets"),
    ]
    deck = Deck(id="net", title="Net", cards=[make_card(t, d) for t, d in cards])
    assert QuestionGenerator(deck).index.same_thing(0, 1)
