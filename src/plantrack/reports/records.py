"""Reports and entries as plain data for machines: every figure a number, every code a code.

JSON is these dicts as they are; the CSV and Markdown tables are rows of the
same values (exact decimals where JSON needs floats), with headers in the
report's language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from plantrack.i18n import label, t
from plantrack.model.entries import Entry
from plantrack.model.numbers import json_number
from plantrack.model.plan import Goal, Plan
from plantrack.model.textforms import format_value
from plantrack.reports.analysis import GoalResult
from plantrack.reports.build import Report
from plantrack.reports.units import Breakdown, mismatches

SCHEMA_VERSION = 1
ENTRY_COLUMNS = (
    "id", "goal", "date", "kind", "value", "bound", "note", "source", "plan", "unit", "by",
    "recorded_at", "void_reason", "voided_by", "voided_at",
)  # fmt: skip
STATUS_COLUMNS = (
    "id", "section", "title", "unit", "kind", "baseline", "baseline_date", "target", "deadline",
    "current", "lower_bound", "estimate", "last_date", "percent", "expected", "gap",
    "pace_ratio", "status", "method",
)  # fmt: skip
# A gap row carries section, deadline and the ≥ and ≈ flags so it reads on its own:
# "161 (a lower bound) of 1500 by 2025-12-31" is a different gap from "161 of 1500".
GAPS_COLUMNS = (
    "id", "section", "title", "unit", "current", "lower_bound", "estimate", "target",
    "deadline", "gap", "years_left", "required_per_year", "actual_per_year", "projected",
    "projected_date", "pace_ratio", "status", "method",
)  # fmt: skip
# The cells that hold a code, and the catalogue's words for it (section: the plan's names).
WORDED = {"status": "status", "kind": "kind_short", "method": "method_short"}
FLAG_COLUMNS = ("lower_bound", "estimate")


def _num(x: float | Decimal | None, places: int = 4) -> int | float | None:
    if x is None:
        return None
    if isinstance(x, Decimal):
        return json_number(x)
    if not math.isfinite(x):  # NaN / inf never reach JSON
        return None
    r = round(x, places)
    return int(r) if r == int(r) and abs(r) < 2**53 else r


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def goal_dict(g: Goal) -> dict[str, Any]:
    return {
        "id": g.id, "title_zh": g.title_zh, "title_en": g.title_en, "section": g.section,
        "kind": g.kind, "unit": g.unit, "target": json_number(g.target),
        "baseline": json_number(g.baseline), "baseline_date": _day(g.baseline_date),
        "baseline_stock": json_number(g.baseline_stock), "deadline": _day(g.deadline),
        "approximate": g.approximate, "tolerance": json_number(g.tolerance),
        "stretch": g.stretch, "direction": g.direction, "method": g.method,
        "source": g.source, "notes": list(g.notes), **_taken(g),
    }  # fmt: skip


def _taken(g: Goal) -> dict[str, Any]:
    """The goal fields that lean on other values: waypoints, target_ref, baseline_from; and
    its breakdown over units, their weights, its lead unit, and the unit a slice is of."""
    return {"waypoints": {_day(d): json_number(v) for d, v in g.waypoints},
            "target_ref": g.target_ref, "baseline_from": g.baseline_from,
            "breakdown": {u: json_number(v) for u, v in g.breakdown},
            "weights": {u: json_number(v) for u, v in g.weights}, "lead": g.lead or None,
            "breakdown_unit": g.part or None}  # fmt: skip


def result_dict(r: GoalResult) -> dict[str, Any]:
    g = r.goal
    return {
        "id": g.id, "title_zh": g.title_zh, "title_en": g.title_en, "section": g.section,
        "unit": g.unit, "kind": g.kind, "target": json_number(g.target),
        "baseline": json_number(r.baseline if r.baseline is not None else g.baseline),
        "baseline_date": _day(r.baseline_date or g.baseline_date),
        "baseline_from_first_reading": r.baseline_from_first_reading,
        "baseline_stock": json_number(g.baseline_stock), "deadline": _day(g.deadline),
        "approximate": g.approximate, "tolerance": json_number(g.tolerance),
        "stretch": g.stretch, "direction": g.direction,
        "current": json_number(r.current), "reading": json_number(r.reading),
        "lower_bound": r.lower_bound, "estimate": r.estimate,
        "reading_approximate": r.reading_approx, "last_date": _day(r.last_date),
        "percent": _num(r.percent, 2), "expected": _num(r.expected),
        "gap": _num(r.gap), "elapsed_fraction": _num(r.elapsed_fraction),
        "pace_ratio": _num(r.pace_ratio), "projected": _num(r.projected),
        "projected_date": _day(r.projected_date),
        "required_per_year": _num(r.required_per_year),
        "actual_per_year": _num(r.actual_per_year), "years_left": _num(r.years_left),
        "status": r.status, "method": r.method, "method_note": r.method_note,
        "milestone_status": r.milestone_status, **_taken(g),
        "target_date": _day(r.target_date), "note": r.note,
        "next_waypoint": None if r.next_waypoint is None else {
            "date": _day(r.next_waypoint[0]), "value": json_number(r.next_waypoint[1])},
    }  # fmt: skip


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {
            "id": report.plan.id,
            "name_zh": report.plan.name_zh,
            "name_en": report.plan.name_en,
        },
        "ledger": report.ledger,
        "as_of": report.as_of.isoformat(),
        "known_at": _day(report.known_at),
        "method": report.method,
        "goals": [result_dict(r) for r in report.results],
        "summary": {"total": len(report.results), **report.summary},
        "sections": report.sections(),
        "section_names": report.plan.section_names,
        **_units(report),
    }


def _units(report: Report) -> dict[str, Any]:
    """A plan with units: its units, the unit a --unit report is of, and each broken-down
    goal's units against their shares, roll-up and figure of the whole (see reports.units)."""
    if not report.plan.units:
        return {}
    return {"units": report.plan.units, "unit": report.unit,
            "breakdowns": [breakdown_dict(b) for b in report.breakdowns]}  # fmt: skip


def breakdown_dict(b: Breakdown) -> dict[str, Any]:
    return {
        "id": b.goal.id, "lead": b.goal.lead or None,
        "units": [{"unit": u.unit, "share": json_number(u.share),
                   "current": json_number(u.result.current), "percent": _num(u.result.percent, 2),
                   "status": u.result.status, "last_date": _day(u.result.last_date)}
                  for u in b.units],
        "rollup": json_number(b.rollup), "rollup_date": _day(b.rollup_date),
        "reported": b.reported, "whole": json_number(b.whole), "whole_date": _day(b.whole_date),
        "difference": json_number(b.difference), "drives": b.drives,
    }  # fmt: skip


def check_dict(report: Report, fail_on: str, offenders: Sequence[GoalResult]) -> dict[str, Any]:
    """``check``'s finding for a script: ``ok`` is false when any goal is at or worse than
    ``fail_on``, or a complete roll-up is not the figure of the whole; each such goal with
    its status, pace and figures."""
    unequal = mismatches(report.breakdowns)
    return {
        "schema_version": SCHEMA_VERSION, "plan": report.plan.id, "ledger": report.ledger,
        "as_of": report.as_of.isoformat(), "known_at": _day(report.known_at),
        "method": report.method, "fail_on": fail_on, "checked": len(report.results),
        "ok": not offenders and not unequal,
        "goals": [result_dict(r) for r in offenders],
        **({"mismatches": [breakdown_dict(b) for b in unequal]} if report.plan.units else {}),
    }  # fmt: skip


def entry_dict(e: Entry) -> dict[str, Any]:
    """An entry with who recorded it and when, its void now, and any voids reversed."""
    return {
        "id": e.id, "goal": e.goal, "date": e.date.isoformat(), "kind": e.kind,
        "value": json_number(e.value), "status": e.status, "bound": e.bound,
        "note": e.note, "source": e.source, "unit": e.unit, "by": e.recorded_by,
        "recorded_at": e.recorded_at, "voided": e.voided, "void_reason": e.void_reason,
        "voided_by": e.voided_by, "voided_at": e.voided_at,
        "restored_voids": [
            {"reason": p.reason, "voided_by": p.voided_by, "voided_at": p.voided_at,
             "restored_by": p.restored_by, "restored_at": p.restored_at}
            for p in e.past_voids
        ],
    }  # fmt: skip


def show_dict(report: Report, entries: Sequence[Entry]) -> dict[str, Any]:
    """One goal's report with its plan text, notes, entries and sources."""
    out = report_dict(report)
    goal = out.pop("goals")[0]
    goal["notes"] = list(report.results[0].goal.notes)
    goal["source"] = report.results[0].goal.source
    goal["entries"] = [entry_dict(e) for e in entries]
    goal["sources"] = sorted({e.source for e in entries if e.source and not e.void_reason})
    del out["summary"], out["sections"]
    return {**out, "goal": goal}


def entries_dict(entries: Sequence[Entry], plan: Plan) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "plan": plan.id,
            "entries": [entry_dict(e) for e in entries]}  # fmt: skip


def report_table(report: Report, what: str, lang: str,
                 words: bool = False) -> tuple[list[str], list[list[Any]]]:  # fmt: skip
    """(header, rows) of a status or gaps table, numbers exact; with ``words``, every code
    cell (status, kind, section, method, yes/no) is its word in ``lang``."""
    columns = report_columns(report, what)
    header = [t(f"col.{key}", lang) for key in columns]
    rows = []
    for r in report.results:
        d = result_dict(r)
        d["title"] = r.goal.title(lang)
        # Exact decimals, not the floats JSON needs: 99999999999999.9999 stays exact.
        g = r.goal
        d.update(current=r.current, target=g.target,
                 baseline=r.baseline if r.baseline is not None else g.baseline)  # fmt: skip
        if words:
            rows.append([worded(key, d.get(key), report.plan, lang) for key in columns])
        else:
            rows.append([d.get(key) for key in columns])
    return header, rows


def report_columns(report: Report, what: str) -> tuple[str, ...]:
    """A status or gaps table's columns: with ``breakdown_unit`` after the id when its rows
    are units' slices, and ``lead`` last when a goal has a lead unit."""
    columns = STATUS_COLUMNS if what == "status" else GAPS_COLUMNS
    if any(r.goal.part for r in report.results):
        columns = (columns[0], "breakdown_unit", *columns[1:])
    if any(r.goal.lead for r in report.results):
        columns = (*columns, "lead")
    return columns


def worded(key: str, value: Any, plan: Plan, lang: str) -> Any:
    """A report cell as people read it: a code as its word, a flag as yes/no (是/否)."""
    if key in FLAG_COLUMNS:
        return t("xlsx.yes" if value else "xlsx.no", lang)
    if value is None or value == "":
        return value
    if key == "section":
        return plan.section_name(value, lang)
    if key == "breakdown_unit":
        return plan.unit_name(value, lang)
    if key in WORDED:
        return label(WORDED[key], value, lang)
    return value


def report_head(report: Report, lang: str) -> list[tuple[str, str]]:
    """What a report export is, before its table: plan, as-of, known-at, method, ledger."""
    method = report.method if lang == "en" else label("method_short", report.method, lang)
    return [
        (t("xlsx.plan", lang), report.plan.name(lang)),
        (t("xlsx.as_of", lang), report.as_of.isoformat()),
        (t("xlsx.known_at", lang), _day(report.known_at) or t("review.known_at.all", lang)),
        (t("review.method", lang), method),
        (t("review.ledger", lang), report.ledger),
    ]


def entry_table(entries: Sequence[Entry], plan: str) -> tuple[list[str], list[list[Any]]]:
    """(header, rows) of entries in the import format: what ``plantrack import`` reads back
    (``plan``: the plan they are entries of, its own column, so that one file may hold
    several plans' entries)."""
    rows = [
        [e.id, e.goal, e.date.isoformat(), e.kind, format_value(e.kind, e.value, e.status),
         e.bound, e.note, e.source, plan, e.unit, e.recorded_by, e.recorded_at, e.void_reason,
         e.voided_by, e.voided_at]
        for e in entries
    ]  # fmt: skip
    return list(ENTRY_COLUMNS), rows
