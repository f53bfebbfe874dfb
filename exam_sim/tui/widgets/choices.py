"""The options of a question, as the exam screen shows them.

- One pointer, `▸`, on the option the arrow keys are on, so the place reads in a
  monochrome terminal or a screen capture, not by colour alone. A question always opens
  with the pointer on the learner's answer, or on A: "↓ ↓ Enter" means C everywhere.
- Each option has its mark: ○ open, ● chosen, ✓ the key and ✗ a wrong choice once a drill
  has given feedback.
- The list is laid out at its full height (no inner scroll box that cuts a long option):
  the question area around it scrolls, and moving the pointer, by arrow or by answering
  with a letter, scrolls that option into view there.

Other item types (several answers, ordering, matching) use this list too: their marks
(☐ ☑, a step's place, the prompts a response is matched to) and struck-out options (a
styled `Text`) come from tui/screens/exam_items.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from exam_sim.tui.widgets.text import option_label

POINTER = "▸"


class ChoiceList(OptionList):
    """Options with a visible pointer; see the module docstring."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._texts: tuple[str | Text, ...] = ()
        self._marks: tuple[str, ...] = ()
        self._pointer: int | None = None

    def show(self, texts: Sequence[str | Text], marks: Sequence[str], pointer: int) -> None:
        """Show these options with these marks, the pointer on option `pointer`."""
        self._texts, self._marks = tuple(texts), tuple(marks)
        self._pointer = pointer
        self.clear_options()
        self.add_options(
            Option(self._label(index), id=f"o{index}") for index in range(len(self._texts))
        )
        self.highlighted = pointer

    @property
    def pointer(self) -> int | None:
        """The option the pointer is on."""
        return self.highlighted

    @property
    def marks(self) -> tuple[str, ...]:
        """Each option's mark, as shown (○ ●, ☐ ☑, a step's place, the prompts)."""
        return self._marks

    def _label(self, index: int) -> RenderableType:
        return option_label(
            index,
            self._texts[index],
            marker=self._marks[index],
            pointer=POINTER if index == self._pointer else "",
        )

    def watch_highlighted(self, highlighted: int | None) -> None:
        # Move the pointer with the highlight (the old option loses it), then let the list
        # scroll and report as usual.
        previous, self._pointer = self._pointer, highlighted
        for index in {previous, highlighted}:
            if index is not None and index < min(len(self._texts), self.option_count):
                self.replace_option_prompt_at_index(index, self._label(index))
        super().watch_highlighted(highlighted)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll the highlighted option into view in the question area around the list
        (the list itself is never shorter than its options)."""
        super().scroll_to_highlight(top)
        highlighted, area = self.highlighted, self.parent
        if highlighted is None or not isinstance(area, ScrollableContainer):
            return
        try:
            line = self._index_to_line[highlighted]
            height = self._heights[highlighted]
        except KeyError:
            return
        where = Region(0, self.virtual_region.y + line, self.size.width, height)
        area.scroll_to_region(where, animate=False, immediate=True)
