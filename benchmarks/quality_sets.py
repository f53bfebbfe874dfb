"""Quality of the generated multiple-response and matching items (run by quality.py,
or alone: `.venv/bin/python benchmarks/quality_sets.py [DECK …] [--seeds 10]`).

Every card that can key such an item is asked with seeds 0..seeds-1. The checks are the
benchmark's own (`quality.Judge`, written apart from the generator's guard):

- invalid: a "(Choose N.)" that is not the number of keys, a term or a definition shown
  twice, a true statement that does not pair a card with its own definition, a matching
  key that is not the prompt's own definition, an option count off;
- second right answers: a false statement whose definition is of a card the judge holds
  to be the same thing as its term's card (so the statement is true after all); in a
  matching item, a response that fits a second prompt;
- shallow solvers that know nothing. Multiple response: a guesser ranks the statements
  by a cue and picks the top N; its score is all-or-nothing, as the exam scores it
  (chance 1/C(options, N)); "top pick is a key" is also shown against its chance N/options.
  Cues: longest, most like the others (central), least like them (odd one out), and the
  one this item type adds, the statement whose term shares the most word stems with its
  definition. Matching: a guesser gives each prompt the response most like it (partial
  ratio; most shared stems), scored per pair (chance 1/responses).
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from exam_sim.authored import choose_count
from exam_sim.generator import GeneratorError, generator_for
from exam_sim.generator.card_sets import can_join
from exam_sim.generator.cues import likeness
from exam_sim.generator.matching import matching
from exam_sim.generator.multiple_response import multiple_response
from exam_sim.lexicon import Lexicon
from exam_sim.models import Card, Deck, Question
from exam_sim.text import fold

SOLVER_LIMIT = 0.35


@dataclass
class SetTally:
    items: int = 0
    failed: int = 0
    invalid: int = 0
    ambiguous: int = 0
    solver: dict[str, list[float]] = field(default_factory=dict)
    top_key: dict[str, list[float]] = field(default_factory=dict)
    chance: list[float] = field(default_factory=list)

    def add(self, name: str, value: float, top: float | None = None) -> None:
        self.solver.setdefault(name, []).append(value)
        if top is not None:
            self.top_key.setdefault(name, []).append(top)


def _top_n(scores: Sequence[float], n: int, rng: random.Random, *, high: bool = True) -> set[int]:
    order = list(range(len(scores)))
    rng.shuffle(order)  # ties broken at random
    order.sort(key=lambda k: -scores[k] if high else scores[k])
    return set(order[:n])


def _mean_likeness(texts: Sequence[str]) -> list[float]:
    matrix = likeness(texts)
    return [sum(row) / (len(row) - 1) for row in matrix]


def judge_multiple(judge: object, deck: Deck, q: Question, tally: SetTally, lexicon: Lexicon,
                   rng: random.Random) -> None:  # fmt: skip
    cards = {c.id: c for c in deck.cards}
    by_definition: dict[str, list[Card]] = {}
    for c in deck.cards:  # a deck may give two cards one definition
        by_definition.setdefault(fold(c.definition), []).append(c)
    keys = set(q.keys)
    terms, definitions = [], []
    bad = choose_count(q.stem) != len(keys) or len(q.options) < len(keys) + 2
    for n, (text, card_id) in enumerate(zip(q.options, q.option_card_ids, strict=True)):
        term = cards[card_id]
        prefix = f"{term.term}: "
        owners = by_definition.get(fold(text.removeprefix(prefix)), [])
        if not text.startswith(prefix) or not owners:
            bad = True
            continue
        said = next((c for c in owners if c.id == term.id), owners[0])
        terms.append(term.id)
        definitions.append(said.id)
        if (said.id == term.id) != (n in keys):
            bad = True
        elif n not in keys and any(judge.same_thing(term, c) for c in owners):  # type: ignore[attr-defined]
            tally.ambiguous += 1
    if len(set(terms)) != len(terms) or len(set(definitions)) != len(definitions):
        bad = True
    tally.invalid += bad
    tally.items += 1
    size, want = len(q.options), len(keys)
    tally.chance.append(1 / math.comb(size, want))
    cues: dict[str, tuple[list[float], bool]] = {
        "longest": ([len(o) for o in q.options], True),
        "most central": (_mean_likeness(q.options), True),
        "odd one out": (_mean_likeness(q.options), False),
        "term echoed in its definition": (
            [
                float(len(lexicon.stems(cards[t].term) & lexicon.stems(cards[d].definition)))
                for t, d in zip(terms, definitions, strict=False)
            ]
            or [0.0] * size,
            True,
        ),
    }
    for name, (scores, high) in cues.items():
        picked = _top_n(scores, want, rng, high=high)
        top = _top_n(scores, 1, rng, high=high)
        tally.add(name, float(picked == keys), float(bool(top & keys)))


def judge_matching(judge: object, deck: Deck, q: Question, tally: SetTally, lexicon: Lexicon,
                   rng: random.Random) -> None:  # fmt: skip
    cards = {c.id: c for c in deck.cards}
    by_term: dict[str, list[Card]] = {}
    for c in deck.cards:  # a deck may give two cards one term (九 read きゅう and く)
        by_term.setdefault(c.term, []).append(c)
    bad = len(q.prompts) != len(q.keys) or len({fold(o) for o in q.options}) != len(q.options)
    for prompt, key in zip(q.prompts, q.keys, strict=False):
        card = next((c for c in by_term.get(prompt, []) if c.id == q.option_card_ids[key]), None)
        if card is None:
            bad = True
            continue
        if cards[q.option_card_ids[key]].definition != q.options[key]:
            bad = True
        for n, other in enumerate(q.option_card_ids):
            if n != key and judge.same_thing(card, cards[other]):  # type: ignore[attr-defined]
                tally.ambiguous += 1
    tally.invalid += bad
    tally.items += 1
    tally.chance.append(1 / len(q.options))
    solvers: dict[str, Callable[[str, str], float]] = {
        "most like the prompt": lambda p, o: fuzz.partial_ratio(p, o, processor=default_process),
        "most stems shared with the prompt": lambda p, o: float(
            len(lexicon.stems(p) & lexicon.stems(o))
        ),
    }
    for name, cue in solvers.items():
        right = 0.0
        for prompt, key in zip(q.prompts, q.keys, strict=False):
            scores = [cue(prompt, option) for option in q.options]
            best = max(scores)
            winners = [n for n, s in enumerate(scores) if s == best]
            right += (key in winners) / len(winners)
        tally.add(name, right / len(q.prompts))


def run_sets(deck: Deck, seeds: int) -> dict[str, SetTally]:
    from quality import Judge  # the benchmark's own second-answer checks

    judge = Judge(deck)
    generator = generator_for(deck)
    lexicon = generator.index.lexicon
    tallies = {"multiple response": SetTally(), "matching": SetTally()}
    makers = {"multiple response": (multiple_response, judge_multiple),
              "matching": (matching, judge_matching)}  # fmt: skip
    rng = random.Random(0)
    for card in deck.cards:
        if not can_join(generator, card.id):
            continue
        for seed in range(seeds):
            for name, (make, check) in makers.items():
                try:
                    question = make(generator, card.id, seed=seed)
                except GeneratorError:
                    tallies[name].failed += 1
                    continue
                check(judge, deck, question, tallies[name], lexicon, rng)
    return tallies


def report_sets(deck: Deck, seeds: int) -> list[str]:
    """Print the table; return the problems (empty: PASS)."""
    tallies = run_sets(deck, seeds)
    print(f"\n#### Generated multiple response and matching: {deck.id}, seeds 0–{seeds - 1}\n")
    print("| metric | multiple response | matching |\n|---|---|---|")

    def cell(tally: SetTally, value: Callable[[SetTally], str]) -> str:
        return value(tally) if tally.items else "—"

    rows: list[tuple[str, Callable[[SetTally], str]]] = [
        ("items", lambda t: str(t.items)),
        ("not buildable", lambda t: str(t.failed)),
        ("invalid items", lambda t: str(t.invalid)),
        ("second right answers", lambda t: str(t.ambiguous)),
        ("chance (all-or-nothing / per pair)", lambda t: f"{statistics.fmean(t.chance):.2f}"),
    ]
    names = sorted({n for t in tallies.values() for n in t.solver})
    for name in names:
        rows.append((f"solver: {name}", lambda t, n=name: (
            f"{statistics.fmean(t.solver[n]):.2f}" if n in t.solver else "—")))  # fmt: skip
    for name in names:
        rows.append((f"top pick is a key: {name}", lambda t, n=name: (
            f"{statistics.fmean(t.top_key[n]):.2f}" if n in t.top_key else "—")))  # fmt: skip
    for label, value in rows:
        mr, mt = tallies["multiple response"], tallies["matching"]
        print(f"| {label} | {cell(mr, value)} | {cell(mt, value)} |")
    problems = []
    for kind, tally in tallies.items():
        if tally.invalid or tally.ambiguous:
            problems.append(f"{kind}: {tally.invalid} invalid, {tally.ambiguous} second answers")
        for name, scores in tally.solver.items():
            if tally.items >= 20 and statistics.fmean(scores) > SOLVER_LIMIT:
                problems.append(f"{kind} {name} {statistics.fmean(scores):.2f}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    from quality import default_decks, load_spec

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("decks", nargs="*")
    parser.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args(argv)
    failed = []
    for spec in args.decks or default_decks():
        deck = load_spec(spec)
        if len(deck.cards) < 6:
            continue
        problems = report_sets(deck, args.seeds)
        print(f"\nverdict: {'FAIL: ' + '; '.join(problems) if problems else 'PASS'}")
        if problems:
            failed.append(deck.id)
    print(f"\noverall: {'FAIL on ' + ', '.join(failed) if failed else 'PASS on every deck'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
