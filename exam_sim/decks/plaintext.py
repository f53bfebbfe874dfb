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
from exam_sim.text import looks_like_question


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
        orphan = _unpaired_line(lines)
        if orphan != 0:
            raise DeckError(
                _orphan_problem(lines, orphan, 0, "odd number of lines"),
                file=name,
                line=lines[orphan][0],
            )
        file_title = lines[0][1]
        lines = lines[1:]
    else:
        lost = _lost_line_after_title(lines)
        if lost is not None:
            problem = "the title line is followed by an odd number of lines"
            raise DeckError(
                _orphan_problem(lines, lost, 1, problem), file=name, line=lines[lost][0]
            )
    raws = [
        RawCard(term=lines[i][1], definition=lines[i + 1][1], line=lines[i][0])
        for i in range(0, len(lines), 2)
    ]
    if not raws:
        raise DeckError("no cards found: only a title line", file=name)
    return build_deck(raws, file=name, title=title or file_title, deck_id=deck_id)


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
    if definition.endswith("?") and not term.endswith("?"):
        return 0  # definitions do not ask questions
    if looks_like_question(term):
        return 1
    return 1 if len(term) <= len(definition) else 0


def _orphan_scores(texts: list[str]) -> list[int]:
    """For an odd number of lines: score[j] (j even) is how many pairs fit when line j is
    the one left without a partner (lines before it pair from the start, lines after it
    pair from the next line). Prefix sums keep it linear."""
    count = len(texts)
    # fits_from_start[k]: fitting pairs among (0,1), (2,3), … before line k.
    fits_from_start = [0] * (count + 1)
    for k in range(0, count - 1, 2):
        fits_from_start[k + 2] = fits_from_start[k] + _pair_fits(texts[k], texts[k + 1])
    # fits_to_end[k]: fitting pairs among (k,k+1), (k+2,k+3), … to the end (k odd).
    fits_to_end = [0] * (count + 2)
    for k in range(count - 2, 0, -2):
        fits_to_end[k] = fits_to_end[k + 2] + _pair_fits(texts[k], texts[k + 1])
    return [fits_from_start[j] + fits_to_end[j + 1] if j % 2 == 0 else -1 for j in range(count)]


def _margin(pairs: int) -> int:
    # How many more fitting pairs another reading needs before we distrust the plain one;
    # the wrong reading of a real deck fits only a few pairs by chance.
    return max(2, pairs // 20)


def _unpaired_line(lines: list[tuple[int, str]]) -> int:
    """Index of the unpaired line that best explains an odd file; 0 means the title.

    The title reading wins unless another single unpaired line fits clearly more pairs.
    """
    scores = _orphan_scores([text for _, text in lines])
    best = max(range(0, len(scores), 2), key=lambda j: (scores[j], -j))
    if scores[best] - scores[0] >= _margin(len(lines) // 2):
        return best
    return 0


def _lost_line_after_title(lines: list[tuple[int, str]]) -> int | None:
    """For an even file: index of a line that lost its partner in a deck with a title line,
    when that reading fits clearly more pairs than "no title, all paired"; else None."""
    texts = [text for _, text in lines]
    plain = sum(_pair_fits(texts[i], texts[i + 1]) for i in range(0, len(texts) - 1, 2))
    scores = _orphan_scores(texts[1:])
    candidates = range(2, len(scores), 2)
    if not candidates:
        return None
    best = max(candidates, key=lambda j: (scores[j], -j))
    if scores[best] - plain >= _margin(len(lines) // 2):
        return best + 1
    return None
