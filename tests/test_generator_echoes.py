"""Question cards whose answer repeats the question's words ("What does a load balancer
do?" → "A load balancer distributes …") are asked from the answer, those words blanked,
with questions as options: among other answers the key was the one naming the question's
subject, found by 92 % of guesses on such a deck."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from exam_sim.decks import load_deck
from exam_sim.decks.audit import audit_deck
from exam_sim.generator import BLANK, QuestionGenerator
from exam_sim.generator.echoes import masked_answer
from exam_sim.lexicon import Lexicon
from exam_sim.models import CardKind, Deck, Direction, make_card
from exam_sim.present import prompt

DATA = Path(__file__).parent / "data"
QA = DATA / "system-design-qa.csv"


def test_a_deck_of_answers_restating_their_questions_is_asked_from_the_answers() -> None:
    deck = load_deck(QA)
    generator = QuestionGenerator(deck)
    card = deck.cards[0]  # What does a load balancer do? → A load balancer distributes …
    assert generator.directions_for(card.id) == (Direction.ANSWER_TO_QUESTION,)
    q = generator.question(card.id, Direction.ANSWER_TO_QUESTION, seed=1)
    assert q.stem.startswith(f"A(n) {BLANK} distributes incoming requests")
    assert "load" not in q.stem.lower() and "balancer" not in q.stem.lower()
    assert q.options[q.answer] == "What does a load balancer do?"
    assert all(o.endswith("?") for o in q.options)  # every option a question, as written
    assert len({c for c in q.option_card_ids}) == 4
    assert prompt(q) == "Which question does this answer?"
    # The review shows the answer under each question.
    assert q.explanations[q.answer].endswith("so that no single server is overwhelmed.")


def test_no_shallow_cue_finds_the_key_on_such_a_deck() -> None:
    """`check`'s guessing audit: 92-94 % for the stem cues before, asked question → answer."""
    (scores,) = audit_deck(load_deck(QA)).directions
    assert scores.direction is Direction.ANSWER_TO_QUESTION and scores.cards == 30
    assert max(scores.credits.values()) <= 0.3, scores.credits
    assert not scores.guessable


def test_an_answer_that_does_not_repeat_its_question_is_asked_as_before() -> None:
    cards = [
        make_card(f"What is thing {name}?", f"The {name} thing is a {kind}.")
        for name, kind in (("alpha", "fish"), ("beta", "bird"), ("gamma", "tree"),
                           ("delta", "stone"), ("epsilon", "cloud"))
    ]  # fmt: skip
    cards.append(make_card("Who wrote Hamlet?", "Shakespeare, around 1600."))
    deck = Deck(id="q", title="Q", cards=tuple(cards))
    generator = QuestionGenerator(deck)
    assert generator.directions_for(cards[-1].id) == (Direction.QUESTION_TO_ANSWER,)
    assert generator.directions_for(cards[0].id) == (Direction.ANSWER_TO_QUESTION,)


def test_with_too_few_other_questions_to_offer_it_stays_question_to_answer() -> None:
    """Two question cards among terms: not enough questions to be the options."""
    cards = [
        make_card("What does a load balancer do?", "A load balancer spreads requests."),
        make_card("What does a cache do?", "A cache keeps recent data close."),
        *(make_card(f"Term {n}", f"Definition number {n} of a plain card") for n in range(6)),
    ]
    generator = QuestionGenerator(Deck(id="m", title="M", cards=tuple(cards)))
    assert generator.directions_for(cards[0].id) == (Direction.QUESTION_TO_ANSWER,)


word = st.sampled_from(
    ["cache", "caches", "server", "servers", "queue", "queues", "load", "loads", "data",
     "request", "requests", "node", "nodes", "storage", "balancer", "proxy", "proxies"]
)  # fmt: skip


@settings(max_examples=60)
@given(st.lists(word, min_size=1, max_size=3), st.lists(word, min_size=2, max_size=12))
def test_the_masked_answer_keeps_no_word_of_the_question(
    asked: list[str], answered: list[str]
) -> None:
    question = f"What is the {' '.join(asked)}?"
    answer = " ".join(answered) + "."
    cards = (
        make_card(question, answer, kind=CardKind.QUESTION),
        *(make_card(f"Filler {n}", f"Some other text {n}") for n in range(4)),
    )
    generator = QuestionGenerator(Deck(id="h", title="H", cards=cards))
    ix = generator.index
    masked = masked_answer(ix, 0)
    lexicon = Lexicon("english")
    assert not (lexicon.stems(masked) & lexicon.stems(question))


def test_a_name_of_several_words_repeated_whole_is_one_blank() -> None:
    """ "____ as ____ describes servers…" kept the "as" of *infrastructure as code*, and
    the one option with a word between two others was the key."""
    deck = load_deck(QA)
    generator = QuestionGenerator(deck)
    question = generator.question(
        "what-is-infrastructure-as-code", Direction.ANSWER_TO_QUESTION, seed=1
    )
    assert question.stem == (
        f"{BLANK} describes servers and networks in versioned files that a tool applies."
    )


@settings(max_examples=60)
@given(
    st.lists(word, min_size=1, max_size=2, unique=True),
    st.sampled_from(["as", "of", "in", "for", "and"]),
    st.lists(word, min_size=1, max_size=2, unique=True),
)
def test_a_phrase_of_the_question_repeated_in_the_answer_leaves_no_inner_word(
    before: list[str], inner: str, after: list[str]
) -> None:
    phrase = f"{' '.join(before)} {inner} {' '.join(after)}"
    cards = (
        make_card(f"What is {phrase}?", f"The {phrase} keeps every copy apart.",
                  kind=CardKind.QUESTION),
        *(make_card(f"Filler {n}", f"Some other text {n}") for n in range(4)),
    )  # fmt: skip
    masked = masked_answer(QuestionGenerator(Deck(id="p", title="P", cards=cards)).index, 0)
    assert masked.endswith(f"{BLANK} keeps every copy apart.")
    assert masked.count(BLANK) == 1


def test_a_confusion_between_questions_quotes_them() -> None:
    from exam_sim.history.records import Confusion
    from exam_sim.report import confusion_sentence

    asked = Confusion("qa", "dns", "What does DNS do?", "cdn", "What is a CDN used for?", 2)
    assert confusion_sentence(asked) == (
        "you took “What is a CDN used for?” for “What does DNS do?” 2 times"
    )
    named = Confusion("aws", "translate", "Amazon Translate", "transcribe", "Amazon Transcribe", 1)
    assert confusion_sentence(named) == "you took Amazon Transcribe for Amazon Translate once"


def test_questions_end_with_the_question_mark_of_their_script() -> None:
    from exam_sim.text import looks_like_question

    assert looks_like_question("ロードバランサーとは何ですか？")  # full-width
    assert looks_like_question("ما هي ذاكرة التخزين المؤقت؟")  # Arabic
    assert looks_like_question("Τι είναι η μνήμη cache\u037e")  # Greek
    assert not looks_like_question("ロードバランサー")


def test_kana_and_ideographs_repeated_from_the_question_are_blanked() -> None:
    """Japanese and Chinese have no spaces: the subject is the run both texts share."""
    from exam_sim.generator.echoes import repeated_runs

    assert repeated_runs(
        "レプリケーションとは何ですか？", "レプリケーションは同じデータを保持します。"
    ) == {"レプリケーション"}
    assert repeated_runs("什么是负载均衡器？", "负载均衡器把请求分发到多台服务器。") == {
        "负载均衡器"
    }
    # Hiragana alone are particles and endings, not a subject.
    assert repeated_runs("これは何ですか？", "これはペンです。") == set()
    assert repeated_runs("What is a cache?", "A cache keeps data.") == set()
    cards = tuple(
        make_card(f"{name}とは何ですか？", f"{name}は{does}。")
        for name, does in (("キャッシュ", "最近のデータを保存します"),
                           ("ファイアウォール", "通信を選別します"),
                           ("レプリケーション", "データのコピーを保持します"),
                           ("オートスケーリング", "インスタンスを増減します"),
                           ("ロードバランサー", "リクエストを分散します"))
    )  # fmt: skip
    generator = QuestionGenerator(Deck(id="ja", title="JA", cards=cards))
    (direction,) = generator.directions_for(cards[0].id)
    q = generator.question(cards[0].id, direction, seed=0)
    assert q.stem == f"{BLANK}は最近のデータを保存します。"


def test_a_large_deck_asks_from_the_answer_what_it_could_not_ask_from_the_question() -> None:
    """Past `index.FULL_SCAN_LIMIT` cards the echoes are not counted one by one; a question
    whose answer restates it was refused ("its answer is spelled like its question and
    no other answer comes as close": 38 of 65 cards of a 20,000-card deck) and left out."""
    import random

    rng = random.Random(3)
    adjectives = ["fast", "cold", "hot", "edge", "private", "public", "shared", "durable"]
    nouns = ["cache", "queue", "proxy", "gateway", "router", "broker", "bucket", "vault"]
    verbs = ["stores", "routes", "filters", "encrypts", "replicates", "retries", "signs"]
    things = ["requests", "packets", "messages", "files", "records", "keys", "sessions"]
    cards = []
    for n in range(700):
        name = f"{rng.choice(adjectives)} {rng.choice(nouns)} {n}"
        answer = f"A {name} {rng.choice(verbs)} {rng.choice(things)} for {rng.choice(things)}."
        cards.append(make_card(f"What does a {name} do?", answer))
    deck = Deck(id="big", title="Big", cards=tuple(cards))
    generator = QuestionGenerator(deck)
    assert generator.index.large
    for card in rng.sample(cards, 15):
        (direction,) = generator.directions_for(card.id)
        assert direction is Direction.ANSWER_TO_QUESTION
        q = generator.question(card.id, direction, seed=1)  # no GeneratorError
        assert q.options[q.answer] == card.term and BLANK in q.stem
