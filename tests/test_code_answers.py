"""Answers written as code ("lst.sort()", "sorted(lst)", "lst[::-1]") are expressions
whose identity is the whole of them, as a formula's is: their only words are
identifiers, which they share, so they read as one meaning before and the classic
confusion (sort, sorted) was never offered (docs/generator.md, *formulas*)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Deck, make_card
from exam_sim.text import is_code

PYTHON = [
    ("How do you reverse a list?", "lst[::-1]"),
    ("How do you get the length of a list?", "len(lst)"),
    ("How do you add an item to the end of a list?", "lst.append(x)"),
    ("How do you remove the last item of a list and return it?", "lst.pop()"),
    ("How do you sort a list in place?", "lst.sort()"),
    ("How do you get a sorted copy of a list?", "sorted(lst)"),
    ("How do you join a list of strings with commas?", "','.join(items)"),
    ("How do you iterate over a dict's keys and values?", "d.items()"),
    ("How do you split a string on whitespace?", "s.split()"),
]


def test_what_is_code() -> None:
    for text in ("lst[::-1]", "len(lst)", "','.join(items)", "d.get(key, default)", "set()"):
        assert is_code(text), text
    for text in ("prices) with log(x)", "key in d", "Amazon S3 (Simple Storage)", "e.g. a list"):
        assert not is_code(text), text
    assert not is_code("Replaces each value x of a skewed feature with log(x)")  # a sentence


def test_code_answers_sharing_their_names_are_two_expressions() -> None:
    deck = Deck(id="py", title="Python", cards=[make_card(q, a) for q, a in PYTHON])
    ix = QuestionGenerator(deck).index
    n = len(PYTHON)
    assert not [(i, j) for i in range(n) for j in range(i + 1, n) if ix.same_thing(i, j)]
    assert not [f for f in check_deck(deck) if f.code == "definition-overlap"]


def test_one_expression_written_twice_is_one() -> None:
    cards = [make_card(q, a) for q, a in PYTHON[:4]]
    cards.append(make_card("How do you flip a list?", "lst[::-1]"))
    ix = QuestionGenerator(Deck(id="py", title="Python", cards=cards)).index
    assert ix.same_thing(0, 4)


_NAMES = st.sampled_from(["lst", "items", "d", "s", "xs"])
_CALLS = st.sampled_from(["sort", "pop", "copy", "clear", "reverse", "index", "count"])


@given(st.lists(st.tuples(_NAMES, _CALLS), min_size=2, max_size=6, unique=True))
def test_calls_on_one_name_are_never_one_meaning(calls: list[tuple[str, str]]) -> None:
    cards = [
        make_card(f"q{k}", f"{name}.{call}()", id=f"c{k}") for k, (name, call) in enumerate(calls)
    ]
    cards += [make_card("river", "flowing water"), make_card("stone", "a hard mineral")]
    ix = QuestionGenerator(Deck(id="py", title="Python", cards=cards)).index
    for i in range(len(calls)):
        for j in range(i + 1, len(calls)):
            assert not ix.same_thing(i, j), (calls[i], calls[j])
