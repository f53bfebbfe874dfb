"""The TUI's preferences (for now the theme), kept in `settings.json` beside the history.

A preference is not worth refusing to start over: a missing, unreadable or garbled file
means the defaults, and it is rewritten whole on the next change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from exam_sim.paths import data_home


def settings_path() -> Path:
    return data_home() / "settings.json"


def load_settings() -> dict[str, object]:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(key: str, value: object) -> None:
    """Store one preference; raises OSError when the folder cannot be written."""
    path = settings_path()
    data = load_settings()
    data[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, path)  # whole or not at all, even if the app is killed meanwhile
