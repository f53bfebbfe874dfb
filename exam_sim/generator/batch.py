"""A generator per deck (its index built once), and questions for a whole deck at once
(`exam-sim generate`)."""

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Sequence

from exam_sim.errors import GeneratorError
from exam_sim.generator.questions import QuestionGenerator
from exam_sim.generator.seeds import stable_seed
from exam_sim.models import DEFAULT_OPTIONS, Deck, Direction, Question

# Decks up to this many cards are read whole for the cards that cannot be asked, by
# `check` and by the study units (`QuestionGenerator.can_ask`, about 0.1 ms a card: 2 s
# here); a larger one's sample only, or its cross-references (read from the text alone).
UNASKABLE_READ = 20_000

_GENERATOR_CACHE: OrderedDict[tuple[int, int], QuestionGenerator] = OrderedDict()


def generator_for(deck: Deck, options: int = DEFAULT_OPTIONS) -> QuestionGenerator:
    """A generator for this deck and option count; the deck's index is built only once."""
    key = (id(deck), options)
    cached = _GENERATOR_CACHE.get(key)
    if cached is not None and cached.deck is deck:
        _GENERATOR_CACHE.move_to_end(key)
        return cached
    generator = QuestionGenerator(deck, options=options)
    _GENERATOR_CACHE[key] = generator
    while len(_GENERATOR_CACHE) > 8:
        _GENERATOR_CACHE.popitem(last=False)
    return generator


def generate(
    deck: Deck,
    *,
    count: int | None = None,
    seed: int = 0,
    directions: Sequence[Direction] | None = None,
    options: int = DEFAULT_OPTIONS,
    topics: Sequence[str] | None = None,
) -> list[Question]:
    """Up to `count` questions (all askable cards when None), one per card, cards in a
    seeded random order. A card is asked in one of its directions allowed by `directions`
    (chosen by the seed); question cards are asked whatever the directions. `topics` keeps
    cards of those topic ids; distractors still come from the whole deck."""
    generator = generator_for(deck, options)
    allowed = set(Direction) if directions is None else {Direction(d) for d in directions}
    if allowed & {Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION}:
        allowed |= {
            Direction.QUESTION_TO_ANSWER,
            Direction.ANSWER_TO_QUESTION,
            Direction.TRUE_FALSE,
        }
    wanted_topics = None if topics is None else set(topics)
    cards = [card for card in deck.cards if wanted_topics is None or card.topic in wanted_topics]
    order = random.Random(stable_seed("order", seed, deck.id, options))
    order.shuffle(cards)
    questions: list[Question] = []
    for card in cards:
        if count is not None and len(questions) >= count:
            break
        choices = [d for d in generator.directions_for(card.id) if d in allowed]
        if len(choices) > 1:
            first = random.Random(stable_seed("direction", seed, card.id)).randrange(len(choices))
            choices = choices[first:] + choices[:first]
        for direction in choices:
            try:
                questions.append(generator.question(card.id, direction, seed=seed))
                break
            except GeneratorError:
                continue
    return questions
