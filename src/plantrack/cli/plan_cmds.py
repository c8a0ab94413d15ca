"""The plan: validate, goals, schema."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli.app import command, count, out
from plantrack.cli.options import JsonOpt, LangOpt, PlanOpt, lang_of, plan_at
from plantrack.errors import NotFoundError, ValidationError
from plantrack.i18n import say


@command()
def validate(
    path: Annotated[
        str | None, typer.Argument(metavar="PATH", help="Plan file. Default: as --plan.")
    ] = None,
    plan: PlanOpt = None,
) -> None:
    """Check a plan file; print a one-line summary, or every problem with file:line:column."""
    from plantrack.paths import resolve_plan
    from plantrack.planfile import load_plan

    where, _ = resolve_plan(path or plan)
    try:
        loaded = load_plan(where)  # always a fresh validation, never the plan cache
    except ValidationError as exc:
        n = len(exc.problems)
        summary = say("err.cli.validate_problems", where=where, count=count(n, "problem"), n=n)
        raise ValidationError(exc.said_all, summary) from None
    kinds: dict[str, int] = {}
    for g in loaded.goals:
        kinds[g.kind] = kinds.get(g.kind, 0) + 1
    detail = ", ".join(f"{n} {k}" for k, n in kinds.items())
    out(
        f"{where}: valid: plan {loaded.id!r}, {count(len(loaded.goals), 'goal')} ({detail}), "
        f"{count(len(loaded.sections), 'section')}, "
        f"period {loaded.period_start} to {loaded.period_end}"
    )


@command()
def goals(
    section: Annotated[
        str | None, typer.Option("--section", help="Only goals in this section.")
    ] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
    plan: PlanOpt = None,
) -> None:
    """List the plan's goals."""
    from plantrack.model.plan import suggest

    loaded, _, _ = plan_at(plan)
    selected = [g for g in loaded.goals if section is None or g.section == section]
    if section is not None and not selected:
        raise NotFoundError(say("err.cli.no_section", section=repr(section),
                                hint=suggest(section, loaded.sections)))  # fmt: skip
    if json:
        from plantrack.output.tabular import goals_json

        out(goals_json(selected))
        return
    from plantrack.output.terminal import console, drawn, render_goal_list
    from plantrack.reports.views import goal_list

    language = lang_of(lang)
    out(drawn(console(), render_goal_list(goal_list(loaded, selected, language), language)))


@command()
def schema() -> None:
    """Print the JSON Schema of the plan file format (targets.yaml)."""
    from plantrack.paths import schema_path

    out(schema_path().read_text(encoding="utf-8"))
