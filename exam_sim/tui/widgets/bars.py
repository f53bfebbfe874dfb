"""Text bars for scores: readable without colour, in any theme."""

from __future__ import annotations

from rich.text import Text


def score_bar(percent: float, width: int = 16, *, threshold: float | None = None) -> Text:
    """A bar like "██████████░░░░│░" where "│" marks the threshold."""
    filled = round(width * max(0.0, min(percent, 100.0)) / 100.0)
    cells = ["█"] * filled + ["░"] * (width - filled)
    if threshold is not None:
        mark = min(width - 1, round(width * threshold / 100.0))
        cells[mark] = "┃" if mark >= filled else cells[mark]
    return Text(
        "".join(cells), style="bold" if threshold is not None and percent >= threshold else ""
    )


def trend_arrow(delta: float | None) -> str:
    """↑ better, ↓ worse, → about the same (within 2 points), · not enough data."""
    if delta is None:
        return "·"
    if delta > 2:
        return f"↑ +{delta:.0f}"
    if delta < -2:
        return f"↓ {delta:.0f}"
    return "→"
