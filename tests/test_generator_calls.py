"""Names written as calls: "Like find(), but raises ValueError…" (str.index) names
str.find(sub), which is then no wrong option beside it (it was offered in 10 of 10 seeds),
and a definition that calls the asked function gives itself away as its wrong option."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_sim.decks.loader import load_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.calls import called_name, calls
from exam_sim.models import Direction


@pytest.mark.parametrize(
    ("term", "name"),
    [
        ("str.find(sub)", "str.find"),
        ("len(s)", "len"),
        ("dict.get(key[, default])", "dict.get"),
        ("os.path.join(path, *paths)", "os.path.join"),
        ("zip(*iterables)", "zip"),
        ("Amazon S3", None),
        ("Probability Mass Function (PMF)", None),  # a bracket after a space: no call
        ("f(x) = y", None),
        ("3(x)", None),
    ],
)
def test_a_term_written_as_a_call_is_called_by_its_name(term: str, name: str | None) -> None:
    assert called_name(term) == name


@pytest.mark.parametrize(
    ("text", "name", "called"),
    [
        ("Like find(), but raises ValueError when sub is not found", "str.find", True),
        ("Find(x) returns the lowest index", "str.find", True),
        ("Same as str.find(sub)", "str.find", True),
        ("Joins them as path.join() does", "os.path.join", True),
        ("Same as bytes.find()", "str.find", False),  # another type's find
        ("Calls refind() first", "str.find", False),
        ("Finds the lowest index", "str.find", False),  # no call
        ("Lowest index of sub (or -1) in the string", "str.find", False),
    ],
)
def test_a_text_calls_a_card_by_its_name_or_its_last_part(
    text: str, name: str, called: bool
) -> None:
    assert calls(text, name) is called


def _code_deck(tmp_path: Path) -> Path:
    rows = [
        ("str.find(sub)", "Lowest index of sub in the string, or -1 when not found"),
        ("str.index(sub)", "Like find(), but raises ValueError when sub is not found"),
        ("str.rfind(sub)", "Highest index of sub in the string, or -1 when not found"),
        ("str.count(sub)", "Number of non-overlapping occurrences of sub in the string"),
        ("str.startswith(prefix)", "True when the string starts with the prefix"),
        ("str.endswith(suffix)", "True when the string ends with the suffix"),
        ("str.split(sep=None)", "Splits the string at sep into a list of strings"),
        ("str.replace(old, new)", "Returns a copy with every old substring replaced by new"),
    ]
    path = tmp_path / "code.tsv"
    path.write_text("".join(f"{t}\t{d}\n" for t, d in rows), encoding="utf-8")
    return path


def test_a_function_the_stem_calls_is_no_wrong_option(tmp_path: Path) -> None:
    deck = load_deck(_code_deck(tmp_path))
    generator = QuestionGenerator(deck)
    index_card = next(c for c in deck.cards if c.term == "str.index(sub)")
    for seed in range(20):
        question = generator.question(index_card.id, Direction.DEFINITION_TO_TERM, seed=seed)
        assert "str.find(sub)" not in question.options, question


def test_a_definition_calling_the_asked_function_names_it(tmp_path: Path) -> None:
    """What keeps "Like find(), …" from str.find's own options (`DeckIndex.named_in`,
    read by every free-elimination rule)."""
    deck = load_deck(_code_deck(tmp_path))
    ix = QuestionGenerator(deck)._index
    find = ix.position[next(c.id for c in deck.cards if c.term == "str.find(sub)")]
    rfind = ix.position[next(c.id for c in deck.cards if c.term == "str.rfind(sub)")]
    said = "Like find(), but raises ValueError when sub is not found"
    assert ix.named_in(said, find)
    assert not ix.named_in(said, rfind)
