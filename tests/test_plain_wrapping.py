"""A `--plain` session on a terminal wraps its lines between words at the terminal's width
(options and explanations going on under their text); into a pipe it wraps nothing."""

from __future__ import annotations

import io
import itertools
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from fcntl import ioctl
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from exam_sim.commands.wrapping import LEAST_TEXT, wrap_line, wrapping

# Words of every width: Latin, accented, CJK (two cells a character), long ones to fold.
WORD = st.sampled_from(
    ["a", "to", "model", "Überanpassung", "日本語", "猫", "hyperparameter-optimisation",
     "x" * 70, "(PII)", "—", "3.14"]
)  # fmt: skip
LINE = st.builds(
    lambda marker, words: marker + " ".join(words),
    st.sampled_from(["", "A) ", "  ✓ B) ", "  step 2: C) ", "  1. ", "✗ Wrong: "]),
    st.lists(WORD, min_size=1, max_size=30),
)


@given(LINE, st.integers(min_value=1, max_value=120))
def test_a_wrapped_line_fits_and_keeps_every_word_in_order(line: str, width: int) -> None:
    wrapped = wrap_line(line, width).split("\n")
    if cell_len(line) <= width or width < LEAST_TEXT:  # too narrow: as written
        assert wrapped == [line]
        return
    assert all(cell_len(piece) <= width for piece in wrapped), wrapped
    # Nothing is lost or moved: only breaks and indentation are added (a word longer than
    # the width is folded, so the text compares without its spaces).
    assert "".join("".join(wrapped).split()) == "".join(line.split())


def test_continuation_lines_go_on_under_the_text_after_the_marker() -> None:
    option = "B) " + "a wrong option that says rather a lot about itself " * 2
    lines = wrap_line(option, 40).split("\n")
    assert lines[0].startswith("B) a wrong")
    assert all(line.startswith("   ") and line[3] != " " for line in lines[1:])
    why = "  ✗ C) KNN — Supervised algorithm that classifies a point from its neighbours"
    assert [line[:7] for line in wrap_line(why, 30).split("\n")[1:]] == ["       "] * 3
    # Beside a marker too wide for the width, the text goes on at the margin.
    assert wrap_line("  step 12: D) " + "word " * 8, 30).split("\n")[1].startswith("word")


def test_into_a_pipe_nothing_is_wrapped() -> None:
    stream = io.StringIO()
    text = "A) " + "word " * 40 + "\nshort\n"
    wrapping(stream).write(text)
    assert stream.getvalue() == text


def _on_a_terminal(argv: list[str], answers: str, columns: int, home: Path) -> list[str]:
    """Run exam-sim with stdout on a pseudo-terminal `columns` wide; its lines."""
    main, child = pty.openpty()
    ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "exam_sim", *argv],
        stdin=subprocess.PIPE, stdout=child, stderr=child,
        env={**os.environ, "EXAM_SIM_HOME": str(home)},
    )  # fmt: skip
    os.close(child)
    assert process.stdin is not None
    process.stdin.write(answers.encode())
    process.stdin.close()
    out = b""
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        assert ready, "no output for 60 s"
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal: all is read
            break
        if not chunk:
            break
        out += chunk
    os.close(main)
    assert process.wait(timeout=60) == 0, out.decode()
    return out.decode().replace("\r\n", "\n").split("\n")


def _too_wide(lines: list[str], width: int) -> list[str]:
    return [line for line in lines if cell_len(line) > width]


def test_a_plain_drill_on_a_narrow_terminal_breaks_no_word(tmp_path: Path) -> None:
    lines = _on_a_terminal(
        ["drill", "aws-ml-specialty", "--plain", "--count", "3", "--seed", "5"],
        "b\na\nc\nsubmit\ny\n", 60, tmp_path,
    )  # fmt: skip
    assert not _too_wide(lines, 60)
    text = "\n".join(lines)
    # The first question's explanation of D, as the drill wraps it: under its text.
    assert "  ✓ D) Semantic Segmentation & Instance Segmentation —\n       Computer-vision" in text
    # Every word of every explanation is whole: joined again, the lines give the sentence.
    assert "Computer-vision algorithms that classify each pixel." in " ".join(
        line.strip() for line in lines
    )


def test_a_report_table_wider_than_the_terminal_wraps_names_within_their_column() -> None:
    from support.history import make_attempt, report_for

    from exam_sim.report import render_report

    report = report_for(make_attempt(), {0: 0, 1: 0, 2: 2})
    long_name = "Machine Learning Implementation and Operations"
    topics = (report.topics[0].model_copy(update={"name": long_name}), *report.topics[1:])
    report = report.model_copy(update={"topics": topics})
    whole = render_report(report)
    assert f"  {long_name}  " in whole  # no width: the table as wide as it needs
    assert render_report(report, width=200) == whole
    lines = render_report(report, width=60).split("\n")
    row = next(n for n, line in enumerate(lines) if line.startswith("  Machine"))
    assert all(len(line) <= 60 for line in lines[row - 1 : row + 4])
    # The name goes on under itself; the counts and the verdict stay on its first line.
    first = lines[row]
    assert first.rstrip().endswith(("Needs improvement", "Meets competencies"))
    rest = list(itertools.takewhile(lambda line: "/" not in line and "(" not in line,
                                    lines[row + 1 :]))  # fmt: skip
    assert rest and all(line.startswith("  ") and line[2] != " " for line in rest)
    assert " ".join([first[2:].split("  ")[0], *(line.strip() for line in rest)]) == long_name
    # The other rows' counts stand in the same column as this one's.
    column = first.index("/")
    assert all(line.index("/") == column for line in lines if "%  " in line)


def test_a_plain_mock_report_fits_an_80_column_terminal(tmp_path: Path) -> None:
    lines = _on_a_terminal(
        ["exam", "aws-ml-specialty", "--plain", "--questions", "4", "--seed", "9"],
        "a\nb\nc\nd\nsubmit\ny\n", 80, tmp_path,
    )  # fmt: skip
    assert not _too_wide(lines, 80)
    row = next(n for n, line in enumerate(lines) if line.startswith("  Machine Learning"))
    assert lines[row].endswith("0/1    0.0 %  ✗ Needs improvement")
    assert lines[row + 1] == "  Operations"


def test_check_on_a_terminal_wraps_a_finding_under_its_message(tmp_path: Path) -> None:
    deck = tmp_path / "words.tsv"
    deck.write_text("term\tdefinition\ttags\n" + "".join(f"{w}\tthe {w} word\tgroup{n % 2}\n"
                            for n, w in enumerate(["cat", "dog", "bird", "fish", "cow"])),
                    encoding="utf-8")  # fmt: skip
    path_line, *lines = _on_a_terminal(["check", str(deck), "--audit-cards", "0"], "", 60, tmp_path)
    assert path_line.startswith(str(deck))  # a path is not broken (no word to break at)
    assert not _too_wide(lines, 60)
    start = next(n for n, line in enumerate(lines) if line.startswith("info     no-topics"))
    following = list(
        itertools.takewhile(lambda line: line.startswith(" " * 31), lines[start + 1 :])
    )
    assert following and all(line[31] != " " for line in following)  # under the message
    assert "the deck has no topics" in lines[start]


def test_generate_on_a_terminal_wraps_stems_and_options_under_their_text(tmp_path: Path) -> None:
    argv = ["generate", "aws-ml-specialty", "--count", "6", "--seed", "7"]
    lines = _on_a_terminal(argv, "", 60, tmp_path)
    assert not _too_wide(lines, 60)
    # Every line of a question's body is under its heading's text ("1. "), an option's
    # next lines under the option's text ("   A) ").
    body = [line for line in lines if line and not line[0].isdigit()]
    assert body and all(line.startswith("   ") for line in body)
    piped = subprocess.run([sys.executable, "-m", "exam_sim", *argv], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    assert any(cell_len(line) > 60 for line in piped.splitlines())  # into a pipe: as it was
    words_piped = piped.split()
    assert " ".join(lines).split() == words_piped
