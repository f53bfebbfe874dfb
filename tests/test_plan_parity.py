"""`exam-sim plan` (text and JSON), Home and the History screen agree on whether there is a
daily plan and on its sentence: a starter plan on a fresh history (too little to go on
for a forecast: see every card in time), the fitted plan once there is enough, each the
same sentence everywhere (`Forecast.has_plan` and `plan_text` are the one rule)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Static

from exam_sim.tui.app import create_app
from exam_sim.tui.widgets.readiness import ReadinessPanel
from exam_sim.tui.widgets.units_text import KeepUnits
from tests.test_cli_coach import sit_mock

DECK = "aws-ml-specialty"


def _cli(*argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "plan", DECK, *argv],
        capture_output=True, text=True, timeout=60,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def _plan_of(text: str) -> str | None:
    """The daily plan's sentence in a screen's or the CLI's text (wrapping undone)."""
    flat = " ".join(text.split())
    starts = [at for at in (flat.find("Daily plan:"), flat.find("Starter plan:")) if at >= 0]
    return flat[min(starts) :] if starts else None


async def _tui_plans(db: Path) -> tuple[str | None, str | None]:
    """(Home's plan, the History screen's plan), each None when the screen shows none."""
    app = create_app(db=db, seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        home = str(app.screen.query_one("#coach", Static).content)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen.query_one(ReadinessPanel)
        assert panel.computed and panel.forecast is not None
        lines = panel.render_forecast(panel.forecast)
        shown = " ".join(str(line) for line in lines if isinstance(line, (Text, KeepUnits)))
    return _plan_of(home), _plan_of(shown)


@pytest.mark.parametrize("enough", [False, True], ids=["fresh", "enough_history"])
async def test_cli_home_and_history_agree_on_the_daily_plan(
    home: Path, monkeypatch: pytest.MonkeyPatch, enough: bool
) -> None:
    db = home / "history.sqlite3"
    exam_day = (date.today() + timedelta(days=30)).isoformat()
    if enough:
        sit_mock(db, 40, monkeypatch, "2026-11-01T10:00:00+00:00")
        sit_mock(db, 50, monkeypatch, "2026-11-20T10:00:00+00:00")
    data = json.loads(_cli("--exam-date", exam_day, "--json"))
    text = _cli()
    home_plan, history_plan = await _tui_plans(db)
    assert data["enough_history"] is enough
    if enough:
        sentence = " ".join(data["plan_text"].split())
        assert sentence.startswith("Daily plan:") and data["plan"]["days"] == 30
        assert _plan_of(text) == home_plan == history_plan == sentence
    else:
        assert "too little history" in text
        sentence = " ".join(data["plan_text"].split())
        # 78 cards over the 30 days less the week kept for mocks: ⌈78 / 23⌉ = 4 a day.
        by = (date.today() + timedelta(days=23)).isoformat()
        assert sentence.startswith(
            f"Starter plan: at least 4 new cards a day to have seen all 78 by {by},"
        )
        assert _plan_of(text) == home_plan == history_plan == sentence
        assert data["plan"] is None  # no fitted numbers on a guess
