"""Seeds that are the same in every process: a question asked again is the same question."""

from __future__ import annotations

import hashlib


def stable_seed(*parts: object) -> int:
    """A seed that is the same in every process (Python's str hash is salted per run)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")
