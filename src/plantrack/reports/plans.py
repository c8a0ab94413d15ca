"""The plans a user has, as a listing: one row per known plan (plain data, no I/O)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from plantrack.model.plan import Plan


@dataclass(frozen=True)
class PlanRow:
    id: str
    name: str
    period: str  # "2021-01-01..2025-12-31"
    goals: int
    entries: int  # in the ledger read
    origin: str  # bundled | registered | local
    path: str
    default: bool  # the plan a command reads without --plan
    partial: str | None  # what the plan file leaves out, when it encodes only part


@dataclass(frozen=True)
class PlansView:
    rows: tuple[PlanRow, ...]
    ledger: str
    others: tuple[tuple[str, int], ...]  # plans with entries in the ledger but not known here


def plans_view(known: Sequence[tuple[Plan, Path, str]], entries: Mapping[str, int],
               default: Path, ledger: str, lang: str) -> PlansView:  # fmt: skip
    """Each known plan with its entries in ``entries`` (by plan id); ``default`` is the file
    a command reads without --plan."""
    rows = tuple(
        PlanRow(plan.id, plan.name(lang), f"{plan.period_start}..{plan.period_end}",
                len(plan.goals), entries.get(plan.id, 0), origin, str(path),
                os.path.abspath(path) == os.path.abspath(default),  # (a symlink is its own file)
                plan.partial or None)
        for plan, path, origin in known
    )  # fmt: skip
    ids = {r.id for r in rows}
    others = tuple((pid, n) for pid, n in sorted(entries.items()) if pid not in ids)
    return PlansView(rows, ledger, others)


def plans_dict(view: PlansView) -> dict[str, object]:
    """The listing for a script (``plans --json``)."""
    return {
        "ledger": view.ledger,
        "plans": [{"id": r.id, "name": r.name, "period": r.period, "goals": r.goals,
                   "entries": r.entries, "origin": r.origin, "path": r.path,
                   "default": r.default, "partial": r.partial} for r in view.rows],
        "unknown_plans_in_ledger": [{"id": pid, "entries": n} for pid, n in view.others],
    }  # fmt: skip
