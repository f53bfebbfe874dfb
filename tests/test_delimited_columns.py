"""The CSV reader reads a chunk of rows at a time into columns: the decks (and the errors)
are those it made when it held every row of the file at once."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st
from support.cards import FIELDS

from exam_sim.decks.column_names import says_the_term
from exam_sim.decks.common import RawCard, build_deck, clean_fields, split_tags
from exam_sim.decks.csv_records import csv_rows
from exam_sim.decks.delimited import (
    Records,
    _card_columns,
    _column,
    _rejoined,
    parse_delimited,
)
from exam_sim.decks.header_row import first_row_roles
from exam_sim.models import Deck, DeckError
from exam_sim.units import counted


def _deck_of_all_rows(
    text: str, file: str, *, delimiter: str, header: bool | None, html: bool | None
) -> Deck:
    """The deck as the reader made it from all the file's rows at once (its code before
    it read a chunk at a time, kept as the reference)."""
    rows = list(csv_rows(text, file, delimiter))
    prose = delimiter if delimiter in (",", ";") else None
    if not rows:
        raise DeckError("no cards found", file=file)
    first_line, first = rows[0]
    roles, notes, _ = first_row_roles(first_line, first, rows, header)
    turn = True  # no header naming the terms: cards written the other way are turned
    if roles is not None:
        del rows[0]
        turn = not says_the_term(
            first[roles.index("term")] if roles.index("term") < len(first) else ""
        )
        required = max(roles.index("term"), roles.index("definition")) + 1
        at = roles.index("definition")
        width = max(len(first), at + 1)  # a row past its header's width
        if unused := [c.strip() for c, r in zip(first, roles, strict=False) if c.strip() and not r]:
            names = ", ".join(f'"{name}"' for name in unused)
            was = "column {} was" if len(unused) == 1 else "columns {} were"
            notes += (f"the {was.format(names)} not read (exam-sim reads a term, definition, "
                      "topic, tags and id column)",)  # fmt: skip
    else:
        roles = ["term", "definition", "topic", "tags"]
        required, width, at = 2, 0, 1
    if prose is not None:
        rejoined = _rejoined(rows, prose, width, at)
        if rejoined:
            named = {",": "comma", ";": "semicolon"}[prose]
            notes += (
                f"{counted(rejoined, 'definition')} held an unquoted {named} followed "
                "by a space: read as text, not as more columns",
            )
    for line, row in rows:
        if len(row) < required:
            raise DeckError(
                f"expected {required} columns (term and definition), found {len(row)}: "
                f"{row[0].strip()[:50]!r}",
                file=file,
                line=line,
            )
    if not rows:
        raise DeckError("no cards found: only a header row", file=file, line=first_line)
    terms, definitions, topics = (
        clean_fields(_column(rows, roles, role), html) for role in ("term", "definition", "topic")
    )
    tags = [split_tags(cell) if cell else () for cell in _column(rows, roles, "tags")]
    ids = [cell.strip() or None for cell in _column(rows, roles, "id")]
    raws = [
        RawCard(term, definition, line, topic or None, tag_list, card_id)
        for (line, _), term, definition, topic, tag_list, card_id in zip(
            rows, terms, definitions, topics, tags, ids, strict=True
        )
    ]
    return build_deck(raws, file=file, reader_notes=notes, turn=turn)


def _outcome(read: Callable[[], Deck]) -> object:
    """The deck `read` gives as plain values, or the error it raises."""
    try:
        deck = read()
    except DeckError as error:
        return ("error", error.problem, error.file, error.line, error.place)
    cards = [tuple(getattr(card, field.name) for field in FIELDS) for card in deck.cards]
    return (cards, deck.id, deck.title, deck.description, deck.topics, deck.notes)


_TEXTS = st.sampled_from([
    "a", "Beta", "Gamma ray", " lead", "x, y", "<b>bold</b> text", "Tom &amp; Jerry",
    "t1;t2", "t1 t2", "Q: what is it", "line\nbreak", "Term (Suffix)", "What is it?",
    "{{c1::cloze}} note", "a longer sentence of several words here",
])  # fmt: skip
_CELLS = st.one_of(_TEXTS, st.sampled_from(["", " "]))
_HEADERS = st.sampled_from([
    None, ["term", "definition"], ["Question", "Answer", "Topic"],
    ["Topic", "Answer", "Question"], ["term", "definition", "tags", "id"],
    ["id", "term", "definition"], ["Formula", "Name"], ["Word", "Meaning"], ["term"],
])  # fmt: skip


@st.composite
def _rows(draw: st.DrawFn) -> list[list[str]]:
    """Rows of a term, a definition and up to three cells more; now and then one of a
    single cell."""
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 29)) == 13:
            rows.append([draw(_TEXTS)])
        else:
            rows.append([draw(_TEXTS), draw(_TEXTS), *draw(st.lists(_CELLS, max_size=3))])
    return rows


# Plain rows in the middle of a file: about as many as `_header_like` samples (the first
# row and the 200 after it are read at once, what follows a chunk at a time).
_PLAIN = st.sampled_from([0, 3, 199, 200, 201, 204])


@st.composite
def _files(draw: st.DrawFn) -> tuple[str, str]:
    """A CSV file (maybe a header, rows, plain rows, blank lines and rows again, maybe a
    quote never closed) and its delimiter."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    header = draw(_HEADERS)
    if header is not None:
        writer.writerow(header)
    writer.writerows(draw(_rows()))
    writer.writerows([f"plain {n}", f"what plain {n} means"] for n in range(draw(_PLAIN)))
    for row in draw(_rows()):
        if draw(st.booleans()):
            out.write("\n")
        writer.writerow(row)
    if draw(st.integers(0, 7)) == 3:  # (not an end: hypothesis draws those often)
        out.write(f'last{delimiter}"never closed\nmore\n')
    return out.getvalue(), delimiter


@settings(max_examples=300, deadline=None)
@given(
    _files(),
    st.sampled_from([None, True, False]),
    st.sampled_from([None, True, False]),
    st.integers(min_value=1, max_value=4),
)
def test_a_chunk_at_a_time_reads_what_all_rows_at_once_read(
    file: tuple[str, str], header: bool | None, html: bool | None, rows_at_once: int
) -> None:
    text, delimiter = file
    options = {"delimiter": delimiter, "header": header, "html": html}
    expected = _outcome(partial(_deck_of_all_rows, text, "f.csv", **options))

    def in_chunks() -> Deck:
        prose = delimiter if delimiter in (",", ";") else None
        columns, notes = _card_columns(
            csv_rows(text, "f.csv", delimiter), "f.csv", header=header, html=html,
            prose=prose, rows_at_once=rows_at_once,
        )  # fmt: skip
        return Records(columns, "f.csv", None, None, notes).deck()

    assert _outcome(in_chunks) == expected
    if text.strip():  # (an empty file is refused before it is read)
        assert _outcome(partial(parse_delimited, text, file="f.csv", **options)) == expected
