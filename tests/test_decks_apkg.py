"""Anki packages (.apkg, .colpkg): read from the collection inside, in both schemas."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support.anki_package import write_package

from exam_sim.decks import load_deck
from exam_sim.models import DeckError

NOTES = [
    ("AWS::Modeling", ["XGBoost", "Gradient boosted <b>decision trees</b>.<br>Fast."], "algo"),
    ("AWS::Modeling", ["K-Means", "Clusters points around k centroids [sound:km.mp3]"], ""),
    ("AWS::Data", ["{{c1::AWS Glue}} prepares and catalogues {{c2::data}}.", ""], "etl x"),
    ("AWS::Data", ["Athena", "Serverless SQL over data in Amazon S3.", "extra field"], ""),
]


@pytest.mark.parametrize(("schema", "wal"), [(18, False), (18, True), (11, False), (11, True)])
def test_a_package_reads_as_its_notes(tmp_path: Path, schema: int, wal: bool) -> None:
    deck = load_deck(write_package(tmp_path / "aws.apkg", NOTES, schema=schema, wal=wal))
    assert deck.title == "AWS"  # the common parent deck
    assert [(c.term, c.topic) for c in deck.cards] == [
        ("XGBoost", "modeling"), ("K-Means", "modeling"), ("AWS Glue", "data"),
        ("data", "data"), ("Athena", "data"),
    ]  # fmt: skip
    assert deck.cards[0].definition == "Gradient boosted decision trees.\nFast."
    assert deck.cards[1].definition == "Clusters points around k centroids"
    assert deck.cards[2].definition == "____ prepares and catalogues data."
    assert deck.cards[2].tags == ("etl", "x")
    assert all(card.line is None for card in deck.cards)  # a package has no lines
    assert deck.notes == (
        "1 cloze note made 2 cards (one per cloze number)",  # its Back Extra empty
        "1 sound removed (media references: exam-sim shows text only)",
    )


@pytest.mark.parametrize("schema", [18, 11])
def test_the_fields_named_term_and_meaning_are_asked(tmp_path: Path, schema: int) -> None:
    notes = [("Japanese::N5", ["会う", "あう", "to meet"], ""),
             ("Japanese::N5", ["雨", "あめ", "rain"], "")]  # fmt: skip
    fields = ("Word", "Reading", "Meaning")
    deck = load_deck(write_package(tmp_path / "ja.apkg", notes, schema=schema, fields=fields))
    # the reading joined to the word as its parenthesis (read as a reading, no name)
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("会う (あう)", "to meet"),
        ("雨 (あめ)", "rain"),
    ]


def test_a_colpkg_and_a_package_under_another_name_are_read(tmp_path: Path) -> None:
    package = write_package(tmp_path / "aws.apkg", NOTES)
    for name in ("backup.colpkg", "shared-deck.zip"):
        copy = tmp_path / name
        copy.write_bytes(package.read_bytes())
        assert len(load_deck(copy).cards) == 5


def test_a_note_without_a_back_is_named_by_its_number(tmp_path: Path) -> None:
    notes = [*NOTES[:2], ("AWS::Data", ["Kinesis", ""], "")]
    with pytest.raises(DeckError) as raised:
        load_deck(write_package(tmp_path / "aws.apkg", notes))
    assert (
        str(raised.value)
        == f"{tmp_path / 'aws.apkg'}, note 3: the term 'Kinesis' has no definition."
    )


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("members", "problem"),
    [
        # a workbook's zip, whatever its name, is read as one: this one is broken
        ({"xl/workbook.xml": b"<workbook/>"}, "an Excel workbook that cannot be read"),
        ({"notes.txt": b"hello"}, "a zip file but not an Anki package"),
        ({"collection.anki2": b"not sqlite"}, "collection.anki2 is not a readable Anki"),
        ({"collection.anki21b": b"not zstd"}, "collection.anki21b cannot be unpacked"),
    ],
)
def test_a_broken_package_is_one_sentence_and_exit_2(
    tmp_path: Path, members: dict[str, bytes], problem: str
) -> None:
    path = _zip(tmp_path / "broken.apkg", members)
    with pytest.raises(DeckError, match=problem):
        load_deck(path)
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, check=False, env=None,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(f"exam-sim: {path}: ") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_truncated_package_is_refused(tmp_path: Path) -> None:
    package = write_package(tmp_path / "aws.apkg", NOTES).read_bytes()
    cut = tmp_path / "cut.apkg"
    cut.write_bytes(package[: len(package) // 2])
    with pytest.raises(DeckError, match="damaged or cut short"):
        load_deck(cut)


def _minimal_package(
    path: Path, flds: str, rows: list[tuple[int, str | bytes, str | bytes]]
) -> Path:
    """A package whose collection has only the columns the reader uses: neither schema
    18's `fields` table nor schema 11's `col.models` (as some tools write), `flds` and
    `tags` of the given column type."""
    database = path.with_suffix(".anki2")
    conn = sqlite3.connect(database)
    conn.executescript(
        "CREATE TABLE col (decks text); INSERT INTO col VALUES (NULL);"
        f"CREATE TABLE notes (id integer, mid integer, flds {flds}, tags {flds});"
        "CREATE TABLE cards (nid integer, did integer, odid integer, ord integer);"
    )
    conn.executemany("INSERT INTO notes VALUES (?, 7, ?, ?)", rows)
    conn.commit()
    conn.close()
    return _zip(path, {"collection.anki2": database.read_bytes()})


def test_a_collection_that_names_no_fields_keeps_the_first_two(tmp_path: Path) -> None:
    rows = [(1, "Epoch\x1fOne pass", ""), (2, "Batch\x1fA subset", "")]
    deck = load_deck(_minimal_package(tmp_path / "minimal.apkg", "text", rows))
    assert [(c.term, c.definition, c.topic) for c in deck.cards] == [
        ("Epoch", "One pass", None), ("Batch", "A subset", None),
    ]  # fmt: skip


def test_fields_stored_as_blobs_read_as_text(tmp_path: Path) -> None:
    rows: list[tuple[int, str | bytes, str | bytes]] = [
        (n, f"Term {n}\x1fDefinition number {n}".encode(), b" t ") for n in range(3)
    ]
    deck = load_deck(_minimal_package(tmp_path / "blobs.apkg", "blob", rows))
    assert [(c.term, c.tags) for c in deck.cards] == [(f"Term {n}", ("t",)) for n in range(3)]


REAL = Path(__file__).parent / "data" / "anki"  # made by Anki's own library: scripts/


@pytest.mark.parametrize("name", ["anki-modern.apkg", "anki-legacy.apkg", "anki-collection.colpkg"])
def test_packages_anki_itself_exported_read_as_their_notes(name: str) -> None:
    """Anki 2.1.50+'s default export (the collection zstd-compressed beside a stub that
    only says to update Anki), the legacy one and a whole collection (with its empty
    Default deck): the same notes."""
    deck = load_deck(REAL / name)
    assert deck.title == "AWS ML"
    assert [(c.term, c.topic) for c in deck.cards] == [
        ("XGBoost", "modeling"), ("K-Means", "modeling"), ("AWS Glue", "data"),
        ("data", "data"), ("Athena", "data"), ("Amazon Kinesis", "data"),
        ("Überanpassung", "modeling"),
    ]  # fmt: skip
    definitions = [c.definition for c in deck.cards]
    assert definitions[0] == "Gradient boosted decision trees.\nFast."
    assert definitions[1] == "Clusters points around k centroids"
    assert definitions[4] == "Serverless SQL over data in Amazon S3 & more."
    assert definitions[5] == "Streams data in real time; see AWS."
    assert definitions[6] == "Modell lernt das Rauschen der Trainingsdaten (overfitting)."
    glue, data = deck.cards[2], deck.cards[3]
    assert (glue.definition, data.definition) == (
        "____ prepares and catalogues data.",
        "AWS Glue prepares and catalogues ____.",
    )
    assert glue.tags == ("etl", "x")
    # One sentence with two blanks: its cards are related, never options for each other.
    assert (glue.related, data.related) == ((data.id,), (glue.id,))
    assert deck.notes == (
        "1 cloze note made 2 cards (one per cloze number)",  # its Back Extra empty
        "1 sound removed (media references: exam-sim shows text only)",
    )


def test_a_real_package_checks_without_asking_to_tell_cloze_siblings_apart() -> None:
    from exam_sim.decks.check import check_deck

    findings = check_deck(load_deck(REAL / "anki-modern.apkg"))
    assert [f.code for f in findings] == ["small-topic"]  # Modeling: 3 cards


_MULTIPLE_CHOICE = (
    "Question",
    "Title",
    "QType",
    "Q_1",
    "Q_2",
    "Q_3",
    "Q_4",
    "Q_5",
    "Answers",
    "Sources",
    "Extra 1",
)  # the fields of Anki's multiple-choice add-on's note type, in its order


@pytest.mark.parametrize("schema", [18, 11])
def test_multiple_choice_notes_are_asked_as_written(tmp_path: Path, schema: int) -> None:
    notes = [
        ("AWS::Storage", ["Which service stores objects?", "", "2", "EC2", "S3", "RDS",
                          "Lambda", "", "0 1 0 0", "https://aws.amazon.com/s3/", ""], ""),
        ("AWS::Databases", ["Which two are relational?", "", "1", "Aurora", "DynamoDB",
                            "<b>RDS</b>", "SQS", "", "1 0 1 0", "", ""], ""),
    ]  # fmt: skip
    path = write_package(tmp_path / "mc.apkg", notes, schema=schema, fields=_MULTIPLE_CHOICE)
    deck = load_deck(path)
    assert not deck.cards and deck.title == "AWS"
    one, two = deck.items
    assert [o.text for o in one.options] == ["EC2", "S3", "RDS", "Lambda"]
    assert [o.text for o in one.options if o.correct] == ["S3"]
    assert one.references == ("https://aws.amazon.com/s3/",)
    assert [o.text for o in two.options if o.correct] == ["Aurora", "RDS"]  # HTML reduced
    assert {t.name for t in deck.topics} == {"Storage", "Databases"}


def test_a_multiple_choice_note_without_an_answer_is_named_by_its_number(tmp_path: Path) -> None:
    notes = [("Quiz", ["Which?", "", "2", "x", "y", "", "", "", "", "", ""], "")]
    path = write_package(tmp_path / "mc.apkg", notes, fields=_MULTIPLE_CHOICE)
    with pytest.raises(DeckError, match=r"mc\.apkg, note 1: the answer is empty"):
        load_deck(path)


def test_multiple_choice_notes_in_a_text_export_are_asked_as_written() -> None:
    from exam_sim.decks.anki import parse_anki

    text = (
        "#separator:tab\n#html:true\n#deck column:12\n#columns:"
        + "\t".join((*_MULTIPLE_CHOICE, "Deck"))
        + "\nWhich stores objects?\t\t2\tEC2\tS3\tRDS\tLambda\t\t0 1 0 0\t\t\tAWS::Storage\n"
        "Which two are relational?\t\t1\tAurora\tDynamoDB\t<b>RDS</b>\tSQS\t\t1 0 1 0\t\t\t"
        "AWS::Databases\n"
    )
    deck = parse_anki(text, file="mc.txt")
    assert deck.title == "AWS" and not deck.cards
    assert [[o.text for o in i.options if o.correct] for i in deck.items] == [
        ["S3"], ["Aurora", "RDS"]
    ]  # fmt: skip
    assert [i.line for i in deck.items] == [5, 6]
