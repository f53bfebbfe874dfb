"""A card that only sends the reader to another ("See X") is no study unit: the generator
never asks it, so Home counted it as a new card for ever and the forecast as a card never
learnt (a 31-card deck with 6 of them read "reviewed: 25 of 31" at best, its model exam a
fifth made of cards no session could ask)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.generator import QuestionGenerator
from exam_sim.models import CardKind, Deck, make_card
from exam_sim.present.study import readiness_detail
from exam_sim.schedule.forecast import forecast
from exam_sim.schedule.study import due_summary
from exam_sim.schedule.units import referring, study_ids, study_units

NOW = datetime(2026, 12, 6, 9, tzinfo=UTC)
WORDS = (  # noqa: SIM905 (a word list reads best as text)
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
    "rho sigma tau upsilon phi chi psi omega"
).split()


def _deck(references: int = 6) -> Deck:
    cards = [
        make_card(f"Term {w}", f"A concept about {w} and its {WORDS[(n + 3) % 24]} relation {n}")
        for n, w in enumerate(WORDS)
    ]
    cards += [make_card(f"Alias {w}", f"See Term {w}.") for w in WORDS[:references]]
    cards.append(make_card("Dangling", "See Nothing here."))  # names no card: asked
    return Deck(id="glossary", title="Glossary", cards=cards)


def test_a_card_that_only_refers_to_another_is_no_study_unit() -> None:
    deck = _deck()
    never = {card.id for card in deck.cards if card.term.startswith("Alias")}
    assert referring(deck) == never
    units = study_units(deck)
    assert set(units.ids) == {card.id for card in deck.cards} - never
    assert study_ids(deck) == units.ids
    generator = QuestionGenerator(deck)  # the generator agrees: none of them is asked
    assert {c.id for c in deck.cards if not generator.directions_for(c.id)} == never


def test_home_and_the_forecast_leave_them_out() -> None:
    deck = _deck()
    asked = study_ids(deck)
    summary = due_summary(asked, {}, now=NOW, new_today=0, new_per_day=50)
    assert (summary.total, summary.new_today) == (25, 25)  # not 31 and 31
    result = forecast(deck, {}, exam_day=date(2027, 1, 15), now=NOW)
    assert result.total_cards == 25
    # Home says "31 cards": the forecast says why it counts 25, and so does its detail
    # line (History's readiness panel) and `plan --json`.
    assert result.reason == (
        "too little history: 0 of 25 cards reviewed (6 that cannot be asked left out), at "
        "least 20 needed"
    )
    assert "cards reviewed: 0 of 25 (6 that cannot be asked left out) · " in (
        readiness_detail(result)
    )
    assert result.as_json()["left_out"] == 6


REFERENCE_WORDS = ("See", "Cf.", "Another name for", "Same as", "Synonym of")


@st.composite
def glossaries(draw: st.DrawFn) -> Deck:
    """Decks of 6–20 named cards, some of them references to another card's name or
    alias, to two of them ("See A and B"), to no card, to the card's own name spelled
    another way, or written as a question card."""
    size = draw(st.integers(6, 20))
    names = [f"{WORDS[n]} {WORDS[(n * 7 + 3) % 24]}" for n in range(size)]
    cards = []
    for n, name in enumerate(names):
        aliases = (f"{WORDS[n]}-alias",) if draw(st.booleans()) else ()
        shapes = ["defined", "refers", "refers two", "nowhere", "question", "itself"]
        shape = draw(st.sampled_from(shapes))
        other, second = names[draw(st.integers(0, size - 1))], names[(n + 1) % size]
        phrase = draw(st.sampled_from(REFERENCE_WORDS))
        definition = {
            "defined": f"A thing of {WORDS[(n + 5) % 24]} and {WORDS[(n + 9) % 24]} number {n}",
            "refers": f"{phrase} {other}.",
            "refers two": f"See {other} and {second}.",
            "nowhere": f"{phrase} something else entirely.",
            "question": f"{phrase} {other}.",
            "itself": f"Alternative spelling of {name.upper()}",
        }[shape]
        if shape == "question":
            term, kind = f"What is {name}?", CardKind.QUESTION
        else:
            term, kind = name, CardKind.DEFINITION
        cards.append(make_card(term, definition, aliases=aliases, kind=kind))
    return Deck(id="g", title="G", cards=cards)


@settings(max_examples=60, deadline=None)
@given(glossaries())
def test_the_study_units_leave_out_exactly_the_cards_the_index_reads_as_references(
    deck: Deck,
) -> None:
    """The units read references as the generator's index does (`references.referred`), so
    a card left out is one the generator never asks, and no card it asks is left out."""
    generator = QuestionGenerator(deck)
    index = generator.index
    pointing = {
        card.id
        for i, card in enumerate(deck.cards)
        if card.kind is not CardKind.QUESTION and index.points_elsewhere(i)
    }
    assert referring(deck) == pointing
    assert all(generator.directions_for(card_id) == () for card_id in pointing)


def test_on_a_real_glossary_every_card_never_asked_is_left_out() -> None:
    """The Spanish ML glossary written elsewhere (tests/data): 15 of its 225 cards only
    say "Consulta X" ("see X"), and those are the cards its generator never asks, with
    one whose definition only spells out its name ("Raíz cuadrada del error cuadrático
    medio." for RMSE: blanked, "____ del ____.")."""
    from pathlib import Path

    from exam_sim.decks import load_deck

    deck = load_deck(Path(__file__).parent / "data" / "google-ml-glossary-es.csv")
    generator = QuestionGenerator(deck)
    never = {card.id for card in deck.cards if not generator.directions_for(card.id)}
    spelled = {c.id for c in deck.cards if c.term.startswith("error de la raíz cuadrada")}
    assert len(referring(deck)) == 15 and never == referring(deck) | spelled
    assert len(study_units(deck).ids) == len(deck.cards) - 16 == 209


def test_a_card_giving_its_own_name_spelled_another_way_is_never_asked() -> None:
    """Wiktionary's "Alternative spelling of Abriss" (der Abriß, -e) names the card's own
    word: asked, it read "Alternative spelling of ____", with der Ablaßhandel, another
    spelling, among the options. Neither asked nor a study unit, and `check` says why."""
    from pathlib import Path

    from exam_sim.decks import load_deck
    from exam_sim.decks.audit import audit_deck

    deck = load_deck(Path(__file__).parent / "data" / "de-nouns-wiktionary-masculine.tsv")
    generator = QuestionGenerator(deck)
    spelled = {c.id for c in deck.cards if c.definition.startswith("Alternative spelling of")}
    assert len(spelled) == 3
    assert all(generator.directions_for(card_id) == () for card_id in spelled)
    assert spelled <= referring(deck) and spelled.isdisjoint(study_units(deck).ids)
    reasons = {u.card.id: u.reason for u in audit_deck(deck).unaskable}
    assert {reasons[card_id] for card_id in spelled} == {
        "its definition only names its own term, spelled another way: nothing is left to "
        "ask (make it an alias of the card it spells)"
    }
