"""Words as exam-sim reads them, shared by the generator and the `check` linter.

Folding (case and accents), word tokens (every CJK character a token of its own, since
those scripts put no spaces between words), stop words, word stems in the deck's language
(Snowball, through PyStemmer), cross-references ("see X", "another name for X", "sinónimo
de X"…), comparisons ("X vs Y") and acronyms ("OLTP" = "Online Transaction Processing").
Pure functions and one small class; no I/O beyond the packaged word lists.

Whatever decides that two cards "are the same thing" reads words through this module, so
the generator never pits two cards against each other that the linter calls the same, and
the other way round (a property test holds the two to it).
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from itertools import compress
from typing import TypeVar, cast

from exam_sim.gloss_words import said_stop_words
from exam_sim.marks import MARK, MARKS
from exam_sim.text import (
    ascii_table,
    is_code,
    is_formula,
    name_signs,
    translated_all,
)
from exam_sim.text import fold as text_fold

# Scripts written without spaces between words: a word boundary between every character
# (kana, CJK ideographs; Thai, Lao, Myanmar and Khmer, vowel signs and all: a name glued
# to the next word, "ปัญญาประดิษฐ์คือ…", is found as kanji are).
_KANA_IDEOGRAPH_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RANGES = _KANA_IDEOGRAPH_RANGES + "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_CJK = re.compile(f"[{_CJK_RANGES}]")
_KANA_OR_IDEOGRAPH = re.compile(f"[{_KANA_IDEOGRAPH_RANGES}]")
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30a0-\u30ff]")
WORD = re.compile(f"[{_CJK_RANGES}]|[^\\W_{_CJK_RANGES}]+")
# WORD for a text holding combining marks, which `\w` leaves out: a vowel sign ("ि" of
# "परिभाषा") is part of its word. Slower (an alternation per character): only for the
# texts `marks.MARK` finds one in.
MARKED_WORD = re.compile(f"[{_CJK_RANGES}]|(?:[^\\W_{_CJK_RANGES}]|[{MARKS}])+")
ASCII_WORD = re.compile("[a-z0-9]+")  # WORD on folded ASCII text
# Combining marks left by NFKD ("é" → "e" + U+0301), and the vowel points Arabic and
# Hebrew text may or may not write ("مُصْطَلَح" is "مصطلح"): accents, for comparing.
COMBINING = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"  # Hebrew points and cantillation
    "\u0610-\u061a\u064b-\u065f\u0670]"  # Arabic harakat
)

# Function words of the languages our decks are most often in; for other languages the
# short words of the packaged stop-word list are added (see `Lexicon`). Kept short on
# purpose: a long list ("computer", "available"…) would drop real terms of a vocabulary deck.
BASE_STOPWORDS = frozenset(
    """a an the of to in on for and or nor with by from at as is are be been being was were
    it its this that these those which who whom whose what when where how why can could may
    might will would shall should must into onto over under than then there their they them
    we you your our us i he she his her not no but if so such also other others each any all
    more most less very using use used uses based between about after before during through
    per via within without up out do does did has have had one two e g eg ie etc vs
    el la los las lo un una unos unas de del al y o u e en por para con sin que se su sus es
    son como le les mas menos este esta estos estas ese esa esos esas eso esto muy tambien
    entre sobre cuando donde cual cuales ya si ha han puede pueden ser estan hay fue
    tu tus mi mis nos""".split()  # noqa: SIM905
)
ARTICLES = frozenset(
    "the a an el la los las lo un una unos unas le les l der die das ein eine il lo gli".split()  # noqa: SIM905
)

# The wordings of a definition that only sends the reader to another card. Folded, and
# matched against the whole first sentence: "See X", "Another name for X", "Sinónimo de X".
CROSS_REFERENCE_PHRASES: tuple[str, ...] = (
    "see also", "see", "another name for", "other name for", "another term for",
    "other term for", "alternative name for", "alternative term for", "alternate name for",
    "also called", "also known as", "aka", "synonym for", "synonym of", "synonymous with",
    "same as", "the same as", "short for", "abbreviation for", "abbreviation of",
    "an abbreviation for", "an abbreviation of", "refer to", "cf",
    "sinonimo de", "otro nombre para", "otro nombre de", "tambien llamado", "tambien llamada",
    "tambien conocido como", "tambien conocida como", "consulta tambien", "consulta",
    "consulte", "vease tambien", "vease", "ver tambien", "ver", "abreviatura de",
    "voir aussi", "voir", "synonyme de", "autre nom de", "aussi appele", "abreviation de",
    "siehe auch", "siehe", "synonym fur", "auch genannt", "abkurzung fur",
    "vedi anche", "vedi", "sinonimo di", "veja tambem", "veja", "ver tambem",
    # A dictionary's spelling variants (Wiktionary's "form of" entries): the same word.
    "alternative spelling of", "alternative form of", "alternate spelling of",
    "alternate form of", "alternative letter case form of", "variant spelling of",
    "variant form of", "obsolete spelling of", "obsolete form of", "archaic spelling of",
    "archaic form of", "dated spelling of", "dated form of", "former spelling of",
    "misspelling of", "nonstandard spelling of", "nonstandard form of", "rare spelling of",
    "rare form of", "nebenform von", "schreibvariante von", "alternative schreibweise von",
    "veraltete schreibweise von", "forma alternativa de", "grafia alternativa de",
    "variante orthographique de", "autre orthographe de",
)  # fmt: skip
_XREF = re.compile(
    "^(?:"
    + "|".join(re.escape(p) for p in sorted(CROSS_REFERENCE_PHRASES, key=len, reverse=True))
    + r")\s+(?P<target>.+)$"
)
_CF = re.compile(r"^cf\.\s*", re.IGNORECASE)  # "Cf. X": the dot ends no sentence
# Words that open a clause of prose after a comma, not another name.
_CLAUSE_WORDS = frozenset({
    "but", "except", "although", "though", "however", "which", "that", "when", "where",
    "while", "pero", "excepto", "aunque", "que", "cuando", "donde", "mais", "sauf", "aber",
    "wenn", "ma",
})  # fmt: skip
_XREF_FIRST = frozenset(p.split()[0] for p in CROSS_REFERENCE_PHRASES)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+|(?<=[。！？])")
# "X and Y" in a cross-reference's target: it points at both.
_TARGET_SPLIT = re.compile(r"\s+(?:and|or|y|o|e|u|et|ou|und|oder)\s+|\s*,\s*")
# The sides of a comparison card: "CPU vs GPU", "A v.s. B", "A & B", "A / B", "A and B".
_COMPARISON = re.compile(
    r"\s+(?:vs\.?|v\.s\.?|versus|compared (?:to|with)|frente a|and|&|\+)\s+|\s*/\s*",
    re.IGNORECASE,
)
# Every `_COMPARISON` match but "/" has one of these as a whole word between whitespace,
# once case folded (casefold takes "ſ" to "s", as IGNORECASE matches it): a term with none
# of them and no "/" has no sides (`decks.bulk_text` asks only the others).
COMPARISON_WORDS = frozenset(
    ("vs", "vs.", "v.s", "v.s.", "versus", "compared", "frente", "and", "&", "+")
)
# What the content-stem memo gives a word that is not a content word: None, filtered out.
_IS_STEM = functools.partial(operator.is_not, None)

# --------------------------------------------------------------------------- folding


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case with accents removed (punctuation kept); ASCII takes a fast path."""
    if text.isascii():
        return text.lower()
    # NFC again at the end puts back the marks that are letters of their own script
    # (the dakuten of ガ), which only the accent ranges above are meant to drop.
    return unicodedata.normalize(
        "NFC", COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()
    )


# A deck writes marks when at least this share of its terms carries one (an even sample),
# and more than one term: a habit of the deck, not one word's.
MARKS_WRITTEN = 0.05
_MARKS_SAMPLE = 5_000


def writes_marks(terms: Sequence[str]) -> bool:
    """Does a deck write accents and other marks on its terms (a sample of them), so that
    they tell its words apart ("schon"/"schön", "año"/"ano", "mǎi"/"mài", "-ig-"/"-iĝ-")?
    A deck that seldom writes one (an English glossary's "café") may well write "cafe" for
    the same word: there a mark tells nothing apart."""
    sample = terms[:: max(1, len(terms) // _MARKS_SAMPLE)]
    marked = sum(
        1
        for term in sample
        if not term.isascii() and COMBINING.search(unicodedata.normalize("NFD", term))
    )
    return marked >= max(2, MARKS_WRITTEN * len(sample))


def apart_by_marks(names: Iterable[str], others: Iterable[str]) -> bool:
    """Are these two cards' names one only once their marks are dropped ("schön" and
    "schon": no name alike with its marks, one alike without)? In a deck that writes marks
    (`writes_marks`) they are two words, not one card twice: each other's likeliest
    confusion. Case, spaces and punctuation count as they do for any name."""
    marked = {marked_key(name) for name in names}
    marked_others = {marked_key(name) for name in others}
    if not marked.isdisjoint(marked_others):
        return False
    folded = {unmarked(key) for key in marked}
    return not folded.isdisjoint(map(unmarked, marked_others))


def marked_key(name: str) -> str:
    """A name's letters, digits and marks, case folded (decomposed: "ǎ" is "a" and a mark):
    how a deck that writes marks spells it, compacted."""
    decomposed = unicodedata.normalize("NFD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() or unicodedata.category(ch)[0] == "M")


def unmarked(key: str) -> str:
    """A `marked_key` without its accent marks."""
    return COMBINING.sub("", key)


def word_pattern(folded: str) -> re.Pattern[str]:
    r"""The pattern that splits folded text into words: WORD; on ASCII text the plain
    ASCII_WORD, which finds the same words there (no CJK; \w is [a-z0-9_] once lowered)
    2-3× faster; on a text with combining marks, MARKED_WORD."""
    if folded.isascii():
        return ASCII_WORD
    return MARKED_WORD if MARK.search(folded) else WORD


def words(text: str) -> list[str]:
    """Folded word tokens; underscores separate words (a blank is never a word), and every
    kana or CJK ideograph is a word of its own."""
    folded = fold(text)
    return word_pattern(folded).findall(folded)


def option_key(text: str, marks: bool = False) -> str:
    """What tells options apart: their words compacted ("bee's wax" is "beeswax"), marks
    too if the deck writes them ("ma", "má"), a formula's operators ("EV - AC", "EV / AC"),
    the signs that name ("C", "C++"; "O(n)", "O(n!)": `text.name_signs`)."""
    if is_formula(text):
        return text_fold(text)
    # An option of signs alone ("==", "&&") is told apart by its signs.
    key = marked_key(text) if marks else compact(text)
    if not key:
        return "".join(text.split())
    signs = name_signs(text)
    return f"{key}\x00{signs}" if signs else key


def formula_stem(text: str) -> str:
    """The stem a formula has beside its words' (`text.is_formula`): the formula folded
    with its operators, marked (no word's stem holds "="). Two formulas are then one only
    where they say one thing: "EV - AC" and "EV / AC" have the same words, and "EV - AC"
    is no kind of "AC + (BAC - EV)", which holds them (`wording.definitions_overlap`).
    Code's signs are its too ("O(n)", "O(n!)": `text.name_signs`)."""
    signs = name_signs(text)
    return f"={text_fold(text)}\x00{signs}" if signs else "=" + text_fold(text)


def is_formula_stem(stem: str | int) -> bool:
    """A `formula_stem`? (A stem's number, where `check` numbers them, is none: its first
    pass finds more pairs than the rule, which reads them again by their stems.)"""
    return isinstance(stem, str) and stem.startswith("=")


def capitalised(text: str) -> str:
    """`text` with its first letter a capital, the rest as written ("aws Glue" → "Aws
    Glue": `str.capitalize` would lower the rest); "" stays ""."""
    return text[:1].upper() + text[1:]


def norm(text: str) -> str:
    """Folded words joined by single spaces: the string similarity scorers compare."""
    return " ".join(words(text))


def compact(text: str) -> str:
    """Folded words joined with nothing between them: a name however it is spaced or
    punctuated ("bee's wax", "beeswax")."""
    return "".join(words(text))


# `norm` of an ASCII text, as a byte table: what ASCII_WORD finds (letters and digits,
# lowered) kept, anything else a space between words.
_ASCII_NORM_TABLE = ascii_table(str.isalnum)


def norm_all(texts: Sequence[str]) -> list[str]:
    """`norm` of each text (`translated_all`: ASCII texts in bulk; a large deck's index
    normalises every term and definition, 5-8x faster so)."""
    return translated_all(texts, _ASCII_NORM_TABLE, norm)


def names_norm_all(names: Sequence[str]) -> list[str]:
    """`norm_all` of names, a name without words being its signs ("==", "&&", "?."), its
    spaces made one: folded to nothing, every operator of a list of operators was one
    name, and none could be told from another."""
    normed = norm_all(names)
    for k in compress(range(len(normed)), map(operator.not_, normed)):
        normed[k] = " ".join(names[k].split())
    return normed


def singular(word: str) -> str:
    """The simple plural rule used where no stemmer applies (names, unknown languages)."""
    if word.endswith("es") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and len(word) > 3:
        return word[:-1]
    return word


def is_cjk(word: str) -> bool:
    """Does `word` open with a letter of a script written without spaces?"""
    return bool(_CJK.match(word))


def is_kana_or_ideograph(char: str) -> bool:
    """Is `char` kana or a CJK ideograph (not Thai, Lao, Myanmar or Khmer)?"""
    return bool(_KANA_OR_IDEOGRAPH.match(char))


# --------------------------------------------------------------------------- languages

# Snowball stemmers for the languages whose stop-word lists ship with `stop_words`.
_LANGUAGES = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "nl": "dutch",
    "en": "english", "fi": "finnish", "fr": "french", "de": "german", "el": "greek",
    "hi": "hindi", "hu": "hungarian", "id": "indonesian", "it": "italian",
    "nb": "norwegian", "fa": "persian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "es": "spanish", "sv": "swedish", "tr": "turkish",
}  # fmt: skip
_SAMPLE_WORDS = 20_000
# Languages whose function words BASE_STOPWORDS already lists by hand: the packaged lists
# for them carry short content words ("text", "line", "zero", "name", "high").
_CURATED = frozenset(
    {"english", "spanish"}
)  # enough words to tell a language; a 1M-card deck is not read whole


@functools.lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    """Each language's short stop words (≤ 4 letters: articles, prepositions, pronouns)."""
    from stop_words import get_stop_words

    lists = {}
    for code, name in _LANGUAGES.items():
        lists[name] = frozenset(fold(w) for w in get_stop_words(code) if len(w) <= 4)
    return lists


def guess_language(texts: Iterable[str]) -> str:
    """The Snowball language of these texts, by their share of each language's function
    words; "" when no language stands out (too little text, or a script we cannot stem)."""
    counts: Counter[str] = Counter()
    total = 0
    cjk = 0
    for text in texts:
        for word in words(text):
            total += 1
            cjk += is_cjk(word)
            counts[word] += 1
        if total >= _SAMPLE_WORDS:
            break
    if total < 20 or cjk > total / 3:
        return ""
    scores = {
        name: sum(counts[w] for w in function_words)
        for name, function_words in _function_words().items()
    }
    best = max(sorted(scores), key=lambda name: scores[name])
    return best if scores[best] >= 0.08 * total else ""


_Key = TypeVar("_Key")
_Made = TypeVar("_Made")


class Memo(dict[_Key, _Made]):
    """key (a word, a card's position) → what `make` makes of it (a stem, a folded text),
    made on first use; at most `kept` remembered, then all forgotten at once. A dict whose
    misses call `make`: a hit is a plain dict lookup, which `map` runs without a Python
    frame (stems are read in bulk)."""

    def __init__(self, make: Callable[[_Key], _Made], kept: int = 200_000) -> None:
        super().__init__()
        self._make = make
        self._kept = kept

    def __missing__(self, key: _Key) -> _Made:
        if len(self) >= self._kept:
            self.clear()
        made = self[key] = self._make(key)
        return made


class Lexicon:
    """Stop words and stems for one language ("" = unknown: plural rule only)."""

    def __init__(self, language: str = "") -> None:
        self.language = language
        self._stemmer = None
        stop = set(BASE_STOPWORDS)
        if language:
            import Stemmer  # PyStemmer: the Snowball algorithms in C

            self._stemmer = Stemmer.Stemmer(language)
            if language not in _CURATED:  # those lists have short content words too
                stop |= _function_words().get(language, frozenset())
        self.stopwords = frozenset(stop)
        self._stems = Memo(self._stem_of)
        # word → its stem when it is a content word, else None: `stems` reads a text's
        # words through it in C, one lookup a word instead of the rule's four tests.
        self._content_stems = Memo(self._content_stem_of)
        self._text_stems: dict[str, frozenset[str]] = {}

    @classmethod
    def for_texts(cls, texts: Iterable[str]) -> Lexicon:
        return cls(guess_language(texts))

    def stem(self, word: str) -> str:
        """The word's stem: "translation", "translate" and "translated" share one."""
        return self._stems[word]

    def _stem_of(self, word: str) -> str:
        if is_cjk(word) or self._stemmer is None:
            return singular(word)
        return str(self._stemmer.stemWord(word))

    def content_words(self, text: str) -> list[str]:
        """Folded words that carry meaning: no stop words, no lone kana or digits."""
        return self.content_tokens(words(text))

    def says_nothing(self, text: str) -> bool:
        """Are all the text's words stop words, if it has any ("the ____")? Unlike
        `content_words`, a letter of a script written without spaces is a word here."""
        return self.stopwords.issuperset(words(text))

    def content_tokens(self, tokens: Iterable[str]) -> list[str]:
        """`content_words` of text already split into folded words (`words`)."""
        return [w for w in tokens if self._content_stems[w] is not None]

    def _is_content(self, word: str) -> bool:
        """A word that carries meaning: no stop word, no lone kana or digits."""
        return (
            word not in self.stopwords
            and not word.isdigit()
            and (
                len(word) > 1
                if word.isascii() or not is_cjk(word)
                else _IDEOGRAPH.match(word) is not None
            )
        )

    def _content_stem_of(self, word: str) -> str | None:
        return self._stems[word] if self._is_content(word) else None

    def stem_all(self, tokens: Iterable[str]) -> Iterator[str]:
        """The stems of these words, in order (read in C through the memo)."""
        return map(self._stems.__getitem__, tokens)

    def stemmed_as(self, tokens: Sequence[str], stems: Collection[str]) -> set[str]:
        """The words of `tokens` whose stem is one of `stems`: other forms of the same
        words in a text ("translation" for the "translate" of Amazon Translate)."""
        return {
            word for word, stem in zip(tokens, self.stem_all(tokens), strict=True) if stem in stems
        }

    def distinct_stems_all(self, folded: Iterable[str]) -> list[tuple[str, ...]]:
        """`stems` of each text's folded words (`norm`), as tuples in no order, not
        remembered: for reading every definition of a large deck once (`check`)."""
        get = self._content_stems.__getitem__
        return [
            tuple(set(cast(Iterator[str], filter(_IS_STEM, map(get, text.split())))))
            for text in folded
        ]

    def stems(self, text: str, tokens: Iterable[str] | None = None) -> frozenset[str]:
        """Stems of the text's content words (remembered: options recur across questions).
        `tokens`, when the caller has them, are `words(text)` (saves folding it again)."""
        stems = self._text_stems.get(text)
        if stems is None:
            # The stems read in C (`map` over the memo): this runs for every option of
            # every question.
            found = map(self._content_stems.__getitem__, words(text) if tokens is None else tokens)
            stems = frozenset(cast(Iterator[str], filter(_IS_STEM, found)))
            if said := self.stopwords.intersection(said_stop_words(text)):
                stems |= set(self.stem_all(said))
            if is_formula(text) or is_code(text):  # its identity is the whole of it
                stems |= {formula_stem(text)}
            if len(self._text_stems) > 50_000:
                self._text_stems.clear()
            self._text_stems[text] = stems
        return stems


# --------------------------------------------------------------------------- names


def may_compare(term: str) -> bool:
    """Can `term` have sides (`comparison_parts`)? Only with a "/" or one of the
    comparison words (`COMPARISON_WORDS`): the cheap test before the pattern."""
    return "/" in term or not COMPARISON_WORDS.isdisjoint(term.casefold().split())


def comparison_parts(term: str) -> tuple[str, ...]:
    """The sides of a comparison card: "CPU vs GPU" → ("CPU", "GPU"); "A/B" stays whole
    (sides shorter than three letters are not names of their own)."""
    if not may_compare(term):
        return ()
    pieces = [p.strip() for p in _COMPARISON.split(term) if p and p.strip()]
    if len(pieces) < 2 or any(len(norm(p).replace(" ", "")) < 3 for p in pieces):
        return ()
    return tuple(pieces)


# --------------------------------------------------------------------------- references


_REFERENCE_START = re.compile(
    "(?:"
    + "|".join(re.escape(p) for p in sorted(CROSS_REFERENCE_PHRASES, key=len, reverse=True))
    + ") "
)


def may_be_reference(folded: str) -> bool:
    """Can a definition whose folded words (`norm`) are `folded` be a cross-reference?
    Its first clause, folded, starts with a phrase and a word more, and those are the
    first words of the whole definition folded: no definition failing this is one."""
    return _REFERENCE_START.match(folded) is not None


def may_refer(opening: str) -> bool:
    """Can a definition whose first folded word is `opening` be a cross-reference? (No
    definition can be one that fails this; the test `cross_reference_target` makes first.)"""
    return opening in _XREF_FIRST


def cross_reference_target(definition: str) -> str | None:
    """The name a definition sends the reader to, when its first sentence is nothing but
    a cross-reference ("See X.", "Another name for X", "Sinónimo de X"); folded, leading
    article dropped. None otherwise (or when the "name" is a sentence of its own)."""
    head = fold(definition.lstrip()[:24])
    opening = word_pattern(head).match(head)
    if opening is None or not may_refer(opening.group()):
        return None  # the cheap test first: most definitions are not references
    stripped = _CF.sub("cf ", definition.strip(), count=1)
    first = _SENTENCE.split(stripped, maxsplit=1)[0]
    # Folded words, but commas kept: "See loss, cost." points at two cards.
    clauses = [norm(clause) for clause in first.split(",")]
    match = _XREF.match(clauses[0])
    if not match:
        return None
    if any(not c or c.split()[0] in _CLAUSE_WORDS for c in clauses[1:]):
        return None  # "Same as L2 loss, but without the root" says more than a name
    target = match["target"].split()
    while target and target[0] in ARTICLES:
        target = target[1:]
    pieces = [" ".join(target), *clauses[1:]]
    if not target or sum(len(p.split()) for p in pieces) > 10:
        return None
    return ", ".join(pieces)


def split_target(target: str) -> list[str]:
    """ "x and y" → ["x", "y"]: a reference may point at several cards."""
    pieces = []
    for piece in _TARGET_SPLIT.split(target):
        tokens = piece.split()
        while tokens and tokens[0] in ARTICLES:
            tokens = tokens[1:]
        if tokens:
            pieces.append(" ".join(tokens))
    return pieces


__all__ = [
    "ARTICLES",
    "BASE_STOPWORDS",
    "COMPARISON_WORDS",
    "CROSS_REFERENCE_PHRASES",
    "MARKS_WRITTEN",
    "WORD",
    "Lexicon",
    "Memo",
    "apart_by_marks",
    "compact",
    "comparison_parts",
    "cross_reference_target",
    "fold",
    "guess_language",
    "is_cjk",
    "marked_key",
    "may_be_reference",
    "may_refer",
    "norm",
    "norm_all",
    "singular",
    "split_target",
    "unmarked",
    "word_pattern",
    "words",
    "writes_marks",
]
