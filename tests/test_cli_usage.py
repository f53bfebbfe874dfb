"""The command line itself (click): --version, --help, and bad usage refused in one
sentence with exit code 2 before any file is read."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import pytest
from support import run_cli

import exam_sim


def test_version_comes_from_the_package_metadata(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(monkeypatch, capsys, ["--version"])
    version = importlib.metadata.version("exam-sim")
    assert (code, out) == (0, f"exam-sim {version}\n")
    assert exam_sim.__version__ == version


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["history", "--help"], ["exam", "-h"]])
def test_help_exits_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run_cli(monkeypatch, capsys, argv)
    assert code == 0 and err == ""
    assert out.startswith("Usage: exam-sim")


def test_import_help_names_every_format_the_loader_reads(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # One list in the core (`decks.formats`): the help named five formats of nineteen.
    from exam_sim.decks.formats import FORMAT_NAMES

    out = " ".join(run_cli(monkeypatch, capsys, ["import", "--help"])[1].split())
    assert all(name in out for name in FORMAT_NAMES.values())


def test_commands_are_listed_in_reading_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run_cli(monkeypatch, capsys, ["--help"])[1]
    commands = out.split("Commands:")[1].split("\n\n")[0]
    listed = [line.split()[0] for line in commands.splitlines() if line.strip()]
    assert listed == [
        "decks", "import", "check", "generate", "exam", "drill", "retry", "resume", "study",
        "plan", "history",
    ]  # fmt: skip
    out = run_cli(monkeypatch, capsys, ["history", "--help"])[1]
    assert out.index("show") < out.index("topics") < out.index("confusions")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["exam"], "missing argument 'DECK'"),
        (["exam", "aws-ml-specialty", "--questions", "0"], "--questions must be at least 1, not 0"),
        (["exam", "aws-ml-specialty", "--minutes", "abc"], "--minutes must be a number of minutes"),
        (["drill", "aws-ml-specialty", "--minutes", "2000"], "between 0 (untimed) and 1440"),
        (["exam", "aws-ml-specialty", "--sed", "3"], "no such option --sed (did you mean --seed?)"),
        (["retry", "0"], "'0' is not an attempt number (they start at 1)"),
        (["history", "--limit", "-1"], "--limit must be at least 0 (no limit), not -1"),
        (["history", "--json", "--csv"], "--json and --csv cannot be used together"),
        (["history", "topics", "x"], "unexpected argument 'x'"),
        (["generate", "aws-ml-specialty", "extra"], "unexpected argument 'extra'"),
        (["generate", "aws-ml-specialty", "--direction", "up"], "'up' is not one of"),
        (["frobnicate"], "no such command, deck or deck file 'frobnicate'"),
        (["missing-deck.csv"], "no such command, deck or deck file 'missing-deck.csv'"),
        (["chek"], "no such command, deck or deck file 'chek' (did you mean 'check'?)"),
    ],
)
def test_bad_usage_is_one_sentence_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str],
    message: str,
) -> None:  # fmt: skip
    code, out, err = run_cli(monkeypatch, capsys, argv)
    assert (code, out) == (2, "")
    assert err.startswith("exam-sim: ") and err.count("\n") == 1 and err.endswith(".\n")
    assert message in err
    assert "--help'" in err  # where to look next


def test_history_options_given_before_the_view_apply_to_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run_cli(monkeypatch, capsys, ["history", "--json", "topics"])
    assert code == 0 and json.loads(out) == []
    code, out, _ = run_cli(monkeypatch, capsys, ["history", "--deck", "nope", "topics"])
    assert code == 0 and out.startswith("No finished attempts of deck nope")


def test_a_deck_alone_opens_the_tui_on_it(tmp_path: Path) -> None:
    """`exam-sim DECK`: a deck file, or a bundled or library deck's id, opens the TUI on
    it (with `--db` before it too); a command's name stays the command."""
    from exam_sim.cli import _deck_to_open
    from exam_sim.commands import COMMAND_NAMES
    from exam_sim.commands.root import root

    assert set(root.commands) == COMMAND_NAMES  # the names the launcher knows, in step
    deck = tmp_path / "my deck.csv"
    deck.write_text("term,definition\nA,first\nB,second\n", encoding="utf-8")
    assert _deck_to_open([str(deck)]) == (None, str(deck))
    assert _deck_to_open(["--db", "h.sqlite3", str(deck)]) == ("h.sqlite3", str(deck))
    assert _deck_to_open(["--db=h.sqlite3", str(deck)]) == ("h.sqlite3", str(deck))
    opened = _deck_to_open(["aws-ml-specialty"])
    assert opened is not None and opened[1].endswith("aws-ml-specialty.toml")
    for not_a_deck in (["check"], ["history"], [str(deck), "--plain"], ["-h"], ["nope"]):
        assert _deck_to_open(not_a_deck) is None, not_a_deck


def test_a_deck_alone_without_a_terminal_says_what_works(tmp_path: Path) -> None:
    import subprocess
    import sys

    deck = tmp_path / "deck.csv"
    deck.write_text("term,definition\nA,first\nB,second\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", str(deck)],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("exam-sim: the TUI needs a terminal")
