"""Where exam-sim keeps its files. `EXAM_SIM_HOME` overrides everything (tests use it)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "exam-sim"


def data_home() -> Path:
    """The user's exam-sim folder: `$EXAM_SIM_HOME`, else the platform's user data dir."""
    override = os.environ.get("EXAM_SIM_HOME")
    home = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME))
    return home


def config_home() -> Path:
    """Where preferences live: `$EXAM_SIM_HOME`, else the platform's user config dir
    (~/.config/exam-sim on Linux), apart from the data (history, library)."""
    override = os.environ.get("EXAM_SIM_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME))


def preferences_path() -> Path:
    """The TUI's preferences (theme, key remaps): JSON, see `exam_sim.tui.preferences`."""
    return config_home() / "preferences.json"


def legacy_settings_path() -> Path:
    """Where the theme was kept before preferences moved to the config folder: read once
    to carry it over."""
    return data_home() / "settings.json"


def library_dir() -> Path:
    """Decks the user imported, in the native TOML format."""
    return data_home() / "decks"


def default_db_path() -> Path:
    return data_home() / "history.sqlite3"


def bundled_dir() -> Path:
    """The bundled question bank: inside the wheel, or `question_bank/` in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "question_bank", here.parent / "question_bank"):
        if candidate.is_dir():
            return candidate
    return here / "question_bank"
