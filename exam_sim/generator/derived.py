"""Words derived from a card's name, in a glossary's definitions: blanked as its name is.

The stemmer takes off inflections ("translation", "translated": one stem), not the
suffixes that make one word of another: "nuclear" in the definition of nucleus,
"classifier" in classification's, "regressor", "mitochondrial", "enzymatic" were left as
written, and named the key as surely as its name did. Two words are forms of one when
their stems share DERIVED_OPENING first letters at least and leave at most
DERIVED_ENDING of either ("nucle|us", "nucle|ar"), or DERIVED_OPENING_LONG and
DERIVED_ENDING_LONG ("promis|sory", "promis|or"), the derived word's stem DERIVED_LEAST
letters long at least ("multi" in multi-variate, "class": words of their own).

Only in a glossary, whose definitions are sentences (SENTENCE_WORDS words or more, the
median of a sample): in a vocabulary list a cognate is the translation itself
("abdomeno": "abdomen, belly"; "der Agnostiker": "agnostic"), which no blank may take
away. Pure, like the rest of the generator.
"""

from __future__ import annotations

import os
import statistics
import weakref
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exam_sim.generator.index import DeckIndex

DERIVED_OPENING = 5
DERIVED_ENDING = 2
# A longer suffix where more letters open both and both go on ("promis|sory",
# "promis|or": the stemmer keeps "promissori" and "promisor" apart, and "the promisor"
# named Promissory estoppel in its own definition). One that is the other whole and more
# is a name of its own ("tensor", "tensorflow"; "server", "serverless").
DERIVED_OPENING_LONG = 6
DERIVED_ENDING_LONG = 4
DERIVED_LEAST = 6
SENTENCE_WORDS = 6
SAMPLE = 2_000  # definitions read for the median, at even steps through a large deck

_GLOSSARIES: weakref.WeakKeyDictionary[DeckIndex, bool] = weakref.WeakKeyDictionary()


def derived(stem: str, other: str) -> bool:
    """Is one stem a derived form of the other? Letters alone: a digit or a hyphen ends
    no suffix."""
    if stem == other or not (stem.isalpha() and other.isalpha()):
        return stem == other
    shared = len(os.path.commonprefix((stem, other)))  # noqa: RUF071 (letters, not paths)
    if shared < DERIVED_OPENING:  # most pairs: at once, this runs for every word read
        return False
    left = max(len(stem), len(other)) - shared
    if left <= DERIVED_ENDING:
        return True
    # Both ending otherwise: a whole word and more is a name of its own ("tensorflow").
    return (
        shared >= DERIVED_OPENING_LONG
        and left <= DERIVED_ENDING_LONG
        and (shared < min(len(stem), len(other)))
    )


def defines_in_sentences(ix: DeckIndex) -> bool:
    """Are the deck's definitions sentences (a glossary), not glosses (a vocabulary)?"""
    known = _GLOSSARIES.get(ix)
    if known is None:
        step = max(1, ix.n // SAMPLE)
        lengths = [len(ix.def_norm[j].split()) for j in range(0, ix.n, step)]
        known = _GLOSSARIES[ix] = bool(lengths) and statistics.median(lengths) >= SENTENCE_WORDS
    return known


def derived_words(ix: DeckIndex, tokens: Sequence[str], stems: Collection[str]) -> set[str]:
    """The words of `tokens` (a definition's folded words) derived from one of `stems`
    (its term's rare words), in a glossary; none in a vocabulary."""
    wanted = [stem for stem in stems if len(stem) >= DERIVED_OPENING and stem.isalpha()]
    if not wanted or not defines_in_sentences(ix):
        return set()
    return {
        word
        for word, stem in zip(tokens, ix.lexicon.stem_all(tokens), strict=True)
        if len(stem) >= DERIVED_LEAST and any(derived(stem, own) for own in wanted)
    }
