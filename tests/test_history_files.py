"""Files that are not a usable history: refused with one clear sentence, never modified."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from support.history import file_state, make_attempt

from exam_sim.history import SCHEMA_VERSION, History, HistoryError


def _refused(path: Path, match: str) -> str:
    before = file_state(path)
    with pytest.raises(HistoryError, match=match) as caught:
        History(path)
    assert file_state(path) == before, "the refused file or its folder changed"
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return message


def _real_history(path: Path, attempts: int = 40) -> None:
    """A real history with enough rows to span many pages, checkpointed into the main file."""
    with History(path) as history:
        for _ in range(attempts):
            history.create_attempt(make_attempt())
    assert not path.with_name(path.name + "-wal").exists()


def test_random_bytes_are_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(os.urandom(50_000))
    message = _refused(path, "not an exam-sim history database")
    assert "left untouched" in message


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("these are my notes\n" * 100)
    _refused(path, "file is not a database")


def test_short_file_with_sqlite_magic_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    _refused(path, "truncated")


@pytest.mark.parametrize("keep", [0.5, 0.25])
def test_truncated_database_is_refused_untouched(tmp_path: Path, keep: float) -> None:
    path = tmp_path / "history.sqlite3"
    _real_history(path)
    data = path.read_bytes()
    assert len(data) > 8 * 4096
    path.write_bytes(data[: int(len(data) * keep)])
    _refused(path, "truncated or damaged")


def test_database_cut_exactly_at_a_page_boundary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _real_history(path)
    data = path.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    path.write_bytes(data[: (pages // 2) * page_size])
    _refused(path, "truncated or damaged")


def test_directory_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.mkdir()
    (path / "inside.txt").write_text("keep me")
    with pytest.raises(HistoryError, match="is a directory"):
        History(path)
    assert (path / "inside.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"]


def test_parent_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    with pytest.raises(HistoryError, match="cannot create the folder"):
        History(blocker / "history.sqlite3")
    assert blocker.read_text() == "x"


def test_empty_file_is_treated_as_a_new_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.touch()
    with History(path) as history:
        attempt_id = history.create_attempt(make_attempt())
    with History(path) as history:
        assert history.load_attempt(attempt_id).deck_id == "aws"


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _real_history(path, attempts=2)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    message = _refused(path, "made by a newer exam-sim")
    assert f"schema {SCHEMA_VERSION + 1}" in message


def test_newer_schema_in_wal_mode_with_live_wal_is_refused(tmp_path: Path) -> None:
    # Another exam-sim has it open: the change sits in the -wal file, not the main file.
    path = tmp_path / "history.sqlite3"
    _real_history(path, attempts=2)
    other = sqlite3.connect(path)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    try:
        before = path.read_bytes()
        with pytest.raises(HistoryError, match="newer exam-sim"):
            History(path)
        assert path.read_bytes() == before
    finally:
        other.close()


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.executemany("INSERT INTO photos (name) VALUES (?)", [("a",), ("b",)])
    conn.commit()
    conn.close()
    _refused(path, "another program")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_empty_sqlite_database_is_adopted(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    sqlite3.connect(path).execute("VACUUM").connection.close()
    with History(path) as history:
        assert history.attempts() == []


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "history.sqlite3"
    _real_history(path, attempts=1)
    path.chmod(0)
    try:
        with pytest.raises(HistoryError, match="cannot be read"):
            History(path)
    finally:
        path.chmod(0o600)
