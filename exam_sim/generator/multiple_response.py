"""Multiple-response items from cards: "Which TWO statements are correct? (Choose TWO.)".

Each option is a statement "term: definition". The true ones pair a card with its own
definition; the false ones pair a card with the definition of another card of the same set
(`card_sets.card_set`: neighbours from the key's area, pairwise not the same thing), so a
false statement is provably false under the single-answer generator's own guard. Every
term and every definition is shown once (a term shown twice would tell that one of its
statements is true), and exactly N statements are true, as the stem says.

Shallow cues: besides the single-answer cues (`cues.py`), a statement whose definition
repeats words of its own term looks true. Of the arrangements a set allows (which cards
are true, which false pairing), one is drawn so that a guesser picking the statements
whose term and definition share the most word stems scores about chance
(`benchmarks/quality.py` measures it).
"""

from __future__ import annotations

import itertools
import random

from exam_sim.enums import Direction, ItemKind
from exam_sim.errors import GeneratorError
from exam_sim.generator.card_sets import card_set
from exam_sim.generator.questions import QuestionGenerator
from exam_sim.generator.seeds import stable_seed
from exam_sim.generator.wording import card_line
from exam_sim.lexicon import Lexicon
from exam_sim.models import Card, Question

__all__ = ["KEY_WORDS", "multiple_response", "statement"]

KEY_WORDS = {2: "TWO", 3: "THREE", 4: "FOUR"}
DEFAULT_OPTIONS = 5  # AWS multiple-response items: 2 keys of 5, or 3 of 6 or more


def statement(term: str, definition: str) -> str:
    return f"{term}: {definition}"


def multiple_response(
    generator: QuestionGenerator,
    card_id: str,
    *,
    seed: int,
    keys: int = 2,
    options: int = DEFAULT_OPTIONS,
) -> Question:
    """The multiple-response item of this key card and seed (always the same one)."""
    if keys not in KEY_WORDS or not keys < options - 1:
        raise GeneratorError(f"{keys} keys of {options} options cannot be asked")
    rng = random.Random(stable_seed(seed, card_id, "multiple", keys, options))
    cards = card_set(generator, card_id, options, rng=rng)
    arrangement = _arrangement(cards, keys, rng, generator.index.lexicon)
    order = list(range(options))
    rng.shuffle(order)
    shown = [arrangement[n] for n in order]
    word = KEY_WORDS[keys]
    return Question(
        id=f"{card_id}:multiple:{seed}",
        card_id=card_id,
        topic=cards[0].topic,
        direction=Direction.CARD_SET,
        kind=ItemKind.MULTIPLE,
        stem=f"Which {word} statements are correct? (Choose {word}.)",
        options=tuple(statement(term.term, said.definition) for term, said in shown),
        option_card_ids=tuple(term.id for term, _ in shown),
        answer=next(n for n, (term, said) in enumerate(shown) if term is said),
        keys=tuple(n for n, (term, said) in enumerate(shown) if term is said),
        explanations=tuple(_why(term, said) for term, said in shown),
    )


def _why(term: Card, said: Card) -> str:
    if term is said:
        return f"True. {card_line(term)}"
    return f"False: that describes {said.term}. {card_line(term)}"


def _echo(term: Card, said: Card, lexicon: Lexicon) -> int:
    """Word stems a statement's term shares with its definition: the 'looks true' cue."""
    return len(lexicon.stems(term.term) & lexicon.stems(said.definition))


def _arrangement(
    cards: list[Card], keys: int, rng: random.Random, lexicon: Lexicon
) -> list[tuple[Card, Card]]:
    """(term card, definition card) per statement: the key card and keys-1 others true,
    the rest paired in a cycle. Drawn so the echo cue tops a key no more than chance."""
    candidates: list[list[tuple[Card, Card]]] = []
    for others in itertools.combinations(range(1, len(cards)), keys - 1):
        true = [0, *others]
        false = [n for n in range(len(cards)) if n not in true]
        for shift in range(1, len(false)):
            pairs = [(cards[n], cards[n]) for n in true]
            pairs += [
                (cards[false[k]], cards[false[(k + shift) % len(false)]]) for k in range(len(false))
            ]
            candidates.append(pairs)
    if not candidates:
        raise GeneratorError("too few cards for a multiple-response item")
    # Whether the statement most like its own term is true in this item, at the chance
    # a guesser would have (keys of options); then any arrangement that agrees.
    want_top = rng.random() < keys / len(cards)
    fitting = [c for c in candidates if _key_tops(c, lexicon) is want_top]
    return rng.choice(fitting or candidates)


def _key_tops(pairs: list[tuple[Card, Card]], lexicon: Lexicon) -> bool:
    scores = [_echo(term, said, lexicon) for term, said in pairs]
    best = max(scores)
    return best > 0 and any(
        score == best and term is said for score, (term, said) in zip(scores, pairs, strict=True)
    )
