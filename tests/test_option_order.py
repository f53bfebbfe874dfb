"""A written item's "All of the above" stays below the options it sums up, and an item whose
options or rationales name options by letter ("Both A and C") is asked in its written
order: shuffled like the others they would turn the question false."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.authored import Item, ItemOption
from exam_sim.decks.aiken import parse_aiken
from exam_sim.decks.gift import parse_gift
from exam_sim.decks.item_lint import lint_items
from exam_sim.enums import ItemKind
from exam_sim.exam.items import question_of, reshuffled
from exam_sim.option_order import anchored, shuffled_around


@pytest.mark.parametrize(
    "text",
    ["All of the above", "none of these", "Both of the above.", "Any of the preceding",
     "All the above", "None of them", "Toutes les réponses ci-dessus",
     "Aucune des propositions précédentes", "Keine der oben genannten", "Alle obigen",
     "Ninguna de las anteriores",
     "Todas las anteriores"],
)  # fmt: skip
def test_an_option_that_sums_up_the_others_keeps_its_place(text: str) -> None:
    assert anchored(["Paris", "Lyon", "Nice", text]) == {3}


@pytest.mark.parametrize(
    "text", ["Both A and C", "A and B", "A, B, and C", "Only A", "B & D are correct", "(A) or (C)"]
)
def test_an_option_of_letters_keeps_every_option_in_place(text: str) -> None:
    assert anchored(["DNS", "ARP", "DHCP", text]) == {0, 1, 2, 3}


def test_a_true_false_item_reads_true_then_false_as_written() -> None:
    assert anchored(["True", "False"]) == {0, 1}
    assert anchored(["true", "FALSE "]) == {0, 1}
    assert anchored(["True", "False", "Maybe"]) == frozenset()


@pytest.mark.parametrize(
    "options",
    [["C", "Java", "Go", "Rust"], ["Vitamin A", "Vitamin C", "Iron", "Zinc"],
     ["A/B testing", "Canary", "Blue/green", "Shadow"], ["A", "B", "AB", "O"],
     ["Above the fold", "Below", "Inline", "None"], ["All hands", "These days", "Neither", "Any"]],
)  # fmt: skip
def test_options_that_refer_to_nothing_are_shuffled(options: list[str]) -> None:
    assert anchored(options) == frozenset()


def test_a_remark_naming_an_option_by_letter_keeps_the_written_order() -> None:
    options = ["DNS", "ARP", "DHCP", "NTP"]
    assert anchored(options, ["Answer B: ARP maps IP to MAC; option C leases addresses."]) == {
        0, 1, 2, 3,
    }  # fmt: skip
    assert anchored(options, ["Vitamin C is not an option here."]) == frozenset()


TEXTS = st.lists(
    st.sampled_from(["Paris", "Lyon", "All of the above", "None of these", "Nice", "Lille"]),
    min_size=2, max_size=6, unique=True,
)  # fmt: skip


@given(TEXTS, st.integers(0, 10**6))
def test_a_shuffle_moves_only_the_free_options(texts: list[str], seed: int) -> None:
    order = shuffled_around(texts, (), random.Random(seed))
    assert sorted(order) == list(range(len(texts)))
    fixed = anchored(texts)
    assert all(order[n] == n for n in fixed)
    if not fixed:  # drawn as a plain shuffle: an item with nothing anchored is asked as before
        plain = list(range(len(texts)))
        random.Random(seed).shuffle(plain)
        assert order == plain


def _item(*texts: str, key: int, explanation: str = "") -> Item:
    options = tuple(ItemOption(text=t, correct=n == key) for n, t in enumerate(texts))
    return Item(id="q", kind=ItemKind.SINGLE, stem="Which?", options=options,
                explanation=explanation)  # fmt: skip


def test_asked_and_asked_again_all_of_the_above_stays_last() -> None:
    item = _item("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "All of the above", key=3)
    orders = set()
    for seed in range(12):
        question = question_of(item, None, seed=seed)
        assert question.options[3] == "All of the above" and question.answer == 3
        orders.add(question.options)
        again = reshuffled(question, random.Random(seed))
        assert again.options[3] == "All of the above" and again.answer == 3
    assert len(orders) > 1  # the others are still shuffled


def test_an_item_with_letters_is_asked_as_written() -> None:
    item = _item("DNS", "ARP", "DHCP", "Both A and C", key=1)
    for seed in range(8):
        question = question_of(item, None, seed=seed)
        assert question.options == ("DNS", "ARP", "DHCP", "Both A and C")
        assert reshuffled(question, random.Random(seed)).options == question.options


def test_check_says_which_options_keep_their_place() -> None:
    bank = """Which are private IPv4 ranges?
A. 10.0.0.0/8
B. 172.16.0.0/12
C. All of the above
ANSWER: C

Which protocol maps an IP address to a MAC address?
A. DNS
B. ARP
C. Both A and B
ANSWER: B

Which port does HTTPS use?
A. 80
B. 443
ANSWER: B
"""
    deck = parse_aiken(bank, file="net.txt")
    said = {f.card_ids[0]: f.message for f in lint_items(deck) if f.code == "item-fixed-order"}
    assert said == {
        "q1": "item 'q1' (line 1): option 3 'All of the above' keeps its written place when "
        "the others are shuffled (it sums them up)",
        "q2": "item 'q2' (line 7): its options are asked in their written order: an option, "
        "the explanation or a rationale names options by letter",
    }


def test_a_plain_exam_on_an_aiken_bank_keeps_all_of_the_above_last(tmp_path: Path) -> None:
    bank = tmp_path / "bank.txt"
    bank.write_text(
        "Which are private IPv4 ranges?\nA. 10.0.0.0/8\nB. 172.16.0.0/12\nC. 192.168.0.0/16\n"
        "D. All of the above\nANSWER: D\n",
        encoding="utf-8",
    )
    for seed in (1, 2, 3):
        out = subprocess.run(
            [sys.executable, "-m", "exam_sim", "exam", str(bank), "--plain", "--seed", str(seed)],
            input="submit\ny\n", capture_output=True, text=True, timeout=120, check=True,
            env={"EXAM_SIM_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
        ).stdout  # fmt: skip
        assert "D) All of the above" in out


def test_check_says_nothing_of_a_true_false_items_order() -> None:
    """True before False is the convention, not something its writer did: no finding (it
    was said to name options by letter)."""
    deck = parse_gift("::tf:: Glacier serves features in milliseconds. {F}\n", file="b.gift")
    assert [f for f in lint_items(deck) if f.code == "item-fixed-order"] == []
