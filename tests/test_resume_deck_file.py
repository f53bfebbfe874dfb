"""An attempt taken on a deck file outside the library resumes on that file: its topic
names, and a tagged deck's scoring by tag, come back with it (nothing else finds the deck
by its id). A file gone or changed leaves the attempt's own questions to go on with."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import lines, run_cli

from exam_sim.exam import deck_of
from exam_sim.history import History

TOPICS = {"ops": "Operations and Monitoring", "ml": "Model Building"}
CARDS = [
    ("Amazon CloudWatch", "Collects metrics and logs from running services.", "ops"),
    ("AWS CloudTrail", "Records every API call made in an account.", "ops"),
    ("AWS Config", "Tracks how resource settings change over time.", "ops"),
    ("Amazon EventBridge", "Routes events between services on rules.", "ops"),
    ("XGBoost", "Gradient boosted decision trees for tabular data.", "ml"),
    ("K-means", "Groups unlabelled points into k clusters.", "ml"),
    ("Linear Learner", "Fits linear models for regression or classification.", "ml"),
    ("Random Cut Forest", "Scores points by how anomalous they look.", "ml"),
]


def _native_deck(path: Path) -> Path:
    parts = ['format = "exam-sim/1"', 'id = "field-notes"', 'title = "Field notes"', ""]
    for topic, name in TOPICS.items():
        parts += ["[[topics]]", f'id = "{topic}"', f'name = "{name}"', "weight = 0.5", ""]
    for term, definition, topic in CARDS:
        card_id = term.lower().replace(" ", "-")
        parts += ["[[cards]]", f'id = "{card_id}"', f'term = "{term}"']
        parts += [f'definition = "{definition}"']
        parts += [f'topic = "{topic}"', ""]
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _tagged_deck(path: Path) -> Path:
    rows = ["Front,Back,Tags"]
    rows += [f'{term},"{definition}",{"watching" if topic == "ops" else "learning"}'
             for term, definition, topic in CARDS]  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _left_open(
    deck: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    """A 6-question mock on `deck` with its first answer given, left unfinished (attempt
    1); its output."""
    argv = ["exam", str(deck), "--plain", "--questions", "6", "--seed", "4"]
    code, out, err = run_cli(monkeypatch, capsys, argv, lines("a"))
    assert code == 0, err
    return out


def _headers(out: str) -> set[str]:
    return set(re.findall(r"^Question \d+ of \d+ · ([^·]+) · ", out, re.MULTILINE))


def test_a_resume_reads_the_deck_file_again_for_its_topic_names(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _left_open(_native_deck(tmp_path / "notes.toml"), monkeypatch, capsys)
    assert "Resume with: exam-sim resume 1 --plain" in out
    walk = lines("n", "n", "n", "n", "n", "submit", "y")
    code, out, err = run_cli(monkeypatch, capsys, ["resume", "--plain"], walk)
    assert code == 0, err
    assert _headers(out) == set(TOPICS.values())
    report = out[out.index("Score report") :]
    assert all(name in report for name in TOPICS.values())
    assert "Ops " not in report and "Ml " not in report  # ids made readable: the deck was lost


def test_a_tagged_deck_file_resumed_is_still_scored_by_tag(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _left_open(_tagged_deck(tmp_path / "tagged.csv"), monkeypatch, capsys)
    code, out, err = run_cli(monkeypatch, capsys, ["resume", "--plain"], lines("submit", "y"))
    assert code == 0, err
    report = out[out.index("Score report") :]
    assert "watching" in report and "learning" in report
    with History(home / "history.sqlite3") as history:
        stored = history.load_report(1)
    assert stored is not None
    assert {t.name for t in stored.tags} == {"watching", "learning"}


def test_a_deck_file_gone_or_changed_leaves_the_attempt_to_itself(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = _native_deck(tmp_path / "notes.toml")
    _left_open(deck, monkeypatch, capsys)
    with History(home / "history.sqlite3") as history:
        attempt = history.load_attempt(1)
    assert attempt.deck_path == str(deck.resolve())
    assert deck_of(attempt) is not None
    # Another deck in its place (another id): not taken for the attempt's.
    deck.write_text(deck.read_text().replace('"field-notes"', '"other-notes"'))
    assert deck_of(attempt) is None
    deck.unlink()
    assert deck_of(attempt) is None
    code, out, err = run_cli(monkeypatch, capsys, ["resume", "--plain"], lines("submit", "y"))
    assert code == 0, err
    assert "Score report" in out and "Ops" in out  # the id made readable: all it has left


async def test_the_tui_resumes_an_attempt_on_its_deck_file(tmp_path: Path) -> None:
    """Opened on another deck (the bundled one), the TUI resumes the attempt on the deck
    file it was taken on: its topics named as that file names them."""
    from support.tui import exam_screen

    from exam_sim.decks import load_deck
    from exam_sim.exam import ExamSession, ResumeRequest, SessionRequest, plan_session
    from exam_sim.models import AttemptMode
    from exam_sim.tui.app import create_app

    deck = load_deck(_native_deck(tmp_path / "notes.toml"))
    db = tmp_path / "history.sqlite3"
    with History(db) as history:
        setup = plan_session(SessionRequest(mode=AttemptMode.DRILL, questions=4, seed=2), deck)
        session = ExamSession(setup.new_attempt(), store=history)
        session.answer(0)
        session.close()
    app = create_app(db=db, start=ResumeRequest(attempt_id=1))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        assert app.deck.id == "field-notes"
        assert screen.session.answers[0].choice == 0
        names = {app.topic_names.get(q.topic) for q in screen.session.questions}
        assert names <= set(TOPICS.values())
