"""Moodle XML, the question bank export of Moodle (Question bank → Export → Moodle XML
format), and of the tools that write it for Moodle; the part of it that exam items have:

    <quiz>
      <question type="category"><category><text>$course$/top/Networking</text></category>
      </question>
      <question type="multichoice">
        <name><text>Subnets</text></name>
        <questiontext format="html"><text><![CDATA[<p>Which range …?</p>]]></text></questiontext>
        <generalfeedback format="html"><text>A /24 holds 256 addresses.</text></generalfeedback>
        <single>true</single>
        <answer fraction="100"><text>10.0.0.0/24</text><feedback><text>Yes.</text></feedback>
        </answer>
        <answer fraction="0"><text>10.0.0.0/33</text></answer>
      </question>
    </quiz>

Multiple choice (`<single>true</single>`: the options of the highest grade are the key;
`false`: every option of a positive grade is one, the grades kept as partial credit),
true/false and matching questions are items; the question's name is its id, its
category its topic (the path without `$course$/` and `top/`, as for GIFT), its general
feedback the explanation, each answer's feedback that option's rationale, its tags its
tags. Text written as HTML is read as text (images dropped). Questions of the kinds with
nothing to choose from (short answer, numerical, essay, cloze, calculated, description,
drag and drop…) are skipped and counted in the deck's note with their lines, as a GIFT
file's are. Parsed by lxml without resolving entities or reading a DTD: a bank's text
never reaches the network or the disk, and an entity bomb stays unexpanded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exam_sim.decks.banks import RawItem, category_topic, items_deck, skipped_notes
from exam_sim.decks.common import clean_field, decode, display_name, opening
from exam_sim.decks.xml_text import xml_problem
from exam_sim.models import Deck, DeckError

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["looks_like_moodle_xml", "parse_moodle_xml"]

_TRUE_FALSE = {"true": "True", "false": "False"}


def looks_like_moodle_xml(text: str) -> bool:
    """Does a file open as a Moodle XML export does: an XML declaration or comments, then
    a <quiz> element?"""
    head = opening(text, 2000).lower()
    return head.startswith(("<?xml", "<quiz", "<!--")) and "<quiz" in head


def parse_moodle_xml(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """The deck of a Moodle XML question bank (the module's docstring)."""
    name = display_name(file)
    root = _root(decode(data, name), name)
    raws: list[RawItem] = []
    skipped: dict[str, list[int]] = {}  # kind: lines
    topic = ""
    for question in root.iterchildren("question"):
        kind = (question.get("type") or "").strip().lower()
        line = _line(question)
        if kind == "category":
            topic = category_topic(_text(question, "category"))
            continue
        try:
            raw = _item(question, kind, line, topic)
        except _NoOptions as error:
            skipped.setdefault(error.kind, []).append(line)
            continue
        except ValueError as error:
            raise DeckError(str(error), file=name, line=line) from None
        raws.append(raw)
    notes = skipped_notes(skipped, bool(raws), name)
    if not raws:
        raise DeckError("no questions found: a Moodle XML bank holds <question> elements",
                        file=name)  # fmt: skip
    return items_deck(raws, file=name, title=title, deck_id=deck_id, reader_notes=notes)


def _root(text: str, name: str) -> etree._Element:
    from lxml import etree  # imported here: a deck that is no XML does not pay for it

    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True,
        remove_comments=True, remove_pis=True,
    )  # fmt: skip
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno and error.lineno > 0 else None
        problem = xml_problem(Exception(error.msg or "not well-formed"))
        raise DeckError(f"not well-formed XML ({problem})", file=name, line=line) from None
    if root is None or root.tag != "quiz":
        tag = "nothing" if root is None else f"<{root.tag}>"
        raise DeckError(
            f"an XML file, but not a Moodle question bank: it holds {tag} where a bank "
            "holds <quiz>",
            file=name,
        )
    return root


class _NoOptions(ValueError):
    """A question of a kind with no options to choose from: skipped and counted."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _item(question: etree._Element, kind: str, line: int, topic: str) -> RawItem:
    stem = _text(question, "questiontext")
    if kind not in ("multichoice", "truefalse", "matching"):
        raise _NoOptions(kind or "untyped")
    if not stem:
        raise _NoOptions(f"{kind} without text (an image alone)")
    raw = RawItem(
        line=line,
        stem=stem,
        title=_text(question, "name"),
        topic=topic,
        explanation=_text(question, "generalfeedback"),
        tags=tuple(
            tag for element in question.iterfind("tags/tag") if (tag := _text(element, "."))
        ),
    )
    if kind == "matching":
        for pair in question.iterfind("subquestion"):
            prompt, response = _text(pair, "."), _text(pair, "answer")
            if prompt and response:  # a response without a prompt: a distractor, not read
                raw.pairs.append((prompt, response))
        if len(raw.pairs) < 2:
            raise ValueError("a matching question needs two pairs or more")
        return raw
    answers = [
        (_text(answer, "."), _fraction(answer), _text(answer, "feedback"))
        for answer in question.iterfind("answer")
    ]
    if kind == "truefalse":
        answers = [(_TRUE_FALSE.get(t.lower(), t), grade, why) for t, grade, why in answers]
    if any(not text for text, _, _ in answers):
        raise ValueError(f"a {kind} question has an answer without text")
    if len(answers) < 2:
        raise ValueError(f"a {kind} question needs two answers or more")
    best = max(grade for _, grade, _ in answers)
    if best <= 0:
        raise ValueError(f"no answer of this {kind} question has a positive grade")
    written = (question.findtext("single") or "true").strip().lower()  # Moodle's default
    single = kind == "truefalse" or written in ("true", "1")
    if single:  # one key: the answers of the highest grade
        raw.options = [(text, grade == best, why) for text, grade, why in answers]
    else:
        raw.options = [(text, grade > 0, why) for text, grade, why in answers]
        raw.weights = [grade for _, grade, _ in answers]
    return raw


def _line(element: etree._Element) -> int:
    line = element.sourceline  # lxml-stubs types it as "..."
    return line if isinstance(line, int) else 0


def _fraction(answer: etree._Element) -> float:
    """An answer's grade, a percentage ("100", "33.33333", "-50")."""
    written = answer.get("fraction") or "0"
    try:
        grade = float(written)
    except ValueError:
        raise ValueError(f"an answer's grade {written[:20]!r} is no number") from None
    if not -100 <= grade <= 100:
        raise ValueError(f"an answer's grade {written[:20]!r} is outside -100 to 100")
    return grade


def _text(element: etree._Element, path: str) -> str:
    """The text of `path`'s <text> under `element`, read as HTML when it says so."""
    found = element.find(path)
    if found is None:
        return ""
    text = found.find("text")
    if text is None:
        return ""
    # Moodle's formats: "html", "moodle_auto_format", "plain_text", "markdown" (no
    # attribute: look at the text, as for any field).
    written = (found.get("format") or "").lower()
    html = True if written == "html" else False if written == "plain_text" else None
    return clean_field("".join(str(piece) for piece in text.itertext()), html=html)
