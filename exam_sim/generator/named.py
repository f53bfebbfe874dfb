"""The cards a question's stem names, so that none of them is offered as a wrong option:
the stem rules such a card out by itself ("Similar to sigmoid…" is not *sigmoid*). Asked
from its term, the term must not name a wrong option's card ("Amazon SageMaker Ground
Truth" names *Amazon SageMaker*), unless the two are spelled alike but for their marks
("schon", "schön").

Asked from its definition (or a question card from its answer), the stem is that text with
the key's names blanked, and it names a card

- by a name as written, or a short one (`DeckIndex.named_in`);
- where the unblanked text names it other than inside the key's own names, a blank now
  hiding a word of it ("see also ____ etiquetado" for *ejemplo etiquetado*, the key
  *ejemplo*: `masking.mentions_apart`);
- by a name of two words or more said in other word forms, stem for stem ("निर्णय
  वृक्षों का समूह", a group of decision trees, names निर्णय वृक्ष; "3G, 4G or 5G" names
  *3G, 4G, 5G*). One word alone is not read so: "learns" says no *learning*.
"""

from __future__ import annotations

from exam_sim.generator.index import DeckIndex
from exam_sim.generator.masking import mentions_apart, names_in_other_forms
from exam_sim.lexicon import norm


class StemNames:
    """Which cards the stem of card i's question names. With `fronts`, the options are
    fronts (terms, questions) and the stem is a definition or an answer, its key's names
    blanked; without, the stem is the key's term, and options are definitions."""

    def __init__(self, ix: DeckIndex, i: int, stem: str, *, fronts: bool = True) -> None:
        self.ix = ix
        self.i = i
        self.stem = stem
        self.fronts = fronts
        own = ix.forms(i)
        self._own = own[0] | own[1]  # the key's names and sides, as `mentions_apart` reads
        self._read: tuple[list[str], frozenset[str]] | None = None

    def __call__(self, j: int) -> bool:
        ix, i = self.ix, self.i
        if not self.fronts:  # an asked term names no card spelled as it is but for marks
            return ix.named_in(ix.cards[i].term, j) and not ix.apart_by_marks(i, j)
        if ix.named_in(self.stem, j):
            return True
        card = ix.cards[i]
        if mentions_apart(card.definition, ix.forms(j)[0], self._own, card.term):
            return True
        stop = ix.lexicon.stopwords
        long_names = [
            name for name in ix.names(j) if sum(w not in stop for w in norm(name).split()) >= 2
        ]
        if not long_names:
            return False
        if self._read is None:
            tokens = norm(self.stem).split()
            present = frozenset(ix.lexicon.stem_all(w for w in tokens if w not in stop))
            self._read = tokens, present
        return bool(names_in_other_forms(long_names, *self._read, ix.lexicon))
