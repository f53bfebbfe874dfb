"""An acronym's card asked as what it stands for: "DNS" → "Domain Name System", among
expansions made of the deck's own words that spell DNS just as well ("Dynamic Name
System", "Domain Network Service").

A card whose definition only spells out its acronym cannot be asked as the other cards are:
among other cards' definitions it is the one option whose initials spell the asked
acronym, and from its definition the acronym among other acronyms gives itself away the
same way. Candidates learn these lists all the same (certification objectives end with
one), so the wrong options are made here: the key's words, one or a few of them swapped
for words of the deck that start with the same letter, preferring words of other
expansions and words spelled alike (rapidfuzz: "Transport" for "Transmission"). Each
made expansion must still spell the acronym and be no card's definition (a second right
answer: MAC is Media Access Control and Message Authentication Code). The set is drawn by
`comparisons.least_guessable`, so the key, which every swap starts from, is neither the
most central option nor the longest more often than chance.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from exam_sim.acronyms import LETTER_WORD, looks_like_acronym, spelled_out, spells
from exam_sim.generator.comparisons import PAIRINGS_TRIED, least_guessable
from exam_sim.generator.index import DeckIndex
from exam_sim.lexicon import fold, norm, words
from exam_sim.units import MADE_UP

SWAPPED_WORDS = 3  # at most, in one question's expansions
ALTERNATIVES_RANKED = 4  # best alternatives per word, among which the rng picks
NAME_WORDS = 6  # at most, in a name whose words may stand in an expansion
VOCABULARY_CARDS = 5_000  # cards read (an even sample, past this) for alternative words
# An alternative's rank: a word of another expansion reads as one, in the same place (the
# last word of a name is its head: "System", "Protocol"), spelled like the word it replaces.
FROM_EXPANSION, SAME_PLACE = 1.0, 0.5


@dataclass(frozen=True)
class Expansion:
    """Card i's definition, the expansion of its acronym, with the words that may be swapped."""

    acronym: str  # folded
    text: str  # as written
    slots: tuple[tuple[int, int], ...]  # the spans of its swappable words


@dataclass(frozen=True)
class _Word:
    shown: str  # as the deck writes it
    source: int  # a card it comes from
    expansion: bool  # from another expansion, not a name
    last: bool  # the last word of its name or expansion


class Expansions:
    """The expansion questions of one indexed deck (the deck's words read once, when the
    first is asked)."""

    def __init__(self, ix: DeckIndex) -> None:
        self._ix = ix
        self._of: dict[int, Expansion | None] = {}
        self._ranked: dict[int, list[list[_Word]]] = {}  # by card: the same for every seed

    def of(self, i: int) -> Expansion | None:
        """Card i's expansion when its definition only spells out its acronym, else None."""
        if i not in self._of:
            self._of[i] = self._expansion(i)
        return self._of[i]

    def _expansion(self, i: int) -> Expansion | None:
        ix = self._ix
        card = ix.cards[i]
        stop = ix.lexicon.stopwords
        acronym = None if ix.is_question[i] else spelled_out(card.term, card.definition, stop)
        if acronym is None or not ix.only_names_itself(i):
            return None
        definition = card.definition
        slots = tuple(
            m.span()
            for m in LETTER_WORD.finditer(definition)
            if _swappable(m.group(), stop) and not _labels_number(m.group(), definition, m.end())
        )
        return Expansion(acronym, card.definition, slots) if slots else None

    def wrong_expansions(self, i: int, count: int, rng: random.Random) -> list[tuple[str, str]]:
        """Up to `count` made expansions of card i's acronym, each with why it is wrong."""
        expansion = self.of(i)
        if expansion is None:
            return []
        ranked = self._ranked.get(i)
        if ranked is None:
            ranked = self._ranked[i] = self._ranked_alternatives(i, expansion)
        open_slots = [n for n, alternatives in enumerate(ranked) if alternatives]
        if not open_slots:
            return []
        swapped = sorted(rng.sample(open_slots, min(SWAPPED_WORDS, len(open_slots))))
        # Enough made expansions for a set, however few words are swapped: 2 alternatives
        # a word give 3**2 - 1 = 8 with two words, 1 gives 2**3 - 1 = 7 with three.
        each = {1: count + 1, 2: 2}.get(len(swapped), 1)
        choices = [[None, *rng.sample(ranked[n], min(each, len(ranked[n])))] for n in swapped]
        made: dict[str, str] = {}
        for combination in itertools.product(*choices):
            if any(combination):
                text, why = self._made(i, expansion, dict(zip(swapped, combination, strict=True)))
                if text is not None and text not in made:
                    made[text] = why
        if len(made) <= count:
            return list(made.items())
        every = list(made)
        if math.comb(len(every), count) <= PAIRINGS_TRIED:
            sets = list(itertools.combinations(every, count))
        else:
            sets = [tuple(rng.sample(every, count)) for _ in range(PAIRINGS_TRIED)]
        option_sets = _balanced([[expansion.text, *s] for s in sets])
        picked = option_sets[least_guessable(option_sets, rng)][1:]
        return [(text, made[text]) for text in picked]

    def _made(
        self, i: int, expansion: Expansion, swaps: dict[int, _Word | None]
    ) -> tuple[str | None, str]:
        """The expansion with these words swapped, and why it is wrong; None for the text
        when it no longer spells the acronym, is some card's definition, or says a word
        twice ("Shortest Shortest" for Secure Shell: none of the key's words repeats, so
        a repeat gives the option away)."""
        chosen = [fold(word.shown) for word in swaps.values() if word is not None]
        if len(set(chosen)) < len(chosen):
            return None, ""
        text = expansion.text
        borrowed: dict[str, list[str]] = {}  # by the term each word is from, in text order
        for n in sorted(swaps, reverse=True):  # from the end: the spans before stay true
            word = swaps[n]
            if word is None:
                continue
            start, end = expansion.slots[n]
            shown = _cased_like(word.shown, text[start:end])
            text = f"{text[:start]}{shown}{text[end:]}"
            borrowed.setdefault(self._ix.cards[word.source].term, []).insert(0, f"'{shown}'")
        ix = self._ix
        if norm(text) in self._deck_definitions or not spells(
            expansion.acronym, text, ix.lexicon.stopwords
        ):
            return None, ""
        # The key is shown beside it ("= DNS"): what is left to say is where the words are from
        # ("'bypass' and 'graft' are from CABG").
        said = [_from(shown, term) for term, shown in reversed(borrowed.items())]
        return text, f"{MADE_UP}{', '.join(said)}."

    def _ranked_alternatives(self, i: int, expansion: Expansion) -> list[list[_Word]]:
        """Each slot's best alternatives that, swapped alone, leave a right-looking
        expansion (one that spells the acronym: "Shell" gives SSH its H, which "Sockets"
        cannot)."""
        own = {self._ix.lexicon.stem(w) for w in words(expansion.text)}
        return [
            list(itertools.islice(
                (w for w in self._alternatives(expansion, slot, own)
                 if self._made(i, expansion, {n: w})[0] is not None),
                ALTERNATIVES_RANKED,
            ))
            for n, slot in enumerate(expansion.slots)
        ]  # fmt: skip

    def _alternatives(
        self, expansion: Expansion, slot: tuple[int, int], own: set[str]
    ) -> list[_Word]:
        """The deck's words that could stand in this slot, best first: the same initial,
        another stem than any of the expansion's own words (`own`; not yet checked to
        spell the acronym in its place)."""
        ix = self._ix
        original = fold(expansion.text[slot[0] : slot[1]])
        last = slot == expansion.slots[-1]
        scored = [
            (
                FROM_EXPANSION * word.expansion
                + SAME_PLACE * (word.last == last)
                + fuzz.ratio(original, folded) / 100,
                folded,
                word,
            )
            for folded, word in self._vocabulary.get(original[0], ())
            if ix.lexicon.stem(folded) not in own and not _forms_alike(original, folded)
        ]
        scored.sort(key=lambda s: (-s[0], s[1]))  # ties by the word: the same in every run
        return [word for _, _, word in scored]

    @functools.cached_property
    def _vocabulary(self) -> dict[str, list[tuple[str, _Word]]]:
        """Swappable words by initial, each once: the words of the definitions that spell
        out an acronym, and the words of the deck's names (of 2 to NAME_WORDS words) that
        the deck also writes in lower case somewhere: a common word ("Batch", "Store"),
        not a brand or a person ("Apache", "Kinesis", "Adleman" would give the made
        expansion away). Where most expansions are written in lower case ("blood
        pressure"), a word of one written capitalised is held to the same rule: "Glasgow"
        of Glasgow Coma Scale is a place's name ("arterial blood glasgow")."""
        ix = self._ix
        stop = ix.lexicon.stopwords
        found: dict[str, _Word] = {}
        in_lower_case: set[str] = set()
        lower = capitalised = 0  # the words of expansions, as written
        for j in range(0, ix.n, max(1, ix.n // VOCABULARY_CARDS)):
            card = ix.cards[j]
            in_lower_case.update(w for w in LETTER_WORD.findall(card.definition) if w.islower())
            texts = [(card.term, False)]
            if spelled_out(card.term, card.definition, stop):
                texts.append((card.definition, True))
            for text, expansion in texts:
                shown = [w for w in LETTER_WORD.findall(text) if _swappable(w, stop)]
                if (len(shown) < 2 and not expansion) or len(shown) > NAME_WORDS:
                    continue  # one word is no name of words; many, no name
                if expansion:
                    capitalised += sum(w[0].isupper() for w in shown)
                    lower += sum(w.islower() for w in shown)
                for n, word in enumerate(shown):
                    met = found.get(fold(word))
                    if met is None or (expansion and not met.expansion):
                        found[fold(word)] = _Word(word, j, expansion, n == len(shown) - 1)
        capital_is_a_name = lower > capitalised  # expansions in lower case: "Glasgow" is a name
        by_initial: dict[str, list[tuple[str, _Word]]] = {}
        for folded, entry in sorted(found.items()):
            maybe_a_name = not entry.expansion or (capital_is_a_name and entry.shown[0].isupper())
            if folded in in_lower_case or not maybe_a_name:  # a name: only if also common
                by_initial.setdefault(folded[0], []).append((folded, entry))
        return by_initial

    @functools.cached_property
    def _deck_definitions(self) -> frozenset[str]:
        return frozenset(self._ix.def_norm)


def _balanced(option_sets: list[list[str]]) -> list[list[str]]:
    """The sets (the key first in each) where the key shares no more words with the other
    options than each of them does: every made option starts from the key, so a guesser
    taking the option most like the rest ("convergence") would find it wherever words were
    swapped one at a time (3 swaps of one word each: the key shares 2 words with each
    other option, they share 1 with each other). Failing that, the sets where the key is
    neither the most nor the least alike; failing that, all."""
    shares = [_shared_words(options) for options in option_sets]
    even = [s for s, share in zip(option_sets, shares, strict=True) if len(set(share)) == 1]
    if even:
        return even
    between = [
        s
        for s, share in zip(option_sets, shares, strict=True)
        if min(share[1:]) < share[0] < max(share[1:])
    ]
    return between or option_sets


def _shared_words(options: list[str]) -> list[int]:
    """For each option, the words it shares with each other option, summed."""
    held = [set(words(option)) for option in options]
    return [
        sum(len(mine & theirs) for n, theirs in enumerate(held) if n != m)
        for m, mine in enumerate(held)
    ]


def _swappable(word: str, stopwords: frozenset[str]) -> bool:
    """A word an expansion may have swapped: 3 letters or more, no function word, no
    acronym of its own ("SSH" in "SSH File Transfer Protocol" stays)."""
    return len(word) >= 3 and fold(word) not in stopwords and not looks_like_acronym(word)


# What follows a word that labels a number: "version" in "Post Office Protocol version 3".
_NUMBER_AFTER = re.compile(r"\s+\d")


def _labels_number(word: str, text: str, end: int) -> bool:
    """Is `word` (ending at `end` of `text`) a word in lower case before a number? It names
    no letter of the acronym (`acronyms.initials_match` passes it over), and swapped
    ("virtual 3") it would read as no expansion ever does."""
    return word.islower() and _NUMBER_AFTER.match(text, end) is not None


def _forms_alike(word: str, other: str) -> bool:
    """Two forms of one word, as far as spelling tells ("secure", "security"; "socket",
    "sockets"): the same letters but for the last two of the shorter. Where the deck's
    language has no stemmer, swapping one for the other would make a near-right answer."""
    shorter = min(len(word), len(other))
    return shorter >= 5 and word[: shorter - 2] == other[: shorter - 2]


def _from(quoted: list[str], term: str) -> str:
    """ "'Wide' is from WAN", "'bypass' and 'graft' are from CABG"."""
    if len(quoted) == 1:
        return f"{quoted[0]} is from {term}"
    return f"{', '.join(quoted[:-1])} and {quoted[-1]} are from {term}"


def _cased_like(word: str, original: str) -> str:
    """`word` with the case of its first letter as `original` writes it."""
    first = word[0].upper() if original[0].isupper() else word[0].lower()
    return first + word[1:]
