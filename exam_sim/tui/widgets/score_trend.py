"""The score trend of full mock exams as labelled text bars, on the exam's own scale.

One line per mock, oldest first: its attempt number and date, a bar from the bottom of the
scale to its scaled score with the pass mark drawn across every bar (┃), the score and the
verdict. A scale line above names the bottom, the pass mark and the top. Readable without
colour, in a screen reader's line-by-line view and at 80 columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from exam_sim.history import AttemptSummary
from exam_sim.models import Blueprint
from exam_sim.present import attempt_date


def _column(score: float, blueprint: Blueprint, width: int) -> int:
    span = max(1, blueprint.score_max - blueprint.score_min)
    fraction = (
        min(max(score, blueprint.score_min), blueprint.score_max) - blueprint.score_min
    ) / span
    return round(fraction * width)


def scale_line(blueprint: Blueprint, width: int, pass_at: int) -> str:
    """ "100        ┃750 pass    1000": the bottom, the pass mark above the bars' ┃, the top."""
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

    put(str(blueprint.score_min), 0)
    put(str(blueprint.score_max), width - len(str(blueprint.score_max)))
    _ = put(f"┃{blueprint.pass_score} pass", pass_at) or put(f"┃{blueprint.pass_score}", pass_at)
    return "".join(cells).rstrip()


def score_trend(mocks: Sequence[AttemptSummary], blueprint: Blueprint, width: int = 40) -> Text:
    """The chart for `mocks` (oldest first, each with a scaled score)."""
    labels = [f"#{m.id} {attempt_date(m.started_at, m.finished_at)}" for m in mocks]
    label_width = max((len(label) for label in labels), default=0)
    pass_at = min(width - 1, _column(blueprint.pass_score, blueprint, width))
    chart = Text()
    chart.append(
        " " * (label_width + 2) + scale_line(blueprint, width, pass_at) + "\n", style="dim"
    )
    for label, mock in zip(labels, mocks, strict=True):
        assert mock.scaled is not None
        filled = _column(mock.scaled, blueprint, width)
        # Rounding must not put a pass left of the mark or a fail across it.
        filled = min(width, max(filled, pass_at + 2)) if mock.passed else min(filled, pass_at)
        cells = ["█"] * filled + ["░"] * (width - filled)
        cells[pass_at] = "┃"
        verdict = "pass" if mock.passed else "fail"
        chart.append(f"{label:<{label_width}}  ")
        chart.append("".join(cells), style="bold" if mock.passed else "")
        chart.append(f" {mock.scaled:>4} {verdict}\n")
    chart.rstrip()
    return chart
