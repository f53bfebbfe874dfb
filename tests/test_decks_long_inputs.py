"""Long inputs read in time linear in their size: each of these took minutes (a hang to
the learner) where a reader looked again from the start of its text for every line or
every card. No time is asserted: the suite's own limit is the guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_sim.decks.gift import looks_like_gift, parse_gift
from exam_sim.decks.loader import load_deck
from exam_sim.models import DeckError


def test_a_long_line_of_colons_is_no_gift_question() -> None:
    assert not looks_like_gift("::" * 200_000)
    assert looks_like_gift("// a bank\n  ::Q1:: What is 2+2? {=4 ~3}\n")


def test_a_long_block_without_braces_is_refused_at_its_first_line() -> None:
    with pytest.raises(DeckError, match=r"^q\.gift, line 1: a question needs its answers"):
        parse_gift("?\n" * 100_000, file="q.gift")


def test_a_card_a_line_file_of_many_cards_keeps_each_card_s_line(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("Words\n\n" + "".join(f"w{n}: meaning {n}\n" for n in range(50_000)))
    deck = load_deck(path)
    assert len(deck.cards) == 50_000
    assert (deck.cards[0].line, deck.cards[-1].line) == (3, 50_002)


def test_a_heading_with_a_long_run_of_spaces_and_clozes_never_closed() -> None:
    from exam_sim.decks.logseq import parse_logseq
    from exam_sim.decks.obsidian import parse_obsidian

    # a pattern for a heading's closing "#"s backtracked through the spaces (a minute)
    note = "#flashcards\n\n## Ports" + " " * 200_000 + "x ##\n\nQ::A\n"
    deck = parse_obsidian(note, file="n.md")
    assert [(c.term, c.topic) for c in deck.cards] == [("Q", "ports-x")]
    # a cloze pattern read the rest of the block again from every "{{cloze " never closed
    with pytest.raises(DeckError, match="has no definition"):
        parse_logseq("- a #card\n\t- b\n- " + "{{cloze " * 100_000 + " #card\n", file="p.md")


def test_org_lines_with_long_runs_of_spaces_or_marks() -> None:
    from exam_sim.decks.org import parse_org

    # a heading's tags were looked for from each of 300,000 spaces (five minutes)
    heading = "* a" + " " * 300_000 + "b :exam:\n- c :: d\n"
    assert [c.term for c in parse_org(heading, file="h.org").cards] == ["c"]
    marks = "/a " * 100_000 + "\n- c :: d\n"  # an /italic/ mark never closed, 100,000 times
    assert [c.term for c in parse_org(marks, file="m.org").cards] == ["c"]


def test_a_field_of_cloze_openers_never_closed() -> None:
    from exam_sim.decks.cloze import cloze_cards

    # Anki's pattern, {{c(\d+)::(.*?)(?:::(.*?))?}}, went over the rest of the text from
    # each opener and again from each "::" in it: 3,000 openers took minutes. Read as
    # nested deletions, each opener never closed spilled its text into the one above:
    # 150,000 (a 900 KB field) did not finish.
    assert cloze_cards("{{c1::" * 150_000) is None
    assert cloze_cards("{{c1::a::b " * 150_000) is None
    text = "{{c1::" * 150_000 + "{{c2::Paris}} is a capital"
    assert cloze_cards(text) == [(2, "Paris", "{{c1::" * 150_000 + "____ is a capital")]
