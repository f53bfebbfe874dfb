"""The data model every part of exam-sim shares (pydantic v2).

Every model defers building its validator until first use (`defer_build`), so starting the
TUI pays only for the models the home screen needs.

Deck data comes from files people wrote by hand, so every model validates its input and
the deck readers turn validation failures into a `DeckError` that names file and line.
"""

from __future__ import annotations

import math
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from exam_sim.controls import visible
from exam_sim.enums import AttemptMode, AttemptStatus, CardKind, Confidence, Direction
from exam_sim.errors import DeckError as DeckError  # re-exported: its home is exam_sim.errors
from exam_sim.text import looks_like_question, slugify, split_aliases
from exam_sim.units import percent_of, threshold_percent

__all__ = [
    "DEFAULT_OPTIONS", "ID_PATTERN", "MAX_DECK_ID", "MAX_DEFINITION_CHARS", "MAX_OPTIONS",
    "MAX_TERM_CHARS", "MAX_TOPIC_WEIGHT", "MIN_OPTIONS", "Answer",
    "Attempt", "AttemptMode", "AttemptStatus", "Blueprint", "Card", "CardKind", "Confidence",
    "Deck", "DeckError", "DeckId", "Direction", "Id", "Question", "ScoreReport", "StatedBlueprint",
    "Topic", "TopicScore", "make_card",
]  # fmt: skip

# Card, topic and deck ids: lower-case ASCII letters and digits, then also '.', '_' and '-'.
# They name files and are stored in the history, so every model that holds one uses `Id`.
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
Id = Annotated[str, StringConstraints(min_length=1, pattern=ID_PATTERN)]

# A deck id names its library file (`<id>.toml`, written via a longer temp name); far
# below the 255-byte file-name limit of common file systems.
MAX_DECK_ID = 100
DeckId = Annotated[Id, StringConstraints(max_length=MAX_DECK_ID)]

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


class Card(BaseModel):
    """One flashcard. `id` is stable: given by the native format, else derived from the term."""

    model_config = ConfigDict(frozen=True, defer_build=True)

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
    term = term.strip()
    _, derived = split_aliases(term)
    all_aliases = tuple(dict.fromkeys([*aliases, *derived]))
    if kind is None:
        kind = CardKind.QUESTION if looks_like_question(term) else CardKind.DEFINITION
    return Card(
        id=id or slugify(term),
        term=term,
        definition=definition,
        topic=topic,
        tags=tuple(tags),
        aliases=all_aliases,
        kind=CardKind(kind),
        related=tuple(related),
        references=tuple(references),
        line=line,
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

    @model_validator(mode="after")
    def _pass_in_range(self) -> Self:
        if self.score_min >= self.score_max:
            raise ValueError("score_min must be below score_max")
        if not self.score_min <= self.pass_score <= self.score_max:
            raise ValueError(f"pass_score must lie between {self.score_min} and {self.score_max}")
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


class Deck(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    id: DeckId
    title: Text = Field(min_length=1)
    description: Text = ""
    source: Text = ""  # where the cards came from (attribution, licence)
    cards: tuple[Card, ...] = ()
    topics: tuple[Topic, ...] = ()
    blueprint: Blueprint | None = None
    path: str | None = Field(default=None, exclude=True)  # file it was read from
    # What the reader changed on the way in ("3 sound references were removed"), for the
    # import summary; not part of the deck.
    notes: tuple[str, ...] = Field(default=(), exclude=True)

    @model_validator(mode="after")
    def _consistent(self) -> Deck:
        seen: set[str] = set()
        for card in self.cards:
            if card.id in seen:
                raise ValueError(f"card id {card.id!r} is used twice")
            seen.add(card.id)
        topic_ids = {t.id for t in self.topics}
        if len(topic_ids) != len(self.topics):
            raise ValueError("a topic id is used twice")
        for card in self.cards:
            if card.topic is not None and self.topics and card.topic not in topic_ids:
                raise ValueError(f"card {card.id!r} names unknown topic {card.topic!r}")
            for other in card.related:
                if other not in seen:
                    raise ValueError(f"card {card.id!r} is related to unknown card {other!r}")
        return self

    @property
    def effective_blueprint(self) -> Blueprint:
        return self.blueprint or Blueprint.default_for(len(self.cards))

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

    def topic_counts(self) -> dict[str | None, int]:
        counts: dict[str | None, int] = {t.id: 0 for t in self.topics}
        for card in self.cards:
            counts[card.topic] = counts.get(card.topic, 0) + 1
        return counts

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(sorted({tag for card in self.cards for tag in card.tags}))


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
    answer: int
    # Why each option is right or wrong: its own card's definition (or term), same order.
    explanations: tuple[Text, ...] = ()

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
        return self


class Answer(BaseModel):
    """The learner's state on one question of an attempt."""

    model_config = ConfigDict(defer_build=True)

    position: int  # 0-based index of the question in the attempt
    choice: int | None = None
    seconds: float = 0.0  # time spent on this question while the exam was open
    changes: int = 0  # times a given answer was changed to another
    flagged: bool = False
    confidence: Confidence | None = None  # marked after choosing, when the session asks
    first_choice: int | None = None  # the first answer given (answer changes are classified)

    def is_correct(self, question: Question) -> bool:
        return self.choice is not None and self.choice == question.answer


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

    @property
    def percent(self) -> float:
        return percent_of(self.correct, self.total)

    @property
    def seconds_per_question(self) -> float:
        return self.time_used_seconds / self.total if self.total else 0.0

    @property
    def graded(self) -> bool:
        """True when the report has a scaled score and a pass/fail verdict."""
        return self.scaled is not None and self.passed is not None

    @property
    def topic_threshold(self) -> float:
        """Percent a topic needed for "Meets competencies", from the report's own scale."""
        return threshold_percent(self.pass_score, self.score_min, self.score_max)
