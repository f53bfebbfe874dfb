"""Decks load as people wrote them: terms that repeat after folding ("ad" and "ad-", one
word with two meanings) and shared definitions load in every format, and `check` reports
each group once as a warning."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from exam_sim.decks import check_deck, parse_anki, parse_delimited, parse_native, parse_plaintext
from exam_sim.models import Deck, DeckError

# (term, definition): a medical-roots deck with the collisions real ones have.
ROOTS = [
    ("ad", "toward, increase"),
    ("ad-", "toward"),
    ("cardi-", "heart"),
    ("phot-", "light"),
    ("phos-", "light"),
    ("alg-", "pain"),
    ("Bank", "the side of a river"),
    ("bank", "a place that keeps money"),
]


def plain() -> str:
    return "Medical roots\n" + "\n".join(f"{t}\n{d}" for t, d in ROOTS)


def native() -> str:
    head = 'format = "exam-sim/1"\nid = "roots"\ntitle = "Roots"\n'
    return head + "".join(
        f'\n[[cards]]\nid = "r{n}"\nterm = "{t}"\ndefinition = "{d}"\n'
        for n, (t, d) in enumerate(ROOTS)
    )


READERS: dict[str, tuple[Callable[..., Deck], Callable[[], str]]] = {
    "text": (parse_plaintext, plain),
    "csv": (parse_delimited, lambda: "\n".join(f'{t},"{d}"' for t, d in ROOTS)),
    "tsv": (parse_delimited, lambda: "\n".join(f"{t}\t{d}" for t, d in ROOTS)),
    "quizlet": (
        lambda data, **kw: parse_delimited(data, term_separator=" - ", card_separator=";", **kw),
        lambda: ";".join(f"{t} - {d}" for t, d in ROOTS),
    ),
    "anki": (
        parse_anki,
        lambda: "#separator:tab\n#html:false\n" + "\n".join(f"{t}\t{d}" for t, d in ROOTS),
    ),
    "native": (parse_native, native),
}


@pytest.mark.parametrize("format", sorted(READERS))
def test_repeated_terms_load_in_every_format(format: str) -> None:
    parse, text = READERS[format]
    deck = parse(text(), file=f"roots.{format}")
    assert [(c.term, c.definition) for c in deck.cards] == ROOTS
    assert len({c.id for c in deck.cards}) == len(ROOTS)
    findings = check_deck(deck)
    assert not [f for f in findings if f.severity == "error"]
    terms = [f for f in findings if f.code == "duplicate-term"]
    assert [(f.severity, len(f.card_ids)) for f in terms] == [("warning", 2), ("warning", 2)]
    ad, bank = terms
    line = {c.term: c.line for c in deck.cards}
    assert f"'ad' (line {line['ad']}), 'ad-' (line {line['ad-']})" in ad.message
    assert f"'Bank' (line {line['Bank']}), 'bank' (line {line['bank']})" in bank.message
    assert "never offered as options together" in ad.message
    # a pair is reported once, not again as a near-duplicate
    pairs = {frozenset(f.card_ids) for f in findings if f.code == "near-duplicate"}
    assert frozenset(bank.card_ids) not in pairs


def test_derived_ids_of_repeated_terms_are_numbered() -> None:
    deck = parse_delimited("\n".join(f"{t}\t{d}" for t, d in ROOTS), file="roots.tsv")
    assert [c.id for c in deck.cards] == [
        "ad", "ad-2", "cardi", "phot", "phos", "alg", "bank", "bank-2",
    ]  # fmt: skip


def test_a_big_deck_with_many_collisions_loads() -> None:
    """A 492-card roots deck was refused outright for one collision; now it all loads."""
    rows = [f"root{n}{'-' if n % 7 == 0 else ''}\tmeaning number {n}" for n in range(480)]
    rows += [f"root{n}\tanother meaning {n}" for n in range(0, 84, 7)]  # 12 collisions
    deck = parse_delimited("\n".join(rows), file="big.tsv")
    assert len(deck.cards) == 492
    assert len({c.id for c in deck.cards}) == 492
    terms = [f for f in check_deck(deck) if f.code == "duplicate-term"]
    assert len(terms) == 12 and all(f.severity == "warning" for f in terms)


def test_native_repeated_id_is_still_an_error() -> None:
    text = native().replace('id = "r1"', 'id = "r0"')
    with pytest.raises(DeckError, match="card id 'r0' is used twice"):
        parse_native(text, file="roots.toml")


def test_identical_definitions_are_one_warning_per_group() -> None:
    rows = [*ROOTS, ("photo-", "light"), ("lumin-", "Light.")]
    deck = parse_delimited("\n".join(f"{t}\t{d}" for t, d in rows), file="roots.tsv")
    same = [f for f in check_deck(deck) if f.code == "duplicate-definition"]
    assert [(f.severity, f.card_ids) for f in same] == [
        ("warning", ("phot", "phos", "photo", "lumin")),
    ]
    assert same[0].message.startswith("the same definition on 4 cards: 'phot-' (line 4)")
    assert same[0].message.endswith("they are never offered as options together")


def test_the_same_card_twice_is_one_finding() -> None:
    rows = [*ROOTS, ("Cardi-", "heart")]
    deck = parse_delimited("\n".join(f"{t}\t{d}" for t, d in rows), file="roots.tsv")
    findings = check_deck(deck)
    cardi = [f for f in findings if "cardi" in f.card_ids]
    assert [f.code for f in cardi] == ["duplicate-term"]
    assert cardi[0].message.startswith("the same term and definition on 2 cards")
    assert cardi[0].message.endswith("keep one of them")
