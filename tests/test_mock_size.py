"""How many questions the next mock asks (`exam.mock_size`): Home says it beside M, and the
mock that starts asks exactly that many. Home said "16 q · 16 min" of a deck of 12 clozes
and 4 cross-references, and the mock asked 12."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.tui import exam_screen
from textual.widgets import OptionList

from exam_sim.decks import resolve_deck
from exam_sim.exam import mock_size, plan_mock
from exam_sim.exam.items import source_for
from exam_sim.tui.app import create_app
from exam_sim.tui.screens.home import HomeScreen

DATA = Path(__file__).parent / "data"
CAPITALS = {
    "Paris": "France",
    "Berlin": "Germany",
    "Madrid": "Spain",
    "Rome": "Italy",
    "Lisbon": "Portugal",
    "Vienna": "Austria",
    "Warsaw": "Poland",
    "Prague": "Czechia",
    "Oslo": "Norway",
    "Athens": "Greece",
    "Dublin": "Ireland",
    "Helsinki": "Finland",
}


def _cloze_deck(tmp_path: Path) -> Path:
    """12 clozes (each asked one way) and 4 cross-references (never asked): 16 cards that
    make 12 questions."""
    lines = ["#separator:tab", "#html:true"]
    lines += [
        f"{{{{c1::{city}}}}} is the capital of {country}.\t" for city, country in CAPITALS.items()
    ]
    lines += [
        "Capital city\tsee Paris",
        "Metropolis\tsee Berlin",
        "Town\tsee Rome",
        "Burg\tsee Oslo",
    ]
    return _written(tmp_path / "capitals.txt", lines)


def _written(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "spec",
    [
        "aws-ml-specialty",
        "aws-mla-c01",
        str(DATA / "authored.toml"),
        str(DATA / "bank.gift"),
        str(DATA / "decks-native.toml"),  # 6 cards: 5 run out of wrong options
        str(DATA / "network-acronyms.csv"),  # each card one way: capacity = blueprint
        str(DATA / "de-nouns-wiktionary-masculine.tsv"),
        str(DATA / "cloud-glossary.md"),
        "capitals",
    ],
)
def test_the_mock_asks_as_many_questions_as_said(spec: str, tmp_path: Path) -> None:
    deck = resolve_deck(str(_cloze_deck(tmp_path)) if spec == "capitals" else spec)
    source = source_for(deck)
    size = mock_size(deck, source)
    for seed in (1, 2, 3):
        assert len(plan_mock(source, seed=seed).questions) == size.questions


def test_a_topic_no_question_can_be_made_of_leaves_the_mock_its_length(tmp_path: Path) -> None:
    """Six acronyms of one shape ("LAN", "WAN", … "Area Network") make no question: the
    other topics' other directions stand in. The mock asked 12 of its 18 questions, while
    Home said 18."""
    rows = [("LAN", "Local"), ("WAN", "Wide"), ("MAN", "Metropolitan"), ("PAN", "Personal"),
            ("SAN", "Storage"), ("WLAN", "Wireless Local")]  # fmt: skip
    lines = ["Term,Definition,Topic"]
    lines += [f"{short},{long} Area Network,Acronyms" for short, long in rows]
    lines += [f"{name},{port},Ports" for name, port in
              [("SSH", 22), ("Telnet", 23), ("SMTP", 25), ("HTTP", 80), ("HTTPS", 443),
               ("RDP", 3389)]]  # fmt: skip
    lines += [
        "Latency,The time a packet takes to travel from its source to its destination.,Perf",
        "Jitter,The variation in packet delay over time.,Perf",
        "Throughput,The amount of data moved successfully in a given time.,Perf",
        "Bandwidth,The maximum rate a link can carry.,Perf",
        "Packet loss,Packets that never reach their destination.,Perf",
        "Congestion,Too much traffic for a link to carry at once.,Perf",
    ]
    deck = resolve_deck(str(_written(tmp_path / "network.csv", lines)))
    source = source_for(deck)
    plan = plan_mock(source, seed=1)
    assert len(plan.questions) == 18 == mock_size(deck, source).questions
    assert not any(q.topic == "acronyms" for q in plan.questions)
    # The notes count the questions made: the topic's share went to the others.
    assert (
        plan.notes[0]
        == "Acronyms: the deck can ask only 0 of its 6 questions; 6 came from other topics."
    )
    assert plan.notes[-1] == (
        "6 cards could not be asked: too few wrong options that would not also be right."
    )
    assert sum(int(note.split(" asks ")[1].split()[0]) for note in plan.notes[1:-1]) == 18


def test_a_short_mock_keeps_the_blueprints_pace() -> None:
    deck = resolve_deck(str(DATA / "decks-native.toml"))  # 6 questions in 15 minutes
    size = mock_size(deck, source_for(deck))
    assert (size.questions, size.minutes) == (1, 2.5)
    assert size.said() == "1 q · 2.5 min"
    # Without the generator (a large deck not yet indexed): the blueprint's.
    assert mock_size(deck).said() == "6 q · 15 min"
    bundled = resolve_deck("aws-ml-specialty")
    assert mock_size(bundled, source_for(bundled)).said() == "65 q · 180 min"


async def test_home_says_the_mock_the_deck_can_make_and_m_starts_it(tmp_path: Path) -> None:
    deck = _cloze_deck(tmp_path)
    app = create_app(db=tmp_path / "history.sqlite3", seed=7, deck=str(deck))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_until_open()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        mock = app.screen.query_one("#actions", OptionList).get_option("mock")
        assert str(mock.prompt) == "M  Mock exam  12 q · 12 min"
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = exam_screen(app)
        assert screen.session.total == 12
        assert screen.session.attempt.time_limit_seconds == 12 * 60
