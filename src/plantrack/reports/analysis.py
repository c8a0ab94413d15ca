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
Waypoints (t_i, v_i) make the plan line a road through (t0, b), each waypoint, (T, g); in
the segment t_i < t <= t_(i+1) the pace is judged against the next point:
    f = (t - t_i) / (t_(i+1) - t_i);  p = (c - v_i) / (v_(i+1) - v_i);  P = p / f
    expected = v_i + (v_(i+1) - v_i) * f;  required/yr = (v_(i+1) - c) / years to t_(i+1)
Growth goals (an average annual growth of at least g % a year from base B on t_b; years are
whole calendar years plus the days left / 365.25, see calendar_years):
    current = ((C / B) ** (1 / years(t_b, t_C)) - 1) * 100       achieved growth, % a year
    required = ((B * (1 + g) ** years(t_b, T) / C) ** (1 / years(t_C, T)) - 1) * 100
    R = current / g;  gap = g - current (percentage points);  projected = B * (1 + current)
    ** years(t_b, T), the series at the deadline at the achieved rate
Status, first match wins: achieved, no_data, missed (deadline reached, not
achieved), then by P (or R): on_track >= 0.95, behind >= 0.6, off_track >= 0,
regressing < 0. Down goals are mirrored by the same formulas. A growth goal is
achieved or missed once a reading at or after its deadline is in (its rate runs to
the deadline); until then it is judged by R, after the deadline too, with a note.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
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
CAGR_FALLBACK = "cagr needs a positive baseline, target and reading and elapsed time; linear used"


@dataclass(frozen=True, slots=True)
class Carried:
    """What a goal takes from other goals' figures, as the report read them (build.py)."""

    target: Decimal | None = None  # target_ref: the reference's latest figure (None: none yet)
    target_date: date | None = None  # ... and its date
    baseline: Decimal | None = None  # baseline_from: the other goal's reading (None: none)


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
    # a goal with waypoints: the next one still ahead (date, value), or None once all passed
    next_waypoint: tuple[date, Decimal] | None = None
    target_date: date | None = None  # a target_ref goal: the date of the figure it took
    # why a figure is missing or stands in, as a code the views word (NOTES)
    note: str | None = None


# The codes of GoalResult.note.
NOTES = (
    "no_reference",  # target_ref: no figure of the reference yet, so no target to judge by
    "baseline_not_carried",  # baseline_from: no reading there; the first reading is the base
    "growth_second_reading",  # growth: no reading after the base yet
    "growth_not_positive",  # growth: a base or reading of 0 or less
    "growth_out_of_range",  # growth: a rate too large to be a figure
    "growth_final_pending",  # growth: the deadline has passed, its reading is not in yet
)

def _years(days: int | float) -> float:
    return days / DAYS_PER_YEAR


def anniversary(start: date, years: int) -> date:
    """``start`` ``years`` later (29 February: 28 February in a common year); ValueError
    beyond the calendar."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a common year
        return start.replace(year=start.year + years, day=28)


def calendar_years(start: date, end: date) -> float:
    """Years from ``start`` to ``end``: whole calendar years (anniversaries), then the days
    left / 365.25, so 2024-12-31 -> 2026-12-31 is exactly 2 (and -2 the other way)."""
    if end < start:
        return -calendar_years(end, start)
    whole = end.year - start.year
    if anniversary(start, whole) > end:
        whole -= 1
    return whole + (end - anniversary(start, whole)).days / DAYS_PER_YEAR


def add_calendar_years(start: date, years: float) -> date | None:
    """The date ``years`` (calendar_years) after ``start``; None beyond the calendar."""
    try:
        whole = math.floor(years)
        return anniversary(start, whole) + timedelta(days=round((years - whole) * DAYS_PER_YEAR))
    except (OverflowError, ValueError):
        return None


def reading_of(figures: GoalFigures | None) -> Decimal | None:
    """A goal's reading from its figures: the latest total plus the increments after it."""
    if figures is None or figures.first_date is None:
        return None
    return (figures.total or Decimal(0)) + figures.increments


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
    goal: Goal, figures: GoalFigures | None, as_of: date, method: str | None = None,
    carried: Carried | None = None,
) -> GoalResult:  # fmt: skip
    """Where one goal stands on ``as_of``. ``method`` overrides the goal's own choice (a
    growth goal has its own measure); ``carried``: what it takes from other goals."""
    if goal.kind == "milestone":
        return _milestone(goal, figures, as_of)
    target_date = None
    if carried is not None:
        goal = replace(goal, target=carried.target if goal.target_ref else goal.target,
                       baseline=carried.baseline if goal.baseline_from else goal.baseline)
        target_date = carried.target_date if goal.target_ref else None
    note = "no_reference" if goal.target_ref and goal.target is None else None
    numeric = figures is not None and figures.first_date is not None
    if not numeric or figures is None:
        method = "growth" if goal.kind == "growth" else method or goal.method or "linear"
        return GoalResult(goal, as_of, "no_data", method, note=note)
    stock = goal.baseline_stock or Decimal(0)
    reading, current, marks = _readings(goal, figures)
    common = {"reading": reading, "current": current, **marks}
    if target_date is not None:
        common["target_date"] = target_date
    if goal.kind == "indicator":
        return GoalResult(goal, as_of, "tracked", "none", **common)  # type: ignore[arg-type]
    if goal.target is None:  # a target_ref whose reference has no figure yet
        return GoalResult(goal, as_of, "no_data", method or goal.method or "linear", note=note,
                          **common)  # type: ignore[arg-type]  # fmt: skip
    if goal.kind == "growth":
        return _growth(goal, figures, as_of, common)
    assert goal.deadline is not None

    baseline, t0, from_first = goal.baseline, goal.baseline_date, False
    if baseline is None:  # a level goal with no published baseline: first reading stands in
        baseline = (figures.first_total if figures.first_total is not None else reading) - stock
        t0, from_first = figures.first_date or as_of, True
        if goal.baseline_from:
            note = "baseline_not_carried"
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
    road = _road(goal, b, c, t0, as_of) if goal.waypoints else None
    linear = pace is None  # the road is the linear method's: cagr spans the whole time
    if pace is None:
        pace = _linear(b, g, c, t0, f, elapsed_days, sign)
        if cagr_asked:
            pace = pace._replace(note=CAGR_FALLBACK)
        if road is not None:  # the pace against the next waypoint
            pace = pace._replace(ratio=road.ratio)
    if span * sign <= 0:  # a target taken from elsewhere, at or behind the baseline: no pace
        pace = pace._replace(ratio=None, projected_date=None)
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
    required = (g - c) / years_left if years_left > 0 else None
    expected = b + span * f
    if road is not None and linear:
        expected, required = road.expected, road.required
    return GoalResult(
        goal, as_of, status, pace.method, pace.note, baseline=baseline, baseline_date=t0,
        baseline_from_first_reading=from_first, elapsed_fraction=f, expected=expected,
        gap=(g - c) * sign, percent=100 * (c - b) / span if span else None,
        pace_ratio=pace.ratio, projected=pace.projected, projected_date=pace.projected_date,
        required_per_year=required,
        actual_per_year=(c - b) / years_elapsed if years_elapsed > 0 else None,
        years_left=years_left, next_waypoint=road.next if road else None, note=note,
        **common,  # type: ignore[arg-type]
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
    ratio = ((c - b) / (g - b)) / f if f > 0 and g != b else None
    projected = b + (c - b) / f if f > 0 else None
    rate = (c - b) / elapsed_days if elapsed_days > 0 and g != b else 0.0
    projected_date = _add_years(t0, (g - b) / rate / DAYS_PER_YEAR) if rate * sign > 0 else None
    return _Pace("linear", None, ratio, projected, projected_date)


class _Road(NamedTuple):
    ratio: float | None  # P against the next point of the road
    expected: float  # the road's value on the as-of date
    required: float | None  # per year, to reach the next point of the road
    next: tuple[date, Decimal] | None  # the next waypoint still ahead


def plan_road(goal: Goal, b: float, t0: date) -> list[tuple[date, float]]:
    """The plan line's corners, in the goal's terms: (t0, b), each waypoint after t0 that the
    baseline b has not reached yet, (T, g). (A baseline taken from a first reading or
    another plan may already be past a waypoint, which then counts as passed.)"""
    assert goal.deadline is not None and goal.target is not None
    sign = -1.0 if goal.direction == "down" else 1.0
    ahead = [(d, float(v)) for d, v in goal.waypoints if d > t0 and (float(v) - b) * sign > 0]
    return [(t0, b), *ahead, (goal.deadline, float(goal.target))]


def _road(goal: Goal, b: float, c: float, t0: date, as_of: date) -> _Road:
    """The pace against the road (plan_road): in the segment t_i < as_of <= t_(i+1),
    P = p / f with p and f measured from t_i to t_(i+1)."""
    road = plan_road(goal, b, t0)
    i = 0
    while i < len(road) - 2 and as_of > road[i + 1][0]:
        i += 1
    (ti, vi), (tj, vj) = road[i], road[i + 1]
    days = (tj - ti).days
    f = min(max((as_of - ti).days / days, 0.0), 1.0) if days > 0 else 1.0
    ratio = ((c - vi) / (vj - vi)) / f if f > 0 and vj != vi else None
    years_to = _years((tj - as_of).days)
    values = dict(goal.waypoints)  # (as written: the road holds floats)
    upcoming = [(d, values[d]) for d, _ in road[1:-1] if d >= as_of]
    return _Road(ratio, vi + (vj - vi) * f, (vj - c) / years_to if years_to > 0 else None,
                 upcoming[0] if upcoming else None)  # fmt: skip


def _growth(goal: Goal, figures: GoalFigures, as_of: date, common: dict[str, object]) -> GoalResult:
    """A growth goal: the achieved average annual growth since the base against the target
    rate (the formulas at the top of this module)."""
    assert goal.target is not None and goal.deadline is not None
    reading = common["reading"]
    assert isinstance(reading, Decimal)
    base, t0, from_first = goal.baseline, goal.baseline_date, False
    note = None
    if base is None:  # the first reading is the base
        base = figures.first_total if figures.first_total is not None else reading
        t0, from_first = figures.first_date or as_of, True
        note = "baseline_not_carried" if goal.baseline_from else None
    latest, deadline, g = figures.last_date or as_of, goal.deadline, float(goal.target) / 100
    y_total, y_done = calendar_years(t0, deadline), calendar_years(t0, latest)
    y_now = min(max(calendar_years(t0, as_of), 0.0), max(y_total, 0.0))
    B, C = float(base), float(reading)
    known = {
        "baseline": base, "baseline_date": t0, "baseline_from_first_reading": from_first,
        "years_left": max(calendar_years(as_of, deadline), 0.0),
        "elapsed_fraction": y_now / y_total if y_total > 0 else 1.0,
        "expected": _grown(B, g, y_now), **common, "current": None,
    }  # fmt: skip
    why, rate, projected = None, 0.0, 0.0  # why: no rate can be had
    if B <= 0 or C <= 0:
        why = "growth_not_positive"
    elif y_done <= 0:
        why = "growth_second_reading"
    else:
        try:
            rate = (C / B) ** (1 / y_done) - 1
        except OverflowError:
            rate = math.inf
        projected = _grown(B, rate, y_total) if rate < 1e10 else None
        if projected is None:
            why = "growth_out_of_range"
    if why is not None:
        return GoalResult(goal, as_of, "no_data", "growth", note=why,
                          **known)  # type: ignore[arg-type]  # fmt: skip
    # The rate as reported (4 places) is the one judged: 1.21 ** 0.5 - 1 is 0.1 in floats only
    # to within 1e-16, and a gap of -1e-14 points would read as "beyond the target".
    exact = Decimal(repr(round(100 * rate, 4)))
    current = float(exact)
    ratio = current / float(goal.target)
    y_left = calendar_years(latest, deadline)
    at_target = _grown(B, g, y_total)  # the series' value the target asks for at the deadline
    required = None
    if y_left > 0 and at_target is not None:
        try:  # a reading far below the path (a unit slip) asks for a rate past any float
            required = _finite(100 * ((at_target / C) ** (1 / y_left) - 1))
        except OverflowError:
            required = None
    projected_date = None
    if rate > 0 and at_target is not None and at_target > B:
        projected_date = add_calendar_years(t0, math.log(at_target / B) / math.log(1 + rate))
    if latest >= deadline:  # the rate runs to the deadline: judged
        status = "achieved" if is_achieved(goal, exact) else "missed"
    else:
        if as_of >= deadline:
            note = "growth_final_pending"
        status = pace_status(ratio)
    known.update(current=exact, note=note)
    return GoalResult(
        goal, as_of, status, "growth", gap=float(goal.target) - current, percent=100 * ratio,
        pace_ratio=ratio, projected=projected, projected_date=projected_date,
        required_per_year=required, actual_per_year=current, **known,  # type: ignore[arg-type]
    )  # fmt: skip


def _grown(value: float, rate: float, years: float) -> float | None:
    """``value`` grown at ``rate`` a year for ``years``; None beyond what a float holds."""
    try:
        return _finite(value * (1 + rate) ** years)
    except OverflowError:
        return None


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


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
    carried: Mapping[str, Carried] | None = None,
) -> list[GoalResult]:
    """Results in the order of ``goals``; goals without figures have no data. ``carried``:
    by goal id, what a goal takes from other goals' figures (target_ref, baseline_from)."""
    if not carried:
        return [analyze(g, figures.get(g.id), as_of, method) for g in goals]
    return [analyze(g, figures.get(g.id), as_of, method, carried.get(g.id)) for g in goals]


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
