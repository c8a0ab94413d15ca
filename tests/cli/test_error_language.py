"""Errors in the user's language: the one error line in zh under PLANTRACK_LANG=zh, a
Chinese locale or --lang zh, in English otherwise; Click's usage errors too. The
expected Chinese lines are written out by hand."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support import EXAMPLES, ok, run

from plantrack.errors import BadValue, ValidationError
from plantrack.i18n import say
from plantrack.inputs.values import parse_value


def _error(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == "", result.output
    return result.stderr


@pytest.mark.parametrize("var,value", [("PLANTRACK_LANG", "zh"), ("LANG", "zh_CN.UTF-8")])
def test_a_refused_value_is_said_in_chinese(var: str, value: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv(var, value)
    assert _error("record", "provincial-labs", "十二") == (
        "plantrack: 错误: 目标 'provincial-labs'：不是数字：'十二'（可接受：12、0.5、1,000、"
        "1.5万、2亿；变化量写 +3 或 -2；下限写 >13000、突破1.3万、超过1.3万 或 1.3万以上；"
        "约数写 约2万 或 2万左右）\n"
    )


def test_the_same_refusal_in_english_is_unchanged() -> None:
    assert _error("record", "provincial-labs", "twelve") == (
        "plantrack: error: goal 'provincial-labs': not a number: 'twelve' (accepted: 12, 0.5, "
        "1,000, 1.5万, 2亿; +3 or -2 for a change; >13000, 突破1.3万, 超过1.3万 or 1.3万以上 for "
        "a lower bound; 约2万 or 2万左右 for an approximate figure)\n"
    )


def test_lang_option_beats_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    ok("import", str(EXAMPLES))
    en = _error("status", "--status", "late", "--lang", "en")
    assert en == "plantrack: error: unknown status 'late'\n"
    zh = _error("status", "--status", "late")
    assert zh == "plantrack: 错误: 没有状态 'late'\n"
    close = _error("gaps", "--status", "behnd", "--lang", "zh")
    assert close == "plantrack: 错误: 没有状态 'behnd'；是否要输入 'behind'？\n"


def test_an_ambiguous_name_lists_the_goals_then_says_so_in_chinese(
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    lines = _error("record", "人才", "3").splitlines()
    assert lines[-1].startswith("plantrack: 错误: '人才' 对应 ")
    assert lines[-1].endswith(" 个目标（见上）：请多写几个编号或名称中的字")
    n = int(lines[-1].split("对应 ")[1].split(" ")[0])
    assert len(lines) == n + 1 and all(line.startswith("  ") for line in lines[:-1])


@pytest.mark.parametrize(
    "args,zh",
    [
        (["status", "--jsn"], "没有选项 --jsn（可用的选项：--json）；参见 'plantrack status "
                              "--help'"),
        (["record"], "缺少参数 'GOAL'；参见 'plantrack record --help'"),
        (["export", "status", "-f", "xls"], "'--format' / '-f' 的值无效：'xls' 不是 'csv', 'json', "
                                            "'md', 'xlsx' 之一；参见 'plantrack export --help'"),
        (["status", "a", "b"], "多余的参数（a b）；参见 'plantrack status --help'"),
        (["gaps", "--sort"], "选项 --sort 需要一个值"),
        (["statuss"], "没有命令 'statuss'；是否要输入 'status'？；参见 'plantrack --help'"),
    ],
)  # fmt: skip
def test_usage_errors_in_chinese(args: list[str], zh: str,
                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == f"plantrack: 错误: {zh}\n"


def test_a_usage_error_follows_lang_on_the_command_line() -> None:
    result = run("status", "--lang", "zh", "--sort", "nope")
    assert result.stderr.startswith("plantrack: 错误: '--sort' 的值无效：'nope' 不是 ")


def test_the_real_script_says_it_under_a_chinese_locale() -> None:
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    done = subprocess.run([sys.executable, "-m", "plantrack", "record", "no-such-goal", "1"],
                          env=env, capture_output=True, text=True, check=False)  # fmt: skip
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == "plantrack: 错误: 没有目标 'no-such-goal'\n"


def test_a_message_is_english_as_text_and_chinese_when_worded() -> None:
    try:
        parse_value("5%", milestone=False, percent=False)
    except BadValue as exc:
        assert str(exc) == "'5%' is a percentage, but the goal is not counted in %"
        assert exc.text("zh") == "'5%' 是百分数，但该目标不以 % 计量"
    else:
        raise AssertionError("5% was taken for a goal not in %")
    nested = ValidationError([say("err.goal_at", goal="'g'", what=say("err.value.empty")),
                              "p.csv:3: plain text stays as it is"])  # fmt: skip
    assert nested.problems == ["goal 'g': empty value", "p.csv:3: plain text stays as it is"]
    assert nested.texts("zh") == ["目标 'g'：数值为空", "p.csv:3: plain text stays as it is"]
    assert str(nested) == "goal 'g': empty value (and 1 more)"
    assert nested.text("zh") == "目标 'g'：数值为空（另有 1 处）"
    with pytest.raises(KeyError):
        say("err.no-such-key")
