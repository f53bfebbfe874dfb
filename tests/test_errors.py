"""One error hierarchy: every error a learner can fix is an `ExamSimError`, importable
from where it used to live, and reported by the CLI in one sentence with exit code 2."""

from __future__ import annotations

import pytest

from exam_sim import errors


def test_every_error_has_the_one_base_and_its_old_import_location() -> None:
    from exam_sim.exam import SessionError
    from exam_sim.generator import GeneratorError
    from exam_sim.history import HistoryError
    from exam_sim.models import DeckError

    assert DeckError is errors.DeckError
    assert HistoryError is errors.HistoryError
    assert SessionError is errors.SessionError
    assert GeneratorError is errors.GeneratorError
    for error in (DeckError, HistoryError, SessionError, GeneratorError, errors.UsageError):
        assert issubclass(error, errors.ExamSimError)
    from exam_sim.cli import UserError  # the usage error's old name and home

    assert UserError is errors.UsageError
    # Callers that caught ValueError for these two still do.
    assert issubclass(SessionError, ValueError) and issubclass(GeneratorError, ValueError)


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (errors.UsageError("no attempt 3"), "no attempt 3."),
        (errors.SessionError("already over."), "already over."),
        (errors.DeckError("bad id", file="d.toml", line=4), "d.toml, line 4: bad id."),
        (errors.HistoryError("is it a database?"), "is it a database?"),
    ],
)
def test_an_error_is_one_sentence(error: errors.ExamSimError, sentence: str) -> None:
    assert error.sentence() == sentence
    assert error.exit_code == 2


def test_the_cli_reports_any_of_them_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from exam_sim import cli
    from exam_sim.commands import decks

    def fail(*args: object, **kwargs: object) -> None:
        raise errors.GeneratorError("deck 'x' has 3 cards; 4 options need at least 4")

    monkeypatch.setattr(decks, "list_decks", fail)
    assert cli.main(["decks"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "exam-sim: deck 'x' has 3 cards; 4 options need at least 4.\n"


def test_anything_else_is_a_bug_and_keeps_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from exam_sim import cli
    from exam_sim.commands import decks

    def bug(*args: object, **kwargs: object) -> None:
        raise TypeError("a bug")

    monkeypatch.setattr(decks, "list_decks", bug)
    with pytest.raises(TypeError, match="a bug"):
        cli.main(["decks"])
