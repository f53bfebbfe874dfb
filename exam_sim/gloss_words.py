"""Words a short definition gives a meaning that they carry nowhere else, and the
definitions whose stems their folded words do not give: read by `Lexicon.stems` one text
at a time and by `DeckIndex.every_def_stems` a chunk of a large deck at a time (the two
must agree: `tests/test_glosses_and_notes.py`).

Pure: no I/O."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator, Sequence
from itertools import compress

from exam_sim.text import code_in, formulas_in
from exam_sim.usage_labels import labelled

# Stop words a gloss (a text of GLOSS_CHARS at most) gives a meaning: the verb it names,
# the whole of a piece ("to do (imperfective)", "to be, to have"; not "to be born" or "to
# have a say", where the words after it carry the meaning), without which "to do
# (imperfective)" said nothing but its note; and a stop word written in capitals in a
# text that is not ("logical AND", "bitwise OR", "NOT IN"): an operator's name, without
# which "logical AND" and "logical OR" were one meaning.
_STOP_VERB_GLOSS = re.compile(r"(?:^|[,;])\s*to (be|do|have|use)\s*(?=$|[,;(])", re.IGNORECASE)
_CAPITALS = re.compile(r"\b[A-Z]{2,}\b")
# The particle of a phrasal verb opening a piece of a short gloss (NAME_GLOSS_CHARS at
# most: "Zoom in", "Log out", "Save as", "to give up"), which is no stem (`to cave in`
# and "absorbed in" say two things) but tells two glosses apart (`particles_apart`).
_PHRASAL = re.compile(
    r"(?:^|[,;])\s*(?:to\s+)?[^\W\d_]+\s+"
    r"(in|out|up|down|on|off|over|back|away|as|through|around|about|along)\b(?![-'])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
GLOSS_CHARS = 100  # a gloss naming a verb, at most
NAME_GLOSS_CHARS = 40  # a gloss naming an operator in capitals, at most ("bitwise NOT")
# The cheap tests of either, in C: a "to" before one of the verbs; two capitals.
_MAY_SAY_VERB = re.compile(r"[Tt][Oo] (?:[Bb][Ee]|[Dd][Oo]|[Hh][Aa][Vv][Ee]|[Uu][Ss][Ee])")
_MAY_SAY = re.compile(f"[A-Z]{{2}}|{_MAY_SAY_VERB.pattern}")


def said_stop_words(text: str) -> list[str]:
    """The stop words (folded) a gloss gives a meaning (`_STOP_VERB_GLOSS`, `_CAPITALS`);
    the caller keeps those of its language's stop words."""
    said = []
    if len(text) <= GLOSS_CHARS and "to " in text.casefold():
        said += [verb.casefold() for verb in _STOP_VERB_GLOSS.findall(text)]
    if len(text) <= NAME_GLOSS_CHARS and not text.isupper():
        said += [word.casefold() for word in _CAPITALS.findall(text)]
    return said


def particles_apart(definition: str, other: str) -> bool:
    """Do two short glosses say the same words but for the particles of a phrasal verb
    ("Zoom in", "Zoom out"; "Save", "Save as"; "Turn on full screen", "Turn off full
    screen"): two actions? Words, not stems: "absorbed in" and "absorbing" are no one
    verb with two particles."""
    if max(len(definition), len(other)) > NAME_GLOSS_CHARS:
        return False
    particles, others = _particles(definition), _particles(other)
    if particles == others:
        return False
    said = particles | others
    words = [w for w in _WORD.findall(definition.casefold()) if w not in said]
    return words == [w for w in _WORD.findall(other.casefold()) if w not in said]


def _particles(text: str) -> set[str]:
    return {word.casefold() for word in _PHRASAL.findall(text)}


def said_stop_words_in(texts: Sequence[str], stopwords: frozenset[str]) -> Iterator[int]:
    """The positions, in order, of the texts in which a gloss gives stop words a meaning
    (`said_stop_words`): the cheap tests first, in C (short enough, and two capitals or
    "to" before one of the verbs said at all)."""
    lengths = list(map(len, texts))
    found: list[int] = []
    windows = ((0, NAME_GLOSS_CHARS, _MAY_SAY), (NAME_GLOSS_CHARS + 1, GLOSS_CHARS, _MAY_SAY_VERB))
    for least, most, pattern in windows:
        fits = map(operator.and_, map(least.__le__, lengths), map(most.__ge__, lengths))
        at = list(compress(range(len(texts)), fits))
        found += compress(at, map(pattern.search, map(texts.__getitem__, at)))
    for k in sorted(found):
        if not stopwords.isdisjoint(said_stop_words(texts[k])):
            yield k


def unfolded_stems(texts: Sequence[str], stopwords: frozenset[str]) -> list[int]:
    """The positions, in order, of the definitions whose stems their folded words do not
    give (`DeckIndex.every_def_stems` reads those whole): a label's words are no meaning
    (`usage_labels.labelled`), a formula or code has a stem of its own, and folded words
    cannot tell "to do (imperfective)" from "to do it", nor "AND" from "and"."""
    said = {*labelled(texts), *formulas_in(texts), *code_in(texts)}
    return sorted(said.union(said_stop_words_in(texts, stopwords)))
