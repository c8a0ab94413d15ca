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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from plantrack.ledger import Entry, GoalFigures
from plantrack.plan import Goal, Plan

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


# Not frozen: a report builds one per goal, and a frozen dataclass's __init__
# costs twice as much (10,000 goals: 20 ms). Nothing changes a result once made.
@dataclass(slots=True)
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
    origin = stock + (goal.baseline or Decimal(0))
    reading = (figures.total if figures.total is not None else origin) + figures.increments
    current = reading - stock
    common = {
        "reading": reading,
        "current": current,
        # reading minus a baseline stock that is itself "more than": no bound either way
        "lower_bound": figures.bound == "lower" and goal.baseline_stock_bound is None,
        "estimate": goal.baseline_stock_bound == "lower",
        "reading_lower_bound": figures.bound == "lower",
        "last_date": figures.last_date,
    }
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

    requested = method or goal.method or "linear"
    used, note, ratio, projected, projected_date = "linear", None, None, None, None
    if requested == "cagr":
        s = float(stock)
        B, G, C = b + s, g + s, c + s
        if B > 0 and G > 0 and C > 0 and years_elapsed > 0 and G != B:
            observed = (C / B) ** (1 / years_elapsed) - 1
            required = (G / B) ** (1 / _years(total_days)) - 1
            used, ratio = "cagr", observed / required
            projected = B * (1 + observed) ** _years(total_days) - s
            if observed != 0 and math.copysign(1, observed) == math.copysign(1, required):
                years_needed = math.log(G / B) / math.log(1 + observed)
                projected_date = _add_years(t0, years_needed)
        else:
            note = (
                "cagr needs a positive baseline, target and reading and elapsed time; linear used"
            )
    if used == "linear":
        ratio = ((c - b) / span) / f if f > 0 else None
        projected = b + (c - b) / f if f > 0 else None
        rate = (c - b) / elapsed_days if elapsed_days > 0 else 0.0
        if rate * sign > 0:
            projected_date = _add_years(t0, span / rate / DAYS_PER_YEAR)
    if from_first and figures.last_date == figures.first_date:
        # The only reading is the baseline itself: no pace can be measured yet.
        ratio = projected = projected_date = None
        note = "the first reading is the baseline; the pace needs a second reading"

    if is_achieved(goal, current):
        status = "achieved"
    elif as_of >= goal.deadline:
        status = "missed"
    elif ratio is None:  # no time (or no second reading) since the baseline: judge by position
        status = "on_track" if (c - b) * sign >= 0 else "regressing"
    else:
        status = pace_status(ratio)
    return GoalResult(
        goal,
        as_of,
        status,
        used,
        note,
        baseline=baseline,
        baseline_date=t0,
        baseline_from_first_reading=from_first,
        elapsed_fraction=f,
        expected=b + span * f,
        gap=(g - c) * sign,
        percent=100 * (c - b) / span,
        pace_ratio=ratio,
        projected=projected,
        projected_date=projected_date,
        required_per_year=(g - c) / years_left if years_left > 0 else None,
        actual_per_year=(c - b) / years_elapsed if years_elapsed > 0 else None,
        years_left=years_left,
        **common,  # type: ignore[arg-type]
    )


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
    figures: Iterable[GoalFigures],
    as_of: date,
    method: str | None = None,
) -> list[GoalResult]:
    """Results in the order of ``goals``. ``figures`` may be a stream in any
    order (the ledger yields them while its query runs): each goal is analysed
    as its figures arrive; goals without figures have no data."""
    wanted = {g.id: g for g in goals}
    done: dict[str, GoalResult] = {}
    for f in figures:
        goal = wanted.get(f.goal)
        if goal is not None:
            done[f.goal] = analyze(goal, f, as_of, method)
    return [
        done[g.id] if g.id in done else analyze(g, None, as_of, method) for g in goals
    ]


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


@dataclass(frozen=True)
class Report:
    """One report's inputs and results: what render and export turn into output."""

    plan_id: str
    plan_name_zh: str
    plan_name_en: str
    as_of: date
    known_at: date | None
    method: str  # requested: linear | cagr | "per goal"
    results: list[GoalResult]
    period_end: date | None = None
    section_names: dict[str, dict[str, str]] = field(default_factory=dict)

    def section_name(self, section: str, lang: str) -> str:
        return self.section_names.get(section, {}).get(lang, section)

    @property
    def summary(self) -> dict[str, int]:
        return summarize(self.results)

    def sections(self) -> dict[str, dict[str, int]]:
        by: dict[str, list[GoalResult]] = {}
        for r in self.results:
            by.setdefault(r.goal.section, []).append(r)
        return {s: summarize(rs) for s, rs in by.items()}


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


def make_report(
    plan: Plan,
    goals: Sequence[Goal],
    figures: Iterable[GoalFigures],
    as_of: date,
    *,
    known_at: date | None = None,
    method: str | None = None,
    statuses: Sequence[str] = (),
    sort: str = "plan",
) -> Report:
    """Analyse ``goals`` of ``plan`` and bundle the results as one report."""
    results = analyze_plan(goals, figures, as_of, method)
    if statuses:
        results = [r for r in results if r.status in statuses]
    return Report(
        plan.id, plan.name_zh, plan.name_en, as_of, known_at, method or "per goal",
        sort_results(results, sort), plan.period_end, plan.section_names,
    )  # fmt: skip
