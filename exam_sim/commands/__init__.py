"""One module per group of `exam-sim` sub-commands; each exposes `register(subparsers)`.

A command handler takes the parsed `argparse.Namespace` and returns the exit code.
Handlers raise `DeckError` (or other `UserError`s) for bad input; `cli.main` prints the
message on one line and exits 2.
"""
