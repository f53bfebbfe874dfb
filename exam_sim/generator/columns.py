"""The per-card columns of a deck's index, computed in bulk (`generator/index.py`).

A 1M-card deck is indexed in seconds because nothing here loops over cards in Python:
`map` over attribute getters, bound methods and partials, `itertools` and `Counter` run
in C, and Python code runs once per distinct word, not once per card or per word said.
Posting lists and topic members are compact int arrays (4 bytes a card, not a reference
to an int object of 32), copied once built (see `_fresh`)."""

from __future__ import annotations

import collections
import functools
import itertools
import operator
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import cast, overload

from exam_sim.lexicon import WordMemo, norm, norm_all, singular
from exam_sim.models import CardKind

# Column readers (run in C by `map`).
ID = operator.attrgetter("id")
TERM = operator.attrgetter("term")
DEFINITION = operator.attrgetter("definition")
TOPIC = operator.attrgetter("topic")
KIND = operator.attrgetter("kind")
RELATED = operator.attrgetter("related")
# Everything that makes a card's content (kind._value_: an enum member's hash is Python).
CONTENT = operator.attrgetter(
    "id", "term", "definition", "topic", "tags", "aliases", "kind._value_", "related"
)
IS_QUESTION = functools.partial(operator.is_, CardKind.QUESTION)

int_array = functools.partial(array, "i")  # an empty int array (a C call: no Python frame)

_STOP_KEY = ""  # the posting key of every stop word (no word is empty)
_CHUNK = 20_000  # cards whose word keys are held at once


def members_by(values: list[str | None]) -> dict[str, array[int]]:
    """Each value (a topic) → the positions holding it, in order; None is left out."""
    members: defaultdict[str | None, array[int]] = defaultdict(int_array)
    collections.deque(map(array.append, map(members.__getitem__, values), range(len(values))), 0)
    members.pop(None, None)
    return cast(dict[str, "array[int]"], dict(members))


def common_words(texts: list[str], more_than: int) -> frozenset[str]:
    """The words (plurals folded by `singular`) that more than `more_than` of these folded
    texts use, each text counted once per word."""
    plural_of = {word: singular(word) for word in set(_split_all(texts))}
    folded = map(functools.partial(map, plural_of.__getitem__), map(str.split, texts))
    counts = Counter(itertools.chain.from_iterable(map(set, folded)))
    return frozenset(_fresh(word) for word, count in counts.items() if count > more_than)


def _split_all(texts: list[str]) -> itertools.chain[str]:
    return itertools.chain.from_iterable(map(str.split, texts))


def word_postings(
    texts: Sequence[str], stopwords: frozenset[str], prefix: int, cap: int
) -> dict[str, array[int]]:
    """Word key (the first `prefix` letters of a word that is not a stop word) → the
    positions of the folded texts saying it, in order. Keys of more than `cap` texts are
    left out (too common a word to say anything: nobody reads them). Each text's keys
    once (through a memo of each distinct word's key), then one `array.append` per key,
    a chunk of texts at a time."""
    key_of = WordMemo(lambda word: _STOP_KEY if word in stopwords else word[:prefix])
    keys_of = map(set, map(functools.partial(map, key_of.__getitem__), map(str.split, texts)))
    built: defaultdict[str, array[int]] = defaultdict(int_array)
    append = array.append
    for start in range(0, len(texts), _CHUNK):
        chunk = list(itertools.islice(keys_of, _CHUNK))
        positions = itertools.chain.from_iterable(
            map(itertools.repeat, range(start, start + len(chunk)), map(len, chunk))
        )
        keys = itertools.chain.from_iterable(chunk)
        collections.deque(map(append, map(built.__getitem__, keys), positions), 0)
        built.pop(_STOP_KEY, None)  # the texts with a stop word
    return {_fresh(key): int_array(found) for key, found in built.items() if len(found) <= cap}


def _fresh(word: str) -> str:
    """A new string equal to `word` (a 1-letter one may be the interpreter's own). What a
    build keeps is copied when it ends: made among millions of words and sets that are then
    freed, the kept ones would hold the allocator's arenas (a MiB each) from being given
    back (RSS 111 MB for 18 MB of term postings at 1M cards; 24 MB with fresh copies)."""
    return (word + " ")[:-1]


class NormColumn(Sequence[str]):
    """`norm` of each of a very large deck's texts, made when asked: kept, a 1M-card deck's
    normalised definitions took 167 MB. Read whole (building the index, `check`), it
    normalises a chunk at a time (`norm_all`); one text (a question's candidates) through a
    bounded memo. Equal strings to `norm_all`'s, so every result is the same."""

    __slots__ = ("_chunk", "_kept", "_memo", "_texts")

    def __init__(self, texts: list[str], *, chunk: int = 20_000, kept: int = 50_000) -> None:
        self._texts = texts
        self._chunk = chunk  # texts normalised at a time when read whole
        self._kept = kept  # texts remembered at most
        self._memo: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return norm_all(self._texts[index])
        found = self._memo.get(index)
        if found is None:
            found = norm(self._texts[index])
            if len(self._memo) >= self._kept:
                self._memo.clear()
            self._memo[index] = found
        return found

    def __iter__(self) -> Iterator[str]:
        for _, normed in self.chunks():
            yield from normed

    def chunks(self) -> Iterator[tuple[int, list[str]]]:
        """(position of the first, the normalised texts) of each chunk, in order."""
        for start in range(0, len(self._texts), self._chunk):
            yield start, norm_all(self._texts[start : start + self._chunk])


def chunks(texts: Sequence[str]) -> Iterator[tuple[int, Sequence[str]]]:
    """The texts a chunk at a time, each with the position of its first: a `NormColumn`'s
    as it makes them, a list whole."""
    if isinstance(texts, NormColumn):
        yield from texts.chunks()
    else:
        yield 0, texts
