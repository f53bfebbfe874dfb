"""The candidates of a large deck's question: its nearest neighbours, found without
scoring every card, so a question costs about the same at 1,000 cards or 1,000,000.

A small deck (`index.FULL_SCAN_LIMIT` cards or fewer) needs none of this: every card is a
candidate. In a large one the pool is the union of

- the best look-alike names from one vectorised scan of the key's topic (or of the deck),
  sampled evenly past TERM_SCAN_MAX names;
- definition neighbours and names sharing words with the stem or the key's name, from the
  word indexes (words keyed by their first letters: `columns.POSTING_PREFIX`);
- definitions using words like the asked term's, when definitions are the options;
- a random sample of the key's topic;
- options spelled at least as much like the stem as the key is, from a sample: the "most
  like the stem" cue compares spellings, and without a few of them in the pool the key
  would top that cue whatever the draw decides (a small deck's pool, the whole deck, has
  them).

Pure and seeded like the rest of the generator: the same rng gives the same pool.
"""

from __future__ import annotations

import itertools
import random
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import partial
from operator import eq, lt

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from exam_sim.generator.columns import POSTING_PREFIX, PackedNorms
from exam_sim.generator.index import POSTINGS_CAP, DeckIndex
from exam_sim.lexicon import words
from exam_sim.models import Direction

TERM_SCAN_LIMIT = 20  # best term look-alikes kept from the scan
TERM_SCAN_MAX = 6_000  # names scanned for look-alikes, at most, per question
GATHER_LIMIT = 20  # best definition / stem neighbours kept from the word indexes
GATHER_WORDS = 6  # rarest words whose cards are counted (a commoner one adds cards met once)
TOPIC_SAMPLE = 15  # random same-topic cards added to the pool
CUE_SAMPLE = 300  # cards scanned for options spelled like the stem
CUE_BEATERS = 6  # of which the closest are added to the pool


def neighbours(
    ix: DeckIndex,
    i: int,
    direction: Direction,
    stem: str,
    key_like_stem: float,
    rng: random.Random,
) -> list[int]:
    """Candidate cards for card i's question (i itself and cards that cannot be options
    here may be among them: the caller filters). `key_like_stem` is the key's score on
    "most like the stem" (`cues.surface`)."""
    ix.build_word_indexes()  # made by the generator already; at once, if not
    pool: dict[int, None] = {}
    topic = ix.topic[i]
    members: Sequence[int] = ix.by_topic[topic] if topic is not None else range(ix.n)
    # Past TERM_SCAN_MAX names, an evenly spaced sample from a random offset: look-alikes
    # are plentiful in a large deck, and the word indexes add the closest names sharing a word.
    stride = -(-len(members) // TERM_SCAN_MAX)
    offset = rng.randrange(stride) if stride > 1 else 0
    if isinstance(ix.term_norm, PackedNorms):  # a compact index: cut out of its column
        scanned = ix.term_norm.pick(members[offset::stride] if stride > 1 else members)
    else:  # sampled by a slice, in C
        names = ix.topic_terms[topic] if topic is not None else ix.term_norm
        scanned = names[offset::stride] if stride > 1 else names
    for _, _, n in process.extract(
        ix.term_norm[i], scanned, scorer=fuzz.ratio, processor=None,
        score_cutoff=30, limit=TERM_SCAN_LIMIT,
    ):  # fmt: skip
        pool[members[offset + n * stride]] = None
    for j in gather(ix.def_postings, ix.def_norm[i].split(), GATHER_LIMIT):
        pool[j] = None
    # Cards whose names share words with the stem or with the key's name, any topic.
    echo_words = ix.term_norm[i].split()
    if direction.options_are_fronts:
        echo_words += words(stem)
    for j in gather(ix.term_postings, echo_words, GATHER_LIMIT // 2):
        pool[j] = None
    if not direction.options_are_fronts:
        # Definitions that say words like the asked term's: options echoing the stem.
        for j in gather(ix.def_postings, ix.term_norm[i].split(), GATHER_LIMIT // 2):
            pool[j] = None
    if topic is not None:
        sample = members if len(members) <= TOPIC_SAMPLE else rng.sample(members, TOPIC_SAMPLE)
        for j in sample:
            pool[j] = None
    for j in spelled_like_stem(ix, direction, stem, key_like_stem, members, rng):
        pool[j] = None
    return list(pool)


def spelled_like_stem(
    ix: DeckIndex,
    direction: Direction,
    stem: str,
    key_like_stem: float,
    members: Sequence[int],
    rng: random.Random,
) -> list[int]:
    """Cards of a sample of `members` whose option is spelled at least as much like the
    stem as the key's is (`key_like_stem`, the key's `cues.surface` score, read by the
    same scorer), the closest first."""
    definitions = not direction.options_are_fronts
    stride = -(-len(members) // CUE_SAMPLE)
    sample = members[rng.randrange(stride) :: stride] if stride > 1 else members
    # Read in C: this runs over CUE_SAMPLE cards for every question.
    texts = list(map((ix.definitions if definitions else ix.terms).__getitem__, sample))
    found = process.extract(
        stem, texts, scorer=fuzz.partial_ratio, processor=default_process,
        score_cutoff=key_like_stem, limit=CUE_BEATERS,
    )  # fmt: skip
    return [sample[n] for _, _, n in found]


def gather(postings: dict[str, array[int]], words: Iterable[str], limit: int) -> list[int]:
    """Cards sharing the most informative words: rarest words first, common ones skipped.
    Words are sorted before use, so the result never depends on set order (which changes
    with PYTHONHASHSEED from one process to the next)."""
    keys = {w[:POSTING_PREFIX] for w in words}
    lists = [postings[k] for k in sorted(keys) if k in postings]
    lists = sorted((p for p in lists if len(p) <= POSTINGS_CAP), key=len)[:GATHER_WORDS]
    if not lists:
        return []
    *shorter, longest = lists
    counts: Counter[int] = Counter()
    for plist in shorter:
        counts.update(plist)
    # The longest list is not inserted: its cards counted already gain one, and the others
    # (counted once, each list holding a card once) come after every card counted before,
    # in the list's order, which is where the Counter would have put them.
    counted = counts.__contains__
    counts.update(filter(counted, longest))
    # `counts.most_common(limit)` (a stable sort: ties keep insertion order, which the
    # sorted words above make the same in every run), without its Python loop over every
    # card counted: most are counted once, so the cards counted more are sorted alone and
    # the rest taken in insertion order. `compress` and `map` run in C.
    repeated = list(itertools.compress(counts, map(partial(lt, 1), counts.values())))
    repeated.sort(key=counts.__getitem__, reverse=True)
    if len(repeated) < limit:
        once = itertools.chain(
            itertools.compress(counts, map(partial(eq, 1), counts.values())),
            itertools.filterfalse(counted, longest),
        )
        repeated.extend(itertools.islice(once, limit - len(repeated)))
    return repeated[:limit]
