"""Names spelled nearly alike are one name with a typo, unless their definitions say two
things: str.lstrip and str.rstrip ("…leading whitespace", "…trailing whitespace"),
abduction and adduction ("away from", "toward") were never offered together, though each
is the other's best wrong option, and `check` told the deck to merge them. Contrasts now
read word openings too (hyper/hypo, en/de, de-…), and a code signature's parameters are a
kind ("any(iterable)")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.contrasts import BARE_LEAST, is_contrast
from exam_sim.models import Deck, Direction, make_card
from exam_sim.term_labels import Kinds

STRINGS = [
    ("str.strip([chars])", "Returns a copy without leading and trailing whitespace (or chars)"),
    ("str.lstrip([chars])", "Returns a copy without leading whitespace (or chars)"),
    ("str.rstrip([chars])", "Returns a copy without trailing whitespace (or chars)"),
    ("str.split(sep=None)", "Splits the string at sep into a list of words"),
    ("str.join(iterable)", "Concatenates the strings of the iterable, with a separator"),
    ("str.replace(old, new)", "Returns a copy with every old substring replaced by new"),
    ("str.find(sub)", "Lowest index of sub in the string, or -1 when not found"),
]


def _offered(generator: QuestionGenerator, card_id: str, seeds: int = 12) -> set[str]:
    return {
        option
        for seed in range(seeds)
        for option in generator.question(card_id, Direction.DEFINITION_TO_TERM, seed=seed).options
    }


def test_lstrip_and_rstrip_are_two_functions() -> None:
    deck = Deck(id="py", title="Py", cards=[make_card(t, d) for t, d in STRINGS])
    generator = QuestionGenerator(deck)
    lstrip, rstrip = deck.cards[1], deck.cards[2]
    assert not generator.index.same_thing(1, 2)
    assert rstrip.term in _offered(generator, lstrip.id)
    found = [f for f in check_deck(deck) if f.code == "near-duplicate"]
    assert not [f for f in found if set(f.card_ids) == {lstrip.id, rstrip.id}]


def test_abduction_and_adduction_are_two_movements_and_a_typo_is_one_name() -> None:
    cards = [
        make_card("Abduction", "Movement of a limb away from the midline of the body"),
        make_card("Adduction", "Movement of a limb toward the midline of the body"),
        make_card("Flexion", "Bending that decreases the angle between two body parts"),
        make_card("Extension", "Straightening that increases the angle between body parts"),
        make_card("Rotation", "Movement of a bone around its own long axis"),
        # The same concept written twice with a typo: one name, whatever the wording.
        make_card("Circumduction", "Circular movement of a limb, drawing a cone"),
        make_card("Circumducton", "Movement of a limb in a circle, its end drawing a cone"),
    ]
    generator = QuestionGenerator(Deck(id="moves", title="Moves", cards=cards))
    assert not generator.index.same_thing(0, 1)
    assert "Adduction" in _offered(generator, cards[0].id)
    assert generator.index.same_thing(5, 6)


def test_a_verb_and_a_noun_spelled_alike_are_two_words() -> None:
    """ "to influence" and "a result" (affect, effect) are a verb's gloss and a noun's
    (`synonyms.verbs_apart`); definitions that merely share no word are no proof: the
    typo "Sequence2Ssequence" may be defined in other words than "Sequence2Sequence"."""
    cards = [
        make_card("affect", "to influence"),
        make_card("effect", "a result, a consequence"),
        make_card("Sequence2Sequence", "Maps a sequence of tokens to another sequence"),
        make_card("Sequence2Ssequence", "Supervised algorithm for translation and summaries"),
        make_card("desert", "a dry barren region with little rainfall"),
    ]
    generator = QuestionGenerator(Deck(id="c", title="C", cards=cards))
    assert not generator.index.same_thing(0, 1)
    assert generator.index.same_thing(2, 3)


def test_contrasts_read_word_openings() -> None:
    for word, other in [
        ("leading", "trailing"),
        ("hypertension", "hypotension"),
        ("overfitting", "underfitting"),
        ("encode", "decode"),
        ("subclass", "superclass"),
        ("compress", "decompress"),
        ("labeled", "unlabeled"),
        ("connect", "disconnect"),
    ]:
        assert is_contrast(word, other) and is_contrast(other, word)
    # Too little left after the opening to be one word made two: no contrast.
    for word, other in [("liver", "deliver"), ("ease", "disease"), ("strip", "lstrip")]:
        assert not is_contrast(word, other)
    assert not is_contrast("keys", "values")  # two words, no contrast of one


def test_names_read_every_opening_that_denies() -> None:
    """Names are chosen with care: `check`'s near-duplicates read the generator's list of
    contrasts, with any length after an opening and every denying one (it had a list of
    its own, with other bounds)."""
    for word, other in [
        ("valid", "invalid"),
        ("legal", "illegal"),
        ("online", "offline"),
        ("input", "output"),
        ("minpool", "maxpool"),
        ("left", "right"),
    ]:
        assert is_contrast(word, other, names=True) and is_contrast(other, word, names=True)
    # In definitions, "in" and "il" are no denying openings, and four letters must follow.
    assert not is_contrast("valid", "invalid") and not is_contrast("legal", "illegal")
    assert is_contrast("minimize", "maximize")  # both ways
    assert not is_contrast("typo", "type", names=True)


def test_check_calls_no_contrast_of_names_a_typo() -> None:
    rows = [
        ("Online learning", "Training a model one example at a time as data arrives"),
        ("Offline learning", "Training a model once on a fixed dataset"),
        ("Valid split", "The data held out to tune hyperparameters"),
        ("Invalid split", "A split that leaks training rows into evaluation"),
        ("Max pooling", "Keeps the largest value of each window"),
        ("Min pooling", "Keeps the smallest value of each window"),
    ]
    deck = Deck(id="ml", title="ML", cards=tuple(make_card(t, d) for t, d in rows))
    assert [f for f in check_deck(deck) if f.code == "near-duplicate"] == []


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=BARE_LEAST, max_size=12))
def test_a_word_and_its_undoing_are_a_contrast(word: str) -> None:
    assert is_contrast(word, "de" + word) and is_contrast("un" + word, word)
    assert not is_contrast(word, word)


def test_a_signature_written_alike_is_a_kind() -> None:
    terms = ["any(iterable)", "all(iterable)", "sorted(iterable)", "set.add(x)", "len(s)"]
    kinds = Kinds(terms, [""] * len(terms))
    assert kinds.of("any(iterable)", "") == "iterable"
    assert kinds.of("len(s)", "") == ""  # one term writes it: no kind
    assert kinds.apart(("any(iterable)", ""), ("set.add(x)", "")) is False  # x: no kind


def test_a_parameter_many_terms_take_is_not_blanked() -> None:
    """ "iterable" says any(iterable) no more than all(iterable): the stem read "True when
    at least one item of the ____ is true"."""
    cards = [
        make_card("any(iterable)", "True when at least one item of the iterable is true"),
        make_card("all(iterable)", "True when every item of the iterable is true"),
        make_card("sorted(iterable)", "A new sorted list of the items of the iterable"),
        make_card("len(s)", "The number of items of a container"),
        make_card("set.add(x)", "Adds x to the set"),
    ]
    index = QuestionGenerator(Deck(id="b", title="B", cards=cards)).index
    assert index.masked_definition(0) == "True when at least one item of the iterable is true"
    # A word few terms use is still blanked: "sorted" names sorted(iterable).
    assert index.masked_definition(2).startswith("A new ____ list")
