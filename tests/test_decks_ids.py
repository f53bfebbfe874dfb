"""Ids made from names: readable for non-Latin text, unchanged for Latin text (the history
stores them), and distinct for distinct topics."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.decks import import_deck, parse_delimited, parse_plaintext
from exam_sim.decks.common import RawCard, TakenIds, build_deck, term_key, unique_id
from exam_sim.text import fold, slugify

ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def slugify_before_anyascii(text: str) -> str:
    """slugify as it was before transliteration: ids made with it must still come out."""
    slug = fold(text).replace("_", " ")
    slug = re.sub(r"[^a-z0-9 ]+", "", slug.encode("ascii", "ignore").decode())
    return "-".join(slug.split())[:60].strip("-") or "card"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Животные", "zhivotnye"),
        ("Растения и грибы", "rasteniya-i-griby"),
        ("Ζώα", "zoa"),
        ("Глава 1", "glava-1"),  # was "1"
        ("動物", "dongwu"),
        ("ディープラーニング", "deipuraningu"),
        # Latin text, or text with no letters at all, keeps the id it always had
        ("Amazon Augmented AI (A2I)", "amazon-augmented-ai-a2i"),
        ("Søren Kierkegaard", "sren-kierkegaard"),
        ("ø", "card"),
        ("µ", "card"),  # MICRO SIGN: in the Latin-1 block, though not named LATIN
        ("SQL-запрос", "sql"),
        ("√2", "2"),
        ("!!!", "card"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


SCRIPTS = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs", "M"),
)
LATIN = st.characters(min_codepoint=0x41, max_codepoint=0x24F, categories=("L",))


@settings(max_examples=300, deadline=None)
@given(text=st.text(SCRIPTS, max_size=30), latin=LATIN, at=st.integers(0, 30))
def test_ids_of_text_with_a_latin_letter_never_change(text: str, latin: str, at: int) -> None:
    """Card ids are stored in the history: any text with a Latin letter must keep its id."""
    text = text[:at] + latin + text[at:]
    assert slugify(text) == slugify_before_anyascii(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(SCRIPTS, max_size=40))
def test_slugs_are_ids(text: str) -> None:
    slug = slugify(text)
    assert ID.match(slug) and len(slug) <= 60


TOPIC_NAMES = st.lists(
    st.one_of(
        st.text(SCRIPTS, min_size=1, max_size=12),
        st.sampled_from(["Животные", "Растения", "動物", "植物", "Ζώα", "C", "C++", "C#", "c",
                         "AI Services", "ai-services", "Modeling", "???", "!!!", "1", "١"]),
    ).filter(str.strip),
    min_size=1,
    max_size=12,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(names=TOPIC_NAMES)
def test_distinct_topic_names_get_distinct_topic_ids(names: list[str]) -> None:
    raws = [RawCard(f"Term {i}", f"Definition {i}", i + 1, topic=n) for i, n in enumerate(names)]
    deck = build_deck(raws, file="t.csv")
    by_name = {raw.topic: card.topic for raw, card in zip(raws, deck.cards, strict=True)}
    assert all(topic_id and ID.match(topic_id) for topic_id in by_name.values())
    for a, id_a in by_name.items():
        for b, id_b in by_name.items():
            # names equal but for case, accents, spacing or punctuation are one topic
            assert (id_a == id_b) == (term_key(a.strip()) == term_key(b.strip())), (a, b)
    assert len({t.id for t in deck.topics}) == len(deck.topics)


def test_non_latin_topics_stay_apart() -> None:
    rows = [
        "Собака,Лает,Животные", "Кошка,Мяукает,Животные", "Роза,Цветёт,Растения",
        "Дуб,Растёт,Растения", "犬,吠える,動物", "C,A language,C", "C++,Another one,C++",
    ]  # fmt: skip
    deck = parse_delimited("\n".join(rows), file="ru.csv")
    assert [(t.id, t.name) for t in deck.topics] == [
        ("zhivotnye", "Животные"), ("rasteniya", "Растения"), ("dongwu", "動物"),
        ("c", "C"), ("c-2", "C++"),
    ]  # fmt: skip
    assert [c.id for c in deck.cards][:4] == ["sobaka", "koshka", "roza", "dub"]
    assert deck.cards[4].topic == "dongwu"


def test_titles_without_latin_letters_give_sensible_deck_ids(tmp_path: Path) -> None:
    cards = "\n".join(f"Термин {n}\nОпределение номер {n}" for n in range(4))
    assert parse_plaintext(f"Животные\n{cards}").id == "zhivotnye"  # title line, no file
    assert parse_plaintext(f"!!!\n{cards}").id == "deck"
    path = tmp_path / "карточки.txt"
    path.write_text(cards, encoding="utf-8")
    assert parse_plaintext(path.read_bytes(), file=str(path)).id == "kartochki"
    deck, target = import_deck(path, title="Биология 9 класс")
    assert deck.id == "biologiya-9-klass" and target.name == "biologiya-9-klass.toml"


@given(
    st.lists(
        st.text()
        | st.text(st.sampled_from(" _-aZ9éøЖ日√\x00.+"), max_size=70)
        | st.text(st.sampled_from("abcdefgh -"), min_size=55, max_size=90)
    )
)
def test_slugify_all_is_slugify_of_each(texts: list[str]) -> None:
    from exam_sim.text import slugify_all

    assert slugify_all(texts) == [slugify(text) for text in texts]
    assert slugify_all(texts, fallback="deck") == [slugify(t, fallback="deck") for t in texts]


@settings(deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Tea (T)", "What is x?", "x", "X", "ü", "  pad ", "a_b", "Ж"]),
            st.sampled_from(["A drink.", "d", "line\nline", 'say "hi"', "Yes"]),
            st.sampled_from([None, "Topic A", "topic a", "B"]),
            st.sampled_from([[], ["t1"], ["t1", "t2"]]),
            st.sampled_from([None, "id-1", "ID 2", "x"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_cards_built_a_column_at_a_time_are_those_built_one_by_one(
    rows: list[tuple[str, str, str | None, list[str], str | None]],
) -> None:
    """`build_deck` builds tagless cards with `plain_cards`; without it (each card by
    `make_card`) the deck is the same, ids and lines included."""
    import exam_sim.decks.common as common

    def raws() -> list[RawCard]:
        return [
            RawCard(term.strip(), definition, line=n + 1, topic=topic, tags=list(tags), id=i)
            for n, (term, definition, topic, tags, i) in enumerate(rows)
        ]

    fast = build_deck(raws(), file="deck.csv")
    real = common.plain_cards
    common.plain_cards = lambda *args: None  # type: ignore[assignment]
    try:
        slow = build_deck(raws(), file="deck.csv")
    finally:
        common.plain_cards = real
    assert fast.model_dump() == slow.model_dump()
    assert [card.line for card in fast.cards] == [card.line for card in slow.cards]


@given(
    st.lists(st.sampled_from(["a", "b", "a-2", "a-3", "a-2-2", "x" * 70, "x" * 69]), max_size=40)
)
def test_ids_numbered_on_from_the_last_are_the_ids_counted_from_the_start(
    bases: list[str],
) -> None:
    """`TakenIds` goes on from the last number a base was given (10,000 cards of one term
    took 20 s counting from -2 each); the ids are the same as counted from the start."""
    counted_from_start: set[str] = set()
    going_on = TakenIds()
    assert [unique_id(base, going_on) for base in bases] == [
        unique_id(base, counted_from_start) for base in bases
    ]


def test_ten_thousand_cards_of_one_term_get_numbered_ids() -> None:
    deck = parse_plaintext("a\nb\n" * 10_000, file="same.txt")
    assert [c.id for c in deck.cards[:3]] == ["a", "a-2", "a-3"]
    assert deck.cards[-1].id == "a-10000"
