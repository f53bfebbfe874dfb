"""Pick the right reader for a file, find decks by id, list and import them.

Format choice: an explicit `format` wins; otherwise Anki header lines (`#separator:` …)
win over the extension; then `.toml` is native, `.txt` plain text, `.csv`/`.tsv` delimited;
an unknown extension is decided by content.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import itertools
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from exam_sim import paths
from exam_sim.decks.aiken import looks_like_aiken, parse_aiken
from exam_sim.decks.anki import has_anki_headers, parse_anki
from exam_sim.decks.apkg import parse_apkg
from exam_sim.decks.calc import parse_ods
from exam_sim.decks.catalog import Catalog, deck_files, facts_of, named_file, remember
from exam_sim.decks.common import (
    LINE_SEPARATORS,
    common_label,
    decode_noting,
    iter_lines,
    read_bytes,
    term_key,
    unique_id,
    validation_problem,
)
from exam_sim.decks.delimited import (
    QUIZLET_HINT_BELOW,
    QUIZLET_HINT_MAX_CHARS,
    parse_delimited,
    quizlet_hint,
    read_records,
)
from exam_sim.decks.document import parse_docx
from exam_sim.decks.formats import EXTENSIONS, normalise_format
from exam_sim.decks.gift import looks_like_gift, parse_gift
from exam_sim.decks.json_deck import parse_json
from exam_sim.decks.logseq import looks_like_logseq_cards, parse_logseq
from exam_sim.decks.markdown import looks_like_markdown, parse_markdown
from exam_sim.decks.moodle import looks_like_moodle_xml, parse_moodle_xml
from exam_sim.decks.native import deck_to_toml, parse_native, write_native
from exam_sim.decks.native_stream import read_plain_native
from exam_sim.decks.obsidian import looks_like_obsidian_cards, parse_obsidian
from exam_sim.decks.odt import parse_odt
from exam_sim.decks.org import looks_like_org, parse_org
from exam_sim.decks.pdf import parse_pdf
from exam_sim.decks.plaintext import parse_plaintext
from exam_sim.decks.slides import parse_pptx
from exam_sim.decks.webpage import looks_like_html, parse_html
from exam_sim.decks.workbook import parse_workbook
from exam_sim.decks.zipped import BINARY, binary_format, opened_zip
from exam_sim.errors import UsageError
from exam_sim.gc_pause import gc_paused
from exam_sim.models import Blueprint, Deck, DeckError, Topic
from exam_sim.text import slugify
from exam_sim.units import counted, deck_size

_QUIZLET_OPTIONS = ("term_separator", "card_separator")


@dataclass(frozen=True)
class TopicInfo:
    id: str | None
    name: str
    cards: int
    weight: float | None = None  # the topic's declared share of a mock exam


@dataclass(frozen=True)
class DeckInfo:
    """What `exam-sim decks` shows about one deck file."""

    id: str
    title: str
    cards: int
    topics: tuple[TopicInfo, ...]
    path: Path
    where: str  # "bundled" | "library"
    error: str | None = None  # set (and the rest guessed) when the file cannot be read
    description: str = field(default="", repr=False)
    blueprint: Blueprint | None = None  # the exam the deck states, if it states one
    items: int = 0  # questions written in the deck (a question bank has only these)

    @property
    def size(self) -> str:
        """ "78 cards", "6 items", "78 cards and 6 items" (`units.deck_size`)."""
        return deck_size(self.cards, self.items)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "cards": self.cards,
            "items": self.items,
            "topics": [
                {"id": t.id, "name": t.name, "cards": t.cards, "weight": t.weight}
                for t in self.topics
            ],
            "blueprint": None
            if self.blueprint is None
            else self.blueprint.model_dump(exclude={"assumed"}),
            "path": str(self.path),
            "where": self.where,
            "error": self.error,
        }


def complete_deck_path(typed: str) -> str | None:
    """What a path being typed may go on to: the first entry of its folder, in name order,
    whose name starts with what follows the last "/" and that is a folder (completed with
    "/") or a file of a deck format's extension; None when there is none, or nothing is
    typed after the "/". "~" stays as typed. For the TUI's path field (a suggestion the
    learner takes with →)."""
    folder_text, slash, start = typed.rpartition("/")
    if not start:
        return None
    folder = Path(folder_text + slash or ".").expanduser()
    try:
        names = sorted(entry.name for entry in folder.iterdir() if entry.name.startswith(start))
    except OSError:
        return None
    for name in names:
        entry = folder / name
        with contextlib.suppress(OSError):
            if entry.is_dir():  # typed whole, it still gains its "/"
                return f"{typed}{name[len(start) :]}/"
            suffix = entry.suffix.lower()
            if entry.is_file() and (suffix in EXTENSIONS or suffix == ".zip") and name != start:
                return f"{typed}{name[len(start) :]}"
    return None


def detect_format(path: Path, text: str) -> str:
    """The reader for a file, from its content first (Anki headers) and then extension."""
    if has_anki_headers(text):
        return "anki"
    by_extension = EXTENSIONS.get(path.suffix.lower())
    if by_extension in (None, "text", "markdown"):  # notes of apps with flashcards
        if looks_like_logseq_cards(text):
            return "logseq"  # blocks tagged #card
        if looks_like_obsidian_cards(text):
            return "obsidian"  # "front::back", "?" between two sides
    if by_extension in (None, "text") and (marked := _marked_format(text)) is not None:
        return marked
    if by_extension in (None, "text"):
        # Question banks are often plain .txt files: their own marks tell them apart.
        if looks_like_gift(text):
            return "gift"
        if looks_like_aiken(text):
            return "aiken"
    if by_extension == "markdown" and not looks_like_markdown(text):
        return "text"  # lines as the plain-text formats have them, with no Markdown marks
    if by_extension:
        return by_extension
    try:
        if "format" in tomllib.loads(text):
            return "native"
    except tomllib.TOMLDecodeError:
        pass
    # The first line with text: leading blank lines say nothing about the format.
    first = next((line for line in text.split("\n") if line.strip()), "")
    if any(sep in first for sep in ("\t", "|", ";", ",")):
        return "csv"
    return "text"


def _marked_format(text: str) -> str | None:
    """The format a text file's opening says, whatever its name: a web page saved from a
    browser ("<!DOCTYPE html>"), a Moodle XML bank ("<?xml …><quiz>"), an Org file
    ("#+TITLE:")."""
    if looks_like_html(text):
        return "html"
    if looks_like_moodle_xml(text):
        return "moodle"
    return "org" if looks_like_org(text) else None


def load_deck(path: str | Path, *, format: str | None = None, **options: Any) -> Deck:
    """Read a deck file of any supported format. Bad input raises only `DeckError`.

    Options go to the reader: `title`, `deck_id` (all); `delimiter`, `header`, `html`,
    `term_separator`, `card_separator` (csv/tsv). Giving a Quizlet separator implies csv.
    """
    path = Path(path)
    name = str(path)
    streamed = _read_in_pieces(path, format, options)
    if streamed is not None:
        return streamed
    source: str | bytes = read_bytes(path)
    chosen = _stated_format(format, options)
    note = None  # how the format was chosen, when the file did not say
    if chosen is None:
        chosen = binary_format(EXTENSIONS.get(path.suffix.lower()), source)
    unzipped = None  # the note on a deck file read from inside a zip
    if chosen == "zip":
        path, source, chosen, unzipped = opened_zip(source, EXTENSIONS, name)
    read_as = None  # how the bytes were read, when not as UTF-8
    if chosen not in BINARY:
        # Decoded once, the bytes dropped (a large deck's file is not held twice): the
        # reader is given the text.
        source, read_as = decode_noting(source, name)
    guessing = chosen is None
    if chosen is None:
        assert isinstance(source, str)  # decoded above: no package
        chosen, source, options, note = _guessed_format(path, source, options)
    note = "; ".join(filter(None, (unzipped, read_as, note))) or None
    options = {key: value for key, value in options.items() if value is not None}
    reader = _READERS[chosen]
    # Checked before the reader runs: a TypeError raised inside a reader is a bug in it,
    # and surfaces as one, not as a "bad option".
    extra = sorted(set(options) - reader_options(chosen))
    if extra:
        raise DeckError(f"the {chosen} format takes no option {extra[0]!r}", file=name)
    if chosen == "tsv":
        options.setdefault("delimiter", "\t")
    # A file whose format and separators were guessed: if it reads as too few cards, or
    # not at all, and splits well at a Quizlet export's custom separators, it is said how
    # to read it.
    guessed = source if guessing and isinstance(source, str) and chosen in _HINTED else None
    if guessed is not None and len(guessed) > QUIZLET_HINT_MAX_CHARS:
        guessed = None
    try:
        with gc_paused():  # a large deck makes millions of objects and no cycles
            if chosen in ("csv", "tsv"):  # the text let go once read: cards copy its cells
                records = read_records(source, file=name, **options)
                del source
                deck = records.deck()
            else:
                deck = reader(source, file=name, **options)
    except DeckError as error:
        hint = quizlet_hint(guessed, 0) if guessed is not None else None
        if hint is None:
            raise
        raise DeckError(f"{error.problem}; {hint}", file=error.file, line=error.line) from None
    if guessed is not None and len(deck.cards) < QUIZLET_HINT_BELOW and not deck.items:
        hint = quizlet_hint(guessed, len(deck.cards))
        if hint is not None:
            read = note or f"only {counted(len(deck.cards), 'card')} read"
            note = f"{read}; {hint}"
    if note is not None:
        deck = deck.model_copy(update={"notes": (note, *deck.notes)})
    return deck


def _stated_format(format: str | None, options: dict[str, Any]) -> str | None:
    """The format given, or "csv" when a Quizlet separator is (`load_deck`'s rule 2)."""
    chosen = normalise_format(format)
    if chosen is None and any(options.get(key) is not None for key in _QUIZLET_OPTIONS):
        return "csv"
    return chosen


def _guessed_format(
    path: Path, text: str, options: dict[str, Any]
) -> tuple[str, str, dict[str, Any], str | None]:
    """The format of a file that does not say it, its text and the reader's options as
    that format reads them, and how it was chosen (None when the file's form says it)."""
    chosen = detect_format(path, text)
    separator, title = line_separator(text) if chosen == "text" else (None, None)
    if separator is None:
        return chosen, text, options, None
    # One card a line, not the alternating lines.
    chosen = "tsv" if separator == "\t" else "csv"
    if separator != "\t":
        options = {**options, "term_separator": separator, "card_separator": "\n"}
    shown = "a tab" if separator == "\t" else repr(separator)
    note = f"read as one card a line, term and definition split at {shown}"
    if title is not None:
        # The title line becomes a blank one: the cards keep their line numbers.
        start = text.index(title)
        text = text[:start] + text[start + len(title) :]
        options = {"title": title.strip(), **options}  # a title given wins
        note += "; the first line is the title"
    return chosen, text, options, note


def line_separator(text: str) -> tuple[str | None, str | None]:
    """The separator every non-blank line of `text` holds (the first of LINE_SEPARATORS
    that does), or every one but the first, which is then a title line (as in the
    alternating format): (separator, title line or None); (None, None) when there is
    none. A pass per separator, each ending at the first line without it."""
    first = list(itertools.islice(filter(str.strip, iter_lines(text)), 3))
    if len(first) < 2:  # one line is not a list of cards a line
        return None, None
    for separator in LINE_SEPARATORS:
        lines = filter(str.strip, iter_lines(text))
        titled = separator not in first[0] and len(first) == 3
        if titled:
            next(lines)
        if all(separator in line for line in lines) and not _labelled(text, separator, titled):
            return separator, first[0] if titled else None
    return None, None


# Lines read to tell labels from terms (`_labelled`).
LABEL_SAMPLE = 200


def _labelled(text: str, separator: str, titled: bool) -> bool:
    """Are these alternating lines (after the title line, when `titled`), each side
    opening with its label ("Q: What is…?" / "A: Paris")? Said of ": " only, the one
    separator a label ends with: the labels are those the alternating reader removes
    (`common.common_label`), so the file is read as such, not split at them."""
    if separator != ": ":
        return False
    lines = filter(str.strip, iter_lines(text))
    sample = [line.strip() for line in itertools.islice(lines, titled, titled + LABEL_SAMPLE)]
    return common_label(sample[0::2]) is not None and common_label(sample[1::2]) is not None


_HINTED = ("text", "csv", "tsv")  # formats a Quizlet export may be read as


def _read_in_pieces(path: Path, format: str | None, options: dict[str, Any]) -> Deck | None:
    """The deck of a native file read a piece at a time (`read_plain_native`: a large
    deck's bytes and text are never whole in memory), or None: read it as below. Only
    when the format is native, or not given and the extension says it."""
    if any(value is not None for value in options.values()):
        return None  # an option: the reader's refusal of it comes below
    try:
        chosen = normalise_format(format)
    except DeckError:
        return None  # said below, after any problem reading the file
    if chosen is None and EXTENSIONS.get(path.suffix.lower()) == "native":
        return read_plain_native(path, sniff=True)
    return read_plain_native(path) if chosen == "native" else None


_READERS: dict[str, Callable[..., Deck]] = {
    "native": parse_native,
    "text": parse_plaintext,
    "csv": parse_delimited,
    "tsv": parse_delimited,
    "anki": parse_anki,
    "apkg": parse_apkg,
    "aiken": parse_aiken,
    "gift": parse_gift,
    "markdown": parse_markdown,
    "json": parse_json,
    "obsidian": parse_obsidian,
    "logseq": parse_logseq,
    "xlsx": parse_workbook,
    "ods": parse_ods,
    "odt": parse_odt,
    "org": parse_org,
    "docx": parse_docx,
    "html": parse_html,
    "moodle": parse_moodle_xml,
    "pdf": parse_pdf,
    "pptx": parse_pptx,
}


def reader_options(format: str) -> frozenset[str]:
    """The options the reader of `format` takes: its keyword-only parameters but `file`."""
    parameters = inspect.signature(_READERS[format]).parameters.values()
    return frozenset(p.name for p in parameters if p.kind is p.KEYWORD_ONLY and p.name != "file")


def resolve_deck(spec: str) -> Deck:
    """A deck by bundled id, library id, or file path (in that order of lookup).

    Ids are looked up in the deck catalog (catalog.py): only the deck asked for is parsed,
    whatever else the library holds."""
    file = named_file(spec)
    if file is not None:
        return load_deck(file)
    path = Path(spec).expanduser()
    infos = list_decks()
    for info in infos:
        if info.error is None and info.id == spec:
            return load_deck(info.path)
    if path.is_dir():  # said as reading it would say it (`common.read_bytes`)
        raise DeckError("this is a folder, not a deck file", file=spec)
    if path.suffix or "/" in spec or "\\" in spec:
        raise DeckError("no such file", file=spec)
    available = [info.id for info in infos if info.error is None]
    listing = ", ".join(available) if available else "none yet"
    raise DeckError(f"no such deck or file (available decks: {listing})", file=spec)


def _info(file: Path, where: str, catalog: Catalog) -> DeckInfo:
    facts = catalog.get(file)
    if facts is None:
        try:
            deck = load_deck(file)
        except DeckError as error:
            return DeckInfo(
                id=file.stem,
                title=file.stem,
                cards=0,
                topics=(),
                path=file,
                where=where,
                error=str(error),
            )
        facts = facts_of(deck)
        catalog.put(file, facts)
    topics = tuple(
        TopicInfo(id=t_id, name=name, cards=n, weight=weight)
        for t_id, name, n, weight in facts["topics"]
    )
    stated = facts["blueprint"]
    return DeckInfo(
        id=facts["id"],
        title=facts["title"],
        cards=facts["cards"],
        items=facts["items"],
        topics=topics,
        path=file,
        where=where,
        description=facts["description"],
        blueprint=None if stated is None else Blueprint.model_validate(stated),
    )


def list_decks() -> list[DeckInfo]:
    """Bundled decks first, then the user's library, each sorted by file name. A deck
    file unchanged since it was last listed is not read again (catalog.py)."""
    catalog = Catalog()
    bundled = [_info(file, "bundled", catalog) for file in deck_files(paths.bundled_dir())]
    library = [_info(file, "library", catalog) for file in deck_files(paths.library_dir())]
    catalog.save()
    return bundled + library


def library_deck(deck_id: str) -> DeckInfo:
    """The library deck `deck_id` names (by id, or by file name for one that cannot be
    read), or a `DeckError` saying why there is none: a bundled deck is not the user's to
    remove, and a mistyped id lists the library's ids (`UsageError`)."""
    infos = list_decks()
    for info in infos:
        if info.where == "library" and deck_id in (info.id, info.path.stem, info.path.name):
            return info
    if any(info.where == "bundled" and info.id == deck_id for info in infos):
        raise UsageError(
            f"{deck_id!r} is a bundled deck; only the decks you imported are yours to remove"
        )
    ids = ", ".join(info.id for info in infos if info.where == "library")
    raise UsageError(
        f"no deck {deck_id!r} in your library ({f'its decks: {ids}' if ids else 'it is empty'})"
    )


def remove_deck(info: DeckInfo) -> None:
    """Delete a library deck's file (`library_deck`). The history of its attempts is kept:
    attempts name their deck by id, so importing it again under that id joins them up."""
    try:
        info.path.unlink()
    except FileNotFoundError:
        pass  # gone already: what was asked is done
    except OSError as error:
        raise DeckError(
            f"cannot remove it ({error.strerror or error})", file=str(info.path)
        ) from None


def import_deck(
    path: str | Path,
    *,
    title: str | None = None,
    topic: str | None = None,
    format: str | None = None,
    replace: bool = False,
    **options: Any,
) -> tuple[Deck, Path]:
    """Read any supported deck and store it in the library as native TOML.

    The id is slugify(title) when a title is given, else the deck's own id (from the file
    name for formats without one). `topic` is given to every card that has none. Refuses
    to shadow a bundled deck, and to overwrite a different library deck of the same id
    unless `replace`. Importing the same file twice is harmless.
    """
    with gc_paused():  # millions of objects and no cycles in a large deck
        return _import(Path(path), title, topic, format, replace, options)


def _import(
    source_path: Path,
    title: str | None,
    topic: str | None,
    format: str | None,
    replace: bool,
    options: dict[str, Any],
) -> tuple[Deck, Path]:
    deck = load_deck(source_path, format=format, **options)
    updates: dict[str, Any] = {}
    if title and title.strip():
        updates["title"] = title.strip()
        updates["id"] = slugify(title)
    if topic and topic.strip():
        updates.update(_with_topic(deck, topic.strip()))
    if not deck.source:
        updates["source"] = f"Imported from {source_path.name}."
    if updates:
        try:
            deck = Deck.model_validate({**dict(deck), **updates})
        except ValidationError as error:
            raise DeckError(validation_problem(error), file=str(source_path)) from None
    bundled_ids = {file.stem for file in deck_files(paths.bundled_dir())}
    if deck.id in bundled_ids:
        raise DeckError(
            f"a bundled deck is called {deck.id!r}; import under another name with --title",
            file=str(source_path),
        )
    target = paths.library_dir() / f"{deck.id}.toml"
    try:
        if replace:
            write_native(deck, target)
        else:
            write_native(deck, target, overwrite=False)
    except FileExistsError:
        # Taken, maybe a moment ago by another import: refused unless it is this very deck.
        if not _same_text(target, deck_to_toml(deck)):
            raise DeckError(
                f"the library already has a different deck {deck.id!r} ({target}); "
                "use --replace to overwrite it or --title to import it under another name",
                file=str(source_path),
            ) from None
    except OSError as error:
        raise DeckError(
            f"cannot write {target} ({error.strerror or error}); nothing was imported",
            file=str(source_path),
        ) from None
    remember(deck, target)
    return deck.model_copy(update={"path": str(target)}), target


def _same_text(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def _with_topic(deck: Deck, topic: str) -> dict[str, Any]:
    """Cards and topics after giving every topic-less card the named topic."""
    key = term_key(topic)  # the same test as for topics named in the file
    existing = next((t for t in deck.topics if t.id == topic or term_key(t.name) == key), None)
    # A new topic's slug may be taken by a different name ("C" vs "C++"): number it.
    taken = {t.id for t in deck.topics}
    target = existing or Topic(id=unique_id(slugify(topic), taken), name=topic)
    topics = deck.topics if existing else (*deck.topics, target)
    cards = tuple(
        card if card.topic else dataclasses.replace(card, topic=target.id) for card in deck.cards
    )
    return {"cards": cards, "topics": topics}
