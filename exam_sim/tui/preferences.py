"""The TUI's preferences: the theme and key remaps, in `preferences.json` in the config folder.

```json
{"theme": "nord", "keymap": {"exam.flag": "ctrl+f", "exam.next": "n,j"}}
```

`last_deck` (written by the app) is the deck open last time, opened again at start-up.

`keymap` maps a binding id (every key of every screen has one; the help screen, `?`,
lists them) to the keys that should press it instead, comma-separated; it is applied with
Textual's `App.set_keymap`. A preference is not worth refusing to start over: a missing or
unreadable file means the defaults, a value of the wrong type is dropped (the others are
kept), and keys this version does not know are kept when the file is rewritten.

The first time, the theme is carried over from the `settings.json` that earlier versions
kept beside the history, and written here.

This module imports pydantic: the app loads it in the worker that opens the deck, after
the first frame; before that, the app reads the theme alone with `json`
(`tui.start_up`) so that the first frame is drawn in it and Home shows the right deck.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from exam_sim.paths import legacy_settings_path, preferences_path


class Preferences(BaseModel):
    model_config = ConfigDict(frozen=True, extra="allow")

    theme: str | None = None
    keymap: dict[str, str] = Field(default_factory=dict)
    # K on Home: mocks and drills started in the TUI ask how sure each answer was.
    confidence_marks: bool = False
    # The deck open when the app was last used (`catalog.reopening_spec`), opened again.
    last_deck: str | None = None


def read_json(path: Path) -> dict[str, Any] | None:
    """The file's JSON object; None when it is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _lenient(data: dict[str, Any]) -> Preferences:
    """The preferences in `data`, each field on its own: one bad value costs only itself."""
    try:
        return Preferences.model_validate(data)
    except ValidationError:
        pass
    kept: dict[str, Any] = {}
    for key, value in data.items():
        try:
            Preferences.model_validate({key: value})
        except ValidationError:
            continue
        kept[key] = value
    return Preferences.model_validate(kept)


def load_preferences() -> Preferences:
    """The saved preferences, the old settings.json carried over, or the defaults."""
    path = preferences_path()
    if path.exists():
        data = read_json(path)
        return Preferences() if data is None else _lenient(data)
    legacy = read_json(legacy_settings_path())
    if legacy is None:
        return Preferences()
    carried = _lenient({"theme": legacy.get("theme")})
    with contextlib.suppress(OSError):  # read again next time; nothing is lost
        save_preferences(carried)
    return carried


def save_preferences(preferences: Preferences) -> None:
    """Write the preferences whole; raises OSError when the folder cannot be written."""
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    text = json.dumps(preferences.model_dump(exclude_none=True), indent=2, sort_keys=True)
    partial.write_text(text + "\n", encoding="utf-8")
    os.replace(partial, path)  # whole or not at all, even if the app is killed meanwhile


def update_preferences(**changes: Any) -> Preferences:
    """Load, change and save; returns what was saved (raises OSError like `save`)."""
    preferences = load_preferences().model_copy(update=changes)
    save_preferences(preferences)
    return preferences
