"""Obsidian notes written for the Spaced Repetition plugin (or the Flashcards plugin,
below): the cards are in the note.

    #flashcards/networking                   the plugin's tag: a sub-deck is the topic
    What does DNS stand for?::Domain Name System        a card a line
    TCP:::Transmission Control Protocol                 the same, reviewed both ways there
    What port does HTTPS use?                # a card of several lines: the prompt's lines
    ?                                        # and the answer's touch a line holding "?"
    443                                      # ("??": reviewed both ways); a blank line ends it
    The ==OSI model== has seven layers.      # a cloze: each ==highlight== hides one card's
                                             # answer (==a==^[hint] gives it a hint)

A tag that opens a card's first line is that card's alone; a line of tags files the cards
after it. With one sub-deck or none, headings give the topics (a `#` heading before the first
card is the deck's title). The plugin's scheduling comments (`<!--SR:…-->`), front
matter and other comments are dropped; code blocks stay in the side they touch, and a
mark inside one is no card. Other paragraphs are notes around the cards: skipped, and
counted in the reader's note. exam-sim asks every card both ways where it can, so a
reversed card is a card like the others. The Flashcards plugin (notes sent to Anki) tags
a front, a line or a heading, with #card ("#card-reverse"; "#card-spaced" has no back:
skipped), its back the lines under it; a "#card" line under a heading makes the heading
the front; its note ids (`^1607361487244`) are dropped. Before, such a note was read as
lines alternating term and definition: "443" a term, "?" a definition.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from exam_sim.decks.common import (
    RawCard,
    build_deck,
    clean_field,
    decode,
    display_name,
    skipped_said,
    title_from_stem,
)
from exam_sim.decks.markdown import joined
from exam_sim.models import Deck, DeckError
from exam_sim.units import counted

# The plugin's default marks.
_SINGLE, _REVERSED = "::", ":::"
_MULTI_LINE = ("?", "??")
# Its default deck tag, "#flashcards" ("#flashcard" in some of its docs), and sub-decks.
_DECK_TAG = re.compile(r"(?<!\S)#flashcards?(?:/(?P<deck>[^\s#]+))?(?!\S)", re.IGNORECASE)
_TAG = re.compile(r"(?<!\S)#[^\s#]+")
# The Flashcards plugin's tag after a card's front (a line or a heading); its back is the
# lines under it. "#card-reverse" is reviewed both ways, "#card-spaced" has no back.
_CARD_TAG = re.compile(r"(?<!\S)#card(?:[-/](?P<how>reverse|spaced))?(?!\S)", re.IGNORECASE)
_BLOCK_ID = re.compile(r"(?:^|\s)\^[\w-]+\s*$")  # "^1607361487244": the plugin's note id
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*)$")  # its closing #s: `_heading_text`
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", re.DOTALL)
# ==answer==, a hint after it (^[hint]) or a deletion group ([^2]).
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)==(?:\^\[([^\]]*)\]|\[\^(\d+)\])?")
_INLINE_FOOTNOTE = re.compile(r"\^\[[^\]]*\]")  # Obsidian's "^[a note]"
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_LIST_OPENING = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+\S")


def looks_like_obsidian_cards(text: str) -> bool:
    """Does this note hold the plugin's cards: a line of "?" (or "??") under a line of
    text, a line or heading tagged #card (the Flashcards plugin's), or the plugin's deck
    tag beside a card a line or a highlight?"""
    lines = text.split("\n")
    # A line at a time: one pattern over the text ("a line of text, then one of '?'")
    # took minutes on a long line (each start in it scanned the rest).
    if any(line.strip() in _MULTI_LINE and lines[at - 1].strip() for at, line in
           enumerate(lines) if at):  # fmt: skip
        return True
    if any(_CARD_TAG.search(line) for line in lines if not _BULLET.match(line)):
        return True  # the Flashcards plugin's "Front #card" (a list item's: Logseq's)
    return _DECK_TAG.search(text) is not None and (_SINGLE in text or "==" in text)


@dataclass
class _Line:
    number: int
    text: str
    code: bool = False  # inside a fenced code block: never a mark


@dataclass
class _Reader:
    cards: list[RawCard] = field(default_factory=list)
    title: str | None = None
    heading: str | None = None  # the topic headings give
    deck: str | None = None  # the sub-deck a line of tags gives
    decks_named: bool = False  # sub-decks named: they are the topics, not headings
    kinds: dict[str, int] = field(default_factory=dict)
    skipped: list[int] = field(default_factory=list)
    # A heading tagged #card, whose back is the paragraph under it; the last heading, and
    # the topic before it (a "#card" line under a heading makes the heading a front).
    front: tuple[_Line, str] | None = None
    last_heading: tuple[_Line, str | None] | None = None

    def read(self, text: str) -> None:
        decks = {m["deck"] for m in _DECK_TAG.finditer(text) if m["deck"]}
        # One sub-deck is the whole note's ("#flashcards/cka"): its headings are the topics.
        self.decks_named = len(decks) > 1
        for paragraph in _paragraphs(text, self):
            self._paragraph(paragraph)
        # Sub-decks of one deck ("aws/storage", "aws/compute") are topics of it: "storage".
        parents = {deck.split("/", 1)[0] for deck in decks}
        if len(parents) == 1 and all("/" in deck for deck in decks):
            shared = f"{title_from_stem(parents.pop())} › "
            for card in self.cards:
                card.topic = card.topic and card.topic.removeprefix(shared)

    def heading_line(self, level: int, text: str, number: int) -> None:
        self._tags(text)  # "# Networking #flashcards/net": the tag files what follows
        tagged = _CARD_TAG.search(text)
        if tagged:  # "## What is a pod? #card": a front
            self.front = (_Line(number, text), tagged["how"] or "")
            return
        text = clean_field(_DECK_TAG.sub("", text))
        if level == 1 and self.title is None and not self.cards:
            self.title = text
            return
        self.last_heading = (_Line(number, text), self.heading)
        self.heading = text

    def _tagged(self, lines: list[_Line]) -> list[_Line]:
        """The lines of a paragraph left once a front tagged #card took its back: all of
        them after a tagged heading, those after a tagged line, or none."""
        alone = _CARD_TAG.fullmatch(lines[0].text.strip()) if lines else None
        if self.front is None and alone and self.last_heading is not None:
            # "## Front", then "#card" on a line, then the back: the heading is a front
            heading, self.heading = self.last_heading
            self.front, lines = (heading, alone["how"] or ""), lines[1:]
        if self.front is None:
            found = ((n, m) for n, line in enumerate(lines)
                     if not line.code and (m := _CARD_TAG.search(line.text)))  # fmt: skip
            at, tagged = next(found, (None, None))
            if at is None or tagged is None:
                return lines
            self._skip(lines[:at])
            self.front, lines = (lines[at], tagged["how"] or ""), lines[at + 1 :]
        (front, how), self.front = self.front, None
        front = _Line(front.number, _CARD_TAG.sub("", front.text))
        if how.lower() == "spaced":  # a text to see again, no question
            self._skip([front])
        else:
            self._card([front], lines, "reversed" if how else "tagged", front)
        return []

    def _paragraph(self, lines: list[_Line]) -> None:
        lines = self._tagged(lines)
        pending: list[_Line] = []  # lines no card has taken yet
        at = 0
        while at < len(lines):
            line = lines[at]
            text = line.text.strip()
            if line.code:
                pending.append(line)
            elif _only_tags(text):
                self._tags(text)
            elif text in _MULTI_LINE:
                # A blank line ends a card; where none was left, the line before the next
                # "?" opens the next card.
                end = next((n - 1 for n in range(at + 2, len(lines)) if _marks(lines[n])), None)
                back = lines[at + 1 : end]
                self._card(pending, back, "reversed" if text == "??" else "several lines", line)
                if end is None:
                    return
                pending, at = [], end
                continue
            elif _SINGLE in text:
                self._skip(pending)
                pending = []
                front, mark, back_text = _split_single(line.text)
                kind = "reversed" if mark == _REVERSED else "a line"
                self._card([_Line(line.number, front)], [_Line(line.number, back_text)], kind, line)
            else:
                pending.append(line)
            at += 1
        if any(_HIGHLIGHT.search(line.text) for line in pending if not line.code):
            self._cloze(pending)
        else:
            self._skip(pending)

    def _tags(self, text: str) -> None:
        found = [m["deck"] for m in _DECK_TAG.finditer(text)]
        if found:
            self.deck = found[0]

    def _topic(self, first: _Line) -> str | None:
        own = _DECK_TAG.match(first.text.strip())  # a tag opening the card: its own
        deck = own["deck"] if own else self.deck
        if self.decks_named:  # "aws/learned-from-tv": "Aws › Learned from tv"
            return " › ".join(map(title_from_stem, deck.split("/"))) if deck else None
        return self.heading

    def _card(self, front: list[_Line], back: list[_Line], kind: str, mark: _Line) -> None:
        first = front[0] if front else mark
        term, definition = _side(front), _side(back)
        self.cards.append(RawCard(term, definition, first.number, topic=self._topic(first)))
        self.kinds[kind] = self.kinds.get(kind, 0) + 1

    def _cloze(self, lines: list[_Line]) -> None:
        """A paragraph with highlights: Anki's cloze marks, one number a deletion (or its
        group), so that `build_deck` makes a card of each (`cloze.expand_cloze`)."""
        numbers = itertools.count(1)

        def marked(match: re.Match[str]) -> str:
            number = match[3] or str(next(numbers))
            hint = f"::{match[2]}" if match[2] else ""
            return f"{{{{c{number}::{match[1]}{hint}}}}}"

        raw = " ".join(_DECK_TAG.sub("", line.text).strip() for line in lines)
        text = clean_field(_INLINE_FOOTNOTE.sub("", _HIGHLIGHT.sub(marked, raw)))
        self.cards.append(RawCard(text, "", lines[0].number, topic=self._topic(lines[0])))
        self.kinds["clozes"] = self.kinds.get("clozes", 0) + 1

    def _skip(self, lines: list[_Line]) -> None:
        if lines:
            self.skipped.append(lines[0].number)

    def note(self) -> str:
        """ "read as Obsidian flashcards: 9 cards a line, 2 cards of
        several lines, 1 cloze paragraph; 2 paragraphs without a card skipped (lines 4, 9)"."""
        parts = [counted(n, _KIND_UNITS[kind][0]) + _KIND_UNITS[kind][1]
                 for kind, n in self.kinds.items()]  # fmt: skip
        note = "read as Obsidian flashcards: " + ", ".join(parts)
        note += skipped_said(self.skipped, "paragraph without a card", "paragraphs without a card")
        return note


# How the note counts each kind: (unit, what follows).
_KIND_UNITS = {
    "a line": ("card", " a line"),
    "reversed": ("reversed card", ""),
    "several lines": ("card", " of several lines"),
    "clozes": ("cloze paragraph", ""),
    "tagged": ("card", " tagged #card"),
}


def _paragraphs(text: str, reader: _Reader) -> Iterator[list[_Line]]:
    """The note's runs of lines between blank lines and headings (headings told to
    `reader` as they come), comments and front matter dropped, code blocks kept whole."""
    text = _FRONT_MATTER.sub(lambda m: "\n" * m[0].count("\n"), text.replace("\r\n", "\n"))
    text = _without_comments(text)
    run: list[_Line] = []
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            run.append(_Line(number, line, code=True))
            if opening and opening[1].startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening[1]
            run.append(_Line(number, line, code=True))
            continue
        heading = _HEADING.match(line)
        if not line.strip() or heading:
            if run:
                yield run
            run = []
            if heading:
                reader.heading_line(len(heading[1]), _heading_text(heading[2]), number)
            continue
        line = _BLOCK_ID.sub("", line)
        if line.strip():
            run.append(_Line(number, line))
    if run:
        yield run


def _heading_text(text: str) -> str:
    """A heading's text without its closing "#"s ("## Ports ##"), cut with `str` methods:
    a pattern for them backtracked through a long run of spaces (a minute for 200,000)."""
    text = text.rstrip()
    opened = text.rstrip("#")
    if opened != text and (not opened or opened[-1] in " \t"):
        text = opened.rstrip()
    return text


def _marks(line: _Line) -> bool:
    """Is this line the "?" (or "??") between a card's two sides?"""
    return not line.code and line.text.strip() in _MULTI_LINE


def _without_comments(text: str) -> str:
    """`text` without its HTML comments (the plugin's `<!--SR:…-->`), each replaced by
    its line breaks, so that lines keep their numbers. Found with `str.find`: a pattern
    looked again from every "<!--" a file never closed (minutes for 200,000 of them)."""
    pieces: list[str] = []
    at = 0
    while (start := text.find("<!--", at)) != -1 and (end := text.find("-->", start + 4)) != -1:
        pieces += [text[at:start], "\n" * text.count("\n", start, end)]
        at = end + 3
    return "".join(pieces) + text[at:]


def _only_tags(text: str) -> bool:
    return bool(text) and not _TAG.sub("", text).strip()


def _split_single(text: str) -> tuple[str, str, str]:
    """A card a line's front, its mark and its back: split at the first ":::" or "::"."""
    at = text.find(_SINGLE)
    mark = _REVERSED if text.startswith(_REVERSED, at) else _SINGLE
    return text[:at], mark, text[at + len(mark) :]


def _texts(lines: list[_Line]) -> list[str]:
    """The lines' texts, fences and flashcard tags dropped."""
    texts = [line.text.rstrip() if line.code else _DECK_TAG.sub("", line.text).strip()
             for line in lines]  # fmt: skip
    if not any(line.code for line in lines):  # a footnote's text is no side's
        texts = [_INLINE_FOOTNOTE.sub("", text).strip() for text in texts]
    return [text for text, line in zip(texts, lines, strict=True)
            if text and not (line.code and _FENCE.match(line.text))]  # fmt: skip


def _side(lines: list[_Line]) -> str:
    """One side of a card: its lines as one text (a list's points joined "a; b"),
    without the plugin's tags and marks."""
    texts = _texts(lines)
    if len(texts) > 1 and all(_LIST_OPENING.match(text) for text in texts):
        return joined([_side([_Line(0, _BULLET.sub("", text))]) for text in texts])
    if len(texts) == 1:  # "- TCP::Transmission Control Protocol": a list of cards
        texts = [_BULLET.sub("", texts[0], count=1)]
    if any(line.code for line in lines):  # code keeps its lines
        return clean_field("\n".join(texts))
    # A highlight outside a cloze paragraph is emphasis: its text.
    return clean_field(_HIGHLIGHT.sub(lambda match: match[1], " ".join(texts)))


def parse_obsidian(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """The deck of a note of the Spaced Repetition plugin's cards (the module's docstring)."""
    name = display_name(file)
    reader = _Reader()
    reader.read(decode(data, name))
    if not reader.cards:
        raise DeckError(
            "no cards found: an Obsidian flashcard note gives them as 'front::back' lines, "
            "a front and a back around a line holding '?', or ==highlights== in a paragraph",
            file=name,
        )
    return build_deck(
        reader.cards,
        file=name,
        title=title or reader.title,
        deck_id=deck_id,
        reader_notes=(reader.note(),),
        turn=True,  # "front::back": which is the term, the note does not say
    )
