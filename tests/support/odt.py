"""OpenDocument text files written as LibreOffice Writer writes them (a mimetype member
first; content.xml with automatic styles "T1"… for bold runs, the "Title" style,
headings by outline level, lists, tables with a header row), for `decks.odt`'s tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'office:version="1.3"><office:automatic-styles>'
    '<style:style style:name="T1" style:family="text">'
    '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/>'
    "</style:style>"
    '<style:style style:name="T2" style:family="text">'
    '<style:text-properties fo:font-style="italic"/></style:style>'
    "</office:automatic-styles><office:body><office:text>"
)
_TAIL = "</office:text></office:body></office:document-content>"


def write_odt(path: Path, body: str) -> Path:
    """A document whose <office:text> is `body` (Writer's markup)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", _HEAD + body + _TAIL)
    return path
