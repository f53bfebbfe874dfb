"""Where a mock's questions come from, topic by topic (`planning.plan_mock`): a topic's
slots all listed (a deck up to `planning.EXACT_PLAN_LIMIT` cards), or drawn card by card
as far as they are asked for (a larger one), and the slots left over that stand in for a
question the generator cannot make."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

from exam_sim.exam.items import Slot

if TYPE_CHECKING:
    from exam_sim.exam.planning import QuestionSource

# Topics larger than this are drawn from by random picks instead of a full shuffle.
SHUFFLE_LIMIT = 4_096


class SlotSupply(Protocol):
    """A topic's slots as a mock takes them: how many it has up to `count`, how many are
    left after `taken`, the first `count`."""

    def at_most(self, count: int) -> int: ...
    def spare(self, taken: int) -> int: ...
    def first(self, count: int) -> list[Slot]: ...


class ListedSlots:
    """A topic's slots, all known."""

    def __init__(self, slots: list[Slot]) -> None:
        self.slots = slots

    def at_most(self, count: int) -> int:
        return min(count, len(self.slots))

    def spare(self, taken: int) -> int:
        return len(self.slots) - taken

    def first(self, count: int) -> list[Slot]:
        return self.slots[:count]


class DrawnSlots:
    """A large topic's slots in the order `planning._slots_for_topic` gives them (one per
    card, a random direction, then the other directions), found only as far as they are
    asked for: cards are drawn in a seeded random order and each drawn card is asked
    whether it can be asked. The other directions come only after every card is drawn."""

    def __init__(self, source: QuestionSource, cards: list[str], rng: random.Random) -> None:
        self.source = source
        self.cards = cards
        self.rng = rng
        self.order = random_order(cards, rng)
        self.firsts: list[Slot] = []
        self.seconds: list[Slot] = []
        self.drawn = 0
        self.exhausted = False

    def _draw(self, count: int) -> None:
        while len(self.firsts) < count and not self.exhausted:
            card_id = next(self.order, None)
            if card_id is None:
                self.exhausted = True
                break
            self.drawn += 1
            directions = list(self.source.directions_for(card_id))
            if directions:
                self.rng.shuffle(directions)
                self.firsts.append((card_id, directions[0]))
                self.seconds.extend((card_id, d) for d in directions[1:])

    def at_most(self, count: int) -> int:
        self._draw(count)
        if self.exhausted:
            return min(count, len(self.firsts) + len(self.seconds))
        return min(count, len(self.firsts))

    def spare(self, taken: int) -> int:
        """Slots left after `taken`: exact once every card was drawn, else at most two per
        card not yet drawn (an upper bound, used only to break a tie between topics)."""
        known = len(self.firsts) + len(self.seconds)
        return known - taken + (0 if self.exhausted else 2 * (len(self.cards) - self.drawn))

    def first(self, count: int) -> list[Slot]:
        self._draw(count)
        return (self.firsts + self.seconds)[:count] if self.exhausted else self.firsts[:count]


def stand_ins(
    supply: Mapping[str | None, SlotSupply], take: Mapping[str | None, int], order: list[str | None]
) -> Iterator[Slot]:
    """The slots a mock did not take, a topic at a time in blueprint order and round
    again, to stand in for a question the generator cannot make: the mock keeps its
    length while the deck can (six acronyms no question could be made of left a mock of
    24 at 18). Found only as far as asked for (a large topic's are drawn)."""
    beyond = 1
    while True:
        found = False
        for topic in order:
            slots = supply[topic].first(take[topic] + beyond)
            if len(slots) == take[topic] + beyond:
                found = True
                yield slots[-1]
        if not found:
            return
        beyond += 1


def random_order(items: list[str], rng: random.Random) -> Iterator[str]:
    """The items in a seeded random order, produced lazily: a few picks from a large list
    cost a few draws, not a shuffle of the whole list."""
    if len(items) <= SHUFFLE_LIMIT:
        shuffled = list(items)
        rng.shuffle(shuffled)
        yield from shuffled
        return
    seen: set[int] = set()
    # Random picks while most items are still unseen (few repeats), then the rest shuffled.
    while len(seen) < len(items) // 2:
        k = rng.randrange(len(items))
        if k not in seen:
            seen.add(k)
            yield items[k]
    rest = [item for k, item in enumerate(items) if k not in seen]
    rng.shuffle(rest)
    yield from rest
