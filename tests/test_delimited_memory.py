"""A large CSV deck is read without holding its text, its rows and its cards at once.

Measured with tracemalloc (what Python allocates, the same on every machine), not with
time: the peak of reading the file against what the deck keeps. Before the reader let
the text and the rows go, a CSV deck's peak was about 3.1× what it keeps today; now it is
2.0× (1.6× when it was written: the cards have since become 72 bytes smaller, and the
rows' cells, which the cards keep, weigh the same).
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
from pathlib import Path

from exam_sim.decks import load_deck
from exam_sim.decks.delimited import read_records

CARDS = 20_000


def _write_csv(path: Path, cards: int = CARDS) -> None:
    # A dash outside Latin-1 makes the decoded text two bytes a character, as in real decks.
    rows = (
        f'"Term {n} — part {n % 97}","What card {n} means: a definition of some length, '
        f'long enough to be like a real one, number {n * 7}."\n'
        for n in range(cards)
    )
    path.write_text("".join(rows), encoding="utf-8")


def _peak_and_kept(path: Path) -> tuple[int, int]:
    # A small deck of the same shape first: what the first load of a process keeps for
    # good (compiled patterns, caches) is then not counted as this deck's, whichever
    # tests ran before.
    warm_up = path.with_name("warm-up.csv")
    _write_csv(warm_up, cards=50)
    load_deck(warm_up)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        deck = load_deck(path)
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(deck.cards) == CARDS
    return peak - before, kept - before


def test_a_csv_deck_peaks_well_below_its_text_rows_and_cards_together(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    _write_csv(path)
    peak, kept = _peak_and_kept(path)
    assert peak < 2.5 * kept, (peak, kept)


def test_records_hold_the_cells_not_the_text(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    _write_csv(path)
    text = path.read_text(encoding="utf-8")
    records = read_records(text, file=str(path))
    assert all(value is not text for value in vars(records).values())
    del text
    deck = records.deck()
    assert len(deck.cards) == CARDS
    assert records.columns.lines == []  # used up: not kept with the cards
    assert deck.cards[0].term == "Term 0 — part 0"


def test_reading_holds_a_few_rows_at_a_time_beside_the_cells_it_keeps(tmp_path: Path) -> None:
    # What reading the text peaks at above the cells its cards keep (their terms,
    # definitions and line numbers): 56 bytes a card (the columns, 24, and a chunk's rows
    # at a time, 2,000 of them), where the rows of the whole file held at once were 157.
    # Rows all freed at the end left a 1M-card file's memory a sieve: the kept cells
    # between them stayed, and the process kept 210 MiB more than it needed.
    path = tmp_path / "big.csv"
    _write_csv(path)
    warm_up = path.with_name("warm-up.csv")
    _write_csv(warm_up, cards=50)
    read_records(warm_up.read_text(encoding="utf-8"), file=str(warm_up)).deck()
    text = path.read_text(encoding="utf-8")
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        records = read_records(text, file=str(path))
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    deck = records.deck()
    assert len(deck.cards) == CARDS
    small_ints = 256  # (cached by Python: not made for a card)
    cells = sum(
        sys.getsizeof(card.term)
        + sys.getsizeof(card.definition)
        + (sys.getsizeof(card.line) if card.line is not None and card.line > small_ints else 0)
        for card in deck.cards
    )
    assert peak - cells < 90 * CARDS, (peak - cells) / CARDS
