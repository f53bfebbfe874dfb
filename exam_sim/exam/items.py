"""Authored items as a session asks them: `question_of` turns an `authored.Item` into the
`Question` stored with the attempt (options, steps or responses shuffled by the seed; the
case study's scenario carried along, so an old attempt reviews after the deck changed)."""

from __future__ import annotations

import random
import zlib

from exam_sim.authored import Case, Item
from exam_sim.enums import Direction, ItemKind
from exam_sim.models import Question

__all__ = ["question_of"]


def _rng(seed: int, item_id: str) -> random.Random:
    return random.Random(zlib.crc32(f"{seed}/item/{item_id}".encode()))


def question_of(item: Item, case: Case | None, *, seed: int, scored: bool = True) -> Question:
    """The item as a session asks it: options, steps or responses shuffled by the seed."""
    rng = _rng(seed, item.id)
    common = {
        "id": f"item:{item.id}",
        "card_id": item.id,
        "topic": item.topic,
        "direction": Direction.AUTHORED,
        "kind": item.kind,
        "stem": item.stem,
        "rationale": item.explanation,
        "references": item.references,
        "case_title": (case.title or case.id) if case else "",
        "scenario": case.scenario if case else "",
        "scored": scored,
    }
    if item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        order = list(range(len(item.options)))
        rng.shuffle(order)
        options = [item.options[i] for i in order]
        keys = tuple(n for n, option in enumerate(options) if option.correct)
        texts = tuple(o.text for o in options)
        explanations = tuple(o.rationale for o in options)
    elif item.kind is ItemKind.ORDERING:
        order = list(range(len(item.steps)))
        while order == sorted(order):  # never shown already in order
            rng.shuffle(order)
        texts = tuple(item.steps[i].text for i in order)
        explanations = tuple(item.steps[i].rationale for i in order)
        keys = tuple(order.index(step) for step in range(len(item.steps)))
    else:
        responses = [pair.response for pair in item.pairs] + list(item.extra_responses)
        order = list(range(len(responses)))
        rng.shuffle(order)
        texts = tuple(responses[i] for i in order)
        rationale = {n: pair.rationale for n, pair in enumerate(item.pairs)}
        explanations = tuple(rationale.get(i, "not a match for any prompt") for i in order)
        keys = tuple(order.index(n) for n in range(len(item.pairs)))
        common["prompts"] = tuple(pair.prompt for pair in item.pairs)
    return Question(
        **common,  # type: ignore[arg-type]
        options=texts,
        option_card_ids=tuple(item.id for _ in texts),
        answer=keys[0],
        keys=keys if item.kind is not ItemKind.SINGLE else (),
        explanations=explanations,
    )
