"""Options in numerical order: "20, 21, 22, 23", "OSI layer 2, 3, 5, 6", not as drawn.

The item-writing guides ask for options "in logical or numerical order" (Haladyna,
Downing & Rodriguez 2002): a reader looking for 443 finds it at once, and a shuffled
list of numbers reads as careless. Options are put in order only when each is the same
words around its numbers ("port 80" beside "port 443", "2026-03-31" beside "2025-12-01",
"Phase III" beside "Phase I"), or each a date written with its month's name ("14 July
1789" beside "15 June 1215", in English, German, French or Spanish), so the order is one
the reader sees; any other set keeps its shuffled order.

Pure: the generator orders the options it draws, and a question asked again keeps them
in order (`exam.items.reshuffled`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from exam_sim.lexicon import fold
from exam_sim.text import ROMAN_NUMERAL, collapse_whitespace

T = TypeVar("T")

# A number: digits in groups joined by "." or ","; a minus sign counts where it starts a
# word ("-5 °C"), not inside one ("2026-03-31" is three numbers, "CO-2" has none negative).
# A Roman numeral of I, V and X, a word of its own in capitals: "Phase III", "Type II error".
_NUMBER = re.compile(
    r"(?:(?<![\w.,])[-−](?=\d))?\d+(?:[.,]\d+)*"
    rf"|(?<![\w.,-]){ROMAN_NUMERAL}(?![\w-])"
)
_ROMAN = {"I": 1, "V": 5, "X": 10}
# Numbers whose order their reading decides, not their digits: "1/2" and "3/4" (fractions,
# or dates month or day first), "25-12-2025" (a date day first, or a range): left as drawn.
# A year first ("2026-03-31", "1939-1945") orders as written.
_AMBIGUOUS = re.compile(r"\d/\d|(?<![\d-])(?!\d{4}(?!\d))\d+-\d")
# A date written day first with dots ("31.12.2025"): ordered by its year, month and day.
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# Month names, folded, in the languages decks are most often written in: a date written
# with its month's name is ordered by its year, month and day.
_MONTHS = {
    name: n
    for names in (
        "january february march april may june july august september october november december",
        "jan feb mar apr may jun jul aug sep oct nov dec",
        "januar februar marz april mai juni juli august september oktober november dezember",
        "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    )
    for n, name in enumerate(names.split(), start=1)
} | {"sept": 9}
_LONGEST_DATE = 40  # characters: "9 de noviembre de 1989" and room to spare
DIGIT = re.compile(r"\d")  # a text with a digit may be a number or a date
# A year of one or two digits only after a day ("15 June 44"): "May 5" is a day.
_DATE_WITH_NAME = re.compile(
    r"(?P<day>\d{1,2})(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?(?P<month>[a-z]+)\.?\s+"
    r"(?:de\s+)?(?P<year>\d{1,4})"
    r"|(?P<month_first>[a-z]+)\.?\s+(?P<day_second>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year_third>\d{1,4})"
    r"|(?P<month_alone>[a-z]+)\.?\s+(?:de\s+)?(?P<year_alone>\d{3,4})"
)
# A comma that is no thousands separator: "1,5" and "3,14", not "1,000".
_DECIMAL_COMMA = re.compile(r",(?!\d{3}(?!\d))\d+|\.\d{3},")


def numeric_order(options: Sequence[str]) -> list[int] | None:
    """The positions of `options` in ascending numerical order (ties keep their order),
    or None when they are not all the same words around their numbers, or all say the
    same numbers."""
    values = _values(options)
    if values is None:
        return None
    return sorted(range(len(options)), key=values.__getitem__)


def in_numeric_order(items: list[T], texts: Sequence[str]) -> list[T]:
    """`items` in the numerical order of their `texts` when `numeric_order` gives one;
    else as they are."""
    order = numeric_order(texts)
    return items if order is None else [items[n] for n in order]


def numeric_ranks(options: Sequence[str]) -> list[int] | None:
    """Each option's place in numerical order (0 the least; equal numbers share one),
    or None when `numeric_order` would leave them as they are: what the draw reads to
    decide where the key will stand once they are ordered."""
    values = _values(options)
    if values is None:
        return None
    rank = {value: n for n, value in enumerate(sorted(set(values)))}
    return [rank[value] for value in values]


def _values(options: Sequence[str]) -> list[tuple[tuple[float, ...], ...]] | None:
    dates = _dates(options)
    if dates is not None:
        return dates if len(set(dates)) > 1 else None
    shapes = set()
    tokens: list[list[str]] = []
    for option in options:
        text = collapse_whitespace(option)
        found = _NUMBER.findall(text)
        if not found or _AMBIGUOUS.search(text):
            return None
        shapes.add(_NUMBER.sub("#", text).casefold())
        if len(shapes) > 1:
            return None
        tokens.append(found)
    comma_decimal = any(_DECIMAL_COMMA.search(token) for found in tokens for token in found)
    values = [tuple(_value(token, comma_decimal) for token in found) for found in tokens]
    return values if len(set(values)) > 1 else None


def _dates(options: Sequence[str]) -> list[tuple[tuple[float, ...], ...]] | None:
    """Each option's (year, month, day) when every one is a `named_date`, all alike in
    having a day or not; else None."""
    values: list[tuple[tuple[float, ...], ...]] = []
    for option in options:
        date = named_date(option)
        if date is None:
            return None
        values.append((tuple(map(float, date[:3])),))
    if len({value[0][2] == 0 for value in values}) > 1:
        return None  # "June 1215" beside "15 June 1215": not one wording
    return values


def named_date(text: str) -> tuple[int, int, int, str] | None:
    """A date written with its month's name ("15 June 1215", "June 15, 1215", "15. Juni
    1215", "15 de junio de 1215", "June 1215"): its year, month, day (0: none) and its
    wording ("day month year", "month day year", "month year"); None for any other text."""
    if len(text) > _LONGEST_DATE or not DIGIT.search(text):
        return None  # the cheap test first: every option of every question is asked
    found = _DATE_WITH_NAME.fullmatch(fold(collapse_whitespace(text)))
    if found is None:
        return None
    if found["month"]:
        month, day, year, wording = found["month"], found["day"], found["year"], "day month year"
    elif found["month_first"]:
        month, day, year = found["month_first"], found["day_second"], found["year_third"]
        wording = "month day year"
    else:
        month, day, year, wording = found["month_alone"], "0", found["year_alone"], "month year"
    if month not in _MONTHS:
        return None
    return int(year), _MONTHS[month], int(day), wording


def _value(token: str, comma_decimal: bool) -> tuple[float, ...]:
    """A number's value, as a tuple so that a version ("1.2.3") compares too."""
    if token[0] in _ROMAN:
        return (float(_roman(token)),)
    date = _DOTTED_DATE.fullmatch(token)
    if date:
        day, month, year = map(float, date.groups())
        return (year, month, day)
    sign = -1.0 if token[0] in "-−" else 1.0
    digits = token.lstrip("-−")
    # "1.000,5" in a deck that writes decimal commas, "1,000.5" in any other
    digits = digits.replace(".", "").replace(",", ".") if comma_decimal else digits.replace(",", "")
    parts = digits.split(".")
    if len(parts) <= 2:
        return (sign * float(digits),)
    return tuple(sign * float(part) for part in parts)


def _roman(numeral: str) -> int:
    """ "XIV" → 14: a letter before a greater one counts less."""
    values = [_ROMAN[letter] for letter in numeral]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))
