"""Pure progress analysis: (goal, figures, as_of) -> GoalResult. Never reads the clock.

Linear method, with baseline b at t0, target g at deadline T, current c at t:
    f = clamp((t - t0) / (T - t0), 0, 1)      elapsed fraction of the goal's time
    expected = b + (g - b) * f
    p = (c - b) / (g - b)                     progress; percent = 100 * p
    P = p / f                                 pace ratio (1 = exactly on the plan line)
    projected = b + (c - b) / f               value at T if the average pace so far holds
    required/yr = (g - c) / years left;  actual/yr = (c - b) / years elapsed
    projected date = t0 + (g - b) / ((c - b) / (t - t0))
CAGR method (the Open SDG progress measure), on readings B, C, G > 0:
    R = ((C / B) ** (1 / years elapsed) - 1) / ((G / B) ** (1 / years total) - 1)
Status, first match wins: achieved, no_data, missed (deadline reached, not
achieved), then by P (or R): on_track >= 0.95, behind >= 0.6, off_track >= 0,
regressing < 0. Down goals are mirrored by the same formulas.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from plantrack.model.entries import Entry, GoalFigures
from plantrack.model.plan import Goal

DAYS_PER_YEAR = 365.25
ON_TRACK = 0.95
BEHIND = 0.6

# Best to worst; `check --fail-on S` fails on S and on anything worse.
SEVERITY = {
    "achieved": 0,
    "tracked": 0,
    "on_track": 1,
    "in_progress": 1,
    "no_data": 2,
    "not_started": 2,
    "behind": 3,
    "off_track": 4,
    "regressing": 5,
    "missed": 6,
}
STATUSES = tuple(SEVERITY)


@dataclass(frozen=True, slots=True)
class GoalResult:
    goal: Goal
    as_of: date
    status: str
    method: str  # the method actually used
    method_note: str | None = None  # a fallback from the requested method, or why no pace
    current: Decimal | None = None  # in the goal's terms (an increase goal: amount added)
    reading: Decimal | None = None  # the raw latest reading (a stock, for stock goals)
    lower_bound: bool = False  # the current figure is a lower bound (突破 / 超过)
    # the current figure subtracts a baseline stock that was itself a lower bound:
    # an estimate (≈), neither a lower bound nor exact
    estimate: bool = False
    reading_lower_bound: bool = False  # the raw reading was published as "more than"
    reading_approx: bool = False  # the raw reading was published as "about" (约/左右)
    baseline: Decimal | None = None
    baseline_date: date | None = None
    baseline_from_first_reading: bool = False
    last_date: date | None = None  # date of the latest entry used
    elapsed_fraction: float | None = None
    expected: float | None = None
    gap: float | None = None  # still to go, in the goal's direction (negative: exceeded)
    percent: float | None = None
    pace_ratio: float | None = None  # P (linear) or R (cagr)
    projected: float | None = None
    projected_date: date | None = None
    required_per_year: float | None = None
    actual_per_year: float | None = None
    years_left: float | None = None
    milestone_status: str | None = None


def _years(days: int | float) -> float:
    return days / DAYS_PER_YEAR


def pace_status(ratio: float) -> str:
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= BEHIND:
        return "behind"
    if ratio >= 0:
        return "off_track"
    return "regressing"


def is_achieved(goal: Goal, current: Decimal) -> bool:
    """Target reached, counting the goal's tolerance band (approximate / coverage goals)."""
    assert goal.target is not None
    if goal.direction == "down":
        return current <= goal.target + goal.tolerance
    return current >= goal.target - goal.tolerance


def analyze(
    goal: Goal, figures: GoalFigures | None, as_of: date, method: str | None = None
) -> GoalResult:
    """Where one goal stands on ``as_of``. ``method`` overrides the goal's own choice."""
    if goal.kind == "milestone":
        return _milestone(goal, figures, as_of)
    numeric = figures is not None and figures.first_date is not None
    if not numeric or figures is None:
        return GoalResult(goal, as_of, "no_data", method or goal.method or "linear")
    stock = goal.baseline_stock or Decimal(0)
    reading, current, marks = _readings(goal, figures)
    common = {"reading": reading, "current": current, **marks}
    if goal.kind == "indicator":
        return GoalResult(goal, as_of, "tracked", "none", **common)  # type: ignore[arg-type]
    assert goal.target is not None and goal.deadline is not None

    baseline, t0, from_first = goal.baseline, goal.baseline_date, False
    if baseline is None:  # a level goal with no published baseline: first reading stands in
        baseline = (figures.first_total if figures.first_total is not None else reading) - stock
        t0, from_first = figures.first_date or as_of, True
    b, g, c = float(baseline), float(goal.target), float(current)
    total_days = (goal.deadline - t0).days
    elapsed_days = min(max((as_of - t0).days, 0), total_days)
    f = elapsed_days / total_days if total_days > 0 else 1.0
    years_left = max(_years((goal.deadline - as_of).days), 0.0)
    years_elapsed = _years(elapsed_days)
    span = g - b
    sign = -1.0 if goal.direction == "down" else 1.0
    cagr_asked = (method or goal.method) == "cagr"
    pace = _cagr(b, g, c, float(stock), t0, total_days, elapsed_days) if cagr_asked else None
    if pace is None:
        pace = _linear(b, g, c, t0, f, elapsed_days, sign)
        if cagr_asked:
            pace = pace._replace(note="cagr needs a positive baseline, target and reading and "
                                      "elapsed time; linear used")  # fmt: skip
    if from_first and figures.last_date == figures.first_date:
        # The only reading is the baseline itself: no pace can be measured yet.
        pace = _Pace(pace.method, "the first reading is the baseline; the pace needs a second "
                     "reading", None, None, None)  # fmt: skip

    if is_achieved(goal, current):
        status = "achieved"
    elif as_of >= goal.deadline:
        status = "missed"
    elif pace.ratio is None:  # no time (or no second reading) since the baseline: by position
        status = "on_track" if (c - b) * sign >= 0 else "regressing"
    else:
        status = pace_status(pace.ratio)
    return GoalResult(
        goal, as_of, status, pace.method, pace.note, baseline=baseline, baseline_date=t0,
        baseline_from_first_reading=from_first, elapsed_fraction=f, expected=b + span * f,
        gap=(g - c) * sign, percent=100 * (c - b) / span, pace_ratio=pace.ratio,
        projected=pace.projected, projected_date=pace.projected_date,
        required_per_year=(g - c) / years_left if years_left > 0 else None,
        actual_per_year=(c - b) / years_elapsed if years_elapsed > 0 else None,
        years_left=years_left, **common,  # type: ignore[arg-type]
    )  # fmt: skip


class _Pace(NamedTuple):
    method: str  # the method used
    note: str | None  # why not the method asked for, or why there is no pace
    ratio: float | None
    projected: float | None
    projected_date: date | None


def _cagr(
    b: float, g: float, c: float, stock: float, t0: date, total_days: int, elapsed_days: int
) -> _Pace | None:
    """The CAGR pace on the readings (stock included), or None where it cannot be had."""
    B, G, C = b + stock, g + stock, c + stock
    years_elapsed, years_total = _years(elapsed_days), _years(total_days)
    if not (B > 0 and G > 0 and C > 0 and years_elapsed > 0 and G != B):
        return None
    observed = (C / B) ** (1 / years_elapsed) - 1
    required = (G / B) ** (1 / years_total) - 1
    projected_date = None
    if observed != 0 and math.copysign(1, observed) == math.copysign(1, required):
        projected_date = _add_years(t0, math.log(G / B) / math.log(1 + observed))
    projected = B * (1 + observed) ** years_total - stock
    return _Pace("cagr", None, observed / required, projected, projected_date)


def _linear(
    b: float, g: float, c: float, t0: date, f: float, elapsed_days: int, sign: float
) -> _Pace:
    """The linear pace: the share of the target done against the share of time elapsed."""
    ratio = ((c - b) / (g - b)) / f if f > 0 else None
    projected = b + (c - b) / f if f > 0 else None
    rate = (c - b) / elapsed_days if elapsed_days > 0 else 0.0
    projected_date = _add_years(t0, (g - b) / rate / DAYS_PER_YEAR) if rate * sign > 0 else None
    return _Pace("linear", None, ratio, projected, projected_date)


def _readings(goal: Goal, figures: GoalFigures) -> tuple[Decimal, Decimal, dict[str, object]]:
    """(the latest reading, the current figure: the reading less any baseline stock, and
    how exact they are)."""
    stock = goal.baseline_stock or Decimal(0)
    origin = stock + (goal.baseline or Decimal(0))
    reading = (figures.total if figures.total is not None else origin) + figures.increments
    approx = figures.bound == "approx"
    return reading, reading - stock, {
        # reading minus a baseline stock that is itself "more than": no bound either way
        "lower_bound": figures.bound == "lower" and goal.baseline_stock_bound is None,
        # ≈: an approximate reading, or one less a stock that was "more than"
        "estimate": goal.baseline_stock_bound == "lower" or approx,
        "reading_lower_bound": figures.bound == "lower",
        "reading_approx": approx,
        "last_date": figures.last_date,
    }  # fmt: skip


def _add_years(start: date, years: float) -> date | None:
    try:
        return start + timedelta(days=round(years * DAYS_PER_YEAR))
    except (OverflowError, ValueError):
        return None  # beyond year 9999: "never", in practice


def _milestone(goal: Goal, figures: GoalFigures | None, as_of: date) -> GoalResult:
    state = figures.status if figures is not None else None
    last = figures.last_date if figures is not None else None
    assert goal.deadline is not None
    if state == "done":
        status = "achieved"
    elif state is None:  # same order as numeric goals: no_data before missed
        status = "no_data"
    elif as_of >= goal.deadline:
        status = "missed"
    else:
        status = state
    return GoalResult(goal, as_of, status, "milestone", milestone_status=state, last_date=last)


def analyze_plan(
    goals: Sequence[Goal],
    figures: Mapping[str, GoalFigures],
    as_of: date,
    method: str | None = None,
) -> list[GoalResult]:
    """Results in the order of ``goals``; goals without figures have no data."""
    return [analyze(g, figures.get(g.id), as_of, method) for g in goals]


def summarize(results: list[GoalResult]) -> dict[str, int]:
    """Status counts, best first, zero counts left out."""
    counts = Counter(r.status for r in results)
    return {s: counts[s] for s in STATUSES if counts[s]}


def sort_results(results: list[GoalResult], by: str) -> list[GoalResult]:
    """Order rows: plan (as written), status (worst first), progress, pace or id."""

    def num(x: float | None, missing: float = math.inf) -> float:
        return missing if x is None else x

    keys = {
        "plan": lambda r: 0,
        "status": lambda r: (-SEVERITY.get(r.status, 0), num(r.pace_ratio)),
        "progress": lambda r: num(r.percent),
        "pace": lambda r: num(r.pace_ratio),
        "id": lambda r: r.goal.id,
    }
    return sorted(results, key=keys[by])  # stable: ties keep the plan's order


def at_or_worse(results: list[GoalResult], status: str) -> list[GoalResult]:
    level = SEVERITY[status]
    return [r for r in results if SEVERITY.get(r.status, 0) >= level]


def running_values(
    goal: Goal, entries: list[Entry]
) -> list[tuple[Entry, Decimal | None, Decimal | None]]:
    """(entry, reading after it, change it made) in date order; voided entries change nothing.

    A total sets the reading; an increment adds to it; notes and statuses leave it.
    """
    origin = (goal.baseline_stock or Decimal(0)) + (goal.baseline or Decimal(0))
    reading: Decimal | None = origin if goal.baseline is not None else None
    out: list[tuple[Entry, Decimal | None, Decimal | None]] = []
    for e in sorted(entries, key=lambda e: (e.date, e.seq)):
        if e.voided or e.value is None:
            out.append((e, None, None))
            continue
        before = reading
        reading = e.value if e.kind == "total" else (reading or Decimal(0)) + e.value
        out.append((e, reading, None if before is None else reading - before))
    return out
