"""The generator's guarantees on decks written the way people write them: no second right
answer, no blank in an option, names hidden in every form, one-word definitions asked,
and the same questions in every process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.decks import deck_of

from exam_sim.decks import load_deck, resolve_deck
from exam_sim.enums import ItemKind
from exam_sim.generator import BLANK, GeneratorError, QuestionGenerator, generate
from exam_sim.generator.cues import form, opening, solve
from exam_sim.generator.index_cache import index_for
from exam_sim.generator.kinds import generate_kinds
from exam_sim.models import Deck, Direction, make_card
from exam_sim.units import is_made

DATA = Path(__file__).parent / "data"
TWO_WAYS = (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION)


FILLER = [
    ("Mitochondrion", "Organelle that produces most of the chemical energy of a cell"),
    ("Ribosome", "Molecular machine that builds proteins from amino acids"),
    ("Nucleus", "Membrane-bound organelle that holds the genetic material"),
    ("Golgi apparatus", "Organelle that packages proteins into vesicles for transport"),
    ("Lysosome", "Organelle whose enzymes digest worn-out parts of the cell"),
    ("Cytoplasm", "Jelly-like fluid inside the cell membrane around the organelles"),
]


def every_question(deck: Deck, seeds: range = range(4)) -> list:
    generator = QuestionGenerator(deck)
    out = []
    for card in deck.cards:
        for direction in generator.directions_for(card.id):
            for seed in seeds:
                out.append(generator.question(card.id, direction, seed=seed))
    return out


def test_no_option_ever_carries_a_blank_on_the_bundled_deck() -> None:
    for q in every_question(resolve_deck("aws-ml-specialty"), range(3)):
        assert not any(BLANK in option for option in q.options), q.id


def test_a_definition_that_names_its_term_is_asked_from_the_definition_only() -> None:
    deck = deck_of(
        ("CPU vs GPU", "A CPU has a few cores for serial work, a GPU thousands in parallel"),
        *FILLER,
    )
    generator = QuestionGenerator(deck)
    assert generator.directions_for("cpu-vs-gpu") == (Direction.DEFINITION_TO_TERM,)
    q = generator.question("cpu-vs-gpu", Direction.DEFINITION_TO_TERM, seed=0)
    assert "CPU" not in q.stem and "GPU" not in q.stem
    # The review and feedback show the card as written, not the blanked stem.
    assert "A CPU has a few cores" in q.explanations[q.answer]
    # Answered side by side ("CPU: …; GPU: …"), it is asked from its term instead, the
    # descriptions moved as wrong options (tests/test_generator_comparisons.py).


def test_overlapping_definitions_are_never_offered_together() -> None:
    deck = deck_of(
        ("apex", "the highest point"),
        ("acme", "the highest point of achievement"),
        ("zenith", "the highest point reached by a celestial body"),
        ("nadir", "the lowest point"),
        ("abyss", "a deep chasm"),
        ("plateau", "a flat elevated area of land"),
        ("summit", "a meeting of heads of state"),
        ("valley", "low land between hills"),
    )
    highest = {"apex", "acme", "zenith"}
    for q in every_question(deck, range(10)):
        assert len(highest & set(q.option_card_ids)) <= 1, q.id


def test_two_kinds_of_one_thing_are_each_others_wrong_options() -> None:
    """Drug classes: "Loop diuretic" and "Thiazide diuretic" share a word and are two
    kinds of diuretic, each the other's best wrong option; "Beta blocker (non-selective)"
    is a kind of "Beta blocker", which would answer for it: never offered together."""
    deck = deck_of(
        ("Furosemide", "Loop diuretic"),
        ("Hydrochlorothiazide", "Thiazide diuretic"),
        ("Spironolactone", "Potassium-sparing diuretic"),
        ("Lisinopril", "ACE inhibitor"),
        ("Omeprazole", "Proton pump inhibitor"),
        ("Sitagliptin", "DPP-4 inhibitor"),
        ("Atenolol", "Beta blocker"),
        ("Propranolol", "Beta blocker (non-selective)"),
        ("Amlodipine", "Calcium channel blocker"),
        ("Metformin", "Biguanide"),
        ("Atorvastatin", "Statin"),
        ("Sertraline", "SSRI"),
    )
    generator = QuestionGenerator(deck)
    index = generator.index
    assert not index.same_thing(0, 1) and not index.same_thing(3, 4)
    assert index.same_thing(6, 7)
    furosemide = generator.question("furosemide", Direction.TERM_TO_DEFINITION, seed=0)
    assert {"Thiazide diuretic", "Potassium-sparing diuretic"} <= set(furosemide.options)
    for q in every_question(deck, range(6)):
        assert not {"atenolol", "propranolol"} <= set(q.option_card_ids), q.id
    # Two stems shared by two short definitions: still two kinds of one thing.
    endings = deck_of(
        ("-o", "(noun ending, singular)"), ("-oj", "(noun ending, plural)"),
        ("-a", "(adjective ending)"), ("-e", "(adverb ending)"), ("-n", "(accusative ending)"),
    )  # fmt: skip
    assert not QuestionGenerator(endings).index.same_thing(0, 1)


@pytest.mark.parametrize(
    "wording",
    ["Another name for gradient descent.", "Also called gradient descent", "Same as gradient "
     "descent.", "Synonym of gradient descent", "See also: gradient descent"],
)  # fmt: skip
def test_a_cross_reference_in_any_wording_is_never_a_wrong_option(wording: str) -> None:
    deck = deck_of(
        ("Gradient descent", "Iterative method that follows the negative slope of the loss"),
        ("Steepest descent", wording),
        *FILLER,
    )
    for q in every_question(deck, range(10)):
        assert {"gradient-descent", "steepest-descent"} - set(q.option_card_ids), q.id


def test_one_word_definitions_are_asked_both_ways_with_short_options() -> None:
    roots = [
        ("alg-", "pain"), ("cardi-", "heart"), ("derm-", "skin"), ("hem-", "blood"),
        ("oste-", "bone"), ("neur-", "nerve"), ("gastr-", "stomach"), ("pneum-", "lung"),
    ]  # fmt: skip
    deck = deck_of(*roots)
    generator = QuestionGenerator(deck)
    # Every root is asked; "neur-" / "nerve" is spelled alike, so it is asked from its
    # definition only (no wrong option could be spelled as close to "neur-").
    assert all(generator.directions_for(c.id) for c in deck.cards)
    assert generator.directions_for("neur") == (Direction.DEFINITION_TO_TERM,)
    assert generator.directions_for("alg") == TWO_WAYS
    q = generator.question("alg", Direction.TERM_TO_DEFINITION, seed=3)
    assert q.options[q.answer] == "pain"
    assert all(len(option.split()) == 1 for option in q.options)


def test_derived_forms_acronyms_and_cjk_names_are_hidden_in_the_stem() -> None:
    deck = deck_of(
        ("Amazon Translate", "Neural machine translation service for many languages"),
        ("OLTP", "Online transaction processing: many short writes by many users"),
        ("Probability Mass Function (PMF)", "The PMF gives the probability of each value"),
        ("機械学習", "機械学習とは、データから規則を学ぶ方法です。"),
        *FILLER,
    )
    generator = QuestionGenerator(deck)

    def stem(card_id: str) -> str:
        return generator.question(card_id, Direction.DEFINITION_TO_TERM, seed=0).stem

    assert "translation" not in stem("amazon-translate").lower()
    assert "transaction" not in stem("oltp").lower()
    assert "PMF" not in stem("probability-mass-function-pmf")
    assert stem(deck.cards[3].id).startswith(BLANK)


def test_spelled_out_acronyms_never_give_the_answer_away() -> None:
    deck = deck_of(
        ("VLAN", "Virtual LAN: a logical broadcast domain created on a switch"),
        ("PPPoE", "PPP over Ethernet: carries PPP sessions across an access network"),
        ("RPO", "Recovery point objective: how much data may be lost in a disaster"),
        ("ETL", "Extract, transform, load: moving data from sources into a warehouse"),
        ("ACID", "Atomicity, consistency, isolation, durability"),
        ("CIA triad", "Confidentiality, integrity and availability"),
        *FILLER,
    )
    generator = QuestionGenerator(deck)
    ids = [card.id for card in deck.cards]

    def stem(n: int) -> str:
        return generator.question(ids[n], Direction.DEFINITION_TO_TERM, seed=0).stem

    assert stem(0) == f"{BLANK}: a logical broadcast domain created on a switch"
    assert stem(1) == f"{BLANK}: carries PPP sessions across an access network"
    assert stem(2) == f"{BLANK}: how much data may be lost in a disaster"
    assert stem(3) == f"{BLANK}, {BLANK}, {BLANK}: moving data from sources into a warehouse"
    # As options these definitions would spell their terms out: asked from them only.
    for n in range(4):
        assert generator.directions_for(ids[n]) == (Direction.DEFINITION_TO_TERM,)
    # A definition that only spells its term out leaves nothing to ask from it. An acronym's
    # is asked as what it stands for (test_expansions.py), here with no word of the deck to
    # make a wrong expansion of, which is said; CIA triad is no acronym: never asked.
    for n in (4, 5):
        with pytest.raises(GeneratorError, match="cannot be asked as definition_to_term"):
            stem(n)
    assert generator.directions_for(ids[4]) == (Direction.TERM_TO_DEFINITION,)
    with pytest.raises(GeneratorError, match="has 0 usable wrong options as term_to_definition"):
        generator.question(ids[4], Direction.TERM_TO_DEFINITION, seed=0)
    assert generator.directions_for(ids[5]) == ()


def test_a_term_that_names_its_definition_is_asked_from_the_term_with_a_blank() -> None:
    """History dates: "Revolutions of 1848" holds its own answer. Asked from "1848", the
    key would spell the stem, and as a wrong option for "1066" it says its own year; so
    it is asked from its term, the year blanked, and offered as no term option. A term
    left with nothing but function words ("In ____") is not asked at all."""
    events = [
        ("Battle of Hastings", "1066"), ("Magna Carta sealed", "1215"),
        ("Fall of Constantinople", "1453"), ("Columbus reaches the Americas", "1492"),
        ("Storming of the Bastille", "1789"), ("Battle of Waterloo", "1815"),
        ("Revolutions of 1848", "1848"), ("Unification of Germany", "1871"),
        ("Treaty of Versailles", "1919"), ("Wall Street Crash", "1929"),
        ("In 1945", "1945"),
    ]  # fmt: skip
    deck = deck_of(*events)
    generator = QuestionGenerator(deck)
    ids = {card.term: card.id for card in deck.cards}
    revolutions = ids["Revolutions of 1848"]
    assert generator.directions_for(revolutions) == (Direction.TERM_TO_DEFINITION,)
    asked = generator.question(revolutions, Direction.TERM_TO_DEFINITION, seed=0)
    assert asked.stem == f"Revolutions of {BLANK}"
    assert asked.options[asked.answer] == "1848" and len(set(asked.options)) == 4
    assert generator.directions_for(ids["In 1945"]) == ()
    for q in every_question(deck):
        if q.direction is Direction.DEFINITION_TO_TERM:
            assert not {"Revolutions of 1848", "In 1945"} & set(q.options), q
    # Neither is paired with its year in a matching set or a true/false statement.
    for kind in (ItemKind.MATCHING, ItemKind.MULTIPLE):
        items = generate_kinds(deck, [kind], seed=1)
        assert items
        for q in items:
            assert revolutions not in q.option_card_ids, q


def test_a_commands_placeholder_is_no_name_to_blank() -> None:
    """ "git blame <file>": <file> says what the command takes, so "file" stays in the
    stem; the command's own words are still blanked ("remotes" for git remote -v)."""
    deck = deck_of(
        ("git blame <file>", "Show who last changed each line of a file"),
        ("git remote -v", "List remotes with their URLs"),
        *FILLER,
    )
    generator = QuestionGenerator(deck)

    def stem(n: int) -> str:
        return generator.question(deck.cards[n].id, Direction.DEFINITION_TO_TERM, seed=0).stem

    assert stem(0) == "Show who last changed each line of a file"
    assert stem(1) == f"List {BLANK} with their URLs"


def test_a_name_only_a_cross_reference_gives_is_blanked_in_the_stem() -> None:
    deck = deck_of(
        ("First-pass effect", "Loss of drug in the liver (also called first-pass metabolism)"),
        ("First-pass metabolism", "See first-pass effect."),
        *FILLER,
    )
    generator = QuestionGenerator(deck)
    stem = generator.question(deck.cards[0].id, Direction.DEFINITION_TO_TERM, seed=0).stem
    assert stem == f"Loss of drug in the liver (also called {BLANK})"


def test_a_short_key_gets_options_that_open_like_it() -> None:
    """Vocabulary: "the cat" is asked among nouns with their article, "to eat" among
    verbs, when the deck has enough of them; the guessing audit's solver for it stays at
    chance."""
    pairs = [
        ("le chat", "the cat"), ("le chien", "the dog"), ("la maison", "the house"),
        ("la voiture", "the car"), ("le livre", "the book"), ("manger", "to eat"),
        ("boire", "to drink"), ("dormir", "to sleep"), ("courir", "to run"),
        ("parler", "to speak"), ("rouge", "red"), ("bleu", "blue"), ("souvent", "often"),
        ("toujours", "always"), ("demain", "tomorrow"), ("hier", "yesterday"),
    ]  # fmt: skip
    deck = Deck(id="fr", title="Fr", cards=tuple(make_card(t, d) for t, d in pairs))
    generator = QuestionGenerator(deck)
    lexicon = generator.index.lexicon
    for q in every_question(deck, range(4)):
        key = q.options[q.answer]
        shape = opening(key)
        if shape:  # an article or "to": every option opens so
            assert {opening(o) for o in q.options} == {shape}, q
        assert solve(q, lexicon)["opening like the stem"] in (0.25, 1 / len(q.options)), q
    # A short stem says whether a verb is asked for: "to drink" never gets "rouge",
    # "blue" never gets "manger".
    verbs = {t for t, d in pairs if d.startswith("to ")}
    for q in every_question(deck, range(4)):
        if q.direction is Direction.DEFINITION_TO_TERM:
            asked_verb = q.stem.startswith("to ")
            assert all((o in verbs) == asked_verb for o in q.options), q


def test_a_bare_number_or_a_symbol_gets_options_of_its_form() -> None:
    """ "In which year…?" is asked among bare numbers, not beside "100 °C"; "the symbol
    for iron" among symbols, not beside "Mercury", when the deck has enough of them."""
    rows = [
        ("In which year did the Berlin Wall fall?", "1989"),
        ("In which year did the Second World War end?", "1945"),
        ("How many continents are there?", "7"),
        ("How many players are in a football team?", "11"),
        ("At what temperature does water boil at sea level?", "100 °C"),
        ("At what temperature does water freeze in Fahrenheit?", "32 °F"),
        ("What is the chemical symbol for iron?", "Fe"),
        ("What is the chemical symbol for gold?", "Au"),
        ("What is the chemical symbol for sodium?", "Na"),
        ("What is the chemical symbol for mercury?", "Hg"),
        ("Which planet is closest to the Sun?", "Mercury"),
        ("Which planet is the largest?", "Jupiter"),
        ("Which element has the atomic number 1?", "Hydrogen"),
    ]
    deck = Deck(id="q", title="Q", cards=tuple(make_card(t, d) for t, d in rows))
    shapes = {"1989": "number", "1945": "number", "7": "number", "11": "number",
              "Fe": "symbol", "Au": "symbol", "Na": "symbol", "Hg": "symbol"}  # fmt: skip
    assert {text: form(text) for text in shapes} == shapes
    assert form("100 °C") is form("Mercury") is form("cat") is form("Leo Tolstoy") is None
    asked = 0
    for q in every_question(deck, range(6)):
        key = q.options[q.answer]
        if key in shapes:
            asked += 1
            assert {form(o) for o in q.options} == {shapes[key]}, q.options
    assert asked == 8 * 6


def test_an_english_stem_never_says_a_or_an_before_its_blank() -> None:
    """ "an ____" would say the answer opens with a vowel: the stem writes "a(n) ____"."""
    deck = deck_of(
        ("Outlier", "A value far from the others; an outlier can drag the mean with it"),
        ("Enzyme", "A protein that speeds up a reaction; an enzyme is not used up by it"),
        ("Organelle", "A structure inside the cell; an organelle has its own task"),
        *FILLER,
    )
    generator = QuestionGenerator(deck)
    stems = [
        generator.question(card.id, Direction.DEFINITION_TO_TERM, seed=0).stem
        for card in deck.cards[:3]
    ]
    assert stems == [
        f"A value far from the others; a(n) {BLANK} can drag the mean with it",
        f"A protein that speeds up a reaction; a(n) {BLANK} is not used up by it",
        f"A structure inside the cell; a(n) {BLANK} has its own task",
    ]
    # Only in English: the Spanish "a" is a preposition ("se parece a ____").
    spanish = deck_of(
        ("Sesgo", "Error sistemático que se parece a sesgo de muestreo en los datos"),
        ("Varianza", "Medida de la dispersión de los datos alrededor de la media"),
        ("Media", "Suma de los valores dividida entre el número de valores"),
        ("Mediana", "Valor central de los datos ordenados de menor a mayor"),
        ("Moda", "Valor que aparece con mayor frecuencia en los datos"),
    )
    stem = QuestionGenerator(spanish).index.masked_definition(0)
    assert f"a {BLANK}" in stem and "a(n)" not in stem


def test_colliding_terms_load_and_are_never_options_together() -> None:
    pairs = [("ad", "toward"), ("ad-", "to, toward"), ("C", "speed of light"), ("c", "carbon")]
    cards = [make_card(t, d, id=f"card-{n}") for n, (t, d) in enumerate(pairs)]
    cards += [make_card(t, d) for t, d in FILLER]
    deck = Deck(id="t", title="T", cards=tuple(cards))
    ids = [c.id for c in deck.cards]
    for q in every_question(deck, range(6)):
        chosen = set(q.option_card_ids)
        assert not {ids[0], ids[1]} <= chosen and not {ids[2], ids[3]} <= chosen, q.id


def test_areas_are_inferred_for_a_deck_without_topics() -> None:
    deck = load_deck(DATA / "google-ml-glossary-es.csv")
    areas = index_for(deck).area
    clustered = [a for a in areas if a >= 0]
    assert len(clustered) > len(areas) // 2
    assert 1 < len(set(clustered)) < len(clustered)


def test_a_large_deck_without_topics_weighs_a_few_candidates_per_card(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above CLUSTER_EXACT cards without a topic, each card is compared only with the
    cards sharing most of its rare stems: on a deck whose definitions share their words
    (5,000 cards: 12 s of indexing) the areas were quadratic. The areas are still found."""
    import exam_sim.generator.areas as areas_module
    import exam_sim.generator.index as index_module

    words = [
        a + b
        for a in ("ka", "lo", "mi", "ne", "ru", "ta", "po", "si")
        for b in ("bar", "dun", "fel", "gor", "hin", "jas", "kel", "mor")
    ]  # 64
    size = areas_module.CLUSTER_EXACT + 500
    cards = tuple(
        make_card(f"term {n}", f"{words[n % 64]} {words[n // 64 % 64]} folk")
        for n in range(size)
    )  # fmt: skip
    compared: list[int] = []
    real = index_module.DeckIndex.similarities

    def counted(self: index_module.DeckIndex, i: int, others: list[int]) -> list[float]:
        compared.append(len(others))
        return real(self, i, others)

    monkeypatch.setattr(index_module.DeckIndex, "similarities", counted)
    areas = index_module.DeckIndex(Deck(id="big", title="Big", cards=cards)).area
    assert compared and max(compared) <= areas_module.CLUSTER_CANDIDATES
    clustered = [a for a in areas if a >= 0]
    assert len(clustered) > size // 10 and len(set(clustered)) > 1


WORDS = ["pain", "light", "the", "of", "cell", "bone", "energy", "a", "point", "highest"]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12),
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
        ),
        min_size=5,
        max_size=12,
        unique_by=lambda pair: pair[0].casefold(),
    )
)
def test_any_deck_gives_valid_items_without_blanked_options(cards: list) -> None:
    built = [make_card(t, " ".join(w), id=f"c{n}") for n, (t, w) in enumerate(cards)]
    deck = Deck(id="t", title="T", cards=tuple(built))
    for q in generate(deck, seed=1):
        made = sum(map(is_made, q.explanations))  # made options are the key's own
        own = q.option_card_ids.count(q.card_id) - made
        assert own == 1 or q.direction is Direction.TRUE_FALSE
        assert len({o.casefold() for o in q.options}) == len(q.options)
        if q.direction in TWO_WAYS:
            assert not any(BLANK in option for option in q.options)


_SCRIPT = """
import json
from exam_sim.generator import generate
from exam_sim.models import Deck, make_card
words = "alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega rho tau".split()
cards = [make_card(f"{words[n % 13]} {words[n // 13 % 13]} {n}",
                   f"{words[(n * 7) % 13]} of {words[(n * 3) % 13]} with {words[n % 11]} "
                   f"and {words[(n * 5) % 13]} {n % 17}") for n in range(450)]
deck = Deck(id="big", title="Big", cards=tuple(cards))
print(json.dumps([q.model_dump(mode="json") for q in generate(deck, count=40, seed=3)]))
"""


def test_questions_are_the_same_in_every_process() -> None:
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        outputs.append(done.stdout)
    assert json.loads(outputs[0]) and outputs[0] == outputs[1]


# ------------------------------------------------------------------ the large-deck path


def test_the_large_deck_path_keeps_the_cues_at_chance(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decks over `FULL_SCAN_LIMIT` cards draw candidates from sampled pools and word
    indexes (generator/pool.py). On a real word list forced through that path: valid
    items, no second answer, and a cognate ("abscess" for "absceso") never topping "most
    like the stem" unbeaten: such a card is refused as term → definition with a reason,
    so planning asks it the other way."""
    import exam_sim.generator.index as index_module
    import exam_sim.generator.index_cache as index_cache
    from exam_sim.errors import GeneratorError
    from exam_sim.generator.cues import solve

    monkeypatch.setattr(index_module, "FULL_SCAN_LIMIT", 0)
    monkeypatch.setattr(index_cache, "_INDEX_CACHE", type(index_cache._INDEX_CACHE)())
    deck = load_deck(DATA / "eo-espdic-excerpt.txt", term_separator=" : ")
    generator = QuestionGenerator(deck)
    assert generator.index.large
    like_stem: list[float] = []
    refused = 0
    for card in deck.cards[:200]:
        for direction in generator.directions_for(card.id):
            try:
                q = generator.question(card.id, direction, seed=1)
            except GeneratorError as error:  # planning then asks the card the other way
                refused += "spelled like its term" in str(error)
                continue
            assert q.option_card_ids.count(card.id) == 1
            assert len(set(q.options)) == len(q.options)
            if direction is Direction.TERM_TO_DEFINITION:
                like_stem.append(solve(q, generator.index.lexicon)["most like the stem"])
    assert refused, "the deck has cognates: some term → definition items are refused"
    assert len(like_stem) >= 100
    assert sum(like_stem) / len(like_stem) <= 0.35
