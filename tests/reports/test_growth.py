"""Growth goals (kind: growth): an average annual growth of at least g % a year from a base.

Every figure is worked out by hand in a comment. The series is the one of the brief: a
base of 1,000 on 2024-12-31, then 1,100 on 2025-12-31 and 1,210 on 2026-12-31, 10% a
year exactly; the deadline is 2029-12-31, five calendar years after the base.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from plantrack.model.entries import GoalFigures
from plantrack.model.plan import Goal, Plan
from plantrack.reports.analysis import add_calendar_years, analyze, calendar_years
from plantrack.reports.build import make_report
from plantrack.reports.goalviews import chart_series, goal_view
from plantrack.reports.query import ReportQuery
from plantrack.reports.views import gaps_view, goal_list, status_view

BASE_DAY = date(2024, 12, 31)
DEADLINE = date(2029, 12, 31)


def growth(**kw: object) -> Goal:
    base: dict[str, object] = dict(
        id="rd-spending", title_zh="研发经费年均增长", title_en="R&D spending growth",
        section="s", kind="growth", unit="亿元", target=D(12), deadline=DEADLINE,
        baseline=D(1000), baseline_date=BASE_DAY, baseline_stock=None, direction="up",
        approximate=False, tolerance=D(0), stretch=False, method=None, source="src",
    )  # fmt: skip
    base.update(kw)
    return Goal(**base)  # type: ignore[arg-type]


def series(latest: str, on: date, first: str = "1000", first_day: date = BASE_DAY) -> GoalFigures:
    """The figures of a series of totals: the first and the latest reading."""
    return GoalFigures("rd-spending", D(latest), on, D(0), None, D(first), first_day, on)


def test_years_are_calendar_years_plus_the_days_left() -> None:
    # Two anniversaries: exactly 2, though 2025 and 2026 have 730 days, not 730.5.
    assert calendar_years(date(2024, 12, 31), date(2026, 12, 31)) == 2
    # 29 February's anniversary in a common year is 28 February.
    assert calendar_years(date(2024, 2, 29), date(2025, 2, 28)) == 1
    # One anniversary (2025-12-31), then 181 days: 1 + 181 / 365.25.
    assert calendar_years(date(2024, 12, 31), date(2026, 6, 30)) == pytest.approx(1 + 181 / 365.25)
    # Backwards: the negative of forwards.
    assert calendar_years(date(2026, 12, 31), date(2024, 12, 31)) == -2
    # And back: 5 years and 0.5 * 365.25 = 182.6 -> 183 days after 2024-12-31.
    assert add_calendar_years(BASE_DAY, 5.5) == date(2029, 12, 31) + timedelta(days=183)


def test_the_worked_example_is_ten_percent_a_year() -> None:
    # base 1,000 on 2024-12-31; 1,210 on 2026-12-31, two calendar years later:
    # (1,210 / 1,000) ** (1 / 2) = 1.21 ** 0.5 = 1.1 -> 10.0% a year.
    r = analyze(growth(target=D(10)), series("1210", date(2026, 12, 31)), date(2026, 12, 31))
    assert r.current == D("10.0")
    assert r.actual_per_year == 10
    # R = 10 / 10 = 1 -> on track; nothing to go.
    assert r.pace_ratio == 1
    assert r.status == "on_track"
    assert r.gap == 0
    # Needed for the 3 years left: (1,000 * 1.1 ** 5 / 1,210) ** (1 / 3) - 1
    # = (1,610.51 / 1,210) ** (1 / 3) - 1 = 1.331 ** (1 / 3) - 1 = 0.1 -> 10% a year.
    assert r.required_per_year == pytest.approx(10)
    # A year in (1,100 on 2025-12-31): 1.1 ** 1 - 1, the same 10%.
    one_year = analyze(growth(target=D(10)), series("1100", date(2025, 12, 31)),
                       date(2025, 12, 31))  # fmt: skip
    assert one_year.current == D("10.0")


def test_behind_a_twelve_percent_target_by_hand() -> None:
    r = analyze(growth(), series("1210", date(2026, 12, 31)), date(2026, 12, 31))
    # current 10.0% a year (as above); R = 10 / 12 = 0.8333 (0.6 <= R < 0.95) -> behind
    assert r.method == "growth"
    assert r.pace_ratio == pytest.approx(10 / 12)
    assert r.percent == pytest.approx(100 * 10 / 12)
    assert r.status == "behind"
    # gap = 12 - 10 = 2 percentage points
    assert r.gap == pytest.approx(2)
    # needed: the target asks for 1,000 * 1.12 ** 5 = 1,762.3416832 at the deadline;
    # from 1,210 in the 3 years left: (1,762.3416832 / 1,210) ** (1 / 3) - 1
    # = 1.4564807 ** (1 / 3) - 1 = 1.1335349 - 1 -> 13.35% a year
    assert r.required_per_year == pytest.approx(13.35349, abs=1e-5)
    # expected now, on the 12% path: 1,000 * 1.12 ** 2 = 1,254.4
    assert r.expected == pytest.approx(1254.4)
    # projected: 1,000 * 1.1 ** 5 = 1,610.51 at the deadline at the achieved 10%
    assert r.projected == pytest.approx(1610.51)
    # projected date: ln(1.12 ** 5) / ln(1.1) = 0.566644 / 0.0953102 = 5.945256 years
    # -> 2029-12-31 (5 anniversaries) + 0.945256 * 365.25 = 345.25 -> 345 days = 2030-12-11
    assert r.projected_date == date(2030, 12, 11)
    # elapsed 2 of 5 years; 3 left
    assert r.elapsed_fraction == pytest.approx(0.4)
    assert r.years_left == 3
    assert r.baseline == 1000 and r.baseline_date == BASE_DAY
    assert r.reading == 1210


def test_achieved_or_missed_once_the_reading_at_the_deadline_is_in() -> None:
    # Due 2026-12-31: 1.21 ** 0.5 - 1 = 10.0% against a 10% target -> achieved.
    due = date(2026, 12, 31)
    reached = analyze(growth(target=D(10), deadline=due), series("1210", due), due)
    assert (reached.status, reached.current) == ("achieved", D("10.0"))
    # Against 10.5%: missed (gap 0.5 points).
    short = analyze(growth(target=D("10.5"), deadline=due), series("1210", due), due)
    assert short.status == "missed"
    assert short.gap == pytest.approx(0.5)
    assert short.required_per_year is None  # no time left
    # Within a tolerance of 1 point (年均增长11%左右: 11 - 1 = 10 is enough) -> achieved.
    about = growth(target=D(11), deadline=due, approximate=True, tolerance=D(1))
    assert analyze(about, series("1210", due), due).status == "achieved"


def test_past_the_deadline_without_its_reading_the_growth_so_far_judges() -> None:
    # Due 2026-12-31, asked on 2027-03-31, the 2026 figure not in: the 2025 reading gives
    # 10.0% a year against 12%, R = 0.83 -> behind, with a note (neither achieved nor missed
    # before the rate through the deadline is known).
    r = analyze(growth(deadline=date(2026, 12, 31)), series("1100", date(2025, 12, 31)),
                date(2027, 3, 31))  # fmt: skip
    assert r.status == "behind"
    assert r.note == "growth_final_pending"


def test_negative_growth_is_regressing() -> None:
    # 900 a year after 1,000: 0.9 ** 1 - 1 = -10% a year; R = -10 / 12 < 0 -> regressing
    r = analyze(growth(), series("900", date(2025, 12, 31)), date(2025, 12, 31))
    assert r.current == D("-10.0")
    assert r.status == "regressing"
    # gap = 12 - (-10) = 22 points
    assert r.gap == pytest.approx(22)


def test_without_a_baseline_the_first_reading_is_the_base() -> None:
    goal = growth(baseline=None)
    # Only the first reading: no growth yet -> no data, and a note saying why.
    only = analyze(goal, series("1000", BASE_DAY), BASE_DAY)
    assert only.status == "no_data"
    assert only.note == "growth_second_reading"
    assert only.baseline_from_first_reading
    # A first reading of 1,100 on 2025-12-31 and 1,331 on 2027-12-31 (two years):
    # (1,331 / 1,100) ** 0.5 = 1.21 ** 0.5 = 1.1 -> 10.0% a year, from the first reading.
    r = analyze(goal, series("1331", date(2027, 12, 31), "1100", date(2025, 12, 31)),
                date(2027, 12, 31))  # fmt: skip
    assert r.current == D("10.0")
    assert (r.baseline, r.baseline_date) == (D(1100), date(2025, 12, 31))
    # A base of 0 cannot grow by a percentage.
    zero = analyze(goal, series("5", date(2025, 12, 31), "0"), date(2025, 12, 31))
    assert (zero.status, zero.note) == ("no_data", "growth_not_positive")


def _report(goal: Goal, figures: GoalFigures, as_of: date):  # type: ignore[no-untyped-def]
    plan = Plan("p", "规划", "Plan", "", None, "", date(2025, 1, 1), DEADLINE, "", "", (goal,))
    return make_report(plan, [goal], {goal.id: figures}, ReportQuery(as_of))


def test_status_and_gaps_say_it_in_the_goals_own_terms() -> None:
    report = _report(growth(), series("1210", date(2026, 12, 31)), date(2026, 12, 31))
    en, zh = status_view(report, "en").targets[0], status_view(report, "zh").targets[0]
    assert en.current == "10.0%/yr / ≥ 12%/yr"
    assert zh.current == "年均10.0% / 年均增长≥12%"
    # expected is the series' value on the target's path: 1,254.4 -> 1,254 (whole above 100)
    assert en.expected == "1,254 亿元"
    assert zh.expected == "1,254亿元"
    gap_en, gap_zh = gaps_view(report, "en").rows[0], gaps_view(report, "zh").rows[0]
    assert (gap_en.gap, gap_en.need, gap_en.actual) == ("2.0 pp", "13.4%/yr", "10.0%/yr")
    assert (gap_zh.gap, gap_zh.need, gap_zh.actual) == ("2.0个百分点", "年均13.4%", "年均10.0%")
    # at the deadline: 1,610.51 -> 1,611
    assert gap_en.projected == "1,611 亿元"
    assert any("%/yr: average annual growth" in n for n in status_view(report, "en").footnotes)


def test_show_states_the_rate_and_the_readings_it_comes_from() -> None:
    figures = series("1210", date(2026, 12, 31))
    r = analyze(growth(), figures, date(2026, 12, 31))
    view = goal_view(r, [], "en")
    definition, rows = dict(view.definition), dict(view.figures)
    assert definition["Target"] == "≥ 12%/yr by 2029-12-31"
    assert definition["Baseline"] == "1,000 亿元 (2024-12-31)"
    assert rows["Current"] == ("10.0%/yr = 1,210 亿元 on 2026-12-31 against 1,000 亿元 on "
                               "2024-12-31 (2.00 years)")  # fmt: skip
    assert rows["Gap"] == "2.0 pp"
    assert rows["Need / yr"] == "13.4%/yr"
    assert rows["At deadline"] == "1,611 亿元"
    zh = dict(goal_view(r, [], "zh").figures)
    assert zh["当前值"] == "年均10.0%（2024-12-31 1,000亿元 → 2026-12-31 1,210亿元，2.00年）"
    assert dict(goal_view(r, [], "zh").definition)["目标值"] == "年均增长≥12%，期限 2029-12-31"


def test_the_plan_line_of_a_growth_goal_is_its_compound_path() -> None:
    r = analyze(growth(), series("1210", date(2026, 12, 31)), date(2026, 12, 31))
    chart = chart_series(r, [], "en")
    # 1,000 * 1.12 ** n at each anniversary: 1,000, 1,120, 1,254.4, ... 1,762.34 at the end
    assert [d for d, _ in chart.road] == [date(y, 12, 31) for y in range(2024, 2030)]
    assert chart.road[1][1] == pytest.approx(1120)
    assert chart.road[2][1] == pytest.approx(1254.4)
    assert chart.end_value == pytest.approx(1762.3416832)
    # between two corners the line is straight: on 2026-07-02, 183 of the 365 days from
    # 2025-12-31 (1,120) to 2026-12-31 (1,254.4): 1,120 + 134.4 * 183 / 365 = 1,187.384
    assert chart.line_at(date(2026, 7, 2)) == pytest.approx(1120 + 134.4 * 183 / 365)


def test_the_goal_list_shows_the_rate() -> None:
    plan = Plan("p", "规划", "Plan", "", None, "", date(2025, 1, 1), DEADLINE, "", "",
                (growth(),))  # fmt: skip
    assert goal_list(plan, plan.goals, "en").rows[0].target == "≥ 12%/yr"
    assert goal_list(plan, plan.goals, "zh").rows[0].target == "年均增长≥12%"


def test_the_review_year_table_gives_the_rate_as_of_each_year_end() -> None:
    from plantrack.reports.build import ReviewData
    from plantrack.reports.review import review_view

    years = (_report(growth(), series("1100", date(2025, 12, 31)), date(2025, 12, 31)),
             _report(growth(), series("1210", date(2026, 12, 31)), date(2026, 12, 31)))
    data = ReviewData(years[-1], {"rd-spending": []}, years)
    row = review_view(data, "en").years.rows[0]
    # no base figure (a rate since the base has none), then 1.1 ** 1 - 1 and 1.21 ** 0.5 - 1,
    # worded: the cells carry no unit and no change (rates do not add up)
    assert row.unit == ""
    assert [c.value for c in row.cells] == ["-", "10.0%/yr", "10.0%/yr"]
    assert [c.change for c in row.cells[1:]] == ["-", "-"]


def test_a_base_carried_from_another_plan_or_else_the_first_reading() -> None:
    from plantrack.reports.analysis import Carried

    carried = growth(baseline=None, baseline_from="earlier/rd-spending")
    # The earlier plan's 1,000 on 2024-12-31 is the base: the worked example again, 10.0%.
    r = analyze(carried, series("1210", date(2026, 12, 31), "1100", date(2025, 12, 31)),
                date(2026, 12, 31), carried=Carried(baseline=D(1000)))  # fmt: skip
    assert (r.baseline, r.current, r.note) == (D(1000), D("10.0"), None)
    # No reading there: the first reading (1,100 of 2025-12-31) is the base, with a note;
    # 1,210 / 1,100 = 1.1 in one year -> 10.0% again.
    r = analyze(carried, series("1210", date(2026, 12, 31), "1100", date(2025, 12, 31)),
                date(2026, 12, 31), carried=Carried())  # fmt: skip
    assert (r.baseline, r.current, r.note) == (D(1100), D("10.0"), "baseline_not_carried")


def test_a_reading_far_below_the_path_is_not_an_internal_error() -> None:
    # A unit slip: 100 (for 1,000 亿元) a day before the deadline. The growth still needed,
    # (1,000 * 1.12 ** 5 / 100) ** (1 / (1 / 365.25)) - 1 = 17.6 ** 365.25, is past any
    # float: no figure, not an OverflowError.
    day = DEADLINE - timedelta(days=1)
    r = analyze(growth(), series("100", day), day)
    assert r.required_per_year is None
    assert r.status == "regressing"  # the series fell: 100 < 1,000
