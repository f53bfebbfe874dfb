"""A very large deck's compact index columns: definitions normalised when asked
(`columns.NormColumn`), ids found by bisection (`columns.SortedPositions`), word postings
built a chunk at a time (`columns.word_postings`), each the same as the plain form, so the
same questions and the same `check` findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import exam_sim.generator.columns as columns_module
import exam_sim.generator.index as index_module
import exam_sim.generator.index_cache as index_cache
from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import GeneratorError, QuestionGenerator
from exam_sim.generator.columns import (
    NormColumn,
    PackedNorms,
    SortedPositions,
    common_words,
    word_postings,
)
from exam_sim.lexicon import norm_all, singular

DATA = Path(__file__).parent / "data"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("aZ é,.-\n\x00データ_Q"), max_size=12), max_size=9),
    st.integers(1, 4),
    st.integers(1, 3),
)
def test_a_column_gives_norm_alls_strings(texts: list[str], chunk: int, kept: int) -> None:
    column = NormColumn(texts, chunk=chunk, kept=kept)
    expected = norm_all(texts)
    assert len(column) == len(expected)
    assert list(column) == expected
    assert [column[i] for i in range(len(texts))] == expected
    assert [column[i] for i in reversed(range(len(texts)))] == expected[::-1]
    assert column[1:3] == expected[1:3]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("aZ é,.-\n\x00データ_Q"), max_size=12), max_size=9),
    st.integers(1, 4),
    st.data(),
)
def test_packed_norms_give_norm_alls_strings(
    texts: list[str], chunk: int, data: st.DataObject
) -> None:
    packed = PackedNorms(texts, chunk=chunk)
    expected = norm_all(texts)
    assert len(packed) == len(expected)
    assert list(packed) == expected
    assert [packed[i] for i in range(-len(texts), len(texts))] == expected * 2
    assert [text for _, part in packed.chunks(chunk) for text in part] == expected
    step = data.draw(st.sampled_from([1, 2, 3, -1, -2]))
    start, stop = data.draw(st.integers(-10, 10)), data.draw(st.integers(-10, 10) | st.none())
    assert packed[start:stop:step] == expected[start:stop:step]  # a run: one cut, split
    positions = data.draw(st.lists(st.integers(0, max(len(texts) - 1, 0)), max_size=5))
    if texts:
        assert packed.pick(positions) == [expected[i] for i in positions]
    with pytest.raises(IndexError):
        packed[len(texts)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab-09é", max_size=5), unique=True, max_size=30))
def test_sorted_positions_map_ids_as_a_dict_does(ids: list[str]) -> None:
    expected = {card_id: n for n, card_id in enumerate(ids)}
    positions = SortedPositions(ids)
    assert len(positions) == len(expected)
    assert list(positions) == list(expected)  # in the deck's order
    assert {card_id: positions[card_id] for card_id in ids} == expected
    for missing in ("", "zz", "a" * 6, *(card_id + "x" for card_id in ids)):
        if missing not in expected:
            assert missing not in positions
            assert positions.get(missing) is None
            with pytest.raises(KeyError):
                positions[missing]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["ab", "abc", "abd", "the", "x", "xy"]), max_size=4), max_size=40
    ),
    st.integers(0, 6),
    st.integers(1, 4),
    st.integers(1, 3),
)
def test_word_postings_keep_each_rare_keys_texts(
    texts: list[list[str]], cap: int, chunk: int, chunks_to_drop: int
) -> None:
    joined = [" ".join(words) for words in texts]
    expected: dict[str, list[int]] = {}
    for n, words in enumerate(texts):
        for key in dict.fromkeys(w[:2] for w in words if w != "the"):
            expected.setdefault(key, []).append(n)
    expected = {key: found for key, found in expected.items() if len(found) <= cap}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(columns_module, "_CHUNK", chunk)
        patch.setattr(columns_module, "_CHUNKS_TO_DROP", chunks_to_drop)
        built = word_postings(joined, frozenset({"the"}), 2, cap)
    assert {key: list(found) for key, found in built.items()} == expected


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                ["model", "models", "glass", "glasses", "glas", "bus", "buses", "gas", "gases",
                 "1990", "1990s", "class", "classes", "classe", "s", "es"]
            ),
            max_size=4,
        ),
        max_size=9,
    ),
    st.integers(0, 3),
)  # fmt: skip
def test_common_words_count_each_text_once_per_folded_word(
    texts: list[list[str]], more_than: int
) -> None:
    folded_texts = [{singular(word) for word in words} for words in texts]
    expected = {
        word
        for word in set().union(*folded_texts)
        if sum(word in folded for folded in folded_texts) > more_than
    }
    assert common_words([" ".join(words) for words in texts], more_than) == expected


def _questions(deck_file: str) -> tuple[list[str], list[object]]:
    """Questions on the deck's first 40 cards, and `check`'s findings."""
    deck = load_deck(DATA / deck_file)
    index_cache._INDEX_CACHE.clear()
    generator = QuestionGenerator(deck)
    questions = []
    for card in deck.cards[:40]:
        for direction in generator.directions_for(card.id):
            for seed in (0, 1):
                try:
                    questions.append(repr(generator.question(card.id, direction, seed=seed)))
                except GeneratorError as error:  # the same refusal, both ways
                    questions.append(str(error))
    index_cache._INDEX_CACHE.clear()
    return questions, list(check_deck(deck))


@pytest.mark.parametrize(
    "deck_file",
    ["google-ml-glossary-es.csv", "seed-aws-ml-specialty.txt", "ja-jlpt-n5-vocabulary.csv"],
)
def test_compact_columns_give_the_same_questions_and_findings(
    deck_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "FULL_SCAN_LIMIT", 0)  # the large-deck paths
    kept = _questions(deck_file)
    monkeypatch.setattr(index_module, "COMPACT_ABOVE", 0)
    index_cache._INDEX_CACHE.clear()
    compact = index_module.DeckIndex(load_deck(DATA / deck_file))
    assert isinstance(compact.def_norm, NormColumn)
    assert isinstance(compact.term_norm, PackedNorms)
    assert isinstance(compact.position, SortedPositions)
    assert _questions(deck_file) == kept


def test_check_leaves_the_word_postings_to_the_first_generator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`check` reads no word postings: it does not build them (8 s at 1M cards); the first
    generator on the deck does, once, and asks the same questions as an index built whole."""
    monkeypatch.setattr(index_module, "FULL_SCAN_LIMIT", 0)  # the large-deck paths
    index_cache._INDEX_CACHE.clear()
    deck = load_deck(DATA / "google-ml-glossary-es.csv")
    check_deck(deck)
    index = index_cache.index_for(deck)
    assert index.large and not index.def_postings and not index.term_postings
    generator = QuestionGenerator(deck)
    assert generator.index is index and index.def_postings and index.term_postings
    postings = index.def_postings
    QuestionGenerator(deck)
    assert index.def_postings is postings  # built once
    asked = [generator.question(card.id, *generator.directions_for(card.id)[:1], seed=1)
             for card in deck.cards[:20] if generator.directions_for(card.id)]  # fmt: skip
    index_cache._INDEX_CACHE.clear()
    whole = QuestionGenerator(deck)  # a fresh index, its postings built at once
    assert whole.index is not index
    assert asked == [whole.question(q.card_id, q.direction, seed=1) for q in asked]
