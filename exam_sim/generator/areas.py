"""Areas of a deck without topics: which cards are neighbours in meaning, so that wrong
options come from the key's area, as a real exam's would (`DeckIndex.area`)."""

from __future__ import annotations

import heapq
import itertools
from array import array
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exam_sim.generator.index import DeckIndex

# Neighbourhoods for cards without a topic: single-link clusters over each card's nearest
# neighbours by stem overlap (idf-weighted cosine), capped in size so that one cluster is
# an "area" of the deck, not half of it. Larger decks rely on the pairwise signal alone.
CLUSTER_LIMIT = 20_000
# Above this many such cards, stems in over CLUSTER_COMMON cards link none and each card
# weighs only the CLUSTER_CANDIDATES that share most stems with it: linear, not quadratic.
CLUSTER_EXACT, CLUSTER_COMMON, CLUSTER_CANDIDATES = 2_000, 50, 64
CLUSTER_NEIGHBOURS = 5
CLUSTER_MAX = 16
CLUSTER_MIN_SIMILARITY = 0.12


def neighbourhoods(index: DeckIndex) -> array[int]:
    """Cluster number per card (-1: none), for cards without a topic: a deck without
    topics still has areas, and wrong options from the key's area are what a real
    exam would offer."""
    area = array("i", [-1]) * index.n
    loose = [i for i in range(index.n) if index.topic[i] is None and index.option_ok[i]]
    if len(loose) < 8 or len(loose) > CLUSTER_LIMIT:
        return area
    common = max(20, index.n // 10) if (exact := len(loose) <= CLUSTER_EXACT) else CLUSTER_COMMON
    postings: dict[str, list[int]] = {}
    for i in loose:
        for stem in sorted(index.def_stems(i)):
            if index.stem_cards[stem] <= common:
                postings.setdefault(stem, []).append(i)
    edges: list[tuple[float, int, int]] = []
    for i in loose:
        # How many of its rare stems each other card shares (counted in C).
        lists = map(postings.get, sorted(index.def_stems(i)), itertools.repeat(()))
        near = Counter(itertools.chain.from_iterable(lists))
        near.pop(i, None)
        top = near if exact else heapq.nlargest(CLUSTER_CANDIDATES, near, key=near.__getitem__)
        others = sorted(top)
        scored = sorted(
            zip(index.similarities(i, others), others, strict=True),
            key=lambda p: (-p[0], p[1]),
        )
        for similarity, j in scored[:CLUSTER_NEIGHBOURS]:
            if similarity >= CLUSTER_MIN_SIMILARITY:
                edges.append((similarity, min(i, j), max(i, j)))
    parent = {i: i for i in loose}
    size = dict.fromkeys(loose, 1)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in sorted(set(edges), key=lambda e: (-e[0], e[1], e[2])):
        a, b = find(i), find(j)
        if a != b and size[a] + size[b] <= CLUSTER_MAX:
            parent[b] = a
            size[a] += size[b]
    for i in loose:
        root = find(i)
        if size[root] > 1:
            area[i] = root
    return area
