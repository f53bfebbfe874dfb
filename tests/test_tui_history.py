"""The History screen on a populated history: paging, keeping its place, what rows say, the
report opened from it, and the score trend of full mocks only."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.history import store_attempt
from support.tui import exam_screen, right_letter, wrong_letter
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from exam_sim.exam import SessionRequest
from exam_sim.history import History
from exam_sim.models import AttemptMode, Deck, Question
from exam_sim.tui.app import ExamSimApp, create_app
from exam_sim.tui.screens.history import HistoryScreen
from exam_sim.tui.screens.results import ResultsScreen
from exam_sim.tui.screens.review import ReviewScreen
from exam_sim.tui.widgets import attempt_list
from exam_sim.tui.widgets.attempt_list import PAGE, AttemptList

DECK = "aws-ml-specialty"  # the app's default deck


def _app(tmp_path: Path) -> ExamSimApp:
    return create_app(db=tmp_path / "history.sqlite3", seed=1)


async def _open_history(app: ExamSimApp, pilot: object) -> AttemptList:
    await app.wait_until_open()
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("h")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, HistoryScreen)
    return app.screen.query_one("#attempts", AttemptList)


def _drill_once(db: Path, deck: Deck, question: Question, choice: int) -> None:
    """A one-question drill answered `choice` and submitted, in a real history file."""
    from exam_sim.exam.planning import Plan
    from exam_sim.exam.session import ExamSession, new_attempt

    with History(db) as history:
        attempt = new_attempt(deck, Plan((question,)), mode=AttemptMode.DRILL, minutes=None)
        session = ExamSession(attempt, store=history)
        session.answer(choice)
        session.submit()


def _selected_id(table: AttemptList) -> int:
    selected = table.selected
    assert selected is not None and selected.id is not None
    return selected.id


async def test_a_long_history_is_read_a_page_at_a_time_and_end_reaches_the_last_row(
    tmp_path: Path,
) -> None:
    with History(tmp_path / "history.sqlite3") as history:
        history._db.execute("PRAGMA synchronous = OFF")  # set-up only: 1,250 commits
        ids = [store_attempt(history, n) for n in range(PAGE * 2 + 50)]
    newest_first = ids[::-1]
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _open_history(app, pilot)
        assert table.row_count == PAGE  # not every attempt
        assert _selected_id(table) == newest_first[0]
        count_line = str(app.screen.query_one("#attempts-help", Static).render())
        assert count_line.startswith(f"{len(ids)} attempts · ")
        await pilot.press("end")
        await pilot.pause()
        assert _selected_id(table) == newest_first[-1]  # the oldest attempt of all
        assert table.row_count == PAGE
        await pilot.press("up")
        await pilot.pause()
        assert _selected_id(table) == newest_first[-2]
        await pilot.press("home")
        await pilot.pause()
        assert _selected_id(table) == newest_first[0]
        # Walking down past the page reads the next one, in order and without gaps.
        while table.cursor_row < PAGE + 5:
            await pilot.press("pagedown")
        await pilot.pause()
        assert _selected_id(table) == newest_first[table.cursor_row]
        assert [s.id for s in table.window] == newest_first[: len(table.window)]
        # And walking up from the last page reads the pages before it.
        await pilot.press("end")
        await pilot.pause()
        for _ in range(8):
            await pilot.press("pageup")
        await pilot.pause()
        assert table.first_row < len(ids) - PAGE  # the page before the last was read
        assert _selected_id(table) == newest_first[table.first_row + table.cursor_row]
        assert [s.id for s in table.window] == newest_first[
            table.first_row : table.first_row + len(table.window)
        ]


async def test_the_list_is_read_once_on_opening(tmp_path: Path) -> None:
    with History(tmp_path / "history.sqlite3") as history:
        store_attempt(history, 1)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        reads: list[int] = []
        page = app.history.attempts_page

        def counted(*args: object, **kwargs: object) -> object:
            reads.append(1)
            return page(*args, **kwargs)  # type: ignore[arg-type]

        app.history.attempts_page = counted  # type: ignore[method-assign]
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert len(reads) == 1


async def test_after_a_review_or_a_delete_the_cursor_keeps_its_place(tmp_path: Path) -> None:
    with History(tmp_path / "history.sqlite3") as history:
        ids = [store_attempt(history, n) for n in range(6)]
    newest_first = ids[::-1]
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _open_history(app, pilot)
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert _selected_id(table) == newest_first[3]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert _selected_id(table) == newest_first[3]  # not back at the top
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.history.attempt_count(DECK) == 5
        assert _selected_id(table) == newest_first[4]  # the next attempt, same row
        assert table.cursor_row == 3
        await pilot.press("delete")  # so the next Delete names the next attempt
        await pilot.pause()
        assert f"#{newest_first[4]}" in str(app.screen.query_one("#dialog-title", Static).render())
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("end", "delete")  # the last row too
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert _selected_id(table) == newest_first[4]  # the new last row
        assert table.cursor_row == table.row_count - 1


async def test_attempt_keys_act_only_where_the_attempt_list_is_shown(tmp_path: Path) -> None:
    """On the Trend, Weak spots or Confusions tab the selected attempt is out of sight:
    Delete, O and Enter do nothing to it there and the key bar does not offer them."""
    with History(tmp_path / "history.sqlite3") as history:
        for n in range(2):
            store_attempt(history, n)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(app, pilot)
        screen = app.screen
        assert {"delete", "o"} <= set(screen.active_bindings)
        for tab in ("2", "3", "4"):
            await pilot.press(tab)
            await pilot.pause()
            assert not {"delete", "o"} & set(screen.active_bindings)
            await pilot.press("delete", "o")
            await pilot.pause()
            assert app.screen is screen  # no dialog, no report
        assert app.history.attempt_count(DECK) == 2
        await pilot.press("1", "delete")
        await pilot.pause()
        assert app.screen is not screen  # back on the list, Delete asks again


async def test_rows_say_how_far_an_unfinished_attempt_got(tmp_path: Path) -> None:
    with History(tmp_path / "history.sqlite3") as history:
        store_attempt(history, 1, questions=3, finished=False, right=2)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _open_history(app, pilot)
        row = list(table.row_cells(0))
        assert "2/3 answered" in row
        assert not any(cell.startswith("Score") for cell in row)
        assert "unfinished" in row


@pytest.mark.usefixtures("local_utc")  # its time is shown in local time
async def test_the_report_from_history_names_its_attempt_and_esc_goes_back(
    tmp_path: Path,
) -> None:
    with History(tmp_path / "history.sqlite3") as history:
        ids = [store_attempt(history, n) for n in range(3)]
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _open_history(app, pilot)
        await pilot.press("down", "o")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        heading = str(app.screen.query_one("#results-attempt", Static).render())
        assert heading.startswith(f"Attempt #{ids[1]} · Mock exam · 2026-01-01 ")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert _selected_id(table) == ids[1]
        assert app.screen.title == "History"  # the subtitle names the deck, once


async def test_the_trend_shows_full_mocks_only_with_scale_and_pass_mark(tmp_path: Path) -> None:
    with History(tmp_path / "history.sqlite3") as history:
        full = [store_attempt(history, n, questions=65, right=r) for n, r in ((1, 20), (2, 60))]
        short = store_attempt(history, 3, questions=3, right=3)  # a 3-question "mock": 1000 points
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        chart = str(app.screen.query_one("#trend-chart", Static).render())
        lines = chart.splitlines()
        assert lines[0].split() == ["100", "┃750", "1000"]  # the scale
        assert [line.split()[0] for line in lines[1:]] == [f"#{full[0]}", f"#{full[1]}"]
        assert f"#{short}" not in chart
        assert lines[1].endswith("fail") and lines[2].endswith("pass")
        # The pass mark sits in the same column on the scale and on every bar.
        assert len({line.index("┃") for line in lines}) == 1
        title = str(app.screen.query_one("#trend-title", Static).render())
        assert "full mock exams (65 questions)" in title


async def test_walking_the_whole_list_keeps_a_bounded_window_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pages of 12 rows, not 50: the same reads and releases in a quarter of the keys.
    page = 12
    monkeypatch.setattr(attempt_list, "PAGE", page)
    with History(tmp_path / "history.sqlite3") as history:
        history._db.execute("PRAGMA synchronous = OFF")  # set-up only
        ids = [store_attempt(history, n) for n in range(page * 3 + 7)]
    newest_first = ids[::-1]
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _open_history(app, pilot)
        table.max_window = page * 2  # what 500 rows would show, with fewer attempts
        for _ in range(len(ids)):
            await pilot.press("down")
        await pilot.pause()
        assert _selected_id(table) == newest_first[-1]  # every row was reached, in order
        assert table.row_count <= page * 2 and table.first_row > 0  # the top was let go
        window = newest_first[table.first_row : table.first_row + table.row_count]
        assert [s.id for s in table.window] == window
        for _ in range(len(ids)):
            await pilot.press("up")
        await pilot.pause()
        assert _selected_id(table) == newest_first[0] and table.first_row == 0
        assert [s.id for s in table.window] == newest_first[: table.row_count]


async def test_a_click_moves_the_cursor_and_a_second_click_opens_the_attempt(
    tmp_path: Path,
) -> None:
    with History(tmp_path / "history.sqlite3") as history:
        ids = [store_attempt(history, n) for n in range(4)]
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _open_history(app, pilot)
        await pilot.click(AttemptList, offset=(5, 3))  # the header, then rows 0, 1, 2
        await pilot.pause()
        assert _selected_id(table) == ids[::-1][2]
        assert isinstance(app.screen, HistoryScreen)
        await pilot.click(AttemptList, offset=(5, 3))
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_the_other_tabs_are_built_when_first_shown(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from exam_sim.tui.widgets.tab_line import TabLine

    with History(tmp_path / "history.sqlite3") as history:
        store_attempt(history, 1)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(app, pilot)
        assert not app.screen.query(DataTable)  # the attempts alone on opening
        tabs = app.screen.query_one(TabLine)
        weak_label = sum(len(label) + 2 for _, label in tabs.tabs[:2]) + 1
        await pilot.click(TabLine, offset=(weak_label, 0))  # "Weak spots", by mouse
        await pilot.pause()
        assert tabs.active == "tab-weak"
        weak = app.screen.query_one("#weak", DataTable)
        assert len(weak.columns) == 4  # built, then read (the rows: test_tui.py)
        assert isinstance(app.screen, HistoryScreen) and "tab-weak" not in app.screen._stale
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.query_one("#attempts", AttemptList).has_focus


# -- moved from test_tui.py: tabs, the weak-cards preview, delete, cells -------------------


def _started(tmp_path: Path, start: SessionRequest | None) -> ExamSimApp:
    return create_app(db=tmp_path / "history.sqlite3", seed=7, start=start)


async def _submit_then_history(pilot: Pilot[None]) -> None:
    """Submit the exam (s, y), then Home (h) and History (h)."""
    await pilot.press("s", "y")
    await pilot.pause()
    for _ in range(2):
        await pilot.press("h")
        await pilot.pause()


def mock(questions: int) -> SessionRequest:
    return SessionRequest(mode=AttemptMode.MOCK, questions=questions)


async def test_history_tabs_switch_with_number_keys(tmp_path: Path) -> None:
    from exam_sim.tui.widgets.tab_line import TabLine

    app = _started(tmp_path, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        tabs = app.screen.query_one("#history-tabs", TabLine)
        for key, tab in (("2", "tab-trend"), ("4", "tab-confusions"), ("1", "tab-attempts")):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == tab


async def test_weak_cards_tab_previews_the_weak_spot_drill_order(tmp_path: Path) -> None:
    from exam_sim.exam import rank_weak_cards, weak_card_history

    app = _started(tmp_path, mock(6))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        for index in range(6):
            await pilot.press(right_letter(app) if index % 3 == 0 else wrong_letter(app))
        await _submit_then_history(pilot)
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#weak", DataTable)
        shown = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        stats = app.history.card_stats(app.deck.id)
        expected = [
            app.deck.card(cid).term
            for cid in rank_weak_cards(app.deck, weak_card_history(app.history, app.deck.id))
            if cid in stats and stats[cid].seen
        ]
        assert shown == expected[:20] and len(shown) >= 5


async def test_weak_spots_count_a_question_left_blank_as_missed(tmp_path: Path) -> None:
    """One right, one wrong, one left blank: the blank one is missed, as the weak-spot
    ranking counts it, and the column says "Missed" (it said "Wrong", of a card the
    learner never answered)."""
    app = _started(tmp_path, mock(3))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        asked = [q.card_id for q in exam_screen(app).session.questions]
        await pilot.press(right_letter(app))
        await pilot.press(wrong_letter(app))
        await _submit_then_history(pilot)  # the third left blank
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#weak", DataTable)
        assert [str(column.label) for column in table.columns.values()][1:] == [
            "Seen", "Missed", "Right %"
        ]  # fmt: skip
        rows = {str(table.get_row_at(r)[0]): table.get_row_at(r)[1:] for r in range(3)}
        right, wrong, blank = (app.deck.card(card_id).term for card_id in asked)
        assert rows[right] == ["1", "0", "100 %"]
        assert rows[wrong] == rows[blank] == ["1", "1", "0 %"]


async def test_history_delete_asks_first_then_deletes(tmp_path: Path) -> None:
    app = _started(tmp_path, mock(1))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press(right_letter(app))
        await _submit_then_history(pilot)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("n")  # changed my mind
        await pilot.pause()
        assert len(app.history.attempts()) == 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.history.attempts() == []
        assert isinstance(app.screen, HistoryScreen)


def test_history_cells_end_long_text_with_an_ellipsis_and_stay_literal() -> None:
    from exam_sim.tui.screens.history import _cell

    cell = _cell("Machine Learning Implementation and Operations", 34)
    assert cell.plain == "Machine Learning Implementation a…"
    assert _cell("[bold]Short[/]\nname", 34).plain == "[bold]Short[/] name"


async def test_confusions_name_both_cards_by_their_terms_in_the_tui_and_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong definition taken for a term: the history saw a definition, but the
    Confusions tab and `history confusions --deck` both name the two cards by their terms."""
    from support import run_cli

    from exam_sim.decks import resolve_deck
    from exam_sim.generator import generator_for
    from exam_sim.models import Direction

    deck = resolve_deck(DECK)
    generator = generator_for(deck)
    key = next(
        c for c in deck.cards if Direction.TERM_TO_DEFINITION in generator.directions_for(c.id)
    )
    question = generator.question(key.id, Direction.TERM_TO_DEFINITION, seed=1)
    wrong = (question.answer + 1) % len(question.options)
    chosen = deck.card(question.option_card_ids[wrong])
    db = tmp_path / "history.sqlite3"
    _drill_once(db, deck, question, wrong)
    with History(db) as history:
        (stored,) = history.confusions(DECK)
    assert stored.chosen_text == question.options[wrong] != chosen.term  # a definition
    code, out, _ = run_cli(
        monkeypatch, capsys, ["--db", str(db), "history", "confusions", "--deck", DECK]
    )
    assert code == 0 and f"1. You took {chosen.term} for {key.term} once" in out
    app = create_app(db=db, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_history(app, pilot)
        await pilot.press("4")
        await pilot.pause()
        row = app.screen.query_one("#confusions", DataTable).get_row_at(0)
    assert [str(cell).rstrip("…") for cell in row[:2]] == [
        chosen.term[: len(str(row[0]).rstrip("…"))],
        key.term[: len(str(row[1]).rstrip("…"))],
    ]
    assert str(row[0]).rstrip("…") and str(row[2]) == "1"


def test_long_names_wrap_so_that_two_alike_are_told_apart() -> None:
    from exam_sim.tui.screens.history import _cell

    one = _cell("descenso de gradientes estocástico (SGD, stochastic gradient descent)", 33, 3)
    two = _cell("descenso de gradientes estocástico (SGD) de minilote (mini-batch SGD, SGD)", 33, 3)
    assert one.plain != two.plain and "…" not in one.plain + two.plain
    assert all(line.cell_len <= 33 for line in (*one.split(), *two.split()))
    cut = _cell("word " * 40, 20, 2)
    assert len(cut.split()) == 2 and cut.plain.endswith("…") and cut.split()[1].cell_len <= 20


async def test_the_confusions_tab_shows_long_names_whole_on_more_lines(tmp_path: Path) -> None:
    """Two cards whose names open alike, cut on one line, read the same in the table
    ("descenso de gradientes estocásti…" twice): their rows are as tall as the names."""
    from exam_sim.generator import generator_for
    from exam_sim.models import Direction, make_card
    from exam_sim.tui.screens.history import CONFUSION_WIDTH, _cell

    long_names = (
        "stochastic gradient descent, a long name (SGD)",
        "stochastic gradient descent, a long name on mini-batches",
    )
    cards = (
        make_card(long_names[0], "Updates the weights after each single example."),
        make_card(long_names[1], "Updates the weights after each small batch of examples."),
        make_card("Adam", "Adapts each weight's step from running means of its gradients."),
        make_card("Momentum", "Adds a share of the last update to the next one."),
    )
    deck = Deck(id="sgd", title="SGD", cards=cards)
    question = generator_for(deck).question(cards[0].id, Direction.DEFINITION_TO_TERM, seed=1)
    wrong = question.option_card_ids.index(cards[1].id)
    db = tmp_path / "history.sqlite3"
    _drill_once(db, deck, question, wrong)
    app = create_app(db=db, deck=deck, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_history(app, pilot)
        await pilot.press("4")
        await pilot.pause()
        table = app.screen.query_one("#confusions", DataTable)
        chosen, key, times = table.get_row_at(0)
        assert " ".join(str(chosen).split()) == long_names[1]
        assert " ".join(str(key).split()) == long_names[0]
        assert table.ordered_rows[0].height == 2 and str(times) == "1"
    # On one line, as the table showed them before, the two read the same.
    assert (
        _cell(long_names[0], CONFUSION_WIDTH).plain == _cell(long_names[1], CONFUSION_WIDTH).plain
    )


async def test_weak_spots_tab_names_a_banks_items_by_their_question(tmp_path: Path) -> None:
    """A question bank's missed items are its weak spots: the tab lists them by stem."""
    from exam_sim.decks import load_deck

    bank = load_deck(Path(__file__).parent / "data" / "bank.gift")
    app = create_app(db=tmp_path / "history.sqlite3", seed=7, deck=bank,
                     start=SessionRequest(mode=AttemptMode.DRILL, count=3))  # fmt: skip
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("s", "y")  # submit unanswered: every item missed
        await pilot.pause()
        for _ in range(2):
            await pilot.press("h")
            await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#weak", DataTable)
        assert next(iter(table.columns.values())).label.plain == "Item"
        stems = {" ".join(item.stem.split()) for item in bank.items}
        shown = [" ".join(str(table.get_row_at(row)[0]).split()) for row in range(table.row_count)]
        assert len(shown) == 3
        assert all(any(stem.startswith(name.rstrip("…")) for stem in stems) for name in shown)
