"""Readings: a parenthesis saying how a name written in Han characters is read ("他 (tā)",
"橋 (はし)") is no alias. Homophones share readings (他 "he" and 她 "she" are both tā), so
cards sharing one must still be offered together; an alias shared says "the same thing"."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.card_names import name_variants, readings
from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Deck, Direction, make_card
from exam_sim.text import final_reading, is_reading, split_aliases

ZH = Path(__file__).parent / "data" / "zh-hsk1-vocabulary.csv"

han = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=4)
kana = st.text(st.characters(min_codepoint=0x3041, max_codepoint=0x3096), min_size=1, max_size=6)
hangul = st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=4)


@pytest.mark.parametrize(
    ("name", "inner"),
    [
        ("你好", "nǐ hǎo"),  # pinyin with tone marks
        ("谢谢", "xie4 xie5"),  # numbered tones
        ("橋", "はし"),  # kana
        ("会う", "あう"),  # kanji and kana, read in kana
        ("學校", "학교"),  # hangul
        ("他", "tā"),
    ],
)
def test_a_reading_of_han_characters(name: str, inner: str) -> None:
    assert is_reading(name, inner)
    assert split_aliases(f"{name} ({inner})")[1] == (name,)
    assert name_variants(f"{name} ({inner})") == (name,)
    assert readings(f"{name} ({inner})") == (inner,)
    # Written the other way round, the Han name is still the alias and the rest its reading.
    assert split_aliases(f"{inner} ({name})")[1] == (name,)
    assert readings(f"{inner} ({name})") == (inner,)


@pytest.mark.parametrize(
    ("name", "inner"),
    [
        ("机器学习", "machine learning"),  # an English name, or toneless pinyin: no telling
        ("你好", "ni hao"),
        ("模型", "GPT4"),
        ("東京", "Tokyo"),
        ("Tokyo", "東京"),  # the Han text is the name itself
        ("Москва", "Moskva"),  # a transliteration of letters is as distinct as they are
        ("Support Vector Machines", "SVM"),
    ],
)
def test_what_may_be_a_name_stays_an_alias(name: str, inner: str) -> None:
    assert not is_reading(name, inner)
    assert split_aliases(f"{name} ({inner})")[1] == (name, inner)
    assert readings(f"{name} ({inner})") == ()


@given(han, st.one_of(kana, hangul))
def test_a_reading_in_a_sound_script_is_never_an_alias(name: str, reading: str) -> None:
    for term in (f"{name} ({reading})", f"{reading} ({name})"):
        aliases = split_aliases(term)[1]
        assert reading not in aliases
        assert name in aliases
        assert readings(term) == (reading,)
        assert reading not in name_variants(term)


def _card_for(deck: Deck, term: str) -> int:
    return next(i for i, c in enumerate(deck.cards) if c.term == term)


def test_homophones_and_tone_pairs_are_offered_together() -> None:
    """他/她 (both tā) and 买/卖 (mǎi/mài) were "the same thing" through the reading they
    share once folded: never options for each other, though each is the other's likeliest
    confusion."""
    deck = load_deck(ZH)
    generator = QuestionGenerator(deck)
    index = generator.index
    for a, b in (("他 (tā)", "她 (tā)"), ("买 (mǎi)", "卖 (mài)")):
        i, j = _card_for(deck, a), _card_for(deck, b)
        assert not index.same_thing(i, j)
        for asked, other in ((i, j), (j, i)):
            card, wrong = deck.cards[asked], deck.cards[other]
            offered = {
                option
                for seed in range(30)
                for direction in (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION)
                for option in generator.question(card.id, direction, seed=seed).options
            }
            assert {wrong.term, wrong.definition} & offered, (card.term, wrong.term)


def test_the_zh_deck_has_no_near_duplicates() -> None:
    findings = check_deck(load_deck(ZH))
    assert not [f for f in findings if f.code == "near-duplicate"]


def test_a_reading_said_in_its_own_definition_is_blanked() -> None:
    cards = [
        make_card("你好 (nǐ hǎo)", "hello; nǐ hǎo is said at any time of day"),
        make_card("再见 (zàijiàn)", "goodbye"),
        make_card("谢谢 (xièxie)", "thank you"),
        make_card("对不起 (duìbuqǐ)", "sorry"),
        make_card("请 (qǐng)", "please"),
    ]
    generator = QuestionGenerator(Deck(id="zh", title="zh", cards=tuple(cards)))
    stem = generator.question(cards[0].id, Direction.DEFINITION_TO_TERM, seed=0).stem
    # Whole: its rare syllables alone ("hǎo") would leave "nǐ ____" as a hint.
    assert stem == "hello; ____ is said at any time of day"


def test_cards_sharing_a_name_that_may_be_english_stay_apart() -> None:
    """After Han characters, a parenthesis without tones could be an English name: two
    cards sharing it may be one thing, and are never options together (the safe side)."""
    cards = [
        make_card("机器学习 (machine learning)", "让计算机从数据中学习的方法", id="ml"),
        make_card("机器学习方法 (machine learning)", "从数据中得到模型的技术", id="ml-method"),
        make_card("神经网络 (neural network)", "由相连的单元组成的模型"),
        make_card("数据集 (dataset)", "用于训练模型的数据"),
        make_card("特征 (feature)", "模型的输入变量"),
    ]
    deck = Deck(id="zh-ml", title="zh-ml", cards=tuple(cards))
    assert QuestionGenerator(deck).index.same_thing(0, 1)


def test_a_reading_listed_as_an_alias_is_none(tmp_path: Path) -> None:
    """A deck imported before readings were told from aliases lists them as aliases."""
    cards = "".join(
        f'[[cards]]\nid = "{cid}"\nterm = "{term}"\ndefinition = "{meaning}"\n'
        f'aliases = ["{term.split()[0]}", "ta"]\n\n'
        for cid, term, meaning in (
            ("ta", "他 (tā)", "he; him"),
            ("ta-2", "她 (tā)", "she; her"),
            ("ni", "你 (nǐ)", "you"),
            ("wo", "我 (wǒ)", "I; me"),
            ("women", "我们 (wǒmen)", "we; us"),
        )
    ).replace('"ta"]', '"tā"]')
    path = tmp_path / "old-import.toml"
    head = 'format = "exam-sim/1"\nid = "old"\ntitle = "Old"\n\n'
    path.write_text(head + cards, encoding="utf-8")
    deck = load_deck(path)
    assert deck.cards[0].aliases == ("他",) and deck.cards[1].aliases == ("她",)
    assert not QuestionGenerator(deck).index.same_thing(0, 1)


mixed = st.text(
    st.sampled_from(list("他她你好橋はしハシ학교abcnǐhǎoāàé12 ()-'")), min_size=1, max_size=16
)


@given(mixed)
def test_readings_and_aliases_never_overlap(term: str) -> None:
    """Whatever the term: a reading is never an alias nor another spelling, every alias is
    written in the term, and the reading of the final parenthesis is among `readings`."""
    written, aliases = split_aliases(term)
    reading = final_reading(term)
    assert all(alias in written for alias in aliases)
    if reading:
        assert reading not in aliases
        assert reading in readings(term)
    assert not set(name_variants(term)) & set(readings(term))


def test_a_card_named_by_a_reading_alone_is_either_card_read_so() -> None:
    """ "tā" (he), from a pinyin-only card, beside 她 (tā) "she": the stem "tā" would have
    two right answers. Readings alike keep homophones apart; a name alike does not."""
    cards = [
        make_card("tā", "he; him", id="ta"),
        make_card("她 (tā)", "she; her", id="she"),
        make_card("他 (tā)", "he; him (written)", id="he"),
        make_card("你 (nǐ)", "you", id="ni"),
        make_card("我 (wǒ)", "I; me", id="wo"),
    ]
    index = QuestionGenerator(Deck(id="mixed", title="mixed", cards=tuple(cards))).index
    assert index.same_thing(0, 1) and index.same_thing(0, 2)
    assert not index.same_thing(1, 2)
