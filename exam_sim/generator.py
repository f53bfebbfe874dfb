"""Multiple-choice questions from flashcards, with distractors picked by text similarity.

How a question is built (docs/generator.md has the long version and the measured numbers):

1. The key card gives the stem and the right option, masked so that neither repeats the
   other ("word2vec is an algorithm…" becomes "____ is an algorithm…").
2. Candidate cards are ranked by a weighted blend of rapidfuzz similarity signals: term ↔
   term, definition ↔ definition, how much the candidate's term echoes the stem, same topic,
   shared tags and similar option length.
3. Candidates that would make a second right answer or a free elimination are dropped:
   near-duplicates and aliases of the key, `related` cards, cross-reference cards ("See X",
   "Sinónimo de X") pointing at the key or at what it points at, cards named in the stem,
   options that would read alike another option.
4. A whole distractor set is drawn among the best candidates with an RNG seeded by
   (seed, card, direction, options), weighted by relevance and by whether the key lands
   where the draw wants it on each surface cue a learner who knows nothing would use
   (longest option, most like the stem, most words shared with the stem, odd one out,
   only option with a blank), so that none of them beats chance over a deck.

Everything here is pure: no I/O, no Textual; the same deck, card, direction, seed and
option count always give the same question.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import random
import re
import unicodedata
from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from rapidfuzz.utils import default_process

from exam_sim.models import Card, CardKind, Deck, Direction, Question

BLANK = "____"
MIN_OPTIONS = 2
MAX_OPTIONS = 6
DEFAULT_OPTIONS = 4

# Signal weights, tuned with benchmarks/quality.py on the bundled deck (docs/generator.md).
# Each signal is scaled to 0..1; the topic weight is large on purpose: a real exam's wrong
# options come from the same domain as the right one.
WEIGHTS: dict[Direction, dict[str, float]] = {
    Direction.DEFINITION_TO_TERM: {
        "term": 0.20, "definition": 0.30, "stem": 0.20, "topic": 0.35, "tags": 0.15,
        "length": 0.10, "question": 0.0,
    },
    Direction.TERM_TO_DEFINITION: {
        "term": 0.15, "definition": 0.30, "stem": 0.75, "topic": 0.35, "tags": 0.15,
        "length": 0.25, "question": 0.0,
    },
    Direction.QUESTION_TO_ANSWER: {
        "term": 0.10, "definition": 0.30, "stem": 0.10, "topic": 0.35, "tags": 0.15,
        "length": 0.25, "question": 0.20,
    },
}  # fmt: skip
# Softmax temperature on the summed relevance of a distractor set: lower = always the top few.
TEMPERATURE = 0.10
# Weight factor per surface cue on which the key lands at its drawn rank (see _sample).
RANK_MATCH = 10.0
# Relative chance that a question lets the key top a cue (1.0 = uniform; see _top_chance).
# Per cue: length, partial_ratio to the stem, words shared with the stem, odd one out.
TOP_RANK_SHARE = (1.0, 0.5, 0.3, 1.0)
# Weight factor when the key would be the only option with a blank.
LONE_BLANK = 0.2
# Candidates kept for the set draw, per option count: every set of options-1 of them is
# weighed, so the shortlist shrinks as sets grow (at most ~330 sets).
SHORTLIST = {2: 12, 3: 12, 4: 12, 5: 11, 6: 10}
CONSIDERED = 40  # eligible candidates, by relevance, looked at for the shortlist

# Thresholds that decide "the same thing" (a distractor would be a second right answer).
SAME_DEFINITION_RATIO = 88.0  # fuzz.ratio of folded definitions
# Above this deck size, candidates are gathered from indexes instead of scoring every card
# with every signal (the one scan left is term ↔ term over the key's topic, in rapidfuzz).
FULL_SCAN_LIMIT = 400
TERM_SCAN_LIMIT = 60  # best term look-alikes kept from the scan
POSTINGS_CAP = 2000  # longer posting lists are too common a word to say anything
GATHER_LIMIT = 60  # best definition / stem neighbours kept from the word indexes
TOPIC_SAMPLE = 30  # random same-topic cards added to the pool of a large deck

_WORD = re.compile(r"[^\W_]+")
# Characters that may sit inside one multi-word name: "k-means", "Amazon Lex", "Lex's".
_JOINERS = frozenset(" -\u2010\u2011\u2013_/.'\u2019\u00b7\u00a0")
_COMPARISON = re.compile(r"\s+(?:vs\.?|v\.s\.?|versus|&|\+)\s+|\s*/\s*", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_XREF = re.compile(
    r"^(?:see also|see|synonym for|synonym of|synonymous with|same as|also known as|aka|"
    r"short for|abbreviation for|abbreviation of|sinonimo de|consulta tambien|consulta|"
    r"consulte|vease tambien|vease|ver tambien|ver|abreviatura de|voir aussi|voir|"
    r"synonyme de|siehe auch|siehe|cf)\s+(?P<target>.+)$"
)
_XREF_STARTS = (
    "see", "syn", "sin", "same", "also", "aka", "short", "abbr", "cons", "vea", "ver", "voir",
    "siehe", "cf",
)  # fmt: skip
_ARTICLES = frozenset("the a an el la los las lo un una unos unas le les l".split())  # noqa: SIM905
_TARGET_SPLIT = re.compile(r"\s+(?:and|or|y|o|e|u)\s+|\s*,\s*")
_YES_NO = {
    "yes": "no", "no": "yes", "true": "false", "false": "true", "si": "no", "sí": "no",
    "correct": "incorrect", "incorrect": "correct", "oui": "non", "non": "oui",
}  # fmt: skip
_STOPWORDS = frozenset(
    """a an the of to in on for and or nor with by from at as is are be been being was were
    it its this that these those which who whom whose what when where how why can could may
    might will would shall should must into onto over under than then there their they them
    we you your our us i he she his her not no but if so such also other others each any all
    more most less very using use used uses based between about after before during through
    per via within without up out do does did has have had one two e g eg ie etc vs
    el la los las lo un una unos unas de del al y o u e en por para con sin que se su sus es
    son como le les mas menos este esta estos estas ese esa esos esas eso esto muy tambien
    entre sobre cuando donde cual cuales ya si ha han puede pueden ser esta estan hay fue
    tu tus mi mis nos""".split()  # noqa: SIM905
)


class GeneratorError(ValueError):
    """A question that cannot be built (too few cards, unknown card, impossible direction)."""


# --------------------------------------------------------------------------- text helpers


# Combining marks left by NFKD ("é" → "e" + U+0301): the Unicode combining-mark blocks.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@functools.lru_cache(maxsize=8192)
def _fold_text(text: str) -> str:
    """Lower case, accents removed (same letters as `exam_sim.text.fold`), ASCII fast path.
    Cached: the same stems and options are folded again for every candidate."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


@functools.lru_cache(maxsize=2048)
def _folded_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """`_fold_text` plus, for non-ASCII text, the original index of every folded character
    (folding can change lengths: "é" → "e", "ß" → "ss"), so masks land on the original."""
    if text.isascii():
        return text.lower(), None
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if _COMBINING.match(part):
                continue
            for folded in part.casefold():
                out.append(folded)
                where.append(index)
    return "".join(out), where


def _words(text: str) -> list[str]:
    """Folded word tokens; underscores separate words, so a blank is never a word."""
    return _WORD.findall(_fold_text(text))


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(_fold_text(text)) if w not in _STOPWORDS]


def _norm(text: str) -> str:
    """Folded words joined by single spaces: the string rapidfuzz compares."""
    return " ".join(_WORD.findall(_fold_text(text)))


def _singular(word: str) -> str:
    if word.endswith("es") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and len(word) > 3:
        return word[:-1]
    return word


def _forms(tokens: Sequence[str]) -> set[str]:
    """Spellings of a run of words that count as the same name: joined without separators
    ("word 2 vec" = "word2vec"), with simple plurals removed from the end or from every word
    ("LSTMs" = "LSTM", "redes neuronales" = "red neuronal")."""
    joined = "".join(tokens)
    forms = {joined}
    # A word "es" is not an ending: in "la pérdida L1 es menos…" it is not a plural of
    # "L1". A lone "s" is the possessive of "Amazon Lex's", and goes with the name.
    standalone_es = bool(tokens) and tokens[-1] == "es"
    for suffix in ("s", "es"):
        if standalone_es:
            break
        if joined.endswith(suffix) and len(joined) > len(suffix) + 2:
            forms.add(joined[: -len(suffix)])
    if len(tokens) > 1:
        forms.add("".join(t[:-1] if t.endswith("s") and len(t) > 3 else t for t in tokens))
        forms.add("".join(t[:-2] if t.endswith("es") and len(t) > 4 else t for t in tokens))
        # Each word singular on its own: "modelos lineales" (s, es) = "modelo lineal".
        forms.add("".join(_singular(t) for t in tokens))
    return forms


def _name_forms(names: Iterable[str]) -> frozenset[str]:
    forms: set[str] = set()
    for name in names:
        tokens = _words(name)
        if tokens and len("".join(tokens)) >= 2:
            forms |= _forms(tokens)
            forms |= _singular_forms(tokens)
    return frozenset(f for f in forms if len(f) >= 2)


def _singular_forms(tokens: Sequence[str]) -> set[str]:
    """What `_forms` makes of this name written with any plural ending on any of its words
    (each word as is, + "s" or + "es"), once every word is made singular on its own: so a
    text run meets its name in that one spelling ("clases sociales" = "clase social")."""
    if len(tokens) < 2 or len(tokens) > 6:
        return set()
    options = [{_singular(t), _singular(t + "s"), _singular(t + "es")} for t in tokens]
    return {"".join(choice) for choice in itertools.product(*options)}


def _comparison_parts(term: str) -> tuple[str, ...]:
    """The sides of a comparison card: "CPU vs GPU" → ("CPU", "GPU"); "A/B" stays whole."""
    pieces = [p.strip() for p in _COMPARISON.split(term) if p and p.strip()]
    if len(pieces) < 2 or any(len(_norm(p).replace(" ", "")) < 3 for p in pieces):
        return ()
    return tuple(pieces)


@dataclass(frozen=True, slots=True)
class _Token:
    word: str
    start: int  # in the folded text
    end: int


def _tokens(folded: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]


def _joinable(folded: str, left: _Token, right: _Token) -> bool:
    gap = folded[left.end : right.start]
    return len(gap) <= 3 and all(ch in _JOINERS for ch in gap)


def mask_names(text: str, names: Iterable[str]) -> str:
    """Replace every mention of `names` in `text` by a blank, whatever the case, accents,
    hyphens, spaces or simple plural ("Word2Vec" hides "word2vec", "Word 2 Vec", "word2vecs")."""
    forms = _name_forms(names)
    if not forms:
        return text
    return _mask_forms(text, forms)


def _strip_s(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _strip_es(word: str) -> str:
    return word[:-2] if word.endswith("es") and len(word) > 4 else word


@functools.lru_cache(maxsize=8192)
def _joined(text: str) -> tuple[tuple[str, dict[int, int], frozenset[int]], ...]:
    """The text's words joined without separators (as is, and with every word's plural
    ending stripped, like `_forms` does), each with {offset where word n starts: n} and
    the offsets where words end."""
    words = _WORD.findall(_fold_text(text))
    variants = []
    for strip in (None, _strip_s, _strip_es, _singular):
        pieces = words if strip is None else [strip(w) for w in words]
        starts: dict[int, int] = {}
        ends: set[int] = set()
        offset = 0
        for n, piece in enumerate(pieces):
            starts[offset] = n
            offset += len(piece)
            ends.add(offset)
        variants.append(("".join(pieces), starts, frozenset(ends)))
    return tuple(variants)


def _first_words(text: str, forms: Iterable[str]) -> set[int]:
    """Indexes of the words where a mention of a form could start: the form occurs in the
    joined words from a word start to a word end (a plural ending allowed). Every mention
    `_forms` would accept starts at one of them, so an empty set rules mentions out."""
    found: set[int] = set()
    for joined, starts, ends in _joined(text):
        for form in forms:
            at = joined.find(form)
            while at >= 0:
                end = at + len(form)
                # "es" as a word of its own is not a plural ending (see `_forms`).
                if at in starts and (
                    end in ends
                    or (end + 1 in ends and joined[end] == "s")
                    or (end + 2 in ends and joined[end : end + 2] == "es" and end not in starts)
                ):
                    found.add(starts[at])
                at = joined.find(form, at + 1)
    return found


def _mention_spans(text: str, forms: frozenset[str]) -> tuple[str, list[int] | None, list]:
    """Spans (in the folded text) of the mentions of `forms` in `text`, longest first
    from each start, with the folded text's map back to the original characters."""
    firsts = _first_words(text, forms) if forms else set()
    if not firsts:
        return "", None, []
    folded, where = _folded_with_offsets(text)
    tokens = _tokens(folded)
    max_len = max(len(f) for f in forms)
    spans: list[tuple[int, int]] = []
    next_free = 0
    for first in sorted(firsts):
        if first < next_free or first >= len(tokens):
            continue
        best_last = -1
        length = 0
        run: list[str] = []
        for last in range(first, min(len(tokens), first + 8)):
            if last > first and not _joinable(folded, tokens[last - 1], tokens[last]):
                break
            run.append(tokens[last].word)
            length += len(tokens[last].word)
            if length > max_len + 2 * len(run):  # each word may carry a plural ending
                break
            if not forms.isdisjoint(_forms(run)):
                best_last = last
        if best_last >= 0:
            spans.append((tokens[first].start, tokens[best_last].end))
            next_free = best_last + 1
    return folded, where, spans


def _mentions(text: str, forms: frozenset[str]) -> bool:
    """Does `text` name one of these forms (as whole words, see `_forms`)?"""
    return bool(_mention_spans(text, forms)[2])


def _mask_forms(text: str, forms: frozenset[str]) -> str:
    _, where, spans = _mention_spans(text, forms)
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
    return "".join(pieces)


class _Names:
    """Which card names a text mentions, remembered per set of forms."""

    def __init__(self, text: str) -> None:
        self.text = text

    def mentions(self, forms: frozenset[str]) -> bool:
        return _mentions(self.text, forms)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _spelled_alike(a: str, b: str) -> bool:
    """Two compact names that differ by a typo or a plural ("Sequence2Ssequence"), not by
    a meaningful character ("L1 regularization" vs "L2 regularization" stay different)."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 6 or _digits(a) != _digits(b):
        return False
    allowed = 2 if shortest >= 16 else 1
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


def _yes_no_word(answer: str) -> str | None:
    """The leading yes/no word of an answer ("No. SageMaker provisions…" → "No")."""
    match = re.match(r"\s*([^\W\d_]+)", answer)
    if not match:
        return None
    word = match.group(1)
    if _fold_text(word) not in _YES_NO:
        return None
    rest = answer[match.end() :].lstrip()
    if rest and rest[0] not in ".,;:!—–-(" and len(_words(answer)) > 1:
        return None  # "No matter what…" is not a no
    return word


def _flip_yes_no(word: str) -> str:
    opposite = _YES_NO[_fold_text(word)]
    if word.isupper() and len(word) > 1:
        return opposite.upper()
    if word[:1].isupper():
        return opposite.capitalize()
    return opposite


def _stable_seed(*parts: object) -> int:
    """A seed that is the same in every process (Python's str hash is salted per run)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


# --------------------------------------------------------------------------- deck index


class _DeckIndex:
    """Normalised strings, names, links and word indexes of one deck, built once."""

    def __init__(self, deck: Deck) -> None:
        cards = deck.cards
        self.cards = cards
        self.n = len(cards)
        self.position = {card.id: i for i, card in enumerate(cards)}
        self.term_norm = [_norm(c.term) for c in cards]
        self.def_norm = [_norm(c.definition) for c in cards]
        self.is_question = [c.kind is CardKind.QUESTION for c in cards]
        self.topic = [c.topic for c in cards]
        self.yes_no = [_yes_no_word(c.definition) if q else None
                       for c, q in zip(cards, self.is_question, strict=True)]  # fmt: skip
        # An option must say something on its own: two words at least, not a bare "No".
        self.option_ok = [
            len(d.split()) >= 2 and len(d.replace(" ", "")) >= 4 and yn is None
            for d, yn in zip(self.def_norm, self.yes_no, strict=True)
        ]
        self.by_topic: dict[str, list[int]] = {}
        for i, topic in enumerate(self.topic):
            if topic is not None:
                self.by_topic.setdefault(topic, []).append(i)
        self.related: dict[int, set[int]] = {}
        for i, card in enumerate(cards):
            for other in card.related:
                j = self.position.get(other)
                if j is not None and j != i:
                    self.related.setdefault(i, set()).add(j)
                    self.related.setdefault(j, set()).add(i)
        self._names_by_norm: dict[str, list[int]] | None = None
        self.same_group = self._cross_reference_groups()
        # In how many cards (term or definition) each word occurs, plurals folded.
        self.word_cards: Counter[str] = Counter()
        for term, definition in zip(self.term_norm, self.def_norm, strict=True):
            self.word_cards.update({_singular(w) for w in f"{term} {definition}".split()})
        self._mask: dict[int, frozenset[str]] = {}
        self._same: dict[tuple[int, int], bool] = {}
        self._forms: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        self._masked_definition: OrderedDict[int, str] = OrderedDict()
        self.large = self.n > FULL_SCAN_LIMIT
        if self.large:
            self._build_word_indexes()

    # -- cross references ("See X", "Sinónimo de X"): the card and X are the same thing

    def _cross_reference_groups(self) -> dict[int, frozenset[int]]:
        parent = list(range(self.n))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        linked = False
        for i, definition in enumerate(self.def_norm):
            for j in self._cross_reference_targets(i, definition):
                if j != i:
                    parent[find(i)] = find(j)
                    linked = True
        if not linked:
            return {}
        groups: dict[int, set[int]] = {}
        for i in range(self.n):
            groups.setdefault(find(i), set()).add(i)
        return {i: frozenset(g) for g in groups.values() if len(g) > 1 for i in g}

    def _cross_reference_targets(self, i: int, definition: str) -> list[int]:
        """Cards that card i's definition sends the reader to: its first sentence is
        "See X", "Synonym for X", "Sinónimo de X", "Consulta X"…"""
        if not definition.startswith(_XREF_STARTS):
            return []
        first = _SENTENCE.split(self.cards[i].definition.strip(), maxsplit=1)[0]
        match = _XREF.match(_norm(first))
        if not match or len(match["target"].split()) > 10:
            return []
        target = match["target"]
        found = self._resolve(target)
        if not found:
            for piece in _TARGET_SPLIT.split(target):
                found += self._resolve(piece)
        return found

    def _resolve(self, target: str) -> list[int]:
        if self._names_by_norm is None:  # built only for decks that have cross-references
            self._names_by_norm = {}
            for i, card in enumerate(self.cards):
                for name in card.names:
                    key = _norm(name)
                    if key:
                        self._names_by_norm.setdefault(key, []).append(i)
        words = target.split()
        while words and words[0] in _ARTICLES:
            words = words[1:]
        return list(self._names_by_norm.get(" ".join(words), ()))

    # -- names

    def forms(self, i: int) -> tuple[frozenset[str], frozenset[str]]:
        """(forms of the card's names, forms of the sides of a comparison term)."""
        cached = self._forms.get(i)
        if cached is None:
            card = self.cards[i]
            cached = (_name_forms(card.names), _name_forms(_comparison_parts(card.term)))
            self._forms[i] = cached
        return cached

    def mask_forms(self, i: int) -> frozenset[str]:
        """What to blank in this card's own text: its names, the sides of a comparison term,
        and any word of its term that no other card of the deck uses ("Lex" in "attach Lex
        to your application" names Amazon Lex as surely as "Amazon Lex" does)."""
        cached = self._mask.get(i)
        if cached is None:
            names, parts = self.forms(i)
            # A question card's front is a sentence, not a name: only its sides are masked.
            own = (
                set()
                if self.is_question[i]
                else {
                    word
                    for word in self.term_norm[i].split()
                    if len(word) >= 3
                    and not word.isdigit()
                    and word not in _STOPWORDS
                    and self.word_cards.get(_singular(word), 0) <= 1
                }
            )
            cached = names | parts | _name_forms(own)
            self._mask[i] = cached
        return cached

    def masked_definition(self, i: int) -> str:
        """The definition with the card's own names blanked (an option must not repeat them)."""
        masked = self._masked_definition.get(i)
        if masked is None:
            forms = self.mask_forms(i)
            definition = self.cards[i].definition
            masked = _mask_forms(definition, forms) if forms else definition
            self._masked_definition[i] = masked
            if len(self._masked_definition) > 50_000:
                self._masked_definition.popitem(last=False)
        return masked

    def same_thing(self, i: int, j: int) -> bool:
        """True when j may never be a wrong option next to i: same card, alias, near-duplicate
        name or definition, a `related` link, or one cross-reference group."""
        pair = (i, j) if i < j else (j, i)
        known = self._same.get(pair)
        if known is None:
            if len(self._same) > 200_000:
                self._same.clear()
            known = self._same[pair] = self._same_thing(i, j)
        return known

    def _same_thing(self, i: int, j: int) -> bool:
        if i == j or j in self.related.get(i, ()) or j in self.same_group.get(i, ()):
            return True
        names_i, parts_i = self.forms(i)
        names_j, parts_j = self.forms(j)
        if names_i & names_j or parts_i & names_j or names_i & parts_j:
            return True
        for a in names_i:
            for b in names_j:
                if abs(len(a) - len(b)) <= 2 and _spelled_alike(a, b):
                    return True
        return (
            fuzz.ratio(self.def_norm[i], self.def_norm[j], score_cutoff=SAME_DEFINITION_RATIO) > 0
        )

    # -- large decks: word → cards postings, so a question never compares against all cards
    # with the slow (long-string) scorers

    def _build_word_indexes(self) -> None:
        self.topic_terms = {
            topic: [self.term_norm[j] for j in members] for topic, members in self.by_topic.items()
        }

        def build(texts: list[str]) -> dict[str, array]:
            postings: dict[str, array] = {}
            for i, text in enumerate(texts):
                for word in set(text.split()):
                    if word in _STOPWORDS:
                        continue
                    bucket = postings.get(word)
                    if bucket is None:
                        postings[word] = bucket = array("i")
                    bucket.append(i)
            return postings

        self.def_postings = build(self.def_norm)
        self.term_postings = build(self.term_norm)


def _gather(postings: dict[str, array], words: Iterable[str], limit: int) -> list[int]:
    """Cards sharing the most informative words: rarest words first, common ones skipped."""
    lists = [postings[w] for w in set(words) if w in postings]
    lists = sorted((p for p in lists if len(p) <= POSTINGS_CAP), key=len)[:10]
    counts: Counter[int] = Counter()
    for plist in lists:
        counts.update(plist)
    return [i for i, _ in counts.most_common(limit)]


_INDEX_CACHE: OrderedDict[object, tuple[Deck, _DeckIndex]] = OrderedDict()
_INDEX_CACHE_SIZE = 4


def _content_key(deck: Deck) -> object:
    """Equal for decks with the same cards (a hash, so the cache holds no copy of them)."""
    content = hash(
        tuple(
            (c.id, c.term, c.definition, c.topic, c.tags, c.aliases, c.kind, c.related)
            for c in deck.cards
        )
    )
    return (deck.id, len(deck.cards), content)


def _index_for(deck: Deck) -> _DeckIndex:
    """The deck's index, built once: by identity first (cheap), then by content."""
    for key, (cached_deck, index) in _INDEX_CACHE.items():
        if cached_deck is deck:
            _INDEX_CACHE.move_to_end(key)
            return index
    key = _content_key(deck)
    hit = _INDEX_CACHE.get(key)
    if hit is not None:
        _INDEX_CACHE.move_to_end(key)
        return hit[1]
    index = _DeckIndex(deck)
    _INDEX_CACHE[key] = (deck, index)
    while len(_INDEX_CACHE) > _INDEX_CACHE_SIZE:
        _INDEX_CACHE.popitem(last=False)
    return index


# --------------------------------------------------------------------------- generator


@dataclass(slots=True)
class _Candidate:
    index: int
    relevance: float
    option: str = ""
    surface: tuple[float, ...] = ()


class QuestionGenerator:
    """Builds questions for one deck. Construction indexes the deck (cached per deck)."""

    def __init__(self, deck: Deck, *, options: int = DEFAULT_OPTIONS) -> None:
        if not MIN_OPTIONS <= options <= MAX_OPTIONS:
            raise GeneratorError(
                f"options must be between {MIN_OPTIONS} and {MAX_OPTIONS}, not {options}"
            )
        if len(deck.cards) < options:
            raise GeneratorError(
                f"deck {deck.id!r} has {len(deck.cards)} card{'s' * (len(deck.cards) != 1)}; "
                f"{options} options need at least {options}"
            )
        self.deck = deck
        self.options = options
        self._index = _index_for(deck)

    # -- what can be asked

    def directions_for(self, card_id: str) -> tuple[Direction, ...]:
        """Directions this card can be asked in, preferred first; () when it cannot be asked."""
        ix = self._index
        i = self._position(card_id)
        if ix.is_question[i]:
            if ix.yes_no[i] is not None:
                return (Direction.TRUE_FALSE,)
            return (Direction.QUESTION_TO_ANSWER,) if ix.option_ok[i] else ()
        if not ix.option_ok[i]:
            return ()
        return (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION)

    def _position(self, card_id: str) -> int:
        try:
            return self._index.position[card_id]
        except KeyError:
            raise GeneratorError(f"deck {self.deck.id!r} has no card {card_id!r}") from None

    # -- one question

    def question(self, card_id: str, direction: Direction, *, seed: int) -> Question:
        """The question for this card, direction and seed (always the same one)."""
        direction = Direction(direction)
        i = self._position(card_id)
        if direction not in self.directions_for(card_id):
            raise GeneratorError(f"card {card_id!r} cannot be asked as {direction.value}")
        rng = random.Random(_stable_seed(seed, card_id, direction.value, self.options))
        if direction is Direction.TRUE_FALSE:
            return self._true_false(i, rng, seed)
        ix = self._index
        card = ix.cards[i]
        if direction is Direction.DEFINITION_TO_TERM:
            stem = _mask_forms(card.definition, ix.mask_forms(i))
            if not _words(stem):
                raise GeneratorError(f"card {card_id!r}: its definition is only its own term")
            key_option = card.term
        else:
            stem = card.term
            key_option = ix.masked_definition(i)
            if not _words(key_option):
                raise GeneratorError(f"card {card_id!r}: its definition is only its own term")
        distractors = self._distractors(i, direction, stem, key_option, rng)
        if len(distractors) < self.options - 1:
            raise GeneratorError(
                f"card {card_id!r} has {len(distractors)} usable wrong option"
                f"{'s' * (len(distractors) != 1)} as {direction.value}; "
                f"{self.options} options need {self.options - 1}"
            )
        chosen = [_Candidate(i, 0.0, key_option), *distractors]
        rng.shuffle(chosen)
        answer = next(n for n, c in enumerate(chosen) if c.index == i)
        return Question(
            id=f"{card_id}:{direction.value}:{seed}",
            card_id=card_id,
            topic=card.topic,
            direction=direction,
            stem=stem,
            options=tuple(c.option for c in chosen),
            option_card_ids=tuple(ix.cards[c.index].id for c in chosen),
            answer=answer,
            explanations=tuple(_explain(ix.cards[c.index]) for c in chosen),
        )

    def _true_false(self, i: int, rng: random.Random, seed: int) -> Question:
        """ "True or false?" for a card whose answer is a bare yes/no: the stem shows either
        the card's yes/no or its opposite, each with probability ½."""
        ix = self._index
        card = ix.cards[i]
        word = ix.yes_no[i]
        assert word is not None  # directions_for only offers TRUE_FALSE then
        truthful = rng.random() < 0.5
        shown = word if truthful else _flip_yes_no(word)
        stem = f"True or false?\n{card.term}\nAnswer: {shown}"
        return Question(
            id=f"{card.id}:{Direction.TRUE_FALSE.value}:{seed}",
            card_id=card.id,
            topic=card.topic,
            direction=Direction.TRUE_FALSE,
            stem=stem,
            options=("True", "False"),
            option_card_ids=(card.id, card.id),
            answer=0 if truthful else 1,
            explanations=(_explain(card), _explain(card)),
        )

    # -- distractors

    def _eligible(self, j: int, direction: Direction) -> bool:
        ix = self._index
        if direction is Direction.DEFINITION_TO_TERM:
            return not ix.is_question[j]
        if direction is Direction.TERM_TO_DEFINITION:
            return not ix.is_question[j] and ix.option_ok[j]
        return ix.option_ok[j]

    def _pool(self, i: int, direction: Direction, stem: str, rng: random.Random) -> list[int]:
        """Candidate cards: all of them in a small deck; in a large one, the union of the
        best term look-alikes (one vectorised scan), definition and stem neighbours (word
        indexes) and a sample of the key's topic."""
        ix = self._index
        if not ix.large:
            return [j for j in range(ix.n) if j != i and self._eligible(j, direction)]
        pool: dict[int, None] = {}
        # One vectorised scan for look-alike names, over the key's topic when it has one
        # (distractors come from there anyway), else over every card.
        topic = ix.topic[i]
        members = ix.by_topic[topic] if topic is not None else None
        terms = ix.topic_terms[topic] if topic is not None else ix.term_norm
        for _, _, n in process.extract(
            ix.term_norm[i], terms, scorer=fuzz.ratio, processor=None,
            score_cutoff=30, limit=TERM_SCAN_LIMIT,
        ):  # fmt: skip
            pool[members[n] if members is not None else n] = None
        for j in _gather(ix.def_postings, ix.def_norm[i].split(), GATHER_LIMIT):
            pool[j] = None
        # Cards whose names share words with the stem or with the key's name, any topic.
        echo_words = ix.term_norm[i].split()
        if direction is Direction.DEFINITION_TO_TERM:
            echo_words += _norm(stem).split()
        for j in _gather(ix.term_postings, echo_words, GATHER_LIMIT // 2):
            pool[j] = None
        if members is not None:
            sample = members if len(members) <= TOPIC_SAMPLE else rng.sample(members, TOPIC_SAMPLE)
            for j in sample:
                pool[j] = None
        return [j for j in pool if j != i and self._eligible(j, direction)]

    def _distractors(
        self, i: int, direction: Direction, stem: str, key_option: str, rng: random.Random
    ) -> list[_Candidate]:
        ix = self._index
        pool = self._pool(i, direction, stem, rng)
        if not pool:
            return []
        ranked = self._rank(i, direction, stem, pool)
        shortlist_size = SHORTLIST[self.options]
        key_forms = ix.mask_forms(i)
        # The stem (or, asking a definition, the key's term) must not name a candidate.
        named = _Names(stem if direction is Direction.DEFINITION_TO_TERM else ix.cards[i].term)
        key_fold = _fold_option(key_option)
        considered: list[_Candidate] = []
        for candidate in ranked:
            j = candidate.index
            if ix.same_thing(i, j):
                continue
            names_j, _ = ix.forms(j)
            if direction is Direction.DEFINITION_TO_TERM:
                # The stem names this card, so it could not be the answer: a free elimination.
                if named.mentions(names_j):
                    continue
                candidate.option = ix.cards[j].term
            else:
                if named.mentions(names_j):
                    continue
                option = ix.masked_definition(j)
                # A definition that names the asked term is obviously not its definition.
                if _mentions(option, key_forms):
                    continue
                candidate.option = option
            if _fold_option(candidate.option) == key_fold or not _words(candidate.option):
                continue
            considered.append(candidate)
            if len(considered) >= CONSIDERED:
                break
        shortlist = _shortlist(considered, _surface(key_option, stem), stem, shortlist_size)
        return self._sample(stem, key_option, shortlist, rng)

    def _rank(self, i: int, direction: Direction, stem: str, pool: list[int]) -> list[_Candidate]:
        """Pool cards by relevance: the weighted blend of the similarity signals."""
        ix = self._index
        weights = WEIGHTS[direction]
        term_scores = _scores(ix.term_norm[i], [ix.term_norm[j] for j in pool], fuzz.WRatio)
        def_scores = _scores(ix.def_norm[i], [ix.def_norm[j] for j in pool], fuzz.token_set_ratio)
        if direction is Direction.DEFINITION_TO_TERM:
            echo_base = {_singular(w) for w in _content_words(stem)}
            key_length = len(ix.cards[i].term)
        else:
            echo_base = {_singular(w) for w in _content_words(ix.cards[i].term)}
            key_length = len(ix.cards[i].definition)
        topic = ix.topic[i]
        tags = set(ix.cards[i].tags)
        ranked: list[_Candidate] = []
        for n, j in enumerate(pool):
            if direction is Direction.DEFINITION_TO_TERM:
                words = {_singular(w) for w in _content_words(ix.cards[j].term)}
                echo = len(words & echo_base) / len(words) if words else 0.0
                length = len(ix.cards[j].term)
            else:
                # Substring test: cheap on long definitions, and "model" finds "models" too.
                definition = ix.def_norm[j]
                echo = sum(w in definition for w in echo_base) / max(len(echo_base), 1)
                length = len(ix.cards[j].definition)
            same_topic = 1.0 if topic is not None and ix.topic[j] == topic else 0.0
            other_tags = ix.cards[j].tags
            shared_tags = (
                len(tags.intersection(other_tags)) / len(tags.union(other_tags)) if tags else 0.0
            )
            length_sim = max(0.0, 1.0 - abs(math.log(max(length, 1) / max(key_length, 1))) / 1.4)
            relevance = (
                weights["term"] * term_scores[n] / 100
                + weights["definition"] * def_scores[n] / 100
                + weights["stem"] * echo
                + weights["topic"] * same_topic
                + weights["tags"] * shared_tags
                + weights["length"] * length_sim
                + weights["question"] * ix.is_question[j]
            )
            ranked.append(_Candidate(j, relevance))
        # Ties broken by position in the deck: the order is total, so results are stable.
        ranked.sort(key=lambda c: (-c.relevance, c.index))
        return ranked

    def _sample(
        self,
        stem: str,
        key_option: str,
        shortlist: list[_Candidate],
        rng: random.Random,
    ) -> list[_Candidate]:
        """Draw a whole distractor set from the shortlist.

        Every set of the right size without two options that read alike is weighted by
        exp(relevance / temperature), times RANK_MATCH for each surface cue on which the key
        lands at the rank the RNG drew for it. Drawing the key's rank uniformly per cue means
        a solver that picks the longest option (or the most stem-like, or the odd one out)
        is right about 1/options of the time, no more, and no less either (always making
        the key the shortest would be a cue of its own).
        """
        ix = self._index
        need = self.options - 1
        if len(shortlist) < need:
            return []
        members = [key_option, *(c.option for c in shortlist)]
        processed = [default_process(text) for text in members]
        surface = [_surface(key_option, stem), *(c.surface for c in shortlist)]
        blank = [BLANK in text for text in members]
        size = len(members)
        likeness = [[0.0] * size for _ in range(size)]
        for a in range(size):
            for b in range(a + 1, size):
                likeness[a][b] = likeness[b][a] = fuzz.ratio(processed[a], processed[b])
        folded = [_fold_option(text) for text in members]
        alike = {
            (a, b)
            for a in range(1, size)
            for b in range(a + 1, size)
            if folded[a] == folded[b]
            or ix.same_thing(shortlist[a - 1].index, shortlist[b - 1].index)
        }
        # Per cue, whether this question lets the key come out on top of it.
        on_top = [rng.random() < _top_chance(share, self.options) for share in TOP_RANK_SHARE]
        # Bit a of beats[cue] is set when member a scores above the key on that cue: the key
        # tops the cue in a set exactly when the set has none of those bits.
        beats = [
            sum(1 << a for a in range(1, size) if surface[a][cue] > surface[0][cue])
            for cue in range(3)
        ]
        blanks = sum(1 << a for a in range(1, size) if blank[a])
        relevance = [0.0, *(c.relevance for c in shortlist)]
        best = sum(relevance[1 : need + 1])
        sets: list[tuple[int, ...]] = []
        weights: list[float] = []
        for combo in itertools.combinations(range(1, size), need):
            if alike and any(pair in alike for pair in itertools.combinations(combo, 2)):
                continue
            bits = 0
            for a in combo:
                bits |= 1 << a
            weight = math.exp((sum(relevance[a] for a in combo) - best) / TEMPERATURE)
            for cue in range(3):
                if (not beats[cue] & bits) == on_top[cue]:
                    weight *= RANK_MATCH
            # Odd one out: the option least like the others (lowest summed likeness).
            key_likeness = sum(likeness[0][a] for a in combo)
            key_odd = all(
                likeness[a][0] + sum(likeness[a][b] for b in combo if b != a) >= key_likeness
                for a in combo
            )
            if key_odd == on_top[3]:
                weight *= RANK_MATCH
            if blank[0] and not blanks & bits:
                weight *= LONE_BLANK
            sets.append(combo)
            weights.append(weight)
        if not sets:
            return []
        picked = rng.choices(sets, weights=weights)[0]
        return [shortlist[a - 1] for a in picked]


def _fold_option(text: str) -> str:
    return " ".join(_words(text))


def _scores(query: str, choices: list[str], scorer: object) -> list[float]:
    """Score of `query` against every choice, in order: one vectorised rapidfuzz call."""
    scores = [0.0] * len(choices)
    for _, score, n in process.extract(query, choices, scorer=scorer, processor=None, limit=None):
        scores[n] = score
    return scores


def _top_chance(share: float, options: int) -> float:
    """How often a question lets the key top a surface cue (tied tops included). Below
    1/options on purpose: it pays back the questions where no candidate can beat the key
    (a term its own definition echoes), so that over a deck the key tops each cue about
    1/options of the time, as chance would have it."""
    return share / (share + options - 1)


def _surface(option: str, stem: str) -> tuple[float, ...]:
    """The cues a learner who knows nothing could pick on: length, likeness to the stem,
    content words shared with the stem."""
    stem_words = _stem_words(stem)
    return (
        float(len(option)),
        fuzz.partial_ratio(option, stem, processor=default_process),
        float(len(set(_content_words(option)) & stem_words)),
    )


@functools.lru_cache(maxsize=64)
def _stem_words(stem: str) -> frozenset[str]:
    return frozenset(_content_words(stem))


def _shortlist(
    considered: list[_Candidate], key_surface: tuple[float, ...], stem: str, size: int
) -> list[_Candidate]:
    """The most relevant candidates, plus, for each surface cue, the most relevant ones that
    score at least the key on it: without them the key could only be the top option on that
    cue, whatever rank the draw asks for."""
    for candidate in considered:
        candidate.surface = _surface(candidate.option, stem)
    chosen = considered[: max(size - 2 * len(key_surface), size // 2)]
    picked = {c.index for c in chosen}
    for _round in range(2):
        for cue, key_value in enumerate(key_surface):
            if len(chosen) >= size:
                break
            for candidate in considered:
                if candidate.index not in picked and candidate.surface[cue] >= key_value:
                    chosen.append(candidate)
                    picked.add(candidate.index)
                    break
    for candidate in considered:
        if len(chosen) >= size:
            break
        if candidate.index not in picked:
            chosen.append(candidate)
            picked.add(candidate.index)
    return chosen


def _explain(card: Card) -> str:
    return f"{card.term} — {card.definition}"


# --------------------------------------------------------------------------- public helpers

_GENERATOR_CACHE: OrderedDict[tuple[int, int], QuestionGenerator] = OrderedDict()


def generator_for(deck: Deck, options: int = DEFAULT_OPTIONS) -> QuestionGenerator:
    """A generator for this deck and option count; the deck's index is built only once."""
    key = (id(deck), options)
    cached = _GENERATOR_CACHE.get(key)
    if cached is not None and cached.deck is deck:
        _GENERATOR_CACHE.move_to_end(key)
        return cached
    generator = QuestionGenerator(deck, options=options)
    _GENERATOR_CACHE[key] = generator
    while len(_GENERATOR_CACHE) > 8:
        _GENERATOR_CACHE.popitem(last=False)
    return generator


def generate(
    deck: Deck,
    *,
    count: int | None = None,
    seed: int = 0,
    directions: Sequence[Direction] | None = None,
    options: int = DEFAULT_OPTIONS,
    topics: Sequence[str] | None = None,
) -> list[Question]:
    """Up to `count` questions (all askable cards when None), one per card, cards in a
    seeded random order. A card is asked in one of its directions allowed by `directions`
    (chosen by the seed); question cards are asked whatever the directions. `topics` keeps
    cards of those topic ids; distractors still come from the whole deck."""
    generator = generator_for(deck, options)
    allowed = set(Direction) if directions is None else {Direction(d) for d in directions}
    if allowed & {Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION}:
        allowed |= {Direction.QUESTION_TO_ANSWER, Direction.TRUE_FALSE}
    wanted_topics = None if topics is None else set(topics)
    cards = [card for card in deck.cards if wanted_topics is None or card.topic in wanted_topics]
    order = random.Random(_stable_seed("order", seed, deck.id, options))
    order.shuffle(cards)
    questions: list[Question] = []
    for card in cards:
        if count is not None and len(questions) >= count:
            break
        choices = [d for d in generator.directions_for(card.id) if d in allowed]
        if len(choices) > 1:
            first = random.Random(_stable_seed("direction", seed, card.id)).randrange(len(choices))
            choices = choices[first:] + choices[:first]
        for direction in choices:
            try:
                questions.append(generator.question(card.id, direction, seed=seed))
                break
            except GeneratorError:
                continue
    return questions


__all__ = [
    "BLANK",
    "MAX_OPTIONS",
    "MIN_OPTIONS",
    "GeneratorError",
    "QuestionGenerator",
    "generate",
    "generator_for",
    "mask_names",
]
