"""Command-line entry point: `exam-sim …` and `python -m exam_sim …`.

`exam-sim` with no arguments is the everyday launch: it goes straight to the TUI without
importing click, the commands or the core (`tests/test_tui_startup.py` holds this). Any
argument goes to the click command tree in `exam_sim.commands.root`.

This is the one place the command line reports errors: an `ExamSimError` (a deck, history,
session or usage problem the learner can fix) and click's usage errors are printed as one
line, `exam-sim: …`, with exit code 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exam_sim.errors import UsageError as UserError  # the old name; it lives in exam_sim.errors

if TYPE_CHECKING:
    import click

__all__ = ["UserError", "main", "open_tui", "run_tui", "usage_sentence"]


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        if not arguments:
            # The everyday launch goes straight to the TUI: the commands, their parser
            # and the core behind them are not loaded before the home screen is drawn.
            return run_tui(db=None)
        opening = _deck_to_open(arguments)
        if opening is not None:
            return run_tui(db=opening[0], deck=opening[1])
        return _run_command(arguments)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _deck_to_open(arguments: list[str]) -> tuple[str | None, str] | None:
    """`exam-sim [--db FILE] DECK`, DECK a deck file or the id of a bundled or library
    deck and no command of that name: (the database, the deck) to open the TUI on, as a
    learner who just made a deck would first try. None otherwise (the commands decide)."""
    from exam_sim.commands import COMMAND_NAMES
    from exam_sim.decks.catalog import named_file

    db: str | None = None
    rest = list(arguments)
    if rest[:1] == ["--db"] and len(rest) >= 2:
        db, rest = rest[1], rest[2:]
    elif rest and rest[0].startswith("--db="):
        db, rest = rest[0].removeprefix("--db="), rest[1:]
    if len(rest) != 1 or rest[0].startswith("-") or rest[0] in COMMAND_NAMES:
        return None
    file = named_file(rest[0])
    return None if file is None else (db, str(file))


def _run_command(arguments: list[str]) -> int:
    from exam_sim.controls import guarded, unguarded

    # The last guard: whatever a command or click writes passes through `visible` (a
    # control sequence in an argument, as a file name from a shell glob, is echoed in a
    # usage error too). The TUI draws through its own driver, not these streams.
    sys.stdout, sys.stderr = guarded(sys.stdout), guarded(sys.stderr)
    try:
        return _run_guarded(arguments)
    finally:
        sys.stdout, sys.stderr = unguarded(sys.stdout), unguarded(sys.stderr)


def _run_guarded(arguments: list[str]) -> int:
    import click

    from exam_sim.commands import Context
    from exam_sim.commands.root import root
    from exam_sim.errors import ExamSimError

    context = Context(run_tui=run_tui, open_tui=open_tui)
    try:
        # click's own main() would exit the interpreter; this keeps the exit code ours.
        with root.make_context("exam-sim", arguments, obj=context) as ctx:
            return int(root.invoke(ctx) or 0)
    except click.exceptions.Exit as done:  # --help, --version
        return done.exit_code
    except click.UsageError as error:
        print(f"exam-sim: {usage_sentence(error)}", file=sys.stderr)
        return 2
    except ExamSimError as error:  # the one place the CLI reports what the learner can fix
        print(f"exam-sim: {error.sentence()}", file=sys.stderr)
        return error.exit_code
    except click.Abort:  # click's name for Ctrl-C (or end of input) at one of its prompts
        return 130


def usage_sentence(error: click.UsageError) -> str:
    """click's usage error as one sentence, pointing at the command's --help."""
    import click

    if isinstance(error, click.NoSuchOption):
        problem = f"no such option {error.option_name}"
        if error.possibilities:
            problem += f" (did you mean {' or '.join(error.possibilities)}?)"
    else:
        problem = " ".join(error.format_message().split()).rstrip(".")
        if problem[:1].isupper() and problem[1:2].islower():  # click's "Missing argument…"
            problem = problem[:1].lower() + problem[1:]
    command = error.ctx.command_path if error.ctx is not None else "exam-sim"
    if command == "exam-sim" and problem.startswith("no such command "):
        # `exam-sim DECK` opens the TUI on a deck (`_deck_to_open`): say both; click's
        # "Did you mean 'check'?" as the options' hint reads.
        named, _, guess = problem.removeprefix("no such command ").partition(". Did you mean ")
        problem = f"no such command, deck or deck file {named.rstrip('.')}"
        if guess:
            problem += f" (did you mean {guess.rstrip('?')}?)"
    return f"{problem}; see '{command} --help'."


def run_tui(db: str | None, deck: str | None = None) -> int:
    """Open the TUI on `deck` (a file or id), else on the deck open last time (at first,
    the bundled deck). Imported here: other commands need no Textual.

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
    return open_tui(db=db) if deck is None else open_tui(db=db, deck=deck)


def open_tui(*, db: str | Path | None = None, **start: Any) -> int:
    """Run the TUI (`exam_sim.tui.app.run_app`) and return its exit code."""
    from exam_sim.tui.app import run_app

    return int(run_app(db=db, **start) or 0)
