"""The review document's data: the year-by-year table, --since, sources, the cover.

A small plan with hand-made entries, recorded through the CLI into a real SQLite
ledger, then built with build_review and review_view; every expected figure is worked
out by hand in a comment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from support import fails, ok

from plantrack.ledger import open_ledger
from plantrack.planfile import read_plan
from plantrack.reports.build import ReviewData, build_review, year_ends
from plantrack.reports.query import ReportQuery
from plantrack.reports.review import Review, review_view

PLAN = """\
plan:
  id: review-test
  name_zh: 测试规划
  name_en: Test plan
  issuer: 测试厅
  document: 测〔2021〕1号
  period_start: 2021-01-01
  period_end: 2025-12-31
sections:
  platforms: {zh: 创新平台, en: Platforms}
  coverage: {zh: 覆盖目标, en: Coverage}
goals:
  - id: labs
    title_zh: 建设实验室
    title_en: Laboratories
    section: platforms
    kind: increase
    unit: 个
    target: 10
    deadline: 2025-12-31
    source: 建设10个实验室
  - id: cover
    title_zh: 覆盖率
    title_en: Coverage
    section: coverage
    kind: level
    unit: "%"
    baseline: 40
    baseline_date: 2020-12-31
    target: 100
    deadline: 2025-12-31
    source: 覆盖率达到100%
  - id: academy
    title_zh: 重建科学院
    title_en: Academy rebuilt
    section: platforms
    kind: milestone
    deadline: 2025-12-31
    source: 重建科学院
"""


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def record(plan: Path, db: Path, *args: str) -> None:
    ok("record", *args, "--plan", str(plan), "--db", str(db))


@pytest.fixture
def recorded(plan_file: Path, db: Path) -> tuple[Path, Path]:
    record(plan_file, db, "labs", "2", "--date", "2021-06-30", "--source", "bulletin A")
    record(plan_file, db, "labs", "5", "--date", "2022-12-31", "--source", "bulletin B")
    record(plan_file, db, "labs", "+1", "--date", "2023-03-01", "--source", "bulletin A")
    record(plan_file, db, "labs", ">8", "--date", "2024-12-31")
    record(plan_file, db, "cover", "60", "--date", "2022-12-31", "--source", "survey")
    record(plan_file, db, "academy", "in_progress", "--date", "2023-05-01")
    return plan_file, db


def review(plan_file: Path, db: Path, lang: str = "en", as_of: date = date(2025, 12, 31),
           since: date | None = None, known_at: date | None = None) -> tuple[ReviewData, Review]:
    plan = read_plan(plan_file)
    query = ReportQuery(as_of=as_of, known_at=known_at, lang=lang)
    with open_ledger(db, write=False) as ledger:
        data = build_review(plan, ledger, query, since)
    return data, review_view(data, lang)


def test_year_ends_of_a_final_and_a_mid_term_review(plan_file: Path) -> None:
    plan = read_plan(plan_file)
    # Final (as of the period's end): the five 31 Decembers 2021-2025.
    assert year_ends(plan, date(2025, 12, 31)) == [date(y, 12, 31) for y in range(2021, 2026)]
    # A year after the period: still the five plan years, nothing beyond 2025.
    assert year_ends(plan, date(2026, 12, 2)) == [date(y, 12, 31) for y in range(2021, 2026)]
    # Mid-term on 2023-06-30: 2021 and 2022, then the figures so far in 2023.
    assert year_ends(plan, date(2023, 6, 30)) == [date(2021, 12, 31), date(2022, 12, 31),
                                                  date(2023, 6, 30)]  # fmt: skip
    # Before the first year end: only the as-of date.
    assert year_ends(plan, date(2021, 3, 1)) == [date(2021, 3, 1)]


def test_the_year_table_by_hand(recorded: tuple[Path, Path]) -> None:
    _, view = review(*recorded)
    years = view.years
    assert years.columns == ("Baseline", "2021", "2022", "2023", "2024", "2025")
    rows = {r.goal: r for r in years.rows}
    labs = [(c.value, c.change) for c in rows["labs"].cells]
    assert labs == [
        ("0", ""),  # an increase goal counts from 0
        ("2", "+2"),  # 2021-06-30 total 2: 2 - 0
        ("5", "+3"),  # 2022-12-31 total 5: 5 - 2
        ("6", "+1"),  # 2023-03-01 +1 on the total 5: 6, so 6 - 5
        ("≥ 8", "≥ +2"),  # 2024-12-31 ">8": a lower bound; 8 - 6 from an exact 6 is ≥ +2
        ("≥ 8", "≈ +0"),  # nothing new in 2025; both ends inexact: an estimate
    ]
    cover = [(c.value, c.change) for c in rows["cover"].cells]
    assert cover == [
        ("40", ""),  # a level goal counts from its baseline, 40 %
        ("-", "-"),  # no reading by 2021-12-31: no figure (the baseline is not a reading)
        ("60", "+20"),  # 60 - 40: against the last figure before it, the baseline
        ("60", "+0"), ("60", "+0"), ("60", "+0"),
    ]  # fmt: skip
    academy = [c.value for c in rows["academy"].cells]
    # not started at the baseline; no status until 2023-05-01, then in progress
    assert academy == ["not started", "-", "-", "in progress", "in progress", "in progress"]


def test_the_summary_counts_each_section(recorded: tuple[Path, Path]) -> None:
    data, view = review(*recorded)
    statuses = {r.goal.id: r.status for r in data.report.results}
    # Final review: labs ≥ 8 of 10 and coverage 60 of 100 are missed; the academy
    # milestone is still in progress at its deadline: missed too.
    assert statuses == {"labs": "missed", "cover": "missed", "academy": "missed"}
    s = view.summary
    assert s.statuses == ("missed",)
    assert [(r.name, r.counts, r.total) for r in s.rows] == [
        ("Platforms", (2,), 2), ("Coverage", (1,), 1), ("whole plan", (3,), 3)]


def test_sources_are_numbered_once_in_goal_order(recorded: tuple[Path, Path]) -> None:
    _, view = review(*recorded)
    # labs cites A, B, then A again; cover cites the survey: three sources.
    assert view.sources == ("bulletin A", "bulletin B", "survey")
    refs = {g.id: g.refs for g in view.goals}
    assert refs == {"labs": (1, 2), "cover": (3,), "academy": ()}
    labs = next(g for g in view.goals if g.id == "labs").view
    assert labs.entries is not None
    # The entry list's source column uses the same numbers as the document's list.
    assert [row.cells[3] for row in labs.entries.rows] == ["[1]", "[2]", "[1]", ""]


def test_the_cover_names_the_plan_the_dates_and_the_ledger(recorded: tuple[Path, Path]) -> None:
    plan_file, db = recorded
    _, view = review(plan_file, db, lang="zh")
    rows = dict(view.cover.rows)
    assert view.cover.title == "测试规划"
    assert view.cover.kind == "终期评估"
    assert rows["发布机关"] == "测试厅"
    assert rows["文号"] == "测〔2021〕1号"
    assert rows["数据截至"] == "2025-12-31"
    assert rows["数据录入截至"] == "全部已录入数据"
    assert rows["数据台账"] == str(db)
    _, mid = review(plan_file, db, lang="zh", as_of=date(2023, 6, 30))
    assert mid.cover.kind == "中期评估"


def test_since_lists_what_was_recorded_and_the_statuses_that_moved(
    recorded: tuple[Path, Path],
) -> None:
    plan_file, db = recorded
    today = datetime.now(UTC).date()
    # Every entry was recorded today (UTC): after yesterday, none after today.
    _, view = review(plan_file, db, as_of=today, since=today - timedelta(days=1))
    assert view.since is not None
    assert len(view.since.entries) == 6
    assert {e.what for e in view.since.entries} == {"recorded"}
    # Known at the end of yesterday the ledger was empty: every goal had no data then.
    moved = {(m.goal, m.before_code, m.now_code) for m in view.since.moved}
    assert moved == {("Laboratories", "no_data", "missed"), ("Coverage", "no_data", "missed"),
                     ("Academy rebuilt", "no_data", "missed")}  # fmt: skip
    _, quiet = review(plan_file, db, as_of=today, since=today)
    assert quiet.since is not None and quiet.since.entries == () and quiet.since.moved == ()
    assert quiet.since.none is not None


def test_since_after_the_as_of_date_is_refused(recorded: tuple[Path, Path]) -> None:
    plan_file, db = recorded
    fails(2, "report", "--plan", str(plan_file), "--db", str(db), "--as-of", "2024-01-01",
          "--since", "2024-06-30", one_line=True)  # fmt: skip


def test_a_goal_with_many_entries_lists_the_latest(plan_file: Path, db: Path) -> None:
    # 25 readings of labs, one a month from 2021-01-31 (the value is the month's number);
    # the document lists the latest 20 (LISTED_ENTRIES) and says where the other 5 are.
    rows = ["goal,date,value"] + [f"labs,{date(2021 + m // 12, m % 12 + 1, 28)},{m + 1}"
                                  for m in range(25)]  # fmt: skip
    csv = plan_file.parent / "many.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ok("import", str(csv), "--plan", str(plan_file), "--db", str(db))
    _, view = review(plan_file, db)
    labs = next(g for g in view.goals if g.id == "labs")
    assert labs.view.entries is not None
    dates = [row.cells[0] for row in labs.view.entries.rows]
    # months 6..25: 2021-06-28 (m = 5) to 2023-01-28 (m = 24)
    assert len(dates) == 20 and dates[0] == "2021-06-28" and dates[-1] == "2023-01-28"
    assert labs.earlier == "The latest entries; 5 earlier ones: plantrack history labs"
    # The chart still plots every reading.
    assert labs.view.chart is not None and len(labs.view.chart.points) == 25


def test_since_knows_no_more_than_the_report_does(recorded: tuple[Path, Path]) -> None:
    plan_file, db = recorded
    today = datetime.now(UTC).date()
    yesterday = today - timedelta(days=1)
    # Known at the end of yesterday the ledger was empty (every entry is from today), so
    # the report has no data, and nor had it "then": nothing moved. Reading "then" with
    # known_at = since (today) would show every goal moving away from its real status.
    data, view = review(plan_file, db, as_of=today, since=today, known_at=yesterday)
    assert {r.status for r in data.report.results} == {"no_data"}
    assert view.since is not None and view.since.moved == ()


def test_a_period_ending_mid_year_ends_the_year_table_on_its_last_day(tmp_path: Path) -> None:
    path = tmp_path / "mid.yaml"
    path.write_text(PLAN.replace("period_start: 2021-01-01", "period_start: 2021-07-01")
                    .replace("period_end: 2025-12-31", "period_end: 2025-06-30"),
                    encoding="utf-8")  # fmt: skip
    plan = read_plan(path)
    # 31 December 2021-2024, then the period's end, 2025-06-30, even a year later.
    expected = [date(y, 12, 31) for y in range(2021, 2025)] + [date(2025, 6, 30)]
    assert year_ends(plan, date(2025, 6, 30)) == expected
    assert year_ends(plan, date(2026, 6, 30)) == expected


def test_the_baseline_column_is_the_plans_even_without_figures(plan_file: Path,
                                                               db: Path) -> None:  # fmt: skip
    record(plan_file, db, "academy", "in_progress", "--date", "2023-05-01")
    _, view = review(plan_file, db)
    rows = {r.goal: r.cells[0].value for r in view.years.rows}
    # labs has no entry: still 0 added at the baseline; cover's plan baseline is 40 %.
    assert rows == {"labs": "0", "cover": "40", "academy": "not started"}
