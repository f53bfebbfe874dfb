"""Command-line entry point: `exam-sim …` and `python -m exam_sim …`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from exam_sim import __version__

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from exam_sim.commands import decks, generate, history, session

    parser = argparse.ArgumentParser(
        prog="exam-sim",
        description="Realistic multiple-choice practice exams from flashcard decks.",
        epilog="With no command, opens the TUI on the bundled AWS ML Specialty deck.",
    )
    parser.add_argument("--version", action="version", version=f"exam-sim {__version__}")
    parser.add_argument("--db", help="history database file (default: in the exam-sim data folder)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (decks, generate, session, history):
        group.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        if not arguments:
            # The everyday launch goes straight to the TUI: the commands, their parser
            # and the core behind them are not loaded before the home screen is drawn.
            return run_tui(db=None)
        return _run_command(arguments)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _run_command(arguments: list[str]) -> int:
    from exam_sim.errors import ExamSimError

    args = build_parser().parse_args(arguments)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            if args.db is not None:
                # Named on the command line: refuse an unusable one before the TUI draws.
                from exam_sim.history import History

                History.open_default(args.db).close()
            return run_tui(db=args.db)
        return int(handler(args) or 0)
    except ExamSimError as error:  # the one place the CLI reports what the learner can fix
        print(f"exam-sim: {error.sentence()}", file=sys.stderr)
        return error.exit_code


def run_tui(db: str | None) -> int:
    """Open the TUI on the bundled deck. Imported here: other commands need no Textual.

    The TUI reports a deck or database it cannot open itself (one line, exit code 2).
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Textual would draw into the pipe: say what works without a terminal instead.
        print(
            "exam-sim: the TUI needs a terminal; without one, use "
            "'exam-sim exam aws-ml-specialty --plain' (see 'exam-sim --help').",
            file=sys.stderr,
        )
        return 2
    from exam_sim.tui.app import run_app

    return run_app(db=db)
