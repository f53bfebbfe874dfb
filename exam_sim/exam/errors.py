"""The session engine's one error: an operation the session cannot do."""

from __future__ import annotations


class SessionError(ValueError):
    """An operation the session cannot do (bad question number, attempt already over, no
    card matches a drill's choice…). One sentence; the front ends show it as it is."""
