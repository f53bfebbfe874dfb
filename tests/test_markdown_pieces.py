"""A document's Markdown (a Word or Writer document, a web page, an Org file, a PDF, a
presentation) is
parsed a piece at a time, so that the parser's tokens (about 5 KB a card) of a
100,000-entry document are never all in memory: cut anywhere the pieces may be cut, it
reads as the whole does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import test_decks_docx
import test_decks_html
import test_decks_odt
import test_decks_org
import test_decks_pdf
import test_decks_pptx
from hypothesis import given, settings
from hypothesis import strategies as st
from support.odt import write_odt
from support.pdf import write_pdf

import exam_sim.decks.markdown_pieces as markdown_pieces
from exam_sim.decks.loader import load_deck
from exam_sim.decks.markdown import parse_markdown
from exam_sim.models import Deck, DeckError

_HEADINGS_PAGE = (
    "<!DOCTYPE html><html><head><title>Glossary</title></head><body><h1>Glossary</h1>"
    + "".join(
        f"<h2>Part {part}</h2>"
        + "".join(f"<h3>Term {part}{n}</h3><p>What term {part}{n} means.</p>" for n in range(4))
        for part in "AB"
    )
    + "<dl><dt>Extra</dt><dd>A card of a definition list beside the headings.</dd></dl>"
    + "</body></html>"
)
_LISTS_PAGE = (
    "<!DOCTYPE html><html><body><h1>Lists</h1><ul>"
    + "".join(f"<li><b>Item {n}</b><ul><li>first point</li><li>second point</li></ul></li>"
              for n in range(6))
    + "</ul><dl>"
    + "".join(f"<dt>Term {n}</dt><dd>one meaning</dd><dd>another</dd>" for n in range(4))
    + "</dl></body></html>"
)  # fmt: skip


def _text(name: str, text: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


_DOCUMENTS = {
    "web page": _text("page.html", test_decks_html._PAGE),
    "glossary of headings": _text("headings.html", _HEADINGS_PAGE),
    "nested lists": _text("lists.html", _LISTS_PAGE),
    "org": _text("notes.org", test_decks_org._GLOSSARY),
    "odt": lambda folder: write_odt(folder / "biology.odt", test_decks_odt._GLOSSARY),
    "docx": lambda folder: test_decks_docx._glossary(folder / "glossary.docx"),
    "pdf": lambda folder: write_pdf(folder / "cloud.pdf", test_decks_pdf._glossary),
    "pptx": lambda folder: test_decks_pptx._lecture(folder / "lecture.pptx"),
}


def _read(path: Path) -> tuple[Deck, list[int | None]]:
    deck = load_deck(path)
    return deck, [card.line for card in deck.cards]


@pytest.mark.parametrize("make", _DOCUMENTS.values(), ids=_DOCUMENTS.keys())
def test_a_document_read_a_piece_at_a_time_reads_as_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], Path]
) -> None:
    path = make(tmp_path)
    whole, whole_lines = _read(path)
    for lines in (1, 2, 3, 5):  # every place a piece may end, in turn
        monkeypatch.setattr(markdown_pieces, "PIECE_LINES", lines)
        pieces, piece_lines = _read(path)
        assert pieces == whole
        assert pieces.notes == whole.notes
        assert piece_lines == whole_lines


_WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
_WORDS = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)
# Blocks of a Markdown glossary, and of what may stand around one: each a list of lines.
_BLOCK = st.one_of(
    st.builds(lambda level, text: [f"{'#' * level} {text}"], st.integers(1, 3), _WORDS),
    st.builds(lambda term, text: [f"**{term}**: {text}"], _WORDS, _WORDS),
    st.builds(lambda term, text: [f"{term}: {text}"], _WORDS, _WORDS),
    st.builds(lambda text: [text], _WORDS),  # prose
    st.lists(st.tuples(_WORDS, _WORDS), min_size=1, max_size=6).map(
        lambda rows: ["| Term | Definition |", "|---|---|", *(f"| {t} | {d} |" for t, d in rows)]
    ),
    st.lists(st.tuples(_WORDS, st.booleans()), min_size=1, max_size=4).map(
        lambda items: [f"{'  ' if nested else ''}- {text}: x" for text, nested in items]
    ),
    st.builds(lambda term, text: [term, f": {text}"], _WORDS, _WORDS),  # a definition list
    st.builds(lambda term, text: [term, "", f": {text}"], _WORDS, _WORDS),  # a loose one
    st.builds(lambda text: ["```", f"| {text} | x |", "", "# not a heading", "```"], _WORDS),
    st.builds(lambda text: [f"> {text}: quoted"], _WORDS),
    st.just([""]),  # a second blank line
)


@settings(max_examples=150, deadline=None)
@given(blocks=st.lists(_BLOCK, min_size=1, max_size=14), most=st.integers(1, 6))
def test_markdown_cut_anywhere_it_may_be_reads_as_the_whole(
    blocks: list[list[str]], most: int
) -> None:
    text = "\n\n".join("\n".join(block) for block in blocks)

    def read() -> object:
        try:
            deck = parse_markdown(text, file="notes.md")
        except DeckError as error:
            return error.problem, error.line
        return deck, deck.notes, [card.line for card in deck.cards]

    whole = read()
    saved = markdown_pieces.PIECE_LINES
    markdown_pieces.PIECE_LINES = most
    try:
        assert read() == whole
    finally:
        markdown_pieces.PIECE_LINES = saved
