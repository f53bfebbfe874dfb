"""What a finished study session leaves to go over: its score by topic and the cards
missed, each with what was taken for it and when the schedule brings it back.

The end of a study session in the TUI and in `study --plain` both show this (worded by
`present.study.topics_line` and `missed_lines`), so that the session ends on what to
learn, not on a bare count. Pure: the caller passes the attempt, its report, the deck and
the deck's memories.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from exam_sim.models import Attempt, Deck, Direction, ItemKind, Question, ScoreReport, TopicScore
from exam_sim.schedule.memory import Memory
from exam_sim.units import by_topic


@dataclass(frozen=True)
class MissedCard:
    """A card answered wrong in the session (once, however often it was asked)."""

    card: str  # "term — definition" (question — answer), as the feedback showed it
    name: str  # where `card` opens with it, the card's term (a screen sets it apart)
    chosen: str  # the card taken for it: its name; "" when the choice was no card's
    due: datetime | None  # when the schedule asks it again; None when it has no memory


@dataclass(frozen=True)
class StudyRecap:
    topics: tuple[TopicScore, ...]  # by topic: only when the session asked two or more
    missed: tuple[MissedCard, ...]  # in the order they were first asked


def study_recap(
    attempt: Attempt, report: ScoreReport, deck: Deck, memories: Mapping[str, Memory]
) -> StudyRecap:
    """The recap of a finished study `attempt` (`report`: its score report)."""
    terms = {card.id: card.term for card in deck.cards}
    # A card is named on one line in a list of cards ("猫 ねこ" for a term written on two).
    names = {card_id: " ".join(term.split()) for card_id, term in terms.items()}
    missed: list[MissedCard] = []
    seen: set[str] = set()
    for question, answer in zip(attempt.questions, attempt.answers, strict=True):
        if answer.choice is None or answer.is_correct(question) or question.card_id in seen:
            continue
        seen.add(question.card_id)
        memory = memories.get(question.card_id)
        text, term = _card_text(question), terms.get(question.card_id, "")
        opens_on_term = bool(term) and text.startswith(f"{term} — ")
        if opens_on_term:
            text = names[question.card_id] + text[len(term) :]
        missed.append(
            MissedCard(
                card=text,
                name=names[question.card_id] if opens_on_term else "",
                chosen=_chosen_name(question, answer.choice, names),
                due=memory.due if memory is not None else None,
            )
        )
    asked = [t for t in report.topics if t.total]
    topics = tuple(asked) if len(asked) > 1 and by_topic(t.topic for t in asked) else ()
    return StudyRecap(topics=topics, missed=tuple(missed))


def _card_text(question: Question) -> str:
    """The asked card in one line: its feedback line ("Metoprolol — A cardioselective…")
    when the question has one, else its stem and key (a written question's: its key's
    rationale says why, not what was asked)."""
    key = question.answer
    written = question.direction is Direction.AUTHORED
    if question.explanations and key < len(question.explanations) and not written:
        return question.explanations[key]
    return f"{question.stem} — {_key_words(question)}"


def _chosen_name(question: Question, choice: int, names: Mapping[str, str]) -> str:
    """The name of the card chosen instead of the key ("" for a choice of no card: a
    true/false answer, another kind of item, a card gone from the deck)."""
    if question.kind is not ItemKind.SINGLE or not 0 <= choice < len(question.option_card_ids):
        return ""
    card_id = question.option_card_ids[choice]
    if card_id == question.card_id:
        return ""  # true/false: both options are the card's
    return names.get(card_id, "")


def _key_words(question: Question) -> str:
    """The right answer in words, on one line: the key; a multiple response's keys ("Glue;
    Athena"); an ordering's steps in order ("Collect → Clean → Train"); a matching's
    prompts with their responses ("Model Monitor: drift; Clarify: bias"). A part's full
    stop is left out before the next (not "… in Amazon S3.; Generate …")."""
    options = question.options
    if question.kind is ItemKind.MULTIPLE:
        parts = [options[k] for k in question.key_set]
        joint = "; "
    elif question.kind is ItemKind.ORDERING:
        parts, joint = [options[k] for k in question.keys], " → "
    elif question.kind is ItemKind.MATCHING:
        pairs = zip(question.prompts, question.keys, strict=True)
        parts, joint = [f"{prompt}: {options[key]}" for prompt, key in pairs], "; "
    else:
        return options[question.answer]
    return joint.join([*(_without_stop(part) for part in parts[:-1]), parts[-1]])


def _without_stop(text: str) -> str:
    """`text` without one full stop at its end (an ellipsis and "etc." keep theirs)."""
    if text.endswith(".") and not text.endswith(("..", "etc.")):
        return text[:-1]
    return text
