"""A number asked for gets wrong options of its kind and size: the deck's own numbers near
it, or, when the deck has too few, numbers made near it (`generator/numbers.py`). Before,
"How many continents are there?" offered 6, 11 and 1989, and "32 °F" stood among years."""

from __future__ import annotations

import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.numbers import made_numbers, near, number_answer
from exam_sim.models import Deck, Direction, make_card
from exam_sim.units import is_made

DATA = Path(__file__).parent / "data"
TRIVIA = DATA / "trivia-question-bank.csv"
PORTS = DATA / "network-numbers.csv"


def test_an_answer_is_read_as_one_exact_number_or_not_at_all() -> None:
    for text, template, value in [
        ("1945", "#", "1945"),
        ("100 °C", "#°c", "100"),
        ("100°C", "#°c", "100"),
        ("25%", "#%", "25"),
        ("3.14", "#", "3.14"),
        ("1,5", "#", "1.5"),
        ("1,000,000", "#", "1000000"),
        ("$5", "$#", "5"),
        ("-40 °C", "#°c", "-40"),
        ("8 kg", "#kg", "8"),
        ("60 km/h", "#km/h", "60"),
        ("8 years old", "#yearsold", "8"),
        ("100 Celsius", "#celsius", "100"),
        # A date written with its month's name is read as its year, the rest kept.
        ("15 June 1215", "date: day month year", "1215"),
        ("July 20, 1969", "date: month day year", "1969"),
        ("9 de noviembre de 1989", "date: day month year", "1989"),
        ("May 1900", "date: month year", "1900"),
    ]:
        number = number_answer(text)
        assert number is not None, text
        assert (number.template, number.value) == (template, Decimal(value)), text
        assert number.written(number.scaled) == text  # written back as the deck wrote it
    # Words, ranges, bounds and approximations: a made "> 90" or "about 9" could be right.
    for text in [
        "Canberra", "Apollo 11", "5060/5061", "22 (over SSH)", "100+", "> 5",
        "about 8", "~5", "2 or more", "at least 3", "1.000", "20 and 21", "",
        "404 Not Found", "21st", "3rd", "1er", "10:30", "2024-01-01", "3/4", "1e-3", "v2",
        "29 February 1996",  # most other years have none
    ]:  # fmt: skip
        assert number_answer(text) is None, text


def test_a_range_of_two_numbers_written_alike_is_read_from_its_low_end() -> None:
    for text, template, low, width in [
        ("1939-1945", "#–#", "1939", "6"),
        ("60–100 bpm", "#–#bpm", "60", "40"),
        ("7.35–7.45", "#–#", "7.35", "0.10"),
        ("20 °C to 25 °C", "#–#°c", "20", "5"),
        ("$10–$20", "$#–#", "10", "10"),
        ("135–145 mmol/L", "#–#mmol/l", "135", "10"),
        ("3 to 5 years", "#–#years", "3", "2"),
    ]:
        number = number_answer(text)
        assert number is not None, text
        assert number.template == template and number.value == Decimal(low), text
        assert Decimal(number.width).scaleb(-number.places) == Decimal(width), text
        assert number.written(number.scaled) == text
    shifted = number_answer("20 °C to 25 °C")
    assert shifted is not None and shifted.written(shifted.scaled + 1) == "21 °C to 26 °C"
    # Not a range: a date, a score, two ends written otherwise, three numbers.
    for text in ["2024-05-06", "3-1", "7.3–7.45", "20 kg–25 °C", "1-2-3", "100–100"]:
        assert number_answer(text) is None, text


def test_a_lone_range_among_words_gets_ranges_as_wide_near_it() -> None:
    """ "Normal resting heart rate is ____ beats per minute": "60–100" among "tricuspid"
    and "aortic" was the one option with digits."""
    names = ["mitral", "tricuspid", "aortic", "pulmonary", "sinoatrial node", "systole"]
    cards = [make_card(name, f"Part number {n} of the heart") for n, name in enumerate(names)]
    cards.append(make_card("60–100", "Normal resting heart rate in beats per minute"))
    generator = QuestionGenerator(Deck(id="heart", title="Heart", cards=cards))
    for seed in range(10):
        question = generator.question(cards[-1].id, Direction.DEFINITION_TO_TERM, seed=seed)
        assert question.options[question.answer] == "60–100"
        for option, why in zip(question.options, question.explanations, strict=True):
            number = number_answer(option)
            assert number is not None and number.template == "#–#" and number.width == 40
            if option != "60–100":
                assert why == f"Made up: {option} is a range near the right one."
                assert number.scaled > 0


def test_numbers_of_one_kind_and_size_are_near() -> None:
    def said(a: str, b: str) -> bool:
        first, second = number_answer(a), number_answer(b)
        assert first is not None and second is not None
        return near(first, second)

    assert said("7", "11") and said("22", "80") and said("1945", "1066")
    assert not said("7", "1989")  # a count beside a year, at a glance
    assert not said("206", "1945")
    assert not said("100 °C", "100 °F")  # written otherwise
    assert not said("-5", "5")
    assert said("0", "3") and not said("0", "30")


_KEYS = st.one_of(
    st.integers(0, 3000).map(str),
    st.integers(1, 999).map(lambda n: f"{n / 100:.2f}"),
    st.integers(1, 100).map(lambda n: f"{n}%"),
    st.integers(-60, 60).map(lambda n: f"{n} °C"),
    st.integers(1, 50).map(lambda n: f"{n * 1000:,}"),
    st.integers(10_000, 10**9).map(str),  # a window too wide to list: drawn at random
    st.builds("{}–{}".format, st.integers(1, 400), st.integers(401, 900)),  # a range
    st.builds("{} to {} years".format, st.integers(1, 40), st.integers(41, 90)),
    st.builds(
        "{} {} {}".format,
        st.integers(1, 28),
        st.sampled_from(["June", "Mai"]),
        st.integers(100, 2100),
    ),
)


@settings(max_examples=300, deadline=None)
@given(_KEYS, st.integers(1, 5), st.integers(0, 2**32), st.sets(st.integers(0, 3000), max_size=4))
def test_made_numbers_are_of_the_key_s_kind_and_never_the_key(
    text: str, count: int, seed: int, shown: set[int]
) -> None:
    key = number_answer(text)
    assert key is not None
    made = made_numbers(key, count, {Decimal(n) for n in shown}, random.Random(seed))
    assert made, text  # a window near any of these keys holds enough
    assert len(made) == count == len(set(made))
    for option in made:
        number = number_answer(option)
        assert number is not None, option
        assert number.template == key.template and number.places == key.places
        assert number.width == key.width  # a range as wide
        assert number.value != key.value
        assert number.value not in shown
        if key.value > 0:
            assert number.value >= 0
        elif key.value < 0:
            assert number.value <= 0
        if abs(key.scaled) > 2:
            assert number.value != 0  # "0 continents" would be struck out
        if key.template == "#%":
            assert number.value <= 100
        # A key that is not round gets no round wrong option ("1950" beside "1945").
        if key.scaled % 10 and key.scaled % 5 and abs(key.scaled) > 10 and not key.width:
            assert number.scaled % 10


def test_a_count_or_a_year_among_a_bank_s_answers_gets_numbers_of_its_size() -> None:
    deck = load_deck(TRIVIA)
    generator = QuestionGenerator(deck)
    numbered = [c for c in deck.cards if number_answer(c.definition) is not None]
    assert {c.definition for c in numbered} == {"7", "6", "11", "1989", "1945", "100 °C", "32 °F"}
    places = set()
    for card in numbered:
        key = number_answer(card.definition)
        assert key is not None
        for seed in range(20):
            question = generator.question(card.id, Direction.QUESTION_TO_ANSWER, seed=seed)
            assert question.options[question.answer] == card.definition
            for option in question.options:
                number = number_answer(option)
                assert number is not None and near(key, number), (card.term, question.options)
            places.add(question.answer)
            for n, why in enumerate(question.explanations):
                made = is_made(why)
                assert made == (n != question.answer and question.option_card_ids[n] == card.id)
    assert places == {0, 1, 2, 3}  # in numerical order, the key anywhere


def test_a_lone_number_among_words_gets_made_numbers() -> None:
    cards = [make_card(f"Planet {n}", name) for n, name in enumerate(
        ["Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn"])]  # fmt: skip
    cards.append(make_card("Planets of the Solar System", "8"))
    generator = QuestionGenerator(Deck(id="planets", title="Planets", cards=cards))
    question = generator.question(cards[-1].id, Direction.TERM_TO_DEFINITION, seed=0)
    assert all(number_answer(option) is not None for option in question.options)
    assert sum(map(is_made, question.explanations)) == 3
    for option, why in zip(question.options, question.explanations, strict=True):
        if is_made(why):  # each names its option: a line-by-line reader hears which
            assert why == f"Made up: {option} is a number near the right one."
    # and the words never get the number: "8" beside "Mars" is struck out at a glance
    for card in cards[:-1]:
        for seed in range(10):
            asked = generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=seed)
            assert "8" not in asked.options


def test_a_deck_of_numbers_draws_its_own_near_the_key() -> None:
    deck = load_deck(PORTS)
    generator = QuestionGenerator(deck)
    ssh = next(c for c in deck.cards if c.term == "SSH")
    for seed in range(20):
        question = generator.question(ssh.id, Direction.TERM_TO_DEFINITION, seed=seed)
        assert not any(map(is_made, question.explanations))  # real ports are plenty
        for option in question.options:
            number = number_answer(option)
            assert number is not None and Decimal(5) <= number.value <= Decimal(110), option


def test_a_made_number_is_never_the_answer_of_a_card_of_the_key_s_meaning() -> None:
    # "1", "2" and "3" all answer "pain": none may stand beside another as a wrong option,
    # and none may be made for another either (a second right answer).
    cards = [make_card(str(n), "pain", id=f"c{n}") for n in (1, 2, 3)]
    cards += [make_card(f"Word {w}", f"a {w} thing") for w in ("red", "blue", "green")]
    generator = QuestionGenerator(Deck(id="pain", title="Pain", cards=cards))
    for seed in range(30):
        question = generator.question("c1", Direction.DEFINITION_TO_TERM, seed=seed)
        assert not {"2", "3"} & set(question.options), question.options


def test_a_made_number_that_a_card_answers_is_shown_as_that_card_s() -> None:
    deck = load_deck(TRIVIA)
    generator = QuestionGenerator(deck)
    hexagon = next(c for c in deck.cards if c.definition == "6")
    continents = next(c for c in deck.cards if c.definition == "7")
    shown = 0
    for seed in range(40):
        question = generator.question(hexagon.id, Direction.QUESTION_TO_ANSWER, seed=seed)
        if "7" in question.options:
            n = question.options.index("7")
            assert question.option_card_ids[n] == continents.id
            assert "How many continents are there?" in question.explanations[n]
            shown += 1
    assert shown  # 7 is near 6: some of the 40 draws make it


def test_the_benchmark_finds_no_guesser_beating_chance_on_made_numbers() -> None:
    script = Path(__file__).parent.parent / "benchmarks" / "made_numbers.py"
    done = subprocess.run(
        [sys.executable, str(script), "--seeds", "40"], capture_output=True, text=True, check=True
    )
    rows = [line.split("|") for line in done.stdout.splitlines() if line.startswith("| the ")]
    rows += [line.split("|") for line in done.stdout.splitlines() if line.startswith("| nearest")]
    assert len(rows) == 10  # five guessers, two decks
    for row in rows:
        assert float(row[2]) <= 0.35, row
    assert max(float(row[3]) for row in rows) > 0.45  # the centred window gives keys away


def test_asked_from_a_number_the_options_are_cards_of_numbers_of_its_size() -> None:
    years = {"Storming of the Bastille": "1789", "Fall of the Berlin Wall": "1989",
             "End of World War II": "1945", "Battle of Hastings": "1066",
             "Fall of Constantinople": "1453", "Moon landing": "1969"}  # fmt: skip
    counts = {"Players on a soccer team": "11", "Strings on a guitar": "6",
              "Hearts of an octopus": "3", "Planets of the Solar System": "8"}  # fmt: skip
    cards = [make_card(t, d) for t, d in {**years, **counts}.items()]
    generator = QuestionGenerator(Deck(id="numbers", title="Numbers", cards=cards))
    by_term = {c.term: c for c in cards}
    for seed in range(15):
        asked = generator.question(
            by_term["Battle of Hastings"].id, Direction.DEFINITION_TO_TERM, seed=seed
        )
        assert set(asked.options) <= set(years), asked.options  # "1066": an event, no count
        asked = generator.question(
            by_term["Hearts of an octopus"].id, Direction.DEFINITION_TO_TERM, seed=seed
        )
        assert set(asked.options) <= set(counts), asked.options
    # the mirror: a deck that writes its years as terms
    flipped = [make_card(d, t) for t, d in {**years, **counts}.items()]
    generator = QuestionGenerator(Deck(id="flipped", title="Flipped", cards=flipped))
    for seed in range(15):
        asked = generator.question(flipped[0].id, Direction.TERM_TO_DEFINITION, seed=seed)
        assert set(asked.options) <= set(years), asked.options


def test_a_lone_date_among_words_gets_dates_of_other_years() -> None:
    cards = [make_card(q, a) for q, a in [
        ("When was the Magna Carta sealed?", "15 June 1215"),
        ("Who wrote Hamlet?", "William Shakespeare"),
        ("Who painted the Mona Lisa?", "Leonardo da Vinci"),
        ("What is the capital of France?", "Paris"),
        ("Who discovered penicillin?", "Alexander Fleming"),
    ]]  # fmt: skip
    generator = QuestionGenerator(Deck(id="d", title="D", cards=cards))
    for seed in range(10):
        question = generator.question(cards[0].id, Direction.QUESTION_TO_ANSWER, seed=seed)
        assert all(option.startswith("15 June 1") for option in question.options)
        made = [why for why in question.explanations if is_made(why)]
        assert len(made) == 3
        assert all(why.endswith("is the same day in another year.") for why in made)
        years = [int(option.rsplit(maxsplit=1)[1]) for option in question.options]
        assert years == sorted(years)  # in chronological order
        assert all(abs(year - 1215) <= 30 for year in years)
