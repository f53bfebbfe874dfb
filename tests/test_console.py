"""The exam console as a newcomer met it (issue 13, items 1-10, 14-16): each test fails on
the console before the fix. Pilot flows on a real SQLite file in tmp_path."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from support import run_cli
from textual.containers import VerticalScroll
from textual.widgets import OptionList, SelectionList, Static

from exam_sim.commands.plain import PlainSession
from exam_sim.decks import resolve_deck
from exam_sim.exam import ExamSession, SessionRequest, plan_session
from exam_sim.history import History
from exam_sim.models import AttemptMode
from exam_sim.present import durations, tag_label, time_used
from exam_sim.tui.app import ExamSimApp, create_app
from exam_sim.tui.screens.confirm import ConfirmScreen
from exam_sim.tui.screens.exam import ExamScreen
from exam_sim.tui.screens.navigator import NavigatorScreen, cell_label
from exam_sim.tui.screens.resume import ResumeScreen
from exam_sim.tui.widgets.choices import ChoiceList
from exam_sim.tui.widgets.keybar import KeyBar
from exam_sim.vocabulary import EXAM_COMMANDS, answer_index

DATA = Path(__file__).parent / "data"


def _app(tmp_path: Path, **kwargs: object) -> ExamSimApp:
    return create_app(db=tmp_path / "history.sqlite3", seed=7, **kwargs)  # type: ignore[arg-type]


def _mock(questions: int) -> SessionRequest:
    return SessionRequest(mode=AttemptMode.MOCK, questions=questions)


def _exam(app: ExamSimApp) -> ExamScreen:
    assert isinstance(app.screen, ExamScreen), type(app.screen).__name__
    return app.screen


# -- item 1: one starting place, a visible pointer ------------------------------------------


async def test_arrows_start_on_a_everywhere_and_the_pointer_is_a_mark(tmp_path: Path) -> None:
    """ "↓ ↓ Enter" means C on question 1 and on every later one; the pointer is ▸, not a
    colour."""
    app = _app(tmp_path, start=_mock(3))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        session = _exam(app).session
        for _ in range(2):
            choices = app.screen.query_one(ChoiceList)
            assert choices.highlighted == 0
            assert choices.render_line(0).text.lstrip().startswith("▸ ○ A)")
            await pilot.press("down", "down", "enter")
            await pilot.pause()
        assert [a.choice for a in session.answers[:2]] == [2, 2]


async def test_a_question_answered_before_opens_with_the_pointer_on_its_answer(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path, start=_mock(3))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("c")  # Q1 → C, on to Q2
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one(ChoiceList).highlighted == 2


# -- item 2: long options whole, the pointer's option in view --------------------------------


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_options_are_never_cut_and_the_pointer_is_scrolled_into_view(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = _app(tmp_path, start=_mock(8))
    async with app.run_test(size=size) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = _exam(app)
        for _ in range(8):
            choices = screen.query_one(ChoiceList)
            area = screen.query_one("#question-area", VerticalScroll)
            assert choices.max_scroll_y == 0  # no inner box: the whole list is laid out
            last = len(screen.session.question.options) - 1
            await pilot.press(*["down"] * last)
            await pilot.pause()
            top = choices.virtual_region.y + choices._index_to_line[last]
            bottom = top + choices._heights[last]
            visible = area.scrollable_content_region.height
            assert area.scroll_y <= top and bottom <= area.scroll_y + visible
            await pilot.press("n")
            await pilot.pause()


# -- item 3: drill feedback at 80×24 ------------------------------------------------------------


async def test_drill_feedback_at_80x24_scrolls_without_tab(tmp_path: Path) -> None:
    # The drill of the drill_feedback snapshot: its feedback is taller than 24 rows.
    request = SessionRequest(mode=AttemptMode.DRILL, topics=("modeling",), count=3)
    app = create_app(db=tmp_path / "history.sqlite3", seed=3, start=request)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = _exam(app)
        question = screen.session.question
        await pilot.press("abcde"[(question.answer + 1) % len(question.options)])
        await pilot.pause()
        area = screen.query_one("#question-area", VerticalScroll)
        assert app.focused is area  # the keys scroll at once
        assert not screen.query_one(ChoiceList).display  # the feedback lists every option
        verdict = screen.query_one("#feedback-verdict", Static)
        assert area.region.contains_region(verdict.region)  # the verdict is on screen
        assert area.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert area.scroll_y == area.max_scroll_y
        await pilot.press("pageup", "home")
        await pilot.pause()
        assert area.scroll_y == 0
        await pilot.press("enter")  # goes on, as n does
        await pilot.pause()
        assert screen.session.current == 1


# -- item 4: leaving is never silent; the review page ---------------------------------------------


async def test_esc_asks_and_says_how_to_resume_with_the_drills_own_words(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path, start=SessionRequest(mode=AttemptMode.DRILL, count=3))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Pause this drill?" in str(app.screen.query_one("#dialog-title").render())
        await pilot.press("y")
        await pilot.pause()
        (toast,) = [n for n in app._notifications if "resume" in n.message]
        assert toast.title == "Drill paused"
        assert "exam-sim resume 1" in toast.message


async def test_ctrl_q_mid_exam_saves_the_clock_and_prints_how_to_resume(tmp_path: Path) -> None:
    app = _app(tmp_path, start=_mock(3))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("a")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.exit_message is not None
    assert "Attempt 1 is saved (1 of 3 answered" in app.exit_message
    # The command last, as --plain says it, with nothing after it to copy by mistake.
    assert app.exit_message.endswith("Resume it with: exam-sim resume 1")


async def test_the_last_answer_opens_the_review_page_which_submits(tmp_path: Path) -> None:
    app = _app(tmp_path, start=_mock(3))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("a", "f", "n", "b")
        await pilot.pause()
        page = app.screen
        assert isinstance(page, NavigatorScreen) and page.review
        title = str(page.query_one("#navigator-title", Static).render())
        assert (
            "2 of 3 answered" in title
            and "Unanswered (1): 2" in title
            and "Flagged (1): 2" in title
        )
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


# -- item 5: the navigator's cells ---------------------------------------------------------------


def test_navigator_cells_line_up_and_show_the_chosen_letter() -> None:
    cells = [
        cell_label(3, 1, flagged=True, current=True),
        cell_label(14, None, flagged=False),
        cell_label(15, 0, flagged=True),
        cell_label(16, -1, flagged=False, item=True),  # a wrong item: nothing given away
    ]
    assert cells == ["▸ 3 B⚑", " 14 · ", " 15 A⚑", " 16 • "]
    assert len({len(c) for c in cells}) == 1
    # A drill's answer whose feedback has shown: right or wrong, as the feedback said.
    assert cell_label(3, 1, flagged=False, right=False) == "  3 ✗ "
    assert cell_label(4, -1, flagged=True, item=True, right=True) == "  4 ✓⚑"


async def test_a_drills_navigator_marks_each_answer_right_or_wrong_a_mocks_never(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The TUI's cells and `--plain`'s list say the same wrong answers (the core's
    `wrong_so_far`)."""
    drill = SessionRequest(mode=AttemptMode.DRILL, count=3)
    letters: list[str] = []
    for request, wrong_cell in ((drill, "✗"), (_mock(3), None)):
        app = _app(tmp_path, start=request)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.wait_until_open()
            await pilot.pause()
            session = _exam(app).session
            wrong = (session.question.answer + 1) % len(session.question.options)
            letters.append("abcdef"[wrong])
            await pilot.press("abcdef"[wrong])
            if request is drill:
                await pilot.press("n")
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, NavigatorScreen)
            cell = str(app.screen.query_one("#q0").label)
            legend = str(app.screen.query_one("#navigator-title", Static).render())
            if wrong_cell:
                assert cell.strip().endswith(wrong_cell) and "✗ wrong" in legend
            else:  # a mock gives nothing away before it is submitted
                assert cell.strip().endswith("ABCDEF"[wrong]) and "✗" not in legend
    monkeypatch.setenv("EXAM_SIM_HOME", str(tmp_path / "plain"))
    argv = ["drill", "aws-ml-specialty", "--plain", "--count", "3", "--seed", "7"]
    _, out, _ = run_cli(monkeypatch, capsys, argv, f"{letters[0]}\nlist\nquit\n")
    assert "Unanswered (2): 2, 3 · Flagged (0): none · Wrong (1): 1" in out


# -- item 7: every unfinished attempt, discard one -----------------------------------------------


async def test_r_lists_every_unfinished_attempt_of_any_deck_and_discards_one(
    tmp_path: Path,
) -> None:
    japanese = str(DATA / "ja-jlpt-n5-vocabulary.csv")
    for kwargs in ({"start": _mock(3)}, {"start": _mock(4)}, {"deck": japanese, "start": _mock(2)}):
        app = _app(tmp_path, **kwargs)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.wait_until_open()
            await pilot.pause()
            await pilot.press("a", "ctrl+q")
            await pilot.pause()
    app = _app(tmp_path, deck="aws-ml-specialty")  # not the deck open last (Japanese)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("m")  # a mock is open on this deck: offered before a new one
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen) and app.screen.new == "mock exam"
        assert app.screen.query_one("#unfinished", OptionList).option_count == 3
        await pilot.press("x", "y")  # discard the highlighted one (asks first)
        await pilot.pause()
        assert app.screen.query_one("#unfinished", OptionList).option_count == 2
        await pilot.press("escape", "r")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen) and app.screen.new is None
        await pilot.press("end", "enter")  # the attempt on the other deck
        await pilot.pause()
        assert _exam(app).session.attempt.deck_id != "aws-ml-specialty"
    with History(tmp_path / "history.sqlite3") as history:
        assert len(history.unfinished()) == 2


# -- item 8: the drill dialog says its rule and counts ------------------------------------------


async def test_drill_dialog_states_the_rule_and_counts_the_cards_live(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        texts = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "any chosen topic AND with any chosen tag" in texts
        counted = app.screen.query_one("#drill-selected", Static)
        assert str(counted.render()).startswith("78 cards selected")
        scope = app.screen.query_one(SelectionList)
        scope.select(scope.get_option_at_index(0).value)  # Data Engineering (14)
        await pilot.pause()
        assert str(counted.render()).startswith("14 cards selected")


def test_a_drill_with_more_questions_than_cards_says_so() -> None:
    deck = resolve_deck("aws-ml-specialty")  # 4 cards carry this tag
    request = SessionRequest(
        mode=AttemptMode.DRILL, tags=("activation-functions",), count=8, seed=1
    )
    setup = plan_session(request, deck)
    notes = setup.new_attempt().notes
    assert any("from 4 cards" in n and "asked twice" in n for n in notes), notes


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_drills_notes_stay_on_screen_until_the_first_answer_as_plain_prints_them(
    size: tuple[int, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(tmp_path / "plain.sqlite3")
    argv = ["--db", db, "drill", "aws-ml-specialty", "--tag", "activation-functions"]
    code, out, err = run_cli(monkeypatch, capsys, [*argv, "--count", "8", "--plain"], "q\n")
    assert code == 0, err
    printed = [line[len("Note: ") :] for line in out.splitlines() if line.startswith("Note: ")]
    assert any("asked twice" in note for note in printed), out
    request = SessionRequest(mode=AttemptMode.DRILL, tags=("activation-functions",), count=8)
    app = _app(tmp_path, start=request)
    async with app.run_test(size=size, notifications=True) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = _exam(app)
        assert not app._notifications  # on the screen, not in a toast over the options
        about = screen.query_one("#about-attempt", Static)
        console = Console(width=300, record=True, file=io.StringIO())
        console.print(about.content)
        shown = [line.rstrip() for line in console.export_text().splitlines()]
        assert shown == ["About this drill", *(f"• {note}" for note in printed)]
        options = screen.query_one(ChoiceList)
        assert screen.region.contains_region(about.region)
        assert options.region.y > about.region.bottom  # above the question, not over it
        await pilot.press("n")  # moving on is no answer: still said
        await pilot.pause()
        assert about.display
        await pilot.press("a")
        await pilot.pause()
        assert not about.display


# -- item 9: time formats ------------------------------------------------------------------------


def test_times_side_by_side_share_one_shape_and_untimed_has_no_budget() -> None:
    assert durations(198, 10800) == ("0:03:18", "3:00:00")
    line = time_used(198, 10800, 65)
    assert line.startswith("Time used 0:03:18 of 3:00:00")
    untimed = time_used(198, None, 10)
    assert " of " not in untimed and "budget" not in untimed and "untimed" in untimed
    # Skimmed through in under a second each: not "0:00 per question".
    assert time_used(10, 1500, 25) == (
        "Time used 0:10 of 25:00 · under 0:01 per question (budget 1:00)"
    )
    assert "0:00 per question" not in time_used(3, None, 10)


async def test_an_untimed_drill_ends_without_a_budget(tmp_path: Path) -> None:
    app = _app(tmp_path, start=SessionRequest(mode=AttemptMode.DRILL, count=1))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("a", "n")
        await pilot.pause()
        line = str(app.screen.query_one("#time-line", Static).render())
        assert " of " not in line and "budget" not in line


# -- item 10: decks without a blueprint ----------------------------------------------------------


async def test_a_deck_without_blueprint_gets_its_own_pace_title_and_wording(
    tmp_path: Path,
) -> None:
    path = tmp_path / "spanish_irregular-verbs.txt"
    rows = [
        f"palabra{i}\tsignificado número {i} de la lista\tspanish::irregular" for i in range(20)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    deck = resolve_deck(str(path))
    assert deck.title == "Spanish irregular verbs"
    assert tag_label("spanish::irregular") == "spanish › irregular"
    blueprint = deck.effective_blueprint
    assert blueprint.questions == len(deck.cards) and blueprint.minutes == len(deck.cards)
    app = _app(tmp_path, deck=deck, start=_mock(2))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press("a", "a", "s", "y")
        await pilot.pause()
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Meets competencies" not in text and "Needs improvement" not in text
        assert "pass mark's share" not in text


# -- item 14: one vocabulary, TUI and --plain agree --------------------------------------


def test_every_one_letter_plain_word_is_the_tui_key_for_the_same_action() -> None:
    from textual.binding import Binding

    keys: dict[str | None, set[str]] = {}
    for binding in Binding.make_bindings(ExamScreen.BINDINGS):
        keys.setdefault(binding.id, set()).add(binding.key)
    for command in EXAM_COMMANDS:
        short = {w for w in command.words if len(w) == 1 and w.isalpha()}
        assert short <= keys[f"exam.{command.action}"], command.action
    for index, letter in enumerate("abcdef"):
        tui = keys[f"exam.answer_{letter}"]
        assert {w for w in tui} == {
            w for w in ("abcdef"[index], str(index + 1)) if answer_index(w) == index
        }


# Ends with the last question's answer: the TUI then opens its review page.
SCRIPT = ("b", "f", "n", "c", "p", "x", "n", "f", "6", "2")


async def test_the_same_keys_do_the_same_in_the_tui_and_in_plain(tmp_path: Path) -> None:
    """One script, typed as keys and as --plain lines: the same answers, flags and place."""
    deck = resolve_deck("aws-ml-specialty")
    request = SessionRequest(mode=AttemptMode.MOCK, questions=4, seed=5)
    plain = ExamSession(plan_session(request, deck).new_attempt())
    out = io.StringIO()
    PlainSession(plain, stdin=io.StringIO("\n".join(SCRIPT) + "\n"), stdout=out, title="t").run()
    app = create_app(db=tmp_path / "history.sqlite3", start=request)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        tui = _exam(app).session
        for key in SCRIPT:
            await pilot.press(key)
            await pilot.pause()
        tui_state = ([a.choice for a in tui.answers], tui.flagged())
    assert "Task: " in out.getvalue()  # the task line, on every question
    assert tui_state == ([a.choice for a in plain.answers], plain.flagged())


# -- items 15-16: help, key bars, the palette ---------------------------------------------


async def test_help_opens_on_the_keys_of_the_screen_it_was_asked_on(tmp_path: Path) -> None:
    """? in an exam shows the exam's keys first, not Home's."""
    from exam_sim.tui.screens.help import HelpScreen, help_markdown

    app = _app(tmp_path, start=SessionRequest(mode=AttemptMode.DRILL, count=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = help_markdown(app, ExamScreen)  # what the Static renders
        assert app.screen.here is ExamScreen
        first = shown.index("**This screen: Exam**")
        assert first < shown.index("**Everywhere**") < shown.index("**Home**")
        assert shown.count("Flag or unflag this question") == 1  # not listed twice
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)


async def test_help_says_the_widget_keys_and_dialogs_have_their_own_key_bar(
    tmp_path: Path,
) -> None:
    from exam_sim.tui.screens.help import help_markdown

    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        text = help_markdown(app)
        for said in (
            "Space toggles",
            "Tab goes on",
            "PgUp",
            "no Tab needed",
            "closes this help",
            "Enter goes to the question",
            "F is 6",
        ):
            assert said in text, said
        await pilot.press("d")
        await pilot.pause()
        (bar,) = app.screen.query(KeyBar)  # the dialog's own: Home's does not show through
        assert {k.key for k in bar.shown_keys()} >= {"escape", "ctrl+s"}
        keys = [c for c in app.get_system_commands(app.screen) if c.title == "Keys"]
        assert len(keys) == 1 and keys[0].callback == app.action_help
