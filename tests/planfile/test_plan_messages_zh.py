"""The plan file's problems in Chinese: each one worded in zh after its plain
``file:line:column: `` place, the same problems unchanged in English, and the
err.plan. / err.yaml. catalogue entries complete in both languages.

The expected Chinese lines are written out by hand. Positions: the plan head is seven
lines, so the goal starts on line 8 and its keys (4 spaces in) are on lines 8-16:
id, title_zh, title_en, section, kind (12), unit, target (14), deadline (15), source.
A value starts at column 5 + len(key) + 2: kind's at 11, target's at 13, deadline's at 15.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from support import BROKEN_PLANS, REPO, run
from test_validate import HEAD, LAB_FIELDS

from plantrack.errors import NotFoundError, ValidationError
from plantrack.i18n import CATALOGUE, Message
from plantrack.planfile import load_plan, parse_plan

# The plan head (seven lines) and the goal of test_validate's single-rule tests.
GOAL = LAB_FIELDS

# This area's sentences in the one catalogue.
ENTRIES = {k: v for k, v in CATALOGUE.items() if k.startswith(("err.plan.", "err.yaml."))}


def plan(**changes: str) -> str:
    fields = {**GOAL, **changes}
    return HEAD + "  - " + "\n    ".join(f"{k}: {v}" for k, v in fields.items()) + "\n"


def refused(text: str | bytes) -> ValidationError:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(ValidationError) as info:
        parse_plan(data, "t.yaml")
    return info.value


def zh(text: str | bytes) -> list[str]:
    return refused(text).texts("zh")


# --------------------------------------------------------------------------- single problems


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"target": "ten"}, "t.yaml:14:13: 目标 'labs'：target 必须是数字，实际为 'ten'"),
        ({"target": "'10'"},
         "t.yaml:14:13: 目标 'labs'：target 必须是数字，实际为 '10'（加了引号，会被当作文本；"
         "请去掉引号）"),
        ({"target": "-5"}, "t.yaml:14:13: 目标 'labs'：target 不能为负数，实际为 -5"),
        ({"target": "010"},
         "t.yaml:14:13: 目标 'labs'：target '010' 以 0 开头，YAML 1.1 工具会把它读作八进制数；"
         "请去掉开头的 0"),
        # NumberError's own key and values, not its English text, choose these two.
        ({"target": "10.12345"},
         "t.yaml:14:13: 目标 'labs'：target '10.12345'：小数位过多（最多 4 位）"),
        ({"target": "100000000000000"},
         "t.yaml:14:13: 目标 'labs'：target '100000000000000'：数值过大（须小于 10^14）"),
        ({"kind": "increse"},
         "t.yaml:12:11: 目标 'labs'：kind 必须是 increase, level, growth, cumulative, "
         "milestone, indicator 之一，"
         "实际为 'increse'；是否要输入 'increase'？"),
        ({"kind": "milestone"}, "t.yaml:14:13: 目标 'labs'：里程碑不设 target；请删除"),
        ({"deadline": "2020-06-30"},
         "t.yaml:15:15: 目标 'labs'：deadline 2020-06-30 早于规划期起始日（2021-01-01）"),
        ({"deadline": "2025-02-30"},
         "t.yaml:15:15: 目标 'labs'：deadline '2025-02-30' 不是日历上存在的日期"),
        ({"deadline": "[2025]"},
         "t.yaml:15:15: 目标 'labs'：deadline 必须是 YYYY-MM-DD 格式的日期，实际为列表或映射"),
        ({"source": "off"},
         "t.yaml:16:13: 目标 'labs'：source 'off' 会被 YAML 1.1 工具读作布尔值或空值；"
         '请加上引号（"off"）'),
        ({"aproximate": "true"},
         "t.yaml:17:5: 目标 'labs'：有未知的键 'aproximate'；是否要输入 'approximate'？"),
    ],
)  # fmt: skip
def test_a_goal_problem_in_chinese(changes: dict[str, str], expected: str) -> None:
    assert zh(plan(**changes)) == [expected]


def test_the_same_problem_stays_english_as_text() -> None:
    exc = refused(plan(target="10.12345"))
    assert exc.problems == [
        "t.yaml:14:13: goal 'labs': target '10.12345': too many decimal places (at most 4)"]
    assert all(isinstance(p, Message) for p in exc.said_all)  # so the CLI can word them
    exc = refused(plan(aproximate="true"))
    assert exc.problems == [
        "t.yaml:17:5: goal 'labs': unknown key 'aproximate' in a goal; did you mean "
        "'approximate'?"]


def test_plan_and_file_problems_in_chinese() -> None:
    no_sections = HEAD.replace("goals:", "sections: [a]\ngoals:") + plan()[len(HEAD):]
    assert zh(no_sections) == [
        "t.yaml:7:11: sections 必须把每个分节 id 对应到 {zh: ..., en: ...}"]
    assert refused(no_sections).problems == [  # the braces are a value: kept as they are
        "t.yaml:7:11: sections must map each section id to {zh: ..., en: ...}"]
    assert zh(plan().replace("test-plan", "Test Plan")) == [
        "t.yaml:2:7: 规划 id 'Test Plan' 必须是小写 ASCII，例如 'my-plan'"]
    assert zh(b"  \n") == ["t.yaml:1:1: 文件为空；应包含 'plan:' 和 'goals:'"]
    # "  id: " is 6 characters: the GBK byte is column 7.
    assert zh("plan:\n  id: 规划\n".encode("gbk")) == [
        "t.yaml:2:7: 不是有效的 UTF-8（字节 0xb9）；请将文件另存为 UTF-8 编码"]
    assert zh(b"goals: []\n") == [
        "t.yaml:1:1: 缺少必填的键 'plan'", "t.yaml:1:8: goals 为空；规划至少要有一个目标"]


def test_yaml_problems_in_chinese() -> None:
    text = plan()
    lines = text.count("\n")
    assert zh(text + "---\nx: 1\n") == [
        f"t.yaml:{lines + 1}:1: 只允许一个 YAML 文档（发现了第二个 '---'）"]
    assert zh(text.replace("source: '", "source: &s '")) == [
        "t.yaml:16:13: 目标 'labs'：规划文件中不允许使用锚点（&name）"]
    assert zh("a: 1\x85\n") == [
        "t.yaml:1:5: 字符 U+0085（NEL）在有的 YAML 读取程序中算换行，在有的中不算；"
        "请换成空格或另起一行"]
    # PyYAML's own description stays English inside the Chinese frame; the tab hint is ours.
    [tab] = zh("a:\n\tb: 1\n")
    assert tab.startswith("t.yaml:2:1: YAML 语法错误：") and tab.endswith(
        "（这是制表符；YAML 只能用空格缩进）"), tab
    [tab_en] = refused("a:\n\tb: 1\n").problems
    assert tab_en.startswith("t.yaml:2:1: YAML syntax error: ")
    assert tab_en.endswith(" (a tab; YAML indents with spaces only)")


def test_reading_the_file_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as missing:
        load_plan(tmp_path / "nope.yaml")
    assert missing.value.text("zh") == f"找不到规划文件：{tmp_path / 'nope.yaml'}"
    with pytest.raises(ValidationError) as folder:
        load_plan(tmp_path)
    assert folder.value.text("zh") == f"{tmp_path}: 是文件夹，不是规划文件"
    assert str(folder.value) == f"{tmp_path}: is a folder, not a plan file"


# --------------------------------------------------------------------------- the catalogue

# A language may leave out a value it has no use for.
DROPPED = {"err.plan.unknown_goal_key": {"where"}}
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# What Chinese prose keeps in ASCII: placeholders, '...' and "..." quotes.
_CODE = re.compile(r"\{[a-z_]+\}|'[^']*'|\"[^\"]*\"|“[^”]*”")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_every_entry_is_complete_in_both_languages(key: str) -> None:
    en, zh_text = ENTRIES[key]
    assert key.startswith(("err.plan.", "err.yaml."))
    assert en.strip() and zh_text.strip() and _CJK.search(zh_text)
    assert _fields(en) - DROPPED.get(key, set()) == _fields(zh_text) <= _fields(en)
    for template in (en, zh_text):  # values come formatted: no !r, no format spec
        assert all(not spec and conv is None
                   for _, name, spec, conv in string.Formatter().parse(template) if name)
    prose = _CODE.sub("X", zh_text)
    assert ", " not in prose and "; " not in prose, key
    # ，；：（） where punctuation touches Chinese ("key: value" is YAML: it stays)
    assert not re.search(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]", prose), key


def test_every_key_the_plan_reader_says_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for name in ("validate.py", "yamltree.py", "load.py"):
        source = (REPO / "src" / "plantrack" / "planfile" / name).read_text(encoding="utf-8")
        used |= set(re.findall(r"\"(err\.(?:plan|yaml)\.[a-z_0-9]+)\"", source))
    assert len(used) > 50  # the scan works
    assert used <= ENTRIES.keys()


# --------------------------------------------------------------------------- through the CLI


def test_validate_lists_every_problem_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    path = BROKEN_PLANS / "several_errors.yaml"
    result = run("validate", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    *found, last = result.stderr.splitlines()
    assert found == [
        f"{path}:2:7: 规划 id 'Test Plan' 必须是小写 ASCII，例如 'my-plan'",
        f"{path}:14:13: 目标 'provincial-labs'：target 必须是数字，实际为 'ten'",
        f"{path}:15:15: 目标 'provincial-labs'：deadline '2025-02-30' 不是日历上存在的日期",
        f"{path}:20:15: 目标 'young-scientists'：title_en 'off' 会被 YAML 1.1 工具读作布尔值或"
        '空值；请加上引号（"off"）',
        f"{path}:25:5: 目标 'young-scientists'：有未知的键 'aproximate'；是否要输入 "
        "'approximate'？",
    ]
    assert last.startswith(f"plantrack: 错误: {path}") and "5" in last, last


def test_one_problem_is_the_error_line_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    path = BROKEN_PLANS / "target_negative.yaml"
    english = run("validate", str(path)).stderr
    assert english == (f"plantrack: error: {path}:14:13: goal 'provincial-labs': "
                       "target must not be negative, got -5\n")  # fmt: skip
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    line = f"plantrack: 错误: {path}:14:13: 目标 'provincial-labs'：target 不能为负数，实际为 -5\n"
    assert run("validate", str(path)).stderr == line
    # A command that reads the plan through the plan cache says the same.
    goals = run("goals", "--plan", str(path))
    assert (goals.exit_code, goals.stderr) == (2, line)
