"""`FoldedTexts`: the folded definitions (and terms) `check` reads, made when read. Whatever the
chunk, the memo's size or the order of reading, they are `fold_all`'s texts, and their
repeated groups are `groups_of`'s, even when every hash collides."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.decks import bulk_text, folded
from exam_sim.decks.bulk_text import fold_all, term_keys
from exam_sim.decks.findings import groups_by_hash, groups_of
from exam_sim.decks.folded import FoldedNames, FoldedTexts, TermKeys
from exam_sim.lexicon import norm

# Few distinct texts, so repeats are common; folding makes more of them equal
# ("Ünit" and "unit"), and an underscore or a non-ASCII letter takes `fold`'s other path.
TEXTS = st.lists(
    st.sampled_from(["unit", "Unit", "Ünit", "a_b", "a b", "A-B", "東京", "x", "X.", "é"]),
    max_size=40,
)


def _definitions(texts: list[str], chunk: int, kept: int) -> FoldedTexts:
    return FoldedTexts(texts, [norm(t) for t in texts], hashed=True, chunk=chunk, kept=kept)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(1, 7), st.integers(1, 5), st.data())
def test_folded_when_read_as_fold_all_folds_them(
    texts: list[str], chunk: int, kept: int, data: st.DataObject
) -> None:
    expected = fold_all(texts, [norm(t) for t in texts])
    definitions = _definitions(texts, chunk, kept)
    assert len(definitions) == len(texts)
    if texts:  # one at a time, in any order, through the memo
        order = data.draw(st.lists(st.integers(0, len(texts) - 1), max_size=30))
        assert [definitions[i] for i in order] == [expected[i] for i in order]
        assert definitions[-1] == expected[-1]
    assert list(definitions) == expected
    assert definitions[1:4] == expected[1:4]
    assert definitions.repeated() == groups_of(expected)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(1, 7))
def test_repeated_groups_equal_texts_even_when_every_hash_collides(
    texts: list[str], chunk: int
) -> None:
    expected = groups_of(fold_all(texts, [norm(t) for t in texts]))
    definitions = _definitions(texts, chunk, kept=3)
    assert definitions.repeated() == expected  # read whole first, by `repeated` itself
    definitions._hashes = array("q", [7] * len(texts))  # every text's hash alike
    assert definitions.repeated() == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "ab", "", "é"]), max_size=40), st.integers(1, 4))
def test_groups_by_hash_are_groups_of_whatever_the_hashes(keys: list[str], batch: int) -> None:
    """Real hashes, then hashes made to collide (a text's length), in batches of any size."""
    for hashes in (map(hash, keys), map(len, keys)):
        groups = groups_by_hash(array("q", hashes), lambda at: [keys[i] for i in at], batch)
        assert groups == groups_of(keys)


# Terms where a symbol tells two apart ("C", "C++", "C#"), where folding joins two ("Ünit",
# "unit"), and one that folds to nothing ("!!!"): its key is the term itself.
TERMS = st.lists(
    st.sampled_from(["C", "C++", "c#", "unit", "Ünit", "a_b", "!!!", "東京", "x y", "X-Y"]),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(TERMS, st.integers(1, 7), st.data())
def test_term_keys_made_when_read_are_the_decks_keys(
    terms: list[str], chunk: int, data: st.DataObject
) -> None:
    """Whatever the chunk, a key is the one `term_keys` gives the whole column: whether
    symbols count is the deck's choice, not a chunk's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(folded, "_CHUNK", chunk)
        patch.setattr(bulk_text, "BULK_CHUNK", chunk)
        expected = term_keys(terms, fold_all(terms))
        keys = TermKeys(terms, FoldedTexts(terms, [norm(t) for t in terms]))
        assert list(keys) == expected
        assert len(keys) == len(terms)
        if terms:
            at = data.draw(st.lists(st.integers(0, len(terms) - 1), max_size=20))
            assert keys.pick(at) == [expected[i] for i in at]
            assert [keys[i] for i in at] == [expected[i] for i in at]


# Cards as (term, aliases): short names ("Ab", "x") left out, aliases equal to the term once.
CARDS = st.lists(
    st.tuples(
        st.sampled_from(["Ab", "Abc", "Ünit", "a_b c"]),
        st.lists(st.sampled_from(["x", "Abc", "ABC", "long alias"]), max_size=3),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(CARDS, st.integers(1, 7), st.data())
def test_flat_names_are_every_long_enough_name_card_by_card(
    cards: list[tuple[str, list[str]]], chunk: int, data: st.DataObject
) -> None:
    terms = [term for term, _ in cards]
    folded_terms = fold_all(terms)
    more = {
        i: tuple(dict.fromkeys((folded_terms[i], *fold_all(aliases))))
        for i, (_, aliases) in enumerate(cards)
        if aliases
    }
    names = FoldedNames(FoldedTexts(terms, [norm(t) for t in terms]), more)
    expected = [(i, name) for i, card_names in enumerate(names) for name in card_names
                if len(name) >= 3]  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(folded, "_CHUNK", chunk)
        flat = names.flat(3)
        assert list(flat.owners) == [i for i, _ in expected]
        assert list(flat) == [name for _, name in expected]
    if expected:
        at = data.draw(st.lists(st.integers(0, len(expected) - 1), max_size=20))
        assert flat.pick(at) == [expected[k][1] for k in at]
        assert [flat[k] for k in at] == [expected[k][1] for k in at]
