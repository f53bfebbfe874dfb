"""`audit_deck`: what a test-wise guesser would score on a deck's questions.

A guesser who knows nothing of the subject can still pick on shallow cues: the longest
option, the option most like the stem, the only option sharing a word with it, the odd one
out… (`exam_sim.generator.cues.SOLVERS`, the same solvers the generator balances its wrong
options against). The audit asks the deck's own questions, every audited card in each
direction the generator allows (`QuestionGenerator.directions_for`) with a few seeds, and
lets every solver answer them (`cues.solve`). It reports:

- per direction, each solver's mean credit next to chance (1 / options): on a deck the
  generator handles well every solver scores about chance;
- the cards that give themselves away: a solver picks the key in every question asked of
  the card in that direction (confirmed with more seeds, so that a cue the draw puts on
  top by chance now and then is not taken for one that no draw can hide);
- the cards that cannot be asked at all, and why: every card of a deck up to
  UNASKABLE_READ cards is read for this (no question is needed to tell), the sample's past
  that; a card whose every question fails is found among the sample's.

A solver clearly above chance (see `guessable_line`) over at least GUESSABLE_CARDS cards
of a direction becomes a `guessable` warning. Large decks are sampled (a fixed seed, so
two runs agree); the report says so. Pure: no I/O.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from exam_sim.decks.findings import Finding, label
from exam_sim.generator import (
    DEFAULT_OPTIONS,
    GeneratorError,
    QuestionGenerator,
    generator_for,
)
from exam_sim.generator.batch import UNASKABLE_READ
from exam_sim.generator.cues import POSITION_SOLVERS, SOLVERS, form, solve
from exam_sim.generator.ordering import numeric_order
from exam_sim.lexicon import fold, words
from exam_sim.models import Card, CardPlaces, Deck, Direction
from exam_sim.units import counted, cut_list

SEEDS = 3  # questions per card and direction for the means
CONFIRM_SEEDS = 8  # questions a card must give away, all of them, to be named
AUDIT_CARDS = 100  # cards audited at most (a sample, with a fixed seed, above that)
SAMPLE_SEED = 0
GUESSABLE = 0.35  # a solver above this (and 10 points above chance) is a warning…
GUESSABLE_MARGIN = 0.10
GUESSABLE_CARDS = 20  # …over at least this many cards of a direction
# …and, on a sample of the deck, by more than the sample's error: its rate less Z90
# standard errors still over the line (one-sided 90 %; the cards are the draws, a card's
# seeds sharing its cues; a deck audited whole has no such error).
Z90 = 1.2816

# What each solver picks, as a phrase ("… in 8 of 8 questions").
SOLVER_PICKS = {
    "longest option": "the longest option",
    "shortest option": "the shortest option",
    "neither longest nor shortest": "an option neither the longest nor the shortest",
    "most like the stem": "the option most like the stem",
    "most stems shared with the stem": "the option sharing the most words with the stem",
    "only option sharing a stem": "the only option sharing a word with the stem",
    "odd one out": "the option least like the others (odd one out)",
    "most central": "the option most like the others",
    "neither odd nor central": "an option neither the odd one out nor the most central",
    "opening like the stem": "the only option opening like the stem (an article, or 'to')",
    "first option": "the first option",
    "last option": "the last option",
    "a middle option": "an option neither first nor last",
}


# What a deck's author can do about a card one cue gives away, by the kind of cue: said
# once under the list, for the kinds it holds, in this order.
CUE_HELP = {
    "length": "longest or shortest: more cards of its length, or its text said longer or shorter",
    "stem": "most like the stem: its other side said without the stem's words",
    "likeness": "most or least like the others: more cards worded like it",
    "middle": "between the ends: more cards of other lengths and wordings",
}
CUE_KIND = {
    "longest option": "length",
    "shortest option": "length",
    "neither longest nor shortest": "middle",
    "most like the stem": "stem",
    "most stems shared with the stem": "stem",
    "only option sharing a stem": "stem",
    "opening like the stem": "stem",
    "odd one out": "likeness",
    "most central": "likeness",
    "neither odd nor central": "middle",
}


# Said instead of CUE_HELP["stem"] where every card a stem cue gives away is one side
# abbreviating the other ("Ar", Argon): no wording hides a symbol made from its name.
ABBREVIATION_HELP = (
    "most like the stem: nothing helps where one side abbreviates the other ({example}): "
    "a symbol made from its name is spelled like it, whatever the wrong options"
)


def cue_help(give_aways: Sequence[GiveAway]) -> list[str]:
    """What helps each kind of cue these cards give themselves away to (`CUE_HELP`)."""
    kinds = {CUE_KIND.get(solver) for g in give_aways for solver in g.solvers}
    helps = [CUE_HELP[kind] for kind in CUE_HELP if kind in kinds]
    on_stem = [g.card for g in give_aways if any(CUE_KIND.get(s) == "stem" for s in g.solvers)]
    if on_stem and all(map(abbreviates, on_stem)):
        example = f"'{on_stem[0].term}', {on_stem[0].definition}"
        helps[helps.index(CUE_HELP["stem"])] = ABBREVIATION_HELP.format(example=example)
    return helps


def abbreviates(card: Card) -> bool:
    """Is one side of the card a symbol or acronym made of the other's letters, in order,
    from its first ("Ar" and "Argon", "He" and "Helium"; not "Fe" and "Iron")?"""
    short, long = sorted((card.term.strip(), card.definition.strip()), key=len)
    if form(short) != "symbol" or not long:
        return False
    spelled, name = fold(long), fold(short)
    letters = iter(spelled)  # read once, in order: each letter found past the last
    return spelled[0] == name[0] and all(ch in letters for ch in name)


def guessable_line(chance: float) -> float:
    """The score above which a solver counts as beating chance: 0.35 with four options."""
    return max(GUESSABLE, chance + GUESSABLE_MARGIN)


def guessable_finding(
    scores: DirectionScores, solver: str, asked: str, over: str, ids: tuple[str, ...]
) -> Finding:
    """The `guessable` warning of one solver: "picking the longest option scores 68% on
    the written items (chance: 25%, over 25 items): …" (`asked`: on what, `over`: how many)."""
    return Finding(
        "warning",
        "guessable",
        f"picking {solver_pick(solver)} scores {_percent(scores.credits[solver])} on {asked} "
        f"(chance: {_percent(scores.chance)}, over {over}): a guesser beats chance without "
        "knowing the subject; see the guessing audit",
        ids,
    )


def solver_pick(solver: str) -> str:
    return SOLVER_PICKS.get(solver, f"the option the '{solver}' cue picks")


@dataclass(frozen=True)
class DirectionScores:
    """Every solver's mean credit on the questions of one direction."""

    direction: Direction
    cards: int
    questions: int
    chance: float
    credits: dict[str, float]
    ordered: int = 0  # questions whose options were shown in numerical order
    population: int = 0  # the deck's cards of this direction the sample stands for (0: all)

    @property
    def guessable(self) -> list[str]:
        """Solvers clearly above chance, when enough cards were asked to tell: above
        `guessable_line`, on a sample by more than its own error (a 100-card sample of the
        bundled MLA-C01 deck read one cue at 36 %, one point over the line, which every
        card of it puts at 32 %). The key's place is the shuffle's unless options were put
        in numerical order: only then can a place solver be more than noise."""
        if self.cards < GUESSABLE_CARDS:
            return []
        line = guessable_line(self.chance)
        return [
            name
            for name, credit in self.credits.items()
            if credit - Z90 * self.sampling_error(credit) > line
            and (self.ordered or name not in POSITION_SOLVERS)
        ]

    def sampling_error(self, credit: float) -> float:
        """The standard error of a rate read on `cards` of `population` cards (with the
        finite-population correction: none when the sample is the whole)."""
        n, whole = self.cards, self.population
        if whole <= n:
            return 0.0
        return math.sqrt(credit * (1 - credit) / n * (whole - n) / (whole - 1))

    def to_json(self) -> dict[str, object]:
        return {
            "direction": self.direction.value,
            "cards": self.cards,
            "questions": self.questions,
            "chance": round(self.chance, 4),
            "ordered": self.ordered,
            "solvers": [
                {"solver": name, "credit": round(credit, 4)}
                for name, credit in self.credits.items()
            ],
            "guessable": self.guessable,
        }


@dataclass(frozen=True)
class GiveAway:
    """A card whose key one or more solvers pick in every question asked of it in one
    direction."""

    card: Card
    direction: Direction
    solvers: tuple[str, ...]
    questions: int
    places: CardPlaces = "line"  # what the card's line counts (`Deck.card_places`)

    @property
    def message(self) -> str:
        solvers = list(self.solvers)
        if "only option sharing a stem" in solvers and "most stems shared with the stem" in solvers:
            solvers.remove("most stems shared with the stem")  # implied: say it once
        picks = " and ".join(solver_pick(solver) for solver in solvers)
        return (
            f"{label(self.card, self.places)}, {self.direction.label}: "
            f"{picks} in {self.questions} of {self.questions} questions"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "card_id": self.card.id,
            "term": self.card.term,
            "line": self.card.line,
            "direction": self.direction.value,
            "solvers": list(self.solvers),
            "questions": self.questions,
            "message": self.message,
        }


@dataclass(frozen=True)
class Unaskable:
    card: Card
    reason: str
    refers: bool = False  # a cross-reference: its `cross-reference` warning says so
    places: CardPlaces = "line"  # what the card's line counts (`Deck.card_places`)

    @property
    def message(self) -> str:
        return f"{label(self.card, self.places)}: {self.reason}"

    def to_json(self) -> dict[str, object]:
        return {
            "card_id": self.card.id,
            "term": self.card.term,
            "line": self.card.line,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Audit:
    """The guessing audit of one deck (see the module docstring)."""

    cards: int
    audited: int
    options: int
    seeds: int
    confirm_seeds: int
    directions: list[DirectionScores] = field(default_factory=list)
    give_aways: list[GiveAway] = field(default_factory=list)
    unaskable: list[Unaskable] = field(default_factory=list)
    error: str | None = None  # why no question could be asked at all
    read: int = 0  # cards read for `unaskable`: every card, or the sample's

    @property
    def read_whole(self) -> bool:
        """Was every card read for the cards that cannot be asked?"""
        return self.read == self.cards

    @property
    def sampled(self) -> bool:
        return self.audited < self.cards

    def findings(self) -> list[Finding]:
        """A `guessable` warning per solver clearly above chance in a direction; one
        `unaskable` warning naming the cards that cannot be asked."""
        found = []
        # A cross-reference has its own warning, which says what to do (an alias).
        lost = [u for u in self.unaskable if not u.refers]
        if lost:
            count = len(lost)
            among = "" if self.read_whole else f" (of the {self.read} sampled)"
            them = "it" if count == 1 else "them"
            found.append(
                Finding(
                    "warning",
                    "unaskable",
                    f"{counted(count, 'card')}{among} cannot be asked: no question is made "
                    f"of {them}, so no exam, drill or study session shows {them} (the "
                    "guessing audit below says why)",
                    tuple(u.card.id for u in lost),
                )
            )
        for scores in self.directions:
            for solver in scores.guessable:
                cards = tuple(
                    g.card.id
                    for g in self.give_aways
                    if g.direction is scores.direction and solver in g.solvers
                )
                over = f"{scores.cards} sampled cards" if self.sampled else f"{scores.cards} cards"
                asked = f"{scores.direction.label} questions"
                found.append(guessable_finding(scores, solver, asked, over, cards))
        return found

    def to_json(self) -> dict[str, object]:
        return {
            "cards": self.cards,
            "audited": self.audited,
            "sampled": self.sampled,
            "options": self.options,
            "seeds": self.seeds,
            "confirm_seeds": self.confirm_seeds,
            "error": self.error,
            "directions": [d.to_json() for d in self.directions],
            "give_aways": [g.to_json() for g in self.give_aways],
            "helps": cue_help(self.give_aways),
            "unaskable": [u.to_json() for u in self.unaskable],
            "unaskable_read": self.read,
        }


def audit_deck(
    deck: Deck,
    *,
    options: int = DEFAULT_OPTIONS,
    seeds: int = SEEDS,
    confirm_seeds: int = CONFIRM_SEEDS,
    max_cards: int = AUDIT_CARDS,
) -> Audit:
    """Ask the deck's questions and let every shallow-cue solver answer them.

    At most `max_cards` cards are asked (a sample drawn with a fixed seed), each in every
    direction it allows, with seeds 0 … seeds - 1. A card is named as giving itself away
    when one solver picks its key outright in all of those questions and in those of the
    seeds up to `confirm_seeds` - 1 as well. A deck too small for `options` options gets
    an audit with `error` set.
    """
    confirm_seeds = max(confirm_seeds, seeds)
    try:
        generator = generator_for(deck, options)
    except GeneratorError as error:
        return Audit(len(deck.cards), 0, options, seeds, confirm_seeds, error=str(error))
    cards = deck.cards
    # A range, not a list: a million cards' positions as int objects took 36 MB, if only
    # for a moment (the sample drawn from a range is the same).
    positions: Sequence[int] = range(len(cards))
    if len(positions) > max_cards:
        positions = sorted(random.Random(SAMPLE_SEED).sample(positions, max(max_cards, 0)))
    lexicon = generator.index.lexicon
    totals: dict[Direction, dict[str, float]] = {}
    chance: dict[Direction, float] = {}
    questions: dict[Direction, int] = {}
    ordered: dict[Direction, int] = {}
    asked: dict[Direction, int] = {}
    give_aways: list[GiveAway] = []
    # The cards that cannot be asked, told by their own text (`can_ask`): every card of
    # a deck up to UNASKABLE_READ, the sample's past that.
    read = range(len(cards)) if len(cards) <= UNASKABLE_READ else positions
    never = [i for i in read if not generator.can_ask(cards[i].id)]
    refers = generator.index.points_elsewhere
    places = deck.card_places
    unaskable = {
        i: Unaskable(cards[i], _why_not_asked(generator, i), refers(i), places) for i in never
    }
    for i in positions:
        card = cards[i]
        if i in unaskable:
            continue
        directions = generator.directions_for(card.id)
        errors: list[str] = []
        asked_at_all = False
        for direction in directions:
            results = []
            for seed in range(seeds):
                try:
                    question = generator.question(card.id, direction, seed=seed)
                except GeneratorError as error:
                    errors.append(_error_reason(card, direction, error))
                    break
                results.append(solve(question, lexicon))
                sums = totals.setdefault(direction, dict.fromkeys(SOLVERS, 0.0))
                for name, credit in results[-1].items():
                    sums[name] = sums.get(name, 0.0) + credit
                chance[direction] = chance.get(direction, 0.0) + 1 / len(question.options)
                questions[direction] = questions.get(direction, 0) + 1
                if numeric_order(question.options) is not None:
                    ordered[direction] = ordered.get(direction, 0) + 1
            if not results:
                continue
            asked_at_all = True
            asked[direction] = asked.get(direction, 0) + 1
            # True/false options are always "True" and "False", and a claim's answer is
            # always its own: no cue of the card's text picks it.
            if len(results) == seeds and direction is not Direction.TRUE_FALSE:
                solvers = _confirmed(generator, card, direction, results, seeds, confirm_seeds)
                if solvers:
                    give_aways.append(
                        GiveAway(card, direction, tuple(solvers), confirm_seeds, places)
                    )
        if not asked_at_all:
            unaskable[i] = Unaskable(card, "; ".join(dict.fromkeys(errors)), places=places)
    scores = [
        DirectionScores(
            direction,
            asked.get(direction, 0),
            questions[direction],
            chance[direction] / questions[direction],
            {name: total / questions[direction] for name, total in totals[direction].items()},
            ordered.get(direction, 0),
            # The cards of the deck a direction's sample stands for, in the sample's share.
            round(asked.get(direction, 0) * len(cards) / len(positions)),
        )
        for direction in Direction
        if questions.get(direction)
    ]
    return Audit(
        len(cards),
        len(positions),
        options,
        seeds,
        confirm_seeds,
        scores,
        give_aways,
        [unaskable[i] for i in sorted(unaskable)],
        read=len(read),
    )


def _confirmed(
    generator: QuestionGenerator,
    card: Card,
    direction: Direction,
    results: Sequence[dict[str, float]],
    seeds: int,
    confirm_seeds: int,
) -> list[str]:
    """Solvers that picked the key outright in every question so far, and still do in the
    questions of the confirming seeds."""
    solvers = [
        name
        for name in results[0]
        if name not in POSITION_SOLVERS and all(r[name] == 1.0 for r in results)
    ]
    for seed in range(seeds, confirm_seeds):
        if not solvers:
            break
        try:
            question = generator.question(card.id, direction, seed=seed)
        except GeneratorError:
            return []
        scores = solve(question, generator.index.lexicon)
        solvers = [name for name in solvers if scores[name] == 1.0]
    return solvers


def _why_not_asked(generator: QuestionGenerator, i: int) -> str:
    """Why `directions_for` offers nothing for card i (the generator's reasons, in words)."""
    index = generator.index
    card = index.cards[i]
    if not words(card.definition):
        return "its definition has no words to ask about"
    if not index.is_question[i] and index.only_names_itself(i):
        return (
            "its definition only names or spells out its term: once that is blanked, "
            "nothing is left to ask"
        )
    if not index.is_question[i] and index.names_definition(i):
        return (
            "its term only names its definition: asked from either side, the question "
            "would spell out the answer"
        )
    if index.points_elsewhere(i):
        if not any(j != i for j in index.cross_reference_targets(i)):
            return (
                "its definition only names its own term, spelled another way: nothing is "
                "left to ask (make it an alias of the card it spells)"
            )
        return (
            "its definition only sends the reader to another card, which is asked instead "
            "(make it an alias there)"
        )
    return f"its answer ('{card.definition.strip()}') is a bare yes/no word, not an option"


def _error_reason(card: Card, direction: Direction, error: GeneratorError) -> str:
    """The generator's message without the card id it starts with, and the direction."""
    text = str(error)
    for prefix in (f"card {card.id!r}: ", f"card {card.id!r} "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    text = text.replace(f" as {direction.value}", "").replace("; ", ", ")
    return f"{direction.label}: {text}"


# --------------------------------------------------------------------------- text


def _percent(value: float) -> str:
    return f"{100 * value:.0f}%"


def format_audit(audit: Audit, *, shown: int | None = None) -> list[str]:
    """The audit as `exam-sim check` prints it: a table of solver scores per direction
    (a "!" marks a `guessable` one), then the cards that give themselves away and the
    cards that cannot be asked (past `shown` of a list, how many more)."""
    lines = ["Guessing audit: what a guesser using one shallow cue would score"]
    if audit.error:
        return [*lines, f"  not run: {audit.error}"]
    which = (
        f"a sample of {audit.audited} of {audit.cards} cards (fixed seed)"
        if audit.sampled
        else f"all {audit.cards} cards"
    )
    lines.append(
        f"  {which}, each asked {audit.seeds} times in every direction it allows, "
        f"{audit.options} options"
    )
    if audit.directions:
        lines.extend(audit_table(audit.directions))
    else:
        lines.append("  no question could be asked")
    marked = any(scores.guessable for scores in audit.directions)
    if marked:
        lines.append(
            f"  ! more than {100 * GUESSABLE_MARGIN:.0f} points above chance and above "
            f"{_percent(GUESSABLE)}, over {GUESSABLE_CARDS} cards or more: a `guessable` warning"
        )
    if audit.give_aways:
        lines.append(
            f"  Cards that give themselves away (one cue picks the key in all "
            f"{audit.confirm_seeds} questions):"
        )
        lines.extend(cut_list([f"    {g.message}" for g in audit.give_aways], shown, lead="    "))
        if helps := cue_help(audit.give_aways):
            lines.append("  What helps, by cue:")
            lines.extend(f"    {help_line}" for help_line in helps)
    else:
        lines.append("  No card gives itself away: no cue picks the key in every question.")
    if audit.unaskable:
        # Above the sample's size every card is read for these, up to UNASKABLE_READ.
        which = ""
        if audit.sampled:
            which = f" (all {audit.cards} cards read)" if audit.read_whole else " (of the sample)"
        lines.append(f"  Cards that cannot be asked{which}:")
        lines.extend(cut_list([f"    {u.message}" for u in audit.unaskable], shown, lead="    "))
    return lines


def audit_table(directions: list[DirectionScores], asked: str = "cards") -> list[str]:
    """Each solver's score by direction, chance above them; `asked`: what the count row
    counts ("cards", or "items" for a bank's written items)."""
    # Each direction's label on two lines ("definition" over "→ term"), the rows under
    # the lines above them: all four directions fit 80 columns so (one line each: 118).
    shown, _, towards = zip(*(d.direction.label.partition(" → ") for d in directions), strict=True)
    heads = [f"→ {a}" if a else "" for a in towards]
    widths = [max(len(s), len(h), 6) for s, h in zip(shown, heads, strict=True)]
    counts = f"{asked} (questions)"
    first = max(len(name) for name in ("chance", counts, *directions[0].credits))

    def row(name: str, cells: list[str]) -> str:
        body = "  ".join(f"{cell:>{width}}" for cell, width in zip(cells, widths, strict=True))
        return f"  {name:<{first}} {body}".rstrip()

    lines = [row("", list(shown))]
    if any(heads):
        lines.append(row("", heads))
    lines.append(row(counts, [f"{d.cards} ({d.questions})" for d in directions]))
    lines.append(row("chance", [_percent(d.chance) + " " for d in directions]))
    # The key's place is the shuffle's, chance and its noise, unless some options were
    # shown in numerical order.
    places = any(d.ordered for d in directions)
    for name in directions[0].credits:
        if name in POSITION_SOLVERS and not places:
            continue
        cells = [
            _percent(d.credits[name]) + ("!" if name in d.guessable else " ") for d in directions
        ]
        lines.append(row(name, cells))
    return lines
