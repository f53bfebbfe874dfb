"""What marks tell apart in a deck that writes them (`lexicon.writes_marks`): "schön" and
"schon", "ma" and "má", "él" and "el" are two words there, on either side of a card; and
what signs tell apart in names ("C" and "C++", "\\d" and "\\D": `text.name_signs`).
Mixed into `DeckIndex`."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from rapidfuzz import fuzz

from exam_sim.lexicon import apart_by_marks, marked_key, writes_marks
from exam_sim.text import name_signs


class MarkedWords:
    """The marks-aware tests of one deck's index, on its terms and its definitions."""

    terms: Sequence[str]
    definitions: Sequence[str]

    def _every_name(self, i: int) -> tuple[str, ...]:  # `DeckIndex`'s
        raise NotImplementedError

    @functools.cached_property
    def writes_marks(self) -> bool:
        """Does the deck write marks that tell its words apart (`lexicon.writes_marks`)?"""
        return writes_marks(self.terms)

    @functools.cached_property
    def definitions_write_marks(self) -> bool:
        """Do its definitions (a vocabulary list's other language: "he" → "él", "the" →
        "el")?"""
        return writes_marks(self.definitions)

    def alike_with_marks(self, i: int, j: int, ratio: float) -> bool:
        """Are two of the cards' names at least `ratio` alike (rapidfuzz) as the deck
        writes them? Always, in a deck that writes no marks (`check`'s near-duplicates:
        "müssen" and "mussten" are 92 % alike only once folded)."""
        if not self.writes_marks:
            return True
        marked = [marked_key(name) for name in self._every_name(i)]
        others = [marked_key(name) for name in self._every_name(j)]
        return any(fuzz.ratio(a, b, score_cutoff=ratio) for a in marked for b in others)

    def apart_by_marks(self, i: int, j: int) -> bool:
        """Are cards i and j named alike only once their marks are dropped ("schön",
        "schon"; `lexicon.apart_by_marks`), in a deck that writes marks: two words?"""
        # Names made again, not remembered: `check` asks this of many cards once each.
        return self.writes_marks and apart_by_marks(self._every_name(i), self._every_name(j))

    def apart_by_signs(self, i: int, j: int) -> bool:
        """Do cards i and j's terms write other signs that `fold` drops but that name
        ("C", "C++"; "(abc)", "[abc]": `text.name_signs`): two names, however alike folded."""
        return name_signs(self.terms[i]) != name_signs(self.terms[j])

    def names_apart(self, i: int, j: int) -> bool:
        """Are cards i and j two names however alike folded, by their marks or signs?"""
        return self.apart_by_marks(i, j) or self.apart_by_signs(i, j)

    def definitions_apart(self, i: int, j: int) -> bool:
        """Are cards i and j's definitions two texts however alike folded, by their marks
        or the signs that name ("O(n)", "O(n!)": `text.name_signs`)?"""
        definitions = self.definitions
        if definitions[i] == definitions[j]:  # most of `check`'s repeated definitions
            return False
        return self.definitions_apart_by_marks(i, j) or (
            name_signs(definitions[i]) != name_signs(definitions[j])
        )

    def definitions_apart_by_marks(self, i: int, j: int) -> bool:
        """Are cards i and j's definitions one text only once their marks are dropped ("él"
        and "el", "tú" and "tu", "sí" and "si"), where the definitions write marks: two
        words, not one definition written twice."""
        definitions = self.definitions
        return self.definitions_write_marks and apart_by_marks((definitions[i],), (definitions[j],))
