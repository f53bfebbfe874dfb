"""Pairs of names spelled nearly alike (typos, plurals, hyphenation), for `check`'s
near-duplicate pass: every pair of a small deck's names, sorted neighbours on a large one."""

from __future__ import annotations

from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from functools import partial
from itertools import compress, islice
from operator import eq, itemgetter

from rapidfuzz import fuzz, process

NEAR_RATIO = 92  # fuzz.ratio on compacted names: typos, plurals, hyphenation
# Near-identical names: every pair up to this many names (the largest real deck we know has
# 634; 5,000 take about 0.5 s), else sorted neighbours only (20,000 took 6 s at 10k cards).
NEAR_EXACT_LIMIT = 5_000
NEAR_WINDOW = 8


def spelling_order(compacts: list[str]) -> array[int]:
    """The positions of the names in alphabetical order, ties by position."""
    return _order(compacts, ending=False)


def equal_spellings(compacts: list[str], order: array[int]) -> Iterator[tuple[int, int]]:
    """(the first, a later one) of the positions of each name spelled as an earlier one,
    in the later one's order: a dict of every name to its first found them (a million
    names' took 57 bytes a name); in alphabetical order (`spelling_order`), equal names
    are neighbours, the first first."""
    name_at = compacts.__getitem__
    # The places in that order whose name is the one before's (compared in C: few are).
    same = compress(
        range(1, len(order)), map(eq, map(name_at, islice(order, 1, None)), map(name_at, order))
    )
    found: list[tuple[int, int]] = []
    first, last = 0, -2
    for place in same:
        if place != last + 1:  # a new run of one name: its first is the one before
            first = order[place - 1]
        found.append((order[place], first))
        last = place
    found.sort()
    return ((first, later) for later, first in found)


def near_spellings(compacts: list[str], order: array[int]) -> Iterator[tuple[int, int, float]]:
    """Pairs (a < b) of names at least NEAR_RATIO alike; `order`: their `spelling_order`.
    Up to NEAR_EXACT_LIMIT names,
    every pair (one C-level scan per name); above it, which would grow with the square of
    the deck (a 1M-card deck: hours), each name is compared with its NEAR_WINDOW neighbours
    in alphabetical order and in the order of the reversed names: two spellings that alike
    share a long start (plurals, endings) or a long end (a typo near the start), so they
    sort close in one of the two orders."""
    if len(compacts) <= NEAR_EXACT_LIMIT:
        for a in range(len(compacts)):
            later = compacts[a + 1 :]
            for _, score, offset in process.extract(
                compacts[a], later, scorer=fuzz.ratio, score_cutoff=NEAR_RATIO, limit=None
            ):
                yield a, a + 1 + offset, score
        return
    n = len(compacts)
    orders = [order, _order(compacts, ending=True)]
    alphabetical, by_ending = ([compacts[i] for i in order] for order in orders)
    ending_place = array("l", bytes(n * array("l").itemsize))
    for place, i in enumerate(orders[1]):
        ending_place[i] = place
    # One C-level scan per name of both its windows at once (a call per pair, then per
    # window, was most of the time); hits are rare.
    hits: tuple[list[tuple[int, int, float]], ...] = ([], [])
    for place, name in enumerate(alphabetical):
        other = ending_place[orders[0][place]]
        first = alphabetical[place + 1 : place + 1 + NEAR_WINDOW]
        second = by_ending[other + 1 : other + 1 + NEAR_WINDOW]
        for _, score, offset in process.extract(
            name, first + second, scorer=fuzz.ratio, score_cutoff=NEAR_RATIO, limit=None
        ):
            if offset < len(first):
                hits[0].append((place, offset, score))
            else:
                hits[1].append((other, offset - len(first), score))
    # Reported as the windows are read: the alphabetical order's, then the other's, each
    # name's in its window's order, a pair once.
    seen: set[tuple[int, int]] = set()
    for order, found in zip(orders, hits, strict=True):
        for place, offset, score in sorted(found, key=lambda hit: hit[:2]):
            a, b = order[place], order[place + 1 + offset]
            pair = (min(a, b), max(a, b))
            if pair not in seen:
                seen.add(pair)
                yield *pair, score


_FIRST_TWO = itemgetter(slice(None, 2))
_LAST_TWO_BACKWARDS = itemgetter(slice(-1, -3, -1))


def _order(compacts: list[str], *, ending: bool) -> array[int]:
    """The positions of `compacts` in the order of the names (of the names read backwards,
    with `ending`), ties by position: `sorted(range(n), key=…)`, made a bucket of names at
    a time, the buckets being the names' first (last) two letters. Sorted at once, a
    million names took a position object, a list slot and, backwards, a reversed name
    each: 120 bytes a name, and `check` of a 1M-card deck peaked there. Positions are kept
    as machine integers (`array`): 8 bytes, not the 36 of an int in a list."""
    buckets: defaultdict[str, array[int]] = defaultdict(partial(array, "q"))
    two = _LAST_TWO_BACKWARDS if ending else _FIRST_TWO
    deque(map(array.append, map(buckets.__getitem__, map(two, compacts)), range(len(compacts))), 0)
    key = _backwards(compacts) if ending else compacts.__getitem__
    order: array[int] = array("q")
    # A name shorter than two letters is its bucket's key whole, and a key that begins
    # another comes first: the buckets in order of their keys are in the names' order.
    for first in sorted(buckets):
        order.extend(sorted(buckets.pop(first), key=key))  # stable: ties by position
    return order


def _backwards(compacts: list[str]) -> Callable[[int], str]:
    def name_backwards(position: int) -> str:
        return compacts[position][::-1]

    return name_backwards
