"""An acronym whose card only spells it out ("DNS": "Domain Name System") is asked as what
it stands for, among expansions made of the deck's own words that spell it just as well.
Such cards could not be asked at all before (the only option whose initials spell the
asked acronym gives itself away), so a deck of acronyms, as certification objectives list
them, gave almost no question."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.decks import deck_of

from exam_sim.acronyms import initials_match, lower_case_in, spells
from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import GeneratorError, QuestionGenerator
from exam_sim.generator.cues import solve
from exam_sim.lexicon import norm, words
from exam_sim.models import Deck, Direction, make_card
from exam_sim.present import EXPANSION_PROMPT, PROMPTS, prompt

ACRONYMS = Path(__file__).parent / "data" / "network-acronyms.csv"


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(ACRONYMS)


@pytest.fixture(scope="module")
def generator(deck: Deck) -> QuestionGenerator:
    return QuestionGenerator(deck)


def offered(deck: Deck, card_id: str, seeds: int) -> Counter[str]:
    """How often each option is offered in `seeds` questions of the card."""
    generator = QuestionGenerator(deck)
    return Counter(
        option
        for seed in range(seeds)
        for option in generator.question(card_id, Direction.TERM_TO_DEFINITION, seed=seed).options
    )


def spelled(deck: Deck) -> list[str]:
    """The ids of the cards whose definition only spells out their acronym."""
    return [
        c.id
        for c in deck.cards
        if len(words(c.term)) == 1 and c.term.isupper() and "," not in c.definition
        if c.term != "TTL"  # "To" is no initial
    ]


def test_a_deck_of_acronyms_is_asked_by_what_each_stands_for(
    deck: Deck, generator: QuestionGenerator
) -> None:
    cards = spelled(deck)
    assert len(cards) >= 40
    for card_id in cards:
        assert generator.directions_for(card_id) == (Direction.TERM_TO_DEFINITION,), card_id
    dns = generator.question("dns", Direction.TERM_TO_DEFINITION, seed=0)
    assert dns.stem == "DNS"
    assert dns.options[dns.answer] == "Domain Name System"
    assert len(set(dns.options)) == 4
    # Asked as what it stands for, in those words (not "Which description matches…").
    assert dns.task == EXPANSION_PROMPT and prompt(dns) == "What does this abbreviation stand for?"
    # A card whose definition says more is asked as usual.
    other = deck.card("mac-address")  # "The hardware address of a network interface, …"
    usual = generator.question(other.id, generator.directions_for(other.id)[0], seed=0)
    assert usual.task == "" and prompt(usual) == PROMPTS[usual.direction]
    # Every wrong option says why, and where its words come from.
    for n, why in enumerate(dns.explanations):
        if n != dns.answer:
            assert why.startswith("Made up: '")
            assert "' is from " in why


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), pick=st.integers(0, 10_000))
def test_every_made_expansion_spells_the_acronym_and_is_no_card_s_definition(
    deck: Deck, generator: QuestionGenerator, seed: int, pick: int
) -> None:
    cards = spelled(deck)
    card = deck.card(cards[pick % len(cards)])
    question = generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=seed)
    stop = generator.index.lexicon.stopwords
    definitions = {norm(c.definition) for c in deck.cards}
    assert question.options[question.answer] == card.definition
    assert len(set(map(norm, question.options))) == len(question.options)
    for n, option in enumerate(question.options):
        spelled_by = (words(option), stop, frozenset(), frozenset(), lower_case_in(option))
        assert initials_match(words(card.term)[0], *spelled_by), option
        if n != question.answer:
            assert norm(option) not in definitions  # no second right answer
            assert question.option_card_ids[n] == card.id  # a made option is no card


WORDS = (  # noqa: SIM905 (a word list reads best as text)
    "access active address agent application area array audit backup balancer block "
    "bridge cache central certificate cipher client cloud code common compute content "
    "control data delivery desktop detection device digital direct directory disk domain "
    "dynamic edge elastic encryption endpoint engine event exchange file firewall "
    "gateway general global group host identity index instance interface internet key "
    "layer level load local logic machine managed management media memory message mobile "
    "network node object open operation packet path point policy port private process "
    "protocol public queue record recovery remote request resource route secure server "
    "service session shared signal simple single storage stream system table time token "
    "traffic transfer transport unit user virtual volume web zone"
).split()


@st.composite
def acronym_decks(draw: st.DrawFn) -> Deck:
    """Decks of 6-24 acronyms, each spelled out by 2-4 words of WORDS (some pairs of
    expansions sharing words, some acronyms sharing letters)."""
    cards, seen = [], set()
    for _ in range(draw(st.integers(6, 24))):
        expansion = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=4, unique=True))
        acronym = "".join(w[0] for w in expansion).upper()
        if acronym in seen:
            continue
        seen.add(acronym)
        cards.append(make_card(acronym, " ".join(w.capitalize() for w in expansion)))
    return Deck(id="acronyms", title="Acronyms", cards=cards)


@settings(max_examples=40, deadline=None)
@given(deck=acronym_decks(), seed=st.integers(0, 1_000))
def test_on_any_deck_of_acronyms_a_question_has_one_right_answer(deck: Deck, seed: int) -> None:
    """Whatever the deck: every option spells the acronym, the key is the card's own
    definition, and no made option is any card's definition or a repeat."""
    if len(deck.cards) < 4:
        return
    generator = QuestionGenerator(deck)
    stop = generator.index.lexicon.stopwords
    definitions = {norm(c.definition) for c in deck.cards}
    for card in deck.cards:
        if card.term.lower() in norm(card.definition).split():
            # A recursive acronym ("WEB": "Web Edge Backup") names itself in its expansion:
            # either way round the answer would show, so it is not asked (`check` says so).
            assert generator.directions_for(card.id) == ()
            continue
        assert generator.directions_for(card.id) == (Direction.TERM_TO_DEFINITION,)
        try:
            question = generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=seed)
        except GeneratorError as error:
            assert "usable wrong option" in str(error)  # too few words to swap: said
            continue
        assert question.options[question.answer] == card.definition
        assert len(set(map(norm, question.options))) == len(question.options)
        for n, option in enumerate(question.options):
            assert initials_match(words(card.term)[0], words(option), stop, frozenset())
            assert n == question.answer or norm(option) not in definitions
            said = norm(option).split()
            assert len(set(said)) == len(said), option  # no key here says a word twice


def test_a_recursive_acronym_is_not_asked_and_the_others_are() -> None:
    """Found by the property above: "WEB", "Web Edge Backup", says its own name; asked
    either way round, the answer would show. The deck's other acronyms are asked."""
    deck = Deck(id="acronyms", title="Acronyms", cards=[
        make_card("AA", "Access Active"), make_card("AAA", "Access Active Address"),
        make_card("WEB", "Web Edge Backup"), make_card("AAAA", "Access Active Address Agent"),
    ])  # fmt: skip
    generator = QuestionGenerator(deck)
    asked = {card.term: generator.directions_for(card.id) for card in deck.cards}
    assert asked == {
        "AA": (Direction.TERM_TO_DEFINITION,), "AAA": (Direction.TERM_TO_DEFINITION,),
        "WEB": (), "AAAA": (Direction.TERM_TO_DEFINITION,),
    }  # fmt: skip


def test_a_name_capitalised_among_lower_case_expansions_is_never_borrowed() -> None:
    """A deck writing its expansions in lower case ("arterial blood gas") writes a place's
    or a person's name capitalised (Glasgow Coma Scale): "arterial blood glasgow" would be
    made up at a glance. A word the deck also writes in lower case may still be borrowed."""
    deck = deck_of(
        ("ABG", "arterial blood gas"), ("GCS", "Glasgow Coma Scale"), ("BP", "blood pressure"),
        ("HR", "heart rate"), ("GI", "gastrointestinal bleeding"), ("CBC", "complete blood count"),
        ("BMP", "basic metabolic panel"), ("DVT", "deep vein thrombosis"),
        ("CABG", "coronary artery bypass graft"), ("MI", "myocardial infarction"),
        ("CHF", "congestive heart failure"), ("GFR", "glomerular filtration rate"),
        ("SOB", "shortness of breath"), ("CSF", "cerebrospinal fluid"),
        ("PE", "pulmonary embolism"),
    )  # fmt: skip
    generator, borrowed = QuestionGenerator(deck), Counter[str]()
    for card in deck.cards:
        for seed in range(30) if card.term != "GCS" else ():
            with contextlib.suppress(GeneratorError):  # "HR": too few h- and r- words
                asked = generator.question(card.id, Direction.TERM_TO_DEFINITION, seed=seed)
                borrowed.update(w for option in asked.options for w in norm(option).split())
    assert borrowed["glasgow"] == borrowed["coma"] == 0
    assert borrowed["gastrointestinal"] + borrowed["glomerular"] > 0  # lower case: borrowed


def test_words_from_one_card_are_explained_together() -> None:
    """'bypass' and 'graft' both come from CABG: said once, "'bypass' and 'graft' are from
    CABG", never "'bypass' is from CABG, 'graft' is from CABG"."""
    deck = deck_of(
        ("ABG", "arterial blood gas"), ("CABG", "coronary artery bypass graft"),
        ("BMP", "basic metabolic panel"), ("CBC", "complete blood count"),
        ("AF", "atrial fibrillation"), ("GI", "gastrointestinal bleeding"),
        ("BP", "blood pressure"), ("GERD", "gastroesophageal reflux disease"),
    )  # fmt: skip
    generator = QuestionGenerator(deck)
    said = {
        why
        for seed in range(40)
        for why in generator.question("abg", Direction.TERM_TO_DEFINITION, seed=seed).explanations
    }
    assert "Made up: 'bypass' and 'graft' are from CABG." in said
    for why in said:
        named = re.findall(r"from (\w+)", why)
        assert len(named) == len(set(named)), why


def test_a_made_expansion_never_says_a_word_twice(deck: Deck) -> None:
    """Secure Shell has two words of one initial: swapped for one word twice, "Shortest
    Shortest" would read as made up at a glance."""
    options = offered(deck, "ssh", 60)
    assert "Secure Shell" in options and len(options) >= 6
    for option in options:
        said = norm(option).split()
        assert len(set(said)) == len(said), option


def test_a_made_expansion_is_never_another_card_s_definition() -> None:
    """DR stands for Disaster Recovery, and for Data Recovery too (another card says so):
    made of the deck's words, "Data Recovery" would be a second right answer."""
    deck = deck_of(
        ("DR", "Disaster Recovery"),
        ("DR in storage", "Data Recovery"),
        ("DLP", "Data Loss Prevention"),
        ("DNS", "Domain Name System"),
        ("RPO", "Recovery Point Objective"),
        ("RAID", "Redundant Array of Independent Disks"),
    )
    options = offered(deck, "dr", 40)
    assert "Data Recovery" not in options
    assert options["Disaster Recovery"] == 40
    assert options["Domain Recovery"] > 0  # made of the same words, it is offered


def test_swapped_words_are_never_forms_of_the_key_s_words() -> None:
    """ "Security Sockets Layer" for SSL (Secure Sockets Layer) would be a near-right answer:
    where no stemmer knows the deck's language, spelling tells the forms of a word."""
    deck = deck_of(
        ("SSL", "Secure Sockets Layer"),
        ("SIEM", "Security Information and Event Management"),
        ("SOC", "Security Operations Center"),
        ("SDN", "Software Defined Networking"),
        ("SLA", "Service Level Agreement"),
        ("LDAP", "Lightweight Directory Access Protocol"),
        ("SOCKS", "Socket Secure"),
    )
    options = offered(deck, "ssl", 30)
    assert len(options) > 4  # several made expansions
    for option in options:
        assert not option.startswith("Security "), option
        assert " Socket " not in option, option


def converging(options: tuple[str, ...], answer: int) -> float:
    """A test-wise guess: the option sharing the most words with the others (1/k on a
    k-way tie)."""
    held = [set(words(option)) for option in options]
    shared = [sum(len(h & o) for o in held if o is not h) for h in held]
    best = [n for n, count in enumerate(shared) if count == max(shared)]
    return 1 / len(best) if answer in best else 0.0


def test_the_key_is_no_easier_to_pick_by_its_shape(
    deck: Deck, generator: QuestionGenerator
) -> None:
    """Every made option swaps words of the key, so drawn blindly the key is the option
    most like the others (0.31 over this deck); drawn as `expansions._balanced` and
    `least_guessable` say, neither that guess nor a shape solver beats chance by much."""
    credit: Counter[str] = Counter()
    asked = 0
    for card_id in spelled(deck):
        for seed in range(4):
            question = generator.question(card_id, Direction.TERM_TO_DEFINITION, seed=seed)
            credit.update(solve(question, generator.index.lexicon))
            credit["converging"] += converging(question.options, question.answer)
            asked += 1
    assert credit["converging"] / asked == pytest.approx(0.25, abs=0.02)
    for solver in ("longest option", "odd one out", "most central", "neither odd nor central"):
        assert credit[solver] / asked <= 0.32, (solver, credit[solver] / asked)


def test_too_few_words_to_swap_is_said_not_hidden() -> None:
    deck = deck_of(
        ("DNS", "Domain Name System"),
        ("Kernel", "The core of an operating system"),
        ("Shell", "A program that reads commands"),
        ("Daemon", "A background process"),
    )
    generator = QuestionGenerator(deck)
    assert generator.directions_for("dns") == (Direction.TERM_TO_DEFINITION,)
    with pytest.raises(GeneratorError, match="has 0 usable wrong options as term_to_definition"):
        generator.question("dns", Direction.TERM_TO_DEFINITION, seed=0)


def test_check_does_not_call_two_acronyms_spelled_out_one_thing(deck: Deck) -> None:
    overlaps = [f for f in check_deck(deck) if f.code == "definition-overlap"]
    named = {card_id for f in overlaps for card_id in f.card_ids}
    # "Hypertext Transfer Protocol" and "Simple Mail Transfer Protocol" share words, not a
    # meaning: no card of two acronyms is flagged with another acronym's.
    assert not {"http", "smtp", "ftp", "https", "vpn", "vlan", "lan", "ids", "ips"} & named


async def test_a_made_up_option_chosen_is_no_confusion_and_both_front_ends_say_so(
    deck: Deck, tmp_path: Path
) -> None:
    """Every wrong answer of an acronym drill picked a made expansion, which names no card:
    no confusion is counted, and the TUI and `history confusions` say why in one sentence."""
    import subprocess
    import sys

    from support.tui import open_confusions
    from textual.widgets import Static

    from exam_sim.enums import AttemptMode
    from exam_sim.exam import ExamSession, SessionRequest, plan_session
    from exam_sim.history import History
    from exam_sim.report import NO_CONFUSIONS
    from exam_sim.tui.app import create_app

    db = tmp_path / "history.sqlite3"
    request = SessionRequest(mode=AttemptMode.DRILL, count=6, seed=2)
    with History(db) as history:
        session = ExamSession(plan_session(request, deck).new_attempt(), store=history)
        asked = [n for n, q in enumerate(session.questions) if q.task == EXPANSION_PROMPT]
        assert len(asked) >= 4
        for position in asked:  # the others (MAC address, Subnet mask) left blank
            session.go(position)
            question = session.question
            session.answer((question.answer + 1) % len(question.options))  # a wrong one
        session.submit()
        assert session.report is not None and session.report.correct == 0
        assert history.confusions(deck.id) == []
    said = subprocess.run(
        [sys.executable, "-m", "exam_sim", "--db", str(db), "history", "confusions"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert said == f"{NO_CONFUSIONS}\n"
    app = create_app(db=db, deck=deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_confusions(app, pilot)
        empty = app.screen.query_one("#confusions-empty", Static)
        assert empty.display and str(empty.render()) == NO_CONFUSIONS


@pytest.mark.parametrize(
    ("acronym", "text", "spelled"),
    [
        ("pop3", "Post Office Protocol version 3", True),  # "version" labels the 3
        ("imap4", "Internet Message Access Protocol version 4", True),
        ("ipv6", "Internet Protocol version 6", True),  # here "version" gives its v
        ("wpa2", "Wi-Fi Protected Access 2", True),
        ("pop", "Post Office Protocol version 3", False),  # the 3 is left unsaid
        ("a3", "Alpha Beta 3", False),  # a word of the name gives a letter
        ("p3", "post office version 3", False),  # no name of capitals to stand beside
    ],
)
def test_a_word_in_lower_case_before_the_number_an_acronym_writes_is_passed_over(
    acronym: str, text: str, spelled: bool
) -> None:
    assert spells(acronym, text, frozenset({"of", "to"})) is spelled


def test_made_expansions_keep_the_word_that_labels_the_number(
    deck: Deck, generator: QuestionGenerator
) -> None:
    """POP3's made expansions swap the name's words, never "version": "virtual 3" would
    read as no expansion ever does, and give itself away."""
    for seed in range(8):
        question = generator.question("pop3", Direction.TERM_TO_DEFINITION, seed=seed)
        assert question.task == EXPANSION_PROMPT
        assert all(option.endswith(" version 3") for option in question.options), question
