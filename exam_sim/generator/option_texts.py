"""A definition as an option of a term → definition item and as a stem, where it gives a
usage example (`usage_examples`): "(adj.) present everywhere; e.g. "Smartphones have
become ubiquitous."" for *ubiquitous*.

- As an option the definition is shown without an example that names its card (and
  without a sentence always, quoted or written out: a sentence using the word shows it
  in a form the masks may not know, "Duermo ocho horas." for *dormir*), the meaning alone.
- As a stem the example is a cloze, the card's names blanked in it; a sentence in which
  no name of the card is found is left out, for the same reason.

An unquoted example that names nothing ("A regularization technique, e.g. L1 or L2")
is part of the meaning, and stays."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from exam_sim.generator.masking import mask_forms
from exam_sim.lexicon import is_kana_or_ideograph
from exam_sim.text import BLANK
from exam_sim.usage_examples import example_of

if TYPE_CHECKING:
    from exam_sim.generator.index import DeckIndex

_KEPT = 100_000  # cards' answers remembered at most (a long session asks for many)


class OptionDefinitions:
    """Card j's definition as an option (`__call__`), whether it is cut (`cut`), and
    card i's definition as a stem (`stem`)."""

    def __init__(self, index: DeckIndex) -> None:
        self._index = index
        self._cut: dict[int, str | None] = {}

    def __call__(self, j: int) -> str:
        return self.cut(j) or self._index.cards[j].definition

    def cut(self, j: int) -> str | None:
        """Card j's definition without its usage example (a sentence, or naming the card),
        when the meaning left names nothing of the card and says something; None when it
        is shown as written."""
        if j in self._cut:
            return self._cut[j]
        ix = self._index
        definition = ix.cards[j].definition
        # The cheap test first: a marker opening an example (most definitions have none).
        example = example_of(definition)
        cut: str | None = None
        if (
            example is not None
            and BLANK not in definition
            and (example.sentence or ix.names_itself(j))
            and mask_forms(example.meaning, ix.mask_forms(j)) == example.meaning
            and ix.lexicon.content_words(example.meaning)
        ):
            cut = example.meaning
        if len(self._cut) > _KEPT:
            self._cut.clear()
        self._cut[j] = cut
        return cut

    def stem(self, i: int) -> str:
        """Card i's definition with its names blanked; an example sentence in which none is
        found, left out."""
        ix = self._index
        definition, forms = ix.cards[i].definition, ix.mask_forms(i)
        example = example_of(definition)
        if (
            example is not None
            and example.sentence
            and BLANK not in definition
            and mask_forms(example.text, forms) == example.text
            and ix.lexicon.content_words(example.meaning)
        ):
            cloze = _cloze(example.text, ix.names(i))
            if cloze == example.text:
                return mask_forms(example.meaning, forms)
            return mask_forms(definition.replace(example.text, cloze), forms)
        return mask_forms(definition, forms)


# A Japanese word of kanji and kana endings (食べる, 飲む, 高い): inflected in its endings.
_KANJI_WITH_ENDING = re.compile(r"([\u4e00-\u9fff々]+)[\u3041-\u3096]+")


def _cloze(sentence: str, names: tuple[str, ...]) -> str:
    """The example sentence with the card's word blanked where the masks know no name of
    it: a word of one character (吃, 看: "我____书。"), which the masks blank nowhere
    else, or a Japanese word in another form, its kanji and whatever kana ending follows
    them ("食べます" for 食べる: "毎朝パンを____。")."""
    single = frozenset(n for n in names if len(n) == 1 and is_kana_or_ideograph(n))
    cloze = mask_forms(sentence, single) if single else sentence
    for name in names:
        if cloze == sentence and (word := _KANJI_WITH_ENDING.fullmatch(name)):
            cloze = re.sub(rf"{re.escape(word[1])}[\u3041-\u3096]*", BLANK, sentence)
    return cloze
