"""`exam-sim exam`, `drill`, `retry` and `resume`: take a practice session.

Each command (click; typed options from `commands.options`) turns its options into a
`SessionRequest` (or a `ResumeRequest`) and hands it to the core
(`exam_sim.exam.plan_session`), as the TUI does: what a request means (0 minutes is
untimed, a weak-spot drill filtered by topic, the seed) is decided there once. Without
`--plain` the request goes to the TUI (when it can run) through the CLI's launcher
(`Context.open_tui`: this module never imports the TUI); with `--plain` the session runs
line by line on stdin/stdout (`commands/plain.py`, described in docs/exams.md). The core's
refusals are `exam_sim.errors` errors, which `exam_sim.cli.main` prints in one line.
"""

from __future__ import annotations

import argparse
import contextlib
import shlex
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import click

from exam_sim.commands import Context
from exam_sim.commands.options import (
    AttemptNumber,
    WholeNumber,
    minutes_option,
    plain_option,
    seed_option,
)
from exam_sim.commands.plain import PlainSession
from exam_sim.commands.wrapping import wrapping
from exam_sim.exam import (
    ExamSession,
    ResumeRequest,
    SessionError,
    SessionRequest,
    SessionSetup,
    check_request,
    deck_of,
    plan_session,
    resumable,
    retry_deck,
)
from exam_sim.models import AttemptMode, AttemptStatus, Deck, DeckError, ItemKind
from exam_sim.present import counted, duration, letter, number_list, response_text
from exam_sim.vocabulary import CONFIDENCE_HINT

if TYPE_CHECKING:
    from exam_sim.history import History

EXIT_NOTHING_TO_RESUME = 1
CONFIDENCE_INTRO = f"After each answer, say how sure you are: {CONFIDENCE_HINT} (Enter: skip)."

# ---------------------------------------------------------------------------------------
# Command plumbing


def open_history(db: str | None) -> History:
    from exam_sim.history import History

    return History.open_default(db, front_end="exam-sim --plain", on_upgrade=say_upgrading)


def say_upgrading(sentence: str) -> None:
    """A long history upgrade, said on stderr before it runs (stdout may be a pipe)."""
    click.echo(f"exam-sim: {sentence}", err=True)


@contextlib.contextmanager
def opened_history(db: str | None) -> Iterator[History]:
    history = open_history(db)
    try:
        yield history
    finally:
        close_history(history)


def close_history(history: object) -> None:
    close = getattr(history, "close", None)
    if callable(close):
        close()


def base_command(db: str | None) -> str:
    parts = ["exam-sim"]
    if db:
        parts += ["--db", db]
    return shlex.join(parts)


def resume_command(db: str | None, attempt_id: int | None, *, plain: bool = True) -> str:
    command = f"{base_command(db)} resume"
    if attempt_id is not None:
        command += f" {attempt_id}"
    return command + (" --plain" if plain else "")


def _notice(message: str) -> None:
    print(f"exam-sim: {message}", file=sys.stderr, flush=True)


def run_tui_or_none(
    args: argparse.Namespace, *, deck: Deck | None, start: SessionRequest | ResumeRequest
) -> int | None:
    """Open the TUI on `start` unless `--plain` was asked for or it cannot run; None means:
    run plain.

    The TUI needs a terminal on both ends; piped input (tests, scripts) falls back to the
    line protocol with a one-line notice on stderr.
    """
    if args.plain:
        return None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        _notice("input or output is not a terminal; running in --plain mode.")
        return None
    # The CLI's launcher (exam_sim.cli.open_tui): the commands never import the TUI.
    return int(args.open_tui(db=args.db, deck=deck, start=start) or 0)


def resolve(spec: str) -> Deck:
    from exam_sim.decks import resolve_deck

    return resolve_deck(spec)


def start_session(
    args: argparse.Namespace,
    setup: SessionSetup,
    *,
    history: History,
    intro: Sequence[str] = (),
) -> int:
    """Save a new attempt and run it in --plain mode."""
    deck, plan = setup.deck, setup.plan
    attempt = setup.new_attempt()
    session = ExamSession.on_deck(attempt, deck, store=history)
    out = wrapping(_stdout())
    time_text = "untimed" if setup.minutes is None else duration(setup.minutes * 60)
    title = f"{setup.mode.label} · {deck.title}"
    out.write(f"{title} · {counted(len(plan.questions), 'question')} · {time_text}\n")
    out.write(f"Attempt {attempt.id} · seed {setup.seed}\n")
    for line in intro:
        out.write(line + "\n")
    for note in plan.notes:
        out.write(f"Note: {note}\n")
    out.write(
        "Type a letter to answer, or help for the commands. Every answer is saved as you give it.\n"
    )
    runner = PlainSession(
        session,
        stdin=sys.stdin,
        stdout=out,
        title=title,
        resume_command=resume_command(args.db, attempt.id),
    )
    return runner.run()


def _stdout() -> TextIO:
    # A terminal that cannot show "→" or deck text in its encoding gets "?" rather than a
    # crash; input bytes that are not valid text become an unknown command, not a traceback.
    for stream in (sys.stdout, sys.stdin):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            with contextlib.suppress(ValueError, OSError, AttributeError):
                reconfigure(errors="replace")
    return sys.stdout


# ---------------------------------------------------------------------------------------
# Commands


def exam_command(args: argparse.Namespace) -> int:
    request = SessionRequest(
        mode=AttemptMode.MOCK,
        questions=args.questions,
        minutes=args.minutes,
        seed=args.seed,
        confidence=args.confidence,
    )
    return run_request(args, request)


def drill_command(args: argparse.Namespace) -> int:
    request = SessionRequest(
        mode=AttemptMode.WEAK if args.weak else AttemptMode.DRILL,
        topics=tuple(args.topic),
        tags=tuple(args.tag),
        count=args.count,
        minutes=args.minutes,
        seed=args.seed,
        confidence=args.confidence,
    )
    return run_request(args, request)


def run_request(args: argparse.Namespace, request: SessionRequest) -> int:
    """A mock or a drill on `args.deck`: in the TUI, or line by line."""
    with contextlib.ExitStack() as stack:
        deck = resolve(args.deck)
        # Refused before the TUI draws anything: an unknown topic or tag.
        request = check_request(request, deck)
        # The deck is handed over loaded: the TUI does not read the file a second time.
        code = run_tui_or_none(args, deck=deck, start=request)
        if code is not None:
            return code
        # The database first: an unusable one is reported before any work is done.
        history = stack.enter_context(opened_history(args.db))
        setup = plan_session(request, deck, history=history)
        return start_session(args, setup, history=history, intro=_intro(args, setup))


def _intro(args: argparse.Namespace, setup: SessionSetup) -> list[str]:
    marking = [CONFIDENCE_INTRO] if setup.request.asks_confidence else []
    if setup.mode is not AttemptMode.MOCK:
        return ["Feedback after every answer.", *marking]
    blueprint = setup.deck.effective_blueprint
    if blueprint.assumed:
        scoring = "Scored as a percentage (the deck gives no exam blueprint)"
    else:
        scoring = f"Pass mark {blueprint.pass_score} on {blueprint.score_min}–{blueprint.score_max}"
    repeat = [base_command(args.db), "exam", args.deck, "--seed", str(setup.seed)]
    if args.questions:
        repeat += ["--questions", str(args.questions)]
    if setup.request.asks_confidence:
        repeat.append("--confidence")
    return [
        f"{scoring}; no feedback until you submit.",
        *marking,
        f"The same exam again: {' '.join(repeat)}",
    ]


def retry_command(args: argparse.Namespace) -> int:
    """The missed questions of a finished attempt: in the TUI, on the attempt's deck, or
    line by line (with --plain, without a terminal, or when that deck is gone)."""
    with opened_history(args.db) as history:
        original = history.load_attempt(args.attempt)
        if original.status is AttemptStatus.IN_PROGRESS:
            raise SessionError(
                f"attempt {args.attempt} is not finished; resume it with: "
                f"{resume_command(args.db, args.attempt, plain=False)}"
            )
    found = deck_of(original)
    request = SessionRequest(
        mode=AttemptMode.RETRY,
        retry_of=args.attempt,
        minutes=args.minutes,
        seed=args.seed,
        confidence=args.confidence,
    )
    if found is not None:  # the TUI opens on a deck; without one, the questions will do
        code = run_tui_or_none(args, deck=found, start=request)
        if code is not None:
            return code
    with opened_history(args.db) as history:
        # The deck may be gone; the attempt's own copy of the questions is all a retry needs.
        deck = retry_deck(original, found)
        setup = plan_session(request, deck, history=history)
        intro = [f"The questions you missed in attempt {args.attempt}, with feedback."]
        if setup.request.asks_confidence:
            intro.append(CONFIDENCE_INTRO)
        return start_session(args, setup, history=history, intro=intro)


def _deck_or_none(deck_id: str) -> Deck | None:
    try:
        return resolve(deck_id)
    except DeckError:
        return None


def resume_command_handler(args: argparse.Namespace) -> int:
    with opened_history(args.db) as history:
        request = ResumeRequest(attempt_id=args.attempt, take_over=args.take_over)
        attempt = resumable(history, request)
        if attempt is None:
            print(
                "Nothing to resume: every attempt in the history is finished. "
                "Start one with: exam-sim exam DECK",
                file=sys.stderr,
            )
            return EXIT_NOTHING_TO_RESUME
        attempt_id = attempt.id
        if attempt.status is not AttemptStatus.IN_PROGRESS:
            raise SessionError(
                f"attempt {attempt_id} is already finished ({attempt.status.label}); "
                f"see it with: exam-sim history show {attempt_id}"
            )
        deck = deck_of(attempt)  # gone or changed: the attempt has its questions
        code = run_tui_or_none(args, deck=deck, start=ResumeRequest(attempt_id=attempt_id))
        if code is not None:
            return code
        session = ExamSession.on_deck(attempt, deck, store=history)
        out = wrapping(_stdout())
        title = f"{attempt.mode.label} · {attempt.deck_title}"
        left = session.time_left()
        state = (
            f"{session.answered_count()} of {session.total} answered · "
            f"{len(session.flagged())} flagged"
        )
        state += " · untimed" if left is None else f" · {duration(left)} left"
        out.write(f"Resuming attempt {attempt_id}: {title} · {state}\n")
        # Each answer whole: "2 → C, D" (a multiple response), "3 → 1-A, 2-C, 3-B" (a
        # matching); the first letter alone read as a different answer.
        given = [
            f"{a.position + 1} → "
            + (
                response_text(q, a.response)
                if a.choice is None or q.kind is not ItemKind.SINGLE
                else letter(a.choice)
            )
            + (f" ({a.confidence.label})" if a.confidence else "")
            for q, a in zip(attempt.questions, attempt.answers, strict=True)
            if a.choice is not None or a.response
        ]
        out.write(f"Your answers so far: {' · '.join(given) or 'none'}\n")
        if attempt.asks_confidence and attempt.mode is not AttemptMode.STUDY:
            out.write(CONFIDENCE_INTRO + "\n")
        flagged = session.flagged()
        if flagged:
            out.write(f"Flagged: {number_list(flagged)}\n")
        out.write("The clock runs again from now. Type help for the commands.\n")
        runner = PlainSession(
            session,
            stdin=sys.stdin,
            stdout=out,
            title=title,
            resume_command=resume_command(args.db, attempt_id),
        )
        return runner.run()


# ---------------------------------------------------------------------------------------
# The click commands: each hands its options to the handler above as one namespace.


confidence_option = click.option(
    "--confidence",
    is_flag=True,
    help="after each answer, mark how sure you are: 7 guess, 8 unsure, 9 sure (results show "
    "calibration and a certainty-based score)",
)


def _handler_args(**options: Any) -> argparse.Namespace:
    """The handlers' `args`: the command's options plus the CLI's --db and TUI launcher."""
    context = click.get_current_context().find_object(Context)
    assert context is not None, "made by exam_sim.cli.main"
    return argparse.Namespace(db=context.db, open_tui=context.open_tui, **options)


@click.command(
    "exam",
    short_help="take a timed mock exam shaped like the real one",
    help="A mock exam: questions spread over the topics by the deck's blueprint, timed, "
    "scored like the real exam. No feedback until you submit.",
)
@click.argument("deck", metavar="DECK")
# --questions and --count are one option in both commands (each spelled the other's way too).
@click.option(
    "--questions", "--count", "questions", type=WholeNumber(low=1), metavar="N",
    help="number of questions",
)  # fmt: skip
@minutes_option("time limit (default: the blueprint's, pro rata for a shorter exam; 0: untimed)")
@seed_option("repeat an earlier exam")
@confidence_option
@plain_option
def exam(**options: Any) -> int:
    return exam_command(_handler_args(**options))


@click.command(
    "drill",
    short_help="practise chosen topics or your weak spots, with feedback",
    help="A drill: questions from the chosen topics and/or tags (all cards when none is "
    "chosen), with the answer and every option's explanation after each answer.",
)
@click.argument("deck", metavar="DECK")
@click.option("--topic", multiple=True, metavar="T", help="topic id or name (repeatable)")
@click.option("--tag", multiple=True, metavar="G", help="tag (repeatable)")
@click.option(
    "--weak",
    is_flag=True,
    help="the cards and written items you miss most, confuse most, or have never seen (from "
    "your history)",
)
@click.option(
    "--count", "--questions", "count", type=WholeNumber(low=1), default=10, metavar="N",
    help="number of questions (default 10)",
)  # fmt: skip
@minutes_option("time limit (untimed)")
@seed_option("repeat an earlier drill")
@confidence_option
@plain_option
def drill(topic: tuple[str, ...], tag: tuple[str, ...], **options: Any) -> int:
    return drill_command(_handler_args(topic=list(topic), tag=list(tag), **options))


@click.command(
    "retry",
    short_help="retry the questions you missed in an attempt",
    help="The questions answered wrong or left unanswered in a finished attempt, options "
    "reshuffled, with feedback, in the TUI on the attempt's deck (line by line with "
    "--plain, or when that deck is gone).",
)
@click.argument("attempt", type=AttemptNumber(), metavar="ATTEMPT")
@minutes_option("time limit (untimed)")
@seed_option("option order")
@confidence_option
@plain_option
def retry(**options: Any) -> int:
    return retry_command(_handler_args(**options))


@click.command(
    "resume",
    short_help="continue an unfinished attempt",
    help="Continue an unfinished attempt (the newest, or ATTEMPT) with every answer and "
    "flag and the time that was left. Exit code 1 when there is nothing to resume.",
)
@click.argument("attempt", type=AttemptNumber(), required=False, metavar="ATTEMPT")
@click.option(
    "--take-over",
    is_flag=True,
    help="continue it here even if another exam-sim has it open (that one stops saving)",
)
@plain_option
def resume(**options: Any) -> int:
    return resume_command_handler(_handler_args(**options))
