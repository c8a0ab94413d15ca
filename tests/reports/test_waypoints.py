"""Waypoints: interim targets the plan line runs through, the pace judged against the next.

The goal: a level of 1.8 on 2020-12-31, waypoints 2.0 on 2022-12-31 and 2.4 on
2024-12-31, target 2.6 on 2025-12-31. The segments are 730, 731 (2024 is a leap year)
and 365 days long. Every figure is worked out by hand in a comment.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from plantrack.model.entries import GoalFigures
from plantrack.model.plan import Goal
from plantrack.output.chart import chart
from plantrack.output.svg import goal_chart
from plantrack.reports.analysis import analyze
from plantrack.reports.goalviews import chart_series, goal_view

T0, T1, T2, T = date(2020, 12, 31), date(2022, 12, 31), date(2024, 12, 31), date(2025, 12, 31)


def goal(**kw: object) -> Goal:
    base: dict[str, object] = dict(
        id="rd-intensity", title_zh="研发投入强度", title_en="R&D intensity", section="s",
        kind="level", unit="%", target=D("2.6"), deadline=T, baseline=D("1.8"),
        baseline_date=T0, baseline_stock=None, direction="up", approximate=False,
        tolerance=D(0), stretch=False, method=None, source="src",
        waypoints=((T1, D("2.0")), (T2, D("2.4"))),
    )  # fmt: skip
    base.update(kw)
    return Goal(**base)  # type: ignore[arg-type]


def reading(value: str, on: date) -> GoalFigures:
    return GoalFigures("rd-intensity", D(value), on, D(0), None, D(value), on, on)


def test_first_segment_paced_against_the_first_waypoint() -> None:
    # 2021-12-31 is 365 of the 730 days from t0 to the first waypoint: f = 0.5.
    # c = 1.85: p = (1.85 - 1.8) / (2.0 - 1.8) = 0.25; P = 0.25 / 0.5 = 0.5 -> off track.
    # (Against the whole span it would be (0.05 / 0.8) / (365 / 1826) = 0.31.)
    r = analyze(goal(), reading("1.85", date(2021, 12, 31)), date(2021, 12, 31))
    assert r.pace_ratio == pytest.approx(0.5)
    assert r.status == "off_track"
    # expected: the road at f = 0.5: 1.8 + 0.2 * 0.5 = 1.9
    assert r.expected == pytest.approx(1.9)
    # required: (2.0 - 1.85) / (365 / 365.25 years) = 0.15 / 0.99932 = 0.15010
    assert r.required_per_year == pytest.approx(0.15 / (365 / 365.25))
    assert r.next_waypoint == (T1, D("2.0"))
    # progress and the gap stay the whole goal's: (1.85 - 1.8) / 0.8 = 6.25%; 2.6 - 1.85
    assert r.percent == pytest.approx(6.25)
    assert r.gap == pytest.approx(0.75)


def test_second_segment_paced_against_the_second_waypoint() -> None:
    # 2023-12-31 is 365 of the 731 days from 2022-12-31 to 2024-12-31: f = 365 / 731.
    # c = 2.2: p = (2.2 - 2.0) / (2.4 - 2.0) = 0.5; P = 0.5 / 0.49932 = 1.00137 -> on track.
    r = analyze(goal(), reading("2.2", date(2023, 12, 31)), date(2023, 12, 31))
    assert r.pace_ratio == pytest.approx(0.5 / (365 / 731))
    assert r.status == "on_track"
    # expected: 2.0 + 0.4 * 365 / 731 = 2.19973
    assert r.expected == pytest.approx(2.0 + 0.4 * 365 / 731)
    # required: (2.4 - 2.2) / (366 / 365.25) = 0.2 / 1.00205 = 0.19959
    assert r.required_per_year == pytest.approx(0.2 / (366 / 365.25))
    assert r.next_waypoint == (T2, D("2.4"))


def test_the_last_segment_runs_to_the_target() -> None:
    # 2025-06-30 is 181 of the 365 days after the last waypoint: f = 181 / 365.
    # c = 2.45: p = (2.45 - 2.4) / (2.6 - 2.4) = 0.25; P = 0.25 / 0.49589 = 0.50414 -> off
    r = analyze(goal(), reading("2.45", date(2025, 6, 30)), date(2025, 6, 30))
    assert r.pace_ratio == pytest.approx(0.25 / (181 / 365))
    assert r.status == "off_track"
    # required: (2.6 - 2.45) / (184 / 365.25) = 0.29776; no waypoint is still ahead
    assert r.required_per_year == pytest.approx(0.15 / (184 / 365.25))
    assert r.next_waypoint is None


def test_on_a_waypoint_the_segment_that_ends_there_judges() -> None:
    # t_i < as_of <= t_(i+1): on 2022-12-31 f = 1 in the first segment; reaching 2.0 there
    # is p = 1, P = 1.
    r = analyze(goal(), reading("2.0", T1), T1)
    assert r.pace_ratio == pytest.approx(1)
    assert r.expected == pytest.approx(2.0)
    assert r.status == "on_track"


def test_an_increase_goal_counts_its_waypoints_as_amounts_added() -> None:
    # +10,000 by 2025-12-31 from 0 on 2020-12-31, at least +4,000 by 2022-12-31.
    # On 2021-12-31 (f = 365 / 730 = 0.5), +1,500: p = 1,500 / 4,000 = 0.375, P = 0.75
    g = goal(kind="increase", unit="家", baseline=D(0), target=D(10000),
             waypoints=((T1, D(4000)),))  # fmt: skip
    figures = GoalFigures("rd-intensity", None, None, D(1500), None, None, T0, date(2021, 12, 31))
    r = analyze(g, figures, date(2021, 12, 31))
    assert r.pace_ratio == pytest.approx(0.75)
    assert r.status == "behind"


def test_a_cagr_pace_spans_the_whole_time_but_says_the_next_waypoint() -> None:
    r = analyze(goal(method="cagr"), reading("1.85", date(2021, 12, 31)), date(2021, 12, 31))
    assert r.method == "cagr"
    # R = ((1.85 / 1.8) ** (1 / 0.99932) - 1) / ((2.6 / 1.8) ** (1 / 4.99932) - 1)
    years, total = 365 / 365.25, 1826 / 365.25
    expected = ((1.85 / 1.8) ** (1 / years) - 1) / ((2.6 / 1.8) ** (1 / total) - 1)
    assert r.pace_ratio == pytest.approx(expected)
    assert r.next_waypoint == (T1, D("2.0"))


def test_show_lists_the_waypoints_and_the_next_one() -> None:
    r = analyze(goal(), reading("2.2", date(2023, 12, 31)), date(2023, 12, 31))
    en, zh = goal_view(r, [], "en"), goal_view(r, [], "zh")
    assert dict(en.definition)["Waypoints"] == "2% by 2022-12-31; 2.4% by 2024-12-31"
    assert dict(zh.definition)["阶段目标"] == "2022-12-31 达到 2%；2024-12-31 达到 2.4%"
    assert dict(en.figures)["Next waypoint"] == "2.4% by 2024-12-31"
    assert dict(zh.figures)["下一阶段目标"] == "2024-12-31 达到 2.4%"


def test_the_chart_draws_the_road_through_the_waypoints() -> None:
    r = analyze(goal(), reading("2.2", date(2023, 12, 31)), date(2023, 12, 31))
    series = chart_series(r, [], "en")
    assert series.road == ((T0, 1.8), (T1, 2.0), (T2, 2.4), (T, 2.6))
    # halfway along the second segment (365 of 731 days) the line is at 2.19973
    assert series.line_at(date(2023, 12, 31)) == pytest.approx(2.0 + 0.4 * 365 / 731)
    svg = goal_chart(series, "R&D intensity", "en")
    assert '<polyline class="plan" fill="none"' in svg
    assert svg.count("<line class=\"plan\"") == 1  # only the legend's sample line
    # The text chart's plan line bends at the waypoints. 9 rows for 1.8..2.6 (0.1 a row),
    # labels 3 wide + " ┤": the plot starts at column 5 and is 60 - 5 = 55 cells wide. The
    # first waypoint's cell is round(730 / 1826 * 54) = 22; that cell stands for day
    # round(22 / 54 * 1826) = 744, where the road is 2.0 + 0.4 * 14 / 731 = 2.008: row
    # 8 - round(2.08) = 6. A straight line would be at 1.8 + 0.8 * 744 / 1826 = 2.126: row 5.
    rows = chart(series, width=60, height=9).plain.splitlines()
    assert rows[6][5 + 22] == "·"
    assert rows[5][5 + 22] == " "


def test_a_baseline_already_past_a_waypoint_counts_it_as_passed() -> None:
    # No published baseline: the first reading, 2.1 on 2021-12-31, stands in, and it is
    # already past the 2.0 due on 2022-12-31. The road then runs (2021-12-31, 2.1) ->
    # (2024-12-31, 2.4): 1,096 days. On 2022-12-31 (365 days in, f = 365 / 1096) the
    # reading 2.2 is p = (2.2 - 2.1) / (2.4 - 2.1) = 1/3 of the way: P = (1/3) / (365/1096)
    # = 1.0009 -> on track (with the passed waypoint in the road, 2.2 against a segment
    # from 2.1 down to 2.0 would read as regressing).
    first = date(2021, 12, 31)
    figures = GoalFigures("rd-intensity", D("2.2"), T1, D(0), None, D("2.1"), first, T1)
    r = analyze(goal(baseline=None), figures, T1)
    assert r.pace_ratio == pytest.approx((1 / 3) / (365 / 1096))
    assert r.status == "on_track"
    assert r.next_waypoint == (T2, D("2.4"))
    # and the chart draws the same road: no dip to the passed 2.0
    assert chart_series(r, [], "en").road == ((first, 2.1), (T2, 2.4), (T, 2.6))
