"""The first row of a CSV/TSV file: a header naming the columns, or a card. Known column
names decide (`column_names`); without them, the shape of the rows below it does, and the
reader says what it read ("line 1 (Phrase | Meaning) was read as the column names")."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from pathlib import PurePath
from typing import NamedTuple

from exam_sim.decks.column_names import column_role
from exam_sim.side_names import language
from exam_sim.text import FINAL_PARENTHESIS, fold, is_notation

_NOT_A_LABEL = re.compile(r"[\d.,;:!?()\[\]<>=]")  # in a cell: a card's text, not a column's name
HEADER_SAMPLE = 200  # rows after the first that the shape tests read
POSITIONAL = ("term", "definition", "topic", "tags")
Rows = list[tuple[int, list[str]]]


class FirstRow(NamedTuple):
    """What the first row is: the column roles it names (None: it is a card), what the
    reader says of it, and whether it names a column of numbers ("Interval,Semitones")."""

    roles: list[str | None] | None
    notes: tuple[str, ...] = ()
    numbers: bool = False


def first_row_roles(
    first_line: int, first: list[str], opening: Rows, header: bool | None, file: str = ""
) -> FirstRow:
    """What the first row is (`FirstRow`). `opening`: the first row and the HEADER_SAMPLE
    after it; `header`: forced to be (True) or not be (False) a header, or detected
    (None); `file`: the file's name, which may say what its rows are."""
    found = _first_row_roles(first_line, first, opening, header, file)
    if found.roles is None:
        return found
    roles, notes = _topics_unnamed(first, found.roles, opening)
    return FirstRow(roles, found.notes + notes, found.numbers)


def _first_row_roles(
    first_line: int, first: list[str], opening: Rows, header: bool | None, file: str
) -> FirstRow:
    shown = " | ".join(c.strip() for c in first[:2])
    roles = header_roles(first) if header is not False else None
    if roles is not None or header is False:
        return FirstRow(roles)
    if header is True:  # names we do not know: the columns by position
        return FirstRow(list(POSITIONAL))
    if _headed_by_numbers(first, opening):
        return FirstRow(["term", "definition", *map(column_role, first[2:])], numbers=True)
    if _headed_by_a_role(first, opening) or _above_written_terms(first, opening):
        note = (
            f"line {first_line} ({shown}) was read as the column names; if it is a card, "
            "import the file with --no-header"
        )
        return FirstRow(["term", "definition", *map(column_role, first[2:])], (note,))
    if said := _named_like_the_file(first, file):
        note = (
            f"line {first_line} ({shown}) was read as the column names, as the file's name "
            f"says '{said}'; if it is a card, import the file with --no-header"
        )
        return FirstRow(["term", "definition", *map(column_role, first[2:])], (note,))
    if _header_like(first, opening):
        note = (
            f"line {first_line} ({shown}) was read as a card; if it names the columns, "
            "rename them term and definition (or import the file with --header)"
        )
        return FirstRow(None, (note,))
    return FirstRow(None)


# Names of a column of few values that are no topics: a word's gender (its kind, "Part of
# speech", is read as a label: `column_names.with_kind`).
_NO_TOPICS = {
    fold(name)
    for name in (
        "gender", "article", "genus", "Artikel", "Geschlecht", "género", "genre", "род",
    )
}  # fmt: skip
TOPIC_WORDS = 4  # a topic is a label of a few words ("Early modern", "Week 3")


def _topics_unnamed(
    first: list[str], roles: list[str | None], opening: Rows
) -> tuple[list[str | None], tuple[str, ...]]:
    """A header's third column under a name no role knows ("Era", "Period", "Body
    system"), when the header names no topic, is the topics if its values read as
    topics: a short label (four words at most, 40 characters) on nine rows in ten or
    more, of eight or more, each value on three rows on average at least. A file without
    a header has its topics there; a word's gender is no topic ("Gender")."""
    if "topic" in roles or len(roles) < 3 or len(first) < 3 or roles[2] is not None:
        return roles, ()
    name = " ".join(first[2].split())
    if not name or fold(name) in _NO_TOPICS:
        return roles, ()
    rows = [row for _, row in opening[1 : HEADER_SAMPLE + 1]]
    values = [" ".join(row[2].split()) for row in rows if len(row) > 2 and row[2].strip()]
    if (
        len(values) < 8
        or len(values) < 0.9 * len(rows)
        or any(len(v) > 40 or len(v.split()) > TOPIC_WORDS for v in values)
        or len({fold(v) for v in values}) * 3 > len(values)
    ):
        return roles, ()
    note = f'the column "{name}" was read as the topics (each of its values is on several cards)'
    return [*roles[:2], "topic", *roles[3:]], (note,)


def header_roles(row: list[str]) -> list[str | None] | None:
    """Column roles if `row` is a header (names a term and a definition column, and any
    other column with a short label: "source", read by no role; or names two columns or
    more, one of them the term or the definition, the other unnamed), else None. A row
    naming a later column as a topic, tags or ids, under which no card would write that
    word ("formula,name,topic"), is a header too: its first two columns, short labels,
    are the term and the definition, as in a file without a header, or as one of them
    names itself ("name": the term)."""
    roles = [column_role(cell) for cell in row]
    labels = all(r or _label_like(c) for r, c in zip(roles, row, strict=True))
    if "term" in roles and "definition" in roles and labels:
        return roles
    # Columns named two ways or more, the term or the definition among them but not
    # both ("汉字,拼音,意思,例句": a reading, a meaning, an example): the first column
    # named by no role is the one missing.
    known = [role for role in roles if role is not None]
    missing = {"term", "definition"}.difference(known)
    if labels and len(missing) == 1 and len(set(known)) == len(known) >= 2 and None in roles:
        at = roles.index(None)
        if row[at].strip():
            return [*roles[:at], missing.pop(), *roles[at + 1 :]]
    first = roles[:2]
    # A header names one topic: named again later ("Drug,Class,System"), the topic is
    # the later column, and "Class" names the definitions (each drug's class).
    named = [role for role in first if role is not None and role not in roles[2:]]
    if (
        labels
        and len(row) >= 3
        and any(r in _NAMED_LATER for r in roles[2:])
        and all(_label_like(c) and c.strip() for c in row[:2])  # "Command,What it does,Topic"
        and set(named) <= {"term", "definition"}
        and len(set(named)) == len(named)  # not "term" twice
    ):
        if "definition" in first[:1] or "term" in first[1:]:
            return ["definition", "term", *roles[2:]]
        return ["term", "definition", *roles[2:]]
    # A vocabulary list headed by its two languages ("English,Spanish"; a card naming one
    # language in another, "Spanish,español", names one language twice).
    languages = [language(cell) for cell in row[:2]] if labels and len(row) >= 2 else []
    if None not in languages and len(set(languages)) == 2:
        return ["term", "definition", *roles[2:]]
    return None


# Roles a header names after the term and the definition, which no card writes there.
_NAMED_LATER = ("topic", "tags", "id")


def unread_columns(
    names: Sequence[str], roles: Sequence[str | None], read: Collection[str] | None = None
) -> list[str]:
    """The names, as written, of a header's columns no card reads: of no role (or of one
    not in `read`, the roles its reader reads; None: every role), or of a role an earlier
    column has ("Protocol,Port,Description" above numbers: the port is the definition).
    Blank names are left out; a name past the last role has none."""
    taken: set[str] = set()
    unread = []
    for at, name in enumerate(names):
        role = roles[at] if at < len(roles) else None
        if role and (read is None or role in read) and role not in taken:
            taken.add(role)
        elif name.strip():
            unread.append(name)
    return unread


def _label_like(cell: str, most_words: int = 3) -> bool:
    """Could this cell name a column: empty, or at most `most_words` words (a header that
    names a term and a definition may add "part of speech"), no digits or sentence
    punctuation?"""
    cell = cell.strip()
    return not cell or (
        len(cell) <= 30 and len(cell.split()) <= most_words and not _NOT_A_LABEL.search(cell)
    )


def _headed_by_numbers(first: list[str], rows: Rows) -> bool:
    """Is a first row naming no known columns a header all the same: a short label (a
    word or two, no digits) above a word or two naming the definitions (and maybe a
    parenthesis: "Time complexity (average)"), which below it are all but numbers or
    notation, nine in ten at least of three or more, each number three words at most
    ("Interval,Semitones" above "Minor third,3 semitones"; "Prefix,Factor" above
    "kilo,10^3"; "Roman,Number" above "IV,4"; "Event,Year" above "Hastings,1066";
    "Algorithm,Time complexity" above "Merge sort,O(n log n)")? A card there would be
    the one answer without a number. Numbered terms ("Step 1") say nothing: a first card
    may be "Introduction"."""
    cells = [cell.strip() for cell in first[:2]]
    if len(cells) < 2:
        return False
    named = FINAL_PARENTHESIS.match(cells[1])
    cells[1] = named["outer"] if named else cells[1]
    if not 1 <= len(cells[1].split()) <= 2 or not all(_label_like(c, 2) for c in cells):
        return False
    sample = [row[1] for _, row in rows[1 : HEADER_SAMPLE + 1] if len(row) > 1]
    if len(sample) < 3:
        return False
    numbers = sum(
        (any(map(str.isdigit, cell)) and len(cell.split()) <= 3) or is_notation(cell)
        for cell in sample
    )
    return numbers >= 0.9 * len(sample)


def _headed_by_a_role(first: list[str], rows: Rows) -> bool:
    """Is a first row a header when one of its two cells names its own column's role and
    the other is a short label naming none ("Phrase,Meaning", "pattern,meaning", "Word,
    Gloss"), above definitions longer than its own, nine in ten at least of three or
    more? A card there would be the one definition of a word or two among phrases; above
    words as short ("Sinn,meaning" in a list of one-word glosses) it stays a card, and
    the reader says so (`_header_like`)."""
    cells = [cell.strip() for cell in first[:2]]
    if len(cells) < 2 or not all(cells) or not all(_label_like(c, 2) for c in cells):
        return False
    if [column_role(c) for c in cells] not in (["term", None], [None, "definition"]):
        return False
    own = len(cells[1].split())
    sample = [row[1] for _, row in rows[1 : HEADER_SAMPLE + 1] if len(row) > 1]
    return len(sample) >= 3 and sum(len(d.split()) > own for d in sample) >= 0.9 * len(sample)


def _above_written_terms(first: list[str], rows: Rows) -> bool:
    """Is a first row of two short labels (a word or two each, no digits or signs) a
    header above terms written with signs or digits, nine in ten at least of five or
    more ("Shortcut,Action" above "Ctrl+C,Copy" and "F5,Refresh"; "Pattern,Meaning" above
    "\\d,any digit")? A card there would be the one term written in plain words. The
    reader says so (`first_row_roles`)."""
    cells = [cell.strip() for cell in first[:2]]
    if len(cells) < 2 or not all(cells) or not all(_label_like(c, 2) for c in cells):
        return False
    sample = [row[0].strip() for _, row in rows[1 : HEADER_SAMPLE + 1] if row]
    written = sum(_WRITTEN.search(term) is not None for term in sample)
    return len(sample) >= 5 and written >= 0.9 * len(sample)


def _named_like_the_file(first: list[str], file: str) -> str:
    """The word of the file's name that says a first row of two short labels (a word or
    two each, no digits or signs) is a header, one of them a word it says in the plural,
    or "": "Country,Capital" in capitals.csv or countries.csv, "State,Capital" in
    us-state-capitals.csv, "Element,Symbol" in elements.tsv. Above names like its own
    ("France,Paris") nothing else tells a header from a card: people name a file after
    what its rows are. The file's word is the plural, and the cell that word alone: a deck
    named after its subject ("python-basics.csv") may open with it ("Python,programming
    language"), and a card's words may be the file's ("A,Alpha letter" in letters.csv)."""
    cells = [cell.strip() for cell in first[:2]]
    if len(cells) < 2 or not all(cells) or not all(_label_like(c, 2) for c in cells):
        return ""
    named = re.split(r"[\W_]+", PurePath(file).stem)
    said = {fold(cell) for cell in cells if " " not in cell and len(cell) >= 3}
    return next((word for word in named if said & _singulars(fold(word))), "")


def _singulars(word: str) -> set[str]:
    """What a plural may be the plural of ("countries": "country"; "capitals": "capital";
    "boxes": "box"), none for a word of no plural ending."""
    found = set()
    if word.endswith("ies"):
        found.add(word[:-3] + "y")
    if word.endswith("es"):
        found.add(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        found.add(word[:-1])
    return found


# A term written with a sign or a digit: a key combination, code, a formula, a number.
_WRITTEN = re.compile(r"[\d+#*&@%$\\()\[\]{}<>^|~=?!:/.]")


def _header_like(first: list[str], rows: Rows) -> bool:
    """Does a first row that names no known columns still read like column names? Its
    cells are short labels (a word or two, no digits or sentence punctuation), and one
    of them is a known column name ("Formula,Name") or the definitions below it are
    sentences. Never decides alone: the reader only says so."""
    cells = [cell.strip() for cell in first[:2]]
    if len(cells) < 2 or not all(cells):
        return False
    if not all(_label_like(c, most_words=2) for c in cells):
        return False
    if any(column_role(c) is not None for c in cells):
        return True
    sample = [row[1] for _, row in rows[1 : HEADER_SAMPLE + 1] if len(row) > 1]
    return len(sample) >= 3 and sum(len(d.split()) >= 4 for d in sample) >= 0.8 * len(sample)
