"""`?`: every key of every screen, and how exams are scored.

The keys are read from the screens' bindings with the preferences' keymap applied
(`tui.keys`), not written by hand: a new binding, or a remapped one, shows here as it is.
The Markdown is rendered by Rich into one Static: Textual's Markdown widget makes a widget
per paragraph and list item, and took 1.6 s to open (`benchmarks/help_open.py`).
"""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from exam_sim.present import percent, scale_rule
from exam_sim.tui.app import ExamSimApp
from exam_sim.tui.base import AppModal

SCORING = """\
## How scoring works
A mock exam follows the deck's blueprint: number of questions, time, pass mark and topic
weights. Unanswered questions count as wrong. {scale}
{threshold}
A drill is scored as a percentage, and so is a mock on a deck that gives no blueprint.

Every answer is saved the moment you give it. The clock only runs while the exam is open.
"""


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")


def _scoring(app: ExamSimApp) -> str:
    if app.is_open and app.deck.blueprint is not None:
        blueprint = app.deck.blueprint
        scale = f"On this deck the scaled score runs {blueprint.score_min}–{blueprint.score_max}"
        if blueprint.scaled_estimate:
            scale += (
                f", and is an **estimate**: {scale_rule(blueprint.score_min, blueprint.score_max)}"
                " (the real exam does not publish its mapping)."
            )
        else:
            scale += "."
        threshold = (
            "A topic *meets competencies* at the pass mark's share of the scale "
            f"({percent(blueprint.topic_threshold, 0)} for {blueprint.pass_score} of "
            f"{blueprint.score_min}–{blueprint.score_max})."
        )
    else:
        scale = (
            "This deck gives no blueprint: a mock asks up to 65 of its cards, a minute "
            "each, and is scored as a percentage, with no scaled score or pass mark."
        )
        assumed = app.deck.effective_blueprint if app.is_open else None
        threshold = (
            f"Each topic is marked ✓ at {percent(assumed.topic_threshold, 0)} or more correct."
            if assumed is not None
            else ""
        )
    return SCORING.format(scale=scale, threshold=threshold)


def help_markdown(app: ExamSimApp, here: type | None = None) -> str:
    """The help text: each screen's keys as the app has them now, then scoring; the keys
    of `here` (the screen help was opened on) first, "This screen: Exam"."""
    from exam_sim.tui.keys import binding_owners, live_keys

    lines = [
        "# exam-sim help",
        "",
        "The keys of every screen as they are set now. The bar at the bottom shows the keys "
        "of the screen you are on: click one to press it, hover over it to see what it does. "
        "Any key can be remapped by its id in the preferences (see docs/tui.md). "
        "Esc, ? or q closes this help; ↑ ↓ PgUp PgDn scroll it.",
    ]
    owners = binding_owners()
    first = [(f"This screen: {title}", owner) for title, owner in owners if owner is here]
    for title, owner in first + [pair for pair in owners if pair[1] is not here]:
        lines += ["", f"**{title}**", ""]
        answers: list[str] = []
        answer_ids: list[str] = []
        for key in live_keys(owner, app, app.keymap):
            keys = " ".join(f"`{k}`" for k in key.keys) or "(no key)"
            if key.id.startswith("exam.answer_"):
                # Six bindings, one idea: said once.
                answers.append(keys)
                answer_ids.append(f"`{key.id}`")
                if key.id == "exam.answer_f":
                    lines.append(
                        f"- {' · '.join(answers)} Answer A to F (f flags, so F is 6) · "
                        f"ids {', '.join(answer_ids)}"
                    )
                continue
            what = key.tooltip
            if key.description and key.description not in what:
                what = f"{key.description}: {what}"
            lines.append(f"- {keys} {_escape(what)} · id `{key.id}`")
        if owner is ExamSimApp and app.ENABLE_COMMAND_PALETTE:
            palette = app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette"))
            lines.append(f"- `{palette}` Command palette: every command, themes too")
        lines += [f"- {_escape(note)}" for note in getattr(owner, "HELP_NOTES", ())]
    lines += ["", _scoring(app)]
    return "\n".join(lines)


class HelpScreen(AppModal[None]):
    """`here`: the screen it was opened on, whose keys come first."""

    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close", tooltip="Close help"),
    ]
    HELP_NOTES = ("↑ ↓ PgUp PgDn Home End scroll this help.",)

    def __init__(self, here: type | None = None) -> None:
        super().__init__()
        self.here = here

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Markdown(help_markdown(self.app, self.here)), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
