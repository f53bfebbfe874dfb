"""Inline Markdown as text: what a Markdown glossary's runs say (`decks.markdown`), and the
fields of other decks written in Markdown (CSV, TSV, Anki, GIFT), as decks written with a
chat assistant often are ("**Amazon S3**", "`EC2`", "[S3](https://…)", "[[Page|text]]").

A field is read as Markdown only when it holds one of those marks, paired: a definition
such as "\\d+ matches digits" or "5 * 3 * 2" stays as written. Shown as written, the marks
were clutter, and a cue of shape when only some options carried them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Obsidian's wiki links: "[[Page]]" reads "Page", "[[Page|shown text]]" "shown text",
# "[[Page#Section]]" "Page" (CommonMark leaves them as text).
_WIKILINK = re.compile(r"\[\[([^\[\]|#]*)(?:#[^\[\]|]*)?(?:\|([^\[\]]*))?\]\]")
# Paired marks that say a field is Markdown: bold, a code span, a link, a wiki link, or
# emphasis between word edges ("*not*", never "a*b*c" or "5 * 3"). Not "__bold__": a
# Python name ("__init__ runs first") reads so too.
_INLINE_HINTS = (
    # Each opens with its literal mark, so that `re` scans for it in C: one pattern of
    # alternatives took 648 ms over 100,000 definitions, these 45 ms (the HTML test, 98).
    re.compile(r"\*\*(?=\S)[^*\n]*\S\*\*"),
    re.compile(r"`[^`\n]+`"),
    re.compile(r"\[[^\[\]\n]+\]\([^()\s]+\)"),
    re.compile(r"\[\[[^\[\]\n]+\]\]"),
    re.compile(r"\*(?<![\w*\\]\*)(?=[^\s*])[^*\n]*[^\s*\\]\*(?![\w*])"),
)


def looks_like_inline_markdown(text: str) -> bool:
    return any(hint.search(text) is not None for hint in _INLINE_HINTS)


@cache
def _parser() -> MarkdownIt:
    # Imported here: most decks have no Markdown, and should not pay for the parser.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def inline_text(text: str) -> str:
    """A field's text without its inline Markdown (marks dropped, links and code spans
    keep their text, runs of whitespace one space)."""
    tokens = _parser().parseInline(text.strip())
    return runs_text(tokens[0].children or ()) if tokens else ""


def runs_text(children: Sequence[Token]) -> str:
    """The text of a parsed inline run."""
    pieces: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            pieces.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif child.type == "image":
            pieces.append(runs_text(child.children or ()))
    text = _WIKILINK.sub(lambda link: link[2] or link[1], "".join(pieces))
    return " ".join(text.split())
