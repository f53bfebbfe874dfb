"""A deck that gives no topics (most decks people bring): no table of one "(no topic)"
row anywhere (results, plain report, `history show`, Home; `history topics` names its one
row "all cards"), no "drill weakest" key with nothing to drill; a deck with some topics
keeps its "(no topic)" row."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import lines, run_cli
from support.tui import right_letter
from textual.widgets import Static

from exam_sim.exam import SessionRequest
from exam_sim.models import AttemptMode, ScoreReport, TopicScore
from exam_sim.tui.app import create_app
from exam_sim.tui.screens.home import HomeScreen
from exam_sim.tui.screens.results import ResultsScreen

GLOSSARY = """\
Photosynthesis,Process by which green plants use sunlight to make sugar from carbon dioxide
Respiration,Process by which cells break down sugar to release energy
Osmosis,Movement of water across a semipermeable membrane towards more solute
Diffusion,Movement of particles from high concentration to low concentration
Mitosis,Cell division that gives two genetically identical daughter cells
Meiosis,Cell division that gives four gametes with half the chromosomes
Enzyme,Protein that speeds up a chemical reaction without being used up
Chlorophyll,Green pigment in chloroplasts that absorbs light energy
"""


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def _report(*topics: str | None) -> ScoreReport:
    scores = tuple(
        TopicScore(topic=t, name=t or "(no topic)", correct=1, total=2, verdict="meets")
        for t in topics
    )
    return ScoreReport(
        correct=len(topics), total=2 * len(topics), answered=2 * len(topics), scaled=None,
        passed=None, scaled_estimate=False, pass_score=750, score_min=100, score_max=1000,
        topics=scores, time_used_seconds=60.0, time_budget_seconds=None,
    )  # fmt: skip


def test_a_report_is_scored_by_topic_only_when_a_question_had_one() -> None:
    untopiced = _report(None)
    assert not untopiced.scored_by_topic and untopiced.topic_names == {}
    mixed = _report("data", None)
    assert mixed.scored_by_topic
    assert mixed.topic_names == {"data": "data", None: "(no topic)"}


def test_plain_report_and_history_show_leave_out_the_one_row_table(
    glossary: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(tmp_path / "history.sqlite3")
    answers = ["a"] * 4
    code, out, err = run_cli(
        monkeypatch,
        capsys,
        ["--db", db, "exam", str(glossary), "--plain", "--questions", "4", "--seed", "2"],
        lines(*answers, "submit", "y"),
    )
    assert code == 0, err
    report = out[out.index("Score report") :]
    assert "Correct: " in report
    assert "(no topic)" not in out and "Topics:" not in report
    assert "Time by topic" not in report
    code, shown, err = run_cli(monkeypatch, capsys, ["--db", db, "history", "show", "1"])
    assert code == 0, err
    assert "Question 1 · " in shown and "(no topic)" not in shown
    code, topics, err = run_cli(monkeypatch, capsys, ["--db", db, "history", "topics"])
    assert code == 0, err
    assert topics.startswith("glossary: no topics, every finished attempt, pooled\n")
    assert "\nall cards " in topics and "(no topic)" not in topics


async def test_tui_results_and_home_have_no_topic_table_and_no_drill_weakest(
    glossary: Path, tmp_path: Path
) -> None:
    request = SessionRequest(mode=AttemptMode.MOCK, questions=3)
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(glossary), seed=1, start=request)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        for _ in range(3):
            await pilot.press(right_letter(app))
        await pilot.press("s", "y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert not results.query("#topic-table")
        shown = results.active_bindings
        assert "r" in shown and "d" not in shown
        await pilot.press("d")  # not offered, so nothing starts
        await pilot.pause()
        assert app.screen is results
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "no topics" in str(app.screen.query_one("#deck-title", Static).render())
        assert not app.screen.query_one("#deck-topics", Static).display


@pytest.mark.parametrize("tagged", [False, True])
async def test_the_domain_chart_says_there_are_none_before_any_mock(
    tmp_path: Path, tagged: bool
) -> None:
    """Before the first mock, a deck without topics or tags is told it will never have a
    domain chart ("No full mock yet" promised one); a tagged deck waits for its mocks."""
    from exam_sim.tui.screens.charts import ChartsScreen

    path = tmp_path / "glossary.csv"
    rows = GLOSSARY.splitlines()
    if tagged:
        rows = [
            "term,definition,tags",
            *(f"{row},{'cells' if 'ell' in row else 'plants'}" for row in rows),
        ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(path), seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("c", "2")
        await pilot.pause()
        assert isinstance(app.screen, ChartsScreen)
        note = str(app.screen.query_one("#domains-note", Static).render())
    if tagged:
        assert note.startswith("No full mock yet")
    else:
        assert note.startswith("This deck gives no topics or tags: the score trend (1)")
