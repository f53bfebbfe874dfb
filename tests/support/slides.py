"""PowerPoint presentations written as PowerPoint writes them (python-pptx's default
template: a title slide, "Title and Content" slides whose body placeholder bullets its
paragraphs, text boxes, tables, groups), for `decks.slides`' tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches, Pt

TITLE, TITLE_AND_CONTENT, TITLE_ONLY, BLANK = 0, 1, 5, 6  # the default template's layouts


class Deck:
    """A presentation being written, a slide at a time."""

    def __init__(self) -> None:
        self.presentation = Presentation()

    def title_slide(self, title: str, subtitle: str = "") -> None:
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[TITLE])
        slide.shapes.title.text = title
        if subtitle:
            slide.placeholders[1].text = subtitle

    def content(self, title: str, paragraphs: Sequence[str | tuple[str, str]]) -> None:
        """A "Title and Content" slide: each paragraph a bullet, or (bold term, rest)."""
        slide = self.presentation.slides.add_slide(
            self.presentation.slide_layouts[TITLE_AND_CONTENT]
        )
        slide.shapes.title.text = title
        frame = slide.placeholders[1].text_frame
        for at, paragraph in enumerate(paragraphs):
            line = frame.paragraphs[0] if at == 0 else frame.add_paragraph()
            if isinstance(paragraph, tuple):
                bold, rest = paragraph
                run = line.add_run()
                run.text = bold
                run.font.bold = True
                line.add_run().text = rest
            else:
                line.text = paragraph

    def text_box(self, title: str | None, lines: Sequence[str], top: float = 1.5) -> None:
        """A slide of a plain text box (no bullets), under a title or none."""
        layout = TITLE_ONLY if title is not None else BLANK
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[layout])
        if title is not None:
            slide.shapes.title.text = title
        box = slide.shapes.add_textbox(Inches(1), Inches(top), Inches(8), Inches(4))
        for at, text in enumerate(lines):
            line = box.text_frame.paragraphs[0] if at == 0 else box.text_frame.add_paragraph()
            line.text = text
            line.font.size = Pt(18)

    def table(self, title: str, rows: Sequence[Sequence[str]]) -> None:
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[TITLE_ONLY])
        slide.shapes.title.text = title
        shape = slide.shapes.add_table(
            len(rows), len(rows[0]), Inches(0.5), Inches(1.5), Inches(9), Inches(4)
        )
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                shape.table.cell(r, c).text = text

    def save(self, path: Path) -> Path:
        self.presentation.save(str(path))
        return path
