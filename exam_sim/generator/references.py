"""Cross-references joined into groups: a card whose definition only sends the reader
elsewhere ("See X", "Sinónimo de X"), every card it points to, and every card pointing
to those, closed transitively, are one thing (`DeckIndex.same_group`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def reference_groups(
    referring: Iterable[int], targets_of: Callable[[int], list[int]]
) -> dict[int, frozenset[int]]:
    """Each card of a group of two or more → its group: the `referring` cards joined to
    their `targets_of` (union-find over the linked cards only)."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        parent.setdefault(i, i)
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in referring:
        for j in targets_of(i):
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, set[int]] = {}
    for i in sorted(parent):
        groups.setdefault(find(i), set()).add(i)
    return {i: frozenset(g) for g in groups.values() if len(g) > 1 for i in g}
