"""Synonyms a definition names by a marker ("obdurate: …; syn. intransigent"): the two
cards are one meaning, never options together (each would be a second right answer, and
two options meaning one thing are both struck out by a guesser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.synonyms import synonyms_said
from exam_sim.models import Deck, make_card

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("definition", "said"),
    [
        ("(adj.) stubbornly refusing to change; syn. intransigent", ["intransigent"]),
        ("brave. Synonyms: bold, daring or fearless.", ["bold", "daring", "fearless"]),
        ("mutig (Syn.: tapfer)", ["tapfer"]),
        ('courageous; synonym: "plucky"', ["plucky"]),
        ("valiente; sinónimos: audaz, osado", ["audaz", "osado"]),
        ("храбрый; синонимы: смелый", ["смелый"]),
        ("Synonym of brave", []),  # a cross-reference, read as one elsewhere
        ("synthesis: the making of something", []),
        ("asynchronous processing; dynamic: not a marker inside a word", []),
    ],
)
def test_the_synonyms_a_definition_names(definition: str, said: list[str]) -> None:
    assert synonyms_said(definition) == said


@given(st.text(st.sampled_from("syn.:; abor,"), max_size=40))
def test_each_synonym_said_is_written_in_the_definition(definition: str) -> None:
    for name in synonyms_said(definition):
        assert name.strip() and name in definition


def test_synonyms_named_by_a_marker_are_never_options_together() -> None:
    generator = QuestionGenerator(load_deck(DATA / "en-vocabulary-examples.csv"))
    together = 0
    for card in generator.deck.cards:
        for direction in generator.directions_for(card.id):
            for seed in range(4):
                shown = set(generator.question(card.id, direction, seed=seed).option_card_ids)
                together += {"obdurate", "intransigent"} <= shown
    assert together == 0  # 16 of 224 questions before


def test_one_naming_the_other_is_enough() -> None:
    cards = [
        make_card("bold", "ready to take risks; syn. daring"),
        make_card("daring", "adventurous or audaciously bold in spirit"),
        make_card("timid", "showing a lack of courage"),
        make_card("shy", "nervous in the company of others"),
        make_card("calm", "not showing nervousness"),
    ]
    index = QuestionGenerator(Deck(id="d", title="d", cards=cards)).index
    bold, daring, timid = (index.position[c] for c in ("bold", "daring", "timid"))
    assert index.same_thing(bold, daring) and index.same_thing(daring, bold)
    assert not index.same_thing(bold, timid)


def test_check_lists_synonyms_said_a_finding_a_pair(tmp_path: Path) -> None:
    from exam_sim.decks.check import check_deck

    found = [
        f.message
        for f in check_deck(load_deck(DATA / "en-vocabulary-examples.csv"))
        if f.code == "synonyms"
    ]
    assert found == [
        "'obdurate' (line 6) and 'intransigent' (line 7) each give the other as a synonym, "
        "so they are never offered as options together"
    ]
    path = tmp_path / "syn.csv"
    path.write_text(
        "word,definition\nbold,ready to take risks; syn. daring\ndaring,adventurous in spirit\n"
        "timid,showing a lack of courage\nshy,nervous with others\n",
        encoding="utf-8",
    )
    found = [f.message for f in check_deck(load_deck(path)) if f.code == "synonyms"]
    assert found == [
        "'bold' (line 2) gives 'daring' (line 3) as a synonym, so they are never offered as "
        "options together"
    ]


def test_check_reads_a_synonym_as_the_generator_does(tmp_path: Path) -> None:
    # "syn. to dare" gives the verb *dare*: the generator reads it without its "to", and
    # `check` reads it with the generator's own reading.
    from exam_sim.decks.check import check_deck

    path = tmp_path / "syn.csv"
    path.write_text(
        "word,definition\nbold,ready to take risks; syn. to dare\ndare,to have the courage\n"
        "timid,showing a lack of courage\nshy,nervous with others\n",
        encoding="utf-8",
    )
    deck = load_deck(path)
    index = QuestionGenerator(deck).index
    assert index.same_thing(index.position["bold"], index.position["dare"])
    found = [f.card_ids for f in check_deck(deck) if f.code == "synonyms"]
    assert found == [("bold", "dare")]
