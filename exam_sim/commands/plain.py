"""The `--plain` protocol: a session line by line on stdin/stdout.

A stable protocol that screen-reader users, bare ssh sessions and the subprocess tests
rely on (described in docs/exams.md):

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

import contextlib
from typing import TextIO

from exam_sim.exam import ExamSession, SessionError, topic_name
from exam_sim.present import answer_index, duration, letter, number_list
from exam_sim.report import question_header, render_feedback, render_question, render_report

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

    def dispatch(self, command: str) -> bool:  # noqa: C901 (one branch per protocol command)
        """Do one command; True when the session is over."""
        word, _, rest = command.lower().partition(" ")
        rest = rest.strip()
        if not word:
            return False
        index = answer_index(word) if not rest else None
        if index is not None:
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
            last = letter(len(self.session.question.options) - 1).lower()
            self.say(
                f"Unknown command {command!r}: type a letter a–{last} to answer, "
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
            state += f", {duration(left)} left"
        self.say()
        if s.attempt.id is None:
            self.say(f"Left unfinished ({state}).")
        else:
            self.say(f"Left unfinished: attempt {s.attempt.id} is saved ({state}).")
            if self.resume_command:
                self.say(f"Resume with: {self.resume_command}")
        self.flush()
