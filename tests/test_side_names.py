"""What a deck calls its two sides ("Symbol", "Element"; "English", "Spanish"), read from
a CSV header or written in a native deck, and the questions asked by those names ("Which
element matches this symbol?", "What is this in Spanish?"): docs/decks.md, *Side names*."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.anki_package import write_package
from support.tui import exam_screen
from textual.widgets import Static

from exam_sim.cli import main
from exam_sim.decks import load_deck
from exam_sim.decks.anki import parse_anki
from exam_sim.decks.column_names import side_names
from exam_sim.decks.delimited import parse_delimited
from exam_sim.decks.native import deck_to_toml, parse_native, parse_toml
from exam_sim.enums import Direction
from exam_sim.exam import SessionRequest
from exam_sim.generator import QuestionGenerator
from exam_sim.models import AttemptMode
from exam_sim.present import PROMPTS, prompt
from exam_sim.side_names import language, side_task
from exam_sim.tui.app import create_app

ELEMENTS = (
    "Symbol,Element,Group\n"
    "H,Hydrogen,Nonmetals\nC,Carbon,Nonmetals\nN,Nitrogen,Nonmetals\nO,Oxygen,Nonmetals\n"
    "Na,Sodium,Alkali metals\nK,Potassium,Alkali metals\nLi,Lithium,Alkali metals\n"
    "Fe,Iron,Transition metals\nCu,Copper,Transition metals\nZn,Zinc,Transition metals\n"
)
VOCABULARY = "English,Spanish\ndog,perro\ncat,gato\nhouse,casa\ntree,árbol\nwater,agua\n"
TO_DEFINITION, TO_TERM = Direction.TERM_TO_DEFINITION, Direction.DEFINITION_TO_TERM


def test_a_header_s_names_are_the_deck_s_sides() -> None:
    assert parse_delimited(ELEMENTS, file="elements.csv").sides == ("Symbol", "Element")
    assert parse_delimited("Country;Capital\nFrance;Paris\n", file="c.csv").sides is None
    assert parse_delimited("Term,Definition\na,b\n", file="t.csv").sides is None
    # with --header, names we do not know are still the sides
    assert parse_delimited("Country;Capital\nFrance;Paris\n", file="c.csv", header=True).sides == (
        "Country",
        "Capital",
    )


@pytest.mark.parametrize(
    ("term", "definition", "sides"),
    [
        ("Symbol", "Element", ("Symbol", "Element")),
        ("Word", "Meaning", ("Word", "Meaning")),  # known names that say more than the prompt's
        ("Front", "English", ("term", "English")),  # a name saying no more stands as its word
        ("Term", "Definition", None),  # the prompt's own words
        ("Begriff", "Bedeutung", None),  # the same, in German
        ("Command", "What it does", ("Command", "description")),  # a phrase: no noun
        ("H2O", "Name", ("term", "Name")),  # no name
        ("What it is", "H2O", None),  # neither says more than the prompt's words
        ("English", "english", None),  # one name twice
    ],
)
def test_which_names_a_question_can_ask_by(
    term: str, definition: str, sides: tuple[str, str] | None
) -> None:
    assert side_names(term, definition) == sides


def test_questions_ask_by_the_names() -> None:
    sides = ("Symbol", "Element")
    assert side_task(TO_DEFINITION, sides) == "Which element matches this symbol?"
    assert side_task(TO_TERM, sides) == "Which symbol matches this element?"
    assert side_task(TO_DEFINITION, ("URL", "Full form")) == "Which full form matches this URL?"
    # The question is English: a language is named in English, however the header names it.
    assert side_task(TO_DEFINITION, ("English", "Español")) == "What is this in Spanish?"
    assert side_task(TO_TERM, ("Français", "Anglais")) == "What is this in French?"
    assert side_task(TO_DEFINITION, ("Français", "Anglais")) == "What is this in English?"
    assert side_task(TO_TERM, ("English", "Español")) == "What is this in English?"
    assert side_task(TO_TERM, ("Word", "English")) == "Which word means this?"
    assert side_task(Direction.QUESTION_TO_ANSWER, sides) == ""
    assert side_task(TO_TERM, None) == ""


@given(st.sampled_from(["English", "ENGLISH", "español", "Espanol", "日本語", "русский", "हिन्दी"]))
def test_languages_are_known_by_any_case_and_accents(name: str) -> None:
    assert language(name) is not None


def test_a_list_headed_by_two_languages_is_read_under_its_header() -> None:
    deck = parse_delimited(VOCABULARY, file="v.csv")
    assert [card.term for card in deck.cards][:2] == ["dog", "cat"]
    assert deck.sides == ("English", "Spanish")
    # one language named in another is a card, not a header
    deck = parse_delimited("Spanish,español\nFrench,francés\n", file="l.csv")
    assert deck.cards[0].term == "Spanish" and deck.sides is None


def test_the_generator_puts_the_question_in_the_deck_s_words() -> None:
    generator = QuestionGenerator(parse_delimited(ELEMENTS, file="elements.csv"))
    question = generator.question("na", TO_DEFINITION, seed=1)
    assert prompt(question) == "Which element matches this symbol?"
    question = generator.question("na", TO_TERM, seed=1)
    assert prompt(question) == "Which symbol matches this element?"
    plain = QuestionGenerator(parse_delimited("Term,Definition\n" + ELEMENTS, file="p.csv"))
    assert prompt(plain.question("symbol", TO_TERM, seed=1)) == PROMPTS[TO_TERM]


def test_the_sides_survive_the_native_format() -> None:
    deck = parse_delimited(ELEMENTS, file="elements.csv")
    text = deck_to_toml(deck)
    assert parse_toml(text)["sides"] == ["Symbol", "Element"]
    assert parse_native(text, file="elements.toml").sides == ("Symbol", "Element")


def test_import_keeps_the_sides_and_generate_asks_by_them(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "elements.csv"
    source.write_text(ELEMENTS, encoding="utf-8")
    assert main(["import", str(source)]) == 0
    capsys.readouterr()
    assert load_deck(home / "decks" / "elements.toml").sides == ("Symbol", "Element")
    assert main(["generate", "elements", "--count", "4", "--direction", "term"]) == 0
    out = capsys.readouterr().out
    assert out.count("Which element matches this symbol?") == 4


@pytest.mark.parametrize("sides", ['["Symbol"]', '["Symbol", ""]'])
def test_native_sides_that_are_not_two_names_are_refused_in_one_sentence(
    tmp_path: Path, sides: str
) -> None:
    path = tmp_path / "d.toml"
    path.write_text(
        f'format = "exam-sim/1"\nid = "d"\ntitle = "D"\nsides = {sides}\n'
        '[[cards]]\nterm = "H"\ndefinition = "Hydrogen"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"exam-sim: {path}, line 4: sides: two names, what the terms are and what the "
        'definitions are: sides = ["Symbol", "Element"].'
    )


async def test_the_exam_screen_asks_by_the_deck_s_names(tmp_path: Path) -> None:
    deck = tmp_path / "elements.csv"
    deck.write_text(ELEMENTS, encoding="utf-8")
    request = SessionRequest(mode=AttemptMode.DRILL, count=3)
    app = create_app(db=tmp_path / "history.sqlite3", seed=7, deck=str(deck), start=request)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        question = screen.session.question
        shown = str(screen.query_one("#topic", Static).render())
        assert shown.endswith(" · " + side_task(question.direction, ("Symbol", "Element")))
        assert "matches this" in shown


@pytest.mark.parametrize("schema", [18, 11])
def test_an_anki_note_type_s_field_names_are_the_sides(tmp_path: Path, schema: int) -> None:
    notes = [("Japanese::N5", ["会う", "あう", "to meet"], ""),
             ("Japanese::N5", ["雨", "あめ", "rain"], "")]  # fmt: skip
    kanji = ("Kanji", "Reading", "Meaning")
    deck = load_deck(write_package(tmp_path / "ja.apkg", notes, schema=schema, fields=kanji))
    assert deck.sides == ("Kanji", "Meaning")
    basic = load_deck(write_package(tmp_path / "basic.apkg", notes, schema=schema))
    assert basic.sides is None  # Front, Back: the prompt's own words


def test_an_anki_text_export_s_named_columns_are_the_sides() -> None:
    text = (
        "#separator:tab\n#html:false\n#columns:Kanji\tReading\tMeaning\tTags\n"
        "#tags column:4\n会う\tあう\tto meet\tjlpt\n雨\tあめ\train\tjlpt\n"
    )
    assert parse_anki(text, file="ja.txt").sides == ("Kanji", "Meaning")
    assert parse_anki("会う\tto meet\n雨\train\n", file="ja.txt").sides is None


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Interval,Semitones\nMinor third,3 semitones\nMajor third,4 semitones\n"
         "Perfect fifth,7 semitones\n", ("Interval", "number of semitones")),
        ("Prefix,Factor\nkilo,10^3\nmega,10^6\nmilli,10^-3\n", ("Prefix", "Factor")),
        ("Roman,Number\nIV,4\nIX,9\nXL,40\n", ("Roman", "Number")),
        ("Event,Year\nHastings,1066\nWaterloo,1815\nAgincourt,1415\n", ("Event", "Year")),
    ],
)  # fmt: skip
def test_labels_above_a_column_of_numbers_are_a_header(text: str, sides: tuple[str, str]) -> None:
    deck = parse_delimited(text, file="n.csv")
    assert len(deck.cards) == 3 and deck.sides == sides


@pytest.mark.parametrize(
    "text",
    [
        "HTTP,80\nHTTPS,443\nSSH,22\nDNS,53\n",  # the first row has its number: a card
        "Country,Capital\nFrance,Paris\nSpain,Madrid\nItaly,Rome\n",  # no numbers below
        "Zero,none\nOne,1\nTwo,2\n",  # too few rows below to tell
        # numbered terms say nothing of a header: the first card is the unnumbered one
        "Introduction,What the course covers\nStep 1,Install\nStep 2,Run\nStep 3,Test\n",
        # definitions that are sentences holding a number are no column of numbers
        "Magna Carta,signed in June\nHastings,fought in 1066\nWaterloo,fought in 1815\n"
        "Agincourt,fought in 1415\n",
    ],
)
def test_a_first_row_like_a_card_stays_a_card(text: str) -> None:
    deck = parse_delimited(text, file="c.csv")
    assert deck.cards[0].term == text.split(",")[0] and deck.sides is None


@pytest.mark.parametrize(
    ("file", "first"),
    [
        ("capitals.csv", "Country,Capital"),
        ("us-state-capitals.csv", "State,Capital"),
        ("countries.csv", "Country,Capital"),
        ("Chemical_Elements.tsv", "Element,Symbol"),
        ("capitales.csv", "País,Capital"),
    ],
)
def test_labels_the_file_is_named_after_are_a_header(file: str, first: str) -> None:
    separator = "\t" if file.endswith(".tsv") else ","
    text = f"{first}\nFrance,Paris\nSpain,Madrid\nItaly,Rome\n".replace(",", separator)
    deck = parse_delimited(text, file=file)
    assert [c.term for c in deck.cards] == ["France", "Spain", "Italy"]
    assert deck.sides == tuple(first.split(","))
    (note,) = deck.notes
    assert "was read as the column names, as the file's name says" in note
    assert note.endswith("import the file with --no-header")


def test_a_first_row_of_names_in_a_file_named_otherwise_stays_a_card() -> None:
    text = "France,Paris\nSpain,Madrid\nItaly,Rome\n"
    for file in ("c.csv", "europe.csv", "paris.csv", "paris-trip.csv"):
        deck = parse_delimited(text, file=file)
        assert deck.cards[0].term == "France" and deck.sides is None, file
    # a word of a card, not the cell alone
    deck = parse_delimited("A,Alpha letter\nB,Beta letter\nC,Gamma letter\n", file="letters.csv")
    assert deck.cards[0].term == "A" and deck.sides is None


def test_a_plural_name_is_asked_in_the_singular() -> None:
    assert side_task(TO_TERM, ("Interval", "Semitones")) == "Which interval matches this semitone?"
    # Above a column of numbers, a plural name counts them (`side_names(numbers=True)`).
    assert side_task(TO_TERM, ("Interval", "number of semitones")) == (
        "Which interval matches this number of semitones?"
    )
    assert side_task(TO_DEFINITION, ("Interval", "number of semitones")) == (
        "Which number of semitones matches this interval?"
    )
    assert side_task(TO_DEFINITION, ("Country", "Categories")) == (
        "Which category matches this country?"
    )
    assert side_task(TO_DEFINITION, ("Class", "Status")) == "Which status matches this class?"
    assert side_task(TO_DEFINITION, ("Box", "Chemical elements")) == (
        "Which chemical element matches this box?"
    )


async def test_side_names_are_read_alike_from_a_header_or_the_toml(tmp_path: Path) -> None:
    deck = tmp_path / "m.toml"
    cards = "".join(
        f'[[cards]]\nid = "{t.lower()}"\nterm = "{t}"\ndefinition = "{d}"\n'
        for t, d in [("H", "Hydrogen"), ("He", "Helium"), ("Li", "Lithium"), ("Be", "Beryllium"),
                     ("B", "Boron")]
    )  # fmt: skip
    deck.write_text(
        'format = "exam-sim/1"\nid = "m"\ntitle = "M"\n'
        'sides = ["[bold red]Sym[/]", "Ele\\u001b]0;x\\u0007ment"]\n' + cards,
        encoding="utf-8",
    )
    request = SessionRequest(mode=AttemptMode.DRILL, count=3)
    app = create_app(db=tmp_path / "history.sqlite3", seed=7, deck=str(deck), start=request)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        shown = str(exam_screen(app).query_one("#topic", Static).render())
        # read as a header's names are: neither is a noun to ask by, so neither is asked
        assert shown.endswith(("Which term matches this description?",
                               "Which description matches this term?"))  # fmt: skip
        assert "\x1b" not in shown and "\x07" not in shown
    assert load_deck(deck).sides is None
    named = parse_native(
        'format = "exam-sim/1"\nid = "n"\ntitle = "N"\nsides = ["Symbol", "What it does"]\n'
        + cards,
        file="n.toml",
    )
    assert named.sides == ("Symbol", "description")


def test_a_language_code_naming_a_side_is_said_in_the_title() -> None:
    deck = parse_delimited("Vietnamese,English\nnhà,house\nnước,water\ncơm,rice\n",
                           file="vi-vocabulary.csv")  # fmt: skip
    assert deck.title == "Vietnamese vocabulary" and deck.id == "vi-vocabulary"
    # a code no side names may be a word: "it" (IT), "no", "id"
    other = parse_delimited("Term,Definition\nLAN,local network\nWAN,wide network\nVPN,tunnel\n",
                            file="it-glossary.csv")  # fmt: skip
    assert other.title == "It glossary"
