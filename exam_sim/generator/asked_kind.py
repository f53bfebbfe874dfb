"""What kind of answer a question asks for, as its question word says: a person ("Who
wrote 1984?"), a place ("Where was Napoleon born?") or a thing ("What is the hardest
natural substance?").

A guesser who knows nothing of the subject knows that much of every question: "Who
founded the Mongol Empire?" is not answered by "Karakorum", however many words its own
question shares with it ("Which city was the capital of the Mongol Empire?"), nor "What is
the hardest natural substance?" by "Charles Darwin". So the wrong options of a question
asking for a person are answers to questions asking for one, and those of a question
asking for a thing answer no question asking for a person, when the deck has enough of
them (`QuestionGenerator._distractors`); asked from its answer, the same holds of the
questions offered. Each kind is a ladder of tests, the first that leaves enough wrong
options taken (`draw.of_one_shape`): beside "Where…?", answers to "Where…?", else any
but a person; beside "Who…?", answers to "Who…?", else any but a thing or a place.

Only question words that say the kind whatever follows them are read, and in English the
word after "Which"/"What" when it names a kind and nothing else ("Which queen…", "Which
city…"; not "Which state…", a TCP deck's); in other languages such a question asks for
no kind we know. A question opening with "What" that says "who" further on ("What is the
name of the man who…") asks for a person as likely as not: no kind either. Pure, like
the rest of the generator.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable
from typing import Literal

from exam_sim.generator.index import DeckIndex
from exam_sim.lexicon import ARTICLES

AskedKind = Literal["person", "place", "thing"]
PERSON: AskedKind = "person"
PLACE: AskedKind = "place"
THING: AskedKind = "thing"

# First words asking for a person, by language, folded as `norm` folds them ("¿Quién…?"
# reads "quien"). Not the Italian "chi": it is the Greek letter that opens "Chi-square
# test…?" in a statistics deck, and would ask it for a person.
PERSON_WORDS = frozenset({
    "who", "whom", "whose",  # English
    "wer", "wen", "wem", "wessen",  # German
    "qui",  # French
    "quien", "quienes",  # Spanish
    "quem",  # Portuguese
    "кто", "кого", "кому", "кем",  # Russian
    "kto", "kogo", "komu",  # Polish
    "kdo",  # Czech
})  # fmt: skip
# The same after a preposition ("To whom…?", "By whom…?", "¿A quién…?", "Von wem…?",
# "С кем…?"): read as the second word. Not "who", which titles hold ("Doctor Who"), nor
# "qui" ("Ce qui…" is no question about a person).
AFTER_PREPOSITION = frozenset({
    "whom", "whose", "wem", "wen", "wessen", "quien", "quienes", "quem",
    "кого", "кому", "кем", "kogo", "komu",
})  # fmt: skip
# English "Which…?" / "What…?" says the kind in its next word when that word names one
# ("Which queen…?", "What city…?"). Only words that name nothing else are read: not
# "state" ("Which state does a TCP connection enter…?"), "capital" (a finance deck's),
# "general" ("Which general rule…?") or "ruler".
PERSON_NOUNS = frozenset(
    (  # noqa: SIM905 (a word list reads best as text)
        "person man woman king queen emperor empress pharaoh tsar czar sultan pope "
        "president chancellor monarch prophet saint scientist physicist chemist "
        "mathematician philosopher author writer poet novelist playwright painter artist "
        "sculptor composer explorer inventor actor actress singer"
    ).split()
)
PLACE_NOUNS = frozenset({"city", "town", "village", "country", "nation", "island", "continent"})
WHICH_WORDS = frozenset({"which", "what"})
# Written anywhere in the question: Chinese, Japanese and Korean put the question word
# where the answer goes, often last ("…是谁?", "…は誰ですか").
PERSON_SIGNS = ("谁", "誰", "だれ", "누구")
# First words asking for a place: English, German, French, Spanish, Italian, Portuguese,
# Russian, Polish, Czech ("¿Dónde…?" reads "donde"; "Where" first only: "Wo", "Où"…).
PLACE_WORDS = frozenset({
    "where", "wo", "wohin", "woher", "ou", "donde", "adonde", "dove", "onde", "aonde",
    "где", "куда", "gdzie", "kde",
})  # fmt: skip
PLACE_SIGNS = ("哪里", "哪儿", "どこ", "어디")
# First words asking for a thing ("Que" opens French, Spanish and Portuguese questions).
THING_WORDS = frozenset({"what", "que", "cosa", "что"})
THING_SIGNS = ("什么", "何")
# Per index: each card's kind asked for, a byte a card (a 1M-card bank's in 1 MB).
_KINDS: weakref.WeakKeyDictionary[DeckIndex, bytes] = weakref.WeakKeyDictionary()
_CODES: dict[AskedKind, int] = {PERSON: 1, PLACE: 2, THING: 3}  # 0: no kind we know


def asked_kind(question: str) -> AskedKind | None:
    """The kind of answer a question asks for, read from `norm`'s text of it (folded words
    joined by single spaces), or None when its words do not say."""
    first, _, rest = question.partition(" ")
    second = rest.partition(" ")[0]
    # `norm` spaces out every ideograph and kana: the signs are read without the spaces.
    signs = question.replace(" ", "") if not question.isascii() else ""
    if (
        first in PERSON_WORDS
        or second in AFTER_PREPOSITION
        or any(sign in signs for sign in PERSON_SIGNS)
    ):
        return PERSON
    if first in PLACE_WORDS or any(sign in signs for sign in PLACE_SIGNS):
        return PLACE
    if first in WHICH_WORDS and second in PERSON_NOUNS:
        return PERSON
    if first in WHICH_WORDS and second in PLACE_NOUNS:
        return PLACE
    if first in THING_WORDS or any(sign in signs for sign in THING_SIGNS):
        # "What is the name of the man who…": a person as likely as not.
        return None if PERSON_WORDS.intersection(rest.split()) else THING
    return None


def of_asked_kind(ix: DeckIndex, i: int) -> tuple[Callable[[int], bool], ...]:
    """Tests of whether card j could stand beside question card i as an answer of its kind
    (`asked_kind`), strictest first: the first that leaves enough wrong options is used.
    () when i's question asks for no kind we know. Beside a question asking for a
    person, a card asking for one, else any but a thing or a place; beside a place, a
    place, else any but a person; beside a thing, any but a person ("What is the capital
    of France?" asks for a place as much as a thing). An answer opening with an article
    ("The Civil War") is no person's name, whatever its question ("Which war…?") asks:
    asked from it, the questions offered ask for no person either."""
    mine = asked_kind(ix.term_norm[i])
    if mine is None and ix.def_norm[i].partition(" ")[0] in ARTICLES:
        mine = THING
    if mine is None:
        return ()
    kinds = _kinds(ix)
    person, place, thing = _CODES[PERSON], _CODES[PLACE], _CODES[THING]
    if mine is PERSON:
        return (lambda j: kinds[j] == person, lambda j: kinds[j] not in (place, thing))
    if mine is PLACE:
        return (lambda j: kinds[j] == place, lambda j: kinds[j] != person)
    return (lambda j: kinds[j] != person,)


def _kinds(ix: DeckIndex) -> bytes:
    """Each card's kind asked for, a byte a card (once per index): its `_CODES`, or 0
    (no question, or no kind we know)."""
    known = _KINDS.get(ix)
    if known is None:
        codes = bytearray(ix.n)
        norms = ix.term_norm
        for j in itertools.compress(range(ix.n), ix.is_question):
            kind = asked_kind(norms[j])
            if kind is not None:
                codes[j] = _CODES[kind]
        known = _KINDS[ix] = bytes(codes)
    return known
