"""A SelectionList and a Checkbox whose boxes read ✓ or blank.

Textual's SelectionList and Checkbox draw the same "X" in every box and tell selected from
unselected by colour alone; the house rule is that no information is carried by colour
alone, so the mark itself changes here.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist


def box_mark(on: bool) -> str:
    """What a box shows: ✓ when chosen, blank when not."""
    return "✓" if on else " "


class MarkedSelectionList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return strip
        mark = box_mark(selection.value in self.selected)
        segments[1] = Segment(mark, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)


class MarkedCheckbox(Checkbox):
    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(label, value, id=id)
        self.BUTTON_INNER = box_mark(self.value)

    def watch_value(self) -> None:
        self.BUTTON_INNER = box_mark(self.value)  # read as the box is drawn
        super().watch_value()
