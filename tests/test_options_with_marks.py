"""In a deck that writes marks, two options that differ only by them are two words, not one
text written twice: Vietnamese tones ("ma" ghost, "má" mother), Spanish accents ("el" the,
"él" he). They were dropped as "the same text" beside each other (docs/generator.md)."""

from __future__ import annotations

from pathlib import Path

from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.lexicon import option_key
from exam_sim.models import Direction

VIETNAMESE = """từ,nghĩa
ma,ghost
má,mother (Southern)
mà,but; which
mả,grave; tomb
mã,horse (Sino-Vietnamese); code
mạ,rice seedling
ba,three
bà,grandmother
bạn,friend
bán,to sell
bàn,table
nhà,house
nhà hàng,restaurant
con mèo,cat
con chó,dog
cá,fish
"""


def test_option_keys_keep_marks_where_the_deck_writes_them() -> None:
    assert option_key("ma") == option_key("má")  # a deck that writes none: one text
    assert option_key("ma", marks=True) != option_key("má", marks=True)
    assert option_key("bee's wax") == option_key("beeswax")  # compacted
    assert option_key("EV - AC") != option_key("EV / AC")  # a formula's operators


def test_tones_stand_beside_each_other(tmp_path: Path) -> None:
    path = tmp_path / "vi.csv"
    path.write_text(VIETNAMESE, encoding="utf-8")
    generator = QuestionGenerator(load_deck(path))
    tones = {"ma-2", "ma-3", "ma-4", "ma-5", "ma-6"}  # má, mà, mả, mã, mạ
    shown = 0
    for seed in range(10):
        question = generator.question("ma", Direction.DEFINITION_TO_TERM, seed=seed)
        assert len(set(question.options)) == len(question.options)
        shown += bool(tones & set(question.option_card_ids))
    assert shown >= 8  # before: never


SPANISH = """term,definition
he,él
the (masculine),el
you (informal),tú
your (informal),tu
yes,sí
if,si
more,más
tea,té
you (object pronoun),te
of,de
I know,sé
oneself,se
"""


def test_definitions_apart_by_their_marks_are_two_words(tmp_path: Path) -> None:
    # An English → Spanish list: its definitions write the marks ("él" he, "el" the).
    path = tmp_path / "es.csv"
    path.write_text(SPANISH, encoding="utf-8")
    deck = load_deck(path)
    codes = {f.code for f in check_deck(deck)}
    assert not codes & {"duplicate-definition", "near-duplicate", "unaskable"}, codes
    generator = QuestionGenerator(deck)
    index = generator.index
    assert not index.same_thing(index.position["he"], index.position["the-masculine"])
    shown = sum(
        "el" in generator.question("he", Direction.TERM_TO_DEFINITION, seed=s).options
        for s in range(10)
    )
    assert shown >= 8
    # "sí" (yes) and "si" (if) are words of the list, not a claim's verdict
    assert generator.directions_for("yes") and generator.directions_for("if")


def test_a_word_for_yes_in_a_vocabulary_list_is_asked() -> None:
    deck = load_deck(Path(__file__).parent / "data" / "ja-jlpt-n5-vocabulary.csv")
    generator = QuestionGenerator(deck)
    (yes,) = [card for card in deck.cards if card.term == "ええ"]
    assert set(generator.directions_for(yes.id)) == {
        Direction.DEFINITION_TO_TERM,
        Direction.TERM_TO_DEFINITION,
    }
