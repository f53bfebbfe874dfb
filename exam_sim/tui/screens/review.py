"""Review an attempt: each question, the learner's answer, the key, and why each option is
right or wrong (its own card's definition)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from exam_sim.exam import topic_name
from exam_sim.models import Answer, Attempt, Question
from exam_sim.present import duration, item_instruction, prompt
from exam_sim.tui.base import AppScreen
from exam_sim.tui.widgets.explained import explained_item
from exam_sim.tui.widgets.keybar import KeyBar

FILTERS = {"all": "all questions", "wrong": "wrong or unanswered", "flagged": "flagged"}


def positions_for(attempt: Attempt, show: str) -> list[int]:
    pairs = zip(attempt.questions, attempt.answers, strict=True)
    if show == "wrong":
        return [a.position for q, a in pairs if not a.is_correct(q)]
    if show == "flagged":
        return [a.position for _, a in pairs if a.flagged]
    return list(range(len(attempt.questions)))


def review_body(question: Question, answer: Answer) -> RenderableType:
    """What was asked (the task, a case study's scenario, the stem and what an item asks
    to do), then every option, step or match marked ✓ / ✗ against the learner's answer
    with its own explanation: why each wrong option is wrong (`explained_item`, as a
    drill's feedback shows it), the item's rationale and its references."""
    task = prompt(question)  # as it was asked, above the stem
    head: list[RenderableType] = [Text(task, style="dim")] if task else []
    if question.scenario:
        title = f"Case study: {question.case_title}" if question.case_title else "Case study"
        head += [Text(title, style="bold"), Text(question.scenario), Text("")]
    head.append(Text(question.stem))
    instruction = item_instruction(question)
    if instruction:
        head.append(Text(instruction, style="dim"))
    return Group(*head, Text(""), explained_item(question, answer))


class ReviewScreen(AppScreen[None]):
    BINDINGS = [
        Binding("n,right", "move(1)", "Next", id="review.next", tooltip="Next question"),
        Binding("p,left", "move(-1)", "Prev", id="review.prev", tooltip="Previous question"),
        Binding("a", "show('all')", "All", id="review.all", tooltip="Review every question"),
        Binding("w", "show('wrong')", "Wrong", id="review.wrong",
                tooltip="Only wrong or unanswered questions"),
        Binding("f", "show('flagged')", "Flagged", id="review.flagged",
                tooltip="Only questions you flagged"),
        Binding("escape,b", "back", "Back", id="review.back", tooltip="Back"),
    ]  # fmt: skip

    def __init__(
        self,
        attempt: Attempt,
        *,
        show: str = "all",
        topic_names: Mapping[str | None, str] | None = None,
    ) -> None:
        super().__init__()
        self.attempt = attempt
        self.topic_names = dict(topic_names or {})
        self.show = show
        self.positions = positions_for(attempt, show)
        self.index = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-bar"):
            yield Static(id="review-position")
            yield Static(id="review-filter")
        with VerticalScroll(id="review-area"):
            yield Static(id="review-verdict")
            yield Static(id="review-body")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"Review · {self.attempt.deck_title}"
        self.render_question()

    def render_question(self) -> None:
        verdict = self.query_one("#review-verdict", Static)
        body = self.query_one("#review-body", Static)
        self.query_one("#review-filter", Static).update(f"showing {FILTERS[self.show]}")
        if not self.positions:
            self.query_one("#review-position", Static).update(f"No {FILTERS[self.show]} questions")
            verdict.update("")
            body.update(Text("Nothing to show with this filter. Press A to see every question."))
            return
        position = self.positions[self.index]
        question, answer = self.attempt.questions[position], self.attempt.answers[position]
        total = len(self.attempt.questions)
        # Where a filter leaves some out, where this one is among those shown.
        among = (
            f" ({self.index + 1} of {len(self.positions)} shown)"
            if len(self.positions) < total
            else ""
        )
        self.query_one("#review-position", Static).update(
            f"Question {position + 1} of {total}{among}"
        )
        if answer.choice is None:
            state = "✗ Unanswered"
        elif answer.is_correct(question):
            state = "✓ Correct"
        else:
            state = "✗ Wrong"
        extra = []
        if not question.scored:
            extra.append("unscored")
        if answer.flagged:
            extra.append("⚑ flagged")
        if answer.changes:
            extra.append(f"answer changed {answer.changes}×")
        if answer.seconds:
            extra.append(duration(answer.seconds))
        topic = topic_name(question.topic, self.topic_names) if question.topic else ""
        line = " · ".join([state, topic, *extra]).replace(" ·  · ", " · ")
        verdict.update(Text(line, style="bold"))
        body.update(review_body(question, answer))
        self.query_one("#review-area", VerticalScroll).scroll_home(animate=False)

    def action_move(self, delta: int) -> None:
        if self.positions:
            self.index = (self.index + delta) % len(self.positions)
            self.render_question()

    def action_show(self, show: str) -> None:
        self.show = show
        self.positions = positions_for(self.attempt, show)
        self.index = 0
        self.render_question()

    def action_back(self) -> None:
        self.app.pop_screen()
