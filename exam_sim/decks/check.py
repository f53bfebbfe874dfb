"""`check_deck`: lint a deck for what makes bad multiple-choice questions.

Errors make the deck unusable for four-option questions (fewer than 4 cards). Warnings
point at cards that will produce weak or ambiguous questions, or that the generator keeps
apart (repeated terms or definitions).
Info is context that needs no action (a deck without topics, near-duplicates the deck
already declares `related`, which the generator never pits against each other).

Near-duplicate detection is vectorised: every name is compared with all later names by
one `rapidfuzz.process.extract` call (C loop, `score_cutoff`), never a Python double loop;
"X vs Y" comparison cards are matched by dictionary lookup of their parts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from exam_sim.decks.common import term_key
from exam_sim.models import Card, CardKind, Deck
from exam_sim.text import compact, fold

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
MIN_OPTIONS = 4
_NEAR_RATIO = 92  # fuzz.ratio on compacted names: typos, plurals, hyphenation
_MIN_NAME = 3  # shorter names ("AI") match too much text to be useful
# Splits "CPU vs GPU", "A v.s. B", "A & B", "A/B" into the things compared.
_COMPARISON = re.compile(
    r"\s+(?:vs\.?|v\.s\.?|versus|compared (?:to|with)|frente a|and|&)\s+|\s*/\s*", re.IGNORECASE
)
_CROSS_REFERENCE = re.compile(
    r"^(?:see(?: also)?|synonym (?:for|of)|same as|another name for|short for|"
    r"abbreviation (?:for|of)|sinonimo de|consulta(?:r)?|vease|ver|abreviatura de|"
    r"otro nombre para|voir|siehe)\s+(?P<target>.+)$"
)
_ARTICLES = {"the", "a", "an", "el", "la", "los", "las", "lo", "un", "una", "le", "les",
             "der", "die", "das"}  # fmt: skip
_NEGATIONS = ("un", "non", "in", "dis", "im", "ir", "il", "de", "anti", "no", "mis")
# Answers that turn a question card into a true/false item (folded, as the generator
# reads them).
_YES_NO = {"yes", "no", "true", "false", "si", "correct", "incorrect", "oui", "non"}
_DIGITS = re.compile(r"\d+")
_NEGATION_WORDS = {"no", "not", "non", "sin", "ohne", "sans", "without"}
_OPPOSITES = {frozenset(p) for p in (("on", "off"), ("in", "out"), ("over", "under"),
              ("pre", "post"), ("up", "down"), ("min", "max"), ("in", "ex"))}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    message: str
    card_ids: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "card_ids": list(self.card_ids),
        }


def label(card: Card) -> str:
    """How a finding names a card: its term, and its line when the file said."""
    term = " ".join(card.term.split())
    if len(term) > 70:
        term = term[:69].rstrip() + "…"
    return f"'{term}' (line {card.line})" if card.line is not None else f"'{term}'"


def check_deck(deck: Deck) -> list[Finding]:
    """All findings, errors first, then warnings, then info."""
    findings: list[Finding] = []
    for lint in (
        _too_few_cards,
        _duplicate_terms,
        _near_duplicates,
        _duplicate_definitions,
        _self_naming,
        _question_cards,
        _short_answers,
        _cross_references,
        _topics,
    ):
        findings.extend(lint(deck))
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


def _too_few_cards(deck: Deck) -> list[Finding]:
    if len(deck.cards) >= MIN_OPTIONS:
        return []
    return [Finding("error", "too-few-cards",
                    f"the deck has {len(deck.cards)} card(s); a four-option question needs at "
                    f"least {MIN_OPTIONS}", tuple(c.id for c in deck.cards))]  # fmt: skip


def _duplicate_terms(deck: Deck) -> list[Finding]:
    """Cards whose terms fold to one ("ad" and "ad-", a word with two meanings). They
    load (ids are made unique) and the generator treats equal names as the same thing."""
    findings = []
    for cards in _term_groups(deck):
        same_text = len({fold(c.definition) for c in cards}) == 1
        what = "the same term and definition" if same_text else "the same term"
        findings.append(
            Finding(
                "warning",
                "duplicate-term",
                f"{what} on {len(cards)} cards: {', '.join(label(c) for c in cards)}; "
                "they are never offered as options together"
                + ("; keep one of them" if same_text else ""),
                tuple(c.id for c in cards),
            )
        )
    return findings


def _term_groups(deck: Deck) -> list[list[Card]]:
    groups: dict[str, list[Card]] = defaultdict(list)
    for card in deck.cards:
        groups[term_key(card.term)].append(card)
    return [cards for cards in groups.values() if len(cards) > 1]


def _related(a: Card, b: Card) -> bool:
    return b.id in a.related or a.id in b.related


def _distinct_concepts(a: str, b: str) -> bool:
    """True when two similar names still mean different things: one adds whole words to
    the other (a narrower concept, "regularization" / "L1 regularization"), or they differ
    by a negation, an antonym or a number ("labeled"/"unlabeled", "online"/"offline",
    "L1"/"L2")."""
    words_a, words_b = a.split(), b.split()
    set_a, set_b = set(words_a), set(words_b)
    if set_a < set_b or set_b < set_a:
        return True
    plain_a = [w for w in words_a if w not in _NEGATION_WORDS]
    plain_b = [w for w in words_b if w not in _NEGATION_WORDS]
    if (len(plain_a) != len(words_a)) != (len(plain_b) != len(words_b)):
        return True
    if len(plain_a) != len(plain_b):
        return False
    differing = [(x, y) for x, y in zip(plain_a, plain_b, strict=True) if x != y]
    if not differing:
        return False
    for x, y in differing:
        short, long = sorted((x, y), key=len)
        if _DIGITS.sub("#", x) == _DIGITS.sub("#", y):
            continue
        if any(long == prefix + short for prefix in _NEGATIONS):
            continue
        suffix = _common_suffix(x, y)
        if suffix and frozenset((x[: -len(suffix)], y[: -len(suffix)])) in _OPPOSITES:
            continue
        return False
    return True


def _common_suffix(x: str, y: str) -> str:
    n = 0
    while n < min(len(x), len(y)) and x[-1 - n] == y[-1 - n]:
        n += 1
    return x[len(x) - n :] if n else ""


def _near_duplicates(deck: Deck) -> list[Finding]:
    cards = deck.cards
    names: list[str] = []  # folded names
    owners: list[int] = []
    for index, card in enumerate(cards):
        for name in dict.fromkeys(fold(n) for n in card.names):
            if len(name) >= _MIN_NAME:
                names.append(name)
                owners.append(index)
    pairs: dict[tuple[int, int], str] = {}

    keys = [term_key(card.term) for card in cards]

    def note(a: int, b: int, why: str) -> None:
        if a != b and keys[a] != keys[b]:  # equal terms are reported as duplicate-term
            pairs.setdefault((min(a, b), max(a, b)), why)

    # 1. Same spelling after folding and compacting ("Factorization Machines" is both a
    # term and the alias of "Factorization Machines (FMs)"): dictionary lookup.
    by_compact: dict[str, int] = {}
    for name, owner in zip(names, owners, strict=True):
        key = compact(name)
        if key in by_compact and by_compact[key] != owner:
            note(by_compact[key], owner, f"both answer to the name '{name}'")
        by_compact.setdefault(key, owner)

    # 2. Near-identical spellings (typos, plurals), one C-level scan per name.
    compacts = [compact(n) for n in names]
    for a in range(len(names)):
        later = compacts[a + 1 :]
        for _, score, offset in process.extract(
            compacts[a], later, scorer=fuzz.ratio, score_cutoff=_NEAR_RATIO, limit=None
        ):
            b = a + 1 + offset
            if owners[a] != owners[b] and not _distinct_concepts(names[a], names[b]):
                note(owners[a], owners[b], f"'{names[a]}' and '{names[b]}' are {score:.0f}% alike")

    # 3. Comparison cards ("Collaborative Filtering v.s. content-based filtering") overlap
    # every card they compare.
    by_name = {name: owner for name, owner in zip(names, owners, strict=True)}
    for index, card in enumerate(cards):
        parts = [fold(p) for p in _COMPARISON.split(card.term)]
        if len(parts) < 2:
            continue
        for part in parts:
            other = by_name.get(part)
            if other is not None and other != index:
                note(other, index, f"one compares '{part}' with something else")

    findings = []
    for (a, b), why in sorted(pairs.items()):
        first, second = cards[a], cards[b]
        if _related(first, second):
            findings.append(
                Finding(
                    "info",
                    "near-duplicate",
                    f"{label(first)} and {label(second)} are near-duplicates "
                    f"({why}); declared related, so never options for each other",
                    (first.id, second.id),
                )
            )
        else:
            findings.append(
                Finding(
                    "warning",
                    "near-duplicate",
                    f"{label(first)} and {label(second)} are near-duplicates "
                    f"({why}); merge them or declare them related",
                    (first.id, second.id),
                )
            )
    return findings


def _duplicate_definitions(deck: Deck) -> list[Finding]:
    """One finding per group of cards sharing a definition ("phot-" and "phos-": "light").
    The generator counts identical definitions as the same thing, so such cards are never
    options next to each other."""
    groups: dict[str, list[Card]] = defaultdict(list)
    for card in deck.cards:
        groups[fold(card.definition)].append(card)
    return [
        Finding(
            "warning",
            "duplicate-definition",
            f"the same definition on {len(group)} cards: {', '.join(label(c) for c in group)}; "
            "they are never offered as options together",
            tuple(c.id for c in group),
        )
        for key, group in groups.items()
        if key
        and len(group) > 1
        and len({term_key(c.term) for c in group}) > 1  # else a duplicate-term "same card"
    ]


def _self_names(card: Card) -> list[str]:
    """The spellings a definition must not give away: term, aliases, compared parts."""
    names = [*card.names, *_COMPARISON.split(card.term)]
    folded = dict.fromkeys(fold(n) for n in names)
    return [n for n in folded if len(n) >= _MIN_NAME or any(ch.isdigit() for ch in n)]


def _names_word(text: str, name: str) -> bool:
    """`name` occurs in `text` as whole words, optionally with a plural s/es (both folded)."""
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        before_ok = start == 0 or not text[start - 1].isalnum()
        for plural in ("", "s", "es"):
            stop = end + len(plural)
            if (
                before_ok
                and text.startswith(plural, end)
                and (stop == len(text) or not text[stop].isalnum())
            ):
                return True
        start = text.find(name, start + 1)
    return False


def _self_naming(deck: Deck) -> list[Finding]:
    findings = []
    for card in deck.cards:
        if card.kind is CardKind.QUESTION:
            continue  # an answer may well repeat the question's words
        text = fold(card.definition)
        for name in _self_names(card):
            if _names_word(text, name):
                findings.append(
                    Finding(
                        "warning",
                        "self-naming",
                        f"the definition of {label(card)} names the term itself "
                        f"('{name}'); questions blank it out, which can read oddly",
                        (card.id,),
                    )
                )
                break
    return findings


def _question_cards(deck: Deck) -> list[Finding]:
    return [
        Finding(
            "warning",
            "question-card",
            f"{label(card)} is a question, not a term: it is asked as a question and never "
            "used as a wrong option",
            (card.id,),
        )
        for card in deck.cards
        if card.kind is CardKind.QUESTION
    ]


def _short_answers(deck: Deck) -> list[Finding]:
    """Question cards answered by a bare yes or no, which become true/false items. Short
    definitions ("alg-" = "pain") are fine: the generator asks them both ways, with wrong
    options of the same shape, so they are not reported."""
    return [
        Finding(
            "warning",
            "short-answer",
            f"{label(card)} is answered only '{card.definition}': it is asked as a true/false "
            "item (is the answer yes or no?), not with four options",
            (card.id,),
        )
        for card in deck.cards
        if card.kind is CardKind.QUESTION and fold(card.definition) in _YES_NO
    ]


def _cross_references(deck: Deck) -> list[Finding]:
    by_name: dict[str, Card] = {}
    for card in deck.cards:
        for name in card.names:
            by_name.setdefault(fold(name), card)
    findings = []
    for card in deck.cards:
        first_sentence = re.split(r"[.;:\n]", card.definition.strip(), maxsplit=1)[0]
        match = _CROSS_REFERENCE.match(fold(first_sentence))
        if not match:
            continue
        words = match["target"].split()
        while words and words[0] in _ARTICLES:
            words = words[1:]
        target = by_name.get(" ".join(words))
        ids: tuple[str, ...] = (card.id,)
        points = ""
        if target is not None and target.id != card.id:
            ids = (card.id, target.id)
            points = f"; it points to {label(target)}: make it an alias there or declare it related"
        findings.append(
            Finding(
                "warning",
                "cross-reference",
                f"{label(card)} only refers to another card ('{first_sentence.strip()}'){points}",
                ids,
            )
        )
    return findings


def _topics(deck: Deck) -> list[Finding]:
    findings = []
    if not deck.topics and not any(card.topic for card in deck.cards):
        return [Finding("info", "no-topics",
                        "the deck has no topics: drills by topic and per-topic scores need them "
                        "(import with --topic, or add [[topics]] in the TOML)")]  # fmt: skip
    untopiced = [card for card in deck.cards if card.topic is None]
    if untopiced:
        shown = ", ".join(label(c) for c in untopiced[:5])
        more = f" and {len(untopiced) - 5} more" if len(untopiced) > 5 else ""
        findings.append(
            Finding(
                "warning",
                "no-topic",
                f"{len(untopiced)} card(s) have no topic: {shown}{more}",
                tuple(c.id for c in untopiced),
            )
        )
    for topic_id, count in deck.topic_counts().items():
        if topic_id is not None and count < MIN_OPTIONS:
            members = tuple(c.id for c in deck.cards if c.topic == topic_id)
            findings.append(
                Finding(
                    "warning",
                    "small-topic",
                    f"topic '{deck.topic_name(topic_id)}' has {count} card(s): "
                    f"too few to fill four options from the topic alone",
                    members,
                )
            )
    return findings
