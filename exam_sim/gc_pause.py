"""Python's cycle collector paused while millions of objects are made.

Reading or checking a large deck, indexing it, and building a long result list from the
history make millions of objects and no cycles. Every few hundred new objects the collector
rescans the young ones, and now and then the whole heap: a third of reading 100k cards,
more than building a long list itself. Objects are still freed by reference counting.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The collector off for the block, then back as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
