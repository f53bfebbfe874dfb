"""Reading, writing, finding and linting flashcard decks.

One module per format (native TOML, plain text, CSV/TSV, Anki text export); `load_deck`
picks the reader. Every reader raises only `exam_sim.models.DeckError` for bad input.

The names below load their module on first use (module `__getattr__`): importing a light
module of the package, such as `catalog`, must not load the readers and pydantic with
them (Home shows a deck from the catalog before the core is loaded).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exam_sim.decks.anki import parse_anki, read_anki
    from exam_sim.decks.check import Finding, check_deck
    from exam_sim.decks.delimited import parse_delimited, read_delimited
    from exam_sim.decks.formats import FORMATS, formats_said
    from exam_sim.decks.loader import (
        DeckInfo,
        TopicInfo,
        detect_format,
        import_deck,
        library_deck,
        list_decks,
        load_deck,
        remove_deck,
        resolve_deck,
    )
    from exam_sim.decks.native import deck_to_toml, parse_native, read_native, write_native
    from exam_sim.decks.plaintext import parse_plaintext, read_plaintext

# Each exported name and the module that defines it.
_MODULES = {
    "parse_anki": "anki",
    "read_anki": "anki",
    "Finding": "check",  # the linter pulls in rapidfuzz
    "check_deck": "check",
    "parse_delimited": "delimited",
    "read_delimited": "delimited",
    "FORMATS": "formats",
    "DeckInfo": "loader",
    "TopicInfo": "loader",
    "detect_format": "loader",
    "formats_said": "formats",
    "import_deck": "loader",
    "library_deck": "loader",
    "list_decks": "loader",
    "remove_deck": "loader",
    "load_deck": "loader",
    "resolve_deck": "loader",
    "deck_to_toml": "native",
    "parse_native": "native",
    "read_native": "native",
    "write_native": "native",
    "parse_plaintext": "plaintext",
    "read_plaintext": "plaintext",
}


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'exam_sim.decks' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"exam_sim.decks.{module}"), name)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


__all__ = [
    "FORMATS",
    "DeckInfo",
    "Finding",
    "TopicInfo",
    "check_deck",
    "deck_to_toml",
    "detect_format",
    "formats_said",
    "import_deck",
    "library_deck",
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
    "remove_deck",
    "resolve_deck",
    "write_native",
]
