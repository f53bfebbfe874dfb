"""The bundled MLA-C01 bank: the deck (blueprint, domains, task statements, references) and
its authored scenario items (in the same file), whose shape is checked
here with tomllib because the deck loader does not read items yet."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from exam_sim import paths
from exam_sim.decks import list_decks, load_deck, resolve_deck
from exam_sim.exam import allocate
from exam_sim.generator import BLANK, QuestionGenerator
from exam_sim.models import Deck
from exam_sim.paths import bundled_dir
from exam_sim.text import fold

BANK = bundled_dir() / "aws-mla-c01.toml"
ITEMS = bundled_dir() / "aws-mla-c01.toml"  # the authored items sit in the deck file
DOC = Path(__file__).resolve().parent.parent / "docs" / "decks.md"

TOPICS = [
    ("data-preparation", "Data Preparation for Machine Learning", 0.28),
    ("model-development", "ML Model Development", 0.26),
    ("deployment-orchestration", "Deployment and Orchestration of ML Workflows", 0.22),
    ("monitoring-security", "ML Solution Monitoring, Maintenance, and Security", 0.24),
]

# The exam guide's task statements, as the tag every card of the statement carries.
TASK_TAGS = {
    "ingest-and-store": "data-preparation",
    "transform-and-engineer": "data-preparation",
    "data-integrity": "data-preparation",
    "modeling-approach": "model-development",
    "train-and-refine": "model-development",
    "model-performance": "model-development",
    "deployment-infrastructure": "deployment-orchestration",
    "infrastructure-scripting": "deployment-orchestration",
    "ci-cd": "deployment-orchestration",
    "monitor-inference": "monitoring-security",
    "infrastructure-and-costs": "monitoring-security",
    "security": "monitoring-security",
}
URL = re.compile(r"^https://\S+$")
CHOOSE = {"TWO": 2, "THREE": 3, "FOUR": 4}


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(BANK)


@pytest.fixture(scope="module")
def items_file() -> dict[str, Any]:
    return tomllib.loads(ITEMS.read_text(encoding="utf-8"))


def test_the_deck_is_bundled_and_found_by_id(deck: Deck) -> None:
    assert resolve_deck("aws-mla-c01").model_dump() == deck.model_dump()
    listed = {info.id: info for info in list_decks()}
    assert listed["aws-mla-c01"].cards == len(deck.cards)
    assert listed["aws-mla-c01"].where == "bundled"
    # The items file beside it is part of the deck, never listed as a deck of its own.
    assert all(not str(info.path).endswith(".items.toml") for info in list_decks())
    assert all(info.error is None for info in list_decks())


def test_exam_sim_decks_shows_the_exam_and_its_four_domains() -> None:
    run = [sys.executable, "-m", "exam_sim", "decks"]
    text = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    block = text.split("aws-mla-c01", 1)[1].split("\n\n", 1)[0]
    assert "AWS Certified Machine Learning Engineer – Associate (MLA-C01)" in block
    assert "exam: 65 questions, 130 min, pass 720/1000" in block
    for _, name, weight in TOPICS:
        assert re.search(rf"{re.escape(name)}\s+\d+\s+{round(weight * 100)}%", block), name
    listing = subprocess.run([*run, "--json"], capture_output=True, text=True, check=True)
    deck = next(d for d in json.loads(listing.stdout) if d["id"] == "aws-mla-c01")
    assert deck["blueprint"]["minutes"] == 130 and deck["blueprint"]["pass_score"] == 720
    assert [t["weight"] for t in deck["topics"]] == [w for _, _, w in TOPICS]


def test_header_and_blueprint(deck: Deck) -> None:
    assert deck.title == "AWS Certified Machine Learning Engineer – Associate (MLA-C01)"
    assert "MLS-C01" in deck.description and "no longer available" in deck.description
    blueprint = deck.blueprint
    assert blueprint is not None
    assert (blueprint.questions, blueprint.minutes) == (65, 130)
    assert (blueprint.score_min, blueprint.score_max, blueprint.pass_score) == (100, 1000, 720)
    assert blueprint.scaled_estimate is True
    # With 100 + 900 × fraction, 45 of 65 is the lowest passing raw score (docs say so).
    assert blueprint.scaled(45 / 65) >= 720 > blueprint.scaled(44 / 65)
    # AWS: 15 of the 65 items are unscored
    assert blueprint.unscored == 15


def test_four_domains_with_the_official_weights(deck: Deck) -> None:
    assert [(t.id, t.name, t.weight) for t in deck.topics] == TOPICS
    assert sum(t.weight or 0 for t in deck.topics) == pytest.approx(1.0)


def test_150_cards_each_citing_documentation(deck: Deck) -> None:
    assert len(deck.cards) >= 150
    for card in deck.cards:
        assert card.references, card.id
        for url in card.references:
            assert URL.match(url), (card.id, url)


def test_every_task_statement_is_covered_by_its_domain(deck: Deck) -> None:
    by_task = Counter(tag for card in deck.cards for tag in card.tags if tag in TASK_TAGS)
    assert set(by_task) == set(TASK_TAGS)
    assert min(by_task.values()) >= 10, by_task
    for card in deck.cards:
        tasks = [tag for tag in card.tags if tag in TASK_TAGS]
        assert len(tasks) == 1, card.id
        assert TASK_TAGS[tasks[0]] == card.topic, card.id


def test_a_full_mock_needs_no_card_twice(deck: Deck) -> None:
    weights = {topic.id: topic.weight or 0.0 for topic in deck.topics}
    wanted = allocate(65, weights)
    counts = deck.topic_counts()
    for topic, questions in wanted.items():
        assert counts[topic] >= questions, topic


def test_every_card_is_asked_and_no_option_carries_a_blank(deck: Deck) -> None:
    generator = QuestionGenerator(deck)
    for card in deck.cards:
        directions = generator.directions_for(card.id)
        assert directions, card.id
        for direction in directions:
            question = generator.question(card.id, direction, seed=0)
            assert not any(BLANK in option for option in question.options), question.id


def test_no_two_cards_share_a_name(deck: Deck) -> None:
    owners: dict[str, str] = {}
    for card in deck.cards:
        for name in {fold(n) for n in card.names}:
            assert name not in owners, (name, owners.get(name), card.id)
            owners[name] = card.id


def test_docs_list_every_card_under_its_task_statement(deck: Deck) -> None:
    doc = DOC.read_text(encoding="utf-8")
    section = doc.split("## The MLA-C01 bank", 1)[1]
    for card in deck.cards:
        assert f"`{card.id}`" in section, card.id
    for tag in TASK_TAGS:
        assert f"`{tag}`" in section, tag


# ---------------------------------------------------------------- authored items


def _items(data: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = data["items"]
    return items


def test_the_deck_file_holds_cases_and_items(items_file: dict[str, Any]) -> None:
    assert {"cases", "items", "cards"} <= set(items_file)


def test_item_counts_by_type(items_file: dict[str, Any]) -> None:
    items = _items(items_file)
    types = Counter(item["type"] for item in items)
    assert len(items) >= 40
    assert set(types) == {"single", "multiple", "ordering", "matching"}
    assert types["ordering"] >= 5 and types["matching"] >= 5 and types["multiple"] >= 5


def test_ids_are_unique(items_file: dict[str, Any]) -> None:
    ids = [item["id"] for item in _items(items_file)]
    assert len(ids) == len(set(ids))
    case_ids = [case["id"] for case in items_file["cases"]]
    assert len(case_ids) == len(set(case_ids))
    for some_id in ids + case_ids:
        assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*", some_id), some_id


def test_case_studies_have_three_items_or_more(items_file: dict[str, Any]) -> None:
    cases = {case["id"]: case for case in items_file["cases"]}
    assert len(cases) >= 2
    for case in cases.values():
        assert case["title"].strip() and len(case["scenario"].split(". ")) >= 3
    used = Counter(item["case"] for item in _items(items_file) if "case" in item)
    assert set(used) == set(cases)  # every case id an item names exists, and is used
    assert min(used.values()) >= 3


def test_topics_exist_in_the_deck_and_references_are_links(
    items_file: dict[str, Any], deck: Deck
) -> None:
    topic_ids = {topic.id for topic in deck.topics}
    for item in _items(items_file):
        assert item["topic"] in topic_ids, item["id"]
        assert item["references"], item["id"]
        for url in item["references"]:
            assert URL.match(url), (item["id"], url)


@pytest.mark.parametrize("kind", ["single", "multiple"])
def test_choice_items(items_file: dict[str, Any], kind: str) -> None:
    for item in (i for i in _items(items_file) if i["type"] == kind):
        options = item["options"]
        texts = [fold(option["text"]) for option in options]
        assert len(texts) == len(set(texts)), item["id"]  # options unique
        keys = sum(option["correct"] is True for option in options)
        stated = re.search(r"\(Choose (TWO|THREE|FOUR)\.\)", item["stem"])
        if kind == "single":
            assert stated is None and keys == 1 and len(options) >= 4, item["id"]
        else:
            assert stated is not None, item["id"]
            assert keys == CHOOSE[stated.group(1)], item["id"]  # key count matches
            assert len(options) >= keys + 2, item["id"]
        for option in options:
            assert option["rationale"].strip(), (item["id"], option["text"])
            assert fold(option["text"]) not in fold(item["stem"]), (item["id"], option["text"])


def test_ordering_items(items_file: dict[str, Any]) -> None:
    for item in (i for i in _items(items_file) if i["type"] == "ordering"):
        steps = item["steps"]
        assert 3 <= len(steps) <= 5, item["id"]
        texts = [fold(step["text"]) for step in steps]
        assert len(texts) == len(set(texts)), item["id"]
        assert all(step["rationale"].strip() for step in steps), item["id"]
        assert "options" not in item and "pairs" not in item


def test_matching_items(items_file: dict[str, Any]) -> None:
    for item in (i for i in _items(items_file) if i["type"] == "matching"):
        pairs = item["pairs"]
        assert 3 <= len(pairs) <= 7, item["id"]
        prompts = [fold(pair["prompt"]) for pair in pairs]
        responses = [fold(pair["response"]) for pair in pairs]
        extra = [fold(text) for text in item.get("extra_responses", [])]
        assert len(prompts) == len(set(prompts)), item["id"]
        # one right response per prompt: responses and distractors all differ
        assert len(responses + extra) == len(set(responses + extra)), item["id"]
        assert all(pair["rationale"].strip() for pair in pairs), item["id"]


def test_an_items_file_in_the_library_is_not_a_deck(home: Path) -> None:
    library = paths.library_dir()
    library.mkdir(parents=True)
    shutil.copy(BANK, library / "copy.toml")
    shutil.copy(ITEMS, library / "copy.items.toml")
    library_decks = [info for info in list_decks() if info.where == "library"]
    assert [info.path.name for info in library_decks] == ["copy.toml"]


def test_the_authored_items_load_with_the_deck(deck: Deck) -> None:
    assert len(deck.items) == 48
    assert len(deck.cases) == 2
