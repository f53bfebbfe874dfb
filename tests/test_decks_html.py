"""Web pages read as decks: before, a glossary saved from a browser or exported from a wiki
was read as alternating lines of its markup ("<dt>Subnet</dt>" a term, "<dd>A range…" its
definition, "<!DOCTYPE html>" a card)."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.decks.loader import detect_format, load_deck
from exam_sim.decks.markdown import parse_markdown
from exam_sim.decks.webpage import parse_html
from exam_sim.models import DeckError

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Cell biology - Wikipedia</title>
<style>.x { color: red }</style><script>var a = "<dt>no</dt><dd>never</dd>";</script></head>
<body>
<nav><ul><li><b>Home</b>: the main page</li></ul></nav>
<h1>Glossary of cell biology</h1>
<p>This glossary lists terms of cell biology.<sup class="reference">[1]</sup></p>
<h2>Organelles<span class="mw-editsection">[edit]</span></h2>
<dl>
<dt><dfn>ribosome</dfn></dt>
<dd>Builds proteins from messenger RNA.<sup>[2]</sup></dd>
<dt>ATP<dt>adenosine triphosphate
<dd>Carries energy within cells.
<dd>Made mostly in mitochondria.
</dl>
<h2>Transport</h2>
<table>
<thead><tr><th>Term</th><th>Definition</th></tr></thead>
<tr><td>osmosis</td><td><p>Diffusion of water</p><p>across a membrane.</p></td></tr>
<tr><td>pump<td>Moves ions against 10<sup>6</sup>-fold gradients | *active*
</table>
<h2>Toggles</h2>
<details><summary>vesicle</summary><p>A small sac of membrane.</p></details>
<ul>
<li><strong>vacuole</strong>: a storage sac
<li>lysosome – digests worn-out parts
</ul>
<p hidden>hidden: never shown</p>
<p style="display: none">gone: never shown</p>
<footer><p>Licence: CC BY-SA</p></footer>
</body></html>
"""


def test_a_glossary_page_reads_as_its_cards_with_the_page_s_lines(tmp_path: Path) -> None:
    path = tmp_path / "cells.html"
    path.write_text(_PAGE, encoding="utf-8")
    deck = load_deck(path)
    assert deck.title == "Glossary of cell biology"
    got = [(c.term, c.definition, c.topic, c.line) for c in deck.cards]
    assert got == [
        ("ribosome", "Builds proteins from messenger RNA.", "organelles", 10),
        (
            "ATP / adenosine triphosphate",
            "Carries energy within cells. Made mostly in mitochondria.",
            "organelles",
            12,
        ),
        ("osmosis", "Diffusion of water across a membrane.", "transport", 19),
        ("pump", "Moves ions against 10^6-fold gradients | *active*", "transport", 20),
        ("vesicle", "A small sac of membrane.", "toggles", 23),
        ("vacuole", "a storage sac", "toggles", 25),
        ("lysosome", "digests worn-out parts", "toggles", 26),
    ]
    assert deck.notes == (
        # the toggle is read as a definition list
        "read as a web page: 7 cards, 3 from definition lists, 2 from tables, 2 from lists; "
        "1 paragraph without a term skipped (line 7)",
    )


def test_the_page_s_title_names_a_deck_without_an_h1_and_main_is_read_alone() -> None:
    page = """<html><head><title>Networking terms</title></head><body>
    <div class="help"><h2>Keyboard shortcuts</h2><p>Press S: to search</p></div>
    <main>
    <h3>Subnet</h3><p>A range of addresses, e.g.: 10.0.0.0/24.</p>
    <h3>Gateway</h3><p>Forwards traffic to other networks.</p>
    <h3>NAT</h3><p>Rewrites private addresses to a public one.</p>
    </main>
    <div>Related: other pages</div>
    </body></html>"""
    deck = parse_html(page, file="net.html")
    assert deck.title == "Networking terms"
    # A glossary of headings: the one paragraph holding ":" is a definition, not a card.
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("Subnet", "A range of addresses, e.g.: 10.0.0.0/24."),
        ("Gateway", "Forwards traffic to other networks."),
        ("NAT", "Rewrites private addresses to a public one."),
    ]
    assert deck.notes == (
        "read as a web page: 3 cards, each a heading (the term) and the text under it "
        "(the definition)",
    )


def test_a_glossary_sorted_by_letter_has_no_topic_per_letter() -> None:
    page = "".join(
        f"<h2>{letter}</h2><dl><dt>{term}</dt><dd>{definition}</dd></dl>"
        for letter, term, definition in [
            ("A", "Apoptosis", "Programmed cell death."),
            ("B", "Bacteriophage", "A virus that infects bacteria."),
            ("C–D", "Cytosol", "The fluid inside a cell."),
        ]
    )
    deck = parse_html(page, file="letters.html")
    assert [c.topic for c in deck.cards] == [None, None, None] and deck.topics == ()


def test_a_markdown_glossary_of_headings_keeps_its_lists_and_its_topics() -> None:
    text = """# Cargo glossary

## Packages

### Crate
A crate is a library or a binary, e.g.: the unit of compilation.

### Manifest
The Cargo.toml file that describes a package.

### Source
A provider of crates. There are several kinds:

- **Registry source**: crates from a registry.
- **Path source**: a package on the filesystem.

## Builds

### Target
What a package builds (a library, binaries, tests).
"""
    deck = parse_markdown(text, file="cargo.md")
    assert [(c.term, c.topic) for c in deck.cards] == [
        ("Crate", "packages"),
        ("Manifest", "packages"),
        ("Source", "packages"),
        ("Registry source", "packages"),
        ("Path source", "packages"),
        ("Target", "builds"),
    ]
    assert (
        deck.cards[0].definition
        == "A crate is a library or a binary, e.g.: the unit of compilation."
    )
    assert deck.notes == ("read as Markdown: 6 cards, 4 from headings, 2 from lists",)


def test_topic_headings_with_prose_beside_cards_stay_topics() -> None:
    text = """# Cloud
## Overview
Terms we meet in the course.
## Compute
| Term | Definition |
|---|---|
| VM | An emulated computer. |
| Container | A packaged process. |
"""
    deck = parse_markdown(text, file="cloud.md")
    assert [(c.term, c.topic) for c in deck.cards] == [("VM", "compute"), ("Container", "compute")]


def test_pages_are_told_by_extension_or_by_their_doctype(tmp_path: Path) -> None:
    assert detect_format(Path("g.htm"), "x") == "html"
    assert detect_format(Path("g.txt"), "\ufeff  <!DOCTYPE html>\n<html>") == "html"
    assert detect_format(Path("saved"), "<html><body>") == "html"
    assert detect_format(Path("g.txt"), "html: a markup language\nxml: another") != "html"
    path = tmp_path / "page.txt"
    path.write_text("<!doctype html><dl><dt>a<dd>first letter<dt>b<dd>second letter"
                    "<dt>c<dd>third letter<dt>d<dd>fourth letter</dl>")  # fmt: skip
    assert [c.term for c in load_deck(path).cards] == ["a", "b", "c", "d"]
    assert [c.term for c in load_deck(path, format="webpage").cards] == ["a", "b", "c", "d"]


def test_deck_text_is_data_not_markup_nor_terminal_control() -> None:
    page = (
        "<dl><dt>[bold]Red[/bold]</dt><dd># not a heading, *not* emphasis, `no code`</dd>"
        "<dt>\x1b]52;c;ZWNobyBoaQ==\x07Clip</dt><dd>\x1b[2Jwipes \x9b31m the screen</dd></dl>"
    )
    deck = parse_html(page, file="x.html")
    assert deck.cards[0].term == "[bold]Red[/bold]"
    assert deck.cards[0].definition == "# not a heading, *not* emphasis, `no code`"
    for card in deck.cards[1:]:
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in card.term + card.definition)


def test_a_page_without_a_glossary_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "prose.html"
    path.write_text("<html><body><p>Just prose.</p><script>x: 1</script></body></html>")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        f"exam-sim: {path}: no cards found: a web page gives them as a definition list (<dt> term, "
        "<dd> definition), a table (term | definition), toggles (<details>), headings with "
        "text under them, or paragraphs and list items such as 'term: definition' or "
        "opening with a bold term."
    )


def test_hostile_pages_are_read_in_one_pass_or_refused_in_one_sentence() -> None:
    # The standard library's parser took minutes over "<a " never closed, and raised an
    # AssertionError over "<![": the page is parsed by libxml2 (lxml) instead.
    for page in ("<a " * 300_000, "<!--" * 250_000, "<![" * 300_000, '<a b="' * 200_000):
        try:
            parse_html(page, file="h.html")
        except DeckError as error:
            assert str(error).startswith("h.html: no cards found")
    deep = "<div>" * 1_000 + "<dl><dt>deep</dt><dd>a term under many divs</dd></dl>"
    assert [c.term for c in parse_html(deep, file="d.html").cards] == ["deep"]
    deeper = "<div>" * 100_000 + "<dl><dt>deep</dt><dd>a term under many divs</dd></dl>"
    try:
        parse_html(deeper, file="d.html")
    except DeckError as error:
        assert "a page nested more than 2,048 elements deep" in str(error)
    else:
        raise AssertionError("a page too deep to be read whole was read in part")
    open_items = "<ul>" + "".join(f"<li><b>t{n}</b>: item {n}" for n in range(20_000))
    assert len(parse_html(open_items, file="o.html").cards) == 20_000


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda text: any(c.isalpha() for c in text))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=6))
def test_any_text_in_a_definition_list_reads_back_as_written(cards: list[tuple[str, str]]) -> None:
    page = "<dl>" + "".join(
        f"<dt>{html.escape(term)}</dt><dd>{html.escape(definition)}</dd>"
        for term, definition in cards
    ) + "</dl>"  # fmt: skip
    try:
        deck = parse_html(page, file="p.html")
    except DeckError as error:
        assert "\n" not in str(error)  # one sentence
        return
    written = {(" ".join(t.split()), " ".join(d.split())) for t, d in cards}
    assert {(c.term, c.definition) for c in deck.cards} <= written


def test_a_google_docs_page_bold_by_its_stylesheet_reads_its_terms() -> None:
    """Google Docs writes every run as <span class="cN"> and says in its stylesheet which
    classes are bold; its Title style is <p class="title">."""
    page = (
        '<html><head><style type="text/css">.c0{font-weight:400;color:#000}'
        ".c3{color:#000;font-weight:700;font-size:11pt}.c2{padding-top:0pt}</style>"
        "<title>Untitled document</title></head><body>"
        '<p class="c2 title"><span class="c0">Biology vocabulary</span></p>'
        '<h1 class="c2"><span class="c0">Cells</span></h1>'
        '<p class="c2"><span class="c3">Mitochondria</span><span class="c0">&nbsp;makes '
        "ATP</span></p>"
        '<p class="c2"><span class="c3">Ribosome </span><span class="c0">builds proteins'
        "</span></p>"
        '<p><span style="font-weight: bold">Nucleus</span> holds the DNA</p>'
        '<p class="c2"><span class="c0">Prose with a </span><span class="c3">bold</span>'
        '<span class="c0"> word.</span></p></body></html>'
    )
    deck = parse_html(page, file="gdoc.html")
    assert deck.title == "Biology vocabulary"
    assert [(c.term, c.definition, c.topic) for c in deck.cards] == [
        ("Mitochondria", "makes ATP", "cells"),
        ("Ribosome", "builds proteins", "cells"),
        ("Nucleus", "holds the DNA", "cells"),
    ]


def test_a_list_inside_a_definition_or_a_toggle_is_its_points() -> None:
    """Notion exports a toggle list as <details> in <li>, its answer often a bulleted
    list: before, the points were read as list items of their own and the term lost."""
    page = (
        "<h1>AWS</h1>"
        '<ul class="toggle"><li><details open=""><summary><strong>Amazon EFS</strong>'
        '</summary><ul class="bulleted-list"><li>NFS file system</li><li>Shared by many '
        "instances</li></ul></details></li></ul>"
        '<ul class="toggle"><li><details open=""><summary>Amazon S3</summary>'
        "<p>Object storage.</p></details></li></ul>"
        "<dl><dt>Glacier</dt><dd>Archive storage:<ul><li>minutes to hours</li><li>cheap"
        "</li></ul></dd><dt>EBS</dt><dd>Block storage.</dd></dl>"
    )
    deck = parse_html(page, file="notion.html")
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("Amazon EFS", "NFS file system; Shared by many instances"),
        ("Amazon S3", "Object storage."),
        ("Glacier", "Archive storage: minutes to hours; cheap"),
        ("EBS", "Block storage."),
    ]


def test_a_one_word_heading_gives_way_to_the_page_s_fuller_title() -> None:
    """Three books' glossaries were all "Glossary" in the deck list."""
    page = (
        "<html><head><title>Appendix: Glossary - The Cargo Book</title></head><body>"
        "<h1>Glossary</h1><dl><dt>Crate</dt><dd>A unit of compilation.</dd></dl></body></html>"
    )
    assert parse_html(page, file="g.html").title == "Appendix: Glossary - The Cargo Book"
    kept = page.replace("<h1>Glossary</h1>", "<h1>Glossary of Cargo terms</h1>")
    assert parse_html(kept, file="g.html").title == "Glossary of Cargo terms"
    assert parse_html(page, file="g.html", title="Cargo").title == "Cargo"  # given wins
