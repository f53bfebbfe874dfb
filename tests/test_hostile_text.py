"""Deck text never drives the terminal (issue 14 item 1).

A hostile deck carries CSI (clear screen, colours), OSC 0/2 (window title), OSC 52 (write
the clipboard), BEL and the 8-bit C1 controls. Every command is run in a subprocess, as a
user would, and the TUI through Pilot, and nothing they put on the terminal holds a
control character but line breaks (and tabs). A history written before the rule (raw
controls in its rows) is read the same way.
"""

from __future__ import annotations

import html
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from exam_sim.controls import visible
from exam_sim.exam import SessionRequest
from exam_sim.history.texts import content_hash
from exam_sim.models import AttemptMode
from exam_sim.tui.app import create_app

# Every sequence the issue found reaching the terminal, and markup that must stay literal.
HOSTILE = (
    "\x1b[2J\x1b[H",  # CSI: clear the screen, cursor home
    "\x1b]0;pwned\x07",  # OSC 0: icon and window title, BEL-terminated
    "\x1b]2;title\x1b\\",  # OSC 2: window title, ST-terminated
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # OSC 52: write "rm -rf ~" into the clipboard
    "\x07",  # BEL
    "\x9b31m",  # C1 CSI
    "\x9d0;c1\x9c",  # C1 OSC … ST
    "\x1b[31m[bold]x[/]",  # colour and markup
    "\x08\x08\x7f",  # backspaces and DEL
    "line\roverwritten",  # a carriage return that would overwrite the line
)
WORDS = (
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
    "golf", "hotel", "india", "juliet", "kilo", "lima",
)  # fmt: skip
# What a terminal would act on: C0 but tab and line feed, DEL, C1 (in UTF-8), and a
# carriage return that is not part of a CRLF line end.
TERMINAL_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|\xc2[\x80-\x9f]")


def _hostile_csv(path: Path) -> Path:
    rows = []
    for number, word in enumerate(WORDS):
        # A carriage return ends a CSV line (as in any editor): a cursor move instead.
        bad = HOSTILE[number % len(HOSTILE)].replace("\r", "\x1b[1A")
        rows.append(f"{word}{bad} term,{word} means{bad} thing number {number} of the deck")
    path.write_bytes("\n".join(rows).encode("utf-8") + b"\n")
    return path


def _hostile_toml(path: Path) -> Path:
    def escaped(text: str) -> str:
        return "".join(f"\\u{ord(ch):04x}" if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F else ch
                       for ch in text.replace("\\", "\\\\"))  # fmt: skip

    cards = []
    for number, word in enumerate(WORDS):
        bad = escaped(HOSTILE[number % len(HOSTILE)])
        topic = "one" if number % 2 else "two"
        cards.append(
            f'[[cards]]\nid = "{word}"\nterm = "{word}{bad} term"\n'
            f'definition = "{word} means{bad} thing number {number}"\ntopic = "{topic}"\n'
            f'tags = ["tag{bad}", "[/]"]\n'
        )
    text = (
        'format = "exam-sim/1"\nid = "hostile-native"\n'
        f'title = "Hostile{escaped(HOSTILE[1])} [/] deck"\n'
        f'description = "About{escaped(HOSTILE[3])} [bold]it[/]"\n'
        f'[[topics]]\nid = "one"\nname = "One{escaped(HOSTILE[0])} [/]"\n'
        f'[[topics]]\nid = "two"\nname = "[bold]Two [/]{escaped(HOSTILE[5])}"\n' + "\n".join(cards)
    )
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "exam_sim", *args],
        input=stdin.encode(),
        capture_output=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "100"},
        check=False,
    )


def _assert_clean(result: subprocess.CompletedProcess[bytes], command: str) -> None:
    for name, stream in (("stdout", result.stdout), ("stderr", result.stderr)):
        found = TERMINAL_CONTROL.search(stream)
        assert found is None, f"{command}: {name} carries {found.group()!r}: {stream[:400]!r}"
    assert b"Traceback" not in result.stderr, result.stderr.decode()


def _poison_history(db: Path) -> None:
    """Raw controls in every text column, as a history written before the rule holds."""
    bad = "\x1b]52;c;cm0=\x07\x9b2J"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE attempts SET deck_title = deck_title || ?", (bad,))
        # Question texts are stored once, in `texts` (schema 5): poison every stem, option
        # and explanation there, each with the hash of its new content (since schema 9
        # `texts` also holds the card ids, topics and directions, which are not deck text).
        texts = conn.execute(
            "SELECT id, text FROM texts WHERE id IN (SELECT stem_text FROM questions"
            " UNION SELECT j.value FROM questions q, json_each(q.option_texts) j"
            " UNION SELECT j.value FROM questions q, json_each(q.explanation_texts) j)"
        ).fetchall()
        conn.executemany(
            "UPDATE texts SET text = ?, hash = ? WHERE id = ?",
            [(text + bad, content_hash(text + bad), text_id) for text_id, text in texts],
        )
        for table, column in (("card_stats", "label"), ("confusions", "key_text"),
                              ("topic_scores", "name")):  # fmt: skip
            columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            if column in columns:
                conn.execute(f"UPDATE {table} SET {column} = {column} || ?", (bad,))


def test_visible_replaces_every_control_and_keeps_text() -> None:
    assert visible("plain [bold]text[/]\nline\ttab") == "plain [bold]text[/]\nline\ttab"
    assert visible("\x1b]0;x\x07") == "␛]0;x␇"
    assert visible("a\r\nb\rc") == "a\r\nb\nc"
    assert visible("\x9b\x7f") == "\ufffd␡"
    for text in HOSTILE:
        assert TERMINAL_CONTROL.search(visible(text).encode()) is None


def test_what_a_reader_says_of_a_file_carries_no_control_character() -> None:
    # The notes (printed by import and check, a notice in the TUI) quote deck text: a
    # first row read as a card, for one.
    from exam_sim.decks import parse_delimited

    rows = "".join(f"{w},The {w} that is meant here in some words\n" for w in WORDS[:4])
    for text in HOSTILE:
        # Its control characters alone: digits and brackets would not read as a header.
        controls = "".join(ch for ch in text if not ch.isprintable() and ch not in "\r\n")
        deck = parse_delimited(f"Be{controls}griff,Erklärung\n{rows}", file="h.csv")
        (note,) = deck.notes
        assert note.startswith("line 1 (Be") and TERMINAL_CONTROL.search(note.encode()) is None


@pytest.mark.parametrize("kind", ["csv", "toml"])
def test_no_command_puts_a_control_character_on_the_terminal(tmp_path: Path, kind: str) -> None:
    source = _hostile_csv(tmp_path / "hostile.csv") if kind == "csv" else None
    source = source or _hostile_toml(tmp_path / "hostile.toml")
    deck = "hostile" if kind == "csv" else "hostile-native"
    db = tmp_path / "history.sqlite3"
    answers = "a\nb\nc\nd\na\nb\nsubmit\ny\n"
    commands: list[tuple[tuple[str, ...], str]] = [
        (("import", str(source)), ""),
        (("decks",), ""),
        (("decks", "--json"), ""),
        (("check", deck), ""),
        (("check", deck, "--json"), ""),
        (("generate", deck, "--count", "6", "--seed", "1"), ""),
        (("generate", deck, "--count", "6", "--seed", "1", "--json"), ""),
        (("--db", str(db), "exam", deck, "--plain", "--questions", "6", "--seed", "1"), answers),
        (("--db", str(db), "drill", deck, "--plain", "--count", "6", "--seed", "2"), answers),
        # Study's recap names the cards missed, and the one taken for each.
        (("--db", str(db), "study", deck, "--plain", "--seed", "3"), "a\n9\nb\n9\nc\n\nd\n\n"),
        (("--db", str(db), "plan", deck, "--exam-date", "2099-01-01"), ""),
    ]
    for args, stdin in commands:
        result = _run(*args, stdin=stdin)
        _assert_clean(result, " ".join(args))
        assert result.returncode == 0, (args, result.stderr.decode())
    _poison_history(db)  # from here on the rows themselves hold raw controls
    for args in (
        ("history",), ("history", "show", "1"), ("history", "show", "2"),
        ("history", "confusions"), ("history", "topics"), ("history", "--json"),
        ("history", "--csv"), ("history", "show", "1", "--json"), ("retry", "1", "--plain"),
        ("resume", "--plain"),
    ):  # fmt: skip
        _assert_clean(_run("--db", str(db), *args, stdin="a\nsubmit\ny\n"), " ".join(args))
    # A deck the reader refuses quotes its text in the sentence: made visible there too.
    broken = tmp_path / "broken.toml"
    broken.write_text('format = "exam-sim/1"\nid = "x\\u001b]0;t\\u0007"\n', encoding="utf-8")
    refused = _run("check", str(broken))
    assert refused.returncode == 2
    _assert_clean(refused, "check broken")
    named = _run("check", "no-such\x1b]0;t\x07deck")
    assert named.returncode == 2
    _assert_clean(named, "check with a hostile name")


def test_arguments_echoed_in_a_usage_error_carry_no_control_character(tmp_path: Path) -> None:
    # A file name from a shell glob can hold anything: click quotes a bad option or an
    # extra argument in its error, and the command line's last guard makes that visible.
    name = "deck\x1b]0;pwned\x07\x9b2J.csv"
    for args in ((f"--{name}",), ("check", "a.csv", name)):
        result = _run("--db", str(tmp_path / "h.sqlite3"), *args)
        assert result.returncode == 2, result.stderr
        _assert_clean(result, " ".join(args))
        assert "deck␛]0;pwned␇�2J.csv" in result.stderr.decode(), result.stderr


def _svg_controls(svg: str) -> list[str]:
    raw = [ch for ch in svg if TERMINAL_CONTROL.search(ch.encode())]
    refs = re.findall(r"&#(?:x([0-9a-fA-F]+)|(\d+));", svg)
    codes = [int(hexa, 16) if hexa else int(dec) for hexa, dec in refs]
    escaped = [chr(c) for c in codes if TERMINAL_CONTROL.search(chr(c).encode())]
    return raw + escaped


async def test_the_tui_shows_no_control_character(tmp_path: Path) -> None:
    from textual.widgets import Static

    deck_file = _hostile_toml(tmp_path / "hostile.toml")
    db = tmp_path / "history.sqlite3"
    app = create_app(
        db=db, deck=str(deck_file), seed=3,
        start=SessionRequest(mode=AttemptMode.DRILL, count=4),
    )  # fmt: skip
    screens: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        for _ in range(4):
            screens.append(app.export_screenshot())
            await pilot.press("a")
            await pilot.pause()
            screens.append(app.export_screenshot())
            await pilot.press("n")
            await pilot.pause()
        screens.append(app.export_screenshot())  # results
        await pilot.press("r")
        await pilot.pause()
        screens.append(app.export_screenshot())  # review
        stems = [str(w.render()) for w in app.screen.query(Static)]
        assert any("␛" in text for text in stems), "the controls are shown, made visible"
    _poison_history(db)
    app = create_app(db=db, deck=str(deck_file))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screens.append(app.export_screenshot())  # home
        await pilot.press("h")
        await pilot.pause()
        screens.append(app.export_screenshot())  # history
        for key in ("2", "3", "4"):
            await pilot.press(key)
            await pilot.pause()
            screens.append(app.export_screenshot())
        await pilot.press("1", "enter")
        await pilot.pause()
        screens.append(app.export_screenshot())  # an old attempt's review
    # Every other screen that shows deck text (topic names, the title, tags): study, a
    # mock, the drill setup, the charts; markup in them shows as written.
    app = create_app(db=db, deck=str(deck_file), seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        for keys in (("s",), ("a",), ("9",), ("escape",), ("escape", "m", "a"),
                     ("escape", "y"), ("d",), ("escape", "c"), ("2",), ("4",), ("escape", "?"),
                     ("escape", "e"), ("[", "/", "]", "enter"), ("escape",)):  # fmt: skip
            await pilot.press(*keys)
            await pilot.pause()
            screens.append(app.export_screenshot())
        assert type(app.screen).__name__ == "HomeScreen"
    shown = [html.unescape(svg).replace("\xa0", " ") for svg in screens[-14:]]
    assert "[bold]Two" in shown[0] or "One [/]" in shown[0]  # study's topic, as written
    assert "'[/]' is not a date" in shown[-2]  # what was typed, said as typed
    # The mock left open above, seen from another deck: Home names its deck's title.
    app = create_app(db=db, deck="aws-ml-specialty")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screens.append(app.export_screenshot())
        assert "[/] deck)" in str(app.screen.query_one("#resume-hint", Static).render())
    for number, svg in enumerate(screens):
        assert _svg_controls(svg) == [], f"screen {number}"
