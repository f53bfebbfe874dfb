"""Cards written the other way round: a description first, the name it describes after.

"Service type reachable only inside the cluster::ClusterIP", "Fully managed NoSQL
key-value database,DynamoDB": flashcards are often written so, the prompt first, in a
file that does not say which side is the term. Read as written, the description was the
term, and every question said the opposite of what it showed ("Which description matches
this term?" above a description, with names as options). Such a card is read the other
way round, and the reader says so, when the deck leans that way (more cards written so
than a name before its description). A card is so written when its front is a
description (`FRONT_WORDS` words or more, no question, no blank to fill) and its back a
name (at most `BACK_WORDS` words, a letter in it, no question, and a `RATIO`-th of the
front's words at most). Readers of files that name their columns ("Term,Definition", a
TOML deck) never turn a card: the file says which side is which.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from exam_sim.text import looks_like_question
from exam_sim.units import counted, listed

if TYPE_CHECKING:
    from exam_sim.decks.common import RawCard

FRONT_WORDS = 5
BACK_WORDS = 3
RATIO = 3
AT_LEAST = 2  # cards written so: one is no habit of the file's
_CLOZE = "{{c"  # a cloze note's text: `cloze.expand_cloze` makes its cards


def turned_cards(terms: Sequence[str], definitions: Sequence[str]) -> list[int]:
    """The positions of the cards written as a description before its name, when there
    are `AT_LEAST` of them and they outnumber the cards written a name before its
    description (a glossary with a few long terms, "der Abt, die Äbte (Pl.)" before
    "abbot", keeps them as written); else none. Spaces are counted first (in C, a card
    at a time): most cards stop there."""
    turned = [
        at
        for at, (term, definition) in enumerate(zip(terms, definitions, strict=True))
        if definition.count(" ") < BACK_WORDS
        and term.count(" ") >= FRONT_WORDS - 1
        and _turned(term, definition)
    ]
    if len(turned) < AT_LEAST:
        return []
    written_so = (
        at
        for at, (term, definition) in enumerate(zip(terms, definitions, strict=True))
        if term.count(" ") < BACK_WORDS
        and definition.count(" ") >= FRONT_WORDS - 1
        and _turned(definition, term)
    )
    as_many = next(itertools.islice(written_so, len(turned) - 1, None), None) is not None
    return [] if as_many else turned


def _turned(front: str, back: str) -> bool:
    back_words = len(back.split())
    front_words = sum(1 for word in front.split() if any(map(str.isalpha, word)))  # words
    return (
        0 < back_words <= BACK_WORDS
        and front_words >= max(FRONT_WORDS, RATIO * back_words)
        and any(map(str.isalpha, back))
        and _CLOZE not in front
        and not looks_like_question(front)
        and not looks_like_question(back)
    )


def turn_round(raws: list[RawCard], place: str = "line") -> str | None:
    """Each card of `raws` written as a description before its name turned round (in
    place), and what the reader says of them, or None when there were none. `place`:
    what a raw card's `line` counts ("line", or "note" in an Anki package)."""
    turned = turned_cards([raw.term for raw in raws], [raw.definition for raw in raws])
    for at in turned:
        raws[at].term, raws[at].definition = raws[at].definition, raws[at].term
    if not turned:
        return None
    said = "a description before the name it describes"
    if len(turned) == len(raws) > 1:
        return f"all {len(raws):,} cards turned round: each gave {said}"
    plural = len(turned) != 1
    each = "each" if plural else "it"
    where = f"{place}{'s' * plural} {listed([raws[at].line for at in turned])}"
    return f"{counted(len(turned), 'card')} turned round: {each} gave {said} ({where})"
