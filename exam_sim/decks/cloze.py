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
options for each other, and `check` does not ask to tell them apart. Nested deletions are
not read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from exam_sim.text import BLANK, BULK_CHUNK, collapse_whitespace
from exam_sim.units import counted

if TYPE_CHECKING:
    from exam_sim.decks.common import RawCard

# {{c<number>::<answer>}} or {{c<number>::<answer>::<hint>}}; the answer may span lines.
# The answer ends at the first "::" or "}}", the hint at the first "}}", and neither runs
# past another "{{c": the lazy (.*?) of Anki's own pattern went over the rest
# of the text from every "{{c1::" never closed, and again from each "::" in it (a
# paragraph of 3,000 of them took minutes).
_ANSWER = r"(?:(?!\}\}|\{\{c\d|::).)*"
_HINT = r"(?:(?!\}\}|\{\{c\d).)*"
CLOZE = re.compile(rf"\{{\{{c(\d+)::({_ANSWER})(?:::({_HINT}))?\}}\}}", re.DOTALL)
_MARKER = "{{c"


def cloze_cards(text: str) -> list[tuple[int, str, str]] | None:
    """(cloze number, term, definition) for each cloze number of `text`, in number order;
    None when `text` has no deletion (or only empty ones)."""
    deletions = list(CLOZE.finditer(text))
    numbers = sorted({int(m.group(1)) for m in deletions if m.group(2).strip()})
    if not numbers:
        return None
    cards = []
    for number in numbers:
        answers = [m.group(2).strip() for m in deletions if int(m.group(1)) == number]
        term = ", ".join(dict.fromkeys(a for a in answers if a))

        def shown(match: re.Match[str], number: int = number) -> str:
            if int(match.group(1)) != number:
                return match.group(2)
            hint = (match.group(3) or "").strip()
            return f"{BLANK} ({hint})" if hint else BLANK

        definition = collapse_whitespace(CLOZE.sub(shown, text))
        cards.append((number, collapse_whitespace(term), definition))
    return cards


def revealed(text: str) -> str:
    """`text` with every cloze deletion shown as its answer ("{{c1::S3::storage}}" → "S3"):
    a definition holding deletions is not a cloze note's text, and is read whole."""
    return CLOZE.sub(lambda match: match.group(2), text)


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
