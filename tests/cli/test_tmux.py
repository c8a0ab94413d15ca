"""A real terminal: plantrack's reports in tmux, read back with capture-pane.

What a user at a terminal sees: colours (the status words in their styles) and Chinese
columns that line up (a wide character is two cells on a real terminal as in Rich's
reckoning). Under PLANTRACK_REQUIRE_TMUX=1 (set by .ci/run) these cannot be skipped.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from support import EXAMPLES, ok

from plantrack.i18n import CATALOGUE


class Pane:
    """One tmux session on a private server, WIDTH x HEIGHT cells."""

    def __init__(self, socket: str, width: int = 120, height: int = 60) -> None:
        self.socket, self.width, self.height = socket, width, height

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=True, timeout=30).stdout  # fmt: skip

    def run(self, command: str, env: dict[str, str]) -> tuple[str, str]:
        """``command`` in a new session: (the screen as text, the screen with its escapes)."""
        name = uuid.uuid4().hex[:8]
        done = Path(env["PLANTRACK_HOME"]) / f"{name}.done"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        script = f"env -i {exports} {command}; touch {done}; sleep 60"  # only env
        self.tmux("new-session", "-d", "-s", name, "-x", str(self.width), "-y",
                  str(self.height), "bash", "--norc", "-c", script)  # fmt: skip
        for _ in range(300):
            if done.exists():
                break
            time.sleep(0.05)
        assert done.exists(), "the command did not finish in the pane"
        plain = self.tmux("capture-pane", "-p", "-t", name)
        styled = self.tmux("capture-pane", "-p", "-e", "-t", name)
        self.tmux("kill-session", "-t", name)
        return plain, styled


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Pane]:
    from conftest import no_component

    if subprocess.run(["which", "tmux"], capture_output=True, check=False).returncode != 0:
        no_component("tmux", "tmux is not installed (apt install tmux)")
    socket = f"plantrack-test-{uuid.uuid4().hex[:8]}"
    pane = Pane(socket)
    yield pane
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)


def terminal_env() -> dict[str, str]:
    keep = ("PATH", "PLANTRACK_HOME", "PLANTRACK_PLAN", "HOME", "PYTHONPATH")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    return {**env, "TERM": "xterm-256color", "LANG": "C.UTF-8", "COLUMNS": "120"}


def test_status_in_a_real_terminal_is_coloured_and_chinese_columns_line_up(tmux: Pane) -> None:
    ok("import", str(EXAMPLES))
    command = f"{shlex.quote(sys.executable)} -m plantrack status --as-of 2025-12-31 --lang zh"
    plain, styled = tmux.run(command, terminal_env())
    words = {CATALOGUE[f"status.{s}"][1] for s in ("achieved", "missed", "no_data")}
    # the targets table: its rows have "current / target"
    rows = [line for line in plain.splitlines()
            if line.rstrip().endswith(tuple(words)) and " / " in line]  # fmt: skip
    assert len(rows) >= 10, plain
    # The status column starts at one terminal column in every row, whatever the Chinese
    # title before it: cells counted as the terminal drew them.
    starts = set()
    for line in rows:
        word = next(w for w in words if line.rstrip().endswith(w))
        starts.add(cell_len(line[: line.rstrip().rindex(word)]))
    assert len(starts) == 1, starts
    assert max(cell_len(line) for line in plain.splitlines()) <= tmux.width
    # Colours reached the terminal: the styled capture has SGR codes on the status words.
    assert "\x1b[" in styled
    achieved = CATALOGUE["status.achieved"][1]
    assert any("\x1b[" in line.split(achieved)[0][-20:] for line in styled.splitlines()
               if achieved in line)  # fmt: skip


def test_no_color_in_a_real_terminal(tmux: Pane) -> None:
    ok("import", str(EXAMPLES))
    command = f"{shlex.quote(sys.executable)} -m plantrack status --as-of 2025-12-31"
    _, styled = tmux.run(command, {**terminal_env(), "NO_COLOR": "1"})
    assert "\x1b[" not in styled
