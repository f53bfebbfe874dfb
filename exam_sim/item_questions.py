"""Authored items as a session asks them: `question_of` turns an `authored.Item` into the
`Question` stored with the attempt (options, steps or responses shuffled by the seed; the
case study's scenario carried along, so an old attempt reviews after the deck changed).

In the core, below the session and the deck linter alike: `check`'s audit of the written
items (`decks.item_audit`) asks each item exactly as a session does. Pure.
"""

from __future__ import annotations

from exam_sim.authored import Case, Item, ItemOption, weight_text
from exam_sim.enums import Direction, ItemKind
from exam_sim.generator.ordering import in_numeric_order
from exam_sim.models import Question
from exam_sim.option_order import asked_order, item_rng


def _option_why(option: ItemOption) -> str:
    """An option's rationale, after the weight its bank gave it (scored all or nothing)."""
    if option.weight is None:
        return option.rationale
    # Said as a share of the mark: "Bank weight 50%." read as jargon to a learner.
    return " ".join(filter(None, [f"{weight_text(option.weight)} of the mark in its bank.",
                                  option.rationale]))  # fmt: skip


def question_of(item: Item, case: Case | None, *, seed: int, scored: bool = True) -> Question:
    """The item as a session asks it: options, steps or responses shuffled by the seed
    (numbers in numerical order: `generator.ordering`)."""
    rng = item_rng(seed, item.id)
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
        order = asked_order([option.text for option in item.options], item.remarks, rng)
        options = [item.options[i] for i in order]
        keys = tuple(n for n, option in enumerate(options) if option.correct)
        texts = tuple(o.text for o in options)
        explanations = tuple(_option_why(o) for o in options)
    elif item.kind is ItemKind.ORDERING:
        order = list(range(len(item.steps)))
        while order == sorted(order):  # never shown already in order
            rng.shuffle(order)
        texts = tuple(item.steps[i].text for i in order)
        explanations = tuple(item.steps[i].rationale for i in order)
        keys = tuple(order.index(step) for step in range(len(item.steps)))
    else:
        # A response two prompts share is shown once.
        responses = list(dict.fromkeys([p.response for p in item.pairs] + [*item.extra_responses]))
        order = list(range(len(responses)))
        rng.shuffle(order)
        order = in_numeric_order(order, [responses[i] for i in order])
        texts = tuple(responses[i] for i in order)
        why: dict[str, list[str]] = {}
        for pair in item.pairs:
            why.setdefault(pair.response, []).append(pair.rationale or pair.prompt)
        explanations = tuple(
            " ".join(why.get(responses[i], ["Matches none of the prompts."])) for i in order
        )
        keys = tuple(order.index(responses.index(pair.response)) for pair in item.pairs)
        common["prompts"] = tuple(pair.prompt for pair in item.pairs)
    return Question(
        **common,
        options=texts,
        option_card_ids=tuple(item.id for _ in texts),
        answer=keys[0],
        keys=keys if item.kind is not ItemKind.SINGLE else (),
        explanations=explanations,
    )
