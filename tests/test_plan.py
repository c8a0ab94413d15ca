"""The plan loader and validator: plan.py (load_plan, parse_plan, Plan, Goal).

Every problem must come back as ``file:line:column: message`` and a broken file
must list all its problems at once. Expected positions are counted by hand from
the YAML text written in each test, or found by plain string search in it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from plantrack import paths
from plantrack.cli import app
from plantrack.errors import ExitCode, NotFoundError, PlantrackError, ValidationError
from plantrack.plan import (
    DIRECTIONS,
    GOAL_KEYS,
    KINDS,
    MAX_PLAN_BYTES,
    METHODS,
    PLAN_KEYS,
    Plan,
    load_plan,
    parse_plan,
)

REPO = Path(__file__).resolve().parent.parent
PLAN_FILE = REPO / "targets.yaml"

# Seven lines, so the first goal starts on line 8.
HEAD = """\
plan:
  id: test-plan
  name_zh: 测试规划
  name_en: Test plan
  period_start: 2021-01-01
  period_end: 2025-12-31
goals:
"""

LAB_FIELDS = {
    "id": "labs",
    "title_zh": "新建实验室",
    "title_en": "New labs",
    "section": "platforms",
    "kind": "increase",
    "unit": "个",
    "target": "10",
    "deadline": "2025-12-31",
    "source": "'新建10个实验室。'",
}


def goal_yaml(**changes: str | None) -> str:
    """A valid increase goal as YAML list item; a change of None drops that key."""
    fields: dict[str, str | None] = {**LAB_FIELDS, **changes}
    lines = [f"{k}: {v}" if v != "" else f"{k}:" for k, v in fields.items() if v is not None]
    return "  - " + "\n    ".join(lines) + "\n"


def plan_yaml(*goals: str) -> str:
    return HEAD + "".join(goals or (goal_yaml(),))


def problems(text: str | bytes, name: str = "t.yaml") -> list[str]:
    """The problems parse_plan reports; fails the test if the text is valid."""
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(ValidationError) as info:
        parse_plan(data, name)
    return info.value.problems


def one_problem(text: str | bytes) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def at(text: str, needle: str, skip: int = 0) -> str:
    """'t.yaml:line:column' of the character `skip` places into the only `needle` in text."""
    assert text.count(needle) == 1, needle
    i = text.index(needle) + skip
    line = text.count("\n", 0, i) + 1
    column = i - (text.rfind("\n", 0, i) + 1) + 1
    return f"t.yaml:{line}:{column}"


def load(text: str) -> Plan:
    return parse_plan(text.encode(), "t.yaml")


# --------------------------------------------------------------------------- the bundled plan


def test_the_bundled_plan_is_the_top_level_file() -> None:
    # The wheel bundles data/targets.yaml; it must be the file people edit.
    assert paths.bundled_plan_path().read_bytes() == PLAN_FILE.read_bytes()


def test_the_henan_plan_loads_with_the_figures_of_the_article() -> None:
    plan = load_plan(PLAN_FILE)
    assert plan.id == "henan-14th-fyp-sti"
    assert (plan.period_start, plan.period_end) == (date(2021, 1, 1), date(2025, 12, 31))
    assert plan.issued == date(2021, 12, 31)
    assert plan.document == "豫政〔2021〕41号"
    assert len(plan.goals) == 31
    kinds = [g.kind for g in plan.goals]
    assert (kinds.count("increase"), kinds.count("level")) == (22, 3)
    assert (kinds.count("milestone"), kinds.count("indicator")) == (5, 1)
    assert plan.sections == [
        "platforms", "enterprises", "coverage", "talent", "vision", "indicators",
    ]  # fmt: skip

    # "创建1个国家实验室": an increase from 0, met exactly.
    lab = plan.goal("national-lab")
    assert (lab.target, lab.baseline, lab.unit) == (1, 0, "个")
    assert (lab.tolerance, lab.approximate, lab.stretch) == (0, False, False)
    assert lab.baseline_date == date(2021, 1, 1)
    # "新增5所左右": approximate, so 10% of the span 5 - 0 = 0.5.
    assert plan.goal("double-first-class-universities").tolerance == Decimal("0.5")
    # "力争新建50家": a stretch goal.
    assert plan.goal("provincial-tech-innovation-centres").stretch
    # "全覆盖": coverage level, no baseline, 1-point default tolerance.
    coverage = plan.goal("rd-institution-coverage")
    assert (coverage.kind, coverage.unit, coverage.target) == ("level", "%", 100)
    assert (coverage.baseline, coverage.tolerance) == (None, 1)
    # "新增高新技术企业1万家" from the end-2020 stock of 6,310.
    hte = plan.goal("high-tech-enterprises")
    assert (hte.target, hte.baseline_stock, hte.baseline_date) == (
        10000, 6310, date(2020, 12, 31),
    )  # fmt: skip
    assert plan.goal("vision-2035").deadline == date(2035, 12, 31)
    indicator = plan.goal("rd-intensity")
    assert (indicator.target, indicator.deadline, indicator.unit) == (None, None, "%")
    assert plan.goal("state-key-labs").notes[0].startswith("During the period")


# --------------------------------------------------------------------------- the JSON Schema


def _schema() -> dict:
    return json.loads(paths.schema_path().read_text(encoding="utf-8"))


def test_the_henan_plan_passes_the_json_schema() -> None:
    # Editors check the file against the schema with a YAML reader that turns
    # plain dates into dates; the schema wants the text, as plantrack reads it.
    def dates_as_text(value: object) -> object:
        if isinstance(value, dict):
            return {k: dates_as_text(v) for k, v in value.items()}
        if isinstance(value, list):
            return [dates_as_text(v) for v in value]
        return value.isoformat() if isinstance(value, date) else value

    document = dates_as_text(yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator(_schema()).validate(document)


def test_the_schema_describes_the_keys_and_choices_the_validator_knows() -> None:
    schema = _schema()
    plan_schema = schema["properties"]["plan"]
    goal_schema = schema["properties"]["goals"]["items"]
    assert set(schema["properties"]) == {"plan", "goals"}
    assert set(plan_schema["properties"]) == set(PLAN_KEYS)
    assert set(goal_schema["properties"]) == set(GOAL_KEYS)
    assert goal_schema["properties"]["kind"]["enum"] == list(KINDS)
    assert goal_schema["properties"]["direction"]["enum"] == list(DIRECTIONS)
    assert goal_schema["properties"]["method"]["enum"] == list(METHODS)
    # A key the schema calls required must be reported missing by plantrack too.
    for key in plan_schema["required"]:
        text = HEAD.replace(next(ln for ln in HEAD.splitlines() if ln.startswith(f"  {key}:")), "")
        assert f"missing required key {key!r}" in " ".join(problems(text + goal_yaml()))
    for key in goal_schema["required"]:
        assert f"missing required key {key!r}" in one_problem(plan_yaml(goal_yaml(**{key: None})))


# --------------------------------------------------------------------------- a minimal plan


def test_defaults_of_a_minimal_increase_goal() -> None:
    plan = load(plan_yaml())
    assert plan.path == "t.yaml"
    (lab,) = plan.goals
    assert lab.line == 8
    assert (lab.kind, lab.target, lab.deadline) == ("increase", 10, date(2025, 12, 31))
    # Increase goals count what was added since the period start.
    assert (lab.baseline, lab.baseline_date, lab.baseline_stock) == (0, date(2021, 1, 1), None)
    assert (lab.direction, lab.method, lab.tolerance) == ("up", None, 0)
    assert (lab.approximate, lab.stretch, lab.notes) == (False, False, ())
    assert (lab.title("zh"), lab.title("en")) == ("新建实验室", "New labs")
    assert lab.source == "新建10个实验室。"


def test_milestone_and_indicator_goals_need_no_target() -> None:
    milestone = goal_yaml(id="rebuild", kind="milestone", unit=None, target=None)
    indicator = goal_yaml(id="rd", kind="indicator", unit="'%'", target=None, deadline=None)
    plan = load(plan_yaml(milestone, indicator))
    rebuild, rd = plan.goals
    assert (rebuild.target, rebuild.baseline, rebuild.deadline) == (None, None, date(2025, 12, 31))
    assert rebuild.is_milestone and not rebuild.has_target
    assert (rd.target, rd.deadline, rd.unit, rd.has_target) == (None, None, "%", False)


def test_a_level_goal_without_baseline_keeps_none() -> None:
    # None tells the analysis to take the first reading as the baseline.
    (share,) = load(plan_yaml(goal_yaml(kind="level", unit="'%'", target="60"))).goals
    assert share.baseline is None


def test_numbers_are_exact_decimals_in_the_forms_the_plan_uses() -> None:
    # 1.5万 = 15,000; 1,000 is grouped thousands; 0.1 stays exactly 0.1.
    plan = load(plan_yaml(
        goal_yaml(id="a", target="1.5万"),
        goal_yaml(id="b", target="1,000"),
        goal_yaml(id="c", kind="level", baseline="0.1", target="0.3"),
    ))  # fmt: skip
    assert [g.target for g in plan.goals] == [15000, 1000, Decimal("0.3")]
    assert plan.goal("c").baseline == Decimal("0.1")


def test_notes_may_be_one_text_or_a_list() -> None:
    one = goal_yaml(id="a", notes="'counted by the ministry'")
    many = goal_yaml(id="b") + "    notes:\n      - first\n      - 'second'\n"
    plan = load(plan_yaml(one, many))
    assert plan.goal("a").notes == ("counted by the ministry",)
    assert plan.goal("b").notes == ("first", "second")


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse_plan(b"\xef\xbb\xbf" + plan_yaml().encode()).id == "test-plan"


def test_goal_lookup_suggests_a_close_id() -> None:
    plan = load(plan_yaml(goal_yaml(id="provincial-labs"), goal_yaml(id="pilot-bases")))
    assert plan.has_goal("pilot-bases") and not plan.has_goal("pilot")
    with pytest.raises(NotFoundError, match="unknown goal 'provincal-labs'; did you mean "
                       "'provincial-labs'") as info:  # fmt: skip
        plan.goal("provincal-labs")
    assert info.value.exit_code == ExitCode.NOT_FOUND
    with pytest.raises(NotFoundError, match=r"^unknown goal 'zzz'$"):
        plan.goal("zzz")


def test_a_copy_with_other_goals_has_its_own_index() -> None:
    plan = load(plan_yaml(goal_yaml(id="a"), goal_yaml(id="b")))
    only_b = dataclasses.replace(plan, goals=plan.goals[1:])
    assert not only_b.has_goal("a")
    assert plan.has_goal("a")
    assert only_b.goal("b") is plan.goal("b")


# --------------------------------------------------------------------------- tolerance


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Exact unless told otherwise.
        ({}, "0"),
        # Explicit units win: 2 units.
        ({"tolerance": "2"}, "2"),
        # Percent of the span: target 10, baseline 0, span 10; 15% of 10 = 1.5.
        ({"tolerance": "15%"}, "1.5"),
        # Approximate ("左右"): 10% of the span 10 - 0 = 1.
        ({"approximate": "true"}, "1"),
        # Approximate level from baseline 40 to 60: span 20, 10% = 2.
        ({"kind": "level", "baseline": "40", "target": "60", "approximate": "true"}, "2"),
        # Going down from 80 to 50: span |50 - 80| = 30; 10% = 3.
        ({"kind": "level", "direction": "down", "baseline": "80", "target": "50",
          "approximate": "true"}, "3"),
        # Coverage (unit %, target 100): 1 point by default, even when approximate.
        ({"kind": "level", "unit": "'%'", "target": "100"}, "1"),
        ({"kind": "level", "unit": "'%'", "target": "100", "approximate": "true"}, "1"),
        # ... unless set: 50% of the span 100 - 90 = 5.
        ({"kind": "level", "unit": "'%'", "baseline": "90", "target": "100",
          "tolerance": "50%"}, "5"),
    ],
)  # fmt: skip
def test_tolerance_worked_examples(changes: dict[str, str], expected: str) -> None:
    (g,) = load(plan_yaml(goal_yaml(**changes))).goals
    assert g.tolerance == Decimal(expected)


# --------------------------------------------------------------------------- problems


def test_unknown_key_gets_a_suggestion_and_its_position() -> None:
    text = plan_yaml(goal_yaml(titel_en="Labs"))
    # The goal's keys start at column 5; titel_en is its 10th line, 8 + 9 = 17.
    assert one_problem(text) == (
        "t.yaml:17:5: goal 'labs': unknown key 'titel_en' in a goal; did you mean 'title_en'?"
    )
    # A misspelt required key is also missing; problems come in file order.
    assert problems(plan_yaml(goal_yaml(title_en=None, titel_en="Labs"))) == [
        "t.yaml:8:5: goal 'labs': missing required key 'title_en'",
        "t.yaml:16:5: goal 'labs': unknown key 'titel_en' in a goal; did you mean 'title_en'?",
    ]


def test_duplicate_key_names_the_first() -> None:
    text = plan_yaml(goal_yaml() + "    unit: 家\n")
    # unit is the 6th key (line 13); the copy is the 10th line of the goal (17).
    assert one_problem(text) == "t.yaml:17:5: goal 'labs': duplicate key 'unit' (first at line 13)"


def test_duplicate_goal_id_names_the_first() -> None:
    text = plan_yaml(goal_yaml(), goal_yaml())
    # Each goal is 9 lines: the second starts on line 17, its '-' at column 3.
    assert one_problem(text) == (
        "t.yaml:17:5: goal 'labs': duplicate goal id (first defined at line 8)"
    )


def test_missing_key_points_at_the_goal() -> None:
    assert one_problem(plan_yaml(goal_yaml(unit=None))) == (
        "t.yaml:8:5: goal 'labs': missing required key 'unit'"
    )


@pytest.mark.parametrize(
    ("changes", "needle", "skip", "message"),
    [
        ({"kind": "increse"}, "kind: increse", 6,
         "kind must be one of increase, level, milestone, indicator, got 'increse'; "
         "did you mean 'increase'?"),
        ({"direction": "dwon"}, "direction: dwon", 11,
         "direction must be one of up, down, got 'dwon'; did you mean 'down'?"),
        ({"method": "lin"}, "method: lin", 8,
         "method must be one of linear, cagr, got 'lin'; did you mean 'linear'?"),
        ({"method": ""}, "method:", 7, "method must be one of linear, cagr, got ''"),
        ({"approximate": "yes"}, "approximate: yes", 13,
         "approximate must be true or false, got 'yes'"),
        ({"stretch": "'true'"}, "stretch: 'true'", 9,
         "stretch must be true or false, got 'true'"),
        ({"section": "no"}, "section: no", 9,
         "section 'no' would be read as a boolean or null by YAML 1.1 tools; quote it (\"no\")"),
        ({"unit": "~"}, "unit: ~", 6,
         "unit '~' would be read as a boolean or null by YAML 1.1 tools; quote it (\"~\")"),
        ({"title_en": "''"}, "title_en: ''", 10, "title_en is empty"),
        ({"title_en": ""}, "title_en:", 9, "title_en is empty"),
        ({"title_zh": "'  '"}, "title_zh: '  '", 10, "title_zh is empty"),
        ({"section": "[a, b]"}, "section: [a, b]", 9, "section must be text"),
        ({"target": ""}, "target:", 7, "target must be a number, got an empty value"),
        ({"target": "~"}, "target: ~", 8, "target must be a number, got an empty value"),
        ({"target": "null"}, "target: null", 8, "target must be a number, got an empty value"),
        ({"target": "'10'"}, "target: '10'", 8, "target must be a number, got '10'"),
        ({"target": "ten"}, "target: ten", 8, "target must be a number, got 'ten'"),
        ({"target": "1e3"}, "target: 1e3", 8, "target must be a number, got '1e3'"),
        ({"target": "10.12345"}, "target: 10.12345", 8,
         "target must be a number, got '10.12345'"),
        ({"target": "{a: 1}"}, "target: {a: 1}", 8,
         "target must be a number, got 'a list or mapping'"),
        ({"target": "010"}, "target: 010", 8,
         "target '010' has a leading zero, which YAML 1.1 tools read as an octal number; "
         "remove the leading zero"),
        ({"target": "-5"}, "target: -5", 8, "target must not be negative, got -5"),
        ({"target": "0"}, "target: 0", 8, "target 0 must be above the baseline 0"),
        ({"kind": "level", "baseline": "20"}, "target: 10", 8,
         "target 10 must be above the baseline 20"),
        ({"kind": "level", "baseline": "5", "direction": "down"}, "target: 10", 8,
         "target 10 must be below the baseline 5"),
        ({"kind": "level", "baseline_stock": "3"}, "baseline_stock: 3", 16,
         "baseline_stock is only for increase goals"),
        ({"baseline_stock": "-3"}, "baseline_stock: -3", 16,
         "baseline_stock must not be negative"),
        ({"deadline": "2025-12-32"}, "deadline: 2025-12-32", 10,
         "deadline '2025-12-32' is not a real calendar date"),
        ({"deadline": "2025/12/31"}, "deadline: 2025/12/31", 10,
         "deadline must be a date YYYY-MM-DD, got '2025/12/31'"),
        ({"deadline": "2020-12-31"}, "deadline: 2020-12-31", 10,
         "deadline 2020-12-31 is before the plan period starts (2021-01-01)"),
        ({"deadline": "2021-01-01"}, "deadline: 2021-01-01", 10,
         "deadline 2021-01-01 must be after the plan period starts (2021-01-01)"),
        ({"baseline_date": "2020-12-31", "deadline": "2020-06-30"}, "deadline: 2020-06-30", 10,
         "deadline 2020-06-30 is before the plan period starts (2021-01-01)"),
        ({"baseline_date": "2025-12-31"}, "baseline_date: 2025-12-31", 15,
         "baseline_date must be before the deadline"),
        ({"tolerance": "-1"}, "tolerance: -1", 11, "tolerance must not be negative"),
        ({"tolerance": "-10%"}, "tolerance: -10%", 11, "tolerance must not be negative"),
        ({"tolerance": "lots"}, "tolerance: lots", 11,
         "tolerance must be a number or like '10%', got 'lots'"),
        ({"tolerance": "[1]"}, "tolerance: [1]", 11,
         "tolerance must be a number or a percentage like '10%'"),
        ({"notes": "{a: b}"}, "notes: {a: b}", 7, "notes must be text or a list of text"),
    ],
)  # fmt: skip
def test_each_problem_has_its_message_and_position(
    changes: dict[str, str], needle: str, skip: int, message: str
) -> None:
    text = plan_yaml(goal_yaml(**changes))
    assert one_problem(text) == f"{at(text, needle, skip)}: goal 'labs': {message}"


@pytest.mark.parametrize(
    ("kind", "key"),
    [("milestone", "target"), ("indicator", "baseline"), ("milestone", "tolerance")],
)
def test_goals_without_a_target_refuse_target_keys(kind: str, key: str) -> None:
    changes = {"kind": kind, "target": None, key: "5"}
    text = plan_yaml(goal_yaml(**changes))
    a_kind = "an indicator" if kind == "indicator" else "a milestone"
    message = (
        f"{a_kind} has no target, so no tolerance; remove it"
        if key == "tolerance"
        else f"{a_kind} has no {key}; remove it"
    )
    assert one_problem(text) == f"{at(text, f'{key}: 5', len(key) + 2)}: goal 'labs': {message}"


def test_a_bad_goal_id_is_explained_and_the_goal_labelled_by_line() -> None:
    text = plan_yaml(goal_yaml(id="Labs 2", kind="wrong"))
    assert problems(text) == [
        "t.yaml:8:9: id 'Labs 2' must be lowercase ASCII: a letter, then letters and digits, "
        "parts joined by '-', '_' or '.'",
        "t.yaml:12:11: goal '#8': kind must be one of increase, level, milestone, indicator, "
        "got 'wrong'",
    ]


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ("  id: test-plan\n", "  id: Test Plan\n",
         "t.yaml:2:7: plan id 'Test Plan' must be lowercase ASCII like 'my-plan'"),
        ("  period_end: 2025-12-31\n", "  period_end: 2021-01-01\n",
         "t.yaml:6:15: period_end must be after period_start"),
        ("  period_end: 2025-12-31\n", "",
         "t.yaml:2:3: missing required key 'period_end'"),
        ("  name_en: Test plan\n", "  name_en: Test plan\n  nmae_zh: x\n",
         "t.yaml:5:3: unknown key 'nmae_zh' in plan; did you mean 'name_zh'?"),
        ("  name_en: Test plan\n", "  name_en: Test plan\n  issued: 2021-13-01\n",
         "t.yaml:5:11: issued '2021-13-01' is not a real calendar date"),
    ],
)  # fmt: skip
def test_plan_level_problems(replace: str, by: str, message: str) -> None:
    assert one_problem(plan_yaml().replace(replace, by)) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"", ["t.yaml:1:1: file is empty; expected 'plan:' and 'goals:'"]),
        (b" \n\t\n", ["t.yaml:1:1: file is empty; expected 'plan:' and 'goals:'"]),
        (b"\xef\xbb\xbf", ["t.yaml:1:1: file has no content; expected 'plan:' and 'goals:'"]),
        (b"# a comment\n", ["t.yaml:1:1: file has no content; expected 'plan:' and 'goals:'"]),
        (b"- a\n- b\n", ["t.yaml:1:1: the plan file must be a mapping of keys to values"]),
        (b"plan: x\ngoals: y\n", [
            "t.yaml:1:7: plan must be a mapping of keys to values",
            "t.yaml:2:8: goals must be a list (each item starting with '- id: ...')",
        ]),
        (b"extra: 1\n" + HEAD.encode() + goal_yaml().encode(),
         ["t.yaml:1:1: unknown key 'extra' in the plan file"]),
        (HEAD.encode() + b"  []\n",
         ["t.yaml:8:3: goals is empty; a plan needs at least one goal"]),
        (HEAD.encode() + b"  - just text\n",
         ["t.yaml:8:5: a goal must be a mapping of keys to values"]),
    ],
)  # fmt: skip
def test_file_level_problems(text: bytes, expected: list[str]) -> None:
    assert problems(text) == expected


def test_every_problem_is_reported_in_one_pass() -> None:
    text = plan_yaml(
        goal_yaml(id="a", target="-1"),
        goal_yaml(id="b", deadline="2025-02-30", section="off"),
        goal_yaml(id="c"),
        goal_yaml(id="d", kind="milestone", target="1", unit=None),
    )
    found = problems(text)
    assert [p.split(": ", 1)[0] for p in found] == [
        at(text, "target: -1", 8),
        at(text, "section: off", 9),
        at(text, "deadline: 2025-02-30", 10),
        at(text, "target: 1\n", 8),
    ]
    error = ValidationError(found)
    assert str(error).endswith("(and 3 more)")


def test_goals_are_checked_even_when_the_plan_block_is_broken() -> None:
    # Fixing the plan block should not reveal a second round of goal problems.
    no_plan = "goals:\n" + goal_yaml(kind="wrong")
    assert problems(no_plan) == [
        "t.yaml:1:1: missing required key 'plan'",
        "t.yaml:6:11: goal 'labs': kind must be one of increase, level, milestone, indicator, "
        "got 'wrong'",
    ]
    plan_as_text = "plan: henan\ngoals:\n" + goal_yaml(target="-1")
    assert problems(plan_as_text) == [
        "t.yaml:1:7: plan must be a mapping of keys to values",
        "t.yaml:9:13: goal 'labs': target must not be negative, got -1",
    ]


# --------------------------------------------------------------------------- bytes and syntax


def test_invalid_utf8_is_located_in_characters() -> None:
    # Line 2 is '  name_zh: ' (11 characters) + 计划 (2 characters, 6 bytes), then 0xff.
    data = "plan:\n  name_zh: 计划".encode() + b"\xff\n"
    assert problems(data) == ["t.yaml:2:14: not valid UTF-8 (byte 0xff); save the file as UTF-8"]
    # A byte order mark is not part of the text and does not shift the column.
    assert problems(b"\xef\xbb\xbf" + data) == problems(data)
    # GBK, a common encoding for Chinese text: 测 is 0xb2 0xe2.
    gbk = "plan:\n  name_zh: 测试\n".encode("gbk")
    assert problems(gbk) == ["t.yaml:2:12: not valid UTF-8 (byte 0xb2); save the file as UTF-8"]


def test_forbidden_characters_are_located_in_characters() -> None:
    # '  name_zh: 测试' is 13 characters, so the NUL is column 14.
    text = HEAD.replace("name_zh: 测试规划", "name_zh: 测试\x00规划")
    assert one_problem(text) == "t.yaml:3:14: character U+0000 is not allowed in YAML; remove it"
    text = plan_yaml(goal_yaml(title_en="'New\x1blabs'"))
    assert one_problem(text) == (
        f"{at(text, chr(0x1B))}: character U+001B is not allowed in YAML; remove it"
    )


def test_yaml_syntax_errors_keep_the_file_position() -> None:
    text = plan_yaml(goal_yaml(section="[platforms"))
    assert one_problem(text) == (
        f"{at(text, 'kind: increase', 4)}: YAML syntax error: did not find expected ',' or ']'"
    )
    tabbed = one_problem(HEAD.replace("  id: test-plan", "\tid: test-plan") + goal_yaml())
    # libyaml and the pure-Python reader word the problem differently.
    assert tabbed.startswith("t.yaml:2:1: YAML syntax error: found character")
    assert tabbed.endswith(" (a tab; YAML indents with spaces only)")


@pytest.mark.parametrize(
    ("extra", "skip", "message"),
    [
        ("    notes: &n x\n", 11, "anchors (&name) are not allowed in a plan file"),
        ("    notes: !!str x\n", 11, "tags such as tag:yaml.org,2002:str are not allowed"),
        ("---\nplan: {}\n", 0, "only one YAML document is allowed (found a second '---')"),
    ],
)
def test_yaml_features_a_plan_does_not_need_are_refused(
    extra: str, skip: int, message: str
) -> None:
    text = plan_yaml(goal_yaml() + extra)
    assert one_problem(text) == f"{at(text, extra, skip)}: {message}"


def test_the_size_limit_is_checked_before_parsing() -> None:
    data = b"#" * (MAX_PLAN_BYTES + 1)
    assert problems(data) == ["t.yaml:1:1: file is larger than the plan size limit"]


# --------------------------------------------------------------------------- load_plan


def test_load_plan_reads_a_file_and_names_it_in_messages(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(plan_yaml(), encoding="utf-8")
    assert load_plan(good).path == str(good)
    bad = tmp_path / "bad.yaml"
    bad.write_text(plan_yaml(goal_yaml(unit=None)), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_plan(str(bad))
    assert info.value.problems == [f"{bad}:8:5: goal 'labs': missing required key 'unit'"]
    assert info.value.exit_code == ExitCode.INVALID


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("missing.yaml", NotFoundError, "plan file not found: {path}"),
        ("file.txt/targets.yaml", NotFoundError, "plan file not found: {path}"),
        (".", ValidationError, "{path}: is a folder, not a plan file"),
        ("x" * 300 + ".yaml", ValidationError,
         "{path}: cannot read the plan file: File name too long"),
    ],
)  # fmt: skip
def test_load_plan_turns_os_errors_into_clean_errors(
    tmp_path: Path, name: str, error: type[PlantrackError], message: str
) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    path = tmp_path / name
    with pytest.raises(error) as info:
        load_plan(path)
    assert str(info.value) == message.format(path=path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_load_plan_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(plan_yaml(), encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ValidationError, match="permission denied"):
        load_plan(path)


def test_load_plan_refuses_a_huge_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:  # sparse: 20 MiB of nothing on disk
        f.truncate(20 * 2**20)
    with pytest.raises(ValidationError) as info:
        load_plan(path)
    assert info.value.problems == [
        f"{path}:1:1: file is 20.0 MiB; a plan file may be at most 16 MiB"
    ]


# --------------------------------------------------------------------------- `plantrack validate`


def test_validate_prints_a_summary_on_stdout(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    milestone = goal_yaml(id="m", kind="milestone", target=None, section="vision")
    path.write_text(plan_yaml(goal_yaml(), milestone), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{path}: valid: plan 'test-plan', 2 goals (1 increase, 1 milestone), 2 sections, "
        "period 2021-01-01 to 2025-12-31\n"
    )
    assert result.stderr == ""


def test_validate_lists_every_problem_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_yaml(goal_yaml(target="-1", unit=None)), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == ExitCode.INVALID
    assert result.stdout == ""
    # Without the unit line, target is the goal's 6th line: 8 + 5 = 13.
    assert result.stderr.splitlines() == [
        f"{path}:8:5: goal 'labs': missing required key 'unit'",
        f"{path}:13:13: goal 'labs': target must not be negative, got -1",
        "plantrack: error: 2 problems; nothing was changed",
    ]


def test_validate_a_missing_file_exits_not_found(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == f"plantrack: error: plan file not found: {tmp_path / 'nope.yaml'}\n"


# --------------------------------------------------------------------------- properties

PROBLEM = re.compile(r"t\.yaml:(\d+):(\d+): \S")
_PLAN_LINES = PLAN_FILE.read_text(encoding="utf-8").splitlines(keepends=True)


def _clean_outcome(data: bytes) -> Plan | None:
    """A Plan, or None after a ValidationError whose every problem is well formed."""
    try:
        return parse_plan(data, "t.yaml")
    except ValidationError as exc:
        lines = len(re.split(rb"\r\n|\r|\n", data))  # as an editor counts them
        assert exc.problems
        for problem in exc.problems:
            m = PROBLEM.match(problem)
            assert m, problem
            assert 1 <= int(m.group(1)) <= lines and int(m.group(2)) >= 1, problem
        return None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_plan_or_a_clean_error(data: bytes) -> None:
    _clean_outcome(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_gives_a_plan_or_a_clean_error(text: str) -> None:
    _clean_outcome(text.encode("utf-8", "surrogatepass"))


_VALUE_LINE = re.compile(r"( *(?:- )?[a-z_]+: )(\S.*)\n")
_value_lines = [i for i, line in enumerate(_PLAN_LINES) if _VALUE_LINE.fullmatch(line)]
_goals_line = _PLAN_LINES.index("goals:\n")
_goal_starts = [i for i, line in enumerate(_PLAN_LINES) if line.startswith("  - id: ")]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_value_lines),
    st.text(
        alphabet=st.sampled_from([*"0123456789-.,%~:'\"[]{}#&*!|> abn", "万", "左", "\t"]),
        max_size=12,
    ),
)
def test_a_changed_value_in_the_henan_plan_is_reported_in_its_own_goal(
    index: int, value: str
) -> None:
    lines = list(_PLAN_LINES)
    m = _VALUE_LINE.fullmatch(lines[index])
    assert m
    lines[index] = f"{m.group(1)}{value}\n"
    data = "".join(lines).encode()
    if _clean_outcome(data) is not None:
        return
    with pytest.raises(ValidationError) as info:
        parse_plan(data, "t.yaml")
    changed = index + 1
    first = max((s for s in _goal_starts if s <= index), default=-1) + 1
    last = min((s for s in _goal_starts if s > index), default=len(lines))
    for problem in info.value.problems:
        line = int(problem.split(":")[1])
        if "YAML syntax error" in problem:
            assert line >= changed, problem  # found at or after the change
        elif "duplicate goal id" in problem or index < _goals_line:
            continue  # reported at the second goal; plan dates reach every goal
        else:
            assert first <= line <= last, (changed, problem)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(range(len(_PLAN_LINES))))
def test_dropping_any_line_of_the_henan_plan_is_accepted_or_reported(index: int) -> None:
    _clean_outcome("".join(_PLAN_LINES[:index] + _PLAN_LINES[index + 1 :]).encode())
