"""`check`'s synonyms finding: the cards the deck's own lists make synonyms
(`generator/synonyms.py`), which the generator never offers as options together."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from exam_sim.decks.check import GROUP_SHOWN, Finding, label
from exam_sim.generator.index import DeckIndex
from exam_sim.models import Deck


def stated_synonyms(deck: Deck, index: DeckIndex, folded: Sequence[str]) -> list[Finding]:
    """Cards the deck's own lists make synonyms (`synonyms.py`): the generator never
    offers them together. `folded`: each card's folded definition. Left to other
    findings: cards with one definition (duplicate-definition) and groups whose every pair
    overlaps (definition-overlap)."""
    cards = deck.cards
    findings = []
    for group in index.synonym_groups:
        if len({folded[i] for i in group.cards}) < 2:
            continue
        if all(index.definitions_overlap(a, b) for a, b in itertools.combinations(group.cards, 2)):
            continue
        named = [label(cards[i]) for i in group.cards[:GROUP_SHOWN]]
        more = len(group.cards) - GROUP_SHOWN
        last = f"{more} more" if more > 0 else named.pop()
        who = f"{', '.join(named)} and {last}"
        if group.lister is not None:
            said = f"{who} mean what {label(cards[group.lister])} lists as one meaning"
        else:
            said = f"{who} each give '{group.shared}' as a meaning"
        findings.append(
            Finding(
                "info",
                "synonyms",
                f"{said}: synonyms, so they are never offered as options together",
                tuple(cards[i].id for i in group.cards),
            )
        )
    return findings
