"""`?`: the keys and how exams are scored."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# exam-sim help

**Home** · `M` mock exam · `D` topic drill · `W` weak-spot drill · `R` resume ·
`H` history · `O` open another deck · `ctrl+p` command palette (themes too) · `ctrl+q` quit

**Exam** · `A`–`E` or `1`–`6` answer (mouse or arrows + Enter work too) ·
`F` flag · `N`/`→` next · `P`/`←` previous · `G` go to a question · `X` clear ·
`S` submit · `Esc` pause (the attempt is saved; resume it from Home)

**Results** · `R` review all · `W` review wrong · `T` retry missed · `D` drill the weakest topic

**Review** · `N`/`P` move · `A` all · `W` wrong · `F` flagged

**History** · `Enter` open an attempt · `O` its score report · `Del` delete it ·
`1`–`4` attempts, trend, weak cards, confusions

The bar at the bottom shows the keys of the screen you are on: click one to press it,
hover over it to see what it does.

## How scoring works
A mock exam follows the deck's blueprint: number of questions, time, pass mark and topic
weights. Unanswered questions count as wrong. The scaled score is
100 + 900 × fraction correct, an **estimate**: AWS does not publish its mapping.
A topic *meets competencies* at the pass mark's share of the scale (72 % for 750 of 100–1000).

Every answer is saved the moment you give it. The clock only runs while the exam is open.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close", tooltip="Close help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
