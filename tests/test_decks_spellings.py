"""`check`'s near-spelling search on a large deck (sorted windows): the pairs it reports,
and their order, are those of reading each order's windows one after the other."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from exam_sim.decks import spellings
from exam_sim.decks.spellings import NEAR_RATIO, NEAR_WINDOW
from exam_sim.text import compact, fold


def _windows_one_by_one(compacts: list[str]) -> Iterator[tuple[int, int, float]]:
    """The definition: each order's windows read in turn, pair by pair."""
    seen: set[tuple[int, int]] = set()
    for keys in (compacts, [name[::-1] for name in compacts]):
        order = sorted(range(len(compacts)), key=keys.__getitem__)
        for place, a in enumerate(order):
            for b in order[place + 1 : place + 1 + NEAR_WINDOW]:
                score = fuzz.ratio(compacts[a], compacts[b])
                pair = (min(a, b), max(a, b))
                if score >= NEAR_RATIO and pair not in seen:
                    seen.add(pair)
                    yield *pair, score


_NAMES = st.lists(
    st.builds(
        lambda stem, end: stem + end,
        st.sampled_from(["transformation", "regularisation", "tokenization", "abcdefghijkl"]),
        st.sampled_from(["", "s", "es", "x", "ss", "ation"]),
    )
    | st.text(alphabet="abcz", min_size=10, max_size=14),
    max_size=40,
)


@contextmanager
def _limits(*, exact: int, chunk: int) -> Iterator[None]:
    saved = spellings.NEAR_EXACT_LIMIT, spellings._CHUNK
    spellings.NEAR_EXACT_LIMIT, spellings._CHUNK = exact, chunk
    try:
        yield
    finally:
        spellings.NEAR_EXACT_LIMIT, spellings._CHUNK = saved


def _compacts(names: list[str]) -> tuple[spellings.Compacts, list[str]]:
    """The names folded, as `check` gives them, made `Compacts`; and their compacts."""
    folded = [fold(name) for name in names]
    return spellings.Compacts(folded), [compact(name) for name in folded]


@settings(max_examples=300, deadline=None)
@given(_NAMES, st.integers(1, 9))
def test_windowed_search_reads_both_orders_window_by_window(names: list[str], chunk: int) -> None:
    compacts, expected = _compacts(names)
    with _limits(exact=0, chunk=chunk):  # the windowed search, whatever the size
        found = list(spellings.near_spellings(compacts, spellings.spelling_order(compacts)))
    assert found == list(_windows_one_by_one(expected))


def test_plurals_and_typos_of_a_large_list_are_found() -> None:
    names = [f"name{n:05d}word" for n in range(6_000)] + ["transformations", "transformation"]
    compacts = spellings.Compacts(names)
    pairs = {
        (a, b) for a, b, _ in spellings.near_spellings(compacts, spellings.spelling_order(compacts))
    }
    assert (6_000, 6_001) in pairs


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="aAbé東 -", max_size=4), max_size=60),
    st.booleans(),
    st.integers(1, 9),
)
def test_the_bucketed_order_is_the_stable_sort(names: list[str], ending: bool, chunk: int) -> None:
    """`_order` sorts a bucket of names at a time (their first or last two letters); the
    result is the one sort of every name, ties by position, whatever the lengths."""
    compacts, expected = _compacts(names)
    key = (lambda i: expected[i][::-1]) if ending else expected.__getitem__
    with _limits(exact=0, chunk=chunk):
        order = spellings._order(compacts, ending=ending)
    assert list(order) == sorted(range(len(names)), key=key)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "a b", "", "é", "E"]), max_size=40), st.integers(1, 9))
def test_equal_spellings_pair_each_name_with_the_first_spelled_so(
    names: list[str], chunk: int
) -> None:
    """What a dict of each compact's first position found, in the same order."""
    compacts, spelled = _compacts(names)
    expected: list[tuple[int, int]] = []
    first: dict[str, int] = {}
    for position, name in enumerate(spelled):
        if name in first:
            expected.append((first[name], position))
        first.setdefault(name, position)
    with _limits(exact=0, chunk=chunk):
        found = list(spellings.equal_spellings(compacts, spellings.spelling_order(compacts)))
    assert found == expected
