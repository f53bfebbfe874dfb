"""Two definitions the same but for the sides of one thing ("left", "right") say two
facts: the mitral valve and the tricuspid were never offered together (read as one card
written twice), though each is the other's best wrong option."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.contrasts import CONTRASTS, contrast_apart
from exam_sim.models import Deck, Direction, make_card

VALVES = [
    ("mitral", "The valve that sits between the left atrium and the left ventricle"),
    ("tricuspid", "The valve that sits between the right atrium and the right ventricle"),
    ("sinoatrial node", "The natural pacemaker of the heart, in the wall of an atrium"),
    ("atrioventricular node", "The node that delays the impulse between atria and ventricles"),
    ("systole", "The phase of the heartbeat in which the ventricles contract"),
    ("aortic valve", "The valve through which blood leaves for the body's arteries"),
]


def test_two_sides_of_one_thing_are_apart_and_anything_else_is_not() -> None:
    assert contrast_apart(VALVES[0][1], VALVES[1][1])
    assert contrast_apart("Traffic leaving the subnet", "Traffic entering the subnet") is False
    assert contrast_apart("Returns true when the key exists", "Returns false when the key exists")
    assert not contrast_apart("The upper limit", "The upper limit")  # the same text
    assert not contrast_apart("The left lung", "The right lung, larger")  # says more
    assert not contrast_apart("It sits on the left", "It lies on the right")  # a verb too


def test_the_mitral_valve_is_a_wrong_option_for_the_tricuspid_and_check_is_quiet() -> None:
    deck = Deck(id="heart", title="Heart", cards=[make_card(t, d) for t, d in VALVES])
    generator = QuestionGenerator(deck)
    assert not generator.index.same_thing(0, 1)
    offered = {
        option
        for seed in range(12)
        for option in generator.question(
            deck.cards[1].id, Direction.DEFINITION_TO_TERM, seed=seed
        ).options
    }
    assert "mitral" in offered
    findings = check_deck(deck)
    assert not [f for f in findings if f.code in ("definition-overlap", "near-duplicate")]


@settings(max_examples=60)
@given(
    st.sampled_from(sorted(tuple(sorted(pair)) for pair in CONTRASTS)),
    st.lists(st.sampled_from(["the", "flow", "of", "data", "port", "into", "a", "queue"]),
             min_size=1, max_size=6),
    st.integers(0, 6),
)  # fmt: skip
def test_a_contrast_swapped_anywhere_keeps_two_facts_apart(
    pair: tuple[str, str], around: list[str], at: int
) -> None:
    at = min(at, len(around))
    first = " ".join([*around[:at], pair[0], *around[at:]])
    second = " ".join([*around[:at], pair[1], *around[at:]])
    assert contrast_apart(first, second) and contrast_apart(second, first)
    # One word more on either side is more than the contrast: not apart by it.
    assert not contrast_apart(first, f"{second} queue")


def test_a_false_negative_and_a_false_positive_are_two_facts_in_spanish_too() -> None:
    """The Spanish ML glossary's "falso negativo" and "falso positivo" are defined 96 %
    alike ("…la clase negativa… no era spam" / "…la clase positiva… era spam"), and so
    were never offered together; nor were "verdadero negativo" and "verdadero positivo",
    nor the JLPT list's grandfather and grandmother, nor FTP and SFTP (two acronyms spelled
    out, told apart already, but nearly the same text)."""
    from pathlib import Path

    from exam_sim.decks import load_deck

    data = Path(__file__).parent / "data"
    for deck_file, first, second in [
        ("google-ml-glossary-es.csv", "falso negativo", "falso positivo"),
        ("google-ml-glossary-es.csv", "verdadero negativo", "verdadero positivo"),
        ("ja-jlpt-n5-vocabulary.csv", "おじいさん", "おばあさん"),
        ("network-acronyms.csv", "FTP", "SFTP"),
    ]:
        deck = load_deck(data / deck_file)
        index = QuestionGenerator(deck).index
        (i,) = [n for n, c in enumerate(deck.cards) if c.term.split(" (")[0] == first]
        (j,) = [n for n, c in enumerate(deck.cards) if c.term.split(" (")[0] == second]
        assert not index.same_thing(i, j), (first, second)


def test_only_contrasts_negations_and_function_words_may_differ() -> None:
    function_words = {"the", "a", "un", "lo"}
    assert contrast_apart(
        "Predicted the negative class, but it was not spam",
        "Predicted the positive class, but it was spam",
        function_words,
    )
    # A word said otherwise besides the contrast may be a rewording of one fact.
    assert not contrast_apart(
        "Predicted the negative class wrongly", "Guessed the positive class wrongly"
    )
    # Negations alone are `negation_apart`'s to read, with stems: no contrast here.
    assert not contrast_apart("It was spam", "It was not spam")


def test_an_acronyms_capital_s_is_no_plural() -> None:
    """LDAPS was read as the plural of LDAP ("LSTMs" is LSTM's), so the two shared a name
    and were never options together: "Which protocol uses port 636?" never offered LDAP,
    the one a learner confuses it with; nor HTTPS, HTTP."""
    from pathlib import Path

    from exam_sim.decks import load_deck
    from exam_sim.generator.masking import name_forms

    assert name_forms(["HTTPS"]) == {"https"}
    assert name_forms(["LSTMs"]) == {"lstm", "lstms"}
    assert "api" in name_forms(["APIs"])
    deck = load_deck(Path(__file__).parent / "data" / "network-numbers.csv")
    generator = QuestionGenerator(deck)
    terms = {card.term: n for n, card in enumerate(deck.cards)}
    assert not generator.index.same_thing(terms["HTTP"], terms["HTTPS"])

    def offered(direction: Direction) -> set[str]:
        asked = deck.cards[terms["LDAPS"]].id
        return {o for s in range(10) for o in generator.question(asked, direction, seed=s).options}

    assert "LDAP" in offered(Direction.DEFINITION_TO_TERM)
    # Nor is "LDAPS" in a text a mention of LDAP: 389, LDAP's port, may stand beside 636.
    from exam_sim.generator.masking import mask_forms

    assert mask_forms("Unlike HTTPS, it sends plain text", name_forms(["HTTP"])) == (
        "Unlike HTTPS, it sends plain text"
    )
    assert mask_forms("Unlike LSTMs, it forgets", name_forms(["LSTM"])) == "Unlike ____, it forgets"
    assert "389" in offered(Direction.TERM_TO_DEFINITION)
