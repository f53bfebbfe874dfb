"""What a term's final parenthesis says besides a name, read over the whole deck: a
kind, where many terms write it alike ("abate (v.)", "austere (adj.)": `Kinds`), or a
sense, where terms tell one word's senses apart ("to know (facts)", "to know (people)":
`qualified_names`). Neither is a name of the card."""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from exam_sim.text import FINAL_PARENTHESIS, final_parenthesis, fold

# A final parenthesis this many terms or more write alike is a label of a kind ("abate
# (v.)", "austere (adj.)"; "Amazon S3 (AWS)"), no name of each: a name tells one card from
# the others. Two may be one thing named twice; three that are all one thing are rare.
LABEL_TERMS = 3


def shared_labels(terms: Iterable[str]) -> frozenset[str]:
    """The folded texts of the final parentheses that LABEL_TERMS or more of `terms`
    write alike (where such a parenthesis would give a name: `split_aliases`), and those
    two terms of different names write alike, abbreviating neither ("Dijkstra (binary
    heap)", "Prim (binary heap)"; "Python (language)", "Java (language)"): a name of one
    thing written twice comes with one name twice, or spells out one of them ("Machine
    learning (ML)", "Statistical learning (ML)")."""
    ending = [term for term in terms if term.endswith(")")]  # most terms: skipped here
    labels = list(map(_final_label, ending))
    counts = Counter(labels)
    shared = _shared(counts)
    pairs = {label for label, count in counts.items() if label and count == 2}
    return shared.union(_qualifying(ending, labels, pairs)) if pairs else shared


def _qualifying(terms: list[str], labels: list[str], pairs: set[str]) -> set[str]:
    """The labels of `pairs` (each written by two of `terms`, `labels` theirs) whose two
    terms name two things: their names outside differ, and neither is abbreviated by it
    nor read by it (a reading two words share, "买 (mǎi)", "卖 (mài)", says no kind)."""
    outers: dict[str, list[str]] = {}
    for term, label in zip(terms, labels, strict=True):
        if label in pairs:
            outer, inner, reading = final_parenthesis(term)
            if outer and not reading and not abbreviates(inner, outer):
                outers.setdefault(label, []).append(fold(outer))
    return {label for label, names in outers.items() if len(set(names)) == 2}


def label_of(term: str, labels: frozenset[str]) -> str:
    """The label `term`'s final parenthesis gives, one of the deck's `labels`, or ""."""
    label = _final_label(term) if labels and term.endswith(")") else ""
    return label if label in labels else ""


def qualified_names(
    terms: Sequence[str], stopwords: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The folded names that two terms or more tell apart by a final parenthesis saying
    which sense ("to know (facts)", "to know (people)"; "bank (river)", "bank (money)"),
    and no term gives bare: two senses of one word are two cards, so the word names
    neither (`qualifier_split`). A card named by the bare word ("bank") is every sense of
    it, and the name stays everyone's. Senses that differ only by `stopwords` are one
    ("Abruzzo (region of Italy)", "Abruzzo (region in Italy)": `sense_key`)."""
    inners: dict[str, set[frozenset[str]]] = {}
    for term in filter(operator.methodcaller("endswith", ")"), terms):  # most: skipped
        outer, inner, reading = final_parenthesis(term)
        if outer and inner and not reading and not abbreviates(inner, outer):  # "(SVM)": a name
            inners.setdefault(fold(outer), set()).add(sense_key(inner, stopwords))
    shared = {outer for outer, said in inners.items() if outer and len(said) >= 2}
    if shared:  # then the terms that could fold to one: short enough
        longest = max(map(len, shared)) * 2 + 2
        shared.difference_update(fold(t) for t in terms if len(t) <= longest)
    return frozenset(shared)


def sense_key(sense: str, stopwords: frozenset[str]) -> frozenset[str]:
    """What a sense says, to tell two apart: its folded words but `stopwords` (all of
    them when it has nothing else)."""
    words = frozenset(fold(sense).split())
    return words - stopwords or words


def qualifier_split(term: str, qualified: frozenset[str]) -> tuple[str, ...]:
    """The spellings `term` carries that are no names of it, when it qualifies one of
    the deck's `qualified` names: that name, and the sense in its parenthesis ("to be",
    "permanent quality" of "to be (permanent quality)"), unless the name is an acronym,
    which its parenthesis spells out ("SVM (Support Vector Machines)")."""
    if not qualified or not term.endswith(")"):
        return ()
    outer, inner, reading = final_parenthesis(term)
    if reading or fold(outer) not in qualified:
        return ()
    return (outer,) if is_abbreviation(outer) else (outer, inner)


def abbreviates(inner: str, outer: str) -> bool:
    """Is `inner` an abbreviation of `outer`, so another name of it: its letters the
    initials of `outer`'s words in order, words between them allowed ("RER" of "Rough
    endoplasmic reticulum", "k-NN" of "k-nearest neighbours", "FMs" of "Factorization
    Machines"), or words of it ("Amazon S3 (S3)")? "Bias (ML)" says a sense."""
    words = re.split(r"[\s\-/]+", fold(outer))
    if f" {fold(inner)} " in f" {' '.join(words)} ":
        return True
    if not is_abbreviation(inner):
        return False
    letters = iter(w[0] for w in words if w)
    wanted = [ch for ch in fold(inner.removesuffix("s")) if ch.isalpha()]
    return bool(wanted) and all(ch in letters for ch in wanted)


def is_abbreviation(name: str) -> bool:
    """One word with two capitals or more ("SVM", "k-NN", "AWS"), or a capital and digits
    only ("S3", "M1": a digit counts a letter's repeats, as in "EC2")."""
    if " " in name:
        return False
    capitals = sum(ch.isupper() for ch in name)
    return capitals >= 2 or (
        capitals == 1
        and name.isalnum()
        and not any(map(str.islower, name))
        and any(map(str.isdigit, name))
    )


# A label a definition opens with: "(v.) to lessen in intensity".
_OPENING_LABEL = re.compile(r"\(([^()]{1,20})\)")


def shared_openings(definitions: Iterable[str]) -> frozenset[str]:
    """The folded labels that LABEL_TERMS or more of `definitions` open with ("(v.) …")."""
    opening = (d for d in definitions if d.startswith("("))  # most: skipped here
    return _shared(Counter(map(_opening_label, opening)))


def _final_label(term: str) -> str:
    """The folded text of `term`'s final parenthesis, or "": one that would give a name
    ("abate (v.)"), or one glued to the name, whose notation it is: a function's
    parameters ("any(iterable)", "set.add(x)"), which tell a learner what the stem's
    function takes as a part of speech tells what a word is."""
    match = FINAL_PARENTHESIS.match(term) if "(" in term else None  # most terms: skip the regex
    return fold(match["inner"].strip()) if match else ""


def _opening_label(definition: str) -> str:
    """The folded text of the parenthesis `definition` opens with, or ""."""
    match = _OPENING_LABEL.match(definition)
    return fold(match[1]) if match else ""


def _shared(counts: Counter[str]) -> frozenset[str]:
    """The labels, "" aside, written LABEL_TERMS times or more (`counts`: each label's)."""
    return frozenset(label for label, count in counts.items() if label and count >= LABEL_TERMS)


# Labels of a noun's gender ("le vase (m)", "la vase (f)"): labels, no names, but no kind:
# no grammar of the stem rules one out ("the mud" says no gender), so wrong options are not
# kept to the key's, the gender being what the learner is asked; and the meanings alone
# tell two words apart ("the vase", "the mud") or not ("the cat", "the female cat").
GENDER_LABELS = frozenset(
    {"m", "f", "masc", "fem", "masculine", "feminine", "neuter", "nt", "m pl", "f pl"}
)


class Kinds:
    """Each card's kind, where the deck writes one: a label its term ends with ("abate
    (v.)") or its definition opens with ("(v.) to lessen…") that LABEL_TERMS cards or more
    write alike. Two words of two kinds are never one thing, whatever their definitions
    share: a noun ("intense and passionate feeling") never answers for a verb ("to make an
    unpleasant feeling less intense"). Also the words the terms say senses of
    (`qualified`: `qualified_names`), and each term's other senses (`senses_beside`)."""

    def __init__(
        self,
        terms: Iterable[str],
        definitions: Iterable[str],
        stopwords: frozenset[str] = frozenset(),
    ) -> None:
        terms = terms if isinstance(terms, Sequence) else list(terms)
        self.term_labels = shared_labels(terms)  # no names either (`card_names.every_name`)
        self.qualified = qualified_names(terms, stopwords)  # no names either
        self._terms = terms
        self._senses: dict[str, frozenset[int]] | None = None
        self.openings = shared_openings(definitions)

    def of(self, term: str, definition: str) -> str:
        """The card's kind, or "" (a gender is none: `GENDER_LABELS`)."""
        kind = label_of(term, self.term_labels)
        if kind in GENDER_LABELS:
            return ""
        if kind or not self.openings or not definition.startswith("("):
            return kind
        label = _opening_label(definition)
        return label if label in self.openings else ""

    def no_names(self, term: str) -> frozenset[str]:
        """The folded spellings that name no card of this `term` (`card_names.every_name`):
        the deck's labels ("adj."), and the word and the sense it says one sense of ("to
        be", "permanent quality" of "to be (permanent quality)": `qualifier_split`)."""
        split = qualifier_split(term, self.qualified)
        return self.term_labels.union(map(fold, split)) if split else self.term_labels

    def senses_beside(self, i: int) -> frozenset[int]:
        """The positions of the other terms saying a sense of the word term i says a sense
        of ("to be (state)" beside "to be (permanent quality)"), where the deck has such."""
        if not self.qualified or not self._terms[i].endswith(")"):
            return frozenset()
        if self._senses is None:
            found: dict[str, set[int]] = {}
            for k, term in enumerate(self._terms):
                if split := qualifier_split(term, self.qualified):
                    found.setdefault(fold(split[0]), set()).add(k)
            self._senses = {name: frozenset(cards) for name, cards in found.items()}
        split = qualifier_split(self._terms[i], self.qualified)
        return self._senses[fold(split[0])] - {i} if split else frozenset()

    def apart(self, card: tuple[str, str], other: tuple[str, str]) -> bool:
        """Are two cards (term, definition) of two different kinds?"""
        kind = self.of(*card)
        return bool(kind) and self.of(*other) not in ("", kind)
