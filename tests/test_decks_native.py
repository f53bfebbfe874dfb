"""Native TOML decks: full validation with card lines, and write → read round trips."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from exam_sim.decks import deck_to_toml, load_deck, parse_native, read_native, write_native
from exam_sim.models import CardKind, Deck, DeckError, make_card

DATA = Path(__file__).parent / "data"
NATIVE = DATA / "decks-native.toml"

HEAD = 'format = "exam-sim/1"\nid = "t"\ntitle = "T"\n'


def card(card_id: str, term: str, extra: str = "") -> str:
    return f'\n[[cards]]\nid = "{card_id}"\nterm = "{term}"\ndefinition = "About {term}."\n{extra}'


def test_reads_every_field_of_the_fixture() -> None:
    deck = read_native(NATIVE)
    assert deck.id == "tiny-native"
    assert deck.title == "Tiny native deck"
    assert deck.description.startswith("A small deck") and "\n" in deck.description
    assert deck.blueprint is not None and deck.blueprint.questions == 6
    assert [t.id for t in deck.topics] == ["modeling", "operations"]
    assert deck.topics[0].weight == pytest.approx(0.6)
    xgb = deck.card("xgboost")
    assert xgb.tags == ("sagemaker", "algorithms")
    assert (
        xgb.definition
        == "Gradient boosted decision trees.\nHyperparameters: eta, gamma, max_depth."
    )
    fms = deck.card("factorization-machines")
    # declared alias first, then the ones derived from the parenthesis
    assert fms.aliases == ("FM", "Factorization Machines", "FMs")
    assert fms.related == ("knn",)
    assert deck.card("ebs-training").kind is CardKind.QUESTION  # derived from the "?"
    assert deck.card("endpoint-update").kind is CardKind.QUESTION  # declared
    assert deck.card("knn").line == 44  # the line of its [[cards]] header
    assert deck.path == str(NATIVE)


def test_references_load_and_survive_a_round_trip(tmp_path: Path) -> None:
    url = "https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html"
    deck = parse_native(HEAD + card("a", "A", f'references = ["{url}"]\n') + card("b", "B"))
    assert deck.card("a").references == (url,)
    assert deck.card("b").references == ()
    text = deck_to_toml(deck)
    assert f'references = [\n    "{url}",\n]' in text or f'references = ["{url}"]' in text
    again = read_native(write_native(deck, tmp_path / "refs.toml"))
    assert again.card("a").references == (url,)


def test_markup_like_text_loads_literally() -> None:
    deck = read_native(NATIVE)
    assert deck.card("knn").definition == (
        "Classifies a point by the labels of its [bold]closest[/] neighbours."
    )


def test_round_trip_write_then_read(tmp_path: Path) -> None:
    deck = read_native(NATIVE)
    written = write_native(deck, tmp_path / "sub" / "copy.toml")
    again = read_native(written)
    assert again.model_dump() == deck.model_dump()
    text = written.read_text(encoding="utf-8")
    assert '"""' in text  # multi-line definition written as a multi-line string
    assert text.count("[[cards]]") == len(deck.cards)
    assert text.count("[[topics]]") == 2
    assert [c.line for c in again.cards] == [
        n for n, line in enumerate(text.splitlines(), 1) if line == "[[cards]]"
    ]


@pytest.mark.parametrize("name", ["seed-aws-ml-specialty.txt", "google-ml-glossary-es.csv"])
def test_round_trip_of_real_decks(name: str) -> None:
    deck = load_deck(DATA / name)
    assert parse_native(deck_to_toml(deck)).model_dump() == deck.model_dump()


def test_the_real_bundled_deck_loads() -> None:
    bundled = Path(__file__).parents[1] / "question_bank" / "aws-ml-specialty.toml"
    if not bundled.exists():
        pytest.skip("question_bank/aws-ml-specialty.toml is not in this checkout")
    deck = read_native(bundled)
    assert len(deck.cards) == 78
    assert len(deck.topics) == 4
    assert sum(deck.topic_counts().values()) == 78


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (HEAD + "cards = [\n", 4, "not valid TOML: invalid value (the file ends too early)"),
        (HEAD + "title 2 = 3\n" + card("a", "A"), 4, "not valid TOML: expected '=' after a key"),
        ('id = "t"\ntitle = "T"\n' + card("a", "A"), 1, 'missing format = "exam-sim/1"'),
        (HEAD.replace("exam-sim/1", "exam-sim/9") + card("a", "A"), 1, "format is 'exam-sim/9'"),
        (HEAD + card("a", "A") + '\n[[cards]]\nid = "b"\ndefinition = "x"\n', 10, "missing 'term'"),
        (HEAD + card("a", "A") + card("a", "B"), 10, "card id 'a' is used twice (first on line 5)"),
        (
            HEAD + '\n[[topics]]\nid = "m"\n' + card("a", "A", 'topic = "x"\n'),
            8,
            "unknown topic 'x' (topics: m)",
        ),
        (HEAD + card("a", "A", 'related = ["zz"]\n'), 5, "related to unknown card 'zz'"),
        (HEAD + card("a", "A", 'related = ["a"]\n'), 5, "related to itself"),
        (HEAD + card("a", "A", "tags = [1]\n"), 5, "'tags' must be a list of strings"),
        (HEAD + card("a", "A", 'references = "x"\n'), 5, "'references' must be a list"),
        (
            HEAD + card("a", "A", 'references = ["docs page"]\n'),
            5,
            "card 'a': reference 'docs page' is not an http(s) URL",
        ),
        (HEAD + card("a", "A", 'defintion = "x"\n'), 5, "unknown key 'defintion'"),
        (HEAD + card("a", "A", 'kind = "essay"\n'), 5, "kind must be"),
        (HEAD + card("A B", "A"), 5, "the id must be lower-case"),
        (HEAD + "\n[blueprint]\npass_score = 5000\n" + card("a", "A"), 5, "pass_score must lie"),
        (HEAD + '\n[blueprint]\nquestions = "many"\n' + card("a", "A"), 5, "blueprint questions"),
        (HEAD, None, "no cards"),
        (HEAD + 'colour = "red"\n' + card("a", "A"), 4, "unknown key 'colour'"),
        (HEAD + card("a", " "), 5, "'term' is empty"),
    ],
)
def test_problems_name_the_line(text: str, line: int | None, words: str) -> None:
    with pytest.raises(DeckError) as caught:
        parse_native(text, file="deck.toml")
    error = caught.value
    assert error.line == line
    assert words in str(error)
    rendered = str(error)
    assert rendered.startswith("deck.toml") and rendered.endswith(".") and "\n" not in rendered


def test_a_deck_id_too_long_for_a_file_name_is_refused_naming_its_line() -> None:
    text = HEAD.replace('id = "t"', f'id = "{"d" * 251}"') + card("a", "A")
    with pytest.raises(DeckError) as caught:
        parse_native(text, file="deck.toml")
    assert caught.value.line == 2
    assert str(caught.value) == (
        "deck.toml, line 2: the deck id is 251 characters long; at most 100 are allowed, "
        "since it names the deck's file in the library."
    )
    assert parse_native(HEAD.replace('id = "t"', f'id = "{"d" * 100}"') + card("a", "A"))


def test_two_cards_with_one_term_load() -> None:
    deck = parse_native(HEAD + card("a", "A") + card("b", "a"))
    assert [(c.id, c.term) for c in deck.cards] == [("a", "A"), ("b", "a")]


def test_topics_named_by_cards_are_declared_when_none_are() -> None:
    deck = parse_native(HEAD + card("a", "A", 'topic = "ops"\n') + card("b", "B"))
    assert [t.id for t in deck.topics] == ["ops"]
    assert deck.topic_counts() == {"ops": 1, None: 1}


def test_the_format_is_declared_once_as_models_that_forbid_unknown_keys() -> None:
    from exam_sim.decks.native_schema import FORMAT, NativeDeck

    schema = NativeDeck.model_json_schema()
    assert schema["additionalProperties"] is False
    assert schema["properties"]["format"]["const"] == FORMAT
    for table in ("NativeCard", "NativeTopic", "NativeBlueprint", "NativeItem", "NativeCase"):
        assert schema["$defs"][table]["additionalProperties"] is False
    # `cards` may be left out by a deck of authored items only (decks.native checks it).
    assert set(schema["required"]) == {"format", "id", "title"}


def test_an_unknown_key_is_reported_before_a_bad_value_of_the_same_table() -> None:
    text = HEAD + card("a", "A", 'kind = "essay"\ncolour = "red"\n')
    with pytest.raises(DeckError, match=r"line 5: card 1: unknown key 'colour'"):
        parse_native(text, file="deck.toml")
    text = HEAD.replace('title = "T"', "title = 5") + 'colour = "red"\n' + card("a", "A")
    with pytest.raises(DeckError, match=r"line 4: unknown key 'colour'"):
        parse_native(text, file="deck.toml")


def test_values_are_not_coerced_but_are_stripped() -> None:
    with pytest.raises(DeckError, match=r"line 4: 'title' must be a string, not int"):
        parse_native(HEAD.replace('title = "T"', "\ntitle = 5") + card("a", "A"), file="d.toml")
    deck = parse_native(
        HEAD.replace('id = "t"', 'id = " t "')
        + card(" a ", " A ", 'kind = " question "\ntags = [" x ", ""]\n')
    )
    assert deck.id == "t"
    assert (deck.cards[0].id, deck.cards[0].term, deck.cards[0].tags) == ("a", "A", ("x",))
    assert deck.cards[0].kind is CardKind.QUESTION


@pytest.mark.parametrize(
    ("extra", "line", "words"),
    [
        ('\n[[topics]]\nid = "m"\nweight = true\n', 5, "topic 'm': 'weight' must be a number"),
        ('\n[[topics]]\nid = "M M"\n', 5, "topic 'M M': the id must be lower-case"),
        ('\n[[topics]]\nname = "x"\n', 5, "topic 1: missing 'id'"),
        ('\n[[topics]]\nid = "m"\n\n[[topics]]\nid = "m"\n', 8, "topic id 'm' is used twice"),
        ("blueprint = 5\n", 4, "'blueprint' must be a table"),
        (
            "\n[blueprint]\ncolour = 5\n",
            5,
            "blueprint: unknown key 'colour' (known: matching, minutes",
        ),
        ("topics = 3\n", 4, "'topics' must be an array of tables ([[topics]])"),
    ],
)
def test_topic_and_blueprint_problems_name_the_line(
    extra: str, line: int | None, words: str
) -> None:
    with pytest.raises(DeckError) as caught:
        parse_native(HEAD + extra + card("a", "A"), file="deck.toml")
    assert caught.value.line == line
    assert words in str(caught.value)


def test_one_id_type_for_every_id_in_the_models() -> None:
    import json

    from exam_sim import models

    fields = {
        models.Card: ("id", "topic", "related"),
        models.Topic: ("id",),
        models.Deck: ("id",),
        models.Question: ("card_id", "topic", "option_card_ids"),
        models.TopicScore: ("topic",),
        models.Attempt: ("deck_id",),
    }
    for model, names in fields.items():
        properties = TypeAdapter(model).json_schema()["properties"]
        for name in names:
            assert models.ID_PATTERN in json.dumps(properties[name]), f"{model.__name__}.{name}"


def test_a_schema_problem_comes_before_a_repeated_id() -> None:
    """The cards are built one table at a time, so the repeated id of card 2 is met before
    the schema's problem of card 6 (no definition); the schema's problem must still win,
    as it did when the whole file was validated first."""
    cards = [card("a", "A"), card("a", "B")] + [card(f"c{i}", f"C{i}") for i in range(3)]
    text = HEAD + "".join(cards) + '\n[[cards]]\nid = "late"\nterm = "Late"\n'
    with pytest.raises(DeckError, match="missing 'definition'"):
        parse_native(text, file="d.toml")
    # Without the schema problem, the repeated id is reported.
    with pytest.raises(DeckError, match="card id 'a' is used twice"):
        parse_native(HEAD + "".join(cards), file="d.toml")


def test_of_two_unknown_keys_the_first_written_is_named() -> None:
    """toml++ sorts a table's keys; the message is made from tomllib's document, in file
    order, so the key the author wrote first is the one named."""
    text = HEAD + card("a", "A", "zeta = 1\nalpha = 2\n")
    with pytest.raises(DeckError, match="unknown key 'zeta'"):
        parse_native(text, file="d.toml")


def test_cards_are_written_exactly_as_tomli_w_writes_them() -> None:
    """`card_text` writes plain tables itself (tomli_w walks strings a character at a
    time); every card of every deck we ship or test with comes out byte for byte as
    tomli_w writes it, escapes, lists and multi-line strings included."""
    import tomli_w

    from exam_sim.decks.native import _card_table, card_text

    files = [*(Path(__file__).parent.parent / "question_bank").glob("*.toml"), *DATA.iterdir()]
    cards = []
    for path in files:
        if path.suffix in (".toml", ".txt", ".csv", ".tsv"):
            try:
                cards.extend(load_deck(path).cards)
            except DeckError:
                continue  # a bank of items, no cards
    tricky = [
        make_card('Quote " and \\ backslash', "Tab\tand\x7f and \x1b and é"),
        make_card("Multi", "line one\nline two"),
        make_card("Listed", "Tagged card.", tags=("a", "b"), aliases=("L",)),
    ]
    assert len(cards) > 1000
    for one in [*cards, *tricky]:
        assert card_text(one) == tomli_w.dumps(_card_table(one), multiline_strings=True)


# Header-like lines inside strings (a deck about TOML): text, not headers. Each case is a
# card whose text holds one; the card after it has an empty definition, named on its line.
HEADER_LIKE_TEXTS = [
    'definition = """An array table:\n[[cards]]\nends here."""\n',
    "definition = '''Literal:\n[[topics]]\n'''\n",
    'definition = """Quotes "" and \\""" inside,\n  [blueprint]\n"""""\n',
    'definition = "one line" # a comment with """ in it\n',
    'definition = \'a literal with """ in it\'\n',
    'aliases = ["x"]\ndefinition = """Two\n[[items]]\n"""\ntags = ["""\n[[cases]]\n"""]\n',
]


@pytest.mark.parametrize("title", ["T", "T\u2028(a line end str.splitlines knows)"])
@pytest.mark.parametrize("text", HEADER_LIKE_TEXTS)
def test_a_header_like_line_inside_a_string_is_not_counted_as_a_header(
    text: str, title: str
) -> None:
    first = f'\n[[cards]]\nid = "toml"\nterm = "TOML"\n{text}'
    deck_text = HEAD.replace('"T"', f'"{title}"') + first
    deck_text += '\n[[cards]]\nid = "b"\nterm = "B"\ndefinition = " "\n'
    lines = deck_text.splitlines()  # numbered as errors number them
    with pytest.raises(DeckError) as caught:
        parse_native(deck_text, file="deck.toml")
    assert caught.value.line == lines.index('id = "b"')  # the header is the line before
    assert "card 'b': 'definition' is empty" in str(caught.value)
    # On a good deck every card is on its own header's line.
    cards = parse_native(deck_text.replace('definition = " "', 'definition = "B."')).cards
    assert [card.line for card in cards] == [lines.index('id = "toml"'), lines.index('id = "b"')]


@given(
    st.lists(
        st.lists(
            st.sampled_from(["a", " ", "\n", '"', "'", "\\", "#", "[[cards]]", "[blueprint]"]),
            min_size=1,
            max_size=12,
        )
        .map("".join)
        .filter(lambda text: text.strip()),
        min_size=1,
        max_size=4,
    )
)
def test_cards_are_on_their_headers_lines_whatever_their_text_holds(texts: list[str]) -> None:
    deck = Deck(
        id="t", title="T",
        cards=tuple(make_card(f"T{n}", text, id=f"c{n}") for n, text in enumerate(texts)),
    )  # fmt: skip
    written = deck_to_toml(deck)
    # The oracle: a header-like line is a header when the text before it is a whole TOML
    # document holding every card whose header came before it.
    lines = written.split("\n")
    headers = []
    for n, line in enumerate(lines, start=1):
        if line == "[[cards]]":
            try:
                before = tomllib.loads("\n".join(lines[: n - 1]))
            except tomllib.TOMLDecodeError:
                continue
            if len(before.get("cards", [])) == len(headers):
                headers.append(n)
    assert [card.line for card in parse_native(written).cards] == headers


@given(
    st.text(st.sampled_from('aZ é"\\\n\r\t\x7f\x1b\x08\x0c[]#?'), min_size=1, max_size=20),
    st.text(st.sampled_from('aZ é"\\\n\r\t\x7f\x1b\x08\x0c[]#?'), min_size=1, max_size=40),
    st.sampled_from([(), ("tag",)]),
)
def test_a_card_is_written_as_tomli_w_writes_it_whatever_its_text(
    term: str, definition: str, tags: tuple[str, ...]
) -> None:
    import tomli_w

    from exam_sim.decks.native import _card_table, card_text
    from exam_sim.decks.plain_cards import may_be_questions

    try:
        one = make_card(term, definition, tags=tags)
    except (ValueError, DeckError):
        return  # blank once stripped
    expected = tomli_w.dumps(_card_table(one), multiline_strings=True)
    assert card_text(one) == expected
    # Told its term cannot read as a question (`may_be_questions` found none), the same.
    if not may_be_questions([one.term]):
        assert card_text(one, may_ask=False) == expected


@given(st.text() | st.text(st.sampled_from('a"\\\n\r\t\x00\x1f\x7f\x08\x0cé'), max_size=12))
def test_a_basic_string_is_written_as_tomli_w_writes_it(text: str) -> None:
    import tomli_w

    from exam_sim.decks.native import _basic_string

    assert f"k = {_basic_string(text)}\n" == tomli_w.dumps({"k": text}, multiline_strings=True)
