"""Obsidian notes of the Spaced Repetition plugin's cards ("front::back", "?" between two
sides, ==highlights==): before, such a note was read as lines alternating term and
definition ("443" a term, "?" its definition)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks.loader import detect_format, load_deck
from exam_sim.decks.obsidian import looks_like_obsidian_cards, parse_obsidian
from exam_sim.models import DeckError

NOTE = """---
tags: [aws, study]
---
# AWS storage

Some notes I took while reading the docs. These are not cards.

## S3

#flashcards/aws/storage

What is the durability of S3 Standard?::99.999999999% (eleven nines)
<!--SR:!2024-05-01,3,250-->

Which S3 storage class moves objects between tiers by itself?
?
S3 Intelligent-Tiering
<!--SR:!2024-05-03,5,270-->

S3 Glacier Deep Archive:::The cheapest class, for data read once or twice a year

## EBS

#flashcards/aws/compute
What does EBS stand for?::Elastic Block Store

Which EBS volume types can be boot volumes?
?
- gp2 and gp3
- io1 and io2

The ==gp3== volume gives a baseline of ==3,000==^[number] IOPS whatever its size.

How do you list buckets with the CLI?
?
```bash
aws s3 ls  # a::b here is code, no card
```

#flashcards/aws/storage EFS::A managed NFS file system for Linux instances
"""


def _cards(deck: object) -> list[tuple[str, str, str | None, int | None]]:
    topics = {t.id: t.name for t in deck.topics}  # type: ignore[attr-defined]
    return [
        (c.term, c.definition, topics.get(c.topic), c.line)
        for c in deck.cards  # type: ignore[attr-defined]
    ]


def test_a_flashcard_note_reads_as_its_cards() -> None:
    deck = parse_obsidian(NOTE, file="aws.md")
    assert deck.title == "AWS storage"  # the # heading before the first card
    assert _cards(deck) == [
        ("What is the durability of S3 Standard?", "99.999999999% (eleven nines)", "Storage", 12),
        ("Which S3 storage class moves objects between tiers by itself?",
         "S3 Intelligent-Tiering", "Storage", 15),
        ("S3 Glacier Deep Archive", "The cheapest class, for data read once or twice a year",
         "Storage", 20),
        ("What does EBS stand for?", "Elastic Block Store", "Compute", 25),
        ("Which EBS volume types can be boot volumes?", "gp2 and gp3; io1 and io2", "Compute", 27),
        # a cloze paragraph: a card a highlight, its hint after the blank
        ("gp3", "The ____ volume gives a baseline of 3,000 IOPS whatever its size.",
         "Compute", 32),
        ("3,000", "The gp3 volume gives a baseline of ____ (number) IOPS whatever its size.",
         "Compute", 32),
        ("How do you list buckets with the CLI?", "aws s3 ls  # a::b here is code, no card",
         "Compute", 34),
        # a tag opening a card's line is its own
        ("EFS", "A managed NFS file system for Linux instances", "Storage", 40),
    ]  # fmt: skip
    assert deck.notes[-1] == (
        "read as Obsidian flashcards: 3 cards a line, 3 cards of several "
        "lines, 1 reversed card, 1 cloze paragraph; 1 paragraph without a card skipped (line 6)"
    )
    # the two cards of one cloze paragraph are one sentence: never options for each other
    gp3, iops = deck.cards[5], deck.cards[6]
    assert (gp3.related, iops.related) == ((iops.id,), (gp3.id,))


def test_headings_give_topics_without_sub_deck_tags() -> None:
    note = (
        "#flashcards\n\n## Ports\n\nHTTPS::443\nSSH::22\n\n## Layers\n\n"
        "Which layer does TCP work at?\n?\nTransport\n"
    )
    deck = parse_obsidian(note, file="net.md")
    assert [(term, topic) for term, _, topic, _ in _cards(deck)] == [
        ("HTTPS", "Ports"), ("SSH", "Ports"), ("Which layer does TCP work at?", "Layers"),
    ]  # fmt: skip
    assert deck.title == "Net"  # no # heading before the cards: the file's name


def test_one_sub_deck_is_the_whole_note_s_and_its_headings_give_topics() -> None:
    note = "#flashcards/cka\n\n## Ports\n\nHTTPS::443\n\n## Layers\n\nTCP::transport\n"
    deck = parse_obsidian(note, file="cka.md")
    assert [(term, topic) for term, _, topic, _ in _cards(deck)] == [
        ("HTTPS", "Ports"), ("TCP", "Layers"),
    ]  # fmt: skip


PLUGIN_NOTE = """---
cards-deck: Computer Science
---
# Computer Science

## Languages

### What is a compiled language? #card
A language whose programs are translated to machine code before they run.
^1607361487244

### Garbage collection
#card
Memory management that frees objects a program no longer reaches.

A note between the cards, not a card.

Polymorphism #card-reverse
One interface standing for many types.

A quote to see once in a while #card-spaced
"""


def test_the_flashcards_plugin_s_tagged_fronts() -> None:
    deck = parse_obsidian(PLUGIN_NOTE, file="cs.md")
    assert deck.title == "Computer Science"
    assert _cards(deck) == [
        ("What is a compiled language?",
         "A language whose programs are translated to machine code before they run.",
         "Languages", 8),
        ("Garbage collection", "Memory management that frees objects a program no longer "
         "reaches.", "Languages", 12),  # its heading no topic
        ("Polymorphism", "One interface standing for many types.", "Languages", 18),
    ]  # fmt: skip
    assert deck.notes[-1] == (
        "read as Obsidian flashcards: 2 cards tagged #card, 1 reversed card; 2 paragraphs "
        "without a card skipped (lines 16, 21)"
    )
    assert detect_format(Path("cs.md"), PLUGIN_NOTE) == "obsidian"
    # a list item tagged #card is a Logseq block
    assert detect_format(Path("p.md"), "- Mitochondria #card\n\t- makes ATP\n") == "logseq"


def test_cards_a_line_in_a_list_lose_their_bullets() -> None:
    note = "#flashcards\n\n- TCP::Transmission Control Protocol\n1. IP::Internet Protocol\n"
    deck = parse_obsidian(note, file="net.md")
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("TCP", "Transmission Control Protocol"), ("IP", "Internet Protocol"),
    ]  # fmt: skip


def test_cards_left_without_a_blank_line_between_them() -> None:
    # the line before the next "?" opens the next card
    note = "What port does HTTPS use?\n?\n443\nWhat port does SSH use?\n?\n22\n"
    deck = parse_obsidian(note, file="ports.md")
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("What port does HTTPS use?", "443"), ("What port does SSH use?", "22"),
    ]  # fmt: skip


def test_a_card_without_an_answer_names_its_line() -> None:
    try:
        parse_obsidian("#flashcards\n\nHTTPS::443\n\nWhat does DNS do?\n?\n\n", file="n.md")
    except DeckError as error:
        assert str(error).startswith("n.md, line 5: ")
        assert "no definition" in str(error)
    else:
        raise AssertionError("a card without its answer was read")


def test_a_note_without_cards_is_refused_saying_what_a_card_looks_like() -> None:
    try:
        parse_obsidian("#flashcards\n\nJust a thought.\n", file="n.md")
    except DeckError as error:
        assert "no cards found" in str(error) and "'front::back'" in str(error)
    else:
        raise AssertionError("a note without cards was read")


def test_the_loader_knows_such_a_note_by_its_marks(tmp_path: Path) -> None:
    assert detect_format(Path("n.md"), NOTE) == "obsidian"
    assert detect_format(Path("n.txt"), "Question\n?\nAnswer\n") == "obsidian"
    # "::" alone stays one card a line; a glossary with headings stays Markdown
    assert not looks_like_obsidian_cards("HTTPS::443\nSSH::22\n")
    assert detect_format(Path("g.md"), "# A\n\n## B\n\n- **x**: y\n") == "markdown"
    # Pandoc's fenced divs (":::") are no cards
    assert not looks_like_obsidian_cards("::: note\nText.\n:::\n")
    path = tmp_path / "aws.md"
    path.write_text(NOTE, encoding="utf-8")
    assert len(load_deck(path).cards) == 9
    assert len(load_deck(path, format="obsidian").cards) == 9


def test_check_and_import_say_how_they_read_the_note(tmp_path: Path) -> None:
    path = tmp_path / "aws.md"
    path.write_text(NOTE, encoding="utf-8")
    env_home = tmp_path / "home"
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "import", str(path)],
        capture_output=True, text=True, check=False,
        env={"EXAM_SIM_HOME": str(env_home), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Imported 9 cards" in done.stdout
    broken = tmp_path / "broken.md"
    broken.write_text("#flashcards\n\nWhat does DNS do?\n?\n\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(broken)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "line 3" in done.stderr
    assert "Traceback" not in done.stderr


_LINE = st.text(
    alphabet=st.sampled_from(list("ab ?:=#/-*`~<>!\t")) | st.characters(codec="utf-8"),
    max_size=20,
).filter(lambda t: "\n" not in t and "\r" not in t)


_MARKS = st.sampled_from(
    ["?", "??", "", "#flashcards/x", "```", "a::b", "#card", "## h #card", "x #card-spaced", "^1"]
)


@given(st.lists(_LINE | _MARKS, max_size=25))
def test_any_note_is_read_or_refused_in_one_sentence(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        deck = parse_obsidian(text, file="n.md")
    except DeckError as error:
        assert "\n" not in str(error) and str(error).startswith("n.md")
        return
    for card in deck.cards:  # no mark of the plugin's left on a side
        assert card.term.strip() not in ("?", "??")
        assert "<!--SR:" not in card.term + card.definition
        assert card.line is not None and 1 <= card.line <= max(1, len(lines))


def test_a_long_line_and_comments_never_closed_are_read_at_once() -> None:
    # one pattern over the text looked again from every start of a long line, and from
    # every "<!--" never closed: a 1 MB line took minutes (a hang to the learner)
    assert not looks_like_obsidian_cards("word " * 40_000)
    deck = parse_obsidian("#flashcards\n\nQ::A\nR::B\n\n" + "<!--x " * 40_000, file="n.md")
    assert [c.term for c in deck.cards] == ["Q", "R"]


def test_a_paragraph_of_a_thousand_highlights_is_read_not_a_crash() -> None:
    # its deletions were numbered from a range that ran out at 999: StopIteration
    note = "#flashcards\n\n" + " ".join(f"==w{n}==" for n in range(1_001)) + "\n"
    deck = parse_obsidian(note, file="n.md")
    assert len(deck.cards) == 1_001 and deck.cards[-1].term == "w1000"


def test_callouts_that_define_are_cards_and_other_callouts_prose(tmp_path: Path) -> None:
    """ "> [!definition] Osmosis" over its definition, and a question's callout over its
    answer, are cards; a note's callout is prose. A note of callouts alone was read as
    plain text: "> [!definition] Osmosis" a term, "> The movement …" its definition."""
    path = tmp_path / "cells.md"
    path.write_text(
        "> [!definition] Osmosis\n> The movement of water across a membrane.\n>\n"
        "> Toward more solute.\n\n"
        "> [!Definition]- Diffusion\n> The spread of particles.\n\n"
        "> [!faq] What makes ATP?\n> The mitochondria.\n\n"
        "> [!note] Remember\n> Revise on Friday.\n",
        encoding="utf-8",
    )
    deck = load_deck(path)
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("Osmosis", "The movement of water across a membrane. Toward more solute."),
        ("Diffusion", "The spread of particles."),
        ("What makes ATP?", "The mitochondria."),
    ]
    assert deck.notes == (
        "read as Markdown: 3 cards from callouts; 1 paragraph without a term skipped (line 12)",
    )
