"""A native deck read a piece at a time (`decks.native_stream`), its plain cards built a
column at a time (`plain_cards`), is the deck `parse_native` reads from the whole text:
the same cards (values, types, order of fields, lines), or, for anything it does not read
itself, nothing, so that the whole text is read and refused in the same sentence."""

from __future__ import annotations

import copy
import itertools
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.cards import CARD, FIELDS

from exam_sim import models
from exam_sim.controls import any_controls, has_controls
from exam_sim.decks import deck_to_toml, load_deck, native_stream, parse_native
from exam_sim.decks import plain_cards as plain_cards_module
from exam_sim.decks.native_stream import _NotPlain, read_plain_native, stream_native
from exam_sim.decks.plain_cards import plain_cards
from exam_sim.models import Card, DeckError, make_card
from exam_sim.text import looks_like_question

ROOT = Path(__file__).parent.parent
DECKS = sorted([*(ROOT / "question_bank").glob("*.toml"), *(ROOT / "tests" / "data").iterdir()])
HEAD = 'format = "exam-sim/1"\nid = "t"\ntitle = "T"\n'


def _outcome(read: Any) -> tuple[str, Any]:
    try:
        deck = read()
    except DeckError as error:
        return "refused", str(error)
    cards = [
        (CARD.dump_python(card), card.line, [(f.name, type(getattr(card, f.name))) for f in FIELDS])
        for card in deck.cards
    ]
    return "read", (deck.model_dump(), cards, deck.path, [hash(c) for c in deck.cards])


def _streamed(data: bytes, cuts: list[int], file: str = "d.toml") -> tuple[str, Any] | None:
    """`stream_native`'s outcome with the bytes given in pieces cut at `cuts`, or None
    when it leaves the file to be read whole."""
    edges = [0, *sorted(c % (len(data) + 1) for c in cuts), len(data)]
    pieces = [data[a:b] for a, b in itertools.pairwise(edges)]
    try:
        return _outcome(lambda: stream_native(iter(pieces), file))
    except _NotPlain:
        return None


def test_every_deck_we_ship_or_test_and_its_native_copy_reads_as_read_whole(
    tmp_path: Path,
) -> None:
    read = 0
    for path in DECKS:
        if not path.is_file() or path.suffix == ".md":
            continue
        texts = [path.read_bytes()] if path.suffix == ".toml" else []
        texts.append(deck_to_toml(load_deck(path)).encode())
        for number, data in enumerate(texts):
            copy = tmp_path / f"{path.stem}-{number}.toml"
            copy.write_bytes(data)
            whole = _outcome(lambda copy=copy: parse_native(copy.read_bytes(), file=str(copy)))
            assert _outcome(lambda copy=copy: load_deck(copy)) == whole
            streamed = _streamed(data, [7, 100, 4096], str(copy))
            assert streamed in (None, whole)
            read += streamed is not None
    assert read >= 8  # not everything falls back


# Texts as card values are written in a basic string: mostly plain ones, then the edges.
_GOOD_TEXT = st.sampled_from(["a", "A b", "What is x", "How do I (x)", "Tea (T)", "x?", "ü",
                              "≈ y", "a\\nb", "a\\\\b", 'say \\"hi\\"', "tab\\tin", "a\tb",
                              "Can you list (a) the", "ä" * 3])  # fmt: skip
_ODD_TEXT = st.sampled_from(["\\n", " a", "a ", "\\u0041", "\x85", "a\\b", "\\r", "",
                             "x" * 2001, "\u2028", "q\\u0031", "\\f", "\x7f"])  # fmt: skip
# Texts written as multi-line basic strings (three quotes and a line feed before them).
_MULTI_TEXT = st.sampled_from(["a\nb", "one\ntwo\nthree", "a\tb\nc", 'q\\"uote\nz',
                               "back\\\\\nslash", "\nlead", "end\n", "ends\\\nnext",
                               'has "quote"\nx', "a\n[[cards]]\nb", "x\r\ny", "é\n≈",
                               "a\\u0041\nb", '""\nx', "a\n\n\nb"])  # fmt: skip
_ODD_ID = st.sampled_from(["c1", "C4", "c 5", "", "c\\n6", "c-1"])
_TOPIC = st.sampled_from(["t", "u"])
_ODD_TOPIC = st.sampled_from(["T", "", "t\\t", "v"])
_KIND = st.sampled_from(["question", "definition"])
_ODD_KIND = st.sampled_from(["", "x", " question"])
_ODD_LINE = st.sampled_from(['tags = ["x"]', 'related = ["c1"]', "# c", "  ", "[[cards]] ",
                             "x = 1", "aliases = [\'\'\'y\'\'\']", 'definition = "again"',
                             "[[items]]", "[cards.x]", 'definition = """m\n[[cards]]\n"""',
                             'term="A"'])  # fmt: skip


@st.composite
def _card_tables(draw: st.DrawFn) -> str:
    """Card tables, mostly as exam-sim writes plain ones, now and then not quite."""

    def value(usual: st.SearchStrategy[str], odd: st.SearchStrategy[str]) -> str:
        return draw(odd if draw(st.integers(0, 24)) == 7 else usual)  # (not an end: shrinks)

    text = ""
    uniform = draw(st.booleans())  # every table with the same keys and blank lines
    shape = (draw(st.booleans()), draw(st.integers(0, 4)) == 3, draw(st.integers(0, 2)))
    for number in range(draw(st.integers(0, 8))):
        if not uniform:
            shape = (draw(st.booleans()), draw(st.integers(0, 4)) == 3, draw(st.integers(0, 2)))
        with_topic, with_kind, blank = shape

        def quoted() -> str:
            if draw(st.integers(0, 3)) == 0:
                return f'"""\n{draw(_MULTI_TEXT)}"""'
            return f'"{value(_GOOD_TEXT, _ODD_TEXT)}"'

        lines = ["[[cards]]", f'id = "{value(st.just(f"c{number}"), _ODD_ID)}"',
                 f"term = {quoted()}", f"definition = {quoted()}"]  # fmt: skip
        if with_topic:
            lines.append(f'topic = "{value(_TOPIC, _ODD_TOPIC)}"')
        if with_kind:
            lines.append(f'kind = "{value(_KIND, _ODD_KIND)}"')
        if draw(st.integers(0, 24)) == 7:
            lines.insert(draw(st.integers(1, len(lines))), draw(_ODD_LINE))
        text += "\n".join(lines) + "\n" + "\n" * blank
    return text


_HEADS = st.sampled_from(
    [HEAD, HEAD, HEAD, HEAD + '\n[[topics]]\nid = "t"\n\n[[topics]]\nid = "u"\n',
     HEAD + "\n[blueprint]\nquestions = 2\n", "#separator:tab\n" + HEAD, "\ufeff" + HEAD,
     HEAD.replace("\n", "\r\n"),
     HEAD + 'description = """a\n[[cards]]\nb"""\n', HEAD + "[[cases]]\nid = \"k\"\n"
     'scenario = "S"\n\n[[items]]\nid = "i"\ntype = "single"\nstem = "S"\ncase = "k"\n\n'
     '[[items.options]]\ntext = "o"\ncorrect = true\n\n[[items.options]]\ntext = "p"\n',
     'format = "exam-sim/1"\nid = "t"\n', HEAD + "cards = 1\n"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(_HEADS, _card_tables(), st.lists(st.integers(0, 2000), max_size=4))
def test_a_deck_read_in_pieces_is_the_deck_read_whole_or_left_to_it(
    head: str, tables: str, cuts: list[int]
) -> None:
    data = (head + "\n" + tables).encode()
    streamed = _streamed(data, cuts)
    if streamed is not None:
        assert streamed == _outcome(lambda: parse_native(data, file="d.toml"))


def test_plain_cards_are_read_without_toml_and_the_others_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not everything falls back: plain tables take the bulk path, a table with tags
    toml++ and the per-table checks, in the same file."""
    plain = "".join(f'\n[[cards]]\nid = "c{i}"\nterm = "T{i}"\ndefinition = "D\\n{i}"\n'
                    for i in range(50))  # fmt: skip
    tagged = '\n[[cards]]\nid = "x"\nterm = "X"\ndefinition = "D"\ntags = ["a"]\n'
    data = (HEAD + plain + tagged + plain.replace('"c', '"e')).encode()
    monkeypatch.setattr(native_stream, "PIECE_BYTES", 256)
    calls: list[str] = []

    def counting(name: str) -> Any:
        real = getattr(native_stream, name)

        def counted(*args: Any) -> Any:
            calls.append(name)
            return real(*args)

        return counted

    for name in ("_plain_block", "_block"):
        monkeypatch.setattr(native_stream, name, counting(name))
    streamed = _streamed(data, list(range(0, len(data), 256)))
    assert streamed == _outcome(lambda: parse_native(data, file="d.toml"))
    assert "_block" in calls and calls.count("_plain_block") > 2


def test_a_deck_as_exam_sim_writes_it_is_read_without_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts with line feeds are written as multi-line strings (`deck_to_toml`): read in
    bulk too (read by toml++ and checked card by card, a 1M-card deck imported into the
    library loaded in 30 s, not 7), with each card's line right."""
    cards = [make_card(f"Term {i}", f"First line {i}\nsecond \"line\"\\ {i}\n\nlast",
                       id=f"c{i}", line=None) for i in range(40)]  # fmt: skip
    cards[3] = make_card("Two\nlines", "one", id="c3")
    deck = models.Deck(id="t", title="T", cards=tuple(cards))
    data = deck_to_toml(deck).encode()
    assert b'"""' in data
    monkeypatch.setattr(native_stream, "PIECE_BYTES", 512)

    def refused(*args: Any) -> Any:
        raise AssertionError("read by toml++")

    monkeypatch.setattr(native_stream, "_block", refused)
    streamed = _streamed(data, list(range(0, len(data), 512)))
    assert streamed == _outcome(lambda: parse_native(data, file="d.toml"))


def test_what_is_not_read_in_pieces_is_read_whole_by_load_deck(tmp_path: Path) -> None:
    for name, text in [("anki.toml", "#separator:tab\n" + HEAD), ("crlf.toml", HEAD + "\r\n"),
                       ("broken.toml", HEAD + '\n[[cards]]\nid = "a"\nterm = "A"\n'),
                       ("twice.toml", HEAD + '\n[[cards]]\nid = "a"\nterm = "A"\ndefinition = "D"\n'
                        '\n[[cards]]\nid = "a"\nterm = "B"\ndefinition = "E"\n')]:  # fmt: skip
        path = tmp_path / name
        path.write_text(text, encoding="utf-8", newline="")
        assert read_plain_native(path, sniff=True) is None
        whole = _outcome(lambda path=path: parse_native(path.read_bytes(), file=str(path)))
        if name != "anki.toml":
            assert _outcome(lambda path=path: load_deck(path)) == whole
    assert read_plain_native(tmp_path / "missing.toml") is None
    with pytest.raises(DeckError, match="no such file"):
        load_deck(tmp_path / "missing.toml")


_TEXT = st.one_of(st.sampled_from(["a", "Abc (AB)", "What is it", "How do you do it now",
                                   "¿Cómo estás tú hoy?", "x?", " a", "a\n", "\x1b", "a\r\nb",
                                   "ＷＨＡＴ is this thing", "", "b\u0085", "Is (it) so"]),
                  st.text(max_size=8))  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b-1", "B", "a b", "", "c"]), _TEXT, _TEXT,
                          st.sampled_from([None, "t", "T", ""]),
                          st.sampled_from([None, "question", "definition", "", "x"])),
                max_size=6))  # fmt: skip
def test_plain_cards_are_the_cards_make_card_makes(
    rows: list[tuple[str, str, str, str | None, str | None]],
) -> None:
    lines = list(range(1, len(rows) + 1))
    columns: list[list[Any]] = [list(column) for column in zip(*rows, strict=True)] or [[]] * 5
    ids, terms, definitions, topics, kinds = columns
    cards = plain_cards(ids, terms, definitions, topics, kinds, lines)
    if cards is None:
        return
    made = [
        make_card(term, definition, id=card_id, topic=topic, kind=kind, line=line)
        for (card_id, term, definition, topic, kind), line in zip(rows, lines, strict=True)
    ]
    assert all(type(card) is Card for card in cards)
    assert [_card_state(card) for card in cards] == [_card_state(card) for card in made]


def _card_state(card: Card) -> Any:
    dumped = (CARD.dump_python(card), CARD.dump_json(card), repr(card), copy.copy(card))
    values = [(f.name, type(getattr(card, f.name)), getattr(card, f.name)) for f in FIELDS]
    topic_interned = card.topic is None or card.topic is sys.intern(card.topic)
    return (card, *dumped, card.line, hash(card), values, topic_interned)


@settings(max_examples=1000, deadline=None)
@given(st.text() | st.text(st.sampled_from("a\r\n\t\x1b\x85\x9f\x7f é€\ud800")))
def test_any_controls_is_has_controls(text: str) -> None:
    assert any_controls(text) == has_controls(text)


_TERM = _TEXT | st.text(st.sampled_from(" _-?¿wWhHaAtTiIsS1ÉéＷ\t\nK"), max_size=16)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_TERM, max_size=5))
def test_a_term_that_looks_like_a_question_may_be_one(terms: list[str]) -> None:
    terms = [term.strip() for term in terms if not has_controls(term)]  # as `plain_cards` has them
    questions = [row for row, term in enumerate(terms) if looks_like_question(term)]
    assert set(questions) <= set(plain_cards_module.may_be_questions(terms))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.sampled_from([None, "t", "u"]),
                  st.lists(st.sampled_from("abcd"), max_size=2)),
        min_size=1, max_size=5,
    ),
    st.sampled_from([(), ("t",), ("t", "u"), ("t", "t")]),
)  # fmt: skip
def test_a_deck_checked_a_column_at_a_time_is_checked_as_card_by_card(
    rows: list[tuple[str, str | None, list[str]]], topic_ids: tuple[str, ...]
) -> None:
    """`Deck._consistent`'s bulk checks of the cards: the deck, or the first problem in
    the same words, as the loop over the cards finds it."""
    cards = tuple(make_card("T", "D", id=card_id, topic=topic, related=related)
                  for card_id, topic, related in rows)  # fmt: skip
    topics = tuple(models.Topic(id=topic, name=topic) for topic in topic_ids)

    def checked() -> str:
        try:
            return repr(models.Deck(id="d", title="D", cards=cards, topics=topics))
        except ValueError as error:
            return str(error).split("\n")[1]

    bulk = checked()
    original = models.Deck._plainly_consistent
    try:
        models.Deck._plainly_consistent = lambda self: False  # type: ignore[method-assign]
        assert checked() == bulk
    finally:
        models.Deck._plainly_consistent = original  # type: ignore[method-assign]
