"""The plan format's newer kinds and fields: growth and cumulative goals, waypoints,
target_ref, baseline_from and the plan's partial.

Every problem is reported with file:line:column; the expected places are found in the
YAML text each test writes (``at``), the way tests/planfile/test_validate.py does.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ok

from plantrack.errors import ValidationError
from plantrack.ledger import open_ledger
from plantrack.model.plan import Plan
from plantrack.planfile import parse_plan, read_plan
from plantrack.reports.build import build_report
from plantrack.reports.goalviews import goal_view
from plantrack.reports.query import ReportQuery
from plantrack.reports.views import goal_list

HEAD = """\
plan:
  id: new-kinds
  name_zh: 测试规划
  name_en: Test plan
  period_start: 2021-01-01
  period_end: 2025-12-31
  partial: 'Only the goals of the 2021 work report; the outline was not available.'
goals:
"""
NATIONAL = """\
  - id: national
    title_zh: 全国研发投入强度
    title_en: National R&D intensity
    section: s
    kind: indicator
    unit: '%'
    source: 全国
"""


def goal(gid: str = "g", **fields: str) -> str:
    """A goal as a YAML list item; its keys in the order given, then title, section, source."""
    keys = {"kind": "level", "unit": "'%'", "target": "2.6", "deadline": "2025-12-31", **fields}
    lines = [f"id: {gid}", *(f"{k}: {v}" for k, v in keys.items() if v != "-"),
             "title_zh: 目标", "title_en: Goal", "section: s", "source: 原文"]  # fmt: skip
    return "  - " + "\n    ".join(lines) + "\n"


def plan(*goals: str) -> str:
    return HEAD + NATIONAL + "".join(goals)


def load(text: str) -> Plan:
    return parse_plan(text.encode(), "t.yaml")


def problems(text: str, lang: str = "en") -> list[str]:
    with pytest.raises(ValidationError) as info:
        parse_plan(text.encode(), "t.yaml")
    return info.value.texts(lang) if lang != "en" else info.value.problems


def at(text: str, needle: str) -> str:
    """'t.yaml:line:column' of the only ``needle`` in ``text``."""
    assert text.count(needle) == 1, needle
    i = text.index(needle)
    return f"t.yaml:{text.count(chr(10), 0, i) + 1}:{i - (text.rfind(chr(10), 0, i) + 1) + 1}"


GOOD = plan(
    goal("spending", kind="growth", unit="亿元", target="10", baseline="1000",
         baseline_date="2020-12-31", approximate="true"),
    goal("total-spending", kind="cumulative", unit="亿元", target="300"),
    goal("intensity", baseline="1.8", baseline_date="2020-12-31",
         waypoints="{2024-12-31: 2.4, 2022-12-31: 2.0}"),
    goal("labs", kind="increase", unit="个", target="10", waypoints="{2023-06-30: 4}"),
    goal("as-nation", target="-", target_ref="national", tolerance="0.05"),
    goal("carried", kind="growth", unit="亿元", target="10", baseline_date="2020-12-31",
         baseline_from="earlier-plan/rd-spending"),
)  # fmt: skip


def test_every_new_kind_and_field_validates() -> None:
    p = load(GOOD)
    g = {x.id: x for x in p.goals}
    assert p.partial == "Only the goals of the 2021 work report; the outline was not available."
    spending = g["spending"]
    assert (spending.kind, spending.target, spending.baseline) == ("growth", D(10), D(1000))
    # approximate growth: 10% of the target's span, which for a rate runs from 0: 1 point
    assert spending.tolerance == D(1)
    total = g["total-spending"]
    assert total.counts_amounts and total.has_target
    assert total.baseline == 0  # a sum since the baseline date
    assert not spending.counts_amounts
    # waypoints in date order, as exact values
    assert g["intensity"].waypoints == ((date(2022, 12, 31), D("2.0")),
                                        (date(2024, 12, 31), D("2.4")))  # fmt: skip
    assert g["labs"].waypoints == ((date(2023, 6, 30), D(4)),)
    ref = g["as-nation"]
    assert (ref.target_ref, ref.target, ref.tolerance, ref.has_target) == ("national", None,
                                                                           D("0.05"), True)
    assert g["carried"].baseline_from == "earlier-plan/rd-spending"
    assert g["carried"].baseline is None


def test_the_cache_keeps_the_new_fields(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(GOOD, encoding="utf-8")
    fresh = read_plan(path)  # validated, then written to the cache
    cached = read_plan(path)  # from the cache
    assert cached.goals == fresh.goals
    assert cached.partial == fresh.partial
    waypoint = cached.goal("intensity").waypoints[0]
    assert type(waypoint[0]) is date and type(waypoint[1]) is D


BAD = [
    # (goal fields, the text whose place the problem names, the problem)
    ({"kind": "growth", "unit": "亿元", "target": "0"}, "target: 0",
     "goal 'g': a growth goal's target is a rate in % a year and must be above 0"),
    ({"kind": "growth", "unit": "亿元", "target": "10", "baseline": "0"}, "baseline: 0",
     "goal 'g': a growth goal's baseline is the series' value at the baseline date and must be "
     "above 0"),
    ({"kind": "growth", "unit": "亿元", "target": "10", "direction": "down"}, "direction: down",
     "goal 'g': a growth goal is a growth of at least its target: direction down does not "
     "apply; remove it"),
    ({"kind": "growth", "unit": "亿元", "target": "10", "method": "cagr"}, "method: cagr",
     "goal 'g': a growth goal has no method; remove it"),
    ({"kind": "growth", "unit": "亿元", "target": "10", "waypoints": "{2023-12-31: 5}"},
     "waypoints: {", "goal 'g': a growth goal has no waypoints; remove it"),
    ({"kind": "cumulative", "unit": "亿元", "target": "300", "baseline": "20"}, "baseline: 20",
     "goal 'g': a cumulative goal has no baseline; remove it"),
    ({"kind": "milestone", "target": "-", "unit": "-", "waypoints": "{2023-12-31: 5}"},
     "waypoints: {", "goal 'g': a milestone has no waypoints; remove it"),
    ({"waypoints": "[2.0, 2.2]"}, "waypoints: [",
     "goal 'g': waypoints must map dates to values, like {2026-12-31: 2.2}"),
    ({"waypoints": "{end-2023: 2.2}"}, "end-2023",
     "goal 'g': waypoints must be a date YYYY-MM-DD, got 'end-2023'"),
    ({"waypoints": "{2023-02-30: 2.2}"}, "2023-02-30",
     "goal 'g': waypoints '2023-02-30' is not a real calendar date"),
    ({"waypoints": "{2023-12-31: high}"}, "high",
     "goal 'g': waypoints 2023-12-31 must be a number, got 'high'"),
    ({"waypoints": "{2023-12-31: 2.2, 2023-12-31 : 2.3}"}, "2023-12-31 :",
     "goal 'g': duplicate key '2023-12-31' (first at line {line})"),
    ({"waypoints": "{2026-06-30: 2.2}"}, "2026-06-30",
     "goal 'g': waypoint 2026-06-30 must be after the baseline date 2021-01-01 and before the "
     "deadline 2025-12-31"),
    ({"waypoints": "{2021-01-01: 2.2}"}, "2021-01-01:",
     "goal 'g': waypoint 2021-01-01 must be after the baseline date 2021-01-01 and before the "
     "deadline 2025-12-31"),
    ({"baseline": "1.8", "waypoints": "{2022-12-31: 2.3, 2024-12-31: 2.2}"}, "2024-12-31",
     "goal 'g': waypoint 2024-12-31: 2.2 must lie strictly between 2.3 and 2.6 (the plan line "
     "runs from the baseline through each waypoint, in date order, to the target)"),
    ({"baseline": "1.8", "waypoints": "{2022-12-31: 2.6}"}, "2022-12-31",
     "goal 'g': waypoint 2022-12-31: 2.6 must lie strictly between 1.8 and 2.6 (the plan line "
     "runs from the baseline through each waypoint, in date order, to the target)"),
    ({"kind": "increase", "unit": "个", "target": "10", "target_ref": "national"},
     "target_ref: national", "goal 'g': target_ref is only for level goals"),
    ({"target_ref": "national"}, "target: 2.6", "goal 'g': give target or target_ref, not both"),
    ({"target": "-", "target_ref": "nationl"}, "target_ref: nationl",
     "goal 'g': target_ref 'nationl' is not a goal of this plan; did you mean 'national'?"),
    ({"target": "-", "target_ref": "other"}, "target_ref: other",
     "goal 'g': target_ref 'other' must name an indicator goal (its figures are the "
     "reference), not a level goal"),
    ({"target": "-", "unit": "亿元", "target_ref": "national"}, "target_ref: national",
     "goal 'g': target_ref 'national' is counted in '%', this goal in '亿元'"),
    ({"target": "-", "target_ref": "national", "tolerance": "'10%'"}, "tolerance: '10%'",
     "goal 'g': with target_ref, give tolerance as an absolute value: the target, and so its "
     "span, is known only from the reference figures"),
    ({"target": "-", "target_ref": "national", "approximate": "true"}, "target_ref: national",
     "goal 'g': with target_ref, give tolerance as an absolute value: the target, and so its "
     "span, is known only from the reference figures"),
    ({"baseline_from": "rd-intensity"}, "baseline_from: rd",
     "goal 'g': baseline_from must be PLAN_ID/GOAL_ID, like 'henan-14th-fyp-sti/rd-intensity', "
     "got 'rd-intensity'"),
    ({"kind": "increase", "unit": "个", "target": "10", "baseline_from": "p/rd"},
     "baseline_from: p", "goal 'g': baseline_from is only for level and growth goals"),
    ({"baseline": "1.8", "baseline_from": "p/rd"}, "baseline_from: p",
     "goal 'g': give baseline or baseline_from, not both"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "needle", "problem"), BAD)
def test_each_problem_names_its_place(fields: dict[str, str], needle: str, problem: str) -> None:
    other = goal("other", baseline="1", target="3")  # a level goal, for target_ref to name
    text = plan(goal(**fields), other)
    place = value_at(text, needle) if ": " in needle else at(text, needle)
    problem = problem.replace("{line}", place.split(":")[1])
    assert problems(text) == [f"{place}: {problem}"]


def value_at(text: str, needle: str) -> str:
    """'t.yaml:line:column' of the value after the key that ``needle`` starts with."""
    line, column = at(text, needle).split(":")[1:]
    return f"t.yaml:{line}:{int(column) + needle.index(': ') + 2}"


def test_problems_in_chinese() -> None:
    text = plan(goal(kind="growth", unit="亿元", target="0"))
    assert problems(text, "zh") == [
        f"{value_at(text, 'target: 0')}: 目标 'g'：增速目标的 target 是年均增长率（%），必须大于 0"]
    text = plan(goal(baseline="1.8", waypoints="{2022-12-31: 2.6}"))
    assert problems(text, "zh") == [
        f"{at(text, '2022-12-31')}: 目标 'g'：阶段目标 2022-12-31：2.6 必须严格介于 1.8 与 2.6 之间"
        "（计划线自基期值起，按日期经过各阶段目标，到达目标值）"]
    text = plan(goal(target="-", target_ref="nationl"))
    assert problems(text, "zh") == [
        f"{value_at(text, 'target_ref: nationl')}: 目标 'g'：target_ref 'nationl' 不是本规划中的"
        "目标；是否要输入 'national'？"]
    text = plan(goal(baseline="1.8", baseline_from="p/rd"))
    assert problems(text, "zh") == [
        f"{value_at(text, 'baseline_from: p')}: 目标 'g'：baseline 与 baseline_from 只能写一个"]


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["2022-12-31", "2023-06-30", "2021-01-01", "2026-01-01",
                                        "2023-02-30", "x", "''", "2024-12-31"]),
                       st.sampled_from(["2.2", "1", "9", "-3", "abc", "''", "[1]", "2.59"]),
                       max_size=4))  # fmt: skip
def test_any_waypoints_give_a_plan_or_clean_problems(waypoints: dict[str, str]) -> None:
    text = plan(goal(baseline="1.8", waypoints="{" + ", ".join(
        f"{k}: {v}" for k, v in waypoints.items()) + "}"))  # fmt: skip
    try:
        p = load(text)
    except ValidationError as exc:
        assert exc.problems and all(x.startswith("t.yaml:") for x in exc.problems)
        return
    days = [d for d, _ in p.goal("g").waypoints]
    assert days == sorted(days) and len(days) == len(waypoints)


def test_a_cumulative_goal_adds_up_each_years_amount(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(HEAD + goal("rd-total", kind="cumulative", unit="亿元", target="300"),
                    encoding="utf-8")  # fmt: skip
    for amount, day in (("+55", "2021-12-31"), ("+58", "2022-12-31"), ("+62", "2023-12-31")):
        ok("record", "rd-total", amount, "--date", day, "--plan", str(path), "--db", str(db))
    p = read_plan(path)
    with open_ledger(db, write=False) as ledger:
        r = build_report(p, ledger, ReportQuery(date(2023, 12, 31))).results[0]
    # 55 + 58 + 62 = 175 of 300 since 2021-01-01: p = 175 / 300 = 0.58333; 1,094 of the
    # 1,825 days to 2025-12-31: f = 0.59945; P = 0.58333 / 0.59945 = 0.97311 -> on track
    assert r.current == D(175)
    assert r.percent == pytest.approx(100 * 175 / 300)
    assert r.pace_ratio == pytest.approx((175 / 300) / (1094 / 1825))
    assert r.status == "on_track"
    assert r.gap == pytest.approx(125)
    view = goal_view(r, [], "en")
    assert dict(view.definition)["Target"] == "total 300 亿元 by 2025-12-31"
    assert dict(goal_view(r, [], "zh").definition)["目标值"] == "累计300亿元，期限 2025-12-31"
    assert goal_list(p, p.goals, "en").rows[0].target == "Σ 300 亿元"
    assert goal_list(p, p.goals, "zh").rows[0].target == "累计300亿元"


def test_the_readme_examples_of_the_new_kinds_validate() -> None:
    from support import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Goals of the newer kinds and fields"):]
    block = section[section.index("```yaml\n") + 8:section.index("```\n")]
    head = HEAD.replace("2021-01-01", "2026-01-01").replace("2025-12-31", "2030-12-31")
    p = load(head + block)
    kinds = {g.id: g.kind for g in p.goals}
    assert kinds == {"rd-spending-growth": "growth", "rd-funding-total": "cumulative",
                     "rd-intensity": "level", "rd-intensity-national": "indicator",
                     "rd-intensity-average": "level"}  # fmt: skip
    assert p.goal("rd-intensity").waypoints == ((date(2026, 12, 31), D("2.2")),)
    assert p.goal("rd-intensity-average").target_ref == "rd-intensity-national"


def test_the_schema_knows_the_new_rules_too() -> None:
    import json

    import jsonschema
    import yaml

    from plantrack import paths

    validator = jsonschema.Draft202012Validator(
        json.loads(paths.schema_path().read_text(encoding="utf-8")))

    def document(**fields: object) -> object:
        """The plan of one level goal (target 2.6) with ``fields`` changed, dates as text;
        a field given as None is left out."""
        doc = yaml.safe_load(plan(goal()))
        doc["plan"] = {k: str(v) for k, v in doc["plan"].items()}
        changed = {k: str(v) if isinstance(v, date) else v for k, v in doc["goals"][1].items()}
        changed.update(fields)
        doc["goals"][1] = {k: v for k, v in changed.items() if v is not None}
        return doc

    assert validator.is_valid(document())
    assert validator.is_valid(document(target=None, target_ref="national"))
    assert validator.is_valid(document(waypoints={"2023-12-31": 2.2}, baseline_from="p/g"))
    for change in ({"target_ref": "national"}, {"kind": "growth", "target": 0},
                   {"baseline": 1.8, "baseline_from": "p/g"}, {"waypoints": {"end": 2}},
                   {"waypoints": {"2023-12-31": "2.2"}}, {"baseline_from": "p"},
                   {"kind": "growth", "method": "cagr"}, {"kind": "growth", "direction": "down"},
                   {"target": None, "target_ref": "Not An Id"}):  # fmt: skip
        assert not validator.is_valid(document(**change)), change


def test_the_schemas_examples_are_valid_goals() -> None:
    import json

    import jsonschema

    from plantrack import paths

    schema = json.loads(paths.schema_path().read_text(encoding="utf-8"))
    examples = schema["properties"]["goals"]["items"]["examples"]
    validator = jsonschema.Draft202012Validator(schema)
    document = {"plan": {"id": "p", "name_zh": "规划", "name_en": "Plan",
                         "period_start": "2026-01-01", "period_end": "2030-12-31"},
                "goals": [*examples, {"id": "rd-intensity-national", "title_zh": "全国",
                                      "title_en": "National", "section": "reference",
                                      "kind": "indicator", "unit": "%", "source": "全国"}]}
    validator.validate(document)
    assert {g["kind"] for g in examples} == {"growth", "cumulative", "level"}
    # and plantrack's own validator takes them as they are
    load(json.dumps(document, ensure_ascii=False))  # JSON is YAML


def test_a_cumulative_goal_takes_each_years_amount_as_typed(tmp_path: Path, db: Path) -> None:
    # A plain value is that year's amount (an increment), recorded or imported: 55 + 58
    # (recorded) + 62 (imported) = 175, as above; "total" in the kind cell stays a total.
    path = tmp_path / "plan.yaml"
    path.write_text(HEAD + goal("rd-total", kind="cumulative", unit="亿元", target="300"),
                    encoding="utf-8")  # fmt: skip
    for amount, day in (("55", "2021-12-31"), ("58", "2022-12-31")):
        ok("record", "rd-total", amount, "--date", day, "--plan", str(path), "--db", str(db))
    rows = tmp_path / "2023.csv"
    rows.write_text("goal,date,value\nrd-total,2023-12-31,62\n", encoding="utf-8")
    ok("import", str(rows), "--plan", str(path), "--db", str(db))
    with open_ledger(db, write=False) as ledger:
        kinds = [e.kind for e in ledger.entries(read_plan(path).id)]
        r = build_report(read_plan(path), ledger, ReportQuery(date(2023, 12, 31))).results[0]
    assert kinds == ["increment"] * 3
    assert r.current == D(175)
