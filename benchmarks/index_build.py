"""The generator's index alone (issue 14 item 10): CPU and memory of `index_for` on
synthetic decks (recombined real card text, `_decks.synthetic_deck`), each size in a fresh
process so that its memory is that size's alone.

    .venv/bin/python benchmarks/index_build.py [--sizes 100000 1000000] [--parts]

Per size: the index built once, cold, as a session or `exam-sim check` builds it: CPU
seconds, RSS added (current, not peak) and the peak RSS over the process; beside it a
reference measured in the same process just before, `str.lower` of every definition (one
C call a card: read the index against it when the machine is shared). --parts adds the
deep size of each attribute of the index (objects the deck holds not counted).
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import resource
import subprocess
import sys
import time
import types
from array import array
from typing import Any

from _decks import synthetic_deck

_CODE = (
    types.FunctionType, types.MethodType, types.BuiltinFunctionType, types.ModuleType,
    types.MethodWrapperType, functools.partial,
)  # fmt: skip


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _parts(deck: Any, index: Any) -> dict[str, float]:
    """MB reachable from each attribute of the index and from nothing before it."""
    seen: set[int] = {id(index)}
    # Not followed: code (a function's globals are its module's, shared by everything).
    atoms = (str, bytes, int, float, bool, type(None), array, type, *_CODE)
    stack = [deck]
    while stack:  # what the deck holds is not the index's
        obj = stack.pop()
        if id(obj) not in seen:
            seen.add(id(obj))
            if not isinstance(obj, atoms):
                stack.extend(gc.get_referents(obj))
    sizes = {}
    # The idf² memo refers back to the index: measured last, it adds only its own.
    for name, value in sorted(vars(index).items(), key=lambda kv: kv[0] == "_idf_squared"):
        total, stack = 0, [value]
        while stack:
            obj = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            total += sys.getsizeof(obj)
            if not isinstance(obj, atoms):
                stack.extend(gc.get_referents(obj))
        sizes[name] = total / 1e6
    return sizes


def measure(size: int, parts: bool) -> dict[str, Any]:
    import exam_sim.generator.index_cache as index_cache

    deck = synthetic_deck(size)
    gc.collect()
    start = time.process_time()
    lowered = [card.definition.lower() for card in deck.cards]
    reference = time.process_time() - start
    del lowered
    gc.collect()
    before = _rss_mb()
    start = time.process_time()
    index = index_cache.index_for(deck)
    index.build_word_indexes()  # the whole index, as the generator has it
    cpu = time.process_time() - start
    result: dict[str, Any] = {
        "size": size,
        "reference": reference,
        "cpu": cpu,
        "rss_added": _rss_mb() - before,
        "deck_rss": before,
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if parts:
        result["parts"] = _parts(deck, index)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--parts", action="store_true", help="deep size of each attribute")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's size
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.parts)))
        return 0
    print(f"{'cards':>9} {'reference':>10} {'index cpu':>10} {'ratio':>7} {'RSS added':>10} "
          f"{'deck RSS':>9} {'peak RSS':>9}")  # fmt: skip
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size)] + ["--parts"] * args.parts
        r = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        ratio = r["cpu"] / r["reference"]
        print(
            f"{size:>9,} {r['reference']:>9.3f}s {r['cpu']:>9.2f}s {ratio:>6.0f}× "
            f"{r['rss_added']:>7.0f} MB {r['deck_rss']:>6.0f} MB {r['peak']:>6.0f} MB"
        )
        for name, mb in sorted(r.get("parts", {}).items(), key=lambda kv: -kv[1]):
            if mb >= 0.5:
                print(f"{'':>12}{name:<20} {mb:>7.1f} MB")
    print("reference: str.lower of every definition, in the same process just before")
    return 0


if __name__ == "__main__":
    sys.exit(main())
