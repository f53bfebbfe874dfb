"""Inline Markdown in the fields of decks that are not Markdown files (a CSV written with a
chat assistant, an Anki export): the marks are dropped when a field holds them paired, and
a field without them is read as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import resolve_deck
from exam_sim.decks.common import clean_field
from exam_sim.decks.markdown_text import looks_like_inline_markdown
from exam_sim.generator import QuestionGenerator


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("**Amazon S3**", "Amazon S3"),
        ("`EC2` instances", "EC2 instances"),
        ("Store in [S3](https://aws.amazon.com/s3) buckets", "Store in S3 buckets"),
        ("see [[Page|the page]] and [[Other#Part]]", "see the page and Other"),
        ("*not* this, **that**", "not this, that"),
        ("Use `**kwargs` for keywords", "Use **kwargs for keywords"),
        # No paired mark: as written, backslashes and all.
        ("5 * 3 * 2", "5 * 3 * 2"),
        ("a*b*c", "a*b*c"),
        ("2**10 = 1024", "2**10 = 1024"),
        ("**kwargs and **args", "**kwargs and **args"),
        ("__init__ runs first", "__init__ runs first"),
        ("snake_case_name", "snake_case_name"),
        (r"\d+ matches digits, \. a dot", r"\d+ matches digits, \. a dot"),
        ("C:\\Users\\me", "C:\\Users\\me"),
        ("  [bold]markup[/]  ", "[bold]markup[/]"),
    ],
)
def test_a_field_loses_its_markdown_marks_and_nothing_else(field: str, text: str) -> None:
    assert clean_field(field) == text


@given(st.text(max_size=60))
def test_a_field_without_paired_marks_is_only_stripped(field: str) -> None:
    if not looks_like_inline_markdown(field) and "<" not in field and "&" not in field:
        assert clean_field(field) == field.strip()


def test_a_csv_in_markdown_gives_options_without_marks(tmp_path: Path) -> None:
    """Bold terms and code spans in a CSV: the cards, and every option of every question,
    read without them (shown as written, only some options carried them: a cue)."""
    rows = [
        ("**Amazon S3**", "Object storage with `buckets` and keys"),
        ("Amazon EBS", "Block storage volumes for **EC2** instances"),
        ("**Amazon EFS**", "A shared file system that many instances mount at once"),
        ("Amazon FSx", "Managed file systems such as *Lustre* or Windows File Server"),
        ("`AWS Glue`", "Serverless ETL jobs and a data catalog"),
        ("Amazon Athena", "SQL queries on files in S3, paid per data scanned"),
    ]
    path = tmp_path / "storage.csv"
    path.write_text("\n".join(f"{t},{d}" for t, d in rows) + "\n", encoding="utf-8")
    deck = resolve_deck(str(path))
    texts = [text for card in deck.cards for text in (card.term, card.definition)]
    assert (
        "Amazon S3" in texts and "A shared file system that many instances mount at once" in texts
    )
    assert not any(mark in text for text in texts for mark in ("**", "`", "*"))
    generator = QuestionGenerator(deck)
    for card in deck.cards:
        for direction in generator.directions_for(card.id):
            question = generator.question(card.id, direction, seed=1)
            assert not any("*" in option or "`" in option for option in question.options)


def test_a_text_file_of_alternating_lines_loads_as_written(tmp_path: Path) -> None:
    """That format reads every line as written (tests/test_decks_fuzz.py holds it to
    that): its marks stay."""
    path = tmp_path / "notes.txt"
    path.write_text("**Bias**\nError from *wrong* assumptions\nVariance\nError from `noise`\n")
    deck = resolve_deck(str(path))
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("**Bias**", "Error from *wrong* assumptions"),
        ("Variance", "Error from `noise`"),
    ]
