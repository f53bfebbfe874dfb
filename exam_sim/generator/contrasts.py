"""Two definitions that say two sides of one thing: "the left atrium and the left
ventricle" and "the right atrium and the right ventricle" (the mitral valve and the
tricuspid), "predicted the negative class… was not spam" and "predicted the positive
class… was spam" (a false negative and a false positive). Nearly the same text, they
were read as one card written twice and never offered together, though each is the
other's best wrong option.

Two definitions are apart when what one says and the other does not is words of a
contrast, each matched to its other side (`CONTRASTS`: left/right, positive/negative,
male/female…, in English, Spanish, French and German), with at most the language's
function words and negations besides ("no era spam" / "era spam"); or when they are word
for word the same with contrasts swapped in place ("from the client to the server" /
"from the server to the client"). Any other word that differs ("sits" / "lies") may be a
rewording of one fact, and the two stay one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from exam_sim.generator.wording import NEGATIONS as ENGLISH_NEGATIONS
from exam_sim.lexicon import words

# Each pair: the two sides of one thing, folded as `lexicon.words` folds (no accents).
CONTRASTS = frozenset(
    frozenset(pair.split("/"))
    for pair in (  # noqa: SIM905 (a word list reads best as text)
        # English
        "left/right upper/lower inner/outer internal/external anterior/posterior "
        "superior/inferior medial/lateral proximal/distal dorsal/ventral input/output "
        "inbound/outbound ingress/egress upload/download upstream/downstream "
        "maximum/minimum max/min increase/decrease increases/decreases increased/decreased "
        "raise/lower raises/lowers high/low higher/lower highest/lowest positive/negative "
        "true/false before/after first/last start/end open/closed north/south east/west "
        "horizontal/vertical synchronous/asynchronous sync/async public/private "
        "primary/secondary above/below inside/outside read/write reads/writes "
        "encrypt/decrypt encryption/decryption client/server sender/receiver buy/sell "
        "import/export male/female masculine/feminine man/woman men/women boy/girl father/mother "
        "grandfather/grandmother brother/sister son/daughter husband/wife king/queen "
        "uncle/aunt he/she him/her formal/informal singular/plural sg/pl "
        "systolic/diastolic arterial/venous afferent/efferent "
        "sympathetic/parasympathetic agonist/antagonist endothermic/exothermic "
        "acidic/basic allow/deny enable/disable static/dynamic stateful/stateless "
        "supervised/unsupervised horizontally/vertically leading/trailing prefix/suffix "
        "head/tail uppercase/lowercase ascending/descending forward/backward add/remove "
        "adds/removes insert/delete inserts/deletes push/pop pushes/pops parent/child "
        "predecessor/successor ancestor/descendant numerator/denominator anode/cathode "
        "cation/anion oxidation/reduction acid/base toward/away towards/away "
        "beginning/end begin/end within/beyond early/late earlier/later earliest/latest "
        "fast/slow faster/slower long/short longer/shorter large/small larger/smaller "
        "largest/smallest big/small many/few more/less most/least old/new older/newer "
        "oldest/newest hot/cold warm/cool light/dark heavy/light wet/dry hard/soft "
        "strong/weak thick/thin wide/narrow deep/shallow full/empty rich/poor good/bad "
        "best/worst better/worse success/failure win/lose gain/loss profit/loss "
        "credit/debit asset/liability income/expense entry/exit arrival/departure "
        "send/receive sends/receives give/take accept/reject include/exclude "
        "inclusive/exclusive explicit/implicit active/passive direct/indirect "
        "absolute/relative concrete/abstract local/remote local/global physical/virtual "
        "physical/logical manual/automatic major/minor plus/minus odd/even yes/no "
        "visible/hidden show/hide top/bottom front/back on/off in/out up/down over/under "
        "concave/convex acute/chronic benign/malignant flexion/extension "
        "abduction/adduction pronation/supination inspiration/expiration inhale/exhale "
        "constriction/dilation contraction/relaxation anabolic/catabolic bull/bear "
        "bullish/bearish lender/borrower creditor/debtor employer/employee "
        "landlord/tenant plaintiff/defendant buyer/seller "
        # Spanish
        "izquierda/derecha izquierdo/derecho positivo/negativo positiva/negativa "
        "positivos/negativos positivas/negativas verdadero/falso verdadera/falsa "
        "maximo/minimo maxima/minima entrada/salida masculino/femenino hombre/mujer "
        "padre/madre abuelo/abuela hermano/hermana hijo/hija nino/nina rey/reina "
        "superior/inferior aumenta/disminuye alto/bajo alta/baja antes/despues "
        # French
        "gauche/droite positif/negatif positive/negative vrai/faux maximum/minimum "
        "entree/sortie masculin/feminin homme/femme pere/mere frere/soeur fils/fille "
        "roi/reine haut/bas avant/apres "
        # German
        "links/rechts positiv/negativ wahr/falsch eingabe/ausgabe mannlich/weiblich "
        "mann/frau vater/mutter bruder/schwester sohn/tochter konig/konigin oben/unten "
        "vor/nach"
    ).split()
)
# Word openings that make two sides of one word: hyper/hypo-tension, over/under-fitting,
# en/de-code, sub/super-class… (what follows at least PREFIXED_LEAST letters), and
# openings whose other side is the bare word: compress/decompress, labeled/unlabeled,
# connect/disconnect (what follows at least BARE_LEAST letters: "deliver" is no unmade
# "liver", nor "disease" an undone "ease").
PREFIX_PAIRS = tuple(
    tuple(pair.split("/"))
    for pair in (  # noqa: SIM905
        "hyper/hypo over/under pre/post intra/extra inter/intra endo/exo micro/macro "
        "homo/hetero en/de in/ex im/ex in/out up/down sub/super mono/poly uni/multi "
        "on/off min/max"
    ).split()
)
BARE_PREFIXES = ("de", "un", "non", "dis")
PREFIXED_LEAST = 4
BARE_LEAST = 6
# A name is chosen with care: its opening is read whatever follows it, and every opening
# that denies the bare word counts ("valid" / "invalid", "legal" / "illegal", "labeled"
# / "unlabeled", "online" / "offline"): `check` calls no such pair of names one name with
# a typo.
NAME_NEGATIONS = ("un", "non", "in", "dis", "im", "ir", "il", "de", "anti", "no", "mis")

# Words that deny what follows them; one definition may say one where the other does not
# ("no era spam" / "era spam") beside its contrast: the English ones `negation_apart`
# reads, and those of the other languages of `CONTRASTS`.
NEGATIONS = ENGLISH_NEGATIONS | frozenset(
    "nunca sin ne pas non jamais sans nicht kein keine keinen ohne nie".split()  # noqa: SIM905
)


# Personal pronouns a gloss of a verb's form opens with ("I speak", "you (informal)
# speak", "he/she speaks", "you all speak"), folded: English ones in every deck, as most
# lists gloss in English, the others in a deck in their language ("el" is an article
# too, "es" a verb). Persons are sides of one thing, more than two.
_PERSONS = {
    "english": frozenset("i you he she it we they thou".split()),  # noqa: SIM905
    "spanish": frozenset(
        "yo tu el ella usted nosotros nosotras vosotros vosotras ellos ellas ustedes".split()  # noqa: SIM905
    ),
    "french": frozenset("je j tu il elle on nous vous ils elles".split()),  # noqa: SIM905
    "german": frozenset("ich du er sie es wir ihr".split()),  # noqa: SIM905
}
# The persons read in a deck of each language: English ones, and the language's own.
_PERSONS_IN = {language: _PERSONS["english"] | persons for language, persons in _PERSONS.items()}
# Words that may stand in the person a gloss opens with: "you all", "he/she", "you both".
_PERSON_WORDS = frozenset({"all", "both", "and", "or", "two", "y", "et", "und"})


def _person(folded_words: list[str], persons: frozenset[str]) -> tuple[str, ...]:
    """The person a gloss opens with ("you all" of "you all (informal) speak"), or ()."""
    if not folded_words or folded_words[0] not in persons:
        return ()
    opening = []
    for word in folded_words:
        if word not in persons and word not in _PERSON_WORDS:
            break
        opening.append(word)
    return tuple(opening)


def persons_apart(definition: str, other: str, language: str = "") -> bool:
    """Do two glosses open with two persons ("I speak", "you (informal) speak", "we
    speak": `hablo`, `hablas`, `hablamos`)? Then they are two forms of one verb, each the
    other's best wrong option, not one meaning: personal pronouns are stop words, so the
    stems alone read them as one."""
    persons = _PERSONS_IN.get(language, _PERSONS["english"])
    mine, theirs = _person(words(definition), persons), _person(words(other), persons)
    return bool(mine and theirs and mine != theirs)


def number_apart(definition: str, other: str) -> bool:
    """Do two glosses say one thing, one in the singular and the other in the plural, and
    only so ("the horse", "the horses": *le cheval*, *les chevaux*; "dog", "dogs")? Two
    forms of one word, each the other's best wrong option (the caller keeps this to
    glosses: two sentences alike but for a plural say one thing)."""
    mine, theirs = words(definition), words(other)
    if len(mine) != len(theirs):
        return False
    differ = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
    if len(differ) != 1:
        return False
    short, long = sorted(differ[0], key=len)
    return long in (short + "s", short + "es") or (
        short.endswith("y") and long == short[:-1] + "ies"
    )


def contrast_apart(definition: str, other: str, function_words: Collection[str] = ()) -> bool:
    """Do the two definitions say two sides of one thing (the module says when)?"""
    mine, theirs = words(definition), words(other)
    if mine == theirs:
        return False
    if len(mine) == len(theirs) and all(
        is_contrast(a, b) for a, b in zip(mine, theirs, strict=True) if a != b
    ):
        return True
    said, other_said = Counter(mine), Counter(theirs)
    only = [w for w in (said - other_said).elements() if _weighs(w, function_words)]
    other_only = [w for w in (other_said - said).elements() if _weighs(w, function_words)]
    if not only or len(only) != len(other_only):
        return False
    for word in only:
        side = next((w for w in other_only if is_contrast(word, w)), None)
        if side is None:
            return False
        other_only.remove(side)
    return True


def _weighs(word: str, function_words: Collection[str]) -> bool:
    """Does a word that only one definition says count against their being apart?"""
    return word not in NEGATIONS and word not in function_words


def is_contrast(word: str, other: str, *, names: bool = False) -> bool:
    """Are two folded words the two sides of one thing: a pair of `CONTRASTS`, or one word
    with two openings of `PREFIX_PAIRS` ("hypertension", "hypotension") or with and
    without one of `BARE_PREFIXES` ("compress", "decompress")? With `names`, words of two
    names: any length after the openings, and every opening of NAME_NEGATIONS."""
    if frozenset((word, other)) in CONTRASTS:
        return True
    least = 1 if names else PREFIXED_LEAST
    for a, b in PREFIX_PAIRS:
        for x, y in ((word, other), (other, word)):
            if (
                x.startswith(a)
                and y.startswith(b)
                and len(x) - len(a) >= least
                and x[len(a) :] == y[len(b) :]
            ):
                return True
    short, long = sorted((word, other), key=len)
    if names:
        return any(long == p + short for p in NAME_NEGATIONS)
    return len(short) >= BARE_LEAST and any(long == p + short for p in BARE_PREFIXES)
