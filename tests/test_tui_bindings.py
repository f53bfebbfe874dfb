"""Every key binding has an id (so keymaps can rebind it) and a tooltip (the key bar shows
it on hover)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from textual.binding import Binding
from textual.screen import Screen

import exam_sim.tui.screens as screens_package
from exam_sim.tui.app import ExamSimApp


def _classes_with_bindings() -> list[type]:
    found: list[type] = [ExamSimApp]
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Screen)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


@pytest.mark.parametrize("owner", _classes_with_bindings(), ids=lambda c: c.__name__)
def test_every_binding_has_an_id_and_a_tooltip(owner: type) -> None:
    bindings = [b for b in owner.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    assert bindings, f"{owner.__name__} declares no bindings"
    for binding in bindings:
        assert binding.id, f"{owner.__name__}: {binding.key} has no id"
        assert binding.tooltip, f"{owner.__name__}: {binding.key} has no tooltip"
    ids = [b.id for b in bindings]
    assert len(ids) == len(set(ids)), f"{owner.__name__}: duplicate binding ids"
