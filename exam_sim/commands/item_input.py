"""A written item's response as typed in `--plain`, for the exam (`plain.PlainSession`)
and the study session (`coach.PlainStudy`) alike: "a c" chooses a multiple response's
options (one letter toggles one), "order c a d b" puts an ordering's steps in order,
"match 1a 2c" gives a matching's prompts their responses (the others keep theirs)."""

from __future__ import annotations

from collections.abc import Sequence

from exam_sim.models import ItemKind, Question
from exam_sim.present import chosen_count, letter, option_letters, response_text

# How each kind is typed, for the help of both sessions.
ITEM_USAGE = (
    ("a c", "multiple response: the options you choose (one letter toggles one option)"),
    ("order c a b", "ordering: the steps, first to last"),
    ("match 1a 2c", "matching: each prompt's number and its response's letter"),
)

# The word that opens a response of these kinds (a multiple response is its letters alone).
RESPONSE_WORDS = {ItemKind.ORDERING: "order", ItemKind.MATCHING: "match"}


def typed_response(
    question: Question, word: str, rest: str, current: Sequence[int]
) -> list[int] | None:
    """The whole response that `word rest` gives the item, whose response so far is
    `current`; None when it is no response to this item (`response_usage` says how)."""
    size = len(question.options)
    if question.kind is ItemKind.MULTIPLE:
        picked = option_letters(f"{word} {rest}", size)
        if not picked:
            return None  # nothing typed: the `clear` command clears
        if len(picked) == 1:  # one letter toggles that option
            return sorted(set(current) ^ set(picked))
        return picked
    if word != RESPONSE_WORDS.get(question.kind):
        return None  # a letter alone does not answer an ordering or matching item
    if question.kind is ItemKind.ORDERING:
        order = option_letters(rest, size)
        return order if order is not None and len(order) == size else None  # the whole order
    return _matches(question, rest, current)


def _matches(question: Question, rest: str, current: Sequence[int]) -> list[int] | None:
    """ "1a 2c" or "1-a, 2-c": the prompts named get those responses; others stay."""
    response = list(current) or [-1] * len(question.prompts)
    pairs = rest.replace(",", " ").replace("-", "").split()
    if not pairs:
        return None
    for pair in pairs:
        number, picked = pair[:-1], option_letters(pair[-1:], len(question.options))
        if not number.isdigit() or not 1 <= int(number) <= len(question.prompts) or not picked:
            return None
        response[int(number) - 1] = picked[0]
    return response


def response_usage(question: Question) -> str:
    """How to type a response to this item, in one sentence (nothing was saved)."""
    last = letter(len(question.options) - 1).lower()
    if question.kind is ItemKind.MATCHING:
        return (f"Type match and pairs of prompt number and response letter (a–{last}): "
                "match 1a 2c; nothing was saved.")  # fmt: skip
    if question.kind is ItemKind.ORDERING:
        return (f"Type order and every step's letter, first to last (a–{last}): "
                f"order {' '.join(letter(n).lower() for n in range(len(question.options)))}; "
                "nothing was saved.")  # fmt: skip
    return (f"Type the letters of the {question.choose} options you choose (a–{last}): "
            "a c; nothing was saved.")  # fmt: skip


def given_text(question: Question, response: Sequence[int] | None) -> str:
    """What a saved response reads as: "A, C (2 of 2 chosen)", "C, A, D, B", "1-B, 2-? (1 of
    2 matched)"."""
    given = response_text(question, response)
    if question.kind is not ItemKind.ORDERING:
        given += f" ({chosen_count(question, response)})"
    return given
