"""Command-line entry point: `exam-sim …` and `python -m exam_sim …`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from exam_sim import __version__
from exam_sim.commands import decks, generate, history, session
from exam_sim.history import HistoryError
from exam_sim.models import DeckError


class UserError(Exception):
    """Bad input that is not a deck problem (unknown attempt, bad option value…): exit 2."""


def build_parser() -> argparse.ArgumentParser:
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
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return run_tui(args)
        return int(handler(args) or 0)
    except (DeckError, UserError, HistoryError) as error:
        print(f"exam-sim: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def run_tui(args: argparse.Namespace) -> int:
    """Open the TUI on the bundled deck. Imported here: other commands need no Textual."""
    from exam_sim.tui.app import run_app

    return run_app(db=args.db)
