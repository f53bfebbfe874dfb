"""Decks and question banks written as JSON, as apps export them and question banks are
published: a list of objects, or an object holding one (under "cards", "questions",
"items", "flashcards", "data", "deck"; its "title" or "name" the deck's title), or
groups of them, each a topic's ({"name": "Cells", "cards": [...]}, under "topics",
"sections", "chapters"…).

    [{"term": "Amazon S3", "definition": "Object storage", "topic": "Storage"}, …]
    {"title": "AWS", "questions": [
        {"question": "Which service stores objects?",
         "options": ["Amazon S3", "Amazon EC2", "Amazon RDS"], "answer": "A",
         "explanation": "…", "category": "Storage"}, …]}

An object with a list of options is a question, asked as written (`banks.items_deck`):
its options a list of texts (their letters dropped: "A. …"), an object of lettered texts
({"A": "…"}), or a list of objects each with its text and whether it is right ({"text":
"…", "correct": true}, "isCorrect": "true"); keys read in any case, with or without "_"; its
answer a letter, a number, several, or an option's text, as in a spreadsheet of
questions (`bank_columns`), or a position in the list (0 is the first: the reader says
so). Any other object is a card, its keys read as a CSV header's column names
(`header_row`: "term"/"definition", "front"/"back", "question"/"answer", "word"/
"meaning", two languages; "topic", "tags", "id"). A file of questions and cards mixed, or
an object that is neither, is refused naming its line.
"""

from __future__ import annotations

import json
import re
from typing import Any

from exam_sim.decks.bank_columns import (
    ANSWER_NAMES,
    EXPLANATION_NAMES,
    QUESTION_NAMES,
    REFERENCE_NAMES,
    answered,
)
from exam_sim.decks.banks import RawItem, items_deck, without_letters
from exam_sim.decks.column_names import NoteFields, column_role, says_the_term, side_names
from exam_sim.decks.common import RawCard, build_deck, clean_field, decode, display_name
from exam_sim.decks.header_row import header_roles
from exam_sim.models import Deck, DeckError
from exam_sim.text import fold

__all__ = ["parse_json"]


def _spaceless(names: set[str]) -> set[str]:
    return {name.replace(" ", "") for name in names}


# Keys as apps write them, compared folded without spaces (`_norm`: "answerIndex",
# "answer_index" and "Answer index" are one).
_LISTS = ("cards", "questions", "items", "flashcards", "data", "deck", "notes", "entries")
# Lists of groups of entries, each a topic's ({"name": "Cells", "cards": [...]}).
_GROUPS = ("topics", "sections", "chapters", "groups", "categories", "units", "lessons")
_GROUP_NAMES = {"name", "title", "topic", "category", "section", "chapter", "unit", "lesson"}
_OPTIONS = {"options", "choices", "answers", "alternatives", "possibleanswers", "answeroptions"}
# The spreadsheet bank's column names (`bank_columns`), and the keys JSON adds.
_QUESTION = _spaceless(QUESTION_NAMES) | {"text", "title", "body"}
_INDEX_KEYS = {"correctindex", "answerindex"}  # an answer that is a position, from 0
_ANSWER = _spaceless(ANSWER_NAMES) | _INDEX_KEYS
_EXPLANATION = _spaceless(EXPLANATION_NAMES) | {"explain"}
_REFERENCES = _spaceless(REFERENCE_NAMES)
_OPTION_TEXT = ("text", "option", "title", "answer", "value", "label", "content", "choice")
_OPTION_RIGHT = ("correct", "iscorrect", "right", "isright", "true", "isanswer")
_OPTION_NAME = ("optionid", "id", "letter", "key")
_TRUE = {"true", "yes", "1", "y", "correct"}  # a flag written as text ("isCorrect": "true")
_LETTERS = "abcdef"
POSITIONS_NOTE = "answers given as numbers were read as positions counted from 0 (the first option)"


def parse_json(
    data: str | bytes, *, file: str | None = None, title: str | None = None,
    deck_id: str | None = None,
) -> Deck:  # fmt: skip
    name = display_name(file)
    text = decode(data, name)
    try:
        top = json.loads(text)
    except json.JSONDecodeError as error:
        raise DeckError(f"not valid JSON: {error.msg}", file=name, line=error.lineno) from None
    except RecursionError:
        raise DeckError("the JSON is nested too deeply to be a deck", file=name) from None
    key, records = _records(top, name)
    offsets = list(_entry_offsets(text, _list_start(text, key, 0), len(records)))
    topics: list[str] = [""] * len(records)  # each entry's group's name, if grouped
    if records and all(_group_list(record) for record in records):
        records, offsets, topics = _grouped(text, records, offsets)
    lines = _lines(text, offsets)
    if isinstance(top, dict) and not title:
        title = next((top[k] for k in ("title", "name") if isinstance(top.get(k), str)), None)
    for record, line in zip(records, lines, strict=True):
        if not isinstance(record, dict):
            raise DeckError("each entry must be an object of named fields", file=name, line=line)
    questions = [_keyed(record, _OPTIONS) is not None for record in records]
    if any(questions) and not all(questions):
        at = lines[questions.index(not questions[0])]
        raise DeckError("questions with options and cards without are mixed; keep one kind "
                        "to a file", file=name, line=at)  # fmt: skip
    if questions and questions[0]:
        return _items(records, lines, topics, name, title, deck_id)
    return _cards(records, lines, topics, name, title, deck_id)


def _records(top: Any, file: str) -> tuple[str | None, list[Any]]:
    """The list of entries and the key holding it (None: the file is the list)."""
    if isinstance(top, list):
        return None, top
    if isinstance(top, dict):
        for key, value in top.items():
            if _norm(key) in _LISTS + _GROUPS and isinstance(value, list):
                return key, value
    raise DeckError("expected a list of cards or questions, or an object holding one under "
                    f"{', '.join(repr(k) for k in _LISTS[:4])}", file=file, line=1)  # fmt: skip


def _group_list(record: Any) -> str | None:
    """The key of a group's list of entries (a topic's "cards"), if `record` is a group:
    no definition or options of its own (a card's list of "notes" makes no group)."""
    if not isinstance(record, dict) or _keyed(record, _OPTIONS) is not None:
        return None
    if any(column_role(key) == "definition" for key in record):
        return None
    return next((k for k, v in record.items() if _norm(k) in _LISTS and isinstance(v, list)), None)


def _grouped(
    text: str, groups: list[dict[str, Any]], offsets: list[int]
) -> tuple[list[Any], list[int], list[str]]:
    """The entries of groups of them ({"name": "Cells", "cards": [...]}), their offsets,
    and each one's group's name: its topic, unless it names one."""
    records: list[Any] = []
    at: list[int] = []
    topics: list[str] = []
    for group, offset in zip(groups, offsets, strict=True):
        key = _group_list(group)
        assert key is not None  # `_group_list` of every group
        named = next((group[k] for k in group if _norm(k) in _GROUP_NAMES), None)
        records += group[key]
        topics += [_text(named) if isinstance(named, str | int | float) else ""] * len(group[key])
        at += _entry_offsets(text, _list_start(text, key, offset), len(group[key]))
    return records, at, topics


def _list_start(text: str, key: str | None, start: int) -> int:
    """Where the list under `key` (None: the next list) opens, from `start` on."""
    if key is not None:
        found = re.compile(rf'"{re.escape(key)}"\s*:\s*\[').search(text, start)
        start = found.end() - 1 if found else start
    return text.index("[", start)


def _entry_offsets(text: str, at: int, count: int) -> list[int]:
    """Where each of the `count` entries of the list opening at `at` starts, its entries
    decoded one after another."""
    decoder = json.JSONDecoder()
    at += 1
    offsets = []
    for _ in range(count):
        while text[at] in " \t\r\n,\ufeff":
            at += 1
        offsets.append(at)
        _, at = decoder.raw_decode(text, at)
    return offsets


def _lines(text: str, offsets: list[int]) -> list[int]:
    """The line of each offset (in order), the text counted once."""
    lines, line, counted = [], 1, 0
    for at in offsets:
        line += text.count("\n", counted, at)
        counted = at
        lines.append(line)
    return lines


def _norm(key: str) -> str:
    return re.sub(r"[\s_-]+", "", fold(key))


def _keyed(record: dict[str, Any], names: set[str]) -> str | None:
    return next((key for key in record if _norm(key) in names), None)


def _text(value: Any) -> str:
    """A field's text: a string cleaned as a CSV cell is (HTML, Markdown), a number as
    written, a list of texts joined."""
    if isinstance(value, str):
        return clean_field(value)
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return ", ".join(t for t in map(_text, value) if t)
    return ""


def _words(value: Any) -> tuple[str, ...]:
    """Tags given as a list, or as words in one text."""
    return tuple(map(_text, value)) if isinstance(value, list) else tuple(_text(value).split())


def _cards(
    records: list[dict[str, Any]], lines: list[int], topics: list[str], file: str,
    title: str | None, deck_id: str | None,
) -> Deck:  # fmt: skip
    raws = []
    sides = None
    named = False  # a key says it holds the terms ("term", "word"), not "front" alone
    for record, line, group in zip(records, lines, topics, strict=True):
        keys = list(record)
        roles = header_roles(keys)
        if roles is None or "term" not in roles or "definition" not in roles:
            raise DeckError(
                f"no term and definition among the fields {', '.join(map(repr, keys))} "
                "(name them term and definition, front and back, or question and answer)",
                file=file, line=line,
            )  # fmt: skip
        field = {role: record[key] for key, role in zip(keys, roles, strict=True) if role}
        sides = sides or side_names(keys[roles.index("term")], keys[roles.index("definition")])
        named = named or says_the_term(keys[roles.index("term")])
        # A reading, a part of speech and an example joined as a CSV's are ("(adj.) …").
        term, definition = NoteFields.of_roles(roles).joined(
            _text(field["term"]), _text(field["definition"]), [record[key] for key in keys], _text
        )
        raws.append(RawCard(
            term, definition, line,
            _text(field.get("topic")) or group or None, _words(field.get("tags")),
            _text(field.get("id")) or None,
        ))  # fmt: skip
    if not raws:
        raise DeckError("no cards found", file=file)
    return build_deck(raws, file=file, title=title, deck_id=deck_id, sides=sides, turn=not named)


def _items(
    records: list[dict[str, Any]], lines: list[int], topics: list[str], file: str,
    title: str | None, deck_id: str | None,
) -> Deck:  # fmt: skip
    raws = []
    positions = _counted_from_zero(records)
    for record, line, group in zip(records, lines, topics, strict=True):
        stem = _text(record.get(_keyed(record, _QUESTION) or "", ""))
        if not stem:
            raise DeckError("the question is empty", file=file, line=line)
        options = _options(record, line, file, positions)
        topic_key = next((k for k in record if column_role(k) == "topic"), None)
        see = record.get(_keyed(record, _REFERENCES) or "", ())
        tags = record.get(next((k for k in record if column_role(k) == "tags"), ""))
        raws.append(RawItem(
            line=line, stem=stem, options=options,
            topic=_text(record[topic_key]) if topic_key else group,
            explanation=_text(record.get(_keyed(record, _EXPLANATION) or "", "")),
            references=tuple(map(_text, see)) if isinstance(see, list) else
            tuple(t for t in [_text(see)] if t),
            tags=_words(tags),
        ))  # fmt: skip
    notes = (POSITIONS_NOTE,) if positions else ()
    return items_deck(raws, file=file, title=title, deck_id=deck_id, reader_notes=notes)


def _counted_from_zero(records: list[dict[str, Any]]) -> bool:
    """Are the file's numeric answers positions from 0? Yes under an index key
    ("answerIndex"), else unless one of them is the option count (then they count from
    1, as a person numbers options)."""
    if not _INDEX_KEYS.isdisjoint(_norm(key) for record in records for key in record):
        return True  # "answerIndex": a position, from 0
    numbers = []
    for record in records:
        answer = record.get(_keyed(record, _ANSWER) or "")
        options = record.get(_keyed(record, _OPTIONS) or "")
        for value in answer if isinstance(answer, list) else [answer]:
            if isinstance(value, int) and not isinstance(value, bool) and isinstance(options, list):
                numbers.append((value, len(options)))
    return bool(numbers) and not any(value == count for value, count in numbers)


def _options(
    record: dict[str, Any], line: int, file: str, from_zero: bool
) -> list[tuple[str, bool, str]]:
    """The question's options: (text, right, rationale) each."""
    given = record[_keyed(record, _OPTIONS) or ""]
    if isinstance(given, dict):  # {"A": "…", "B": "…"}
        named = [(fold(str(k)), _text(v), "") for k, v in given.items()]
    elif isinstance(given, list) and all(isinstance(o, dict) for o in given):
        return _flagged(given, record, line, file, from_zero)
    elif isinstance(given, list):
        texts = without_letters([_text(o) for o in given])
        named = [(_name_at(n), text, "") for n, text in enumerate(texts)]
    else:
        raise DeckError("the options must be a list or an object of lettered texts",
                        file=file, line=line)  # fmt: skip
    right = _right(record, [(n, t) for n, t, _ in named], line, file, from_zero)
    return [(text, name in right, why) for name, text, why in named if text]


def _flagged(
    given: list[dict[str, Any]], record: dict[str, Any], line: int, file: str, from_zero: bool
) -> list[tuple[str, bool, str]]:
    """Options written as objects: their text, whether each is right (its own flag, or
    the question's answer), and why."""
    options, names = [], []
    for n, option in enumerate(given):
        keys = {_norm(k): k for k in option}
        text = next((t for k in _OPTION_TEXT if k in keys and (t := _text(option[keys[k]]))), "")
        flag = next((option[keys[k]] for k in _OPTION_RIGHT if k in keys), None)
        why = next((_text(option[keys[k]]) for k in _EXPLANATION if k in keys), "")
        name = next((_text(option[keys[k]]) for k in _OPTION_NAME if k in keys), "")
        options.append((text, flag is True or str(flag).strip().lower() in _TRUE, why))
        names.append(fold(name) or _name_at(n))
    if not any(right for _, right, _ in options) and _keyed(record, _ANSWER):
        lettered = [(name, text) for name, (text, _, _) in zip(names, options, strict=True)]
        right = _right(record, lettered, line, file, from_zero)
        options = [(t, name in right, w) for name, (t, _, w) in zip(names, options, strict=True)]
    return [option for option in options if option[0]]


def _name_at(n: int) -> str:
    """An option's name by its place: "a" to "f", then numbers."""
    return _LETTERS[n] if n < len(_LETTERS) else str(n + 1)


def _right(
    record: dict[str, Any], lettered: list[tuple[str, str]], line: int, file: str,
    from_zero: bool,
) -> set[str]:  # fmt: skip
    """The names of the right options: the answer read by letter, number or text, or
    by position (an integer: from 0 where the file counts so)."""
    answer = record.get(_keyed(record, _ANSWER) or "")
    if answer is None or answer in ("", []):
        raise DeckError('the question gives no answer (an "answer" field, or options '
                        'flagged "correct")', file=file, line=line)  # fmt: skip
    values = answer if isinstance(answer, list) else [answer]
    right: set[str] = set()
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool):
            at = value if from_zero else value - 1
            if not 0 <= at < len(lettered):
                raise DeckError(f"the answer {value} names no option (there are "
                                f"{len(lettered)})", file=file, line=line)  # fmt: skip
            right.add(lettered[at][0])
        else:
            right |= answered(_text(value), lettered, file, line)
    return right
