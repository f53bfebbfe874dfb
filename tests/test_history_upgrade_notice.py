"""A long history upgrade is said before it runs, by the library's callback, the command
line (stderr) and the TUI (a notice), so that a minute's upgrade never looks like a hang."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support.matching import matched_wrongly, matching_deck, reviews_as_before_schema_12
from test_history_migrations import _write_version

import exam_sim.history.schema as schema_module
from exam_sim.cli import main
from exam_sim.history import History
from exam_sim.history.schema import QUICK_UPGRADE_FROM, SCHEMA_VERSION
from exam_sim.tui.app import create_app


def _old_history(tmp_path: Path, version: int = QUICK_UPGRADE_FROM - 1) -> Path:
    """A history at the last version whose upgrade rewrites the stored questions."""
    path = tmp_path / "old.sqlite3"
    _write_version(path, version)
    return path


def _attempts(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        count: int = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
    return count


def test_an_upgrade_of_many_attempts_is_said_once_before_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _old_history(tmp_path)
    attempts = _attempts(path)
    said: list[str] = []
    # "Many": as many as this file holds, 3 minutes for them (a real file: 30,000).
    monkeypatch.setattr(schema_module, "REWRITE_SECONDS_PER_10K", 1_800_000 / attempts)
    History(path, on_upgrade=said.append).close()
    assert said == [
        f"upgrading the history {path} ({attempts} attempts) to schema {SCHEMA_VERSION}: "
        "this is done once, and takes about 3 min; nothing is lost if it is stopped."
    ]
    History(path, on_upgrade=said.append).close()  # upgraded: nothing more to say
    assert len(said) == 1


def test_a_quick_upgrade_is_said_only_of_a_large_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = _old_history(tmp_path, QUICK_UPGRADE_FROM)
    said: list[str] = []
    # From version 9 an upgrade rewrites no question: 0.7 s per 10,000 attempts, said
    # from 17,000 or so; this file has a few.
    assert schema_module.QUICK_SECONDS_PER_10K < schema_module.REWRITE_SECONDS_PER_10K / 5
    History(quick, on_upgrade=said.append).close()
    assert said == []
    (tmp_path / "large").mkdir()
    large = _old_history(tmp_path / "large", QUICK_UPGRADE_FROM)
    attempts = _attempts(large)
    # As if it held 20,000 attempts: about 1.4 s, said (rounded to a whole second).
    monkeypatch.setattr(
        schema_module,
        "QUICK_SECONDS_PER_10K",
        schema_module.QUICK_SECONDS_PER_10K * 20_000 / attempts,
    )
    History(large, on_upgrade=said.append).close()
    assert len(said) == 1 and said[0].endswith("takes about 1 s; nothing is lost if it is stopped.")


def test_a_short_upgrade_and_a_new_file_say_nothing(tmp_path: Path) -> None:
    said: list[str] = []
    History(_old_history(tmp_path), on_upgrade=said.append).close()  # a few attempts
    History(tmp_path / "new.sqlite3", on_upgrade=said.append).close()
    assert said == []


def test_the_command_line_says_it_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _old_history(tmp_path)
    monkeypatch.setattr(schema_module, "UPGRADE_NOTICE_SECONDS", 0)
    assert main(["--db", str(path), "history", "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith(f"exam-sim: upgrading the history {path} (")
    assert "upgrading" not in captured.out  # the JSON on stdout stays JSON


async def test_the_tui_says_it_in_a_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _old_history(tmp_path)
    monkeypatch.setattr(schema_module, "UPGRADE_NOTICE_SECONDS", 0)
    app = create_app(db=path, seed=7)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any(m.startswith(f"Upgrading the history {path} (") for m in notices), notices


def test_an_upgrade_that_replays_matching_items_counts_their_reviews(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Schema 12 replays the memory of the cards a stored matching item asked: a file with
    # one is expected to take as long as its reviews' replay, one without as its attempts.
    path = tmp_path / "matching.sqlite3"
    with History(path) as history:
        matched_wrongly(history, matching_deck())
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    reviews_as_before_schema_12(conn)  # one review of the item, of its key card
    reviews = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
    conn.execute("PRAGMA user_version = 11")
    conn.execute("COMMIT")
    conn.close()
    said: list[str] = []
    # 90 s for this file's reviews, were it a large one.
    monkeypatch.setattr(schema_module, "REPLAY_SECONDS_PER_10K_REVIEWS", 900_000 / reviews)
    History(path, on_upgrade=said.append).close()
    assert len(said) == 1 and "takes about 2 min" in said[0], said
    # Without a matching item nothing is replayed: a quick upgrade of one attempt.
    (tmp_path / "plain").mkdir()
    plain = _old_history(tmp_path / "plain", QUICK_UPGRADE_FROM)
    History(plain, on_upgrade=said.append).close()
    assert len(said) == 1
