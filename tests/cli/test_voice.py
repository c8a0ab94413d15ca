"""One voice: usage errors in plantrack's one error style, check --json, NO_COLOR and
FORCE_COLOR."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from support import EXAMPLES, fails, ok, run


@pytest.mark.parametrize(
    "args,message",
    [
        (["status", "--jsn"], "no such option: --jsn (Possible options: --json); see "
                              "'plantrack status --help'"),
        (["export", "status", "-f", "xls"], "invalid value for '--format' / '-f': 'xls' is not "
                                            "one of 'csv', 'json', 'md', 'xlsx'; see "
                                            "'plantrack export --help'"),
        (["record"], "missing argument 'GOAL'; see 'plantrack record --help'"),
        (["bogus"], "no such command 'bogus'; see 'plantrack --help'"),
    ],
)  # fmt: skip
def test_usage_errors_are_one_line_in_the_one_style(args: list[str], message: str) -> None:
    result = fails(2, *args, one_line=True)
    assert result.stderr == f"plantrack: error: {message}\n"
    assert "Usage:" not in result.stderr and "Error:" not in result.stderr


def test_usage_errors_of_the_real_script_too() -> None:
    done = subprocess.run([sys.executable, "-m", "plantrack", "gaps", "--sort", "nope"],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("plantrack: error: invalid value for '--sort'")
    assert done.stderr.count("\n") == 1


def test_plain_plantrack_still_shows_its_help() -> None:
    result = run()
    assert result.exit_code == 2 and "Usage: plantrack" in result.output


def test_check_json_says_what_was_checked_and_what_fails() -> None:
    ok("import", str(EXAMPLES))
    # As of 2023-12-31, at or worse than behind: the two goals check's text lists.
    text = run("check", "--as-of", "2023-12-31", "--fail-on", "behind")
    result = run("check", "--as-of", "2023-12-31", "--fail-on", "behind", "--json")
    assert result.exit_code == text.exit_code == 1
    data = json.loads(result.stdout)
    listed = [line.split("\t")[1] for line in text.stdout.splitlines()]
    assert [g["id"] for g in data["goals"]] == listed and len(listed) == 2
    assert (data["ok"], data["fail_on"], data["as_of"], data["checked"]) == (
        False, "behind", "2023-12-31", 31)  # fmt: skip
    passed = run("check", "--as-of", "2023-12-31", "--fail-on", "missed", "--json")
    assert passed.exit_code == 0 and json.loads(passed.stdout)["ok"] is True
    assert json.loads(passed.stdout)["goals"] == []


@pytest.mark.parametrize(
    "env,coloured",
    [({"FORCE_COLOR": "1"}, True), ({}, False), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)],
)
def test_force_color_and_no_color(env: dict[str, str], coloured: bool) -> None:
    ok("import", str(EXAMPLES))
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    done = subprocess.run([sys.executable, "-m", "plantrack", "status", "--as-of",
                           "2025-12-31"], env={**environ, **env}, capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert ("\x1b[" in done.stdout) is coloured  # to a pipe: colour only when forced
    # no line ends in blanks, coloured or not (before the codes that close a line either)
    assert not re.search(r" +(\x1b\[[0-9;]*m)*$", done.stdout, re.MULTILINE)


def test_confirmations_speak_chinese_under_a_chinese_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    done = ok("record", "省实验室", "21", "--date", "2025-06-30").stdout
    assert done.startswith("已记录 provincial-labs = 21，日期 2025-06-30（记录编号 ")
    imported = ok("import", str(EXAMPLES)).stdout
    assert imported.startswith(f"已导入 {EXAMPLES}：新增 ")
    entry = done.split("记录编号 ")[1].rstrip("）\n")
    assert ok("void", entry, "--reason", "重复").stdout.startswith(f"已作废记录 {entry}：")
    monkeypatch.setenv("LANG", "C.UTF-8")  # and in English otherwise, as before
    assert ok("record", "provincial-labs", "22", "--date", "2025-07-30").stdout.startswith(
        "recorded provincial-labs = 22 on 2025-07-30 (entry ")


def test_check_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    ok("import", str(EXAMPLES))
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    result = run("check", "--as-of", "2023-12-31", "--fail-on", "behind")
    assert result.exit_code == 1
    assert result.stderr == "plantrack: 检查未通过: 截至 2023-12-31，2 项目标处于滞后或更差\n"
    passed = ok("check", "--as-of", "2023-12-31", "--fail-on", "missed").stdout
    assert passed.startswith("通过：截至 2023-12-31，没有目标处于未完成或更差（共检查 31 项")
