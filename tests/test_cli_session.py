"""`exam-sim exam`, `drill`, `retry` and `resume` in --plain mode, in process and as a
subprocess, against a real SQLite history in tmp_path."""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from support import WORDS, lines, run_cli

from exam_sim.commands.session import PlainSession
from exam_sim.decks import resolve_deck
from exam_sim.exam import ExamSession, new_attempt, plan_mock, topic_names_of
from exam_sim.generator import generator_for
from exam_sim.history import History
from exam_sim.models import AttemptMode, AttemptStatus, Deck, make_card

DECK = "aws-ml-specialty"
HEADER = re.compile(
    r"^Question (\d+) of (\d+) · [^·]+ · (\d+:)?\d+:\d\d (left|used) · (\d+) answered · "
    r"(\d+) flagged$",
    re.MULTILINE,
)
AWS_DOMAINS = {
    "data-engineering": 13,
    "exploratory-data-analysis": 16,
    "modeling": 23,
    "ml-implementation-operations": 13,
}


run = run_cli


def history(home: Path) -> History:
    return History(home / "history.sqlite3")


def test_short_mock_exam_with_flag_navigation_change_list_and_submit(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = lines(
        "a",  # q1 → A, shows q2
        "flag",  # flag q2
        "b",  # q2 → B, shows q3
        "prev",  # back to q2
        "a",  # change q2 to A, shows q3 (every question has at least options A and B)
        "bogus",  # a hint, nothing else
        "go 5",
        "b",  # q5 → B: the last question
        "list",
        "submit",
        "n",
        "go 3",
        "2",  # q3 → B by digit
        "submit",
        "maybe",
        "y",
    )
    code, out, err = run(
        monkeypatch, capsys, ["exam", DECK, "--plain", "--questions", "5", "--seed", "11"], script
    )
    assert code == 0, err
    assert err == ""
    assert "Attempt 1 · seed 11" in out
    headers = HEADER.findall(out)
    assert headers and all(total == "5" for _, total, *_ in headers)
    for expected in (
        "saved: question 1 → A",
        "saved: question 2 flagged",
        "saved: question 2 → B",
        "saved: question 2 → A",
        "saved: question 5 → B",
        "saved: question 3 → B",
        "Unknown command 'bogus'",
        "That was the last question; 2 unanswered (3, 4).",
        "Unanswered (2): 3, 4 · Flagged (1): 2",
        "Submit with 2 unanswered (3, 4) and 1 flagged (2)? [y/n]",
        "Not submitted; carry on.",
        "Submit with 1 unanswered (4) and 1 flagged (2)? [y/n]",
        "Please answer y (submit now) or n (carry on).",
        "Score report · Mock exam",
        "answered 4, unanswered 1 (counted wrong)",
        "Review every question with: exam-sim history show 1",
    ):
        assert expected in out, expected
    # Coming back to q2 shows the answer and flag given there.
    assert "Your answer: B · flagged for review" in out

    with history(home) as store:
        attempt = store.load_attempt(1)
        report = store.load_report(1)
    assert attempt.status is AttemptStatus.SUBMITTED
    assert [a.choice for a in attempt.answers] == [0, 0, 1, None, 1]
    assert attempt.answers[1].changes == 1 and attempt.answers[1].flagged
    assert report is not None
    correct = sum(a.is_correct(q) for q, a in zip(attempt.questions, attempt.answers, strict=True))
    assert report.correct == correct
    assert f"Correct: {correct} of 5" in out
    # Every topic the exam asked is in the report, with a verdict.
    deck = resolve_deck(DECK)
    for topic in {q.topic for q in attempt.questions}:
        assert re.search(
            rf"^  {re.escape(deck.topic_name(topic))} +\d/\d +[\d.]+ %  "
            "(✓ Meets competencies|✗ Needs improvement)$",
            out,
            re.MULTILINE,
        )


def test_same_seed_gives_the_same_exam(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["exam", DECK, "--plain", "--questions", "4", "--seed", "5"]
    run(monkeypatch, capsys, argv, "")
    run(monkeypatch, capsys, argv, "")
    with history(home) as store:
        first, second = store.load_attempt(1), store.load_attempt(2)
    assert first.questions == second.questions


def test_random_seed_is_printed_and_repeats_the_exam(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(monkeypatch, capsys, ["exam", DECK, "--plain", "--questions", "3"], "")
    match = re.search(r"The same exam again: exam-sim exam aws-ml-specialty --seed (\d+)", out)
    assert match
    run(monkeypatch, capsys, ["exam", DECK, "--plain", "--questions", "3", "--seed", match[1]])
    with history(home) as store:
        assert store.load_attempt(1).questions == store.load_attempt(2).questions


def test_drill_gives_feedback_with_every_option_explained(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["drill", DECK, "--plain", "--topic", "Modeling", "--count", "3", "--seed", "4"]
    code, out, err = run(monkeypatch, capsys, argv, lines("a", "b", "a", "submit", "y"))
    assert code == 0, err
    with history(home) as store:
        attempt = store.load_attempt(1)
    assert attempt.mode is AttemptMode.DRILL and attempt.status is AttemptStatus.SUBMITTED
    assert {q.topic for q in attempt.questions} == {"modeling"}
    assert "All 3 questions are answered." in out
    verdicts = re.findall(
        r"^(✓ Correct: [A-F]|✗ Wrong: you chose [AB]; the answer is [A-F])\) ", out, re.M
    )
    assert len(verdicts) == 3
    for question, answer in zip(attempt.questions, attempt.answers, strict=True):
        feedback = "✓ Correct" if answer.is_correct(question) else "✗ Wrong"
        assert feedback in out
        # One explanation per option, the key marked ✓ (true/false: the card's one).
        if len(set(question.explanations)) == 1:
            assert f"\n  {question.explanations[0].splitlines()[0]}" in out
            continue
        for i, why in enumerate(question.explanations):
            mark = "✓" if i == question.answer else "✗"
            assert f"\n  {mark} {'ABCDEF'[i]}) {why.splitlines()[0]}" in out


@pytest.mark.parametrize("command", ["exam", "drill"])
@pytest.mark.parametrize("spelling", ["--questions", "--count"])
def test_exam_and_drill_take_the_number_of_questions_either_way(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    spelling: str,
) -> None:
    argv = [command, DECK, "--plain", spelling, "2", "--seed", "1"]
    code, _, err = run(monkeypatch, capsys, argv, lines("quit"))
    assert code == 0, err
    with history(home) as store:
        assert len(store.load_attempt(1).questions) == 2


def test_resume_shows_each_answer_whole_for_items_of_several_answers(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A multiple response read "2 → C" and a matching "3 → A": the first letter only."""
    from exam_sim.decks.loader import import_deck
    from exam_sim.enums import ItemKind
    from exam_sim.exam import SessionRequest, plan_session

    deck, _ = import_deck(Path(__file__).parent / "data" / "bank.gift")
    with history(home) as store:
        setup = plan_session(SessionRequest(mode=AttemptMode.MOCK, seed=4), deck, history=store)
        session = ExamSession(setup.new_attempt(), store=store, topic_names=topic_names_of(deck))
        kinds = [q.kind for q in session.questions]
        several = kinds.index(ItemKind.MULTIPLE)
        matching = kinds.index(ItemKind.MATCHING)
        session.go(several)
        session.respond([0, 2])
        session.go(matching)
        session.respond([1, 0, 2])
    code, out, err = run(monkeypatch, capsys, ["resume", "--plain"], lines())
    assert code == 0, err
    shown = sorted([f"{several + 1} → A, C", f"{matching + 1} → 1-B, 2-A, 3-C"])
    assert f"Your answers so far: {' · '.join(shown)}\n" in out


def test_drill_rejects_unknown_topic_and_tag(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, ["drill", DECK, "--plain", "--topic", "cooking"])
    assert code == 2 and out == ""
    assert err.startswith("exam-sim: deck 'aws-ml-specialty' has no topic 'cooking'")
    assert err.count("\n") == 1
    code, _, err = run(monkeypatch, capsys, ["drill", DECK, "--plain", "--tag", "nope"])
    assert code == 2 and "has no tag 'nope'" in err and err.count("\n") == 1


def test_eof_leaves_attempt_resumable_and_resume_shows_the_answers(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["exam", DECK, "--plain", "--questions", "5", "--seed", "3"]
    code, out, _ = run(monkeypatch, capsys, argv, lines("b", "flag", "a"))
    assert code == 0
    assert "Left unfinished: attempt 1 is saved (2 of 5 answered, " in out
    assert "Resume with: exam-sim resume 1 --plain" in out
    with history(home) as store:
        assert store.load_attempt(1).status is AttemptStatus.IN_PROGRESS

    code, out, err = run(monkeypatch, capsys, ["resume", "--plain"], lines("list"))
    assert code == 0, err
    assert "Resuming attempt 1: Mock exam" in out
    assert "Your answers so far: 1 → B · 2 → A" in out
    assert "Flagged: 2" in out
    assert re.search(r"^Question 3 of 5 · .* · 2 answered · 1 flagged$", out, re.M)
    assert "Unanswered (3): 3, 4, 5 · Flagged (1): 2" in out

    # Resume by number, finish it; then there is nothing left to resume.
    code, out, _ = run(monkeypatch, capsys, ["resume", "1", "--plain"], lines("b", "submit", "y"))
    assert code == 0 and "Score report" in out
    code, out, err = run(monkeypatch, capsys, ["resume", "--plain"])
    assert code == 1 and out == ""
    assert err.startswith("Nothing to resume")


def test_resume_errors_are_one_line_exit_2(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run(monkeypatch, capsys, ["exam", DECK, "--plain", "--questions", "2"], lines("submit", "y"))
    code, out, err = run(monkeypatch, capsys, ["resume", "7", "--plain"])
    assert (code, out) == (2, "")
    assert err == f"exam-sim: {home / 'history.sqlite3'} has no attempt 7.\n"
    code, _, err = run(monkeypatch, capsys, ["resume", "1", "--plain"])
    assert code == 2
    assert err == (
        "exam-sim: attempt 1 is already finished (submitted); "
        "see it with: exam-sim history show 1.\n"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["exam", "no-such-deck", "--plain"],
        ["drill", "no-such-deck", "--plain"],
        ["exam", "/nonexistent/deck.toml", "--plain"],
    ],
)
def test_bad_deck_is_one_line_exit_2(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, argv)
    assert code == 2 and out == ""
    assert err.startswith("exam-sim: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_garbage_database_is_refused_and_left_alone(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home.mkdir()
    db = home / "garbage.sqlite3"
    db.write_bytes(b"not a database at all\n" * 50)
    before = db.read_bytes()
    code, out, err = run(monkeypatch, capsys, ["--db", str(db), "exam", DECK, "--plain"], "a\n")
    assert code == 2 and out == ""
    assert err.startswith(f"exam-sim: {db}") and err.count("\n") == 1
    assert db.read_bytes() == before


def test_unknown_commands_and_missing_options_only_hint(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = lines("", "xyzzy", "f", "6", "go", "go 99", "next", "help", "show", "prev", "prev")
    code, out, err = run(
        monkeypatch, capsys, ["exam", DECK, "--plain", "--questions", "2", "--seed", "1"], script
    )
    assert code == 0, err
    deck = resolve_deck(DECK)
    options = len(plan_mock(generator_for(deck), questions=2, seed=1).questions[0].options)
    last = "abcdef"[options - 1]
    assert f"Unknown command 'xyzzy': type a–{last} or 1–{options} to answer, or help" in out
    # f flags, as in the TUI (it used to answer F): only 6 is an option out of range.
    assert "saved: question 1 flagged" in out
    expected = f"Question 1 has options A–{last.upper()} (1–{options}); nothing was saved."
    assert out.count(expected) == 1
    assert "Type go and a question number, 1–2: go 3." in out
    assert "there is no question 99; questions run 1–2." in out
    assert "s, submit" in out and "finish and score (asks first)" in out
    assert "This is the first question." in out
    with history(home) as store:
        assert all(a.choice is None for a in store.load_attempt(1).answers)


def test_clear_and_quit(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = lines("a", "prev", "clear", "quit", "b")
    code, out, _ = run(monkeypatch, capsys, ["exam", DECK, "--plain", "--questions", "3"], script)
    assert code == 0
    assert "saved: question 1 cleared" in out
    assert "Left unfinished: attempt 1 is saved (0 of 3 answered" in out
    with history(home) as store:
        attempt = store.load_attempt(1)
    assert attempt.status is AttemptStatus.IN_PROGRESS
    assert all(a.choice is None for a in attempt.answers)


def test_without_plain_and_without_terminal_falls_back_to_plain(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, ["exam", DECK, "--questions", "2"], lines("a"))
    assert code == 0
    assert err.count("\n") == 1 and "running in --plain mode" in err
    assert "saved: question 1 → A" in out


class SteppingClock:
    """Advances by a fixed step on every line the session reads: time passes between
    commands, deterministically."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        return self.now


class ClockedInput(io.StringIO):
    def __init__(self, text: str, clock: SteppingClock) -> None:
        super().__init__(text)
        self.clock = clock

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.clock.now += self.clock.step
        return super().readline(size)


def test_time_up_auto_submits_before_the_next_command(home: Path) -> None:
    deck = resolve_deck(DECK)
    plan = plan_mock(generator_for(deck), questions=4, seed=2)
    attempt = new_attempt(deck, plan, mode=AttemptMode.MOCK, minutes=1)
    clock = SteppingClock(step=25.0)
    out = io.StringIO()
    with history(home) as store:
        session = ExamSession(attempt, store=store, clock=clock, topic_names=topic_names_of(deck))
        runner = PlainSession(
            session, stdin=ClockedInput(lines("a", "b", "a", "b"), clock), stdout=out, title="t"
        )
        assert runner.run() == 0
        stored = store.load_attempt(attempt.id or 0)
    text = out.getvalue()
    # 25 s, 50 s: two answers saved; at 75 s the third command finds the time up.
    assert "saved: question 2 → B" in text and "question 3 →" not in text
    assert "Time is up: the attempt was submitted automatically." in text
    assert "Time used 1:00 of 1:00 · 0:15 per question (budget 0:15)" in text
    assert stored.status is AttemptStatus.TIMED_OUT
    assert [a.choice for a in stored.answers] == [0, 1, None, None]


def test_mock_of_65_on_the_bundled_deck_follows_the_blueprint() -> None:
    deck = resolve_deck(DECK)
    plan = plan_mock(generator_for(deck), seed=1)
    assert len(plan.questions) == 65
    assert len({(q.card_id, q.direction) for q in plan.questions}) == 65
    # A card comes back (in its other direction) only once every card of its domain was asked.
    source = generator_for(deck)
    per_card = Counter(q.card_id for q in plan.questions)
    for card_id, times in per_card.items():
        if times > 1:
            topic = deck.card(card_id).topic
            askable = [c.id for c in deck.cards if c.topic == topic and source.directions_for(c.id)]
            assert all(per_card[c] >= 1 for c in askable)
    counts = Counter(q.topic for q in plan.questions)
    short = [t for t, n in AWS_DOMAINS.items() if counts[t] < n]
    for topic in short:
        # A short domain is named in the notes and gives every question it can.
        assert any(note.startswith(deck.topic_name(topic)) for note in plan.notes)
        slots = sum(len(source.directions_for(c.id)) for c in deck.cards if c.topic == topic)
        assert counts[topic] == slots
    if not short:
        assert dict(counts) == AWS_DOMAINS


def test_mock_of_65_with_enough_cards_per_domain_is_13_16_23_13() -> None:
    """The AWS blueprint on a deck with 25 cards in each domain: no borrowing, no notes."""
    aws = resolve_deck(DECK)
    words = WORDS
    rng = random.Random(1)
    cards = [
        make_card(
            f"{topic.id} service {i}",
            f"Managed {topic.name} capability handling {' '.join(rng.sample(words, 6))} no. {i}.",
            topic=topic.id,
        )
        for topic in aws.topics
        for i in range(25)
    ]
    deck = Deck(
        id="synthetic", title="S", cards=tuple(cards), topics=aws.topics, blueprint=aws.blueprint
    )
    plan = plan_mock(generator_for(deck), seed=3)
    assert dict(Counter(q.topic for q in plan.questions)) == AWS_DOMAINS
    assert plan.notes == ()
    assert len({q.card_id for q in plan.questions}) == 65  # one question per card


def test_mock_of_65_via_cli_reports_all_four_domains(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["exam", DECK, "--plain", "--seed", "9"], "submit\ny\n")
    assert code == 0
    assert "65 questions · 3:00:00" in out
    first = r"^Question 1 of 65 · .* · (3:00:00|2:59:\d\d) left · 0 answered · 0 flagged$"
    assert re.search(first, out, re.M)
    assert "Submit with 65 unanswered (1, 2, 3," in out
    deck = resolve_deck(DECK)
    report_part = out.split("Score report", 1)[1]
    for topic in deck.topics:
        assert re.search(rf"^  {re.escape(topic.name)} +0/\d+ ", report_part, re.M), topic.name
    assert "Result: FAIL · scaled score 100 (estimate) on 100–1000, pass mark 750" in out


def subprocess_env() -> dict[str, str]:
    # EXAM_SIM_HOME comes with os.environ (the `home` fixture).
    return dict(os.environ, CI="true", PYTHONIOENCODING="utf-8")


def test_whole_exam_as_a_subprocess_with_piped_stdin(home: Path) -> None:
    db = home / "sub.sqlite3"
    script = lines("a", "flag", "b", "go 1", "b", "list", "submit", "y")
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "--db", str(db), "exam", DECK, "--plain",
         "--questions", "5", "--seed", "21"],
        input=script, capture_output=True, text=True, encoding="utf-8",
        env=subprocess_env(), timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "saved: question 1 → A" in out and "saved: question 1 → B" in out
    assert "Unanswered (3): 3, 4, 5 · Flagged (1): 2" in out
    assert "Submit with 3 unanswered (3, 4, 5) and 1 flagged (2)? [y/n]" in out
    assert "Score report · Mock exam" in out
    with History(db) as store:
        attempt = store.load_attempt(1)
    assert [a.choice for a in attempt.answers] == [1, 1, None, None, None]
    assert attempt.answers[0].changes == 1


def test_retry_asks_the_missed_questions_again(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run(monkeypatch, capsys, ["exam", DECK, "--plain", "--questions", "4", "--seed", "8"],
        lines("a", "submit", "y"))  # fmt: skip
    with history(home) as store:
        original = store.load_attempt(1)
    missed = [
        q.card_id
        for q, a in zip(original.questions, original.answers, strict=True)
        if not a.is_correct(q)
    ]
    code, out, err = run(monkeypatch, capsys, ["retry", "1"], lines("a"))
    assert code == 0, err
    assert f"{len(missed)} questions" in out
    with history(home) as store:
        retry = store.load_attempt(2)
    assert retry.mode is AttemptMode.RETRY
    assert [q.card_id for q in retry.questions] == missed
    # --plain is taken, as by exam, drill and resume (a retry always runs line by line).
    code, out, err = run(monkeypatch, capsys, ["retry", "1", "--plain"], lines("a"))
    assert code == 0 and f"{len(missed)} questions" in out, err


def test_tui_without_a_terminal_says_what_to_use_instead(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(monkeypatch, capsys, [])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "needs a terminal" in err and "--plain" in err


def test_tui_refuses_an_unusable_db_named_on_the_command_line_before_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "notes.sqlite3"
    db.write_text("not a database\n" * 20)
    code, out, err = run_cli(monkeypatch, capsys, ["--db", str(db)])
    assert code == 2 and out == ""
    assert err.startswith(f"exam-sim: {db}") and err.count("\n") == 1


def test_a_one_question_drill_speaks_of_one_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "All 1 questions are answered" and "Submit all 1 answers?"."""
    argv = ["--db", str(tmp_path / "h.sqlite3"), "drill", "aws-ml-specialty", "--questions", "1"]
    argv.append("--plain")
    code, out, err = run_cli(monkeypatch, capsys, argv, lines("a", "submit", "y"))
    assert code == 0, err
    assert "The question is answered. Type submit to finish" in out
    assert "Submit your answer? [y/n]" in out
    assert "All 1 " not in out and "all 1 " not in out
