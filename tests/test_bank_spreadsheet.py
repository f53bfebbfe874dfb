"""A question bank kept in a spreadsheet ("Question,A,B,C,D,Answer", or the right answer
and the wrong ones written out): each row an authored item, asked as written, in `check`,
an exam (--plain and the TUI) and a drill with its explanation (docs/decks.md, *Question
banks in a spreadsheet*). Before, the question was a term and the answer letter its
definition."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.tui import shown_text
from test_tui_snapshots import FixedClock
from textual.pilot import Pilot
from textual.widgets import Static

from exam_sim.decks import load_deck
from exam_sim.decks.bank_columns import bank_columns
from exam_sim.decks.delimited import parse_delimited
from exam_sim.enums import ItemKind
from exam_sim.exam import SessionRequest
from exam_sim.models import AttemptMode, DeckError
from exam_sim.tui.app import create_app

BANK = Path(__file__).parent / "data" / "bank-spreadsheet.csv"


def _right(item: Any) -> list[str]:
    return [option.text for option in item.options if option.correct]


def test_every_row_is_an_item_with_its_answer_explanation_and_topic() -> None:
    deck = load_deck(BANK)
    assert not deck.cards and len(deck.items) == 6
    first, _, two, by_text, short, lettered = deck.items
    assert first.stem == "Which AWS service stores objects in buckets?"
    assert [o.text for o in first.options] == [
        "Amazon S3",
        "Amazon EC2",
        "Amazon RDS",
        "AWS Lambda",
    ]
    assert _right(first) == ["Amazon S3"] and first.kind is ItemKind.SINGLE
    assert first.explanation.startswith("S3 is object storage")
    assert {t.name for t in deck.topics} == {
        "Storage", "Compute", "Databases", "Integration", "Networking"
    }  # fmt: skip
    # "B, C": two answers, a multiple-response item.
    assert two.kind is ItemKind.MULTIPLE and _right(two) == ["Amazon Aurora", "Amazon RDS"]
    assert _right(by_text) == ["Amazon SQS"]  # the answer written as the option's text
    # An empty option cell leaves three options; "1" names the first.
    assert len(short.options) == 3 and _right(short) == ["Amazon CloudFront"]
    assert _right(lettered) == ["S3 Glacier Deep Archive"]  # "C) S3 Glacier Deep Archive"
    assert deck.notes == ()  # no hint that it be read as a Quizlet export


def test_the_right_answer_and_the_wrong_ones_written_out() -> None:
    text = (
        "Question,Correct answer,Distractor 1,Distractor 2,Distractor 3,Explanation\n"
        "What is 2 + 2?,4,3,5,22,Two and two make four.\n"
        "Capital of France?,Paris,Lyon,Marseille,,It is Paris.\n"
    )
    deck = parse_delimited(text, file="q.csv")
    assert [len(i.options) for i in deck.items] == [4, 3]
    assert [_right(i) for i in deck.items] == [["4"], ["Paris"]]


@pytest.mark.parametrize(
    "header",
    [
        "Question,Answer",  # a flashcard deck of questions: cards
        "Question,Answer,Topic",
        "Term,Definition,A,B",  # no question column
        "Question,A,B,C,D",  # no answer column
    ],
)
def test_a_header_naming_no_bank_reads_cards(header: str) -> None:
    assert bank_columns(header.split(",")) is None


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("E", "the answer 'E' names no option (options A, B, C, D"),
        ("bad", "the answer 'bad' names no option"),  # letters a–f run together: no answer
        ("", "the answer is empty"),
    ],
)
def test_an_answer_naming_no_option_is_refused_naming_its_line(answer: str, problem: str) -> None:
    text = f"Question,A,B,C,D,Answer\nQ one?,w,x,y,z,A\nQ two?,w,x,y,z,{answer}\n"
    with pytest.raises(DeckError) as raised:
        parse_delimited(text, file="bank.csv")
    assert raised.value.line == 3
    assert problem in raised.value.problem


@given(st.sets(st.sampled_from("ABCD"), min_size=1, max_size=3), st.sampled_from(
    [", ", ",", " and ", " ", "; ", "/"]
))  # fmt: skip
def test_letters_named_any_way_give_the_same_answers(letters: set[str], joiner: str) -> None:
    ordered = sorted(letters)
    rows = [joiner.join(ordered), joiner.join(ordered).lower()]
    if len(ordered) > 1:
        rows.append("".join(ordered))  # run together, in capitals
    for cell in rows:
        text = f'Question,A,B,C,D,Answer\nWhich?,alpha,beta,gamma,delta,"{cell}"\n'
        item = parse_delimited(text, file="b.csv").items[0]
        chosen = {"ABCD"[n] for n, option in enumerate(item.options) if option.correct}
        assert chosen == letters, cell


def test_check_of_a_broken_bank_says_file_line_and_problem_and_exits_2(tmp_path: Path) -> None:
    bank = tmp_path / "bank.csv"
    bank.write_text("Question,A,B,C,D,Answer\nQ one?,w,x,y,z,A\nQ two?,w,x,y,z,F\n")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(bank)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{bank}, line 3: the answer 'F' names no option" in done.stderr


def test_a_plain_exam_asks_the_rows_as_written(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "--db", str(tmp_path / "h.db"), "exam", str(BANK),
         "--plain", "--seed", "1"],
        input="q\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "Question 1 of 6" in done.stdout
    stems = [item.stem for item in load_deck(BANK).items]
    assert any(stem in done.stdout for stem in stems)
    assert "Amazon" in done.stdout


async def test_a_tui_drill_explains_a_row(tmp_path: Path) -> None:
    app = create_app(deck=str(BANK), db=tmp_path / "h.sqlite3", seed=2, clock=FixedClock(),
                     start=SessionRequest(mode=AttemptMode.DRILL, count=6))  # fmt: skip
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        session = app.screen.session  # type: ignore[attr-defined]
        question = session.question
        wrong = next(n for n in range(len(question.options)) if n not in question.keys)
        await _answer(pilot, question, wrong)
        verdict = shown_text(app.screen.query_one("#feedback-verdict", Static))
        assert verdict.startswith("✗")
        item = next(i for i in load_deck(BANK).items if i.stem in question.stem)
        body = " ".join(shown_text(app.screen.query_one("#feedback-body", Static)).split())
        assert " ".join(item.explanation.split()) in body


async def _answer(pilot: Pilot[Any], question: Any, wrong: int) -> None:
    letters = "abcdef"
    if len(question.keys) > 1:  # a multiple-response item: as many picks as answers
        others = [n for n in range(len(question.options)) if n != wrong][: len(question.keys) - 1]
        await pilot.press(*(letters[n] for n in [wrong, *others]))
    else:
        await pilot.press(letters[wrong])
    await pilot.pause()


def test_rationales_references_and_tags_of_each_row() -> None:
    text = (
        "Question,A,B,C,Answer,Why A,Why B,Why C,Reference,Tags\n"
        "Which stores objects?,S3,EC2,RDS,A,Object storage.,Compute.,Databases.,"
        "https://docs.aws.amazon.com/s3/ https://aws.amazon.com/s3/,storage core\n"
        "Which runs functions?,S3,Lambda,RDS,B,,Serverless functions.,,The Lambda guide,\n"
    )
    first, second = parse_delimited(text, file="b.csv").items
    assert [o.rationale for o in first.options] == ["Object storage.", "Compute.", "Databases."]
    assert first.references == ("https://docs.aws.amazon.com/s3/", "https://aws.amazon.com/s3/")
    assert first.tags == ("storage", "core")
    assert [o.rationale for o in second.options] == ["", "Serverless functions.", ""]
    assert second.references == ("The Lambda guide",) and second.tags == ()


def test_options_carrying_their_letters_lose_them() -> None:
    text = "Question,A,B,C,D,Answer\nWhich?,A. alpha,B. beta,C) gamma,,C\nOther?,x,B. y,z,,1\n"
    lettered, plain = parse_delimited(text, file="b.csv").items
    assert [o.text for o in lettered.options] == ["alpha", "beta", "gamma"]
    assert _right(lettered) == ["gamma"]
    assert [o.text for o in plain.options] == ["x", "B. y", "z"]  # not each in turn: kept


def test_rows_shaped_as_questions_without_a_header_are_items_and_the_reader_says_so() -> None:
    text = (
        "Which stores objects?,S3,EC2,RDS,A\n"
        "Which runs functions?,S3,Lambda,RDS,B\n"
        'Which two are databases?,RDS,Aurora,S3,"A, B"\n'
    )
    deck = parse_delimited(text, file="b.csv")
    assert [_right(i) for i in deck.items] == [["S3"], ["Lambda"], ["RDS", "Aurora"]]
    assert deck.notes[-1].startswith("read as questions, a row each")
    # Forced to cards, or cards whose last column is words: cards.
    assert len(parse_delimited(text, file="b.csv", header=False).cards) == 3
    cards = "S3,Object storage,Storage,core\nEC2,Virtual servers,Compute,core\nRDS,SQL,Db,x\n"
    assert len(parse_delimited(cards, file="c.csv").cards) == 3


def test_a_hostile_answer_cell_is_refused_at_once_and_quoted_short() -> None:
    """Spaces between letters once backtracked without end; a 200,000-character answer
    was quoted whole in the error."""
    cell = "A" + " " * 200_000 + "B!"
    with pytest.raises(DeckError) as raised:
        parse_delimited(f'Question,A,B,Answer\nq?,x,y,"{cell}"\n', file="h.csv")
    assert len(raised.value.problem) < 200 and "names no option" in raised.value.problem


def test_answers_as_a_flag_an_option_and_q_numbered_columns() -> None:
    """As Anki's multiple-choice notes export: "Question,Q_1,…,Answers" with "0 1 0 0"."""
    text = (
        "Question,Q_1,Q_2,Q_3,Q_4,Answers\n"
        "Which stores objects?,EC2,S3,RDS,Lambda,0 1 0 0\n"
        'Which two are relational?,Aurora,DynamoDB,RDS,SQS,"1,0,1,0"\n'
    )
    one, two = parse_delimited(text, file="anki-mc.csv").items
    assert _right(one) == ["S3"] and _right(two) == ["Aurora", "RDS"]


def test_quiz_makers_templates_read_as_their_questions() -> None:
    """Kahoot's template notes each column's limits in its name ("Question - max 120
    characters", "Correct answer(s) - choose at least one"): before, the file read as six
    cards, each filed under a topic named after its second answer."""
    kahoot = (
        "Question - max 120 characters,Answer 1 - max 75 characters,"
        "Answer 2 - max 75 characters,Answer 3 - max 75 characters,"
        'Answer 4 - max 75 characters,"Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 '
        'secs",Correct answer(s) - choose at least one\n'
        "Which planet is known as the Red Planet?,Venus,Mars,Jupiter,Saturn,20,2\n"
        'Which of these are prime numbers?,2,4,5,9,30,"1,3"\n'
    )
    red, primes = parse_delimited(kahoot, file="kahoot.csv").items
    assert _right(red) == ["Mars"] and _right(primes) == ["2", "5"]
    assert primes.kind is ItemKind.MULTIPLE
    quizizz = (
        "Question Text,Question Type,Option 1,Option 2,Option 3,Option 4,Option 5,"
        "Correct Answer,Time in seconds,Image Link,Answer explanation\n"
        "Which planet is red?,Multiple Choice,Venus,Mars,Jupiter,Saturn,,2,20,,Iron oxide.\n"
    )
    (red,) = parse_delimited(quizizz, file="quizizz.csv").items
    assert _right(red) == ["Mars"] and len(red.options) == 4
    assert red.explanation == "Iron oxide."  # Quizizz's "Answer explanation"
    # A note after a dash is dropped from a name, never a name's own dash.
    assert bank_columns(["Question", "Option A - B", "Option C", "Answer"]) is not None
    assert bank_columns(["Question-answer", "A", "B", "Key"]) is None
