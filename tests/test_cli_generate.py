"""`exam-sim generate`: the JSON contract, text output, counts, topics and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exam_sim.cli import main

DATA = Path(__file__).parent / "data"
KEYS = {"id", "card_id", "topic", "direction", "stem", "options", "option_card_ids", "answer"}


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    assert main(["generate", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    items = run_json(capsys, "aws-ml-specialty", "--count", "12", "--seed", "3")
    assert len(items) == 12
    assert len({item["card_id"] for item in items}) == 12
    for item in items:
        assert set(item) >= KEYS
        assert item["direction"] in {
            "definition_to_term",
            "term_to_definition",
            "question_to_answer",
            "true_false",
        }
        assert item["id"] == f"{item['card_id']}:{item['direction']}:3"
        assert isinstance(item["stem"], str) and item["stem"]
        assert all(isinstance(o, str) and o for o in item["options"])
        assert len(item["options"]) == len(item["option_card_ids"]) == len(item["explanations"])
        assert 0 <= item["answer"] < len(item["options"])
        if item["direction"] != "true_false":
            assert len(item["options"]) == 4
            assert item["option_card_ids"][item["answer"]] == item["card_id"]


@pytest.mark.parametrize(
    ("deck", "count"),
    [
        ("aws-ml-specialty", ["--count", "20"]),
        # Float sums over stem sets once followed the sets' order (which follows the hash
        # seed): on this deck, seed 2 gave other questions in another process.
        (str(Path(__file__).parent / "data" / "eo-espdic-excerpt.txt"), []),
    ],
)
def test_same_seed_same_output_across_processes(deck: str, count: list[str]) -> None:
    """Seeding must not depend on Python's per-process string hashing."""
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        outputs.append(
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "exam_sim",
                    "generate",
                    deck,
                    *count,
                    "--seed",
                    "2",
                    "--json",
                ],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])) >= 20


def test_direction_options_topic(capsys: pytest.CaptureFixture[str]) -> None:
    items = run_json(capsys, "aws-ml-specialty", "--direction", "definition", "--options", "3")
    assert {i["direction"] for i in items} <= {
        "definition_to_term",
        "question_to_answer",
        "answer_to_question",
        "true_false",
    }
    assert "definition_to_term" in {i["direction"] for i in items}
    assert all(len(i["options"]) == 3 for i in items if i["direction"] != "true_false")
    items = run_json(
        capsys, "aws-ml-specialty", "--topic", "Data Engineering", "exploratory-data-analysis"
    )
    assert items and {i["topic"] for i in items} == {
        "data-engineering",
        "exploratory-data-analysis",
    }


def test_count_beyond_the_deck_gives_what_it_can(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "aws-ml-specialty", "--count", "500", "--json"]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 78
    assert "asked for 500 questions; deck 'aws-ml-specialty' gives 78" in captured.err


def test_one_question_asked_for_is_said_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Four cards, three of them one thing ('sun: star'): no set of wrong options is left.
    deck = tmp_path / "tiny.txt"
    deck.write_text("star: sun\nsun: star\nstar light: star\nmoon: night light\n")
    assert main(["generate", str(deck), "--count", "1"]) == 0
    said = capsys.readouterr().err
    assert said == (f"exam-sim: asked for 1 question; deck 'tiny' gives 0 (exam-sim check {deck} "
                    "names the cards that cannot be asked, and why)\n")  # fmt: skip


def test_text_output_from_a_deck_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", str(DATA / "seed-aws-ml-specialty.txt"), "--count", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. ")
    assert out.count("Answer: ") == 2
    assert "   A) " in out and "   D) " in out


def test_text_output_lines_each_question_up_under_its_heading(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A heading "10. " is a column wider than "9. ": the stem, options and answer move
    with it."""
    assert main(["generate", str(DATA / "seed-aws-ml-specialty.txt"), "--count", "10"]) == 0
    tenth = capsys.readouterr().out.split("\n10. ", 1)[1].splitlines()
    body = [line for line in tenth[1:] if line]
    assert body and all(line.startswith("    ") for line in body)
    assert any(line.startswith("    A) ") for line in body)
    assert any(line.startswith("    Answer: ") for line in body)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--options", "7"], "--options must be between 2 and 6, not 7"),
        (["--count", "0"], "--count must be at least 1"),
        (["--topic", "nope"], "has no topic 'nope'"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["generate", "aws-ml-specialty", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_deck_smaller_than_the_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "tiny.txt"
    deck.write_text("Tiny\nAlpha\nFirst letter\nBeta\nSecond letter\nGamma\nThird letter\n")
    assert main(["generate", str(deck)]) == 2
    err = capsys.readouterr().err
    assert "has 3 cards; 4 options need at least 4" in err


def test_a_deck_file_is_read_as_told(tmp_path: Path) -> None:
    """`generate` takes the deck-reading options `check` and `import` take: the Esperanto
    word list separates term and definition with " : "."""
    deck = Path(__file__).parent / "data" / "eo-espdic-excerpt.txt"
    out = subprocess.run(
        [sys.executable, "-m", "exam_sim", "generate", str(deck), "--term-sep", " : ",
         "--count", "3", "--json"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "EXAM_SIM_HOME": str(tmp_path)},
    ).stdout  # fmt: skip
    items = json.loads(out)
    assert len(items) == 3
    for item in items:
        assert all(" : " not in option for option in item["options"])
