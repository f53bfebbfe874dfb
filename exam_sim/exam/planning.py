"""Planning: which questions an attempt asks.

A mock follows the deck's blueprint (questions spread over topics by weight), a drill asks
the chosen topics and tags, a weak-spot drill the cards the history says need practice, a
retry the questions an attempt missed. Pure and seeded: the same deck and seed give the
same plan in any process.
"""

from __future__ import annotations

import itertools
import math
import random
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from exam_sim.errors import TOO_FEW_OPTIONS
from exam_sim.exam.errors import SessionError
from exam_sim.exam.items import (
    Slot,
    authored_slots,
    case_together,
    mark_unscored,
    mix_in,
    question_of,
    reshuffled,
    with_generated_kinds,
)
from exam_sim.exam.slot_supply import DrawnSlots, ListedSlots, SlotSupply, stand_ins
from exam_sim.exam.weak_spots import CardHistory, rank_weak_cards, weak_note
from exam_sim.models import Attempt, Deck, Direction, ItemKind, Question
from exam_sim.units import counted


class QuestionSource(Protocol):
    """What planning needs from the generator (`exam_sim.generator.QuestionGenerator`)."""

    deck: Deck

    def directions_for(self, card_id: str) -> tuple[Direction, ...]: ...
    def question(self, card_id: str, direction: Direction, *, seed: int) -> Question: ...


def _rng(seed: int, *salt: str) -> random.Random:
    # A stable per-purpose RNG: Python's hash() is salted per process, crc32 is not.
    return random.Random(zlib.crc32("/".join((str(seed), *salt)).encode()))


def allocate(total: int, weights: Mapping[str | None, float]) -> dict[str | None, int]:
    """Split `total` questions over topics by weight, largest-remainder rounding.

    65 over 0.20/0.24/0.36/0.20 gives 13/16/23/13. Ties in the remainder go to the topic
    listed first, so the result is deterministic.
    """
    weight_sum = sum(w for w in weights.values() if w > 0)
    if total <= 0 or weight_sum <= 0:
        return {topic: 0 for topic in weights}
    quotas = {topic: total * max(w, 0) / weight_sum for topic, w in weights.items()}
    counts = {topic: math.floor(q) for topic, q in quotas.items()}
    order = list(weights)
    leftover = total - sum(counts.values())
    by_remainder = sorted(order, key=lambda t: (-(quotas[t] - counts[t]), order.index(t)))
    for topic in by_remainder[:leftover]:
        counts[topic] += 1
    return counts


@dataclass(frozen=True)
class Plan:
    """The questions an attempt will ask, and what the learner should know about them."""

    questions: tuple[Question, ...]
    notes: tuple[str, ...] = ()


def _topic_weights(deck: Deck, by_topic: Mapping[str | None, list[str]]) -> dict[str | None, float]:
    counts: dict[str | None, int] = {t.id: 0 for t in deck.topics}
    for topic, cards in by_topic.items():
        counts[topic] = len(cards)
    for item in deck.items:
        counts[item.topic] = counts.get(item.topic, 0) + 1
    if deck.topics and any(t.weight for t in deck.topics):
        weights: dict[str | None, float] = {t.id: t.weight or 0.0 for t in deck.topics}
    else:
        # No weights given: topics count in proportion to their cards.
        weights = {topic: float(n) for topic, n in counts.items() if n}
    if counts.get(None):
        weights.setdefault(None, 0.0)
    return weights


def _askable(
    source: QuestionSource, cards: Iterable[str]
) -> list[tuple[str, tuple[Direction, ...]]]:
    result = []
    for card_id in cards:
        directions = source.directions_for(card_id)
        if directions:
            result.append((card_id, directions))
    return result


def _slots_for_topic(
    askable: list[tuple[str, tuple[Direction, ...]]], rng: random.Random
) -> list[Slot]:
    """Every (card, direction) a topic can give, in the order they should be used:
    one question per card first (random direction), then the other directions."""
    cards = list(askable)
    rng.shuffle(cards)
    first: list[Slot] = []
    second: list[Slot] = []
    for card_id, directions in cards:
        ordered = list(directions)
        rng.shuffle(ordered)
        first.append((card_id, ordered[0]))
        second.extend((card_id, d) for d in ordered[1:])
    return first + second


def plan_mock(source: QuestionSource, *, questions: int | None = None, seed: int = 0) -> Plan:
    """A mock exam shaped by the blueprint: questions spread over topics by weight.

    One question per card while a topic's cards last, then the other direction of the same
    cards; a topic still short hands each missing question to the nearest topic in blueprint
    order that has one to spare (on equal distance, the one with more to spare), and the
    notes say so. A deck of more than `EXACT_PLAN_LIMIT` cards (without authored items)
    asks only the cards it draws whether they can be asked (`DrawnSlots`), so planning costs
    about the same at 10k cards or 1M.
    """
    deck = source.deck
    total = questions or deck.effective_blueprint.questions
    by_topic: dict[str | None, list[str]] = {}
    for card in deck.cards:
        by_topic.setdefault(card.topic, []).append(card.id)
    weights = _topic_weights(deck, by_topic)
    wanted = allocate(total, weights)
    order = list(weights)
    supply: dict[str | None, SlotSupply]
    if len(deck.cards) > EXACT_PLAN_LIMIT and not deck.items:
        supply = {
            t: DrawnSlots(source, by_topic.get(t, []), _rng(seed, "mock", str(t))) for t in order
        }
    else:
        authored = authored_slots(deck)
        supply = {
            t: ListedSlots(_exact_slots(source, by_topic.get(t, []), authored.get(t, []), t, seed))
            for t in order
        }
    take = {topic: supply[topic].at_most(wanted.get(topic, 0)) for topic in order}
    short = [t for t in order if wanted.get(t, 0) > take[t]]
    for needy in short:
        for _ in range(wanted[needy] - take[needy]):
            spare = {
                t: supply[t].spare(take[t])
                for t in order
                if supply[t].at_most(take[t] + 1) > take[t]
            }
            if not spare:
                break
            here = order.index(needy)
            nearest = min(
                spare, key=lambda t: (abs(order.index(t) - here), -spare[t], order.index(t))
            )
            take[nearest] += 1
    chosen = [slot for topic in order for slot in supply[topic].first(take[topic])]
    chosen = _generated_kinds(source, chosen, seed)
    _rng(seed, "mock-order").shuffle(chosen)
    built, dropped = _build(source, chosen, seed, spare=stand_ins(supply, take, order))
    notes = _topic_notes(deck, order, wanted, Counter(q.topic for q in built), total)
    asked, unscored = mark_unscored(
        case_together(list(built)), deck.effective_blueprint, _rng(seed, "unscored")
    )
    return Plan(tuple(asked), (*notes, *dropped, *unscored))


def _topic_notes(
    deck: Deck,
    order: list[str | None],
    wanted: Mapping[str | None, int],
    asked: Counter[str | None],
    total: int,
) -> list[str]:
    """What a mock's notes say of its topics, counted on the questions made (a question
    the generator could not make was stood in for by another topic's): a topic short of
    its share, where the others made it up, the whole mock short."""
    made = sum(asked.values())
    notes: list[str] = []
    for topic in order if len(order) > 1 else ():  # one topic: the total's note says it
        if asked[topic] < wanted.get(topic, 0):
            # Only when every missing question was made up elsewhere may the note say so.
            filled = f"; {wanted[topic] - asked[topic]} came from other topics"
            notes.append(
                f"{deck.topic_name(topic)}: the deck can ask only {asked[topic]} of its "
                f"{wanted[topic]} questions{filled if made >= total else ''}."
            )
    if made < total:
        notes.append(f"The deck can ask only {made} questions, not {total}.")
    for topic in order:
        if asked[topic] > wanted.get(topic, 0):
            notes.append(
                f"{deck.topic_name(topic)} asks {asked[topic]} questions instead of "
                f"{wanted.get(topic, 0)} to fill in."
            )
    return notes


# Above this many cards a mock asks the generator about the cards it draws, not about every
# card (each costs about 0.4 ms: 400 s at 1M); at or below it, every card is looked at and
# the spare counts that decide which topic fills in for a short one are exact.
EXACT_PLAN_LIMIT = 2_000


def _exact_slots(
    source: QuestionSource, cards: list[str], authored: list[Slot], topic: str | None, seed: int
) -> list[Slot]:
    askable = _askable(source, cards)
    return mix_in(
        _slots_for_topic(askable, _rng(seed, "mock", str(topic))),
        authored,
        _rng(seed, "mock-items", str(topic)),
        firsts=len(askable),
    )


def _generated_kinds(source: QuestionSource, chosen: list[Slot], seed: int) -> list[Slot]:
    blueprint = source.deck.effective_blueprint
    if not (blueprint.multiple_response or blueprint.matching):
        return chosen
    from exam_sim.generator.card_sets import can_join
    from exam_sim.generator.questions import QuestionGenerator

    if not isinstance(source, QuestionGenerator):
        return chosen
    return with_generated_kinds(
        chosen, blueprint, lambda card_id: can_join(source, card_id), _rng(seed, "kinds")
    )


DRILL_RULE = "Cards in any chosen topic AND with any chosen tag; nothing chosen: every card."


def drill_rule(topics: bool, tags: bool, *, cards: bool = True, items: bool = False) -> str:
    """`DRILL_RULE` as it reads for a deck with topics, tags, or both to choose from (a
    deck without topics says nothing of them), and of what it holds: cards, written
    items (a question bank), or both."""
    what, every, _, _ = drill_units(cards=cards, items=items)
    if topics and tags:
        chosen = "in any chosen topic AND with any chosen tag"
    else:
        chosen = "in any chosen topic" if topics else "with any chosen tag"
    return f"{what} {chosen}; nothing chosen: {every}."


class DrillUnits(NamedTuple):
    """What a drill draws from, said four ways: "Cards", "every card", "no card", and one
    of them, "Card" (the weak-spot list's column)."""

    what: str
    every: str
    none: str
    one: str


def drill_units(*, cards: bool, items: bool) -> DrillUnits:
    """What a drill draws from: cards; items, for a question bank; or both."""
    if items and not cards:
        return DrillUnits("Items", "every item", "no item", "Item")
    if items:
        return DrillUnits("Cards and items", "all of them", "no card or item", "Card or item")
    return DrillUnits("Cards", "every card", "no card", "Card")


def drill_cards(deck: Deck, topics: Sequence[str] = (), tags: Sequence[str] = ()) -> list[str]:
    """The ids of the cards a drill on these topics and tags draws from (`DRILL_RULE`):
    topic OR topic, tag OR tag, and topics AND tags; every card when nothing is chosen."""
    chosen_topics, chosen_tags = set(topics), set(tags)
    return [
        c.id
        for c in deck.cards
        if (not chosen_topics or c.topic in chosen_topics)
        and (not chosen_tags or chosen_tags & set(c.tags))
    ]


def drill_items(deck: Deck, topics: Sequence[str] = (), tags: Sequence[str] = ()) -> int:
    """How many of the deck's written items a drill on these topics and tags asks, by the
    rule `plan_drill` draws them with (each asked once)."""
    wanted = set(topics) if topics else None
    return sum(len(group) for group in authored_slots(deck, topics=wanted, tags=tags).values())


def plan_drill(
    source: QuestionSource,
    *,
    topics: Sequence[str] = (),
    tags: Sequence[str] = (),
    count: int | None = 10,
    card_ids: Sequence[str] | None = None,
    seed: int = 0,
) -> Plan:
    """A topic drill: cards of the chosen topics and/or tags (all cards when none chosen)."""
    deck = source.deck
    known_topics = {t.id for t in deck.topics} | {c.topic for c in deck.cards if c.topic}
    for topic in topics:
        if topic not in known_topics:
            raise SessionError(
                f"deck {deck.id!r} has no topic {topic!r} "
                f"(topics: {', '.join(sorted(known_topics))})"
            )
    for tag in tags:
        if tag not in deck.tags:
            raise SessionError(
                f"deck {deck.id!r} has no tag {tag!r} (tags: {', '.join(deck.tags)})"
            )
    # Chosen ids (a weak-spot drill's) may name written items: asked as written.
    item_ids = {item.id for item in deck.items} if card_ids is not None else set()
    written = [uid for uid in card_ids or () if uid in item_ids]
    card_set = {card.id for card in deck.cards} if written else set()
    pool = (
        drill_cards(deck, topics, tags)
        if card_ids is None
        else [uid for uid in card_ids if not written or uid in card_set]
    )
    if card_ids is None and count and not deck.items and len(pool) > EXACT_PLAN_LIMIT:
        # A large drill asks only the cards it draws, as a large mock does (`DrawnSlots`).
        askable = []
        slots = DrawnSlots(source, pool, _rng(seed, "drill")).first(count)
    else:
        askable = _askable(source, pool)
        slots = _slots_for_topic(askable, _rng(seed, "drill"))
    if card_ids is None and deck.items:
        wanted = set(topics) if topics else None
        items = [s for group in authored_slots(deck, topics=wanted, tags=tags).values()
                 for s in group]  # fmt: skip
        _rng(seed, "drill-items").shuffle(items)
        slots = mix_in(slots, items, _rng(seed, "drill-mix"), firsts=len(askable))
    if card_ids is not None:
        slots = [*slots, *((uid, Direction.AUTHORED) for uid in written)]
        # Weak-spot order matters: keep the ranking, one question per card first.
        rank = {cid: i for i, cid in enumerate(card_ids)}
        seen: set[str] = set()
        firsts: list[Slot] = []
        rest: list[Slot] = []
        for slot in sorted(slots, key=lambda s: rank[s[0]]):
            (rest if slot[0] in seen else firsts).append(slot)
            seen.add(slot[0])
        slots = firsts + rest
    chosen = slots[: count or len(slots)]
    units = drill_units(
        cards=bool(deck.cards), items=bool(written) or (card_ids is None and bool(deck.items))
    )
    if not chosen:
        raise SessionError(f"{units.none} matches that choice of topics and tags")
    if card_ids is None:
        _rng(seed, "drill-order").shuffle(chosen)
    built, dropped = _build(source, chosen, seed, spare=slots[len(chosen) :])
    return Plan(tuple(case_together(list(built))), (*_drill_notes(built, count, units), *dropped))


def _drill_notes(built: Sequence[Question], count: int | None, units: DrillUnits) -> list[str]:
    """What a drill tells of its questions: fewer than asked for, some cards asked twice.
    Counted on the questions made, not the slots chosen (a slot the generator cannot
    fill is left out: "6 could be made" was said of a drill of 4)."""
    notes = []
    if count and len(built) < count:
        made = counted(len(built), "question")
        notes.append(f"Only {made} could be made from the chosen {units.what.lower()}.")
    repeated = len(built) - len({q.card_id for q in built})
    if repeated > 0:
        # Fewer cards than questions: some cards are asked twice, once each way. Said, not
        # silent (a learner would think the drill repeats itself by mistake).
        notes.append(
            f"{len(built)} questions from {counted(len(built) - repeated, 'card')}: "
            f"{repeated} of them {'is' if repeated == 1 else 'are'} asked twice, once in "
            "each direction."
        )
    return notes


def _build(
    source: QuestionSource, chosen: Sequence[Slot], seed: int, spare: Iterable[Slot] = ()
) -> tuple[tuple[Question, ...], tuple[str, ...]]:
    """The questions of the chosen slots. A slot the generator cannot fill (too few usable
    wrong options in that direction) is asked in the card's other direction, else left
    out and said in a note: one card never stops a whole session; the `spare` slots then
    stand in, in order, until as many questions are made as slots were chosen. So is a
    stem asked already (two cards of one definition), when the other way can be: one
    question twice, with two answers, reads as a slip. An authored item is asked as
    written; a multiple-response or matching item that cannot be built is asked as a
    single-answer question of its card."""
    from exam_sim.generator import GeneratorError

    taken = set(chosen)
    built: list[Question] = []
    stems: set[str] = set()
    left_out: dict[str, str] = {}  # each card a slot of which was left out: why, first
    deck = source.deck
    items = {item.id: item for item in deck.items} if deck.items else {}
    # Taken only while short: `spare` may draw a large topic's cards as it goes.
    stand_ins = itertools.takewhile(
        lambda _: len(built) < len(chosen), (slot for slot in spare if slot not in taken)
    )
    for card_id, direction in itertools.chain(chosen, stand_ins):
        taken.add((card_id, direction))
        if direction is Direction.AUTHORED:
            item = items[card_id]
            built.append(question_of(item, deck.case(item.case), seed=seed))
            continue
        tries: list[Direction | ItemKind] = [direction] + [
            d for d in source.directions_for(card_id) if (card_id, d) not in taken
        ]
        reasons: list[str | None] = []
        again: tuple[Question, Direction | ItemKind] | None = None
        for attempt in tries:
            try:
                made = _one(source, card_id, attempt, seed)
            except GeneratorError as error:
                reasons.append(error.reason)
                continue
            if made.stem in stems and made.kind is ItemKind.SINGLE and again is None:
                again = (made, attempt)
                continue
            break
        else:
            if again is None:  # said by the planned direction's reason
                left_out.setdefault(card_id, reasons[0] or TOO_FEW_OPTIONS)
                continue
            made, attempt = again  # no other way: asked again
        built.append(made)
        stems.add(made.stem)
        taken.add((card_id, attempt))
    if not built:
        raise SessionError("no question could be made from the chosen cards")
    # A card asked the other way is not "left out": it is asked one way only.
    asked = {q.card_id for q in built}
    never = Counter(why for card_id, why in left_out.items() if card_id not in asked)
    once = Counter(why for card_id, why in left_out.items() if card_id in asked)
    notes = (
        *(f"{counted(n, 'card')} could not be asked: {why}." for why, n in never.most_common()),
        *(
            f"{counted(n, 'card')} {'is' if n == 1 else 'are'} asked one way only: {why}."
            for why, n in once.most_common()
        ),
    )
    return tuple(built), notes


def plan_weak(
    source: QuestionSource,
    history: Mapping[str, CardHistory],
    *,
    count: int = 10,
    seed: int = 0,
    topics: Sequence[str] = (),
    tags: Sequence[str] = (),
) -> Plan:
    """A weak-spot drill: the deck's cards and written items ranked by weakness, those of
    the chosen topics and tags (all when none is chosen), the weakest `count` first."""
    deck = source.deck
    # Cards and items have ids of their own (`Deck` refuses an item with a card's id).
    where = {c.id: (c.topic, c.tags) for c in deck.cards} | {
        i.id: (i.topic, i.tags) for i in deck.items
    }
    ranked = [
        unit_id
        for unit_id in rank_weak_cards(deck, history)
        if (not topics or where[unit_id][0] in topics)
        and (not tags or bool(set(tags) & set(where[unit_id][1])))
    ]
    if not ranked:
        drawn = drill_units(cards=bool(deck.cards), items=bool(deck.items))
        raise SessionError(f"{drawn.none} matches that choice of topics and tags")
    plan = plan_drill(source, card_ids=ranked[: max(count, 1)], count=count, seed=seed)
    return with_weak_summary(plan, history)


def with_weak_summary(plan: Plan, history: Mapping[str, CardHistory]) -> Plan:
    """The plan with a note saying how its cards were chosen (`weak_note`)."""
    return Plan(plan.questions, (*plan.notes, weak_note(plan.questions, history)))


def plan_retry(attempt: Attempt, *, seed: int = 0) -> Plan:
    """The questions answered wrong or left unanswered, options reshuffled so the learner
    must recognise the answer rather than remember its position."""
    missed = [
        q for q, a in zip(attempt.questions, attempt.answers, strict=True) if not a.is_correct(q)
    ]
    if not missed:
        raise SessionError(f"attempt {attempt.id} has no wrong or unanswered question to retry")
    return Plan(tuple(reshuffle(q, _rng(seed, "retry", q.id)) for q in missed))


def reshuffle(question: Question, rng: random.Random) -> Question:
    return reshuffled(question, rng)


def can_ask(source: QuestionSource, card_id: str, seed: int) -> bool:
    """Can the card be asked in one of its directions (a question made, as `_build`
    would make it)? `directions_for` alone does not know: a card of a deck too small or
    too alike may have no wrong options (`exam-sim check` says which). A written item (a
    bank's, or one a deck with cards studies after them) is asked as written: always."""
    from exam_sim.generator import GeneratorError

    if any(item.id == card_id for item in source.deck.items):
        return True
    for direction in source.directions_for(card_id):
        try:
            source.question(card_id, direction, seed=seed)
        except GeneratorError:
            continue
        return True
    return False


def _one(source: QuestionSource, card_id: str, how: Direction | ItemKind, seed: int) -> Question:
    if isinstance(how, ItemKind):
        from exam_sim.generator.kinds import item_for
        from exam_sim.generator.questions import QuestionGenerator

        assert isinstance(source, QuestionGenerator)  # only a generator's plan has them
        return item_for(source, card_id, how, seed=seed)
    return source.question(card_id, how, seed=seed)
