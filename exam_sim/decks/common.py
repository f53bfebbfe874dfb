"""What every deck reader shares: decoding bytes, HTML detection, and turning raw rows
(term, definition, line, topic name, tags) into a validated `Deck`.

Readers for formats without card ids (plain text, CSV/TSV, Anki) collect `RawCard`s and
call `build_deck`, so ids, topic entries and the common-suffix clean-up behave the same
whatever the file looked like.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from exam_sim.decks.cloze import expand_cloze
from exam_sim.decks.markdown_text import inline_text, looks_like_inline_markdown
from exam_sim.decks.plain_cards import plain_cards
from exam_sim.decks.turned import turn_round
from exam_sim.lexicon import capitalised
from exam_sim.models import Card, Deck, DeckError, Topic, make_card
from exam_sim.side_names import language, language_coded
from exam_sim.text import BULK_CHUNK, fold, html_to_text, slugify, slugify_all, term_symbols
from exam_sim.units import listed

# Tags that real flashcard exports use; "a < b" or "List<int>" must not count as HTML.
_HTML_HINT = re.compile(
    r"<\s*/?\s*(p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|sub|sup|img|table|tr|td|th"
    r"|code|pre|font|hr|blockquote|small|big|center)\b[^<>]*>"
    r"|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});",
    re.IGNORECASE,
)
_PAREN_SUFFIX = re.compile(r"^(?P<outer>.*\S)\s*\((?P<inner>[^()]+)\)\s*$", re.DOTALL)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# A leading row that describes the deck instead of defining a term (the Google glossary
# deck starts with "Introduction (…)" and a page of HTML about the deck and its licence).
_INTRO_TERMS = {"introduction", "introduccion", "intro", "about", "about this deck", "readme"}
_INTRO_MIN_CHARS = 200

# A suffix counts as "on every term" when at least this share of terms carries it.
_SUFFIX_SHARE = 0.9
_SUFFIX_MIN_CARDS = 3


@dataclass(slots=True)  # a million of them at once in a large deck: no dict each
class RawCard:
    """One card as a reader found it, before ids and clean-up."""

    term: str
    definition: str
    line: int
    topic: str | None = None  # a topic *name* as written in the file
    tags: tuple[str, ...] | list[str] = ()
    id: str | None = None
    # Cards made from one note (its cloze numbers) share this number: they are one
    # sentence, so they are declared related (never options for each other).
    note: int | None = None


def title_from_stem(stem: str, sides: tuple[str, str] | None = None) -> str:
    """A deck title from a file name: "spanish_verbs-2024" → "Spanish verbs 2024" (words
    split at _ and -, the first letter capital when the name is all lower case); a
    language's code first, where a side names that language, its name: "vi-vocabulary"
    beside "Vietnamese,English" → "Vietnamese vocabulary" (before, "Vi vocabulary")."""
    parts = re.split(r"[_\-\s]+", stem.strip())
    if len(parts) > 1 and (named := language_coded(parts[0], sides)):
        parts[0] = named
    words = " ".join(parts).strip()
    if words and words == words.lower():
        words = capitalised(words)
    return words


# What Office 97–2003 files open with (OLE2 compound files: .doc, .xls, .ppt): no reader
# takes them; read as text, they were "not UTF-8 text (byte 0xd0 at line 1)".
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLD_OFFICE = (
    "an Office 97–2003 file (.doc, .xls or .ppt), which exam-sim does not read: save it "
    "as .docx, .xlsx or .pptx (File → Save As), then read that"
)


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, or a `DeckError` saying why it cannot be read (an empty file
    is said to be empty whatever its name: not a damaged PDF or Word document)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
        if not data:
            raise DeckError("the file is empty", file=name)
        if data.startswith(_COMPOUND_FILE):
            raise DeckError(_OLD_OFFICE, file=name)
        return data
    except FileNotFoundError:
        raise DeckError("no such file", file=name) from None
    except IsADirectoryError:
        raise DeckError("this is a folder, not a deck file", file=name) from None
    except OSError as error:
        raise DeckError(f"cannot read the file ({error.strerror or error})", file=name) from None


# How a one-card-a-line text file separates term and definition, most telling first: a
# file in which every non-blank line holds one (a Quizlet export pasted into a .txt, an
# Obsidian "term::definition" list, RemNote's "term >> definition", a word list's
# "hello → hola", a glossary of "word: meaning" lines) is not the alternating-lines
# format, whose term lines rarely hold any. An arrow says more than a dash, which a
# definition may hold; ": " comes last: a definition may hold one ("Note: …") where
# another separator splits the line. A Markdown list item splits at the same, less the
# tab (`decks.markdown`).
LINE_SEPARATORS = (
    "\t", "::", ">>", "→", " -> ", " => ", " - ", " – ", " — ", " : ", " = ", ": ",
)  # fmt: skip


def skipped_said(lines: list[int], one: str, many: str, most: int = 5) -> str:
    """What a reader skipped, with its lines: "; 2 paragraphs without a card skipped
    (lines 4, 9)" (`one` or `many` naming them; the first `most` lines, then "…"), or ""
    when it skipped nothing."""
    if not lines:
        return ""
    plural = len(lines) != 1
    where = listed(lines, most)
    return f"; {len(lines):,} {many if plural else one} skipped (line{'s' * plural} {where})"


_LEADING_SPACE = re.compile(r"[\ufeff \t\r\n]*")


def opening(text: str, chars: int) -> str:
    """The first `chars` characters of `text` after its leading blank lines and byte-order
    mark, without copying the rest (a format is told from a 200 MB file's opening)."""
    start = _LEADING_SPACE.match(text, 0, 100_000)
    at = start.end() if start else 0
    return text[at : at + chars]


def display_name(file: str | Path | None) -> str:
    return str(file) if file is not None else "<text>"


def decode(data: str | bytes, file: str) -> str:
    """Bytes to text: UTF-8 with or without BOM, UTF-16 with its BOM (Excel's "Unicode
    Text"), or Windows-1252 where every other letter is one of Western Europe's (Excel's
    CSV on Windows: `windows_1252`); anything else is a one-line `DeckError`."""
    return decode_noting(data, file)[0]


def decode_noting(data: str | bytes, file: str) -> tuple[str, str | None]:
    """`decode`, and what the reader says of the bytes: WINDOWS_1252_NOTE when they were
    read so, else None."""
    text, note = _decoded(data, file) if isinstance(data, bytes) else (data, None)
    # One line ending everywhere, so CRLF inside quoted fields does not leak into cards.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = line_of_offset(text, text.index("\x00"))
        raise DeckError(f"binary data, not a text deck (NUL byte at line {line})", file=file)
    if not text or text.isspace():  # not `strip()`: a large deck's text is not copied
        raise DeckError("the file is empty", file=file)
    return text, note


def _decoded(data: bytes, file: str) -> tuple[str, str | None]:
    """The text of the bytes, and WINDOWS_1252_NOTE when they were read so."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise DeckError("not UTF-16 text, though it opens as such", file=file) from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        text = windows_1252(data)
        if text is not None:
            return text, WINDOWS_1252_NOTE
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise DeckError(
            f"not UTF-8 text (byte 0x{byte:02x} at line {line}); save it as UTF-8", file=file
        ) from None


# The letters and signs of Windows-1252 that Western Europe's languages write (French,
# German, Spanish, Portuguese, Italian, Dutch, the Nordic ones), and its typography. Its
# others mark another code page read wrongly: "ð", "ý", "þ" are Turkish "ğ", "ı", "ş" in
# Windows-1254, "³" and "¹" Polish "ł" and "ą" in Windows-1250.
_WESTERN = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüÿœßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜŸŒ€‚„…‘’“”•–—™«»°±·©®§¶¡¿ºª"
)
WINDOWS_1252_NOTE = (
    "read as Windows-1252, not UTF-8 (as Excel saves a CSV on Windows); if a letter looks "
    "wrong, save the file as UTF-8"
)


def windows_1252(data: bytes) -> str | None:
    """The text of bytes that are no UTF-8, read as Windows-1252, when every character
    past ASCII is one `_WESTERN` holds and they are a third of the letters at most (a
    word of Cyrillic or Greek read so is all accented letters: "ïðèâåò"); else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # a byte it leaves undefined: another code page
        return None
    high = [ch for ch in text if ord(ch) > 127]
    if not set(high) <= _WESTERN:
        return None
    letters = sum(map(str.isalpha, text))
    return text if 3 * sum(map(str.isalpha, high)) <= letters else None


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: only CR, LF and CRLF end a line."""
    return _LINE_BREAK.split(text)


def iter_lines(text: str) -> Iterator[str]:
    """`split_lines`, one line at a time (reading a file's first lines splits no more)."""
    start = 0
    for match in _LINE_BREAK.finditer(text):
        yield text[start : match.start()]
        start = match.end()
    yield text[start:]


def line_of_offset(text: str, offset: int) -> int:
    return len(_LINE_BREAK.findall(text[:offset])) + 1


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text))


def clean_field(text: str, *, html: bool | None = None) -> str:
    """A field's text: HTML stripped when `html` is True (or, when None, when it looks like
    HTML), inline Markdown when it holds paired Markdown marks (`markdown_text`);
    otherwise only surrounding whitespace is removed. Deck text stays data."""
    if html or (html is None and looks_like_html(text)):
        text = html_to_text(text)
    return inline_text(text) if looks_like_inline_markdown(text) else text.strip()


def clean_fields(cells: list[str], html: bool | None) -> list[str]:
    """`clean_field` of each cell; cells of which none looks like HTML or Markdown (one
    scan of them all: a match in a cell is a match in the joined text) are only stripped.
    A chunk at a time: a 1M-card column joined whole took 150 MB."""
    out: list[str] = []
    for start in range(0, len(cells), BULK_CHUNK):
        chunk = cells[start : start + BULK_CHUNK]
        joined = "\x00".join(chunk)
        # With html False, no HTML scan: clean_field would not strip it anyway.
        marked = (html is None and looks_like_html(joined)) or looks_like_inline_markdown(joined)
        if html is not True and not marked:
            out += [cell.strip() for cell in chunk]
        else:
            out += [clean_field(cell, html=html) for cell in chunk]
    return out


def split_tags(text: str) -> list[str]:
    """Tags cell: comma- or semicolon-separated when it has those, else space-separated."""
    parts = re.split(r"[,;]", text) if re.search(r"[,;]", text) else text.split()
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def common_suffix(terms: list[str]) -> str | None:
    """The parenthesised suffix (nearly) every term ends with, like "(Glosario sobre …)"."""
    if len(terms) < _SUFFIX_MIN_CARDS:
        return None
    counts: Counter[str] = Counter()
    for term in terms:
        match = _PAREN_SUFFIX.match(term)
        if match:
            counts[match["inner"].strip()] += 1
    if not counts:
        return None
    suffix, count = counts.most_common(1)[0]
    return suffix if count >= _SUFFIX_SHARE * len(terms) else None


def strip_suffix(term: str, suffix: str) -> str:
    match = _PAREN_SUFFIX.match(term)
    if match and match["inner"].strip() == suffix:
        return match["outer"].strip()
    return term


# A label every term (or every definition) of a deck opens with: "Q:" and "A:", "Front:",
# "Term:", a Markdown heading or bullet. Said once for all the cards, it is a format's mark,
# not the cards' text; options opening "A: …" only read worse.
_LABEL = re.compile(r"(#{1,6}|[-*•]|[^\W\d_]{1,12} ?:)\s+")
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+")


def common_label(texts: list[str]) -> str | None:
    """The label every one of `texts` (at least three) opens with, or None; the first
    text without one ends the search."""
    if len(texts) < _SUFFIX_MIN_CARDS:
        return None
    first = _LABEL.match(texts[0])
    if first is None:
        return None
    label = first[1].replace(" ", "")
    for text in texts:
        match = _LABEL.match(text)
        if match is None or match[1].replace(" ", "") != label:
            return None
    return label


def strip_label(text: str) -> str:
    return _LABEL.sub("", text, count=1)


def is_intro_row(raw: RawCard) -> bool:
    name = fold(raw.term)
    long_enough = len(raw.definition) >= _INTRO_MIN_CHARS
    return long_enough and (name in _INTRO_TERMS or name.startswith("introduction "))


def term_key(term: str, folded: str | None = None) -> str:
    """When two terms count as the same: equal after `fold`, except that symbols `fold`
    drops but which change the meaning ("C", "C++", "C#") keep them apart. `folded`:
    `fold(term)`, when the caller has it already."""
    symbols = term_symbols(term)
    return f"{(fold(term) if folded is None else folded) or term}\x00{symbols}"


class TakenIds(set[str]):
    """Ids given so far, and for each base the last number `unique_id` gave it: 10,000
    cards of one term tried -2, -3 … from the start each (50 million tries, 20 s)."""

    def __init__(self) -> None:
        super().__init__()
        self.numbered: dict[str, int] = {}


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … whichever is free (ids stay within the 60-char slug).
    Given `TakenIds`, the numbers go on from the last one given to `base`."""
    numbered = taken.numbered if isinstance(taken, TakenIds) else {}
    candidate, n = base, numbered.get(base, 1)
    while candidate in taken:
        n += 1
        tail = f"-{n}"
        candidate = base[: 60 - len(tail)].rstrip("-") + tail
    if n > 1:
        numbered[base] = n
    taken.add(candidate)
    return candidate


def collect_topics(names: list[str]) -> dict[str, Topic]:
    """Topics named by the cards, keyed by `term_key` of the name, in order of first use.

    Names that differ only in case, accents or punctuation ("AI Services", "ai-services")
    are one topic; names that are different but slugify alike ("C" and "C++", or two
    names whose transliterations meet) get `-2`, `-3` … so no topic swallows another."""
    topics: dict[str, Topic] = {}
    taken: set[str] = TakenIds()
    for name in names:
        key = term_key(name)
        if key not in topics:
            topic_id = unique_id(slugify(name), taken)
            topics[key] = Topic(id=topic_id, name=name)
    return topics


def build_deck(
    raws: list[RawCard],
    *,
    file: str,
    title: str | None = None,
    deck_id: str | None = None,
    description: str = "",
    source: str = "",
    topic_order: list[str] | None = None,
    reader_notes: tuple[str, ...] = (),
    place: str = "line",
    sides: tuple[str, str] | None = None,
    turn: bool = False,
) -> Deck:
    """Validated `Deck` from raw rows: common suffix removed, intro row turned into the
    description, ids derived and made unique (also for repeated terms), topics collected.
    `place` is what a raw card's `line` counts: "line", or "note" in a file without lines
    (an Anki package), whose cards then have no line. Raw cards the caller keeps no
    reference to are freed as they become cards. `turn`: the file does not say which
    side is the term, so a card written as a description before its name is turned
    round (`turned`)."""
    if not raws:
        raise DeckError("no cards found", file=file)
    notes: list[str] = []
    suffix = common_suffix([r.term for r in raws])
    if suffix:
        for raw in raws:
            raw.term = strip_suffix(raw.term, suffix)
        notes.append(f'The suffix "({suffix})" was removed from every term.')
    for side in ("term", "definition"):
        label = common_label([getattr(raw, side) for raw in raws])
        if label:
            for raw in raws:
                setattr(raw, side, strip_label(getattr(raw, side)))
            notes.append(f'The label "{label}" was removed from every {side}.')
    if len(raws) > 1 and is_intro_row(raws[0]):
        description = "\n\n".join(p for p in (description, raws[0].definition) if p)
        raws = raws[1:]
    if notes:
        description = "\n\n".join(p for p in (description, *notes) if p)
    raws, reader_notes = _as_cards(raws, reader_notes, turn=turn, place=place)

    stem = Path(file).stem if file and not file.startswith("<") else ""
    title = _MARKDOWN_HEADING.sub("", (title or "").strip(), count=1)  # "# My deck"
    title = title or suffix or title_from_stem(stem, sides) or "Untitled deck"
    deck_id = deck_id or slugify(stem or title, fallback="deck")

    for raw in raws:
        if not raw.term:
            raise DeckError("the card has no term", file=file, line=raw.line, place=place)
        if not raw.definition:
            raise DeckError(
                f"the term {short(raw.term)} has no definition",
                file=file,
                line=raw.line,
                place=place,
            )

    # Terms that repeat after folding ("ad" and "ad-", one word with two meanings) are
    # kept: real decks have them, ids stay unique below, and `check` reports them.
    topics = collect_topics([*(topic_order or []), *(r.topic for r in raws if r.topic)])

    taken: set[str] = TakenIds()
    card_ids = [unique_id(slug, taken) for slug in slugify_all([r.id or r.term for r in raws])]
    del taken  # 32 MiB at 1M ids: a 1M-card CSV's build peaked 32 MiB higher with it kept
    topic_ids = {name: topic.id for name, topic in topics.items()}
    card_topics = [topic_ids[term_key(raw.topic)] if raw.topic else None for raw in raws]
    related = _siblings(raws, card_ids)
    # A chunk at a time (columns joined stay small: `plain_cards`). Raw cards handed over
    # by a caller that keeps none (the CSV reader) go once they are cards: made at once,
    # they free whole pools of memory, which the next chunk's cards reuse (a 1M-card
    # CSV's build peaked 54 MiB lower than when all went at the end).
    chunks = [raws[start : start + BULK_CHUNK] for start in range(0, len(raws), BULK_CHUNK)]
    del raws
    # Sides naming two languages: the terms are phrases to translate, "where is the
    # station?" among them, never questions to answer.
    phrases = sides is not None and all(map(language, sides))
    chunks.reverse()
    cards: list[Card] = []
    while chunks:
        chunk = chunks.pop()
        start, end = len(cards), len(cards) + len(chunk)
        cards += _cards(
            chunk, card_ids[start:end], card_topics[start:end], file, place, related[start:end],
            phrases=phrases,
        )  # fmt: skip
        del chunk
    del card_ids, card_topics, related  # 8 MB each at 1M cards: gone before `Deck` checks
    all_cards = tuple(cards)
    del cards
    try:
        return Deck(
            id=deck_id,
            title=title,
            description=description,
            source=source,
            sides=sides,
            cards=all_cards,
            topics=tuple(topics.values()),
            path=file,
            notes=(*notes, *reader_notes),
        )
    except ValidationError as error:
        raise DeckError(validation_problem(error), file=file) from None


def _as_cards(
    raws: list[RawCard], reader_notes: tuple[str, ...], *, turn: bool, place: str
) -> tuple[list[RawCard], tuple[str, ...]]:
    """The raw cards as cards read: turned round where written the other way (`turn`),
    one per cloze number (before the checks); and the reader's notes with what was done."""
    turned_note = turn_round(raws, place) if turn else None
    raws, cloze_note = expand_cloze(raws)
    return raws, tuple(filter(None, (cloze_note, *reader_notes, turned_note)))


def _siblings(raws: list[RawCard], card_ids: list[str]) -> list[tuple[str, ...]]:
    """Each card's related cards: the other cards made from its note (`RawCard.note`)."""
    notes: dict[int, list[str]] = {}
    for raw, card_id in zip(raws, card_ids, strict=True):
        if raw.note is not None:
            notes.setdefault(raw.note, []).append(card_id)
    if not notes:
        return [()] * len(raws)
    return [
        () if raw.note is None else tuple(other for other in notes[raw.note] if other != card_id)
        for raw, card_id in zip(raws, card_ids, strict=True)
    ]


def _cards(
    raws: list[RawCard],
    card_ids: list[str],
    card_topics: list[str | None],
    file: str,
    place: str = "line",
    related: list[tuple[str, ...]] | None = None,
    *,
    phrases: bool = False,
) -> list[Card]:
    """The cards of these rows. Cards with no tags or related cards are built a column at
    a time (`plain_cards`, 1.5 µs a card against make_card's 10); when one of them is
    anything it would not keep as is, each by `make_card`, which says what is wrong and
    where."""
    # A card keeps its line; a file without lines (`place` "note") gives none.
    lines = [raw.line for raw in raws] if place == "line" else [None] * len(raws)
    related = related or [()] * len(raws)
    if not any(raw.tags for raw in raws) and not any(related):
        cards = plain_cards(
            card_ids,
            [raw.term for raw in raws],
            [raw.definition for raw in raws],
            card_topics,
            ["definition" if phrases else None] * len(raws),
            lines,
        )
        if cards is not None:
            return cards
    made = []
    for raw, card_id, topic_id, line, others in zip(
        raws, card_ids, card_topics, lines, related, strict=True
    ):
        try:
            made.append(
                make_card(
                    raw.term, raw.definition, id=card_id, topic=topic_id, tags=raw.tags,
                    related=others, line=line, kind="definition" if phrases else None,
                )
            )  # fmt: skip
        except ValidationError as error:
            raise DeckError(
                validation_problem(error), file=file, line=raw.line, place=place
            ) from None
    return made


def short(text: str, limit: int = 60) -> str:
    """A term quoted for a message, cut to one short line."""
    one_line = " ".join(text.split())
    if len(one_line) > limit:
        one_line = one_line[: limit - 1].rstrip() + "…"
    return repr(one_line) if "'" not in one_line else f'"{one_line}"'


def validation_problem(error: ValidationError) -> str:
    """The first pydantic complaint as a short phrase ("title: must not be blank")."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
