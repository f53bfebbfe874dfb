"""Pairs of names spelled nearly alike (typos, plurals, hyphenation), for `check`'s
near-duplicate pass: every pair of a small deck's names, sorted neighbours on a large one."""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from rapidfuzz import fuzz, process

NEAR_RATIO = 92  # fuzz.ratio on compacted names: typos, plurals, hyphenation
# Near-identical names: every pair up to this many names (the largest real deck we know has
# 634; 5,000 take about 0.5 s), else sorted neighbours only (20,000 took 6 s at 10k cards).
NEAR_EXACT_LIMIT = 5_000
NEAR_WINDOW = 8


def near_spellings(compacts: list[str]) -> Iterator[tuple[int, int, float]]:
    """Pairs (a < b) of names at least NEAR_RATIO alike. Up to NEAR_EXACT_LIMIT names,
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
    # Positions as machine integers (`array`): a list of a million ints is 36 MB, an
    # array 8 MB, and `check` of a 1M-card deck peaks here.
    orders = [
        array("l", sorted(range(n), key=keys.__getitem__))  # stable: ties by index
        for keys in (compacts, [name[::-1] for name in compacts])
    ]
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
