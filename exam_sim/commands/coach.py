"""`exam-sim study` and `exam-sim plan`: spaced repetition and the readiness forecast.

`study` asks the cards the FSRS schedule says are due (then today's new cards), with
feedback after each answer and a confidence mark (guess / unsure / sure) after that; in
the TUI, or line by line with `--plain` (the protocol is in docs/study.md). `plan` gives a
deck an exam date and prints the forecast for it. The rules live in the core
(`exam_sim.schedule`, `exam_sim.exam.coach`); this module reads options and prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from datetime import date
from typing import Any, TextIO

import click

from exam_sim.commands.history import table
from exam_sim.commands.item_input import ITEM_USAGE, given_text, response_usage, typed_response
from exam_sim.commands.options import WholeNumber, output_options, plain_option, seed_option
from exam_sim.commands.session import (
    _handler_args,
    _stdout,
    opened_history,
    resolve,
    run_tui_or_none,
)
from exam_sim.commands.wrapping import wrapping
from exam_sim.errors import UsageError
from exam_sim.exam import (
    ExamSession,
    NoNewCardAskable,
    NothingDue,
    NothingToStudy,
    SessionError,
    SessionRequest,
    plan_session,
    study_cards,
    topic_name,
)
from exam_sim.exam import coach as coaching
from exam_sim.exam.coach import ReadinessHistory, exam_day, readiness, study_summary
from exam_sim.exam.insights import confidence_summary
from exam_sim.exam.items import complete
from exam_sim.exam.recap import StudyRecap, study_recap
from exam_sim.lexicon import capitalised
from exam_sim.models import AttemptMode, Confidence, Deck, ItemKind
from exam_sim.present import answer_index, confidence_line, counted, letter, percent
from exam_sim.present.study import (
    due_line,
    forecast_line,
    missed_lines,
    plan_line,
    readiness_detail,
    studied_line,
    topics_line,
)
from exam_sim.report import render_feedback, render_item_feedback, render_question
from exam_sim.schedule.memory import Memory
from exam_sim.schedule.study import DEFAULT_NEW_PER_DAY, DEFAULT_STUDY_COUNT, NewCards
from exam_sim.schedule.units import study_noun
from exam_sim.vocabulary import (
    CONFIDENCE_COMMANDS,
    CONFIDENCE_HINT,
    STUDY_OLD_CONFIDENCE_KEYS,
    confidence_level,
)

# What study takes for a mark: a mock's or drill's words (7 8 9, "guess"…) and the old
# g u s, as the TUI's study screen binds them (the vocabulary's, written once).
CONFIDENCE_WORDS = {
    word: Confidence(level)
    for command in CONFIDENCE_COMMANDS
    if (level := confidence_level(command))
    for word in (*command.words, STUDY_OLD_CONFIDENCE_KEYS[command.action])
}
CONFIDENCE_PROMPT = f"How sure were you? {CONFIDENCE_HINT} (Enter: skip)"
AGAIN_NOTE = "You were sure, and it was wrong: this {noun} comes back at the end of the session."
STUDY_HELP = "\n".join(
    [
        "Commands (one per line):",
        f"  {'a–f or 1–6':<13} answer (feedback follows, then how sure you were: 7, 8 or 9)",
        *(f"  {usage:<13} {what}" for usage, what in ITEM_USAGE),
        f"  {'quit':<13} stop here: what you answered is scheduled (so does end of input)",
        f"  {'help':<13} this list",
    ]
)


class PlainStudy:
    """A study session line by line: question, answer, feedback, confidence, next. It ends
    after the last card, on `quit` or at the end of input; each time the session is finished,
    so what was answered is scheduled (a study session is never left to resume)."""

    def __init__(
        self, session: ExamSession, *, stdin: TextIO, stdout: TextIO, noun: str = "card"
    ) -> None:
        self.session = session
        self.stdin = stdin
        self.out = stdout
        self.noun = noun  # "card", or "question" on a question bank (`schedule.units.study_units`)

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def show(self) -> None:
        s = self.session
        topic = s.question.topic
        parts = [f"{self.noun.capitalize()} {s.current + 1} of {s.total}"]
        if topic:
            parts.append(topic_name(topic, s.topic_names))
        self.say()
        self.say(render_question(s.question, header=" · ".join(parts)))

    def run(self) -> int:
        self.show()
        while True:
            line = self.stdin.readline()
            if not line:
                break
            word = line.strip().lower()
            if word in ("quit", "exit"):
                break
            if word in ("help", "?"):
                self.say(STUDY_HELP)
                continue
            if self.session.question.kind is not ItemKind.SINGLE:
                first, _, rest = word.partition(" ")
                went_on = self.respond(first, rest)
                if went_on is False:
                    break
                continue
            index = answer_index(word) if word else None
            if index is None or index >= len(self.session.question.options):
                last = letter(len(self.session.question.options) - 1).lower()
                self.say(f"Type a letter a–{last} to answer, quit to stop, or help.")
                continue
            if not self.answer(index):
                break
        self.session.submit()
        return 0

    def answer(self, index: int) -> bool:
        """Answer the current card; False when the input ended or the last card is done."""
        s = self.session
        question = s.question
        s.answer(index)
        self.say(f"saved: {self.noun} {s.current + 1} → {letter(index)}")
        self.say(render_feedback(question, index))
        return self.marked_then_next()

    def respond(self, word: str, rest: str) -> bool | None:
        """A response to a multiple-response, ordering or matching item (`item_input`):
        None while it is not whole (or not one: how to type it is said), else as `answer`."""
        s = self.session
        question = s.question
        response = typed_response(question, word, rest, s.answer_state.response or ())
        if response is None:
            self.say(response_usage(question))
            return None
        try:
            s.respond(response)
        except SessionError as error:  # "choose at most 2 options"
            self.say(f"{capitalised(str(error))}; nothing was saved.")
            return None
        state = s.answer_state
        self.say(f"saved: {self.noun} {s.current + 1} → {given_text(question, state.response)}")
        if not complete(question, state.response):
            return None
        self.say(render_item_feedback(question, state))
        return self.marked_then_next()

    def marked_then_next(self) -> bool:
        """How sure the answer just given was, then the next question; False when the input
        ended or the last question is done."""
        s = self.session
        self.say(CONFIDENCE_PROMPT)
        while True:
            reply = self.stdin.readline()
            if not reply:
                return False
            word = reply.strip().lower()
            if not word or word in CONFIDENCE_WORDS:
                break
            self.say(f"Please type 7, 8 or 9 (or Enter to skip). {CONFIDENCE_PROMPT}")
        if word:
            s.mark_confidence(CONFIDENCE_WORDS[word])
            self.say(f"saved: {CONFIDENCE_WORDS[word].label}")
            if s.ask_again_if_confident_error():
                self.say(AGAIN_NOTE.format(noun=self.noun))
        if not s.next():
            return False
        self.show()
        return True


def study_command(args: argparse.Namespace) -> int:
    deck = resolve(args.deck)
    out = wrapping(_stdout())
    with opened_history(args.db) as history:
        # Today's limit, worked out once (with an exam date it reads the forecast) for the
        # queue, the session's plan and the closing line.
        new_cards = (
            coaching.new_cards_a_day(history, deck)
            if args.new_per_day is None
            else NewCards(args.new_per_day)
        )
        request = SessionRequest(
            mode=AttemptMode.STUDY, count=args.count, new_cards=new_cards, seed=args.seed
        )
        try:
            queue = study_cards(request, deck, history)  # nothing due: said before a TUI opens
            code = run_tui_or_none(args, deck=deck, start=request)
            if code is not None:
                return code
            # New cards that cannot be asked are passed over here: none left may be the news.
            setup = plan_session(request, deck, history=history)
        except NothingDue as nothing:
            out.write(f"Nothing to study now: {nothing}.\n")
            # (Its count of new cards would count those that cannot be asked.)
            if not isinstance(nothing, NoNewCardAskable | NothingToStudy):
                out.write(f"{deck.title}: {_due(history, deck, new_cards)}\n")
            return 0
        session = ExamSession.on_deck(setup.new_attempt(), deck, store=history)
        asked = [question.card_id for question in setup.plan.questions]
        due = len(set(asked).intersection(queue.due))
        noun = study_noun(deck)
        out.write(
            f"Study · {deck.title} · {counted(len(asked), noun)} "
            f"({due} due, {len(asked) - due} new) · attempt {session.attempt.id}\n"
        )
        how = "Type a letter to answer"
        if any(question.kind is not ItemKind.SINGLE for question in setup.plan.questions):
            how += " (help: how to answer the other kinds)"
        out.write(f"{how}; after the feedback, say how sure you were.\n")
        code = PlainStudy(session, stdin=sys.stdin, stdout=out, noun=noun).run()
        report = session.report
        assert report is not None and session.attempt.id is not None
        memories = None  # read once, for the recap and the due line
        if not report.answered:
            # Nothing was studied: no attempt to clutter the history with.
            history.delete_attempt(session.attempt.id)
            out.write("\nNothing answered, nothing saved.\n")
        else:
            studied = studied_line(report, session.not_reached, session.cards_answered(), noun)
            out.write(f"\n{studied}\n")
            memories = history.memories(deck.id)
            recap = study_recap(session.attempt, report, deck, memories)
            if by_topics := topics_line(recap):
                out.write(by_topics + "\n")
            confidence = confidence_summary(session.attempt)
            if confidence is not None:
                out.write(confidence_line(confidence) + "\n")
            _write_missed(out, recap, noun)
        out.write(f"{deck.title}: {_due(history, deck, new_cards, memories)}\n")
        return code


def _write_missed(out: TextIO, recap: StudyRecap, noun: str) -> None:
    """The cards missed, each on a line and a note under it (`present.study`)."""
    heading, lines = missed_lines(recap, coaching.utc_now(), noun)
    if heading:
        out.write(f"{heading}\n")
    for missed in lines:
        out.write(f"  {missed.card}\n")
        if missed.note:
            out.write(f"    {missed.note}\n")


def _due(
    history: ReadinessHistory,
    deck: Deck,
    new_cards: NewCards,
    memories: Mapping[str, Memory] | None = None,
) -> str:
    now = coaching.utc_now()
    summary = study_summary(history, deck, now=now, new_cards=new_cards, memories=memories)
    return due_line(summary, now)


def parse_exam_date(text: str) -> date:
    try:
        return exam_day(text)
    except ValueError as problem:
        raise UsageError(f"--exam-date: {problem}") from None


def plan_command(args: argparse.Namespace) -> int:
    deck = resolve(args.deck)
    with opened_history(args.db) as history:
        if args.exam_date is not None:
            exam_day = parse_exam_date(args.exam_date)
            history.set_exam_date(deck.id, exam_day.isoformat())
        else:
            stored = history.exam_date(deck.id)
            if stored is None:
                raise UsageError(
                    f"{deck.id} has no exam date yet; give one with --exam-date YYYY-MM-DD"
                )
            exam_day = date.fromisoformat(stored)
        result = readiness(history, deck, exam_day)
    out = _stdout()
    if args.output == "json":
        json.dump({"deck": deck.id, **result.as_json()}, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    out.write(f"Readiness · {deck.title}\n{forecast_line(result)}\n")
    if result.enough_history:
        out.write(readiness_detail(result) + "\n\n")
    if result.enough_history and result.by_domain:  # no one-row table for a deck without topics
        rows = [
            [
                d.name,
                percent(100 * d.weight, 0),
                percent(d.expected_percent, 0),
                f"{d.low_percent:.0f}–{d.high_percent:.0f} %",
                f"{d.reviewed}/{d.cards}",
                "at risk" if d.at_risk else "",
            ]
            for d in result.domains
        ]
        headers = ["Domain", "Weight", "Expected", "80 % interval", "Reviewed", ""]
        out.write(table(headers, rows, right={1, 2, 3, 4}) + "\n\n")
    if result.has_plan:
        out.write(plan_line(result) + "\n")
    return 0


@click.command(
    "study",
    short_help="study what is due: cards, a bank's questions (spaced repetition)",
    help="Ask the cards your spaced-repetition schedule says are due, then new cards up to "
    "a daily limit, as multiple-choice questions with feedback; after each, say how sure you "
    "were. Every answer updates the card's schedule. A deck's written questions, of every "
    "kind, are studied too, spread among its cards (a question bank's are all it studies).",
)
@click.argument("deck", metavar="DECK")
@click.option(
    "--new-per-day",
    type=WholeNumber(low=0),
    default=None,
    metavar="N",
    help=f"new cards a day (default {DEFAULT_NEW_PER_DAY}, or the daily plan's number when "
    "the deck has an exam date and its plan asks more)",
)
@click.option(
    "--count",
    type=WholeNumber(low=1),
    default=DEFAULT_STUDY_COUNT,
    metavar="N",
    help=f"at most N cards this session (default {DEFAULT_STUDY_COUNT})",
)
@seed_option("the order of the questions' options (the same seed, the same order)")
@plain_option
def study(**options: Any) -> int:
    return study_command(_handler_args(**options))


@click.command(
    "plan",
    short_help="exam date, readiness forecast and a daily plan",
    help="Give a deck an exam date (saved) and see the forecast: the expected scaled score "
    "on that day with an 80 % interval, each domain, the domains at risk, and how many new "
    "cards and reviews a day reach the pass mark. Says so when there is too little history.",
)
@click.argument("deck", metavar="DECK")
@click.option("--exam-date", metavar="YYYY-MM-DD", help="the exam date (remembered)")
@output_options("json")
def plan(**options: Any) -> int:
    return plan_command(_handler_args(**options))


def charts_command(args: argparse.Namespace) -> int:
    from exam_sim.exam.charts import charts

    deck = resolve(args.deck)
    with opened_history(args.db) as history:
        data = charts(history, deck)
    out = _stdout()
    if args.output == "json":
        json.dump(data.as_json(), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    out.write(f"Charts · {deck.title} (the TUI draws them: C on Home)\n")
    scale = data.scale
    scores = " · ".join(scale.text(data.score_of(p)) for p in data.scores)
    out.write(
        f"Score trend (full mocks; the line: {scale.mark_text}): {scores or 'no full mock yet'}\n"
    )
    levels = " · ".join(
        f"{p.level} {p.right}/{p.answered} ({percent(p.percent, 0)})" for p in data.calibration
    )
    out.write(f"Calibration: {levels or 'no confidence marked yet'}\n")
    if data.forecast:
        points = " · ".join(
            f"{p.day} {scale.text(p.expected)} "
            f"({scale.text(p.low).removesuffix(' %')}–{scale.text(p.high)})"
            for p in data.forecast
        )
        out.write(f"Forecast: {points}\n")
    else:
        out.write(f"Forecast: {data.forecast_note}\n")
    return 0


@click.command(
    "charts",
    short_help="the data of the charts: score trend, domains, calibration, forecast",
    help="The data the TUI's charts draw, for one deck: the scaled score of each full mock "
    "with the pass mark, each domain's percentage in them, how often each confidence level "
    "was right, and the forecast from today to the exam date with its 80 % interval.",
)
@click.option("--deck", default="aws-ml-specialty", metavar="D", help="deck id or file")
@output_options("json")
def charts(**options: Any) -> int:
    return charts_command(_handler_args(**options))


__all__ = ["SessionError", "charts", "plan", "study"]
