"""Definitions as options of a term → definition item: as written, or without the usage
example that names their card (`usage_examples`): "(adj.) present everywhere" for
*ubiquitous*, whose definition goes on "; e.g. "Smartphones have become ubiquitous."".
As a stem the whole definition is shown, the example blanked, a cloze."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exam_sim.generator.masking import mask_forms
from exam_sim.text import BLANK
from exam_sim.usage_examples import without_example

if TYPE_CHECKING:
    from exam_sim.generator.index import DeckIndex

_KEPT = 100_000  # cards' answers remembered at most (a long session asks for many)


class OptionDefinitions:
    """Card j's definition as an option (`__call__`), and whether it is cut (`cut`)."""

    def __init__(self, index: DeckIndex) -> None:
        self._index = index
        self._cut: dict[int, str | None] = {}

    def __call__(self, j: int) -> str:
        return self.cut(j) or self._index.cards[j].definition

    def cut(self, j: int) -> str | None:
        """Card j's definition without its usage example, when only the example names the
        card (and the meaning left says something); None when it is shown as written."""
        if j in self._cut:
            return self._cut[j]
        ix = self._index
        definition = ix.cards[j].definition
        # The cheap test first: a marker opening an example (most definitions have none).
        meaning = without_example(definition)
        if (
            meaning is not None
            and BLANK not in definition
            and ix.names_itself(j)
            and mask_forms(meaning, ix.mask_forms(j)) == meaning
            and ix.lexicon.content_words(meaning)
        ):
            cut: str | None = meaning
        else:
            cut = None
        if len(self._cut) > _KEPT:
            self._cut.clear()
        self._cut[j] = cut
        return cut
