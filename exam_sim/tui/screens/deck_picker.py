"""Open another deck: bundled, from the library, or any supported file by path."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from exam_sim.decks import list_decks, load_deck
from exam_sim.models import Deck, DeckError


class DeckPickerScreen(ModalScreen[Deck | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="deck_picker.cancel", tooltip="Keep this deck"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Static("Open a deck", id="dialog-title")
            options = OptionList(id="deck-list")
            for info in list_decks():
                label = f"{info.title}  ·  {info.card_count} cards  ·  {info.where}"
                options.add_option(Option(Content(label), id=str(info.path)))
            yield options
            yield Static(
                "…or a file (TOML, text, CSV/TSV, Anki export), then Enter:", classes="dim"
            )
            yield Input(placeholder="path/to/deck.csv", id="deck-path")

    def on_mount(self) -> None:
        self.query_one("#deck-list", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _open(self, path: str) -> None:
        try:
            deck = load_deck(path)
        except DeckError as error:
            self.notify(str(error), title="Cannot open deck", severity="error", timeout=10)
            return
        except OSError as error:
            self.notify(f"{path}: {error.strerror or error}.", severity="error", timeout=10)
            return
        self.dismiss(deck)

    @on(OptionList.OptionSelected, "#deck-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._open(event.option.id)

    @on(Input.Submitted, "#deck-path")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._open(event.value.strip())
