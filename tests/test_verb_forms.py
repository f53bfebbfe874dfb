"""A verb's forms glossed by person ("hablo": "I speak", "hablas": "you (informal)
speak", "hablamos": "we speak") are each other's best wrong options, as are two verbs in
one person ("hablas", "comes"): personal pronouns are stop words and such glosses are
nearly alike as text, so all of them read as one meaning before
(tests/data/es-verb-conjugations.csv; docs/generator.md, *the same thing*)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.contrasts import persons_apart
from exam_sim.models import Deck, Direction, make_card

CONJUGATIONS = Path(__file__).parent / "data" / "es-verb-conjugations.csv"


def test_two_persons_are_two_glosses() -> None:
    assert persons_apart("I speak", "you (informal) speak")
    assert persons_apart("you (informal) speak", "you all (informal) speak")
    assert persons_apart("he/she speaks", "they speak")
    assert not persons_apart("you speak", "you speak slowly")  # one person
    assert not persons_apart("to speak", "I speak")  # an infinitive names no person
    # another language's pronouns only in a deck in it: "el" is an article too
    assert not persons_apart("el habla", "ella habla")
    assert persons_apart("el habla", "ella habla", "spanish")


def test_every_form_of_a_verb_stands_beside_the_others() -> None:
    generator = QuestionGenerator(load_deck(CONJUGATIONS))
    ix = generator.index
    forms = ["hablo", "hablas", "habla", "hablamos", "hablais", "hablan"]
    for a in forms:
        for b in forms:
            if a != b:
                assert not ix.same_thing(ix.position[a], ix.position[b]), (a, b)
    # the same person of two verbs: "you (informal) speak", "you (informal) eat"
    assert not ix.same_thing(ix.position["hablas"], ix.position["comes"])
    shown = sum(
        len(set(forms) & set(generator.question("hablas", direction, seed=seed).option_card_ids))
        >= 3
        for direction in (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION)
        for seed in range(5)
    )
    assert shown >= 8


def test_check_finds_no_overlap_nor_near_duplicates_among_verb_forms() -> None:
    codes = {f.code for f in check_deck(load_deck(CONJUGATIONS))}
    assert not codes & {"definition-overlap", "definition-alike", "near-duplicate"}


def test_short_definitions_alike_but_for_a_word_say_two_facts() -> None:
    cards = [
        make_card("HR (heart rate)", "The number of heartbeats per minute"),
        make_card("RR (respiratory rate)", "The number of breaths per minute"),
        make_card("beekeeper", "a bee keeper"),
        make_card("apiarist", "a beekeeper"),
        make_card("BP (blood pressure)", "The force of blood on the artery walls"),
        make_card("SpO2", "Oxygen saturation of the blood, as a percentage"),
    ]
    ix = QuestionGenerator(Deck(id="vitals", title="Vitals", cards=cards)).index
    assert not ix.same_thing(0, 1)  # two words swapped: two facts
    assert ix.same_thing(2, 3)  # one word spelled two ways: one meaning


def test_a_word_two_edits_away_is_another_word_and_one_edit_a_spelling() -> None:
    cards = [
        make_card("Vienna", "Capital of Austria"),
        make_card("Canberra", "Capital of Australia"),
        make_card("cyan", "The colour of a clear sky"),
        make_card("azure", "The color of a clear sky"),
        make_card("Lima", "Capital of Peru"),
        make_card("Bern", "Capital of Switzerland"),
    ]
    ix = QuestionGenerator(Deck(id="geo", title="Geo", cards=cards)).index
    assert not ix.same_thing(0, 1)  # the classic confusion: each the other's wrong option
    assert ix.same_thing(2, 3)


def test_definitions_alike_once_their_names_are_blanked_stay_one() -> None:
    # "A view of the dictionary's ____": keys or values, the stem cannot tell
    cards = [
        make_card("dict.keys", "A view of the dictionary's keys"),
        make_card("dict.values", "A view of the dictionary's values"),
        make_card("dict.get", "The value for a key, or a default"),
        make_card("dict.pop", "Removes a key and returns its value"),
    ]
    ix = QuestionGenerator(Deck(id="py", title="Py", cards=cards)).index
    assert ix.same_thing(0, 1)


_PERSONS = ["I", "you", "he/she", "we", "you all", "they"]
_VERBS = ["speak", "eat", "live", "work", "drink", "write", "read", "run"]


@given(
    st.lists(st.sampled_from(range(len(_PERSONS))), min_size=2, max_size=6, unique=True),
    st.sampled_from(_VERBS),
)
def test_glosses_of_one_verb_in_other_persons_are_never_one(persons: list[int], verb: str) -> None:
    cards = [
        make_card(f"form {k}", f"{_PERSONS[p]} {verb}", id=f"f{k}") for k, p in enumerate(persons)
    ]
    cards += [make_card("stone", "a hard mineral"), make_card("river", "flowing water")]
    cards += [make_card("cloud", "water vapour in the sky")]
    ix = QuestionGenerator(Deck(id="v", title="Verbs", cards=cards)).index
    for i in range(len(persons)):
        for j in range(i + 1, len(persons)):
            assert not ix.same_thing(i, j), (cards[i].definition, cards[j].definition)


def test_a_word_s_singular_and_plural_glossed_are_two_forms() -> None:
    cards = [
        make_card("le cheval", "the horse"),
        make_card("les chevaux", "the horses"),
        make_card("abonanto", "subscriber"),
        make_card("abonantoj", "subscribers"),
        make_card("la vache", "the cow"),
        make_card("le chien", "the dog"),
        # sentences alike but for a plural say one thing
        make_card("bucket store", "Stores many large objects in a bucket for later reading"),
        make_card("object store", "Stores many large objects in buckets for later reading"),
    ]
    ix = QuestionGenerator(Deck(id="fr", title="Forms", cards=cards)).index
    assert not ix.same_thing(0, 1)
    assert not ix.same_thing(2, 3)
    assert ix.same_thing(6, 7)
