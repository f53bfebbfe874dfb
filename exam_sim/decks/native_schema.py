"""The native deck format (`format = "exam-sim/1"`), declared once as pydantic models.

These models are the file's shape, key by key: what a person writes in the TOML, before
ids are derived, aliases found or topics declared (that is `decks.native`'s job, which
builds the `exam_sim.models.Deck`). Unknown keys are refused (`extra="forbid"`), values
are not coerced (`strict`: `questions = "65"` is an error, not 65), strings are stripped,
and the `format` value is fixed.

`problem` turns one pydantic error into the sentence a deck author reads ("card 'knn':
'term' is empty"); `decks.native` adds the file and the line.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic_core import ErrorDetails

from exam_sim.models import MAX_DECK_ID, MAX_TOPIC_WEIGHT, Blueprint, DeckId, Id, StatedBlueprint

FORMAT = "exam-sim/1"

Text = Annotated[str, StringConstraints(min_length=1)]  # stripped, so not blank
# A documentation link: an absolute http(s) URL without spaces.
Reference = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
# "" (or blank): derived from the term. Stripped first: a Literal is not a str field.
Kind = Annotated[
    Literal["definition", "question", ""],
    BeforeValidator(lambda value: value.strip() if isinstance(value, str) else value),
]


class _Section(BaseModel):
    model_config = ConfigDict(
        extra="forbid", strict=True, str_strip_whitespace=True, defer_build=True
    )


class NativeBlueprint(StatedBlueprint):
    """`[blueprint]`: exactly the fields of `models.StatedBlueprint`, and no others; so not
    `Blueprint.assumed`, which exam-sim sets itself for a deck that gives no blueprint."""

    model_config = ConfigDict(extra="forbid", strict=True)


# Blueprint fields that exam-sim sets itself and a deck file cannot (`Blueprint.assumed`):
# refused when read (`NativeBlueprint` lacks them), left out when a deck is written.
BLUEPRINT_NOT_IN_FILES = set(Blueprint.model_fields) - set(NativeBlueprint.model_fields)


class NativeTopic(_Section):
    """One `[[topics]]` table."""

    id: Id
    name: str = ""  # the id when empty
    weight: float | None = Field(default=None, ge=0, le=MAX_TOPIC_WEIGHT, allow_inf_nan=False)


class NativeCard(_Section):
    """One `[[cards]]` table."""

    id: Id
    term: Text
    definition: Text
    topic: Id | None = None
    tags: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    kind: Kind | None = None
    related: list[Id] = Field(default_factory=list)
    references: list[Reference] = Field(
        default_factory=list
    )  # documentation links the card rests on


class NativeCase(_Section):
    """One `[[cases]]` table: a case study's scenario, shared by several items."""

    id: Id
    title: str = ""
    scenario: Text


class NativeOption(_Section):
    """One `[[items.options]]` table (single and multiple items)."""

    text: Text
    correct: bool = False
    rationale: str = ""
    # A bank's partial credit (GIFT `~%50%`), in percent; scored all or nothing all the same.
    weight: float | None = Field(default=None, ge=-100, le=100, allow_inf_nan=False)


class NativeStep(_Section):
    """One `[[items.steps]]` table (ordering items), in the correct order."""

    text: Text
    rationale: str = ""


class NativePair(_Section):
    """One `[[items.pairs]]` table (matching items)."""

    prompt: Text
    response: Text
    rationale: str = ""


ItemType = Annotated[
    Literal["single", "multiple", "ordering", "matching"],
    BeforeValidator(lambda value: value.strip() if isinstance(value, str) else value),
]


class NativeItem(_Section):
    """One `[[items]]` table: an authored item (docs/decks.md)."""

    id: Id
    type: ItemType
    stem: Text
    topic: Id | None = None
    tags: list[str] = Field(default_factory=list)
    case: Id | None = None
    explanation: str = ""
    references: list[Reference] = Field(default_factory=list)  # documentation links
    options: list[NativeOption] = Field(default_factory=list)
    steps: list[NativeStep] = Field(default_factory=list)
    pairs: list[NativePair] = Field(default_factory=list)
    extra_responses: list[Text] = Field(default_factory=list)


class NativeDeck(_Section):
    """The whole file."""

    format: Literal["exam-sim/1"]
    id: DeckId
    title: Text
    description: str = ""
    source: str = ""
    sides: list[str] | None = None  # what the terms and definitions are ("Symbol", "Element")
    blueprint: NativeBlueprint | None = None
    topics: list[NativeTopic] = Field(default_factory=list)
    cards: list[NativeCard] = Field(
        default_factory=list
    )  # none only in a deck of items (`native` checks)
    cases: list[NativeCase] = Field(default_factory=list)
    items: list[NativeItem] = Field(default_factory=list)

    @field_validator("sides")
    @classmethod
    def _two_sides(cls, sides: list[str] | None) -> list[str] | None:
        if sides is not None and (len(sides) != 2 or not all(sides)):
            raise ValueError(
                'two names, what the terms are and what the definitions are: sides = ["Symbol", '
                '"Element"]'
            )
        return sides


SECTIONS: dict[str, type[BaseModel]] = {
    "deck": NativeDeck,
    "topic": NativeTopic,
    "card": NativeCard,
    "blueprint": NativeBlueprint,
    "case": NativeCase,
    "item": NativeItem,
    "options": NativeOption,
    "steps": NativeStep,
    "pairs": NativePair,
}
_KEY_LISTS = {
    "deck": "a deck has",
    "topic": "a topic has",
    "card": "a card has",
    "blueprint": "known",
    "case": "a case has",
    "item": "an item has",
}
# The array tables of a deck file, and the section each entry is.
ENTRY_TABLES = {"topics": "topic", "cards": "card", "cases": "case", "items": "item"}
_ENTRY_MODELS: dict[str, type[BaseModel]] = {
    "topics": NativeTopic, "cards": NativeCard, "cases": NativeCase, "items": NativeItem,
}  # fmt: skip
_ID_RULE = "lower-case letters, digits, '.', '_' or '-'"


def keys(section: str) -> list[str]:
    return sorted(SECTIONS[section].model_fields)


def order(error: ErrorDetails) -> tuple[int, ...]:
    """Where an error comes in the file, so the first one reported is the one an author
    meets first: unknown keys of a table before its values, tables in file order."""
    loc = error["loc"]
    if not loc:
        return (len(NativeDeck.model_fields) + 1,)
    fields = list(NativeDeck.model_fields)
    top = loc[0]
    if len(loc) == 1 and error["type"] == "extra_forbidden":
        return (0,)
    rank = fields.index(top) + 1 if isinstance(top, str) and top in fields else len(fields)
    if top in ENTRY_TABLES and len(loc) > 1 and isinstance(loc[1], int):
        inner = _ENTRY_MODELS[str(top)]
        return (rank, loc[1], _field_rank(inner, loc[2:], error["type"]))
    if top == "blueprint":
        return (rank, _field_rank(NativeBlueprint, loc[1:], error["type"]))
    return (rank,)


def _field_rank(model: type[BaseModel], rest: tuple[int | str, ...], kind: str) -> int:
    if not rest or kind in ("extra_forbidden", "model_type"):
        return 0
    fields = list(model.model_fields)
    return fields.index(rest[0]) + 1 if rest[0] in fields else len(fields) + 1


def problem(error: ErrorDetails, document: dict[str, Any]) -> str:
    """The error as the author should read it, without file and line."""
    loc = error["loc"]
    top = loc[0] if loc else None
    if top in ("cases", "items") and len(loc) > 1 and isinstance(loc[1], int):
        return _item_problem(error, document, str(top), loc[1], loc[2:])
    if top in ("topics", "cards") and len(loc) > 1 and isinstance(loc[1], int):
        return _entry_problem(error, document, str(top), loc[1], loc[2:])
    if top == "blueprint":
        return _blueprint_problem(error, loc[1:])
    return _deck_problem(error, loc)


def _deck_problem(error: ErrorDetails, loc: tuple[int | str, ...]) -> str:
    kind, value = error["type"], error.get("input")
    key = str(loc[0]) if loc else ""
    if kind == "extra_forbidden":
        return f"unknown key {key!r} (a deck has: {', '.join(keys('deck'))})"
    if key == "format":
        if kind == "missing":
            return f'missing format = "{FORMAT}" at the top'
        return f"format is {value!r}, expected {FORMAT!r}"
    if key == "cards" and kind in ("missing", "too_short"):
        return "the deck has no cards (add [[cards]] tables)"
    if key in ("cards", "topics") and kind == "list_type":
        return f"{key!r} must be an array of tables ([[{key}]])"
    if key == "id" and kind == "string_pattern_mismatch":
        return f"deck id {value!r} must be {_ID_RULE}"
    if key == "id" and kind == "string_too_long":
        return (
            f"the deck id is {len(str(value).strip())} characters long; at most "
            f"{MAX_DECK_ID} are allowed, since it names the deck's file in the library"
        )
    return _value_problem(error, key)


def _blueprint_problem(error: ErrorDetails, rest: tuple[int | str, ...]) -> str:
    kind = error["type"]
    if kind == "model_type":
        return "'blueprint' must be a table"
    if kind == "extra_forbidden":
        return f"blueprint: unknown key {rest[0]!r} (known: {', '.join(keys('blueprint'))})"
    where = ".".join(str(part) for part in rest)
    message = error["msg"].removeprefix("Value error, ")
    return f"blueprint {where}: {message}" if where else f"blueprint {message}"


def _entry_problem(
    error: ErrorDetails,
    document: dict[str, Any],
    table: str,
    index: int,
    rest: tuple[int | str, ...],
) -> str:
    """A problem inside one `[[topics]]` or `[[cards]]` table."""
    section = "topic" if table == "topics" else "card"
    kind = error["type"]
    key = str(rest[0]) if rest else ""
    what = f"{section} {index + 1}: "
    entry = _entry(document, table, index)
    if kind == "model_type":
        return f"{what}must be a table"
    if kind == "extra_forbidden":
        known = ", ".join(keys(section))
        return f"{what}unknown key {key!r} ({_KEY_LISTS[section]}: {known})"
    entry_id = entry.get("id")
    if key != "id" and isinstance(entry_id, str) and entry_id.strip():
        what = f"{section} {entry_id.strip()!r}: "
    value = error.get("input")
    if key == "id" and kind == "string_pattern_mismatch":
        if section == "card":
            return f"card {str(value).strip()!r}: the id must be {_ID_RULE}"
        return f"topic {str(value).strip()!r}: the id must be {_ID_RULE}"
    if section == "card" and key == "topic" and kind == "string_pattern_mismatch":
        return f"{what}topic {str(value).strip()!r} is not a valid id"
    if section == "card" and key == "kind" and kind == "literal_error":
        return f"{what}kind must be 'definition' or 'question', not {value!r}"
    if key == "references" and kind == "string_pattern_mismatch":
        return f"{what}reference {str(value).strip()!r} is not an http(s) URL"
    if key in ("tags", "aliases", "related", "references") and (
        kind == "list_type" or len(rest) > 1
    ):
        if kind == "string_pattern_mismatch":
            return f"{what}{key!r} has {str(value).strip()!r}, which is not a card id"
        return f"{what}{key!r} must be a list of strings"
    if section == "topic" and key == "weight":
        if kind in ("float_type", "float_parsing"):
            return f"{what}'weight' must be a number"
        return f"{what}'weight' must be a number from 0 to {MAX_TOPIC_WEIGHT:,.0f}, not {value}"
    return what + _value_problem(error, key)


def _item_problem(
    error: ErrorDetails,
    document: dict[str, Any],
    table: str,
    index: int,
    rest: tuple[int | str, ...],
) -> str:
    """A problem inside one `[[cases]]` or `[[items]]` table, or one of an item's
    `options`, `steps` or `pairs`."""
    section = ENTRY_TABLES[table]
    kind = error["type"]
    entry = _entry(document, table, index)
    entry_id = entry.get("id")
    what = f"{section} {index + 1}: "
    if isinstance(entry_id, str) and entry_id.strip() and rest[:1] != ("id",):
        what = f"{section} {entry_id.strip()!r}: "
    if kind == "model_type" and not rest:
        return f"{what}must be a table"
    key = str(rest[0]) if rest else ""
    if key in ("options", "steps", "pairs") and len(rest) > 1 and isinstance(rest[1], int):
        what += f"{key[:-1]} {rest[1] + 1}: "
        inner = SECTIONS[key]
        rest = rest[2:]
        key = str(rest[0]) if rest else ""
        if kind == "extra_forbidden":
            return f"{what}unknown key {key!r} (known: {', '.join(sorted(inner.model_fields))})"
        if kind == "model_type":
            return f"{what}must be a table"
    elif kind == "extra_forbidden":
        return f"{what}unknown key {key!r} ({_KEY_LISTS[section]}: {', '.join(keys(section))})"
    value = error.get("input")
    if key == "type" and kind == "literal_error":
        return f"{what}type must be single, multiple, ordering or matching, not {value!r}"
    if key in ("id", "topic", "case") and kind == "string_pattern_mismatch":
        return f"{what}{key} {str(value).strip()!r} must be {_ID_RULE}"
    if key in ("options", "steps", "pairs") and kind == "list_type":
        return f"{what}{key!r} must be an array of tables ([[items.{key}]])"
    if key == "references" and kind == "string_pattern_mismatch":
        return f"{what}reference {str(value).strip()!r} is not an http(s) URL"
    if key in ("tags", "references", "extra_responses") and (kind == "list_type" or len(rest) > 1):
        return f"{what}{key!r} must be a list of strings"
    if key == "correct" and kind == "bool_type":
        return f"{what}'correct' must be true or false"
    return what + _value_problem(error, key)


def _entry(document: dict[str, Any], table: str, index: int) -> dict[str, Any]:
    entries = document.get(table)
    entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
    return entry if isinstance(entry, dict) else {}


def _value_problem(error: ErrorDetails, key: str) -> str:
    """Missing, blank or wrongly typed values, the same words in every table."""
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return f"missing {key!r}"
    if kind == "string_type":
        return f"{key!r} must be a string, not {type(value).__name__}"
    if isinstance(value, str) and not value.strip():
        return f"{key!r} is empty"
    message = error["msg"].removeprefix("Value error, ")
    return f"{key}: {message}" if key else message
