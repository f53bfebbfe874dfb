"""`check`'s synonyms finding: the cards the deck's own lists make synonyms
(`generator/synonyms.py`), which the generator never offers as options together."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from exam_sim.decks.findings import GROUP_SHOWN, Finding, label
from exam_sim.generator.index import DeckIndex
from exam_sim.models import Deck
from exam_sim.references import names_by_norm

# Groups of more cards than this are not read pair by pair for overlaps.
OVERLAP_PAIRS_READ = 20


def stated_synonyms(deck: Deck, index: DeckIndex, folded: Sequence[str]) -> list[Finding]:
    """Cards the deck's own lists make synonyms (`synonyms.py`): the generator never
    offers them together. `folded`: each card's folded definition. Left to other
    findings: cards with one definition (duplicate-definition) and groups whose every pair
    overlaps (definition-overlap)."""
    places = deck.card_places
    cards = deck.cards
    findings = []
    for group in index.synonym_groups:
        if len({folded[i] for i in group.cards}) < 2:
            continue
        # Pairs grow with the square of a group: a large one (a gloss many cards give) is
        # reported without reading them.
        pairs = itertools.combinations(group.cards, 2)
        if len(group.cards) <= OVERLAP_PAIRS_READ and all(
            index.definitions_overlap(a, b) for a, b in pairs
        ):
            continue
        if group.named is not None:
            others = [i for i in group.cards if i != group.named]
            verb = "means" if len(others) == 1 else "mean"
            said = f"{_listing(deck, others)} {verb} {label(cards[group.named], places)}"
        elif group.lister is not None:
            said = (
                f"{_listing(deck, group.cards)} mean what {label(cards[group.lister], places)} "
                "lists as one meaning"
            )
        else:
            said = f"{_listing(deck, group.cards)} each give '{group.shared}' as a meaning"
        findings.append(
            Finding(
                "info",
                "synonyms",
                f"{said}: synonyms, so they are never offered as options together",
                tuple(cards[i].id for i in group.cards),
            )
        )
    return findings + _said_synonyms(deck, index)


# Decks read for synonyms said by a marker at most (each definition is looked at in Python).
SAID_SYNONYMS_READ = 100_000


def _said_synonyms(deck: Deck, index: DeckIndex) -> list[Finding]:
    """Cards whose definitions name each other, or one the other, as a synonym ("…; syn.
    intransigent": `synonyms.synonyms_said`), as the generator reads them, a finding a
    pair. Decks of more than SAID_SYNONYMS_READ cards are not read for them."""
    places = deck.card_places
    cards = deck.cards
    if len(cards) > SAID_SYNONYMS_READ:
        return []
    # The generator's own reading of each definition (`SaidSynonyms.said`).
    said = {i: names for i in range(len(cards)) if (names := index.said_synonyms.said(i))}
    if not said:
        return []
    by_name = names_by_norm(map(index.names, range(len(cards))))
    says = {  # (i, j): card i gives card j as a synonym
        (i, j)
        for i, names in said.items()
        for name in names
        for j in by_name.get(name, ())
        if j != i
    }
    findings = []
    for i, j in sorted({(min(pair), max(pair)) for pair in says}):
        if (i, j) in says and (j, i) in says:
            told = f"{label(cards[i], places)} and {label(cards[j], places)} each give the other"
        else:
            one, other = (i, j) if (i, j) in says else (j, i)
            told = f"{label(cards[one], places)} gives {label(cards[other], places)}"
        findings.append(
            Finding(
                "info",
                "synonyms",
                f"{told} as a synonym, so they are never offered as options together",
                (cards[i].id, cards[j].id),
            )
        )
    return findings


def _listing(deck: Deck, positions: Sequence[int]) -> str:
    """The cards at these positions, as a sentence names them ("'a' (line 1), 'b' (line
    2) and 3 more")."""
    named = [label(deck.cards[i], deck.card_places) for i in positions[:GROUP_SHOWN]]
    more = len(positions) - GROUP_SHOWN
    if len(named) == 1:
        return named[0]
    last = f"{more} more" if more > 0 else named.pop()
    return f"{', '.join(named)} and {last}"
