"""A word derived from the card's name ("nuclear" for nucleus, "classifier" for
classification) names the key as surely as the name: a glossary's stem blanks it. A
vocabulary list's cognate is the translation itself ("abdomeno": "abdomen, belly"), kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.derived import defines_in_sentences, derived
from exam_sim.models import Deck, Direction, make_card
from exam_sim.text import BLANK

DATA = Path(__file__).parent / "data"

GLOSSARY = [
    ("nucleus", "Holds the cell's DNA inside a nuclear envelope made of two membranes", "nuclear"),
    ("mitochondrion", "Organelle making ATP; mitochondrial DNA is inherited from the mother",
     "mitochondrial"),
    ("classification", "Supervised task where a classifier assigns each input to a category",
     "classifier"),
    ("regression", "Supervised task where a regressor predicts a continuous target value",
     "regressor"),
    ("photosynthesis", "Process by which photosynthetic organisms turn light into chemical energy",
     "photosynthetic"),
    ("enzyme", "A protein catalyst whose enzymatic activity depends on temperature and pH",
     "enzymatic"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("stem", "other", "expected"),
    [
        ("nucleus", "nuclear", True),
        ("classif", "classifi", True),
        ("regress", "regressor", True),
        ("mitochondrion", "mitochondri", True),
        ("enzym", "enzymat", True),
        ("nucle", "nucle", True),
        ("comput", "compani", False),  # four letters shared
        ("tensor", "tensorflow", False),  # a name of its own
        ("promissori", "promisor", True),  # six letters shared, both go on
        ("promissori", "promis", False),  # "promise": the whole of it and more
        ("server", "serverless", False),  # a whole word and more
        ("state", "statement", False),  # five letters shared: a suffix of two at most
        ("multipl", "multinomi", False),
        ("abc12", "abc13", False),  # digits end no suffix
    ],
)
def test_two_stems_are_one_word_derived_only_when_all_but_an_ending_is_shared(
    stem: str, other: str, expected: bool
) -> None:
    assert derived(stem, other) is expected
    assert derived(other, stem) is expected


def test_a_glossary_blanks_the_words_derived_from_the_cards_name() -> None:
    cards = [make_card(term, definition) for term, definition, _ in GLOSSARY]
    deck = Deck(id="cells", title="Cells", cards=cards)
    generator = QuestionGenerator(deck)
    assert defines_in_sentences(generator.index)
    for card, (_, _, word) in zip(deck.cards, GLOSSARY, strict=True):
        question = generator.question(card.id, Direction.DEFINITION_TO_TERM, seed=1)
        assert word not in question.stem and BLANK in question.stem
        # Its definition names it: as an option it would give itself away.
        assert generator.directions_for(card.id) == (Direction.DEFINITION_TO_TERM,)


@pytest.mark.parametrize(
    ("deck_file", "term", "definition"),
    [
        ("eo-espdic-excerpt.txt", "abdomeno", "abdomen, belly, lower part of the body"),
        ("de-nouns-wiktionary-masculine.tsv", "der Agnostiker, -", "agnostic"),
    ],
)
def test_a_vocabulary_lists_cognate_is_its_translation_and_stays(
    deck_file: str, term: str, definition: str
) -> None:
    deck = load_deck(DATA / deck_file)
    generator = QuestionGenerator(deck)
    assert not defines_in_sentences(generator.index)
    (i,) = [n for n, card in enumerate(deck.cards) if card.term == term]
    assert deck.cards[i].definition == definition
    assert generator.index.masked_definition(i) == definition
    assert generator.directions_for(deck.cards[i].id)


DERIVED = (
    ("normalization", "normalized"), ("tokenization", "tokenizer"),
    ("vectorization", "vectorized"), ("regularization", "regularizer"),
    ("quantization", "quantized"), ("optimization", "optimizer"),
    ("classification", "classifier"), ("regression", "regressor"), ("nucleus", "nuclear"),
    ("enzyme", "enzymatic"), ("mitochondrion", "mitochondrial"),
    ("photosynthesis", "photosynthetic"), ("oxidation", "oxidative"),
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(DERIVED), min_size=6, max_size=10, unique=True),
       st.sampled_from(("The step where each {} value is kept", "Used by a {} model")))  # fmt: skip
def test_no_word_derived_from_a_rare_name_is_left_in_a_glossarys_stem(
    pairs: list[tuple[str, str]], opening: str
) -> None:
    """Whatever the pair and where the derived word stands, the stem never shows it, and
    the rest of the definition stays as written."""
    cards = [
        make_card(term, f"{opening.format(word)} before the next stage of the whole pipeline")
        for term, word in pairs
    ]
    generator = QuestionGenerator(Deck(id="g", title="G", cards=cards))
    for i, (_, word) in enumerate(pairs):
        masked = generator.index.masked_definition(i)
        assert word not in masked.lower()
        assert masked.endswith("before the next stage of the whole pipeline")


def test_a_longer_suffix_where_six_letters_open_both_is_blanked() -> None:
    cards = [
        make_card("Promissory estoppel", "A doctrine that prevents a promisor from going back "
                  "on a promise where the promisee relied on it and it would be inequitable."),
        make_card("Consideration", "Something of value given by each party to a contract in "
                  "exchange for the other's undertaking."),
        make_card("Frustration", "The discharge of a contract when an event makes performance "
                  "impossible or radically different."),
        make_card("Misrepresentation", "A false statement of fact made by one party to another "
                  "which induces the other to enter into the contract."),
    ]  # fmt: skip
    generator = QuestionGenerator(Deck(id="law", title="Law", cards=cards))
    stem = generator.question(cards[0].id, Direction.DEFINITION_TO_TERM, seed=0).stem
    assert "promisor" not in stem and "promisee" not in stem and BLANK in stem
