"""The `--plain` protocol: a session line by line on stdin/stdout.

A stable protocol that screen-reader users, bare ssh sessions and the subprocess tests
rely on (described in docs/exams.md):

    a–e or 1–6     answer the current question (saved at once) and move to the next
    a c            a multiple-response item: the options chosen (a single letter toggles one)
    order c a b    an ordering item: the steps, first to last
    match 1a 2c    a matching item: prompt number and response letter, one or more pairs
    -, strike B    strike option B out of view while thinking, or back in
    f, flag        flag / unflag the current question for review
    n, next        the next question; p, prev the previous; go N shows question N
    x, clear       remove the answer to the current question
    l, list        unanswered and flagged question numbers
    show           print the current question again
    h, help        the commands
    s, submit      ask y/n (stating what is unanswered and flagged), then score
    q, quit        leave; the attempt stays resumable (so does end of input)

With confidence marking (`--confidence`), each whole answer is followed by
`How sure are you? 7 guess · 8 unsure · 9 sure (Enter: skip)`: 7/guess, 8/unsure or
9/sure marks it (`saved: question 3 marked sure`) and moves on (a drill shows its feedback
first), Enter skips; while it is asked only those, quit and help are taken. In a mock
7, 8 or 9 also marks an answered question again later.

The words come from `exam_sim.vocabulary`, as the TUI's keys do: one vocabulary for both.
"""

from __future__ import annotations

import contextlib
from typing import TextIO

from exam_sim.commands.item_input import (
    ITEM_USAGE,
    RESPONSE_WORDS,
    given_text,
    response_usage,
    typed_response,
)
from exam_sim.commands.wrapping import terminal_columns
from exam_sim.exam import ExamSession, SessionError, topic_name
from exam_sim.exam.items import complete
from exam_sim.models import Confidence, ItemKind
from exam_sim.present import (
    attempt_insights,
    duration,
    letter,
    number_list,
    option_letters,
)
from exam_sim.report import (
    question_header,
    render_feedback,
    render_item_feedback,
    render_question,
    render_report,
)
from exam_sim.vocabulary import (
    CONFIDENCE_COMMANDS,
    CONFIDENCE_HINT,
    CONFIDENCE_PROMPT,
    EXAM_COMMANDS,
    PLAIN_ONLY,
    answer_hint,
    answer_index,
    command_for,
    confidence_level,
)


def plain_help(*, confidence: bool = False) -> str:
    """The commands, from the vocabulary the TUI's keys are built from (the marking ones
    when the session asks how sure each answer was)."""
    lines = ["Commands (one per line; the one-letter ones are the TUI's keys too):"]
    lines.append(f"  {'a–e or 1–6':<18} answer this question and move to the next (saved at once)")
    lines += [f"  {usage:<18} {what}" for usage, what in ITEM_USAGE]
    marks = CONFIDENCE_COMMANDS if confidence else ()
    for command in (*EXAM_COMMANDS, *marks, *PLAIN_ONLY):
        words = ", ".join(
            f"{w} N" if command.takes_number and len(w) > 1 else w for w in command.words
        )
        if command.takes_option:
            words += " B"
        lines.append(f"  {words:<18} {command.help}")
    lines.append("  (end of input leaves too; f flags, so option F is answered with 6)")
    return "\n".join(lines)


# Protocol words that are never a multiple-response answer ("flag" and "f", not F A G).
_WORDS = {w for c in (*EXAM_COMMANDS, *CONFIDENCE_COMMANDS, *PLAIN_ONLY) for w in c.words} | {
    "order",
    "match",
}


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
        # A drill's feedback, held while its answer's confidence is asked (shown after).
        self._held_feedback: str | None = None

    # -- output -----------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def flush(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.out.flush()

    def topic_name(self, topic: str | None) -> str | None:
        return None if topic is None else topic_name(topic, self.session.topic_names)

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
            render_question(
                s.question,
                header=header,
                choice=state.choice,
                flagged=state.flagged,
                answer=state,
            )
        )
        feedback = self.held_feedback() if s.answer_is_final() else None
        if feedback:
            self.say(feedback)  # answered before in a drill: its feedback, as the TUI shows it

    def status_line(self) -> str:
        s = self.session
        unanswered, flagged = s.unanswered(), s.flagged()
        line = (
            f"Unanswered ({len(unanswered)}): {number_list(unanswered) or 'none'} · "
            f"Flagged ({len(flagged)}): {number_list(flagged) or 'none'}"
        )
        if s.gives_feedback:  # a drill: what its feedback said, as the TUI's navigator marks
            wrong = s.wrong_so_far()
            line += f" · Wrong ({len(wrong)}): {number_list(wrong) or 'none'}"
        return line

    # -- the loop -----------------------------------------------------------------------
    def run(self) -> int:
        """Run until submitted, timed out, or the input ends. Returns the exit code (0)."""
        if self.session.finished:
            self.print_report()
            return 0
        if self.time_is_up():
            return 0
        self.show()
        if self.session.awaiting_mark is not None:
            # Resumed where the session ended: this answer's mark was being asked.
            self.feedback_then_next(self.held_feedback())
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

    def dispatch(self, line: str) -> bool:
        """Do one command; True when the session is over."""
        word, _, rest = line.lower().partition(" ")
        rest = rest.strip()
        if self.session.awaiting_mark is not None:
            return self.marking(word, rest)
        if not word:
            return False
        named = command_for(word)
        if named is not None and named.takes_option:
            return self.strike(rest)
        if self.session.question.kind is not ItemKind.SINGLE:
            handled = self.respond(word, rest)
            if handled is not None:
                return handled
        index = answer_index(word) if not rest else None
        if index is not None:
            return self.answer(index)
        command = command_for(word)
        if command is None or (rest and not command.takes_number):
            options = len(self.session.question.options)
            self.say(
                f"Unknown command {line!r}: type {answer_hint(options)} to answer, "
                "or help for the commands."
            )
            return False
        if confidence_level(command) is not None:
            self.mark(command.action)  # refused in one sentence (SessionError) if it cannot be
            return False
        return self.run_command(command.action, rest)

    def run_command(self, action: str, rest: str = "") -> bool:
        """Do `action` (a vocabulary command); True when the session is over."""
        s = self.session
        if action == "flag":
            position = s.current
            flagged = s.toggle_flag()
            self.say(f"saved: question {position + 1} {'flagged' if flagged else 'unflagged'}")
        elif action == "clear":
            position = s.current
            s.clear()
            self.say(f"saved: question {position + 1} cleared")
        elif action == "next":
            if s.next():
                self.show()
            else:
                self.say("This is the last question. Type submit to finish, or list.")
        elif action == "prev":
            if s.prev():
                self.show()
            else:
                self.say("This is the first question.")
        elif action == "navigator":
            if not rest:
                self.say(self.status_line())
                self.say(f"Type go and a question number, 1–{s.total}: go 3.")
            elif not rest.isdigit():
                self.say(f"Type go and a question number, 1–{s.total}: go 3.")
            else:
                s.go(int(rest) - 1)
                self.show()
        elif action == "list":
            self.say(self.status_line())
        elif action == "show":
            self.show()
        elif action == "help":
            self.say(plain_help(confidence=s.asks_confidence))

        elif action == "submit":
            return self.confirm_submit()
        elif action == "leave":
            self.leave()
            return True
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
        self.feedback_then_next(None if feedback is None else render_feedback(question, index))
        return False

    def feedback_then_next(self, feedback: str | None) -> None:
        """After a whole answer: ask how sure it was (the feedback waits), or show the
        feedback and move on."""
        if self.session.awaiting_mark is not None:
            self._held_feedback = feedback
            self.say(CONFIDENCE_PROMPT)
            return
        if feedback is not None:
            self.say(feedback)
        self.after_answer()

    def held_feedback(self) -> str | None:
        """A drill's feedback on the current answer, to show once its mark is given."""
        s = self.session
        if not s.gives_feedback:
            return None
        state = s.answer_state
        if s.question.kind is ItemKind.SINGLE and state.choice is not None:
            return render_feedback(s.question, state.choice)
        return render_item_feedback(s.question, state)

    def marking(self, word: str, rest: str) -> bool:
        """A line while an answer's confidence is asked: a mark, Enter (skip), quit or help;
        anything else is asked again."""
        command = command_for(word) if not rest else None
        if command is not None and confidence_level(command) is not None:
            self.mark(command.action)
            return False
        if not word:
            self.session.mark(None)
            self.after_mark(again=False)
            return False
        if command is not None and command.action in ("leave", "help"):
            if command.action == "help":
                self.say(plain_help(confidence=True))
                self.say(CONFIDENCE_PROMPT)
                return False
            return self.run_command("leave")
        self.say(f"First say how sure you are: {CONFIDENCE_HINT}, or Enter to skip.")
        return False

    def mark(self, action: str) -> None:
        s = self.session
        position = s.awaiting_mark if s.awaiting_mark is not None else s.current
        awaited = s.awaiting_mark is not None
        level = Confidence(action.removeprefix("mark_"))
        again = s.mark(level)
        self.say(f"saved: question {position + 1} marked {level.label}")
        if awaited:
            self.after_mark(again=again)

    def after_mark(self, *, again: bool) -> None:
        """The mark given or skipped: the drill's feedback, then the next question."""
        if self._held_feedback is not None:
            self.say(self._held_feedback)
        self._held_feedback = None
        if again:
            self.say(
                f"You were sure, and it was wrong: it is asked again as question "
                f"{self.session.total}, at the end."
            )
        self.after_answer()

    def strike(self, rest: str) -> bool:
        s = self.session
        picked = option_letters(rest, len(s.question.options))
        if picked is None or len(picked) != 1:
            self.say(f"Type - and one option letter: - {letter(0).lower()}.")
            return False
        position = s.current
        struck = s.strike(picked[0])
        what = "struck out" if struck else "restored"
        self.say(f"saved: question {position + 1} option {letter(picked[0])} {what}")
        return False

    def respond(self, word: str, rest: str) -> bool | None:
        """A response to a multiple-response, ordering or matching item; None when the
        command is not one (a protocol command such as flag or next)."""
        s = self.session
        question = s.question
        if word in _WORDS and word != RESPONSE_WORDS.get(question.kind):
            return None
        response = typed_response(question, word, rest, s.answer_state.response or ())
        if response is None:
            self.say(response_usage(question))
            return False
        position = s.current
        feedback = s.respond(response)
        state = s.answer_state
        self.say(f"saved: question {position + 1} → {given_text(question, state.response)}")
        self.flush()
        if complete(question, state.response):
            held = None if feedback is None else render_item_feedback(question, state)
            self.feedback_then_next(held)
        return False

    def after_answer(self) -> None:
        """Move on after a whole answer, or say what is left at the last question."""
        s = self.session
        if s.next():
            self.show()
            return
        unanswered = s.unanswered()
        if unanswered:
            self.say(
                f"That was the last question; {len(unanswered)} unanswered "
                f"({number_list(unanswered)}). Type go N to answer one, or submit."
            )
        else:
            answered = "The question is" if s.total == 1 else f"All {s.total} questions are"
            self.say(f"{answered} answered. Type submit to finish, or go N to review an answer.")

    def submit_prompt(self) -> str:
        s = self.session
        unanswered, flagged = s.unanswered(), s.flagged()
        if not unanswered and not flagged:
            return (
                "Submit your answer? [y/n]"
                if s.total == 1
                else f"Submit all {s.total} answers? [y/n]"
            )
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
        self.say(render_report(s.report, title=title, width=terminal_columns(self.out)))
        # Calibration and the certainty-based score (if marked), answer changes and pacing:
        # the lines the TUI's results show, from the same core function.
        for line in attempt_insights(attempt, s.report.topic_names):
            self.say(line)
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
            state += f", {duration(left)} left"
        self.say()
        if s.attempt.id is None:
            self.say(f"Left unfinished ({state}).")
        else:
            self.say(f"Left unfinished: attempt {s.attempt.id} is saved ({state}).")
            if self.resume_command:
                self.say(f"Resume with: {self.resume_command}")
        self.flush()
