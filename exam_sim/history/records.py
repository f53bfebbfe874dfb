"""What the history hands back: small frozen records of ids, counts, numbers and ISO times.

Nothing here formats for display: percentages are floats and times are the stored ISO-8601
UTC strings. The CLI (`exam_sim.report`, `exam_sim.commands.history`) and the TUI turn them
into text, each in its own way.
"""

from __future__ import annotations

from dataclasses import dataclass

from exam_sim.errors import HistoryError as HistoryError  # re-exported from exam_sim.errors
from exam_sim.models import AttemptMode, AttemptStatus
from exam_sim.units import percent_of

# A deck scored by tag (no topics) keeps each tag's score beside its topic rows, as the
# topic TAG_TOPIC + the tag: no topic id starts so (ids are slugs). `History.topic_averages`
# and `topic_trend` hand back the one or the other (`tags=`), never both.
TAG_TOPIC = "#"


class DiskFull(HistoryError):
    """The disk holding the history is full: the write was not made, nothing committed
    before it was lost."""


@dataclass(frozen=True)
class AttemptSummary:
    """One line of the attempts list.

    Not slotted: `rows.summary_row` fills the instance's __dict__ directly (see there).
    """

    id: int
    deck_id: str
    deck_title: str
    mode: AttemptMode
    status: AttemptStatus
    started_at: str
    finished_at: str | None
    elapsed_seconds: float
    time_limit_seconds: float | None
    question_count: int
    answered: int
    correct: int | None  # None until finished
    scaled: int | None
    passed: bool | None

    @property
    def finished(self) -> bool:
        return self.status is not AttemptStatus.IN_PROGRESS

    @property
    def percent(self) -> float | None:
        if self.correct is None or not self.question_count:
            return None
        return percent_of(self.correct, self.question_count)

    @property
    def time_left_seconds(self) -> float | None:
        """What a resumed attempt still has on its clock (time counts only while open)."""
        if self.time_limit_seconds is None:
            return None
        return max(0.0, self.time_limit_seconds - self.elapsed_seconds)


@dataclass(frozen=True)
class TopicTrendPoint:
    """A topic's score in one finished attempt (not slotted, like AttemptSummary)."""

    attempt_id: int
    finished_at: str
    topic: str | None
    name: str
    correct: int
    total: int

    @property
    def percent(self) -> float:
        return percent_of(self.correct, self.total)


@dataclass(frozen=True, slots=True)
class TopicAverage:
    """A topic over all finished attempts of a deck, with its recent direction.

    ``trend`` is the pooled percent of the last ``RECENT`` attempts that had the topic minus
    the pooled percent of all the attempts before them, in percentage points (positive:
    improving); None while there are no earlier attempts to compare with.
    """

    RECENT = 3

    topic: str | None  # a tag's: TAG_TOPIC + the tag
    name: str
    attempts: int
    correct: int
    total: int
    recent_percent: float
    earlier_percent: float | None

    @property
    def percent(self) -> float:
        return percent_of(self.correct, self.total)

    @property
    def trend(self) -> float | None:
        if self.earlier_percent is None:
            return None
        return self.recent_percent - self.earlier_percent


@dataclass(frozen=True, slots=True)
class CardStats:
    """How a card fared as the key of questions in finished attempts.

    ``chosen_wrongly`` counts the times the card was picked as a wrong option for another
    card: the learner mistook it for something else, which is a weakness of its own.
    """

    deck_id: str
    card_id: str
    label: str | None  # the card's term as last shown, when a question showed it
    seen: int
    correct: int
    wrong: int
    unanswered: int
    chosen_wrongly: int
    last_seen: str | None

    @property
    def missed(self) -> int:
        return self.wrong + self.unanswered

    @property
    def miss_rate(self) -> float:
        return self.missed / self.seen if self.seen else 0.0


@dataclass(frozen=True, slots=True)
class Confusion:
    """The learner picked ``chosen`` when the key was ``key``, ``times`` times.

    `exam_sim.report.confusion_sentence` says it in words.
    """

    deck_id: str
    key_card_id: str
    key_text: str
    chosen_card_id: str
    chosen_text: str
    times: int
