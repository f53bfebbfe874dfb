"""Comparison cards answered side by side, and their wrong pairings.

A comparison card ("CPU vs GPU", "Accuracy vs. Precision vs. Recall") whose answer gives
each side its own label ("GPU: massive, parallel …" / "CPU: a few cores …") cannot be asked
with other cards' definitions as wrong options: only its answer names the sides, so the
option repeating the stem's words is the key at a glance. Its natural wrong options are the
same labels with the descriptions moved ("GPU: a few cores …" / "CPU: massive, parallel
…"): as long as the key, opening as it does, naming the same sides, and wrong unless one
knows which is which. Three sides give five such pairings; two give one, and the other
wrong options are the same labels given other cards' descriptions (`borrowed_pairings`).

Pure: the same card and rng give the same pairings.
"""

from __future__ import annotations

import itertools
import math
import random
import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from exam_sim.generator.cues import shape_credits
from exam_sim.generator.masking import mentions, name_forms
from exam_sim.lexicon import capitalised, comparison_parts, norm, singular, words
from exam_sim.text import named_in_sentence

# A label opens the answer, a line or a sentence (or follows a closing bracket: "… (TP /
# (TP + FP)) Recall: …"; after a bullet or a number, if the answer is a list): a few words,
# no brackets, then ":" or a spaced dash.
_LABEL = re.compile(
    r"(?:^|(?<=\n)|(?<=[.;!?)] ))[ \t]*(?:(?:[-*•·▪‣◦]|\d{1,2}[.)])[ \t]+)?"
    r"(?P<label>[^\n:.;!?–—()\[\]]{1,60}?)(?P<sep>:[ \t]*|[ \t]+[-–—][ \t]+)"
)
MAX_SIDES = 5  # past this the pairings are too many to list, and such answers are tables
EXTRA_LABEL_WORDS = 2  # "Collaborative filtering" labels the side "Collaborative"
# Other cards' descriptions looked at for a two-sided comparison's borrowed pairings.
BORROWED_AMONG = 8
# Sets of wrong pairings weighed at most (`least_guessable`): every set of three sides'
# five rearrangements (10), a random sample of four sides' 23.
PAIRINGS_TRIED = 40
# The guessing game of `least_guessable`: rounds, and the step of the solvers' weights.
GAME_ROUNDS = 40
GAME_STEP = 0.5


@dataclass(frozen=True)
class LabelledAnswer:
    """An answer cut at its side labels: heads[k] is the text from the previous
    description's end through label k and its separator, descriptions[k] what follows it,
    tail what follows the last description (trailing space)."""

    labels: tuple[str, ...]
    heads: tuple[str, ...]
    descriptions: tuple[str, ...]
    tail: str

    def paired(self, order: tuple[int, ...]) -> str:
        """The answer with label k given description order[k]."""
        return self.described([self.descriptions[o] for o in order])

    def described(self, descriptions: list[str]) -> str:
        """The answer with label k given descriptions[k]."""
        body = "".join(h + d for h, d in zip(self.heads, descriptions, strict=True))
        return body + self.tail


def _side_words(text: str) -> frozenset[str]:
    return frozenset(singular(w) for w in words(text))


def labelled_answer(term: str, answer: str) -> LabelledAnswer | None:
    """The answer's labelled descriptions, one per side of the comparison `term`, when it
    has exactly that shape: every side labelled once, a label naming one side only (its
    words, or the side's and at most EXTRA_LABEL_WORDS more), descriptions with words of
    their own, no two alike, none naming a side (moved, "Recall: … unlike recall" would
    contradict itself). None otherwise."""
    sides = comparison_parts(term)
    if not 2 <= len(sides) <= MAX_SIDES:
        return None
    side_words = [_side_words(s) for s in sides]
    found: list[tuple[int, re.Match[str]]] = []
    for match in _LABEL.finditer(answer):
        label = _side_words(match["label"])
        if not label:
            continue
        named = [
            k
            for k, side in enumerate(side_words)
            if (side <= label and len(label - side) <= EXTRA_LABEL_WORDS) or label <= side
        ]
        if len(named) == 1:
            found.append((named[0], match))
    if sorted(k for k, _ in found) != list(range(len(sides))):
        return None  # a side unlabelled, or labelled twice
    heads: list[str] = []
    descriptions: list[str] = []
    labels: list[str] = []
    start = 0
    for n, (_, match) in enumerate(found):
        end = found[n + 1][1].start() if n + 1 < len(found) else len(answer)
        text = answer[match.end() : end]
        description = text.rstrip()
        heads.append(answer[start : match.end()])
        descriptions.append(description)
        labels.append(match["label"].strip().strip("*_").strip())  # "**TCP**" says TCP
        start = match.end() + len(description)
    if any(not words(d) for d in descriptions):
        return None
    if len({norm(d) for d in descriptions}) != len(descriptions):
        return None
    forms = name_forms(sides)
    if any(mentions(d, forms) for d in descriptions):
        return None
    return LabelledAnswer(tuple(labels), tuple(heads), tuple(descriptions), answer[start:])


def wrong_pairings(answer: LabelledAnswer, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Up to `count` wrong pairings of the answer's labels and descriptions, each with why
    it is wrong: every rearrangement is one, and the set of them is drawn as
    `least_guessable` says among every set (or PAIRINGS_TRIED random ones, past that).
    Drawn blindly, the key, which every other pairing rearranges, was seldom the odd one
    out (0.05 over 60 draws of three sides) and mostly between the ends (0.34 for
    "neither odd nor central", chance 0.25)."""
    sides = range(len(answer.labels))
    every = [order for order in itertools.permutations(sides) if order != tuple(sides)]
    size = min(count, len(every))
    if math.comb(len(every), size) <= PAIRINGS_TRIED:
        sets = list(itertools.combinations(every, size))
    else:
        sets = [tuple(rng.sample(every, size)) for _ in range(PAIRINGS_TRIED)]
    key = answer.paired(tuple(sides))
    picked = sets[least_guessable([[key, *map(answer.paired, s)] for s in sets], rng)]
    return [(answer.paired(order), _why(answer, order)) for order in picked]


def least_guessable(option_sets: list[list[str]], rng: random.Random) -> int:
    """One of the option sets (the key first in each), drawn from the mix of them that
    leaves the best of the shape solvers (`cues.shape_credits`: longest, shortest,
    neither; odd one out, most central, neither) the least expected credit: a small
    zero-sum game against the guesser, solved by multiplicative weights. Options that
    differ only in how the same words are paired tie often (the key with its swap), and a
    tie gives credit to more than one solver, so no fixed share of "key at an end" can
    balance them; the game does, as far as the sets allow."""
    scores = [shape_credits(options, 0) for options in option_sets]
    weights = [1.0] * len(scores[0])
    played = [0] * len(scores)
    for _ in range(GAME_ROUNDS):
        best = min(
            range(len(scores)),
            key=lambda s: sum(w * c for w, c in zip(weights, scores[s], strict=True)),
        )
        played[best] += 1
        weights = [w * math.exp(GAME_STEP * c) for w, c in zip(weights, scores[best], strict=True)]
    return rng.choices(range(len(scores)), weights=played)[0]


def _why(answer: LabelledAnswer, order: tuple[int, ...]) -> str:
    """Which sides a wrong pairing gets wrong, in one sentence."""
    labels = answer.labels
    moved = [(labels[k], labels[o]) for k, o in enumerate(order) if k != o]
    if len(moved) == 2:
        first, second = moved[0][0], moved[1][0]
        return f"Wrong pairing: {first} and {second} swapped (each has the other's description)."
    (side, given), *rest = moved  # three sides or more moved
    said = [f"{side} is given {given}'s description", *(f"{a} {b}'s" for a, b in rest)]
    return f"Wrong pairing: {_listed(said)}."


def borrowed_pairings(
    term: str,
    answer: LabelledAnswer,
    borrowed: list[tuple[str, str]],
    count: int,
    rng: random.Random,
    others: list[str] | None = None,
) -> tuple[list[tuple[str, str]], set[str]]:
    """Up to `count` wrong options for when the moved descriptions are too few (two
    sides give one swap): the labels of `term`'s answer given other cards' descriptions,
    `borrowed` being (their term, their text), best first. Each group of descriptions
    comes in every rotation, so each stands once beside each label: a guesser taking,
    label by label, the description most options give it, finds no key (with the swap and
    one borrowed option, the key's descriptions would be the most frequent). Each with why
    it is wrong; and the texts of `borrowed` used. `others`: the wrong options already
    made (the swap), beside which the key is placed (`_groups_alike`)."""
    sides = len(answer.labels)
    # Only a text that reads as a description there: naming no side ("GPU: unlike a
    # CPU, …" would contradict itself) and adding no label of its own.
    # Two that read alike (two cards of one definition) would be no pairing: one kept;
    # one reading as a side's own description would make an option half right: none.
    usable: list[tuple[str, str, str]] = []
    for whose, text in borrowed[:BORROWED_AMONG]:
        description = _as_description(text, answer.descriptions)
        cut = labelled_answer(term, answer.described([description, *answer.descriptions[1:]]))
        seen = [*answer.descriptions, *(d for _, _, d in usable)]
        alike = any(norm(description) == norm(d) for d in seen)
        if cut is not None and cut.labels == answer.labels and not alike:
            usable.append((whose, text, description))
    made: list[tuple[str, str]] = []
    used: set[str] = set()
    for group in _groups_alike(answer, usable, -(-count // sides), others or [], rng):
        used.update(text for _, text, _ in group)
        for shift in range(sides):
            if len(made) == count:
                return made, used
            order = [(k + shift) % sides for k in range(sides)]
            whose = _listed([named_in_sentence(group[o][0]) for o in order])
            why = f"Wrong pairing: these are not {_listed(answer.labels)} but {whose}."
            made.append((answer.described([group[o][2] for o in order]), why))
    return made, used


def _groups_alike(
    answer: LabelledAnswer,
    usable: list[tuple[str, str, str]],
    wanted: int,
    others: list[str],
    rng: random.Random,
) -> list[list[tuple[str, str, str]]]:
    """Up to `wanted` groups of usable descriptions, one per side, none used twice: the
    first drawn as `least_guessable` says among every group (its options beside the key
    and `others`, the wrong pairings already made), the rest the nearest to the answer's
    descriptions in how alike their rotations read and in length. Taking the nearest
    first left the key's pair nearly always the most central and the shortest (two short
    halves swapped read more alike, and are shorter, than two whole definitions)."""
    sides = len(answer.labels)
    target = _rotations_alike(answer, list(answer.descriptions))
    size = sum(map(len, answer.descriptions))
    key = answer.paired(tuple(range(sides)))
    combos = list(itertools.combinations(range(len(usable)), sides))
    if not combos:
        return []
    first = combos[
        least_guessable(
            [[key, *others, *_rotations(answer, [usable[n][2] for n in c])] for c in combos], rng
        )
    ]

    def distance(combo: tuple[int, ...]) -> float:
        descriptions = [usable[n][2] for n in combo]
        alike = _rotations_alike(answer, descriptions)
        return abs(alike - target) / 100 + abs(math.log(sum(map(len, descriptions)) / size))

    groups = [[usable[n] for n in first]]
    taken = set(first)
    for combo in sorted(combos, key=distance):
        if len(groups) == wanted:
            break
        if taken.isdisjoint(combo):
            taken.update(combo)
            groups.append([usable[n] for n in combo])
    return groups


def _rotations(answer: LabelledAnswer, descriptions: list[str]) -> list[str]:
    """The answer's labels given `descriptions` in each rotation."""
    sides = len(descriptions)
    return [
        answer.described([descriptions[(k + shift) % sides] for k in range(sides)])
        for shift in range(sides)
    ]


def _rotations_alike(answer: LabelledAnswer, descriptions: list[str]) -> float:
    """How alike the answer's labels read with `descriptions` in each rotation: the mean
    `fuzz.ratio` of every two of them (as `cues.likeness` reads options)."""
    texts = [default_process(text) for text in _rotations(answer, descriptions)]
    pairs = list(itertools.combinations(texts, 2))
    return sum(fuzz.ratio(a, b) for a, b in pairs) / len(pairs)


def _listed(names: list[str] | tuple[str, ...]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}"


def _as_description(text: str, like: tuple[str, ...]) -> str:
    """Another card's text written as the answer writes its descriptions: on one line,
    opening in their case, ending as they end."""
    text = " ".join(text.split())
    if all(d[:1].islower() for d in like) and text[:2].istitle():
        text = text[0].lower() + text[1:]  # "Groups …" → "groups …", not "AWS …" → "aWS …"
    elif all(d[:1].isupper() for d in like) and text[:1].islower():
        text = capitalised(text)
    ends = {d[-1] for d in like}
    stops = ends & set(".;!")
    if not stops:
        return text.rstrip(".;!")
    if len(ends) == 1:
        return text.rstrip(".;!") + ends.pop()
    return text
