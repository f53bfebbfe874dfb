"""The title line at the top of a screen, drawn as one line of text.

Textual's Header is four widgets (icon, title, clock space, and itself) that watch the
app's and the screen's titles and update the title widget once mounted, a second layout
pass: on the History screen it was about 60 ms of CPU of the screen's opening (issue 14).
This draws the same line (the icon on the left, "title — subtitle" centred between the
icon and the clock's space) from one widget that only repaints when a title changes.
"""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH, CLOCK_WIDTH = 8, 10  # as Textual's Header lays them out


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._retitle, init=False)
            self.watch(owner, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self) -> RenderResult:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        room = max(0, self.size.width - ICON_WIDTH - CLOCK_WIDTH)
        middle = app.format_title(title, sub_title)
        if middle.cell_length > room:
            middle = middle.truncate(room, ellipsis=True)
        left = (room - middle.cell_length) // 2
        return Content.assemble(
            f" {ICON}".ljust(ICON_WIDTH),
            " " * left,
            middle,
            " " * (room - left - middle.cell_length + CLOCK_WIDTH),
        )

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()
