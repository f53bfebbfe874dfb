"""Usage examples in definitions ("…; e.g. "Smartphones have become ubiquitous.""): a cloze
as a stem, left out of the card's option, so the card is asked both ways, and `check`
calls no such card self-naming."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.card_sets import can_join
from exam_sim.models import Direction
from exam_sim.text import BLANK
from exam_sim.usage_examples import without_example

DATA = Path(__file__).parent / "data"
DECK = DATA / "en-vocabulary-examples.csv"


@pytest.mark.parametrize(
    ("definition", "meaning"),
    [
        ('(adj.) present everywhere; e.g. "Smartphones have become ubiquitous."',
         "(adj.) present everywhere"),
        ('lasting briefly. Example: "Fame is ephemeral." Also fleeting.',
         "lasting briefly. Also fleeting."),
        ('to tire (e.g. "The heat tired us") quickly', "to tire quickly"),
        ("müde machen (z. B. „Die Hitze ermüdete uns.“)", "müde machen"),
        ("cansar; p. ej. «El calor nos cansó»", "cansar"),
        ("fatiguer, par ex. « la chaleur nous fatigue »", "fatiguer"),
        ("кот; напр. «кот спит»", "кот"),
        ("食べる 例: 私は食べる", "食べる"),
        ("A regularization technique, for example L1 or L2", "A regularization technique"),
        ("e.g. nothing but an example", None),  # no meaning before it
        ("the leg. of lamb", None),  # "eg." inside a word is no marker
        ("Exchange data between systems", None),
    ],
)  # fmt: skip
def test_the_meaning_without_its_example(definition: str, meaning: str | None) -> None:
    assert without_example(definition) == meaning


@given(st.text(st.sampled_from('ab .;(")eg:'), max_size=40))
@example("(eg: )b")  # found by hypothesis in a fresh clone's run: the meaning was " b"
def test_the_meaning_is_said_by_the_definition(definition: str) -> None:
    meaning = without_example(definition)
    if meaning is not None:  # some of its words, in order, and no marker left before them
        assert re.search(r"[^\W\d_]", meaning)
        assert len(meaning) < len(definition)
        assert meaning.split(". ")[0] in definition


def _position(generator: QuestionGenerator, term: str) -> str:
    return next(c.id for c in generator.deck.cards if c.term == term)


def test_a_word_named_in_its_example_is_asked_both_ways() -> None:
    generator = QuestionGenerator(load_deck(DECK))
    ubiquitous = _position(generator, "ubiquitous")
    assert set(generator.directions_for(ubiquitous)) == {
        Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION,
    }  # fmt: skip
    asked = generator.question(ubiquitous, Direction.TERM_TO_DEFINITION, seed=1)
    assert asked.options[asked.answer] == "(adj.) present everywhere"
    # Its explanation is the whole card, example and all.
    assert "Smartphones have become ubiquitous" in asked.explanations[asked.answer]
    stem = generator.question(ubiquitous, Direction.DEFINITION_TO_TERM, seed=1).stem
    assert stem == f'(adj.) present everywhere; e.g. "Smartphones have become {BLANK}."'
    # An inflected form in the example is blanked too, and left out of the option.
    enervate = _position(generator, "enervate")
    stem = generator.question(enervate, Direction.DEFINITION_TO_TERM, seed=1).stem
    assert f'"The heat {BLANK} the hikers."' in stem


def test_no_option_names_its_own_word() -> None:
    generator = QuestionGenerator(load_deck(DECK))
    cards = {card.id: card for card in generator.deck.cards}
    asked_from_term = 0
    for card in generator.deck.cards:
        if Direction.TERM_TO_DEFINITION not in generator.directions_for(card.id):
            continue
        asked_from_term += 1
        for seed in range(3):
            question = generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=seed)
            for option, owner in zip(question.options, question.option_card_ids, strict=True):
                word = cards[owner].term
                assert not re.search(rf"\b{word[:-1]}", option, re.IGNORECASE), (word, option)
    assert asked_from_term >= 27  # 21 before: six examples named their words


def test_sets_leave_out_cards_shown_without_their_example() -> None:
    # Matching and multiple-response items show definitions whole.
    generator = QuestionGenerator(load_deck(DECK))
    assert not can_join(generator, _position(generator, "ubiquitous"))
    assert can_join(generator, _position(generator, "capricious"))


def test_check_calls_a_word_named_only_in_its_example_no_self_naming(tmp_path: Path) -> None:
    assert not [f for f in check_deck(load_deck(DECK)) if f.code == "self-naming"]
    path = tmp_path / "named.csv"
    path.write_text(
        "word,definition\n"
        'laconic,"using few words, as a laconic person does; e.g. ""a laconic reply"""\n'
        "garrulous,excessively talkative\nsanguine,optimistic\ncapricious,changing moods\n",
        encoding="utf-8",
    )
    found = [f for f in check_deck(load_deck(path)) if f.code == "self-naming"]
    assert [f.card_ids for f in found] == [("laconic",)]  # its meaning names it too


@pytest.mark.parametrize(
    ("definition", "sentence"),
    [
        ('to eat; e.g. "Comemos a las dos."', True),  # quoted
        ("to eat; e.g. Comemos a las dos.", True),  # written out: a capital, words, a stop
        ("A regularization technique, e.g. L1 or L2", False),  # instances
        ("a cloud, e.g. AWS, GCP.", False),  # two words
        ("x; e.g. the cat sat down.", False),  # no capital: maybe a list, shown as written
    ],
)
def test_an_example_is_a_sentence_quoted_or_written_out(definition: str, sentence: bool) -> None:
    from exam_sim.usage_examples import example_of

    found = example_of(definition)
    assert found is not None and found.sentence is sentence


def test_a_sentence_naming_its_word_in_a_form_no_mask_knows_is_never_shown() -> None:
    from exam_sim.models import Deck, make_card

    verbs = [("comer", "to eat", "Comemos a las dos."), ("dormir", "to sleep", "Duermo mucho hoy."),
             ("beber", "to drink", "Bebo agua fría."), ("leer", "to read", "Leemos el diario."),
             ("vivir", "to live", "Vivo en Madrid.")]  # fmt: skip
    cards = [make_card(term, f"{gloss}; e.g. {example}") for term, gloss, example in verbs]
    generator = QuestionGenerator(Deck(id="es", title="es", cards=cards))
    for card in generator.deck.cards:
        for direction in generator.directions_for(card.id):
            question = generator.question(card.id, direction, seed=1)
            shown = [question.stem, *question.options]
            assert not any("e.g." in text and BLANK not in text for text in shown), shown


_PIECES = ["e.g. ", "for example ", "(", ")", '"', "“", "”", "«", "word", " ", ".", ";", "Ex: ",
           "z. B. ", "例: ", "A", "b"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_any_text_is_read_without_an_error(definition: str) -> None:
    from exam_sim.usage_examples import example_of

    found = example_of(definition)
    if found is not None:
        assert found.meaning and found.text in definition
