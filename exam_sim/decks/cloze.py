"""Anki cloze notes as cards.

A cloze note hides parts of one text: "{{c1::Kinesis Data Firehose}} loads streaming data
into {{c2::Amazon S3::storage}}". Anki makes one card per cloze number; so does exam-sim:
the card's term is what that number hides, its definition the text with those parts
blanked (a hint shown after the blank) and every other deletion shown as its answer:

    Kinesis Data Firehose  ←  "____ loads streaming data into Amazon S3"
    Amazon S3              ←  "Kinesis Data Firehose loads streaming data into ____ (storage)"

Deletions in a definition (a note whose first field has none) are shown as their answers,
as Anki shows them on the back. The note's other fields (Anki's "Back Extra") are not
asked: shown on the back in Anki, they often name the answer. A definition holding a blank
is asked only as a stem, never offered as an option (`DeckIndex.names_itself`). The cards
of one note are one sentence with different blanks, so they are declared related: never
options for each other, and `check` does not ask to tell them apart. Deletions may nest,
as Anki's do: "{{c1::The {{c2::mitochondria}} is the powerhouse}} of the cell" asks
"____ of the cell" (the whole phrase) and "The ____ is the powerhouse of the cell".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from exam_sim.text import BLANK, BULK_CHUNK, collapse_whitespace
from exam_sim.units import counted

if TYPE_CHECKING:
    from exam_sim.decks.common import RawCard

# The marks of a deletion: "{{c<number>::" opens one, "::" starts its hint, "}}" closes
# it. The text is read once, left to right, a mark at a time (Anki's own lazy pattern
# went over the rest of the text from every "{{c1::" never closed, and again from each
# "::" in it: a paragraph of 3,000 of them took minutes). Deletions nest (Anki 2.1.56):
# "{{c1::The {{c2::mitochondria}} is the powerhouse}} of the cell."
_MARK = re.compile(r"\{\{c(\d+)::|::|\}\}")
_MARKER = "{{c"
# Deletions deeper than this are text as written: a note nests two or three, and each
# level's answer is read again for the level above (10,000 one inside the next took 8 s).
MAX_NESTING = 8


@dataclass
class _Deletion:
    number: int
    answer: list[_Node] = field(default_factory=list)
    hint: list[_Node] | None = None  # after its "::"
    opening: str = ""  # its "{{cN::" as written: text again if it is never closed
    start: int = 0  # where its marks start and end in the text
    end: int = 0


_Node = str | _Deletion


def _parsed(text: str) -> list[_Node]:
    """The text as runs of text and deletions. A deletion never closed is text (its
    marks as written), as Anki shows it; so are "::" and "}}" outside any deletion."""
    top: list[_Node] = []
    open_: list[_Deletion] = []
    at = 0

    def into() -> list[_Node]:
        if not open_:
            return top
        current = open_[-1]
        return current.answer if current.hint is None else current.hint

    for mark in _MARK.finditer(text):
        if mark.start() > at:
            into().append(text[at : mark.start()])
        at = mark.end()
        if mark.group(1) is not None:
            open_.append(_Deletion(int(mark.group(1)), opening=mark.group(0), start=mark.start()))
        elif mark.group(0) == "::" and open_ and open_[-1].hint is None:
            open_[-1].hint = []
        elif mark.group(0) == "}}" and open_:
            closed = open_.pop()
            closed.end = mark.end()
            into().append(closed)
        else:
            into().append(mark.group(0))
    if at < len(text):
        into().append(text[at:])
    # Never closed: each one's marks and what it holds, as text, outermost first (each
    # holds only what came before the next opened). Spilled into the one above it in
    # turn, 150,000 of them copied their text 150,000 times.
    for unclosed in open_:
        top.append(unclosed.opening)
        top.extend(unclosed.answer)
        if unclosed.hint is not None:
            top.append("::")
            top.extend(unclosed.hint)
    _keep_depth(top, text)
    return top


def _keep_depth(nodes: list[_Node], text: str) -> None:
    """Deletions nested more than MAX_NESTING deep made text as written, in place."""
    levels = [(nodes, 1)]
    while levels:
        children, depth = levels.pop()
        for at, node in enumerate(children):
            if isinstance(node, str):
                continue
            if depth > MAX_NESTING:
                children[at] = text[node.start : node.end]
            else:
                levels += [(node.answer, depth + 1), (node.hint or [], depth + 1)]


def _shown(nodes: list[_Node], number: int | None) -> str:
    """The text with the deletions of `number` blanked (a hint after the blank), every
    other deletion shown as its answer; `number` None shows every one."""
    parts: list[str] = []
    levels = [iter(nodes)]
    while levels:
        for node in levels[-1]:
            if isinstance(node, str):
                parts.append(node)
            elif node.number == number:
                hint = _shown(node.hint, None).strip() if node.hint else ""
                parts.append(f"{BLANK} ({hint})" if hint else BLANK)
            else:
                levels.append(iter(node.answer))
                break
        else:
            levels.pop()
    return "".join(parts)


def _deletions(nodes: list[_Node]) -> Iterator[_Deletion]:
    """Every deletion, each before those inside it; not one inside another of its number
    (it is in that one's blank)."""
    levels: list[tuple[Iterator[_Node], frozenset[int]]] = [(iter(nodes), frozenset())]
    while levels:
        children, numbers = levels[-1]
        for node in children:
            if isinstance(node, _Deletion) and node.number not in numbers:
                yield node
                levels.append((iter(node.answer), numbers | {node.number}))
                break
        else:
            levels.pop()


def cloze_cards(text: str) -> list[tuple[int, str, str]] | None:
    """(cloze number, term, definition) for each cloze number of `text`, in number order;
    None when `text` has no deletion (or only empty ones). A deletion holding another is
    answered with the inner one shown ("The mitochondria is the powerhouse")."""
    nodes = _parsed(text)
    answers: dict[int, list[str]] = {}
    for deletion in _deletions(nodes):
        if answer := collapse_whitespace(_shown(deletion.answer, None)):
            answers.setdefault(deletion.number, []).append(answer)
    cards = []
    for number in sorted(answers):
        term = ", ".join(dict.fromkeys(answers[number]))
        cards.append((number, term, collapse_whitespace(_shown(nodes, number))))
    return cards or None


def revealed(text: str) -> str:
    """`text` with every cloze deletion shown as its answer ("{{c1::S3::storage}}" → "S3"):
    a definition holding deletions is not a cloze note's text, and is read whole."""
    return _shown(_parsed(text), None)


def expand_cloze(raws: list[RawCard]) -> tuple[list[RawCard], str | None]:
    """`raws` with each cloze note (its deletions in the term: the note's first field)
    made one card per cloze number, and a note for the import summary, or None when
    there were none. Columns are searched a chunk at a time, in C: most decks have none."""
    if not any(
        _MARKER in "\x00".join(f"{raw.term}\x00{raw.definition}"
                                for raw in raws[start : start + BULK_CHUNK])
        for start in range(0, len(raws), BULK_CHUNK)
    ):  # fmt: skip
        return raws, None
    out: list[RawCard] = []
    notes = made = 0
    extra = False  # a note with another field (Anki's "Back Extra"), which is not asked
    for raw in raws:
        cards = cloze_cards(raw.term) if _MARKER in raw.term else None
        if cards is None:
            if _MARKER in raw.definition:  # deletions on the back: shown, as Anki shows them
                raw = replace(raw, definition=revealed(raw.definition))
            out.append(raw)
            continue
        notes += 1
        made += len(cards)
        extra = extra or bool(raw.definition.strip())
        note = notes if len(cards) > 1 else None  # siblings: declared related (build_deck)
        for number, term, definition in cards:
            card_id = f"{raw.id}-c{number}" if raw.id else None  # a note's id, one per card
            out.append(
                replace(
                    raw, term=term, definition=definition, tags=list(raw.tags), id=card_id,
                    note=note,
                )
            )  # fmt: skip
    if not notes:
        return out, None
    unasked = "; other fields not asked" if extra else ""
    return out, (
        f"{counted(notes, 'cloze note')} made {counted(made, 'card')} "
        f"(one per cloze number{unasked})"
    )
