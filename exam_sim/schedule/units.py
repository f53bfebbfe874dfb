"""What a deck's schedule and forecast follow: its study units.

A deck's cards and its written questions, of every kind (on a question bank, written items
and no cards, those questions alone). Every answered question is already a review of its id
(`schedule.rating`), so written questions have a schedule as cards do, and the readiness
forecast follows them as it follows cards. The study session (`exam.coach`), Home's
summary and the forecast read this one rule.

A card no question is made of is no unit (`never_asked`): as a unit it stayed new for
ever on Home and counted as never learnt in the forecast. One that only sends the reader
to another ("See X": its meaning is the other card's, asked instead), or only gives its
own term spelled another way ("Alternative spelling of Abriss" for der Abriß), or whose
definition only names its term ("der Admiral": "admiral", nothing left once blanked).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from exam_sim.card_names import every_name
from exam_sim.enums import CardKind
from exam_sim.errors import GeneratorError
from exam_sim.generator.batch import UNASKABLE_READ
from exam_sim.generator.questions import QuestionGenerator
from exam_sim.lexicon import cross_reference_target
from exam_sim.models import Card, Deck, Item, ItemKind
from exam_sim.references import names_by_norm, refers_away
from exam_sim.term_labels import Kinds


class StudyUnits(NamedTuple):
    """What a study session schedules, in the order new ones are taken (`_studied`), with
    their topics; `noun`, what the front ends call one (`study_noun`: "card", or "question"
    when written questions are among them)."""

    ids: list[str]
    topics: dict[str, str | None]
    noun: str
    by_topic: dict[str | None, list[str]]  # each topic's ids, in the order of `ids`

    def counts(self, order: Iterable[str | None] = ()) -> dict[str | None, int]:
        """How many units each topic has, the topics of `order` first in that order (the
        deck's: `Deck.topic_counts` lists them so), each listed even with none."""
        counts: dict[str | None, int] = dict.fromkeys(order, 0)
        counts.update((topic, len(ids)) for topic, ids in self.by_topic.items())
        return counts


def study_units(deck: Deck) -> StudyUnits:
    """The deck's cards and its written questions, each topic's questions spread among
    its cards (`_studied`)."""
    asked = _asked_items(deck)
    units = _studied(deck, asked)
    groups: dict[str | None, list[str]] = {}
    for unit in units:
        groups.setdefault(unit.topic, []).append(unit.id)
    return StudyUnits(
        [u.id for u in units], {u.id: u.topic for u in units}, _noun(deck, asked), groups
    )


def study_ids(deck: Deck) -> list[str]:
    """The ids of `study_units`, alone (Home's summary reads no topic)."""
    return [u.id for u in _studied(deck, _asked_items(deck))]


def _studied(deck: Deck, asked: list[Item]) -> Sequence[Card | Item]:
    """The deck's cards and the items a study session asks (`asked`), each in deck order,
    each topic's items spread evenly among its cards: new ones are taken in this order (a
    topic after another: `study.interleave`), and after the cards, a deck of 178 cards and
    48 scenario questions asked its first question on the sixteenth day of 10 new a day,
    when they are the closest to the exam a learner can practise."""
    asked_cards = _asked_cards(deck)
    if not asked:
        return asked_cards
    cards: dict[str | None, list[Card]] = {}
    for card in asked_cards:
        cards.setdefault(card.topic, []).append(card)
    items: dict[str | None, list[Item]] = {}
    for item in asked:
        items.setdefault(item.topic, []).append(item)
    studied: list[Card | Item] = []
    topics = list(dict.fromkeys([*cards, *items]))
    for place, topic in enumerate(topics):
        # Each topic's items set off by its place among the topics, which are taken in
        # turn: at one phase, every topic's first item came in the same round (three of the
        # first day's ten new questions on MLA-C01, one the next day).
        phase = (place + 1) / (len(topics) + 1)
        studied += _spread(cards.get(topic, []), items.get(topic, []), phase)
    return studied


def _spread(cards: list[Card], items: list[Item], phase: float = 0.5) -> list[Card | Item]:
    """Both lists in their order, the items at even intervals among the cards: each at
    its share of the way through, the first `phase` of an interval in (a card first where
    both fall at one place)."""
    placed: list[tuple[float, int, Card | Item]] = [
        ((n + 0.5) / len(cards), 0, card) for n, card in enumerate(cards)
    ]
    placed += [((n + phase) / len(items), 1, item) for n, item in enumerate(items)]
    return [unit for _, _, unit in sorted(placed, key=lambda p: (p[0], p[1]))]


def _asked_cards(deck: Deck) -> Sequence[Card]:
    """The deck's cards but those no question is made of (`never_asked`)."""
    never = never_asked(deck)
    return [card for card in deck.cards if card.id not in never] if never else deck.cards


# The decks read last and their cards never asked, by identity (Home reads them after
# every session; a 1M-card deck's definitions take about a second to read).
_NEVER_ASKED: list[tuple[Deck, frozenset[str]]] = []
_NEVER_ASKED_KEPT = 2


def never_asked(deck: Deck) -> frozenset[str]:
    """The ids of the deck's cards that no session asks, so that none stays new for ever on
    Home nor unlearnt in the forecast. Those the generator never asks, read from each
    card's own text (`QuestionGenerator.can_ask`: a definition that only names its own
    term, "der Admiral": "admiral"; one that only sends the reader to another card), on a
    deck of up to UNASKABLE_READ cards, as `check` reads them (about 0.1 ms a card, once
    per deck opened); on a larger deck, or one the generator refuses, those that refer
    elsewhere (`referring`), which the text alone tells."""
    for known, ids in _NEVER_ASKED:
        if known is deck:
            return ids
    ids = _never_asked(deck)
    _NEVER_ASKED.append((deck, ids))
    del _NEVER_ASKED[:-_NEVER_ASKED_KEPT]
    return ids


def knows_never_asked(deck: Deck) -> bool:
    """Has `never_asked` read this deck already (so costs nothing now)?"""
    return any(known is deck for known, _ in _NEVER_ASKED)


def _never_asked(deck: Deck) -> frozenset[str]:
    # The sessions' own source of questions (loaded here: `exam` reads this module).
    from exam_sim.exam.items import source_for

    if not deck.cards or len(deck.cards) > UNASKABLE_READ:
        return referring(deck)
    try:
        source = source_for(deck)
    except GeneratorError:  # too few cards: refused when a session starts, and why
        return referring(deck)
    if not isinstance(source, QuestionGenerator):  # a bank asks its written items alone
        return frozenset(card.id for card in deck.cards)
    return frozenset(card.id for card in deck.cards if not source.can_ask(card.id))


def referring(deck: Deck) -> frozenset[str]:
    """The ids of the deck's cards whose definition only sends the reader to another card
    of the deck ("See X": `references.refers_away`, read as the generator's index reads
    it, which never asks such a card), or to its own name spelled another way."""
    cards = deck.cards
    # The cheap test first: most decks have no cross-reference at all.
    maybe = [
        (i, target)
        for i, card in enumerate(cards)
        if card.kind is not CardKind.QUESTION
        and (target := cross_reference_target(card.definition))
    ]
    if not maybe:
        return frozenset()
    kinds = Kinds([card.term for card in cards], ())

    def names(card: Card) -> tuple[str, ...]:  # as the index names the cards
        return every_name(card.names, kinds.no_names(card.term))

    by_name = names_by_norm(map(names, cards))

    def resolve(target: str) -> list[int]:
        return list(by_name.get(target, ()))

    return frozenset(
        cards[i].id for i, target in maybe if refers_away(i, target, resolve, names(cards[i]))
    )


def _asked_items(deck: Deck) -> list[Item]:
    """The items a study session asks: every one, of any kind (a multiple response, an
    ordering, a matching is answered and scheduled as a single answer is; a case study's
    item shows its scenario beside it)."""
    return list(deck.items)


def study_noun(deck: Deck) -> str:
    """What a study session of this deck calls one of its units (`study_units`), without
    listing them: "card" on a deck of cards; "question" when written questions are among
    them (a card is asked as a question too, while a written question is no card: "5
    cards" would count one that Home calls an item) or on a bank."""
    return _noun(deck, _asked_items(deck))


def _noun(deck: Deck, asked: list[Item]) -> str:
    return "card" if deck.cards and not asked else "question"


def option_counts(deck: Deck) -> dict[str, int]:
    """Each written question's number of whole responses a blind guess picks among, for
    its chance of a lucky guess: a single answer's options (a true/false question's, 2);
    a multiple response's ways of choosing its N; an ordering's orders of its steps; a
    matching's responses for each prompt in turn (a response may serve two prompts). Each
    is scored all or nothing. A card's question has the usual number (`evidence.OPTIONS`)
    and is not listed."""
    return {item.id: _responses(item) for item in deck.items}


def _responses(item: Item) -> int:
    if item.kind is ItemKind.SINGLE:
        return len(item.options)
    if item.kind is ItemKind.MULTIPLE:
        return math.comb(len(item.options), item.keys)
    if item.kind is ItemKind.ORDERING:
        return math.factorial(len(item.steps))
    responses = {pair.response for pair in item.pairs} | set(item.extra_responses)
    return math.prod([len(responses)] * len(item.pairs))
