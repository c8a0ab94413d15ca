"""The ledger itself: history, undo, void, doctor."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from plantrack.cli.app import command, count, out
from plantrack.cli.options import (
    ByOpt,
    DbOpt,
    JsonOpt,
    LangOpt,
    PlanOpt,
    lang_of,
    ledger_at,
    now,
    plan_at,
    user,
)
from plantrack.errors import CheckFailed, ValidationError


@command()
def history(
    goal: Annotated[str | None, typer.Argument(metavar="GOAL", help="Only this goal.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Include voided entries.")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """List ledger entries: ids, dates, values, changes, who and when, notes, sources."""
    loaded, path, bundled = plan_at(plan)
    goal_id = loaded.goal(goal).id if goal else None
    with ledger_at(db, path, bundled, write=False) as ledger:
        entries = ledger.entries(loaded.id, goal_id, include_voided=show_all)
    if json:
        from plantrack.output.tabular import entries_json

        out(entries_json(entries, loaded))
        return
    from plantrack.output.terminal import console, render_history
    from plantrack.reports.goalviews import history as history_view

    console().print(render_history(history_view(loaded, entries, lang_of(lang))))


@command()
def undo(by: ByOpt = None, plan: PlanOpt = None, db: DbOpt = None) -> None:
    """Void the last entry recorded in this database (it stays in history as voided)."""
    loaded, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=True, must_exist=True) as ledger:
        entry = ledger.undo(loaded.id, user(by), now())
    out(f"voided entry {entry.id}: {entry.goal} on {entry.date} (reason: undo)")


@command()
def void(
    entry_id: Annotated[
        str, typer.Argument(metavar="ENTRY_ID", help="Entry id, or its first characters.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why it is voided (kept in history).")],
    by: ByOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Void an entry: reports ignore it, history keeps it with the reason."""
    if not reason.strip():
        raise ValidationError("--reason must not be empty")
    loaded, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=True, must_exist=True) as ledger:
        entry = ledger.void(loaded.id, entry_id, reason.strip(), user(by), now())
    out(f"voided entry {entry.id}: {entry.goal} on {entry.date} (reason: {reason.strip()})")


@command()
def doctor(plan: PlanOpt = None, db: DbOpt = None) -> None:
    """Check the database (integrity, foreign keys) and every entry against the plan."""
    loaded, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=False, must_exist=True) as ledger:
        problems = ledger.integrity_problems()
        unknown = [g for g in ledger.goal_ids(loaded.id) if not loaded.has_goal(g)]
        problems += [f"entries for goal {g!r}, which the plan no longer has" for g in unknown]
        for e in ledger.entries(loaded.id, include_voided=False):
            if not loaded.has_goal(e.goal):
                continue
            g = loaded.goal(e.goal)
            if g.is_milestone and e.kind not in ("status", "note"):
                problems.append(f"entry {e.id}: milestone {g.id!r} has a numeric value")
            elif not g.is_milestone and e.kind == "status":
                problems.append(f"entry {e.id}: goal {g.id!r} has a milestone status")
        total, voided = ledger.counts(loaded.id)
        where = ledger.location
    for p in problems:
        sys.stderr.write(f"{p}\n")
    if problems:
        raise CheckFailed(f"{count(len(problems), 'problem')} found in {where}")
    out(f"{where}: ok: {total} entries ({voided} voided), integrity and foreign keys clean, "
        "every entry matches the plan")  # fmt: skip
