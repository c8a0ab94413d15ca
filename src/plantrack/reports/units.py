"""Target breakdowns (指标分解): each unit's slice of a goal, and the roll-up of the units'
figures into the goal's. Pure: goal + figures + as_of -> results.

Which figure drives a broken-down goal's status: the roll-up, once any unit of the
breakdown has a figure (the goal's figure *is* the sum of its units' figures, so that a
unit that reports moves the goal). A published figure of the whole (an entry without a
unit, 全省数) is kept beside it, with the difference; it drives the status only while no
unit has reported. It is never added to the units' figures, so nothing is counted twice.
A level goal's units roll up only with weights, as the weighted mean of their levels
once every unit has a figure; without weights its own figure drives its status.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from plantrack.model.entries import GoalFigures
from plantrack.model.numbers import weighted_mean
from plantrack.model.plan import Goal
from plantrack.reports.analysis import GoalResult, analyze, reading_of

Keys = Mapping[tuple[str, str], GoalFigures]  # (goal id, unit id) -> that unit's figures


@dataclass(frozen=True)
class UnitResult:
    unit: str
    share: Decimal
    result: GoalResult  # the unit's slice: its share is the target


@dataclass(frozen=True)
class Breakdown:
    """A broken-down goal as of a date: each unit against its share, the roll-up, and the
    figure of the whole beside it."""

    goal: Goal
    units: tuple[UnitResult, ...]
    rollup: Decimal | None  # the units' figures rolled up (None: nothing to roll up yet)
    rollup_date: date | None  # the latest figure in it
    reported: int  # units with a figure
    whole: Decimal | None  # the latest figure of the whole (an entry without a unit)
    whole_date: date | None
    drives: str  # "units", "whole", or "none": which figure the goal's status is judged on

    @property
    def difference(self) -> Decimal | None:
        """Roll-up minus the figure of the whole, where there are both."""
        if self.rollup is None or self.whole is None:
            return None
        return self.rollup - self.whole

    @property
    def mismatch(self) -> bool:
        return self.difference not in (None, Decimal(0))


def unit_keys(goals: Sequence[Goal]) -> list[tuple[str, str]]:
    """Every (goal, unit) pair of the goals' breakdowns, in plan order."""
    return [(g.id, u) for g in goals for u, _ in g.breakdown]


def rollup(goal: Goal, figures: Keys) -> GoalFigures | None:
    """The goal's figures made from its units': a sum goal's readings added up (a unit
    without a figure adds nothing), a weighted level goal's their weighted mean once every
    unit has one; None: nothing to roll up (no unit has a figure, or a level goal)."""
    if not goal.rolls_up:
        return None
    found = [(u, f) for u, _ in goal.breakdown
             if (f := figures.get((goal.id, u))) is not None and f.first_date is not None]
    if not found or (goal.kind == "level" and len(found) < len(goal.breakdown)):
        return None
    readings = [(u, reading_of(f) or Decimal(0)) for u, f in found]
    if goal.kind == "level":
        # kept to the ledger's 4 decimal places, as every recorded figure is
        value = round(weighted_mean(readings, goal.weights), 4).normalize()
        firsts = [(u, f.first_total) for u, f in found if f.first_total is not None]
        first = (round(weighted_mean(firsts, goal.weights), 4).normalize()
                 if len(firsts) == len(found) else None)  # fmt: skip
    else:
        value = sum((v for _, v in readings), Decimal(0))
        first = None
    bounds = {f.bound for _, f in found}
    bound = "lower" if "lower" in bounds else "approx" if "approx" in bounds else None
    first_date = min(f.first_date for _, f in found if f.first_date is not None)
    last_date = max(f.last_date for _, f in found if f.last_date is not None)
    return GoalFigures(goal=goal.id, total=value, total_date=last_date, increments=Decimal(0),
                       bound=bound, first_total=first, first_date=first_date,
                       last_date=last_date)  # fmt: skip


def breakdown_of(goal: Goal, whole: GoalFigures | None, figures: Keys, as_of: date,
                 method: str | None = None) -> Breakdown:  # fmt: skip
    """The goal's breakdown as of ``as_of``: each unit's slice analysed on its own figures."""
    units = tuple(UnitResult(u, share, analyze(goal.slice(u), figures.get((goal.id, u)), as_of,
                                               method))
                  for u, share in goal.breakdown)  # fmt: skip
    rolled = rollup(goal, figures)
    reported = sum(1 for u in units if u.result.current is not None)
    whole_reading = reading_of(whole)
    drives = "units" if rolled is not None else "whole" if whole_reading is not None else "none"
    return Breakdown(
        goal=goal, units=units, rollup=reading_of(rolled),
        rollup_date=rolled.last_date if rolled else None, reported=reported,
        whole=whole_reading, whole_date=whole.last_date if whole_reading is not None and whole
        else None, drives=drives,
    )  # fmt: skip


def driving(goals: Sequence[Goal], whole: Mapping[str, GoalFigures],
            figures: Keys) -> dict[str, GoalFigures]:  # fmt: skip
    """The figures each goal's status is judged on: its units' roll-up where there is one,
    else its own (see the module's docstring)."""
    out = dict(whole)
    for g in goals:
        if g.breakdown:
            rolled = rollup(g, figures)
            if rolled is not None:
                out[g.id] = rolled
    return out


def slices(goals: Sequence[Goal], unit: str | None, figures: Keys, as_of: date,
           method: str | None = None) -> list[GoalResult]:  # fmt: skip
    """The slices of ``unit`` (every unit's, when None) of the goals broken down over it,
    analysed on that unit's figures, goal by goal in plan order."""
    return [analyze(g.slice(u), figures.get((g.id, u)), as_of, method)
            for g in goals for u, _ in g.breakdown if unit is None or u == unit]


def mismatches(breakdowns: Sequence[Breakdown]) -> list[Breakdown]:
    """The broken-down goals whose units have all reported and whose roll-up is not the
    figure of the whole: ``check`` fails on them (a roll-up some units are still missing
    from differs from the whole as a matter of course)."""
    return [b for b in breakdowns if b.mismatch and b.reported == len(b.units)]
