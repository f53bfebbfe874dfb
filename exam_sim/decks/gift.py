"""GIFT, Moodle's text format for question banks; the part of it that exam items have:

    $CATEGORY: $course$/Data preparation
    // a comment
    ::Feature store::Which store serves features with low latency? {
      =The online store #It keeps the latest values for fast reads.
      ~The offline store #It is for training and batch scoring.
      ####Feature Store has both.
    }
    ::Two::Which TWO are managed? {~%50%SageMaker ~%50%Glue ~%-100%EC2}
    ::Match::Match each service to its job. {
      =Feature Store -> serves features =Model Monitor -> watches drift =Clarify -> explains bias
    }
    ::TF::Glacier serves features with low latency. {F}

Single answer (`=` right, `~` wrong), multiple answers with weights (`~%50%`: a positive
weight is a key; scored all or nothing here), per-answer feedback (`#…`, the option's
rationale), general feedback (`####…`, the item's explanation), true/false, matching
(`=prompt -> response`), titles (`::…::`, the item id), `$CATEGORY` (the topic: the path
without `$course$/`), `//` comments and the escapes `\\~ \\= \\# \\{ \\} \\:`.
A missing-word question ("The {~UDP =TCP} protocol…") is a single-answer item whose stem
shows a blank where the braces stood. Short answer, numerical and essay questions have no
options to choose from: a Moodle export mixes them in, so they are skipped and the deck's
note names each kind and line; a bank of nothing else is refused in one sentence.
"""

from __future__ import annotations

import re

from exam_sim.decks.banks import RawItem, category_topic, items_deck, skipped_notes
from exam_sim.decks.common import clean_field, decode, display_name, split_lines
from exam_sim.models import Deck, DeckError

__all__ = ["looks_like_gift", "parse_gift"]

_ESCAPED = re.compile(r"\\([~=#{}:n\\])")
_TITLE = re.compile(r"^\s*::(.*?)::", re.DOTALL)
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
# Where a missing-word question's braces stood: "The _____ protocol uses a handshake."
BLANK = "_____"
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def looks_like_gift(text: str) -> bool:
    """A line opening with a question's title ("::Q1:: … {") or a category. A line at a
    time: one pattern over the text took minutes on a long line of "::"."""
    if "$CATEGORY:" in text:
        return True
    for line in text.split("\n"):
        opened = line.lstrip()
        close = opened.find("::", 2) if opened.startswith("::") else -1
        if close != -1 and "{" in opened[close + 2 :]:
            return True
    return False


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: "\n" if m[1] == "n" else m[1], text)


def _unescaped(text: str, chars: str, start: int = 0) -> int:
    """Index of the first of `chars` not escaped by a backslash, from `start`; -1 if none."""
    n = start
    while n < len(text):
        if text[n] == "\\":
            n += 2
            continue
        if text[n] in chars:
            return n
        n += 1
    return -1


def _split_answers(body: str) -> list[str]:
    """The answer tokens of a block, each starting with its `=` or `~`."""
    n = _unescaped(body, "=~")
    if n < 0:
        raise ValueError("the answers must each start with = (right) or ~ (wrong)")
    if body[:n].strip():
        raise ValueError(f"text before the first answer: {body[:n].strip()[:40]!r}")
    tokens: list[str] = []
    while n >= 0:
        following = _unescaped(body, "=~", n + 1)
        tokens.append(body[n : following if following >= 0 else len(body)].strip())
        n = following
    return tokens


class _Block:
    """One question: its text from the title to the closing brace."""

    def __init__(self, text: str, line: int, topic: str) -> None:
        self.text, self.line, self.topic = text, line, topic

    def parse(self) -> RawItem:
        text = self.text
        title = ""
        match = _TITLE.match(text)
        if match:
            title, text = _unescape(match[1]).strip(), text[match.end() :]
        html = False
        fmt = _FORMAT.match(text)
        if fmt:
            html, text = fmt[1].lower() == "html", text[fmt.end() :]
        opening = _unescaped(text, "{")
        if opening < 0:
            raise ValueError("a question needs its answers in braces { … }")
        closing = _unescaped(text, "}", opening + 1)
        if closing < 0:
            raise ValueError("the answers' opening brace { is never closed")
        before = clean_field(_unescape(text[:opening]), html=html)
        after = clean_field(_unescape(text[closing + 1 :]), html=html)
        if not before and not after:
            raise ValueError("the question has no text before its answers")
        # A missing-word question: its options fill the blank where the braces stood.
        if after:  # "is {…}." reads "is _____.": no space before closing punctuation
            glue = "" if after[0] in ".,;:!?)]»…" else " "
            stem = f"{before} {BLANK}{glue}{after}".strip()
        else:
            stem = before
        raw = RawItem(line=self.line, stem=stem, title=title, topic=self.topic)
        self._answers(raw, text[opening + 1 : closing], html, blank=bool(after))
        return raw

    def _answers(self, raw: RawItem, body: str, html: bool, *, blank: bool) -> None:
        general = body.find("####")
        if general >= 0:
            raw.explanation = clean_field(_unescape(body[general + 4 :]), html=html)
            body = body[:general]
        bare = body.strip()
        if not bare:
            raise NoOptions("essay")
        if bare.startswith("#"):
            raise NoOptions("numerical")
        word = bare.split("#", 1)[0].strip().upper()
        if word in _TRUE_FALSE:
            if blank:  # "Paris is {T} the capital": no options to fill the blank with
                raise NoOptions("missing-word true/false")
            right = _TRUE_FALSE[word]
            raw.options = [("True", right, ""), ("False", not right, "")]
            return
        tokens = _split_answers(body)
        if all(t.startswith("=") and "->" in t for t in tokens) and not blank:
            for token in tokens:
                prompt, _, response = token[1:].partition("->")
                raw.pairs.append((clean_field(_unescape(prompt), html=html),
                                  clean_field(_unescape(response), html=html)))  # fmt: skip
            return
        if any("->" in t for t in tokens):
            raise ValueError("a matching question gives every answer as =prompt -> response")
        if not any(t.startswith("~") for t in tokens):
            raise NoOptions("short-answer")
        weights: list[float | None] = []
        for token in tokens:
            text, weight, why = self._option(token, html)
            raw.options.append((text, weight is not None and weight > 0, why))
            weights.append(weight)
        if any(_WEIGHT.match(token[1:]) for token in tokens):
            raw.weights = weights  # partial credit: kept, and checked by `authored.Item`

    @staticmethod
    def _option(token: str, html: bool) -> tuple[str, float | None, str]:
        """(text, weight, feedback): an unweighted = weighs 100, an unweighted ~ nothing."""
        marker, rest = token[0], token[1:]
        found = _WEIGHT.match(rest)
        weight: float | None = 100.0 if marker == "=" else None
        if found:
            weight, rest = float(found[1]), rest[found.end() :]
            if not -100 <= weight <= 100:
                raise ValueError(f"the weight {found[0]} is outside -100% to 100%")
            if marker == "=" and weight <= 0:
                raise ValueError(f"a right answer (=) has the weight {found[0]}; "
                                 "use ~ for an answer worth nothing or less")  # fmt: skip
        cut = _unescaped(rest, "#")
        text, why = (rest, "") if cut < 0 else (rest[:cut], rest[cut + 1 :])
        shown = clean_field(_unescape(text), html=html)
        if not shown:
            raise ValueError(f"an answer ({marker}) has no text")
        return shown, weight, clean_field(_unescape(why), html=html)


class NoOptions(ValueError):
    """A question of a kind with no options to choose from: skipped and counted."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"{kind} questions are not supported")
        self.kind = kind


def _blocks(lines: list[str]) -> list[_Block]:
    """Questions separated by blank lines (or following each other after a closing brace),
    with the `$CATEGORY` in force for each; comments dropped."""
    blocks: list[_Block] = []
    topic = ""
    chunk: list[str] = []
    start = 0
    opened = False  # the chunk holds an unescaped "{"

    def close() -> None:
        nonlocal opened
        if chunk:
            blocks.append(_Block("\n".join(chunk), start, topic))
            chunk.clear()
        opened = False

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if not stripped:
            close()
            continue
        if stripped.startswith("$CATEGORY:"):
            close()
            topic = category_topic(stripped.removeprefix("$CATEGORY:"))
            continue
        if not chunk:
            start = number
        chunk.append(line)
        # The new line alone is looked at (the chunk joined and read from its start for
        # each line took minutes on a long block without braces).
        opening = -1 if opened else _unescaped(line, "{")
        opened = opened or opening >= 0
        if opened and _unescaped(line, "}", opening + 1) >= 0:
            close()  # one question per brace pair, even without a blank line after it
    close()
    return blocks


def parse_gift(
    data: str | bytes, *, file: str | None = None, title: str | None = None,
    deck_id: str | None = None,
) -> Deck:  # fmt: skip
    name = display_name(file)
    lines = split_lines(decode(data, name))
    raws = []
    skipped: dict[str, list[int]] = {}  # kind: lines
    for block in _blocks(lines):
        try:
            raws.append(block.parse())
        except NoOptions as error:
            skipped.setdefault(error.kind, []).append(block.line)
        except ValueError as error:
            raise DeckError(str(error), file=name, line=block.line) from None
    notes = skipped_notes(skipped, bool(raws), name)
    return items_deck(raws, file=name, title=title, deck_id=deck_id, reader_notes=notes)
