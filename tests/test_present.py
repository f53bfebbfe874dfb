"""`exam_sim.present`: the one place the CLI and the TUI take their words and formats from."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from exam_sim.enums import AttemptMode, AttemptStatus, Direction
from exam_sim.models import Question, ScoreReport
from exam_sim.present import (
    EXPANSION_PROMPT,
    answer_index,
    attempt_date,
    counted,
    duration,
    letter,
    local_time,
    number_list,
    percent,
    prompt,
    scale_note,
    score_text,
    verdict_text,
)


@pytest.fixture
def india_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "IST-5:30")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_letters_and_typed_answers() -> None:
    # Past F (the six options a generated question has) an authored matching item's
    # responses go on to L; past L, numbers.
    assert [letter(i) for i in range(7)] == ["A", "B", "C", "D", "E", "F", "G"]
    assert letter(11) == "L" and letter(12) == "13"
    assert [answer_index(w) for w in ("a", "E", "1", "6", " c ")] == [0, 4, 0, 5, 2]
    # f flags, in the TUI and in --plain alike: option F is answered with 6.
    assert [answer_index(w) for w in ("f", "g", "0", "7", "ab", "", "?")] == [None] * 7


def test_numbers_and_durations() -> None:
    assert percent(72.222) == "72.2 %" and percent(72.5, 0) == "72 %"
    assert duration(65) == "1:05" and duration(3723) == "1:02:03" and duration(-4) == "0:00"
    assert number_list([3, 8, 11]) == "4, 9, 12"
    assert counted(1, "card") == "1 card" and counted(0, "card") == "0 cards"
    assert counted(100_000, "card") == "100,000 cards"


def test_prompts_and_labels() -> None:
    def asked(direction: Direction, task: str = "") -> Question:
        return Question(id="q", card_id="c", topic=None, direction=direction, stem="DNS",
                        options=("a", "b"), option_card_ids=("c", "d"), answer=0,
                        task=task)  # fmt: skip

    assert prompt(asked(Direction.DEFINITION_TO_TERM)) == "Which term matches this description?"
    assert prompt(asked(Direction.TRUE_FALSE)) == ""
    # A question's own task, where it has one, is what is asked.
    assert prompt(asked(Direction.TERM_TO_DEFINITION, EXPANSION_PROMPT)) == EXPANSION_PROMPT
    assert AttemptMode.WEAK.label == "Weak-spot drill" and AttemptMode.RETRY.label == "Retry missed"
    assert AttemptStatus.TIMED_OUT.label == "timed out"
    assert Direction.TERM_TO_DEFINITION.label == "term → definition"


def test_dates_are_local_and_an_attempt_is_dated_by_its_finish(india_time: None) -> None:
    assert local_time("2026-11-24T21:00:00+00:00") == "2026-11-25 02:30"
    assert local_time(None) == "" and local_time("garbled") == "garbled"
    started, finished = "2026-11-24T09:00:00+00:00", "2026-11-24T10:10:00+00:00"
    assert attempt_date(started, finished) == "2026-11-24 15:40"
    assert attempt_date(started, None) == "2026-11-24 14:30"


@dataclass(frozen=True)
class Line:
    mode: AttemptMode
    status: AttemptStatus = AttemptStatus.SUBMITTED
    question_count: int = 10
    correct: int | None = 9
    scaled: int | None = 910
    passed: bool | None = True


def test_a_drill_scores_a_percentage_and_only_a_graded_mock_a_scaled_score() -> None:
    mock = Line(AttemptMode.MOCK)
    assert (score_text(mock), verdict_text(mock)) == ("910", "pass")
    # A drill stored by an older exam-sim still carries a scaled score: shown as a drill.
    old_drill = Line(AttemptMode.DRILL)
    assert (score_text(old_drill), verdict_text(old_drill)) == ("90 %", "")
    ungraded = Line(AttemptMode.MOCK, scaled=None, passed=None)
    assert (score_text(ungraded), verdict_text(ungraded)) == ("90 %", "")
    unfinished = Line(AttemptMode.MOCK, status=AttemptStatus.IN_PROGRESS, correct=None)
    assert (score_text(unfinished), verdict_text(unfinished)) == ("", "")


def _report(**changes: object) -> ScoreReport:
    fields: dict[str, object] = dict(
        correct=1, total=2, answered=2, scaled=550, passed=False, scaled_estimate=True,
        pass_score=750, score_min=100, score_max=1000, topics=(), time_used_seconds=1.0,
        time_budget_seconds=None,
    )  # fmt: skip
    return ScoreReport.model_validate({**fields, **changes})


def test_the_scale_note_is_made_from_the_reports_own_scale() -> None:
    assert scale_note(_report()) == (
        "The scaled score is an estimate: 100 + 900 × the fraction correct "
        "(the real exam does not publish its mapping)."
    )
    hundred = scale_note(_report(scaled=50, pass_score=70, score_min=0, score_max=100))
    assert hundred is not None and "0 + 100 × the fraction correct" in hundred
    assert scale_note(_report(scaled_estimate=False)) is None
    assert scale_note(_report(scaled=None, passed=None)) is None  # a drill: no scaled score


def test_present_loads_neither_pydantic_nor_textual() -> None:
    """Home draws with it before the deck (and pydantic) is loaded."""
    code = (
        "import sys, exam_sim.present\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('pydantic', 'textual',"
        " 'exam_sim.models')))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    ("cards", "items", "size", "heading"),
    [
        (78, 0, "78 cards", "Cards"),
        (0, 6, "6 items", "Items"),
        (0, 1, "1 item", "Items"),
        (1, 1, "1 card and 1 item", "Entries"),
        (0, 0, "0 cards", "Cards"),
    ],
)
def test_a_deck_size_names_cards_and_items(cards: int, items: int, size: str, heading: str) -> None:
    from exam_sim.units import deck_size, size_heading

    assert deck_size(cards, items) == size
    assert size_heading(cards, items) == heading
