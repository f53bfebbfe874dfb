"""Fixtures shared by every test module.

Every test runs in its own exam-sim home: `EXAM_SIM_HOME` (the history, the library, the
settings) and the XDG data and config folders point into the test's temporary folder, so
no test touches the learner's files and tests can run in parallel (`pytest -n auto`).
Shared helpers are in tests/support/.

Hypothesis explores new examples on every run, except in CI (`CI` set, as `.ci/run` and
hosted CI services set it): there its examples are derived from each test alone, so a
landing is never turned red by an example no change brought (a property that fails only
on a new random example is found, and fixed, on a developer's machine).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

from exam_sim import paths

settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

DATA = Path(__file__).parent / "data"


def _isolate(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    home = folder / "home"
    monkeypatch.setenv("EXAM_SIM_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "xdg-config"))
    return home


@pytest.fixture(scope="session", autouse=True)
def _session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The same isolation for session- and module-scoped fixtures, which run before `home`."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield _isolate(monkeypatch, tmp_path_factory.mktemp("session"))


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's exam-sim home (`EXAM_SIM_HOME`): `tmp_path / "home"`, not created (as
    for a new user, exam-sim makes it when it first writes). Subprocesses inherit it."""
    return _isolate(monkeypatch, tmp_path)


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundled folder of our own, so tests do not depend on the real bank."""
    folder = tmp_path / "bank"
    folder.mkdir()
    shutil.copy(DATA / "decks-native.toml", folder / "tiny-native.toml")
    monkeypatch.setattr(paths, "bundled_dir", lambda: folder)
    return folder


@pytest.fixture
def local_noon() -> Iterator[str]:
    """Local time about noon, for this test and the processes it starts (a POSIX TZ:
    "NOON+5" is five hours behind UTC): a review scheduled minutes ahead is then due
    today whenever the suite runs (near midnight, one fell due tomorrow)."""
    yield from _local_zone(f"NOON{datetime.now(UTC).hour - 12:+d}")


@pytest.fixture
def local_utc() -> Iterator[str]:
    """Local time is UTC, for a test that reads a stored UTC time as shown (a date)."""
    yield from _local_zone("UTC")


def _local_zone(zone: str) -> Iterator[str]:
    saved = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield zone
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()
