"""Anki cloze notes become one card per cloze number (`decks.cloze`), and a definition with
a blank is asked only as a stem: never offered as an option, never asked term → definition."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.cli import main
from exam_sim.decks import load_deck, parse_delimited
from exam_sim.decks.cloze import cloze_cards
from exam_sim.generator import BLANK, QuestionGenerator
from exam_sim.models import Direction
from exam_sim.present import prompt
from exam_sim.text import filled

ANKI = (
    "#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:5\n"
    "Cloze\tAWS::ML\t{{c1::Amazon <b>SageMaker</b>}} is a fully managed service to build, "
    "train and deploy models.\t\tsagemaker\n"
    "Cloze\tAWS::Data\t{{c1::Kinesis Data Firehose}} loads streaming records into "
    "{{c2::Amazon S3::storage}}, Redshift and OpenSearch.\tFormerly Kinesis Firehose.\t"
    "streaming\n"
    "Basic\tAWS::ML\tXGBoost\tGradient boosted decision trees for tabular data.\talgorithms\n"
    "Basic\tAWS::ML\tLinear Learner\tLinear models for regression and classification.\talgorithms\n"
    "Basic\tAWS::Data\tAWS Glue\tA serverless service that prepares and catalogues data.\tetl\n"
)


def test_one_card_per_cloze_number_with_the_others_shown() -> None:
    text = "{{c1::Firehose}} loads data into {{c2::S3::storage}} and {{c1::Redshift}}."
    assert cloze_cards(text) == [
        (1, "Firehose, Redshift", "____ loads data into S3 and ____."),
        (2, "S3", "Firehose loads data into ____ (storage) and Redshift."),
    ]


@pytest.mark.parametrize("text", ["No deletion here.", "{{c1::}} is empty", "{c1::x}"])
def test_text_without_a_deletion_is_not_a_cloze(text: str) -> None:
    assert cloze_cards(text) is None


_WORD = st.text(alphabet="abcdefgh ", min_size=1, max_size=8).filter(str.strip)


@given(st.lists(st.tuples(st.integers(1, 4), _WORD, _WORD), min_size=1, max_size=5))
def test_each_card_blanks_its_number_and_shows_the_rest(parts: list[tuple[int, str, str]]) -> None:
    text = " ".join(f"{before} {{{{c{n}::{answer}}}}}" for n, before, answer in parts)
    cards = cloze_cards(text)
    assert cards is not None
    assert [number for number, _, _ in cards] == sorted({n for n, _, _ in parts})
    for number, _, definition in cards:
        assert "{{" not in definition and "}}" not in definition
        assert definition.count(BLANK) == sum(1 for n, _, _ in parts if n == number)


def test_nested_deletions_are_read_as_anki_reads_them() -> None:
    """Anki 2.1.56 nests deletions: the outer card's answer shows the inner one, the inner
    card shows the outer text around its blank. They were left as raw markup:
    "{{c1::The ____ is the powerhouse}} of the cell"."""
    text = "{{c1::The {{c2::mitochondria}} is the powerhouse}} of the cell."
    assert cloze_cards(text) == [
        (1, "The mitochondria is the powerhouse", "____ of the cell."),
        (2, "mitochondria", "The ____ is the powerhouse of the cell."),
    ]
    # One inside another of its number is in that one's blank: one answer, not two.
    assert cloze_cards("{{c1::DNA {{c1::polymerase}}}} copies DNA.") == [
        (1, "DNA polymerase", "____ copies DNA.")
    ]
    # Never closed: the opener is text, as Anki shows it; the deletion inside is read.
    assert cloze_cards("{{c1::open and {{c2::Paris}} here") == [
        (2, "Paris", "{{c1::open and ____ here")
    ]


_Tree = st.recursive(
    _WORD,
    lambda inner: st.tuples(st.integers(1, 3), st.lists(inner, min_size=1, max_size=3)),
    max_leaves=8,
)


def _written(node: str | tuple[int, list[object]]) -> str:
    if isinstance(node, str):
        return node
    number, children = node
    return f"{{{{c{number}::{' '.join(_written(c) for c in children)}}}}}"


@given(st.lists(_Tree, min_size=1, max_size=4))
def test_nested_deletions_leave_no_markup(nodes: list[str | tuple[int, list[object]]]) -> None:
    text = " ".join(_written(node) for node in nodes)
    cards = cloze_cards(text)
    if "{{" not in text:
        assert cards is None
        return
    assert cards is not None
    for _, term, definition in cards:
        assert "{{" not in term and "}}" not in term
        assert "{{" not in definition and "}}" not in definition
        assert BLANK in definition


def test_an_anki_cloze_export_loads_with_a_card_per_deletion(tmp_path: Path) -> None:
    path = tmp_path / "cloze.txt"
    path.write_text(ANKI, encoding="utf-8")
    deck = load_deck(path)
    assert [(c.term, c.topic) for c in deck.cards[:3]] == [
        ("Amazon SageMaker", "ml"), ("Kinesis Data Firehose", "data"), ("Amazon S3", "data"),
    ]  # fmt: skip
    assert deck.cards[2].definition == (
        "Kinesis Data Firehose loads streaming records into ____ (storage), Redshift and "
        "OpenSearch."
    )
    assert deck.cards[2].tags == ("streaming",)
    assert deck.notes[0] == (
        "2 cloze notes made 3 cards (one per cloze number; other fields not asked)"
    )


def test_a_csv_cloze_note_with_no_back_and_its_own_id() -> None:
    deck = parse_delimited(
        "id,term,definition\nfh,{{c1::Firehose}} loads into {{c2::S3}},\nx,XGBoost,Trees\n",
        file="c.csv",
    )
    assert [(c.id, c.term) for c in deck.cards] == [
        ("fh-c1", "Firehose"), ("fh-c2", "S3"), ("x", "XGBoost"),
    ]  # fmt: skip


def test_a_blanked_definition_is_a_stem_only(tmp_path: Path) -> None:
    path = tmp_path / "cloze.txt"
    path.write_text(ANKI, encoding="utf-8")
    deck = load_deck(path)
    generator = QuestionGenerator(deck)
    for card in deck.cards:
        directions = generator.directions_for(card.id)
        if BLANK in card.definition:
            assert directions == (Direction.DEFINITION_TO_TERM,)
            # Asked as what fills the blank, not "Which term matches this description?"
            question = generator.question(card.id, Direction.DEFINITION_TO_TERM, seed=1)
            assert prompt(question) == "Which answer fills the blank?"
        elif Direction.TERM_TO_DEFINITION in directions:
            for seed in range(5):
                question = generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=seed)
                assert not any(BLANK in option for option in question.options)


def test_import_says_what_the_cloze_notes_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bundled: Path
) -> None:
    path = tmp_path / "cloze.txt"
    path.write_text(ANKI, encoding="utf-8")
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Imported 6 cards in 2 topics" in out
    assert "  2 cloze notes made 3 cards (one per cloze number; other fields not asked)" in out


@pytest.mark.parametrize(
    ("definition", "term", "whole"),
    [
        ("____ loads data into S3.", "Firehose", "Firehose loads data into S3."),
        ("Firehose loads into ____ (storage).", "S3", "Firehose loads into S3."),
        ("____ and ____ load data.", "Firehose, Redshift", "Firehose and Redshift load data."),
        ("____ or ____?", "A, B, C", "A, B, C or A, B, C?"),  # parts do not match: whole
        ("No blank here.", "X", "No blank here."),
    ],
)
def test_the_answer_shows_the_card_whole(definition: str, term: str, whole: str) -> None:
    assert filled(definition, term) == whole


def test_the_explanation_of_a_cloze_card_reads_its_text_whole(tmp_path: Path) -> None:
    path = tmp_path / "cloze.txt"
    path.write_text(ANKI, encoding="utf-8")
    deck = load_deck(path)
    s3 = next(card for card in deck.cards if card.term == "Amazon S3")
    question = QuestionGenerator(deck).question(s3.id, Direction.DEFINITION_TO_TERM, seed=1)
    assert question.explanations[question.answer] == (
        "Amazon S3 — Kinesis Data Firehose loads streaming records into Amazon S3, Redshift "
        "and OpenSearch."
    )
