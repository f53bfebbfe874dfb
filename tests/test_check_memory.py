"""`check` of a large deck keeps one small thing per card where it can: measured with
tracemalloc (what Python allocates, the same on every machine), never with time."""

from __future__ import annotations

import random
import string
import tracemalloc

import pytest

from exam_sim.decks import check, folded, overlap, spellings
from exam_sim.decks.folded import Folded, FoldedTexts
from exam_sim.generator import index as index_module
from exam_sim.generator.index import DeckIndex
from exam_sim.models import Deck, make_card

CARDS = 20_000
WORDS = [f"{stem}{ending}" for stem in ("model", "data", "train", "label", "feature",
         "vector", "metric", "layer", "batch", "token", "cluster", "score")
         for ending in ("", "s", "ing", "ed", "er")]  # fmt: skip


def _deck() -> Deck:
    rng = random.Random(3)
    cards = [
        make_card(
            f"Term {n}",
            " ".join(rng.choice(WORDS) for _ in range(12)),
            aliases=("T" + str(n),) if n % 1000 == 0 else (),
        )
        for n in range(CARDS)
    ]
    return Deck(id="memory", title="Memory", cards=tuple(cards))


def _peak(call: object) -> int:
    tracemalloc.start()
    try:
        call()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_overlap_search_holds_each_definitions_stems_as_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A chunk a fiftieth of the deck, as 5,000 definitions are of a 250k-card deck's.
    monkeypatch.setattr(overlap, "STEMS_CHUNK", CARDS // 50)
    index = DeckIndex(_deck())
    peak = _peak(lambda: overlap.overlapping_pairs(index))
    # Every card's stems as a tuple of strings took 100 bytes a card (about 10 stems);
    # numbered in a flat array, stemmed a chunk at a time, about 55.
    assert peak < 80 * CARDS, peak


def test_folded_names_make_no_tuple_per_card_without_aliases() -> None:
    deck = _deck()
    index = DeckIndex(deck)
    folded = Folded.of(deck, index)
    assert folded.names[1] == ("term 1",)
    assert folded.names[1000] == ("term 1000", "t1000")
    assert list(folded.names)[:2] == [("term 0", "t0"), ("term 1",)]
    assert folded.names[1:3] == [("term 1",), ("term 2",)]
    assert len(folded.names) == CARDS
    peak = _peak(lambda: Folded.of(deck, index))
    # The names as a list of tuples took 82 bytes a card; made as they are read, 26.
    assert peak < 50 * CARDS, peak


def test_the_folded_definitions_are_read_a_chunk_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Indexed as a very large deck is (its normalised definitions made when read), and
    # read as `check` reads them: whole once, then the repeated ones grouped.
    monkeypatch.setattr(index_module, "COMPACT_ABOVE", CARDS // 10)
    index = DeckIndex(_deck())
    definitions = FoldedTexts(index.definitions, index.def_norm, hashed=True, chunk=CARDS // 50)

    def read() -> None:
        assert sum(1 for _ in definitions) == CARDS
        assert definitions.repeated() == []

    peak = _peak(read)
    # Kept, and grouped through a table of them all, they peaked at 395 bytes a card;
    # read a chunk at a time and grouped by their hashes, at 32.
    assert peak < 60 * CARDS, peak


def test_the_near_spelling_pass_holds_no_compacted_name_per_card(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Names that are nowhere near alike (no finding to hold), compacted a fiftieth of the
    # deck at a time, as 20,000 are of a 1M-card deck's.
    monkeypatch.setattr(spellings, "_CHUNK", CARDS // 50)
    monkeypatch.setattr(folded, "_CHUNK", CARDS // 50)
    rng = random.Random(5)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(6))

    cards = [make_card(f"{word()} {word()}", f"about {word()} and {word()}") for _ in range(CARDS)]
    deck = Deck(id="near", title="Near", cards=tuple(cards))
    index = DeckIndex(deck)
    texts = Folded.of(deck, index)
    found: list[object] = []
    peak = _peak(lambda: found.extend(check._near_duplicates(deck, texts)))
    assert found == []
    # Every name compacted, one sort of every position and reversed name, and a dict of
    # every compact: 220 bytes a card; compacted when read, ordered a bucket at a time, 41.
    assert peak < 100 * CARDS, peak
