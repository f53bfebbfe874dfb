"""A question's word names the kind of answer it asks for ("Who…?" a person, "What…?" a
thing): the wrong options are of that kind whenever the deck has enough of them, however
many words another question shares ("Karakorum" is no answer to "Who founded the Mongol
Empire?"). And a wrong option never fills the stem's blanks ("The Palace of Versailles"
for "The ____ of Versailles")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.generator import QuestionGenerator
from exam_sim.generator.asked_kind import PERSON, PLACE, THING, asked_kind
from exam_sim.generator.masking import blank_filler
from exam_sim.lexicon import norm
from exam_sim.models import Deck, Direction, Question, make_card
from exam_sim.text import BLANK

HISTORY = Path(__file__).parent / "data" / "history-question-bank.csv"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who founded the Mongol Empire?", PERSON),
        ("Whose assassination started World War I?", PERSON),
        ("¿Quién pintó el Guernica?", PERSON),
        ("Wer schrieb den Faust?", PERSON),
        ("Кто написал «Войну и мир»?", PERSON),
        ("《红楼梦》的作者是谁？", PERSON),
        ("この本を書いたのは誰ですか？", PERSON),
        ("To whom did Napoleon surrender in 1815?", PERSON),
        ("¿De quién es la Novena Sinfonía?", PERSON),
        ("Von wem wurde der Faust geschrieben?", PERSON),
        ("Where was Napoleon born?", PLACE),
        ("¿Dónde está el Museo del Prado?", PLACE),
        ("Wo liegt Heidelberg?", PLACE),
        ("故宫在哪里？", PLACE),
        ("駅はどこですか？", PLACE),
        ("What is the hardest natural substance?", THING),
        ("Qué es la fotosíntesis?", THING),
        ("Что такое фотосинтез?", THING),
        ("这是什么？", THING),
        # The next word tells, in English, when it names a kind and nothing else.
        ("Which queen was executed in 1793?", PERSON),
        ("What scientist discovered penicillin?", PERSON),
        ("Which city was the capital of the Mongol Empire?", PLACE),
        ("Which country has the most islands?", PLACE),
        ("Which state does a TCP connection enter after a FIN?", None),
        ("Which general rule applies here?", None),
        ("Which war was fought between the North and the South?", None),
        # A person as likely as not.
        ("What is the name of the general who led the D-Day landings?", None),
        ("In which year did the Berlin Wall fall?", None),
        ("Name the largest moon of Saturn.", None),
        # Words that open other questions too: the Greek letter, a compound.
        ("Chi-square test: what does it compare?", None),
        ("Co-founder of Apple with Steve Jobs?", None),
        ("In Doctor Who, what is the TARDIS?", None),
    ],
)
def test_the_question_word_says_the_kind_asked_for(question: str, kind: str | None) -> None:
    assert asked_kind(norm(question)) == kind


def _deck(deck_id: str, rows: list[tuple[str, str]]) -> Deck:
    """A deck of these (front, back) rows."""
    cards = tuple(make_card(front, back) for front, back in rows)
    return Deck(id=deck_id, title=deck_id.title(), cards=cards)


def _asked(
    generator: QuestionGenerator, card_id: str, direction: Direction, seeds: int = 10
) -> Iterator[Question]:
    """The card's questions in this direction, with seeds 0 to seeds - 1."""
    return (generator.question(card_id, direction, seed=seed) for seed in range(seeds))


def _kind(deck: Deck, card_id: str) -> str | None:
    return asked_kind(norm(next(c.term for c in deck.cards if c.id == card_id)))


def test_who_is_answered_among_people_where_among_places_what_among_things() -> None:
    """Over the history bank, both ways it is asked: before, 56 of 250 questions had a
    wrong option of another kind (a city for "Who…?", a person for "What…?"), and "The
    Civil ____" (asked from its answer) was offered "Who issued the Emancipation
    Proclamation?"."""
    from exam_sim.decks.loader import load_deck

    deck = load_deck(HISTORY)
    generator = QuestionGenerator(deck)
    checked = 0
    for card in deck.cards:
        mine = asked_kind(norm(card.term))
        if mine is None and card.definition.startswith("The "):
            mine = THING  # "The Civil War" is no person's name, whatever asks for it
        if mine is None:
            continue
        for direction in generator.directions_for(card.id):
            for question in _asked(generator, card.id, direction):
                kinds = [_kind(deck, c) for c in question.option_card_ids]
                if mine is PERSON or mine is PLACE:
                    assert kinds == [mine] * 4, question
                else:
                    assert PERSON not in kinds, question
                checked += 1
    assert checked >= 200


def test_too_few_of_the_kind_asked_still_make_a_question() -> None:
    """Two people only: the question is made, its other options the nearest answers."""
    rows = [
        ("Who painted the Mona Lisa?", "Leonardo da Vinci"),
        ("Who painted the Night Watch?", "Rembrandt"),
        ("Which museum holds the Mona Lisa?", "The Louvre"),
        ("Which museum holds the Night Watch?", "The Rijksmuseum"),
        ("Which city is the Prado in?", "Madrid"),
        ("Which river flows through Paris?", "The Seine"),
    ]
    deck = _deck("art", rows)
    question = QuestionGenerator(deck).question(
        deck.cards[0].id, Direction.QUESTION_TO_ANSWER, seed=0
    )
    assert len(question.options) == 4
    assert "Rembrandt" in question.options


def test_a_kind_whose_answers_cannot_stand_together_gives_way() -> None:
    """The three other things answer questions spelled alike ("the lamp", "the map": one
    question typed twice, as the generator reads it), so no set of them can be drawn: the
    question is drawn among every answer rather than not made (before the fallback, it
    was not made at all)."""
    rows = [(f"Who built the {s}?", p) for s, p in (("engine", "Ada Lovelace"),
            ("bridge", "Alan Turing"), ("rocket", "Grace Hopper"))]  # fmt: skip
    rows += [(f"What powers the {s}?", t) for s, t in (("engine", "Copper wire"),
             ("lamp", "Oak tree"), ("map", "Blue whale"), ("clamp", "Mount Fuji"))]  # fmt: skip
    deck = _deck("bank", rows)
    question = QuestionGenerator(deck).question(
        deck.cards[3].id, Direction.QUESTION_TO_ANSWER, seed=0
    )
    assert len(set(question.options)) == 4 and question.options[question.answer] == "Copper wire"


PEOPLE = ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Marie Curie", "Isaac Newton",
          "Charles Babbage", "Rosalind Franklin", "Nikola Tesla")  # fmt: skip
THINGS = ("Granite quarry", "Copper wire", "Oak tree", "Blue whale", "Lake Baikal", "Mount Fuji",
          "Sahara Desert", "Venus flytrap")  # fmt: skip
# No two spelled alike: "What powers the lamp?" and "…the map?" read as one question
# (tests below: then the question is drawn among every kind).
SUBJECTS = ("engine", "telescope", "bridge", "formula", "compass", "rocket", "vaccine", "radio")


@settings(max_examples=25, deadline=None)
@given(
    people=st.integers(4, 8),
    things=st.integers(4, 8),
    subjects=st.permutations(SUBJECTS),
    seed=st.integers(0, 1000),
)
def test_the_kind_asked_holds_on_any_bank(
    people: int, things: int, subjects: list[str], seed: int
) -> None:
    """Questions sharing their subjects across kinds ("Who built the engine?", "What
    powers the engine?"): with three other answers of its kind, a question's wrong
    options are all of it."""
    rows = [(f"Who built the {subjects[n]}?", PEOPLE[n]) for n in range(people)]
    rows += [(f"What powers the {subjects[n]}?", THINGS[n]) for n in range(things)]
    deck = _deck("bank", rows)
    generator = QuestionGenerator(deck)
    for card in deck.cards:
        mine = asked_kind(norm(card.term))
        question = generator.question(card.id, Direction.QUESTION_TO_ANSWER, seed=seed)
        answers = set(PEOPLE if mine is PERSON else THINGS)
        assert answers.issuperset(question.options), question


def test_a_wrong_option_never_fills_the_blanks_of_the_stem() -> None:
    """Asked from its answer, "The ____ of Versailles" (the question says "treaty"): the
    palace's question would answer it too. Before, it stood among the options in 4 of 10
    seeds."""
    from exam_sim.decks.loader import load_deck

    deck = load_deck(HISTORY)
    generator = QuestionGenerator(deck)
    treaty = next(c for c in deck.cards if c.term == "Which treaty ended World War I?")
    palace = next(c for c in deck.cards if c.term == "Which palace did Louis XIV build?")
    for key, other in ((treaty, palace), (palace, treaty)):
        assert generator.directions_for(key.id) == (Direction.ANSWER_TO_QUESTION,)
        for question in _asked(generator, key.id, Direction.ANSWER_TO_QUESTION, seeds=20):
            assert question.stem == "The ____ of Versailles"
            assert other.id not in question.option_card_ids, question


def test_a_definition_filling_the_blank_is_no_wrong_option() -> None:
    """ "The glass ____ of the Louvre" (the pyramid's name blanked): the courtyard's
    definition fills it, though the two definitions do not overlap (two kinds of one
    thing: "loop diuretic", "thiazide diuretic")."""
    rows = [
        ("Pyramid", "The glass pyramid of the Louvre"),
        ("Courtyard", "The glass courtyard of the Louvre"),
        ("Mona Lisa", "A portrait by Leonardo da Vinci"),
        ("Venus de Milo", "An ancient Greek statue of a goddess"),
        ("Winged Victory", "A Hellenistic marble statue of Nike"),
        ("Raft of the Medusa", "A painting by Théodore Géricault"),
    ]
    deck = _deck("louvre", rows)
    generator = QuestionGenerator(deck)
    for question in _asked(generator, deck.cards[0].id, Direction.DEFINITION_TO_TERM):
        assert question.stem == "The glass ____ of the Louvre"
        assert "Courtyard" not in question.options, question


@pytest.mark.parametrize(
    ("stem", "text", "fills"),
    [
        ("The ____ of Versailles", "The Palace of Versailles", True),
        ("The ____ of Versailles", "the palace OF versailles!", True),
        ("The ____ of Versailles", "Palace of Versailles", False),
        ("The ____ of Versailles", "The of Versailles", False),
        ("____ the first item", "Removes the first item", True),
        ("A view of the dictionary's ____", "A view of the dictionary's keys", True),
        ("A view of the dictionary's ____", "A view of the dictionary", False),
        ("Holds a(n) ____ of the key", "Holds an index of the key", True),
        ("Holds a(n) ____ of the key", "Holds a copy of the key", True),
        ("Holds a(n) ____ of the key", "Holds the copy of the key", False),
        ("No blank here", "No blank here", None),
        (BLANK, "Anything at all", None),
    ],
)
def test_blank_filler_reads_the_stem_with_its_blanks_filled(
    stem: str, text: str, fills: bool | None
) -> None:
    filler = blank_filler(stem)
    assert (filler(text) if filler else None) == fills


WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "omega"]), min_size=1)


@given(pieces=st.lists(WORDS, min_size=2, max_size=4), fillers=st.data())
def test_a_text_fills_its_own_blanks_and_no_other_pieces(
    pieces: list[list[str]], fillers: st.DataObject
) -> None:
    """The text a stem was blanked from fills it, whatever fills each blank; a text with
    a piece dropped does not."""
    stem = f" {BLANK} ".join(" ".join(piece) for piece in pieces)
    filled = " ".join(
        " ".join(piece) + ("" if n == len(pieces) - 1 else " " + fillers.draw(st.sampled_from(
            ["zeta", "eta theta", "iota kappa lambda"])))
        for n, piece in enumerate(pieces)
    )  # fmt: skip
    filler = blank_filler(stem)
    assert filler is not None and filler(filled)
    assert not filler(" ".join(" ".join(piece) for piece in pieces[1:]))


def test_check_reads_an_answer_whole_beside_its_question() -> None:
    """ "The Treaty of Versailles" and "The Palace of Versailles" are two things, each
    the other's fair wrong option, though each one's question says the word that sets it
    apart ("Which treaty…?"): `check` said they overlap and are never offered together,
    which the generator never did."""
    from exam_sim.decks.check import check_deck
    from exam_sim.decks.loader import load_deck

    findings = check_deck(load_deck(HISTORY))
    assert [f.code for f in findings] == ["question-card"]


def test_a_blank_stands_for_a_name_not_a_sentence() -> None:
    """A long definition that merely ends as the stem does is no filling of its blank."""
    filler = blank_filler("____ automático.")
    assert filler is not None
    assert filler("Aprendizaje automático")
    assert not filler(
        "Un búfer de protocolo estándar para describir datos de aprendizaje automático."
    )


def test_too_few_of_the_kind_keeps_to_the_next_kind_that_fits() -> None:
    """Two other people only: the third wrong option answers a question whose kind is
    unknown ("Which…?"), never one asking for a thing or a place."""
    rows = [
        ("Who painted the Mona Lisa?", "Leonardo da Vinci"),
        ("Who painted the Night Watch?", "Rembrandt van Rijn"),
        ("Who painted the Birth of Venus?", "Sandro Botticelli"),
        ("What is the capital of France?", "Paris"),
        ("What is the capital of Italy?", "Rome"),
        ("Where is the Rijksmuseum?", "Amsterdam"),
        ("Where is the Uffizi Gallery?", "Florence"),
        ("Which sculptor carved the David?", "Michelangelo Buonarroti"),
        ("Which artist cut off part of his ear?", "Vincent van Gogh"),
    ]
    deck = _deck("art", rows)
    generator = QuestionGenerator(deck)
    for question in _asked(generator, deck.cards[0].id, Direction.QUESTION_TO_ANSWER):
        assert not {"Paris", "Rome", "Amsterdam", "Florence"} & set(question.options), question
