"""A header's topic column: named again after a column whose name is also a topic name
("Drug,Class,System"), or named by no role but holding topics ("Year,Event,Era")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.header_row import first_row_roles, header_roles
from exam_sim.models import Direction
from exam_sim.side_names import side_task

DRUGS = """Drug,Class,System
Metoprolol,Beta blocker,Cardiovascular
Lisinopril,ACE inhibitor,Cardiovascular
Amlodipine,Calcium channel blocker,Cardiovascular
Losartan,Angiotensin II receptor blocker,Cardiovascular
Sertraline,Selective serotonin reuptake inhibitor,Psychiatry
Haloperidol,Typical antipsychotic,Psychiatry
Risperidone,Atypical antipsychotic,Psychiatry
Lorazepam,Benzodiazepine,Psychiatry
"""

DATES = """Year,Event,Era
1066,Norman conquest of England,Medieval
1215,Magna Carta sealed,Medieval
1347,Black Death reaches Europe,Medieval
1453,Fall of Constantinople,Medieval
1492,Columbus reaches the Americas,Early modern
1517,Luther posts the Ninety-five Theses,Early modern
1588,Defeat of the Spanish Armada,Early modern
1648,Peace of Westphalia,Early modern
1776,American Declaration of Independence,Revolutions
1789,Storming of the Bastille,Revolutions
1815,Battle of Waterloo,Revolutions
1848,Revolutions across Europe,Revolutions
"""


def _write(tmp_path: Path, text: str, name: str = "deck.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_topic_named_twice_is_the_later_column(tmp_path: Path) -> None:
    # "Class" and "System" are both names of a topic column; one header has one topic.
    assert header_roles(["Drug", "Class", "System"]) == ["term", "definition", "topic"]
    assert header_roles(["Class", "Drug", "Topic"]) == ["term", "definition", "topic"]
    deck = load_deck(_write(tmp_path, DRUGS))
    assert len(deck.cards) == 8  # before: 9, the header a card of the topic "System"
    assert {c.topic for c in deck.cards} == {"cardiovascular", "psychiatry"}
    assert not [note for note in deck.notes if "read as a card" in note]
    assert deck.sides == ("Drug", "Class")
    assert side_task(Direction.TERM_TO_DEFINITION, deck.sides) == "Which class matches this drug?"


def test_a_column_of_repeated_labels_is_the_topics(tmp_path: Path) -> None:
    deck = load_deck(_write(tmp_path, DATES))
    assert [t.name for t in deck.topics] == ["Medieval", "Early modern", "Revolutions"]
    assert deck.cards[0].term == "1066"
    said = " ".join(deck.notes)
    assert 'the column "Era" was read as the topics' in said
    assert "not read" not in said


def test_a_column_of_other_values_is_not_read(tmp_path: Path) -> None:
    # Each value once: a note per word, no topics.
    rows = "\n".join(f"word{n},meaning {n},a note {n}" for n in range(10))
    deck = load_deck(_write(tmp_path, f"Word,Meaning,Notes\n{rows}\n"))
    assert not deck.topics
    assert any('the column "Notes" was not read' in note for note in deck.notes)
    # A word's gender repeats, and is no topic.
    rows = "\n".join(f"Wort{n},word {n},{'mfn'[n % 3]}" for n in range(12))
    deck = load_deck(_write(tmp_path, f"Wort,Meaning,Gender\n{rows}\n"))
    assert not deck.topics


def test_check_says_so_from_the_command_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(_write(tmp_path, DATES))],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "12 cards, 3 topics" in done.stdout
    assert 'the column "Era" was read as the topics' in done.stdout


_LABEL = st.text(st.sampled_from("abc "), min_size=1, max_size=8)


@given(st.lists(_LABEL, min_size=8, max_size=40))
def test_topics_by_their_values_repeat(values: list[str]) -> None:
    rows = [(1, ["Year", "Event", "Era"])]
    rows += [(n + 2, [f"{1000 + n}", f"event {n}", value]) for n, value in enumerate(values)]
    roles, notes, _ = first_row_roles(1, rows[0][1], rows, None)
    assert roles is not None and roles[:2] == ["term", "definition"]
    named = [v for v in values if v.strip()]
    distinct = {" ".join(v.split()).casefold() for v in named}
    if roles[2] == "topic":  # each topic on three cards on average, on nine rows in ten
        assert len(distinct) * 3 <= len(named) and len(named) >= 0.9 * len(values)
        assert any("read as the topics" in note for note in notes)
    else:
        assert not any("read as the topics" in note for note in notes)


def test_an_exam_objectives_acronym_list_names_its_columns() -> None:
    # CompTIA's exam objectives head their acronym list "ACRONYM | SPELLED OUT".
    assert header_roles(["ACRONYM", "SPELLED OUT"]) == ["term", "definition"]
    assert header_roles(["Acronym", "Spelt out"]) == ["term", "definition"]
