"""`exam-sim generate`: print multiple-choice questions from a deck (text or JSON).

The JSON output is a contract scripts rely on: one array; each item has `id`, `card_id`,
`topic`, `direction`, `stem`, `options`, `option_card_ids`, `answer` (index into options)
and `explanations` (one per option). New keys may be added; none is renamed or removed.
"""

from __future__ import annotations

import json
import sys

import click

from exam_sim.commands.options import WholeNumber, output_options
from exam_sim.errors import UsageError
from exam_sim.models import DEFAULT_OPTIONS, MAX_OPTIONS, MIN_OPTIONS, Deck, Direction, Question

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
@output_options("json")
@click.pass_context
def generate_command(
    ctx: click.Context,
    deck: str,
    count: int | None,
    seed: int,
    direction: str,
    options: int,
    topic: tuple[str, ...],
    output: str | None,
) -> int:
    from exam_sim.decks import resolve_deck
    from exam_sim.generator import generate

    wanted = [*topic, *_more_topics(ctx, topic)]
    loaded = resolve_deck(deck)
    topics = _topic_ids(loaded, wanted) if wanted else None
    questions = generate(
        loaded,
        count=count,
        seed=seed,
        directions=DIRECTIONS[direction],
        options=options,
        topics=topics,
    )
    if output == "json":
        json.dump(
            [q.model_dump(mode="json") for q in questions], sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
    else:
        _print_text(loaded, questions)
    if count is not None and len(questions) < count:
        print(
            f"exam-sim: asked for {count} questions; deck {loaded.id!r} gives {len(questions)}",
            file=sys.stderr,
        )
    elif not questions:
        print(f"exam-sim: deck {loaded.id!r} gives no question", file=sys.stderr)
    return 0


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
        print(f"{number}. {prompt(question.direction) or TRUE_FALSE_PROMPT}{topic}")
        stem = question.stem
        if question.direction is Direction.TRUE_FALSE:
            stem = stem.removeprefix(f"{TRUE_FALSE_PROMPT}\n")
        for line in stem.splitlines():
            print(f"   {line}")
        for index, option in enumerate(question.options):
            lines = option.splitlines() or [""]
            print(f"   {letter(index)}) {lines[0]}")
            for line in lines[1:]:
                print(f"      {line}")
        print(f"   Answer: {letter(question.answer)}")
        print()
