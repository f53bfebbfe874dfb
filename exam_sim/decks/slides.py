"""PowerPoint presentations (.pptx): a lecture's slides, a vocabulary deck made as slides,
read without exporting them first.

Read by python-pptx, each slide is written out as Markdown and read as a Markdown
glossary is (`decks.markdown`), as a Word document is: the first slide's title, when it is
a title slide, is the deck's title; every other slide's title a heading, so that a slide
of "Term: definition" bullets, bold terms or a table files its cards under its title, and
a deck of slides each titled by a term with its definition in the body is a glossary of
headings (each slide a card); its text boxes in reading order (top to bottom, then left
to right), a bullet's level its depth in a list, bold as its runs say; its tables with
their header row. A slide of its title alone takes its speaker notes as its text (a
flashcard deck made so: the term on the slide, its definition in the notes); other notes,
and pictures, are no part of a card. Places are said as slides ("slide 4"). Before, a
.pptx was refused: "a zip file but not an Anki package".
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from exam_sim.decks.common import display_name
from exam_sim.decks.markdown import SEPARATORS
from exam_sim.decks.markdown_lines import MarkdownLines, escaped, runs_markdown
from exam_sim.decks.packed import damage_refused, zip_bytes
from exam_sim.models import Deck

if TYPE_CHECKING:
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide
    from pptx.text.text import _Paragraph

PRESENTATION_PART = "ppt/presentation.xml"  # what makes a zip a PowerPoint presentation
_NO_CARDS = (
    "no cards found: a presentation gives them as slides titled by a term with its "
    "definition below, bullets such as 'term: definition' or opening with a bold term, "
    "or tables (term | definition)"
)
_MAX_DEPTH = 32  # groups within groups: a real deck nests a few
# Slides of a term over its definition read as cards among slides of bullets from this
# many on (one alone may be an "Overview" over a sentence), each title of so many words.
_TERM_SLIDES = 3
_TERM_WORDS = 5
_ESCAPE = re.compile(r"\\(.)")  # Markdown's escapes, as `escaped` writes them


def parse_pptx(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """The deck of a presentation's slides (the module's docstring)."""
    name = display_name(file)
    data = zip_bytes(data, "a PowerPoint presentation", name)
    # Imported here: a deck that is no presentation should not pay for python-pptx.
    from pptx import Presentation

    with damage_refused("a PowerPoint presentation", name):
        slides = list(Presentation(io.BytesIO(data)).slides)
    parts = []
    for number, slide in enumerate(slides, start=1):
        part = MarkdownLines()
        _slide(slide, number, part)
        parts.append(part)
    defined = {at: found for at, part in enumerate(parts) if (found := _term_slide(part))}
    others = any(part.lines[2:] for at, part in enumerate(parts) if at not in defined)
    markdown = MarkdownLines()
    for at, part in enumerate(parts):
        if len(defined) >= _TERM_SLIDES and others and at in defined:
            # A slide titled by a term among slides of bullets and tables: a card, not
            # the topic of one sentence. After an empty heading it has none, and goes
            # under the deck's title as cards before the first topic do.
            term, definition = defined[at]
            number = part.places[0][1]
            markdown.add("##", "slide", number)
            markdown.add(f"**{term}** {definition}", "slide", number)
        else:
            markdown.lines += part.lines
            markdown.places += part.places
    return markdown.deck(
        file=name, title=title, deck_id=deck_id, no_cards=_NO_CARDS,
        read_as="a PowerPoint presentation",
    )  # fmt: skip


def _slide(slide: Slide, number: int, markdown: MarkdownLines) -> None:
    """A slide as Markdown: its title a heading (a title slide's, the deck's title), then
    its shapes' text and tables in reading order."""
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.graphfrm import GraphicFrame

    title_shape = slide.shapes.title
    if title_shape is not None and title_shape.has_text_frame:
        text = " ".join(title_shape.text_frame.text.split())
        if text:
            kind = title_shape.placeholder_format.type
            hashes = "#" if number == 1 and kind == PP_PLACEHOLDER.CENTER_TITLE else "##"
            markdown.add(f"{hashes} {escaped(text)}", "slide", number)
    # python-pptx makes a new object at each access: the title is known by its id.
    title_id = title_shape.shape_id if title_shape is not None else None
    others = [shape for shape in slide.shapes if shape.shape_id != title_id]
    written = len(markdown.lines)
    for shape in _in_reading_order(others, depth=0):
        if isinstance(shape, Shape) and shape.has_text_frame:
            bullets = _is_body(shape)
            for paragraph in shape.text_frame.paragraphs:
                _paragraph(paragraph, bullets, number, markdown)
        elif isinstance(shape, GraphicFrame) and shape.has_table:
            rows = [
                (number, [" ".join(cell.text.split()) for cell in row.cells])
                for row in shape.table.rows
            ]
            markdown.add_table(rows, "slide")
    if len(markdown.lines) == written and slide.has_notes_slide:
        # A slide of its title alone, its definition in the speaker's notes: a flashcard
        # deck made so ("Osmosis" on the slide, what it is below it in the notes).
        frame = slide.notes_slide.notes_text_frame
        notes = " ".join(frame.text.split()) if frame is not None else ""
        if notes and title_id is not None:
            markdown.add(escaped(notes), "slide", number)


def _term_slide(part: MarkdownLines) -> tuple[str, str] | None:
    """A slide's title and its one paragraph, when the title is a term (a few words, no
    question) and the paragraph names none itself (no bold, no "term: …"): what a
    lecture's slide defining one term looks like ("Osmosis" over "The movement of water
    across a membrane …"), in Markdown as written by `_slide`."""
    lines = [line for line in part.lines if line]
    if len(lines) != 2 or not lines[0].startswith("## "):
        return None
    title, body = lines[0][3:], lines[1].removeprefix("- ")
    plain = _ESCAPE.sub(r"\1", body)
    if (
        len(title.split()) > _TERM_WORDS
        or title.endswith("?")
        or body.startswith(("|", " ", "-"))
        or "**" in body
        or len(plain.split()) < 3
        or any(separator in plain for separator in SEPARATORS)
    ):
        return None
    return title, body


def _in_reading_order(shapes: list[BaseShape], depth: int) -> Iterator[BaseShape]:
    """Shapes top to bottom, then left to right; a group's shapes in its place, so read."""
    from pptx.shapes.group import GroupShape

    if depth > _MAX_DEPTH:
        return

    def place(shape: BaseShape) -> tuple[int, int]:
        return (shape.top or 0, shape.left or 0)

    for shape in sorted(shapes, key=place):
        if isinstance(shape, GroupShape):
            yield from _in_reading_order(list(shape.shapes), depth + 1)
        else:
            yield shape


def _paragraph(paragraph: _Paragraph, bullets: bool, number: int, markdown: MarkdownLines) -> None:
    """A paragraph of a text box: a list item at its level when it shows a bullet
    (`_bulleted`; `bullets`: its shape is a body placeholder), else a paragraph."""
    text = runs_markdown((run.text, bool(run.font.bold)) for run in paragraph.runs if run.text)
    if not text:
        return
    if _bulleted(paragraph, bullets):
        text = f"{'  ' * paragraph.level}- {text}"
    markdown.add(text, "slide", number)


def _bulleted(paragraph: _Paragraph, bullets: bool) -> bool:
    """Does the paragraph show a bullet? Its own properties say so when they say
    (`a:buNone`, `a:buChar`, `a:buAutoNum`); else a body placeholder's paragraphs are
    bullets, as PowerPoint's layouts make them, and a text box's are not."""
    properties = paragraph._p.pPr  # python-pptx exposes no public flag for it
    for child in properties if properties is not None else ():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "buNone":
            return False
        if tag in ("buChar", "buAutoNum", "buBlip"):
            return True
    return bullets


def _is_body(shape: BaseShape) -> bool:
    """A body placeholder: the slide's bulleted text, as its layout gives it."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    if not shape.is_placeholder:
        return False
    kind = shape.placeholder_format.type
    return kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
