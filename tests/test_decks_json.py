"""Decks and question banks written as JSON (docs/decks.md, *JSON*): cards under the CSV
header names, questions with their options and answers in the shapes apps export, the
line of every entry in what the reader says, and a broken file refused in one sentence
naming file and line (exit 2, no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.json_deck import POSITIONS_NOTE, parse_json
from exam_sim.enums import ItemKind
from exam_sim.models import DeckError

CARDS = {
    "title": "AWS basics",
    "cards": [
        {"front": "Amazon S3", "back": "Object storage in buckets", "category": "Storage",
         "tags": ["core", "storage"]},
        {"front": "Amazon EC2", "back": "Resizable virtual servers", "category": "Compute"},
        {"front": "AWS Lambda", "back": "Functions run on demand", "category": "Compute"},
        {"front": "Amazon RDS", "back": "Managed relational databases"},
    ],
}  # fmt: skip
QUESTIONS = [
    {"question": "Which service stores objects?", "options": ["S3", "EC2", "RDS", "Lambda"],
     "answer": 0, "explanation": "S3 is object storage.", "category": "Storage"},
    {"question": "Which two are relational?", "correct": ["B", "C"],
     "choices": {"A": "DynamoDB", "B": "Aurora", "C": "RDS", "D": "ElastiCache"}},
    {"question": "Which runs functions?", "answers": [
        {"text": "EC2", "correct": False}, {"text": "Lambda", "correct": True,
                                            "explanation": "Serverless."},
        {"text": "S3", "correct": False}]},
    {"question": "Which is a CDN?", "options": ["CloudFront", "Route 53", "WAF"],
     "answer": "CloudFront", "references": ["https://aws.amazon.com/cloudfront/"]},
]  # fmt: skip


# Card text as apps write it: letters, digits and plain punctuation (no HTML or Markdown
# marks, which the reader cleans as a CSV cell's), never blank.
TEXT = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" .,-'?"),
    min_size=1,
    max_size=30,
).filter(str.strip)


def _right(item: object) -> list[str]:
    return [o.text for o in item.options if o.correct]  # type: ignore[attr-defined]


def test_cards_under_csv_header_names_with_topics_tags_and_title() -> None:
    deck = parse_json(json.dumps(CARDS, indent=2), file="aws.json")
    assert deck.title == "AWS basics"
    assert [(c.term, c.definition) for c in deck.cards][:2] == [
        ("Amazon S3", "Object storage in buckets"), ("Amazon EC2", "Resizable virtual servers")
    ]  # fmt: skip
    assert {t.name for t in deck.topics} == {"Storage", "Compute"}
    assert deck.cards[0].tags == ("core", "storage") and deck.cards[3].topic is None


def test_questions_in_every_shape_apps_export() -> None:
    text = json.dumps(QUESTIONS, indent=2)
    deck = parse_json(text, file="bank.json")
    first, two, flagged, by_text = deck.items
    assert _right(first) == ["S3"] and first.explanation == "S3 is object storage."
    assert two.kind is ItemKind.MULTIPLE and _right(two) == ["Aurora", "RDS"]
    assert _right(flagged) == ["Lambda"]
    assert [o.rationale for o in flagged.options] == ["", "Serverless.", ""]
    assert _right(by_text) == ["CloudFront"]
    assert by_text.references == ("https://aws.amazon.com/cloudfront/",)
    assert deck.notes == (POSITIONS_NOTE,)  # 0 names the first option: said
    starts = [n for n, line in enumerate(text.split("\n"), 1) if line == "  {"]
    assert [i.line for i in deck.items] == starts and len(starts) == 4


def test_numbers_count_from_one_where_one_names_the_last_option() -> None:
    questions = [
        {"question": "One?", "options": ["a", "b", "c"], "answer": 3},
        {"question": "Two?", "options": ["a", "b", "c"], "answer": 1},
    ]
    deck = parse_json(json.dumps(questions), file="b.json")
    assert [_right(i) for i in deck.items] == [["c"], ["a"]] and deck.notes == ()


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ('[{"term": "a", "definition": "b"},,]', 1, "not valid JSON: Expecting value"),
        ('[\n{"term": "a", "definition": "b"},\n"c"\n]', 3, "each entry must be an object"),
        ('[\n{"term": "a", "definition": "b"},\n{"front": 3}\n]', 3,
         "no term and definition among the fields 'front'"),
        ('[\n{"term": "a", "definition": "b"},\n{"question": "q?", "options": ["x", "y"], '
         '"answer": 0}\n]', 3, "questions with options and cards without are mixed"),
        ('[\n{"question": "q?", "options": ["x", "y"]}\n]', 2, "the question gives no answer"),
        ('[\n{"question": "q?", "options": ["x", "y"], "answer": "E"}\n]', 2,
         "the answer 'E' names no option"),
        ('{"deck": "x"}', 1, "expected a list of cards or questions"),
        ("[" * 100_000 + "]" * 100_000, None, "the JSON is nested too deeply"),
    ],
)  # fmt: skip
def test_a_broken_file_is_refused_naming_its_line(
    text: str, line: int | None, problem: str
) -> None:
    with pytest.raises(DeckError) as raised:
        parse_json(text, file="d.json")
    assert raised.value.line == line
    assert problem in raised.value.problem


@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=8), st.sampled_from([None, 2]))
def test_cards_read_back_as_written_each_on_its_line(
    pairs: list[tuple[str, str]], indent: int | None
) -> None:
    records = [{"term": t, "definition": d} for t, d in pairs]
    text = json.dumps({"cards": records}, indent=indent, ensure_ascii=False)
    deck = parse_json(text, file="h.json")
    assert [(c.term, c.definition) for c in deck.cards] == [
        (" ".join(t.split()), " ".join(d.split())) for t, d in pairs
    ]
    if indent is not None:  # one entry a few lines long after the other
        starts = [n for n, line in enumerate(text.split("\n"), 1) if line == "    {"]
        assert [c.line for c in deck.cards] == starts


def test_check_of_a_broken_file_says_file_line_and_problem_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    path.write_text('[\n{"question": "q?", "options": ["x", "y"], "answer": 5}\n]')
    done = subprocess.run([sys.executable, "-m", "exam_sim", "check", str(path)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{path}, line 2: the answer 5 names no option (there are 2)" in done.stderr


def test_a_json_file_is_found_by_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "aws.json"
    path.write_text(json.dumps(CARDS))
    assert len(load_deck(path).cards) == 4


@pytest.mark.parametrize(
    ("shape", "right"),
    [
        # an index key: a position from 0, whatever the numbers
        ([{"question": "CD?", "options": ["merge", "deliver", "test"], "answerIndex": 1}],
         ["deliver"]),
        # flags written as text, the option's text under "title"
        ({"questions": [{"title": "CSS?", "answers": [
            {"title": "Corner Case Syntax", "isCorrect": "false"},
            {"title": "Cascading Style Sheets", "isCorrect": "true"}]}]},
         ["Cascading Style Sheets"]),
        # options carrying their letters, the answer letters run together
        ([{"questionId": 1, "question": "Pick two", "answer": "AD",
           "options": ["A. one", "B. two", "C. three", "D. four"]}], ["one", "four"]),
        # options with their own ids, the answer under "correct_answer"
        ([{"question": "Which?", "correct_answer": "C", "options": [
            {"option_id": "A", "text": "x"}, {"option_id": "B", "text": "y"},
            {"option_id": "C", "text": "z"}]}], ["z"]),
    ],
)  # fmt: skip
def test_the_shapes_published_banks_use(shape: object, right: list[str]) -> None:
    (item,) = parse_json(json.dumps(shape, indent=2), file="b.json").items
    assert _right(item) == right
    assert not any(o.text[:3] in ("A. ", "B. ") for o in item.options)  # letters dropped


GROUPED = {
    "title": "Biology",
    "topics": [
        {"name": "Cells", "cards": [
            {"term": "Mitochondrion", "definition": "Organelle that makes ATP"},
            {"term": "Ribosome", "definition": "Organelle that builds proteins"}]},
        {"name": "Genetics", "cards": [
            {"term": "Allele", "definition": "One form of a gene", "topic": "Heredity"},
            {"term": "Genotype", "definition": "The genes an organism carries"}]},
    ],
}  # fmt: skip


def test_groups_of_cards_are_their_topics_each_card_on_its_line() -> None:
    text = json.dumps(GROUPED, indent=1)
    deck = parse_json(text, file="bio.json")
    assert deck.title == "Biology"
    assert [(c.term, c.topic) for c in deck.cards] == [
        ("Mitochondrion", "cells"), ("Ribosome", "cells"),
        ("Allele", "heredity"), ("Genotype", "genetics"),  # its own topic first
    ]  # fmt: skip
    lines = text.split("\n")
    assert [lines[c.line - 1].strip() for c in deck.cards] == ["{"] * 4
    assert [c.line for c in deck.cards] == sorted({c.line for c in deck.cards})
    # A card of a group missing its definition is named by its own line.
    broken = json.loads(json.dumps(GROUPED))
    del broken["topics"][1]["cards"][1]["definition"]
    text = json.dumps(broken, indent=1)
    with pytest.raises(DeckError, match="no term and definition among the fields 'term'") as e:
        parse_json(text, file="bio.json")
    assert e.value.line == deck.cards[3].line


def test_groups_of_questions_and_a_list_on_a_card_make_no_group() -> None:
    bank = [
        {"category": "Storage", "questions": [
            {"question": "Which stores objects?", "options": ["S3", "EC2"], "answer": "A"}]},
        {"category": "Compute", "questions": [
            {"question": "Which runs functions?", "options": ["Lambda", "S3"], "answer": "A"}]},
    ]  # fmt: skip
    deck = parse_json(json.dumps(bank), file="bank.json")
    assert [item.topic for item in deck.items] == ["storage", "compute"]
    cards = [{"term": f"t{n}", "definition": f"d{n}", "notes": ["x"]} for n in range(4)]
    assert [c.term for c in parse_json(json.dumps(cards), file="c.json").cards][:2] == ["t0", "t1"]


def test_prompts_and_responses_are_cards() -> None:
    # as tools that make flashcards with a language model write them
    rows = [{"prompt": f"p{k}", "response": f"r{k}"} for k in range(5)]
    deck = parse_json(json.dumps(rows), file="cards.json")
    assert [(c.term, c.definition) for c in deck.cards][:1] == [("p0", "r0")]
