"""Usage labels (`exam_sim.usage_labels`): "(poetic, formal or dated) eagle" means an
eagle, so der Aar is a second right answer for der Adler ("eagle, (heraldry) eagle"), and
the two are never options together; a bracket that says whose or which ("(my) older
brother") is part of the meaning and keeps two cards apart."""

from __future__ import annotations

from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Deck, make_card
from exam_sim.usage_labels import LABEL_LENGTH, LABEL_WORDS, is_usage_label, unlabelled

GERMAN = Path(__file__).parent / "data" / "de-nouns-wiktionary-masculine.tsv"


def test_a_label_opening_a_piece_is_dropped_and_no_other_bracket() -> None:
    assert unlabelled("(poetic, formal or dated) eagle") == "eagle"
    assert unlabelled("eel, Bad crease or crumple, (slang) torpedo") == (
        "eel, Bad crease or crumple, torpedo"
    )
    assert unlabelled("(uncountable) the catching of eels, (countable, possibly dated) a pond") == (
        "the catching of eels, a pond"
    )
    # Whose, which, what kind: part of the meaning.
    for kept in ("(my) older brother", "(number of) months", "(heraldry) eagle",
                 "(hard) candy", "(dated)", "a (dated) word", "one (native)"):  # fmt: skip
        assert unlabelled(kept) == kept


def test_a_label_closing_a_piece_is_dropped_too() -> None:
    """Wiktionary's grammar and register labels close a gloss as often as they open one:
    "to do (imperfective)" means to do, "hello (formal)" hello."""
    assert unlabelled("(my) older brother (humble)") == "(my) older brother"
    assert unlabelled("older brother (dated)") == "older brother"
    assert unlabelled("to do (imperfective)") == "to do"
    assert unlabelled("thank you (formal); thanks (informal)") == "thank you; thanks"
    assert unlabelled("eel, (slang) torpedo (dated)") == "eel, torpedo"
    for kept in ("to go (on foot)", "x (formal) y", "one (Sino-Korean)"):
        assert unlabelled(kept) == kept
    assert is_usage_label("informal, dated in some regions")
    assert not is_usage_label("someone else's") and not is_usage_label("1")


@given(st.lists(st.sampled_from(sorted(LABEL_WORDS)), min_size=1, max_size=4), st.text())
def test_a_definition_reads_as_without_its_label(label: list[str], rest: str) -> None:
    """Whatever follows it, a bracket of label words opening the definition goes, with
    the space after it, and nothing else changes; a text without brackets is left as it is."""
    assume(len(", ".join(label)) <= LABEL_LENGTH)  # a longer bracket is said, not a label
    meaning = rest.strip()
    if not meaning or meaning[0] in ",;()" or "(" in meaning or ")" in meaning:
        meaning = "eagle"
    assert unlabelled(f"({', '.join(label)}) {meaning}") == meaning
    assert unlabelled(meaning) == meaning


def test_a_labelled_sense_and_the_plain_word_are_never_options_together() -> None:
    """On the Wiktionary-made German deck, every question of der Adler offered der Aar,
    "(poetic, formal or dated) eagle", and der Abschnitt ("section, paragraph, segment")
    offered der Absatz ("heel (part of shoe), paragraph (passage in text)")."""
    deck = load_deck(GERMAN)
    generator = QuestionGenerator(deck)
    ids = {card.term: card.id for card in deck.cards}
    pairs = [
        {ids["der Aar, -e"], ids["der Adler, -"]},
        {ids["der Absatz, -¨e"], ids["der Abschnitt, -e"]},
    ]
    asked = 0
    for key in set().union(*pairs):
        for direction in generator.directions_for(key):
            for seed in range(8):
                question = generator.question(key, direction, seed=seed)
                asked += 1
                assert not any(pair <= set(question.option_card_ids) for pair in pairs)
    assert asked >= 8 * 4
    found = {(f.code, f.card_ids) for f in check_deck(deck)}
    assert ("definition-overlap", (ids["der Aar, -e"], ids["der Adler, -"])) in found
    assert ("synonyms", (ids["der Absatz, -¨e"], ids["der Abschnitt, -e"])) in found


def test_a_bracket_saying_which_keeps_two_words_apart() -> None:
    """飴 "(hard) candy" and 綿菓子 "(cotton) candy" are two sweets a learner tells apart by
    the bracket: each stays the other's wrong option. A label says nothing of which:
    "(dated) sweets" is one with "candy, sweets"."""
    rows = [
        ("飴", "(hard) candy"), ("綿菓子", "(cotton) candy"), ("菓子", "candy, sweets"),
        ("甘味", "(dated) sweets"), ("パン", "bread"), ("肉", "meat"), ("魚", "fish"),
        ("卵", "egg"),
    ]  # fmt: skip
    deck = Deck(id="ja", title="Ja", cards=tuple(make_card(t, d) for t, d in rows))
    index = QuestionGenerator(deck).index
    assert not index.same_thing(0, 1)
    assert index.same_thing(2, 3)
