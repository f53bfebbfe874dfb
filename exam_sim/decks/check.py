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

The passes over names are here; the passes over definitions are in
definition_findings.py and run after them, in the same process: a forked second process
saved a few seconds at a million cards but held a second copy of the deck (every object
it read, a page copied), 650 MB more in all (docs/benchmarks.md). What findings are and
how they name cards is in findings.py.

Words are read as the generator reads them: comparisons and cross-references through
`exam_sim.lexicon`, cross-reference targets and overlapping definitions through the
generator's own `DeckIndex`, so the linter warns about exactly the pairs the generator
keeps apart.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence

from rapidfuzz import fuzz

from exam_sim.decks.definition_findings import definition_findings
from exam_sim.decks.findings import (
    Finding,
    by_kind,
    declared_related,
    groups_by_hash,
    label,
    named,
    sort_findings,
    split_by_marks,
)
from exam_sim.decks.folded import Folded
from exam_sim.decks.kind_findings import few_of_a_kind
from exam_sim.decks.spellings import (
    NEAR_RATIO,
    Compacts,
    equal_spellings,
    near_spellings,
    spelling_order,
)
from exam_sim.gc_pause import gc_paused
from exam_sim.generator.columns import pick
from exam_sim.generator.comparisons import labelled_answer
from exam_sim.generator.contrasts import NEGATIONS, is_contrast
from exam_sim.generator.index_cache import index_for
from exam_sim.generator.wording import YES_NO
from exam_sim.models import Card, CardKind, CardPlaces, Deck
from exam_sim.text import FINAL_PARENTHESIS, fold, is_word_char, split_aliases
from exam_sim.units import counted, gives_topics
from exam_sim.usage_examples import without_example

# What check reports, also read from here (the commands, the tests).
__all__ = ["Finding", "by_kind", "check_deck", "sort_findings"]

MIN_OPTIONS = 4
_MIN_NAME = 3  # shorter names ("AI") match too much text to be useful
_DIGITS = re.compile(r"\d+")
_TYPO_RATIO = 60  # two words less alike (rapidfuzz) are two words, not one mistyped


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
    texts = Folded.of(deck, index)
    for lint in (
        _too_few_cards,
        _duplicate_terms,
        _near_duplicates,
        _self_naming,
        _question_cards,
        _short_answers,
    ):
        findings.extend(lint(deck, texts))
    if index is not None:
        findings.extend(definition_findings(deck, index, texts))
        findings.extend(few_of_a_kind(deck, index))
    findings.extend(_topics(deck))
    if deck.items:
        from exam_sim.decks.item_lint import lint_items  # it imports Finding from findings

        findings.extend(lint_items(deck))
    return sort_findings(findings)


def _too_few_cards(deck: Deck, texts: Folded) -> list[Finding]:
    if len(deck.cards) >= MIN_OPTIONS:
        return []
    return [Finding("error", "too-few-cards",
                    f"the deck has {counted(len(deck.cards), 'card')}; a four-option question "
                    f"needs at least {MIN_OPTIONS}", tuple(c.id for c in deck.cards))]  # fmt: skip


def _duplicate_terms(deck: Deck, texts: Folded) -> list[Finding]:
    """Cards whose terms fold to one ("ad" and "ad-", a word with two meanings). They
    load (ids are made unique) and the generator treats equal names as the same thing."""
    findings = []
    groups = (g for whole in _termgroups_of(texts) for g in split_by_marks(whole, texts.apart))
    for group in (g for g in groups if len(g) > 1):
        same_text = len({texts.definitions[i] for i in group}) == 1
        what = "the same term and definition" if same_text else "the same term"
        findings.append(
            Finding(
                "warning",
                "duplicate-term",
                f"{what} on {len(group)} cards: {named(deck.cards, group, deck.card_places)}; "
                "they are never offered as options together"
                + ("; keep one of them" if same_text else ""),
                tuple(deck.cards[i].id for i in group),
            )
        )
    return findings


def _termgroups_of(texts: Folded) -> list[list[int]]:
    keys = texts.term_keys
    return groups_by_hash(array("q", map(hash, keys)), lambda at: pick(keys, at))


def _distinct_concepts(a: str, b: str) -> bool:
    """True when two similar names still mean different things: one adds whole words to
    the other (a narrower concept, "regularization" / "L1 regularization"), or they differ
    by a negation, the sides of a contrast or a number ("labeled"/"unlabeled",
    "online"/"offline", "left"/"right", "L1"/"L2": `contrasts.is_contrast` as names read
    it, the generator's own list), or by a word put for another, no typo of it ("Ctrl
    Shift S" / "Ctrl Shift Esc")."""
    words_a, words_b = a.split(), b.split()
    set_a, set_b = set(words_a), set(words_b)
    if set_a < set_b or set_b < set_a:
        return True
    plain_a = [w for w in words_a if w not in NEGATIONS]
    plain_b = [w for w in words_b if w not in NEGATIONS]
    if (len(plain_a) != len(words_a)) != (len(plain_b) != len(words_b)):
        return True
    if len(plain_a) != len(plain_b):
        return False
    differing = [(x, y) for x, y in zip(plain_a, plain_b, strict=True) if x != y]
    if not differing:
        return False
    # A word written otherwise is a typo ("colour", "color"); one put for another ("Ctrl
    # Shift S", "Ctrl Shift Esc") names another thing.
    if any(fuzz.ratio(x, y) < _TYPO_RATIO for x, y in differing):
        return True
    return all(
        _DIGITS.sub("#", x) == _DIGITS.sub("#", y) or is_contrast(x, y, names=True)
        for x, y in differing
    )


def _compared(
    names: Sequence[str], owners: Sequence[int], parts: dict[int, tuple[str, ...]]
) -> Iterator[tuple[int, int, str]]:
    """(the card named, the comparison card, the side naming it) for each side of a
    comparison term (`parts`: by card, in order) that is another card's name. Few cards
    compare: only their sides' names are looked up (a dict of a million names took 100
    MB)."""
    compared = [(index, part) for index, written in parts.items() for part in map(fold, written)]
    sides = {part for _, part in compared}
    by_name: dict[str, int] = {}
    for name, owner in zip(names, owners, strict=True):
        if name in sides:
            by_name[name] = owner  # the last, as a dict of every name had it
    for index, part in compared:
        other = by_name.get(part)
        if other is not None and other != index:
            yield other, index, part


def _near_duplicates(deck: Deck, texts: Folded) -> list[Finding]:
    places = deck.card_places
    cards = deck.cards
    names = texts.names.flat(_MIN_NAME)  # folded, made when read
    owners = names.owners  # the card of each
    pairs: dict[tuple[int, int], tuple[str, str]] = {}

    keys = texts.term_keys

    def note(a: int, b: int, why: str, advice: str = _MERGE) -> None:
        # Equal terms are reported as duplicate-term; names told apart by their marks, not
        # at all (`split_by_marks`).
        if a != b and keys[a] != keys[b] and not texts.apart(a, b):
            pairs.setdefault((min(a, b), max(a, b)), (why, advice))

    # 1. Same spelling after folding and compacting ("Factorization Machines" is both a
    # term and the alias of "Factorization Machines (FMs)").
    compacts = Compacts(names)
    order = spelling_order(compacts)
    for earlier, later in equal_spellings(compacts, order):
        # A name of signs alone ("===", "!==") compacts to nothing: no spelling to share
        # (equal ones are `duplicate-term`s).
        if owners[earlier] != owners[later] and compacts[later]:
            a, b = owners[earlier], owners[later]
            note(
                a,
                b,
                f"both answer to the name '{names[later]}'",
                _sense_advice(cards, a, b, places),
            )

    # 2. Near-identical spellings (typos, plurals).
    for a, b, score in near_spellings(compacts, order):
        if (
            owners[a] != owners[b]
            and compacts[a]
            and not _distinct_concepts(names[a], names[b])
            and texts.alike(owners[a], owners[b], NEAR_RATIO)  # with their marks, if written
            and not texts.two_meanings(owners[a], owners[b])  # the generator's two words
        ):
            note(owners[a], owners[b], f"'{names[a]}' and '{names[b]}' are {score:.0f}% alike")

    del compacts, order

    # 3. Comparison cards ("Collaborative Filtering v.s. content-based filtering") overlap
    # every card they compare.
    for other, index, part in _compared(names, owners, texts.parts):
        note(other, index, f"one compares '{part}' with something else")

    findings = []
    for (a, b), (why, advice) in sorted(pairs.items()):
        first, second = cards[a], cards[b]
        if declared_related(first, second):
            findings.append(
                Finding(
                    "info",
                    "near-duplicate",
                    f"{label(first, places)} and {label(second, places)} are near-duplicates "
                    f"({why}); declared related, so never options for each other",
                    (first.id, second.id),
                )
            )
        else:
            findings.append(
                Finding(
                    "warning",
                    "near-duplicate",
                    f"{label(first, places)} and {label(second, places)} are near-duplicates "
                    f"({why}); {advice}",
                    (first.id, second.id),
                )
            )
    return findings


_MERGE = "merge them or declare them related"


def _sense_advice(cards: Sequence[Card], a: int, b: int, places: CardPlaces) -> str:
    """What to do with two cards named alike: when one is a word bare and the other one
    sense of it ("but", "but (rather)"), which the bare one also says, name its sense (a
    deck's senses of one word are asked side by side: `term_labels.qualified_names`)."""
    for bare, sense in ((cards[a], cards[b]), (cards[b], cards[a])):
        outer = split_aliases(sense.term)[1][:1] if sense.term.endswith(")") else ()
        if outer and fold(outer[0]) == fold(bare.term):
            return (
                f"name the sense {label(bare, places)} means, as '{bare.term} (…)', to ask them "
                "side by side, or declare them related"
            )
    # One parenthesis closing two names ("Dijkstra's algorithm (binary heap)", "Prim's
    # algorithm (binary heap)") is read as a name of both; it may say which kind instead.
    ends = [FINAL_PARENTHESIS.match(cards[k].term) for k in (a, b)]
    if (
        ends[0]
        and ends[1]
        and fold(ends[0]["inner"]) == fold(ends[1]["inner"])
        and fold(ends[0]["outer"]) != fold(ends[1]["outer"])
    ):
        inner = ends[0]["inner"].strip()
        return (
            f"if '({inner})' says which kind and names neither, write it without "
            f"brackets ('{ends[0]['outer'].strip()}, {inner}'), or declare them related"
        )
    return _MERGE


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


def _self_naming(deck: Deck, texts: Folded) -> list[Finding]:
    findings = []
    read = zip(deck.cards, texts.definitions, texts.names, strict=True)
    for i, (card, text, names) in enumerate(read):
        if card.kind is CardKind.QUESTION:
            continue  # an answer may well repeat the question's words
        parts = texts.parts.get(i, ())
        if not parts and len(names) == 1 and names[0] not in text:
            continue  # its one name is nowhere in it (most cards)
        if parts and labelled_answer(card.term, card.definition):
            continue  # each side named as its label: asked side by side, never blanked
        # Named only in a usage example ("e.g. "Smartphones have become ubiquitous.""):
        # blanked, a cloze; left out of the card's option (`generator/option_texts.py`).
        meaning = without_example(card.definition)
        if meaning is not None:
            text = fold(meaning)
        for name in _self_names(names, parts):
            if _names_word(text, name):
                findings.append(
                    Finding(
                        "warning",
                        "self-naming",
                        f"the definition of {label(card, deck.card_places)} names the term itself "
                        f"('{name}'); questions blank it out, which can read oddly",
                        (card.id,),
                    )
                )
                break
    return findings


def _question_cards(deck: Deck, texts: Folded) -> list[Finding]:
    """Question cards among terms, each a warning (a term may have been written as a
    question by mistake); in a question bank, where most cards are questions, one note."""
    asked = [card for card in deck.cards if card.kind is CardKind.QUESTION]
    if len(asked) * 2 > len(deck.cards):
        return [
            Finding(
                "info",
                "question-card",
                f"{len(asked)} of {len(deck.cards)} cards are questions (a question bank): "
                "each is asked as a question (from its answer where that repeats the "
                "question) and never offered among terms",
                tuple(card.id for card in asked),
            )
        ]
    return [
        Finding(
            "warning",
            "question-card",
            f"{label(card, deck.card_places)} is a question, not a term: it is asked as a "
            "question and never offered among terms",
            (card.id,),
        )
        for card in deck.cards
        if card.kind is CardKind.QUESTION
    ]


def _short_answers(deck: Deck, texts: Folded) -> list[Finding]:
    """Question cards answered by a bare yes or no (the generator's `wording.YES_NO`, read
    on the folded answer), which become true/false items. Short definitions ("alg-" =
    "pain") are fine: the generator asks them both ways, with wrong
    options of the same shape, so they are not reported."""
    return [
        Finding(
            "warning",
            "short-answer",
            f"{label(card, deck.card_places)} is answered only '{card.definition}': it is "
            "asked as a true/false item (is the answer yes or no?), not with four options",
            (card.id,),
        )
        for i, card in enumerate(deck.cards)
        if card.kind is CardKind.QUESTION and texts.definitions[i] in YES_NO
    ]


def _topics(deck: Deck) -> list[Finding]:
    findings = []
    if not gives_topics(len(deck.topics), (card.topic for card in deck.cards)):
        where = (
            "a CSV/TSV column headed Topic or the third column of a file without a "
            "header, an Excel workbook's sheets, Anki sub-decks, the headings of Markdown, a "
            "Word document, a web page, a PDF or a presentation's slide titles, Obsidian "
            "sub-deck tags (#flashcards/topic), "
            "GIFT or Moodle categories, or [[topics]] in the TOML"
        )
        tags = {tag for card in deck.cards for tag in card.tags}
        if tags:
            said = (f"reports score it by its cards' {counted(len(tags), 'tag')} and drills "
                    "choose by tag; topics would also shape mock exams and the history by "
                    f"topic (they come from {where})")  # fmt: skip
        else:
            said = ("it is scored as a whole; drills by topic and per-topic scores need "
                    f"them ({where})")  # fmt: skip
        return [Finding("info", "no-topics", f"the deck has no topics: {said}")]
    untopiced = [card for card in deck.cards if card.topic is None]
    if untopiced:
        shown = ", ".join(label(c, deck.card_places) for c in untopiced[:5])
        more = f" and {len(untopiced) - 5} more" if len(untopiced) > 5 else ""
        findings.append(
            Finding(
                "warning",
                "no-topic",
                f"{counted(len(untopiced), 'card')} {'has' if len(untopiced) == 1 else 'have'} "
                f"no topic: {shown}{more}",
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
                    f"topic '{deck.topic_name(topic_id)}' has {counted(count, 'card')}: "
                    f"too few to fill four options from the topic alone",
                    members,
                )
            )
    return findings
