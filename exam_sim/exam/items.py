"""Authored items in a session: `question_of` (`exam_sim.item_questions`) turns an
`authored.Item` into the `Question` stored with the attempt; here, how items are planned,
mixed in, reshuffled and answered."""

from __future__ import annotations

import random
from collections.abc import Callable, Container, Sequence
from typing import TYPE_CHECKING, NamedTuple

from exam_sim.enums import Direction, ItemKind
from exam_sim.exam.errors import SessionError
from exam_sim.generator.ordering import in_numeric_order
from exam_sim.item_questions import question_of
from exam_sim.models import Blueprint, Deck, Question
from exam_sim.option_order import asked_order

if TYPE_CHECKING:
    from exam_sim.exam.planning import QuestionSource

__all__ = [
    "Picked", "Slot", "authored_slots", "case_together", "check_response", "complete",
    "first_unmatched", "mark_unscored", "mix_in", "pick_option", "question_of", "reshuffled",
    "with_generated_kinds",
]  # fmt: skip


# --------------------------------------------------------------------------- planning

# A slot of a plan: (card id, direction) for a single-answer question from a card;
# (item id, Direction.AUTHORED) for an authored item; (card id, ItemKind) for an item of
# that kind generated from the card (multiple response, matching).
Slot = tuple[str, Direction | ItemKind]


def authored_slots(
    deck: Deck, *, topics: Container[str | None] | None = None, tags: Sequence[str] = ()
) -> dict[str | None, list[Slot]]:
    """The deck's authored items as slots, by topic (those of `topics`, a container of
    topic ids, and of `tags` when given)."""
    slots: dict[str | None, list[Slot]] = {}
    for item in deck.items:
        if topics is not None and item.topic not in topics:
            continue
        if tags and not set(tags) & set(item.tags):
            continue
        slots.setdefault(item.topic, []).append((item.id, Direction.AUTHORED))
    return slots


def mix_in(
    cards: list[Slot], authored: list[Slot], rng: random.Random, *, firsts: int | None = None
) -> list[Slot]:
    """Authored items merged at random places into the first `firsts` of a topic's card
    slots (one question per card; the cards' other directions come after), keeping both
    orders: an authored item is as likely to be asked as a card."""
    firsts = len(cards) if firsts is None else firsts
    merged: list[Slot] = []
    a, b = list(cards[:firsts]), list(authored)
    while a or b:
        take_authored = bool(b) and (not a or rng.random() < len(b) / (len(a) + len(b)))
        merged.append(b.pop(0) if take_authored else a.pop(0))
    return merged + cards[firsts:]


def with_generated_kinds(
    slots: list[Slot], blueprint: Blueprint, can_join: Callable[[str], bool], rng: random.Random
) -> list[Slot]:
    """Some single-answer card slots turned into generated multiple-response and matching
    items, by the blueprint's `multiple_response` and `matching` shares."""
    result = list(slots)
    singles = [n for n, (_, how) in enumerate(result) if how in _CARD_DIRECTIONS]
    rng.shuffle(singles)
    for kind, share in ((ItemKind.MULTIPLE, blueprint.multiple_response),
                        (ItemKind.MATCHING, blueprint.matching)):  # fmt: skip
        wanted = round(share * len(slots))
        while wanted and singles:
            n = singles.pop()
            if can_join(result[n][0]):
                result[n] = (result[n][0], kind)
                wanted -= 1
    return result


_CARD_DIRECTIONS = (
    Direction.DEFINITION_TO_TERM,
    Direction.TERM_TO_DEFINITION,
    Direction.QUESTION_TO_ANSWER,
    Direction.ANSWER_TO_QUESTION,
)


def case_together(questions: list[Question]) -> list[Question]:
    """A case study's items one after another, where its first item came: the learner
    reads the scenario once and answers its items in a row."""
    placed: dict[str, list[Question]] = {}
    order: list[Question | str] = []
    for question in questions:
        if question.scenario:
            key = question.case_title + "\x1f" + question.scenario
            if key not in placed:
                placed[key] = []
                order.append(key)
            placed[key].append(question)
        else:
            order.append(question)
    return [q for entry in order for q in (placed[entry] if isinstance(entry, str) else [entry])]


def mark_unscored(
    questions: list[Question], blueprint: Blueprint, rng: random.Random
) -> tuple[list[Question], tuple[str, ...]]:
    """The blueprint's unscored items (AWS: 15 of 65; in proportion for a shorter mock),
    drawn at random and marked; a note says how many, not which."""
    if not blueprint.unscored or len(questions) < 2:
        return questions, ()
    count = round(blueprint.unscored * len(questions) / blueprint.questions)
    count = min(count, len(questions) - 1)
    if count <= 0:
        return questions, ()
    chosen = set(rng.sample(range(len(questions)), count))
    marked = [q.model_copy(update={"scored": False}) if n in chosen else q
              for n, q in enumerate(questions)]  # fmt: skip
    note = (f"{count} of the {len(questions)} items are unscored, as on the real exam: "
            "they count for nothing and are not marked until the results.")  # fmt: skip
    return marked, (note,)


def reshuffled(question: Question, rng: random.Random) -> Question:
    """The question with its options in a new order (keys follow them); true/false keeps
    True before False, options that are numbers stay in numerical order
    (`generator.ordering`), an ordering item is never shown already in order, a written
    item's "All of the above" keeps its place (`option_order`)."""
    texts = question.options
    order = list(range(len(texts)))
    if question.direction is Direction.AUTHORED and question.kind in (
        ItemKind.SINGLE, ItemKind.MULTIPLE
    ):  # fmt: skip
        remarks = [question.rationale, *question.explanations]
        order = asked_order(texts, remarks, rng)
    elif question.direction is not Direction.TRUE_FALSE:
        rng.shuffle(order)
        while question.kind is ItemKind.ORDERING and _in_order(question.keys, order):
            rng.shuffle(order)
        if question.kind is not ItemKind.ORDERING:  # numbers stay in numerical order
            order = in_numeric_order(order, [texts[n] for n in order])
    explanations = question.explanations
    return question.model_copy(
        update={
            "options": tuple(question.options[i] for i in order),
            "option_card_ids": tuple(question.option_card_ids[i] for i in order),
            "explanations": tuple(explanations[i] for i in order) if explanations else (),
            "answer": order.index(question.answer),
            "keys": tuple(order.index(k) for k in question.keys),
        }
    )


def _in_order(keys: tuple[int, ...], order: list[int]) -> bool:
    """Would the steps show in their right order after this reshuffle?"""
    return [order.index(k) for k in keys] == sorted(order.index(k) for k in keys)


# --------------------------------------------------------------------------- responses


def check_response(question: Question, response: tuple[int, ...]) -> tuple[int, ...]:
    """The response as stored (a multiple response ascending), or SessionError saying in
    one sentence what is wrong with it. Both front ends call this."""
    size = len(question.options)
    if any(not -1 <= n < size for n in response) or (
        question.kind is not ItemKind.MATCHING and any(n < 0 for n in response)
    ):
        raise SessionError(f"options run 1–{size}")
    if question.kind is ItemKind.MULTIPLE:
        if len(set(response)) != len(response):
            raise SessionError("an option is chosen twice")
        if len(response) > question.choose:
            raise SessionError(f"choose at most {question.choose} options")
        return tuple(sorted(response))
    if question.kind is ItemKind.ORDERING:
        # The steps placed so far, first to last (the TUI places them one by one).
        if len(set(response)) != len(response):
            raise SessionError(f"put the {size} steps in order, each once")
        return response
    if response and len(response) != len(question.prompts):
        raise SessionError(f"give a response for each of the {len(question.prompts)} prompts")
    return response


def complete(question: Question, response: tuple[int, ...] | None) -> bool:
    """Is this a whole response (N options chosen, every step placed, every prompt matched)?"""
    return question.is_whole(response)


class Picked(NamedTuple):
    """What one pick of an option makes of an item's response: the new response (None
    when the pick is refused, `refusal` saying why in one sentence) and the matching prompt
    the next pick goes to."""

    response: tuple[int, ...] | None
    prompt: int
    refusal: str = ""


def pick_option(
    question: Question, given: Sequence[int] | None, index: int, prompt: int = 0
) -> Picked:
    """Option `index` picked, by a key or a click, on a multiple-response, ordering or
    matching item whose response so far is `given`: a multiple response toggles it (once N
    are chosen, another is refused); an ordering places it next, or, placed already, takes
    it and the steps after it back out; a matching gives it to `prompt`, and the next pick
    goes to the next prompt without a response. The exam and the study screens both pick
    with this rule."""
    so_far = list(given or ())
    if question.kind is ItemKind.MULTIPLE:
        if index not in so_far and len(so_far) >= question.choose:
            refusal = f"{question.choose} are already chosen: clear one first (pick it again)."
            return Picked(None, prompt, refusal)
        return Picked(tuple(sorted(set(so_far) ^ {index})), prompt)
    if question.kind is ItemKind.ORDERING:
        placed = so_far[: so_far.index(index)] if index in so_far else [*so_far, index]
        return Picked(tuple(placed), prompt)
    response = so_far or [-1] * len(question.prompts)
    response[prompt] = index
    unmatched = [p for p, r in enumerate(response) if r < 0]
    if unmatched:
        later = [p for p in unmatched if p > prompt]
        prompt = (later or unmatched)[0]
    return Picked(tuple(response), prompt)


def first_unmatched(response: Sequence[int] | None) -> int:
    """The prompt a matching item's next pick goes to when it is shown: its first prompt
    without a response (the first, when none has one or all have)."""
    return next((p for p, r in enumerate(response or ()) if r < 0), 0)


# --------------------------------------------------------------------------- sources


class ItemsOnly:
    """The question source of a deck too small to generate from (a bank of authored items
    imported from Aiken or GIFT has no cards): its items are asked, no card is."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck

    def directions_for(self, card_id: str) -> tuple[Direction, ...]:
        return ()

    def question(self, card_id: str, direction: Direction, *, seed: int) -> Question:
        from exam_sim.errors import GeneratorError

        raise GeneratorError(f"deck {self.deck.id!r} has too few cards to ask card {card_id!r}")


def source_for(deck: Deck) -> QuestionSource:
    """The generator of the deck, or `ItemsOnly` when it has items and too few cards."""
    from exam_sim.generator import DEFAULT_OPTIONS, generator_for

    if deck.items and len(deck.cards) < DEFAULT_OPTIONS:
        return ItemsOnly(deck)
    return generator_for(deck)
