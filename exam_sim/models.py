"""The data model every part of exam-sim shares (pydantic v2).

Every model defers building its validator until first use (`defer_build`), so starting the
TUI pays only for the models the home screen needs.

Deck data comes from files people wrote by hand, so every model validates its input and
the deck readers turn validation failures into a `DeckError` that names file and line.
"""

from __future__ import annotations

import math
import sys
from operator import attrgetter
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.dataclasses import dataclass

from exam_sim.authored import Case, Item
from exam_sim.controls import has_controls, visible
from exam_sim.enums import AttemptMode, AttemptStatus, CardKind, Confidence, Direction, ItemKind
from exam_sim.errors import DeckError as DeckError  # re-exported: its home is exam_sim.errors
from exam_sim.ids import ID_PATTERN, MAX_DECK_ID, WHOLE_ID, DeckId, Id
from exam_sim.text import final_reading, looks_like_question, slugify, split_aliases
from exam_sim.units import by_topic, percent_of, threshold_percent

__all__ = [
    "DEFAULT_OPTIONS", "ID_PATTERN", "MAX_DECK_ID", "MAX_DEFINITION_CHARS", "MAX_OPTIONS",
    "MAX_TERM_CHARS", "MAX_TOPIC_WEIGHT", "MIN_OPTIONS", "Answer",
    "Attempt", "AttemptMode", "AttemptStatus", "Blueprint", "Card", "CardKind", "Case",
    "Confidence", "Deck", "DeckError", "DeckId", "Direction", "Id", "Item", "ItemKind",
    "Question", "ScoreReport", "StatedBlueprint", "Topic", "TopicScore", "make_card",
]  # fmt: skip

# A topic's weight is a share: any finite number up to this (inf or 1e308 made the
# mock's question counts overflow).
MAX_TOPIC_WEIGHT = 1_000_000.0
# The longest term and definition a card may have, in characters: far beyond any real
# card, and a 10 MB term used to take seconds and a gigabyte to check.
MAX_TERM_CHARS = 2_000
MAX_DEFINITION_CHARS = 50_000

# Every text that comes from a deck (and so from the history written from one): terminal
# control characters become visible stand-ins as the text enters the core (controls.py).
Text = Annotated[str, AfterValidator(visible)]


CardPlaces = Literal["line", "row", "page", "slide"]


@dataclass(frozen=True, slots=True, kw_only=True, config=ConfigDict(defer_build=True))
class Card:
    """One flashcard. `id` is stable: given by the native format, else derived from the term.

    A pydantic dataclass with slots, not a model: a million-card deck holds a million of
    them, and a model's per-card attribute storage and bookkeeping took 72 bytes a card
    more (a third of a deck file's size)."""

    id: Id
    term: str = Field(min_length=1)
    definition: str = Field(min_length=1)
    topic: Id | None = None
    tags: tuple[Text, ...] = ()
    aliases: tuple[Text, ...] = ()
    kind: CardKind = CardKind.DEFINITION
    # Ids of cards that mean the same thing or overlap so much that one may never be a
    # wrong option for the other (the deck says so; the generator also detects them).
    related: tuple[Id, ...] = ()
    # Documentation links the card rests on (shown with the answer; not used to ask).
    references: tuple[str, ...] = ()
    # Where the card came from, for error messages and `check`; not part of its identity.
    line: int | None = Field(default=None, exclude=True, repr=False)

    @field_validator("term", "definition")
    @classmethod
    def _not_blank(cls, value: str, info: ValidationInfo) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        limit = MAX_TERM_CHARS if info.field_name == "term" else MAX_DEFINITION_CHARS
        if len(value) > limit:
            raise ValueError(f"is {len(value):,} characters long; at most {limit:,} are allowed")
        return visible(value.strip())

    @property
    def names(self) -> tuple[str, ...]:
        """The term and every alias: all the spellings that mean this card."""
        return (self.term, *self.aliases)


def make_card(
    term: str,
    definition: str,
    *,
    id: str | None = None,
    topic: str | None = None,
    tags: tuple[str, ...] | list[str] = (),
    aliases: tuple[str, ...] | list[str] = (),
    kind: CardKind | str | None = None,
    related: tuple[str, ...] | list[str] = (),
    references: tuple[str, ...] | list[str] = (),
    line: int | None = None,
) -> Card:
    """Build a card filling in what the source did not say: id from the term, aliases from
    a parenthesised abbreviation, kind from the shape of the front."""
    term = visible(term.strip())  # as the card keeps it: its aliases then read back alike
    _, derived = split_aliases(term)
    all_aliases = tuple(dict.fromkeys([*aliases, *derived]))
    if aliases and "(" in term and (reading := final_reading(term)) in all_aliases:
        all_aliases = tuple(a for a in all_aliases if a != reading)  # no alias (`is_reading`)
    if kind is None:
        kind = CardKind.QUESTION if looks_like_question(term) else CardKind.DEFINITION
    fields: dict[str, Any] = {
        "id": id or slugify(term),
        "term": term,
        "definition": definition,
        "topic": sys.intern(topic) if topic else topic,  # one string per topic, not per card
        "tags": tuple(tags),
        "aliases": all_aliases,
        "kind": CardKind(kind),
        "related": tuple(related),
        "references": tuple(references),
        "line": line,
    }
    if not _already_valid(fields):
        return Card(**fields)
    # Made as `Card(**fields)` makes it, without asking pydantic: validating took about
    # 15 µs a card, most of a large deck's load; this takes under 1 µs.
    card = Card.__new__(Card)
    set_attribute = object.__setattr__  # `Card` is frozen: its own `__setattr__` refuses
    for name, value in fields.items():
        set_attribute(card, name, value)
    return card


def _already_valid(fields: dict[str, Any]) -> bool:
    """True when `Card(**fields)` would accept every value and return it unchanged: ids
    match `Id`, texts are stripped and within limits with no control character (`visible`
    would change it), lists are tuples of plain strings, the line an int. Anything else
    goes through pydantic (a test compares both on generated cards)."""
    term, definition, topic = fields["term"], fields["definition"], fields["topic"]
    tags, aliases, related = fields["tags"], fields["aliases"], fields["related"]
    return (
        type(fields["id"]) is str
        and WHOLE_ID.fullmatch(fields["id"]) is not None
        and type(term) is str
        and 0 < len(term) <= MAX_TERM_CHARS
        and term == term.strip()
        and type(definition) is str
        and 0 < len(definition) <= MAX_DEFINITION_CHARS
        and definition == definition.strip()
        # Both texts in one scan: a tab between them is no control and makes none (a
        # carriage return at the term's end is still followed by no line feed).
        and not has_controls(f"{term}\t{definition}")
        and (topic is None or (type(topic) is str and WHOLE_ID.fullmatch(topic) is not None))
        # Most cards have no tags, aliases or related cards: no loop is started for them.
        and (not tags or all(type(text) is str and not has_controls(text) for text in tags))
        and (not aliases or all(type(text) is str and not has_controls(text) for text in aliases))
        and (not related or all(type(text) is str and WHOLE_ID.fullmatch(text) for text in related))
        and all(type(text) is str for text in fields["references"])
        and (fields["line"] is None or type(fields["line"]) is int)
    )


class Topic(BaseModel):
    """An exam domain. `weight` is its share of a mock exam (fractions; they are normalised)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: Id
    name: Text = Field(min_length=1)
    weight: float | None = Field(default=None, ge=0, le=MAX_TOPIC_WEIGHT, allow_inf_nan=False)


class StatedBlueprint(BaseModel):
    """The shape of the real exam as a deck states it: exactly the keys a deck file's
    `[blueprint]` may set (`decks.native_schema.NativeBlueprint` is this, strict)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    questions: int = Field(default=65, ge=1, le=1000)
    minutes: int = Field(default=180, ge=1, le=24 * 60)
    pass_score: int = 750
    score_min: int = 100
    score_max: int = 1000
    # True when the real exam's raw-to-scaled mapping is unpublished and ours approximates it.
    scaled_estimate: bool = True
    # Items of a mock that count for nothing, as the real exam mixes in (AWS: 15 of 65);
    # labelled as such in the results.
    unscored: int = Field(default=0, ge=0)
    # Shares of a mock's card questions asked as generated multiple-response and matching
    # items (the rest single answer); authored items come on top, by topic weight.
    multiple_response: float = Field(default=0.0, ge=0, le=1)
    matching: float = Field(default=0.0, ge=0, le=1)

    @model_validator(mode="after")
    def _pass_in_range(self) -> Self:
        if self.score_min >= self.score_max:
            raise ValueError("score_min must be below score_max")
        if not self.score_min <= self.pass_score <= self.score_max:
            raise ValueError(f"pass_score must lie between {self.score_min} and {self.score_max}")
        if self.unscored >= self.questions:
            raise ValueError(f"unscored must be below questions ({self.questions})")
        return self


# The pace of a mock on a deck that states no blueprint.
ASSUMED_MINUTES_PER_QUESTION = 1


class Blueprint(StatedBlueprint):
    """The shape of the real exam a mock imitates."""

    # True when exam-sim made this blueprint up for a deck that gives none (`default_for`):
    # a mock on it is sized and timed by it, but scored as a percentage, with no scaled
    # score or verdict. Not a key of the deck format (`StatedBlueprint` has no such field,
    # so a deck file that sets it is refused); stored with each attempt.
    assumed: bool = False

    @property
    def graded(self) -> bool:
        """Whether a mock on it gets a scaled score and a pass/fail verdict (and its trend
        and forecast speak in scaled scores), or is scored as a percentage: one exam-sim
        made up has no pass mark to speak of."""
        return not self.assumed

    @property
    def seconds_per_question(self) -> float:
        return self.minutes * 60 / self.questions

    @property
    def topic_threshold(self) -> float:
        """Percent a topic needs for "Meets competencies" (`units.threshold_percent`)."""
        return threshold_percent(self.pass_score, self.score_min, self.score_max)

    def scaled(self, fraction_correct: float) -> int:
        """Scaled score: score_min + (score_max − score_min) × fraction, rounded down."""
        span = self.score_max - self.score_min
        return self.score_min + math.floor(span * fraction_correct + 1e-9)

    @classmethod
    def default_for(cls, card_count: int) -> Blueprint:
        """For a deck that brings none: up to 65 questions, a minute each (a card question
        is short; the AWS pace of ~2.8 minutes is for its long scenario questions)."""
        questions = max(1, min(65, card_count))
        return cls(
            questions=questions, minutes=questions * ASSUMED_MINUTES_PER_QUESTION, assumed=True
        )


_CARD_ID = attrgetter("id")
_CARD_TOPIC = attrgetter("topic")
_CARD_RELATED = attrgetter("related")


class Deck(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    id: DeckId
    title: Text = Field(min_length=1)
    description: Text = ""
    source: Text = ""  # where the cards came from (attribution, licence)
    # What the terms and the definitions are ("Symbol", "Element"; "English", "Spanish"):
    # questions ask by these names (`side_names.side_task`). None: "term", "description".
    sides: tuple[Text, Text] | None = None
    cards: tuple[Card, ...] = ()
    topics: tuple[Topic, ...] = ()
    blueprint: Blueprint | None = None
    cases: tuple[Case, ...] = ()  # case studies: a scenario shared by several items
    items: tuple[Item, ...] = ()  # authored items (docs/decks.md), asked beside the cards
    path: str | None = Field(default=None, exclude=True)  # file it was read from
    # What the reader changed on the way in ("3 sound references were removed"), for the
    # import summary; not part of the deck.
    notes: tuple[Text, ...] = Field(default=(), exclude=True)
    # What a card's `line` counts, as `check` says it: a line of the file, a row of a
    # spreadsheet, a page of a PDF, a slide of a presentation.
    card_places: CardPlaces = Field(default="line", exclude=True)

    @model_validator(mode="after")
    def _consistent(self) -> Deck:
        self._first_inconsistency(cards=not self._plainly_consistent())
        return self

    def _plainly_consistent(self) -> bool:
        """The cards' part of `_first_inconsistency` a column at a time, in C (a Python
        loop over a 1M-card deck took about a second): ids used once, topics known,
        related cards known. False when any may fail."""
        ids = set(map(_CARD_ID, self.cards))
        if len(ids) != len(self.cards):
            return False
        topics = set(map(_CARD_TOPIC, self.cards))
        topics.discard(None)
        if self.topics and not topics <= {topic.id for topic in self.topics}:
            return False
        linked = filter(_CARD_RELATED, self.cards)
        return all(ids.issuperset(card.related) for card in linked)

    def _first_inconsistency(self, *, cards: bool) -> None:
        """Raise the first problem of the deck's references, in the order they are met;
        with `cards` False, the cards are known to have none (`_plainly_consistent`)."""
        seen: set[str] = set()
        for card in self.cards if cards else ():
            if card.id in seen:
                raise ValueError(f"card id {card.id!r} is used twice")
            seen.add(card.id)
        topic_ids = {t.id for t in self.topics}
        if len(topic_ids) != len(self.topics):
            raise ValueError("a topic id is used twice")
        for card in self.cards if cards else ():
            if card.topic is not None and self.topics and card.topic not in topic_ids:
                raise ValueError(f"card {card.id!r} names unknown topic {card.topic!r}")
            for other in card.related:
                if other not in seen:
                    raise ValueError(f"card {card.id!r} is related to unknown card {other!r}")
        case_ids = {case.id for case in self.cases}
        item_ids: set[str] = set()
        card_ids = seen if cards or not self.items else set(map(_CARD_ID, self.cards))
        for item in self.items:
            if item.id in item_ids:
                raise ValueError(f"item id {item.id!r} is used twice")
            if item.id in card_ids:  # the history keeps one schedule per id
                raise ValueError(f"item id {item.id!r} is also the id of a card")
            item_ids.add(item.id)
            if item.case is not None and item.case not in case_ids:
                raise ValueError(f"item {item.id!r} names unknown case {item.case!r}")
            if item.topic is not None and self.topics and item.topic not in topic_ids:
                raise ValueError(f"item {item.id!r} names unknown topic {item.topic!r}")

    @property
    def effective_blueprint(self) -> Blueprint:
        return self.blueprint or Blueprint.default_for(len(self.cards) + len(self.items))

    def card(self, card_id: str) -> Card:
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def topic_name(self, topic_id: str | None) -> str:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic.name
        return topic_id or "(no topic)"

    def topic_counts(self, *, items: bool = True) -> dict[str | None, int]:
        """Cards and items (only cards: `items=False`) by topic, every declared topic
        listed, in the deck's order."""
        counts: dict[str | None, int] = {t.id: 0 for t in self.topics}
        for card in self.cards:
            counts[card.topic] = counts.get(card.topic, 0) + 1
        for item in self.items if items else ():
            counts[item.topic] = counts.get(item.topic, 0) + 1
        return counts

    def case(self, case_id: str | None) -> Case | None:
        return next((case for case in self.cases if case.id == case_id), None)

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(
            sorted(
                {tag for card in self.cards for tag in card.tags}
                | {tag for item in self.items for tag in item.tags}
            )
        )


# Options per question: the generator's range, and what `exam-sim generate --options` takes.
MIN_OPTIONS = 2
MAX_OPTIONS = 6
DEFAULT_OPTIONS = 4


class Question(BaseModel):
    """A question exactly as shown to the learner. Stored verbatim in the history."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str  # "<card id>:<direction>"
    card_id: Id
    topic: Id | None
    direction: Direction
    stem: Text
    options: tuple[Text, ...]
    option_card_ids: tuple[Id, ...]
    answer: int  # the key; for the other kinds, the first of `keys`
    # Why each option is right or wrong: its own card's definition (or term), same order.
    explanations: tuple[Text, ...] = ()
    kind: ItemKind = ItemKind.SINGLE
    # multiple: the correct options; ordering: the options in their right order; matching:
    # for each prompt, its response. Empty for a single-answer question (`answer`).
    keys: tuple[int, ...] = ()
    prompts: tuple[Text, ...] = ()  # matching: what each response is matched to
    rationale: Text = ""  # an authored item's explanation of the whole item
    references: tuple[Text, ...] = ()  # documentation links
    case_title: Text = ""  # a case study's title and scenario, shown beside its item
    scenario: Text = ""
    scored: bool = True  # False: one of the blueprint's unscored items (counts for nothing)
    # What is asked where the direction's prompt would not say it ("What does this
    # abbreviation stand for?": `units.EXPANSION_PROMPT`); "" for the direction's.
    task: Text = ""

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if len(self.options) < 2:
            raise ValueError("a question needs at least two options")
        if len(self.option_card_ids) != len(self.options):
            raise ValueError("option_card_ids must match options")
        if self.explanations and len(self.explanations) != len(self.options):
            raise ValueError("explanations must match options")
        if not 0 <= self.answer < len(self.options):
            raise ValueError("answer index out of range")
        if any(not 0 <= key < len(self.options) for key in self.keys):
            raise ValueError("key index out of range")
        if self.kind is ItemKind.MATCHING and len(self.keys) != len(self.prompts):
            raise ValueError("a matching question has one key per prompt")
        if self.kind is ItemKind.ORDERING and sorted(self.keys) != list(range(len(self.options))):
            raise ValueError("an ordering question's keys put every option in order")
        return self

    @property
    def key_set(self) -> tuple[int, ...]:
        """What a fully right response is (`Answer.response`; single: `(answer,)`)."""
        if self.kind is ItemKind.MULTIPLE:
            return tuple(sorted(self.keys))
        return self.keys or (self.answer,)

    def is_whole(self, response: tuple[int, ...] | None) -> bool:
        """Is this a whole response: N options chosen, every step placed, every prompt
        matched? (Only a whole response counts as answered.)"""
        if not response:
            return False
        if self.kind is ItemKind.MULTIPLE:
            return len(response) == self.choose
        if self.kind is ItemKind.MATCHING:
            return all(n >= 0 for n in response)
        return len(response) == len(self.options)

    @property
    def choose(self) -> int:
        """How many options a learner picks: N of a multiple response, else 1."""
        return len(self.keys) if self.kind is ItemKind.MULTIPLE else 1


class Answer(BaseModel):
    """The learner's state on one question of an attempt."""

    model_config = ConfigDict(defer_build=True)

    position: int  # 0-based index of the question in the attempt
    # single answer: the chosen option. The other kinds keep their `response` and a
    # summary here, so every total that counts answers reads one column: the question's
    # `answer` when the response is fully right, -1 when it is wrong, None until whole.
    choice: int | None = None
    # multiple: the chosen options, ascending; ordering: the options in the learner's
    # order; matching: per prompt the chosen response, -1 where none is chosen yet.
    response: tuple[int, ...] | None = None
    struck: tuple[int, ...] = ()  # options struck out while thinking (reversible)
    seconds: float = 0.0  # time spent on this question while the exam was open
    changes: int = 0  # times a given answer was changed to another
    flagged: bool = False
    confidence: Confidence | None = None  # marked after choosing, when the session asks
    # Asked how sure, and skipped (stored as '' in answers.confidence, NULL being "not yet
    # asked"): a session resumed after a kill asks again only what was never asked.
    mark_skipped: bool = False
    first_choice: int | None = None  # the first answer given (answer changes are classified)

    def is_correct(self, question: Question) -> bool:
        if question.kind is ItemKind.SINGLE:
            return self.choice is not None and self.choice == question.answer
        return self.response is not None and tuple(self.response) == question.key_set

    @staticmethod
    def summary(question: Question, response: tuple[int, ...] | None) -> int | None:
        """The `choice` a non-single response is stored with (see `choice`): None until
        the response is whole, so a half-given item still reads as unanswered."""
        if response is None or not question.is_whole(response):
            return None
        return question.answer if tuple(response) == question.key_set else -1


class TopicScore(BaseModel):
    model_config = ConfigDict(defer_build=True)

    topic: Id | None
    name: Text
    correct: int
    total: int
    verdict: str

    @property
    def percent(self) -> float:
        return percent_of(self.correct, self.total)


class Attempt(BaseModel):
    model_config = ConfigDict(defer_build=True)

    id: int | None = None
    deck_id: DeckId
    deck_title: Text
    mode: AttemptMode
    status: AttemptStatus = AttemptStatus.IN_PROGRESS
    started_at: str  # ISO-8601 UTC
    finished_at: str | None = None
    time_limit_seconds: float | None = None
    elapsed_seconds: float = 0.0
    seed: int = 0
    blueprint: Blueprint
    questions: tuple[Question, ...]
    answers: list[Answer]
    notes: tuple[Text, ...] = ()  # e.g. "Data Engineering had 11 cards, 2 questions moved"
    # The learner asked, when starting, to mark each answer guess / unsure / sure (study
    # always asks); kept with the attempt, so a resumed session asks too (docs/study.md).
    asks_confidence: bool = False
    # The deck file it was taken on, so a resume reads it again (not in exports: local).
    deck_path: str | None = Field(default=None, exclude=True)


class ScoreReport(BaseModel):
    """The result of a finished attempt, computed by `exam_sim.exam.score` and stored as is."""

    model_config = ConfigDict(defer_build=True)

    correct: int
    total: int
    answered: int
    # A scaled score and a verdict only for a mock on a deck with a blueprint (`graded`);
    # None for drills, retries and mocks on a deck that gives no blueprint.
    scaled: int | None
    passed: bool | None
    scaled_estimate: bool
    pass_score: int
    score_min: int
    score_max: int
    topics: tuple[TopicScore, ...]
    time_used_seconds: float
    time_budget_seconds: float | None  # blueprint minutes for this many questions
    notes: tuple[Text, ...] = ()
    # The blueprint's unscored items: how many, and how many of them were right (shown,
    # labelled, never counted in `correct`, `total` or the topics).
    unscored: int = 0
    unscored_correct: int = 0
    # Per item kind ("single", "multiple", "ordering", "matching"): (right, asked), scored
    # items only. Empty in reports stored before item kinds existed.
    kinds: dict[str, tuple[int, int]] = {}
    # A mock on a deck that gives no blueprint: whether it reached the aim its topics are
    # marked against (`topic_threshold`, 72 %). None for every other report, and in
    # reports stored before it was kept (they said no verdict).
    aim_reached: bool | None = None
    # Only on a deck that gives no topics but tags its cards: the scores by tag (`name`),
    # a question under each tag of its card. Empty in reports stored before it was kept.
    tags: tuple[TopicScore, ...] = ()

    @property
    def percent(self) -> float:
        return percent_of(self.correct, self.total)

    @property
    def seconds_per_question(self) -> float:
        return self.time_used_seconds / self.total if self.total else 0.0

    @property
    def scored_by_topic(self) -> bool:
        """False when no question had a topic (the deck gives none): a table of one "(no
        topic)" row would only repeat the total, so every report leaves it out."""
        return by_topic(t.topic for t in self.topics)

    @property
    def topic_names(self) -> dict[str | None, str]:
        """Each topic's name as scored (the deck may have changed since); empty when the
        report is not scored by topic, so that no question is labelled "(no topic)"."""
        return {t.topic: t.name for t in self.topics} if self.scored_by_topic else {}

    @property
    def verdict(self) -> bool | None:
        """The mock's verdict: the pass mark reached (graded), or else the aim (a mock on
        a deck that gives no blueprint); None for drills and retries. The attempts lists
        read it from the history's `passed` column."""
        return self.passed if self.passed is not None else self.aim_reached

    @property
    def graded(self) -> bool:
        """True when the report has a scaled score and a pass/fail verdict."""
        return self.scaled is not None and self.passed is not None

    @property
    def topic_threshold(self) -> float:
        """Percent a topic needed for "Meets competencies", from the report's own scale."""
        return threshold_percent(self.pass_score, self.score_min, self.score_max)
