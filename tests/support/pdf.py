"""PDF files written as a word processor or a PDF printer writes them (fpdf2: fonts
embedded or not, bold runs, tables with a header row, text columns, running heads and
feet), for `decks.pdf`'s tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from fpdf import FPDF

# DejaVu Sans cut down to Latin, Greek and Cyrillic letters (see tests/data/README.md).
UNICODE_FONT = Path(__file__).parent.parent / "data" / "fonts" / "DejaVuSans-subset.ttf"


class Document(FPDF):
    """A document with a running head (`head`) and a numbered foot on every page."""

    def __init__(self, head: str | None = None) -> None:
        super().__init__()
        self.core_fonts_encoding = "windows-1252"  # WinAnsi, as word processors write: "•", "–"
        self.head = head
        self.set_auto_page_break(True, margin=20)

    def header(self) -> None:
        if self.head:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 6, self.head, align="R")
            self.ln(10)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 8, f"Page {self.page_no()}", align="C")

    def heading(self, text: str, size: float = 15) -> None:
        self.set_font("Helvetica", "B", size)
        self.cell(0, 10, text, new_x="LMARGIN", new_y="NEXT")

    def entry(self, term: str, definition: str, separator: str = ": ") -> None:
        """A paragraph opening with its term in bold."""
        self.set_font("Helvetica", "", 11)
        self.multi_cell(
            0, 6, f"**{term}**{separator}{definition}", markdown=True,
            new_x="LMARGIN", new_y="NEXT",
        )  # fmt: skip
        self.ln(2)

    def term_over_definition(self, term: str, definition: str) -> None:
        """The term alone on a bold line, its definition in the paragraph below."""
        self.set_font("Helvetica", "B", 11)
        self.cell(0, 6, term, new_x="LMARGIN", new_y="NEXT")
        self.set_font("Times", "", 11)
        self.multi_cell(0, 5, definition, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def paragraph(self, text: str) -> None:
        self.set_font("Helvetica", "", 11)
        self.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def table_of(self, rows: Sequence[Sequence[str]], widths: tuple[int, ...] = (30, 120)) -> None:
        """A table, its first row a bold header row repeated on every page it runs to."""
        self.set_font("Helvetica", "", 10)
        with self.table(
            col_widths=widths, text_align="LEFT", repeat_headings=1, first_row_as_headings=True
        ) as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    row.cell(cell)


def write_pdf(path: Path, build: Callable[[Document], None], head: str | None = None) -> Path:
    """A PDF of one or more pages, written by `build` from the first page on."""
    document = Document(head)
    document.add_page()
    build(document)
    document.output(str(path))
    return path
