"""`decks.bulk_text` folds, compacts and keys a whole column at once: each result is the
one the per-text rule (`fold`, `compact`, `term_key`, `comparison_parts`) gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import exam_sim.text as text_module
from exam_sim.decks.bulk_text import (
    compact_all,
    comparison_parts_of,
    cross_references,
    fold_all,
    term_keys,
)
from exam_sim.decks.common import term_key
from exam_sim.lexicon import (
    CROSS_REFERENCE_PHRASES,
    comparison_parts,
    cross_reference_target,
    norm_all,
)
from exam_sim.text import compact, fold

# Texts near the rules' edges: separators of the bulk fold, runs of spaces and
# punctuation, the symbols term keys keep, comparison words, accents, other scripts.
_PIECES = st.sampled_from(
    ["a", "B", " ", "  ", "\t", "\n", "\x00", "\x1c", ",", ", ", "-", "_", "C++", "C#", "%",
     " vs ", " vs. ", "/", " / ", " and ", "&", " & ", "+", "é", "Ü", "ß", "İ", "ǰ", "ガ",
     "語", "\u00a0", "\u3000", "x1", "²", "Word2Vec", "versus", " compared to ", ".", "See",
     "SEE ", "Véase ", "Cf. ", "also known as ", "The same as ", "seen", "Aka", "\x1c ",
     "\u0301", "e\u0301", "ſ", " VS ", " Versus ", " COMPARED TO ", " v.s ", " frente a ",
     "\u00a0vs\u00a0", " AND ", "\tversuſ\n",
     "ΑΣ", "ς", "ﬁ", "①", "\u0345", "한", "\u212b", "\u200b", "…", "’",
     "परिभाषा", "ि", "्", "เรียนรู้", "مُصْطَلَح", "\u20dd",
     "EV", " - ", " − ", "^", "×", " × ", "(", ")", "1", " = ", "=", "\\(", "\\frac"]
)  # fmt: skip
_TEXT = st.one_of(st.lists(_PIECES, max_size=6).map("".join), st.text(max_size=8))
_ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_TEXT, _ASCII), max_size=8), st.integers(1, 4))
def test_a_column_folds_as_each_text_does(texts: list[str], chunk: int) -> None:
    saved = text_module.BULK_CHUNK
    text_module.BULK_CHUNK = chunk  # texts folded in bulk that many at a time
    try:
        folded = fold_all(texts)
    finally:
        text_module.BULK_CHUNK = saved
    # From the generator's normalised texts (`norm`), as `check` folds a deck's columns.
    assert fold_all(texts, norm_all(texts)) == folded
    assert folded == [fold(text) for text in texts]
    assert compact_all(folded) == [compact(text) for text in folded]
    keys, expected = term_keys(texts, folded), [term_key(text, fold(text)) for text in texts]
    assert [[a == b for b in keys] for a in keys] == [[a == b for b in expected] for a in expected]
    assert comparison_parts_of(texts) == _sides(texts)
    referring = {i for i, text in enumerate(texts) if cross_reference_target(text) is not None}
    assert cross_references(texts) == referring


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CROSS_REFERENCE_PHRASES), _TEXT, _TEXT, st.booleans())
def test_every_cross_reference_is_found(phrase: str, before: str, after: str, up: bool) -> None:
    text = before[:2] + (phrase.upper() if up else phrase.capitalize()) + " " + after
    found = cross_references([text])
    assert found == ({0} if cross_reference_target(text) is not None else set())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Alpha", "CPU", "k-means", "Über", "データ"]),
            st.sampled_from([" vs ", " VS. ", " v.s. ", " Versus ", " versuſ ", " COMPARED TO ",
                             " compared with ", " frente a ", " And ", " & ", " + ", "/", " / ",
                             "\u00a0vs\u00a0", " vs", " andy ", "-vs-", " "]),
            st.sampled_from(["Beta", "GPU", "DBSCAN", "Lösung", "学習"]),
        ).map("".join),
        max_size=6,
    )
)  # fmt: skip
def test_comparison_terms_are_found_in_bulk(terms: list[str]) -> None:
    """Whatever the case and spacing of the comparison word, the bulk prefilter finds
    every term the lexicon's pattern splits."""
    assert comparison_parts_of(terms) == _sides(terms)


def _sides(terms: list[str]) -> dict[int, tuple[str, ...]]:
    return {i: parts for i, term in enumerate(terms) if (parts := comparison_parts(term))}


def test_an_ascii_column_is_folded_in_one_piece() -> None:
    texts = ["Hello,  World!", "", " ", "C++ (x)", "a\tb\nc", "Word2Vec - v2", "a-_b"]
    assert fold_all(texts) == ["hello world", "", "", "c x", "a b c", "word2vec v2", "a _b"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", ",", '"', "\n", "\r", "\r\n", "\t", "é", ""]), max_size=12))
def test_text_lines_are_the_lines_stringio_gives_the_csv_reader(pieces: list[str]) -> None:
    import csv
    import io

    from exam_sim.decks.csv_records import text_lines

    text = "".join(pieces)
    assert list(text_lines(text)) == list(io.StringIO(text, newline=""))
    rows = list(csv.reader(text_lines(text), strict=False))
    assert rows == list(csv.reader(io.StringIO(text, newline=""), strict=False))
