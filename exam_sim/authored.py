"""Authored items: questions written in the deck, not generated from its cards.

The native format's `[[cases]]` and `[[items]]` tables (docs/decks.md) become these frozen
models; `decks.native` reads them, `question_of` turns one into the `Question` a session
asks (options, steps or responses shuffled by the seed, the case's scenario carried along
so a stored attempt can be reviewed after the deck changed).

The shape rules an item must meet to be asked at all (a single-answer item has one key, an
ordering item 3 to 5 steps, a matching item 3 to 7 pairs…) are checked here, so every
reader refuses a broken item the same way; what only makes an item weaker (a missing
rationale, an option repeated in the stem) is `check`'s business (`decks.item_lint`).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from exam_sim.controls import visible
from exam_sim.enums import ItemKind
from exam_sim.ids import Id

# Deck text with terminal control characters made visible (as `models.Text`).
Shown = Annotated[str, AfterValidator(visible)]

__all__ = [
    "MAX_PAIRS", "MAX_STEPS", "MIN_PAIRS", "MIN_STEPS", "Case", "Item", "ItemOption",
    "ItemPair", "ItemStep", "choose_count", "weight_text",
]  # fmt: skip

MIN_STEPS, MAX_STEPS = 3, 5  # ordering items on the AWS exams
MIN_PAIRS, MAX_PAIRS = 3, 7  # matching items on the AWS exams

_NUMBER_WORDS = {"TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6}
_CHOOSE = re.compile(r"\(\s*(?:choose|select)\s+(\w+)\s*\.?\s*\)", re.IGNORECASE)


def choose_count(stem: str) -> int | None:
    """N of "(Choose N.)" in a stem (a word or a digit), None when the stem does not say."""
    match = _CHOOSE.search(stem)
    if match is None:
        return None
    word = match[1].upper()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True, str_strip_whitespace=True)


class ItemOption(_Part):
    """One option of a single or multiple item. `weight`: the percentage a bank gave it
    (GIFT `~%50%`), kept so the item round-trips and review can show it; the item is
    still scored all or nothing, its correct options being those of positive weight."""

    text: Shown = Field(min_length=1)
    correct: bool = False
    rationale: Shown = ""
    weight: float | None = Field(default=None, ge=-100, le=100, allow_inf_nan=False)


class ItemStep(_Part):
    text: Shown = Field(min_length=1)
    rationale: Shown = ""


class ItemPair(_Part):
    prompt: Shown = Field(min_length=1)
    response: Shown = Field(min_length=1)
    rationale: Shown = ""


class Case(_Part):
    """A case study: one scenario shared by several items, each scored on its own."""

    id: Id
    title: Shown = ""
    scenario: Shown = Field(min_length=1)
    line: int | None = Field(default=None, exclude=True, repr=False)


WEIGHT_TOLERANCE = 0.1  # thirds written 33.3 add up to 99.9


def weight_text(weight: float) -> str:
    """50.0 → "50%", 33.3 → "33.3%", -100.0 → "-100%"."""
    return f"{weight:g}%"


def _check_weights(options: tuple[ItemOption, ...]) -> None:
    """Weighted options (a bank's partial credit) map to keys only when the correct
    options are exactly those of positive weight and together are worth 100%: then all
    or nothing gives full marks where the bank did."""
    weighted = [option for option in options if option.weight is not None]
    if not weighted:
        return
    for option in weighted:
        if option.correct != (option.weight is not None and option.weight > 0):
            state = "correct" if option.correct else "not correct"
            raise ValueError(
                f"the option {option.text[:40]!r} weighs {weight_text(option.weight or 0)} but "
                f"is marked {state} (correct options are those of positive weight)"
            )
    if any(option.correct and option.weight is None for option in options):
        raise ValueError("some correct options have a weight and some not: give every one")
    if not any(option.correct for option in options):
        raise ValueError("no option has a positive weight, so none is correct")
    total = sum(option.weight or 0 for option in options if option.correct)
    if abs(total - 100) > WEIGHT_TOLERANCE + 1e-9:
        raise ValueError(
            f"the positive weights add up to {weight_text(round(total, 3))}, not 100%: "
            "scored all or nothing, the correct options together must be the whole mark"
        )


class Item(_Part):
    """One authored item. `options` for single and multiple, `steps` (in their correct
    order) for ordering, `pairs` and `extra_responses` for matching."""

    id: Id
    kind: ItemKind
    stem: Shown = Field(min_length=1)
    topic: Id | None = None
    tags: tuple[Shown, ...] = ()
    case: Id | None = None
    explanation: Shown = ""
    references: tuple[Shown, ...] = ()
    options: tuple[ItemOption, ...] = ()
    steps: tuple[ItemStep, ...] = ()
    pairs: tuple[ItemPair, ...] = ()
    extra_responses: tuple[Shown, ...] = ()
    line: int | None = Field(default=None, exclude=True, repr=False)

    @field_validator("stem")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @model_validator(mode="after")
    def _shape(self) -> Item:
        kind = self.kind
        wrong_parts = [
            name
            for name, used in (
                ("options", kind in (ItemKind.SINGLE, ItemKind.MULTIPLE)),
                ("steps", kind is ItemKind.ORDERING),
                ("pairs", kind is ItemKind.MATCHING),
                ("extra_responses", kind is ItemKind.MATCHING),
            )
            if getattr(self, name) and not used
        ]
        if wrong_parts:
            raise ValueError(f"a {kind.value} item has no {wrong_parts[0]!r}")
        _check_weights(self.options)
        keys = sum(option.correct for option in self.options)
        if kind is ItemKind.SINGLE:
            if len(self.options) < 2:
                raise ValueError("a single item needs at least 2 options")
            if keys != 1:
                raise ValueError(f"a single item has exactly 1 correct option, not {keys}")
        elif kind is ItemKind.MULTIPLE:
            if keys < 2 or keys >= len(self.options):
                raise ValueError(
                    f"a multiple item needs at least 2 correct options and at least one "
                    f"wrong one ({keys} of {len(self.options)} are correct)"
                )
        elif kind is ItemKind.ORDERING:
            if not MIN_STEPS <= len(self.steps) <= MAX_STEPS:
                raise ValueError(
                    f"an ordering item has {MIN_STEPS} to {MAX_STEPS} steps, not {len(self.steps)}"
                )
        elif not MIN_PAIRS <= len(self.pairs) <= MAX_PAIRS:
            raise ValueError(
                f"a matching item has {MIN_PAIRS} to {MAX_PAIRS} pairs, not {len(self.pairs)}"
            )
        return self

    @property
    def keys(self) -> int:
        """How many options are correct (multiple response: the N of "Choose N")."""
        return sum(option.correct for option in self.options)

    @property
    def remarks(self) -> list[str]:
        """What its writer said about the options: the explanation and each option's
        rationale (where a letter names an option, `option_order` keeps the written order)."""
        return [self.explanation, *(option.rationale for option in self.options)]
