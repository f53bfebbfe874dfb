"""`audit_items`: what a test-wise guesser would score on a deck's written items.

The card audit (`audit`) asks questions the generator draws; a question bank's items are
written, and the item-writing flaws the guides warn of are cues a guesser picks on: the
key is the longest option, the only one repeating a word of the stem (a "clang
association"), the one worded least like the others, "All of the above" in last place.
No draw hides them: an item is asked as written, its options shuffled. So each single-
answer item of three options or more is asked with a few seeds and every solver answers
it (`cues.solve`, the same solvers as the cards'); the audit reports each solver's mean
next to chance, a `guessable` warning for one clearly above it over enough items, and
the items whose key one cue picks in every order. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from exam_sim.authored import Item
from exam_sim.decks.audit import (
    CONFIRM_SEEDS,
    CUE_KIND,
    GUESSABLE,
    GUESSABLE_CARDS,
    GUESSABLE_MARGIN,
    SEEDS,
    DirectionScores,
    audit_table,
    guessable_finding,
    solver_pick,
)
from exam_sim.decks.findings import Finding
from exam_sim.decks.item_lint import where
from exam_sim.enums import Direction, ItemKind
from exam_sim.generator.cues import POSITION_SOLVERS, SOLVERS, solve
from exam_sim.item_questions import question_of
from exam_sim.lexicon import Lexicon
from exam_sim.option_order import anchored
from exam_sim.units import cut_list

AUDIT_ITEMS = 500  # items audited at most (the first ones: a bank's order is its author's)

# What an item's writer can do about each kind of cue (the item-writing guides' advice).
ITEM_HELP = {
    "length": "longest or shortest: write the wrong options as long and as detailed as the key",
    "stem": "like the stem: say the key without the stem's words, or give wrong options "
    "that repeat them too",
    "likeness": "most or least like the others: word the wrong options the way the key is",
    "place": "first or last: an 'All of the above' or 'None of these' kept in place is "
    "the key too often (the guides advise against it)",
}
# The cards' kinds of cue, but "neither …" is the writer's length or wording (no draw
# puts a written key between the ends), and the place of a key kept in place a cue.
_KIND = {
    **CUE_KIND,
    "neither longest nor shortest": "length",
    "neither odd nor central": "likeness",
    **dict.fromkeys(("first option", "last option", "a middle option"), "place"),
}


@dataclass(frozen=True)
class ItemGiveAway:
    """An item whose key one or more solvers pick in every order it was asked in."""

    item: Item
    solvers: tuple[str, ...]
    questions: int

    @property
    def message(self) -> str:
        picks = " and ".join(solver_pick(solver) for solver in self.solvers)
        return f"{where(self.item)}: the key is {picks}"

    def to_json(self) -> dict[str, object]:
        return {
            "item_id": self.item.id,
            "line": self.item.line,
            "solvers": list(self.solvers),
            "questions": self.questions,
            "message": self.message,
        }


@dataclass(frozen=True)
class ItemAudit:
    """The guessing audit of a deck's written items (see the module docstring)."""

    items: int  # single-answer items of three options or more
    audited: int
    seeds: int
    confirm_seeds: int
    scores: DirectionScores | None = None
    give_aways: list[ItemGiveAway] = field(default_factory=list)

    def findings(self) -> list[Finding]:
        """A `guessable` warning per solver clearly above chance."""
        if self.scores is None:
            return []
        return [
            guessable_finding(
                self.scores, solver, "the written items", f"{self.scores.cards} items",
                tuple(g.item.id for g in self.give_aways if solver in g.solvers),
            )
            for solver in self.scores.guessable
        ]  # fmt: skip

    def to_json(self) -> dict[str, object]:
        return {
            "items": self.items,
            "audited": self.audited,
            "seeds": self.seeds,
            "confirm_seeds": self.confirm_seeds,
            "scores": self.scores.to_json() if self.scores else None,
            "give_aways": [g.to_json() for g in self.give_aways],
            "helps": item_help(self.scores.guessable if self.scores else []),
        }


def item_help(solvers: Sequence[str]) -> list[str]:
    """What helps against these cues, a line a kind of cue."""
    kinds = {_KIND[solver] for solver in solvers}
    return [ITEM_HELP[kind] for kind in ITEM_HELP if kind in kinds]


def _audited(item: Item) -> bool:
    """A single-answer item a cue could give away: three options or more (a true/false
    item's options are "True" and "False" whatever it asks)."""
    return item.kind is ItemKind.SINGLE and len(item.options) >= 3


def audit_items(
    items: Sequence[Item],
    *,
    seeds: int = SEEDS,
    confirm_seeds: int = CONFIRM_SEEDS,
    max_items: int = AUDIT_ITEMS,
) -> ItemAudit | None:
    """Ask each audited item with seeds 0 … seeds - 1 and let every solver answer; an
    item gives itself away when one solver picks its key in those questions and in those
    of the seeds up to `confirm_seeds` - 1. None when no item can be audited."""
    confirm_seeds = max(confirm_seeds, seeds)
    asked = [item for item in items if _audited(item)]
    if not asked:
        return None
    chosen = asked[:max_items]
    lexicon = Lexicon.for_texts(
        [item.stem for item in chosen] + [o.text for item in chosen for o in item.options]
    )
    totals = dict.fromkeys(SOLVERS, 0.0)
    chance = 0.0
    questions = ordered = 0
    give_aways = []
    for item in chosen:
        # Where options keep their written place ("All of the above"), the key's place is
        # the writer's, not the shuffle's: a cue of its own.
        fixed = bool(anchored([option.text for option in item.options], item.remarks))
        picked: list[str] | None = None
        for seed in range(confirm_seeds):
            question = question_of(item, None, seed=seed)  # as a session asks it
            scored = solve(question, lexicon)
            if seed < seeds:
                for name, credit in scored.items():
                    totals[name] += credit
                chance += 1 / len(question.options)
                questions += 1
                ordered += fixed
            outright = [name for name, credit in scored.items() if credit == 1.0]
            picked = outright if picked is None else [n for n in picked if n in outright]
            if not picked and seed >= seeds - 1:
                break
        if picked := [n for n in picked or [] if fixed or n not in POSITION_SOLVERS]:
            give_aways.append(ItemGiveAway(item, tuple(picked), confirm_seeds))
    scores = DirectionScores(
        Direction.AUTHORED,
        len(chosen),
        questions,
        chance / questions,
        {name: total / questions for name, total in totals.items()},
        ordered,
        len(asked),  # the first `max_items` stand for them all
    )
    return ItemAudit(len(asked), len(chosen), seeds, confirm_seeds, scores, give_aways)


def format_item_audit(audit: ItemAudit, *, shown: int | None = None) -> list[str]:
    """The items' audit as `exam-sim check` prints it, under the cards' one."""
    lines = ["Written items: what a guesser using one shallow cue would score"]
    which = (
        f"the first {audit.audited} of {audit.items}" if audit.audited < audit.items
        else f"all {audit.items}"
    )  # fmt: skip
    lines.append(
        f"  {which} single-answer items of 3 options or more, each asked {audit.seeds} "
        "times, options shuffled"
    )
    assert audit.scores is not None
    lines.extend(audit_table([audit.scores], asked="items"))
    if audit.scores.guessable:
        lines.append(
            f"  ! more than {100 * GUESSABLE_MARGIN:.0f} points above chance and above "
            f"{100 * GUESSABLE:.0f}%, over {GUESSABLE_CARDS} items or more: a `guessable` warning"
        )
    flagged = audit.scores.guessable
    if audit.scores.cards < GUESSABLE_CARDS:
        lines.append(
            f"  Too few items to tell a cue from chance ({audit.scores.cards} of the "
            f"{GUESSABLE_CARDS} needed)."
        )
    elif not flagged:
        lines.append("  No cue beats chance over the items.")
    for solver in flagged:
        named = [g for g in audit.give_aways if solver in g.solvers]
        if not named:  # "neither …": a split credit, never one item's outright
            continue
        lines.append(
            f"  Items whose key is {solver_pick(solver)} whatever the order "
            f"({len(named)} of {audit.scores.cards}):"
        )
        lines.extend(cut_list([f"    {where(g.item)}" for g in named], shown, lead="    "))
    if helps := item_help(flagged):
        lines.append("  What helps, by cue:")
        lines.extend(f"    {help_line}" for help_line in helps)
    return lines
