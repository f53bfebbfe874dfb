"""Names written as calls: a code deck's card named `str.find(sub)` is spoken of as
`find()`, `find(x)` or `str.find()` in other cards' text.

"Like find(), but raises ValueError when sub is not found" (str.index) names str.find as
surely as "str.find" would: asked among options, str.find is then no answer a reader
would pick, and as a wrong option for str.find's own question, that definition gives
itself away. The whole name never shows there (`masking.name_forms` reads "str find sub"),
so calls are read apart: a term that is a dotted name glued to its parenthesis is called
by that name or by its last part ("find"); a call in a text names the cards so called, a
dotted one ("str.find()") only those whose name ends so. Case is folded: "Find()" opening
a sentence is the same call.
"""

from __future__ import annotations

import functools
import re

# A dotted name glued to an opening parenthesis: "find(", "str.find(", "os.path.join(".
# Not after a word character or a dot (the middle of a longer name).
_CALL = re.compile(r"(?<![\w.])((?:[^\W\d]\w*\.)*[^\W\d]\w*)\(")
# A term that is a call whole: "str.find(sub)", "len(s)", "dict.get(key[, default])".
_CALLED_TERM = re.compile(r"\s*((?:[^\W\d]\w*\.)*[^\W\d]\w*)\(.*\)\s*", re.DOTALL)


def called_name(term: str) -> str | None:
    """The dotted name a term written as a call is called by ("str.find" for
    "str.find(sub)"), folded; None for any other term."""
    match = _CALLED_TERM.fullmatch(term)
    return match[1].casefold() if match else None


@functools.lru_cache(maxsize=4096)
def calls_in(text: str) -> frozenset[str]:
    """The names a text calls ("find" in "Like find(), but…"), folded."""
    if "(" not in text:
        return frozenset()
    return frozenset(name.casefold() for name in _CALL.findall(text))


def calls(text: str, name: str) -> bool:
    """Does `text` call the card called `name` (`called_name`): by the whole name, its
    last part ("find()" for str.find), or a dotted tail of it ("path.join()" for
    os.path.join)?"""
    said = calls_in(text)
    if not said:
        return False
    last = name.rpartition(".")[2]
    return any(c in (name, last) or name.endswith("." + c) for c in said)
