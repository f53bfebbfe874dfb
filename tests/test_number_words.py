"""Numbers written as words are numbers ("one (native)", "two (native)"), and a topic of
bare yes/no words alone is read by its deck: both on a Korean → English vocabulary list
(tests/data/ko-vocabulary.csv; docs/generator.md, *the same thing*)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.wording import may_say_number, numbers_said
from exam_sim.models import Deck, Direction, make_card

KOREAN = Path(__file__).parent / "data" / "ko-vocabulary.csv"


def test_number_words_are_read_as_their_digits() -> None:
    assert numbers_said("two native") == {"2"}
    assert numbers_said("the second layer 2nd") == {"2"}
    assert numbers_said("one or 1") == {"1"}
    assert numbers_said("someone often tends to") == frozenset()
    assert not may_say_number("someone often")
    assert may_say_number("twenty")


def test_another_language_s_number_words_are_read_only_in_a_deck_in_it() -> None:
    # "dos" is DoS in an English deck, "two" in a Spanish one; "once" is English.
    assert numbers_said("dos attack") == frozenset()
    assert numbers_said("dos tres", "spanish") == {"3"}  # "dos" is left out everywhere
    assert numbers_said("tres", "spanish") == {"3"}
    assert numbers_said("applies once") == frozenset()
    assert numbers_said("zwei drei", "german") == {"2", "3"}


def _korean() -> QuestionGenerator:
    return QuestionGenerator(load_deck(KOREAN))


def test_numbers_glossed_alike_but_for_the_number_are_two_things() -> None:
    ix = _korean().index
    at = ix.position
    assert not ix.same_thing(at["hana"], at["dul"])
    assert not ix.same_thing(at["dul"], at["ses"])
    # one number with another label is no second right answer either: the labels differ
    assert not ix.same_thing(at["hana"], at["il"])


def test_the_other_numbers_stand_beside_the_key() -> None:
    generator = _korean()
    for card_id, others in (("hana", {"dul", "ses"}), ("ses", {"hana", "dul"})):
        for direction in (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION):
            shown = 0
            for seed in range(10):
                question = generator.question(card_id, direction, seed=seed)
                shown += bool(others & set(question.option_card_ids))
            assert shown >= 8, (card_id, direction, shown)


def test_check_reports_no_overlap_between_numbers() -> None:
    findings = check_deck(load_deck(KOREAN))
    assert not [f for f in findings if f.code in ("definition-overlap", "unaskable")]


def test_a_topic_of_yes_and_no_alone_is_asked_as_vocabulary() -> None:
    generator = _korean()
    for card_id, other in (("ne", "aniyo"), ("aniyo", "ne")):
        directions = generator.directions_for(card_id)
        assert set(directions) == {Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION}
        shown = sum(
            other in generator.question(card_id, direction, seed=seed).option_card_ids
            for direction in directions
            for seed in range(5)
        )
        assert shown >= 5


def test_claims_in_a_topic_of_their_own_stay_claims() -> None:
    claims = [
        make_card(f"The {thing} is larger than the {other}", verdict, topic="claims")
        for thing, other, verdict in (
            ("sun", "moon", "True"),
            ("atom", "cell", "False"),
            ("ocean", "lake", "True"),
            ("ant", "horse", "False"),
            ("planet", "star", "False"),
        )
    ]
    glosses = (
        "casa house", "perro dog", "gato cat", "sol sun", "luna moon", "agua water",
        "pan bread", "libro book",
    )  # fmt: skip
    words = [make_card(*pair.split(), topic="words") for pair in glosses]
    words += [make_card("sí", "yes", topic="basics"), make_card("no", "no", topic="basics")]
    generator = QuestionGenerator(Deck(id="mixed", title="Mixed", cards=claims + words))
    assert generator.directions_for(claims[0].id) == (Direction.TRUE_FALSE,)
    assert generator.index.claims == frozenset(range(len(claims)))
    assert generator.directions_for(words[-2].id)  # "sí": "yes" is asked


_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@given(
    st.lists(st.sampled_from(range(10)), min_size=2, max_size=6, unique=True),
    st.sampled_from(["native", "formal", "counting", "Sino-Korean"]),
    st.booleans(),
)
def test_definitions_alike_but_for_their_numbers_are_never_one(
    numbers: list[int], label: str, digits: bool
) -> None:
    # The first number written in digits when `digits`: "1 (native)" is "one (native)".
    glosses = [f"{_WORDS[n]} ({label})" for n in numbers]
    if digits:
        glosses[0] = f"{numbers[0] + 1} ({label})"
    cards = [make_card(f"term {chr(0x3131 + k)}", g, id=f"t{k}") for k, g in enumerate(glosses)]
    cards.append(make_card("same", f"{_WORDS[numbers[0]]} ({label})"))
    cards += [make_card("a river", "flowing water"), make_card("a mountain", "a high hill")]
    ix = QuestionGenerator(Deck(id="n", title="Numbers", cards=cards)).index
    last = len(numbers)  # the card "same"
    assert ix.same_thing(0, last)  # one number, written in words or digits: one answer
    for i in range(len(numbers)):
        for j in range(i + 1, len(numbers)):
            assert not ix.same_thing(i, j), (glosses[i], glosses[j])
