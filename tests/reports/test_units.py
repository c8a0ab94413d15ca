"""Target breakdowns in the reports: each unit's slice, the roll-up of the units' figures,
the figure of the whole beside it, and the commands by unit. Every expected figure is
worked out by hand in the comment beside it."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from support import REPO, fails, ok, run

from plantrack.model.entries import GoalFigures
from plantrack.planfile import read_plan
from plantrack.reports.units import breakdown_of, rollup

EXAMPLE = REPO / "examples" / "breakdown"
PLAN = str(EXAMPLE / "plan.yaml")
AS_OF = "2024-12-31"


def figures(goal: str, total: str | None, increments: str = "0", day: date = date(2023, 12, 31),
            first: str | None = None) -> GoalFigures:  # fmt: skip
    return GoalFigures(goal, None if total is None else D(total), day if total else None,
                       D(increments), None, D(first or total) if (first or total) else None,
                       day, day)  # fmt: skip


def test_a_sum_goals_roll_up_is_each_units_latest_total_plus_its_later_increments() -> None:
    labs = read_plan(EXAMPLE / "plan.yaml").goal("zhongyuan-scholars")
    units = {
        ("zhongyuan-scholars", "zhengzhou"): figures("zhongyuan-scholars", "14"),
        ("zhongyuan-scholars", "luoyang"): figures("zhongyuan-scholars", "3", "2"),
        ("zhongyuan-scholars", "xinxiang"): figures("zhongyuan-scholars", None, "1"),
    }
    rolled = rollup(labs, units)
    assert rolled is not None
    # 14 + (3 + 2) + (0 + 1) = 20; nanyang and kaifeng have no figure and add nothing
    assert (rolled.total, rolled.increments) == (D(20), D(0))
    b = breakdown_of(labs, figures("zhongyuan-scholars", "25"), units, date(2024, 12, 31))
    assert (b.rollup, b.whole, b.difference, b.reported, b.drives) == (D(20), D(25), D(-5), 3,
                                                                        "units")
    shares = {u.unit: (u.share, u.result.current) for u in b.units}
    # each unit against its own share: luoyang 5 of 8, nanyang nothing of 3
    assert shares["luoyang"] == (D(8), D(5)) and shares["nanyang"] == (D(3), None)


def test_a_weighted_level_goal_rolls_up_only_once_every_unit_has_a_figure() -> None:
    coverage = read_plan(EXAMPLE / "plan.yaml").goal("rd-institution-coverage")
    levels = {"zhengzhou": "85", "luoyang": "70", "xinxiang": "60", "nanyang": "55"}
    units = {(coverage.id, u): figures(coverage.id, v) for u, v in levels.items()}
    assert rollup(coverage, units) is None  # kaifeng has not reported
    units[coverage.id, "kaifeng"] = figures(coverage.id, "50")
    rolled = rollup(coverage, units)
    assert rolled is not None
    # weights 1200, 700, 500, 450, 300 (sum 3150):
    # (85·1200 + 70·700 + 60·500 + 55·450 + 50·300) / 3150 = 220750 / 3150 = 70.07936… → 70.0794
    assert rolled.total == D("70.0794")


def test_a_level_goal_without_weights_does_not_roll_up() -> None:
    levels = read_plan(EXAMPLE / "plan.yaml").goal("rd-institution-coverage")
    from dataclasses import replace

    unweighted = replace(levels, weights=())
    units = {(levels.id, u): figures(levels.id, "90") for u, _ in levels.breakdown}
    assert rollup(unweighted, units) is None
    b = breakdown_of(unweighted, None, units, date(2024, 12, 31))
    assert b.drives == "none" and b.rollup is None
    assert all(u.result.current == D(90) for u in b.units)  # each unit judged on its own level


@pytest.fixture
def example_db(tmp_path: Path) -> str:
    db = str(tmp_path / "ex.db")
    ok("import", str(EXAMPLE / "entries.csv"), "--plan", PLAN, "--db", db)
    return db


def status_json(db: str, *args: str) -> dict:
    return json.loads(ok("status", "--plan", PLAN, "--db", db, "--as-of", AS_OF, "--json",
                         *args).stdout)  # fmt: skip


def test_the_roll_up_drives_the_status_and_the_whole_is_never_added(example_db: str) -> None:
    d = status_json(example_db)
    goals = {g["id"]: g for g in d["goals"]}
    # provincial labs: units 8 + 3 + 2 + 1 + 1 = 15; the published 16 of the whole is shown
    # beside it, not added (15 + 16 = 31 would count each laboratory twice)
    assert goals["provincial-labs"]["current"] == 15
    labs = next(b for b in d["breakdowns"] if b["id"] == "provincial-labs")
    assert (labs["rollup"], labs["whole"], labs["difference"], labs["drives"]) == (15, 16, -1,
                                                                                   "units")
    assert labs["lead"] == "省科技厅"
    # scholars: 14 + (3 + 2) + 1 = 20 of 50
    assert goals["zhongyuan-scholars"]["current"] == 20
    assert goals["rd-institution-coverage"]["current"] == 70.0794  # see the weighted test


def test_with_no_unit_figure_the_whole_drives(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    ok("record", "provincial-labs", "6", "--date", "2023-06-30", "--plan", PLAN, "--db", db)
    d = status_json(db)
    labs = next(b for b in d["breakdowns"] if b["id"] == "provincial-labs")
    assert (labs["drives"], labs["whole"], labs["rollup"], labs["reported"]) == ("whole", 6,
                                                                                 None, 0)
    assert next(g for g in d["goals"] if g["id"] == "provincial-labs")["current"] == 6


def test_status_of_one_unit_judges_its_share(example_db: str) -> None:
    d = status_json(example_db, "--unit", "洛阳")
    assert d["unit"] == "luoyang"
    rows = {g["id"]: g for g in d["goals"]}
    # luoyang's share of the scholars is 8; it has 3 + 2 = 5: 5 / 8 = 62.5%
    assert (rows["zhongyuan-scholars"]["target"], rows["zhongyuan-scholars"]["current"],
            rows["zhongyuan-scholars"]["percent"]) == (8, 5, 62.5)  # fmt: skip
    assert rows["zhongyuan-scholars"]["breakdown_unit"] == "luoyang"
    assert rows["provincial-labs"]["status"] == "achieved"  # 3 of its share 2


def test_status_by_unit_is_a_goal_by_unit_table(example_db: str) -> None:
    out = ok("status", "--by", "unit", "--plan", PLAN, "--db", example_db, "--as-of", AS_OF,
             "--lang", "zh").stdout  # fmt: skip
    assert "郑州市" in out and "开封市" in out and "分单位合计" in out
    labs = out[out.index("建设省实验室"):].splitlines()[1].split()
    # each cell figure / share: 8/5, 3/2, 2/1, 1/1, 1/1, then the roll-up 15
    assert labs[:16] == ["8", "/", "5", "3", "/", "2", "2", "/", "1", "1", "/", "1", "1", "/",
                         "1", "15"]  # fmt: skip


def test_gaps_by_unit_ranks_the_units(example_db: str) -> None:
    d = json.loads(ok("gaps", "--by", "unit", "--plan", PLAN, "--db", example_db, "--as-of",
                      AS_OF, "--json").stdout)  # fmt: skip
    worst = d["goals"][0]
    # the worst slice: xinxiang's scholars, 1 of 6 after 4 of 5 years (pace 1/6 ÷ 4/5 ≈ 0.21)
    assert (worst["id"], worst["breakdown_unit"], worst["status"]) == (
        "zhongyuan-scholars", "xinxiang", "off_track")
    assert len(d["goals"]) == 15  # 3 goals x 5 units


def test_check_of_one_unit_and_a_mismatch_of_the_whole(example_db: str) -> None:
    # zhengzhou: 14 of 30 scholars after 4 of 5 years is off track
    result = run("check", "--unit", "zhengzhou", "--plan", PLAN, "--db", example_db,
                 "--as-of", AS_OF)  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout == "off_track\tzhongyuan-scholars\tzhengzhou\tZhongyuan scholars\n"
    # kaifeng is on track everywhere, but the province's labs: every unit has reported and
    # 15 is not the published 16, so the whole-plan check lists the mismatch
    ok("check", "--unit", "开封", "--plan", PLAN, "--db", example_db, "--as-of", AS_OF,
       "--fail-on", "missed", "-q")  # fmt: skip
    result = run("check", "--plan", PLAN, "--db", example_db, "--as-of", AS_OF,
                 "--fail-on", "missed")  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout == "mismatch\tprovincial-labs\t15\t16\n"
    assert "roll-up is not the figure of the whole" in result.stderr


def test_show_lists_each_unit_against_its_share(example_db: str) -> None:
    out = ok("show", "provincial-labs", "--plan", PLAN, "--db", example_db, "--as-of", AS_OF,
             "--lang", "en").stdout  # fmt: skip
    tail = out[out.index("Breakdown"):]
    assert "Zhengzhou   5 个" in tail and "Roll-up: 15" in tail and "Whole: 16" in tail
    assert "Difference: -1" in tail and "Lead: 省科技厅" in tail


def test_a_unit_outside_the_breakdown_is_refused_listing_the_candidates(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    result = fails(2, "record", "provincial-labs", "1", "--unit", "安阳", "--plan", PLAN,
                   "--db", db)  # fmt: skip
    assert result.stderr == (
        "plantrack: error: goal 'provincial-labs' is not broken down over unit '安阳'; its "
        "units are: zhengzhou (郑州市)、luoyang (洛阳市)、xinxiang (新乡市)、nanyang (南阳市)、"
        "kaifeng (开封市)\n"
    )
    ok("record", "provincial-labs", "1", "--unit", "新乡市", "--plan", PLAN, "--db", db)
    entries = json.loads(ok("export", "entries", "-f", "json", "--plan", PLAN, "--db",
                            db).stdout)["entries"]  # fmt: skip
    assert [e["unit"] for e in entries] == ["xinxiang"]


def test_import_refuses_a_unit_outside_the_breakdown_by_line(tmp_path: Path) -> None:
    rows = ("goal,date,value,unit\nprovincial-labs,2023-01-01,1,郑州\n"
            "provincial-labs,2023-01-01,1,洛杉矶\n")
    (tmp_path / "u.csv").write_text(rows, encoding="utf-8")
    result = fails(2, "import", str(tmp_path / "u.csv"), "--plan", PLAN, "--db",
                   str(tmp_path / "u.db"))  # fmt: skip
    assert "u.csv:3: goal 'provincial-labs' is not broken down over unit '洛杉矶'" in result.stderr


def test_a_backup_with_units_restores_them(example_db: str, tmp_path: Path) -> None:
    csv = ok("export", "entries", "--plan", PLAN, "--db", example_db, "--no-bom").stdout
    assert csv.splitlines()[0].startswith("id,goal,date,kind,value,bound,note,source,plan,unit,")
    (tmp_path / "back.csv").write_text(csv, encoding="utf-8")
    fresh = str(tmp_path / "fresh.db")
    ok("ledger", "restore", str(tmp_path / "back.csv"), "--plan", PLAN, "--db", fresh)
    assert status_json(fresh)["breakdowns"] == status_json(example_db)["breakdowns"]
    restored = ok("export", "entries", "--plan", PLAN, "--db", fresh, "--no-bom").stdout
    assert restored == csv


def test_a_plan_without_units_refuses_by_unit(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    ok("record", "provincial-labs", "3", "--plan", str(REPO / "targets.yaml"), "--db", db)
    result = fails(2, "status", "--by", "unit", "--plan", str(REPO / "targets.yaml"), "--db", db)
    assert "declares no units" in result.stderr


def test_exports_carry_the_unit_of_a_slice_and_the_lead(example_db: str, tmp_path: Path) -> None:
    base = ("--plan", PLAN, "--db", example_db, "--as-of", AS_OF, "--no-head", "--no-bom")
    whole = ok("export", "status", *base).stdout.splitlines()
    assert whole[0].split(",")[-1] == "lead" and "breakdown_unit" not in whole[0]
    assert whole[1].startswith("provincial-labs,") and whole[1].endswith(",省科技厅")
    parts = ok("export", "gaps", "--unit", "新乡", *base).stdout.splitlines()
    assert parts[0].startswith("id,breakdown_unit,")
    # xinxiang's parts, worst first: scholars 1 of 6 is off track; labs 2 of 1 achieved
    assert [row.split(",")[:2] for row in parts[1:3]] == [["zhongyuan-scholars", "xinxiang"],
                                                          ["rd-institution-coverage", "xinxiang"]]
    ok("export", "status", "--by", "unit", "-f", "xlsx", "-o", str(tmp_path / "u.xlsx"),
       *base[:6])  # fmt: skip
    import openpyxl

    rows = list(openpyxl.load_workbook(tmp_path / "u.xlsx").worksheets[0].iter_rows(
        values_only=True))  # fmt: skip
    header = next(i for i, r in enumerate(rows) if r[0] == "id")
    assert rows[header][:2] == ("id", "breakdown_unit")
    assert len(rows) - header - 1 == 15  # 3 goals x 5 units
