"""CSV/TSV decks, Quizlet custom separators and the real Google glossary export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck, parse_delimited, read_delimited
from exam_sim.decks.csv_records import csv_rows
from exam_sim.decks.delimited import sniff_delimiter
from exam_sim.models import DeckError

DATA = Path(__file__).parent / "data"
SUFFIX = "(Glosario sobre Aprendizaje Automático de Google)"


def test_tsv_without_header() -> None:
    deck = read_delimited(DATA / "decks-plain.tsv")
    assert [(c.term, c.line) for c in deck.cards] == [
        ("XGBoost", 1), ("KNN", 2), ("Linear Learner", 3), ("Amazon Lex", 4),
    ]  # fmt: skip
    assert deck.cards[2].definition == "Linear models, trained with SGD."  # comma kept
    assert deck.topics == ()


def test_csv_with_header_quotes_multiline_topics_and_tags() -> None:
    deck = read_delimited(DATA / "decks-header.csv")
    assert [c.term for c in deck.cards] == [
        "XGBoost", "KNN", 'Amazon "Lex"', "Kinesis Data Firehose",
    ]  # fmt: skip
    knn = deck.cards[1]
    assert knn.definition == "Classifies a point\nby its nearest neighbours."
    assert knn.line == 3
    assert deck.cards[2].line == 5  # after the two-line record
    assert deck.cards[0].tags == ("sagemaker", "algorithms")
    assert [(t.id, t.name) for t in deck.topics] == [
        ("modeling", "Modeling"), ("ai-services", "AI Services"),
        ("data-engineering", "Data Engineering"),
    ]  # fmt: skip
    assert deck.cards[2].topic == "ai-services"


@pytest.mark.parametrize(
    "header",
    [
        "term;definition",
        "Question;Answer",
        "FRONT;BACK",
        "Término;Definición",
        "Abbreviation;Meaning",
        "Acronym;Stands for",
    ],
)
def test_header_names_in_any_case_and_language(header: str) -> None:
    deck = parse_delimited(f"{header}\nA;Alpha letter\nB;Beta letter\n", file="h.csv")
    assert [c.term for c in deck.cards] == ["A", "B"]


def test_columns_follow_the_header_order() -> None:
    text = "Topic,Answer,Question\nGreek,Alpha letter,A\nGreek,Beta letter,B\n"
    deck = parse_delimited(text, file="o.csv")
    assert [(c.term, c.definition, c.topic) for c in deck.cards] == [
        ("A", "Alpha letter", "greek"), ("B", "Beta letter", "greek"),
    ]  # fmt: skip


def test_a_header_may_name_columns_no_role_reads() -> None:
    """A vocabulary list's "part of speech" and "example" columns: the header is still one
    (it names a term and a definition column), and those columns are read into the
    definition (tests/test_vocabulary_columns.py); a column no role reads is left out and
    said so. Read as a card before, the header became a card and the second column the
    answers."""
    text = (
        "word,part of speech,definition,example sentence,source\n"
        "abate,verb,to lessen in intensity,The storm abated by noon.,GRE list\n"
        "candor,noun,open and honest speech,She spoke with candor.,GRE list\n"
    )
    deck = parse_delimited(text, file="v.csv")
    assert [(c.term, c.definition, c.topic) for c in deck.cards] == [
        ("abate", '(verb) to lessen in intensity; e.g. "The storm abated by noon."', None),
        ("candor", '(noun) open and honest speech; e.g. "She spoke with candor."', None),
    ]  # fmt: skip
    assert deck.notes == (
        'the column "source" was not read (exam-sim reads a term, definition, topic, tags '
        "and id column)",
        'the column "part of speech" was read as labels, each opening its definition ("(adj.) …")',
        'the column "example sentence" was read as usage examples, each after its '
        'definition ("e.g. …")',
    )
    # A cell that reads as data (a sentence, digits) is no column name: a card, as before.
    text = "word,definition,Seen in chapter 3.\nabate,to lessen,x\n"
    assert [c.term for c in parse_delimited(text, file="w.csv").cards] == ["word", "abate"]


def test_first_row_that_is_not_a_header_is_a_card() -> None:
    deck = parse_delimited("Term A,Defines A\nTerm B,Defines B\n", file="n.csv")
    assert len(deck.cards) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\tb, c\nd\te; f\n", "\t"),
        ("a|b, c\nd|e; f\n", "|"),
        ("a;b, c\nd;e\n", ";"),
        ('a,"b; c"\nd,e\n', ","),
    ],
)
def test_delimiter_is_sniffed(text: str, expected: str) -> None:
    assert sniff_delimiter(text, "x") == expected


def test_quizlet_custom_separators() -> None:
    deck = load_deck(DATA / "decks-quizlet.txt", term_separator=" - ", card_separator=";")
    assert [c.term for c in deck.cards] == [
        "Factorization Machines", "KNN", "Linear Learner", "XGBoost",
    ]  # fmt: skip
    # split at the first separator only; the card separator may be any text
    assert deck.cards[2].definition == "Linear models for classification - or regression"
    assert deck.cards[3].definition == "Gradient boosted trees\nwith many hyperparameters"


def test_quizlet_escaped_newline_separator() -> None:
    deck = parse_delimited("A :: Alpha\r\nB :: Beta\r\n", term_separator=" :: ",
                           card_separator="\\n")  # fmt: skip
    assert [(c.term, c.definition, c.line) for c in deck.cards] == [
        ("A", "Alpha", 1), ("B", "Beta", 2),
    ]  # fmt: skip


def test_quizlet_card_without_separator_names_its_line() -> None:
    with pytest.raises(DeckError) as caught:
        parse_delimited("A - Alpha\nB Beta\n", file="q.txt", term_separator=" - ")
    assert caught.value.line == 2
    assert "found 1" in str(caught.value)


def test_google_glossary_loads() -> None:
    deck = read_delimited(DATA / "google-ml-glossary-es.csv")
    assert len(deck.cards) == 225  # 226 rows, the first describes the deck
    assert deck.title == "Glosario sobre Aprendizaje Automático de Google"
    assert not any(SUFFIX in c.term for c in deck.cards)
    assert SUFFIX in deck.description  # the clean-up is recorded
    assert "Creative Commons Attribution 4.0" in deck.description  # the intro row
    first = deck.cards[0]
    assert first.term == "prueba A/B (A/B testing)"
    assert first.aliases == ("prueba A/B", "A/B testing")
    assert first.definition.startswith("Forma estadística de comparar")
    assert "<p>" not in first.definition and first.line == 18
    assert any(c.term == "Pérdida L2 (L2 loss)" for c in deck.cards)  # <sub> stripped
    assert all("<" not in c.definition or "</" not in c.definition for c in deck.cards)


def test_html_only_stripped_when_it_looks_like_html() -> None:
    deck = parse_delimited("a < b\tWhen a is less than b\nList<int>\tA <b>typed</b> list\n")
    assert deck.cards[0].term == "a < b"
    assert deck.cards[1].term == "List<int>"
    assert deck.cards[1].definition == "A typed list"


def test_common_suffix_is_stripped_only_when_nearly_every_term_has_it() -> None:
    rows = "\n".join(f"Term {i} (Deck X),Definition {i}" for i in range(10))
    deck = parse_delimited(rows + "\nOdd one,Other\n", file="s.csv")
    assert deck.cards[0].term == "Term 0"
    few = parse_delimited("A (x),Alpha\nB (y),Beta\nC,Gamma\n", file="f.csv")
    assert few.cards[0].term == "A (x)"


def test_ids_are_made_unique() -> None:
    deck = parse_delimited("C++,A language\nC#,Another language\nC,A third\n", file="u.csv")
    assert [c.id for c in deck.cards] == ["c", "c-2", "c-3"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("A,Alpha\nB\nC,Gamma\n", 2, "expected 2 columns"),
        ("A,Alpha\n,Beta\n", 2, "the card has no term"),
        ("A,Alpha\nB,  \n", 2, "the term 'B' has no definition"),
        ("term,definition\n", 1, "only a header row"),
    ],
)
def test_bad_rows_name_their_line(text: str, line: int, words: str) -> None:
    with pytest.raises(DeckError) as caught:
        parse_delimited(text, file="bad.csv", delimiter=",")
    assert caught.value.line == line
    assert words in str(caught.value)


@pytest.mark.parametrize("blank", ["\n", "  \n", "\t\n", "\r\n"])
def test_many_leading_blank_lines_do_not_hide_the_delimiter(blank: str) -> None:
    rows = "".join(f"T{n}\tDefinition {n}\n" for n in range(4))
    deck = parse_delimited(blank * 60 + rows, file="blank.tsv")
    assert [(c.term, c.line) for c in deck.cards][:2] == [("T0", 61), ("T1", 62)]
    comma = parse_delimited("\n" * 50 + "A,Alpha\nB,Beta\n", file="blank.csv")
    assert [c.term for c in comma.cards] == ["A", "B"]


def test_one_column_file_has_no_delimiter() -> None:
    with pytest.raises(DeckError, match="no delimiter found"):
        parse_delimited("just words\nmore words\n", file="one.csv")


_GERMAN = (
    "Fachbegriff,Erläuterung\n"
    "Überanpassung,Ein Modell lernt die Trainingsdaten auswendig\n"
    "Lernrate,Die Schrittweite beim Aktualisieren der Gewichte\n"
    "Epoche,Ein vollständiger Durchlauf durch alle Trainingsdaten\n"
)


def test_a_header_of_unknown_names_is_read_as_a_card_and_the_reader_says_so() -> None:
    deck = parse_delimited(_GERMAN, file="de.csv")
    assert [c.term for c in deck.cards] == ["Fachbegriff", "Überanpassung", "Lernrate", "Epoche"]
    assert deck.notes == (
        "line 1 (Fachbegriff | Erläuterung) was read as a card; if it names the columns, "
        "rename them term and definition (or import the file with --header)",
    )


def test_a_header_naming_one_known_column_above_short_cards_draws_the_note() -> None:
    """ "Name" is a column name, "Formula" is not: with short definitions below, nothing
    else told this header from a card, and it became one silently."""
    text = "Formula,Name\nH2O,Water\nNaCl,Sodium chloride\nCO2,Carbon dioxide\n"
    deck = parse_delimited(text, file="chem.csv")
    assert deck.cards[0].term == "Formula"
    assert deck.notes == (
        "line 1 (Formula | Name) was read as a card; if it names the columns, rename them "
        "term and definition (or import the file with --header)",
    )


def test_header_true_takes_a_first_row_of_unknown_names_as_the_columns_in_order() -> None:
    deck = parse_delimited(_GERMAN, file="de.csv", header=True)
    assert [c.term for c in deck.cards] == ["Überanpassung", "Lernrate", "Epoche"]
    assert deck.notes == ()


@pytest.mark.parametrize(
    "text",
    [
        "Cat,Katze\nDog,Hund\nHouse,Haus\nTree,Baum\n",  # a vocabulary: every row is short
        "Epoch 1,One pass\nBatch,A subset of examples in one step\nLoss,A number to lower\n",
        "Overfitting,Memorising.\nBatch,A subset of examples\nLoss,The gap to the truth\n",
    ],
)
def test_a_first_row_like_the_others_draws_no_note(text: str) -> None:
    assert parse_delimited(text, file="v.csv").notes == ()


def test_unquoted_commas_in_prose_stay_in_the_definition() -> None:
    # Quizlet's comma export quotes nothing: a comma in a definition made a third column,
    # read as a topic, and the definition was cut there.
    text = (
        "Epoch,One full pass over the training data, start to end\n"
        "Batch,A subset of examples, processed in one update, then dropped\n"
        "Learning rate,The size of each optimisation step\n"
    )
    deck = parse_delimited(text, file="q.csv")
    assert [(c.definition, c.topic) for c in deck.cards] == [
        ("One full pass over the training data, start to end", None),
        ("A subset of examples, processed in one update, then dropped", None),
        ("The size of each optimisation step", None),
    ]
    assert deck.notes == (
        "2 definitions held an unquoted comma followed by a space: read as text, not as "
        "more columns",
    )


def test_unquoted_commas_under_a_header_stay_in_the_definition_and_keep_the_topic() -> None:
    # Under a header of three columns, "Show the commit history, newest first" made four:
    # " newest first" was read as the topic, and the topic, "Inspect", was dropped.
    text = (
        "Term,Definition,Topic\n"
        "git log,Show the commit history, newest first,Inspect\n"
        "git stash,Shelve changes, clean the tree, keep them,Changes\n"
        "git diff,Show unstaged changes,Inspect\n"
    )
    deck = parse_delimited(text, file="g.csv")
    assert [(c.definition, c.topic) for c in deck.cards] == [
        ("Show the commit history, newest first", "inspect"),
        ("Shelve changes, clean the tree, keep them", "changes"),
        ("Show unstaged changes", "inspect"),
    ]
    assert deck.notes[-1].startswith("2 definitions held an unquoted comma")


def test_fields_past_the_header_without_a_space_are_no_prose() -> None:
    # A CSV writer's extra column (no space after the comma) is left as the header says.
    deck = parse_delimited("Term,Definition\na,b,c\nd,e,f\n", file="x.csv")
    assert [c.definition for c in deck.cards] == ["b", "e"]


@pytest.mark.parametrize(
    "header",
    ["Command,What it does,Topic", "Symbol,Element,Group", "Wort,Bedeutung,Lektion"],
)
def test_a_header_naming_a_later_topic_column_is_a_header(header: str) -> None:
    # Its first two names are no term and definition we know ("What it does", "Element"),
    # but a column named as topics is one no card writes: a header.
    deck = parse_delimited(f"{header}\nNa,Sodium,Alkali metals\nK,Potassium,Alkali metals\n")
    assert [c.term for c in deck.cards] == ["Na", "K"]
    assert {c.topic for c in deck.cards} == {"alkali-metals"}


@pytest.mark.parametrize(
    "text",
    [
        "XGBoost,Boosted trees,Modeling\nKNN,Nearest neighbours,Modeling\n",  # a topic column
        "XGBoost, Boosted trees, Modeling\nKNN, Nearest neighbours, Modeling\n",  # spaced style
    ],
)
def test_a_third_column_written_as_csv_is_still_the_topic(text: str) -> None:
    deck = parse_delimited(text, file="t.csv")
    assert [c.topic for c in deck.cards] == ["modeling", "modeling"]
    assert deck.notes == ()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('a,"unclosed\nb,c\n', 1),
        ('x,y\na,"never closed\nc,d\ne,f\n', 2),
        # on the last line, the lenient reader took the line's end into the definition
        ('x,y\na,b\nc,"never closed\n', 3),
        ('x,y\na,b\nc,"never closed', 3),
        ('x,y\na,b\nc,"never\nclosed\n\n', 3),
    ],
)
def test_a_quote_never_closed_is_named_not_swallowed(text: str, line: int) -> None:
    # The lenient reader took everything after the quote as one field: a 3-row file
    # became 1 card whose definition held the other rows.
    with pytest.raises(DeckError, match="never closed") as raised:
        parse_delimited(text, file="q.csv")
    assert raised.value.line == line


def test_a_tsv_text_opening_with_a_quote_is_text() -> None:
    # A tab-separated file rarely quotes its fields: `" is the inch's symbol` was refused.
    text = 'x\ty\nfloppy\tA 3.5" disk\ninch\t" is the symbol of it\nfoot\t12 inches\n'
    deck = parse_delimited(text, file="q.tsv")
    assert {c.term: c.definition for c in deck.cards}["inch"] == '" is the symbol of it'
    (note,) = deck.notes
    assert note == (
        "quotes read as text, not as the quoting of fields (line 3 opens one no quote closes)"
    )
    # read so, a row short of its fields: the quote's error stands
    with pytest.raises(DeckError, match="never closed") as raised:
        parse_delimited('x\ty\na\t"b\nc\n', file="q.tsv")
    assert raised.value.line == 2


def test_a_quote_inside_a_field_on_the_last_line_is_text() -> None:
    deck = parse_delimited('term,definition\na,b\nc,"closed"\nscreen,15" wide\n', file="q.csv")
    assert [c.definition for c in deck.cards] == ["b", "closed", '15" wide']


_CELL = st.text(alphabet='ab ,"\n;x', min_size=1, max_size=8).filter(str.strip)


@given(st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=6))
def test_rows_a_csv_writer_quotes_read_back_whole(rows: list[tuple[str, str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    read = [tuple(fields) for _, fields in csv_rows(out.getvalue(), "w.csv", ",")]
    assert read == rows


_PHRASES = (
    "Phrase,Meaning\n"
    "habeas corpus,a writ requiring a person under arrest to be brought before a judge\n"
    "pro bono,legal work done without charge\n"
    "de facto,in fact; in practice\n"
    "caveat emptor,let the buyer beware\n"
)


def test_a_known_name_above_longer_definitions_is_read_as_the_columns_and_said() -> None:
    deck = parse_delimited(_PHRASES, file="latin.csv")
    assert [c.term for c in deck.cards] == [
        "habeas corpus",
        "pro bono",
        "de facto",
        "caveat emptor",
    ]
    assert deck.notes == (
        "line 1 (Phrase | Meaning) was read as the column names; if it is a card, import "
        "the file with --no-header",
    )
    forced = parse_delimited(_PHRASES, file="latin.csv", header=False)
    assert forced.cards[0].term == "Phrase" and forced.notes == ()


def test_a_known_name_above_definitions_as_short_stays_a_card_and_the_reader_says_so() -> None:
    deck = parse_delimited("Sinn,meaning\nHaus,house\nHund,dog\nKatze,cat\n", file="de.csv")
    assert deck.cards[0].term == "Sinn"
    assert deck.notes[0].startswith("line 1 (Sinn | meaning) was read as a card")


def test_a_label_above_complexities_is_a_header() -> None:
    text = (
        "Algorithm,Time complexity (average)\nBinary search,O(log n)\nLinear search,O(n)\n"
        "Merge sort,O(n log n)\nDijkstra's algorithm,O((V + E) log V)\nBubble sort,O(n^2)\n"
    )
    deck = parse_delimited(text, file="big-o.csv")
    assert [c.term for c in deck.cards][:2] == ["Binary search", "Linear search"]
    assert len(deck.cards) == 5


def test_labels_above_terms_written_with_signs_are_a_header_and_the_reader_says_so() -> None:
    text = (
        "Shortcut,Action\nCtrl+C,Copy\nCtrl+V,Paste\nCtrl+Z,Undo\nAlt+F4,Close window\n"
        "F5,Refresh\nWin+L,Lock the computer\n"
    )
    deck = parse_delimited(text, file="keys.csv")
    assert deck.cards[0].term == "Ctrl+C" and len(deck.cards) == 6
    assert deck.notes[0].startswith("line 1 (Shortcut | Action) was read as the column names")
    # Too few rows below to tell, or terms in words: the first row stays a card.
    assert (
        parse_delimited("Shortcut,Action\nCtrl+C,Copy\nF5,Refresh\n", file="k.csv").cards[0].term
        == "Shortcut"
    )
    words = "Cat,Katze\nDog,Hund\nHouse,Haus\nTree,Baum\nCar,Auto\nSun,Sonne\n"
    assert parse_delimited(words, file="v.csv").cards[0].term == "Cat"


async def test_the_tui_says_what_the_reader_made_of_a_deck_named_on_the_command_line(
    tmp_path: Path,
) -> None:
    from exam_sim.tui.app import create_app

    deck = tmp_path / "latin.csv"
    deck.write_text(_PHRASES)
    app = create_app(deck=str(deck), db=tmp_path / "h.sqlite3", seed=1)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any("(Phrase | Meaning) was read as the column names" in m for m in notices)
