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
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import cast, overload

from exam_sim.lexicon import Memo, names_norm_all, norm, norm_all, singular
from exam_sim.models import CardKind

# Word indexes are keyed by a word's first letters: inflected and derived forms ("translate",
# "translation") and cognates across languages ("abscess", "absceso") meet under one key,
# as a reader (and the "most like the stem" cue, which compares spellings) would see them.
POSTING_PREFIX = 5

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
# Cards whose word keys are held at once (as sets: 15 MB for 20,000 definitions, which
# the allocator then keeps), and chunks between two drops of the keys past the cap (a
# scan of every key so far).
_CHUNK = 5_000
_CHUNKS_TO_DROP = 4


def members_by(values: list[str | None]) -> dict[str, array[int]]:
    """Each value (a topic) → the positions holding it, in order; None is left out."""
    members: defaultdict[str | None, array[int]] = defaultdict(int_array)
    collections.deque(map(array.append, map(members.__getitem__, values), range(len(values))), 0)
    members.pop(None, None)
    return cast(dict[str, "array[int]"], dict(members))


def common_words(texts: Sequence[str], more_than: int) -> frozenset[str]:
    """The words (plurals folded by `singular`) that more than `more_than` of these folded
    texts use, each text counted once per word.

    Counted as written first (a count of each word, no second table of every word: a 1M-
    card deck's terms hold a million words, and two tables of them took 146 MB at the
    index's peak); then only the words a plural folds into are counted again, and only
    when their forms' counts leave it open (two texts saying "model", two "models": 2 to
    4 texts)."""
    written = Counter(itertools.chain.from_iterable(map(set, map(str.split, texts))))
    ends_in_s = itertools.compress(written, map(_ENDS_IN_S, written))
    folded_from = {word: key for word in ends_in_s if (key := singular(word)) != word}
    forms: dict[str, list[str]] = {}
    for word, key in folded_from.items():
        forms.setdefault(key, []).append(word)
    for key, words in forms.items():
        if key in written and key not in folded_from:
            words.append(key)
    common = {word for word, count in written.items() if count > more_than}
    common.difference_update(folded_from, forms)
    open_keys: list[str] = []
    for key, words in forms.items():
        counts = [written[word] for word in words]
        if max(counts) > more_than:
            common.add(key)
        elif sum(counts) > more_than:
            open_keys.append(key)
    del written
    if open_keys:
        key_of = {word: key for key in open_keys for word in forms[key]}
        said = map(key_of.keys().__and__, map(str.split, texts))
        keys = itertools.chain.from_iterable(
            map(set, map(functools.partial(map, key_of.__getitem__), said))
        )
        common.update(key for key, count in Counter(keys).items() if count > more_than)
    return frozenset(map(_fresh, common))


_ENDS_IN_S = operator.methodcaller("endswith", "s")  # only such a word may fold (`singular`)


def _split_all(texts: Iterable[str]) -> itertools.chain[str]:
    return itertools.chain.from_iterable(map(str.split, texts))


def word_postings(
    texts: Sequence[str], stopwords: frozenset[str], prefix: int, cap: int
) -> dict[str, array[int]]:
    """Word key (the first `prefix` letters of a word that is not a stop word) → the
    positions of the folded texts saying it, in order. Keys of more than `cap` texts are
    left out (too common a word to say anything: nobody reads them). Each text's keys
    once (through a memo of each distinct word's key), then one `array.append` per key,
    a chunk of texts at a time."""
    key_of: Memo[str, str] = Memo(lambda word: _STOP_KEY if word in stopwords else word[:prefix])
    keys_of = map(set, map(functools.partial(map, key_of.__getitem__), map(str.split, texts)))
    built: defaultdict[str, array[int]] = defaultdict(int_array)
    append = array.append
    # Keys past the cap, emptied every few chunks: their lists would otherwise grow to
    # millions of entries only to be dropped (at 1M cards, 80 MB the allocator kept),
    # and a key once dropped is not appended to again (each text's keys less the dropped
    # ones, in C): a deck whose definitions share a few hundred words spent 0.7 s of
    # its 3.4 s at 1M cards appending to lists that were then dropped.
    dropped: set[str] = {_STOP_KEY}  # the texts with a stop word
    for start in range(0, len(texts), _CHUNK):
        chunk = list(
            map(set.difference, itertools.islice(keys_of, _CHUNK), itertools.repeat(dropped))
        )
        positions = itertools.chain.from_iterable(
            map(itertools.repeat, range(start, start + len(chunk)), map(len, chunk))
        )
        keys = itertools.chain.from_iterable(chunk)
        collections.deque(map(append, map(built.__getitem__, keys), positions), 0)
        if (start // _CHUNK) % _CHUNKS_TO_DROP == _CHUNKS_TO_DROP - 1:
            dropped.update(
                itertools.compress(
                    built, map(functools.partial(operator.lt, cap), map(len, built.values()))
                )
            )
            for key in dropped.intersection(built):
                del built[key]
    return {
        _fresh(key): int_array(found)
        for key, found in built.items()
        if key not in dropped and len(found) <= cap
    }


def _fresh(word: str) -> str:
    """A new string equal to `word` (a 1-letter one may be the interpreter's own). What a
    build keeps is copied when it ends: made among millions of words and sets that are then
    freed, the kept ones would hold the allocator's arenas (a MiB each) from being given
    back (RSS 111 MB for 18 MB of term postings at 1M cards; 24 MB with fresh copies)."""
    return (word + " ")[:-1]


class TextColumn(Sequence[str]):
    """A column of texts made when asked: `_at` one, `_slice` a list of them (the index's
    packed and normalised columns; `check`'s folded definitions and compacted names). Read
    whole, it makes them a chunk at a time (`_read_at_once`), each chunk in one call: a
    `Sequence` would make them one at a time."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        return self._slice(index) if isinstance(index, slice) else self._at(index)

    def _at(self, index: int) -> str:
        raise NotImplementedError

    def _slice(self, index: slice) -> list[str]:
        return self.pick(range(len(self))[index])

    def pick(self, positions: Iterable[int]) -> list[str]:
        """The texts at these positions, in their order (columns that make texts in bulk
        make them at once)."""
        return list(map(self._at, positions))

    def __iter__(self) -> Iterator[str]:
        size = self._read_at_once()
        for first in range(0, len(self), size):
            yield from self[first : first + size]

    def _read_at_once(self) -> int:
        """Texts made at a time when the column is read whole."""
        return 20_000


def pick(texts: Sequence[str], positions: Iterable[int]) -> list[str]:
    """The texts at these positions, of a column or a list."""
    if isinstance(texts, TextColumn):
        return texts.pick(positions)
    return list(map(texts.__getitem__, positions))


class NormColumn(TextColumn):
    """`norm` of each of a very large deck's texts, made when asked: kept, a 1M-card deck's
    normalised definitions took 167 MB. Read whole (building the index, `check`), it
    normalises a chunk at a time (`norm_all`); one text (a question's candidates) through a
    bounded memo. Equal strings to `norm_all`'s, so every result is the same."""

    __slots__ = ("_chunk", "_memo", "_texts")

    def __init__(self, texts: list[str], *, chunk: int = 5_000, kept: int = 50_000) -> None:
        self._texts = texts
        # Texts normalised at a time when read whole: 20,000 definitions took 14 MiB of
        # temporaries, which the word indexes' build added to the peak of a 1M-card check.
        self._chunk = chunk
        # One text at a time (a question's candidates), `kept` at most.
        self._memo: Memo[int, str] = Memo(lambda at: norm(texts[at]), kept)

    def __len__(self) -> int:
        return len(self._texts)

    def _slice(self, index: slice) -> list[str]:
        return norm_all(self._texts[index])

    def _at(self, index: int) -> str:
        return self._memo[index]

    def pick(self, positions: Iterable[int]) -> list[str]:
        return norm_all(pick(self._texts, positions))

    def __iter__(self) -> Iterator[str]:
        for _, normed in self.chunks():
            yield from normed

    def chunks(self) -> Iterator[tuple[int, list[str]]]:
        """(position of the first, the normalised texts) of each chunk, in order."""
        for start in range(0, len(self._texts), self._chunk):
            yield start, norm_all(self._texts[start : start + self._chunk])


class SortedPositions(Mapping[str, int]):
    """Card id → position for a very large deck: the ids sorted once and found by
    bisection (about a microsecond). A dict took 59 MB at 1M cards, most of it an int
    object of 32 bytes for every position; this holds the ids' references (8 bytes a
    card) and the positions as 4-byte ints."""

    __slots__ = ("_ids", "_positions")

    def __init__(self, ids: list[str]) -> None:
        order = sorted(range(len(ids)), key=ids.__getitem__)
        self._ids = list(map(ids.__getitem__, order))
        self._positions = array("i", order)

    def __getitem__(self, card_id: str) -> int:
        k = bisect_left(self._ids, card_id)
        if k < len(self._ids) and self._ids[k] == card_id:
            return self._positions[k]
        raise KeyError(card_id)

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        """The ids in the deck's order, as a dict made from them would give them."""
        return map(
            self._ids.__getitem__,
            sorted(range(len(self._positions)), key=self._positions.__getitem__),
        )


class PackedNorms(TextColumn):
    """`norm` of each of a very large deck's texts, kept as one string (a line feed after
    each: no normalised text holds one) and where each starts. A 1M-card deck's normalised
    terms as a list of strings took 79 MB, 49 bytes of each string's header over about 30
    of text; packed, 28 MB. A text asked for is cut out of the string (a new one, equal)."""

    __slots__ = ("_joined", "_starts")

    def __init__(self, texts: Iterable[str], *, chunk: int = 20_000, names: bool = False) -> None:
        pieces = []
        starts = array("q", [0])
        to_come = iter(texts)  # read a chunk at a time: the caller need not list them
        normalise = names_norm_all if names else norm_all  # names: `lexicon.names_norm_all`
        while batch := list(itertools.islice(to_come, chunk)):
            normed = normalise(batch)
            pieces.append("\n".join(normed) + "\n")
            lengths = map(operator.add, map(len, normed), itertools.repeat(1))  # a line feed
            starts.extend(
                itertools.islice(itertools.accumulate(lengths, initial=starts[-1]), 1, None)
            )
        self._joined = "".join(pieces)
        self._starts = starts  # of each text, and where one after the last would start

    def __len__(self) -> int:
        return len(self._starts) - 1

    def _slice(self, index: slice) -> list[str]:
        positions = range(len(self))[index]
        if positions.step != 1 or not positions:
            return self.pick(positions)
        # A run of texts is one cut of the string, split (in C)
        start, stop = self._starts[positions.start], self._starts[positions.stop]
        return self._joined[start : stop - 1].split("\n")

    def _at(self, index: int) -> str:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._joined[self._starts[index] : self._starts[index + 1] - 1]

    def pick(self, positions: Iterable[int]) -> list[str]:
        """The texts at these positions (a question's sample of names: about 0.35 µs a
        text at 1M cards, a new string each; `map` chains over the starts were slower)."""
        joined, starts = self._joined, self._starts
        return [joined[starts[at] : starts[at + 1] - 1] for at in positions]

    def __iter__(self) -> Iterator[str]:
        for _, texts in self.chunks():
            yield from texts

    def chunks(self, size: int = 20_000) -> Iterator[tuple[int, list[str]]]:
        """(position of the first, the texts) of each chunk, in order."""
        for start in range(0, len(self), size):
            stop = min(start + size, len(self))
            yield start, self._joined[self._starts[start] : self._starts[stop] - 1].split("\n")


def chunks(texts: Sequence[str]) -> Iterator[tuple[int, Sequence[str]]]:
    """The texts a chunk at a time, each with the position of its first: a `NormColumn`'s
    as it makes them, a `PackedNorms`' as it cuts them, a list whole."""
    if isinstance(texts, NormColumn | PackedNorms):
        yield from texts.chunks()
    else:
        yield 0, texts
