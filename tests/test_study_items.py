"""A study session asks a deck's written questions of every kind: a multiple response, an
ordering and a matching are answered with the exam's keys in the TUI and the exam's words
in --plain, their feedback shows once the answer is whole, and they are scheduled as a
single answer is (before: only single-answer questions without a case study were studied;
a bank of matching items had "nothing to study")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.tui import open_study, shown_text
from textual.widgets import Static

from exam_sim.commands.item_input import typed_response
from exam_sim.decks import load_deck
from exam_sim.exam.items import check_response, complete, pick_option
from exam_sim.history import History
from exam_sim.models import ItemKind, Question
from exam_sim.present import letter
from exam_sim.schedule.units import study_units
from exam_sim.tui.app import create_app
from exam_sim.tui.screens.study import StudyScreen
from exam_sim.tui.widgets.choices import ChoiceList

BANK = Path(__file__).parent / "data" / "bank.gift"


def _question(kind: ItemKind, options: int = 4, keys: tuple[int, ...] = ()) -> Question:
    texts = tuple(f"option {n}" for n in range(options))
    prompts = tuple(f"prompt {n}" for n in range(len(keys))) if kind is ItemKind.MATCHING else ()
    return Question(
        id="q", card_id="q", topic=None, direction="authored", stem="Stem?", options=texts,
        option_card_ids=("q",) * options, answer=keys[0] if keys else 0, kind=kind, keys=keys,
        prompts=prompts,
    )  # fmt: skip


MULTIPLE = _question(ItemKind.MULTIPLE, keys=(1, 3))
ORDERING = _question(ItemKind.ORDERING, keys=(2, 0, 3, 1))
MATCHING = _question(ItemKind.MATCHING, options=3, keys=(2, 0, 1))


# -- the core's rule for a pick (both screens), and --plain's typed responses ----------


def test_a_pick_toggles_places_and_matches() -> None:
    assert pick_option(MULTIPLE, (), 2).response == (2,)
    assert pick_option(MULTIPLE, (0, 2), 2).response == (0,)  # picked again: cleared
    refused = pick_option(MULTIPLE, (0, 2), 1)
    assert refused.response is None
    assert refused.refusal == "2 are already chosen: clear one first (pick it again)."
    assert pick_option(ORDERING, (3,), 1).response == (3, 1)
    assert pick_option(ORDERING, (3, 1, 0), 1).response == (3,)  # it and those after it
    first = pick_option(MATCHING, None, 2, prompt=0)
    assert first == ((2, -1, -1), 1, "")
    # The mark goes on to the next prompt without a response, wrapping to an earlier one.
    assert pick_option(MATCHING, (2, -1, -1), 0, prompt=2) == ((2, -1, 0), 1, "")


@given(st.lists(st.integers(0, 3), max_size=12))
def test_any_picks_leave_a_response_the_session_takes(picks: list[int]) -> None:
    for question in (MULTIPLE, ORDERING):
        response: tuple[int, ...] = ()
        for index in picks:
            picked = pick_option(question, response, index)
            if picked.response is not None:
                response = picked.response
            assert check_response(question, response) == tuple(
                sorted(response) if question.kind is ItemKind.MULTIPLE else response
            )
    prompt, matched = 0, None
    for index in picks:
        picked = pick_option(MATCHING, matched, index % 3, prompt)
        matched, prompt = picked.response, picked.prompt
        assert matched is not None and check_response(MATCHING, matched) == matched
        assert 0 <= prompt < len(MATCHING.prompts)


def test_plain_typed_responses() -> None:
    assert typed_response(MULTIPLE, "b", "d", []) == [1, 3]
    assert typed_response(MULTIPLE, "c", "", [1]) == [1, 2]  # one letter toggles
    assert typed_response(MULTIPLE, "", "", [1]) is None  # an empty line clears nothing
    assert typed_response(ORDERING, "order", "c a d b", []) == [2, 0, 3, 1]
    assert typed_response(ORDERING, "order", "c a", []) is None  # the whole order at once
    assert typed_response(ORDERING, "c", "", []) is None
    assert typed_response(MATCHING, "match", "1c 3b", []) == [2, -1, 1]
    assert typed_response(MATCHING, "match", "2-a", [2, -1, 1]) == [2, 0, 1]


# -- what a deck studies -------------------------------------------------------------------


def test_every_written_question_of_a_bank_is_a_study_unit() -> None:
    bank = load_deck(BANK)
    units = study_units(bank)
    assert units.ids == [item.id for item in bank.items]
    assert {ItemKind.MULTIPLE, ItemKind.MATCHING} <= {item.kind for item in bank.items}
    assert units.topics == {item.id: item.topic for item in bank.items}


# -- answering them: keys and lines for a right or a wrong answer ---------------------------


def _right_picks(question: Question) -> list[int]:
    if question.kind is ItemKind.SINGLE:
        return [question.answer]
    return list(question.key_set)


def _wrong_picks(question: Question) -> list[int]:
    """A wrong whole answer: the first options that are not keys (a multiple response), the
    steps reversed, every prompt given the next prompt's response, another option."""
    size = len(question.options)
    if question.kind is ItemKind.MULTIPLE:
        return [n for n in range(size) if n not in question.keys][: question.choose]
    if question.kind is ItemKind.ORDERING:
        return list(reversed(question.keys))
    if question.kind is ItemKind.MATCHING:
        keys = question.keys
        return [keys[(p + 1) % len(keys)] for p in range(len(keys))]
    return [(question.answer + 1) % size]


def _picks(question: Question) -> list[int]:
    """A multiple response and an ordering answered wrong, every other question right."""
    wrong = question.kind in (ItemKind.MULTIPLE, ItemKind.ORDERING)
    return _wrong_picks(question) if wrong else _right_picks(question)


def _plain_line(question: Question, picks: list[int]) -> str:
    letters = " ".join(letter(n).lower() for n in picks)
    if question.kind is ItemKind.MATCHING:
        return "match " + " ".join(f"{p + 1}{letter(n).lower()}" for p, n in enumerate(picks))
    if question.kind is ItemKind.ORDERING:
        return f"order {letters}"
    return letters


def _study_plain(home: Path, stdin: str, *extra: str, deck: Path = BANK) -> str:
    return subprocess.run(
        [sys.executable, "-m", "exam_sim", "study", str(deck), "--plain", *extra],
        input=stdin, capture_output=True, text=True, timeout=120, check=True,
        env={**os.environ, "EXAM_SIM_HOME": str(home), "COLUMNS": "200"},
    ).stdout  # fmt: skip


def test_plain_study_asks_every_kind_and_schedules_it(tmp_path: Path) -> None:
    # Lines that answer a question of any kind of this bank, whichever comes: each kind
    # takes its own line and says how to type it for the others (after a whole answer, the
    # lines left are refused as marks until the empty line skips the mark).
    every_kind = "match 1a 2b 3c\norder a b c\na b\na\n\n"
    out = _study_plain(tmp_path / "home", every_kind * 6)
    total = len(load_deck(BANK).items)
    assert f"Study · Bank · {total} questions (0 due, {total} new)" in out
    assert f"Studied {total} questions: " in out
    assert " → A, B (2 of 2 chosen)\n" in out  # the multiple response, saved whole
    assert " → 1-A, 2-B, 3-C (3 of 3 matched)\n" in out
    assert "Type the letters of the 2 options you choose (a–d): a c; nothing was saved." in out
    with History(tmp_path / "home" / "history.sqlite3") as history:
        scheduled = set(history.memories("bank"))
    assert scheduled == {item.id for item in load_deck(BANK).items}


def test_a_bank_of_matching_items_only_is_studied(tmp_path: Path) -> None:
    bank = tmp_path / "match.gift"
    bank.write_text("Match. {=a -> 1 =b -> 2 =c -> 3}\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "exam_sim", "study", str(bank), "--plain"],
        input="match 1a\nmatch 2b 3c\n\n", capture_output=True, text=True, timeout=120,
        check=True, env={**os.environ, "EXAM_SIM_HOME": str(tmp_path / "home")},
    ).stdout  # fmt: skip
    assert out.startswith("Study · Match · 1 question (0 due, 1 new) · attempt 1\n")
    assert "saved: question 1 → 1-A, 2-?, 3-? (1 of 3 matched)\n" in out
    assert "saved: question 1 → 1-A, 2-B, 3-C (3 of 3 matched)\n" in out
    assert "Studied 1 question: " in out


async def test_the_study_screen_answers_items_with_the_exams_keys(tmp_path: Path) -> None:
    app = create_app(db=tmp_path / "history.sqlite3", seed=3, deck=load_deck(BANK))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_study(app, pilot)
        seen: set[ItemKind] = set()
        for _ in range(screen.session.total):
            question = screen.session.question
            seen.add(question.kind)
            status = screen.query_one("#study-status", Static)
            assert status.display == (question.kind is not ItemKind.SINGLE)
            picks = _right_picks(question)
            if question.kind is ItemKind.MULTIPLE:
                await pilot.press(letter(picks[0]).lower())
                assert shown_text(status).startswith("1 of 2 chosen  (a letter, Enter or")
                marks = screen.query_one("#study-options", ChoiceList).marks
                assert [n for n, mark in enumerate(marks) if mark == "☑"] == picks[:1]
                await pilot.press(letter(picks[0]).lower())  # again: cleared
                assert shown_text(status).startswith("0 of 2 chosen")
            if question.kind is ItemKind.MATCHING:

                def prompts() -> str:
                    lines = screen.query_one("#study-prompts").query(Static)
                    return "".join(shown_text(line) for line in lines if line.display)

                assert prompts().startswith("▶ 1. ")
                await pilot.press("right_square_bracket")
                assert "▶ 2. " in prompts()
                await pilot.click("#prompt-3")  # a click on a prompt moves the mark too
                assert "▶ 3. " in prompts()
                await pilot.press("left_square_bracket", "left_square_bracket")
            await pilot.press(*(letter(n).lower() for n in picks))
            await pilot.pause()
            verdict = shown_text(screen.query_one("#study-body", Static))
            assert verdict.startswith("✓ Correct."), verdict
            assert not status.display  # the verdict says what was given
            await pilot.press("8", "enter")
            await pilot.pause()
        assert {ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.MATCHING} <= seen
        stem = shown_text(screen.query_one("#study-stem", Static))
        assert stem.startswith(f"Studied {screen.session.total} questions: ")
    with History(tmp_path / "history.sqlite3") as history:
        assert set(history.memories("bank")) == {item.id for item in load_deck(BANK).items}


@pytest.mark.parametrize("which", ["bank", "case study"])
async def test_the_tui_and_plain_study_store_and_say_the_same(tmp_path: Path, which: str) -> None:
    """The same answers (a multiple response and an ordering wrong, the rest right) in the
    study screen and in `study --plain --seed 3`: the same stored responses, the same
    closing lines. On the GIFT bank, and on a case study of an ordering and a matching."""
    deck_file = BANK
    if which == "case study":
        deck_file = tmp_path / "office.toml"
        deck_file.write_text(CASE_DECK, encoding="utf-8")
    deck = load_deck(deck_file)
    app = create_app(db=tmp_path / "tui.sqlite3", seed=3, deck=deck)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_study(app, pilot)
        assert isinstance(screen, StudyScreen)
        questions = []
        for _ in range(screen.session.total):
            question = screen.session.question
            questions.append(question)
            await pilot.press(*(letter(n).lower() for n in _picks(question)))
            await pilot.press("8", "enter")
            await pilot.pause()
        tui_said = shown_text(screen.query_one("#study-stem", Static)) + shown_text(
            screen.query_one("#study-body", Static)
        )
        attempt_id = screen.session.attempt.id
    lines = "".join(f"{_plain_line(q, _picks(q))}\n8\n" for q in questions)
    out = _study_plain(tmp_path / "home", lines, "--seed", "3", deck=deck_file)

    def said(text: str) -> list[str]:
        """The closing lines that both front ends print: studied, by topic, missed."""
        flat = " ".join(text.split())
        start = flat.index("Studied ")
        return flat[start : flat.index(f"{deck.title}:", start)].split(" ")

    assert said(tui_said) == said(out)
    missed = {
        "bank": "Which TWO services prepare tabular data",
        "case study": "Put the diagnosis steps in the order you would take them. — Ping the "
        "file server from a laptop → Trace the route",
    }
    assert missed[which] in " ".join(said(out))
    assert attempt_id is not None
    with (
        History(tmp_path / "tui.sqlite3") as tui,
        History(tmp_path / "home" / "history.sqlite3") as plain,
    ):
        mine, theirs = tui.load_attempt(attempt_id), plain.load_attempt(1)
    assert [q.id for q in mine.questions] == [q.id for q in theirs.questions]
    assert [(a.choice, a.response) for a in mine.answers] == [
        (a.choice, a.response) for a in theirs.answers
    ]
    assert [complete(q, a.response) or a.choice is not None for q, a in
            zip(mine.questions, mine.answers, strict=True)] == [True] * len(questions)  # fmt: skip


CASE_DECK = """\
format = "exam-sim/1"
id = "office"
title = "Office"

[[cases]]
id = "office"
title = "A small office [bold]network[/]"
scenario = "A small office has 30 laptops on one Wi-Fi network, a file server and a printer. \
Users say that the file server is slow in the afternoon, and that web pages sometimes fail \
to load. The office manager asks you to diagnose the network without buying anything."

[[items]]
id = "office-steps"
type = "ordering"
case = "office"
stem = "Put the diagnosis steps in the order you would take them."
[[items.steps]]
text = "Ping the file server from a laptop."
[[items.steps]]
text = "Trace the route to a public web site."
[[items.steps]]
text = "Capture traffic during the slow afternoon hours."

[[items]]
id = "office-tools"
type = "matching"
case = "office"
stem = "Match each tool to what it shows."
[[items.pairs]]
prompt = "ping"
response = "whether a host answers"
rationale = "An echo request, and its reply or none."
[[items.pairs]]
prompt = "traceroute"
response = "the routers on the way"
rationale = "Each hop answers as its time to live runs out."
[[items.pairs]]
prompt = "tcpdump"
response = "the packets on the wire"
rationale = "It captures what the interface sends and receives."
"""


async def test_a_case_studys_item_shows_its_scenario_above_it(tmp_path: Path) -> None:
    """Wrapped to the screen (a Rich Group of Textual content was cut at the edge) and
    literal: deck text is never markup."""
    deck = tmp_path / "office.toml"
    deck.write_text(CASE_DECK, encoding="utf-8")
    app = create_app(db=tmp_path / "history.sqlite3", seed=3, deck=load_deck(deck))
    async with app.run_test(size=(80, 16)) as pilot:
        screen = await open_study(app, pilot)
        scenario = screen.query_one("#scenario", Static)
        shown = shown_text(scenario)
        assert shown.startswith("Case study: A small office [bold]network[/]\n\nA small")
        # Beside the question, as the exam shows it: the options stay in view at 80×16.
        assert (
            screen.query_one("#scenario-pane").region.right <= screen.query_one("#study").region.x
        )
        assert scenario.size.height >= 6  # wrapped in the pane, not cut at its edge
        assert screen.query_one("#study-options").region.bottom <= 16
        await pilot.resize_terminal(80, 10)  # the feedback then goes below the screen
        await pilot.pause()
        await pilot.press(*(letter(n).lower() for n in screen.session.question.keys))
        await pilot.pause()
        assert shown_text(screen.query_one("#study-body", Static)).startswith("✓ Correct.")
        # Scrolled down to the feedback's end, the next question still starts at its top.
        area = screen.query_one("#study")
        await pilot.press("end")
        await pilot.pause()
        assert area.scroll_y > 0
        await pilot.press("8", "enter")
        await pilot.pause()
        assert area.scroll_y == 0
        progress = shown_text(screen.query_one("#study-progress", Static))
        assert progress.startswith("Question 2 of 2")


@given(st.integers(0, 60), st.integers(0, 20), st.floats(0.05, 0.95))
def test_a_topics_written_questions_are_spread_evenly_among_its_cards(
    cards: int, items: int, phase: float
) -> None:
    from exam_sim.schedule.units import _spread

    order = _spread(
        [f"c{n}" for n in range(cards)],  # type: ignore[misc]
        [f"i{n}" for n in range(items)],  # type: ignore[misc]
        phase,
    )
    assert [u for u in order if u.startswith("c")] == [f"c{n}" for n in range(cards)]
    assert [u for u in order if u.startswith("i")] == [f"i{n}" for n in range(items)]
    for taken in range(len(order) + 1):  # every stretch from the start has its share
        share = taken * items / max(cards + items, 1)
        assert abs(sum(u.startswith("i") for u in order[:taken]) - share) <= 1


def test_the_bundled_mla_bank_asks_written_questions_from_the_first_day_on() -> None:
    """178 cards and 48 scenario questions: taken after the cards, the first question came
    on the sixteenth day of 10 new a day. Spread, each of the first days of ten asks one
    or two (the topics' items set off from each other: at one phase, the first day asked
    three and the next one)."""
    from exam_sim.paths import bundled_dir
    from exam_sim.schedule.study import interleave

    deck = load_deck(bundled_dir() / "aws-mla-c01.toml")
    units = study_units(deck)
    order = interleave(units.ids, units.topics)
    written = {item.id for item in deck.items}
    days = [order[day * 10 : day * 10 + 10] for day in range(5)]
    asked = [len(written.intersection(day)) for day in days]  # 2 or 3 (one phase: 3, 1, 2, 3, 1)
    assert min(asked) >= 1 and max(asked) - min(asked) <= 1, asked


def test_a_missed_items_answer_reads_on_one_line_without_doubled_stops() -> None:
    from exam_sim.exam.recap import _key_words

    stops = MULTIPLE.model_copy(
        update={"options": ("Use spot.", "Use EBS.", "Use etc.", "Use batch.")}
    )
    assert _key_words(stops) == "Use EBS; Use batch."
    steps = ORDERING.model_copy(update={"options": ("B.", "D", "A...", "C.")})
    assert _key_words(steps) == "A... → B → C → D"
    assert _key_words(MATCHING) == "prompt 0: option 2; prompt 1: option 0; prompt 2: option 1"


async def test_study_answers_with_the_arrows_and_enter_or_a_click(tmp_path: Path) -> None:
    """The options are the exam's list: ↓ and Enter answer B; on the next question a click
    on an option answers it; after the feedback, Enter goes on (the list is hidden)."""
    app = create_app(db=tmp_path / "history.sqlite3", seed=3, deck=load_deck(BANK))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_study(app, pilot)
        choices = screen.query_one("#study-options", ChoiceList)
        assert screen.session.question.kind is ItemKind.SINGLE
        assert choices.has_focus and choices.pointer == 0
        await pilot.press("down", "enter")
        assert screen.session.answers[0].choice == 1
        assert not choices.display  # the feedback lists the options again
        await pilot.press("enter")  # the next question (no mark: it is optional)
        await pilot.pause()
        assert screen.session.current == 1 and choices.display
        await pilot.click("#study-options", offset=(8, 2))  # the third option's line
        await pilot.pause()
        assert screen.session.answers[1].choice == 2
