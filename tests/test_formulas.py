"""Formulas are read as formulas: an operator between two operands is one of the
formula's words, so "EV - AC" and "EV / AC" are two answers (folded to their words alone
they were one, "ev ac": `check` called them one definition and the generator never
offered them together), and a formula is no kind of a longer one holding its words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.acronyms import acronym_mentions
from exam_sim.decks.bulk_text import fold_all
from exam_sim.decks.check import check_deck
from exam_sim.decks.loader import load_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.index import DeckIndex
from exam_sim.lexicon import Lexicon, norm_all
from exam_sim.models import Deck, Direction, make_card
from exam_sim.text import fold, formula_parts, is_formula

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("EV - AC", ["EV", "-", "AC"]),
        ("EV / AC", ["EV", "/", "AC"]),
        ("EV − AC", ["EV", "-", "AC"]),  # the minus sign is a hyphen's operator
        ("CPI × SPI", ["CPI", "*", "SPI"]),
        ("(O + 4M + P) / 6", ["(O", "+", "4M", "+", "P)", "/", "6"]),
        ("(Gain - Cost) / Cost", ["(Gain", "-", "Cost)", "/", "Cost"]),
        ("x^2", ["x", "^", "2"]),
        ("LS - ES or LF - EF", ["LS", "-", "ES or LF", "-", "EF"]),
        ("F1 = 2PR / (P + R)", ["F1", "=", "2PR", "/", "(P", "+", "R)"]),
        (r"\(\cos x\)", [r"\(\cos x\)"]),  # MathJax: a formula, operator or none
        (r"\(e^x + C\)", [r"\(e", "^", "x", "+", r"C\)"]),
        # function names and differentials are operands, not words; a sign opens one
        ("d/dx sin x = cos x", ["d/dx sin x", "=", "cos x"]),
        ("∫ sin x dx = -cos x + C", ["∫ sin x dx", "=", "-cos x", "+", "C"]),
        ("∫ 1/x dx = ln|x| + C", ["∫ 1/x dx", "=", "ln|x|", "+", "C"]),
        ("a = -b", ["a", "=", "-b"]),
        ("10^-3", ["10", "^", "-3"]),  # a negative exponent
    ],
)
def test_formulas_and_their_operators(text: str, parts: list[str]) -> None:
    assert formula_parts(text) == parts
    assert is_formula(text)


@pytest.mark.parametrize(
    "text",
    [
        "Amazon S3 - object storage",  # a dash between words
        "AWS Glue - ETL",
        "input / output",  # "or"
        "real-time",
        "TCP/IP",
        "C++ compiler",
        "A+ certification",
        "str.split(sep=None)",  # an argument, not an equation
        "Probability x Impact",
        "The \\(x\\) axis",  # math inside prose
        "Sum of discounted cash flows minus the initial investment",
        "Uses the 80/20 rule + a long list of other words that make this a sentence",
        "The sin of pride = the root of the others, as the old books said it",
        "",
    ],
)
def test_prose_is_no_formula(text: str) -> None:
    assert formula_parts(text) is None
    assert not is_formula(text)


def test_a_formula_folds_with_its_operators() -> None:
    assert fold("EV - AC") == "ev - ac"
    assert fold("EV / AC") == "ev / ac"
    assert fold("EV − AC") == fold("EV - AC")
    assert fold("CPI × SPI") == fold("CPI * SPI")
    assert fold("Amazon S3 - object storage") == "amazon s3 object storage"


_FORMULA_PIECES = st.sampled_from(
    ["EV", "AC", " - ", " − ", " / ", "/", "-", "+", " + ", "^", "×", " = ", "=", "(", ")",
     "x", "2", "1.5", "\\(", "\\)", "$$", "é", "ガ", "_", " ", "Glue", "or"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_FORMULA_PIECES, max_size=8).map("".join), max_size=6))
def test_columns_fold_formulas_as_each_text_does(texts: list[str]) -> None:
    """`check` folds a column in bulk, from the generator's normalised texts or not: a
    formula keeps its operators on every path."""
    folded = [fold(text) for text in texts]
    assert fold_all(texts) == folded
    assert fold_all(texts, norm_all(texts)) == folded


_WORDS = re.compile(r"[^\W_]+")


@settings(max_examples=400, deadline=None)
@given(st.lists(_FORMULA_PIECES, max_size=10).map("".join))
def test_a_formula_loses_no_word_and_is_formula_agrees(text: str) -> None:
    """Its pieces hold every word of the text, in order, between operators written one
    way; `is_formula` (with its cheap tests first) says what `formula_parts` says."""
    parts = formula_parts(text)
    assert is_formula(text) == (parts is not None)
    if parts is not None:
        assert set(parts[1::2]) <= set("-/+*^=≠≈≤≥")
        assert _WORDS.findall(" ".join(parts[::2])) == _WORDS.findall(text)


def _deck(*rows: tuple[str, str]) -> Deck:
    return Deck(
        id="f",
        title="F",
        cards=tuple(make_card(t, d, id=f"c{n}") for n, (t, d) in enumerate(rows)),
    )


def _index(deck: Deck) -> tuple[DeckIndex, dict[str, int]]:
    index = QuestionGenerator(deck).index
    return index, {c.term: n for n, c in enumerate(deck.cards)}


def test_formulas_one_operator_apart_are_two_answers() -> None:
    deck = load_deck(DATA / "pmp-formulas.csv")
    index, at = _index(deck)
    cv, cpi = at["Cost Variance (CV)"], at["Cost Performance Index (CPI)"]
    assert not index.same_thing(cv, cpi)
    tcpi_bac, tcpi_eac = at["To-Complete Performance Index (TCPI) on BAC"], at["TCPI on EAC"]
    assert not index.same_thing(tcpi_bac, tcpi_eac)  # 96 % alike as text, two formulas
    # "EV - AC" is no kind of "AC + (BAC - EV)", which holds its words.
    assert not index.same_thing(cv, at["EAC with atypical variances"])


def test_cost_variance_is_asked_beside_the_cost_performance_index() -> None:
    """Each is the other's likeliest confusion, the wrong option a candidate must beat."""
    deck = load_deck(DATA / "pmp-formulas.csv")
    generator = QuestionGenerator(deck)
    cv = next(c for c in deck.cards if c.term == "Cost Variance (CV)")
    offered = set()
    for seed in range(20):
        question = generator.question(cv.id, Direction.TERM_TO_DEFINITION, seed=seed)
        offered.update(question.options)
    assert "EV / AC" in offered


def test_a_formula_written_twice_is_one_answer() -> None:
    deck = _deck(
        ("Cost Variance", "EV - AC"),
        ("CV", "EV − AC"),  # the minus sign
        ("Cost Performance Index", "EV / AC"),
        ("Schedule Variance", "EV - PV"),
    )
    index, at = _index(deck)
    assert index.same_thing(at["Cost Variance"], at["CV"])
    assert not index.same_thing(at["Cost Variance"], at["Cost Performance Index"])
    findings = [(f.code, f.card_ids) for f in check_deck(deck)]
    assert ("duplicate-definition", ("c0", "c1")) in findings
    assert not [f for f in findings if f[0] in ("definition-overlap", "alike-definitions")]


def test_check_reads_no_formula_pair_of_the_pmp_deck_as_one() -> None:
    codes = {f.code for f in check_deck(load_deck(DATA / "pmp-formulas.csv"))}
    assert not codes & {"duplicate-definition", "definition-overlap", "alike-definitions"}


def test_a_formula_has_a_stem_of_its_own() -> None:
    lexicon = Lexicon("english")
    assert lexicon.stems("EV - AC") != lexicon.stems("EV / AC")
    assert lexicon.stems("EV - AC") >= {"ev", "ac"}  # its words still say what it is about
    assert lexicon.stems("object storage service") == {"object", "storag", "servic"}


def test_mathjax_formulas_are_told_apart() -> None:
    deck = _deck(
        (r"\(\frac{d}{dx} \sin x\)", r"\(\cos x\)"),
        (r"\(\int \sin x \, dx\)", r"\(-\cos x + C\)"),
        (r"\(\frac{d}{dx} \ln x\)", r"\(\frac{1}{x}\)"),
        ("Quadratic formula", r"\(x = \frac{-b \pm \sqrt{b^2-4ac}}{2a}\)"),
    )
    index, _ = _index(deck)
    assert not any(index.same_thing(i, j) for i in range(4) for j in range(4) if i != j)
    assert not [f for f in check_deck(deck) if f.code == "definition-overlap"]


def test_an_acronym_the_deck_gives_another_card_is_not_blanked() -> None:
    """ "EAC" fits the letters of Estimate to Complete (E, a of estimAte, C), but the deck
    gives it to Estimate at Completion: in ETC's formula it names that card, which stays
    readable ("EAC - AC", not "____ - AC")."""
    deck = load_deck(DATA / "pmp-formulas.csv")
    index, at = _index(deck)
    assert index.masked_definition(at["Estimate to Complete (ETC)"]) == "EAC - AC"


def test_an_acronym_opens_no_expansion_of_itself() -> None:
    stop = Lexicon("english").stopwords
    assert acronym_mentions("(BAC - EV) / (BAC - AC)", ["BAC"], stop) == []
    found = acronym_mentions("OLTP (Online Transaction Processing) systems", ["OLTP"], stop)
    assert found == ["online transaction processing"]


CALCULUS = Path(__file__).parent / "data" / "calculus-rules.csv"


def test_rules_of_calculus_written_with_function_names_are_each_other_s_wrong_options() -> None:
    # "d/dx sin x = cos x" and "∫ sin x dx = -cos x + C" share every word: read as prose,
    # they were one meaning, and the classic confusion was never asked.
    generator = QuestionGenerator(load_deck(CALCULUS))
    ix = generator.index
    at = {card.term: ix.position[card.id] for card in generator.deck.cards}
    for a, b in [
        ("Derivative of sin", "Derivative of cos"),
        ("Derivative of sin", "Integral of sin x"),
        ("Integral of sin x", "Integral of cos x"),
        ("Derivative of ln x", "Integral of 1/x"),
        ("Derivative of e^x", "Derivative of a^x"),  # names alike, two formulas
    ]:
        assert not ix.same_thing(at[a], at[b]), (a, b)
    findings = check_deck(load_deck(CALCULUS))
    assert not [f for f in findings if f.code in ("definition-overlap", "near-duplicate")]


def test_a_minus_sign_is_part_of_the_formula() -> None:
    # "10^-3" (milli) and "10^3" (kilo) folded alike, one meaning: never options together.
    assert fold("10^-3") != fold("10^3")
    assert fold("x = -b") != fold("x = b")
    deck = Deck(
        id="p", title="p",
        cards=tuple(make_card(t, d) for t, d in [
            ("kilo", "10^3"), ("milli", "10^-3"), ("mega", "10^6"), ("micro", "10^-6"),
        ]),
    )  # fmt: skip
    ix = QuestionGenerator(deck).index
    assert not ix.same_thing(0, 1) and not ix.same_thing(2, 3)
