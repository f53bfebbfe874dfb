"""Simultaneous imports and the smaller faults of issue 14 (items 7 and 8): each one is
refused in one sentence naming file, line and problem, exit code 2, or just works."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from exam_sim import paths
from exam_sim.decks import import_deck, list_decks, load_deck, resolve_deck
from exam_sim.errors import DeckError
from exam_sim.history import History, HistoryError
from exam_sim.models import MAX_DEFINITION_CHARS, MAX_TERM_CHARS

WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot")


def _csv(path: Path, marker: str) -> Path:
    path.write_text(
        "".join(f"{w},{w} means {marker} number {n}\n" for n, w in enumerate(WORDS)),
        encoding="utf-8",
    )
    return path


def test_simultaneous_imports_under_one_id_never_overwrite(tmp_path: Path) -> None:
    sources = [_csv(tmp_path / f"source-{n}.csv", f"version{n}") for n in range(6)]
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "exam_sim", "import", str(source), "--title", "Same deck"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for source in sources
    ]
    results = [(child.wait(timeout=120), *child.communicate()) for child in children]
    winners = [n for n, (code, _, _) in enumerate(results) if code == 0]
    assert len(winners) == 1, results
    for n, (code, _, err) in enumerate(results):
        if n not in winners:
            assert code == 2
            assert "the library already has a different deck 'same-deck'" in err
            assert "Traceback" not in err
    stored = load_deck(paths.library_dir() / "same-deck.toml")
    assert f"version{winners[0]} number 0" in stored.cards[0].definition
    assert not [p for p in paths.library_dir().iterdir() if p.name.startswith(".")]


def test_racing_threads_import_one_deck_once(tmp_path: Path) -> None:
    sources = [_csv(tmp_path / f"t-{n}.csv", f"thread{n}") for n in range(8)]
    start = threading.Barrier(len(sources))
    outcomes: list[str] = []

    def run(source: Path) -> None:
        start.wait()
        try:
            import_deck(source, title="Raced")
            outcomes.append("imported")
        except DeckError:
            outcomes.append("refused")

    threads = [threading.Thread(target=run, args=(s,)) for s in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["imported"] + ["refused"] * 7
    # The same file again is harmless, and --replace overwrites on purpose.
    import_deck(sources[0], title="Raced", replace=True)
    import_deck(sources[0], title="Raced")


@pytest.mark.parametrize("weight", ["inf", "nan", "1e308", "-1"])
def test_a_topic_weight_must_be_a_finite_share(tmp_path: Path, weight: str) -> None:
    deck = tmp_path / "weights.toml"
    cards = "".join(
        f'[[cards]]\nid = "{w}"\nterm = "{w}"\ndefinition = "{w} means {n}"\ntopic = "a"\n'
        for n, w in enumerate(WORDS)
    )
    deck.write_text(
        f'format = "exam-sim/1"\nid = "w"\ntitle = "W"\n'
        f'[[topics]]\nid = "a"\nname = "A"\nweight = {weight}\n{cards}',
        encoding="utf-8",
    )
    with pytest.raises(DeckError) as refused:
        load_deck(deck)
    assert refused.value.line == 4  # the topic's [[topics]] header
    assert "topic 'a': 'weight' must be a number from 0 to 1,000,000, not " in str(refused.value)


def test_a_huge_term_or_definition_is_refused_with_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_text(
        "alpha," + "x " * 5_000_000 + "\nbravo,second letter\ncharlie,third letter\n",
        encoding="utf-8",
    )
    with pytest.raises(DeckError, match=r"line 1: definition: is 9,999,999 characters long"):
        load_deck(huge)
    long_term = tmp_path / "term.csv"
    long_term.write_text("t" * (MAX_TERM_CHARS + 1) + ",a definition\nb,c\n", encoding="utf-8")
    with pytest.raises(DeckError, match=f"at most {MAX_TERM_CHARS:,} are allowed"):
        load_deck(long_term)
    assert MAX_DEFINITION_CHARS >= 10 * MAX_TERM_CHARS


def test_titles_without_latin_letters_get_ids_of_their_own(tmp_path: Path) -> None:
    deck = tmp_path / "japanese.csv"
    deck.write_text(
        "こんにちは,hello there\nさようなら,goodbye now\nありがとう,thank you\n"
        "Животные,animals\n猫,cat\n",
        encoding="utf-8",
    )
    ids = [card.id for card in load_deck(deck).cards]
    assert "card" not in ids and len(set(ids)) == len(ids)


def test_a_csv_with_fifty_leading_blank_lines_is_read(tmp_path: Path) -> None:
    deck = tmp_path / "blank.csv"
    deck.write_text("\n" * 50 + "alpha,first\nbravo,second\ncharlie,third\n", encoding="utf-8")
    loaded = load_deck(deck)
    assert [c.term for c in loaded.cards] == ["alpha", "bravo", "charlie"]
    assert loaded.cards[0].line == 51


def test_a_native_id_too_long_for_a_file_name_is_refused(tmp_path: Path) -> None:
    deck = tmp_path / "long.toml"
    deck.write_text(
        f'format = "exam-sim/1"\nid = "{"x" * 260}"\ntitle = "Long"\n'
        '[[cards]]\nid = "a"\nterm = "a"\ndefinition = "b"\n',
        encoding="utf-8",
    )
    with pytest.raises(DeckError, match="260 characters long"):
        import_deck(deck)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_history_symlinked_to_dev_null_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    db.symlink_to("/dev/null")
    with pytest.raises(HistoryError, match=r"is not a regular file \(it is a character device\)"):
        History(db)


def test_listing_reads_an_unchanged_deck_from_the_catalog(tmp_path: Path) -> None:
    source = _csv(tmp_path / "listed.csv", "listed")
    _, target = import_deck(source, title="Listed")
    (listed,) = [i for i in list_decks() if i.id == "listed"]
    assert (listed.cards, listed.title) == (len(WORDS), "Listed")
    # Another title inside, but the same size and modification time: still listed from the
    # catalog, so the file was not parsed again.
    stamp = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('title = "Listed"', 'title = "Listxd"'), encoding="utf-8")
    os.utime(target, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert [i.title for i in list_decks() if i.id == "listed"] == ["Listed"]
    with pytest.raises(DeckError, match=r"available decks: .*listed"):
        resolve_deck("no-such-deck")
    # A changed file is read again.
    target.write_text(text.replace('title = "Listed"', 'title = "Renamed"'), encoding="utf-8")
    assert [i.title for i in list_decks() if i.id == "listed"] == ["Renamed"]
