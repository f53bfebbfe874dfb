"""The guessing audit's help for the "most like the stem" cue fits a deck of symbols:
"Ar" is spelled like Argon whatever the wrong options, so "say its other side without
the stem's words" is no advice there."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_sim.decks.audit import CUE_HELP, GiveAway, abbreviates, audit_deck, cue_help, format_audit
from exam_sim.decks.loader import load_deck
from exam_sim.models import Deck, Direction, make_card

ELEMENTS = """\
H,Hydrogen,Nonmetals
He,Helium,Noble gases
Li,Lithium,Alkali metals
Be,Beryllium,Alkaline earth metals
B,Boron,Metalloids
C,Carbon,Nonmetals
N,Nitrogen,Nonmetals
O,Oxygen,Nonmetals
F,Fluorine,Halogens
Ne,Neon,Noble gases
Na,Sodium,Alkali metals
Mg,Magnesium,Alkaline earth metals
Al,Aluminium,Post-transition metals
Si,Silicon,Metalloids
P,Phosphorus,Nonmetals
S,Sulfur,Nonmetals
Cl,Chlorine,Halogens
Ar,Argon,Noble gases
K,Potassium,Alkali metals
Ca,Calcium,Alkaline earth metals
Fe,Iron,Transition metals
Cu,Copper,Transition metals
Zn,Zinc,Transition metals
Ag,Silver,Transition metals
Au,Gold,Transition metals
Hg,Mercury,Transition metals
Pb,Lead,Post-transition metals
Sn,Tin,Post-transition metals
Br,Bromine,Halogens
I,Iodine,Halogens
Kr,Krypton,Noble gases
Xe,Xenon,Noble gases
Rb,Rubidium,Alkali metals
Cs,Caesium,Alkali metals
Sr,Strontium,Alkaline earth metals
Ba,Barium,Alkaline earth metals
Mn,Manganese,Transition metals
Co,Cobalt,Transition metals
Ni,Nickel,Transition metals
Cr,Chromium,Transition metals"""


def _elements(folder: Path) -> Deck:
    path = folder / "elements.csv"
    path.write_text("term,definition,topic\n" + ELEMENTS, encoding="utf-8")
    return load_deck(path)


@pytest.mark.parametrize(
    ("term", "definition", "expected"),
    [
        ("Ar", "Argon", True),
        ("He", "Helium", True),
        ("Argon", "Ar", True),  # either side may be the short one
        ("Fe", "Iron", False),  # from Latin: not its letters
        ("Na", "Sodium", False),
        ("K", "Potassium", False),
        ("DNS", "Domain Name System", True),
        ("Ar", "A noble gas", False),
        ("Argon", "A noble gas", False),  # no symbol
    ],
)
def test_what_abbreviates(term: str, definition: str, expected: bool) -> None:
    assert abbreviates(make_card(term, definition, id="x")) is expected


def test_a_deck_of_symbols_is_told_why_the_stem_cue_stays(tmp_path: Path) -> None:
    text = "\n".join(format_audit(audit_deck(_elements(tmp_path))))
    assert "most like the stem: nothing helps where one side abbreviates the other" in text
    assert CUE_HELP["stem"] not in text


def test_a_card_that_is_no_abbreviation_keeps_the_usual_advice() -> None:
    """One stem give-away that abbreviates nothing ("Iron" for Fe is no spelling of it)
    and the advice to reword stands."""
    stem = "most like the stem"
    away = [
        GiveAway(make_card("Ar", "Argon", id="ar"), Direction.TERM_TO_DEFINITION, (stem,), 8),
        GiveAway(make_card("Fe", "Iron", id="fe"), Direction.TERM_TO_DEFINITION, (stem,), 8),
    ]
    assert cue_help(away) == [CUE_HELP["stem"]]
    assert cue_help(away[:1]) == [
        "most like the stem: nothing helps where one side abbreviates the other ('Ar', "
        "Argon): a symbol made from its name is spelled like it, whatever the wrong options"
    ]
