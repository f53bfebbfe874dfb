"""Study: the cards the spaced-repetition schedule says are due, one at a time, with
feedback after each answer and a confidence mark (7 guess · 8 unsure · 9 sure) after that.

The options are the exam screen's list (`widgets.choices.ChoiceList`): a letter answers, and
so do ↑ ↓ and Enter, or a click. A deck's written questions are studied too, of every
kind, answered as in the exam: a pick toggles a multiple response's option, places an
ordering's next step (again: takes it back out), or matches the prompt marked ▶ ([ and ]
or a click on a prompt move the mark). The answer is final, and its feedback shows, once
it is whole.

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
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Header, OptionList, Static

from exam_sim.exam import ExamSession, Feedback, SessionError, coach, topic_name
from exam_sim.exam.coach import study_summary
from exam_sim.exam.insights import confidence_summary
from exam_sim.exam.items import complete, first_unmatched, pick_option
from exam_sim.exam.recap import StudyRecap, study_recap
from exam_sim.lexicon import capitalised
from exam_sim.models import Confidence, ItemKind
from exam_sim.present import LETTERS, confidence_line, letter, option_marker, prompt
from exam_sim.present.study import (
    due_line,
    missed_lines,
    studied_line,
    topics_line,
)
from exam_sim.report import key_text
from exam_sim.schedule.units import study_noun
from exam_sim.tui.base import AppScreen
from exam_sim.tui.widgets.choices import ChoiceList
from exam_sim.tui.widgets.explained import explained_item
from exam_sim.tui.widgets.item_lines import item_status, prompt_lines, scenario_content
from exam_sim.tui.widgets.keybar import KeyBar
from exam_sim.tui.widgets.prompts import PromptList
from exam_sim.tui.widgets.text import explained_options, literal
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
                    tooltip=capitalised(command.help))
            for command in CONFIDENCE_COMMANDS
            if (level := confidence_level(command))
        ),
        Binding("left_square_bracket", "prompt(-1)", "Prompt", show=False,
                id="study.prompt_prev", tooltip="Matching: the previous prompt"),
        Binding("right_square_bracket", "prompt(1)", "Prompt", show=False,
                id="study.prompt_next", tooltip="Matching: the next prompt"),
        Binding("n,enter,right", "next", "Next", id="study.next", tooltip="The next question"),
        Binding("escape", "leave", "Stop", id="study.leave",
                tooltip="Stop here: what you answered is scheduled"),
        # Once the session is over the same keys go Home (check_action picks which).
        Binding("escape,enter,h", "home", "Home", id="study.home", tooltip="Back to Home"),
    ]  # fmt: skip


class StudyScreen(AppScreen[None]):
    DEFAULT_CSS = """
    StudyScreen #study-row { height: 1fr; }
    StudyScreen #study { padding: 0 2; }
    StudyScreen #study-progress { color: $text-muted; }
    StudyScreen #study-prompt { margin-top: 1; }
    StudyScreen #study-stem { margin: 1 0; }
    StudyScreen #study-status { margin-bottom: 1; }
    StudyScreen #study-prompts { height: auto; margin-bottom: 1; }
    StudyScreen #study-prompts > .prompt-line:hover { background: $boost; }
    StudyScreen #study-confidence { margin-bottom: 1; }
    /* As the exam's: the whole list, no inner scroll box; the study area scrolls. */
    StudyScreen #study-options {
        height: auto; max-height: 1000; overflow-y: hidden; border: none; padding: 0;
        background: transparent;
    }
    StudyScreen #study-options > .option-list--option { padding: 0 1; }
    """
    BINDINGS = _bindings()

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session
        self._feedback: Feedback | None = None
        self._marked: Confidence | None = None
        self._again = False  # the card just marked comes back at the end of the session
        self._done = False
        self._prompt = 0  # a matching item's prompt that the next response goes to
        self._position = -1  # the question `_prompt` belongs to

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="study-row"):
            # A case study's scenario beside its item, as the exam screen shows it (the
            # app's stylesheet lays out #scenario-pane for both): above the stem it pushed
            # the options below the fold at 80×24.
            with VerticalScroll(id="scenario-pane"):
                yield Static(id="scenario")
            yield from self._question_area()
        yield KeyBar()

    def _question_area(self) -> ComposeResult:
        with VerticalScroll(id="study"):
            yield Static(id="study-progress", markup=False)  # topic names are deck text
            yield Static(id="study-prompt")  # what the options are: terms, definitions…
            yield Static(id="study-stem")
            yield Static(id="study-status")  # an item's: "1 of 2 chosen", how to go on
            yield PromptList(id="study-prompts")  # a matching item's prompts
            # The prompt sits above the options: long feedback never pushes it off screen.
            yield Static(id="study-confidence")
            yield ChoiceList(id="study-options")
            yield Static(id="study-body")  # the feedback, then the session's end

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
        if action == "prompt":
            return self._feedback is None and self.session.question.kind is ItemKind.MATCHING
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
        same_question = self._position == session.current  # an item's option picked
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
        self._show_item()
        feedback = self._feedback
        single = question.kind is ItemKind.SINGLE
        choices = self.query_one("#study-options", ChoiceList)
        body = self.query_one("#study-body", Static)
        choices.display = feedback is None
        body.display = feedback is not None
        if feedback is None:
            self._show_options(same_question)
            # An item's status line says how to answer it already.
            how = "Type the letter of your answer, or ↑ ↓ and Enter." if single else ""
            confidence = Text(how, style="dim")
        else:
            key = letter(feedback.answer) if single else key_text(question)
            verdict = Text(
                "✓ Correct." if feedback.correct else f"✗ Not quite: the answer is {key}.",
                style="bold green" if feedback.correct else "bold red",
            )
            explained = (
                explained_options(
                    question.options, feedback.explanations,
                    key=feedback.answer, chosen=feedback.chosen, stem=question.stem,
                )
                if single
                else explained_item(question, state)
            )  # fmt: skip
            body.update(Group(verdict, explained))
            # The list is hidden: the keys scroll the question and its feedback.
            self.query_one("#study", VerticalScroll).focus()
            if self._marked is None:
                confidence = Text(f"How sure were you?  {CONFIDENCE_HINT}")
            else:
                confidence = Text(f"Marked: {self._marked.label}. ")
                if self._again:
                    confidence.append("Sure and wrong: it comes back at the end. ", style="bold")
            confidence.append("  " + f"Enter: next {noun}".replace(" ", "\u00a0"), style="dim")
        line = self.query_one("#study-confidence", Static)
        line.update(confidence)
        line.display = bool(confidence)
        self.refresh_bindings()

    def _show_options(self, same_question: bool) -> None:
        """The options with their marks (`present.option_marker`), the ▸ pointer kept
        where it was while an item is answered, else on A."""
        session = self.session
        question, state = session.question, session.answer_state
        choices = self.query_one("#study-options", ChoiceList)
        count = len(question.options)
        marks = [option_marker(question, state, i, locked=False) for i in range(count)]
        kept = choices.pointer
        pointer = kept if same_question and kept is not None and kept < count else 0
        choices.show(question.options, marks, pointer=pointer)
        choices.focus(scroll_visible=False)

    def _show_item(self) -> None:
        """A case study's scenario beside the question; an item's status line and a
        matching item's prompts above its options (hidden for a single answer)."""
        session = self.session
        question, state = session.question, session.answer_state
        if self._position != session.current:  # a new question: its first prompt unmatched
            self._position = session.current
            self._prompt = first_unmatched(state.response)
        self.query_one("#scenario-pane").display = bool(question.scenario)
        if question.scenario:
            self.query_one("#scenario", Static).update(scenario_content(question))
        status = self.query_one("#study-status", Static)
        # Once the feedback shows, its verdict says what was given.
        status.display = question.kind is not ItemKind.SINGLE and self._feedback is None
        if status.display:
            status.update(item_status(question, state.response, final=False, strike=False))
        prompts = self.query_one("#study-prompts", PromptList)
        # Once the feedback shows, it lists each prompt with its match.
        prompts.display = question.kind is ItemKind.MATCHING and self._feedback is None
        if prompts.display:
            prompts.show(prompt_lines(question, state.response, self._prompt))

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
        for shown in ("#scenario-pane", "#study-status", "#study-prompts", "#study-options"):
            self.query_one(shown).display = False
        self.query_one("#study-body", Static).display = True
        self.query_one("#study", VerticalScroll).focus()
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
        closing = self.query_one("#study-confidence", Static)
        closing.update(Text("Enter or Escape: back to Home", style="dim"))
        closing.display = True
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
        session = self.session
        question = session.question
        try:
            if question.kind is ItemKind.SINGLE:
                feedback = session.answer(index)
            else:  # an item's pick (`exam.items.pick_option`): feedback once it is whole
                picked = pick_option(question, session.answer_state.response, index, self._prompt)
                if picked.response is None:
                    self.app.notify(picked.refusal, severity="warning", timeout=4)
                    return
                self._prompt = picked.prompt
                feedback = session.respond(picked.response)
                if not complete(question, session.answer_state.response):
                    self.show_card()
                    return
        except SessionError as error:
            self.app.notify(f"{error}.", severity="error")
            return
        self._feedback = feedback
        self._marked = None
        self.show_card()

    @on(OptionList.OptionSelected, "#study-options")
    def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on the pointer's option, or a click on one: that option picked."""
        event.stop()
        self.action_answer(event.option_index)

    @on(PromptList.Chosen)
    def _prompt_chosen(self, event: PromptList.Chosen) -> None:
        """A click on a matching item's prompt: the mark goes there."""
        event.stop()
        question = self.session.question
        if question.kind is ItemKind.MATCHING and self._feedback is None:
            self._prompt = event.index
            self.show_card()

    def action_prompt(self, delta: int) -> None:
        """[ and ]: a matching item's mark to the previous or next prompt (wrapping)."""
        question = self.session.question
        if question.kind is ItemKind.MATCHING and self._feedback is None:
            self._prompt = (self._prompt + delta) % len(question.prompts)
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
        # The next question (or the session's end) starts at its top: a long one (a case
        # study's) scrolled to its options left the next one's first lines out of view.
        # After the refresh: the list brings its pointer into view as it is drawn.
        area = self.query_one("#study", VerticalScroll)
        self.call_after_refresh(area.scroll_home, animate=False)

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
