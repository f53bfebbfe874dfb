"""Usage labels: how a dictionary says that a sense is dated, formal, slang or figurative,
in brackets opening the sense ("(poetic, formal or dated) eagle", "(slang) torpedo") or
closing it ("to do (imperfective)", "hello (formal)").

A label says how a word is used, not what it means: "(poetic, formal or dated) eagle" (der
Aar) means what "eagle" (der Adler) means, and each is a second right answer for the other.
Read with its label, the first card's stems ({poetic, formal, dated, eagle}) contained
nothing of the second's, and the two were offered together in every question of der Adler
(a Wiktionary-made deck of German nouns). The stems a card's meaning is compared by
(`DeckIndex.def_stems`, `check`'s definition-overlap) are read without them.

Only labels of usage are dropped: every word of the bracket must be one (`LABEL_WORDS`,
the register and grammar labels of Wiktionary's English entries and the words that join
them). A bracket saying whose or which ("(my) older brother", "(number of) months",
"(hard) candy", "(heraldry) eagle") is part of the meaning and stays: "(my) older brother"
and "(someone else's) older brother" are two words a learner must tell apart.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterator, Sequence

LABEL_WORDS = frozenset(
    """archaic dated obsolete rare rarely poetic poetical literary formal informal
    colloquial colloquially slang vulgar offensive derogatory pejorative humorous jocular
    euphemistic euphemism childish familiar nonstandard proscribed dialectal dialect
    regional regionally figurative figuratively metaphorical metaphorically literally
    historical archaism countable uncountable transitive intransitive reflexive
    ambitransitive impersonal chiefly mainly mostly usually often sometimes now especially
    possibly also or and in some regions by extension of slightly somewhat very
    perfective imperfective polite honorific humble""".split()  # noqa: SIM905
)
LABEL_LENGTH = 60  # characters in a label's bracket, at most (Wiktionary's are shorter)
# A bracket that opens a piece of a definition (at its start, or after a comma or a
# semicolon and a space or none) and is followed by words of that piece.
_OPENING_BRACKET = re.compile(rf"(^|[,;] ?)\(([^()]{{1,{LABEL_LENGTH}}})\)\s*(?=[^\s,;()])")
# A bracket that closes a piece after words of it: "to do (imperfective)", "hello (formal)".
_CLOSING_BRACKET = re.compile(rf"(?<=[^\s,;()])\s*\(([^()]{{1,{LABEL_LENGTH}}})\)(?=\s*(?:[,;]|$))")
_WORD = re.compile(r"[^\W\d_]+")


def is_usage_label(text: str) -> bool:
    """Is `text` (a bracket's contents) a usage label: words, each one of `LABEL_WORDS`
    ("poetic, formal or dated", "countable, possibly dated")?"""
    found = _WORD.findall(text.casefold())
    return bool(found) and LABEL_WORDS.issuperset(found)


def unlabelled(definition: str) -> str:
    """The definition without the usage labels its pieces open or close with ("(dated)
    lawyer" → "lawyer"; "to do (imperfective)" → "to do", "hello (formal)" → "hello");
    other brackets, and a label with nothing beside it, are kept."""
    if "(" not in definition:
        return definition  # the cheap test first: most definitions hold no bracket
    if definition.startswith("(") or (  # a bracket after a comma or semicolon
        ",(" in definition or ", (" in definition or ";(" in definition or "; (" in definition
    ):
        definition = _OPENING_BRACKET.sub(
            lambda m: m.group(1) if is_usage_label(m.group(2)) else m.group(), definition
        )
    # The cheap tests before `_CLOSING_BRACKET` (a million definitions are read so by
    # `check`): a bracket before a comma or semicolon, or a label closing the definition.
    if not (")," in definition or ");" in definition or ") ," in definition or ") ;" in definition):
        if not definition.endswith(")"):
            return definition
        inner = definition[definition.rfind("(") + 1 : -1]
        if len(inner) > LABEL_LENGTH or not is_usage_label(inner):
            return definition
    return _CLOSING_BRACKET.sub(
        lambda m: "" if is_usage_label(m.group(1)) else m.group(), definition
    )


def usage_labels(definition: str) -> frozenset[str]:
    """The words of the usage labels a definition's pieces open or close with."""
    if "(" not in definition:
        return frozenset()
    brackets = [m.group(2) for m in _OPENING_BRACKET.finditer(definition)]
    brackets += [m.group(1) for m in _CLOSING_BRACKET.finditer(definition)]
    return frozenset(
        word for text in brackets if is_usage_label(text) for word in _WORD.findall(text.casefold())
    )


def labels_apart(definition: str, other: str) -> bool:
    """Do both definitions carry usage labels, other ones ("thank you (formal)", "thanks
    (informal)"; "(my) older brother (humble)", "(someone else's) older brother
    (formal)")? A label alone says nothing of the meaning ("(poetic) eagle" means
    "eagle"), but two labels set against each other are what a learner must tell apart:
    the register of each word."""
    labels = usage_labels(definition)
    if not labels:
        return False
    other_labels = usage_labels(other)
    return bool(other_labels) and labels != other_labels


def labelled(definitions: Sequence[str]) -> Iterator[int]:
    """The positions of the definitions `unlabelled` changes (a bracket at all, the
    cheap test first, in C: a million definitions are read so by `check`)."""
    brackets = map(operator.contains, definitions, itertools.repeat("("))
    for k in itertools.compress(range(len(definitions)), brackets):
        if unlabelled(definitions[k]) != definitions[k]:
            yield k
