"""The session engine: what a practice session *is*, without any screen.

One module per job (docs/architecture.md describes the layout):

* ``request``: `SessionRequest` / `ResumeRequest` and `prepare`, the one place that turns a
  request and a deck into the questions, the time limit and the seed;
* ``planning``: which questions a mock, a drill, a weak-spot drill or a retry asks
  (``slot_supply``: a mock's slots, topic by topic, and their stand-ins);
* ``capacity``: how many questions a drill of chosen topics and tags can make, and a mock;
* ``session``: `ExamSession`, the running attempt (answers, flags, clock, autosave);
* ``scoring``: the score report, by topic;
* ``errors``: `SessionError`.

Pure apart from the injected clock and store: no Textual, no printing. Everything the rest
of exam-sim uses is importable from here.
"""

from exam_sim.exam.capacity import DrillCapacity, MockSize, drill_capacity, mock_size
from exam_sim.exam.errors import SessionError
from exam_sim.exam.planning import (
    DRILL_RULE,
    Plan,
    QuestionSource,
    allocate,
    drill_cards,
    drill_items,
    drill_rule,
    drill_units,
    plan_drill,
    plan_mock,
    plan_retry,
    plan_weak,
    reshuffle,
    with_weak_summary,
)
from exam_sim.exam.request import (
    DEFAULT_COUNT,
    NoNewCardAskable,
    NothingDue,
    NothingToStudy,
    Preparation,
    ResumeRequest,
    SessionRequest,
    SessionSetup,
    check_request,
    deck_of,
    mock_minutes,
    new_seed,
    plan_session,
    prepare,
    resumable,
    retry_deck,
    study_cards,
    time_limit,
    topic_id,
    weakest_drill,
    weakest_topic,
)
from exam_sim.exam.scoring import (
    MEETS,
    NEEDS,
    attempt_report_if_finished,
    card_tags_of,
    is_graded,
    score,
    topic_name,
    topic_names_of,
    topic_threshold,
)
from exam_sim.exam.session import (
    ELAPSED_SAVE_INTERVAL,
    Clock,
    ExamSession,
    Feedback,
    new_attempt,
    now_iso,
)
from exam_sim.exam.session_store import SessionStore
from exam_sim.exam.weak_spots import (
    CardHistory,
    WeakSpotSource,
    rank_weak_cards,
    weak_card_history,
    weak_name,
    weakness,
)

__all__ = [
    "DEFAULT_COUNT",
    "DRILL_RULE",
    "ELAPSED_SAVE_INTERVAL",
    "MEETS",
    "NEEDS",
    "CardHistory",
    "Clock",
    "DrillCapacity",
    "ExamSession",
    "Feedback",
    "MockSize",
    "NoNewCardAskable",
    "NothingDue",
    "NothingToStudy",
    "Plan",
    "Preparation",
    "QuestionSource",
    "ResumeRequest",
    "SessionError",
    "SessionRequest",
    "SessionSetup",
    "SessionStore",
    "WeakSpotSource",
    "allocate",
    "attempt_report_if_finished",
    "card_tags_of",
    "check_request",
    "deck_of",
    "drill_capacity",
    "drill_cards",
    "drill_items",
    "drill_rule",
    "drill_units",
    "is_graded",
    "mock_minutes",
    "mock_size",
    "new_attempt",
    "new_seed",
    "now_iso",
    "plan_drill",
    "plan_mock",
    "plan_retry",
    "plan_session",
    "plan_weak",
    "prepare",
    "rank_weak_cards",
    "reshuffle",
    "resumable",
    "retry_deck",
    "score",
    "study_cards",
    "time_limit",
    "topic_id",
    "topic_name",
    "topic_names_of",
    "topic_threshold",
    "weak_card_history",
    "weak_name",
    "weakest_drill",
    "weakest_topic",
    "weakness",
    "with_weak_summary",
]
