"""Text helpers shared by deck readers, the linter and the generator.

Pure functions, no I/O. Everything that decides whether two strings "are the same thing"
lives here so readers and the generator agree.
"""

from __future__ import annotations

import bisect
import html
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Sequence

from exam_sim.marks import MARK, MARKS

# What stands for a hidden name: the generator's masks ("____ is an algorithm…") and a
# cloze's deletion.
BLANK = "____"
# A blank as people write one in a fill-in-the-blank card: three underscores or more.
WRITTEN_BLANK = "___"
# A blank (ours, or one written with three underscores or more) and any "(hint)" after it.
_BLANK_AND_HINT = re.compile(r"_{3,}(?: \([^()]*\))?")


def filled(definition: str, term: str) -> str:
    """The definition with its blanks (a cloze's, or a fill-in-the-blank deck's, with any
    "(hint)" after them) filled with the term: how the card reads whole, shown with the
    answer. Several blanks take the parts of a term that lists one per blank ("Firehose,
    Redshift"), else the whole term each."""
    if WRITTEN_BLANK not in definition:
        return definition
    count = len(_BLANK_AND_HINT.findall(definition))
    parts = term.split(", ")
    answers = iter(parts if count > 1 and len(parts) == count else [term] * count)
    return _BLANK_AND_HINT.sub(lambda _: next(answers), definition)


_WS = re.compile(r"\s+")
FINAL_PARENTHESIS = re.compile(r"^(?P<outer>.*?)\s*\((?P<inner>[^()]+)\)\s*$")
# A question ends so in any script: "?", the full-width "？" of Chinese and Japanese,
# the Arabic "؟", the Greek question mark ";" (U+037E, not the semicolon).
QUESTION_MARKS = ("?", "？", "؟", "\u037e")
QUESTION_WORDS = (
    "how", "what", "why", "when", "which", "who", "where", "can", "could", "does", "do",
    "is", "are", "should", "would", "will", "name", "list", "explain", "describe",
)  # fmt: skip
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
# Block elements, opening or closing, end a line: "identity)<div>yo soy</div>" must not
# become "identity)yo soy". Several in a row (</div><div>) make one line break.
_BLOCK = re.compile(
    r"<\s*/?\s*(p|div|li|ul|ol|h[1-6]|tr|table|thead|tbody|blockquote|pre|hr|section"
    r"|article|header|footer|dl|dt|dd|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)
_SOFT_BREAK = "\ue000"  # a private-use character standing for a block edge meanwhile
_SOFT_BREAKS = re.compile(r"[ \t]*(?:\ue000[ \t\n]*)+")
_CELL = re.compile(r"<\s*/?\s*t[dh]\b[^>]*>", re.IGNORECASE)  # table cells: a space
# A superscript reads "2^8", not "28" (a citation mark, "[1]", stays as it is).
_SUPERSCRIPT = re.compile(r"<\s*sup\b[^>]*>(?=\s*[^\s\[<])", re.IGNORECASE)
_LI = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_SCRIPT = re.compile(r"<\s*(script|style)[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
# Media references: Anki's sound tag and HTML images. exam-sim shows text only.
_SOUND = re.compile(r"\[sound:[^\]\n]*\]", re.IGNORECASE)
_IMAGE = re.compile(r"<\s*img\b[^>]*>", re.IGNORECASE)


def collapse_whitespace(text: str) -> str:
    """Collapse runs of spaces and tabs; keep single line breaks, drop blank-line runs."""
    lines = [_WS.sub(" ", line).strip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def html_to_text(text: str) -> str:
    """Strip HTML to plain text: `<br>`/block ends become line breaks, entities are decoded."""
    text = _SCRIPT.sub("", text)
    text = _BREAK.sub("\n", text)
    text = _LI.sub(f"{_SOFT_BREAK}• ", text)
    text = _BLOCK.sub(_SOFT_BREAK, text)
    text = _CELL.sub(" ", text)
    text = _SUPERSCRIPT.sub("^", text)
    text = _TAG.sub("", text)
    text = _SOFT_BREAKS.sub("\n", text)
    text = html.unescape(text).replace("\xa0", " ")
    return collapse_whitespace(text)


def strip_media(text: str) -> tuple[str, int, int]:
    """`text` without its media references, and how many sounds (`[sound:x.mp3]`) and
    images (`<img …>`) it had. They name files exam-sim cannot show; left in, they read as
    words ("sound", "mp3") and made `check` call cards self-naming."""
    text, sounds = _SOUND.subn(" ", text)
    text, images = _IMAGE.subn(" ", text)
    if sounds or images:
        text = collapse_whitespace(text)
    return text, sounds, images


# Neither a word character nor a combining mark (`\w` takes no mark: a vowel sign such as
# the "ि" of "परिभाषा" is part of its word).
NON_WORD_CHAR = f"[^\\w{MARKS}]"
_NON_WORD = re.compile(f"{NON_WORD_CHAR}+")


def is_word_char(ch: str) -> bool:
    """A letter, digit or combining mark: a character inside a word (`NON_WORD_CHAR`)."""
    return ch.isalnum() or MARK.match(ch) is not None


# ASCII's non-word characters (`_NON_WORD`), each made a space.
_ASCII_NON_WORD = {code: " " for code in range(128) if _NON_WORD.fullmatch(chr(code))}


# Formulas. An operator between two operands ("EV - AC", "(O + 4M + P) / 6", "x^2",
# "\(e^x + C\)") is a word of the formula: "EV / AC" and "EV - AC" are two formulas,
# which folded to their words alone were one ("ev ac"). "-" and "/" are also a dash and
# "or" ("Amazon S3 - object storage", "input / output"): they count with a space (one
# whitespace character) on both sides, beside another operator, a bracket, or operands
# a formula writes (a number, one letter, an acronym: "EV - AC", "n - 1"); "=" with
# spaces ("sep=None" is an argument); the others with a space on both sides or on
# neither ("A+ grade" and "C++" are names).
_AMBIGUOUS_OPERATORS = "-/"
_SPACED = re.escape("-/+*×÷^−=≠≈≤≥")
_UNSPACED = re.escape("+*×÷^−")
_OPERAND_END = r"[\w)\]}'|]"  # | closes an absolute value: ln|x| + C
# an operand may open with a math symbol ("= √2", "= ∫ f", "= |x|"); after a spaced
# operator, with a sign too ("= -cos x + C"), after another with a minus ("10^-3"; "C++"
# is a name)
_OPERAND_OPENINGS = r"\w(\[{\\|∫√∑∏∂∇π"
_OPERAND_START = f"[{_OPERAND_OPENINGS}]"
_SIGNED_START = f"[{_OPERAND_OPENINGS}−+\\-]"
# The operator first, its sides looked at after: a scan for its characters runs in C,
# 10x faster over a large deck's joined texts than one that tries every position.
FORMULA_OPERATOR = re.compile(
    f"([{_SPACED}])(?:(?<={_OPERAND_END}\\s[{_SPACED}])(?=\\s{_SIGNED_START})"
    f"|(?<={_OPERAND_END}[{_UNSPACED}])(?={_OPERAND_START}|[-−][\\w(]))"
)
# Math markup opening (`_MATH`), found apart from the operators: one pattern for both
# scanned a large deck 3x slower.
_MATH_OPENING = re.compile(r"\\[(\[]|\$\$")
# Operators written several ways, each as one: the minus sign, the times and division signs.
_CANONICAL_OPERATOR = {"−": "-", "×": "*", "÷": "/"}
_LAST_WORD = re.compile(r"([^\W_]+)\W*$")
_FIRST_WORD = re.compile(r"\W*([^\W_]+)")
_BRACKETED = (")", "]", "}")
_NEAR = 40  # characters read each side of a "-" or "/" for its operands
# A text written whole as math for MathJax, as Anki and many notes apps write it:
# \(…\), \[…\] or $$…$$.
_MATH = re.compile(r"\s*(?:\\\(.*\\\)|\\\[.*\\\]|\$\$.*\$\$)\s*", re.DOTALL)
# At most this many words an operator: beyond, a sentence that uses a sign ("Uses the
# 80/20 rule + …") more than a formula. A function's name or a differential is no word
# but an operand ("d/dx sin x = cos x").
FORMULA_WORDS_PER_OPERATOR = 3
_MATH_NAMES_SAID = (
    "sin cos tan sec csc cot sinh cosh tanh arcsin arccos arctan ln log lg exp lim max min"
    " sqrt det dx dy dz dt du dv d/dx d/dy d/dt ∫ ∑ ∏ √ ∂ ∇"
)
# Each a whole word, a sign before it at most: counted in C, and only in a text of at most
# twice the words its operators allow (most texts with a sign are sentences: reading them
# all was 2.5 s of checking a 1M-card deck).
_MATH_NAME = re.compile(
    r"(?<!\S)[-−+]?(?:" + "|".join(map(re.escape, _MATH_NAMES_SAID.split())) + r")(?!\S)",
    re.IGNORECASE,
)


def formula_parts(text: str) -> list[str] | None:
    """A formula's pieces between its operators and the operators themselves, in turn
    (["EV", "-", "AC"], operators written one way: "−" as "-", "×" as "*"), or None for
    a text that is no formula: none of its operators is sure (see FORMULA_OPERATOR), or
    it has more than FORMULA_WORDS_PER_OPERATOR words for each, and one more (a word is
    what stands between spaces: "\\frac{d}{dx}" is one)."""
    found = list(FORMULA_OPERATOR.finditer(text))
    if _MATH.fullmatch(text):  # written as math for MathJax: a formula, operators or none
        return _split_at(text, found)
    if not found:
        return None
    # Its words, the text's pieces between spaces but the operators standing alone (the
    # cheap test first: most texts with a sign are sentences).
    words = len(text.split()) - sum(text[m.start() - 1].isspace() for m in found)
    most = FORMULA_WORDS_PER_OPERATOR * len(found) + 1
    if most < words <= 2 * most:  # a sentence has far more: its math names go unread
        words -= len(_MATH_NAME.findall(text))
    if words > most:
        return None
    # Beside one sure operator, a spaced "-" or "/" is one too.
    if not any(m[1] not in _AMBIGUOUS_OPERATORS for m in found) and not any(
        _between_operands(text, m) for m in found
    ):
        return None
    return _split_at(text, found)


def _split_at(text: str, operators: list[re.Match[str]]) -> list[str]:
    parts: list[str] = []
    at = 0
    for m in operators:
        parts += [text[at : m.start()].strip(), _CANONICAL_OPERATOR.get(m[1], m[1])]
        at = m.end()
    parts.append(text[at:].strip())
    return parts


# Code: a text that opens with a name glued to an opening bracket, a call or an index
# ("len(lst)", "lst[::-1]", "s.split()", "','.join(items)"), its brackets closed, in
# CODE_WORDS words at most: an expression, whose identity is the whole of it, as a
# formula's is (its only words are identifiers: "lst.sort()" and "sorted(lst)" share
# every one). Not a piece of a sentence ("prices) with log(x)").
_CODE_BRACKET = re.compile(r"[(\[]")  # the sieve: a bare bracket is found fastest in C
_CODE_OPENING = re.compile(r"\s*['\"\w.,]*?[A-Za-z_][\w.]*[(\[]")
CODE_WORDS = 4


def is_code(text: str) -> bool:
    """Is the text an expression written as code (see CODE_WORDS)?"""
    return (
        ("(" in text or "[" in text)  # the cheap tests first: stems ask it of every text
        and "\n" not in text
        and len(text.split()) <= CODE_WORDS
        and _CODE_OPENING.match(text) is not None
        and text.count("(") == text.count(")")
        and text.count("[") == text.count("]")
    )


def code_in(texts: Sequence[str]) -> list[int]:
    """The positions of the texts that are code (`is_code`), found in C, then each read."""
    return [k for k in found_in(texts, _CODE_BRACKET) if is_code(texts[k])]


def is_formula(text: str) -> bool:
    """Is the text a formula (`formula_parts`)? The cheap test first: an operator, or
    math markup opening."""
    return (
        FORMULA_OPERATOR.search(text) is not None or _MATH_OPENING.search(text) is not None
    ) and formula_parts(text) is not None


def is_notation(text: str) -> bool:
    """Is the text a formula or code ("O(n log n)", "O(VE)"), whose identity is the whole
    of it: one sign or operand makes two ("O(V + E)", "O(VE)")?"""
    return is_formula(text) or is_code(text)


def operators_kept(texts: Sequence[str]) -> list[int]:
    """The positions of the texts whose `fold` keeps operators (formulas with one), the
    others' being their words alone: their operators found in C, then each read."""
    return [k for k in found_in(texts, FORMULA_OPERATOR) if formula_parts(texts[k]) is not None]


def formulas_in(texts: Sequence[str]) -> list[int]:
    """The positions of the texts that are formulas (`is_formula`): those with an
    operator or math markup opening, found in C, then each read."""
    maybe = sorted({*found_in(texts, FORMULA_OPERATOR), *found_in(texts, _MATH_OPENING)})
    return [k for k in maybe if formula_parts(texts[k]) is not None]


def _between_operands(text: str, m: re.Match[str]) -> bool:
    """Is a spaced "-" or "/" a formula's: beside a bracket, or between two operands a
    formula writes (`_symbolic`: "EV - AC", not "Glue - ETL")?"""
    # A few words each side are all it reads (a long text's start is far away).
    before, after = text[max(0, m.start() - _NEAR) : m.start()], text[m.end() : m.end() + _NEAR]
    if before.rstrip().endswith(_BRACKETED) or after.lstrip().startswith(("(", "[", "{")):
        return True
    left, right = _LAST_WORD.search(before), _FIRST_WORD.match(after)
    return bool(left and right and _symbolic(left[1]) and _symbolic(right[1]))


def _symbolic(word: str) -> bool:
    """An operand a formula writes: a number, one letter, or an acronym ("EV", "Q3",
    "4M"; not "Glue")."""
    return len(word) == 1 or word.isdigit() or word.isupper()


def fold(text: str) -> str:
    """Comparison key: lower case, accents removed, punctuation to spaces, whitespace
    collapsed; a formula's operators kept, each a word (`formula_parts`)."""
    parts = formula_parts(text) if FORMULA_OPERATOR.search(text) else None
    if parts is None:
        return _fold_words(text)
    return " ".join(filter(None, (p if k % 2 else _operand(p) for k, p in enumerate(parts))))


def _operand(part: str) -> str:
    """A formula's operand folded, its minus sign kept ("10^-3" is not "10^3")."""
    folded = _fold_words(part)
    return f"- {folded}" if part[:1] in "-−" and folded else folded


def _fold_words(text: str) -> str:
    if text.isascii():
        # ASCII has no accents to remove, and there `casefold` is `lower`; spaces for the
        # non-word characters, then runs of them made one: `_NON_WORD.sub` and `strip`
        # below, in half the time (most of what `check` does on a large deck is folding).
        return " ".join(text.lower().translate(_ASCII_NON_WORD).split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # One space for each run of non-word characters, whitespace included: no run of
    # whitespace is left to collapse.
    return _NON_WORD.sub(" ", text.casefold()).strip()


def ascii_table(keep: Callable[[str], bool]) -> bytes:
    """A `bytes.translate` table for `translated_all`: capitals lowered, the characters
    `keep` accepts (and every non-ASCII byte, NUL: the separator) kept, any other made a
    space."""
    return bytes(
        c + 32 if 65 <= c <= 90 else c if c == 0 or c > 127 or keep(chr(c)) else 32
        for c in range(256)
    )


_BLANKS = re.compile("  +")
BULK_CHUNK = 20_000  # texts per joined string: small temporaries, few calls


def translated_all(
    texts: Sequence[str],
    table: bytes,
    one: Callable[[str], str],
    others: Callable[[list[str]], list[str]] | None = None,
    special: Callable[[Sequence[str]], list[int]] | None = None,
) -> list[str]:
    """`[one(text) for text in texts]`, where `one` of an ASCII text is the text's bytes
    mapped by `table` (`ascii_table`), runs of spaces made one, ends stripped. The ASCII
    texts are done a chunk at a time, joined by NUL, in C (one call per text was most of
    what a large deck's index and `check` did); the others by `others` (all of a chunk's
    at once) or `one`. A text that is its own result is given back itself: one string
    kept, not two. Chunks keep the temporaries small: a large deck's whole column joined
    took hundreds of megabytes, freshly mapped (and page-faulted) at each step. The
    texts at the positions `special` gives (of a chunk's) are done by `one` (formulas,
    `operators_kept`, whose `fold` keeps their operators)."""
    out: list[str] = []
    for start in range(0, len(texts), BULK_CHUNK):
        chunk = texts[start : start + BULK_CHUNK]
        plain = list(map(str.isascii, chunk))
        ascii_texts = list(itertools.compress(chunk, plain))
        joined = "\x00".join(ascii_texts)
        if joined.count("\x00") != len(ascii_texts) - 1:  # a text holds a NUL itself
            done = list(map(one, chunk))
        else:
            folded = joined.encode("ascii").translate(table).decode("ascii")
            bulk = map(str.strip, _BLANKS.sub(" ", folded).split("\x00"))
            if len(ascii_texts) == len(chunk):
                done = list(bulk)
            else:
                rest = [text for text, fast in zip(chunk, plain, strict=True) if not fast]
                rest_done = iter(others(rest) if others else map(one, rest))
                done = [next(bulk) if fast else next(rest_done) for fast in plain]
        if special is not None:
            for k in special(chunk):
                done[k] = one(chunk[k])
        for k in itertools.compress(range(len(chunk)), map(operator.eq, chunk, done)):
            done[k] = chunk[k]
        out.extend(done)
    return out


def found_in(texts: Sequence[str], pattern: re.Pattern[str]) -> list[int]:
    """The positions of the texts in which `pattern` is found (one that no NUL can
    complete), searched in BULK_CHUNK texts joined by NUL at a time: one call in C a
    chunk, most texts having none, and a small string at a time."""
    positions: list[int] = []
    for start in range(0, len(texts), BULK_CHUNK):
        chunk = texts[start : start + BULK_CHUNK]
        found = [m.start() for m in pattern.finditer("\x00".join(chunk))]
        if found:
            ends = list(itertools.accumulate(len(text) + 1 for text in chunk))
            positions += sorted({start + bisect.bisect_right(ends, at) for at in found})
    return positions


# Symbols `fold` drops that tell names apart ("C", "C++", "C#").
TERM_SYMBOLS = "+#*&@%$"
# Signs of a code's name ("\\d", "[^abc]", "(?:abc)", "a|b", "O(n^2)", "n!").
_CODE_SIGN = re.compile(r"[\\()\[\]{}<>^|~=?!:]")
_ESCAPED = re.compile(r"(\\.)")  # an escaped character, kept as written
TERM_SYMBOL = re.compile(f"[{re.escape(TERM_SYMBOLS)}]")
_SIGN = re.compile(f"{_CODE_SIGN.pattern}|{TERM_SYMBOL.pattern}")


def term_symbols(name: str) -> str:
    """The TERM_SYMBOLS a name writes, in order ("C++": "++")."""
    return "".join(TERM_SYMBOL.findall(name))


def name_signs(name: str) -> str:
    """What `fold` drops of a name that still tells it from another: its TERM_SYMBOLS
    ("C", "C++", "C#"), or, for a code's name (no space, one of `_CODE_SIGN` and a letter
    or digit), all of it, case folded but for an escaped letter ("\\d" and
    "\\D", "(abc)" and "[abc]", "(?:abc)" and "(?=abc)" are two names)."""
    if _SIGN.search(name) is None:  # most names and texts: one search in C
        return ""
    name = name.strip()
    if " " not in name and _CODE_SIGN.search(name) and any(map(str.isalnum, name)):
        return "".join(p if p[:1] == "\\" else p.casefold() for p in _ESCAPED.split(name))
    return term_symbols(name)


def compact(text: str) -> str:
    """`fold` without spaces, so "word2vec", "Word 2 Vec" and "word-2-vec" compare equal."""
    return fold(text).replace(" ", "")


def slugify(text: str, fallback: str = "card") -> str:
    """A card, topic or deck id from free text: lower-case ASCII words joined by hyphens.

    Only text whose letters are all non-Latin (Cyrillic, Greek, CJK…) is transliterated
    with anyascii first ("Животные" → `zhivotnye`): it used to lose every letter and
    become `fallback` or bare digits. Any other text keeps the slug it always had (accents
    folded, other characters dropped), since the history stores card ids.
    """
    slug = _ascii_slug(text)
    if not text.isascii() and not _LETTER.search(slug) and _only_non_latin_letters(text):
        from anyascii import anyascii  # only non-Latin text pays for the import

        slug = _ascii_slug(anyascii(text))
    return slug or fallback


_LETTER = re.compile(r"[a-z]")


def _ascii_slug(text: str) -> str:
    return _slug_of(_slug_words(text))


def _slug_of(words: str) -> str:
    """The id of slug words (one space between them): hyphens, at most 60 characters."""
    return words.replace(" ", "-")[:60].strip("-")


def slugify_all(texts: Sequence[str], fallback: str = "card") -> list[str]:
    """`[slugify(text, fallback) for text in texts]`, the ASCII texts' words found a chunk
    at a time in C (`translated_all`): a call per text was a fifth of importing a large
    deck."""
    out: list[str] = []
    for text, words in zip(texts, translated_all(texts, _SLUG_TABLE, _slug_words), strict=True):
        slug = _slug_of(words)
        if not text.isascii() and not _LETTER.search(slug):
            slug = slugify(text, fallback)  # maybe transliterated: the rare path
        out.append(slug or fallback)
    return out


# An ASCII text's slug words: letters (lowered) and digits kept, any other character a
# space: what `fold` and `_ascii_slug` leave of it.
_SLUG_TABLE = ascii_table(lambda ch: ch.isalnum())


def _slug_words(text: str) -> str:
    """A text's slug words, one space between them: folded, ASCII letters and digits."""
    slug = fold(text).replace("_", " ")
    return " ".join(re.sub(r"[^a-z0-9 ]+", "", slug.encode("ascii", "ignore").decode()).split())


def _only_non_latin_letters(text: str) -> bool:
    # "ø" or "æ" fold to no ASCII letter, and "√2" has none at all: their ids stay as
    # they were, so only names written in another script change. Every letter of the
    # Latin blocks counts as Latin, also the few not named so ("µ", MICRO SIGN).
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and not any(_is_latin(ch) for ch in letters)


def _is_latin(letter: str) -> bool:
    return letter <= "\u024f" or "LATIN" in unicodedata.name(letter, "")


# A Roman numeral of I, V and X (1 to 39): "Phase III", "iron(II)", "Type II error".
ROMAN_NUMERAL = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
_ROMAN_NUMERAL = re.compile(ROMAN_NUMERAL)


def gives_a_name(text: str, start: int, inner: str) -> bool:
    """Does the parenthesis opening at `start` of `text`, holding `inner`, give another
    name of the thing? Written after a space it does ("Support Vector Machines (SVM)");
    glued to the word before it, it is notation and part of the name ("f(x)",
    "dict.get(k, d)", "O(n log n)"), unless it holds an abbreviation written without the
    space ("Support Vector Machines(SVM)": two capitals or more, no other signs), which a
    Roman numeral is not ("iron(II) ion": an oxidation state; after a space, "(IV)" or
    "(CI)" may well be an abbreviation)."""
    if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_])"):
        return True
    bare = inner.strip().replace("-", "")
    return (
        bare.isalnum()
        and sum(ch.isupper() for ch in bare) >= 2
        and not _ROMAN_NUMERAL.fullmatch(bare)
    )


# A reading says how a name written in Han characters sounds: in a script that spells
# sounds only (kana, hangul, bopomofo) or in pinyin with its tones, marked or numbered.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_SOUND_LETTER = re.compile(
    "[\u1100-\u11ff\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31bf"
    "\u31f0-\u31ff\uac00-\ud7af\uff66-\uff9f]"
)
_TONE_MARK = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛ]")
_TONE_NUMBERS = re.compile(r"(?:[a-zü]{1,6}[1-6][\s'-]*)+")


def is_reading(name: str, other: str) -> bool:
    """Does `other`, written in parentheses with `name`, say how `name` is read ("你好 (nǐ
    hǎo)", "橋 (はし)", "學校 (학교)", "谢谢 (xie4 xie5)") rather than give it another name?
    Many words share a reading (他 and 她 are both "tā"), so unlike an alias a reading
    never makes two cards one. Pinyin without its tones, romaji or an English word after
    Han characters could be a name as well ("机器学习 (machine learning)"), so they stay
    aliases: two cards sharing one are kept apart, the safe side."""
    if not _HAN.search(name) or _HAN.search(other):
        return False
    letters = [ch for ch in other if ch.isalpha()]
    if not letters:
        return False
    if all(map(_SOUND_LETTER.match, letters)):
        return True
    if not all(map(_is_latin, letters)):
        return False
    return _TONE_MARK.search(other) is not None or _TONE_NUMBERS.fullmatch(other) is not None


def split_aliases(term: str) -> tuple[str, tuple[str, ...]]:
    """Split a term into itself and its aliases: "LDA (x)" gives ("LDA (x)", ("LDA", "x")).

    The term itself is kept as written; the aliases are the spellings inside and outside
    the final parenthesis, so either one counts as the same card ("SVM (Support Vector
    Machines)" gives both "SVM" and "Support Vector Machines"), when it gives a name
    (`gives_a_name`: "dict.get(k, d)" has no alias "k, d"). A reading is no alias
    (`is_reading`: "他 (tā)" answers to "他" only).
    """
    term = term.strip()
    outer, inner, reading = final_parenthesis(term)
    aliases = tuple(a for a in (outer, inner) if a and a != reading and fold(a) != fold(term))
    return term, tuple(dict.fromkeys(aliases))


def final_reading(term: str) -> str:
    """The reading a term's final parenthesis gives ("他 (tā)": "tā"; `is_reading`), or "".
    Listed as an alias by hand (or by an older import), it is none either."""
    return final_parenthesis(term.strip())[2]


def final_parenthesis(term: str) -> tuple[str, str, str]:
    """(the term outside its final parenthesis, inside it, the reading of the two), when
    the parenthesis gives a name (`gives_a_name`); empty strings when not."""
    match = FINAL_PARENTHESIS.match(term) if "(" in term else None  # most terms: skip the regex
    if not match or not gives_a_name(term, match.start("inner") - 1, match["inner"]):
        return "", "", ""
    outer, inner = match["outer"].strip(), match["inner"].strip()
    return outer, inner, reading_between(outer, inner)


def reading_between(name: str, inner: str) -> str:
    """Which of a name and the text in its parentheses says how the other is read
    (`is_reading`: "他 (tā)" → "tā", "tā (他)" → "tā"), or ""."""
    if is_reading(name, inner):
        return inner
    if is_reading(inner, name):
        return name
    return ""


def named_in_sentence(label: str) -> str:
    """A card's label inside a sentence: a name as it is, a question in quotes ("you took
    “What is a CDN used for?” for “What does DNS do?” once")."""
    return f"“{label}”" if looks_like_question(label) else label


def looks_like_question(term: str) -> bool:
    """True when a card's front is a question ("Can you attach …?", "How to update …"),
    or a sentence with a blank to fill ("The powerhouse of the cell is the ____.")."""
    stripped = term.strip()
    if not any(map(str.isalnum, stripped)):
        return False  # signs alone: the operator "??", no question
    if stripped.endswith(QUESTION_MARKS) or WRITTEN_BLANK in stripped:
        return True
    if len(stripped.split()) < 4:
        return False
    return fold(stripped).split(" ", 1)[0] in QUESTION_WORDS
