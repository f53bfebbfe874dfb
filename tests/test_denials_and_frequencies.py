"""Two definitions alike but for what one denies ("Show staged changes not yet committed" /
"Show the commit history"), or for a frequency one says without a number ("every hour" /
"every 4 hours"), are two things: each the other's best wrong option, never "one could
answer for another". On a Git command list and a list of prescription abbreviations
(tests/data/git-commands.csv, rx-sig-abbreviations.csv; docs/generator.md, *the same
thing*)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.wording import frequencies, frequencies_differ
from exam_sim.models import Deck, Direction, make_card

DATA = Path(__file__).parent / "data"
GIT = DATA / "git-commands.csv"
RX = DATA / "rx-sig-abbreviations.csv"


def _generator(cards: list[tuple[str, str]]) -> QuestionGenerator:
    made = [make_card(term, definition) for term, definition in cards]
    return QuestionGenerator(Deck(id="d", title="d", cards=tuple(made)))


def _ids(generator: QuestionGenerator) -> dict[str, int]:
    return {card.term: generator.index.position[card.id] for card in generator.deck.cards}


def test_the_git_list_is_read_under_its_own_header_with_its_prose_commas() -> None:
    deck = load_deck(GIT)
    by_term = {card.term: card for card in deck.cards}
    assert "Command" not in by_term  # the header "Command,What it does,Topic"
    assert by_term["git status"].definition == "Show which files are staged, changed or untracked"
    assert by_term["git status"].topic == "inspect"
    assert by_term["git stash"].topic == "changes"


def test_what_one_definition_denies_and_the_other_says_is_two_things() -> None:
    generator = QuestionGenerator(load_deck(GIT))
    at = _ids(generator)
    assert not generator.index.same_thing(at["git diff --staged"], at["git log"])
    findings = check_deck(load_deck(GIT))
    assert not [f for f in findings if f.code == "definition-overlap" and "git log" in f.message]


def test_a_denied_word_is_the_first_after_the_negation_past_its_fillers() -> None:
    generator = _generator([
        ("staged", "changes not yet committed"),
        ("committed", "changes committed"),
        ("npo", "nothing by mouth"),
        ("po", "by mouth"),
        ("both", "not only apples but pears"),
        ("apples", "apples and pears"),
    ])  # fmt: skip
    ix, at = generator.index, _ids(generator)
    assert not ix.same_thing(at["staged"], at["committed"])
    assert not ix.same_thing(at["npo"], at["po"])
    assert ix.same_thing(at["both"], at["apples"])  # "not only" denies nothing


def test_a_negation_of_something_else_keeps_the_overlap() -> None:
    # "not fear" denies a word the other never says: both still say a feeling of worry.
    generator = _generator([
        ("anxiety", "a vague feeling of worry, not fear"),
        ("unease", "a feeling of worry"),
        ("joy", "great happiness"),
        ("calm", "a quiet state"),
    ])  # fmt: skip
    at = _ids(generator)
    assert generator.index.same_thing(at["anxiety"], at["unease"])


def test_a_frequency_without_a_number_counts_one() -> None:
    assert frequencies("every hour") == {"hour": "1"}
    assert frequencies("every 4 hours") == {"hour": "4"}
    assert frequencies("every other day") == {"day": "2"}
    assert frequencies("every two weeks") == {"week": "2"}
    assert frequencies("once a day") == {}
    assert frequencies_differ("every hour", "every 6 hours")
    assert frequencies_differ("every day", "every other day")
    assert not frequencies_differ("every hour", "every hour at most")
    assert not frequencies_differ("every hour", "every day")  # other units: not this rule


@given(st.integers(min_value=2, max_value=99), st.sampled_from(["hour", "day", "week"]))
def test_every_unit_and_every_n_units_always_differ(count: int, unit: str) -> None:
    assert frequencies_differ(f"every {unit}", f"every {count} {unit}s")
    assert frequencies_differ(f"every {count} {unit}s", f"every {unit}")
    assert not frequencies_differ(f"every {count} {unit}s", f"every {count} {unit}s")


def test_hourly_frequencies_stand_beside_each_other() -> None:
    deck = load_deck(RX)
    generator = QuestionGenerator(deck)
    ix, at = generator.index, _ids(generator)
    for a, b in (("qh", "q4h"), ("qh", "q6h"), ("q4h", "q6h")):
        assert not ix.same_thing(at[a], at[b])
    ids = {card.term: card.id for card in deck.cards}
    others = {ids["q4h"], ids["q6h"]}
    shown = sum(
        bool(others & set(generator.question(ids["qh"], direction, seed=seed).option_card_ids))
        for direction in (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION)
        for seed in range(5)
    )
    assert shown >= 8
    overlaps = [f.card_ids for f in check_deck(deck) if f.code == "definition-overlap"]
    assert overlaps == [("hs", "qhs")]  # "at bedtime", "every night at bedtime": a true one


def test_a_word_said_undenied_elsewhere_in_the_definition_is_not_denied() -> None:
    # "…possibly a label; an unlabeled one has no label": it says the label too, so it
    # still holds "label", and one could answer for it as before.
    generator = _generator([
        ("example", "a row of features, possibly with a label, or with no label"),
        ("tag", "label"),
        ("weight", "a coefficient"),
        ("bias", "an offset"),
    ])  # fmt: skip
    at = _ids(generator)
    assert generator.index.same_thing(at["example"], at["tag"])
