"""A zip file holding one deck file: a Google Docs document downloaded as a web page (the
page and its images, zipped), a Notion page exported as Markdown, a folder of one CSV
zipped to be sent. Before, any zip that was no Anki package, workbook or Word document
was refused as "a zip file but not an Anki package".
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath

from exam_sim.decks.apkg import COLLECTIONS, is_package
from exam_sim.decks.document import DOCUMENT_PART
from exam_sim.decks.opendocument import (
    CONTENT_PART,
    SPREADSHEET,
    TEXT_DOCUMENT,
    opendocument_type,
)
from exam_sim.decks.packed import MAX_UNPACKED_BYTES, zip_members
from exam_sim.decks.pdf import looks_like_pdf
from exam_sim.decks.slides import PRESENTATION_PART
from exam_sim.decks.workbook import WORKBOOK_PART
from exam_sim.models import DeckError
from exam_sim.units import counted

# Formats read from their bytes, not as text: zip files, and PDF.
BINARY = ("apkg", "xlsx", "docx", "ods", "odt", "pptx", "pdf")
_LISTED = 5  # the deck files a refusal names, at most


def binary_format(named: str | None, data: str | bytes) -> str | None:
    """The format of a file read from its bytes: a zip file (a workbook, a Word
    document, a presentation, an OpenDocument spreadsheet or text, an Anki package, or
    "zip": another zip, which may hold a deck file), a PDF, or a file whose extension
    names one of those (`named`: its reader says it is not one, or is damaged); else
    None."""
    if isinstance(data, bytes) and is_package(data):
        members = zip_members(data)
        if not members:  # a zip cut short: its reader says so, as what it was named
            return named if named in BINARY else "zip"
        if WORKBOOK_PART in members:
            return "xlsx"
        if DOCUMENT_PART in members:
            return "docx"
        if PRESENTATION_PART in members:
            return "pptx"
        if CONTENT_PART in members:
            kind = opendocument_type(data)
            if kind in (SPREADSHEET, TEXT_DOCUMENT):
                return "ods" if kind == SPREADSHEET else "odt"
        if named == "apkg" or not members.isdisjoint(COLLECTIONS):
            return "apkg"  # its reader says what is wrong with a package
        return "zip"
    if isinstance(data, bytes) and looks_like_pdf(data):
        return "pdf"
    return named if named in BINARY else None


def opened_zip(
    data: str | bytes, extensions: Mapping[str, str], file: str
) -> tuple[Path, bytes, str | None, str]:
    """The deck file inside a zip of format "zip" (`binary_format`): its name (which says
    its format, as a file's does), its bytes, its format when a zip says it (a workbook
    zipped again), and the reader's note saying where it was read from."""
    assert isinstance(data, bytes)  # what binary_format calls "zip" is bytes
    member, data = inner_deck_file(data, extensions, file)
    path = Path(member)
    chosen = binary_format(extensions.get(path.suffix.lower()), data)
    if chosen == "zip":
        raise DeckError(f"{member}, inside the zip, is a zip file too: unzip both", file=file)
    return path, data, chosen, f"read from {member}, the deck file inside the zip"


def inner_deck_file(data: bytes, extensions: Collection[str], file: str) -> tuple[str, bytes]:
    """The one file of a deck format (`extensions`, as ".csv") the zip `data` holds, as
    (its name in the zip, its bytes). A zip holding none, or several, is refused in one
    sentence that says what it holds and what to do."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = [entry for entry in archive.infolist() if _deck_file(entry, extensions)]
            if len(found) != 1:
                raise DeckError(_refusal(found), file=file)
            (entry,) = found
            if entry.file_size > MAX_UNPACKED_BYTES:
                raise DeckError(
                    f"{entry.filename}, inside the zip, unpacks to {entry.file_size >> 20:,} "
                    f"MB, more than the {MAX_UNPACKED_BYTES >> 20:,} MB exam-sim reads; not read",
                    file=file,
                )
            return entry.filename, archive.read(entry)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
        raise DeckError(
            f"starts like a zip file but cannot be unpacked ({error})", file=file
        ) from None


def _deck_file(entry: zipfile.ZipInfo, extensions: Collection[str]) -> bool:
    """A file of a deck format, not a folder, nor what macOS adds to a zip ("__MACOSX/",
    "._name", ".DS_Store")."""
    path = PurePosixPath(entry.filename)
    return (
        not entry.is_dir()
        and "__MACOSX" not in path.parts
        and not path.name.startswith(".")
        and path.suffix.lower() in extensions
    )


def _refusal(found: list[zipfile.ZipInfo]) -> str:
    if not found:
        return (
            "a zip file holding no deck: no Anki collection, workbook, Word document, "
            "web page, Markdown, CSV or text file inside"
        )
    names = [entry.filename for entry in found[:_LISTED]]
    more = ", …" if len(found) > _LISTED else ""
    return (
        f"a zip file holding {counted(len(found), 'deck file')} ({', '.join(names)}{more}): "
        "unzip it and open the one that holds your cards"
    )
