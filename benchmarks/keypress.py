"""Keypress to the next question drawn, beside a bare Textual app updating one label.

Both apps run headless in this process at 100×30 (Textual's `run_test`). Each press of
`n` is timed from the key being sent until the app is idle again with the screen redrawn:
in exam-sim a 65-question mock on the bundled deck moves to the next question (the bar,
the topic line, the stem, the options, the key bar and the progress line are drawn
again); in the reference a Label's text changes on the same key. The two apps are
measured in alternating rounds, so a busy moment on the machine hits both alike; the
medians of wall-clock and of this process's CPU time are printed, and their ratio
(target ≤ 1.5, issue 14 item 12).

    python benchmarks/keypress.py [--presses N] [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Label

TARGET = 1.5
SIZE = (100, 30)


class BareApp(App[None]):
    """The reference: one label, rewritten on `n`."""

    BINDINGS = [Binding("n", "next", "Next")]

    def __init__(self) -> None:
        super().__init__()
        self.count = 1

    def compose(self) -> ComposeResult:
        yield Label("Question 1 of 65", id="label")

    def action_next(self) -> None:
        self.count += 1
        self.query_one("#label", Label).update(f"Question {self.count} of 65")


async def _timed_presses(app: App[None], presses: int, ready: object) -> list[tuple[float, float]]:
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)  # type: ignore[operator]
        for _ in range(presses):
            start, start_cpu = time.perf_counter(), time.process_time()
            await pilot.press("n")
            await pilot.pause()
            times.append(
                ((time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000)
            )
    return times


async def _bare_ready(app: App[None], pilot: object) -> None:
    await pilot.pause()  # type: ignore[attr-defined]


async def _exam_ready(app: App[None], pilot: object) -> None:
    from exam_sim.tui.screens.exam import ExamScreen

    await app.wait_until_open()  # type: ignore[attr-defined]
    for _ in range(200):  # the mock is planned in a worker
        await pilot.pause()  # type: ignore[attr-defined]
        if isinstance(app.screen, ExamScreen):
            break
    assert isinstance(app.screen, ExamScreen), "the mock exam did not open"
    await pilot.pause(0.3)  # type: ignore[attr-defined]  # the opening notice settles


def measure(presses: int, rounds: int) -> dict[str, list[tuple[float, float]]]:
    from exam_sim.enums import AttemptMode
    from exam_sim.exam import SessionRequest
    from exam_sim.tui.app import create_app

    runs: dict[str, list[tuple[float, float]]] = {"bare": [], "exam-sim": []}
    with tempfile.TemporaryDirectory() as home:
        for round_number in range(rounds):
            runs["bare"] += asyncio.run(_timed_presses(BareApp(), presses, _bare_ready))
            app = create_app(
                db=Path(home) / f"history-{round_number}.sqlite3",
                seed=round_number,
                start=SessionRequest(mode=AttemptMode.MOCK),
            )
            runs["exam-sim"] += asyncio.run(_timed_presses(app, presses, _exam_ready))  # type: ignore[arg-type]
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=30, help="presses of n per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    runs = measure(args.presses, args.rounds)
    medians = {
        name: (statistics.median(w for w, _ in times), statistics.median(c for _, c in times))
        for name, times in runs.items()
    }
    base_wall, base_cpu = medians["bare"]
    print(
        f"keypress n → drawn, headless {SIZE[0]}×{SIZE[1]}, median of "
        f"{args.rounds} rounds × {args.presses} presses"
    )
    print(f"{'app':44} {'wall ms':>8} {'ratio':>6} {'CPU ms':>7} {'ratio':>6}")
    rows = (
        ("bare Textual: one Label updated", "bare"),
        ("exam-sim: mock exam, next question", "exam-sim"),
    )
    for label, name in rows:
        wall, cpu = medians[name]
        print(f"{label:44} {wall:8.1f} {wall / base_wall:6.2f} {cpu:7.1f} {cpu / base_cpu:6.2f}")
    ratio = medians["exam-sim"][0] / base_wall
    verdict = "pass" if ratio <= TARGET else "FAIL"
    print(f"target: exam-sim ≤ {TARGET}× the bare app (wall): {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
