"""JSON of the newer goal fields (to join tests/reports/test_reference_targets.py once
records.patch is applied)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

from test_reference_targets import plans, report  # noqa: F401  (the fixture)
from test_waypoints import T1, goal, reading

from plantrack.reports.analysis import analyze
from plantrack.reports.records import goal_dict, result_dict


def test_json_says_where_the_target_comes_from(plans: tuple[Path, Path]) -> None:  # noqa: F811
    by_id = {r.goal.id: r for r in report(plans, date(2023, 12, 31)).results}
    d = result_dict(by_id["rd-intensity"])
    assert (d["target"], d["target_ref"], d["target_date"]) == (2.56, "national", "2023-12-31")
    carried = result_dict(by_id["rd-carried"])
    assert (carried["baseline"], carried["baseline_from"]) == (1.7, "earlier-plan/rd-intensity")
    assert result_dict(by_id["rd-nowhere"])["note"] == "baseline_not_carried"


def test_json_carries_the_next_waypoint() -> None:
    r = analyze(goal(), reading("1.85", date(2021, 12, 31)), date(2021, 12, 31))
    d = result_dict(r)
    assert d["next_waypoint"] == {"date": "2022-12-31", "value": 2}
    assert d["waypoints"] == {"2022-12-31": 2, "2024-12-31": 2.4}
    assert goal_dict(r.goal)["waypoints"] == d["waypoints"]
    assert r.next_waypoint == (T1, D("2.0"))
