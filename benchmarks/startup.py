"""Time from launch to the home screen, next to a bare Textual app showing one label.

Each app is started for real, as a user starts it: a fresh interpreter in a pseudo-terminal
(100×30), timed from the moment the process is spawned until given text has appeared in
what it wrote to the terminal. Runs of the apps are interleaved so that a busy moment on
the machine hits them alike; the medians are reported.

For exam-sim two moments are timed:
  home screen  the home screen is drawn with its actions and the key bar (what the
               learner can use); the deck and the history are still opening in a worker
  deck shown   the deck's topics and the recent attempts are on it too

    python benchmarks/startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass

BARE_APP = """
from textual.app import App
from textual.widgets import Label

class BareApp(App):
    def compose(self):
        yield Label("hello")

BareApp().run()
"""

# Textual's own Footer, Header and OptionList, no data: what this shape of screen costs in
# Textual alone (its Footer adds its keys one refresh after the first frame).
TEXTUAL_WIDGETS_APP = """
from textual.app import App
from textual.binding import Binding
from textual.widgets import Footer, Header, Label, OptionList

class WidgetsApp(App):
    BINDINGS = [Binding(key, f"focus_{key}", f"Action {key}") for key in "mdwrho"]
    AUTO_FOCUS = "OptionList"

    def compose(self):
        yield Header()
        yield Label("hello")
        yield OptionList(*[f"option {i}" for i in range(6)])
        yield Footer()

WidgetsApp().run()
"""

SIZE = (100, 30)  # columns, rows


@dataclass(frozen=True)
class Launch:
    name: str
    command: list[str]
    # label -> texts that must all have appeared on the terminal
    moments: dict[str, tuple[str, ...]]


def time_launch(
    command: Sequence[str], moments: dict[str, tuple[str, ...]], env: dict[str, str]
) -> dict[str, float]:
    """Spawn `command` in a pseudo-terminal; seconds until each moment's texts appeared."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the app
        os.execvpe(command[0], list(command), env)
    columns, rows = SIZE
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    seen = b""
    reached: dict[str, float] = {}
    try:
        while len(reached) < len(moments) and time.perf_counter() - start < 20:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:  # the child has gone
                break
            seen += chunk
            now = time.perf_counter() - start
            for label, texts in moments.items():
                if label not in reached and all(text.encode() in seen for text in texts):
                    reached[label] = now
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    missing = set(moments) - set(reached)
    if missing:
        raise SystemExit(f"{command}: never showed {sorted(missing)}; did the app change?")
    return reached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as home:
        # Bytecode is written, as on a user's machine after the first run (some
        # environments set PYTHONDONTWRITEBYTECODE; the warm-up below writes it).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(EXAM_SIM_HOME=home, TERM="xterm-256color")
        launches = [
            Launch("bare Textual, one label", [python, "-c", BARE_APP], {"drawn": ("hello",)}),
            Launch(
                "Textual Footer+Header+OptionList",
                [python, "-c", TEXTUAL_WIDGETS_APP],
                {"drawn": ("hello",), "keys": ("hello", "Action m")},
            ),
            Launch(
                "exam-sim",
                [python, "-m", "exam_sim"],
                {
                    "home screen": ("Mock exam", "Weak spots", "Help"),
                    "deck shown": ("Recent attempts", "Data Engineering"),
                },
            ),
        ]
        # Warm-up: writes bytecode and creates exam-sim's database, as a first run does.
        for launch in launches:
            time_launch(launch.command, launch.moments, env)
        runs: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for launch in launches:
                for label, seconds in time_launch(launch.command, launch.moments, env).items():
                    runs.setdefault((launch.name, label), []).append(seconds)
    medians = {key: statistics.median(values) * 1000 for key, values in runs.items()}
    base = medians[("bare Textual, one label", "drawn")]
    print(
        f"launch to screen in a pseudo-terminal {SIZE[0]}×{SIZE[1]}, "
        f"median of {args.rounds} interleaved runs"
    )
    print(f"{'app':34} {'shown':14} {'ms':>6} {'ratio':>6}")
    for (name, label), value in medians.items():
        print(f"{name:34} {label:14} {value:6.0f} {value / base:6.2f}")
    print("ratio: against the bare one-label app; target for the home screen ≤ 1.5")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
