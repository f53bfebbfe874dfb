"""`check`'s findings on authored items (`[[items]]`, docs/decks.md).

The loader already refuses an item that cannot be asked (`authored.Item`: no key, a wrong
number of steps or pairs, an unknown case); these are the items that load but would read
wrong or give themselves away: a "(Choose N.)" that does not match the keys (an error: the
learner is told a wrong count), options said twice, an option repeated in the stem, a
missing rationale, a multiple-response stem that does not say how many to choose; and,
as information, options kept in their written place when the others are shuffled.
"""

from __future__ import annotations

from collections.abc import Iterator

from exam_sim.authored import Item, choose_count
from exam_sim.decks.findings import Finding
from exam_sim.enums import ItemKind
from exam_sim.models import Deck
from exam_sim.option_order import anchored, is_true_false
from exam_sim.text import compact, fold
from exam_sim.units import letter

__all__ = ["lint_items"]

_MIN_ECHO = 12  # shorter options ("Amazon S3") may fairly appear in a scenario stem


def lint_items(deck: Deck) -> list[Finding]:
    findings: list[Finding] = []
    for item in deck.items:
        findings.extend(_item_findings(item))
    return findings


def where(item: Item) -> str:
    return f"item {item.id!r}" + (f" (line {item.line})" if item.line is not None else "")


def _texts(item: Item) -> list[str]:
    if item.kind is ItemKind.ORDERING:
        return [step.text for step in item.steps]
    if item.kind is ItemKind.MATCHING:  # a response two prompts share is fair, once
        return list(dict.fromkeys(pair.response for pair in item.pairs)) + list(
            item.extra_responses
        )
    return [option.text for option in item.options]


def _item_findings(item: Item) -> Iterator[Finding]:
    place, ids = where(item), (item.id,)
    stated = choose_count(item.stem)
    if item.kind is ItemKind.MULTIPLE:
        if stated is None:
            yield Finding("warning", "item-choose-unstated",
                          f"{place}: the stem does not say how many to choose; add "
                          f"\"(Choose {_word(item.keys)}.)\"", ids)  # fmt: skip
        elif stated != item.keys:
            yield Finding("error", "item-choose-mismatch",
                          f"{place}: the stem says choose {stated} but {item.keys} options "
                          "are correct", ids)  # fmt: skip
    elif stated is not None and stated > 1:
        yield Finding("error", "item-choose-mismatch",
                      f"{place}: the stem says choose {stated} but a {item.kind.value} item "
                      "has no such count", ids)  # fmt: skip
    texts = _texts(item)
    seen: dict[str, str] = {}
    for text in texts:
        key = compact(fold(text)) or text.strip()  # "=" and "#" fold to nothing
        if key in seen:
            yield Finding("error", "item-duplicate-option",
                          f"{place}: {text!r} is offered twice", ids)  # fmt: skip
        seen[key] = text
    stem = compact(fold(item.stem))
    for text in texts:
        key = compact(fold(text))
        if len(key) >= _MIN_ECHO and key in stem:
            yield Finding("warning", "item-option-in-stem",
                          f"{place}: the stem repeats the option {text!r}", ids)  # fmt: skip
    missing = _missing_rationales(item)
    if missing:
        yield Finding("warning", "item-no-rationale", f"{place}: {missing}", ids)
    if kept := _kept_in_place(item):
        yield Finding("info", "item-fixed-order", f"{place}: {kept}", ids)
    if not item.references:
        yield Finding("info", "item-no-reference",
                      f"{place}: no reference to documentation", ids)  # fmt: skip


def _missing_rationales(item: Item) -> str:
    rationales: dict[ItemKind, tuple[str, list[str]]] = {
        ItemKind.ORDERING: ("step", [step.rationale for step in item.steps]),
        ItemKind.MATCHING: ("pair", [pair.rationale for pair in item.pairs]),
    }
    name, entries = rationales.get(
        item.kind, ("option", [option.rationale for option in item.options])
    )
    bare = [n for n, rationale in enumerate(entries) if not rationale]
    if not bare or (item.explanation and len(bare) == len(entries)):
        return ""  # one explanation of the whole item stands for all of them
    if len(bare) == len(entries) > 1:
        return f"no {name} has a rationale, and the item has no explanation"
    # Options by the letters the bank's file gives them in their written order (its
    # columns A–D, Aiken's "A."); steps and pairs by their place.
    said = [letter(n) if name == "option" else str(n + 1) for n in bare]
    verb = "have" if len(bare) > 1 else "has"
    return f"{name}{'s' * (len(bare) > 1)} {', '.join(said)} {verb} no rationale"


def _kept_in_place(item: Item) -> str:
    """What `option_order` keeps in its written place, said: "" when nothing (nor for a
    true/false item: True before False is the convention, nothing its writer did)."""
    texts = [option.text for option in item.options]
    if item.kind not in (ItemKind.SINGLE, ItemKind.MULTIPLE) or is_true_false(texts):
        return ""
    fixed = anchored(texts, item.remarks)
    if not fixed:
        return ""
    if len(fixed) == len(texts) and len(texts) > 1:
        return ("its options are asked in their written order: an option, the explanation "
                "or a rationale names options by letter")  # fmt: skip
    named = ", ".join(f"{n + 1} {texts[n]!r}" for n in sorted(fixed))
    if len(fixed) == 1:
        return (
            f"option {named} keeps its written place when the others are shuffled (it sums them up)"
        )
    return (
        f"options {named} keep their written places when the others are shuffled (they sum them up)"
    )


def _word(count: int) -> str:
    return {2: "TWO", 3: "THREE", 4: "FOUR", 5: "FIVE"}.get(count, str(count))
