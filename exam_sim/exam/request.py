"""What a learner asks for, and the one function that turns it into a session.

Both front ends build a `SessionRequest` (the CLI from its options, the TUI from a key on
Home, the drill set-up dialog or the results screen) and hand it to `prepare`, which checks
it against the deck and reads what it needs from the history, then `Preparation.plan`,
which chooses the questions, the time limit and the seed. Every rule about what a request
means lives here, once:

* 0 minutes means untimed, whatever the mode; no minutes means the blueprint's pace for a
  mock and untimed for drills and retries;
* topics are given by id, name or slug of the name; an unknown topic or tag is refused;
* a weak-spot drill ranks the deck's cards by weakness, then keeps those of the chosen
  topics and tags;
* a retry asks the missed questions of a finished attempt, on that attempt's deck;
* no seed means a fresh one, short enough to type back in with `--seed`;
* the weakest topic of a report is the one with the lowest percentage (on a tie, the one
  that asked more questions).

`prepare` reads the history on the calling thread (the TUI's connection is used from one
thread at a time); `Preparation.plan` is pure and may run in a worker thread.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from exam_sim.exam import coach
from exam_sim.exam.errors import SessionError
from exam_sim.exam.planning import (
    Plan,
    QuestionSource,
    can_ask,
    plan_drill,
    plan_mock,
    plan_retry,
    plan_weak,
)
from exam_sim.exam.session import new_attempt
from exam_sim.exam.weak_spots import CardHistory, WeakSpotSource, weak_card_history
from exam_sim.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    Blueprint,
    Deck,
    DeckError,
    ScoreReport,
    TopicScore,
)
from exam_sim.schedule.study import (
    NewCards,
    StudyQueue,
    interleave,
    start_of_local_day,
    study_queue,
)
from exam_sim.schedule.units import study_noun, study_units
from exam_sim.text import fold, slugify
from exam_sim.units import NOTHING_TO_STUDY, counted, wait_text

if TYPE_CHECKING:
    from exam_sim.history import AttemptSummary

DEFAULT_COUNT = 10  # questions in a drill when the learner does not say
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class SessionRequest:
    """A session a learner asks for, before it is checked against a deck.

    `minutes`: None for the mode's default (a mock: the blueprint's time, pro rata for a
    shorter one; drills and retries: untimed), 0 for untimed, else the limit.
    `questions` sizes a mock (None: the blueprint's number); `count` sizes a drill.
    `topics` (ids or names) and `tags` choose a drill's cards, or filter a weak-spot
    drill's. `seed`: None for a fresh one. `retry_of`: the attempt a retry repeats.
    `confidence`: ask how sure each answer was (kept with the attempt, so a resume asks too).
    """

    mode: AttemptMode = AttemptMode.MOCK
    questions: int | None = None
    minutes: float | None = None
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    count: int = DEFAULT_COUNT
    seed: int | None = None
    retry_of: int | None = None
    # study: today's limit of new cards (`--new-per-day`, or the plan's number a front end
    # knew already); None: worked out, the default or the daily plan's when it asks more
    new_cards: NewCards | None = None
    # Mark each answer guess / unsure / sure (a study session always asks).
    confidence: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", AttemptMode(self.mode))
        object.__setattr__(self, "topics", tuple(self.topics))
        object.__setattr__(self, "tags", tuple(self.tags))
        if self.questions is not None and self.questions < 1:
            raise SessionError(f"a mock needs 1 question or more, not {self.questions}")
        if self.count < 1:
            raise SessionError(f"a drill needs 1 question or more, not {self.count}")
        if self.minutes is not None and not 0 <= self.minutes <= MAX_MINUTES:
            raise SessionError(
                f"the time limit must be between 0 (untimed) and {MAX_MINUTES} minutes, "
                f"not {self.minutes:g}"
            )
        if self.new_cards is not None and self.new_cards.per_day < 0:
            raise SessionError(f"new cards a day must be 0 or more, not {self.new_cards.per_day}")
        if (self.mode is AttemptMode.RETRY) != (self.retry_of is not None):
            raise SessionError("a retry, and only a retry, names the attempt it repeats")

    @property
    def weak(self) -> bool:
        return self.mode is AttemptMode.WEAK

    @property
    def asks_confidence(self) -> bool:
        """Study always asks how sure an answer was; a mock or a drill when asked to."""
        return self.confidence or self.mode is AttemptMode.STUDY

    def with_seed(self, seed: int | None) -> SessionRequest:
        """This request with `seed` filled in, unless it names one already."""
        return self if self.seed is not None or seed is None else replace(self, seed=seed)


@dataclass(frozen=True)
class ResumeRequest:
    """Continue an unfinished attempt: this one, or the newest (of one deck, if given)."""

    attempt_id: int | None = None
    deck_id: str | None = None
    # Open it here even if another live session has it open (that one stops saving).
    take_over: bool = False


class PlanningHistory(WeakSpotSource, coach.ReadinessHistory, Protocol):
    """What `prepare` reads from the history (`exam_sim.history.History` provides it):
    a study session's queue reads the deck's daily plan too."""

    def load_attempt(self, attempt_id: int) -> Attempt: ...


class NothingDue(SessionError):
    """A study session with nothing to ask: no card is due and today's new cards are done."""


class NoNewCardAskable(NothingDue):
    """No card is due, and the new cards left cannot be asked (`planning.can_ask`)."""


class NothingToStudy(NothingDue):
    """A question bank with no question a study session asks (`schedule.units.study_units`)."""


class ResumeHistory(Protocol):
    def unfinished(self, deck_id: str | None = None) -> Sequence[AttemptSummary]: ...
    def load_attempt(self, attempt_id: int) -> Attempt: ...
    def claim(self, attempt_id: int, *, take_over: bool = False) -> None: ...


@dataclass(frozen=True)
class SessionSetup:
    """A request made concrete on a deck: the questions, the time limit and the seed."""

    request: SessionRequest
    deck: Deck
    plan: Plan
    minutes: float | None  # None: untimed
    seed: int

    @property
    def mode(self) -> AttemptMode:
        return self.request.mode

    @property
    def time_limit_seconds(self) -> float | None:
        return None if self.minutes is None else self.minutes * 60.0

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.plan.questions)

    def new_attempt(self) -> Attempt:
        """The attempt to start (not yet saved: `ExamSession` saves it)."""
        attempt = new_attempt(
            self.deck, self.plan, mode=self.mode, minutes=self.minutes, seed=self.seed
        )
        attempt.asks_confidence = self.request.asks_confidence
        return attempt


@dataclass(frozen=True)
class Preparation:
    """A request checked against its deck, with what it needs from the history read.

    `plan` does the rest without touching the history, so the TUI may call it in a thread.
    """

    request: SessionRequest  # topics as ids, the seed chosen
    deck: Deck
    card_history: Mapping[str, CardHistory] | None = None  # weak-spot drills
    original: Attempt | None = None  # retries
    study: StudyQueue | None = None  # study sessions

    @property
    def seed(self) -> int:
        assert self.request.seed is not None
        return self.request.seed

    @property
    def needs_generator(self) -> bool:
        """False for a retry: its questions come from the attempt, nothing to build."""
        return self.request.mode is not AttemptMode.RETRY

    def plan(self, source: QuestionSource | None = None) -> SessionSetup:
        """Choose the questions and the time limit (pure; may run in a worker thread)."""
        request, deck, seed = self.request, self.deck, self.seed
        if request.mode is AttemptMode.RETRY:
            assert self.original is not None
            plan = plan_retry(self.original, seed=seed)
        else:
            if source is None:
                from exam_sim.exam.items import source_for

                source = source_for(deck)
            plan = self._plan_from(source)
        if not plan.questions:
            raise SessionError(f"deck {deck.id!r} cannot make a single question for this choice")
        minutes = time_limit(request, deck, len(plan.questions))
        return SessionSetup(request=request, deck=deck, plan=plan, minutes=minutes, seed=seed)

    def _plan_from(self, source: QuestionSource) -> Plan:
        request, seed = self.request, self.seed
        if request.mode is AttemptMode.MOCK:
            return plan_mock(source, questions=request.questions, seed=seed)
        if request.mode is AttemptMode.STUDY:
            assert self.study is not None
            queue = self.study.askable(lambda card: can_ask(source, card, seed))
            if not queue.card_ids:
                noun = study_noun(self.deck)
                raise NoNewCardAskable(
                    nothing_due(self.deck.title, self.study, coach.utc_now(), noun=noun)
                )
            cards = queue.card_ids
            return plan_drill(source, card_ids=cards, count=len(cards), seed=seed)
        if request.mode is AttemptMode.WEAK:
            return plan_weak(
                source,
                self.card_history or {},
                count=request.count,
                seed=seed,
                topics=request.topics,
                tags=request.tags,
            )
        return plan_drill(
            source, topics=request.topics, tags=request.tags, count=request.count, seed=seed
        )


def prepare(
    request: SessionRequest, deck: Deck, *, history: PlanningHistory | None = None
) -> Preparation:
    """Check `request` against `deck` (topics, tags) and read what it needs from the
    history: the weak-spot ranking, the attempt to retry. Raises `SessionError`."""
    request = request.with_seed(request.seed if request.seed is not None else new_seed())
    card_history: Mapping[str, CardHistory] | None = None
    original: Attempt | None = None
    study: StudyQueue | None = None
    if request.mode is AttemptMode.STUDY:
        study = study_cards(request, deck, _need(history))
    elif request.mode is AttemptMode.RETRY:
        assert request.retry_of is not None
        original = _retryable(_need(history).load_attempt(request.retry_of))
        deck = retry_deck(original, deck)
    else:
        request = check_request(request, deck)
        if request.mode is AttemptMode.WEAK:
            card_history = weak_card_history(_need(history), deck.id)
    return Preparation(
        request=request, deck=deck, card_history=card_history, original=original, study=study
    )


def study_cards(
    request: SessionRequest, deck: Deck, history: PlanningHistory, *, now: datetime | None = None
) -> StudyQueue:
    """The cards a study session asks now (due first, then today's new cards; a question
    bank's questions, `schedule.units.study_units`); `NothingDue` when there are none."""
    now = now or coach.utc_now()  # looked up at call time: tests fix the clock there
    new_cards = request.new_cards or coach.new_cards_a_day(history, deck, now=now)
    units = study_units(deck)
    if not units.ids:  # a deck with neither cards nor items (made in code, not read)
        raise NothingToStudy(f"{deck.title} has {NOTHING_TO_STUDY}")
    cards = interleave(units.ids, units.topics)
    queue = study_queue(
        cards,
        history.memories(deck.id),
        now=now,
        new_today=history.new_cards_since(deck.id, start_of_local_day(now)),
        new_per_day=new_cards.per_day,
        limit=request.count,
    )
    if not queue.card_ids:
        raise NothingDue(nothing_due(deck.title, queue, now, new_cards, noun=units.noun))
    return queue


def nothing_due(
    title: str,
    queue: StudyQueue,
    now: datetime,
    new_cards: NewCards | None = None,
    *,
    noun: str = "card",
) -> str:
    """Why a study session has no card to ask, and when it will have one: "no card of X
    is due yet (the next in 4 min), and today's 10 new cards are done" (`noun`: "question"
    on a question bank). Without `new_cards`: the queue's new cards are there, but none can
    be asked (`askable`)."""
    said = f"no {noun} of {title} is due"
    if queue.next_due is not None:
        said += f" yet (the next {wait_text((queue.next_due - now).total_seconds())})"
    unseen = len(queue.new) + len(queue.later)
    if not unseen:
        return f"{said}, and none is new"
    if new_cards is None:
        left = counted(unseen, f"new {noun}")
        return f"{said}, and none of the {left} left can be asked (exam-sim check says why)"
    if not new_cards.per_day:  # `--new-per-day 0`: reviews only, by the learner's choice
        return f"{said}, and new {noun}s are set to 0 a day"
    return f"{said}, and today's {new_cards.label_of(noun)} are done"


def check_request(request: SessionRequest, deck: Deck) -> SessionRequest:
    """The request with its topics as the deck's topic ids; an unknown topic or tag is a
    `SessionError`. The CLI calls it before opening the TUI, so a typo draws nothing."""
    if request.mode is AttemptMode.RETRY:
        return request
    topics = tuple(dict.fromkeys(topic_id(deck, spec) for spec in request.topics))
    for tag in request.tags:
        check_tag(deck, tag)
    return replace(request, topics=topics)


def plan_session(
    request: SessionRequest,
    deck: Deck,
    *,
    history: PlanningHistory | None = None,
    source: QuestionSource | None = None,
) -> SessionSetup:
    """`prepare` then `Preparation.plan`: the request as a session ready to start."""
    return prepare(request, deck, history=history).plan(source)


def _need(history: PlanningHistory | None) -> PlanningHistory:
    if history is None:
        raise SessionError("this session needs the history, and none is open")
    return history


def time_limit(request: SessionRequest, deck: Deck, questions: int) -> float | None:
    """The session's limit in minutes, None when untimed (decided here and nowhere else)."""
    if request.minutes == 0:
        return None
    if request.minutes is not None:
        return float(request.minutes)
    if request.mode is AttemptMode.MOCK:
        return mock_minutes(deck.effective_blueprint, questions)
    return None


def new_seed() -> int:
    """A fresh seed, short enough to type back in with `--seed`."""
    return random.SystemRandom().randrange(1, 1_000_000)


def topic_id(deck: Deck, spec: str) -> str:
    """A topic by id, by name (any case or accents) or by the slug of its name."""
    for topic in deck.topics:
        if spec == topic.id or fold(spec) == fold(topic.name) or slugify(spec) == topic.id:
            return topic.id
    known = {c.topic for c in deck.cards if c.topic}
    if spec in known:
        return spec
    names = ", ".join(f"{t.id} ({t.name})" for t in deck.topics) or ", ".join(sorted(known))
    if not names:
        raise SessionError(f"deck {deck.id!r} has no topics: leave out the topic {spec!r}")
    raise SessionError(f"deck {deck.id!r} has no topic {spec!r}; its topics are: {names}")


def check_tag(deck: Deck, tag: str) -> None:
    if not deck.tags:
        raise SessionError(f"deck {deck.id!r} has no tags: leave out the tag {tag!r}")
    if tag not in deck.tags:
        raise SessionError(
            f"deck {deck.id!r} has no tag {tag!r}; its tags are: {', '.join(deck.tags)}"
        )


def _retryable(original: Attempt) -> Attempt:
    if original.status is AttemptStatus.IN_PROGRESS:
        raise SessionError(f"attempt {original.id} is not finished: resume it first")
    return original


def deck_of(attempt: Attempt) -> Deck | None:
    """The deck `attempt` was taken on, for its resume, retry or review: read again from
    the file it came from while that holds a deck of the same id (a deck file outside the
    library too, whose id nothing else finds), else found by its id; None when it is gone
    (the attempt carries its own questions, so it goes on without one)."""
    from exam_sim.decks import load_deck, resolve_deck  # only here: a front end's import

    if attempt.deck_path is not None:
        with contextlib.suppress(DeckError):
            deck = load_deck(attempt.deck_path)
            if deck.id == attempt.deck_id:
                return deck
    try:
        return resolve_deck(attempt.deck_id)
    except DeckError:
        return None


def retry_deck(original: Attempt, deck: Deck | None) -> Deck:
    """The deck a retry is taken on: the original attempt's, or a stand-in made from the
    attempt when that deck is gone (the attempt's own questions are all a retry needs)."""
    if deck is not None and deck.id == original.deck_id:
        return deck
    return Deck(id=original.deck_id, title=original.deck_title, blueprint=original.blueprint)


def weakest_topic(report: ScoreReport) -> TopicScore | None:
    """The topic to drill after this report: the lowest percentage, on a tie the one with
    more questions; None when the deck has no topics."""
    topics = [t for t in report.topics if t.topic is not None]
    return _weakest(topics) if topics else None


def _weakest(scores: Sequence[TopicScore]) -> TopicScore:
    return min(scores, key=lambda t: (t.percent, -t.total))


def weakest_drill(
    report: ScoreReport, *, confidence: bool = False
) -> tuple[TopicScore, SessionRequest] | None:
    """The drill to take after this report: on its weakest topic, or on a deck without
    topics its weakest tag (`weakest_topic`'s order); None when it has neither."""
    weakest = weakest_topic(report)
    if weakest is not None and weakest.topic is not None:
        request = SessionRequest(
            mode=AttemptMode.DRILL, topics=(weakest.topic,), confidence=confidence
        )
        return weakest, request
    if report.tags:
        tag = _weakest(report.tags)
        return tag, SessionRequest(mode=AttemptMode.DRILL, tags=(tag.name,), confidence=confidence)
    return None


def resumable(history: ResumeHistory, request: ResumeRequest) -> Attempt | None:
    """The attempt `request` names (finished or not: the caller says what to do with a
    finished one), or the newest unfinished one; None when there is nothing to resume.

    An attempt in progress is opened in this session first (`History.claim`: refused while
    another live session has it open, unless `request.take_over`) and read after that, so
    it holds every answer the other session acknowledged."""
    attempt_id = request.attempt_id
    if attempt_id is None:
        unfinished = history.unfinished(deck_id=request.deck_id)  # newest first
        if not unfinished:
            return None
        attempt_id = unfinished[0].id
    attempt = history.load_attempt(attempt_id)
    if attempt.status is not AttemptStatus.IN_PROGRESS:
        return attempt
    history.claim(attempt_id, take_over=request.take_over)
    return history.load_attempt(attempt_id)


def mock_minutes(blueprint: Blueprint, questions: int) -> float:
    """The blueprint's time for a mock of `questions` questions (its pace when shorter)."""
    if questions == blueprint.questions:
        return float(blueprint.minutes)
    return max(0.1, round(blueprint.seconds_per_question * questions / 60.0, 1))
