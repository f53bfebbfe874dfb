"""Org files (.org): the notes Emacs users keep, and the flashcards of its review
packages, read without exporting them first.

Flashcards, when the file has any:

- org-drill: a heading tagged `:drill:`; its text is the question (else its title), the
  text of the headings under it the answer (with none, its title and its text); a
  `twosided` or `multisided` card's first two sides the term and the definition;
- org-fc: a heading tagged `:fc:` whose `:FC_TYPE:` is `normal` or `double`; its text
  (else its title) is the front, the text under its "Back" heading the back;
- anki-editor: a heading with an `:ANKI_NOTE_TYPE:` property; its "Front" and "Back"
  headings (else its first two) the two sides, its `:ANKI_DECK:` the topic.

The topic of a card is the heading it stands under (anki-editor: its deck); `#+TITLE:`
the deck's title. Cloze cards (org-drill's `[…]`, org-fc's `text` and `cloze`, Anki's
Cloze notes) are skipped and counted in the reader's note.

Otherwise the file is a glossary, written out as escaped Markdown and read as a Markdown
one is (`decks.markdown`): Org's description lists (`- Term :: definition`), tables, a
paragraph or list item opening with a bold `*term*` or "Term: definition", headings as
topics (or, when they give more cards, as the terms). Drawers (`:PROPERTIES:` … `:END:`),
`#+KEYWORD:` lines, comments and blocks of code are no card text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from exam_sim.decks.common import RawCard, build_deck, decode, display_name, split_lines
from exam_sim.decks.markdown_lines import MarkdownLines, escaped, runs_markdown
from exam_sim.models import Deck
from exam_sim.units import counted

# Patterns read in one pass: a lazy group before trailing spaces went over a long run of
# spaces again from each of them.
_HEADING = re.compile(r"^(\*+)\s+(.*)$")
_TAGS = re.compile(r":(?:[\w@#%]+:)+")
_KEYWORD = re.compile(r"^(?:TODO|DONE|NEXT|WAITING|CANCELLED)\s+|^\[#[A-Z0-9]\]\s+")
_PROPERTY = re.compile(r"^\s*:([\w-]+):(.*)$")
_DRAWER = re.compile(r"^\s*:[\w-]+:\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-+]|\d+[.)])\s+(.*)$")
_RULE = re.compile(r"^\s*\|[-+]+\|?\s*$")  # a table's "|---+---|"
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")
# =code=, ~verbatim~, /italic/, +strike+: each closes at the next of its own mark.
_MARKS = re.compile(r"(?<![\w=~/+])([=~/+])(?=\S)((?:(?!\1)[^\n])*?\S)\1(?![\w=~/+])")
_LINK = re.compile(r"\[\[([^\[\]]*)\](?:\[([^\[\]]*)\])?\]")
_CLOZE = re.compile(r"\[[^\[\]]+\]")  # org-drill's "[hidden]" in a card's text
_NO_CARDS = (
    "no cards found: an Org file gives them as headings tagged :drill: or :fc:, Anki "
    "notes (:ANKI_NOTE_TYPE:), description lists ('- term :: definition'), tables, or "
    "paragraphs and list items such as 'term: definition' or opening with a bold *term*"
)


@dataclass
class _Heading:
    level: int
    title: str
    tags: frozenset[str]
    line: int
    properties: dict[str, str] = field(default_factory=dict)
    # its text, (line number, line), drawers left out; the lines of blocks among them
    body: list[tuple[int, str]] = field(default_factory=list)
    verbatim: set[int] = field(default_factory=set)
    children: list[_Heading] = field(default_factory=list)

    def text(self) -> str:
        return " ".join(" ".join(line for _, line in self.body).split())

    def all_text(self) -> str:
        """Its text and its children's, in order."""
        return " ".join(filter(None, [self.text(), *(c.all_text() for c in self.children)]))


def parse_org(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """The deck of an Org file (the module's docstring)."""
    name = display_name(file)
    lines = split_lines(decode(data, name))
    outline = _Outline().read(lines)
    title = title or outline.keywords.get("title")
    cards, skipped = _flashcards(outline.top)
    if cards or skipped:
        kinds = Counter(kind for _, kind in cards)  # in the order first met
        counts = ", ".join(counted(n, f"{kind} card") for kind, n in kinds.items())
        note = f"read as Org flashcards: {counts or 'none'}"
        if skipped:
            note += f"; {counted(len(skipped), 'cloze card')} skipped (not asked here)"
        return build_deck(
            [raw for raw, _ in cards], file=name, title=title, deck_id=deck_id,
            reader_notes=(note,),
        )  # fmt: skip
    markdown = MarkdownLines()
    if title:
        markdown.add(f"# {escaped(title)}", "line", 1)
    _write(outline.preamble, markdown)
    for heading in outline.top:
        _write_heading(heading, markdown)
    return markdown.deck(
        file=name, title=title, deck_id=deck_id, no_cards=_NO_CARDS, read_as="an Org file"
    )


class _Outline:
    """One pass over an Org file's lines: its `#+KEYWORD:` values, its headings as a tree
    (kept on a stack: no recursion over a file's depth), and the lines before the first
    heading. Each heading's text is kept with its line numbers; a block's lines (code,
    examples, quotes) are marked, as a glossary reads no card from them."""

    def __init__(self) -> None:
        self.keywords: dict[str, str] = {}
        self.top: list[_Heading] = []
        self.open: list[_Heading] = []
        self.preamble: list[tuple[int, str]] = []
        self.block: str | None = None  # the block open ("SRC", "COMMENT"…)
        self.drawer = False

    def read(self, lines: list[str]) -> _Outline:
        for number, line in enumerate(lines, start=1):
            if self.block is not None or line.strip().upper().startswith("#+BEGIN_"):
                self._in_block(number, line)
            elif heading := _HEADING.match(line):
                self._heading(_node(heading, number))
            else:
                self._line(number, line)
        return self

    def _in_block(self, number: int, line: str) -> None:
        upper = line.strip().upper()
        if self.block is None:  # "#+BEGIN_SRC shell"
            self.block = upper[8:].split()[0] if len(upper) > 8 else ""
        elif upper.startswith("#+END_"):
            self.block = None
        elif self.block != "COMMENT" and self.open:
            self.open[-1].body.append((number, line))
            self.open[-1].verbatim.add(number)

    def _heading(self, node: _Heading) -> None:
        self.drawer = False
        while self.open and self.open[-1].level >= node.level:
            self.open.pop()
        (self.open[-1].children if self.open else self.top).append(node)
        self.open.append(node)

    def _line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if stripped.startswith(("#+", "# ")) or stripped == "#":
            if stripped.startswith("#+"):  # else a comment line
                key, _, value = stripped[2:].partition(":")
                self.keywords[key.strip().lower()] = value.strip()
        elif self.drawer:
            if stripped.upper() == ":END:":
                self.drawer = False
            elif self.open and (found := _PROPERTY.match(line)):
                self.open[-1].properties[found[1].upper()] = found[2].strip()
        elif _DRAWER.match(line) and stripped.upper() != ":END:":
            self.drawer = True
        elif self.open:
            self.open[-1].body.append((number, line))
        else:
            self.preamble.append((number, line))


def _node(heading: re.Match[str], line: int) -> _Heading:
    """A heading line's node: its level, its title without keywords or tags, its tags."""
    text = heading[2].rstrip()
    words = text.rsplit(None, 1)  # its tags are its last word, ":drill:" or ":a:b:"
    names: frozenset[str] = frozenset()
    if len(words) == 2 and _TAGS.fullmatch(words[1]):
        text = words[0]
        names = frozenset(tag.lower() for tag in words[1].strip(":").split(":"))
    return _Heading(len(heading[1]), _KEYWORD.sub("", text.strip()).strip(), names, line)


def _flashcards(top: list[_Heading]) -> tuple[list[tuple[RawCard, str]], list[int]]:
    """The cards of the review packages' headings, each with its package; the lines of
    the cloze cards skipped."""
    cards: list[tuple[RawCard, str]] = []
    skipped: list[int] = []
    stack: list[tuple[_Heading, str | None]] = [(h, None) for h in reversed(top)]
    while stack:
        heading, topic = stack.pop()
        card = _card(heading, topic)
        if isinstance(card, str):  # "cloze"
            skipped.append(heading.line)
        elif card is not None:
            cards.append(card)
        else:
            below = heading.title or topic
            stack += [(child, below) for child in reversed(heading.children)]
    cards.sort(key=lambda found: found[0].line)
    return cards, skipped


def _card(heading: _Heading, topic: str | None) -> tuple[RawCard, str] | str | None:
    """A heading's card and its package, "cloze" for a cloze card, or None: no card."""
    note_type = heading.properties.get("ANKI_NOTE_TYPE")
    if note_type is not None:
        if "cloze" in note_type.lower():
            return "cloze"
        fields = {child.title.lower(): child for child in heading.children}
        front = fields.get("front") or (heading.children[0] if heading.children else None)
        back = fields.get("back") or (heading.children[1] if len(heading.children) > 1 else None)
        deck = heading.properties.get("ANKI_DECK", "").split("::")[-1].strip()
        return _raw(
            front.all_text() if front else heading.title,
            back.all_text() if back else "",
            heading.line,
            deck or topic,
            "anki-editor",
        )
    if "drill" in heading.tags:
        return _drill_card(heading, topic)
    kind = heading.properties.get("FC_TYPE", "").lower()
    if "fc" in heading.tags and kind:
        if kind not in ("normal", "double"):
            return "cloze"
        backs = [child for child in heading.children if child.title.lower() == "back"]
        said = " ".join(child.all_text() for child in backs or heading.children)
        return _raw(heading.text() or heading.title, said, heading.line, topic, "org-fc")
    return None


def _drill_card(heading: _Heading, topic: str | None) -> tuple[RawCard, str] | str:
    """An org-drill card: a simple card's text (else its title) the question, the text
    of the headings under it the answer (with none, its title and its text); a two- or
    multi-sided card's first two sides ("Spanish: hola", "English: hello"), its text an
    instruction to the learner; "cloze" for the cloze types."""
    kind = heading.properties.get("DRILL_CARD_TYPE", "simple").lower()
    if kind in ("twosided", "multisided"):
        sides = [child.all_text() for child in heading.children][:2]
        if len(sides) == 2:
            return _raw(sides[0], sides[1], heading.line, topic, "org-drill")
    elif kind not in ("simple", ""):
        return "cloze"  # hide1cloze, show1cloze, show2cloze, hide2cloze…
    question = heading.text() or heading.title
    answer = " ".join(child.all_text() for child in heading.children)
    if not answer and _CLOZE.search(question):
        return "cloze"
    if not answer and heading.text():  # "Capital of France" over "Paris"
        return _raw(heading.title, heading.text(), heading.line, topic, "org-drill")
    return _raw(question, answer, heading.line, topic, "org-drill")


def _raw(
    term: str, definition: str, line: int, topic: str | None, kind: str
) -> tuple[RawCard, str]:
    return RawCard(term=_plain(term), definition=_plain(definition), line=line, topic=topic), kind


def _plain(text: str) -> str:
    """Org's inline marks dropped: links read as their text, *bold*, /italic/, =code=."""
    text = _LINK.sub(lambda link: link[2] or link[1], text)
    text = _BOLD.sub(r"\1", text)
    return _MARKS.sub(r"\2", text).strip()


def _write_heading(heading: _Heading, markdown: MarkdownLines) -> None:
    """A heading and what is under it as Markdown (a stack: no recursion)."""
    stack = [heading]
    while stack:
        node = stack.pop()
        hashes = "#" * min(node.level + 1, 6)  # below the title's "#"
        markdown.add(f"{hashes} {escaped(_plain(node.title))}", "line", node.line)
        _write([(n, "" if n in node.verbatim else line) for n, line in node.body], markdown)
        stack += reversed(node.children)


def _write(lines: list[tuple[int, str]], markdown: MarkdownLines) -> None:
    """A heading's text as Markdown blocks: description lists as bold terms, list items,
    table rows, paragraphs."""
    paragraph: list[str] = []
    start = 0
    table: list[tuple[int, list[str]]] = []

    def close() -> None:
        nonlocal paragraph, table
        if paragraph:
            markdown.add(_inline(" ".join(paragraph)), "line", start)
            paragraph = []
        if table:
            markdown.add_table(table, "line")
            table = []

    for number, line in lines:
        stripped = line.strip()
        if stripped.startswith("|"):
            if paragraph:
                close()
            if not _RULE.match(stripped):
                table.append((number, [cell.strip() for cell in stripped.strip("|").split("|")]))
            continue
        if table:
            close()
        described = _description(stripped)
        item = _ITEM.match(line)
        if not stripped or described or item:
            close()
        if described:
            term, definition = _plain(described[0]), _plain(described[1])
            markdown.add(f"- **{escaped(term)}**: {escaped(definition)}", "line", number)
        elif item:
            markdown.add(f"- {_inline(item[2])}", "line", number)
        elif stripped:
            if not paragraph:
                start = number
            paragraph.append(stripped)
    close()


def _description(line: str) -> tuple[str, str] | None:
    """A description list item's term and definition ("- Term :: definition"), else
    None (found with str methods: no pattern goes over a long line more than once)."""
    if line[:2] not in ("- ", "+ "):
        return None
    term, found, definition = line[2:].partition(" ::")
    if not found or (definition and not definition[0].isspace()):
        return None
    return term.strip(), definition.strip()


def _inline(text: str) -> str:
    """A line of Org as Markdown (`runs_markdown`): its *bold* runs bold, links read as
    their text, other marks dropped."""
    text = _LINK.sub(lambda link: link[2] or link[1], text)
    runs: list[tuple[str, bool]] = []
    at = 0
    for bold in _BOLD.finditer(text):
        runs += [(text[at : bold.start()], False), (bold[1], True)]
        at = bold.end()
    runs.append((text[at:], False))
    return runs_markdown((_MARKS.sub(r"\2", piece), bold) for piece, bold in runs)


def looks_like_org(text: str) -> bool:
    """Does a file that does not say its format open as an Org file does: a `#+TITLE:`
    line among its first lines (a "* " line alone may be a Markdown list)?"""
    return any(line[:8].lower() == "#+title:" for line in text[:4000].split("\n")[:20])
