"""Question quality: our generator against two baselines, side by side.

    .venv/bin/python benchmarks/quality.py [DECK …] [--seeds 10] [--options 4] [--large-path]

DECK is a bundled id, library id or path (default: both bundled decks' ids and every deck
in tests/data). Every card is asked in every direction it allows, with seeds
0..seeds-1, by three generators:

- ours;
- random: any other card of the same kind, unmasked;
- naive: the options-1 cards whose definitions are nearest the key's by
  `fuzz.token_set_ratio` (what "distractors by text similarity" gives with no care).

The validity checks are written independently of the generator's own rules (looser name
matching, their own reading of overlapping definitions), so a bug there shows up here:

- invalid: wrong option count, repeated option text, key missing or present twice, answer
  index not on the key, an empty option (an option of no other card is valid only as a
  comparison's sides wrongly paired, as an acronym's made expansion: the same words'
  initials as the key's, some other words; one that is some card's definition counts as a
  second answer; or as a number's made neighbour: the key with one of its numbers changed,
  a date's year among them; one that a card of the key's meaning answers counts as a
  second answer);
- second answers: a distractor whose card's side fills the stem's blanks, each with one
  to four words ("The Palace of Versailles" for "The ____ of Versailles"); one that is
  the key under another name (alias, spelling
  variant, plural; a reading of Han characters is none, `exam_sim.text.is_reading`, nor a
  spelling that differs by its marks in a deck that writes them, `writes_marks`), whose
  definition nearly equals or contains the key's (or the other way round), gives one of
  the key's meanings alike (a piece between commas or semicolons, of at most four words,
  commas in brackets not counted: "to take" in "to carry, to take; to wear" and "to take,
  to grab", or one alike but for a bracket that says which sense: "paragraph" and
  "paragraph (passage in text)"), says every number of a definition of numbers alone ("22"
  in "22 (over SSH)"), `related` to it, or a cross-reference card between the two; a
  verb's glosses ("to work") and a noun's ("work; job") are two words, whatever they
  share, and of two definitions saying the same stems, one that says a negation and one
  that does not are opposites ("by mouth", "nothing by mouth"); whatever stems they share,
  one denying a word the other says ("changes not yet committed", "the commit history";
  the judge's own list of negations in the test decks' languages), two frequencies of one
  unit ("every hour", "every 4 hours": `wording.frequencies_differ`) and two sides of one
  thing ("before meals", "after meals") are two; and two that say other
  numbers, in digits or words, are two ("one (native)", "two (native)"; the generator's
  list of number words, `wording.numbers_said`), as are two glosses (three stems at most)
  opening with two persons ("I speak", "we speak"; the core's pronouns,
  `contrasts.persons_apart`) or one word's singular and plural ("the horse", "the
  horses") or each saying a word the other does not, no other spelling
  of it ("The number of heartbeats per minute", "… breaths …"; a word and the word an
  opening denies are no spellings: "Typical antipsychotic", "Atypical …"); names alike only once a
  plural is undone ("POP3S", "POP3") are two where such definitions tell them apart, or
  where neither definition's stems hold the other's ("qh", "every hour"; "qhs", "every
  night at bedtime"). A name or a definition written as code, no space and a sign in it,
  is read whole (`code_name`: "C++" is not "C", "\\d" not "\\D", "(abc)" not
  "(?:abc)", "O(n)" not "O(n!)"); two short definitions the same but for the particles
  of a verb are two ("Zoom in", "Zoom out"; "Save", "Save as"); an enumeration closed
  by "and" or "or" is no list of meanings ("a, b or c"); "non-" denies.
  Stems are read without the usage labels a piece opens with ("(poetic, formal or dated)
  eagle" says "eagle", as "eagle, (heraldry) eagle" does: one thing);
- leaks: the key's term or an alias shows in the stem (definition → term) or in the right
  option (term → definition); "eliminable" counts distractors the stem rules out by naming
  them (or that name the asked term), by a call ("find()" for str.find(sub)), by a name
  or a short one, written as a name: a
  name without opening words three terms or more say, that no other term says ("Athena"
  for Amazon Athena, "Glue Data Catalog" for AWS Glue Data Catalog), or that the key's
  definition names other than inside the key's own names, where a blank now hides a word
  of them ("see also ____ etiquetado" for *ejemplo etiquetado*, the key *ejemplo*), or
  that the stem says by a name of two content words or more in other word forms, stem for
  stem ("a group of decision trees" in Hindi, where the plural changes the word);
- blank in key: share of items whose right option carries a blank;
- on-topic: share of distractors from the key's topic, over keys whose topic has at least
  2 × options cards that could be their options (answer → question: question cards, the
  only ones that can be options; a question asking for a person or a place, or answered
  by a bare number: cards of that kind; a short answer: cards whose answers open as it
  does, `topic_supply`);
- on-tag: for a key without a topic that has tags (a deck scored by its tags), share of
  distractors sharing a tag with it (the random column is what chance gives);
- plausibility: where each distractor ranks by likeness of meaning to the key (cosine of
  idf-weighted word stems of term and definition), as a percentile: 1.00 = always the
  nearest card, 0.50 = what random picks get. "raw" ranks it among all the deck's other
  cards; "admissible" among the cards that could be wrong options at all (not a second
  right answer by the checks above; where definitions are options, not one that names its
  own term or only says "see X"), and scores 0 a distractor that could not be one: a
  second right answer or an option that gives itself away is not a plausible wrong option.
  Cards equally alike share their mean rank (in a deck of numbers most share no stem with
  the key). The verdict reads the admissible figure, over the cards both generators gave
  other cards as wrong options (an acronym's made expansions are no card to rank);
- variety: distinct distractor sets per card over the seeds;
- shallow solvers that know nothing (`exam_sim.generator.cues`, ties share the credit),
  and two that know grammar: where cards carry a label three or more write alike, at the
  end of the term or the start of the definition ("abate (v.)", "(adj.) severe or
  strict"), a guess among the options labelled as the key is (a learner tells "to lessen
  in intensity" is a verb); asked "Who…?", a guess among the options answering other
  "who" questions, asked "What…?" (saying no "who" further on), among the others (an
  English reading of its own). Chance is 1/options.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import re
import statistics
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from _decks import ROOT, load
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

import exam_sim.generator.index as index_module
from exam_sim.acronyms import acronyms_in
from exam_sim.card_names import readings
from exam_sim.generator import BLANK, GeneratorError, QuestionGenerator
from exam_sim.generator.comparisons import labelled_answer
from exam_sim.generator.contrasts import (
    BARE_LEAST,
    BARE_PREFIXES,
    CONTRASTS,
    PREFIX_PAIRS,
    PREFIXED_LEAST,
    number_apart,
    persons_apart,
)
from exam_sim.generator.cues import SOLVERS, solve
from exam_sim.generator.wording import frequencies_differ, numbers_said
from exam_sim.lexicon import (
    ARTICLES,
    Lexicon,
    cross_reference_target,
    norm,
    writes_marks,
)
from exam_sim.models import Card, Deck, Direction, Question
from exam_sim.term_labels import GENDER_LABELS
from exam_sim.text import fold, is_formula, is_reading
from exam_sim.usage_labels import LABEL_WORDS

DEFAULT_DECKS = ["aws-ml-specialty", "aws-mla-c01"]
KIND_SOLVER = "an option of the key's kind (label)"
ASKED_SOLVER = "an option of the kind asked (who, what)"
FORM_SOLVER = "an option of the key's form (word part)"
# English question words that ask for a person; "what" asks for a thing unless the
# question says "who" further on ("What is the name of the man who…").
PERSON_ASKED = ("who", "whom", "whose")
# A few English nouns after "which" / "what" that name a kind ("Which queen…?", "Which
# city…?"): the judge's own short list.
KIND_NOUNS = {
    "person": {"king", "queen", "emperor", "president", "scientist", "author", "painter"},
    "place": {"city", "town", "country", "island", "continent"},
}
DATA = ROOT / "tests" / "data"
DECK_SUFFIXES = {".txt", ".csv", ".tsv", ".toml"}
SHORT = {
    Direction.DEFINITION_TO_TERM: "def→term",
    Direction.TERM_TO_DEFINITION: "term→def",
    Direction.QUESTION_TO_ANSWER: "q→answer",
    Direction.ANSWER_TO_QUESTION: "answer→q",
    Direction.TRUE_FALSE: "true/false",
}
WHO = ("ours", "random", "naive")
SOLVER_LIMIT = 0.35
BLANK_LIMIT = 0.05


# Files in tests/data that need reader options (as tests/test_real_decks.py loads them).
READER_OPTIONS = {
    "eo-espdic-excerpt.txt": {"term_separator": " : "},
    "decks-quizlet.txt": {"term_separator": " - ", "card_separator": ";"},
}


def default_decks() -> list[str]:
    files = sorted(p for p in DATA.iterdir() if p.suffix in DECK_SUFFIXES)
    return [*DEFAULT_DECKS, *(str(p) for p in files)]


def load_spec(spec: str) -> Deck:
    options = READER_OPTIONS.get(Path(spec).name)
    if options:
        from exam_sim.decks import load_deck

        return load_deck(spec, **options)
    return load(spec)


# --------------------------------------------------------------- independent checks


# Scripts written without spaces between words (kana, ideographs, Thai, Lao, Myanmar,
# Khmer): a name there is found inside a run of letters, vowel signs and all.
_SPACELESS = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)


def name_pattern(name: str) -> re.Pattern[str] | None:
    """Matches the name in folded text with any separators between its characters, and an
    optional plural: deliberately looser than the generator's own matcher. In a script
    without spaces, anywhere, as written."""
    folded = " ".join(fold(name).split())
    if _SPACELESS.search(folded):
        return re.compile(re.escape(folded)) if len(folded) >= 2 else None
    compact = re.sub(r"[\W_]+", "", fold(name))
    if len(compact) < 2:
        return None
    body = r"[\s\-_./']?".join(re.escape(ch) for ch in compact)
    return re.compile(rf"(?<![^\W_]){body}(?:e?s)?(?![^\W_])")


# Signs a code's name is written with: the judge's own reading of "C++", "\\d", "(abc)".
_CODE_SIGNS = re.compile(r"[+#*&@%$\\()\[\]{}<>^|~=?!:]")


def code_name(name: str) -> str | None:
    """A name or text written as code (no space, a sign and a letter or digit in it),
    whole, in lower case but for a letter after a backslash: "c++" is not "c", "\\d"
    not "\\D", "(abc)" not "[abc]", "o(n)" not "o(n!)". None for any other text."""
    name = name.strip()
    if " " in name or not _CODE_SIGNS.search(name) or not re.search(r"[^\W_]", name):
        return None
    return re.sub(r"(?<!\\)[^\W\d_]", lambda m: m[0].lower(), name)


def names_of(card: Card) -> list[str]:
    if code_name(card.term) is not None:
        return list(card.names)  # a code's name is one: "(abc)" is no alias "abc"
    parts = re.split(r"\s+(?:vs\.?|v\.s\.?|versus|&|\+)\s+", card.term, flags=re.IGNORECASE)
    # A parenthesis glued to the word before it is notation, part of the name, as the deck
    # formats say ("any(iterable)", "Tf(x)"), not another name.
    inner = re.findall(r"(?:^|(?<=\s))\(([^()]+)\)", card.term)
    outer = " ".join(re.sub(r"(?:^|(?<=\s))\([^()]*\)", " ", card.term).split())
    # A reading is no name: homophones share one ("他 (tā)", "她 (tā)"), as the core says.
    inner = [p for p in inner if not is_reading(outer, p)]
    if any(is_reading(p, outer) for p in inner):  # "tā (他)"
        outer = ""
    extra = [p for p in (*parts, *inner, outer) if len(p) > 2 and p != card.term]
    return [*card.names, *extra]


def mentions(text: str, card: Card, *, with_parts: bool = True) -> bool:
    folded = fold(text)
    for name in names_of(card) if with_parts else card.names:
        pattern = name_pattern(name)
        if pattern and pattern.search(folded):
            return True
    return False


def spans(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """Where these names occur in the folded text (`name_pattern`)."""
    folded = fold(text)
    patterns = [p for p in map(name_pattern, names) if p is not None]
    return [m.span() for p in patterns for m in p.finditer(folded)]


def named_apart(definition: str, card: Card, key: Card) -> bool:
    """Does the key's definition name the card other than inside one of the key's own
    names or acronyms? Blanked in part ("see also ____ etiquetado" for *ejemplo
    etiquetado*, the key *ejemplo*) or whole, the stem still speaks of it as another."""
    found = spans(definition, card.names)
    if not found:
        return False
    own = spans(definition, [*names_of(key), *acronyms_in(key.term)])
    return any(not any(a <= s and e <= b for a, b in own) for s, e in found)


def says_in_other_forms(text: str, card: Card, lexicon: Lexicon) -> bool:
    """Does the text say a name of the card of two content words or more in other word
    forms, stem for stem, the text's stop words passed over ("decision trees' group")?"""
    stop = lexicon.stopwords
    said = [lexicon.stem(w) for w in norm(text).split() if w not in stop]
    for name in card.names:
        wanted = [lexicon.stem(w) for w in norm(name).split() if w not in stop]
        size = len(wanted)
        if size >= 2 and any(said[k : k + size] == wanted for k in range(len(said) - size + 1)):
            return True
    return False


def short_name_patterns(card: Card, said: Counter[str], terms: list[str]) -> list[re.Pattern[str]]:
    """The card's names without opening words three terms or more say ("Athena" for Amazon
    Athena), where what is left opens with a capital, has a word fewer terms say, and no
    other term says it; matched as written, after no capitalised word but a common one."""
    patterns: dict[str, re.Pattern[str]] = {}  # by tail: names may share one
    for name in card.names:
        if "(" in name:
            continue
        tokens = name.split()
        for k in range(1, len(tokens)):
            opening = re.findall(r"\w+", fold(tokens[k - 1]))
            if not opening or any(said[w] < 3 for w in opening):
                break
            tail = " ".join(tokens[k:])
            folded = re.findall(r"\w+", fold(tail))
            rare = [w for w in folded if said[w] < 3 and len(w) > 2 and not w.isdigit()]
            spaced = " " + " ".join(folded) + " "
            if tail[:1].isupper() and rare and sum(spaced in t for t in terms) == 1:
                patterns[tail] = re.compile(rf"(?<!\w){re.escape(tail)}s?(?!\w)")
    return list(patterns.values())


def says_short_name(text: str, patterns: list[re.Pattern[str]], said: Counter[str]) -> bool:
    for pattern in patterns:
        for match in pattern.finditer(text):
            before = text[: match.start()].rstrip()
            word = before.split()[-1] if before else ""
            inner_capital = any(ch.isupper() for ch in match.group()[1:])
            if word[:1].isupper() and word[-1:].isalnum() and said[fold(word)] < 3:
                continue  # the end of a longer name: another card's
            line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
            if (not line.strip(" -*•0123456789.)") or before[-1] in ".!?:") and not inner_capital:
                continue  # a capital that opens a sentence says nothing
            return True
    return False


def points_at(card: Card, other: Card) -> bool:
    target = cross_reference_target(card.definition)
    return target is not None and any(fold(name) == target for name in other.names)


def glosses(definition: str) -> frozenset[str]:
    """The pieces of a word list between commas and semicolons, folded ("to carry", "to
    take", "to wear"): such a list gives each of its meanings so."""
    # A comma inside brackets separates no gloss: "(noun ending, singular)" is one.
    unbracketed = re.sub(r"\([^()]*\)", lambda m: re.sub("[,;]", " ", m.group()), definition)
    pieces = [fold(piece).strip(" .") for piece in re.split(r"[,;]", unbracketed)]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2 or any(len(p.split()) > 4 for p in pieces):
        return frozenset()  # not a word list: a sentence's pieces are not its meanings
    if _ENUMERATION_END.search(re.sub(r"\([^()]*\)", "", unbracketed.split(",")[-1])):
        return frozenset()  # "red, green and blue": one enumeration, no list of meanings
    return frozenset(pieces)


# The last item of an enumeration, the judge's reading: "… and blue", "… or c".
_ENUMERATION_END = re.compile(r"(?:^|\s)(?:and|or|y|o|et|ou|und|oder)\s+\S", re.I)
# Particles of a phrasal verb ("zoom in", "zoom out"; "save", "save as"), the judge's list.
_PARTICLES = frozenset(
    "in out up down on off over back away as through around about along".split()  # noqa: SIM905
)


def particles_apart(definition: str, other: str) -> bool:
    """Two short definitions (40 characters at most) whose words are the same but for
    the particles of a verb, other ones ("Zoom in", "Zoom out"; "Save", "Save as"): two
    actions."""
    if max(len(definition), len(other)) > 40:
        return False
    words, other_words = _WORD.findall(fold(definition)), _WORD.findall(fold(other))
    bare = [w for w in words if w not in _PARTICLES]
    other_bare = [w for w in other_words if w not in _PARTICLES]
    return bare == other_bare and set(words) != set(other_words)


def bare_glosses(definition: str) -> frozenset[str]:
    """The pieces of a word list (or a short definition, whole) that close on a bracket,
    folded without it: "paragraph" for "paragraph (passage in text)". The bracket says
    which sense; a card giving the bare word gives every sense of it."""
    hidden = re.sub(r"\([^()]*\)", lambda m: re.sub("[,;]", "\0", m.group()), definition)
    found = set()
    for piece in re.split(r"[,;]", hidden):
        if len(piece.split()) > 8:
            return frozenset()  # a sentence's pieces are not its meanings
        if m := re.fullmatch(r"\s*([^()]*?\S)\s*\([^()]*\)[\s.]*", piece):
            found.add(fold(m[1]).strip(" ."))
    return frozenset(f for f in found if f)


def said_glosses(definition: str) -> frozenset[str]:
    """`glosses`, or a short definition (four words at most) whole, folded."""
    whole = fold(definition).strip(" .")
    return glosses(definition) or (
        frozenset({whole}) if 0 < len(whole.split()) <= 4 else frozenset()
    )


# A bracket a piece of a definition opens with: "(dated) lawyer", "(my) older brother".
_OPENING_BRACKET = re.compile(r"(^|[,;]\s*)\(([^()]+)\)\s*(?=[^\s,;()])")


def unlabelled(definition: str) -> str:
    """The definition without the usage labels its pieces open with ("(dated) lawyer"; a
    label's every word one of the generator's `LABEL_WORDS`, a list of data shared with
    the judge; "(my) older brother" says whose, and keeps it): the judge's reading."""

    def dropped(m: re.Match[str]) -> str:
        said = re.findall(r"[^\W\d_]+", m.group(2).casefold())
        return m.group(1) if said and all(w in LABEL_WORDS for w in said) else m.group()

    return _OPENING_BRACKET.sub(dropped, definition)


def verb_gloss(definition: str) -> bool | None:
    """Is a list of short glosses all verbs ("to speak; to say"), none ("work; job"), or
    either (None: mixed, or a sentence)?"""
    pieces = [p.strip() for p in re.split(r"[,;]", re.sub(r"\([^()]*\)", "", definition))]
    pieces = [p for p in pieces if p]
    if not pieces or any(len(p.split()) > 4 for p in pieces):
        return None
    verbs = {p.lower().startswith("to ") for p in pieces}
    return None if len(verbs) > 1 else verbs.pop()


# English negations, the judge's own list (the generator's is `wording.NEGATIONS`).
NEGATIONS = ("not", "no", "non", "nothing", "never", "without", "none", "nor", "cannot", "negated")
_NEGATION = re.compile(rf"\b(?:{'|'.join(NEGATIONS)})\b", re.I)


def denies(definition: str) -> bool:
    """Does an English definition say a negation ("not", "no", "nothing", "without")?"""
    return bool(_NEGATION.search(definition))


# Words that deny the word after them, in the languages of the test decks, the judge's own.
_DENYING = frozenset(NEGATIONS) | {"sin", "nunca", "sans", "jamais", "ohne", "nicht", "kein"}


def denied_words(definition: str, stopwords: frozenset[str]) -> set[str]:
    """The words a definition denies (the first after a negation that is no stop word,
    "yet" and "longer" skipped: "changes not yet committed", "trained without a
    connection") and says nowhere undenied."""
    said = _WORD.findall(fold(definition))
    denied, at = set(), set()
    for n, word in enumerate(said):
        if word in _DENYING:
            after = [k for k in range(n + 1, min(n + 4, len(said)))
                     if said[k] not in stopwords and said[k] not in _DENYING
                     and said[k] not in ("yet", "longer", "even", "ever", "be")]  # fmt: skip
            if after and said[after[0]] not in ("only", "solo", "seulement", "nur"):
                denied.add(said[after[0]])
                at.add(after[0])
    return denied - {w for k, w in enumerate(said) if k not in at}


def two_sides(definition: str, other: str) -> bool:
    """Do two definitions say two sides of one thing: their words of four letters or more
    ("no", "un" aside) read the same once each side of a contrast is read as the contrast
    ("left" and "right" as left/right; "positiva" and "negativa"), and only so? The core's
    word list (`contrasts.CONTRASTS`), read by the judge's own rule. A false negative's
    definition and a false positive's are then two facts, not one written twice."""
    mine = [w for w in _WORD.findall(fold(definition)) if len(w) > 3]
    theirs = [w for w in _WORD.findall(fold(other)) if len(w) > 3]
    if mine == theirs:
        return False
    return sorted(map(_contrast_of, mine)) == sorted(map(_contrast_of, theirs))


def _contrast_of(word: str) -> str:
    """A word as the contrast it is a side of: a listed pair's, or what follows one of the
    core's openings ("hyper|tension", "de|compress"; the bare "compress" too)."""
    if word in _SIDES:
        return _SIDES[word]
    for opening in _OPENINGS:
        if word.startswith(opening) and len(word) - len(opening) >= PREFIXED_LEAST:
            return "~" + word[len(opening) :]
    return "~" + word if len(word) >= BARE_LEAST else word


_SIDES = {word: "/".join(sorted(pair)) for pair in CONTRASTS for word in pair}
_OPENINGS = sorted({o for pair in PREFIX_PAIRS for o in pair} | set(BARE_PREFIXES), key=len)[::-1]
_WORD = re.compile(r"[^\W_]+")


# Openings that deny an English word, the judge's own list: "atypical", "unlabeled".
_DENYING_OPENINGS = ("a", "an", "un", "in", "im", "il", "ir", "non", "dis")


def _negated(word: str, other: str) -> bool:
    """Is one word the other with an opening that denies it ("typical", "atypical")?"""
    short, long = sorted((word, other), key=len)
    return long.endswith(short) and long[: len(long) - len(short)] in _DENYING_OPENINGS


def affirmed(stems: frozenset[str]) -> frozenset[str]:
    """The stems but a negation's ("noth" of "nothing")."""
    return frozenset(s for s in stems if not any(w.startswith(s) for w in NEGATIONS))


def compact_forms(card: Card, marks: bool = False, *, spoken: bool = False) -> set[str]:
    """The card's names compacted; with their marks (`marks`: the deck writes them, so
    "schön" is not "schon") or folded. With `spoken`, how its names are read instead
    ("tā" for "他 (tā)": `exam_sim.card_names.readings`)."""
    said = [r for name in card.names for r in readings(name)]
    return forms_of(said if spoken else names_of(card), marks)


def forms_of(names: Sequence[str], marks: bool = False, *, plurals: bool = True) -> set[str]:
    """`names` compacted, as `compact_forms` compacts a card's (with `plurals`, also
    without a plural ending)."""
    forms = set()
    for name in names:
        if (code := code_name(name)) is not None:
            forms.add(code)
            continue
        written = unicodedata.normalize("NFC", name.casefold()) if marks else fold(name)
        compact = re.sub(r"[\W_]+", "", written)
        forms.add(compact)
        # A plural ending, but an acronym's capital S: LDAPS is no plural of LDAP.
        if plurals and not re.search(r"[A-Z]{2,}S$", name):
            forms |= {compact.removesuffix("s"), compact.removesuffix("es")}
    return {f for f in forms if len(f) >= 2}


def sense_words(deck: Deck, marks: bool, stopwords: frozenset[str]) -> dict[str, set[str]]:
    """Per card whose term says one sense of a word in a final parenthesis, where another
    term says another and no card is the word bare ("to know (facts)", "to know
    (people)"), the forms of the word and the sense: no names of it, two senses are two
    things. Not a reading ("九 (きゅう)"), nor another name in the parenthesis ("(RER)",
    `_names`); an abbreviation outside keeps its spelled-out sense as a name. Senses
    told apart by `stopwords` alone are one ("region of Italy", "region in Italy")."""
    said: dict[str, tuple[str, str]] = {}
    for card in deck.cards:
        match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", card.term)
        if match and not is_reading(match[1], match[2]) and not _names(match[2], match[1]):
            said[card.id] = (match[1].strip(), match[2].strip())
    senses: dict[str, set[frozenset[str]]] = {}
    for word, sense in said.values():
        content = frozenset(fold(sense).split())
        senses.setdefault(fold(word), set()).add(content - stopwords or content)
    bare = {fold(card.term) for card in deck.cards}
    words = {word for word, given in senses.items() if len(given) >= 2 and word not in bare}
    return {
        cid: forms_of([word] if _abbreviated(word) else [word, sense], marks)
        for cid, (word, sense) in said.items()
        if fold(word) in words
    }


def _abbreviated(name: str) -> bool:
    """ "SVM", "k-NN"; "S3", "M1" (a capital and digits)."""
    upper = sum(ch.isupper() for ch in name)
    digits = any(ch.isdigit() for ch in name) and not any(ch.islower() for ch in name)
    return " " not in name and (upper >= 2 or (upper == 1 and digits and name.isalnum()))


def _names(inner: str, outer: str) -> bool:
    """Is a parenthesis another name of what is outside it: words of it ("Amazon S3
    (S3)"), or an abbreviation made of its words' initials ("Rough endoplasmic reticulum
    (RER)")? "Bias (ML)" is not: it says a sense."""
    words = re.findall(r"[^\W_]+", fold(outer))
    if f" {fold(inner)} " in f" {' '.join(words)} ":
        return True
    initials = "".join(w[0] for w in words)
    letters = [ch for ch in fold(inner.removesuffix("s")) if ch.isalpha()]
    found = iter(initials)
    return _abbreviated(inner) and bool(letters) and all(ch in found for ch in letters)


class Judge:
    """Second-answer and plausibility checks for one deck."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.cards = {c.id: c for c in deck.cards}
        self.marks = writes_marks([c.term for c in deck.cards])
        self.definitions = {fold(c.definition) for c in deck.cards}
        self.terms_said: dict[str, list[str]] = {}
        self.definitions_said: dict[str, list[str]] = {}
        for c in deck.cards:
            self.terms_said.setdefault(fold(c.term), []).append(c.id)
            self.definitions_said.setdefault(fold(c.definition), []).append(c.id)
        terms = [" " + " ".join(re.findall(r"\w+", fold(c.term))) + " " for c in deck.cards]
        self.said = Counter(w for t in terms for w in set(t.split()))
        self.short_names = {c.id: short_name_patterns(c, self.said, terms) for c in deck.cards}
        # A name three cards or more answer to tells none apart: a label of a kind ("(adj.)"
        # in "abate (adj.)"), no name; read here from the names, not from the parentheses.
        holders = Counter(form for c in deck.cards for form in compact_forms(c, self.marks))
        self.labels = {form for form, count in holders.items() if count >= 3}
        # Each card's kind: the term's final parenthesis, or the one its definition opens
        # with, where three cards or more write it alike ("abate (v.)", "(v.) to lessen").
        ends = {
            c.id: fold(m[1])
            for c in deck.cards
            if (
                m := re.search(r"\(([^()]+)\)\s*$", c.term)
                or re.match(r"\(([^()]+)\)", c.definition)
            )
        }
        shared = {e for e, count in Counter(ends.values()).items() if count >= 3}
        # A gender ("le vase (m)") is no kind a stem's grammar tells: "the mud" says none.
        shared -= GENDER_LABELS
        self.kind = {cid: end for cid, end in ends.items() if end in shared}
        self.lexicon = Lexicon.for_texts(f"{c.term}\n{c.definition}" for c in deck.cards)
        self.senses = sense_words(deck, self.marks, self.lexicon.stopwords)
        self.def_stems = {c.id: self.lexicon.stems(unlabelled(c.definition)) for c in deck.cards}
        self.glosses = {c.id: glosses(c.definition) for c in deck.cards}
        self.bare_glosses = {c.id: bare_glosses(c.definition) for c in deck.cards}
        self.said_glosses = {c.id: said_glosses(c.definition) for c in deck.cards}
        self.numbers = {
            c.id: frozenset(re.findall(r"\d+(?:[.,]\d+)?", c.definition)) for c in deck.cards
        }
        self.numbers_said = {
            c.id: numbers_said(fold(c.definition), self.lexicon.language) for c in deck.cards
        }
        stems = {c.id: self.lexicon.stems(f"{c.term} {c.definition}") for c in deck.cards}
        df = Counter(s for bag in stems.values() for s in bag)
        n = len(deck.cards)
        self.vectors = {}
        for cid, bag in stems.items():
            vector = {s: math.log((1 + n) / (1 + df[s])) for s in bag}
            length = math.sqrt(sum(w * w for w in vector.values())) or 1.0
            self.vectors[cid] = {s: w / length for s, w in vector.items()}
        self._ranks: dict[str, dict[str, float]] = {}
        self._order: dict[str, list[tuple[float, str]]] = {}
        self._admissible_ranks: dict[tuple[str, Direction], dict[str, float]] = {}

    def names(self, text: str, card: Card, *, with_parts: bool = True) -> bool:
        """Does the text name the card: by a name (`mentions`), or by its short name
        written as a name ("Athena": Amazon Athena)?"""
        return mentions(text, card, with_parts=with_parts) or says_short_name(
            text, self.short_names[card.id], self.said
        )

    def same_thing(self, a: Card, b: Card) -> bool:
        if a.id in b.related or b.id in a.related:
            return True
        if points_at(a, b) or points_at(b, a):
            return True
        names_a = compact_forms(a, self.marks) - self.labels - self.senses.get(a.id, set())
        names_b = compact_forms(b, self.marks) - self.labels - self.senses.get(b.id, set())
        # Names alike only once a plural is undone ("POP3S", "POP3"; "hablas", "habla";
        # "qhs", "qh") are two words where the definitions say other numbers or persons,
        # or neither holds the other's stems ("every night at bedtime", "every hour").
        if names_a & names_b and not (
            forms_of(names_of(a), self.marks, plurals=False).isdisjoint(
                forms_of(names_of(b), self.marks, plurals=False)
            )
            and (self.two_facts(a, b) or not self.contained(a, b))
        ):
            return True
        # A reading is no name, but a card named by the sound alone ("tā") is either of
        # the cards read so (他 "he", 她 "she").
        spoken_a = compact_forms(a, self.marks, spoken=True)
        if spoken_a & names_b or names_a & compact_forms(b, self.marks, spoken=True):
            return True
        # Two formulas are one only when they are written alike: "EV - AC" is not "EV /
        # AC", nor "(BAC - EV) / (BAC - AC)" "(BAC - EV) / (EAC - AC)".
        if is_formula(a.definition) and is_formula(b.definition):
            return fold(a.definition) == fold(b.definition)
        written_a, written_b = map(self.written, (a.definition, b.definition))
        if written_a is not None and written_b is not None:
            return written_a == written_b  # code too: "O(n)" is not "O(n!)", nor "O(VE)"
        stems_a, stems_b = self.def_stems[a.id], self.def_stems[b.id]
        if denies(a.definition) != denies(b.definition) and affirmed(stems_a) == affirmed(stems_b):
            return False  # "by mouth", "nothing by mouth": opposites, not one thing
        if self.said_apart(a, b):
            return False
        verbs = {verb_gloss(a.definition), verb_gloss(b.definition)}
        if stems_a and stems_b and (stems_a <= stems_b or stems_b <= stems_a):
            return verbs != {True, False}  # "to work" is not "work; job": two words
        # A definition of numbers alone ("22") is said by one that gives the same numbers
        # ("22 (over SSH)"): both answer "port 22".
        numbers_a, numbers_b = self.numbers[a.id], self.numbers[b.id]
        if (not stems_a and numbers_a and numbers_a <= numbers_b) or (
            not stems_b and numbers_b and numbers_b <= numbers_a
        ):
            return True
        if self.glosses[a.id] & self.glosses[b.id]:
            return True  # one meaning given alike: "to take" by llevar and by coger
        if self.said_glosses[a.id] & self.bare_glosses[b.id] or (
            self.bare_glosses[a.id] & self.said_glosses[b.id]
        ):
            return True  # "paragraph" and "paragraph (passage in text)": one sense
        if self.words_swapped(a, b):
            return False  # "…heartbeats per minute", "…breaths…": another word, short
        return fuzz.ratio(fold(a.definition), fold(b.definition)) >= 90

    @staticmethod
    def written(definition: str) -> str | None:
        """A definition of code or a formula as it is written (`code_name`, or folded with
        its operators), None for any other."""
        return code_name(definition) or (fold(definition) if is_formula(definition) else None)

    def contained(self, a: Card, b: Card) -> bool:
        """Does one definition's stem set hold the other's?"""
        stems_a, stems_b = self.def_stems[a.id], self.def_stems[b.id]
        return stems_a <= stems_b or stems_b <= stems_a

    def said_apart(self, a: Card, b: Card) -> bool:
        """Do two definitions, whatever stems they share, say two things: other numbers,
        in words or digits ("one (native)", "two (native)"), other frequencies ("every
        hour", "every 4 hours"), a word one denies and the other says ("changes not yet
        committed", "the commit history"), two persons of one verb ("I speak", "we
        speak"), two sides of one thing ("left"/"right", "before meals"/"after
        meals"), or one verb with two particles ("Zoom in", "Zoom out")?"""
        said_a, said_b = self.numbers_said[a.id], self.numbers_said[b.id]
        return (
            (
                bool(said_a and said_b and said_a != said_b)
                and self.unnumbered(a) == self.unnumbered(b)
            )
            or frequencies_differ(fold(a.definition), fold(b.definition), self.lexicon.language)
            or self.denied_apart(a, b)
            or self.persons_apart(a, b)
            or two_sides(a.definition, b.definition)
            or particles_apart(a.definition, b.definition)
        )

    def denied_apart(self, a: Card, b: Card) -> bool:
        """Does one definition deny a word whose stem the other says undenied?"""
        stems = self.lexicon.stems
        stop = self.lexicon.stopwords
        for one, other in ((a, b), (b, a)):
            denied = denied_words(one.definition, stop)
            if denied and stems(" ".join(denied)) & (
                self.def_stems[other.id] - stems(" ".join(denied_words(other.definition, stop)))
            ):
                return True
        return False

    def words_swapped(self, a: Card, b: Card) -> bool:
        """Two short definitions (three stems at most) each saying a word the other does
        not, and no other spelling of it ("beekeeper", "bee keeper"): two facts."""
        stems_a, stems_b = self.def_stems[a.id], self.def_stems[b.id]
        if max(len(stems_a), len(stems_b)) > 3 or not (stems_a - stems_b and stems_b - stems_a):
            return False
        words_a, words_b = _WORD.findall(fold(a.definition)), _WORD.findall(fold(b.definition))
        only_a = "".join(w for w in words_a if w not in words_b)
        only_b = "".join(w for w in words_b if w not in words_a)
        return only_a != only_b and (
            _negated(only_a, only_b)  # "typical" / "atypical": opposites, no spelling
            or not (min(len(only_a), len(only_b)) >= 5 and OSA.distance(only_a, only_b) <= 1)
        )

    def two_facts(self, a: Card, b: Card) -> bool:
        """Do two definitions say other numbers (in digits or words) or persons?"""
        said_a, said_b = self.numbers_said[a.id], self.numbers_said[b.id]
        return bool(said_a and said_b and said_a != said_b) or self.persons_apart(a, b)

    def persons_apart(self, a: Card, b: Card) -> bool:
        """Two glosses (three stems at most) opening with two persons ("I speak", "we
        speak": the core's list of pronouns, `contrasts.persons_apart`), or saying one
        word in the singular and the plural ("the horse", "the horses")."""
        return max(len(self.def_stems[a.id]), len(self.def_stems[b.id])) <= 3 and (
            persons_apart(a.definition, b.definition, self.lexicon.language)
            or number_apart(a.definition, b.definition)
        )

    def unnumbered(self, card: Card) -> frozenset[str]:
        """The definition's stems but those of the numbers it writes in words ("three")."""
        said = self.numbers_said[card.id]
        return (
            frozenset(
                s for s in self.def_stems[card.id] if not numbers_said(s, self.lexicon.language)
            )
            if said
            else self.def_stems[card.id]
        )

    def _nearest(self, key: str) -> list[tuple[float, str]]:
        """Every other card with its likeness of meaning to `key`, nearest first."""
        order = self._order.get(key)
        if order is None:
            mine = self.vectors[key]
            scores = sorted(
                (-sum(w * self.vectors[c].get(s, 0.0) for s, w in mine.items()), c)
                for c in self.vectors
                if c != key
            )
            order = self._order[key] = [(-score, c) for score, c in scores]
        return order

    def percentile(self, key: str, other: str) -> float:
        """Where `other` ranks among every other card by likeness of meaning to `key`."""
        ranks = self._ranks.get(key)
        if ranks is None:
            ranks = self._ranks[key] = _percentiles(self._nearest(key))
        return ranks[other]

    def admissible(self, key: Card, other: Card, direction: Direction) -> bool:
        """Could `other` be a wrong option at all: not a second right answer, and (where
        definitions are the options) a definition that neither names its own term nor
        only points at another card?"""
        if self.same_thing(key, other):
            return False
        if direction.options_are_fronts:
            return True
        return not mentions(other.definition, other) and (
            cross_reference_target(other.definition) is None
        )

    def admissible_percentile(self, key: str, other: str, direction: Direction) -> float:
        """Where `other` ranks among the cards that could be wrong options for `key` (by
        likeness of meaning); 0 for one that could not (a second right answer, or an
        option that gives itself away)."""
        ranks = self._admissible_ranks.get((key, direction))
        if ranks is None:
            card = self.cards[key]
            order = [(score, c) for score, c in self._nearest(key)
                     if self.admissible(card, self.cards[c], direction)]  # fmt: skip
            ranks = self._admissible_ranks[key, direction] = _percentiles(order)
        return ranks.get(other, 0.0)


def _percentiles(order: list[tuple[float, str]]) -> dict[str, float]:
    """Each card's place in `order` (likeness, card; nearest first) as 1 - rank / last; cards
    equally alike share their mean rank. Ranked by card id, ties (the many cards sharing no
    stem with the key, in a deck of numbers or symbols) gave a generator whose picks sort
    early in the alphabet a plausibility it had not earned."""
    last = max(len(order) - 1, 1)
    ranks: dict[str, float] = {}
    for _, tied in itertools.groupby(enumerate(order), key=lambda placed: placed[1][0]):
        group = list(tied)
        mean = sum(n for n, _ in group) / len(group)
        ranks.update((card, 1 - mean / last) for _, (_, card) in group)
    return ranks


def invalid(q: Question, options: int, marks: bool = False) -> bool:
    """Is the item malformed? Option texts repeat when they read alike folded, or, in a
    deck that writes marks, alike with their marks ("ma" and "má" are two words)."""
    want = 2 if q.direction is Direction.TRUE_FALSE else options
    # An option of signs alone ("&&") reads as its signs; an option of nothing is invalid.
    texts = [code_name(o) or fold(o) or " ".join(o.split()) for o in q.options]
    if len(q.options) != want or any(not t for t in texts):
        return True
    if marks:
        texts = [" ".join(unicodedata.normalize("NFC", o.casefold()).split()) for o in q.options]
    if q.direction is Direction.TRUE_FALSE:
        return set(q.option_card_ids) != {q.card_id}
    return (
        len(set(texts)) != len(texts)
        or q.option_card_ids[q.answer] != q.card_id
        # The key's card on another option: only as its answer's sides wrongly paired (a
        # comparison answered side by side): the same labels, the descriptions moved or
        # borrowed from other cards.
        or any(
            card_id == q.card_id
            and n != q.answer
            and not _same_labels(q, q.options[n])
            and not _made_expansion(q, q.options[n])
            and not _made_number(q, q.options[n])
            for n, card_id in enumerate(q.option_card_ids)
        )
    )


# A number as the judge reads it: digits, with any separators.
_A_NUMBER = re.compile(r"-?\d[\d,.]*")
_WORDS_AROUND = 24  # characters around the numbers of a made option, at most


def _made_number(q: Question, option: str) -> bool:
    """Is this wrong option a number made for a number's question: the key written again
    with its numbers changed ("9" for "7", "100 °C" → "90 °C", a date's year: "15 June
    1230" for "15 June 1215", a range's ends: "40–80" for "60–100"), a few words around
    them at most? (Whether it is the answer of a card that is the key's too, `audit`
    asks.)"""
    key, made = q.options[q.answer].strip(), option.strip()
    key_numbers, made_numbers = _A_NUMBER.findall(key), _A_NUMBER.findall(made)
    around = _A_NUMBER.sub("#", key)
    return (
        bool(key_numbers)
        and len(key_numbers) == len(made_numbers)
        and len(around) - len(key_numbers) <= _WORDS_AROUND
        and fold(around) == fold(_A_NUMBER.sub("#", made))
        and any(a != b for a, b in zip(key_numbers, made_numbers, strict=True))
    )


def _made_expansion(q: Question, option: str) -> bool:
    """Is this wrong option an expansion made for an acronym's question: the stem a token
    of capitals, the key and the option words with the same initials, one word or more
    not the key's? (Whether it is some card's definition, a second answer, `audit` asks.)"""
    compact = re.sub(r"\W", "", q.stem)
    if not q.stem.strip() or " " in q.stem.strip() or sum(c.isupper() for c in compact) < 2:
        return False
    key, made = q.options[q.answer].split(), option.split()
    return (
        len(key) == len(made)
        and [fold(w)[:1] for w in key] == [fold(w)[:1] for w in made]
        and fold(option) != fold(q.options[q.answer])
    )


def _same_labels(q: Question, option: str) -> bool:
    term = q.stem  # asked from its term only: the stem is the term (masked parts aside)
    key, other = labelled_answer(term, q.options[q.answer]), labelled_answer(term, option)
    return key is not None and other is not None and key.labels == other.labels


# --------------------------------------------------------------- baselines


def _baseline_question(
    card: Card, direction: Direction, picked: list[Card], label: str, seed: int
) -> Question:
    if direction.options_are_fronts:
        stem, texts = card.definition, [c.term for c in picked]
    else:
        stem, texts = card.term, [c.definition for c in picked]
    return Question(
        id=f"{label}:{card.id}:{seed}",
        card_id=card.id,
        topic=card.topic,
        direction=direction,
        stem=stem,
        options=tuple(texts),
        option_card_ids=tuple(c.id for c in picked),
        answer=next(n for n, c in enumerate(picked) if c.id == card.id),
    )


def _others(deck: Deck, card: Card, options: int) -> list[Card]:
    others = [c for c in deck.cards if c.id != card.id and c.kind == card.kind]
    if len(others) < options - 1:
        others = [c for c in deck.cards if c.id != card.id]
    return others


def random_question(
    deck: Deck, card: Card, direction: Direction, seed: int, options: int
) -> Question:
    """What picking any other card gives: no masking, no exclusions."""
    rng = random.Random(f"{seed}:{card.id}:{direction.value}")
    picked = [card, *rng.sample(_others(deck, card, options), options - 1)]
    rng.shuffle(picked)
    return _baseline_question(card, direction, picked, "random", seed)


def naive_question(
    deck: Deck, card: Card, direction: Direction, seed: int, options: int
) -> Question:
    """The options-1 nearest definitions by token_set_ratio: no masking, no exclusions."""
    others = _others(deck, card, options)
    nearest = process.extract(
        fold(card.definition), [fold(c.definition) for c in others],
        scorer=fuzz.token_set_ratio, limit=options - 1,
    )  # fmt: skip
    picked = [card, *(others[n] for _, _, n in nearest)]
    random.Random(f"naive:{seed}:{card.id}").shuffle(picked)
    return _baseline_question(card, direction, picked, "naive", seed)


# --------------------------------------------------------------- report


class Tally:
    def __init__(self) -> None:
        self.items = 0
        self.failed = 0
        self.invalid = 0
        self.ambiguous = 0
        self.leaks = 0
        self.eliminable = 0
        self.blank_key = 0
        self.on_topic = [0, 0]
        self.on_tag = [0, 0]
        # By asked card: the verdict compares generators over the cards both gave other
        # cards as wrong options (an acronym's made expansions are no card to rank).
        self.plausible_by_card: dict[str, list[float]] = {}
        self.raw_plausible: list[float] = []
        self.solver: dict[str, list[float]] = defaultdict(list)
        self.sets: dict[str, set[frozenset[str]]] = defaultdict(set)

    @property
    def plausible(self) -> list[float]:
        """Every admissible percentile of every card's wrong options."""
        return [value for values in self.plausible_by_card.values() for value in values]


def audit(
    judge: Judge, q: Question, tally: Tally, options: int, topics: dict[str | None, list[Card]]
) -> None:
    cards = judge.cards
    key = cards[q.card_id]
    tally.items += 1
    if invalid(q, options, judge.marks):
        tally.invalid += 1
        return
    if q.direction is Direction.TRUE_FALSE:
        return
    distractors = [cards[c] for c in q.option_card_ids if c != q.card_id]
    tally.ambiguous += sum(judge.same_thing(key, d) for d in distractors)
    # A made expansion that is some card's definition: a second answer ("Data Recovery"
    # for DR when a card says DR is that too).
    tally.ambiguous += sum(
        _made_expansion(q, o) and fold(o) in judge.definitions
        for o, card_id in zip(q.options, q.option_card_ids, strict=True)
        if card_id == q.card_id
    )
    # A made number that another card of the key's meaning answers: "2" made for "1"
    # where both cards say "pain".
    sides = judge.terms_said if q.direction.options_are_fronts else judge.definitions_said
    tally.ambiguous += sum(
        judge.same_thing(key, cards[other])
        for n, (o, card_id) in enumerate(zip(q.options, q.option_card_ids, strict=True))
        if card_id == q.card_id and n != q.answer and _made_number(q, o)
        for other in sides.get(fold(o), ())
    )
    # A wrong option whose card's side fills the stem's blanks answers it too ("The Palace
    # of Versailles" for "The ____ of Versailles").
    if BLANK in q.stem:
        side = "definition" if q.direction.options_are_fronts else "term"
        tally.ambiguous += sum(fills_blanks(q.stem, getattr(d, side)) for d in distractors)
    right = q.options[q.answer]
    tally.blank_key += BLANK in right
    if q.direction.options_are_fronts:
        tally.leaks += judge.names(q.stem, key)
        tally.eliminable += sum(
            judge.names(q.stem, d, with_parts=False)
            or named_apart(key.definition, d, key)
            or says_in_other_forms(q.stem, d, judge.lexicon)
            or calls_card(q.stem, d.term)
            for d in distractors
        )
    else:
        # A comparison answered side by side names its sides in every pairing of them, the
        # key's and the wrong ones: no option gives itself away by them.
        paired = any(
            card_id == q.card_id and n != q.answer for n, card_id in enumerate(q.option_card_ids)
        )
        tally.leaks += (key.kind.value != "question") and not paired and judge.names(right, key)
        # A wrong pairing of the key's own sides names them as the key does: not eliminable.
        # A wrong answer the question says elsewhere is not what it asks ("nucleus" for
        # "A nucleus divides into two identical nuclei in ____.").
        asked = fold(q.stem) if q.direction is Direction.QUESTION_TO_ANSWER else ""
        tally.eliminable += sum(
            judge.names(o, key)
            or calls_card(o, key.term)
            or bool(asked and (pattern := name_pattern(o)) and pattern.search(asked))
            for o, card_id in zip(q.options, q.option_card_ids, strict=True)
            if card_id != q.card_id
        )
    if key.topic is not None and topic_supply(key, q.direction, topics) >= 2 * options:
        tally.on_topic[0] += sum(d.topic == key.topic for d in distractors)
        tally.on_topic[1] += len(distractors)
    if key.topic is None and key.tags:
        tally.on_tag[0] += sum(not set(d.tags).isdisjoint(key.tags) for d in distractors)
        tally.on_tag[1] += len(distractors)
    tally.raw_plausible.extend(judge.percentile(key.id, d.id) for d in distractors)
    admissible = [judge.admissible_percentile(key.id, d.id, q.direction) for d in distractors]
    if admissible:
        tally.plausible_by_card.setdefault(key.id, []).extend(admissible)
    for name, credit in solve(q, judge.lexicon).items():
        tally.solver[name].append(credit)
    # A learner who tells the stem's kind by its grammar ("to lessen…" is a verb) guesses
    # among the options labelled as the key is ("abate (v.)").
    kinds = [judge.kind.get(card_id, "") for card_id in q.option_card_ids]
    tally.solver[KIND_SOLVER].append(1 / kinds.count(kinds[q.answer]))
    tally.solver[ASKED_SOLVER].append(asked_guess(q, cards, options))
    # One who tells a word part by its shape ("hyper-", "-itis", "cardi/o") and the form
    # the stem asks for ("lung": a root) guesses among the options of the key's form.
    forms = [word_part(option) for option in q.options]
    tally.solver[FORM_SOLVER].append(1 / forms.count(forms[q.answer]))
    tally.sets[q.card_id].add(frozenset(d.id for d in distractors))


def calls_card(text: str, term: str) -> bool:
    """Does `text` call, as code does, the card whose term is a call ("find()" or
    "str.find(x)" for "str.find(sub)")? Read apart from the generator's `calls`."""
    called = re.match(r"\s*([A-Za-z_][\w.]*)\(", term)
    if not called or not term.rstrip().endswith(")"):
        return False
    name = called[1].lower()
    said = {c.lower() for c in re.findall(r"(?<![\w.])([A-Za-z_][\w.]*)\(", text)}
    return any(c in (name, name.split(".")[-1]) or name.endswith("." + c) for c in said)


def fills_blanks(stem: str, text: str) -> bool:
    """Does `text` read as `stem` with each blank filled by one to four words (compared
    folded, punctuation aside; "a(n)" before a blank reads "a" or "an")?"""
    pieces = [re.findall(r"\w+", fold(p)) for p in stem.split(BLANK)]
    said = re.findall(r"\w+", fold(text))
    if not any(pieces):
        return False
    pattern = r" (?:\w+ ){1,4}".join(re.sub(r"\ba n$", "an?", " ".join(p)) for p in pieces)
    return re.fullmatch(f" ?{pattern} ?", " " + " ".join(said) + " ") is not None


def topic_supply(key: Card, direction: Direction, topics: dict[str | None, list[Card]]) -> int:
    """How many cards of the key's topic (itself included) could be its options, as the
    on-topic rate counts them: asked from its answer, question cards; for a question
    asking for a person or a place ("Who…?", "Where…?"), those asking for one; for an
    answer that is a bare number, those answered by one; for another short answer,
    those whose answers open as it does ("The Mayflower" among "The Civil War"). A topic
    that has too few of the key's kind cannot keep its options on topic and of its kind
    at once: the kind comes first (a place among people is struck out at a glance; one
    from another era is not)."""
    members = topics[key.topic]
    if direction is Direction.ANSWER_TO_QUESTION:
        members = [c for c in members if c.kind.value == "question"]
    if key.kind.value != "question":
        return len(members)
    kind = asked_kind(key.term)
    if kind in ("person", "place"):
        return sum(asked_kind(c.term) == kind for c in members)
    if re.fullmatch(r"[\d.,]+", key.definition.strip()):
        return sum(bool(re.fullmatch(r"[\d.,]+", c.definition.strip())) for c in members)
    if direction is Direction.QUESTION_TO_ANSWER and len(key.definition.split()) <= 4:
        return sum(_opening_class(c.definition) == _opening_class(key.definition) for c in members)
    return len(members)


def _opening_class(text: str) -> str:
    """What a short answer opens with, as a glance reads it: an article, a number, "to",
    or a content word (the shape a short key's options keep to)."""
    first = (re.findall(r"\w+", fold(text)) or [""])[0]
    if first in ARTICLES:
        return "article"
    return "number" if first.isdigit() else "to" if first == "to" else "word"


def word_part(text: str) -> str:
    """The form of a word part as the judge reads it: "prefix-", "-suffix", "-infix-",
    "root/o"; "" for any other text (capitals: "Cl-" is an ion)."""
    text = text.strip()
    if not text.islower() or " " in text:
        return ""
    if re.fullmatch(r"-\w+-", text):
        return "infix"
    if re.fullmatch(r"\w+-", text):
        return "prefix"
    if re.fullmatch(r"-\w+", text):
        return "suffix"
    return "combining form" if re.fullmatch(r"\w+/[aeiou]", text) else ""


def asked_kind(question: str) -> str | None:
    """The kind asked: "person" for a question opening with who/whom/whose or with
    "which"/"what" and a person's noun, "place" for one opening with "where" or "which"/
    "what" and a place's noun, "thing" for one opening with "what" that says no "who"
    further on, else None (read independently of the generator's `asked_kind`)."""
    said = re.findall(r"\w+", question.lower())
    if said[:1] and said[0] in PERSON_ASKED:
        return "person"
    if said[:1] == ["where"]:
        return "place"
    if said[:1] in (["which"], ["what"]) and len(said) > 1:
        if said[1] in KIND_NOUNS["person"]:
            return "person"
        if said[1] in KIND_NOUNS["place"]:
            return "place"
    if said[:1] == ["what"] and not set(said) & set(PERSON_ASKED):
        return "thing"
    return None


def asked_guess(q: Question, cards: dict[str, Card], options: int) -> float:
    """A guesser who reads the question word: "Who…?" is answered by a person (an answer
    to another "who" question), "What…?" by no person. Chance where the stem says neither,
    or asked from the answer (telling a person by name takes knowing the world)."""
    if q.direction is not Direction.QUESTION_TO_ANSWER:
        return 1 / options
    asked = asked_kind(q.stem)
    if asked is None:
        return 1 / options
    persons = [asked_kind(cards[c].term) == "person" for c in q.option_card_ids]
    fitting = [n for n, person in enumerate(persons) if person == (asked == "person")]
    if not fitting:
        return 1 / options
    return 1 / len(fitting) if q.answer in fitting else 0.0


def run(deck: Deck, seeds: int, options: int) -> dict[tuple[str, Direction], Tally]:
    generator = QuestionGenerator(deck, options=options)
    judge = Judge(deck)
    topics: dict[str | None, list[Card]] = defaultdict(list)
    for card in deck.cards:
        topics[card.topic].append(card)
    tallies: dict[tuple[str, Direction], Tally] = defaultdict(Tally)
    baselines = {"random": random_question, "naive": naive_question}
    for card in deck.cards:
        for direction in generator.directions_for(card.id):
            for seed in range(seeds):
                try:
                    q = generator.question(card.id, direction, seed=seed)
                except GeneratorError:
                    tallies["ours", direction].failed += 1
                    continue
                audit(judge, q, tallies["ours", direction], options, topics)
                if direction is Direction.TRUE_FALSE:
                    continue
                for who, make in baselines.items():
                    base = make(deck, card, direction, seed, options)
                    audit(judge, base, tallies[who, direction], options, topics)
    return tallies


def mean_or_none(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def report(deck: Deck, seeds: int, options: int) -> bool:
    tallies = run(deck, seeds, options)
    directions = [d for d in Direction if ("ours", d) in tallies]
    print(f"\n### {deck.title} ({deck.id}): {len(deck.cards)} cards, {options} options, "
          f"seeds 0–{seeds - 1}, chance {1 / options:.2f}\n")  # fmt: skip
    header = ["metric"] + [f"{SHORT[d]} {who}" for d in directions for who in WHO]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))

    def row(label: str, value: Callable[[Tally], str]) -> None:
        cells = [label]
        for d in directions:
            for who in WHO:
                tally = tallies.get((who, d))
                cells.append(value(tally) if tally and tally.items else "—")
        print("| " + " | ".join(cells) + " |")

    row("questions", lambda t: str(t.items))
    row("not buildable", lambda t: str(t.failed))
    row("invalid items", lambda t: str(t.invalid))
    row("second right answers", lambda t: str(t.ambiguous))
    row("stem leaks", lambda t: str(t.leaks))
    row("eliminable distractors", lambda t: str(t.eliminable))
    row("blank in the key", lambda t: fmt(t.blank_key / t.items))
    row(
        "on-topic distractors",
        lambda t: fmt(t.on_topic[0] / t.on_topic[1]) if t.on_topic[1] else "—",
    )
    row("on-tag distractors", lambda t: fmt(t.on_tag[0] / t.on_tag[1]) if t.on_tag[1] else "—")
    row("plausibility (admissible)", lambda t: fmt(mean_or_none(t.plausible)))
    row("plausibility (raw)", lambda t: fmt(mean_or_none(t.raw_plausible)))
    row("distinct sets / card", lambda t: fmt(mean_or_none([len(s) for s in t.sets.values()]), 1))
    for name in (*SOLVERS, KIND_SOLVER, ASKED_SOLVER, FORM_SOLVER):
        row(f"solver: {name}", lambda t, n=name: fmt(mean_or_none(t.solver[n])))
    problems = verdict(tallies, directions, seeds)
    print(f"\nverdict: {'FAIL: ' + '; '.join(problems) if problems else 'PASS'} (0 invalid / "
          f"second answers / leaks / eliminable distractors, every solver ≤ {SOLVER_LIMIT} "
          f"where a direction has ≥ 20 cards, blank in the key < {BLANK_LIMIT:.0%} of items, "
          "on-topic ≥ 0.80, plausibility ≥ naive − 0.02 where a direction has ≥ 20 cards)"
          )  # fmt: skip
    from quality_sets import report_sets  # the generated multiple-response and matching items

    set_problems = report_sets(deck, seeds) if len(deck.cards) >= 6 else []
    print(f"\nverdict (multiple response, matching): "
          f"{'FAIL: ' + '; '.join(set_problems) if set_problems else 'PASS'} (0 invalid / "
          f"second answers, every solver ≤ {SOLVER_LIMIT} where ≥ 20 items)")  # fmt: skip
    return not problems and not set_problems


def verdict(tallies: dict, directions: list[Direction], seeds: int) -> list[str]:
    problems = []
    items = blanks = 0
    for d in directions:
        ours = tallies["ours", d]
        items += ours.items
        blanks += ours.blank_key
        if d is Direction.TRUE_FALSE:
            continue
        name = SHORT[d]
        for what, count in (("invalid", ours.invalid), ("second answers", ours.ambiguous),
                            ("leaks", ours.leaks), ("eliminable", ours.eliminable)):  # fmt: skip
            if count:
                problems.append(f"{name} {what} {count}")
        if ours.items >= 20 * seeds:  # too few items for a solver rate to mean anything
            for solver, scores in ours.solver.items():
                if scores and statistics.fmean(scores) > SOLVER_LIMIT:
                    problems.append(f"{name} {solver} {statistics.fmean(scores):.2f}")
        if ours.on_topic[1] and ours.on_topic[0] / ours.on_topic[1] < 0.8:
            problems.append(f"{name} on-topic {ours.on_topic[0] / ours.on_topic[1]:.2f}")
        naive = tallies.get(("naive", d))
        shared = set(ours.plausible_by_card) & set(naive.plausible_by_card) if naive else set()
        if naive and shared and ours.items >= 20 * seeds:
            gap = _mean_over(naive.plausible_by_card, shared) - _mean_over(
                ours.plausible_by_card, shared
            )
            if gap > 0.02:
                problems.append(f"{name} plausibility {gap:.2f} below naive")
    if items and blanks / items >= BLANK_LIMIT:
        problems.append(f"blank in the key {blanks / items:.2f}")
    return problems


def _mean_over(by_card: dict[str, list[float]], cards: set[str]) -> float:
    return statistics.fmean(v for card in sorted(cards) for v in by_card[card])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("decks", nargs="*")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--options", type=int, default=4)
    parser.add_argument(
        "--large-path", action="store_true",
        help="build questions as for a deck of over 500 cards (sampled pools, word indexes), "
        "to judge that path on real decks, which are all smaller",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.large_path:
        index_module.FULL_SCAN_LIMIT = 0
    failed = []
    for spec in args.decks or default_decks():
        deck = load_spec(spec)
        if len(deck.cards) < args.options:
            print(f"\n### {deck.title} ({spec}): {len(deck.cards)} cards, too few to ask")
            continue
        if not report(deck, args.seeds, args.options):
            failed.append(deck.id)
    print(f"\noverall: {'FAIL on ' + ', '.join(failed) if failed else 'PASS on every deck'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
