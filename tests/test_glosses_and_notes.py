"""Glosses that name a verb which is a stop word elsewhere ("to do (imperfective)"), glosses
sharing a note ("… (one direction, now)"), labels closing a gloss ("hello (formal)") and
registers set against each other ("thank you (formal)", "thanks (informal)"): each pair
names two words, the best wrong option for the other, in the generator and in `check`
alike (docs/generator.md, *the same thing*)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.anki import parse_anki
from exam_sim.decks.audit import audit_deck
from exam_sim.decks.check import check_deck
from exam_sim.decks.delimited import parse_delimited
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.index import DeckIndex
from exam_sim.gloss_words import said_stop_words_in
from exam_sim.lexicon import Lexicon
from exam_sim.models import Deck, Direction, make_card

DATA = Path(__file__).parent / "data"
RUSSIAN = DATA / "ru-vocabulary.csv"
ANATOMY = DATA / "anatomy-bones.csv"


def _index(pairs: list[tuple[str, str]]) -> DeckIndex:
    cards = [make_card(term, definition, id=f"c{k}") for k, (term, definition) in enumerate(pairs)]
    cards += [make_card("река", "river"), make_card("гора", "mountain")]
    return QuestionGenerator(Deck(id="d", title="D", cards=cards)).index


def test_a_stop_word_verb_is_the_meaning_of_its_gloss() -> None:
    lexicon = Lexicon("english")
    assert lexicon.stems("to do (imperfective)") == {"do", "imperfect"}
    assert lexicon.stems("to be, to have") == {"be", "have"}
    # Where words after it carry the meaning, the verb is a stop word as anywhere else.
    assert lexicon.stems("to be born") == {"born"}
    assert lexicon.stems("how to do it") == frozenset()
    texts = ["to do (imperfective)", "to be born", "river", "To have; to own", "how to do it"]
    assert list(said_stop_words_in(texts, lexicon.stopwords)) == [0, 3]


def test_verbs_of_one_aspect_and_the_two_aspects_of_one_verb_are_two_words() -> None:
    ix = _index([
        ("делать", "to do (imperfective)"), ("писать", "to write (imperfective)"),
        ("сделать", "to do (perfective)"), ("читать", "to read (imperfective)"),
    ])  # fmt: skip
    for i in range(4):
        for j in range(i + 1, 4):
            assert not ix.same_thing(i, j), (ix.definitions[i], ix.definitions[j])


def test_two_words_sharing_a_note_are_two_words() -> None:
    ix = _index([
        ("идти", "to go on foot (one direction, now)"), ("лететь", "to fly (one direction, now)"),
        ("ехать", "to go by vehicle (one direction, now)"),
    ])  # fmt: skip
    assert not ix.same_thing(0, 1) and not ix.same_thing(1, 2) and not ix.same_thing(0, 2)


def test_registers_set_against_each_other_are_two_words_and_a_label_alone_is_none() -> None:
    ix = _index([
        ("감사합니다", "thank you (formal)"), ("고마워", "thanks (informal)"),
        ("兄", "(my) older brother (humble)"),
        ("お兄さん", "(someone else's) older brother (formal)"),
        ("Aar", "(poetic) eagle"), ("Adler", "eagle"),
    ])  # fmt: skip
    assert not ix.same_thing(0, 1)
    assert not ix.same_thing(2, 3)
    assert ix.same_thing(4, 5)  # "(poetic) eagle" means an eagle: a second right answer


@given(st.sampled_from(["formal", "informal", "polite", "humble"]), st.integers(1, 9))
def test_a_number_said_with_a_label_is_one_number_however_written(label: str, n: int) -> None:
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    ix = _index([("a", f"{n} ({label})"), ("b", f"{words[n - 1]} ({label})"),
                 ("c", f"{n % 9 + 1} ({label})")])  # fmt: skip
    assert ix.same_thing(0, 1)
    assert not ix.same_thing(0, 2)


def test_the_check_of_a_russian_list_reads_its_verbs_as_the_generator_does() -> None:
    deck = load_deck(RUSSIAN)
    findings = check_deck(deck)
    overlapping = [f for f in findings if f.code == "definition-overlap"]
    verbs = {c.id for c in deck.cards if c.topic in {"verbs", "motion"}}
    assert not [f for f in overlapping if verbs & set(f.card_ids)], overlapping
    # The bulk read of every definition's stems (check's) agrees with the generator's.
    ix = QuestionGenerator(deck).index
    assert [set(s) for s in ix.every_def_stems()] == [ix.def_stems(i) for i in range(ix.n)]


def test_an_aspect_pair_is_offered_together() -> None:
    deck = load_deck(RUSSIAN)
    generator = QuestionGenerator(deck)
    ids = {c.term: c.id for c in deck.cards}
    together = 0
    for seed in range(10):
        question = generator.question(ids["делать"], Direction.TERM_TO_DEFINITION, seed=seed)
        together += "to do (perfective)" in question.options
    assert together >= 8


def test_a_header_naming_its_topic_column_region_is_a_header() -> None:
    deck = load_deck(ANATOMY)
    assert len(deck.cards) == 36
    assert {c.topic for c in deck.cards} == {"skull", "upper-limb", "lower-limb", "trunk"}
    assert deck.sides == ("Bone", "Description")


IONS = DATA / "ions.csv"
FRENCH = DATA / "fr-nouns.csv"


def test_two_words_one_letter_apart_from_the_first_are_two_words() -> None:
    # "mouse" / "house": no spelling of one word keeps every letter but its first.
    ix = _index([("la souris (f)", "the mouse"), ("la maison (f)", "the house"),
                 ("color", "the color"), ("colour", "the colour")])  # fmt: skip
    assert not ix.same_thing(0, 1)
    assert ix.same_thing(2, 3)  # one word spelled two ways: a second right answer


def test_a_roman_numeral_glued_to_a_name_is_part_of_it() -> None:
    deck = load_deck(IONS)
    ix = QuestionGenerator(deck).index
    at = {c.term: n for n, c in enumerate(deck.cards)}
    # the header's "Name" column holds the terms; "Type" names the topics
    assert "iron(II) ion" in at and {c.topic for c in deck.cards} == {"cation", "anion"}
    assert not ix.same_thing(at["iron(II) ion"], at["iron(III) ion"])
    assert not ix.same_thing(at["iron(II) ion"], at["copper(II) ion"])
    assert not ix.same_thing(at["copper(I) ion"], at["copper(II) ion"])
    assert "iron ion" not in ix.names(at["iron(II) ion"])
    # after a space, a parenthesis still gives a name: "(IV)" may be intravenous
    ix = _index([("Intravenous (IV)", "into a vein"), ("Oral", "by mouth")])
    assert "IV" in ix.names(0)


def test_a_header_naming_its_languages_in_french_asks_in_english() -> None:
    deck = load_deck(FRENCH)
    assert deck.sides == ("Français", "Anglais") and len(deck.cards) == 26
    generator = QuestionGenerator(deck)
    card = next(c for c in deck.cards if c.term == "le chien (m)")
    question = generator.question(card.id, Direction.DEFINITION_TO_TERM, seed=0)
    assert question.task == "What is this in French?"
    question = generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=0)
    assert question.task == "What is this in English?"


def test_a_word_both_languages_share_is_unaskable_and_check_says_why() -> None:
    """ "la table", "the table": blanked, the stem would be "the ____", which every option
    fills; the card is not asked, and `check` says so in the words of its cause."""
    text = "French,English\nla table,the table\nle chat,the cat\nle chien,the dog\n"
    text += "la maison,the house\nla voiture,the car\nle livre,the book\n"
    deck = parse_delimited(text, file="cognates.csv")
    generator = QuestionGenerator(deck)
    assert generator.directions_for(deck.cards[0].id) == ()
    assert generator.directions_for(deck.cards[1].id)  # "le chat", "the cat": asked
    audit = audit_deck(deck)
    assert [u.reason for u in audit.unaskable] == [
        "its definition only names or spells out its term: once that is blanked, "
        "nothing is left to ask"
    ]


def test_a_noun_of_the_other_gender_stands_beside_the_key() -> None:
    """ "the mud": la vase (f), and le vase (m), the vase, is the wrong option a learner
    of French must rule out; no grammar of "the mud" rules out a gender."""
    deck = load_deck(FRENCH)
    generator = QuestionGenerator(deck)
    key = next(c for c in deck.cards if c.term == "la vase (f)")
    beside = 0
    for seed in range(10):
        question = generator.question(key.id, Direction.DEFINITION_TO_TERM, seed=seed)
        beside += "le vase (m)" in question.options
    assert beside >= 7
    # The meanings, not the genders, make two words one thing or two.
    ix = generator.index
    at = {c.term: n for n, c in enumerate(deck.cards)}
    assert not ix.same_thing(at["le vase (m)"], at["la vase (f)"])  # the vase, the mud
    assert ix.same_thing(at["le chat (m)"], at["la chatte (f)"])  # a female cat is a cat


OPERATORS = DATA / "operators.csv"


def test_names_of_signs_alone_are_told_apart() -> None:
    """ "==", "===", "&&", "??": folded to nothing, every operator was one name with every
    other, so no two were ever options together, and "??" was a question."""
    deck = load_deck(OPERATORS)
    assert {c.topic for c in deck.cards} == {"javascript", "python"}  # "Language"
    generator = QuestionGenerator(deck)
    ix = generator.index
    at = {c.term: n for n, c in enumerate(deck.cards)}
    assert not ix.same_thing(at["=="], at["!="])
    assert not ix.same_thing(at["&&"], at["||"])  # "logical AND", "logical OR"
    assert not ix.same_thing(at["&"], at["|"])  # "bitwise AND", "bitwise OR"
    assert not ix.same_thing(at["in"], at["not in"])  # "(negated) membership test"
    assert not ix.is_question[at["??"]]
    question = generator.question(deck.cards[at["&&"]].id, Direction.DEFINITION_TO_TERM, seed=0)
    assert len(set(question.options)) == 4 and "&&" in question.options
    # its wrong options are operators too, not only the few named in words ("in", "is")
    assert sum(not any(map(str.isalnum, o)) for o in question.options) >= 3
    # check reads them as the generator does: no near-duplicate for "===" and "!=="
    codes = {(f.code, f.card_ids) for f in check_deck(deck)}
    assert not [c for c in codes if c[0] == "near-duplicate"]


def test_a_stop_word_in_capitals_is_a_name() -> None:
    lexicon = Lexicon("english")
    assert lexicon.stems("logical AND") == {"logic", "and"}
    assert lexicon.stems("logical and") == {"logic"}
    assert lexicon.stems("LOGICAL AND") == {"logic"}  # a text all in capitals shouts


_PIECES = ["to do", "to be", "logical AND", "bitwise OR", "(imperfective)", "the cat", ",",
           ";", "IT", "and", "To Have", "x" * 30, "NOT", "born", "AWS"]  # fmt: skip


@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=5), min_size=4))
def test_the_bulk_read_of_stems_agrees_with_one_at_a_time(glosses: list[list[str]]) -> None:
    """`every_def_stems` (check's, a chunk of a large deck at a time) reads the words a
    gloss gives a meaning as `def_stems` does, whatever the gloss's length."""
    cards = [make_card(f"t{k}", " ".join(g), id=f"c{k}") for k, g in enumerate(glosses)]
    ix = QuestionGenerator(Deck(id="g", title="G", cards=cards)).index
    assert [set(s) for s in ix.every_def_stems()] == [ix.def_stems(i) for i in range(ix.n)]


@pytest.mark.parametrize("third", ["Region", "Type", "Language", "Level", "Continent"])
def test_a_third_column_naming_a_grouping_is_a_topic(third: str) -> None:
    text = f"Country,Capital,{third}\nFrance,Paris,Europe\nSpain,Madrid,Europe\n"
    text += "Japan,Tokyo,Asia\nChina,Beijing,Asia\n"
    deck = parse_delimited(text, file="capitals.csv")
    assert [c.term for c in deck.cards][:1] == ["France"] and len(deck.cards) == 4
    assert {c.topic for c in deck.cards} == {"europe", "asia"}
    assert deck.sides == ("Country", "Capital")


def test_a_reading_column_is_joined_to_its_term() -> None:
    """The JLPT list as published heads its columns `expression,reading,meaning,tags`:
    the header was a card, the readings the answers and the meanings the topics. Now the
    reading is the term's parenthesis ("会う (あう)"), read as a reading, not a name."""
    text = (DATA / "ja-jlpt-n5-vocabulary.csv").read_text(encoding="utf-8").splitlines()
    published = "\n".join(["expression,reading,meaning,tags", *text[1:]])
    deck = parse_delimited(published, file="n5.csv")
    assert len(deck.cards) == 225
    terms = {c.term: c for c in deck.cards}
    assert "会う (あう)" in terms and terms["会う (あう)"].definition == "to meet, to see"
    assert "ああ" in terms  # a kana word's reading is the word: nothing added
    ix = QuestionGenerator(deck).index
    at = {c.term: n for n, c in enumerate(deck.cards)}
    assert "あう" not in ix.names(at["会う (あう)"])  # a reading, no name


def test_an_anki_note_type_s_reading_field_is_joined_to_its_term() -> None:
    text = (
        "#separator:tab\n#html:false\n#columns:Kanji\tReading\tMeaning\tTags\n"
        "#tags column:4\n会う\tあう\tto meet\tjlpt\n雨\tあめ\train\tjlpt\nああ\tああ\tah\tjlpt\n"
    )
    deck = parse_anki(text, file="ja.txt")
    assert [c.term for c in deck.cards] == ["会う (あう)", "雨 (あめ)", "ああ"]
    assert deck.sides == ("Kanji", "Meaning")
