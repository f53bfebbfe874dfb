"""`exam-sim decks`, `exam-sim import`, `exam-sim check`: list, import and lint decks."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from exam_sim import paths
from exam_sim.decks import FORMATS, import_deck, list_decks, resolve_deck
from exam_sim.decks.loader import DeckInfo, load_deck

if TYPE_CHECKING:
    from exam_sim.decks.check import Finding


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this group's sub-commands to the parser."""
    decks = subparsers.add_parser(
        "decks",
        help="list the bundled decks and your library",
        description="List the bundled decks and the decks in your library, with card and "
        "topic counts.",
    )
    decks.add_argument("--json", action="store_true", help="print a JSON list")
    decks.set_defaults(handler=list_decks_command)

    importer = subparsers.add_parser(
        "import",
        help="import a deck file into your library",
        description="Read a deck (native TOML, plain text, CSV/TSV, Quizlet or Anki export) "
        f"and store it in your library as native TOML ({paths.library_dir()}).",
    )
    importer.add_argument("file", help="the deck file to import")
    importer.add_argument("--title", help="deck title (also gives the deck id)")
    importer.add_argument("--topic", help="give this topic to every card that has none")
    importer.add_argument("--format", choices=FORMATS, help="file format (default: detected)")
    importer.add_argument(
        "--replace", action="store_true", help="overwrite a different library deck of the same id"
    )
    _add_separator_options(importer)
    importer.set_defaults(handler=import_command)

    check = subparsers.add_parser(
        "check",
        help="lint a deck for weak or ambiguous cards",
        description="Lint a deck: duplicate and near-duplicate terms, overlapping "
        "definitions, definitions that name their term, question cards, very short answers, "
        "cross-references, small topics; then a guessing audit: what a guesser using one "
        "shallow cue (longest option, the option echoing the stem…) would score on the "
        "deck's questions, and the cards that give themselves away. "
        "Exit status: 0 with only warnings, 1 with errors, 2 when the deck cannot be read.",
    )
    check.add_argument("deck", help="bundled deck id, library deck id, or a file path")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.add_argument(
        "--audit-cards",
        type=_count,
        default=None,
        metavar="N",
        help="cards the guessing audit asks about, at most (default: 100, a sample of "
        "larger decks; 0 skips the audit)",
    )
    check.add_argument("--format", choices=FORMATS, help="file format (default: detected)")
    _add_separator_options(check)
    check.set_defaults(handler=check_command)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _add_separator_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--term-sep",
        metavar="SEP",
        help=r"Quizlet export: text between term and definition (e.g. ' - ', tab, '\t')",
    )
    parser.add_argument(
        "--card-sep",
        metavar="SEP",
        help=r"Quizlet export: text between cards (e.g. ';', newline, '\n')",
    )


def _reader_options(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "term_separator": getattr(args, "term_sep", None),
        "card_separator": getattr(args, "card_sep", None),
    }


def list_decks_command(args: argparse.Namespace) -> int:
    infos = list_decks()
    if getattr(args, "json", False):
        print(json.dumps([info.to_json() for info in infos], ensure_ascii=False, indent=2))
        return 0
    print(format_deck_list(infos))
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
        width = max((len(info.id) for info in group), default=0)
        for info in group:
            if info.error:
                lines.append(f"  {info.id:<{width}}  unreadable: {info.error}")
                continue
            lines.append(f"  {info.id:<{width}}  {info.cards:>4} cards  {info.title}")
            named = [t for t in info.topics if t.id is not None]
            if named:
                name_width = max(len(t.name) for t in named)
                for topic in info.topics:
                    # topic lines sit under the title column
                    indent = " " * (width + 16)
                    lines.append(f"{indent}{topic.name:<{name_width}}  {topic.cards:>4}")
        lines.append("")
    return "\n".join(lines).rstrip()


def import_command(args: argparse.Namespace) -> int:
    deck, target = import_deck(
        args.file,
        title=args.title,
        topic=args.topic,
        format=args.format,
        replace=args.replace,
        **_reader_options(args),
    )
    topics = f" in {len(deck.topics)} topic(s)" if deck.topics else ""
    print(f"Imported {len(deck.cards)} cards{topics} from {args.file}")
    print(f"  deck id: {deck.id}  title: {deck.title}")
    print(f"  written to: {target}")
    from exam_sim.decks.check import check_deck  # rapidfuzz: only for this command

    findings = check_deck(deck)
    counts = Counter(f.severity for f in findings)
    if counts["error"] or counts["warning"]:
        print(
            f"  {counts['error']} error(s), {counts['warning']} warning(s): "
            f"see `exam-sim check {deck.id}`"
        )
    return 0


def check_command(args: argparse.Namespace) -> int:
    options = {k: v for k, v in _reader_options(args).items() if v is not None}
    if args.format or options:
        deck = load_deck(args.deck, format=args.format, **options)
    else:
        deck = resolve_deck(args.deck)
    # rapidfuzz and the generator: only for this command
    from exam_sim.decks.audit import AUDIT_CARDS, audit_deck, format_audit
    from exam_sim.decks.check import check_deck, sort_findings

    findings = check_deck(deck)
    max_cards = AUDIT_CARDS if args.audit_cards is None else args.audit_cards
    audit = audit_deck(deck, max_cards=max_cards) if max_cards else None
    if audit is not None:
        findings = sort_findings([*findings, *audit.findings()])
    counts = Counter(f.severity for f in findings)
    status = 1 if counts["error"] else 0
    if args.json:
        report = {
            "deck": deck.id,
            "title": deck.title,
            "path": deck.path,
            "cards": len(deck.cards),
            "findings": [f.to_json() for f in findings],
            "summary": {s: counts[s] for s in ("error", "warning", "info")},
            "exit_status": status,
            "audit": audit.to_json() if audit is not None else None,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return status
    print(f"{deck.path or deck.id}: {len(deck.cards)} cards, {len(deck.topics)} topic(s)")
    for finding in findings:
        print(format_finding(finding))
    if audit is not None:
        print()
        print("\n".join(format_audit(audit)))
        print()
    verdict = "errors found" if status else "usable"
    print(
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info: "
        f"{verdict}."
    )
    return status


def format_finding(finding: Finding) -> str:
    return f"{finding.severity:<7}  {finding.code:<20}  {finding.message}"
