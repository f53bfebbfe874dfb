"""The readiness forecast of the open deck, as a panel (the History screen's Trend tab).

The forecast is the core's (`exam.coach.deck_readiness`: the expected scaled score on the
exam date, its 80 % interval, each domain, the domains at risk, the daily plan, or why
there is too little history to say), said through `present`. It replays every card's
reviews, so it is worked out in a thread worker (the history's connection is guarded by a
lock) and the panel says so meanwhile: the screen around it never waits for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import Static

from exam_sim.present import percent
from exam_sim.present.study import forecast_line, plan_line, readiness_detail
from exam_sim.tui.widgets.units_text import KeepUnits
from exam_sim.tui.worker_messages import report_unless_cancelled

if TYPE_CHECKING:
    from exam_sim.exam.coach import ReadinessHistory
    from exam_sim.models import Deck
    from exam_sim.schedule.forecast import Forecast

NO_DATE = "No exam date: E on Home sets one for a forecast of your score and a daily plan."


@dataclass
class ReadinessComputed(Message):
    """The worker's result: None when the deck has no exam date."""

    forecast: Forecast | None


class ReadinessPanel(Static):
    """ "Readiness on the exam date", then the forecast line, the chance to pass, each
    domain with its interval (at risk marked) and the daily plan."""

    DEFAULT_CSS = "ReadinessPanel { height: auto; margin: 1 0; }"

    forecast: Forecast | None = None
    computed = False  # True once the worker has reported (tests wait for it)

    def load(self, history: ReadinessHistory, deck: Deck) -> None:
        """Work the forecast out again (the Trend tab shown, an attempt deleted)."""
        self.computed = False
        self.update(self._titled(Text("Working out the forecast…", style="dim")))
        self._compute(history, deck)

    @work(thread=True, exclusive=True, group="readiness", description="readiness")
    def _compute(self, history: ReadinessHistory, deck: Deck) -> None:
        from exam_sim.exam.coach import deck_readiness

        report_unless_cancelled(
            lambda: deck_readiness(history, deck),
            lambda forecast: self.post_message(ReadinessComputed(forecast)),
        )

    @on(ReadinessComputed)
    def _show(self, message: ReadinessComputed) -> None:
        message.stop()
        self.forecast, self.computed = message.forecast, True
        self.update(self._titled(*self.render_forecast(message.forecast)))

    @staticmethod
    def _titled(*body: RenderableType) -> Group:
        return Group(Text("Readiness on the exam date", style="bold"), *body)

    @staticmethod
    def render_forecast(forecast: Forecast | None) -> list[RenderableType]:
        if forecast is None:
            return [Text(NO_DATE, style="dim")]
        # KeepUnits: "72 %" never split at the end of a line.
        lines: list[RenderableType] = [KeepUnits(Text(forecast_line(forecast)))]
        if forecast.enough_history:
            lines.append(KeepUnits(Text(readiness_detail(forecast), style="dim")))
            if forecast.by_domain:  # a deck without topics: no table of one "(no topic)" row
                lines.append(_domain_table(forecast))
        if forecast.has_plan:  # the core's rule (fitted or starter), as Home's and `plan`
            lines.append(KeepUnits(Text(plan_line(forecast))))
        return lines


def _domain_table(forecast: Forecast) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, pad_edge=False)
    # Fits 80 columns with the "at risk" mark; "likely" is the 80 % interval, as in
    # the line above.
    table.add_column("Domain", overflow="ellipsis", no_wrap=True, max_width=28)
    for header in ("Weight", "Expected", "Likely", "Reviewed"):
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column("")
    for domain in forecast.domains:
        table.add_row(
            Text(domain.name),  # deck text: never markup
            percent(100 * domain.weight, 0),
            percent(domain.expected_percent, 0),
            f"{domain.low_percent:.0f}–{domain.high_percent:.0f} %",
            f"{domain.reviewed}/{domain.cards}",
            Text("at risk", style="bold") if domain.at_risk else "",
        )
    return table
