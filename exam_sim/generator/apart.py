"""Definitions whose stems overlap yet name two things, so that neither could answer for
the other: one rule for the index's "same thing" (`DeckIndex.definitions_alike`) and for
`check`'s definition-overlap, which reads the stems without the cards' own names; and
the same rule for two cards named alike (`two_meanings`), and for two short definitions
nearly alike as text (`words_swapped`)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from exam_sim.acronyms import expansions_apart
from exam_sim.generator.contrasts import NEGATIONS, contrast_apart, number_apart, persons_apart
from exam_sim.generator.synonyms import notes_apart, senses_apart, verbs_apart
from exam_sim.generator.wording import SHORT_DEFINITION, negation_apart
from exam_sim.gloss_words import particles_apart
from exam_sim.lexicon import Lexicon, compact, words
from exam_sim.text import is_notation
from exam_sim.usage_labels import labels_apart

if TYPE_CHECKING:
    from exam_sim.generator.index import DeckIndex


def told_apart(
    ix: DeckIndex, i: int, j: int, stems: frozenset[str], other_stems: frozenset[str]
) -> bool:
    """Do cards i and j, whose definitions' stems (`stems`, `other_stems`) overlap, still
    name two things:

    - a verb's glosses and a noun's ("to work", "work; job": `synonyms.verbs_apart`);
    - two acronyms spelled out ("Hypertext Transfer Protocol", "Simple Mail Transfer
      Protocol": `acronyms.expansions_apart`);
    - two kinds ("fervor (n.)", "assuage (v.)": `term_labels.Kinds`);
    - one word in two senses ("to return (go back)", "… (give back)": `senses_apart`),
      or two words with one note ("to fly (one direction, now)", "to go on foot (one
      direction, now)": `notes_apart`), or two registers ("thank you (formal)",
      "thanks (informal)": `usage_labels.labels_apart`);
    - opposites ("by mouth", "nothing by mouth": `wording.negation_apart`), and a
      thing and what falls short of it ("land surrounded by water", "land almost
      surrounded by water"); one denying what the other says ("staged changes not yet
      committed", "the commit history": `denial_apart`);
    - the two sides of one thing ("…the left ventricle", "…the right ventricle":
      `contrasts.contrast_apart`), or two persons of one verb in two glosses ("I
      speak", "we speak": `contrasts.persons_apart`; a sentence opening with "you" and
      one with "it" may say one thing), or one word's singular and plural ("the horse",
      "the horses": `contrasts.number_apart`)?"""
    definition, other = ix.definitions[i], ix.definitions[j]
    return (
        verbs_apart(definition, other)
        or expansions_apart(ix.cards[i], ix.cards[j], ix.lexicon.stopwords)
        or ix.kinds.apart((ix.terms[i], definition), (ix.terms[j], other))
        or senses_apart(definition, other, ix.lexicon.stopwords)
        or notes_apart(definition, other, ix.lexicon)
        or labels_apart(definition, other)
        or particles_apart(definition, other)
        or negation_apart(definition, other, stems, other_stems, ix.lexicon.language)
        or denial_apart(ix, i, j, stems, other_stems)
        or contrast_apart(definition, other, ix.lexicon.stopwords)
        or (
            max(len(stems), len(other_stems)) <= SHORT_DEFINITION  # glosses, not sentences
            and (
                persons_apart(definition, other, ix.lexicon.language)
                or number_apart(definition, other)
            )
        )
    )


def denial_apart(
    ix: DeckIndex, i: int, j: int, stems: frozenset[str], other_stems: frozenset[str]
) -> bool:
    """Does one definition deny a thing the other says, and the other not deny it ("Show
    staged changes not yet committed" / "Show the commit history"; "a feeling of worry,
    not fear" / "fear")? Then they say two things, whatever else they share. A negation
    denies the first word after it that is no stop word ("not yet committed", "nothing
    by mouth")."""
    denied, other_denied = _denied(ix, i), _denied(ix, j)
    return bool((denied - other_denied) & other_stems or (other_denied - denied) & stems)


def _denied(ix: DeckIndex, i: int) -> frozenset[str]:
    """The stems card i's definition denies (`denial_apart`)."""
    return _denied_in(ix.def_norm[i], ix.lexicon)


@functools.lru_cache(maxsize=1 << 14)  # read for each pair a card is in: remembered
def _denied_in(folded: str, lexicon: Lexicon) -> frozenset[str]:
    """The stems a folded definition denies, in the deck's `lexicon`."""
    said = folded.split()
    if NEGATIONS.isdisjoint(said):
        return frozenset()
    stopwords, stems = lexicon.stopwords, lexicon.stems
    denied: set[str] = set()
    denials: set[int] = set()  # the positions of the words denied
    for at, word in enumerate(said):
        if word not in NEGATIONS:
            continue
        for place in range(at + 1, min(at + 4, len(said))):
            after = said[place]
            if after in _NO_DENIAL:
                break
            if after not in stopwords and after not in NEGATIONS and after not in _DENIAL_FILLERS:
                denied |= stems(after)
                denials.add(place)
                break
    if not denied:
        return frozenset()
    # A word the definition also says undenied is not denied ("… y una etiqueta; sin
    # etiqueta, …": what it may or may not have).
    said_too = stems(" ".join(w for n, w in enumerate(said) if n not in denials))
    return frozenset(denied - said_too)


# Words between a negation and what it denies ("not yet committed", "no longer used"),
# and those after which it denies nothing ("not only … but …").
_DENIAL_FILLERS = frozenset(
    {"yet", "even", "ever", "necessarily", "quite", "really", "very", "longer", "more", "all",
     "always", "just", "be", "been", "being"}
)  # fmt: skip
_NO_DENIAL = frozenset({"only", "merely", "simply", "solo", "seulement", "nur"})


def two_meanings(ix: DeckIndex, i: int, j: int) -> bool:
    """Do the definitions of two cards named alike say two things, so that the names are
    two words and not one with a typo: something tells them apart (`told_apart`:
    "str.lstrip", "…without leading whitespace", and "str.rstrip", "…without trailing
    whitespace"; "affect", "to influence", and "effect", "a result")? Each is then the
    other's best wrong option. Definitions that merely share no word are no proof: "not
    at all, by no means" and "Absolutely not!" say one thing; but two glosses of one or
    two stems each, sharing none, and no one word spelled two ways, do ("the fish",
    "the poison": poisson, poison; "beekeeper", "abolitionist": abelisto, abolisto,
    `glosses_apart`). Two senses of a word the
    terms name apart ("Double angle (sine)", "Double angle (cosine)") are two things; so
    are two definitions saying other numbers ("methane", "CH4"; "ethane", "C2H6"), or
    alike but for marks the definitions write ("your", "tu"; "you", "tú"), or two
    formulas or code ("Derivative of e^x", "d/dx e^x = e^x"; "Derivative of a^x", "d/dx
    a^x = a^x ln a"; "O(V + E)", "O(VE)": a formula's identity is the whole of it); and
    names told apart by their signs are two names ("C", "C#": `text.name_signs`)."""
    if (
        j in ix.kinds.senses_beside(i)
        or ix.apart_by_signs(i, j)  # two names: "C" and "C#" are no typo
        or ix.numbers_differ(i, j)
        or ix.definitions_apart_by_marks(i, j)
    ):
        return True
    stems_i, stems_j = ix.def_stems(i), ix.def_stems(j)
    if not (stems_i and stems_j) or ix.cards[i].definition == ix.cards[j].definition:
        return False
    if stems_i != stems_j and is_notation(ix.definitions[i]) and is_notation(ix.definitions[j]):
        return True
    return told_apart(ix, i, j, stems_i, stems_j) or glosses_apart(ix, i, j, stems_i, stems_j)


# A gloss of this many stems at most names one thing ("the fish", "arid land").
GLOSS_STEMS = 2


def glosses_apart(
    ix: DeckIndex, i: int, j: int, stems: frozenset[str], other_stems: frozenset[str]
) -> bool:
    """Are two definitions glosses (GLOSS_STEMS stems at most) that share no stem and are
    no one word spelled two ways ("beeswax", "bee's wax")? Two words' meanings."""
    if max(len(stems), len(other_stems)) > GLOSS_STEMS or not stems.isdisjoint(other_stems):
        return False
    return not spelled_otherwise(ix.definitions[i], ix.definitions[j])


# The words two definitions say otherwise, joined, are one word spelled otherwise when
# they are at most this many edits apart (a swap of two letters one edit; `OSA`), the
# shorter this long, and the first letter kept (a variant or a slip of the pen keeps the
# letter a reader knows a word by): "beekeeper" / "bee keeper", "recieve" / "receive",
# "color" / "colour"; "Austria" / "Australia" (two edits), "cat" / "car" (short) and
# "mouse" / "house" are two words.
SPELLING_EDITS = 1
SPELLING_LEAST = 5


def spelled_otherwise(text: str, other: str) -> bool:
    """Are the words one text says and the other does not (each run joined) one word
    spelled two ways ("beeswax" / "bee's wax"), or none?"""
    said, other_said = words(text), words(other)
    one = "".join(w for w in said if w not in other_said)
    two = "".join(w for w in other_said if w not in said)
    return one == two or (
        min(len(one), len(two)) >= SPELLING_LEAST
        and one[0] == two[0]
        and OSA.distance(one, two, score_cutoff=SPELLING_EDITS) <= SPELLING_EDITS
    )


def words_swapped(ix: DeckIndex, i: int, j: int) -> bool:
    """Do two short definitions (SHORT_DEFINITION stems at most), nearly alike as text,
    each say a word the other does not, no other spelling of it, once each card's own
    names are blanked ("The number of heartbeats per minute" / "… breaths …"; "you
    (informal) speak" / "you (informal) eat")? Then they say two facts: in so few words,
    another word is another meaning, and the likeness is that of the words around it. A
    longer text with one word said otherwise may reword one fact ("sits" / "lies"), and
    stays one; two definitions alike once their names are blanked ("A view of the
    dictionary's ____", keys and values) are one question."""
    masked = [ix.masked_definition(k) for k in (i, j)]
    stems = [ix.lexicon.stems(text) for text in masked]
    if any(len(s) > SHORT_DEFINITION for s in stems) or not (
        stems[0] - stems[1] and stems[1] - stems[0]
    ):
        return False
    return not spelled_otherwise(*masked)


def inflected_apart(ix: DeckIndex, i: int, j: int) -> bool:
    """Do two cards share a name only as one word's inflections ("habla", "hablas": a
    plural undone, `masking.name_forms`) while their definitions say two things
    (`two_meanings`: "he/she speaks", "you (informal) speak")? Then they are two words,
    as two names one edit apart may be; a name they both say as written is one."""
    written = [set(map(compact, ix.names(k))) for k in (i, j)]
    return written[0].isdisjoint(written[1]) and two_meanings(ix, i, j)
