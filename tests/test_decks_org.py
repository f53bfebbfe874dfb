"""Org files read as decks: before, an .org file was read as alternating lines
("#+TITLE: …" a term, "* Verbs" its definition; "*** Answer" a term on four cards)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from exam_sim.decks.loader import detect_format, load_deck
from exam_sim.decks.org import parse_org

_GLOSSARY = """#+TITLE: Networking notes
#+AUTHOR: Sam
# a comment line

* Addressing
:PROPERTIES:
:ID: 1234
:END:
Terms for the first lab.
- Subnet :: A range of IP addresses carved out by a *mask*.
- Gateway :: The node that forwards traffic to [[https://example.com][other networks]].

* TODO Services                                                 :exam:
| Term | Definition              |
|------+-------------------------|
| DNS  | Translates names        |
| DHCP | Hands out addresses     |

*NTP* keeps clocks in step, in =UTC=.
#+BEGIN_SRC shell
ping: not a card
#+END_SRC
"""


def test_an_org_glossary_reads_as_its_cards_under_its_headings() -> None:
    deck = parse_org(_GLOSSARY, file="notes.org")
    assert deck.title == "Networking notes"
    topics = {t.id: t.name for t in deck.topics}
    assert [(c.term, c.definition, topics[c.topic or ""], c.line) for c in deck.cards] == [
        ("Subnet", "A range of IP addresses carved out by a mask.", "Addressing", 10),
        ("Gateway", "The node that forwards traffic to other networks.", "Addressing", 11),
        ("DNS", "Translates names", "Services", 16),
        ("DHCP", "Hands out addresses", "Services", 17),
        ("NTP", "keeps clocks in step, in UTC.", "Services", 19),
    ]


_DRILL = """#+TITLE: Spanish verbs
* Verbs
** Item                                                             :drill:
Hablar
*** Answer
To speak
** Item                                                             :drill:
Comer
*** Answer
To eat
** Cloze                                                            :drill:
The capital of Spain is [Madrid].
* Nouns
** Casa                                                             :drill:
:PROPERTIES:
:DRILL_LAST_INTERVAL: 4.0
:END:
*** Answer
House
"""


def test_org_drill_cards_with_their_topics_and_clozes_said() -> None:
    deck = parse_org(_DRILL, file="verbs.org")
    topics = {t.id: t.name for t in deck.topics}
    assert [(c.term, c.definition, topics[c.topic or ""], c.line) for c in deck.cards] == [
        ("Hablar", "To speak", "Verbs", 3),
        ("Comer", "To eat", "Verbs", 7),
        ("Casa", "House", "Nouns", 14),  # no text of its own: its title is the question
    ]
    assert deck.notes == (
        "read as Org flashcards: 3 org-drill cards; 1 cloze card skipped (not asked here)",
    )


def test_org_drill_two_sided_cards_and_a_card_without_an_answer_heading() -> None:
    text = """* Greetings
** Word                                                             :drill:
:PROPERTIES:
:DRILL_CARD_TYPE: twosided
:END:
Translate.
*** Spanish
hola
*** English
hello
** Word                                                             :drill:
:PROPERTIES:
:DRILL_CARD_TYPE: multisided
:END:
*** Spanish
gracias
*** English
thank you
*** French
merci
** Capital of France                                               :drill:
Paris
** Hidden                                                          :drill:
:PROPERTIES:
:DRILL_CARD_TYPE: hide1cloze
:END:
The [capital] of [France] is [Paris].
"""
    deck = parse_org(text, file="words.org")
    # Before: 'Translate.' asked, answered "hola hello"; the third card refused the file
    # ("the term 'Paris' has no definition").
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("hola", "hello"),  # the first two sides; the text is the learner's instruction
        ("gracias", "thank you"),
        ("Capital of France", "Paris"),
    ]
    assert deck.notes == (
        "read as Org flashcards: 3 org-drill cards; 1 cloze card skipped (not asked here)",
    )


def test_org_fc_and_anki_editor_notes() -> None:
    text = """* Capital of France                                            :fc:
:PROPERTIES:
:FC_TYPE:  normal
:END:
:REVIEW_DATA:
| position | ease | box | interval | due |
|----------+------+-----+----------+-----|
| front    | 2.50 |   0 |     0.00 | 2024-01-01T00:00:00Z |
:END:
** Back
Paris
* The capital of Italy
:PROPERTIES:
:ANKI_NOTE_TYPE: Basic
:ANKI_DECK: Geography::Europe
:END:
** Front
What is the capital of Italy?
** Back
Rome
* A cloze
:PROPERTIES:
:ANKI_NOTE_TYPE: Cloze
:END:
** Text
{{c1::Berlin}} is the capital of Germany.
"""
    deck = parse_org(text, file="capitals.org")
    topics = {t.id: t.name for t in deck.topics}
    assert [(c.term, c.definition, topics.get(c.topic or "")) for c in deck.cards] == [
        ("Capital of France", "Paris", None),
        ("What is the capital of Italy?", "Rome", "Europe"),
    ]
    assert deck.notes[0] == (
        "read as Org flashcards: 1 org-fc card, 1 anki-editor card; 1 cloze card skipped "
        "(not asked here)"
    )


def test_org_files_are_told_by_extension_or_their_title_line(tmp_path: Path) -> None:
    assert detect_format(Path("notes.org"), "* a") == "org"
    assert detect_format(Path("notes.txt"), "#+title: Notes\n* Addressing\n") == "org"
    assert detect_format(Path("notes.txt"), "* a list\n* of things\n") != "org"
    path = tmp_path / "empty.org"
    path.write_text("#+TITLE: Nothing yet\n\nSome prose, no glossary.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no cards found: an Org file gives them as headings tagged :drill: or :fc:" in (
        done.stderr
    )
    path.write_text("#+TITLE: One\n- a :: first letter\n- b :: second letter\n")
    assert [c.term for c in load_deck(path, format="org").cards] == ["a", "b"]
