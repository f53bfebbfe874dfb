"""Options in numerical order: a question whose options are numbers, or the same words
around their numbers ("OSI layer 2" … "OSI layer 6"), shows them ascending, as the
item-writing guides ask; the draw places the key first, last or between about as chance
would (a guesser picking "a middle option" gains nothing), and `check` never names a card
for its place."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.authored import Item, ItemOption
from exam_sim.decks import load_deck
from exam_sim.decks.audit import audit_deck, format_audit
from exam_sim.enums import ItemKind
from exam_sim.exam.items import question_of, reshuffled
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.cues import POSITION_SOLVERS, solve
from exam_sim.generator.matching import matching
from exam_sim.generator.ordering import in_numeric_order, numeric_order, numeric_ranks
from exam_sim.models import Deck, Direction

NUMBERS = Path(__file__).parent / "data" / "network-numbers.csv"


def ordered(options: list[str]) -> list[str] | None:
    order = numeric_order(options)
    return None if order is None else [options[n] for n in order]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["443", "80", "22", "3389"], ["22", "80", "443", "3389"]),
        (
            ["OSI layer 6", "OSI layer 2", "osi  Layer 3"],
            ["OSI layer 2", "osi  Layer 3", "OSI layer 6"],
        ),
        (["2026-03-31", "2025-12-01", "2026-01-15"], ["2025-12-01", "2026-01-15", "2026-03-31"]),
        (["10 °C", "−5 °C", "-12 °C", "0 °C"], ["-12 °C", "−5 °C", "0 °C", "10 °C"]),
        (["1,000", "999", "12,500"], ["999", "1,000", "12,500"]),  # thousands separators
        (["1,5", "1,25", "10"], ["1,25", "1,5", "10"]),  # decimal commas
        (["1.000,5", "999,9"], ["999,9", "1.000,5"]),
        (["TLS 1.3", "TLS 1.0", "TLS 1.2"], ["TLS 1.0", "TLS 1.2", "TLS 1.3"]),
        (["v1.10.0", "v1.2.3", "v1.9.9"], ["v1.2.3", "v1.9.9", "v1.10.0"]),  # versions
        (["HTTP/2", "HTTP/1.1"], ["HTTP/1.1", "HTTP/2"]),
        (["IPv6", "IPv4"], ["IPv4", "IPv6"]),
        (
            ["Phase III", "Phase I", "Phase IV", "Phase II"],
            ["Phase I", "Phase II", "Phase III", "Phase IV"],
        ),
        (["Type II error", "Type I error"], ["Type I error", "Type II error"]),
        (["Louis XIV", "Louis XVI", "Louis IX"], ["Louis IX", "Louis XIV", "Louis XVI"]),
        (["Stage IV", "Stage 2"], ["Stage 2", "Stage IV"]),  # either way of writing
        (["1939-1945", "1914-1918"], ["1914-1918", "1939-1945"]),  # a year first
        (["31.12.2025", "01.01.2026", "15.06.2025"], ["15.06.2025", "31.12.2025", "01.01.2026"]),
        (["1–5", "6–10"], ["1–5", "6–10"]),  # ranges with a dash
        # Dates written with the month's name, by year, month and day.
        (
            ["20 July 1969", "9 November 1989", "14 July 1789", "15 June 1215"],
            ["15 June 1215", "14 July 1789", "20 July 1969", "9 November 1989"],
        ),
        (
            ["July 20, 1969", "Nov. 9, 1989", "July 14th, 1789"],
            ["July 14th, 1789", "July 20, 1969", "Nov. 9, 1989"],
        ),
        (
            ["15. Juni 1215", "9. November 1989", "1. März 1215"],
            ["1. März 1215", "15. Juni 1215", "9. November 1989"],
        ),
        (
            ["9 de noviembre de 1989", "15 de junio de 1215"],
            ["15 de junio de 1215", "9 de noviembre de 1989"],
        ),
        (["14 juillet 1789", "1er février 1789"], ["1er février 1789", "14 juillet 1789"]),
        (["June 1215", "May 1215", "March 2001"], ["May 1215", "June 1215", "March 2001"]),
    ],
)
def test_options_that_are_numbers_read_in_order(options: list[str], expected: list[str]) -> None:
    assert ordered(options) == expected


@pytest.mark.parametrize(
    "options",
    [
        ["22", "22 (over SSH)", "80"],  # not the same words around their numbers
        ["1 minute", "5 minutes"],
        ["256 MB", "1 GB"],
        ["Layer 7 (Application)", "Layer 4 (Transport)"],
        ["Physical", "Network", "Session"],  # no numbers
        ["CO-2", "CO-3", "H2O"],
        ["42", "42.0"],  # the same number twice says no order
        ["S3", "EC2"],
        ["I agree", "I disagree"],  # a capital I is a word, not only a numeral
        ["X-ray", "V-ray"],
        ["IIII", "II"],  # not a numeral
        ["Phase iii", "Phase ii"],  # numerals are written in capitals
        # Read, not ordered by their digits: fractions, dates month or day first, a range
        # or a date with hyphens that does not open with a year.
        ["1/2", "1/4", "3/4"],
        ["12/25/2025", "01/01/2026"],
        ["25-12-2025", "01-01-2026"],
        ["10-20", "1-5"],
        ["June 1215", "15 May 1215"],  # a day and none: not one wording
        ["May 5", "June 3"],  # a month's day, no year
        ["Paris", "Mars"],
    ],
)
def test_any_other_options_keep_their_order(options: list[str]) -> None:
    assert numeric_order(options) is None
    assert numeric_ranks(options) is None
    assert in_numeric_order(list(range(len(options))), options) == list(range(len(options)))


@given(
    st.lists(st.integers(-(10**6), 10**6), min_size=2, max_size=6, unique=True),
    st.sampled_from(["{}", "port {}", "{} ms", "Layer {} device", "{}–{}"]),
)
def test_numbers_in_one_wording_sort_by_value(values: list[int], wording: str) -> None:
    options = [wording.format(v, abs(v) % 7) for v in values]
    order = numeric_order(options)
    assert order is not None
    assert [values[n] for n in order] == sorted(values)
    ranks = numeric_ranks(options)
    assert ranks is not None and [ranks[n] for n in order] == list(range(len(values)))


def roman(number: int) -> str:
    tens, units = divmod(number, 10)
    return "X" * tens + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][units]


@given(st.lists(st.integers(1, 39), min_size=2, max_size=6, unique=True))
def test_roman_numerals_sort_by_value(values: list[int]) -> None:
    options = [f"Class {roman(v)}" for v in values]
    order = numeric_order(options)
    assert order is not None and [values[n] for n in order] == sorted(values)


@given(st.lists(st.text(max_size=12), min_size=1, max_size=6))
def test_any_texts_give_an_order_or_none(options: list[str]) -> None:
    order = numeric_order(options)
    if order is not None:
        assert sorted(order) == list(range(len(options)))
        # sorting is stable and idempotent: ordered options order to themselves
        assert numeric_order([options[n] for n in order]) == list(range(len(options)))


@pytest.fixture(scope="module")
def numbers() -> tuple[Deck, QuestionGenerator]:
    deck = load_deck(NUMBERS)
    return deck, QuestionGenerator(deck)


def test_generated_questions_show_numbers_in_order(numbers: tuple[Deck, QuestionGenerator]) -> None:
    deck, generator = numbers
    seen = 0
    for card in deck.cards:
        for direction in generator.directions_for(card.id):
            question = generator.question(card.id, direction, seed=3)
            if numeric_order(question.options) is not None:
                seen += 1
                assert numeric_order(question.options) == list(range(len(question.options)))
                assert question.options[question.answer] == (
                    card.definition if direction is Direction.TERM_TO_DEFINITION else card.term
                )
    assert seen >= 70  # every port and status code asked from its name, the OSI layers


def test_the_key_stands_first_last_or_between_as_chance_would(
    numbers: tuple[Deck, QuestionGenerator],
) -> None:
    """Options drawn like the key (403, 404, 405 for 404) put it between them: without
    the draw placing it, "a middle option" scored 0.29-0.31 on these codes, chance 0.25."""
    deck, generator = numbers
    totals = dict.fromkeys(POSITION_SOLVERS, 0.0)
    asked = 0
    for card in deck.cards:
        for seed in range(12):
            question = generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=seed)
            if numeric_order(question.options) is None:
                continue
            asked += 1
            scores = solve(question, generator.index.lexicon)
            for name in POSITION_SOLVERS:
                totals[name] += scores[name]
    assert asked > 600
    means = {name: total / asked for name, total in totals.items()}
    assert all(0.2 <= mean <= 0.28 for mean in means.values()), means


def test_numbers_drawn_like_the_key_leave_it_off_the_centre(
    numbers: tuple[Deck, QuestionGenerator],
) -> None:
    """Codes drawn for being like 404 (403, 405, 414) made it the option most like the
    others in 0.39 of these questions (chance 0.25): the draw now weighs that as hard as
    the key's place, and shortlists a few codes unlike the key to move the centre."""
    deck, generator = numbers
    central, asked = 0.0, 0
    for card in deck.cards:
        for seed in range(10):
            question = generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=seed)
            if numeric_order(question.options) is not None:
                central += solve(question, generator.index.lexicon)["most central"]
                asked += 1
    assert central / asked <= 0.34


def test_check_names_no_card_for_its_place(numbers: tuple[Deck, QuestionGenerator]) -> None:
    """'Continue' (100), the least code, comes first in every question asking it: no
    deck could mend that, and a guesser cannot know it is the least."""
    deck, generator = numbers
    continue_card = next(card for card in deck.cards if card.term == "Continue")
    firsts = {
        generator.question(continue_card.id, Direction.TERM_TO_DEFINITION, seed=s).answer
        for s in range(8)
    }
    assert firsts == {0}
    audit = audit_deck(deck)
    assert not [g for g in audit.give_aways if set(g.solvers) & set(POSITION_SOLVERS)]
    scores = {s.direction: s for s in audit.directions}[Direction.TERM_TO_DEFINITION]
    assert set(POSITION_SOLVERS) <= set(scores.credits)
    assert not set(scores.guessable) & set(POSITION_SOLVERS)
    assert scores.ordered > 200  # of 234: every status code and port, the OSI layers
    shown = [line.split()[:2] for line in format_audit(audit)]
    assert ["first", "option"] in shown and ["a", "middle"] in shown


def test_a_question_asked_again_keeps_its_numbers_in_order(
    numbers: tuple[Deck, QuestionGenerator],
) -> None:
    deck, generator = numbers
    card = next(card for card in deck.cards if card.term == "Not Found")
    question = generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=1)
    again = reshuffled(question, random.Random(5))
    assert again.options == question.options
    assert again.options[again.answer] == "404"


def test_authored_and_matching_items_put_numbers_in_order(
    numbers: tuple[Deck, QuestionGenerator],
) -> None:
    item = Item(
        id="azs",
        kind=ItemKind.SINGLE,
        stem="How many Availability Zones does a Multi-AZ DB cluster use?",
        options=(
            ItemOption(text="6"),
            ItemOption(text="3", correct=True),
            ItemOption(text="1"),
            ItemOption(text="2"),
        ),
    )
    for seed in range(6):
        question = question_of(item, None, seed=seed)
        assert question.options == ("1", "2", "3", "6")
        assert question.answer == 2
    deck, generator = numbers
    card = next(card for card in deck.cards if card.term == "Bad Gateway")
    item_question = matching(generator, card.id, seed=2)
    assert numeric_order(item_question.options) == list(range(len(item_question.options)))
    for prompt, key in zip(item_question.prompts, item_question.keys, strict=True):
        said = next(c.definition for c in deck.cards if c.term == prompt)
        assert item_question.options[key] == said


def test_options_of_other_shapes_keep_the_shuffle(numbers: tuple[Deck, QuestionGenerator]) -> None:
    """ "22 (over SSH)" beside bare ports: not one wording, so the options stay shuffled
    and the key's place is the draw's."""
    deck, generator = numbers
    card = next(card for card in deck.cards if card.term == "SFTP")
    questions = [
        generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=s) for s in range(8)
    ]
    assert all(numeric_order(q.options) is None for q in questions)
    assert len({q.answer for q in questions}) > 1
