"""Short names: a name without the family words many of the deck's names open with
("Athena" for Amazon Athena). A text that says one names the card, so it is no wrong
option beside that card's question, whichever way the question is asked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.generator import QuestionGenerator
from exam_sim.generator.index import DeckIndex
from exam_sim.generator.short_names import says_short_name, short_names
from exam_sim.models import Direction
from tests.support.decks import deck_of

COMMON = frozenset({"amazon", "aws", "sagemaker", "data", "conjunto", "de"})
STOP = frozenset({"de", "the", "a", "of", "for"})

# A family of services: "Amazon" opens more than two terms, so it names none of them.
SERVICES = [
    ("Amazon Athena", "Serverless SQL queries run directly on files kept in object storage."),
    ("Amazon Redshift", "Petabyte-scale columnar warehouse for analytic SQL over loaded tables."),
    ("Amazon Kinesis", "Streams of records ingested in real time and read by many consumers."),
    ("Amazon Lex", "Builds chatbots with speech recognition and language understanding."),
    ("Amazon Polly", "Turns written text into lifelike speech in many voices."),
    ("Apache Parquet", "Columnar file format read fast by SQL engines such as Athena and Spark."),
    ("Apache Avro", "Row-based file format with its schema stored beside the records."),
    ("Apache ORC", "Columnar file format with stripes and indexes, born in Hive."),
]


def test_a_name_without_its_family_word_is_a_short_name() -> None:
    assert short_names(["Amazon Athena"], COMMON, STOP) == ("Athena",)
    assert short_names(["AWS Glue Data Catalog"], COMMON, STOP) == ("Glue Data Catalog",)


def test_what_is_left_must_be_a_name_of_its_own() -> None:
    # Written in lower case: a phrase, not a name.
    assert short_names(["Amazon gradient descent"], COMMON, STOP) == ()
    # Opening on a stop word, or with no word of its own.
    assert short_names(["conjunto de Entrenamiento"], COMMON, STOP) == ()
    assert short_names(["SageMaker Data"], COMMON, STOP) == ()
    # The first word is no family word: nothing is dropped.
    assert short_names(["Glue Crawler"], COMMON, STOP) == ()
    # Brackets: the variants without them are names of their own.
    assert short_names(["Amazon Augmented AI (A2I)"], COMMON, STOP) == ()


def test_a_short_name_counts_where_it_is_written_as_a_name() -> None:
    said = says_short_name
    assert said("Favoured by Athena, Glue and Spark.", ("Athena",), COMMON)
    assert said("Definitions come from the Glue Data Catalog.", ("Glue Data Catalog",), COMMON)
    assert said("Queried with Amazon Athena.", ("Athena",), COMMON)  # after a family word
    # Not in lower case, not inside another word, not as the end of a longer name.
    assert not said("the goddess athena", ("Athena",), COMMON)
    assert not said("Athenaeum records", ("Athena",), COMMON)
    assert not said("between the Aggregation Edge Layer and", ("Edge Layer",), COMMON)
    # A capital that only opens a sentence says nothing; one inside the name does.
    assert not said("Store the files first. Store them twice.", ("Store",), COMMON)
    assert said("Data lands first. DataSync copies it.", ("DataSync",), COMMON)
    assert not said("Steps:\n- Store the files\n2. Store them", ("Store",), COMMON)
    # A semicolon goes on with the sentence: the capital is the name's.
    assert said("Crawlers fill it in; Athena and EMR query it.", ("Athena",), COMMON)


@given(st.text(max_size=60))
def test_says_short_name_never_fails_and_is_false_without_the_name(text: str) -> None:
    assert says_short_name(text, ("Athena",), COMMON) == ("Athena" in text and _as_name(text))


def _as_name(text: str) -> bool:
    """The rule once more, by regular expressions, for the property above."""
    import re

    for m in re.finditer(r"(?<![^\W_])Athenas?(?![^\W_])", text):
        before = text[: m.start()].rstrip()
        word = before.split()[-1] if before else ""
        if word[:1].isupper() and word[-1:].isalnum() and word.casefold() not in COMMON:
            continue
        line = text[: m.start()].rsplit("\n", 1)[-1]
        if line.strip(" \t-*•·>0123456789.)") and before[-1] not in ".!?:":
            return True
    return False


def test_a_short_name_another_term_says_is_none() -> None:
    ix = DeckIndex(
        deck_of(
            ("Cloud RAN", "Splits the base station into radio heads and central units."),
            ("Radio Access Network (RAN)", "The wireless part of a cellular network."),
            ("Cloud Storage", "Files kept on a provider's disks."),
            ("Cloud Native", "Built to run on elastic infrastructure."),
            ("Base Station", "Sends and receives radio signals in the RAN."),
        )
    )
    # "RAN" is Radio Access Network's name: a text saying it names that card, not Cloud RAN.
    assert not ix.named_in("Sends and receives radio signals in the RAN.", 0)
    assert ix.named_in("Sends and receives radio signals in the RAN.", 1)


def _options(generator: QuestionGenerator, card_id: str, direction: Direction) -> set[str]:
    seen: set[str] = set()
    for seed in range(40):
        question = generator.question(card_id, direction, seed=seed)
        seen.update(question.option_card_ids)
    return seen


def test_no_wrong_option_names_the_asked_term_by_its_short_name() -> None:
    generator = QuestionGenerator(deck_of(*SERVICES))
    ids = {term: generator.deck.cards[n].id for n, (term, _) in enumerate(SERVICES)}
    # Parquet's definition says "Athena": it is plainly not Amazon Athena's.
    offered = _options(generator, ids["Amazon Athena"], Direction.TERM_TO_DEFINITION)
    assert ids["Apache Parquet"] not in offered
    assert len(offered) >= 4  # the others are offered
    # Asked from Parquet's definition, "Amazon Athena" is plainly not the answer.
    offered = _options(generator, ids["Apache Parquet"], Direction.DEFINITION_TO_TERM)
    assert ids["Amazon Athena"] not in offered
    assert len(offered) >= 4


def test_a_large_deck_finds_short_names_through_its_word_postings() -> None:
    filler = [
        (f"Amazon Service{n:04d} Tool", f"Does task number {n} for a team of {n % 7} people.")
        for n in range(600)
    ]
    ix = DeckIndex(
        deck_of(
            *SERVICES,
            *filler,
            ("Amazon Athena Federated Query", "Queries other stores through connectors."),
        )
    )
    assert ix.large
    athena, parquet = 0, 5
    # "Athena" is said by another term too (Athena Federated Query): it names neither.
    assert not ix.named_in(SERVICES[parquet][1], athena)
    assert ix.named_in("Read it with Lex today.", 3)
