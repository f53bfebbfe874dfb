"""Logseq pages with #card blocks: before, such a page was refused ("no cards found") or
read as a Markdown list with no card in it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks.loader import detect_format, load_deck
from exam_sim.decks.logseq import parse_logseq
from exam_sim.models import DeckError

PAGE = """title:: Cell biology
tags:: biology, study

- Notes from chapter 3, read on Monday.
- Organelles
\t- Mitochondria #card
\t  card-last-interval:: 4
\t  card-repeats:: 2
\t  card-next-schedule:: 2024-03-01T00:00:00.000Z
\t\t- The organelle that makes most of the cell's ATP
\t- Ribosome #card
\t\t- Builds proteins from amino acids
\t\t- found free or on the rough [[endoplasmic reticulum]]
\t- Chloroplast #Card
\t\t- Where **photosynthesis** takes place
\t- The {{cloze nucleus}} holds the cell's DNA #card
- ## Transport
- Osmosis #[[card]]
\t- Diffusion of water across a semipermeable membrane
- Active transport #card
\t- Movement against a concentration gradient
\t\t- it uses ATP
"""


def test_a_page_reads_as_its_card_blocks() -> None:
    deck = parse_logseq(PAGE, file="pages/cell.md")
    assert deck.title == "Cell biology"  # the page's title property
    topics = {t.id: t.name for t in deck.topics}
    assert [(c.term, c.definition, topics.get(c.topic or ""), c.line) for c in deck.cards] == [
        ("Mitochondria", "The organelle that makes most of the cell's ATP", "Organelles", 6),
        ("Ribosome", "Builds proteins from amino acids; found free or on the rough "
         "endoplasmic reticulum", "Organelles", 11),
        ("Chloroplast", "Where photosynthesis takes place", "Organelles", 14),
        ("nucleus", "The ____ holds the cell's DNA", "Organelles", 16),  # a cloze
        ("Osmosis", "Diffusion of water across a semipermeable membrane", "Transport", 18),
        ("Active transport", "Movement against a concentration gradient; it uses ATP",
         "Transport", 20),
    ]  # fmt: skip
    assert deck.notes == (
        "1 cloze note made 1 card (one per cloze number)",
        "read as Logseq flashcards: 6 cards (1 cloze); 1 block without a card skipped (line 4)",
    )


def test_a_card_without_an_answer_names_its_line() -> None:
    try:
        parse_logseq("- HTTPS #card\n\t- 443\n- SSH #card\n", file="ports.md")
    except DeckError as error:
        assert str(error).startswith("ports.md, line 3: ")
        assert "'SSH' has no definition" in str(error)
    else:
        raise AssertionError("a card without its answer was read")


def test_a_page_without_cards_is_refused_saying_what_a_card_looks_like() -> None:
    try:
        parse_logseq("- just a note #idea\n", file="p.md")
    except DeckError as error:
        assert "no cards found" in str(error) and "#card" in str(error)
    else:
        raise AssertionError("a page without cards was read")


def test_the_loader_knows_a_page_by_its_card_tags(tmp_path: Path) -> None:
    assert detect_format(Path("p.md"), PAGE) == "logseq"
    assert detect_format(Path("p.md"), "- a tag in prose: #cards are fun\n") == "markdown"
    path = tmp_path / "cell.md"
    path.write_text(PAGE, encoding="utf-8")
    assert len(load_deck(path).cards) == 6
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "read as Logseq flashcards: 6 cards" in done.stdout


_TEXT = st.text(
    alphabet=st.sampled_from(list("ab #:-{}[]*\t")) | st.characters(codec="utf-8"), max_size=15
).filter(lambda t: "\n" not in t and "\r" not in t)


@given(st.lists(st.tuples(st.integers(0, 3), _TEXT, st.booleans()), max_size=20))
def test_any_page_is_read_or_refused_in_one_sentence(
    blocks: list[tuple[int, str, bool]],
) -> None:
    text = "".join(
        "\t" * depth + f"- {body}{' #card' if card else ''}\n" for depth, body, card in blocks
    )
    try:
        deck = parse_logseq(text, file="p.md")
    except DeckError as error:
        assert "\n" not in str(error) and str(error).startswith("p.md")
        return
    for card in deck.cards:  # the tag is no card's text
        assert re.search(r"(?<!\S)#card(?!\S)", card.term, re.IGNORECASE) is None
        assert card.line is not None and 1 <= card.line <= len(blocks)


def test_blocks_nested_thousands_deep_are_read_not_a_crash() -> None:
    # read by recursion, 3,000 levels raised RecursionError (a traceback)
    page = "- Q #card\n" + "".join("\t" * depth + "- a\n" for depth in range(1, 3_000))
    deck = parse_logseq(page + "- R #card\n\t- b\n", file="deep.md")
    assert [c.term for c in deck.cards] == ["Q", "R"]
    assert deck.cards[0].definition.count("a") == 2_999
