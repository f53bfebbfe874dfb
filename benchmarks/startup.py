"""Time from launch to the home screen, next to a bare Textual app showing one label.

Both run headless in the same process and the same way (`App.run_test`), over several
rounds, so the ratio reflects what exam-sim adds: loading the bundled deck, opening the
history database and building the home screen. Import time is measured separately in
fresh interpreters, since a real launch pays it too.

    python benchmarks/startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Label, OptionList


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("hello")


class SameWidgetsApp(App[None]):
    """Textual alone with the widgets the home screen uses, and no data: what any app of
    this shape pays before doing anything of its own."""

    BINDINGS = [Binding(key, "bell", f"Action {key}") for key in "mdwrho"]
    AUTO_FOCUS = "OptionList"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("hello")
        yield OptionList(*[f"option {i}" for i in range(6)])
        yield Footer()


async def _time_textual(app_class: type[App[None]]) -> float:
    start = time.perf_counter()
    app = app_class()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.query_one(Label)
    return time.perf_counter() - start


async def _time_exam_sim(db: str) -> float:
    from exam_sim.tui.app import create_app
    from exam_sim.tui.screens.home import HomeScreen

    start = time.perf_counter()
    app = create_app(db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    return time.perf_counter() - start


def _import_time(statement: str, rounds: int) -> float:
    """Median wall time of a fresh interpreter running `statement`.

    Bytecode caching is allowed (some environments set PYTHONDONTWRITEBYTECODE): Textual's
    bytecode was compiled when pip installed it, and a user's exam-sim writes its own on the
    first run, so the warm-up run here does the same.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-c", statement]
    subprocess.run(command, check=True, env=env)  # warm-up: writes bytecode
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["EXAM_SIM_HOME"] = home
        db = os.path.join(home, "history.sqlite3")
        asyncio.run(_time_exam_sim(db))  # warm-up: the first run creates the database
        asyncio.run(_time_textual(BareApp))
        rounds = range(args.rounds)
        start_ms = {
            "bare Textual, one label": [asyncio.run(_time_textual(BareApp)) for _ in rounds],
            "Textual, same widgets": [asyncio.run(_time_textual(SameWidgetsApp)) for _ in rounds],
            "exam-sim home screen": [asyncio.run(_time_exam_sim(db)) for _ in rounds],
        }
    imports_ms = {
        "bare Textual, one label": _import_time("import textual.app, textual.widgets", 5),
        "Textual, same widgets": _import_time(
            "import textual.app; from textual.widgets import Footer, Header, OptionList", 5
        ),
        "exam-sim home screen": _import_time("import exam_sim.cli, exam_sim.tui.app", 5),
    }
    print(f"launch to first screen, median of {args.rounds} runs (headless, 100×30), ms")
    print(f"{'':26} {'imports':>8} {'start':>7} {'total':>7} {'ratio':>7}")
    base = None
    for name, runs in start_ms.items():
        started = statistics.median(runs) * 1000
        imported = imports_ms[name] * 1000
        total = started + imported
        base = base or total
        print(f"{name:26} {imported:8.0f} {started:7.0f} {total:7.0f} {total / base:7.2f}")
    print("imports: fresh interpreter, bytecode cached; start: app start to first screen")
    print("ratio: total against the bare one-label app; target ≤ 1.5")


if __name__ == "__main__":
    main()
