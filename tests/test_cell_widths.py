"""Tables the command line prints line up in display cells: a Japanese topic name (two
cells a character) keeps the next column where a Latin one puts it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from exam_sim.cells import cell_width, pad, wrap_cells

# Pieces of every width: ASCII, CJK and fullwidth (2 cells), a combining mark (0), halfwidth.
TEXT = st.lists(
    st.sampled_from([*"ab Z9-", "猫", "動", "（", "）", "é", "e\u0301", "ﾈ", "한"]),
    max_size=40,
).map("".join)


@given(TEXT, st.integers(min_value=0, max_value=60), st.sampled_from(["<", ">"]))
def test_pad_fills_to_the_width_in_cells(text: str, width: int, align: str) -> None:
    padded = pad(text, width, align)  # type: ignore[arg-type]
    assert cell_width(padded) == max(width, cell_len(text))
    assert padded.strip(" ") == text.strip(" ")
    assert padded.startswith(text) if align == "<" else padded.endswith(text)


@given(TEXT, st.integers(min_value=2, max_value=30))
def test_wrapped_lines_fit_and_keep_the_words(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    assert lines and all(cell_len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


DECK = """\
format = "exam-sim/1"
id = "nihongo"
title = "日本語の単語"
[blueprint]
questions = 6
minutes = 10
pass_score = 70
score_min = 0
score_max = 100
{topics}
{cards}
"""
TOPICS = {"animals": "動物（どうぶつ）", "colours": "色", "verbs": "Verbs"}
WORDS = {
    "animals": [("猫", "cat"), ("犬", "dog"), ("鳥", "bird"), ("魚", "fish")],
    "colours": [("赤い", "red"), ("青い", "blue"), ("白い", "white"), ("黒い", "black")],
    "verbs": [("食べる", "to eat"), ("飲む", "to drink"), ("見る", "to see"), ("書く", "to write")],
}


def _columns(lines: list[str], names: list[str], after: str) -> set[int]:
    """The cell at which `after` (a pattern) starts on the line of each name in `names`."""
    found = set()
    for name in names:
        line = next(line for line in lines if line.lstrip().startswith(name))
        match = re.search(after, line[line.index(name) + len(name) :])
        assert match, line
        found.add(cell_len(line[: line.index(name) + len(name) + match.start()]))
    return found


def test_decks_history_and_the_report_line_up_japanese_topic_names(tmp_path: Path) -> None:
    topics = "\n".join(
        f'[[topics]]\nid = "{tid}"\nname = "{name}"\nweight = 1' for tid, name in TOPICS.items()
    )
    cards = "\n".join(
        f'[[cards]]\nid = "{tid}-{n}"\nterm = "{term}"\ndefinition = "{gloss}"\ntopic = "{tid}"'
        for tid, words in WORDS.items()
        for n, (term, gloss) in enumerate(words)
    )
    deck = tmp_path / "nihongo.toml"
    deck.write_text(DECK.format(topics=topics, cards=cards), encoding="utf-8")
    env = {**os.environ, "EXAM_SIM_HOME": str(tmp_path / "home")}

    def cli(*argv: str, stdin: str = "") -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "exam_sim", *argv], input=stdin, capture_output=True,
            text=True, env=env, timeout=120, check=True,
        )  # fmt: skip
        return done.stdout.splitlines()

    cli("import", str(deck))
    names = list(TOPICS.values())
    listing = cli("decks")
    assert len(_columns(listing, names, r"\d")) == 1  # the card counts, one column
    report = cli("exam", "nihongo", "--plain", "--seed", "3", stdin="a\n" * 6 + "submit\ny\n")
    assert len(_columns(report, names, r"\d+/\d")) == 1
    assert _columns(cli("history", "show", "1"), names, r"\d+/\d") == _columns(
        report, names, r"\d+/\d"
    )
    assert len(_columns(cli("history", "topics"), names, r"\d")) == 1
