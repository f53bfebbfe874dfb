"""`exam_sim.lexicon`, the word rules the generator and the `check` linter share, and the
property that holds the two to them: on any deck, `check` reports a cross-reference
between two cards exactly when the generator links them (`DeckIndex.same_group`)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exam_sim.acronyms import acronym_mentions, initials_match, looks_like_acronym, spelled_out
from exam_sim.card_names import name_variants
from exam_sim.decks.check import check_deck
from exam_sim.generator.index_cache import index_for
from exam_sim.lexicon import (
    Lexicon,
    capitalised,
    comparison_parts,
    cross_reference_target,
    guess_language,
    split_target,
    words,
)
from exam_sim.models import Deck, make_card
from exam_sim.text import split_aliases

# --------------------------------------------------------------------------- references


@pytest.mark.parametrize(
    ("definition", "target"),
    [
        ("See X.", "x"),
        ("SEE LOSS", "loss"),
        ("see also the Loss function", "loss function"),
        ("Another name for Early Stopping.", "early stopping"),
        ("Synonym of dropout", "dropout"),
        ("Synonym for dropout", "dropout"),
        ("Same as the ROC curve", "roc curve"),
        ("Also called AUC", "auc"),
        ("Also known as: k-means", "k means"),
        ("aka kNN", "knn"),
        ("Short for Long Short-Term Memory", "long short term memory"),
        ("See 'Loss'.", "loss"),
        ("see the loss; it is used for training", "loss"),
        ("Sinónimo de pérdida.", "perdida"),
        ("Consulta la pérdida al cuadrado.", "perdida al cuadrado"),
        ("Consulta tambien agrupamiento", "agrupamiento"),
        ("Véase también regularización", "regularizacion"),
        ("Ver también: pérdida", "perdida"),
        ("Abreviatura de aprendizaje automático.", "aprendizaje automatico"),
        ("Siehe Verlust", "verlust"),
        ("Voir aussi perte", "perte"),
        ("See loss and cost.", "loss and cost"),
    ],
)
def test_cross_reference_wordings(definition: str, target: str) -> None:
    assert cross_reference_target(definition) == target


@pytest.mark.parametrize(
    "definition",
    [
        "A full pass over the data. See epoch.",  # the reference is not the first sentence
        "Seeing is believing",
        "Sees every example once per epoch.",
        "See how the model learns from data and makes predictions about every single example.",
        "Same",
        "The same",
    ],
)
def test_definitions_that_are_not_cross_references(definition: str) -> None:
    assert cross_reference_target(definition) is None


def test_split_target_points_at_every_card_named() -> None:
    assert split_target("loss and cost") == ["loss", "cost"]
    assert split_target("loss and the cost") == ["loss", "cost"]
    assert split_target("perdida y el costo") == ["perdida", "costo"]
    assert split_target("loss or cost") == ["loss", "cost"]
    assert split_target("loss function") == ["loss function"]


def test_comma_separated_targets_are_split() -> None:
    target = cross_reference_target("See loss, cost.")
    assert target is not None and split_target(target) == ["loss", "cost"]


def test_a_reference_followed_by_a_clause_is_prose() -> None:
    assert cross_reference_target("Same as L2 loss, but without the square root.") is None


def test_cf_with_a_dot_is_a_cross_reference() -> None:
    assert cross_reference_target("Cf. bagging") == "bagging"


# --------------------------------------------------------------------------- names


def test_comparison_parts() -> None:
    assert comparison_parts("CPU vs GPU") == ("CPU", "GPU")
    assert comparison_parts("Accuracy vs. Precision vs. Recall") == (
        "Accuracy",
        "Precision",
        "Recall",
    )
    assert comparison_parts("Collaborative Filtering v.s. content-based filtering") == (
        "Collaborative Filtering",
        "content-based filtering",
    )
    assert comparison_parts("Semantic Segmentation & Instance Segmentation") == (
        "Semantic Segmentation",
        "Instance Segmentation",
    )
    assert comparison_parts("Precision compared to recall") == ("Precision", "recall")
    assert comparison_parts("Batch Transform") == ()
    assert comparison_parts("A/B") == ()  # sides shorter than three letters are no names
    assert comparison_parts("L1 vs L2") == ()


def test_name_variants() -> None:
    assert name_variants("Probability Mass Function (PMF)") == ("Probability Mass Function", "PMF")
    assert name_variants("tasa de verdaderos positivos (tasa de VP) (true positive rate)") == (
        "tasa de verdaderos positivos",
        "tasa de VP",
        "true positive rate",
    )
    assert name_variants("Loss") == ()


def test_a_parenthesis_glued_to_a_word_is_notation_not_a_name() -> None:
    """ "dict.get(k, d)" is one name: its arguments are no alias (two such cards shared the
    'alias' "k, d" and were called near-duplicates, never options for each other)."""
    for notation in ("dict.get(k, d)", "list.pop([i])", "O(n log n)", "f(x)", "P(A|B)"):
        assert name_variants(notation) == ()
        assert split_aliases(notation) == (notation, ())
    assert name_variants("f(x) (the function)") == ("f(x)", "the function")
    # An abbreviation written without its space is still one.
    assert split_aliases("Support Vector Machines(SVM)")[1] == ("Support Vector Machines", "SVM")
    assert name_variants("Amazon Augmented AI(A2I)") == ("Amazon Augmented AI", "A2I")


def test_initials_and_acronyms() -> None:
    stop = Lexicon("english").stopwords
    assert initials_match("oltp", ["online", "transaction", "processing"], stop)
    assert initials_match("oltp", ["on", "line", "transaction", "processing"], stop)
    assert initials_match("bow", ["bag", "of", "words"], stop)
    assert not initials_match("oltp", ["offline", "batch", "processing"], stop)
    # A word's second letter starts no compound's second word, but for an h (SH of Shell).
    assert initials_match("ssh", ["secure", "shell"], stop)
    assert not initials_match("tid", ["times", "a", "day"], stop)
    assert acronym_mentions("three times a day", ["TID"], stop) == []
    assert looks_like_acronym("OLTP") and looks_like_acronym("BoW") and looks_like_acronym("k-NN")
    assert not looks_like_acronym("Word")
    text = "Online Transaction Processing systems handle many small writes."
    assert acronym_mentions(text, ["OLTP"], stop) == ["online transaction processing"]
    spelled = ["Online Transaction Processing"]
    assert acronym_mentions("Systems for OLTP handle writes.", spelled, stop) == ["OLTP"]
    assert acronym_mentions("A BoW model counts words.", ["bag of words"], stop) == ["BoW"]
    assert acronym_mentions("A model that counts words.", ["OLTP"], stop) == []


def test_acronym_expansions_as_people_write_them() -> None:
    stop = Lexicon("english").stopwords
    # A word in capitals is an acronym itself and gives all its letters.
    assert acronym_mentions("Virtual LAN: one broadcast domain.", ["VLAN"], stop) == ["virtual lan"]
    assert initials_match("pppoe", ["ppp", "over", "ethernet"], stop, frozenset({"ppp"}))
    assert not initials_match("pppoe", ["ppp", "over", "ethernet"], stop)
    assert acronym_mentions("Systems on a Virtual LAN.", ["Virtual LAN"], stop) == []
    assert acronym_mentions("Put it on a VLAN.", ["Virtual LAN"], stop) == ["VLAN"]
    # The longest expansion from a start, not the first that fits ("recovery point"
    # would spell RPO with the "o" of "point").
    text = "Recovery point objective: how much data may be lost."
    assert acronym_mentions(text, ["RPO"], stop) == ["recovery point objective"]
    # A list comes in its pieces (a blank covers no comma), each once.
    text = "Authentication, authorization and accounting."
    assert acronym_mentions(text, ["AAA"], stop) == [
        "authentication",
        "authorization and accounting",
    ]
    # Numbers are passed over, as stop words are.
    text = "Angiotensin II receptor blocker, such as losartan."
    assert acronym_mentions(text, ["ARB"], stop) == ["angiotensin ii receptor blocker"]
    assert initials_match("arb", ["angiotensin", "2", "receptor", "blocker"], stop)
    # A two-letter symbol inside a sentence ("Vd"), never one opening a sentence, where a
    # word has a capital too.
    text = "The apparent volume a drug would occupy; Vd."
    assert acronym_mentions(text, ["Volume of distribution"], stop) == ["Vd"]
    assert acronym_mentions("Vd is what it says. Vd is.", ["Volume of distribution"], stop) == []
    # Never across a sentence end: "N/A. N" does not spell NaN.
    assert acronym_mentions("It becomes N/A.\nN/A means no number.", ["NaN"], stop) == []
    # A word after a hyphen inside a word may give no letter ("Fi" of "Wi-Fi"), a number
    # its digits, and "ex…" or "cross" an X, as people write these acronyms.
    assert spelled_out("WPA2", "Wi-Fi Protected Access 2", stop) == "wpa2"
    assert spelled_out("HIDS", "Host-based Intrusion Detection System", stop) == "hids"
    assert spelled_out("SSO", "Single Sign-On", stop) == "sso"
    assert spelled_out("XSS", "Cross-Site Scripting", stop) == "xss"
    assert spelled_out("XDR", "Extended Detection and Response", stop) == "xdr"
    assert spelled_out("XDR", "Detection and Response", stop) is None
    assert spelled_out("WPA", "Wireless Fidelity Protected Access", stop) is None  # F
    text = "Originally Mobile Edge Computing, renamed Multi-access Edge Computing in 2016."
    # An expansion never ends on what it may pass over ("… Computing in 2016").
    assert acronym_mentions(text, ["MEC"], stop) == [
        "mobile edge computing",
        "multi access edge computing",
    ]


# --------------------------------------------------------------------------- languages


def test_guess_language() -> None:
    english = "The model is trained on the data and it is used for the predictions of the values."
    spanish = "El modelo se entrena con los datos y se usa para las predicciones de los valores."
    german = "Das Modell wird mit den Daten trainiert und für die Vorhersagen der Werte genutzt."
    assert guess_language([english] * 2) == "english"
    assert guess_language([spanish] * 2) == "spanish"
    assert guess_language([german] * 2) == "german"
    assert guess_language(["the"]) == ""  # too little text to tell
    assert guess_language(["短い言葉"] * 20) == ""  # a script without a stemmer


def test_stems_join_word_forms() -> None:
    english = Lexicon("english")
    assert english.stem("translation") == english.stem("translate") == english.stem("translated")
    assert english.stems("The translation of documents") == english.stems("translate a document")
    assert "the" in english.stopwords and "the" not in english.stems("the text")
    assert Lexicon("").stem("models") == "model"  # no language: the plural rule only


def test_words_fold_and_split_cjk() -> None:
    assert words("機械学習") == ["機", "械", "学", "習"]
    assert words("Pérdida al CUADRADO") == ["perdida", "al", "cuadrado"]
    assert words("snake_case k-means") == ["snake", "case", "k", "means"]


def test_short_content_words_are_not_stop_words() -> None:
    stop = Lexicon("english").stopwords
    assert not {"text", "test", "line", "zero", "name", "high"} & stop


def test_voiced_kana_stay_distinct() -> None:
    assert words("ガラス") == ["ガ", "ラ", "ス"]
    assert Lexicon("").stems("ガラス") != Lexicon("").stems("カラス")


# --------------------------------------------------------------------------- one reading

# Made-up names: no phrase word, article or conjunction among them.
NAMES = ("zorblat", "quintex", "mavel", "drupon", "feltrix", "gambor", "hulvane", "jessop",
         "korvid", "lumbert", "nattix", "pellow", "rostane", "sulvo")  # fmt: skip
WORDINGS = (
    "See {}", "See also {}", "Another name for {}", "Synonym of {}", "Synonym for {}",
    "Same as {}", "Also called {}", "Also known as {}", "Short for {}", "Sinónimo de {}",
    "Consulta {}", "Consulta también {}", "Véase {}", "Otro nombre para {}", "Siehe {}",
)  # fmt: skip
ARTICLES = ("", "the ", "The ", "la ", "el ")
JOINERS = (" and ", " y ", " or ")
CASES = (str, str.lower, str.upper, str.title)


@st.composite
def referring_decks(draw: st.DrawFn) -> tuple[Deck, dict[str, set[str]]]:
    """A small deck where some definitions only refer to other cards, in any wording and
    case, with or without an article, by term or by the name inside its parentheses,
    to one card or to two ("X and Y"); and which cards each one refers to."""
    size = draw(st.integers(4, 9))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=size, max_size=size, unique=True))
    seconds = draw(st.lists(st.sampled_from(NAMES), min_size=size, max_size=size))
    cards = []
    spellings: list[list[str]] = []  # how a reference may name each card
    for n, (name, second) in enumerate(zip(names, seconds, strict=True)):
        shape = draw(st.sampled_from(("one", "two", "paren")))
        if shape == "one":
            term, ways = name.title(), [name]
        elif shape == "two":
            term, ways = f"{name.title()} {second}", [f"{name} {second}"]
        else:  # the short name inside parentheses is a name of the card too
            short = f"{name[:3]}{n}".upper()
            term, ways = f"{name.title()} {second} ({short})", [f"{name} {second}", short]
        cards.append(term)
        spellings.append(ways)
    refers: dict[int, set[int]] = {}
    definitions = []
    for n in range(size):
        if draw(st.booleans()):
            targets = draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=2, unique=True))
            named = []
            for t in targets:
                way = draw(st.sampled_from(spellings[t]))
                named.append(draw(st.sampled_from(ARTICLES)) + draw(st.sampled_from(CASES))(way))
            joiner = draw(st.sampled_from(JOINERS))
            text = draw(st.sampled_from(WORDINGS)).format(joiner.join(named))
            text = draw(st.sampled_from(CASES[:2]))(text) if draw(st.booleans()) else text
            text += draw(st.sampled_from(("", ".", ". It is used a lot.", "\nMore text here.")))
            refers[n] = {t for t in targets if t != n}
        else:
            text = f"Definition number {n} of a made up thing, long enough to read."
        definitions.append(text)
    deck = Deck(
        id="refs",
        title="Refs",
        cards=tuple(
            make_card(term, definition, id=f"c{n}")
            for n, (term, definition) in enumerate(zip(cards, definitions, strict=True))
        ),
    )
    expected = {f"c{a}": {f"c{b}" for b in targets} for a, targets in refers.items()}
    return deck, expected


def _groups(edges: dict[str, set[str]], ids: list[str]) -> dict[str, frozenset[str]]:
    """Each card's connected group (cards without a link are left out)."""
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    for a, targets in edges.items():
        for b in targets:
            parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for i in ids:
        groups.setdefault(find(i), set()).add(i)
    return {i: frozenset(g) for g in groups.values() if len(g) > 1 for i in g}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(referring_decks())
def test_check_and_generator_read_cross_references_alike(
    example: tuple[Deck, dict[str, set[str]]],
) -> None:
    deck, expected = example
    ids = [card.id for card in deck.cards]
    reported = {
        f.card_ids[0]: set(f.card_ids[1:]) for f in check_deck(deck) if f.code == "cross-reference"
    }
    # The linter finds every referring card, and the very cards it refers to.
    assert reported == expected
    # The generator links exactly those pairs (and what they chain to), no other.
    index = index_for(deck)
    linked = {ids[i]: frozenset(ids[j] for j in group) for i, group in index.same_group.items()}
    assert linked == _groups(reported, ids)
    for a, targets in reported.items():
        for b in targets:
            assert index.same_thing(ids.index(a), ids.index(b))


# ------------------------------------------------------------ fast paths, same answers
# The generator's hot paths take shortcuts on ASCII text; each must give exactly what the
# general rule gives, or questions would change with the speed-up.

_TEXT = st.text(alphabet=st.sampled_from("aZb_Q 09é,.-()ñ\n\tABxyzCJ" + "データ学習"), max_size=60)


@given(_TEXT)
def test_ascii_words_are_the_general_rule(text: str) -> None:
    from exam_sim.lexicon import WORD, fold

    assert words(text) == WORD.findall(fold(text))


@given(_TEXT)
def test_capitalised_tokens_are_words_with_two_capitals(text: str) -> None:
    import re

    from exam_sim.acronyms import _CAPITALISED

    expected = [w for w in re.findall(r"[^\W_]+", text) if len(re.findall("[A-Z]", w)) >= 2]
    assert _CAPITALISED.findall(text) == expected


@pytest.mark.parametrize("language", ["english", "spanish", ""])
@given(text=_TEXT)
def test_stems_are_the_stems_of_the_content_words(language: str, text: str) -> None:
    from exam_sim.lexicon import formula_stem
    from exam_sim.text import is_code, is_formula

    lexicon = Lexicon(language)
    expected = frozenset(lexicon.stem(w) for w in lexicon.content_words(text))
    if is_formula(text) or is_code(text):  # "0 - 0", "f()": one more stem, itself folded
        expected |= {formula_stem(text)}
    assert lexicon.stems(text) == expected
    assert Lexicon(language).stems(text, words(text)) == expected


@given(st.lists(st.text(alphabet=st.sampled_from("aZb_Q 09é,.-()ñ\n\t\x00\x7fAB" + "データ"),
                        max_size=30), max_size=12),
       st.integers(1, 5))  # fmt: skip
def test_bulk_norm_is_norm_of_each_text(texts: list[str], chunk: int) -> None:
    """`norm_all` (bulk bytes translation of ASCII texts, chunk by chunk) gives `norm`'s
    strings, whatever the mix of ASCII and other texts, and texts holding a NUL."""
    import exam_sim.lexicon as lexicon_module
    import exam_sim.text as text_module

    saved = text_module.BULK_CHUNK
    text_module.BULK_CHUNK = chunk
    try:
        assert lexicon_module.norm_all(texts) == [lexicon_module.norm(t) for t in texts]
    finally:
        text_module.BULK_CHUNK = saved


_REFERRING = st.builds(
    lambda phrase, rest: phrase + rest,
    st.sampled_from(["See", "see also", "Cf.", " Another name for", "Sinónimo de", "Véase", "The",
                     "same as", "AKA", "¿", ""]),
    _TEXT,
)  # fmt: skip


@given(_REFERRING)
def test_a_reference_opens_its_folded_words_with_a_phrase(definition: str) -> None:
    """The index looks for cross-references only among definitions that pass
    `may_be_reference` (on their folded words): none that fails it may be one."""
    from exam_sim.lexicon import may_be_reference, norm

    if cross_reference_target(definition) is not None:
        assert may_be_reference(norm(definition))


_PROSE = st.text(alphabet=st.sampled_from("ab lr ov ABLRV Vd II 2 ,.:;\n-"), max_size=50)


@given(text=_PROSE, name=st.sampled_from(["VLAN", "ABR", "Vd", "Local area network", "BoW"]))
def test_every_expansion_found_is_a_run_of_the_texts_words(text: str, name: str) -> None:
    """Whatever the text, an acronym's expansions found are runs of its words (so a
    blank can cover each), and an acronym or symbol found is written in it."""
    stop = Lexicon("english").stopwords
    tokens = words(text)
    joined = f" {' '.join(tokens)} "
    for found in acronym_mentions(text, [name], stop):
        if " " in found or found.islower():
            assert f" {found} " in joined, (found, tokens)
        else:
            assert found in text


@given(st.text(max_size=20))
def test_capitalised_changes_the_first_letter_only(text: str) -> None:
    """One rule for every sentence a screen opens with: the first letter a capital, the
    rest as written (`str.capitalize` lowered "AWS" in "mark it: AWS Glue")."""
    out = capitalised(text)
    assert out.startswith(text[:1].upper()) and out.endswith(text[1:])  # "ß…" → "SS…"
    assert len(out) - len(text[1:]) == len(text[:1].upper())
    assert capitalised("aws Glue and SageMaker") == "Aws Glue and SageMaker"
