"""A name as a reader shortens it: without the words it shares with many of the deck's
names ("Athena" for Amazon Athena, "Glue Data Catalog" for AWS Glue Data Catalog).

A wrong option that says such a short name gives itself away as surely as one that says
the whole name: "Columnar file format… favoured by Athena, Glue and Spark" is not Amazon
Athena's definition, and a definition that says "Athena" is not asking for Amazon Athena.

Only a name's opening words are dropped, and only words that more than
`index.RARE_IN_TERMS` terms use and no stop word (a family name: "Amazon", "AWS",
"SageMaker"; not the head of a phrase, "conjunto de"). What is
left must still say something of its own (a word few terms use), must not open on a
stop word ("de entrenamiento" is no name of *conjunto de entrenamiento*), and must be
written with a capital: a short name counts where a text writes it as the term does,
as a name ("Model Monitor"), not as the words of a phrase ("a model monitor"). A term
written all in lower case ("gradient descent") has no short name.

A short name must be the card's alone: one that another card's term says ("RAN" of
*Cloud RAN*, the name of *Radio Access Network (RAN)*; "Edge Layer" of *Access Edge
Layer*, in *Aggregation Edge Layer*) names neither.

A code deck's names are shortened as calls: "find()" names *str.find(sub)*
(`generator/calls.py`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from exam_sim.generator.calls import called_name, calls
from exam_sim.generator.columns import POSTING_PREFIX
from exam_sim.lexicon import Memo, norm, singular, words

if TYPE_CHECKING:
    from exam_sim.generator.index import DeckIndex

MIN_LENGTH = 3  # characters: "ML" alone names nothing
_LINE_OPENERS = " \t-*•·>0123456789.)"  # what may stand before a line's first word


class ShortNames:
    """Each card's short names (made when first asked, remembered) and whether a text
    says one of them."""

    def __init__(self, ix: DeckIndex) -> None:
        self._ix = ix
        self._made: Memo[int, tuple[str, ...]] = Memo(self._make)
        self._called: Memo[int, str | None] = Memo(lambda i: called_name(ix.cards[i].term))
        self._padded_terms: list[str] | None = None  # a small deck's, " term ", for `in`

    def said_in(self, text: str, i: int) -> bool:
        """Does `text` say one of card i's short names as a name (`says_short_name`), or
        call it as code does ("find()" for str.find(sub): `calls.calls`)?"""
        shorts = self._made[i]
        if shorts and says_short_name(text, shorts, self._ix.common_term_words):
            return True
        called = self._called[i] if "(" in text else None
        return called is not None and calls(text, called)

    def _make(self, i: int) -> tuple[str, ...]:
        ix = self._ix
        common, stopwords = ix.common_term_words, ix.lexicon.stopwords
        # The cheap test first: names read from the term (with or without its brackets)
        # have no word of their own when the term has none.
        if len(ix.cards[i].names) == 1 and not any(
            _says_its_own(w, common, stopwords) for w in ix.term_norm[i].split()
        ):
            return ()
        made = short_names(ix.names(i), common, stopwords)
        return tuple(short for short in made if not self._said_by_another(i, norm(short)))

    def _said_by_another(self, i: int, folded: str) -> bool:
        """Does another card's term say these folded words, in this order?"""
        saying = self.terms_saying(folded)
        return saying is None or any(j != i for j in saying)

    def terms_saying(self, folded: str) -> Iterator[int] | None:
        """The cards whose terms say these folded words, in this order; None where a large
        deck's are unknown: a word too common to be kept in the postings, or none."""
        ix = self._ix
        needle = f" {folded} "
        if not ix.large:
            if self._padded_terms is None:
                self._padded_terms = [f" {t} " for t in ix.term_norm]
            padded = self._padded_terms
            return (j for j in range(ix.n) if needle in padded[j])
        # A large deck's: among the cards whose terms share the opening of its first word
        # few terms use (the word postings).
        ix.build_word_indexes()
        rare = [w for w in folded.split() if singular(w) not in ix.common_term_words]
        postings = ix.term_postings.get(rare[0][:POSTING_PREFIX]) if rare else None
        if postings is None:
            return None
        terms: Sequence[str] = ix.term_norm
        return (j for j in postings if needle in f" {terms[j]} ")

    def names_another(self, i: int, name: str) -> bool:
        """Is `name` a name of a card other than i (its term, an alias, the words in its
        term's brackets: "EAC" of *Estimate at Completion (EAC)*)? Read among the cards
        whose terms say it (`terms_saying`) in a small deck; a large one's would need
        its word postings, which `check` does not build (8 s at 1M cards): no there."""
        folded = norm(name)
        saying = self.terms_saying(folded) if folded and not self._ix.large else None
        names = self._ix.names
        return saying is not None and any(j != i and folded in map(norm, names(j)) for j in saying)


def short_names(
    names: Iterable[str], common: Collection[str], stopwords: frozenset[str]
) -> tuple[str, ...]:
    """The short names of a card with these names: each name without one or more of its
    opening words that more than a few terms use (`common`: folded, singular), as written.
    A name with brackets is left whole: its variants without them are names too."""
    found: dict[str, None] = {}
    for name in names:
        tokens = name.split()
        if len(tokens) < 2 or "(" in name or ")" in name:
            continue
        folded = [words(token) for token in tokens]
        # Which tokens say something of their own: a word few terms use.
        own = [any(_says_its_own(w, common, stopwords) for w in ws) for ws in folded]
        for k in range(1, len(tokens)):
            dropped = folded[k - 1]
            # A family name, not the head of a phrase ("conjunto de …"): no stop word.
            if not _all_common(dropped, common) or not stopwords.isdisjoint(dropped):
                break
            rest = tokens[k:]
            opening = next((ws[0] for ws in folded[k:] if ws), None)
            if (
                any(own[k:])
                and opening not in stopwords
                and any(ch.isupper() for token in rest for ch in token)
            ):
                found[" ".join(rest)] = None
    return tuple(found)


def says_short_name(text: str, shorts: tuple[str, ...], common: Collection[str]) -> bool:
    """Does `text` write one of these short names as a name: as it is written (the same
    letters and case, whole words, a plural "s" allowed), not inside a longer name, and
    not only capitalised for opening a sentence?"""
    for short in shorts:
        at = text.find(short)
        while at >= 0:
            end = at + len(short)
            if end < len(text) and text[end] == "s":
                end += 1
            before = text[at - 1] if at else " "
            after = text[end] if end < len(text) else " "
            if not before.isalnum() and not after.isalnum() and _as_a_name(text, at, short, common):
                return True
            at = text.find(short, at + 1)
    return False


def _as_a_name(text: str, at: int, short: str, common: Collection[str]) -> bool:
    before = text[:at].rstrip()
    previous = before.rsplit(maxsplit=1)[-1] if before else ""
    # Right after a capitalised word that is no family name, it ends a longer name:
    # another card's ("Aggregation Edge Layer" says no Access Edge Layer).
    if previous[-1:].isalnum() and previous[:1].isupper() and not _is_common(previous, common):
        return False
    # Opening a sentence or a line (after a bullet, a number), a capital proves nothing:
    # only one past the first letter does. (After a semicolon a sentence goes on.)
    line = text[text.rfind("\n", 0, at) + 1 : at]
    opens = not line.strip(_LINE_OPENERS) or before[-1] in ".!?:"
    return not opens or any(ch.isupper() for ch in short[1:])


def _says_its_own(word: str, common: Collection[str], stopwords: frozenset[str]) -> bool:
    """Is this folded word one few terms use (no stop word, no number, no fragment)?"""
    return (
        len(word) >= MIN_LENGTH
        and not word.isdigit()
        and word not in stopwords
        and singular(word) not in common
    )


def _is_common(token: str, common: Collection[str]) -> bool:
    """Is this token of a name made of words more than a few terms use ("Amazon")?"""
    return _all_common(words(token), common)


def _all_common(folded: list[str], common: Collection[str]) -> bool:
    """Are there words here, each one more than a few terms use (`common`, singular)?"""
    return bool(folded) and all(singular(w) in common for w in folded)
