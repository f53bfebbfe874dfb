"""Pairs of names spelled nearly alike (typos, plurals, hyphenation), for `check`'s
near-duplicate pass: every pair of a small deck's names, sorted neighbours on a large one."""

from __future__ import annotations

from array import array
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import compress, islice
from operator import eq, itemgetter

from rapidfuzz import fuzz, process

from exam_sim.decks.bulk_text import compact_all
from exam_sim.generator.columns import TextColumn, pick

NEAR_RATIO = 92  # fuzz.ratio on compacted names: typos, plurals, hyphenation
# Near-identical names: every pair up to this many names (the largest real deck we know has
# 634; 5,000 take about 0.5 s), else sorted neighbours only (20,000 took 6 s at 10k cards).
NEAR_EXACT_LIMIT = 5_000
NEAR_WINDOW = 8


class Compacts(TextColumn):
    """Each folded name compacted (`compact`: without its spaces), made when read and not
    kept: a million names' took 78 MiB at the peak of `check`. Read whole, a chunk at a
    time; `pick` reads the names at some positions at once."""

    __slots__ = ("_names",)

    def __init__(self, names: Sequence[str]) -> None:
        self._names = names  # folded (`compact_all`)

    def __len__(self) -> int:
        return len(self._names)

    def _slice(self, index: slice) -> list[str]:
        return compact_all(self._names[index])

    def _at(self, index: int) -> str:
        return compact_all([self._names[index]])[0]

    def _read_at_once(self) -> int:
        return _CHUNK

    def pick(self, positions: Iterable[int]) -> list[str]:
        return compact_all(pick(self._names, positions))


_CHUNK = 20_000  # names compacted at a time when read whole or along an order


def spelling_order(compacts: Compacts) -> array[int]:
    """The positions of the names in alphabetical order, ties by position."""
    return _order(compacts, ending=False)


def equal_spellings(compacts: Compacts, order: array[int]) -> Iterator[tuple[int, int]]:
    """(the first, a later one) of the positions of each name spelled as an earlier one,
    in the later one's order: a dict of every name to its first found them (a million
    names' took 57 bytes a name); in alphabetical order (`spelling_order`), equal names
    are neighbours, the first first."""
    found: list[tuple[int, int]] = []
    first, last = 0, -2
    for start in range(0, len(order), _CHUNK):
        # A chunk of the order and the name before it; the places whose name is the one
        # before's (compared in C: few are).
        before = max(start - 1, 0)
        texts = compacts.pick(order[before : start + _CHUNK])
        same = compress(range(1, len(texts)), map(eq, islice(texts, 1, None), texts))
        for place in map(before.__add__, same):
            if place != last + 1:  # a new run of one name: its first is the one before
                first = order[place - 1]
            found.append((order[place], first))
            last = place
    found.sort()
    return ((first, later) for later, first in found)


def near_spellings(compacts: Compacts, order: array[int]) -> Iterator[tuple[int, int, float]]:
    """Pairs (a < b) of names at least NEAR_RATIO alike; `order`: their `spelling_order`
    (`near_pairs`)."""
    return near_pairs(compacts, order, ratio=NEAR_RATIO, exact_limit=NEAR_EXACT_LIMIT)


def text_order(texts: Sequence[str]) -> array[int]:
    """The positions of any texts (a list or a column) in alphabetical order, ties by
    position: what `near_pairs` needs of a column of more than its `exact_limit` texts."""
    return _order(texts, ending=False)


def near_pairs(
    texts: Sequence[str], order: array[int], *, ratio: float, exact_limit: int
) -> Iterator[tuple[int, int, float]]:
    """Pairs (a < b) of texts at least `ratio` alike (`fuzz.ratio`); `order`: their
    alphabetical order (`text_order`, not read up to `exact_limit` texts). Up to
    `exact_limit` texts, every pair (one C-level scan per text); above it, which would
    grow with the square of the deck (a 1M-card deck: hours), each text is compared with
    its NEAR_WINDOW neighbours in alphabetical order and in the order of the reversed
    texts: two texts that alike share a long start (plurals, endings, the last words of a
    sentence) or a long end (a typo near the start, another first word), so they sort
    close in one of the two orders."""
    if len(texts) <= exact_limit:
        every = list(texts)
        for a in range(len(every)):
            later = every[a + 1 :]
            for _, score, offset in process.extract(
                every[a], later, scorer=fuzz.ratio, score_cutoff=ratio, limit=None
            ):
                yield a, a + 1 + offset, score
        return
    orders = (order, _order(texts, ending=True))
    # Each order's windows in turn, a chunk of it made at a time: one C-level scan per
    # text and window (a call per pair was most of the time); hits are rare.
    hits: tuple[list[tuple[int, int, float]], ...] = ([], [])
    for by, found in zip(orders, hits, strict=True):
        for start in range(0, len(by), _CHUNK):
            chunk = pick(texts, by[start : start + _CHUNK + NEAR_WINDOW])
            for k in range(min(_CHUNK, len(by) - start)):
                window = chunk[k + 1 : k + 1 + NEAR_WINDOW]
                for _, score, offset in process.extract(
                    chunk[k], window, scorer=fuzz.ratio, score_cutoff=ratio, limit=None
                ):
                    found.append((start + k, offset, score))
    # Reported as the windows are read: the alphabetical order's, then the other's, each
    # text's in its window's order, a pair once.
    seen: set[tuple[int, int]] = set()
    for by, found in zip(orders, hits, strict=True):
        for place, offset, score in sorted(found, key=lambda hit: hit[:2]):
            a, b = by[place], by[place + 1 + offset]
            pair = (min(a, b), max(a, b))
            if pair not in seen:
                seen.add(pair)
                yield *pair, score


_FIRST_TWO = itemgetter(slice(None, 2))
_LAST_TWO_BACKWARDS = itemgetter(slice(-1, -3, -1))


def _order(texts: Sequence[str], *, ending: bool) -> array[int]:
    """The positions of `texts` (names, definitions) in their order (read backwards, with
    `ending`), ties by position: `sorted(range(n), key=…)`, made a bucket of names at
    a time, the buckets being the names' first (last) two letters. Sorted at once, a
    million names took a position object, a list slot and, backwards, a reversed name
    each: 120 bytes a name, and `check` of a 1M-card deck peaked there. Positions are kept
    as machine integers (`array`): 8 bytes, not the 36 of an int in a list."""
    buckets: defaultdict[str, array[int]] = defaultdict(partial(array, "q"))
    two = _LAST_TWO_BACKWARDS if ending else _FIRST_TWO
    deque(map(array.append, map(buckets.__getitem__, map(two, texts)), range(len(texts))), 0)
    order: array[int] = array("q")
    # A name shorter than two letters is its bucket's key whole, and a key that begins
    # another comes first: the buckets in order of their keys are in the names' order.
    for first in sorted(buckets):
        bucket = buckets.pop(first)
        keys = pick(texts, bucket)
        if ending:
            keys = [key[::-1] for key in keys]
        places = sorted(range(len(bucket)), key=keys.__getitem__)  # stable: ties by position
        order.extend(map(bucket.__getitem__, places))
    return order
