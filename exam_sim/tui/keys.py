"""Every key the learner can press, as the app has them now (with the preferences' keymap).

The help screen is built from these, so it lists every binding of every screen and can
never miss one or show a key that was remapped; the preferences are checked against the
same binding ids.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingsMap, BindingType


@dataclass(frozen=True)
class KeyHelp:
    """One binding as the help screen shows it."""

    id: str
    keys: tuple[str, ...]  # as displayed: "n", "→", "^q"
    description: str
    tooltip: str


def binding_owners() -> list[tuple[str, type]]:
    """Every class with keys, with the title the help screen gives it, in the order a
    learner meets them."""
    # Imported here: the screens import the core, which the app loads after Home is drawn.
    from exam_sim.tui.app import ExamSimApp
    from exam_sim.tui.screens.charts import ChartsScreen
    from exam_sim.tui.screens.confirm import ConfirmScreen
    from exam_sim.tui.screens.deck_picker import DeckPickerScreen
    from exam_sim.tui.screens.drill_setup import DrillSetupScreen
    from exam_sim.tui.screens.exam import ExamScreen
    from exam_sim.tui.screens.exam_date import ExamDateScreen
    from exam_sim.tui.screens.help import HelpScreen
    from exam_sim.tui.screens.history import HistoryScreen
    from exam_sim.tui.screens.home import HomeScreen
    from exam_sim.tui.screens.navigator import NavigatorScreen
    from exam_sim.tui.screens.results import ResultsScreen
    from exam_sim.tui.screens.resume import ResumeScreen
    from exam_sim.tui.screens.review import ReviewScreen
    from exam_sim.tui.screens.study import StudyScreen

    return [
        ("Everywhere", ExamSimApp),
        ("Home", HomeScreen),
        ("Drill set-up", DrillSetupScreen),
        ("Unfinished attempts (R, or M/D/W with attempts still open)", ResumeScreen),
        ("Open a deck", DeckPickerScreen),
        ("Exam", ExamScreen),
        ("Study", StudyScreen),
        ("Exam date", ExamDateScreen),
        ("Question navigator and the end-of-exam review page", NavigatorScreen),
        ("Yes/no questions", ConfirmScreen),
        ("Results", ResultsScreen),
        ("Review", ReviewScreen),
        ("History", HistoryScreen),
        ("Charts", ChartsScreen),
        ("Help", HelpScreen),
    ]


def _own_bindings(owner: type) -> list[Binding]:
    declared: list[BindingType] = list(owner.__dict__.get("BINDINGS", []))
    return [b for b in Binding.make_bindings(declared) if b.id]


def all_binding_ids() -> set[str]:
    return {b.id for _, owner in binding_owners() for b in _own_bindings(owner) if b.id}


def unknown_binding_ids(ids: Iterable[str]) -> list[str]:
    """The ids no binding has (a typo in the preferences' keymap)."""
    if not ids:
        return []
    known = all_binding_ids()
    return sorted(i for i in ids if i not in known)


def live_keys(owner: type, app: App[Any], keymap: Mapping[str, str]) -> list[KeyHelp]:
    """The bindings `owner` declares, one per id in declaration order, each with the keys
    that press it once `keymap` is applied, as the app displays them."""
    declared = _own_bindings(owner)
    bindings = BindingsMap(declared)
    if keymap:
        bindings.apply_keymap(dict(keymap))
    keys: dict[str, list[str]] = {}
    for key, binding in bindings:
        if binding.id:
            keys.setdefault(binding.id, []).append(key)
    result: list[KeyHelp] = []
    seen: set[str] = set()
    for binding in declared:
        assert binding.id is not None
        if binding.id in seen:
            continue
        seen.add(binding.id)
        shown = tuple(
            app.get_key_display(dataclasses.replace(binding, key=key))
            for key in keys.get(binding.id, [])
        )
        result.append(
            KeyHelp(
                id=binding.id,
                keys=shown,
                description=binding.description,
                tooltip=binding.tooltip,
            )
        )
    return result
