"""The plan data beyond the first plan: the bundled 2026-2030 Henan plan, the Hebei test plan
and its published progress, and the figures added to the Henan sample data.

The two plan files use the format's newer keys (kind: growth, baseline_from, partial):
without them in the validator and the reports, the tests that read these plans fail, and
they are not skipped. Every figure asserted is computed by hand in the comment beside it.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from support import EXAMPLES, REPO, ok

from plantrack.planfile import load_plan

HENAN_15TH = REPO / "src" / "plantrack" / "data" / "henan-15th-fyp-sti.yaml"
HEBEI = REPO / "tests" / "plans" / "hebei-14th-fyp-sti.yaml"
HEBEI_PROGRESS = REPO / "tests" / "plans" / "hebei-progress-2024.csv"
HENAN_14TH_ID = "henan-14th-fyp-sti"

# The rows this change added to the Henan sample data (examples/henan-reported-2021-2025.csv).
ADDED_ROWS = {
    "henan-pub-005-2022-09-22", "henan-pub-005-2023-02-25",
    "henan-pub-010-2022-03-22", "henan-pub-010-2023-02-25",
    "henan-pub-012-2022-04-22", "henan-pub-012-2023-05-06-stock",
    "henan-pub-012-2023-05-06-target",
    "henan-pub-rd-2023-12-31-evaluation", "henan-pub-rd-2024-01-28",
}  # fmt: skip


def goals_of(result_stdout: str) -> dict[str, dict[str, Any]]:
    return {g["id"]: g for g in json.loads(result_stdout)["goals"]}


# --------------------------------------------------------------------------- (a) the plan files


@pytest.mark.parametrize("path", [HENAN_15TH, HEBEI], ids=["henan-15th", "hebei-14th"])
def test_the_new_plan_files_validate_with_a_source_on_every_goal(path: Path) -> None:
    said = ok("validate", str(path)).stdout
    assert ": valid: plan " in said
    plan = load_plan(path)
    # Each encodes only part of its plan, and says so.
    assert plan.partial and len(plan.partial) > 40
    for goal in plan.goals:
        # the exact quote, then " — " and publisher / date / address
        quote, _, where = goal.source.partition(" — ")
        assert quote.strip() and where.strip(), goal.id
        assert re.search(r"https?://", where), goal.id
        assert re.search(r"20[0-9]{2}-[0-9]{2}-[0-9]{2}", where), goal.id


def test_the_henan_2026_2030_plan_holds_the_published_goals() -> None:
    plan = load_plan(HENAN_15TH)
    assert plan.id == "henan-15th-fyp-sti"
    assert (plan.period_start, plan.period_end) == (date(2026, 1, 1), date(2030, 12, 31))
    assert "4th session of the 14th Provincial People's Congress" in plan.partial
    by_id = {g.id: g for g in plan.goals}
    growth = by_id["rd-spending-growth"]  # 全社会研发经费投入年均增长10%以上
    assert (growth.kind, growth.target, growth.unit) == ("growth", Decimal(10), "亿元")
    assert (growth.baseline_date, growth.deadline) == (date(2025, 12, 31), date(2030, 12, 31))
    intensity = by_id["rd-intensity"]  # 今年研发投入强度2.2%以上: the only published target
    assert (intensity.kind, intensity.target, intensity.unit) == ("level", Decimal("2.2"), "%")
    assert intensity.deadline == date(2026, 12, 31)
    projects = by_id["provincial-major-projects-2026"]  # 实施100项省级重大科技专项、重点研发专项
    assert (projects.kind, projects.target, projects.unit) == ("increase", Decimal(100), "项")
    assert projects.deadline == date(2026, 12, 31)
    milestones = {g.id for g in plan.goals if g.kind == "milestone"}
    assert milestones == {"open-competition-mechanism", "scarce-talent-programme",
                          "talent-evaluation-mechanism", "innovation-system-1356"}  # fmt: skip


def test_the_2026_2030_plan_is_the_bundled_plan_of_its_period() -> None:
    from plantrack.planfile import known

    assert known.current_bundled(date(2025, 6, 30))[0].id == HENAN_14TH_ID
    assert known.current_bundled(date(2026, 6, 30))[0].id == "henan-15th-fyp-sti"
    listed = {p["id"]: p for p in json.loads(ok("plans", "--json").stdout)["plans"]}
    assert listed["henan-15th-fyp-sti"]["origin"] == "bundled"
    assert "2026 government work report" in listed["henan-15th-fyp-sti"]["partial"]
    assert listed[HENAN_14TH_ID]["partial"] is None  # the first plan is encoded whole


def test_rd_intensity_2026_is_based_on_the_14th_plans_last_reading(tmp_path: Path) -> None:
    ok("import", str(EXAMPLES))  # the 14th plan's R&D intensity: 2.01 for 2024, no 2025 yet
    # A hypothetical 2026 reading (a test value, not a published figure), dated mid-2026:
    # the ledger refuses dates after today, and this test was written in December 2026.
    reading = tmp_path / "2026.csv"
    reading.write_text("goal,date,value,note\nrd-intensity,2026-06-30,2.1,test value\n",
                       encoding="utf-8")  # fmt: skip
    ok("import", str(reading), "--plan", "henan-15th-fyp-sti")
    r = ok("status", "--plan", "henan-15th-fyp-sti", "--as-of", "2026-12-31", "--json")
    g = goals_of(r.stdout)["rd-intensity"]
    # baseline_from henan-14th-fyp-sti/rd-intensity, the reading on or before 2025-12-31:
    # 2.01 (2024). Target 2.2, so the span is 2.2 - 2.01 = 0.19.
    assert g["baseline"] == 2.01
    # progress (2.1 - 2.01) / 0.19 = 0.09 / 0.19 = 0.47368 -> 47.37%
    assert g["percent"] == 47.37
    # at the deadline the elapsed fraction is 1: expected = 2.01 + 0.19 * 1 = 2.2;
    # 2.1 < 2.2 with no tolerance, and the deadline is reached: missed
    assert g["expected"] == 2.2
    assert g["gap"] == 0.1  # 2.2 - 2.1
    assert g["status"] == "missed"


# --------------------------------------------------------------------------- (b) Hebei, 2024


@pytest.fixture
def hebei_db(tmp_path: Path) -> str:
    db = str(tmp_path / "hebei.db")  # named, so nothing is written beside the plan file
    said = ok("import", str(HEBEI_PROGRESS), "--plan", str(HEBEI), "--db", db).stdout
    assert "3 added, 0 already recorded" in said
    return db


def hebei_status(db: str, as_of: str) -> dict[str, dict[str, Any]]:
    r = ok("status", "--plan", str(HEBEI), "--db", db, "--as-of", as_of, "--json")
    return goals_of(r.stdout)


def test_hebei_high_tech_enterprises_are_achieved_at_a_lower_bound(hebei_db: str) -> None:
    hte = hebei_status(hebei_db, "2024-12-31")["high-tech-enterprises"]
    # 超过1.5万家 -> at least 15,000, of a target of 15,000 (达到15000家): a lower bound at
    # the target is a sure "reached", 15,000 >= 15,000 - 0 (no tolerance).
    assert (hte["current"], hte["target"]) == (15000, 15000)
    assert hte["lower_bound"] is True
    assert hte["status"] == "achieved"


def test_hebei_tech_contracts_a_year_before_the_deadline(hebei_db: str) -> None:
    deals = hebei_status(hebei_db, "2024-12-31")["tech-contract-value"]
    # 1971.4 of 2000: 1971.4 / 2000 = 0.9857, i.e. 98.57% of the target.
    assert (deals["current"], deals["target"]) == (1971.4, 2000)
    assert round(deals["current"] / deals["target"], 4) == 0.9857
    # No baseline is published (the plan's end-2020 value is in its table), so the first
    # reading, 1971.4 on 2024-12-31, is the baseline. Linear method: t0 = as_of, so the
    # elapsed fraction is f = 0 / 365 = 0 and expected = 1971.4 + (2000 - 1971.4) * 0 = 1971.4;
    # progress from the baseline is (1971.4 - 1971.4) / 28.6 = 0%, and with one reading
    # there is no pace ratio: judged by position, not below the baseline -> on_track.
    assert deals["baseline_from_first_reading"] is True
    assert (deals["baseline"], deals["baseline_date"]) == (1971.4, "2024-12-31")
    assert deals["elapsed_fraction"] == 0
    assert deals["expected"] == 1971.4
    assert deals["percent"] == 0
    assert deals["pace_ratio"] is None
    assert deals["status"] == "on_track"
    # still to go: 2000 - 1971.4 = 28.6 in 365 days = 365 / 365.25 = 0.99932 years:
    # 28.6 / 0.99932 = 28.6196 a year
    assert deals["gap"] == 28.6
    assert deals["required_per_year"] == 28.6196


def test_hebei_tech_contracts_at_the_deadline_without_a_2025_figure(hebei_db: str) -> None:
    deals = hebei_status(hebei_db, "2025-12-31")["tech-contract-value"]
    # f = 365 / 365 = 1: expected = 1971.4 + 28.6 * 1 = 2000. The latest figure is still
    # 2024's 1971.4 < 2000 and the deadline is reached: missed.
    assert deals["elapsed_fraction"] == 1
    assert deals["expected"] == 2000
    assert deals["pace_ratio"] is None  # still the one reading that is the baseline
    assert deals["status"] == "missed"


def test_hebei_growth_and_share_goals(hebei_db: str) -> None:
    goals = hebei_status(hebei_db, "2024-12-31")
    growth = goals["rd-spending-growth"]
    # base: 2021, 745.5亿元 (the only published figure), not the plan's end-2020 base
    assert growth["kind"] == "growth"
    assert (growth["baseline"], growth["baseline_date"]) == (745.5, "2021-12-31")
    assert growth["reading"] == 745.5  # no later figure published
    # the growth line from that base: 745.5 * 1.1^3 = 745.5 * 1.331 = 992.2605 by the end of
    # 2024, and 745.5 * 1.1^4 = 745.5 * 1.4641 = 1091.48655 by the deadline (four years of
    # growth, 2022-2025, not the plan's five)
    assert growth["expected"] == 992.2605
    final = hebei_status(hebei_db, "2025-12-31")["rd-spending-growth"]
    assert final["expected"] == 1091.4866
    assert goals["basic-research-share"]["status"] == "no_data"


def test_hebei_show_lists_the_figure_its_quote_and_its_source(hebei_db: str) -> None:
    r = ok("show", "tech-contract-value", "--plan", str(HEBEI), "--db", hebei_db,
           "--as-of", "2024-12-31", "--json")  # fmt: skip
    goal = json.loads(r.stdout)["goal"]
    assert "技術市場成交合同額達2000億元" in goal["source"]
    (entry,) = goal["entries"]
    assert (entry["date"], entry["value"], entry["bound"]) == ("2024-12-31", 1971.4, None)
    assert entry["note"].startswith("2024年全省技术合同成交额1971.4亿元")
    assert "http://heb.hebccw.cn/system/2025/11/06/102120833.shtml" in entry["source"]


# --------------------------------------------------------------------------- (c) Henan additions


def sample_rows() -> list[dict[str, str]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def import_without_the_added_rows(tmp_path: Path, db: str) -> None:
    rows = [r for r in sample_rows() if r["id"] not in ADDED_ROWS]
    older = tmp_path / "before.csv"
    with older.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    ok("import", str(older), "--db", db)


def test_the_added_rows_are_in_the_sample_data() -> None:
    rows = {r["id"]: r for r in sample_rows()}
    assert set(rows) >= ADDED_ROWS
    # manufacturing innovation centres: stocks counted since 2017, so notes, not values
    assert {r["kind"] for r in rows.values()
            if r["goal"] == "manufacturing-innovation-centres"} == {"note"}  # fmt: skip
    assert all(r["plan"] == HENAN_14TH_ID for r in rows.values())


def test_provincial_labs_history_gains_the_added_rows() -> None:
    ok("import", str(EXAMPLES))
    r = ok("show", "provincial-labs", "--as-of", "2025-12-31", "--json")
    entries = [(e["date"], e["value"]) for e in json.loads(r.stdout)["goal"]["entries"]]
    assert ("2022-09-22", 8) in entries and ("2023-02-25", 10) in entries
    # the six earlier rows and the two added ones (2022-09-22, 2023-02-25), in date order
    dates = ("2021-12-31 2022-03-22 2022-09-22 2023-01-03 2023-02-25 2023-07-10 2023-12-31 "
             "2024-05-09")  # fmt: skip
    assert [d for d, _ in entries] == dates.split()
    # as of 2022-12-31: 8 labs, not the 6 of 2022-03-22. f = 729 / 1825 = 0.39945 of the
    # period (2021-01-01 to 2025-12-31); expected 10 * 0.39945 = 3.9945; progress 8 / 10 =
    # 80%; pace 0.8 / 0.39945 = 2.0027 -> on_track (with 6 it was 1.5021: on_track too).
    labs = goals_of(ok("status", "--as-of", "2022-12-31", "--json").stdout)["provincial-labs"]
    assert labs["current"] == 8
    assert labs["expected"] == 3.9945
    assert labs["percent"] == 80
    assert labs["pace_ratio"] == 2.0027
    assert labs["status"] == "on_track"


def test_the_added_rows_change_no_status_at_the_two_reviews(tmp_path: Path) -> None:
    before, after = str(tmp_path / "before.db"), str(tmp_path / "after.db")
    import_without_the_added_rows(tmp_path, before)
    ok("import", str(EXAMPLES), "--db", after)
    fields = ("status", "current", "reading", "lower_bound", "last_date", "pace_ratio")
    for as_of in ("2025-12-31", "2023-12-31"):  # the final and the mid-term review
        old, new = (goals_of(ok("status", "--db", db, "--as-of", as_of, "--json").stdout)
                    for db in (before, after))  # fmt: skip
        assert old.keys() == new.keys()
        for goal_id in old:
            assert [old[goal_id][k] for k in fields] == [new[goal_id][k] for k in fields], goal_id
    final = goals_of(ok("status", "--db", after, "--as-of", "2025-12-31", "--json").stdout)
    assert final["manufacturing-innovation-centres"]["status"] == "no_data"  # notes only
    midterm = goals_of(ok("status", "--db", after, "--as-of", "2023-12-31", "--json").stdout)
    # 2023: the bureau's exact 2.05, not the earlier "more than 2%" (a note)
    rd = midterm["rd-intensity"]
    assert (rd["current"], rd["lower_bound"]) == (2.05, False)


def test_pilot_bases_in_mid_2023_move_from_behind_to_on_track(tmp_path: Path) -> None:
    before, after = str(tmp_path / "before.db"), str(tmp_path / "after.db")
    import_without_the_added_rows(tmp_path, before)
    ok("import", str(EXAMPLES), "--db", after)
    old, new = (goals_of(ok("status", "--db", db, "--as-of", "2023-06-30", "--json").stdout)
                ["pilot-bases"] for db in (before, after))  # fmt: skip
    # f = 910 / 1825 = 0.49863. Before: 8 + 13 = 21 of 50, 21 / 50 = 0.42, pace 0.42 /
    # 0.49863 = 0.8423 -> behind. After: 36 (2023-02-25), 36 / 50 = 0.72, pace 0.72 / 0.49863
    # = 1.444 -> on_track. The one expected status change of the added rows.
    assert (old["current"], old["pace_ratio"], old["status"]) == (21, 0.8423, "behind")
    assert (new["current"], new["pace_ratio"], new["status"]) == (36, 1.444, "on_track")


def test_manufacturing_centres_show_their_stocks_as_notes() -> None:
    ok("import", str(EXAMPLES))
    r = ok("show", "manufacturing-innovation-centres", "--as-of", "2025-12-31", "--json")
    goal = json.loads(r.stdout)["goal"]
    assert [(e["date"], e["kind"], e["value"]) for e in goal["entries"]] == [
        ("2022-04-22", "note", None),
        ("2023-05-06", "note", None),
        ("2023-05-06", "note", None),
    ]
    assert goal["status"] == "no_data"


def test_the_sample_data_imports_whichever_plan_is_the_default(
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    # Every row names its plan, so with the default rule (from 2026: the 2026-2030 plan)
    # the rows still go into the 2021-2025 plan. A file none of whose rows is the default
    # plan's is not an empty file: its rows are another plan's.
    monkeypatch.delenv("PLANTRACK_PLAN")
    n = len(sample_rows())
    assert f"{n} added, 0 already recorded" in ok("import", str(EXAMPLES)).stdout
    r = ok("status", "--plan", HENAN_14TH_ID, "--as-of", "2025-12-31", "--json")
    assert goals_of(r.stdout)["provincial-labs"]["current"] == 20
