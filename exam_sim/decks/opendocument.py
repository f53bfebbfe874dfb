"""What the OpenDocument readers share (`decks.calc` for .ods, `decks.odt` for .odt): how a
zip says it is one (its "mimetype" member), and its content.xml, opened with every way a
damaged file fails said in one sentence."""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Iterator
from typing import IO

from exam_sim.decks.common import MAX_UNPACKED_BYTES, zip_bytes
from exam_sim.decks.xml_text import xml_problem
from exam_sim.models import DeckError

CONTENT_PART = "content.xml"  # an OpenDocument file's text, with a "mimetype" member
SPREADSHEET = "application/vnd.oasis.opendocument.spreadsheet"
TEXT_DOCUMENT = "application/vnd.oasis.opendocument.text"


def opendocument_type(data: bytes) -> str:
    """What an OpenDocument file's "mimetype" member says it is (SPREADSHEET,
    TEXT_DOCUMENT…); "" for another zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("mimetype")[:100].decode("ascii", "replace").strip()
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return ""


@contextlib.contextmanager
def opened_content(data: str | bytes, what: str, file: str) -> Iterator[IO[bytes]]:
    """An OpenDocument file's content.xml (`what` it is: "an OpenDocument text"), open
    for reading; a file that is no zip, too large, damaged, or whose XML cannot be read
    inside the block, refused in one sentence."""
    data = zip_bytes(data, what, file)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo(CONTENT_PART).file_size > MAX_UNPACKED_BYTES:
                raise DeckError(f"{what} too large to read", file=file)
            with archive.open(CONTENT_PART) as content:
                yield content
    except DeckError:
        raise
    except Exception as error:  # zip, XML and key errors: what a damaged file raises
        raise DeckError(
            f"{what} that cannot be read, damaged or incomplete ({xml_problem(error)})",
            file=file,
        ) from None
