"""What the Aiken and GIFT readers share: a question as read (`RawItem`), and the deck of
authored items built from them (`items_deck`). Question banks bring items, not cards: the
deck they give has no cards, and its items are asked as written (docs/decks.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from exam_sim.authored import Item, ItemOption, ItemPair, choose_count
from exam_sim.decks.common import (
    TakenIds,
    collect_topics,
    term_key,
    title_from_stem,
    unique_id,
    validation_problem,
)
from exam_sim.enums import ItemKind
from exam_sim.models import Deck, DeckError
from exam_sim.text import slugify
from exam_sim.units import counted

__all__ = ["KEY_WORDS", "RawItem", "items_deck", "without_letters"]

KEY_WORDS = {2: "TWO", 3: "THREE", 4: "FOUR", 5: "FIVE", 6: "SIX"}


# "A. Amazon S3", "B) Amazon EC2": options that carry their letters.
_LETTERED = re.compile(r"\(?([A-Fa-f])[.):]\s+(?=\S)")


def without_letters(texts: list[str]) -> list[str]:
    """Options without the letters they carry, when each carries its own in turn ("A. …",
    "B. …"; an empty one aside): shuffled, "A." would stand beside "C)"; any other
    options as they are."""
    found = [_LETTERED.match(text) for text in texts]
    said = [(n, m) for n, (text, m) in enumerate(zip(texts, found, strict=True)) if text]
    if not said or not all(m and m[1].lower() == "abcdef"[n] for n, m in said):
        return texts
    return [text[m.end() :] if m else text for text, m in zip(texts, found, strict=True)]


@dataclass
class RawItem:
    """One question as a bank file gives it, with the line it starts on."""

    line: int
    stem: str
    title: str = ""
    topic: str = ""
    options: list[tuple[str, bool, str]] = field(default_factory=list)  # text, right, why
    weights: list[float | None] = field(default_factory=list)  # GIFT %n%, one per option
    pairs: list[tuple[str, str]] = field(default_factory=list)  # matching: prompt, response
    explanation: str = ""
    references: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def _item(raw: RawItem, item_id: str, topic: str | None) -> Item:
    if raw.pairs:
        return Item(
            id=item_id, kind=ItemKind.MATCHING, stem=raw.stem, topic=topic,
            explanation=raw.explanation,
            pairs=tuple(ItemPair(prompt=p, response=r) for p, r in raw.pairs),
        )  # fmt: skip
    keys = sum(right for _, right, _ in raw.options)
    stem = raw.stem
    if keys > 1 and choose_count(stem) is None:
        stem += f" (Choose {KEY_WORDS.get(keys, str(keys))}.)"  # as the exam states it
    return Item(
        id=item_id,
        kind=ItemKind.MULTIPLE if keys > 1 else ItemKind.SINGLE,
        stem=stem,
        topic=topic,
        tags=raw.tags,
        explanation=raw.explanation,
        references=raw.references,
        options=tuple(
            ItemOption(text=text, correct=right, rationale=why, weight=weight)
            for (text, right, why), weight in zip(
                raw.options, raw.weights or [None] * len(raw.options), strict=True
            )
        ),
    )


def items_deck(
    raws: list[RawItem], *, file: str, title: str | None, deck_id: str | None,
    reader_notes: tuple[str, ...] = (),
) -> Deck:  # fmt: skip
    """The deck of these items: ids from the titles (else q1, q2…), topics from their
    categories, each item checked as the native format checks it (file and line); the
    reader's `reader_notes` its notes, as `common.build_deck` takes them."""
    if not raws:
        raise DeckError("no questions found", file=file)
    stem = Path(file).stem if file and not file.startswith("<") else ""
    title = (title or "").strip() or title_from_stem(stem) or "Imported questions"
    topics = collect_topics([raw.topic for raw in raws if raw.topic])
    taken: set[str] = TakenIds()
    items = []
    for number, raw in enumerate(raws, start=1):
        item_id = unique_id(slugify(raw.title, fallback=f"q{number}") if raw.title
                            else f"q{number}", taken)  # fmt: skip
        topic = topics[term_key(raw.topic)].id if raw.topic else None
        try:
            items.append(_item(raw, item_id, topic).model_copy(update={"line": raw.line}))
        except ValidationError as error:
            raise DeckError(validation_problem(error), file=file, line=raw.line) from None
    try:
        return Deck(
            id=deck_id or slugify(stem or title, fallback="deck"),
            title=title,
            topics=tuple(topics.values()),
            items=tuple(items),
            path=file,
            notes=reader_notes,
        )
    except ValidationError as error:
        raise DeckError(validation_problem(error), file=file) from None


def category_topic(path: str) -> str:
    """The topic a Moodle category names ("$course$/top/Default for NET101/Subnets" →
    "Subnets"): the path without its context, the root category "top" (which Moodle 3.5
    and later write) and the context's "Default for …" category Moodle makes itself, for
    GIFT and Moodle XML alike."""
    path = re.sub(r"^\$(course|system|module|cat\d*)\$/?", "", path.strip())
    parts = [part.strip() for part in path.split("/") if part.strip()]
    if parts[:1] == ["top"]:
        parts = parts[1:]
    if parts and parts[0].startswith("Default for "):  # the context's own category
        parts = parts[1:]
    return " / ".join(parts)


def skipped_notes(skipped: dict[str, list[int]], read: bool, file: str) -> tuple[str, ...]:
    """The note on a bank's questions of kinds with no options (`skipped`: kind → lines),
    GIFT's and Moodle XML's; the refusal when they are all it has (none `read`)."""
    if not skipped:
        return ()
    if not read:
        raise DeckError(
            f"no question has options to choose from ({_kinds(skipped)}); exam-sim "
            "asks multiple-choice, multiple-response, true/false and matching questions",
            file=file,
            line=min(min(lines) for lines in skipped.values()),
        )
    count = counted(sum(map(len, skipped.values())), "question")
    return (f"{count} with no options to choose from skipped: {_kinds(skipped)}",)


def _kinds(skipped: dict[str, list[int]]) -> str:
    """ "2 numerical (lines 12, 30), essay (line 27)", kinds in the order first met."""
    return ", ".join(
        f"{f'{len(lines)} ' if len(lines) > 1 else ''}{kind} "
        f"(line{'s' * (len(lines) > 1)} {', '.join(map(str, lines))})"
        for kind, lines in skipped.items()
    )
