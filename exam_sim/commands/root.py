"""The `exam-sim` command: `--db`, `--version` and every sub-command, in reading order.

Only reached when `exam-sim` is given arguments: with none, `exam_sim.cli.main` opens
the TUI without importing click or this module.
"""

from __future__ import annotations

import click

from exam_sim.commands import Context, coach, decks, generate, history, session
from exam_sim.commands.options import OrderedGroup


@click.group(
    "exam-sim",
    cls=OrderedGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Realistic multiple-choice practice exams from flashcard decks.",
    epilog="With no command, opens the TUI on the deck open last time (the first time, the "
    "bundled AWS ML Specialty deck).",
)
@click.version_option(package_name="exam-sim", prog_name="exam-sim", message="%(prog)s %(version)s")
@click.option(
    "--db",
    metavar="FILE",
    help="history database file (default: in the exam-sim data folder)",
)
@click.pass_context
def root(ctx: click.Context, db: str | None) -> int:
    context: Context = ctx.obj  # made by exam_sim.cli.main
    context.db = db
    if ctx.invoked_subcommand is not None:
        return 0
    if db is not None:
        # Named on the command line: refuse an unusable one before the TUI draws.
        from exam_sim.commands.session import say_upgrading
        from exam_sim.history import History

        History.open_default(db, on_upgrade=say_upgrading).close()
    return context.run_tui(db)


for command in (
    decks.decks_command,
    decks.import_command,
    decks.check_command,
    generate.generate_command,
    session.exam,
    session.drill,
    session.retry,
    session.resume,
    coach.study,
    coach.plan,
    history.history_group,
):
    root.add_command(command)
history.history_group.add_command(coach.charts)
