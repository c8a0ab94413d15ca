"""Shell completion through the protocol the shells use: the real script, run with
_PLANTRACK_COMPLETE set as Typer's bash, zsh and fish scripts set it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import PLAN, ok

from plantrack.planfile import load_plan
from plantrack.reports.analysis import STATUSES

SCRIPT = Path(sys.executable).with_name("plantrack")
plan = load_plan(PLAN)


def complete(words: str, shell: str = "bash", **env: str) -> list[str]:
    """What the shell would offer for ``words`` (a trailing space: a new, empty word)."""
    environ = {**os.environ, "_PLANTRACK_COMPLETE": f"complete_{shell}", **env}
    if shell == "bash":
        parts = words.split()
        environ.update(COMP_WORDS=words, COMP_CWORD=str(len(parts) - (0 if words.endswith(" ")
                                                                      else 1)))  # fmt: skip
    else:
        environ["_TYPER_COMPLETE_ARGS"] = words
        if shell == "fish":
            environ["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    done = subprocess.run([str(SCRIPT)], env=environ, capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [line for line in done.stdout.splitlines() if line]


@pytest.fixture(autouse=True)
def _needs_the_script() -> None:
    if not SCRIPT.exists():
        pytest.skip("the plantrack script is not installed in this environment")


def test_goal_ids_complete_from_their_start() -> None:
    want = [g.id for g in plan.goals if g.id.startswith("prov")]
    assert complete("plantrack record prov") == want and len(want) >= 2
    assert complete("plantrack show tech-s") == ["tech-smes"]
    assert complete("plantrack history national-l") == ["national-lab"]


def test_zsh_and_fish_describe_each_goal_by_its_title() -> None:
    zsh = "\n".join(complete("plantrack record provincial-l", "zsh"))
    assert '"provincial-labs":"Provincial laboratories built"' in zsh
    fish = complete("plantrack record provincial-l", "fish")
    assert fish == ["provincial-labs\tProvincial laboratories built"]
    # in zh, under a Chinese locale
    fish_zh = complete("plantrack record provincial-l", "fish", LANG="zh_CN.UTF-8")
    assert fish_zh == ["provincial-labs\t建设省实验室"]


def test_a_chinese_title_completes_to_itself() -> None:
    # 遴选: the titles that start with it, each of which names its goal when typed
    want = [g.title_zh for g in plan.goals if g.title_zh.startswith("遴选")]
    assert complete("plantrack record 遴选") == want and len(want) == 5
    ok("record", want[0], "3", "--date", "2024-06-30")  # the completed title is a name


def test_sections_statuses_and_entry_ids() -> None:
    assert complete("plantrack status --section pl") == ["platforms"]
    assert complete("plantrack gaps --status off") == ["off_track"]
    assert complete("plantrack check --fail-on ") == list(STATUSES)
    ok("record", "provincial-labs", "3", "--date", "2024-06-30")
    ok("record", "provincial-labs", "5", "--date", "2024-12-31")
    ids = complete("plantrack void ")
    history = ok("history", "--json").stdout
    assert len(ids) == 2 and all(i in history for i in ids)
    assert complete(f"plantrack void {ids[0][:3]}")[0] == ids[0]


def test_plan_files_in_the_folder() -> None:
    Path("targets.yaml").write_text(PLAN.read_text("utf-8"), encoding="utf-8")
    Path("2026.yml").write_text("", encoding="utf-8")
    Path("notes.txt").write_text("", encoding="utf-8")
    offered = complete("plantrack status --plan ")
    assert offered[:2] == ["2026.yml", "targets.yaml"]  # files, then the known plans' ids
    assert "henan-14th-fyp-sti" in offered[2:]
    assert complete("plantrack status --plan henan-14") == ["henan-14th-fyp-sti"]


def test_a_completion_never_prints_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # A broken plan file: nothing is offered, and nothing goes to stderr (checked in
    # complete), so the user's command line is left alone.
    monkeypatch.delenv("PLANTRACK_PLAN")  # (./targets.yaml is the plan read)
    Path("targets.yaml").write_text("plan: [", encoding="utf-8")
    assert complete("plantrack record prov") == []
