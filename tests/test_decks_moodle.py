"""Moodle XML question banks (Moodle's own export): before, an .xml file was read as
alternating lines of its markup, "<?xml version…>" a term and "<quiz>" its definition."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.decks.banks import category_topic
from exam_sim.decks.common import clean_field
from exam_sim.decks.loader import detect_format, load_deck
from exam_sim.decks.moodle import parse_moodle_xml
from exam_sim.enums import ItemKind
from exam_sim.models import DeckError

BANK = Path(__file__).parent / "data" / "bank-moodle.xml"


def test_an_exported_bank_reads_as_its_items() -> None:
    deck = load_deck(BANK)
    assert not deck.cards
    assert [(i.id, i.kind, i.topic, i.line) for i in deck.items] == [
        ("subnet-size", ItemKind.SINGLE, "subnetting", 15),
        ("private-ranges", ItemKind.MULTIPLE, "subnetting", 69),
        ("default-route", ItemKind.SINGLE, "routing", 100),
        ("protocols", ItemKind.MATCHING, "routing", 124),
    ]
    size, private, route, protocols = deck.items
    assert size.stem == "How many addresses does a /24 network hold?"  # HTML read as text
    assert [(o.text, o.correct, o.rationale) for o in size.options] == [
        ("256", True, "Eight host bits."),
        ("128", False, ""),
        ("512", False, ""),
        ("24", False, "That is the prefix length."),
    ]
    assert size.explanation == "2^8 = 256 addresses."  # <sup>: not "28"
    assert size.tags == ("ipv4", "basics")
    assert [o.weight for o in size.options] == [None] * 4  # one key: no partial credit
    assert [o.text for o in private.options if o.correct] == ["10.0.0.0/8", "192.168.0.0/16"]
    assert [o.weight for o in private.options] == [50, 50, -100, -100]  # partial grades kept
    assert private.stem.endswith("(Choose TWO.)")
    assert [(o.text, o.correct) for o in route.options] == [("True", True), ("False", False)]
    # the response without a prompt is an extra distractor in Moodle: not a pair here
    assert [p.prompt for p in protocols.pairs] == ["OSPF", "BGP", "RIP"]
    assert [t.name for t in deck.topics] == ["Subnetting", "Routing"]
    assert deck.notes == (
        "2 questions with no options to choose from skipped: shortanswer (line 158), "
        "essay (line 170)",
    )


def test_categories_drop_moodle_s_own_levels() -> None:
    assert category_topic("$course$/top/Default for NET101/Routing/BGP") == "Routing / BGP"
    assert category_topic("$course$/Data preparation") == "Data preparation"
    assert category_topic("$system$/top/Default for System") == ""


def test_xml_is_told_by_extension_or_content(tmp_path: Path) -> None:
    assert detect_format(Path("bank.xml"), "") == "moodle"
    assert detect_format(Path("bank.txt"), '<?xml version="1.0"?>\n<quiz>') == "moodle"
    assert detect_format(Path("export"), "<!-- x -->\n<quiz>\n") == "moodle"
    path = tmp_path / "bank.txt"
    path.write_bytes(BANK.read_bytes())
    assert len(load_deck(path).items) == 4


def _check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip


def test_broken_or_foreign_xml_is_refused_in_one_sentence(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?>\n<quiz>\n<question type="multichoice">\n</quiz>\n')
    done = _check(broken)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"exam-sim: {broken}, line 4: not well-formed XML (")
    foreign = tmp_path / "feed.xml"
    foreign.write_text("<rss><channel><title>News</title></channel></rss>")
    done = _check(foreign)
    assert done.returncode == 2 and done.stderr.strip() == (
        f"exam-sim: {foreign}: an XML file, but not a Moodle question bank: it holds <rss> "
        "where a bank holds <quiz>."
    )
    essays = tmp_path / "essays.xml"
    essays.write_text(
        '<quiz>\n<question type="essay"><questiontext><text>Why?</text></questiontext>'
        "</question>\n</quiz>"
    )
    done = _check(essays)
    assert done.returncode == 2 and "line 2: no question has options to choose from " in (
        done.stderr
    )


def test_entities_are_never_expanded_nor_fetched() -> None:
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">' for n in range(10))
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE quiz [{laughs}'
        '<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        '<quiz><question type="truefalse"><questiontext><text>&l9; &secret;</text>'
        "</questiontext><answer fraction='100'><text>true</text></answer>"
        "<answer fraction='0'><text>false</text></answer></question></quiz>"
    )
    try:  # libxml2 refuses the bomb: "Maximum entity amplification factor exceeded"
        parse_moodle_xml(bomb, file="bomb.xml")
    except DeckError as error:
        assert str(error).startswith("bomb.xml, line 1: not well-formed XML (")
    else:
        raise AssertionError("an entity bomb was read")
    secret = bomb.replace(laughs, "").replace("&l9; ", "")
    stem = parse_moodle_xml(secret, file="secret.xml").items[0].stem
    assert "root:" not in stem  # the file an external entity names is never read


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda text: any(c.isalpha() for c in text))


@settings(max_examples=60, deadline=None)
@given(_TEXT, st.lists(_TEXT, min_size=2, max_size=5, unique=True))
def test_any_question_text_reads_back_or_is_refused_in_one_sentence(
    stem: str, answers: list[str]
) -> None:
    body = "".join(
        f'<answer fraction="{100 if k == 0 else 0}" format="plain_text">'
        f"<text>{html.escape(text)}</text></answer>"
        for k, text in enumerate(answers)
    )
    xml = (
        '<quiz><question type="multichoice"><questiontext format="plain_text">'
        f"<text>{html.escape(stem)}</text></questiontext><single>true</single>{body}"
        "</question></quiz>"
    )
    try:
        deck = parse_moodle_xml(xml, file="p.xml")
    except DeckError as error:
        assert "\n" not in str(error)
        return
    (item,) = deck.items  # each text as a plain-text field of any deck reads
    assert item.stem.startswith(clean_field(stem, html=False))
    assert [o.text for o in item.options if o.correct] == [clean_field(answers[0], html=False)]
