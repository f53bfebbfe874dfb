"""Markdown glossaries (decks/markdown.py): cards from tables, lists and definition lists,
the title and topics from headings, prose skipped and said; refusals in one sentence;
any text is read or refused, never a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exam_sim.decks.loader import import_deck, load_deck
from exam_sim.decks.markdown import parse_markdown
from exam_sim.models import DeckError

DATA = Path(__file__).parent / "data"


def test_a_glossary_of_tables_lists_and_definitions_reads_every_card() -> None:
    deck = load_deck(DATA / "cloud-glossary.md")
    assert deck.title == "Cloud Glossary"
    assert [t.name for t in deck.topics] == ["Compute", "Storage", "Networking", "Reliability"]
    cards = {card.term: card for card in deck.cards}
    assert len(cards) == 18 and "Term" not in cards  # a header row is no card
    vm = cards["Virtual machine"]
    assert (vm.line, vm.topic) == (13, "compute")
    assert vm.definition.startswith("An emulated computer")
    # Inline markup is dropped: bold terms, a code span, an emphasised term.
    assert cards["Lifecycle rule"].definition.endswith("after a given age, e.g. 30 days.")
    assert cards["CDN"].definition.startswith("A network of edge caches")
    assert (
        cards["Subnet"].definition
        == "A range of addresses inside a VPC, placed in one availability zone."
    )
    assert cards["Virtual private cloud (VPC)"].aliases == ("Virtual private cloud", "VPC")
    rto = cards["Recovery time objective (RTO)"]
    assert rto.definition == ("The longest time a service may be down after a failure. "
                              "Agreed with the business before the design starts.")  # fmt: skip
    assert rto.topic == "reliability"
    assert deck.notes[0] == (
        "read as Markdown: 18 cards, 9 from tables, 5 from lists, 4 from definition lists; "
        "3 paragraphs or list items without a term skipped (lines 3, 7, 36)"
    )


def test_a_plain_list_without_structure_stays_the_text_format(tmp_path: Path) -> None:
    """A .md file of plain lines (no table, list, definition or bold term) is read as
    before: the plain-text formats."""
    path = tmp_path / "notes.md"
    path.write_text("# Words\nEpoch\nOne pass\nBatch\nA subset\n", encoding="utf-8")
    deck = load_deck(path)
    assert deck.title == "Words" and [c.term for c in deck.cards] == ["Epoch", "Batch"]


HEADINGS = """# Photography terms

Short notes for the evening class.

## Exposure

### Aperture
The opening in the lens that lets light in, measured in f-stops.

### Shutter speed
How long the sensor is exposed to light.
A fast one freezes motion.

## Composition

### Rule of thirds
Placing the subject along lines that divide the frame into thirds.

### Leading lines

### Negative space
Empty area around the subject that gives it room.
"""


def test_a_glossary_of_headings_makes_each_heading_a_term(tmp_path: Path) -> None:
    """Each term its own heading, its definition the text under it: the deepest headings
    with text are terms, those above them topics, a leading # heading the title."""
    path = tmp_path / "photography.md"
    path.write_text(HEADINGS, encoding="utf-8")
    deck = load_deck(path)
    assert deck.title == "Photography terms"
    assert [(c.term, c.topic, c.line) for c in deck.cards] == [
        ("Aperture", "exposure", 7), ("Shutter speed", "exposure", 10),
        ("Rule of thirds", "composition", 16), ("Negative space", "composition", 21),
    ]  # fmt: skip
    assert (
        deck.cards[1].definition
        == "How long the sensor is exposed to light. A fast one freezes motion."
    )
    assert deck.notes[0] == (
        "read as Markdown: 4 cards, each a heading (the term) and the text under it (the "
        "definition); 1 heading without text skipped (line 19)"
    )


def test_deck_text_stays_data(tmp_path: Path) -> None:
    """Markup-like text is a term, not markup; raw HTML is shown, not interpreted."""
    deck = parse_markdown("- **[bold]Alpha[/]**: the first letter <b>A</b>\n"
                          "- **Beta**: the second letter\n", file="x.md")  # fmt: skip
    assert deck.cards[0].term == "[bold]Alpha[/]"
    assert deck.cards[0].definition == "the first letter <b>A</b>"


def test_format_markdown_reads_any_extension(tmp_path: Path) -> None:
    path = tmp_path / "glossary.txt"
    path.write_text("| Term | Meaning |\n|---|---|\n| Heron | A wading bird |\n"
                    "| Otter | A river mammal |\n", encoding="utf-8")  # fmt: skip
    deck = load_deck(path, format="markdown")
    assert [(c.term, c.definition) for c in deck.cards] == [
        ("Heron", "A wading bird"), ("Otter", "A river mammal"),
    ]  # fmt: skip


def test_an_imported_glossary_reads_back_the_same(home: Path) -> None:
    deck, target = import_deck(DATA / "cloud-glossary.md")
    again = load_deck(target)
    assert [(c.term, c.definition, c.topic) for c in again.cards] == [
        (c.term, c.definition, c.topic) for c in deck.cards
    ]


def test_markdown_without_cards_is_refused_in_one_sentence(tmp_path: Path, home: Path) -> None:
    path = tmp_path / "todo.md"
    path.write_text("# Shopping\n\n- milk\n- bread\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "exam_sim", "import", str(path)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"exam-sim: {path}: no cards found: a Markdown deck gives them as a table (term | "
        "definition), a definition list, list items such as '**term**: definition' or "
        "'term: definition', headings each followed by its definition, or callouts "
        "('> [!definition] term').\n"
    )
    library = home / "decks"
    assert not library.exists() or not list(library.iterdir())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab |-:*#>`[]()\n=\t1.")), max_size=200))
def test_any_markdown_is_read_or_refused_in_one_sentence(text: str) -> None:
    try:
        deck = parse_markdown(text, file="x.md")
    except DeckError as error:
        assert "\n" not in str(error)
    else:
        assert deck.cards and all(c.term.strip() and c.definition.strip() for c in deck.cards)


def test_an_obsidian_note_keeps_its_front_matter_and_wiki_links_out_of_the_cards(
    tmp_path: Path,
) -> None:
    """Its YAML front matter read as a heading ("tags: [...]" above "---": a setext
    heading), so the title was lost; "[[Page|text]]" stayed in the definitions."""
    path = tmp_path / "network.md"
    path.write_text(
        "---\ntags: [networking]\naliases: net glossary\n---\n# Network terms\n\n"
        "- **Latency**: the delay of a [[Packet|packet]] on a [[Network#Links]]\n"
        "- **Jitter**: the variation in [[latency]]\n"
        "- **Bandwidth**: the largest transfer rate\n",
        encoding="utf-8",
    )
    deck = load_deck(path)
    assert deck.title == "Network terms" and not deck.topics
    assert [(c.term, c.definition, c.line) for c in deck.cards] == [
        ("Latency", "the delay of a packet on a Network", 7),
        ("Jitter", "the variation in latency", 8),
        ("Bandwidth", "the largest transfer rate", 9),
    ]


def test_lines_of_one_paragraph_each_naming_a_term_are_cards_of_their_own(
    tmp_path: Path,
) -> None:
    """Obsidian's "Term :: definition" lines with no blank line between them are one
    paragraph to Markdown: they made one card. A definition wrapped onto a line that
    happens to hold ": " stays one card."""
    path = tmp_path / "notes.md"
    path.write_text(
        "---\ntags: [net]\n---\nLatency :: delay of a packet\nJitter :: variation in delay\n"
        "Bandwidth :: the largest rate\n\n"
        "- **Throughput**: the rate achieved, which\n  a note says: less than bandwidth\n",
        encoding="utf-8",
    )
    deck = load_deck(path)  # a .md with front matter: Markdown, not plain lines
    assert [(c.term, c.line) for c in deck.cards] == [
        ("Latency", 4), ("Jitter", 5), ("Bandwidth", 6), ("Throughput", 8),
    ]  # fmt: skip
    assert deck.cards[-1].definition == "the rate achieved, which a note says: less than bandwidth"


def test_a_term_with_its_definition_in_points_under_it_is_one_card() -> None:
    """ "- **Term**" with a list under it: the term was skipped, each point too."""
    deck = parse_markdown(
        "- **Container**\n  - a packaged process\n  - shares the host's kernel\n"
        "- Subnet:\n  1. a range of addresses\n  2. in one zone\n"
        "- **Region**: a geographic area\n- **Zone**: a data centre or more\n",
        file="x.md",
    )
    assert [(c.term, c.definition, c.line) for c in deck.cards] == [
        ("Container", "a packaged process; shares the host's kernel", 1),
        ("Subnet", "a range of addresses; in one zone", 4),
        ("Region", "a geographic area", 7),
        ("Zone", "a data centre or more", 8),
    ]


def test_a_table_header_chooses_its_columns_as_a_csv_header_does() -> None:
    text = (
        "# GRE words\n\n"
        "| Word | Part of speech | Definition | Example | Topic |\n|---|---|---|---|---|\n"
        "| ubiquitous | adj. | present everywhere | Smartphones have become ubiquitous. | A |\n"
        "| mitigate | v. | to make less severe | Trees can mitigate flooding. | B |\n"
        "| laconic | adj. | using very few words | | A |\n\n"
        "## Other\n\n| Definition | Term |\n|---|---|\n| talkative | garrulous |\n"
    )
    deck = parse_markdown(text, file="gre.md")
    assert [(c.term, c.definition, c.topic) for c in deck.cards] == [
        ("ubiquitous", '(adj.) present everywhere; e.g. "Smartphones have become ubiquitous."',
         "a"),
        ("mitigate", '(v.) to make less severe; e.g. "Trees can mitigate flooding."', "b"),
        ("laconic", "(adj.) using very few words", "a"),
        ("garrulous", "talkative", "other"),  # before: the part of speech was the definition
    ]  # fmt: skip
    assert deck.sides == ("Word", "description")  # "Which description matches this word?"


def test_cards_under_the_title_take_it_as_their_topic_beside_other_topics() -> None:
    text = (
        "# Networking\n\nTCP::A reliable, ordered transport protocol.\n"
        "UDP::A connectionless transport protocol.\n\n"
        "## Security\n\nVPN::An encrypted tunnel to a remote network.\n"
    )
    deck = parse_markdown(text, file="notes.md")
    assert deck.title == "Networking"
    assert [(c.term, c.topic) for c in deck.cards] == [
        ("TCP", "networking"), ("UDP", "networking"), ("VPN", "security"),
    ]  # fmt: skip
    # A note with no other heading keeps its cards without a topic: scored as a whole.
    alone = parse_markdown("# Networking\n\nTCP::A transport.\nUDP::Another.\n", file="n.md")
    assert {c.topic for c in alone.cards} == {None}


def test_a_table_header_names_the_sides_only_of_a_deck_that_is_all_its_rows() -> None:
    # A study guide's terms in paragraphs, then a table of abbreviations: "Which
    # abbreviation matches this meaning?" is no question for "Mitochondrion".
    text = (
        "# Biology\n\n**Mitochondrion**: makes most of the cell's ATP\n\n"
        "**Ribosome**: builds proteins\n\n"
        "| Abbreviation | Meaning |\n|---|---|\n| ATP | Adenosine triphosphate |\n"
    )
    assert parse_markdown(text, file="guide.md").sides is None
    table_only = text.split("\n\n", 3)[-1]
    assert parse_markdown(table_only, file="abbreviations.md").sides == ("Abbreviation", "Meaning")
