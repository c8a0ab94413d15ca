"""Shell completion of what commands take: goals (with their titles), sections, statuses,
recent entry ids and plan files. Typer runs these for bash, zsh and fish (install with
``plantrack --install-completion``); each returns (value, description) pairs.

A completion never fails: whatever goes wrong (no plan, no ledger, a broken file),
it offers nothing rather than print an error into the user's command line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

Pairs = list[tuple[str, str]]
RECENT = 30  # entry ids offered: the latest recorded


def _quiet(fn: Callable[..., Pairs]) -> Callable[..., Pairs]:
    def complete(ctx: typer.Context, incomplete: str) -> Pairs:
        try:
            return fn(ctx, incomplete)
        except Exception:  # a completion offers nothing rather than fail
            return []

    complete.__name__ = fn.__name__
    return complete


def _lang() -> str:
    from plantrack.cli.options import lang_of

    return lang_of(None)


def _plan(ctx: typer.Context) -> Any:
    from plantrack.cli.options import plan_at

    return plan_at(ctx.params.get("plan") or os.environ.get("PLANTRACK_PLAN"))


@_quiet
def goals(ctx: typer.Context, incomplete: str) -> Pairs:
    """Goal ids that start with what is typed (described by their titles); else the titles
    that start with it (省 -> 省管国有工业企业...), which name their goal as well as its id.

    A shell offers only what starts with the word typed, so a piece from the middle of a
    title is not completed (it still names the goal when typed whole)."""
    plan, _, _ = _plan(ctx)
    lang = _lang()
    by_id = [(g.id, g.title(lang)) for g in plan.goals if g.id.startswith(incomplete)]
    if by_id or not incomplete:
        return by_id
    return [(title, g.id) for g in plan.goals for title in (g.title_zh, g.title_en)
            if title.startswith(incomplete) and not any(c.isspace() for c in title)]


@_quiet
def sections(ctx: typer.Context, incomplete: str) -> Pairs:
    plan, _, _ = _plan(ctx)
    lang = _lang()
    return [(s, plan.section_name(s, lang)) for s in plan.sections if s.startswith(incomplete)]


@_quiet
def statuses(ctx: typer.Context, incomplete: str) -> Pairs:
    from plantrack.i18n import label
    from plantrack.reports.analysis import STATUSES

    lang = _lang()
    return [(s, label("status", s, lang)) for s in STATUSES if s.startswith(incomplete)]


@_quiet
def entries(ctx: typer.Context, incomplete: str) -> Pairs:
    """The latest entries' ids, each described by its date, goal and value."""
    from plantrack.cli.options import ledger_at
    from plantrack.reports.goalviews import entry_value

    plan, path, bundled = _plan(ctx)
    lang = _lang()
    with ledger_at(ctx.params.get("db"), path, bundled, write=False, quiet=True) as ledger:
        recent = ledger.entries(plan.id, include_voided=False)
    recent.sort(key=lambda e: e.seq, reverse=True)
    return [(e.id, f"{e.date} {e.goal} {entry_value(e, lang)}")
            for e in recent if e.id.startswith(incomplete)][:RECENT]  # fmt: skip


@_quiet
def plans(ctx: typer.Context, incomplete: str) -> Pairs:
    """Plan files (.yaml, .yml) in the folder being typed, then the known plans' ids (with
    their names)."""
    from plantrack.cli.options import lang_of
    from plantrack.planfile.known import known

    folder = Path(incomplete).parent if incomplete else Path()
    found = sorted(p for pattern in ("*.yaml", "*.yml") for p in folder.glob(pattern))
    names = [str(p) if incomplete else p.name for p in found]
    files = [(n, "plan file") for n in names if n.startswith(incomplete)]
    lang = lang_of(None)
    ids = {k.plan.id: k.plan.name(lang) for k in known()}
    return files + [(i, name) for i, name in ids.items() if i.startswith(incomplete)]
