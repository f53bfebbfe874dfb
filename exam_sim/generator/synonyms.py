"""Synonyms a deck states itself: cards whose whole definitions another card lists as
one meaning ("quedar: to remain, to stay; to arrange to meet" makes *quedarse*, "to
stay", and *permanecer*, "to remain", one thing), and cards that give one alternative
alike ("llevar: to carry, to take; to wear" and "coger: to take, to grab": both mean "to
take"). Offered together, either would be a second right answer for the other; the first
share no word, and the second too few of their many, so no other test sees them.

A meaning is one piece of a definition between semicolons, and a list when it has two
alternatives or more between commas, each of a few words ("to know (people, places), to
meet": commas inside brackets do not count); for the glosses two cards give alike, every
piece of a definition made of short pieces counts, between semicolons too ("home;
family"). A card belongs to a meaning when its whole
definition says the same words as one of the alternatives (folded: `lexicon.words`),
brackets included: "to know (facts, how to)" is not "to know", "to take out" is not "to
take". Words are compared, not stems: "abolisher" is not "to abolish".

A card whose meaning is another card's term is that card's synonym as well ("courageous:
brave" beside "brave: ready to face danger"; "commence: to begin, especially formally"
beside "begin: to start"): asking one, the other's definition or term would be a second
right answer. Such a meaning is a short definition or a short piece of one without
sentence ends, between commas or semicolons, read as the term it names with a leading
article or "to" left out.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from exam_sim.generator.columns import chunks
from exam_sim.lexicon import ARTICLES, Lexicon, fold, norm
from exam_sim.term_labels import is_abbreviation, sense_key
from exam_sim.usage_labels import unlabelled

MOST_GIVING = 100  # cards giving one meaning: more are no synonyms of each other
ALTERNATIVE_WORDS = 4  # words at most in one alternative of a list
# A definition shaped like a list of short alternatives (no sentence ends), found in C
# before any Python looks at it: most definitions of a large deck are sentences.
_LIST_SHAPED = re.compile(r"[^.!?\n]{1,200}")
_SHORT = re.compile(r"[^,;.!?\n]{1,60}")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# A gloss that closes on a bracket saying which sense: "paragraph (passage in text)".
_QUALIFIED = re.compile(r"(?P<bare>[^()]*?\S)\s*\((?P<sense>[^()]+)\)")
# The last piece of an enumeration: "… and blue", "… or c" (English, Spanish, French,
# German, Italian and Portuguese), between two words or opening the piece.
_ENUMERATION_CLOSED = re.compile(r"(?:^|\s)(?:and|or|y|o|e|et|ou|und|oder)\s+\S", re.IGNORECASE)
_OPENED = re.compile(r"\((?P<sense>[^()]+)\)\s*(?P<bare>[^()]*\S)")  # "(my) older brother"
# Synonyms a definition names by a marker ("…; syn. intransigent", "Synonyms: brave,
# bold"), in English, Spanish, Italian, French, German and Russian: what follows, to a
# semicolon, a bracket or the line's end, names them.
_SYNONYMS_SAID = re.compile(
    r"""(?<![^\s;,.(\[])(?:syn(?:onyms?)?\s*[.:=]+ | synonymous\s+with | sin[óo]nimos?\s*: |
    sinonimi?\s*: | synonymes?\s*: | синонимы?\s*:)\s*(?P<names>[^;()\[\]\n]+)""",
    re.IGNORECASE | re.VERBOSE,
)
_MARKER_PARTS = ("yn", "YN", "inón", "inon", "INÓN", "INON", "иноним", "ИНОНИМ")  # cheap test
_NAME_SPLIT = re.compile(r"\s*(?:,|/|\bor\b|\bo\b|\bou\b|\boder\b|\bили\b)\s*")
_NONE_SAID: frozenset[str] = frozenset()


def _meanings(definition: str) -> list[list[str]]:
    """The definition's meanings (split at semicolons), each as its pieces (split at
    commas), neither split inside brackets, which stay in their piece, nor an enumeration
    closed by "and" or "or" ("red, green and blue"; "a, b or c"): one piece, whose first
    item is no gloss of its own ("red, yellow and blue" said "red" as "red, green and
    blue" did)."""
    hidden = _BRACKETS.sub(lambda m: m.group().replace(",", "\0").replace(";", "\1"), definition)
    meanings = []
    for meaning in hidden.split(";"):
        pieces = [p.strip().replace("\0", ",").replace("\1", ";") for p in meaning.split(",")]
        pieces = [p for p in pieces if p]
        if len(pieces) >= 2 and _ENUMERATION_CLOSED.search(_BRACKETS.sub("", pieces[-1])):
            pieces = [", ".join(pieces)]
        meanings.append(pieces)
    return meanings


def _listed(pieces: list[str]) -> bool:
    """Are these pieces a list: two at least, each of a few words?"""
    return len(pieces) >= 2 and all(len(p.split()) <= ALTERNATIVE_WORDS for p in pieces)


def senses_apart(definition: str, other: str, stopwords: frozenset[str]) -> bool:
    """Is each one word in a sense its parenthesis says, the same word in two senses
    ("to return (go back)", "to return (give back)": volver, devolver; "(my) older
    brother", "(someone else's) older brother": 兄, お兄さん)? Then they name two things,
    as two senses the terms name apart do (`term_labels.qualified_names`), however alike
    they read; not senses that differ by `stopwords` alone ("region of Italy", "region
    in Italy"). A parenthesis holding an abbreviation gives a name. Usage labels are no
    senses (`usage_labels.unlabelled`: "(humble)")."""
    if not (")" in definition and ")" in other):  # most: the cheap test
        return False
    one, two = _sense_of(unlabelled(definition)), _sense_of(unlabelled(other))
    if not (one and two) or fold(one[0]) != fold(two[0]):
        return False
    senses = (one[1].strip(), two[1].strip())
    if any(map(is_abbreviation, senses)):
        return False
    return sense_key(senses[0], stopwords) != sense_key(senses[1], stopwords)


def _sense_of(definition: str) -> tuple[str, str] | None:
    """(the word, its sense) of a gloss whose one parenthesis closes or opens it."""
    found = _QUALIFIED.fullmatch(definition) or _OPENED.fullmatch(definition)
    return (found["bare"], found["sense"]) if found else None


def notes_apart(definition: str, other: str, lexicon: Lexicon) -> bool:
    """Are both a short gloss closed by a note ("to fly (one direction, now)", "to go on
    foot (one direction, now)"; "to write (imperfective)", "to read (imperfective)"),
    the glosses before the notes sharing no stem? A note says how a word is used, not
    which word: two words with one note are two things, whatever the notes share."""
    if not (definition.endswith(")") and other.endswith(")")):  # most: the cheap test
        return False
    one, two = _QUALIFIED.fullmatch(definition), _QUALIFIED.fullmatch(other)
    if (
        not (one and two)
        or max(len(one["bare"].split()), len(two["bare"].split())) > ALTERNATIVE_WORDS
    ):
        return False
    bare, other_bare = lexicon.stems(one["bare"]), lexicon.stems(two["bare"])
    return bool(bare and other_bare) and bare.isdisjoint(other_bare)


def verbs_apart(definition: str, other: str) -> bool:
    """Is one a verb's gloss and the other not: "to work" and "work; job" (работать and
    работа, trabajar and trabajo), each piece of one opening with the infinitive's "to"
    and no piece of the other? Then they name two words, each the other's best wrong
    option, whatever stems they share. Short pieces only: a sentence says more."""
    said = [_verb_gloss(definition), _verb_gloss(other)]
    return None not in said and said[0] != said[1]


def _verb_gloss(definition: str) -> bool | None:
    pieces = [piece for meaning in _meanings(definition) for piece in meaning]
    if not pieces or any(len(piece.split()) > ALTERNATIVE_WORDS for piece in pieces):
        return None
    verbs = [piece.casefold().startswith("to ") for piece in pieces]
    return True if all(verbs) else False if not any(verbs) else None


def glosses(definition: str) -> list[str]:
    """Every piece of a definition that is a list of short glosses, between commas or
    semicolons outside brackets ("home; house; my place"); none for any other."""
    return _glosses_of(_meanings(definition))


def alternatives(definition: str) -> list[list[str]]:
    """The definition's meanings (split at semicolons), each as its alternatives (split
    at commas outside brackets), the meanings that are lists only."""
    return _alternatives_of(_meanings(definition))


def _glosses_of(meanings: list[list[str]]) -> list[str]:
    pieces = [piece for meaning in meanings for piece in meaning]
    return pieces if _listed(pieces) else []


def _alternatives_of(meanings: list[list[str]]) -> list[list[str]]:
    return [meaning for meaning in meanings if _listed(meaning)]


class _Words(dict[str, tuple[str, ...]]):
    """Each text's folded words, read once: the group builders read the same pieces."""

    def __init__(self, words_of: Callable[[str], list[str]]) -> None:
        super().__init__()
        self.words_of = words_of

    def __missing__(self, text: str) -> tuple[str, ...]:
        found = self[text] = tuple(self.words_of(text))
        return found


@dataclass(frozen=True, slots=True)
class SynonymGroup:
    """Cards (positions, in deck order) that are synonyms: their definitions are listed
    together by card `lister`; or the others give card `named`'s term as their meaning;
    or, when both are None, each gives the alternative `shared` (as the first of them
    writes it)."""

    cards: tuple[int, ...]
    lister: int | None = None
    shared: str = ""
    named: int | None = None


def synonym_groups(
    definitions: Sequence[str],
    words_of: Callable[[str], list[str]],
    terms: Sequence[str] = (),
) -> list[SynonymGroup]:
    """The cards that are synonyms by the deck's own lists (see the module): those whose
    definitions one card lists as one meaning, named by the first card listing them;
    those giving one alternative alike ("to take" in "to carry, to take; to wear" and in
    "to take, to grab"); and, given the folded `terms` (words joined by spaces), a card
    and those giving its term as their meaning. A group per set of cards."""
    list_shaped = (
        ("," in d or ";" in d) and _LIST_SHAPED.fullmatch(d) is not None for d in definitions
    )
    # Each list-shaped definition read into its meanings once, for both kinds of group.
    lists = {
        z: _meanings(definitions[z])
        for z in itertools.compress(range(len(definitions)), list_shaped)
    }
    # In C: most definitions of a large deck are sentences, and only short ones are read.
    short = list(itertools.compress(range(len(definitions)), map(_SHORT.fullmatch, definitions)))
    read = _Words(words_of)
    groups = {g.cards: g for g in _listed_groups(definitions, read, lists, short)}
    for group in _sense_groups(definitions, read, lists, short):
        groups.setdefault(group.cards, group)
    if terms:
        for group in _named_groups(definitions, read, terms, lists, short):
            groups.setdefault(group.cards, group)
    return sorted(groups.values(), key=lambda g: g.cards)


def _listed_groups(
    definitions: Sequence[str],
    read: _Words,
    lists: dict[int, list[list[str]]],
    short: list[int],
) -> list[SynonymGroup]:
    """The groups of listed meanings and of alternatives given alike (`synonym_groups`;
    `lists`: each list-shaped definition's meanings)."""
    meanings: dict[tuple[str, ...], list[int]] = defaultdict(list)  # words → meanings
    listers: list[int] = []  # the card of each meaning
    # words → the cards giving them as an alternative or as their whole definition, each
    # with the text as written there
    given: dict[tuple[str, ...], dict[int, str]] = defaultdict(dict)
    for z, its_meanings in lists.items():
        for pieces in _alternatives_of(its_meanings):
            for piece in pieces:
                words = read[piece]
                if words:
                    meanings[words].append(len(listers))
            listers.append(z)
        for piece in _glosses_of(its_meanings):  # a meaning alone between semicolons too
            words = read[piece]
            if words:
                given[words].setdefault(z, piece)
    if not meanings and not given:
        return []
    members: dict[int, set[int]] = defaultdict(set)  # meaning → cards saying one of it
    for x in short:
        words = read[definitions[x]]
        for listed in meanings.get(words, ()):
            members[listed].add(x)
        if words in given:
            given[words].setdefault(x, definitions[x].strip())
    groups: dict[tuple[int, ...], SynonymGroup] = {}
    for listed in sorted(members):
        cards = tuple(sorted(members[listed]))
        if len(cards) >= 2 and cards not in groups:
            groups[cards] = SynonymGroup(cards, lister=listers[listed])
    for by_card in given.values():
        cards = tuple(sorted(by_card))
        if len(cards) >= 2 and cards not in groups:
            groups[cards] = SynonymGroup(cards, shared=by_card[cards[0]])
    return list(groups.values())


def _sense_groups(
    definitions: Sequence[str],
    read: _Words,
    lists: dict[int, list[list[str]]],
    short: list[int],
) -> list[SynonymGroup]:
    """A card giving a word in one sense ("paragraph (passage in text)") is one with the
    cards giving the bare word ("section, paragraph, segment"), which says every sense of
    it: der Absatz and der Abschnitt each answer "paragraph". Two senses of one word
    ("to know (facts)", "to know (people)") stay two: a group per card giving a sense.
    Glosses of a list are read, and whole short definitions ("eagle (poetic)")."""

    def given() -> Iterator[tuple[int, str]]:
        yield from ((z, p) for z, meanings in lists.items() for p in _glosses_of(meanings))
        yield from ((x, definitions[x].strip()) for x in short)

    def qualified(piece: str) -> re.Match[str] | None:
        return _QUALIFIED.fullmatch(piece) if piece.endswith(")") else None  # cheap first

    # words → the cards giving them in one sense, then those giving them bare, as written
    senses: dict[tuple[str, ...], dict[int, str]] = defaultdict(dict)
    for card, piece in given():
        if (sense := qualified(piece)) and (words := read[sense["bare"]]):
            senses[words].setdefault(card, piece)
    if not senses:
        return []
    plain: dict[tuple[str, ...], dict[int, str]] = defaultdict(dict)
    for card, piece in given():
        if not qualified(piece) and (words := read[piece]) in senses:
            plain[words].setdefault(card, piece)
    groups = []
    for words, by_card in senses.items():
        bare = plain.get(words, {})
        for card in by_card:
            cards = tuple(sorted({card, *bare}))
            if len(cards) >= 2:
                groups.append(SynonymGroup(cards, shared=bare[min(bare)]))
    return groups


def _named_groups(
    definitions: Sequence[str],
    read: _Words,
    terms: Sequence[str],
    lists: dict[int, list[list[str]]],
    short: list[int],
) -> list[SynonymGroup]:
    """Per card whose term other cards give as their meaning (a short definition, or a
    short piece of one without sentence ends), it and them."""
    # The folded term a meaning would name → the cards giving it.
    giving: dict[str, set[int]] = defaultdict(set)
    pieces = itertools.chain(
        ((z, definitions[z]) for z in short),
        # Each piece of a definition without sentence ends, long pieces beside it or not
        # ("brief and to the point; laconic").
        ((z, piece) for z, meanings in lists.items() for meaning in meanings for piece in meaning),
    )
    for z, piece in pieces:
        found = read[piece]
        if not 0 < len(found) <= ALTERNATIVE_WORDS:
            continue
        giving[" ".join(found)].add(z)
        if len(found) > 1 and (found[0] in ARTICLES or found[0] == "to"):
            giving[" ".join(found[1:])].add(z)
    # A meaning more cards give than any list of synonyms holds is the deck's filler (a
    # placeholder, every card's "A"): no group. 10,000 cards "A" → "A" made one group a
    # card, each of 10,000 (10^8 steps).
    giving = {words: cards for words, cards in giving.items() if len(cards) <= MOST_GIVING}
    if not giving:
        return []
    named: dict[int, set[int]] = defaultdict(set)
    for start, texts in chunks(terms):  # a packed column's a chunk at a time, in C
        for x in itertools.compress(itertools.count(start), map(giving.__contains__, texts)):
            named[x].update(giving[texts[x - start]] - {x})
    return [
        SynonymGroup(tuple(sorted({x, *others})), named=x)
        for x, others in sorted(named.items())
        if others
    ]


def synonyms_said(definition: str) -> list[str]:
    """The synonyms a definition names by a marker ("(adj.) stubbornly refusing to
    change; syn. intransigent": intransigent; "Synonyms: brave, bold or daring"), each of
    a few words."""
    if not any(part in definition for part in _MARKER_PARTS):
        return []  # the cheap test first: most definitions name none
    names = []
    for found in _SYNONYMS_SAID.finditer(definition):
        for name in _NAME_SPLIT.split(found["names"].strip().rstrip(".")):
            name = name.strip(" \"'“”«».")
            if name and len(name.split()) <= ALTERNATIVE_WORDS:
                names.append(name)
    return names


class SaidSynonyms:
    """Are two cards synonyms because one's definition names the other by a marker
    (`synonyms_said`: "obdurate: …; syn. intransigent")? Read when a pair is asked
    (`DeckIndex.same_thing`), each card's once: markers are rare, and reading every
    definition of a 1M-card deck for them took 3 s."""

    def __init__(self, definitions: Sequence[str], names_of: Callable[[int], Sequence[str]]):
        self._definitions = definitions
        self._names_of = names_of
        self._said: dict[int, frozenset[str]] = {}

    def __call__(self, i: int, j: int) -> bool:
        said = self._said  # asked of every pair the generator weighs: the memo read inline
        said_i, said_j = said.get(i), said.get(j)
        said_i = self.said(i) if said_i is None else said_i
        said_j = self.said(j) if said_j is None else said_j
        if said_i is _NONE_SAID and said_j is _NONE_SAID:
            return False  # most cards name no synonym
        return bool(
            (said_i and not said_i.isdisjoint(map(norm, self._names_of(j))))
            or (said_j and not said_j.isdisjoint(map(norm, self._names_of(i))))
        )

    def said(self, i: int) -> frozenset[str]:
        """The names card i's definition gives as synonyms, folded (`lexicon.norm`), each
        also without its opening "to" or article."""
        known = self._said.get(i)
        if known is None:
            names = [norm(name) for name in synonyms_said(self._definitions[i])]
            # "to abate", "the brave": the name without its "to" or article too
            names += [n.partition(" ")[2] for n in names if n.partition(" ")[0] in _OPENERS]
            names = [n for n in names if n]
            known = frozenset(names) if names else _NONE_SAID
            if len(self._said) > 100_000:
                self._said.clear()
            self._said[i] = known
        return known


_OPENERS = ARTICLES | {"to"}


def synonym_memberships(groups: Sequence[SynonymGroup]) -> dict[int, frozenset[int]]:
    """Card → the numbers of the groups it is in (two cards are synonyms when they share
    one). Linear in the groups' sizes: a set of each card's synonyms was quadratic (a gloss
    that 1,500 cards of a 1M-card deck give alike made over a million pairs, 2 GB). Cards
    in the same groups share one set (a 1M-card deck's 48,000 cards in synonym groups had
    122 different ones: a set each took 10 MB)."""
    memberships: dict[int, set[int]] = defaultdict(set)
    for number, group in enumerate(groups):
        for card in group.cards:
            memberships[card].add(number)
    shared: dict[frozenset[int], frozenset[int]] = {}
    return {
        card: shared.setdefault(numbers, numbers)
        for card, numbers in zip(memberships, map(frozenset, memberships.values()), strict=True)
    }
