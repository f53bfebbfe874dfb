"""Logseq pages with flashcards: a block tagged #card is the front, the blocks under it the
back.

    title:: Cell biology                        page properties: the title
    - Organelles                                a block above cards: their topic
        - Mitochondria #card
          card-last-interval:: 4                the review's properties: dropped
            - The organelle that makes most of the cell's ATP
        - The {{cloze nucleus}} holds the DNA #card     a cloze: what it hides is the answer

Blocks nest by tabs or spaces. A card's back is its child blocks joined ("a; b"), each
with the blocks under it. The nearest short block above a card that is no card names its
topic, or else the last heading block ("- ## Organelles") before it. Other blocks are
notes around the cards: skipped, and counted in the reader's note. Logseq's links
(`[[Page]]`) and inline Markdown read as their text. Before, such a page was refused ("no
cards found") or read as a Markdown list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from exam_sim.decks.common import (
    RawCard,
    build_deck,
    clean_field,
    decode,
    display_name,
    skipped_said,
)
from exam_sim.decks.markdown import joined
from exam_sim.models import Deck, DeckError
from exam_sim.units import counted

# "#card", "#Card", "#[[card]]": Logseq's tags are not case-sensitive.
_CARD_TAG = re.compile(r"(?<!\S)#(?:card|\[\[card\]\])(?!\S)", re.IGNORECASE)
_BLOCK = re.compile(r"^(?P<indent>[ \t]*)- (?P<text>.*)$|^(?P<bare>[ \t]*)-$")
_PROPERTY = re.compile(r"^\s*[\w.-]+:: ?")  # "card-last-interval:: 4", "id:: 64f…"
_CLOZE = re.compile(r"\{\{cloze\s+([^{}]*)\}\}")  # to the next brace: never rescans the text
_HEADING = re.compile(r"^#{1,6}\s+")
_TOPIC_CHARS = 80  # the longest block above cards that is their topic
_TAB = 4  # columns a tab stands for, where a page mixes tabs and spaces


def looks_like_logseq_cards(text: str) -> bool:
    """Is there a block tagged #card (a list item holding the tag)?"""
    return any(
        _CARD_TAG.search(line) is not None
        for line in text.split("\n")
        if line.lstrip().startswith("- ")
    )


@dataclass
class _Block:
    depth: int
    line: int
    lines: list[str]
    children: list[_Block] = field(default_factory=list)

    @cached_property  # read once the page is: its lines are all gathered by then
    def text(self) -> str:
        return " ".join(part.strip() for part in self.lines if part.strip())

    @property
    def card(self) -> bool:
        return _CARD_TAG.search(self.text) is not None


def _blocks(text: str) -> tuple[list[_Block], dict[str, str]]:
    """The page's top blocks (each with its children) and its properties."""
    roots: list[_Block] = []
    stack: list[_Block] = []
    properties: dict[str, str] = {}
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        opened = _BLOCK.match(line)
        if opened is None:
            if not line.strip():
                continue
            if _PROPERTY.match(line):  # a block's or, before any, the page's
                if not stack:
                    key, _, value = line.strip().partition("::")
                    properties[key.strip().lower()] = value.strip()
                continue
            if stack:  # a block's text goes on
                stack[-1].lines.append(line)
            continue
        indent = opened["indent"] if opened["indent"] is not None else opened["bare"]
        depth = len(indent.expandtabs(_TAB))
        block = _Block(depth, number, [opened["text"] or ""])
        while stack and stack[-1].depth >= depth:
            stack.pop()
        (stack[-1].children if stack else roots).append(block)
        stack.append(block)
    return roots, properties


@dataclass
class _Reader:
    cards: list[RawCard] = field(default_factory=list)
    clozes: int = 0
    skipped: list[int] = field(default_factory=list)
    heading: str | None = None

    def walk(self, roots: list[_Block]) -> None:
        """The blocks in page order, each with the topic the blocks above it give (a
        stack, not recursion: a page may nest its blocks as deep as it likes)."""
        stack: list[tuple[_Block, str | None]] = [(block, None) for block in reversed(roots)]
        while stack:
            block, topic = stack.pop()
            if block.card:
                self._card(block, topic or self.heading)
                continue
            text = _plain(block.text)
            if _HEADING.match(block.text) and topic is None:
                self.heading = text
            elif not block.children:
                if text:
                    self.skipped.append(block.line)
                continue
            # A short block names the cards under it; a longer one is a note.
            below = text if 0 < len(text) <= _TOPIC_CHARS else topic
            stack += [(child, below) for child in reversed(block.children)]

    def _card(self, block: _Block, topic: str | None) -> None:
        front = _CARD_TAG.sub("", block.text).strip()
        if _CLOZE.search(front) and not block.children:
            # Logseq hides every deletion of a block at once: one card, one number.
            marked = _CLOZE.sub(lambda match: f"{{{{c1::{match[1]}}}}}", front)
            self.cards.append(RawCard(_plain(marked), "", block.line, topic=topic))
            self.clozes += 1
            return
        front = _CLOZE.sub(lambda match: match[1], front)
        back = joined([text for child in block.children for text in _texts_below(child)])
        self.cards.append(RawCard(_plain(front), back, block.line, topic=topic))

    def note(self) -> str:
        """ "read as Logseq flashcards: 12 cards (2 clozes); 3 blocks without a card
        skipped (lines 4, 9, 12)"."""
        note = f"read as Logseq flashcards: {counted(len(self.cards), 'card')}"
        if self.clozes:
            note += f" ({counted(self.clozes, 'cloze')})"
        return note + skipped_said(self.skipped, "block without a card", "blocks without a card")


def _texts_below(block: _Block) -> list[str]:
    """A child block's text, then the texts of the blocks under it, in page order: a
    part of a card's back."""
    texts, stack = [], [block]
    while stack:
        below = stack.pop()
        texts.append(_plain(below.text))
        stack += reversed(below.children)
    return texts


def _plain(text: str) -> str:
    """A block's text without its heading marks and inline Markdown."""
    return clean_field(_HEADING.sub("", text.strip()))


def parse_logseq(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """The deck of a Logseq page's #card blocks (the module's docstring)."""
    name = display_name(file)
    roots, properties = _blocks(decode(data, name))
    reader = _Reader()
    reader.walk(roots)
    if not reader.cards:
        raise DeckError(
            "no cards found: a Logseq page gives them as blocks tagged #card, "
            "each with its answer in the blocks under it",
            file=name,
        )
    return build_deck(
        reader.cards,
        file=name,
        title=title or properties.get("title"),
        deck_id=deck_id,
        reader_notes=(reader.note(),),
        turn=True,  # a front and a back: which is the term, the page does not say
    )
