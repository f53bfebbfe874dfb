"""Anki "Notes in Plain Text" exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_sim.decks import load_deck, parse_anki, read_anki
from exam_sim.models import DeckError

ANKI = Path(__file__).parent / "data" / "decks-anki.txt"


def test_anki_export_with_html_tags_deck_guid_and_notetype() -> None:
    deck = read_anki(ANKI)
    assert [c.term for c in deck.cards] == ["XGBoost", "KNN", "Elastic Inference", "Cloze card"]
    xgb, knn, ei, cloze = deck.cards
    assert xgb.definition == "Gradient boosted decision trees.\nHyperparameters: eta & gamma."
    assert knn.definition == "Classifies by the nearest\nneighbours (<k>)."
    assert ei.definition == "Attach GPU-powered acceleration to an endpoint"  # sound removed
    assert deck.notes == ("1 sound removed (media references: exam-sim shows text only)",)
    # Deletions on the back (the first field has none): shown, as Anki shows the back.
    assert cloze.definition == "Batch Transform runs offline inference on datasets."
    assert xgb.tags == ("sagemaker", "algorithms") and ei.tags == ()
    # "AWS::Modeling" and "AWS::Operations": the parent is the deck, children the topics
    assert deck.title == "AWS"
    assert [(t.id, t.name) for t in deck.topics] == [
        ("modeling", "Modeling"), ("operations", "Operations"),
    ]  # fmt: skip
    assert [c.topic for c in deck.cards] == ["modeling", "modeling", "operations", "operations"]
    assert [c.line for c in deck.cards] == [7, 8, 10, 11]


def test_loader_prefers_anki_headers_over_the_extension() -> None:
    assert load_deck(ANKI).title == "AWS"


@pytest.mark.parametrize(
    ("separator", "char"),
    [("comma", ","), ("semicolon", ";"), ("Pipe", "|"), ("tab", "\t"), ("space", " "), (":", ":")],
)
def test_separators(separator: str, char: str) -> None:
    text = f"#separator:{separator}\n#html:false\nalpha{char}first\nbeta{char}second\n"
    deck = parse_anki(text, file="a.txt")
    assert [(c.term, c.definition) for c in deck.cards] == [("alpha", "first"), ("beta", "second")]


def test_html_false_keeps_markup_as_text() -> None:
    deck = parse_anki("#separator:tab\n#html:false\nA\t<b>bold</b> text\nB\tplain\n")
    assert deck.cards[0].definition == "<b>bold</b> text"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("#separator:wave\nA~B\n", "unknown #separator 'wave'"),
        ("#separator:tab\n#html:maybe\nA\tB\n", "#html must be true or false"),
        ("#separator:tab\n#tags column:x\nA\tB\n", "#tags column must be a column number"),
        ("#separator:tab\n#html:true\n", "no cards found after the header lines"),
        ("#separator:tab\n#guid column:1\nabc\tTerm\n", "expected at least 2 note fields"),
    ],
)
def test_bad_anki_files(text: str, words: str) -> None:
    with pytest.raises(DeckError, match=words):
        parse_anki(text, file="bad.txt")


def test_named_columns_choose_the_term_and_the_definition() -> None:
    text = (
        "#separator:tab\n#html:false\n#columns:Word\tReading\tMeaning\tTags\n"
        "#tags column:4\n会う\tあう\tto meet\tjlpt\n雨\tあめ\train\tjlpt\n"
    )
    deck = parse_anki(text, file="ja.txt")
    # the reading joined to the word as its parenthesis (read as a reading, no name)
    assert [(c.term, c.definition, c.tags) for c in deck.cards] == [
        ("会う (あう)", "to meet", ("jlpt",)), ("雨 (あめ)", "rain", ("jlpt",)),
    ]  # fmt: skip
