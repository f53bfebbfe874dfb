"""One vocabulary for taking an exam, shared by the TUI's keys and the `--plain` commands.

A learner who knows one front end knows the other: `n` is the next question, `f` flags,
`x` clears, `-` strikes an option out, `s` submits, `7` `8` `9` mark how sure an answer
was, in both. Each `Command` names the
exam screen's action, the keys the TUI binds to it and the words `--plain` accepts (its
one-letter words are TUI keys too, and the parity test in tests/test_console.py proves
both front ends agree). Answers are
typed as option letters or numbers, except the letters that are command keys: `f` flags,
so option F is answered with 6.

Pure Python, no pydantic: the TUI builds its bindings from it before the core loads.
"""

from __future__ import annotations

from dataclasses import dataclass

from exam_sim.units import LETTERS


@dataclass(frozen=True)
class Command:
    """One thing a learner can do during an attempt."""

    action: str  # the exam screen's action and its binding id ("exam.<action>")
    label: str  # short, for the key bar
    keys: tuple[str, ...]  # Textual key names the TUI binds ("" when the TUI has none)
    words: tuple[str, ...]  # what --plain accepts, first the shortest
    help: str  # one line, for both help texts
    takes_number: bool = False  # `go 12`
    takes_option: bool = False  # `- b`: plain names the option, the TUI strikes the pointer's
    in_key_bar: bool = True  # False: help and docs/tui.md list it (the bar keeps ? Help at 80)


EXAM_COMMANDS: tuple[Command, ...] = (
    Command("flag", "Flag", ("f",), ("f", "flag"), "flag or unflag this question for review"),
    Command("next", "Next", ("n", "right"), ("n", "next"), "the next question"),
    Command("prev", "Prev", ("p", "left"), ("p", "prev", "previous"), "the previous question"),
    Command(
        "navigator",
        "Go to",
        ("g",),
        ("g", "go"),
        "every question: answered, unanswered, flagged; go to one (plain: go N)",
        takes_number=True,
    ),
    Command("clear", "Clear", ("x",), ("x", "clear"), "remove your answer to this question"),
    Command(
        "strike",
        "Strike",
        ("minus",),
        ("-", "strike"),
        "strike an option out of view while thinking, or back in",
        takes_option=True,
        in_key_bar=False,
    ),
    Command("submit", "Submit", ("s",), ("s", "submit"), "finish and score (asks first)"),
    Command(
        "leave",
        "Pause",
        ("escape", "q"),
        ("q", "quit", "exit"),
        "leave; the attempt is saved and `exam-sim resume N` continues it",
    ),
)

# --plain only: a terminal shows these all the time.
PLAIN_ONLY: tuple[Command, ...] = (
    Command("list", "List", (), ("l", "list"), "unanswered and flagged question numbers"),
    Command("show", "Show", (), ("show",), "print the current question again"),
    Command("help", "Help", (), ("h", "help", "?"), "this list"),
)

# How sure an answer was: in a mock or drill started with confidence marking, and in study
# (after its feedback). 7 8 9 are free of the answer numbers 1–6 and of the commands (g is
# Go to, s Submit) and run from least to most certain.
CONFIDENCE_COMMANDS: tuple[Command, ...] = (
    Command("mark_guess", "Guess", ("7",), ("7", "guess"), "mark your answer: a guess"),
    Command("mark_unsure", "Unsure", ("8",), ("8", "unsure"), "mark your answer: unsure"),
    Command("mark_sure", "Sure", ("9",), ("9", "sure"), "mark your answer: sure"),
)
CONFIDENCE_HINT = "7 guess · 8 unsure · 9 sure"  # the one scheme every screen shows
# Study asked with g u s before it showed 7 8 9 like the rest; it still takes them (its
# feedback leaves those letters free), unshown, so no learner's habit breaks.
STUDY_OLD_CONFIDENCE_KEYS = {"mark_guess": "g", "mark_unsure": "u", "mark_sure": "s"}
CONFIDENCE_PROMPT = f"How sure are you? {CONFIDENCE_HINT} (Enter: skip)"


def confidence_level(command: Command) -> str | None:
    """ "guess", "unsure" or "sure" for a marking command (a `Confidence` value)."""
    if command in CONFIDENCE_COMMANDS:
        return command.action.removeprefix("mark_")
    return None


COMMAND_KEYS = frozenset(k for c in EXAM_COMMANDS for k in c.keys if len(k) == 1)
# Option letters that are not command keys: a–e (f flags).
ANSWER_LETTERS = "".join(x for x in LETTERS if x.lower() not in COMMAND_KEYS)


def answer_keys(index: int) -> tuple[str, ...]:
    """The keys (and --plain words) that answer option `index`: its letter, unless that
    letter is a command, and its number."""
    upper = LETTERS[index]
    letters = (upper.lower(),) if upper in ANSWER_LETTERS else ()
    return (*letters, str(index + 1))


def answer_index(word: str) -> int | None:
    """The option a typed answer names: a letter a–e or a number 1–6 (any case); None
    otherwise (`f` is the flag command)."""
    word = word.strip().lower()
    for index in range(len(LETTERS)):
        if word in answer_keys(index):
            return index
    return None


def answer_hint(options: int) -> str:
    """ "a–d or 1–4", or "a–e or 1–6" (F by its number): how to answer `options` options."""
    letters = [LETTERS[i].lower() for i in range(options) if LETTERS[i] in ANSWER_LETTERS]
    return f"{letters[0]}–{letters[-1]} or 1–{options}"


def command_for(word: str) -> Command | None:
    """The command a --plain word names, None if none."""
    word = word.strip().lower()
    for command in (*EXAM_COMMANDS, *CONFIDENCE_COMMANDS, *PLAIN_ONLY):
        if word in command.words:
            return command
    return None
