"""Multiple-choice questions from flashcards, with distractors picked by text similarity.

How a question is built (docs/generator.md has the long version and the measured numbers):

1. The key card gives the stem and the right option. A definition shown as a stem has the
   card's own names blanked; a definition shown as an option is never blanked: a card whose
   definition gives its name away is asked from its definition only.
2. Candidate cards are ranked by a weighted blend of similarity signals: term ↔ term and
   definition ↔ definition (rapidfuzz), shared word stems weighted by rarity, same topic
   (or, in a deck without topics, the same inferred area), echo of the stem, shared tags,
   similar option length.
3. Candidates that would make a second right answer or a free elimination are dropped
   (`DeckIndex.same_thing`: aliases, near-duplicates, overlapping definitions, `related`
   cards, cross-references; and cards the stem names).
4. A whole distractor set is drawn among the best candidates with an RNG seeded by
   (seed, card, direction, options), weighted by relevance and by whether the key lands
   where the draw wants it on each shallow cue (`cues.py`: longest option, most like the
   stem, stems shared with the stem, odd one out, most central), so that none of them beats
   chance over a deck.

Everything here is pure: no I/O, no Textual; the same deck, card, direction, seed and
option count always give the same question, in any process.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process

from exam_sim.errors import SPELLED_LIKE_TERM, TOO_FEW_OPTIONS
from exam_sim.errors import GeneratorError as GeneratorError  # re-exported from exam_sim.errors
from exam_sim.generator.alike_questions import questions_alike
from exam_sim.generator.asked_kind import of_asked_kind
from exam_sim.generator.asked_ways import AskedWays
from exam_sim.generator.comparisons import (
    LabelledAnswer,
    borrowed_pairings,
    labelled_answer,
    wrong_pairings,
)
from exam_sim.generator.cues import LIKE_STEM, opening, opening_word, surface
from exam_sim.generator.draw import (
    UNLIKE_AT_A_GLANCE,
    Candidate,
    draw_set,
    of_one_shape,
    read_at_a_glance,
    shortlist_of,
    unlike_the_key,
)
from exam_sim.generator.echoes import masked_answer
from exam_sim.generator.expansions import Expansions
from exam_sim.generator.index import DeckIndex
from exam_sim.generator.index_cache import index_for
from exam_sim.generator.masking import blank_filler, mentions, name_forms
from exam_sim.generator.named import StemNames
from exam_sim.generator.numbers import DeckNumbers, made_why, number_answer
from exam_sim.generator.ordering import in_numeric_order
from exam_sim.generator.pool import neighbours
from exam_sim.generator.seeds import stable_seed
from exam_sim.generator.true_false import true_false_question
from exam_sim.generator.unhidden import (
    spelled_like_term,
)
from exam_sim.generator.wording import card_line
from exam_sim.lexicon import may_compare, option_key
from exam_sim.models import (
    DEFAULT_OPTIONS,
    MAX_OPTIONS,
    MIN_OPTIONS,
    Card,
    Deck,
    Direction,
    Question,
)
from exam_sim.side_names import side_task
from exam_sim.text import BLANK
from exam_sim.units import BLANK_PROMPT, EXPANSION_PROMPT

# Signal weights, tuned with benchmarks/quality.py (docs/generator.md). Each signal is
# scaled to 0..1; meaning (shared rare stems, idf-weighted) weighs most, then topic (or
# inferred area): a real exam's wrong options come from the key's own area.
WEIGHTS: dict[Direction, dict[str, float]] = {
    Direction.DEFINITION_TO_TERM: {
        "term": 0.20, "definition": 0.30, "meaning": 2.00, "stem": 0.20, "topic": 0.35,
        "tags": 0.15, "length": 0.05, "question": 0.0,
    },
    Direction.TERM_TO_DEFINITION: {
        "term": 0.15, "definition": 0.30, "meaning": 2.40, "stem": 0.10, "topic": 0.35,
        "tags": 0.15, "length": 0.05, "question": 0.0,
    },
    Direction.QUESTION_TO_ANSWER: {
        "term": 0.10, "definition": 0.30, "meaning": 1.20, "stem": 0.10, "topic": 0.35,
        "tags": 0.15, "length": 0.25, "question": 0.20,
    },
}  # fmt: skip
# Asked from its answer, a question card has questions as options: weighed as terms are.
WEIGHTS[Direction.ANSWER_TO_QUESTION] = WEIGHTS[Direction.DEFINITION_TO_TERM]
# Candidates kept for the set draw, per option count: every set of options-1 of them is
# weighed, so the shortlist shrinks as sets grow (at most ~330 sets).
SHORTLIST = {2: 12, 3: 12, 4: 12, 5: 11, 6: 10}
# Candidates past the drawn set offered to a two-sided comparison, whose borrowed
# descriptions must read as descriptions there (`comparisons.borrowed_pairings`).
SPARE_DESCRIPTIONS = 5
SHORTLIST_LARGE = 10  # at most, in a large deck (each close already): 120 sets of 3, not 220
CONSIDERED = 40  # eligible candidates, by relevance, looked at for the shortlist
# A large deck's pool is all close neighbours already: fewer of them need the costly
# checks (second right answer, self-naming definition) before the shortlist is made.
CONSIDERED_LARGE = 14
SHORT_ANSWER_WORDS = 2  # a question's answer this short has answers of a few words beside it
SEARCHED = 100  # candidates of a large deck looked at, at most, for one beating the key
# How far another sense of the key's word ranks above the best other candidate: sets
# holding it weigh exp(SENSE_LEAD / draw.TEMPERATURE) times more, cues aside.
SENSE_LEAD = 0.10
STEM_SIDES = (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION)


class QuestionGenerator(AskedWays):
    """Builds questions for one deck. Construction indexes the deck (cached per deck)."""

    def __init__(self, deck: Deck, *, options: int = DEFAULT_OPTIONS) -> None:
        if not MIN_OPTIONS <= options <= MAX_OPTIONS:
            raise GeneratorError(
                f"options must be between {MIN_OPTIONS} and {MAX_OPTIONS}, not {options}"
            )
        if not deck.cards and deck.items:  # an imported Aiken or GIFT bank
            raise GeneratorError(
                f"deck {deck.id!r} has no cards to make questions from, only written "
                f"questions ({len(deck.items)}): exam and drill ask them"
            )
        if len(deck.cards) < options:
            raise GeneratorError(
                f"deck {deck.id!r} has {len(deck.cards)} card{'s' * (len(deck.cards) != 1)}; "
                f"{options} options need at least {options}"
            )
        self.deck = deck
        self.options = options
        self._index = index_for(deck)
        self._labelled_answers: dict[int, LabelledAnswer | None] = {}
        self._masked_answers: dict[int, str] = {}
        self._from_answer: dict[int, bool] = {}
        self._offered: int | None = None
        self._definitions_offered: int | None = None
        self._expansions = Expansions(self._index)
        self._numbers = DeckNumbers(self._index)
        self._index.build_word_indexes()  # once per deck: for every question of a large one

    @property
    def index(self) -> DeckIndex:
        return self._index

    def _masked_answer(self, i: int) -> str:
        """Question card i's answer, the question's words blanked (`echoes.masked_answer`)."""
        masked = self._masked_answers.get(i)
        if masked is None:
            masked = self._masked_answers[i] = masked_answer(self._index, i)
        return masked

    def _labelled(self, i: int) -> LabelledAnswer | None:
        """Card i's answer cut at the labels of its comparison's sides, if it is one
        ("CPU vs GPU": "GPU: …" / "CPU: …"; `comparisons.labelled_answer`)."""
        # The cheap test first: this is asked of every candidate of a definition → term item.
        if not may_compare(self._index.cards[i].term):
            return None
        if i not in self._labelled_answers:
            card = self._index.cards[i]
            self._labelled_answers[i] = labelled_answer(card.term, card.definition)
        return self._labelled_answers[i]

    def _position(self, card_id: str) -> int:
        try:
            return self._index.position[card_id]
        except KeyError:
            raise GeneratorError(f"deck {self.deck.id!r} has no card {card_id!r}") from None

    # -- one question

    def question(self, card_id: str, direction: Direction, *, seed: int) -> Question:
        """The question for this card, direction and seed (always the same one)."""
        direction = Direction(direction)
        i = self._position(card_id)
        if direction not in self.directions_for(card_id):
            raise GeneratorError(f"card {card_id!r} cannot be asked as {direction.value}")
        rng = random.Random(stable_seed(seed, card_id, direction.value, self.options))
        if direction is Direction.TRUE_FALSE:
            return true_false_question(self._index, i, rng, seed)
        ix = self._index
        card = ix.cards[i]
        if direction is Direction.DEFINITION_TO_TERM:
            stem = ix.masked_definition(i)  # never empty: see directions_for
            key_option = card.term
        elif direction is Direction.ANSWER_TO_QUESTION:
            stem = self._masked_answer(i)  # words left: see _asked_from_answer
            key_option = card.term
        else:
            stem = ix.masked_term(i)
            # An option is never blanked: shown as written, or without the usage example
            # that names its card (`option_definitions`).
            key_option = ix.option_definitions(i)
        # A comparison answered side by side: its own labels, descriptions moved, first.
        labelled = self._labelled(i) if not direction.options_are_fronts else None
        pairings = wrong_pairings(labelled, self.options - 1, rng) if labelled else []
        expansion = not direction.options_are_fronts and self._expansions.of(i) is not None
        distractors: list[Candidate] = []
        if expansion:  # made expansions: any other card's would not spell the acronym
            pairings = self._expansions.wrong_expansions(i, self.options - 1, rng)
        elif not pairings and (number := number_answer(key_option)) is not None:
            # made numbers near it, when the deck has too few of its kind and size
            def usable(j: int) -> bool:
                return self._eligible(j, direction) and not ix.same_thing(i, j)

            fronts = direction.options_are_fronts
            made = self._numbers.wrong_numbers(i, number, fronts, self.options - 1, usable, rng)
            for text, j in made:  # a made number some card answers is that card's
                if j == i:
                    pairings.append((text, made_why(number, text)))
                else:
                    distractors.append(Candidate(j, 0.0, text))
        if len(pairings) + len(distractors) < self.options - 1 and not expansion:
            spare = SPARE_DESCRIPTIONS if labelled else 0
            distractors = self._distractors(i, direction, stem, key_option, rng, spare)
            if labelled:  # too few sides to move: other cards' descriptions under its labels
                given = [(ix.cards[c.index].term, c.option) for c in distractors]
                wanted = self.options - 1 - len(pairings)
                others = [text for text, _ in pairings]
                more, used = borrowed_pairings(card.term, labelled, given, wanted, rng, others)
                pairings += more
                distractors = [c for c in distractors if c.option not in used]
            distractors = distractors[: self.options - 1 - len(pairings)]
        distractors += [Candidate(i, 0.0, text) for text, _ in pairings]
        why = dict(pairings)
        short = self._short_answer(i, direction)
        if len(distractors) < self.options - 1 and short:
            raise GeneratorError(
                f"card {card_id!r}: a question answered in {('one', 'two')[short - 1]} "
                f"word{'s' * (short != 1)} ('{key_option}') has {len(distractors)} other short "
                f"answer{'s' * (len(distractors) != 1)} to stand among; {self.options} "
                f"options need {self.options - 1}",
                reason=TOO_FEW_OPTIONS,
            )
        if len(distractors) < self.options - 1:
            raise GeneratorError(
                f"card {card_id!r} has {len(distractors)} usable wrong option"
                f"{'s' * (len(distractors) != 1)} as {direction.value}; "
                f"{self.options} options need {self.options - 1}",
                reason=TOO_FEW_OPTIONS,
            )
        chosen = [Candidate(i, 0.0, key_option), *distractors]
        rng.shuffle(chosen)
        # Numbers read in order ("20, 21, 22, 23"): the draw placed the key for it.
        chosen = in_numeric_order(chosen, [c.option for c in chosen])
        answer = next(n for n, c in enumerate(chosen) if c.index == i and c.option == key_option)
        return Question(
            id=f"{card_id}:{direction.value}:{seed}",
            card_id=card_id,
            topic=card.topic,
            direction=direction,
            stem=stem,
            options=tuple(c.option for c in chosen),
            option_card_ids=tuple(ix.cards[c.index].id for c in chosen),
            answer=answer,
            explanations=tuple(
                why[c.option] if c.index == i and c.option in why else card_line(ix.cards[c.index])
                for c in chosen
            ),
            # asked by the deck's names for its sides, where it has them ("Which element
            # matches this symbol?": `side_names`)
            task=EXPANSION_PROMPT if expansion else self._task(card, direction),
        )

    def _task(self, card: Card, direction: Direction) -> str:
        """What a question asks beyond its direction's prompt: a sentence with a blank
        asks what fills it; else the deck's names for its sides, where it has them."""
        if direction is Direction.DEFINITION_TO_TERM and BLANK in card.definition:
            return BLANK_PROMPT
        return side_task(direction, self.deck.sides)

    # -- distractors

    def _eligible(self, j: int, direction: Direction) -> bool:
        """Can card j be a wrong option here? Terms come from definition cards; definitions
        from any card whose definition is an option, shown as written (never blanked: a
        definition that names its own term is skipped in `_distractors`)."""
        ix = self._index
        if direction.options_are_fronts:
            # A comparison answered side by side is never asked from its definition: among
            # terms or questions, the learner would soon know it is never the answer.
            wanted = direction is Direction.ANSWER_TO_QUESTION
            return ix.is_question[j] == wanted and self._labelled(j) is None
        if direction is Direction.TERM_TO_DEFINITION and ix.is_question[j]:
            return False
        return ix.option_ok[j] == 1  # and, checked walking the ranking, not names_itself

    def _pool(
        self, i: int, direction: Direction, stem: str, key_like_stem: float, rng: random.Random
    ) -> list[int]:
        """Candidate cards: all of them in a small deck; in a large one, its nearest
        neighbours (`pool.neighbours`; `key_like_stem` is the key's "most like the stem"
        cue). Beside a question's short answer, only short answers."""
        ix = self._index
        if ix.large:
            found: Sequence[int] = neighbours(ix, i, direction, stem, key_like_stem, rng)
        else:
            found = range(ix.n)
        pool = [j for j in found if j != i and self._eligible(j, direction)]
        if direction in STEM_SIDES:  # asked from a number: options whose own is of its size
            fronts = direction is Direction.TERM_TO_DEFINITION  # the stem's side, the term
            pool = self._numbers.sized(i, fronts, pool, self.options - 1)
        if short := self._short_answer(i, direction):
            # A short answer among sentences is the odd one out at a glance ("Paris" among
            # definitions): only answers of a few words stand beside it.
            longest = 2 * short + 1
            pool = [j for j in pool if len(ix.def_norm[j].split()) <= longest]
        return pool

    def _kin(self, i: int) -> tuple[Callable[[int], bool], ...]:
        """Tests of the cards of card i's kind, strictest first, the first that leaves
        enough wrong options drawn from (`draw.of_one_shape`); () for none: those with its
        label, where many cards write one ("(adj.)": a wrong option of another kind is
        ruled out by grammar alone), and, for a question, those answering as it asks (a
        person, a place, a thing: `asked_kind.of_asked_kind`)."""
        ix = self._index
        asked = of_asked_kind(ix, i) if ix.is_question[i] else ()
        kind = ix.kinds.of(ix.terms[i], ix.definitions[i])
        if not kind:
            return asked
        kinds, terms, definitions = ix.kinds, ix.terms, ix.definitions

        def labelled(j: int) -> bool:
            return kinds.of(terms[j], definitions[j]) == kind

        return (*(lambda j, test=test: labelled(j) and test(j) for test in asked), labelled)

    def _short_answer(self, i: int, direction: Direction) -> int:
        """The words of question card i's answer when they are SHORT_ANSWER_WORDS or fewer
        ("Canberra", "Jane Austen"), else 0."""
        if direction is not Direction.QUESTION_TO_ANSWER:
            return 0
        count = len(self._index.def_norm[i].split())
        return count if count <= SHORT_ANSWER_WORDS else 0

    def _opening(self, j: int, definition: bool) -> str:
        """`cues.opening` of card j's definition or term, whatever its length (from its
        first folded word: the index has them)."""
        normed = self._index.def_norm if definition else self._index.term_norm
        return opening_word(normed[j].partition(" ")[0])

    def _shaped(
        self, i: int, definitions: bool, key_option: str, ranked: list[Candidate]
    ) -> set[int] | None:
        """The ranked candidates that keep the options of card i's question to one shape
        (their card positions); None when neither the key nor the stem is short enough to
        show one.

        A short key shows its opening word (an article, "to"): options opening otherwise
        are looked at last, and left out when enough open like it, as a guesser strikes
        them out first ("le chien" among answers to "to drink"). A short stem says whether
        a verb is asked for ("to lessen"): an option whose own other side says otherwise
        is struck out too ("commensurate", "corresponding in size", is no answer to "to
        lessen in intensity"; "ameliorate", "to make better", none to "a lack")."""
        shape = opening(key_option)
        card = self._index.cards[i]
        stem_shape = opening(card.term if definitions else card.definition)
        if shape is None and stem_shape is None:
            return None
        asks_verb = stem_shape == "to"
        return {
            c.index
            for c in ranked
            if (shape is None or self._opening(c.index, definitions) == shape)
            and (
                stem_shape is None or (self._opening(c.index, not definitions) == "to") == asks_verb
            )
        }

    def _distractors(
        self,
        i: int,
        direction: Direction,
        stem: str,
        key_option: str,
        rng: random.Random,
        spare: int = 0,
    ) -> list[Candidate]:
        """The drawn wrong options, then up to `spare` more of the shortlist (best first)."""
        ix = self._index
        lexicon = ix.lexicon
        key_surface = surface(key_option, stem, lexicon)
        pool = self._pool(i, direction, stem, key_surface[LIKE_STEM], rng)
        if not pool:
            return []
        ranked = self._rank(i, direction, stem, pool)
        definitions = not direction.options_are_fronts
        shaped = self._shaped(i, definitions, key_option, ranked)
        kin = self._kin(i)
        if shaped is not None or kin:
            # Those of the strictest kind first, then of each looser one, then the rest.
            ranked.sort(
                key=lambda c: (
                    next((n for n, test in enumerate(kin) if test(c.index)), len(kin)),
                    c.index not in (shaped or ()),
                )
            )
        # The stem (or, asking a definition, the key's term) must not name a candidate.
        stem_names = StemNames(ix, i, stem, fronts=direction.options_are_fronts)
        # where the options' side writes marks, "ma" and "má" are two ("él", "el")
        marks = ix.writes_marks if direction.options_are_fronts else ix.definitions_write_marks
        key_fold = option_key(key_option, marks)
        fills = blank_filler(stem)
        asks = direction is Direction.QUESTION_TO_ANSWER
        stem_sides = ix.definitions if direction.options_are_fronts else ix.terms
        # Past the most relevant candidates, keep looking (a while) only for one that beats
        # the key on a cue nothing considered beats yet: without it the key tops that cue.
        unbeaten = set(range(len(key_surface)))
        considered: list[Candidate] = []
        # A small deck is searched whole (its pool is every card); a large one, a while.
        searched, enough = (SEARCHED, CONSIDERED_LARGE) if ix.large else (len(ranked), CONSIDERED)
        for looked, candidate in enumerate(ranked):
            if looked >= searched or (len(considered) >= enough and not unbeaten):
                break
            j = candidate.index
            candidate.option = ix.option_definitions(j) if definitions else ix.cards[j].term
            candidate.surface = surface(candidate.option, stem, lexicon)
            beaten = {cue for cue in unbeaten if candidate.surface[cue] > key_surface[cue]}
            if len(considered) >= enough and not beaten:
                continue  # the cheap test first: only a cue-beater is wanted now
            if ix.same_thing(i, j):
                continue
            # The stem names this card, so it could not be the answer: a free elimination;
            # so does a question saying this answer elsewhere ("nucleus" for "A nucleus
            # divides … in ____."; "The Sun" for "Which planet is closest to the Sun?").
            if stem_names(j) or (asks and mentions(stem, name_forms((candidate.option,)))):
                continue
            # Its side fills the stem's blanks: a second right answer ("The Palace of
            # Versailles" for "The ____ of Versailles", asked from the Treaty's).
            if fills is not None and fills(stem_sides[j]):
                continue
            # A term naming its own definition says it is not the stem's ("Revolutions of
            # 1848" for 1066).
            if not definitions and ix.names_definition(j):
                continue
            # A definition that names its own term would need a blank (checked here, not
            # for the whole pool: it masks the card's text); one that names the asked term
            # is obviously not its definition; a bare "See X" says nothing of its own.
            if definitions and (not ix.offers_definition(j) or ix.named_in(candidate.option, i)):
                continue
            if option_key(candidate.option, marks) in (key_fold, ""):
                continue
            considered.append(candidate)
            unbeaten -= beaten
        if definitions and ix.large and spelled_like_term(key_surface, considered):
            said = (
                "its answer is spelled like its question and no other answer comes as close"
                if direction is Direction.QUESTION_TO_ANSWER
                else "its definition is spelled like its term and no other definition comes "
                "as close; it is asked from its definition only"
            )
            raise GeneratorError(f"card {ix.cards[i].id!r}: {said}", reason=SPELLED_LIKE_TERM)
        return self._drawn(key_option, key_surface, considered, shaped, kin, rng, spare, marks)

    def _drawn(
        self,
        key_option: str,
        key_surface: tuple[float, ...],
        considered: list[Candidate],
        shaped: set[int] | None,
        kin: tuple[Callable[[int], bool], ...],
        rng: random.Random,
        spare: int,
        marks: bool = False,
    ) -> list[Candidate]:
        """The set drawn from the candidates of the key's kind and shape (`of_one_shape`),
        or from all of them when no set of those can be drawn (two of them one thing:
        "What powers the lamp?", "…the map?"); then up to `spare` more of the shortlist."""
        need = self.options - 1
        size = SHORTLIST[self.options]
        if self._index.large:
            size = min(size, SHORTLIST_LARGE)
        gated = of_one_shape(considered, key_option, shaped, need, kin=kin)
        for candidates in (gated, considered) if gated is not considered else (gated,):
            shortlist = shortlist_of(candidates, key_surface, size, need)
            if read_at_a_glance([key_option, *(c.option for c in shortlist)]):
                shortlist += unlike_the_key(key_option, candidates, shortlist, UNLIKE_AT_A_GLANCE)
            same = self._index.same_thing
            drawn = draw_set(key_option, key_surface, shortlist, self.options, same, rng, marks)
            if drawn:
                break
        return drawn + [c for c in shortlist if c not in drawn][: spare if drawn else 0]

    def _rank(self, i: int, direction: Direction, stem: str, pool: list[int]) -> list[Candidate]:
        """Pool cards by relevance: the weighted blend of the similarity signals."""
        ix = self._index
        lexicon = ix.lexicon
        weights = WEIGHTS[direction]
        term_scores = _scores(ix.term_norm[i], [ix.term_norm[j] for j in pool], fuzz.WRatio)
        def_scores = _scores(ix.def_norm[i], [ix.def_norm[j] for j in pool], fuzz.token_set_ratio)
        meaning = ix.similarities(i, pool)
        # Asked from its answer, a card's wrong options are questions whose answers mean
        # something alike: phrased alike ("What does … do?") says nothing of that (the
        # likeness of the questions' wording cost 0.10 of plausibility on a Q&A deck).
        if direction is Direction.QUESTION_TO_ANSWER:
            # Answers of alike questions are alike in kind, whatever their own words
            # ("Ottawa" for "What is the capital of Australia?"): a short answer has few.
            meaning = list(map(max, meaning, questions_alike(ix, i, pool)))
        if direction.options_are_fronts:
            echo_base = lexicon.stems(stem)
            key_length = len(ix.cards[i].term)
        else:
            echo_base = ix.term_stems(i)
            key_length = len(ix.cards[i].definition)
        topic = ix.topic[i]
        area = ix.area[i]
        tags = set(ix.cards[i].tags)
        # Weights and tables as locals: this loop runs for every card of the pool.
        w_term, w_definition, w_meaning = weights["term"], weights["definition"], weights["meaning"]
        w_stem, w_topic, w_tags = weights["stem"], weights["topic"], weights["tags"]
        w_length, w_question = weights["length"], weights["question"]
        cards, topics, areas, is_question = ix.cards, ix.topic, ix.area, ix.is_question
        to_term = direction.options_are_fronts
        key_span = max(key_length, 1)
        log = math.log
        ranked: list[Candidate] = []
        for n, j in enumerate(pool):
            card = cards[j]
            if to_term:
                echoed = ix.term_stems(j)
                echo = len(echoed & echo_base) / len(echoed) if echoed else 0.0
                length = len(card.term)
            else:
                echo = len(ix.def_stems(j) & echo_base) / max(len(echo_base), 1)
                length = len(card.definition)
            if topic is not None:
                same_area = 1.0 if topics[j] == topic else 0.0
            else:
                same_area = 1.0 if area >= 0 and areas[j] == area else 0.0
            if tags:
                other_tags = card.tags
                shared_tags = len(tags.intersection(other_tags)) / len(tags.union(other_tags))
                if topic is None:  # a card without a topic: its tags are its author's areas
                    same_area = max(same_area, shared_tags)
            else:
                shared_tags = 0.0
            length_sim = max(0.0, 1.0 - abs(log(max(length, 1) / key_span)) / 1.4)
            relevance = (
                w_term * term_scores[n] / 100
                + w_definition * def_scores[n] / 100
                + w_meaning * meaning[n]
                + w_stem * echo
                + w_topic * same_area
                + w_tags * shared_tags
                + w_length * length_sim
                + w_question * is_question[j]
            )
            ranked.append(Candidate(j, relevance))
        # Another sense of the key's own word ("to be (state)" beside "to be (permanent
        # quality)") is the confusion the learner must tell apart: the nearest neighbour.
        senses = ix.kinds.senses_beside(i)
        if senses and ranked:
            top = max(c.relevance for c in ranked) + SENSE_LEAD
            for candidate in ranked:
                if candidate.index in senses:
                    candidate.relevance = top
        # Ties broken by position in the deck: the order is total, so results are stable.
        ranked.sort(key=lambda c: (-c.relevance, c.index))
        return ranked


def _scores(query: str, choices: list[str], scorer: Callable[..., float]) -> list[float]:
    """Score of `query` against every choice, in order: one vectorised rapidfuzz call."""
    scores = [0.0] * len(choices)
    for _, score, n in process.extract(query, choices, scorer=scorer, processor=None, limit=None):
        scores[n] = score
    return scores
