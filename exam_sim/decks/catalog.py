"""What `exam-sim decks`, the deck picker and a mistyped id need to know about each deck
file (id, title, card and topic counts), without parsing every deck every time.

A 1M-card deck takes minutes to parse; listing the library parsed every file, so one big
deck made `exam-sim decks` and "no such deck" take as long. The facts are cached in one
JSON file (`deck-index.json` in the data folder), keyed by the deck file's path, size and
modification time: a file that has not changed is never read again to be listed. `import`
writes its deck's entry, so a freshly imported deck lists at once. A cache that cannot be
read or written is ignored (everything still works, only slower).

This module imports nothing that needs pydantic (the deck model is a type hint only): Home
reads a deck's facts here before the core is loaded (`exam_sim.deck_panel`).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exam_sim import paths

if TYPE_CHECKING:
    from exam_sim.models import Deck

# 2: topic weights and the stated blueprint; 3: how many topics are declared; 4: items;
# 5: how many tags the cards have
_VERSION = 6
TAGS_LISTED = 8  # a deck's largest tags kept with its facts (an Anki deck may have hundreds)


# A deck's authored scenario items may sit beside it in `<deck>.items.toml` ([[cases]] and
# [[items]] only): such a file is part of a deck, not a deck of its own.
ITEMS_SUFFIX = ".items.toml"


def deck_files(folder: Path) -> list[Path]:
    """The deck files of a folder (bundled or library), sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.glob("*.toml")
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith(ITEMS_SUFFIX)
    )


def named_file(spec: str) -> Path | None:
    """The file a deck spec names without consulting the catalog: a path to a file, else
    a bundled or library deck whose file is called `<spec>.toml` (first found)."""
    path = Path(spec).expanduser()
    if path.is_file():
        return path
    for folder in (paths.bundled_dir(), paths.library_dir()):
        for file in deck_files(folder):
            if file.stem == spec:
                return file
    return None


def reopening_spec(deck: Deck) -> str | None:
    """What names this deck to `resolve_deck` again: its id when the id finds its file (a
    bundled or library deck: it survives the folders moving), else the file's absolute
    path; None for a deck read from no file."""
    if deck.path is None:
        return None
    file = Path(deck.path).expanduser().resolve()
    named = named_file(deck.id)
    if named is not None and named.resolve() == file:
        return deck.id
    return str(file)


def cache_path() -> Path:
    return paths.data_home() / "deck-index.json"


def _key(file: Path) -> tuple[str, list[int]] | None:
    """The file's path and stamp: its size and modification time, and those of the
    authored items beside it (`<deck>.items.toml`), which are part of the deck."""
    try:
        stat = file.stat()
    except OSError:
        return None
    stamp = [stat.st_size, stat.st_mtime_ns]
    companion = file.with_name(file.stem + ITEMS_SUFFIX)
    with contextlib.suppress(OSError):
        items = companion.stat()
        stamp += [items.st_size, items.st_mtime_ns]
    return str(file.resolve()), stamp


def facts_of(deck: Deck) -> dict[str, Any]:
    """The listed facts of a loaded deck."""
    counts = deck.topic_counts()
    weights = {topic.id: topic.weight for topic in deck.topics}
    tag_counts = Counter(tag for card in deck.cards for tag in card.tags)
    stated = deck.blueprint if deck.blueprint and not deck.blueprint.assumed else None
    return {
        "id": deck.id,
        "title": deck.title,
        "cards": len(deck.cards),
        "items": len(deck.items),
        "description": deck.description,
        "topics": [
            [topic_id, deck.topic_name(topic_id), n, weights.get(topic_id) if topic_id else None]
            for topic_id, n in counts.items()
        ],
        "blueprint": None if stated is None else stated.model_dump(mode="json"),
        # The first `declared_topics` of `topics` are the deck's own topics, in its order
        # (a deck that declares none may still tag cards with topic ids).
        "declared_topics": len(deck.topics),
        # A deck without topics is scored by its cards' tags (`exam.card_tags_of`): how
        # many, and the largest of them with their cards (Home lists them as it lists
        # topics), most cards first.
        "tags": len(tag_counts),
        "tag_counts": [[tag, n] for tag, n in tag_counts.most_common(TAGS_LISTED)],
    }


class Catalog:
    """The cache, read once per listing and written back once if it changed."""

    def __init__(self) -> None:
        self.entries: dict[str, Any] = {}
        self.changed = False
        with contextlib.suppress(OSError, ValueError):
            stored = json.loads(cache_path().read_text(encoding="utf-8"))
            if isinstance(stored, dict) and stored.get("version") == _VERSION:
                self.entries = dict(stored.get("decks", {}))

    def get(self, file: Path) -> dict[str, Any] | None:
        key = _key(file)
        if key is None:
            return None
        entry = self.entries.get(key[0])
        if isinstance(entry, dict) and entry.get("stamp") == key[1]:
            facts = entry.get("facts")
            return facts if isinstance(facts, dict) else None
        return None

    def put(self, file: Path, facts: dict[str, Any]) -> None:
        key = _key(file)
        if key is not None:
            self.entries[key[0]] = {"stamp": key[1], "facts": facts}
            self.changed = True

    def save(self) -> None:
        """Write the cache atomically if it changed; a failure only costs speed."""
        if not self.changed:
            return
        target = cache_path()
        with contextlib.suppress(OSError):
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".deck-index.", dir=target.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump({"version": _VERSION, "decks": self.entries}, handle)
                os.replace(temp, target)
            finally:
                Path(temp).unlink(missing_ok=True)
        self.changed = False


def remember(deck: Deck, file: Path) -> None:
    """Record a deck just written to `file` (import), so listing it reads nothing."""
    catalog = Catalog()
    catalog.put(file, facts_of(deck))
    catalog.save()
