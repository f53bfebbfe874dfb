"""Many plain cards at once: the cards `models.make_card` makes, built a column at a time.

A large deck's cards are mostly plain: an id, a term, a definition, a topic, nothing that
validation would change. `make_card` checks and builds such a card in about 10 µs of
Python; here each check is one C scan over a whole column (a regex over joined ids, one
control-character scan over joined texts) and each field is set on every card by one C
loop (`map`), about 1.5 µs a card. Any value `make_card` would not take as it stands makes
the whole batch None: the caller then makes each card with `make_card` (a test compares
both on generated columns).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable
from itertools import accumulate, compress, repeat
from operator import add, eq, not_
from typing import Any

from exam_sim.controls import any_controls
from exam_sim.ids import WHOLE_ID
from exam_sim.models import (
    MAX_DEFINITION_CHARS,
    MAX_TERM_CHARS,
    Card,
    CardKind,
)
from exam_sim.text import QUESTION_WORDS, WRITTEN_BLANK, looks_like_question, split_aliases

__all__ = ["may_be_questions", "plain_cards"]

# Many ids at once: ids joined by line feeds (which no id holds) against the id pattern.
_WHOLE_IDS = re.compile(rf"{WHOLE_ID.pattern}(?:\n{WHOLE_ID.pattern})*")
# A kind as given; None: derived from the term, a definition unless it looks like a question.
_GIVEN_KINDS = {None: CardKind.DEFINITION, "definition": CardKind.DEFINITION,
                "question": CardKind.QUESTION}  # fmt: skip
# In a column of terms each after a NUL (none holds one: controls are refused), where a
# term `looks_like_question` may say is one starts: an ASCII term opens with a question
# word as `fold`'s first word (its first run of word characters, lowered), or ends with
# "?" (before the next NUL). A non-ASCII term is folded by Unicode rules: always asked.
_QUESTION_OPENING = re.compile(
    rf"\x00[^A-Za-z0-9_\x00]*(?:{'|'.join(QUESTION_WORDS)})(?![A-Za-z0-9_])", re.IGNORECASE
)
_QUESTION_END = re.compile(r"\?\x00")


def may_be_questions(terms: list[str]) -> list[int]:
    """The rows of the stripped, control-free terms that may look like a question: any
    other is no question by `looks_like_question` (a test holds it to that). Two regex
    scans of the joined column (in C): a call per term took about 0.6 µs."""
    joined = "\x00" + "\x00".join(terms) + "\x00"
    starts = list(accumulate(map(add, map(len, terms), repeat(1)), initial=0))  # each NUL
    found = {
        bisect_right(starts, match.start()) - 1 for match in _QUESTION_OPENING.finditer(joined)
    }
    found.update(
        bisect_right(starts, match.start()) - 1 for match in _QUESTION_END.finditer(joined)
    )
    if WRITTEN_BLANK in joined:  # a fill-in-the-blank card: rare
        found.update(k for k in range(len(terms)) if WRITTEN_BLANK in terms[k])
    if not joined.isascii():
        found.update(compress(range(len(terms)), map(not_, map(str.isascii, terms))))
    return sorted(found)


def plain_cards(
    ids: list[str],
    terms: list[str],
    definitions: list[str],
    topics: list[str | None],
    kinds: list[str | None],
    lines: Iterable[int | None],
) -> list[Card] | None:
    """For each row, the card `make_card(term, definition, id=…, topic=…, kind=…,
    line=…)` makes (no tags, aliases given, related cards or references; `kind` "question",
    "definition" or None), or None unless every value is one `make_card` keeps as it is
    (`models._already_valid`)."""
    count = len(ids)
    if not len(terms) == len(definitions) == len(topics) == len(kinds) == count:
        raise ValueError("columns of different lengths")
    if not count:
        return []
    if not _all_plain(ids, terms, definitions, topics, kinds):
        return None
    interned: dict[str | None, str | None] = {None: None}
    interned.update((topic, sys.intern(topic)) for topic in set(topics) if topic is not None)
    # The aliases of a term's final parenthesis (`split_aliases`: a stripped term then ends
    # with it; a term without controls gives aliases without).
    aliases: list[tuple[str, ...]] = [()] * count
    for index in compress(range(count), map(str.endswith, terms, repeat(")"))):
        aliases[index] = split_aliases(terms[index])[1]
    card_kinds = list(map(_GIVEN_KINDS.__getitem__, kinds))
    for index in may_be_questions(terms):
        if kinds[index] is None and looks_like_question(terms[index]):
            card_kinds[index] = CardKind.QUESTION
    cards = list(map(Card.__new__, repeat(Card, count)))
    fields: tuple[tuple[str, Iterable[Any]], ...] = (
        ("id", ids),
        ("term", terms),
        ("definition", definitions),
        ("topic", map(interned.__getitem__, topics)),
        ("tags", repeat(())),
        ("aliases", aliases),
        ("kind", card_kinds),
        ("related", repeat(())),
        ("references", repeat(())),
        ("line", lines),
    )
    set_attribute = object.__setattr__  # `Card` is frozen: its own `__setattr__` refuses
    for name, values in fields:
        deque(map(set_attribute, cards, repeat(name), values), maxlen=0)
    return cards


def _all_plain(
    ids: list[str],
    terms: list[str],
    definitions: list[str],
    topics: list[str | None],
    kinds: list[str | None],
) -> bool:
    """`models._already_valid` of every row, a column at a time."""
    named = [topic for topic in topics if topic is not None]
    return bool(
        all(set(map(type, column)) <= {str} for column in (ids, terms, definitions, named))
        and _WHOLE_IDS.fullmatch("\n".join(ids))
        and (not named or _WHOLE_IDS.fullmatch("\n".join(named)))
        and all(terms)
        and all(definitions)
        and max(map(len, terms)) <= MAX_TERM_CHARS
        and max(map(len, definitions)) <= MAX_DEFINITION_CHARS
        and all(map(eq, terms, map(str.strip, terms)))
        and all(map(eq, definitions, map(str.strip, definitions)))
        # A tab between two texts is no control and makes none (as in `_already_valid`).
        and not any_controls("\t".join(terms))
        and not any_controls("\t".join(definitions))
        and set(kinds) <= _GIVEN_KINDS.keys()
    )
