"""`check`'s few-of-a-kind pass: question cards of a kind too small to fill a question's
wrong options from it.

The generator gives a question asking for a person ("Who…?") or a place ("Where…?")
wrong options answering other questions asking for one, and a short answer of a form a
glance tells apart (a symbol: "Au", "CPU") options of its form, when the deck has
options − 1 of them (`generator/asked_kind.py`, `draw.of_one_shape`). With fewer, the
question is still asked, beside answers of another kind ("Canberra" beside "Au"; a
city for "Who…?"), which a guesser strikes out. The author is told which cards, and
what would mend it. A number needs no such warning: numbers near it are made when the
deck has too few (`generator/numbers.py`).
"""

from __future__ import annotations

import itertools

from exam_sim.decks.findings import Finding, named
from exam_sim.generator.asked_kind import PERSON, PLACE, asked_kind
from exam_sim.generator.cues import form
from exam_sim.generator.index import DeckIndex
from exam_sim.generator.wording import bare_yes_no
from exam_sim.models import DEFAULT_OPTIONS, Deck
from exam_sim.units import counted

# What a finding says of each kind's questions (one, several), and what would mend it.
_KINDS = {
    "person": (
        ("asks for a person ('Who…?')", "ask for a person ('Who…?')"),
        "questions answered by a person",
    ),
    "place": (
        ("asks for a place ('Where…?')", "ask for a place ('Where…?')"),
        "questions answered by a place",
    ),
    "symbol": (
        ("is answered by a symbol or acronym", "are answered by a symbol or acronym"),
        "questions answered by one",
    ),
}


def few_of_a_kind(deck: Deck, index: DeckIndex) -> list[Finding]:
    """One warning per kind with at least one question card and fewer than
    DEFAULT_OPTIONS: their questions cannot have wrong options of their kind only."""
    groups: dict[str, list[int]] = {kind: [] for kind in _KINDS}
    for i in itertools.compress(range(index.n), index.is_question):
        asked = asked_kind(index.term_norm[i])
        if asked is PERSON or asked is PLACE:
            groups[asked].append(i)
        answer = deck.cards[i].definition
        # A bare "No" is a true/false item's verdict, no symbol (`short-answer` says so).
        if form(answer) == "symbol" and bare_yes_no(answer) is None:
            groups["symbol"].append(i)
    findings = []
    for kind, members in groups.items():
        if not 0 < len(members) < DEFAULT_OPTIONS:
            continue
        (one, several), wanted = _KINDS[kind]
        lead = f"{counted(len(members), 'question')} {one if len(members) == 1 else several}"
        findings.append(
            Finding(
                "warning",
                "few-of-a-kind",
                f"{lead}: {named(deck.cards, members, deck.card_places)}; too few for a question's "
                f"{DEFAULT_OPTIONS} options to be of one kind, so answers of another kind "
                f"stand among them, which a guesser strikes out (add {wanted})",
                tuple(deck.cards[i].id for i in members),
            )
        )
    return findings
