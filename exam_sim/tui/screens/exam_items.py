"""The exam screen's controls for items that are not single answers, and strike-out.

How each kind is answered, with the keyboard alone or the mouse (docs/tui.md):

- multiple response: a letter, Enter or a click toggles an option; the line above the
  options says "1 of 2 chosen";
- ordering: a letter, Enter or a click places that step next (1, 2, 3…); placing a step
  already placed takes it and the steps after it back out;
- matching: the prompt marked ▶ gets the response a letter, Enter or a click names, and
  the mark moves to the next prompt without one; [ and ] or a click on a prompt move the
  mark (the prompts are `widgets.prompts.PromptList` lines);
- every kind: - strikes the highlighted option out of view (dimmed, struck through) and
  brings it back.

Every change goes to the session at once (`ExamSession.respond`, `strike`), which saves it.
The rules (what a response is, when it is whole) are the core's (`exam.items`); this module
only turns keys into responses and draws them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text
from textual.content import Content
from textual.widgets import OptionList, Static

from exam_sim.exam import SessionError
from exam_sim.exam.items import complete
from exam_sim.models import ItemKind, Question
from exam_sim.present import chosen_count, letter, response_text
from exam_sim.tui.widgets.prompts import PromptList
from exam_sim.tui.widgets.text import prompt_label

if TYPE_CHECKING:
    from exam_sim.exam import ExamSession, Feedback
    from exam_sim.tui.screens.exam import ExamScreen


class ItemControls:
    """The exam screen's controls for items; the screen delegates its item keys here."""

    def __init__(self, screen: ExamScreen) -> None:
        self.screen = screen
        self.prompt = 0  # the matching prompt that the next response goes to
        self._position = -1  # the question `prompt` belongs to

    @property
    def same_question(self) -> bool:
        """Is the question on screen the one drawn last (an option picked or struck)?"""
        return self._position == self.session.current

    @property
    def session(self) -> ExamSession:
        return self.screen.session

    @property
    def _feedback(self) -> Feedback | None:
        return self.screen.feedback

    # -- drawing ------------------------------------------------------------------------
    def option_marker(self, index: int) -> str:
        """The mark before option `index`: ○ ● for one answer, ☐ ☑ for several, the place
        of an ordering step, the prompts a response is matched to; ✓ ✗ once marked."""
        question, state = self.session.question, self.session.answer_state
        locked = self._feedback is not None
        if question.kind is ItemKind.SINGLE:
            if locked and index == question.answer:
                return "✓"
            if locked and index == state.choice:
                return "✗"
            return "●" if state.choice == index else "○"
        given = list(state.response or ())
        if question.kind is ItemKind.MULTIPLE:
            if locked:
                return "✓" if index in question.keys else ("✗" if index in given else " ")
            return "☑" if index in given else "☐"
        if question.kind is ItemKind.ORDERING:
            return str(given.index(index) + 1) if index in given else "·"
        return "".join(str(p + 1) for p, r in enumerate(given) if r == index)[:3] or "·"

    def option_text(self, index: int, text: str) -> Text:
        struck = index in self.session.answer_state.struck
        return Text(text, style="dim strike" if struck else "")

    def render_item(self) -> None:
        """The scenario pane and the line between the stem and the options."""
        question, state = self.session.question, self.session.answer_state
        if self._position != self.session.current:
            self._position = self.session.current
            self.reset()
        scenario = self.screen.query_one("#scenario", Static)
        self.screen.query_one("#scenario-pane").display = bool(question.scenario)
        if question.scenario:
            title = question.case_title or "Case study"
            scenario.update(Content.assemble((f"Case study: {title}\n\n", "bold"),
                                             question.scenario))  # fmt: skip
        status = self.screen.query_one("#item-status", Static)
        status.display = question.kind is not ItemKind.SINGLE
        prompts = self.screen.query_one("#match-prompts", PromptList)
        # Once a drill's feedback shows, it lists each prompt with its match: as the
        # options are, the prompts are hidden rather than said twice.
        prompts.display = question.kind is ItemKind.MATCHING and self._feedback is None
        status.set_class(question.kind is ItemKind.MATCHING, "-matching")
        if question.kind is ItemKind.SINGLE:
            return
        status.update(self._status_content(question, state.response))
        if question.kind is ItemKind.MATCHING:
            prompts.show(self._prompt_lines(question, state.response))

    def _status_content(self, question: Question, response: tuple[int, ...] | None) -> Content:
        """What is given so far, and how to give the rest (not once the answer is final:
        a drill's feedback is showing)."""
        if question.kind is ItemKind.ORDERING:
            placed = f"{len(response or ())} of {len(question.options)} steps placed"
            order = response_text(question, response) if response else "none yet"
            given = Content.assemble((placed, "bold"), f" · order: {order}")
            how = "\n(pick the steps first to last; pick one again to undo; - strikes one out)"
        else:
            given = Content.styled(chosen_count(question, response), "bold")
            how = (
                "  (a letter, Enter or a click toggles an option; - strikes one out)"
                if question.kind is ItemKind.MULTIPLE
                else "  (a letter matches ▶; [ ] or a click moves ▶)"
            )
        return given if self.session.answer_is_final() else Content.assemble(given, how)

    def _prompt_lines(
        self, question: Question, response: tuple[int, ...] | None
    ) -> list[RenderableType]:
        """ "▶ 1. prompt → B": the mark on the prompt the next response goes to."""
        given = list(response or [-1] * len(question.prompts))
        answers = [letter(n) if n >= 0 else "?" for n in given]
        marked = self.prompt if self._feedback is None else -1
        return [
            prompt_label(number + 1, text, answers[number], current=number == marked)
            for number, text in enumerate(question.prompts)
        ]

    # -- answering ----------------------------------------------------------------------
    def pick(self, index: int) -> None:
        """A letter, Enter or a click on option `index` of a non-single item."""
        question = self.session.question
        given = list(self.session.answer_state.response or ())
        if question.kind is ItemKind.MULTIPLE:
            if index not in given and len(given) >= question.choose:
                self.screen.notify(f"{question.choose} are already chosen: clear one first "
                            "(pick it again).", severity="warning", timeout=4)  # fmt: skip
                return
            response = sorted(set(given) ^ {index})
        elif question.kind is ItemKind.ORDERING:
            response = given[: given.index(index)] if index in given else [*given, index]
        else:
            response = given or [-1] * len(question.prompts)
            response[self.prompt] = index
            unmatched = [p for p, r in enumerate(response) if r < 0]
            if unmatched:
                later = [p for p in unmatched if p > self.prompt]
                self.prompt = (later or unmatched)[0]
        try:
            feedback = self.session.respond(response)
        except SessionError as error:
            self.screen.notify(str(error), severity="error", timeout=4)
            return
        if complete(question, self.session.answer_state.response):
            self.screen.after_answer(feedback)
        else:
            self.screen.show_question()

    def move_prompt(self, delta: int) -> None:
        """[ and ]: the mark to the previous or next prompt."""
        self.choose_prompt(self.prompt + delta)

    def choose_prompt(self, number: int) -> None:
        """The mark to prompt `number` (a click on it; [ ] wrap around)."""
        question = self.session.question
        if question.kind is ItemKind.MATCHING and self._feedback is None:
            self.prompt = number % len(question.prompts)
            self.screen.show_question()

    def strike(self) -> None:
        options = self.screen.query_one("#options", OptionList)
        if self._feedback is not None or options.highlighted is None or self.session.finished:
            return
        self.session.strike(options.highlighted)
        self.screen.show_question()

    def reset(self) -> None:
        """A new question: a matching item starts at its first prompt without a response."""
        given = list(self.session.answer_state.response or ())
        self.prompt = next((p for p, r in enumerate(given) if r < 0), 0)
