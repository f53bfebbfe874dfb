"""`exam-sim history` (list, show, topics, confusions, JSON/CSV) and the weak-spot drill,
on a real history built by running sessions through the CLI."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import Terminal, run_cli

from exam_sim.cli import main
from exam_sim.decks import resolve_deck
from exam_sim.exam import plan_mock, rank_weak_cards, weak_card_history
from exam_sim.generator import generator_for
from exam_sim.history import History
from exam_sim.models import AttemptMode, Direction
from exam_sim.present import prompt
from exam_sim.report import confusion_sentence

DECK = "aws-ml-specialty"
MOCK_SEED = 11


run = run_cli


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per module, copied for each test: attempt 1, a submitted 5-question mock
    with two wrong (non-true/false) answers, two right and one blank; 2, a submitted
    3-question drill; 3, an unfinished mock with one answer and a flag."""
    home = tmp_path_factory.mktemp("history-home")
    deck = resolve_deck(DECK)
    questions = plan_mock(generator_for(deck), questions=5, seed=MOCK_SEED).questions
    script = []
    for position, question in enumerate(questions[:4]):
        wrong = position in (0, 2) and question.direction is not Direction.TRUE_FALSE
        choice = (question.answer + 1) % len(question.options) if wrong else question.answer
        script.append("abcdef"[choice])
    sessions = [
        (["exam", DECK, "--plain", "--questions", "5", "--seed", str(MOCK_SEED)],
         "\n".join([*script, "submit", "y"]) + "\n"),
        (["drill", DECK, "--plain", "--count", "3", "--seed", "2"], "a\na\na\nsubmit\ny\n"),
        (["exam", DECK, "--plain", "--questions", "4", "--seed", "3"], "b\nflag\n"),
    ]  # fmt: skip
    db = home / "history.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        for argv, stdin in sessions:
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                assert main(["--db", str(db), *argv]) == 0
    return db


@pytest.fixture
def filled(built: Path, home: Path) -> Path:
    home.mkdir()
    db = home / "history.sqlite3"
    shutil.copyfile(built, db)
    return db


def test_attempts_table(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, ["history"])
    assert code == 0 and err == ""
    rows = out.splitlines()
    assert re.match(r"^#\s+Date\s+Deck\s+Mode\s+Score\s+Result\s+Correct\s+Time$", rows[0])
    with History(filled) as store:
        first = store.attempt_summary(1)
    assert re.match(
        r"^3  \d{4}-\d\d-\d\d \d\d:\d\d  aws-ml-specialty  mock .* unfinished  1/4 answered",
        rows[1],
    )
    assert re.match(r"^2  .*  drill ", rows[2])
    assert re.match(
        rf"^1  .*  mock +{first.scaled}  fail +{first.correct}/5 \(\d+ %\) +\d:\d\d$", rows[3]
    )
    assert rows[4] == "Resume an unfinished attempt with: exam-sim resume 3"

    code, out, _ = run(monkeypatch, capsys, ["history", "--limit", "1"])
    assert len(out.splitlines()) == 4  # header, one row, the limit note, the resume hint
    assert "(The newest 1; --limit 0 shows every attempt.)" in out
    # A deck with no attempts is the one to start on; a mistyped id is said to be one.
    code, out, _ = run(monkeypatch, capsys, ["history", "--deck", "aws-mla-c01"])
    assert (
        out == "No attempts yet for deck aws-mla-c01. Start one with: exam-sim exam aws-mla-c01\n"
    )
    code, out, _ = run(monkeypatch, capsys, ["history", "--deck", "another-deck"])
    assert out == (
        "No attempts for deck another-deck, and no deck has that id "
        "('exam-sim decks' lists them).\n"
    )


def test_show_prints_report_and_every_question_with_answer_and_key(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["history", "show", "1"])
    assert code == 0
    with History(filled) as store:
        attempt = store.load_attempt(1)
        report = store.load_report(1)
    assert report is not None
    assert out.startswith("Attempt 1 · Mock exam · AWS Certified Machine Learning")
    assert f"Correct: {report.correct} of 5" in out
    for topic in report.topics:
        assert topic.name in out
    blocks = out.split("\n\nQuestion ")[1:]
    assert len(blocks) == 5
    for number, (block, question, answer) in enumerate(
        zip(blocks, attempt.questions, attempt.answers, strict=True), start=1
    ):
        head, task = block.splitlines()[:2]
        assert head.startswith(f"{number} · ")
        if prompt(question):  # as asked, above the stem (true/false says it)
            assert task == f"Task: {prompt(question)}"
        if answer.choice is None:
            assert "unanswered" in head
        else:
            assert ("✓ correct" if answer.is_correct(question) else "✗ wrong") in head
            chosen = f"{'ABCDEF'[answer.choice]}) {question.options[answer.choice]}".split("\n")
            assert re.search(rf"{re.escape(chosen[0])}  ← your answer", block)
        key = f"{'ABCDEF'[question.answer]}) {question.options[question.answer]}".split("\n")
        assert re.search(rf"{re.escape(key[0])}  ← (your answer, )?correct answer", block)


def test_show_of_unfinished_attempt_hides_the_key(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["history", "show", "3"])
    assert code == 0
    assert "1 of 4 answered; the key stays hidden until it is submitted." in out
    assert "Resume with: exam-sim resume 3" in out
    assert "correct answer" not in out and "✓" not in out
    assert "← your answer" in out and "answered B" in out


def test_topics_pool_finished_attempts(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["history", "topics"])
    assert code == 0
    with History(filled) as store:
        averages = store.topic_averages(DECK)
    assert out.startswith("aws-ml-specialty: every finished attempt, pooled\n")
    for average in averages:
        assert re.search(
            rf"^{re.escape(average.name)} +{average.attempts} +{average.correct}/{average.total} "
            rf"+{average.percent:.1f} %",
            out,
            re.M,
        )
    code, out, _ = run(monkeypatch, capsys, ["history", "topics", "--json"])
    data = json.loads(out)
    assert [d["deck_id"] for d in data] == [DECK]
    assert {t["name"] for t in data[0]["topics"]} == {a.name for a in averages}
    code, out, _ = run(monkeypatch, capsys, ["history", "topics", "--csv"])
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:4] == ["deck_id", "topic", "name", "attempts"]
    assert len(rows) == len(averages) + 1


def test_confusions_name_what_was_taken_for_what(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with History(filled) as store:
        attempt = store.load_attempt(1)
        confusions = store.confusions(DECK, limit=100)
    # The deliberate mistakes of attempt 1 are among them (but a wrong pairing of a
    # comparison's sides, which is the key's own card: no other card was taken for it).
    expected = {
        (q.card_id, q.option_card_ids[a.choice])
        for q, a in zip(attempt.questions, attempt.answers, strict=True)
        if a.choice is not None
        and not a.is_correct(q)
        and q.direction is not Direction.TRUE_FALSE
        and q.option_card_ids[a.choice] != q.card_id
    }
    assert expected and expected <= {(c.key_card_id, c.chosen_card_id) for c in confusions}
    code, out, _ = run(monkeypatch, capsys, ["history", "confusions", "--limit", "0"])
    assert code == 0
    assert out.startswith("Your most frequent confusions:\n")
    for index, confusion in enumerate(confusions, start=1):
        described = confusion_sentence(confusion)
        assert f"{index:>3}. {described[0].upper()}{described[1:]}\n" in out
    code, out, _ = run(monkeypatch, capsys, ["history", "confusions", "--json", "--limit", "0"])
    assert {(c["key_card_id"], c["chosen_card_id"]) for c in json.loads(out)} >= expected
    code, out, _ = run(monkeypatch, capsys, ["history", "confusions", "--csv"])
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "deck_id",
        "key_card_id",
        "key_text",
        "chosen_card_id",
        "chosen_text",
        "times",
    ]


def test_json_and_csv_exports(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(monkeypatch, capsys, ["history", "--json"])
    data = json.loads(out)
    assert data["format"] == "exam-sim-history"
    assert [a["id"] for a in data["attempts"]] == [1, 2, 3]
    assert data["attempts"][0]["report"]["total"] == 5 and data["attempts"][2]["report"] is None

    _, out, _ = run(monkeypatch, capsys, ["history", "show", "2", "--json"])
    (drill,) = json.loads(out)["attempts"]
    assert drill["mode"] == "drill" and len(drill["answers"]) == 3

    _, out, _ = run(monkeypatch, capsys, ["history", "--json", "--deck", "another-deck"])
    assert json.loads(out)["attempts"] == []

    _, out, _ = run(monkeypatch, capsys, ["history", "--csv"])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["attempt_id"] for r in rows] == ["1", "2", "3"]
    assert rows[2]["status"] == "in_progress" and rows[2]["passed"] == ""

    _, out, _ = run(monkeypatch, capsys, ["history", "show", "1", "--csv"])
    answers = list(csv.DictReader(io.StringIO(out)))
    assert [r["number"] for r in answers] == ["1", "2", "3", "4", "5"]
    assert answers[4]["choice"] == "" and answers[0]["key"] in "ABCD"

    _, out, _ = run(monkeypatch, capsys, ["history", "--csv", "--table", "answers"])
    assert len(list(csv.DictReader(io.StringIO(out)))) == 5 + 3 + 4
    _, out, _ = run(monkeypatch, capsys, ["history", "--csv", "--deck", DECK])
    assert len(list(csv.DictReader(io.StringIO(out)))) == 3


def test_weak_drill_asks_the_weakest_cards_first(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = resolve_deck(DECK)
    with History(filled) as store:
        ranked = rank_weak_cards(deck, weak_card_history(store, deck.id))
    argv = ["drill", DECK, "--weak", "--count", "4", "--plain", "--seed", "1"]
    code, out, err = run(monkeypatch, capsys, argv, "")
    assert code == 0, err
    note = r"^Note: Chosen by weakness from your history, of 4 cards: \d+ you missed"
    assert re.search(note, out, re.M)
    with History(filled) as store:
        weak = store.load_attempt(4)
    assert weak.mode is AttemptMode.WEAK
    asked = [q.card_id for q in weak.questions]
    askable = [c for c in ranked if generator_for(deck).directions_for(c)]
    assert asked == askable[:4]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["history", "show", "99"], "has no attempt 99."),
        (["history", "show"], "history show needs an attempt number"),
        (["history", "topics", "3"], "an attempt number goes with show"),
        (["history", "--table", "answers"], "--table chooses the table of a --csv export"),
    ],
)
def test_history_errors_are_one_line_exit_2(
    filled: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    code, out, err = run(monkeypatch, capsys, argv)
    assert (code, out) == (2, "")
    assert err.startswith("exam-sim: ") and message in err and err.count("\n") == 1


def test_history_rejects_a_non_number_attempt(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bad usage: exit code 2 and one sentence (argparse used to raise SystemExit(2)).
    code, out, err = run(monkeypatch, capsys, ["history", "show", "abc"])
    assert (code, out) == (2, "")
    assert err.startswith("exam-sim: ") and err.count("\n") == 1
    assert "'abc' is not an attempt number" in err


def test_empty_history(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(monkeypatch, capsys, ["history"])[1].startswith("No attempts yet.")
    assert run(monkeypatch, capsys, ["history", "topics"])[1].startswith("No finished attempts")
    assert run(monkeypatch, capsys, ["history", "confusions"])[1].startswith("No confusions yet")


def test_truncated_database_is_one_line_and_untouched(
    filled: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = filled.parent / "truncated.sqlite3"
    broken.write_bytes(filled.read_bytes()[:1000])
    before = broken.read_bytes()
    code, out, err = run(monkeypatch, capsys, ["--db", str(broken), "history"])
    assert (code, out) == (2, "")
    assert err.startswith(f"exam-sim: {broken}") and err.count("\n") == 1
    assert broken.read_bytes() == before


def test_history_show_as_a_subprocess(filled: Path) -> None:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")  # EXAM_SIM_HOME: the `home` fixture
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "history", "show", "1"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Attempt 1 · Mock exam")
    assert "← correct answer" in result.stdout


def test_history_delete_asks_first_then_removes_the_attempt_and_its_share(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`history delete N` as Del on the History screen: refused without a terminal unless
    --yes (a subprocess), then the attempt and its topic scores are gone."""
    db = home / "history.sqlite3"
    monkeypatch.setattr(sys, "stdin", io.StringIO("a\nb\nsubmit\ny\n"))
    main(["--db", str(db), "drill", "aws-ml-specialty", "--plain", "--count", "2", "--seed", "1"])
    capsys.readouterr()

    def delete(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "exam_sim", "--db", str(db), "history", "delete", *argv],
            capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL,
        )  # fmt: skip

    asked = delete("1")
    assert asked.returncode == 2
    assert asked.stderr == "exam-sim: deleting attempt 1 asks first; add --yes to delete it.\n"
    with History(db) as history:
        assert [s.id for s in history.attempts()] == [1]
    assert delete("7", "--yes").stderr == f"exam-sim: {db} has no attempt 7.\n"

    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))  # at a terminal it asks: no
    assert main(["--db", str(db), "history", "delete", "1"]) == 0
    out = capsys.readouterr().out
    assert "? Its answers leave your history, trends and weak-card ranking for good." in out
    assert out.rstrip().endswith("Nothing deleted.")
    done = delete("1", "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Deleted attempt 1 (Drill · aws-ml-specialty · ")
    with History(db) as history:
        assert history.attempts() == [] and history.topic_averages("aws-ml-specialty") == []
