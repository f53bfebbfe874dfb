"""Authored items in the native format: loading, round trip, refused shapes, `check` lints."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_sim.decks.check import check_deck
from exam_sim.decks.native import deck_to_toml, parse_native, read_native
from exam_sim.enums import ItemKind
from exam_sim.exam.items import question_of
from exam_sim.models import Answer, DeckError

DATA = Path(__file__).parent / "data"
AUTHORED = DATA / "authored.toml"


def test_every_item_type_loads_with_cases_references_and_unscored() -> None:
    deck = read_native(AUTHORED)
    assert [item.kind for item in deck.items] == [
        ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.ORDERING, ItemKind.MATCHING,
    ]  # fmt: skip
    assert deck.blueprint is not None and deck.blueprint.unscored == 2
    assert deck.cards[0].references == (
        "https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store.html",
    )
    single = deck.items[0]
    assert single.case == "retail-forecasting" and single.line == 66
    assert deck.case("retail-forecasting") is not None
    assert deck.items[1].keys == 2
    assert deck.items[3].extra_responses == ("Amazon Macie",)


def test_written_deck_reads_back_the_same() -> None:
    deck = read_native(AUTHORED)
    again = parse_native(deck_to_toml(deck))
    assert again.model_dump() == deck.model_dump()


def _broken(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = AUTHORED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ('type = "ordering"', 'type = "order"', 123,
         "type must be single, multiple, ordering or matching, not 'order'"),
        ('case = "retail-forecasting"', 'case = "retail"', 66,
         "unknown case 'retail' (cases: retail-forecasting)"),
        ("correct = true", 'correct = "yes"', 66, "option 1: 'correct' must be true or false"),
        ('topic = "ops"\ncase', 'topic = "nope"\ncase', 93, "unknown topic 'nope'"),
        ('\ncorrect = true\nrationale = "Model quality', '\nrationale = "Model quality', 93,
         "a multiple item needs at least 2 correct options"),
        ('\n[[items.steps]]\ntext = "Schedule', '\n[[items.pairs]]\nprompt = "x"\nresponse = "y"\n'
         '[[items.steps]]\ntext = "Schedule', 123, "a ordering item has no 'pairs'"),
        ('id = "service-match"', 'id = "monitor-setup-order"', 146,
         "item id 'monitor-setup-order' is used twice (first on line 123)"),
        ('unscored = 2', 'unscored = 10', 6, "unscored must be below questions"),
        # The history keeps one schedule per id: a study session asked the item where the
        # card was due (the bundled MLA-C01 deck had three such ids).
        ('id = "service-match"', 'id = "feature-store"', 146,
         "item id 'feature-store' is also the id of a card (line 22): the history keeps one "
         "schedule per id, so give the item an id of its own"),
    ],
)  # fmt: skip
def test_broken_item_is_refused_in_one_sentence_with_its_line(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    with pytest.raises(DeckError) as caught:
        read_native(_broken(tmp_path, old, new))
    text = str(caught.value)
    assert f"line {line}:" in text and message in text
    assert "\n" not in text


def test_ordering_with_two_steps_and_matching_with_eight_pairs_are_refused(tmp_path: Path) -> None:
    text = AUTHORED.read_text(encoding="utf-8")
    steps = text.split("[[items.steps]]")
    two_steps = "[[items.steps]]".join(steps[:3]) + text[text.index('[[items]]\nid = "service') :]
    path = tmp_path / "two.toml"
    path.write_text(two_steps, encoding="utf-8")
    with pytest.raises(DeckError, match=r"line 123: .*3 to 5 steps, not 2"):
        read_native(path)
    pair = '\n[[items.pairs]]\nprompt = "P{n}"\nresponse = "R{n}"\n'
    path.write_text(text + "".join(pair.format(n=n) for n in range(5)), encoding="utf-8")
    with pytest.raises(DeckError, match=r"line 146: .*3 to 7 pairs, not 8"):
        read_native(path)


def _codes(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in check_deck(read_native(path)):
        found.setdefault(finding.code, []).append(finding.message)
    return found


def test_check_is_quiet_on_a_good_authored_deck() -> None:
    codes = _codes(AUTHORED)
    assert not [c for c in codes if c.startswith("item-") and c != "item-no-reference"]


def test_check_lints_choose_count_duplicates_echo_and_rationale(tmp_path: Path) -> None:
    path = _broken(tmp_path, "(Choose TWO.)", "(Choose THREE.)")
    assert "the stem says choose 3 but 2 options are correct" in _codes(path)[
        "item-choose-mismatch"][0]  # fmt: skip
    path = _broken(tmp_path, 'text = "AWS Artifact"', 'text = "Amazon Macie"')
    assert "'Amazon Macie' is offered twice" in _codes(path)["item-duplicate-option"][0]
    echo = "Enable data capture on the endpoint. Put the steps to"
    path = _broken(tmp_path, "Put the steps to", echo)
    assert "repeats the option" in _codes(path)["item-option-in-stem"][0]
    macie = 'rationale = "Macie finds sensitive data in S3; it does not watch model quality."'
    path = _broken(tmp_path, macie, "")
    message = _codes(path)["item-no-rationale"][0]
    assert "item 'monitoring-two' (line 93): option C has no rationale" in message
    path = _broken(tmp_path, " (Choose TWO.)", "")
    assert '"(Choose TWO.)"' in _codes(path)["item-choose-unstated"][0]


@pytest.mark.parametrize("seed", range(5))
def test_items_become_questions_whose_keys_score(seed: int) -> None:
    deck = read_native(AUTHORED)
    for item in deck.items:
        question = question_of(item, deck.case(item.case), seed=seed)
        assert question.kind is item.kind and question.id == f"item:{item.id}"
        right = Answer(position=0, response=question.key_set)
        if item.kind is ItemKind.SINGLE:
            right = Answer(position=0, choice=question.answer)
            assert question.options[question.answer] == next(
                o.text for o in item.options if o.correct)  # fmt: skip
        assert right.is_correct(question)
        if item.kind is ItemKind.ORDERING:
            shown = [question.options[k] for k in question.keys]
            assert shown == [step.text for step in item.steps]
            assert list(question.keys) != sorted(question.keys)  # never shown in order
        if item.kind is ItemKind.MATCHING:
            got = {question.prompts[p]: question.options[k] for p, k in enumerate(question.keys)}
            assert got == {pair.prompt: pair.response for pair in item.pairs}
        if item.case:
            assert question.scenario.startswith("A retail company")


def test_a_deck_made_in_code_refuses_an_item_with_a_cards_id_too() -> None:
    """Every reader (and a deck built in code) meets the rule, on the fast path of a deck
    whose cards are plainly consistent as well."""
    from pydantic import ValidationError

    from exam_sim.authored import Item, ItemOption
    from exam_sim.models import Deck, make_card

    cards = (make_card("TCP", "Reliable transport", id="tcp"),
             make_card("UDP", "Unreliable transport", id="udp"))  # fmt: skip
    item = Item(id="tcp", kind="single", stem="Which is reliable?",
                options=(ItemOption(text="TCP", correct=True), ItemOption(text="UDP")))  # fmt: skip
    with pytest.raises(ValidationError, match="item id 'tcp' is also the id of a card"):
        Deck(id="d", title="D", cards=cards, items=(item,))
    assert Deck(id="d", title="D", cards=cards, items=(item.model_copy(update={"id": "q"}),))


def test_a_bank_without_any_rationale_is_told_so_once_not_option_by_option() -> None:
    from exam_sim.decks.aiken import parse_aiken

    bank = "Which service stores objects?\nA. Amazon S3\nB. Amazon EBS\nC. AWS Lambda\nANSWER: A\n"
    messages = [f.message for f in check_deck(parse_aiken(bank, file="bank.txt"))]
    assert "item 'q1' (line 1): no option has a rationale, and the item has no explanation" in (
        messages
    )  # before: "options 1, 2, 3 have no rationale", where the file letters them A–C
