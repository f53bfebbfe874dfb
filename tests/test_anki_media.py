"""Anki imports (issue 13 item 13): block elements never glue words, media references are
removed and counted, and `check` no longer calls them self-naming."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import parse_anki
from exam_sim.decks.check import check_deck
from exam_sim.text import html_to_text, strip_media

BLOCKS = ("<div>", "</div>", "<p>", "</p>", "<br>", "<br/>", "<li>", "</li>", "<ul>",
          "</ol>", "<h2>", "</h2>", "<tr>", "<td>", "</td>", '<div class="x">', "<hr>")  # fmt: skip
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzñé", min_size=1, max_size=8)


@given(st.lists(st.tuples(WORD, st.sampled_from(BLOCKS)), min_size=1, max_size=12))
def test_block_elements_always_separate_words(parts: list[tuple[str, str]]) -> None:
    html = "".join(word + tag for word, tag in parts)
    words = html_to_text(html).replace("•", " ").split()
    assert words == [word for word, _ in parts]


def test_block_elements_become_line_breaks() -> None:
    assert html_to_text("identity)<div>yo soy</div><div>tú eres</div>") == (
        "identity)\nyo soy\ntú eres"
    )
    assert html_to_text("<p>one</p><p>two</p>") == "one\ntwo"
    assert html_to_text("one<br>two<br><br>three") == "one\ntwo\n\nthree"
    assert html_to_text("<ul><li>x</li><li>y</li></ul>after") == "• x\n• y\nafter"
    assert html_to_text("<b>w</b>ord") == "word"  # inline tags still join


def test_media_references_are_removed_and_counted() -> None:
    assert strip_media('hola [sound:hola.mp3] <img src="hola.png"> amigo') == ("hola amigo", 1, 1)
    assert strip_media("no media [here]") == ("no media [here]", 0, 0)


ANKI = (
    "#separator:tab\n#html:true\n"
    "ser (identity)<div>yo soy</div>\tto be [sound:ser.mp3]<br>identity\n"
    'estar<p>location</p>\tto be (state) <img src="estar.png">\n'
    "hola\t[sound:hola.mp3]\n"
    "hola amigo [sound:hola_amigo.mp3]\thello friend [sound:hola_amigo.mp3]\n"
    "adiós<div>chau</div>\tgoodbye <b>friend</b>\n"
    "gracias\tthanks<li>a lot</li>\n"
)


def test_an_anki_deck_with_blocks_and_media() -> None:
    deck = parse_anki(ANKI, file="spanish.txt")
    terms = {card.term: card.definition for card in deck.cards}
    assert terms["ser (identity)\nyo soy"] == "to be\nidentity"
    assert terms["estar\nlocation"] == "to be (state)"
    assert terms["adiós\nchau"] == "goodbye friend"
    assert terms["gracias"] == "thanks\n• a lot"
    assert "hola" not in terms  # its back was only a sound
    assert deck.notes == (
        "4 sounds and 1 image removed (media references: exam-sim shows text only)",
        "1 card with nothing but media on one side skipped",
    )
    text = " ".join(f"{c.term} {c.definition}" for c in deck.cards)
    assert "sound" not in text and "mp3" not in text and "img" not in text
    assert not [f for f in check_deck(deck) if f.code == "self-naming"]


def test_the_import_summary_counts_the_media(tmp_path: Path) -> None:
    source = tmp_path / "spanish.txt"
    source.write_text(ANKI, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "import", str(source)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "  4 sounds and 1 image removed (media references: exam-sim shows text only)\n" in (
        result.stdout
    )
    assert "  1 card with nothing but media on one side skipped\n" in result.stdout
