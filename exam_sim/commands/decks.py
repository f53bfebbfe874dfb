"""`exam-sim` sub-commands: decks (filled in by its issue)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # noqa: ARG001
    """Add this group's sub-commands to the parser."""
