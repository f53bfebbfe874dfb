"""Pairs of cards whose definitions overlap so much that one could answer for another,
for `check`'s definition-overlap pass: found through stem postings, never by comparing
every pair."""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from collections.abc import Sequence

from exam_sim.generator.index import DeckIndex
from exam_sim.generator.wording import SHORT_DEFINITION, definitions_overlap

# Above this many cards, overlapping definitions are looked for only among cards sharing a
# rare stem (one in at most RARE_STEM_CARDS definitions); below it, the search is exact.
OVERLAP_EXACT_LIMIT = 2000
RARE_STEM_CARDS = 100


def overlapping_pairs(
    index: DeckIndex, normed: Sequence[str] | None = None
) -> list[tuple[int, int]]:
    """Pairs (i < j) of cards whose definition stems overlap (`definitions_overlap`).

    Found through stem postings, never by comparing all pairs: if one stem set contains
    the other, the larger one holds the smaller one's rarest stem; two short definitions
    that share half of the shorter one's stems share one of its (at most three) stems. Up
    to OVERLAP_EXACT_LIMIT cards the search is exact; above it, stems in more than
    RARE_STEM_CARDS definitions are too common to look through. `normed`: the index's
    `def_norm` as a list, when the caller has made one."""
    n = index.n
    # Each card's stems as a tuple (a tuple of 10 takes 136 bytes, a frozenset 712: a
    # 1M-card deck's took 700 MB), made a set only for the rare pair compared.
    stems = index.every_def_stems(normed)
    cap = n if n <= OVERLAP_EXACT_LIMIT else RARE_STEM_CARDS
    counts = Counter(itertools.chain.from_iterable(stems))  # in how many definitions
    # Only the stems looked through are listed, the rarest first (ties by spelling): a
    # long definition's rarest stem is then found in C, by its place.
    looked = sorted(
        (stem for stem, count in counts.items() if count <= cap),
        key=lambda stem: (counts[stem], stem),
    )
    rank = {stem: place for place, stem in enumerate(looked)}
    postings: dict[str, list[int]] = {stem: [] for stem in looked}
    # Cards without such a stem have nothing to look through (told apart in C).
    holders = list(
        itertools.compress(range(n), map(operator.not_, map(rank.keys().isdisjoint, stems)))
    )
    for i in holders:
        for stem in stems[i]:
            if stem in rank:
                postings[stem].append(i)
    found: set[tuple[int, int]] = set()
    for i in holders:
        own = stems[i]
        if len(own) <= SHORT_DEFINITION:  # every one: the order changes nothing
            lists = [postings[stem] for stem in own if stem in rank]
        else:  # its rarest, which is one of those listed
            lists = [postings[min((stem for stem in own if stem in rank), key=rank.__getitem__)]]
        mine = frozenset(own)
        for plist in lists:
            for j in plist:
                pair = (i, j) if i < j else (j, i)
                if j != i and pair not in found and definitions_overlap(mine, frozenset(stems[j])):
                    found.add(pair)
    return sorted(found)
