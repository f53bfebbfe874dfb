"""Shallow cues: what a test-wise guesser who knows nothing of the subject could pick on.

The generator controls each of them when it draws a set of wrong options (so that the key
comes out on top of a cue about as often as chance would have it), `exam-sim check`
reports what a guesser using each would score on a deck, and `benchmarks/quality.py`
measures them. One definition of each cue serves all three.

- longest option;
- most like the stem (rapidfuzz `partial_ratio`);
- most word stems shared with the stem ("stop training…" → Early *Stopping*), and its
  sharper form, the only option sharing any stem with the stem;
- odd one out (least like the other options) and its mirror, the most central option (most
  like the others: where wrong options are chosen for being like the key, the key is the
  centre of its options, the "convergence" cue).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from exam_sim.lexicon import Lexicon
from exam_sim.models import Question


def stem_echo(option: str, stem_stems: frozenset[str], lexicon: Lexicon) -> int:
    """How many stems of the stem's content words the option repeats."""
    return len(lexicon.stems(option) & stem_stems)


LIKE_STEM = 1  # the position of "most like the stem" in `surface`


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


def _longest(q: Question, lexicon: Lexicon) -> float:
    return tie_credit([len(o) for o in q.options], q.answer)


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


def _mean_likeness(q: Question) -> list[float]:
    matrix = likeness(q.options)
    return [sum(row) / (len(row) - 1) for row in matrix]


def _odd_one_out(q: Question, lexicon: Lexicon) -> float:
    return tie_credit(_mean_likeness(q), q.answer, pick_max=False)


def _most_central(q: Question, lexicon: Lexicon) -> float:
    return tie_credit(_mean_likeness(q), q.answer)


Solver = Callable[[Question, Lexicon], float]
SOLVERS: dict[str, Solver] = {
    "longest option": _longest,
    "most like the stem": _partial,
    "most stems shared with the stem": _stem_echo,
    "only option sharing a stem": _lone_echo,
    "odd one out": _odd_one_out,
    "most central": _most_central,
}


def solve(q: Question, lexicon: Lexicon) -> dict[str, float]:
    """Every solver's credit on this question (1 right, 0 wrong, 1/k for a k-way tie)."""
    return {name: solver(q, lexicon) for name, solver in SOLVERS.items()}
