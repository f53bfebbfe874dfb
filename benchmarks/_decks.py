"""Decks for the generator benchmarks: the bundled one by default, and synthetic big ones.

The synthetic decks recombine real card text (terms from two cards, definitions from
sentence halves of others) so that rapidfuzz sees realistic strings and realistic
similarities, not random letters.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python benchmarks/x.py` from a checkout
    sys.path.insert(0, str(ROOT))

from exam_sim.models import Deck, Topic, make_card  # noqa: E402

DEFAULT_DECK = "aws-ml-specialty"
SEED_DECK = ROOT / "tests" / "data" / "aws-ml-specialty.txt"
GOOGLE_DECK = ROOT / "tests" / "data" / "google-ml-glossary-es.csv"


def load(spec: str) -> Deck:
    """A deck by bundled id, library id or path (the same rules as the CLI)."""
    from exam_sim.decks import resolve_deck

    return resolve_deck(spec)


def synthetic_deck(size: int, *, seed: int = 7, base: Deck | None = None) -> Deck:
    """A deck of `size` cards made by recombining the text of `base` (the bundled deck)."""
    base = base or load(DEFAULT_DECK)
    rng = random.Random(seed)
    terms = [c.term for c in base.cards if c.kind.value == "definition"]
    term_words = [w for t in terms for w in re.findall(r"[\w-]+", t)]
    pieces = [
        piece.strip()
        for c in base.cards
        for piece in re.split(r"(?<=[.;:])\s+|,\s+", c.definition)
        if len(piece.split()) >= 3
    ]
    topics = tuple(
        Topic(id=f"domain-{n}", name=f"Domain {n}", weight=w)
        for n, w in enumerate((0.2, 0.24, 0.36, 0.2), start=1)
    )
    tag_pool = sorted({tag for c in base.cards for tag in c.tags}) or ["general"]
    cards = []
    seen: set[str] = set()
    n = 0
    while len(cards) < size:
        n += 1
        words = rng.sample(term_words, rng.randint(1, 3))
        term = " ".join(words) + f" {n}"  # the number keeps terms distinct
        if term in seen:
            continue
        seen.add(term)
        definition = " ".join(rng.sample(pieces, rng.randint(1, 3)))
        topic = rng.choices(topics, weights=[t.weight or 0 for t in topics])[0].id
        tags = rng.sample(tag_pool, rng.randint(0, 2))
        cards.append(
            make_card(term, definition, id=f"card-{n}", topic=topic, tags=tags, kind="definition")
        )
    return Deck(
        id=f"synthetic-{size}", title=f"Synthetic {size}", cards=tuple(cards), topics=topics
    )
