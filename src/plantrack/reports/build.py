"""Reports from a plan, a ledger and a query: the one place the three meet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Protocol

from plantrack.errors import NotFoundError, ValidationError
from plantrack.i18n import say
from plantrack.model.entries import Entry, GoalFigures
from plantrack.model.plan import Goal, Plan, suggest
from plantrack.reports.analysis import (
    Carried,
    GoalResult,
    analyze_plan,
    reading_of,
    sort_results,
    summarize,
)
from plantrack.reports.query import ReportQuery
from plantrack.reports.units import Breakdown, Keys, breakdown_of, driving, slices, unit_keys


class Readings(Protocol):
    """What a report reads from a ledger (every ledger backend has these)."""

    location: str

    def figures(
        self, plan: str, as_of: date, known_at: date | None, goals: Sequence[str]
    ) -> dict[str, GoalFigures]: ...

    def unit_figures(
        self, plan: str, as_of: date, known_at: date | None, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], GoalFigures]: ...

    def entries(
        self,
        plan: str,
        goal: str | None = None,
        *,
        include_voided: bool = True,
        as_of: date | None = None,
        known_at: date | None = None,
    ) -> list[Entry]: ...


@dataclass(frozen=True)
class Report:
    """One report's plan, query and results: what every output format is made from."""

    plan: Plan
    query: ReportQuery
    results: tuple[GoalResult, ...]
    ledger: str = ""  # the ledger it read, as reports name it
    # the broken-down goals' units against their shares, roll-ups and figures of the whole
    breakdowns: tuple[Breakdown, ...] = ()
    unit: str | None = None  # --unit: the unit whose slices the results are

    @property
    def as_of(self) -> date:
        return self.query.as_of

    @property
    def known_at(self) -> date | None:
        return self.query.known_at

    @property
    def method(self) -> str:
        """The method asked for: linear, cagr, or "per goal" (each goal's own)."""
        return self.query.method or "per goal"

    @property
    def summary(self) -> dict[str, int]:
        return summarize(list(self.results))

    def sections(self) -> dict[str, dict[str, int]]:
        """Status counts per section, in plan order."""
        by: dict[str, list[GoalResult]] = {}
        for r in self.results:
            by.setdefault(r.goal.section, []).append(r)
        return {s: summarize(rs) for s, rs in by.items()}


def selected_goals(plan: Plan, section: str | None) -> list[Goal]:
    """The plan's goals in ``section`` (all without one), in plan order."""
    if section is None:
        return list(plan.goals)
    if section not in plan.sections:
        raise NotFoundError(say("err.cli.no_section", section=repr(section),
                                hint=suggest(section, plan.sections)))  # fmt: skip
    return [g for g in plan.goals if g.section == section]


def make_report(
    plan: Plan,
    goals: Sequence[Goal],
    figures: Mapping[str, GoalFigures],
    query: ReportQuery,
    ledger: str = "",
    carried: Mapping[str, Carried] | None = None,
    units: Keys | None = None,
) -> Report:
    """Analyse ``goals`` on their figures (pure; ``ledger`` names where they came from;
    ``carried``: what goals take from other goals' figures, see ``carried_figures``;
    ``units``: the broken-down goals' units' figures, see ``reports.units``)."""
    split = [g for g in goals if g.breakdown]
    driven = driving(split, figures, units) if units else figures
    results = analyze_plan(goals, driven, query.as_of, query.method, carried)
    if query.statuses:
        results = [r for r in results if r.status in query.statuses]
    breakdowns = tuple(breakdown_of(g, figures.get(g.id), units or {}, query.as_of,
                                    query.method) for g in split)  # fmt: skip
    return Report(plan, query, tuple(sort_results(results, query.sort)), ledger, breakdowns)


def unit_figures(plan: Plan, ledger: Readings, goals: Sequence[Goal], as_of: date,
                 known_at: date | None) -> Keys:  # fmt: skip
    """The figures of every unit of the goals' breakdowns (no query when none has one)."""
    keys = unit_keys(goals)
    return ledger.unit_figures(plan.id, as_of, known_at, keys) if keys else {}


def unit_report(plan: Plan, ledger: Readings, query: ReportQuery) -> Report:
    """--unit U: the slices of U of the goals broken down over it, each judged on U's
    figures against U's share; --by unit: every unit's slices, and the breakdowns."""
    if not plan.units:
        raise ValidationError(say("err.unit.plan_has_none", plan=repr(plan.id)))
    unit = plan.unit_named(query.unit) if query.unit is not None else None
    goals = [g for g in selected_goals(plan, query.section)
             if g.breakdown and (unit is None or unit in g.shares)]  # fmt: skip
    units = unit_figures(plan, ledger, goals, query.as_of, query.known_at)
    results = slices(goals, unit, units, query.as_of, query.method)
    if query.statuses:
        results = [r for r in results if r.status in query.statuses]
    breakdowns: tuple[Breakdown, ...] = ()
    if unit is None:
        whole = ledger.figures(plan.id, query.as_of, query.known_at, [g.id for g in goals])
        breakdowns = tuple(breakdown_of(g, whole.get(g.id), units, query.as_of, query.method)
                           for g in goals)  # fmt: skip
    return Report(plan, query, tuple(sort_results(results, query.sort)), ledger.location,
                  breakdowns, unit)  # fmt: skip


def figure_ids(goals: Sequence[Goal]) -> list[str]:
    """The goals whose figures a report on ``goals`` reads: the goals, and the indicators
    their targets are taken from (which a --section may leave out)."""
    ids = [g.id for g in goals]
    refs = [g.target_ref for g in goals if g.target_ref]
    if refs:
        known = set(ids)
        ids += [r for r in dict.fromkeys(refs) if r not in known]
    return ids


def carried_baselines(
    ledger: Readings, goals: Sequence[Goal], known_at: date | None
) -> dict[str, Decimal]:
    """By goal id, the baseline_from reading (a total, with the increments after it) on or
    before the goal's baseline date: one figures query per other plan and date."""
    groups: dict[tuple[str, date], list[Goal]] = {}
    for g in goals:
        if g.baseline_from:
            groups.setdefault((g.baseline_from.partition("/")[0], g.baseline_date), []).append(g)
    out: dict[str, Decimal] = {}
    for (other_plan, day), takers in groups.items():
        wanted = [g.baseline_from.partition("/")[2] for g in takers if g.baseline_from]
        found = ledger.figures(other_plan, day, known_at, list(dict.fromkeys(wanted)))
        for g, other in zip(takers, wanted, strict=True):
            f = found.get(other)
            if f is not None and f.total is not None:  # a reading, not only amounts added
                out[g.id] = f.total + f.increments
    return out


def carried_figures(
    plan: Plan,
    goals: Sequence[Goal],
    ledger: Readings,
    query: ReportQuery,
    figures: Mapping[str, GoalFigures],
    baselines: Mapping[str, Decimal] | None = None,
) -> dict[str, Carried]:
    """What goals take from other goals' figures. A target_ref goal: its indicator's latest
    figure on or before min(as_of, deadline), from ``figures`` (one more figures query per
    deadline before the as-of date). A baseline_from goal: ``baselines``, or read now."""
    refs = [g for g in goals if g.target_ref]
    if not refs and not any(g.baseline_from for g in goals):
        return {}
    if baselines is None:
        baselines = carried_baselines(ledger, goals, query.known_at)
    earlier: dict[date, list[str]] = {}
    for g in refs:
        if g.deadline is not None and g.deadline < query.as_of and g.target_ref:
            earlier.setdefault(g.deadline, []).append(g.target_ref)
    at_deadline = {day: ledger.figures(plan.id, day, query.known_at, list(dict.fromkeys(ids)))
                   for day, ids in earlier.items()}  # fmt: skip
    out: dict[str, Carried] = {}
    for g in goals:
        if not (g.target_ref or g.baseline_from):
            continue
        target = target_date = None
        if g.target_ref:
            early = g.deadline is not None and g.deadline < query.as_of
            f = (at_deadline[g.deadline] if early and g.deadline else figures).get(g.target_ref)
            target = reading_of(f)
            target_date = f.last_date if f is not None and target is not None else None
        out[g.id] = Carried(target, target_date, baselines.get(g.id))
    return out


def build_report(plan: Plan, ledger: Readings, query: ReportQuery) -> Report:
    """The report on ``plan``'s goals (in the query's section) from one figures query (and
    one more per plan that baselines are carried from, or per deadline past at the as-of
    date of a target taken from another goal)."""
    if query.unit is not None or query.by_unit:
        return unit_report(plan, ledger, query)
    goals = selected_goals(plan, query.section)
    figures = ledger.figures(plan.id, query.as_of, query.known_at, figure_ids(goals))
    carried = carried_figures(plan, goals, ledger, query, figures)
    units = unit_figures(plan, ledger, goals, query.as_of, query.known_at)
    return make_report(plan, goals, figures, query, ledger.location, carried, units)


def build_goal_report(
    plan: Plan, ledger: Readings, query: ReportQuery, goal_id: str
) -> tuple[Report, list[Entry]]:
    """One goal's report and every entry the ledger knew of it at ``query.known_at``."""
    goal = plan.named(goal_id)
    figures = ledger.figures(plan.id, query.as_of, query.known_at, figure_ids([goal]))
    entries = ledger.entries(plan.id, goal.id, known_at=query.known_at)
    carried = carried_figures(plan, [goal], ledger, query, figures)
    units = unit_figures(plan, ledger, [goal], query.as_of, query.known_at)
    report = make_report(plan, [goal], figures, query, ledger.location, carried, units)
    return report, entries


def exported_entries(
    plan: Plan, ledger: Readings, query: ReportQuery, dated_by: date | None
) -> list[Entry]:
    """The entries ``export entries`` writes: dated by ``dated_by`` (all when None), known
    by ``query.known_at``, of the query's section and of goals at the query's statuses."""
    goals = selected_goals(plan, query.section)  # checks the section
    entries = ledger.entries(plan.id, known_at=query.known_at, as_of=dated_by)
    wanted: set[str] | None = None
    if query.statuses:  # the goals at these statuses as of query.as_of
        wanted = {r.goal.id for r in build_report(plan, ledger, query).results}
    elif query.section is not None:
        wanted = {g.id for g in goals}
    if wanted is None:
        return entries
    return [e for e in entries if e.goal in wanted]


@dataclass(frozen=True)
class ReviewData:
    """What the review document is made from: the report, every goal's entries, the same
    report at each year end, and (with ``since``) the report as it stood then."""

    report: Report
    entries: Mapping[str, Sequence[Entry]]  # by goal, as known at the query's known_at
    year_ends: tuple[Report, ...]  # as of 31 December of each plan year up to as_of
    since: date | None = None
    before: Report | None = None  # as of ``since``, with only what was known by then


def year_ends(plan: Plan, as_of: date) -> list[date]:
    """31 December of each plan year up to ``as_of``; then ``as_of`` itself when it falls
    inside the period and is not a year end (the figures so far this year), or the
    period's end when that is not a year end."""
    last = min(as_of, plan.period_end)
    days = [date(y, 12, 31) for y in range(plan.period_start.year, last.year + 1)]
    days = [d for d in days if d <= last]
    if not days or days[-1] != last:  # the year so far, or a period ending mid-year
        days.append(last)
    return days


def build_review(
    plan: Plan, ledger: Readings, query: ReportQuery, since: date | None
) -> ReviewData:
    """The review document's data: one figures query per year end, one entries read."""
    if since is not None and since > query.as_of:
        raise ValidationError(say("err.cli.since_after_as_of", since=since, as_of=query.as_of))
    report = build_report(plan, ledger, query)
    goals = selected_goals(plan, query.section)
    ids = figure_ids(goals)
    baselines = carried_baselines(ledger, goals, query.known_at)
    by_goal: dict[str, list[Entry]] = {g.id: [] for g in goals}
    for e in ledger.entries(plan.id, known_at=query.known_at):
        if e.goal in by_goal:
            by_goal[e.goal].append(e)
    years = []
    for day in year_ends(plan, query.as_of):
        at = replace(query, as_of=day, statuses=(), sort="plan")
        figures = ledger.figures(plan.id, day, query.known_at, ids)
        carried = carried_figures(plan, goals, ledger, at, figures, baselines)
        units = unit_figures(plan, ledger, goals, day, query.known_at)
        years.append(make_report(plan, goals, figures, at, ledger.location, carried, units))
    before = None
    if since is not None:
        # As the report stood on ``since``, knowing no more than this report may know.
        known = since if query.known_at is None else min(since, query.known_at)
        then = replace(query, as_of=since, known_at=known, statuses=(), sort="plan")
        figures = ledger.figures(plan.id, since, known, ids)
        before = make_report(plan, goals, figures, then, ledger.location,
                             carried_figures(plan, goals, ledger, then, figures),
                             unit_figures(plan, ledger, goals, since, known))  # fmt: skip
    return ReviewData(report, by_goal, tuple(years), since, before)
