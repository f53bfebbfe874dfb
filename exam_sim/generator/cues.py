"""Shallow cues: what a test-wise guesser who knows nothing of the subject could pick on.

The generator controls each of them when it draws a set of wrong options (so that the key
comes out on top of a cue about as often as chance would have it), `exam-sim check`
reports what a guesser using each would score on a deck, and `benchmarks/quality.py`
measures them. One definition of each cue serves all three.

- longest option, shortest option, and neither (one of the options between them: the
  "avoid the extremes" of test-taking advice);
- most like the stem (rapidfuzz `partial_ratio`);
- most word stems shared with the stem ("stop training…" → Early *Stopping*), and its
  sharper form, the only option sharing any stem with the stem;
- odd one out (least like the other options) and its mirror, the most central option (most
  like the others: where wrong options are chosen for being like the key, the key is the
  centre of its options, the "convergence" cue), and neither of them;
- the first option, the last, and one between them: chance where options are shuffled, a
  cue where they are put in numerical order (`ordering`), which the draw balances;
- the option opening like the stem: in short texts the first word shows what kind of word
  the rest is (an article a noun, the English "to" a verb), so "the cat" asks for "le chat"
  among "manger" and "rouge" (the grammatical cue of the item-writing guides). The
  generator does not balance this one: it keeps a short key's options to its opening
  (`QuestionGenerator._shaped`).
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from exam_sim.generator.wording import bare_yes_no, statement_verdict
from exam_sim.lexicon import ARTICLES, Lexicon, words
from exam_sim.models import Question

# Texts of at most this many words show their opening word as a shape (`opening`).
SHORT_TEXT_WORDS = 4


def stem_echo(option: str, stem_stems: frozenset[str], lexicon: Lexicon) -> int:
    """How many stems of the stem's content words the option repeats."""
    return len(lexicon.stems(option) & stem_stems)


LIKE_STEM = 1  # the position of "most like the stem" in `surface`


def opening(text: str, *, short: bool = True) -> str | None:
    """What a text opens with, as a guesser sees it at a glance: an article ("the", "la",
    "der"…: a noun follows), the English "to" (a verb), a number (a year, a count), or a
    content word (""). With `short`, None for a text of more than SHORT_TEXT_WORDS words,
    whose first word says little of the rest."""
    tokens = words(text)
    if not tokens or (short and len(tokens) > SHORT_TEXT_WORDS):
        return None
    return opening_word(tokens[0])


# A bare number ("1989", "7", "3.14"), and a symbol or acronym ("Na", "CPU"): beside
# them, "100 °C" or "Mercury" is struck out at a glance.
_BARE_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)*")
_SYMBOL = re.compile(r"[A-Z][a-z]?|[A-Z]{2,4}")


# A word part as a word-parts list writes it: "hyper-", "-itis", "-iĉ-", "cardi/o".
_WORD_PARTS = (
    ("infix", re.compile(r"-[^\W\d_]+-")),
    ("prefix", re.compile(r"[^\W\d_]+-")),
    ("suffix", re.compile(r"-[^\W\d_]+")),
    ("combining form", re.compile(r"[^\W\d_]+/[aeiou]")),
)


def form(text: str) -> str | None:
    """A short answer's form, when it has one a guesser tells apart from others: "number"
    (bare, no unit) or "symbol" (one capital and at most one small letter, or an acronym
    of up to four capitals), or a word part's ("prefix" "hyper-", "suffix" "-itis",
    "infix" "-iĉ-", "combining form" "cardi/o": beside roots, "peri-" is struck out at a
    glance); None otherwise."""
    text = text.strip()
    if _BARE_NUMBER.fullmatch(text):
        return "number"
    if _SYMBOL.fullmatch(text):
        return "symbol"
    # In lower case: "Cl-" and "ClO4-" are ions, two of one form, not prefixes.
    if ("-" in text or "/" in text) and text.islower():
        return next((name for name, shape in _WORD_PARTS if shape.fullmatch(text)), None)
    return None


# Words a vocabulary list's term and definition have at most ("yes": "sí").
VOCABULARY_WORDS = 2


def _companies(
    definitions: Sequence[str],
    is_question: bytes,
    topic: Iterable[str | None],
    wanted: set[str | None],
) -> dict[str | None, list[int]]:
    """For each wanted topic, its definition cards counted in one pass over the deck: all
    of them, symbols, bare yes/no words, other words of VOCABULARY_WORDS at most."""
    company: dict[str | None, list[int]] = {t: [0, 0, 0, 0] for t in wanted}
    for text, where, asked in zip(definitions, topic, is_question, strict=True):
        counts = None if asked else company.get(where)
        if counts is not None:
            counts[0] += 1
            counts[1] += form(text) == "symbol"
            verdict = bare_yes_no(text) is not None
            counts[2] += verdict
            counts[3] += not verdict and len(text.split()) <= VOCABULARY_WORDS
    return company


def bare_answers(
    definitions: Sequence[str],
    terms: Sequence[str],
    option_ok: bytearray,
    is_question: bytes,
    topic: Sequence[str | None],
) -> tuple[list[int], frozenset[int]]:
    """The definition cards answered by a bare yes/no word (`option_ok` 0: no option),
    read by the company they keep (their topic's definition cards, or a deck's without
    topics): (those that are options after all, claims).

    - Symbols: the word written as a symbol ("No", "Si") where at least half of the
      definitions are symbols ("Na", "Fe"): nobelium's and silicon's, options like any
      other; and words: the word given for a term of one or two words where at least
      half of the definitions are other words that short, a vocabulary list's ("yes":
      "sí", "if": "si"; "no": "non"), options too (among claims, "oui" is no word); in
      a topic of bare yes/no words alone, the deck's definitions are their company.
    - Claims: a statement (`wording.statement_verdict`) where at least half of the
      definitions are bare yes/no words, a deck of claims ("S3 is a block storage
      service": "False"): asked as true or false. A stray "No" in a glossary stays out."""
    bare = itertools.compress(range(len(option_ok)), map(operator.not_, option_ok))
    found = [i for i in bare if not is_question[i]]
    if not found:
        return [], frozenset()
    company = _companies(definitions, is_question, topic, {topic[i] for i in found})
    # A topic of bare yes/no words alone ("네": "yes", "아니요": "no", in "Basics") says
    # nothing of its deck: there a vocabulary list's words are read by the deck's company.
    words = dict(company)
    alone = [t for t, counts in company.items() if t is not None and counts[0] == counts[2]]
    if any(topic[i] in alone and len(terms[i].split()) <= VOCABULARY_WORDS for i in found):
        whole = _companies(definitions, is_question, itertools.repeat(None, len(topic)), {None})
        words.update(dict.fromkeys(alone, whole[None]))
    options = [
        i
        for i in found
        if (form(definitions[i]) == "symbol" and 2 * company[topic[i]][1] >= company[topic[i]][0])
        or (
            len(terms[i].split()) <= VOCABULARY_WORDS
            and 2 * words[topic[i]][3] >= words[topic[i]][0]
        )
    ]
    claims = frozenset(
        i
        for i in set(found).difference(options)
        if statement_verdict(terms[i], definitions[i]) is not None
        and 2 * company[topic[i]][2] >= company[topic[i]][0]
    )
    return options, claims


def opening_word(word: str) -> str:
    """`opening` of a text whose first folded word is `word`."""
    if word in ARTICLES:
        return "article"
    if word.isdigit():
        return "number"
    return "to" if word == "to" else ""


def surface(option: str, stem: str, lexicon: Lexicon) -> tuple[float, float, float]:
    """The per-option cues, each "higher tops": length, likeness to the stem, stems
    shared with the stem."""
    return (
        float(len(option)),
        fuzz.partial_ratio(option, stem, processor=default_process),
        float(stem_echo(option, lexicon.stems(stem), lexicon)),
    )


def likeness(texts: Sequence[str]) -> list[list[float]]:
    """Pairwise `fuzz.ratio` of the options (processed): the likeness that odd-one-out and
    most-central read."""
    processed = [default_process(text) for text in texts]
    size = len(texts)
    matrix = [[0.0] * size for _ in range(size)]
    for a in range(size):
        for b in range(a + 1, size):
            matrix[a][b] = matrix[b][a] = fuzz.ratio(processed[a], processed[b])
    return matrix


# --------------------------------------------------------------------------- solvers


def tie_credit(scores: Sequence[float], answer: int, *, pick_max: bool = True) -> float:
    """The solver's expected score: it picks among the tied best at random."""
    best = max(scores) if pick_max else min(scores)
    winners = [n for n, s in enumerate(scores) if s == best]
    return 1 / len(winners) if answer in winners else 0.0


def between_credit(scores: Sequence[float], answer: int) -> float:
    """The expected score of a solver that picks among the options neither at the top nor
    at the bottom of `scores` at random (among all of them when every option is at one
    end)."""
    top, bottom = max(scores), min(scores)
    between = [n for n, s in enumerate(scores) if bottom < s < top]
    if not between:
        return 1 / len(scores)
    return 1 / len(between) if answer in between else 0.0


def _lengths(options: Sequence[str]) -> list[float]:
    return [float(len(o)) for o in options]


def _partial(q: Question, lexicon: Lexicon) -> float:
    return tie_credit(
        [fuzz.partial_ratio(o, q.stem, processor=default_process) for o in q.options], q.answer
    )


def _echo_counts(q: Question, lexicon: Lexicon) -> list[int]:
    stem_stems = lexicon.stems(q.stem)
    return [stem_echo(o, stem_stems, lexicon) for o in q.options]


def _stem_echo(q: Question, lexicon: Lexicon) -> float:
    return tie_credit(_echo_counts(q, lexicon), q.answer)


def _lone_echo(q: Question, lexicon: Lexicon) -> float:
    """Picks the only option that shares a stem with the stem; else guesses."""
    echoing = [n for n, count in enumerate(_echo_counts(q, lexicon)) if count]
    if len(echoing) == 1:
        return 1.0 if echoing[0] == q.answer else 0.0
    return 1 / len(q.options)


def _likeness_sums(options: Sequence[str]) -> list[float]:
    """Each option's summed likeness to the others (their order is all a solver reads)."""
    return [sum(row) for row in likeness(options)]


def _same_opening(q: Question, lexicon: Lexicon) -> float:
    """Picks among the options that open like the stem (an article for an article); else
    guesses."""
    kind = opening(q.stem)
    alike = [n for n, o in enumerate(q.options) if kind and opening(o, short=False) == kind]
    if not alike:
        return 1 / len(q.options)
    return 1 / len(alike) if q.answer in alike else 0.0


def _top(scores: Sequence[float], answer: int) -> float:
    return tie_credit(scores, answer)


def _bottom(scores: Sequence[float], answer: int) -> float:
    return tie_credit(scores, answer, pick_max=False)


# The solvers that read only the options' shape, in SOLVERS' order: what each reads of
# every option (its length, its summed likeness to the others) and which place on that
# scale it picks (the top, the bottom, or one between them).
_Read = Callable[[Sequence[str]], list[float]]
_Pick = Callable[[Sequence[float], int], float]
_SHAPES: dict[str, tuple[_Read, _Pick]] = {
    "longest option": (_lengths, _top),
    "shortest option": (_lengths, _bottom),
    "neither longest nor shortest": (_lengths, between_credit),
    "odd one out": (_likeness_sums, _bottom),
    "most central": (_likeness_sums, _top),
    "neither odd nor central": (_likeness_sums, between_credit),
}

Solver = Callable[[Question, Lexicon], float]


def _shape_solver(name: str) -> Solver:
    read, pick = _SHAPES[name]
    return lambda q, lexicon: pick(read(q.options), q.answer)


def _position_solver(pick: _Pick) -> Solver:
    """A solver that picks by place alone (the first option, the last, one between):
    chance on shuffled options, and what numerical order (`ordering`) could give away."""
    return lambda q, lexicon: pick([float(n) for n in range(len(q.options))], q.answer)


# Cues of the key's place, not of a card's text: no card gives itself away by them (the
# least number of a deck comes first in every question asking it, and no deck could
# mend that), so the audit weighs them over a direction and names no card.
POSITION_SOLVERS = ("first option", "last option", "a middle option")

SOLVERS: dict[str, Solver] = {
    "longest option": _shape_solver("longest option"),
    "shortest option": _shape_solver("shortest option"),
    "neither longest nor shortest": _shape_solver("neither longest nor shortest"),
    "most like the stem": _partial,
    "most stems shared with the stem": _stem_echo,
    "only option sharing a stem": _lone_echo,
    "odd one out": _shape_solver("odd one out"),
    "most central": _shape_solver("most central"),
    "neither odd nor central": _shape_solver("neither odd nor central"),
    "opening like the stem": _same_opening,
    "first option": _position_solver(_bottom),
    "last option": _position_solver(_top),
    "a middle option": _position_solver(between_credit),
}


def shape_credits(options: Sequence[str], answer: int) -> tuple[float, ...]:
    """The credits of the solvers that read only the options' shape (`_SHAPES`), in
    SOLVERS' order, each reading made once: what `comparisons` weighs when every option
    says the same words of the stem."""
    read = {reader: reader(options) for reader, _ in _SHAPES.values()}
    return tuple(pick(read[reader], answer) for reader, pick in _SHAPES.values())


def solve(q: Question, lexicon: Lexicon) -> dict[str, float]:
    """Every solver's credit on this question (1 right, 0 wrong, 1/k for a k-way tie)."""
    return {name: solver(q, lexicon) for name, solver in SOLVERS.items()}
