"""What `check` reports and how it names cards, shared by its passes (check.py,
definition_findings.py, synonym_findings.py, audit.py, item_lint.py): a `Finding`, the
way a finding names a card or a group of cards, and how repeated texts are grouped.
Each card's texts folded for the passes are in folded.py."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, compress, islice, repeat
from operator import and_, eq
from typing import Literal

from exam_sim.models import Card, CardPlaces

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


def split_by_marks(group: Sequence[int], apart: Callable[[int, int], bool]) -> list[list[int]]:
    """A group of cards whose terms fold to one, split where their marks tell two words
    apart ("schön", "schon") or their signs ("\\d", "\\D": `DeckIndex.names_apart`); the
    generator may offer those together, so they are no duplicates."""
    parts: list[list[int]] = []
    for i in group:
        for part in parts:
            if not apart(part[0], i):
                part.append(i)
                break
        else:
            parts.append([i])
    return parts


def by_kind(findings: list[Finding]) -> str:
    """How many findings of each kind, errors first, then the most frequent: "123
    self-naming, 15 cross-reference, 1 no-topics" (140 lines of findings read at a glance)."""
    counts = Counter((SEVERITY_ORDER[f.severity], f.code) for f in findings)
    ordered = sorted(counts.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
    return ", ".join(f"{count} {code}" for (_, code), count in ordered)


def named(cards: Sequence[Card], group: Sequence[int], places: CardPlaces) -> str:
    """The cards of a group as a finding names them: the first GROUP_SHOWN, then how many
    more (a group can hold thousands; the finding's card ids still list every one)."""
    shown = ", ".join(label(cards[i], places) for i in group[:GROUP_SHOWN])
    return shown + (f" and {len(group) - GROUP_SHOWN} more" if len(group) > GROUP_SHOWN else "")


def label(card: Card, places: CardPlaces) -> str:
    """How a finding names a card: its term, and its place when the file said, as the
    deck counts them (`Deck.card_places`: "line 4", "row 4", "page 4", "slide 4")."""
    term = " ".join(card.term.split())
    if len(term) > 70:
        term = term[:69].rstrip() + "…"
    return f"'{term}' ({places} {card.line})" if card.line is not None else f"'{term}'"


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
