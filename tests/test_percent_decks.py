"""A deck that gives no blueprint (most decks people bring) is scored as a percentage, and
so is everything said about it: the readiness forecast, `plan`, the charts and the History
screen's trend speak in percent against the share a topic needs (72 %), never in the
scaled score and pass mark of a blueprint exam-sim made up; a deck without topics has no
one-row "(no topic)" domain table either. Real SQLite files in tmp_path."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from support import run_cli
from textual.app import App
from textual.widgets import DataTable, Static

from exam_sim.decks import load_deck
from exam_sim.exam import ExamSession, SessionRequest, plan_session, topic_names_of
from exam_sim.exam.charts import charts
from exam_sim.history import History
from exam_sim.models import AttemptMode, Deck, Topic, make_card
from exam_sim.present.study import forecast_line, readiness_detail
from exam_sim.schedule.forecast import forecast
from exam_sim.schedule.memory import Memory, Review, replay
from exam_sim.tui.app import ExamSimApp, create_app
from exam_sim.tui.screens.charts import ChartsScreen
from exam_sim.tui.screens.history import HistoryScreen
from exam_sim.tui.widgets.readiness import ReadinessPanel

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
WORDS = (
    "apple", "birch", "cedar", "daisy", "elder", "fern", "gorse", "hazel", "iris", "juniper",
    "kale", "larch", "maple", "nettle", "oak", "poppy", "quince", "rowan", "sorrel", "tansy",
    "ulmus", "violet", "willow", "yarrow",
)  # fmt: skip


def _deck(*, topics: bool) -> Deck:
    cards = tuple(
        make_card(
            word.capitalize(),
            f"A plant called {word} that grows {i} metres tall in {WORDS[i - 1]} country",
            id=word,
            topic=("trees" if i % 2 else "flowers") if topics else None,
        )
        for i, word in enumerate(WORDS)
    )
    declared = (Topic(id="trees", name="Trees"), Topic(id="flowers", name="Flowers"))
    return Deck(id="plants", title="Plants", cards=cards, topics=declared if topics else ())


def _all_missed(deck: Deck) -> dict[str, Memory]:
    reviews = [Review(NOW - timedelta(days=10), Rating.Again)]
    return {c.id: m for c in deck.cards if (m := replay(c.id, reviews)) is not None}


def test_the_forecast_of_a_deck_without_blueprint_speaks_in_percent() -> None:
    deck = _deck(topics=False)
    assert not deck.effective_blueprint.graded
    result = forecast(deck, _all_missed(deck), exam_day=date(2027, 1, 15), now=NOW)
    assert result.enough_history and not result.graded and not result.by_domain
    line = forecast_line(result)
    assert f"expected {result.expected_percent:.0f} % (likely " in line
    assert line.endswith(", aim 72 %")  # no "(no topic)" at risk, no scaled score
    assert "pass" not in line and str(result.expected_scaled) not in line
    assert readiness_detail(result).startswith("Chance of 72 % or more: ")
    assert "pass" not in result.plan_text and "reaching 72 %" in result.plan_text
    assert "drill your weak spots" in result.plan_text


def test_a_deck_with_topics_but_no_blueprint_still_names_its_domains_at_risk() -> None:
    deck = _deck(topics=True)
    result = forecast(deck, _all_missed(deck), exam_day=date(2027, 1, 15), now=NOW)
    assert not result.graded and result.by_domain
    assert forecast_line(result).endswith(", aim 72 % · at risk: Trees, Flowers")
    assert "drill Trees, Flowers" in result.plan_text


def _deck_file(tmp_path: Path, *, topics: bool) -> Path:
    path = tmp_path / "plants.csv"
    deck = _deck(topics=topics)
    path.write_text(
        "".join(f'{c.term},"{c.definition}",{c.topic or ""}\n' for c in deck.cards),
        encoding="utf-8",
    )
    return path


def _sit_full_mock(db: Path, file: Path, right: int) -> None:
    deck = load_deck(file)
    with History(db) as history:
        setup = plan_session(SessionRequest(mode=AttemptMode.MOCK, seed=3), deck, history=history)
        session = ExamSession(setup.new_attempt(), store=history, topic_names=topic_names_of(deck))
        for position, question in enumerate(session.questions):
            session.go(position)
            session.answer(question.answer if position < right else (question.answer + 1) % 4)
        session.submit()


def test_the_score_trend_holds_its_full_mocks_as_percentages(tmp_path: Path) -> None:
    file, db = _deck_file(tmp_path, topics=False), tmp_path / "h.sqlite3"
    _sit_full_mock(db, file, right=6)  # of 24: 25 %
    with History(db) as history:
        data = charts(history, load_deck(file), now=NOW)
    assert not data.graded and data.scale.mark == pytest.approx(72.2, abs=0.1)
    assert (data.scale.low, data.scale.high) == (0.0, 100.0)
    (point,) = data.scores
    assert (point.scaled, point.passed, point.percent) == (None, None, 25.0)
    assert data.score_of(point) == 25.0
    assert data.domains and not data.by_domain


def test_plan_text_has_no_one_row_domain_table_and_no_pass_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file, db = _deck_file(tmp_path, topics=False), tmp_path / "h.sqlite3"
    _sit_full_mock(db, file, right=12)
    exam_day = (date.today() + timedelta(days=20)).isoformat()
    code, out, err = run_cli(
        monkeypatch, capsys, ["--db", str(db), "plan", str(file), "--exam-date", exam_day]
    )
    assert code == 0, err
    assert ", aim 72 %" in out and "Chance of 72 % or more: " in out
    assert "Domain" not in out and "(no topic)" not in out and "pass" not in out


def test_plan_json_gives_no_scale_on_a_deck_scored_in_percent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file, db = _deck_file(tmp_path, topics=True), tmp_path / "h.sqlite3"
    exam_day = (date.today() + timedelta(days=20)).isoformat()
    arguments = ["--db", str(db), "plan", str(file), "--exam-date", exam_day, "--json"]
    code, out, err = run_cli(monkeypatch, capsys, arguments)
    assert code == 0, err
    data = json.loads(out)
    assert data["graded"] is False and data["aim_percent"] == pytest.approx(72.2, abs=0.1)
    scale = ("expected_scaled", "low_scaled", "high_scaled", "pass_score", "score_min", "score_max")
    assert all(data[key] is None for key in scale)
    assert data["expected_percent"] >= 0


def _bank_deck(*, cards: bool) -> Deck:
    """Written questions in topic "quiz"; with `cards`, the plants too (topic "trees", …)."""
    from exam_sim.authored import Item, ItemOption

    items = tuple(
        Item(id=f"q{n}", kind="single", stem=f"Which plant is number {n}?", topic="quiz",
             options=(ItemOption(text="Oak", correct=True), ItemOption(text="Fern")))
        for n in range(3)
    )  # fmt: skip
    plants = _deck(topics=True)
    topics = (*plants.topics, Topic(id="quiz", name="Quiz"))
    return Deck(id="bank", title="Bank", cards=plants.cards if cards else (), items=items,
                topics=topics)  # fmt: skip


def test_a_bank_of_written_questions_is_forecast_from_its_questions() -> None:
    """A bank's questions are what its study sessions schedule, so the
    forecast follows them as it follows cards (before: "this deck has only written
    questions", no forecast and no plan; earlier still, a ZeroDivisionError)."""
    bank = _bank_deck(cards=False)
    fresh = forecast(bank, {}, exam_day=date(2027, 1, 15), now=NOW)
    assert not fresh.enough_history and fresh.starter and fresh.noun == "question"
    assert fresh.reason == "too little history: 0 of 3 questions reviewed, at least 3 needed"
    assert fresh.plan_text.startswith("Starter plan: at least 1 new question a day to have "
                                      "seen all 3 by 2027-01-08")  # fmt: skip
    reviews = [Review(NOW - timedelta(days=10), Rating.Again)]
    missed = {i.id: m for i in bank.items if (m := replay(i.id, reviews)) is not None}
    result = forecast(bank, missed, exam_day=date(2027, 1, 15), now=NOW)
    assert result.enough_history and (result.reviewed_cards, result.total_cards) == (3, 3)
    assert [(d.name, d.cards) for d in result.domains] == [("Quiz", 3)]
    assert "questions reviewed: 3 of 3" in readiness_detail(result)


def test_a_bank_of_multiple_responses_is_forecast_from_them() -> None:
    """Study asks every kind of written question, so the forecast follows a bank of
    multiple-response questions too (before: "no forecast, as it follows the single-answer
    questions a study session asks"); only a deck with nothing at all has none."""
    from exam_sim.authored import Item, ItemOption

    trees = Item(id="m", kind="multiple", stem="Which are trees?", options=(
        ItemOption(text="Oak", correct=True), ItemOption(text="Birch", correct=True),
        ItemOption(text="Daisy")))  # fmt: skip
    bank = Deck(id="bank", title="Bank", items=(trees,))
    result = forecast(bank, {}, exam_day=date(2027, 1, 15), now=NOW)
    assert (result.noun, result.total_cards, result.reviewed_cards) == ("question", 1, 0)
    assert result.reason == "too little history: 0 of 1 question reviewed, at least 1 needed"
    empty = forecast(Deck(id="e", title="E"), {}, exam_day=date(2027, 1, 15), now=NOW)
    assert not empty.enough_history and not empty.has_plan
    assert empty.reason == "no forecast, as this deck has no cards and no questions"


def test_a_topic_of_written_questions_is_forecast_from_them() -> None:
    """A deck with both studies its written questions after its cards, so a topic
    of written questions only is a domain too (before: left out, as it had no card)."""
    deck = _bank_deck(cards=True)
    result = forecast(deck, _all_missed(deck), exam_day=date(2027, 1, 15), now=NOW)
    assert result.enough_history and result.noun == "question"
    assert [(d.name, d.cards, d.reviewed) for d in result.domains] == [
        ("Trees", 12, 12), ("Flowers", 12, 12), ("Quiz", 3, 0)]  # fmt: skip
    assert sum(d.weight for d in result.domains) == pytest.approx(1.0)
    assert (result.reviewed_cards, result.total_cards) == (24, 27)


def _shown(app: App[None], selector: str) -> str:
    """The text a Static of the screen shows."""
    return str(app.screen.query_one(selector, Static).render())


def _app_after_a_mock(tmp_path: Path, *, topics: bool) -> ExamSimApp:
    """The TUI on the plants deck after one full mock with 6 of 24 right (25 %)."""
    file, db = _deck_file(tmp_path, topics=topics), tmp_path / "h.sqlite3"
    _sit_full_mock(db, file, right=6)
    return create_app(db=db, deck=str(file), seed=1)


async def test_history_trend_and_charts_of_a_deck_without_blueprint(tmp_path: Path) -> None:
    app = _app_after_a_mock(tmp_path, topics=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("h", "2")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        title = _shown(app, "#trend-title")
        assert title == "Scores of your full mock exam (24 questions)"
        chart = _shown(app, "#trend-chart")
        assert "┃72 %" in chart and chart.rstrip().endswith("25 % ✗ below")
        summary = _shown(app, "#trend-summary")
        assert summary.startswith(
            "┃ is the 72 % aim · last 25 % · best 25 % · mean 25 % · reached 0 of 1"
        )
        assert not app.screen.query_one("#topics", DataTable).display
        assert app.screen.query_one(ReadinessPanel)  # no exam date: its own tests say so
        await pilot.press("escape", "c")
        await pilot.pause()
        assert isinstance(app.screen, ChartsScreen)
        note = _shown(app, "#scores-note")
        assert note == "% correct in each full mock · the line is the 72 % aim"
        domains = _shown(app, "#domains-note")
        assert domains.startswith("This deck gives no topics")


async def test_the_domain_chart_of_a_deck_without_blueprint_draws_the_aim(
    tmp_path: Path,
) -> None:
    app = _app_after_a_mock(tmp_path, topics=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("c", "2")
        await pilot.pause()
        assert isinstance(app.screen, ChartsScreen)
        note = _shown(app, "#domains-note")
        assert note == "Each domain's % in the full mocks · the line is the 72 % aim"


def test_history_charts_text_says_each_deck_on_its_own_scale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file, db = _deck_file(tmp_path, topics=False), tmp_path / "h.sqlite3"
    _sit_full_mock(db, file, right=6)
    argv = ["--db", str(db), "history", "charts", "--deck", str(file)]
    code, out, err = run_cli(monkeypatch, capsys, argv)
    assert code == 0, err
    assert "Score trend (full mocks; the line: the 72 % aim): 25 %\n" in out
    code, out, err = run_cli(monkeypatch, capsys, ["--db", str(db), "history", "charts"])
    assert code == 0, err  # the bundled deck: graded, no mock yet
    assert "Score trend (full mocks; the line: the pass mark (750)): no full mock yet\n" in out


def test_an_exam_date_gone_by_has_no_forecast_and_says_so(tmp_path: Path) -> None:
    """A date set before the day came: the forecast said "(0 days)" and forecast today,
    the charts too. Now each says the exam has passed and asks for the next date."""
    deck = _deck(topics=True)
    result = forecast(deck, _all_missed(deck), exam_day=date(2026, 11, 20), now=NOW)
    assert result.passed and not result.enough_history and not result.has_plan
    assert forecast_line(result) == (
        "The exam of 2026-11-20 has passed: set the date of your next exam"
    )
    file, db = _deck_file(tmp_path, topics=True), tmp_path / "h.sqlite3"
    with History(db) as history:
        history.set_exam_date(load_deck(file).id, "2026-11-20")
        data = charts(history, load_deck(file), now=NOW)
    assert data.forecast == () and data.forecast_note.startswith("the exam of 2026-11-20 has")


@pytest.mark.parametrize(("right", "reached"), [(6, False), (18, True)])
def test_a_mock_says_whether_it_reached_the_aim_in_both_front_ends(
    tmp_path: Path, right: int, reached: bool
) -> None:
    """A mock on a deck that gives no pass mark said only "6 of 24 correct": now the
    results screen and the plain report both give the verdict against the 72 % aim."""
    from exam_sim.present import aim_result
    from exam_sim.report import render_report
    from exam_sim.tui.screens.results import headline

    file, db = _deck_file(tmp_path, topics=True), tmp_path / "h.sqlite3"
    _sit_full_mock(db, file, right=right)
    with History(db) as history:
        report = history.load_report(1)
    assert report is not None and report.aim_reached is reached and not report.graded
    said = aim_result(report)
    assert said == ("✓ 72 % aim reached" if reached else "✗ below the 72 % aim")
    plain = render_report(report).splitlines()[0]
    assert (
        plain
        == f"Result: {said} · {round(100 * right / 24)} % correct (the deck gives no pass mark)"
    )
    shown = headline(report).plain.splitlines()[0]
    assert (
        shown.lower().startswith(said.lower()) and f"{round(100 * right / 24)} % correct" in shown
    )


def test_a_drill_and_a_graded_mock_have_no_aim_verdict(tmp_path: Path) -> None:
    file, db = _deck_file(tmp_path, topics=True), tmp_path / "h.sqlite3"
    deck = load_deck(file)
    with History(db) as history:
        setup = plan_session(SessionRequest(mode=AttemptMode.DRILL, questions=4, seed=1), deck,
                             history=history)  # fmt: skip
        session = ExamSession(setup.new_attempt(), store=history, topic_names=topic_names_of(deck))
        report = session.submit()
        assert report.aim_reached is None
        bundled = load_deck(
            Path(__file__).parent.parent / "question_bank" / "aws-ml-specialty.toml"
        )
        setup = plan_session(SessionRequest(mode=AttemptMode.MOCK, questions=3, seed=1),
                             bundled, history=history)  # fmt: skip
        session = ExamSession(setup.new_attempt(), store=history)
        graded = session.submit()
    assert graded.graded and graded.aim_reached is None


@pytest.mark.parametrize(("right", "said"), [(6, "below aim"), (18, "aim met")])
def test_the_attempts_lists_give_a_mock_its_verdict_against_the_aim(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    right: int,
    said: str,
) -> None:
    """`exam-sim history`, the History screen's list and Home's recent attempts gave a
    graded mock its pass or fail and a mock on a deck with no pass mark nothing."""
    from exam_sim.deck_panel import catalogue, glance
    from exam_sim.tui.screens.history import _attempt_cells

    file, db = _deck_file(tmp_path, topics=True), tmp_path / "h.sqlite3"
    _sit_full_mock(db, file, right=right)
    mark = "✓" if right == 18 else "✗"

    def shown() -> tuple[str, tuple[str, ...], str]:
        code, out, err = run_cli(monkeypatch, capsys, ["--db", str(db), "history"])
        assert code == 0, err
        with History(db) as history:
            (summary,) = history.attempts()
        catalogue(str(file), load_deck(file))
        panel = glance(str(file), db)
        assert panel is not None
        return out.splitlines()[1], _attempt_cells(summary), panel.recent[0]

    line, cells, recent = shown()
    assert f" mock   {round(100 * right / 24)} %  {said} " in line
    assert f"{mark} {said}" in cells
    assert recent.endswith(f"mock  {round(100 * right / 24)} % {mark}")
    # A history written before the verdict was kept with the attempt (schema 9): the
    # upgrade reads it from the stored report.
    conn = sqlite3.connect(db)
    conn.execute("UPDATE attempts SET passed = NULL")
    conn.execute("ALTER TABLE attempts DROP COLUMN deck_path")  # version 11's
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    assert shown()[0] == line
