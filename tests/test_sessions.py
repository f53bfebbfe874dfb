"""One core, two faces: the same `SessionRequest` gives the same session in `--plain` and in
the TUI, and the bugs the two copies of the rules had drifted into stay fixed.

Each request runs through the `--plain` command (in process, on a copy of one history) and
through `create_app(start=request).run_test()` (on another copy of it); both must ask the
same questions, with the same time limit and seed.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import run_cli
from textual.widgets import Static

from exam_sim.exam import (
    SessionError,
    SessionRequest,
    check_request,
    plan_session,
    time_limit,
    weakest_topic,
)
from exam_sim.history import History
from exam_sim.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    Blueprint,
    Deck,
    ScoreReport,
    TopicScore,
    make_card,
)
from exam_sim.present import attempt_date, local_time
from exam_sim.tui.app import create_app
from exam_sim.tui.screens.exam import ExamScreen
from exam_sim.tui.screens.history import HistoryScreen
from exam_sim.tui.screens.results import ResultsScreen
from exam_sim.tui.widgets.attempt_list import AttemptList

DECK = "aws-ml-specialty"


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def india_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time 5:30 ahead of UTC, so a UTC date shown as local is told apart."""
    monkeypatch.setenv("TZ", "IST-5:30")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _argv(request: SessionRequest) -> list[str]:
    """`exam-sim …` for a request, as a learner would type it."""
    if request.mode is AttemptMode.MOCK:
        argv = ["exam", DECK, "--plain"]
        if request.questions is not None:
            argv += ["--questions", str(request.questions)]
    elif request.mode is AttemptMode.RETRY:
        argv = ["retry", str(request.retry_of)]
    else:
        argv = ["drill", DECK, "--plain", "--count", str(request.count)]
        argv += [part for topic in request.topics for part in ("--topic", topic)]
        argv += [part for tag in request.tags for part in ("--tag", tag)]
        if request.mode is AttemptMode.WEAK:
            argv.append("--weak")
    if request.minutes is not None:
        argv += ["--minutes", f"{request.minutes:g}"]
    if request.seed is not None:
        argv += ["--seed", str(request.seed)]
    return argv


def _newest(db: Path) -> Attempt:
    with History(db) as store:
        return store.load_attempt(store.attempts(limit=1)[0].id)


@pytest.fixture(scope="module")
def past(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A history with one submitted mock (attempt 1: first two answers right, the rest
    wrong or blank), so that weak-spot drills and retries have something to go on."""
    # EXAM_SIM_HOME: the session-wide one of conftest.py (module fixtures run before `home`).
    home = tmp_path_factory.mktemp("sessions-home")
    from exam_sim.decks import resolve_deck

    setup = plan_session(SessionRequest(questions=6, seed=5), resolve_deck(DECK))
    with History(home / "history.sqlite3") as store:
        from exam_sim.exam import ExamSession

        session = ExamSession(setup.new_attempt(), store=store)
        for position, question in enumerate(setup.plan.questions[:4]):
            session.go(position)
            right = position < 2
            session.answer(question.answer if right else (question.answer + 1) % 2)
        session.submit()
    return home / "history.sqlite3"


PARITY = {
    "mock, the blueprint's pace": SessionRequest(questions=5, seed=11),
    "mock, 0 minutes is untimed": SessionRequest(questions=3, minutes=0, seed=4),
    "mock, 7.5 minutes": SessionRequest(questions=4, minutes=7.5, seed=2),
    "drill by topic name": SessionRequest(
        mode=AttemptMode.DRILL, topics=("Modeling",), count=3, seed=4
    ),
    "drill by tag, timed": SessionRequest(
        mode=AttemptMode.DRILL, tags=("algorithms",), count=4, minutes=3, seed=6
    ),
    "weak spots of one topic": SessionRequest(
        mode=AttemptMode.WEAK, topics=("data-engineering",), count=5, seed=1
    ),
    "weak spots, 0 minutes": SessionRequest(mode=AttemptMode.WEAK, count=4, minutes=0, seed=9),
    "retry": SessionRequest(mode=AttemptMode.RETRY, retry_of=1, seed=3),
}


@pytest.mark.parametrize("request_", list(PARITY.values()), ids=list(PARITY))
async def test_plain_and_tui_start_the_same_session(
    request_: SessionRequest,
    past: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    plain_db, tui_db = tmp_path / "plain.sqlite3", tmp_path / "tui.sqlite3"
    shutil.copyfile(past, plain_db)
    shutil.copyfile(past, tui_db)

    code, out, err = run_cli(monkeypatch, capsys, ["--db", str(plain_db), *_argv(request_)])
    assert code == 0, err
    plain = _newest(plain_db)
    assert plain.id == 2 and plain.status is AttemptStatus.IN_PROGRESS  # left at end of input

    app = create_app(db=tui_db, start=request_, clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen), type(app.screen).__name__
        tui = app.screen.session.attempt

    assert [q.id for q in tui.questions] == [q.id for q in plain.questions]
    assert tui.time_limit_seconds == plain.time_limit_seconds
    assert tui.seed == plain.seed == request_.seed
    assert tui.mode is plain.mode is request_.mode
    assert tui.deck_id == plain.deck_id
    # And both are what the core plans for the request.
    from exam_sim.decks import resolve_deck

    with History(tui_db) as store:
        expected = plan_session(request_, resolve_deck(DECK), history=store)
    assert expected.question_ids == tuple(q.id for q in plain.questions)
    assert expected.time_limit_seconds == plain.time_limit_seconds
    if request_.minutes == 0:
        assert "· untimed" in out.splitlines()[0]


# -- the drifted bugs ---------------------------------------------------------------------


async def test_minutes_0_is_untimed_in_the_tui_too(tmp_path: Path) -> None:
    """`exam-sim exam DECK --minutes 0`: the TUI opened a 0-second exam that timed out on
    the first tick."""
    clock = FakeClock()
    app = create_app(
        db=tmp_path / "h.sqlite3",
        start=SessionRequest(questions=3, minutes=0, seed=2),
        clock=clock,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        assert screen.session.attempt.time_limit_seconds is None
        clock.now += 3600
        screen.tick()
        await pilot.pause()
        assert app.screen is screen and not screen.session.finished
        assert "1:00:00 used" in str(screen.query_one("#clock").render())


def test_minutes_0_is_untimed_in_plain(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, out, _ = run_cli(monkeypatch, capsys, ["exam", DECK, "--plain", "--minutes", "0"])
    assert code == 0
    assert out.splitlines()[0].endswith("65 questions · untimed")
    assert _newest(home / "history.sqlite3").time_limit_seconds is None


async def test_weak_drill_filtered_by_topic_in_both(
    past: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`exam-sim drill DECK --weak --topic data-engineering`: the TUI ignored the topic."""
    db = tmp_path / "h.sqlite3"
    shutil.copyfile(past, db)
    argv = ["--db", str(db), "drill", DECK, "--weak", "--topic", "data-engineering", "--plain"]
    code, _, err = run_cli(monkeypatch, capsys, argv)
    assert code == 0, err
    assert {q.topic for q in _newest(db).questions} == {"data-engineering"}
    request = SessionRequest(mode=AttemptMode.WEAK, topics=("data-engineering",))
    app = create_app(db=db, start=request)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        session = app.screen.session
        assert session.attempt.mode is AttemptMode.WEAK
        assert {q.topic for q in session.questions} == {"data-engineering"}
        assert len(session.questions) == 10


async def test_history_json_cli_and_tui_agree_on_dates_and_drill_scores(
    india_time: None,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The CLI showed a drill as "910 pass" and dated attempts by their start; the TUI
    showed "90 %" and the finish, in UTC. Now: the local time of the finish, and a drill as
    a percentage, everywhere; the export has no scaled score or verdict for a drill."""
    drill = ["drill", DECK, "--plain", "--count", "3", "--seed", "2"]
    assert run_cli(monkeypatch, capsys, drill, "a\nb\na\nsubmit\ny\n")[0] == 0
    mock = ["exam", DECK, "--plain", "--questions", "2", "--seed", "3"]
    assert run_cli(monkeypatch, capsys, mock, "a\nsubmit\ny\n")[0] == 0
    _, out, _ = run_cli(monkeypatch, capsys, ["history", "--json"])
    exported = {a["id"]: a for a in json.loads(out)["attempts"]}
    assert exported[1]["report"]["scaled"] is None and exported[1]["report"]["passed"] is None
    assert isinstance(exported[2]["report"]["scaled"], int)
    _, table, _ = run_cli(monkeypatch, capsys, ["history"])
    cli_rows = {line.split()[0]: line for line in table.splitlines()[1:3]}

    app = create_app(db=home / "history.sqlite3")
    async with app.run_test(size=(120, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        recent = str(app.screen.query_one("#recent", Static).render())
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        grid = app.screen.query_one("#attempts", AttemptList)
        tui_rows = {row[0]: list(row) for row in map(grid.row_cells, range(2))}

    for attempt_id, attempt in exported.items():
        date = local_time(attempt["finished_at"])
        assert date == attempt_date(attempt["started_at"], attempt["finished_at"])
        assert date != attempt["finished_at"][:16].replace("T", " ")  # local, not UTC
        tui = tui_rows[str(attempt_id)]
        assert tui[1] == date
        assert f"  {date}  " in cli_rows[str(attempt_id)]
    report = exported[1]["report"]
    percent = f"{round(100 * report['correct'] / report['total'])} %"
    assert tui_rows["1"][3] == percent and tui_rows["1"][4] == ""
    assert re.search(rf"  drill +{percent}  ", cli_rows["1"]), cli_rows["1"]
    assert " pass" not in cli_rows["1"] and " fail" not in cli_rows["1"]
    assert f"{local_time(exported[1]['finished_at'])}  drill {percent}" in recent  # Home
    scaled = str(exported[2]["report"]["scaled"])
    assert tui_rows["2"][3] == scaled and tui_rows["2"][4].endswith("fail")
    assert re.search(rf"  mock +{scaled}  fail ", cli_rows["2"]), cli_rows["2"]
    assert f"{local_time(exported[2]['finished_at'])}  mock   {scaled} ✗" in recent


HUNDRED_DECK = """\
format = "exam-sim/1"
id = "hundred"
title = "Scored out of a hundred"
[blueprint]
questions = 4
minutes = 10
pass_score = 70
score_min = 0
score_max = 100
"""


CARDS = {
    "Kafka": "A distributed log that streams events between services",
    "Parquet": "A columnar file format that compresses tables on disk",
    "Airflow": "A scheduler that runs pipelines written as graphs of tasks",
    "Redis": "An in-memory key-value store used as a fast cache",
    "Spark": "An engine that processes large datasets across a cluster",
    "Grafana": "A dashboard tool that charts metrics over time",
}


def _hundred_deck(tmp_path: Path, *, blueprint: bool = True) -> Path:
    text = HUNDRED_DECK if blueprint else HUNDRED_DECK.split("[blueprint]")[0]
    for term, definition in CARDS.items():
        text += f'[[cards]]\nid = "{term.lower()}"\nterm = "{term}"\n'
        text += f'definition = "{definition}"\n'
    path = tmp_path / "hundred.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_a_deck_scored_0_to_100_gets_its_own_scale_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The TUI said "100 + 900 × fraction correct: AWS does not publish…" for any deck."""
    deck = _hundred_deck(tmp_path)
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(deck), start=SessionRequest(seed=1))
    async with app.run_test(size=(100, 40)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        notes = str(app.screen.query_one("#notes", Static).render())
        headline = str(app.screen.query_one("#headline", Static).render())
    assert "0 + 100 × the fraction correct" in notes
    assert "AWS" not in notes and "900" not in notes
    assert "Scaled score 0 / 100 (estimate) · pass mark 70" in headline
    argv = ["exam", str(deck), "--plain", "--seed", "1"]
    _, out, _ = run_cli(monkeypatch, capsys, argv, "submit\ny\n")
    assert "The scaled score is an estimate: 0 + 100 × the fraction correct" in out
    assert "AWS" not in out and "900" not in out


async def test_a_mock_on_a_deck_without_blueprint_scores_a_percentage(
    tmp_path: Path,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    deck = _hundred_deck(tmp_path, blueprint=False)
    argv = ["exam", str(deck), "--plain", "--seed", "1"]
    _, out, _ = run_cli(monkeypatch, capsys, argv, "submit\ny\n")
    assert "Scored as a percentage (the deck gives no exam blueprint)" in out
    assert "Result: ✗ below the 72 % aim · 0 % correct (the deck gives no pass mark)" in out
    assert "scaled score" not in out and "PASS" not in out and "FAIL" not in out
    assert "Correct: 0 of 6 (0.0 %)" in out
    _, table, _ = run_cli(monkeypatch, capsys, ["history"])
    # No pass or fail, but the verdict against the aim.
    assert re.search(r"^1  .*  hundred  mock +0 %  below aim  0/6", table, re.M), table
    app = create_app(db=home / "history.sqlite3", deck=str(deck), start=SessionRequest())
    async with app.run_test(size=(100, 40)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.report.scaled is None and app.screen.report.passed is None
        headline = str(app.screen.query_one("#headline", Static).render())
        assert "Scaled" not in headline and "PASS" not in headline and "FAIL" not in headline
        assert "Below the 72 % aim" in headline
        assert not app.screen.query("#notes")


# -- the rules, in the core ---------------------------------------------------------------


def _deck() -> Deck:
    cards = tuple(
        make_card(term, definition, topic="t1" if n < 3 else None)
        for n, (term, definition) in enumerate(CARDS.items())
    )
    return Deck(id="d", title="D", cards=cards, blueprint=Blueprint(questions=4, minutes=10))


def test_time_limit_is_decided_once() -> None:
    deck = _deck()
    assert time_limit(SessionRequest(minutes=0), deck, 4) is None
    assert time_limit(SessionRequest(), deck, 4) == 10.0
    assert time_limit(SessionRequest(), deck, 2) == 5.0  # the blueprint's pace
    assert time_limit(SessionRequest(minutes=2.5), deck, 4) == 2.5
    assert time_limit(SessionRequest(mode=AttemptMode.DRILL), deck, 4) is None
    assert time_limit(SessionRequest(mode=AttemptMode.DRILL, minutes=0), deck, 4) is None
    assert time_limit(SessionRequest(mode=AttemptMode.WEAK, minutes=3), deck, 4) == 3.0


def test_requests_are_checked_when_made_and_against_the_deck() -> None:
    with pytest.raises(SessionError, match=r"between 0 \(untimed\) and 1440"):
        SessionRequest(minutes=-1)
    with pytest.raises(SessionError, match="1 question or more"):
        SessionRequest(mode=AttemptMode.DRILL, count=0)
    with pytest.raises(SessionError, match="names the attempt it repeats"):
        SessionRequest(mode=AttemptMode.RETRY)
    aws_like = Deck.model_validate(
        {
            "id": "x",
            "title": "X",
            "topics": [{"id": "data-prep", "name": "Data Préparation"}],
            "cards": [{"id": "a", "term": "A", "definition": "Aa", "topic": "data-prep"}],
        }
    )
    for spec in ("data-prep", "data préparation", "DATA PREPARATION"):
        request = SessionRequest(mode=AttemptMode.DRILL, topics=(spec,))
        assert check_request(request, aws_like).topics == ("data-prep",)
    with pytest.raises(SessionError, match="has no topic 'cooking'; its topics are: data-prep"):
        check_request(SessionRequest(mode=AttemptMode.DRILL, topics=("cooking",)), aws_like)
    with pytest.raises(SessionError, match="has no tags: leave out the tag 'x'"):
        check_request(SessionRequest(mode=AttemptMode.DRILL, tags=("x",)), aws_like)
    untopiced = Deck.model_validate(
        {"id": "y", "title": "Y", "cards": [{"id": "a", "term": "A", "definition": "Aa"}]}
    )
    with pytest.raises(SessionError, match=r"^deck 'y' has no topics: leave out the topic 'x'$"):
        check_request(SessionRequest(mode=AttemptMode.DRILL, topics=("x",)), untopiced)


def test_a_request_without_a_seed_gets_a_fresh_one_and_keeps_it() -> None:
    deck = _deck()
    first = plan_session(SessionRequest(mode=AttemptMode.DRILL, count=3), deck)
    assert 1 <= first.seed < 1_000_000 and first.request.seed == first.seed
    again = plan_session(SessionRequest(mode=AttemptMode.DRILL, count=3, seed=first.seed), deck)
    assert again.question_ids == first.question_ids


def test_the_weakest_topic_is_the_lowest_percentage_then_the_larger() -> None:
    def topic(topic_id: str | None, correct: int, total: int) -> TopicScore:
        return TopicScore(
            topic=topic_id, name=str(topic_id), correct=correct, total=total, verdict=""
        )

    report = ScoreReport(
        correct=0, total=0, answered=0, scaled=None, passed=None, scaled_estimate=True,
        pass_score=750, score_min=100, score_max=1000, time_used_seconds=0,
        time_budget_seconds=None,
        topics=(topic("a", 1, 2), topic("b", 2, 4), topic(None, 0, 5), topic("c", 3, 4)),
    )  # fmt: skip
    weakest = weakest_topic(report)
    assert weakest is not None and weakest.topic == "b"  # 50 % like a, more questions
    assert weakest_topic(report.model_copy(update={"topics": (topic(None, 0, 1),)})) is None


def test_a_made_up_blueprint_is_never_written_into_a_deck_file(tmp_path: Path) -> None:
    from exam_sim.decks.native import deck_to_toml

    deck = _deck().model_copy(update={"blueprint": Blueprint.default_for(5)})
    assert deck.blueprint is not None and deck.blueprint.assumed
    assert "assumed" not in deck_to_toml(deck)
    path = tmp_path / "x.toml"
    path.write_text(HUNDRED_DECK.replace("minutes = 10", "minutes = 10\nassumed = true"))
    from exam_sim.decks import resolve_deck
    from exam_sim.models import DeckError

    with pytest.raises(DeckError, match="unknown key 'assumed'"):
        resolve_deck(str(path))


def test_the_app_takes_a_request_and_refuses_the_old_loose_options() -> None:
    with pytest.raises(TypeError, match="unexpected arguments: attempt_id, options"):
        create_app(options={"questions": 5}, attempt_id=3)  # type: ignore[call-arg]
    with pytest.raises(ImportError):
        from exam_sim.tui.app import DrillRequest  # type: ignore[attr-defined]  # noqa: F401
