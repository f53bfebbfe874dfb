"""The TUI's layout of plain text (`--plain`'s review of an item): wrapped lines hang."""

from __future__ import annotations

import io

from rich.console import Console

from exam_sim.tui.widgets.text import hanging_lines


def _shown(text: str, width: int) -> list[str]:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(hanging_lines(text))
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_a_wrapped_line_hangs_under_its_own_text_not_its_letter() -> None:
    text = (
        "A stem long enough to wrap at thirty columns\n"
        "  ✗ C) Bank weight -100%. Macie finds [bold]sensitive[/] data\n"
        "  2. a prompt that wraps past the width\n"
        "  The item's rationale, under its indent"
    )
    shown = _shown(text, 30)
    assert shown[:2] == ["A stem long enough to wrap at", "thirty columns"]  # no indent
    mark = shown.index("  ✗ C) Bank weight -100%.")
    assert shown[mark + 1 : mark + 3] == [  # under "Bank", markup shown literally
        "       Macie finds",
        "       [bold]sensitive[/] data",
    ]
    prompt = shown.index("  2. a prompt that wraps past")
    assert shown[prompt + 1] == "     the width"
    rationale = shown.index("  The item's rationale, under")
    assert shown[rationale + 1] == "  its indent"
