"""`check_deck` lints, on the seed deck and on small decks built for each finding."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from exam_sim.decks import check_deck, load_deck, parse_delimited, parse_native
from exam_sim.decks.check import Finding, by_kind
from exam_sim.models import Deck, DeckError

DATA = Path(__file__).parent / "data"


def _tsv_deck(rows: Sequence[tuple[str, str]], file: str) -> Deck:
    """A deck of (term, definition) rows, read as the TSV file `file`."""
    return parse_delimited("\n".join(f"{t}\t{d}" for t, d in rows), file=file)


def by_code(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_seed_findings() -> None:
    deck = load_deck(DATA / "seed-aws-ml-specialty.txt")
    findings = check_deck(deck)
    ids = {card.term: card.id for card in deck.cards}

    questions = by_code(findings, "question-card")
    assert {f.card_ids[0] for f in questions} == {
        ids["Can you attach an EBS volume to a sagemaker training job?"],
        ids["How to update an endpoint with a new model without downtime or change to code."],
    }
    near = {frozenset(f.card_ids) for f in by_code(findings, "near-duplicate")}
    assert near == {
        frozenset((ids["Factorization Machines"], ids["Factorization Machines (FMs)"])),
        frozenset(
            (ids["Collaborative Filtering"],
             ids["collaborative filtering v.s. content-based filtering"])
        ),
    }  # fmt: skip
    assert all(f.severity == "warning" for f in by_code(findings, "near-duplicate"))
    self_naming = {f.card_ids[0] for f in by_code(findings, "self-naming")}
    assert ids["Word2Vec"] in self_naming and ids["LSTM"] in self_naming
    assert ids["XGBoost"] not in self_naming
    word2vec = next(f for f in by_code(findings, "self-naming") if f.card_ids == (ids["Word2Vec"],))
    assert "'Word2Vec' (line 38)" in word2vec.message
    short = by_code(findings, "short-answer")
    assert [f.card_ids for f in short] == [
        (ids["Can you attach an EBS volume to a sagemaker training job?"],)
    ]
    assert [f.severity for f in by_code(findings, "no-topics")] == ["info"]
    assert not [f for f in findings if f.severity == "error"]
    # errors first, then warnings, then info
    order = [f.severity for f in findings]
    assert order == sorted(order, key=["error", "warning", "info"].index)


def test_related_pairs_are_info_not_warnings() -> None:
    head = 'format = "exam-sim/1"\nid = "r"\ntitle = "R"\n'
    cards = [
        ("fm", "Factorization Machines", 'related = ["fms"]'),
        ("fms", "Factorization Machines (FMs)", ""),
        ("knn", "KNN", ""),
        ("svm", "SVM", ""),
    ]
    text = head + "".join(
        f'\n[[cards]]\nid = "{i}"\nterm = "{t}"\ndefinition = "Definition number {n} here."\n{x}\n'
        for n, (i, t, x) in enumerate(cards)
    )
    near = by_code(check_deck(parse_native(text)), "near-duplicate")
    assert [(f.severity, f.card_ids) for f in near] == [("info", ("fm", "fms"))]


def test_typos_are_near_duplicates_but_opposites_are_not() -> None:
    rows = [
        ("Multinomial logistic regression", "Predicts one of many classes."),
        ("Multinomal logistic regressions", "Predicts among several classes."),
        ("Supervised learning", "Learning from labelled examples."),
        ("Unsupervised learning", "Learning structure without labels."),
        ("L1 regularization", "Penalty on absolute weights."),
        ("L2 regularization", "Penalty on squared weights."),
        ("Online inference", "Predictions on demand."),
        ("Offline inference", "Predictions computed in batches ahead of time."),
        ("Regularization", "Penalty on model complexity."),
    ]
    deck = _tsv_deck(rows, "n.tsv")
    near = by_code(check_deck(deck), "near-duplicate")
    assert [f.card_ids for f in near] == [
        ("multinomial-logistic-regression", "multinomal-logistic-regressions"),
    ]


def test_arguments_in_a_term_are_not_a_shared_name() -> None:
    rows = [
        ("dict.get(k, d)", "Returns the value for key k, or d when k is missing."),
        ("dict.pop(k, d)", "Removes key k and returns its value, or d when k is missing."),
        ("list.append(x)", "Adds x to the end of the list."),
        ("list.remove(x)", "Deletes the first item equal to x."),
    ]
    deck = _tsv_deck(rows, "n.tsv")
    assert by_code(check_deck(deck), "near-duplicate") == []


def test_cross_references_point_at_their_target() -> None:
    rows = [
        ("pérdida (loss)", "Medida de lo mal que predice el modelo."),
        ("costo (cost)", "Sinónimo de pérdida."),
        ("agrupamiento", "Convertir un atributo continuo en varios atributos binarios."),
        ("discretización", "Consulta agrupamiento."),
        ("Cost function", "See loss."),
        ("Epoch", "A full pass over the training data set."),
    ]
    deck = parse_delimited("\n".join(f"{t}|{d}" for t, d in rows), file="x.csv")
    refs = by_code(check_deck(deck), "cross-reference")
    assert [f.card_ids for f in refs] == [
        ("costo-cost", "perdida-loss"), ("discretizacion", "agrupamiento"),
        ("cost-function", "perdida-loss"),  # "loss" is an alias of "pérdida (loss)"
    ]  # fmt: skip
    # a cross-reference is not also reported as a short answer
    assert not by_code(check_deck(deck), "short-answer")


def test_topics_small_and_missing() -> None:
    text = "term,definition,topic\n" + "\n".join(
        f"T{i},Definition {i} of the card,{'Big' if i < 5 else ('Small' if i < 7 else '')}"
        for i in range(8)
    )
    findings = check_deck(parse_delimited(text, file="t.csv"))
    small = by_code(findings, "small-topic")
    assert [(f.severity, len(f.card_ids)) for f in small] == [("warning", 2)]
    assert "'Small' has 2 cards" in small[0].message
    missing = by_code(findings, "no-topic")
    assert [f.card_ids for f in missing] == [("t7",)]


def test_too_few_cards_is_an_error_and_duplicates_are_warnings() -> None:
    deck = parse_delimited("A,Alpha letter here\nB,Beta letter here\nC,Same text\nD,same text."
                           "\na,Another alpha", file="d.csv")  # fmt: skip
    findings = check_deck(deck)
    assert [f.card_ids for f in by_code(findings, "duplicate-definition")] == [("c", "d")]
    assert [(f.severity, f.card_ids) for f in by_code(findings, "duplicate-term")] == [
        ("warning", ("a", "a-2")),
    ]
    assert not [f for f in findings if f.severity == "error"]
    small = parse_delimited("A,Alpha letter\nB,Beta letter\n", file="s.csv")
    errors = [f for f in check_deck(small) if f.severity == "error"]
    assert [f.code for f in errors] == ["too-few-cards"]


def test_google_glossary_check_finds_cross_references() -> None:
    deck = load_deck(DATA / "google-ml-glossary-es.csv")
    findings = check_deck(deck)
    refs = by_code(findings, "cross-reference")
    assert len(refs) >= 10
    costo = next(f for f in refs if f.card_ids[0] == "costo-cost")
    assert costo.card_ids == ("costo-cost", "perdida-loss")


def test_one_word_definitions_are_fine_but_bare_yes_no_answers_are_true_false() -> None:
    rows = [
        ("alg-", "pain"),
        ("cardi-", "heart"),
        ("Perro", "Dog"),
        ("SVM", "Margins"),
        ("Can you attach an EBS volume to a training job?", "No"),
        ("Is S3 durable?", "Yes."),
        ("Does SageMaker provision the volume?", "Yes, itself."),  # explained: not bare
        ("What does KNN need?", "A distance"),  # short, but not yes/no
    ]
    deck = _tsv_deck(rows, "s.tsv")
    short = by_code(check_deck(deck), "short-answer")
    assert [(f.severity, f.card_ids) for f in short] == [
        ("warning", ("can-you-attach-an-ebs-volume-to-a-training-job",)),
        ("warning", ("is-s3-durable",)),
    ]
    assert "true/false" in short[0].message
    assert "weak option" not in short[0].message


def test_cross_references_to_two_cards_by_any_name_and_to_none() -> None:
    rows = [
        ("Probability Mass Function (PMF)", "Gives the probability of each discrete value."),
        ("Loss", "How wrong the model's predictions are."),
        ("Cost", "The loss summed over the whole data set."),
        ("Mass function", "Same as the PMF."),  # the name inside the parentheses
        ("Error", "See loss and cost."),  # two cards at once
        ("Objective", "Synonym of utility."),  # no such card: the reference is reported alone
    ]
    deck = _tsv_deck(rows, "r.tsv")
    refs = {f.card_ids[0]: f for f in by_code(check_deck(deck), "cross-reference")}
    assert {k: f.card_ids for k, f in refs.items()} == {
        "mass-function": ("mass-function", "probability-mass-function-pmf"),
        "error": ("error", "loss", "cost"),
        "objective": ("objective",),
    }
    assert refs["error"].message == (
        "'Error' (line 5) only refers to another card ('See loss and cost'); it points to "
        "'Loss' (line 2), 'Cost' (line 3): make it an alias there or declare them related"
    )
    assert refs["objective"].message == (
        "'Objective' (line 6) only refers to a name that no card of the deck has ('Synonym "
        "of utility'): say what it means, or add that card"
    )


OVERLAPS = [
    ("Cloud Node", "A compute node, such as a server, in a cloud data center."),
    ("Edge Node", "A compute node, such as a server, in a cloud data center or at the edge."),
    ("Word2Vec", "Word2Vec embeddings."),  # overlaps only through its own name: self-naming
    ("Embedding layer", "A layer that learns dense vectors for tokens, as word2vec does."),
    ("phot-", "light"),  # equal definitions: duplicate-definition, not reported twice
    ("phos-", "light"),
    ("Unease", "A feeling of mild worry."),
    ("Malaise", "A vague feeling of mild worry and discomfort."),
    ("Dread", "A feeling of great worry about what is coming."),
    ("Epoch", "A full pass over the training data."),
    ("Pass", "See epoch."),  # a cross-reference, reported as such
    ("Batch", "The examples used in one training step."),
]


def test_overlapping_definitions_are_one_warning_per_group() -> None:
    deck = _tsv_deck(OVERLAPS, "o.tsv")
    findings = check_deck(deck)
    overlaps = by_code(findings, "definition-overlap")
    assert [(f.severity, f.card_ids) for f in overlaps] == [
        ("warning", ("cloud-node", "edge-node")),
        ("warning", ("unease", "malaise", "dread")),
    ]
    assert overlaps[0].message == (
        "the definition of 'Cloud Node' (line 1) overlaps that of 'Edge Node' (line 2); one "
        "could answer for another, so they are never offered as options together (say what "
        "sets each apart)"
    )
    assert overlaps[1].message.startswith(
        "the definition of 'Unease' (line 7) overlaps those of 2 cards: 'Malaise' (line 8), "
        "'Dread' (line 9); one could answer"
    )
    # What the linter reports, the generator keeps apart.
    from exam_sim.generator.index_cache import index_for

    index = index_for(deck)
    position = {card.id: i for i, card in enumerate(deck.cards)}
    for finding in overlaps:
        first, *others = (position[card_id] for card_id in finding.card_ids)
        assert all(index.same_thing(first, other) for other in others)
    assert [f.card_ids for f in by_code(findings, "duplicate-definition")] == [("phot", "phos")]


def test_two_kinds_of_one_thing_are_no_overlap_but_a_list_is() -> None:
    """Two short definitions sharing one word: "loop diuretic" and "thiazide diuretic"
    are two kinds of diuretic; "condition, state" lists "condition", which "abnormal
    condition" is a kind of, so one could answer for the other."""
    from exam_sim.generator.wording import definitions_overlap

    loop, thiazide = frozenset({"loop", "diuret"}), frozenset({"thiazid", "diuret"})
    assert not definitions_overlap(loop, thiazide, lambda: ((), ()))
    assert definitions_overlap(loop, thiazide)  # without the lists: counted, to test later
    listed, abnormal = frozenset({"condit", "state"}), frozenset({"abnorm", "condit"})
    pieces = ((frozenset({"condit"}), frozenset({"state"})), ())
    assert definitions_overlap(listed, abnormal, lambda: pieces)
    rows = [("Furosemide", "Loop diuretic"), ("Hydrochlorothiazide", "Thiazide diuretic"),
            ("Malady", "condition, state"), ("Disorder", "abnormal condition"),
            ("Lisinopril", "ACE inhibitor"), ("Omeprazole", "Proton pump inhibitor")]  # fmt: skip
    deck = _tsv_deck(rows, "k.tsv")
    overlaps = by_code(check_deck(deck), "definition-overlap")
    assert [f.card_ids for f in overlaps] == [("malady", "disorder")]


@pytest.mark.parametrize(
    "name",
    ["google-ml-glossary-es.csv", "ja-jlpt-n5-vocabulary.csv", "eo-espdic-excerpt.txt",
     "edge-computing-glossary.tsv", "seed-aws-ml-specialty.txt"],
)  # fmt: skip
def test_overlap_search_through_postings_finds_every_pair(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exam_sim.decks import overlap
    from exam_sim.generator.index import DeckIndex
    from exam_sim.generator.index_cache import index_for
    from exam_sim.generator.wording import definitions_overlap

    try:
        deck = load_deck(DATA / name)
    except DeckError:
        pytest.skip(f"{name} does not load yet")
    index = index_for(deck)
    stems = [index.def_stems(i) for i in range(index.n)]
    # Read in bulk, from an index that has remembered none (cross-references included).
    fresh = DeckIndex(deck)
    fresh._def_stems.clear()  # the index's own sample of them
    assert [frozenset(own) for own in fresh.every_def_stems()] == stems
    assert not fresh._def_stems
    every = {
        (i, j)
        for i in range(index.n)
        for j in range(i + 1, index.n)
        if definitions_overlap(stems[i], stems[j])
    }
    assert set(overlap.overlapping_pairs(index)) == every
    # Stemmed a few definitions at a time, cross-references included, the same pairs.
    monkeypatch.setattr(overlap, "STEMS_CHUNK", 7)
    assert set(overlap.overlapping_pairs(index)) == every
    # Above the exact limit only rare stems are looked through: fewer pairs, none wrong.
    monkeypatch.setattr(overlap, "OVERLAP_EXACT_LIMIT", 10)
    monkeypatch.setattr(overlap, "RARE_STEM_CARDS", 3)
    assert set(overlap.overlapping_pairs(index)) <= every


def test_findings_are_counted_by_kind_errors_first_then_the_most_frequent() -> None:
    findings = [
        Finding("warning", "self-naming", "a"),
        Finding("info", "no-topics", "b"),
        Finding("warning", "cross-reference", "c"),
        Finding("warning", "self-naming", "d"),
        Finding("error", "too-few-cards", "e"),
        Finding("warning", "cross-reference", "f"),
        Finding("warning", "self-naming", "g"),
    ]
    assert by_kind(findings) == ("1 too-few-cards, 3 self-naming, 2 cross-reference, 1 no-topics")
    assert by_kind([]) == ""


def test_a_large_group_names_eight_cards_and_counts_the_rest() -> None:
    """A group of cards sharing a definition names the first eight and how many more (a
    generated deck had groups of a thousand cards, each one line of 40 KB); its card ids
    still hold every card."""
    rows = [(f"Prefix {n}", "light") for n in range(12)] + [("Other", "Something else.")]
    deck = _tsv_deck(rows, "g.tsv")
    (finding,) = by_code(check_deck(deck), "duplicate-definition")
    assert finding.message.startswith("the same definition on 12 cards: 'Prefix 0' (line 1), ")
    assert "'Prefix 7' (line 8) and 4 more; they are never offered" in finding.message
    assert "Prefix 8" not in finding.message
    assert len(finding.card_ids) == 12
