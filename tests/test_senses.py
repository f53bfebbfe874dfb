"""One word's senses named apart by a final parenthesis ("to know (facts)", "to know
(people or places)") are two cards, not one named twice: the word is no name of either,
so the generator asks them side by side and `check` calls them no near-duplicates
(docs/generator.md, *a sense is no name*)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.card_names import every_name
from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Deck, Direction, make_card
from exam_sim.term_labels import Kinds, qualified_names, qualifier_split

DATA = Path(__file__).parent / "data"
SENSES = DATA / "es-senses-vocabulary.csv"


def test_a_word_two_terms_qualify_apart_is_qualified() -> None:
    terms = ["to know (facts)", "to know (people)", "bank (river)", "bank (money)", "house"]
    assert qualified_names(terms) == frozenset({"to know", "bank"})


def test_one_qualified_term_alone_is_a_name_with_its_alias() -> None:
    # "Python (language)" alone may be a name and a kind: nothing tells, the old reading.
    assert qualified_names(["Python (language)", "Java"]) == frozenset()


def test_a_bare_card_keeps_the_word_a_name_of_every_sense() -> None:
    assert qualified_names(["but (rather)", "but (however)", "But"]) == frozenset()


def test_a_reading_or_another_name_is_no_sense() -> None:
    assert qualified_names(["九 (きゅう)", "九 (く)"]) == frozenset()
    assert qualified_names(["Amazon S3 (AWS)", "Amazon S3 (S3)"]) == frozenset()
    assert not qualified_names(
        ["Rough endoplasmic reticulum (RER)", "Rough endoplasmic reticulum (organelle)"]
    )
    # an abbreviation that is no name of the word says a sense of it
    assert qualified_names(["Bias (ML)", "Bias (statistics)"]) == frozenset({"bias"})


def test_the_senses_words_are_no_names_but_the_term_is() -> None:
    kinds = Kinds(["to be (permanent quality)", "to be (state)"], ())
    names = ("to be (permanent quality)", "to be", "permanent quality")  # as loaded
    assert every_name(names, kinds.no_names(names[0])) == ("to be (permanent quality)",)
    # without the deck's reading, the old names
    assert set(every_name(names)) == set(names)


def test_an_abbreviation_keeps_its_spelled_out_parenthesis_as_a_name() -> None:
    qualified = qualified_names(["SVM (Support Vector Machines)", "SVM (Structured VM)"])
    assert qualified == frozenset({"svm"})
    assert qualifier_split("SVM (Support Vector Machines)", qualified) == ("SVM",)
    assert qualifier_split("to be (state)", qualified) == ()


def _generator() -> QuestionGenerator:
    return QuestionGenerator(load_deck(SENSES))


def test_senses_of_one_word_are_not_one_thing_but_a_bare_word_is_each() -> None:
    ix = _generator().index
    at = ix.position
    assert not ix.same_thing(at["to-be-permanent-quality"], at["to-be-state-or-location"])
    assert not ix.same_thing(at["time-clock"], at["time-occasion"])
    assert ix.same_thing(at["but"], at["but-rather"])


def _siblings_shown(generator: QuestionGenerator, card_id: str, direction: Direction) -> int:
    ix = generator.index
    senses = {ix.cards[k].id for k in ix.kinds.senses_beside(ix.position[card_id])}
    assert senses, card_id
    shown = 0
    for seed in range(10):
        question = generator.question(card_id, direction, seed=seed)
        assert card_id in question.option_card_ids
        shown += bool(senses & set(question.option_card_ids))
    return shown


def test_another_sense_of_the_key_s_word_stands_beside_it() -> None:
    # ser beside estar, saber beside conocer: the confusion a learner must master. Before,
    # never (they shared the name "to be"); now in most questions, the cues permitting.
    generator = _generator()
    for card_id in ("to-be-permanent-quality", "to-know-facts", "time-clock", "bank-river"):
        for direction in (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION):
            assert _siblings_shown(generator, card_id, direction) >= 7, (card_id, direction)


def test_check_calls_senses_no_near_duplicates_and_asks_what_the_bare_word_means() -> None:
    findings = [f for f in check_deck(load_deck(SENSES)) if f.code == "near-duplicate"]
    assert len(findings) == 1
    (bare,) = findings
    assert set(bare.card_ids) == {"but", "but-rather"}
    assert "name the sense 'but' (line 40) means, as 'but (…)'" in bare.message
    assert "merge them" not in bare.message


def test_two_senses_written_alike_are_no_near_duplicates() -> None:
    cards = [
        make_card("Double angle (sine)", r"\(\sin 2x = 2 \sin x \cos x\)"),
        make_card("Double angle (cosine)", r"\(\cos 2x = \cos^2 x - \sin^2 x\)"),
        make_card("Pythagorean identity", r"\(\sin^2 x + \cos^2 x = 1\)"),
    ]
    deck = Deck(id="trig", title="Trig", cards=cards)
    assert not [f for f in check_deck(deck) if f.code == "near-duplicate"]


def test_a_sense_s_words_are_still_blanked_in_its_own_definition() -> None:
    cards = [
        make_card("bank (river)", "the sloping land beside a river"),
        make_card("bank (money)", "a business that keeps and lends money"),
        make_card("shore", "the land along the edge of the sea"),
        make_card("loan", "money lent that must be paid back"),
    ]
    ix = QuestionGenerator(Deck(id="en", title="English", cards=cards)).index
    assert "river" not in ix.masked_definition(0)
    assert "money" not in ix.masked_definition(1)


# Definitions that share no word: only the terms may make two cards one.
_MEANINGS = (
    "a red apple", "tall mountains", "quiet rivers flow", "seven blue whales", "old stone",
    "warm bread", "bright morning light", "heavy winter coats", "a silver coin",
    "fast trains", "green leaves", "deep caves", "small wooden boats",
)  # fmt: skip
_WORDS = st.sampled_from(["bank", "time", "glass", "letter", "to know", "to be", "fish"])
_SENSES = st.sampled_from(["river", "money", "clock", "facts", "people", "alive", "food"])


@given(st.lists(st.tuples(_WORDS, _SENSES), min_size=2, max_size=12, unique=True), st.booleans())
def test_senses_are_apart_from_each_other_and_one_with_a_bare_card(
    senses: list[tuple[str, str]], bare: bool
) -> None:
    terms = [f"{word} ({sense})" for word, sense in senses]
    words = sorted({word for word, _ in senses})
    if bare:
        terms.append(words[0])
    cards = [make_card(term, meaning) for term, meaning in zip(terms, _MEANINGS, strict=False)]
    ix = QuestionGenerator(Deck(id="senses", title="Senses", cards=cards), options=2).index
    kinds = Kinds(terms, ())
    for i, term in enumerate(terms):
        assert ix.names(i)[0] == term  # a term is always its own name
        for j, other in enumerate(terms[:i]):
            word_i, word_j = term.partition(" (")[0], other.partition(" (")[0]
            if bare and word_i == words[0] and word_j == words[0]:
                assert ix.same_thing(i, j)  # through the bare card's name
            elif word_i == word_j:
                assert not ix.same_thing(i, j), (term, other)
                assert j in kinds.senses_beside(i)
            else:
                assert j not in kinds.senses_beside(i)


def test_definitions_saying_one_word_in_two_senses_are_two_things() -> None:
    # volver, devolver: "to return (go back)", "to return (give back)", 89 % alike as text.
    cards = [
        make_card("volver", "to return (go back)"),
        make_card("devolver", "to return (give back)"),
        make_card("Abruco", "Abruzzo (region of Italy)"),
        make_card("Abruzo", "Abruzzo (region in Italy)"),  # one sense written twice
        make_card("salir", "to leave (go out)"),
        make_card("dejar", "to leave (behind)"),
    ]
    ix = QuestionGenerator(Deck(id="es", title="Spanish", cards=cards)).index
    assert not ix.same_thing(0, 1)
    assert ix.same_thing(2, 3)
    assert not [
        f
        for f in check_deck(Deck(id="es", title="S", cards=cards[:2] + cards[4:]))
        if f.code in ("definition-alike", "definition-overlap", "synonyms")
    ]


def test_senses_told_apart_by_function_words_alone_are_one() -> None:
    terms = ["Abruzzo (region of Italy)", "Abruzzo (region in Italy)"]
    assert qualified_names(terms, frozenset({"of", "in"})) == frozenset()
    assert qualified_names(terms) == frozenset({"abruzzo"})  # without the deck's stop words
