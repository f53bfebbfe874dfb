"""The small units every layer shares: option letters, a percentage, the topic threshold,
whether scores are worth splitting by topic, a matching item's pairs, an explanation
all options share, how long until a review, a long list cut short.

Written once here so that the store, the scoring, the exports and both front ends compute
them alike. Pure, no pydantic (the TUI's home screen may use them before the core loads).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# One letter per option; a generated question has at most six (`generator.MAX_OPTIONS`),
# which the TUI binds to keys. An authored matching item may offer more responses (7 pairs
# and distractors): they go on to ITEM_LETTERS.
LETTERS = "ABCDEF"
ITEM_LETTERS = "ABCDEFGHIJKL"
# A true/false item's stem starts with its question: the generator writes it there (so the
# stored item shows it) and the front ends read it back (`present` re-exports it).
TRUE_FALSE_PROMPT = "True or false?"
# An acronym asked as what it stands for, its options expansions (`generator.expansions`):
# a question's own task (`Question.task`), above the stem in place of its direction's.
EXPANSION_PROMPT = "What does this abbreviation stand for?"
# A card whose description is a sentence with a blank (an Anki cloze note's deletion, a
# fill-in-the-blank card), asked from its sentence, the only way it is asked.
BLANK_PROMPT = "Which answer fills the blank?"
# How a wrong option the generator made (an acronym's expansion, a number, a date) opens
# its explanation: it is no card's, and choosing it is no confusion with another card.
MADE_UP = "Made up: "


def is_made(explanation: str) -> bool:
    """Does this explanation say its option was made up (`MADE_UP`)?"""
    return explanation.startswith(MADE_UP)


def made_beside(explanation: str, option: str) -> str:
    """A made option's explanation shown right under the option, which it need not name
    again: "Made up: 9 is a number near the right one." → "Made up: a number near the
    right one."; any other explanation as it is."""
    named = f"{MADE_UP}{option} is "
    return MADE_UP + explanation[len(named) :] if explanation.startswith(named) else explanation


def letter(index: int) -> str:
    """A, B, C… for option 0, 1, 2… (digits beyond L, which no item reaches)."""
    return ITEM_LETTERS[index] if 0 <= index < len(ITEM_LETTERS) else str(index + 1)


def listed(numbers: Sequence[int], most: int = 5) -> str:
    """Line numbers as a reader names them: "4, 9, 12", the first `most` then "…"."""
    return ", ".join(map(str, numbers[:most])) + (", …" if len(numbers) > most else "")


def counted(number: int, noun: str) -> str:
    """ "1 card", "100,000 cards": digits grouped, the noun plural unless one."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def deck_size(cards: int, items: int) -> str:
    """ "78 cards", "6 items", "78 cards and 6 items": what a deck holds. A question bank
    (Aiken, GIFT) has items and no cards: "0 cards" would say it is empty."""
    if not items:
        return counted(cards, "card")
    if not cards:
        return counted(items, "item")
    return f"{counted(cards, 'card')} and {counted(items, 'item')}"


def size_heading(cards: int, items: int) -> str:
    """The heading of a column that counts a deck's entries by topic: "Cards", "Items",
    or "Entries" when the deck has both."""
    return "Entries" if cards and items else "Items" if items else "Cards"


def percent_of(part: float, whole: float) -> float:
    """`part` as a percentage of `whole`; 0 when there is nothing to count."""
    return 100.0 * part / whole if whole else 0.0


def threshold_percent(pass_score: float, score_min: float, score_max: float) -> float:
    """Percent a topic needs for "Meets competencies": the pass mark's share of the scale
    (750 on 100–1000 → 72.2 %), so a learner at that level everywhere would pass."""
    span = score_max - score_min
    return percent_of(pass_score - score_min, span)


def by_topic(topics: Iterable[str | None]) -> bool:
    """Whether scores over questions of these topic ids (None: no topic) are shown topic
    by topic: not when no question had one (a deck that gives no topics, most decks people
    bring), where a table of one "(no topic)" row would only repeat the whole. Reports,
    `history show` and `history topics`, the History screen, the charts and the forecast
    all follow this."""
    return any(topic is not None for topic in topics)


def gives_topics(declared: int, topics: Iterable[str | None]) -> bool:
    """Whether a deck gives topics: some declared, or some card with a topic id (`topics`:
    its cards' topic ids). One without is scored by its cards' tags, if they have any
    (`exam.card_tags_of`), and Home says so (`deck_panel`)."""
    return bool(declared) or by_topic(topics)


def matched_pairs(
    keys: Sequence[int], response: Sequence[int], option_card_ids: Sequence[str]
) -> list[tuple[str, bool]]:
    """Each prompt's card of a matching item made from cards (its key response's card),
    and whether the learner matched it right, for a whole response. The item scores all
    or nothing, as the real exam does; the learning loop reads each card's own pair (its
    review, its right and wrong counts). A prompt whose response has no card is left out."""
    return [
        (option_card_ids[key], chosen == key)
        for key, chosen in zip(keys, response, strict=False)
        if 0 <= key < len(option_card_ids) and option_card_ids[key]
    ]


def one_explanation(explanations: Sequence[str]) -> str | None:
    """The explanation every option shares (a true/false question's one card), said once
    after the options rather than under each; None when the options have their own."""
    if len(explanations) > 1 and explanations[0] and len(set(explanations)) == 1:
        return explanations[0]
    return None


def wait_text(seconds: float) -> str:
    """ "now", "in 4 min", "in 3 h", "in 2 days": how long until a review."""
    if seconds <= 0:
        return "now"
    minutes = seconds / 60
    if minutes < 60:
        return f"in {max(1, round(minutes))} min"
    hours = minutes / 60
    if hours < 36:
        return f"in {round(hours)} h"
    days = round(hours / 24)
    return f"in {days} days"


def cut_list(
    lines: Sequence[str], shown: int | None, *, lead: str = "", kind: str = ""
) -> list[str]:
    """`lines`, the first `shown` of them (None: all) and then one line, after `lead`, that
    says how many more and how to see them: "… and 31 more self-naming warnings (--all
    lists them)" (`kind`: what they are, when the lines do not say it)."""
    if shown is None or len(lines) <= shown:
        return list(lines)
    what = f"{kind} " if kind else ""
    return [*lines[:shown], f"{lead}… and {len(lines) - shown} more {what}(--all lists them)"]


# What a deck with nothing to schedule has (one built in code: a deck file always has
# cards or questions): said by Home's study line and by a study session refused
# (`exam.request.study_cards`).
NOTHING_TO_STUDY = "no cards and no questions"
