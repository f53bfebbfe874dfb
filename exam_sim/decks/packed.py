"""Files kept as zips (workbooks, Word documents, presentations, OpenDocument files, Anki
packages): what a zip holds, how much it may unpack to, and the refusal of one that its
library cannot read."""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable, Iterator

from exam_sim.models import DeckError


def zip_members(data: bytes) -> frozenset[str]:
    """The names of the files a zip holds (what it is: a workbook, a Word document, an
    Anki package); none when it is no readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return frozenset(archive.namelist())
    except zipfile.BadZipFile:
        return frozenset()


# The most a workbook or a Word document may unpack to (a zip's entries say their sizes,
# which its reader holds them to): a zip of a few kilobytes may unpack to gigabytes, and
# a deck's text is far less (a million cards as CSV: 140 MB).
MAX_UNPACKED_BYTES = 1 << 30


@contextlib.contextmanager
def damage_refused(what: str, file: str, said: Callable[[Exception], str] = str) -> Iterator[None]:
    """Around a library reading a file of `what` ("a Word document"): whatever it raises
    (its parts raise what theirs do: zip, XML, key errors) is refused in one sentence,
    "… that cannot be read, damaged or incomplete (…)", the error as `said` words it."""
    try:
        yield
    except DeckError:
        raise
    except Exception as error:
        raise DeckError(
            f"{what} that cannot be read, damaged or incomplete ({said(error)})", file=file
        ) from None


def zip_bytes(data: str | bytes, what: str, file: str) -> bytes:
    """The bytes of a format kept in a zip file; text given instead is refused, saying
    `what` the file should be ("an Excel workbook"), and so is a zip that would unpack to
    more than MAX_UNPACKED_BYTES."""
    if isinstance(data, str):
        raise DeckError(f"{what} is a zip file, not text", file=file)
    with contextlib.suppress(zipfile.BadZipFile), zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(entry.file_size for entry in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise DeckError(
                f"{what} that unpacks to {unpacked >> 20:,} MB, more than the "
                f"{MAX_UNPACKED_BYTES >> 20:,} MB exam-sim reads; not read",
                file=file,
            )
    return data
