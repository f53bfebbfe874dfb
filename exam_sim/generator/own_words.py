"""The words of a card's own text that name it, beyond its names: blanked with them.

Any word of its term that no other card of the deck uses, or at most one other term
("Lex" in "attach Lex to your application" names Amazon Lex as surely as "Amazon Lex"
does; "Lustre" in "use FSx for Lustre" names *FSx for Lustre on SageMaker*: no wrong
option could share it), in any of its word forms, derived ones too; an acronym of the term
spelled out; a name said in other word forms. Pure, like the rest of the generator.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from exam_sim.acronyms import acronym_mentions, acronyms_in
from exam_sim.generator.derived import derived_words
from exam_sim.generator.masking import names_in_other_forms
from exam_sim.lexicon import fold, norm, singular

if TYPE_CHECKING:
    from exam_sim.generator.index import DeckIndex

# A metavariable of a command's syntax ("git blame <file>", "ssh <user>@<host>"): it names
# what the command takes, not the card, so its words are no name to blank.
_PLACEHOLDER = re.compile(r"<[^<>\n]{1,40}>")


def own_words(ix: DeckIndex, i: int) -> set[str]:
    """The words of card i's definition (and of its term) that name card i, to blank in
    its own text as its names are (`DeckIndex.mask_forms`). Not for a question card, whose
    front is a sentence, not a name."""
    stop = ix.lexicon.stopwords
    common = ix.common_term_words
    term = ix.cards[i].term
    named_words = norm(_PLACEHOLDER.sub(" ", term)) if "<" in term else ix.term_norm[i]
    own = {
        word
        for word in named_words.split()
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
    own.update(acronym_mentions(ix.cards[i].definition, named, stop, tokens))
    # A name said in other word forms, unless the one content word left of it beside
    # function words is one many terms use: "iterable" says any(iterable) no more than
    # all(iterable) or sorted(iterable).
    names = [n for n in ix.names(i) if not _said_by_a_common_word(n, stop, common)]
    own.update(names_in_other_forms(names, tokens, ix.def_stems(i), ix.lexicon))
    return own


def _said_by_a_common_word(name: str, stop: frozenset[str], common: frozenset[str]) -> bool:
    """Is `name` function words and one word many terms use (`common_term_words`)?"""
    every = norm(name).split()
    content = [w for w in every if w not in stop]
    return len(content) == 1 < len(every) and singular(content[0]) in common
