"""`exam-sim history`: the attempts list, one attempt in full, topic trends, confusions.

exam-sim history                      attempts, newest first
exam-sim history show ATTEMPT         the report and every question with answer and key
exam-sim history topics [--deck D]    per-topic averages and trend
exam-sim history confusions           which wrong option was taken for which key
… --json | --csv                      the same as data (see docs/exams.md for columns)
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO, TypeVar, get_args

import click

from exam_sim.cells import cell_width, pad
from exam_sim.commands import Context
from exam_sim.commands.options import (
    AttemptNumber,
    OrderedGroup,
    WholeNumber,
    confirmed,
    output_options,
)
from exam_sim.commands.wrapping import terminal_columns, wrapping
from exam_sim.errors import UsageError
from exam_sim.exam import deck_of, topic_names_of
from exam_sim.exam.coach import named_by_deck
from exam_sim.lexicon import capitalised
from exam_sim.models import AttemptStatus
from exam_sim.present import (
    DELETED_ATTEMPT,
    attempt_date,
    attempt_insights,
    duration,
    local_time,
    percent,
    score_or_progress,
    score_text,
    verdict_text,
)
from exam_sim.report import confusion_sentence, no_confusions, render_report, render_review
from exam_sim.units import by_topic

if TYPE_CHECKING:
    from exam_sim.history import AttemptSummary, History, TopicAverage, TopicTrendPoint

F = TypeVar("F", bound=Callable[..., Any])
CsvTable = Literal["attempts", "answers"]

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
    "tag",  # a deck scored by tag: its tags' rows (their topic empty)
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
    widths = [cell_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], cell_width(cell))

    def line(cells: Sequence[str]) -> str:
        padded = [pad(cell, widths[i], ">" if i in right else "<") for i, cell in enumerate(cells)]
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
            correct = score_or_progress(s)  # "3/65 answered"
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


@dataclass(frozen=True)
class Query:
    """What a history view was asked for: one deck (or all), how many rows, which output."""

    deck_id: str | None = None
    limit: int | None = None  # None: the view's default; 0: every row
    output: str | None = None  # "json", "csv" or None for the readable text
    table: CsvTable | None = None  # with csv: one row per attempt or per answer
    deck_spec: str | None = None  # `--deck` as given: an id, or a deck file not imported


def _run_view(ctx: click.Context, view: str, attempt_id: int | None = None) -> int:
    """Open the history and run one view, with the options given to it or to `history`."""
    options = _options(ctx)
    if options["table"] and options["output"] != "csv":
        raise UsageError("--table chooses the table of a --csv export")
    from exam_sim.commands.session import opened_history

    query = Query(
        deck_id=_deck_id(options["deck"]),
        limit=options["limit"],
        output=options["output"],
        table=options["table"],
        deck_spec=options["deck"],
    )
    context: Context = ctx.find_root().obj
    with opened_history(context.db) as history:
        out = sys.stdout
        if view == "show":
            assert attempt_id is not None
            return show_attempt(history, attempt_id, query, out)
        if view == "topics":
            return show_topics(history, query, out)
        if view == "confusions":
            return show_confusions(history, query, out)
        return list_attempts(history, query, out)


def _options(ctx: click.Context) -> dict[str, Any]:
    """A view's options; one not given to the view is taken from `history` itself, so
    `exam-sim history --deck D topics` means what `history topics --deck D` does."""
    options = dict(ctx.params)
    if ctx.command is not history_group and ctx.parent is not None:
        for key, value in ctx.parent.params.items():
            if options.get(key) in (None, False):
                options[key] = value
    chosen = [switch for switch in ("json", "csv") if options.get(switch)]
    if len(chosen) > 1:
        raise click.UsageError("--json and --csv cannot be used together", ctx=ctx)
    options["output"] = chosen[0] if chosen else None
    return options


def list_attempts(history: History, query: Query, out: TextIO) -> int:
    deck_id = query.deck_id
    if query.output == "json":
        history.export_json(out, deck_id=deck_id)
        return 0
    if query.output == "csv":
        history.export_csv(out, deck_id=deck_id, table=query.table or "attempts")
        return 0
    limit = DEFAULT_LIMIT["list"] if query.limit is None else query.limit
    summaries = history.attempts(deck_id=deck_id, limit=limit + 1 if limit else None)
    if not summaries:
        out.write(_no_attempts(deck_id) + "\n")
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


def _no_attempts(deck_id: str | None) -> str:
    """What to do when nothing was found: start on the deck asked about, if it is one."""
    if deck_id is None:
        return "No attempts yet. Start one with: exam-sim exam aws-ml-specialty"
    from exam_sim.decks import list_decks

    if any(info.id == deck_id for info in list_decks()):
        return f"No attempts yet for deck {deck_id}. Start one with: exam-sim exam {deck_id}"
    return f"No attempts for deck {deck_id}, and no deck has that id ('exam-sim decks' lists them)."


def show_attempt(history: History, attempt_id: int, query: Query, out: TextIO) -> int:
    if query.output == "json":
        history.export_json(out, attempt_id=attempt_id)
        return 0
    if query.output == "csv":
        history.export_csv(out, attempt_id=attempt_id, table=query.table or "answers")
        return 0
    out = wrapping(out)  # text from here on: read on a terminal, wrapped at its width
    attempt = history.load_attempt(attempt_id)
    report = history.load_report(attempt_id)
    # Topic names from the stored report when there is one (the deck may have changed since).
    names = report.topic_names if report is not None else topic_names_of(deck_of(attempt))
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
        out.write("\n" + render_report(report, width=terminal_columns(out)) + "\n")
        for line in attempt_insights(attempt, names):
            out.write(line + "\n")
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
    return history.deck_ids()


def _recent_percents(points: list[TopicTrendPoint]) -> dict[str | None, list[float]]:
    recent: dict[str | None, list[float]] = {}
    for point in points:
        recent.setdefault(point.topic, []).append(point.percent)
    return recent


_TopicData = tuple[str, list["TopicAverage"], list["TopicAverage"], dict[str | None, list[float]]]


def _figures(a: TopicAverage, recent: dict[str | None, list[float]]) -> dict[str, Any]:
    return {
        "name": a.name,
        "attempts": a.attempts,
        "correct": a.correct,
        "total": a.total,
        "percent": round(a.percent, 1),
        "recent_percent": round(a.recent_percent, 1),
        "earlier_percent": None if a.earlier_percent is None else round(a.earlier_percent, 1),
        "trend": None if a.trend is None else round(a.trend, 1),
        "last_percents": [round(p, 1) for p in recent.get(a.topic, [])],
    }


def _topics_json(data: list[_TopicData], out: TextIO) -> None:
    documents = []
    for deck, averages, tags, recent in data:
        document: dict[str, Any] = {
            "deck_id": deck,
            "topics": [{"topic": a.topic, **_figures(a, recent)} for a in averages],
        }
        if tags:
            document["tags"] = [{"tag": a.name, **_figures(a, recent)} for a in tags]
        documents.append(document)
    json.dump(documents, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _topics_csv(data: list[_TopicData], out: TextIO) -> None:
    from exam_sim.history import spreadsheet_safe

    writer = csv.writer(out)
    writer.writerow(TOPIC_CSV_COLUMNS)
    for deck, averages, tags, _ in data:
        for a, tag in [*((a, "") for a in averages), *((a, a.name) for a in tags)]:
            writer.writerow(
                (
                    spreadsheet_safe(deck),
                    spreadsheet_safe("" if tag else a.topic or ""),
                    spreadsheet_safe(a.name),
                    a.attempts,
                    a.correct,
                    a.total,
                    f"{a.percent:.1f}",
                    f"{a.recent_percent:.1f}",
                    "" if a.earlier_percent is None else f"{a.earlier_percent:.1f}",
                    "" if a.trend is None else f"{a.trend:.1f}",
                    spreadsheet_safe(tag),
                )
            )


def show_topics(history: History, query: Query, out: TextIO) -> int:
    """Each deck's topics pooled over its finished attempts; a deck scored by tag (no
    topics) also each tag (a question counts under each tag of its card)."""
    deck_id = query.deck_id
    data: list[_TopicData] = []
    for deck in _decks_with_attempts(history, deck_id):
        averages = history.topic_averages(deck)
        if not averages:
            continue
        tags = history.topic_averages(deck, tags=True)
        recent = _recent_percents(history.topic_trend(deck, limit_attempts=TREND_POINTS))
        if tags:
            trend = history.topic_trend(deck, limit_attempts=TREND_POINTS, tags=True)
            recent.update(_recent_percents(trend))
        data.append((deck, averages, tags, recent))

    if query.output == "json":
        _topics_json(data, out)
        return 0
    if query.output == "csv":
        _topics_csv(data, out)
        return 0
    if not data:
        where = f" of deck {deck_id}" if deck_id else ""
        out.write(f"No finished attempts{where} yet: topic scores appear once one is submitted.\n")
        return 0
    for index, (deck, averages, tags, recent) in enumerate(data):
        if index:
            out.write("\n")
        # A deck that gives no topics has one row, its whole: named so, not "(no topic)".
        whole = not by_topic(a.topic for a in averages)
        out.write(f"{deck}: {'no topics, ' * whole}every finished attempt, pooled\n")
        for heading, rows_of, named in (("Topic", averages, not whole), ("Tag", tags, True)):
            rows: list[list[str]] = []
            for a in rows_of:
                change = "" if a.trend is None else f"{a.trend:+.1f} pts"
                last = " ".join(f"{p:.0f}" for p in recent.get(a.topic, []))
                name = a.name if named else "all cards"
                rows.append(
                    [name, str(a.attempts), f"{a.correct}/{a.total}", percent(a.percent), change,
                     last]
                )  # fmt: skip
            if rows:
                headers = [heading, "Attempts", "Correct", "Percent", "Trend", "Last attempts, %"]
                out.write(table(headers, rows, right={1, 2, 3, 4}) + "\n")
        if tags:
            out.write("By tag, a question counts under each tag of its card.\n")
        out.write(
            f"Trend: the last {averages[0].RECENT} attempts against the ones before "
            "(percentage points).\n"
        )
    return 0


def show_confusions(history: History, query: Query, out: TextIO) -> int:
    deck_id = query.deck_id
    limit = DEFAULT_LIMIT["confusions"] if query.limit is None else query.limit
    confusions = history.confusions(deck_id, limit=limit or 1_000_000_000)
    if query.output == "json":
        json.dump(
            [{column: getattr(c, column) for column in CONFUSION_CSV_COLUMNS} for c in confusions],
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return 0
    if query.output == "csv":
        writer = csv.writer(out)
        writer.writerow(CONFUSION_CSV_COLUMNS)
        writer.writerows(
            [_csv_cell(getattr(c, column)) for column in CONFUSION_CSV_COLUMNS] for c in confusions
        )
        return 0
    from exam_sim.commands.session import _deck_or_none

    deck = None if query.deck_spec is None else _deck_or_none(query.deck_spec)
    if not confusions:
        out.write(f"{no_confusions(deck)}\n")
        return 0
    confusions = named_by_deck(confusions, deck)
    several_decks = len({c.deck_id for c in confusions}) > 1
    out.write("Your most frequent confusions:\n")
    for index, confusion in enumerate(confusions, start=1):
        line = confusion_sentence(confusion)
        line = capitalised(line)
        if several_decks:
            line += f" ({confusion.deck_id})"
        out.write(f"{index:>3}. {line}\n")
    return 0


# ---------------------------------------------------------------------------------------


def _csv_cell(value: object) -> object:
    """Deck text made inert for spreadsheets; numbers as they are."""
    from exam_sim.history import spreadsheet_safe

    return spreadsheet_safe(value) if isinstance(value, str) else value


def history_options(function: F) -> F:
    """The options every history view takes (also given to `history` itself)."""
    function = click.option(
        "--table",
        type=click.Choice(get_args(CsvTable)),
        help="with --csv: one row per attempt or per answer (default: attempts; answers for show)",
    )(function)
    function = output_options("json", "csv")(function)
    function = click.option(
        "--limit",
        type=WholeNumber(low=0, low_label="0 (no limit)"),
        metavar="N",
        help="rows to list (0: all; default 20 attempts, 10 confusions)",
    )(function)
    return click.option("--deck", metavar="D", help="only this deck (id, or a deck file)")(function)


@click.group(
    "history",
    cls=OrderedGroup,
    invoke_without_command=True,
    short_help="past attempts, one attempt in full, topic trends, confusions",
    help="Without a view: the attempts, newest first. "
    "show ATTEMPT: its report and every question with your answer and the key. "
    "topics: per-topic averages and trend. confusions: the wrong options you took for "
    "which answer, most frequent first. delete ATTEMPT: remove one attempt.",
)
@history_options
@click.pass_context
def history_group(ctx: click.Context, /, **_: Any) -> int:
    if ctx.invoked_subcommand is not None:
        return 0  # the view runs next, with these options unless it is given its own
    return _run_view(ctx, "list")


@history_group.command(
    "show", short_help="one attempt: its report and every question with answer and key"
)
@click.argument("attempt", type=AttemptNumber(), required=False, metavar="ATTEMPT")
@history_options
@click.pass_context
def show_command(ctx: click.Context, /, attempt: int | None, **_: Any) -> int:
    """One attempt: its report and every question with your answer and the key."""
    if attempt is None:
        raise UsageError("history show needs an attempt number: exam-sim history show 3")
    return _run_view(ctx, "show", attempt)


# `history topics 3` gets a sentence pointing at `show`, not click's "unexpected argument".
_TAKES_NO_ATTEMPT: dict[str, Any] = {"allow_extra_args": True}


@history_group.command(
    "topics", short_help="per-topic averages and trend", context_settings=_TAKES_NO_ATTEMPT
)
@history_options
@click.pass_context
def topics_command(ctx: click.Context, /, **_: Any) -> int:
    """Per-topic averages over every finished attempt, and the recent trend."""
    _no_attempt_number(ctx)
    return _run_view(ctx, "topics")


@history_group.command(
    "confusions",
    short_help="which wrong option you took for which answer",
    context_settings=_TAKES_NO_ATTEMPT,
)
@history_options
@click.pass_context
def confusions_command(ctx: click.Context, /, **_: Any) -> int:
    """The wrong options you took for which answer, most frequent first."""
    _no_attempt_number(ctx)
    return _run_view(ctx, "confusions")


@history_group.command("delete", short_help="delete one attempt from your history")
@click.argument("attempt", type=AttemptNumber(), metavar="ATTEMPT")
@click.option("--yes", is_flag=True, help="delete it without asking first")
@click.pass_context
def delete_command(ctx: click.Context, /, attempt: int, yes: bool) -> int:
    """Delete one attempt (its questions and answers, and their share of the topic
    averages, confusions, weak cards and study schedule), as Del does in the TUI."""
    from exam_sim.commands.session import opened_history

    context: Context = ctx.find_root().obj
    with opened_history(context.db) as history:
        summary = history.attempt_summary(attempt)
        score = score_or_progress(summary)
        what = (
            f"attempt {attempt} ({summary.mode.label} · {summary.deck_id} · "
            f"{attempt_date(summary.started_at, summary.finished_at)} · {score})"
        )
        if not confirmed(
            f"Delete {what}? {DELETED_ATTEMPT}",
            yes=yes,
            unasked=f"deleting attempt {attempt} asks first; add --yes to delete it",
        ):
            print("Nothing deleted.")
            return 0
        history.delete_attempt(attempt)
    print(f"Deleted {what}.")
    return 0


def _no_attempt_number(ctx: click.Context) -> None:
    if not ctx.args:
        return
    extra = ctx.args[0]
    if extra.isdigit():
        raise UsageError(f"an attempt number goes with show: exam-sim history show {extra}")
    raise click.UsageError(f"unexpected argument {extra!r}", ctx=ctx)
