"""A question bank (written items, no cards) is studied as a deck of cards is: its
questions are scheduled by the answers given to them, Home says what is due, and a study
session, in the TUI and in --plain, calls them questions (every kind: test_study_items)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.tui import open_study
from textual.widgets import Static

from exam_sim.decks import load_deck
from exam_sim.schedule.units import study_units
from exam_sim.tui.app import create_app

BANK = Path(__file__).parent / "data" / "bank.gift"


async def test_home_says_what_a_bank_has_to_study(tmp_path: Path) -> None:
    app = create_app(db=tmp_path / "history.sqlite3", seed=3, deck=load_deck(BANK))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        studied = len(study_units(load_deck(BANK)).ids)
        coach = str(app.screen.query_one("#coach", Static).content)
        assert f"0 due today · {studied} new questions today" in coach
        screen = await open_study(app, pilot)
        progress = str(screen.query_one("#study-progress", Static).content)
        assert progress.startswith(f"Question 1 of {studied}")


async def test_home_forecasts_a_bank_from_its_questions(tmp_path: Path) -> None:
    """Home's forecast of a bank with an exam date follows the questions study asks (before:
    "this deck has only written questions, and the forecast follows the cards you study")."""
    from exam_sim.history import History

    db = tmp_path / "history.sqlite3"
    bank = load_deck(BANK)
    with History(db) as history:
        history.set_exam_date(bank.id, "2099-01-01")
    app = create_app(db=db, seed=3, deck=bank)
    async with app.run_test(size=(80, 24)):
        await app.wait_until_open()
        studied = len(study_units(bank).ids)
        coach = " ".join(str(app.screen.query_one("#coach", Static).content).split())
        assert f"too little history: 0 of {studied} questions reviewed" in coach
        assert "Starter plan: at least 1 new question a day to have seen all" in coach
        assert "card" not in coach


MIXED = """\
format = "exam-sim/1"
id = "mixed-study"
title = "Mixed study"

[[cards]]
id = "tcp"
term = "TCP"
definition = "A connection-oriented transport protocol with reliable, ordered delivery."

[[cards]]
id = "udp"
term = "UDP"
definition = "A connectionless transport protocol without delivery guarantees."

[[cards]]
id = "icmp"
term = "ICMP"
definition = "A network-layer protocol for error reports and diagnostics such as ping."

[[cards]]
id = "arp"
term = "ARP"
definition = "Resolves an IPv4 address to a link-layer MAC address on a local network."

[[items]]
id = "ssh-port"
type = "single"
stem = "Which TCP port does SSH listen on by default?"

[[items.options]]
text = "22"
correct = true
rationale = "SSH's well-known port is 22."

[[items.options]]
text = "23"
rationale = "23 is Telnet."

[[items.options]]
text = "25"
rationale = "25 is SMTP."

[[items.options]]
text = "443"
rationale = "443 is HTTPS."
"""


def test_a_deck_with_cards_and_items_studies_its_written_questions_too(
    tmp_path: Path,
) -> None:
    """Its written question among its cards (halfway through them), asked as written and
    scheduled by its id (before: only the cards; and a written item of a deck with cards
    could not be asked in a study session, "deck 'mixed-study' has no card 'ssh-port'")."""
    path = tmp_path / "mixed-study.toml"
    path.write_text(MIXED, encoding="utf-8")
    deck = load_deck(path)
    units = study_units(deck)
    assert units.ids == ["tcp", "udp", "ssh-port", "icmp", "arp"] and units.noun == "question"
    out = subprocess.run(
        [sys.executable, "-m", "exam_sim", "study", str(path), "--plain"],
        input="a\n\n" * 5, capture_output=True, text=True, timeout=120, check=True,
        env={**os.environ, "EXAM_SIM_HOME": str(tmp_path / "home")},
    ).stdout  # fmt: skip
    assert out.startswith("Study · Mixed study · 5 questions (0 due, 5 new) · attempt 1")
    assert "Question 3 of 5\nWhich TCP port does SSH listen on by default?\n" in out
    assert "Studied 5 questions: " in out


async def test_a_banks_confusions_say_why_there_are_none(tmp_path: Path) -> None:
    """A bank's written options name no card, so its confusions list is always empty, and
    says why rather than "each other card's option you take" (a bank has no cards)."""
    from support.tui import open_confusions

    from exam_sim.report import NO_CONFUSIONS, NO_CONFUSIONS_IN_BANK

    db = tmp_path / "history.sqlite3"
    home = {**os.environ, "EXAM_SIM_HOME": str(tmp_path / "home")}

    def confusions(*deck: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "exam_sim", "--db", str(db), "history", "confusions", *deck],
            capture_output=True, text=True, check=True, env=home, timeout=60,
        ).stdout  # fmt: skip

    imported = subprocess.run([sys.executable, "-m", "exam_sim", "import", str(BANK)],
                              capture_output=True, text=True, env=home, timeout=60)  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert confusions("--deck", "bank") == f"{NO_CONFUSIONS_IN_BANK}\n"
    assert confusions() == f"{NO_CONFUSIONS}\n"  # every deck's: cards may be among them
    app = create_app(db=db, deck=load_deck(BANK))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_confusions(app, pilot)
        empty = app.screen.query_one("#confusions-empty", Static)
        assert empty.display and str(empty.render()) == NO_CONFUSIONS_IN_BANK
