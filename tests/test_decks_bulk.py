"""Cards read without a pydantic model each (`decks.native_cards`, `models.make_card`'s
shortcut) are exactly the cards pydantic made, and a table the plain checks let through
is one pydantic accepts with the same values: what was refused is still refused, in the
same sentence."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.cards import CARD, FIELDS

from exam_sim import models
from exam_sim.decks import load_deck, native_cards, parse_native
from exam_sim.decks.native_schema import NativeCard
from exam_sim.models import Card, CardKind, DeckError, make_card

ROOT = Path(__file__).parent.parent
DECKS = sorted([*(ROOT / "question_bank").glob("*.toml"), *(ROOT / "tests" / "data").iterdir()])
HEAD = 'format = "exam-sim/1"\nid = "t"\ntitle = "T"\n'


@pytest.fixture
def pydantic_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every card table and every card validated by pydantic, as before the shortcuts."""
    monkeypatch.setattr(native_cards, "card_entry", lambda table: None)
    monkeypatch.setattr(models, "_already_valid", lambda fields: False)


def _outcome(load: Any) -> tuple[str, Any]:
    try:
        deck = load()
    except DeckError as error:
        return "refused", str(error)
    cards = [(CARD.dump_python(card), card.line, [type(getattr(card, f.name)) for f in FIELDS])
             for card in deck.cards]  # fmt: skip
    return "read", (deck.model_dump(), cards)


def test_every_deck_we_ship_or_test_reads_the_same_as_with_pydantic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fast = [_outcome(lambda path=path: load_deck(path)) for path in DECKS if path.is_file()]
    monkeypatch.setattr(native_cards, "card_entry", lambda table: None)
    monkeypatch.setattr(models, "_already_valid", lambda fields: False)
    slow = [_outcome(lambda path=path: load_deck(path)) for path in DECKS if path.is_file()]
    assert fast == slow
    assert sum(kind == "read" for kind, _ in fast) >= 10


def test_a_plain_card_table_takes_the_shortcut() -> None:
    """Not everything falls back: a table as people write it is read without pydantic."""
    table = {"id": "a", "term": " A (b) ", "definition": "About A.\n", "topic": "t",
             "tags": ["x", " y"], "kind": "question ", "references": ["https://a.b/c"]}  # fmt: skip
    entry = native_cards.card_entry(table)
    assert entry is not None
    assert entry._asdict() == NativeCard.model_validate(table).model_dump()


# Strings that are near the rules' edges: whitespace Python and pydantic strip differently,
# controls, ids with capitals or a final line break, URLs with spaces, non-strings.
_EDGE_TEXT = st.sampled_from(
    ["a", " a ", "a\n", "\x1ca", "a\x1f", "\u00a0a", "a\u3000", "\u180ea", "\x85", "", " ",
     "A", "a b", "a-1.b_c", "1", "ü", "\x1b[2J", "a\r", "https://x.y/z", " https://x.y ",
     "http://x y", "https://ü.de", "ftp://x", "definition", " question", "Definition", "?"]
)  # fmt: skip
_VALUE = st.one_of(
    _EDGE_TEXT,
    st.text(max_size=6),
    st.integers(),
    st.booleans(),
    st.lists(st.one_of(_EDGE_TEXT, st.text(max_size=4), st.integers()), max_size=3),
    st.tuples(_EDGE_TEXT),
    st.dictionaries(st.sampled_from(["a"]), _EDGE_TEXT, max_size=1),
)
_KEY = st.sampled_from([*sorted(NativeCard.model_fields), "bogus", "Term"])
_TABLE = st.one_of(
    st.dictionaries(_KEY, _VALUE, max_size=9),
    st.fixed_dictionaries(
        {"id": _EDGE_TEXT, "term": _EDGE_TEXT, "definition": _EDGE_TEXT},
        optional={
            key: _VALUE for key in ("topic", "tags", "aliases", "kind", "related", "references")
        },
    ),
    st.sampled_from([[], "card", 1, None]),
    # Nearly valid tables, so that many are let through and compared.
    st.fixed_dictionaries(
        {
            "id": st.sampled_from(["a", " a ", "a\n", "b-1", "\u00a0a"]),
            "term": _EDGE_TEXT,
            "definition": st.sampled_from(["d", " d\n", "\x1bd", "d\x1c"]),
        },
        optional={
            "topic": st.sampled_from(["t", " t", "T"]),
            "kind": st.sampled_from(["question", " definition ", "", "x"]),
            "related": st.lists(st.sampled_from(["a", "b ", "B"]), max_size=2),
            **{key: st.lists(_EDGE_TEXT, max_size=2) for key in ("tags", "aliases", "references")},
        },
    ),
)


@settings(max_examples=600, deadline=None)
@given(_TABLE)
def test_a_table_let_through_is_one_pydantic_accepts_with_the_same_values(table: Any) -> None:
    entry = native_cards.card_entry(table)
    if entry is None:
        return  # pydantic decides (accepts, or raises the author's error)
    assert entry._asdict() == NativeCard.model_validate(table).model_dump()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_TABLE, min_size=1, max_size=3))
def test_a_deck_of_generated_tables_is_read_or_refused_as_pydantic_did(
    monkeypatch: pytest.MonkeyPatch, tables: list[Any]
) -> None:
    import tomli_w

    try:
        text = HEAD + tomli_w.dumps({"cards": tables})
    except (TypeError, ValueError):
        return  # not writable as TOML (None): nothing to read
    fast = _outcome(lambda: parse_native(text, file="d.toml"))
    with monkeypatch.context() as patched:
        patched.setattr(native_cards, "card_entry", lambda table: None)
        patched.setattr(models, "_already_valid", lambda fields: False)
        slow = _outcome(lambda: parse_native(text, file="d.toml"))
    assert fast == slow


_LISTED = st.lists(st.one_of(_EDGE_TEXT, st.integers()), max_size=2)


@settings(max_examples=600, deadline=None)
@given(
    term=_EDGE_TEXT,
    definition=st.one_of(_EDGE_TEXT, st.just("x" * (models.MAX_DEFINITION_CHARS + 1))),
    card_id=st.one_of(st.none(), _EDGE_TEXT),
    topic=st.one_of(st.none(), _EDGE_TEXT),
    tags=_LISTED,
    aliases=_LISTED,
    related=_LISTED,
    references=_LISTED,
    kind=st.sampled_from([None, CardKind.QUESTION, "definition"]),
    line=st.one_of(st.none(), st.integers(1, 9), st.just(True)),
)
def test_make_card_makes_the_card_pydantic_made(**args: Any) -> None:
    card_id = args.pop("card_id")
    assert _made(args, card_id, shortcut=True) == _made(args, card_id, shortcut=False)


def _made(args: dict[str, Any], card_id: str | None, *, shortcut: bool) -> tuple[str, Any]:
    original = models._already_valid
    models._already_valid = original if shortcut else (lambda fields: False)
    try:
        rest = {k: v for k, v in args.items() if k not in ("term", "definition")}
        card = make_card(args["term"], args["definition"], id=card_id, **rest)
    except Exception as error:  # compared, whatever it is
        return "refused", str(error).split("\n")[0]
    finally:
        models._already_valid = original
    assert isinstance(card, Card)
    values = [(f.name, type(getattr(card, f.name))) for f in FIELDS]
    dumped = (CARD.dump_python(card), CARD.dump_json(card), repr(card), copy.copy(card))
    return "made", (card, *dumped, card.line, hash(card), values)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_fold_of_ascii_text_is_the_regex_fold(text: str) -> None:
    """`fold`'s ASCII shortcut (translate and split) gives what the regex gives (a
    formula's operators aside: `test_text_formulas.py`)."""
    from exam_sim.text import _NON_WORD, _fold_words

    if text.isascii():
        assert _fold_words(text) == _NON_WORD.sub(" ", text.casefold()).strip()
    else:
        assert _fold_words(text) == _fold_words(text + " ")


# Lines a deck may have, tricky ones included: headers of every kind and spacing, arrays
# over several lines, multi-line strings holding a header, comments, broken TOML.
_LINES = st.sampled_from(
    ["[[cards]]", " [[cards]] ", "[[ cards ]]", "[[cards]] # c", "[[topics]]", "[blueprint]",
     "[cards.x]", "[[items]]", 'id = "a"', 'id = "b"', 'id = "B"', 'term = "T"',
     'definition = "D"', 'topic = "t"', 'tags = [', '  ["x"],', '"y",', "]", 'term = """',
     "[[cards]]", '"""', "term = '''x'''", "# [[cards]]", "", "x = 1", 'id = "a', "[",
     'cards = []', 'format = "exam-sim/1"', 'id = "t"\ntitle = "T"', 'name = "N"']
)  # fmt: skip


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_LINES, max_size=24), st.integers(0, 6))
def test_a_deck_read_in_pieces_is_the_deck_read_whole(
    monkeypatch: pytest.MonkeyPatch, body: list[str], cards: int
) -> None:
    """Card tables parsed `CHUNK_CARDS` at a time give the deck (or the refusal) that
    parsing the whole text gives, whatever lines surround them."""
    from exam_sim.decks import native

    card_text = "".join(f'\n[[cards]]\nid = "c{i}"\nterm = "T{i}"\ndefinition = "D"\n'
                        for i in range(cards))  # fmt: skip
    text = HEAD + card_text + "\n".join(body) + "\n"
    with monkeypatch.context() as patched:
        patched.setattr(native_cards, "CHUNK_CARDS", 2)
        pieces = _outcome(lambda: parse_native(text, file="d.toml"))
    with monkeypatch.context() as patched:
        patched.setattr(native, "card_chunks", lambda text: None)
        whole = _outcome(lambda: parse_native(text, file="d.toml"))
    assert pieces == whole


def test_only_a_text_whose_cards_come_last_is_read_in_pieces() -> None:
    cards = "".join(f'\n[[cards]]\nid = "c{i}"\nterm = "T{i}"\ndefinition = "D"\n'
                    for i in range(2500))  # fmt: skip
    chunks = native_cards.card_chunks(HEAD + cards)
    assert chunks is not None and len(chunks) == 3
    assert native_cards.card_chunks(HEAD + cards + "\n[[items]]\n") is None
    assert native_cards.card_chunks(HEAD + cards.replace('"D"', '"""D"""', 1)) is None
    assert native_cards.card_chunks(HEAD) is None


_LINE_TEXT = st.lists(
    st.sampled_from(["[[cards]]", "[[ topics ]]", "[blueprint]", "[ blueprint ]", "[[items]]",
                     "[[cases]]", "[[cards.x]]", "[cards]", " ", "\t", "\u00a0", "\x1f", "\n",
                     "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "x", "#", "[", "]", "="]),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(_LINE_TEXT)
def test_header_lines_found_in_the_whole_text_are_those_found_line_by_line(text: str) -> None:
    from exam_sim.decks.native_lines import TextLines

    lines = TextLines(text)
    assert lines._headers() == lines._headers_by_line()
    plain = TextLines(re.sub("[\x0b\x0c\x1c\x85\u2028]", "\n", text))  # "\n" alone ends lines
    assert plain._headers_in_text() == plain._headers_by_line()
