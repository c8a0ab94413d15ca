"""What doctor checks beyond storage: a ledger's entries against the plan as it is now."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from plantrack.model.entries import Entry
from plantrack.model.plan import Plan


def plan_problems(plan: Plan, goal_ids: Iterable[str], live: Sequence[Entry]) -> list[str]:
    """Goals the ledger has that the plan no longer has, and live entries the plan would
    refuse now (Goal.figure_problem: the plan file may have changed since)."""
    problems = [f"entries for goal {g!r}, which the plan no longer has"
                for g in goal_ids if not plan.has_goal(g)]  # fmt: skip
    for e in live:
        if plan.has_goal(e.goal):
            problem = plan.goal(e.goal).figure_problem(e.date, e.kind, e.value)
            if problem:
                problems.append(f"entry {e.id}: {problem}")
    return problems
