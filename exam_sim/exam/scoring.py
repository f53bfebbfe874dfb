"""Scoring: an attempt's report, by topic like the real exam's, with a scaled score and a
verdict only for a mock on a deck with a blueprint."""

from __future__ import annotations

from collections.abc import Mapping

from exam_sim.enums import ItemKind
from exam_sim.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    Blueprint,
    Deck,
    ScoreReport,
    TopicScore,
)
from exam_sim.units import by_topic, gives_topics, percent_of

MEETS = "Meets competencies"
NEEDS = "Needs improvement"


def topic_threshold(blueprint: Blueprint) -> float:
    """Percent a topic needs for "Meets competencies": the pass mark's share of the scale
    (750 on 100–1000 → 72.2 %), so a learner at that level everywhere would pass."""
    return blueprint.topic_threshold


def is_graded(mode: AttemptMode, blueprint: Blueprint) -> bool:
    """A scaled score and a pass/fail verdict only for a mock on a deck with a blueprint:
    a drill is practice, and a blueprint exam-sim made up has no pass mark to speak of."""
    return mode is AttemptMode.MOCK and blueprint.graded


def score(
    attempt: Attempt,
    *,
    topic_names: Mapping[str | None, str] | None = None,
    card_tags: Mapping[str, tuple[str, ...]] | None = None,
    elapsed_seconds: float | None = None,
) -> ScoreReport:
    """Score an attempt; unanswered questions count as wrong. Every item kind counts one
    point, all or nothing (a multiple-response, ordering or matching item only when its
    whole response is right; each item of a case study on its own). Unscored items count
    for nothing: they are tallied apart (`unscored`, `unscored_correct`)."""
    blueprint = attempt.blueprint
    names = dict(topic_names or {})
    totals: dict[str | None, list[int]] = {}
    kinds: dict[str, list[int]] = {}
    correct = answered = unscored = unscored_correct = 0
    tags: dict[str, list[int]] = {}
    for question, answer in zip(attempt.questions, attempt.answers, strict=True):
        for tag in (card_tags or {}).get(question.card_id, ()):
            tally = tags.setdefault(tag, [0, 0])
            tally[1] += question.scored
            tally[0] += question.scored and answer.is_correct(question)
        if not question.scored:
            unscored += 1
            unscored_correct += answer.is_correct(question)
            continue
        kind = kinds.setdefault(question.kind.value, [0, 0])
        kind[1] += 1
        kind[0] += answer.is_correct(question)
        bucket = totals.setdefault(question.topic, [0, 0])
        bucket[1] += 1
        if answer.choice is not None:
            answered += 1
        if answer.is_correct(question):
            correct += 1
            bucket[0] += 1
    total = len(attempt.questions) - unscored
    threshold = topic_threshold(blueprint)
    order = list(names) + [t for t in totals if t not in names]
    topics = tuple(
        TopicScore(
            topic=topic,
            name=topic_name(topic, names),
            correct=totals[topic][0],
            total=totals[topic][1],
            verdict=MEETS
            if percent_of(totals[topic][0], totals[topic][1]) >= threshold - 1e-9
            else NEEDS,
        )
        for topic in order
        if topic in totals
    )
    by_topic_too = by_topic(totals)
    tag_scores = tuple(
        TopicScore(
            topic=None,
            name=tag,
            correct=right,
            total=asked,
            verdict=MEETS if percent_of(right, asked) >= threshold - 1e-9 else NEEDS,
        )
        for tag, (right, asked) in sorted(tags.items(), key=lambda item: item[0].casefold())
        if asked and not by_topic_too
    )
    fraction = correct / total if total else 0.0
    scaled = blueprint.scaled(fraction)
    graded = is_graded(attempt.mode, blueprint)
    elapsed = attempt.elapsed_seconds if elapsed_seconds is None else elapsed_seconds
    return ScoreReport(
        correct=correct,
        total=total,
        answered=answered,
        scaled=scaled if graded else None,
        passed=scaled >= blueprint.pass_score if graded else None,
        scaled_estimate=blueprint.scaled_estimate,
        pass_score=blueprint.pass_score,
        score_min=blueprint.score_min,
        score_max=blueprint.score_max,
        topics=topics,
        tags=tag_scores,
        time_used_seconds=elapsed,
        # The limit the learner was given: an untimed session had none to report.
        time_budget_seconds=attempt.time_limit_seconds,
        notes=attempt.notes,
        unscored=unscored,
        unscored_correct=unscored_correct,
        kinds={k.value: tuple(kinds[k.value]) for k in ItemKind if k.value in kinds},
        aim_reached=percent_of(correct, total) >= threshold - 1e-9
        if attempt.mode is AttemptMode.MOCK and not graded
        else None,
    )


def topic_name(topic: str | None, names: Mapping[str | None, str]) -> str:
    """A topic's name: the deck's, else its id made readable ("data-prep" → "Data prep")."""
    name = names.get(topic)
    if name:
        return name
    return topic.replace("-", " ").capitalize() if topic else "(no topic)"


def attempt_report_if_finished(
    attempt: Attempt,
    topic_names: Mapping[str | None, str],
    card_tags: Mapping[str, tuple[str, ...]] | None = None,
) -> ScoreReport | None:
    if attempt.status is AttemptStatus.IN_PROGRESS:
        return None
    return score(attempt, topic_names=topic_names, card_tags=card_tags)


def topic_names_of(deck: Deck | None) -> dict[str | None, str]:
    if deck is None:
        return {}
    return {topic.id: topic.name for topic in deck.topics}


def card_tags_of(deck: Deck | None) -> dict[str, tuple[str, ...]]:
    """Each tagged card's tags when the deck gives no topics, so that its reports are
    scored by tag instead (most decks people bring have tags, not topics); empty when it
    gives topics."""
    if deck is None or gives_topics(len(deck.topics), (card.topic for card in deck.cards)):
        return {}
    return {card.id: card.tags for card in deck.cards if card.tags}
