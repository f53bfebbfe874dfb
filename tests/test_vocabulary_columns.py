"""A vocabulary list's columns beside the word and its definition: the part of speech
opens the definition as its label ("(adj.) …"), the example sentence follows it ("e.g.
"…""), so the generator keeps options to one kind and asks the example as a cloze."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.column_names import with_example, with_kind
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Deck, Direction
from exam_sim.text import BLANK
from exam_sim.usage_examples import without_example

VOCABULARY = """Word,Part of speech,Definition,Example sentence
ubiquitous,adj.,present everywhere,Smartphones have become ubiquitous.
ephemeral,adj.,lasting a very short time,Fame on the internet is ephemeral.
laconic,adj.,using very few words,His laconic reply ended the conversation.
garrulous,adj.,excessively talkative,The garrulous host never let anyone speak.
capricious,adj.,given to sudden changes of mood,
sanguine,adj.,optimistic in a difficult situation,"“She remained sanguine.”"
enervate,v.,to drain of energy,The heat enervated the hikers.
mitigate,v.,to make less severe,Planting trees can mitigate flooding.
placate,v.,to make less angry,He tried to placate the crowd.
extol,v.,to praise enthusiastically,Critics extolled the film.
abate,v.,to become less intense,The storm abated at dawn.
"""


def _loaded(tmp_path: Path, text: str, name: str = "vocabulary.csv") -> Deck:
    """The deck of `text` written to a file of this name, as a user's file is read."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_deck(path)


def test_the_columns_are_read_into_the_definition(tmp_path: Path) -> None:
    deck = _loaded(tmp_path, VOCABULARY)
    cards = {card.term: card for card in deck.cards}
    assert cards["ubiquitous"].definition == (
        '(adj.) present everywhere; e.g. "Smartphones have become ubiquitous."'
    )
    assert cards["capricious"].definition == "(adj.) given to sudden changes of mood"
    assert cards["sanguine"].definition.endswith("; e.g. “She remained sanguine.”")
    said = " ".join(deck.notes)
    assert 'the column "Part of speech" was read as labels' in said
    assert 'the column "Example sentence" was read as usage examples' in said
    assert "not read" not in said  # before: both columns were not read


def test_questions_keep_to_one_kind_and_ask_the_example_as_a_cloze(tmp_path: Path) -> None:
    generator = QuestionGenerator(_loaded(tmp_path, VOCABULARY))
    for card in generator.deck.cards:
        label = card.definition.split(")")[0]
        for direction in generator.directions_for(card.id):
            for seed in range(3):
                question = generator.question(card.id, direction, seed=seed)
                if direction is Direction.TERM_TO_DEFINITION:
                    assert all(o.startswith(label) for o in question.options), question.options
                    assert not any("e.g." in o for o in question.options)
                else:
                    kinds = {generator.deck.card(c).definition.split(")")[0]
                             for c in question.option_card_ids}  # fmt: skip
                    assert kinds == {label}, question.option_card_ids
                    assert card.term not in question.stem
    stem = generator.question("enervate", Direction.DEFINITION_TO_TERM, seed=1).stem
    assert stem == f'(v.) to drain of energy; e.g. "The heat {BLANK} the hikers."'


_WORDS = st.text(st.sampled_from("abc "), min_size=1, max_size=20)


@given(_WORDS, st.text(st.sampled_from('abc. "”'), max_size=20), st.sampled_from(["n.", "adj"]))
def test_the_definition_is_read_back_without_its_example(
    definition: str, example: str, kind: str
) -> None:
    labelled = with_kind(definition, kind)
    joined = with_example(labelled, example)
    said = " ".join(example.split())  # as a cell is read: spaces made one
    if definition.strip() and said and said not in labelled:
        assert without_example(joined) == labelled.rstrip()
    else:
        assert joined == labelled


def test_anki_notes_join_their_part_of_speech_and_example(tmp_path: Path) -> None:
    from support.anki_package import write_package

    from exam_sim.decks.anki import parse_anki

    text = (
        "#separator:tab\n#html:true\n#columns:Word\tMeaning\tPart of speech\tExample\n"
        "ubiquitous\tpresent everywhere\tadj.\tSmartphones have become <b>ubiquitous</b>.\n"
        "extol\tto praise enthusiastically\tv.\t\n"
    )
    expected = [
        ("ubiquitous", '(adj.) present everywhere; e.g. "Smartphones have become ubiquitous."'),
        ("extol", "(v.) to praise enthusiastically"),
    ]
    assert [(c.term, c.definition) for c in parse_anki(text, file="v.txt").cards] == expected
    example = "Smartphones have become ubiquitous."
    notes = [
        ("GRE", ["ubiquitous", "present everywhere", "adj.", example], ""),
        ("GRE", ["extol", "to praise enthusiastically", "v.", ""], ""),
    ]
    fields = ("Word", "Meaning", "Part of speech", "Example")
    deck = load_deck(write_package(tmp_path / "gre.apkg", notes, fields=fields))
    assert [(c.term, c.definition) for c in deck.cards] == expected


def test_json_cards_join_their_part_of_speech_and_example() -> None:
    import json

    from exam_sim.decks.json_deck import parse_json

    cards = [
        {"word": "ubiquitous", "meaning": "present everywhere", "pos": "adj.",
         "example": "Smartphones have become ubiquitous."},
        {"word": "extol", "meaning": "to praise enthusiastically", "example": ""},
        {"word": "laconic", "meaning": "using very few words"},
        {"word": "garrulous", "meaning": "excessively talkative"},
    ]  # fmt: skip
    deck = parse_json(json.dumps(cards), file="gre.json")
    assert [c.definition for c in deck.cards][:2] == [
        '(adj.) present everywhere; e.g. "Smartphones have become ubiquitous."',
        "to praise enthusiastically",
    ]


SPANISH = """palabra,significado,ejemplo
hablar,to speak,Hablamos español en casa.
comer,to eat,Comemos a las dos.
vivir,to live,Vivo en Madrid.
escribir,to write,Ella escribe una carta.
leer,to read,Leemos el periódico.
correr,to run,Los niños corren en el parque.
dormir,to sleep,Duermo ocho horas.
beber,to drink,Bebo agua.
"""


def test_an_example_whose_word_form_is_not_found_is_never_shown_in_a_question(
    tmp_path: Path,
) -> None:
    # "Duermo" is *dormir* in a form no mask knows: shown, it gives the word away.
    generator = QuestionGenerator(_loaded(tmp_path, SPANISH, "es.csv"))
    clozes = 0
    for card in generator.deck.cards:
        for direction in generator.directions_for(card.id):
            for seed in range(3):
                question = generator.question(card.id, direction, seed=seed)
                assert not any("e.g." in option for option in question.options)
                if "e.g." in question.stem:  # only as a cloze
                    assert BLANK in question.stem
                    clozes += 1
    assert clozes  # "Los niños ____ en el parque." for correr
    stem = generator.question("dormir", Direction.DEFINITION_TO_TERM, seed=1).stem
    assert stem == "to sleep"


def test_an_example_too_long_is_named_as_the_example(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "big.csv"
    path.write_text(
        "word,definition,example\nalpha,first letter," + "word " * 20_000 + "\n"
        "beta,second letter,x\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{path}, line 2: example: is 100,000 characters long" in done.stderr


@pytest.mark.parametrize(
    ("kind", "definition"),
    [
        ("adj.", "(adj.) to run"),
        ("(adj.)", "(adj.) to run"),  # written in its brackets already
        ("verb (transitive)", "(verb (transitive)) to run"),  # its own bracket kept whole
        ("", "to run"),
        (" ( ) ", "to run"),
    ],
)
def test_a_kind_opens_the_definition_in_one_bracket(kind: str, definition: str) -> None:
    assert with_kind("to run", kind) == definition
    assert with_kind("(v.) to run", kind) == "(v.) to run"  # a label there already


def test_a_header_naming_the_other_columns_names_its_term_too(tmp_path: Path) -> None:
    # A reading, a meaning and an example named: the first column named by no role is
    # the term ("汉字" is named too now; "Word,Pinyin,English": the English the meaning).
    from exam_sim.decks.header_row import header_roles

    assert header_roles(["字", "拼音", "意思", "例句"]) == [
        "term",
        "reading",
        "definition",
        "example",
    ]
    assert header_roles(["Word", "Pinyin", "English"]) == ["term", "reading", "definition"]
    assert header_roles(["word", "palabra", "topic"]) is None  # two term names: maybe a card
    deck = _loaded(
        tmp_path,
        "汉字,拼音,意思,例句\n吃,chī,to eat,我吃饭。\n喝,hē,to drink,他喝水。\n"
        "看,kàn,to look,我看书。\n睡觉,shuìjiào,to sleep,我想睡觉。\n",
        "zh.csv",
    )
    assert [(c.term, c.definition) for c in deck.cards][3] == (
        "睡觉 (shuìjiào)",
        'to sleep; e.g. "我想睡觉。"',
    )
    generator = QuestionGenerator(deck)
    stem = generator.question(deck.cards[3].id, Direction.DEFINITION_TO_TERM, seed=1).stem
    assert stem == f'to sleep; e.g. "我想{BLANK}。"'
    # A word of one character is blanked in its own sentence too (no name elsewhere).
    assert generator.index.masked_definition(2) == f'to look; e.g. "我{BLANK}书。"'


def test_a_japanese_word_in_another_form_is_blanked_in_its_example(tmp_path: Path) -> None:
    deck = _loaded(
        tmp_path,
        "漢字,読み,意味,例文\n食べる,たべる,to eat,毎朝パンを食べます。\n"
        "飲む,のむ,to drink,水を飲みます。\n見る,みる,to see,テレビを見ます。\n"
        "話す,はなす,to speak,日本語を話します。\n",
        "ja.csv",
    )
    index = QuestionGenerator(deck).index
    assert [index.masked_definition(i) for i in range(2)] == [
        f'to eat; e.g. "毎朝パンを{BLANK}。"',
        f'to drink; e.g. "水を{BLANK}。"',
    ]
