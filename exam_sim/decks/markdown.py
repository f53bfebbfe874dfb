"""Markdown glossaries: the notes people keep in Obsidian, on GitHub or in a wiki.

Parsed by markdown-it-py (CommonMark, GFM tables, and the definition lists of its plugins:
the parser Textual's own Markdown widget uses, so no new dependency), cards come from

- tables: the header row names the columns as a CSV header does (`header_row`), and is
  never a card; a header naming none keeps each row's first cell as the term, its
  second as the definition;
- definition lists: `Term` then `: definition` lines (several definitions are joined);
- a list item that is a term alone (`**Term**`, `Term:`) with a list under it: the points
  joined are its definition;
- list items and paragraphs that name a term: `**Term**: definition` (the bold opening is
  the term, whatever separates it from the rest), or `Term: definition`, `Term - …`,
  `Term = …`, `Term :: …` (the first separator of `LINE_SEPARATORS` the text holds).

A note's YAML front matter is skipped; Obsidian's `[[Page|text]]` links read as their text.
Headings give topics: a `#` heading before the first card is the deck's title (and the
topic of the cards under it when other cards have topics), and every other heading names
the topic of the cards under it; in a glossary of headings (nothing above gives a card),
the deepest headings with text under them are the terms. Inline
markup is dropped (bold, emphasis, code spans, links keep their text; images their alt
text); raw HTML is not interpreted. List items and paragraphs that name no term are
prose around the glossary: skipped, and counted in the reader's note (`check` and
`import` print it).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from exam_sim.decks.column_names import NoteFields, side_names
from exam_sim.decks.common import (
    LINE_SEPARATORS,
    RawCard,
    build_deck,
    decode,
    display_name,
    read_bytes,
    skipped_said,
)
from exam_sim.decks.header_row import header_roles, unread_columns
from exam_sim.decks.markdown_pieces import markdown_pieces
from exam_sim.decks.markdown_text import runs_text as _text
from exam_sim.models import Deck, DeckError
from exam_sim.units import counted, listed

_FIRST_TWO = ("term", "definition")  # a table's columns when its header names none
# An Obsidian callout's first line ("[!definition] Osmosis", "[!faq]- Why …?"), and the
# types that define their title or answer it (custom ones study vaults use, and the
# question's own); a note or a warning is prose.
_CALLOUT = re.compile(r"\[!([\w-]+)\][+-]?\s*(.*)")
_DEFINING_CALLOUTS = {
    "definition", "def", "define", "term", "glossary", "vocab", "vocabulary", "concept",
    "flashcard", "card", "question", "faq", "help",
}  # fmt: skip
# The columns a table's cards are read from (`_Reader._row`, `column_names.NoteFields`).
_TABLE_ROLES = {"term", "definition", "topic", "reading", "kind", "example"}

if TYPE_CHECKING:
    from markdown_it.token import Token

# Where "term: definition" splits in a list item or a paragraph, most telling first (as
# for a one-card-a-line text file, less the tab: Markdown has none).
SEPARATORS = tuple(separator for separator in LINE_SEPARATORS if separator != "\t")
# What may stand between a bold term and its definition: "**Term**: …", "**Term** — …".
_AFTER_BOLD = re.compile(r"^\s*(?:[:=|]+|[-–—]+)?\s*")
# The same inside the bold, as word processors and Markdown writers often put it:
# "**Term:** …", "**Term —** …"; a dash glued to the term is its own ("**hyper-**").
_BOLD_ENDING = re.compile(r"\s*[:=]+\s*$|\s+[-–—]+\s*$")
# A Markdown structure cards come from; without one a .md file is plain text (`loader`).
_STRUCTURE = re.compile(
    r"^\s{0,3}\|?\s*:?-{3,}:?\s*\|"  # a table's separator row
    r"|^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+\S"  # a list item
    r"|^\s{0,3}:\s+\S"  # a definition
    r"|^\s{0,3}\*\*[^*\n]+\*\*"  # a paragraph opening with a bold term
    r"|^\s{0,3}>\s*\[![\w-]+\]",  # an Obsidian callout
    re.MULTILINE,
)
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S", re.MULTILINE)
NO_CARDS = (
    "no cards found: a Markdown deck gives them as a table (term | definition), a "
    "definition list, list items such as '**term**: definition' or 'term: definition', "
    "headings each followed by its definition, or callouts ('> [!definition] term')"
)


def looks_like_markdown(text: str) -> bool:
    """Whether a .md file holds a Markdown glossary (a table, a list, a definition list,
    a bold term, headings: one is a title; a note's front matter) rather than the
    plain-text formats' lines."""
    return (
        _STRUCTURE.search(text) is not None
        or len(_HEADING.findall(text, 0)) >= 2
        or _FRONT_MATTER.match(text) is not None
    )


def read_markdown(path: str | Path, **options: object) -> Deck:
    return parse_markdown(read_bytes(path), file=str(path), **options)  # type: ignore[arg-type]


def parse_markdown(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """The deck of a Markdown glossary (see the module's docstring)."""
    name = display_name(file)
    pieces = markdown_pieces(decode(data, name).split("\n"))
    return parse_markdown_blocks(pieces, file=file, title=title, deck_id=deck_id)


def parse_markdown_blocks(
    pieces: Iterable[tuple[int, str]],
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
    lines_listed: int = 5,
) -> Deck:
    """The deck of a Markdown glossary given in pieces, each (the number of lines before
    it, its text), cut where the parser reads them as it would the whole
    (`markdown_pieces`): each is parsed and read in turn, so that the parser's tokens of
    one piece at a time are in memory (about 5 KB a card), not the whole document's. The
    note lists `lines_listed` lines of what it skipped, then "…" (a document written as
    Markdown lists them all, to say them as its own places: `markdown_lines`)."""
    # Imported here: the loader imports this module, and a deck that is not Markdown
    # should not pay for the parser.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    name = display_name(file)
    # Front matter (Obsidian's YAML block between "---" lines) is the note's metadata: its
    # own token, never read as a heading or a card.
    parser = (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .use(deflist_plugin)
        .use(front_matter_plugin)
    )
    reader = _Reader([])
    for offset, text in pieces:
        reader.tokens = _shifted(parser.parse(text), offset)
        reader.read()
    reader.tokens = []
    if reader.sections:
        # A glossary of headings, when its headings give more cards than everything else
        # does: a few definitions holding "e.g.: …" read as "Term: definition" are not
        # the glossary (topic headings with a line of prose under each, beside a table
        # of cards, are not either). Its lists, tables and definition lists stay cards.
        headings = reader.by_headings()
        if len(headings.cards) > len(reader.cards):
            headings.keep(reader.structured)
            reader = headings
    if not reader.cards:
        raise DeckError(NO_CARDS, file=name)
    reader.file_under_the_title()
    return build_deck(
        reader.cards,
        file=name,
        title=title or reader.title,
        deck_id=deck_id,
        reader_notes=(reader.note(lines_listed),),
        # What a table's header calls the sides names every card's only when every card
        # is that table's (or one's like it): "Which abbreviation…?" asks a paragraph's
        # card too, else.
        sides=reader.sides if reader.sided == len(reader.cards) else None,
    )


class _Reader:
    """One walk over the parser's tokens, gathering cards, the title and the topics."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.cards: list[RawCard] = []
        self.title: str | None = None
        self.topic: str | None = None
        self.skipped: list[int] = []  # lines of list items and paragraphs naming no term
        self.sources: dict[str, int] = {}
        # Each heading with the text under it that named no term: (level, heading, its
        # line, the text), for a glossary of headings (`from_headings`).
        self.sections: list[tuple[int, str, int, list[str]]] = []
        # The roles of the last table's columns, by its header row (`header_row`), and
        # the columns joined to its cards (`column_names.NoteFields`).
        self.columns: list[str | None] = list(_FIRST_TWO)
        self.joins = NoteFields()
        self.sides: tuple[str, str] | None = None  # what the first table's header calls them
        # Columns of a table's header that no card reads ("Source"), each with the lines
        # of the headers naming it: said, never dropped unsaid.
        self.unread: dict[str, list[int]] = {}
        self.table_sides: tuple[str, str] | None = None  # what this table's header calls them
        self.sided = 0  # the cards of tables whose header agrees with `sides`
        # The cards of lists, tables and definition lists, and their sources: kept beside
        # a glossary of headings (`by_headings`).
        self.structured: list[tuple[RawCard, str]] = []
        # Where each topic of a glossary of headings takes over: (line, topic).
        self.topics_from: list[tuple[int, str | None]] = []

    def read(self) -> None:
        tokens, at = self.tokens, 0
        in_body = False  # in a table's body: its header row is no card
        while at < len(tokens):
            token = tokens[at]
            if token.type == "heading_open":
                self._heading(token, plain(tokens[at + 1]))
            elif token.type == "thead_open":  # its names choose the columns, as a CSV's
                names, at = self._texts_until(at + 1, "thead_close", token.level)
                self.columns = header_roles(names) or list(_FIRST_TWO)
                self.joins = NoteFields.of_roles(self.columns)
                self._note_unread(names, _line(token))
                self.table_sides = None
                if "term" in self.columns[: len(names)]:
                    term, definition = map(self.columns.index, ("term", "definition"))
                    if max(term, definition) < len(names):
                        self.table_sides = side_names(names[term], names[definition])
                        self.sides = self.sides or self.table_sides
            elif token.type in ("tbody_open", "tbody_close"):
                in_body = token.type == "tbody_open"
            elif token.type == "tr_open" and in_body:
                at = self._row(at)
                continue
            elif token.type == "dt_open":  # its definitions are read with it
                at = self._definition(at)
                continue
            elif token.type == "blockquote_open" and (after := self._callout(at)) is not None:
                at = after
                continue
            elif token.type == "paragraph_open" and self._opens_a_list_of_points(at):
                at = self._points(at)
                continue
            elif token.type == "paragraph_open":
                self._named(tokens[at + 1])
            at += 1

    def _callout(self, at: int) -> int | None:
        """The card of an Obsidian callout that defines ("> [!definition] Osmosis" over
        "> The movement of water …"; a question's over its answer) opening at `at`, and
        the index after it; None for any other quote, read as usual."""
        tokens = self.tokens
        if at + 2 >= len(tokens) or tokens[at + 2].type != "inline":
            return None
        lines = _lines_of(tokens[at + 2].children or [])
        found = _CALLOUT.fullmatch(_text(lines[0]).strip())
        if found is None or found[1].casefold() not in _DEFINING_CALLOUTS or not found[2]:
            return None
        rest, close = self._texts_until(at + 3, "blockquote_close", tokens[at].level)
        definition = joined([" ".join(_text(line) for line in lines[1:]).strip(), *rest])
        self._card_or_skip(found[2].strip(), definition, _line(tokens[at]), "callouts")
        return close + 1

    def _opens_a_list_of_points(self, at: int) -> bool:
        """Is the paragraph at `at` a list item's term alone ("**Term**", "Term:") with a
        list under it, its definition in points?"""
        tokens = self.tokens
        return (
            at > 0
            and tokens[at - 1].type == "list_item_open"
            and at + 3 < len(tokens)
            and tokens[at + 3].type in ("bullet_list_open", "ordered_list_open")
            and term_alone(tokens[at + 1].children or []) is not None
        )

    def _points(self, at: int) -> int:
        """The card of a term whose definition is the list under it (its points joined);
        the index after that list."""
        tokens = self.tokens
        term = term_alone(tokens[at + 1].children or []) or ""
        line = _line(tokens[at + 1])
        at += 3
        points, at = self._texts_until(at + 1, "_list_close", tokens[at].level)
        self._card_or_skip(term, joined(points), line, "lists")
        return at + 1

    def _texts_until(self, at: int, close: str, depth: int) -> tuple[list[str], int]:
        """The inline texts from `at` on, up to the token at `depth` whose type ends with
        `close`; and that token's index."""
        texts: list[str] = []
        while not (self.tokens[at].type.endswith(close) and self.tokens[at].level == depth):
            if self.tokens[at].type == "inline":
                texts.append(plain(self.tokens[at]))
            at += 1
        return texts, at

    def _card_or_skip(self, term: str, definition: str, line: int, source: str) -> None:
        if term and definition:
            self._card(term, definition, line, source)
        else:
            self.skipped.append(line)

    def _heading(self, token: Token, text: str) -> None:
        self.sections.append((int(token.tag[1:]), text, _line(token), []))
        if token.tag == "h1" and len(self.sections) == 1 and not self.cards:
            self.title = text
        else:
            self.topic = None if alphabetical(text) else text or None

    def _note_unread(self, names: list[str], line: int) -> None:
        for name in unread_columns(names, self.columns, _TABLE_ROLES):
            lines = self.unread.setdefault(" ".join(name.split()), [])
            if lines[-1:] != [line]:
                lines.append(line)

    def _row(self, at: int) -> int:
        """The card of the table row opening at `at`; the index after the row."""
        line = _line(self.tokens[at])
        cells, at = self._texts_until(at + 1, "tr_close", self.tokens[at].level)
        roles = self.columns

        def cell(role: str) -> str:
            return cells[roles.index(role)] if role in roles[: len(cells)] else ""

        # The header's columns ("Word | Part of speech | Definition | Example"): the term,
        # the definition with its kind and example, the topic (else the heading's).
        term, definition = self.joins.joined(cell("term"), cell("definition"), cells, str.strip)
        if term and definition.strip():
            self._card(term, definition, line, "tables", cell("topic") or self.topic)
            # A header naming no sides of its own ("Term | Definition") goes with any.
            self.sided += self.table_sides is None or self.table_sides == self.sides
        else:
            self.skipped.append(line)
        return at + 1

    def _definition(self, at: int) -> int:
        """The card of the definition-list term opening at `at` (its definitions joined:
        "a; b", sentences after each other); the index after its last definition."""
        term = plain(self.tokens[at + 1])
        line = _line(self.tokens[at + 1])
        at += 3  # dt_open, inline, dt_close
        meanings: list[str] = []
        while at < len(self.tokens) and self.tokens[at].type == "dd_open":
            depth = self.tokens[at].level
            parts, at = self._texts_until(at + 1, "dd_close", depth)
            meanings.append(" ".join(p for p in parts if p))
            at += 1
        self._card_or_skip(term, joined(meanings), line, "definition lists")
        return at

    def _named(self, inline: Token) -> None:
        """A list item's or a paragraph's card, when it names a term; a card a line when
        each of its lines names one ("Term :: …" lines with no blank line between them
        are one paragraph to Markdown)."""
        source = "lists" if inline.level > 1 else "paragraphs"
        if self.sections and source == "paragraphs":  # what a glossary of headings reads
            self.sections[-1][3].append(plain(inline))
        lines = _lines_of(inline.children or [])
        if len(lines) > 1:
            # Only when every line names a term the same way (all bold, or all at the same
            # separator) and briefly: a definition wrapped onto a line that happens to
            # hold ": " is one card, not two.
            each = [split_named(line) for line in lines]
            named = [found for found in each if found is not None]
            if (
                len(named) == len(lines)
                and all(len(found.term) <= _LINE_TERM_CHARS for found in named)
                and len({found.kind for found in named}) == 1
            ):
                for offset, found in enumerate(named):
                    self._card(found.term, found.definition, _line(inline) + offset, source)
                return
        whole = split_named(inline.children or [])
        if whole is None:
            self.skipped.append(_line(inline))
            if self.sections and source == "lists":
                self.sections[-1][3].append(plain(inline))
            return
        self._card(whole.term, whole.definition, _line(inline), source)

    def by_headings(self) -> _Reader:
        """The page read again as a glossary of headings (`from_headings`): a paragraph
        naming a term is then a part of its heading's definition."""
        again = _Reader([])  # read from its sections, not its tokens
        again.title, again.sections = self.title, self.sections
        again.from_headings()
        return again

    def keep(self, cards: Sequence[tuple[RawCard, str]]) -> None:
        """Cards of lists, tables and definition lists beside a glossary of headings,
        each filed under the topic in force where it stands (not under a term's heading)."""
        lines = [line for line, _ in self.topics_from]
        for card, source in cards:
            at = bisect.bisect_right(lines, card.line) - 1
            topic = self.topics_from[at][1] if at >= 0 else None
            self.cards.append(dataclasses.replace(card, topic=topic))
            self.sources[source] = self.sources.get(source, 0) + 1
        self.cards.sort(key=lambda card: card.line)

    def from_headings(self) -> None:
        """The cards of a glossary of headings (`by_headings`): each heading of the
        deepest level with text under it is a term, that text its definition; a shallower
        heading is the topic of the terms under it (a leading # heading stays the title)."""
        sections = self.sections[1:] if self.title is not None else self.sections
        defined = [level for level, _, _, text in sections if text]
        if not defined:
            return
        deepest = max(defined)
        topic: str | None = None
        self.skipped = []
        for level, heading, line, text in sections:
            if level < deepest:
                topic = None if alphabetical(heading) else heading or None
            self.topics_from.append((line, topic))
            if level == deepest and heading and text:
                self.topic = topic
                self._card(heading, " ".join(text), line, "headings")
            elif level == deepest:
                self.skipped.append(line)
        self.topic = None

    def _card(
        self, term: str, definition: str, line: int, source: str, topic: str | None = None
    ) -> None:
        topic = topic or self.topic
        card = RawCard(term=term, definition=definition, line=line, topic=topic)
        self.cards.append(card)
        self.sources[source] = self.sources.get(source, 0) + 1
        if source not in ("paragraphs", "headings"):
            self.structured.append((card, source))

    def file_under_the_title(self) -> None:
        """Cards under the title, before any other heading ("# Networking", cards, then
        "## Security"), are its topic's when other cards have topics: the note's own
        subject. Before, they had none beside "Security", and `check` warned of them."""
        if self.title and any(card.topic for card in self.cards):
            for card in self.cards:
                card.topic = card.topic or self.title

    def note(self, most: int = 5) -> str:
        """ "read as Markdown: 12 cards from tables, 3 from lists; 2 paragraphs or list
        items without a term skipped (lines 4, 9)"."""
        total = counted(sum(self.sources.values()), "card")
        if list(self.sources) == ["headings"]:
            return (
                f"read as Markdown: {total}, each a heading (the term) and the text under it "
                "(the definition)"
                + skipped_said(self.skipped, "heading without text", "headings without text", most)
            )
        parts = [f"{n:,} from {source}" for source, n in self.sources.items()]
        if len(parts) == 1:
            note = f"read as Markdown: {total} from {next(iter(self.sources))}"
        else:
            note = f"read as Markdown: {total}, {', '.join(parts)}"
        return (
            note
            + skipped_said(
                self.skipped,
                "paragraph without a term",
                "paragraphs or list items without a term",
                most,
            )
            + self._unread_said(most)
        )

    def _unread_said(self, most: int) -> str:
        """ "; a table's column "Source" not read (line 3): …", or ""."""
        if not self.unread:
            return ""
        names = ", ".join(f'"{name}"' for name in self.unread)
        lines = sorted({line for found in self.unread.values() for line in found})
        which = "a table's column" if len(self.unread) == 1 else "tables' columns"
        plural = "s" * (len(lines) > 1)
        return (
            f"; {which} {names} not read (line{plural} {listed(lines, most)}): a table gives its "
            "cards' terms, definitions and topics"
        )


# The heading of a glossary's section by letter: "A", "B.", "A–C", "0-9", "#".
_ALPHABETICAL = re.compile(r"[#\W]*\w?\W*|\w\s*(?:[-–—]|to)\s*\w\W*")


def alphabetical(heading: str) -> bool:
    """Is a heading a letter of an alphabetical glossary (its terms in order, not a
    subject): no topic, or a deck sorted A to Z is scored by its initials."""
    return _ALPHABETICAL.fullmatch(heading.strip()) is not None


def _lines_of(children: Sequence[Token]) -> list[list[Token]]:
    """An inline run cut at its line breaks."""
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    return lines


def joined(parts: Sequence[str]) -> str:
    """Several definitions or points as one: "a; b", or "A. B." when they are sentences."""
    text = ""
    for part in filter(None, parts):
        joint = " " if not text or text[-1] in ".;!?" else "; "
        text = f"{text}{joint}{part}".strip()
    return text


def term_alone(run: Sequence[Token]) -> str | None:
    """The term of a run that names a term and nothing else: "**Term**" (a colon or dash
    after it or not) or a short "Term:"; None otherwise."""
    children = [c for c in run if not (c.type == "text" and not c.content.strip())]
    if children and children[0].type == "strong_open":
        close = _bold_close(children)
        if close is None or _text(children[close + 1 :]) not in ("", ":", "—", "–", "-"):
            return None
        return _bold_term(children[1:close]) or None
    text = _text(children)
    if text.endswith(":") and 0 < len(text) - 1 <= _LINE_TERM_CHARS and ": " not in text:
        return text[:-1].strip() or None
    return None


# The longest term a line of a several-line paragraph may name to be a card of its own.
_LINE_TERM_CHARS = 60


class Named(NamedTuple):
    """A term named by a run of text, its definition, and how it was named: "bold", or
    the separator it was split at."""

    term: str
    definition: str
    kind: str


def _bold_term(run: Sequence[Token]) -> str:
    """A bold opening's text as a term: without a separator set bold with it."""
    return _BOLD_ENDING.sub("", _text(run))


def _bold_close(children: Sequence[Token]) -> int | None:
    """Where the bold opening of `children` closes (they open with it), if it does."""
    return next(
        (n for n, c in enumerate(children) if c.type == "strong_close" and c.level == 0), None
    )


def split_named(run: Sequence[Token]) -> Named | None:
    """The term an inline run names, and its definition: a bold opening, else the first
    of SEPARATORS in its text; None when it names none."""
    children = [c for c in run if not (c.type == "text" and not c.content)]
    if children and children[0].type == "strong_open":
        close = _bold_close(children)
        if close is not None:
            term = _bold_term(children[1:close])
            definition = _AFTER_BOLD.sub("", _text(children[close + 1 :]), count=1)
            return Named(term, definition, "bold") if term and definition else None
    text = _text(children)
    for separator in SEPARATORS:
        term, found, definition = text.partition(separator)
        if found and term.strip() and definition.strip():
            return Named(term.strip(), definition.strip(), separator)
    return None


def plain(inline: Token) -> str:
    """An inline run's text without its markup."""
    return _text(inline.children or ())


def _shifted(tokens: list[Token], lines: int) -> list[Token]:
    """A piece's tokens, their lines counted from the document's start."""
    if lines:
        for token in tokens:
            if token.map:
                token.map = [token.map[0] + lines, token.map[1] + lines]
    return tokens


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0
