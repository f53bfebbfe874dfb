"""Usage examples in a definition: "(adj.) present everywhere; e.g. "Smartphones have
become ubiquitous."", "(v.) to tire (z. B. „Die Hitze ermüdete uns.")".

A vocabulary deck shows each word in a sentence, and the sentence names the word it
illustrates. Asked from its definition, the example is a cloze (the name blanked: "e.g.
"Smartphones have become ____.""), which reads well; shown as an option, the sentence
would give the option's own word away, so such a card was never asked from its term. Its
definition is shown there without the example (`without_example`), the meaning alone.

An example opens with a marker: "e.g.", "for example", "for instance", "Example:", "ex:",
and their usual forms in German, Spanish, French, Italian, Russian, Japanese, Chinese and
Korean, and runs to the end of its sentence, or of its brackets; the rest is the meaning.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A marker opening a usage example, at a word's start.
_MARKER = re.compile(
    r"""(?<![^\s;,.:(\[—–-])(?:
        e\.\s?g\.?(?=[\s:,]) | eg[.:](?=\s) | for\s+(?:example|instance)\b | examples?\s*[:：]
      | ex(?:\.|:)(?=\s)
      | z\.\s?B\.? | zum\s+Beispiel\b | Beispiele?\s*[:：] | Bsp\.
      | p\.\s?ej\. | por\s+ejemplo\b | ejemplos?\s*[:：]
      | p\.\s?ex\. | par\s+ex(?:emple\b|\.) | exemples?\s*[:：]
      | ad\s+es\. | per\s+esempio\b | esempi[o]?\s*[:：]
      | напр(?:\.|имер\b) | пример\s*[:：]
      | 例えば | 例[:：] | 例文[:：] | 例句[:：] | 例如 | 예[:：] | 예문[:：] | 예를\s*들어
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A part of every marker, lower case: a definition holding none has no example.
_MARKER_PARTS = (
    "e.g", "e. g", "eg.", "eg:", "xampl", "xempl", "nstanc", "ex.", "ex:", "z. b", "z.b",
    "beispiel", "bsp.", "p. ej", "p.ej", "jempl", "p. ex", "p.ex", "par ex", "ad es",
    "sempi", "напр", "пример", "例", "예",
)  # fmt: skip
_BEFORE = " \t\n;,.:—–-(["  # what joins the meaning to its example: left out with it
_LETTER = re.compile(r"[^\W\d_]")
# A sentence written out: a capital, two more words at least, a stop.
_SENTENCE = re.compile(r"[^\W\d_a-zß-ÿ][^\s]*(?:\s+\S+){2,}[.!?。！？]")
# An example in quotes runs to its closing quote.
CLOSING_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "「": "」", "『": "』", "‘": "’"}
# A sentence's end: its stop, a closing quote or bracket, then a space or the end.
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»」』)]*(?=\s|$)")


class Example(NamedTuple):
    """A definition's usage example: the meaning without it, the example's own text, and
    whether it is a sentence using the word, as vocabulary lists write them: quoted, or
    opening with a capital and closed by a stop, three words at least ("e.g. Comemos a
    las dos."), not a list of instances ("e.g. L1 or L2")."""

    meaning: str
    text: str
    sentence: bool


def example_of(definition: str) -> Example | None:
    """The definition's usage example ("present everywhere; e.g. "…"": the meaning
    "present everywhere"; "to tire (e.g. "…") quickly": "to tire quickly"), or None when
    it gives none, or nothing but the example (no letter before it)."""
    lowered = definition.lower()
    if not any(part in lowered for part in _MARKER_PARTS):
        return None  # the cheap test first: the marker's search costs 4 µs a definition
    found = _MARKER.search(definition)
    if found is None:
        return None
    before = definition[: found.start()]
    opened = before.rstrip(" \t")
    start = len(definition) - len(definition[found.end() :].lstrip())
    quote = CLOSING_QUOTES.get(definition[start : start + 1])
    if opened.endswith(("(", "[")):  # an example in brackets: the text after them stays
        close = ")" if opened.endswith("(") else "]"
        end = definition.find(close, found.end())
        text = definition[start:end] if end != -1 else definition[start:]
        after = definition[end + 1 :].strip() if end != -1 else ""
        meaning = opened[:-1].rstrip(_BEFORE)
        if after and _LETTER.search(after):  # nothing before the brackets: no space either
            space = " " if meaning and after[0] not in ",.;:" else ""
            meaning = f"{meaning}{space}{after}"
    else:  # the example runs to its closing quote, or the end of its sentence
        meaning = before.rstrip(_BEFORE)
        end = definition.find(quote, start + 1) if quote else -1
        if end != -1:
            text = definition[start : end + 1]
            after = definition[end + 1 :].lstrip(" .!?;,").strip()
        else:
            stop = _SENTENCE_END.search(definition, found.end())
            text = definition[start : stop.end()] if stop is not None else definition[start:]
            after = definition[stop.end() :].strip() if stop is not None else ""
        if after and _LETTER.search(after):
            meaning = f"{meaning}. {after}"
    if not _LETTER.search(meaning):
        return None
    text = text.strip()
    return Example(meaning, text, quote is not None or _SENTENCE.fullmatch(text) is not None)


def without_example(definition: str) -> str | None:
    """The definition's meaning without its usage example (`example_of`), or None."""
    found = example_of(definition)
    return found.meaning if found is not None else None
