"""What Home's deck panel shows: the deck's title and counts, its topics, the recent
attempts. The rule is written once here (`deck_panel`) and fed two ways:

* once the deck and the history are open, from the loaded deck (`catalog.facts_of`) and
  `History.attempts`;
* at start-up, before the core is loaded (`glance`): from the deck catalog's facts
  (`deck-index.json`, used only while the deck file's size and time still match) and the
  history file read by one plain read-only query. This module and the catalog import
  nothing that needs pydantic, so the panel is filled about as soon as Home is drawn and
  the full deck follows in the opening worker.

The TUI renders the `DeckPanel`; it decides nothing about what is in it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from exam_sim.decks.catalog import Catalog, named_file, remember
from exam_sim.enums import AttemptMode, AttemptStatus
from exam_sim.present import (
    ScoredAttempt,
    aim_verdict,
    attempt_date,
    blueprint_summary,
    counted,
    deck_size,
    graded,
    score_text,
    size_heading,
    tag_label,
)
from exam_sim.units import gives_topics

if TYPE_CHECKING:
    from exam_sim.models import Deck

# The newest attempts read for the panel; the finished ones among them are shown, at most
# RECENT_SHOWN (an unfinished one is listed by the Resume action instead).
RECENT_READ = 6
RECENT_SHOWN = 5
NO_ATTEMPTS = "None yet: start with a mock exam (M) or a drill (D)."


class RecentAttempt(ScoredAttempt, Protocol):
    """What a line of recent attempts needs (`history.AttemptSummary` has it)."""

    @property
    def started_at(self) -> str: ...
    @property
    def finished_at(self) -> str | None: ...


# NamedTuples, not dataclasses: this module is imported while Home's first frame is
# made, and a dataclass costs about 1 ms to define, a NamedTuple a fifth of that.
class TopicRow(NamedTuple):
    name: str
    cards: str
    weight: str  # "20%", or "" when the deck gives none


class DeckPanel(NamedTuple):
    deck_id: str
    title: str
    summary: str  # "78 cards · 4 topics · exam: 65 questions, 180 min, pass 750/1000"
    topics: tuple[TopicRow, ...]  # a deck scored by tag: its largest tags
    count_heading: str  # of the topics' count column: "Cards", "Items" or "Entries"
    row_heading: str  # "Topic", or "Tag" for a deck scored by tag
    recent: tuple[str, ...]  # one line per finished attempt; empty: NO_ATTEMPTS


class _StatedBlueprint(NamedTuple):
    questions: int
    minutes: int
    pass_score: int
    score_max: int


def deck_panel(facts: Mapping[str, Any], recent: Sequence[RecentAttempt]) -> DeckPanel:
    """The panel of a deck, from its catalog facts (`catalog.facts_of`) and its newest
    attempts, newest first (RECENT_READ of them)."""
    declared = int(facts["declared_topics"])
    topics = counted(declared, "topic") if declared else "no topics"
    tags = int(facts.get("tags", 0))
    by_tag = bool(tags) and not gives_topics(declared, (t for t, *_ in facts["topics"]))
    if by_tag:
        topics += f", scored by its {counted(tags, 'tag')}"  # as `exam.card_tags_of` does
    summary = f"{deck_size(facts['cards'], facts['items'])} · {topics}"
    stated = facts["blueprint"]
    if stated is not None:
        figures = _StatedBlueprint(
            stated["questions"], stated["minutes"], stated["pass_score"], stated["score_max"]
        )
        summary += f" · exam: {blueprint_summary(figures)}"
    rows = [
        TopicRow(name, f"{cards:,}", f"{weight:.0%}" if weight is not None else "")
        for _, name, cards, weight in facts["topics"][:declared]
    ]
    untagged = sum(cards for topic_id, _, cards, _ in facts["topics"] if topic_id is None)
    if untagged and rows:  # a deck with no topics at all: the summary says "no topics"
        rows.append(TopicRow("(no topic)", f"{untagged:,}", ""))
    if by_tag:  # its largest tags, as its reports are scored
        listed = facts.get("tag_counts", [])
        rows = [TopicRow(tag_label(tag), f"{cards:,}", "") for tag, cards in listed]
        if tags > len(listed):
            rows.append(TopicRow(f"… and {counted(tags - len(listed), 'more tag')}", "", ""))
    lines = []
    for attempt in [a for a in recent if a.status is not AttemptStatus.IN_PROGRESS][:RECENT_SHOWN]:
        # Dated and scored as the History screen and `exam-sim history` do.
        score = score_text(attempt)
        if graded(attempt) or aim_verdict(attempt):
            score = f"{score:>4} {'✓' if attempt.passed else '✗'}"
        date = attempt_date(attempt.started_at, attempt.finished_at)
        lines.append(f"{date}  {attempt.mode.value:<5} {score}")
    heading = size_heading(facts["cards"], facts["items"])
    row_heading = "Tag" if by_tag else "Topic"
    return DeckPanel(
        facts["id"], facts["title"], summary, tuple(rows), heading, row_heading, tuple(lines)
    )


# -- the start-up glance: no core, no pydantic ----------------------------------------


class StoredAttempt(NamedTuple):
    """The columns of a stored attempt that a recent-attempts line reads."""

    mode: AttemptMode
    status: AttemptStatus
    started_at: str
    finished_at: str | None
    question_count: int
    correct: int | None
    scaled: int | None
    passed: bool | None


_RECENT_SQL = (
    "SELECT mode, status, started_at, finished_at, question_count, correct, scaled, passed "
    "FROM attempts WHERE deck_id = ? ORDER BY started_at DESC, id DESC LIMIT ?"
)


def read_recent(db: Path, deck_id: str) -> list[StoredAttempt] | None:
    """The deck's newest attempts by one read-only query, without opening the history
    (no checks, no migration, no write, no wait for a lock); None if the file cannot be
    read so (the opening worker then says why, or fills the panel itself). A history not
    created yet has no attempts."""
    import sqlite3  # already loaded once the history is open; not before

    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=0)
        try:
            rows = conn.execute(_RECENT_SQL, (deck_id, RECENT_READ)).fetchall()
        finally:
            conn.close()
        return [
            StoredAttempt(
                AttemptMode(mode),
                AttemptStatus(status),
                started,
                finished,
                count,
                correct,
                scaled,
                None if passed is None else bool(passed),
            )
            for mode, status, started, finished, count, correct, scaled, passed in rows
        ]
    except (sqlite3.Error, ValueError, TypeError, OSError):
        return None


def glance(spec: object, db: str | Path | None) -> DeckPanel | None:
    """The panel of the deck `spec` names (an id or a file), from the catalog and a plain
    read of the history `db` (None: the data folder's), or None when either cannot be read
    so: `spec` is not a name (a loaded deck), the deck file is not found by name, has no
    catalog entry or changed since it was catalogued, or the history cannot be read."""
    if not isinstance(spec, str):
        return None
    from exam_sim.paths import default_db_path

    db = Path(db) if db is not None else default_db_path()
    file = named_file(spec)
    if file is None:
        return None
    facts = Catalog().get(file)
    if facts is None:
        return None
    try:
        recent = read_recent(db, str(facts["id"]))
        return None if recent is None else deck_panel(facts, recent)
    except (KeyError, TypeError, ValueError, IndexError):  # a catalog edited by hand
        return None


def catalogue(spec: str, deck: Deck) -> None:
    """Enter the deck opened for `spec` in the catalog if it is not there or its file
    changed since, so that the next start-up shows it by `glance`."""
    file = named_file(spec)
    if file is not None and Catalog().get(file) is None:
        remember(deck, file)
