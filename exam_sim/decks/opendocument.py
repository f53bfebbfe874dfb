"""What the OpenDocument readers share (`decks.calc` for .ods, `decks.odt` for .odt): how a
zip says it is one (its "mimetype" member), its content.xml, opened with every way a
damaged file fails said in one sentence, and a paragraph's text as shown."""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from exam_sim.decks.packed import damage_refused, zip_bytes
from exam_sim.decks.xml_text import xml_problem

if TYPE_CHECKING:
    from lxml import etree

CONTENT_PART = "content.xml"  # an OpenDocument file's text, with a "mimetype" member
SPREADSHEET = "application/vnd.oasis.opendocument.spreadsheet"
TEXT_DOCUMENT = "application/vnd.oasis.opendocument.text"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"  # the text namespace
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SPACES, _TAB, _BREAK = f"{{{TEXT}}}s", f"{{{TEXT}}}tab", f"{{{TEXT}}}line-break"
_STYLE = f"{{{TEXT}}}style-name"
PARAGRAPH = f"{{{TEXT}}}p"
_COMMENT = f"{{{_OFFICE}}}annotation"
# What a paragraph holds that is no text of it: footnotes, and the comments anchored in it.
_NOT_TEXT = {f"{{{TEXT}}}note", _COMMENT, f"{{{_OFFICE}}}annotation-end"}


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
    for reading; a file that is no zip, unpacks past the limit (`zip_bytes`), is damaged,
    or whose XML cannot be read inside the block, refused in one sentence."""
    data = zip_bytes(data, what, file)  # refused when it unpacks past the limit
    with (
        damage_refused(what, file, xml_problem),
        zipfile.ZipFile(io.BytesIO(data)) as archive,
        archive.open(CONTENT_PART) as content,
    ):
        yield content


def paragraph_runs(
    element: etree._Element, bold_styles: frozenset[str] = frozenset(), bold: bool = False
) -> list[tuple[str, bool]]:
    """A paragraph's (or a span's) text as shown, each piece with whether it is bold (by a
    style of `bold_styles`): a run of spaces (`<text:s text:c="3"/>`), a tab, a line break
    as written; footnotes and comments left out. Recursive: libxml2 holds a document
    within 256 levels (no huge_tree), far within Python's limit."""
    runs = [(element.text or "", bold)]
    for child in element:
        tag = child.tag
        if tag == _SPACES:
            count = child.get(f"{{{TEXT}}}c") or "1"
            runs.append((" " * (int(count) if count.isdigit() else 1), bold))
        elif tag in (_TAB, _BREAK):
            runs.append(("\t" if tag == _TAB else "\n", bold))
        elif isinstance(tag, str) and tag not in _NOT_TEXT:
            style = child.get(_STYLE) or ""
            runs += paragraph_runs(child, bold_styles, bold or style in bold_styles)
        runs.append((child.tail or "", bold))
    return runs


def paragraph_text(element: etree._Element) -> str:
    """A paragraph's text as shown (`paragraph_runs`)."""
    return "".join(text for text, _ in paragraph_runs(element))


def paragraphs(element: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs under `element` (a spreadsheet's cell), in order, not those of a
    comment on it (`<office:annotation>`, a cell's first child)."""
    for child in element:
        if child.tag == PARAGRAPH:
            yield child
        elif child.tag != _COMMENT:
            yield from child.iter(PARAGRAPH)
