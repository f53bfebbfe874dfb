"""The end of a study session: its score by topic and the cards missed, each with what was
chosen for it and when it comes back (`exam.recap`, worded by `present.study`), the same
in the TUI and in `study --plain`. Real sessions on a real history file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support import run_cli
from support.tui import open_study, shown_text
from textual.widgets import Static

from exam_sim.decks import resolve_deck
from exam_sim.exam import ExamSession, SessionRequest, plan_session, topic_names_of
from exam_sim.exam.recap import MissedCard, StudyRecap, study_recap
from exam_sim.history import History
from exam_sim.models import AttemptMode, Confidence, ItemKind, TopicScore
from exam_sim.present.study import missed_lines, topics_line
from exam_sim.schedule.study import DEFAULT_NEW_PER_DAY, DEFAULT_STUDY_COUNT, NewCards
from exam_sim.tui.app import create_app

DECK = "aws-ml-specialty"
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def _wrong(choices: int, answer: int) -> int:
    return (answer + 1) % choices


def test_the_recap_lists_each_missed_card_once_with_the_card_chosen_and_its_due_time(
    tmp_path: Path,
) -> None:
    """A confident error asked again and missed again is one card to go over; the card
    chosen is named by its term; the due time is the schedule's; topics come by topic."""
    deck = resolve_deck(DECK)
    terms = {card.id: card.term for card in deck.cards}
    with History(tmp_path / "history.sqlite3") as history:
        request = SessionRequest(mode=AttemptMode.STUDY, count=4, seed=5)
        setup = plan_session(request, deck, history=history)
        session = ExamSession(setup.new_attempt(), store=history, topic_names=topic_names_of(deck))
        first, second = session.questions[0], session.questions[1]
        session.answer(_wrong(len(first.options), first.answer))
        assert session.mark(Confidence.SURE)  # asked again at the end
        session.go(1)
        session.answer(_wrong(len(second.options), second.answer))
        for position in (2, 3):
            session.go(position)
            session.answer(session.questions[position].answer)
        session.go(4)
        again = session.questions[4]
        assert again.card_id == first.card_id
        session.answer(_wrong(len(again.options), again.answer))  # missed again
        report = session.submit()
        memories = history.memories(deck.id)
        recap = study_recap(session.attempt, report, deck, memories)
    assert [m.card for m in recap.missed] == [
        first.explanations[first.answer],
        second.explanations[second.answer],
    ]
    assert recap.missed[0].name == terms[first.card_id]
    assert recap.missed[0].card.startswith(f"{terms[first.card_id]} — ")
    chosen = first.option_card_ids[_wrong(len(first.options), first.answer)]
    assert recap.missed[0].chosen == terms[chosen]
    assert [m.due for m in recap.missed] == [
        memories[first.card_id].due,
        memories[second.card_id].due,
    ]
    # New cards alternate between topics: four cards, more than one topic, every answer
    # counted under its topic.
    assert len(recap.topics) > 1
    assert sum(t.total for t in recap.topics) == report.answered == 5


def test_a_term_written_on_two_lines_is_named_on_one_in_the_recap(tmp_path: Path) -> None:
    # A vocabulary deck writes its word and reading on two lines ("猫<br>ねこ"): the
    # feedback shows them as written, the list of cards missed names each on one line.
    from exam_sim.decks import load_deck

    words = ["猫<br>ねこ\tcat", "犬<br>いぬ\tdog", "鳥<br>とり\tbird", "魚<br>さかな\tfish",
             "馬<br>うま\thorse", "牛<br>うし\tcow"]  # fmt: skip
    path = tmp_path / "ja.tsv"
    path.write_text("#separator:tab\n#html:true\n" + "\n".join(words) + "\n", encoding="utf-8")
    deck = load_deck(path)
    with History(tmp_path / "history.sqlite3") as history:
        request = SessionRequest(mode=AttemptMode.STUDY, count=2, seed=1)
        session = ExamSession(plan_session(request, deck, history=history).new_attempt(),
                              store=history, topic_names={})  # fmt: skip
        question = session.questions[0]
        wrong = _wrong(len(question.options), question.answer)
        session.answer(wrong)
        assert "\n" in question.explanations[question.answer]  # as the feedback shows it
        recap = study_recap(session.attempt, session.submit(), deck, history.memories(deck.id))
    (missed,) = recap.missed
    card = next(c for c in deck.cards if c.id == question.card_id)
    one_line = " ".join(card.term.split())
    assert "\n" in card.term and " " in one_line
    assert missed.name == one_line
    assert missed.card == f"{one_line} — {card.definition}"
    chosen = next(c for c in deck.cards if c.id == question.option_card_ids[wrong])
    assert missed.chosen == " ".join(chosen.term.split())


def test_a_session_of_one_topic_and_no_mistakes_has_nothing_to_add(tmp_path: Path) -> None:
    deck = resolve_deck(DECK)
    with History(tmp_path / "history.sqlite3") as history:
        request = SessionRequest(mode=AttemptMode.STUDY, count=1, seed=5)
        setup = plan_session(request, deck, history=history)
        session = ExamSession(setup.new_attempt(), store=history, topic_names=topic_names_of(deck))
        session.answer(session.questions[0].answer)
        report = session.submit()
        recap = study_recap(session.attempt, report, deck, history.memories(deck.id))
    assert recap == StudyRecap(topics=(), missed=())
    assert topics_line(recap) == "" and missed_lines(recap, NOW) == ("", [])


def _topic(name: str, correct: int, total: int) -> TopicScore:
    return TopicScore(
        topic=name.lower().replace(" ", "-"), name=name, correct=correct, total=total, verdict=""
    )


def test_the_wording_says_a_shared_due_time_once_and_a_differing_one_per_card() -> None:
    soon, later = NOW + timedelta(minutes=1), NOW + timedelta(days=2)
    same = StudyRecap(
        topics=(_topic("Modeling", 1, 3), _topic("Data Engineering", 2, 2)),
        missed=(MissedCard("A — a", "A", "B", soon), MissedCard("C — c", "C", "", soon)),
    )
    assert (
        topics_line(same)
        == "By topic: Modeling 1\u00a0of\u00a03 · Data Engineering 2\u00a0of\u00a02"
    )
    heading, lines = missed_lines(same, NOW)
    assert heading == "Cards you missed (2), each back in 1 min:"
    assert lines == [("A — a", "you chose B", "A"), ("C — c", "", "C")]
    differ = StudyRecap(topics=(), missed=(*same.missed, MissedCard("D — d", "D", "A", later)))
    heading, lines = missed_lines(differ, NOW)
    assert heading == "Cards you missed (3):"
    assert [line.note for line in lines] == [
        "you chose B · back in 1 min",
        "back in 1 min",
        "you chose A · back in 2 days",
    ]
    one = StudyRecap(topics=(), missed=(MissedCard("A — a", "A", "B", None),))
    assert missed_lines(one, NOW)[0] == "The card you missed:"


def _recap_of_latest(db: Path) -> list[str]:
    """What the end of the latest study session in `db` must show: the recap's lines."""
    deck = resolve_deck(DECK)
    with History(db) as history:
        (summary,) = [a for a in history.attempts() if a.mode is AttemptMode.STUDY]
        attempt = history.load_attempt(summary.id)
        report = history.load_report(summary.id)
        assert report is not None
        recap = study_recap(attempt, report, deck, history.memories(deck.id))
    heading, missed = missed_lines(recap, NOW)
    assert heading and len(recap.missed) == 2 and recap.topics  # two wrong, one right
    return [topics_line(recap), heading, *(part for line in missed for part in line if part)]


async def test_the_tui_and_plain_end_a_study_session_on_the_same_recap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two cards wrong, one right, then stop, in each front end: each shows its session's
    recap, every line of it (the due times read at a fixed now)."""
    monkeypatch.setattr("exam_sim.exam.coach.utc_now", lambda: NOW)
    plain_db, tui_db = tmp_path / "plain.sqlite3", tmp_path / "tui.sqlite3"
    # The session `study --seed 3` plans on a fresh history, planned here to know its keys.
    with History(tmp_path / "scratch.sqlite3") as scratch:
        request = SessionRequest(
            mode=AttemptMode.STUDY,
            count=DEFAULT_STUDY_COUNT,
            new_cards=NewCards(DEFAULT_NEW_PER_DAY),
            seed=3,
        )
        first_three = plan_session(request, resolve_deck(DECK), history=scratch).plan.questions[:3]
    assert all(question.kind is ItemKind.SINGLE for question in first_three)
    letters = [
        "abcdef"[question.answer if right else _wrong(len(question.options), question.answer)]
        for question, right in zip(first_three, (False, False, True), strict=True)
    ]
    code, out, _ = run_cli(
        monkeypatch,
        capsys,
        ["--db", str(plain_db), "study", DECK, "--plain", "--seed", "3"],
        "".join(f"{letter}\n\n" for letter in letters) + "quit\n",
    )
    assert code == 0
    expected = _recap_of_latest(plain_db)
    for line in expected:
        assert line in out
    # In --plain the recap comes after the score line and before the deck's due line.
    assert (
        out.index("Studied ") < out.index(expected[1]) < out.index(f"{resolve_deck(DECK).title}:")
    )

    app = create_app(db=tui_db, seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_study(app, pilot)
        for right in (False, False, True):
            question = screen.session.question
            choice = question.answer if right else _wrong(len(question.options), question.answer)
            await pilot.press("abcdef"[choice], "enter")
        await pilot.press("escape")
        await pilot.pause()
        body = shown_text(screen.query_one("#study-body", Static))
    # Wrapped at the screen's width: compare the words.
    for line in _recap_of_latest(tui_db):
        assert " ".join(line.split()) in " ".join(body.split())


async def test_a_recap_of_one_missed_card_opens_on_its_heading(tmp_path: Path) -> None:
    """One card, missed, not marked: no topic line, no confidence line, and no blank line
    left above the heading where they would be."""
    app = create_app(db=tmp_path / "history.sqlite3", seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_study(app, pilot)
        question = screen.session.question
        await pilot.press("abcdef"[_wrong(len(question.options), question.answer)], "enter")
        await pilot.press("escape")
        await pilot.pause()
        body = shown_text(screen.query_one("#study-body", Static)).splitlines()
    assert body[0].startswith("The card you missed, back in ")
