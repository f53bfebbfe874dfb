"""Small pure tests on wording that the index, the question builder and `check` share:
the yes/no word that opens an answer (and its opposite), two names spelled alike, two
definitions that overlap. No deck, no state: strings and stem sets in, a verdict out."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from rapidfuzz.distance import Levenshtein

from exam_sim.lexicon import Lexicon, is_formula_stem, norm, singular, words
from exam_sim.models import Card
from exam_sim.text import WRITTEN_BLANK, filled
from exam_sim.usage_labels import unlabelled

Stem = TypeVar("Stem", str, int)  # a stem, or its number (`check` numbers a deck's stems)
# A definition of at most this many stems is short: sharing half of them is overlap.
SHORT_DEFINITION = 3
# The words a yes/no answer opens with, each with its opposite.
YES_NO = {
    "yes": "no", "no": "yes", "true": "false", "false": "true", "si": "no", "sí": "no",
    "correct": "incorrect", "incorrect": "correct", "oui": "non", "non": "oui",
}  # fmt: skip


def card_line(card: Card) -> str:
    """ "<term> — <definition>": a card as the answer's explanation shows it, its blanks
    (a cloze's) filled in; a sentence to fill in as its front, read whole with its answer
    ("Plant cells have a rigid cell wall outside the membrane.")."""
    if WRITTEN_BLANK in card.term:
        return filled(card.term, card.definition)
    return f"{card.term} — {filled(card.definition, card.term)}"


def yes_no_word(answer: str) -> str | None:
    """The leading yes/no word of an answer ("No. SageMaker provisions…" → "No")."""
    match = re.match(r"\s*([^\W\d_]+)", answer)
    if not match:
        return None
    word = match.group(1)
    if word.lower() not in YES_NO:
        return None
    rest = answer[match.end() :].lstrip()
    if rest and rest[0] not in ".,;:!—–-(" and len(answer.split()) > 1:
        return None  # "No matter what…" is not a no
    return word


# Yes/no words that say yes, folded (the others say no).
AFFIRMATIVE = frozenset({"yes", "true", "si", "correct", "oui"})
STATEMENT_WORDS = 3  # a term of this many words, answered by a bare yes/no, is a claim


def bare_yes_no(definition: str) -> str | None:
    """The yes/no word that is a whole definition ("No", "False.", "¡Sí!"), folded, else
    None: the test that keeps a definition from being an option (`DeckIndex.option_ok`
    reads the same on its folded definitions)."""
    word = norm(definition)
    return word if word in YES_NO else None


def statement_verdict(term: str, definition: str) -> bool | None:
    """Whether a claim is true ("S3 is a block storage service": "False" → False), for a
    card whose term is a statement of STATEMENT_WORDS words or more and whose definition is
    a bare yes/no word; None for any other card (a bare "oui" for "yes" is a translation)."""
    word = bare_yes_no(definition)
    if word is None or len(term.split()) < STATEMENT_WORDS:
        return None
    return word in AFFIRMATIVE


def flip_yes_no(word: str) -> str:
    opposite = YES_NO[word.lower()]
    if word.isupper() and len(word) > 1:
        return opposite.upper()
    if word[:1].isupper():
        return opposite.capitalize()
    return opposite


def digits(text: str) -> str:
    return "".join(filter(str.isdigit, text))


def spelled_alike(a: str, b: str) -> bool:
    """Two compact names that differ by a typo or a plural ("Sequence2Ssequence"), not by
    a meaningful character ("L1 regularization" vs "L2 regularization" stay different)."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 6 or digits(a) != digits(b):
        return False
    allowed = 2 if shortest >= 16 else 1
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


_DIGITS = re.compile(r"\d+")

# Numbers written as words (folded), each with its digits: "one (native)" and "two
# (native)" say two numbers as plainly as "layer 1" and "layer 2". English words are
# read in every deck (most vocabulary lists gloss in English), another language's only
# in a deck in that language. Left out: words that are other words too ("once", "dos"
# for DoS, "cent", "elf", "neuf", "null"), and articles ("un", "una", "ein").
_NUMBER_WORDS: dict[str, str] = {
    "english": (
        "zero 0 one 1 two 2 three 3 four 4 five 5 six 6 seven 7 eight 8 nine 9 ten 10 eleven 11"
        " twelve 12 thirteen 13 fourteen 14 fifteen 15 sixteen 16 seventeen 17 eighteen 18"
        " nineteen 19 twenty 20 thirty 30 forty 40 fifty 50 sixty 60 seventy 70 eighty 80"
        " ninety 90 hundred 100 thousand 1000 million 1000000 billion 1000000000 first 1"
        " second 2 third 3 fourth 4 fifth 5 sixth 6 seventh 7 eighth 8 ninth 9 tenth 10"
        " twice 2"
    ),
    "spanish": (
        "cero 0 uno 1 tres 3 cuatro 4 cinco 5 seis 6 siete 7 ocho 8 nueve 9 diez 10 doce 12"
        " veinte 20 cien 100 ciento 100 primero 1 primera 1 segundo 2 segunda 2 tercero 3"
        " tercera 3"
    ),
    "french": (
        "deux 2 trois 3 quatre 4 cinq 5 sept 7 huit 8 dix 10 onze 11 douze 12 vingt 20"
        " mille 1000 premier 1 premiere 1 deuxieme 2 troisieme 3"
    ),
    "german": (
        "eins 1 zwei 2 drei 3 vier 4 funf 5 sechs 6 sieben 7 neun 9 zehn 10 zwolf 12"
        " zwanzig 20 hundert 100 tausend 1000 erste 1 erster 1 zweite 2 zweiter 2 dritte 3"
    ),
}


# "one" as a number ("one (native)", "one or more"), not a pronoun ("one of the", "no
# one", "the one that", "one's").
_ONE = (
    r"(?<!\bno )(?<!\bthe )(?<!\bany )(?<!\beach )(?<!\bevery )"
    r"\bone\b(?! (?:of|another|s|that|who|which|whose)\b)"
)


@functools.lru_cache(maxsize=8)
def _numbers_written(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of digits and number words read in a deck of this language, and each
    word's digits."""
    pairs = _NUMBER_WORDS["english"].split()
    if language != "english":
        pairs += _NUMBER_WORDS.get(language, "").split()
    digits = dict(zip(pairs[::2], pairs[1::2], strict=True))
    words = "|".join(w for w in digits if w != "one")
    return re.compile(rf"\d+|\b(?:{words})\b|{_ONE}"), digits


def numbers_in(text: str) -> frozenset[str]:
    """The numbers a text says in digits ("5060/5061": 5060 and 5061)."""
    return frozenset(_DIGITS.findall(text))


@functools.lru_cache(maxsize=1 << 16)  # read for each pair a card is in: remembered
def numbers_said(folded: str, language: str = "") -> frozenset[str]:
    """The numbers a folded text says, in digits or in words, as digits ("two (native)":
    2; "2nd layer": 2). `language`: the deck's (`Lexicon.language`)."""
    pattern, digits = _numbers_written(language)
    return frozenset(digits.get(n, n) for n in pattern.findall(folded))


def meaning_of(text: str, lexicon: Lexicon, tokens: Sequence[str] | None = None) -> frozenset[str]:
    """The stems of a definition's meaning: without the usage labels it opens or closes
    with ("(dated) lawyer" means a lawyer; "to do (imperfective)", to do), unless
    nothing but numbers is left ("3 (formal)" is "three (formal)", not "3 (informal)").
    `tokens`: the text's folded words, when the caller has them (`Lexicon.stems`)."""
    meant = unlabelled(text)
    if meant == text:
        return lexicon.stems(text, tokens)
    beyond = _numbers_written(lexicon.language)[0].sub(" ", norm(meant))
    return lexicon.stems(meant) if lexicon.stems(beyond) else lexicon.stems(text)


def may_say_number(folded: str, language: str = "") -> bool:
    """May the folded text say a number (`numbers_said`)? Cheaper, for a first sieve."""
    return _numbers_written(language)[0].search(folded) is not None


def may_say_frequency(folded: str) -> bool:
    """May the folded text say a frequency (`frequencies`)? The cheap first sieve."""
    return "every" in folded


@functools.lru_cache(maxsize=1 << 14)
def frequencies(folded: str, language: str = "") -> dict[str, str]:
    """Each unit a folded text says "every" of, with its count: "every hour" is every 1
    hour, "every 4 hours" every 4, "every other day" every 2 days (units singular)."""
    if not may_say_frequency(folded):
        return {}
    said = folded.split()
    found = {}
    for at, word in enumerate(said[:-1]):
        if word != "every":
            continue
        count, unit = "1", said[at + 1]
        if unit == "other":
            count = "2"
        elif numbers := numbers_said(unit, language):
            count = min(numbers)
        else:
            found[singular(unit)] = count
            continue
        if at + 2 < len(said):
            found[singular(said[at + 2])] = count
    return found


def frequencies_differ(folded: str, other: str, language: str = "") -> bool:
    """Do two folded texts say "every" of one unit, other counts ("every hour", "every 4
    hours"; "every day", "every other day")? Two frequencies, though one writes no number."""
    mine = frequencies(folded, language)
    if not mine:
        return False
    theirs = frequencies(other, language)
    return any(theirs.get(unit, count) != count for unit, count in mine.items())


def numbers_within(
    definition: str, stems: frozenset[Stem], other: str, other_stems: frozenset[Stem]
) -> bool:
    """Does one definition say nothing but numbers (no stems), every one of which the
    other, a short one (SHORT_DEFINITION stems at most), says too? "22" and "22 (over
    SSH)" (SSH, SFTP), "5061" and "5060/5061": both cards answer "port 22", a second right
    answer no stem shows (numbers have none). A sentence that mentions 22 says more."""
    bare = [(definition, other)] if not stems and len(other_stems) <= SHORT_DEFINITION else []
    if not other_stems and len(stems) <= SHORT_DEFINITION:
        bare.append((other, definition))
    for only, said in bare:
        numbers = numbers_in(only)
        if numbers and numbers <= numbers_in(said):
            return True
    return False


def definitions_overlap(
    a: frozenset[Stem],
    b: frozenset[Stem],
    pieces: Callable[[], tuple[Sequence[frozenset[Stem]], Sequence[frozenset[Stem]]]] | None = None,
) -> bool:
    """Could one definition stand for the other? One's stems contain the other's ("the
    highest point" / "the highest point reached"; "light" / "light or bright"; "a
    collection of examples" / "the collection of examples used to train a model"), or a
    short definition (≤ 3 stems) shares two stems at least, and half of its own, with a
    longer one at most three times as long ("highest point of achievement" / "highest
    point reached by a celestial body"). Two short definitions overlap without containment
    only when one lists alternatives, one of which the other contains ("condition, state"
    / "abnormal condition"). Two formulas overlap only when their stems are equal: each
    holds its whole formula as one (`lexicon.formula_stem`).

    Two short definitions sharing stems otherwise name two kinds of one thing ("loop
    diuretic" / "thiazide diuretic", "beehive (box-style)" / "beehive (basket-style)",
    "noun ending, singular" / "noun ending, plural"): each is the other's best wrong
    option. `pieces` gives each definition's list alternatives
    as stem sets (`synonyms.alternatives`), asked only then; without it such a pair
    counts as overlapping (a search that tests them later)."""
    if not a or not b:
        return False
    shorter, longer = sorted((len(a), len(b)))
    if a <= b or b <= a:
        return True  # the longer one is a kind of what the shorter one says
    shared = len(a & b)
    if shorter > SHORT_DEFINITION or 2 * shared < shorter or longer > 3 * shorter:
        return False
    if any(map(is_formula_stem, a)) and any(map(is_formula_stem, b)):
        return False  # two formulas, which no containment made one: "EV - AC", "EV / AC"
    if longer > SHORT_DEFINITION:
        return shared >= 2
    if pieces is None:
        return True
    pieces_a, pieces_b = pieces()
    return any(p <= b for p in pieces_a) or any(p <= a for p in pieces_b)


# Words that deny what follows them, in English: "by mouth" and "nothing by mouth" say
# opposite things. Some are stop words, some have stems ("noth"): `_affirmed` drops those.
NEGATIONS = frozenset(
    {"not", "no", "nothing", "never", "without", "none", "nor", "cannot", "negated"}
)


# Words that say a definition falls short of what it names ("land almost surrounded by
# water" is a peninsula, not an island), in English, Spanish, French and German; and
# those that are other words elsewhere, read only in their language ("fast": German
# "almost", English "quick").
SHORT_OF = frozenset(
    {"almost", "nearly", "partly", "partially", "semi", "casi", "parcialmente", "presque",
     "partiellement", "beinahe", "teilweise"}
)  # fmt: skip
_SHORT_OF_IN = {"german": SHORT_OF | {"fast"}}


def negation_apart(
    definition: str,
    other: str,
    stems: frozenset[str],
    other_stems: frozenset[str],
    language: str = "",
) -> bool:
    """Does one definition deny ("nothing by mouth") what the other says ("by mouth"), or
    say that it falls short of it ("land almost surrounded by water", "land surrounded by
    water": `SHORT_OF`; `language`, the deck's), the two saying the same stems but for
    those words? Then they are opposites, or a thing and what nearly is one, each the
    other's likeliest wrong option, never one thing. (Where stems differ too, a negation
    may deny something else: "a vague feeling of worry, not fear" still overlaps "a
    feeling of worry".)"""
    short_of = _SHORT_OF_IN.get(language, SHORT_OF)
    said, other_said = set(words(definition)), set(words(other))
    return (
        NEGATIONS.isdisjoint(said) != NEGATIONS.isdisjoint(other_said)
        or short_of.isdisjoint(said) != short_of.isdisjoint(other_said)
    ) and _affirmed(stems, short_of) == _affirmed(other_stems, short_of)


def _affirmed(stems: frozenset[str], short_of: frozenset[str] = SHORT_OF) -> frozenset[str]:
    """The stems but those of a negation ("noth" of "nothing") or of a word that falls
    short ("almost"; stemmed or not)."""
    return stems - _dropped_stems(short_of)


@functools.lru_cache(maxsize=4)
def _dropped_stems(short_of: frozenset[str]) -> frozenset[str]:
    """What a stem of a negation or of a word that falls short may be: the word, or an
    opening of it of three letters or more ("noth" of "nothing", "near" of "nearly")."""
    words = NEGATIONS | short_of
    return words | {w[:k] for w in words for k in range(3, len(w))}
