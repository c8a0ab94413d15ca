"""The plan file's units and each goal's breakdown over them (指标分解): the shares of a sum
goal add up to its target exactly; every problem names file:line:column.

The expected places are found in the YAML text each test writes (``at``), as in
tests/planfile/test_new_kinds.py.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import run
from test_new_kinds import at, load, problems

from plantrack.errors import NotFoundError
from plantrack.planfile import read_plan

HEAD = """\
plan:
  id: split
  name_zh: 分解测试
  name_en: Breakdown test
  period_start: 2021-01-01
  period_end: 2025-12-31
units:
  zhengzhou: {zh: 郑州市, en: Zhengzhou}
  luoyang:   {zh: 洛阳市, en: Luoyang}
  xinxiang:  {zh: 新乡市, en: Xinxiang}
goals:
"""


def goal(gid: str = "labs", **fields: str) -> str:
    keys = {"kind": "increase", "unit": "个", "target": "10", "deadline": "2025-12-31", **fields}
    lines = [f"id: {gid}", *(f"{k}: {v}" for k, v in keys.items() if v != "-"),
             "title_zh: 省实验室", "title_en: Provincial labs", "section: s",
             "source: 原文"]  # fmt: skip
    return "  - " + "\n    ".join(lines) + "\n"


GOOD = HEAD + goal(breakdown="{zhengzhou: 5, luoyang: 3, xinxiang: 2}", lead="省科技厅") + goal(
    "coverage", kind="level", unit="'%'", target="90",
    breakdown="{zhengzhou: 95, luoyang: 90, xinxiang: 80}",
    weights="{zhengzhou: 2, luoyang: 1, xinxiang: 1}",
) + goal("levels", kind="level", unit="'%'", target="90",
         breakdown="{zhengzhou: 95, luoyang: 70}")  # fmt: skip


def test_units_breakdown_weights_and_lead_are_read() -> None:
    p = load(GOOD)
    assert p.units["luoyang"] == {"zh": "洛阳市", "en": "Luoyang"}
    labs, coverage, levels = p.goals
    assert labs.breakdown == (("zhengzhou", D(5)), ("luoyang", D(3)), ("xinxiang", D(2)))
    assert labs.lead == "省科技厅" and coverage.lead == ""
    assert labs.rolls_up and coverage.rolls_up
    # a level goal without weights: each share is that unit's own level, nothing rolls up,
    # and the shares need not reach the target (70 < 90 is allowed)
    assert not levels.rolls_up and levels.shares == {"zhengzhou": D(95), "luoyang": D(70)}
    assert coverage.weights == (("zhengzhou", D(2)), ("luoyang", D(1)), ("xinxiang", D(1)))


def test_the_cache_keeps_units_and_breakdowns(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(GOOD, encoding="utf-8")
    fresh = read_plan(path)
    cached = read_plan(path)
    assert cached.goals == fresh.goals and cached.units == fresh.units


def test_a_unit_is_named_by_id_english_or_chinese_name() -> None:
    p = load(GOOD)
    for name in ("zhengzhou", "郑州", "郑州市", "ZhengZhou", " 郑州 "):
        assert p.unit_named(name) == "zhengzhou"
    with pytest.raises(NotFoundError) as info:
        p.unit_named("开封", among=["zhengzhou", "luoyang"])
    assert str(info.value) == (
        "no unit '开封' here; the units are: zhengzhou (郑州市)、luoyang (洛阳市)"
    )


def test_a_slice_has_the_share_as_its_target() -> None:
    labs = load(GOOD).goals[0]
    part = labs.slice("luoyang")
    assert (part.target, part.baseline, part.part, part.breakdown) == (D(3), D(0), "luoyang", ())
    assert part.id == labs.id  # the same goal, one unit's part of it


def test_shares_that_do_not_add_up_name_the_breakdown_line_the_sum_and_the_target() -> None:
    text = HEAD + goal(breakdown="{zhengzhou: 5, luoyang: 3, xinxiang: 1}")
    assert problems(text) == [
        f"{at(text, '{zhengzhou: 5')}: goal 'labs': the 3 shares of the breakdown add up to 9, "
        "not to the target 10"
    ]
    assert problems(text, "zh") == [
        f"{at(text, '{zhengzhou: 5')}: 目标 'labs'：分解的 3 个份额合计为 9，与目标值 10 不符"
    ]


def test_the_command_exits_2_on_a_bad_sum(tmp_path: Path) -> None:
    text = HEAD + goal(breakdown="{zhengzhou: 5, luoyang: 6}")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    result = run("validate", str(tmp_path / "p.yaml"))
    assert result.exit_code == 2
    assert "the 2 shares of the breakdown add up to 11, not to the target 10" in result.stderr


@pytest.mark.parametrize(
    ("fields", "needle", "message"),
    [
        ({"breakdown": "{zhengzhou: 5, kaifeng: 5}"}, "kaifeng",
         "unit 'kaifeng' is not declared under 'units'"),
        ({"breakdown": "{zhengzhou: 5, luoyan: 5}"}, "luoyan:",
         "unit 'luoyan' is not declared under 'units'; did you mean 'luoyang'?"),
        ({"breakdown": "{zhengzhou: 5, zhengzhou: 5}"}, "zhengzhou: 5}",
         "duplicate key 'zhengzhou' (first at line 17)"),
        ({"breakdown": "{zhengzhou: 12, luoyang: -2}"}, "-2",
         "breakdown.luoyang must not be negative"),
        ({"breakdown": "[zhengzhou, luoyang]"}, "[zhengzhou",
         "breakdown must map each unit to a number, like {zhengzhou: 5, luoyang: 3}"),
        ({"breakdown": "{zhengzhou: ten}"}, "ten", "breakdown.zhengzhou must be a number"),
        ({"baseline": "2", "breakdown": "{zhengzhou: 10}"}, "{zhengzhou",
         "a breakdown splits what is to be added, so the goal's baseline must be 0, not 2"),
        ({"baseline_stock": "40", "breakdown": "{zhengzhou: 10}"}, "{zhengzhou",
         "a breakdown cannot split a goal counted from a stock (baseline_stock)"),
        ({"kind": "milestone", "unit": "-", "target": "-", "breakdown": "{zhengzhou: 1}"},
         "{zhengzhou", "a milestone has no breakdown"),
        ({"weights": "{zhengzhou: 1}"}, "{zhengzhou", "weights need a breakdown to weigh"),
        ({"breakdown": "{zhengzhou: 10}", "weights": "{zhengzhou: 1}"}, "{zhengzhou: 1}",
         "only a level goal's breakdown has weights"),
    ],
)  # fmt: skip
def test_breakdown_problems(fields: dict[str, str], needle: str, message: str) -> None:
    text = HEAD + goal(**fields)
    found = problems(text)
    assert len(found) == 1, found
    assert found[0].startswith(f"{at(text, needle)}: goal 'labs': {message}")


def test_weights_one_for_each_unit_and_a_weighted_mean_short_of_the_target() -> None:
    level = {"kind": "level", "unit": "'%'", "target": "90"}
    text = HEAD + goal(**level, breakdown="{zhengzhou: 95, luoyang: 80}",
                       weights="{zhengzhou: 1}")  # fmt: skip
    assert problems(text) == [f"{at(text, '{zhengzhou: 1}')}: goal 'labs': weights must give one "
                              "weight to each unit of the breakdown: zhengzhou, luoyang"]
    # (95·1 + 80·1) / 2 = 87.5 < 90; with weights 3 : 1 it is (285 + 80) / 4 = 91.25
    text = HEAD + goal(**level, breakdown="{zhengzhou: 95, luoyang: 80}",
                       weights="{zhengzhou: 1, luoyang: 1}")  # fmt: skip
    assert problems(text) == [f"{at(text, '{zhengzhou: 95')}: goal 'labs': the weighted mean of "
                              "the units' levels is 87.5, short of the target 90"]
    load(HEAD + goal(**level, breakdown="{zhengzhou: 95, luoyang: 80}",
                     weights="{zhengzhou: 3, luoyang: 1}"))  # fmt: skip


def test_a_breakdown_without_declared_units_says_so() -> None:
    text = HEAD.split("units:")[0] + "goals:\n" + goal(breakdown="{zhengzhou: 10}")
    assert problems(text) == [f"{at(text, 'zhengzhou')}: goal 'labs': unit 'zhengzhou': the "
                              "plan declares no units (add a top-level 'units:' mapping)"]


def test_units_are_checked_like_sections() -> None:
    text = HEAD.replace("  xinxiang:  {zh: 新乡市, en: Xinxiang}",
                        "  Xin Xiang: {zh: 新乡市, en: Xinxiang}\n  luoyang: {zh: 洛阳}")
    text += goal(breakdown="{zhengzhou: 10}")
    assert problems(text) == [
        f"{at(text, 'Xin Xiang')}: unit id 'Xin Xiang' must be lowercase letters, digits and "
        "'-' (like 'zhengzhou')",
        f"{at(text, 'luoyang: {')}: duplicate unit 'luoyang'",
    ]


# --------------------------------------------------------------------------- property


shares = st.lists(st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False),
                  min_size=1, max_size=3)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(shares, st.decimals(min_value=-50, max_value=50, places=2))
def test_shares_that_add_up_validate_and_any_other_sum_is_refused(
    values: list[D], off: D
) -> None:
    units = ["zhengzhou", "luoyang", "xinxiang"][: len(values)]
    mapping = "{" + ", ".join(f"{u}: {v}" for u, v in zip(units, values, strict=True)) + "}"
    total = sum(values, D(0))
    target = total + off
    if target <= 0:  # an increase goal's target must be above its baseline of 0
        return
    text = HEAD + goal(target=str(target), breakdown=mapping)
    if off == 0:
        assert load(text).goals[0].shares == dict(zip(units, values, strict=True))
    else:
        message = (f"{at(text, mapping)}: goal 'labs': the {len(values)} shares of the "
                   f"breakdown add up to {total.normalize():f}, not to the target "
                   f"{target.normalize():f}")  # fmt: skip
        assert problems(text) == [message]
