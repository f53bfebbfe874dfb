"""`check`'s audit of written items: a bank whose keys are the longest options is caught,
one written with care is not, and a card deck gets no such section."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from exam_sim.authored import Item, ItemOption
from exam_sim.decks.item_audit import audit_items, format_item_audit
from exam_sim.enums import ItemKind

COLOURS = ["red", "blue", "green", "amber", "violet", "teal", "ochre", "slate"]


def _item(n: int, key: str, wrong: list[str]) -> Item:
    options = [ItemOption(text=key, correct=True), *(ItemOption(text=w) for w in wrong)]
    return Item(id=f"q{n}", kind=ItemKind.SINGLE, stem="Which setting fits this case?",
                options=tuple(options), line=1 + 7 * n)  # fmt: skip


def _flawed(count: int) -> list[Item]:
    """The key says it all at length; the wrong options are a word or two."""
    return [
        _item(n, f"Use the {COLOURS[n % 8]} queue with retries, a dead-letter target and alarms",
              [f"{COLOURS[(n + k) % 8]} queue" for k in (1, 2, 3)])
        for n in range(count)
    ]  # fmt: skip


def _balanced(count: int) -> list[Item]:
    """Every option a colour word and a number: no length, stem or likeness cue."""
    return [
        _item(n, f"{COLOURS[n % 8]} {n}", [f"{COLOURS[(n + k) % 8]} {n + k}" for k in (1, 2, 3)])
        for n in range(count)
    ]


def test_keys_that_are_the_longest_option_are_a_guessable_warning() -> None:
    audit = audit_items(_flawed(24))
    assert audit is not None and audit.scores is not None
    assert audit.scores.credits["longest option"] == 1.0
    (finding,) = [f for f in audit.findings() if "longest" in f.message]
    assert finding.code == "guessable" and finding.severity == "warning"
    assert finding.message.startswith("picking the longest option scores 100% on the written items")
    assert len(finding.card_ids) == 24
    text = "\n".join(format_item_audit(audit, shown=3))
    assert "Items whose key is the longest option whatever the order (24 of 24):" in text
    assert "    item 'q0' (line 1)\n" in text and "… and 21 more" in text
    assert "write the wrong options as long and as detailed as the key" in text


def test_a_balanced_bank_is_not_flagged() -> None:
    audit = audit_items(_balanced(24))
    assert audit is not None and audit.scores is not None
    assert audit.findings() == []
    assert "  No cue beats chance over the items." in format_item_audit(audit)


def test_a_few_items_are_too_few_to_judge() -> None:
    audit = audit_items(_flawed(6))
    assert audit is not None and audit.findings() == []
    assert "  Too few items to tell a cue from chance (6 of the 20 needed)." in (
        format_item_audit(audit)
    )


def test_true_false_items_are_not_audited() -> None:
    options = (ItemOption(text="True", correct=True), ItemOption(text="False"))
    tf = Item(id="tf", kind=ItemKind.SINGLE, stem="Is it?", options=options)
    assert audit_items([tf]) is None


def test_check_prints_and_exports_the_items_audit(tmp_path: Path) -> None:
    bank = tmp_path / "bank.txt"
    bank.write_text(
        "".join(
            f"{item.stem}\n"
            + "".join(f"{'ABCD'[k]}. {o.text}\n" for k, o in enumerate(item.options))
            + "ANSWER: A\n\n"
            for item in _flawed(24)
        ),
        encoding="utf-8",
    )

    def check(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "exam_sim", "check", str(bank), *extra],
                              capture_output=True, text=True, timeout=120)  # fmt: skip

    text = check()
    assert text.returncode == 0, text.stderr
    assert "Written items: what a guesser using one shallow cue would score" in text.stdout
    assert "Guessing audit" not in text.stdout  # a bank has no cards to audit
    assert "warning  guessable" in text.stdout
    report = json.loads(check("--json").stdout)
    assert report["audit"] is None
    assert "longest option" in report["item_audit"]["scores"]["guessable"]
    skipped = json.loads(check("--json", "--audit-cards", "0").stdout)
    assert skipped["item_audit"] is None
