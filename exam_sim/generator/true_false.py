"""True-or-false items: a question card answered by a bare yes/no, or a claim in a deck of
claims ("S3 is a block storage service": "False"; `cues.bare_answers`)."""

from __future__ import annotations

import random

from exam_sim.generator.index import DeckIndex
from exam_sim.generator.wording import card_line, flip_yes_no, statement_verdict
from exam_sim.models import Direction, Question
from exam_sim.units import TRUE_FALSE_PROMPT


def true_false_question(ix: DeckIndex, i: int, rng: random.Random, seed: int) -> Question:
    """ "True or false?" for card i: a question card's yes/no answer shown as it is or as its
    opposite, each with probability ½, or a claim shown as it is."""
    card = ix.cards[i]
    if not ix.is_question[i]:  # a claim: is it true?
        truthful = statement_verdict(card.term, card.definition) is True
        stem = f"{TRUE_FALSE_PROMPT}\n{card.term}"
    else:
        word = ix.yes_no[i]  # `directions_for` only offers TRUE_FALSE then
        truthful = rng.random() < 0.5
        shown = word if truthful else flip_yes_no(word)
        stem = f"{TRUE_FALSE_PROMPT}\n{card.term}\nAnswer: {shown}"
    return Question(
        id=f"{card.id}:{Direction.TRUE_FALSE.value}:{seed}",
        card_id=card.id,
        topic=card.topic,
        direction=Direction.TRUE_FALSE,
        stem=stem,
        options=("True", "False"),
        option_card_ids=(card.id, card.id),
        answer=0 if truthful else 1,
        explanations=(card_line(card), card_line(card)),
    )
