"""What a cross-reference points at: its target ("See X", "Alternative spelling of X":
`lexicon.cross_reference_target`) resolved to the deck's cards by their folded names.

One reading for the generator's index (`DeckIndex.points_elsewhere`, the "same thing"
groups) and the study units (`schedule.units`), which must agree: a card the index never
asks is no unit either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from exam_sim.lexicon import cross_reference_target, norm, split_target, words


def own_name(target: str, names: Iterable[str]) -> bool:
    """Is a reference's `target` (`cross_reference_target`) one of these names, a card's
    own, spelled another way? Contained in one once both are folded and compacted:
    "Alternative spelling of Abriss" is der Abriß, -e's, which it would be asked as
    "Alternative spelling of ____" (nothing of its own to ask)."""
    compact = "".join(target.split())
    return len(compact) >= 3 and any(compact in "".join(words(name)) for name in names)


def refers_away(
    i: int, target: str, resolve: Callable[[str], list[int]], names: Iterable[str]
) -> bool:
    """Does card i's reference (`target`, its `cross_reference_target`) send the reader to
    another card (`resolved` by `resolve`), or to its own name spelled another way
    (`own_name`, `names`: card i's)? Then it is never asked: the generator's index and the
    study units read it so."""
    return any(j != i for j in resolved(target, resolve)) or own_name(target, names)


def names_by_norm(names: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    """Each folded name → the positions of the cards it names (`names`: each card's names,
    `every_name`, in deck order): what `resolved` resolves a reference's target against,
    for the generator's index and the study units alike."""
    found: dict[str, list[int]] = {}
    for i, card_names in enumerate(names):
        for name in card_names:
            if key := norm(name):
                found.setdefault(key, []).append(i)
    return found


def referred(definition: str, resolve: Callable[[str], list[int]]) -> list[int]:
    """The cards `definition` sends the reader to: its cross-reference's target
    (`cross_reference_target`) resolved to cards by `resolve` (a folded name → the cards
    it names), else each of its pieces ("See X and Y"): `resolved`, which the generator's
    index and the study units (`schedule.units`) both read references with."""
    target = cross_reference_target(definition)
    return [] if target is None else resolved(target, resolve)


def resolved(target: str, resolve: Callable[[str], list[int]]) -> list[int]:
    """The cards a reference's `target` (`cross_reference_target`) names: the whole of
    it, else each of its pieces ("See X and Y"), by `resolve`."""
    found = resolve(target)
    if not found:
        for piece in split_target(target):
            found += resolve(piece)
    return found
