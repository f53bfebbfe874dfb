"""Study: the cards the spaced-repetition schedule says are due, one at a time, with
feedback after each answer and a confidence mark (7 guess · 8 unsure · 9 sure) after that.

Leaving (Escape, or after the last card) finishes the session, so what was answered is
scheduled at once; a session with nothing answered is removed. The rules are the core's
(`exam_sim.schedule`, `ExamSession.mark_confidence`); this screen only draws and forwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Header, Static

from exam_sim.exam import ExamSession, Feedback, SessionError, coach, topic_name
from exam_sim.exam.coach import study_summary
from exam_sim.exam.insights import confidence_summary
from exam_sim.exam.recap import StudyRecap, study_recap
from exam_sim.models import Confidence
from exam_sim.present import LETTERS, confidence_line, letter, prompt
from exam_sim.present.study import (
    due_line,
    missed_lines,
    studied_line,
    topics_line,
)
from exam_sim.schedule.units import study_noun
from exam_sim.tui.base import AppScreen
from exam_sim.tui.widgets.keybar import KeyBar
from exam_sim.tui.widgets.text import explained_options, literal, option_label
from exam_sim.tui.widgets.units_text import KeepUnits
from exam_sim.vocabulary import (
    CONFIDENCE_COMMANDS,
    CONFIDENCE_HINT,
    STUDY_OLD_CONFIDENCE_KEYS,
    confidence_level,
)


@dataclass
class Marked(Message):
    """The learner said how sure the answer to card `position` (0-based) was."""

    position: int
    confidence: Confidence


def _bindings() -> list[BindingType]:
    bindings: list[BindingType] = [
        Binding(f"{upper.lower()},{index + 1}", f"answer({index})", f"Answer {upper}",
                show=False, id=f"study.answer_{upper.lower()}", tooltip=f"Choose option {upper}")
        for index, upper in enumerate(LETTERS)
    ]  # fmt: skip
    return [
        *bindings,
        # 7 8 9 as a mock or drill shows them (the key bar shows the first key); the old
        # g u s are still taken.
        *(
            Binding(f"{command.keys[0]},{STUDY_OLD_CONFIDENCE_KEYS[command.action]}",
                    f"mark('{level}')", command.label, id=f"study.{level}",
                    tooltip=command.help.capitalize())
            for command in CONFIDENCE_COMMANDS
            if (level := confidence_level(command))
        ),
        Binding("n,enter,right", "next", "Next", id="study.next", tooltip="The next card"),
        Binding("escape", "leave", "Stop", id="study.leave",
                tooltip="Stop here: what you answered is scheduled"),
        # Once the session is over the same keys go Home (check_action picks which).
        Binding("escape,enter,h", "home", "Home", id="study.home", tooltip="Back to Home"),
    ]  # fmt: skip


class StudyScreen(AppScreen[None]):
    DEFAULT_CSS = """
    StudyScreen #study { padding: 0 2; }
    StudyScreen #study-progress { color: $text-muted; }
    StudyScreen #study-prompt { margin-top: 1; }
    StudyScreen #study-stem { margin: 1 0; }
    StudyScreen #study-confidence { margin-bottom: 1; }
    """
    BINDINGS = _bindings()

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session
        self._feedback: Feedback | None = None
        self._marked: Confidence | None = None
        self._again = False  # the card just marked comes back at the end of the session
        self._done = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="study"):
            yield Static(id="study-progress", markup=False)  # topic names are deck text
            yield Static(id="study-prompt")  # what the options are: terms, definitions…
            yield Static(id="study-stem")
            # The prompt sits above the options: long feedback never pushes it off screen.
            yield Static(id="study-confidence")
            yield Static(id="study-body")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_card()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._done:
            return action == "home"
        if action == "home":
            return False
        if action == "answer":
            index = parameters[0]
            return (
                self._feedback is None
                and isinstance(index, int)
                and (index < len(self.session.question.options))
            )
        if action == "mark":
            return self._feedback is not None
        if action == "next":
            return self._feedback is not None
        return True

    # -- drawing ----------------------------------------------------------------------
    def show_card(self) -> None:
        session = self.session
        question = session.question
        state = session.answer_state
        if self._feedback is None and state.choice is not None:
            # Answered before the session was resumed (it ended between the answer and
            # its mark, or after both): its feedback again, and the mark, given or asked.
            self._feedback = session.feedback_for(session.current)
            self._marked = state.confidence
        noun = study_noun(self.app.deck)  # "question" on a question bank
        parts = [f"{noun.capitalize()} {session.current + 1} of {session.total}"]
        if question.topic:
            parts.append(topic_name(question.topic, session.topic_names))
        # One unit, never "right so" / "far" across a line break at 80 columns.
        parts.append(f"{session.correct_so_far()} right so far".replace(" ", "\u00a0"))
        self.query_one("#study-progress", Static).update(KeepUnits(Text(" · ".join(parts))))
        task = prompt(question)
        asks = self.query_one("#study-prompt", Static)
        asks.update(task)
        asks.display = bool(task)  # a true/false stem says it itself
        self.query_one("#study-stem", Static).update(literal(question.stem))
        feedback = self._feedback
        if feedback is None:
            body = Group(*(option_label(i, text) for i, text in enumerate(question.options)))
            confidence = Text("Type the letter of your answer.", style="dim")
        else:
            verdict = Text(
                "✓ Correct." if feedback.correct
                else f"✗ Not quite: the answer is {letter(feedback.answer)}.",
                style="bold green" if feedback.correct else "bold red",
            )  # fmt: skip
            body = Group(
                verdict,
                explained_options(
                    question.options, feedback.explanations,
                    key=feedback.answer, chosen=feedback.chosen, stem=question.stem,
                ),
            )  # fmt: skip
            if self._marked is None:
                confidence = Text(f"How sure were you?  {CONFIDENCE_HINT}")
            else:
                confidence = Text(f"Marked: {self._marked.label}. ")
                if self._again:
                    confidence.append("Sure and wrong: it comes back at the end. ", style="bold")
            confidence.append("  " + f"Enter: next {noun}".replace(" ", "\u00a0"), style="dim")
        self.query_one("#study-body", Static).update(body)
        self.query_one("#study-confidence", Static).update(confidence)
        self.refresh_bindings()

    def show_done(self) -> None:
        session = self.session
        report = session.report
        now = coach.utc_now()
        app = self.app
        known = app.known_new_cards()
        memories = app.history.memories(app.deck.id)  # read once, for the line and the recap
        summary = study_summary(app.history, app.deck, now=now, new_cards=known, memories=memories)
        line = due_line(summary, now)
        self.query_one("#study-progress", Static).update("Study session over")
        self.query_one("#study-prompt", Static).display = False
        self.query_one("#study-stem", Static).update(
            Text(
                ""
                if report is None
                else studied_line(
                    report,
                    session.not_reached,
                    session.cards_answered(),
                    study_noun(app.deck),
                ),
                style="bold",
            )
        )
        parts: list[RenderableType] = []
        if report is not None:
            parts += self._recap(study_recap(session.attempt, report, app.deck, memories), now)
        parts.append(Text(f"{app.deck.title}: {line}"))
        body = Group(*parts)
        self.query_one("#study-body", Static).update(body)
        self.query_one("#study-confidence", Static).update(
            Text("Enter or Escape: back to Home", style="dim")
        )
        self.refresh_bindings()

    def _recap(self, recap: StudyRecap, now: datetime) -> list[RenderableType]:
        """By topic, how sure, then the cards missed (a card's text wraps under itself,
        its note dimmed under it), as `study --plain` ends (`present.study`)."""
        parts: list[RenderableType] = []
        # "1 of 3" and "80 %" kept whole where the lines wrap (Rich breaks no-break spaces).
        if by_topics := topics_line(recap):
            parts.append(KeepUnits(Text(by_topics)))
        confidence = confidence_summary(self.session.attempt)
        if confidence is not None:
            parts.append(KeepUnits(Text(confidence_line(confidence))))
        heading, missed = missed_lines(recap, now, study_noun(self.app.deck))
        if heading:  # a blank line above it, where a line comes before it
            parts.append(Text(f"\n{heading}" if parts else heading, style="bold"))
        for card, note, name in missed:
            text = Text(card)
            text.stylize("bold", 0, len(name))  # the card's name set apart from its text
            parts.append(Padding(text, (0, 0, 0, 2)))
            if note:
                parts.append(Padding(Text(note, style="dim"), (0, 0, 0, 4)))
        if parts:
            parts.append(Text(""))
        return parts

    # -- actions ----------------------------------------------------------------------
    def action_answer(self, index: int) -> None:
        if self._feedback is not None or self._done:
            return
        try:
            self._feedback = self.session.answer(index)
        except SessionError as error:
            self.app.notify(f"{error}.", severity="error")
            return
        self._marked = None
        self.show_card()

    def action_mark(self, level: str) -> None:
        if self._feedback is None or self._done:
            return
        confidence = Confidence(level)
        self.session.mark_confidence(confidence)
        self._marked = confidence
        self._again = self.session.ask_again_if_confident_error()
        self.post_message(Marked(self.session.current, confidence))
        self.show_card()

    def action_home(self) -> None:
        self.app.go_home()

    def action_next(self) -> None:
        if self._feedback is None:
            return
        self._feedback = None
        self._marked = None
        if self.session.next():
            self.show_card()
        else:
            self._finish()

    def action_leave(self) -> None:
        self._finish()
        if self.session.report is None or not self.session.report.answered:
            self.app.go_home()

    def _finish(self) -> None:
        session = self.session
        if not session.finished:
            session.submit()
        if not session.answered_count() and session.attempt.id is not None:
            self.app.history.delete_attempt(session.attempt.id)
        self._done = True
        self.show_done()
