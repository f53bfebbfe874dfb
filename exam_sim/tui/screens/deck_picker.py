"""Open another deck: bundled, from the library, or any supported file by path.

Listing the decks and reading the chosen one run in thread workers: both read and parse
files (a library deck can have many thousands of cards), and the dialog stays responsive
meanwhile: Escape still closes it, and picking another deck replaces the first request.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from exam_sim.decks import DeckInfo, formats_said, list_decks, remove_deck, resolve_deck
from exam_sim.errors import ExamSimError
from exam_sim.models import Deck, DeckError
from exam_sim.tui.base import AppModal
from exam_sim.tui.screens.confirm import ConfirmScreen

LARGE_FILE_BYTES = 20_000_000  # from here on the status line gives the file's size


class DeckPathSuggester(Suggester):
    """Completes the path being typed with the next folder or deck file on disk
    (`decks.complete_deck_path`); → takes it, as in a shell's completion."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # the disk changes

    async def get_suggestion(self, value: str) -> str | None:
        from exam_sim.decks.loader import complete_deck_path

        return complete_deck_path(value)


@dataclass
class DecksListed(Message):
    """The decks the picker offers (bundled, library), read in a worker."""

    infos: list[DeckInfo]


@dataclass
class DeckRead(Message):
    """The chosen deck, read in a worker."""

    deck: Deck


@dataclass
class DeckUnreadable(Message):
    """Listing or reading failed: the one-sentence reason."""

    reason: str
    listing: bool


class DeckPickerScreen(AppModal[Deck | None]):
    _ticking: Timer | None = None  # the seconds spent opening a file, while it is read
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="deck_picker.cancel", tooltip="Keep this deck"),
        Binding("delete", "remove", "Remove", id="deck_picker.remove",
                tooltip="Remove the highlighted deck from your library (asks first)"),
    ]  # fmt: skip

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self._current = current  # the id of the deck open now: marked, and highlighted
        self._infos: dict[str, DeckInfo] = {}  # each listed deck by its option id (path)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Static("Open a deck", id="dialog-title")
            yield OptionList(id="deck-list")
            yield Static(
                f"…or a file ({formats_said()}), then Enter:",
                classes="dim",
            )
            yield Input(placeholder="path/to/deck.csv  (→ takes the suggested name)",
                        id="deck-path", suggester=DeckPathSuggester())  # fmt: skip
            yield Static("", id="deck-status", classes="dim")

    def on_mount(self) -> None:
        options = self.query_one("#deck-list", OptionList)
        options.loading = True
        options.focus()
        self._list_decks()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _report(self, message: Message) -> None:
        # A worker replaced by a newer one (another deck picked meanwhile) says nothing.
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    @work(thread=True, exclusive=True, group="list", description="list the decks")
    def _list_decks(self) -> None:
        try:
            infos = list_decks()
        except OSError as error:
            self._report(DeckUnreadable(_os_reason(error), listing=True))
            return
        self._report(DecksListed(infos))

    @work(thread=True, exclusive=True, group="read", description="read a deck file")
    def _read_deck(self, path: str) -> None:
        # As on the command line: "~/decks/x.csv" or a deck id typed in work too.
        try:
            deck = resolve_deck(path)
        except DeckError as error:
            self._report(DeckUnreadable(str(error), listing=False))
            return
        except OSError as error:
            self._report(DeckUnreadable(_os_reason(error), listing=False))
            return
        self._report(DeckRead(deck))

    def _open(self, path: str) -> None:
        # A large file takes a while (a 200 MB deck of a million cards, about a minute):
        # its size and the seconds spent say that it is being read, not stuck.
        opening = f"Opening {path}"
        with contextlib.suppress(OSError):
            size = Path(path).expanduser().stat().st_size
            if size >= LARGE_FILE_BYTES:
                opening += f" ({size / 1e6:,.0f} MB)"
        started = time.monotonic()
        self._status(f"{opening}…")
        self._stop_ticking()  # another file's, picked meanwhile
        self._ticking = self.set_interval(
            1, lambda: self._status(f"{opening}… {time.monotonic() - started:.0f} s")
        )
        self._read_deck(path)

    def _stop_ticking(self) -> None:
        if self._ticking is not None:
            self._ticking.stop()
            self._ticking = None

    def _status(self, text: str) -> None:
        self.query_one("#deck-status", Static).update(Content(text))

    @on(DecksListed)
    def _listed(self, message: DecksListed) -> None:
        self._show_decks(message.infos)

    @on(DeckRead)
    def _read(self, message: DeckRead) -> None:
        self._stop_ticking()
        self.dismiss(message.deck)

    @on(DeckUnreadable)
    def _unreadable(self, message: DeckUnreadable) -> None:
        if message.listing:
            self.query_one("#deck-list", OptionList).loading = False
        else:
            self._stop_ticking()
        self._status("")
        self.notify(message.reason, title="Cannot open deck", severity="error", timeout=10)

    def _show_decks(self, infos: list[DeckInfo]) -> None:
        options = self.query_one("#deck-list", OptionList)
        self._infos = {str(info.path): info for info in infos}
        for info in infos:
            if info.error is not None:
                # Listed, so the learner knows it is there; picking it says why it cannot
                # be opened (file, line, problem), as opening it by its path would.
                facts = f"cannot be read (Enter: why)  ·  {info.where}"
                label = Content.assemble(info.path.name, (f"\n{facts}", "dim"))
                options.add_option(Option(label, id=str(info.path)))
                continue
            # The title, then its facts on a line of their own: wrapped into one line,
            # "78 cards" was split at the edge as often as not.
            facts = f"{info.size}  ·  {info.where}"
            if info.id == self._current:
                facts += "  ·  open now"
            label = Content.assemble(info.title, (f"\n{facts}", "dim"))
            options.add_option(Option(label, id=str(info.path)))
        options.loading = False
        current = [n for n, i in enumerate(infos) if i.error is None and i.id == self._current]
        options.highlighted = current[0] if current else (0 if infos else None)

    def action_remove(self) -> None:
        """Remove the highlighted library deck, after asking (`decks.remove_deck`)."""
        options = self.query_one("#deck-list", OptionList)
        option = options.highlighted_option
        info = self._infos.get(option.id or "") if option is not None else None
        if info is None:
            return
        if info.where != "library":
            self.notify("Bundled decks cannot be removed: only the decks you imported.")
            return
        if info.error is None and info.id == self._current:
            self.notify("This deck is open: open another deck first, then remove it.")
            return
        name = info.title if info.error is None else info.path.name

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                remove_deck(info)
            except ExamSimError as error:
                self.notify(error.sentence(), title="Cannot remove deck", severity="error")
                return
            options.remove_option(str(info.path))
            del self._infos[str(info.path)]
            self.notify(f"Removed {name} from your library; your history of it is kept.")

        self.app.push_screen(
            ConfirmScreen(
                f"Remove {name}?",
                f"Its file is deleted: {info.path}. Your history of it is kept.",
            ),
            answered,
        )

    @on(OptionList.OptionSelected, "#deck-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._open(event.option.id)

    @on(Input.Submitted, "#deck-path")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._open(event.value.strip())


def _os_reason(error: OSError) -> str:
    return f"{error.filename or 'deck'}: {error.strerror or error}."
