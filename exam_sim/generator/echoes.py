"""Question cards whose answer repeats the question's words, asked the other way round.

"What does a load balancer do?" answered "A load balancer distributes incoming requests
…": among other cards' answers the key is the one naming a load balancer, found by anyone
who reads the options for the question's words (`check`'s guessing audit measured 92 %
on such a deck, where chance is 25 %). Such a card (`unhidden.echo_unhidden`: too few
other answers repeat as many of its question's stems) is asked from its answer, the
question's words blanked there, with questions as the options: "Which question does this
answer? *A ____ distributes incoming requests …*", as a definition card whose definition
repeats its term is asked from its definition. Options stay as written.

Pure: no I/O; the index's stems and the masking of names do the reading.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

from exam_sim.generator.index import DeckIndex
from exam_sim.generator.masking import mask_forms, name_forms, neutral_articles
from exam_sim.lexicon import is_kana_or_ideograph, words

RUN_MIN = 2  # characters of kana or ideographs the answer repeats: a word of those scripts


def masked_answer(ix: DeckIndex, i: int) -> str:
    """Question card i's answer with every word that repeats a stem of its question
    blanked ("A ____ distributes incoming requests …" for "What does a load balancer
    do?"); the answer as written when it repeats none."""
    answer = ix.cards[i].definition
    echoed = ix.term_stems(i) & ix.def_stems(i)
    repeated = ix.lexicon.stemmed_as(ix.def_norm[i].split(), echoed) if echoed else set()
    repeated |= repeated_runs(ix.cards[i].term, answer)
    if not repeated:
        return answer
    # A name of several words the answer repeats whole is blanked whole: "____ as ____
    # describes servers…" kept the "as" of *infrastructure as code*, the one option
    # with an "as" between two words.
    phrases = shared_phrases(words(ix.cards[i].term), words(answer), repeated)
    masked = mask_forms(answer, name_forms([*repeated, *phrases]))
    return neutral_articles(masked) if ix.lexicon.language == "english" else masked


def shared_phrases(question: list[str], answer: list[str], repeated: set[str]) -> set[str]:
    """The runs of three words or more that question and answer (folded words) share,
    opening and closing on a repeated word: the longest from each start in the question."""
    found: set[str] = set()
    text = f" {' '.join(answer)} "
    for start, first in enumerate(question):
        if first not in repeated:
            continue
        for end in range(len(question), start + 2, -1):
            run = question[start:end]
            if run[-1] in repeated and f" {' '.join(run)} " in text:
                found.add(" ".join(run))
                break
    return found


def repeated_runs(question: str, answer: str) -> set[str]:
    """The runs of kana or ideographs (RUN_MIN or more) that the answer repeats from the
    question: Japanese and Chinese are written without spaces, so every such character is
    a word of its own to the lexicon, and the question's subject ("レプリケーション" in
    "レプリケーションとは何ですか？") is found as the text both share. A run of hiragana
    alone is left: those are particles and endings ("ます"), not names."""
    if not any(map(is_kana_or_ideograph, question)):
        return set()
    matcher = SequenceMatcher(None, question, answer, autojunk=False)
    runs: set[str] = set()
    for block in matcher.get_matching_blocks():
        run = ""
        for char in question[block.a : block.a + block.size] + " ":
            if is_kana_or_ideograph(char):
                run += char
                continue
            if len(run) >= RUN_MIN and not all(_hiragana(c) for c in run):
                runs.add(run)
            run = ""
    return runs


def _hiragana(char: str) -> bool:
    return unicodedata.name(char, "").startswith("HIRAGANA")
