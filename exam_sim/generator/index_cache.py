"""The generator's indexes, one per deck, built once and kept for the decks used last: a
deck is found by identity first, then by content (a reloaded deck with the same cards)."""

from __future__ import annotations

import gc
from dataclasses import dataclass

from exam_sim.gc_pause import gc_paused
from exam_sim.generator import columns
from exam_sim.generator.index import FULL_SCAN_LIMIT, DeckIndex
from exam_sim.models import Deck


@dataclass(eq=False)  # found by identity (a deck's == compares every card)
class _Cached:
    deck: Deck
    index: DeckIndex
    content: int | None = None  # the cards' hash, taken when a deck like it comes along

    def same_cards(self, content: int) -> bool:
        if self.content is None:
            self.content = _content_hash(self.deck)
        return self.content == content


_INDEX_CACHE: list[_Cached] = []  # the most recently used last
_INDEX_CACHE_SIZE = 4


def _content_hash(deck: Deck) -> int:
    """Equal for decks with the same cards (a hash, so the cache holds no copy of them).
    Taken only when a cached deck has the same id and size: hashing every text of a
    1M-card deck takes a second."""
    return hash(tuple(map(columns.CONTENT, deck.cards)))


def _build(deck: Deck) -> DeckIndex:
    """Index a deck. A large deck's index is millions of objects that live as long as the
    deck: the cyclic collector is paused while they are made (it would rescan them again
    and again, for nothing: they are all alive) and they are then frozen out of its full
    collections, each of which took 0.3 s on a 100k-card deck, in the middle of a question
    (docs/benchmarks.md). Frozen objects are still freed by reference counting."""
    if len(deck.cards) <= FULL_SCAN_LIMIT:
        return DeckIndex(deck)
    with gc_paused():
        index = DeckIndex(deck)
    gc.freeze()
    return index


def index_for(deck: Deck) -> DeckIndex:
    """The deck's index, built once: by identity first (cheap), then by content."""
    found = next((entry for entry in _INDEX_CACHE if entry.deck is deck), None)
    content = None
    if found is None:
        alike = [
            entry
            for entry in _INDEX_CACHE
            if entry.deck.id == deck.id and len(entry.deck.cards) == len(deck.cards)
        ]
        if alike:
            content = _content_hash(deck)
            found = next((entry for entry in alike if entry.same_cards(content)), None)
    if found is not None:
        _INDEX_CACHE.remove(found)
        _INDEX_CACHE.append(found)
        return found.index
    index = _build(deck)
    _INDEX_CACHE.append(_Cached(deck, index, content))
    del _INDEX_CACHE[:-_INDEX_CACHE_SIZE]
    return index
