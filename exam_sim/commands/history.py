"""`exam-sim history`: the attempts list, one attempt in full, topic trends, confusions.

exam-sim history                      attempts, newest first
exam-sim history show ATTEMPT         the report and every question with answer and key
exam-sim history topics [--deck D]    per-topic averages and trend
exam-sim history confusions           which wrong option was taken for which key
… --json | --csv                      the same as data (see docs/exams.md for columns)
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from exam_sim.exam import topic_names_of
from exam_sim.models import AttemptStatus
from exam_sim.present import (
    attempt_date,
    duration,
    local_time,
    percent,
    score_text,
    verdict_text,
)
from exam_sim.report import confusion_sentence, render_report, render_review

if TYPE_CHECKING:
    from exam_sim.history import AttemptSummary, History

VIEWS = ("show", "topics", "confusions")
DEFAULT_LIMIT = {"list": 20, "confusions": 10}
TREND_POINTS = 5  # how many recent attempts `history topics` spells out per topic
TOPIC_CSV_COLUMNS = (
    "deck_id",
    "topic",
    "name",
    "attempts",
    "correct",
    "total",
    "percent",
    "recent_percent",
    "earlier_percent",
    "trend",
)
CONFUSION_CSV_COLUMNS = (
    "deck_id",
    "key_card_id",
    "key_text",
    "chosen_card_id",
    "chosen_text",
    "times",
)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: set[int]) -> str:
    """Columns padded to their widest cell; `right` columns (numbers) right-aligned."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), *(line(row) for row in rows)])


def result_label(summary: AttemptSummary) -> str:
    """ "pass" or "fail" for a graded mock, "(time)" added when the clock ran out;
    "unfinished" while in progress; a drill's result is its percentage, under Score."""
    if not summary.finished:
        return AttemptStatus.IN_PROGRESS.label
    label = verdict_text(summary)
    if summary.status is AttemptStatus.TIMED_OUT:
        label = f"{label} (time)" if label else "time ran out"
    return label


def attempts_table(summaries: Sequence[AttemptSummary]) -> str:
    """Dated as the TUI dates them (the local time each finished, or started while
    unfinished) and scored alike (`present.score_text`)."""
    rows = []
    for s in summaries:
        if s.correct is None:
            correct = f"{s.answered}/{s.question_count} answered"
        else:
            correct = f"{s.correct}/{s.question_count}"
            if s.percent is not None:
                correct += f" ({percent(s.percent, 0)})"
        rows.append(
            [
                str(s.id),
                attempt_date(s.started_at, s.finished_at),
                s.deck_id,
                s.mode.value,
                score_text(s),
                result_label(s),
                correct,
                duration(s.elapsed_seconds),
            ]
        )
    headers = ["#", "Date", "Deck", "Mode", "Score", "Result", "Correct", "Time"]
    return table(headers, rows, right={0, 4, 7})


# ---------------------------------------------------------------------------------------


def _deck_id(spec: str | None) -> str | None:
    """`--deck` takes the id stored in the history; a deck file is read for its id."""
    if spec is None:
        return None
    if Path(spec).expanduser().is_file():
        from exam_sim.decks import resolve_deck

        return resolve_deck(spec).id
    return spec


def history_command(args: argparse.Namespace) -> int:
    from exam_sim.cli import UserError

    view = args.view or "list"
    if view == "show" and args.attempt is None:
        raise UserError("history show needs an attempt number: exam-sim history show 3")
    if view != "show" and args.attempt is not None:
        raise UserError(f"an attempt number goes with show: exam-sim history show {args.attempt}")
    if args.table and not args.csv:
        raise UserError("--table chooses the table of a --csv export")
    from exam_sim.commands.session import close_history, open_history, user_errors

    with user_errors():
        deck_id = _deck_id(args.deck)
        history = open_history(args.db)
        try:
            out = sys.stdout
            if view == "show":
                return show_attempt(history, args, out)
            if view == "topics":
                return show_topics(history, args, deck_id, out)
            if view == "confusions":
                return show_confusions(history, args, deck_id, out)
            return list_attempts(history, args, deck_id, out)
        finally:
            close_history(history)


def list_attempts(
    history: History, args: argparse.Namespace, deck_id: str | None, out: TextIO
) -> int:
    if args.json:
        history.export_json(out, deck_id=deck_id)
        return 0
    if args.csv:
        history.export_csv(out, deck_id=deck_id, table=args.table or "attempts")
        return 0
    limit = DEFAULT_LIMIT["list"] if args.limit is None else args.limit
    summaries = history.attempts(deck_id=deck_id, limit=limit + 1 if limit else None)
    if not summaries:
        where = f" for deck {deck_id}" if deck_id else ""
        out.write(f"No attempts yet{where}. Start one with: exam-sim exam aws-ml-specialty\n")
        return 0
    more = bool(limit) and len(summaries) > limit
    shown = summaries[:limit] if limit else summaries
    out.write(attempts_table(shown) + "\n")
    if more:
        out.write(f"(The newest {limit}; --limit 0 shows every attempt.)\n")
    unfinished = [s.id for s in shown if not s.finished]
    if unfinished:
        out.write(f"Resume an unfinished attempt with: exam-sim resume {unfinished[0]}\n")
    return 0


def show_attempt(history: History, args: argparse.Namespace, out: TextIO) -> int:
    attempt_id = args.attempt
    if args.json:
        history.export_json(out, attempt_id=attempt_id)
        return 0
    if args.csv:
        history.export_csv(out, attempt_id=attempt_id, table=args.table or "answers")
        return 0
    attempt = history.load_attempt(attempt_id)
    report = history.load_report(attempt_id)
    from exam_sim.commands.session import _deck_or_none

    # Topic names from the stored report when there is one (the deck may have changed since).
    names: dict[str | None, str] = {}
    if report is not None:
        names = {t.topic: t.name for t in report.topics}
    else:
        names = topic_names_of(_deck_or_none(attempt.deck_id))
    finished = attempt.status is not AttemptStatus.IN_PROGRESS
    status = {
        AttemptStatus.IN_PROGRESS: attempt.status.label,
        AttemptStatus.SUBMITTED: f"submitted {local_time(attempt.finished_at)}",
        AttemptStatus.TIMED_OUT: f"time ran out, submitted {local_time(attempt.finished_at)}",
    }[attempt.status]
    out.write(
        f"Attempt {attempt_id} · {attempt.mode.label} · {attempt.deck_title} "
        f"({attempt.deck_id}) · started {local_time(attempt.started_at)} · {status} · "
        f"seed {attempt.seed}\n"
    )
    if report is not None:
        out.write("\n" + render_report(report) + "\n")
    elif finished:
        out.write("(No score report was stored for this attempt.)\n")
    else:
        answered = sum(1 for a in attempt.answers if a.choice is not None)
        out.write(
            f"{answered} of {len(attempt.questions)} answered; the key stays hidden until it is "
            f"submitted. Resume with: exam-sim resume {attempt_id}\n"
        )
    for position, (question, answer) in enumerate(
        zip(attempt.questions, attempt.answers, strict=True)
    ):
        topic = names.get(question.topic) or question.topic
        out.write(
            "\n"
            + render_review(
                question, answer, number=position + 1, topic_name=topic, show_key=finished
            )
            + "\n"
        )
    return 0


def _decks_with_attempts(history: History, deck_id: str | None) -> list[str]:
    if deck_id is not None:
        return [deck_id]
    return list(dict.fromkeys(s.deck_id for s in history.attempts()))


def show_topics(
    history: History, args: argparse.Namespace, deck_id: str | None, out: TextIO
) -> int:
    decks = _decks_with_attempts(history, deck_id)
    data = []
    for deck in decks:
        averages = history.topic_averages(deck)
        if not averages:
            continue
        trend = history.topic_trend(deck, limit_attempts=TREND_POINTS)
        recent: dict[str | None, list[float]] = {}
        for point in trend:
            recent.setdefault(point.topic, []).append(point.percent)
        data.append((deck, averages, recent))
    if args.json:
        json.dump(
            [
                {
                    "deck_id": deck,
                    "topics": [
                        {
                            "topic": a.topic,
                            "name": a.name,
                            "attempts": a.attempts,
                            "correct": a.correct,
                            "total": a.total,
                            "percent": round(a.percent, 1),
                            "recent_percent": round(a.recent_percent, 1),
                            "earlier_percent": None
                            if a.earlier_percent is None
                            else round(a.earlier_percent, 1),
                            "trend": None if a.trend is None else round(a.trend, 1),
                            "last_percents": [round(p, 1) for p in recent.get(a.topic, [])],
                        }
                        for a in averages
                    ],
                }
                for deck, averages, recent in data
            ],
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return 0
    if args.csv:
        writer = csv.writer(out)
        writer.writerow(TOPIC_CSV_COLUMNS)
        for deck, averages, _ in data:
            for a in averages:
                writer.writerow(
                    (
                        deck,
                        a.topic or "",
                        a.name,
                        a.attempts,
                        a.correct,
                        a.total,
                        f"{a.percent:.1f}",
                        f"{a.recent_percent:.1f}",
                        "" if a.earlier_percent is None else f"{a.earlier_percent:.1f}",
                        "" if a.trend is None else f"{a.trend:.1f}",
                    )
                )
        return 0
    if not data:
        where = f" of deck {deck_id}" if deck_id else ""
        out.write(f"No finished attempts{where} yet: topic scores appear once one is submitted.\n")
        return 0
    for index, (deck, averages, recent) in enumerate(data):
        if index:
            out.write("\n")
        out.write(f"{deck}: every finished attempt, pooled\n")
        rows = []
        for a in averages:
            trend = "" if a.trend is None else f"{a.trend:+.1f} pts"
            last = " ".join(f"{p:.0f}" for p in recent.get(a.topic, []))
            rows.append(
                [
                    a.name,
                    str(a.attempts),
                    f"{a.correct}/{a.total}",
                    percent(a.percent),
                    trend,
                    last,
                ]
            )
        headers = ["Topic", "Attempts", "Correct", "Percent", "Trend", "Last attempts, %"]
        out.write(table(headers, rows, right={1, 2, 3, 4}) + "\n")
        out.write(
            f"Trend: the last {averages[0].RECENT} attempts against the ones before "
            "(percentage points).\n"
        )
    return 0


def show_confusions(
    history: History, args: argparse.Namespace, deck_id: str | None, out: TextIO
) -> int:
    limit = DEFAULT_LIMIT["confusions"] if args.limit is None else args.limit
    confusions = history.confusions(deck_id, limit=limit or 1_000_000_000)
    if args.json:
        json.dump(
            [{column: getattr(c, column) for column in CONFUSION_CSV_COLUMNS} for c in confusions],
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return 0
    if args.csv:
        writer = csv.writer(out)
        writer.writerow(CONFUSION_CSV_COLUMNS)
        writer.writerows(
            [getattr(c, column) for column in CONFUSION_CSV_COLUMNS] for c in confusions
        )
        return 0
    if not confusions:
        out.write(
            "No confusions yet: they are counted when an attempt with a wrong answer "
            "is submitted.\n"
        )
        return 0
    several_decks = len({c.deck_id for c in confusions}) > 1
    out.write("Your most frequent confusions:\n")
    for index, confusion in enumerate(confusions, start=1):
        line = confusion_sentence(confusion)
        line = line[:1].upper() + line[1:]
        if several_decks:
            line += f" ({confusion.deck_id})"
        out.write(f"{index:>3}. {line}\n")
    return 0


# ---------------------------------------------------------------------------------------


def attempt_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an attempt number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an attempt number (they start at 1)")
    return value


def limit_value(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 (no limit) or more")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this group's sub-commands to the parser."""
    parser = subparsers.add_parser(
        "history",
        help="past attempts, one attempt in full, topic trends, confusions",
        usage="exam-sim history [show ATTEMPT | topics | confusions] [--deck D] [--limit N] "
        "[--json | --csv [--table {attempts,answers}]]",
        description="Without a view: the attempts, newest first. "
        "show ATTEMPT: its report and every question with your answer and the key. "
        "topics: per-topic averages and trend. confusions: the wrong options you took for "
        "which answer, most frequent first.",
    )
    parser.add_argument(
        "view",
        nargs="?",
        choices=VIEWS,
        metavar="VIEW",
        help="show ATTEMPT, topics or confusions (default: the attempts list)",
    )
    parser.add_argument(
        "attempt", nargs="?", type=attempt_number, metavar="ATTEMPT", help="with show: its number"
    )
    parser.add_argument("--deck", metavar="D", help="only this deck (id, or a deck file)")
    parser.add_argument(
        "--limit",
        type=limit_value,
        metavar="N",
        help="rows to list (0: all; default 20 attempts, 10 confusions)",
    )
    export = parser.add_mutually_exclusive_group()
    export.add_argument("--json", action="store_true", help="export as JSON")
    export.add_argument("--csv", action="store_true", help="export as CSV")
    parser.add_argument(
        "--table",
        choices=("attempts", "answers"),
        help="with --csv: one row per attempt or per answer (default: attempts; answers for show)",
    )
    parser.set_defaults(handler=history_command)
