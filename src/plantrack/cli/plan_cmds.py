"""The plan: validate, goals, schema; the plans known here: plans, plans add, plans remove."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.app import _summary_zh, app, command, count, guard, out
from plantrack.cli.options import (
    DbOpt,
    JsonOpt,
    Lang,
    LangOpt,
    PlanOpt,
    lang_of,
    plan_at,
    today,
)
from plantrack.errors import NotFoundError, ValidationError
from plantrack.i18n import say, t


@command()
def validate(
    path: Annotated[
        str | None, typer.Argument(metavar="PATH", help="Plan file. Default: as --plan.")
    ] = None,
    plan: PlanOpt = None,
) -> None:
    """Check a plan file; print a one-line summary, or every problem with file:line:column."""
    from plantrack.planfile import load_plan
    from plantrack.planfile.known import path_of

    where = Path(path) if path else path_of(plan, today())
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


plans_app = typer.Typer(
    name="plans",
    help=_summary_zh("plans")
    or "The plans known here: bundled, registered with plans add, and ./targets.yaml; "
    "with their entries in the ledger.",
    invoke_without_command=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(plans_app)


@plans_app.callback()
def plans(ctx: typer.Context, json: JsonOpt = False, lang: LangOpt = None,
          db: DbOpt = None) -> None:  # fmt: skip
    """The plans known here: bundled, registered with plans add, and ./targets.yaml; with
    their entries in the ledger."""
    if ctx.invoked_subcommand is None:
        guard(_list_plans)(json=json, lang=lang, db=db)


def _list_plans(*, json: bool, lang: Lang | None, db: str | None) -> None:
    from plantrack.ledger import open_ledger
    from plantrack.paths import resolve_db
    from plantrack.planfile.known import known, path_of
    from plantrack.reports.plans import plans_dict, plans_view

    listed = [(k.plan, k.path, k.origin) for k in known()]
    location = resolve_db(db)
    try:
        with open_ledger(location, write=False) as ledger:
            entries, where = ledger.plans(), ledger.location
    except NotFoundError:  # no ledger yet: nothing recorded in any plan
        entries, where = {}, str(location)
    language = lang_of(lang)
    view = plans_view(listed, entries, path_of(None, today()), where, language)
    if json:
        import json as json_lib

        out(json_lib.dumps(plans_dict(view), ensure_ascii=False, indent=2))
        return
    from plantrack.output.plans import render_plans
    from plantrack.output.terminal import console, drawn

    out(drawn(console(), render_plans(view, language)))


@command("add", on=plans_app)
def plans_add(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The plan file to register.")],
) -> None:
    """Register a plan file, so that --plan takes its id from any folder."""
    from plantrack.output.files import write_atomic
    from plantrack.planfile.known import added, registry_bytes, registry_file

    plan, files = added(Path(file))
    target = registry_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, lambda f: f.write(registry_bytes(files)))
    out(t("msg.plan_added", lang_of(None), path=Path(file).resolve(), id=plan.id,
          n=len(plan.goals)))  # fmt: skip


@command("remove", on=plans_app)
def plans_remove(
    name: Annotated[str, typer.Argument(metavar="PLAN", help="A registered plan's id or file.")],
) -> None:
    """Unregister a plan file (the file and its entries in the ledger stay)."""
    from plantrack.output.files import write_atomic
    from plantrack.planfile.known import registry_bytes, registry_file, removed

    path, files = removed(name)
    write_atomic(registry_file(), lambda f: f.write(registry_bytes(files)))
    out(t("msg.plan_removed", lang_of(None), path=path))
