"""Decks at scale (issue 14 item 10): reading, checking, importing, listing and planning
a mock on decks of 10k, 100k and 1M cards, each beside a reference measured in the same run.

    .venv/bin/python benchmarks/scale.py [--sizes 10000 100000 1000000]

Per size, in a fresh process with its own EXAM_SIM_HOME (so peak memory is that size's
alone): a native deck file of recombined real card text is written into the library, then

- load: `load_deck` (TOML parse + validation); reference: `tomllib.loads` of the same text;
- index: the generator's index of the deck (`index_for` and its word postings), built once
  and shared by check and every question (measured apart so the columns add up);
- check: `check_deck` (the lint, without the guessing audit), the index already built;
- import: `import_deck` of the same cards as CSV;
- list cold / list warm: `list_decks` with that deck in the library, the first time (it is
  parsed once) and then (from the deck catalog); reference: `list_decks` with only the
  bundled decks; resolve: `resolve_deck` of a mistyped id (the "no such deck" path);
- plan_mock: a 65-question mock (`plan_mock`, the index already built);
- peak RSS against the deck file's size: after load, index and mock (a session's use of
  the deck), and after everything (check and the import of a second copy included).

Then the commands as a user runs them, each a fresh process (wall time, peak memory
against the file: the command's own peak RSS or its process tree's summed PSS, whichever
is larger, so that memory a child process holds is counted): `exam-sim check DECK
--audit-cards 0` (load, index, the lint), `exam-sim check DECK` (and the guessing audit
of 100 cards, which makes questions, so the index's word postings too), `exam-sim import
CSV` (the import, then the lint it runs on the imported deck); reference: a process
that only `tomllib.load`s the deck file. The in-process columns above say where the time
goes; these say what a user waits.

Goals (issue 14): import and check ≤ 60 s at 1M, list ≤ 1 s, plan_mock ≤ 2 s, memory ≤ 4×
the file size.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli_w
from _decks import DEFAULT_DECK, load


def write_decks(size: int, folder: Path) -> tuple[Path, Path]:
    """A native deck and the same cards as CSV, of recombined bundled card text."""
    base = load(DEFAULT_DECK)
    rng = random.Random(7)
    words = [w for c in base.cards for w in re.findall(r"[\w-]+", c.term)]
    pieces = [
        p.strip()
        for c in base.cards
        for p in re.split(r"(?<=[.;:])\s+|,\s+", c.definition)
        if len(p.split()) >= 3
    ]
    native, csv = folder / f"big-{size}.toml", folder.parent / f"big-{size}.csv"
    with native.open("w", encoding="utf-8") as toml, csv.open("w", encoding="utf-8") as rows:
        toml.write(f'format = "exam-sim/1"\nid = "big-{size}"\ntitle = "Big {size}"\n')
        for n, weight in enumerate((0.2, 0.24, 0.36, 0.2), start=1):
            toml.write(f'\n[[topics]]\nid = "d{n}"\nname = "Domain {n}"\nweight = {weight}\n')
        for start in range(0, size, _WRITTEN_AT_ONCE):
            tables = []
            for i in range(start, min(start + _WRITTEN_AT_ONCE, size)):
                term = " ".join(rng.sample(words, rng.randint(1, 3))) + f" {i}"
                definition = " ".join(rng.sample(pieces, rng.randint(1, 3)))
                tables.append({"id": f"card-{i}", "term": term, "definition": definition,
                               "topic": f"d{rng.randint(1, 4)}"})  # fmt: skip
                rows.write(f'"{term}","{definition.replace(chr(34), chr(34) * 2)}"\n')
            # Written as exam-sim writes a deck (`deck_to_toml`: tomli_w, a text with a line
            # feed as a multi-line string), so the deck loaded is one as `exam-sim import`
            # leaves it in the library. (Written with "\\n" escapes, as this did until
            # 2026-12-03, it took a path of the reader that imported decks did not: 7 s to
            # load 1M cards, against 30 s for the same deck imported.)
            toml.write("\n" + tomli_w.dumps({"cards": tables}, multiline_strings=True))
    return native, csv


_WRITTEN_AT_ONCE = 10_000  # cards given to tomli_w at a time


_CPU: dict[str, float] = {}  # CPU seconds of the last timed call of each function


def _timed(function, *args, **kwargs):  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    _CPU[getattr(function, "__name__", "?")] = time.process_time() - cpu
    return result, time.perf_counter() - start


def measure(size: int) -> dict[str, float]:
    import tomllib

    from exam_sim import paths
    from exam_sim.decks import import_deck, list_decks, load_deck, resolve_deck
    from exam_sim.decks.check import check_deck
    from exam_sim.errors import DeckError
    from exam_sim.exam import plan_mock
    from exam_sim.generator import generator_for
    from exam_sim.generator.index_cache import index_for

    _, bare_list = _timed(list_decks)
    library = paths.library_dir()
    library.mkdir(parents=True, exist_ok=True)
    native, csv = write_decks(size, library)
    deck, loaded = _timed(load_deck, native)

    def whole_index() -> None:
        """The index as the first generator on the deck builds it (the TUI, as soon as
        the deck is open); `check` alone builds it without the word postings."""
        index_for(deck).build_word_indexes()

    _, indexed = _timed(whole_index)
    _, planned = _timed(lambda: plan_mock(generator_for(deck), questions=65, seed=1))
    used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    _, checked = _timed(check_deck, deck)
    _, cold = _timed(list_decks)
    _, warm = _timed(list_decks)

    def mistyped() -> None:
        with contextlib.suppress(DeckError):
            resolve_deck("no-such-deck")

    _, resolved = _timed(mistyped)
    _, imported = _timed(import_deck, csv, title=f"Imported {size}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    # The reference last: tomllib's whole document would otherwise be the process's peak.
    text = native.read_text(encoding="utf-8")
    _, parse = _timed(tomllib.loads, text)
    cpu = {
        f"cpu_{key}": _CPU[name]
        for key, name in (
            ("parse", "loads"),
            ("load", "load_deck"),
            ("index", "whole_index"),
            ("check", "check_deck"),
            ("import", "import_deck"),
        )
    }
    return {
        **cpu, "native": str(native), "csv": str(csv),
        "size": size, "file_mb": native.stat().st_size / 1e6, "parse": parse, "load": loaded,
        "index": indexed, "check": checked, "import": imported, "list_bare": bare_list,
        "list_cold": cold, "list_warm": warm, "resolve": resolved, "plan_mock": planned,
        "used_x": used / native.stat().st_size, "peak_x": peak / native.stat().st_size,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's size
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as home:
            child = subprocess.run(
                [sys.executable, __file__, "--one", str(size)],
                capture_output=True, text=True, check=True,
                env={**os.environ, "EXAM_SIM_HOME": home},
            )  # fmt: skip
            row = json.loads(child.stdout)
            with tempfile.TemporaryDirectory() as other_home:  # the import: a library of its own
                row.update(commands(Path(row["native"]), Path(row["csv"]), home, other_home))
        rows.append(row)
    print(
        f"{'cards':>9} {'file MB':>8} {'tomllib':>8} {'load':>8} {'index':>8} {'check':>8} "
        f"{'import':>8} "
        f"{'list*':>7} {'list 1st':>8} {'list':>7} {'resolve':>8} {'mock 65':>8} {'used':>6} "
        f"{'peak':>6}"
    )
    for r in rows:
        print(
            f"{r['size']:>9,} {r['file_mb']:>8.1f} {r['parse']:>7.2f}s {r['load']:>7.2f}s "
            f"{r['index']:>7.2f}s {r['check']:>7.2f}s {r['import']:>7.2f}s {r['list_bare']:>6.3f}s "
            f"{r['list_cold']:>7.2f}s {r['list_warm']:>6.3f}s {r['resolve']:>7.3f}s "
            f"{r['plan_mock']:>7.2f}s {r['used_x']:>5.1f}× {r['peak_x']:>5.1f}×"
        )
    print(
        f"\nCPU seconds (process time) of the same runs\n{'cards':>9} {'tomllib':>8} {'load':>8} "
        f"{'index':>8} {'check':>8} {'import':>8}"
    )
    for r in rows:
        print(
            f"{r['size']:>9,} "
            + " ".join(
                f"{r['cpu_' + key]:>7.2f}s" for key in ("parse", "load", "index", "check", "import")
            )
        )
    print("list*: the bundled decks alone (the reference); goals at 1M: load+index+check "
          "and import ≤ 60 s, list ≤ 1 s, mock ≤ 2 s, peak ≤ 4× the file")  # fmt: skip
    print(
        "\nThe commands as a user runs them (a fresh process each: wall time, peak memory of "
        "the process tree against the file)\n"
        f"{'cards':>9} {'tomllib.load':>15} {'check --audit-cards 0':>22} {'check':>15} "
        f"{'import CSV':>15}"
    )
    for r in rows:
        cells = [
            f"{r[key]:>8.2f}s {r[key + '_x']:>5.1f}×"
            for key in ("cmd_parse", "cmd_lint", "cmd_check", "cmd_import")
        ]
        print(f"{r['size']:>9,} {cells[0]:>15} {cells[1]:>22} {cells[2]:>15} {cells[3]:>15}")
    print("goals at 1M (issue 14): a deck imports and checks in ≤ 60 s")
    return 0


def commands(native: Path, csv: Path, home: str, other_home: str) -> dict[str, float]:
    """`exam-sim check` (without and with its audit) and `exam-sim import` of the deck, as
    a user runs them, beside a process that only parses the file (see the docstring)."""
    size = native.stat().st_size
    parse = "import sys, tomllib; tomllib.load(open(sys.argv[1], 'rb'))"
    runs = {
        "cmd_parse": ([sys.executable, "-c", parse, str(native)], home),
        "cmd_lint": (_exam_sim("check", str(native), "--audit-cards", "0"), home),
        "cmd_check": (_exam_sim("check", str(native)), home),
        "cmd_import": (_exam_sim("import", str(csv), "--title", "Imported again"), other_home),
    }
    found: dict[str, float] = {}
    for key, (argv, library_home) in runs.items():
        found[key], peak = _run(argv, library_home)
        found[key + "_x"] = peak / size
    return found


def _exam_sim(*args: str) -> list[str]:
    return [sys.executable, "-m", "exam_sim", *args]


def _run(argv: list[str], home: str) -> tuple[float, int]:
    """Wall seconds and peak memory in bytes of one command (its output to the null device,
    as to a file: a terminal would add its own drawing): the larger of its own peak RSS
    and the peak of its whole process tree's PSS, sampled every 0.1 s. A process it forks
    shares its pages until either writes them, and CPython writes an object's page by
    just reading it (its reference count): the command's own peak alone left out the
    second copy a forked lint held (1.1 GB at a million cards; docs/benchmarks.md)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        environment = {**os.environ, "EXAM_SIM_HOME": home}
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors, env=environment)
        tree_peak = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            tree_peak = max(tree_peak, sum(map(_pss, _process_tree(process.pid))))
            time.sleep(0.1)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{argv[2:]} exited {process.returncode}: {errors.read().decode()}")
    return wall, max(usage.ru_maxrss * 1024, tree_peak)


def _process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (Linux's /proc; only `pid` elsewhere)."""
    found = [pid]
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                for child in children.read().split():
                    found += _process_tree(int(child))
    return found


def _pss(pid: int) -> int:
    """A process's proportional set size in bytes (its share of the pages it shares), 0
    where /proc does not say."""
    with contextlib.suppress(OSError, ValueError), open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


if __name__ == "__main__":
    sys.exit(main())
