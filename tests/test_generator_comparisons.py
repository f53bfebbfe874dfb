"""Comparison cards answered side by side ("CPU vs GPU": "GPU: …" / "CPU: …") are asked
with their own labels and the descriptions moved as wrong options: options as long as the
key, opening as it does and naming the same sides, so no shallow cue finds the key."""

from __future__ import annotations

import random
import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st
from test_generator_quality import FILLER

from exam_sim.generator import QuestionGenerator
from exam_sim.generator.comparisons import borrowed_pairings, labelled_answer, wrong_pairings
from exam_sim.generator.cues import solve
from exam_sim.lexicon import Lexicon, norm, words
from exam_sim.models import Deck, Direction, make_card

METRICS = (
    "Accuracy: how often the model predicts the right class.\n"
    "Precision: the share of predicted positives that are truly positive.\n"
    "Recall: the share of true positives that the model finds."
)


def deck_with(term: str, answer: str, kind: str | None = None) -> Deck:
    cards = (make_card(term, answer, kind=kind), *(make_card(t, d) for t, d in FILLER))
    return Deck(id="t", title="T", cards=cards)


def test_labels_are_read_from_lines_sentences_and_dashes() -> None:
    lines = labelled_answer("Accuracy vs. Precision vs. Recall", METRICS)
    assert lines is not None and lines.labels == ("Accuracy", "Precision", "Recall")
    assert lines.descriptions[2] == "the share of true positives that the model finds."
    assert lines.paired((0, 1, 2)) == METRICS  # cut and joined again, unchanged
    sentences = labelled_answer("TCP vs UDP", "TCP: reliable, ordered. UDP: fire and forget.")
    assert sentences is not None and sentences.labels == ("TCP", "UDP")
    dashes = labelled_answer("Batch versus stream", "Batch – bounded data\nStream - unbounded data")
    assert dashes is not None and dashes.descriptions == ("bounded data", "unbounded data")
    # A label may say a little more than its side ("Collaborative" → "Collaborative filtering").
    longer = labelled_answer(
        "Collaborative vs. content-based filtering",
        "Collaborative filtering: from what similar users liked.\n"
        "Content-based filtering: from the features of items liked before.",
    )
    assert longer is not None and longer.labels[0] == "Collaborative filtering"


def test_labels_in_a_list_are_read_without_their_bullets_or_numbers() -> None:
    for answer in (
        "- TCP: reliable, ordered.\n- UDP: fast, no guarantee.",
        "• **TCP**: reliable, ordered.\n• **UDP**: fast, no guarantee.",
        "1. TCP: reliable, ordered.\n2. UDP: fast, no guarantee.",
    ):
        cut = labelled_answer("TCP vs UDP", answer)
        assert cut is not None, answer
        assert cut.labels == ("TCP", "UDP")
        assert cut.descriptions == ("reliable, ordered.", "fast, no guarantee.")
        assert cut.paired((0, 1)) == answer


def test_a_label_after_a_bracket_takes_none_of_it() -> None:
    """The seed deck's one-line answer: "… correct? (TP / TP + FP) Recall: …"."""
    answer = (
        "Accuracy: How often is it right? Precision: share of predicted positives that are "
        "positive (TP / TP + FP) Recall: share of positives found (TP / TP + FN)"
    )
    cut = labelled_answer("Accuracy v.s. Precision v.s. Recall", answer)
    assert cut is not None and cut.labels == ("Accuracy", "Precision", "Recall")
    assert cut.descriptions[1].endswith("(TP / TP + FP)")


def test_answers_that_are_not_side_by_side_are_left_alone() -> None:
    assert labelled_answer("XGBoost", "Gradient boosting: trees added one by one.") is None
    # A side without its label, or labelled twice.
    assert labelled_answer("TCP vs UDP", "TCP: reliable; and the other is not.") is None
    assert labelled_answer("TCP vs UDP", "TCP: reliable. UDP: quick. TCP: ordered.") is None
    # Two descriptions alike: moved, they would make a second right answer.
    assert labelled_answer("TCP vs UDP", "TCP: a protocol. UDP: a protocol.") is None
    # A description naming a side: moved, "UDP: … unlike UDP" contradicts itself.
    assert labelled_answer("TCP vs UDP", "TCP: ordered, unlike UDP. UDP: quick.") is None
    # Labels must name the sides, not merely open lines ("Input:", "Output:").
    assert labelled_answer("CPU vs GPU", "Input: a tensor\nOutput: a tensor of scores") is None


def test_three_sides_give_only_pairings_and_say_what_each_gets_wrong() -> None:
    deck = deck_with("Accuracy vs. Precision vs. Recall", METRICS, kind="question")
    generator = QuestionGenerator(deck)
    card_id = deck.cards[0].id
    mean_credit: dict[str, float] = {}
    seeds = 60
    for seed in range(seeds):
        q = generator.question(card_id, Direction.QUESTION_TO_ANSWER, seed=seed)
        assert q.options[q.answer] == METRICS
        assert set(q.option_card_ids) == {card_id}
        assert len(set(q.options)) == 4
        for n, option in enumerate(q.options):
            assert [line.split(":")[0] for line in option.splitlines()] == [
                "Accuracy", "Precision", "Recall"
            ]  # fmt: skip
            assert sorted(words(option)) == sorted(words(METRICS))
            if n != q.answer:
                assert q.explanations[n].startswith("Wrong pairing: ")
        for cue, credit in solve(q, Lexicon("english")).items():
            mean_credit[cue] = mean_credit.get(cue, 0.0) + credit / seeds
    # Every option opens, runs and echoes the stem as the key does: no cue finds the key
    # more often than chance (1 in 4; the pairings are drawn at random, so about that).
    assert max(mean_credit.values()) <= 0.3, mean_credit


# Definitions shorter than a side's description, beside FILLER's longer ones: without
# them the key and its swap are always the shortest options (the draw cannot make shorter
# pairs out of longer texts: docs/generator.md).
SHORT_FILLER = [
    ("Vacuole", "Sac that stores water"),
    ("Cell wall", "Rigid layer of plant cells"),
    ("Centriole", "Tube that organises division"),
]


def test_two_sides_give_the_swap_and_other_cards_descriptions_in_every_order() -> None:
    answer = "GPU: thousands of small cores in parallel.\nCPU: a few cores for serial work."
    deck = deck_with("CPU vs GPU", answer)
    deck = Deck(id="t", title="T", cards=(*deck.cards, *(make_card(t, d) for t, d in SHORT_FILLER)))
    generator = QuestionGenerator(deck)
    # From its definition it would be the one comparison among names: asked from its term.
    assert generator.directions_for("cpu-vs-gpu") == (Direction.TERM_TO_DEFINITION,)
    mean_credit: dict[str, float] = {}
    seeds = 120  # enough that chance (0.25) does not read as 0.3
    for seed in range(seeds):
        q = generator.question("cpu-vs-gpu", Direction.TERM_TO_DEFINITION, seed=seed)
        swapped = "GPU: a few cores for serial work.\nCPU: thousands of small cores in parallel."
        assert swapped in q.options and q.options[q.answer] == answer
        why = q.explanations[q.options.index(swapped)]
        assert why == "Wrong pairing: GPU and CPU swapped (each has the other's description)."
        # Every option labels the same two sides, one a line, the key's way.
        cut = [labelled_answer("CPU vs GPU", option) for option in q.options]
        assert all(c is not None and c.labels == ("GPU", "CPU") for c in cut), q.options
        # The other two: two other cards' descriptions, in both orders, so that each
        # description stands once beside each label: taking, label by label, the
        # description most options give it finds nothing (with one borrowed option the
        # key's two descriptions would each be given twice).
        for side in range(2):
            given = Counter(c.descriptions[side] for c in cut if c is not None)
            assert set(given.values()) == {1}, given
        borrowed = [n for n, o in enumerate(q.options) if o not in (answer, swapped)]
        assert len(borrowed) == 2 and set(q.option_card_ids) == {"cpu-vs-gpu"}
        for n in borrowed:
            assert re.fullmatch(
                r"Wrong pairing: these are not GPU and CPU but \w[\w ]+ and \w[\w ]+\.",
                q.explanations[n],
            ), q.explanations[n]
            # Written as the key writes its descriptions: opening in lower case, a full stop.
            assert all(d[0].islower() and d.endswith(".") for d in cut[n].descriptions)  # type: ignore[union-attr]
        for cue, credit in solve(q, Lexicon("english")).items():
            mean_credit[cue] = mean_credit.get(cue, 0.0) + credit / seeds
    # The options' shapes no longer tell the key's pair from the borrowed one (half the
    # credit before), nor does the most central option, the shortest or one between the
    # ends: the borrowed pair is drawn from the mix of pairs that leaves the best shape
    # solver the least credit (`least_guessable`; a swap of two short halves reads more
    # alike than one of two whole definitions: 0.41 when the nearest were taken).
    assert max(mean_credit.values()) <= 0.3, mean_credit


label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8)


@given(
    st.lists(label, min_size=2, max_size=4, unique=True),
    st.lists(st.lists(label, min_size=1, max_size=5), min_size=4, max_size=4),
    st.integers(0, 1000),
)
def test_every_wrong_pairing_moves_descriptions_and_keeps_the_labels(
    sides: list[str], texts: list[list[str]], seed: int
) -> None:
    descriptions = [" ".join(["about", *t, str(n)]) for n, t in enumerate(texts[: len(sides)])]
    answer = "\n".join(f"{s}: {d}" for s, d in zip(sides, descriptions, strict=False))
    term = " vs ".join(sides)
    cut = labelled_answer(term, answer)
    if any(any(s in d.split() for s in sides) for d in descriptions):
        return  # a description naming a side is refused; shown above
    assert cut is not None
    pairings = wrong_pairings(cut, 3, random.Random(seed))
    every = 1
    for n in range(2, len(sides) + 1):
        every *= n
    assert len(pairings) == min(3, every - 1)
    assert len({text for text, _ in pairings}) == len(pairings)
    for text, why in pairings:
        assert text != answer and why.startswith("Wrong pairing: ")
        lines = text.split("\n")
        assert [line.split(": ", 1)[0] for line in lines] == sides
        assert sorted(line.split(": ", 1)[1] for line in lines) == sorted(descriptions)


@given(
    # A side named by a word of the descriptions ("about"; "thing", which "things" says)
    # would be named inside another side's description: no answer side by side
    # (`labelled_answer` refuses it).
    st.lists(
        label.filter(lambda s: s not in ("about", "thing", "things")),
        min_size=2,
        max_size=3,
        unique=True,
    ),
    st.lists(
        st.text(min_size=1, max_size=60) | st.sampled_from(["about 0 things", "About 1 things."]),
        min_size=0,
        max_size=8,
    ),
    st.integers(1, 6),
)
def test_borrowed_descriptions_keep_the_labels_and_stand_once_beside_each(
    sides: list[str], others: list[str], count: int
) -> None:
    """Whatever other cards' texts are (line breaks, labels of their own, a side's name,
    punctuation), every borrowed option reads back as the answer's labels; in each full
    group every description stands once beside each label; the texts used are given."""
    descriptions = [f"about {n} things" for n in range(len(sides))]
    answer = "\n".join(f"{s}: {d}." for s, d in zip(sides, descriptions, strict=False))
    term = " vs ".join(sides)
    cut = labelled_answer(term, answer)
    assert cut is not None
    borrowed = [(f"Card {n}", text) for n, text in enumerate(others)]
    made, used = borrowed_pairings(term, cut, borrowed, count, random.Random(count))
    assert len(made) <= count and used <= set(others)
    for text, why in made:
        back = labelled_answer(term, text)
        assert back is not None and back.labels == cut.labels, text
        assert why.startswith("Wrong pairing: these are not ") and all(s in why for s in sides)
        assert all(d.endswith(".") for d in back.descriptions)  # the answer's full stops
        # None of the answer's own descriptions: a borrowed option is wrong throughout.
        assert not {norm(d) for d in back.descriptions} & {norm(d) for d in cut.descriptions}
    for start in range(0, len(made) - len(sides) + 1, len(sides)):
        group = [labelled_answer(term, text) for text, _ in made[start : start + len(sides)]]
        for side in range(len(sides)):
            beside = [g.descriptions[side] for g in group if g is not None]
            assert len(set(beside)) == len(beside)


def test_check_does_not_call_a_side_by_side_answer_self_naming() -> None:
    from exam_sim.decks.check import check_deck

    side_by_side = deck_with("CPU vs GPU", "GPU: thousands of cores.\nCPU: a few fast cores.")
    assert not [f for f in check_deck(side_by_side) if f.code == "self-naming"]
    # Named in prose, the sides are blanked in its questions: still said.
    prose = deck_with("CPU vs GPU", "A GPU has thousands of cores, a CPU a few fast ones.")
    assert [f.code for f in check_deck(prose) if f.code == "self-naming"] == ["self-naming"]


def test_a_side_by_side_comparison_is_no_wrong_option_among_terms() -> None:
    # Never asked from its definition, it would be a term that is never the answer.
    deck = deck_with("Mitochondrion vs chloroplast", "Mitochondrion: burns sugar.\n"
                     "Chloroplast: makes sugar from light.")  # fmt: skip
    generator = QuestionGenerator(deck)
    for card in deck.cards[1:]:
        for seed in range(5):
            q = generator.question(card.id, Direction.DEFINITION_TO_TERM, seed=seed)
            assert deck.cards[0].id not in q.option_card_ids
