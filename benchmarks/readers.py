"""Reading decks written in the formats people bring, beside the same cards as CSV read in
the same run (the reference: the plainest file of the same cards).

    .venv/bin/python benchmarks/readers.py [--sizes 10000 100000] [--repeat 3]

Per size, the same cards (recombined real card text, `_decks.synthetic_deck`) are written
as CSV, Markdown (a table), a web page (a definition list), an Org file (a description
list), an Excel workbook, an OpenDocument spreadsheet, a Word document and an
OpenDocument text (bold terms), a PowerPoint presentation (20 bold-term bullets a
slide), as a Moodle XML bank (each card a multiple-choice question, its answer among
three other cards' definitions), and as a PDF (bold terms, paragraphs wrapped to the
page); the presentation and the PDF up to 20,000 cards. Each file is read by
`load_deck` in a fresh process (best of --repeat; peak RSS of the first), so one format's
memory is not counted in another's. A reader should grow linearly and stay within a few
times the CSV's time.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from _decks import synthetic_deck

_FORMATS = ("csv", "md", "html", "org", "xlsx", "ods", "docx", "odt", "pptx", "xml", "pdf")
# The most cards written as a PDF (100,000 would pass the 10,000,000 characters exam-sim
# reads of one) and as a presentation (5,000 slides: python-pptx takes minutes to add
# them; a lecture has a hundred).
_MOST = {"pdf": 20_000, "pptx": 20_000}


def write(kind: str, cards: list[tuple[str, str]], path: Path) -> None:
    """The cards written as `kind` at `path`."""
    if kind == "csv":
        import csv

        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["Term", "Definition"])
            writer.writerows(cards)
    elif kind == "md":
        cell = str.maketrans({"|": "\\|"})
        rows = "".join(f"| {t.translate(cell)} | {d.translate(cell)} |\n" for t, d in cards)
        path.write_text("# Deck\n\n| Term | Definition |\n|---|---|\n" + rows, encoding="utf-8")
    elif kind == "html":
        items = "".join(f"<dt>{html.escape(t)}</dt><dd>{html.escape(d)}</dd>\n" for t, d in cards)
        path.write_text(f"<!DOCTYPE html><html><body><h1>Deck</h1><dl>\n{items}</dl></body></html>")
    elif kind == "org":
        items = "".join(f"- {t.replace('::', ':')} :: {d}\n" for t, d in cards)
        path.write_text(f"#+TITLE: Deck\n\n* Cards\n{items}", encoding="utf-8")
    elif kind == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Deck")
        sheet.append(["Term", "Definition"])
        for card in cards:
            sheet.append(list(card))
        book.save(path)
    elif kind == "ods":
        _write_ods(cards, path)
    elif kind == "pdf":
        _write_pdf(cards, path)
    elif kind == "pptx":
        _write_pptx(cards, path)
    elif kind == "docx":
        import copy

        from docx import Document

        # python-docx's add_paragraph looks for the section's end at each call (100,000
        # paragraphs: minutes); a paragraph made once is copied into the body instead.
        document = Document()
        model = document.add_paragraph()
        model.add_run("term").bold = True
        model.add_run(": definition")
        body = model._p.getparent()
        assert body is not None
        at = body.index(model._p)
        for offset, (term, definition) in enumerate(cards):
            element = copy.deepcopy(model._p)
            bold, rest = element.findall(".//{*}t")
            bold.text, rest.text = term, f": {definition}"
            body.insert(at + offset, element)
        body.remove(model._p)
        document.save(path)
    elif kind == "odt":
        _write_odt(cards, path)
    elif kind == "xml":
        _write_moodle(cards, path)


def _zip(path: Path, mimetype: str, content: str) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", mimetype, zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)


_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def _write_ods(cards: list[tuple[str, str]], path: Path) -> None:
    def row(*cells: str) -> str:
        written = "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p>'
            "</table:table-cell>"
            for c in cells
        )
        empty = '<table:table-cell table:number-columns-repeated="1022"/>'
        return f"<table:table-row>{written}{empty}</table:table-row>"

    rows = row("Term", "Definition") + "".join(row(t, d) for t, d in cards)
    filler = (
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
    )
    _zip(path, "application/vnd.oasis.opendocument.spreadsheet", (
        f"<office:document-content {_ODF}><office:body><office:spreadsheet>"
        f'<table:table table:name="Deck">{rows}{filler}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    ))  # fmt: skip


def _write_odt(cards: list[tuple[str, str]], path: Path) -> None:
    paragraphs = "".join(
        f'<text:p><text:span text:style-name="T1">{escape(t)}</text:span>: {escape(d)}</text:p>'
        for t, d in cards
    )
    _zip(path, "application/vnd.oasis.opendocument.text", (
        f"<office:document-content {_ODF}><office:automatic-styles>"
        '<style:style style:name="T1" style:family="text"><style:text-properties '
        'fo:font-weight="bold"/></style:style></office:automatic-styles><office:body>'
        f"<office:text>{paragraphs}</office:text></office:body></office:document-content>"
    ))  # fmt: skip


def _write_pptx(cards: list[tuple[str, str]], path: Path) -> None:
    """A presentation of "Title and Content" slides, 20 cards a slide, each a bullet
    opening with its term in bold."""
    from pptx import Presentation

    presentation = Presentation()
    layout = presentation.slide_layouts[1]
    for start in range(0, len(cards), 20):
        slide = presentation.slides.add_slide(layout)
        slide.shapes.title.text = f"Cards {start + 1}–{start + 20}"
        frame = slide.placeholders[1].text_frame
        for at, (term, definition) in enumerate(cards[start : start + 20]):
            paragraph = frame.paragraphs[0] if at == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text, run.font.bold = term, True
            paragraph.add_run().text = f": {definition}"
    presentation.save(str(path))


def _write_pdf(cards: list[tuple[str, str]], path: Path) -> None:
    """A glossary as a word processor prints one: each card a paragraph opening with its
    term in bold, wrapped to the page, pages numbered."""
    from fpdf import FPDF

    document = FPDF()
    document.core_fonts_encoding = "windows-1252"
    document.add_page()
    document.set_font("Helvetica", "B", 18)
    document.cell(0, 10, "Deck", new_x="LMARGIN", new_y="NEXT")
    document.set_font("Helvetica", "", 10)
    for term, definition in cards:
        text = f"**{term}**: {definition}".encode("cp1252", "replace").decode("cp1252")
        document.multi_cell(0, 5, text, markdown=True, new_x="LMARGIN", new_y="NEXT")
    document.output(str(path))


def _write_moodle(cards: list[tuple[str, str]], path: Path) -> None:
    rng = random.Random(0)
    definitions = [d for _, d in cards]
    questions = []
    for n, (term, definition) in enumerate(cards):
        wrong = [w for w in rng.sample(definitions, 4) if w != definition][:3]
        answers = f'<answer fraction="100"><text>{escape(definition)}</text></answer>' + "".join(
            f'<answer fraction="0"><text>{escape(w)}</text></answer>' for w in wrong
        )
        questions.append(
            f'<question type="multichoice"><name><text>q{n}</text></name><questiontext '
            f'format="plain_text"><text>What is {escape(term)}?</text></questiontext>'
            f"<single>true</single>{answers}</question>"
        )
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>{"".join(questions)}</quiz>')


def measure(path: Path, repeat: int) -> dict[str, float]:
    """`load_deck` of one file, best of `repeat`; the peak RSS after the first."""
    from exam_sim.decks import load_deck

    best, peak, read = float("inf"), 0.0, 0
    for run in range(repeat):
        start = time.perf_counter()
        deck = load_deck(path)
        best = min(best, time.perf_counter() - start)
        read = len(deck.cards) + len(deck.items)
        if run == 0:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        del deck
    return {"seconds": best, "peak_mb": peak, "read": read}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", nargs="+", default=list(_FORMATS), choices=_FORMATS)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(measure(Path(args.worker), args.repeat)))
        return 0
    print(f"best of {args.repeat}, each file read in a fresh process\n")
    print("| cards | format | file | read | load_deck | × CSV | peak RSS |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            # One line each: a Markdown table's or an Org list's cell holds no line break.
            cards = [
                (" ".join(c.term.split()), " ".join(c.definition.split()))
                for c in synthetic_deck(size).cards
            ]
            reference = None
            for kind in ["csv", *(f for f in args.formats if f != "csv")]:
                if size > _MOST.get(kind, size):
                    print(f"| {size:,} | {kind} | | | not written (over {_MOST[kind]:,}) | | |")
                    continue
                path = Path(folder) / f"deck-{size}.{kind}"
                write(kind, cards, path)
                output = subprocess.run(
                    [sys.executable, __file__, "--worker", str(path), "--repeat",
                     str(args.repeat)],
                    check=True, capture_output=True, text=True,
                ).stdout  # fmt: skip
                r = json.loads(output.strip().splitlines()[-1])
                reference = reference or r["seconds"]
                print(
                    f"| {size:,} | {kind} | {path.stat().st_size / 2**20:.1f} MB | "
                    f"{int(r['read']):,} | {r['seconds']:.2f} s | "
                    f"{r['seconds'] / reference:.1f}× | {r['peak_mb']:.0f} MB |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
