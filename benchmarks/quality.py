"""Question quality: our generator against a random-distractor baseline, side by side.

    .venv/bin/python benchmarks/quality.py [DECK …] [--seeds 10] [--options 4]

DECK is a bundled id, library id or path (default: the bundled AWS deck). Every card is
asked in every direction it allows, with seeds 0..seeds-1. The checks here are written
independently of the generator's own rules, so a bug there shows up here:

- invalid: wrong option count, repeated option text, key missing or present twice, answer
  index not on the key, an empty option;
- ambiguous: a distractor that is the key under another name (alias, spelling variant,
  plural), has nearly the key's definition, is `related` to it, or is a cross-reference card
  ("See X", "Sinónimo de X") between the two;
- leaks: the key's term or an alias shows in the stem (definition → term) or in the right
  option (term → definition), any case, plural, hyphen or space variant; "eliminable"
  counts distractors the stem rules out by naming them (or that name the asked term);
- on-topic: share of distractors from the key's topic, over keys whose topic has at least
  2 × options cards;
- variety: distinct distractor sets per card over the seeds;
- shallow solvers that know nothing (ties share the credit): longest option; highest
  rapidfuzz partial_ratio to the stem; most words shared with the stem; odd one out (lowest
  mean fuzz.ratio to the other options); plus "lone blank" (the only option with a blank).
  Chance is 1/options.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence

from _decks import DEFAULT_DECK, load
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from exam_sim.generator import GeneratorError, QuestionGenerator
from exam_sim.models import Card, Deck, Direction, Question
from exam_sim.text import fold

_STOP_TEXT = (
    "a an the of to in on for and or with by from at as is are be it its this that which can "
    "de del la el los las en y o un una que por para con se su es"
)
STOP = frozenset(_STOP_TEXT.split())
SHORT = {
    Direction.DEFINITION_TO_TERM: "def→term",
    Direction.TERM_TO_DEFINITION: "term→def",
    Direction.QUESTION_TO_ANSWER: "q→answer",
    Direction.TRUE_FALSE: "true/false",
}


# --------------------------------------------------------------- independent checks


def words(text: str) -> set[str]:
    return {w for w in fold(text).replace("_", " ").split() if w not in STOP}


def name_pattern(name: str) -> re.Pattern[str] | None:
    """Matches the name in folded text with any separators between its characters, and an
    optional plural: deliberately looser than the generator's own matcher."""
    compact = re.sub(r"[\W_]+", "", fold(name))
    if len(compact) < 2:
        return None
    body = r"[\s\-_./']?".join(re.escape(ch) for ch in compact)
    return re.compile(rf"(?<![^\W_]){body}(?:e?s)?(?![^\W_])")


def names_of(card: Card) -> list[str]:
    parts = re.split(r"\s+(?:vs\.?|v\.s\.?|versus|&|\+)\s+", card.term, flags=re.IGNORECASE)
    return [*card.names, *(p for p in parts if len(p) > 2 and p != card.term)]


def mentions(text: str, card: Card, *, with_parts: bool = True) -> bool:
    folded = fold(text)
    for name in names_of(card) if with_parts else card.names:
        pattern = name_pattern(name)
        if pattern and pattern.search(folded):
            return True
    return False


XREF = re.compile(
    r"^(see|see also|synonym (for|of)|same as|sinonimo de|consulta( tambien)?|ver|vease)\s+(.+)"
)


def points_at(card: Card, other: Card) -> bool:
    match = XREF.match(fold(card.definition.split(".")[0]).strip())
    if not match:
        return False
    target = match.group(4)
    target = re.sub(r"^(the|a|an|el|la|los|las)\s+", "", target)
    return any(fold(name) == target for name in other.names)


def compact_forms(card: Card) -> set[str]:
    forms = set()
    for name in names_of(card):
        compact = re.sub(r"[\W_]+", "", fold(name))
        forms |= {compact, compact.removesuffix("s"), compact.removesuffix("es")}
    return {f for f in forms if len(f) >= 2}


def same_thing(a: Card, b: Card) -> bool:
    if a.id in b.related or b.id in a.related:
        return True
    if points_at(a, b) or points_at(b, a):
        return True
    if compact_forms(a) & compact_forms(b):
        return True
    return fuzz.ratio(fold(a.definition), fold(b.definition)) >= 90


def invalid(q: Question, options: int) -> bool:
    want = 2 if q.direction is Direction.TRUE_FALSE else options
    texts = [fold(o) for o in q.options]
    if len(q.options) != want or any(not t for t in texts):
        return True
    if q.direction is Direction.TRUE_FALSE:
        return set(q.option_card_ids) != {q.card_id}
    return (
        len(set(texts)) != len(texts)
        or q.option_card_ids.count(q.card_id) != 1
        or q.option_card_ids[q.answer] != q.card_id
    )


# --------------------------------------------------------------- solvers


def tie_credit(scores: Sequence[float], answer: int, pick_max: bool = True) -> float:
    best = max(scores) if pick_max else min(scores)
    winners = [n for n, s in enumerate(scores) if s == best]
    return 1 / len(winners) if answer in winners else 0.0


def longest(q: Question) -> float:
    return tie_credit([len(o) for o in q.options], q.answer)


def partial(q: Question) -> float:
    return tie_credit(
        [fuzz.partial_ratio(o, q.stem, processor=default_process) for o in q.options], q.answer
    )


def overlap(q: Question) -> float:
    stem = words(q.stem)
    return tie_credit([len(words(o) & stem) for o in q.options], q.answer)


def odd_one_out(q: Question) -> float:
    texts = [default_process(o) for o in q.options]
    means = [
        statistics.fmean(fuzz.ratio(t, u) for m, u in enumerate(texts) if m != n)
        for n, t in enumerate(texts)
    ]
    return tie_credit(means, q.answer, pick_max=False)


def lone_blank(q: Question) -> float:
    blanks = [1.0 if "____" in o else 0.0 for o in q.options]
    return tie_credit(blanks, q.answer)


SOLVERS: dict[str, Callable[[Question], float]] = {
    "longest option": longest,
    "partial_ratio to stem": partial,
    "words shared with stem": overlap,
    "odd one out": odd_one_out,
    "lone blank": lone_blank,
}


# --------------------------------------------------------------- baseline


def random_question(
    deck: Deck, card: Card, direction: Direction, seed: int, options: int
) -> Question:
    """What picking any other card gives: no masking, no exclusions."""
    rng = random.Random(f"{seed}:{card.id}:{direction.value}")
    others = [c for c in deck.cards if c.id != card.id and c.kind == card.kind]
    if len(others) < options - 1:
        others = [c for c in deck.cards if c.id != card.id]
    picked = [card, *rng.sample(others, options - 1)]
    rng.shuffle(picked)
    if direction is Direction.DEFINITION_TO_TERM:
        stem, texts = card.definition, [c.term for c in picked]
    else:
        stem, texts = card.term, [c.definition for c in picked]
    return Question(
        id=f"random:{card.id}:{seed}",
        card_id=card.id,
        topic=card.topic,
        direction=direction,
        stem=stem,
        options=tuple(texts),
        option_card_ids=tuple(c.id for c in picked),
        answer=next(n for n, c in enumerate(picked) if c.id == card.id),
    )


# --------------------------------------------------------------- report


class Tally:
    def __init__(self) -> None:
        self.items = 0
        self.failed = 0
        self.invalid = 0
        self.ambiguous = 0
        self.leaks = 0
        self.eliminable = 0
        self.on_topic = [0, 0]
        self.solver: dict[str, list[float]] = defaultdict(list)
        self.sets: dict[str, set[frozenset[str]]] = defaultdict(set)


def audit(deck: Deck, q: Question, tally: Tally, options: int, topic_sizes: dict) -> None:
    cards = {c.id: c for c in deck.cards}
    key = cards[q.card_id]
    tally.items += 1
    if invalid(q, options):
        tally.invalid += 1
        return
    if q.direction is Direction.TRUE_FALSE:
        return
    distractors = [cards[c] for c in q.option_card_ids if c != q.card_id]
    tally.ambiguous += sum(same_thing(key, d) for d in distractors)
    right = q.options[q.answer]
    if q.direction is Direction.DEFINITION_TO_TERM:
        tally.leaks += mentions(q.stem, key)
        tally.eliminable += sum(mentions(q.stem, d, with_parts=False) for d in distractors)
    else:
        tally.leaks += (key.kind.value != "question") and mentions(right, key)
        tally.eliminable += sum(mentions(o, key) for n, o in enumerate(q.options) if n != q.answer)
    if key.topic is not None and topic_sizes.get(key.topic, 0) >= 2 * options:
        tally.on_topic[0] += sum(d.topic == key.topic for d in distractors)
        tally.on_topic[1] += len(distractors)
    for name, solver in SOLVERS.items():
        tally.solver[name].append(solver(q))
    tally.sets[q.card_id].add(frozenset(d.id for d in distractors))


def run(deck: Deck, seeds: int, options: int) -> dict[tuple[str, Direction], Tally]:
    generator = QuestionGenerator(deck, options=options)
    topic_sizes = {t: n for t, n in deck.topic_counts().items() if t is not None}
    tallies: dict[tuple[str, Direction], Tally] = defaultdict(Tally)
    for card in deck.cards:
        for direction in generator.directions_for(card.id):
            for seed in range(seeds):
                try:
                    q = generator.question(card.id, direction, seed=seed)
                except GeneratorError:
                    tallies["ours", direction].failed += 1
                    continue
                audit(deck, q, tallies["ours", direction], options, topic_sizes)
                if direction is not Direction.TRUE_FALSE:
                    base = random_question(deck, card, direction, seed, options)
                    audit(deck, base, tallies["random", direction], options, topic_sizes)
    return tallies


def mean_or_none(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def report(deck: Deck, seeds: int, options: int) -> bool:
    tallies = run(deck, seeds, options)
    directions = [d for d in Direction if ("ours", d) in tallies]
    print(f"\n## {deck.title} ({deck.id}): {len(deck.cards)} cards, {options} options, "
          f"seeds 0–{seeds - 1}, chance {1 / options:.2f}\n")  # fmt: skip
    header = ["metric"] + [f"{SHORT[d]} {who}" for d in directions for who in ("ours", "random")]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    ok = True

    def row(label: str, value: Callable[[Tally], str]) -> None:
        cells = [label]
        for d in directions:
            for who in ("ours", "random"):
                tally = tallies.get((who, d))
                cells.append(value(tally) if tally and tally.items else "—")
        print("| " + " | ".join(cells) + " |")

    row("questions", lambda t: str(t.items))
    row("not buildable", lambda t: str(t.failed))
    row("invalid items", lambda t: str(t.invalid))
    row("ambiguous distractors", lambda t: str(t.ambiguous))
    row("stem leaks", lambda t: str(t.leaks))
    row("eliminable distractors", lambda t: str(t.eliminable))
    row(
        "on-topic distractors",
        lambda t: fmt(t.on_topic[0] / t.on_topic[1]) if t.on_topic[1] else "—",
    )
    row("distinct sets / card", lambda t: fmt(mean_or_none([len(s) for s in t.sets.values()]), 1))
    for name in SOLVERS:
        row(f"solver: {name}", lambda t, n=name: fmt(mean_or_none(t.solver[n])))
    for d in directions:
        ours = tallies["ours", d]
        if d is Direction.TRUE_FALSE:
            continue
        ok &= ours.invalid == 0 and ours.ambiguous == 0 and ours.leaks == 0
        if ours.items >= 20 * seeds:  # too few items for a solver rate to mean anything
            ok &= all(
                statistics.fmean(ours.solver[n]) <= 0.35
                for n in SOLVERS
                if n != "lone blank" and ours.solver[n]
            )
        if ours.on_topic[1]:
            ok &= ours.on_topic[0] / ours.on_topic[1] >= 0.8
    print(f"\nverdict: {'PASS' if ok else 'FAIL'} (0 invalid / ambiguous / leaks, solvers ≤ 0.35 "
          "where a direction has ≥ 20 cards, on-topic ≥ 0.80)")  # fmt: skip
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("decks", nargs="*", default=[DEFAULT_DECK])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--options", type=int, default=4)
    args = parser.parse_args(argv)
    ok = True
    for spec in args.decks:
        ok &= report(load(spec), args.seeds, args.options)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
