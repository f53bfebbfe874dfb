"""The weak-spot ranking: how much each card (or written item) needs practice, from what
the history knows of it (times asked, missed, confused with another card).
`planning.plan_weak` drills the weakest first."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from exam_sim.enums import Direction
from exam_sim.models import Deck, Question
from exam_sim.units import counted


@dataclass(frozen=True)
class CardHistory:
    """What the history knows of one card, for the weak-spot ranking."""

    seen: int = 0
    wrong: int = 0  # answered wrong or left unanswered
    confused: int = 0  # times another card's option was taken for this one


def weakness(stats: CardHistory | None) -> float:
    """How much a card needs practice, 0..~1.5.

    The miss rate with a Laplace prior, (wrong + 1) / (seen + 2): a card never seen scores
    0.5, one missed every time approaches 1, one always right approaches 0. Each time the
    learner confused it with another card adds 0.1 (capped at 0.5), since a confusion is a
    specific misconception a drill can fix.
    """
    if stats is None:
        return 0.5
    return (stats.wrong + 1) / (stats.seen + 2) + min(0.5, 0.1 * stats.confused)


def rank_weak_cards(deck: Deck, history: Mapping[str, CardHistory]) -> list[str]:
    """The ids of the deck's cards and written items, weakest first; ties keep deck order
    (cards, then items). The history counts an item's answers under its id, as a card's:
    a question bank's missed items come first as a deck's missed cards do."""
    ids = [card.id for card in deck.cards] + [item.id for item in deck.items]
    order = {unit_id: i for i, unit_id in enumerate(ids)}  # ids of their own (`Deck`)
    return sorted(order, key=lambda uid: (-weakness(history.get(uid)), order[uid]))


def weak_name(deck: Deck, unit_id: str) -> str:
    """What the weak-spot list calls a card (its term) or a written item (its stem, on
    one line); an id the deck no longer has, itself."""
    with contextlib.suppress(KeyError):
        return deck.card(unit_id).term
    for item in deck.items:
        if item.id == unit_id:
            return " ".join(item.stem.split())
    return unit_id


class _CardStatsLike(Protocol):
    @property
    def seen(self) -> int: ...
    @property
    def wrong(self) -> int: ...
    @property
    def unanswered(self) -> int: ...


class WeakSpotSource(Protocol):
    """What the weak-spot ranking reads from the history."""

    def card_stats(self, deck_id: str) -> Mapping[str, _CardStatsLike]: ...
    def confused_times(self, deck_id: str) -> Mapping[str, int]: ...


def weak_card_history(history: WeakSpotSource, deck_id: str) -> dict[str, CardHistory]:
    """Per card: times asked, times missed (wrong or blank), times confused with another."""
    confused = history.confused_times(deck_id)
    result = {
        card_id: CardHistory(
            seen=stats.seen,
            wrong=stats.wrong + stats.unanswered,
            confused=confused.get(card_id, 0),
        )
        for card_id, stats in history.card_stats(deck_id).items()
    }
    return result


def weak_note(questions: Sequence[Question], history: Mapping[str, CardHistory]) -> str:
    """How a weak-spot drill's cards and items were chosen, said at its start and in its
    report, so a drill on a fresh history does not look like a random one."""
    units = list(dict.fromkeys(q.card_id for q in questions))
    written = len({q.card_id for q in questions if q.direction is Direction.AUTHORED})
    kinds = ((len(units) - written, "card"), (written, "item"))
    if not any(stats.seen for stats in history.values()):
        plural = " and ".join(f"{noun}s" for n, noun in kinds if n)
        return f"No answers on this deck yet, so these are {plural} you have not seen."
    # Three parts that add up to the drill's cards: a confusion is a miss (another card's
    # option taken for this one's), so it is told among the misses.
    missed = [u for u in units if u in history and history[u].wrong]
    confused = sum(1 for u in missed if history[u].confused)
    unseen = sum(1 for u in units if u not in history or not history[u].seen)
    right = len(units) - len(missed) - unseen
    parts = []
    if missed:
        mistaken = "all" if confused == len(missed) else str(confused)
        parts.append(
            f"{len(missed)} you missed before"
            + (f" ({mistaken} of them mistaken for another card)" if confused else "")
        )
    if right:
        parts.append(f"{right} you answered right before")
    if unseen:
        parts.append(f"{unseen} never seen")
    what = " and ".join(counted(n, noun) for n, noun in kinds if n)
    return f"Chosen by weakness from your history, of {what}: " + ", ".join(parts) + "."
