"""A verb's gloss and a noun's are two words: "to work" (работать, trabajar) and "work;
job" (работа, trabajo) share a stem, but neither answers for the other. `check` called
them overlapping definitions ("say what sets each apart", which the "to" already does),
and the generator counted them as one thing."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.synonyms import verbs_apart


@pytest.mark.parametrize(
    ("definition", "other", "apart"),
    [
        ("to work", "work; job", True),
        ("to speak; to say", "speech", True),
        ("To read", "reading, a text read aloud", True),
        ("to read", "to read (through), to finish reading", False),  # both verbs
        ("to work; work", "work", False),  # a verb and a noun at once
        ("(to) home (direction)", "house; home", False),  # "(to)" opens no infinitive
        ("To be used when a model overfits its training data badly", "work", False),
    ],
)
def test_verbs_apart(definition: str, other: str, apart: bool) -> None:
    assert verbs_apart(definition, other) is apart
    assert verbs_apart(other, definition) is apart


def test_check_and_the_generator_tell_a_verb_from_its_noun(tmp_path: Path) -> None:
    path = tmp_path / "ru.csv"
    path.write_text(
        "term,definition\nработа,work; job\nработать,to work\nчитать,to read\n"
        'прочитать,"to read (through), to finish reading"\nхлеб,bread\nвода,water\n'
        "стол,table\nокно,window\n",
        encoding="utf-8",
    )
    deck = load_deck(path)
    term_of = {card.id: card.term for card in deck.cards}
    overlaps = [
        {term_of[card_id] for card_id in f.card_ids}
        for f in check_deck(deck)
        if f.code == "definition-overlap"
    ]
    assert overlaps == [{"читать", "прочитать"}]  # two verbs; not работа and работать
    index = QuestionGenerator(deck).index
    position = {card.term: n for n, card in enumerate(deck.cards)}
    assert not index.same_thing(position["работа"], position["работать"])
    assert index.same_thing(position["читать"], position["прочитать"])
