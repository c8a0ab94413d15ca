"""Targets and baselines taken from other goals' figures: target_ref and baseline_from.

Two small plans share one real SQLite ledger, their entries recorded through the CLI:
an earlier plan whose R&D intensity series ends in 2020, and a plan for 2021-2025 whose
R&D intensity goal is "达到全国平均水平" (its target is the latest national figure, an
indicator of the same plan) and whose other goal carries its baseline over from the
earlier plan. Every expected figure is worked out by hand in a comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from support import ok

from plantrack.ledger import open_ledger
from plantrack.model.entries import GoalFigures
from plantrack.planfile import read_plan
from plantrack.reports.build import Report, build_goal_report, build_report, build_review
from plantrack.reports.goalviews import goal_view
from plantrack.reports.query import ReportQuery
from plantrack.reports.views import goal_list, status_view

EARLIER = """\
plan:
  id: earlier-plan
  name_zh: 上期规划
  name_en: Earlier plan
  period_start: 2016-01-01
  period_end: 2020-12-31
goals:
  - id: rd-intensity
    title_zh: 研发投入强度
    title_en: R&D intensity
    section: investment
    kind: indicator
    unit: '%'
    source: 研发投入强度
"""

PLAN = """\
plan:
  id: ref-test
  name_zh: 本期规划
  name_en: This plan
  period_start: 2021-01-01
  period_end: 2025-12-31
goals:
  - id: national
    title_zh: 全国研发投入强度
    title_en: National R&D intensity
    section: national
    kind: indicator
    unit: '%'
    source: 全国平均水平
  - id: rd-intensity
    title_zh: 研发投入强度达到全国平均水平
    title_en: R&D intensity up to the national average
    section: province
    kind: level
    unit: '%'
    baseline: 1.8
    baseline_date: 2020-12-31
    target_ref: national
    deadline: 2025-12-31
    source: 研发投入强度达到全国平均水平
  - id: rd-carried
    title_zh: 研发投入强度达到2.6%
    title_en: R&D intensity 2.6%
    section: province
    kind: level
    unit: '%'
    baseline_from: earlier-plan/rd-intensity
    baseline_date: 2020-12-31
    target: 2.6
    deadline: 2025-12-31
    source: 研发投入强度达到2.6%
  - id: rd-nowhere
    title_zh: 研发投入强度（无上期数据）
    title_en: R&D intensity, no earlier figure
    section: province
    kind: level
    unit: '%'
    baseline_from: earlier-plan/no-such-goal
    baseline_date: 2020-12-31
    target: 2.6
    deadline: 2025-12-31
    source: 研发投入强度达到2.6%
"""


@pytest.fixture
def plans(tmp_path: Path, db: Path) -> tuple[Path, Path]:
    earlier, plan = tmp_path / "earlier.yaml", tmp_path / "plan.yaml"
    earlier.write_text(EARLIER, encoding="utf-8")
    plan.write_text(PLAN, encoding="utf-8")
    for path, goal, value, day in [
        (earlier, "rd-intensity", "1.64%", "2019-12-31"),
        (earlier, "rd-intensity", "1.7%", "2020-12-31"),
        (earlier, "rd-intensity", "1.9%", "2021-12-31"),  # after the baseline date: not it
        (plan, "national", "2.4%", "2021-12-31"),
        (plan, "national", "2.56%", "2023-12-31"),
        (plan, "national", "2.7%", "2025-12-31"),
        (plan, "national", "2.75%", "2026-06-30"),  # after the deadline: not the target
        (plan, "rd-intensity", "1.9%", "2021-03-31"),
        (plan, "rd-intensity", "2.0%", "2023-12-31"),
        (plan, "rd-carried", "1.9%", "2022-12-31"),
        (plan, "rd-nowhere", "1.8%", "2021-12-31"),
        (plan, "rd-nowhere", "1.9%", "2022-12-31"),
    ]:  # fmt: skip
        ok("record", goal, value, "--date", day, "--plan", str(path), "--db", str(db))
    return plan, db


class Counting:
    """A ledger that counts its figures queries."""

    def __init__(self, ledger: Any) -> None:
        self.ledger, self.location, self.queries = ledger, ledger.location, 0

    def figures(self, plan: str, as_of: date, known_at: date | None,
                goals: Sequence[str]) -> dict[str, GoalFigures]:  # fmt: skip
        self.queries += 1
        return self.ledger.figures(plan, as_of, known_at, goals)

    def entries(self, *args: Any, **kw: Any) -> Any:
        return self.ledger.entries(*args, **kw)


def report(plans: tuple[Path, Path], as_of: date, section: str | None = None) -> Report:
    plan_file, db = plans
    with open_ledger(db, write=False) as ledger:
        return build_report(read_plan(plan_file), ledger, ReportQuery(as_of, section=section))


def by_id(r: Report) -> dict[str, Any]:
    return {x.goal.id: x for x in r.results}


def test_the_target_is_the_latest_reference_figure_by_hand(plans: tuple[Path, Path]) -> None:
    r = by_id(report(plans, date(2023, 12, 31)))["rd-intensity"]
    # The national figure on or before 2023-12-31: 2.56 (of 2023-12-31).
    assert (r.goal.target, r.target_date) == (D("2.56"), date(2023, 12, 31))
    # b = 1.8 on 2020-12-31, g = 2.56 on 2025-12-31 (1,826 days), c = 2.0 on 2023-12-31
    # (1,095 days in): f = 1,095 / 1,826 = 0.59967; p = 0.2 / 0.76 = 0.26316;
    # P = 0.26316 / 0.59967 = 0.43883 -> off track; expected = 1.8 + 0.76 * f = 2.25575
    assert r.pace_ratio == pytest.approx((0.2 / 0.76) / (1095 / 1826))
    assert r.status == "off_track"
    assert r.expected == pytest.approx(1.8 + 0.76 * 1095 / 1826)
    assert r.gap == pytest.approx(0.56)


def test_after_the_deadline_the_target_is_the_figure_at_the_deadline(
        plans: tuple[Path, Path]) -> None:  # fmt: skip
    r = by_id(report(plans, date(2026, 9, 30)))["rd-intensity"]
    # on or before min(2026-09-30, 2025-12-31): 2.7 of 2025-12-31, not 2.75 of 2026-06-30
    assert (r.goal.target, r.target_date) == (D("2.7"), date(2025, 12, 31))
    assert r.status == "missed"  # 2.0 of 2.7, the deadline passed


def test_a_section_that_leaves_the_reference_out_still_reads_its_figures(
        plans: tuple[Path, Path]) -> None:  # fmt: skip
    r = report(plans, date(2023, 12, 31), section="province")
    assert [x.goal.id for x in r.results] == ["rd-intensity", "rd-carried", "rd-nowhere"]
    assert by_id(r)["rd-intensity"].goal.target == D("2.56")


def test_no_reference_figure_yet_is_no_target_to_judge(plans: tuple[Path, Path]) -> None:
    # 2021-06-30: rd-intensity has its 1.9 of 2021-03-31, the nation nothing before 2021-12-31
    r = by_id(report(plans, date(2021, 6, 30)))["rd-intensity"]
    assert r.status == "no_data"
    assert r.note == "no_reference"
    assert r.current == D("1.9") and r.goal.target is None
    view = goal_view(r, [], "en")
    assert dict(view.definition)["Target"] == ("the latest figure of national (none yet) by "
                                               "2025-12-31")
    assert dict(view.figures)["Notes"] == ("no figure of national on or before 2021-06-30: no "
                                           "target to judge by yet")  # fmt: skip
    assert view.chart is None
    zh = goal_view(r, [], "zh")
    assert dict(zh.figures)["说明"] == "2021-06-30及以前没有 national 的数据，尚无可对照的目标值"
    assert status_view(report(plans, date(2021, 6, 30)), "en").targets[0].current == "1.9 / -%"


def test_show_says_where_the_target_comes_from(plans: tuple[Path, Path]) -> None:
    plan_file, db = plans
    with open_ledger(db, write=False) as ledger:
        r, entries = build_goal_report(read_plan(plan_file), ledger,
                                       ReportQuery(date(2023, 12, 31)), "rd-intensity")  # fmt: skip
    view = goal_view(r.results[0], entries, "en")
    assert dict(view.definition)["Target"] == (
        "the latest figure of national: 2.56% (2023-12-31) by 2025-12-31")
    zh = goal_view(r.results[0], entries, "zh")
    assert dict(zh.definition)["目标值"] == ("national 的最新数值：2.56%（2023-12-31），"
                                             "期限 2025-12-31")
    plan = read_plan(plan_file)
    assert goal_list(plan, plan.goals, "en").rows[1].target == "latest of national"


def test_a_baseline_carried_over_from_the_earlier_plan(plans: tuple[Path, Path]) -> None:
    r = by_id(report(plans, date(2022, 12, 31)))["rd-carried"]
    # The earlier plan's reading on or before 2020-12-31: 1.7 (1.9 of 2021 is after it).
    assert r.baseline == D("1.7") and not r.baseline_from_first_reading
    # b = 1.7, g = 2.6, c = 1.9 on 2022-12-31, 730 of 1,826 days: f = 0.39978;
    # p = 0.2 / 0.9 = 0.22222; P = 0.22222 / 0.39978 = 0.55586 -> off track
    assert r.pace_ratio == pytest.approx((0.2 / 0.9) / (730 / 1826))
    assert r.status == "off_track"
    view = goal_view(r, [], "en")
    assert dict(view.definition)["Baseline"] == (
        "1.7% (2020-12-31) · carried over from earlier-plan/rd-intensity")


def test_with_no_reading_to_carry_the_first_reading_is_the_base(
        plans: tuple[Path, Path]) -> None:  # fmt: skip
    r = by_id(report(plans, date(2022, 12, 31)))["rd-nowhere"]
    # earlier-plan has no figures of no-such-goal: the first reading, 1.8 of 2021-12-31,
    # is the base, and a note says so.
    assert (r.baseline, r.baseline_date) == (D("1.8"), date(2021, 12, 31))
    assert r.baseline_from_first_reading
    assert r.note == "baseline_not_carried"
    view = goal_view(r, [], "en")
    assert dict(view.definition)["Baseline"] == "1.8% (2021-12-31) · the first reading stands in"
    assert dict(view.figures)["Notes"] == ("no reading of earlier-plan/no-such-goal on or before "
                                           "2020-12-31: the first reading is the base")  # fmt: skip


def test_queries_one_figures_query_more_per_plan_and_date_carried_from(
        plans: tuple[Path, Path]) -> None:  # fmt: skip
    plan_file, db = plans
    plan = read_plan(plan_file)
    with open_ledger(db, write=False) as ledger:
        counting = Counting(ledger)
        build_report(plan, counting, ReportQuery(date(2023, 12, 31)))
        # this plan's figures, then earlier-plan's as of 2020-12-31 (both goals at once)
        assert counting.queries == 2
        counting.queries = 0
        build_report(plan, counting, ReportQuery(date(2026, 9, 30)))
        # and the reference as of the deadline 2025-12-31
        assert counting.queries == 3
        counting.queries = 0
        build_report(plan, counting, ReportQuery(date(2023, 12, 31), section="national"))
        assert counting.queries == 1  # nothing to carry: one query, as ever


def test_the_review_years_take_the_target_as_of_each_year(plans: tuple[Path, Path]) -> None:
    plan_file, db = plans
    with open_ledger(db, write=False) as ledger:
        data = build_review(read_plan(plan_file), ledger, ReportQuery(date(2025, 12, 31)), None)
    targets = [by_id(y)["rd-intensity"].goal.target for y in data.year_ends]
    # 2021: 2.4; 2022: still 2.4; 2023: 2.56; 2024: 2.56; 2025: 2.7
    assert targets == [D("2.4"), D("2.4"), D("2.56"), D("2.56"), D("2.7")]
