"""Property tests of the question generator (hypothesis): on any deck, every question has
exactly one right option, unique options, the key among them, no alias / related /
near-duplicate of the key, and is the same for the same seed."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exam_sim.generator import GeneratorError, QuestionGenerator, generate
from exam_sim.models import Card, Deck, Direction, Question, make_card
from exam_sim.text import compact, fold

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A shared vocabulary, so terms and definitions overlap the way real decks do.
_VOCABULARY_TEXT = (
    "model data training learning gradient boosted tree forest random neural network layer "
    "loss function rate batch size epoch feature label class cluster vector embedding word "
    "token sequence image object detection classification regression linear logistic "
    "softmax sigmoid relu amazon sagemaker endpoint instance gpu cpu auc roc precision recall"
)
VOCABULARY = _VOCABULARY_TEXT.split()

words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3)
definitions = st.lists(st.sampled_from(VOCABULARY), min_size=3, max_size=14)


@st.composite
def decks(draw: st.DrawFn, min_cards: int = 4, max_cards: int = 14) -> Deck:
    """Random decks: overlapping vocabulary, parenthesised aliases, topics, tags, related
    links, question cards, an occasional bare "No" answer and a duplicated definition."""
    size = draw(st.integers(min_cards, max_cards))
    cards: list[Card] = []
    used: set[str] = set()
    for n in range(size):
        term = " ".join(draw(words)).title()
        if draw(st.booleans()):
            term = f"{term} ({''.join(w[0] for w in term.split()).upper()}{n})"
        kind = None
        definition = " ".join(draw(definitions))
        roll = draw(st.integers(0, 9))
        if roll == 0:
            term, kind = f"Can you use {term.lower()} here?", "question"
            definition = draw(st.sampled_from(["No", "Yes, always.", definition]))
        elif roll == 1 and cards:
            definition = cards[-1].definition  # a near-duplicate definition
        card_id = f"c{n}"
        related = [cards[-1].id] if cards and roll == 2 else []
        cards.append(
            make_card(
                term,
                definition.capitalize(),
                id=card_id,
                topic=draw(st.sampled_from(["a", "b", None])),
                tags=draw(st.lists(st.sampled_from(["x", "y", "z"]), max_size=2, unique=True)),
                kind=kind,
                related=related,
            )
        )
        used.add(card_id)
    return Deck(id="random", title="Random", cards=tuple(cards))


def names_of(card: Card) -> set[str]:
    return {compact(n) for n in card.names if len(compact(n)) >= 2}


def check(deck: Deck, q: Question, options: int) -> None:
    cards = {c.id: c for c in deck.cards}
    key = cards[q.card_id]
    if q.direction is Direction.TRUE_FALSE:
        assert q.options == ("True", "False") and set(q.option_card_ids) == {key.id}
        return
    assert len(q.options) == options == len(q.option_card_ids) == len(q.explanations)
    assert q.option_card_ids.count(key.id) == 1  # the key is there, once
    assert q.option_card_ids[q.answer] == key.id  # and it is the right answer
    assert len({fold(o) for o in q.options}) == options  # options read differently
    assert len(set(q.option_card_ids)) == options
    for other_id in q.option_card_ids:
        if other_id == key.id:
            continue
        other = cards[other_id]
        assert not names_of(key) & names_of(other), (key.term, other.term)  # no alias
        assert other.id not in key.related and key.id not in other.related
        assert fold(other.definition) != fold(key.definition)  # no second right answer


@SETTINGS
@given(deck=decks(), seed=st.integers(0, 2**32), options=st.integers(2, 4))
def test_every_question_has_one_right_answer(deck: Deck, seed: int, options: int) -> None:
    for q in generate(deck, seed=seed, options=options):
        check(deck, q, options)


@SETTINGS
@given(deck=decks(), seed=st.integers(0, 1000))
def test_same_seed_same_questions(deck: Deck, seed: int) -> None:
    generator = QuestionGenerator(deck)
    for card in deck.cards:
        for direction in generator.directions_for(card.id):
            try:
                first = generator.question(card.id, direction, seed=seed)
            except GeneratorError:
                continue
            again = QuestionGenerator(deck.model_copy(deep=True)).question(
                card.id, direction, seed=seed
            )
            assert again == first


@st.composite
def distinct_decks(draw: st.DrawFn, size: int = 5) -> Deck:
    """Cards that share no word at all: every other card is a usable distractor. A
    definition is written in other letters than its term (one spelled like its term would
    be asked from the definition only: see `unhidden.spelling_unhidden`)."""
    letters = draw(st.permutations(string.ascii_lowercase[:size]))
    cards = []
    for n, letter in enumerate(letters):
        syllables = draw(
            st.lists(st.sampled_from(["ka", "zo", "mi", "tu"]), min_size=2, max_size=3)
        )
        term = letter + letter.join(syllables)
        spelled = "fghjlnpqrsvwy"[ord(letter) - ord("a")]
        definition = " ".join(
            f"{spelled * 3}{draw(st.sampled_from(['an', 'or', 'ex', 'um']))}{k}"
            for k in range(draw(st.integers(3, 8)))
        )
        cards.append(make_card(term.title(), definition.capitalize(), id=f"d{n}"))
    return Deck(id="five", title="Five", cards=tuple(cards))


@SETTINGS
@given(deck=distinct_decks(), seed=st.integers(0, 10_000))
def test_a_five_card_deck_works(deck: Deck, seed: int) -> None:
    generator = QuestionGenerator(deck)
    for card in deck.cards:
        assert generator.directions_for(card.id) == (
            Direction.DEFINITION_TO_TERM,
            Direction.TERM_TO_DEFINITION,
        )
        for direction in generator.directions_for(card.id):
            check(deck, generator.question(card.id, direction, seed=seed), 4)
    assert len(generate(deck, seed=seed)) == 5


@SETTINGS
@given(deck=decks(min_cards=1, max_cards=3), options=st.integers(4, 6))
def test_fewer_cards_than_options_fails_clearly(deck: Deck, options: int) -> None:
    count = len(deck.cards)
    with pytest.raises(GeneratorError, match=rf"has {count} cards?; {options} options need"):
        QuestionGenerator(deck, options=options)


def test_different_seeds_give_different_questions() -> None:
    cards = tuple(
        make_card(f"Term {word}", f"Something about {word} and {VOCABULARY[-n]}", id=f"t{n}")
        for n, word in enumerate(VOCABULARY[:20], start=1)
    )
    deck = Deck(id="varied", title="Varied", cards=cards)
    sets = {
        frozenset(
            QuestionGenerator(deck)
            .question("t1", Direction.DEFINITION_TO_TERM, seed=s)
            .option_card_ids
        )
        for s in range(10)
    }
    assert len(sets) >= 4


_NAME_WORDS = ["red", "neuronal", "perdida", "modelo", "bosque", "arbol", "capa", "lote"]


@SETTINGS
@given(
    name=st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=3, unique=True),
    endings=st.lists(st.sampled_from(["", "s", "es"]), min_size=3, max_size=3),
    # Not a lone "s": that is the possessive of "Amazon Lex's" and goes with the name.
    after=st.sampled_from(["es", "is", "son", "a", "est"]),
)
def test_masking_hides_inflected_names_and_keeps_the_next_word(
    name: list[str], endings: list[str], after: str
) -> None:
    """A name written with a plural ending on any of its words is blanked, and the word
    after it ("es", "is"…) is never taken for an ending and swallowed with it."""
    from exam_sim.generator import BLANK, mask_names

    written = " ".join(word + ending for word, ending in zip(name, endings, strict=False))
    text = f"Una {written} {after} final."
    masked = mask_names(text, [" ".join(name)])
    assert masked == f"Una {BLANK} {after} final."


@given(
    st.dictionaries(
        st.text(alphabet="abcdefgh", min_size=1, max_size=6),
        st.lists(st.integers(0, 40), max_size=30, unique=True),
        max_size=14,
    ),
    st.integers(1, 25),
)
def test_gather_is_most_common_of_the_rarest_postings(
    lists: dict[str, list[int]], limit: int
) -> None:
    """`gather` counts by hand what `Counter.most_common` would rank (its fast path must
    give the very same cards in the very same order, ties by first appearance)."""
    from array import array
    from collections import Counter

    from exam_sim.generator.columns import POSTING_PREFIX
    from exam_sim.generator.index import POSTINGS_CAP
    from exam_sim.generator.pool import GATHER_WORDS, gather

    postings = {key[:POSTING_PREFIX]: array("i", cards) for key, cards in lists.items()}
    words = sorted(lists)
    keys = {w[:POSTING_PREFIX] for w in words}
    chosen = [postings[k] for k in sorted(keys) if k in postings]
    chosen = sorted((p for p in chosen if len(p) <= POSTINGS_CAP), key=len)[:GATHER_WORDS]
    counts: Counter[int] = Counter()
    for plist in chosen:
        counts.update(plist)
    assert gather(postings, words, limit) == [i for i, _ in counts.most_common(limit)]
