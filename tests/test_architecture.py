"""Rules of the house that a test can hold: the core never imports Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "exam_sim.enums",
    "exam_sim.units",
    "exam_sim.models",
    "exam_sim.text",
    "exam_sim.paths",
    "exam_sim.decks",
    "exam_sim.generator",
    "exam_sim.exam",
    "exam_sim.history",
    "exam_sim.present",  # presentation for both front ends: no Textual either
    "exam_sim.report",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    # A fresh interpreter: in this one, other tests may have imported Textual already.
    code = (
        f"import sys, {module}\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"
