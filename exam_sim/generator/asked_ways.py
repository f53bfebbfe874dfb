"""Which ways a card is asked: from its definition, from its term, both, or not at all
(a question card: question → answer, answer → question, true or false). Read from the
card's own text first (`can_ask`, what `check` and the study schedule ask of every card),
then from the deck (enough other cards to offer, cues no draw can hide). A base of
`QuestionGenerator`, which supplies the index and the reading of each card."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from exam_sim.generator.numbers import number_answer
from exam_sim.generator.unhidden import (
    echo_unhidden,
    spelled_like_question,
    spelling_unhidden,
    term_spelling_unhidden,
)
from exam_sim.models import Direction
from exam_sim.text import WRITTEN_BLANK

if TYPE_CHECKING:
    from exam_sim.generator.comparisons import LabelledAnswer
    from exam_sim.generator.expansions import Expansions
    from exam_sim.generator.index import DeckIndex

# Below this many question cards they are counted one by one to know whether enough of
# them can be options (`_questions_to_offer`); above, the count is plenty.
QUESTIONS_COUNTED = 100
_PLENTY = -1  # `_definitions_to_offer` found QUESTIONS_COUNTED definition cards or more


class AskedWays:
    """The directions each card of a deck is asked in (`directions_for`)."""

    _index: DeckIndex
    options: int
    _expansions: Expansions
    _from_answer: dict[int, bool]
    _offered: int | None
    _definitions_offered: int | None

    def directions_for(self, card_id: str) -> tuple[Direction, ...]:
        """Directions this card can be asked in, preferred first; () when it cannot be asked.
        A definition that names its own term, repeats words of it, or is spelled like it
        where too few other definitions are (a cognate: "abscess" for "der Abszess") is
        asked as a stem only: as an option it would either give the answer away or need a blank that
        makes it unreadable. A cross-reference ("See X") is not asked: its meaning is the
        other card's, which is asked instead; nor is a definition that only names or spells
        out its term ("Atomicity, consistency, isolation, durability" for ACID). A term that
        names its whole definition ("Revolutions of 1848" for 1848) is the mirror case: asked
        from its term only, the definition blanked there, and not at all when nothing but
        function words would be left ("der ____, -e" for admiral)."""
        i = self._position(card_id)
        settled = self._settled(i)
        if settled is not None:
            return settled
        ix = self._index
        if ix.is_question[i]:
            return (
                (Direction.ANSWER_TO_QUESTION,)
                if self._asked_from_answer(i)
                else (Direction.QUESTION_TO_ANSWER,)
            )
        if (
            (ix.names_itself(i) and ix.option_definitions.cut(i) is None)
            or echo_unhidden(ix, i, self.options)
            or spelling_unhidden(ix, i, self.options)
        ):
            return (Direction.DEFINITION_TO_TERM,)
        if term_spelling_unhidden(ix, i, self.options):  # "Helium" holds "He": the other way
            return (Direction.TERM_TO_DEFINITION,)
        if not self._enough_definitions(i):
            return (Direction.DEFINITION_TO_TERM,)
        return (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION)

    def can_ask(self, card_id: str) -> bool:
        """Can this card be asked at all (`directions_for` not empty)? Read from the card
        alone, without the deck-wide tests that only choose among its directions, so
        `check` and the study schedule can ask it of every card of a deck."""
        return self._settled(self._position(card_id)) != ()

    def _settled(self, i: int) -> tuple[Direction, ...] | None:
        """Card i's directions when its own text settles them, () among them; None when it
        is asked and the other cards decide which way (see `directions_for`)."""
        ix = self._index
        if ix.is_question[i]:
            if i in ix.yes_no:
                return (Direction.TRUE_FALSE,)
            return None if ix.option_ok[i] else ()
        if not ix.option_ok[i]:  # a claim in a deck of claims is asked as true or false
            return (Direction.TRUE_FALSE,) if i in ix.claims else ()
        if ix.points_elsewhere(i):
            return ()
        if self._labelled(i) is not None:
            # A comparison answered side by side is asked with its pairings moved: from
            # its definition it would be the one comparison among names.
            return (Direction.TERM_TO_DEFINITION,)
        if ix.only_names_itself(i):  # an acronym's expansion is asked as what it stands for
            return (Direction.TERM_TO_DEFINITION,) if self._expansions.of(i) else ()
        if ix.names_definition(i):
            # Its term as an option would hold the stem ("Revolutions of 1848" for 1848):
            # asked from its term only, the definition blanked there, when words are left.
            if ix.names_itself(i) or not ix.lexicon.content_words(ix.masked_term(i)):
                return ()
            return (Direction.TERM_TO_DEFINITION,)
        return None

    def _asked_from_answer(self, i: int) -> bool:
        """Is question card i asked from its answer (`echoes.py`)? When the answer repeats
        stems of the question that too few other answers repeat, words are left once they
        are blanked, and enough other questions can be options; never when the question
        is a sentence whose blank the answer fills ("Plant cells have a rigid ____": its
        answer, "cell wall", blanked where it repeats the sentence, would read "____ wall")."""
        known = self._from_answer.get(i)
        if known is None:  # asked again for every plan and every question of the card
            ix = self._index
            known = self._from_answer[i] = (
                self._labelled(i) is None
                and WRITTEN_BLANK not in ix.terms[i]
                and (echo_unhidden(ix, i, self.options) or spelled_like_question(ix, i))
                and self._questions_to_offer() >= self.options
                and bool(ix.lexicon.content_words(self._masked_answer(i)))
            )
        return known

    def _questions_to_offer(self) -> int:
        """How many question cards may be options of an answer → question item (all of
        them past QUESTIONS_COUNTED: then the count only has to be enough)."""
        if self._offered is None:
            ix = self._index
            self._offered = ix.is_question.count(1)
            if self._offered < QUESTIONS_COUNTED:
                asked = itertools.compress(range(ix.n), ix.is_question)
                self._offered = sum(self._eligible(j, Direction.ANSWER_TO_QUESTION) for j in asked)
        return self._offered

    def _enough_definitions(self, i: int) -> bool:
        """Can card i be asked from its term for all the deck can offer: options - 1 other
        definitions that may be wrong options, or wrong options made for it (numbers near
        a number, expansions of an acronym)? A deck of four cards, two of whose definitions
        name their terms, has one to offer: asked so, its cards failed every time, and a
        drill said it could make two questions more than it made."""
        offered = self._definitions_to_offer()
        if offered is None or offered - self._offers_definition(i) >= self.options - 1:
            return True
        return number_answer(self._index.definitions[i]) is not None or bool(self._expansions.of(i))

    def _definitions_to_offer(self) -> int | None:
        """How many cards' definitions may be wrong options of a term → definition item;
        None past QUESTIONS_COUNTED definition cards (then there are plenty). Worked out
        once: the count of definition cards walks the whole deck (0.25 ms at 1M cards, for
        every card a plan asks about)."""
        if self._definitions_offered is None:
            ix = self._index
            plenty = ix.n - ix.is_question.count(1) >= QUESTIONS_COUNTED
            self._definitions_offered = (
                _PLENTY if plenty else sum(map(self._offers_definition, range(ix.n)))
            )
        return None if self._definitions_offered == _PLENTY else self._definitions_offered

    def _offers_definition(self, j: int) -> bool:
        """May card j's definition be a wrong option of a term → definition item?"""
        return self._eligible(j, Direction.TERM_TO_DEFINITION) and self._index.offers_definition(j)

    # -- what the generator supplies

    def _position(self, card_id: str) -> int:
        raise NotImplementedError

    def _labelled(self, i: int) -> LabelledAnswer | None:
        raise NotImplementedError

    def _eligible(self, j: int, direction: Direction) -> bool:
        raise NotImplementedError

    def _masked_answer(self, i: int) -> str:
        raise NotImplementedError
