"""A zip holding one deck file is read as that file: a Google Docs document downloaded
as a web page (the page and its images), a Notion page exported as Markdown, a CSV sent
zipped. Before, each was refused as "a zip file but not an Anki package"."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook

from exam_sim.decks.loader import complete_deck_path, load_deck
from exam_sim.models import DeckError

_PAGE = (
    "<html><head><title>Glossary</title></head><body><h1>Cells</h1><dl>"
    "<dt>Ribosome</dt><dd>Builds proteins.</dd><dt>Lysosome</dt><dd>Digests worn parts.</dd>"
    "<dt>Nucleus</dt><dd>Holds the DNA.</dd><dt>Vacuole</dt><dd>Stores water.</dd></dl>"
    "</body></html>"
)


def _zip(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def test_a_zip_of_one_page_and_its_images_reads_as_the_page(tmp_path: Path) -> None:
    path = _zip(tmp_path / "Cells.zip", {
        "Cells.html": _PAGE, "images/image1.png": b"\x89PNG", "images/": b"",
    })  # fmt: skip
    deck = load_deck(path)
    assert deck.title == "Cells" and deck.id == "cells"
    assert [c.term for c in deck.cards] == ["Ribosome", "Lysosome", "Nucleus", "Vacuole"]
    assert deck.notes[0] == "read from Cells.html, the deck file inside the zip"


def test_what_macos_adds_to_a_zip_is_passed_over_and_a_zipped_workbook_read(
    tmp_path: Path,
) -> None:
    notes = "# Cells\n\n- **Ribosome**: builds proteins\n- **Nucleus**: holds the DNA\n"
    path = _zip(tmp_path / "Export.zip", {
        "Export/Cells 1a2b.md": notes, "__MACOSX/Export/._Cells 1a2b.md": b"\0\5\26",
        ".DS_Store": b"\0",
    })  # fmt: skip
    assert [c.term for c in load_deck(path).cards] == ["Ribosome", "Nucleus"]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [("Term", "Definition"), ("Ribosome", "Builds proteins"), ("Nucleus", "DNA")]:
        sheet.append(row)
    book.save(tmp_path / "cells.xlsx")
    path = _zip(tmp_path / "sent.zip", {"cells.xlsx": (tmp_path / "cells.xlsx").read_bytes()})
    assert [c.term for c in load_deck(path).cards] == ["Ribosome", "Nucleus"]


def test_a_zip_of_several_decks_or_none_is_refused_saying_what_it_holds(
    tmp_path: Path,
) -> None:
    several = _zip(tmp_path / "two.zip", {"a.csv": "t,d\n", "b.md": "# b\n", "c.png": b"x"})
    done = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(several)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.strip() == (
        f"exam-sim: {several}: a zip file holding 2 deck files (a.csv, b.md): unzip it and "
        "open the one that holds your cards."
    )
    none = _zip(tmp_path / "photos.zip", {"a.png": b"x"})
    try:
        load_deck(none)
    except DeckError as error:
        assert "a zip file holding no deck" in str(error)
    else:
        raise AssertionError("a zip of photos was read")
    # A file named as an Anki package says what a package lacks, as before.
    try:
        load_deck(_zip(tmp_path / "deck.apkg", {"a.csv": "t,d\n"}))
    except DeckError as error:
        assert "not an Anki package" in str(error)
    else:
        raise AssertionError("a zip named .apkg without a collection was read")


def test_the_path_field_suggests_zip_files(tmp_path: Path) -> None:
    _zip(tmp_path / "Cells.zip", {"Cells.html": _PAGE})
    assert complete_deck_path(f"{tmp_path}/Ce") == f"{tmp_path}/Cells.zip"
