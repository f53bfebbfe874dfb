"""Pairs of cards whose definitions overlap so much that one could answer for another,
for `check`'s definition-overlap pass: found through stem postings, never by comparing
every pair."""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from array import array
from collections import Counter
from collections.abc import Iterator

from exam_sim.generator.index import DeckIndex
from exam_sim.generator.wording import SHORT_DEFINITION, definitions_overlap, numbers_in

# Above this many cards, overlapping definitions are looked for only among cards sharing a
# rare stem (one in at most RARE_STEM_CARDS definitions); below it, the search is exact.
OVERLAP_EXACT_LIMIT = 2000
RARE_STEM_CARDS = 100
# Definitions stemmed at a time: 20,000 at once took 10 MiB of temporaries (5,000: 3),
# which the peak of a 1M-card `import` (its lint) reaches here.
STEMS_CHUNK = 5_000


def overlapping_pairs(index: DeckIndex) -> list[tuple[int, int]]:
    """Pairs (i < j) of cards whose definition stems overlap (`definitions_overlap`)."""
    return overlaps(index)[0]


def overlaps(index: DeckIndex) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The pairs (i < j) of `overlapping_pairs`, and those of `numbers_within`: one
    definition says nothing but numbers, every one of which the other says ("22", "22
    (over SSH)"), found from the definitions without stems.

    Found through stem postings, never by comparing all pairs: if one stem set contains
    the other, the larger one holds the smaller one's rarest stem; two short definitions
    that share half of the shorter one's stems share one of its (at most three) stems. Up
    to OVERLAP_EXACT_LIMIT cards the search is exact; above it, stems in more than
    RARE_STEM_CARDS definitions are too common to look through."""
    n = index.n
    numbered, counts = _numbered_stems(index)
    number_pairs = _number_pairs(index, numbered)
    stems = numbered.stems
    cap = n if n <= OVERLAP_EXACT_LIMIT else RARE_STEM_CARDS
    # Only the stems looked through are listed, the rarest first (ties by number: any
    # total order finds the same pairs): a long definition's rarest stem is then found in
    # C, by its place.
    looked = sorted(
        (stem for stem, count in counts.items() if count <= cap), key=counts.__getitem__
    )
    del counts
    rank = {stem: place for place, stem in enumerate(looked)}
    postings: dict[int, list[int]] = {stem: [] for stem in looked}
    # Where those stems are in each chunk's array, and whose they are (found in C: most of
    # a large deck's stems are common ones).
    for first, numbers, starts in numbered.chunks():
        in_rank = map(rank.__contains__, numbers) if rank else ()
        places = list(itertools.compress(range(len(numbers)), in_rank))
        owners = map(bisect.bisect_right, itertools.repeat(starts), places)
        for place, owner in zip(places, owners, strict=True):
            postings[numbers[place]].append(first + owner - 1)
    # The cards with such a stem, in order: the others have nothing to look through.
    holders = list(dict.fromkeys(itertools.chain.from_iterable(postings.values())))
    holders.sort()
    found: set[tuple[int, int]] = set()
    for i in holders:
        mine = frozenset(stems(i))
        if len(mine) <= SHORT_DEFINITION:  # every one: the order changes nothing
            lists = [postings[stem] for stem in mine if stem in rank]
        else:  # its rarest, which is one of those listed
            lists = [postings[min((stem for stem in mine if stem in rank), key=rank.__getitem__)]]
        for plist in lists:
            for j in plist:
                pair = (i, j) if i < j else (j, i)
                if j != i and pair not in found and definitions_overlap(mine, frozenset(stems(j))):
                    found.add(pair)
    return sorted(found), number_pairs


def _number_pairs(index: DeckIndex, numbered: NumberedStems) -> list[tuple[int, int]]:
    """Pairs (i < j) where card i or j is `numbered.bare` (no definition stems), its
    definition says numbers, and the other's, a short one, says each of them
    (`wording.numbers_within`). Of bare cards saying the same text, the first stands for
    all (the others are its `duplicate-definition` group: pairing each with every card
    was quadratic, 8 GB at a million cards). Only the short definitions saying one of
    those numbers are read again, found by one search each."""
    said: dict[str, tuple[int, frozenset[str]]] = {}  # text → (its first card, numbers)
    texts = index.def_norm
    for i in numbered.bare:
        numbers = numbers_in(texts[i])
        if numbers and texts[i] not in said:
            said[texts[i]] = (i, numbers)
    if not said:
        return []
    wanted = sorted(set().union(*(numbers for _, numbers in said.values())), key=len)
    pattern = re.compile(r"(?<!\d)(?:" + "|".join(reversed(wanted)) + r")(?!\d)")
    by_number: dict[str, list[tuple[str, int, frozenset[str]]]] = {}
    for text, (i, numbers) in said.items():
        for number in numbers:
            by_number.setdefault(number, []).append((text, i, numbers))
    found: set[tuple[int, int]] = set()
    for j in numbered.short():
        text_j = texts[j]
        if not pattern.search(text_j):
            continue
        numbers_j = numbers_in(text_j)
        for number in numbers_j & by_number.keys():
            for text, i, numbers in by_number[number]:
                if text != text_j and numbers <= numbers_j:
                    found.add((i, j) if i < j else (j, i))
    return sorted(found)


class NumberedStems:
    """Each card's definition stems as numbers, one for each distinct stem: an array of
    them and where each card's start (and one past the last), for each chunk of cards. One
    array for the deck grew to 40 MB at 1M cards, and each time it grew it could be copied
    whole, the copy and the original held at once: 40 MB more at the peak of `import`."""

    def __init__(self, chunk: int) -> None:
        self.chunk = chunk  # cards a chunk
        self.numbers: list[array[int]] = []
        self.starts: list[array[int]] = []
        self.bare: list[int] = []  # the cards whose definitions have no stems

    def stems(self, i: int) -> array[int]:
        k, at = divmod(i, self.chunk)
        starts = self.starts[k]
        return self.numbers[k][starts[at] : starts[at + 1]]

    def short(self) -> Iterator[int]:
        """The cards whose definitions have SHORT_DEFINITION stems at most, in order."""
        for first, _, starts in self.chunks():
            sizes = map(operator.sub, starts[1:], starts)
            yield from itertools.compress(
                itertools.count(first), map(SHORT_DEFINITION.__ge__, sizes)
            )

    def chunks(self) -> Iterator[tuple[int, array[int], array[int]]]:
        """(the chunk's first card, its numbers, its starts) of each chunk, in order."""
        for k, (numbers, starts) in enumerate(zip(self.numbers, self.starts, strict=True)):
            yield k * self.chunk, numbers, starts


def _numbered_stems(index: DeckIndex) -> tuple[NumberedStems, dict[int, int]]:
    """Each card's definition stems (`every_def_stems`) as numbers (`NumberedStems`), and
    in how many definitions each number is. Read a chunk at a time: a million cards'
    stems as tuples of strings took 130 MB, as numbers 40 MB."""
    counts: Counter[str] = Counter()
    number_of: dict[str, int] = {}
    fresh = itertools.count()  # a stem seen before keeps its number (`setdefault`)
    numbered = NumberedStems(STEMS_CHUNK)
    texts = index.def_norm  # a very large deck's: normalised a chunk at a time, when read
    for first in range(0, len(texts), STEMS_CHUNK):
        stems = index.every_def_stems(texts[first : first + STEMS_CHUNK], start=first)
        counts.update(itertools.chain.from_iterable(stems))
        numbered.numbers.append(
            array("I", map(number_of.setdefault, itertools.chain.from_iterable(stems), fresh))
        )
        numbered.starts.append(array("I", itertools.accumulate(map(len, stems), initial=0)))
        numbered.bare.extend(
            itertools.compress(range(first, first + len(stems)), map(operator.not_, stems))
        )
    return numbered, {number_of[stem]: count for stem, count in counts.items()}
