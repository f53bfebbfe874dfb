"""`fold`, `compact` and `term_key` of a whole column of texts at once, for `check`.

Folding every name and definition was the largest part of checking a 1M-card deck, one
Python call per text. Here the ASCII texts of a column (nearly all of them in most decks)
are joined by a NUL, which no folded text holds, and folded as one string by the same C
steps `fold` takes on each (lower case, non-word characters made spaces, runs of
whitespace made one); the result is split at the NULs. Any other text goes through `fold`
itself, so the rule stays written once, in `exam_sim.text` (a hypothesis test compares
both).
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence

from exam_sim.decks.common import term_key
from exam_sim.lexicon import (
    COMPARISON_WORDS,
    comparison_parts,
    cross_reference_target,
    may_be_reference,
    norm_all,
)
from exam_sim.text import (
    BULK_CHUNK,
    NON_WORD_CHAR,
    TERM_SYMBOL,
    ascii_table,
    compact,
    fold,
    found_in,
    operators_kept,
    translated_all,
)

_SEPARATOR = "\x00"
_NON_WORD = re.compile(NON_WORD_CHAR)  # a character `fold` makes a space (`text._NON_WORD`)
# `fold` of an ASCII text as a byte table: word characters (letters, digits, "_") kept.
_ASCII_FOLD_TABLE = ascii_table(lambda ch: _NON_WORD.fullmatch(ch) is None)
# An operator a formula's fold kept (no other ASCII fold holds one).
_KEPT_OPERATOR = re.compile(r"[-/+*^=]")


def fold_all(texts: Sequence[str], normed: Sequence[str] | None = None) -> list[str]:
    """`[fold(text) for text in texts]` (`translated_all`; other scripts by `_fold_other`).
    `normed`: `lexicon.norm` of each text, when the caller has them (the generator's index
    does): on an ASCII text without "_" that is no formula the two are the same (letters
    and digits lowered, one space between them), so only the other texts are folded."""
    if normed is None:
        return translated_all(texts, _ASCII_FOLD_TABLE, fold, _fold_other, operators_kept)
    folded = list(normed)
    differ = [i for i, text in enumerate(texts) if "_" in text or not text.isascii()]
    differ = sorted({*differ, *operators_kept(texts)})  # formulas keep their operators
    for i, text in zip(differ, fold_all([texts[i] for i in differ]), strict=True):
        folded[i] = text
    return folded


def _fold_other(texts: list[str]) -> list[str]:
    """`fold`'s other path (accents removed, case folded, non-word characters made
    spaces) for all the texts at once: each step maps characters one by one, and the
    separator is one none of them changes or moves (a starter, no mark crosses it)."""
    joined = _SEPARATOR.join(texts)
    if not texts or joined.count(_SEPARATOR) != len(texts) - 1:
        return [fold(text) for text in texts]
    text = unicodedata.normalize("NFKD", joined)
    marks = {ord(ch): None for ch in set(text) if unicodedata.combining(ch)}
    text = text.translate(marks).casefold()
    spaces = {ord(ch): " " for ch in set(text) if ch != _SEPARATOR and _NON_WORD.fullmatch(ch)}
    spaced = text.translate(spaces)
    # One space between words and none at a text's ends, as `fold` leaves them.
    while "  " in spaced:
        spaced = spaced.replace("  ", " ")
    spaced = spaced.replace(" " + _SEPARATOR, _SEPARATOR).replace(_SEPARATOR + " ", _SEPARATOR)
    return spaced.strip(" ").split(_SEPARATOR)


def compact_all(folded: Sequence[str]) -> list[str]:
    """`[compact(text) for text in folded]`, of texts already folded: folding an ASCII
    folded text again changes nothing, so its spaces are all `compact` removes; but a
    formula's, which kept its operators (`text.formula_parts`), is folded again."""
    formulas = set(found_in(folded, _KEPT_OPERATOR))
    return [
        compact(text) if k in formulas or not text.isascii() else text.replace(" ", "")
        for k, text in enumerate(folded)
    ]


def keeps_symbols(terms: Sequence[str]) -> bool:
    """Does a term keep a symbol `fold` drops ("C++", "C#": `term_key`)? Scanned a chunk
    of terms joined at a time."""
    return any(
        TERM_SYMBOL.search(_SEPARATOR.join(terms[start : start + BULK_CHUNK])) is not None
        for start in range(0, len(terms), BULK_CHUNK)
    )


def term_keys(
    terms: Sequence[str], folded: Sequence[str], symbols: bool | None = None
) -> list[str]:
    """Keys equal exactly when the terms' `term_key`s are; `folded`: the terms folded;
    `symbols`: whether any term of the deck keeps a symbol (`keeps_symbols` of `terms`
    when None). When none does, every `term_key` ends alike, so the folded term (or the
    term, when it folds to nothing: never a folded text) is its key, and no string is
    made per card."""
    if not (keeps_symbols(terms) if symbols is None else symbols):
        return [name or term for term, name in zip(terms, folded, strict=True)]
    return [term_key(term, name) for term, name in zip(terms, folded, strict=True)]


def comparison_parts_of(terms: Sequence[str]) -> dict[int, tuple[str, ...]]:
    """The position of each comparison term → its sides (`comparison_parts`), the others
    left out (a list of a million cards' empty sides held 8 MB). Asked only of the terms
    with a "/" or one of the lexicon's comparison words (`lexicon.may_compare`, here in C:
    case folded, split into words); any other term has no sides (the pattern scanned over
    every term took 2 s on 1M cards)."""
    wordless = map(COMPARISON_WORDS.isdisjoint, map(str.split, map(str.casefold, terms)))
    slashless = map(operator.not_, map(operator.contains, terms, itertools.repeat("/")))
    asked = itertools.compress(
        range(len(terms)), map(operator.not_, map(operator.and_, wordless, slashless))
    )
    return {i: parts for i in asked if (parts := comparison_parts(terms[i]))}


def cross_references(
    definitions: Sequence[str], candidates: Iterable[int] | None = None
) -> frozenset[int]:
    """The indexes of the definitions that are cross-references (`cross_reference_target`
    finds a target), asked only of those that pass the lexicon's cheap test on their
    folded words (`may_be_reference`). `candidates`: the indexes that pass it, when the
    caller knows them (the generator's index does: `DeckIndex.maybe_references`)."""
    if candidates is None:
        candidates = itertools.compress(
            range(len(definitions)), map(may_be_reference, norm_all(definitions))
        )
    return frozenset(i for i in candidates if cross_reference_target(definitions[i]) is not None)
