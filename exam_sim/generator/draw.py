"""The draw of a question's wrong options: a whole set at once, among the shortlist.

Every set of the right size without two options that read alike is weighted by
exp(relevance / temperature), times RANK_MATCH for each cue on which the key lands where
the RNG decided for this question. On the stem cues (most like the stem, most stems
shared with it) it decides "on top" or not, with about 1/options chance of "on top". On
the two scales that run both ways, the options' length and their likeness to each other,
it decides one of three places: longest, shortest or neither; odd one out, most central or
neither, each end asked for often enough that the key lands there about 1/options of the
time (LENGTH_END_SHARES, LIKENESS_END_SHARES). A solver that picks the top option, the
bottom one or one of the middle ones on such a scale is then right about 1/options of the
time, no more and no less: keeping the key off the top alone put it in the middle (a
cue of its own: "neither the longest nor the shortest" scored up to 0.34 where chance
is 0.25).

Pure and seeded: the same shortlist and rng give the same set.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from exam_sim.generator.cues import LIKE_STEM, form, likeness
from exam_sim.generator.numbers import NumberAnswer, near, number_answer
from exam_sim.generator.ordering import DIGIT, numeric_ranks
from exam_sim.lexicon import option_key

# Softmax temperature on the summed relevance of a distractor set: lower = always the top few.
TEMPERATURE = 0.03
# Weight factor per cue on which the key lands where the draw decided.
RANK_MATCH = 300.0
# The factor for the key's place at the shortest end, held with a lighter hand: a key to
# be the shortest, or not, asks for wrong options of given lengths, and at 300 (with the
# likeness at 300 too) the likeness of meaning of the bundled deck's term → definition
# options fell from 0.87 to 0.85 (quality.py: below the naive baseline's margin); the
# shortest option still scores 0.16-0.31 by direction over 11 test decks (0.24 on
# average; up to 0.35 when the draw never looked at it).
LONGEST_MATCH = RANK_MATCH
SHORTEST_MATCH = 10.0
# The factor for the key's place on the options' likeness to each other (odd one out,
# most central, between), also lighter. A trade: at 300 the bundled deck's term →
# definition plausibility sat 0.018 under the naive baseline (the margin is 0.02), at 30
# 0.010 but `check` named 9-11 more cards of each bundled deck whose key is always the
# most central or the odd one out; at 100, 0.016 and 1-3 more.
LIKENESS_MATCH = 100.0

# Relative chance that a question lets the key top a stem cue (1.0 = uniform; see
# top_chance): most like the stem, most stems shared with it. Below 1 on purpose: the key
# often cannot be beaten on them (a term its own definition echoes).
STEM_TOP_SHARE = (0.2, 0.15)
# Relative chance that the key is to be at one end of a scale (1.0 = uniform; see
# rank_target): the longest and the shortest option; the odd one out and the most central.
# An end is harder to reach than the middle (every other option on one side of the key,
# against one on each side), and wrong options chosen for being like the key make it the
# centre of its options, so the ends are asked for more often than chance: at 1.0 each,
# 11 test decks had "neither odd nor central" at 0.30 on average (0.23-0.36 by direction)
# and "neither longest nor shortest" at 0.29; with these, each of the six solvers on the
# two scales averages 0.23-0.27 (docs/generator.md, "Cues, and how each is controlled").
LENGTH_END_SHARES = (3.0, 1.5)
LIKENESS_END_SHARES = (4.0, 2.5)
# The same for the key's place among options put in numerical order: first, last.
POSITION_END_SHARES = (2.5, 2.5)
POSITION_MATCH = RANK_MATCH
# Options read at a glance (`read_at_a_glance`): the key's place on their likeness is
# weighed as hard as the others (the lighter LIKENESS_MATCH was a trade against the
# likeness of meaning, which numbers and symbols do not have), and the shortlist gains
# the candidates least like the key, so that another option can be the centre.
GLANCE_LIKENESS_MATCH = 300.0
UNLIKE_AT_A_GLANCE = 3


@dataclass(slots=True)
class Candidate:
    """A card that may be a wrong option: its relevance to the key, and once looked at,
    its option text and its per-option cues (`cues.surface`)."""

    index: int
    relevance: float
    option: str = ""
    surface: tuple[float, ...] = ()


def of_one_shape(
    considered: list[Candidate],
    key_option: str,
    shaped: set[int] | None,
    need: int,
    *,
    kin: Sequence[Callable[[int], bool]] = (),
) -> list[Candidate]:
    """The candidates to draw from: those of the key's kind (`kin`, tests of their card
    positions, strictest first, the first leaving `need` taken: its label, the kind its
    question asks for: `QuestionGenerator._kin`), then those opening as a short key does
    (`shaped`, their positions: `QuestionGenerator._shaped`), then those of its form
    (`cues.form`: bare numbers beside "1989", not "100 °C"), then, beside a number,
    numbers of its size (`numbers.near`: not 1989 beside 7), and beside a key without
    digits, no number ("7" beside "Canberra"); each only when `need` of them are left."""
    for test in kin:  # the strictest that leaves enough
        answering = [c for c in considered if test(c.index)]
        if len(answering) >= need:
            considered = answering
            break
    if shaped is not None:
        alike = [c for c in considered if c.index in shaped]
        if len(alike) >= need:
            considered = alike
    key_form = form(key_option)
    if key_form is not None:
        formed = [c for c in considered if form(c.option) == key_form]
        if len(formed) >= need:
            considered = formed
    key_number = number_answer(key_option)
    if key_number is not None:
        sized = [c for c in considered if _near(key_number, c.option)]
        if len(sized) >= need:
            considered = sized
    elif not DIGIT.search(key_option):
        worded = [c for c in considered if number_answer(c.option) is None]
        if len(worded) >= need:
            considered = worded
    return considered


def _near(key: NumberAnswer, option: str) -> bool:
    number = number_answer(option)
    return number is not None and near(key, number)


def rank_target(shares: tuple[float, float], options: int, rng: random.Random) -> tuple[bool, bool]:
    """Where the key is to land on a two-way scale: (at the first end, at the second end);
    (False, False) is between them. Each end is asked for share / (shares + options - 2)
    of the time: with shares of 1, 1/options each, as chance would have it."""
    first, second = shares
    total = first + second + options - 2
    drawn = rng.random() * total
    return drawn < first, first <= drawn < first + second


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
    marks: bool = False,
) -> list[Candidate]:
    """Draw `options - 1` wrong options from the shortlist (none when it has too few, or
    every set has two options that are one thing: `same_thing` of their cards, or read
    alike: `option_key`, with `marks` where the deck writes them)."""
    need = options - 1
    if len(shortlist) < need:
        return []
    members = [key_option, *(c.option for c in shortlist)]
    surfaces = [key_surface, *(c.surface for c in shortlist)]
    size = len(members)
    like = likeness(members)
    folded = [option_key(text, marks) for text in members]
    bit = [1 << a for a in range(size)]
    # Pairs of members that read alike, each as the bits of its two members.
    alike = [
        bit[a] | bit[b]
        for a in range(1, size)
        for b in range(a + 1, size)
        if folded[a] == folded[b] or same_thing(shortlist[a - 1].index, shortlist[b - 1].index)
    ]
    # Where the key is to land: longest / shortest (or neither), on top of each stem cue
    # or not, odd one out / most central (or neither).
    longest, shortest = rank_target(LENGTH_END_SHARES, options, rng)
    on_top = [rng.random() < top_chance(share, options) for share in STEM_TOP_SHARE]
    odd_on_top, central_on_top = rank_target(LIKENESS_END_SHARES, options, rng)

    # One row per end of a scale the draw looks at: (each member's value, the key's to be
    # the highest, the factor). The length's other end is its top with the sign turned.
    def column(cue: int, sign: float) -> list[float]:
        return [sign * surface[cue] for surface in surfaces]

    ends = [(column(0, 1.0), longest, LONGEST_MATCH), (column(0, -1.0), shortest, SHORTEST_MATCH)]
    ends += [(column(cue + 1, 1.0), top, RANK_MATCH) for cue, top in enumerate(on_top)]
    # Options that will be put in numerical order (`ordering`): the key first, last or
    # between them, as chance would have it; drawn only then, so that any other question
    # draws as it did.
    ranks = numeric_ranks(members)
    if ranks is not None:
        first, last = rank_target(POSITION_END_SHARES, options, rng)
        ends += [([-float(r) for r in ranks], first, POSITION_MATCH)]
        ends += [([float(r) for r in ranks], last, POSITION_MATCH)]
    # Bit a of `past` is set when member a is past the key on that end (longer, for the
    # longest), of `tied` when it scores the same: a solver picking that end gets the key
    # with credit 1 / (1 + ties in the set) when the set has no member past it. The factor
    # of a set with a member past the key, and of one without by the number of members
    # tied with it: match ** (credit, or 1 - credit when the key is not to be at that
    # end), worked out once, not once per set.
    cue_rows = []
    for values, there, match in ends:
        key_value = values[0]
        past = sum(1 << a for a in range(1, size) if values[a] > key_value)
        tied = sum(1 << a for a in range(1, size) if values[a] == key_value)
        by_ties = tuple(match ** (1 / (1 + t) if there else 1 - 1 / (1 + t)) for t in range(size))
        cue_rows.append((past, tied, match ** (0.0 if there else 1.0), by_ties))
    glance = ranks is not None or of_one_form(members)  # `read_at_a_glance`, ranks read once
    likeness_match = GLANCE_LIKENESS_MATCH if glance else LIKENESS_MATCH
    relevance = [0.0, *(c.relevance for c in shortlist)]
    best = sum(relevance[1 : need + 1])
    key_like = like[0]
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
            weight *= likeness_match
        if (max(sums) <= key_sum) == central_on_top:
            weight *= likeness_match
        sets.append(combo)
        weights.append(weight)
    if not sets:
        return []
    picked = rng.choices(sets, weights=weights)[0]
    return [shortlist[a - 1] for a in picked]


def shortlist_of(
    considered: list[Candidate], key_surface: tuple[float, ...], size: int, ties: int = 1
) -> list[Candidate]:
    """The most relevant candidates, plus, for each per-option cue, the most relevant ones
    that score at least the key on it (and for the length, at most: shorter): without them
    the key could only be the top option on that cue, whatever the draw decides. Where the
    first round adds none spelled more like the stem than the key, up to `ties` (the wrong
    options of a set) spelled as much like it ("Neon", "Iodine", "Chlorine" for "Ne"):
    each tie shares the credit, so only a set of them brings it down to chance."""
    ends = [(cue, 1.0) for cue in range(len(key_surface))] + [(0, -1.0)]
    chosen = considered[: max(size - 2 * len(ends), size // 2)]
    picked = {c.index for c in chosen}
    like_stem_beaten = False  # by a candidate the first round adds
    # First round: one that beats the key outright (a tie only shares the solver's credit);
    # second round: one that at least ties it.
    for strict in (True, False):
        for cue, sign in ends:
            if len(chosen) >= size:
                break
            key_value = sign * key_surface[cue]
            wanted = ties if not strict and cue == LIKE_STEM and not like_stem_beaten else 1
            for candidate in considered:
                value = sign * candidate.surface[cue]
                if candidate.index not in picked and (
                    value > key_value or (not strict and value == key_value)
                ):
                    chosen.append(candidate)
                    picked.add(candidate.index)
                    like_stem_beaten |= strict and cue == LIKE_STEM
                    wanted -= 1
                    if not wanted or len(chosen) >= size:
                        break
    for candidate in considered:
        if len(chosen) >= size:
            break
        if candidate.index not in picked:
            chosen.append(candidate)
            picked.add(candidate.index)
    return chosen


def read_at_a_glance(options: list[str]) -> bool:
    """Are these options read at a glance, by their likeness alone: numbers in one
    wording (`ordering.numeric_ranks`), or all of one form (`cues.form`: bare numbers,
    symbols such as "Na" and "Fe", acronyms)? Drawn for being like the key (403, 405,
    414 for 404; "Ne", "Ni", "N" for "Na"), they make it the option most like the others,
    and no meaning stands against that."""
    return of_one_form(options) or numeric_ranks(options) is not None


def of_one_form(options: list[str]) -> bool:
    """Are all these options of one `cues.form` (bare numbers, symbols, acronyms)?"""
    key_form = form(options[0])
    return key_form is not None and all(form(text) == key_form for text in options)


def unlike_the_key(
    key_option: str, considered: list[Candidate], shortlist: list[Candidate], count: int
) -> list[Candidate]:
    """The `count` considered candidates least like the key (`likeness`), not shortlisted:
    options read at a glance, drawn for being like the key (403, 405 and 414 for 404),
    make it the option most like the others; a few unlike it let the draw put another at
    the centre."""
    listed = {c.index for c in shortlist}
    others = [c for c in considered if c.index not in listed]
    if not others:
        return []
    like = likeness([key_option, *(c.option for c in others)])[0]
    order = sorted(range(len(others)), key=lambda n: like[n + 1])
    return [others[n] for n in order[:count]]
