"""Matching items from cards: 3 to 7 terms, each matched to its definition, among the
definitions of the set and one or more distractor definitions (credit only when every
pair is right, as AWS scores it).

The cards come from `card_sets.card_set`: neighbours of the key card, pairwise not the
same thing, so no definition fits two of the terms, and the distractor definitions fit
none of them. Definitions are shown as written (only cards asked term → definition take
part, whose definitions neither name nor repeat their own term).
"""

from __future__ import annotations

import random

from exam_sim.authored import MAX_PAIRS, MIN_PAIRS
from exam_sim.enums import Direction, ItemKind
from exam_sim.errors import GeneratorError
from exam_sim.generator.card_sets import card_set
from exam_sim.generator.questions import QuestionGenerator, stable_seed
from exam_sim.models import Question

__all__ = ["DEFAULT_PAIRS", "STEM", "matching"]

DEFAULT_PAIRS = 4
STEM = "Match each term to its description. Each description is used once at most."


def matching(
    generator: QuestionGenerator,
    card_id: str,
    *,
    seed: int,
    pairs: int = DEFAULT_PAIRS,
    extra: int = 1,
) -> Question:
    """The matching item of this key card and seed (always the same one)."""
    if not MIN_PAIRS <= pairs <= MAX_PAIRS or extra < 0:
        raise GeneratorError(f"a matching item has {MIN_PAIRS} to {MAX_PAIRS} pairs, not {pairs}")
    rng = random.Random(stable_seed(seed, card_id, "matching", pairs, extra))
    cards = card_set(generator, card_id, pairs + extra, rng=rng)
    prompts = cards[:pairs]
    rng.shuffle(prompts)
    responses = list(cards)
    rng.shuffle(responses)
    return Question(
        id=f"{card_id}:matching:{seed}",
        card_id=card_id,
        topic=cards[0].topic,
        direction=Direction.CARD_SET,
        kind=ItemKind.MATCHING,
        stem=STEM,
        prompts=tuple(card.term for card in prompts),
        options=tuple(card.definition for card in responses),
        option_card_ids=tuple(card.id for card in responses),
        answer=responses.index(prompts[0]),
        keys=tuple(responses.index(card) for card in prompts),
        explanations=tuple(
            f"{card.term} — {card.definition}"
            + ("" if card in prompts else " (none of the terms shown)")
            for card in responses
        ),
    )
