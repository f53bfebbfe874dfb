"""Questions alike in what they ask: where a question's wrong answers come from.

A short answer ("Canberra") shares no word with another ("Ottawa"), so the answers' own
likeness cannot find the answers of its kind; the questions can:

- by their words: "What is the capital of Canada?" and "…of Australia?" share a rare one
  (the cosine of their idf-weighted stems: `DeckIndex.similarities` of their terms);
- by their opening, which names the kind of answer asked for: "Who discovered
  penicillin?" and "Who wrote 1984?" ask for a person, "How many…" for a count, whatever
  their other words. An opening (the first word, or the first two) counts as much as it is
  rare among the deck's questions: its idf there against the largest possible, so that
  "What is", which opens half of a bank, says little, and "In which", opening two
  questions of 32, says much; a first word alone counts half ("Which planet…" and "Which
  gas…" ask for different things).

A question is as alike as the stronger of the two says. Pure, like the rest of the
generator.
"""

from __future__ import annotations

import itertools
import math
import weakref
from collections import Counter

from exam_sim.generator.index import DeckIndex

# A one-word opening counts this much of its rarity: "Who" names a kind of answer, but
# "Which" does not ("Which planet…", "Which gas…"), and only the next word tells.
ONE_WORD_OPENING = 0.5
# Per index: its number of questions, and how many open with each first word and first
# two words.
_OPENINGS: weakref.WeakKeyDictionary[DeckIndex, tuple[int, Counter[str]]] = (
    weakref.WeakKeyDictionary()
)


def _openings(folded: str) -> tuple[str, ...]:
    """A question's first word and first two words."""
    first = folded.split(maxsplit=2)[:2]
    return tuple(" ".join(first[:n]) for n in range(1, len(first) + 1))


def _opening_counts(ix: DeckIndex) -> tuple[int, Counter[str]]:
    known = _OPENINGS.get(ix)
    if known is None:
        asked = list(itertools.compress(range(ix.n), ix.is_question))
        counts = Counter(itertools.chain.from_iterable(_openings(ix.term_norm[i]) for i in asked))
        known = _OPENINGS[ix] = (len(asked), counts)
    return known


def questions_alike(ix: DeckIndex, i: int, pool: list[int]) -> list[float]:
    """How alike question i and each pool card's term (a question, or a name) are, read
    as the module says (0..1)."""
    asked, counts = _opening_counts(ix)
    mine = _openings(ix.term_norm[i])
    # Each opening of question i, as rare as it is among the questions (0..1).
    rarity = {
        opening: math.log((1 + asked) / (1 + counts[opening])) / math.log(1 + asked)
        * (1.0 if " " in opening else ONE_WORD_OPENING)
        for opening in mine
    } if asked > 1 else {}  # fmt: skip
    out = ix.similarities(i, pool, terms=True)
    if rarity:
        for n, j in enumerate(pool):
            if ix.is_question[j]:
                theirs = _openings(ix.term_norm[j])
                out[n] = max(out[n], *(rarity[o] for o in mine if o in theirs), 0.0)
    return out
