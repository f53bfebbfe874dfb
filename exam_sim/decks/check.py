"""`check_deck`: lint a deck for what makes bad multiple-choice questions.

Errors make the deck unusable for four-option questions (fewer than 4 cards). Warnings
point at cards that will produce weak or ambiguous questions, or that the generator keeps
apart (repeated terms or definitions).
Info is context that needs no action (a deck without topics, near-duplicates the deck
already declares `related`, which the generator never pits against each other).

Near-duplicate detection (`spellings.near_spellings`) is vectorised: up to
NEAR_EXACT_LIMIT names, every name is compared with all later names by one
`rapidfuzz.process.extract` call (C loop, `score_cutoff`), never a Python double loop;
above it, with its sorted neighbours only. Names, terms and definitions are folded a
column at a time (`bulk_text`).
"X vs Y" comparison cards are matched by dictionary lookup of their parts. Every pass
grows about linearly with the deck (docs/benchmarks.md, "Decks at scale").

Words are read as the generator reads them: comparisons and cross-references through
`exam_sim.lexicon`, cross-reference targets and overlapping definitions through the
generator's own `DeckIndex`, so the linter warns about exactly the pairs the generator
keeps apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from exam_sim.decks.bulk_text import (
    compact_all,
    comparison_parts_all,
    cross_references,
    fold_all,
    term_keys,
)
from exam_sim.decks.overlap import overlapping_pairs
from exam_sim.decks.spellings import near_spellings
from exam_sim.gc_pause import gc_paused
from exam_sim.generator.index import DeckIndex
from exam_sim.generator.index_cache import index_for
from exam_sim.generator.wording import definitions_overlap
from exam_sim.models import Card, CardKind, Deck
from exam_sim.text import fold, is_word_char

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
MIN_OPTIONS = 4
_MIN_NAME = 3  # shorter names ("AI") match too much text to be useful
GROUP_SHOWN = 8  # cards named in one finding of a group (its card ids hold them all)
# The first sentence of a definition, shown in a cross-reference finding.
_FIRST_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+|(?<=[。！？])")  # as the lexicon splits
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


def by_kind(findings: list[Finding]) -> str:
    """How many findings of each kind, errors first, then the most frequent: "123
    self-naming, 15 cross-reference, 1 no-topics" (140 lines of findings read at a glance)."""
    counts = Counter((SEVERITY_ORDER[f.severity], f.code) for f in findings)
    ordered = sorted(counts.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
    return ", ".join(f"{count} {code}" for (_, code), count in ordered)


def named(cards: Sequence[Card], group: Sequence[int]) -> str:
    """The cards of a group as a finding names them: the first GROUP_SHOWN, then how many
    more (a group can hold thousands; the finding's card ids still list every one)."""
    shown = ", ".join(label(cards[i]) for i in group[:GROUP_SHOWN])
    return shown + (f" and {len(group) - GROUP_SHOWN} more" if len(group) > GROUP_SHOWN else "")


def label(card: Card) -> str:
    """How a finding names a card: its term, and its line when the file said."""
    term = " ".join(card.term.split())
    if len(term) > 70:
        term = term[:69].rstrip() + "…"
    return f"'{term}' (line {card.line})" if card.line is not None else f"'{term}'"


def check_deck(deck: Deck) -> list[Finding]:
    """All findings, errors first, then warnings, then info."""
    with gc_paused():  # a large deck's passes make millions of objects and no cycles
        return _check(deck)


def _check(deck: Deck) -> list[Finding]:
    findings: list[Finding] = []
    if deck.items and not deck.cards:
        # A bank of authored items (Aiken, GIFT): no card to lint, nothing generated.
        from exam_sim.decks.item_lint import lint_items

        return sort_findings(lint_items(deck))
    # The generator's view of the deck (cached for the audit): its folded texts serve the
    # passes too.
    index = index_for(deck) if deck.cards else None
    texts = _Folded.of(deck, index)
    for lint in (
        _too_few_cards,
        _duplicate_terms,
        _near_duplicates,
        _duplicate_definitions,
        _self_naming,
        _question_cards,
        _short_answers,
    ):
        findings.extend(lint(deck, texts))
    if index is not None:
        # The definitions that pass the generator's cheap test (its index found them once),
        # then the rule itself.
        references = cross_references(index.definitions, index.maybe_references)
        findings.extend(_overlapping_definitions(deck, index, texts, references))
        findings.extend(_cross_references(deck, index, references))
        from exam_sim.decks.synonym_findings import stated_synonyms  # it imports from here

        findings.extend(stated_synonyms(deck, index, texts.definitions))
    findings.extend(_topics(deck))
    if deck.items:
        from exam_sim.decks.item_lint import lint_items  # it imports Finding from here

        findings.extend(lint_items(deck))
    return sort_findings(findings)


@dataclass(frozen=True)
class _Folded:
    """Each card's term key and folded definition, computed once for every pass (folding
    was most of the time `check` took on a large deck, done again in each pass)."""

    term_keys: list[str]
    definitions: list[str]
    names: list[tuple[str, ...]]  # the card's names folded, each once, the term's first
    parts: list[tuple[str, ...]]  # the sides of a comparison term ("X vs Y"), as written
    # The index's normalised definitions, made once for every pass (a very large deck's
    # index makes them only when asked).
    normed: list[str]

    @classmethod
    def of(cls, deck: Deck, index: DeckIndex | None) -> _Folded:
        """`index`: the generator's (None when the deck has no cards), whose normalised
        terms and definitions are mostly their folded forms already (`fold_all`)."""
        if index is None:
            return cls([], [], [], [], [])
        normed = list(index.def_norm)
        cards = deck.cards  # each column folded at once (`bulk_text`)
        terms = index.terms
        folded_terms = fold_all(terms, index.term_norm)
        aliases = fold_all([alias for card in cards for alias in card.aliases])
        names: list[tuple[str, ...]] = []
        taken = 0
        for card, term in zip(cards, folded_terms, strict=True):
            if card.aliases:
                after = taken + len(card.aliases)
                names.append(tuple(dict.fromkeys((term, *aliases[taken:after]))))
                taken = after
            else:
                names.append((term,))
        return cls(
            term_keys(terms, folded_terms),
            fold_all(index.definitions, normed),
            names,
            comparison_parts_all(terms),
            normed,
        )


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; the order within a severity is kept."""
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


def _too_few_cards(deck: Deck, texts: _Folded) -> list[Finding]:
    if len(deck.cards) >= MIN_OPTIONS:
        return []
    return [Finding("error", "too-few-cards",
                    f"the deck has {len(deck.cards)} card(s); a four-option question needs at "
                    f"least {MIN_OPTIONS}", tuple(c.id for c in deck.cards))]  # fmt: skip


def _duplicate_terms(deck: Deck, texts: _Folded) -> list[Finding]:
    """Cards whose terms fold to one ("ad" and "ad-", a word with two meanings). They
    load (ids are made unique) and the generator treats equal names as the same thing."""
    findings = []
    for group in _term_groups(texts):
        same_text = len({texts.definitions[i] for i in group}) == 1
        what = "the same term and definition" if same_text else "the same term"
        findings.append(
            Finding(
                "warning",
                "duplicate-term",
                f"{what} on {len(group)} cards: {named(deck.cards, group)}; "
                "they are never offered as options together"
                + ("; keep one of them" if same_text else ""),
                tuple(deck.cards[i].id for i in group),
            )
        )
    return findings


def _term_groups(texts: _Folded) -> list[list[int]]:
    return _groups(texts.term_keys)


def _groups(keys: list[str]) -> list[list[int]]:
    """The indexes of each key found more than once, in order of first appearance (only
    those are grouped: counting every key is done in C)."""
    repeated = {key for key, count in Counter(keys).items() if count > 1}
    if not repeated:
        return []
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if key in repeated:
            groups.setdefault(key, []).append(i)
    return list(groups.values())


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


def _near_duplicates(deck: Deck, texts: _Folded) -> list[Finding]:
    cards = deck.cards
    names: list[str] = []  # folded names
    owners: list[int] = []
    for index, folded in enumerate(texts.names):
        for name in folded:
            if len(name) >= _MIN_NAME:
                names.append(name)
                owners.append(index)
    pairs: dict[tuple[int, int], str] = {}

    keys = texts.term_keys

    def note(a: int, b: int, why: str) -> None:
        if a != b and keys[a] != keys[b]:  # equal terms are reported as duplicate-term
            pairs.setdefault((min(a, b), max(a, b)), why)

    # 1. Same spelling after folding and compacting ("Factorization Machines" is both a
    # term and the alias of "Factorization Machines (FMs)"): dictionary lookup.
    compacts = compact_all(names)
    by_compact: dict[str, int] = {}
    for name, key, owner in zip(names, compacts, owners, strict=True):
        if key in by_compact and by_compact[key] != owner:
            note(by_compact[key], owner, f"both answer to the name '{name}'")
        by_compact.setdefault(key, owner)

    # 2. Near-identical spellings (typos, plurals).
    for a, b, score in near_spellings(compacts):
        if owners[a] != owners[b] and not _distinct_concepts(names[a], names[b]):
            note(owners[a], owners[b], f"'{names[a]}' and '{names[b]}' are {score:.0f}% alike")

    # 3. Comparison cards ("Collaborative Filtering v.s. content-based filtering") overlap
    # every card they compare.
    by_name = {name: owner for name, owner in zip(names, owners, strict=True)}
    for index, written in enumerate(texts.parts):
        for part in map(fold, written):  # nearly always none: no generator made per card
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


def _duplicate_definitions(deck: Deck, texts: _Folded) -> list[Finding]:
    """One finding per group of cards sharing a definition ("phot-" and "phos-": "light").
    The generator counts identical definitions as the same thing, so such cards are never
    options next to each other."""
    cards = deck.cards
    return [
        Finding(
            "warning",
            "duplicate-definition",
            f"the same definition on {len(group)} cards: {named(cards, group)}; they are never "
            "offered as options together",
            tuple(cards[i].id for i in group),
        )
        for group in _groups(texts.definitions)
        if texts.definitions[group[0]]
        and len({texts.term_keys[i] for i in group}) > 1  # else a duplicate-term "same card"
    ]


def _self_names(names: tuple[str, ...], parts: tuple[str, ...]) -> list[str]:
    """The spellings a definition must not give away: term, aliases (`names`, folded),
    compared parts (`parts`, as written)."""
    folded = dict.fromkeys([*names, *(fold(part) for part in parts)])
    return [n for n in folded if len(n) >= _MIN_NAME or any(ch.isdigit() for ch in n)]


def _names_word(text: str, name: str) -> bool:
    """`name` occurs in `text` as whole words, optionally with a plural s/es (both folded)."""
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        before_ok = start == 0 or not is_word_char(text[start - 1])
        for plural in ("", "s", "es"):
            stop = end + len(plural)
            if (
                before_ok
                and text.startswith(plural, end)
                and (stop == len(text) or not is_word_char(text[stop]))
            ):
                return True
        start = text.find(name, start + 1)
    return False


def _self_naming(deck: Deck, texts: _Folded) -> list[Finding]:
    findings = []
    for i, (card, text) in enumerate(zip(deck.cards, texts.definitions, strict=True)):
        if card.kind is CardKind.QUESTION:
            continue  # an answer may well repeat the question's words
        names, parts = texts.names[i], texts.parts[i]
        if not parts and len(names) == 1 and names[0] not in text:
            continue  # its one name is nowhere in it (most cards)
        for name in _self_names(names, parts):
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


def _question_cards(deck: Deck, texts: _Folded) -> list[Finding]:
    """Question cards among terms, each a warning (a term may have been written as a
    question by mistake); in a question bank, where most cards are questions, one note."""
    asked = [card for card in deck.cards if card.kind is CardKind.QUESTION]
    if len(asked) * 2 > len(deck.cards):
        return [
            Finding(
                "info",
                "question-card",
                f"{len(asked)} of {len(deck.cards)} cards are questions (a question bank): "
                "each is asked as a question and never used as a wrong option",
                tuple(card.id for card in asked),
            )
        ]
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


def _short_answers(deck: Deck, texts: _Folded) -> list[Finding]:
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
        for card, text in zip(deck.cards, texts.definitions, strict=True)
        if card.kind is CardKind.QUESTION and text in _YES_NO
    ]


def _cross_references(deck: Deck, index: DeckIndex, references: frozenset[int]) -> list[Finding]:
    """Definitions that only send the reader elsewhere ("See X", "Sinónimo de X"), read by
    `exam_sim.lexicon.cross_reference_target`; X is resolved to cards by the generator's
    own index (names, aliases, names inside parentheses, "X and Y"), so every card named
    here is one the generator keeps apart from the referring card, and no other."""
    findings = []
    for i in sorted(references):
        card = deck.cards[i]
        targets = [deck.cards[j] for j in dict.fromkeys(index.cross_reference_targets(i)) if j != i]
        first_sentence = _FIRST_SENTENCE.split(card.definition.strip(), maxsplit=1)[0]
        first_sentence = first_sentence.strip().rstrip(".;:!?。！？").strip()
        points = ""
        if targets:
            named = ", ".join(label(t) for t in targets)
            them = "them" if len(targets) > 1 else "it"
            points = f"; it points to {named}: make it an alias there or declare {them} related"
        findings.append(
            Finding(
                "warning",
                "cross-reference",
                f"{label(card)} only refers to another card ('{first_sentence}'){points}",
                (card.id, *(t.id for t in targets)),
            )
        )
    return findings


def _overlapping_definitions(
    deck: Deck, index: DeckIndex, texts: _Folded, references: frozenset[int]
) -> list[Finding]:
    """Cards whose definitions overlap so much that one could answer for another (the
    generator's `definitions_overlap` on their word stems: one's stems contain the
    other's, or a short definition shares half of its stems with the other). The generator
    never offers them as options together. One finding per group: the card with the
    smaller definition (the vaguer one: "Colección de ejemplos.") and every card it
    overlaps. Not reported here: overlap that only the cards' own names make (that is
    `self-naming`), equal terms or definitions (`duplicate-term`, `duplicate-definition`),
    declared `related` pairs and cross-references (`cross-reference`)."""
    cards = deck.cards
    keys, folded = texts.term_keys, texts.definitions
    lexicon = index.lexicon
    own_stems: dict[int, frozenset[str]] = {}

    def own(i: int) -> frozenset[str]:
        """The stems of the card's own names (and of the sides of a comparison term)."""
        if i not in own_stems:
            names = [*index.names(i), *texts.parts[i]]
            own_stems[i] = frozenset().union(*(lexicon.stems(name) for name in names))
        return own_stems[i]

    def unnamed_stems(i: int) -> frozenset[str]:
        """The definition's stems once its self-naming is set aside."""
        return index.def_stems(i) - own(i)

    def unnamed_pieces(i: int) -> tuple[frozenset[str], ...]:
        return tuple(piece - own(i) for piece in index.def_pieces(i))

    digit_in: dict[int, bool] = {}

    def numbered(i: int) -> bool:
        """May the definition say a number? In ASCII only 0-9 are digits (`str.isdigit`
        also takes "²"); without one, no two numbers can differ."""
        if i not in digit_in:
            text = index.def_norm[i]
            digit_in[i] = not text.isascii() or _DIGITS.search(text) is not None
        return digit_in[i]

    groups: dict[int, list[int]] = {}
    for i, j in overlapping_pairs(index, texts.normed):
        if (
            keys[i] == keys[j]
            or folded[i] == folded[j]
            or _related(cards[i], cards[j])
            or i in references
            or j in references
            or not definitions_overlap(
                unnamed_stems(i),
                unnamed_stems(j),
                lambda: (unnamed_pieces(i), unnamed_pieces(j)),  # noqa: B023 (called here)
            )
            or (numbered(i) and numbered(j) and index.numbers_differ(i, j))  # as it reads them
        ):
            continue
        hub, other = (j, i) if len(index.def_stems(j)) < len(index.def_stems(i)) else (i, j)
        groups.setdefault(hub, []).append(other)
    findings = []
    for hub in sorted(groups):
        others = sorted(groups[hub])
        whose = "that of" if len(others) == 1 else f"those of {len(others)} cards:"
        findings.append(
            Finding(
                "warning",
                "definition-overlap",
                f"the definition of {label(cards[hub])} overlaps {whose} "
                f"{named(cards, others)}; one could answer for another, so they are never "
                "offered as options together (say what sets each apart)",
                (cards[hub].id, *(cards[j].id for j in others)),
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
