"""Small decks several test modules build: a deck of (term, definition) pairs, and the
chemical elements (name, symbol), a deck of symbols."""

from __future__ import annotations

from exam_sim.models import Deck, make_card


def deck_of(*pairs: tuple[str, str], deck_id: str = "t") -> Deck:
    return Deck(id=deck_id, title="T", cards=tuple(make_card(t, d) for t, d in pairs))


ELEMENTS = [
    ("Hydrogen", "H"), ("Helium", "He"), ("Sodium", "Na"), ("Silicon", "Si"),
    ("Nobelium", "No"), ("Iron", "Fe"), ("Copper", "Cu"), ("Silver", "Ag"),
    ("Gold", "Au"), ("Tin", "Sn"), ("Sulfur", "S"), ("Potassium", "K"),
]  # fmt: skip
MORE_ELEMENTS = [
    ("Lithium", "Li"), ("Beryllium", "Be"), ("Boron", "B"), ("Carbon", "C"),
    ("Nitrogen", "N"), ("Oxygen", "O"), ("Fluorine", "F"), ("Neon", "Ne"),
    ("Magnesium", "Mg"), ("Aluminium", "Al"), ("Phosphorus", "P"), ("Chlorine", "Cl"),
    ("Argon", "Ar"), ("Calcium", "Ca"), ("Zinc", "Zn"), ("Iodine", "I"),
    ("Mercury", "Hg"), ("Lead", "Pb"), ("Uranium", "U"), ("Nickel", "Ni"),
]  # fmt: skip
