"""`check`'s passes over definitions: cards sharing a definition, definitions that only
point elsewhere, definitions that overlap so much that one could answer for another.
They read the generator's own index, so they warn about exactly the pairs it keeps apart.
They run after check.py's passes over names, in the same process (check.py says why)."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence

from exam_sim.decks.bulk_text import cross_references
from exam_sim.decks.findings import Finding, declared_related, label, named, split_by_marks
from exam_sim.decks.folded import Folded
from exam_sim.decks.overlap import overlaps
from exam_sim.decks.spellings import near_pairs, text_order
from exam_sim.decks.synonym_findings import stated_synonyms
from exam_sim.generator.apart import told_apart
from exam_sim.generator.index import SAME_DEFINITION_RATIO, DeckIndex
from exam_sim.generator.wording import (
    YES_NO,
    definitions_overlap,
    may_say_frequency,
    may_say_number,
)
from exam_sim.models import Deck

# The first sentence of a definition, shown in a cross-reference finding.
_FIRST_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+|(?<=[。！？])")  # as the lexicon splits


def definition_findings(deck: Deck, index: DeckIndex, texts: Folded) -> list[Finding]:
    """Every pass over definitions, in the order `check` lists them."""
    findings = duplicate_definitions(deck, texts)
    # The definitions that pass the generator's cheap test (its index found them once),
    # then the rule itself.
    references = cross_references(index.definitions, index.maybe_references)
    findings += overlapping_definitions(deck, index, texts, references)
    findings += alike_definitions(deck, index, texts, references)
    findings += cross_reference_findings(deck, index, references)
    findings += stated_synonyms(deck, index, texts.definitions)
    return findings


def duplicate_definitions(deck: Deck, texts: Folded) -> list[Finding]:
    """One finding per group of cards sharing a definition ("phot-" and "phos-": "light").
    The generator counts identical definitions as the same thing, so such cards are never
    options next to each other. Where the definitions write marks, definitions alike only
    once folded are two ("él", "el"; "O(n)", "O(n!)": `Folded.definitions_apart`)."""
    cards = deck.cards
    return [
        Finding(
            "warning",
            "duplicate-definition",
            f"the same definition on {len(group)} cards: "
            f"{named(cards, group, deck.card_places)}; they are never offered as options together",
            tuple(cards[i].id for i in group),
        )
        for repeated in texts.definitions.repeated()
        for group in split_by_marks(repeated, texts.definitions_apart)
        if len(group) > 1
        and texts.definitions[group[0]]
        # A bare "No" or "False" is an answer, which many questions and claims share.
        and texts.definitions[group[0]] not in YES_NO
        # else a duplicate-term "same card"
        and (
            len({texts.term_keys[i] for i in group}) > 1
            or len(split_by_marks(group, texts.apart)) > 1
        )
    ]


def cross_reference_findings(
    deck: Deck, index: DeckIndex, references: frozenset[int]
) -> list[Finding]:
    """Definitions that only send the reader elsewhere ("See X", "Sinónimo de X"), read by
    `exam_sim.lexicon.cross_reference_target`; X is resolved to cards by the generator's
    own index (names, aliases, names inside parentheses, "X and Y"), so every card named
    here is one the generator keeps apart from the referring card, and no other."""
    places = deck.card_places
    findings = []
    for i in sorted(references):
        card = deck.cards[i]
        targets = [deck.cards[j] for j in dict.fromkeys(index.cross_reference_targets(i)) if j != i]
        first_sentence = _FIRST_SENTENCE.split(card.definition.strip(), maxsplit=1)[0]
        first_sentence = first_sentence.strip().rstrip(".;:!?。！？").strip()
        if targets:
            named = ", ".join(label(t, places) for t in targets)
            them = "them" if len(targets) > 1 else "it"
            said = (
                f"only refers to another card ('{first_sentence}'); it points to {named}: "
                f"make it an alias there or declare {them} related"
            )
        else:  # "See package ID specification" in a glossary cut from a larger one
            said = (
                f"only refers to a name that no card of the deck has ('{first_sentence}'): "
                "say what it means, or add that card"
            )
        findings.append(
            Finding(
                "warning",
                "cross-reference",
                f"{label(card, places)} {said}",
                (card.id, *(t.id for t in targets)),
            )
        )
    return findings


def overlapping_definitions(
    deck: Deck, index: DeckIndex, texts: Folded, references: frozenset[int]
) -> list[Finding]:
    """Cards whose definitions overlap so much that one could answer for another (the
    generator's `definitions_overlap` on their word stems: one's stems contain the
    other's, or a short definition shares half of its stems with the other). The generator
    never offers them as options together. One finding per group: the card with the
    smaller definition (the vaguer one: "Colección de ejemplos.") and every card it
    overlaps; a definition of numbers alone ("22") overlaps one that says each of them
    ("22 (over SSH)": `wording.numbers_within`). Not reported here: overlap that only the
    cards' own names make (that is
    `self-naming`), equal terms or definitions (`duplicate-term`, `duplicate-definition`),
    declared `related` pairs and cross-references (`cross-reference`)."""
    places = deck.card_places
    cards = deck.cards
    keys, folded = texts.term_keys, texts.definitions
    lexicon = index.lexicon
    own_stems: dict[int, frozenset[str]] = {}

    def own(i: int) -> frozenset[str]:
        """The stems of the card's own names (and of the sides of a comparison term). A
        question (not a comparison) names no answer: an answer saying its question's
        words ("Which treaty…?", "The Treaty of Versailles") is read whole, as the
        generator reads it (asked from the answer, where those words are blanked,
        `masking.blank_filler` keeps out an answer filling the blank: "The Palace of
        Versailles")."""
        if index.is_question[i] and i not in texts.parts:
            return frozenset()
        if i not in own_stems:
            names = [*index.names(i), *texts.parts.get(i, ())]
            own_stems[i] = frozenset().union(*(lexicon.stems(name) for name in names))
        return own_stems[i]

    def unnamed_stems(i: int) -> frozenset[str]:
        """The definition's stems once its self-naming is set aside."""
        return index.def_stems(i) - own(i)

    def unnamed_pieces(i: int) -> tuple[frozenset[str], ...]:
        return tuple(piece - own(i) for piece in index.def_pieces(i))

    digit_in: dict[int, bool] = {}

    def numbered(i: int) -> bool:
        """May the definition say a number (`wording.numbers_said`), or a frequency
        ("every hour": `wording.frequencies`)? In ASCII only 0-9 are digits
        (`str.isdigit` also takes "²"); without one, no two numbers can differ."""
        if i not in digit_in:
            text = index.def_norm[i]
            digit_in[i] = (
                not text.isascii()
                or may_say_frequency(text)
                or may_say_number(text, index.lexicon.language)
            )
        return digit_in[i]

    def set_apart(i: int, j: int) -> bool:
        """A pair some other finding reports, or that the deck says is related."""
        return (
            keys[i] == keys[j]
            or declared_related(cards[i], cards[j])
            or i in references
            or j in references
        )

    groups: dict[int, dict[int, None]] = {}
    by_stems, by_numbers = overlaps(index)
    for i, j in by_stems:
        if (
            set_apart(i, j)
            or not definitions_overlap(
                unnamed_stems(i),
                unnamed_stems(j),
                lambda: (unnamed_pieces(i), unnamed_pieces(j)),  # noqa: B023 (called here)
            )
            or (numbered(i) and numbered(j) and index.numbers_differ(i, j))  # as it reads them
            # "to work" / "work", HTTP / SMTP, "(n.)" / "(v.)", "by mouth" / "nothing by mouth"
            or told_apart(index, i, j, unnamed_stems(i), unnamed_stems(j))
            or folded[i] == folded[j]  # last: folded when read, and most pairs are out by now
        ):
            continue
        hub, other = (j, i) if len(index.def_stems(j)) < len(index.def_stems(i)) else (i, j)
        groups.setdefault(hub, {})[other] = None
    # A definition of numbers alone that another says ("22", "22 (over SSH)"): the hub is
    # the one of numbers alone, the shorter of two ("5061" beside "5060/5061"). Equal
    # ones are `duplicate-definition`.
    for i, j in by_numbers:
        if set_apart(i, j) or folded[i] == folded[j]:
            continue
        size = {n: (len(index.def_stems(n)), len(index.def_norm[n])) for n in (i, j)}
        hub, other = (j, i) if size[j] < size[i] else (i, j)
        groups.setdefault(hub, {})[other] = None
    findings = []
    for hub in sorted(groups):
        others = sorted(groups[hub])
        whose = "that of" if len(others) == 1 else f"those of {len(others)} cards:"
        findings.append(
            Finding(
                "warning",
                "definition-overlap",
                f"the definition of {label(cards[hub], places)} overlaps {whose} "
                f"{named(cards, others, places)}; one could answer for another, so they are never "
                "offered as options together (say what sets each apart)",
                (cards[hub].id, *(cards[j].id for j in others)),
            )
        )
    return findings


def alike_definitions(
    deck: Deck, index: DeckIndex, texts: Folded, references: frozenset[int]
) -> list[Finding]:
    """Definitions written nearly alike (`fuzz.ratio` of their folded text at least the
    generator's SAME_DEFINITION_RATIO) that no stem overlap explains and nothing tells
    apart: the generator reads them as one meaning written twice and never offers them
    together ("The ____ valve opens into the aorta" / "…into the pulmonary trunk"), and
    `definition-overlap` does not see them. Every pair of a deck of up to ALIKE_READ
    cards; in a larger one (every pair grows with its square), each definition beside its
    neighbours in alphabetical order and read backwards (`spellings.near_pairs`); past
    ALIKE_NEIGHBOURS_READ cards, none."""
    places = deck.card_places
    cards, folded = deck.cards, texts.definitions
    if len(cards) > ALIKE_NEIGHBOURS_READ:
        return []
    norms, order, copies = _distinct_definitions(index.def_norm, folded)
    parent: dict[int, int] = {}  # union-find: alike definitions, one group

    def root(k: int) -> int:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    scores: list[tuple[int, float]] = []
    pairs = near_pairs(norms, order, ratio=SAME_DEFINITION_RATIO, exact_limit=ALIKE_READ)
    for i, j, score in _with_copies(pairs, copies):
        if (
            i in references
            or j in references
            or not index.def_norm[i]
            or folded[i] == folded[j]  # `duplicate-definition`
            or texts.term_keys[i] == texts.term_keys[j]  # `duplicate-term`
            or declared_related(cards[i], cards[j])
            # Told apart (`apart.told_apart`) first: `same_thing` is remembered, and read
            # `definitions_alike` already for the pairs it tells apart.
            or not index.same_thing(i, j)
            or index.definitions_alike(i, j)  # `definition-overlap`
        ):
            continue
        # One finding per run of alike definitions ("abolicionismo", "abolicionisto",
        # "abolismo": "abolitionism", "abolitionist"…), not one per pair.
        parent[root(j)] = root(i)
        scores.append((i, score))
    groups: dict[int, list[int]] = {}
    for k in sorted(parent):
        groups.setdefault(root(k), []).append(k)
    alike: dict[int, list[float]] = {}
    for i, score in scores:
        alike.setdefault(root(i), []).append(score)
    findings = []
    for first, group in sorted(groups.items()):
        low, high = round(min(alike[first])), round(max(alike[first]))
        said = f"{low}%" if low == high else f"{low}–{high}%"
        both = " and ".join(label(cards[k], places) for k in group[:2])
        # "A view of the dictionary's keys" / "…values": two facts, which read the same
        # once each card's own name is blanked in its stem ("…the dictionary's ____").
        stem = index.masked_definition(group[0])
        why = (
            "they read the same once each card's own name is blanked, so"
            if stem != cards[group[0]].definition
            and all(index.masked_definition(k) == stem for k in group)
            else "read as one meaning written twice,"
        )
        findings.append(
            Finding(
                "warning",
                "definition-alike",
                f"the definitions of {both if len(group) == 2 else named(cards, group, places)}"
                f" are {said} alike: {why} they are never offered as options together (say what "
                "sets each apart)",
                tuple(cards[k].id for k in group),
            )
        )
    return findings


def _distinct_definitions(
    norms: Sequence[str], folded: Sequence[str]
) -> tuple[Sequence[str], array[int], list[list[int]] | None]:
    """The definitions to pair, their alphabetical order (`near_pairs`), and, when some
    are written the same way more than once, each one's copies (None when none is): a
    definition is paired once, not once a copy (5,000 cards of one definition were every
    pair, 12.5 million, read in Python)."""
    firsts: dict[tuple[str, str], int] = {}
    kept: list[int] = []
    copies: list[list[int]] = []
    for k in range(len(norms)):
        first = firsts.setdefault((norms[k], folded[k]), len(kept))
        if first == len(kept):
            kept.append(k)
            copies.append([k])
        else:
            copies[first].append(k)
    distinct = norms if len(kept) == len(norms) else [norms[k] for k in kept]
    order = text_order(distinct) if len(distinct) > ALIKE_READ else array("q")
    return distinct, order, None if len(kept) == len(norms) else copies


def _with_copies(
    pairs: Iterable[tuple[int, int, float]], copies: list[list[int]] | None
) -> Iterator[tuple[int, int, float]]:
    """The pairs of the definitions paired, each as the pairs of their copies, in the
    order every pair would have been read (by first card, the most alike first)."""
    if copies is None:
        yield from pairs
        return
    found = [
        (min(i, j), max(i, j), score) for a, b, score in pairs for i in copies[a] for j in copies[b]
    ]
    yield from sorted(found, key=lambda pair: (pair[0], -pair[2], pair[1]))


# Decks up to this many cards are read whole for definitions written nearly alike (every
# pair, one C-level scan per card: about 1 s at 5,000 cards); larger ones along sorted
# neighbours up to ALIKE_NEIGHBOURS_READ cards (at 5,000 cards they found 92 % of the
# cards every pair finds, in 0.06 s). Each pair found is then told apart or not by the
# generator's rules, about 0.2 ms a pair: 100,000 synthetic cards (recombined sentence
# halves, a pair alike for every few cards) took 2.6 s, 1M took 98 s, past what `check`
# may take (60 s at 1M cards, issue 14).
ALIKE_READ = 5_000
ALIKE_NEIGHBOURS_READ = 100_000
