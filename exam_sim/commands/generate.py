"""`exam-sim generate`: print multiple-choice questions from a deck (text or JSON).

The JSON output is a contract scripts rely on: one array; each item has `id`, `card_id`,
`topic`, `direction`, `stem`, `options`, `option_card_ids`, `answer` (index into options)
and `explanations` (one per option); also `type` (single, multiple, matching), `key_count`
and `keys` (indexes into options: the correct ones of a multiple-response item, each
prompt's response of a matching item, `[answer]` for a single answer) and `prompts`. New
keys may be added; none is renamed or removed.
"""

from __future__ import annotations

import contextlib
import json
import shlex
import sys

import click

from exam_sim.commands.options import (
    WholeNumber,
    format_option,
    output_options,
    separator_options,
)
from exam_sim.decks import FORMATS
from exam_sim.errors import UsageError
from exam_sim.models import (
    DEFAULT_OPTIONS,
    MAX_OPTIONS,
    MIN_OPTIONS,
    Deck,
    Direction,
    ItemKind,
    Question,
)
from exam_sim.units import counted

DIRECTIONS: dict[str, tuple[Direction, ...] | None] = {
    "definition": (Direction.DEFINITION_TO_TERM,),  # show the definition, ask the term
    "term": (Direction.TERM_TO_DEFINITION,),  # show the term, ask the definition
    "both": None,
}


@click.command(
    "generate",
    short_help="print multiple-choice questions generated from a deck",
    help="Print multiple-choice questions generated from a deck: every wrong option is a "
    "similar card of the deck. Question cards are asked whatever --direction says.",
    # `--topic A B` takes every word after it, as it always has: click options take one
    # value each, so the extra words arrive as extra arguments (see `_more_topics`).
    context_settings={"allow_extra_args": True},
)
@click.argument("deck", metavar="DECK")
@click.option(
    "--count", type=WholeNumber(low=1), metavar="N", help="number of questions (default: all)"
)
@click.option("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
@click.option(
    "--direction",
    type=click.Choice(tuple(DIRECTIONS)),
    default="both",
    help="definition: show the definition, ask the term; term: the reverse (default both)",
)
@click.option(
    "--options",
    type=WholeNumber(low=MIN_OPTIONS, high=MAX_OPTIONS),
    default=DEFAULT_OPTIONS,
    metavar="K",
    help=f"options ({MIN_OPTIONS}–{MAX_OPTIONS}, default {DEFAULT_OPTIONS})",
)
@click.option(
    "--topic",
    "topic",
    multiple=True,
    metavar="T",
    help="only cards of these topics (id or name; several after one --topic, or repeated)",
)
@click.option(
    "--types",
    "types",
    default="single",
    metavar="T,T",
    help="item types, comma-separated, taken in turn: single, multiple-response, matching "
    "(default single)",
)
@output_options("json")
@format_option(FORMATS)
@separator_options
@click.pass_context
def generate_command(
    ctx: click.Context,
    deck: str,
    count: int | None,
    seed: int,
    direction: str,
    options: int,
    topic: tuple[str, ...],
    types: str,
    output: str | None,
    format_: str | None,
    term_sep: str | None,
    card_sep: str | None,
    header: bool | None,
) -> int:
    from exam_sim.commands.decks import open_deck
    from exam_sim.generator import generate

    wanted = [*topic, *_more_topics(ctx, topic)]
    loaded = open_deck(deck, format_, term_sep, card_sep, header)
    topics = _topic_ids(loaded, wanted) if wanted else None
    kinds = _kinds(types)
    if kinds == [ItemKind.SINGLE]:
        questions = generate(
            loaded,
            count=count,
            seed=seed,
            directions=DIRECTIONS[direction],
            options=options,
            topics=topics,
        )
    else:
        from exam_sim.generator.kinds import generate_kinds

        questions = generate_kinds(loaded, kinds, count=count, seed=seed, topics=topics)
    if output == "json":
        json.dump([_json(q) for q in questions], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from exam_sim.commands.wrapping import wrapping

        # On a terminal, wrapped between words at its width, options under their text.
        with contextlib.redirect_stdout(wrapping(sys.stdout)):
            _print_text(loaded, questions)
    # Why so few: cards that share meanings are never options together, and a card
    # without enough wrong options is not asked; `check` names them.
    why = f" (exam-sim check {shlex.quote(deck)} names the cards that cannot be asked, and why)"
    if count is not None and len(questions) < count:
        print(
            f"exam-sim: asked for {counted(count, 'question')}; deck {loaded.id!r} gives "
            f"{len(questions)}{why}",
            file=sys.stderr,
        )
    elif not questions:
        print(f"exam-sim: deck {loaded.id!r} gives no question{why}", file=sys.stderr)
    return 0


TYPES = {"single": ItemKind.SINGLE, "multiple-response": ItemKind.MULTIPLE,
         "multiple": ItemKind.MULTIPLE, "matching": ItemKind.MATCHING}  # fmt: skip


def _kinds(types: str) -> list[ItemKind]:
    kinds = []
    for name in (part.strip() for part in types.split(",")):
        if name not in TYPES:
            raise UsageError(
                f"--types: unknown type {name!r} (known: single, multiple-response, matching)"
            )
        kinds.append(TYPES[name])
    return list(dict.fromkeys(kinds))


def _json(question: Question) -> dict[str, object]:
    item: dict[str, object] = question.model_dump(
        mode="json", exclude={"kind", "case_title", "scenario", "scored", "rationale"}
    )
    item["type"] = question.kind.value
    item["keys"] = list(question.keys or (question.answer,))
    item["key_count"] = (
        question.choose if question.kind is not ItemKind.MATCHING else len(question.keys)
    )
    return item


def _more_topics(ctx: click.Context, topic: tuple[str, ...]) -> list[str]:
    """Words left after the options: more topics when `--topic` was given, else refused."""
    extra = list(ctx.args)
    if extra and not topic:
        raise click.UsageError(f"unexpected argument {extra[0]!r}", ctx=ctx)
    return extra


def _topic_ids(deck: Deck, wanted: list[str]) -> list[str]:
    """Topic ids for what the user typed (an id or a name, any case)."""
    from exam_sim.text import fold

    by_key = {}
    for topic in deck.topics:
        by_key[fold(topic.id)] = topic.id
        by_key[fold(topic.name)] = topic.id
    ids = []
    for text in wanted:
        topic_id = by_key.get(fold(text))
        if topic_id is None:
            known = ", ".join(t.id for t in deck.topics) or "none"
            raise UsageError(f"deck {deck.id!r} has no topic {text!r} (topics: {known})")
        ids.append(topic_id)
    return ids


def _print_text(deck: Deck, questions: list[Question]) -> None:
    from exam_sim.present import TRUE_FALSE_PROMPT, letter, prompt

    for number, question in enumerate(questions, start=1):
        topic = f" · {deck.topic_name(question.topic)}" if question.topic else ""
        if question.kind is not ItemKind.SINGLE:
            _print_item(number, question, topic)
            continue
        heading = f"{number}. "
        indent = " " * len(heading)  # the body under the heading's text: "10. " is wider
        print(f"{heading}{prompt(question) or TRUE_FALSE_PROMPT}{topic}")
        stem = question.stem
        if question.direction is Direction.TRUE_FALSE:
            stem = stem.removeprefix(f"{TRUE_FALSE_PROMPT}\n")
        for line in stem.splitlines():
            print(f"{indent}{line}")
        for index, option in enumerate(question.options):
            lines = option.splitlines() or [""]
            print(f"{indent}{letter(index)}) {lines[0]}")
            for line in lines[1:]:
                print(f"{indent}   {line}")
        print(f"{indent}Answer: {letter(question.answer)}")
        print()


def _print_item(number: int, question: Question, topic: str) -> None:
    """A multiple-response or matching item as text."""
    from exam_sim.present import letter

    heading = f"{number}. "
    indent = " " * len(heading)
    print(f"{heading}{question.kind.label}{topic}")
    for line in question.stem.splitlines():
        print(f"{indent}{line}")
    for index, text in enumerate(question.prompts, start=1):
        print(f"{indent}{index}. {text}")
    for index, option in enumerate(question.options):
        print(f"{indent}{letter(index)}) {' '.join(option.split())}")
    if question.kind is ItemKind.MATCHING:
        pairs = ", ".join(f"{n}-{letter(k)}" for n, k in enumerate(question.keys, start=1))
        print(f"{indent}Answer: {pairs}")
    else:
        print(f"{indent}Answer: {', '.join(letter(k) for k in question.keys)}")
    print()
