"""What several commands share: typed parameters and reusable groups of options.

Parameter types are click's ranges (`click.IntRange`, `click.FloatRange`) with our own
one-sentence refusals ("--count must be at least 1, not 0"), so a bad value is refused
while the command line is parsed, before any file is read. `exam_sim.cli` prints a
refusal as one line and exits 2.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from exam_sim.errors import UsageError

F = TypeVar("F", bound=Callable[..., Any])

OUTPUT_HELP = {
    "json": "print the result as JSON",
    "csv": "print the result as CSV",
}


class OrderedGroup(click.Group):
    """Lists its commands in the order they were added (click sorts them by name)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


class ParameterProblem(click.BadParameter):
    """A refused value whose message is already a sentence naming the parameter."""

    def format_message(self) -> str:
        return self.message


def parameter_name(param: click.Parameter | None) -> str:
    """How the learner typed the parameter: its long option, or the argument's metavar."""
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    if param is not None:
        return param.human_readable_name
    return "the value"


def confirmed(question: str, *, yes: bool, unasked: str) -> bool:
    """Whether to go on with something that cannot be undone: `--yes` says so; at a
    terminal the learner is asked `question` (no by default); a script without one is
    refused with `unasked` ("… asks first; add --yes …"), since nothing can answer."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError(unasked)
    return click.confirm(question, default=False)


def range_problem(
    value: Any,
    param: click.Parameter | None,
    *,
    low: float | None,
    high: float | None,
    low_label: str | None = None,
    parse: Callable[[Any], float] = int,
    kind: str = "a whole number",
) -> str:
    """A refused number in one clause: "--options must be between 2 and 6, not 7"."""
    name = parameter_name(param)
    try:
        number = parse(value)
    except (TypeError, ValueError):
        return f"{name} must be {kind}, not {str(value)!r}"
    bottom = low_label or _plain(low)
    if low is not None and high is not None:
        return f"{name} must be between {bottom} and {_plain(high)}, not {_plain(number)}"
    if low is not None:
        return f"{name} must be at least {bottom}, not {_plain(number)}"
    return f"{name} must be at most {_plain(high)}, not {_plain(number)}"


def _plain(number: float | None) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)


class WholeNumber(click.IntRange):
    """A whole number within bounds (`low`, `high`; either may be None), refused in plain
    words; `low_label` says what the lowest value means ("0 (no limit)")."""

    def __init__(
        self, low: int | None = None, high: int | None = None, *, low_label: str | None = None
    ) -> None:
        super().__init__(min=low, max=high)
        self.low_label = low_label

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            problem = range_problem(
                value, param, low=self.min, high=self.max, low_label=self.low_label
            )
            raise ParameterProblem(problem, ctx=ctx, param=param) from None


class Minutes(click.FloatRange):
    """A time limit in minutes: 0 (untimed) to a day."""

    name = "minutes"

    def __init__(self) -> None:
        super().__init__(min=0, max=24 * 60)

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            problem = range_problem(
                value, param, low=self.min, high=self.max, low_label="0 (untimed)",
                parse=float, kind="a number of minutes",
            )  # fmt: skip
            raise ParameterProblem(problem, ctx=ctx, param=param) from None


class AttemptNumber(click.IntRange):
    """An attempt's number in the history (they start at 1)."""

    name = "attempt"

    def __init__(self) -> None:
        super().__init__(min=1)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            try:
                int(value)
            except (TypeError, ValueError):
                problem = f"{str(value)!r} is not an attempt number"
            else:
                problem = f"{str(value)!r} is not an attempt number (they start at 1)"
            raise ParameterProblem(problem, ctx=ctx, param=param) from None


def output_options(*formats: str) -> Callable[[F], F]:
    """The shared output switches (`--json`, `--csv`, or the ones named) as one decorator.

    The command receives one `output` argument: the chosen format's name, or None for
    the readable text. Two formats at once are refused."""
    unknown = set(formats) - set(OUTPUT_HELP)
    if unknown or not formats:
        raise ValueError(f"output formats are {sorted(OUTPUT_HELP)}, not {sorted(unknown)}")

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def command(*args: Any, **kwargs: Any) -> Any:
            chosen = [name for name in formats if kwargs.pop(name)]
            if len(chosen) > 1:
                switches = " and ".join(f"--{name}" for name in chosen)
                raise click.UsageError(f"{switches} cannot be used together")
            return function(*args, output=chosen[0] if chosen else None, **kwargs)

        for name in reversed(formats):
            command = click.option(f"--{name}", is_flag=True, help=OUTPUT_HELP[name])(command)
        return command  # type: ignore[return-value]

    return decorate


def separator_options(function: F) -> F:
    """`--term-sep` and `--card-sep`: how a Quizlet export separates terms and cards; and
    `--header/--no-header`: whether a CSV's first row names its columns."""
    function = click.option(
        "--header/--no-header",
        default=None,
        help="CSV/TSV: the first row names the columns, or is a card (default: detected "
        "from column names such as term, definition, Begriff, термин, 用語)",
    )(function)
    function = click.option(
        "--card-sep",
        metavar="SEP",
        help=r"Quizlet export: text between cards (e.g. ';', newline, '\n')",
    )(function)
    return click.option(
        "--term-sep",
        metavar="SEP",
        help=r"Quizlet export: text between term and definition (e.g. ' - ', tab, '\t')",
    )(function)


def format_option(choices: tuple[str, ...]) -> Callable[[F], F]:
    """`--format`: the deck file's format, when detection should not decide."""
    return click.option(
        "--format",
        "format_",
        type=click.Choice(choices),
        help="file format (default: detected)",
    )


def seed_option(text: str) -> Callable[[F], F]:
    """`--seed S`: any whole number; the same seed asks the same questions again."""
    return click.option("--seed", type=int, metavar="S", help=text)


def minutes_option(text: str) -> Callable[[F], F]:
    """`--minutes M`: a time limit, 0 for untimed."""
    return click.option("--minutes", type=Minutes(), metavar="M", help=text)


def plain_option(function: F) -> F:
    return click.option(
        "--plain",
        is_flag=True,
        help="line-by-line session on stdin/stdout (screen readers, ssh, scripts)",
    )(function)
