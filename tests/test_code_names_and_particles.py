"""Names and glosses a programmer's, a power user's or a medical student's deck writes:
names told apart by the signs `fold` drops ("C", "C++", "C#"; "\\d", "\\D"; "(abc)",
"[abc]"), complexities told apart by one sign ("O(n)", "O(n!)"; "O(V + E)", "O(VE)"), one
verb with two particles ("Zoom in", "Zoom out"; "Save", "Save as"), two sides of one thing
("…the beginning…", "…the end…"), enumerations ("a, b or c") that are no list of glosses,
word parts of one form ("hyper-", "-itis", "cardi/o") offered beside their own form. Each
pair names two things, the best wrong option for the other, in the generator and in `check`
alike (docs/generator.md, *the same thing*)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.check import check_deck
from exam_sim.generator import QuestionGenerator
from exam_sim.generator.cues import form
from exam_sim.generator.index import DeckIndex
from exam_sim.generator.synonyms import alternatives, glosses
from exam_sim.gloss_words import particles_apart
from exam_sim.lexicon import Lexicon, option_key
from exam_sim.models import Deck, Direction, make_card
from exam_sim.text import name_signs

DECK = Path(__file__).parent / "data" / "programming-notation.csv"
MEDICAL = Path(__file__).parent / "data" / "medical-word-parts.csv"


def _index(pairs: list[tuple[str, str]]) -> DeckIndex:
    cards = [make_card(term, definition, id=f"c{k}") for k, (term, definition) in enumerate(pairs)]
    cards += [make_card("Paris", "the capital of France"), make_card("Rome", "an Italian city")]
    return QuestionGenerator(Deck(id="d", title="D", cards=cards)).index


def _positions(ix: DeckIndex) -> dict[str, int]:
    return {card.term: k for k, card in enumerate(ix.cards)}


def test_name_signs_keep_what_names_and_fold_the_rest() -> None:
    assert name_signs("C") == ""
    assert name_signs("C++") == "++"
    assert name_signs("C#") == "#"
    assert name_signs("\\d") != name_signs("\\D")  # an escaped letter keeps its case
    assert name_signs("(abc)") != name_signs("[abc]") != name_signs("(?:abc)")
    assert name_signs("[A-Z]") == name_signs("[a-z]") == "[a-z]"  # other letters are folded
    assert name_signs("O(n)") != name_signs("O(n!)")
    # Words and parentheses after a space are no code: their signs name nothing.
    assert name_signs("Mercury (planet)") == name_signs("Hello") == ""


@given(st.text(max_size=20))
def test_name_signs_read_case_alike_but_for_escapes(name: str) -> None:
    if "\\" not in name:
        assert name_signs(name) == name_signs(name.upper().lower())
    assert name_signs(name) == name_signs(f"  {name} ")


def test_names_told_apart_by_their_signs_are_two_things() -> None:
    ix = _index([
        ("C", "a systems language created at Bell Labs"),
        ("C++", "an extension of the systems language with classes"),
        ("C#", "a language created by Microsoft for .NET"),
        ("\\d", "any digit"), ("\\D", "any character that is not a digit"),
        ("(abc)", "capturing group"), ("(?:abc)", "non-capturing group"),
        ("[abc]", "one of the letters a, b or c"),
    ])  # fmt: skip
    at = _positions(ix)
    for one, other in [("C", "C++"), ("C", "C#"), ("C++", "C#"), ("\\d", "\\D"),
                       ("(abc)", "(?:abc)"), ("(abc)", "[abc]"), ("(?:abc)", "[abc]")]:  # fmt: skip
        assert not ix.same_thing(at[one], at[other]), (one, other)
    # As options they are two as well (`option_key`).
    assert len({option_key(name) for name in ("C", "C++", "C#", "\\d", "\\D")}) == 5


def test_one_name_written_twice_is_still_one() -> None:
    ix = _index([("AWS", "Amazon's cloud"), ("aws", "the cloud of Amazon"), ("x", "a letter")])
    assert ix.same_thing(0, 1)


def test_complexities_told_apart_by_one_sign_are_two() -> None:
    ix = _index([
        ("Linear search", "O(n)"), ("Brute-force salesman", "O(n!)"),
        ("Breadth-first search", "O(V + E)"), ("Bellman-Ford", "O(VE)"),
        ("Dijkstra", "O((V + E) log V)"), ("Prim", "O(E log V)"),
    ])  # fmt: skip
    for i, j in [(0, 1), (2, 3), (4, 5)]:
        assert not ix.same_thing(i, j), (ix.definitions[i], ix.definitions[j])
    assert option_key("O(n)") != option_key("O(n!)")


def test_one_verb_with_two_particles_is_two_actions() -> None:
    pairs = [
        ("Ctrl+Plus", "Zoom in"), ("Ctrl+Minus", "Zoom out"), ("Ctrl+S", "Save"),
        ("Ctrl+Shift+S", "Save as"), ("F11", "Turn on full screen"),
        ("Esc", "Turn off full screen"), ("Win+L", "Log out"), ("Ctrl+Alt+Del", "Log in"),
    ]  # fmt: skip
    ix = _index(pairs)
    for k in range(0, len(pairs), 2):
        assert not ix.same_thing(k, k + 1), pairs[k : k + 2]
    # Particles are no stems: a gloss naming another verb is not made like it by them.
    assert Lexicon("english").stems("to cave in") == Lexicon("english").stems("to cave")


def test_particles_apart_reads_only_short_glosses_of_one_verb() -> None:
    assert particles_apart("Zoom in", "Zoom out")
    assert particles_apart("Save", "Save as")
    assert not particles_apart("Zoom in", "Zoom in")
    # Other words besides the particles: no one verb ("absorbed in", "absorbing").
    assert not particles_apart("absorbed in", "absorbing")
    long = "Zoom in on the selected part of the drawing until it fills the whole window"
    assert not particles_apart(long, long.replace(" in ", " out "))


def test_two_sides_of_one_thing_are_two_and_the_masked_stem_has_one_answer() -> None:
    ix = _index([
        ("Ctrl+Home", "Go to the beginning of the document"),
        ("Ctrl+End", "Go to the end of the document"),
        ("ultra vires", "beyond one's legal power or authority"),
        ("intra vires", "within one's legal power or authority"),
    ])  # fmt: skip
    assert not ix.same_thing(0, 1)
    assert not ix.same_thing(2, 3)
    # "Ctrl+End" names "end": its definition is asked with a blank, which "Ctrl+Home"'s
    # definition would fill as well; so it is never an option there.
    generator = QuestionGenerator(load_deck(DECK))
    for seed in range(6):
        question = generator.question("ctrl-end", Direction.DEFINITION_TO_TERM, seed=seed)
        assert "____" in question.stem
        assert "Ctrl+Home" not in question.options


def test_an_enumeration_is_no_list_of_glosses() -> None:
    assert glosses("red, green and blue") == []
    assert glosses("a, b or c") == []
    assert alternatives("any character except a, b or c") == []
    # A bracket's "or" ends nothing: the pieces stay glosses.
    assert glosses("demolition, termination, (computing or military) abort") == [
        "demolition",
        "termination",
        "(computing or military) abort",
    ]
    assert glosses("to stay, to remain") == ["to stay", "to remain"]
    ix = _index([("RGB", "red, green and blue"), ("RYB", "red, yellow and blue")])
    assert not ix.synonym_of.get(0, frozenset()) & ix.synonym_of.get(1, frozenset())


def test_check_agrees_with_the_generator_on_the_deck() -> None:
    deck = load_deck(DECK)
    findings = check_deck(deck)
    codes = {(f.code, tuple(sorted(f.card_ids))) for f in findings}
    assert not [c for c in codes if c[0] in ("duplicate-term", "duplicate-definition")], codes
    assert not [c for c in codes if c[0] == "near-duplicate"], codes
    assert not [f for f in findings if f.code == "synonyms"]
    generator = QuestionGenerator(deck)
    ix = generator.index
    at = _positions(ix)
    for one, other in [("\\d", "\\D"), ("C", "C++"), ("Ctrl+S", "Ctrl+Shift+S"),
                       ("Linear search", "Traveling salesman (brute force)"),
                       ("[abc]", "[^abc]")]:  # fmt: skip
        assert not ix.same_thing(at[one], at[other]), (one, other)


def test_check_still_calls_a_typo_a_near_duplicate_but_not_a_word_put_for_another() -> None:
    cards = [
        make_card("colour wheel", "a circle of hues"),
        make_card("color wheel", "hues arranged around a circle by their relations"),
        make_card("Ctrl+Shift+S", "Save as"),
        make_card("Ctrl+Shift+Esc", "Open Task Manager"),
        make_card("Paris", "the capital of France"),
    ]
    findings = [f for f in check_deck(Deck(id="d", title="D", cards=cards))
                if f.code == "near-duplicate"]  # fmt: skip
    named = [set(f.card_ids) for f in findings]
    assert {"colour-wheel", "color-wheel"} in named
    assert not any("ctrl-shift-s" in ids for ids in named)


def test_word_parts_have_forms_a_guesser_tells_apart() -> None:
    assert [form(t) for t in ("hyper-", "-itis", "-iĉ-", "cardi/o")] == [
        "prefix", "suffix", "infix", "combining form"
    ]  # fmt: skip
    # Words with a hyphen or a slash, and ions, are no word parts.
    assert [form(t) for t in ("e-mail", "and/or", "Cl-", "ClO4-", "a-vorto")] == [None] * 5


def test_a_word_part_is_offered_beside_word_parts_of_its_form() -> None:
    deck = load_deck(MEDICAL)
    generator = QuestionGenerator(deck)
    asked = 0
    for card in deck.cards:
        if Direction.DEFINITION_TO_TERM not in generator.directions_for(card.id):
            continue
        for seed in range(3):
            question = generator.question(card.id, Direction.DEFINITION_TO_TERM, seed=seed)
            assert {form(option) for option in question.options} == {form(card.term)}, (
                question.stem,
                question.options,
            )
            asked += 1
    assert asked >= 60


def test_a_parenthesis_two_names_close_on_says_which_kind() -> None:
    # Before, "binary heap" was read as a name of both: never options for each other
    # (each is the other's likeliest wrong option), and `check` called them near-duplicates.
    cards = [
        make_card("Dijkstra's algorithm (binary heap)", "O((V + E) log V)"),
        make_card("Prim's algorithm (binary heap)", "O(E log V)"),
        make_card("Merge sort", "O(n log n)"),
        make_card("Binary search", "O(log n)"),
        make_card("Linear search", "O(n)"),
    ]
    deck = Deck(id="d", title="D", cards=cards)
    assert not [f for f in check_deck(deck) if f.code in ("near-duplicate", "definition-alike")]
    generator = QuestionGenerator(deck)
    assert not generator.index.same_thing(0, 1)
    options = generator.question(cards[0].id, Direction.TERM_TO_DEFINITION, seed=0).options
    assert "O(E log V)" in options


def test_which_parentheses_two_terms_share_are_kinds() -> None:
    from exam_sim.term_labels import shared_labels

    assert shared_labels(["Python (language)", "Java (language)", "Rust"]) == {"language"}
    assert not shared_labels(["买 (mǎi)", "卖 (mài)"])  # a reading two words share
    assert not shared_labels(["Support vector machine (SVM)", "Max-margin classifier (SVM)"])
    assert not shared_labels(["Amazon S3 (storage)", "amazon s3 (storage)"])  # one name


def test_check_advises_writing_a_shared_abbreviation_as_a_kind() -> None:
    # "(SVM)" spells out "Support vector machine": a name of it, so of both, the safe side.
    cards = [
        make_card("Support vector machine (SVM)", "Separates classes by the widest margin."),
        make_card("Maximum-margin classifier (SVM)", "A classifier of the widest margin."),
        make_card("Merge sort", "Sorts by merging halves."),
    ]
    (finding,) = [f for f in check_deck(Deck(id="d", title="D", cards=cards))
                  if f.code == "near-duplicate"]  # fmt: skip
    assert "write it without brackets ('Support vector machine, SVM')" in finding.message
