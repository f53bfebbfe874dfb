"""`exam_sim.background`: work in a forked child, its answer or its error taken back, a
dead child's work done here, a cancelled child gone; and `exam-sim check` with its audit
alongside gives the report it gives in turn.

The forking tests run in a fresh interpreter (a subprocess): a pytest-xdist worker runs
threads of its own, and `start` rightly does not fork beside other threads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from exam_sim.background import can_fork, start
from exam_sim.cli import main

SEED = Path(__file__).parent / "data" / "seed-aws-ml-specialty.txt"
forking = pytest.mark.skipif(
    sys.platform != "linux" or (os.cpu_count() or 1) < 2, reason="forks on Linux, 2+ cores"
)


def _python(code: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "EXAM_SIM_HOME": str(home)},
    )  # fmt: skip


def _python_saying_if_forked(
    patched: str, threshold: str, code: str, home: Path
) -> subprocess.CompletedProcess[str]:
    """`_python(code)` with the setting `threshold` ("module.NAME") at 0 and the `start`
    that module `patched` calls wrapped to say on stderr whether each call forked."""
    prelude = f"""
        import importlib, sys
        module, name = {threshold!r}.rsplit(".", 1)
        setattr(importlib.import_module(module), name, 0)
        patched = importlib.import_module({patched!r})
        started = patched.start
        def start(work):
            pending = started(work)
            print("forked" if pending.forked else "in turn", file=sys.stderr)
            return pending
        patched.start = start
        """
    return _python(textwrap.dedent(prelude) + textwrap.dedent(code), home)


@forking
def test_forked_work_answers_raises_dies_and_is_cancelled(tmp_path: Path) -> None:
    done = _python(
        """
        import os, signal
        from exam_sim.background import can_fork, start

        assert can_fork()
        parent = os.getpid()
        pending = start(os.getpid)
        assert pending.forked and pending.result() != parent  # ran in the child

        def fails():
            raise ValueError("no such card")
        try:
            start(fails).result()
        except ValueError as error:
            assert str(error) == "no such card"
        else:
            raise AssertionError("the child's error was not raised")

        def dies_there():  # killed in the child; done here instead
            if os.getpid() != parent:
                os.kill(os.getpid(), signal.SIGKILL)
            return "done here"
        assert start(dies_there).result() == "done here"

        waiting = start(lambda: signal.pause())
        child = waiting._process.pid
        waiting.cancel()
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            print("cancelled")
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["cancelled"]  # killed and reaped, not left behind


def test_beside_another_thread_the_work_runs_here_in_turn() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not can_fork()
        pending = start(os.getpid)
        assert not pending.forked and pending.result() == os.getpid()
    finally:
        release.set()
        other.join()


@forking
def test_check_with_the_audit_alongside_reports_what_it_reports_in_turn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXAM_SIM_HOME", str(tmp_path))
    assert main(["check", str(SEED), "--json", "--audit-cards", "20"]) == 0
    in_turn = json.loads(capsys.readouterr().out)
    alongside = _python_saying_if_forked(
        "exam_sim.background",
        "exam_sim.commands.decks.AUDIT_ALONGSIDE_CARDS",  # the seed deck's 55 cards
        f"""
        from exam_sim.cli import main
        raise SystemExit(main(["check", {str(SEED)!r}, "--json", "--audit-cards", "20"]))
        """,
        tmp_path,
    )
    assert alongside.returncode == 0, alongside.stderr
    assert alongside.stderr.split() == ["forked"]
    assert json.loads(alongside.stdout) == in_turn
    assert in_turn["audit"] is not None  # the audit ran, in turn here and alongside there


DATA = Path(__file__).parent / "data"


@forking
@pytest.mark.parametrize(
    "deck",
    ["google-ml-glossary-es.csv", "eo-espdic-excerpt.txt", "de-nouns-wiktionary-masculine.tsv"],
)
def test_the_passes_over_definitions_alongside_find_what_they_find_in_turn(
    tmp_path: Path, deck: str
) -> None:
    """Decks with shared definitions, cross-references, overlaps and synonym lists."""
    from exam_sim.decks import load_deck
    from exam_sim.decks.check import check_deck

    in_turn = [f.to_json() for f in check_deck(load_deck(DATA / deck))]  # xdist: no fork
    assert {f["code"] for f in in_turn} & {
        "duplicate-definition", "definition-overlap", "cross-reference", "synonyms"
    }  # fmt: skip
    alongside = _python_saying_if_forked(
        "exam_sim.decks.check",
        "exam_sim.decks.check.LINT_ALONGSIDE_CARDS",
        f"""
        import json
        from exam_sim.decks import load_deck
        from exam_sim.decks.check import check_deck
        findings = check_deck(load_deck({str(DATA / deck)!r}))
        print(json.dumps([f.to_json() for f in findings]))
        """,
        tmp_path,
    )
    assert alongside.returncode == 0, alongside.stderr
    assert alongside.stderr.split() == ["forked"]
    assert json.loads(alongside.stdout) == in_turn


@forking
def test_import_with_its_lint_alongside_reports_what_it_reports_in_turn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lint started as the deck is written, in a second process: the same report."""
    deck = DATA / "eo-espdic-excerpt.txt"  # warnings of several kinds
    monkeypatch.setenv("EXAM_SIM_HOME", str(tmp_path / "in-turn"))
    assert main(["import", str(deck)]) == 0
    in_turn = capsys.readouterr().out.replace(str(tmp_path / "in-turn"), "HOME")
    assert "warnings: see `exam-sim check" in in_turn
    alongside = _python_saying_if_forked(
        "exam_sim.background",
        "exam_sim.commands.decks.IMPORT_LINT_ALONGSIDE_CARDS",
        f"""
        from exam_sim.cli import main
        raise SystemExit(main(["import", {str(deck)!r}]))
        """,
        tmp_path / "alongside",
    )
    assert alongside.returncode == 0, alongside.stderr
    assert alongside.stderr.split() == ["forked"]
    assert alongside.stdout.replace(str(tmp_path / "alongside"), "HOME") == in_turn


def _gone(pid: int) -> bool:
    """No such process, or only its exit status left (a zombie)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (FileNotFoundError, ProcessLookupError):
        return True


@forking
def test_a_child_and_its_own_child_die_with_a_killed_parent(tmp_path: Path) -> None:
    """SIGKILL leaves the parent no time to cancel anything: the children end anyway."""
    import time

    parent = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(
            """
            import os, sys, time
            from exam_sim.background import start

            def grandchild():
                time.sleep(120)

            def child():
                inner = start(grandchild)
                print(os.getpid(), inner._process.pid, flush=True)
                inner.result()

            outer = start(child)
            sys.stdin.readline()
            """
        )],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert parent.stdout is not None and parent.stdin is not None
    pids = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(pids) == 2 and not any(_gone(pid) for pid in pids)
    parent.kill()
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)  # polling a state another process changes: no event to wait on
    assert all(_gone(pid) for pid in pids)
