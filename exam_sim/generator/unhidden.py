"""Cards whose right option a cue picks whatever the wrong options drawn: asked only the
other way (`QuestionGenerator.directions_for`). Two cues no draw can hide:

- spelling: a definition spelled like its term ("Aaron" for "Aarono"), with too few other
  definitions as close; or the mirror, a term spelled like its definition ("Helium" for
  "He", "tab" for "tablet"), with too few other terms as close to the definition;
- echo: a definition repeating words of its term that too few other definitions repeat.

A large deck is not counted over: its question is refused when the key is spelled like
the term and no candidate gathered comes as close (`spelled_like_term`).

Pure: read from the deck's index, remembered there per card and option count.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from exam_sim.generator.cues import LIKE_STEM, surface
from exam_sim.generator.draw import Candidate
from exam_sim.generator.index import SPELLING_CUE, DeckIndex
from exam_sim.generator.named import StemNames


def spelling_unhidden(ix: DeckIndex, i: int, options: int) -> bool:
    """Would card i's definition, as the right option for its term, be the option
    spelled most like the term whatever the wrong options ("Aaron" for "Aarono",
    "abscess" for "der Abszess")? Counted on small decks: fewer than options - 1 other
    definitions that could be wrong options come as close (rapidfuzz `partial_ratio`,
    as the cue reads it; 50 at least, below which spelling gives nothing away)."""
    if ix.large:
        return False
    cached = ix.unhidden.get(("spelling", i, options))
    if cached is None:
        term = ix.cards[i].term
        shown = ix.option_definitions
        key = fuzz.partial_ratio(shown(i), term, processor=default_process)
        if key < SPELLING_CUE:
            cached = False
        else:
            if ix.processed_definitions is None:
                ix.processed_definitions = [default_process(shown(j)) for j in range(ix.n)]
            # Only those that could be wrong options count: a definition that names
            # the asked term is never offered next to it.
            cards, ok = ix.cards, ix.option_ok
            cached = _too_few_as_close(
                default_process(term), ix.processed_definitions, key, options,
                lambda n: n != i and ok[n] == 1 and not ix.named_in(cards[n].definition, i),
            )  # fmt: skip
        ix.unhidden["spelling", i, options] = cached
    return cached


def term_spelling_unhidden(ix: DeckIndex, i: int, options: int) -> bool:
    """Would card i's term, as the right option for its definition, be the option spelled
    most like the definition whatever the wrong options ("Helium" holds "He", "tab" is
    in "tablet")? The mirror of `spelling_unhidden`, counted on small decks alike: fewer
    than options - 1 other terms that could be wrong options come as close."""
    if ix.large or ix.is_question[i]:
        return False
    cached = ix.unhidden.get(("term spelling", i, options))
    if cached is None:
        stated = ix.masked_definition(i)
        stem = default_process(stated)
        key = fuzz.partial_ratio(default_process(ix.cards[i].term), stem, processor=None)
        if key < SPELLING_CUE:
            cached = False
        else:
            if ix.processed_terms is None:
                ix.processed_terms = [default_process(c.term) for c in ix.cards]
            # Only terms that could be wrong options count: none the stem names.
            names = StemNames(ix, i, stated)
            cached = _too_few_as_close(
                stem, ix.processed_terms, key, options,
                lambda n: n != i and not ix.is_question[n] and not names(n),
            )  # fmt: skip
        ix.unhidden["term spelling", i, options] = cached
    return cached


def _too_few_as_close(
    query: str, texts: list[str], key: float, options: int, usable: Callable[[int], bool]
) -> bool:
    """Do fewer than options - 1 of `texts` (processed) that `usable` accepts, by position,
    come as close to `query` as `key` (rapidfuzz `partial_ratio`, as the cue reads it)?"""
    # An iterator, read only until options - 1 are found: most cards have them early.
    close = process.extract_iter(
        query, texts, scorer=fuzz.partial_ratio, processor=None, score_cutoff=key
    )
    found = (n for _, _, n in close if usable(n))
    return sum(1 for _ in itertools.islice(found, options - 1)) < options - 1


def echo_unhidden(ix: DeckIndex, i: int, options: int) -> bool:
    """Would card i's definition, as the right option for its term, be the option that
    repeats the most of the term's words whatever the wrong options? True when it echoes
    stems of its term and too few other definitions echo as many (a small deck is
    counted; in a large one, any echoed stem that fewer than options - 1 other
    definitions use). A cue no draw can hide: such a card is asked the other way."""
    cached = ix.unhidden.get(("echo", i, options))
    if cached is not None:
        return cached
    term_stems = ix.term_stems(i)
    # As shown: a usage example left out of the option echoes nothing.
    cut = ix.option_definitions.cut(i)
    echoed = term_stems & (ix.def_stems(i) if cut is None else ix.lexicon.stems(cut))
    echo = len(echoed)
    if not echo:
        unhidden = False
    elif ix.large:
        unhidden = any(ix.stem_scale * ix.stem_cards[s] - 1 < options - 1 for s in echoed)
    else:
        # Twice the wrong options needed: some will be excluded as the same thing.
        others = sum(
            1
            for j in range(ix.n)
            if j != i and ix.option_ok[j] and len(term_stems & ix.def_stems(j)) >= echo
        )
        unhidden = others < 2 * (options - 1)
    ix.unhidden["echo", i, options] = unhidden
    return unhidden


def spelled_like_term(key_surface: tuple[float, ...], considered: list[Candidate]) -> bool:
    """Is the key, a definition, spelled like the asked term ("abscess" for "absceso") with
    no candidate as close? It would top "most like the stem" in every draw. A small deck
    finds these cards beforehand (`spelling_unhidden` counts over the deck); a
    large one, here, on the candidates gathered."""
    like_stem = key_surface[LIKE_STEM]
    return like_stem >= SPELLING_CUE and all(c.surface[LIKE_STEM] < like_stem for c in considered)


def spelled_like_question(ix: DeckIndex, i: int) -> bool:
    """In a large deck, does question card i's answer repeat its question's words and
    read like it ("most like the stem", SPELLING_CUE or more)? Asked question → answer,
    no candidate gathered came as close, so the card was refused (SPELLED_LIKE_TERM) and
    left out; a small deck counts its echoes instead."""
    if not ix.large or not ix.term_stems(i) & ix.def_stems(i):
        return False
    card = ix.cards[i]
    return surface(card.definition, card.term, ix.lexicon)[LIKE_STEM] >= SPELLING_CUE
