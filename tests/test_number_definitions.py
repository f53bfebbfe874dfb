"""Definitions of numbers alone: "22" (SSH) is said by "22 (over SSH)" (SFTP) as well, so
"Which term matches 22?" has two right answers if both are offered. Numbers have no word
stems, so the stem rules never saw it: `wording.numbers_within` decides it, once, for the
generator (never offered together) and `check` (a `definition-overlap` warning)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.decks import load_deck, overlap
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.wording import numbers_within
from exam_sim.models import Deck, Direction, make_card

NUMBERS = Path(__file__).parent / "data" / "network-numbers.csv"


def test_numbers_within_examples() -> None:
    empty: frozenset[str] = frozenset()
    assert numbers_within("22", empty, "22 over ssh", frozenset({"ssh"}))
    assert numbers_within("22 over ssh", frozenset({"ssh"}), "22", empty)  # either way
    assert numbers_within("5061", empty, "5060 5061", empty)
    assert not numbers_within("80", empty, "8080", empty)  # a number, not its digits
    assert numbers_within("20 21", empty, "20", empty)  # FTP's ports, FTP data's port
    assert not numbers_within("443", empty, "80", empty)
    # A sentence that mentions the number says more than it (and at a million cards,
    # pairing "35" with every sentence saying 35 took 8 GB).
    long = frozenset({"default", "port", "ssh", "server"})
    assert not numbers_within("22", empty, "the default port of an ssh server is 22", long)
    # Both say words: the stem rules decide, not this one.
    assert not numbers_within("layer 2", frozenset({"layer"}), "2 layer", frozenset({"layer"}))


def test_the_generator_never_offers_two_cards_one_number_answers() -> None:
    deck = load_deck(NUMBERS)
    generator = QuestionGenerator(deck)
    ssh, sftp = (next(c for c in deck.cards if c.term == t) for t in ("SSH", "SFTP"))
    for seed in range(30):
        asked = generator.question(ssh.id, Direction.DEFINITION_TO_TERM, seed=seed)
        assert "SFTP" not in asked.options
        asked = generator.question(sftp.id, Direction.TERM_TO_DEFINITION, seed=seed)
        assert "22" not in asked.options


def test_check_warns_of_them_and_names_the_bare_number_first(tmp_path: Path) -> None:
    path = tmp_path / "ports.csv"
    path.write_text(
        "term,definition\nSIP,5060/5061\nSIPS,5061\nSSH,22\nSFTP,22 (over SSH)\nHTTP,80\n"
        "HTTPS,443\nFTP,20 and 21\nFTP data,20\nTelnet,23\n",
        encoding="utf-8",
    )
    report = check_deck(load_deck(path))
    overlaps = [f for f in report if f.code == "definition-overlap"]
    assert [f.card_ids for f in overlaps] == [("sips", "sip"), ("ssh", "sftp"), ("ftp-data", "ftp")]
    assert overlaps[0].message.startswith(
        "the definition of 'SIPS' (line 3) overlaps that of 'SIP'"
    )


NAMES = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India"]
numbers = st.integers(1, 30).map(str)
definitions = st.one_of(
    numbers,
    st.tuples(numbers, numbers).map("/".join),
    st.tuples(numbers, st.sampled_from(["over SSH", "secure", "and more"])).map(
        lambda pair: f"{pair[0]} ({pair[1]})"
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(definitions, min_size=5, max_size=9))
def test_check_and_the_generator_agree_on_numbers(said: list[str]) -> None:
    """Every pair `numbers_within` joins is found by check's search (of cards saying the
    same numbers alone, through the first) and kept apart by the generator; the pairs
    check reports are among them or among the stem overlaps."""
    cards = [make_card(name, text) for name, text in zip(NAMES, said, strict=False)]
    deck = Deck(id="numbers", title="Numbers", cards=tuple(cards))
    generator = QuestionGenerator(deck)
    index = generator.index
    expected = {
        (i, j)
        for i in range(index.n)
        for j in range(i + 1, index.n)
        if numbers_within(
            index.def_norm[i], index.def_stems(i), index.def_norm[j], index.def_stems(j)
        )
    }
    by_stems, by_numbers = overlap.overlaps(index)
    assert set(by_numbers) <= expected
    # Of cards saying the same numbers alone, the first stands for all (the others are its
    # duplicate-definition group); every other pair is found.
    texts = index.def_norm
    first = {}
    for k in range(index.n):
        first.setdefault(texts[k], k)
    for i, j in expected:
        if texts[i] != texts[j]:
            stood_for = {
                tuple(sorted((first[texts[b]], other)))
                for b, other in ((i, j), (j, i))
                if not index.def_stems(b)
            }
            assert stood_for & set(by_numbers), (texts[i], texts[j])
    assert all(index.same_thing(i, j) for i, j in expected)
    report = check_deck(deck)
    position = {card.id: n for n, card in enumerate(cards)}
    for finding in report:
        if finding.code == "definition-overlap":
            hub, *others = (position[c] for c in finding.card_ids)
            for other in others:
                pair = (min(hub, other), max(hub, other))
                assert pair in expected or pair in set(by_stems)
                assert index.same_thing(hub, other)
