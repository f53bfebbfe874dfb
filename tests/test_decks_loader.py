"""Format detection, encodings, finding decks by id, listing and importing into the library."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exam_sim.decks import detect_format, import_deck, list_decks, load_deck, resolve_deck
from exam_sim.decks.loader import line_separator
from exam_sim.models import DeckError

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("decks-native.toml", "native"),
        ("seed-aws-ml-specialty.txt", "text"),
        ("decks-anki.txt", "anki"),
        ("decks-header.csv", "csv"),
        ("decks-plain.tsv", "tsv"),
        ("google-ml-glossary-es.csv", "csv"),
    ],
)
def test_detect_format(name: str, expected: str) -> None:
    path = DATA / name
    assert detect_format(path, path.read_text(encoding="utf-8")) == expected


def test_unknown_extension_is_decided_by_content(tmp_path: Path) -> None:
    native = tmp_path / "deck.cards"
    native.write_bytes((DATA / "decks-native.toml").read_bytes())
    assert load_deck(native).id == "tiny-native"
    tabbed = tmp_path / "deck.dat"
    tabbed.write_text("A\tAlpha\nB\tBeta\n", encoding="utf-8")
    assert len(load_deck(tabbed).cards) == 2
    lines = tmp_path / "deck.md"
    lines.write_text("A\nAlpha\nB\nBeta\n", encoding="utf-8")
    assert [c.term for c in load_deck(lines).cards] == ["A", "B"]


def test_leading_blank_lines_do_not_decide_the_format(tmp_path: Path) -> None:
    tabbed = tmp_path / "deck.dat"
    tabbed.write_text("\n" * 50 + "A\tAlpha\nB\tBeta\n", encoding="utf-8")
    assert detect_format(tabbed, tabbed.read_text(encoding="utf-8")) == "csv"
    assert [c.term for c in load_deck(tabbed).cards] == ["A", "B"]


def test_format_override(tmp_path: Path) -> None:
    path = tmp_path / "pairs.txt"
    path.write_text("A\tAlpha\nB\tBeta\n", encoding="utf-8")
    assert [c.term for c in load_deck(path).cards] == ["A", "B"]  # a card a line
    assert [c.term for c in load_deck(path, format="text").cards] == ["A\tAlpha"]  # told
    with pytest.raises(DeckError, match="unknown format 'yaml'"):
        load_deck(path, format="yaml")


def test_bom_and_crlf_in_every_format(tmp_path: Path) -> None:
    for name in ("decks-header.csv", "decks-native.toml", "decks-anki.txt", "decks-plain.tsv"):
        raw = (DATA / name).read_bytes().replace(b"\n", b"\r\n")
        path = tmp_path / name
        path.write_bytes(b"\xef\xbb\xbf" + raw)
        plain = load_deck(DATA / name)
        converted = load_deck(path)
        assert [(c.term, c.definition, c.line) for c in converted.cards] == [
            (c.term, c.definition, c.line) for c in plain.cards
        ], name


def test_not_utf8_names_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Слово\nWord\nМир\nPeace\n".encode("cp1251"))
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert str(caught.value) == (f"{path}: not UTF-8 text (byte 0xd1 at line 1); save it as UTF-8.")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Polish;meaning\nźródło;source\nłódź;boat\nżaba;frog\n", "cp1250"),  # "³" for "ł"
        ("Kelime;Anlam\nşehir;city\nağaç;tree\nışık;light\n", "cp1254"),  # "þ" for "ş"
        ("λέξη,σημασία\nγεια,hello\nσπίτι,house\nνερό,water\n", "cp1253"),  # all accented
    ],
)
def test_another_code_page_is_never_read_as_western(
    tmp_path: Path, text: str, encoding: str
) -> None:
    path = tmp_path / "deck.csv"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(DeckError, match=r"not UTF-8 text .*; save it as UTF-8"):
        load_deck(path)


def test_excel_s_csv_and_unicode_text_are_read(tmp_path: Path) -> None:
    """Excel on Windows saves a CSV in Windows-1252 and "Unicode Text" in UTF-16 (tabs):
    both were refused as "not UTF-8"."""
    rows = ["Begriff;Definition", "Größe;Umfang", "Straße;Verkehrsweg", "Käse;Milchprodukt",
            "Übung;wiederholte Tätigkeit"]  # fmt: skip
    western = tmp_path / "excel.csv"
    western.write_bytes("\r\n".join(rows).encode("cp1252"))
    for deck in (load_deck(western), load_deck(western, format="csv")):
        assert [c.term for c in deck.cards] == ["Größe", "Straße", "Käse", "Übung"]
        assert deck.notes[0].startswith("read as Windows-1252, not UTF-8")
    unicode_text = tmp_path / "excel.txt"
    unicode_text.write_bytes("\r\n".join(r.replace(";", "\t") for r in rows).encode("utf-16"))
    deck = load_deck(unicode_text)
    assert [c.term for c in deck.cards] == ["Größe", "Straße", "Käse", "Übung"]
    assert not any("Windows-1252" in note for note in deck.notes)


def test_empty_and_binary_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"  \n\n")
    with pytest.raises(DeckError, match="the file is empty"):
        load_deck(empty)
    for name in ("notes.doc", "terms.xls", "slides.ppt", "download"):  # Office 97–2003
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
        with pytest.raises(DeckError, match=r"an Office 97–2003 file .* save it as \.docx"):
            load_deck(tmp_path / name)  # before: "not UTF-8 text (byte 0xd0 at line 1)"
    for name in ("empty.pdf", "empty.pptx", "empty.docx"):  # before: "damaged"
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(DeckError, match="the file is empty"):
            load_deck(tmp_path / name)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"GIF89a\x00\x00abc")
    with pytest.raises(DeckError, match="binary data"):
        load_deck(binary)
    zipped = tmp_path / "archive.txt"  # a zip's first bytes, cut short: said as a zip
    zipped.write_bytes(b"PK\x03\x04\x00\x00abc")
    with pytest.raises(DeckError, match=r"starts like a zip file but cannot be unpacked"):
        load_deck(zipped)
    # Named as what it should have been: said as that (before: "… (an Anki package)").
    for name, what in (
        ("slides.pptx", "a PowerPoint presentation"),
        ("notes.docx", "a Word document"),
        ("cut.apkg", "an Anki package"),
    ):
        cut = tmp_path / name
        cut.write_bytes(b"PK\x03\x04\x00\x00abc")
        with pytest.raises(DeckError, match=re.escape(what)):
            load_deck(cut)  # fmt: skip


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="no such file"):
        load_deck(tmp_path / "nope.csv")
    with pytest.raises(DeckError, match="folder"):
        load_deck(tmp_path)


def test_resolve_by_bundled_id_library_id_and_path(bundled: Path, home: Path) -> None:
    assert resolve_deck("tiny-native").path == str(bundled / "tiny-native.toml")
    _, target = import_deck(DATA / "decks-plain.tsv", title="My Plain Deck")
    assert target == home / "decks" / "my-plain-deck.toml"
    assert resolve_deck("my-plain-deck").title == "My Plain Deck"
    assert resolve_deck(str(DATA / "decks-header.csv")).id == "decks-header"
    with pytest.raises(DeckError) as caught:
        resolve_deck("nothing-here")
    assert "available decks: tiny-native, my-plain-deck" in str(caught.value)
    with pytest.raises(DeckError, match="no such file"):
        resolve_deck("missing/deck.csv")
    # A folder given as a deck (`exam-sim check notes/`) is named as one, as reading it says.
    folder = home / "notes.csv"
    folder.mkdir()
    with pytest.raises(DeckError, match="this is a folder, not a deck file"):
        resolve_deck(str(folder))


def test_list_decks_bundled_first(bundled: Path) -> None:
    import_deck(DATA / "decks-header.csv")
    infos = list_decks()
    assert [(i.id, i.where) for i in infos] == [
        ("tiny-native", "bundled"), ("decks-header", "library"),
    ]  # fmt: skip
    tiny = infos[0]
    assert tiny.cards == 6 and tiny.title == "Tiny native deck"
    assert [(t.id, t.name, t.cards) for t in tiny.topics] == [
        ("modeling", "Modeling", 4), ("operations", "Operations", 2),
    ]  # fmt: skip


def test_broken_library_file_is_listed_not_fatal(bundled: Path, home: Path) -> None:
    (home / "decks").mkdir(parents=True)
    (home / "decks" / "broken.toml").write_text("format = \n", encoding="utf-8")
    infos = list_decks()
    broken = next(i for i in infos if i.id == "broken")
    assert broken.error is not None and "not valid TOML" in broken.error


def test_import_writes_native_toml_with_topic(home: Path, bundled: Path) -> None:
    deck, target = import_deck(DATA / "seed-aws-ml-specialty.txt", topic="Machine Learning")
    assert target == home / "decks" / "seed-aws-ml-specialty.toml"
    assert deck.path == str(target)
    again = load_deck(target)
    assert len(again.cards) == 55
    assert [(t.id, t.name) for t in again.topics] == [("machine-learning", "Machine Learning")]
    assert {c.topic for c in again.cards} == {"machine-learning"}
    assert again.source == "Imported from seed-aws-ml-specialty.txt."
    # importing the same file again is harmless; a different deck of that id is refused
    import_deck(DATA / "seed-aws-ml-specialty.txt", topic="Machine Learning")
    with pytest.raises(DeckError, match="already has a different deck"):
        import_deck(DATA / "seed-aws-ml-specialty.txt")
    deck, _ = import_deck(DATA / "seed-aws-ml-specialty.txt", replace=True)
    assert load_deck(target).topics == ()


def test_import_topic_keeps_existing_topics(bundled: Path) -> None:
    deck, _ = import_deck(DATA / "decks-header.csv", topic="Modeling")
    assert [t.id for t in deck.topics] == ["modeling", "ai-services", "data-engineering"]


def test_import_topic_whose_slug_is_taken_gets_its_own_id(tmp_path: Path, bundled: Path) -> None:
    path = tmp_path / "langs.csv"
    path.write_text("term,definition,topic\nA,Alpha letter,C\nB,Beta letter,\n", encoding="utf-8")
    deck, _ = import_deck(path, topic="C++")
    assert [(t.id, t.name) for t in deck.topics] == [("c", "C"), ("c-2", "C++")]
    assert [c.topic for c in deck.cards] == ["c", "c-2"]
    deck, _ = import_deck(path, topic="Животные", replace=True)
    assert deck.topics[-1].id == "zhivotnye"


def test_import_with_a_deck_id_too_long_for_a_file_name_is_a_deck_error(bundled: Path) -> None:
    with pytest.raises(DeckError, match="at most 100 characters"):
        import_deck(DATA / "decks-plain.tsv", deck_id="d" * 251)  # was an OSError


def test_import_refuses_to_shadow_a_bundled_deck(bundled: Path) -> None:
    with pytest.raises(DeckError, match="a bundled deck is called 'tiny-native'"):
        import_deck(DATA / "decks-native.toml")
    deck, _ = import_deck(DATA / "decks-native.toml", title="Tiny copy")
    assert deck.id == "tiny-copy" and len(deck.cards) == 6


def test_import_quizlet_with_separators(bundled: Path) -> None:
    deck, target = import_deck(DATA / "decks-quizlet.txt", term_separator=" - ", card_separator=";")
    assert len(deck.cards) == 4 and target.name == "decks-quizlet.toml"


def test_an_option_the_reader_does_not_take_is_a_deck_error_before_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exam_sim.decks import loader

    monkeypatch.setitem(loader._READERS, "native", _never_called)
    with pytest.raises(DeckError, match=r"the native format takes no option 'delimiter'"):
        load_deck(DATA / "decks-native.toml", delimiter=";")
    with pytest.raises(DeckError, match=r"decks-anki\.txt: the anki format takes no option"):
        load_deck(DATA / "decks-anki.txt", header=True)
    assert loader.reader_options("text") == {"title", "deck_id"}
    assert "term_separator" in loader.reader_options("csv")


def _never_called(*args: object, **kwargs: object) -> None:
    raise AssertionError("the reader ran although an option was refused")


def test_a_type_error_inside_a_reader_is_a_bug_not_a_bad_option(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from exam_sim.decks import loader

    def broken(data: bytes, *, file: str | None = None, title: str | None = None) -> None:
        raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")

    monkeypatch.setitem(loader._READERS, "text", broken)
    with pytest.raises(TypeError, match="unsupported operand"):
        load_deck(DATA / "seed-aws-ml-specialty.txt", title="Seed")


@pytest.mark.parametrize(
    ("lines", "separator", "shown"),
    [
        (["Epoch\tOne pass over the data", "Batch\tA subset of examples"], "\t", "a tab"),
        (["Epoch::One pass over the data", "Batch :: A subset of examples"], "::", "'::'"),
        (["Epoch - One pass over the data", "Batch - A subset - of examples"], " - ", "' - '"),
        (["abomena : abominable, dismal", "abrikoto : apricot"], " : ", "' : '"),
        # The commonest glossary line; a comma in the first line made it CSV-like, and
        # the alternating reading took it for a title above one card.
        (["glad: pleased, happy", "big: large", "ratio: a:b, as in 3:4"], ": ", "': '"),
        (["Epoch = one pass: start to end", "Batch = a subset"], " = ", "' = '"),
    ],
)
def test_a_text_file_of_one_card_a_line_is_read_so(
    tmp_path: Path, lines: list[str], separator: str, shown: str
) -> None:
    path = tmp_path / "cards.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert line_separator(path.read_text(encoding="utf-8")) == (separator, None)
    deck = load_deck(path)
    assert [c.term for c in deck.cards] == [
        line.split(separator.strip() or separator)[0].strip() for line in lines
    ]
    assert deck.cards[1].line == 2
    assert deck.notes == (f"read as one card a line, term and definition split at {shown}",)


@pytest.mark.parametrize(
    "text",
    [
        "Epoch\nOne full pass - over the data\nBatch\nA subset - of examples\n",  # alternating
        "Epoch\tOne full pass over the data\n",  # one line
        "Epoch\tOne pass\nBatch\nA subset\n",  # a line without a tab, not the first
        "Title line\nEpoch\tOne pass\n",  # a title and one line
    ],
)
def test_alternating_lines_stay_alternating_lines(text: str) -> None:
    assert line_separator(text) == (None, None)


def test_labelled_alternating_lines_are_not_split_at_their_labels(tmp_path: Path) -> None:
    """ "Q: …" / "A: …" lines all hold ": ", but what comes before it is two labels, not
    terms: the file stays alternating lines, and their reader removes the labels."""
    path = tmp_path / "qa.txt"
    path.write_text(
        "Q: What is the capital of France?\nA: Paris\nQ: What is the capital of Spain?\n"
        "A: Madrid\nQ: What is the capital of Italy?\nA: Rome\n",
        encoding="utf-8",
    )
    assert line_separator(path.read_text(encoding="utf-8")) == (None, None)
    deck = load_deck(path)
    assert [(c.term, c.definition) for c in deck.cards][:2] == [
        ("What is the capital of France?", "Paris"),
        ("What is the capital of Spain?", "Madrid"),
    ]
    # Below a title line too; and a glossary whose terms happen to repeat is still split.
    path.write_text("Capitals\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert line_separator(path.read_text(encoding="utf-8")) == (None, None)
    assert load_deck(path).title == "Capitals"
    assert line_separator("run: to move fast\nrun: a score\nrun: to operate\n") == (": ", None)


def test_a_title_line_above_one_card_a_line(tmp_path: Path) -> None:
    path = tmp_path / "cards.txt"
    path.write_text("\nMy ML deck\nEpoch\tOne pass\nBatch\tA subset\n", encoding="utf-8")
    deck = load_deck(path)
    assert deck.title == "My ML deck"
    assert [(c.term, c.line) for c in deck.cards] == [("Epoch", 3), ("Batch", 4)]
    assert deck.notes[0].endswith("split at a tab; the first line is the title")
    assert load_deck(path, title="Mine").title == "Mine"  # a title given wins


def test_a_markdown_file_is_text_whatever_its_first_line_holds(tmp_path: Path) -> None:
    # As an unknown extension, a first line with a comma made it a CSV file.
    path = tmp_path / "notes.md"
    path.write_text(
        "Epoch - One full pass, start to end\nBatch - A subset, in one step\n"
        "Loss - The error, to be minimised\n",
        encoding="utf-8",
    )
    deck = load_deck(path)
    assert [(c.term, c.definition) for c in deck.cards][2] == ("Loss", "The error, to be minimised")


def test_a_quizlet_export_with_custom_separators_says_how_to_read_it(tmp_path: Path) -> None:
    """Read without its separators, a ";"/" - " export made 1 card, and nothing said why."""
    deck = load_deck(DATA / "decks-quizlet.txt")
    assert deck.notes[0] == ("only 1 card read; as a Quizlet export it gives 4 cards: add "
                             "--card-sep ';' --term-sep ' - '")  # fmt: skip
    told = load_deck(DATA / "decks-quizlet.txt", term_separator=" - ", card_separator=";")
    assert len(told.cards) == 4 and not any("Quizlet" in note for note in told.notes)
    one_line = tmp_path / "letters.txt"
    one_line.write_text("Alpha, the first; Beta, the second; Gamma, the third; "
                        "Delta, the fourth", encoding="utf-8")  # fmt: skip
    with pytest.raises(DeckError) as refused:
        load_deck(one_line)
    assert str(refused.value).endswith(
        "; as a Quizlet export it gives 4 cards: add --card-sep ';' --term-sep ','."
    )


def test_a_typed_path_completes_to_folders_and_deck_files(tmp_path: Path) -> None:
    from exam_sim.decks.loader import complete_deck_path

    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "birds.md").write_text("- **Heron**: a bird\n", encoding="utf-8")
    (tmp_path / "notes" / "birds.jpg").write_bytes(b"")
    (tmp_path / "notebook.toml").write_text("", encoding="utf-8")
    base = str(tmp_path)
    assert complete_deck_path(f"{base}/not") == f"{base}/notebook.toml"  # name order
    assert complete_deck_path(f"{base}/notes") == f"{base}/notes/"  # a folder: its "/"
    assert complete_deck_path(f"{base}/notes/b") == f"{base}/notes/birds.md"  # not the .jpg
    assert complete_deck_path(f"{base}/notes/birds.md") is None  # nothing more to add
    assert complete_deck_path(f"{base}/notes/") is None  # nothing typed in the folder yet
    assert complete_deck_path(f"{base}/missing/x") is None


def test_lines_split_at_an_arrow_or_remnote_s_mark(tmp_path: Path) -> None:
    # before, each was read as lines alternating term and definition: "hello → hola" a
    # term, "goodbye → adiós" its definition
    for text, mark in (
        ("hello → hola\ngoodbye → adiós\nthank you → gracias\nwater → agua\n", "'→'"),
        ("hello -> hola\ngoodbye -> adiós\nthank you -> gracias\nwater -> agua\n", "' -> '"),
        ("Mitosis >> Cell division into two identical cells\nAllele >> A version of a gene\n"
         "Genotype >> The genes an organism has\nPhenotype >> The traits it shows\n", "'>>'"),
    ):  # fmt: skip
        path = tmp_path / "words.txt"
        path.write_text(text, encoding="utf-8")
        deck = load_deck(path)
        assert len(deck.cards) == 4
        assert deck.notes[0] == f"read as one card a line, term and definition split at {mark}"
        assert deck.cards[1].term in ("goodbye", "Allele")
        assert deck.cards[1].definition in ("adiós", "A version of a gene")
