"""Markdown written from a document of another kind (a Word document, a web page), to be
read as a Markdown glossary is (`decks.markdown`), with where each line came from.

The document's text is escaped, so that "*", "#" or "|" in it stay text; only the marks
written here (headings, list items, bold terms, tables, definition lists) are Markdown.
The Markdown reader's places (an error's line, the lines a note names, a card's line)
are then said as the document's own: "paragraph 4", "table 2, row 5", or the line of
the web page's source. The Markdown is parsed a piece of a few thousand lines at a time
(`markdown_pieces`): the parser's tokens of a 100,000-entry document took 800 MB held
all at once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import get_args

from exam_sim.decks.header_row import HEADER_SAMPLE, first_row_roles
from exam_sim.decks.markdown import NO_CARDS, parse_markdown_blocks
from exam_sim.decks.markdown_pieces import markdown_pieces
from exam_sim.models import CardPlaces, Deck, DeckError

# CommonMark lets a backslash escape any ASCII punctuation: the text stays as written.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINES_SAID = re.compile(r"\(lines? ([\d, …]+)\)")  # "(lines 4, 9)" in a reader's note
_PLACES_LISTED = 5  # places a note names, then "…"
_ONE_TABLE = re.compile(r"table \d+, row")  # a document's table's rows, as places
_KEPT_PLACES = get_args(CardPlaces)  # the places a card keeps: a line, a page, a slide, a row


def escaped(text: str) -> str:
    """Text as Markdown that reads back as the same text, on one line."""
    return _PUNCTUATION.sub(r"\\\1", text.replace("\n", " "))


def runs_markdown(runs: Iterable[tuple[str, bool]]) -> str:
    """A block's runs (text, and whether it is bold) as one line of Markdown: the text
    escaped, bold runs in "**" (the spaces around a bold run outside its marks, as
    CommonMark reads them); a Word document's runs, an OpenDocument text's, a web
    page's."""
    # Runs of the same weight as one (spaces go with the run before them); gathered in
    # lists and joined once: a paragraph of 200,000 runs is not copied at each.
    groups: list[tuple[bool, list[str]]] = []
    for text, bold in runs:
        bold = bold and bool(text.strip())
        if groups and (groups[-1][0] == bold or not text.strip()):
            groups[-1][1].append(text)
        else:
            groups.append((bold, [text]))
    pieces: list[str] = []
    for bold, texts in groups:
        text = "".join(texts)
        if not bold:
            pieces.append(escaped(text))
        elif words := " ".join(text.split()):
            lead = " " if text[:1].isspace() else ""
            trail = " " if text[-1:].isspace() else ""
            pieces.append(f"{lead}**{escaped(words)}**{trail}")
    return " ".join("".join(pieces).split())


@dataclass
class MarkdownLines:
    """The document written as Markdown, and where each line came from: a place ("line",
    "paragraph", "table 2, row") and its number."""

    lines: list[str] = field(default_factory=list)
    places: list[tuple[str, int]] = field(default_factory=list)

    def add(self, text: str, place: str, number: int) -> None:
        """A block of its own (a blank line after it)."""
        self.lines += [text, ""]
        self.places += [(place, number), (place, number)]

    def add_line(self, text: str, place: str, number: int) -> None:
        """A line that goes on the block above (a definition after its term)."""
        self.lines.append(text)
        self.places.append((place, number))

    def add_table(
        self, rows: Sequence[tuple[int, Sequence[str]]], place: str, *, header: bool = False
    ) -> None:
        """A table as a Markdown table, each row (its number, its cells' text unescaped):
        its first row the header when it names the columns ("Term | Definition") or
        `header` says it is one (set apart in bold), else an empty header above it, so
        that it is a card too."""
        numbered = [(number, list(row)) for number, row in rows if any(row)]
        if not numbered:
            return
        width = max(len(row) for _, row in numbered)
        # Whether the first row names the columns is told as a CSV's first row is
        # ("Attack | Description | Mitigation" above descriptions longer than its own).
        names = first_row_roles(numbered[0][0], numbered[0][1], numbered[: HEADER_SAMPLE + 1], None)
        if not header and names.roles is None:
            numbered.insert(0, (numbered[0][0], [""] * width))
        for at, (number, row) in enumerate(numbered):
            cells = [escaped(cell) for cell in row] + [""] * (width - len(row))
            self.add_line("| " + " | ".join(cells) + " |", place, number)
            if at == 0:  # the header row's rule
                self.add_line("|" + " --- |" * width, place, number)
        self.add_line("", place, numbered[-1][0])

    def deck(
        self,
        *,
        file: str,
        title: str | None,
        deck_id: str | None,
        no_cards: str,
        read_as: str,
    ) -> Deck:
        """The deck the Markdown reads as, its places the document's: `no_cards` the
        problem when it has none, `read_as` what its note says it was read as ("a Word
        document"). A card's line is kept where it is a line, a page or a slide."""
        try:
            deck = parse_markdown_blocks(
                markdown_pieces(self.lines),
                file=file,
                title=title,
                deck_id=deck_id,
                lines_listed=len(self.lines),  # every one: said as places, then cut
            )
        except DeckError as error:
            if error.problem == NO_CARDS.rstrip("."):
                raise DeckError(no_cards, file=file) from None
            place, number = self.place_of(error.line)
            raise DeckError(error.problem, file=file, line=number, place=place) from None

        # A card keeps its place where every card's is of one kind a reader can find: a
        # line of a web page, a page of a PDF, a slide, a row of a document's one table;
        # not a Word document's paragraph (no viewer numbers them) or a table's row
        # beside paragraphs.
        places = [self.place_of(card.line) for card in deck.cards]
        kinds = {place for place, _ in places}
        kind = kinds.pop() if len(kinds) == 1 else None
        if kind is not None and _ONE_TABLE.fullmatch(kind):
            kind = "row"
        if kind in _KEPT_PLACES:
            lines: list[int | None] = [number for _, number in places]
        else:
            kind, lines = "line", [None] * len(places)
        pairs = zip(deck.cards, lines, strict=True)
        cards = tuple(dataclasses.replace(card, line=line) for card, line in pairs)
        notes = tuple(self.said(note, read_as) for note in deck.notes)
        return deck.model_copy(update={"cards": cards, "notes": notes, "card_places": kind})

    def said(self, note: str, read_as: str) -> str:
        """The Markdown reader's note as of the document: "read as a Word document: …;
        1 paragraph without a term skipped (paragraph 2)", not the lines written here."""

        def places(match: re.Match[str]) -> str:
            # Each place once (several lines of a PDF stand on one page), the first few.
            numbers = re.findall(r"\d+", match[1])
            found = list(dict.fromkeys(self.place_of(int(n)) for n in numbers))
            more = ", …" if len(found) > _PLACES_LISTED or "…" in match[1] else ""
            found = found[:_PLACES_LISTED]
            kinds = {place for place, _ in found}
            if len(kinds) == 1 and "," not in (kind := kinds.pop()):
                plural = "s" if len(found) > 1 or more else ""
                return f"({kind}{plural} {', '.join(str(n) for _, n in found)}{more})"
            return f"({'; '.join(f'{place} {n}' for place, n in found)}{more})"

        note = note.replace("read as Markdown", f"read as {read_as}")
        return _LINES_SAID.sub(places, note)

    def place_of(self, line: int | None) -> tuple[str, int | None]:
        if line is None or not 0 < line <= len(self.places):
            return self.places[0][0] if self.places else "line", None
        return self.places[line - 1]
