"""Sets of cards that may be asked together: the neighbours a multiple-response or a
matching item is built from (`multiple_response.py`, `matching.py`).

A set grows from a key card through the wrong options the single-answer generator picks
for it (so the cards are from the key's own area, as a real exam's are) and then through
theirs, and takes a card only when no card already in the set is the same thing
(`DeckIndex.same_thing`: aliases, near-duplicates, overlapping definitions, `related`
cards, cross-references), and whose definition names no term of the set (nor the other
way round). So any card's term may be paired with any other card's definition of the set
and the pairing is provably wrong under the same guard that keeps a single-answer item to
one right answer. When every neighbour found so far is turned away, the set's own cards
are asked again (another draw of their wrong options), within the same few questions.

Only cards asked term → definition take part: their definitions can be shown as options
(they neither name their own term nor repeat it), which both item types do.
"""

from __future__ import annotations

import random
import weakref

from exam_sim.errors import GeneratorError
from exam_sim.generator.index import DeckIndex
from exam_sim.generator.questions import QuestionGenerator
from exam_sim.models import Card, Direction
from exam_sim.units import counted

__all__ = ["can_join", "card_set"]

_VISITS = 12  # questions looked at, at most, while growing one set
_TWINS: weakref.WeakKeyDictionary[DeckIndex, dict[str, list[int]]] = weakref.WeakKeyDictionary()


def _group(index: DeckIndex, i: int) -> list[int]:
    """Card i and the cards whose definition reads the same: a definition shown for one of
    them is also the other's, so each must be kept apart from the set as i is."""
    twins = _TWINS.get(index)
    if twins is None:
        twins = {}
        for j, text in enumerate(index.def_norm):
            twins.setdefault(text, []).append(j)
        _TWINS[index] = twins
    return twins.get(index.def_norm[i], [i])


def _apart(index: DeckIndex, chosen: list[int], j: int) -> bool:
    """May card j join: the same thing as none of the set, and no definition of either
    naming the other's term (as a single-answer option may not name the asked term: shown
    beside that term it reads as its own, or refutes itself, "Sigmoid: similar to
    sigmoid")."""
    if any(
        index.same_thing(a, b) for i in chosen for a in _group(index, i) for b in _group(index, j)
    ):
        return False
    definition_j = index.cards[j].definition
    return not any(
        index.named_in(index.cards[i].definition, j) or index.named_in(definition_j, i)
        for i in chosen
    )


def can_join(generator: QuestionGenerator, card_id: str) -> bool:
    """May this card be one of a set (its term and definition are shown as written: a
    term naming its definition would pair itself, a usage example would name its term)?"""
    ix, at = generator.index, generator.index.position[card_id]
    return (
        Direction.TERM_TO_DEFINITION in generator.directions_for(card_id)
        and not ix.names_definition(at)
        and ix.option_definitions.cut(at) is None
    )


def card_set(
    generator: QuestionGenerator,
    card_id: str,
    size: int,
    *,
    rng: random.Random,
    at_least: int | None = None,
) -> list[Card]:
    """`size` cards, the key card first, pairwise not the same thing; when the key's
    neighbourhood has fewer, as many as it has down to `at_least` (default `size`), else
    GeneratorError."""
    ix = generator.index
    if not can_join(generator, card_id):
        raise GeneratorError(f"card {card_id!r} cannot be asked with its definition as an option")
    chosen = [ix.position[card_id]]
    frontier = [card_id]
    visited = 0
    while len(chosen) < size and visited < _VISITS:
        if not frontier:
            # Every neighbour found so far was turned away (cards of one corner of a deck
            # often name one another): the set's own cards are asked again, another draw.
            frontier = [ix.cards[i].id for i in chosen]
        current = frontier.pop(0)
        visited += 1
        try:
            neighbours = generator.question(
                current, Direction.TERM_TO_DEFINITION, seed=rng.randrange(1 << 30)
            ).option_card_ids
        except GeneratorError:
            continue
        found = [cid for cid in neighbours if cid != current]
        rng.shuffle(found)
        for other in found:
            j = ix.position[other]
            if j in chosen or not can_join(generator, other):
                continue
            if not _apart(ix, chosen, j):
                continue
            chosen.append(j)
            frontier.append(other)
            if len(chosen) == size:
                break
    needed = size if at_least is None else min(at_least, size)
    if len(chosen) < needed:
        raise GeneratorError(
            f"card {card_id!r} has {counted(len(chosen) - 1, 'neighbour')} that may be asked "
            f"with it; {needed - 1} {'is' if needed == 2 else 'are'} needed"
        )
    return [ix.cards[i] for i in chosen]
