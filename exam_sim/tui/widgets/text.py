"""Deck text is data, never markup: every card string shown goes through these."""

from __future__ import annotations

from textual.content import Content

LETTERS = "ABCDEF"


def literal(text: str) -> Content:
    """Content that shows `text` exactly, `[bold]` and `[/]` included."""
    return Content(text)


def option_label(index: int, text: str, *, marker: str = "") -> Content:
    """ "A) text", with an optional marker before it ("●", "✓", "✗")."""
    prefix = f"{marker} " if marker else ""
    return Content.assemble((f"{prefix}{LETTERS[index]}) ", "bold"), Content(text))
