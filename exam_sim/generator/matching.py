"""Matching items from cards: 3 to 7 terms, each matched to its definition, among the
definitions of the set and one or more distractor definitions (credit only when every
pair is right, as AWS scores it).

The cards come from `card_sets.card_set`: neighbours of the key card, pairwise not the
same thing, so no definition fits two of the terms, and the distractor definitions fit
none of them. Definitions are shown as written (only cards asked term → definition take
part, whose definitions neither name nor repeat their own term).

Shallow cues: a guesser who gives each term the definition most like it (`cues.surface`:
spelled most like it, most word stems shared) finds the pairs where a definition is
spelled like its own term: cognates ("abomena" → "abominable"), a term repeated in its
gloss. The set is grown a few cards larger than the item (`SPARE`), and of the ways to
choose its terms (the key card always one) and its distractor definitions, one is drawn
whose guesser score is nearest a target drawn at chance: a look-alike pair is left out,
made a distractor, or asked beside look-alikes that cross (a definition like another
term), so the guesser scores about chance per pair (`benchmarks/quality_sets.py`).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

from exam_sim.authored import MAX_PAIRS, MIN_PAIRS
from exam_sim.enums import Direction, ItemKind
from exam_sim.errors import GeneratorError
from exam_sim.generator.card_sets import card_set
from exam_sim.generator.cues import surface
from exam_sim.generator.ordering import in_numeric_order
from exam_sim.generator.questions import QuestionGenerator
from exam_sim.generator.seeds import stable_seed
from exam_sim.generator.wording import card_line
from exam_sim.lexicon import Lexicon
from exam_sim.models import Card, Question

__all__ = ["DEFAULT_PAIRS", "STEM", "matching"]

DEFAULT_PAIRS = 4
STEM = "Match each term to its description; each description is used once at most."
SPARE = 3  # cards grown beyond the item's, to choose from
_MAX_CHOICES = 400  # arrangements weighed at most (7 pairs of 11 cards has thousands)


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
    size = pairs + extra
    grown = card_set(generator, card_id, size + SPARE, rng=rng, at_least=size)
    prompts, responses = _arrangement(grown, pairs, extra, rng, generator.index.lexicon)
    rng.shuffle(prompts)
    rng.shuffle(responses)
    prompts = in_numeric_order(prompts, [card.term for card in prompts])
    responses = in_numeric_order(responses, [card.definition for card in responses])
    return Question(
        id=f"{card_id}:matching:{seed}",
        card_id=card_id,
        topic=grown[0].topic,
        direction=Direction.CARD_SET,
        kind=ItemKind.MATCHING,
        stem=STEM,
        prompts=tuple(card.term for card in prompts),
        options=tuple(card.definition for card in responses),
        option_card_ids=tuple(card.id for card in responses),
        answer=responses.index(prompts[0]),
        keys=tuple(responses.index(card) for card in prompts),
        explanations=tuple(
            card_line(card) + ("" if card in prompts else " (none of the terms shown)")
            for card in responses
        ),
    )


def _arrangement(
    cards: list[Card], pairs: int, extra: int, rng: random.Random, lexicon: Lexicon
) -> tuple[list[Card], list[Card]]:
    """(prompts, responses): the key card and pairs-1 others asked, their definitions and
    `extra` others' shown; drawn so a most-alike guesser scores about chance per pair."""
    # likeness[cue][i][j]: how much card j's definition looks like card i's term.
    table = [surface(c.definition, t.term, lexicon)[1:] for t in cards for c in cards]
    size = len(cards)
    likeness = [
        [[table[i * size + j][cue] for j in range(size)] for i in range(size)]
        for cue in range(len(table[0]))
    ]
    choices = [
        (asked, shown)
        for others in itertools.combinations(range(1, size), pairs - 1)
        for shown in itertools.combinations([n for n in range(1, size) if n not in others], extra)
        for asked in [(0, *others)]
    ]
    if len(choices) > _MAX_CHOICES:
        choices = [choices[0], *rng.sample(choices[1:], _MAX_CHOICES - 1)]
    responses_count = pairs + extra
    # How many pairs a guesser who knew nothing would get right: drawn at chance.
    target = sum(rng.random() < 1 / responses_count for _ in range(pairs)) / pairs

    def cost(choice: tuple[tuple[int, ...], tuple[int, ...]]) -> float:
        asked, shown = choice
        responses = [*asked, *shown]
        return sum(abs(_guesser_credit(cue, asked, responses) - target) for cue in likeness)

    costs = [cost(choice) for choice in choices]
    best = min(costs)
    asked, shown = rng.choice([c for c, v in zip(choices, costs, strict=True) if v == best])
    return [cards[n] for n in asked], [cards[n] for n in (*asked, *shown)]


def _guesser_credit(
    likeness: Sequence[Sequence[float]], asked: Sequence[int], responses: Sequence[int]
) -> float:
    """The share of pairs a guesser gets right giving each term the most alike response
    (a tie: one of the tied at random)."""
    credit = 0.0
    for card in asked:
        scores = [likeness[card][r] for r in responses]
        best = max(scores)
        tied = sum(score == best for score in scores)
        credit += (likeness[card][card] == best) / tied
    return credit / len(asked)
