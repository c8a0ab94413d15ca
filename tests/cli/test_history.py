"""history's filters (--since, --until, --section, --by, --known-at) and its pager."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support import EXAMPLES, fails, ok

HIGH_TECH = "high-tech-enterprises"


def ids(*args: str) -> list[str]:
    return [e["id"] for e in json.loads(ok("history", *args, "--json").stdout)["entries"]]


def all_entries() -> list[dict]:
    return json.loads(ok("history", "--json").stdout)["entries"]


def test_filters_pick_the_entries_the_json_has() -> None:
    ok("import", str(EXAMPLES))
    everything = all_entries()
    # the oracle: the same filters applied to the whole list
    assert ids("--since", "2025-01-01") == [e["id"] for e in everything
                                            if e["date"] >= "2025-01-01"]  # fmt: skip
    assert ids("--until", "2022-12-31") == [e["id"] for e in everything
                                            if e["date"] <= "2022-12-31"]  # fmt: skip
    enterprises = {"high-tech-enterprises", "tech-smes"}
    assert ids("--section", "enterprises") == [e["id"] for e in everything
                                               if e["goal"] in enterprises]  # fmt: skip
    ok("record", "provincial-labs", "21", "--date", "2025-06-30", "--by", "zhang")
    assert len(ids("--by", "zhang")) == 1
    assert ids("--by", "nobody") == []
    fails(3, "history", "--section", "nope", one_line=True)
    fails(2, "history", "--since", "31/12/2025", one_line=True)


def test_known_at_leaves_out_what_was_recorded_later() -> None:
    ok("import", str(EXAMPLES))
    yesterday = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
    assert ids("--known-at", yesterday) == []  # everything was recorded today
    assert len(ids("--known-at", datetime.now(UTC).date().isoformat())) == len(all_entries())


def test_a_change_is_counted_from_the_entry_before_the_ones_listed() -> None:
    ok("import", str(EXAMPLES))
    shown = ok("history", HIGH_TECH, "--since", "2025-12-01").stdout
    # 2024-12-31 ≥ 13,000, then 2025-12-31 12,600: 12,600 - 13,000 = -400. Counted on the
    # listed entry alone it would be 12,600 - 6,310 (the baseline stock) = +6,290.
    line = next(x for x in shown.splitlines() if x.startswith("2025-12-31"))
    assert line.split()[2:4] == ["12,600", "-400"]
    assert "Entries: 1" in shown


def _in_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """The CLI run in a pseudo-terminal: what reached the terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdout and stderr are the terminal
        os.execve(sys.executable, [sys.executable, "-m", "plantrack", *args], env)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_long_history_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    ok("import", str(EXAMPLES))
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "LINES": "10", "COLUMNS": "100",
           "PAGER": f"sh -c 'cat > {paged}'"}  # fmt: skip
    screen = _in_a_terminal(["history"], env)
    assert paged.exists() and "henan-pub-006-2025-12-31" in paged.read_text("utf-8")
    assert "henan-pub-006-2025-12-31" not in screen  # it went to the pager, not the screen
    paged.unlink()
    screen = _in_a_terminal(["history", "--no-pager"], env)
    assert not paged.exists() and "henan-pub-006-2025-12-31" in screen
    # A short list, or output to a pipe, is printed as it is.
    screen = _in_a_terminal(["history", "national-lab", "--since", "2025-01-01"],
                            {**env, "LINES": "100"})  # fmt: skip
    assert not paged.exists()
    piped = subprocess.run([sys.executable, "-m", "plantrack", "history"], env=env,
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert not paged.exists() and "henan-pub-006-2025-12-31" in piped.stdout


def test_since_after_until_is_a_usage_error() -> None:
    ok("import", str(EXAMPLES))
    result = fails(2, "history", "--since", "2024-01-01", "--until", "2023-01-01",
                   one_line=True)  # fmt: skip
    assert "--since 2024-01-01 is after --until 2023-01-01" in result.stderr


def test_the_pager_is_told_to_keep_colours(tmp_path: Path) -> None:
    # As git does: LESS=FRX unless the user set LESS, so a plain PAGER=less keeps colours.
    ok("import", str(EXAMPLES))
    seen = tmp_path / "less.txt"
    env = {k: v for k, v in os.environ.items() if k != "LESS"}
    env.update(LINES="10", COLUMNS="100",
               PAGER=f"sh -c 'echo \"$LESS\" > {seen}; cat > /dev/null'")  # fmt: skip
    _in_a_terminal(["history"], env)
    assert seen.read_text().strip() == "FRX"
    _in_a_terminal(["history"], {**env, "LESS": "S"})
    assert seen.read_text().strip() == "S"
