"""Do made numbers give the key away? A number asked for, with too few of the deck's own
numbers near it, gets wrong options made near it (`exam_sim/generator/numbers.py`). A
guesser who knows nothing of the subject may still read the layout: pick the option in the
middle, the one nearest the options' mean, or the one halfway between the least and the
greatest. Each should score chance.

    .venv/bin/python benchmarks/made_numbers.py [--seeds 300]

The decks: the trivia bank of tests/data (7 numeric answers among 32) and a deck made here
of 16 numbers of every size and unit (a count, a year, a decimal, a share, a temperature
below zero, a million with separators, a speed…), two dates and four ranges ("60–100",
"7.35–7.45", "1914–1918", "135–145 mmol/L": made ranges are as wide, moved by half their
width) among 20 word cards. Each
numeric card is asked with `--seeds` seeds, 4 options.

The reference, measured in the same run on the same keys: the obvious way to make numbers
near a key, three distinct offsets drawn on either side of it within the same reach and
step (a window centred on the key). It puts the key near the middle of its options, which
the guesser's "nearest the mean" and "halfway" read.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from exam_sim.decks import load_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.numbers import NumberAnswer, layout, number_answer
from exam_sim.models import Deck, make_card
from exam_sim.units import is_made

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
OPTIONS = 4
NUMBERS = [
    "7", "12", "46", "206", "365", "1024", "3.14", "0.5", "25%", "1,000,000", "1492", "1815",
    "32 °F", "8 kg", "-40 °C", "60 km/h", "15 June 1215", "July 20, 1969",
    "60–100", "7.35–7.45", "1914–1918", "135–145 mmol/L",
]  # fmt: skip
WORDS = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
    "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
    "sierra", "tango",
]  # fmt: skip

Guesser = Callable[[Sequence[float]], int]


def _ranked(place: int) -> Guesser:
    """The option at this place in numerical order (0 the least, -1 the greatest)."""
    return lambda values: sorted(range(len(values)), key=values.__getitem__)[place]


def _nearest_mean(values: Sequence[float]) -> int:
    mean = statistics.fmean(values)  # for 4 options, also halfway between the ends
    return min(range(len(values)), key=lambda n: abs(values[n] - mean))


GUESSERS: dict[str, Guesser] = {
    "the least": _ranked(0),
    "the second": _ranked(1),
    "the third": _ranked(2),
    "the greatest": _ranked(-1),
    "nearest the mean (or halfway between the ends)": _nearest_mean,
}


def numbers_deck() -> Deck:
    cards = [make_card(f"Code word {w}", f"the word {w} in the phonetic alphabet") for w in WORDS]
    cards += [make_card(f"Quantity {chr(65 + n)}", v) for n, v in enumerate(NUMBERS)]
    return Deck(id="numbers", title="Numbers of every kind", cards=tuple(cards))


def centred(key: NumberAnswer, rng: random.Random) -> list[float]:
    """The reference: the key, then three numbers drawn on either side of it, within the
    reach and in the steps the generator uses (`numbers.layout`)."""
    step, span = layout(key, OPTIONS - 1)
    offsets = rng.sample([m for m in range(-span, span + 1) if m], OPTIONS - 1)
    return [float(key.value) + m * step * 10.0**-key.places for m in [0, *offsets]]


def run(deck: Deck, seeds: int) -> tuple[dict[str, list[int]], int, int]:
    """Each guesser's hits over the deck's made-number questions, and for the reference;
    how many questions; how many numeric cards."""
    generator = QuestionGenerator(deck, options=OPTIONS)
    hits: dict[str, list[int]] = {name: [0, 0] for name in GUESSERS}
    asked = cards = 0
    for card in deck.cards:
        key = number_answer(card.definition)
        if key is None:
            continue
        cards += 1
        direction = generator.directions_for(card.id)[-1]  # the one with numbers as options
        for seed in range(seeds):
            question = generator.question(card.id, direction, seed=seed)
            if not any(map(is_made, question.explanations)):
                continue  # the deck's own numbers were drawn
            asked += 1
            read = [number_answer(o) for o in question.options]
            values = [float(n.value) for n in read if n is not None]
            reference = centred(key, random.Random(seed))
            for name, guess in GUESSERS.items():
                hits[name][0] += guess(values) == question.answer
                hits[name][1] += guess(reference) == 0
    return hits, asked, cards


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=300)
    args = parser.parse_args(argv)
    decks = [load_deck(DATA / "trivia-question-bank.csv"), numbers_deck()]
    for deck in decks:
        started = time.perf_counter()
        hits, asked, cards = run(deck, args.seeds)
        took = time.perf_counter() - started
        print(f"\n### {deck.title}: {cards} numeric cards, {asked} questions with made numbers")
        print(f"(chance {1 / OPTIONS:.3f}; {took:.1f} s)\n")
        print("| a guesser picks | exam-sim | reference: window centred on the key |")
        print("|---|---|---|")
        for name, (ours, theirs) in hits.items():
            print(f"| {name} | {ours / max(asked, 1):.3f} | {theirs / max(asked, 1):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
