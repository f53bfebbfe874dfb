"""Finding a card's names in a text, and blanking them.

A name matches whatever its case, accents, separators ("word2vec", "Word 2 Vec",
"word-2-vec") or simple plural ("LSTMs", "redes neuronales" for "red neuronal"); short
names never match inside words ("AUC" leaves "because" alone). Matching runs over word
tokens of the folded text (`exam_sim.lexicon.words`, where every CJK character is a
token) and maps back to the original characters, so what is not blanked stays as written.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from exam_sim.acronyms import acronyms_in, joins_names
from exam_sim.lexicon import (
    COMBINING,
    Lexicon,
    is_cjk,
    norm,
    singular,
    word_pattern,
    words,
)
from exam_sim.text import BLANK


@functools.lru_cache(maxsize=2048)
def _folded_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """`exam_sim.lexicon.fold` plus, for non-ASCII text, the original index of every
    folded character (folding can change lengths: "é" → "e", "ß" → "ss"), so masks land
    on the original."""
    if text.isascii():
        return text.lower(), None
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        kept = "".join(p for p in unicodedata.normalize("NFKD", char) if not COMBINING.match(p))
        for folded in unicodedata.normalize("NFC", kept.casefold()):
            out.append(folded)
            where.append(index)
    return "".join(out), where


def forms(tokens: Sequence[str]) -> set[str]:
    """Spellings of a run of words that count as the same name: joined without separators
    ("word 2 vec" = "word2vec"), with simple plurals removed from the end or from every word
    ("LSTMs" = "LSTM", "redes neuronales" = "red neuronal")."""
    joined = "".join(tokens)
    found = {joined}
    # A word "es" is not an ending: in "la pérdida L1 es menos…" it is not a plural of
    # "L1". A lone "s" is the possessive of "Amazon Lex's", and goes with the name.
    standalone_es = bool(tokens) and tokens[-1] == "es"
    for suffix in ("s", "es"):
        if standalone_es:
            break
        if joined.endswith(suffix) and len(joined) > len(suffix) + 2:
            found.add(joined[: -len(suffix)])
    if len(tokens) > 1:
        # Every word without "s", without "es", and each singular on its own: "modelos
        # lineales" (s, es) = "modelo lineal".
        found.update(map("".join, zip(*map(_word_endings, tokens), strict=True)))
    return found


def name_forms(names: Iterable[str]) -> frozenset[str]:
    """Every compact spelling of these names that a text may use."""
    found: set[str] = set()
    for name in names:
        tokens = words(name)
        if not tokens or len("".join(tokens)) < 2:
            continue
        if not name.isascii() and any(is_cjk(t) for t in tokens):
            found.add("".join(tokens))  # no plural endings to undo in these scripts
        else:
            found |= _as_written(name, tokens, forms(tokens) | _singular_forms(tokens))
    return frozenset(f for f in found if len(f) >= 2)


# Words ending in an acronym whose last letter is a capital S ("HTTPS", "AWS").
_ACRONYM_S = re.compile(r"(?<![^\W\d_])[A-Z]{2,}S$")


def _as_written(written: str, tokens: Sequence[str], found: set[str]) -> set[str]:
    """`found` (forms of `tokens`, the folded words of `written`) but those that read the
    capital S ending an acronym as a plural: "HTTPS" is no plural of HTTP ("LSTMs" is
    LSTM's), in a name or in a text."""
    if not _ACRONYM_S.search(written):
        return found
    return {f for f in found if f.endswith(tokens[-1])}


def _singular_forms(tokens: Sequence[str]) -> set[str]:
    """What `forms` makes of this name written with any plural ending on any of its words
    (each word as is, + "s" or + "es"), once every word is made singular on its own: so a
    text run meets its name in that one spelling ("clases sociales" = "clase social")."""
    if len(tokens) < 2 or len(tokens) > 6:
        return set()
    options = list(map(_plural_choices, tokens))
    if max(map(len, options)) == 1:
        return set()  # one spelling, every word singular: `forms` has it already
    return {"".join(choice) for choice in itertools.product(*options)}


@functools.lru_cache(maxsize=65536)
def _word_endings(token: str) -> tuple[str, str, str]:
    """The word without a final "s", without a final "es", and singular (a deck's words
    recur)."""
    return _strip_s(token), _strip_es(token), singular(token)


@functools.lru_cache(maxsize=65536)
def _plural_choices(token: str) -> frozenset[str]:
    """The word made singular as is, with "s" and with "es" (a deck's words recur)."""
    return frozenset((singular(token), singular(token + "s"), singular(token + "es")))


def _strip_s(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _strip_es(word: str) -> str:
    return word[:-2] if word.endswith("es") and len(word) > 4 else word


@dataclass(frozen=True, slots=True)
class _Token:
    word: str
    start: int  # in the folded text
    end: int


def _tokens(folded: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in word_pattern(folded).finditer(folded)]


def _joinable(folded: str, left: _Token, right: _Token) -> bool:
    return joins_names(folded[left.end : right.start])


@functools.lru_cache(maxsize=8192)
def _joined(text: str) -> tuple[tuple[str, dict[int, int], frozenset[int]], ...]:
    """The text's words joined without separators (as is, and with every word's plural
    ending stripped, like `forms` does), each with {offset where word n starts: n} and
    the offsets where words end."""
    tokens = words(text)
    variants = []
    for strip in (None, _strip_s, _strip_es, singular):
        pieces = tokens if strip is None else [strip(w) for w in tokens]
        starts: dict[int, int] = {}
        ends: set[int] = set()
        offset = 0
        for n, piece in enumerate(pieces):
            starts[offset] = n
            offset += len(piece)
            ends.add(offset)
        variants.append(("".join(pieces), starts, frozenset(ends)))
    return tuple(variants)


@functools.lru_cache(maxsize=8192)
def _word_openings(text: str) -> frozenset[str]:
    """The first two letters of every word of the text, or a one-letter word with the next
    word's first letter. Every form `_first_words` finds starts with one of them: it looks
    in the words joined, where a word only ever loses an ending (`_joined`), never its
    first letters, and a form is two letters at least."""
    tokens = words(text)
    openings = set()
    for n, token in enumerate(tokens):
        if len(token) >= 2:
            openings.add(token[:2])
        elif n + 1 < len(tokens):
            openings.add(token + tokens[n + 1][:1])
    return frozenset(openings)


def _first_words(text: str, wanted: Iterable[str]) -> set[int]:
    """Indexes of the words where a mention of a form could start: the form occurs in the
    joined words from a word start to a word end (a plural ending allowed). Every mention
    `forms` would accept starts at one of them, so an empty set rules mentions out."""
    found: set[int] = set()
    # The cheap test first: a form can only start where a word's first two letters open it.
    openings = _word_openings(text)
    possible = [form for form in wanted if len(form) < 2 or form[:2] in openings]
    if not possible:
        return found
    for joined, starts, ends in _joined(text):
        for form in possible:
            at = joined.find(form)
            while at >= 0:
                end = at + len(form)
                # "es" as a word of its own is not a plural ending (see `forms`).
                if at in starts and (
                    end in ends
                    or (end + 1 in ends and joined[end] == "s")
                    or (end + 2 in ends and joined[end : end + 2] == "es" and end not in starts)
                ):
                    found.add(starts[at])
                at = joined.find(form, at + 1)
    return found


def _mention_spans(
    text: str, wanted: frozenset[str]
) -> tuple[list[int] | None, list[tuple[int, int]]]:
    """Spans (in the folded text) of the mentions of `wanted` forms in `text`, longest
    first from each start, with the folded text's map back to the original characters."""
    firsts = _first_words(text, wanted) if wanted else set()
    if not firsts:
        return None, []
    folded, where = _folded_with_offsets(text)
    tokens = _tokens(folded)
    max_len = max(len(f) for f in wanted)
    # Up to 8 words a name; a name in a script without spaces is a word a character
    # ("ニューラルネットワーク", 11): as many as it has.
    reach = max(8, max((len(f) for f in wanted if is_cjk(f)), default=0))
    spans: list[tuple[int, int]] = []
    next_free = 0
    for first in sorted(firsts):
        if first < next_free or first >= len(tokens):
            continue
        best_last = -1
        length = 0
        run: list[str] = []
        for last in range(first, min(len(tokens), first + reach)):
            if last > first and not _joinable(folded, tokens[last - 1], tokens[last]):
                break
            run.append(tokens[last].word)
            length += len(tokens[last].word)
            if length > max_len + 2 * len(run):  # each word may carry a plural ending
                break
            found = forms(run)
            if not wanted.isdisjoint(found) and not wanted.isdisjoint(
                _as_written(_original(text, where, tokens[first], tokens[last]), run, found)
            ):
                best_last = last
        if best_last >= 0:
            spans.append((tokens[first].start, tokens[best_last].end))
            next_free = best_last + 1
    return where, spans


def _original(text: str, where: list[int] | None, first: _Token, last: _Token) -> str:
    """The words from `first` to `last` as the text writes them."""
    if where is None:
        return text[first.start : last.end]
    return text[where[first.start] : where[last.end - 1] + 1]


def mentions(text: str, wanted: frozenset[str]) -> bool:
    """Does `text` name one of these forms (as whole words, see `forms`)?"""
    return bool(_mention_spans(text, wanted)[1])


def mentions_apart(text: str, wanted: frozenset[str], names: frozenset[str], term: str) -> bool:
    """Does `text` name one of `wanted` forms other than inside a mention of a card's own
    `names` (forms) or of an acronym its `term` writes? A card's definition names another
    card where the stem blanks a word of it ("see also labeled example" for *example*:
    "see also ____ etiquetado") or the whole of it (*gradient* in "limits the gradient's
    values", the definition of *gradient clipping*), and still speaks of that card as
    another thing. One inside its own name ("machine learning" in "supervised machine
    learning is…") is the card itself."""
    spans = _mention_spans(text, wanted)[1]
    if not spans:
        return False
    own = names | name_forms(acronyms_in(term))
    covering = _mention_spans(text, own)[1]
    return any(not any(a <= s and e <= b for a, b in covering) for s, e in spans)


# Blanks side by side ("A ____ ____ configured…", two words of the name blanked apart) read
# as one: the number of blanks would count the answer's words.
_ADJACENT_BLANKS = re.compile(rf"{re.escape(BLANK)}(?:[ \u00a0-]+{re.escape(BLANK)})+")


def mask_forms(text: str, wanted: frozenset[str]) -> str:
    """`text` with every mention of these forms replaced by a blank (blanks side by side,
    one)."""
    where, spans = _mention_spans(text, wanted)
    if not spans:
        return text
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        if where is not None:
            start, end = where[start], where[end - 1] + 1
        pieces.append(text[cursor:start])
        pieces.append(BLANK)
        cursor = end
    pieces.append(text[cursor:])
    return _ADJACENT_BLANKS.sub(BLANK, "".join(pieces))


# "an ____" says the answer opens with a vowel, "a ____" that it does not: the a/an cue of
# the item-writing guides. An English stem writes "a(n) ____".
_ARTICLE_BEFORE_BLANK = re.compile(rf"\b([Aa])[Nn]?(\s+)(?={re.escape(BLANK)})")


def neutral_articles(text: str) -> str:
    """English text with "a" or "an" before a blank written "a(n)"."""
    return _ARTICLE_BEFORE_BLANK.sub(r"\1(n)\2", text)


def mask_names(text: str, names: Iterable[str]) -> str:
    """Replace every mention of `names` in `text` by a blank, whatever the case, accents,
    hyphens, spaces or simple plural ("Word2Vec" hides "word2vec", "Word 2 Vec", "word2vecs")."""
    wanted = name_forms(names)
    return mask_forms(text, wanted) if wanted else text


def names_in_other_forms(
    names: Iterable[str], tokens: list[str], present: frozenset[str], lexicon: Lexicon
) -> list[str]:
    """Runs of a definition (its folded words `tokens`, its content stems `present`) that
    say one of `names` in other word forms, stem for stem ("un clasificador binario" for
    "clasificación binaria", "translation" for "Translate"); stop words between them are
    passed over."""
    stop = lexicon.stopwords
    wanted_by_name = []
    for name in names:
        wanted = [lexicon.stem(w) for w in norm(name).split() if w not in stop]
        # The cheap test first: every stem of the name must be in the definition.
        if wanted and len(wanted) <= 6 and present.issuperset(wanted):
            wanted_by_name.append(wanted)
    if not wanted_by_name:
        return []
    content = [(n, lexicon.stem(w)) for n, w in enumerate(tokens) if w not in stop]
    found = []
    for wanted in wanted_by_name:
        size = len(wanted)
        if size > len(content):
            continue
        for start in range(len(content) - size + 1):
            if all(content[start + k][1] == wanted[k] for k in range(size)):
                first, last = content[start][0], content[start + size - 1][0]
                found.append(" ".join(tokens[first : last + 1]))
    return found


# A blank stands for a name: one word, or a few ("Treaty", "machine learning"). Any more
# and every long definition ending as a stem does would fill it: "Un búfer de protocolo…
# de aprendizaje automático." does not answer "____ automático.". "a(n)" before a blank
# stands for "a" or "an".
FILL_WORDS = 4
_FILLED = rf"(?:^| )\S+(?: \S+){{0,{FILL_WORDS - 1}}}(?: |$)"
_NEUTRAL_ARTICLE = re.compile(r"\b([Aa])\(n\)(\s*)$")


def blank_filler(stem: str) -> Callable[[str], bool] | None:
    """For a stem with blanks, a test of whether a text reads as the stem with each blank
    filled by a word or a few (FILL_WORDS at most): "The Palace of Versailles" for "The
    ____ of Versailles", "A view of the dictionary's keys" for "A view of the
    dictionary's ____". Another card whose side says that answers the stem too. Compared
    as `norm` reads both. None without a blank."""
    if BLANK not in stem:
        return None
    parts = []
    for piece in stem.split(BLANK):
        article = _NEUTRAL_ARTICLE.search(piece)
        said = re.escape(norm(_NEUTRAL_ARTICLE.sub("", piece)))
        if article:  # "a(n) ____": the text says "a" or "an" there
            said = f"{said} an?" if said else "an?"
        parts.append(said)
    if not any(parts):  # nothing but blanks: no text to read it by
        return None
    pattern = re.compile(_FILLED.join(parts))
    return lambda text: pattern.fullmatch(norm(text)) is not None
