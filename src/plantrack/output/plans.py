"""The plans listing on the terminal (``plantrack plans``)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from plantrack.i18n import t
from plantrack.output.tables import AtWidth, Col, goal_table, para
from plantrack.reports.plans import PlansView


def render_plans(view: PlansView, lang: str) -> RenderableType:
    """One row per plan: name, id (what --plan takes), period, goals, entries, where from
    (bundled, registered, ./targets.yaml; the files are in --json); ``*`` marks the plan
    read without --plan."""
    rows = view.rows
    cols = [
        Col(t("word.id", lang), [Text(("* " if r.default else "  ") + r.id, style="cyan")
                                 for r in rows], justify="left"),
        Col(t("plans.period", lang), [Text(r.period) for r in rows], justify="left", drop=1),
        Col(t("plans.goals", lang), [Text(str(r.goals)) for r in rows], drop=2),
        Col(t("plans.entries", lang), [Text(f"{r.entries:,}") for r in rows]),
        Col(t("plans.from", lang), [Text(t(f"plans.origin.{r.origin}", lang)) for r in rows],
            justify="left", drop=3),
    ]
    titles = [r.name + (t("plans.partial", lang) if r.partial else "") for r in rows]
    parts: list[RenderableType] = [
        AtWidth(lambda width: goal_table(width, t("word.plan_name", lang), titles, cols)),
        para(t("plans.legend", lang, ledger=view.ledger)),
    ]
    for pid, n in view.others:
        parts.append(para(t("plans.unknown", lang, id=pid, n=f"{n:,}")))
    return Group(*parts)
