"""A card's names: its term and aliases, each also without its parentheses and each
parenthesis alone ("Probability Mass Function (PMF)": "Probability Mass Function",
"PMF"), and the readings a parenthesis gives instead ("你好 (nǐ hǎo)": "nǐ hǎo"). What
the generator blanks, masks and compares as a card's names, and what the study schedule
and `check` read as them (`lexicon` reads their words)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from exam_sim.text import fold as text_fold
from exam_sim.text import gives_a_name, reading_between

_PARENTHESIS = re.compile(r"\(([^()]+)\)")


def name_variants(name: str) -> tuple[str, ...]:
    """Other spellings one name carries: the name without its parentheses and each
    parenthesis alone ("Probability Mass Function (PMF)" → "Probability Mass Function",
    "PMF"; two parentheses give both), of the parentheses that give a name
    (`text.gives_a_name`: "dict.get(k, d)" carries none). A reading is no other spelling
    (`text.is_reading`: "他 (tā)" → "他"; `readings` gives it)."""
    outer, inner, _ = _parenthesised(name)
    return tuple(dict.fromkeys(v for v in (outer, *inner) if v and v != name))


def every_name(names: Sequence[str], no_names: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Every spelling of a card whose names (term and aliases) are `names`: each, and each
    without or inside its parentheses; none whose folded spelling is one of `no_names`
    (`term_labels.Kinds.no_names`: a final parenthesis many terms write alike, "(adj.)";
    a word its term says a sense of, "to be" of "to be (permanent quality)"); the term
    itself always."""
    found = list(names)
    for name in names:
        if "(" in name:
            found.extend(name_variants(name))
    if no_names:
        found = [name for k, name in enumerate(found) if not k or text_fold(name) not in no_names]
    return tuple(dict.fromkeys(found))


def readings(name: str) -> tuple[str, ...]:
    """How a name written in Han characters is read, when it says so in parentheses
    ("你好 (nǐ hǎo)" → "nǐ hǎo"; `text.is_reading`): not a name of the card, but blanked
    with its names out of its own text."""
    return _parenthesised(name)[2]


def _parenthesised(name: str) -> tuple[str, list[str], tuple[str, ...]]:
    """(name without its naming parentheses, each one's text, the readings among them)."""
    if "(" not in name:
        return "", [], ()
    naming = [m for m in _PARENTHESIS.finditer(name) if gives_a_name(name, m.start(), m[1])]
    inner = [m[1].strip() for m in naming if m[1].strip()]
    if not inner:
        return "", [], ()
    outer = name
    for m in reversed(naming):
        outer = f"{outer[: m.start()]} {outer[m.end() :]}"
    outer = " ".join(outer.split())
    read = [reading_between(outer, piece) for piece in inner]
    if outer and outer in read:  # "tā (他)": the outer is read
        return "", inner, (outer,)
    spoken = tuple(piece for piece, reading in zip(inner, read, strict=True) if reading)
    return outer, [piece for piece in inner if piece not in spoken], spoken
