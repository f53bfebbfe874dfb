"""The weak-spot ranking: how much each card needs practice, from what the history knows
of it (times asked, missed, confused with another card). `planning.plan_weak` drills the
weakest first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from exam_sim.models import Deck


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
    """Card ids, weakest first; ties keep deck order."""
    order = {card.id: i for i, card in enumerate(deck.cards)}
    return sorted(order, key=lambda cid: (-weakness(history.get(cid)), order[cid]))


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
