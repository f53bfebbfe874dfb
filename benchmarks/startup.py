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
from textual.widgets import Label


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("hello")


async def _time_bare() -> float:
    start = time.perf_counter()
    app = BareApp()
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
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["EXAM_SIM_HOME"] = home
        db = os.path.join(home, "history.sqlite3")
        asyncio.run(_time_exam_sim(db))  # warm-up: first run creates the database
        asyncio.run(_time_bare())
        bare = [asyncio.run(_time_bare()) for _ in range(args.rounds)]
        ours = [asyncio.run(_time_exam_sim(db)) for _ in range(args.rounds)]
    import_bare = _import_time("import textual.app, textual.widgets", 3)
    import_ours = _import_time("import exam_sim.tui.app", 3)
    bare_ms, ours_ms = statistics.median(bare) * 1000, statistics.median(ours) * 1000
    print(f"startup to first screen, median of {args.rounds} (headless, 100×30)")
    print(f"{'':28} {'bare Textual':>14} {'exam-sim':>10} {'ratio':>7}")
    print(
        f"{'app start → screen (ms)':28} {bare_ms:14.0f} {ours_ms:10.0f} {ours_ms / bare_ms:7.2f}"
    )
    print(
        f"{'imports, fresh process (ms)':28} {import_bare * 1000:14.0f} "
        f"{import_ours * 1000:10.0f} {import_ours / import_bare:7.2f}"
    )
    total_bare, total_ours = bare_ms + import_bare * 1000, ours_ms + import_ours * 1000
    print(f"{'total (ms)':28} {total_bare:14.0f} {total_ours:10.0f} {total_ours / total_bare:7.2f}")
    print("target: ratio ≤ 1.5")


if __name__ == "__main__":
    main()
