"""Question cards whose answer repeats the question's words, asked the other way round.

"What does a load balancer do?" answered "A load balancer distributes incoming requests
…": among other cards' answers the key is the one naming a load balancer, found by anyone
who reads the options for the question's words (`check`'s guessing audit measured 92 %
on such a deck, where chance is 25 %). Such a card (`DeckIndex.echo_unhidden`: too few
other answers repeat as many of its question's stems) is asked from its answer, the
question's words blanked there, with questions as the options: "Which question does this
answer? *A ____ distributes incoming requests …*", as a definition card whose definition
repeats its term is asked from its definition. Options stay as written.

Pure: no I/O; the index's stems and the masking of names do the reading.
"""

from __future__ import annotations

from exam_sim.generator.index import DeckIndex
from exam_sim.generator.masking import mask_forms, name_forms, neutral_articles


def masked_answer(ix: DeckIndex, i: int) -> str:
    """Question card i's answer with every word that repeats a stem of its question
    blanked ("A ____ distributes incoming requests …" for "What does a load balancer
    do?"); the answer as written when it repeats none."""
    answer = ix.cards[i].definition
    echoed = ix.term_stems(i) & ix.def_stems(i)
    if not echoed:
        return answer
    tokens = ix.def_norm[i].split()
    repeated = {
        word
        for word, stem in zip(tokens, ix.lexicon.stem_all(tokens), strict=True)
        if stem in echoed
    }
    masked = mask_forms(answer, name_forms(repeated))
    return neutral_articles(masked) if ix.lexicon.language == "english" else masked
