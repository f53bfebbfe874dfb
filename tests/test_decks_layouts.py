"""Layouts of study guides written by other tools (a ReportLab handout: a centred title
over a heading of the same size, "**Term:**" with its colon set bold, a numbered list
whose numbers stand in a column of their own, a three-column table), read as their
reader would: each of these made a wrong card or lost text unsaid."""

from __future__ import annotations

from pathlib import Path

from support.pdf import Document, write_pdf

from exam_sim.decks import parse_delimited
from exam_sim.decks.loader import load_deck
from exam_sim.decks.markdown import parse_markdown

TERMS = [
    ("ARP", "Resolves an IPv4 address to a MAC address on the local network."),
    ("Latency", "The time a packet takes to travel from its source to its destination."),
    ("Jitter", "The variation in packet delay, harmful to voice and video."),
]


def test_a_separator_set_bold_with_the_term_is_no_part_of_it() -> None:
    text = "# Networking\n\n" + "\n\n".join(f"**{term}:** {meaning}" for term, meaning in TERMS)
    text += "\n\n- **Firewall —** Filters traffic by rules.\n- **hyper-** above, excessive\n"
    deck = parse_markdown(text, file="n.md")
    assert [card.term for card in deck.cards] == ["ARP", "Latency", "Jitter", "Firewall", "hyper-"]
    assert deck.cards[0].definition == TERMS[0][1]


def _handout(document: Document) -> None:
    document.set_font("Helvetica", "B", 18)
    document.cell(0, 10, "Network+ Key Terms", align="C", new_x="LMARGIN", new_y="NEXT")
    document.cell(0, 10, "Fundamentals", new_x="LMARGIN", new_y="NEXT")
    for term, meaning in TERMS:
        document.entry(term, meaning)
    document.set_font("Helvetica", "B", 18)
    document.cell(0, 10, "Troubleshooting steps", new_x="LMARGIN", new_y="NEXT")
    document.set_font("Helvetica", "", 11)
    for number, step in enumerate(
        [
            "Identify the problem",
            "Establish a theory",
            "Test the theory",
            "Make a plan",
            "Implement it",
            "Verify the system",
            "Document findings",
        ],
        start=1,
    ):
        document.cell(10, 6, f"{number}.")
        document.cell(0, 6, step, new_x="LMARGIN", new_y="NEXT")


def test_a_pdf_handouts_title_headings_and_numbered_steps(tmp_path: Path) -> None:
    deck = load_deck(write_pdf(tmp_path / "handout.pdf", _handout))
    # A centred title over a heading set left, the same size, is two headings: the title
    # and a topic (they were one heading, "Network+ Key Terms Fundamentals").
    assert deck.title == "Network+ Key Terms"
    assert [topic.name for topic in deck.topics] == ["Fundamentals"]
    # The steps' numbers are no terms ("1" → "Identify the problem" was a card).
    assert [card.term for card in deck.cards] == [term for term, _ in TERMS]
    # Said by page, each once: "(pages 1, …)" was said of seven lines of one page.
    assert "7 paragraphs or list items without a term skipped (page 1)" in deck.notes[0]


def test_a_tables_column_no_card_reads_is_said(tmp_path: Path) -> None:
    table = (
        "# Ports\n\n| Protocol | Port | Description |\n| --- | --- | --- |\n"
        "| SSH | 22 | Secure remote shell |\n| Telnet | 23 | Unencrypted remote shell |\n"
        "| SMTP | 25 | Sending e-mail between servers |\n| HTTP | 80 | Web traffic |\n"
    )
    deck = parse_markdown(table, file="ports.md")
    assert [(card.term, card.definition) for card in deck.cards][:1] == [("SSH", "22")]
    assert deck.notes == (
        'read as Markdown: 4 cards from tables; a table\'s column "Description" not read '
        "(line 3): a table gives its cards' terms, definitions and topics",
    )
    # The same as CSV: the numbers under "Port" make the header, and "Description", a
    # definition's name, was a second definition column, dropped unsaid.
    csv = "Protocol,Port,Description\n" + "".join(
        f"{p},{n},{d}\n" for p, n, d in [("SSH", 22, "Secure shell"), ("Telnet", 23, "Plain"),
                                         ("SMTP", 25, "Mail"), ("HTTP", 80, "Web")]
    )  # fmt: skip
    assert parse_delimited(csv, file="ports.csv").notes == (
        'the column "Description" was not read (exam-sim reads a term, definition, topic, tags '
        "and id column)",
    )
    # A header whose every column is read says nothing.
    read = "| Term | Definition | Topic |\n| --- | --- | --- |\n| SSH | Secure shell | Net |\n"
    assert "not read" not in parse_markdown(read * 1, file="t.md").notes[0]


def test_a_word_tables_first_row_names_its_columns_as_a_csvs_would(tmp_path: Path) -> None:
    """ "Attack | Description | Mitigation" above longer descriptions is the header, as
    it is in a CSV file (`header_row.first_row_roles`); it was a card, "Attack" →
    "Description"."""
    from docx import Document as WordDocument

    document = WordDocument()
    table = document.add_table(rows=1, cols=3)
    for cell, name in zip(
        table.rows[0].cells, ["Attack", "Description", "Mitigation"], strict=True
    ):
        cell.text = name
    for attack, description, mitigation in [
        ("Phishing", "Fraudulent messages that trick users into revealing data", "Training"),
        ("SQL injection", "Malicious SQL placed in an input field", "Parameterised queries"),
        ("XSS", "Script injected into pages other users view", "Output encoding"),
        ("DDoS", "Flooding a service from many hosts at once", "Rate limiting"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = attack, description, mitigation
    document.save(str(tmp_path / "attacks.docx"))
    deck = load_deck(tmp_path / "attacks.docx")
    assert [card.term for card in deck.cards] == ["Phishing", "SQL injection", "XSS", "DDoS"]
    assert deck.sides == ("Attack", "Description")
    assert 'a table\'s column "Mitigation" not read (table 1, row 1)' in deck.notes[0]
