"""Work done in a second process while this one goes on: the one place exam-sim forks.

`exam-sim check` on a large deck lints it and audits its questions. The two share only
the deck and its index, and each takes about half a minute at a million cards: on a
machine with two cores or more they need not wait for each other. So too `check_deck`'s
passes over definitions beside its other passes, and `exam-sim import`'s lint beside the
writing of the deck (that lint forking in turn for its passes). `start` runs the work
in a forked child (`multiprocessing`'s "fork" context: the child sees the deck and the
index as they are, copy-on-write, nothing is pickled on the way in) and `Pending.result`
takes back what it returned (pickled through a pipe), or raises what it raised.

Where forking is not safe, the work runs in turn, in this process, when its result is
asked for: off Linux (macOS forks badly, Windows cannot), on one core, or when this
process runs other threads (a forked child holds copies of their locks, held or not).
A child that dies without an answer (killed, out of memory) is not an error either: the
work is then done here. `Pending.cancel` ends the child (Ctrl+C in the parent: the child
is killed, never left behind; a child also dies with its parent, however the parent ends).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkProcess

T = TypeVar("T")


def can_fork() -> bool:
    """Would `start` fork? Linux with two cores or more, and no other thread running."""
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


class Pending(Generic[T]):
    """Work started by `start`: its result when asked for (done here, in turn, when no
    child could run it)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work

    def result(self) -> T:
        return self._work()

    def cancel(self) -> None:
        """Stop the work if it runs elsewhere (here, nothing has started yet)."""

    @property
    def forked(self) -> bool:
        return False


class _Forked(Pending[T]):
    def __init__(self, work: Callable[[], T], process: ForkProcess, answers: Connection) -> None:
        super().__init__(work)
        self._process = process
        self._answers = answers

    def result(self) -> T:
        try:
            done, value = self._answers.recv()
        except EOFError:  # the child died without an answer: do the work here
            self._end()
            return self._work()
        self._end()
        if done:
            return value  # type: ignore[no-any-return]
        raise value

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._end()

    def _end(self) -> None:
        self._process.join()
        self._answers.close()

    @property
    def forked(self) -> bool:
        return True


def start(work: Callable[[], T]) -> Pending[T]:
    """Run `work` in a forked child while the caller goes on (see the module's text)."""
    if not can_fork():
        return Pending(work)
    import multiprocessing  # only here: 20 ms of imports no other command needs

    context = multiprocessing.get_context("fork")
    answers, sender = context.Pipe(duplex=False)
    # Not a daemon, so that the work may fork in turn (`check_deck` within `import`'s
    # lint); the child dies with its parent instead (`_die_with_parent`), and every caller
    # cancels what it started.
    process = context.Process(target=_answer, args=(work, sender, os.getpid()))
    process.start()
    sender.close()  # the child's end: the parent reads EOF once the child is gone
    return _Forked(work, process, answers)


def _die_with_parent(parent: int) -> None:
    """Have Linux kill this child when its parent ends, however it ends (SIGKILL too):
    never a child left computing for nobody, nor its own children after it."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the parent's cancel still ends it
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _answer(work: Callable[[], object], sender: Connection, parent: int) -> None:
    """In the child: send (True, result) or (False, what was raised)."""
    _die_with_parent(parent)
    try:
        outcome: tuple[bool, object] = (True, work())
    except BaseException as error:  # handed to the parent, which raises it
        outcome = (False, error)
    try:
        sender.send(outcome)
    except Exception as error:  # a result or error that cannot be pickled
        sender.send((False, RuntimeError(f"the background work's answer was lost: {error}")))
    finally:
        sender.close()
