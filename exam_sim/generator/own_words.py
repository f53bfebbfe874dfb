"""The words of a card's own text that name it, beyond its names: blanked with them.

Any word of its term that no other card of the deck uses, or at most one other term
("Lex" in "attach Lex to your application" names Amazon Lex as surely as "Amazon Lex"
does; "Lustre" in "use FSx for Lustre" names *FSx for Lustre on SageMaker*: no wrong
option could share it), in any of its word forms, derived ones too; an acronym of the term
spelled out; a name said in other word forms. A name written as one word in CamelCase
says its parts as words ("ReplicaSet": "a stable set of replica Pods"; "LoadBalancer":
"a cloud provider's load balancer"), each a word of the term here. Pure, like the rest
of the generator.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from exam_sim.acronyms import acronym_mentions, acronyms_in
from exam_sim.generator.derived import derived_words
from exam_sim.generator.masking import names_in_other_forms
from exam_sim.lexicon import fold, norm, singular
from exam_sim.term_labels import qualifier_split

if TYPE_CHECKING:
    from exam_sim.generator.index import DeckIndex

# A metavariable of a command's syntax ("git blame <file>", "ssh <user>@<host>"): it names
# what the command takes, not the card, so its words are no name to blank.
_PLACEHOLDER = re.compile(r"<[^<>\n]{1,40}>")
# A word written in CamelCase (a lower-case letter before a capital, or two capitals
# before a lower-case letter: "ReplicaSet", "XGBoost"), and its parts.
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_WORD = re.compile(r"[^\W_]+")
CAMEL_PART_LEAST = 3  # letters: "IP" of ClusterIP, "DB" of DynamoDB name nothing alone


def own_words(ix: DeckIndex, i: int, *, camel: bool = True) -> set[str]:
    """The words of card i's definition (and of its term) that name card i, to blank in
    its own text as its names are (`DeckIndex.mask_forms`); with `camel`, the parts of
    its CamelCase names too. Not for a question card, whose front is a sentence, not a
    name."""
    stop = ix.lexicon.stopwords
    common = ix.common_term_words
    term = ix.cards[i].term
    named_words = norm(_PLACEHOLDER.sub(" ", term)) if "<" in term else ix.term_norm[i]
    parts = [p for p in camel_parts(term) if p not in ix.common_term_parts] if camel else []
    own = {
        word
        for word in itertools.chain(named_words.split(), parts)
        if len(word) >= 3
        and not word.isdigit()
        and word not in stop
        and singular(word) not in common
    }
    # The same rare words in other forms ("translation" for Amazon Translate), derived
    # ones too ("nuclear" for nucleus, "classifier" for classification).
    tokens = ix.def_norm[i].split()
    if own:
        own_stems = set(ix.lexicon.stem_all(own))
        own.update(w for w in ix.lexicon.stemmed_as(tokens, own_stems) if len(w) >= 3)
        own.update(derived_words(ix, tokens, own_stems))
    # An acronym among them spelled out names it too ("CIA" in "CIA triad").
    spelled = [a for a in acronyms_in(term) if singular(fold(a)) not in common]
    # An acronym term is among its names already: each is read once.
    named = tuple(dict.fromkeys((*ix.names(i), *spelled)))
    # Not one the deck gives another card ("EAC" beside Estimate to Complete, in a deck
    # with *Estimate at Completion (EAC)*): it is that card's name, not this one's.
    mentioned = acronym_mentions(ix.cards[i].definition, named, stop, tokens)
    own.update(m for m in mentioned if not ix.short_names.names_another(i, m))
    # A name said in other word forms, unless the one content word left of it beside
    # function words is one many terms use: "iterable" says any(iterable) no more than
    # all(iterable) or sorted(iterable).
    # The word its term says one sense of, and the sense ("to know", "facts" of "to know
    # (facts)"): no names of it (`term_labels.qualified_names`), still its own words.
    senses = qualifier_split(term, ix.kinds.qualified)
    own.update(senses)
    said = (*ix.names(i), *senses)
    names = [n for n in said if not _said_by_a_common_word(n, stop, common)]
    own.update(names_in_other_forms(names, tokens, ix.def_stems(i), ix.lexicon))
    return own


def _said_by_a_common_word(name: str, stop: frozenset[str], common: frozenset[str]) -> bool:
    """Is `name` function words and one word many terms use (`common_term_words`)?"""
    every = norm(name).split()
    content = [w for w in every if w not in stop]
    return len(content) == 1 < len(every) and singular(content[0]) in common


def camel_parts(term: str) -> list[str]:
    """The folded parts of the words of `term` written as one in CamelCase, of
    CAMEL_PART_LEAST letters or more ("ReplicaSet": replica, set; "XGBoost": boost)."""
    if not _CAMEL.search(term):  # most terms: one search, no parts
        return []
    parts: list[str] = []
    for word in _WORD.findall(term):
        if _CAMEL.search(word):
            pieces = _CAMEL_PART.findall(word)
            if len(pieces) > 1:
                parts += [fold(p) for p in pieces if len(p) >= CAMEL_PART_LEAST]
    return parts


def common_camel_parts(terms: Iterable[str], more_than: int) -> frozenset[str]:
    """The CamelCase parts (`camel_parts`) that more than `more_than` terms use."""
    counts = Counter(itertools.chain.from_iterable(map(set, map(camel_parts, terms))))
    return frozenset(part for part, count in counts.items() if count > more_than)
