"""A deck of claims ("S3 is a block storage service" → "False"): each is asked as true or
false. They were "a bare yes/no word, not an option", so such a deck could not be asked
at all. A claim is known by the company it keeps: in a topic (or a deck without topics)
where at least half of the definitions are a bare yes/no word; a stray "No" in a glossary
stays out, and a one-word term answered "yes" ("oui") is a translation, not a claim."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from support import lines, run_cli

from exam_sim.decks import load_deck
from exam_sim.decks.audit import audit_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.history import History
from exam_sim.models import Deck, Direction, make_card
from exam_sim.report import render_explanations
from exam_sim.tui.widgets.text import explained_options

CLAIMS = [
    ("S3 is a block storage service", "False"),
    ("EBS volumes attach to one EC2 instance at a time by default", "True"),
    ("Lambda functions can run for up to 15 minutes", "True"),
    ("DynamoDB is a relational database", "False"),
    ("CloudFront is a content delivery network", "True"),
    ("Glacier retrieval is instant for every tier", "false."),
    ("SQS guarantees exactly-once delivery in standard queues", "No"),
    ("oui", "yes"),  # a translation: one word
]


@pytest.fixture
def claims_file(tmp_path: Path) -> Path:
    path = tmp_path / "claims.csv"
    rows = "".join(f'"{claim}",{verdict}\n' for claim, verdict in CLAIMS)
    path.write_text("statement,true/false\n" + rows, encoding="utf-8")
    return path


def test_each_claim_is_asked_as_true_or_false(claims_file: Path) -> None:
    deck = load_deck(claims_file)
    assert len(deck.cards) == len(CLAIMS)  # the header is read as one
    generator = QuestionGenerator(deck)
    for card, (claim, verdict) in zip(deck.cards, CLAIMS, strict=True):
        if claim == "oui":
            assert generator.directions_for(card.id) == ()
            continue
        assert generator.directions_for(card.id) == (Direction.TRUE_FALSE,)
        for seed in range(4):
            question = generator.question(card.id, Direction.TRUE_FALSE, seed=seed)
            assert question.stem == f"True or false?\n{claim}"
            assert question.options == ("True", "False")
            true = verdict.lower().strip(".") in {"true", "yes"}
            assert question.answer == (0 if true else 1)
            assert question.explanations[0] == f"{claim} — {verdict}"


def test_a_claim_among_definitions_stays_out_and_a_topic_of_claims_is_asked() -> None:
    glossary = [make_card(f"Term {n}", f"Definition number {n} with words") for n in range(5)]
    stray = make_card("S3 is a block storage service", "False")
    deck = Deck(id="g", title="G", cards=(*glossary, stray))
    assert QuestionGenerator(deck).directions_for(stray.id) == ()
    quiz = [make_card(claim, verdict, topic="quiz") for claim, verdict in CLAIMS[:4]]
    deck = Deck(id="g", title="G", cards=(*glossary, *quiz))
    generator = QuestionGenerator(deck)
    assert all(generator.directions_for(c.id) == (Direction.TRUE_FALSE,) for c in quiz)


def test_check_sees_answers_not_duplicates_and_no_card_giving_itself_away(
    claims_file: Path,
) -> None:
    deck = load_deck(claims_file)
    codes = {finding.code for finding in check_deck(deck)}
    assert "duplicate-definition" not in codes  # "False" on three claims is no duplicate
    audit = audit_deck(deck)
    assert not audit.give_aways  # True / False, the same two options every time
    assert [u.card.term for u in audit.unaskable] == ["oui"]
    assert [d.direction for d in audit.directions] == [Direction.TRUE_FALSE]


def test_a_drill_of_claims_in_plain_mode(
    claims_file: Path,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["drill", str(claims_file), "--plain", "--count", "3", "--seed", "2"]
    code, out, err = run_cli(monkeypatch, capsys, argv, lines("a", "b", "a", "submit", "y"))
    assert code == 0, err
    assert out.count("True or false?") >= 3
    with History(home / "history.sqlite3") as store:
        attempt = store.load_attempt(1)
    assert {q.direction for q in attempt.questions} == {Direction.TRUE_FALSE}
    assert [a.choice for a in attempt.answers] == [0, 1, 0]


def test_both_front_ends_explain_a_true_false_question_once(claims_file: Path) -> None:
    """Its two options share one card: the TUI's feedback said "= <claim>" under True and
    the whole card under False; both front ends now say it once, after the options."""
    deck = load_deck(claims_file)
    question = QuestionGenerator(deck).question(deck.cards[0].id, Direction.TRUE_FALSE, seed=0)
    line = "S3 is a block storage service — False"
    console = Console(width=100, record=True)
    console.print(
        explained_options(question.options, question.explanations, key=question.answer, chosen=0)
    )
    shown = console.export_text()
    assert shown.count("S3 is a block storage service") == 1
    assert shown.rstrip().endswith(line)
    assert "= S3" not in shown
    assert render_explanations(question) == [f"  {line}"]
