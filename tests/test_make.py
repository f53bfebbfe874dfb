"""`make run` on a fresh clone says what it is doing before the silent install."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_first_make_run_says_it_is_installing(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    # -n prints what would run, without installing anything.
    # (Run from `make test`, make's own variables would make it a sub-make: cleared.)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "run"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    lines = result.stdout.splitlines()
    assert "installing into .venv" in lines[0]
    assert "-m venv" in lines[1]
