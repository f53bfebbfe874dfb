"""The key bar at the bottom of every full screen: the keys that work here, on one line."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

# Between keys when they all fit, and when they do not.
ROOMY_GAP, TIGHT_GAP = 2, 1


@dataclass(frozen=True)
class ShownKey:
    """One key as the bar shows it, with the columns it occupies."""

    key: str
    display: str
    description: str
    tooltip: str
    enabled: bool
    palette: bool = False  # the command palette's key, kept at the right-hand end
    # In a binding group ("1 2 3 4 Tabs"): keys follow each other closely and only the
    # last shows a description, the group's, which is a label, not part of the key.
    grouped: bool = False
    start: int = 0
    end: int = 0


class KeyBar(Widget):
    """The screen's active bindings as `key description` pairs, drawn as one line of text.

    Textual's Footer mounts one widget per key and rebuilds them one refresh after the
    screen appears and again after every focus change; a single line of text is in the
    first frame and redraws cheaply. Clicking a key presses it; hovering shows its tooltip.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .keybar--description {
        color: $footer-description-foreground;
    }
    KeyBar > .keybar--hover {
        background: $block-hover-background;
    }
    """
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--hover"}

    hovered: reactive[int | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[ShownKey] = []
        self._rendered: list[ShownKey] | None = None  # shown_keys() when last rendered

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        # Textual signals a change after every focus change, one refresh late: redrawn
        # only if the keys differ, so a new screen is not painted a second time for it.
        if self.shown_keys() != self._rendered:
            self.refresh()

    def shown_keys(self) -> list[ShownKey]:
        """The keys to show, one per action, in the screen's binding order, then quit and
        the command palette's key (drawn at the right-hand end, as in Textual's Footer)."""
        app = self.app
        active = self.screen.active_bindings
        keys: list[ShownKey] = []
        actions: set[str] = set()
        groups: list[object] = []
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            keys.append(
                ShownKey(
                    key=binding.key,
                    display=app.get_key_display(binding),
                    description=binding.description,
                    tooltip=tooltip or binding.tooltip or binding.description,
                    enabled=enabled,
                )
            )
            groups.append(binding.group)
        keys = _grouped(keys, groups)
        # Quit goes last: on a narrow terminal it is the key to drop (ctrl+q is Textual's
        # standard and the help screen lists it), not the screen's own keys or help.
        keys.sort(key=lambda shown: shown.key == "ctrl+q")
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        if app.ENABLE_COMMAND_PALETTE and palette is not None:
            _node, binding, enabled, tooltip = palette
            keys.append(
                ShownKey(
                    key=binding.key,
                    display=app.get_key_display(binding),
                    description=binding.description,
                    tooltip=tooltip or binding.tooltip or "Search every command",
                    enabled=enabled,
                    palette=True,
                )
            )
        return keys

    def render(self) -> Text:
        keys = self._rendered = self.shown_keys()
        width = self.size.width
        palette = [k for k in keys if k.palette]
        keys = [k for k in keys if not k.palette]

        def length(shown: ShownKey) -> int:  # in terminal cells, like the columns
            label = 1 + cell_len(shown.description) if shown.description else 0
            return cell_len(shown.display) + label

        right = sum(length(k) + 1 for k in palette)
        gap = ROOMY_GAP
        if 1 + sum(length(k) + gap for k in keys) + right > width:
            gap = TIGHT_GAP
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        hover_style = self.get_component_rich_style("keybar--hover")
        line = Text(no_wrap=True, overflow="crop", end="")
        self._shown = []

        def draw(shown: ShownKey) -> None:
            start = line.cell_len
            hovered = len(self._shown) == self.hovered
            line.append(shown.display, key_style + hover_style if hovered else key_style)
            end = line.cell_len
            if shown.description:
                line.append(" ")
                line.append(
                    shown.description,
                    description_style + hover_style
                    if hovered and not shown.grouped
                    else description_style,
                )
            if not shown.enabled:
                line.stylize("dim", start)
            # A group's label is not part of its last key: clicking it presses nothing.
            self._shown.append(
                replace(shown, start=start, end=end if shown.grouped else line.cell_len)
            )

        previous: ShownKey | None = None
        for shown in keys:
            # A key that would not fit whole is left out rather than cut in half.
            lead = gap if self._shown else 1
            if shown.grouped and previous is not None and previous.grouped:
                lead = 1  # "1 2 3 4 Tabs" reads as one item
            previous = shown
            if line.cell_len + lead + length(shown) + right > width:
                break
            line.append(" " * lead)
            draw(shown)
        for shown in palette:
            line.append(" " * max(1, width - line.cell_len - length(shown) - 1))
            draw(shown)
        return line

    @property
    def drawn(self) -> list[ShownKey]:
        """The keys as last drawn, with their columns."""
        return list(self._shown)

    def key_at(self, x: int) -> ShownKey | None:
        """The key drawn at column `x`, if any."""
        for shown in self._shown:
            if shown.start <= x < shown.end:
                return shown
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        shown = self.key_at(event.x)
        self.hovered = self._shown.index(shown) if shown is not None else None
        self.tooltip = shown.tooltip if shown is not None else None

    def on_leave(self, _event: events.Leave) -> None:
        self.hovered = None

    def watch_hovered(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        shown = self.key_at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()


def _grouped(keys: list[ShownKey], groups: list[object]) -> list[ShownKey]:
    """Keys of one binding group that stand together are drawn as a group: each key bare,
    the group's description once after the last ("1 2 3 4 Tabs", as Textual's Footer)."""
    result: list[ShownKey] = []
    index = 0
    while index < len(keys):
        group = groups[index]
        end = index + 1
        while group is not None and end < len(keys) and groups[end] is group:
            end += 1
        if end - index < 2:
            result.append(keys[index])
        else:
            members = keys[index:end]
            label = getattr(group, "description", "")
            for n, member in enumerate(members):
                last = n == len(members) - 1
                result.append(replace(member, description=label if last else "", grouped=True))
        index = end
    return result
