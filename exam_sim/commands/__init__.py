"""The `exam-sim` sub-commands (click), one module per group; `root` wires them.

- `decks`: `decks`, `import`, `check`;  `generate`: `generate`;
- `session`: `exam`, `drill`, `retry`, `resume`; `plain`: their `--plain` line protocol;
- `history`: the `history` group (`show`, `topics`, `confusions`);
- `options`: typed parameters and the option groups several commands share.

A command returns its exit code. Bad input raises an `exam_sim.errors.ExamSimError` (a
`DeckError`, a `UsageError`…) and bad usage a `click.UsageError`; `exam_sim.cli.main`
prints either in one line and exits 2. The commands never import the TUI: a command that
opens it calls `Context.open_tui`, which the CLI provides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# The sub-commands' names, known without importing click or them: `exam-sim DECK` opens
# the TUI on DECK unless DECK is one of these (`exam_sim.cli`; a test holds them equal to
# the root group's commands).
COMMAND_NAMES = frozenset(
    ("decks", "import", "check", "generate", "exam", "drill", "retry", "resume", "study",
     "plan", "history")
)  # fmt: skip


@dataclass
class Context:
    """What the root command hands every sub-command (click's `ctx.obj`)."""

    # Open the TUI on Home; refused with a one-line hint when there is no terminal.
    run_tui: Callable[[str | None], int]
    # Open the TUI to start or resume a session (`exam_sim.tui.app.run_app`'s keywords);
    # the caller has checked that there is a terminal.
    open_tui: Callable[..., int]
    db: str | None = None  # --db: the history database file, else the default one
