"""Synonyms a deck states itself: cards whose whole definitions another card lists as
one meaning ("quedar: to remain, to stay; to arrange to meet" makes *quedarse*, "to
stay", and *permanecer*, "to remain", one thing). Offered together, either would be a
second right answer for the other; no word of theirs is shared, so no other test sees it.

A meaning is one piece of a definition between semicolons, and a list when it has two
alternatives or more between commas, each of a few words ("to know (people, places), to
meet": commas inside brackets do not count). A card belongs to a meaning when its whole
definition says the same content words as one of the alternatives, brackets included:
"to know (facts, how to)" is not "to know". Words are compared, not stems: "abolisher" is
not "to abolish".
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

ALTERNATIVE_WORDS = 4  # words at most in one alternative of a list
# A definition shaped like a list of short alternatives (no sentence ends), found in C
# before any Python looks at it: most definitions of a large deck are sentences.
_LIST_SHAPED = re.compile(r"[^.!?\n]{1,200}")
_SHORT = re.compile(r"[^,;.!?\n]{1,60}")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def alternatives(definition: str) -> list[list[str]]:
    """The definition's meanings (split at semicolons), each as its alternatives (split
    at commas outside brackets), the meanings that are lists only."""
    # Brackets are kept in each alternative; only their commas are hidden from the split.
    hidden = _BRACKETS.sub(lambda m: m.group().replace(",", "\0").replace(";", "\1"), definition)
    found = []
    for meaning in hidden.split(";"):
        pieces = [p.strip().replace("\0", ",").replace("\1", ";") for p in meaning.split(",")]
        pieces = [p for p in pieces if p]
        if len(pieces) >= 2 and all(len(p.split()) <= ALTERNATIVE_WORDS for p in pieces):
            found.append(pieces)
    return found


@dataclass(frozen=True, slots=True)
class SynonymGroup:
    """Cards (positions, in deck order) whose definitions card `lister` lists together."""

    lister: int
    cards: tuple[int, ...]


def synonym_groups(
    definitions: Sequence[str], content_words: Callable[[str], list[str]]
) -> list[SynonymGroup]:
    """The cards that are synonyms by another card's list (see the module), a group per
    set of cards, named by the first card listing them."""
    lists = itertools.compress(
        range(len(definitions)),
        (("," in d) and _LIST_SHAPED.fullmatch(d) is not None for d in definitions),
    )
    meanings: dict[tuple[str, ...], list[int]] = defaultdict(list)  # words → meanings
    listers: list[int] = []  # the card of each meaning
    for z in lists:
        for pieces in alternatives(definitions[z]):
            for piece in pieces:
                words = tuple(content_words(piece))
                if words:
                    meanings[words].append(len(listers))
            listers.append(z)
    if not meanings:
        return []
    members: dict[int, set[int]] = defaultdict(set)  # meaning → cards saying one of it
    short = (_SHORT.fullmatch(d) is not None for d in definitions)
    for x in itertools.compress(range(len(definitions)), short):
        for listed in meanings.get(tuple(content_words(definitions[x])), ()):
            members[listed].add(x)
    groups: dict[tuple[int, ...], int] = {}
    for listed in sorted(members):
        cards = tuple(sorted(members[listed]))
        if len(cards) >= 2:
            groups.setdefault(cards, listers[listed])
    return [SynonymGroup(lister, cards) for cards, lister in groups.items()]


def synonym_links(groups: Sequence[SynonymGroup]) -> dict[int, set[int]]:
    """Card → its synonyms, from the groups."""
    links: dict[int, set[int]] = {}
    for group in groups:
        for a, b in itertools.combinations(group.cards, 2):
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    return links
