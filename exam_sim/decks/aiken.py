"""Aiken, Moodle's plain format for single-answer questions:

    What does Amazon SageMaker Feature Store keep for low-latency reads?
    A. An offline store
    B. An online store
    ANSWER: B

A question is its stem (one or more lines), two or more options lettered "A." or "A)",
and an "ANSWER: X" line; blank lines separate questions. Anything else (an option after
the answer, an answer letter no option has, a question without an answer) is refused in
one sentence naming the line, and nothing is imported.
"""

from __future__ import annotations

import re

from exam_sim.decks.banks import RawItem, items_deck
from exam_sim.decks.common import decode, display_name, split_lines
from exam_sim.models import Deck, DeckError

__all__ = ["looks_like_aiken", "parse_aiken"]

_OPTION = re.compile(r"^\s*([A-Z])\s*[.)]\s+(.+?)\s*$")
_ANSWER = re.compile(r"^\s*ANSWER\s*:\s*(\S*)\s*$", re.IGNORECASE)


def looks_like_aiken(text: str) -> bool:
    """Lettered options and ANSWER lines: Aiken rather than plain alternating lines."""
    lines = text.splitlines()
    answers = sum(1 for line in lines if _ANSWER.match(line))
    options = sum(1 for line in lines if _OPTION.match(line))
    return answers >= 1 and options >= 2 * answers


def parse_aiken(
    data: str | bytes, *, file: str | None = None, title: str | None = None,
    deck_id: str | None = None,
) -> Deck:  # fmt: skip
    name = display_name(file)
    lines = split_lines(decode(data, name))
    raws: list[RawItem] = []
    current: RawItem | None = None
    letters: list[str] = []

    def fail(problem: str, line: int) -> DeckError:
        return DeckError(problem, file=name, line=line)

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if current is not None and current.options:
                raise fail("the question has no ANSWER line after its options", current.line)
            if current is not None:
                current.stem += "\n"
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if answer:
            if current is None or len(current.options) < 2:
                raise fail("an ANSWER line needs a question with two or more options above it",
                           number)  # fmt: skip
            key = answer[1].upper()
            if key not in letters:
                raise fail(f"the answer {answer[1]!r} is not one of the options "
                           f"({', '.join(letters)})", number)  # fmt: skip
            current.options = [(text, letters[n] == key, "")
                               for n, (text, _, _) in enumerate(current.options)]  # fmt: skip
            current.stem = current.stem.strip()
            raws.append(current)
            current, letters = None, []
        elif option and current is not None and current.stem.strip():
            expected = chr(ord("A") + len(letters))
            if option[1] != expected:
                raise fail(f"option {option[1]} comes where {expected} was expected", number)
            letters.append(option[1])
            current.options.append((option[2], False, ""))
        elif current is not None and current.options:
            raise fail("a line after the options must be the ANSWER line (ANSWER: A)", number)
        elif current is None:
            current = RawItem(line=number, stem=line.strip())
        else:
            current.stem += "\n" + line.strip() if current.stem.strip() else line.strip()
    if current is not None and current.stem.strip():
        raise fail("the question has no ANSWER line after its options", current.line)
    # Aiken has no place for them, so every item is told it lacks them (`check`): say once
    # where they can go.
    return items_deck(raws, file=name, title=title, deck_id=deck_id, reader_notes=(AIKEN_NOTE,))


AIKEN_NOTE = (
    "Aiken has no place for rationales or documentation links; the native file exam-sim "
    "import writes has both"
)
