"""A deck that gives no topics but tags its cards (an Anki export, a CSV with a Tags
column) is scored by tag: the report's table, the plain report, `history show` and
"drill weakest" all use the tags, a question counting under each tag of its card; a deck
with topics is scored by topic only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from support import TAGGED, lines, run_cli
from support.tui import right_letter, wrong_letter
from textual.widgets import Static

from exam_sim.decks import load_deck
from exam_sim.exam import SessionRequest, card_tags_of, score, weakest_drill
from exam_sim.exam.planning import Plan
from exam_sim.exam.session import new_attempt
from exam_sim.models import Answer, AttemptMode, Deck, Question, make_card
from exam_sim.report import render_report
from exam_sim.tui.app import create_app
from exam_sim.tui.screens.exam import ExamScreen
from exam_sim.tui.screens.results import ResultsScreen


@pytest.fixture
def tagged(tmp_path: Path) -> Path:
    path = tmp_path / "pharm.csv"
    path.write_text(TAGGED, encoding="utf-8")
    return path


def _question(card_id: str, n: int) -> Question:
    return Question(
        id=f"q{n}", card_id=card_id, topic=None, direction="definition_to_term", stem="s",
        options=("a", "b"), option_card_ids=(card_id, card_id), answer=0,
    )  # fmt: skip


def test_a_question_counts_under_each_tag_of_its_card(tagged: Path) -> None:
    deck = load_deck(tagged)
    card_tags = card_tags_of(deck)
    assert card_tags["warfarin"] == ("heme", "[b]cardio")
    asked = ["warfarin", "lisinopril", "heparin", "metformin"]
    questions = tuple(_question(card_id, n) for n, card_id in enumerate(asked))
    attempt = new_attempt(deck, Plan(questions), mode=AttemptMode.DRILL, minutes=None)
    chosen = (0, 1, 0, None)  # warfarin right, lisinopril wrong, heparin right, metformin blank
    answers = [Answer(position=n, choice=c) for n, c in enumerate(chosen)]
    attempt = attempt.model_copy(update={"answers": answers})
    report = score(attempt, card_tags=card_tags)
    assert not report.scored_by_topic and report.tags
    assert [(t.name, t.correct, t.total) for t in report.tags] == [
        ("[b]cardio", 1, 2), ("endocrine", 0, 1), ("heme", 2, 2)
    ]  # fmt: skip
    assert (report.correct, report.total) == (2, 4)  # the whole counts each question once
    drill = weakest_drill(report)
    assert drill is not None
    assert drill[0].name == "endocrine" and drill[1].tags == ("endocrine",)
    assert drill[1].mode is AttemptMode.DRILL and drill[1].topics == ()
    # Without the deck's tags (a report stored before, a deck gone): no table at all.
    assert score(attempt).tags == () and weakest_drill(score(attempt)) is None


def test_an_anki_tag_hierarchy_reads_as_a_path(tagged: Path) -> None:
    """ "pharm::cardio" is shown "pharm › cardio" (`present.tag_label`), the id kept for
    the drill's --tag."""
    deck = load_deck(tagged)
    questions = (_question("lisinopril", 0),)
    attempt = new_attempt(deck, Plan(questions), mode=AttemptMode.DRILL, minutes=None)
    report = score(attempt, card_tags={"lisinopril": ("pharm::cardio",)})
    assert "\n  pharm › cardio  0/1 " in render_report(report)
    drill = weakest_drill(report)
    assert drill is not None and drill[1].tags == ("pharm::cardio",)


def test_a_deck_with_topics_is_scored_by_topic_only() -> None:
    cards = (
        make_card("Alpha", "First letter of the Greek alphabet", topic="greek", tags=("x",)),
        make_card("Beta", "Second letter of the Greek alphabet", topic="greek", tags=("y",)),
    )
    deck = Deck(id="d", title="D", cards=cards)
    assert card_tags_of(deck) == {}
    questions = (Question(**{**_question("alpha", 0).model_dump(), "topic": "greek"}),)
    attempt = new_attempt(deck, Plan(questions), mode=AttemptMode.DRILL, minutes=None)
    report = score(attempt, card_tags={"alpha": ("x",)})
    assert report.scored_by_topic and report.tags == ()


def test_plain_report_and_history_show_score_by_tag(
    tagged: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(tmp_path / "history.sqlite3")
    argv = ["--db", db, "drill", str(tagged), "--plain", "--count", "4", "--seed", "2"]
    code, out, err = run_cli(monkeypatch, capsys, argv, lines(*["a", ""] * 4, "submit", "y"))
    assert code == 0, err
    report = out[out.index("Score report") :]
    assert "\nTags:\n" in report and "Topics:" not in report
    assert "a question counts under each tag of its card" in report
    code, shown, err = run_cli(monkeypatch, capsys, ["--db", db, "history", "show", "1"])
    assert code == 0, err
    table = report[report.index("Tags:") : report.index(".)\n")]
    assert table in shown  # the stored report, the same rows


async def test_tui_results_score_by_tag_like_the_plain_report_and_drill_the_weakest(
    tagged: Path, tmp_path: Path
) -> None:
    request = SessionRequest(mode=AttemptMode.DRILL, count=8, seed=3)
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(tagged), seed=1, start=request)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        for n in range(8):
            await pilot.press(right_letter(app) if n % 2 else wrong_letter(app), "enter")
        await pilot.press("s", "y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        report = results.report
        assert report.tags
        shown = "\n".join(str(s.render()) for s in results.query(Static))
        assert "By tag (✓ at 72 % or more correct; a question counts under each tag" in shown
        # Every card asked: the tag "[b]cardio" is shown as written, never as markup.
        assert "[b]cardio" in [tag.name for tag in report.tags]
        # The TUI's rows are the plain report's: the same tags, counts and verdicts.
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(results.query_one("#topic-table", Static).content)
        tui_rows = [line.split() for line in console.export_text().splitlines()[1:]]
        plain = render_report(report).splitlines()
        start = plain.index("Tags:") + 1
        plain_rows = [line.split() for line in plain[start : start + len(report.tags)]]
        assert [row[:2] for row in tui_rows] == [row[:2] for row in plain_rows]
        assert [row[:2] for row in tui_rows] == [
            [tag.name, f"{tag.correct}/{tag.total}"] for tag in report.tags
        ]
        assert [row[-1] == "✓" for row in tui_rows] == [row[-1] == "✓" for row in plain_rows]
        assert "d" in results.active_bindings
        weakest = weakest_drill(report)
        assert weakest is not None
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        drill = app.screen.session.attempt
        assert drill.mode is AttemptMode.DRILL and drill.id != results.session.attempt.id
        deck = load_deck(tagged)
        tags = card_tags_of(deck)
        assert all(weakest[0].name in tags[q.card_id] for q in drill.questions)


async def test_drill_dialog_of_a_deck_without_topics_speaks_of_tags_only(
    tagged: Path, tmp_path: Path
) -> None:
    from exam_sim.exam import DRILL_RULE, drill_rule

    assert drill_rule(True, True) == DRILL_RULE
    assert drill_rule(True, False) == "Cards in any chosen topic; nothing chosen: every card."
    # A question bank holds written items, not cards; a deck may hold both.
    assert drill_rule(True, False, cards=False, items=True) == (
        "Items in any chosen topic; nothing chosen: every item."
    )
    assert drill_rule(False, True, items=True) == (
        "Cards and items with any chosen tag; nothing chosen: all of them."
    )
    app = create_app(db=tmp_path / "h.sqlite3", deck=str(tagged), seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.press("d")
        await pilot.pause()
        shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "Cards with any chosen tag; nothing chosen: every card." in shown
        assert "topic" not in shown.lower()
