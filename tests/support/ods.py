"""OpenDocument spreadsheets written as LibreOffice Calc writes them (a mimetype member
first, content.xml with the empty rows and columns to the sheet's end "repeated"), for
the tests of `decks.calc`."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
    "<office:body><office:spreadsheet>{sheets}</office:spreadsheet></office:body>"
    "</office:document-content>"
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def cell(value: str | float) -> str:
    """A cell as Calc writes it: a number's value and its shown text, text in paragraphs
    (a line break a new one, a run of spaces <text:s text:c="n"/>)."""
    if isinstance(value, float | int):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value:g}</text:p></table:table-cell>"
        )
    paragraphs = "".join(
        "<text:p>" + escape(line).replace("   ", ' <text:s text:c="2"/>') + "</text:p>"
        for line in value.split("\n")
    )
    return f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'


def write_ods(path: Path, sheets: dict[str, Sequence[Sequence[str | float]]]) -> Path:
    """Each sheet's rows, then the empty filler Calc writes to the sheet's end."""
    written = []
    for name, rows in sheets.items():
        body = "".join(
            "<table:table-row>"
            + "".join(cell(value) if value != "" else "<table:table-cell/>" for value in row)
            + '<table:table-cell table:number-columns-repeated="1021"/></table:table-row>'
            for row in rows
        )
        filler = (
            '<table:table-row table:number-rows-repeated="1048570">'
            '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        )
        written.append(
            f'<table:table table:name="{escape(name)}"><table:table-column '
            f'table:number-columns-repeated="1024"/>{body}{filler}</table:table>'
        )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", _CONTENT.format(sheets="".join(written)))
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
    return path
