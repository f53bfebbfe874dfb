"""A card no question is made of is no study unit: the German nouns in tests/data have 9
whose definition only names their term ("der Admiral, -e": "admiral"; blanked, nothing is
left to ask), beside 3 that only refer to another card. Once the other 150 were learnt,
Home said "9 new cards today" for ever, a study session said none of them could be asked,
and the forecast read "cards reviewed: 150 of 159"."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import lines, run_cli

from exam_sim.decks import load_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.history import History
from exam_sim.models import Deck, make_card
from exam_sim.schedule import units
from exam_sim.schedule.units import never_asked, referring, study_units

GERMAN = Path(__file__).parent / "data" / "de-nouns-wiktionary-masculine.tsv"


def test_a_card_whose_definition_only_names_its_term_is_no_study_unit() -> None:
    deck = load_deck(GERMAN)
    generator = QuestionGenerator(deck)
    unasked = {card.id for card in deck.cards if not generator.directions_for(card.id)}
    cognates = {c.id for c in deck.cards if c.term.startswith(("der Admiral", "der Abbé"))}
    assert len(unasked) == 12 and cognates <= unasked
    assert never_asked(deck) == unasked
    assert len(referring(deck)) == 3  # the text alone tells only the references
    assert set(study_units(deck).ids) == {card.id for card in deck.cards} - unasked


def test_a_deck_past_the_read_limit_leaves_out_its_references_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above UNASKABLE_READ cards (20,000) the generator is not asked of every card (0.1 ms
    a card): the references, told by the text alone, are left out, as before."""
    monkeypatch.setattr(units, "UNASKABLE_READ", 100)
    deck = load_deck(GERMAN)  # a fresh deck object: never_asked remembers by identity
    assert never_asked(deck) == referring(deck)
    assert len(study_units(deck).ids) == len(deck.cards) - 3


def test_a_bank_with_too_few_cards_studies_its_written_questions_alone() -> None:
    """A deck of written items and two cards asks its items alone (`ItemsOnly`): the two
    cards would stay new for ever."""
    from exam_sim.authored import Item, ItemKind, ItemOption

    options = tuple(ItemOption(text=f"Option {k}", correct=k == 0) for k in range(4))
    item = Item(id="q1", kind=ItemKind.SINGLE, stem="Which one?", options=options)
    cards = [make_card("Alpha", "The first letter"), make_card("Beta", "The second letter")]
    deck = Deck(id="mixed", title="Mixed", cards=cards, items=(item,))
    assert never_asked(deck) == {card.id for card in cards}
    assert study_units(deck).ids == ["q1"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["named", "named", "named", "itself", "cognate", "refers", "acronym", "plural"]
        ),
        min_size=5,
        max_size=14,
    )
)
def test_every_study_unit_can_be_asked_and_every_card_left_out_cannot(shapes: list[str]) -> None:
    words = ["river", "mountain", "valley", "forest", "desert", "island", "glacier", "canyon"]
    cards = []
    for n, shape in enumerate(shapes):
        word = words[n % len(words)]
        term = f"der {word.title()}{n}"
        definition = {
            "named": f"a {word} near the {words[(n + 3) % len(words)]} number {n}",
            "itself": f"{word}{n}",
            "cognate": f"{word.title()}{n}",
            "refers": f"See der {words[(n + 1) % len(words)].title()}{(n + 1) % len(shapes)}.",
            "acronym": f"{word[0].upper()}{words[(n + 2) % len(words)][0].upper()}",
            "plural": f"{word}{n}s",
        }[shape]
        cards.append(make_card(term, definition))
    deck = Deck(id="nouns", title="Nouns", cards=cards)
    generator = QuestionGenerator(deck)
    left_out = never_asked(deck)
    for card in deck.cards:
        assert (card.id in left_out) == (generator.directions_for(card.id) == ())
    assert set(study_units(deck).ids) == {c.id for c in deck.cards} - left_out


@pytest.mark.usefixtures("local_noon")  # reviews minutes ahead are due today
def test_once_every_card_that_can_be_asked_is_learnt_none_is_new(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A learner studies the German nouns to the end, in --plain: then no card is new,
    and the forecast counts the 150 cards a session can ask, and says why not 162."""
    deck = str(GERMAN)
    answers = lines(*["a", ""] * 160)
    code, out, err = run_cli(
        monkeypatch, capsys,
        ["study", deck, "--plain", "--new-per-day", "200", "--count", "200"], answers,
    )  # fmt: skip
    assert code == 0, err
    assert "Studied 150 cards: " in out
    assert out.rstrip().endswith("150 due today · next review in 1 min")  # no "9 new"
    code, out, err = run_cli(monkeypatch, capsys, ["study", deck, "--plain"], "")
    assert code == 0, err
    assert out.startswith("Nothing to study now: ")
    assert "and none is new" in out
    code, out, err = run_cli(monkeypatch, capsys, ["plan", deck, "--exam-date", "2099-01-10"])
    assert code == 0, err
    assert "cards reviewed: 150 of 150 (12 that cannot be asked left out)" in out
    with History(home / "history.sqlite3") as history:
        assert len(history.memories(load_deck(GERMAN).id)) == 150
