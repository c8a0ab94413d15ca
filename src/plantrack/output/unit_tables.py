"""Target breakdowns for the terminal: the goal x unit table (``status --by unit``) and one
goal's units (``show``). Rich renderables built from reports.unitviews; never prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from plantrack.i18n import t
from plantrack.output.tables import AtWidth, Col, goal_table, para
from plantrack.output.terminal import STATUS_STYLE, _head, status_text

if TYPE_CHECKING:
    from plantrack.reports.unitviews import BreakdownView, MatrixView


def render_matrix(view: MatrixView, lang: str) -> RenderableType:
    """Goals down, units across: each cell the unit's figure / its share, in its status's
    colour; then the roll-up, the figure of the whole, their difference, and which of them
    the goal's status is judged on."""
    parts = _head(view.head)
    if view.empty:
        return Group(*parts, Text(""), para(view.empty, "yellow"))
    rows = view.rows
    cols = [Col(name, [Text("·", style="dim") if (c := r.cells[i]) is None else
                       Text(c.text, style=STATUS_STYLE.get(c.status, "")) for r in rows])
            for i, name in enumerate(view.units)]  # fmt: skip
    cols += [
        Col(t("unit.word.rollup", lang), [Text(r.rollup) for r in rows]),
        Col(t("unit.word.whole", lang), [Text(r.whole) for r in rows], drop=2),
        Col(t("unit.word.difference", lang), [Text(r.difference) for r in rows], drop=1),
        Col(t("unit.word.drives", lang), [Text(r.drives) for r in rows], justify="left",
            drop=3),
    ]  # fmt: skip
    table = AtWidth(lambda w: goal_table(w, t("word.goal", lang), [r.title for r in rows], cols,
                                         title=t("unit.word.breakdown", lang)))  # fmt: skip
    return Group(*parts, Text(""), table, para(view.note, "dim"))


def render_breakdown(view: BreakdownView, lang: str) -> RenderableType:
    """One goal's units against their shares, then its roll-up beside the whole's figure."""
    rows = view.rows
    cols = [
        Col(t("unit.word.share", lang), [Text(r.share) for r in rows]),
        Col(t("unit.word.figure", lang), [Text(r.current) for r in rows]),
        Col(t("word.progress", lang), [Text(r.pct) for r in rows]),
        Col(t("word.status", lang), [status_text(r.status, lang) for r in rows],
            justify="left"),
    ]  # fmt: skip
    table = AtWidth(lambda w: goal_table(w, t("unit.word.unit", lang), [r.name for r in rows],
                                         cols, title=t("unit.word.breakdown", lang)))  # fmt: skip
    pairs = [("unit.word.rollup", view.rollup), ("unit.word.whole", view.whole),
             ("unit.word.difference", view.difference), ("unit.word.drives", view.drives)]
    if view.lead:
        pairs.append(("unit.word.lead", view.lead))
    lines = [t("unit.line", lang, label=t(key, lang), value=value) for key, value in pairs]
    return Group(Text(""), table, *(para(line) for line in lines))
