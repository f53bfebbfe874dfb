"""The draw of a question's wrong options: a whole set at once, among the shortlist.

Every set of the right size without two options that read alike is weighted by
exp(relevance / temperature), times RANK_MATCH for each cue on which the key lands where
the RNG decided for this question: on top of the cue (longest, most like the stem, most
stems shared with it, odd one out, most central) or not. Deciding "on top" with about
1/options chance per cue means a solver that always picks the top option on a cue is right
about 1/options of the time, no more and no less (always keeping the key off the top would
be a cue of its own).

Pure and seeded: the same shortlist and rng give the same set.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from exam_sim.generator.cues import form, likeness
from exam_sim.lexicon import norm

# Softmax temperature on the summed relevance of a distractor set: lower = always the top few.
TEMPERATURE = 0.03
# Weight factor per cue on which the key lands where the draw decided.
RANK_MATCH = 300.0
# Relative chance that a question lets the key top a cue (1.0 = uniform; see top_chance).
# Per cue: length, likeness to the stem, stems shared with the stem, odd one out, central.
# Wrong options chosen for being like the key make it the centre of its options (and
# rarely the odd one out) more often than the draw decides, so those two are asked of it
# less and more often: at 1.0 each, 11 test decks had "most central" at 0.13-0.39 and
# "odd one out" at 0.10-0.22; now 0.12-0.33 and 0.16-0.25, plausibility unchanged.
TOP_RANK_SHARE = (1.6, 0.2, 0.15, 1.6, 0.6)


@dataclass(slots=True)
class Candidate:
    """A card that may be a wrong option: its relevance to the key, and once looked at,
    its option text and its per-option cues (`cues.surface`)."""

    index: int
    relevance: float
    option: str = ""
    surface: tuple[float, ...] = ()


def of_one_shape(
    considered: list[Candidate], key_option: str, shaped: set[int] | None, need: int
) -> list[Candidate]:
    """The candidates to draw from: those opening as a short key does (`shaped`, their
    card positions: `QuestionGenerator._shaped`), then those of its form (`cues.form`: bare
    numbers beside "1989", not "100 °C"), each only when `need` of them are left."""
    if shaped is not None:
        alike = [c for c in considered if c.index in shaped]
        if len(alike) >= need:
            considered = alike
    key_form = form(key_option)
    if key_form is not None:
        formed = [c for c in considered if form(c.option) == key_form]
        if len(formed) >= need:
            considered = formed
    return considered


def top_chance(share: float, options: int) -> float:
    """How often a question lets the key top a cue (tied tops included). Below 1/options
    for the stem cues on purpose: it pays back the questions where no candidate can beat
    the key (a term its own definition echoes), so that over a deck the key tops each cue
    about 1/options of the time, as chance would have it."""
    return share / (share + options - 1)


def draw_set(
    key_option: str,
    key_surface: tuple[float, ...],
    shortlist: list[Candidate],
    options: int,
    same_thing: Callable[[int, int], bool],
    rng: random.Random,
) -> list[Candidate]:
    """Draw `options - 1` wrong options from the shortlist (none when it has too few, or
    every set has two options that are one thing: `same_thing` of their cards)."""
    need = options - 1
    if len(shortlist) < need:
        return []
    members = [key_option, *(c.option for c in shortlist)]
    surfaces = [key_surface, *(c.surface for c in shortlist)]
    size = len(members)
    like = likeness(members)
    folded = [norm(text) for text in members]
    bit = [1 << a for a in range(size)]
    # Pairs of members that read alike, each as the bits of its two members.
    alike = [
        bit[a] | bit[b]
        for a in range(1, size)
        for b in range(a + 1, size)
        if folded[a] == folded[b] or same_thing(shortlist[a - 1].index, shortlist[b - 1].index)
    ]
    # Per cue, whether this question lets the key come out on top of it.
    on_top = [rng.random() < top_chance(share, options) for share in TOP_RANK_SHARE]
    # Bit a of beats[cue] is set when member a scores above the key on that cue, of
    # ties[cue] when it scores the same: a solver picking the top of the cue gets the
    # key with credit 1 / (1 + ties in the set) when the set has no member above it.
    cues = range(len(key_surface))
    beats = [sum(1 << a for a in range(1, size) if surfaces[a][cue] > surfaces[0][cue])
             for cue in cues]  # fmt: skip
    ties = [sum(1 << a for a in range(1, size) if surfaces[a][cue] == surfaces[0][cue])
            for cue in cues]  # fmt: skip
    # Per cue, the factor of a set with a member above the key, and of one without, by
    # the number of members tied with it: RANK_MATCH ** (credit, or 1 - credit when the
    # key is not to top this cue), worked out once, not once per set.
    cue_rows = []
    for cue in cues:
        top = on_top[cue]
        by_ties = tuple(
            RANK_MATCH ** (1 / (1 + tied) if top else 1 - 1 / (1 + tied)) for tied in range(size)
        )
        cue_rows.append((beats[cue], ties[cue], RANK_MATCH ** (0.0 if top else 1.0), by_ties))
    relevance = [0.0, *(c.relevance for c in shortlist)]
    best = sum(relevance[1 : need + 1])
    key_like = like[0]
    odd_on_top, central_on_top = on_top[3], on_top[4]
    exp = math.exp
    sets: list[tuple[int, ...]] = []
    weights: list[float] = []
    for combo in itertools.combinations(range(1, size), need):
        # Odd one out and most central: the key's summed likeness to the others against
        # each other member's summed likeness to the rest of the set.
        if need == 3:  # four options, the usual case: the same sums, written out
            a, b, c = combo
            bits = bit[a] | bit[b] | bit[c]
            total = sum((relevance[a], relevance[b], relevance[c]))
            la, lb, lc = like[a], like[b], like[c]
            key_sum = key_like[a] + key_like[b] + key_like[c]
            sums: tuple[float, ...] = (
                la[0] + (la[b] + la[c]),
                lb[0] + (lb[a] + lb[c]),
                lc[0] + (lc[a] + lc[b]),
            )
        else:
            bits = sum(bit[a] for a in combo)
            total = sum(relevance[a] for a in combo)
            key_sum = sum(key_like[a] for a in combo)
            sums = tuple(like[a][0] + sum(like[a][b] for b in combo if b != a) for a in combo)
        if alike and any(bits & pair == pair for pair in alike):
            continue
        weight = exp((total - best) / TEMPERATURE)
        # The match is graded: a tie gives the solver part of the credit.
        for beat, tie, beaten, by_ties in cue_rows:
            weight *= beaten if beat & bits else by_ties[(tie & bits).bit_count()]
        if (min(sums) >= key_sum) == odd_on_top:
            weight *= RANK_MATCH
        if (max(sums) <= key_sum) == central_on_top:
            weight *= RANK_MATCH
        sets.append(combo)
        weights.append(weight)
    if not sets:
        return []
    picked = rng.choices(sets, weights=weights)[0]
    return [shortlist[a - 1] for a in picked]


def shortlist_of(
    considered: list[Candidate], key_surface: tuple[float, ...], size: int
) -> list[Candidate]:
    """The most relevant candidates, plus, for each per-option cue, the most relevant ones
    that score at least the key on it: without them the key could only be the top option
    on that cue, whatever the draw decides."""
    chosen = considered[: max(size - 2 * len(key_surface), size // 2)]
    picked = {c.index for c in chosen}
    # First round: one that beats the key outright (a tie only shares the solver's credit);
    # second round: one that at least ties it.
    for strict in (True, False):
        for cue, key_value in enumerate(key_surface):
            if len(chosen) >= size:
                break
            for candidate in considered:
                value = candidate.surface[cue]
                if candidate.index not in picked and (
                    value > key_value or (not strict and value == key_value)
                ):
                    chosen.append(candidate)
                    picked.add(candidate.index)
                    break
    for candidate in considered:
        if len(chosen) >= size:
            break
        if candidate.index not in picked:
            chosen.append(candidate)
            picked.add(candidate.index)
    return chosen
