"""The README's examples are real output of the current code.

Every ```console block in README.md is a session: lines starting with "$ " are
run in order (any VAR=value words before plantrack set for that command only; in
one fresh folder holding a copy of targets.yaml and examples/, at 80 columns
without colour, with PLANTRACK_HOME=home), and the lines after each command
must be exactly what it prints (stdout, then stderr). Run with
PLANTRACK_UPDATE_README=1 to rewrite the blocks from the current output;
then read the diff before committing.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from support import REPO
from typer.testing import CliRunner

from plantrack.cli import app

README = REPO / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def run_session(block: str) -> str:
    """The block with every command's output replaced by what it prints now."""
    out: list[str] = []
    for line in block.splitlines():
        if not line.startswith("$ "):
            continue
        out.append(line)
        args = shlex.split(line[2:])
        env = {}
        while "=" in args[0] and args[0].split("=")[0].isupper():  # PLANTRACK_LANG=zh plantrack
            name, _, value = args.pop(0).partition("=")
            env[name] = value
        assert args[0] == "plantrack", line
        result = CliRunner().invoke(app, args[1:], env=env)
        text = result.stdout + result.stderr
        out += [x.rstrip() for x in text.rstrip("\n").splitlines()]
    return "\n".join(out) + "\n"


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "readme"
    work.mkdir()
    shutil.copy(REPO / "targets.yaml", work / "targets.yaml")
    shutil.copytree(REPO / "examples", work / "examples")
    monkeypatch.chdir(work)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("USER", "analyst")
    # As a user runs them: no $PLANTRACK_PLAN (conftest names a plan for the other tests),
    # and the user data folder at a short path the README can show (home/plantrack.db).
    monkeypatch.delenv("PLANTRACK_PLAN")
    monkeypatch.setenv("PLANTRACK_HOME", "home")


def test_readme_examples_are_real_output(session: None) -> None:
    text = README.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert len(blocks) >= 5, "README lost its examples"
    actual = [run_session(b) for b in blocks]
    if os.environ.get("PLANTRACK_UPDATE_README"):
        parts = iter(actual)
        README.write_text(BLOCK.sub(lambda m: f"```console\n{next(parts)}```", text),
                          encoding="utf-8")  # fmt: skip
        return
    for expected, got in zip(blocks, actual, strict=True):
        # trailing spaces are not kept in the README
        expected = "\n".join(x.rstrip() for x in expected.splitlines()) + "\n"
        assert got == expected


def test_readme_lists_every_command_and_exit_code() -> None:
    from plantrack.errors import ExitCode

    text = README.read_text(encoding="utf-8")
    for info in app.registered_commands:
        name = info.name or info.callback.__name__  # type: ignore[union-attr]
        assert f"plantrack {name}" in text, f"README does not show `plantrack {name}`"
    table = text[text.index("## Exit codes") :]
    for code in ExitCode:
        assert f"\n| {int(code)} |" in table, f"exit code {int(code)} is not documented"
