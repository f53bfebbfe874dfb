"""The score trend of full mock exams as labelled text bars, on the exam's own scale.

One line per mock, oldest first: its attempt number and date, a bar from the bottom of the
scale to its score with the mark drawn across every bar (┃), the score and the verdict. A
scale line above names the bottom, the mark and the top. On a deck with a blueprint the
scale is the scaled score and the mark the pass mark; on a deck scored as a percentage,
0–100 % and the share a topic needs (`exam.charts.ScoreScale`). Readable without colour, in a
screen reader's line-by-line view and at 80 columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from exam_sim.exam.charts import ScoreScale
from exam_sim.history import AttemptSummary
from exam_sim.present import attempt_date


def _column(score: float, scale: ScoreScale, width: int) -> int:
    span = max(1.0, scale.high - scale.low)
    fraction = (min(max(score, scale.low), scale.high) - scale.low) / span
    return round(fraction * width)


def scale_line(scale: ScoreScale, width: int, pass_at: int) -> str:
    """ "100        ┃750 pass    1000": the bottom, the mark above the bars' ┃, the top."""
    cells = [" "] * (width + 5)

    def put(text: str, at: int) -> bool:
        if (
            at < 0
            or at + len(text) > len(cells)
            or any(c != " " for c in cells[at - 1 : at + len(text) + 1])
        ):
            return False
        cells[at : at + len(text)] = text
        return True

    low, high = scale.text(scale.low), scale.text(scale.high)
    put(low, 0)
    put(high, width - len(high))
    _ = put(f"┃{scale.mark_label}", pass_at) or put(f"┃{scale.text(scale.mark)}", pass_at)
    return "".join(cells).rstrip()


def score_trend(mocks: Sequence[AttemptSummary], scale: ScoreScale, width: int = 40) -> Text:
    """The chart for `mocks` (oldest first, each scored on `scale`)."""
    labels = [f"#{m.id} {attempt_date(m.started_at, m.finished_at)}" for m in mocks]
    label_width = max((len(label) for label in labels), default=0)
    pass_at = min(width - 1, _column(scale.mark, scale, width))
    chart = Text()
    chart.append(" " * (label_width + 2) + scale_line(scale, width, pass_at) + "\n", style="dim")
    for label, mock in zip(labels, mocks, strict=True):
        reached = scale.reached(mock)
        filled = _column(scale.value(mock), scale, width)
        # Rounding must not put a pass left of the mark or a fail across it.
        filled = min(width, max(filled, pass_at + 2)) if reached else min(filled, pass_at)
        cells = ["█"] * filled + ["░"] * (width - filled)
        cells[pass_at] = "┃"
        verdict = ("pass", "fail") if scale.graded else ("✓", "✗ below")
        chart.append(f"{label:<{label_width}}  ")
        chart.append("".join(cells), style="bold" if reached else "")
        chart.append(f" {scale.text(scale.value(mock)):>4} {verdict[not reached]}\n")
    chart.rstrip()
    return chart
