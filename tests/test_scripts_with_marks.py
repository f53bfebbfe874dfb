"""Scripts whose words carry combining marks: Devanagari, Bengali, Tamil, Thai vowel signs,
Arabic and Hebrew vowel points. Python's `\\w` takes no mark, so these words were cut into
pieces ("परिभाषा" read as "पर", "भ", "ष"), which the generator and `check` then matched
against each other."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck, parse_delimited
from exam_sim.decks.bulk_text import fold_all
from exam_sim.decks.check import _names_word, check_deck
from exam_sim.lexicon import norm, words
from exam_sim.marks import MARKS, UNICODE_VERSION, mark_ranges
from exam_sim.text import fold

DATA = Path(__file__).parent / "data"


def _characters(ranges: str) -> set[str]:
    out: set[str] = set()
    at = 0
    while at < len(ranges):
        if at + 2 < len(ranges) and ranges[at + 1] == "-":
            out.update(map(chr, range(ord(ranges[at]), ord(ranges[at + 2]) + 1)))
            at += 3
        else:
            out.add(ranges[at])
            at += 1
    return out


def test_the_marks_table_is_unicodes() -> None:
    if unicodedata.unidata_version == UNICODE_VERSION:
        assert mark_ranges() == MARKS
    else:  # another Python's Unicode: every mark listed is still a mark
        assert all(unicodedata.category(ch)[0] == "M" for ch in _characters(MARKS))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("परिभाषा और अर्थ", ["परिभाषा", "और", "अर्थ"]),  # Hindi: vowel signs, virama
        ("শব্দের অর্থ", ["শব্দের", "অর্থ"]),  # Bengali
        ("தமிழ் மொழி", ["தமிழ்", "மொழி"]),  # Tamil
        ("مُصْطَلَح عربي", ["مصطلح", "عربي"]),  # Arabic: the vowel points fold away
        ("שָׁלוֹם עולם", ["שלום", "עולם"]),  # Hebrew: likewise
        ("Pérdida al CUADRADO", ["perdida", "al", "cuadrado"]),  # accents still fold away
    ],
)
def test_words_keep_their_marks(text: str, expected: list[str]) -> None:
    assert words(text) == expected
    assert norm(text) == " ".join(expected)
    assert len(fold(text).split()) == len(expected)  # the check's fold cuts no word either


def test_thai_is_read_a_letter_at_a_time() -> None:
    # Written without spaces between words, and no dictionary to cut them: every letter
    # is a token, vowel signs too, as kana and ideographs are (a name glued to the next
    # word is then found: docs/generator.md).
    text = "การเรียนรู้ ของเครื่อง"
    assert words(text) == [ch for ch in text if not ch.isspace()]


# A Devanagari word: a letter, then letters, vowel signs and viramas.
_LETTERS = "कखगघचजटडतदनपबमयरलवशसह"
_SIGNS = "ािीुूेैोौंः्"
_WORD = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(_LETTERS),
    st.text(alphabet=_LETTERS + _SIGNS, max_size=6),
)


@given(st.lists(_WORD, min_size=1, max_size=6))
def test_a_word_with_vowel_signs_is_one_word(parts: list[str]) -> None:
    text = " ".join(parts)
    assert len(words(text)) == len(parts)
    assert len(fold(text).split()) == len(parts)
    assert fold_all([text]) == [fold(text)]


def test_a_name_inside_a_longer_word_is_not_named() -> None:
    # "पर" is the start of "परिभाषा" ("definition"), not the word "पर" ("on").
    assert not _names_word(fold("परिभाषा देखें"), fold("पर"))
    assert _names_word(fold("मेज़ पर रखा"), fold("पर"))


def test_a_hindi_glossary_reads_and_checks_cleanly() -> None:
    deck = load_deck(DATA / "hi-ml-glossary.csv")
    assert len(deck.cards) == 14  # its header "शब्द,परिभाषा" is a header
    # Read in pieces, two definitions sharing the fragment words were called overlapping.
    kinds = {f.code for f in check_deck(deck)}
    assert kinds == {"no-topics"}


@pytest.mark.parametrize(
    "header",
    ["термин,определение", "المصطلح,التعريف", "用語,意味", "术语,定义", "용어,정의",
     "Begriff,Rückseite", "Słowo,Tłumaczenie", "Terim,Tanım", "Woord,Betekenis"],
)  # fmt: skip
def test_header_names_in_many_languages(header: str) -> None:
    deck = parse_delimited(f"{header}\nA,Alpha letter\nB,Beta letter\n", file="h.csv")
    assert [c.term for c in deck.cards] == ["A", "B"]
