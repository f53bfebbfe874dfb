"""The session engine: allocation, planning, the clock, scoring."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from support.sources import OneWaySource

from exam_sim.exam import (
    MEETS,
    NEEDS,
    CardHistory,
    ExamSession,
    Plan,
    SessionError,
    allocate,
    new_attempt,
    plan_mock,
    plan_retry,
    plan_weak,
    rank_weak_cards,
    score,
    topic_threshold,
    weakness,
)
from exam_sim.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    Blueprint,
    Deck,
    Direction,
    Question,
    Topic,
    make_card,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _deck() -> Deck:
    topics = (Topic(id="a", name="Alpha", weight=0.5), Topic(id="b", name="Beta", weight=0.5))
    cards = tuple(
        make_card(f"Term {i}", f"Definition number {i}", topic="a" if i < 4 else "b")
        for i in range(8)
    )
    return Deck(
        id="d", title="D", cards=cards, topics=topics, blueprint=Blueprint(questions=4, minutes=10)
    )


def _questions(deck: Deck, n: int) -> tuple[Question, ...]:
    return tuple(
        Question(
            id=f"q{i}",
            card_id=deck.cards[i].id,
            topic=deck.cards[i].topic,
            direction=Direction.DEFINITION_TO_TERM,
            stem=deck.cards[i].definition,
            options=("w", "x", "y", "z"),
            option_card_ids=("c1", "c2", "c3", "c4"),
            answer=i % 4,
            explanations=("1", "2", "3", "4"),
        )
        for i in range(n)
    )


def _session(
    mode: AttemptMode = AttemptMode.MOCK, minutes: float | None = 10
) -> tuple[ExamSession, FakeClock]:
    deck = _deck()
    clock = FakeClock()
    attempt = new_attempt(deck, Plan(_questions(deck, 8)), mode=mode, minutes=minutes)
    names = {t.id: t.name for t in deck.topics}
    return ExamSession(attempt, clock=clock, topic_names=names), clock


def test_allocate_aws_blueprint_is_13_16_23_13() -> None:
    weights = {"de": 0.20, "eda": 0.24, "mod": 0.36, "ops": 0.20}
    assert allocate(65, weights) == {"de": 13, "eda": 16, "mod": 23, "ops": 13}


@pytest.mark.parametrize("total", [1, 5, 10, 64, 65, 200])
def test_allocate_always_sums_to_total(total: int) -> None:
    assert sum(allocate(total, {"a": 0.2, "b": 0.24, "c": 0.36, "d": 0.2}).values()) == total


def test_topic_threshold_is_pass_share_of_scale() -> None:
    assert topic_threshold(Blueprint()) == pytest.approx(72.22, abs=0.01)


def test_answer_change_flag_and_navigation_are_tracked() -> None:
    session, clock = _session()
    clock.advance(30)
    assert session.answer(2) is None  # a mock gives no feedback
    session.answer(1)
    assert session.answer_state.choice == 1
    assert session.answer_state.changes == 1
    assert session.answer_state.seconds == pytest.approx(30)
    session.toggle_flag()
    assert session.flagged() == [0]
    session.go(5)
    session.clear()
    assert session.unanswered() == [1, 2, 3, 4, 5, 6, 7]
    with pytest.raises(SessionError, match="there is no question 9"):
        session.go(8)
    with pytest.raises(SessionError, match="options 1–4"):
        session.answer(4)


def test_drill_gives_feedback_with_explanations() -> None:
    session, _ = _session(mode=AttemptMode.DRILL, minutes=None)
    feedback = session.answer(0)
    assert (
        feedback is not None and feedback.correct and feedback.explanations == ("1", "2", "3", "4")
    )
    session.next()
    feedback = session.answer(0)
    assert feedback is not None and not feedback.correct and feedback.answer == 1
    assert session.time_left() is None


def test_time_runs_out_and_auto_submits() -> None:
    session, clock = _session(minutes=1)
    session.answer(0)
    clock.advance(59)
    assert not session.tick()
    assert session.time_left() == pytest.approx(1)
    clock.advance(2)
    assert session.tick()
    assert session.attempt.status is AttemptStatus.TIMED_OUT
    assert session.attempt.elapsed_seconds == pytest.approx(60)
    with pytest.raises(SessionError, match="already over"):
        session.answer(1)


def test_score_counts_unanswered_as_wrong_and_scores_each_topic() -> None:
    session, _ = _session()
    for i in range(8):
        session.go(i)
        if i < 4:
            session.answer(i % 4)  # all of topic a right
        elif i == 4:
            session.answer((i + 1) % 4)  # wrong
    report = session.submit()
    assert (report.correct, report.total, report.answered) == (4, 8, 5)
    assert report.scaled == 100 + 450
    assert not report.passed
    alpha, beta = report.topics
    assert (alpha.name, alpha.correct, alpha.total, alpha.verdict) == ("Alpha", 4, 4, MEETS)
    assert (beta.name, beta.correct, beta.total, beta.verdict) == ("Beta", 0, 4, NEEDS)
    assert session.submit() is report  # submitting twice changes nothing


def test_score_perfect_attempt_passes_with_max_scaled() -> None:
    session, _ = _session()
    for i in range(8):
        session.go(i)
        session.answer(i % 4)
    report = score(session.attempt, topic_names={})
    assert report.scaled == 1000 and report.passed


def test_retry_plan_keeps_only_missed_questions_with_reshuffled_options() -> None:
    session, _ = _session()
    session.answer(0)  # right (answer 0)
    session.next()
    session.answer(0)  # wrong (answer 1)
    session.submit()
    plan = plan_retry(session.attempt, seed=3)
    assert [q.card_id for q in plan.questions] == [q.card_id for q in session.questions[1:]]
    for original, retried in zip(session.questions[1:], plan.questions, strict=True):
        assert retried.options[retried.answer] == original.options[original.answer]
        assert sorted(retried.options) == sorted(original.options)


def test_weak_ranking_puts_missed_then_unseen_then_known() -> None:
    deck = _deck()
    history = {
        deck.cards[0].id: CardHistory(seen=5, wrong=0),
        deck.cards[1].id: CardHistory(seen=3, wrong=3),
        deck.cards[2].id: CardHistory(seen=3, wrong=1, confused=2),
    }
    ranked = rank_weak_cards(deck, history)
    assert ranked[0] == deck.cards[1].id
    assert ranked[-1] == deck.cards[0].id
    assert weakness(None) == 0.5
    assert weakness(history[deck.cards[2].id]) > weakness(None)


def _lopsided_deck() -> Deck:
    topics = (Topic(id="a", name="Alpha", weight=0.5), Topic(id="b", name="Beta", weight=0.5))
    cards = tuple(
        make_card(f"Term {i}", f"Definition number {i}", topic="a" if i < 2 else "b")
        for i in range(8)
    )
    return Deck(id="d", title="D", cards=cards, topics=topics)


def test_mock_notes_say_a_short_topic_was_filled_only_when_it_was() -> None:
    source = OneWaySource(_lopsided_deck())
    filled = plan_mock(source, questions=6, seed=1)  # Alpha 2 of 3, Beta gives 4
    assert len(filled.questions) == 6
    assert filled.notes == (
        "Alpha: the deck can ask only 2 of its 3 questions; 1 came from other topics.",
        "Beta asks 4 questions instead of 3 to fill in.",
    )
    short = plan_mock(source, questions=12, seed=1)  # 8 cards, one direction: 8 questions
    assert len(short.questions) == 8
    assert short.notes == (
        "Alpha: the deck can ask only 2 of its 6 questions.",
        "The deck can ask only 8 questions, not 12.",
    )


def test_short_topic_is_filled_by_its_nearest_neighbour() -> None:
    """A 4-topic blueprint where only the first topic is short: its neighbour fills in,
    not the topic with the most to spare further away."""
    topics = tuple(Topic(id=t, name=t.upper(), weight=0.25) for t in "abcd")
    sizes = {"a": 1, "b": 6, "c": 6, "d": 20}
    cards = tuple(
        make_card(f"Card {t}{i}", f"Definition {t} {i} text", topic=t)
        for t, n in sizes.items()
        for i in range(n)
    )
    deck = Deck(id="near", title="Near", cards=cards, topics=topics)
    plan = plan_mock(OneWaySource(deck), questions=12, seed=2)
    per_topic = Counter(q.topic for q in plan.questions)
    assert per_topic == {"a": 1, "b": 5, "c": 3, "d": 3}
    assert "B asks 5 questions instead of 3 to fill in." in plan.notes


def _timed_mock() -> tuple[Attempt, FakeClock]:
    """A new 10-minute mock of three questions, and the clock its session is to read."""
    deck = _deck()
    attempt = new_attempt(deck, Plan(_questions(deck, 3)), mode=AttemptMode.MOCK, minutes=10)
    return attempt, FakeClock()


def test_each_answer_saves_the_clock_with_it(tmp_path: Path) -> None:
    """A kill right after an answer loses neither the answer nor the time used so far."""
    from exam_sim.history import History

    attempt, clock = _timed_mock()
    with History(tmp_path / "history.sqlite3") as store:
        session = ExamSession(attempt, store=store, clock=clock)
        clock.advance(42)
        session.answer(1)
        assert session.attempt.id is not None
        with History(tmp_path / "history.sqlite3") as other:
            stored = other.load_attempt(session.attempt.id)
    assert stored.answers[0].choice == 1
    assert stored.answers[0].seconds == pytest.approx(42)
    assert stored.elapsed_seconds == pytest.approx(42)


def test_weak_plan_says_how_its_cards_were_chosen() -> None:
    deck = _deck()
    source = OneWaySource(deck)
    fresh = plan_weak(source, {}, count=3, seed=1)
    assert fresh.notes[-1] == "No answers on this deck yet, so these are cards you have not seen."
    history = {
        deck.cards[1].id: CardHistory(seen=3, wrong=3),
        deck.cards[2].id: CardHistory(seen=3, wrong=1, confused=2),
        deck.cards[0].id: CardHistory(seen=5, wrong=0),
    }
    plan = plan_weak(source, history, count=3, seed=1)
    assert [q.card_id for q in plan.questions][:2] == [deck.cards[1].id, deck.cards[2].id]
    # The parts add up to the drill's cards (a confusion is told among the misses).
    assert plan.notes[-1] == (
        "Chosen by weakness from your history, of 3 cards: 2 you missed before (1 of "
        "them mistaken for another card), 1 never seen."
    )
    every = plan_weak(source, history, count=len(deck.cards), seed=1)
    assert ", 1 you answered right before, " in every.notes[-1]


def test_the_clock_is_saved_whenever_its_shown_second_changes(tmp_path: Path) -> None:
    """A kill -9 between two actions gives back less than a second: each tick that moves
    the displayed second saves the clock (issue 13, item 6: it used to be every 5 s)."""
    from exam_sim.history import History

    attempt, clock = _timed_mock()
    path = tmp_path / "history.sqlite3"
    with History(path) as store:
        session = ExamSession(attempt, store=store, clock=clock)
        assert session.attempt.id is not None
        for seconds in (0.5, 1.25, 2.125, 3.0625, 3.875):
            clock.now = 1000.0 + seconds
            session.tick()
            with History(path) as other:
                stored = other.load_attempt(session.attempt.id).elapsed_seconds
            assert seconds - 1 < stored <= seconds + 1e-6


def test_the_question_on_screen_keeps_its_seconds_through_a_kill(tmp_path: Path) -> None:
    """A kill while a question is on screen, unanswered, keeps the seconds spent on it:
    the clock's save charges them to the question too, so the per-question (and
    per-topic) times add up to the time used after a resume."""
    from exam_sim.history import History

    attempt, clock = _timed_mock()
    path = tmp_path / "history.sqlite3"
    with History(path) as store:
        session = ExamSession(attempt, store=store, clock=clock)
        assert session.attempt.id is not None
        clock.advance(7.5)
        session.next()  # question 1: 7.5 s, saved on leaving it
        clock.advance(12.25)
        session.tick()  # question 2 on screen, unanswered: then killed
        with History(path) as other:  # what a resume reads
            stored = other.load_attempt(session.attempt.id)
    assert [a.seconds for a in stored.answers[:2]] == [pytest.approx(7.5), pytest.approx(12.25)]
    assert stored.elapsed_seconds == pytest.approx(19.75)
    assert sum(a.seconds for a in stored.answers) == pytest.approx(stored.elapsed_seconds)


class _CountingSource(OneWaySource):
    """Asks every third card in no direction, and counts the cards it was asked about."""

    def __init__(self, deck: Deck) -> None:
        super().__init__(deck)
        self.asked: list[str] = []

    def directions_for(self, card_id: str) -> tuple[Direction, ...]:
        self.asked.append(card_id)
        if int(card_id.rsplit("-", 1)[1]) % 3 == 0:
            return ()
        return (Direction.DEFINITION_TO_TERM, Direction.TERM_TO_DEFINITION)


def _large_deck(per_topic: dict[str, int]) -> Deck:
    topics = tuple(Topic(id=t, name=t.upper(), weight=0.25) for t in per_topic)
    cards = tuple(
        make_card(f"Card {t} {i}", f"Definition {t} {i}", id=f"card-{t}-{i}", topic=t)
        for t, n in per_topic.items()
        for i in range(n)
    )
    return Deck(id="large", title="Large", cards=cards, topics=topics)


def test_a_large_deck_is_planned_from_the_cards_drawn_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above `EXACT_PLAN_LIMIT` cards a mock asks the generator only about the cards it
    draws (each costs a fraction of a millisecond: every card of a 1M-card deck took
    minutes), yet follows the blueprint, one question per card, never an unaskable card,
    and the same seed gives the same plan."""
    from exam_sim.exam import planning, slot_supply

    monkeypatch.setattr(planning, "EXACT_PLAN_LIMIT", 100)
    monkeypatch.setattr(slot_supply, "SHUFFLE_LIMIT", 50)  # random picks, not a shuffle
    deck = _large_deck({"a": 300, "b": 300, "c": 300, "d": 300})
    source = _CountingSource(deck)
    plan = plan_mock(source, questions=20, seed=4)
    assert Counter(q.topic for q in plan.questions) == {"a": 5, "b": 5, "c": 5, "d": 5}
    assert len({q.card_id for q in plan.questions}) == 20
    assert all(int(q.card_id.rsplit("-", 1)[1]) % 3 for q in plan.questions)
    asked_while_planning = len(source.asked)
    assert asked_while_planning < 120  # about 20 / (2/3) drawn, then the 20 built
    again = plan_mock(_CountingSource(deck), questions=20, seed=4)
    assert [q.id for q in again.questions] == [q.id for q in plan.questions]
    other = plan_mock(_CountingSource(deck), questions=20, seed=5)
    assert {q.card_id for q in other.questions} != {q.card_id for q in plan.questions}


def test_a_short_topic_of_a_large_deck_is_filled_from_its_neighbour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A topic whose cards run out (all drawn) asks its other directions, then hands the
    rest to the nearest topic, as on a small deck, and the notes say so."""
    from exam_sim.exam import planning

    monkeypatch.setattr(planning, "EXACT_PLAN_LIMIT", 10)
    deck = _large_deck({"a": 3, "b": 40, "c": 40, "d": 40})  # "a": cards 1, 2 askable
    plan = plan_mock(_CountingSource(deck), questions=40, seed=1)
    per_topic = Counter(q.topic for q in plan.questions)
    assert per_topic["a"] == 4  # two cards, both directions
    assert sum(per_topic.values()) == 40
    assert per_topic["b"] == 16  # the nearest topic gives the 6 missing
    assert "A: the deck can ask only 4 of its 10 questions; 6 came from other topics." in (
        plan.notes
    )


def test_a_drill_on_a_large_deck_asks_only_the_cards_it_draws(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from exam_sim.exam import plan_drill, planning

    monkeypatch.setattr(planning, "EXACT_PLAN_LIMIT", 100)
    deck = _large_deck({"a": 300, "b": 300})
    source = _CountingSource(deck)
    plan = plan_drill(source, topics=["b"], count=10, seed=2)
    assert len(plan.questions) == 10
    assert {q.topic for q in plan.questions} == {"b"}
    assert all(int(q.card_id.rsplit("-", 1)[1]) % 3 for q in plan.questions)
    assert len(source.asked) < 60
    again = plan_drill(_CountingSource(deck), topics=["b"], count=10, seed=2)
    assert [q.id for q in again.questions] == [q.id for q in plan.questions]


def test_a_definition_that_only_spells_out_its_term_is_never_planned() -> None:
    """OLTP's definition, blanked, leaves nothing (an acronym spelled out is asked as what
    it stands for; a long name's acronym cannot be): the card is not drawn, so the mock is
    made of the cards that can be asked and says how many that is."""
    from exam_sim.generator import QuestionGenerator

    cards = (
        make_card("Online transaction processing", "OLTP"),
        make_card("CIA triad", "Confidentiality, integrity and availability"),
        make_card("Router", "Forwards packets between networks by their destination address"),
        make_card("Switch", "Forwards frames inside one local network by hardware address"),
        make_card("Firewall", "Filters traffic against rules at the edge of a network"),
        make_card("Load balancer", "Spreads incoming requests across several servers"),
        make_card("Proxy", "Relays client requests to servers on the client's behalf"),
        make_card("Modem", "Turns digital data into a signal for a telephone or cable line"),
    )
    deck = Deck(id="left-out", title="Left out", cards=cards)
    generator = QuestionGenerator(deck)
    assert generator.directions_for(cards[0].id) == generator.directions_for(cards[1].id) == ()
    plan = plan_mock(generator, questions=20, seed=0)
    assert {q.card_id for q in plan.questions}.isdisjoint({cards[0].id, cards[1].id})
    # One note for a deck without topics, not the same shortfall per topic and in total.
    assert plan.notes == (f"The deck can ask only {len(plan.questions)} questions, not 20.",)


def test_a_drill_says_in_words_when_it_is_short_or_asks_a_card_twice() -> None:
    from exam_sim.exam import plan_drill
    from exam_sim.generator import QuestionGenerator

    cards = (
        make_card("Router", "Forwards packets between networks by their destination address"),
        make_card("Switch", "Forwards frames inside one local network by hardware address"),
        make_card("Firewall", "Filters traffic against rules at the edge of a network"),
        make_card("Load balancer", "Spreads incoming requests across several servers"),
        make_card("Proxy", "Relays client requests to servers on the client's behalf"),
    )
    generator = QuestionGenerator(Deck(id="net", title="Net", cards=cards))
    twice = plan_drill(generator, count=6, seed=0)
    assert "6 questions from 5 cards: 1 of them is asked twice, once in each direction." in (
        twice.notes
    )
    short = plan_drill(generator, count=50, seed=0)
    made = len(short.questions)
    assert f"Only {made} questions could be made from the chosen cards." in short.notes


def _bank(*, cards: bool) -> Deck:
    """Six written items in topics a and b (item i3 tagged "hard"), with the cards of
    `_deck` when `cards`."""
    from exam_sim.authored import Item, ItemKind, ItemOption

    items = tuple(
        Item(id=f"i{n}", kind=ItemKind.SINGLE, stem=f"Written question {n}?",
             topic="a" if n < 3 else "b", tags=("hard",) if n == 3 else (),
             options=tuple(ItemOption(text=f"Option {n}.{k}", correct=k == 0) for k in range(4)))
        for n in range(6)
    )  # fmt: skip
    base = _deck()
    return base.model_copy(update={"items": items, "cards": base.cards if cards else ()})


def test_a_weak_spot_drill_on_a_bank_asks_the_missed_items_first() -> None:
    from exam_sim.exam.items import source_for

    deck = _bank(cards=False)
    source = source_for(deck)
    fresh = plan_weak(source, {}, count=3, seed=1)
    assert [q.card_id for q in fresh.questions] == ["i0", "i1", "i2"]  # deck order
    assert all(q.direction is Direction.AUTHORED for q in fresh.questions)
    assert fresh.notes[-1] == "No answers on this deck yet, so these are items you have not seen."
    history = {"i4": CardHistory(seen=2, wrong=2), "i0": CardHistory(seen=4, wrong=0)}
    plan = plan_weak(source, history, count=3, seed=1)
    assert [q.card_id for q in plan.questions] == ["i4", "i1", "i2"]
    assert plan.notes[-1] == (
        "Chosen by weakness from your history, of 3 items: 1 you missed before, 2 never seen."
    )
    tagged = plan_weak(source, history, count=3, seed=1, tags=("hard",))
    assert [q.card_id for q in tagged.questions] == ["i3"]
    with pytest.raises(SessionError, match=r"^no item matches that choice of topics and tags$"):
        plan_weak(source, history, topics=("c",))


def test_a_weak_spot_drill_ranks_cards_and_items_together() -> None:
    deck = _bank(cards=True)
    source = OneWaySource(deck)
    history = {
        "i5": CardHistory(seen=3, wrong=3),
        deck.cards[2].id: CardHistory(seen=3, wrong=2),
        **{c.id: CardHistory(seen=3, wrong=0) for c in deck.cards if c is not deck.cards[2]},
    }
    plan = plan_weak(source, history, count=4, seed=1, topics=("b",))
    asked = [q.card_id for q in plan.questions]
    assert asked[:1] == ["i5"] and set(asked[1:]) == {"i3", "i4", deck.cards[4].id}
    assert plan.notes[-1] == (
        "Chosen by weakness from your history, of 1 card and 3 items: 1 you missed before, "
        "1 you answered right before, 2 never seen."
    )
