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

from rich.text import Text
from textual.widgets import OptionList, Static

from exam_sim.exam import SessionError
from exam_sim.exam.items import complete, first_unmatched, pick_option
from exam_sim.models import ItemKind
from exam_sim.present import option_marker
from exam_sim.tui.widgets.item_lines import item_status, prompt_lines, scenario_content
from exam_sim.tui.widgets.prompts import PromptList

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
        """The mark before option `index` (`present.option_marker`); ✓ ✗ once marked."""
        session = self.session
        return option_marker(
            session.question, session.answer_state, index, locked=self._feedback is not None
        )

    def option_text(self, index: int, text: str) -> Text:
        struck = index in self.session.answer_state.struck
        return Text(text, style="dim strike" if struck else "")

    def render_item(self) -> None:
        """The scenario pane and the line between the stem and the options."""
        question, state = self.session.question, self.session.answer_state
        if self._position != self.session.current:
            self._position = self.session.current
            self.reset()
        self.screen.query_one("#scenario-pane").display = bool(question.scenario)
        if question.scenario:
            self.screen.query_one("#scenario", Static).update(scenario_content(question))
        status = self.screen.query_one("#item-status", Static)
        status.display = question.kind is not ItemKind.SINGLE
        prompts = self.screen.query_one("#match-prompts", PromptList)
        # Once a drill's feedback shows, it lists each prompt with its match: as the
        # options are, the prompts are hidden rather than said twice.
        prompts.display = question.kind is ItemKind.MATCHING and self._feedback is None
        status.set_class(question.kind is ItemKind.MATCHING, "-matching")
        if question.kind is ItemKind.SINGLE:
            return
        status.update(item_status(question, state.response, final=self.session.answer_is_final()))
        if question.kind is ItemKind.MATCHING:
            marked = self.prompt if self._feedback is None else -1
            prompts.show(prompt_lines(question, state.response, marked))

    # -- answering ----------------------------------------------------------------------
    def pick(self, index: int) -> None:
        """A letter, Enter or a click on option `index` of a non-single item
        (`exam.items.pick_option`)."""
        question = self.session.question
        picked = pick_option(question, self.session.answer_state.response, index, self.prompt)
        if picked.response is None:
            self.screen.notify(picked.refusal, severity="warning", timeout=4)
            return
        self.prompt = picked.prompt
        try:
            feedback = self.session.respond(picked.response)
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
        self.prompt = first_unmatched(self.session.answer_state.response)
