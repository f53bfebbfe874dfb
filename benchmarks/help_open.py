"""`?` to the help drawn, beside a bare Textual app opening a modal of the same text.

All three run headless in this process at 100×30 (Textual's `run_test`). Each open is timed
from the key being sent until the app is idle again with the help drawn; then Esc closes
it. The apps are measured in alternating rounds, so a busy moment on the machine hits all
alike, and the medians of wall-clock time are printed with their ratio to the reference:

- bare: a modal screen holding one Static with the help's text (the reference);
- bare + Markdown: the same modal with Textual's `Markdown` widget, which help used until
  2026-12-03 (a widget per paragraph and list item: about 400 of them);
- exam-sim: `?` on the home screen of the bundled deck (the help's Markdown rendered by
  Rich into one Static).

    python benchmarks/help_open.py [--opens N] [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Markdown, Static

SIZE = (100, 30)


class _Modal(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, make: Callable[[], Widget]) -> None:
        super().__init__()
        self.make = make

    def compose(self) -> ComposeResult:
        yield self.make()


class BareApp(App[None]):
    """The reference apps: `?` opens a modal holding what `make` makes."""

    BINDINGS = [Binding("question_mark", "help", "Help")]

    def __init__(self, make: Callable[[], Widget]) -> None:
        super().__init__()
        self.make = make

    def compose(self) -> ComposeResult:
        yield Static("home")

    def action_help(self) -> None:
        self.push_screen(_Modal(self.make))


async def _timed_opens(app: App[None], opens: int, ready: Callable[..., object]) -> list[float]:
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)  # type: ignore[misc]
        for _ in range(opens):
            start = time.perf_counter()
            await pilot.press("question_mark")
            await pilot.pause()
            times.append((time.perf_counter() - start) * 1000)
            await pilot.press("escape")
            await pilot.pause()
    return times


async def _bare_ready(app: App[None], pilot: object) -> None:
    await pilot.pause()  # type: ignore[attr-defined]


async def _home_ready(app: App[None], pilot: object) -> None:
    await app.wait_until_open()  # type: ignore[attr-defined]
    await pilot.pause(0.3)  # type: ignore[attr-defined]  # the opening notice settles


def _help_text(home: str) -> str:
    """The help's Markdown, as exam-sim shows it on the bundled deck."""
    from exam_sim.tui.app import create_app
    from exam_sim.tui.screens.help import help_markdown

    async def read() -> str:
        app = create_app(db=Path(home) / "text.sqlite3")
        async with app.run_test(size=SIZE):
            await app.wait_until_open()
            return help_markdown(app)

    return asyncio.run(read())


def measure(opens: int, rounds: int) -> dict[str, list[float]]:
    from exam_sim.tui.app import create_app

    runs: dict[str, list[float]] = {"bare": [], "bare + Markdown": [], "exam-sim": []}
    with tempfile.TemporaryDirectory() as home:
        text = _help_text(home)
        for round_number in range(rounds):
            plain = BareApp(lambda: Static(text))
            runs["bare"] += asyncio.run(_timed_opens(plain, opens, _bare_ready))
            markdown = BareApp(lambda: Markdown(text))
            runs["bare + Markdown"] += asyncio.run(_timed_opens(markdown, opens, _bare_ready))
            app = create_app(db=Path(home) / f"history-{round_number}.sqlite3")
            runs["exam-sim"] += asyncio.run(_timed_opens(app, opens, _home_ready))  # type: ignore[arg-type]
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opens", type=int, default=10, help="opens of the help per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    runs = measure(args.opens, args.rounds)
    base = statistics.median(runs["bare"])
    print(
        f"? → help drawn, headless {SIZE[0]}×{SIZE[1]}, median of "
        f"{args.rounds} rounds × {args.opens} opens"
    )
    print(f"{'app':44} {'wall ms':>8} {'ratio':>6}")
    labels = {
        "bare": "bare Textual: modal with one Static",
        "bare + Markdown": "bare Textual: modal with Markdown widget",
        "exam-sim": "exam-sim: help on the home screen",
    }
    for name, times in runs.items():
        wall = statistics.median(times)
        print(f"{labels[name]:44} {wall:8.1f} {wall / base:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
