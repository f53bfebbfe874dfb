"""Taking an attempt: a timed mock exam (no feedback) or a drill (feedback after each answer)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widgets import OptionList, Static

from exam_sim.exam import ExamSession, Feedback, SessionError, topic_name
from exam_sim.lexicon import capitalised
from exam_sim.models import AttemptMode, Confidence, ItemKind
from exam_sim.present import LETTERS, letter, prompt, resume_command, saved_state
from exam_sim.report import key_text
from exam_sim.tui.base import AppScreen
from exam_sim.tui.screens.exam_items import ItemControls
from exam_sim.tui.screens.exam_messages import Answered, Finished, Flagged, Marked
from exam_sim.tui.widgets.choices import ChoiceList
from exam_sim.tui.widgets.countdown import Countdown
from exam_sim.tui.widgets.explained import explained_item
from exam_sim.tui.widgets.keybar import KeyBar
from exam_sim.tui.widgets.prompts import PromptList
from exam_sim.tui.widgets.text import Hanging, literal
from exam_sim.vocabulary import (
    CONFIDENCE_COMMANDS,
    CONFIDENCE_HINT,
    EXAM_COMMANDS,
    answer_keys,
    confidence_level,
)

MARK_SAID = {
    Confidence.GUESS: "You guessed.",
    Confidence.UNSURE: "You were unsure.",
    Confidence.SURE: "You were sure.",
}
# Minutes left at which the learner is warned, as the real exam console does.
WARNINGS_AT = (10, 5, 1)


def _answer_bindings() -> list[Binding]:
    """a–e and 1–6: the keys of `exam_sim.vocabulary`, which `--plain` reads too."""
    return [
        Binding(
            ",".join(answer_keys(index)),
            f"answer({index})",
            f"Answer {upper}",
            show=False,
            id=f"exam.answer_{upper.lower()}",
            tooltip=f"Choose option {upper}",
        )
        for index, upper in enumerate(LETTERS)
    ]


def _command_bindings() -> list[Binding]:
    """n next, p prev, f flag, g go to, x clear, - strike, s submit, Esc pause: the
    vocabulary's."""
    return [
        Binding(
            ",".join(command.keys),
            command.action,
            command.label,
            show=command.in_key_bar,
            id=f"exam.{command.action}",
            tooltip=capitalised(command.help),
        )
        for command in EXAM_COMMANDS
    ] + [
        # Shown on the question itself (the marking line), not in the key bar.
        Binding(command.keys[0], f"mark('{confidence_level(command)}')", command.label,
                show=False, id=f"exam.{command.action}", tooltip=capitalised(command.help))
        for command in CONFIDENCE_COMMANDS
    ]  # fmt: skip


class TextBlock(Static):
    """A Static whose height follows its text, inside a scrolling area but never
    scrolling itself: the stem. When its height changes, Textual sets its virtual size
    with a second layout of the whole screen, one frame later, although the layout that
    resized it has already drawn it at its new size; that virtual size is only used to
    scroll, so it is set without the second layout."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class ExamScreen(AppScreen[None]):
    BINDINGS = [
        *_answer_bindings(),
        *_command_bindings(),
        Binding("enter", "next", show=False, id="exam.continue",
                tooltip="After a drill's feedback: the next question"),
        Binding("left_square_bracket", "prompt(-1)", "Prompt", show=False,
                id="exam.prompt_prev", tooltip="Matching: the previous prompt"),
        Binding("right_square_bracket", "prompt(1)", "Prompt", show=False,
                id="exam.prompt_next", tooltip="Matching: the next prompt"),
    ]  # fmt: skip
    # Keys the widgets handle, said in help (tui/keys.py reads this).
    HELP_NOTES = (
        "↑ ↓ move the ▸ pointer over the options (it starts on your answer, else on A); "
        "Enter chooses the option under it.",
        "Several answers, ordering, matching: a letter, Enter or a click toggles, places or "
        "matches an option; [ ] or a click on a prompt choose the matching prompt; - strikes "
        "the option under the pointer out of view, or back in.",
        "After a drill answer the options give way to the feedback: ↑ ↓ PgUp PgDn Home End "
        "scroll the question and the feedback (no Tab needed); n, → or Enter go on.",
        "Answering the last question of a mock opens the review page: every question, "
        "answered, unanswered or flagged; go to any, or submit from there.",
        f"With confidence marking, each answer is followed by {CONFIDENCE_HINT} (Enter or n "
        "skips); a drill shows its feedback after the mark, a mock moves on, and in a mock "
        "7 8 9 mark an answered question again.",
    )

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session
        self._warned: set[int] = set()
        # A drill shows feedback for the question just answered until the learner moves on.
        self._feedback: Feedback | None = None
        # A drill's feedback, held while the answer's confidence is asked (shown after);
        # a resumed drill may open on such an answer.
        self._held: Feedback | None = None
        # Feedback shown again on a question answered before (`_revisit`), not just given.
        self._revisited = False
        if session.awaiting_mark is not None and session.gives_feedback:
            self._held = session.feedback_for(session.awaiting_mark)
        else:
            self._revisit()
        self.items = ItemControls(self)
        self._shown: dict[str, str | Content] = {}  # what `_update` last put in each Static
        left = session.time_left()
        if left is not None:
            # Resuming with little time left warns once, not three times.
            self._warned = {m for m in WARNINGS_AT if left <= m * 60}

    @property
    def feedback(self) -> Feedback | None:
        """The drill feedback showing for the current question, if any."""
        return self._feedback

    def compose(self) -> ComposeResult:
        with Horizontal(id="exam-bar"):
            yield Static(id="position")
            yield Static(id="progress")
            yield Countdown(id="clock")
        with Horizontal(id="exam-body"):
            with VerticalScroll(id="scenario-pane"):
                yield Static(id="scenario")  # a case study's scenario, beside its items
            with VerticalScroll(id="question-area"):
                yield Static(self._about(), id="about-attempt")
                yield Static(id="topic", classes="dim")
                yield TextBlock(id="stem")
                yield Static(id="item-status")
                yield PromptList(id="match-prompts")  # a matching item's prompts
                yield ChoiceList(id="options")
                yield Static(id="confidence-line")
                with Vertical(id="feedback"):
                    yield Static(id="feedback-verdict")
                    yield Static(id="feedback-body")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.session.attempt.mode.label
        self.show_question()
        # Four times a second: the displayed second (and the saved clock) is never more
        # than a quarter of a second late.
        self.set_interval(0.25, self.tick)

    def _about(self) -> RenderableType:
        """What the report will say at the end, said up front (a domain short of cards,
        cards asked twice): on the screen, above the question, until the first answer;
        each note wraps under its own text, not under its bullet."""
        notes = self.session.attempt.notes
        if not notes:
            return ""
        mock = self.session.attempt.mode is AttemptMode.MOCK
        title = Text("About this exam" if mock else "About this drill", style="bold")
        return Group(title, *(Hanging(Text("•"), Text(note), mark_width=1) for note in notes))

    # -- rendering ------------------------------------------------------------------
    def show_question(self) -> None:
        """Draw the current question: the bar, the task line, the stem, then either the
        options (answering) or the feedback (a drill question just answered)."""
        session = self.session
        question = session.question
        state = session.answer_state
        about = self.query_one("#about-attempt", Static)
        shown = bool(session.attempt.notes) and not session.answered_count()
        if about.display != shown:  # setting it lays the screen out again, even unchanged
            about.display = shown
        flag = "  ⚑ flagged" if state.flagged else ""
        self._update(
            "#position",
            f"{session.attempt.mode.label} · "
            f"Question {session.current + 1} of {session.total}{flag}",
        )
        topic = topic_name(question.topic, self.session.topic_names) if question.topic else ""
        asks = prompt(question)
        self._update(
            "#topic",
            Content.assemble(Content(topic), Content(" · " if topic and asks else ""), asks),
        )
        self._update("#stem", literal(question.stem))
        same_question = self.items.same_question
        self.items.render_item()
        self._render_options(same_question)
        self._render_confidence()
        self.refresh_bindings()
        self._render_feedback()
        self._render_progress()
        area = self.query_one("#question-area", VerticalScroll)
        if self._feedback is None and (area.scroll_y or area.scroll_target_y):
            # A new question always starts at its top, the stem first (already there: no
            # second refresh for nothing).
            self.call_after_refresh(area.scroll_home, animate=False)

    def _update(self, selector: str, content: str | Content) -> None:
        """Static.update, unless the widget shows this already: an update lays the whole
        screen out again, and the next question often keeps the topic line, the progress
        line (a tick four times a second) or the stem (a card asked both ways)."""
        if self._shown.get(selector) == content:
            return
        self._shown[selector] = content
        self.query_one(selector, Static).update(content)

    def _render_options(self, same_question: bool) -> None:
        """The options with their marks (ItemControls: ○ ●, ☐ ☑, places, prompts; struck
        ones dimmed), the ▸ pointer kept where it was on the same question, else on the
        answer given, else on A."""
        question, state = self.session.question, self.session.answer_state
        choices = self.query_one("#options", ChoiceList)
        choices.display = self._feedback is None
        if self._feedback is not None:
            # The feedback lists every option again, marked and explained: the list would
            # only push it (and at 80×24 the verdict) off the screen.
            self.query_one("#question-area", VerticalScroll).focus()
            return
        count = len(question.options)
        marks = [self.items.option_marker(index) for index in range(count)]
        texts = [self.items.option_text(index, text) for index, text in enumerate(question.options)]
        kept = choices.pointer
        # An item's option picked, an option struck: the pointer stays where it was; a
        # single answer given by its letter brings the pointer to it.
        stays = question.kind is not ItemKind.SINGLE or state.choice is None
        if stays and same_question and kept is not None and kept < count:
            pointer = kept
        elif state.choice is not None and 0 <= state.choice < count:
            pointer = state.choice
        else:
            pointer = 0
        choices.show(texts, marks, pointer=pointer)
        # Not scrolled into view whole: options longer than the screen (80×24) pushed the
        # stem off the top of a question's first frame. The list keeps its pointer in view.
        choices.focus(scroll_visible=False)

    def _render_confidence(self) -> None:
        """The marking line: the question asked after an answer, or the mark given."""
        line = self.query_one("#confidence-line", Static)
        session = self.session
        asking = session.awaiting_mark == session.current
        line.display = session.can_mark() or (
            session.asks_confidence
            and session.answer_state.confidence is not None
            and self._feedback is None
        )
        if not line.display:
            return
        marked = session.answer_state.confidence
        if asking:
            text = Text(f"How sure are you?  {CONFIDENCE_HINT}", style="bold")
            text.append("  · Enter: skip", style="dim")
        else:
            text = Text(f"Marked: {marked.label}" if marked else "Not marked", style="bold")
            if session.can_mark():
                text.append(f"  · {CONFIDENCE_HINT} to change it", style="dim")
        line.set_class(asking, "-asking")
        line.update(text)
        if asking:  # below long options at 80×24: brought into view, after the scroll home
            self.call_after_refresh(line.scroll_visible, animate=False)

    def _render_feedback(self) -> None:
        panel = self.query_one("#feedback", Vertical)
        feedback = self._feedback
        panel.display = feedback is not None
        if feedback is None:
            return
        question = self.session.question
        key = letter(feedback.answer) if question.kind is ItemKind.SINGLE else key_text(question)
        verdict = "✓ Correct." if feedback.correct else f"✗ Not quite: the answer is {key}."
        marked = self.session.answer_state.confidence
        if marked is not None:
            verdict += f" {MARK_SAID[marked]}"
            if self.session.comes_back(self.session.current):
                verdict += " It comes back at the end."
        self.query_one("#feedback-verdict", Static).update(verdict)
        body = explained_item(question, self.session.answer_state)
        hint = Text("n, → or Enter: next question · ↑ ↓ PgUp PgDn Home End scroll", style="dim")
        self.query_one("#feedback-body", Static).update(Group(body, Text(""), hint))
        panel.set_class(feedback.correct, "-correct")
        panel.set_class(not feedback.correct, "-wrong")

    def _render_progress(self) -> None:
        session = self.session
        flagged = len(session.flagged())
        if session.gives_feedback:
            # In a drill every answer is scored at once: the score says how many are answered.
            right, answered = session.running_score()
            text = f"score {right}/{answered}"
            text += f" · {flagged} flagged" if flagged else ""
        else:
            text = f"{session.answered_count()} answered · {flagged} flagged"
        self._update("#progress", text)
        self.query_one(Countdown).show(session.time_left(), session.elapsed)

    # -- the clock ------------------------------------------------------------------
    def tick(self) -> None:
        """Called every second (tests call it after moving a fake clock)."""
        if self.session.finished:
            return
        if self.session.tick():
            self._finish(timed_out=True)
            return
        left = self.session.time_left()
        if left is not None:
            for minutes in WARNINGS_AT:
                if left <= minutes * 60 and minutes not in self._warned:
                    self._warned.update(m for m in WARNINGS_AT if m >= minutes)
                    unit = "minute" if minutes == 1 else "minutes"
                    self.notify(
                        f"{minutes} {unit} left.",
                        title="Time",
                        severity="warning",
                        timeout=10,
                    )
                    break
        self._render_progress()

    # -- actions --------------------------------------------------------------------
    def _guard(self) -> bool:
        """True when the attempt can still be changed; ends it if time ran out."""
        if self.session.finished:
            return False
        if self.session.tick():
            self._finish(timed_out=True)
            return False
        return True

    def action_answer(self, index: int) -> None:
        if not self._guard() or index >= len(self.session.question.options):
            return
        if self._feedback is not None:
            return  # a drill question already answered: its feedback is showing
        if self.session.question.kind is not ItemKind.SINGLE:
            self.items.pick(index)
            return
        position = self.session.current
        try:
            feedback = self.session.answer(index)
        except SessionError as error:
            self.notify(str(error), severity="error")
            return
        self.post_message(Answered(position, index, feedback))
        self.after_answer(feedback)

    def after_answer(self, feedback: Feedback | None) -> None:
        """After a whole answer: how sure it was (when the session asks; a drill's feedback
        waits for it), the drill's feedback, else the next question."""
        if self.session.awaiting_mark is not None:
            self._held = feedback
            self.show_question()
            return
        self._held = None
        if feedback is not None:
            self._feedback, self._revisited = feedback, False
            self.show_question()
            area = self.query_one("#question-area", VerticalScroll)
            self.call_after_refresh(area.scroll_home, animate=False)
        elif self.session.current + 1 < self.session.total:
            self.session.next()
            self.show_question()
        else:
            # The last question: the answer shows (pointer on it), then the review page.
            self.show_question()
            self.action_navigator(review=True)

    @on(OptionList.OptionSelected, "#options")
    def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        session = self.session
        # Enter on the answer just given, while its confidence is asked, skips the mark.
        skips = session.awaiting_mark is not None and (
            session.question.kind is not ItemKind.SINGLE
            or event.option_index == session.answer_state.choice
        )
        if self._feedback is not None or skips:
            self.action_next()
        else:
            self.action_answer(event.option_index)

    @on(PromptList.Chosen)
    def _prompt_chosen(self, event: PromptList.Chosen) -> None:
        event.stop()
        if self._guard():
            self.items.choose_prompt(event.index)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "prompt":  # only a matching item has prompts to move between
            return self.session.question.kind is ItemKind.MATCHING
        if action == "mark":  # the core says when (exam.session.mark_refusal)
            return self.session.can_mark()
        if action == "clear":  # a drill's answer is final once its feedback showed the key
            return not self.session.answer_is_final()
        return True

    def action_mark(self, level: str) -> None:
        """7 8 9: how sure the answer was; then the drill's feedback or the next question."""
        if not self._guard():
            return
        asked = self.session.awaiting_mark is not None
        position = self.session.awaiting_mark if asked else self.session.current
        try:
            again = self.session.mark(Confidence(level))
        except SessionError as error:
            self.notify(str(error), severity="error")
            return
        # A confident error's feedback says it comes back at the end (`comes_back`).
        self.post_message(Marked(position or 0, Confidence(level), again))
        if asked:
            self.after_answer(self._held)
        else:
            self.show_question()

    def _skip_mark(self) -> None:
        """Enter, n or →, while an answer's confidence is asked: unmarked, then on."""
        position = self.session.awaiting_mark
        self.session.mark(None)
        self.post_message(Marked(position or 0, None, again=False))
        self.after_answer(self._held)

    def action_strike(self) -> None:
        self.items.strike()

    def action_prompt(self, delta: int) -> None:
        self.items.move_prompt(delta)

    def action_clear(self) -> None:
        if self._guard() and self._feedback is None:
            self.session.clear()
            self.show_question()

    def action_flag(self) -> None:
        if not self._guard():
            return
        flagged = self.session.toggle_flag()
        self.post_message(Flagged(self.session.current, flagged))
        self.show_question()

    def action_next(self) -> None:
        if self.session.finished:
            return
        if self.session.awaiting_mark is not None:
            self._skip_mark()
            return
        if self._feedback is not None and not self._revisited:  # a drill's answer just given
            if not self.session.unanswered():
                self._finish(timed_out=False)  # the last one to answer: show the results
                return
            if self.session.current + 1 >= self.session.total:
                # Some were skipped: the review page says which, as `--plain` does, and
                # submits only when asked (a skipped question would count as wrong).
                self.action_navigator(review=True)
                return
        if self.session.next():
            self._revisit()
            self.show_question()
        else:
            self.show_question()
            self.action_navigator(review=True)

    def action_prev(self) -> None:
        if self.session.prev():
            self._revisit()
            self.show_question()

    def go_to(self, position: int) -> None:
        self.session.go(position)
        self._revisit()
        self.show_question()

    def _revisit(self) -> None:
        """On arriving at a question: a drill question answered before shows its feedback
        again instead of its options (its answer is final: `answer_is_final`)."""
        session = self.session
        self._held = None
        final = session.answer_is_final()
        self._feedback = session.feedback_for(session.current) if final else None
        self._revisited = final

    def action_navigator(self, review: bool = False) -> None:
        """Every question at a glance; `review`: the end-of-exam page, with Submit."""
        from exam_sim.tui.screens.navigator import SUBMIT, NavigatorScreen

        def chosen(choice: int | str | None) -> None:
            if choice == SUBMIT:
                self.action_submit()
            elif isinstance(choice, int):
                self.go_to(choice)

        if self.session.finished:
            return
        self.app.push_screen(NavigatorScreen(self.session, review=review), chosen)

    def action_submit(self) -> None:
        if not self._guard():
            return
        from exam_sim.tui.screens.confirm import ConfirmScreen, submit_question

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._finish(timed_out=False)

        self.app.push_screen(ConfirmScreen(*submit_question(self.session)), confirmed)

    def action_leave(self) -> None:
        """Esc: ask, then pause; the toast says how to come back."""
        if self.session.finished:
            self.app.go_home()
            return
        from exam_sim.tui.screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.pause()
                self.app.go_home()

        what = self.session.attempt.mode.label.lower()
        self.app.push_screen(
            ConfirmScreen(
                f"Pause this {what}?",
                f"{self.paused_sentence()}\nThe clock stops until you resume.",
                yes="Pause (Y)",
                no="Carry on (N)",
            ),
            confirmed,
        )

    def paused_sentence(self, *, home: bool = True) -> str:
        """ "Attempt 12 is saved (11 of 65 answered, 2:41:10 left). Resume it with R on
        Home, or with: exam-sim resume 12" (the command last, as --plain says it: no full
        stop to copy with it)."""
        session = self.session
        state = saved_state(session.answered_count(), session.total, session.time_left())
        attempt_id = session.attempt.id
        if attempt_id is None:
            return f"Saved ({state})."
        return (
            f"Attempt {attempt_id} is saved ({state}). "
            f"Resume it with{' R on Home, or with' if home else ''}: {resume_command(attempt_id)}"
        )

    def pause(self) -> None:
        """Save the clock and leave the attempt resumable (Esc, or quitting the app)."""
        if self.session.finished:
            return
        self.session.close()
        self.notify(
            self.paused_sentence(),
            title=f"{self.session.attempt.mode.label} paused",
            timeout=10,
        )

    def _finish(self, *, timed_out: bool) -> None:
        report = self.session.submit(timed_out=timed_out)
        self.post_message(Finished(report, timed_out))
        if timed_out:
            self.notify("Time is up: the exam was submitted.", severity="warning", timeout=10)
        self.app.show_results(self.session)
