"""What `check` reports and how it names cards, shared by its passes (check.py,
definition_findings.py, synonym_findings.py, audit.py, item_lint.py): a `Finding`, the
way a finding names a card or a group of cards, and `Folded`, each card's texts folded
once for every pass."""

from __future__ import annotations

from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, compress, islice, repeat
from operator import and_, eq
from typing import Literal, overload

from exam_sim.decks.bulk_text import comparison_parts_all, fold_all, term_keys
from exam_sim.generator.columns import TextColumn
from exam_sim.generator.index import DeckIndex
from exam_sim.models import Card, Deck

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
GROUP_SHOWN = 8  # cards named in one finding of a group (its card ids hold them all)


@dataclass(frozen=True, slots=True)  # slots: a large deck's lint reports 100,000 and more
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


class FoldedNames(Sequence[tuple[str, ...]]):
    """Each card's folded names, each once, the term's first: the folded term alone for a
    card without aliases (most cards), a tuple made as it is read (a million 1-tuples
    kept took 56 MB)."""

    __slots__ = ("_more", "_terms")

    def __init__(self, terms: list[str], more: dict[int, tuple[str, ...]]) -> None:
        self._terms = terms
        self._more = more  # the names of the cards with aliases

    def __len__(self) -> int:
        return len(self._terms)

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, ...]]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, ...] | list[tuple[str, ...]]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        more = self._more.get(index)
        return more if more is not None else (self._terms[index],)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        more = self._more
        for i, term in enumerate(self._terms):
            yield more.get(i) or (term,)


class FoldedDefinitions(TextColumn):
    """Each card's folded definition (`fold_all` of the index's definitions and their
    normalised forms), made when read and not kept: a million cards' took 178 MiB at the
    peak of `check`. Read whole, a chunk at a time; one at a time (a group's, a pair's),
    through a bounded memo. The first whole reading notes each text's hash, and
    `repeated` groups equal texts from those, not from a table of every text."""

    def __init__(
        self,
        definitions: Sequence[str],
        normed: Sequence[str],
        *,
        chunk: int = 20_000,
        kept: int = 50_000,
    ) -> None:
        self._definitions = definitions
        self._normed = normed  # the index's `def_norm`: a list, or made when read
        self._chunk = chunk  # texts folded at a time when read whole
        self._kept = kept  # texts remembered at most
        self._memo: dict[int, str] = {}
        self._hashes: array[int] | None = None  # of every text, once read whole

    def __len__(self) -> int:
        return len(self._definitions)

    def _slice(self, index: slice) -> list[str]:
        return fold_all(self._definitions[index], self._normed[index])

    def _at(self, index: int) -> str:
        if index < 0:
            index += len(self)
        found = self._memo.get(index)
        if found is None:
            found = fold_all([self._definitions[index]], [self._normed[index]])[0]
            if len(self._memo) >= self._kept:
                self._memo.clear()
            self._memo[index] = found
        return found

    def __iter__(self) -> Iterator[str]:
        hashes: array[int] = array("q")
        for first in range(0, len(self), self._chunk):
            folded = self[first : first + self._chunk]
            hashes.extend(map(hash, folded))
            yield from folded
        self._hashes = hashes

    def repeated(self) -> list[list[int]]:
        """`groups_of` the texts, from the hashes noted as they were read (`groups_by_hash`)."""
        if self._hashes is None:
            deque(self, maxlen=0)  # reads them all, noting their hashes
        assert self._hashes is not None
        definitions = self._definitions

        def folded(positions: Iterable[int]) -> list[str]:  # as `normed` gives them
            return fold_all([definitions[i] for i in positions])

        return groups_by_hash(self._hashes, folded, self._chunk)


class Folded:
    """Each card's term key and folded definition, computed once for every pass (folding
    was most of the time `check` took on a large deck, done again in each pass); the
    definitions are folded when read (`FoldedDefinitions`)."""

    def __init__(
        self,
        term_keys: list[str],
        names: Sequence[tuple[str, ...]],
        parts: list[tuple[str, ...]],
        index: DeckIndex | None,
    ) -> None:
        self.term_keys = term_keys
        self.names = names  # the card's names folded, each once, the term's first
        self.parts = parts  # the sides of a comparison term ("X vs Y"), as written
        self.definitions = (
            FoldedDefinitions([], [])
            if index is None
            else FoldedDefinitions(index.definitions, index.def_norm)
        )

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
        more: dict[int, tuple[str, ...]] = {}
        taken = 0
        for i in (i for i, card in enumerate(cards) if card.aliases):
            after = taken + len(cards[i].aliases)
            more[i] = tuple(dict.fromkeys((folded_terms[i], *aliases[taken:after])))
            taken = after
        names = FoldedNames(folded_terms, more)
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


def groups_by_hash(
    hashes: array[int],
    texts_at: Callable[[Iterable[int]], list[str]],
    batch: int = 20_000,
) -> list[list[int]]:
    """`groups_of` the texts whose hashes are `hashes`, without a table of every text (a
    million texts' took 45 MiB): only texts whose hashes meet are compared, read by
    `texts_at` (the texts at those positions, in order) about `batch` at a time. The
    hashes are sorted a quarter at a time (a million at once: 40 MiB of int objects)."""
    twice: set[int] = set()
    for part in range(_HASH_PARTS):
        ordered = sorted(
            compress(hashes, map(eq, map(and_, hashes, repeat(_HASH_PARTS - 1)), repeat(part)))
        )
        twice.update(compress(ordered, map(eq, ordered, islice(ordered, 1, None))))
    del ordered
    sharing: dict[int, list[int]] = {}  # hash → its positions, in order
    for i in compress(range(len(hashes)), map(twice.__contains__, hashes)):
        sharing.setdefault(hashes[i], []).append(i)
    groups: list[list[int]] = []
    for chosen in _batches(sharing.values(), batch):
        texts = iter(texts_at(chain.from_iterable(chosen)))
        for positions in chosen:
            mine = list(islice(texts, len(positions)))
            if len(set(mine)) == 1:  # a hash's texts are nearly always one text
                groups.append(positions)
            else:
                groups.extend([positions[k] for k in group] for group in groups_of(mine))
    groups.sort()  # by first position: groups are disjoint
    return groups


_HASH_PARTS = 4  # a power of two


def _batches(buckets: Iterable[list[int]], size: int) -> Iterator[list[list[int]]]:
    """The buckets in order, in batches of about `size` positions (one more bucket at most)."""
    batch: list[list[int]] = []
    held = 0
    for bucket in buckets:
        batch.append(bucket)
        held += len(bucket)
        if held >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def declared_related(a: Card, b: Card) -> bool:
    return b.id in a.related or a.id in b.related
