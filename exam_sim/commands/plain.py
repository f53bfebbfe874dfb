"""The `--plain` protocol: a session line by line on stdin/stdout.

A stable protocol that screen-reader users, bare ssh sessions and the subprocess tests
rely on (described in docs/exams.md):

    a–e or 1–6     answer the current question (saved at once) and move to the next
    f, flag        flag / unflag the current question for review
    n, next        the next question; p, prev the previous; go N shows question N
    x, clear       remove the answer to the current question
    l, list        unanswered and flagged question numbers
    show           print the current question again
    h, help        the commands
    s, submit      ask y/n (stating what is unanswered and flagged), then score
    q, quit        leave; the attempt stays resumable (so does end of input)

The words come from `exam_sim.vocabulary`, as the TUI's keys do: one vocabulary for both.
"""

from __future__ import annotations

import contextlib
from typing import TextIO

from exam_sim.exam import ExamSession, SessionError, topic_name
from exam_sim.present import duration, letter, number_list
from exam_sim.report import question_header, render_feedback, render_question, render_report
from exam_sim.vocabulary import (
    EXAM_COMMANDS,
    PLAIN_ONLY,
    answer_hint,
    answer_index,
    command_for,
)


def plain_help() -> str:
    """The commands, from the vocabulary the TUI's keys are built from."""
    lines = ["Commands (one per line; the one-letter ones are the TUI's keys too):"]
    lines.append(f"  {'a–e or 1–6':<18} answer this question and move to the next (saved at once)")
    for command in (*EXAM_COMMANDS, *PLAIN_ONLY):
        words = ", ".join(
            f"{w} N" if command.takes_number and len(w) > 1 else w for w in command.words
        )
        lines.append(f"  {words:<18} {command.help}")
    lines.append("  (end of input leaves too; f flags, so option F is answered with 6)")
    return "\n".join(lines)


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

    def dispatch(self, line: str) -> bool:
        """Do one command; True when the session is over."""
        word, _, rest = line.lower().partition(" ")
        rest = rest.strip()
        if not word:
            return False
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
            self.say(plain_help())
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
            state += f", {duration(left)} left"
        self.say()
        if s.attempt.id is None:
            self.say(f"Left unfinished ({state}).")
        else:
            self.say(f"Left unfinished: attempt {s.attempt.id} is saved ({state}).")
            if self.resume_command:
                self.say(f"Resume with: {self.resume_command}")
        self.flush()
