"""Reports from a plan, a ledger and a query: the one place the three meet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from plantrack.errors import NotFoundError
from plantrack.model.entries import Entry, GoalFigures
from plantrack.model.plan import Goal, Plan, suggest
from plantrack.reports.analysis import GoalResult, analyze_plan, sort_results, summarize
from plantrack.reports.query import ReportQuery


class Readings(Protocol):
    """What a report reads from a ledger (every ledger backend has these)."""

    location: str

    def figures(
        self, plan: str, as_of: date, known_at: date | None, goals: Sequence[str]
    ) -> dict[str, GoalFigures]: ...

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


def selected_goals(plan: Plan, query: ReportQuery) -> list[Goal]:
    """The plan's goals in the query's section (all without one), in plan order."""
    if query.section is None:
        return list(plan.goals)
    if query.section not in plan.sections:
        raise NotFoundError(f"no section {query.section!r}{suggest(query.section, plan.sections)}")
    return [g for g in plan.goals if g.section == query.section]


def make_report(
    plan: Plan,
    goals: Sequence[Goal],
    figures: Mapping[str, GoalFigures],
    query: ReportQuery,
    ledger: str = "",
) -> Report:
    """Analyse ``goals`` on their figures (pure; ``ledger`` names where they came from)."""
    results = analyze_plan(goals, figures, query.as_of, query.method)
    if query.statuses:
        results = [r for r in results if r.status in query.statuses]
    return Report(plan, query, tuple(sort_results(results, query.sort)), ledger)


def build_report(plan: Plan, ledger: Readings, query: ReportQuery) -> Report:
    """The report on ``plan``'s goals (in the query's section) from one figures query."""
    goals = selected_goals(plan, query)
    figures = ledger.figures(plan.id, query.as_of, query.known_at, [g.id for g in goals])
    return make_report(plan, goals, figures, query, ledger.location)


def build_goal_report(
    plan: Plan, ledger: Readings, query: ReportQuery, goal_id: str
) -> tuple[Report, list[Entry]]:
    """One goal's report and every entry the ledger knew of it at ``query.known_at``."""
    goal = plan.goal(goal_id)
    figures = ledger.figures(plan.id, query.as_of, query.known_at, [goal.id])
    entries = ledger.entries(plan.id, goal.id, known_at=query.known_at)
    return make_report(plan, [goal], figures, query, ledger.location), entries


def exported_entries(
    plan: Plan, ledger: Readings, query: ReportQuery, dated_by: date | None
) -> list[Entry]:
    """The entries ``export entries`` writes: dated by ``dated_by`` (all when None), known
    by ``query.known_at``, of the query's section and of goals at the query's statuses."""
    goals = selected_goals(plan, query)  # checks the section
    entries = ledger.entries(plan.id, known_at=query.known_at, as_of=dated_by)
    wanted: set[str] | None = None
    if query.statuses:  # the goals at these statuses as of query.as_of
        wanted = {r.goal.id for r in build_report(plan, ledger, query).results}
    elif query.section is not None:
        wanted = {g.id for g in goals}
    if wanted is None:
        return entries
    return [e for e in entries if e.goal in wanted]
