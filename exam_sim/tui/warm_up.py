"""A large deck indexed in the background as soon as it is open.

The generator's index is built on a deck's first session: seconds at 100,000 cards, about
a minute at a million. Built while the learner reads Home instead, the first mock starts
at once. It runs on a daemon thread, not a Textual worker: quitting exam-sim while it
runs must not wait for it (the executor that runs thread workers is joined at exit).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from exam_sim.errors import ExamSimError

if TYPE_CHECKING:
    from exam_sim.exam import QuestionSource
    from exam_sim.models import Deck

# From this many cards on, a session is planned in a thread worker (`ExamSimApp.start`)
# and the deck is indexed as soon as it is open.
BACKGROUND_PLANNING_CARDS = 1_000


class WarmUp:
    """The open deck's index, built on a daemon thread; `wait` before planning on it."""

    def __init__(self) -> None:
        self._deck: Deck | None = None
        self._done = threading.Event()

    def start(self, deck: Deck) -> None:
        if len(deck.cards) < BACKGROUND_PLANNING_CARDS or deck is self._deck:
            return
        done = threading.Event()
        self._deck, self._done = deck, done

        def index() -> None:
            from exam_sim.exam.items import source_for

            try:
                source_for(deck)
            except ExamSimError:
                pass  # the session that needs the generator says why it cannot start
            finally:
                done.set()

        threading.Thread(target=index, name="exam-sim index", daemon=True).start()

    def wait(self, deck: Deck, cancelled: Callable[[], bool]) -> bool:
        """Until `deck`'s index is built, if it is being built (planning on it meanwhile
        would build it a second time, on another thread); False if `cancelled` comes
        first (quitting exam-sim cancels the waiting worker: it must not wait a minute)."""
        if deck is not self._deck:
            return True
        while not self._done.wait(0.1):
            if cancelled():
                return False
        return True

    def source(self, deck: Deck) -> QuestionSource | None:
        """`deck`'s generator when asking for it costs no wait: a deck too small to be
        indexed in the background (built inline in milliseconds) or one whose index is
        built; None meanwhile, or when no generator can be made of the deck."""
        if len(deck.cards) >= BACKGROUND_PLANNING_CARDS and not (
            deck is self._deck and self._done.is_set()
        ):
            return None
        from exam_sim.exam.items import source_for

        try:
            return source_for(deck)
        except ExamSimError:
            return None
