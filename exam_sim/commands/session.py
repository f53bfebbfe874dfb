"""`exam-sim exam`, `drill`, `retry` and `resume`: take a practice session.

Without `--plain` these open the TUI (when it can run); with `--plain` the session runs
line by line on stdin/stdout, a stable protocol that screen-reader users, bare ssh sessions
and the subprocess tests rely on (described in docs/exams.md):

    a–f or 1–6   answer the current question (saved at once) and move to the next
    flag         flag / unflag the current question for review
    next, prev   move one question; `go N` shows question N
    clear        remove the answer to the current question
    list         unanswered and flagged question numbers
    show         print the current question again
    help         the commands
    submit       ask y/n (stating what is unanswered and flagged), then score
    quit         leave; the attempt stays resumable (so does end of input)
"""

from __future__ import annotations

import argparse
import contextlib
import random
import shlex
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import click

from exam_sim.commands import Context
from exam_sim.commands.options import (
    AttemptNumber,
    WholeNumber,
    minutes_option,
    plain_option,
    seed_option,
)
from exam_sim.exam import (
    ExamSession,
    Plan,
    SessionError,
    mock_minutes,
    new_attempt,
    plan_drill,
    plan_mock,
    plan_retry,
    rank_weak_cards,
    topic_names_of,
    weak_card_history,
    with_weak_summary,
)
from exam_sim.models import AttemptMode, AttemptStatus, Deck, DeckError
from exam_sim.report import (
    letter,
    number_list,
    question_header,
    render_feedback,
    render_question,
    render_report,
)
from exam_sim.text import fold, format_duration, slugify

if TYPE_CHECKING:
    from exam_sim.history import AttemptSummary, History

MODE_NAMES = {
    AttemptMode.MOCK: "Mock exam",
    AttemptMode.DRILL: "Topic drill",
    AttemptMode.WEAK: "Weak-spot drill",
    AttemptMode.RETRY: "Retry of missed questions",
}
EXIT_NOTHING_TO_RESUME = 1
HELP = """\
Commands (one per line):
  a–f or 1–6  answer the current question and move to the next (saved at once)
  flag        flag or unflag the current question for review
  next, prev  move to the next or previous question; go N shows question N
  clear       remove your answer to the current question
  list        unanswered and flagged question numbers
  show        print the current question again
  submit      finish and see your score (asks y/n first)
  quit        leave without submitting; the attempt stays resumable (so does end of input)
  help        this list"""


# ---------------------------------------------------------------------------------------
# The --plain protocol


class PlainSession:
    """Runs an `ExamSession` line by line. Every command is checked against the clock
    first: when time is up the attempt is submitted and the report printed."""

    def __init__(
        self,
        session: ExamSession,
        *,
        stdin: TextIO,
        stdout: TextIO,
        title: str,
        resume_command: str | None = None,
    ) -> None:
        self.session = session
        self.stdin = stdin
        self.out = stdout
        self.title = title
        self.resume_command = resume_command

    # -- output -----------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def flush(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.out.flush()

    def topic_name(self, topic: str | None) -> str | None:
        if topic is None:
            return None
        return self.session.topic_names.get(topic) or topic.replace("-", " ").capitalize()

    def show(self) -> None:
        s = self.session
        header = question_header(
            number=s.current + 1,
            total=s.total,
            topic_name=self.topic_name(s.question.topic),
            time_left=s.time_left(),
            elapsed=s.elapsed,
            answered=s.answered_count(),
            flagged=len(s.flagged()),
        )
        self.say()
        state = s.answer_state
        self.say(
            render_question(s.question, header=header, choice=state.choice, flagged=state.flagged)
        )

    def status_line(self) -> str:
        s = self.session
        unanswered, flagged = s.unanswered(), s.flagged()
        return (
            f"Unanswered ({len(unanswered)}): {number_list(unanswered) or 'none'} · "
            f"Flagged ({len(flagged)}): {number_list(flagged) or 'none'}"
        )

    # -- the loop -----------------------------------------------------------------------
    def run(self) -> int:
        """Run until submitted, timed out, or the input ends. Returns the exit code (0)."""
        if self.session.finished:
            self.print_report()
            return 0
        if self.time_is_up():
            return 0
        self.show()
        self.flush()
        try:
            while True:
                line = self.stdin.readline()
                if not line:
                    self.leave()
                    return 0
                if self.time_is_up():
                    return 0
                try:
                    done = self.dispatch(line.strip())
                except SessionError as error:
                    self.say(f"{error}.")
                    done = False
                self.flush()
                if done:
                    return 0
        except KeyboardInterrupt:
            self.leave()
            return 130

    def time_is_up(self) -> bool:
        if self.session.tick():
            self.say()
            self.say("Time is up: the attempt was submitted automatically.")
            self.print_report()
            return True
        return False

    def dispatch(self, command: str) -> bool:  # noqa: C901 (one branch per protocol command)
        """Do one command; True when the session is over."""
        word, _, rest = command.lower().partition(" ")
        rest = rest.strip()
        if not word:
            return False
        if len(word) == 1 and not rest and (word in "abcdef" or word in "123456"):
            index = "abcdef".index(word) if word.isalpha() else int(word) - 1
            return self.answer(index)
        if word == "flag" and not rest:
            position = self.session.current
            flagged = self.session.toggle_flag()
            self.say(f"saved: question {position + 1} {'flagged' if flagged else 'unflagged'}")
        elif word == "clear" and not rest:
            position = self.session.current
            self.session.clear()
            self.say(f"saved: question {position + 1} cleared")
        elif word == "next" and not rest:
            if self.session.next():
                self.show()
            else:
                self.say("This is the last question.")
        elif word in ("prev", "previous") and not rest:
            if self.session.prev():
                self.show()
            else:
                self.say("This is the first question.")
        elif word == "go":
            if not rest.isdigit():
                self.say(f"Type go and a question number, 1–{self.session.total}: go 3.")
            else:
                self.session.go(int(rest) - 1)
                self.show()
        elif word == "list" and not rest:
            self.say(self.status_line())
        elif word == "show" and not rest:
            self.show()
        elif word in ("help", "?") and not rest:
            self.say(HELP)
        elif word == "submit" and not rest:
            return self.confirm_submit()
        elif word in ("quit", "exit") and not rest:
            self.leave()
            return True
        else:
            options = len(self.session.question.options)
            self.say(
                f"Unknown command {command!r}: type a letter a–{'abcdef'[options - 1]} to answer, "
                "or help for the commands."
            )
        return False

    def answer(self, index: int) -> bool:
        s = self.session
        position, question = s.current, s.question
        if index >= len(question.options):
            last = len(question.options) - 1
            self.say(
                f"Question {position + 1} has options A–{letter(last)} (1–{last + 1}); "
                "nothing was saved."
            )
            return False
        feedback = s.answer(index)
        # The store committed inside answer(); only now may the learner be told so.
        self.say(f"saved: question {position + 1} → {letter(index)}")
        self.flush()
        if feedback is not None:
            self.say(render_feedback(question, index))
        if s.next():
            self.show()
        else:
            unanswered = s.unanswered()
            if unanswered:
                self.say(
                    f"That was the last question; {len(unanswered)} unanswered "
                    f"({number_list(unanswered)}). Type go N to answer one, or submit."
                )
            else:
                self.say(
                    f"All {s.total} questions are answered. Type submit to finish, "
                    "or go N to review an answer."
                )
        return False

    def submit_prompt(self) -> str:
        s = self.session
        unanswered, flagged = s.unanswered(), s.flagged()
        if not unanswered and not flagged:
            return f"Submit all {s.total} answers? [y/n]"
        parts = [f"{len(unanswered)} unanswered", f"{len(flagged)} flagged"]
        if unanswered:
            parts[0] += f" ({number_list(unanswered)})"
        if flagged:
            parts[1] += f" ({number_list(flagged)})"
        return f"Submit with {parts[0]} and {parts[1]}? [y/n]"

    def confirm_submit(self) -> bool:
        self.say(self.submit_prompt())
        self.flush()
        while True:
            reply = self.stdin.readline()
            if not reply:
                self.leave()
                return True
            if self.time_is_up():
                return True
            reply = reply.strip().lower()
            if reply in ("y", "yes"):
                self.session.submit()
                self.print_report()
                return True
            if reply in ("n", "no"):
                self.say("Not submitted; carry on.")
                return False
            self.say("Please answer y (submit now) or n (carry on).")
            self.flush()

    def print_report(self) -> None:
        s = self.session
        assert s.report is not None
        attempt = s.attempt
        title = f"Score report · {self.title}"
        if attempt.id is not None:
            title += f" · attempt {attempt.id}"
        self.say()
        self.say(render_report(s.report, title=title))
        if attempt.id is not None:
            self.say(f"Review every question with: exam-sim history show {attempt.id}")
        self.flush()

    def leave(self) -> None:
        """End of input (or quit): keep the attempt resumable and say how to resume."""
        s = self.session
        if s.finished:
            return
        s.close()
        left = s.time_left()
        state = f"{s.answered_count()} of {s.total} answered"
        if left is not None:
            state += f", {format_duration(left)} left"
        self.say()
        if s.attempt.id is None:
            self.say(f"Left unfinished ({state}).")
        else:
            self.say(f"Left unfinished: attempt {s.attempt.id} is saved ({state}).")
            if self.resume_command:
                self.say(f"Resume with: {self.resume_command}")
        self.flush()


# ---------------------------------------------------------------------------------------
# Command plumbing


def open_history(db: str | None) -> History:
    from exam_sim.history import History

    return History.open_default(db)


@contextlib.contextmanager
def opened_history(db: str | None) -> Iterator[History]:
    history = open_history(db)
    try:
        yield history
    finally:
        close_history(history)


def close_history(history: object) -> None:
    close = getattr(history, "close", None)
    if callable(close):
        close()


def base_command(db: str | None) -> str:
    parts = ["exam-sim"]
    if db:
        parts += ["--db", db]
    return shlex.join(parts)


def resume_command(db: str | None, attempt_id: int | None, *, plain: bool = True) -> str:
    command = f"{base_command(db)} resume"
    if attempt_id is not None:
        command += f" {attempt_id}"
    return command + (" --plain" if plain else "")


def _notice(message: str) -> None:
    print(f"exam-sim: {message}", file=sys.stderr, flush=True)


def run_tui_or_none(args: argparse.Namespace, **kwargs: Any) -> int | None:
    """Open the TUI unless `--plain` was asked for or it cannot run; None means: run plain.

    The TUI needs a terminal on both ends; piped input (tests, scripts) falls back to the
    line protocol with a one-line notice on stderr.
    """
    if args.plain:
        return None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        _notice("input or output is not a terminal; running in --plain mode.")
        return None
    seed = getattr(args, "seed", None)
    if seed is not None:
        kwargs["seed"] = seed
    # The CLI's launcher (exam_sim.cli.open_tui): the commands never import the TUI.
    return int(args.open_tui(db=args.db, **kwargs) or 0)


def resolve(spec: str) -> Deck:
    from exam_sim.decks import resolve_deck

    return resolve_deck(spec)


def new_seed() -> int:
    # Short enough to type back in with --seed.
    return random.SystemRandom().randrange(1, 1_000_000)


def topic_id(deck: Deck, spec: str) -> str:
    """A topic by id, by name (any case/accents) or by the slug of its name."""
    for topic in deck.topics:
        if spec == topic.id or fold(spec) == fold(topic.name) or slugify(spec) == topic.id:
            return topic.id
    known = {c.topic for c in deck.cards if c.topic}
    if spec in known:
        return spec
    names = ", ".join(f"{t.id} ({t.name})" for t in deck.topics) or ", ".join(sorted(known))
    raise SessionError(f"deck {deck.id!r} has no topic {spec!r}; its topics are: {names or 'none'}")


def start_session(
    args: argparse.Namespace,
    *,
    deck: Deck,
    plan: Plan,
    mode: AttemptMode,
    minutes: float | None,
    seed: int,
    history: History,
    intro: Sequence[str] = (),
) -> int:
    """Save a new attempt and run it in --plain mode."""
    if not plan.questions:
        raise SessionError(f"deck {deck.id!r} cannot make a single question for this choice")
    attempt = new_attempt(deck, plan, mode=mode, minutes=minutes, seed=seed)
    session = ExamSession(attempt, store=history, topic_names=topic_names_of(deck))
    out = _stdout()
    time_text = "untimed" if minutes is None else format_duration(minutes * 60)
    title = f"{MODE_NAMES[mode]} · {deck.title}"
    out.write(f"{title} · {len(plan.questions)} questions · {time_text}\n")
    out.write(f"Attempt {attempt.id} · seed {seed}\n")
    for line in intro:
        out.write(line + "\n")
    for note in plan.notes:
        out.write(f"Note: {note}\n")
    out.write(
        "Type a letter to answer, or help for the commands. Every answer is saved as you give it.\n"
    )
    runner = PlainSession(
        session,
        stdin=sys.stdin,
        stdout=out,
        title=title,
        resume_command=resume_command(args.db, attempt.id),
    )
    return runner.run()


def _stdout() -> TextIO:
    # A terminal that cannot show "→" or deck text in its encoding gets "?" rather than a
    # crash; input bytes that are not valid text become an unknown command, not a traceback.
    for stream in (sys.stdout, sys.stdin):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            with contextlib.suppress(ValueError, OSError, AttributeError):
                reconfigure(errors="replace")
    return sys.stdout


# ---------------------------------------------------------------------------------------
# Commands


def exam_command(args: argparse.Namespace) -> int:
    with contextlib.ExitStack() as stack:
        deck = resolve(args.deck)
        options = {"questions": args.questions, "minutes": args.minutes, "seed": args.seed}
        # The deck is handed over loaded: the TUI does not read the file a second time.
        code = run_tui_or_none(args, deck=deck, start="exam", options=options)
        if code is not None:
            return code
        from exam_sim.generator import generator_for

        # The database first: an unusable one is reported before any work is done.
        history = stack.enter_context(opened_history(args.db))
        seed = args.seed if args.seed is not None else new_seed()
        plan = plan_mock(generator_for(deck), questions=args.questions, seed=seed)
        blueprint = deck.effective_blueprint
        if args.minutes is None:
            minutes: float | None = mock_minutes(blueprint, len(plan.questions))
        else:
            minutes = args.minutes or None
        repeat = [base_command(args.db), "exam", args.deck, "--seed", str(seed)]
        if args.questions:
            repeat += ["--questions", str(args.questions)]
        intro = [
            f"Pass mark {blueprint.pass_score} on {blueprint.score_min}–{blueprint.score_max}; "
            "no feedback until you submit.",
            f"The same exam again: {' '.join(repeat)}",
        ]
        return start_session(
            args, deck=deck, plan=plan, mode=AttemptMode.MOCK, minutes=minutes, seed=seed,
            history=history, intro=intro,
        )  # fmt: skip


def drill_command(args: argparse.Namespace) -> int:
    with contextlib.ExitStack() as stack:
        deck = resolve(args.deck)
        topics = [topic_id(deck, t) for t in args.topic]
        tags = list(args.tag)
        for tag in tags:
            if tag not in deck.tags:
                raise SessionError(
                    f"deck {deck.id!r} has no tag {tag!r}; its tags are: "
                    f"{', '.join(deck.tags) or 'none'}"
                )
        options = {
            "topics": topics, "tags": tags, "count": args.count, "minutes": args.minutes,
            "seed": args.seed,
        }  # fmt: skip
        start = "weak" if args.weak else "drill"
        code = run_tui_or_none(args, deck=deck, start=start, options=options)
        if code is not None:
            return code
        from exam_sim.generator import generator_for

        history = stack.enter_context(opened_history(args.db))
        source = generator_for(deck)
        seed = args.seed if args.seed is not None else new_seed()
        intro: list[str] = ["Feedback after every answer."]
        if args.weak:
            stats = weak_card_history(history, deck.id)
            ranked = [
                cid
                for cid in rank_weak_cards(deck, stats)
                if _card_matches(deck, cid, topics, tags)
            ]
            if not ranked:
                raise SessionError("no card matches that choice of topics and tags")
            plan = plan_drill(source, card_ids=ranked[: args.count], count=args.count, seed=seed)
            plan = with_weak_summary(plan, stats)
            mode = AttemptMode.WEAK
        else:
            plan = plan_drill(source, topics=topics, tags=tags, count=args.count, seed=seed)
            mode = AttemptMode.DRILL
        return start_session(
            args, deck=deck, plan=plan, mode=mode, minutes=args.minutes or None, seed=seed,
            history=history, intro=intro,
        )  # fmt: skip


def _card_matches(deck: Deck, card_id: str, topics: Sequence[str], tags: Sequence[str]) -> bool:
    card = deck.card(card_id)
    return (not topics or card.topic in topics) and (not tags or bool(set(tags) & set(card.tags)))


def retry_command(args: argparse.Namespace) -> int:
    with opened_history(args.db) as history:
        original = history.load_attempt(args.attempt)
        if original.status is AttemptStatus.IN_PROGRESS:
            raise SessionError(
                f"attempt {args.attempt} is not finished; resume it with: "
                f"{resume_command(args.db, args.attempt, plain=False)}"
            )
        deck = _deck_or_none(original.deck_id)
        seed = args.seed if args.seed is not None else new_seed()
        plan = plan_retry(original, seed=seed)
        if deck is None:
            # The deck is gone; the attempt's own copy of the questions is all a retry needs.
            deck = Deck(
                id=original.deck_id, title=original.deck_title, blueprint=original.blueprint
            )
        intro = [f"The questions you missed in attempt {args.attempt}, with feedback."]
        return start_session(
            args, deck=deck, plan=plan, mode=AttemptMode.RETRY, minutes=args.minutes or None,
            seed=seed, history=history, intro=intro,
        )  # fmt: skip


def _deck_or_none(deck_id: str) -> Deck | None:
    try:
        return resolve(deck_id)
    except DeckError:
        return None


def resume_command_handler(args: argparse.Namespace) -> int:
    history = open_history(args.db)
    try:
        if args.attempt is None:
            unfinished = history.unfinished()
            if not unfinished:
                print(
                    "Nothing to resume: every attempt in the history is finished. "
                    "Start one with: exam-sim exam DECK",
                    file=sys.stderr,
                )
                return EXIT_NOTHING_TO_RESUME
            attempt_id = _newest_id(unfinished)
        else:
            attempt_id = args.attempt
        attempt = history.load_attempt(attempt_id)
        if attempt.status is not AttemptStatus.IN_PROGRESS:
            status = attempt.status.value.replace("_", " ")
            raise SessionError(
                f"attempt {attempt_id} is already finished ({status}); "
                f"see it with: exam-sim history show {attempt_id}"
            )
        deck = _deck_or_none(attempt.deck_id)  # gone or changed: the attempt has its questions
        code = run_tui_or_none(args, deck=deck, start="resume", attempt_id=attempt_id)
        if code is not None:
            return code
        names = topic_names_of(deck)
        session = ExamSession(attempt, store=history, topic_names=names)
        out = _stdout()
        title = f"{MODE_NAMES[attempt.mode]} · {attempt.deck_title}"
        left = session.time_left()
        state = (
            f"{session.answered_count()} of {session.total} answered · "
            f"{len(session.flagged())} flagged"
        )
        state += " · untimed" if left is None else f" · {format_duration(left)} left"
        out.write(f"Resuming attempt {attempt_id}: {title} · {state}\n")
        given = [
            f"{a.position + 1} → {letter(a.choice)}"
            for a in attempt.answers
            if a.choice is not None
        ]
        out.write(f"Your answers so far: {' · '.join(given) or 'none'}\n")
        flagged = session.flagged()
        if flagged:
            out.write(f"Flagged: {number_list(flagged)}\n")
        out.write("The clock runs again from now. Type help for the commands.\n")
        runner = PlainSession(
            session,
            stdin=sys.stdin,
            stdout=out,
            title=title,
            resume_command=resume_command(args.db, attempt_id),
        )
        return runner.run()
    finally:
        close_history(history)


def _newest_id(attempts: Sequence[AttemptSummary]) -> int:
    # History.unfinished lists the newest first (by start time).
    return attempts[0].id


# ---------------------------------------------------------------------------------------
# The click commands: each hands its options to the handler above as one namespace.


def _handler_args(**options: Any) -> argparse.Namespace:
    """The handlers' `args`: the command's options plus the CLI's --db and TUI launcher."""
    context = click.get_current_context().find_object(Context)
    assert context is not None, "made by exam_sim.cli.main"
    return argparse.Namespace(db=context.db, open_tui=context.open_tui, **options)


@click.command(
    "exam",
    short_help="take a timed mock exam shaped like the real one",
    help="A mock exam: questions spread over the topics by the deck's blueprint, timed, "
    "scored like the real exam. No feedback until you submit.",
)
@click.argument("deck", metavar="DECK")
@click.option("--questions", type=WholeNumber(low=1), metavar="N", help="number of questions")
@minutes_option("time limit (default: the blueprint's, pro rata for a shorter exam; 0: untimed)")
@seed_option("repeat an earlier exam")
@plain_option
def exam(**options: Any) -> int:
    return exam_command(_handler_args(**options))


@click.command(
    "drill",
    short_help="practise chosen topics or your weak spots, with feedback",
    help="A drill: questions from the chosen topics and/or tags (all cards when none is "
    "chosen), with the answer and every option's explanation after each answer.",
)
@click.argument("deck", metavar="DECK")
@click.option("--topic", multiple=True, metavar="T", help="topic id or name (repeatable)")
@click.option("--tag", multiple=True, metavar="G", help="tag (repeatable)")
@click.option(
    "--weak",
    is_flag=True,
    help="the cards you miss most, confuse most, or have never seen (from your history)",
)
@click.option("--count", type=WholeNumber(low=1), default=10, metavar="N", help="default 10")
@minutes_option("time limit (untimed)")
@seed_option("repeat an earlier drill")
@plain_option
def drill(topic: tuple[str, ...], tag: tuple[str, ...], **options: Any) -> int:
    return drill_command(_handler_args(topic=list(topic), tag=list(tag), **options))


@click.command(
    "retry",
    short_help="retry the questions you missed in an attempt",
    help="The questions answered wrong or left unanswered in a finished attempt, options "
    "reshuffled, with feedback. Runs line by line (as --plain).",
)
@click.argument("attempt", type=AttemptNumber(), metavar="ATTEMPT")
@minutes_option("time limit (untimed)")
@seed_option("option order")
def retry(**options: Any) -> int:
    return retry_command(_handler_args(plain=True, **options))


@click.command(
    "resume",
    short_help="continue an unfinished attempt",
    help="Continue an unfinished attempt (the newest, or ATTEMPT) with every answer and "
    "flag and the time that was left. Exit code 1 when there is nothing to resume.",
)
@click.argument("attempt", type=AttemptNumber(), required=False, metavar="ATTEMPT")
@plain_option
def resume(**options: Any) -> int:
    return resume_command_handler(_handler_args(**options))
