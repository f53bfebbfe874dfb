"""Save the README's screenshots (SVG, saved by the app itself) into docs/images/.

    .venv/bin/python scripts/screenshots.py

Runs headless on the bundled deck with a throw-away history, a fixed seed and a clock
that stands still, so the pictures only change when the screens do.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docs" / "images"
SIZE = (100, 30)


class StillClock:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


async def main() -> None:
    from exam_sim.exam import SessionRequest
    from exam_sim.tui.app import create_app
    from exam_sim.tui.screens.exam import ExamScreen

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        os.environ["EXAM_SIM_HOME"] = home
        clock = StillClock()
        app = create_app(clock=clock, start=SessionRequest(questions=10, seed=11))
        async with app.run_test(size=SIZE) as pilot:
            await app.wait_until_open()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ExamScreen)
            session = screen.session
            # A learner who knows most of it: right, right, wrong, right…
            for index in range(9):
                clock.now += 95
                question = session.question
                choice = question.answer if index % 4 != 2 else (question.answer + 1) % 4
                await pilot.press("abcdef"[choice])
                if index == 4:
                    await pilot.press("f")
            clock.now += 60
            await pilot.pause()
            app.save_screenshot("exam.svg", str(OUT))
            await pilot.press("s", "y")
            await pilot.pause()
            app.save_screenshot("results.svg", str(OUT))
            await pilot.press("w")
            await pilot.pause()
            app.save_screenshot("review.svg", str(OUT))
    for name in ("exam.svg", "results.svg", "review.svg"):
        print(OUT / name)


if __name__ == "__main__":
    asyncio.run(main())
