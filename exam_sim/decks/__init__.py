"""Reading, writing, finding and linting flashcard decks.

One module per format (native TOML, plain text, CSV/TSV, Anki text export); `load_deck`
picks the reader. Every reader raises only `exam_sim.models.DeckError` for bad input.
"""

from exam_sim.decks.anki import parse_anki, read_anki
from exam_sim.decks.delimited import parse_delimited, read_delimited
from exam_sim.decks.loader import (
    FORMATS,
    DeckInfo,
    TopicInfo,
    detect_format,
    import_deck,
    list_decks,
    load_deck,
    resolve_deck,
)
from exam_sim.decks.native import deck_to_toml, parse_native, read_native, write_native
from exam_sim.decks.plaintext import parse_plaintext, read_plaintext


def __getattr__(name: str) -> object:
    # The linter pulls in rapidfuzz; load it only when asked for, not at TUI start-up.
    if name in ("Finding", "check_deck"):
        from exam_sim.decks import check

        return getattr(check, name)
    raise AttributeError(f"module 'exam_sim.decks' has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "DeckInfo",
    "Finding",
    "TopicInfo",
    "check_deck",
    "deck_to_toml",
    "detect_format",
    "import_deck",
    "list_decks",
    "load_deck",
    "parse_anki",
    "parse_delimited",
    "parse_native",
    "parse_plaintext",
    "read_anki",
    "read_delimited",
    "read_native",
    "read_plaintext",
    "resolve_deck",
    "write_native",
]
