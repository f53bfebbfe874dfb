"""Each card's texts folded as `check`'s passes compare them (`Folded`): term keys, names,
comparison sides and definitions. The columns fold when read and keep nothing per card,
so that a large deck's lint holds little more than the deck and its index: kept, a
million cards' folded definitions took 178 MiB and their folded names 92 MiB at the
peak of `check`. Read whole, a column folds a chunk at a time; a few positions at once
(`pick`) in one call; one at a time through a bounded memo, or none when the generator's
normalised text is already the folded one (an ASCII text)."""

from __future__ import annotations

import functools
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import contains, not_, or_
from typing import overload

from exam_sim.decks.bulk_text import comparison_parts_of, fold_all, keeps_symbols, term_keys
from exam_sim.decks.findings import groups_by_hash
from exam_sim.generator.apart import two_meanings
from exam_sim.generator.columns import TextColumn, pick
from exam_sim.generator.index import DeckIndex
from exam_sim.lexicon import Memo
from exam_sim.models import Deck
from exam_sim.text import fold, operators_kept

_CHUNK = 20_000  # texts folded at a time when a column is read whole


class FoldedTexts(TextColumn):
    """`fold_all` of some texts and their normalised forms (the index's terms or
    definitions), made when read and not kept. With `hashed`, the first whole reading
    notes each text's hash, and `repeated` groups equal texts from those, not from a
    table of every text."""

    def __init__(
        self,
        texts: Sequence[str],
        normed: Sequence[str],
        *,
        hashed: bool = False,
        chunk: int | None = None,
        kept: int = 50_000,
    ) -> None:
        self._texts = texts
        self._normed = normed  # the index's: a list, or made when read
        self._hashed = hashed
        self._chunk = chunk or _CHUNK
        # One text at a time, `kept` at most (of those that fold apart: `_at`).
        self._memo: Memo[int, str] = Memo(lambda at: fold(texts[at]), kept)
        self._hashes: array[int] | None = None  # of every text, once read whole
        self._folds_apart: bytearray | None = None  # made when first read

    def __len__(self) -> int:
        return len(self._texts)

    def _apart(self) -> bytearray:
        """1 for each text whose folded form is not its normalised one (not ASCII, with
        a "_", or a formula: `fold_all`), found once in C; then a read folds only those."""
        if self._folds_apart is None:
            texts = self._texts
            apart = bytearray()
            for first in range(0, len(texts), self._chunk):  # each text read once
                part = texts[first : first + self._chunk]
                apart += bytes(
                    map(or_, map(not_, map(str.isascii, part)), map(contains, part, repeat("_")))
                )
                for k in operators_kept(part):
                    apart[first + k] = 1
            self._folds_apart = apart
        return self._folds_apart

    def _at(self, index: int) -> str:
        if index < 0:
            index += len(self)
        if not self._apart()[index]:
            return self._normed[index]
        return self._memo[index]

    def pick(self, positions: Iterable[int]) -> list[str]:
        at = positions if isinstance(positions, range) else list(positions)
        if isinstance(at, range) and at.step == 1:  # a run: a packed column cuts it once
            folded = list(self._normed[at.start : at.stop])
        else:
            folded = pick(self._normed, at)
        apart = self._apart()
        redo = list(compress(range(len(at)), map(apart.__getitem__, at)))
        for k, text in zip(redo, fold_all([self._texts[at[k]] for k in redo]), strict=True):
            folded[k] = text
        return folded

    def __iter__(self) -> Iterator[str]:
        hashes: array[int] = array("q")
        for first in range(0, len(self), self._chunk):
            folded = self[first : first + self._chunk]
            if self._hashed:
                hashes.extend(map(hash, folded))
            yield from folded
        if self._hashed:
            self._hashes = hashes

    def repeated(self) -> list[list[int]]:
        """`groups_of` the texts, from the hashes noted as they were read (`groups_by_hash`)."""
        if not self._hashed:
            raise ValueError("the texts' hashes are not noted: made without `hashed`")
        if self._hashes is None:
            deque(self, maxlen=0)  # reads them all, noting their hashes
        assert self._hashes is not None
        return groups_by_hash(self._hashes, self.pick, self._chunk)


class TermKeys(TextColumn):
    """Each card's `term_keys` key, made when read from the folded terms."""

    def __init__(self, terms: Sequence[str], folded: FoldedTexts) -> None:
        self._terms = terms
        self._folded = folded
        self._symbols = keeps_symbols(terms)  # of the whole deck: keys must agree

    def __len__(self) -> int:
        return len(self._terms)

    def _slice(self, index: slice) -> list[str]:
        return term_keys(self._terms[index], self._folded[index], self._symbols)

    def _at(self, index: int) -> str:
        return term_keys([self._terms[index]], [self._folded[index]], self._symbols)[0]

    def pick(self, positions: Iterable[int]) -> list[str]:
        at = list(positions)
        return term_keys(pick(self._terms, at), self._folded.pick(at), self._symbols)

    def _read_at_once(self) -> int:
        return _CHUNK


class FoldedNames(Sequence[tuple[str, ...]]):
    """Each card's folded names, each once, the term's first: the folded term alone for a
    card without aliases (most cards), a tuple made as it is read (a million 1-tuples
    kept took 56 MB)."""

    __slots__ = ("_more", "_terms")

    def __init__(self, terms: Sequence[str], more: dict[int, tuple[str, ...]]) -> None:
        self._terms = terms  # folded
        self._more = more  # the names of the cards with aliases

    def __len__(self) -> int:
        return len(self._terms)

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, ...]]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, ...] | list[tuple[str, ...]]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        more = self._more.get(index)
        return more if more is not None else (self._terms[index],)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        more = self._more
        for i, term in enumerate(self._terms):
            yield more.get(i) or (term,)

    def flat(self, shortest: int) -> FlatNames:
        """Every name of at least `shortest` characters, card by card."""
        owners: array[int] = array("i")
        aliases: dict[int, str] = {}
        more = self._more
        for first in range(0, len(self), _CHUNK):
            terms = self._terms[first : first + _CHUNK]
            long_enough = map(shortest.__le__, map(len, terms))
            if not more:  # the cards' names are their terms: only whose are kept
                owners.extend(compress(range(first, first + len(terms)), long_enough))
                continue
            for i, kept in enumerate(long_enough, first):
                names = more.get(i)
                if names is None:
                    if kept:
                        owners.append(i)
                    continue
                for k, name in enumerate(names):
                    if len(name) >= shortest:
                        if k:  # the first is the term
                            aliases[len(owners)] = name
                        owners.append(i)
        return FlatNames(self._terms, owners, aliases)


class FlatNames(TextColumn):
    """The cards' names in one column (`FoldedNames.flat`), made when read: the folded
    term of the card it is of (`owners`), or an alias, of which there are few."""

    def __init__(self, terms: Sequence[str], owners: array[int], aliases: dict[int, str]):
        self._terms = terms
        self.owners = owners  # the card of each name
        self._aliases = aliases  # place → name, of the names that are not a term

    def __len__(self) -> int:
        return len(self.owners)

    def _at(self, index: int) -> str:
        return self.pick([index])[0]

    def pick(self, positions: Iterable[int]) -> list[str]:
        at = list(positions)
        names = pick(self._terms, map(self.owners.__getitem__, at))
        if self._aliases:
            for k in compress(range(len(at)), map(self._aliases.__contains__, at)):
                names[k] = self._aliases[at[k]]
        return names

    def _read_at_once(self) -> int:
        return _CHUNK


class Folded:
    """Each card's term key, names, comparison sides and folded definition, for every
    pass (folding was most of the time `check` took on a large deck, done again in each
    pass), made when read (the columns above)."""

    def __init__(
        self,
        term_keys: Sequence[str],
        names: FoldedNames,
        parts: dict[int, tuple[str, ...]],
        definitions: FoldedTexts,
        apart: Callable[[int, int], bool] = lambda i, j: False,
        alike: Callable[[int, int, float], bool] = lambda i, j, ratio: True,
        two_meanings: Callable[[int, int], bool] = lambda i, j: False,
        definitions_apart: Callable[[int, int], bool] = lambda i, j: False,
    ) -> None:
        self.term_keys = term_keys
        self.names = names  # the card's names folded, each once, the term's first
        self.parts = parts  # the sides of each comparison term ("X vs Y"), as written
        self.definitions = definitions
        # Two cards named alike only once folded, in a deck that writes marks, or once their
        # signs are dropped ("C", "C++"): two words (`DeckIndex.names_apart`);
        # and whether two names are alike as written, marks and all (`alike_with_marks`).
        self.apart = apart
        self.alike = alike
        # Two cards named alike whose definitions say two things ("…leading whitespace",
        # "…trailing whitespace": str.lstrip, str.rstrip): two words, not one mistyped.
        self.two_meanings = two_meanings
        # Two definitions alike only once folded where the definitions write marks ("él",
        # "el") or signs ("O(n)", "O(n!)"): two texts (`DeckIndex.definitions_apart`).
        self.definitions_apart = definitions_apart

    @classmethod
    def of(cls, deck: Deck, index: DeckIndex | None) -> Folded:
        """`index`: the generator's (None when the deck has no cards), whose normalised
        terms and definitions are mostly their folded forms already (`fold_all`)."""
        if index is None:
            return cls([], FoldedNames([], {}), {}, FoldedTexts([], [], hashed=True))
        cards = deck.cards
        terms = index.terms
        folded_terms = FoldedTexts(terms, index.term_norm)
        with_aliases = [i for i, card in enumerate(cards) if card.aliases]
        aliases = fold_all([alias for i in with_aliases for alias in cards[i].aliases])
        more: dict[int, tuple[str, ...]] = {}
        taken = 0
        kinds = index.kinds
        for i, term in zip(with_aliases, folded_terms.pick(with_aliases), strict=True):
            after = taken + len(cards[i].aliases)
            # "(adj.)" that many terms write, a word its term says one sense of: no names
            unnamed = kinds.no_names(cards[i].term)
            named = (a for a in aliases[taken:after] if a not in unnamed)
            more[i] = tuple(dict.fromkeys((term, *named)))
            taken = after
        return cls(
            TermKeys(terms, folded_terms),
            FoldedNames(folded_terms, more),
            comparison_parts_of(terms),
            FoldedTexts(index.definitions, index.def_norm, hashed=True),
            index.names_apart,
            index.alike_with_marks,
            functools.partial(two_meanings, index),
            index.definitions_apart,
        )
