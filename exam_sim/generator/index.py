"""What the generator knows about one deck, computed once: folded text, names, word stems,
"same thing" links (the pairs that may never be wrong options for each other), inferred
neighbourhoods for cards without a topic, and word indexes for large decks."""

from __future__ import annotations

import functools
import gc
import itertools
import math
import operator
from array import array
from collections import Counter, OrderedDict
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from exam_sim.card_names import every_name, readings
from exam_sim.gc_pause import gc_paused
from exam_sim.generator import columns, synonyms
from exam_sim.generator.apart import inflected_apart, told_apart, two_meanings, words_swapped
from exam_sim.generator.areas import neighbourhoods
from exam_sim.generator.cues import bare_answers
from exam_sim.generator.marked import MarkedWords
from exam_sim.generator.masking import mask_forms, mentions, name_forms, neutral_articles
from exam_sim.generator.option_texts import OptionDefinitions
from exam_sim.generator.own_words import camel_parts, common_camel_parts, own_words
from exam_sim.generator.references import reference_groups
from exam_sim.generator.short_names import ShortNames
from exam_sim.generator.wording import (
    YES_NO,
    definitions_overlap,
    digits,
    frequencies_differ,
    meaning_of,
    numbers_said,
    numbers_within,
    spelled_alike,
    yes_no_word,
)
from exam_sim.gloss_words import unfolded_stems
from exam_sim.lexicon import (
    Lexicon,
    Memo,
    compact,
    comparison_parts,
    cross_reference_target,
    marked_key,
    may_be_reference,
    may_refer,
    names_norm_all,
    norm_all,
    unmarked,
    words,
)
from exam_sim.models import Deck
from exam_sim.references import names_by_norm, referred, refers_away
from exam_sim.term_labels import Kinds
from exam_sim.text import BLANK, is_notation

# Thresholds that decide "the same thing" (a distractor would be a second right answer).
SAME_DEFINITION_RATIO = 88.0  # fuzz.ratio of folded definitions
NAME_WORDS = 3  # a definition this short is a name ("sodium sulfate"), not a sentence
# A word of a term that at most this many terms use ("Lustre" in "FSx for Lustre on
# SageMaker") is blanked in the card's own definition: no wrong option could share it.
RARE_IN_TERMS = 2
# partial_ratio of a definition to its own term from which spelling alone gives it away.
SPELLING_CUE = 50
# Above this deck size, candidates are gathered from indexes instead of scoring every card.
FULL_SCAN_LIMIT = 500
POSTINGS_CAP = 2000  # longer posting lists are too common a word to say anything
STEM_SAMPLE = 5_000  # cards whose stems are counted for idf
# Above this many cards the index keeps its columns compact: definitions are normalised
# when asked, normalised terms packed in one string, card ids found by bisection.
COMPACT_ABOVE = 200_000

_NOT_AN_OPTION = frozenset(YES_NO) | {""}  # never an option: empty, or `wording.bare_yes_no`
# Definitions' stems remembered at most: a long session asks for many cards' and the index
# outlives it (a frozenset of 10 stems takes 800 bytes: a 1M-card deck's would hold 800 MB;
# `check` reads them all through `every_def_stems`, which remembers none).
_DEF_STEMS_KEPT = 100_000
_NO_GROUP: frozenset[int] = frozenset()  # the synonym groups of a card in none
_NO_FORMS: frozenset[str] = frozenset()  # the readings of a card that says none


class DeckIndex(MarkedWords):
    """Normalised strings, names, links and word indexes of one deck, built once."""

    def __init__(self, deck: Deck) -> None:
        cards = deck.cards
        self.cards = cards
        # Memos filled on demand (several are needed while the links below are built).
        self._mask: dict[int, frozenset[str]] = {}
        self._names_itself_whole: dict[int, bool] = {}  # `names_itself_as_option`'s
        self._same: dict[tuple[int, int], bool] = {}
        self._forms: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        self._spoken: dict[int, frozenset[str]] = {}
        # `unhidden.py`'s, by cue, card and option count (generators of several option
        # counts share an index), and the definitions as its scorer reads them.
        self.unhidden: dict[tuple[str, int, int], bool] = {}
        self.processed_definitions: list[str] | None = None
        self.processed_terms: list[str] | None = None
        self._spellings: dict[int, list[tuple[str, str]]] = {}
        self._names: dict[int, tuple[str, ...]] = {}
        self.short_names = ShortNames(self)
        self._idf: dict[str, float] = {}
        # idf² per stem, read in C by the similarity sums (`map` over the memo).
        self._idf_squared: Memo[str, float] = Memo(lambda stem: self.idf(stem) ** 2)
        self._stem_norm: dict[int, float] = {}
        self._masked_definition: OrderedDict[int, str] = OrderedDict()
        self._masked_term: dict[int, str] = {}
        n = self.n = len(cards)
        # Per-card columns read in bulk, in C (`generator/columns.py`): a 1M-card deck is
        # indexed in seconds, not in a Python loop per card.
        self.lexicon = Lexicon.for_texts(f"{c.term}\n{c.definition}" for c in cards[: min(n, 3000)])
        # Above COMPACT_ABOVE cards the normalised terms are packed in one string.
        self.term_norm: list[str] | columns.PackedNorms = (
            names_norm_all(list(map(columns.TERM, cards)))
            if n <= COMPACT_ABOVE
            else columns.PackedNorms(map(columns.TERM, cards), names=True)
        )
        # The words of terms that more than RARE_IN_TERMS terms use, plurals folded: any
        # other word of a term names its card (`mask_forms`). (Whether the word occurs in
        # other cards' definitions adds nothing: a word in at most one card is in at most
        # one term.) Counted before any other column exists: its count of every word is
        # the index's peak of memory.
        self.common_term_words = columns.common_words(self.term_norm, RARE_IN_TERMS)
        # Above COMPACT_ABOVE cards, ids are found by bisection (`SortedPositions`).
        ids = list(map(columns.ID, cards))
        self.position: Mapping[str, int] = (
            dict(zip(ids, range(n), strict=True))
            if n <= COMPACT_ABOVE
            else columns.SortedPositions(ids)
        )
        del ids
        # The cards' sides as flat lists: a scan over a sample of a large deck reads them
        # one pointer away, not two (card, then the field).
        self.terms: list[str] = list(map(columns.TERM, cards))
        self.definitions: list[str] = list(map(columns.DEFINITION, cards))
        # The parts of names written as one word in CamelCase that two terms or more use
        # ("Set" of ReplicaSet, DaemonSet; "Write" of ReadWriteOnce, ReadWriteMany): no
        # name of one card, but what tells a family of names apart (`own_words`).
        self.common_term_parts = common_camel_parts(self.terms, 1)
        # Above COMPACT_ABOVE cards a definition is normalised when asked (`NormColumn`).
        self.def_norm: Sequence[str] = (
            norm_all(self.definitions)
            if n <= COMPACT_ABOVE
            else columns.NormColumn(self.definitions)
        )
        self._def_stems: dict[int, frozenset[str]] = {}
        self._def_pieces: dict[int, tuple[frozenset[str], ...]] = {}
        self.is_question = bytes(map(columns.IS_QUESTION, map(columns.KIND, cards)))  # 0/1
        self.topic: list[str | None] = list(map(columns.TOPIC, cards))
        asked = list(itertools.compress(range(n), self.is_question))
        # A question card's bare yes/no answer ("No"): it is asked as true/false.
        self.yes_no: dict[int, str] = {}
        # A definition is an option when it says something: a word at least ("pain" is the
        # answer to "alg-"), not a bare "No". 0/1 a card (a list of bools took 8 MB at 1M).
        self.option_ok = bytearray()
        # Only a definition whose folded words open with a reference's phrase can be one.
        self.maybe_references: list[int] = []
        for start, normed in columns.chunks(self.def_norm):  # one reading of them
            self.option_ok.extend(map(operator.not_, map(_NOT_AN_OPTION.__contains__, normed)))
            self.maybe_references += itertools.compress(
                range(start, start + len(normed)), map(may_be_reference, normed)
            )
        for i in asked:
            word = yes_no_word(self.definitions[i])
            if word is not None:
                self.yes_no[i] = word
            self.option_ok[i] = self.option_ok[i] and word is None
        self.by_topic = columns.members_by(self.topic)  # each topic's cards, in deck order
        options, self.claims = bare_answers(
            self.definitions, self.terms, self.option_ok, self.is_question, self.topic
        )
        for i in options:  # "No": nobelium's symbol among symbols; "sí" among words
            self.option_ok[i] = True
        self.related: dict[int, set[int]] = {}
        for i in itertools.compress(range(n), map(columns.RELATED, cards)):
            for other in cards[i].related:
                j = self.position.get(other)
                if j is not None and j != i:
                    self.related.setdefault(i, set()).add(j)
                    self.related.setdefault(j, set()).add(i)
        self._names_by_norm: dict[str, list[int]] | None = None
        self.same_group = reference_groups(self.maybe_references, self.cross_reference_targets)
        self.synonym_groups = synonyms.synonym_groups(self.definitions, words, self.term_norm)
        self.synonym_of = synonyms.synonym_memberships(self.synonym_groups)
        self.said_synonyms = synonyms.SaidSynonyms(self.definitions, self.names)  # "syn. X"
        # How many definitions say each stem (rare stems say more: idf), counted on a
        # regular sample of a large deck, in bulk, none kept (they took 28 MB).
        step = max(1, self.n // STEM_SAMPLE)
        sampled = self.every_def_stems(step=step)
        self.stem_cards: Counter[str] = Counter(itertools.chain.from_iterable(sampled))
        del sampled
        self.stem_scale = step
        self.large = self.n > FULL_SCAN_LIMIT
        # A large deck's word → cards postings: made for questions (`build_word_indexes`).
        self.topic_terms: dict[str, list[str]] = {}
        self.def_postings: dict[str, array[int]] = {}
        self.term_postings: dict[str, array[int]] = {}
        self._word_indexes_built = not self.large
        self.area = neighbourhoods(self)

    # -- cross references ("See X", "Sinónimo de X"): the card and X are the same thing

    def points_elsewhere(self, i: int) -> bool:
        """Is card i's definition only a cross-reference to another card of the deck, or
        to its own name spelled another way (`references.refers_away`)?"""
        target = cross_reference_target(self.cards[i].definition)
        return target is not None and refers_away(i, target, self._resolve, self.names(i))

    def cross_reference_targets(self, i: int) -> list[int]:
        """Cards that card i's definition sends the reader to (`references.referred`)."""
        return referred(self.cards[i].definition, self._resolve)

    def _resolve(self, target: str) -> list[int]:
        if self._names_by_norm is None:  # built only for decks that have cross-references
            self._names_by_norm = names_by_norm(map(self.names, range(self.n)))
        return list(self._names_by_norm.get(target, ()))

    # -- names

    def names(self, i: int) -> tuple[str, ...]:
        """Every spelling of card i: term, aliases, each without or inside its parentheses."""
        cached = self._names.get(i)
        if cached is None:
            cached = self._names[i] = self._every_name(i)
        return cached

    def _every_name(self, i: int) -> tuple[str, ...]:
        """`names(i)` made again, not remembered: `check` asks some of many cards once each."""
        card = self.cards[i]
        return every_name(card.names, self.kinds.no_names(card.term))

    def named_in(self, text: str, i: int) -> bool:
        """Does `text` name card i, by a name or a short one (`short_names`: "Athena")?"""
        return mentions(text, self.forms(i)[0]) or self.short_names.said_in(text, i)

    def forms(self, i: int) -> tuple[frozenset[str], frozenset[str]]:
        """(forms of the card's names, forms of the sides of a comparison term)."""
        cached = self._forms.get(i)
        if cached is None:
            card = self.cards[i]
            cached = (name_forms(self.names(i)), name_forms(comparison_parts(card.term)))
            self._forms[i] = cached
        return cached

    def spoken(self, i: int) -> frozenset[str]:
        """Forms of how the card's names are read, when they say it ("tā" for "他 (tā)":
        `card_names.readings`); none for most cards."""
        cached = self._spoken.get(i)
        if cached is None:
            said = [r for name in self.names(i) if "(" in name for r in readings(name)]
            cached = self._spoken[i] = name_forms(said) if said else _NO_FORMS
        return cached

    def spellings(self, i: int) -> list[tuple[str, str]]:
        """Card i's names written without separators, each with its digits, for the typo
        test (plural variants are within its reach already)."""
        cached = self._spellings.get(i)
        if cached is None:
            # marks are letters where a deck writes them: "müssen" is no typo of "mussten"
            spelled = set(map(marked_key if self.writes_marks else compact, self.names(i)))
            cached = [(c, digits(c)) for c in sorted(spelled) if len(c) >= 6]
            self._spellings[i] = cached
        return cached

    def mask_forms(self, i: int) -> frozenset[str]:
        """What to blank in this card's own text: its names, the sides of a comparison term,
        an acronym's expansion (or the acronym of a long name) where its definition spells
        it, and any word of its term that no other card of the deck uses, or at most one
        other term ("Lex" in "attach Lex to your application" names Amazon Lex as surely as
        "Amazon Lex" does; "Lustre" in "use FSx for Lustre" names *FSx for Lustre on
        SageMaker*: no wrong option could share it), in any of its word forms."""
        cached = self._mask.get(i)
        if cached is None:
            cached = self._mask[i] = self._mask_forms(i, camel=True)
        return cached

    def _mask_forms(self, i: int, *, camel: bool) -> frozenset[str]:
        names, parts = self.forms(i)
        # A question card's front is a sentence, not a name: only its sides are masked.
        own = set() if self.is_question[i] else own_words(self, i, camel=camel)
        # The cards that only send the reader here ("See X") are other names of it.
        own.update(n for j in self.same_group.get(i, ()) if j != i for n in self.names(j))
        # How its name is read, said in its own text, gives it away as its names do.
        return names | parts | name_forms(own) | self.spoken(i)

    def masked_definition(self, i: int) -> str:
        """The definition with the card's own names blanked (a stem must not repeat them)."""
        masked = self._masked_definition.get(i)
        if masked is None:
            masked = self.option_definitions.stem(i)  # names blanked
            if self.lexicon.language == "english":
                masked = neutral_articles(masked)
            self._masked_definition[i] = masked
            if len(self._masked_definition) > 50_000:
                self._masked_definition.popitem(last=False)
        return masked

    def masked_term(self, i: int) -> str:
        """Card i's term as a stem: with its definition blanked where the term names it
        whole ("Revolutions of ____" for 1848), else as written."""
        card = self.cards[i]
        # The cheap test first: a term only names a definition no longer than itself.
        if self.is_question[i] or len(self.def_norm[i]) > len(self.term_norm[i]):
            return card.term
        masked = self._masked_term.get(i)
        if masked is None:
            masked = mask_forms(card.term, name_forms([card.definition]))
            if len(self._masked_term) > 50_000:
                self._masked_term.clear()
            self._masked_term[i] = masked
        return masked

    def names_definition(self, i: int) -> bool:
        """Does card i's term name its whole definition ("Revolutions of 1848": 1848;
        "der Admiral, -e": admiral)? Shown as an option, or beside its definition, it says
        its own answer."""
        return self.masked_term(i) != self.cards[i].term

    def only_names_itself(self, i: int) -> bool:
        """Is card i's definition nothing but its own names and stop words ("Atomicity,
        consistency, isolation, durability" for ACID; "the table" for la table)?"""
        return self.names_itself(i) and self.lexicon.says_nothing(self.masked_definition(i))

    def names_itself(self, i: int) -> bool:
        """Does card i's definition name itself (so needs a blank) or hold one (a cloze)?"""
        definition = self.cards[i].definition
        return BLANK in definition or self.masked_definition(i) != definition

    def names_itself_as_option(self, j: int) -> bool:
        """Would card j's definition, a wrong option, give itself away by naming its card:
        `names_itself`, but for the parts of a CamelCase name alone ("…source code…; billed
        per build minute", AWS CodeBuild, beside "AWS CodePipeline": only knowing CodeBuild
        rules it out) and a usage example the option leaves out (`option_definitions`)."""
        if not self.names_itself(j) or self.option_definitions.cut(j) is not None:
            return False
        definition = self.cards[j].definition
        if BLANK in definition or not camel_parts(self.cards[j].term):
            return True
        # Its masks made again without the parts: remembered, as the candidates of every
        # question ask it again.
        known = self._names_itself_whole.get(j)
        if known is None:
            if len(self._names_itself_whole) > _DEF_STEMS_KEPT:
                self._names_itself_whole.clear()
            whole = mask_forms(definition, self._mask_forms(j, camel=False))
            known = self._names_itself_whole[j] = whole != definition
        return known

    @functools.cached_property
    def option_definitions(self) -> OptionDefinitions:
        """Definitions as options, without the usage examples that name their cards."""
        return OptionDefinitions(self)

    def offers_definition(self, j: int) -> bool:
        """May card j's definition stand as a wrong option of a term → definition item,
        as far as its own text says: it neither names its card (`names_itself_as_option`)
        nor only points at another ("See X")? The rule the distractors follow, and the
        count of what a deck can offer (`asked_ways`)."""
        return not self.names_itself_as_option(j) and not self.points_elsewhere(j)

    # -- "the same thing": never wrong options for each other

    @functools.cached_property
    def kinds(self) -> Kinds:
        """The cards' kinds, where labels say them ("(adj.)": labels, no names)."""
        return Kinds(self.terms, self.definitions, self.lexicon.stopwords)

    def same_thing(self, i: int, j: int) -> bool:
        """True when j may never be a wrong option next to i: same card, alias, near-duplicate
        name, overlapping definitions, a `related` link, one cross-reference group, or
        synonyms the deck states itself (`synonyms.py`)."""
        pair = (i, j) if i < j else (j, i)
        known = self._same.get(pair)
        if known is None:
            if len(self._same) > 200_000:
                self._same.clear()
            known = self._same[pair] = self._same_thing(i, j)
        return known

    def _same_thing(self, i: int, j: int) -> bool:
        if (
            i == j
            or j in self.related.get(i, ())
            or j in self.same_group.get(i, ())
            or not self.synonym_of.get(i, _NO_GROUP).isdisjoint(self.synonym_of.get(j, ()))
            or self.said_synonyms(i, j)
        ):
            return True
        names_i, parts_i = self.forms(i)
        names_j, parts_j = self.forms(j)
        # Two readings alike are homophones (他, 她: "tā"), told apart by their names; a
        # card named by the sound alone ("tā") is either.
        shares_a_name = (
            self.term_norm[i] == self.term_norm[j]  # also names too short for forms: "C", "c"
            or bool(names_i & names_j or parts_i & names_j or names_i & parts_j)
            or bool(self.spoken(i) & names_j or names_i & self.spoken(j))
        )
        # Names alike once folded, not with their marks ("schön", "schon", where a deck
        # writes marks) or signs ("C", "C++"), or as inflections only, saying two things
        # ("habla", "hablas"), are two words: then only their meanings may make them one.
        if shares_a_name and not (self.names_apart(i, j) or inflected_apart(self, i, j)):
            return True
        # Definitions alike once folded, not with their marks, are two words where the
        # definitions write marks ("él", "el"): then only their names may make them one.
        if self.definitions_apart_by_marks(i, j):
            return False
        if self._spelled_alike(i, j) and not two_meanings(self, i, j):
            return True
        if self.definitions_alike(i, j):
            return True
        # Nearly the same text is one meaning written twice, unless something tells the
        # two apart: "…left/right ventricle", "OSI layer 2/3" (numbers said otherwise),
        # both are formulas or code, which one sign or operand makes two ("EV - AC", "EV -
        # PV"; "O(VE)"), or both are names whose terms say other numbers: two names, as
        # the formulas "CH4" and "C2H6" tell ("methane", "ethane"); sentences alike but
        # for a letter are one written twice, whatever their terms ("Term 2", "Term 7").
        return (
            fuzz.ratio(self.def_norm[i], self.def_norm[j], score_cutoff=SAME_DEFINITION_RATIO) > 0
            and not (is_notation(self.definitions[i]) and is_notation(self.definitions[j]))
            and not self._two_facts(i, j)
            and not (self._names_defined(i, j) and self.numbers_differ(i, j, terms=True))
            and not words_swapped(self, i, j)  # "…heartbeats per minute", "…breaths…"
        )

    def _names_defined(self, i: int, j: int) -> bool:
        """Are both definitions names, NAME_WORDS words at most ("sodium sulfate"), and
        two names (one written twice, "No" and "No", is one answer whatever the terms)?"""
        one, other = self.def_norm[i], self.def_norm[j]
        return one != other and all(len(d.split()) <= NAME_WORDS for d in (one, other))

    def _spelled_alike(self, i: int, j: int) -> bool:
        """Are two of the cards' names one name with a typo or a plural between them?"""
        for a, digits_a in self.spellings(i):
            for b, digits_b in self.spellings(j):
                if (
                    digits_a == digits_b
                    and abs(len(a) - len(b)) <= 2
                    and spelled_alike(a, b)
                    # A mark alone is no typo where a deck writes them: "zählen", "zahlen".
                    and (a == b or not self.writes_marks or unmarked(a) != unmarked(b))
                ):
                    return True
        return False

    # -- meaning: idf-weighted stem overlap of two definitions, and inferred areas

    def term_stems(self, i: int) -> frozenset[str]:
        """Stems of card i's term's content words (`Lexicon.stems`, from its folded words)."""
        return self.lexicon.stems(self.cards[i].term, self.term_norm[i].split())

    def def_stems(self, i: int) -> frozenset[str]:
        """Stems of card i's definition's content words (computed once, on demand)."""
        stems = self._def_stems.get(i)
        if stems is None:
            stems = self._def_stems_of(i)
            if len(self._def_stems) > _DEF_STEMS_KEPT:
                self._def_stems.clear()
            self._def_stems[i] = stems
        return stems

    def every_def_stems(
        self, normed: Sequence[str] | None = None, *, step: int = 1, start: int = 0
    ) -> list[tuple[str, ...]]:
        """Each card's `def_stems` as a tuple, in deck order, none remembered: `check`
        reads every card's once (a 1M-card deck's, kept as sets, took 700 MB). `normed`:
        `def_norm` as a list, when the caller has made one, or the part of it from card
        `start` on (a chunk); `step`: every step-th card's only (the idf sample)."""
        texts = self.def_norm if normed is None else normed
        stems = self.lexicon.distinct_stems_all(texts if step == 1 else texts[::step])
        end = start + len(stems) * step
        for i in self.maybe_references:
            if i % step == 0 and start <= i < end:  # a cross-reference's are its target's
                stems[(i - start) // step] = tuple(self._def_stems_of(i))
        said = self.definitions[start:end:step]
        for k in unfolded_stems(said, self.lexicon.stopwords):
            stems[k] = tuple(self._def_stems_of(start + k * step))
        return stems

    def _def_stems_of(self, i: int) -> frozenset[str]:
        # A cross-reference means what it points at, not "see" or "sinónimo".
        definition = self.cards[i].definition
        # The cheap test first: a reference's first word opens its folded words too.
        opening = self.def_norm[i].partition(" ")[0]
        if target := cross_reference_target(definition) if may_refer(opening) else None:
            return self.lexicon.stems(target)
        # "(dated) lawyer" means a lawyer: a usage label is no part of the meaning.
        # def_norm holds the definition's words already folded.
        return meaning_of(definition, self.lexicon, self.def_norm[i].split())

    def definitions_alike(self, i: int, j: int) -> bool:
        """Could one definition answer for the other? Their stems overlap, saying the same
        numbers, and nothing tells them apart (`apart.told_apart`: "to work", "work"), or
        one says numbers alone, every one of which the other says (`numbers_within`)."""
        stems_i, stems_j = self.def_stems(i), self.def_stems(j)
        if not (stems_i and stems_j):
            return numbers_within(self.def_norm[i], stems_i, self.def_norm[j], stems_j)
        return self.definitions_overlap(i, j) and not self._two_facts(i, j)

    def _two_facts(self, i: int, j: int) -> bool:
        """Do two definitions that overlap or read nearly alike still say two facts: other
        numbers ("OSI layer 2" / "3"), or something else that tells them apart
        (`apart.told_apart`: "to work" / "work", "…left…" / "…right…")?"""
        return self.numbers_differ(i, j) or told_apart(self, i, j, *map(self.def_stems, (i, j)))

    def definitions_overlap(self, i: int, j: int) -> bool:
        """`wording.definitions_overlap` of cards i and j (their stems, and the stems of
        the alternatives they list, read only when needed)."""
        return definitions_overlap(
            self.def_stems(i), self.def_stems(j), lambda: (self.def_pieces(i), self.def_pieces(j))
        )

    def def_pieces(self, i: int) -> tuple[frozenset[str], ...]:
        """The stems of each alternative card i's definition lists ("condition, state":
        {condition}, {state}; none when it is no list of short alternatives)."""
        pieces = self._def_pieces.get(i)
        if pieces is None:
            listed = synonyms.alternatives(self.cards[i].definition)
            pieces = tuple(meaning_of(p, self.lexicon) for meaning in listed for p in meaning)
            if len(self._def_pieces) > _DEF_STEMS_KEPT:
                self._def_pieces.clear()
            self._def_pieces[i] = pieces
        return pieces

    def numbers_differ(self, i: int, j: int, *, terms: bool = False) -> bool:
        """Do both definitions (or `terms`) say numbers, not the same ones ("layer 1" /
        "layer 2"; "CH4" / "C2H6"; "one (native)" / "two (native)": `numbers_said`;
        "every hour" / "every 4 hours": `frequencies_differ`)?
        Then they are two things (one saying none may be the general case)."""
        texts, language = self.term_norm if terms else self.def_norm, self.lexicon.language
        a, b = numbers_said(texts[i], language), numbers_said(texts[j], language)
        # "every hour" says 1 hour, beside "every 4 hours" (`frequencies`)
        return bool(a and b and a != b) or frequencies_differ(texts[i], texts[j], language)

    def idf(self, stem: str) -> float:
        weight = self._idf.get(stem)
        if weight is None:
            seen = self.stem_scale * self.stem_cards.get(stem, 0)
            weight = self._idf[stem] = math.log((1 + self.n) / (1 + seen))
        return weight

    # Sums over stem sets use math.fsum (exact, so in any order the same): a plain sum
    # follows the set's order, which changes with PYTHONHASHSEED, and its last bits moved
    # rankings and areas, so one seed gave other questions in another process.

    def _stem_length(self, i: int, terms: bool = False) -> float:
        """The idf length of card i's definition stems (remembered), or its term's."""
        if terms:
            return math.sqrt(math.fsum(map(self._idf_squared.__getitem__, self.term_stems(i))))
        length = self._stem_norm.get(i)
        if length is None:
            length = math.sqrt(math.fsum(map(self._idf_squared.__getitem__, self.def_stems(i))))
            self._stem_norm[i] = length
        return length

    def similarities(self, i: int, others: list[int], *, terms: bool = False) -> list[float]:
        """Cosine of the idf-weighted stem sets of card i's definition and each of
        `others`' (0..1; one loop, i's weights computed once); of their terms' (a
        question's words, `alike_questions`) with `terms`."""
        stems_of = self.term_stems if terms else self.def_stems
        mine = stems_of(i)
        length = self._stem_length(i, terms)
        if not mine or not length:
            return [0.0] * len(others)
        weight = self._idf_squared.__getitem__
        out = []
        for j in others:
            shared = mine & stems_of(j)
            # 0 when every stem of j is in every card (idf 0): j says nothing particular.
            other = self._stem_length(j, terms) if shared else 0.0
            out.append(math.fsum(map(weight, shared)) / (length * other) if other else 0.0)
        return out

    # -- large decks: word → cards postings (a question never scores every card)

    def build_word_indexes(self) -> None:
        """The postings a large deck's questions gather candidates from (`pool.neighbours`),
        made once, by its first generator: `check` reads none (8 s of a 1M-card deck's).
        Made as the index is (`_build`): the collector paused, then frozen out of scans."""
        if self._word_indexes_built:
            return
        keyed = (self.lexicon.stopwords, columns.POSTING_PREFIX, POSTINGS_CAP)
        with gc_paused():
            # Each topic's normalised names, for the look-alike scan's sample (a slice); a
            # compact index cuts them out of its packed column instead (8 MB at 1M cards).
            if isinstance(self.term_norm, list):
                self.topic_terms = {
                    topic: list(map(self.term_norm.__getitem__, members))
                    for topic, members in self.by_topic.items()
                }
            self.def_postings = columns.word_postings(self.def_norm, *keyed)
            self.term_postings = columns.word_postings(self.term_norm, *keyed)
            # Every question reads the labels (names, its pool's kind): counted over the
            # deck here, not in the first question (0.04 s at 100k cards).
            self.kinds  # noqa: B018
        gc.freeze()
        self._word_indexes_built = True
