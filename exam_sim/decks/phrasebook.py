"""A phrasebook: rows of a language, another, a phrase and its translation, as Google
Translate exports its saved translations (`English,Spanish,good morning,buenos días`, no
header). Read as cards of the phrase and its translation, each turned to the file's
first way round (a phrase saved from Spanish to English is asked as the others are), the
two languages naming the sides ("What is this in Spanish?"). Before, the first row was
read as a header naming two languages, every card was "English" → "Spanish", and the
phrases were columns not read.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator

from exam_sim.side_names import language
from exam_sim.units import counted

Rows = list[tuple[int, list[str]]]
PHRASEBOOK_SHARE = 0.9  # of the rows sampled, naming two languages before two texts
PHRASEBOOK_ROWS = 3  # sampled at least


def phrasebook_pair(sample: Rows) -> tuple[str, str] | None:
    """The two languages (English names) of a phrasebook, the way round most of its rows
    take, or None when the sampled rows are no phrasebook."""
    # A row's texts are not looked at here: one missing is said when the row is read.
    found = Counter(pair for _, row in sample if (pair := _pair(row)) is not None)
    if len(sample) < PHRASEBOOK_ROWS or sum(found.values()) < PHRASEBOOK_SHARE * len(sample):
        return None
    (first, second), _ = found.most_common(1)[0]
    # The way round of the pair's rows taken most often, reversed rows counted against it.
    turned = found[second, first]
    return (second, first) if turned > found[first, second] else (first, second)


class Phrasebook:
    """The rows of a phrasebook as a term, a definition and a topic: turned to `pair`'s
    way round, and for a row of another pair, that pair as its topic."""

    def __init__(self, pair: tuple[str, str]) -> None:
        self.pair = pair
        self.turned = 0  # rows saved the other way round
        self.other_pairs = 0

    @classmethod
    def of(cls, sample: Rows) -> Phrasebook | None:
        """The phrasebook the sampled first rows open, or None."""
        pair = phrasebook_pair(sample)
        return cls(pair) if pair else None

    def rows(
        self, opening: Rows, rest: Iterable[tuple[int, list[str]]]
    ) -> Iterator[tuple[int, list[str]]]:
        """Each row as its card's term, definition (and topic); a first row naming the
        columns ("From,To,Text,Translation") is dropped."""
        header = bool(opening) and not _languages(opening[0][1])
        for line, row in itertools.chain(opening[1:] if header else opening, rest):
            pair = _pair(row)
            if pair is None or not (row[2].strip() and row[3].strip()):
                yield line, row[2:4]  # a text missing: said by the reader as for any card
            elif pair == self.pair:
                yield line, [row[2], row[3]]
            elif pair == self.pair[::-1]:
                self.turned += 1
                yield line, [row[3], row[2]]
            else:
                self.other_pairs += 1
                yield line, [row[2], row[3], f"{pair[0]} → {pair[1]}"]

    def note(self) -> str:
        """What the reader says of the file."""
        first, second = self.pair
        said = (
            "read as a phrasebook (a language, another, a phrase and its translation, as "
            f"Google Translate saves them): {first} → {second}"
        )
        if self.turned:
            said += f"; {counted(self.turned, 'phrase')} saved {second} → {first} turned round"
        if self.other_pairs:
            said += f"; {self.other_pairs} of other languages filed under their pair as topic"
        return said


def _pair(row: list[str]) -> tuple[str, str] | None:
    """The two different languages a row of four cells or more opens with, or None."""
    return _languages(row) if len(row) >= 4 else None


def _languages(row: list[str]) -> tuple[str, str] | None:
    """The two different languages a row's first two cells name, or None."""
    if len(row) < 2:
        return None
    first, second = language(row[0].strip()), language(row[1].strip())
    return (first, second) if first and second and first != second else None
