"""The question generator: multiple-choice questions from flashcards (pure, seeded, no I/O).

- `questions`: `QuestionGenerator` (the draw of wrong options); `batch`: `generator_for`
  (one per deck), `generate` (a whole deck's questions);
- `index`: what is computed once per deck (names, stems, "same thing" links, areas);
- `masking`: finding a card's names in a text and blanking them;
- `cues`: the shallow cues a guesser could use, shared with `check` and the benchmarks;
- `audit`: what a guesser using each cue would score on a deck (`exam-sim check`).
"""

from exam_sim.generator.batch import generate, generator_for
from exam_sim.generator.masking import mask_names
from exam_sim.generator.questions import GeneratorError, QuestionGenerator
from exam_sim.models import DEFAULT_OPTIONS, MAX_OPTIONS, MIN_OPTIONS
from exam_sim.text import BLANK

__all__ = [
    "BLANK",
    "DEFAULT_OPTIONS",
    "MAX_OPTIONS",
    "MIN_OPTIONS",
    "GeneratorError",
    "QuestionGenerator",
    "generate",
    "generator_for",
    "mask_names",
]
