"""Worked examples for every formula in analysis.py, computed by hand.

Most examples use a goal that runs exactly 1,000 days from its baseline date
to its deadline, so an as-of date 500 days in gives an elapsed fraction of
exactly 0.5 and the arithmetic stays readable.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from plantrack.model.entries import Entry, GoalFigures
from plantrack.model.plan import Goal
from plantrack.reports.analysis import (
    analyze,
    at_or_worse,
    pace_status,
    running_values,
    sort_results,
    summarize,
)

T0 = date(2021, 1, 1)
T = T0 + timedelta(days=1000)  # 2023-09-28
MID = T0 + timedelta(days=500)  # 2022-05-16: f = 500 / 1000 = 0.5
YEARS_LEFT_AT_MID = 500 / 365.25  # 1.36893...


def goal(**kw: object) -> Goal:
    base: dict[str, object] = dict(
        id="g",
        title_zh="目标",
        title_en="Goal",
        section="s",
        kind="increase",
        unit="个",
        target=D(10),
        deadline=T,
        baseline=D(0),
        baseline_date=T0,
        baseline_stock=None,
        direction="up",
        approximate=False,
        tolerance=D(0),
        stretch=False,
        method=None,
        source="src",
    )
    base.update(kw)
    return Goal(**base)  # type: ignore[arg-type]


def figures(
    total: str | None = None,
    increments: str = "0",
    bound: str | None = None,
    first: str | None = None,
    first_date: date = T0 + timedelta(days=1),
    last_date: date = MID,
) -> GoalFigures:
    return GoalFigures(
        goal="g",
        total=None if total is None else D(total),
        total_date=last_date,
        increments=D(increments),
        bound=bound,
        first_total=D(first) if first is not None else (None if total is None else D(total)),
        first_date=first_date,
        last_date=last_date,
    )


def test_linear_on_track() -> None:
    # b = 0, g = 10, f = 500/1000 = 0.5, c = 5
    # expected = 0 + 10 * 0.5 = 5; p = 5/10 = 0.5; P = 0.5/0.5 = 1.0 -> on_track
    # projected = 0 + 5/0.5 = 10; required/yr = (10-5)/(500/365.25) = 3.6525
    # actual/yr = 5/(500/365.25) = 3.6525; projected date = t0 + 10/(5/500) days = t0 + 1000
    r = analyze(goal(), figures("5"), MID)
    assert r.status == "on_track"
    assert r.elapsed_fraction == 0.5
    assert r.expected == pytest.approx(5)
    assert r.percent == pytest.approx(50)
    assert r.pace_ratio == pytest.approx(1.0)
    assert r.projected == pytest.approx(10)
    assert r.required_per_year == pytest.approx(5 / YEARS_LEFT_AT_MID)
    assert r.required_per_year == pytest.approx(3.6525)
    assert r.actual_per_year == pytest.approx(3.6525)
    assert r.projected_date == T
    assert r.gap == pytest.approx(5)
    assert r.method == "linear"


def test_linear_behind() -> None:
    # c = 4: p = 0.4, P = 0.4/0.5 = 0.8 (0.6 <= P < 0.95) -> behind
    # projected = 4/0.5 = 8; projected date = t0 + 10/(4/500) = t0 + 1250 days
    r = analyze(goal(), figures("4"), MID)
    assert r.status == "behind"
    assert r.pace_ratio == pytest.approx(0.8)
    assert r.projected == pytest.approx(8)
    assert r.projected_date == T0 + timedelta(days=1250)


def test_linear_off_track_and_regressing() -> None:
    # c = 2: P = 0.2/0.5 = 0.4 (< 0.6) -> off_track
    assert analyze(goal(), figures("2"), MID).status == "off_track"
    # level goal b = 50, g = 100, c = 45: p = -5/50 = -0.1, P = -0.2 -> regressing
    level = goal(kind="level", baseline=D(50), target=D(100))
    r = analyze(level, figures("45"), MID)
    assert r.pace_ratio == pytest.approx(-0.2)
    assert r.status == "regressing"
    assert r.projected_date is None  # moving away from the target: never


def test_pace_thresholds_are_inclusive_at_the_lower_edge() -> None:
    assert pace_status(0.95) == "on_track"
    assert pace_status(0.9499) == "behind"
    assert pace_status(0.6) == "behind"
    assert pace_status(0.5999) == "off_track"
    assert pace_status(0.0) == "off_track"
    assert pace_status(-0.0001) == "regressing"


def test_approximate_goal_inside_its_band_is_achieved() -> None:
    # "中原学者50名左右": target 50, tolerance 10% of 50 = 5 -> band starts at 45
    scholars = goal(target=D(50), approximate=True, tolerance=D(5))
    assert analyze(scholars, figures("46", last_date=T), T).status == "achieved"  # 46 >= 45
    assert analyze(scholars, figures("45", last_date=T), T).status == "achieved"  # edge
    assert analyze(scholars, figures("44", last_date=T), T).status == "missed"  # 44 < 45


def test_full_coverage_goal_within_one_point() -> None:
    # 全覆盖: level, %, target 100, tolerance 1 point -> 99.2 counts as achieved
    coverage = goal(kind="level", unit="%", baseline=D(80), target=D(100), tolerance=D(1))
    assert analyze(coverage, figures("99.2", last_date=T), T).status == "achieved"
    # 98.9 < 99 at the deadline -> missed
    assert analyze(coverage, figures("98.9", last_date=T), T).status == "missed"
    # mid-way: b = 80, c = 90, p = 10/20 = 0.5, P = 0.5/0.5 = 1 -> on_track
    mid = analyze(coverage, figures("90"), MID)
    assert mid.status == "on_track"
    assert mid.expected == pytest.approx(90)  # 80 + 20 * 0.5


def test_direction_down_goal_is_mirrored() -> None:
    # b = 100, g = 60 (lower is better), f = 0.5
    down = goal(kind="level", baseline=D(100), target=D(60), direction="down")
    # c = 80: p = (80-100)/(60-100) = 0.5, P = 1.0 -> on_track; expected = 100 - 40*0.5 = 80
    r = analyze(down, figures("80"), MID)
    assert r.status == "on_track"
    assert r.expected == pytest.approx(80)
    assert r.gap == pytest.approx(20)  # still 20 to come down
    assert r.projected_date == T  # 40 / (20/500 per day) = 1000 days
    # c = 90: p = -10/-40 = 0.25, P = 0.5 -> off_track
    assert analyze(down, figures("90"), MID).status == "off_track"
    # c = 105: moving up, P = (5/-40)/0.5 = -0.25 -> regressing
    assert analyze(down, figures("105"), MID).status == "regressing"
    # c = 58 <= 60 -> achieved
    assert analyze(down, figures("58"), MID).status == "achieved"


def test_missed_after_the_deadline() -> None:
    # 8 of 10 when the deadline has passed: not achieved -> missed (not "behind")
    r = analyze(goal(), figures("8", last_date=T), T + timedelta(days=30))
    assert r.status == "missed"
    assert r.elapsed_fraction == 1.0  # clamped
    assert r.required_per_year is None  # no time left
    # On the deadline day itself the period is over too: a final review says missed.
    assert analyze(goal(), figures("8", last_date=T), T).status == "missed"


def test_goal_with_only_increments() -> None:
    # no total at all, increments +3 and +4 -> 0 + 7 = 7; p = 0.7, P = 1.4 -> on_track
    r = analyze(goal(), figures(None, increments="7"), MID)
    assert r.current == D(7)
    assert r.status == "on_track"
    assert r.pace_ratio == pytest.approx(1.4)


def test_total_plus_later_increments() -> None:
    # total 4 then +1.5 -> 5.5; p = 0.55, P = 1.1
    r = analyze(goal(), figures("4", increments="1.5"), MID)
    assert r.current == D("5.5")
    assert r.pace_ratio == pytest.approx(1.1)


def test_no_data() -> None:
    assert analyze(goal(), None, MID).status == "no_data"
    r = analyze(goal(), None, T + timedelta(days=1))
    assert r.status == "no_data"  # no_data comes before missed: nothing was reported
    assert r.current is None and r.percent is None


def test_stock_readings_count_from_the_baseline_stock() -> None:
    # High-tech enterprises: +10,000 over the end-2020 stock of 6,310.
    # Published stock 12,600 at the end of 2025 -> increase 12,600 - 6,310 = 6,290
    # percent = 6,290 / 10,000 = 62.9 %; the deadline is reached -> missed
    hte = goal(
        target=D(10000),
        baseline_stock=D(6310),
        baseline_date=date(2020, 12, 31),
        deadline=date(2025, 12, 31),
    )
    end = date(2025, 12, 31)
    r = analyze(hte, figures("12600", last_date=end), end)
    assert r.reading == D(12600)
    assert r.current == D(6290)
    assert r.percent == pytest.approx(62.9)
    assert r.status == "missed"


def test_lower_bound_is_flagged_and_computed_on() -> None:
    # ">13,000" stock: computed on 13,000 -> 13,000 - 6,310 = 6,690, flagged
    hte = goal(target=D(10000), baseline_stock=D(6310))
    r = analyze(hte, figures("13000", bound="lower"), MID)
    assert r.lower_bound is True
    assert r.current == D(6690)


def test_cagr_cross_checked_against_open_sdg_formula() -> None:
    # 5,000 at the end of 2020, 7,500 at the end of 2023, target 10,000 at the end of 2025.
    t0, t, deadline = date(2020, 12, 31), date(2023, 12, 31), date(2025, 12, 31)
    g = goal(kind="level", baseline=D(5000), target=D(10000), baseline_date=t0, deadline=deadline)
    f = figures("7500", last_date=t)
    # Linear: f = 1095/1826 = 0.59967; p = 2500/5000 = 0.5; P = 0.5/0.59967 = 0.8338 -> behind
    # projected = 5000 + 2500/0.59967 = 9,169 (the 9,167 uses whole years: 5000+2500/0.6)
    # By days: 5000 + 2500 / 0.599671 = 5000 + 4168.95 = 9,168.95
    lin = analyze(g, f, t, "linear")
    assert lin.status == "behind"
    assert lin.pace_ratio == pytest.approx(0.8338, abs=0.0001)  # 0.5 / 0.599671
    assert lin.projected == pytest.approx(9168.95, abs=0.05)
    # Open SDG: R = observed CAGR / required CAGR
    #   observed = (7500/5000)^(1/3) - 1 = 0.14471; required = (10000/5000)^(1/5) - 1 = 0.14870
    #   R = 0.14471 / 0.14870 = 0.973 (>= 0.95) -> on_track
    # By days: years elapsed = 1095 / 365.25 = 2.99795, in total 1826 / 365.25 = 4.99932
    #   observed = 1.5^(1/2.99795) - 1 = e^0.135248 - 1 = 0.144820
    #   required = 2^(1/4.99932) - 1 = e^0.138648 - 1 = 0.148720
    #   R = 0.144820 / 0.148720 = 0.9738 (whole years give 0.9732)
    years_elapsed = 1095 / 365.25
    cagr = analyze(g, f, t, "cagr")
    assert cagr.method == "cagr"
    assert cagr.pace_ratio == pytest.approx(0.9738, abs=0.0001)
    assert cagr.status == "on_track"
    # projected = 5000 * 1.144820^4.99932 = 5000 * e^0.676146 = 5000 * 1.96628 = 9,831.4
    assert cagr.projected == pytest.approx(9831.4, abs=0.5)
    # target reached when (1.14471)^y = 2 -> y = ln 2 / ln 1.14471 = 5.12 years after t0
    assert cagr.projected_date is not None
    expected_years = math.log(2) / math.log(1.5 ** (1 / years_elapsed))
    assert abs((cagr.projected_date - t0).days - expected_years * 365.25) <= 1


def test_cagr_falls_back_to_linear_for_a_zero_baseline() -> None:
    # 新增 goals start from 0: a growth rate from 0 is undefined
    r = analyze(goal(), figures("5"), MID, "cagr")
    assert r.method == "linear"
    assert r.method_note and "linear used" in r.method_note
    assert r.pace_ratio == pytest.approx(1.0)


def test_goal_level_method_choice_and_override() -> None:
    g = goal(kind="level", baseline=D(100), target=D(200), method="cagr")
    assert analyze(g, figures("150"), MID).method == "cagr"
    assert analyze(g, figures("150"), MID, "linear").method == "linear"


def test_level_goal_without_baseline_uses_its_first_reading() -> None:
    # coverage with no published baseline: first reading 60% on t0+100 days
    # is the baseline; at t0+550 (450 of 900 days since it = 0.5) reading 80:
    # p = (80-60)/(100-60) = 0.5, P = 1.0 -> on_track
    g = goal(kind="level", unit="%", baseline=None, target=D(100))
    f = figures(
        "80", first="60", first_date=T0 + timedelta(days=100), last_date=T0 + timedelta(days=550)
    )
    r = analyze(g, f, T0 + timedelta(days=550))
    assert r.baseline_from_first_reading
    assert r.baseline == D(60)
    assert r.elapsed_fraction == pytest.approx(0.5)
    assert r.status == "on_track"


def test_milestones() -> None:
    m = goal(kind="milestone", target=None, baseline=None, unit="")
    done = GoalFigures("g", None, None, D(0), None, None, None, MID, status="done")
    progress = GoalFigures("g", None, None, D(0), None, None, None, MID, status="in_progress")
    assert analyze(m, done, MID).status == "achieved"
    assert analyze(m, progress, MID).status == "in_progress"
    assert analyze(m, None, MID).status == "no_data"
    assert analyze(m, progress, T + timedelta(days=1)).status == "missed"
    assert analyze(m, None, T + timedelta(days=1)).status == "no_data"  # nothing reported


def test_indicator_is_tracked_without_a_status_judgement() -> None:
    ind = goal(kind="indicator", target=None, deadline=None, unit="%")
    r = analyze(ind, figures("2.01"), MID)
    assert r.status == "tracked"
    assert r.current == D("2.01")
    assert r.pace_ratio is None


def test_summary_check_and_sorting() -> None:
    results = [
        analyze(goal(id="a"), figures("5"), MID),  # on_track
        analyze(goal(id="b"), figures("4"), MID),  # behind (P 0.8)
        analyze(goal(id="c"), figures("2"), MID),  # off_track (P 0.4)
        analyze(goal(id="d"), None, MID),  # no_data
    ]
    assert summarize(results) == {"on_track": 1, "no_data": 1, "behind": 1, "off_track": 1}
    assert [r.goal.id for r in at_or_worse(results, "behind")] == ["b", "c"]
    assert [r.goal.id for r in at_or_worse(results, "no_data")] == ["b", "c", "d"]
    assert [r.goal.id for r in sort_results(results, "status")] == ["c", "b", "d", "a"]
    assert [r.goal.id for r in sort_results(results, "pace")] == ["c", "b", "a", "d"]


def _entry(seq: int, day: date, kind: str, value: str | None, void: str | None = None) -> Entry:
    return Entry(
        id=f"e{seq}",
        goal="g",
        date=day,
        kind=kind,
        value=None if value is None else D(value),
        void_reason=void,
        seq=seq,
    )


def test_running_values_mix_totals_increments_and_voids() -> None:
    # 2021-02-01 total 3 -> 3; 2021-03-01 +2 -> 5; 2021-04-01 +4 (voided) -> no change;
    # 2021-05-01 total 4 -> 4 (change -1); 2021-05-01 note -> no value; 2021-06-01 -1 -> 3
    es = [
        _entry(1, date(2021, 2, 1), "total", "3"),
        _entry(2, date(2021, 3, 1), "increment", "2"),
        _entry(3, date(2021, 4, 1), "increment", "4", void="typo"),
        _entry(4, date(2021, 5, 1), "total", "4"),
        _entry(5, date(2021, 5, 1), "note", None),
        _entry(6, date(2021, 6, 1), "increment", "-1"),
    ]
    rows = [(e.id, after, change) for e, after, change in running_values(goal(), es)]
    assert rows == [
        ("e1", D(3), D(3)),  # from the baseline 0
        ("e2", D(5), D(2)),
        ("e3", None, None),
        ("e4", D(4), D(-1)),
        ("e5", None, None),
        ("e6", D(3), D(-1)),
    ]


def test_a_very_slow_pace_has_no_projected_date_instead_of_crashing() -> None:
    # b = 0, g = 10, c = 0.001 after 500 days: 10 / (0.001 / 500) = 5,000,000 days
    # from 2021: beyond year 9999, so "never" (None), not an OverflowError.
    r = analyze(goal(), figures("0.001"), MID)
    assert r.projected_date is None
    assert r.status == "off_track"  # P = (0.001 / 10) / 0.5 = 0.0002


def test_a_single_reading_of_a_goal_without_baseline_is_not_off_track() -> None:
    # Coverage with no published baseline: one reading of 90% (2022-06-30) is the
    # baseline itself, so progress is 0 by construction; P would be 0 ("off track")
    # for no reason. With one reading there is no pace yet: judged by position.
    g = goal(kind="level", unit="%", baseline=None, target=D(100))
    day = date(2022, 6, 30)
    f = figures("90", first="90", first_date=day, last_date=day)
    r = analyze(g, f, date(2023, 1, 1))
    assert r.pace_ratio is None and r.projected is None
    assert r.status == "on_track"
    assert r.method_note and "second reading" in r.method_note
