"""Options that point at other options keep their written places when an item is shuffled.

A written item's "All of the above" or "None of these" reads right only below the options
it sums up, and "Both A and C" only while A and C are the options its writer lettered so.
Shuffled like the others they turn a question false or give the answer away, so:

- an option that sums up the options "above" (or "these") keeps its written position; the
  others are shuffled among the remaining places;
- when an option is only letters ("A and C", "Both B and D", "Only A") or the item's
  explanation or an option's rationale names an option by letter ("answer C is wrong
  because…"), every option keeps its written order; so do a true/false item's two
  options (True, then False, as generated true/false questions show them).

Bank formats have no setting for it (Aiken and GIFT say nothing of order), so the text
decides, in English and in the phrasings French, German and Spanish banks use. Pure.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable, Sequence

from exam_sim.generator.ordering import in_numeric_order

# "All of the above", "none of these", "both of the above", "any of the preceding";
# "toutes les réponses ci-dessus", "aucune des réponses précédentes"; "alle oben genannten",
# "keine der obigen"; "todas las anteriores", "ninguna de las anteriores".
_SUMS_UP = re.compile(
    r"\b(?:all|none|both|neither|either|any)\s+(?:of\s+)?(?:the\s+|these\s+)?"
    r"(?:above|these|those|them|preceding|previous|foregoing)\b"
    r"|\b(?:all\s+the\s+above|the\s+above\s+all)\b"
    r"|(?:\btou(?:te)?s?|\baucune?)\s+(?:les\s+|des\s+)?(?:réponses?\s+|propositions?\s+)?"
    r"(?:ci-dessus|précédentes?)"
    r"|\b(?:alle|keine)\s+(?:der\s+)?(?:oben\s+genannten|obigen|vorherigen|vorigen)\b"
    r"|\b(?:todas?|todos|ninguna?|ninguno)\s+(?:de\s+)?(?:las\s+|los\s+)?"
    r"(?:anteriores|de\s+arriba)\b",
    re.IGNORECASE,
)
# An option that is only letters: "A and C", "Both B and D", "A, B, and C", "Only A",
# "B & D are correct". The letters are capitals: a lone "C" (the language) is no reference.
_LETTER = r"\(?[A-F]\)?"
_LETTERS_ONLY = re.compile(
    rf"(?:(?i:both|only|neither|either|options?|answers?|choices?)\s+)?{_LETTER}"
    rf"(?:\s*(?:,|(?i:and|or|nor)\b|&|\+)\s*(?:(?i:and|or)\s+)?{_LETTER})*"
    r"(?:\s+(?i:only|are\s+(?:correct|true|right)))?\s*\.?",
)
# A remark naming an option by letter: "answer C", "option (B)", "choices A and D".
_NAMES_A_LETTER = re.compile(rf"\b(?i:options?|answers?|choices?)\s+{_LETTER}(?![\w(])")


def _only_letters(text: str) -> bool:
    match = _LETTERS_ONLY.fullmatch(text.strip())
    if match is None:
        return False
    # One bare letter is an answer in its own right ("C", "Vitamin A"'s "A"); one letter
    # is a reference only after a word that makes it one ("Only A", "Option B").
    return len(re.findall(r"[A-F]", text)) > 1 or bool(re.match(r"\s*[^\W\d_]{2}", text))


def anchored(options: Sequence[str], remarks: Sequence[str] = ()) -> frozenset[int]:
    """The positions of `options` that keep their written place (every one when an option
    or a remark, the explanation or rationales, names options by letter)."""
    if (
        any(_only_letters(text) for text in options)
        or any(_NAMES_A_LETTER.search(remark) for remark in remarks)
        or is_true_false(options)
    ):  # a true/false item reads True, then False, as written
        return frozenset(range(len(options)))
    return frozenset(n for n, text in enumerate(options) if _SUMS_UP.search(text))


def is_true_false(options: Sequence[str]) -> bool:
    """Are these a true/false item's two options ("True" and "False", in any case)?"""
    return sorted(text.strip().casefold() for text in options) == ["false", "true"]


def shuffled_around(
    options: Sequence[str],
    remarks: Sequence[str],
    rng: random.Random,
    arrange: Callable[[list[int]], list[int]] = lambda order: order,
) -> list[int]:
    """A shuffled order of `options` (positions) in which the anchored ones keep their
    written places; `arrange` puts the free ones in order after the shuffle (numbers in
    numerical order). The rng is drawn from as for a plain shuffle, so an item with no
    anchored option is asked as before."""
    order = list(range(len(options)))
    rng.shuffle(order)
    fixed = anchored(options, remarks)
    free = arrange([n for n in order if n not in fixed])
    return [n if n in fixed else free.pop(0) for n in range(len(options))]


def asked_order(options: Sequence[str], remarks: Sequence[str], rng: random.Random) -> list[int]:
    """How a written item's options are asked: shuffled around the anchored ones, options
    that are numbers in numerical order (`generator.ordering`)."""
    return shuffled_around(
        options, remarks, rng, lambda free: in_numeric_order(free, [options[n] for n in free])
    )


def item_rng(seed: int, item_id: str) -> random.Random:
    """The random stream a written item is shuffled with in an attempt of this seed (one
    of its own: the item is asked the same whatever else the attempt holds)."""
    return random.Random(zlib.crc32(f"{seed}/item/{item_id}".encode()))
