"""The seed format: optional title line, then term and definition on alternating lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exam_sim.decks import parse_plaintext, read_plaintext
from exam_sim.models import CardKind, DeckError

SEED = Path(__file__).parent / "data" / "seed-aws-ml-specialty.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()


def test_seed_has_a_title_and_55_cards() -> None:
    deck = read_plaintext(SEED)
    assert deck.title == "AWS ML Specialty"
    assert deck.id == "seed-aws-ml-specialty"  # from the file name
    assert len(deck.cards) == 55
    first = deck.cards[0]
    assert first.term == "Image classification/Object detection"
    assert first.definition.startswith("Determine if an object exists")
    assert first.line == 2
    assert deck.cards[-1].term == "AWS Panorama" and deck.cards[-1].line == 110
    ebs = next(c for c in deck.cards if c.term.startswith("Can you attach"))
    assert ebs.kind is CardKind.QUESTION and ebs.definition == "No"
    svm = next(c for c in deck.cards if c.term.startswith("SVM"))
    assert svm.aliases == ("SVM", "Support Vector Machines")
    assert len({c.id for c in deck.cards}) == 55


def test_even_line_count_means_no_title() -> None:
    deck = parse_plaintext("\n".join(SEED_LINES[1:]), file="cards.txt")
    assert len(deck.cards) == 55
    assert deck.title == "Cards"  # from the file name, made readable
    assert deck.cards[0].line == 1


def test_blank_lines_crlf_and_bom_are_ignored() -> None:
    text = "\ufeffMy deck\r\n\r\nTerm A\r\nDefinition of A\r\n\r\n\r\nTerm B\r\nDefinition of B\r\n"
    deck = parse_plaintext(text.encode("utf-8"), file="x.txt")
    assert deck.title == "My deck"
    assert [(c.term, c.definition, c.line) for c in deck.cards] == [
        ("Term A", "Definition of A", 3),
        ("Term B", "Definition of B", 7),
    ]


def test_last_term_without_definition_is_named() -> None:
    with pytest.raises(DeckError) as caught:
        parse_plaintext("\n".join(SEED_LINES[1:-1]), file="deck.txt")
    # lengths read "a title, then cards written description first" as well: said too
    assert str(caught.value) == (
        "deck.txt, line 109: odd number of lines: term 'AWS Panorama' on line 109 has no "
        "definition; or line 1 is a title and every card gives its description before its "
        "name: then write each name first."
    )


def test_lost_definition_in_the_middle_is_found() -> None:
    lines = SEED_LINES[1:]
    del lines[21]  # the definition of "Hyperbolic Tangent (tanh)" (file line 23)
    with pytest.raises(DeckError) as caught:
        parse_plaintext("\n".join(lines), file="deck.txt")
    assert caught.value.line == 21
    assert "term 'Hyperbolic Tangent (tanh)' on line 21 has no definition" in str(caught.value)


def test_lost_term_after_a_title_is_found() -> None:
    lines = list(SEED_LINES)
    del lines[21]  # the term "Hyperbolic Tangent (tanh)": the title stays, the count is even
    with pytest.raises(DeckError) as caught:
        parse_plaintext("\n".join(lines), file="deck.txt")
    assert caught.value.line == 22
    assert "looks like a definition without a term" in str(caught.value)
    assert "similar to sigmoid function" in str(caught.value)


def test_only_a_title_is_an_error() -> None:
    with pytest.raises(DeckError, match="no cards found"):
        parse_plaintext("Just a title\n", file="t.txt")


def test_repeated_terms_load_with_unique_ids() -> None:
    deck = parse_plaintext("KNN\nNeighbours.\nSVM\nMargins.\nknn\nAgain.\n", file="d.txt")
    assert [(c.id, c.term, c.line) for c in deck.cards] == [
        ("knn", "KNN", 1), ("svm", "SVM", 3), ("knn-2", "knn", 5),
    ]  # fmt: skip


def test_markup_like_text_stays_literal() -> None:
    deck = parse_plaintext("A [bold]term[/]\nIts [red]definition[/] text\n")
    assert deck.cards[0].term == "A [bold]term[/]"
    assert deck.cards[0].definition == "Its [red]definition[/] text"


def test_decks_with_long_fronts_or_even_lengths_load_without_a_title() -> None:
    """No false "lost line" errors when fronts are longer than backs, or lengths are even."""
    reversed_deck = "\n".join(f"The capital city of country {i}\nCity{i}" for i in range(20))
    assert len(parse_plaintext(reversed_deck).cards) == 20
    vocab = "\n".join(f"{'word' * (i % 3 + 1)}{i}\n{'mot' * (i % 4 + 1)}{i}" for i in range(30))
    assert len(parse_plaintext(vocab).cards) == 30
    assert len(parse_plaintext("Vocabulary\n" + vocab).cards) == 30


def test_lost_line_next_to_a_short_answer_names_the_range_to_check() -> None:
    """After "Can you attach…?" / "No", a lost definition cannot be pinned to one line
    by length evidence; the message must still send the author to the right place."""
    lines = list(SEED_LINES)
    lost = lines.index("Underfitting") + 1  # the definition of Underfitting
    del lines[lost]
    with pytest.raises(DeckError) as caught:
        parse_plaintext("\n".join(lines), file="deck.txt")
    match = re.search(r"check lines (\d+)–(\d+)\)", str(caught.value))
    assert match, str(caught.value)
    first, last = int(match[1]), int(match[2])
    assert first <= lost + 1 <= last  # the file line where the definition went missing


def test_a_label_on_every_card_is_a_mark_not_text() -> None:
    text = (
        "# Cloud quiz\n"
        "Q: What does SageMaker do?\nA: It builds, trains and deploys models.\n"
        "Q: What is Kinesis?\nA: A streaming data service.\n"
        "Q: What is Athena?\nA: Serverless SQL over data in S3.\n"
    )
    deck = parse_plaintext(text, file="quiz.txt")
    assert deck.title == "Cloud quiz"  # a Markdown heading's marks are not the title
    assert (deck.cards[0].term, deck.cards[0].definition) == (
        "What does SageMaker do?",
        "It builds, trains and deploys models.",
    )
    assert all(c.kind is CardKind.QUESTION for c in deck.cards)
    assert deck.notes == (
        'The label "Q:" was removed from every term.',
        'The label "A:" was removed from every definition.',
    )


@pytest.mark.parametrize(
    "terms",
    [
        ["Q: One?", "Two?", "Q: Three?"],  # not on every card
        ["Q: One?", "Question: Two?", "Q: Three?"],  # not the same label
        ["AWS::Glue", "AWS::Athena", "AWS::S3"],  # no space after the colon: not a label
        ["-a", "-aĉ-", "-ad-"],  # Esperanto affixes: a dash, no space
    ],
)
def test_a_label_not_on_every_card_stays(terms: list[str]) -> None:
    text = "".join(
        f"{term}\nA definition of {n} that is long enough\n" for n, term in enumerate(terms)
    )
    deck = parse_plaintext(text, file="x.txt")
    assert [c.term for c in deck.cards] == terms


def test_a_title_over_cards_written_description_first_is_said_beside_the_lost_line() -> None:
    """Lengths alone read "title, then descriptions before names" as well as "a lost last
    line": the refusal says both, not only the one that sends the author to line 11."""
    text = (
        "Kubernetes objects\n"
        "Service type that exposes a service on a port of every node\nNodePort\n"
        "Service type reachable only inside the cluster\nClusterIP\n"
        "Service type that asks the cloud provider for a load balancer\nLoadBalancer\n"
        "Object that routes HTTP traffic to services by host and path\nIngress\n"
        "Object that limits which pods can talk to which\nNetworkPolicy\n"
    )
    with pytest.raises(DeckError) as raised:
        parse_plaintext(text, file="k8s.txt")
    assert str(raised.value) == (
        "k8s.txt, line 11: odd number of lines: term 'NetworkPolicy' on line 11 has no "
        "definition; or line 1 is a title and every card gives its description before its "
        "name: then write each name first."
    )
