"""`exam-sim decks`, `import` and `check` through the real CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support import Terminal

from exam_sim.cli import main

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed-aws-ml-specialty.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_decks_lists_bundled_and_library(capsys: pytest.CaptureFixture[str], bundled: Path) -> None:
    code, out, _ = run(capsys, "decks")
    assert code == 0
    assert "tiny-native" in out and "6 cards" in out and "Tiny native deck" in out
    assert "Modeling" in out and "Operations" in out
    assert "exam-sim import FILE" in out  # empty library hint
    run(capsys, "import", str(DATA / "decks-plain.tsv"))
    code, out, _ = run(capsys, "decks", "--json")
    listing = json.loads(out)
    assert [(d["id"], d["where"], d["cards"]) for d in listing] == [
        ("tiny-native", "bundled", 6), ("decks-plain", "library", 4),
    ]  # fmt: skip
    assert listing[0]["topics"] == [
        {"id": "modeling", "name": "Modeling", "cards": 4, "weight": 0.6},
        {"id": "operations", "name": "Operations", "cards": 2, "weight": 0.4},
    ]
    assert listing[0]["blueprint"]["questions"] == 6
    assert listing[1]["blueprint"] is None  # a TSV states no exam


def test_the_real_bundled_deck_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    bank = Path(__file__).parents[1] / "question_bank" / "aws-ml-specialty.toml"
    if not bank.exists():
        pytest.skip("question_bank/aws-ml-specialty.toml is not in this checkout")
    code, out, _ = run(capsys, "decks", "--json")
    assert code == 0
    bundled = [d for d in json.loads(out) if d["where"] == "bundled"]
    deck = next(d for d in bundled if d["id"] == "aws-ml-specialty")
    assert deck["cards"] == 78
    assert len([t for t in deck["topics"] if t["id"]]) == 4
    assert sum(t["cards"] for t in deck["topics"]) == 78


def test_import_prints_what_was_written(capsys: pytest.CaptureFixture[str], home: Path,
                                        bundled: Path) -> None:  # fmt: skip
    code, out, _ = run(capsys, "import", str(SEED), "--title", "AWS seed", "--topic", "ML")
    assert code == 0
    target = home / "decks" / "aws-seed.toml"
    assert target.exists()
    assert "Imported 55 cards" in out and str(target) in out and "aws-seed" in out
    code, out, err = run(capsys, "import", str(SEED), "--title", "AWS seed")
    assert code == 2 and "--replace" in err
    code, out, _ = run(capsys, "import", str(SEED), "--title", "AWS seed", "--replace")
    assert code == 0


def test_check_of_a_large_deck_says_what_the_wait_is_for_on_stderr(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exam_sim.commands.decks as decks_command

    code, out, err = run(capsys, "check", str(SEED), "--audit-cards", "0")
    assert code == 0 and err == ""  # a small deck: nothing to wait for
    monkeypatch.setattr(decks_command, "CHECK_NOTICE_CARDS", 50)  # the seed deck: 55 cards
    code, out, err = run(capsys, "check", str(SEED), "--audit-cards", "5", "--json")
    assert code == 0
    assert err.splitlines() == [
        "exam-sim: checking 55 cards for weak ones… (Ctrl+C stops)",
        "exam-sim: guessing audit of 5 cards… (--audit-cards 0 skips it)",
    ]
    assert json.loads(out)["cards"] == 55  # stdout is the report alone
    code, out, err = run(capsys, "check", str(SEED), "--audit-cards", "0")
    assert err.splitlines() == ["exam-sim: checking 55 cards for weak ones… (Ctrl+C stops)"]


def test_import_of_a_large_deck_says_it_checks_it_and_may_be_stopped_there(
    capsys: pytest.CaptureFixture[str], home: Path, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exam_sim.commands.decks as decks_command
    import exam_sim.decks.check as check_module

    monkeypatch.setattr(decks_command, "CHECK_NOTICE_CARDS", 50)  # the seed deck: 55 cards
    code, out, _ = run(capsys, "import", str(SEED), "--title", "AWS seed")
    assert code == 0
    assert out.index("written to") < out.index("checking it for weak cards") < out.index("errors, ")

    def interrupted(deck: object) -> None:
        raise KeyboardInterrupt  # Ctrl+C while the deck is linted

    monkeypatch.setattr(check_module, "check_deck", interrupted)
    code, out, err = run(capsys, "import", str(SEED), "--title", "AWS seed", "--replace")
    assert code == 130 and not err
    assert "written to" in out and "not checked: `exam-sim check aws-seed` checks it" in out
    assert (home / "decks" / "aws-seed.toml").exists()


def test_import_lints_the_deck_as_written_and_counts_as_check_does(
    capsys: pytest.CaptureFixture[str], home: Path, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import exam_sim.decks.check as check_module

    linted: list[object] = []
    real = check_module.check_deck

    def noted(deck: Any) -> Any:
        linted.append(deck.path)
        return real(deck)

    monkeypatch.setattr(check_module, "check_deck", noted)
    code, out, _ = run(capsys, "import", str(SEED), "--title", "AWS seed")
    assert code == 0
    target = home / "decks" / "aws-seed.toml"
    assert linted == [str(target)]  # read back from the library, not the deck as read
    said = next(line for line in out.splitlines() if "warning" in line and "errors" in line)
    code, out, _ = run(capsys, "check", "aws-seed", "--audit-cards", "0")
    warnings = said.split(", ")[1].split(":")[0]  # "12 warnings"
    assert f"0 errors, {warnings}" in out


def test_import_quizlet_separators(capsys: pytest.CaptureFixture[str], bundled: Path) -> None:
    code, out, _ = run(capsys, "import", str(DATA / "decks-quizlet.txt"), "--term-sep", " - ",
                       "--card-sep", ";")  # fmt: skip
    assert code == 0 and "Imported 4 cards" in out


def test_check_seed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SEED))
    assert code == 0
    assert out.startswith(f"{SEED}: 55 cards")
    assert "Can you attach an EBS volume to a sagemaker training job?" in out
    assert "How to update an endpoint" in out
    assert "'Word2Vec' (line 38)" in out
    assert "'Factorization Machines' (line 28) and 'Factorization Machines (FMs)' (line 84)" in out
    assert "'Collaborative Filtering' (line 100)" in out
    assert out.rstrip().endswith("usable.")


def test_check_lists_five_findings_of_a_kind_then_how_many_more_and_all_with_all(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A glossary whose every definition names its term: 36 self-naming warnings would
    bury the one overlap; five are listed, then how many more (`--all` lists them)."""
    deck = str(DATA / "edge-computing-glossary.tsv")
    code, out, _ = run(capsys, "check", deck)
    assert code == 0
    lines = out.splitlines()
    assert sum(line.startswith("warning  self-naming") for line in lines) == 5
    assert "… and 31 more self-naming warnings (--all lists them)" in out
    assert sum(line.startswith("warning  definition-overlap") for line in lines) == 1
    assert "    … and 17 more (--all lists them)" in lines  # cards giving themselves away
    assert "By kind: 36 self-naming, 1 definition-overlap, 1 no-topics" in lines
    code, out, _ = run(capsys, "check", deck, "--all", "--audit-cards", "0")
    assert code == 0 and "--all lists them" not in out
    assert sum(line.startswith("warning  self-naming") for line in out.splitlines()) == 36
    _, out, _ = run(capsys, "check", deck, "--json", "--audit-cards", "0")
    assert sum(f["code"] == "self-naming" for f in json.loads(out)["findings"]) == 36


def test_check_json_and_error_exit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    small = tmp_path / "small.csv"
    small.write_text("A,Alpha letter\nB,Beta letter\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(small), "--json")
    report = json.loads(out)
    assert code == 1 and report["exit_status"] == 1
    assert report["summary"]["error"] == 1
    assert report["findings"][0]["code"] == "too-few-cards"


def test_check_by_bundled_id(capsys: pytest.CaptureFixture[str], bundled: Path) -> None:
    code, out, _ = run(capsys, "check", "tiny-native")
    assert code == 0 and "6 cards, 2 topics" in out


def test_check_unknown_deck_lists_ids(capsys: pytest.CaptureFixture[str], bundled: Path) -> None:
    code, _, err = run(capsys, "check", "no-such-deck")
    assert code == 2
    assert err == "exam-sim: no-such-deck: no such deck or file (available decks: tiny-native).\n"


BROKEN: dict[str, tuple[str, bytes, str]] = {
    # Cyrillic in Windows-1251: no Western text read as Windows-1252 (`common.decode`)
    "not-utf8": ("deck.txt", "Привет\nМир\n".encode("cp1251"),
                 "deck.txt: not UTF-8 text (byte 0xcf at line 1); save it as UTF-8."),
    "odd-lines": ("deck.txt", b"A\nAlpha letter\nB\nBeta letter\nC\nGamma letter\nD\n",
                  "line 7: odd number of lines: term 'D' on line 7 has no definition"),
    "missing-column": ("deck.csv", b"A,Alpha\nB,Beta\nC\n",
                       "line 3: expected 2 columns (term and definition), found 1"),
    "long-deck-id": ("deck.toml",
                     b'format = "exam-sim/1"\ntitle = "X"\nid = "' + b"d" * 251 + b'"\n'
                     b'[[cards]]\nid = "a"\nterm = "A"\ndefinition = "Alpha"\n',
                     "line 3: the deck id is 251 characters long; at most 100 are allowed"),
    "garbage": ("deck.csv", bytes(range(256)), "not UTF-8 text"),
    "binary-utf8": ("deck.txt", b"\x00\x01\x02abc", "binary data"),
    "empty": ("deck.txt", b"", "the file is empty"),
    "bad-toml": ("deck.toml", b'format = "exam-sim/1"\nid = "x"\ntitle = \n',
                 "line 3: not valid TOML: invalid value"),
    "unknown-topic": ("deck.toml",
                      b'format = "exam-sim/1"\nid = "x"\ntitle = "X"\n[[topics]]\nid = "m"\n'
                      b'[[cards]]\nid = "a"\nterm = "A"\ndefinition = "Alpha"\ntopic = "z"\n',
                      "line 6: card 'a': unknown topic 'z' (topics: m)"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize("command", ["check", "import"])
def test_broken_files_give_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str, command: str
) -> None:
    name, content, words = BROKEN[case]
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, command, str(path))
    assert code == 2
    assert out == ""
    assert err.startswith(f"exam-sim: {path}")
    assert words in err
    assert err.count("\n") == 1 and err.endswith(".\n")


def test_subprocess_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"A,Alpha\n\xff\xfe garbage\n")
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        result.stderr
        == f"exam-sim: {path}: not UTF-8 text (byte 0xff at line 2); save it as UTF-8.\n"
    )
    assert "Traceback" not in result.stderr


def test_check_deck_with_colliding_terms_exits_0_with_warnings(tmp_path: Path) -> None:
    path = tmp_path / "roots.tsv"
    path.write_text("ad\ttoward\nad-\ttoward, near\ncardi-\theart\nphot-\tlight\n"
                    "phos-\tlight\nalg-\tpain\n", encoding="utf-8")  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}: 6 cards, 0 topics"
    assert (
        "warning  duplicate-term        the same term on 2 cards: 'ad' (line 1), 'ad-' (line 2); "
        "they are never offered as options together"
    ) in lines
    assert (
        "warning  duplicate-definition  the same definition on 2 cards: 'phot-' (line 4), "
        "'phos-' (line 5); they are never offered as options together"
    ) in lines
    assert "short-answer" not in result.stdout  # one-word definitions are fine
    assert lines[-2] == "By kind: 1 duplicate-definition, 1 duplicate-term, 1 no-topics"
    assert lines[-1] == "0 errors, 2 warnings, 1 info: usable."
    imported = subprocess.run(
        [sys.executable, "-m", "exam_sim", "import", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert imported.returncode == 0 and "Imported 6 cards" in imported.stdout
    assert "\n  by kind: 1 duplicate-definition, 1 duplicate-term\n" in imported.stdout


WILD = (
    "Heron\tA wading bird with long legs that hunts fish in shallow water.\n"
    "Otter\tA river mammal with thick fur that eats fish and shellfish.\n"
    "Badger\tA burrowing mammal with a striped face that digs setts in woodland.\n"
    "Kestrel\tA small falcon that hovers in the air before diving on voles.\n"
    "Newt\tA small amphibian that returns to ponds to breed in spring.\n"
    "Hedgehog\tA spiny mammal that rolls into a ball and eats beetles at night.\n"
    "Stoat\tA slender predator whose coat turns white in snowy winters.\n"
    "Toad\tA warty amphibian that walks rather than hops and eats slugs.\n"
    "Wren\tA tiny brown bird with a loud song and an upright tail.\n"
    "Mole\tA velvety mammal that tunnels underground and eats earthworms.\n"
    "Greater spotted long-tailed mountain woodpecker of the northern pine forests\t"
    "A bird that drums on tree trunks to find insects under the bark.\n"
    "Negative answer\tNo\n"
)


def _check(path: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exam_sim", "check", str(path), *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_check_shows_the_guessing_audit_after_the_findings(tmp_path: Path) -> None:
    path = tmp_path / "wild.tsv"
    path.write_text(WILD, encoding="utf-8")
    result = _check(path, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}: 12 cards, 0 topics"
    start = lines.index("Guessing audit: what a guesser using one shallow cue would score")
    assert all(line.split()[0] in ("warning", "info") for line in lines[1 : start - 1])
    assert lines[start - 1] == ""  # the findings, a blank line, then the audit
    assert lines[start + 1] == (
        "  all 12 cards, each asked 3 times in every direction it allows, 4 options"
    )
    assert lines[start + 2].split()[:1] == ["definition"]
    assert lines[start + 3].split()[:2] == ["→", "term"]
    assert lines[start + 5].split()[0] == "chance"
    longest = lines[start + 6].split()
    assert longest[:2] == ["longest", "option"] and longest[2].rstrip("!").endswith("%")
    assert not [line for line in lines if line.startswith("  first option")]
    give_away = next(line for line in lines if "woodpecker" in line and "(line 11)" in line)
    assert "definition → term: the longest option" in give_away
    assert give_away.endswith("in 8 of 8 questions")
    assert lines[lines.index("  Cards that cannot be asked:") + 1] == (
        "    'Negative answer' (line 12): its answer ('No') is a bare yes/no word, not an option"
    )
    assert lines[-3] == "" and lines[-2].startswith("By kind: ")  # the findings counted
    assert lines[-1].endswith("info: usable.")  # the summary stays the last line

    as_json = _check(path, tmp_path, "--json")
    assert as_json.returncode == 0, as_json.stderr
    report = json.loads(as_json.stdout)
    assert list(report) == [
        "deck", "title", "path", "cards", "items", "card_places", "notes", "findings", "summary",
        "exit_status", "audit", "item_audit",
    ]  # fmt: skip
    assert report["card_places"] == "line"
    audit = report["audit"]
    assert report["item_audit"] is None  # a deck of cards has no written items
    assert list(audit) == [
        "cards", "audited", "sampled", "options", "seeds", "confirm_seeds", "error",
        "directions", "give_aways", "helps", "unaskable", "unaskable_read",
    ]  # fmt: skip
    # What helps, as the text says it under the cards that give themselves away.
    helps = lines.index("  What helps, by cue:")
    assert (
        audit["helps"]
        and [f"    {h}" for h in audit["helps"]]
        == (lines[helps + 1 : helps + 1 + len(audit["helps"])])
    )
    assert (audit["cards"], audit["audited"], audit["sampled"]) == (12, 12, False)
    first = audit["directions"][0]
    assert list(first) == [
        "direction", "cards", "questions", "chance", "ordered", "solvers", "guessable"
    ]  # fmt: skip
    assert first["ordered"] == 0  # no options in numerical order: places are the shuffle's
    assert first["direction"] == "definition_to_term" and first["chance"] == 0.25
    assert [s["solver"] for s in first["solvers"]] == [
        "longest option", "shortest option", "neither longest nor shortest",
        "most like the stem", "most stems shared with the stem", "only option sharing a stem",
        "odd one out", "most central", "neither odd nor central", "opening like the stem",
        "first option", "last option", "a middle option",
    ]  # fmt: skip
    woodpecker = next(g for g in audit["give_aways"] if g["line"] == 11)
    assert woodpecker["direction"] == "definition_to_term"
    assert "longest option" in woodpecker["solvers"] and woodpecker["questions"] == 8
    assert audit["unaskable"] == [
        {
            "card_id": "negative-answer",
            "term": "Negative answer",
            "line": 12,
            "reason": "its answer ('No') is a bare yes/no word, not an option",
        }
    ]

    assert audit["unaskable_read"] == 12
    (unaskable,) = [f for f in report["findings"] if f["code"] == "unaskable"]
    assert unaskable["severity"] == "warning" and unaskable["card_ids"] == ["negative-answer"]
    assert unaskable["message"].startswith("1 card cannot be asked: no question is made of it")

    skipped = _check(path, tmp_path, "--audit-cards", "0", "--json")
    assert json.loads(skipped.stdout)["audit"] is None
    plain = _check(path, tmp_path, "--audit-cards", "0")
    assert "Guessing audit" not in plain.stdout
    # Without the audit, no card is asked: its `unaskable` warning goes with it.
    assert lines[-1] == "0 errors, 1 warning, 1 info: usable."
    assert plain.stdout.splitlines()[-1] == "0 errors, 0 warnings, 1 info: usable."


def test_check_of_a_deck_too_small_still_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "small.tsv"
    path.write_text("Heron\tA wading bird.\nOtter\tA river mammal.\n", encoding="utf-8")
    result = _check(path, tmp_path)
    assert result.returncode == 1
    assert "  not run: deck 'small' has 2 cards; 4 options need at least 4" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 error, 0 warnings, 1 info: errors found."


def test_the_deck_list_groups_digits_and_keeps_its_columns(tmp_path: Path) -> None:
    """A 100,000-card deck reads "100,000 cards", and the titles stay in one column."""
    from exam_sim.commands.decks import format_deck_list
    from exam_sim.decks.loader import DeckInfo

    infos = [
        DeckInfo("big", "Big deck", 100_000, (), tmp_path / "big.toml", "library"),
        DeckInfo("small", "Small deck", 12, (), tmp_path / "small.toml", "library"),
    ]
    lines = [line for line in format_deck_list(infos).splitlines() if "cards" in line]
    assert lines == ["  big    100,000 cards  Big deck", "  small       12 cards  Small deck"]


def test_check_and_import_say_when_a_first_row_may_be_a_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled: Path
) -> None:
    deck = tmp_path / "begriffe.csv"
    deck.write_text(
        "Fachbegriff,Erläuterung\n"
        "Überanpassung,Ein Modell lernt die Trainingsdaten auswendig\n"
        "Lernrate,Die Schrittweite beim Aktualisieren der Gewichte\n"
        "Epoche,Ein vollständiger Durchlauf durch alle Trainingsdaten\n",
        encoding="utf-8",
    )
    note = "line 1 (Fachbegriff | Erläuterung) was read as a card; if it names the columns"
    code, out, _ = run(capsys, "check", str(deck), "--audit-cards", "0")
    assert code == 0 and "4 cards" in out and f"note     {note}" in out
    code, out, _ = run(capsys, "check", str(deck), "--header", "--audit-cards", "0", "--json")
    report = json.loads(out)
    assert report["cards"] == 3 and report["notes"] == []
    code, out, _ = run(capsys, "import", str(deck), "--header")
    assert code == 0 and "Imported 3 cards" in out and note not in out
    code, out, _ = run(capsys, "generate", str(deck), "--no-header", "--count", "1")
    assert code == 0


def test_decks_remove_deletes_a_library_deck_and_keeps_its_history(
    capsys: pytest.CaptureFixture[str], bundled: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a learner runs it: a subprocess without a terminal must say --yes; bundled decks
    and unknown ids are refused in one sentence; the history of the deck stays."""
    import io

    run(capsys, "import", str(DATA / "decks-plain.tsv"))
    target = home / "decks" / "decks-plain.toml"
    monkeypatch.setattr(sys, "stdin", io.StringIO("a\n"))
    run(capsys, "drill", "decks-plain", "--plain", "--count", "1")  # an attempt to keep

    def remove(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "exam_sim", "decks", "remove", *argv],
            capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL,
        )  # fmt: skip

    asked = remove("decks-plain")
    assert asked.returncode == 2 and target.exists()
    assert asked.stderr == (
        "exam-sim: removing decks-plain asks first; add --yes to remove it without asking.\n"
    )
    bundled_deck = remove("aws-ml-specialty", "--yes")  # the real bundled folder, here
    assert bundled_deck.returncode == 2
    assert "'aws-ml-specialty' is a bundled deck; only the decks you" in bundled_deck.stderr
    unknown = remove("nope", "--yes")
    assert unknown.stderr == (
        "exam-sim: no deck 'nope' in your library (its decks: decks-plain).\n"
    )
    done = remove("decks-plain", "--yes")
    assert done.returncode == 0 and not target.exists(), done.stderr
    assert done.stdout.startswith("Removed decks-plain (Decks plain, 4 cards): ")
    assert "stay in your history: exam-sim history --deck decks-plain" in done.stdout
    code, out, _ = run(capsys, "history", "--deck", "decks-plain")
    assert code == 0 and " drill " in out  # the attempt is still there
    code, out, _ = run(capsys, "decks")
    assert "decks-plain" not in out


def test_decks_remove_asks_at_a_terminal(
    capsys: pytest.CaptureFixture[str], bundled: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "import", str(DATA / "decks-plain.tsv"))
    target = home / "decks" / "decks-plain.toml"
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    code, out, _ = run(capsys, "decks", "remove", "decks-plain")
    assert code == 0 and target.exists()
    assert out.startswith("Remove decks-plain (Decks plain, 4 cards) from your library? ")
    assert out.rstrip().endswith("Nothing removed.")
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    code, out, _ = run(capsys, "decks", "remove", "decks-plain")
    assert code == 0 and not target.exists()


def test_the_deck_list_counts_a_question_bank_in_items(tmp_path: Path) -> None:
    """A bank of written questions lists as "6 items", not "0 cards", in the same columns."""
    from exam_sim.commands.decks import format_deck_list
    from exam_sim.decks.loader import DeckInfo

    infos = [
        DeckInfo("bank", "Bank", 0, (), tmp_path / "bank.toml", "library", items=6),
        DeckInfo("mixed", "Mixed", 2, (), tmp_path / "mixed.toml", "library", items=1),
        DeckInfo("words", "Words", 1, (), tmp_path / "words.toml", "library"),
    ]
    lines = format_deck_list(infos).splitlines()[-4:]
    assert lines == [
        "  bank      6 items  Bank",
        "  mixed     2 cards  Mixed",
        "                     and 1 item (written questions)",
        "  words     1 card   Words",
    ]


def test_check_lists_every_card_that_cannot_be_asked_not_only_the_samples(
    tmp_path: Path,
) -> None:
    """A deck of 162 cards is audited on a sample of 100, and the cards that cannot be
    asked were listed from the sample only: 5 of the German deck's 9 (study's "exam-sim
    check says why" pointed at a list missing the other 4). Every card is read for them.
    The 3 that only give their own name spelled another way are cross-references, which
    have their own warning: the `unaskable` one counts the other 9."""
    from exam_sim.decks import load_deck
    from exam_sim.generator import QuestionGenerator

    path = DATA / "de-nouns-wiktionary-masculine.tsv"
    deck = load_deck(path)
    generator = QuestionGenerator(deck)
    never = [card.id for card in deck.cards if not generator.directions_for(card.id)]
    spelled = [card.id for card in deck.cards if card.definition.startswith("Alternative")]
    assert len(never) == 12 and len(spelled) == 3 and set(spelled) <= set(never)
    result = _check(path, tmp_path, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    audit = report["audit"]
    assert (audit["audited"], audit["sampled"], audit["unaskable_read"]) == (100, True, 162)
    assert [u["card_id"] for u in audit["unaskable"]] == never  # in the deck's order
    (finding,) = [f for f in report["findings"] if f["code"] == "unaskable"]
    lost = [card_id for card_id in never if card_id not in spelled]
    assert finding["card_ids"] == lost and finding["message"].startswith("9 cards cannot")
    text = _check(path, tmp_path, "--all").stdout.splitlines()
    listed = text.index("  Cards that cannot be asked (all 162 cards read):")
    rows = text[listed + 1 : listed + 13]
    assert [
        row.startswith(f"    '{u['term']}' (line {u['line']}): {u['reason']}")
        for u, row in zip(audit["unaskable"], rows, strict=True)
    ] == [True] * 12
