"""Aiken and GIFT question banks: what they import into, refusals with file and line, and
nothing half-imported; a drill on an imported bank; properties of both parsers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exam_sim.decks.aiken import parse_aiken
from exam_sim.decks.gift import parse_gift
from exam_sim.decks.loader import import_deck, load_deck
from exam_sim.enums import ItemKind
from exam_sim.models import DeckError

DATA = Path(__file__).parent / "data"


def test_aiken_gives_single_answer_items() -> None:
    deck = load_deck(DATA / "bank-aiken.txt")  # a .txt file, told apart by its ANSWER lines
    assert not deck.cards and [i.id for i in deck.items] == ["q1", "q2", "q3"]
    first = deck.items[0]
    assert first.kind is ItemKind.SINGLE and first.line == 1
    assert [o.text for o in first.options if o.correct] == ["The online store"]
    assert [o.text for o in deck.items[1].options] == [
        "SageMaker Model Monitor", "SageMaker Clarify", "Amazon Macie",
    ]  # fmt: skip


def test_gift_gives_every_kind_it_has_with_feedback_weights_and_categories() -> None:
    deck = load_deck(DATA / "bank.gift")
    items = {item.id: item for item in deck.items}
    assert [t.name for t in deck.topics] == ["Data preparation", "Monitoring"]
    online = items["online-features"]
    assert online.kind is ItemKind.SINGLE and online.topic == "data-preparation"
    assert online.options[0].rationale.startswith("It keeps the latest value")
    assert online.explanation == "Feature Store keeps an online and an offline store."
    two = items["managed-prep"]
    assert two.kind is ItemKind.MULTIPLE and two.keys == 2
    assert two.stem.endswith("(Choose TWO.)")  # stated, as the exam states it
    assert [o.text for o in two.options if o.correct] == [
        "AWS Glue DataBrew", "SageMaker Data Wrangler",
    ]  # fmt: skip
    assert items["match-jobs"].kind is ItemKind.MATCHING
    assert items["match-jobs"].pairs[0].response == "watches deployed models for drift"
    assert [(o.text, o.correct) for o in items["glacier"].options] == [
        ("True", False), ("False", True),
    ]  # fmt: skip
    assert items["escapes"].stem.startswith("In GIFT: which character")
    assert [o.text for o in items["escapes"].options] == ["~", "=", "#"]
    assert items["drift"].topic == "monitoring" and items["drift"].line == 20


@pytest.mark.parametrize(
    ("reader", "text", "line", "problem"),
    [
        (parse_aiken, "Q?\nA. a\nB. b\n", 1, "the question has no ANSWER line after its options"),
        (parse_aiken, "Q?\nA. a\nB. b\n\nR?\nA. c\n", 1, "has no ANSWER line"),
        (parse_aiken, "Q?\nA. a\nB. b\nANSWER: C\n", 4, "the answer 'C' is not one of the options"),
        (parse_aiken, "Q?\nA. a\nC. b\nANSWER: A\n", 3, "option C comes where B was expected"),
        (parse_aiken, "Q?\nA. a\nB. b\nmore\nANSWER: A\n", 4, "must be the ANSWER line"),
        (parse_gift, "::a:: Capital of France? {=Paris =paris}\n", 1,
         "no question has options to choose from (short-answer (line 1)); exam-sim asks "
         "multiple-choice, multiple-response, true/false and matching questions"),
        (parse_gift, "\n\n::n:: How many? {#2:0.5}\n", 3, "(numerical (line 3))"),
        (parse_gift, "Write an essay. {}\n\nAnd {}\n", 1, "(2 essay (lines 1, 3))"),
        (parse_gift, "Paris is {=the} capital.\n\nParis is {T} big.\n", 1,
         "(short-answer (line 1), missing-word true/false (line 3))"),
        (parse_gift, "Open? {=yes ~no\n", 1, "opening brace { is never closed"),
        (parse_gift, "M {=a -> b ~c}\n", 1, "=prompt -> response"),
        (parse_gift, "Q {=a ~ ~c}\n", 1, "an answer (~) has no text"),
        (parse_gift, "// c\nNo braces here\n", 2, "a question needs its answers in braces"),
    ],
)  # fmt: skip
def test_anything_unsupported_is_refused_in_one_sentence_with_its_line(
    reader: object, text: str, line: int, problem: str
) -> None:
    with pytest.raises(DeckError) as caught:
        reader(text, file="bank.txt")  # type: ignore[operator]
    message = str(caught.value)
    assert message.startswith(f"bank.txt, line {line}: ") and problem in message
    assert "\n" not in message


def test_a_broken_bank_imports_nothing(tmp_path: Path, home: Path) -> None:
    good = (DATA / "bank.gift").read_text(encoding="utf-8")
    broken = tmp_path / "broken.gift"
    broken.write_text(good + "\n::Drift:: What drifts? {=data ~code\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "import", str(broken)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().endswith("line 36: the answers' opening brace { is never closed.")
    library = home / "decks"
    assert not library.exists() or not list(library.iterdir())


def test_questions_without_options_are_skipped_and_said(tmp_path: Path, home: Path) -> None:
    """A Moodle export mixes kinds: what has options to choose from is imported, and the
    summary names the kind and line of each question left out."""
    good = (DATA / "bank.gift").read_text(encoding="utf-8")
    mixed = tmp_path / "mixed.gift"
    mixed.write_text(
        good + "\n::Essay:: Explain drift. {}\n\n::N:: How many AZs? {#3}\n\n"
        "::S:: Name the store. {=Feature Store}\n\n::W:: Amazon {~EMR =S3 ~RDS} stores objects.\n",
        encoding="utf-8",
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "import", str(mixed)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert (
        "3 questions with no options to choose from skipped: essay (line 36), numerical "
        "(line 38), short-answer (line 40)"
    ) in done.stdout
    deck = load_deck(home / "decks" / "mixed.toml")
    assert len(deck.items) == len(parse_gift(good, file="bank.gift").items) + 1
    blank = deck.items[-1]  # a missing-word question: its options fill the blank
    assert blank.stem == "Amazon _____ stores objects."
    assert [(o.text, o.correct) for o in blank.options] == [
        ("EMR", False), ("S3", True), ("RDS", False),
    ]  # fmt: skip


def test_an_imported_gift_bank_runs_as_a_drill(home: Path) -> None:
    deck, target = import_deck(DATA / "bank.gift")
    assert target.exists() and load_deck(target).model_dump() == load_deck(target).model_dump()
    assert [i.id for i in load_deck(target).items] == [i.id for i in deck.items]
    out = subprocess.run(
        [sys.executable, "-m", "exam_sim", "drill", deck.id, "--plain", "--seed", "1"],
        input="quit\n", capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Drill · Bank · 6 questions" in out
    assert "Note: Only 6 questions could be made from the chosen items." in out  # not cards
    aiken, _ = import_deck(DATA / "bank-aiken.txt")
    out = subprocess.run(
        [sys.executable, "-m", "exam_sim", "drill", aiken.id, "--plain", "--seed", "1"],
        input="a\na\na\nquit\n", capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.count("saved: question") == 3 and "Correct" in out


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "exam_sim", *arguments], input="",
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def test_every_command_on_a_bank_says_what_it_holds(home: Path) -> None:
    """A bank has written questions and no cards: each card-only command says so in one
    sentence (before: `plan` crashed, `generate` spoke of 0 cards), `study` and `drill
    --weak` ask its questions, and counts say "6 items"."""
    import_deck(DATA / "bank.gift")
    assert _run("check", "bank").stdout.startswith(f"{home / 'decks' / 'bank.toml'}: 6 items, ")
    assert "  bank     6 items  Bank\n" in _run("decks").stdout
    study = _run("study", "bank", "--plain")  # its questions, every kind (test_study_items)
    assert study.returncode == 0 and study.stdout.startswith("Study · Bank · ")
    made = _run("generate", "bank")
    assert made.returncode == 2 and "has no cards to make questions from" in made.stderr
    weak = _run("drill", "bank", "--weak", "--plain")  # its items, by weakness
    assert weak.returncode == 0, weak.stderr
    assert "No answers on this deck yet, so these are items you have not seen." in weak.stdout
    plan = _run("plan", "bank", "--exam-date", "2099-01-01")
    assert plan.returncode == 0 and "Traceback" not in plan.stderr
    # forecast from the questions study asks (test_percent_decks)
    assert "too little history: 0 of 6 questions reviewed, at least 6 needed" in plan.stdout


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_words = (
    st.text(alphabet="abcdefghij klmnop?", min_size=1, max_size=30)
    .map(str.strip)
    .filter(lambda s: bool(s) and not s.upper().startswith("ANSWER"))
)


@st.composite
def _aiken_items(draw: st.DrawFn) -> list[tuple[str, list[str], int]]:
    items = []
    for _ in range(draw(st.integers(1, 4))):
        stem = draw(_words)
        options = draw(st.lists(_words, min_size=2, max_size=5, unique=True))
        items.append((stem, options, draw(st.integers(0, len(options) - 1))))
    return items


@SETTINGS
@given(_aiken_items())
def test_aiken_reads_back_what_was_written(items: list[tuple[str, list[str], int]]) -> None:
    blocks = []
    for stem, options, key in items:
        lettered = [f"{chr(65 + n)}. {option}" for n, option in enumerate(options)]
        blocks.append("\n".join([stem, *lettered, f"ANSWER: {chr(65 + key)}"]))
    text = "\n\n".join(blocks)
    deck = parse_aiken(text)
    for item, (stem, options, key) in zip(deck.items, items, strict=True):
        assert item.stem == stem and [o.text for o in item.options] == options
        assert [o.correct for o in item.options].index(True) == key


@SETTINGS
@given(st.text(alphabet="=~#{}:\\-> %$\nabcT", max_size=80))
def test_any_gift_text_is_read_or_refused_in_one_sentence(text: str) -> None:
    try:
        parse_gift(text, file="x.gift")
    except DeckError as error:
        assert "\n" not in str(error)


async def test_the_drill_dialog_counts_a_banks_items(tmp_path: Path) -> None:
    """It said "0 cards selected: choose fewer topics or tags" on a bank, whose drill asks
    its 6 items."""
    from textual.widgets import SelectionList, Static

    from exam_sim.exam import drill_items
    from exam_sim.tui.app import create_app

    deck = load_deck(DATA / "bank.gift")
    assert drill_items(deck) == 6 and drill_items(deck, ["data-preparation"]) == 2
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(DATA / "bank.gift"))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.press("d")
        await pilot.pause()
        selected = app.screen.query_one("#drill-selected", Static)
        assert str(selected.render()) == "6 items selected: at most 6 questions can be made."
        # The rule above the list says what a bank holds: items (it said "Cards").
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert any("Items in any chosen topic; nothing chosen: every item." in t for t in texts), (
            texts
        )
        app.screen.query_one(SelectionList).select("topic:data-preparation")
        await pilot.pause()
        assert str(selected.render()).startswith("2 items selected")


def test_an_aiken_bank_says_once_where_its_rationales_can_go() -> None:
    deck = parse_aiken("Q?\nA. a\nB. b\nANSWER: A\n", file="bank.txt")
    assert deck.notes == (
        "Aiken has no place for rationales or documentation links; the native file exam-sim "
        "import writes has both",
    )


@pytest.mark.parametrize(
    ("text", "stem"),
    [
        ("The capital of France is {=Paris ~Lyon ~Nice}.", "The capital of France is _____."),
        ("Port {=22 ~21 ~23}, says the SSH manual.", "Port _____, says the SSH manual."),
        ("{=TCP ~UDP ~ICMP} uses a three-way handshake.", "_____ uses a three-way handshake."),
    ],
)
def test_a_missing_word_question_shows_its_blank_where_the_braces_stood(
    text: str, stem: str
) -> None:
    (item,) = parse_gift(text + "\n", file="bank.gift").items
    assert item.stem == stem
    assert [o.correct for o in item.options] == [True, False, False]
