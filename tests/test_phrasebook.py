"""Google Translate's saved translations (a language, another, a phrase and its
translation; no header) read as a phrasebook: before, the first row was a header naming
two languages and every card "English" → "Spanish"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from exam_sim.decks.common import clean_field
from exam_sim.decks.delimited import parse_delimited
from exam_sim.enums import CardKind
from exam_sim.generator import QuestionGenerator
from exam_sim.models import DeckError, Direction

SAVED = """English,Spanish,good morning,buenos días
English,Spanish,thank you very much,muchas gracias
English,Spanish,where is the station?,¿dónde está la estación?
English,Spanish,how much does it cost?,¿cuánto cuesta?
English,Spanish,I would like a coffee,quisiera un café
English,Spanish,the bill please,la cuenta por favor
Spanish,English,¿qué hora es?,what time is it?
Spanish,English,tengo hambre,I'm hungry
"""


def test_saved_translations_are_phrases_and_their_translations() -> None:
    deck = parse_delimited(SAVED, file="Saved translations.csv")
    assert [(c.term, c.definition) for c in deck.cards][:2] == [
        ("good morning", "buenos días"), ("thank you very much", "muchas gracias"),
    ]  # fmt: skip
    # saved the other way round: turned to the file's way
    assert ("what time is it?", "¿qué hora es?") in [(c.term, c.definition) for c in deck.cards]
    assert deck.sides == ("English", "Spanish")
    (note,) = deck.notes
    assert note.startswith("read as a phrasebook")
    assert "English → Spanish; 2 phrases saved Spanish → English turned round" in note


def test_a_phrase_asking_something_is_a_phrase_to_translate_not_a_question() -> None:
    deck = parse_delimited(SAVED, file="saved.csv")
    generator = QuestionGenerator(deck)
    station = next(c for c in deck.cards if c.term == "where is the station?")
    assert station.kind is CardKind.DEFINITION
    # asked as a phrase is ("estación" is spelled like "station": from the Spanish only)
    assert generator.directions_for(station.id) == (Direction.DEFINITION_TO_TERM,)
    question = generator.question(station.id, Direction.DEFINITION_TO_TERM, seed=0)
    assert question.task == "What is this in English?"
    assert station.term in question.options
    # and so in a vocabulary list headed by its two languages
    listed = parse_delimited(
        "English,Spanish\nwhere is the station?,¿dónde está la estación?\ngood night,buenas "
        "noches\nexcuse me,disculpe\n",
        file="v.csv",
    )
    assert {c.kind for c in listed.cards} == {CardKind.DEFINITION}


def test_a_header_row_and_another_pair_of_languages() -> None:
    text = "From,To,Text,Translation\n" + SAVED + "English,French,good evening,bonsoir\n"
    deck = parse_delimited(text, file="saved.csv")
    assert deck.cards[0].term == "good morning" and len(deck.cards) == 9
    evening = next(c for c in deck.cards if c.term == "good evening")
    assert evening.topic is not None
    assert [t.name for t in deck.topics if t.id == evening.topic] == ["English → French"]


def test_rows_naming_no_languages_are_no_phrasebook() -> None:
    text = "TCP,UDP,transport,layer 4\nHTTP,HTTPS,application,layer 7\nIP,ICMP,network,layer 3\n"
    deck = parse_delimited(text, file="t.csv")
    assert deck.cards[0].term == "TCP" and deck.sides is None


def test_check_says_how_it_read_the_file(tmp_path: Path) -> None:
    path = tmp_path / "Saved translations.csv"
    path.write_text(SAVED, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "read as a phrasebook" in done.stdout and "8 cards" in done.stdout


_LANGUAGES = st.sampled_from(["English", "Spanish", "French", "Deutsch", "русский", "日本語"])
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=12
).filter(lambda t: "," not in t and '"' not in t and "\n" not in t and "\r" not in t)


@given(st.lists(st.tuples(_LANGUAGES, _LANGUAGES, _TEXT, _TEXT), min_size=3, max_size=12))
@example(rows=[("English", "Spanish", "0", "0"), ("English", "Spanish", "*00*", "0")] * 2)
def test_any_phrasebook_is_read_or_refused_in_one_sentence(
    rows: list[tuple[str, str, str, str]],
) -> None:
    text = "".join(",".join(row) + "\n" for row in rows)
    try:
        deck = parse_delimited(text, file="saved.csv")
    except DeckError as error:
        assert "\n" not in str(error) and "saved.csv" in str(error)
        return
    if any(note.startswith("read as a phrasebook") for note in deck.notes):
        # every card a phrase and a translation, never a language's name (read as any
        # cell is: "*00*" is Markdown emphasis, "00")
        texts = {" ".join(clean_field(t).split()) for row in rows for t in row[2:]}
        assert {" ".join(c.term.split()) for c in deck.cards} <= texts
        assert {" ".join(c.definition.split()) for c in deck.cards} <= texts


def test_a_first_phrase_without_its_translation_is_said_not_dropped() -> None:
    text = "English,Spanish,good morning,\n" + SAVED
    try:
        parse_delimited(text, file="saved.csv")
    except DeckError as error:
        assert "line 1" in str(error) and "no definition" in str(error)
    else:
        raise AssertionError("a phrase without its translation was read")
