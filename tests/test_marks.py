"""Marks that tell words apart: in a deck that writes accents and other marks, two terms
alike only once their marks are dropped ("schon" already / "schön" beautiful, "año" /
"ano", "-ig-" / "-iĝ-") are two words, each the other's likeliest confusion: offered
together, and no duplicates for `check`. A deck that seldom writes a mark (an English
glossary's "café") may write "cafe" for the same word: there they stay one."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.lexicon import MARKS_WRITTEN, apart_by_marks, fold, writes_marks
from exam_sim.models import Deck, Direction, make_card

GERMAN = [
    ("schon", "already"),
    ("schön", "beautiful"),
    ("zählen", "to count"),
    ("zahlen", "to pay"),
    ("für", "for"),
    ("vor", "before; in front of"),
    ("ähnlich", "similar"),
    ("kalt", "cold"),
    ("warm", "not cold"),
    ("schwül", "humid; muggy"),
    ("Tür", "door"),
    ("Fenster", "window"),
]
ENGLISH = [
    ("café", "a small restaurant selling light meals and drinks"),
    ("cafe", "a place where coffee and snacks are served"),
    ("bistro", "a small, inexpensive restaurant"),
    ("diner", "a restaurant serving simple, cheap food all day"),
    ("canteen", "a restaurant provided by an organisation for its staff"),
    ("tavern", "an inn or public house serving drinks"),
    ("brasserie", "a large, informal restaurant serving beer"),
    ("pub", "a building where alcoholic drinks are served"),
]


def deck_of(pairs: Sequence[tuple[str, str]]) -> Deck:
    cards = [make_card(term, definition, id=f"c{n}") for n, (term, definition) in enumerate(pairs)]
    return Deck(id="marks", title="marks", cards=tuple(cards))


def test_a_deck_writes_marks_when_enough_of_its_terms_carry_one() -> None:
    assert writes_marks([t for t, _ in GERMAN])
    assert not writes_marks([t for t, _ in ENGLISH])  # one "café" in eight terms
    assert not writes_marks(["橋", "箸", "ガス", "カス"])  # dakuten are letters, not marks
    assert not writes_marks([])
    terms = ["word"] * 95 + ["mot accentué"] * 5
    assert writes_marks(terms) and MARKS_WRITTEN == 0.05
    assert not writes_marks([*terms[1:-1], "word"])


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        (["schön"], ["schon"], True),
        (["año"], ["ano"], True),
        (["-ig-"], ["-iĝ-"], True),
        (["mǎi"], ["mài"], True),
        (["Abriss"], ["Abriß"], False),  # ß is a letter: old and new spelling, one word
        (["Abelo"], ["abelo"], False),  # case tells no words apart
        (["schön", "pretty"], ["schon", "pretty"], False),  # a name shared with its marks
        (["Support Vector Machine"], ["Support Vector Machines"], False),  # no marks at all
    ],
)
def test_names_apart_by_marks(a: list[str], b: list[str], apart: bool) -> None:
    assert apart_by_marks(a, b) is apart
    assert apart_by_marks(b, a) is apart


names = st.lists(st.text(st.characters(codec="utf-8"), min_size=1, max_size=8), max_size=3)


@given(names, names)
def test_apart_only_when_one_once_folded_and_never_with_marks(a: list[str], b: list[str]) -> None:
    apart = apart_by_marks(a, b)
    assert apart == apart_by_marks(b, a)
    assert not apart_by_marks(a, a)
    if apart:  # alike once folded, never alike as written (case aside)

        def compact(text: str) -> str:
            return "".join(ch for ch in text if ch.isalnum())

        folded_a = {compact(fold(n)) for n in a}
        assert folded_a & {compact(fold(n)) for n in b}
        assert not {unicodedata.normalize("NFC", n.casefold()) for n in a} & {
            unicodedata.normalize("NFC", n.casefold()) for n in b
        }


def offered(generator: QuestionGenerator, asked: int, other: int) -> bool:
    deck = generator.deck
    card, wrong = deck.cards[asked], deck.cards[other]
    return any(
        {wrong.term, wrong.definition} & set(generator.question(card.id, direction, seed=s).options)
        for s in range(20)
        for direction in generator.directions_for(card.id)
    )


def test_words_told_apart_by_their_marks_are_offered_together() -> None:
    generator = QuestionGenerator(deck_of(GERMAN))
    for i, j in ((0, 1), (2, 3)):  # schon/schön, zählen/zahlen
        assert not generator.index.same_thing(i, j)
        assert offered(generator, i, j) and offered(generator, j, i)


def test_in_a_deck_without_marks_an_accent_is_a_spelling_of_one_word() -> None:
    generator = QuestionGenerator(deck_of(ENGLISH))
    assert generator.index.same_thing(0, 1)  # café / cafe


def test_check_reports_no_duplicate_for_words_told_apart_by_marks() -> None:
    codes = [(f.code, f.card_ids) for f in check_deck(deck_of(GERMAN))]
    assert not [c for c in codes if set(c[1]) & {"c0", "c1", "c2", "c3"}], codes
    english = [(f.code, f.card_ids) for f in check_deck(deck_of(ENGLISH))]
    assert ("duplicate-term", ("c0", "c1")) in english


def test_same_meaning_still_makes_one_card_whatever_the_marks() -> None:
    """Told apart by their names, two cards meaning the same stay apart as options: the
    definitions decide ("Huhn" chicken / "Hühner" chicken, hen; an accent forgotten).
    ("chicken" and "chickens" alone are two forms of a word: `contrasts.number_apart`.)"""
    pairs = [*GERMAN, ("Huhn", "chicken"), ("Hühner", "chicken, hen"), ("Kühe", "cows")]
    deck = deck_of(pairs)
    generator = QuestionGenerator(deck)
    assert generator.index.same_thing(12, 13)
    same = [f for f in check_deck(deck) if set(f.card_ids) == {"c12", "c13"}]
    assert [f.code for f in same] == ["definition-overlap"]
    question = generator.question("c12", Direction.DEFINITION_TO_TERM, seed=0)
    assert "Hühner" not in question.options


def test_a_typo_counts_marks_as_letters_where_a_deck_writes_them() -> None:
    """ "müssen" (must) and "mussten" (had to) are one edit apart only once folded: two
    words, offered together and no near-duplicates. A letter dropped is still a typo."""
    pairs = [*GERMAN, ("müssen", "to have to; must"), ("mussten", "had to")]
    pairs += [("Regularisierung", "Strafterm gegen Überanpassung")]
    pairs += [("Regularisirung", "Verfahren, das große Gewichte bestraft")]
    deck = deck_of(pairs)
    index = QuestionGenerator(deck).index
    assert not index.same_thing(12, 13)
    assert index.same_thing(14, 15)
    near = {f.card_ids for f in check_deck(deck) if f.code == "near-duplicate"}
    assert near == {("c14", "c15")}


terms = st.text(st.sampled_from(list("aáeénñoö")), min_size=3, max_size=5)
meanings = st.sampled_from(["cold", "warm", "a small house", "to count", "to pay", "a bee"])


@given(st.lists(st.tuples(terms, meanings), min_size=4, max_size=12))
def test_check_claims_never_together_only_where_the_generator_keeps_apart(
    pairs: list[tuple[str, str]],
) -> None:
    """`duplicate-term` says its cards are never offered as options together: true of
    every pair it names, marks or not; and a pair the generator may offer together is in
    no such finding."""
    deck = deck_of(pairs)
    index = QuestionGenerator(deck).index
    position = {card.id: n for n, card in enumerate(deck.cards)}
    grouped: set[frozenset[int]] = set()
    for finding in check_deck(deck):
        if finding.code == "duplicate-term":
            members = [position[c] for c in finding.card_ids]
            for n, i in enumerate(members):
                for j in members[n + 1 :]:
                    assert index.same_thing(i, j), (deck.cards[i].term, deck.cards[j].term)
                    grouped.add(frozenset((i, j)))
    for i in range(len(pairs)):
        for j in range(i + 1, len(pairs)):
            if fold(pairs[i][0]) == fold(pairs[j][0]) and not index.same_thing(i, j):
                assert frozenset((i, j)) not in grouped
