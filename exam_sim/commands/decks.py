"""`exam-sim decks`, `exam-sim import`, `exam-sim check`: list, import and lint decks."""

from __future__ import annotations

import itertools
import json
import sys
from collections import Counter
from typing import TYPE_CHECKING

import click

from exam_sim import paths
from exam_sim.cells import cell_width, pad
from exam_sim.commands.options import (
    OrderedGroup,
    WholeNumber,
    confirmed,
    format_option,
    output_options,
    separator_options,
)
from exam_sim.commands.wrapping import terminal_columns, wrap_line
from exam_sim.decks import (
    FORMATS,
    formats_said,
    import_deck,
    library_deck,
    list_decks,
    remove_deck,
    resolve_deck,
)
from exam_sim.decks.loader import DeckInfo, load_deck
from exam_sim.present import blueprint_summary, counted, deck_size
from exam_sim.units import cut_list

if TYPE_CHECKING:
    from pathlib import Path

    from exam_sim.decks.check import Finding
    from exam_sim.models import Deck

FINDINGS_SHOWN = 5  # findings of a kind `check` lists before saying how many more
AUDIT_CARDS_SHOWN = 10  # cards of an audit list (giving themselves away, unaskable) likewise

# From this many cards, `import` and `check` say what the wait is for before it starts (a
# few seconds at 100,000 cards).
CHECK_NOTICE_CARDS = 100_000


@click.group(
    "decks",
    cls=OrderedGroup,
    invoke_without_command=True,
    short_help="list the bundled decks and your library; remove a deck",
    help="List the bundled decks and the decks in your library, with card and topic counts. "
    "remove DECK: delete a deck you imported (your history of it is kept).",
)
@output_options("json")
@click.pass_context
def decks_command(ctx: click.Context, output: str | None) -> int:
    if ctx.invoked_subcommand is not None:
        return 0
    infos = list_decks()
    if output == "json":
        print(json.dumps([info.to_json() for info in infos], ensure_ascii=False, indent=2))
        return 0
    print(format_deck_list(infos))
    return 0


@decks_command.command("remove", short_help="delete a deck you imported from your library")
@click.argument("deck", metavar="DECK")
@click.option("--yes", is_flag=True, help="remove it without asking first")
def remove_command(deck: str, yes: bool) -> int:
    """Delete a deck you imported (by id, as `exam-sim decks` lists it) from your library.
    Your history of it is kept: importing it again under the same id joins it up."""
    info = library_deck(deck)
    what = f"{info.id} ({info.title}, {info.size})" if info.error is None else info.path.name
    if not confirmed(
        f"Remove {what} from your library? Your history of it is kept",
        yes=yes,
        unasked=f"removing {info.id} asks first; add --yes to remove it without asking",
    ):
        print("Nothing removed.")
        return 0
    remove_deck(info)
    print(f"Removed {what}: {info.path} is deleted.")
    print(f"Your attempts on it stay in your history: exam-sim history --deck {info.id}")
    return 0


def format_deck_list(infos: list[DeckInfo]) -> str:
    """Readable, aligned listing: one block per deck under BUNDLED / LIBRARY headings."""
    lines: list[str] = []
    for where, heading in (("bundled", "Bundled decks"), ("library", "Your library")):
        group = [info for info in infos if info.where == where]
        folder = paths.bundled_dir() if where == "bundled" else paths.library_dir()
        lines.append(f"{heading} ({folder})")
        if not group:
            lines.append("  (none yet: exam-sim import FILE)" if where == "library" else "  (none)")
        width = max((cell_width(info.id) for info in group), default=0)
        # The size column counts cards, or a bank's items; a deck with both says its items
        # under the title ("and 48 items"), so the column stays narrow.
        sizes = {info.id: (info.items, "item") if not info.cards and info.items
                 else (info.cards, "card") for info in group}  # fmt: skip
        digits = max((len(f"{n:,}") for n, _ in sizes.values()), default=0)
        digits = max(digits, 4)
        for info in group:
            if info.error:
                lines.append(f"  {pad(info.id, width)}  unreadable: {info.error}")
                continue
            number, _, noun = counted(*sizes[info.id]).partition(" ")  # "1,234", "cards"
            size = f"{number:>{digits}} {noun}"
            lines.append(f"  {pad(info.id, width)}  {size:<{digits + 6}}  {info.title}")
            # detail lines sit under the title column
            indent = " " * (width + digits + 12)
            if info.cards and info.items:
                lines.append(f"{indent}and {counted(info.items, 'item')} (written questions)")
            if info.blueprint is not None:
                lines.append(f"{indent}exam: {blueprint_summary(info.blueprint)}")
            lines.extend(indent + line for line in _topic_lines(info))
        lines.append("")
    return "\n".join(lines).rstrip()


def _topic_lines(info: DeckInfo) -> list[str]:
    """Each topic with its card count and, when the deck weights its topics, its share of
    a mock exam (weights are normalised, as the exam planner uses them)."""
    named = [t for t in info.topics if t.id is not None]
    if not named:
        return []
    name_width = max(cell_width(t.name) for t in named)
    total = sum(t.weight or 0.0 for t in info.topics)
    lines = []
    for topic in info.topics:
        line = f"{pad(topic.name, name_width)}  {topic.cards:>4}"
        if total > 0 and topic.weight is not None:
            line += f"  {topic.weight / total:>4.0%}"
        lines.append(line)
    return lines


@click.command(
    "import",
    short_help="import a deck file into your library",
    help=f"Read a deck file ({formats_said()}; --format names the reader) and store it in "
    "your library as native TOML (`exam-sim decks` shows where the library is).",
)
@click.argument("file")
@click.option("--title", help="deck title (also gives the deck id)")
@click.option("--topic", help="give this topic to every card that has none")
@format_option(FORMATS)
@click.option("--replace", is_flag=True, help="overwrite a different library deck of the same id")
@separator_options
def import_command(
    file: str,
    title: str | None,
    topic: str | None,
    format_: str | None,
    replace: bool,
    term_sep: str | None,
    card_sep: str | None,
    header: bool | None,
) -> int:
    deck, target = import_deck(
        file,
        title=title,
        topic=topic,
        format=format_,
        replace=replace,
        term_separator=term_sep,
        card_separator=card_sep,
        header=header,
    )
    _report_import(file, deck, target)
    cards = len(deck.cards)
    # The deck as read goes before the lint, which reads it back as written: its counts
    # are then those `exam-sim check ID` gives, and a large CSV's cards, made among its
    # rows, no longer hold the memory the rows left (210 MiB at a million cards).
    del deck
    return _lint_imported(target, cards)


def _report_import(file: str, deck: Deck, target: Path) -> None:
    """What was imported."""
    topics = f" in {counted(len(deck.topics), 'topic')}" if deck.topics else ""
    print(f"Imported {deck_size(len(deck.cards), len(deck.items))}{topics} from {file}")
    print(f"  deck id: {deck.id}  title: {deck.title}")
    print(f"  written to: {target}")
    for note in deck.notes:
        print(f"  {note}")


def _lint_imported(target: Path, cards: int) -> int:
    """The lint of the imported deck of `cards` cards, read from its library file (once it
    is written: a Ctrl+C during the lint leaves the deck imported)."""
    from exam_sim.decks.check import by_kind, check_deck  # rapidfuzz: only for this command

    deck_id = target.stem
    if cards >= CHECK_NOTICE_CARDS:
        # The lint of a large deck takes a while (about 30 s at a million cards): say that
        # the import is done and what the wait is for.
        print("  checking it for weak cards… (Ctrl+C stops the check: the deck is imported)")
        sys.stdout.flush()
    try:
        findings = check_deck(load_deck(target))
    except KeyboardInterrupt:
        print(f"  not checked: `exam-sim check {deck_id}` checks it")
        return 130
    counts = Counter(f.severity for f in findings)
    if counts["error"] or counts["warning"]:
        print(
            f"  {counted(counts['error'], 'error')}, {counted(counts['warning'], 'warning')}: "
            f"see `exam-sim check {deck_id}`"
        )
        print(f"  by kind: {by_kind([f for f in findings if f.severity != 'info'])}")
    return 0


@click.command(
    "check",
    short_help="lint a deck for weak or ambiguous cards",
    help="Lint a deck: duplicate and near-duplicate terms, overlapping definitions, "
    "definitions that name their term, question cards, very short answers, "
    "cross-references, small topics; then a guessing audit: what a guesser using one "
    "shallow cue (longest option, the option echoing the stem…) would score on the deck's "
    "questions, and the cards that give themselves away. "
    "Exit status: 0 with only warnings, 1 with errors, 2 when the deck cannot be read.",
)
@click.argument("deck")
@output_options("json")
@click.option(
    "--audit-cards",
    type=WholeNumber(low=0, low_label="0 (no audit)"),
    metavar="N",
    help="cards the guessing audit asks about, at most (default: 100, a sample of larger "
    "decks; 0 skips the audit)",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help=f"list every finding and card (without it: {FINDINGS_SHOWN} findings of a kind, "
    f"{AUDIT_CARDS_SHOWN} cards of an audit list, then how many more)",
)
@format_option(FORMATS)
@separator_options
def check_command(
    deck: str,
    output: str | None,
    audit_cards: int | None,
    show_all: bool,
    format_: str | None,
    term_sep: str | None,
    card_sep: str | None,
    header: bool | None,
) -> int:
    loaded = open_deck(deck, format_, term_sep, card_sep, header)
    return _report_check(loaded, output=output, audit_cards=audit_cards, show_all=show_all)


def open_deck(
    spec: str,
    format_: str | None,
    term_sep: str | None,
    card_sep: str | None,
    header: bool | None = None,
) -> Deck:
    """The deck a command names: by id or path, or read as told (`--format`, `--term-sep`,
    `--card-sep`, `--header`: then `spec` is a file)."""
    told = (("term_separator", term_sep), ("card_separator", card_sep), ("header", header))
    options = {key: value for key, value in told if value is not None}
    if format_ or options:
        return load_deck(spec, format=format_, **options)
    return resolve_deck(spec)


def _report_check(
    deck: Deck, *, output: str | None, audit_cards: int | None, show_all: bool = False
) -> int:
    # rapidfuzz and the generator: only for this command
    from exam_sim.decks.audit import AUDIT_CARDS, audit_deck, format_audit
    from exam_sim.decks.check import by_kind, check_deck, sort_findings
    from exam_sim.decks.item_audit import audit_items, format_item_audit

    max_cards = AUDIT_CARDS if audit_cards is None else audit_cards
    # A large deck's lint and audit take a while (about a minute at a million cards), and
    # the report is printed at the end: say what the wait is for, on stderr (stdout is the
    # report, JSON with --json).
    large = len(deck.cards) >= CHECK_NOTICE_CARDS
    if large:
        _progress(f"checking {counted(len(deck.cards), 'card')} for weak ones… (Ctrl+C stops)")
    # The lint, then the audit, in this process: forked alongside, each saved seconds at a
    # million cards but held a second copy of the deck (docs/benchmarks.md).
    findings = check_deck(deck)
    if large and max_cards:
        audited = counted(min(max_cards, len(deck.cards)), "card")
        _progress(f"guessing audit of {audited}… (--audit-cards 0 skips it)")
    # A bank (items, no cards) gets the items' audit alone: the cards' would only say it
    # has no cards.
    audit = audit_deck(deck, max_cards=max_cards) if max_cards and deck.cards else None
    item_audit = audit_items(deck.items) if max_cards else None
    if audit is not None:
        findings = [*findings, *audit.findings()]
    if item_audit is not None:
        findings = [*findings, *item_audit.findings()]
    findings = sort_findings(findings)
    counts = Counter(f.severity for f in findings)
    status = 1 if counts["error"] else 0
    if output == "json":
        report = {
            "deck": deck.id,
            "title": deck.title,
            "path": deck.path,
            "cards": len(deck.cards),
            "items": len(deck.items),
            "card_places": deck.card_places,  # what each audited card's "line" counts
            "notes": list(deck.notes),
            "findings": [f.to_json() for f in findings],
            "summary": {s: counts[s] for s in ("error", "warning", "info")},
            "exit_status": status,
            "audit": audit.to_json() if audit is not None else None,
            "item_audit": item_audit.to_json() if item_audit is not None else None,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return status
    size = deck_size(len(deck.cards), len(deck.items))
    print(f"{deck.path or deck.id}: {size}, {counted(len(deck.topics), 'topic')}")
    # On a terminal a long finding goes on under its message, not under its severity.
    width = terminal_columns(sys.stdout) or 0
    for note in deck.notes:  # what the reader did on the way in
        print(wrap_line(f"note     {note}", width, hang=9))
    for line in finding_lines(findings, None if show_all else FINDINGS_SHOWN):
        print(wrap_line(line, width, hang=MESSAGE_COLUMN))
    shown = None if show_all else AUDIT_CARDS_SHOWN
    for block in (
        format_audit(audit, shown=shown) if audit is not None else None,
        format_item_audit(item_audit, shown=shown) if item_audit is not None else None,
    ):
        if block is None:
            continue
        print()
        for line in block:
            indent = len(line) - len(line.lstrip(" "))  # a line goes on under its own text
            print(wrap_line(line, width, hang=indent + 2 if indent else None))
    if audit is not None or item_audit is not None:
        print()
    verdict = "errors found" if status else "usable"
    if findings:
        print(f"By kind: {by_kind(findings)}")
    print(
        f"{counted(counts['error'], 'error')}, {counted(counts['warning'], 'warning')}, "
        f"{counts['info']:,} info: {verdict}."
    )
    return status


def _progress(line: str) -> None:
    print(f"exam-sim: {line}", file=sys.stderr, flush=True)


def finding_lines(findings: list[Finding], shown: int | None) -> list[str]:
    """A line per finding; past `shown` of a kind (in a row), one line says how many more:
    a glossary whose every definition names its term would bury the one overlap found
    under forty warnings alike. Errors are all listed."""
    lines: list[str] = []
    for (severity, code), run in itertools.groupby(findings, lambda f: (f.severity, f.code)):
        kind = f"{code} {'warnings' if severity == 'warning' else 'findings'}"
        lines += cut_list(
            [format_finding(finding) for finding in run],
            None if severity == "error" else shown,
            lead=f"{'':<7}  {'':<20}  ",  # under the message column
            kind=kind,
        )
    return lines


def format_finding(finding: Finding) -> str:
    return f"{finding.severity:<7}  {finding.code:<20}  {finding.message}"


# Where `format_finding` starts the message (after the severity's 7 and the code's 20).
MESSAGE_COLUMN = 7 + 2 + 20 + 2
