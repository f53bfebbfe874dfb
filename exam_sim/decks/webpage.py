"""Web pages (.html): a glossary saved from a browser, a wiki or a notes app's export
(Wikipedia's glossaries, Confluence and Notion pages, a course's vocabulary page), read
without copying it into another format first.

Parsed by libxml2's HTML parser (through lxml: the tree a browser would build, in C),
the page is written out as Markdown, a line a block, and read as a Markdown glossary is
(`decks.markdown`): a definition list (`<dt>` then `<dd>`: the terms of a `<dt>` group
joined by " / ", several definitions joined), a table (its first row the header when it
names the columns), a toggle (`<details>`: its `<summary>` the term, the rest the
definition), a paragraph or list item opening with a bold term (`<b>`, `<strong>`,
`<dfn>`) or "Term: definition", headings with text under them. Headings give topics;
the first `<h1>` is the title, else the page's `<title>`.

What is not the page's text is left out: scripts, styles, forms, navigation and footers,
hidden elements, and the page's own marks beside its text, such as citation marks in
superscript ("[1]", "[citation needed]") and a wiki's "[edit]" links. Text is escaped
before it is read as Markdown, so "*", "#" or "|" in it stay text, and deck text is never
markup. Cards, errors and notes name the line of the page's source.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from exam_sim.decks.common import decode, display_name, opening
from exam_sim.decks.markdown_lines import MarkdownLines, escaped, runs_markdown
from exam_sim.models import Deck, DeckError

if TYPE_CHECKING:
    from lxml import etree

_NO_CARDS = (
    "no cards found: a web page gives them as a definition list (<dt> term, <dd> "
    "definition), a table (term | definition), toggles (<details>), headings with text "
    "under them, or paragraphs and list items such as 'term: definition' or opening with "
    "a bold term"
)
# Whose content is not the page's text.
_LEFT_OUT = frozenset((
    "script", "style", "template", "noscript", "svg", "math", "nav", "footer", "button",
    "select", "textarea", "iframe", "object", "head",
))  # fmt: skip
_BOLD = frozenset(("b", "strong", "dfn"))  # <dfn>: the defining instance of a term
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
# Blocks whose text is one Markdown block each: a paragraph or a <div> inside one of
# them is a part of it, not a block of its own.
_CONTAINERS = _HEADINGS | {"li", "dt", "dd", "summary", "details", "td", "th", "caption"}
_LISTS = frozenset(("ul", "ol", "menu"))
# Every element that ends a block of text (HTML's block-level elements, and <br>).
_BLOCKS = _CONTAINERS | _LISTS | frozenset((
    "p", "div", "dl", "table", "tr", "thead", "tbody", "tfoot", "section", "article", "main",
    "aside", "header", "blockquote", "pre", "figure", "figcaption", "address", "hr", "br",
    "form", "fieldset", "body", "html",
))  # fmt: skip
# Start tags that close an open element of the same group, as HTML lets a page leave
# "</li>", "</dd>" or "</td>" out: the tag, the group it closes, where the search stops.
_IMPLIED_ENDS = {
    "li": ({"li"}, _LISTS),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "p": ({"p"}, _CONTAINERS),
    "tr": ({"tr", "td", "th"}, {"table"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
}
_POINTS = _LISTS | {"li"}  # a list, read as points of a definition when it stands in one
# Elements that end the block of text around them, even inside a list item or a cell.
_SPLITS = _CONTAINERS | _LISTS | {"dl", "table", "tr"}
_IMPLIED_DEPTH = 32  # how far out a start tag looks for the element it closes
_DEEPEST = 2048  # libxml2's deepest nesting with huge_tree: deeper elements are dropped
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")  # a stylesheet's rules: selectors, body
_CLASS = re.compile(r"(?:^|,)\s*\.([\w-]+)\s*(?=,|$)")  # ".c3" alone among the selectors
_CITATION = re.compile(r"\[[^\[\]]*\]")  # "[1]", "[a]", "[citation needed]", "[edit]"


@dataclass
class _Table:
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    line: int = 0  # the open row's


class _Page:
    """One pass over the page's elements, in order (`_walk`), writing its blocks as
    Markdown (`MarkdownLines`)."""

    def __init__(self, has_main: bool, bold_classes: frozenset[str] = frozenset()) -> None:
        self.position = 1  # the source line of the element being read
        # A page with a <main> element is read there only: the rest is its site's
        # (menus, banners, a help box). How deep in it the walk is; None: no <main>.
        self.main: int | None = 0 if has_main else None
        self.markdown = MarkdownLines()
        self.title: list[str] = []
        self.first_h1: str | None = None  # the first <h1>'s text, once it has been read
        # The block elements open, outermost first; how many of each; where the
        # containers among them are; how deep the lists (kept as they change: a page
        # nested 100,000 deep is not walked at every tag).
        self.open: list[str] = []
        self.counts: Counter[str] = Counter()
        self.containers: list[int] = []
        self.runs: list[tuple[str, bool]] = []  # the open block's text, and if bold
        self.has_text = False
        self.line = 0  # where the open block's text began
        self.bold = 0  # how many of the inline elements open make their text bold
        self.inline: list[bool] = []  # for each inline element open, whether it does
        self.bold_classes = bold_classes
        self.left_out = 0  # how deep in a left-out element the walk is
        self.superscript: list[str] | None = None  # a <sup>'s text, until it closes
        self.tables: list[_Table] = []
        self.in_title = False
        self.term_open = False  # the last line written is a term awaiting its definition
        self.names: list[str] = []  # the names of the term written last, while it may grow

    # The page's events.

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "title":
            self.in_title = True
        if self.main is not None:
            if not self.main and tag != "main" and attrs.get("role") != "main":
                return  # outside the page's <main>
            self.main += 1
        if self.left_out or tag in _LEFT_OUT or _hidden(attrs):
            self.left_out += 1  # the tree is whole: every start has its end
            return
        if tag in _BLOCKS:
            self._open_block(tag)
            return
        made_bold = tag in _BOLD or self._bold_style(attrs)
        self.inline.append(made_bold)
        self.bold += made_bold
        if tag == "sup" and self.superscript is None:
            self.superscript = []

    def end(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.main is not None:
            if not self.main:
                return
            self.main -= 1
            if not self.main:  # <main> ends: so does every block in it
                while self.open:
                    self._close_block(self.open[0])
                return
        if self.left_out:
            self.left_out -= 1
            return
        if tag in _BLOCKS:
            if self.counts[tag]:
                self._close_block(tag)
            return
        if self.inline:
            self.bold -= self.inline.pop()
        if tag == "sup" and self.superscript is not None:
            text = "".join(self.superscript)
            self.superscript = None
            if text.strip() and not _CITATION.fullmatch(text.strip()):
                self._text(f"^{text.strip()}")  # "10<sup>6</sup>" is "10^6", not "106"

    def data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif self.left_out or self.main == 0:
            return
        elif self.superscript is not None:
            self.superscript.append(data)
        else:
            self._text(data)

    def _bold_style(self, attrs: dict[str, str]) -> bool:
        """Is an element bold by its style: a class the page's stylesheet makes bold (as
        Google Docs writes every run: `<span class="c3">`), or its own style attribute?"""
        if _BOLD_STYLE.search(attrs.get("style") or ""):
            return True
        return bool(self.bold_classes) and any(
            name in self.bold_classes for name in (attrs.get("class") or "").split()
        )

    # Blocks.

    def _open_block(self, tag: str) -> None:
        implied = _IMPLIED_ENDS.get(tag)
        if implied is not None:
            closes, stops = implied
            # As HTML's "in scope" searches, from the innermost element out; a few levels
            # only, so that a page nested thousands deep stays linear.
            for open_tag in self.open[: -_IMPLIED_DEPTH - 1 : -1]:
                if open_tag in stops:
                    break
                if open_tag in closes:
                    self._close_block(open_tag)
                    break
        pointed = tag in _POINTS and self._in_definition()
        if pointed:  # a list in a definition: its points are the definition's, "a; b"
            self.runs.append(("; " if tag == "li" and self._ends_a_point() else " ", False))
        elif tag in _SPLITS or not self.containers:
            self.flush()
        else:
            self.runs.append((" ", False))  # a paragraph inside a list item: its text goes on
        if tag == "table":
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].line = self.position
        if tag in ("br", "hr"):
            return
        if tag in _CONTAINERS and not pointed:
            self.containers.append(len(self.open))
        self.open.append(tag)
        self.counts[tag] += 1

    def _close_block(self, tag: str) -> None:
        """The open `tag` ends, and every element opened inside it."""
        if tag in _POINTS and self._in_definition():
            self.runs.append((" ", False) if tag in _LISTS else ("", False))
        elif tag in _SPLITS or not self.containers:
            self.flush()
        else:
            self.runs.append((" ", False))
        while self.open:
            if self.containers and self.containers[-1] == len(self.open) - 1:
                self.flush()  # a container left open inside: its text is its own
                self.containers.pop()
            closed = self.open.pop()
            self.counts[closed] -= 1
            self._closed(closed)
            if closed == tag:
                break

    def _closed(self, tag: str) -> None:
        """An element ends: a row's cells make a row, a table's rows a Markdown table."""
        if not self.tables or tag not in ("tr", "table"):
            return
        table = self.tables[-1]
        if table.cells:
            table.rows.append((table.line, table.cells))
        table.cells = []
        if tag == "table":
            self.tables.pop()
            self._blank_line()
            self.markdown.add_table(table.rows, "line")

    def _ends_a_point(self) -> bool:
        """Does the text so far end a point, so that the next one follows a "; " (not
        after "Archive storage:")?"""
        last = next((text.rstrip() for text, _ in reversed(self.runs) if text.strip()), "")
        return bool(last) and last[-1] not in ":;,.—–-"

    def _in_definition(self) -> bool:
        """Is the text read a definition's: in a <dd>, or a toggle's after its summary?"""
        kind = self._container()
        return kind == "dd" or (kind == "details" and self.term_open)

    def _container(self) -> str | None:
        return self.open[self.containers[-1]] if self.containers else None

    def _text(self, data: str) -> None:
        if not self.has_text and data.strip():
            self.has_text = True
            self.line = self.position + data[: len(data) - len(data.lstrip())].count("\n")
        self.runs.append((data, self.bold > 0))

    def flush(self) -> None:
        """Write the open block's text as Markdown, as the element holding it says."""
        runs, self.runs, self.has_text = self.runs, [], False
        kind = self._container()
        if kind in ("td", "th") and self.tables:
            self.tables[-1].cells.append(" ".join("".join(text for text, _ in runs).split()))
            return
        if kind == "h1" and self.first_h1 is None:
            self.first_h1 = " ".join("".join(text for text, _ in runs).split())
        text = runs_markdown(runs)
        if not text:
            return
        line = self.line
        if kind == "dd" or (kind == "details" and self.term_open):
            self._name_the_term()
            self.markdown.add_line(f": {text}", "line", line)
            self.term_open = True  # more definitions may follow
            return
        if kind in ("dt", "summary"):
            if self.names:  # <dt>A</dt><dt>B</dt><dd>…: one term, "A / B"
                self.names.append(text)
                return
            self._blank_line()
            self.markdown.add_line(text, "line", line)
            self.term_open = True
            self.names = [text]
            return
        self._blank_line()
        if kind is not None and kind in _HEADINGS:
            text = f"{'#' * int(kind[1])} {text}"
        elif kind == "li":
            text = f"{'  ' * max(0, self._list_depth() - 1)}- {text}"
        self.markdown.add(text, "line", line)

    def _list_depth(self) -> int:
        return sum(self.counts[tag] for tag in _LISTS)

    def _name_the_term(self) -> None:
        """The term line written, with every name of its group ("A / B")."""
        if len(self.names) > 1:
            self.markdown.lines[-1] = " / ".join(self.names)
        self.names = []

    def _blank_line(self) -> None:
        """A term left without a definition ends before the next block."""
        self._name_the_term()
        if self.term_open and self.markdown.lines and self.markdown.lines[-1]:
            self.markdown.add_line("", "line", self.line)
        self.term_open = False


def _hidden(attributes: dict[str, str]) -> bool:
    """Is an element not shown: hidden, or a wiki's "[edit]" link beside a heading?"""
    style = (attributes.get("style") or "").replace(" ", "").lower()
    return (
        "hidden" in attributes
        or attributes.get("aria-hidden") == "true"
        or "display:none" in style
        or "mw-editsection" in (attributes.get("class") or "")
    )


def parse_html(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """The deck of a web page's glossary (the module's docstring)."""
    name = display_name(file)
    text = decode(data, name)
    root = _parsed(text, name)
    page = _Page(
        has_main=root is not None and bool(root.xpath("//main | //*[@role='main']")),
        bold_classes=frozenset()
        if root is None
        else _bold_classes(" ".join(style.text or "" for style in root.iter("style"))),
    )
    _walk(root, page)
    del root, text  # the tree and the page's text let go before the Markdown is read
    page.flush()
    page_title = " ".join("".join(page.title).split())
    if not title and _says_more(page_title, page.first_h1):
        title = page_title  # "Glossary - The Cargo Book", not "Glossary"
    if page_title and page.first_h1 is None:  # the <title> is the deck's, as an <h1> is
        page.markdown.lines[:0] = [f"# {escaped(page_title)}", ""]
        page.markdown.places[:0] = [("line", 1), ("line", 1)]
    if not any(page.markdown.lines):
        raise DeckError(_NO_CARDS, file=name)
    return page.markdown.deck(
        file=name, title=title, deck_id=deck_id, no_cards=_NO_CARDS, read_as="a web page"
    )


def _says_more(page_title: str, heading: str | None) -> bool:
    """Does the page's <title> name the deck better than its <h1>: the heading one word
    ("Glossary"), the title holding it among more ("Appendix: Glossary - The Cargo
    Book")? Three sites' glossaries would otherwise all be "Glossary" in the deck list."""
    if not heading or len(heading.split()) != 1 or len(page_title) <= len(heading):
        return False
    return re.search(rf"(?<!\w){re.escape(heading)}(?!\w)", page_title, re.IGNORECASE) is not None


def _bold_classes(stylesheet: str) -> frozenset[str]:
    """The classes a page's stylesheet makes bold, by rules of class names alone
    (".c3{font-weight:700}", ".c1, .c5 { font-weight: bold }")."""
    return frozenset(
        name
        for selectors, body in _RULE.findall(stylesheet)
        if _BOLD_STYLE.search(body)
        for name in _CLASS.findall(selectors)
    )


def _parsed(text: str, name: str) -> etree._Element | None:
    """The page's tree, as a browser would build it from what is written (libxml2's HTML
    parser, through lxml: in C, in time linear in the page; the standard library's
    parser took minutes over a page of 300,000 "<a " never closed, and raised an
    AssertionError over "<![<![")."""
    from lxml import etree  # imported here: a deck that is no web page does not pay for it

    parser = etree.HTMLParser(
        encoding="utf-8", recover=True, huge_tree=True, remove_comments=True, remove_pis=True
    )
    # Bytes, the page's own <meta charset> overruled: the text is decoded already.
    root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    if root is not None:
        # Google Docs writes its "Title" style as <p class="title">: the document's title,
        # as a Word document's Title style is (`decks.document`).
        for element in root.iter("p"):
            if "title" in (element.get("class") or "").split():
                element.tag = "h1"
    if any("depth" in entry.message.lower() for entry in parser.error_log):
        raise DeckError(
            f"a page nested more than {_DEEPEST:,} elements deep, which cannot be read "
            "whole: save it again from the browser, or copy its glossary into a new file",
            file=name,
        )
    return root


def _walk(root: etree._Element | None, page: _Page) -> None:
    """The page's elements in document order, each start and end, and the text between."""
    if root is None:
        return
    from lxml import etree

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue  # an entity left unknown
        page.position = element.sourceline or page.position
        if event == "start":
            page.start(tag.lower(), dict(element.attrib))
            if element.text:
                page.data(element.text)
        else:
            page.end(tag.lower())
            if element.tail:
                page.data(element.tail)


def looks_like_html(text: str) -> bool:
    """Does a file that does not say its format open as a web page does?"""
    start = opening(text, 15).lower()
    return start.startswith(("<!doctype html", "<html"))
