"""PowerPoint presentations read as decks: a lecture's slides, a vocabulary deck made as
slides. Before, a .pptx was refused as "a zip file but not an Anki package"."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from pptx.util import Inches
from support.slides import BLANK, Deck

from exam_sim.decks.loader import load_deck
from exam_sim.models import Deck as ExamDeck


def _cards(deck: ExamDeck) -> list[tuple[str, str, str | None]]:
    topics = {topic.id: topic.name for topic in deck.topics}
    return [(c.term, c.definition, topics.get(c.topic or "")) for c in deck.cards]


def _lecture(path: Path) -> Path:
    deck = Deck()
    deck.title_slide("Cell Biology", "Lecture 3 key terms")
    deck.content("Overview", ["Today we cover membranes and the cell's energy."])
    deck.content("Membranes", [
        ("Phospholipid", ": a lipid with a water-loving head and two fatty tails"),
        ("Cholesterol", " – keeps the membrane fluid"),
        "Osmosis: water moving across a membrane",
    ])  # fmt: skip
    deck.table("Abbreviations", [("Term", "Definition"), ("ATP", "Adenosine triphosphate"),
                                 ("ER", "Endoplasmic reticulum")])  # fmt: skip
    deck.text_box("Questions?", ["Ask in the forum."])
    return deck.save(path)


def test_a_lecture_s_slides_read_as_cards_under_their_titles(tmp_path: Path) -> None:
    deck = load_deck(_lecture(tmp_path / "lecture.pptx"))
    assert deck.title == "Cell Biology"  # the title slide's
    assert _cards(deck) == [
        ("Phospholipid", "a lipid with a water-loving head and two fatty tails", "Membranes"),
        ("Cholesterol", "keeps the membrane fluid", "Membranes"),
        ("Osmosis", "water moving across a membrane", "Membranes"),
        ("ATP", "Adenosine triphosphate", "Abbreviations"),
        ("ER", "Endoplasmic reticulum", "Abbreviations"),
    ]
    assert deck.notes == (
        "read as a PowerPoint presentation: 5 cards, 3 from lists, 2 from tables; 3 "
        "paragraphs or list items without a term skipped (slides 1, 2, 5)",
    )


def test_slides_defining_a_term_each_are_cards_among_slides_of_bullets(tmp_path: Path) -> None:
    """Three slides or more titled by a term over one sentence, among slides of bullets:
    each is a card (they were prose, skipped, as one "Overview" slide still is)."""
    deck = Deck()
    deck.title_slide("Cell Biology", "Lecture 3")
    deck.content("Organelles", [("Mitochondria", " – make ATP"), ("Ribosome", " – make proteins")])
    deck.content("Osmosis", ["The movement of water across a membrane toward more solute."])
    deck.content("Diffusion", ["The spread of particles from high to low concentration."])
    deck.content("Endocytosis", ["The cell engulfs material by folding its membrane inward."])
    deck.content("Summary", ["Cells are the unit of life", "Membranes control what enters"])
    read = load_deck(deck.save(tmp_path / "lecture.pptx"))
    assert [(c.term, c.topic) for c in read.cards] == [
        ("Mitochondria", "organelles"),
        ("Ribosome", "organelles"),
        # Under the deck's title (no slide of their own as a topic of one card).
        ("Osmosis", "cell-biology"),
        ("Diffusion", "cell-biology"),
        ("Endocytosis", "cell-biology"),
    ]
    assert read.cards[2].definition == "The movement of water across a membrane toward more solute."
    assert read.card_places == "slide" and read.cards[2].line == 3


def test_a_vocabulary_deck_of_a_term_a_slide_reads_each_slide_as_a_card(
    tmp_path: Path,
) -> None:
    deck = Deck()
    deck.title_slide("Spanish Vocabulary", "Unit 1")
    words = [("el perro", "the dog"), ("el gato", "the cat"), ("la casa", "the house"),
             ("el libro", "the book")]  # fmt: skip
    for word, meaning in words:
        deck.content(word, [meaning])
    read = load_deck(deck.save(tmp_path / "vocabulary.pptx"))
    assert read.title == "Spanish Vocabulary"
    # Each slide's title is a term, the text under it the definition (not the title and
    # the body joined: python-pptx makes a new object of the title at each access).
    assert [(c.term, c.definition) for c in read.cards] == words


def test_text_boxes_groups_and_bullet_levels_in_reading_order(tmp_path: Path) -> None:
    deck = Deck()
    deck.content("Storage", [
        "[bold]S3[/]: object storage",  # markup is text
        ("EBS", ""),
    ])  # fmt: skip
    slide = deck.presentation.slides[0]
    body = slide.placeholders[1].text_frame
    for text in ("block volumes", "attached to one instance"):
        point = body.add_paragraph()
        point.text = text
        point.level = 1  # points under "EBS": its definition
    blank = deck.presentation.slides.add_slide(deck.presentation.slide_layouts[BLANK])
    group = blank.shapes.add_group_shape()
    lower = group.shapes.add_textbox(Inches(1), Inches(4), Inches(6), Inches(1))
    lower.text_frame.text = "Glacier: archive storage"
    upper = group.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
    upper.text_frame.text = "EFS: a shared file system"
    read = load_deck(deck.save(tmp_path / "storage.pptx"))
    assert [(c.term, c.definition) for c in read.cards] == [
        ("[bold]S3[/]", "object storage"),
        ("EBS", "block volumes; attached to one instance"),
        ("EFS", "a shared file system"),  # above Glacier on the slide, drawn after it
        ("Glacier", "archive storage"),
    ]


def test_a_presentation_is_known_by_its_content_and_inside_a_zip(tmp_path: Path) -> None:
    path = _lecture(tmp_path / "lecture.pptx")
    unnamed = tmp_path / "download"
    unnamed.write_bytes(path.read_bytes())
    assert len(load_deck(unnamed).cards) == 5
    zipped = tmp_path / "course.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(path, "week3/lecture.pptx")
    assert len(load_deck(zipped).cards) == 5


def test_a_damaged_presentation_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "broken.pptx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ppt/presentation.xml", "<not xml")
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"exam-sim: {path}: a PowerPoint presentation that cannot be read, damaged or incomplete ("
    )
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_slide_of_its_title_alone_takes_its_speaker_notes_as_its_definition(
    tmp_path: Path,
) -> None:
    deck = Deck()
    words = [
        ("Osmosis", "Water moving across a membrane."),
        ("Diffusion", "Particles spreading from high to low concentration."),
        ("Active transport", "Moving particles against their gradient, using ATP."),
    ]
    for term, meaning in words:
        deck.text_box(term, [])
        deck.presentation.slides[-1].notes_slide.notes_text_frame.text = meaning
    # A slide with a body keeps its notes out of its card.
    deck.content("Osmotic pressure", ["The pressure that stops osmosis."])
    deck.presentation.slides[-1].notes_slide.notes_text_frame.text = "Say: see chapter 4."
    read = load_deck(deck.save(tmp_path / "cards.pptx"))
    assert [(c.term, c.definition) for c in read.cards] == [
        *words,
        ("Osmotic pressure", "The pressure that stops osmosis."),
    ]
