"""Rules of the house that a test can hold: the core never imports Textual (in a fresh
interpreter; `lint-imports` holds the layers statically), and no module is over 600 lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CORE = [
    "exam_sim.errors",
    "exam_sim.enums",
    "exam_sim.units",
    "exam_sim.vocabulary",
    "exam_sim.models",
    "exam_sim.text",
    "exam_sim.paths",
    "exam_sim.decks",
    "exam_sim.generator",
    "exam_sim.exam",
    "exam_sim.history",
    "exam_sim.lexicon",
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


# -- size -----------------------------------------------------------------------------
PACKAGE = Path(__file__).resolve().parents[1] / "exam_sim"
MAX_LINES = 600


def _module_lengths() -> dict[str, int]:
    root = PACKAGE.parent
    return {
        path.relative_to(root).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_no_module_is_over_600_lines() -> None:
    # exam.py became the exam/ package and the --plain protocol left commands/session.py
    # for commands/plain.py (issue 9): no module is an exception any more.
    over = {path: n for path, n in _module_lengths().items() if n > MAX_LINES}
    assert not over, f"modules over {MAX_LINES} lines: {over}"


# -- workers --------------------------------------------------------------------------
def _workers() -> tuple[int, list[str]]:
    """How many `@work` methods the package has, and those that give no `description`."""
    import ast

    found, missing = 0, []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                call = decorator if isinstance(decorator, ast.Call) else None
                name = call.func if call else decorator
                if isinstance(name, ast.Name) and name.id == "work":
                    found += 1
                    if call is None or all(k.arg != "description" for k in call.keywords):
                        missing.append(f"{path.name}:{node.lineno} {node.name}")
    return found, missing


def test_every_worker_names_itself() -> None:
    # Without a description Textual describes a worker by the repr of its arguments, on
    # the UI thread: planning a drill on a 100,000-card deck froze the screen for 2 s
    # while the deck inside the plan's request was turned into text.
    found, missing = _workers()
    assert found >= 6  # the scan sees the app's workers
    assert missing == []
