"""What `check` reports and how it names cards, shared by its passes (check.py,
definition_findings.py, synonym_findings.py, audit.py, item_lint.py): a `Finding`, the
way a finding names a card or a group of cards, and `Folded`, each card's texts folded
once for every pass."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from exam_sim.decks.bulk_text import comparison_parts_all, fold_all, term_keys
from exam_sim.generator.index import DeckIndex
from exam_sim.models import Card, Deck

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
GROUP_SHOWN = 8  # cards named in one finding of a group (its card ids hold them all)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    message: str
    card_ids: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "card_ids": list(self.card_ids),
        }


def by_kind(findings: list[Finding]) -> str:
    """How many findings of each kind, errors first, then the most frequent: "123
    self-naming, 15 cross-reference, 1 no-topics" (140 lines of findings read at a glance)."""
    counts = Counter((SEVERITY_ORDER[f.severity], f.code) for f in findings)
    ordered = sorted(counts.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
    return ", ".join(f"{count} {code}" for (_, code), count in ordered)


def named(cards: Sequence[Card], group: Sequence[int]) -> str:
    """The cards of a group as a finding names them: the first GROUP_SHOWN, then how many
    more (a group can hold thousands; the finding's card ids still list every one)."""
    shown = ", ".join(label(cards[i]) for i in group[:GROUP_SHOWN])
    return shown + (f" and {len(group) - GROUP_SHOWN} more" if len(group) > GROUP_SHOWN else "")


def label(card: Card) -> str:
    """How a finding names a card: its term, and its line when the file said."""
    term = " ".join(card.term.split())
    if len(term) > 70:
        term = term[:69].rstrip() + "…"
    return f"'{term}' (line {card.line})" if card.line is not None else f"'{term}'"


class Folded:
    """Each card's term key and folded definition, computed once for every pass (folding
    was most of the time `check` took on a large deck, done again in each pass). The
    definitions are made when a pass first reads them: a million cards' take 250 MB, and
    the near-duplicate pass, the lint's largest, runs before any pass that reads them."""

    def __init__(
        self,
        term_keys: list[str],
        names: list[tuple[str, ...]],
        parts: list[tuple[str, ...]],
        index: DeckIndex | None,
    ) -> None:
        self.term_keys = term_keys
        self.names = names  # the card's names folded, each once, the term's first
        self.parts = parts  # the sides of a comparison term ("X vs Y"), as written
        self._index = index

    @cached_property
    def normed(self) -> list[str]:
        """The index's normalised definitions, made once for every pass (a very large
        deck's index keeps them packed)."""
        return [] if self._index is None else list(self._index.def_norm)

    @cached_property
    def definitions(self) -> list[str]:
        """Each card's folded definition (the normalised one where the two are the same)."""
        return [] if self._index is None else fold_all(self._index.definitions, self.normed)

    @classmethod
    def of(cls, deck: Deck, index: DeckIndex | None) -> Folded:
        """`index`: the generator's (None when the deck has no cards), whose normalised
        terms and definitions are mostly their folded forms already (`fold_all`)."""
        if index is None:
            return cls([], [], [], None)
        cards = deck.cards  # each column folded at once (`bulk_text`)
        terms = index.terms
        folded_terms = fold_all(terms, index.term_norm)
        aliases = fold_all([alias for card in cards for alias in card.aliases])
        names: list[tuple[str, ...]] = []
        taken = 0
        for card, term in zip(cards, folded_terms, strict=True):
            if card.aliases:
                after = taken + len(card.aliases)
                names.append(tuple(dict.fromkeys((term, *aliases[taken:after]))))
                taken = after
            else:
                names.append((term,))
        return cls(term_keys(terms, folded_terms), names, comparison_parts_all(terms), index)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; the order within a severity is kept."""
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


def groups_of(keys: list[str]) -> list[list[int]]:
    """The indexes of each key found more than once, in order of first appearance (only
    those are grouped: counting every key is done in C)."""
    repeated = {key for key, count in Counter(keys).items() if count > 1}
    if not repeated:
        return []
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if key in repeated:
            groups.setdefault(key, []).append(i)
    return list(groups.values())


def declared_related(a: Card, b: Card) -> bool:
    return b.id in a.related or a.id in b.related
