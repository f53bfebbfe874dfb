"""`audit_deck`: what a guesser using each shallow cue would score on a deck's questions,
which cards give themselves away and which cannot be asked."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exam_sim.decks.audit import (
    CUE_HELP,
    CUE_KIND,
    Audit,
    DirectionScores,
    GiveAway,
    audit_deck,
    cue_help,
    format_audit,
    guessable_line,
)
from exam_sim.generator.cues import POSITION_SOLVERS, SOLVERS
from exam_sim.models import Deck, Direction, make_card

WOODPECKER = "Greater spotted long-tailed mountain woodpecker of the northern pine forests"
ROWS = [
    ("Heron", "A wading bird with long legs that hunts fish in shallow water."),
    ("Otter", "A river mammal with thick fur that eats fish and shellfish."),
    ("Badger", "A burrowing mammal with a striped face that digs setts in woodland."),
    ("Kestrel", "A small falcon that hovers in the air before diving on voles."),
    ("Newt", "A small amphibian that returns to ponds to breed in spring."),
    ("Hedgehog", "A spiny mammal that rolls into a ball and eats beetles at night."),
    ("Stoat", "A slender predator whose coat turns white in snowy winters."),
    ("Toad", "A warty amphibian that walks rather than hops and eats slugs."),
    ("Wren", "A tiny brown bird with a loud song and an upright tail."),
    ("Mole", "A velvety mammal that tunnels underground and eats earthworms."),
    # No other term comes near its length: no draw can hide it among the options.
    (WOODPECKER, "A bird that drums on tree trunks to find insects under the bark."),
    ("Negative answer", "No"),  # a bare "No" is no option
    # A question answered in one word, with no other short answer to stand among.
    ("What is the capital of France?", "Paris"),
]


def wild_deck() -> Deck:
    cards = [make_card(t, d, line=n + 1) for n, (t, d) in enumerate(ROWS)]
    lonely = make_card(
        "Lonely",
        "A card declared related to every other card of the deck.",
        related=[c.id for c in cards],
        line=len(cards) + 1,
    )
    return Deck(id="wild", title="Wild", cards=(*cards, lonely))


def test_audit_scores_every_solver_per_direction() -> None:
    audit = audit_deck(wild_deck())
    assert (audit.cards, audit.audited, audit.sampled, audit.options) == (14, 14, False, 4)
    assert audit.error is None
    directions = {scores.direction for scores in audit.directions}
    assert Direction.DEFINITION_TO_TERM in directions
    for scores in audit.directions:
        assert scores.chance == pytest.approx(0.25)
        assert list(scores.credits) == list(SOLVERS)
        assert all(0.0 <= credit <= 1.0 for credit in scores.credits.values())
        assert scores.questions == 3 * scores.cards  # three seeds, each card asked
        assert scores.guessable == []  # fewer than 20 cards: too few to tell


def test_audit_names_the_cards_that_give_themselves_away() -> None:
    audit = audit_deck(wild_deck())
    # Its name, asked for: no draw can hide it (its definition, 64 characters beside
    # others of 55-67 in a deck of 14 cards, may stand out too, as the draw falls).
    woodpecker = [
        g
        for g in audit.give_aways
        if g.card.term == WOODPECKER and g.direction is Direction.DEFINITION_TO_TERM
    ]
    assert len(woodpecker) == 1 and "longest option" in woodpecker[0].solvers
    assert woodpecker[0].questions == 8  # three seeds, confirmed by five more
    assert woodpecker[0].message.startswith("'Greater spotted long-tailed mountain woodpecker")
    assert "(line 11), definition → term: the longest option" in woodpecker[0].message
    assert woodpecker[0].message.endswith("in 8 of 8 questions")
    # Confirming only: with confirm_seeds = seeds, the same card is named from 3 questions.
    quick = audit_deck(wild_deck(), confirm_seeds=3)
    assert any(g.card.term == WOODPECKER and g.questions == 3 for g in quick.give_aways)


def test_audit_says_why_a_card_cannot_be_asked() -> None:
    reasons = {u.card.term: u.reason for u in audit_deck(wild_deck()).unaskable}
    assert reasons["Negative answer"] == "its answer ('No') is a bare yes/no word, not an option"
    assert reasons["What is the capital of France?"].startswith(
        "question → answer: a question answered in one word ('Paris') has 0 other short answers"
    )
    assert reasons["Lonely"] == (
        "definition → term: has 0 usable wrong options, 4 options need 3; "
        "term → definition: has 0 usable wrong options, 4 options need 3"
    )
    assert set(reasons) == {"Negative answer", "What is the capital of France?", "Lonely"}


def test_audit_says_when_a_term_only_names_its_definition() -> None:
    """ "In 1945" for 1945: asked from its date, the answer holds the stem; from its term,
    once the date is blanked, "In ____" asks nothing."""
    events = [("In 1945", "1945"), ("Revolutions of 1848", "1848")] + [
        (f"Treaty number {n}", f"{1700 + 7 * n}") for n in range(8)
    ]
    deck = Deck(id="dates", title="Dates", cards=tuple(make_card(t, d) for t, d in events))
    reasons = {u.card.term: u.reason for u in audit_deck(deck).unaskable}
    assert reasons == {
        "In 1945": (
            "its term only names its definition: asked from either side, the question "
            "would spell out the answer"
        )
    }


def test_text_report() -> None:
    lines = format_audit(audit_deck(wild_deck()))
    assert lines[0] == "Guessing audit: what a guesser using one shallow cue would score"
    assert lines[1] == (
        "  all 14 cards, each asked 3 times in every direction it allows, 4 options"
    )
    # Each direction on two lines, so that four fit 80 columns.
    assert lines[2].split() == ["definition", "term"]
    assert lines[3].split() == ["→", "term", "→", "definition"]
    assert lines[4].startswith("  cards (questions)")
    assert lines[5].split() == ["chance", "25%", "25%"]
    # The solvers of the key's place show only where options were put in numerical order.
    shown = [name for name in SOLVERS if name not in POSITION_SOLVERS]
    assert [line[2:33].rstrip() for line in lines[6 : 6 + len(shown)]] == shown
    assert max(len(line) for line in lines[2 : 6 + len(shown)]) <= 80
    assert "  Cards that give themselves away (one cue picks the key in all 8 questions):" in lines
    # Under the list, what a deck's author can do, once for each kind of cue it holds
    # (lengths and likeness here, in CUE_HELP's order), before the unaskable cards.
    helps = lines.index("  What helps, by cue:")
    assert lines[helps + 1 : helps + 3] == [
        "    longest or shortest: more cards of its length, or its text said longer or shorter",
        "    most or least like the others: more cards worded like it",
    ]
    assert lines[helps + 3] == "  Cards that cannot be asked:"
    unaskable = (
        "    'Negative answer' (line 12): its answer ('No') is a bare yes/no word, not an option"
    )
    assert unaskable in lines


def test_a_long_list_of_cards_stops_at_shown_then_says_how_many_more() -> None:
    audit = audit_deck(wild_deck())
    assert audit.give_aways and audit.unaskable
    whole = format_audit(audit)
    cut = format_audit(audit, shown=0)
    assert len(whole) - len(cut) == len(audit.give_aways) + len(audit.unaskable) - 2
    assert f"    … and {len(audit.give_aways)} more (--all lists them)" in cut
    assert f"    … and {len(audit.unaskable)} more (--all lists them)" in cut
    assert not any("more (--all" in line for line in whole)


def test_large_decks_are_sampled_with_a_fixed_seed() -> None:
    greek = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
             "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau",
             "upsilon"]  # fmt: skip
    cards = [
        make_card(f"Term {n} {word}", f"Definition of {word} number {n}, with its own words.")
        for n, word in enumerate(greek)
    ]
    deck = Deck(id="greek", title="Greek", cards=tuple(cards))
    first = audit_deck(deck, max_cards=6, seeds=2)
    again = audit_deck(deck, max_cards=6, seeds=2)
    assert (first.audited, first.sampled, first.seeds) == (6, True, 2)
    assert first.to_json() == again.to_json()
    assert all(scores.cards <= 6 for scores in first.directions)
    assert "a sample of 6 of 20 cards (fixed seed), each asked 2 times" in format_audit(first)[1]


def test_a_deck_too_small_for_the_options_is_not_audited() -> None:
    deck = Deck(id="s", title="S", cards=tuple(make_card(t, d) for t, d in ROWS[:3]))
    audit = audit_deck(deck)
    assert audit.error is not None and "3 cards" in audit.error
    assert (audit.directions, audit.give_aways, audit.findings()) == ([], [], [])
    assert format_audit(audit)[1] == f"  not run: {audit.error}"
    assert audit.to_json()["error"] == audit.error


def _scores(direction: Direction, cards: int, chance: float, longest: float) -> DirectionScores:
    scores = dict.fromkeys(SOLVERS, chance)
    scores["longest option"] = longest
    return DirectionScores(direction, cards, 3 * cards, chance, scores)


def test_guessable_warnings_need_a_clear_margin_and_enough_cards() -> None:
    assert guessable_line(0.25) == pytest.approx(0.35)
    assert guessable_line(0.5) == pytest.approx(0.6)  # true/false: chance is already 1/2
    audit = Audit(
        cards=100, audited=60, options=4, seeds=3, confirm_seeds=8,
        directions=[
            _scores(Direction.DEFINITION_TO_TERM, 60, 0.25, 0.41),  # a warning
            _scores(Direction.TERM_TO_DEFINITION, 19, 0.25, 0.60),  # too few cards
            _scores(Direction.QUESTION_TO_ANSWER, 30, 0.25, 0.35),  # not above the line
            _scores(Direction.TRUE_FALSE, 40, 0.5, 0.58),  # near chance for true/false
        ],
    )  # fmt: skip
    findings = audit.findings()
    assert [(f.severity, f.code) for f in findings] == [("warning", "guessable")]
    assert findings[0].message == (
        "picking the longest option scores 41% on definition → term questions (chance: 25%, "
        "over 60 sampled cards): a guesser beats chance without knowing the subject; see the "
        "guessing audit"
    )
    report = audit.to_json()
    assert report["sampled"] is True
    first = report["directions"][0]
    assert first["guessable"] == ["longest option"]
    assert first["solvers"][0] == {"solver": "longest option", "credit": 0.41}
    assert "! more than 10 points above chance" in "\n".join(format_audit(audit))


def test_what_helps_names_each_kind_of_cue_the_cards_give_themselves_away_to_once() -> None:
    # Every solver a card can give itself away to has its kind (the place solvers name
    # no card: the shuffle's, not the card's).
    assert {name for name in SOLVERS if name not in POSITION_SOLVERS} <= set(CUE_KIND)
    card = make_card("Lark", "A songbird of open country")

    def away(*solvers: str) -> GiveAway:
        return GiveAway(card, Direction.DEFINITION_TO_TERM, solvers, 8)

    found = [away("most central"), away("shortest option"), away("longest option")]
    assert cue_help(found) == [CUE_HELP["length"], CUE_HELP["likeness"]]
    assert cue_help([away("only option sharing a stem", "most stems shared with the stem")]) == [
        CUE_HELP["stem"]
    ]
    assert cue_help([]) == []


def test_a_sampled_audit_warns_only_beyond_its_own_error() -> None:
    """A sample's rate is an estimate: one point over the line on 74 of ~132 cards is
    noise (the bundled MLA-C01 deck's 100-card sample read 36 %, every card 32 %), so a
    warning needs the rate less its one-sided 90 % error still over the line. A deck
    audited whole has no such error; a bigger sample, a smaller one."""
    sample = DirectionScores(Direction.TERM_TO_DEFINITION, 74, 222, 0.25,
                             {**dict.fromkeys(SOLVERS, 0.25), "most central": 0.36},
                             population=132)  # fmt: skip
    assert 0.03 < sample.sampling_error(0.36) < 0.04 and sample.guessable == []
    whole = replace(sample, population=74)
    assert whole.sampling_error(0.36) == 0 and whole.guessable == ["most central"]
    clear = replace(sample, credits={**sample.credits, "most central": 0.45})
    assert clear.guessable == ["most central"]
