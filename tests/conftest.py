"""Fixtures shared by several test files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exam_sim import paths

DATA = Path(__file__).parent / "data"


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundled folder of our own, so tests do not depend on the real bank."""
    folder = tmp_path / "bank"
    folder.mkdir()
    shutil.copy(DATA / "decks-native.toml", folder / "tiny-native.toml")
    monkeypatch.setattr(paths, "bundled_dir", lambda: folder)
    return folder
