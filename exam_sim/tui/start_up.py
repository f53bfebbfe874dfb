"""What the app reads before the core and pydantic are loaded: the saved theme and the deck
to open, from the preferences file read with `json` alone, so that the first frame is drawn
in the learner's theme and Home's deck panel (`deck_panel.glance`) is the right deck's.
`tui.preferences` reads the whole file later, in the opening worker."""

from __future__ import annotations

import json
from typing import Any

# The deck opened when none is named and none was open last time.
DEFAULT_DECK = "aws-ml-specialty"


def peek_preferences() -> dict[str, Any]:
    """The saved preferences as plain JSON (the old settings.json when there is no
    preferences file yet); empty when there are none or they cannot be read."""
    from exam_sim.paths import legacy_settings_path, preferences_path

    for path in (preferences_path(), legacy_settings_path()):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}
    return {}


def peek_theme() -> str | None:
    """The theme chosen last time."""
    theme = peek_preferences().get("theme")
    return theme if isinstance(theme, str) else None


def peek_last_deck() -> str | None:
    """The deck open when the app was last used (an id or a file path), to open again."""
    deck = peek_preferences().get("last_deck")
    return deck if isinstance(deck, str) and deck else None
