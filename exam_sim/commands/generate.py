"""`exam-sim generate`: print multiple-choice questions from a deck (text or JSON).

The JSON output is a contract scripts rely on: one array; each item has `id`, `card_id`,
`topic`, `direction`, `stem`, `options`, `option_card_ids`, `answer` (index into options)
and `explanations` (one per option). New keys may be added; none is renamed or removed.
"""

from __future__ import annotations

import argparse
import json
import sys

from exam_sim.models import Deck, Direction, Question

DIRECTIONS: dict[str, tuple[Direction, ...] | None] = {
    "definition": (Direction.DEFINITION_TO_TERM,),  # show the definition, ask the term
    "term": (Direction.TERM_TO_DEFINITION,),  # show the term, ask the definition
    "both": None,
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this group's sub-commands to the parser."""
    parser = subparsers.add_parser(
        "generate",
        help="print multiple-choice questions generated from a deck",
        description=(
            "Print multiple-choice questions generated from a deck: every wrong option is a "
            "similar card of the deck. Question cards are asked whatever --direction says."
        ),
    )
    parser.add_argument("deck", metavar="DECK", help="bundled deck id, library deck id or file")
    parser.add_argument("--count", type=int, metavar="N", help="number of questions (default: all)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument(
        "--direction",
        choices=tuple(DIRECTIONS),
        default="both",
        help="definition: show the definition, ask the term; term: the reverse (default both)",
    )
    parser.add_argument(
        "--options", type=int, default=4, metavar="K", help="options (2–6, default 4)"
    )
    parser.add_argument(
        "--topic",
        action="extend",
        nargs="+",
        metavar="T",
        help="only cards of these topics (id or name; repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON array")
    parser.set_defaults(handler=generate_command)


def generate_command(args: argparse.Namespace) -> int:
    from exam_sim.cli import UserError
    from exam_sim.decks import resolve_deck
    from exam_sim.generator import MAX_OPTIONS, MIN_OPTIONS, GeneratorError, generate

    if not MIN_OPTIONS <= args.options <= MAX_OPTIONS:
        raise UserError(
            f"--options must be between {MIN_OPTIONS} and {MAX_OPTIONS}, not {args.options}"
        )
    if args.count is not None and args.count < 1:
        raise UserError(f"--count must be at least 1, not {args.count}")
    deck = resolve_deck(args.deck)
    topics = _topic_ids(deck, args.topic) if args.topic else None
    try:
        questions = generate(
            deck,
            count=args.count,
            seed=args.seed,
            directions=DIRECTIONS[args.direction],
            options=args.options,
            topics=topics,
        )
    except GeneratorError as error:
        raise UserError(str(error)) from None
    if args.json:
        json.dump(
            [q.model_dump(mode="json") for q in questions], sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
    else:
        _print_text(deck, questions)
    if args.count is not None and len(questions) < args.count:
        print(
            f"exam-sim: asked for {args.count} questions; deck {deck.id!r} gives {len(questions)}",
            file=sys.stderr,
        )
    elif not questions:
        print(f"exam-sim: deck {deck.id!r} gives no question", file=sys.stderr)
    return 0


def _topic_ids(deck: Deck, wanted: list[str]) -> list[str]:
    """Topic ids for what the user typed (an id or a name, any case)."""
    from exam_sim.cli import UserError
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
            raise UserError(f"deck {deck.id!r} has no topic {text!r} (topics: {known})")
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
