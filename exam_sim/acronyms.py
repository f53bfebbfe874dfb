"""Acronyms and their expansions, read with the lexicon's words: "OLTP" spelled out as
"Online transaction processing", "Virtual LAN" for VLAN, "Vd" for Volume of distribution.
The generator blanks them in a card's own stem (`DeckIndex.mask_forms`), so an acronym's
expansion never names the answer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from exam_sim.lexicon import fold, word_pattern, words

if TYPE_CHECKING:
    from exam_sim.models import Card

# Tokens with two capitals or more: the only ones `looks_like_acronym` can accept. Tried
# at word starts only (the lookbehind): a try inside a word can never succeed where one at
# its start failed, and trying there made this 2-3× slower.
_CAPITALISED = re.compile(r"(?<![^\W_])[^\W_]*[A-Z][^\W_]*[A-Z][^\W_]*")

_ROMAN = re.compile(r"[ivxl]+").fullmatch


def initials_match(
    acronym: str,
    tokens: Sequence[str],
    stopwords: frozenset[str],
    whole: frozenset[str] = frozenset(),
    joined: frozenset[int] = frozenset(),
    lowered: frozenset[str] = frozenset(),
) -> bool:
    """Do these words spell the acronym, each giving its initial and perhaps one later
    letter, its second only when an h ("oltp" ← "on line transaction processing" or "online
    transaction processing", "ssh" ← "secure shell"; "tid" ↚ "times a day");
    stop words may give a letter or be skipped ("bow" ← "bag of words"), numbers may give
    their digits or be skipped ("wpa2" ← "Wi-Fi Protected Access 2"), and so may a word
    of `lowered` (written in lower case) before a number the acronym writes ("pop3" ←
    "Post Office Protocol version 3"); a word of `whole`
    (written in capitals where it was found: an acronym itself) may give all its letters
    ("vlan" ← "virtual LAN", "pppoe" ← "PPP over Ethernet"); a word at a place of
    `joined` (after a hyphen inside a word: "Fi" in "Wi-Fi") may be skipped too; an "x"
    may come from "ex…" or "cross" ("xdr" ← "extended detection and response", "xss" ←
    "cross-site scripting")?"""
    # Every content word must give a letter, and the first word must start the acronym.
    if not acronym or not tokens or not _initial(tokens[0], acronym[0]):
        return False
    if len(acronym) > sum(max(2, len(w)) if w in whole or w.isdigit() else 2 for w in tokens):
        return False

    @functools.cache
    def fits(a: int, t: int) -> bool:
        if t == len(tokens):
            return a == len(acronym)
        word = tokens[t]
        # A stop word or a number may be passed over ("Angiotensin II receptor blocker").
        skippable = (
            word in stopwords or word.isdigit() or t in joined or (word in whole and _ROMAN(word))
        )
        if skippable and fits(a, t + 1):
            return True
        # A word in lower case that labels the number after it, in a name of capitals,
        # when the acronym writes that number ("version 3" of POP3: "version" gives no
        # letter; IPv6's gives its v). A word of the name itself ("Beta 3") gives one.
        number = tokens[t + 1] if t + 1 < len(tokens) else ""
        if (
            number.isdigit()
            and word in lowered
            and tokens[0] not in lowered
            and acronym.startswith(number, a)
            and fits(a, t + 1)
        ):
            return True
        given = word in whole or word.isdigit()
        if given and acronym.startswith(word, a) and fits(a + len(word), t + 1):
            return True
        if a >= len(acronym) or not _initial(word, acronym[a]):
            return False
        # One letter, or two: the initial and a later letter ("online" gives "ol"), one
        # that may start a compound's second word, so not the letter right after the
        # initial ("times a day" spells no TID) unless an h sounding with it (SSH, Shell).
        second = 1 if word[1:2] == "h" else 2
        return fits(a + 1, t + 1) or (
            a + 1 < len(acronym) and acronym[a + 1] in word[second:] and fits(a + 2, t + 1)
        )

    return fits(0, 0)


def _initial(word: str, letter: str) -> bool:
    """Can `word` give this letter as its initial ("x" for "extended" or "cross")?"""
    return word[0] == letter or (letter == "x" and (word.startswith("ex") or word == "cross"))


def joined_at(gaps: Sequence[str], start: int, end: int) -> frozenset[int]:
    """The places in tokens[start:end] of the words after a hyphen inside a word ("Fi" of
    "Wi-Fi"), `gaps` being what the text puts between each two of its words."""
    return frozenset(k - start for k in range(start + 1, end) if gaps[k - 1] == "-")


@functools.lru_cache(maxsize=16384)
def looks_like_acronym(name: str) -> bool:
    """ "OLTP", "PMF", "k-NN" (short, one token, mostly capitals in the original)."""
    compact = re.sub(r"[\W_]", "", name)
    if not 2 <= len(compact) <= 8 or not compact.isalnum():
        return False
    capitals = sum(ch.isupper() for ch in compact)
    return capitals >= 2 and capitals >= len(compact) - 2


def acronyms_in(text: str) -> list[str]:
    """The words that `text` writes as acronyms ("LAN" in "Virtual LAN"), as written."""
    return [t for t in _CAPITALISED.findall(text) if looks_like_acronym(t)]


def capitals_in(text: str) -> frozenset[str]:
    """The folded words that `text` writes as acronyms."""
    return frozenset(map(fold, acronyms_in(text)))


# A word of letters only (no digit, no "_"): what an expansion's words are read as.
LETTER_WORD = re.compile(r"[^\W\d_]+")


def lower_case_in(text: str) -> frozenset[str]:
    """The folded words that `text` writes in lower case ("version" in "Post Office
    Protocol version 3")."""
    return frozenset(fold(w) for w in LETTER_WORD.findall(text) if w.islower())


def acronym_mentions(
    text: str,
    names: Iterable[str],
    stopwords: frozenset[str],
    tokens: list[str] | None = None,
) -> list[str]:
    """The runs of `text` that spell out or abbreviate one of `names`: for an acronym name,
    the words that expand it ("Online Transaction Processing" for OLTP), the longest run
    from each start, within a sentence; for a name of several words, an acronym of it
    ("OLTP" for Online Transaction Processing). An expansion whose words commas separate
    ("Atomicity, consistency, isolation, durability") comes in its pieces, as a blank
    covers a name's words only where nothing but `NAME_JOINERS` stands between them.
    `tokens`, when the caller has them, are `words(text)`."""
    if tokens is None:
        tokens = words(text)
    if not tokens:
        return []
    found: list[str] = []
    raw_tokens = None
    whole: frozenset[str] | None = None
    gaps: list[str] = []
    lowered: frozenset[str] = frozenset()
    for name in names:
        name_tokens = words(name)
        if looks_like_acronym(name) and len(name_tokens) == 1:
            acronym = name_tokens[0]
            if whole is None:  # read once, for the first acronym name
                whole, gaps, lowered = capitals_in(text), _gaps(text, tokens), lower_case_in(text)
            start = 0
            while start < len(tokens):
                # The acronym itself, written in capitals, opens no expansion of it: "BAC -
                # AC" is no "BAC" ("Web Edge Backup" is a WEB).
                if (
                    not _initial(tokens[start], acronym[0])
                    or tokens[start] in stopwords
                    or (tokens[start] == acronym and acronym in whole)
                ):
                    start += 1
                    continue
                longest = start + 1  # the run's last word, at most: one sentence, a few words
                limit = min(len(tokens), start + 2 * len(acronym) + len(whole))
                while longest < limit and not _SENTENCE_END.search(gaps[longest - 1]):
                    longest += 1
                for end in range(longest, start + 1, -1):
                    run = tokens[start:end]
                    joined = joined_at(gaps, start, end)
                    # A run never ends on a word it may pass over ("… Computing in 2016").
                    passed = run[-1] in stopwords or (
                        run[-1].isdigit() and not acronym.endswith(run[-1])
                    )
                    if not passed and initials_match(
                        acronym, run, stopwords, whole, joined, lowered
                    ):
                        cuts = [k for k in range(start + 1, end) if not joins_names(gaps[k - 1])]
                        found.extend(
                            " ".join(tokens[a:b])
                            for a, b in zip([start, *cuts], [*cuts, end], strict=True)
                        )
                        start = end - 1  # a later start inside this run is part of it
                        break
                start += 1
        elif len(name_tokens) >= 2:
            if raw_tokens is None:
                raw_tokens = sorted(set(_CAPITALISED.findall(text)) | _symbols(text, stopwords))
            in_name = capitals_in(name)
            for token in raw_tokens:
                if (looks_like_acronym(token) or _SYMBOL(token)) and initials_match(
                    fold(token), name_tokens, stopwords, in_name
                ):
                    found.append(token)
    return list(dict.fromkeys(found))


# A two-letter symbol with one capital ("Vd" for volume of distribution): matched as an
# acronym only inside a sentence and when it is not a stop word ("An" opens sentences).
_SYMBOL = re.compile(r"[A-Z][a-z]").fullmatch
_SYMBOL_IN_TEXT = re.compile(r"(?<![^\W_])[A-Z][a-z](?![^\W_])")


def _symbols(text: str, stopwords: frozenset[str]) -> set[str]:
    found = set()
    for match in _SYMBOL_IN_TEXT.finditer(text):
        if fold(match.group()) in stopwords:
            continue
        before = match.start()
        while before and text[before - 1].isspace():
            before -= 1
        if before and text[before - 1] not in ".!?:":
            found.add(match.group())
    return found


# Characters that may stand inside one name of several words: "k-means", "Amazon Lex",
# "Lex's"; a comma or a colon ends it.
NAME_JOINERS = frozenset(" -\u2010\u2011\u2013_/.'\u2019\u00b7\u00a0")
# What ends a sentence (or a clause an expansion does not cross) between two words.
_SENTENCE_END = re.compile(r"[.!?;:](?:\s|$)|\n|[。！？；：]")


def joins_names(gap: str) -> bool:
    """May this text between two words stand inside one name?"""
    return len(gap) <= 3 and all(ch in NAME_JOINERS for ch in gap)


def _gaps(text: str, tokens: Sequence[str]) -> list[str]:
    """What `text` puts between each two of its words `tokens` (a sentence end between
    every two, when `tokens` are not that text's words: no expansion is found then)."""
    folded = fold(text)
    spans = [m.span() for m in word_pattern(folded).finditer(folded)]
    if len(spans) != len(tokens):
        return ["\n"] * (len(tokens) - 1)
    return [folded[spans[k - 1][1] : spans[k][0]] for k in range(1, len(spans))]


def spelled_out(term: str, definition: str, stopwords: frozenset[str]) -> str | None:
    """The acronym `term` (folded) when `definition` is nothing but its expansion ("DNS":
    "Domain Name System"), else None."""
    acronym = words(term)
    if len(acronym) != 1 or not looks_like_acronym(term.strip()):
        return None
    return acronym[0] if spells(acronym[0], definition, stopwords) else None


def spells(acronym: str, text: str, stopwords: frozenset[str]) -> bool:
    """Is `text` nothing but an expansion of `acronym` (folded), which it does not name?"""
    tokens = words(text)
    joined = joined_at(_gaps(text, tokens), 0, len(tokens))
    return acronym not in tokens and initials_match(
        acronym, tokens, stopwords, capitals_in(text), joined, lower_case_in(text)
    )


def expansions_apart(card: Card, other: Card, stopwords: frozenset[str]) -> bool:
    """Do two cards' definitions spell out two different acronyms? Then they name two
    things, however many words they share ("Hypertext Transfer Protocol", "Simple Mail
    Transfer Protocol"): neither could answer for the other."""
    mine = spelled_out(card.term, card.definition, stopwords)
    theirs = mine and spelled_out(other.term, other.definition, stopwords)
    return bool(theirs) and theirs != mine
