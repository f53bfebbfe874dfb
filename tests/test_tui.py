"""Pilot flows through the TUI against a real SQLite file in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Group
from support import lines, run_cli
from support.tui import exam_screen, right_letter, wrong_letter
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from exam_sim.exam import SessionRequest
from exam_sim.history import History
from exam_sim.models import AttemptMode, AttemptStatus
from exam_sim.present import EXPANSION_PROMPT, prompt
from exam_sim.tui.app import ExamSimApp, create_app
from exam_sim.tui.screens.exam_messages import Answered, Finished, Flagged
from exam_sim.tui.screens.history import HistoryScreen
from exam_sim.tui.screens.home import HomeScreen
from exam_sim.tui.screens.navigator import NavigatorScreen
from exam_sim.tui.screens.results import ResultsScreen
from exam_sim.tui.screens.review import ReviewScreen
from exam_sim.tui.widgets.selection import MarkedSelectionList


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def _unique(messages: list[Message]) -> list[Message]:
    """The hook sees a message once per node it bubbles through; keep each once."""
    return list({id(m): m for m in messages}.values())


def _app(tmp_path: Path, **kwargs: object) -> ExamSimApp:
    return create_app(db=tmp_path / "history.sqlite3", seed=7, **kwargs)  # type: ignore[arg-type]


def mock(questions: int, *, minutes: float | None = None) -> SessionRequest:
    return SessionRequest(mode=AttemptMode.MOCK, questions=questions, minutes=minutes)


def drill(**fields: object) -> SessionRequest:
    return SessionRequest(mode=AttemptMode.DRILL, **fields)  # type: ignore[arg-type]


async def test_home_shows_deck_topics_and_actions(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        title = str(app.screen.query_one("#deck-title", Static).render())
        assert "78 cards" in title and "4 topics" in title
        actions = app.screen.query_one("#actions", OptionList)
        assert actions.option_count == 10  # … deck date charts confidence
        assert actions.get_option("resume").disabled  # nothing to resume yet


async def test_five_question_mock_with_flag_navigator_change_and_submit(tmp_path: Path) -> None:
    messages: list[Message] = []
    app = _app(tmp_path, start=mock(5))
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        assert screen.session.total == 5
        assert "Mock exam · Question 1 of 5" in str(screen.query_one("#position", Static).render())
        # Q1 right, Q2 wrong, Q3 flagged and right, Q4 skipped, Q5 right.
        await pilot.press(right_letter(app))
        await pilot.press(wrong_letter(app))
        await pilot.press("f")
        await pilot.press(right_letter(app))
        await pilot.press("n")
        assert screen.session.current == 4
        await pilot.press(str(screen.session.question.answer + 1))  # digits work too
        # The last answer opens the review page, as the real console does; change Q2's
        # answer to the right one from it.
        await pilot.pause()
        assert isinstance(app.screen, NavigatorScreen) and app.screen.review
        await pilot.click("#q1")
        await pilot.pause()
        assert exam_screen(app).session.current == 1
        await pilot.press(right_letter(app))
        assert screen.session.answers[1].changes == 1
        # Submit: the confirmation names the unanswered and flagged questions.
        await pilot.press("s")
        await pilot.pause()
        body = str(app.screen.query_one("#dialog-body", Static).render())
        assert "1 unanswered" in body and ": 4" in body
        assert "1 flagged" in body and ": 3" in body
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        report = app.screen.report
        assert (report.correct, report.total, report.answered) == (4, 5, 4)
        headline = str(app.screen.query_one("#headline", Static).render())
        assert "Scaled score 820" in headline and "(estimate)" in headline
    messages = _unique(messages)
    answered = [m for m in messages if isinstance(m, Answered)]
    assert [m.position for m in answered] == [0, 1, 2, 4, 1]
    assert [m.position for m in messages if isinstance(m, Flagged)] == [2]
    assert [m.timed_out for m in messages if isinstance(m, Finished)] == [False]
    with History(tmp_path / "history.sqlite3") as history:
        (summary,) = history.attempts()
        assert summary.status is AttemptStatus.SUBMITTED and summary.correct == 4
        stored = history.load_attempt(summary.id)
        assert stored.answers[2].flagged and stored.answers[3].choice is None


async def test_time_out_auto_submits_with_fake_clock(tmp_path: Path) -> None:
    clock = FakeClock()
    messages: list[Message] = []
    app = _app(tmp_path, start=mock(3, minutes=2), clock=clock)
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press(right_letter(app))
        clock.now += 9 * 60  # well past the 2-minute limit
        exam_screen(app).tick()
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.session.attempt.status is AttemptStatus.TIMED_OUT
        assert app.screen.report.time_used_seconds == pytest.approx(120)
    assert [m.timed_out for m in _unique(messages) if isinstance(m, Finished)] == [True]


async def test_drill_shows_feedback_and_running_score(tmp_path: Path) -> None:
    app = _app(tmp_path, start=drill(topics=("modeling",), count=3))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        assert all(q.topic == "modeling" for q in screen.session.questions)
        await pilot.press(wrong_letter(app))
        feedback = screen.query_one("#feedback")
        verdict = screen.query_one("#feedback-verdict", Static)
        assert feedback.display
        assert str(verdict.render()).startswith("✗ Not quite")
        assert screen.session.current == 0  # stays on the question until the learner moves on
        assert "score 0/1" in str(screen.query_one("#progress", Static).render())
        await pilot.press("n")
        assert screen.session.current == 1 and not feedback.display
        await pilot.press(right_letter(app))
        assert str(verdict.render()).startswith("✓ Correct")
        await pilot.press("n")
        await pilot.press(right_letter(app))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.report.correct == 2


async def test_a_drill_question_answered_before_shows_its_feedback_and_keeps_its_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Back on a drill question answered before: its feedback again, not its options, and
    the first answer stands (the feedback showed the key), in the TUI as in `--plain`."""
    app = _app(tmp_path, start=drill(topics=("modeling",), count=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        wrong, right = wrong_letter(app), right_letter(app)
        await pilot.press(wrong, "n")
        feedback = screen.query_one("#feedback")
        assert screen.session.current == 1 and not feedback.display  # not answered yet
        await pilot.press("p")
        verdict = screen.query_one("#feedback-verdict", Static)
        assert feedback.display and not screen.query_one("#options").display
        assert str(verdict.render()).startswith("✗ Not quite")
        await pilot.press(right)  # changes nothing
        assert screen.session.answers[0].choice == "abcd".index(wrong)
        assert "score 0/1" in str(screen.query_one("#progress", Static).render())
        await pilot.press("n")
        assert screen.session.current == 1 and not feedback.display
    argv = ["drill", "aws-ml-specialty", "--plain", "--count", "3", "--topic", "modeling",
            "--seed", "7"]  # fmt: skip
    monkeypatch.setenv("EXAM_SIM_HOME", str(tmp_path / "plain"))
    _, out, _ = run_cli(monkeypatch, capsys, argv, lines(wrong, "go 1", right, "quit"))
    assert "question 1 is answered, and its feedback has shown the answer: the first " \
           "answer stands." in out  # fmt: skip
    assert out.count("✗ Wrong: you chose") == 2  # after the answer, and back on it


async def test_a_drill_with_a_question_skipped_ends_on_the_review_page_not_the_results(
    tmp_path: Path,
) -> None:
    """After the last question's feedback, a question skipped earlier would be submitted
    as wrong: the review page says which (as `--plain` does); once it is answered too,
    the results come."""
    app = _app(tmp_path, start=drill(topics=("modeling",), count=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        await pilot.press("n")  # question 1 skipped
        for _ in range(2):
            await pilot.press(right_letter(app), "n")
        await pilot.pause()
        assert isinstance(app.screen, NavigatorScreen) and not screen.session.finished
        await pilot.press("u")  # the first unanswered: question 1
        await pilot.pause()
        assert app.screen is screen and screen.session.current == 0
        await pilot.press(right_letter(app), "n")  # the last one to answer: the results
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.report.correct == 3


async def test_an_acronym_is_asked_as_what_it_stands_for(tmp_path: Path) -> None:
    """Its options are expansions: the line above the stem says so, at 80 columns too."""
    deck = Path(__file__).parent / "data" / "network-acronyms.csv"
    app = _app(tmp_path, deck=str(deck), start=drill(count=2))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        question = screen.session.question
        assert question.task == EXPANSION_PROMPT
        shown = str(screen.query_one("#topic", Static).render())
        assert shown == f"{question.topic} · What does this abbreviation stand for?"
        assert str(screen.query_one("#stem", Static).render()) == question.stem


async def test_pause_then_resume_keeps_every_answer(tmp_path: Path) -> None:
    app = _app(tmp_path, start=mock(4))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        given = [exam_screen(app).session.question.answer]
        await pilot.press(right_letter(app))
        await pilot.press("f")
        given.append(exam_screen(app).session.question.answer)
        await pilot.press(right_letter(app))
        await pilot.press("escape")  # asks first, saying how to resume
        await pilot.pause()
        assert "exam-sim resume 1" in str(app.screen.query_one("#dialog-body", Static).render())
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert not app.screen.query_one("#actions", OptionList).get_option("resume").disabled
        await pilot.press("r")  # every unfinished attempt: Enter resumes the highlighted
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        session = exam_screen(app).session
        assert [a.choice for a in session.answers[:2]] == given
        assert session.answers[1].flagged
        assert session.current == 2  # the first unanswered question


async def test_history_lists_attempt_and_opens_review(tmp_path: Path) -> None:
    app = _app(tmp_path, start=mock(2))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        await pilot.press(wrong_letter(app))
        await pilot.press(right_letter(app))
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        from exam_sim.tui.widgets.attempt_list import AttemptList

        table = app.screen.query_one("#attempts", AttemptList)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        verdict = str(app.screen.query_one("#review-verdict", Static).render())
        assert verdict.startswith("✗ Wrong")
        # The question as it was asked: its task above the stem, as in the exam.
        asked = app.screen.attempt.questions[0]
        body = app.screen.query_one("#review-body", Static).content
        assert isinstance(body, Group)
        first, stem = (str(part) for part in body.renderables[:2])
        assert first == prompt(asked) != "" and stem == asked.stem
        place = app.screen.query_one("#review-position", Static)
        assert str(place.render()) == "Question 1 of 2"  # every question shown: no count
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.positions == [0]
        assert str(place.render()) == "Question 1 of 2 (1 of 1 shown)"


MARKUP_DECK = """\
Markup torture deck
[bold]Not bold[/bold]
A definition with [/] and [link=x]a link[/link] and [red]colour[/], shown as typed.
Square [brackets]
Brackets are data: [b]x[/b] must stay literal, even [/] alone.
Plain term
An ordinary definition with nothing special in it at all.
Another term
Yet another ordinary definition for the fourth card here.
Fifth term
A fifth definition so that distractors can be chosen well.
"""


async def test_deck_text_with_markup_is_shown_literally(tmp_path: Path) -> None:
    deck_file = tmp_path / "markup.txt"
    deck_file.write_text(MARKUP_DECK, encoding="utf-8")
    app = create_app(
        db=tmp_path / "history.sqlite3",
        deck=str(deck_file),
        seed=1,
        start=drill(count=5),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        seen_stems = []
        for _ in range(screen.session.total):
            question = screen.session.question
            stem = str(screen.query_one("#stem", Static).render())
            assert stem == question.stem  # nothing swallowed as markup
            seen_stems.append(stem)
            await pilot.press(wrong_letter(app))
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
        assert any("[/]" in stem or "[bold]" in stem for stem in seen_stems)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # explanations with markup render too


def test_explanations_do_not_repeat_what_the_option_shows() -> None:
    from exam_sim.tui.widgets.text import _new_part

    assert _new_part("LDA — Topic modeling for text", "Topic modeling for text") == "= LDA"
    assert _new_part("LDA — Topic modeling for text", "LDA") == "Topic modeling for text"
    assert _new_part("Is it? — No. Because.", "True") == "Is it? — No. Because."


async def test_countdown_warns_at_10_5_and_1_minutes_once_each(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, start=mock(3, minutes=12), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        warnings: list[str] = []
        for minutes_left in (11, 9.9, 9, 4.9, 4, 0.9, 0.5):
            clock.now = 5000.0 + (12 - minutes_left) * 60
            screen.tick()
            await pilot.pause()
            warnings += [n.message for n in app._notifications if n.message not in warnings]
        assert warnings == ["10 minutes left.", "5 minutes left.", "1 minute left."]
        assert "0:30 left" in str(screen.query_one("#clock").render())


async def test_mouse_click_chooses_an_option(tmp_path: Path) -> None:
    app = _app(tmp_path, start=mock(2))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        assert await pilot.click("#options", offset=(8, 0))
        await pilot.pause()
        assert screen.session.answers[0].choice == 0


async def test_results_actions_retry_missed_and_drill_weakest(tmp_path: Path) -> None:
    app = _app(tmp_path, start=mock(4))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        missed = []
        for index in range(4):
            if index % 2:
                missed.append(exam_screen(app).session.question.card_id)
                await pilot.press(wrong_letter(app))
            else:
                await pilot.press(right_letter(app))
        await pilot.press("s", "y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        await pilot.press("t")
        await pilot.pause()
        retry = exam_screen(app).session
        assert retry.attempt.mode.value == "retry"
        assert [q.card_id for q in retry.questions] == missed
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(results)
        await pilot.pause()
        weakest = min(
            (t for t in results.report.topics if t.topic), key=lambda t: (t.percent, -t.total)
        )
        await pilot.press("d")
        await pilot.pause()
        drill = exam_screen(app).session
        assert drill.attempt.mode.value == "drill"
        assert {q.topic for q in drill.questions} == {weakest.topic}


def test_masked_option_matches_its_explanation() -> None:
    from exam_sim.tui.widgets.text import _new_part

    explanation = "Softmax — The softmax function turns scores into probabilities"
    assert _new_part(explanation, "The ____ function turns scores into probabilities") == (
        "= Softmax"
    )
    assert _new_part(explanation, "The ____ function turns scores into odds") == explanation


async def _drill_dialog(app: ExamSimApp, pilot: Pilot[None]) -> MarkedSelectionList[str]:
    """Home drawn, then D: the drill dialog, and its list of topics and tags."""
    from exam_sim.tui.screens.drill_setup import DrillSetupScreen

    await app.wait_until_open()
    await pilot.pause()
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(app.screen, DrillSetupScreen)
    return app.screen.query_one(MarkedSelectionList)


async def test_drill_setup_marks_chosen_topics_with_a_tick(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        scope = await _drill_dialog(app, pilot)
        await pilot.press("down", "down", "space")
        await pilot.pause()
        assert scope.selected == ["topic:modeling"]
        marks = [scope.render_line(y).text[1] for y in range(4)]
        assert marks == [" ", " ", "✓", " "]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert {q.topic for q in exam_screen(app).session.questions} == {"modeling"}


def _tiny_library_deck(tmp_path: Path) -> Path:
    """A six-card deck in this test's library, its title written as markup."""
    library = tmp_path / "home" / "decks"
    library.mkdir(parents=True, exist_ok=True)
    tiny = library / "tiny.toml"
    tiny.write_text(
        'format = "exam-sim/1"\nid = "tiny"\ntitle = "Tiny [bold]deck[/]"\n'
        + "".join(
            f'[[cards]]\nid = "t{n}"\nterm = "Term {n}"\ndefinition = "Definition number {n}"\n'
            for n in range(1, 7)
        ),
        encoding="utf-8",
    )
    return tiny


async def _open_picker(app: ExamSimApp, pilot: Pilot[None]) -> None:
    """O on Home, and the picker's list of decks read (in its worker)."""
    await pilot.press("o")
    await app.workers.wait_for_complete()
    await pilot.pause()


def _labels(decks: OptionList) -> list[str]:
    """The picker's entries as their text."""
    return [str(decks.get_option_at_index(i).prompt) for i in range(decks.option_count)]


async def test_the_picker_path_field_completes_folders_and_deck_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing a path suggests the next folder or deck file; → takes it, Enter opens it."""
    monkeypatch.setenv("HOME", str(tmp_path))
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "birds.csv").write_text("Heron,A wading bird\nOtter,A river mammal\n"
                                     "Wren,A small bird\nKite,A bird of prey\n")  # fmt: skip
    (notes / "birds.png").write_bytes(b"not a deck")
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await _open_picker(app, pilot)
        field = app.screen.query_one("#deck-path", Input)
        field.focus()
        await pilot.press(*"~/no", "right")
        assert field.value == "~/notes/"
        await pilot.press("b", "right")
        assert field.value == "~/notes/birds.csv"  # the picture is no deck
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.deck.cards) == 4


async def test_deck_picker_lists_decks_opens_one_and_reports_a_broken_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # "~" in a typed path
    library = _tiny_library_deck(tmp_path).parent
    (library / "broken.toml").write_text('format = "exam-sim/1"\nbroken\n', encoding="utf-8")
    bad_file = tmp_path / "bad.csv"
    bad_file.write_bytes(b"\xff\xfe\x00not text")
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await _open_picker(app, pilot)
        picker = app.screen
        assert type(picker).__name__ == "DeckPickerScreen"
        decks = picker.query_one("#deck-list", OptionList)
        labels = _labels(decks)
        assert labels[0].startswith("AWS Certified Machine Learning") and "bundled" in labels[0]
        assert any("broken.toml" in label and "cannot be read" in label for label in labels)
        assert "Tiny [bold]deck[/]\n6 cards  ·  library" in labels  # shown literally

        # Picking the deck that cannot be read says why (file and line), and stays open.
        decks.highlighted = next(i for i, label in enumerate(labels) if "broken.toml" in label)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is picker
        assert any("broken.toml, line 2: " in n.message for n in app._notifications)

        # A file that cannot be read: an error, and the picker stays open.
        picker.query_one("#deck-path").focus()
        await pilot.press(*str(bad_file), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is picker
        assert any("bad.csv" in n.message for n in app._notifications)

        # A path starting with ~ is the home folder's, as in a shell.
        (tmp_path / "mine.csv").write_text("Term one,First definition here\nTerm two,Second\n")
        picker.query_one("#deck-path", Input).value = "~/mine.csv"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.deck.cards) == 2
        await _open_picker(app, pilot)
        picker = app.screen
        decks = picker.query_one("#deck-list", OptionList)

        # Picking the library deck opens it on Home.
        decks.focus()
        decks.highlighted = labels.index("Tiny [bold]deck[/]\n6 cards  ·  library")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.deck.id == "tiny"
        title = str(app.screen.query_one("#deck-title", Static).render())
        assert title.startswith("Tiny [bold]deck[/]") and "6 cards" in title

        # Opened again, the picker marks the deck open now and starts on it.
        await _open_picker(app, pilot)
        decks = app.screen.query_one("#deck-list", OptionList)
        assert decks.highlighted is not None
        shown = str(decks.get_option_at_index(decks.highlighted).prompt)
        assert shown == "Tiny [bold]deck[/]\n6 cards  ·  library  ·  open now"


async def test_a_file_opened_says_what_its_reader_made_of_it(tmp_path: Path) -> None:
    # A Quizlet paste in a .txt: one card a line, not the alternating lines.
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(
        "".join(f"Term {n}\tThe definition of term number {n}\n" for n in range(1, 6)),
        encoding="utf-8",
    )
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.wait_until_open()
        await _open_picker(app, pilot)
        app.screen.query_one("#deck-path", Input).value = str(pasted)
        app.screen.query_one("#deck-path", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.deck.cards) == 5
        said = [n.message for n in app._notifications]
        assert "read as one card a line, term and definition split at a tab" in said
        # a session started: the deck's notes would lie over the questions for 15 s
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert exam_screen(app) is not None and not list(app._notifications)


async def test_notices_show_deck_text_literally_and_are_not_stacked(tmp_path: Path) -> None:
    from textual.widgets._toast import Toast

    app = _app(tmp_path, start=mock(3))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        # N past the last question opens the review page, once however often it is pressed.
        await pilot.press("n", "n", "n", "n", "n", "n")
        await pilot.pause()
        names = [type(s).__name__ for s in app.screen_stack]
        assert names[-2:] == ["ExamScreen", "NavigatorScreen"]
        # A notice already on screen is not stacked again.
        for _ in range(3):
            app.notify("Saved.")
        await pilot.pause()
        assert len([n for n in app._notifications if n.message == "Saved."]) == 1
        # A notice carrying deck text (a topic name, a file name) is never markup, from the
        # app or from a screen (whose `notify` asks Textual for markup by default).
        app.notify("Drilling [bold]Topic[/] and [link=x]this[/link] (40 %).")
        app.screen.notify("Removed Tiny [bold]deck[/] from your library.")
        await pilot.pause()  # the notice is posted,
        await pilot.pause()  # then the screen's toast rack mounts it
        shown = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any("Drilling [bold]Topic[/] and [link=x]this[/link] (40 %)." in s for s in shown)
        assert any("Removed Tiny [bold]deck[/] from your library." in s for s in shown)


async def test_opening_a_large_file_says_its_size_while_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deck of a million cards takes about a minute to read: the picker gives the
    file's size and counts the seconds (a timer, stopped once the deck is read)."""
    import threading

    import exam_sim.tui.screens.deck_picker as picker_module

    deck_file = tmp_path / "big.csv"
    deck_file.write_text("".join(f"Term {n},Definition {n}\n" for n in range(6)))
    monkeypatch.setattr(picker_module, "LARGE_FILE_BYTES", 10)  # this file counts as large
    gate = threading.Event()
    real_resolve = picker_module.resolve_deck

    def held_resolve(spec: str) -> object:
        gate.wait(timeout=30)
        return real_resolve(spec)

    monkeypatch.setattr(picker_module, "resolve_deck", held_resolve)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        picker.query_one("#deck-path", Input).value = str(deck_file)
        picker.query_one("#deck-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        status = str(picker.query_one("#deck-status", Static).render())
        assert status == f"Opening {deck_file} (0 MB)…"
        assert picker._ticking is not None
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.deck.cards) == 6
        assert picker._ticking is None


async def test_every_question_opens_with_its_stem_in_view_at_80x24(tmp_path: Path) -> None:
    """Options taller than the screen scrolled the stem off the top of the first question
    shown (focusing the option list brought the whole list into view); seed 1 asks such a
    question first on the bundled deck."""
    from textual.containers import VerticalScroll

    app = create_app(db=tmp_path / "history.sqlite3", seed=1, start=mock(5))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        screen = exam_screen(app)
        area = screen.query_one("#question-area", VerticalScroll)
        stem = screen.query_one("#stem", Static)
        for number in range(1, 6):
            await pilot.pause()
            if number == 1:
                assert area.max_scroll_y > 0  # the case that broke: options overflow
            assert area.scroll_y == 0, f"question {number}"
            assert stem.region.y >= area.region.y and stem.region.height > 0
            await pilot.press("n")


async def test_deck_picker_removes_a_library_deck_after_asking(tmp_path: Path) -> None:
    """Delete on a library deck asks (its title shown literally), then deletes its file and
    its line; a bundled deck and the open deck are refused with a notice."""
    from exam_sim.tui.screens.confirm import ConfirmScreen

    tiny = _tiny_library_deck(tmp_path)
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_until_open()
        await _open_picker(app, pilot)
        picker = app.screen
        decks = picker.query_one("#deck-list", OptionList)
        labels = _labels(decks)
        decks.highlighted = 0  # the bundled deck open now
        await pilot.press("delete")
        await pilot.pause()
        assert app.screen is picker
        assert any("Bundled decks cannot be removed" in n.message for n in app._notifications)
        decks.highlighted = labels.index("Tiny [bold]deck[/]\n6 cards  ·  library")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Remove Tiny [bold]deck[/]?" in str(app.screen.query_one("#dialog-title").render())
        await pilot.press("n")  # no: nothing removed
        await pilot.pause()
        assert app.screen is picker and tiny.exists()
        await pilot.press("delete", "y")
        await pilot.pause()
        assert app.screen is picker and not tiny.exists()
        assert decks.option_count == len(labels) - 1
        assert any("Removed Tiny [bold]deck[/] from your library" in n.message
                   for n in app._notifications)  # fmt: skip


async def test_drill_dialog_fits_80x24_with_many_tags_and_its_fields_work(tmp_path: Path) -> None:
    """A deck with 50 tags: at 80×24 the dialog still shows its buttons whole, the list
    of tags gets the rows the one-row fields leave it, and both fields take typing."""
    from textual.widgets import Button

    deck = Path(__file__).parent / "data" / "ja-jlpt-n5-vocabulary.csv"
    app = _app(tmp_path, deck=str(deck))
    async with app.run_test(size=(80, 24)) as pilot:
        scope = await _drill_dialog(app, pilot)
        assert scope.content_region.height >= 6  # four before the fields were one row
        for button in app.screen.query(Button):
            assert button.region.bottom <= 23  # above the footer, all three rows
        fields = [app.screen.query_one(f"#drill-{name}") for name in ("count", "minutes")]
        assert [field.region.height for field in fields] == [1, 1]
        # Taller, the list takes more rows, and the dialog no blank ones below its buttons.
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        dialog = app.screen.query_one("#dialog")
        assert scope.region.height == int(40 * 0.37)
        assert dialog.region.bottom - max(b.region.bottom for b in app.screen.query(Button)) <= 2
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("tab", "backspace", "backspace", "4", "tab", "3")
        await pilot.press("enter")
        await pilot.pause()
        session = exam_screen(app).session
        assert len(session.questions) == 4
        assert session.attempt.time_limit_seconds == 180


def test_the_deck_picker_names_every_format_the_loader_reads() -> None:
    # One list in the core (`decks.formats.FORMAT_NAMES`): JSON was missing from the
    # dialog's words after the loader learned it.
    from exam_sim.decks import FORMATS
    from exam_sim.decks.formats import FORMAT_NAMES, formats_said

    assert set(FORMAT_NAMES) == set(FORMATS)
    assert all(name in formats_said() for name in FORMAT_NAMES.values())
