"""Question sources for planning tests: stand-ins for the generator, which ask every card
in one direction only."""

from __future__ import annotations

from exam_sim.models import Deck, Direction, Question


class OneWaySource:
    """A question source that asks every card in one direction only."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck

    def directions_for(self, card_id: str) -> tuple[Direction, ...]:
        return (Direction.DEFINITION_TO_TERM,)

    def question(self, card_id: str, direction: Direction, *, seed: int) -> Question:
        card = self.deck.card(card_id)
        others = [c for c in self.deck.cards if c.id != card_id][:1]
        return Question(
            id=f"{card_id}:{seed}",
            card_id=card_id,
            topic=card.topic,
            direction=direction,
            stem=card.definition,
            options=(card.term, others[0].term),
            option_card_ids=(card.id, others[0].id),
            answer=0,
        )
