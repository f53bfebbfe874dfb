"""Synonyms a deck states itself (`generator/synonyms.py`): two cards whose definitions
another card lists as one meaning are never options together, and `check` says so."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import exam_sim.generator.index as index_module
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.columns import PackedNorms
from exam_sim.generator.index import DeckIndex
from exam_sim.generator.synonyms import (
    SynonymGroup,
    alternatives,
    synonym_groups,
    synonym_memberships,
)
from exam_sim.lexicon import words
from exam_sim.models import Deck, make_card

VERBS = [
    ("quedar", "to remain, to stay; to arrange to meet"),
    ("quedarse", "to stay"),
    ("permanecer", "to remain"),
    ("salir", "to go out"),
    ("traer", "to bring"),
    ("poner", "to put, to place"),
    ("sacar", "to take out"),
    ("pedir", "to ask for, to order"),
    ("saber", "to know (facts, how to)"),
    ("conocer", "to know (people, places), to meet"),
    ("encontrarse", "to meet"),
    ("hablar", "to speak"),
]


def every_question(deck: Deck) -> list:
    generator = QuestionGenerator(deck)
    return [
        generator.question(card.id, direction, seed=seed)
        for card in deck.cards
        for direction in generator.directions_for(card.id)
        for seed in range(6)
    ]


def test_a_list_in_one_card_makes_its_alternatives_one_thing() -> None:
    """ "quedar: to remain, to stay" says quedarse ("to stay") and permanecer ("to
    remain") mean one thing: either would be a second right answer for the other."""
    deck = Deck(id="es", title="Es", cards=tuple(make_card(t, d) for t, d in VERBS))
    ids = {card.term: card.id for card in deck.cards}
    pair = {ids["quedarse"], ids["permanecer"]}
    questions = every_question(deck)
    assert any(pair & set(q.option_card_ids) for q in questions)
    assert not [q for q in questions if pair <= set(q.option_card_ids)]
    # Without the list, nothing says they are one thing: they may meet.
    without = Deck(id="es2", title="Es", cards=tuple(c for c in deck.cards if c.term != "quedar"))
    assert any(pair <= set(q.option_card_ids) for q in every_question(without))


def test_a_qualified_alternative_is_not_the_bare_word() -> None:
    """ "to know (people, places), to meet" lists "to know" qualified: saber, "to know
    (facts, how to)", is not one thing with encontrarse, "to meet"."""
    deck = Deck(id="es", title="Es", cards=tuple(make_card(t, d) for t, d in VERBS))
    groups = synonym_groups([c.definition for c in deck.cards], words)
    # quedarse and permanecer by quedar's list; each of them and quedar, and conocer and
    # encontrarse, give one alternative alike (their overlaps say so too).
    assert [(g.cards, g.lister, g.shared) for g in groups] == [
        ((0, 1), None, "to stay"),
        ((0, 2), None, "to remain"),
        ((1, 2), 0, ""),
        ((9, 10), None, "to meet"),
    ]


def test_cards_giving_one_alternative_are_one_thing_there() -> None:
    """ "to carry, to take; to wear" and "to take, to grab": both mean "to take", so
    neither may be the other's wrong option; "to take out" is another verb."""
    verbs = [
        ("llevar", "to carry, to take; to wear"), ("coger", "to take, to grab (Spain)"),
        ("sacar", "to take out, to get out"), ("traer", "to bring"), ("poner", "to put"),
        ("hablar", "to speak"), ("comer", "to eat"), ("beber", "to drink"),
    ]  # fmt: skip
    deck = Deck(id="es", title="Es", cards=tuple(make_card(t, d) for t, d in verbs))
    questions = every_question(deck)
    assert not [q for q in questions if {"llevar", "coger"} <= set(q.option_card_ids)]
    # Nothing else keeps them apart: their words overlap too little.
    index = QuestionGenerator(deck).index
    assert not index.definitions_overlap(0, 1)
    found = [f.message for f in check_deck(deck) if f.code == "synonyms"]
    assert found == [
        "'llevar' and 'coger' each give 'to take' as a meaning: synonyms, so they are never "
        "offered as options together"
    ]


def test_check_names_the_synonyms_and_the_card_that_lists_them() -> None:
    deck = Deck(id="es", title="Es", cards=tuple(make_card(t, d) for t, d in VERBS))
    found = [f for f in check_deck(deck) if f.code == "synonyms"]
    assert [(f.severity, f.message) for f in found] == [
        (
            "info",
            "'quedarse' and 'permanecer' mean what 'quedar' lists as one meaning: "
            "synonyms, so they are never offered as options together",
        )
    ]


def test_alternatives_split_at_commas_outside_brackets_and_at_semicolons() -> None:
    assert alternatives("to remain, to stay; to arrange to meet") == [["to remain", "to stay"]]
    assert alternatives("to know (people, places), to meet") == [
        ["to know (people, places)", "to meet"]
    ]
    # A sentence with a comma is no list.
    assert alternatives("Spreads incoming requests, then balances them across servers") == []
    assert alternatives("light") == []


PIECES = st.lists(st.sampled_from(["stay", "remain", "meet", "to go", "bring", "know"]), max_size=3)


@settings(max_examples=80, deadline=None)
@given(st.lists(PIECES.map(", ".join), min_size=2, max_size=10))
def test_groups_are_cards_saying_one_alternative_of_another_cards_list(
    definitions: list[str],
) -> None:
    groups = synonym_groups(definitions, words)
    for group in groups:
        assert len(group.cards) >= 2
        if group.lister is not None:
            assert group.lister not in group.cards
            listed = {
                tuple(words(piece))
                for pieces in alternatives(definitions[group.lister])
                for piece in pieces
            }
            for card in group.cards:
                assert tuple(words(definitions[card])) in listed
        else:  # each card gives the shared alternative, in a list or as its definition
            for card in group.cards:
                given = {
                    tuple(words(piece))
                    for pieces in alternatives(definitions[card])
                    for piece in pieces
                } | {tuple(words(definitions[card]))}
                assert tuple(words(group.shared)) in given
    assert len({g.cards for g in groups}) == len(groups)  # each set of cards once
    for a, b in itertools.combinations(groups, 2):
        assert a.cards != b.cards


def test_a_meaning_alone_between_semicolons_counts_too() -> None:
    """ "home; family" and "home; house; my place" both give "home": one thing there."""
    pairs = [
        ("家庭", "home; family"), ("うち", "home; house; my place"), ("学校", "school"),
        ("駅", "station"), ("店", "shop, store"), ("病院", "hospital"), ("公園", "park"),
    ]  # fmt: skip
    deck = Deck(id="ja", title="Ja", cards=tuple(make_card(t, d) for t, d in pairs))
    ids = {card.term: card.id for card in deck.cards}
    pair = {ids["家庭"], ids["うち"]}
    assert not [q for q in every_question(deck) if pair <= set(q.option_card_ids)]
    groups = synonym_groups([d for _, d in pairs], words)
    assert [(g.cards, g.shared) for g in groups] == [((0, 1), "home")]


WORDS = [
    ("brave", "ready to face danger"), ("courageous", "brave"), ("timid", "lacking courage"),
    ("begin", "to start"), ("commence", "to begin, especially formally"), ("finish", "to end"),
    ("slow", "not fast"), ("fast", "moving quickly"), ("angry", "feeling strong displeasure"),
    ("terse", "brief and to the point; laconic"), ("laconic", "using very few words"),
    ("wise", "having good judgment"), ("glad", "pleased, happy"), ("happy", "feeling joy"),
]  # fmt: skip


def test_a_card_whose_meaning_is_another_cards_term_is_its_synonym() -> None:
    """ "courageous: brave" beside "brave: ready to face danger": asking either, the
    other's definition or term would be a second right answer. So is a gloss naming a
    term ("to begin" of "commence"; "laconic" after a long meaning), not a term with a
    word more ("not fast" is no synonym of fast)."""
    deck = Deck(id="en", title="En", cards=tuple(make_card(t, d) for t, d in WORDS))
    index = QuestionGenerator(deck).index
    position = {card.term: n for n, card in enumerate(deck.cards)}
    synonyms = [("courageous", "brave"), ("commence", "begin"), ("terse", "laconic"),
                ("glad", "happy")]  # fmt: skip
    for a, b in synonyms:
        assert index.same_thing(position[a], position[b]), (a, b)
    assert not index.same_thing(position["slow"], position["fast"])
    ids = {card.term: card.id for card in deck.cards}
    for question in every_question(deck):
        shown = set(question.option_card_ids) | {question.card_id}
        for a, b in synonyms:
            assert not {ids[a], ids[b]} <= shown, (question.stem, question.options)
    found = [f.message for f in check_deck(deck) if f.code == "synonyms"]
    assert found == [
        f"'{a}' means '{b}': synonyms, so they are never offered as options together"
        for a, b in synonyms
    ]


def test_synonym_groups_are_kept_per_card_not_per_pair() -> None:
    """A gloss that many cards give alike makes one group; each card knows its groups,
    not every other member (pairs grew with the square of the group: 3.3 GB at 1M)."""
    definitions = [f"runs your code, task number {n}" for n in range(3000)] + ["to eat"]
    groups = synonym_groups(definitions, words)
    assert [(len(g.cards), g.shared) for g in groups] == [(3000, "runs your code")]
    deck = Deck(
        id="big",
        title="Big",
        cards=tuple(make_card(f"term {n}", d) for n, d in enumerate(definitions)),
    )
    index = QuestionGenerator(deck).index
    assert len(index.synonym_of) == 3000
    assert all(len(numbers) == 1 for numbers in index.synonym_of.values())
    assert index.same_thing(0, 2999) and not index.same_thing(0, 3000)


def test_a_compact_index_finds_the_same_synonyms(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above COMPACT_ABOVE cards the terms are packed in one string (`PackedNorms`), read a
    chunk at a time: the same groups come out."""
    deck = Deck(id="en", title="En", cards=tuple(make_card(t, d) for t, d in WORDS))
    whole = DeckIndex(deck).synonym_groups
    monkeypatch.setattr(index_module, "COMPACT_ABOVE", 0)
    compact = DeckIndex(deck)
    assert isinstance(compact.term_norm, PackedNorms)
    assert compact.synonym_groups == whole and any(g.named is not None for g in whole)


NAMES = ["brave", "begin", "laconic", "happy", "fast", "to begin", "the fast", "not fast"]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(["brave", "begin", "laconic", "happy", "fast"]), min_size=2,
             max_size=6, unique=True),
    st.lists(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3).map("; ".join),
             min_size=1, max_size=6),
)  # fmt: skip
def test_a_named_group_is_a_term_and_the_cards_giving_it_as_a_meaning(
    terms: list[str], meanings: list[str]
) -> None:
    """A named group is a term's card and exactly the cards giving that term as a
    meaning (with a leading article or "to" left out); "not fast" never names "fast"."""
    definitions = [f"the word number {n} of the list" for n in range(len(terms))] + meanings
    folded = [" ".join(words(t)) for t in terms] + [f"giver {n}" for n in range(len(meanings))]

    def given(card: int) -> set[str]:
        pieces = [words(p) for p in definitions[card].split(";")]
        return {" ".join(p) for p in pieces} | {
            " ".join(p[1:]) for p in pieces if p[0] in ("to", "the")
        }

    named = {
        g.named: set(g.cards) - {g.named}
        for g in synonym_groups(definitions, words, folded)
        if g.named is not None
    }
    expected = {
        x: {z for z in range(len(terms), len(definitions)) if folded[x] in given(z)}
        for x in range(len(terms))
    }
    assert named == {x: givers for x, givers in expected.items() if givers}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 12), min_size=1, max_size=5, unique=True), max_size=8))
def test_memberships_are_each_cards_groups_one_set_for_cards_alike(groups: list[list[int]]) -> None:
    memberships = synonym_memberships([SynonymGroup(tuple(cards)) for cards in groups])
    expected = {
        card: frozenset(n for n, cards in enumerate(groups) if card in cards)
        for cards in groups
        for card in cards
    }
    assert memberships == expected
    # Cards in the same groups hold one set between them.
    assert len({id(numbers) for numbers in memberships.values()}) == len(set(expected.values()))


def test_a_word_in_one_sense_is_one_with_the_bare_word_not_with_another_sense() -> None:
    """ "paragraph (passage in text)" and "section, paragraph, segment" both answer
    "paragraph" (der Absatz, der Abschnitt); "to know (facts)" and "to know (people)" are
    two senses, each one with a bare "to know", never with each other."""
    definitions = [
        "heel (part of shoe), paragraph (passage in text)",
        "section (cutting), paragraph, segment",
        "to know (facts)",
        "to know (people)",
        "to know, to be aware",
        "eagle (poetic)",
        "eagle",
    ]
    groups = {g.cards: g.shared for g in synonym_groups(definitions, words)}
    assert groups == {(0, 1): "paragraph", (2, 4): "to know", (3, 4): "to know", (5, 6): "eagle"}
    member = synonym_memberships(list(synonym_groups(definitions, words)))
    assert member[2].isdisjoint(member[3])  # two senses stay apart


def test_a_meaning_more_cards_give_than_a_list_of_synonyms_holds_is_no_group() -> None:
    """A card named by three others' meaning is a group of four; a meaning a hundred
    cards and more give is the deck's filler (every card "A" → "A"): no group. 10,000
    such cards made a group a card, each of 10,000 (10^8 steps, minutes)."""
    few = ["cat", "kitten"] + ["cat"] * 3
    terms = ["cat", "kitten", "gato", "chat", "Katze"]
    groups = synonym_groups(few, words, [t.lower() for t in terms])
    assert [g.cards for g in groups if g.named == 0] == [(0, 2, 3, 4)]
    many = ["A"] * 200
    assert not [g for g in synonym_groups(many, words, ["a"] * 200) if g.named is not None]
