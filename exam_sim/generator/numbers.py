"""A number asked for ("1945", "100 °C", "7"): wrong options of its kind and size.

Among other cards' answers a number is given away by its shape: "7" among "Canberra" and
"Ottawa", a year among counts ("6, 7, 11, 1989"), "32 °F" among years. Options beside a
number are numbers written the same way (the same words around them) and of its size, at
most NEAR_RATIO apart, as a guesser sees at a glance that 1989 is no count of continents.
When the deck has enough of them, they are drawn as any other options (`draw.of_one_shape`
keeps to them); when it has too few, every wrong option is made here: numbers near the key,
written as it is (its decimals, grouping and unit), never one the question shows.

Made numbers are never mixed with the deck's: a key among two made numbers close to it and
one of the deck's far off would stand out as one of the close pair (a made number that a
card answers is shown as that card's, so its explanation names it). They are drawn so that
the key is one point of a layout like any other: a window of numbers is laid around the
key at a random place, and the wrong options are picked in it, so its place in numerical
order, and its distance to the others, is what any option's would be. A key that is not
round (1945) gets no round wrong options (1950), which a guesser would strike out.

A range of two such numbers ("60–100", "1914–1918") is read from its low end, and made
ranges are as wide, moved by half their width.

Only exact numbers are made: a number with a bound or an approximation ("> 100", "100+",
"about 8", "~5") is left to the deck, since a made "> 90" would be a second right answer.
"""

from __future__ import annotations

import bisect
import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from exam_sim.generator.ordering import DIGIT, named_date
from exam_sim.lexicon import fold
from exam_sim.units import MADE_UP

if TYPE_CHECKING:
    from exam_sim.generator.index import DeckIndex

# Two numbers this many times apart are of different sizes at a glance (7 and 11: one
# size; 7 and 1989, 206 and 1945: not). Ports 22, 80 and 110 stay neighbours.
NEAR_RATIO = 5
# Up to this many units (in the key's last place), numbers are small alike: 0 and 1
# beside 2-10, where a ratio says nothing.
_SMALLEST = 2
# A year (four digits, no unit, 1000-2100) gets wrong years within this many of it; any
# other number gets wrong numbers within half its size (11: 6-16; 206 bones: 103-309).
YEAR_SPAN = 30
YEARS = (1000, 2100)
YEAR_TEMPLATES = frozenset({"#", "#ad", "#ce", "ad#"})
DATE_TEMPLATE = "date: "  # then its wording: a date is read as its year (`_date_answer`)
MAX_NUMBER_TEXT = 24  # characters: longer, an answer is more than a number
ENUMERATED = 2_000  # window positions listed at most; past this they are drawn at random
WINDOWS_TRIED = 8

_CURRENCY = "$€£¥₹"
# A number as an answer: an optional currency sign, the number, an optional unit of a
# word or two ("°C", "%", "kg", "MB/s", "BC", "years").
_NUMBER_ANSWER = re.compile(
    rf"(?P<pre>[{_CURRENCY}]?)\s?"
    r"(?P<sign>[-−]?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:(?P<sep>[.,])(?P<decimals>\d+))?"
    r"(?P<suf>(?:\s?%|\s?°[CFK]|\s?[^\W\d_][^\s\d]{0,11}(?:\s[^\W\d_][^\s\d]{0,11})?)?)"
)
# A range: a currency sign, the low number, what stands between (a dash or "to", the
# unit again), the high number and its unit (`_range_answer`).
_RANGE = re.compile(
    rf"(?P<pre>[{_CURRENCY}]?)(?P<low>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:[.,]\d+)?)"
    rf"(?P<between>\s?(?:%|°[CFK]|[^\W\d_]{{1,5}})?\s?(?:[–—-]|to)\s?[{_CURRENCY}]?)"
    r"(?P<high>\d.*)"
)
_RANGE_SAYS = re.compile(r"[–—-]|\bto\b")
RANGE_MARK = "–#"  # in a range's template: "#–#bpm"
# Units that bound or approximate the number: a made neighbour could be right as well.
_NOT_EXACT = frozenset({
    "or", "more", "less", "plus", "over", "under", "above", "below", "least", "most", "min",
    "max", "minimum", "maximum", "approx", "approximately", "about", "around", "roughly",
    "ca", "circa", "c", "up", "to",
})  # fmt: skip
_UNIT_PUNCTUATION = re.compile(r"[+<>≤≥~≈±]")


def _unit(suffix: str) -> bool:
    """Is what follows the number a unit ("kg", "MB/s", "years old"), not a name ("404
    Not Found": "391 Not Found" would be no number of its kind) nor an ordinal's ending
    ("21st": "22st")?"""
    if suffix.strip().casefold() in _ORDINAL_ENDINGS and not suffix[:1].isspace():
        return False
    said = suffix.split()
    return len(said) < 2 or not any(word[:1].isupper() and word[1:].islower() for word in said)


_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th", "e", "er", "re", "º", "ª"})


@dataclass(frozen=True)
class NumberAnswer:
    """An answer that is one exact number: how it is written and its value, as an integer
    of its last decimal place (3.14 → 314 at 2 places)."""

    template: str  # the words around it, folded, without spaces: "#°c", "$#", "#"
    scaled: int
    places: int
    decimal_mark: str  # "." or ","
    grouped: bool  # "1,000,000"
    minus: str  # the minus sign as written ("-" or "−")
    shown: tuple[str, str]  # prefix and suffix as written
    # A range ("60–100 bpm"): `scaled` is its low end, `width` the way to its high one
    # (in the last place), `between` what stands between them as written ("–", " to ").
    width: int = 0
    between: str = ""

    @property
    def value(self) -> Decimal:
        return Decimal(self.scaled).scaleb(-self.places)

    def is_year(self) -> bool:
        return self.template.startswith(DATE_TEMPLATE) or (
            self.template.replace(RANGE_MARK, "", 1) in YEAR_TEMPLATES
            and not self.places
            and not self.grouped
            and YEARS[0] <= self.scaled <= YEARS[1]
        )

    def written(self, scaled: int) -> str:
        """Another number written as this one is (a range: the range from it, as wide)."""
        if self.width:
            low, high = self._digits(scaled), self._digits(scaled + self.width)
            return f"{self.shown[0]}{low}{self.between}{high}{self.shown[1]}"
        return f"{self.shown[0]}{self._digits(scaled)}{self.shown[1]}"

    def _digits(self, scaled: int) -> str:
        sign = self.minus if scaled < 0 else ""
        whole, part = divmod(abs(scaled), 10**self.places)
        digits = f"{whole:,}" if self.grouped else str(whole)
        if self.places:
            digits += f"{self.decimal_mark}{part:0{self.places}d}"
        return sign + digits


def number_answer(text: str) -> NumberAnswer | None:
    """`text` read as one exact number, or a range of two (`_range_answer`), or None
    (words, a bound, "1.000" which reads as 1 or as 1000)."""
    text = text.strip()
    if len(text) > MAX_NUMBER_TEXT:
        return None
    if (date := named_date(text)) is not None:
        return _date_answer(text, date)
    found = _NUMBER_ANSWER.fullmatch(text)
    if found is None:
        return _range_answer(text)
    suffix = found["suf"]
    if _UNIT_PUNCTUATION.search(text) or _NOT_EXACT & set(fold(suffix).split()):
        return None
    if not _unit(suffix):
        return None
    digits, decimals, mark = found["digits"], found["decimals"] or "", found["sep"] or "."
    grouped = "," in digits
    if (grouped and decimals and mark == ",") or (len(decimals) == 3 and not grouped):
        return None  # "1,000,5"; "1.000", one or a thousand ("1,000" is a thousand)
    scaled = int(digits.replace(",", "") + decimals)
    if found["sign"]:
        scaled = -scaled
    return NumberAnswer(
        template=fold(f"{found['pre']}#{suffix}").replace(" ", ""),
        scaled=scaled,
        places=len(decimals),
        decimal_mark=mark,
        grouped=grouped,
        minus=found["sign"] or "-",
        shown=(text[: found.start("sign")], suffix),
    )


def _range_answer(text: str) -> NumberAnswer | None:
    """`text` read as a range of two exact numbers written alike ("60–100", "7.35–7.45",
    "1914–1918", "20 °C to 25 °C", "$10–$20"), the low one first; None otherwise (a date
    "2024-05-06", a score "3-1")."""
    found = _RANGE.fullmatch(text)
    if found is None or not _RANGE_SAYS.search(found["between"]):
        return None
    high = number_answer(found["pre"] + found["high"])
    if high is None or high.width or high.scaled <= 0 or high.template.startswith(DATE_TEMPLATE):
        return None
    unit = _RANGE_SAYS.sub("", fold(found["between"])).replace(" ", "").replace(found["pre"], "")
    if unit and f"#{unit}" != high.template.replace(found["pre"], "", 1):
        return None  # "20 kg–25 °C"
    # The low end read as one number written as the high one is (its currency, its unit),
    # by the same rules: "7.3–7.45" (decimals), "1000–2,000" (grouping) are two writings.
    low = number_answer(found["pre"] + found["low"] + high.shown[1])
    if low is None or _writing(low) != _writing(high) or low.scaled >= high.scaled:
        return None
    return replace(
        high,
        template=high.template.replace("#", f"#{RANGE_MARK}", 1),
        scaled=low.scaled,
        width=high.scaled - low.scaled,
        between=found["between"],
    )


def _writing(number: NumberAnswer) -> tuple[str, int, bool, str]:
    """How a number is written: its words, decimal places, grouping and decimal mark."""
    return number.template, number.places, number.grouped, number.decimal_mark


def _date_answer(text: str, date: tuple[int, int, int, str]) -> NumberAnswer | None:
    """A date written with its month's name, read as its year: the number that made
    dates change ("15 June 1215" → "15 June 1230"), the rest kept as written. None for
    29 February, which most other years do not have."""
    _, month, day, wording = date
    if (month, day) == (2, 29):
        return None
    year = list(_SHOWN_NUMBER.finditer(text))[-1]  # the year ends every wording
    return NumberAnswer(
        template=f"{DATE_TEMPLATE}{wording}",
        scaled=int(year.group()),
        places=0,
        decimal_mark=".",
        grouped=False,
        minus="-",
        shown=(text[: year.start()], text[year.end() :]),
    )


def made_why(key: NumberAnswer, text: str) -> str:
    """What a made option (`text`) beside this key says of itself, itself named, so that
    a line-by-line reader hears which option it is: a number, or a date."""
    if key.template.startswith(DATE_TEMPLATE):
        return f"{MADE_UP}{text} is the same day in another year."
    if key.width:
        return f"{MADE_UP}{text} is a range near the right one."
    return f"{MADE_UP}{text} is a number near the right one."


def near(key: NumberAnswer, other: NumberAnswer) -> bool:
    """Is `other` of the key's kind and size: written the same way (its words and its
    decimals: "6" is no option beside "3.14159"), of the same sign, at most NEAR_RATIO
    times apart?"""
    return (other.template, other.places) == (key.template, key.places) and of_size(
        key, other.value
    )


def of_size(key: NumberAnswer, value: Decimal) -> bool:
    """Is `value` of the key's sign and at most NEAR_RATIO times apart from it?"""
    if (key.value < 0) != (value < 0):
        return False
    low, high = sorted((abs(key.value), abs(value)))
    return high <= NEAR_RATIO * max(low, _SMALLEST * Decimal(1).scaleb(-key.places))


def _step(key: NumberAnswer) -> int:
    """The step between made numbers, in the key's last place: the key's own roundness
    (100 → 10s, 30 → 5s, 1000 → 100s, 206 → 1s), at most a fifth of its size; a year's
    1 or 10."""
    value = abs(key.scaled)
    if key.width:  # a range moves by half its width ("60–100": 40–80, 80–120), or all of it
        return key.width // 2 if key.width % 2 == 0 else key.width
    if key.is_year():
        return 1 if value % 10 else 10
    step, unit = 1, 1
    while unit * 5 <= value:
        for candidate in (unit * 5, unit * 10):
            if value % candidate == 0 and candidate * 5 <= value:
                step = candidate
        unit *= 10
    return step


def layout(key: NumberAnswer, count: int) -> tuple[int, int]:
    """The step between made numbers and the window's width in steps (`made_numbers`)."""
    step = _step(key)
    # Twice the places the options need at least: in a window barely wider than the
    # options, the key would be the middle one whenever it falls in the middle.
    least = 2 * (count + 1)
    if key.is_year():
        return step, max(least, YEAR_SPAN // step)
    if key.width:  # steps of its width: "7.35–7.45" stays near 7.4, not 4.9–5.0
        return step, least
    return step, max(least, math.ceil(abs(key.scaled) / (2 * step)))


def made_reach(key: NumberAnswer, count: int) -> Decimal:
    """How far from the key a made number may be."""
    step, span = layout(key, count)
    return Decimal(step * span).scaleb(-key.places)


def made_numbers(
    key: NumberAnswer, count: int, shown: set[Decimal], rng: random.Random
) -> list[str]:
    """`count` wrong numbers near the key, written as it is, none of them a number in
    `shown` (the question's own); [] when no window around the key holds enough."""
    step, span = layout(key, count)
    # A key that is not round gets no round wrong option (1950 beside 1945); a step of
    # 5s (25, 30) has its 10s among them as the key may be one, and a key under 10
    # (7) may have 10 beside it.
    round_step = 10 * step
    if not str(step).startswith("1") or abs(key.scaled) <= round_step:
        round_step = 0

    def allowed(m: int) -> bool:
        return bool(m) and _allowed(key, key.scaled + m * step, round_step, shown)

    # The window starts at random below the key. Near a bound a count (0) or a share
    # (100 %) sets, a window past it has fewer places, and the key stands at its edge as
    # often as chance would have it; only when such windows fail, they are kept within
    # the bound (0 itself is always the least of its options).
    lowest, highest = -span, 0
    if key.scaled >= 0:
        lowest = max(lowest, -(key.scaled // step))
    if key.template.endswith("%") and 0 <= key.scaled <= 100 * 10**key.places:
        highest = min(highest, (100 * 10**key.places - key.scaled) // step - span)
    for tried in range(WINDOWS_TRIED):
        if tried < WINDOWS_TRIED // 2:
            start = rng.randint(-span, 0)
        else:
            start = rng.randint(lowest, max(lowest, highest))
        picked = _picked(range(start, start + span + 1), count, allowed, rng)
        if picked:
            return [key.written(key.scaled + m * step) for m in picked]
    return []


def _allowed(key: NumberAnswer, scaled: int, round_step: int, shown: set[Decimal]) -> bool:
    """May this number (in the key's last place) stand beside the key?"""
    if (key.scaled > 0 > scaled) or (key.scaled < 0 < scaled):
        return False  # a count or a size stays one
    if not scaled and abs(key.scaled) > _SMALLEST:
        return False  # "0 continents" is struck out; "0 moons" beside 1 is not
    if key.template.endswith("%") and 0 <= key.scaled <= 100 * 10**key.places < scaled + key.width:
        return False
    if round_step and key.scaled % round_step and not scaled % round_step:
        return False
    value = Decimal(scaled).scaleb(-key.places)
    # A range moved by half its width is of its size whatever its low end ("1–401").
    return value not in shown and (bool(key.width) or of_size(key, value))


def _picked(
    window: range, count: int, allowed: Callable[[int], bool], rng: random.Random
) -> list[int]:
    """`count` places of the window that are allowed, at random; [] when it has fewer. A
    window too wide to list (ENUMERATED) is drawn from."""
    if len(window) <= ENUMERATED + 1:
        places = [m for m in window if allowed(m)]
        return rng.sample(places, count) if len(places) >= count else []
    picked: set[int] = set()
    for _ in range(count * 20):
        m = rng.randint(window.start, window.stop - 1)
        if allowed(m):
            picked.add(m)
            if len(picked) == count:
                return sorted(picked)
    return []


def numbers_in(text: str) -> set[Decimal]:
    """The numbers a text shows ("Apollo 11" → {11}), to keep made options off them."""
    return {Decimal(token) for token in _SHOWN_NUMBER.findall(text)}


def _value(text: str) -> Decimal:
    number = number_answer(text)
    assert number is not None  # made by `made_numbers`, written as the key
    return number.value


_SHOWN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class _Said(NamedTuple):
    values: list[Decimal]  # in order, for bisect
    places: Sequence[int]
    positions: Sequence[int]


_NONE_SAID = _Said([], (), ())


class DeckNumbers:
    """A deck's options that are numbers (read once, on the first question asking one),
    and the made wrong options of a number asked when the deck has too few near it."""

    def __init__(self, index: DeckIndex) -> None:
        self._ix = index
        self._found: dict[bool, dict[str, _Said]] = {}

    def _numbers(self, fronts: bool) -> dict[str, _Said]:
        """The terms (fronts) or definitions that are numbers, by template: their values
        in order, their decimal places and the card positions saying them."""
        found = self._found.get(fronts)
        if found is None:
            texts = self._ix.terms if fronts else self._ix.definitions
            by_template: dict[str, list[tuple[Decimal, int, int]]] = {}
            for j, text in enumerate(texts):
                if len(text) <= MAX_NUMBER_TEXT and DIGIT.search(text):
                    number = number_answer(text)
                    if number is not None:
                        entry = (number.value, number.places, j)
                        by_template.setdefault(number.template, []).append(entry)
            found = self._found[fronts] = {}
            for template, entries in by_template.items():
                entries.sort()
                values, places, positions = zip(*entries, strict=True)
                found[template] = _Said(list(values), places, positions)
        return found

    def sized(self, i: int, fronts: bool, pool: list[int], need: int) -> list[int]:
        """Asked from a number (card i's term, with `fronts`, or its definition), the
        candidates whose own number there is of its size, when `need` of them are: "1789"
        asks for an event, and "Number of players on a soccer team" (11) is no answer to
        it at a glance; else those whose own is a number at all; else `pool`."""
        texts = self._ix.terms if fronts else self._ix.definitions
        key = number_answer(texts[i]) if len(texts[i]) <= MAX_NUMBER_TEXT else None
        if key is None:
            return pool
        said = {
            j: number
            for j in pool
            if len(texts[j]) <= MAX_NUMBER_TEXT and (number := number_answer(texts[j]))
        }
        sized = [j for j in said if near(key, said[j])]
        if len(sized) >= need:
            return sized
        return list(said) if len(said) >= need else pool

    def wrong_numbers(
        self,
        i: int,
        key: NumberAnswer,
        fronts: bool,
        count: int,
        usable: Callable[[int], bool],
        rng: random.Random,
    ) -> list[tuple[str, int]]:
        """`count` made wrong options for card i's key, a number, each with the card it
        is from: i when made, a card that may be an option (`usable`) when it answers
        that number; [] when `count` such cards are numbers near the key (the deck's own
        are drawn then) or no window near the key holds enough."""
        values, places, positions = self._numbers(fronts).get(key.template, _NONE_SAID)

        def said(low: Decimal, high: Decimal) -> range:
            return range(bisect.bisect_left(values, low), bisect.bisect_right(values, high))

        size = NEAR_RATIO * max(abs(key.value), _SMALLEST * Decimal(1).scaleb(-key.places))
        found = 0
        for n in said(-size, size):  # the deck's numbers of the key's size, enough?
            j = positions[n]
            if j != i and places[n] == key.places and of_size(key, values[n]) and usable(j):
                found += 1
                if found >= count:
                    return []
        # Never made: the numbers the card shows, and those of cards that may not be
        # options beside it ("1" and "2" both for one definition: a second right answer).
        card = self._ix.cards[i]
        kept_off = numbers_in(f"{card.term} {card.definition}")
        answered: dict[Decimal, int] = {}
        reach = made_reach(key, count)
        for n in said(key.value - reach, key.value + reach):
            j = positions[n]
            if j == i:
                continue
            if not usable(j):
                kept_off.add(values[n])
            elif places[n] == key.places:
                answered.setdefault(values[n], j)
        texts = self._ix.terms if fronts else self._ix.definitions
        return [
            (texts[j], j) if (j := answered.get(_value(text), i)) != i else (text, i)
            for text in made_numbers(key, count, kept_off, rng)
        ]
