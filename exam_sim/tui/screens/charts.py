"""Charts of the open deck, drawn with textual-plotext: the score trend of full mocks with
the pass line, each domain's trend, calibration of the confidence marks, and the forecast
with its 80 % interval. The data is the core's (`exam_sim.exam.charts`), the same that
`exam-sim history charts --json` prints."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from exam_sim.exam.charts import Charts, charts
from exam_sim.present import local_time
from exam_sim.tui.base import AppScreen
from exam_sim.tui.widgets.keybar import KeyBar


def _domain_mark(data: Charts) -> str:
    """What the domain chart's line stands for: the pass mark's share of the scale, or, on a
    deck scored in percent, the aim (`ScoreScale.mark_text`)."""
    return (
        f"{data.aim_percent:.0f} %, the pass mark's share" if data.graded else data.scale.mark_text
    )


def _day(iso: str) -> str:
    """ "11-24": a local date short enough for an axis."""
    return local_time(iso)[5:10] if "T" in iso else iso[5:10]


class ChartsScreen(AppScreen[None]):
    DEFAULT_CSS = """
    ChartsScreen TabPane { padding: 0 1; }
    ChartsScreen .chart-note { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("1", "tab('scores')", "Scores", id="charts.scores", tooltip="Score trend"),
        Binding("2", "tab('domains')", "Domains", id="charts.domains", tooltip="Domain trend"),
        Binding("3", "tab('calibration')", "Calibration", id="charts.calibration",
                tooltip="How often each confidence level was right"),
        Binding("4", "tab('forecast')", "Forecast", id="charts.forecast",
                tooltip="The expected score until the exam date, with its interval"),
        Binding("escape,h", "back", "Back", id="charts.back", tooltip="Back"),
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="charts", initial="scores"):
            with TabPane("1 Score trend", id="scores"):
                yield Static(classes="chart-note", id="scores-note")
                yield PlotextPlot(id="scores-plot")
            with TabPane("2 By domain", id="domains"):
                yield Static(classes="chart-note", id="domains-note")
                yield PlotextPlot(id="domains-plot")
            with TabPane("3 Calibration", id="calibration"):
                yield Static(classes="chart-note", id="calibration-note")
                yield PlotextPlot(id="calibration-plot")
            with TabPane("4 Forecast", id="forecast"):
                yield Static(classes="chart-note", id="forecast-note")
                yield PlotextPlot(id="forecast-plot")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Charts"  # the header already names the deck
        data = charts(self.app.history, self.app.deck)
        self._scores(data)
        self._domains(data)
        self._calibration(data)
        self._forecast(data)

    def _plot(self, name: str, note: str, *, empty: bool) -> PlotextPlot:
        self.query_one(f"#{name}-note", Static).update(note)
        plot = self.query_one(f"#{name}-plot", PlotextPlot)
        plot.display = not empty
        plot.plt.clear_data()
        return plot

    def _scores(self, data: Charts) -> None:
        points = data.scores
        plot = self._plot(
            "scores",
            (f"Scaled score of each full mock · the line is {data.scale.mark_text}" if data.graded
             else f"% correct in each full mock · the line is {data.scale.mark_text}")
            if points else "No full mock yet: take one (M on Home) to start the trend.",
            empty=not points,
        )  # fmt: skip
        plt = plot.plt
        xs = [float(i) for i in range(1, len(points) + 1)]
        plt.plot(xs, [data.score_of(p) for p in points], marker="dot")
        plt.hline(data.scale.mark)
        plt.ylim(data.scale.low, data.scale.high)
        plt.xticks(xs, [_day(p.finished_at) for p in points])
        plt.xlabel("mock (finished)")
        plt.ylabel(_unit(data))

    def _domains(self, data: Charts) -> None:
        names = list(dict.fromkeys(p.name for p in data.domains))
        if data.whole_only or (data.domains and not data.by_domain):
            # A deck without topics or tags: its one domain is the whole, which 1 draws.
            self._plot("domains", "This deck gives no topics or tags: the score trend (1) "
                       "is the whole of it.", empty=True)  # fmt: skip
            return
        plot = self._plot(
            "domains",
            f"Each {'tag' if data.domains_are_tags else 'domain'}'s % in the full mocks · "
            f"the line is {_domain_mark(data)}"
            if names else "No full mock yet: the domain trend starts with the first one.",
            empty=not names,
        )  # fmt: skip
        plt = plot.plt
        order = list(dict.fromkeys(p.attempt_id for p in data.domains))
        for name in names:
            points = [p for p in data.domains if p.name == name]
            plt.plot(
                [order.index(p.attempt_id) + 1 for p in points],
                [p.percent for p in points],
                marker="dot",
                label=name[:28],
            )
        plt.hline(data.aim_percent)
        plt.ylim(0, 100)
        stamps = {p.attempt_id: p.finished_at for p in data.domains}
        plt.xticks([float(i) for i in range(1, len(order) + 1)], [_day(stamps[a]) for a in order])
        plt.ylabel("%")

    def _calibration(self, data: Charts) -> None:
        points = data.calibration
        plot = self._plot(
            "calibration",
            "How often your answers were right, by how sure you said you were"
            if points else "No confidence marked yet: Study (S on Home) asks after each answer, "
            "and so do mocks and drills once K on Home turns it on.",
            empty=not points,
        )  # fmt: skip
        plt = plot.plt
        plt.bar(
            [f"{p.level} ({p.answered})" for p in points], [p.percent for p in points], width=0.4
        )
        plt.ylim(0, 100)
        plt.ylabel("% right")

    def _forecast(self, data: Charts) -> None:
        points = data.forecast
        note = (
            f"Expected score if the exam were on each day, with its 80 % interval · the line "
            f"is {data.scale.mark_text} · exam {data.exam_date}"
            if points
            else f"No forecast: {data.forecast_note}. Set the exam date with E on Home."
            if data.exam_date is None
            else f"No forecast: {data.forecast_note}."
        )
        plot = self._plot("forecast", note, empty=not points)
        plt = plot.plt
        xs = [float(i) for i in range(1, len(points) + 1)]
        plt.plot(xs, [p.high for p in points], label="80 % high", marker="dot")
        plt.plot(xs, [p.expected for p in points], label="expected", marker="dot")
        plt.plot(xs, [p.low for p in points], label="80 % low", marker="dot")
        plt.hline(data.scale.mark)
        plt.ylim(data.scale.low, data.scale.high)
        plt.xticks(xs, [p.day[5:] for p in points])
        plt.ylabel(_unit(data))

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_back(self) -> None:
        self.app.pop_screen()


def _unit(data: Charts) -> str:
    return "scaled" if data.graded else "%"
