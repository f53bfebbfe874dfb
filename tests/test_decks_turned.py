"""Cards written the other way round, a description before the name it describes, in a
file that does not say which side is the term: before, every question said the opposite
of what it showed ("Which description matches this term?" above a description, names
as options)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks.delimited import parse_delimited
from exam_sim.decks.json_deck import parse_json
from exam_sim.decks.loader import load_deck
from exam_sim.decks.obsidian import parse_obsidian
from exam_sim.decks.turned import turned_cards
from exam_sim.generator import QuestionGenerator
from exam_sim.models import Direction
from tests.support.anki_package import write_package

ROWS = [
    ("Service type that exposes a service on a port of every node", "NodePort"),
    ("Service type reachable only inside the cluster", "ClusterIP"),
    ("Service type that asks the cloud provider for a load balancer", "LoadBalancer"),
    ("Object that routes HTTP traffic to services by host and path", "Ingress"),
    ("Object that limits which pods can talk to which", "NetworkPolicy"),
    ("Object that keeps a set number of identical pods running", "ReplicaSet"),
]
CSV = "".join(f"{front},{back}\n" for front, back in ROWS)


def test_a_file_of_descriptions_before_names_is_read_the_other_way_round() -> None:
    deck = parse_delimited(CSV, file="k8s.csv")
    assert [c.term for c in deck.cards] == [back for _, back in ROWS]
    assert deck.cards[0].definition == ROWS[0][0]
    assert deck.notes == ("all 6 cards turned round: each gave a description before the name "
                          "it describes",)  # fmt: skip
    question = QuestionGenerator(deck).question(
        deck.cards[1].id, Direction.DEFINITION_TO_TERM, seed=0
    )
    assert question.direction is Direction.DEFINITION_TO_TERM  # "Which term matches …?"
    assert question.stem.startswith("Service type reachable only inside")
    assert "ClusterIP" in question.options


def test_a_header_naming_the_terms_keeps_the_cards_as_written() -> None:
    deck = parse_delimited("Term,Definition\n" + CSV, file="k8s.csv")
    assert deck.cards[0].term == ROWS[0][0] and not deck.notes[1:]
    # "Front" says which side is shown first, not which is the term
    deck = parse_delimited("Front,Back\n" + CSV, file="k8s.csv")
    assert deck.cards[0].term == "NodePort"


def test_a_few_long_terms_among_names_before_descriptions_stay_as_written() -> None:
    rows = [
        ("der Aal, -e", "eel, a long thin fish of rivers and the sea"),
        ("der Abend, -e", "evening, the end of the day before night falls"),
        ("der Abt, die Äbte (Pl.)", "abbot"),
        ("der Agent Provocateur, die Agents Provocateurs (Pl.)", "agent provocateur"),
        ("der Affe, -n", "ape or monkey, a primate of the forest and the zoo"),
    ]  # fmt: skip
    deck = parse_delimited("".join(f"{a}\t{b}\n" for a, b in rows), file="de.tsv")
    assert [c.term for c in deck.cards] == [a for a, _ in rows]
    # and one such card alone is no habit of the file's
    deck = parse_delimited(CSV.split("\n")[0] + "\nS3,Object storage\n", file="one.csv")
    assert deck.cards[0].term == ROWS[0][0]


def test_questions_stay_questions_in_a_note_that_turns_its_descriptions() -> None:
    note = "#flashcards\n\nWhat object runs one pod on every node?::DaemonSet\n" + "".join(
        f"{front}::{back}\n" for front, back in ROWS[:3]
    )
    deck = parse_obsidian(note, file="k8s.md")
    assert [c.term for c in deck.cards] == [
        "What object runs one pod on every node?", "NodePort", "ClusterIP", "LoadBalancer",
    ]  # fmt: skip
    assert deck.notes[-1] == (
        "3 cards turned round: each gave a description before the name it describes (lines 4, 5, 6)"
    )


def test_an_anki_package_of_front_and_back_notes_is_turned_a_note_at_a_time(
    tmp_path: Path,
) -> None:
    notes = [("K8s", [front, back], "") for front, back in ROWS]
    deck = load_deck(write_package(tmp_path / "k8s.apkg", notes))
    assert [c.term for c in deck.cards] == [back for _, back in ROWS]
    named = load_deck(write_package(tmp_path / "named.apkg", notes, fields=("Term", "Meaning")))
    assert named.cards[0].term == ROWS[0][0]


def test_json_cards_of_fronts_and_backs_are_turned_and_of_terms_are_not() -> None:
    fronts = json.dumps([{"front": front, "back": back} for front, back in ROWS])
    assert parse_json(fronts, file="k8s.json").cards[0].term == "NodePort"
    terms = json.dumps([{"term": front, "definition": back} for front, back in ROWS])
    assert parse_json(terms, file="k8s.json").cards[0].term == ROWS[0][0]


_SIDE = st.lists(st.sampled_from(["a", "bb", "node", "the", "of", "X1"]), min_size=1, max_size=9)


@given(st.lists(st.tuples(_SIDE, _SIDE), max_size=30))
def test_turning_is_a_swap_that_leaves_nothing_to_turn(cards: list[tuple[list[str], ...]]) -> None:
    terms = [" ".join(front) for front, _ in cards]
    definitions = [" ".join(back) for _, back in cards]
    turned = set(turned_cards(terms, definitions))
    after_terms = [definitions[at] if at in turned else t for at, t in enumerate(terms)]
    after_definitions = [terms[at] if at in turned else d for at, d in enumerate(definitions)]
    for at in turned:  # a name after a description, each time
        assert len(terms[at].split()) > len(definitions[at].split())
    assert turned_cards(after_terms, after_definitions) == []
