"""Items of several kinds from cards: single answer (`questions.py`), multiple response
(`multiple_response.py`) and matching (`matching.py`), one per card, cards in a seeded
order, the kinds taken in turn (a card that cannot key one kind gives the next)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from exam_sim.enums import ItemKind
from exam_sim.errors import TOO_FEW_OPTIONS, GeneratorError
from exam_sim.generator.batch import generator_for
from exam_sim.generator.matching import matching
from exam_sim.generator.multiple_response import multiple_response
from exam_sim.generator.questions import QuestionGenerator
from exam_sim.generator.seeds import stable_seed
from exam_sim.models import Deck, Question

__all__ = ["GENERATED_KINDS", "generate_kinds", "item_for"]

# The kinds generated from cards (ordering needs steps only an author knows).
GENERATED_KINDS = (ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.MATCHING)


def item_for(generator: QuestionGenerator, card_id: str, kind: ItemKind, *, seed: int) -> Question:
    """One item of this kind keyed on this card (GeneratorError when it cannot be built)."""
    if kind is ItemKind.MULTIPLE:
        return multiple_response(generator, card_id, seed=seed)
    if kind is ItemKind.MATCHING:
        return matching(generator, card_id, seed=seed)
    if kind is not ItemKind.SINGLE:
        raise GeneratorError(f"{kind.label} items are not generated from cards")
    directions = generator.directions_for(card_id)
    if not directions:
        raise GeneratorError(f"card {card_id!r} cannot be asked")
    start = random.Random(stable_seed("direction", seed, card_id)).randrange(len(directions))
    reasons = []
    for direction in directions[start:] + directions[:start]:
        try:
            return generator.question(card_id, direction, seed=seed)
        except GeneratorError as error:
            reasons.append(error.reason)
    # The first direction's reason: the one the card was to be asked in.
    raise GeneratorError(
        f"card {card_id!r} cannot be asked in any direction", reason=reasons[0] or TOO_FEW_OPTIONS
    )


def generate_kinds(
    deck: Deck,
    kinds: Sequence[ItemKind],
    *,
    count: int | None = None,
    seed: int = 0,
    topics: Sequence[str] | None = None,
) -> list[Question]:
    """Up to `count` items (one per card; all cards when None) of the given kinds, in turn."""
    if not kinds:
        raise GeneratorError("no item kind asked for")
    generator = generator_for(deck)
    wanted = None if topics is None else set(topics)
    cards = [card for card in deck.cards if wanted is None or card.topic in wanted]
    random.Random(stable_seed("order", seed, deck.id, "kinds")).shuffle(cards)
    items: list[Question] = []
    for card in cards:
        if count is not None and len(items) >= count:
            break
        turn = len(items) % len(kinds)
        for kind in (*kinds[turn:], *kinds[:turn]):
            try:
                items.append(item_for(generator, card.id, kind, seed=seed))
                break
            except GeneratorError:
                continue
    return items
