"""How exam-sim words the study schedule, the end of a study session and the forecast,
once for both front ends (the TUI's Home and study screens, `study`/`plan` and their
--plain sessions). The rest of what both say is `exam_sim.present`'s.

No pydantic at import time, as in `exam_sim.present`: models appear in type hints only.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from exam_sim.lexicon import capitalised
from exam_sim.present import percent
from exam_sim.units import NOTHING_TO_STUDY, counted, wait_text

if TYPE_CHECKING:
    from exam_sim.exam.recap import MissedCard, StudyRecap
    from exam_sim.models import ScoreReport
    from exam_sim.schedule.forecast import Forecast
    from exam_sim.schedule.study import DueSummary

__all__ = [
    "NO_CARDS_TO_STUDY",
    "MissedLine",
    "due_line",
    "forecast_line",
    "missed_lines",
    "plan_line",
    "readiness_detail",
    "studied_line",
    "topics_line",
]


def studied_line(report: ScoreReport, not_reached: int, cards: int, noun: str = "card") -> str:
    """ "Studied 3 cards: 2 right. Stopped before 7: they wait in your queue.": the end of
    a study session, in the TUI and in --plain; "Studied 3 cards: 3 right of 4 answers."
    when a confident error was asked again (`cards`: the cards answered; `noun`: what a
    card is called, "question" on a question bank)."""
    right = f"{report.correct} right"
    if report.answered > cards:
        right += f" of {report.answered} answers"
    line = f"Studied {counted(cards, noun)}: {right}."
    if not_reached:
        line += f" Stopped before {not_reached}: they wait in your queue."
    return line


# Home's study line on a deck with nothing to schedule (`units.NOTHING_TO_STUDY`).
NO_CARDS_TO_STUDY = f"nothing to study ({NOTHING_TO_STUDY})"


def due_line(summary: DueSummary, now: datetime) -> str:
    """ "12 due today · next review in 3 h · 10 new cards today": Home's study line ("25 new
    cards today (daily plan)" when the exam date's plan sets the limit)."""
    if not summary.total:
        return NO_CARDS_TO_STUDY
    # "65 due now", not "65 due today · 65 due now": every card due today is due now.
    all_now = summary.due_now and summary.due_now == summary.due_today
    parts = [] if all_now else [f"{summary.due_today} due today"]
    if summary.due_now:
        parts.append(f"{summary.due_now} due now")
    elif summary.next_due is not None:
        parts.append(f"next review {wait_text((summary.next_due - now).total_seconds())}")
    if summary.new_today:
        new = f"{counted(summary.new_today, 'new ' + summary.noun)} today"
        parts.append(f"{new} (daily plan)" if summary.planned else new)
    return " · ".join(parts)


def forecast_line(forecast: Forecast) -> str:
    """ "Exam 2027-01-15 (44 days): expected 780 (likely 700–850), pass 750 · at risk: …";
    on a deck scored as a percentage "expected 61 % (likely 48–74 %), aim 72 %"."""
    if forecast.passed:  # "The exam of 2026-11-30 has passed: set the date of your next exam"
        return capitalised(forecast.reason)
    head = f"Exam {forecast.exam_date} ({forecast.days_left} day{'s' * (forecast.days_left != 1)})"
    if not forecast.enough_history:
        return f"{head}: {forecast.reason}"
    # "likely": the 80 % interval, in a word a wrapped line cannot split
    if forecast.graded:
        text = (
            f"{head}: expected {forecast.expected_scaled} "
            f"(likely {forecast.low_scaled}–{forecast.high_scaled}), pass {forecast.pass_score}"
        )
    else:
        text = (
            f"{head}: expected {forecast.expected_percent:.0f} % (likely "
            f"{forecast.low_percent:.0f}–{forecast.high_percent:.0f} %), aim {forecast.goal}"
        )
    risky = [d.name for d in forecast.at_risk] if forecast.by_domain else []
    if risky:
        text += f" · at risk: {', '.join(risky)}"
    return text


def readiness_detail(forecast: Forecast) -> str:
    """ "Chance to pass: 62 % · cards reviewed: 40 of 78 · mocks compared: 2" ("Chance of
    72 % or more" on a deck scored as a percentage; "questions reviewed" on a bank)."""
    chance = "Chance to pass" if forecast.graded else f"Chance of {forecast.goal} or more"
    return (
        f"{chance}: {percent(100 * forecast.pass_chance, 0)} · {forecast.noun}s reviewed: "
        f"{forecast.reviewed_cards:,} of {forecast.total_cards:,}{forecast.left_out_aside}"
        " · mocks compared: "
        f"{forecast.mocks}"
    )


def plan_line(forecast: Forecast) -> str:
    """The daily plan in one sentence (the core's wording: `Forecast.plan_text`); "" when
    there is none (`Forecast.has_plan`)."""
    return forecast.plan_text


# -- the end of a study session: what to go over ----------------------------------------


def topics_line(recap: StudyRecap) -> str:
    """ "By topic: Cardiovascular 1 of 3 · Haematology 2 of 2"; "" when the session asked
    one topic only, or the deck gives none (the whole says it all)."""
    if not recap.topics:
        return ""
    # "1 of 3" kept in one piece where a line wraps.
    return "By topic: " + " · ".join(
        f"{t.name} {t.correct}\u00a0of\u00a0{t.total}" for t in recap.topics
    )


class MissedLine(NamedTuple):
    """A missed card in two parts, so a screen can set them apart: the card, and a note."""

    card: str  # "Metoprolol — A cardioselective beta-1 blocker…"
    note: str  # "you chose Propranolol · back in 1 min"; "" when there is nothing to add
    name: str = ""  # "Metoprolol": how `card` opens, for a screen to set apart ("" if not)


def missed_lines(
    recap: StudyRecap, now: datetime, noun: str = "card"
) -> tuple[str, list[MissedLine]]:
    """The cards missed: a heading ("Cards you missed (3), each back in 1 min:"; "" when
    none was) and each card with what was chosen for it and when it comes back (said once,
    in the heading, when it is the same for all)."""
    count = len(recap.missed)
    if not count:
        return "", []
    waits = [_wait(m, now) for m in recap.missed]
    shared = waits[0] if len(set(waits)) == 1 else ""
    heading = (
        f"The {noun} you missed" if count == 1 else f"{noun.capitalize()}s you missed ({count})"
    )
    if shared:
        heading += f", back {shared}" if count == 1 else f", each back {shared}"
    lines = []
    for missed, wait in zip(recap.missed, waits, strict=True):
        parts = [f"you chose {missed.chosen}"] if missed.chosen else []
        if wait and not shared:
            parts.append(f"back {wait}")
        lines.append(MissedLine(missed.card, " · ".join(parts), missed.name))
    return heading + ":", lines


def _wait(missed: MissedCard, now: datetime) -> str:
    """ "in 1 min": when the card is asked again ("" when it has no schedule)."""
    return "" if missed.due is None else wait_text((missed.due - now).total_seconds())
