"""GIFT answers with weights (`~%50%A ~%50%B ~%-100%C`): the options of positive weight are
the keys, the weights are kept in the native item (written and read back) and shown with
the rationale; a weight set that all-or-nothing scoring cannot honour is refused in one
line naming the file and the line, and nothing is imported."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exam_sim.decks.gift import parse_gift
from exam_sim.decks.loader import load_deck
from exam_sim.decks.native import write_native
from exam_sim.enums import ItemKind
from exam_sim.exam.items import question_of
from exam_sim.models import DeckError

DATA = Path(__file__).parent / "data"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_bundled_example_keeps_its_weights() -> None:
    two = {item.id: item for item in load_deck(DATA / "bank.gift").items}["managed-prep"]
    assert [(o.correct, o.weight) for o in two.options] == [
        (True, 50.0), (True, 50.0), (False, -100.0), (False, -100.0),
    ]  # fmt: skip
    question = question_of(two, None, seed=1)
    for n, why in enumerate(question.explanations):
        weight = "50%" if n in question.keys else "-100%"
        assert why.startswith(f"{weight} of the mark in its bank. ")  # shown in feedback and review


def test_unweighted_items_have_no_weights() -> None:
    deck = parse_gift("::s:: Which? {=a ~b ~c}\n", file="b.gift")
    assert [o.weight for o in deck.items[0].options] == [None, None, None]


def test_a_penalty_on_a_wrong_answer_keeps_a_single_answer() -> None:
    item = parse_gift("Which? {=a ~%-50%b ~c}\n", file="b.gift").items[0]
    assert item.kind is ItemKind.SINGLE
    assert [(o.correct, o.weight) for o in item.options] == [
        (True, 100.0), (False, -50.0), (False, None),
    ]  # fmt: skip


@st.composite
def _weighted_answers(draw: st.DrawFn) -> list[tuple[str, float]]:
    """Answers whose positive weights add up to 100, with wrong ones of weight ≤ 0."""
    keys = draw(st.integers(1, 4))
    cuts = sorted(draw(st.lists(st.integers(1, 99), min_size=keys - 1, max_size=keys - 1,
                                unique=True)))  # fmt: skip
    positive = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    wrong = draw(st.lists(st.sampled_from([0, -25, -50, -100]), min_size=1, max_size=3))
    weights = draw(st.permutations([float(w) for w in positive + wrong]))
    return [(f"answer {n}", w) for n, w in enumerate(weights)]


@SETTINGS
@given(_weighted_answers())
def test_weights_give_the_keys_and_round_trip(answers: list[tuple[str, float]]) -> None:
    body = " ".join(f"~%{w:g}%{text}" for text, w in answers)
    deck = parse_gift(f"::w:: Which ones? {{{body}}}\n", file="w.gift")
    item = deck.items[0]
    keys = [text for text, w in answers if w > 0]
    assert [o.text for o in item.options if o.correct] == keys
    assert [o.weight for o in item.options] == [w for _, w in answers]
    assert item.kind is (ItemKind.MULTIPLE if len(keys) > 1 else ItemKind.SINGLE)
    with tempfile.TemporaryDirectory() as folder:  # hypothesis runs many examples per test
        again = load_deck(write_native(deck, Path(folder) / "w.toml"))
    assert again.items[0].options == item.options


@SETTINGS
@given(
    st.lists(st.integers(1, 100), min_size=1, max_size=4).filter(lambda ws: sum(ws) != 100),
    st.integers(0, 5),
)
def test_positive_weights_not_adding_up_to_100_are_refused(weights: list[int], blank: int) -> None:
    body = " ".join(f"~%{w}%a{n}" for n, w in enumerate(weights)) + " ~%-100%wrong"
    text = "\n" * blank + f"::w:: Which? {{{body}}}\n"
    with pytest.raises(DeckError) as caught:
        parse_gift(text, file="w.gift")
    message = str(caught.value)
    assert message.startswith(f"w.gift, line {blank + 1}: the positive weights add up to ")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ("=a ~%50%b ~c", "the positive weights add up to 150%, not 100%"),
        ("~%33%a ~%33%b ~%33%c ~d", "the positive weights add up to 99%, not 100%"),
        ("=%-50%a ~b", "a right answer (=) has the weight %-50%"),
        ("~%150%a ~b", "the weight %150% is outside -100% to 100%"),
        ("~%-50%a ~%0%b", "no option has a positive weight, so none is correct"),
    ],
)
def test_weights_all_or_nothing_cannot_honour_are_refused(answers: str, problem: str) -> None:
    with pytest.raises(DeckError) as caught:
        parse_gift(f"// bank\n::w:: Which? {{{answers}}}\n", file="w.gift")
    assert str(caught.value).startswith(f"w.gift, line 2: {problem}")


def test_thirds_written_to_one_decimal_are_whole() -> None:
    item = parse_gift("Which? {~%33.3%a ~%33.3%b ~%33.3%c ~%-100%d}", file="b.gift").items[0]
    assert item.kind is ItemKind.MULTIPLE and item.keys == 3


def test_import_refuses_a_bad_weight_set_and_imports_nothing(tmp_path: Path, home: Path) -> None:
    good = (DATA / "bank.gift").read_text(encoding="utf-8")
    broken = tmp_path / "weights.gift"
    broken.write_text(good + "\n::Half::Which TWO? {~%50%a ~%40%b ~%-100%c}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "import", str(broken)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "weights.gift, line 36: the positive weights add up to 90%, not 100%" in done.stderr
    library = home / "decks"
    assert not library.exists() or not list(library.iterdir())


def test_an_imported_weighted_bank_keeps_and_shows_its_weights(tmp_path: Path, home: Path) -> None:
    bank = tmp_path / "weighted.gift"
    bank.write_text("::Prep::Which TWO prepare data? {~%50%DataBrew #Serverless. "
                    "~%50%Data Wrangler ~%-100%Macie ~%0%EC2}\n", encoding="utf-8")  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "import", str(bank)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "Imported 1 item from" in done.stdout
    written = (home / "decks" / "weighted.toml").read_text(encoding="utf-8")
    assert written.count("weight = 50.0") == 2 and "weight = -100.0" in written
    assert "weight = 0.0" in written
    out = subprocess.run(
        [sys.executable, "-m", "exam_sim", "drill", "weighted", "--plain", "--seed", "1"],
        input="a b\nquit\n", capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "50% of the mark in its bank. Serverless." in out
    assert "-100% of the mark in its bank." in out


def test_a_native_item_whose_weights_disagree_with_its_keys_is_refused(tmp_path: Path) -> None:
    deck = tmp_path / "n.toml"
    deck.write_text(
        'format = "exam-sim/1"\nid = "n"\ntitle = "n"\n\n[[items]]\nid = "two"\n'
        'type = "multiple"\nstem = "Which TWO? (Choose TWO.)"\n'
        '[[items.options]]\ntext = "A"\ncorrect = true\nweight = 50\n'
        '[[items.options]]\ntext = "B"\nweight = 50\n'
        '[[items.options]]\ntext = "C"\ncorrect = true\nweight = -100\n',
        encoding="utf-8",
    )
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    assert str(caught.value) == (
        f"{deck}, line 5: item 'two': the option 'B' weighs 50% but is marked not correct "
        "(correct options are those of positive weight)."
    )
