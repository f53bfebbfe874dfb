"""`FoldedDefinitions`: the folded definitions `check` reads, made when read. Whatever the
chunk, the memo's size or the order of reading, they are `fold_all`'s texts, and their
repeated groups are `groups_of`'s, even when every hash collides."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.decks.bulk_text import fold_all
from exam_sim.decks.findings import FoldedDefinitions, groups_by_hash, groups_of
from exam_sim.lexicon import norm

# Few distinct texts, so repeats are common; folding makes more of them equal
# ("Ünit" and "unit"), and an underscore or a non-ASCII letter takes `fold`'s other path.
TEXTS = st.lists(
    st.sampled_from(["unit", "Unit", "Ünit", "a_b", "a b", "A-B", "東京", "x", "X.", "é"]),
    max_size=40,
)


def _definitions(texts: list[str], chunk: int, kept: int) -> FoldedDefinitions:
    return FoldedDefinitions(texts, [norm(t) for t in texts], chunk=chunk, kept=kept)


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
