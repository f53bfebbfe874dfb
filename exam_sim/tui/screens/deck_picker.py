"""Open another deck: bundled, from the library, or any supported file by path.

Listing the decks and reading the chosen one run in thread workers: both read and parse
files (a library deck can have many thousands of cards), and the dialog stays responsive
meanwhile: Escape still closes it, and picking another deck replaces the first request.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from exam_sim.decks import DeckInfo, list_decks, resolve_deck
from exam_sim.models import Deck, DeckError


class DeckPickerScreen(ModalScreen[Deck | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="deck_picker.cancel", tooltip="Keep this deck"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Static("Open a deck", id="dialog-title")
            yield OptionList(id="deck-list")
            yield Static(
                "…or a file (TOML, text, CSV/TSV, Anki export), then Enter:", classes="dim"
            )
            yield Input(placeholder="path/to/deck.csv", id="deck-path")
            yield Static("", id="deck-status", classes="dim")

    def on_mount(self) -> None:
        options = self.query_one("#deck-list", OptionList)
        options.loading = True
        options.focus()
        self._list_decks()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="list")
    def _list_decks(self) -> list[DeckInfo]:
        return list_decks()

    @work(thread=True, exclusive=True, exit_on_error=False, group="read")
    def _read_deck(self, path: str) -> Deck:
        # As on the command line: "~/decks/x.csv" or a deck id typed in work too.
        return resolve_deck(path)

    def _open(self, path: str) -> None:
        self._status(f"Opening {path}…")
        self._read_deck(path)

    def _status(self, text: str) -> None:
        self.query_one("#deck-status", Static).update(Content(text))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state is WorkerState.SUCCESS:
            if worker.group == "list":
                self._show_decks(worker.result)  # type: ignore[arg-type]
            elif worker.group == "read":
                self.dismiss(worker.result)
        elif event.state is WorkerState.ERROR:
            error = worker.error
            if worker.group == "list":
                self.query_one("#deck-list", OptionList).loading = False
            self._status("")
            if isinstance(error, DeckError):
                self.notify(str(error), title="Cannot open deck", severity="error", timeout=10)
            elif isinstance(error, OSError):
                where = error.filename or "deck"
                self.notify(f"{where}: {error.strerror or error}.", severity="error", timeout=10)
            else:
                raise error  # type: ignore[misc]  # a bug: let Textual show the traceback

    def _show_decks(self, infos: list[DeckInfo]) -> None:
        options = self.query_one("#deck-list", OptionList)
        for info in infos:
            if info.error is not None:
                # Listed (so the learner knows it is there) but not openable: says why.
                label = f"{info.path.name}  ·  cannot be read  ·  {info.where}"
                options.add_option(Option(Content(label), id=str(info.path), disabled=True))
                continue
            label = f"{info.title}  ·  {info.cards} cards  ·  {info.where}"
            options.add_option(Option(Content(label), id=str(info.path)))
        options.loading = False
        options.highlighted = 0 if infos else None

    @on(OptionList.OptionSelected, "#deck-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._open(event.option.id)

    @on(Input.Submitted, "#deck-path")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._open(event.value.strip())
