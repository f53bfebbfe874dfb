"""The seed format: an optional title line, then term and definition on alternating lines.

Blank lines are ignored. Whether the first line is a title is decided by counting: with an
odd number of non-blank lines the first is the title, with an even number there is none.
An odd count can also mean a term lost its definition; before trusting the title reading
we check that it pairs lines sensibly, and if another single unpaired line explains the
file much better we report that line instead of silently shifting every card.
"""

from __future__ import annotations

import math
from pathlib import Path
from statistics import median

from exam_sim.decks.common import (
    RawCard,
    build_deck,
    decode,
    display_name,
    read_bytes,
    short,
    split_lines,
)
from exam_sim.models import Deck, DeckError
from exam_sim.text import QUESTION_MARKS, looks_like_question

# Evidence that a line lost its partner: at least this many pairs on a side, fitting the
# short-term/long-definition pattern at least this often one way (and rarely the other).
_MIN_EVIDENCE = 2
_CLEAR = 0.8


def read_plaintext(path: str | Path, **options: object) -> Deck:
    return parse_plaintext(read_bytes(path), file=str(path), **options)  # type: ignore[arg-type]


def parse_plaintext(
    data: str | bytes,
    *,
    file: str | None = None,
    title: str | None = None,
    deck_id: str | None = None,
) -> Deck:
    """Parse the alternating-lines format. `title` overrides the title line (if any)."""
    name = display_name(file)
    text = decode(data, name)
    lines = [(n, line.strip()) for n, line in enumerate(split_lines(text), start=1) if line.strip()]
    file_title: str | None = None
    if len(lines) % 2 == 1:
        orphan, near = _unpaired_line(lines)
        if orphan != 0:
            error = _lost_line_error(lines, orphan, near, 0, "odd number of lines", name)
            if _turned_after_a_title(lines):  # as likely: say it too
                error.problem += (
                    f"; or line {lines[0][0]} is a title and every card gives its "
                    "description before its name: then write each name first"
                )
            raise error
        file_title = lines[0][1]
        lines = lines[1:]
    else:
        lost, near = _lost_line_after_title(lines)
        if lost is not None:
            problem = "the title line is followed by an odd number of lines"
            raise _lost_line_error(lines, lost, near, 1, problem, name)
    raws = [
        RawCard(term=lines[i][1], definition=lines[i + 1][1], line=lines[i][0])
        for i in range(0, len(lines), 2)
    ]
    if not raws:
        raise DeckError("no cards found: only a title line", file=name)
    return build_deck(raws, file=name, title=title or file_title, deck_id=deck_id, turn=True)


def _lost_line_error(
    lines: list[tuple[int, str]], orphan: int, near: list[int], start: int, lead: str, name: str
) -> DeckError:
    """Name the most likely unpaired line; when neighbouring lines are nearly as likely
    (a card whose answer is as short as "No" blurs the evidence), say where else to look,
    since a confident wrong line number would send the author to the wrong place."""
    problem = _orphan_problem(lines, orphan, start, lead)
    if len(near) > 1:
        first, last = lines[near[0]][0], lines[min(near[-1] + 1, len(lines) - 1)][0]
        problem += f" (or a line is missing nearby: check lines {first}–{last})"
    return DeckError(problem, file=name, line=lines[orphan][0])


def _turned_after_a_title(lines: list[tuple[int, str]]) -> bool:
    """Does every pair after the first line fit the other way round (a description, then
    its name: `decks.turned`)? Then a title and such cards read the file as well as a lost
    last line does, and lengths cannot tell the two apart."""
    texts = [text for _, text in lines]
    fitting, pairs = _PairFits(texts)(1, len(texts))
    return pairs >= _MIN_EVIDENCE and fitting <= (1 - _CLEAR) * pairs


def _orphan_problem(lines: list[tuple[int, str]], orphan: int, start: int, lead: str) -> str:
    """Say which line has no partner, as a term without definition or the reverse: the
    unpaired line is called whatever its length is closer to among the deck's pairs."""
    number, text = lines[orphan]
    texts = [t for _, t in lines]
    pairs = [(texts[i], texts[i + 1]) for i in range(start, orphan - 1, 2)]
    pairs += [(texts[i], texts[i + 1]) for i in range(orphan + 1, len(texts) - 1, 2)]
    term_len = median(len(t) for t, _ in pairs) if pairs else 1
    definition_len = median(len(d) for _, d in pairs) if pairs else 1
    # Lengths between the two medians (geometric midpoint ±50%) are too close to call.
    midpoint = math.sqrt(max(term_len, 1) * max(definition_len, 1))
    if looks_like_question(text) or len(text) * 1.5 <= midpoint:
        return f"{lead}: term {short(text)} on line {number} has no definition"
    if len(text) >= midpoint * 1.5:
        return f"{lead}: line {number} ({short(text)}) looks like a definition without a term"
    return (
        f"{lead}: line {number} ({short(text)}) has no partner; it is either a term "
        "without its definition or a definition without its term"
    )


def _pair_fits(term: str, definition: str) -> int:
    """1 when (term, definition) looks like a card the right way round, else 0."""
    if definition.endswith(QUESTION_MARKS) and not term.endswith(QUESTION_MARKS):
        return 0  # definitions do not ask questions
    if looks_like_question(term):
        return 1
    return 1 if len(term) <= len(definition) else 0


class _PairFits:
    """How many pairs fit when lines start, start+1 … stop-1 pair up from `start`, in
    constant time (prefix sums per parity), so looking for a lost line stays linear."""

    def __init__(self, texts: list[str]) -> None:
        fits = [_pair_fits(texts[k], texts[k + 1]) for k in range(len(texts) - 1)]
        # prefix[k]: fitting pairs (i, i+1) with i < k and i of the same parity as k.
        self.prefix = [0] * (len(fits) + 2)
        for k in range(2, len(fits) + 2):
            self.prefix[k] = self.prefix[k - 2] + fits[k - 2]

    def __call__(self, start: int, stop: int) -> tuple[int, int]:
        pairs = max(0, (stop - start) // 2)
        end = start + 2 * pairs  # first start index not counted, same parity as start
        return self.prefix[end] - self.prefix[start], pairs


def _clearly(fitting: int, pairs: int, share: float = _CLEAR) -> bool:
    return pairs >= _MIN_EVIDENCE and fitting >= share * pairs


def _unpaired_line(lines: list[tuple[int, str]]) -> tuple[int, list[int]]:
    """For an odd file: index of the line left without a partner; 0 means the title.

    The length pattern (short term, longer definition) only counts as evidence when it is
    clear: the lines before the unpaired line must pair well one way and badly the other
    (the title reading), and the deck as a whole must follow the pattern. Decks whose two
    sides have similar lengths (vocabulary) never produce evidence, so they keep the title
    reading.
    """
    texts = [text for _, text in lines]
    count = len(texts)
    fits = _PairFits(texts)
    best, best_gap = 0, 0
    gaps: dict[int, int] = {}
    for orphan in range(2 * _MIN_EVIDENCE, count, 2):
        region = orphan // 2
        as_orphan, _ = fits(0, orphan)
        as_title, _ = fits(1, orphan + 1)
        if not (_clearly(as_orphan, region) and as_title <= (1 - _CLEAR) * region):
            continue
        after, after_pairs = fits(orphan + 1, count)
        whole = (as_orphan + after) / (region + after_pairs)
        if whole < _CLEAR or (after_pairs and after < 0.6 * after_pairs):
            continue
        gaps[orphan] = as_orphan - as_title
        if as_orphan - as_title > best_gap:
            best, best_gap = orphan, as_orphan - as_title
    return best, _close_calls(gaps, best)


def _lost_line_after_title(lines: list[tuple[int, str]]) -> tuple[int | None, list[int]]:
    """For an even file: index of a line that lost its partner in a deck with a title.

    Evidence must be clear on both sides: before the line the pairs fit when the first line
    is a title, after it they fit the plain reading. (A deck whose fronts are all longer
    than its backs shows the first pattern everywhere and the second nowhere: no error.)
    """
    texts = [text for _, text in lines]
    count = len(texts)
    fits = _PairFits(texts)
    best: int | None = None
    best_gap = 0
    gaps: dict[int, int] = {}
    for orphan in range(1 + 2 * _MIN_EVIDENCE, count - 2 * _MIN_EVIDENCE, 2):
        before, pairs = fits(1, orphan)
        plain_before, _ = fits(0, orphan + 1)
        after, after_pairs = fits(orphan + 1, count)
        if _clearly(before, pairs) and _clearly(after, after_pairs):
            gap = before - plain_before
            if gap >= _MIN_EVIDENCE:
                gaps[orphan] = gap
            if gap >= _MIN_EVIDENCE and gap > best_gap:
                best, best_gap = orphan, gap
    return best, _close_calls(gaps, best) if best is not None else []


def _close_calls(gaps: dict[int, int], best: int) -> list[int]:
    """The candidates next to the best one that the evidence cannot tell apart from it
    (within one pair), e.g. around a card whose answer is as short as "No"."""
    near = [best]
    for step in (-2, 2):
        candidate = best + step
        while candidate in gaps and gaps[candidate] >= gaps[best] - 1:
            near.append(candidate)
            candidate += step
    return sorted(near)
